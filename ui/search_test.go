package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render"
)

// cell is one grapheme of a styled line as a terminal would draw it: its
// text, the SGR parameters in force (since the last reset) and its link.
type cell struct {
	text, sgr, link string
	col             int
}

// cells interprets a styled line the way a terminal does, for comparing
// what two lines look like rather than their bytes.
func cells(s string) []cell {
	var out []cell
	var sgr []string
	link, col := "", 0
	var state byte
	for len(s) > 0 {
		seq, w, n, next := ansi.DecodeSequence(s, state, nil)
		state, s = next, s[n:]
		switch {
		case seq[0] == ansi.ESC && render.IsSGR(seq):
			if resets(seq) {
				sgr = nil
			}
			for _, p := range strings.Split(seq[2:len(seq)-1], ";") {
				if p != "" && p != "0" {
					sgr = append(sgr, p)
				}
			}
		case strings.HasPrefix(seq, "\x1b]8;"):
			body := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]8;"), "\a"), "\x1b\\")
			_, link, _ = strings.Cut(body, ";")
		case seq[0] == ansi.ESC:
		default:
			out = append(out, cell{text: seq, sgr: strings.Join(sgr, ";"), link: link, col: col})
			col += w
		}
	}
	return out
}

// params is the SGR parameters an "on" sequence of mark leaves in force.
func params(on string) string {
	c := cells(on + "x")
	return c[0].sgr
}

func TestMarkRestylesOnlyTheSpans(t *testing.T) {
	line := "\x1b[1mHello\x1b[m \x1b]8;;https://x.test/a\a\x1b[4;38;2;1;2;3mwörld 世界\x1b[m\x1b]8;;\a end"
	on, cur := "\x1b[7m", "\x1b[1;4;7m"
	tests := []struct {
		name  string
		spans []span
	}{
		{"across a style and into a link", []span{{start: 3, end: 8, on: on}}},
		{"wide characters", []span{{start: 12, end: 16, on: cur}}},
		{"two spans, the last to the end", []span{{start: 0, end: 1, on: on}, {start: 17, end: 20, on: cur}}},
		{"the whole line", []span{{start: 0, end: 20, on: on}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mark(line, tt.spans)
			if ansi.Strip(got) != ansi.Strip(line) || ansi.StringWidth(got) != ansi.StringWidth(line) {
				t.Fatalf("mark changed the text: %q (width %d), was %q (width %d)",
					ansi.Strip(got), ansi.StringWidth(got), ansi.Strip(line), ansi.StringWidth(line))
			}
			before, after := cells(line), cells(got)
			if len(before) != len(after) {
				t.Fatalf("%d cells, was %d", len(after), len(before))
			}
			for i, c := range after {
				want := before[i].sgr
				for _, s := range tt.spans {
					if c.col >= s.start && c.col < s.end {
						want = params(s.on)
					}
				}
				if c.sgr != want {
					t.Errorf("cell %d %q at column %d has SGR %q, want %q", i, c.text, c.col, c.sgr, want)
				}
				if c.link != before[i].link {
					t.Errorf("cell %d %q links to %q, was %q", i, c.text, c.link, before[i].link)
				}
			}
		})
	}
	if got := mark(line, nil); got != line {
		t.Errorf("mark with no spans changed the line: %q", got)
	}
}

func TestFindAllSmartCase(t *testing.T) {
	tests := []struct {
		name, s, q string
		want       int
	}{
		{"lower case ignores case", "Export, EXPORT and export", "export", 3},
		{"a capital matches exactly", "Export, EXPORT and export", "Export", 1},
		{"non-overlapping", "aaaa", "aa", 2},
		{"non-Latin, case-insensitive", "ΚΑΦΕ and καφε", "καφε", 2},
		{"none", "nothing here", "zz", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := []rune(tt.q)
			fold := !hasUpper(tt.q)
			if fold {
				q = lowerRunes(q)
			}
			got := findAll(tt.s, q, fold)
			if len(got) != tt.want {
				t.Fatalf("findAll(%q, %q) = %v, want %d matches", tt.s, tt.q, got, tt.want)
			}
			for _, r := range got {
				if m := tt.s[r[0]:r[1]]; !strings.EqualFold(m, tt.q) {
					t.Errorf("match %q is not %q", m, tt.q)
				}
			}
		})
	}
}

// search opens the prompt at the top, types q and presses enter.
func (d *driver) search(q string) {
	d.t.Helper()
	d.keys("/")
	for _, r := range q {
		d.keys(string(r))
	}
	d.keys("enter")
}

