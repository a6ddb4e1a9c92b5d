package render

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// SafeURL returns the URL, already clean (see api.Clean), when it is an absolute http or https
// URL with a host, or a mailto URL, and "" otherwise: javascript:, data:,
// file:, relative and malformed URLs are never shown as links.
func SafeURL(s string) string {
	s = strings.TrimSpace(s)
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
//
// It also makes the links cheaper to draw, without changing a cell's text
// or style: glamour opens each link with an id= parameter, which the
// terminal is sent again on every row and is dropped here, and it links a
// link's text and its printed URL apart ("text URL", closed and opened
// again around the space), which become one link: a close followed, on the
// same line, by only styling and spaces and then an open of the same
// target is left out with that open.
func safeHyperlinks(s string) string {
	const open = "\x1b]8;"
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	linked := "" // the target of the link written and not yet closed
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		seq, target, ok := osc8(s)
		if !ok {
			return b.String() // unterminated: nothing after it is safe to keep
		}
		s = s[len(seq):]
		switch {
		case target != "" && !allowedURL(target):
		case target != "":
			b.WriteString(ansi.SetHyperlink(target))
			linked = target
		case linked != "" && reopens(s, linked):
			// The same link goes on after the styling and spaces: skip
			// the close here and the open that follows.
			j := strings.Index(s, open)
			b.WriteString(s[:j])
			next, _, _ := osc8(s[j:])
			s = s[j+len(next):]
		default:
			b.WriteString(seq)
			linked = ""
		}
	}
}

// osc8 is the OSC 8 sequence s starts with and its target, or false when
// it is not terminated (by BEL, or ESC \).
func osc8(s string) (seq, target string, ok bool) {
	end := strings.IndexAny(s[1:], "\x07\x1b") + 1
	if end == 0 {
		return "", "", false
	}
	n := end + 1
	if s[end] == 0x1b {
		n++
	}
	seq = s[:min(n, len(s))]
	_, target, _ = strings.Cut(s[len("\x1b]8;"):end], ";")
	return seq, target, true
}

// reopens reports whether s is only SGR sequences and spaces up to an
// OSC 8 opening of target.
func reopens(s, target string) bool {
	for {
		switch {
		case strings.HasPrefix(s, " "):
			s = s[1:]
		case strings.HasPrefix(s, "\x1b]8;"):
			_, t, ok := osc8(s)
			return ok && t == target
		case strings.HasPrefix(s, "\x1b["):
			j := strings.IndexFunc(s[2:], func(r rune) bool { return r != ';' && (r < '0' || r > '9') })
			if j < 0 || s[2+j] != 'm' {
				return false
			}
			s = s[2+j+1:]
		default:
			return false
		}
	}
}
