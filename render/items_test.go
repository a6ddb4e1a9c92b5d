package render

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// wantItem is what a test expects of one item; empty fields are not checked.
type wantItem struct {
	kind   Kind
	role   Role
	author string
	event  string
}

func TestItemsFixtures(t *testing.T) {
	tests := []struct {
		fixture string
		want    []wantItem
	}{
		{"conversation-2.11-get-found", []wantItem{
			{KindMessage, RoleTeammate, "Ciaran153 Lee", ""},
		}},
		{"conversation-2.11-parts-assign", []wantItem{
			{KindMessage, RoleTeammate, "Ciaran193 Lee", ""},
			{KindEvent, RoleTeammate, "Ciaran193 Lee", "Ciaran193 Lee reopened and assigned the conversation to themselves"},
		}},
		{"conversation-2.11-parts-close", []wantItem{
			{KindMessage, RoleTeammate, "Ciaran189 Lee", ""},
			// A reply that also closes: a message that says what it did.
			{KindMessage, RoleTeammate, "Ciaran189 Lee", "Ciaran189 Lee closed the conversation"},
		}},
		{"conversation-2.11-parts-open", []wantItem{
			{KindMessage, RoleTeammate, "Ciaran191 Lee", ""},
			{KindEvent, RoleTeammate, "Ciaran191 Lee", "Ciaran191 Lee reopened the conversation"},
		}},
		{"conversation-2.11-parts-snooze", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindEvent, RoleTeammate, "Ciaran190 Lee", "Ciaran190 Lee snoozed the conversation"},
		}},
		{"conversation-2.11-put-attributes-updated", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindEvent, RoleBot, "Operator", "Operator updated a conversation attribute"},
			{KindEvent, RoleBot, "Operator", "Operator updated a conversation attribute"},
		}},
		{"conversation-2.11-reply-admin-note", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindNote, RoleTeammate, "Ciaran183 Lee", ""},
		}},
		{"conversation-2.11-reply-user", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindMessage, RoleCustomer, "Joe Bloggs", "Joe Bloggs reopened the conversation"},
		}},
		{"conversation-2.11-run-assignment-rules", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindEvent, RoleBot, "Operator", "Operator unassigned the conversation"},
		}},
		{"conversation-2.13-get-found-custom-actions", []wantItem{
			{KindMessage, RoleTeammate, "Ciaran176 Lee", ""},
			{KindMessage, RoleTeammate, "Operator", ""},
			{KindEvent, RoleTeammate, "Jamie Oliver", "Jamie Oliver started Jira Create Issue"},
			{KindEvent, RoleFin, "Fin", "Fin set jira_issue_key to PROJ-007"},
			// It also left the conversation closed.
			{KindEvent, RoleTeammate, "Jamie Oliver", "Jamie Oliver finished Jira Create Issue (success) · conversation now closed"},
		}},
		{"conversation-2.13-reply-quick-reply", []wantItem{
			{KindMessage, RoleTeammate, "", ""},
			{KindEvent, RoleTeammate, "Ciaran214 Lee", "Ciaran214 Lee: quick reply"},
		}},
		{"conversation-legacy-v1-intercom-go", []wantItem{
			{KindMessage, RoleTeammate, "admin 25", ""},
			{KindMessage, RoleCustomer, "contact 536e564f316c83104c000020", ""},
		}},
		{"conversation-unstable-get-with-qa-evaluations", nil},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			c := loadFixture(t, tt.fixture)
			items := Items(c, nil)
			if len(items) != len(tt.want) {
				t.Fatalf("got %d items, want %d", len(items), len(tt.want))
			}
			for i, w := range tt.want {
				checkItem(t, items[i], w)
			}
			if len(items) > 0 && (items[0].PartType != "source" || items[0].Index != 0 || !items[0].Time.Equal(c.CreatedAt.Time())) {
				t.Errorf("first item = %q #%d at %v, want the source, #0, at created_at", items[0].PartType, items[0].Index, items[0].Time)
			}
		})
	}
}

func checkItem(t *testing.T, got Item, w wantItem) {
	t.Helper()
	if got.Kind != w.kind {
		t.Errorf("item %d: kind %v, want %v", got.Index, got.Kind, w.kind)
	}
	if got.Role != w.role {
		t.Errorf("item %d: role %v, want %v", got.Index, got.Role, w.role)
	}
	if w.author != "" && got.Author != w.author {
		t.Errorf("item %d: author %q, want %q", got.Index, got.Author, w.author)
	}
	if got.Event != w.event {
		t.Errorf("item %d: event %q, want %q", got.Index, got.Event, w.event)
	}
}