// matchCount is how often q occurs in the transcript's rendered lines, the
// way a reader would count it (smart case).
func matchCount(d *driver, q string) int {
	n := 0
	for _, l := range d.m.tr.text.lines {
		l = ansi.Strip(l)
		if !hasUpper(q) {
			l, q = strings.ToLower(l), strings.ToLower(q)
		}
		n += strings.Count(l, q)
	}
	return n
}

func TestSearchCountsJumpsAndWraps(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	n := matchCount(d, "export")
	if n < 5 {
		t.Fatalf("the demo has %d matches of export, want several", n)
	}
	d.search("export")
	if f, want := d.footer(), fmt.Sprintf("match 1/%d · part 1/53", n); !strings.Contains(f, want) {
		t.Fatalf("footer after /export = %q, want %q", f, want)
	}
	if !strings.Contains(d.m.View().Content, sgrOf(d.m.st.MatchCurrent)) {
		t.Error("the current match is not highlighted on screen")
	}
	for i := 2; i <= n; i++ {
		d.keys("n")
		if f, want := d.footer(), fmt.Sprintf("match %d/%d", i, n); !strings.Contains(f, want) {
			t.Fatalf("footer after %d n = %q, want %q", i-1, f, want)
		}
		m := d.m.tr.find.matches[d.m.tr.find.cur]
		if top := d.m.tr.vp.YOffset(); m.line < top || m.line >= top+d.m.tr.vp.Height() {
			t.Fatalf("match %d on line %d is not in the view (top %d)", i, m.line, top)
		}
		if cur := d.m.tr.Current(); cur != m.item {
			t.Fatalf("match %d is in part %d, but the current part is %d", i, m.item+1, cur+1)
		}
	}
	d.keys("n")
	if f, want := d.footer(), fmt.Sprintf("match 1/%d", n); !strings.Contains(f, want) {
		t.Errorf("n at the last match: footer = %q, want it to wrap to %q", f, want)
	}
	d.keys("N")
	if f, want := d.footer(), fmt.Sprintf("match %d/%d", n, n); !strings.Contains(f, want) {
		t.Errorf("N at the first match: footer = %q, want it to wrap to %q", f, want)
	}
	checkFrame(t, d.m.View().Content, 120, 40)
}

func TestSearchStartsAtTheTopOfTheView(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	top := d.m.tr.vp.YOffset()
	d.search("export")
	m := d.m.tr.find.matches[d.m.tr.find.cur]
	if m.line < top {
		t.Errorf("the first match shown is on line %d, above the view's top %d", m.line, top)
	}
	for _, other := range d.m.tr.find.matches[:d.m.tr.find.cur] {
		if other.line >= top {
			t.Errorf("match on line %d is at or after the top %d but came before the one shown", other.line, top)
		}
	}
}

func TestSearchSmartCase(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	lower, exact := matchCount(d, "csv"), matchCount(d, "CSV")
	if lower <= exact || exact == 0 {
		t.Fatalf("the demo has csv %d and CSV %d times: the test needs both cases", lower, exact)
	}
	d.search("csv")
	if f, want := d.footer(), fmt.Sprintf("/%d ·", lower); !strings.Contains(f, want) {
		t.Errorf("footer after /csv = %q, want %d matches", f, lower)
	}
	d.keys("esc")
	d.search("CSV")
	if f, want := d.footer(), fmt.Sprintf("/%d ·", exact); !strings.Contains(f, want) {
		t.Errorf("footer after /CSV = %q, want %d matches", f, exact)
	}
}

func TestSearchHighlightsKeepWidths(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	d.search("e") // on nearly every line, styled or not, wide characters too
	f := d.m.tr.find
	if len(f.marked) < 100 {
		t.Fatalf("%d lines marked, want most of them", len(f.marked))
	}
	on, cur := params(sgrOf(d.m.st.Match)), params(sgrOf(d.m.st.MatchCurrent))
	byLine := map[int][]match{}
	for j, m := range f.matches {
		if j == f.cur {
			m.ord = -1 // the current one
		}
		byLine[m.line] = append(byLine[m.line], m)
	}
	for l, marked := range f.marked {
		line := d.m.tr.text.lines[l]
		if ansi.Strip(marked) != ansi.Strip(line) || ansi.StringWidth(marked) != ansi.StringWidth(line) {
			t.Fatalf("line %d changed: %q (%d cells), was %q (%d cells)", l,
				ansi.Strip(marked), ansi.StringWidth(marked), ansi.Strip(line), ansi.StringWidth(line))
		}
		before, after := cells(line), cells(marked)
		for i, c := range after {
			want := before[i].sgr
			for _, m := range byLine[l] {
				if c.col >= m.start && c.col < m.end {
					want = on
					if m.ord == -1 {
						want = cur
					}
				}
			}
			if c.sgr != want || c.link != before[i].link {
				t.Fatalf("line %d cell %q: SGR %q link %q, want %q and %q", l, c.text, c.sgr, c.link, want, before[i].link)
			}
		}
	}
	checkFrame(t, d.m.View().Content, 120, 40)
}

