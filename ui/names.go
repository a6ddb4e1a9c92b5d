package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// The look-ups: after each conversation arrives, Options.Resolve runs in a
// goroutine of its own and reports each look-up on a channel; a listening
// Cmd hands Bubble Tea one at a time, carrying the Cmd that listens for the
// next, until the channel closes. The look-ups are tagged with the load
// whose conversation they are for: those of a conversation since replaced
// are dropped.
//
// Folding an answer in costs the same however many people the conversation
// names: Update adds it to the names, and only when it can change what
// shows (render.AffectedBy) does a round start, in a Cmd, that makes the
// details and the items again with a snapshot of the names. A round reads
// every part, so answers start one at most every namesPause: those that
// come meanwhile wait for the next, which takes them all, and the last
// ones are taken as soon as the look-ups end. A round whose items name
// someone differently renders again only those items' blocks, over the
// blocks shown, once every block is.

// namesPause is the least time between the starts of two rounds for
// answers: ten a second at most, however fast the answers come.
const namesPause = 100 * time.Millisecond

// lookupBuffer is how many look-ups may wait for the listener besides one
// per contact looked up: admins, teams and the workspace. Resolve's report
// blocks rather than drop one, until the look-ups are cancelled.
const lookupBuffer = 4

// lookupMsg carries one look-up's answer.
type lookupMsg struct {
	gen    int // the load whose conversation it is for
	lookup api.Lookup
	next   tea.Cmd // waits for the next answer
}

// lookupsDoneMsg says every look-up of load gen has ended.
type lookupsDoneMsg struct{ gen int }

// restedMsg says namesPause has passed since a round for the answers to the
// look-ups of load gen started.
type restedMsg struct{ gen int }

// startLookups starts the look-ups for conv, the conversation of load gen,
// cancelling any others; refresh asks for fresh answers (a reload). The Cmd
// it returns starts Resolve and waits for its first answer; it is nil
// without a Resolve.
func (m *Model) startLookups(conv *api.Conversation, gen int, refresh bool) tea.Cmd {
	m.stopLookups()
	m.namesGen = gen
	m.naming, m.namesStale, m.resting = false, false, false
	resolve := m.opts.Resolve
	if resolve == nil || conv == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.lookStop = cancel
	ch := make(chan api.Lookup, lookupBuffer+min(len(conv.Contacts.Contacts), api.ContactLookupLimit))
	listen := listenLookups(ctx, gen, ch)
	return func() tea.Msg {
		go func() {
			defer close(ch) // Resolve reports nothing after it returns
			resolve(ctx, conv, refresh, func(l api.Lookup) {
				select {
				case ch <- l:
				case <-ctx.Done():
				}
			})
		}()
		return listen()
	}
}

// looking reports whether look-ups are in flight.
func (m Model) looking() bool { return m.lookStop != nil }

// stopLookups cancels the look-ups in flight, if any.
func (m *Model) stopLookups() {
	if m.lookStop != nil {
		m.lookStop()
		m.lookStop = nil
	}
}

// listenLookups is the next answer on ch as a lookupMsg, a lookupsDoneMsg
// once ch is closed, or nil once ctx is cancelled.
func listenLookups(ctx context.Context, gen int, ch <-chan api.Lookup) tea.Cmd {
	var listen tea.Cmd
	listen = func() tea.Msg {
		select {
		case l, ok := <-ch:
			if !ok {
				return lookupsDoneMsg{gen: gen}
			}
			return lookupMsg{gen: gen, lookup: l, next: listen}
		case <-ctx.Done():
			return nil
		}
	}
	return listen
}

// namedMsg is a round's result: the details with the names found so far
// and, when they name someone in the items differently, the items. The
// items compared against may since have taken an earlier round's names:
// changed then holds those items' too, which costs their blocks a render
// and nothing else.
type namedMsg struct {
	gen      int // the load whose conversation it is for
	sections []render.Section
	items    []render.Item // nil when no item changed
	changed  []int         // the items whose names changed
}

// renaming is a round's items, waiting for every block to be rendered, so
// that only theirs need rendering again.
type renaming struct {
	items []render.Item
}

// lookedUp takes one answer for the conversation shown: the names, a round
// when it can change what shows, and the web link once the workspace is
// known. The listening goes on.
func (m Model) lookedUp(msg lookupMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.namesGen || m.conv == nil {
		return m, nil
	}
	m.names.Add(msg.lookup)
	if !m.affected.By(msg.lookup) {
		return m, msg.next
	}
	if !m.drawn { // the first frame comes first: the round after it
		m.namesStale = true
		return m, msg.next
	}
	return m, tea.Batch(msg.next, m.nameSoon())
}

