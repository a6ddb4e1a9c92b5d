package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/convo-cli/convo/api"
)

// Details lists the details panel's sections in a fixed order, leaving out
// those the conversation has nothing for: Conversation, Assignee,
// Contacts, Company, Teammates, Tags, Topics, SLA, AI agent, Sales agent,
// Rating, QA, Statistics, Custom attributes, Linked, Source, Ticket. People are named where the
// conversation's own parts name them, else where o.Names' look-ups do
// (with an admin's away mode, a contact's role, companies and location),
// else by id, with a dim "Names: unavailable (403)" row when a look-up
// failed; times are absolute in o.Loc with a relative "3h ago" from o.Now,
// or only relative with o.Relative. With o.Public it is publicDetails.
func Details(c *api.Conversation, o Options) []Section {
	if o.Public {
		return publicDetails(c, o)
	}
	p := newPeople(c).with(o.Names)
	all := []Section{
		{"Conversation", conversationRows(c, o)},
		{"Assignee", assigneeRows(c, p)},
		{"Contacts", contactRows(c, p)},
		{"Company", companyRows(c)},
		{"Teammates", teammateRows(c, p)},
		{"Tags", tagRows(c)},
		{"Topics", topicRows(c)},
		{"SLA", slaRows(c)},
		{"AI agent", aiRows(c, o)},
		{"Sales agent", salesAgentRows(c)},
		{"Rating", ratingRows(c, p, o)},
		{"QA", qaRows(c)},
		{"Statistics", statisticsRows(c, p, o)},
		{"Custom attributes", keyedRows(c.CustomAttributes)},
		{"Linked", linkedRows(c)},
		{"Other conversations", otherRows(o)},
		{"Side conversations", sideRows(o)},
		{"Source", sourceRows(c)},
		{"Ticket", ticketRows(c)},
	}
	if IsTicket(c) {
		// A ticket's own section leads, with its times: its open or
		// closed is in the header, and it has no read or priority.
		all[0] = Section{"Ticket", append(ticketRows(c), ticketTimeRows(c, o)...)}
		all = all[:len(all)-1]
	}
	return slices.DeleteFunc(all, func(s Section) bool { return len(s.Rows) == 0 })
}

// rows collects rows, skipping those with nothing to say.
type rows []Row

func (r *rows) add(label, value string, tone Tone) {
	if value != "" {
		*r = append(*r, Row{Label: label, Value: value, Tone: tone})
	}
}

// addID adds a row whose value is an identifier (see Row.ID).
func (r *rows) addID(label, id string, tone Tone) {
	if id != "" {
		*r = append(*r, Row{Label: label, Value: id, Tone: tone, ID: true})
	}
}

// addTime adds a row for a time, with its shorter forms (see timeForms);
// none for an absent time.
func (r *rows) addTime(label string, t api.Time, tone Tone, o Options) {
	if forms := timeForms(t, o); len(forms) > 0 {
		*r = append(*r, Row{Label: label, Value: forms[0], Tone: tone, Shorter: forms[1:]})
	}
}

// timeForms are the ways to write a time, longest first: "Mon 23 Nov
// 08:12 · 4d ago", "23 Nov 08:12 · 4d ago", "Mon 23 Nov 08:12", "23 Nov
// 08:12", "23 Nov", so that the panel shows the most that fits one line;
// with o.Relative only "4d ago"; nil for an absent time. Printed output
// says "2026-11-24 14:02 CET": a relative time would be wrong by the
// time anyone reads it.
func timeForms(t api.Time, o Options) []string {
	if t.IsZero() {
		return nil
	}
	if o.printed {
		return []string{formatPrinted(t.Time(), o.Loc)}
	}
	now := o.now()
	rel := FormatRelative(t.Time(), now)
	if o.Relative && rel != "" {
		return []string{rel}
	}
	abs := FormatTime(t.Time(), o.Loc, now)
	if abs == invalidTime {
		return []string{abs}
	}
	_, date, _ := strings.Cut(abs, " ") // without the weekday
	day := date[:strings.LastIndexByte(date, ' ')]
	if rel == "" {
		return []string{abs, date, day}
	}
	return []string{abs + " · " + rel, date + " · " + rel, abs, date, day}
}

