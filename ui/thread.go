package ui

import (
	"context"
	"reflect"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// Thread reaches what a conversation is related to: the related list (l)
// finds the rows through it and opens them in place. main makes it from
// the API client, so every request shares the client's rate-limit
// handling. Each call runs in its own goroutine with a context that is
// cancelled when the item it was made for is left.
type Thread interface {
	// Search lists the contacts' other conversations, exclude left out,
	// 20 a page, newest updated first; after is the previous page's Next.
	Search(ctx context.Context, contactIDs []string, exclude api.ID, after string, wait func(api.Wait)) (*api.ConversationPage, error)
	// HasSides reports whether the API version has side conversations.
	HasSides() bool
	// Sides lists a conversation's side conversations.
	Sides(ctx context.Context, id string, wait func(api.Wait)) ([]api.SideConversation, error)
	// Ticket fetches a ticket, for its row in the list.
	Ticket(ctx context.Context, id string, wait func(api.Wait)) (*api.Ticket, error)
	// Conversation fetches a linked conversation, for its row in the list.
	Conversation(ctx context.Context, id string, wait func(api.Wait)) (*api.Conversation, error)
	// Open is how to open a conversation or a ticket in place: its load and
	// the loading line's label ("ticket 42 from api.intercom.io").
	Open(kind api.Kind, id string) (load func(context.Context, func(api.Wait)) (*api.Conversation, error), label string)
}

// routed is a message for one opened item, by its serial: the one on
// screen or one on the back stack, whose work goes on behind. The first
// item's messages go unwrapped: one of this package's messages that is
// not routed is the first item's.
type routed struct {
	to  int
	msg tea.Msg
}

// ownPkg is this package's path: only its messages are routed; Bubble
// Tea's own (keys, quit, batches, the terminal's answers) are the screen's.
var ownPkg = reflect.TypeFor[routed]().PkgPath()

func own(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	if t.Kind() == reflect.Pointer {
		t = t.Elem() // a *renderedMsg is ours too
	}
	return t.PkgPath() == ownPkg
}

// route addresses the messages cmd makes to the item with serial to, so
// that an item left for another never takes the other's answers, nor they
// its own.
func route(to int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil || to == 0 {
		return cmd
	}
	return func() tea.Msg {
		msg := cmd()
		switch msg := msg.(type) {
		case nil, routed:
			return msg
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = route(to, c)
			}
			return out
		}
		if own(msg) {
			return routed{to, msg}
		}
		return msg
	}
}

// Update handles one message: its own, or, routed to an item on the back
// stack, that item's, which it takes behind the screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	to := 0
	if r, ok := msg.(routed); ok {
		to, msg = r.to, r.msg
	}
	if to != m.serial && msg != nil && own(msg) {
		return m.behind(to, msg)
	}
	next, cmd := m.update(msg)
	n := next.(Model)
	n.noteSeen()
	return n, route(n.serial, cmd)
}

// behind gives a message to the item on the back stack it is for; one
// for an item left for good is dropped.
func (m Model) behind(to int, msg tea.Msg) (tea.Model, tea.Cmd) {
	i := slices.IndexFunc(m.back, func(b Model) bool { return b.serial == to })
	if i < 0 {
		return m, nil
	}
	b, cmd := m.back[i].update(msg)
	m.back = slices.Clone(m.back)
	m.back[i] = b.(Model)
	return m, route(to, cmd)
}

// openItem opens kind id in place of what shows, which goes on the back
// stack as it is, scroll position, search and filter included.
// noReload, if set, is why it cannot be fetched again (see
// Options.NoReload): nor is it followed, or searched around.
func (m Model) openItem(kind api.Kind, id string, load func(context.Context, func(api.Wait)) (*api.Conversation, error), label, noReload string) (tea.Model, tea.Cmd) {
	o := m.opts
	o.Load, o.Label, o.Verb = load, label, "Fetching"
	o.Prepare, o.NoReload, o.WebLink = nil, noReload, ""
	o.AppID, o.Region = m.names.AppID, m.names.Region
	o.Follow, o.ReadMark = false, "" // f follows it; the marker is the first's
	n := New(o)
	n.after, n.env, n.goos, n.launch, n.tmux, n.saveDir = m.after, m.env, m.goos, m.launch, m.tmux, m.saveDir
	n.mouseOff, n.relative, n.session = m.mouseOff, m.relative, m.session
	n.serials = m.serials + 1
	n.serial = n.serials
	n.kind, n.itemID = kind, id
	m.related.Close()
	top := m
	top.back = nil
	n.back = append(slices.Clip(m.back), top)
	if m.st.Dark != n.st.Dark || m.st.Depth != n.st.Depth {
		themed, _ := n.setTheme(m.st.Dark, m.st.Depth) // nothing loaded: nothing to render
		n = themed.(Model)
	}
	n.opts.Theme = themeOf(m.st) // the terminal answered already: it will not again
	sized, cmd := n.resize(m.width, m.height)
	n = sized.(Model)
	n.header.SetTrail(n.trail())
	return n, tea.Batch(n.Init(), cmd) // Update routes them to n
}

// goBack leaves the item on screen for good (its requests are cancelled)
// and shows the one before it as it was left, at the screen's size, theme
// and mouse mode of now.
func (m Model) goBack() (tea.Model, tea.Cmd) {
	if len(m.back) == 0 {
		return m, m.setStatus("nothing to go back to", doneFor)
	}
	m.leave()
	p := m.back[len(m.back)-1]
	p.back = m.back[:len(m.back)-1]
	p.serials = m.serials
	p.mouseOff = m.mouseOff
	var cmds []tea.Cmd
	if p.st.Dark != m.st.Dark || p.st.Depth != m.st.Depth {
		themed, cmd := p.setTheme(m.st.Dark, m.st.Depth)
		p = themed.(Model)
		cmds = append(cmds, cmd)
	}
	if p.width != m.width || p.height != m.height {
		next, cmd := p.resize(m.width, m.height)
		p = next.(Model)
		cmds = append(cmds, cmd)
	}
	if p.phase == phaseLoading {
		cmds = append(cmds, p.load.Tick) // its spinner's ticks stopped while it was behind
	}
	return p, tea.Batch(cmds...) // Update routes them to p
}

// leave cancels everything the item on screen has in flight.
func (m *Model) leave() {
	if m.saving != nil {
		m.saving.cancel() // the save removes its partial file
	}
	m.stopFollowing()
	m.cancel()
	m.stopLookups()
	m.stopThread()
}

// themeOf is the theme option that gives st's colours again.
func themeOf(st *Styles) string {
	if st.Dark {
		return "dark"
	}
	return "light"
}

// trail is the header's way back: "← #7001" when an item is behind.
func (m Model) trail() string {
	if len(m.back) == 0 {
		return ""
	}
	return "← " + m.back[len(m.back)-1].name()
}

// name is how the header and the trail name the item: "#7001" for a
// conversation, "Ticket 42" for a ticket, "" before it is known.
func (m Model) name() string {
	switch {
	case m.kind == api.KindTicket && m.conv != nil && m.conv.Ticket != nil && m.conv.Ticket.TicketID != "":
		return "Ticket " + api.SanitizeLine(string(m.conv.Ticket.TicketID))
	case m.kind == api.KindTicket:
		return "Ticket " + m.itemID
	case m.conv != nil && m.conv.ID != "":
		return "#" + api.SanitizeLine(string(m.conv.ID))
	case m.itemID != "":
		return "#" + m.itemID
	}
	return ""
}