// nameSoon starts a round for the answers folded in: now, unless one
// started less than namesPause ago or is on its way; then when the pause
// is over, or the round ends.
func (m *Model) nameSoon() tea.Cmd {
	if m.resting || m.naming {
		m.namesStale = true
		return nil
	}
	m.resting = true
	gen := m.namesGen
	return tea.Batch(m.nameCmd(), m.after(namesPause, func(time.Time) tea.Msg { return restedMsg{gen} }))
}

// rested ends the pause after a round for answers: those that came during
// it get theirs.
func (m Model) rested(msg restedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.namesGen {
		return m, nil
	}
	m.resting = false
	if !m.namesStale {
		return m, nil
	}
	return m, m.nameSoon()
}

// nameCmd starts a round that makes the details and the items again with
// the names found so far, and the times as t has them; with a round on its
// way, the next starts when it ends.
func (m *Model) nameCmd() tea.Cmd {
	if m.conv == nil {
		return nil
	}
	if m.naming {
		m.namesStale = true
		return nil
	}
	m.naming, m.namesStale = true, false
	conv, old, gen := m.conv, m.items, m.namesGen
	o := m.detailOptions()
	o.Names = m.names.Snapshot()
	return func() tea.Msg {
		msg := namedMsg{gen: gen, sections: render.Details(conv, o)}
		items := render.Items(conv, o.Names)
		if msg.changed = renamed(old, items); len(msg.changed) > 0 {
			msg.items = items
		}
		return msg
	}
}

// named takes a round's result: the details at once, the items once every
// block is rendered; then the next round, if answers came meanwhile.
func (m Model) named(msg namedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.namesGen || !m.naming {
		return m, nil
	}
	m.naming = false
	m.det.SetSections(msg.sections)
	var cmd tea.Cmd
	if msg.items != nil {
		m.renaming = &renaming{items: msg.items}
		cmd = m.patchNames()
	}
	switch {
	case m.namesStale && !m.looking(): // the last answers: no pause
		cmd = tea.Batch(cmd, m.nameCmd())
	case m.namesStale && !m.resting:
		cmd = tea.Batch(cmd, m.nameSoon())
	}
	return m, cmd
}

// patchNames shows the items a round renamed, if every block of those shown
// is rendered and nothing else is on its way: their blocks are rendered
// again, the others come from the cache. Otherwise the items wait, and the
// next complete render calls again.
func (m *Model) patchNames() tea.Cmd {
	r := m.renaming
	key := m.renderKey()
	switch {
	case r == nil || !m.blk.settled(key):
		return nil
	case len(r.items) != len(m.items): // not the items shown: render them all
		m.renaming = nil
		return m.setItems(r.items)
	}
	m.renaming = nil
	m.keepExpanded(r.items)
	m.putItems(r.items, false)
	return m.requestRender(false)
}

// renamed is the items that say anyone's name differently from old: all of
// them when the two differ in number.
func renamed(old, items []render.Item) []int {
	var changed []int
	for i := range items {
		if len(old) != len(items) || old[i].Author != items[i].Author || old[i].Event != items[i].Event {
			changed = append(changed, i)
		}
	}
	return changed
}

// lookupsDone notes that the look-ups for the conversation shown ended:
// the answers waiting for a round get it now.
func (m Model) lookupsDone(msg lookupsDoneMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.namesGen {
		return m, nil
	}
	m.stopLookups() // releases the context
	return m, m.nameWaiting()
}

// nameWaiting starts a round for answers that are waiting for one, unless
// one is on its way or the first frame is not drawn yet: at once when the
// look-ups have ended, else after the pause.
func (m *Model) nameWaiting() tea.Cmd {
	switch {
	case !m.namesStale || m.naming || !m.drawn:
		return nil
	case !m.looking():
		return m.nameCmd()
	}
	return m.nameSoon()
}

// noLinkStatus is what y and o say without a web link: that the look-ups
// are still at it, that the workspace's failed, or where to set it.
func (m Model) noLinkStatus() string {
	if m.looking() {
		return "no web link yet: looking up the workspace"
	}
	if why := m.names.Failed(api.LookupMe); why != "" {
		return "no web link: the workspace look-up failed (" + why + "); set app_id in the config"
	}
	return noLink
}
