package render

import (
	"bufio"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/convo-cli/convo/api"
)

// defaultWidth is the wrap width of printed text when Options has none.
const defaultWidth = 80

// WriteText prints the conversation as plain text wrapped to o.Width (80
// when zero) with no escape sequences: a header (title, id, state,
// priority, the notice when parts are missing, and a line saying what o
// left out), the details as "Label: value" lines under section titles,
// then every item. The header has a "Link:" line when o.Names knows the
// web inbox's workspace. Notes are marked "[internal note]" and their
// lines start with "| "; events are "· 2026-11-23 14:05 CET …" lines.
// Every time is absolute, with its zone. A URL is never split: it
// overflows the width on a line of its own. Write errors surface from the
// final flush.
func WriteText(w io.Writer, c *api.Conversation, o Options) error {
	o.printed = true
	t := textWriter{w: bufio.NewWriter(w), width: max(o.Width, 1), o: o}
	if o.Width <= 0 {
		t.width = defaultWidth
	}
	t.header(c)
	for _, s := range Details(c, o) {
		t.blank()
		t.line(s.Title)
		for _, r := range s.Rows {
			t.hang("  "+r.Label+": ", "      ", r.Value)
		}
	}
	t.items(o.transcript(c))
	return t.w.Flush()
}

// DetailsText is the details as printed text writes them, unwrapped:
// section titles over "  Label: value" lines, every value whole (ids the
// panel shortens, times in full with their zone). It is what copying the
// details panel takes.
func DetailsText(c *api.Conversation, o Options) string {
	o.printed = true
	var b strings.Builder
	for i, s := range Details(c, o) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Title + "\n")
		for _, r := range s.Rows {
			b.WriteString("  " + r.Label + ": " + r.Value + "\n")
		}
	}
	return b.String()
}

// textWriter accumulates the lines of text output.
type textWriter struct {
	w     *bufio.Writer
	width int
	o     Options
	lines int  // lines written so far
	event bool // the last thing written was an event line
}

func (t *textWriter) line(s string) {
	// The last guard of the width bound; everything above already fits,
	// but for a URL too long for any line, which is never cut.
	if !urlOverflow(s, t.width) {
		s = ansi.Truncate(s, t.width, "…")
	}
	_, _ = t.w.WriteString(s)
	_ = t.w.WriteByte('\n')
	t.lines++
}

// blank writes an empty line between things, never at the top.
func (t *textWriter) blank() {
	if t.lines > 0 {
		t.line("")
	}
}

// hang writes text wrapped to the width, the first line after first and
// the others after rest.
func (t *textWriter) hang(first, rest, text string) {
	for _, l := range hangLines(first, rest, text, t.width) {
		t.line(l)
	}
}

// hangLines wraps text after a first-line prefix and a continuation prefix.
// A first prefix wider than half the width (a long attribute name) gets a
// line of its own rather than squeezing the text into a sliver, and so
// does one followed by a URL too long for the line.
func hangLines(first, rest, text string, width int) []string {
	fw := ansi.StringWidth(first)
	if fw > width/2 && fw+ansi.StringWidth(text) > width && ansi.StringWidth(rest) <= width/2 {
		return append([]string{strings.TrimRight(first, " ")}, hangLines(rest, rest, text, width)...)
	}
	room := max(width-max(ansi.StringWidth(first), ansi.StringWidth(rest)), 1)
	wrapped := strings.Split(wrapText(text, room), "\n")
	if l := first + wrapped[0]; strings.TrimSpace(first) != "" && ansi.StringWidth(l) > width && !urlOverflow(l, width) {
		// A URL too long for the line after a label ("URL: ") starts on a
		// line of its own, under the label.
		return append([]string{strings.TrimRight(first, " ")}, hangLines(rest, rest, text, width)...)
	}
	for i := range wrapped {
		p := rest
		if i == 0 {
			p = first
		}
		wrapped[i] = strings.TrimRight(p+wrapped[i], " ")
	}
	return wrapped
}

func (t *textWriter) header(c *api.Conversation) {
	s := Summarize(c)
	t.hang("", "", s.Heading())
	meta := "id " + s.ID
	if !t.o.Public {
		meta += stateText(s, t.o)
	}
	t.hang("", "", meta)
	if link := t.o.Names.LinkTo(c); link != "" && !t.o.Public {
		t.hang("", "", "Link: "+link) // the link gets a line of its own when it is long
	}
	if n := Notice(c); n != "" {
		t.hang("", "", n)
	}
	if n := t.o.viewNotice(); n != "" {
		t.hang("", "", n)
	}
}

// stateText is " · snoozed until 2026-11-25 09:00 CET · priority", what
// the header says after the id.
func stateText(s Summary, o Options) string {
	meta := ""
	if s.State != "" {
		meta += " · " + s.State
	}
	if s.State == "snoozed" && !s.Until.IsZero() {
		meta += " until " + o.stamp(s.Until)
	}
	if s.Priority {
		meta += " · priority"
	}
	return meta
}

