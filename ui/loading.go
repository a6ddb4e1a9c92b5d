package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// loading is the spinner and "Loading <label>…", shown from the very first
// frame (before the terminal's size is known) until the first blocks are
// rendered, with the wait for a retry under it while there is one.
type loading struct {
	spin          spinner.Model
	text          string
	wait          string // "Rate limited by Intercom · retrying in 12s (attempt 2)", or ""
	hint          string // "q quit"
	st            *Styles
	width, height int
}

func newLoading(text, hint string, st *Styles) loading {
	l := loading{spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), text: text, hint: hint}
	l.SetStyles(st)
	return l
}

// Tick starts the spinner (a tea.Cmd).
func (l loading) Tick() tea.Msg { return l.spin.Tick() }

// Update advances the spinner.
func (l loading) Update(msg tea.Msg) (loading, tea.Cmd) {
	var cmd tea.Cmd
	l.spin, cmd = l.spin.Update(msg)
	return l, cmd
}

// SetText changes what the spinner says ("Rendering …" once loaded).
func (l *loading) SetText(s string) { l.text = s }

// SetWait sets the line about a wait between attempts; "" removes it.
func (l *loading) SetWait(s string) { l.wait = s }

// SetSize sets the screen's size.
func (l *loading) SetSize(w, h int) { l.width, l.height = w, h }

// SetStyles switches the theme.
func (l *loading) SetStyles(st *Styles) {
	l.st = st
	l.spin.Style = st.Spinner
}

// Line is the spinner and its text on one line: all there is to show
// before the terminal's size is known.
func (l loading) Line() string {
	if l.wait != "" {
		return l.spinning() + l.st.Hint.Render(" · "+l.wait)
	}
	return l.spinning()
}

// View is the whole screen: the line in the middle, the wait under it,
// and how to quit below.
func (l loading) View() string {
	text := l.spinning()
	if l.wait != "" {
		text += "\n" + l.st.Hint.Render(l.wait)
	}
	return centred(l.width, l.height, text, l.st.Hint.Render(l.hint))
}

// spinning is the spinner and what it says.
func (l loading) spinning() string {
	return l.spin.View() + " " + l.st.Loading.Render(l.text)
}

// errorLine is the failure on one line: "✗ " and the error.
func errorLine(st *Styles, err error) string {
	return st.Error.Render("✗ ") + st.Loading.Render(errorText(err))
}

// errorView is the whole screen for a failure: "✗ " and the error, wrapped
// at spaces under itself, then the hint (how to retry or quit). The lines
// start at one column: a block, placed in the middle of the screen.
func errorView(st *Styles, err error, hint string, width, height int) string {
	lines := wrapWords(errorText(err), max(width-4, 1)) // "✗ " and a margin
	for i, l := range lines {
		lead := "  "
		if i == 0 {
			lead = st.Error.Render("✗ ")
		}
		lines[i] = lead + st.Loading.Render(l)
	}
	lines = fit(width, height, lines, st.Hint.Render(hint))
	block := lipgloss.Width(strings.Join(lines, "\n"))
	for i, l := range lines {
		lines[i] = l + strings.Repeat(" ", max(0, block-ansi.StringWidth(l)))
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}

// errorText is the error made safe and flattened: an error may quote what
// a server sent.
func errorText(err error) string {
	return strings.Join(strings.Fields(api.Sanitize(err.Error())), " ")
}

// wrapWords breaks s into lines of at most width columns at spaces only:
// ansi.Wrap also breaks after hyphens, which splits request ids and hosts.
// A word wider than a line is cut.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
			continue
		default:
			lines = append(lines, line)
		}
		pieces := strings.Split(ansi.Hardwrap(w, width, false), "\n")
		lines = append(lines, pieces[:len(pieces)-1]...)
		line = pieces[len(pieces)-1]
	}
	return append(lines, line)
}

// centred places the lines in the middle of a width x height screen, a
// blank line between them, each line centred. See fit for a small screen.
func centred(width, height int, text, hint string) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := fit(width, height, strings.Split(text, "\n"), hint)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}

// fit is the lines, a blank line and the hint, cut to width x height. On a
// screen too small for both, the hint (the way out) keeps the last line and
// the text is cut, marked "…"; one line holds the text alone.
func fit(width, height int, lines []string, hint string) []string {
	if width <= 0 || height <= 0 {
		return nil
	}
	lines = slices.Clone(lines)
	switch {
	case height >= len(lines)+2:
		lines = append(lines, "", hint)
	case height >= 2:
		if len(lines) > height-1 {
			lines = lines[:height-1]
			lines[height-2] += "…"
		}
		lines = append(lines, hint)
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return lines
}
