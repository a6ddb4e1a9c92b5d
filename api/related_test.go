package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The ticket-*.json and side-conversations-*.json in testdata are the 200
// examples of GET /tickets/{id} and GET /conversations/{id}/side_conversations
// in each openapi-*.yaml of the shared fixtures.

// searchAnswer answers a search with conversations {id, updated_at, title}
// and a next cursor, checking nothing.
func searchAnswer(next string, convs ...string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		var items []string
		for _, c := range convs {
			items = append(items, c)
		}
		pages := `{"type":"pages","page":1,"per_page":2,"total_pages":2}`
		if next != "" {
			quoted, _ := json.Marshal(next)
			pages = `{"type":"pages","page":1,"per_page":2,"total_pages":2,"next":{"page":2,"starting_after":` + string(quoted) + `}}`
		}
		rateHeaders(w, 100)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"type":"conversation.list","total_count":4,"pages":%s,"conversations":[%s]}`, pages, strings.Join(items, ","))
	}
}

func conv(id string, updated int, title string) string {
	b, _ := json.Marshal(map[string]any{
		"type": "conversation", "id": id, "updated_at": updated, "created_at": updated - 100, "title": title,
		"state": "open", "open": true, "read": false,
		"source": map[string]any{"type": "conversation", "body": "<p>Hello &amp; <b>welcome</b><br>second line</p>"},
	})
	return string(b)
}

func TestSearchConversationsPages(t *testing.T) {
	var bodies []map[string]any
	var methods, paths []string
	record := func(a answer) answer {
		return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
			b, _ := io.ReadAll(r.Body)
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Errorf("request body is not JSON: %q", b)
			}
			if got := r.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
				t.Errorf("Authorization = %q", got)
			}
			bodies, methods, paths = append(bodies, m), append(methods, r.Method), append(paths, r.URL.Path)
			a(t, w, r, n)
		}
	}
	srv, _ := intercom(t, record(sequence(
		searchAnswer("WzE3MTk0OTI4NDMwMDAsIjM3OCJd", conv("1", 100, "old"), conv("7", 300, "this one"), conv("2", 200, "newer")),
		searchAnswer("", conv("3", 50, "oldest")),
	)))
	c := testClient(srv, &fakeSleep{})
	first, err := c.SearchConversations(context.Background(), []string{"c1"}, "7", "", 2)
	if err != nil {
		t.Fatal(err)
	}
	var ids []ID
	for _, s := range first.Conversations {
		ids = append(ids, s.ID)
	}
	if want := []ID{"2", "1"}; !slices.Equal(ids, want) {
		t.Errorf("first page ids = %v, want %v (newest first, 7 excluded)", ids, want)
	}
	if first.Next != "WzE3MTk0OTI4NDMwMDAsIjM3OCJd" {
		t.Errorf("Next = %q", first.Next)
	}
	if s := first.Conversations[0]; s.Snippet != "Hello & welcome" || s.Title != "newer" || s.State != "open" || !s.Open || s.Read || s.UpdatedAt != 200 || s.CreatedAt != 100 {
		t.Errorf("summary = %+v", s)
	}
	second, err := c.SearchConversations(context.Background(), []string{"c1"}, "7", first.Next, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Conversations) != 1 || second.Conversations[0].ID != "3" || second.Next != "" {
		t.Errorf("second page = %+v", second)
	}
	if !slices.Equal(methods, []string{"POST", "POST"}) || paths[0] != "/conversations/search" {
		t.Errorf("requests = %v %v", methods, paths)
	}
	wantQuery := `{"operator":"AND","value":[{"field":"contact_ids","operator":"=","value":"c1"},{"field":"id","operator":"!=","value":"7"}]}`
	if got, _ := json.Marshal(bodies[0]["query"]); string(got) != wantQuery {
		t.Errorf("query = %s, want %s", got, wantQuery)
	}
	if got, _ := json.Marshal(bodies[0]["pagination"]); string(got) != `{"per_page":2}` {
		t.Errorf("first pagination = %s", got)
	}
	if got, _ := json.Marshal(bodies[1]["pagination"]); string(got) != `{"per_page":2,"starting_after":"WzE3MTk0OTI4NDMwMDAsIjM3OCJd"}` {
		t.Errorf("second pagination = %s", got)
	}
}

func TestSearchBody(t *testing.T) {
	many := make([]string, 20)
	for i := range many {
		many[i] = fmt.Sprint("c", i)
	}
	tests := []struct {
		name    string
		ids     []string
		exclude ID
		perPage int
		query   string
		page    string
	}{
		{"one, nothing excluded", []string{"a"}, "", 0, `{"field":"contact_ids","operator":"=","value":"a"}`, `{"per_page":20}`},
		{"two", []string{"a", "", "b"}, "9", 500,
			`{"operator":"AND","value":[{"operator":"OR","value":[{"field":"contact_ids","operator":"=","value":"a"},{"field":"contact_ids","operator":"=","value":"b"}]},{"field":"id","operator":"!=","value":"9"}]}`,
			`{"per_page":150}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := searchBody(tt.ids, tt.exclude, "", tt.perPage)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]json.RawMessage
			_ = json.Unmarshal(b, &m)
			if string(m["query"]) != tt.query || string(m["pagination"]) != tt.page {
				t.Errorf("body = %s\nwant query %s, pagination %s", b, tt.query, tt.page)
			}
		})
	}
	b, _ := searchBody(many, "", "", 0)
	if n := strings.Count(string(b), "contact_ids"); n != MaxSearchGroup {
		t.Errorf("%d contact filters, want %d", n, MaxSearchGroup)
	}
	if _, err := searchBody([]string{""}, "1", "", 0); err == nil {
		t.Error("want an error for no contact")
	}
}

