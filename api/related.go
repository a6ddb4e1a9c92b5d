package api

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The reading around one conversation: the customer's other conversations
// (POST /conversations/search), a linked ticket (GET /tickets/{id}) and the
// side conversations (GET /conversations/{id}/side_conversations, 2.16+).
// They share fetch's retries and waits; onWait, when not nil, is told of
// each wait instead of Client.OnWait.

// The scopes the docs list for these endpoints, named in an *Error's Scope
// when a 403 does not say which is missing.
const (
	ScopeReadConversations = "read_conversations"
	ScopeReadTickets       = "read_tickets"
)

// Search limits: Intercom's per_page ceiling, and the filters one group of
// a query may hold.
const (
	DefaultPerPage = 20
	MaxPerPage     = 150
	MaxSearchGroup = 15
	sidePerPage    = 25 // Intercom's default; 50 at most
)

// ConversationSummary is one conversation of a search: what a list shows,
// every string clean.
type ConversationSummary struct {
	ID        ID
	Title     string
	Snippet   string // the first line of the opening message, plain text
	State     string // open, closed or snoozed
	Open      bool
	Read      bool
	Priority  string
	CreatedAt Time
	UpdatedAt Time
	Ticket    *Ticket // when the conversation is a ticket
}

// ConversationPage is one page of a search, most recently updated first.
// Next is the cursor of the page after it, empty on the last.
type ConversationPage struct {
	Conversations []ConversationSummary
	TotalCount    int
	Next          string
}

// SearchConversations lists the conversations of any of contactIDs, but
// exclude, a page of perPage (0 is DefaultPerPage) from the cursor
// startingAfter (empty for the first). Intercom defines no order: the page
// is sorted by updated_at, newest first. Only the first MaxSearchGroup
// contacts are asked about, the most one query group holds.
func (c *Client) SearchConversations(ctx context.Context, contactIDs []string, exclude ID, startingAfter string, perPage int) (*ConversationPage, error) {
	body, err := searchBody(contactIDs, exclude, startingAfter, perPage)
	if err != nil {
		return nil, err
	}
	var list struct {
		Type          string         `json:"type"`
		TotalCount    int            `json:"total_count"`
		Conversations []Conversation `json:"conversations"`
		Pages         struct {
			Next json.RawMessage `json:"next"`
		} `json:"pages"`
	}
	rq := request{method: http.MethodPost, path: "/conversations/search", what: "the customer's conversations", body: body, onWait: c.OnWait, scope: ScopeReadConversations}
	if err := c.send(ctx, rq, object(&list, "conversation.list", c.scrubber())); err != nil {
		return nil, err
	}
	page := &ConversationPage{TotalCount: list.TotalCount, Next: cursor(list.Pages.Next)}
	for _, conv := range list.Conversations {
		if conv.ID == "" || conv.ID == exclude {
			continue
		}
		page.Conversations = append(page.Conversations, summary(&conv))
	}
	slices.SortStableFunc(page.Conversations, func(a, b ConversationSummary) int { return cmp.Compare(b.UpdatedAt, a.UpdatedAt) })
	return page, nil
}

// searchBody is the query: contact_ids = any of ids, and id != exclude.
func searchBody(ids []string, exclude ID, startingAfter string, perPage int) ([]byte, error) {
	type filter struct {
		Field    string `json:"field,omitempty"`
		Operator string `json:"operator"`
		Value    any    `json:"value"`
	}
	var contacts []any
	for _, id := range ids {
		if id != "" && len(contacts) < MaxSearchGroup {
			contacts = append(contacts, filter{Field: "contact_ids", Operator: "=", Value: id})
		}
	}
	if len(contacts) == 0 {
		return nil, errors.New("no contact to search the conversations of")
	}
	var query any = filter{Operator: "OR", Value: contacts}
	if len(contacts) == 1 {
		query = contacts[0]
	}
	if exclude != "" {
		query = filter{Operator: "AND", Value: []any{query, filter{Field: "id", Operator: "!=", Value: string(exclude)}}}
	}
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	pagination := map[string]any{"per_page": min(perPage, MaxPerPage)}
	if startingAfter != "" {
		pagination["starting_after"] = startingAfter
	}
	return json.Marshal(map[string]any{"query": query, "pagination": pagination})
}

