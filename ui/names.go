package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// The look-ups: after each conversation arrives, Options.Resolve runs in a
// goroutine of its own and reports each look-up on a channel; a listening
// Cmd hands Bubble Tea one at a time, carrying the Cmd that listens for the
// next, until the channel closes. Each answer is folded into the names and
// the details panel is laid out again (plain text, no Markdown). The
// look-ups are tagged with the load whose conversation they are for:
// those of a conversation since replaced are dropped.

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

// startLookups starts the look-ups for conv, the conversation of load gen,
// cancelling any others; refresh asks for fresh answers (a reload). The Cmd
// it returns starts Resolve and waits for its first answer; it is nil
// without a Resolve.
func (m *Model) startLookups(conv *api.Conversation, gen int, refresh bool) tea.Cmd {
	m.stopLookups()
	m.namesGen = gen
	resolve := m.opts.Resolve
	if resolve == nil || conv == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.lookStop, m.looking = cancel, true
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

// stopLookups cancels the look-ups in flight, if any.
func (m *Model) stopLookups() {
	if m.lookStop != nil {
		m.lookStop()
		m.lookStop = nil
	}
	m.looking = false
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

// lookedUp takes one answer for the conversation shown: the names, the
// panel, and the web link once the workspace is known. The listening goes
// on.
func (m Model) lookedUp(msg lookupMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.namesGen || m.conv == nil {
		return m, nil
	}
	m.names.Add(msg.lookup)
	if m.webLink == "" {
		m.webLink = m.names.Link(string(m.conv.ID))
	}
	m.det.SetSections(m.details())
	return m, tea.Batch(msg.next, m.nameItems())
}

// nameItems makes the items again when the names found so far name someone
// the conversation gives only as an id ("assigned the conversation to team
// 5017691"); the blocks are rendered again, the old ones standing in.
func (m *Model) nameItems() tea.Cmd {
	items := render.Items(m.conv, &m.names)
	if !renamed(m.items, items) {
		return nil
	}
	return m.setItems(items)
}

// renamed reports whether items say anyone's name differently from old.
func renamed(old, items []render.Item) bool {
	if len(old) != len(items) {
		return true
	}
	for i := range items {
		if old[i].Author != items[i].Author || old[i].Event != items[i].Event {
			return true
		}
	}
	return false
}

// lookupsDone notes that the look-ups for the conversation shown ended.
func (m Model) lookupsDone(msg lookupsDoneMsg) (tea.Model, tea.Cmd) {
	if msg.gen == m.namesGen {
		m.stopLookups() // releases the context
	}
	return m, nil
}

// noLinkStatus is what y and o say without a web link: that the look-ups
// are still at it, that the workspace's failed, or where to set it.
func (m Model) noLinkStatus() string {
	if m.looking {
		return "no web link yet: looking up the workspace"
	}
	if why := m.names.Failed(api.LookupMe); why != "" {
		return "no web link: the workspace look-up failed (" + why + "); set app_id in the config"
	}
	return noLink
}
