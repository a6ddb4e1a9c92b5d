package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// relatedList is the l box: the item's related rows under their groups'
// titles, one line each (name, title, state, last update), narrowed by
// what is typed. Rows that open nothing (a request still out, a refusal)
// show dim and are stepped over.
type relatedList struct {
	keys          keymap.KeyMap
	st            *Styles
	rows          []relRow
	filter        string
	cur           int // among the rows shown
	open          bool
	width, height int
	loc           *time.Location
	now           func() time.Time
}

func newRelatedList(keys keymap.KeyMap, st *Styles, loc *time.Location, now func() time.Time) relatedList {
	return relatedList{keys: keys, st: st, loc: loc, now: now}
}

// Show opens the list with the filter empty and the first row selected.
func (l *relatedList) Show(rows []relRow) {
	l.open, l.filter, l.cur = true, "", 0
	l.SetRows(rows)
}

// SetRows replaces the rows as answers come, keeping the selected one.
func (l *relatedList) SetRows(rows []relRow) {
	var was relRow
	if sel, ok := l.Selected(); ok {
		was = sel
	}
	l.rows = rows
	l.cur = 0
	for i, r := range l.shown() {
		if r.id == was.id && r.group == was.group && r.more == was.more { // a ticket's name changes as it comes
			l.cur = i
		}
	}
	l.settle(1)
}

// Close closes the list.
func (l *relatedList) Close() { l.open = false }

// IsOpen reports whether the list shows.
func (l relatedList) IsOpen() bool { return l.open }

// SetSize sets the area the box is centred in.
func (l *relatedList) SetSize(w, h int) { l.width, l.height = w, h }

// SetStyles switches the theme.
func (l *relatedList) SetStyles(st *Styles) { l.st = st }

