package ui

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// fakeThread answers like Intercom would, from memory, and records what it
// was asked.
type fakeThread struct {
	mu        sync.Mutex
	pages     map[string]*api.ConversationPage // by cursor: "" is the first
	searchErr error
	ticketErr error
	sides     []api.SideConversation
	ticket    *api.Ticket
	open      map[string]*api.Conversation // by id
	searches  []string                     // the cursors asked for
	ctxs      []context.Context            // the contexts of every call
	fetched   []string                     // the linked conversations fetched for their rows
}

func (f *fakeThread) keep(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctxs = append(f.ctxs, ctx)
}

func (f *fakeThread) Search(ctx context.Context, ids []string, exclude api.ID, after string, _ func(api.Wait)) (*api.ConversationPage, error) {
	f.keep(ctx)
	f.mu.Lock()
	f.searches = append(f.searches, after)
	f.mu.Unlock()
	if f.searchErr != nil {
		return nil, f.searchErr
	}
	return f.pages[after], nil
}

func (f *fakeThread) HasSides() bool { return f.sides != nil }

func (f *fakeThread) Sides(ctx context.Context, _ string, _ func(api.Wait)) ([]api.SideConversation, error) {
	f.keep(ctx)
	return f.sides, nil
}

func (f *fakeThread) Ticket(ctx context.Context, id string, _ func(api.Wait)) (*api.Ticket, error) {
	f.keep(ctx)
	if f.ticketErr != nil {
		return nil, f.ticketErr
	}
	if f.ticket == nil || string(f.ticket.ID) != id {
		return nil, &api.Error{Status: http.StatusNotFound}
	}
	return f.ticket, nil
}

func (f *fakeThread) Conversation(ctx context.Context, id string, _ func(api.Wait)) (*api.Conversation, error) {
	f.keep(ctx)
	f.mu.Lock()
	f.fetched = append(f.fetched, id)
	f.mu.Unlock()
	if c := f.open[id]; c != nil {
		return c, nil
	}
	return nil, &api.Error{Status: http.StatusNotFound}
}

func (f *fakeThread) Open(kind api.Kind, id string) (func(context.Context, func(api.Wait)) (*api.Conversation, error), string) {
	return func(ctx context.Context, _ func(api.Wait)) (*api.Conversation, error) {
		f.keep(ctx)
		if c := f.open[id]; c != nil {
			return c, nil
		}
		return nil, &api.Error{Status: http.StatusNotFound}
	}, string(kind) + " " + id
}

var day = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// newThread is the demo's thread: its linked ticket 1184, two of the
// contact's 45 other conversations on the first page and one on the next,
// a side conversation, and conversation 7001 and ticket 1184 to open.
func newThread() *fakeThread {
	other := api.Demo()
	other.ID, other.Title = "7001", "Refund for October"
	tk := &api.Ticket{ID: "1184", TicketID: "42", Open: true, UpdatedAt: api.Time(day.Unix()),
		TicketAttributes: map[string]json.RawMessage{"_default_title_": json.RawMessage(`"Exports cut long descriptions"`)}}
	ticketConv := tk.AsConversation()
	linked := api.Demo()
	linked.ID, linked.Title, linked.State = "215469380263515", "Earlier export question", "closed"
	return &fakeThread{
		pages: map[string]*api.ConversationPage{
			"": {TotalCount: 45, Next: "c2", Conversations: []api.ConversationSummary{
				{ID: "6990", Title: "Login problem", State: "closed", UpdatedAt: api.Time(day.Add(-48 * time.Hour).Unix())},
				{ID: "7001", Title: "Refund for October", State: "open", UpdatedAt: api.Time(day.Unix())},
			}},
			"c2": {TotalCount: 45, Conversations: []api.ConversationSummary{
				{ID: "6001", Title: "Invoice address", State: "closed", UpdatedAt: api.Time(day.Add(-300 * time.Hour).Unix())},
			}},
		},
		sides:  []api.SideConversation{{ID: "s1", Parts: []api.Part{{Body: "<p>Asking engineering about the cut</p>"}}}},
		ticket: tk,
		open:   map[string]*api.Conversation{"7001": other, "1184": ticketConv, "215469380263515": linked},
	}
}

// threaded is the demo with th as its thread, ready at w x h.
func threaded(t *testing.T, th Thread, w, h int) *driver {
	t.Helper()
	return readyWith(t, w, h, func(o *Options) { o.Thread = th })
}

