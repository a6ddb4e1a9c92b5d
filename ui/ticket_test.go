package ui

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// A ticket on screen is named by the number the Inbox shows, in the
// header and the window title, and gets no conversation link.
func TestTicketOnScreen(t *testing.T) {
	tk := &api.Ticket{
		Type: "ticket", ID: "631", TicketID: "38", Open: true,
		TicketAttributes: map[string]json.RawMessage{"_default_title_": json.RawMessage(`"Printer on fire"`)},
	}
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return tk.AsConversation(), nil }
	o.AppID, o.Region = "abc123", "us"
	d := newDriver(t, o)
	d.size(100, 30)
	if head := d.lines()[0]; !strings.Contains(head, "Printer on fire") || !strings.Contains(head, "Ticket 38") || strings.Contains(head, "#631") {
		t.Errorf("header = %q, want the title and Ticket 38", head)
	}
	if title := d.m.View().WindowTitle; title != "convo Ticket 38 Printer on fire" {
		t.Errorf("window title = %q", title)
	}
	if link := d.m.webLink(); link != "" {
		t.Errorf("a ticket got the conversation link %q", link)
	}
}
