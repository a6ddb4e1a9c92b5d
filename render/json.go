package render

import (
	"cmp"
	"encoding/json"
	"io"
	"time"

	"github.com/convo-cli/convo/api"
)

// SchemaVersion is the version of the JSON output's schema; it changes
// only when a field is removed or changes meaning (README.md, "JSON
// schema"). 2: bodies without quoted email history, authors known only
// by id named as the panel names them.
const SchemaVersion = 2

// The JSON output's schema. Field order is the struct order; every key is
// always present (null when absent), so jq filters need no guards. Times
// are RFC 3339 in the chosen time zone (null when out of range), durations
// are whole seconds.
type (
	jsonConversation struct {
		SchemaVersion    int                        `json:"schema_version"`
		Type             string                     `json:"type"` // conversation or ticket
		ID               string                     `json:"id"`
		Title            string                     `json:"title"`
		WebLink          *string                    `json:"web_link"`
		State            string                     `json:"state"`
		Open             bool                       `json:"open"`
		Read             bool                       `json:"read"`
		Priority         bool                       `json:"priority"`
		PriorityLevel    *string                    `json:"priority_level"`
		CreatedAt        *string                    `json:"created_at"`
		UpdatedAt        *string                    `json:"updated_at"`
		WaitingSince     *string                    `json:"waiting_since"`
		SnoozedUntil     *string                    `json:"snoozed_until"`
		Assignee         jsonAssignee               `json:"assignee"`
		Contacts         []jsonContact              `json:"contacts"`
		Teammates        []jsonPerson               `json:"teammates"`
		Tags             []jsonTag                  `json:"tags"`
		SLA              *jsonSLA                   `json:"sla"`
		AIAgent          *jsonAIAgent               `json:"ai_agent"`
		Rating           *jsonRating                `json:"rating"`
		Statistics       *jsonStatistics            `json:"statistics"`
		CustomAttributes map[string]json.RawMessage `json:"custom_attributes"`
		LinkedObjects    []jsonLinked               `json:"linked_objects"`
		Related          *jsonRelated               `json:"related"` // null unless asked (--related)
		// Fields of later API versions (see context_json.go).
		Ticket             *jsonTicket     `json:"ticket"`
		Company            *jsonCompany    `json:"company"`
		Channel            *jsonChannel    `json:"channel"`
		ExternalReferences []jsonExternal  `json:"external_references"`
		SalesAgent         *jsonSalesAgent `json:"sales_agent"`
		Scorecards         []jsonScorecard `json:"scorecards"`
		MonitorEvaluations []jsonMonitor   `json:"monitor_evaluations"`
		AITopics           []jsonTopic     `json:"ai_topics"`
		Source             jsonSource      `json:"source"`
		PartsShown         int             `json:"parts_shown"`
		PartsTotal         int             `json:"parts_total"`
		Truncated          bool            `json:"truncated"`
		View               jsonView        `json:"view"`
		Parts              []jsonPart      `json:"parts"`
	}
	jsonView struct {
		Public bool `json:"public"`
		Notes  bool `json:"notes"`
		Events bool `json:"events"`
	}
	jsonAssignee struct {
		AdminID   *string `json:"admin_id"`
		AdminName *string `json:"admin_name"`
		TeamID    *string `json:"team_id"`
		TeamName  *string `json:"team_name"`
	}
	jsonContact struct {
		ID         string   `json:"id"`
		ExternalID *string  `json:"external_id"`
		Name       *string  `json:"name"`
		Email      *string  `json:"email"`
		Role       *string  `json:"role"`
		Location   *string  `json:"location"`
		Companies  []string `json:"companies"`
	}
	jsonPerson struct {
		ID   string  `json:"id"`
		Name *string `json:"name"`
	}
	jsonTag struct {
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		AppliedAt *string `json:"applied_at"`
	}
	jsonSLA struct {
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	jsonAIAgent struct {
		Participated    bool                `json:"participated"`
		SourceType      *string             `json:"source_type"`
		SourceTitle     *string             `json:"source_title"`
		LastAnswerType  *string             `json:"last_answer_type"`
		ResolutionState *string             `json:"resolution_state"`
		Rating          *int                `json:"rating"`
		RatingRemark    *string             `json:"rating_remark"`
		ContentSources  []jsonContentSource `json:"content_sources"`
		CreatedAt       *string             `json:"created_at"`
		UpdatedAt       *string             `json:"updated_at"`
	}
	jsonContentSource struct {
		Type   string `json:"type"`
		Title  string `json:"title"`
		URL    string `json:"url"`
		Locale string `json:"locale"`
	}
	jsonRating struct {
		Rating     int     `json:"rating"`
		Remark     *string `json:"remark"`
		CreatedAt  *string `json:"created_at"`
		UpdatedAt  *string `json:"updated_at"`
		ContactID  *string `json:"contact_id"`
		TeammateID *string `json:"teammate_id"`
	}
	jsonStatistics struct {
		TimeToAssignment     *int64         `json:"time_to_assignment"`
		TimeToAdminReply     *int64         `json:"time_to_admin_reply"`
		TimeToFirstClose     *int64         `json:"time_to_first_close"`
		TimeToLastClose      *int64         `json:"time_to_last_close"`
		MedianTimeToReply    *int64         `json:"median_time_to_reply"`
		HandlingTime         *int64         `json:"handling_time"`
		AdjustedHandlingTime *int64         `json:"adjusted_handling_time"`
		TeamFirstResponse    []jsonTeamTime `json:"team_first_response"`
		// TeamFirstResponseInOfficeHours counts only the teams' office hours.
		TeamFirstResponseInOfficeHours []jsonTeamTime `json:"team_first_response_in_office_hours"`
		FirstContactReplyAt            *string        `json:"first_contact_reply_at"`
		FirstAssignmentAt              *string        `json:"first_assignment_at"`
		FirstAdminReplyAt              *string        `json:"first_admin_reply_at"`
		FirstCloseAt                   *string        `json:"first_close_at"`
		LastAssignmentAt               *string        `json:"last_assignment_at"`
		LastAssignmentAdminReplyAt     *string        `json:"last_assignment_admin_reply_at"`
		LastContactReplyAt             *string        `json:"last_contact_reply_at"`
		LastAdminReplyAt               *string        `json:"last_admin_reply_at"`
		LastCloseAt                    *string        `json:"last_close_at"`
		LastClosedByID                 *string        `json:"last_closed_by_id"`
		LastClosedByName               *string        `json:"last_closed_by_name"`
		CountReopens                   int            `json:"count_reopens"`
		CountAssignments               int            `json:"count_assignments"`
		CountConversationParts         int            `json:"count_conversation_parts"`
	}
	jsonTeamTime struct {
		TeamID   string  `json:"team_id"`
		TeamName *string `json:"team_name"`
		Seconds  *int64  `json:"seconds"`
	}
	jsonLinked struct {
		Type     string  `json:"type"`
		ID       string  `json:"id"`
		Category *string `json:"category"`
	}
	jsonSource struct {
		Type        *string `json:"type"`
		DeliveredAs *string `json:"delivered_as"`
		Subject     *string `json:"subject"`
		URL         *string `json:"url"`
		// Recipients and ReplyTo come with email conversations (2.16+).
		Recipients []jsonRecipient `json:"recipients"`
		ReplyTo    []jsonRecipient `json:"reply_to"`
	}
	jsonPart struct {
		Index       int              `json:"index"`
		ID          string           `json:"id"`
		Kind        string           `json:"kind"`
		PartType    string           `json:"part_type"`
		Role        string           `json:"role"`
		Author      jsonAuthor       `json:"author"`
		CreatedAt   *string          `json:"created_at"`
		Body        string           `json:"body"`
		QuotedLines int              `json:"quoted_lines"`
		Event       *string          `json:"event"`
		Redacted    bool             `json:"redacted"`
		Attachments []jsonAttachment `json:"attachments"`
		// Since API 2.13: what parts carry beyond the 2.11 schema.
		Tags             []string          `json:"tags"`
		AppPackageCode   *string           `json:"app_package_code"`
		Email            *jsonEmail        `json:"email"`
		State            *string           `json:"state"`
		QuickReplyChosen *string           `json:"quick_reply_chosen"`
		OriginalLanguage *string           `json:"original_language"`
		Translations     map[string]string `json:"translations"`
	}
	jsonAuthor struct {
		Type        string  `json:"type"`
		ID          *string `json:"id"`
		Name        string  `json:"name"`
		Email       *string `json:"email"`
		FromAIAgent bool    `json:"from_ai_agent"`
		IsAIAnswer  bool    `json:"is_ai_answer"`
	}
	jsonEmail struct {
		Subject   *string            `json:"subject"`
		MessageID *string            `json:"message_id"`
		Addresses []jsonEmailAddress `json:"addresses"`
	}
	jsonEmailAddress struct {
		Type    string  `json:"type"`
		Name    *string `json:"name"`
		Address *string `json:"address"`
	}
	jsonAttachment struct {
		Name        string  `json:"name"`
		URL         *string `json:"url"`
		ContentType *string `json:"content_type"`
		Size        *int64  `json:"size"`
	}
)

// WriteJSON prints the conversation in convo's normalised JSON schema (see
// the README): its metadata, then every item with a plain-text body, less
// what o leaves out (see publicJSON). Output is indented two spaces and
// ends with a newline.
func WriteJSON(w io.Writer, c *api.Conversation, o Options) error {
	o.printed = true
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // bodies and URLs stay readable
	return enc.Encode(buildJSON(c, o))
}

func buildJSON(c *api.Conversation, o Options) jsonConversation {
	p := newPeople(c).with(o.Names)
	s := Summarize(c)
	ts := func(t api.Time) *string { return stamp(t.Time(), o.Loc) }
	doc := jsonConversation{
		SchemaVersion:    SchemaVersion,
		Type:             string(api.KindConversation),
		ID:               s.ID,
		Title:            s.Title,
		WebLink:          opt(o.Names.LinkTo(c)),
		State:            s.State,
		Open:             c.Open,
		Read:             c.Read,
		Priority:         s.Priority,
		PriorityLevel:    opt(c.Priority),
		CreatedAt:        ts(c.CreatedAt),
		UpdatedAt:        ts(c.UpdatedAt),
		WaitingSince:     ts(c.WaitingSince),
		SnoozedUntil:     ts(c.SnoozedUntil),
		Assignee:         jsonAssigneeOf(c, p),
		Contacts:         []jsonContact{},
		Teammates:        []jsonPerson{},
		Tags:             []jsonTag{},
		AIAgent:          jsonAIAgentOf(c, o),
		Rating:           jsonRatingOf(c, o),
		Statistics:       jsonStatisticsOf(c, p, o),
		CustomAttributes: jsonValues(c.CustomAttributes),
		LinkedObjects:    []jsonLinked{},
		// Fields of later API versions.
		Ticket:             jsonTicketOf(c),
		Company:            jsonCompanyOf(c),
		Channel:            jsonChannelOf(c),
		ExternalReferences: jsonExternalsOf(c),
		SalesAgent:         jsonSalesAgentOf(c),
		Scorecards:         jsonScorecardsOf(c, p, o),
		MonitorEvaluations: jsonMonitorsOf(c, o),
		AITopics:           jsonTopicsOf(c),
		Source: jsonSource{
			Type:        opt(c.Source.Type),
			DeliveredAs: opt(c.Source.DeliveredAs),
			Subject:     opt(firstLine(c.Source.Subject)),
			URL:         opt(SafeURL(c.Source.URL)),
			Recipients:  jsonRecipientsOf(c.Source.Recipients),
			ReplyTo:     jsonRecipientsOf(c.Source.ReplyTo),
		},
		PartsShown: s.Shown,
		PartsTotal: s.Total,
		Truncated:  c.Truncated(),
		View: jsonView{
			Public: o.Public,
			Notes:  !o.NoNotes && !o.Public,
			Events: !o.NoEvents && !o.Public,
		},
	}
	if IsTicket(c) {
		doc.Type = string(api.KindTicket)
	}
	for _, ref := range c.Contacts.Contacts {
		id := string(ref.ID)
		who := p.contacts[id]
		more, _ := o.Names.contact(id)
		doc.Contacts = append(doc.Contacts, jsonContact{
			ID: id, ExternalID: opt(ref.ExternalID), Name: opt(who.name), Email: opt(who.email),
			Role: opt(more.role), Location: opt(more.location), Companies: append([]string{}, more.companies...),
		})
	}
	for _, ref := range c.Teammates.Teammates {
		id := string(ref.ID)
		doc.Teammates = append(doc.Teammates, jsonPerson{ID: id, Name: opt(p.staff[id])})
	}
	for _, t := range c.Tags.Tags {
		doc.Tags = append(doc.Tags, jsonTag{ID: string(t.ID), Name: t.Name, AppliedAt: ts(t.AppliedAt)})
	}
	if sla := c.SLAApplied; sla != nil {
		doc.SLA = &jsonSLA{Name: sla.Name, Status: cmp.Or(sla.Status, "cancelled")}
	}
	for _, l := range c.LinkedObjects.Data {
		doc.LinkedObjects = append(doc.LinkedObjects, jsonLinked{
			Type: l.Type, ID: string(l.ID), Category: opt(l.Category),
		})
	}
	for _, it := range o.transcript(c) {
		doc.Parts = append(doc.Parts, jsonPartOf(it, o))
	}
	if doc.Parts == nil {
		doc.Parts = []jsonPart{}
	}
	doc.Related = jsonRelatedOf(c, o)
	if o.Public {
		publicJSON(&doc)
	}
	return doc
}

func jsonAssigneeOf(c *api.Conversation, p *people) jsonAssignee {
	var a jsonAssignee
	if c.AdminAssigneeID.Set() {
		id := string(c.AdminAssigneeID)
		a.AdminID, a.AdminName = &id, opt(p.staff[id])
	}
	if c.TeamAssigneeID.Set() {
		id := string(c.TeamAssigneeID)
		a.TeamID, a.TeamName = &id, opt(p.teams[id])
	}
	return a
}

func jsonAIAgentOf(c *api.Conversation, o Options) *jsonAIAgent {
	a := c.AIAgent
	if a == nil && !c.AIAgentParticipated {
		return nil
	}
	out := &jsonAIAgent{Participated: c.AIAgentParticipated, ContentSources: []jsonContentSource{}}
	if a == nil {
		return out
	}
	out.SourceType = opt(a.SourceType)
	out.SourceTitle = opt(a.SourceTitle)
	out.LastAnswerType = opt(a.LastAnswerType)
	out.ResolutionState = opt(a.ResolutionState)
	out.Rating = a.Rating
	out.RatingRemark = opt(a.RatingRemark)
	out.CreatedAt = stamp(a.CreatedAt.Time(), o.Loc)
	out.UpdatedAt = stamp(a.UpdatedAt.Time(), o.Loc)
	for _, cs := range a.ContentSources.ContentSources {
		out.ContentSources = append(out.ContentSources, jsonContentSource{
			// The URL is Intercom-relative ("/fin-ai-agent/content?…"), not a
			// link anyone can follow from here, so it is sanitised, not vetted.
			Type: cs.ContentType, Title: cs.Title,
			URL: cs.URL, Locale: cs.Locale,
		})
	}
	return out
}

func jsonRatingOf(c *api.Conversation, o Options) *jsonRating {
	rt := c.ConversationRating
	if rt == nil || (rt.Rating == 0 && rt.Remark == "" && rt.CreatedAt.IsZero()) {
		return nil
	}
	out := &jsonRating{Rating: rt.Rating, Remark: opt(rt.Remark), CreatedAt: stamp(rt.CreatedAt.Time(), o.Loc),
		UpdatedAt: stamp(rt.UpdatedAt.Time(), o.Loc)}
	if rt.Contact != nil {
		out.ContactID = opt(string(rt.Contact.ID))
	}
	if rt.Teammate != nil {
		out.TeammateID = opt(string(rt.Teammate.ID))
	}
	return out
}

func jsonStatisticsOf(c *api.Conversation, p *people, o Options) *jsonStatistics {
	s := c.Statistics
	if s == nil {
		return nil
	}
	ts := func(t api.Time) *string { return stamp(t.Time(), o.Loc) }
	out := &jsonStatistics{
		TimeToAssignment:               seconds(s.TimeToAssignment),
		TimeToAdminReply:               seconds(s.TimeToAdminReply),
		TimeToFirstClose:               seconds(s.TimeToFirstClose),
		TimeToLastClose:                seconds(s.TimeToLastClose),
		MedianTimeToReply:              seconds(s.MedianTimeToReply),
		HandlingTime:                   seconds(s.HandlingTime),
		AdjustedHandlingTime:           seconds(s.AdjustedHandlingTime),
		TeamFirstResponse:              jsonTeamTimes(s.AssignedTeamFirstResponseTimeByTeam, p),
		TeamFirstResponseInOfficeHours: jsonTeamTimes(s.AssignedTeamFirstResponseTimeInOfficeHours, p),
		FirstContactReplyAt:            ts(s.FirstContactReplyAt),
		FirstAssignmentAt:              ts(s.FirstAssignmentAt),
		FirstAdminReplyAt:              ts(s.FirstAdminReplyAt),
		FirstCloseAt:                   ts(s.FirstCloseAt),
		LastAssignmentAt:               ts(s.LastAssignmentAt),
		LastAssignmentAdminReplyAt:     ts(s.LastAssignmentAdminReplyAt),
		LastContactReplyAt:             ts(s.LastContactReplyAt),
		LastAdminReplyAt:               ts(s.LastAdminReplyAt),
		LastCloseAt:                    ts(s.LastCloseAt),
		CountReopens:                   s.CountReopens,
		CountAssignments:               s.CountAssignments,
		CountConversationParts:         s.CountConversationParts,
	}
	if s.LastClosedByID.Set() {
		id := string(s.LastClosedByID)
		out.LastClosedByID, out.LastClosedByName = &id, opt(p.staff[id])
	}
	return out
}

// jsonTeamTimes are the teams' response times, never nil.
func jsonTeamTimes(times []api.TeamResponseTime, p *people) []jsonTeamTime {
	out := []jsonTeamTime{}
	for _, t := range times {
		id := string(t.TeamID)
		out = append(out, jsonTeamTime{TeamID: id, TeamName: opt(p.teams[id]), Seconds: seconds(t.ResponseTime)})
	}
	return out
}

// seconds is a duration in whole seconds, or nil.
func seconds(d *api.Duration) *int64 {
	if d == nil {
		return nil
	}
	n := int64(*d)
	return &n
}

func jsonPartOf(it Item, o Options) jsonPart {
	out := jsonPart{
		Index:       it.Index,
		ID:          it.ID,
		Kind:        it.Kind.String(),
		PartType:    it.PartType,
		Role:        it.Role.Name(),
		Author:      jsonAuthor{Type: it.AuthorType, ID: opt(it.AuthorID), Name: it.Author, Email: opt(it.AuthorEmail)},
		CreatedAt:   stamp(it.Time, o.Loc),
		Event:       opt(o.eventText(it)),
		Redacted:    it.Redacted,
		Attachments: []jsonAttachment{},
	}
	out.Author.FromAIAgent, out.Author.IsAIAnswer = it.FromAIAgent, it.IsAIAnswer
	out.Tags, out.AppPackageCode = append([]string{}, it.Tags...), opt(it.Via)
	out.Email, out.State = jsonEmailOf(it.Email), opt(it.State)
	out.QuickReplyChosen = opt(it.QuickReplyChosen)
	out.OriginalLanguage, out.Translations = opt(it.Original), map[string]string{}
	if !it.Redacted {
		var text string
		text, out.QuotedLines = splitFor(it, o.Quoted)
		out.Body = PlainBody(text, 0)
		for lang, html := range it.Translations {
			out.Translations[lang] = PlainBody(html, 0)
		}
	}
	for _, a := range it.Attachments {
		ja := jsonAttachment{Name: a.Name, URL: opt(a.URL), ContentType: opt(a.ContentType)}
		if a.Size > 0 {
			size := a.Size
			ja.Size = &size
		}
		out.Attachments = append(out.Attachments, ja)
	}
	return out
}

func jsonEmailOf(e *Email) *jsonEmail {
	if e == nil {
		return nil
	}
	out := &jsonEmail{Subject: opt(e.Subject), MessageID: opt(e.MessageID), Addresses: []jsonEmailAddress{}}
	for _, a := range e.Addresses {
		out.Addresses = append(out.Addresses, jsonEmailAddress{Type: a.Type, Name: opt(a.Name), Address: opt(a.Address)})
	}
	return out
}

// stamp is t as RFC 3339 in loc, or nil for the zero time and for a time
// out of range (see validTime), which has no RFC 3339 form: null keeps the
// field a string or null, as jq filters expect.
func stamp(t time.Time, loc *time.Location) *string {
	if t.IsZero() || !validTime(t) {
		return nil
	}
	s := t.In(orLocal(loc)).Format(time.RFC3339)
	return &s
}

// opt is s, or nil when s is empty.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