func TestItemsSnoozeUntil(t *testing.T) {
	c := loadFixture(t, "conversation-2.11-parts-snooze")
	it := Items(c, nil)[1]
	want := "Ciaran190 Lee snoozed the conversation until Thu 27 Jun 2024 13:54"
	if got := it.EventText(time.UTC, testNow); got != want {
		t.Errorf("EventText = %q, want %q", got, want)
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		name   string
		author api.Author
		want   Role
	}{
		{"user", api.Author{Type: "user"}, RoleCustomer},
		{"lead", api.Author{Type: "lead"}, RoleCustomer},
		{"contact", api.Author{Type: "contact"}, RoleCustomer},
		{"admin", api.Author{Type: "admin"}, RoleTeammate},
		{"team", api.Author{Type: "team"}, RoleTeammate},
		{"admin from the AI agent", api.Author{Type: "admin", FromAIAgent: true}, RoleFin},
		{"admin AI answer", api.Author{Type: "admin", IsAIAnswer: true}, RoleFin},
		{"bot named Fin", api.Author{Type: "bot", Name: "Fin"}, RoleFin},
		{"other bot", api.Author{Type: "bot", Name: "Operator"}, RoleBot},
		{"unknown type", api.Author{Type: "robot"}, RoleBot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleOf(tt.author); got != tt.want {
				t.Errorf("roleOf(%+v) = %v, want %v", tt.author, got, tt.want)
			}
		})
	}
}

// conv builds a conversation from parts, with one named admin and contact
// so that ids can be resolved to names.
func conv(parts ...api.Part) *api.Conversation {
	c := &api.Conversation{
		Type: "conversation", ID: "1", State: "open", CreatedAt: 1_700_000_000,
		Source: api.Source{ID: "s", Body: "<p>Hi</p>", Author: api.Author{Type: "user", ID: "c1", Name: "Maya Chen"}},
	}
	base := []api.Part{
		{PartType: "comment", Body: "<p>Hello</p>", Author: api.Author{Type: "admin", ID: "42", Name: "Sam Lee"}},
	}
	c.ConversationParts.Parts = append(base, parts...)
	api.Clean(c, nil) // as Decode leaves every conversation
	return c
}

func sam() api.Author { return api.Author{Type: "admin", ID: "42", Name: "Sam Lee"} }

func raw(s string) json.RawMessage { return json.RawMessage(s) }

