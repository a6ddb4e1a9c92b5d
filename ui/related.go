package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// What is related to the item on screen, gathered once it has loaded: its
// linked conversations and tickets (from the item itself, with each
// linked ticket fetched for its title), the contacts' other conversations
// (one search, more pages on demand) and its side conversations (2.16+).
// The panel counts them and l lists them; each answer fills its rows in.

// linkedFetched is how many linked objects are fetched for their rows'
// titles and states: a tracker ticket can link thousands, and each is a
// request.
const linkedFetched = 10

// relKind is a row's group in the list.
type relKind int

const (
	relLinked relKind = iota
	relOther
	relSide
)

// relRow is one row of the related list.
type relRow struct {
	group   relKind
	kind    api.Kind // what enter opens
	id      string
	name    string // "Ticket 1184", "#7001", "Side conversation 2"
	title   string
	state   string
	updated time.Time
	side    *api.SideConversation // a side conversation opens from memory
	// note, for a row that opens nothing, says why: "looking…", "needs
	// the Read tickets scope", "20 more: enter".
	note string
	more bool // the row that asks for the search's next page
}

// related is what the item's related rows are made from.
type related struct {
	started   bool
	ctx       context.Context // the item's requests': cancelled by stop when it is left
	stop      context.CancelFunc
	tickets   map[string]*api.Ticket       // linked tickets fetched, by id
	convs     map[string]*api.Conversation // linked conversations fetched, by id
	ticketErr map[string]error             // refusals of either, by id
	others    []api.ConversationSummary
	total     int    // the search's total_count
	next      string // the next page's cursor, "" at the end
	searching bool
	otherErr  error
	sides     []api.SideConversation
	sidesDone bool
	sidesErr  error
}

// searches keeps, for the whole session, the first page of each
// conversation's search, shared by every item opened: a conversation
// opened again from the list is searched once.
type searches struct {
	mu    sync.Mutex
	pages map[api.ID]*api.ConversationPage
}

func (s *searches) get(id api.ID) (*api.ConversationPage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pages[id]
	return p, ok
}

func (s *searches) put(id api.ID, p *api.ConversationPage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pages == nil {
		s.pages = map[api.ID]*api.ConversationPage{}
	}
	s.pages[id] = p
}

// Messages of the requests, each routed to the item that asked.
type (
	searchedMsg struct {
		page  *api.ConversationPage
		first bool // the first page, which the session keeps
		err   error
	}
	sidesMsg struct {
		sides []api.SideConversation
		err   error
	}
	ticketRowMsg struct {
		id  string
		t   *api.Ticket
		c   *api.Conversation
		err error
	}
)

// startThread asks, once per item, for what the panel and the list show:
// the linked tickets, the contacts' other conversations and the side
// conversations. Nothing is asked without a Thread (a file, the demo).
func (m *Model) startThread(c *api.Conversation) tea.Cmd {
	t := m.opts.Thread
	if t == nil || m.rel.started || c == nil || m.opts.NoReload != "" { // a side conversation has no thread of its own
		return nil
	}
	ctx, stop := context.WithCancel(context.Background())
	m.rel = related{started: true, ctx: ctx, stop: stop,
		tickets: map[string]*api.Ticket{}, convs: map[string]*api.Conversation{}, ticketErr: map[string]error{}}
	var cmds []tea.Cmd
	for _, o := range c.LinkedObjects.Data {
		if o.ID == "" {
			continue
		}
		if len(cmds) == linkedFetched {
			break
		}
		id, ticket := string(o.ID), api.Kind(o.Type) == api.KindTicket
		cmds = append(cmds, func() tea.Msg {
			if ticket {
				tk, err := t.Ticket(ctx, id, nil)
				return ticketRowMsg{id: id, t: tk, err: err}
			}
			cv, err := t.Conversation(ctx, id, nil)
			return ticketRowMsg{id: id, c: cv, err: err}
		})
	}
	if ids := contactIDs(c); len(ids) > 0 && m.kind != api.KindTicket {
		if p, ok := m.session.get(c.ID); ok {
			m.rel.others, m.rel.total, m.rel.next = slices.Clone(p.Conversations), p.TotalCount, p.Next
		} else {
			m.rel.searching = true
			cmds = append(cmds, searchCmd(ctx, t, ids, c.ID, ""))
		}
	}
	if t.HasSides() && m.kind != api.KindTicket {
		id := string(c.ID)
		cmds = append(cmds, func() tea.Msg {
			s, err := t.Sides(ctx, id, nil)
			return sidesMsg{sides: s, err: err}
		})
	} else {
		m.rel.sidesDone = true
	}
	return tea.Batch(cmds...)
}

