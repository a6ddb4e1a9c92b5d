package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
)

// helpOverlay is the ? box: every binding of the key map, in the columns
// of keymap.FullHelp, so what it says is what the keys do, rebinding
// included.
type helpOverlay struct {
	keys          keymap.KeyMap
	st            *Styles
	width, height int // the area it is centred in
}

// helpHeads name FullHelp's columns.
func helpHeads() []string { return []string{"Scroll", "Move", "Show", "Act"} }

func newHelpOverlay(keys keymap.KeyMap, st *Styles) helpOverlay {
	return helpOverlay{keys: keys, st: st}
}

// SetSize sets the area the box is centred in.
func (h *helpOverlay) SetSize(w, height int) { h.width, h.height = w, height }

// SetStyles switches the theme.
func (h *helpOverlay) SetStyles(st *Styles) { h.st = st }

// View is the box, no larger than the area: the columns side by side as
// far as they fit, the rest in rows below, cut with "…" when the area is
// short. An area too small for a box gets a plain list that covers it.
func (h helpOverlay) View() string {
	frameW, frameH := h.st.HelpBox.GetFrameSize()
	innerW, innerH := h.width-frameW, h.height-frameH
	if innerW < 20 || innerH < 8 {
		return h.bare()
	}
	heads := helpHeads()
	var cols []string
	for i, group := range h.keys.FullHelp() {
		head := ""
		if i < len(heads) {
			head = heads[i]
		}
		cols = append(cols, h.column(head, group))
	}
	title := h.st.HelpHead.Render("Keys") + h.st.Hint.Render(" · ? or esc to close")
	lines := strings.Split(title+"\n\n"+strings.Join(wrapColumns(cols, innerW, 4), "\n\n"), "\n")
	if len(lines) > innerH {
		lines = append(lines[:innerH-1], h.st.Hint.Render("…"))
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, innerW, "…")
	}
	return h.st.HelpBox.Render(strings.Join(lines, "\n"))
}

// wrapColumns lays columns out side by side, gap apart, starting a new row
// of columns when the next would pass width.
func wrapColumns(cols []string, width, gap int) []string {
	var rows, row []string
	used := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
		row, used = nil, 0
	}
	for _, c := range cols {
		w := lipgloss.Width(c)
		if len(row) > 0 && used+gap+w > width {
			flush()
		}
		if len(row) > 0 {
			row = append(row, spaces(gap))
			used += gap
		}
		row = append(row, c)
		used += w
	}
	flush()
	return rows
}

// bare is the help for areas too small for a box: the keys, one a line,
// as many as fit, covering the whole area. The screen's keys (quit, help,
// close) come first: they are what a tiny screen needs most.
func (h helpOverlay) bare() string {
	var lines []string
	groups := h.keys.FullHelp()
	slices.Reverse(groups)
	for _, group := range groups {
		for _, b := range group {
			if b.Enabled() && len(lines) < h.height {
				lines = append(lines, pad(h.st.Help.FullKey.Render(b.Help().Key)+" "+
					h.st.Help.FullDesc.Render(b.Help().Desc), max(0, h.width)))
			}
		}
	}
	for len(lines) < h.height {
		lines = append(lines, spaces(h.width))
	}
	return strings.Join(lines, "\n")
}

// column is one group of bindings under its heading, keys aligned.
func (h helpOverlay) column(head string, group []key.Binding) string {
	keyW := 0
	for _, b := range group {
		if b.Enabled() {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	lines := []string{h.st.HelpHead.Render(head)}
	for _, b := range group {
		if !b.Enabled() {
			continue
		}
		lines = append(lines, h.st.Help.FullKey.Render(pad(b.Help().Key, keyW))+"  "+
			h.st.Help.FullDesc.Render(b.Help().Desc))
	}
	return strings.Join(lines, "\n")
}
