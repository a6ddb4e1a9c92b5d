package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render"
)

// Rendering blocks is the expensive part (glamour), so it never runs in
// Update or View. Blocks are cached per item (blockCache): only the items
// whose block is not cached are rendered, in two tea.Cmds: the first renders
// those the screen will show (from the newest back when the view follows
// the end, else from the item at the top down), so the screen fills at
// once; the second renders the rest on a worker per core. Every result is
// cached; results carry a generation, so one for an older size, theme or
// set of items is not shown.

// quickFill is how many screens of lines the first Cmd renders: enough to
// scroll a little before the rest arrives.
const quickFill = 2

// resizeDebounce lets a burst of resize events (a window being dragged)
// settle before rendering; the old blocks, cut to the new width, show
// meanwhile.
const resizeDebounce = 40 * time.Millisecond

// cacheSize bounds the rendered widths and themes kept: toggling the panel or
// the theme back is then instant.
const cacheSize = 4

// renderKey is what a set of blocks was rendered for: the looks and the
// items.
type renderKey struct {
	looks
	rev int // the items (Model.rev)
}

// clock is how blocks write their times: in loc, as dates or, when
// relative, as "3h ago" from now; and whether they show bodies in
// translation, in the language lang picks.
type clock struct {
	loc       *time.Location
	relative  bool
	now       time.Time
	translate bool
	lang      string
}

// set makes r write blocks as ck says.
func (ck clock) set(r *render.Renderer) {
	r.SetTimes(ck.relative, ck.now)
	r.SetTranslation(ck.translate, ck.lang)
}

// renderedMsg carries blocks: all of them, or those cached and
// blocks[lo:hi] (the first Cmd's share, or a seek's; the others are empty).
type renderedMsg struct {
	gen    int
	key    renderKey
	hashes []uint64 // the items' (blockCache.hash)
	blocks []string
	lo, hi int
	err    error
	seek   bool // blocks a search match needs, ahead of the rest
	made   int  // how many blocks the Cmd rendered
}

// complete reports whether every block is there.
func (msg renderedMsg) complete() bool { return !slices.Contains(msg.blocks, "") }

// renderDueMsg says a debounced render may start, if nothing newer asked.
type renderDueMsg struct{ gen int }

// requestRender asks for blocks for the current width and theme: from the
// cache at once, else in a Cmd (after a pause when debounce is set).
func (m *Model) requestRender(debounce bool) tea.Cmd {
	key := m.renderKey()
	if m.pending && key == m.pendingKey {
		return nil // already on its way
	}
	m.gen++ // whatever is in flight is now stale
	m.pending = false
	if m.tr.Loaded() && key == m.shown && m.shownAll {
		return nil
	}
	if m.cache.missing(key.looks, m.hashes) == 0 {
		m.showBlocks(key, m.cache.fill(key.looks, m.hashes))
		return m.patchNames()
	}
	m.pending, m.pendingKey = true, key
	if debounce && m.tr.Loaded() {
		gen := m.gen
		return m.after(resizeDebounce, func(time.Time) tea.Msg { return renderDueMsg{gen} })
	}
	return m.renderCmd()
}

func (m Model) renderKey() renderKey {
	return renderKey{rev: m.rev, looks: looks{width: m.lay.blockWidth(), dark: m.st.Dark, mono: m.st.Mono,
		relative: m.relative, translated: m.translate, lang: m.prefLang(), clock: clockOf(m.opts.Now(), m.relative)}}
}

// putItems makes items the items shown, with their hashes.
func (m *Model) putItems(items []render.Item) {
	m.items = items
	m.hashes = m.cache.hashes(items)
	m.rev++
}

// clock is how blocks for key write their times.
func (m Model) clock(key renderKey) clock {
	return clock{loc: m.opts.Loc, relative: key.relative, now: m.opts.Now(), translate: key.translated, lang: key.lang}
}

// renderCmd starts rendering for the current key with the blocks the
// screen shows first.
func (m Model) renderCmd() tea.Cmd {
	gen, key, items, hashes, st := m.gen, m.renderKey(), m.items, m.hashes, m.st.Render
	ck := m.clock(key)
	blocks := m.cache.fill(key.looks, hashes)
	start, backward := m.tr.Reading()
	if start >= 0 && start < len(m.vis) { // the transcript counts the items it shows
		start = m.vis[start]
	}
	budget := quickFill * max(m.lay.bodyH, 10)
	return func() tea.Msg {
		if blocks == nil {
			blocks = make([]string, len(items))
		}
		lo, hi, made, err := renderNear(blocks, items, key.width, st, ck, start, backward, budget)
		return renderedMsg{gen: gen, key: key, hashes: hashes, blocks: blocks, lo: lo, hi: hi, err: err, made: made}
	}
}

// seekCmd renders, ahead of the rest, the blocks from item (among those
// shown) on, for a search match in a block not rendered yet; nil when every
// block is.
func (m Model) seekCmd(item int) tea.Cmd {
	if m.shownAll || item < 0 || item >= len(m.vis) {
		return nil
	}
	gen, key, items, hashes, st := m.gen, m.shown, m.items, m.hashes, m.st.Render
	ck, start, budget := m.clock(key), m.vis[item], max(m.lay.bodyH, 10)
	blocks := m.cache.fill(key.looks, hashes)
	return func() tea.Msg {
		if blocks == nil {
			blocks = make([]string, len(items))
		}
		lo, hi, made, err := renderNear(blocks, items, key.width, st, ck, start, false, budget)
		return renderedMsg{gen: gen, key: key, hashes: hashes, blocks: blocks, lo: lo, hi: hi, err: err, seek: true,
			made: made}
	}
}

