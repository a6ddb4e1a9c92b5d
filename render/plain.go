package render

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// PlainBody is an HTML body as plain text wrapped to width cells (no
// wrapping when width <= 0), with no escape sequences: the body pipeline up
// to Markdown, unescaped, with links written "label (url)". It serves text
// output, JSON and search. A URL is never split: one too long for any line
// overflows it on a line of its own (see wrapText).
func PlainBody(body string, width int) string {
	md := plainMarkdown(body)
	if width <= 0 || md == "" {
		return md
	}
	return wrapPlain(md, width)
}

// hangingPrefix matches what starts a Markdown line and should start its
// continuation lines too, as blank space: list markers, quote bars, indents.
var hangingPrefix = regexp.MustCompile(`^(?:\s*(?:[-*+]|\d+[.)])\s+|\s*(?:>\s?)+|\s+)`)

// wrapPlain wraps each line to width. A wrapped list item or quote keeps
// its indent on the lines it continues onto, so lists stay readable;
// fenced code is cut hard rather than reflowed.
func wrapPlain(md string, width int) string {
	var b strings.Builder
	inFence := false
	for i, line := range strings.Split(md, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
		}
		b.WriteString(wrapLine(line, width, inFence))
	}
	return b.String()
}

// wrapLine wraps one line of plain text to width cells.
func wrapLine(line string, width int, hard bool) string {
	if ansi.StringWidth(line) <= width {
		return line
	}
	if hard {
		return hardwrap(line, width)
	}
	prefix := hangingPrefix.FindString(line)
	indent := ansi.StringWidth(prefix)
	if indent > width/2 {
		// Too deep to keep: wrap the whole line at full width.
		return wrapText(line, width)
	}
	cont := strings.Repeat(" ", indent)
	if strings.HasPrefix(strings.TrimSpace(prefix), ">") {
		cont = prefix // a quote's continuation is still quoted
	}
	lines := strings.Split(wrapText(line[len(prefix):], width-indent), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = cont + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// wrapText word-wraps s to width, keeping every URL whole: ansi.Wrap
// breaks words at hyphens and cuts those longer than the width, which
// leaves a link nobody can click or paste. A URL that fits moves to the
// next line like any word; one wider than the width overflows it on a
// line of its own, with the text before and after it on lines of their
// own. A printed time ("2026-11-24 13:00 CET") that fits stays on one
// line too.
func wrapText(s string, width int) string {
	if !strings.Contains(s, ":") { // every URL and time has one: the common case is quick
		return wrapWords(s, width)
	}
	var lines []string
	start := 0
	flush := func(text string) {
		if text = strings.Trim(text, " "); text != "" {
			lines = append(lines, wrapKeepingURLs(text, width))
		}
	}
	for _, tok := range tokens(s) {
		if isURL(s[tok[0]:tok[1]]) && ansi.StringWidth(s[tok[0]:tok[1]]) > width {
			flush(s[start:tok[0]])
			lines = append(lines, s[tok[0]:tok[1]])
			start = tok[1]
		}
	}
	if start == 0 {
		return wrapKeepingURLs(s, width)
	}
	flush(s[start:])
	return strings.Join(lines, "\n")
}

// wrapKeepingURLs wraps s, whose URLs all fit the width, with each URL
// and printed time standing in as a word ansi.Wrap cannot break: a run of
// one private-use character as wide as what it stands for. Text that has
// private-use characters of its own puts each URL on a line of its own
// instead.
func wrapKeepingURLs(s string, width int) string {
	spans := unbreakable(s, width)
	if len(spans) == 0 {
		return wrapWords(s, width)
	}
	if strings.ContainsFunc(s, isPrivateUse) {
		return urlsApart(s, width)
	}
	var b strings.Builder
	start := 0
	for i, sp := range spans {
		b.WriteString(s[start:sp[0]])
		b.WriteString(placeholder(i, ansi.StringWidth(s[sp[0]:sp[1]])))
		start = sp[1]
	}
	b.WriteString(s[start:])
	out := wrapWords(b.String(), width)
	for i, sp := range spans {
		// In order, each stand-in is the first of its kind left.
		span := s[sp[0]:sp[1]]
		out = strings.Replace(out, placeholder(i, ansi.StringWidth(span)), span, 1)
	}
	return out
}

// printedTime matches a time as printed output writes it (see
// layoutPrinted).
var printedTime = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z+-][A-Za-z0-9+-]*`)

// unbreakable are the byte ranges of s, in order, that wrapping keeps on
// one line: its URLs, and its printed times that fit the width.
func unbreakable(s string, width int) [][2]int {
	var spans [][2]int
	for _, tok := range tokens(s) {
		if isURL(s[tok[0]:tok[1]]) {
			spans = append(spans, tok)
		}
	}
	urls := len(spans)
	for _, m := range printedTime.FindAllStringIndex(s, -1) {
		inURL := slices.ContainsFunc(spans[:urls], func(u [2]int) bool { return m[0] < u[1] && u[0] < m[1] })
		if !inURL && ansi.StringWidth(s[m[0]:m[1]]) <= width {
			spans = append(spans, [2]int{m[0], m[1]})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	return spans
}

// urlsApart wraps s with every URL on a line of its own.
func urlsApart(s string, width int) string {
	var lines []string
	start := 0
	for _, tok := range tokens(s) {
		if word := s[tok[0]:tok[1]]; isURL(word) {
			if text := strings.Trim(s[start:tok[0]], " "); text != "" {
				lines = append(lines, wrapWords(text, width))
			}
			lines = append(lines, word)
			start = tok[1]
		}
	}
	if text := strings.Trim(s[start:], " "); text != "" {
		lines = append(lines, wrapWords(text, width))
	}
	return strings.Join(lines, "\n")
}

// placeholder is the stand-in for the i-th URL: n cells of one
// private-use character. Neighbouring URLs get different characters, and
// URLs are separated by spaces, so a stand-in is never part of another.
func placeholder(i, n int) string {
	return strings.Repeat(string(rune(0xE000+i%0x1000)), n)
}

func isPrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// hardwrap cuts a line of code at the width, but not inside a URL: a URL
// that does not fit goes on a line of its own, whole.
func hardwrap(line string, width int) string {
	var lines []string
	start := 0
	for _, tok := range tokens(line) {
		if word := line[tok[0]:tok[1]]; isURL(word) {
			if text := strings.TrimRight(line[start:tok[0]], " "); text != "" {
				lines = append(lines, ansi.Hardwrap(text, width, true))
			}
			lines = append(lines, word)
			start = tok[1]
		}
	}
	if start == 0 {
		return ansi.Hardwrap(line, width, true)
	}
	if text := strings.Trim(line[start:], " "); text != "" {
		lines = append(lines, ansi.Hardwrap(text, width, true))
	}
	return strings.Join(lines, "\n")
}

// tokens are the byte ranges of s's words, separated by spaces.
func tokens(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// isURL reports whether a word is a link, after any opening punctuation:
// "(https://example.com/a)." is one. Such a word is never split.
func isURL(word string) bool {
	word = strings.TrimLeft(word, "([<{\"'“‘«")
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if len(word) > len(scheme) && strings.EqualFold(word[:len(scheme)], scheme) {
			return true
		}
	}
	return false
}

// urlOverflow reports whether line is one that wrapText leaves wider than
// width on purpose: a URL too long for any line, after at most a short
// prefix (an indent, a list marker, a quote or note bar).
func urlOverflow(line string, width int) bool {
	trimmed := strings.TrimRight(line, " ")
	i := strings.LastIndexByte(trimmed, ' ') + 1
	prefix, last := trimmed[:i], trimmed[i:]
	return isURL(last) && ansi.StringWidth(last) > width-ansi.StringWidth(prefix) &&
		ansi.StringWidth(prefix) <= width/2+2 && !strings.ContainsFunc(prefix, unicode.IsLetter)
}

// wrapWords word-wraps s to width with ansi.Wrap, then cuts any line still
// too wide: ansi.Wrap treats "-" as a break point and leaves a long word
// of hyphens ("|---|------…", a table rule) wider than the limit.
func wrapWords(s string, width int) string {
	wrapped := ansi.Wrap(s, width, "")
	lines := strings.Split(wrapped, "\n")
	changed := false
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i], changed = ansi.Hardwrap(l, width, true), true
		}
	}
	if !changed {
		return wrapped
	}
	return strings.Join(lines, "\n")
}
