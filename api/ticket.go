package api

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"slices"
	"strings"
)

// AsConversation is the ticket shaped as a conversation, so that
// everything that shows or prints one shows a ticket: its title, its
// description as the opening message (written by the first contact, if
// any; none without a description), its parts (state changes read as events), contacts, assignees,
// linked objects and times, open or closed, and Ticket set to t for the
// details' Ticket section. Type is "ticket" and ID the ticket's own id.
func (t *Ticket) AsConversation() *Conversation {
	c := &Conversation{
		Type:            string(KindTicket),
		ID:              t.ID,
		Title:           t.Title(),
		CreatedAt:       t.CreatedAt,
		UpdatedAt:       t.UpdatedAt,
		Open:            t.Open,
		State:           "closed",
		AdminAssigneeID: t.AdminAssigneeID,
		TeamAssigneeID:  t.TeamAssigneeID,
		Contacts:        t.Contacts,
		LinkedObjects:   t.LinkedObjects,
		Ticket:          t,
	}
	if t.Open {
		c.State = "open"
	}
	// Without a description there is no opening message, not an empty one.
	c.Source = Source{Body: descriptionHTML(t.Description())}
	if cs := t.Contacts.Contacts; len(cs) > 0 && c.Source.Body != "" {
		c.Source.Author = Author{Type: "contact", ID: cs[0].ID}
	}
	c.ConversationParts = PartList{Type: "conversation_part.list", TotalCount: t.TicketParts.TotalCount,
		Parts: slices.Clone(t.TicketParts.Parts)}
	// Admins who wrote a part, as a conversation's teammates list them.
	seen := map[ID]bool{}
	for _, p := range c.ConversationParts.Parts {
		if a := p.Author; a.Type == "admin" && a.ID.Set() && !seen[a.ID] {
			seen[a.ID] = true
			c.Teammates.Teammates = append(c.Teammates.Teammates, Ref{Type: "admin", ID: a.ID})
		}
	}
	return c
}

// descriptionHTML is the description, plain text that may run over
// several lines, as the HTML a body is: escaped, a paragraph for each
// stretch between blank lines, its line breaks kept.
func descriptionHTML(s string) string {
	var b strings.Builder
	for para := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		lines := strings.Split(strings.Trim(para, "\n"), "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	return b.String()
}

// FindTicket fetches a ticket by either of its ids. GET /tickets/{id}
// takes the internal id, while the Inbox shows ticket_id; when the first
// is not found, one POST /tickets/search on ticket_id finds the internal
// id of the ticket the Inbox numbers so. A search that finds nothing, or
// that the API refuses, leaves the first 404 as the answer.
func (c *Client) FindTicket(ctx context.Context, id string) (*Ticket, error) {
	t, err := c.Ticket(ctx, id)
	var ae *Error
	if err == nil || !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		return t, err
	}
	internal, serr := c.ticketByNumber(ctx, id)
	if serr != nil || internal == "" || internal == ID(id) {
		return nil, err
	}
	return c.Ticket(ctx, string(internal))
}

// ticketByNumber is the internal id of the ticket whose ticket_id is
// number, "" when none is: POST /tickets/search, the query Intercom's
// OpenAPI describes, on one field.
func (c *Client) ticketByNumber(ctx context.Context, number string) (ID, error) {
	body, err := json.Marshal(map[string]any{
		"query":      map[string]string{"field": "ticket_id", "operator": "=", "value": number},
		"pagination": map[string]int{"per_page": 1},
	})
	if err != nil {
		return "", err
	}
	var list struct {
		Tickets []Ticket `json:"tickets"`
	}
	rq := request{method: http.MethodPost, path: "/tickets/search", what: "the ticket", body: body, onWait: c.OnWait, scope: ScopeReadTickets}
	if err := c.send(ctx, rq, object(&list, "ticket.list", c.scrubber())); err != nil {
		return "", err
	}
	for _, t := range list.Tickets {
		if t.TicketID == ID(number) && t.ID.Set() {
			return t.ID, nil
		}
	}
	return "", nil
}
