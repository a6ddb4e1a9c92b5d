package render

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// PlainBody is an HTML body as plain text wrapped to width cells (no
// wrapping when width <= 0), with no escape sequences: the body pipeline up
// to Markdown, unescaped, with links written "label (url)". It serves text
// output, JSON and search.
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
		return ansi.Hardwrap(line, width, true)
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

// wrapText word-wraps s to width with ansi.Wrap, then cuts any line still
// too wide: ansi.Wrap treats "-" as a break point and leaves a long word
// of hyphens ("|---|------…", a table rule) wider than the limit.
func wrapText(s string, width int) string {
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
