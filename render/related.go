package render

import (
	"errors"
	"strconv"

	"github.com/convo-cli/convo/api"
)

// Related is what is around a conversation, for --related: the contact's
// other conversations (the first page of a search, newest first) and its
// side conversations. Each is nil when not asked for: the API version has
// no side conversations, or the conversation came from a file. Linked
// objects come from the conversation itself.
type Related struct {
	Conversations *RelatedList[api.ConversationSummary]
	Sides         *RelatedList[api.SideConversation]
}

// RelatedList is one request's answer: its items and how many there are
// in all, or why there are none. Err is the request's failure; a refusal
// for want of a scope is worded by the scope (see Missing).
type RelatedList[T any] struct {
	Items []T
	Total int
	Err   error
}

// Missing is the OAuth scope whose lack made the API refuse the list (a
// 403), "" for any other answer.
func (l *RelatedList[T]) Missing() string {
	var ae *api.Error
	if l == nil || !errors.As(l.Err, &ae) || ae.Status != 403 {
		return ""
	}
	return ae.Scope
}

// problem is the list's failure in a line: "missing the read_tickets
// scope", or the error; "" for none.
func (l *RelatedList[T]) problem() string {
	switch {
	case l == nil || l.Err == nil:
		return ""
	case l.Missing() != "":
		return "missing the " + l.Missing() + " scope"
	}
	return api.SanitizeLine(l.Err.Error())
}

type (
	jsonRelated struct {
		Linked        []jsonRelatedLinked `json:"linked"`
		Conversations *jsonRelatedList    `json:"conversations"`
		Sides         *jsonRelatedList    `json:"side_conversations"`
	}
	jsonRelatedLinked struct {
		Kind     string  `json:"kind"`
		ID       string  `json:"id"`
		Category *string `json:"category"`
	}
	// jsonRelatedList is a list, or what kept it from being one.
	jsonRelatedList struct {
		Items        []jsonRelatedItem `json:"items"`
		TotalCount   int               `json:"total_count"`
		MissingScope *string           `json:"missing_scope"`
		Error        *string           `json:"error"`
	}
	jsonRelatedItem struct {
		ID        string  `json:"id"`
		Title     string  `json:"title"`
		State     *string `json:"state"`
		UpdatedAt *string `json:"updated_at"`
		Parts     *int    `json:"parts,omitempty"` // side conversations only
	}
)

// jsonRelatedOf is json's "related", nil unless o asks for it.
func jsonRelatedOf(c *api.Conversation, o Options) *jsonRelated {
	r := o.Related
	if r == nil {
		return nil
	}
	out := &jsonRelated{Linked: []jsonRelatedLinked{}}
	for _, l := range c.LinkedObjects.Data {
		out.Linked = append(out.Linked, jsonRelatedLinked{Kind: l.Type, ID: string(l.ID), Category: opt(l.Category)})
	}
	if l := r.Conversations; l != nil {
		out.Conversations = jsonListOf(l)
		for _, s := range l.Items {
			out.Conversations.Items = append(out.Conversations.Items, jsonRelatedItem{
				ID: string(s.ID), Title: summaryTitle(s), State: opt(s.State), UpdatedAt: stamp(s.UpdatedAt.Time(), o.Loc),
			})
		}
	}
	if l := r.Sides; l != nil {
		out.Sides = jsonListOf(l)
		for _, s := range l.Items {
			n := len(s.Parts)
			out.Sides.Items = append(out.Sides.Items, jsonRelatedItem{
				ID: string(s.ID), Title: sideTitle(s), UpdatedAt: stamp(sideUpdated(s).Time(), o.Loc), Parts: &n,
			})
		}
	}
	return out
}

func jsonListOf[T any](l *RelatedList[T]) *jsonRelatedList {
	out := &jsonRelatedList{Items: []jsonRelatedItem{}, TotalCount: l.Total, MissingScope: opt(l.Missing())}
	if l.Missing() == "" {
		out.Error = opt(l.problem())
	}
	return out
}

// summaryTitle is a listed conversation's title, else its first line.
func summaryTitle(s api.ConversationSummary) string {
	if s.Title != "" {
		return s.Title
	}
	if s.Snippet != "" {
		return s.Snippet
	}
	return "Conversation " + string(s.ID)
}

// sideTitle is the first line of a side conversation's first message.
func sideTitle(s api.SideConversation) string {
	for _, p := range s.Parts {
		if line := api.FirstLine(p.Body); line != "" {
			return line
		}
	}
	return "Side conversation " + string(s.ID)
}

// sideUpdated is when the side conversation's last part was written.
func sideUpdated(s api.SideConversation) api.Time {
	var t api.Time
	for _, p := range s.Parts {
		t = max(t, p.CreatedAt)
	}
	return t
}

// otherRows lists the contact's other conversations in printed text:
// "#123: title · closed · 2026-11-23 08:12 CET".
func otherRows(o Options) []Row {
	if o.Related == nil || o.Related.Conversations == nil {
		return nil
	}
	l := o.Related.Conversations
	var r rows
	for _, s := range l.Items {
		r.add("#"+string(s.ID), joinNonEmpty(" · ", summaryTitle(s), s.State, formatPrinted(s.UpdatedAt.Time(), o.Loc)), ToneNormal)
	}
	return relatedTail(r, l.Total, len(l.Items), l.problem())
}

// sideRows lists the side conversations in printed text.
func sideRows(o Options) []Row {
	if o.Related == nil || o.Related.Sides == nil {
		return nil
	}
	l := o.Related.Sides
	var r rows
	for _, s := range l.Items {
		parts := strconv.Itoa(len(s.Parts)) + " messages"
		if len(s.Parts) == 1 {
			parts = "1 message"
		}
		r.add("#"+string(s.ID), joinNonEmpty(" · ", sideTitle(s), parts, formatPrinted(sideUpdated(s).Time(), o.Loc)), ToneNormal)
	}
	return relatedTail(r, l.Total, len(l.Items), l.problem())
}

// relatedTail ends a list with how many more there are, what kept it
// empty, or "none".
func relatedTail(r rows, total, shown int, problem string) []Row {
	switch {
	case problem != "":
		r.add("Unavailable", problem, ToneDim)
	case shown == 0:
		r.add("None", "none found", ToneDim)
	case total > shown:
		r.add("More", strconv.Itoa(total-shown)+" not listed", ToneDim)
	}
	return r
}
