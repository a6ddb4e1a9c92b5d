package render

import (
	"cmp"
	"strings"
	"time"

	"github.com/convo-cli/convo/api"
)

// Items lists the transcript: the opening message (Index 0, PartType
// "source", at the conversation's created_at), then every part in order.
// A part with a body (or attachments) is a message, or a note when it is
// internal; a part without one is an event with a one-line summary. A part
// that both says something and changes state (a reply that closes, say)
// is a message whose Event says what changed. Unknown part types are shown
// plainly, never an error. Every string is sanitised except HTML. Names,
// if not nil, names the authors and the people in events that the
// conversation itself leaves as ids ("assigned to admin 7301188").
func Items(c *api.Conversation, names *Names) []Item {
	p := newPeople(c).with(names)
	items := make([]Item, 0, 1+len(c.ConversationParts.Parts))
	if hasSource(c.Source) {
		items = append(items, sourceItem(c, p))
	}
	parts := c.ConversationParts.Parts
	var last time.Time // the latest known time: parts without one skip it
	if len(items) > 0 {
		last = items[0].Time
	}
	for i := range parts {
		it := partItem(c, i, p)
		it.Prev = last
		if !it.Time.IsZero() {
			last = it.Time
		}
		items = append(items, it)
	}
	return items
}

// hasSource reports whether the response carries an opening message at
// all: some (the Unstable "with QA evaluations" example) have none.
func hasSource(s api.Source) bool {
	return s.Body != "" || s.ID != "" || s.Author.Type != "" || len(s.Attachments) > 0
}

func sourceItem(c *api.Conversation, p *people) Item {
	s := c.Source
	return Item{
		Index:       0,
		ID:          string(s.ID),
		Kind:        KindMessage,
		Role:        roleOf(s.Author),
		PartType:    "source",
		Author:      p.authorName(s.Author),
		AuthorEmail: s.Author.Email,
		AuthorType:  s.Author.Type,
		AuthorID:    string(s.Author.ID),
		Time:        c.CreatedAt.Time(),
		HTML:        withHistory(s.Body, s.EmailMessageMetadata),
		Attachments: attachments(s.Attachments),
		Redacted:    s.Redacted,
		FromAIAgent: s.Author.FromAIAgent,
		IsAIAnswer:  s.Author.IsAIAnswer,
		Email:       sourceEmail(s.EmailMessageMetadata),
	}
}

// withHistory puts back the quoted mail Intercom split off the opening
// message (2.16's email_message_metadata.history) as a Gmail quote at its
// end, where it folds like the history of any reply.
func withHistory(body string, m *api.SourceEmailMetadata) string {
	if m == nil || !hasText(m.History) {
		return body
	}
	return body + `<div class="gmail_quote">` + m.History + `</div>`
}

// sourceEmail is the opening message's email headers, if any.
func sourceEmail(m *api.SourceEmailMetadata) *Email {
	if m == nil {
		return nil
	}
	return emailOf(&m.EmailMetadata)
}

func partItem(c *api.Conversation, i int, p *people) Item {
	part := c.ConversationParts.Parts[i]
	it := Item{
		Index:       i + 1,
		ID:          string(part.ID),
		PartType:    part.PartType,
		Role:        roleOf(part.Author),
		Author:      p.authorName(part.Author),
		AuthorEmail: part.Author.Email,
		AuthorType:  part.Author.Type,
		AuthorID:    string(part.Author.ID),
		Time:        part.CreatedAt.Time(),
		HTML:        part.Body,
		Attachments: attachments(part.Attachments),
		Redacted:    part.Redacted,
	}
	addMeta(&it, c.ConversationParts.Parts, i)
	ev := describe(c, i, p, it.Author)
	chose := ""
	if it.QuickReplyChosen != "" {
		chose = oneLine(it.Author + " chose “" + it.QuickReplyChosen + "”")
	}
	vis := visibilityOf(part.PartType)
	switch {
	case vis != boilerplate && (part.Redacted || hasText(part.Body) || len(it.Attachments) > 0):
		it.Kind = KindMessage
		switch vis {
		case internal:
			it.Kind = KindNote
		case unrecognised:
			it.Kind = KindUnrecognised
		}
		if changesState(part.PartType) || offersQuickReplies(part) {
			it.Event, it.Until = ev.text, ev.until
		}
		if it.QuickReplyChosen != "" { // the header names who
			it.Event = withNews(it.Event, "chose the quick reply “"+it.QuickReplyChosen+"”")
		}
	default:
		it.Kind = KindEvent
		it.HTML, it.Translations = "", nil
		it.Event, it.Until = ev.text, ev.until
		if chose != "" && !changesState(part.PartType) {
			it.Event = chose // rather than "Maya: quick reply"
		} else {
			it.Event = withNews(it.Event, chose)
		}
	}
	it.Event = withNews(it.Event, stateNews(c.ConversationParts.Parts, i))
	return it
}

// addMeta puts what parts carry since 2.13 on part i's item: the author's
// AI flags, tags, app, email headers, state, quick reply and translations.
func addMeta(it *Item, parts []api.Part, i int) {
	part := parts[i]
	it.FromAIAgent, it.IsAIAnswer = part.Author.FromAIAgent, part.Author.IsAIAnswer
	it.Tags = tagNames(part.Tags)
	it.Via = api.SanitizeLine(part.AppPackageCode)
	it.Email = emailOf(part.EmailMessageMetadata)
	it.State = api.SanitizeLine(part.State)
	it.QuickReplyChosen = quickReplyChosen(parts, i)
	it.Original, it.Translations = translationsOf(part.Translations)
}

