package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// details is the right panel: render.Details' sections as a title and
// label/value rows, values wrapped to the panel's width and coloured by
// their Tone, in a viewport of its own. ]/[ jump between sections.
type details struct {
	vp       viewport.Model // the scroll position; drawing is window's
	text     text
	keys     keymap.KeyMap
	st       *Styles
	sections []render.Section
	starts   []int // the content line of each section's title
	width    int   // the whole panel, border included
	textW    int   // the width the content was built for
	focused  bool
	title    bool
	border   bool

	// Made when focus, styles or size change, so View only copies them.
	titleLine string
	lead      string // the border (or space) before each line
	leadW     int
}

// minValueWidth is the narrowest value column worth having beside the
// labels; narrower panels put each value under its label.
const minValueWidth = 12

func newDetails(keys keymap.KeyMap, st *Styles) details {
	return details{vp: newPaneViewport(), keys: keys, st: st}
}

// panelFrame is the panel's columns that are not text: the border and a
// space after it (or a space alone), and a space on the right.
func panelFrame(border bool) int {
	if border {
		return 3
	}
	return 2
}

// SetSections sets what the panel shows.
func (d *details) SetSections(secs []render.Section) {
	d.sections = forScreen(secs)
	d.build()
}

// forScreen is a copy of the sections with their text render.ForScreen,
// so that emoji measure the same to the layout and to the terminal.
func forScreen(secs []render.Section) []render.Section {
	out := make([]render.Section, len(secs))
	for i, s := range secs {
		rows := make([]render.Row, len(s.Rows))
		for j, r := range s.Rows {
			r.Label, r.Value = render.ForScreen(r.Label), render.ForScreen(r.Value)
			rows[j] = r
		}
		s.Rows = rows
		out[i] = s
	}
	return out
}

// SetSize sets the panel's size (height without the title row); the content
// is wrapped again when the text width changes.
func (d *details) SetSize(width, height int, title, border bool) {
	d.width, d.title, d.border = width, title, border
	textW := max(0, width-panelFrame(border))
	d.vp.SetWidth(textW)
	d.vp.SetHeight(max(0, height))
	if textW != d.textW {
		d.textW = textW
		d.build()
	}
	d.vp.SetYOffset(d.vp.YOffset())
	d.refresh()
}

// SetFocused marks the panel focused or not.
func (d *details) SetFocused(f bool) {
	d.focused = f
	d.refresh()
}

// SetStyles switches the theme; the rows carry their colours, so they are
// built again.
func (d *details) SetStyles(st *Styles) {
	d.st = st
	d.build()
	d.refresh()
}

// refresh makes the border and the title row: the border in the accent
// colour and the title marked "▍" when the panel has focus.
func (d *details) refresh() {
	d.lead, d.leadW, d.titleLine = " ", 1, ""
	bar := " "
	if d.border {
		style := d.st.Border
		if d.focused {
			style = d.st.BorderFocused
		}
		// The gap in the border's colour: a row rewritten whole then
		// needs no reset between the two.
		d.lead, d.leadW, bar = style.Render("│ "), 2, style.Render("│")
	}
	if d.title {
		d.titleLine = spaces(d.width)
	}
	if d.title && d.width > 2 {
		d.titleLine = bar + paneTitle(d.st, "Details", "", d.focused, d.width-2) + " "
	}
}

// build lays the sections out at the current text width. It runs when the
// sections, the width or the theme change, never in View.
func (d *details) build() {
	w := d.textW
	if w <= 0 {
		d.text = text{}
		d.vp.SetContentLines(nil)
		d.starts = nil
		return
	}
	labelW := 0
	for _, s := range d.sections {
		for _, r := range s.Rows {
			labelW = max(labelW, ansi.StringWidth(r.Label))
		}
	}
	labelW = min(labelW, max(6, w*2/5))
	stacked := w-labelW-1 < minValueWidth
	var lines []string
	d.starts = nil // never reuse: copies of the model share the old array
	for i, s := range d.sections {
		if i > 0 {
			lines = append(lines, "")
		}
		d.starts = append(d.starts, len(lines))
		lines = append(lines, d.st.Section.Render(ansi.Truncate(s.Title, w, "…")))
		for j, r := range s.Rows {
			// A run of rows with one label (tags, teammates) names it once.
			if j > 0 && s.Rows[j-1].Label == r.Label && !stacked {
				r.Label = ""
			}
			if stacked {
				lines = append(lines, d.stackedRow(r, w)...)
			} else {
				lines = append(lines, d.row(r, labelW, w-labelW-1)...)
			}
		}
	}
	d.text = newText(lines)
	d.vp.SetContentLines(lines)
}