// The panel counts what is related once the answers are in, and l lists
// it: the linked ticket with its title, the contact's conversations
// newest first, the side conversation; typing filters, esc closes.
func TestRelatedList(t *testing.T) {
	th := newThread()
	o := demoOptions()
	o.Thread, o.SidebarWidth = th, 100
	d := newDriver(t, o)
	d.size(200, 100)
	d.keys("tab", "G") // the panel's end, where Related is
	if s := d.screen(); !strings.Contains(s, "2 linked · 45 other conversations · 1 side conversation · l lists them") {
		t.Errorf("the panel does not count what is related:\n%s", d.screen())
	}
	d.keys("tab")
	if len(th.searches) != 1 {
		t.Errorf("opening the conversation made %d searches, want 1", len(th.searches))
	}
	d.keys("l")
	s := d.screen()
	for _, want := range []string{"Related", "Ticket 42", "Exports cut long descriptions", "#215469380263515", "Earlier export question",
		"#7001", "Refund for October", "#6990", "Login problem", "2 of 45 shown", "Side 1", "Asking engineering"} {
		if !strings.Contains(s, want) {
			t.Errorf("the list lacks %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "#7001") > strings.Index(s, "#6990") {
		t.Error("the contact's conversations are not newest first")
	}
	d.keys("l", "o", "g")
	if s := d.screen(); !strings.Contains(s, "Login problem") || strings.Contains(s, "Refund for October") {
		t.Errorf("typing log did not filter the list:\n%s", s)
	}
	d.keys("q") // typed, not quitting
	if d.quit {
		t.Fatal("q in the filter quit")
	}
	d.keys("esc")
	if strings.Contains(d.screen(), "filter:") {
		t.Error("esc did not close the list")
	}
	if len(th.searches) != 1 {
		t.Errorf("opening the list searched again (%d searches)", len(th.searches))
	}
}

// The row after the first page asks for the next one, once.
func TestRelatedMore(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 200, 100)
	d.keys("l")
	for range 10 {
		d.keys("down")
	}
	// The last row that opens is the side conversation: back up to "more".
	d.keys("up")
	d.keys("enter")
	if got := strings.Join(th.searches, ","); got != ",c2" {
		t.Errorf("searches = %q, want the first page then c2", got)
	}
	if s := d.screen(); !strings.Contains(s, "Invoice address") || strings.Contains(s, "shown · enter") {
		t.Errorf("the next page did not come in:\n%s", s)
	}
}

// A search the token may not make is a dim row naming the scope.
func TestRelatedRefusedScope(t *testing.T) {
	th := newThread()
	th.searchErr = &api.Error{Status: http.StatusForbidden, Scope: api.ScopeReadConversations}
	d := threaded(t, th, 200, 100)
	d.keys("l")
	if s := d.screen(); !strings.Contains(s, "needs the Read conversations scope") {
		t.Errorf("the refused search is not named:\n%s", s)
	}
}

// A linked ticket the token may not read is a dim row naming the scope,
// which enter steps over.
func TestRelatedTicketRefused(t *testing.T) {
	th := newThread()
	th.ticket = nil
	th.ticketErr = &api.Error{Status: http.StatusForbidden, Scope: api.ScopeReadTickets}
	d := threaded(t, th, 200, 100)
	d.keys("l")
	if s := d.screen(); !strings.Contains(s, "Ticket 1184 · needs the Read tickets scope") || !strings.Contains(s, "▸ #215469380263515") {
		t.Errorf("the refused ticket is not a dim row the selection steps over:\n%s", s)
	}
}

// enter opens the row in place; backspace goes back to the conversation
// as it was left, reading position and search included; the header says
// where the reader is.
func TestOpenInPlaceAndBack(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 120, 40)
	d.keys("g", "]", "]", "]")
	d.search("export")
	before := d.footer()
	d.keys("l", "R", "e", "f", "u", "n", "d", "enter")
	if h := d.lines()[0]; !strings.Contains(h, "← #215472881029384") || !strings.Contains(h, "Refund for October") {
		t.Errorf("header after opening #7001 = %q", h)
	}
	if f := d.footer(); strings.Contains(f, "match") {
		t.Errorf("the search came along to #7001: %q", f)
	}
	d.keys("backspace")
	if h := d.lines()[0]; strings.Contains(h, "←") || !strings.Contains(h, "CSV export fails") {
		t.Errorf("header after backspace = %q", h)
	}
	if f := d.footer(); f != before {
		t.Errorf("footer after backspace = %q, want it as it was left, %q", f, before)
	}
	d.keys("alt+left")
	if f := d.footer(); !strings.Contains(f, "nothing to go back to") {
		t.Errorf("alt+left at the first item: footer %q", f)
	}
}

// A ticket opens in a ticket view named by its Inbox number.
func TestOpenTicket(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 120, 40)
	d.keys("l", "enter") // the first row: the linked ticket
	if h := d.lines()[0]; !strings.Contains(h, "← #215472881029384") || !strings.Contains(h, "Ticket 42") {
		t.Errorf("header of the ticket = %q", h)
	}
}

