package ui

import (
	"fmt"
	"maps"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// The transcript's search. Matches are found on the lines on screen with
// their escape sequences stripped, one line at a time, and marked by
// restyling those cells of the styled lines (see mark): the viewport's own
// highlighting counts bytes of the styled text and lands on the wrong cells.
// Items whose blocks are not rendered yet are searched in their plain text
// (render.ItemText), so the count is right at once; going to one of their matches
// asks for their block, and the match is shown when it comes.

// match is one occurrence of the query.
type match struct {
	item int // the item, among those shown
	ord  int // which of the item's matches it is
	line int // the content line; -1 while the item's block is not rendered
	// start and end are the match's cells in the line, [start, end).
	start, end int
}

// matchID names a match across renders and filtering: the item's Index
// among all items and the match's ordinal in it.
type matchID struct{ index, ord int }

// less orders matchIDs as the transcript does.
func (a matchID) less(b matchID) bool {
	return a.index < b.index || (a.index == b.index && a.ord < b.ord)
}

// finder is the transcript's search state.
type finder struct {
	query   string
	fold    bool    // smart case: no capital in the query, so case is ignored
	matches []match // in reading order
	cur     int     // the current match, or -1
	want    matchID // the current match's name, kept across renders
	seeking bool    // want is in a block on its way: show it when it comes
	origin  int     // the top line when the prompt opened: typing searches from there
	from    int     // the current item then, given back with the origin
	marked  map[int]string
	// stripped are the content lines without escape sequences, made on the
	// first search after the blocks change.
	stripped []string
	plain    []string // per item shown: its plain text, for blocks not rendered
	// hiddenNotes and hiddenEvents are the plain text of the items the
	// filter hides; hidden counts the matches in them, which e would show.
	hiddenNotes, hiddenEvents []string
	hidden                    int
	hiddenWhat                string // "notes", "events" or "notes and events"
	real                      []bool // per item shown: its block is rendered; nil means all are
}

// setBlocks forgets what depended on the old lines.
func (f *finder) setBlocks(real []bool) {
	f.real = real
	f.stripped = nil
}

// rendered reports whether item i's block is its rendered text.
func (f *finder) rendered(i int) bool { return i >= len(f.real) || f.real[i] }

// Searching reports whether there is a query.
func (t transcript) Searching() bool { return t.find.query != "" }

// SetPlain gives the plain text of each item shown, for counting matches
// in blocks not rendered yet; the next SetBlocks or Refind uses it.
func (t *transcript) SetPlain(plain []string) { t.find.plain = plain }

// SetHiddenPlain gives the plain text of the notes and events the filter
// hides, so the search can say how many matches they hold.
func (t *transcript) SetHiddenPlain(notes, events []string) {
	t.find.hiddenNotes, t.find.hiddenEvents = notes, events
}

// Refind searches again, after SetPlain.
func (t *transcript) Refind() { t.refind() }

// SetOrigin remembers the top of the view: the search typed next looks
// from there, and an empty query returns there.
func (t *transcript) SetOrigin() { t.find.origin, t.find.from = t.vp.YOffset(), t.cur }

// back returns to where the search began: the same line at the top and
// the same current item.
func (t *transcript) back() {
	t.vp.SetYOffset(t.find.origin)
	t.cur = t.find.from
	t.settle()
}

// Search finds q (smart case) and makes current the first match at or
// after the origin, wrapping to the first; an empty q clears the search
// and returns to the origin. It returns the item whose block must be
// rendered to show the current match, or -1.
func (t *transcript) Search(q string) int {
	f := &t.find
	if q == "" {
		t.ClearSearch()
		if t.loaded {
			t.back()
		}
		return -1
	}
	f.query, f.fold = q, !hasUpper(q)
	t.findMatches()
	f.cur = -1
	for j, m := range f.matches {
		if t.matchLine(m) >= f.origin {
			f.cur = j
			break
		}
	}
	if f.cur < 0 && len(f.matches) > 0 {
		f.cur = 0
	}
	t.remark()
	if f.cur < 0 && t.loaded { // nothing found: back where the search began
		t.back()
	}
	return t.goToMatch()
}

// ClearSearch drops the query, the matches and the highlights; the view
// stays where it is.
func (t *transcript) ClearSearch() {
	t.find.query, t.find.matches, t.find.cur, t.find.marked, t.find.seeking = "", nil, -1, nil, false
}

// NextMatch makes the next (d = 1) or previous (d = -1) match current,
// wrapping, and shows it. It returns the item whose block must be rendered
// to show it, or -1.
func (t *transcript) NextMatch(d int) int {
	f := &t.find
	n := len(f.matches)
	if n == 0 {
		return -1
	}
	old := f.cur
	if old < 0 { // not kept across a render: start again from the first
		old = n - 1
	}
	f.cur = ((old+d)%n + n) % n
	t.remarkLines(f.matches[old].line, f.matches[f.cur].line)
	return t.goToMatch()
}

// MatchStatus is the search's part of the footer, long and short: "match
// 3/17", "no matches", with "3 more in hidden notes · e shows them" when
// the filter hides matches; "" without a query.
func (t transcript) MatchStatus() (long, short string) {
	f := t.find
	switch {
	case f.query == "":
		return "", ""
	case len(f.matches) == 0 && f.hidden > 0:
		long, short = "no matches", "none"
	case len(f.matches) == 0:
		return "no matches", "no matches"
	case f.cur < 0:
		long = fmt.Sprintf("%d matches", len(f.matches))
		short = long
	default:
		long = fmt.Sprintf("match %d/%d", f.cur+1, len(f.matches))
		short = long
	}
	if f.hidden > 0 {
		more := "more"
		if len(f.matches) == 0 {
			more = "all"
		}
		long += fmt.Sprintf(" · %d %s in hidden %s · %s shows them", f.hidden, more, f.hiddenWhat, keymap.Hint(t.keys.Filter))
		short += fmt.Sprintf(" +%d hidden", f.hidden)
	}
	return long, short
}

// refind searches the current lines again (new blocks, new plain text)
// keeping the current match by name, and shows it if it was on its way.
func (t *transcript) refind() {
	f := &t.find
	if f.query == "" {
		return
	}
	t.findMatches()
	f.cur = -1
	for j, m := range f.matches {
		if !t.id(m).less(f.want) {
			f.cur = j
			break
		}
	}
	if f.cur < 0 && len(f.matches) > 0 {
		f.cur = 0
	}
	t.remark()
	if f.seeking && f.cur >= 0 && f.matches[f.cur].line >= 0 {
		t.goToMatch()
	}
}

// id names match m.
func (t *transcript) id(m match) matchID {
	if m.item < len(t.index) {
		return matchID{t.index[m.item], m.ord}
	}
	return matchID{m.item, m.ord}
}

// matchLine is where m is: its line, or its item's first line while the
// item's block is not rendered.
func (t *transcript) matchLine(m match) int {
	if m.line >= 0 || m.item >= len(t.starts) {
		return m.line
	}
	return t.starts[m.item]
}

// goToMatch shows the current match: where it is when it shows already,
// else a third of the way down the view, and makes its item the current
// one. A match in a block not rendered yet waits for it: its item is
// returned for rendering.
func (t *transcript) goToMatch() int {
	f := &t.find
	f.seeking = false
	if f.cur < 0 {
		return -1
	}
	m := f.matches[f.cur]
	f.want = t.id(m)
	if m.line < 0 {
		f.seeking = true
		return m.item
	}
	top, h := t.vp.YOffset(), t.vp.Height()
	if m.line < top || m.line >= top+h {
		t.vp.SetYOffset(max(0, m.line-h/3))
	}
	t.cur = m.item
	t.follow = t.vp.AtBottom()
	return -1
}

// findMatches lists every match in reading order: on the lines of rendered
// blocks, else in the item's plain text.
func (t *transcript) findMatches() {
	f := &t.find
	if f.stripped == nil {
		f.stripped = make([]string, len(t.text.lines))
		for i, l := range t.text.lines {
			f.stripped[i] = ansi.Strip(l)
		}
	}
	q := []rune(f.query)
	if f.fold {
		q = lowerRunes(q)
	}
	var out []match
	for i, start := range t.starts {
		if !f.rendered(i) {
			if i < len(f.plain) {
				n := 0
				for line := range strings.Lines(f.plain[i]) {
					n += len(findAll(line, q, f.fold))
				}
				for k := range n {
					out = append(out, match{item: i, ord: k, line: -1})
				}
			}
			continue
		}
		ord := 0
		for line := start; line < start+t.heights[i] && line < len(f.stripped); line++ {
			plain := f.stripped[line]
			for _, r := range findAll(plain, q, f.fold) {
				s, e := ansi.StringWidth(plain[:r[0]]), ansi.StringWidth(plain[:r[1]])
				if e > s {
					out = append(out, match{item: i, ord: ord, line: line, start: s, end: e})
					ord++
				}
			}
		}
	}
	f.matches = out
	f.countHidden(q)
}

// countHidden counts the matches of q in the hidden notes and events.
func (f *finder) countHidden(q []rune) {
	count := func(texts []string) int {
		n := 0
		for _, text := range texts {
			for line := range strings.Lines(text) {
				n += len(findAll(line, q, f.fold))
			}
		}
		return n
	}
	notes, events := count(f.hiddenNotes), count(f.hiddenEvents)
	f.hidden = notes + events
	switch {
	case notes > 0 && events > 0:
		f.hiddenWhat = "notes and events"
	case notes > 0:
		f.hiddenWhat = "notes"
	default:
		f.hiddenWhat = "events"
	}
}

// remark marks every line with matches, the current match apart: the
// highlighted lines are made once per query (and per render), never while
// drawing.
func (t *transcript) remark() {
	f := &t.find
	if f.query == "" {
		f.marked = nil
		return
	}
	f.marked = t.markLines(nil)
}

// remarkLines marks the given lines again (the current match moved), in a
// copy of the marks: an older model may still draw the old ones.
func (t *transcript) remarkLines(lines ...int) {
	only := map[int]bool{}
	for _, l := range lines {
		only[l] = true
	}
	marked := maps.Clone(t.find.marked)
	if marked == nil {
		marked = map[int]string{}
	}
	maps.Copy(marked, t.markLines(only))
	t.find.marked = marked
}

// markLines is the lines with matches (only those in only, unless it is
// nil) with their matches marked.
func (t *transcript) markLines(only map[int]bool) map[int]string {
	f := &t.find
	on, onCur := sgrOf(t.st.Match), sgrOf(t.st.MatchCurrent)
	spans := map[int][]span{}
	for j, m := range f.matches {
		if m.line < 0 || m.line >= len(t.text.lines) || (only != nil && !only[m.line]) {
			continue
		}
		s := span{start: m.start, end: m.end, on: on}
		if j == f.cur {
			s.on = onCur
		}
		spans[m.line] = append(spans[m.line], s)
	}
	marked := make(map[int]string, len(spans))
	for l, ss := range spans {
		marked[l] = mark(t.text.lines[l], ss)
	}
	return marked
}

// hasUpper reports whether s has a capital letter: smart case then
// matches case exactly.
func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// lowerRunes lowers each rune alone, so the runes stay one for one with
// the text's and positions map back.
func lowerRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

// findAll is the byte ranges of the non-overlapping occurrences of q in s,
// ignoring case when fold is set (q is then lower case already).
func findAll(s string, q []rune, fold bool) [][2]int {
	if len(q) == 0 || len(s) == 0 {
		return nil
	}
	if !fold {
		needle := string(q)
		var out [][2]int
		for from := 0; ; {
			i := strings.Index(s[from:], needle)
			if i < 0 {
				return out
			}
			out = append(out, [2]int{from + i, from + i + len(needle)})
			from += i + len(needle)
		}
	}
	text := make([]rune, 0, len(s))
	at := make([]int, 0, len(s)+1) // the byte where each rune starts, and the end
	for i, r := range s {
		text = append(text, unicode.ToLower(r))
		at = append(at, i)
	}
	at = append(at, len(s))
	var out [][2]int
	for i := 0; i+len(q) <= len(text); {
		if runesAt(text, i, q) {
			out = append(out, [2]int{at[i], at[i+len(q)]})
			i += len(q)
			continue
		}
		i++
	}
	return out
}

// runesAt reports whether q occurs in text at i.
func runesAt(text []rune, i int, q []rune) bool {
	for k, r := range q {
		if text[i+k] != r {
			return false
		}
	}
	return true
}

// span is cells [start, end) of a line to restyle with the SGR on.
type span struct {
	start, end int
	on         string
}

// mark restyles the cells of spans (in order, not overlapping) in a styled
// line and leaves everything else as it was: within a span the line's own
// SGR sequences are held back (glamour resets after every word, which would
// end the highlight) and, after it, replayed from the line's last reset, so
// the line's styling goes on where it would have. Hyperlinks (OSC 8) and
// every other sequence pass through, so links stay links. Only escape
// sequences are added: the text, and so the width, is unchanged.
func mark(line string, spans []span) string {
	if len(spans) == 0 {
		return line
	}
	var b strings.Builder
	b.Grow(len(line) + 32*len(spans))
	var sgr []string // the line's SGR sequences since its last reset
	col, k, in := 0, 0, false
	var state byte
	for len(line) > 0 {
		seq, w, n, next := ansi.DecodeSequence(line, state, nil)
		state, line = next, line[n:]
		if n == 0 {
			break
		}
		if seq[0] == ansi.ESC {
			if render.IsSGR(seq) {
				if resets(seq) {
					sgr = sgr[:0]
				}
				sgr = append(sgr, seq)
				if in {
					continue
				}
			}
			b.WriteString(seq)
			continue
		}
		for k < len(spans) && col >= spans[k].end {
			if in {
				b.WriteString(resetSGR)
				b.WriteString(strings.Join(sgr, ""))
				in = false
			}
			k++
		}
		if !in && k < len(spans) && col >= spans[k].start && w > 0 {
			b.WriteString(resetSGR)
			b.WriteString(spans[k].on)
			in = true
		}
		b.WriteString(seq)
		col += w
	}
	if in {
		b.WriteString(resetSGR)
		b.WriteString(strings.Join(sgr, ""))
	}
	return b.String()
}

// resetSGR turns every attribute off.
const resetSGR = "\x1b[m"

// resets reports whether an SGR sequence starts by turning everything off:
// no parameters, or a first parameter of 0.
func resets(seq string) bool {
	p := seq[2 : len(seq)-1]
	return p == "" || p == "0" || strings.HasPrefix(p, "0;") || strings.HasPrefix(p, "0:")
}

// sgrOf is the SGR sequence that turns a style on (for styles of colours
// and attributes only), taken from what the style renders.
func sgrOf(st interface{ Render(...string) string }) string {
	out := st.Render("x")
	if i := strings.IndexByte(out, 'x'); i > 0 {
		return out[:i]
	}
	return ""
}