func searchCmd(ctx context.Context, t Thread, ids []string, exclude api.ID, after string) tea.Cmd {
	return func() tea.Msg {
		p, err := t.Search(ctx, ids, exclude, after, nil)
		return searchedMsg{page: p, first: after == "", err: err}
	}
}

// stopThread cancels the item's related requests in flight.
func (m *Model) stopThread() {
	if m.rel.stop != nil {
		m.rel.stop()
	}
}

// contactIDs are the conversation's contacts' ids.
func contactIDs(c *api.Conversation) []string {
	var ids []string
	for _, ct := range c.Contacts.Contacts {
		if ct.ID != "" {
			ids = append(ids, string(ct.ID))
		}
	}
	return ids
}

func (m Model) searched(msg searchedMsg) (tea.Model, tea.Cmd) {
	m.rel.searching = false
	if msg.err != nil {
		m.rel.otherErr = msg.err
	} else if msg.page != nil {
		if msg.first && m.conv != nil {
			m.session.put(m.conv.ID, msg.page)
		}
		m.rel.others = append(m.rel.others, msg.page.Conversations...)
		m.rel.total, m.rel.next = msg.page.TotalCount, msg.page.Next
	}
	return m.relatedChanged()
}

func (m Model) sidesCame(msg sidesMsg) (tea.Model, tea.Cmd) {
	m.rel.sides, m.rel.sidesErr, m.rel.sidesDone = msg.sides, msg.err, true
	return m.relatedChanged()
}

func (m Model) ticketCame(msg ticketRowMsg) (tea.Model, tea.Cmd) {
	switch {
	case msg.err != nil:
		m.rel.ticketErr[msg.id] = msg.err
	case msg.t != nil:
		m.rel.tickets[msg.id] = msg.t
	case msg.c != nil:
		m.rel.convs[msg.id] = msg.c
	}
	return m.relatedChanged()
}

// relatedChanged shows an answer: in the panel's count and, when it is
// open, in the list.
func (m Model) relatedChanged() (tea.Model, tea.Cmd) {
	m.det.SetRelated(m.relatedSection())
	if m.related.IsOpen() { // Show makes the rows when it opens
		m.related.SetRows(m.relatedRows())
	}
	return m, nil
}

// moreOthers asks for the search's next page.
func (m Model) moreOthers() (tea.Model, tea.Cmd) {
	if m.rel.searching || m.rel.next == "" || m.opts.Thread == nil || m.rel.ctx == nil {
		return m, nil
	}
	m.rel.searching = true
	m.related.SetRows(m.relatedRows())
	return m, searchCmd(m.rel.ctx, m.opts.Thread, contactIDs(m.conv), m.conv.ID, m.rel.next)
}

// relatedSection is the panel's Related section, shown last: what is
// linked, how many other conversations the contacts have, and the key.
func (m Model) relatedSection() []render.Section {
	if s := m.relatedSummary(); s != "" {
		return []render.Section{{Title: "Related", Rows: []render.Row{{Value: s}}}}
	}
	return nil
}

