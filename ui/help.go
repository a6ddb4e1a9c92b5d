package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
)

// helpOverlay is the ? box: every binding of the key map, in the columns
// of keymap.FullHelp, so what it says is what the keys do, rebinding
// included. When the columns do not fit side by side they go one under
// another, and what does not fit scrolls (Scroll).
type helpOverlay struct {
	keys          keymap.KeyMap
	st            *Styles
	width, height int // the area it is centred in
	top           int // the first line of keys shown
	// lines and room are body's, made when the size or styles change,
	// not on every key while the help shows.
	lines []string
	room  int
}

// helpHeads name FullHelp's columns.
func helpHeads() []string { return []string{"Scroll", "Move", "Show", "Act"} }

func newHelpOverlay(keys keymap.KeyMap, st *Styles) helpOverlay {
	h := helpOverlay{keys: keys, st: st}
	h.lines, h.room = h.body()
	return h
}

// SetSize sets the area the box is centred in.
func (h *helpOverlay) SetSize(w, height int) {
	h.width, h.height = w, height
	h.lines, h.room = h.body()
	h.Scroll(0)
}

// SetStyles switches the theme.
func (h *helpOverlay) SetStyles(st *Styles) {
	h.st = st
	h.lines, h.room = h.body()
}

// Reset shows the keys from the first line, for the next time it opens.
func (h *helpOverlay) Reset() { h.top = 0 }

// Scroll moves the keys shown by d lines, within what there is.
func (h *helpOverlay) Scroll(d int) {
	h.top = max(0, min(h.top+d, len(h.lines)-h.room))
}

// Page is how many lines a page of keys is.
func (h helpOverlay) Page() int { return max(1, h.room) }

// boxed reports whether the area has room for a box; a smaller one gets
// a plain list that covers it.
func (h helpOverlay) boxed() bool {
	frameW, frameH := h.st.HelpBox.GetFrameSize()
	return h.width-frameW >= 20 && h.height-frameH >= 8
}

// title is the box's first line.
func (h helpOverlay) title() string {
	return h.st.HelpHead.Render("Keys") + h.st.Hint.Render(" · "+keymap.Hint(h.keys.Help)+" or "+
		keymap.Hint(h.keys.Close)+" to close")
}

// body is the lines of keys and how many of them show at once: in a box,
// the columns side by side as far as they fit, or, when that is taller
// than the box, one column; in a small area, the keys one a line, the
// screen's own first.
func (h helpOverlay) body() (lines []string, room int) {
	if !h.boxed() {
		for _, group := range slices.Backward(h.keys.FullHelp()) {
			for _, b := range group {
				if b.Enabled() {
					lines = append(lines, h.narrowLines(b)...)
				}
			}
		}
		return lines, h.scrollRoom(len(lines), h.height)
	}
	frameW, frameH := h.st.HelpBox.GetFrameSize()
	innerW, innerH := h.width-frameW, h.height-frameH-2 // the title and a blank line
	heads := helpHeads()
	var cols []string
	for i, group := range h.keys.FullHelp() {
		head := ""
		if i < len(heads) {
			head = heads[i]
		}
		cols = append(cols, h.column(head, group))
	}
	lines = strings.Split(strings.Join(wrapColumns(cols, innerW, 4), "\n\n"), "\n")
	if len(lines) > innerH {
		lines = strings.Split(strings.Join(cols, "\n\n"), "\n")
	}
	return lines, h.scrollRoom(len(lines), innerH)
}

// narrowLines is a binding in the plain list: its key and what it does
// on one line, or, when that is wider than the area, the key and under it
// the words, wrapped.
func (h helpOverlay) narrowLines(b key.Binding) []string {
	k, desc := b.Help().Key, b.Help().Desc
	if ansi.StringWidth(k)+1+ansi.StringWidth(desc) <= h.width {
		return []string{h.st.Help.FullKey.Render(k) + " " + h.st.Help.FullDesc.Render(desc)}
	}
	lines := []string{h.st.Help.FullKey.Render(k)}
	for _, l := range strings.Split(ansi.Wrap(desc, max(1, h.width-2), "/"), "\n") {
		lines = append(lines, "  "+h.st.Help.FullDesc.Render(l))
	}
	return lines
}

// scrollRoom is how many of n lines show in height lines: all, or all
// but the last line, which then says where the view is.
func (h helpOverlay) scrollRoom(n, height int) int {
	if n <= height {
		return n
	}
	return max(1, height-1)
}

// more is the line under keys that scroll, width cells at most: which
// lines show, of how many, and the keys that scroll them.
func (h helpOverlay) more(n, room, width int) string {
	keys := keymap.Hint(h.keys.ScrollDown) + "/" + keymap.Hint(h.keys.ScrollUp)
	s := fmt.Sprintf("%d–%d of %d · %s scroll", h.top+1, h.top+room, n, keys)
	if ansi.StringWidth(s) > width {
		s = fmt.Sprintf("%d–%d/%d %s", h.top+1, h.top+room, n, keys)
	}
	return h.st.Hint.Render(s)
}

// View is the box, no larger than the area, or for an area too small for
// a box a plain list that covers it; either shows the lines of keys from
// top, with a line that says so when they do not all fit.
func (h helpOverlay) View() string {
	all, room := h.lines, h.room
	top := max(0, min(h.top, len(all)-room))
	lines := slices.Clone(all[top : top+room])
	h.top = top
	boxed := h.boxed()
	if room < len(all) {
		width := h.width
		if boxed {
			width -= h.st.HelpBox.GetHorizontalFrameSize()
		}
		lines = append(lines, h.more(len(all), room, width))
	}
	if !boxed {
		for i, l := range lines {
			lines[i] = pad(l, max(0, h.width))
		}
		for len(lines) < h.height {
			lines = append(lines, spaces(h.width))
		}
		return strings.Join(lines[:max(0, h.height)], "\n")
	}
	// Every line as wide as the widest of all, so the box keeps its size
	// as the keys scroll.
	lines = append([]string{h.title(), ""}, lines...)
	w := 0
	for _, l := range append(all, lines...) {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(w, h.width-h.st.HelpBox.GetHorizontalFrameSize())
	for i, l := range lines {
		lines[i] = pad(ansi.Truncate(l, w, "…"), w)
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
