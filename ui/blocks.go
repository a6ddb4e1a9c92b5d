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

// frameWait is how long after a View its frame is surely on the terminal:
// Bubble Tea writes at most one frame every 1/60 s. The rest of the blocks
// and the look-ups' rounds wait for it, so that they do not compete with
// the frame for the processor.
const frameWait = time.Second / 30

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

// drawnMsg says the frame that first showed a render's blocks is on the
// terminal; partial is that render's result when some blocks are missing.
type drawnMsg struct{ partial *renderedMsg }

// blocks is the transcript's blocks: it renders them (in Cmds), caches
// them per item, stands in for those not rendered yet and knows which
// render is the latest asked for. The root model asks it for blocks and
// puts those it has in the transcript.
type blocks struct {
	cache  blockCache
	hashes []uint64 // each item's content hash (blockCache.hash)

	gen        int  // render generation: results of older ones are not shown
	pending    bool // a render for pendingKey is on its way
	pendingKey renderKey

	shown renderKey // what the blocks are of
	all   bool      // every block of shown is rendered (not a first, partial result)
	text  []string  // the blocks, stand-ins for a partial result's missing ones
	real  []bool    // which of text are rendered rather than stand-ins; nil means all
}

func newBlocks() blocks { return blocks{cache: newBlockCache()} }

// What the root model and tests may ask of the blocks.

// complete reports whether every block shows, rendered: not a first,
// partial result.
func (b blocks) complete() bool { return b.all }

// rendering reports whether a render is on its way.
func (b blocks) rendering() bool { return b.pending }

// of is what the blocks shown were rendered for.
func (b blocks) of() renderKey { return b.shown }

// latest is the generation of the latest render asked for: results of
// others are not shown.
func (b blocks) latest() int { return b.gen }

// shownText is the blocks shown, stand-ins included.
func (b blocks) shownText() []string { return b.text }

// cached reports whether every block shown is in the cache.
func (b blocks) cached() bool { return b.cache.missing(b.shown.looks, b.hashes) == 0 }

// setItems makes items those the blocks are of: the blocks shown stand in
// for those of the same part id when carry is set (the parts may have
// moved), else by position (the same parts).
func (b *blocks) setItems(old, items []render.Item, carry bool) {
	b.hashes = b.cache.hashes(items)
	if carry {
		b.text, b.real = carryBlocks(old, items, b.text), nil
	}
}

// setItem makes it item i. The hashes are copied, not changed in place:
// a render on its way holds the old ones.
func (b *blocks) setItem(i int, it render.Item) {
	b.hashes = slices.Clone(b.hashes)
	b.hashes[i] = b.cache.hash(it)
}

// settled reports whether every block for key is shown and no render is on
// its way.
func (b blocks) settled(key renderKey) bool { return !b.pending && b.all && b.shown == key }

// ask is what asking for blocks for key came to.
type ask int

const (
	askNothing ask = iota // they show, or are on their way
	askShown              // they came from the cache and show
	askRender             // they must be rendered
)

// ask asks for the blocks for key: nothing to do when they show (once
// loaded, the transcript has blocks) or are on their way; else whatever
// is on its way is stale, and they come from the cache or must be
// rendered.
func (b *blocks) ask(key renderKey, loaded bool) ask {
	if b.pending && key == b.pendingKey {
		return askNothing
	}
	b.gen++
	b.pending = false
	if loaded && key == b.shown && b.all {
		return askNothing
	}
	if b.cache.missing(key.looks, b.hashes) == 0 {
		b.shown, b.all, b.text, b.real = key, true, b.cache.fill(key.looks, b.hashes), nil
		return askShown
	}
	b.pending, b.pendingKey = true, key
	return askRender
}

// job is what a render needs besides the blocks.
type job struct {
	items  []render.Item
	st     render.Styles
	ck     clock
	budget int // about how many lines to render first
}

