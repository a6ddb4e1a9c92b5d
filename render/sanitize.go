package render

import (
	"html"
	"net/url"
	"strings"
	"unicode"
)

// maxDecodePasses bounds how often Sanitize decodes entities and strips
// runes before it gives up on reaching a fixed point. Real data needs one
// or two passes; only deliberately nested encodings ("&amp;amp;amp;…") need
// more, and those must not cost a pass per level of nesting.
const maxDecodePasses = 8

// Sanitize makes one untrusted plain string from the API safe to print: it
// decodes HTML entities (names arrive as "O&#39;Neill", and an encoded
// "&#27;" must not become a live ESC), turns invalid UTF-8 into U+FFFD and
// drops every rune that could move the cursor, change the terminal's state
// or hide text: ESC and the other C0 controls except newline and tab, DEL,
// C1, BiDi overrides and isolates, line and paragraph separators and the
// invisible format characters (zero-width space, BOM, soft hyphen, marks,
// tag characters). ZWJ and ZWNJ stay: emoji sequences and several scripts
// need them.
//
// Sanitize is idempotent: decoding and stripping repeat until nothing
// changes, because each can uncover work for the other ("&amp;#27;",
// "&l\u200bt;").
func Sanitize(s string) string {
	for range maxDecodePasses {
		t := stripForbidden(html.UnescapeString(s))
		if t == s {
			return s
		}
		s = t
	}
	// Still changing: an entity nested deeper than any real data. Disarm
	// every ampersand so that no entity is left to decode next time.
	return stripForbidden(strings.ReplaceAll(s, "&", "\uFF06"))
}

// SanitizeLine is Sanitize for one-line fields (names, tags, titles): line
// breaks, tabs and runs of spaces become single spaces, and the ends are
// trimmed.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// SafeURL returns the sanitised URL when it is an absolute http or https
// URL with a host, or a mailto URL, and "" otherwise: javascript:, data:,
// file:, relative and malformed URLs are never shown as links.
func SafeURL(s string) string {
	s = strings.TrimSpace(Sanitize(s))
	if s == "" || strings.ContainsFunc(s, unicode.IsSpace) {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			return ""
		}
	default:
		return ""
	}
	return s
}

// stripForbidden drops the runes Sanitize forbids. strings.Map also turns
// each invalid UTF-8 byte into U+FFFD, and returns s itself, without
// allocating, when nothing changes.
func stripForbidden(s string) string {
	return strings.Map(func(r rune) rune {
		if forbidden(r) {
			return -1
		}
		return r
	}, s)
}

// forbidden reports whether r must never reach the terminal.
func forbidden(r rune) bool {
	if r < 0x80 {
		return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f
	}
	switch {
	case r <= 0x9f: // C1 controls, including CSI (U+009B) and NEL
		return true
	case r == '\u200c', r == '\u200d': // ZWNJ, ZWJ: needed by emoji and scripts
		return false
	case r == '\u2028', r == '\u2029': // line and paragraph separators
		return true
	}
	// Cf holds the BiDi overrides and isolates, LRM/RLM, ZWSP, BOM, soft
	// hyphen, word joiners, interlinear annotations and tag characters.
	return unicode.Is(unicode.Cf, r)
}
