package config

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Printable makes text that is not convo's own (an argument, a path, a
// command's stderr) safe to quote in a one-line error, as render does with
// the API's text: an escape sequence goes whole, every other control or
// format character (C0, C1, BiDi overrides and isolates, zero-width ones)
// is dropped, line breaks and tabs become spaces and invalid UTF-8 becomes
// U+FFFD.
func Printable(s string) string {
	s = ansi.Strip(strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}

// clip keeps an echoed argument short and printable in a one-line error.
func clip(s string) string {
	s = Printable(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// oneLine keeps an error to one printable line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(Printable(s)), " ")
}

// secretLike is a word that may be a token, a password or a key: 16 or more
// of the characters they are made of.
var secretLike = regexp.MustCompile(`[A-Za-z0-9_\-.=+/:]{16,}`)

// maskSecrets hides every word of s that looks like a secret: a command's
// stderr may repeat what it was about to print.
func maskSecrets(s string) string {
	return secretLike.ReplaceAllString(s, "[hidden]")
}
