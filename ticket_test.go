package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeIntercom answers tickets, searches and side conversations the way
// Intercom does, and records the requests. Ticket 631 is number 38 in the
// Inbox; GET /tickets/38 is a 404, as for Intercom. refuse makes the
// endpoints under those paths answer 403 for want of a scope.
type fakeIntercom struct {
	srv    *httptest.Server
	refuse map[string]string // path prefix: the scope the 403 names

	mu       sync.Mutex
	requests []string
	searches []string // the bodies of POST /conversations/search
}

func newFakeIntercom(t *testing.T) *fakeIntercom {
	t.Helper()
	f := &fakeIntercom{refuse: map[string]string{}}
	ticket, err := os.ReadFile(filepath.Join("render", "testdata", "ticket", "ticket-described.json"))
	if err != nil {
		t.Fatal(err)
	}
	conv, err := os.ReadFile(filepath.Join(fixtures, "conversation-2.11-get-found.json"))
	if err != nil {
		t.Fatal(err)
	}
	sides, err := os.ReadFile(filepath.Join("api", "testdata", "side-conversations-2.16.json"))
	if err != nil {
		t.Fatal(err)
	}
	notFound := `{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, r.Method+" "+r.URL.Path)
		if r.URL.Path == "/conversations/search" {
			f.searches = append(f.searches, string(body))
		}
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		for prefix, scope := range f.refuse {
			if strings.HasPrefix(r.URL.Path, prefix) {
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"token_unauthorized","message":"Token not authorized: missing %s scope"}]}`, scope)
				return
			}
		}
		switch r.Method + " " + r.URL.Path {
		case "GET /tickets/631":
			w.Write(ticket)
		case "POST /tickets/search":
			if !strings.Contains(string(body), `"field":"ticket_id"`) || !strings.Contains(string(body), `"value":"38"`) {
				fmt.Fprint(w, `{"type":"ticket.list","total_count":0,"tickets":[]}`)
				return
			}
			fmt.Fprint(w, `{"type":"ticket.list","total_count":1,"tickets":[{"type":"ticket","id":"631","ticket_id":"38"}]}`)
		case "GET /conversations/367":
			w.Write(conv)
		case "POST /conversations/search":
			fmt.Fprint(w, `{"type":"conversation.list","total_count":2,"pages":{"type":"pages","page":1,"per_page":20,"total_pages":1},"conversations":[`+
				`{"type":"conversation","id":"9001","title":"","updated_at":1700000000,"state":"closed","open":false,"source":{"body":"<p>My printer &amp; me</p>"}},`+
				`{"type":"conversation","id":"9002","title":"Newer one","updated_at":1710000000,"state":"open","open":true,"source":{"body":""}}]}`)
		case "GET /conversations/367/side_conversations":
			w.Write(sides)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, notFound)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// asked lists the requests to paths other than the look-ups' (admins,
// teams, contacts, me).
func (f *fakeIntercom) asked() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.requests {
		path := strings.SplitN(r, " ", 2)[1]
		if !slices.ContainsFunc([]string{"/admins", "/teams", "/contacts", "/me"}, func(p string) bool { return strings.HasPrefix(path, p) }) {
			out = append(out, r)
		}
	}
	return out
}

// convoOut runs convo against the server and returns stdout, stderr and
// the exit status.
func convoOut(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var stdout, stderr bytes.Buffer
	status := run(append(args, "--config", writeConfig(t, 0o600, "time_zone = \"UTC\"\n")), nil, &stdout, &stderr)
	return stdout.String(), stderr.String(), status
}

func TestTicketCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     []string // in stdout
		wantReqs []string
	}{
		{"by its id, as text", []string{"ticket", "631", "--format", "text"},
			[]string{"Ticket 38 · Printer on fire\nid 631 · closed\n", "The office printer <smokes> when printing A3."},
			[]string{"GET /tickets/631"}},
		{"by its number in the Inbox, as markdown", []string{"ticket", "#38", "--format", "markdown"},
			[]string{"# Ticket 38 · Printer on fire\n"},
			[]string{"GET /tickets/38", "POST /tickets/search", "GET /tickets/631"}},
		{"by its inbox link, as json", []string{"app.intercom.com/a/inbox/abc123/inbox/ticket/38", "--format", "json"},
			[]string{`"type": "ticket",` + "\n" + `  "id": "631",`, `"web_link": null`, `"ticket_id": "38"`},
			[]string{"GET /tickets/38", "POST /tickets/search", "GET /tickets/631"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIntercom(t)
			out, errs, status := convoOut(t, append(tt.args, "--api-url", f.srv.URL)...)
			if status != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", status, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if got := f.asked(); !slices.Equal(got, tt.wantReqs) {
				t.Errorf("requests = %q, want %q", got, tt.wantReqs)
			}
		})
	}
}