// relatedSummary is "2 linked · 5 other conversations · l lists them", or
// "" when nothing is or can be related.
func (m Model) relatedSummary() string {
	if m.conv == nil {
		return ""
	}
	var parts []string
	if n := max(len(m.conv.LinkedObjects.Data), m.conv.LinkedObjects.TotalCount); n > 0 {
		parts = append(parts, fmt.Sprintf("%d linked", n))
	}
	switch {
	case m.rel.searching && len(m.rel.others) == 0:
		parts = append(parts, "other conversations: looking…")
	case m.rel.otherErr != nil:
	case m.rel.started && m.rel.total > 0:
		parts = append(parts, count(m.rel.total, "other conversation"))
	}
	if n := len(m.rel.sides); n > 0 {
		parts = append(parts, count(n, "side conversation"))
	}
	if len(parts) == 0 && !m.rel.started {
		return ""
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing linked, no other conversations")
	}
	return strings.Join(append(parts, keymap.Hint(m.opts.Keys.Related)+" lists them"), " · ")
}

// count is "1 thing" or "n things".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// relatedRows are the list's rows, by group: linked, the contacts' other
// conversations newest first, side conversations; a request still out or
// refused is a row that says so.
func (m Model) relatedRows() []relRow {
	if m.conv == nil {
		return nil
	}
	var rows []relRow
	for _, o := range m.conv.LinkedObjects.Data {
		id := api.SanitizeLine(string(o.ID))
		r := relRow{group: relLinked, kind: api.Kind(o.Type), id: id, title: words(o.Category)}
		switch r.kind {
		case api.KindTicket:
			r.name = "Ticket " + id
			if t := m.rel.tickets[string(o.ID)]; t != nil {
				r.name = "Ticket " + api.SanitizeLine(string(cmp.Or(t.TicketID, t.ID)))
				r.title = cmp.Or(api.SanitizeLine(t.Title()), r.title)
				r.state = api.SanitizeLine(cmp.Or(t.State().InternalLabel, t.State().Category, state(t.Open)))
				r.updated = t.UpdatedAt.Time()
			} else if err := m.rel.ticketErr[string(o.ID)]; err != nil {
				r.fail(err)
			}
		default:
			r.kind, r.name = api.KindConversation, "#"+id
			if cv := m.rel.convs[string(o.ID)]; cv != nil {
				r.title = api.SanitizeLine(cmp.Or(cv.Title, api.FirstLine(cv.Source.Body)))
				r.state, r.updated = api.SanitizeLine(cv.State), cv.UpdatedAt.Time()
			} else if s, ok := m.summaryOf(string(o.ID)); ok {
				r.title, r.state, r.updated = s.title, s.state, s.updated
			} else if err := m.rel.ticketErr[string(o.ID)]; err != nil {
				r.fail(err)
			}
		}
		rows = append(rows, r)
	}
	others := slices.Clone(m.rel.others)
	slices.SortStableFunc(others, func(a, b api.ConversationSummary) int { return b.UpdatedAt.Time().Compare(a.UpdatedAt.Time()) })
	for _, s := range others {
		kind, name := api.KindConversation, "#"+api.SanitizeLine(string(s.ID))
		if s.Ticket != nil {
			name = "Ticket #" + api.SanitizeLine(string(s.ID))
		}
		rows = append(rows, relRow{group: relOther, kind: kind, id: api.SanitizeLine(string(s.ID)), name: name,
			title: api.SanitizeLine(cmp.Or(s.Title, s.Snippet)), state: api.SanitizeLine(s.State), updated: s.UpdatedAt.Time()})
	}
	switch {
	case m.rel.searching:
		rows = append(rows, relRow{group: relOther, note: "looking…"})
	case m.rel.otherErr != nil:
		rows = append(rows, relRow{group: relOther, note: refusal(m.rel.otherErr)})
	case m.rel.next != "":
		rows = append(rows, relRow{group: relOther, more: true,
			note: fmt.Sprintf("%d of %d shown · enter shows %d more", len(m.rel.others), m.rel.total, api.DefaultPerPage)})
	}
	for i := range m.rel.sides {
		s := &m.rel.sides[i]
		r := relRow{group: relSide, kind: api.KindConversation, id: api.SanitizeLine(string(s.ID)), side: s,
			name: fmt.Sprintf("Side %d", i+1), state: count(len(s.Parts), "part")}
		if len(s.Parts) > 0 {
			r.title = api.SanitizeLine(api.FirstLine(s.Parts[0].Body))
			r.updated = s.Parts[len(s.Parts)-1].CreatedAt.Time()
		}
		rows = append(rows, r)
	}
	if m.rel.sidesErr != nil {
		rows = append(rows, relRow{group: relSide, note: refusal(m.rel.sidesErr)})
	} else if m.rel.started && !m.rel.sidesDone {
		rows = append(rows, relRow{group: relSide, note: "looking…"})
	}
	return rows
}

