package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestDemoDecodes(t *testing.T) {
	c := Demo()
	if n := len(c.ConversationParts.Parts); n < 45 || n > 60 {
		t.Errorf("parts: want 45 to 60, got %d", n)
	}
	if c.PartsTotal() != len(c.ConversationParts.Parts) || c.Truncated() {
		t.Errorf("want every part returned, got total %d truncated %v", c.PartsTotal(), c.Truncated())
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"id 215472881029384", c.ID == "215472881029384"},
		{"a title", c.Title == "CSV export fails for late-November invoices"},
		{"open, read, priority", c.State == "open" && c.Open && c.Read && c.Priority == "priority"},
		{"waiting since the last part", c.WaitingSince != 0 && c.WaitingSince == last(c).CreatedAt},
		{"not snoozed now", c.SnoozedUntil.IsZero()},
		{"assigned to Dimitris and Support Engineering", c.AdminAssigneeID == "7301188" && c.TeamAssigneeID == "6120002"},
		{"source", c.Source.Type == "conversation" && c.Source.DeliveredAs == "customer_initiated" &&
			c.Source.Subject != "" && strings.HasPrefix(c.Source.URL, "https://") && c.Source.Author.Type == "user"},
		{"first contact reply", c.FirstContactReply != nil && c.FirstContactReply.CreatedAt == c.CreatedAt},
		{"two contacts with external ids", len(c.Contacts.Contacts) == 2 && c.Contacts.Contacts[0].ExternalID != "" &&
			c.Contacts.Contacts[1].ExternalID != ""},
		{"three teammates", len(c.Teammates.Teammates) == 3},
		{"SLA", c.SLAApplied != nil && c.SLAApplied.Name == "VIP 1h first response" && c.SLAApplied.Status == "missed"},
		{"rating", c.ConversationRating != nil && c.ConversationRating.Rating == 4 && c.ConversationRating.Remark != "" &&
			c.ConversationRating.Teammate != nil && c.ConversationRating.Contact != nil},
		{"linked ticket and conversation", len(c.LinkedObjects.Data) == 2 && c.LinkedObjects.Data[0].Type == "ticket" &&
			c.LinkedObjects.Data[1].Type == "conversation"},
		{"topics present", string(c.Topics) == "{}"},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("want %s, it is missing or wrong", ch.name)
		}
	}
}

// last is the conversation's newest part.
func last(c *Conversation) Part { return c.ConversationParts.Parts[len(c.ConversationParts.Parts)-1] }

func TestDemoHasEveryPartKind(t *testing.T) {
	c := Demo()
	byType := map[string][]Part{}
	for _, p := range c.ConversationParts.Parts {
		byType[p.PartType] = append(byType[p.PartType], p)
	}
	for _, pt := range []string{"comment", "note", "assignment", "default_assignment", "assign_and_reopen", "open",
		"close", "snoozed", "conversation_tags_updated", "conversation_attribute_updated_by_workflow",
		"conversation_attribute_updated_by_admin", "custom_action_started", "custom_action_finished", "quick_reply",
		"participant_added", "language_detection_details", "conversation_sla_target_missed"} {
		if len(byType[pt]) == 0 {
			t.Errorf("want a %s part, found none", pt)
		}
	}
	for _, pt := range []string{"assignment", "default_assignment", "assign_and_reopen"} {
		for _, p := range byType[pt] {
			if p.AssignedTo == nil || p.AssignedTo.ID == "" {
				t.Errorf("%s part %s: want assigned_to, got none", pt, p.ID)
			}
		}
	}
	for _, pt := range []string{"conversation_tags_updated", "conversation_attribute_updated_by_admin",
		"custom_action_started", "custom_action_finished", "snoozed"} {
		for _, p := range byType[pt] {
			if len(p.EventDetails) < 3 || string(p.EventDetails) == "null" {
				t.Errorf("%s part %s: want event_details, got %s", pt, p.ID, p.EventDetails)
			}
		}
	}
	for _, p := range byType["conversation_tags_updated"] {
		if len(p.Tags) == 0 {
			t.Errorf("tag part %s: want its tags, got none", p.ID)
		}
	}
	if s := byType["snoozed"]; len(s) > 0 && !strings.Contains(string(s[0].EventDetails), "2026-11-24T") {
		t.Errorf("snoozed part: want the until time, got %s", s[0].EventDetails)
	}
}

func TestDemoAuthors(t *testing.T) {
	c := Demo()
	var user, admin, operator, finAnswer bool
	for _, p := range c.ConversationParts.Parts {
		a := p.Author
		switch {
		case a.Type == "user":
			user = true
		case a.Type == "admin" && p.PartType == "comment":
			admin = true
		case a.Type == "bot" && a.Name == "Fin" && a.IsAIAnswer && a.FromAIAgent:
			finAnswer = true
		case a.Type == "bot" && a.Name != "Fin" && p.PartType == "comment" && strings.Contains(p.Body, "email"):
			operator = true
		}
	}
	if !user || !admin || !operator || !finAnswer {
		t.Errorf("want customer, teammate, Operator asking for email and Fin answer; got %v %v %v %v", user, admin, operator, finAnswer)
	}
	// Fin answers before any teammate does.
	for _, p := range c.ConversationParts.Parts {
		if p.Author.Type == "admin" && p.PartType == "comment" {
			t.Errorf("want Fin's answer before teammate comment %s", p.ID)
			break
		}
		if p.Author.Name == "Fin" {
			break
		}
	}
}

