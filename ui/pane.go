package ui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
)

// Helpers shared by the two scrollable panes.

// wheelLines is how far one wheel notch scrolls, as in the viewport bubble.
const wheelLines = 3

// newPaneViewport is a viewport driven by convo's key map rather than its
// own: the panes call its methods, so its key bindings never fire.
func newPaneViewport() viewport.Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelEnabled = false
	return vp
}

// scroll applies a scrolling key to vp and reports whether msg was one.
func scroll(vp *viewport.Model, k keymap.KeyMap, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.ScrollDown):
		vp.ScrollDown(1)
	case key.Matches(msg, k.ScrollUp):
		vp.ScrollUp(1)
	case key.Matches(msg, k.HalfPageDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.HalfPageUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// wheel applies a wheel notch to vp and reports whether it scrolled.
func wheel(vp *viewport.Model, msg tea.MouseWheelMsg) bool {
	switch msg.Button {
	case tea.MouseWheelDown:
		vp.ScrollDown(wheelLines)
	case tea.MouseWheelUp:
		vp.ScrollUp(wheelLines)
	default:
		return false
	}
	return true
}

// lineAt is the index of the last start at or before line (0 when line is
// before every start): the item or section that line belongs to.
func lineAt(starts []int, line int) int {
	i := sort.SearchInts(starts, line+1) - 1
	return max(0, i)
}

// paneTitle is a pane's title row, exactly width cells: the focused pane's
// is bold, in the accent colour and marked "▍", so focus shows without
// colour too.
func paneTitle(st *Styles, name, right string, focused bool, width int) string {
	if width <= 0 {
		return ""
	}
	left := st.PaneTitle.Render(" " + name)
	if focused {
		left = st.PaneTitleFocused.Render("▍" + name)
	}
	if right != "" {
		right = st.PaneTitle.Render(right) + " "
	}
	return spread(left, right, width)
}

// spread puts left and right on one line of exactly width cells, cutting
// right first and then left when they do not fit.
func spread(left, right string, width int) string {
	lw, rw := ansi.StringWidthWc(left), ansi.StringWidthWc(right)
	if lw+rw+1 > width {
		right, rw = "", 0
	}
	if lw > width {
		left = truncateWc(left, width, "…")
		lw = ansi.StringWidthWc(left)
	}
	return left + strings.Repeat(" ", max(0, width-lw-rw)) + right
}

// pad makes s exactly width cells: cut with "…" or filled with spaces.
func pad(s string, width int) string {
	w := ansi.StringWidthWc(s)
	if w > width {
		s = truncateWc(s, width, "…")
		w = ansi.StringWidthWc(s)
	}
	return s + strings.Repeat(" ", max(0, width-w))
}

// Pane lines are measured the way Bubble Tea's renderer and tmux measure
// them, rune by rune (wcwidth), not by grapheme as Lip Gloss does: the two
// differ for Indic spacing marks and Hangul jamo, and a line one cell wider
// than the renderer thinks pushes the panel's border out of place.

// truncateWc cuts s to width cells as wcwidth counts them. ansi.TruncateWc
// returns s whole when its grapheme width fits, however much wider it is
// by wcwidth; spaces past the end force the cut and are cut themselves.
func truncateWc(s string, width int, tail string) string {
	return ansi.TruncateWc(s+spaces(width+1), width, tail)
}

// text is a pane's content: its lines and their widths, each measured the
// first time it is drawn (-1 until then), so that a frame measures only
// lines never shown before, and setting 500 parts' lines measures none.
// Copies share the widths. marked holds lines drawn instead of theirs: the
// same cells, restyled (search highlights), so the widths hold for them
// too.
type text struct {
	lines  []string
	widths []int
	marked map[int]string
}

func newText(lines []string) text {
	widths := make([]int, len(lines))
	for i := range widths {
		widths[i] = -1
	}
	return text{lines: lines, widths: widths}
}

// width is line i's width, measured now if it never was.
func (x text) width(i int) int {
	if x.widths[i] < 0 {
		x.widths[i] = ansi.StringWidthWc(x.lines[i])
	}
	return x.widths[i]
}

// window writes the lines from top on, height rows of exactly width cells
// each, every one after its prefix (prefix(i) for line i; its width is not
// part of width). Rows past the end are blank. This is the whole cost of a
// scroll step, which is why it pads with the measured widths instead of
// handing the lines to Lip Gloss.
func (x text) window(b *strings.Builder, top, height, width int, prefix func(int) string) {
	for row := range height {
		if row > 0 {
			b.WriteByte('\n')
		}
		i := top + row
		if prefix != nil {
			b.WriteString(prefix(i))
		}
		if i < 0 || i >= len(x.lines) {
			b.WriteString(spaces(width))
			continue
		}
		line, w := x.lines[i], x.width(i)
		if m, ok := x.marked[i]; ok {
			line = m
		}
		if w > width { // an older, wider render's line; or one a terminal measures wider
			line = truncateWc(line, width, "")
			w = ansi.StringWidthWc(line)
		}
		b.WriteString(line)
		b.WriteString(spaces(width - w))
	}
}

// blanks serves spaces without allocating, for any width up to its own.
const blanks = "                                                                " +
	"                                                                " +
	"                                                                " +
	"                                                                "

// spaces is n spaces (none for n <= 0).
func spaces(n int) string {
	switch {
	case n <= 0:
		return ""
	case n <= len(blanks):
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}

// stack joins the non-empty parts with newlines, so an empty part never
// adds a line.
func stack(parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
