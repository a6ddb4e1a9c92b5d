package render

import (
	"cmp"
	"strings"
	"time"

	"github.com/convo-cli/convo/api"
)

// transcript is the conversation's items less what o leaves out: notes
// with NoNotes; events, and the line of what a message also changed, with
// NoEvents; with Public both, unrecognised parts (convo cannot vouch the
// customer saw them), authors' ids and email addresses, and parts' tags,
// apps and email headers. Text, Markdown
// and JSON all print this.
func (o Options) transcript(c *api.Conversation) []Item {
	items := Items(c, o.Names)
	noNotes, noEvents := o.NoNotes || o.Public, o.NoEvents || o.Public
	out := make([]Item, 0, len(items))
	for _, it := range items {
		switch {
		case it.Kind == KindNote && noNotes,
			it.Kind == KindEvent && noEvents,
			it.Kind == KindUnrecognised && o.Public:
			continue
		}
		if noEvents {
			it.Event, it.Until = "", time.Time{}
		}
		if o.Public {
			// Tags and the app are the team's; email headers may hold a
			// BCC the customer never saw.
			it.AuthorID, it.AuthorEmail = "", ""
			it.Tags, it.Via, it.Email = nil, "", nil
		}
		out = append(out, it)
	}
	return out
}

// viewNotice says what printed output left out, "" when nothing. The
// public view's line is safe to forward: it says what the document is,
// not what it hides.
func (o Options) viewNotice() string {
	switch {
	case o.Public:
		return "Public view: customer-visible messages only"
	case o.NoNotes && o.NoEvents:
		return "Internal notes and events left out"
	case o.NoNotes:
		return "Internal notes left out"
	case o.NoEvents:
		return "Events left out"
	}
	return ""
}

// publicDetails are the details a customer may see: when the conversation
// started, and its ticket's id and status when it is a customer ticket
// (back-office and tracker tickets are the team's own). Everything else in
// the details panel (state, priority, assignees, contacts, tags, SLA, the
// AI agent, ratings, statistics, custom attributes, links, the source) is
// left out.
func publicDetails(c *api.Conversation, o Options) []Section {
	var r rows
	r.addTime("Created", c.CreatedAt, ToneNormal, o)
	if t := c.Ticket; t != nil && strings.EqualFold(t.Category, "customer") {
		r.addID("Ticket", string(cmp.Or(t.TicketID, t.ID)), ToneNormal)
		// The workspace's label for customers, else Messenger's own.
		st := t.State()
		r.add("Ticket status", cmp.Or(oneLine(st.ExternalLabel), ticketStatuses[st.Category]), ToneNormal)
	}
	if len(r) == 0 {
		return nil
	}
	return []Section{{"Conversation", r}}
}

// ticketStatuses are the labels Intercom's Messenger shows the customer
// for a ticket's state; a state not listed is not shown.
var ticketStatuses = map[string]string{
	"submitted":           "Submitted",
	"in_progress":         "In progress",
	"waiting_on_customer": "Waiting on you",
	"resolved":            "Resolved",
}

// stamp is t as printed output writes it, "2026-11-23 08:12 CET", or as
// the screen does, "Mon 23 Nov 08:12"; "" for the zero time.
func (o Options) stamp(t time.Time) string {
	if o.printed {
		return formatPrinted(t, o.Loc)
	}
	return FormatTime(t, o.Loc, o.now())
}

// eventText is it.EventText with the end of a snooze as o writes times.
func (o Options) eventText(it Item) string {
	if it.Until.IsZero() || it.Event == "" {
		return it.Event
	}
	return it.Event + " until " + o.stamp(it.Until)
}

// eventStamp is an event's time: always the full stamp in printed output;
// on the screen "14:05" on the previous item's day, else the date too.
func (o Options) eventStamp(it Item) string {
	if o.printed {
		return formatPrinted(it.Time, o.Loc)
	}
	return eventStamp(it, o.Loc, o.now())
}