func TestDemoAIAgent(t *testing.T) {
	a := Demo().AIAgent
	if a == nil {
		t.Fatal("want ai_agent, got null")
	}
	if a.SourceType != "workflow" || a.SourceTitle == "" || a.LastAnswerType != "ai_answer" ||
		a.ResolutionState != "routed_to_team" || a.Rating == nil || a.RatingRemark == "" || a.CreatedAt == 0 {
		t.Errorf("want every ai_agent field filled, got %+v", a)
	}
	cs := a.ContentSources.ContentSources
	if len(cs) < 2 || len(cs) > 3 || a.ContentSources.TotalCount != len(cs) {
		t.Fatalf("want 2 or 3 content sources counted, got %d (total_count %d)", len(cs), a.ContentSources.TotalCount)
	}
	for _, s := range cs {
		if s.ContentType != "article" || s.Title == "" || s.URL == "" || s.Locale == "" {
			t.Errorf("want a complete article source, got %+v", s)
		}
	}
}

func TestDemoStatistics(t *testing.T) {
	s := Demo().Statistics
	if s == nil {
		t.Fatal("want statistics, got null")
	}
	durations := map[string]*Duration{
		"time_to_assignment": s.TimeToAssignment, "time_to_admin_reply": s.TimeToAdminReply,
		"time_to_first_close": s.TimeToFirstClose, "time_to_last_close": s.TimeToLastClose,
		"median_time_to_reply": s.MedianTimeToReply, "handling_time": s.HandlingTime,
		"adjusted_handling_time": s.AdjustedHandlingTime,
	}
	for name, d := range durations {
		if d == nil || *d <= 0 {
			t.Errorf("%s: want a positive duration, got %v", name, d)
		}
	}
	times := map[string]Time{
		"first_contact_reply_at": s.FirstContactReplyAt, "first_assignment_at": s.FirstAssignmentAt,
		"first_admin_reply_at": s.FirstAdminReplyAt, "first_close_at": s.FirstCloseAt,
		"last_assignment_at": s.LastAssignmentAt, "last_assignment_admin_reply_at": s.LastAssignmentAdminReplyAt,
		"last_contact_reply_at": s.LastContactReplyAt, "last_admin_reply_at": s.LastAdminReplyAt,
		"last_close_at": s.LastCloseAt,
	}
	for name, tm := range times {
		if tm.IsZero() {
			t.Errorf("%s: want a time, got none", name)
		}
	}
	if s.LastClosedByID == "" || s.CountReopens == 0 || s.CountAssignments == 0 ||
		s.CountConversationParts != len(Demo().ConversationParts.Parts) {
		t.Errorf("want closed-by and counts filled, got %+v", s)
	}
	if len(s.AssignedTeamFirstResponseTimeByTeam) != 2 || len(s.AssignedTeamFirstResponseTimeInOfficeHours) != 2 {
		t.Errorf("want two teams' response times, got %+v", s.AssignedTeamFirstResponseTimeByTeam)
	}
}

func TestDemoAttributesAndTags(t *testing.T) {
	c := Demo()
	kinds := map[string]bool{}
	for _, v := range c.CustomAttributes {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			t.Fatalf("custom attribute %s: %v", v, err)
		}
		switch x.(type) {
		case string:
			kinds["string"] = true
		case float64:
			kinds["number"] = true
		case bool:
			kinds["bool"] = true
		case nil:
			kinds["null"] = true
		case map[string]any:
			kinds["object"] = true
		}
	}
	for _, k := range []string{"string", "number", "bool", "null", "object"} {
		if !kinds[k] {
			t.Errorf("custom_attributes: want a %s value, found none", k)
		}
	}
	tags := c.Tags.Tags
	if len(tags) < 3 || len(tags) > 4 {
		t.Errorf("tags: want 3 or 4, got %d", len(tags))
	}
	for _, tg := range tags {
		if tg.AppliedAt.IsZero() || tg.AppliedBy == nil {
			t.Errorf("tag %s: want applied_at and applied_by, got %+v", tg.Name, tg)
		}
	}
}

func TestDemoAttachments(t *testing.T) {
	c := Demo()
	all := append([]Attachment(nil), c.Source.Attachments...)
	for _, p := range c.ConversationParts.Parts {
		all = append(all, p.Attachments...)
	}
	var png, csv bool
	for _, a := range all {
		if a.Type != "upload" || a.Name == "" || !strings.HasPrefix(a.URL, "https://") || a.Filesize <= 0 {
			t.Errorf("want a complete upload, got %+v", a)
		}
		png = png || (a.ContentType == "image/png" && a.Width > 0 && a.Height > 0)
		csv = csv || a.ContentType == "text/csv"
	}
	if !png || !csv {
		t.Errorf("want a PNG with its size and a CSV, got png=%v csv=%v", png, csv)
	}
}

