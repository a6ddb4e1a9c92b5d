package ui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// transcript is the left pane: every item's rendered block, one blank line
// apart, in a viewport. It knows the line where each item starts, which
// gives the footer's "part i/N" and the ]/[ jumps, and keeps the reading
// position when the blocks are rendered again at another width, or when
// the items shown change (a reload, the notes and events filter). Its
// search is in search.go.
type transcript struct {
	vp       viewport.Model // the scroll position; drawing is window's
	text     text
	keys     keymap.KeyMap
	st       *Styles
	items    int      // how many items the blocks will be: the N of "part i/N"
	events   []bool   // which items are one-line events, stacked without a gap
	ids      []string // the items' part ids
	index    []int    // the items' render.Item.Index: their place among all items
	shownID  []string // the ids of the blocks shown (a reload changes ids before blocks)
	shownIdx []int    // the Index of the blocks shown
	starts   []int    // the content line each item starts at
	heights  []int    // each item's lines
	cur      int      // the current item: at the top of the view, or where ]/[ went
	follow   bool     // stay at the bottom (newest) across resizes, like a chat
	loaded   bool     // blocks have been set at least once
	focused  bool
	title    bool
	width    int
	find     finder // the search: its query, matches and marked lines
	// dividers are the words of rules drawn above parts, by part id:
	// "── new ──".
	dividers map[string]string
	// openAt, the first time blocks are set, opens the view at the divider
	// above this part instead of at the end.
	openAt string
	// hold keeps, at the next SetBlocks, the line within the part at the
	// top rather than the fraction: a part unfolded at the same width grows
	// below what the reader sees.
	hold bool

	// Made when focus, styles or width change, so View only copies them.
	titleLine string
	mark      string // the gutter of the current item's lines
}

func newTranscript(keys keymap.KeyMap, st *Styles) transcript {
	return transcript{vp: newPaneViewport(), keys: keys, st: st, follow: true}
}

// SetItems says which items (the opening message and the parts shown) the
// blocks will be.
func (t *transcript) SetItems(items []render.Item) {
	t.items = len(items)
	t.events = make([]bool, len(items))
	t.ids = make([]string, len(items))
	t.index = make([]int, len(items))
	for i, it := range items {
		t.events[i] = it.Kind == render.KindEvent
		t.ids[i] = it.ID
		t.index[i] = it.Index
	}
}

// carry is the index among the items of the part shown as block i, and
// whether it is that very part: the same index unless the items changed (a
// reload, the filter), then found by its id; when that part is gone (or
// hidden), the nearest item before where it was. Negative i stays as it is.
func (t *transcript) carry(i int) (int, bool) {
	switch {
	case i < 0:
		return i, true
	case i >= len(t.shownID):
		return min(i, len(t.ids)-1), true
	case i < len(t.ids) && t.ids[i] == t.shownID[i] && t.index[i] == t.shownIdx[i]:
		return i, true
	}
	if id := t.shownID[i]; id != "" {
		for j, other := range t.ids {
			if other == id {
				return j, true
			}
		}
	}
	// The last item at or before the old one's place, else the first.
	j := sort.SearchInts(t.index, t.shownIdx[i]+1) - 1
	return min(max(j, 0), len(t.ids)-1), false
}

// rule is a divider across the pane: "──── new ────".
func (t transcript) rule(words string) string {
	w := max(t.width-gutterWidth-1, 10) // a cell clear of the panel's border
	text := " " + words + " "
	tw := ansi.StringWidth(text)
	left := max(2, (w-tw)/2)
	return t.st.Divider.Render(strings.Repeat("─", left) + text + strings.Repeat("─", max(2, w-left-tw)))
}

// SetDividers sets the words of the rules drawn above parts, by part id;
// the next SetBlocks draws them.
func (t *transcript) SetDividers(d map[string]string) { t.dividers = d }

// DividerAt is the content line of the divider above part id, or -1.
func (t transcript) DividerAt(id string) int {
	if _, ok := t.dividers[id]; !ok {
		return -1
	}
	for i, other := range t.ids {
		if other == id && i < len(t.starts) {
			return t.starts[i] - 1
		}
	}
	return -1
}

// gapBefore reports whether a blank line goes above block i: between any
// two blocks but consecutive events, which read as one run of history.
func (t *transcript) gapBefore(i int) bool {
	return i > 0 && !(i < len(t.events) && t.events[i] && t.events[i-1])
}