func TestSearchEscClearsAndEnterKeeps(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g", "/", "e", "x", "p")
	if !strings.HasPrefix(d.footer(), "/exp") || !strings.Contains(d.footer(), "match 1/") {
		t.Fatalf("footer while typing = %q, want the prompt and the count", d.footer())
	}
	d.keys("o", "r", "t", "enter")
	if f := d.footer(); strings.HasPrefix(f, "/") || !strings.Contains(f, "match 1/") || !strings.Contains(f, "part ") {
		t.Fatalf("footer after enter = %q, want the help, the match and the position", f)
	}
	d.keys("n", "esc")
	if f := d.footer(); strings.Contains(f, "match") {
		t.Errorf("footer after esc = %q, want no match count", f)
	}
	if d.m.tr.find.marked != nil || strings.Contains(d.m.View().Content, sgrOf(d.m.st.Match)) {
		t.Error("esc left highlights")
	}
	d.keys("n")
	if f := d.footer(); !strings.Contains(f, "no search: / to search") {
		t.Errorf("footer after n with no search = %q", f)
	}

	// esc in the prompt clears too, and goes back where the search began.
	d.keys("g", "]", "]")
	top := d.m.tr.vp.YOffset()
	d.keys("/", "z", "u", "r")
	d.keys("esc")
	if f := d.footer(); strings.HasPrefix(f, "/") || strings.Contains(f, "match") {
		t.Errorf("footer after esc in the prompt = %q", f)
	}
	if got := d.m.tr.vp.YOffset(); got != top {
		t.Errorf("after esc in the prompt the view is at line %d, want %d where the search began", got, top)
	}
}

func TestSearchNoMatches(t *testing.T) {
	d := ready(t, 120, 40)
	d.search("zqxj")
	if f := d.footer(); !strings.Contains(f, "no matches · part 53/53") {
		t.Errorf("footer = %q, want no matches", f)
	}
	d.keys("n")
	if f := d.footer(); !strings.Contains(f, "no matches") {
		t.Errorf("footer after n = %q", f)
	}
}

// A search that finds nothing gives back the place it began, the current
// part as well as the line, even after its first letters matched elsewhere.
func TestSearchNoMatchesGivesBackThePart(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	part := regexp.MustCompile(`part \d+/\d+`)
	before := part.FindString(d.footer())
	d.search("Exportqq")
	if got := part.FindString(d.footer()); got != before || !strings.Contains(d.footer(), "no matches") {
		t.Errorf("footer after a search with no matches = %q, want no matches and %s", d.footer(), before)
	}
}

func TestSearchPromptTakesTheKeys(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("tab") // the panel has the focus: / gives it back to the transcript
	d.keys("/", "q", "?", "j", "e", "t", "y")
	if d.quit || d.m.showHelp || d.m.hideNotes || d.m.relative {
		t.Fatalf("keys typed in the prompt acted: quit %v help %v filter %v times %v", d.quit, d.m.showHelp, d.m.hideNotes, d.m.relative)
	}
	if got := d.m.prompt.Value(); got != "q?jety" {
		t.Errorf("query = %q, want what was typed", got)
	}
	if !strings.Contains(d.screen(), "▍Transcript") {
		t.Error("/ did not move the focus to the transcript")
	}
	d.keys("backspace", "backspace")
	if got := d.m.prompt.Value(); got != "q?je" {
		t.Errorf("query after two backspaces = %q", got)
	}
	d.send(tea.PasteMsg{Content: "xx"})
	if got := d.m.prompt.Value(); got != "q?jexx" {
		t.Errorf("query after a paste = %q", got)
	}
	checkFrame(t, d.m.View().Content, 120, 40)
	d.keys("ctrl+c")
	if !d.quit {
		t.Error("ctrl+c in the prompt did not quit")
	}
}