func TestDemoBodies(t *testing.T) {
	c := Demo()
	var all strings.Builder
	all.WriteString(c.Source.Body)
	var noteMention, noteCode bool
	for _, p := range c.ConversationParts.Parts {
		all.WriteString(p.Body)
		if p.PartType == "note" {
			noteMention = noteMention || strings.Contains(p.Body, "@")
			noteCode = noteCode || strings.Contains(p.Body, "<pre><code>")
		}
	}
	text := all.String()
	want := map[string]string{
		"an inline image": "<img src=", "a link": "<a href=", "a bullet list": "<ul><li>",
		"a numbered list": "<ol><li>", "a code block without a language": "<pre><code>", "a line break": "<br>",
		"bold": "<b>", "italic": "<i>", "a quote": "<blockquote>", "a heading": "<h2>",
		"Japanese": "ありがとうございます", "Greek": "Ευχαριστώ", "Arabic": "مقهى", "an umlaut": "Schäfer",
		"a thumbs up": "👍", "a party popper": "🎉",
	}
	for what, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("want %s (%q) in some body, found none", what, s)
		}
	}
	if strings.Contains(text, "<code class=") {
		t.Errorf("want code blocks without a language class")
	}
	if !noteMention || !noteCode {
		t.Errorf("want notes with an @mention and a code block, got mention=%v code=%v", noteMention, noteCode)
	}
	if !strings.Contains(string(DemoJSON()), `"name": "Siobhán O&#39;Neill"`) {
		t.Errorf("want an entity-encoded teammate name")
	}
}

func TestDemoTimestamps(t *testing.T) {
	c := Demo()
	from := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	to := from.Add(48 * time.Hour)
	prev := c.CreatedAt
	for _, p := range c.ConversationParts.Parts {
		at := p.CreatedAt.Time()
		if at.Before(from) || !at.Before(to) {
			t.Errorf("part %s: want a time on 23 or 24 November 2026, got %v", p.ID, at.UTC())
		}
		if p.CreatedAt <= prev {
			t.Errorf("part %s: want a time after %d, got %d", p.ID, prev, p.CreatedAt)
		}
		prev = p.CreatedAt
	}
	if c.UpdatedAt != prev {
		t.Errorf("updated_at: want the last part's time %d, got %d", prev, c.UpdatedAt)
	}
}

func TestDemoShape(t *testing.T) {
	var conversation map[string]json.RawMessage
	var parts struct {
		Parts []map[string]json.RawMessage `json:"conversation_parts"`
	}
	if err := json.Unmarshal(DemoJSON(), &conversation); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(conversation["conversation_parts"], &parts); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"type", "id", "title", "created_at", "updated_at", "waiting_since", "snoozed_until",
		"open", "state", "read", "priority", "admin_assignee_id", "team_assignee_id", "tags", "conversation_rating",
		"source", "contacts", "teammates", "custom_attributes", "topics", "first_contact_reply", "sla_applied",
		"statistics", "conversation_parts", "linked_objects", "ai_agent_participated", "ai_agent", "ticket"} {
		if _, ok := conversation[key]; !ok {
			t.Errorf("conversation: want key %q", key)
		}
	}
	partKeys := []string{"type", "id", "part_type", "body", "created_at", "updated_at", "notified_at", "assigned_to",
		"author", "attachments", "external_id", "redacted", "email_message_metadata", "metadata", "state", "tags",
		"event_details", "app_package_code"}
	seen := map[string]bool{}
	for i, p := range parts.Parts {
		for _, key := range partKeys {
			if _, ok := p[key]; !ok {
				t.Errorf("part %d: want key %q", i, key)
			}
		}
		if id := string(p["id"]); seen[id] {
			t.Errorf("part %d: id %s is not unique", i, id)
		}
		seen[string(p["id"])] = true
	}
}

func TestDemoHasNoControlCharacters(t *testing.T) {
	var v any
	if err := json.Unmarshal(DemoJSON(), &v); err != nil {
		t.Fatal(err)
	}
	walkStrings(v, func(s string) {
		for _, r := range s {
			// Newlines belong in code blocks; nothing else invisible belongs anywhere.
			if (unicode.IsControl(r) && r != '\n') || unicode.Is(unicode.Cf, r) {
				t.Errorf("want no control or format characters, found %U in %.40q", r, s)
			}
		}
	})
}

// walkStrings calls f with every string, key or value, in a decoded JSON value.
func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, e := range x {
			walkStrings(e, f)
		}
	case map[string]any:
		for k, e := range x {
			f(k)
			walkStrings(e, f)
		}
	}
}

func TestDemoReturnsCopies(t *testing.T) {
	b := DemoJSON()
	b[0] = 'x'
	c := Demo()
	c.ConversationParts.Parts[0].Body = "changed"
	if again := Demo(); again.ConversationParts.Parts[0].Body == "changed" {
		t.Errorf("want each Demo call to return a fresh conversation")
	}
	if DemoJSON()[0] != '{' {
		t.Errorf("want DemoJSON to return a copy, the embedded bytes changed")
	}
}
