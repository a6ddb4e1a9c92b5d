package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
)

// View lays out what the components made: a frame exactly the terminal's
// size, in the alternate screen, with the mouse on for the wheel unless m
// gave it back to the terminal.
func (m Model) View() tea.View {
	v := tea.NewView(m.scrub(m.frame()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.mouseOff {
		v.MouseMode = tea.MouseModeNone
	}
	v.WindowTitle = m.scrub(m.windowTitle())
	return v
}

// scrub is Options.Scrub, if set.
func (m Model) scrub(s string) string {
	if m.opts.Scrub == nil {
		return s
	}
	return m.opts.Scrub(s)
}

// frame is the screen's text for the current state.
func (m Model) frame() string {
	switch {
	case m.width <= 0 || m.height <= 0:
		// Before the first WindowSizeMsg (it comes after the first View).
		if m.phase == phaseFailed {
			return errorLine(m.st, m.err) + m.st.Hint.Render("  "+m.failHint())
		}
		return m.load.Line()
	case m.phase == phaseFailed:
		return errorView(m.st, m.err, m.failHint(), m.width, m.height)
	case m.phase == phaseLoading || !m.tr.Loaded():
		return m.load.View()
	}
	l := m.lay
	var header, footer string
	if l.headerH > 0 {
		header = m.header.View()
	}
	switch {
	case l.footerH > 0 && m.prompt.IsOpen():
		match, _ := m.tr.MatchStatus()
		footer = m.prompt.View(match)
	case l.footerH > 0:
		footer = m.foot.View(m.status())
	}
	return stack(header, m.body(), footer)
}

// failHint is the failure screen's "r retry · q quit", in the keys bound;
// only "q quit" when asking again cannot help (api.Retryable), and why
// not once the reload key was pressed.
func (m Model) failHint() string {
	quit := keymap.Hint(m.opts.Keys.Quit) + " quit"
	switch {
	case api.Retryable(m.err):
		return m.retryHint("", " · ") + quit
	case m.retryRefused:
		return "retrying will not help · " + quit
	}
	return quit
}

// body is the panes side by side, or the one that shows, with the help box
// over them when it is open.
func (m Model) body() string {
	l := m.lay
	if l.bodyH <= 0 {
		return ""
	}
	var b string
	switch {
	case l.showTr && l.showPanel:
		b = beside(m.tr.View(), m.det.View())
	case l.showPanel:
		b = m.det.View()
	default:
		b = m.tr.View()
	}
	switch {
	case m.showHelp:
		b = overlay(b, m.help.View(), l.width, l.bodyH)
	case m.links.IsOpen():
		b = overlay(b, m.links.View(), l.width, l.bodyH)
	case m.related.IsOpen():
		b = overlay(b, m.related.View(), l.width, l.bodyH)
	}
	return b
}

// beside joins two blocks of the same height line by line. Both are exactly
// their widths already, so nothing needs measuring (JoinHorizontal would
// measure every line, on every frame).
func beside(left, right string) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	b.Grow(len(left) + len(right) + len(ls))
	for i := range max(len(ls), len(rs)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(ls) {
			b.WriteString(ls[i])
		}
		if i < len(rs) {
			b.WriteString(rs[i])
		}
	}
	return b.String()
}

// overlay draws box in the middle of base (width x height).
func overlay(base, box string, width, height int) string {
	bw, bh := lipgloss.Size(box)
	x, y := max(0, (width-bw)/2), max(0, (height-bh)/2)
	c := lipgloss.NewCompositor(lipgloss.NewLayer(base), lipgloss.NewLayer(box).X(x).Y(y).Z(1))
	return c.Render()
}

// windowTitle is "convo #123 Title" on one line. api's decoding has made
// the title and the id safe to print (see api.Clean): nothing that could
// end the terminal's title sequence is left in them.
func (m Model) windowTitle() string {
	if m.phase != phaseReady {
		return "convo"
	}
	s := m.header.sum
	name := "#" + firstLine(s.ID)
	if s.Ticket != "" {
		name = firstLine(s.Ticket)
	}
	t := "convo " + name + " " + firstLine(s.Title)
	if n := m.fol.unseen; n > 0 {
		t = fmt.Sprintf("convo (%d new) %s %s", n, name, firstLine(s.Title))
	}
	return ansi.Truncate(strings.TrimSpace(t), 120, "…")
}
