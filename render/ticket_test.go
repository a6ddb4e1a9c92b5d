package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// readTicket is a GET /tickets/{id} answer in testdata/ticket, as a
// conversation: 2.11 and 2.16 examples of Intercom's OpenAPI, and the
// 2.16 one with a description, assignees, links and more parts.
func readTicket(t *testing.T, name string) *api.Conversation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ticket", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var tk api.Ticket
	if err := json.Unmarshal(b, &tk); err != nil {
		t.Fatal(err)
	}
	api.Clean(&tk, nil)
	return tk.AsConversation()
}

var ticketFixtures = []string{"ticket-2.11", "ticket-2.16", "ticket-described"}

// TestGoldenTickets pins a ticket's text, Markdown and JSON output.
func TestGoldenTickets(t *testing.T) {
	for _, name := range ticketFixtures {
		for _, f := range formats {
			t.Run(name+"."+f.ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.write(&b, readTicket(t, name), testOptions()); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", "golden", name+"."+f.ext), b.Bytes())
			})
		}
	}
}

// TestTicketNamedATicket: every printed format says it is a ticket, by
// the number the Inbox shows, and makes no conversation link of its id.
func TestTicketNamedATicket(t *testing.T) {
	c := readTicket(t, "ticket-described")
	o := testOptions()
	o.Names = &Names{AppID: "abc123", Region: "us"}
	tests := []struct {
		write func(*bytes.Buffer) error
		want  string
	}{
		{func(b *bytes.Buffer) error { return WriteText(b, c, o) }, "Ticket 38 · Printer on fire\nid 631 · closed\n"},
		{func(b *bytes.Buffer) error { return WriteMarkdown(b, c, o) }, "# Ticket 38 · Printer on fire\n"},
		{func(b *bytes.Buffer) error { return WriteJSON(b, c, o) }, "  \"type\": \"ticket\",\n  \"id\": \"631\",\n  \"title\": \"Printer on fire\",\n  \"web_link\": null,"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := tt.write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("output lacks %q:\n%s", tt.want, b.String())
		}
		if strings.Contains(b.String(), "intercom.com") || strings.Contains(b.String(), "Conversation\n") {
			t.Errorf("a ticket printed as a conversation:\n%s", b.String())
		}
	}
	// A conversation is still one.
	var b bytes.Buffer
	if err := WriteJSON(&b, api.Demo(), o); err != nil || !strings.Contains(b.String(), `"type": "conversation"`) {
		t.Errorf("the demo's JSON lacks its type (%v)", err)
	}
}

// TestTicketDetails: the ticket's own section leads, with its type and
// its state's labels, and comes once.
func TestTicketDetails(t *testing.T) {
	secs := Details(readTicket(t, "ticket-described"), testOptions())
	var titles []string
	for _, s := range secs {
		titles = append(titles, s.Title)
	}
	if got := strings.Join(titles, ","); got != "Ticket,Assignee,Contacts,Teammates,Linked" {
		t.Errorf("sections = %s", got)
	}
	var rows []string
	for _, r := range secs[0].Rows {
		rows = append(rows, r.Label+"="+r.Value)
	}
	want := "ID=38,Title=Printer on fire,Type=my-ticket-type-30,Category=Back-office,State=Submitted"
	if got := strings.Join(rows, ","); !strings.HasPrefix(got, want) || !strings.Contains(got, "Created=") {
		t.Errorf("ticket rows = %s, want %s…, Created…", got, want)
	}
}
