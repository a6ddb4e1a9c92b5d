package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render"
)

// header is the top line: the way back ("← #7001"), the title, "#id" (or
// "Ticket 42"), a state badge, a priority mark and the counts. It is built
// when its inputs change; View returns it.
type header struct {
	sum    render.Summary
	trail  string // "← #7001" when an item is behind this one
	has    bool
	hidden string // what the filter hides: "12 notes and events hidden"
	items  int    // the transcript's parts: the opening message and every part after it
	single bool   // the one item is a message (the opening message alone)
	st     *Styles
	loc    *time.Location
	now    func() time.Time
	width  int
	line   string
}

func newHeader(st *Styles, loc *time.Location, now func() time.Time) header {
	return header{st: st, loc: loc, now: now}
}

// SetSummary sets what the header says.
func (h *header) SetSummary(s render.Summary) {
	s.Title, s.State = render.ForScreen(s.Title), render.ForScreen(s.State)
	h.sum, h.has = s, true
	h.build()
}

// SetItems says how many parts the transcript has, hidden ones included:
// the same parts the footer's "part i/N" numbers, the opening message
// being part 1. single says the only one is a message.
func (h *header) SetItems(n int, single bool) {
	h.items, h.single = n, single
	h.build()
}

// SetTrail sets the way back, "" for none.
func (h *header) SetTrail(s string) {
	h.trail = s
	h.build()
}

// SetHidden says what the filter hides ("" for nothing).
func (h *header) SetHidden(s string) {
	h.hidden = s
	h.build()
}

// SetWidth sets the header's width.
func (h *header) SetWidth(w int) {
	h.width = w
	h.build()
}

// SetStyles switches the theme.
func (h *header) SetStyles(st *Styles) {
	h.st = st
	h.build()
}

// View is the header line, exactly the screen's width.
func (h header) View() string { return h.line }

// build fits the pieces into the width: the title is cut first, down to a
// few cells; then the counts, the priority, the id, the snooze's end and the
// state go, in that order, so a narrow screen still says what it shows.
func (h *header) build() {
	if !h.has || h.width <= 0 {
		h.line = strings.Repeat(" ", max(0, h.width))
		return
	}
	st := h.st
	title := firstLine(h.sum.Title)
	if title == "" {
		title = "(no title)"
	}
	id, badge, prio, counts := "", h.badge(true), "", st.Counts.Render(h.counts())
	switch {
	case h.sum.Ticket != "":
		id = st.ID.Render(firstLine(h.sum.Ticket))
	case h.sum.ID != "":
		id = st.ID.Render("#" + firstLine(h.sum.ID))
	}
	trail := ""
	if h.trail != "" {
		trail = st.Counts.Render(firstLine(h.trail) + " ·")
	}
	if h.sum.Priority {
		prio = st.Priority.Render("▲ priority")
	}
	// used is the cells around the title: a space before it, the pieces,
	// and the counts after a gap with a space after them.
	used := func() int {
		n := 1 + width(id, badge, prio)
		if trail != "" {
			n += ansi.StringWidth(trail) + 1
		}
		if counts != "" {
			n += width(counts) + 1
		}
		return n
	}
	minTitle := min(ansi.StringWidth(title), 12)
	steps := []func(){
		func() { counts = "" },
		func() { prio = "" },
		func() { id = "" },
		func() { badge = h.badge(false) }, // "snoozed" without its "until"
		func() { badge = "" },
		func() { trail = "" },
	}
	for _, step := range steps {
		if used()+minTitle <= h.width {
			break
		}
		step()
	}
	room := h.width - used()
	left := " "
	if trail != "" {
		left += trail + " "
	}
	if room > 0 {
		left += st.Title.Render(ansi.Truncate(title, room, "…"))
	}
	for _, p := range []string{id, badge, prio} {
		if p != "" {
			left += "  " + p
		}
	}
	right := ""
	if counts != "" {
		right = counts + " "
	}
	h.line = pad(spread(left, right, h.width), h.width)
}

// width is the cells the pieces take, each after a two-space gap.
func width(pieces ...string) int {
	n := 0
	for _, p := range pieces {
		if p != "" {
			n += 2 + ansi.StringWidth(p)
		}
	}
	return n
}

// badge is the state as a pill: "open", "snoozed until Mon 3 Jun 09:00"
// (with until), "closed". The word carries the meaning; the colour only
// helps.
func (h *header) badge(until bool) string {
	state := firstLine(h.sum.State)
	if state == "" {
		return ""
	}
	text := state
	if until && state == "snoozed" && !h.sum.Until.IsZero() {
		text += " until " + h.until()
	}
	style, ok := h.st.StateBadge[state]
	if !ok {
		style = h.st.StateBadge["closed"]
	}
	return style.Render(text)
}

// until formats the snooze's end as the transcript does.
func (h *header) until() string {
	return render.FormatTime(h.sum.Until, h.loc, h.now())
}

// counts says how many parts the transcript has (the footer's N when
// nothing is hidden), when the API left older ones out how many of them
// show, and what the filter hides.
func (h *header) counts() string {
	s := h.sum
	var n string
	switch missing := s.Total - s.Shown; {
	case missing > 0:
		n = "showing " + render.FormatCount(h.items) + " of " + render.FormatCount(h.items+missing) + " parts"
	case h.items == 0:
		n = "no messages"
	case h.items == 1 && h.single:
		n = "1 message"
	case h.items == 1:
		n = "1 part"
	default:
		n = render.FormatCount(h.items) + " parts"
	}
	if h.hidden != "" {
		n += " · " + h.hidden
	}
	return n
}

// firstLine is s up to its first line break, trimmed.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
}