// row is a label and its value side by side, each wrapped in its column.
func (d *details) row(r render.Row, labelW, valueW int) []string {
	labels := wrapLines(r.Label, labelW)
	values := wrapLines(valueText(r), valueW)
	tone := d.tone(r.Tone)
	out := make([]string, max(len(labels), len(values)))
	for i := range out {
		var l, v string
		if i < len(labels) {
			l = labels[i]
		}
		if i < len(values) {
			v = values[i]
		}
		// The gap in the label's colour: a row rewritten whole (the
		// renderer does that to a row with a wide character) then needs
		// no reset before the value, and none of its colour when the
		// value's is the same.
		out[i] = d.st.Label.Render(pad(l, labelW+1)) + tone.Render(v)
	}
	return out
}

// stackedRow is a label on its own line and the value indented below it,
// for panels too narrow for two columns.
func (d *details) stackedRow(r render.Row, w int) []string {
	out := []string{d.st.Label.Render(ansi.Truncate(r.Label, w, "…"))}
	tone := d.tone(r.Tone)
	indent := min(2, w-1)
	for _, v := range wrapLines(valueText(r), w-indent) {
		out = append(out, strings.Repeat(" ", indent)+tone.Render(v))
	}
	return out
}

func (d *details) tone(t render.Tone) lipgloss.Style {
	if int(t) < 0 || int(t) >= len(d.st.Tone) {
		t = render.ToneNormal
	}
	return d.st.Tone[t]
}

// valueText is a row's value, with a dash for an empty one so the row
// never looks broken.
func valueText(r render.Row) string {
	if strings.TrimSpace(r.Value) == "" {
		return "—"
	}
	return r.Value
}

// wrapLines wraps s to width, breaking words longer than the width (URLs,
// ids), and returns its lines.
func wrapLines(s string, width int) []string {
	return strings.Split(ansi.Wrap(s, max(1, width), ""), "\n")
}

// Update scrolls on the scrolling keys and the wheel; next/previous part
// jump between sections.
func (d details) Update(msg tea.Msg) (details, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.keys.NextPart):
			d.jump(1)
		case key.Matches(msg, d.keys.PrevPart):
			d.jump(-1)
		default:
			scroll(&d.vp, d.keys, msg)
		}
	case tea.MouseWheelMsg:
		wheel(&d.vp, msg)
	}
	return d, nil
}

// jump brings the next or previous section's title to the top.
func (d *details) jump(dir int) {
	if len(d.starts) == 0 {
		return
	}
	top := d.vp.YOffset()
	i := lineAt(d.starts, top)
	switch {
	case dir > 0:
		i++
	case d.starts[i] == top: // at a title: go to the one before
		i--
	}
	i = min(max(i, 0), len(d.starts)-1)
	d.vp.SetYOffset(d.starts[i])
}

// Status is the footer's position while the panel has focus, long and
// short.
func (d details) Status() (long, short string) {
	pct := int(d.vp.ScrollPercent() * 100)
	return fmt.Sprintf("details · %d%%", pct), fmt.Sprintf("%d%%", pct)
}

// View is the panel, exactly its size: a left border (side by side) and a
// space of padding around the text.
func (d details) View() string {
	if d.width <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(d.titleLine)
	if d.titleLine != "" && d.vp.Height() > 0 {
		b.WriteByte('\n')
	}
	lead := func(int) string { return d.lead }
	// The text and the space after it, padded together.
	d.text.window(&b, d.vp.YOffset(), d.vp.Height(), d.width-d.leadW, lead)
	return b.String()
}