// String is the kind's name in JSON output: message, note or event.
func (k Kind) String() string {
	switch k {
	case KindNote:
		return "note"
	case KindEvent:
		return "event"
	case KindUnrecognised:
		return "unrecognised"
	}
	return "message"
}

// changesState reports the part types whose message also did something
// worth a line of its own: everything but plain replies and notes, and
// types convo does not know, whose badge says what it can.
func changesState(partType string) bool {
	switch partType {
	case "comment", "note", "quick_reply", "":
		return false
	}
	return visibilityOf(partType) != unrecognised
}

// offersQuickReplies reports a quick reply with its buttons: the message
// asks, and the event line lists the answers offered.
func offersQuickReplies(p api.Part) bool {
	return p.PartType == "quick_reply" && p.Metadata != nil && len(p.Metadata.QuickReplyOptions) > 0
}

// roleOf picks the badge for an author. Fin is a bot named Fin or, from
// API 2.14, any author flagged as the AI agent.
func roleOf(a api.Author) Role {
	switch {
	case a.FromAIAgent || a.IsAIAnswer:
		return RoleFin
	}
	switch strings.ToLower(a.Type) {
	case "user", "lead", "contact":
		return RoleCustomer
	case "admin", "team":
		return RoleTeammate
	case "bot":
		if strings.EqualFold(strings.TrimSpace(a.Name), "Fin") {
			return RoleFin
		}
	}
	return RoleBot
}

// attachments sanitises a part's attachments; links other than http, https
// and mailto are dropped, the name stays.
func attachments(in []api.Attachment) []Attachment {
	if len(in) == 0 {
		return nil
	}
	out := make([]Attachment, 0, len(in))
	for _, a := range in {
		url := SafeURL(a.URL)
		name := a.Name
		if name == "" {
			name = "attachment"
		}
		out = append(out, Attachment{
			Name:        name,
			URL:         url,
			Size:        max(a.Filesize, 0),
			ContentType: a.ContentType,
		})
	}
	return out
}

// people names the admins, teams, bots and contacts the conversation's own
// authors (and its statistics, for teams) reveal; the API names nobody
// else in a conversation. with adds what the look-ups found.
type people struct {
	staff    map[string]string // admin and bot ids
	teams    map[string]string // team ids
	contacts map[string]person // contact ids
	names    *Names            // the look-ups, if any (see with)
}

type person struct{ name, email string }

func newPeople(c *api.Conversation) *people {
	p := &people{staff: map[string]string{}, teams: map[string]string{}, contacts: map[string]person{}}
	add := func(a api.Author) {
		id := string(a.ID)
		if id == "" {
			return
		}
		name, email := a.Name, a.Email
		switch strings.ToLower(a.Type) {
		case "user", "lead", "contact":
			if old := p.contacts[id]; old.name == "" || old.email == "" {
				p.contacts[id] = person{name: cmp.Or(old.name, name), email: cmp.Or(old.email, email)}
			}
		case "team":
			if name != "" && p.teams[id] == "" {
				p.teams[id] = name
			}
		default:
			if name != "" && p.staff[id] == "" {
				p.staff[id] = name
			}
		}
	}
	add(c.Source.Author)
	for _, part := range c.ConversationParts.Parts {
		add(part.Author)
	}
	if s := c.Statistics; s != nil {
		for _, t := range append(s.AssignedTeamFirstResponseTimeByTeam, s.AssignedTeamFirstResponseTimeInOfficeHours...) {
			id, name := string(t.TeamID), t.TeamName
			if id != "" && name != "" && p.teams[id] == "" {
				p.teams[id] = name
			}
		}
	}
	return p
}

// authorName is the name to show for an author: their name, else what the
// other parts call them, else their email, else "Unknown".
func (p *people) authorName(a api.Author) string {
	if name := a.Name; name != "" {
		return name
	}
	id := string(a.ID)
	if name := p.staff[id]; name != "" && !isContactType(a.Type) && !strings.EqualFold(a.Type, "team") {
		return name
	}
	if name := p.teams[id]; name != "" && strings.EqualFold(a.Type, "team") {
		return name
	}
	if c := p.contacts[id]; c.name != "" && isContactType(a.Type) {
		return c.name
	}
	return cmp.Or(a.Email, p.byID(a))
}

// byID names an author the conversation gives no name for by type and id,
// the way the details panel does ("admin 724860", "contact 5a1b…"), so the
// transcript and the panel agree on who wrote; "Unknown" without an id.
func (p *people) byID(a api.Author) string {
	switch t := strings.ToLower(a.Type); {
	case a.ID == "":
		return "Unknown"
	case isContactType(t):
		return p.contactName(a.ID)
	case t == "team":
		return p.team(a.ID)
	case t == "admin":
		return p.admin(a.ID)
	case t == "bot":
		return "bot " + oneLine(string(a.ID))
	}
	return "Unknown"
}

// admin names an admin by id: "Sam Lee", else "admin 991267715".
func (p *people) admin(id api.ID) string {
	s := string(id)
	if name := p.staff[s]; name != "" {
		return name
	}
	return "admin " + s
}

// team names a team by id: its name where the conversation gives it, else
// "team 5017691".
func (p *people) team(id api.ID) string {
	s := string(id)
	if name := p.teams[s]; name != "" {
		return name
	}
	return "team " + s
}

func isContactType(t string) bool {
	switch strings.ToLower(t) {
	case "user", "lead", "contact":
		return true
	}
	return false
}