// SetBlocks shows blocks (one per item) below an optional notice; real
// says which blocks are the items' rendered text rather than stand-ins
// (nil: all are), for the search. The first time the view opens at the
// bottom, on the newest part; later the part at the top of the view, and
// the place within it, stay where they were, even when a reload or the
// filter added or dropped parts around it. A part gone from the top gives
// its place to the nearest one before it, shown from its start.
func (t *transcript) SetBlocks(blocks []string, real []bool, notice string) {
	item, frac := t.anchor()
	within := 0
	if item >= 0 && item < len(t.starts) {
		within = max(0, t.vp.YOffset()-t.starts[item])
	}
	hold := t.hold
	t.hold = false
	item, same := t.carry(item)
	cur, _ := t.carry(t.cur)
	if !same {
		frac, hold = 0, false
	}
	var lines []string
	if notice != "" {
		lines = append(lines, strings.Split(notice, "\n")...)
		lines = append(lines, "")
	}
	t.starts = make([]int, len(blocks))
	t.heights = make([]int, len(blocks))
	for i, b := range blocks {
		d, divided := "", false
		if i < len(t.ids) {
			d, divided = t.dividers[t.ids[i]]
		}
		if t.gapBefore(i) || divided {
			lines = append(lines, "")
		}
		if divided {
			lines = append(lines, t.rule(d))
		}
		t.starts[i] = len(lines)
		lines = append(lines, strings.Split(strings.TrimRight(b, "\n"), "\n")...)
		t.heights[i] = len(lines) - t.starts[i]
	}
	if len(blocks) == 0 {
		lines = append(lines, t.st.Render.Event.Render("(no messages)"))
	}
	t.text = newText(lines)
	// The viewport keeps only the scroll position (text draws), so it gets
	// blank lines: it would measure every line for a sideways scroll convo
	// does not do, which for 500 parts is most of a resize's time.
	t.vp.SetContentLines(make([]string, len(lines)))
	t.shownID, t.shownIdx = t.ids, t.index
	t.cur = min(max(cur, 0), max(0, len(blocks)-1))
	at := t.DividerAt(t.openAt)
	switch {
	case !t.loaded && at >= 0:
		t.vp.SetYOffset(at)
		t.cur, t.follow = lineAt(t.starts, at+1), t.vp.AtBottom()
	case !t.loaded || t.follow:
		t.toBottom()
	case item < 0: // in the notice above the first item
		t.vp.GotoTop()
	case item < len(t.starts) && hold:
		t.vp.SetYOffset(t.starts[item] + min(within, max(t.heights[item]-1, 0)))
	case item < len(t.starts):
		// Same width, same height: frac gives back the very line.
		t.vp.SetYOffset(t.starts[item] + int(math.Round(frac*float64(t.heights[item]))))
	}
	t.loaded = true
	t.find.setBlocks(real)
	t.refind()
}

// anchor is the item at the top of the view and how far into it the view
// starts, as a fraction of its height (lines move when the width changes);
// -1 when the top is above the first item, in the notice.
func (t *transcript) anchor() (item int, frac float64) {
	if len(t.starts) == 0 {
		return 0, 0
	}
	top := t.vp.YOffset()
	if top < t.starts[0] {
		return -1, 0
	}
	item = lineAt(t.starts, top)
	within := max(0, top-t.starts[item])
	return item, min(1, float64(within)/float64(max(1, t.heights[item])))
}

// Reading says where the reader is, for rendering what they see first: the
// last item and backward while the view follows the end (or has not opened
// yet), else the item at the top and forward.
func (t *transcript) Reading() (item int, backward bool) {
	if !t.loaded || t.follow {
		return t.items - 1, true
	}
	item, _ = t.anchor()
	item, _ = t.carry(item)
	return max(item, 0), false
}

// HoldLine makes the next SetBlocks keep the line within the part at the
// top, for a part that grows or shrinks at the same width.
func (t *transcript) HoldLine() { t.hold = true }

// Loaded reports whether blocks have been set.
func (t transcript) Loaded() bool { return t.loaded }

// Current is the current item (at the top of the view, or where ]/[ or a
// match went) among those shown, or -1 before any blocks.
func (t transcript) Current() int {
	if !t.loaded || t.cur >= len(t.starts) {
		return -1
	}
	return t.cur
}

// SetSize sets the pane's size; title says whether it has a title row
// (height is without it).
func (t *transcript) SetSize(width, height int, title bool) {
	t.width, t.title = width, title
	t.vp.SetWidth(width)
	t.refresh()
	t.vp.SetHeight(max(0, height))
	t.vp.SetYOffset(t.vp.YOffset()) // a taller view may need a smaller offset
	if t.follow && t.loaded {
		t.vp.GotoBottom()
	}
}

// SetFocused marks the pane focused or not.
func (t *transcript) SetFocused(f bool) {
	t.focused = f
	t.refresh()
}

// SetStyles switches the theme.
func (t *transcript) SetStyles(st *Styles) {
	t.st = st
	t.refresh()
	t.remark()
}

