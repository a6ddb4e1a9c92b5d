package render

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/convo-cli/convo/api"
)

// titleWidth is how many cells a title made from a subject or message keeps;
// a header has little room and a whole paragraph is not a title.
const titleWidth = 80

// Summarize is what the header shows. The title is the conversation's
// title, else the first line of its subject, else the first line of the
// opening message, cut to 80 cells; else "Conversation <id>" ("Ticket
// <number>" for a ticket).
func Summarize(c *api.Conversation) Summary {
	s := Summary{
		Title:    title(c),
		ID:       string(c.ID),
		State:    c.State,
		Until:    c.SnoozedUntil.Time(),
		Priority: isPriority(c.Priority),
		Shown:    len(c.ConversationParts.Parts),
		Total:    c.PartsTotal(),
	}
	if IsTicket(c) {
		s.Ticket = "Ticket " + ticketNumber(c)
	}
	return s
}

// IsTicket reports whether c is a ticket shaped as a conversation (see
// api.Ticket.AsConversation), not a conversation.
func IsTicket(c *api.Conversation) bool {
	return c.Type == string(api.KindTicket) && c.Ticket != nil
}

// ticketNumber is the ticket's number as the Inbox shows it, else its id.
func ticketNumber(c *api.Conversation) string {
	return string(cmp.Or(c.Ticket.TicketID, c.Ticket.ID, c.ID))
}

func title(c *api.Conversation) string {
	t := c.Title
	if t == "" {
		t = firstLine(c.Source.Subject)
	}
	if t == "" && !c.Source.Redacted {
		t = firstLine(c.Source.Body)
	}
	if t == "" && IsTicket(c) {
		return "Ticket " + ticketNumber(c)
	}
	if t == "" {
		return "Conversation " + string(c.ID)
	}
	return ansi.Truncate(t, titleWidth, "…")
}

// isPriority reads both priority schemes: "priority"/"not_priority" (2.11)
// and "none".."urgent" (2.16).
func isPriority(p string) bool {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "priority", "high", "urgent":
		return true
	}
	return false
}

// Notice says when older parts are missing, and is "" otherwise: when the
// API left them out, "showing the 500 most recent of 812 parts"; when
// convo dropped them beyond api.MaxParts, "convo kept only the newest
// 10,000 of the 1,000,000 parts in the response", with "(the conversation
// has 1,200,000)" when the response did not have them all either.
func Notice(c *api.Conversation) string {
	kept, received, total := len(c.ConversationParts.Parts), c.PartsReceived(), c.PartsTotal()
	switch {
	case received > kept:
		n := fmt.Sprintf("convo kept only the newest %s of the %s parts in the response", FormatCount(kept), FormatCount(received))
		if total > received {
			n += " (the conversation has " + FormatCount(total) + ")"
		}
		return n
	case total > kept:
		return fmt.Sprintf("showing the %s most recent of %s parts", FormatCount(kept), FormatCount(total))
	}
	return ""
}
