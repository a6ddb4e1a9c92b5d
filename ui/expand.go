package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/render"
)

// Quoted email history and email headers are folded to one line each in a
// part's block; the expand key (x) unfolds them for the current part and
// folds them again. The
// parts unfolded are remembered by id, so a reload or a round of names
// keeps them open. Search finds what the screen shows: text in folded
// history is not searched until its part is unfolded.

// nothingToExpand is what the expand key says on a part without history
// or headers.
const nothingToExpand = "nothing to expand"

// quotedMsg says whether an item has quoted history to unfold.
type quotedMsg struct {
	rev   int // the load the item is of
	item  int // among all items
	found bool
}

// toggleExpand is x: it folds the current part's history when unfolded;
// else it looks, off the Update loop (a body is parsed), for history to
// unfold.
func (m Model) toggleExpand() (tea.Model, tea.Cmd) {
	cur := m.tr.Current()
	if cur < 0 || cur >= len(m.vis) {
		return m, nil
	}
	i := m.vis[cur]
	it := m.items[i]
	switch {
	case it.Expanded:
		return m, m.setExpanded(i, false)
	case it.Email != nil:
		return m, m.setExpanded(i, true) // its headers, and any history with them
	case it.Redacted || it.HTML == "":
		return m, m.setStatus(nothingToExpand, doneFor)
	}
	rev, body := m.rev, it.HTML
	return m, func() tea.Msg {
		_, history := render.SplitQuoted(body)
		return quotedMsg{rev: rev, item: i, found: history != ""}
	}
}

// quoted unfolds the item the expand key asked about, if it has history
// and is still shown.
func (m Model) quoted(msg quotedMsg) (tea.Model, tea.Cmd) {
	if msg.rev != m.rev || m.phase != phaseReady || msg.item >= len(m.items) {
		return m, nil
	}
	if !msg.found {
		return m, m.setStatus(nothingToExpand, doneFor)
	}
	return m, m.setExpanded(msg.item, true)
}

// setExpanded unfolds or folds item i and renders its block again (the
// others come from the cache): over the blocks shown when every block is
// rendered and nothing else is on its way; otherwise as a reload would.
func (m *Model) setExpanded(i int, on bool) tea.Cmd {
	it := m.items[i]
	it.Expanded = on
	if id := it.ID; id != "" {
		if on {
			m.expanded[id] = true
		} else {
			delete(m.expanded, id)
		}
	}
	m.tr.HoldLine()
	key := m.renderKey()
	if !m.blk.settled(key) {
		items := slices.Clone(m.items)
		items[i] = it
		return m.setItems(items)
	}
	m.putItem(i, it)
	return m.requestRender(false)
}

// keepExpanded unfolds, in items made anew, the parts the reader unfolded.
func (m *Model) keepExpanded(items []render.Item) {
	if len(m.expanded) == 0 {
		return
	}
	for i := range items {
		if m.expanded[items[i].ID] {
			items[i].Expanded = true
		}
	}
}