// renderCmd renders for key the blocks the screen shows first (from start
// back when backward, else from start on), those cached aside.
func (b blocks) renderCmd(key renderKey, j job, start int, backward bool) tea.Cmd {
	gen, hashes := b.gen, b.hashes
	done := b.cache.fill(key.looks, hashes)
	return func() tea.Msg {
		if done == nil {
			done = make([]string, len(j.items))
		}
		lo, hi, made, err := renderNear(done, j.items, key.width, j.st, j.ck, start, backward, j.budget)
		return renderedMsg{gen: gen, key: key, hashes: hashes, blocks: done, lo: lo, hi: hi, err: err, made: made}
	}
}

// seekCmd renders, ahead of the rest, the blocks from item on, for a
// search match in a block not rendered yet; nil when every block is.
func (b blocks) seekCmd(item int, j job) tea.Cmd {
	if b.all || item < 0 || item >= len(j.items) {
		return nil
	}
	cmd := b.renderCmd(b.shown, j, item, false)
	return func() tea.Msg {
		msg := cmd().(renderedMsg)
		msg.seek = true
		return msg
	}
}

// restCmd renders the blocks a first result left out.
func (b blocks) restCmd(first renderedMsg, j job) tea.Cmd {
	return func() tea.Msg {
		done := slices.Clone(first.blocks) // first's slice is on screen: do not write it
		made, err := renderRange(done, j.items, first.key.width, j.st, j.ck)
		return renderedMsg{gen: first.gen, key: first.key, hashes: first.hashes, blocks: done, lo: 0, hi: len(done),
			err: err, made: made}
	}
}

// took is what taking a render's result came to.
type took int

const (
	tookNothing took = iota // stale, or a seek not needed any more
	tookFailed              // the latest render failed
	tookAll                 // every block shows
	tookPartial             // some show, and the rest must be rendered
	tookMatched             // a seek's blocks show
)

// take takes a render's result: its blocks are cached whenever it is good,
// whatever items it was for; it shows only if it is the latest asked for
// (a seek's, only while the rest has not come). standIn shows for the
// blocks of a partial result not rendered yet.
func (b *blocks) take(msg renderedMsg, standIn string) took {
	if msg.err == nil {
		b.cache.store(msg.key.looks, b.shown.looks, msg.hashes, msg.blocks)
	}
	if msg.seek {
		if msg.err == nil && msg.gen == b.gen && msg.key == b.shown && !b.all {
			b.merge(msg, standIn)
			return tookMatched
		}
		return tookNothing
	}
	if msg.gen != b.gen {
		return tookNothing
	}
	if msg.err != nil {
		b.pending = false
		return tookFailed
	}
	if msg.complete() {
		b.pending = false
		b.shown, b.all, b.text, b.real = msg.key, true, msg.blocks, nil
		return tookAll
	}
	b.merge(msg, standIn)
	return tookPartial
}

// merge shows a partial result: the blocks it has, and for the others what
// showed before (cut to the new width) or standIn, so the reading position
// holds until the rest arrives.
func (b *blocks) merge(msg renderedMsg, standIn string) {
	text := make([]string, len(msg.blocks))
	real := make([]bool, len(msg.blocks))
	for i := range text {
		switch {
		case msg.blocks[i] != "":
			text[i], real[i] = msg.blocks[i], true
		case len(b.text) == len(text):
			text[i] = b.text[i]
			real[i] = text[i] != "" && (b.real == nil || b.real[i])
		default:
			text[i] = standIn
		}
	}
	b.shown, b.all, b.text, b.real = msg.key, false, text, real
}

// requestRender asks for blocks for the current width and theme: from the
// cache at once, else in a Cmd (after a pause when debounce is set).
func (m *Model) requestRender(debounce bool) tea.Cmd {
	switch m.blk.ask(m.renderKey(), m.tr.Loaded()) {
	case askNothing:
		return nil
	case askShown:
		m.showShown()
		return m.patchNames()
	}
	if debounce && m.tr.Loaded() {
		gen := m.blk.gen
		return m.after(resizeDebounce, func(time.Time) tea.Msg { return renderDueMsg{gen} })
	}
	return m.renderCmd()
}