// seen is what the search said of a conversation.
type seen struct {
	title, state string
	updated      time.Time
}

// summaryOf is what the search said of conversation id, when it came up.
func (m Model) summaryOf(id string) (seen, bool) {
	for _, s := range m.rel.others {
		if string(s.ID) == id {
			return seen{api.SanitizeLine(cmp.Or(s.Title, s.Snippet)), api.SanitizeLine(s.State), s.UpdatedAt.Time()}, true
		}
	}
	return seen{}, false
}

// fail shows why r's request failed: a refusal for want of a scope makes
// it a dim row that says so, since opening it would be refused too; any
// other failure leaves it to open, saying what went wrong in its title.
func (r *relRow) fail(err error) {
	var e *api.Error
	if errors.As(err, &e) && e.Scope != "" {
		r.note = r.name + " · " + refusal(err)
		return
	}
	r.title = "(" + refusal(err) + ")"
}

// refusal is a refused or failed request's row: the scope a 403 lacks, or
// the error's first line.
func refusal(err error) string {
	var e *api.Error
	if errors.As(err, &e) && e.Scope != "" {
		return "needs the " + api.ScopeName(e.Scope) + " scope"
	}
	return api.SanitizeLine(err.Error())
}

// state is "open" or "closed".
func state(open bool) string {
	if open {
		return "open"
	}
	return "closed"
}

// words turns a category ("Related") or a snake_case value into words.
func words(s string) string { return api.SanitizeLine(strings.ReplaceAll(s, "_", " ")) }

// showRelated is l: the list of what is related, at once, with what has
// come so far; the rest fills in as it comes.
func (m Model) showRelated() (tea.Model, tea.Cmd) {
	m.focusTranscript()
	m.related.Show(m.relatedRows())
	return m, nil
}

// openRelated is enter in the list: the next page of the search, or the
// row's conversation or ticket opened in place of this one.
func (m Model) openRelated() (tea.Model, tea.Cmd) {
	r, ok := m.related.Selected()
	switch {
	case !ok:
		return m, nil
	case r.more:
		return m.moreOthers()
	case r.side != nil:
		side := sideConversation(r.side, r.name)
		load := func(context.Context, func(api.Wait)) (*api.Conversation, error) { return side, nil }
		return m.openItem(api.KindConversation, r.id, load, "side conversation "+r.id, sideNoReload)
	case m.opts.Thread == nil:
		return m, m.setStatus("opening it needs the API: open the conversation by its id, not --file or --demo", doneFor)
	}
	load, label := m.opts.Thread.Open(r.kind, r.id)
	return m.openItem(r.kind, r.id, load, label, "")
}

// sideNoReload is why a side conversation opened from the list cannot be
// fetched again: it came with its conversation's list.
const sideNoReload = "nothing to reload: a side conversation comes with its conversation"

// sideConversation is a side conversation shown as a conversation: its
// first part the opening message, the others its parts.
func sideConversation(s *api.SideConversation, name string) *api.Conversation {
	c := &api.Conversation{ID: s.ID, Title: name}
	if len(s.Parts) == 0 {
		return c
	}
	first := s.Parts[0]
	c.CreatedAt, c.UpdatedAt = first.CreatedAt, s.Parts[len(s.Parts)-1].CreatedAt
	c.Source = api.Source{Type: "conversation", Body: first.Body, Author: first.Author, Attachments: first.Attachments}
	c.ConversationParts.Parts = slices.Clone(s.Parts[1:])
	c.ConversationParts.TotalCount = len(s.Parts) - 1
	return c
}
