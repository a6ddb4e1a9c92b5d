package api

// Kind is what convo opens: a conversation or a ticket. Linked objects
// name theirs in their type field.
type Kind string

const (
	KindConversation Kind = "conversation"
	KindTicket       Kind = "ticket"
)
