// Package termtest checks text meant for a terminal, for tests: that it
// holds no escape sequence but SGR and safe OSC 8 hyperlinks, no control
// and no BiDi control, and none of what the hostile fixture plants.
package termtest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// CheckEscapes returns an error for the first thing in s that could drive a
// terminal other than convo's own styling: only SGR ("ESC[…m") and OSC 8
// hyperlinks ("ESC]8;params;URL" ended by ESC\ or BEL, URL empty or http,
// https or mailto) may appear. Every other escape sequence, C0 control but
// newline and tab, DEL, C1 control, BiDi control or invalid UTF-8 fails.
// It shares nothing with render's sanitiser, so it checks it too.
func CheckEscapes(s string) error {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("invalid UTF-8 at byte %d: %q", i, Around(s, i))
		case r == 0x1b:
			n, err := allowedEscape(s[i:])
			if err != nil {
				return fmt.Errorf("at byte %d: %v: %q", i, err, Around(s, i))
			}
			i += n
			continue
		case UnsafeRune(r):
			return fmt.Errorf("%U at byte %d: %q", r, i, Around(s, i))
		}
		i += size
	}
	return nil
}

// UnsafeRune lists, independently of render's sanitiser, the runes that
// must never reach the terminal: C0 but newline and tab, DEL, C1, the BiDi
// embeddings, overrides, isolates and marks, and the line and paragraph
// separators.
func UnsafeRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2028, r == 0x2029, r == 0xfeff:
		return true
	}
	return false
}

// allowedEscape is the length of the SGR or OSC 8 sequence s starts with,
// or an error naming what else it is.
func allowedEscape(s string) (int, error) {
	switch {
	case strings.HasPrefix(s, "\x1b["):
		n := 2
		for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == ';' || s[n] == ':') {
			n++
		}
		if n < len(s) && s[n] == 'm' {
			return n + 1, nil
		}
		return 0, fmt.Errorf("CSI other than SGR")
	case strings.HasPrefix(s, "\x1b]8;"):
		end := 4 + strings.IndexFunc(s[4:], func(r rune) bool { return r == 0x07 || r == 0x1b })
		if end < 4 {
			return 0, fmt.Errorf("unterminated OSC 8")
		}
		term := 1
		if s[end] == 0x1b {
			if !strings.HasPrefix(s[end:], "\x1b\\") {
				return 0, fmt.Errorf("OSC 8 cut by another escape")
			}
			term = 2
		}
		params, url, ok := strings.Cut(s[4:end], ";")
		if !ok || strings.Contains(params, ":") {
			return 0, fmt.Errorf("malformed OSC 8")
		}
		if url != "" && !SafeTarget(url) {
			return 0, fmt.Errorf("OSC 8 to %q", url)
		}
		for _, r := range url {
			if UnsafeRune(r) || r == ' ' {
				return 0, fmt.Errorf("%U in an OSC 8 target", r)
			}
		}
		return end + term, nil
	case strings.HasPrefix(s, "\x1b]"):
		return 0, fmt.Errorf("OSC other than 8")
	}
	return 0, fmt.Errorf("escape sequence other than SGR and OSC 8")
}

// SafeTarget reports an http, https or mailto URL, by its scheme alone.
func SafeTarget(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return ok
	}
	return false
}

// Around is a little of s either side of byte i, for failure messages.
func Around(s string, i int) string {
	return s[max(0, i-20):min(len(s), i+40)]
}

// Leaks are what the sequences render's hostile fixture plants would leave
// behind if any part of them got through: their payloads (PWN…), their
// introducers' text and the javascript: links. convo's own SGR and OSC 8
// hold none of them.
var Leaks = []string{"PWN", "javascript:", "]52;", "]0;", "[2J", "P+q", "\x1bc"}

// Leak returns the first of Leaks in s, or "]8;" outside an OSC 8 of
// convo's (what is left once the escape sequences are stripped), and a
// little of s around it.
func Leak(s string) (leak, context string, found bool) {
	for _, l := range Leaks {
		if i := strings.Index(s, l); i >= 0 {
			return l, Around(s, i), true
		}
	}
	if plain := ansi.Strip(s); strings.Contains(plain, "]8;") {
		return "]8;", Around(plain, strings.Index(plain, "]8;")), true
	}
	return "", "", false
}

// HostileSeeds are strings that have broken terminals and sanitisers: the
// seeds of the fuzz targets.
var HostileSeeds = []string{
	"\x1b]0;pwned\x07", "&#27;]0;x&#7;", "&amp;#27;[2J", "\u202eevil", "\u2066x\u2069",
	"a\u200bb", "\xff\xfe", "\x9b31m", "\u009b31m", "&#x9b;", "&#155;", "&l\u200bt;", "&amp;amp;amp;lt;",
	"\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07", "\x1bP+q\x1b\\", "&#0;", "&#xD800;",
	"👩\u200d👩\u200d👧", "O&#39;Neill", "&NegativeMediumSpace;", "&shy;x", "&#8206;",
	"\x1b]52;c;aGk=\x07", "\x1b[2J\x1b[H", "\x1bc", "\x1b(0", "\x1b#8", "\x1b]0;t\nx", "ftp://x.test/a",
	"\u009d0;t\u009c", "&#x1b;[&#x31;m", "\x1b&#91;2J", "&#27&#91;2J", "e\u0301\u0301", "a\tb",
	"&&#8203;#27;[2J", "<p>&amp;#27;[2J</p>",
}

// FixtureStrings are every string, keys included, in the JSON files at
// paths: fuzz seeds.
func FixtureStrings(tb testing.TB, paths ...string) []string {
	tb.Helper()
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		WalkStrings(v, func(_, s string) { out = append(out, s) })
	}
	return out
}

// WalkStrings calls fn with every string of a decoded JSON value, keys
// included, and where it is.
func WalkStrings(v any, fn func(path, s string)) {
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case string:
			fn(path, v)
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case map[string]any:
			for k, e := range v {
				fn(path+" key", k)
				walk(path+"."+k, e)
			}
		}
	}
	walk("", v)
}

// Conversation decodes the saved API response at path (the hostile
// fixture, say), failing the test if it cannot.
func Conversation(t testing.TB, path string) *api.Conversation {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := api.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
