package ui

import (
	"runtime"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render"
)

// Rendering blocks is the expensive part (glamour), so it never runs in
// Update or View: a tea.Cmd renders every block for one width and theme on a
// worker per core, and the result comes back tagged with a generation so a
// result for an older size or theme is dropped.

// resizeDebounce lets a burst of resize events (a window being dragged)
// settle before rendering; the old blocks, cut to the new width, show
// meanwhile.
const resizeDebounce = 40 * time.Millisecond

// cacheSize bounds the rendered widths and themes kept: toggling the panel or
// the theme back is then instant.
const cacheSize = 4

// renderKey is what a set of blocks was rendered for.
type renderKey struct {
	width int
	dark  bool
}

// renderedMsg carries the blocks of one render.
type renderedMsg struct {
	gen    int
	key    renderKey
	blocks []string
	err    error
}

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
	if m.tr.Loaded() && key == m.shown {
		return nil
	}
	if blocks, ok := m.cache[key]; ok {
		m.showBlocks(key, blocks)
		return nil
	}
	m.pending, m.pendingKey = true, key
	if debounce && m.tr.Loaded() {
		gen := m.gen
		return tea.Tick(resizeDebounce, func(time.Time) tea.Msg { return renderDueMsg{gen} })
	}
	return m.renderCmd()
}

func (m Model) renderKey() renderKey {
	return renderKey{width: m.lay.blockWidth(), dark: m.st.Dark}
}

// renderCmd renders every item for the current key, off the Update loop.
func (m Model) renderCmd() tea.Cmd {
	gen, key, items, st, loc := m.gen, m.renderKey(), m.items, m.st.Render, m.opts.Loc
	return func() tea.Msg {
		blocks, err := renderBlocks(items, key.width, st, loc)
		return renderedMsg{gen: gen, key: key, blocks: blocks, err: err}
	}
}

// rendered takes a render's result: it is cached whenever it is good, and
// shown only if it is the latest asked for.
func (m Model) rendered(msg renderedMsg) (tea.Model, tea.Cmd) {
	if msg.err == nil {
		m.remember(msg.key, msg.blocks)
	}
	if msg.gen != m.gen || m.phase != phaseReady {
		return m, nil
	}
	m.pending = false
	if msg.err != nil {
		m.phase, m.err = phaseFailed, msg.err
		return m, nil
	}
	m.showBlocks(msg.key, msg.blocks)
	return m, nil
}

// remember caches blocks, dropping another entry when full.
func (m *Model) remember(key renderKey, blocks []string) {
	if _, ok := m.cache[key]; !ok && len(m.cache) >= cacheSize {
		for k := range m.cache {
			if k != m.shown {
				delete(m.cache, k)
				break
			}
		}
	}
	m.cache[key] = blocks
}

// showBlocks puts blocks in the transcript, with the notice about missing
// older parts wrapped to the same width.
func (m *Model) showBlocks(key renderKey, blocks []string) {
	m.shown = key
	notice := ""
	if m.notice != "" {
		notice = m.st.Render.Notice.Render(ansi.Wrap(m.notice, key.width, ""))
	}
	m.tr.SetBlocks(blocks, notice)
}

// renderBlocks renders items at width on a worker per core, each with its
// own renderer (glamour's are not safe to share).
func renderBlocks(items []render.Item, width int, st render.Styles, loc *time.Location) ([]string, error) {
	blocks := make([]string, len(items))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(items)/8))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r, err := render.NewRenderer(width, st)
			if err != nil {
				errs[w] = err
				return
			}
			for i := w; i < len(items); i += workers {
				blocks[i] = r.Block(items[i], loc)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return blocks, nil
}