func conversationRows(c *api.Conversation, o Options) []Row {
	var r rows
	state := c.State
	r.add("State", state, map[string]Tone{"open": ToneGood, "snoozed": ToneWarn, "closed": ToneDim}[state])
	if c.State != "" { // API 1.x payloads say nothing about read
		r.add("Read", map[bool]string{true: "read", false: "unread"}[c.Read], ToneNormal)
	}
	r.addPriority(c.Priority)
	r.addTime("Created", c.CreatedAt, ToneNormal, o)
	r.addTime("Updated", c.UpdatedAt, ToneNormal, o)
	r.addTime("Waiting since", c.WaitingSince, ToneWarn, o)
	r.addTime("Snoozed until", c.SnoozedUntil, ToneNormal, o)
	return r
}

func ticketTimeRows(c *api.Conversation, o Options) []Row {
	var r rows
	r.addTime("Created", c.CreatedAt, ToneNormal, o)
	r.addTime("Updated", c.UpdatedAt, ToneNormal, o)
	return r
}

func assigneeRows(c *api.Conversation, p *people) []Row {
	var r rows
	why := ""
	if id := c.AdminAssigneeID; id.Set() {
		r.add("Admin", p.adminLabel(id), ToneNormal)
		if !p.namedAdmin(id) {
			why = p.names.Failed(api.LookupAdmins)
		}
	}
	if id := c.TeamAssigneeID; id.Set() {
		r.add("Team", p.team(id), ToneNormal)
		if !p.namedTeam(id) && why == "" {
			why = p.names.Failed(api.LookupTeams)
		}
	}
	if why != "" {
		r = append(r, hint(why))
	}
	return r
}

// ContactsListed is how many of a conversation's contacts the details list,
// the first ones: those the look-ups name (api.ContactLookupLimit). A row
// says how many more there are; the JSON output lists them all.
const ContactsListed = api.ContactLookupLimit

func contactRows(c *api.Conversation, p *people) []Row {
	var r rows
	why := ""
	refs := c.Contacts.Contacts
	if len(refs) > ContactsListed {
		refs = refs[:ContactsListed]
	}
	for _, ref := range refs {
		id := string(ref.ID)
		who := p.contacts[id]
		more, _ := p.names.contact(id)
		if who.name != "" {
			r.add("Contact", who.name, ToneNormal)
		} else {
			r.addID("Contact", id, ToneNormal)
			if why == "" {
				why = p.names.whyContact(id)
			}
		}
		r.add("Email", who.email, ToneNormal)
		r.add("Role", words(more.role), ToneNormal)
		r.add("Company", strings.Join(more.companies, ", "), ToneNormal)
		r.add("Location", more.location, ToneNormal)
		if who.name != "" {
			r.addID("ID", id, ToneDim)
		}
		r.addID("External ID", ref.ExternalID, ToneDim)
	}
	if more := len(c.Contacts.Contacts) - len(refs); more > 0 {
		r.add("Contact", "+"+FormatCount(more)+" more "+plural(more, "contact", "contacts"), ToneDim)
	}
	if why != "" {
		r = append(r, hint(why))
	}
	return r
}

func teammateRows(c *api.Conversation, p *people) []Row {
	var r rows
	why := ""
	for _, ref := range c.Teammates.Teammates {
		if ref.ID != "" {
			r.add("Teammate", p.adminLabel(ref.ID), ToneNormal)
			if !p.namedAdmin(ref.ID) && why == "" {
				why = p.names.Failed(api.LookupAdmins)
			}
		}
	}
	if why != "" {
		r = append(r, hint(why))
	}
	return r
}

func tagRows(c *api.Conversation) []Row {
	var r rows
	for _, t := range c.Tags.Tags {
		r.add("Tag", t.Name, ToneNormal)
	}
	return r
}

func slaRows(c *api.Conversation) []Row {
	s := c.SLAApplied
	if s == nil {
		return nil
	}
	var r rows
	r.add("Name", s.Name, ToneNormal)
	switch status := s.Status; status {
	case "hit":
		r.add("Status", "hit", ToneGood)
	case "missed":
		r.add("Status", "missed", ToneBad)
	case "active":
		r.add("Status", "active", ToneWarn)
	case "", "cancelled":
		// Intercom sends null once any SLA event was cancelled.
		r.add("Status", "cancelled", ToneDim)
	default:
		r.add("Status", words(status), ToneNormal)
	}
	return r
}