func TestRelatedMissingScope(t *testing.T) {
	said := raw(403, "application/json", `{"type":"error.list","request_id":"r","errors":[{"code":"forbidden","message":"You do not have the required scope (read_tickets) to access this resource"}]}`)
	silent := raw(403, "application/json", `{"type":"error.list","errors":[{"code":"forbidden","message":"Forbidden"}]}`)
	tests := []struct {
		name   string
		answer answer
		call   func(c *Client) error
		scope  string
	}{
		{"ticket, scope said", said, ticketCall, "read_tickets"},
		{"ticket, scope documented", silent, ticketCall, ScopeReadTickets},
		{"search, scope documented", silent, searchCall, ScopeReadConversations},
		{"plan restricted", fixture(403, "error-403-api-plan-restricted.json"), ticketCall, ""},
		{"not found", fixture(404, "error-404-not-found.json"), ticketCall, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := intercom(t, tt.answer)
			err := tt.call(testClient(srv, &fakeSleep{}))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want an *Error, got %v", err)
			}
			if e.Scope != tt.scope {
				t.Errorf("Scope = %q, want %q", e.Scope, tt.scope)
			}
		})
	}
	if got := ScopeName(ScopeReadTickets); got != "Read tickets" {
		t.Errorf("ScopeName = %q", got)
	}
}

func ticketCall(c *Client) error {
	_, err := c.Ticket(context.Background(), "631")
	return err
}

func searchCall(c *Client) error {
	_, err := c.SearchConversations(context.Background(), []string{"c"}, "", "", 0)
	return err
}

func TestRelatedRetryWaitReported(t *testing.T) {
	calls := map[string]func(c *Client, onWait func(Wait)) error{
		"search": func(c *Client, onWait func(Wait)) error {
			c.OnWait = onWait
			_, err := c.SearchConversations(context.Background(), []string{"c"}, "", "", 0)
			return err
		},
		"ticket": func(c *Client, onWait func(Wait)) error {
			c.OnWait = onWait
			_, err := c.Ticket(context.Background(), "631")
			return err
		},
		"side": func(c *Client, onWait func(Wait)) error {
			c.Version = "2.16"
			c.OnWait = onWait
			_, err := c.SideConversations(context.Background(), "1")
			return err
		},
	}
	ok := map[string]answer{
		"search": searchAnswer("", conv("1", 1, "t")),
		"ticket": testdata(200, "ticket-2.16.json"),
		"side":   testdata(200, "side-conversations-2.16.json"),
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			srv, n := intercom(t, sequence(fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "7"), ok[name]))
			fs := &fakeSleep{}
			c := testClient(srv, fs)
			var waits []Wait
			if err := call(c, func(w Wait) { waits = append(waits, w) }); err != nil {
				t.Fatal(err)
			}
			if n.Load() != 2 || len(waits) != 1 || waits[0].Status != 429 || waits[0].Delay != 7*time.Second || !slices.Equal(fs.waits, []time.Duration{7 * time.Second}) {
				t.Errorf("requests %d, waits reported %+v, slept %v", n.Load(), waits, fs.waits)
			}
		})
	}
}

// testdata answers with a file of testdata.
func testdata(status int, name string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Error(err)
		}
		rateHeaders(w, 100)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(b)
	}
}

func TestTicketFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/ticket-*.json")
	if len(paths) < 7 {
		t.Fatalf("want a ticket of every version, got %v", paths)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			var path string
			srv, _ := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				path = r.URL.Path
				testdata(200, filepath.Base(p))(t, w, r, n)
			})
			tk, err := testClient(srv, &fakeSleep{}).Ticket(context.Background(), "631")
			if err != nil {
				t.Fatal(err)
			}
			if path != "/tickets/631" {
				t.Errorf("path = %q", path)
			}
			if tk.ID == "" || tk.TicketID == "" || tk.Title() != "attribute_value" || tk.Description() != "" {
				t.Errorf("ticket %q/%q, title %q, description %q", tk.ID, tk.TicketID, tk.Title(), tk.Description())
			}
			if tk.TicketType == nil || tk.TicketType.Name == "" || tk.Category == "" {
				t.Errorf("type %+v, category %q", tk.TicketType, tk.Category)
			}
			if st := tk.State(); st.Category != "submitted" || st.InternalLabel == "" {
				t.Errorf("state = %+v", st)
			}
			if len(tk.TicketParts.Parts) == 0 || tk.TicketParts.Parts[0].PartType == "" || tk.TicketParts.Parts[0].TicketState == "" || tk.TicketParts.Parts[0].Author.Type == "" {
				t.Errorf("parts = %+v", tk.TicketParts)
			}
			if len(tk.Contacts.Contacts) == 0 || tk.Contacts.Contacts[0].ID == "" || tk.CreatedAt == 0 || tk.UpdatedAt == 0 {
				t.Errorf("contacts %+v, created %d, updated %d", tk.Contacts, tk.CreatedAt, tk.UpdatedAt)
			}
		})
	}
}

func TestTicketNotATicket(t *testing.T) {
	for _, body := range []string{`{"type":"conversation","id":"1"}`, `{"type":"ticket"}`, `[]`, `{"type":"ticket","id":"1"`} {
		srv, _ := intercom(t, raw(200, "application/json", body))
		if _, err := testClient(srv, &fakeSleep{}).Ticket(context.Background(), "1"); err == nil {
			t.Errorf("%s: want an error", body)
		}
	}
}

func TestSideConversations(t *testing.T) {
	var query string
	srv, n := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, i int) {
		query = r.URL.Path + "?" + r.URL.RawQuery
		testdata(200, "side-conversations-2.16.json")(t, w, r, i)
	})
	c := testClient(srv, &fakeSleep{})
	for _, v := range []string{"", "2.11", "2.15", "x"} {
		c.Version = v
		if c.HasSideConversations() {
			t.Errorf("version %q: want no side conversations", v)
		}
		if _, err := c.SideConversations(context.Background(), "5"); err == nil {
			t.Errorf("version %q: want an error", v)
		}
	}
	if n.Load() != 0 {
		t.Errorf("%d requests made for versions without side conversations", n.Load())
	}
	for _, v := range []string{"2.16", "Unstable", "2.17"} {
		c.Version = v
		if !c.HasSideConversations() {
			t.Errorf("version %q: want side conversations", v)
		}
	}
	sides, err := c.SideConversations(context.Background(), "5")
	if err != nil {
		t.Fatal(err)
	}
	if query != "/conversations/5/side_conversations?page=1&per_page=25" {
		t.Errorf("request = %q", query)
	}
	if len(sides) != 1 || sides[0].ID != "456" || sides[0].TotalCount != 1 || len(sides[0].Parts) != 1 || sides[0].Parts[0].Body != "<p>Internal note about this issue</p>" {
		t.Errorf("sides = %+v", sides)
	}
}

// hostileText is text that would drive or disguise a terminal: an escape
// sequence, an OSC hyperlink, a BiDi override and the token.
const hostileText = "a\x1b[31mred\x1b]8;;http://evil\x07link\x1b]8;;\x07\u202Eevil" + testToken