// restCmd renders the blocks a first result left out.
func (m Model) restCmd(first renderedMsg) tea.Cmd {
	items, st, ck := m.items, m.st.Render, m.clock(first.key)
	return func() tea.Msg {
		blocks := slices.Clone(first.blocks) // first's slice is on screen: do not write it
		made, err := renderRange(blocks, items, first.key.width, st, ck)
		return renderedMsg{gen: first.gen, key: first.key, hashes: first.hashes, blocks: blocks, lo: 0, hi: len(blocks),
			err: err, made: made}
	}
}

// rendered takes a render's result: its blocks are cached whenever it is
// good, whatever items it was for; it is shown only if it is the latest
// asked for. A first, partial result starts the rest.
func (m Model) rendered(msg renderedMsg) (tea.Model, tea.Cmd) {
	if msg.err == nil {
		m.cache.store(msg.key.looks, m.shown.looks, msg.hashes, msg.blocks)
	}
	if msg.seek {
		// Merged into what shows, unless the rest came first or the
		// blocks shown changed.
		if msg.err == nil && msg.gen == m.gen && msg.key == m.shown && !m.shownAll && m.phase == phaseReady {
			m.showPartial(msg)
		}
		return m, nil
	}
	if msg.gen != m.gen || m.phase != phaseReady {
		return m, nil
	}
	if msg.err != nil {
		m.pending = false
		m.phase, m.err = phaseFailed, msg.err
		return m, nil
	}
	if msg.complete() {
		m.pending = false
		m.showBlocks(msg.key, msg.blocks)
		return m, m.patchNames()
	}
	m.showPartial(msg)
	return m, m.restCmd(msg)
}

// showBlocks puts all the blocks in the transcript, with the notice about
// missing older parts wrapped to the same width.
func (m *Model) showBlocks(key renderKey, blocks []string) {
	m.shown, m.shownAll, m.shownBlocks, m.shownReal = key, true, blocks, nil
	m.showShown()
}

// showPartial shows a first result: the blocks it has, and for the others
// what showed before (cut to the new width) or a dim "…" standing in, so the
// reading position holds until the rest arrives.
func (m *Model) showPartial(msg renderedMsg) {
	blocks := make([]string, len(msg.blocks))
	real := make([]bool, len(msg.blocks))
	standIn := m.st.Render.Event.Render("…")
	for i := range blocks {
		switch {
		case msg.blocks[i] != "":
			blocks[i], real[i] = msg.blocks[i], true
		case len(m.shownBlocks) == len(blocks):
			blocks[i] = m.shownBlocks[i]
			real[i] = blocks[i] != "" && (m.shownReal == nil || m.shownReal[i])
		default:
			blocks[i] = standIn
		}
	}
	m.shown, m.shownAll, m.shownBlocks, m.shownReal = msg.key, false, blocks, real
	m.showShown()
}

// showShown puts the blocks of the items shown in the transcript.
func (m *Model) showShown() {
	m.tr.SetBlocks(pick(m.shownBlocks, m.vis), pick(m.shownReal, m.vis), m.noticeAt(m.shown.width))
}

// pick is the elements of all at the indices idx (nil for a nil all).
func pick[T any](all []T, idx []int) []T {
	if all == nil {
		return nil
	}
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		if i < len(all) {
			out = append(out, all[i])
		}
	}
	return out
}

// noticeAt is the notice wrapped to width, or "".
func (m *Model) noticeAt(width int) string {
	if m.notice == "" {
		return ""
	}
	return m.st.Render.Notice.Render(ansi.Wrap(m.notice, width, ""))
}

// renderNear renders, with one renderer, the blocks missing ("") around
// start until about budget lines are there: from start back to the first
// item when backward, else from the item before start onwards. It returns
// the items covered, [lo, hi), and how many blocks it rendered.
func renderNear(blocks []string, items []render.Item, width int, st render.Styles, ck clock,
	start int, backward bool, budget int) (lo, hi, made int, err error) {
	if len(items) == 0 {
		return 0, 0, 0, nil
	}
	var r *render.Renderer
	start = min(max(start, 0), len(items)-1)
	lines := 0
	add := func(i int) error {
		if blocks[i] == "" {
			if r == nil {
				if r, err = render.NewRenderer(width, st); err != nil {
					return err
				}
				ck.set(r)
			}
			blocks[i] = r.Block(items[i], ck.loc)
			made++
		}
		lines += strings.Count(blocks[i], "\n") + 2 // and the blank line between blocks
		return nil
	}
	if backward {
		lo, hi = start+1, start+1
		for lo > 0 && lines < budget {
			lo--
			if err := add(lo); err != nil {
				return 0, 0, 0, err
			}
		}
		return lo, hi, made, nil
	}
	lo = max(0, start-1) // one above, for a step back before the rest comes
	hi = lo
	for hi < len(items) && lines < budget {
		if err := add(hi); err != nil {
			return 0, 0, 0, err
		}
		hi++
	}
	return lo, hi, made, nil
}

// renderRange renders the blocks missing ("") on a worker per core, each
// with its own renderer (glamour's are not safe to share), and says how
// many it rendered.
func renderRange(blocks []string, items []render.Item, width int, st render.Styles, ck clock) (int, error) {
	var todo []int
	for i := range items {
		if blocks[i] == "" {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(todo)/8))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r, err := render.NewRenderer(width, st)
			if err != nil {
				errs[w] = err
				return
			}
			ck.set(r)
			for j := w; j < len(todo); j += workers {
				blocks[todo[j]] = r.Block(items[todo[j]], ck.loc)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}

// renderBlocks renders every item at width (benchmarks and tests).
func renderBlocks(items []render.Item, width int, st render.Styles, loc *time.Location) ([]string, error) {
	blocks := make([]string, len(items))
	_, err := renderRange(blocks, items, width, st, clock{loc: loc})
	return blocks, err
}