// A match in a part not rendered yet is counted at once from the part's
// plain text; going to it renders the part, then shows the match.
func TestSearchFindsPartsNotRenderedYet(t *testing.T) {
	d := newDriver(t, demoOptions())
	first := d.step(tea.WindowSizeMsg{Width: 120, Height: 40})().(renderedMsg)
	if first.complete() || first.lo == 0 {
		t.Fatalf("the first render covers %d..%d of %d: the test needs the top left out", first.lo, first.hi, len(first.blocks))
	}
	rest := d.step(first) // held back: the top stays unrendered
	d.keys("g", "/")
	var cmd tea.Cmd
	for _, r := range "export" {
		cmd = d.step(keyPress(string(r))) // the seeks are held back too
	}
	f := d.m.tr.find
	if len(f.matches) == 0 || f.cur < 0 {
		t.Fatalf("no matches before the parts were rendered: %+v", f.matches)
	}
	m := f.matches[f.cur]
	if m.line != -1 || m.item != 0 || !f.seeking {
		t.Fatalf("current match %+v (seeking %v), want the opening message's, not rendered yet", m, f.seeking)
	}
	counted, pending := len(f.matches), 0
	for _, m := range f.matches {
		if m.line < 0 {
			pending++
		}
	}
	if pending == 0 || pending == counted {
		t.Errorf("%d of %d matches are in parts not rendered, want some and not all", pending, counted)
	}
	if !strings.Contains(d.footer(), fmt.Sprintf("match 1/%d", counted)) {
		t.Errorf("footer = %q, want match 1/%d", d.footer(), counted)
	}

	d.run(cmd) // the seek: the opening message renders, and the view goes to its match
	f = d.m.tr.find
	m = f.matches[f.cur]
	if m.line < 0 || m.item != 0 || f.seeking {
		t.Fatalf("after the seek the current match is %+v (seeking %v), want it rendered", m, f.seeking)
	}
	if top := d.m.tr.vp.YOffset(); m.line < top || m.line >= top+d.m.tr.vp.Height() {
		t.Errorf("the match on line %d is not in view (top %d)", m.line, top)
	}
	if _, ok := f.marked[m.line]; !ok {
		t.Error("the match's line is not highlighted")
	}
	if d.m.blk.complete() {
		t.Error("the seek's blocks were taken for the whole transcript")
	}

	d.keys("enter")
	d.run(rest)
	if !d.m.blk.complete() {
		t.Fatal("the rest did not come")
	}
	// The plain text is near enough: an event line cut at the pane's edge
	// loses a match or two.
	got := len(d.m.tr.find.matches)
	if got != matchCount(d, "export") || got < counted-2 || got > counted+2 {
		t.Errorf("%d matches once rendered (%d on screen), %d counted before", got, matchCount(d, "export"), counted)
	}
	if f := d.footer(); !strings.Contains(f, fmt.Sprintf("match 1/%d · part 1/53", got)) {
		t.Errorf("footer once rendered = %q", f)
	}
}

// n to a match in a part not rendered yet renders it and then scrolls to it.
func TestNextMatchRendersItsPart(t *testing.T) {
	d := newDriver(t, demoOptions())
	first := d.step(tea.WindowSizeMsg{Width: 120, Height: 40})().(renderedMsg)
	d.step(first) // the rest is never run
	d.keys("g")
	d.search("export") // renders the opening message for the first match
	f := d.m.tr.find
	next := -1
	for j := f.cur + 1; j < len(f.matches); j++ {
		if f.matches[j].line == -1 {
			next = j
			break
		}
	}
	if next < 0 {
		t.Fatal("no match left in a part not rendered")
	}
	for range next - f.cur {
		d.keys("n")
	}
	f = d.m.tr.find
	m := f.matches[f.cur]
	if m.line < 0 || f.seeking {
		t.Fatalf("n to match %d left it unrendered: %+v", next+1, m)
	}
	if top := d.m.tr.vp.YOffset(); m.line < top || m.line >= top+d.m.tr.vp.Height() {
		t.Errorf("the match on line %d is not in view (top %d)", m.line, top)
	}
	if !strings.Contains(d.footer(), fmt.Sprintf("match %d/", f.cur+1)) {
		t.Errorf("footer = %q, want match %d", d.footer(), f.cur+1)
	}
}

func TestSearchFramesFit(t *testing.T) {
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {79, 24}, {20, 6}, {10, 3}, {2, 2}} {
		w, h := sz[0], sz[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			d := ready(t, w, h)
			for _, k := range []string{"/", "e", "x", "p", "o", "r", "t", "enter", "n", "N", "e", "t", "esc", "i", "/", "c", "esc"} {
				d.keys(k)
				checkFrame(t, d.m.View().Content, w, h)
			}
		})
	}
}

// The search says how many matches the filter hides, and which key shows
// them.
func TestSearchCountsMatchesInHiddenNotes(t *testing.T) {
	d := ready(t, 160, 40)
	d.keys("e")
	d.elapse()
	d.search("training")
	if f := d.footer(); !strings.Contains(f, "in hidden notes · e shows them") {
		t.Errorf("footer = %q, want the matches in hidden notes", f)
	}
	d.keys("e")
	d.elapse()
	if f := d.footer(); strings.Contains(f, "hidden") || !strings.Contains(f, "match") {
		t.Errorf("footer with everything shown = %q, want the matches and nothing hidden", f)
	}
}
