package render

import (
	"net/url"
	"strings"
	"unicode"
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