// shown are the rows the filter lets through: every word of it in the
// row's name, title or state, in any case. Notes stay: they say what is
// still coming.
func (l relatedList) shown() []relRow {
	words := strings.Fields(strings.ToLower(l.filter))
	if len(words) == 0 {
		return l.rows
	}
	var out []relRow
	for _, r := range l.rows {
		text := strings.ToLower(r.name + " " + r.title + " " + r.state)
		ok := r.note != "" && !r.more
		if !ok {
			ok = true
			for _, w := range words {
				ok = ok && strings.Contains(text, w)
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// opens reports whether enter does something on r.
func (r relRow) opens() bool { return r.more || r.note == "" }

// Selected is the row selected, if any opens.
func (l relatedList) Selected() (relRow, bool) {
	rows := l.shown()
	if l.cur < 0 || l.cur >= len(rows) || !rows[l.cur].opens() {
		return relRow{}, false
	}
	return rows[l.cur], true
}

// Move moves the selection by d rows that open, stopping at the ends.
func (l *relatedList) Move(d int) {
	if d == 0 {
		return
	}
	rows := l.shown()
	for i := l.cur + d; i >= 0 && i < len(rows); i += d {
		if rows[i].opens() {
			l.cur = i
			return
		}
	}
}

// settle puts the selection on a row that opens, looking in direction d
// first, then the other way.
func (l *relatedList) settle(d int) {
	rows := l.shown()
	l.cur = min(max(l.cur, 0), max(len(rows)-1, 0))
	if len(rows) == 0 || rows[l.cur].opens() {
		return
	}
	l.Move(d)
	if _, ok := l.Selected(); !ok {
		l.Move(-d)
	}
}

// Type adds text to the filter, or with back set takes its last rune off.
func (l *relatedList) Type(text string, back bool) {
	if back {
		r := []rune(l.filter)
		if len(r) > 0 {
			l.filter = string(r[:len(r)-1])
		}
	} else {
		l.filter += text
	}
	l.cur = 0
	l.settle(1)
}

// groupTitles name the groups.
var groupTitles = [...]string{relLinked: "Linked", relOther: "Other conversations of the contact", relSide: "Side conversations"}

// View is the box, at most 110 columns wide, scrolled so the selected row
// shows; an area too small for a box gets the rows bare.
func (l relatedList) View() string {
	frameW, frameH := l.st.HelpBox.GetFrameSize()
	boxW := min(l.width, 110)
	innerW, innerH := boxW-frameW, l.height-frameH
	bare := innerW < 30 || innerH < 5
	if bare {
		innerW, innerH = max(0, l.width), max(0, l.height)
	}
	lines := append([]string{l.title(innerW), l.prompt(innerW)}, l.window(l.lines(innerW), innerH-2)...)
	if bare {
		for len(lines) < innerH {
			lines = append(lines, "")
		}
		lines = lines[:innerH]
	}
	for i, s := range lines {
		lines[i] = pad(ansi.Truncate(s, innerW, "…"), innerW)
	}
	if bare {
		return strings.Join(lines, "\n")
	}
	return l.st.HelpBox.Render(strings.Join(lines, "\n"))
}

// title is "Related · enter open · esc close", as far as it fits.
func (l relatedList) title(w int) string {
	hints := "enter open · " + keymap.Hint(l.keys.Close) + " close · type to filter"
	return ansi.Truncate(l.st.HelpHead.Render("Related")+l.st.Hint.Render(" · "+hints), w, "…")
}

// prompt is the filter as typed, with a cursor.
func (l relatedList) prompt(w int) string {
	return ansi.Truncate(l.st.Hint.Render("filter: ")+render.ForScreen(l.filter)+l.st.LinkCurrent.Render("▏"), w, "…")
}

// line is a row of the box: its group's title before the first of each
// group, then the row; sel marks the selected one.
type line struct {
	text string
	row  int // the row's index among those shown, -1 for a group title
}

// lines are the rows at width w, each on one line: the mark, the name,
// the title, then the state and the last update at the right.
func (l relatedList) lines(w int) []line {
	rows := l.shown()
	nameW := 0
	for _, r := range rows {
		nameW = max(nameW, ansi.StringWidth(r.name))
	}
	nameW = min(nameW, 16)
	var out []line
	group := relKind(-1)
	for i, r := range rows {
		if r.group != group {
			group = r.group
			if len(out) > 0 {
				out = append(out, line{row: -1})
			}
			out = append(out, line{text: l.st.HelpHead.Render(groupTitles[group]), row: -1})
		}
		out = append(out, line{text: l.row(r, i == l.cur, nameW, w), row: i})
	}
	if len(out) == 0 {
		out = append(out, line{text: l.st.Hint.Render("nothing related matches"), row: -1})
	}
	return out
}

// row is one row's line.
func (l relatedList) row(r relRow, sel bool, nameW, w int) string {
	mark := "  "
	if sel {
		mark = l.st.LinkCurrent.Render("▸ ")
	}
	if !r.opens() || r.more {
		return mark + l.st.Hint.Render(r.note)
	}
	when := ""
	if !r.updated.IsZero() {
		when = render.FormatRelative(r.updated, l.now())
	}
	right := strings.TrimSpace(fitCell(r.state, 12) + "  " + fitCell(when, 12))
	name := fitCell(r.name, nameW)
	titleW := max(0, w-2-nameW-2-ansi.StringWidth(right)-2)
	title := ansi.Truncate(r.title, titleW, "…")
	style := l.st.Help.FullDesc
	if sel {
		style = l.st.LinkCurrent
	}
	left := mark + style.Render(name) + "  " + title
	return spread(left, l.st.Hint.Render(right), w)
}

// fitCell is s cut to w cells and padded to them.
func fitCell(s string, w int) string { return pad(ansi.Truncate(s, w, "…"), w) }

// window is as many lines as fit in h, keeping the selected row in view.
func (l relatedList) window(lines []line, h int) []string {
	if h <= 0 {
		return nil
	}
	at := 0
	for i, ln := range lines {
		if ln.row == l.cur {
			at = i
		}
	}
	first := max(0, min(at-h+1, len(lines)-h))
	if at < h {
		first = 0
	}
	var out []string
	for _, ln := range lines[first:min(len(lines), first+h)] {
		out = append(out, ln.text)
	}
	return out
}

// relatedKey is a key while the list shows: ↑/↓ and ctrl+p/ctrl+n move,
// enter opens, esc closes, backspace edits
// the filter and what types text filters.
func (m Model) relatedKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.opts.Keys
	switch {
	case key.Matches(msg, k.Close):
		m.related.Close()
	case msg.Code == tea.KeyUp || msg.String() == "ctrl+p":
		m.related.Move(-1)
	case msg.Code == tea.KeyDown || msg.String() == "ctrl+n":
		m.related.Move(1)
	case msg.Code == tea.KeyEnter && msg.Mod == 0:
		return m.openRelated()
	case msg.Code == tea.KeyBackspace:
		m.related.Type("", true)
	case msg.Text != "":
		m.related.Type(msg.Text, false)
	}
	return m, nil
}
