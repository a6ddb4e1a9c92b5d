package ui

import (
	"fmt"
	"slices"
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
	related  []render.Section // shown after sections: the root's, not render's
	starts   []int            // the content line of each section's title
	width    int              // the whole panel, border included
	textW    int              // the width the content was built for
	focused  bool
	title    bool
	border   bool

	// Made when focus, styles or size change, so View only copies them.
	titleLine string
	lead      string // the border (or space) before each line
	leadW     int
}

// minValueWidth is the narrowest value column worth having beside the
// labels; narrower panels put each label on its own line, above its value.
const minValueWidth = 16

// roomyValue is the value column the labels leave where the panel is wide
// enough: the widest time, "Mon 23 Nov 08:12 · 4d ago", fits it.
const roomyValue = 25

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

// SetRelated sets the sections shown after the conversation's: what is
// related to it, which changes as answers come, without the rest made
// again.
func (d *details) SetRelated(secs []render.Section) {
	d.related = forScreen(secs)
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
			r.Shorter = slices.Clone(r.Shorter)
			for k, v := range r.Shorter {
				r.Shorter[k] = render.ForScreen(v)
			}
			r.Tree = slices.Clone(r.Tree)
			for k, l := range r.Tree {
				r.Tree[k].Key, r.Tree[k].Value = render.ForScreen(l.Key), render.ForScreen(l.Value)
			}
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
	// Labels never wrap. Each section's label column is as wide as suits
	// it (see labelWidth); a longer label has a line of its own, its
	// value under it in the value column. A panel too narrow for a value
	// column beside the labels, and a section whose labels mostly do not
	// fit one, put every label above its value.
	stacked := w-max(6, w*2/5)-1 < minValueWidth
	var lines []string
	d.starts = nil // never reuse: copies of the model share the old array
	for i, s := range slices.Concat(d.sections, d.related) {
		if i > 0 {
			lines = append(lines, "")
		}
		d.starts = append(d.starts, len(lines))
		lines = append(lines, d.st.Section.Render(ansi.Truncate(s.Title, w, "…")))
		rows := slices.Clone(s.Rows)
		for j := range rows {
			// A run of rows with one label (tags, teammates) names it once.
			if j > 0 && s.Rows[j-1].Label == s.Rows[j].Label && s.Rows[j-1].Tree == nil && s.Rows[j].Tree == nil {
				rows[j].Label = ""
			}
		}
		labelW := labelWidth(rows, w)
		for _, r := range rows {
			if stacked || labelW == 0 || r.Tree != nil {
				lines = append(lines, d.stackedRow(r, w)...)
			} else {
				lines = append(lines, d.row(r, labelW, w)...)
			}
		}
	}
	d.text = newText(lines)
	d.vp.SetContentLines(lines)
}

// labelWidth is the width of a section's label column at text width w:
// of the widths that leave a value column of at least minValueWidth, the
// one that takes the fewest lines (the widest of those), a label wider
// than the column taking a line of its own. It is 0 when no width puts
// most labels beside their values: the section is better stacked.
func labelWidth(rows []render.Row, w int) int {
	var widths []int
	labelled := 0
	for _, r := range rows {
		l := ansi.StringWidth(r.Label)
		if r.Tree != nil || l == 0 {
			continue
		}
		labelled++
		if l <= w-1-minValueWidth {
			widths = append(widths, l)
		}
	}
	slices.Sort(widths)
	best, bestLines := 0, -1
	for _, l := range slices.Compact(widths) {
		n, above := 0, 0
		for _, r := range rows {
			if r.Tree != nil {
				continue
			}
			if ansi.StringWidth(r.Label) > l {
				above++
			}
			n += len(valueLines(r, w-l-1))
		}
		if above*2 <= labelled && (bestLines < 0 || n+above <= bestLines) {
			best, bestLines = l, n+above
		}
	}
	return best
}

// row is a label and its value side by side, the value wrapped in its
// column; a label wider than its column is on a line of its own above.
func (d *details) row(r render.Row, labelW, w int) []string {
	valueW := w - labelW - 1
	values := valueLines(r, valueW)
	tone := d.tone(r.Tone)
	var out []string
	label := pad(r.Label, labelW)
	if ansi.StringWidth(r.Label) > labelW {
		out = append(out, d.st.Label.Render(ansi.Truncate(r.Label, w, "…")))
		label = spaces(labelW)
	}
	for _, v := range values {
		// The gap in the label's colour: a row rewritten whole (the
		// renderer does that to a row with a wide character) then needs
		// no reset before the value, and none of its colour when the
		// value's is the same.
		out = append(out, d.st.Label.Render(label+" ")+tone.Render(v))
		label = spaces(labelW)
	}
	return out
}

// stackedRow is a label on its own line and the value indented below it,
// for panels too narrow for two columns and for nested values.
func (d *details) stackedRow(r render.Row, w int) []string {
	var out []string
	if r.Label != "" { // not the second of a run of rows with one label
		out = append(out, d.st.Label.Render(ansi.Truncate(r.Label, w, "…")))
	}
	tone := d.tone(r.Tone)
	if r.Tree != nil {
		return append(out, treeText(r.Tree, w, tone)...)
	}
	indent := min(2, w-1)
	for _, v := range valueLines(r, w-indent) {
		out = append(out, spaces(indent)+tone.Render(v))
	}
	return out
}

// treeText is a nested value's lines under its label, indented by depth
// (never past half the width). A key never wraps; a value that does not
// fit beside its key goes under it, two cells further in.
func treeText(tree []render.TreeLine, w int, tone lipgloss.Style) []string {
	var out []string
	for _, l := range tree {
		indent := min(2+l.Indent, w/2)
		more := min(indent+2, w/2)
		key := ansi.Truncate(l.Key, w-indent, "…")
		if l.Value == "" {
			out = append(out, spaces(indent)+tone.Render(key))
			continue
		}
		keyW := ansi.StringWidth(key)
		if keyW+ansi.StringWidth(l.Value) <= w-indent {
			out = append(out, spaces(indent)+tone.Render(key+l.Value))
			continue
		}
		at := more
		if keyW > 0 {
			out = append(out, spaces(indent)+tone.Render(strings.TrimRight(key, " ")))
		} else {
			at = indent
		}
		for _, v := range render.WrapValue(l.Value, w-more) {
			out = append(out, spaces(at)+tone.Render(v))
			at = more
		}
	}
	return out
}

func (d *details) tone(t render.Tone) lipgloss.Style {
	if int(t) < 0 || int(t) >= len(d.st.Tone) {
		t = render.ToneNormal
	}
	return d.st.Tone[t]
}

// valueLines is a row's value fitted to width: an id on one line,
// shortened in the middle; a time in the longest of its forms that fits
// one line; anything else wrapped at spaces and punctuation (see
// render.WrapValue).
func valueLines(r render.Row, width int) []string {
	v := valueText(r)
	switch {
	case r.ID:
		return []string{render.ShortenMiddle(v, max(width, 1))}
	case ansi.StringWidth(v) > width && len(r.Shorter) > 0:
		v = r.Shorter[len(r.Shorter)-1]
		for _, s := range r.Shorter {
			if ansi.StringWidth(s) <= width {
				v = s
				break
			}
		}
	}
	return render.WrapValue(v, width)
}

// valueText is a row's value, with a dash for an empty one so the row
// never looks broken.
func valueText(r render.Row) string {
	if strings.TrimSpace(r.Value) == "" {
		return "—"
	}
	return r.Value
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
