package api

import (
	"strconv"
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	const tok = "dG9rOmFiYzEyMw=="
	ents := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		}
		return b.String()
	}
	tests := []struct {
		name, in, want string
		html           bool
	}{
		{"as itself", "Bearer " + tok + " was refused", "Bearer [token] was refused", false},
		{"twice", tok + "," + tok, "[token],[token]", false},
		{"starting inside what reads as a percent escape", "%2" + tok, "%2[token]", false},
		{"so once entities are read", "%2" + ents("d") + "G9rOmFiYzEyMw==", "%2[token]", false},
		{"zero-width space inside", "x dG9rOmF\u200biYzEyMw== y", "x [token] y", false},
		{"BiDi marks inside", "dG9r\u202eOmFiYzEy\u202cMw==", "[token]", false},
		{"a control inside", "dG9rOm\x01FiYzEyMw==", "[token]", false},
		{"an escape sequence inside", "dG9rOmFi\x1b[1mYzEyMw==\x1b[0m", "[token]\x1b[0m", false},
		{"decimal entities", "<" + ents(tok) + ">", "<[token]>", false},
		{"hex entities", "&#x64;&#x47;9rOmFiYzEyMw&#x3D;&#x3d;", "[token]", false},
		{"nested entities", "&amp;#100;G9rOmFiYzEyMw&amp;amp;#61;=", "[token]", false},
		{"named entity for =", "dG9rOmFiYzEyMw&equals;&equals;", "[token]", false},
		{"percent-encoded", "dG9rOmFiYzEyMw%3D%3D", "[token]", false},
		{"clipped by an ellipsis", "token dG9rOmFi…", "token [token]…", false},
		{"tags in HTML", "<p>dG9r<b>OmFi</b>YzEyMw==</p>", "<p>[token]</p>", true},
		{"a comment in HTML", "dG9rOmFi<!-- -->YzEyMw==", "[token]", true},
		{"a link's target in HTML", `<a href="https://x.test/?t=dG9rOmFiYzEyMw==">x</a>`, `<a href="https://x.test/?t=[token]">x</a>`, true},
		{"tags outside HTML are text", "dG9r<b>OmFiYzEyMw==", "dG9r<b>OmFiYzEyMw==", false},
		{"another token stays", "dG9rOmFiYzEyMx==", "dG9rOmFiYzEyMx==", false},
		{"a space is not disguise", "dG9rOm FiYzEyMw==", "dG9rOm FiYzEyMw==", false},
		{"too short a clip stays", "dG9…", "dG9…", false},
		{"empty", "", "", false},
	}
	sc := NewScrubber(tok)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sc.Scrub(tt.in)
			if tt.html {
				got = sc.ScrubHTML(tt.in)
			}
			if got != tt.want {
				t.Errorf("want %q, got %q", tt.want, got)
			}
		})
	}
	if NewScrubber("abc") != nil || NewScrubber("abc").Scrub(tok) != tok {
		t.Error("a secret under four runes must not be looked for")
	}
}

// TestScrubLinear checks that scrubbing is linear in its input whatever
// it holds, by the input's own shape: every "<" without a ">" and every
// "&" must not cost a scan to the end.
func TestScrubLinear(t *testing.T) {
	sc := NewScrubber("dG9rOmFiYzEyMw==")
	for _, in := range []string{
		strings.Repeat("<a", 200_000),
		strings.Repeat("&amp;", 100_000),
		strings.Repeat("&#100;G9", 100_000),
		strings.Repeat("\x1b[", 100_000),
	} {
		if got := sc.ScrubHTML(in); got != in {
			t.Errorf("changed %q… with no secret in it", in[:20])
		}
	}
}