func TestRelatedHostileStrings(t *testing.T) {
	esc := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	bad := func(s string) bool {
		return strings.ContainsAny(s, "\x1b\x07\u202E") || strings.Contains(s, testToken[:8])
	}
	t.Run("search", func(t *testing.T) {
		body := `{"type":"conversation","id":"1","title":` + esc(hostileText) + `,"state":` + esc(hostileText) +
			`,"source":{"body":` + esc("<p>&#27;[2J"+hostileText+"</p>") + `}}`
		srv, _ := intercom(t, searchAnswer(hostileText, body))
		page, err := testClient(srv, &fakeSleep{}).SearchConversations(context.Background(), []string{"c"}, "", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		s := page.Conversations[0]
		for _, v := range []string{s.Title, s.Snippet, s.State, page.Next} {
			if bad(v) {
				t.Errorf("unsafe string %q", v)
			}
		}
		if !strings.Contains(s.Title, "red") || !strings.Contains(s.Snippet, "red") {
			t.Errorf("text lost: %q, %q", s.Title, s.Snippet)
		}
	})
	t.Run("ticket", func(t *testing.T) {
		body := `{"type":"ticket","id":"1","ticket_attributes":{"_default_title_":` + esc(hostileText) + `,"_default_description_":` + esc(hostileText) +
			`},"ticket_type":{"name":` + esc(hostileText) + `},"ticket_state":{"internal_label":` + esc(hostileText) +
			`},"ticket_parts":{"ticket_parts":[{"body":` + esc(hostileText) + `,"author":{"name":` + esc(hostileText) + `}}]}}`
		srv, _ := intercom(t, raw(200, "application/json", body))
		tk, err := testClient(srv, &fakeSleep{}).Ticket(context.Background(), "1")
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{tk.Title(), tk.Description(), tk.TicketType.Name, tk.State().InternalLabel, tk.TicketParts.Parts[0].Body, tk.TicketParts.Parts[0].Author.Name} {
			if bad(v) {
				t.Errorf("unsafe string %q", v)
			}
		}
	})
	t.Run("side", func(t *testing.T) {
		body := `{"type":"side_conversation.list","side_conversations":[{"side_conversation_id":"1","conversation_parts":[{"body":` + esc(hostileText) + `}]}]}`
		srv, _ := intercom(t, raw(200, "application/json", body))
		c := testClient(srv, &fakeSleep{})
		c.Version = "2.16"
		sides, err := c.SideConversations(context.Background(), "1")
		if err != nil {
			t.Fatal(err)
		}
		if bad(sides[0].Parts[0].Body) {
			t.Errorf("unsafe body %q", sides[0].Parts[0].Body)
		}
	})
}

func TestRelatedNeverLeaksToken(t *testing.T) {
	echo := raw(403, "application/json", `{"type":"error.list","request_id":"`+testToken+`","errors":[{"code":"forbidden","message":"scope (read_tickets) for `+testToken+`"}]}`)
	for name, call := range map[string]func(*Client) error{"ticket": ticketCall, "search": searchCall} {
		srv, _ := intercom(t, echo)
		c := testClient(srv, &fakeSleep{})
		c.BaseURL = srv.URL + "/" + testToken
		err := call(c)
		var e *Error
		if err == nil || !errors.As(err, &e) {
			t.Fatalf("%s: want an *Error, got %v", name, err)
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", *e)} {
			if strings.Contains(s, testToken[:8]) {
				t.Errorf("%s: the token leaked: %q", name, s)
			}
		}
	}
}

func TestFirstLine(t *testing.T) {
	tests := map[string]string{
		"<p>Hi</p><p>there</p>":         "Hi",
		"<p></p><p>  two   spaces </p>": "two spaces",
		"plain\nsecond":                 "plain",
		"a &lt;b&gt; &#x202E;c":         "a <b> c",
		"<div><br/>after a break</div>": "after a break",
		"&#27;]8;;x&#7;link":            "link", // the OSC sequence the entities spell
		"":                              "",
	}
	for in, want := range tests {
		if got := FirstLine(in); got != want {
			t.Errorf("FirstLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRelatedDecode checks that no body makes the ticket, search or side
// conversation readers panic, and that what they accept is clean.
func FuzzRelatedDecode(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*-*.json")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"type":"conversation.list","pages":{"next":"x"},"conversations":[{"id":1,"source":{"body":"<p>&#27;</p>"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var tk Ticket
		if object(&tk, "ticket", nil)(strings.NewReader(string(body))) == nil {
			_, _, _ = tk.Title(), tk.Description(), tk.State()
		}
		var sides struct {
			SideConversations []SideConversation `json:"side_conversations"`
		}
		_ = object(&sides, "side_conversation.list", nil)(strings.NewReader(string(body)))
		var list struct {
			Conversations []Conversation                 `json:"conversations"`
			Pages         struct{ Next json.RawMessage } `json:"pages"`
		}
		if object(&list, "conversation.list", nil)(strings.NewReader(string(body))) == nil {
			for _, c := range list.Conversations {
				s := summary(&c)
				if strings.ContainsAny(s.Title+s.Snippet, "\x1b\x07\u202E\n") {
					t.Errorf("unsafe summary %+v", s)
				}
			}
			if n := cursor(list.Pages.Next); strings.ContainsAny(n, "\x1b\x07\n") {
				t.Errorf("unsafe cursor %q", n)
			}
		}
	})
}