// Update scrolls on the scrolling keys and the wheel, and jumps between
// items on next/previous part.
func (t transcript) Update(msg tea.Msg) (transcript, tea.Cmd) {
	if !t.loaded {
		return t, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, t.keys.NextPart):
			t.jump(1)
		case key.Matches(msg, t.keys.PrevPart):
			t.jump(-1)
		case key.Matches(msg, t.keys.Top):
			t.vp.GotoTop()
			t.cur, t.follow = 0, false
		case key.Matches(msg, t.keys.Bottom):
			t.toBottom()
		default:
			if scroll(&t.vp, t.keys, msg) {
				t.settle()
			}
		}
	case tea.MouseWheelMsg:
		if wheel(&t.vp, msg) {
			t.settle()
		}
	}
	return t, nil
}

// toBottom shows the newest item, and keeps showing it across resizes.
func (t *transcript) toBottom() {
	t.vp.GotoBottom()
	t.cur, t.follow = max(0, len(t.starts)-1), true
}

// settle keeps the current item after a scroll while any of its lines
// shows, and otherwise makes current the nearest item on screen: the first
// when it left through the top, the last when it left through the bottom.
// At either end the first or the last item is current, so the footer reads
// "part 1/N" at the top and "part N/N" at the end, and a line's scroll
// away from an end moves it by at most one, never back to the part that
// happens to be at the top.
func (t *transcript) settle() {
	t.follow = t.vp.AtBottom()
	if len(t.starts) == 0 {
		return
	}
	top := t.vp.YOffset()
	bottom := top + max(t.vp.Height(), 1) - 1
	t.cur = min(max(t.cur, 0), len(t.starts)-1)
	switch {
	case t.vp.AtTop() && t.vp.AtBottom():
		// Everything shows and nothing moved: the current item stays.
	case t.vp.AtTop():
		t.cur = 0
	case t.vp.AtBottom():
		t.cur = len(t.starts) - 1
	case t.starts[t.cur]+t.heights[t.cur] <= top: // gone through the top
		i := lineAt(t.starts, top)
		if t.starts[i]+t.heights[i] <= top && i+1 < len(t.starts) { // top is a gap
			i++
		}
		t.cur = i
	case t.starts[t.cur] > bottom: // gone through the bottom
		t.cur = lineAt(t.starts, bottom)
	}
}

// jump moves to the next (d = 1) or previous (d = -1) item and brings its
// first line to the top, as far as the content allows. Going back from the
// middle of a long item first goes to its start, as [[ does in vim.
func (t *transcript) jump(d int) {
	if len(t.starts) == 0 {
		return
	}
	if d < 0 && t.starts[t.cur] < t.vp.YOffset() {
		d = 0
	}
	t.cur = min(max(t.cur+d, 0), len(t.starts)-1)
	t.vp.SetYOffset(t.starts[t.cur])
	t.follow = t.cur == len(t.starts)-1 && t.vp.AtBottom()
}

// refresh makes the title row and the gutter mark for the current focus,
// styles and width: "▎" in the accent colour beside the current item when
// the pane has focus, in a subtle one otherwise.
func (t *transcript) refresh() {
	t.titleLine = ""
	if t.title {
		t.titleLine = paneTitle(t.st, "Transcript", "", t.focused, t.width)
	}
	style := t.st.Mark
	if t.focused {
		style = t.st.MarkFocused
	}
	t.mark = style.Render("▎") + " "
}

// gutter is the prefix of line i: the mark on the current item's lines.
func (t *transcript) gutter(i int) string {
	if t.cur < len(t.starts) && i >= t.starts[t.cur] && i < t.starts[t.cur]+t.heights[t.cur] {
		return t.mark
	}
	return spaces(gutterWidth)
}

// Status is the footer's position, long and short: "part 41/120 · 35%"
// and "41/120 35%". Part i is the transcript's i-th item, the opening
// message being part 1 and N every item shown, so the numbers are what the
// reader can count on screen (and ] and [ step by exactly one).
func (t transcript) Status() (long, short string) {
	if !t.loaded || t.cur >= len(t.starts) {
		return "", ""
	}
	pct := int(t.vp.ScrollPercent() * 100) // floor: 100% only at the very end
	i, n := t.cur+1, len(t.starts)
	return fmt.Sprintf("part %d/%d · %d%%", i, n, pct), fmt.Sprintf("%d/%d %d%%", i, n, pct)
}

// View is the pane: its title row, then the visible lines, exactly the
// pane's size.
func (t transcript) View() string {
	if t.width <= 0 {
		return ""
	}
	var b strings.Builder
	b.Grow((t.width + 16) * (t.vp.Height() + 1))
	b.WriteString(t.titleLine)
	if t.titleLine != "" && t.vp.Height() > 0 {
		b.WriteByte('\n')
	}
	x := t.text
	x.marked = t.find.marked // the search's highlights, made when it changed
	if t.width > gutterWidth {
		x.window(&b, t.vp.YOffset(), t.vp.Height(), t.width-gutterWidth, t.gutter)
	} else { // too narrow for a gutter
		x.window(&b, t.vp.YOffset(), t.vp.Height(), t.width, nil)
	}
	return b.String()
}
