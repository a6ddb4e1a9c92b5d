package ui

import (
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
func helpHeads() []string { return []string{"Scroll", "Move", "Screen"} }

func newHelpOverlay(keys keymap.KeyMap, st *Styles) helpOverlay {
	return helpOverlay{keys: keys, st: st}
}

// SetSize sets the area the box is centred in.
func (h *helpOverlay) SetSize(w, height int) { h.width, h.height = w, height }

// SetStyles switches the theme.
func (h *helpOverlay) SetStyles(st *Styles) { h.st = st }

// View is the box, no larger than the area: the columns side by side when
// they fit, else one under another, cut with "…" when the area is short.
func (h helpOverlay) View() string {
	frameW, frameH := h.st.HelpBox.GetFrameSize()
	innerW, innerH := h.width-frameW, h.height-frameH
	if innerW < 8 || innerH < 1 {
		return h.bare()
	}
	var cols []string
	heads := helpHeads()
	for i, group := range h.keys.FullHelp() {
		head := ""
		if i < len(heads) {
			head = heads[i]
		}
		cols = append(cols, h.column(head, group))
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, spaced(cols, "    ")...)
	if lipgloss.Width(body) > innerW {
		body = strings.Join(cols, "\n\n")
	}
	title := h.st.HelpHead.Render("Keys") + h.st.Hint.Render(" · ? or esc to close")
	body = title + "\n\n" + body
	lines := strings.Split(body, "\n")
	if len(lines) > innerH {
		lines = append(lines[:max(0, innerH-1)], h.st.Hint.Render("…"))
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, innerW, "…")
	}
	return h.st.HelpBox.Render(strings.Join(lines, "\n"))
}

// bare is the help for areas too small for a box: the keys on as many
// lines as there are.
func (h helpOverlay) bare() string {
	var lines []string
	for _, group := range h.keys.FullHelp() {
		for _, b := range group {
			if len(lines) == h.height {
				return strings.Join(lines, "\n")
			}
			lines = append(lines, ansi.Truncate(b.Help().Key+" "+b.Help().Desc, max(0, h.width), "…"))
		}
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

// spaced puts gap between the columns.
func spaced(cols []string, gap string) []string {
	out := make([]string, 0, 2*len(cols))
	for i, c := range cols {
		if i > 0 {
			out = append(out, gap)
		}
		out = append(out, c)
	}
	return out
}
