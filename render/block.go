package render

import (
	"strings"
	"time"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// noteBar starts every line of an internal note, so a note is unmistakable
// even without colour. Styles.NoteBar colours it.
const noteBar = "┃ "

// Renderer renders transcript blocks at one width with one set of styles.
// It owns glamour renderers, which are not safe for concurrent use: give
// each goroutine its own Renderer.
type Renderer struct {
	width  int
	st     Styles
	msg    *glamour.TermRenderer // bodies of messages, at width
	note   *glamour.TermRenderer // bodies of notes, inside the note bar; made on first use
	noteIn int                   // the width inside the note bar
	now    func() time.Time      // decides whether dates show their year, and "3h ago"
	// relative writes the times of headers and events as "3h ago".
	relative bool
	// translate shows bodies in translation, in the language pref picks
	// (see Item.Translation).
	translate bool
	pref      string
}

// NewRenderer makes a renderer for blocks at most width cells wide (at
// least 1). Bodies are styled with st.Markdown; for speed that config
// should leave CodeBlock.Chroma nil and CodeBlock.Theme empty (see
// PlainStyles).
func NewRenderer(width int, st Styles) (*Renderer, error) {
	width = max(width, 1)
	r := &Renderer{width: width, st: st, noteIn: max(width-ansi.StringWidth(noteBar), 1), now: time.Now}
	var err error
	if r.msg, err = newGlamour(width, st); err != nil {
		return nil, err
	}
	return r, nil
}

// Width is the width the renderer was made for.
func (r *Renderer) Width() int { return r.width }

// SetTimes makes the renderer write the times of headers and events as
// "3h ago" from now when relative is set, else as dates ("Tue 24 Nov
// 14:02", with the year when it is not now's). A zero now means the clock.
func (r *Renderer) SetTimes(relative bool, now time.Time) {
	r.relative = relative
	r.now = time.Now
	if !now.IsZero() {
		r.now = func() time.Time { return now }
	}
}

// stamp is a header's time: a date, or "3h ago" for a relative renderer.
func (r *Renderer) stamp(t time.Time, loc *time.Location) string {
	if r.relative {
		if rel := FormatRelative(t, r.now()); rel != "" {
			return rel
		}
	}
	return FormatTime(t, loc, r.now())
}

// newGlamour makes a glamour renderer. Preserved new lines keep the <br>
// line breaks Intercom messages are full of: html-to-markdown writes them
// as hard breaks, which glamour would otherwise join into one line.
func newGlamour(width int, st Styles) (*glamour.TermRenderer, error) {
	return glamour.NewTermRenderer(
		glamour.WithStyles(st.Markdown),
		glamour.WithWordWrap(width),
		glamour.WithPreservedNewLines(),
	)
}

// Block renders one item as lines no wider than the renderer's width, with
// times in loc (time.Local when nil). An event is one line; a message or
// note is a header, its body and its attachments, and a note has the note
// bar before every line.
func (r *Renderer) Block(it Item, loc *time.Location) string {
	it = it.forScreen()
	if it.Kind == KindEvent {
		return r.eventLine(it, loc, r.width)
	}
	width := r.width
	if it.Kind == KindNote {
		width = r.noteIn
	}
	header, viaOut := r.header(it, loc, width)
	lines := []string{header}
	if viaOut {
		lines = append(lines, r.meta("via "+it.Via, width))
	}
	lines = append(lines, r.email(it, width)...)
	it, label := r.translated(it)
	if label != "" {
		lines = append(lines, r.meta(label, width))
	}
	lines = append(lines, r.body(it, width)...)
	for _, a := range it.Attachments {
		lines = append(lines, r.attachment(a, width))
	}
	if len(it.Tags) > 0 {
		lines = append(lines, r.meta("tags: "+strings.Join(it.Tags, ", "), width))
	}
	if it.Event != "" {
		lines = append(lines, r.eventLine(it, loc, width))
	}
	if it.Kind == KindNote {
		bar := r.st.NoteBar.Render(noteBar)
		for i := range lines {
			lines[i] = bar + lines[i]
		}
	}
	return clampLines(lines, r.width)
}

// forScreen is the item with its plain strings made ForScreen; the body
// is, once rendered.
func (it Item) forScreen() Item {
	it.Author, it.Event = ForScreen(it.Author), ForScreen(it.Event)
	it = it.metaForScreen()
	if len(it.Attachments) > 0 {
		atts := make([]Attachment, len(it.Attachments))
		for i, a := range it.Attachments {
			a.Name = ForScreen(a.Name)
			atts[i] = a
		}
		it.Attachments = atts
	}
	return it
}

// header is "Maya Chen  customer            Tue 24 Nov 14:02": the name,
// the badges, and the time at the right edge, after "via jira-cloud" for a
// part an app made. When the width is short the app goes first (viaOut:
// it gets a line of its own), then the time, then (for a note, whose note
// badge matters more) the role badge; the name is cut to what is left.
func (r *Renderer) header(it Item, loc *time.Location, width int) (line string, viaOut bool) {
	role := " " + r.st.Badge[it.Role].Render(" "+it.Role.String()+" ")
	note := ""
	switch it.Kind {
	case KindNote:
		note = " " + r.st.NoteBadge.Render(" "+it.KindBadge()+" ")
	case KindUnrecognised:
		note = " " + r.st.Badge[RoleBot].Render(" "+it.KindBadge()+" ")
	}
	stamp, via := "", ""
	if !it.Time.IsZero() {
		stamp = r.st.Time.Render(r.stamp(it.Time, loc))
	}
	nameMin := min(8, ansi.StringWidth(it.Author))
	room := func() int {
		gap := ansi.StringWidth(via)
		if stamp != "" {
			gap += 1 + ansi.StringWidth(stamp)
		}
		return width - ansi.StringWidth(role) - ansi.StringWidth(note) - gap
	}
	if v := "via " + it.Via + "  "; it.Via != "" && ansi.StringWidth(it.Author+v) <= room() {
		via = r.st.Meta.Render(strings.TrimSpace(v)) + "  "
	}
	if room() < nameMin {
		stamp = ""
	}
	if room() < nameMin && note != "" {
		role = ""
	}
	left := r.st.Author.Render(ansi.Truncate(it.Author, max(room(), 1), "…")) + role + note
	right := strings.TrimRight(via+stamp, " ")
	if right == "" {
		return left, it.Via != "" && via == ""
	}
	gap := max(width-ansi.StringWidth(left)-ansi.StringWidth(right), 1)
	return left + strings.Repeat(" ", gap) + right, it.Via != "" && via == ""
}

// body renders the body through glamour, or "(redacted)". Quoted email
// history at its end is one line, "▸ 24 quoted lines", unless the item is
// expanded: then the history follows "▾ quoted history".
func (r *Renderer) body(it Item, width int) []string {
	if it.Redacted {
		return []string{r.st.Event.Render("(redacted)")}
	}
	text, history := SplitQuoted(it.HTML)
	lines := r.markdown(bodyMarkdown(text), width)
	switch {
	case history == "":
		return lines
	case !it.Expanded:
		fold := "▸ " + count(QuotedLines(history), "quoted line")
		return append(lines, r.st.Quoted.Render(ansi.Truncate(fold, width, "…")))
	}
	lines = append(lines, r.st.Quoted.Render(ansi.Truncate("▾ quoted history", width, "…")))
	return append(lines, r.markdown(bodyMarkdown(history), width)...)
}

// markdown renders a body's Markdown through glamour at width.
func (r *Renderer) markdown(md string, width int) []string {
	if md == "" {
		return nil
	}
	tr := r.msg
	if width != r.width {
		if r.note == nil {
			var err error
			if r.note, err = newGlamour(width, r.st); err != nil {
				return plainLines(md, width)
			}
		}
		tr = r.note
	}
	out, err := tr.Render(md)
	if err != nil {
		return plainLines(md, width)
	}
	return compact(ForScreen(safeHyperlinks(out)), width)
}

// plainLines is the fallback when glamour fails: the Markdown, wrapped,
// and then cut to the screen's width, which even a URL may not pass.
func plainLines(md string, width int) []string {
	lines := strings.Split(wrapPlain(md, width), "\n")
	for i := 0; i < len(lines); i++ {
		if ansi.StringWidth(lines[i]) > width {
			cut := strings.Split(ansi.Hardwrap(lines[i], width, true), "\n")
			lines = append(lines[:i], append(cut, lines[i+1:]...)...)
			i += len(cut) - 1
		}
	}
	return lines
}

// attachmentMark opens an attachment's line. It is one column wide under
// every width measure: a wide glyph such as 📎 makes Bubble Tea's renderer
// erase and rewrite the whole row, details panel included, each time the
// line scrolls into or out of it.
const attachmentMark = "↧"

// attachment is "↧ name · 12 KB · url", the name a hyperlink (OSC 8) when
// there is a URL. The URL text is dropped before the name is cut.
func (r *Renderer) attachment(a Attachment, width int) string {
	st := r.st.Attachment
	head := attachmentMark + " "
	meta := ""
	if size := FormatSize(a.Size); size != "" {
		meta = " · " + size
	}
	tail := ""
	if a.URL != "" {
		tail = " · " + a.URL
	}
	used := ansi.StringWidth(head) + ansi.StringWidth(meta)
	name := a.Name
	if used+ansi.StringWidth(name)+ansi.StringWidth(tail) > width {
		tail = ""
		name = ansi.Truncate(name, max(width-used, 1), "…")
	}
	linked := st.Render(name)
	if a.URL != "" {
		linked = st.Hyperlink(a.URL).Render(name)
	}
	return st.Render(head) + linked + st.Render(meta+tail)
}

// eventLine is "· 14:05  Sam Lee closed the conversation", cut to width.
func (r *Renderer) eventLine(it Item, loc *time.Location, width int) string {
	text := "· "
	stamp := eventStamp(it, loc, r.now())
	if r.relative && stamp != "" {
		stamp = r.stamp(it.Time, loc)
	}
	if stamp != "" && it.Kind == KindEvent {
		text += stamp + "  "
	}
	text += it.EventText(loc, r.now())
	if it.Kind == KindEvent {
		text += it.viaSuffix()
	}
	return r.st.Event.Render(ansi.Truncate(text, width, "…"))
}

// compact tidies glamour's output: no blank lines at either end, no runs
// of blank lines, no trailing padding, and nothing wider than width (code
// blocks are not wrapped by glamour, so long code lines are cut hard).
func compact(out string, width int) []string {
	raw := strings.Split(out, "\n")
	lines := make([]string, 0, len(raw))
	blank := true // drops leading blank lines
	for _, line := range raw {
		line = trimRightSpace(line)
		if line == "" {
			if !blank {
				lines = append(lines, "")
			}
			blank = true
			continue
		}
		if !blank {
			line = unspill(lines[len(lines)-1], line, width)
		}
		blank = false
		if ansi.StringWidth(line) > width {
			lines = append(lines, rewrap(line, width)...)
			continue
		}
		lines = append(lines, line)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// rewrap wraps a line wider than width, keeping its indent and quote
// bars ("│ ") on every line it makes.
func rewrap(line string, width int) []string {
	lead := quoteIndent(ansi.Strip(line))
	if lead == 0 || lead > width/2 {
		return strings.Split(ansi.Hardwrap(line, width, true), "\n")
	}
	head := ansi.Cut(line, 0, lead)
	rest := strings.Split(ansi.Wrap(ansi.Cut(line, lead, ansi.StringWidth(line)), width-lead, ""), "\n")
	for i := range rest {
		rest[i] = head + rest[i]
	}
	return rest
}

// unspill gives back its quote bars to a line glamour spilled out of a
// blockquote: glamour wraps a quote's text one column too wide (it counts
// the bar "│ " as one column) and its outer wrap then puts the last word
// on a line of its own, without the bar. A line is a spill when the line
// before it is quoted and its first word could not have fitted there.
func unspill(prev, line string, width int) string {
	prevPlain, plain := ansi.Strip(prev), ansi.Strip(line)
	lead := quoteIndent(prevPlain)
	bars := ansi.Cut(prevPlain, 0, lead)
	if !strings.Contains(bars, "│") || strings.HasPrefix(plain, bars) {
		return line
	}
	word, _, _ := strings.Cut(strings.TrimLeft(plain, " "), " ")
	if ansi.StringWidth(prevPlain)+1+ansi.StringWidth(word) <= width-2 {
		return line // it fitted: a line of its own, not a spill
	}
	return ansi.Cut(prev, 0, lead) + strings.TrimLeft(line, " ")
}

// quoteIndent is the width of a line's leading spaces and quote bars.
func quoteIndent(plain string) int {
	n := 0
	for _, r := range plain {
		if r != ' ' && r != '│' {
			break
		}
		n++
	}
	return n
}

// trimRightSpace drops a line's trailing spaces while keeping its escape
// sequences (the resets after the padding): glamour pads every line to the
// wrap width. A line of only spaces and escapes becomes "".
func trimRightSpace(line string) string {
	plain := ansi.Strip(line)
	trimmed := strings.TrimRight(plain, " ")
	switch {
	case trimmed == "":
		return ""
	case len(trimmed) == len(plain):
		return line
	}
	return squeezeSGR(ansi.Truncate(line, ansi.StringWidth(trimmed), ""))
}

// squeezeSGR replaces the run of SGR sequences after a line's last
// character with one reset, when the run ends in one: what padding in a
// style leaves once its spaces are cut (a pair of codes per cell), which
// no terminal shows but every frame would carry.
func squeezeSGR(line string) string {
	i, n := len(line), 0
	for {
		j := strings.LastIndex(line[:i], "\x1b[")
		if j < 0 || !IsSGR(line[j:i]) {
			break
		}
		i, n = j, n+1
	}
	if tail := line[i:]; n < 2 || !(strings.HasSuffix(tail, "\x1b[m") || strings.HasSuffix(tail, "\x1b[0m")) {
		return line
	}
	return line[:i] + "\x1b[m"
}

// IsSGR reports whether s is exactly one Select Graphic Rendition
// sequence, "\x1b[…m", with numeric parameters.
func IsSGR(s string) bool {
	if len(s) < 3 || s[:2] != "\x1b[" || s[len(s)-1] != 'm' {
		return false
	}
	for _, c := range s[2 : len(s)-1] {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// clampLines joins lines, cutting any still wider than width: the last
// guard of the width bound, for widths too small to lay anything out.
func clampLines(lines []string, width int) string {
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return strings.Join(lines, "\n")
}

// EventText is Event with the end of a snooze, if any, in loc (the year
// shown when it is not now's): "Sam Lee snoozed the conversation until
// Wed 25 Nov 09:00".
func (it Item) EventText(loc *time.Location, now time.Time) string {
	if it.Until.IsZero() || it.Event == "" {
		return it.Event
	}
	return it.Event + " until " + FormatTime(it.Until, loc, now)
}