// worded is how a value of the API reads in the details, and its tone.
type worded struct {
	text string
	tone Tone
}

// resolutions words the AI agent's resolution states, old and new.
var resolutions = map[string]worded{
	"assumed_resolution":   {"assumed resolved", ToneNormal},
	"confirmed_resolution": {"confirmed resolved", ToneGood},
	"routed_to_team":       {"routed to a team", ToneWarn},
	"escalated":            {"escalated to a teammate", ToneWarn},
	"abandoned":            {"abandoned by the customer", ToneBad},
	"negative_feedback":    {"negative feedback", ToneBad},
	"procedure_handoff":    {"handed off to a procedure", ToneNormal},
}

func aiRows(c *api.Conversation, o Options) []Row {
	a := c.AIAgent
	if a == nil && !c.AIAgentParticipated {
		return nil
	}
	var r rows
	r.add("Participated", map[bool]string{true: "yes", false: "no"}[c.AIAgentParticipated], ToneNormal)
	if a == nil {
		return r
	}
	r.add("Source", joinNonEmpty(" · ", words(a.SourceType), a.SourceTitle), ToneNormal)
	r.add("Last answer", answerType(a.LastAnswerType), ToneNormal)
	if res, ok := resolutions[a.ResolutionState]; ok {
		r.add("Resolution", res.text, res.tone)
	} else {
		r.add("Resolution", words(a.ResolutionState), ToneNormal)
	}
	if a.Rating != nil {
		r.add("Rating", joinNonEmpty(" · ", stars(*a.Rating), oneLine(a.RatingRemark)), ratingTone(*a.Rating))
	} else {
		r.add("Remark", oneLine(a.RatingRemark), ToneNormal)
	}
	for _, cs := range a.ContentSources.ContentSources {
		r.add("Content", joinNonEmpty(" · ", cs.Title, words(cs.ContentType)), ToneNormal)
	}
	r.addTime("Started", a.CreatedAt, ToneNormal, o)
	if a.UpdatedAt != a.CreatedAt {
		r.addTime("Updated", a.UpdatedAt, ToneNormal, o)
	}
	return r
}

func ratingRows(c *api.Conversation, p *people, o Options) []Row {
	rt := c.ConversationRating
	if rt == nil || (rt.Rating == 0 && rt.Remark == "" && rt.CreatedAt.IsZero()) {
		return nil // API 1.x sends a rating whose fields are all null
	}
	var r rows
	if rt.Rating > 0 {
		r.add("Rating", stars(rt.Rating), ratingTone(rt.Rating))
	}
	r.add("Remark", oneLine(rt.Remark), ToneNormal)
	if rt.Contact != nil && rt.Contact.ID != "" {
		r.add("By", p.contactName(rt.Contact.ID), ToneNormal)
	}
	if rt.Teammate != nil && rt.Teammate.ID.Set() {
		r.add("Teammate", p.admin(rt.Teammate.ID), ToneNormal)
	}
	r.addTime("Rated", rt.CreatedAt, ToneNormal, o)
	if rt.UpdatedAt != rt.CreatedAt {
		r.addTime("Changed", rt.UpdatedAt, ToneNormal, o)
	}
	return r
}

// answerType words the AI agent's last answer type.
func answerType(t string) string {
	switch t {
	case "ai_answer":
		return "AI answer"
	case "custom_answer":
		return "custom answer"
	}
	return words(t)
}

// stars is a 1-5 rating as "★★★★☆ 4/5".
func stars(n int) string {
	if n < 1 || n > 5 {
		return strconv.Itoa(n)
	}
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) + " " + strconv.Itoa(n) + "/5"
}

func ratingTone(n int) Tone {
	switch {
	case n >= 4:
		return ToneGood
	case n == 3:
		return ToneWarn
	case n > 0:
		return ToneBad
	}
	return ToneNormal
}

