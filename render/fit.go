package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// How the details panel fits a value to its width.

// valueBreaks are where a value may break besides spaces: after the
// punctuation that joins the parts of an address, a URL or a compound
// word.
const valueBreaks = "@.-/?&"

// WrapValue wraps a one-line value to width cells and returns its lines.
// A line breaks at a space or just after one of @ . - / ? &, never inside
// a run between two such places; only a run wider than the whole width is
// cut. ansi.Wrap is not used: a break character that lands past the
// width joins the next word, which it then cuts ("morgan@exam" over
// "ple.com").
func WrapValue(s string, width int) []string {
	width = max(width, 1)
	if ansi.StringWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var line strings.Builder
	lineW := 0
	flush := func() {
		if l := strings.TrimRight(line.String(), " "); l != "" || len(lines) == 0 {
			lines = append(lines, l)
		}
		line.Reset()
		lineW = 0
	}
	for _, run := range valueRuns(s) {
		text := strings.TrimRight(run, " ") // trailing spaces may hang past the edge
		w := ansi.StringWidth(text)
		if lineW > 0 && lineW+w > width {
			flush()
		}
		if lineW == 0 {
			run = strings.TrimLeft(run, " ")
			text = strings.TrimLeft(text, " ")
			w = ansi.StringWidth(text)
		}
		if w > width { // a run no line holds: cut it
			cut := strings.Split(ansi.Hardwrap(text, width, true), "\n")
			lines = append(lines, cut[:len(cut)-1]...)
			run = cut[len(cut)-1] + run[len(text):]
		}
		line.WriteString(run)
		lineW += ansi.StringWidth(run)
	}
	flush()
	return lines
}

// valueRuns splits s after every space and break character: each run
// ends where a line may break.
func valueRuns(s string) []string {
	var runs []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		// A break comes after spaces (all of them) and after a break
		// character not followed by a space.
		if (c == ' ' && next != ' ') || (strings.IndexByte(valueBreaks, c) >= 0 && next != ' ' && next != 0) {
			runs = append(runs, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		runs = append(runs, s[start:])
	}
	return runs
}

// ShortenMiddle fits an identifier to width cells by cutting its middle
// for a "…": its start and end are what people compare ("674d2a…e21").
func ShortenMiddle(s string, width int) string {
	sw := ansi.StringWidth(s)
	if sw <= width {
		return s
	}
	if width <= 1 {
		return ansi.Truncate(s, max(width, 0), "")
	}
	head := (width - 1 + 1) / 2
	tail := width - 1 - head
	return ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, sw-tail, "")
}
