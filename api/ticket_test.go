package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// readTicket decodes testdata/name as GET /tickets/{id} answers it.
func readTicket(t *testing.T, name string) *Ticket {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var tk Ticket
	if err := json.Unmarshal(b, &tk); err != nil {
		t.Fatal(err)
	}
	return &tk
}

func TestTicketAsConversationFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/ticket-*.json")
	if len(paths) == 0 {
		t.Fatal("no ticket fixtures in testdata")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			tk := readTicket(t, filepath.Base(p))
			c := tk.AsConversation()
			if c.Type != "ticket" || c.ID != tk.ID || c.Ticket != tk {
				t.Errorf("type %q, id %q, ticket %p, want ticket, %q, %p", c.Type, c.ID, c.Ticket, tk.ID, tk)
			}
			if c.Title != "attribute_value" || c.State != "open" || !c.Open {
				t.Errorf("title %q, state %q, open %v", c.Title, c.State, c.Open)
			}
			if c.CreatedAt != tk.CreatedAt || c.UpdatedAt != tk.UpdatedAt || c.CreatedAt == 0 {
				t.Errorf("created %d, updated %d", c.CreatedAt, c.UpdatedAt)
			}
			if len(c.Contacts.Contacts) != 1 || c.Contacts.Contacts[0].ID != tk.Contacts.Contacts[0].ID {
				t.Errorf("contacts %+v", c.Contacts)
			}
			if c.Source.Body != "" || c.Source.Author != (Author{}) {
				t.Errorf("a null description made an opening message %+v", c.Source)
			}
			parts := c.ConversationParts.Parts
			if len(parts) != 1 || parts[0].PartType != "ticket_state_updated_by_admin" || parts[0].Author.Name == "" {
				t.Fatalf("parts = %+v", parts)
			}
			if parts[0].TicketState != "submitted" || parts[0].PreviousTicketState != "submitted" {
				t.Errorf("the part's states = %q from %q, want submitted from submitted", parts[0].TicketState, parts[0].PreviousTicketState)
			}
			if len(c.Teammates.Teammates) != 1 || c.Teammates.Teammates[0].ID != parts[0].Author.ID {
				t.Errorf("teammates = %+v", c.Teammates)
			}
		})
	}
}

func TestTicketAsConversation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Ticket)
		check func(*testing.T, *Conversation)
	}{
		{"closed", func(tk *Ticket) { tk.Open = false }, func(t *testing.T, c *Conversation) {
			if c.State != "closed" || c.Open {
				t.Errorf("state %q, open %v", c.State, c.Open)
			}
		}},
		{"description", func(tk *Ticket) {
			tk.TicketAttributes["_default_description_"] = json.RawMessage(`"Printer <b>jams</b> & smokes\nsince Monday\n\nSecond paragraph"`)
		}, func(t *testing.T, c *Conversation) {
			want := "<p>Printer &lt;b&gt;jams&lt;/b&gt; &amp; smokes<br>since Monday</p><p>Second paragraph</p>"
			if c.Source.Body != want {
				t.Errorf("body = %q, want %q", c.Source.Body, want)
			}
			if a := c.Source.Author; a.Type != "contact" || a.ID != "6762f2f61bb69f9f2193bc59" {
				t.Errorf("opening author = %+v, want the first contact", a)
			}
		}},
		{"assignees and links", func(tk *Ticket) {
			tk.AdminAssigneeID, tk.TeamAssigneeID = "991267715", "5017691"
			tk.LinkedObjects = LinkedObjectList{Type: "list", TotalCount: 1, Data: []LinkedObject{{Type: "conversation", ID: "7001", Category: "Customer"}}}
		}, func(t *testing.T, c *Conversation) {
			if c.AdminAssigneeID != "991267715" || c.TeamAssigneeID != "5017691" {
				t.Errorf("assignees %q %q", c.AdminAssigneeID, c.TeamAssigneeID)
			}
			if len(c.LinkedObjects.Data) != 1 || c.LinkedObjects.Data[0].ID != "7001" {
				t.Errorf("linked = %+v", c.LinkedObjects)
			}
		}},
		{"state change kept", func(tk *Ticket) {
			tk.TicketParts.Parts[0].TicketState, tk.TicketParts.Parts[0].PreviousTicketState = "in_progress", "waiting_on_customer"
		}, func(t *testing.T, c *Conversation) {
			// render words them: "from waiting on customer to in progress".
			if p := c.ConversationParts.Parts[0]; p.TicketState != "in_progress" || p.PreviousTicketState != "waiting_on_customer" || len(p.EventDetails) != 0 {
				t.Errorf("part = %q from %q, details %s", p.TicketState, p.PreviousTicketState, p.EventDetails)
			}
		}},
		{"event details of its own kept", func(tk *Ticket) {
			tk.TicketParts.Parts[0].EventDetails = json.RawMessage(`{"value":{"name":"Resolved"}}`)
		}, func(t *testing.T, c *Conversation) {
			if got := string(c.ConversationParts.Parts[0].EventDetails); got != `{"value":{"name":"Resolved"}}` {
				t.Errorf("event details = %s", got)
			}
		}},
		{"no contacts", func(tk *Ticket) {
			tk.Contacts = ContactList{}
			tk.TicketAttributes["_default_description_"] = json.RawMessage(`"Hello"`)
		}, func(t *testing.T, c *Conversation) {
			if c.Source.Author != (Author{}) {
				t.Errorf("opening author = %+v", c.Source.Author)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := readTicket(t, "ticket-2.16.json")
			tt.edit(tk)
			tt.check(t, tk.AsConversation())
		})
	}
}