func TestEventSummaries(t *testing.T) {
	tests := []struct {
		name string
		part api.Part
		want string
	}{
		{"open", api.Part{PartType: "open"}, "Sam Lee reopened the conversation"},
		{"close", api.Part{PartType: "close"}, "Sam Lee closed the conversation"},
		{"snoozed with words", api.Part{PartType: "snoozed", EventDetails: raw(`{"until":"until tomorrow"}`)}, "Sam Lee snoozed the conversation until tomorrow"},
		{"assignment to a known admin", api.Part{PartType: "assignment", AssignedTo: &api.Ref{Type: "admin", ID: "42"}, Author: api.Author{Type: "bot", ID: "9", Name: "Operator"}}, "Operator assigned the conversation to Sam Lee"},
		{"assignment to an unknown admin", api.Part{PartType: "default_assignment", AssignedTo: &api.Ref{Type: "admin", ID: "123"}}, "Sam Lee assigned the conversation to admin 123"},
		{"assignment to a team", api.Part{PartType: "away_mode_assignment", AssignedTo: &api.Ref{Type: "team", ID: "7"}}, "Sam Lee assigned the conversation to team 7"},
		{"assignment to id 0", api.Part{PartType: "assignment", AssignedTo: &api.Ref{Type: "admin", ID: "0"}}, "Sam Lee unassigned the conversation"},
		{"assignment, no target", api.Part{PartType: "assignment"}, "Sam Lee assigned the conversation"},
		{"attribute", api.Part{PartType: "conversation_attribute_updated_by_user", EventDetails: raw(`{"attribute":{"name":"Priority"},"value":{"name":"High","previous":"Medium"}}`)}, "Sam Lee set Priority to High (was Medium)"},
		{"attribute, number value", api.Part{PartType: "conversation_attribute_updated_by_admin", EventDetails: raw(`{"attribute":{"name":"Seats"},"value":{"name":8}}`)}, "Sam Lee set Seats to 8"},
		{"workflow attribute", api.Part{PartType: "conversation_attribute_updated_by_workflow", EventDetails: raw(`{"workflow":{"name":"Triage"},"attribute":{"name":"Area"},"value":{"name":"Exports"}}`)}, "Sam Lee set Area to Exports (workflow Triage)"},
		{"custom action started", api.Part{PartType: "custom_action_started", EventDetails: raw(`{"action":{"name":"Jira Create Issue"}}`)}, "Sam Lee started Jira Create Issue"},
		{"custom action failed", api.Part{PartType: "custom_action_finished", EventDetails: raw(`{"action":{"name":"Jira Create Issue","result":"failed"}}`)}, "Sam Lee finished Jira Create Issue (failed)"},
		{"tags updated", api.Part{PartType: "conversation_tags_updated", EventDetails: raw(`{"tags_added":["a","b"],"tags_removed":["c"]}`)}, "Sam Lee tagged: a, b; untagged: c"},
		{"part tags", api.Part{PartType: "tag", Tags: []api.Tag{{Name: "VIP"}, {Name: "bug"}}}, "Sam Lee tagged: VIP, bug"},
		{"priority", api.Part{PartType: "priority_changed", EventDetails: raw(`{"current_priority":"high","previous_priority":"none"}`)}, "Sam Lee changed the priority from none to high"},
		{"SLA applied", api.Part{PartType: "conversation_sla_applied_by_rule", EventDetails: raw(`{"sla_name":"VIP"}`)}, "Sam Lee applied SLA VIP"},
		{"SLA missed", api.Part{PartType: "conversation_sla_target_missed", EventDetails: raw(`{"sla_name":"VIP","sla_target_type":"first_reply_time"}`)}, "SLA VIP missed its first reply time target"},
		{"SLA paused", api.Part{PartType: "conversation_sla_paused", EventDetails: raw(`{"sla_name":"VIP"}`)}, "Sam Lee paused SLA VIP"},
		{"participant added", api.Part{PartType: "participant_added", AssignedTo: &api.Ref{Type: "contact", ID: "c1"}}, "Sam Lee added a participant: Maya Chen"},
		{"participant removed", api.Part{PartType: "participant_removed"}, "Sam Lee removed a participant"},
		{"unknown part type", api.Part{PartType: "mystery_event"}, "Sam Lee: mystery event"},
		{"hostile details", api.Part{PartType: "custom_action_started", EventDetails: raw(`{"action":{"name":"x\u001b]0;pwn\u0007\ny"}}`)}, "Sam Lee started x y"},
		{"details of the wrong shape", api.Part{PartType: "custom_action_started", EventDetails: raw(`[1,2]`)}, "Sam Lee started a custom action"},
		{"empty note body", api.Part{PartType: "note", Body: "<p></p>"}, "Sam Lee: note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.part.Author.Type == "" {
				tt.part.Author = sam()
			}
			items := Items(conv(tt.part), nil)
			got := items[len(items)-1]
			if got.Kind != KindEvent {
				t.Fatalf("kind %v, want an event", got.Kind)
			}
			if got.Event != tt.want {
				t.Errorf("event %q, want %q", got.Event, tt.want)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	tests := []struct {
		name string
		part api.Part
		want Kind
	}{
		{"comment", api.Part{PartType: "comment", Body: "<p>hi</p>"}, KindMessage},
		{"empty paragraph", api.Part{PartType: "comment", Body: "<p></p>"}, KindEvent},
		{"only a break and spaces", api.Part{PartType: "comment", Body: "<p> <br> &nbsp;</p>"}, KindEvent},
		{"only an image", api.Part{PartType: "comment", Body: `<p><img src="https://x.test/a.png"></p>`}, KindMessage},
		{"only an attachment", api.Part{PartType: "comment", Attachments: []api.Attachment{{Name: "a.csv"}}}, KindMessage},
		{"note", api.Part{PartType: "note", Body: "<p>internal</p>"}, KindNote},
		{"note and reopen", api.Part{PartType: "note_and_reopen", Body: "<p>internal</p>"}, KindNote},
		{"redacted", api.Part{PartType: "comment", Redacted: true}, KindMessage},
		{"close without a body", api.Part{PartType: "close"}, KindEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.part.Author = sam()
			items := Items(conv(tt.part), nil)
			if got := items[len(items)-1].Kind; got != tt.want {
				t.Errorf("kind %v, want %v", got, tt.want)
			}
		})
	}
}

func TestItemsSanitise(t *testing.T) {
	c := conv(api.Part{
		PartType: "comment", Body: "<p>x</p>",
		Author: api.Author{Type: "user", ID: "c2", Name: "Eve&#27;]0;pwn&#7;\u202e", Email: "e\x1b@x.test"},
		Attachments: []api.Attachment{
			{Name: "a\x1b[2J.png", URL: "javascript:alert(1)", Filesize: 12345},
			{Name: "", URL: "https://x.test/b.pdf"},
		},
	})
	it := Items(c, nil)[2]
	// ESC @ is a sequence of its own, so the "@" goes with the ESC.
	if it.Author != "Eve" || it.AuthorEmail != "ex.test" {
		t.Errorf("author %q <%q>, want sanitised", it.Author, it.AuthorEmail)
	}
	want := []Attachment{{Name: "a.png", URL: "", Size: 12345}, {Name: "attachment", URL: "https://x.test/b.pdf"}}
	for i, w := range want {
		if it.Attachments[i] != w {
			t.Errorf("attachment %d = %+v, want %+v", i, it.Attachments[i], w)
		}
	}
}

// An author without a name is named the way the details panel names them,
// by type and id, never "Unknown" beside the panel's "admin 7".
func TestItemsNoAuthorName(t *testing.T) {
	c := conv(api.Part{PartType: "comment", Body: "<p>x</p>", Author: api.Author{Type: "admin", ID: "42"}},
		api.Part{PartType: "comment", Body: "<p>y</p>", Author: api.Author{Type: "user", ID: "9", Email: "a@b.test"}},
		api.Part{PartType: "comment", Body: "<p>z</p>", Author: api.Author{Type: "user", ID: "8"}},
		api.Part{PartType: "comment", Body: "<p>w</p>", Author: api.Author{Type: "admin", ID: "7"}},
		api.Part{PartType: "comment", Body: "<p>v</p>", Author: api.Author{Type: "team", ID: "6"}},
		api.Part{PartType: "comment", Body: "<p>u</p>", Author: api.Author{Type: "bot", ID: "5"}},
		api.Part{PartType: "comment", Body: "<p>t</p>", Author: api.Author{Type: "lead"}})
	items := Items(c, nil)
	for i, want := range map[int]string{2: "Sam Lee", 3: "a@b.test", 4: "contact 8", 5: "admin 7",
		6: "team 6", 7: "bot 5", 8: "Unknown"} {
		if items[i].Author != want {
			t.Errorf("item %d author %q, want %q", i, items[i].Author, want)
		}
	}
}

// BenchmarkItems builds the items of the 500-part conversation, which the
// screen does before its first frame.
func BenchmarkItems(b *testing.B) {
	c := conv500(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Items(c, nil)
	}
}

// TestPlainWordIsSure checks hasText's quick way: whenever it sees a word,
// the sanitiser must see text too (it may give up where the sanitiser
// would find text, never the other way). It must also decide most real
// bodies, or it saves nothing.
func TestPlainWordIsSure(t *testing.T) {
	bodies := []string{
		"<p>hi</p>", "plain text", "<p><b>x</b></p>", "<br>", "<p> &nbsp; </p>", "&#65;", "AT&T",
		`<p title="a>b">c</p>`, `<p title='>'></p>`, `<p a=x" b=">c" d></p>`, `<a href="x">y</a>`,
		"<script>alert(1)</script>", "<style>p{}</style>", "<!-- c --><p></p>", "<![CDATA[x]]>", "a < b",
		"<p>1 &lt; 2</p>", "<title>t</title>", "<textarea>t</textarea>", "<P>Upper</P>", "<p/>x", "</p x>y",
		"<p", "<p title=\"x", "<unknown>x</unknown>", "<p>\u200b</p>", "<p>\u202e</p>", "<noscript>n</noscript>",
	}
	for _, s := range termtest.HostileSeeds {
		bodies = append(bodies, s, "<p>"+s+"</p>", `<p title="`+s+`">`+s+"</p>")
	}
	for _, f := range allConversations(t) {
		bodies = append(bodies, f.conv.Source.Body)
		for _, p := range f.conv.ConversationParts.Parts {
			bodies = append(bodies, p.Body)
		}
	}
	var real, decided int
	for _, p := range conv500(t).ConversationParts.Parts {
		if p.Body != "" {
			bodies = append(bodies, p.Body)
			real++
			if plainWord(p.Body) {
				decided++
			}
		}
	}
	for _, b := range bodies {
		if plainWord(b) && !sanitizedText(b) {
			t.Errorf("plainWord sees a word in %q; the sanitiser sees no text", b)
		}
	}
	if decided < real*95/100 {
		t.Errorf("plainWord decides %d of %d real bodies, want nearly all", decided, real)
	}
}

func TestHasText(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"", false}, {"<p></p>", false}, {"<p> <br></p>", false}, {"<p>&nbsp;</p>", false},
		{"<p>x</p>", true}, {"plain", true}, {"<p>日本</p>", true}, {"<p>&#65;</p>", true},
		{`<p><IMG src="https://x.test/a.png"></p>`, true}, {"<p><img></p>", true},
		{"<script>alert(1)</script>", false}, {"<p>&#27;[2J</p>", false}, {"<p>\x1b]0;t\x07</p>", false},
		{"<p>\u200b\u202e</p>", false}, {"<!-- note --><p></p>", false}, {`<p title="a>b"></p>`, false},
	}
	for _, tt := range tests {
		if got := hasText(tt.body); got != tt.want {
			t.Errorf("hasText(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
