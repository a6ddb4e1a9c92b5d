package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text stays", "Maya Chen", "Maya Chen"},
		{"newline and tab stay", "a\nb\tc", "a\nb\tc"},
		{"entity-encoded name", "O&#39;Neill", "O'Neill"},
		{"named entities", "Tom &amp; Jerry &lt;3", "Tom & Jerry <3"},
		{"ESC and CSI", "a\x1b[31mred\x1b[0m", "a[31mred[0m"},
		{"entity-encoded OSC title", "&#27;]0;x&#7;", "]0;x"},
		{"hex entity ESC", "&#x1b;[2J", "[2J"},
		{"double-encoded ESC", "&amp;#27;[2J", "[2J"},
		{"C0 controls", "a\x00b\x07c\x08d\re\x7ff", "abcdef"},
		{"C1 controls", "a\u0085b\u009bc\u0090d", "abcd"},
		{"BiDi overrides", "abc\u202eevil\u202c", "abcevil"},
		{"BiDi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"marks and zero width", "a\u200eb\u200fc\u200bd\ufeffe\u00adf", "abcdef"},
		{"line separators", "a\u2028b\u2029c", "abc"},
		{"tag characters", "x\U000E0041\U000E007Fy", "xy"},
		{"ZWJ emoji kept", "👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"},
		{"ZWNJ kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"combining marks kept", "e\u0301", "e\u0301"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"truncated rune", "a\xe3\x81", "a\ufffd\ufffd"},
		{"stripping uncovers an entity", "&l\u200bt;", "<"},
		// Each pass peels one level; past maxDecodePasses the rest is disarmed.
		{"deeply nested entity", "&" + strings.Repeat("amp;", 21) + "lt;", "\uFF06" + strings.Repeat("amp;", 21-maxDecodePasses) + "lt;"},
		{"NUL entity", "a&#0;b", "a\ufffdb"},
		{"cp1252 numeric C1 becomes printable", "&#x9b;", "›"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: Sanitize(%q) = %q, then %q", tt.in, got, again)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one line", "Sam Lee", "Sam Lee"},
		{"breaks and tabs", " Sam\n\tLee \r\n", "Sam Lee"},
		{"entities then spaces", "Sam&#10;Lee", "Sam Lee"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeLine(tt.in); got != tt.want {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"https", "https://example.com/a?b=c", "https://example.com/a?b=c"},
		{"http upper scheme", "HTTP://example.com", "HTTP://example.com"},
		{"mailto", "mailto:sam@example.com", "mailto:sam@example.com"},
		{"trimmed", "  https://example.com  ", "https://example.com"},
		{"javascript", "javascript:alert(1)", ""},
		{"javascript mixed case", "JaVaScRiPt:alert(1)", ""},
		{"data", "data:text/html;base64,PHNjcmlwdD4=", ""},
		{"file", "file:///etc/passwd", ""},
		{"relative", "/the/page/url.html", ""},
		{"no host", "https:///x", ""},
		{"empty mailto", "mailto:", ""},
		{"space inside", "https://example.com/a b", ""},
		{"escape removed", "https://example.com/\x1b]8;;x", "https://example.com/]8;;x"},
		{"entity-encoded scheme", "javascript&#58;alert(1)", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SafeURL(tt.in)
			if got != tt.want {
				t.Errorf("SafeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := SafeURL(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

// hostileSeeds are strings that have broken terminals and sanitisers.
var hostileSeeds = []string{
	"\x1b]0;pwned\x07", "&#27;]0;x&#7;", "&amp;#27;[2J", "\u202eevil", "\u2066x\u2069",
	"a\u200bb", "\xff\xfe", "\x9b31m", "\u009b31m", "&#x9b;", "&l\u200bt;", "&amp;amp;amp;lt;",
	"\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07", "\x1bP+q\x1b\\", "&#0;", "&#xD800;",
	"👩\u200d👩\u200d👧", "O&#39;Neill", "&NegativeMediumSpace;", "&shy;x", "&#8206;",
}

// forbiddenIn returns the first rune Sanitize must have removed, if any.
func forbiddenIn(s string) (rune, bool) {
	for _, r := range s {
		if forbidden(r) {
			return r, true
		}
	}
	return 0, false
}

func FuzzSanitize(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Sanitize(in)
		if !utf8.ValidString(got) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, got)
		}
		if r, bad := forbiddenIn(got); bad {
			t.Fatalf("Sanitize(%q) = %q keeps %U", in, got, r)
		}
		if again := Sanitize(got); again != got {
			t.Fatalf("not idempotent: Sanitize(%q) = %q, then %q", in, got, again)
		}
		line := SanitizeLine(in)
		if strings.ContainsAny(line, "\n\t") || SanitizeLine(line) != line {
			t.Fatalf("SanitizeLine(%q) = %q: not one stable line", in, line)
		}
		if u := SafeURL(in); u != "" && (SafeURL(u) != u || strings.ContainsFunc(u, forbidden)) {
			t.Fatalf("SafeURL(%q) = %q: unstable or unsafe", in, u)
		}
	})
}