// ticketSearch answers POST /tickets/search with the tickets {id, ticket_id}.
func ticketSearch(pairs ...[2]string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		var items []map[string]any
		for _, p := range pairs {
			items = append(items, map[string]any{"type": "ticket", "id": p[0], "ticket_id": p[1]})
		}
		b, _ := json.Marshal(map[string]any{"type": "ticket.list", "total_count": len(items), "tickets": items})
		rateHeaders(w, 100)
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}
}

func TestFindTicket(t *testing.T) {
	notFound := fixture(http.StatusNotFound, "error-404-not-found.json")
	tests := []struct {
		name     string
		answers  []answer
		wantID   ID
		wantErr  int // the status of the error, 0 for none
		wantReqs []string
	}{
		{"the internal id", []answer{testdata(200, "ticket-2.16.json")}, "631", 0,
			[]string{"GET /tickets/38"}},
		{"the inbox's ticket_id", []answer{notFound, ticketSearch([2]string{"631", "38"}), testdata(200, "ticket-2.16.json")}, "631", 0,
			[]string{"GET /tickets/38", "POST /tickets/search", "GET /tickets/631"}},
		{"neither", []answer{notFound, ticketSearch()}, "", 404,
			[]string{"GET /tickets/38", "POST /tickets/search"}},
		{"a search answering another ticket", []answer{notFound, ticketSearch([2]string{"5", "380"})}, "", 404,
			[]string{"GET /tickets/38", "POST /tickets/search"}},
		{"a search refused", []answer{notFound, raw(400, "application/json", `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"bad field"}]}`)}, "", 404,
			[]string{"GET /tickets/38", "POST /tickets/search"}},
		{"another error is not searched", []answer{fixture(http.StatusForbidden, "error-403-api-plan-restricted.json")}, "", 403,
			[]string{"GET /tickets/38"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reqs []string
			var search map[string]any
			srv, _ := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				reqs = append(reqs, r.Method+" "+r.URL.Path)
				if r.Method == http.MethodPost {
					b, _ := io.ReadAll(r.Body)
					_ = json.Unmarshal(b, &search)
				}
				sequence(tt.answers...)(t, w, r, n)
			})
			tk, err := testClient(srv, &fakeSleep{}).FindTicket(context.Background(), "38")
			var ae *Error
			switch {
			case tt.wantErr == 0 && err != nil:
				t.Fatal(err)
			case tt.wantErr != 0 && (!errors.As(err, &ae) || ae.Status != tt.wantErr):
				t.Fatalf("err = %v, want status %d", err, tt.wantErr)
			case tt.wantErr == 0 && tk.ID != tt.wantID:
				t.Errorf("ticket %q, want %q", tk.ID, tt.wantID)
			}
			if !slices.Equal(reqs, tt.wantReqs) {
				t.Errorf("requests = %q, want %q", reqs, tt.wantReqs)
			}
			if search != nil {
				got, _ := json.Marshal(search)
				if want := `{"pagination":{"per_page":1},"query":{"field":"ticket_id","operator":"=","value":"38"}}`; string(got) != want {
					t.Errorf("search = %s, want %s", got, want)
				}
			}
		})
	}
}
