package ui

import (
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

// errorLine is the failure on one line: "✗ " and the error, made safe and
// flattened (an error may quote what a server sent).
func errorLine(st *Styles, err error) string {
	msg := strings.Join(strings.Fields(api.Sanitize(err.Error())), " ")
	return st.Error.Render("✗ ") + st.Loading.Render(msg)
}

// errorView is the whole screen for a failure: the error on one line (it
// wraps only if the screen is narrower) and the hint (how to retry or quit).
func errorView(st *Styles, err error, hint string, width, height int) string {
	text := errorLine(st, err)
	if width > 4 {
		text = ansi.Wrap(text, width-2, "")
	}
	return centred(width, height, text, st.Hint.Render(hint))
}

// centred places the lines in the middle of a width x height screen, a
// blank line between them. On a screen too small for both, the hint (the
// way out) keeps the last line and the text is cut, marked "…"; one line
// holds the text alone.
func centred(width, height int, text, hint string) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.Split(text, "\n")
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
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}
