package render

import (
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
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
// tag characters). An escape sequence goes whole, its payload with it
// ("\x1b]0;title\x07" leaves nothing). ZWJ and ZWNJ stay: emoji sequences
// and several scripts need them.
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
	if !allowedURL(s) {
		return ""
	}
	return s
}

// allowedURL reports whether s, already sanitised, is a link convo may
// show: absolute http or https with a host, or mailto.
func allowedURL(s string) bool {
	if s == "" || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != "" || u.Path != ""
	}
	return false
}

// safeHyperlinks drops the OSC 8 hyperlinks in glamour's output whose
// targets allowedURL refuses: glamour links whatever its Markdown parser
// takes for a URL, "ftp://…" in plain text included. The text stays, and
// so do the closing sequences, which name no target.
func safeHyperlinks(s string) string {
	const open = "\x1b]8;"
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexAny(s[1:], "\x07\x1b") + 1 // the terminator: BEL, or ESC \
		if end == 0 {
			return b.String() // unterminated: nothing after it is safe to keep
		}
		n := end + 1
		if s[end] == 0x1b {
			n++
		}
		seq := s[:min(n, len(s))]
		if _, target, _ := strings.Cut(s[len(open):end], ";"); target == "" || allowedURL(target) {
			b.WriteString(seq)
		}
		s = s[len(seq):]
	}
}

// stripForbidden drops what Sanitize forbids. An ESC or C1 control that
// starts an escape sequence goes with the whole sequence a terminal would
// read (its parameters, its string and terminator), so that no payload
// such as "]52;c;…" or "[2J" is left on screen as text; other forbidden
// runes go alone. Invalid UTF-8 becomes U+FFFD. s itself comes back,
// without allocating, when nothing changes.
func stripForbidden(s string) string {
	i := firstForbidden(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b || (r >= 0x80 && r <= 0x9f):
			i += escapeLen(s[i:])
		case forbidden(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// firstForbidden is the index of the first rune stripForbidden would change,
// or -1.
func firstForbidden(s string) int {
	for i, r := range s {
		if forbidden(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return i
		}
	}
	return -1
}

// escapeLen is how many bytes of s, which starts with ESC or a C1 control,
// a terminal would take as one escape sequence (ECMA-48): a CSI with its
// parameters and final byte; an OSC, DCS, SOS, PM or APC with its string
// and terminator; ESC and the byte or bytes after it; else the control
// alone.
func escapeLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if r == 0x1b {
		if n == len(s) {
			return n
		}
		switch c := s[n]; {
		case c == '[':
			r = 0x9b
		case c == ']':
			r = 0x9d
		case c == 'P' || c == 'X' || c == '^' || c == '_':
			r = 0x90 // DCS, SOS, PM, APC: all strings
		case c >= 0x20 && c <= 0x2f: // intermediates, then a final byte
			for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
				n++
			}
			if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
				n++
			}
			return n
		case c >= 0x30 && c <= 0x7e: // ESC c (reset), ESC 7, ESC M…
			return n + 1
		default:
			return n
		}
		n++
	}
	switch r {
	case 0x9b: // CSI
		for n < len(s) && s[n] >= 0x30 && s[n] <= 0x3f {
			n++
		}
		for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
			n++
		}
		if n < len(s) && s[n] >= 0x40 && s[n] <= 0x7e {
			n++
		}
		return n
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f: // DCS, SOS, OSC, PM, APC
		return n + stringLen(s[n:])
	}
	return n
}

// stringLen is the length of a control string's body and terminator: up
// to BEL or ST (ESC \ or U+009C). Any other control ends it early and is
// left to be dealt with on its own, so a line break (and the text after
// it) survives an unterminated string.
func stringLen(s string) int {
	for i, r := range s {
		switch {
		case r == 0x07 || r == 0x9c:
			return i + utf8.RuneLen(r)
		case r == 0x1b && strings.HasPrefix(s[i+1:], "\\"):
			return i + 2
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return i
		}
	}
	return len(s)
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