func TestTicketNotFound(t *testing.T) {
	f := newFakeIntercom(t)
	_, errs, status := convoOut(t, "ticket", "77", "--api-url", f.srv.URL, "--format", "text")
	if status != 1 || !strings.Contains(errs, "no ticket 77 on 127.0.0.1") || !strings.Contains(errs, "by its id or its number in the Inbox") {
		t.Errorf("exit %d, stderr %q", status, errs)
	}
	if got, want := f.asked(), []string{"GET /tickets/77", "POST /tickets/search"}; !slices.Equal(got, want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
}

func TestTicketRefused(t *testing.T) {
	f := newFakeIntercom(t)
	f.refuse["/tickets"] = "read_tickets"
	_, errs, status := convoOut(t, "ticket", "631", "--api-url", f.srv.URL, "--format", "text")
	if status != 1 || !strings.Contains(errs, "the token lacks the read_tickets scope") {
		t.Errorf("exit %d, stderr %q", status, errs)
	}
}

// relatedDoc is json's "related".
type relatedDoc struct {
	Related *struct {
		Linked        []map[string]any `json:"linked"`
		Conversations *relatedListDoc  `json:"conversations"`
		Sides         *relatedListDoc  `json:"side_conversations"`
	} `json:"related"`
}

type relatedListDoc struct {
	Items []struct {
		ID, Title string
		State     *string
		UpdatedAt *string `json:"updated_at"`
	} `json:"items"`
	TotalCount   int     `json:"total_count"`
	MissingScope *string `json:"missing_scope"`
	Error        *string `json:"error"`
}

func TestRelated(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		refuse   map[string]string
		check    func(*testing.T, relatedDoc)
		wantReqs []string
	}{
		{"not asked", []string{"367"}, nil, func(t *testing.T, d relatedDoc) {
			if d.Related != nil {
				t.Errorf("related = %+v, want null", d.Related)
			}
		}, []string{"GET /conversations/367"}},
		{"2.11: other conversations, no side ones", []string{"367", "--related"}, nil, func(t *testing.T, d relatedDoc) {
			r := d.Related
			if r == nil || r.Conversations == nil || r.Sides != nil || len(r.Linked) != 0 {
				t.Fatalf("related = %+v", r)
			}
			items := r.Conversations.Items
			if len(items) != 2 || items[0].ID != "9002" || items[0].Title != "Newer one" || items[1].Title != "My printer & me" || *items[1].State != "closed" || *items[0].UpdatedAt != "2024-03-09T16:00:00Z" {
				t.Errorf("conversations = %+v", items)
			}
			if r.Conversations.TotalCount != 2 || r.Conversations.MissingScope != nil || r.Conversations.Error != nil {
				t.Errorf("list = %+v", r.Conversations)
			}
		}, []string{"GET /conversations/367", "POST /conversations/search"}},
		{"2.16: side conversations too", []string{"367", "--related", "--api-version", "2.16"}, nil, func(t *testing.T, d relatedDoc) {
			s := d.Related.Sides
			if s == nil || len(s.Items) != 1 || s.Items[0].ID != "456" || s.Items[0].Title != "Internal note about this issue" {
				t.Errorf("side conversations = %+v", s)
			}
		}, []string{"GET /conversations/367", "POST /conversations/search", "GET /conversations/367/side_conversations"}},
		{"a refused search is an entry", []string{"367", "--related", "--api-version", "2.16"}, map[string]string{"/conversations/search": "read_conversations"}, func(t *testing.T, d relatedDoc) {
			c := d.Related.Conversations
			if c == nil || len(c.Items) != 0 || c.MissingScope == nil || *c.MissingScope != "read_conversations" {
				t.Errorf("conversations = %+v", c)
			}
			if s := d.Related.Sides; s == nil || len(s.Items) != 1 {
				t.Errorf("side conversations = %+v", s)
			}
		}, []string{"GET /conversations/367", "POST /conversations/search", "GET /conversations/367/side_conversations"}},
		{"a ticket's", []string{"ticket", "631", "--related", "--api-version", "2.16"}, nil, func(t *testing.T, d relatedDoc) {
			r := d.Related
			if r == nil || len(r.Linked) != 2 || r.Linked[1]["kind"] != "ticket" || r.Linked[1]["id"] != "640" || r.Linked[1]["category"] != "Tracker" {
				t.Fatalf("related = %+v", r)
			}
			if r.Sides != nil || r.Conversations == nil || len(r.Conversations.Items) != 2 {
				t.Errorf("related = %+v", r)
			}
		}, []string{"GET /tickets/631", "POST /conversations/search"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIntercom(t)
			for k, v := range tt.refuse {
				f.refuse[k] = v
			}
			out, errs, status := convoOut(t, append(tt.args, "--api-url", f.srv.URL, "--format", "json")...)
			if status != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", status, errs)
			}
			var d relatedDoc
			if err := json.Unmarshal([]byte(out), &d); err != nil {
				t.Fatal(err)
			}
			tt.check(t, d)
			if got := f.asked(); !slices.Equal(got, tt.wantReqs) {
				t.Errorf("requests = %q, want %q", got, tt.wantReqs)
			}
		})
	}
	// The search asks for this conversation's contact, without it.
	f := newFakeIntercom(t)
	if _, errs, status := convoOut(t, "367", "--related", "--api-url", f.srv.URL, "--format", "json"); status != 0 {
		t.Fatal(errs)
	}
	want := `{"pagination":{"per_page":20},"query":{"operator":"AND","value":[{"field":"contact_ids","operator":"=","value":"667d60d88a68186f43bafde1"},{"field":"id","operator":"!=","value":"367"}]}}`
	if len(f.searches) != 1 || f.searches[0] != want {
		t.Errorf("search = %q, want %s", f.searches, want)
	}
}

// The config file's related = true asks for it too; and text lists it.
func TestRelatedFromTheConfigFile(t *testing.T) {
	f := newFakeIntercom(t)
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var stdout, stderr bytes.Buffer
	cfg := writeConfig(t, 0o600, "related = true\ntime_zone = \"UTC\"\n")
	if status := run([]string{"367", "--api-url", f.srv.URL, "--format", "text", "--config", cfg}, nil, &stdout, &stderr); status != 0 {
		t.Fatalf("exit %d: %s", status, stderr.String())
	}
	if want := "Other conversations\n  #9002: Newer one · open · 2024-03-09 16:00 UTC\n  #9001: My printer & me · closed · 2023-11-14 22:13 UTC\n"; !strings.Contains(stdout.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, stdout.String())
	}
}