func (t *textWriter) items(items []Item) {
	for _, it := range items {
		if it.Kind == KindEvent {
			if !t.event {
				t.blank()
			}
			t.hang("· "+t.o.eventStamp(it)+" ", "  ", t.o.eventText(it)+it.viaSuffix())
			t.event = true
		} else {
			t.blank()
			t.block(it)
			t.event = false
		}
	}
}

// block writes a message or note: "── Name (role) · time ──" and its
// textLines.
func (t *textWriter) block(it Item) {
	prefix := ""
	if it.Kind == KindNote {
		prefix = "| "
	}
	heading, viaOut := itemHeading(it, t.o, t.width)
	t.line(heading)
	inner := max(t.width-len(prefix), 1)
	lines := textLines(it, t.o, inner)
	if viaOut {
		lines = append(hangLines("via ", "  ", it.Via, inner), lines...)
	}
	for _, l := range lines {
		t.line(strings.TrimRight(prefix+l, " "))
	}
}

// textLines are an item's lines under its heading, wrapped to width (not
// at all when width <= 0): the email headers, the body and its
// translations, the attachments with their URLs, the tags, and what the
// part also changed.
func textLines(it Item, o Options, width int) []string {
	wrap := func(first, rest, s string) []string {
		if width <= 0 {
			return []string{first + s}
		}
		return hangLines(first, rest, s, width)
	}
	body := func(html string) []string {
		if b := PlainBody(html, width); b != "" {
			return strings.Split(b, "\n")
		}
		return nil
	}
	var lines []string
	for _, h := range it.Email.Headers() {
		lines = append(lines, wrap(h.Label+": ", "  ", h.Value)...)
	}
	switch {
	case it.Redacted:
		lines = append(lines, "(redacted)")
	case it.HTML != "":
		keep := o.Quoted || it.Expanded
		text, quoted := splitFor(it, keep)
		lines = append(lines, body(text)...)
		if quoted > 0 && !keep {
			lines = append(lines, quotedNote(quoted))
		}
	}
	if !it.Redacted {
		for _, lang := range it.Languages() {
			lines = append(lines, wrap("[", " ", it.TranslationLabel(lang)+"]")...)
			lines = append(lines, body(it.Translations[lang])...)
		}
	}
	for _, a := range it.Attachments {
		text := "[attachment] " + a.Name
		if size := FormatSize(a.Size); size != "" {
			text += " (" + size + ")"
		}
		lines = append(lines, wrap("", "  ", strings.TrimSpace(text+" "+a.URL))...)
	}
	if len(it.Tags) > 0 {
		lines = append(lines, wrap("Tags: ", "  ", strings.Join(it.Tags, ", "))...)
	}
	if it.Event != "" {
		lines = append(lines, wrap("· ", "  ", o.eventText(it))...)
	}
	return lines
}

// itemHeading is "── Maya Chen (customer) · Tue 24 Nov 14:02 ──", with
// "[internal note]" after the role of a note and "· via jira-cloud" for a
// part an app made; the name gives way first, but not to the app, which
// is left out (viaOut) rather than cut the name.
func itemHeading(it Item, o Options, width int) (heading string, viaOut bool) {
	role := " (" + it.Role.String() + ")"
	if b := it.KindBadge(); b != "" {
		role += " [" + b + "]"
	}
	stamp := ""
	if s := o.stamp(it.Time); s != "" {
		stamp = " · " + s
	}
	const open, shut = "── ", " ──"
	room := width - ansi.StringWidth(open+role+stamp+shut)
	viaOut = it.Via != ""
	if via := " · via " + it.Via; viaOut && ansi.StringWidth(it.Author+via) <= room {
		role += via
		room -= ansi.StringWidth(via)
		viaOut = false
	}
	role += stamp
	name := it.Author
	if room < ansi.StringWidth(name) {
		name = ansi.Truncate(name, max(room, 1), "…")
	}
	return open + name + role + shut, viaOut
}

// ItemText is one item as unwrapped plain text, the way WriteText writes
// it: the heading ("── Maya Chen (customer) · Tue 24 Nov 14:02 ──") and
// its textLines, quoted email history kept when the item is expanded; an
// event is its one line, with its date. The screen copies it to the
// clipboard and searches it in blocks not rendered yet.
func ItemText(it Item, o Options) string {
	if it.Kind == KindEvent {
		stamp := FormatTime(it.Time, o.Loc, o.now())
		if stamp != "" {
			stamp += " "
		}
		return "· " + stamp + it.EventText(o.Loc, o.now()) + it.viaSuffix()
	}
	heading, _ := itemHeading(it, o, math.MaxInt32)
	lines := append([]string{heading}, textLines(it, o, 0)...)
	return strings.Join(lines, "\n")
}