// Leaving an item cancels its requests; the messages of an item behind
// reach it, not the one on screen.
func TestBackCancelsAndRoutes(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 120, 40)
	reload := d.step(keyPress("r")) // the first item's reload, still to come
	d.keys("l", "R", "e", "f", "enter")
	th.mu.Lock()
	opened := th.ctxs[len(th.ctxs)-1]
	th.mu.Unlock()
	d.run(reload) // arrives while #7001 shows
	if h := d.lines()[0]; !strings.Contains(h, "Refund for October") {
		t.Fatalf("the first item's reload took over the screen: %q", h)
	}
	d.keys("backspace")
	if opened.Err() == nil {
		t.Error("backspace left #7001's requests running")
	}
	if f := d.footer(); !strings.Contains(f, "reloaded") {
		t.Errorf("the reload did not reach the item behind: footer %q", f)
	}
}

var _ tea.Model = Model{}

// A conversation opened again from the list is not searched again: the
// session keeps each conversation's first page.
func TestOneSearchPerConversation(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 120, 40)
	d.keys("l", "7", "0", "0", "1", "enter") // #7001: a search of its own
	if got := len(th.searches); got != 2 {
		t.Fatalf("after opening #7001: %d searches, want 2", got)
	}
	d.keys("backspace", "l", "7", "0", "0", "1", "enter")
	if h := d.lines()[0]; !strings.Contains(h, "Refund for October") {
		t.Fatalf("#7001 did not open again: %q", h)
	}
	if got := len(th.searches); got != 2 {
		t.Errorf("opening #7001 again searched again: %d searches, want 2", got)
	}
}

// The wheel moves the list's selection, and a click leaves the panes as
// they are while it shows.
func TestRelatedListTakesTheMouse(t *testing.T) {
	d := threaded(t, newThread(), 120, 40)
	d.keys("l")
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 60, Y: 20})
	if s := d.screen(); !strings.Contains(s, "▸ #215469380263515") {
		t.Errorf("the wheel did not move the selection to the second row:\n%s", s)
	}
	d.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: 100, Y: 5})
	if !strings.Contains(d.screen(), "▍Transcript") || !strings.Contains(d.screen(), "filter:") {
		t.Error("a click moved the focus or closed the list")
	}
}

// esc then q typed quickly (one alt+q to Bubble Tea) closes the list and
// quits, as it does from the help.
func TestRelatedEscThenQuit(t *testing.T) {
	d := threaded(t, newThread(), 120, 40)
	d.keys("l")
	d.send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt})
	if !d.quit {
		t.Errorf("esc q in the list did not quit; filter %q", d.m.related.filter)
	}
}

// A side conversation opened from the list came with its conversation: it
// is not reloaded, followed or searched around.
func TestSideConversationIsNotFetched(t *testing.T) {
	th := newThread()
	d := threaded(t, th, 120, 40)
	d.keys("l", "S", "i", "d", "e", "enter")
	if h := d.lines()[0]; !strings.Contains(h, "←") {
		t.Fatalf("the side conversation did not open: %q", h)
	}
	searches := len(th.searches)
	d.keys("f")
	if f := d.footer(); !strings.Contains(f, "nothing to follow") {
		t.Errorf("f on a side conversation: footer %q", f)
	}
	if len(th.searches) != searches {
		t.Errorf("a side conversation was searched around (%d searches)", len(th.searches)-searches)
	}
}

// A linked object without an id is passed by, and the ones after it are
// still fetched for their rows.
func TestLinkedWithoutIDIsPassedBy(t *testing.T) {
	th := newThread()
	o := demoOptions()
	o.Thread = th
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := api.Demo()
		c.LinkedObjects.Data = append([]api.LinkedObject{{Type: "ticket"}}, c.LinkedObjects.Data...)
		return c, nil
	}
	d := newDriver(t, o)
	d.size(200, 100)
	d.keys("l")
	if s := d.screen(); !strings.Contains(s, "Exports cut long descriptions") {
		t.Errorf("the linked ticket after one without an id was not fetched:\n%s", s)
	}
}

// A message of this package sent by pointer is routed like any other.
func TestOwnMessagesByPointer(t *testing.T) {
	if !own(&renderedMsg{}) || !own(renderedMsg{}) || own(tea.QuitMsg{}) {
		t.Error("own does not tell this package's messages, by value and by pointer, from Bubble Tea's")
	}
}

// Without the API (a file, the demo) a linked row says why it cannot open.
func TestRelatedWithoutTheAPI(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("l", "enter")
	if f := d.footer(); !strings.Contains(f, "opening it needs the API") || strings.Contains(d.lines()[0], "←") {
		t.Errorf("enter without a thread: footer %q, header %q", f, d.lines()[0])
	}
}