// cursor reads pages.next: an object with starting_after (2.x), or a
// string. Clean has been through it already.
func cursor(next json.RawMessage) string {
	var obj struct {
		StartingAfter string `json:"starting_after"`
	}
	var s string
	if json.Unmarshal(next, &obj) == nil {
		s = obj.StartingAfter
	} else if json.Unmarshal(next, &s) != nil {
		return ""
	}
	return s
}

// summary keeps what a list of conversations shows.
func summary(conv *Conversation) ConversationSummary {
	return ConversationSummary{
		ID: conv.ID, Title: oneLine(conv.Title), Snippet: FirstLine(conv.Source.Body),
		State: conv.State, Open: conv.Open, Read: conv.Read, Priority: conv.Priority,
		CreatedAt: conv.CreatedAt, UpdatedAt: conv.UpdatedAt, Ticket: conv.Ticket,
	}
}

var (
	lineBreak = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|h[1-6]|blockquote|pre|tr)\s*>`)
	tag       = regexp.MustCompile(`<[^>]*>`)
)

// FirstLine is the first line with text of an HTML body, as plain text on
// one line: tags dropped, entities decoded, and what they decoded to
// sanitised again.
func FirstLine(body string) string {
	text := tag.ReplaceAllString(lineBreak.ReplaceAllString(body, "\n"), "")
	for line := range strings.SplitSeq(html.UnescapeString(text), "\n") {
		if line = SanitizeLine(line); strings.TrimSpace(line) != "" {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	return ""
}

// Ticket fetches a ticket by its id, the internal one a linked object
// names, not the Inbox's ticket_id (GET /tickets/{id}). A 403 without the
// read_tickets scope is an *Error with Scope set.
func (c *Client) Ticket(ctx context.Context, id string) (*Ticket, error) {
	if id == "" {
		return nil, errors.New("no ticket id")
	}
	var t Ticket
	rq := request{method: http.MethodGet, path: "/tickets/" + url.PathEscape(id), what: "the ticket", onWait: c.OnWait, scope: ScopeReadTickets}
	if err := c.send(ctx, rq, object(&t, "ticket", c.scrubber())); err != nil {
		return nil, err
	}
	if t.ID == "" {
		return nil, errors.New("not a ticket: it has no id")
	}
	return &t, nil
}

// Description is the ticket's description: the _default_description_
// attribute, when it is a string; it may run over several lines.
func (t *Ticket) Description() string {
	var s string
	if json.Unmarshal(t.TicketAttributes["_default_description_"], &s) != nil {
		return ""
	}
	return s
}

// SideConversation is a side conversation of a conversation (2.16+): a
// thread teammates had with someone else about it, its parts oldest first.
type SideConversation struct {
	ID         ID     `json:"side_conversation_id"`
	Parts      []Part `json:"conversation_parts"`
	TotalCount int    `json:"total_count"`
}

// SideConversations lists a conversation's side conversations, the first
// page of 25. Only API 2.16 and later have them: see HasSideConversations.
func (c *Client) SideConversations(ctx context.Context, conversationID string) ([]SideConversation, error) {
	if conversationID == "" {
		return nil, errors.New("no conversation id")
	}
	if !c.HasSideConversations() {
		return nil, errors.New("side conversations need Intercom API version 2.16 or later")
	}
	var list struct {
		SideConversations []SideConversation `json:"side_conversations"`
	}
	rq := request{
		method: http.MethodGet, path: "/conversations/" + url.PathEscape(conversationID) + "/side_conversations",
		query: "page=1&per_page=" + strconv.Itoa(sidePerPage), what: "the side conversations", onWait: c.OnWait, scope: ScopeReadConversations,
	}
	if err := c.send(ctx, rq, object(&list, "side_conversation.list", c.scrubber())); err != nil {
		return nil, err
	}
	sides := list.SideConversations[:0]
	for _, s := range list.SideConversations {
		if s.ID != "" {
			sides = append(sides, s)
		}
	}
	return sides, nil
}

// HasSideConversations reports whether the client's API version has
// GET /conversations/{id}/side_conversations: 2.16 and later, and Unstable.
func (c *Client) HasSideConversations() bool {
	v := cmp.Or(c.Version, DefaultVersion)
	if strings.EqualFold(v, "unstable") {
		return true
	}
	major, minor, ok := strings.Cut(v, ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if !ok || err1 != nil || err2 != nil {
		return false
	}
	return ma > 2 || ma == 2 && mi >= 16
}