func (m Model) renderKey() renderKey {
	return renderKey{rev: m.rev, looks: looks{width: m.lay.blockWidth(), dark: m.st.Dark, depth: m.st.Depth,
		relative: m.relative, translated: m.translate, lang: m.prefLang(), clock: clockOf(m.opts.Now(), m.relative)}}
}

// putItems makes items the items shown, the same parts in the same places
// unless carry is set.
func (m *Model) putItems(items []render.Item, carry bool) {
	m.blk.setItems(m.items, items, carry)
	m.items = items
	m.rev++
	m.plain = nil // of the old items
}

// putItem replaces item i alone (a part unfolded): only its hash is
// worked out again, not every item's.
func (m *Model) putItem(i int, it render.Item) {
	items := slices.Clone(m.items)
	items[i] = it
	m.blk.setItem(i, it)
	m.items = items
	m.rev++
	m.plain = nil
}

// job is what rendering blocks for key needs, budget lines first.
func (m Model) job(key renderKey, budget int) job {
	ck := clock{loc: m.opts.Loc, relative: key.relative, now: m.opts.Now(), translate: key.translated, lang: key.lang}
	return job{items: m.items, st: m.st.Render, ck: ck, budget: budget}
}

// renderCmd starts rendering for the current key with the blocks the
// screen shows first.
func (m Model) renderCmd() tea.Cmd {
	key := m.renderKey()
	start, backward := m.tr.Reading()
	if start >= 0 && start < len(m.vis) { // the transcript counts the items it shows
		start = m.vis[start]
	}
	return m.blk.renderCmd(key, m.job(key, quickFill*max(m.lay.bodyH, 10)), start, backward)
}

// seekCmd renders, ahead of the rest, the blocks from item (among those
// shown) on, for a search match in a block not rendered yet.
func (m Model) seekCmd(item int) tea.Cmd {
	if item < 0 || item >= len(m.vis) {
		return nil
	}
	return m.blk.seekCmd(m.vis[item], m.job(m.blk.shown, max(m.lay.bodyH, 10)))
}

// rendered takes a render's result, while the conversation shows: a
// first, partial one starts the rest.
func (m Model) rendered(msg renderedMsg) (tea.Model, tea.Cmd) {
	if m.phase != phaseReady {
		if msg.err == nil {
			m.blk.cache.store(msg.key.looks, m.blk.shown.looks, msg.hashes, msg.blocks)
		}
		return m, nil
	}
	switch m.blk.take(msg, m.st.standIn) {
	case tookFailed:
		m.phase, m.err = phaseFailed, msg.err
	case tookAll:
		m.showShown()
		if !m.drawn {
			return m, tea.Batch(m.patchNames(), m.whenDrawn(nil))
		}
		return m, m.patchNames()
	case tookPartial:
		m.showShown()
		return m, m.whenDrawn(&msg)
	case tookMatched:
		m.showShown()
	}
	return m, nil
}

// whenDrawn waits for the frame that shows the blocks just taken to be
// written, then for onDrawn.
func (m Model) whenDrawn(partial *renderedMsg) tea.Cmd {
	return m.after(frameWait, func(time.Time) tea.Msg { return drawnMsg{partial} })
}

// onDrawn starts, once blocks are on the terminal, the rest of a partial
// render (unless a newer one was asked for) and, after the conversation's
// first frame, the round for the look-ups' answers that came before it.
func (m Model) onDrawn(msg drawnMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	if p := msg.partial; p != nil && p.gen == m.blk.gen && m.phase == phaseReady {
		cmds = append(cmds, m.blk.restCmd(*p, m.job(p.key, 0)))
	}
	if !m.drawn && m.phase == phaseReady {
		m.drawn = true
		cmds = append(cmds, m.nameWaiting())
	}
	return m, tea.Batch(cmds...)
}

// showShown puts the blocks of the items shown in the transcript, with the
// notice about missing older parts wrapped to the same width.
func (m *Model) showShown() {
	m.tr.SetBlocks(pick(m.blk.text, m.vis), pick(m.blk.real, m.vis), m.noticeAt(m.blk.shown.width))
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