func statisticsRows(c *api.Conversation, p *people, o Options) []Row {
	s := c.Statistics
	if s == nil {
		return nil
	}
	var r rows
	r.addDuration("First response", s.TimeToAdminReply)
	r.addDuration("Median reply", s.MedianTimeToReply)
	r.addDuration("Time to assignment", s.TimeToAssignment)
	r.addDuration("Team first response", s.AssignedTeamFirstResponseTime)
	// Each team's times follow the overall one, under a label of their
	// own: the team's name is in the value, where it may wrap.
	r.addTeamTimes("Team first response", s.AssignedTeamFirstResponseTimeByTeam, p)
	r.addTeamTimes("Office-hours response", s.AssignedTeamFirstResponseTimeInOfficeHours, p)
	r.addDuration("Time to first close", s.TimeToFirstClose)
	r.addDuration("Time to last close", s.TimeToLastClose)
	r.addDuration("Handling time", s.HandlingTime)
	r.addDuration("Adjusted handling time", s.AdjustedHandlingTime)
	r.addTime("Last customer reply", s.LastContactReplyAt, ToneNormal, o)
	r.addTime("Last teammate reply", s.LastAdminReplyAt, ToneNormal, o)
	r.addTime("First closed", s.FirstCloseAt, ToneNormal, o)
	if s.LastCloseAt != s.FirstCloseAt {
		r.addTime("Last closed", s.LastCloseAt, ToneNormal, o)
	}
	r.add("Parts", strconv.Itoa(s.CountConversationParts), ToneNormal)
	r.add("Assignments", strconv.Itoa(s.CountAssignments), ToneNormal)
	r.add("Reopens", strconv.Itoa(s.CountReopens), ToneNormal)
	if s.LastClosedByID.Set() {
		r.add("Last closed by", p.admin(s.LastClosedByID), ToneNormal)
	}
	return r
}

// addDuration adds a row for a span Intercom measured, if it did.
func (r *rows) addDuration(label string, d *api.Duration) {
	if d != nil {
		r.add(label, FormatDuration(d.Std()), ToneNormal)
	}
}

// addTeamTimes adds a row per assigned team with a response time: "1h
// 11m · Tier 1 Support".
func (r *rows) addTeamTimes(label string, times []api.TeamResponseTime, p *people) {
	for _, t := range times {
		if t.ResponseTime != nil {
			r.add(label, FormatDuration(t.ResponseTime.Std())+" · "+p.team(t.TeamID), ToneNormal)
		}
	}
}

func linkedRows(c *api.Conversation) []Row {
	var r rows
	for _, l := range c.LinkedObjects.Data {
		label := "Linked"
		switch strings.ToLower(l.Type) {
		case "ticket":
			label = "Ticket"
		case "conversation":
			label = "Conversation"
		}
		if l.Category == "" {
			r.addID(label, string(l.ID), ToneNormal)
		} else {
			r.add(label, joinNonEmpty(" · ", string(l.ID), l.Category), ToneNormal)
		}
	}
	if more := c.LinkedObjects.TotalCount - len(c.LinkedObjects.Data); c.LinkedObjects.HasMore && more > 0 {
		r.add("More", strconv.Itoa(more)+" not listed", ToneDim)
	}
	return append(r, externalRows(c)...)
}

func sourceRows(c *api.Conversation) []Row {
	s := c.Source
	var r rows
	r.add("Channel", channelText(c), ToneNormal)
	r.add("Delivered as", words(s.DeliveredAs), ToneNormal)
	r.add("Subject", firstLine(s.Subject), ToneNormal)
	r.add("URL", SafeURL(s.URL), ToneNormal)
	return append(r, recipientRows(s)...)
}

func ticketRows(c *api.Conversation) []Row {
	t := c.Ticket
	if t == nil {
		return nil
	}
	var r rows
	r.addID("ID", string(cmp.Or(t.TicketID, t.ID)), ToneNormal)
	r.add("Title", t.Title(), ToneNormal)
	if t.TicketType != nil {
		r.add("Type", t.TicketType.Name, ToneNormal)
	}
	r.add("Category", t.Category, ToneNormal)
	return append(r, ticketStateRows(t)...)
}

// joinNonEmpty joins the non-empty strings with sep.
func joinNonEmpty(sep string, ss ...string) string {
	return strings.Join(slices.DeleteFunc(ss, func(s string) bool { return s == "" }), sep)
}

// now is o.Now, or the wall clock when the caller left it zero.
func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}
