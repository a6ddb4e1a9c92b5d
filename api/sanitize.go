package api

import (
	"html"
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
		t := StripControls(html.UnescapeString(s))
		if t == s {
			return s
		}
		s = t
	}
	// Still changing: an entity nested deeper than any real data. Disarm
	// every ampersand so that no entity is left to decode next time.
	return StripControls(strings.ReplaceAll(s, "&", "\uFF06"))
}

// SanitizeLine is Sanitize for one-line fields (names, tags, titles): line
// breaks, tabs and runs of spaces become single spaces, and the ends are
// trimmed.
func SanitizeLine(s string) string { return oneLine(Sanitize(s)) }

// oneLine puts s on one line: line breaks, tabs and runs of spaces become
// single spaces, and the ends are trimmed.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// SanitizeMarkup is Sanitize for HTML and Markdown. Sanitize itself would
// decode the entities, but there they are markup: a literal "<" is
// "&lt;", and an HTML parser or a Markdown renderer decodes entities once.
// So the forbidden runes are dropped as they stand, and so is every entity
// that would decode to one ("&#27;", "&#x202e;", "&shy;", "&amp;#27;"),
// while the harmless entities stay. Dropping can make a new entity of
// what is left ("&&#8203;#27;"), so it repeats until nothing changes.
func SanitizeMarkup(s string) string {
	for range maxDecodePasses {
		t := markupPass(s)
		if t == s {
			return s
		}
		s = t
	}
	return markupPass(strings.ReplaceAll(s, "&", "&amp;"))
}

// disarm returns a chunk of markup that starts with "&" as it is, unless
// its entity decodes, at some depth ("&amp;#27;"), to a forbidden rune or
// a tab: then the entity goes decoded, and a forbidden rune goes as
// StripControls drops it, with the sequence it starts. The rest of the
// chunk stays markup. A tab is kept, for the caller to expand with the
// other tabs.
func disarm(chunk string) string {
	r, end, ok := entityAt(chunk, 1, 0)
	if !ok || (r != '\t' && !forbidden(r)) {
		return chunk
	}
	return StripControls(string(r) + chunk[end:])
}

// markupPass is one pass of SanitizeMarkup.
func markupPass(s string) string {
	s = StripControls(s)
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		// The chunk runs to the next "&", so it holds at most one entity,
		// at its start; entity names and numbers are alphanumeric, so no
		// Markdown delimiter can cut one shorter than html decodes it here.
		end := len(s)
		if j := strings.IndexByte(s[i+1:], '&'); j >= 0 {
			end = i + 1 + j
		}
		b.WriteString(disarm(s[i:end]))
		s = s[end:]
	}
}

// StripControls drops what Sanitize forbids, without decoding entities:
// the form for HTML and Markdown, where entities are markup. An ESC or C1 control that
// starts an escape sequence goes with the whole sequence a terminal would
// read (its parameters, its string and terminator), so that no payload
// such as "]52;c;…" or "[2J" is left on screen as text; other forbidden
// runes go alone. Invalid UTF-8 becomes U+FFFD. s itself comes back,
// without allocating, when nothing changes.
func StripControls(s string) string {
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

// firstForbidden is the index of the first rune StripControls would change,
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
