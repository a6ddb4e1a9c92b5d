package api

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureDir holds Intercom's published example responses (see SOURCES.md there).
const fixtureDir = "../../shared/fixtures/intercom"

// readFixture returns one fixture's bytes.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatalf("reading fixture: %v", err)
	}
	return b
}

// fixtures lists the files in fixtureDir that match pattern, by base name.
func fixtures(t testing.TB, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, pattern))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures %s in %s (err %v)", pattern, fixtureDir, err)
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return names
}

func TestDecodeFixtures(t *testing.T) {
	type want struct {
		id       ID
		parts    int
		partIdx  int    // a part to look at, when partType is set
		partType string // its part_type
		partID   ID     // and its id
		team     ID
		check    func(t *testing.T, c *Conversation)
	}
	tests := map[string]want{
		"conversation-2.11-get-found.json": {id: "367", team: "5017691", check: func(t *testing.T, c *Conversation) {
			if c.AdminAssigneeID != "991267715" {
				t.Errorf("admin_assignee_id: want 991267715, got %q", c.AdminAssigneeID)
			}
			if c.State != "closed" || c.Open {
				t.Errorf("state: want closed and not open, got %q open=%v", c.State, c.Open)
			}
			if n := len(c.Contacts.Contacts); n != 1 || c.Contacts.Contacts[0].ExternalID != "70" {
				t.Errorf("contacts: want one with external_id 70, got %+v", c.Contacts.Contacts)
			}
			if c.Statistics != nil || c.AIAgent != nil || c.SLAApplied != nil || c.ConversationRating != nil {
				t.Errorf("null objects: want nil statistics, ai_agent, sla_applied and rating")
			}
			if c.Source.Author.Name != "Ciaran153 Lee" || c.Source.Body != "<p>this is the message body</p>" {
				t.Errorf("source: got author %q body %q", c.Source.Author.Name, c.Source.Body)
			}
		}},
		"conversation-2.11-parts-assign.json": {id: "405", parts: 1, partType: "assign_and_reopen", partID: "106", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if a := c.ConversationParts.Parts[0].AssignedTo; a == nil || a.Type != "admin" || a.ID != "991267615" {
					t.Errorf("assigned_to: want admin 991267615, got %+v", a)
				}
			}},
		"conversation-2.11-parts-close.json": {id: "394", parts: 1, partType: "close", partID: "102", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if b := c.ConversationParts.Parts[0].Body; b != "<p>Goodbye :)</p>" {
					t.Errorf("close part body: want <p>Goodbye :)</p>, got %q", b)
				}
			}},
		"conversation-2.11-parts-open.json": {id: "400", parts: 1, partType: "open", partID: "105", team: "5017691"},
		"conversation-2.11-parts-snooze.json": {id: "395", parts: 1, partType: "snoozed", partID: "103", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if c.State != "snoozed" || c.SnoozedUntil != 1719496464 {
					t.Errorf("snooze: want state snoozed until 1719496464, got %q until %d", c.State, c.SnoozedUntil)
				}
			}},
		"conversation-2.11-put-attributes-updated.json": {id: "371", parts: 2, partIdx: 1, partType: "conversation_attribute_updated_by_admin", partID: "97", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if v := string(c.CustomAttributes["issue_type"]); v != `"Billing"` {
					t.Errorf("custom_attributes.issue_type: want \"Billing\", got %s", v)
				}
				if a := c.ConversationParts.Parts[0].Author; a.Type != "bot" || a.Name != "Operator" {
					t.Errorf("author: want bot Operator, got %s %q", a.Type, a.Name)
				}
			}},
		"conversation-2.11-redact.json": {id: "471", parts: 1, partType: "open", partID: "115", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if p := c.ConversationParts.Parts[0]; !p.Redacted || p.Author.Type != "user" {
					t.Errorf("want a redacted part by a user, got redacted=%v author %q", p.Redacted, p.Author.Type)
				}
				if c.WaitingSince != 1719492939 {
					t.Errorf("waiting_since: want 1719492939, got %d", c.WaitingSince)
				}
			}},
		"conversation-2.11-reply-admin-note.json": {id: "388", parts: 1, partType: "note", partID: "100", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if b := c.ConversationParts.Parts[0].Body; !strings.HasPrefix(b, "<h2>An Unordered HTML List</h2>") {
					t.Errorf("note body: want it to start with the h2, got %.40q", b)
				}
			}},
		"conversation-2.11-reply-user-last.json":      {id: "390", parts: 1, partType: "open", partID: "101", team: "5017691"},
		"conversation-2.11-reply-user.json":           {id: "387", parts: 1, partType: "open", partID: "99", team: "5017691"},
		"conversation-2.11-run-assignment-rules.json": {id: "409", parts: 1, partType: "default_assignment", partID: "107", team: "5017691"},
		"conversation-2.13-get-found-custom-actions.json": {id: "503", parts: 4, partIdx: 1, partType: "custom_action_started", partID: "2", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				p := c.ConversationParts.Parts
				if p[0].ID != "1" || p[3].ID != "4" {
					t.Errorf("integer part ids: want \"1\" and \"4\", got %q and %q", p[0].ID, p[3].ID)
				}
				if len(p[0].Tags) != 1 || p[0].Tags[0].Name != "Test tag" || p[0].State != "open" {
					t.Errorf("part tags/state: want Test tag, open; got %+v %q", p[0].Tags, p[0].State)
				}
				if d := string(p[3].EventDetails); !strings.Contains(d, `"result": "success"`) {
					t.Errorf("event_details: want the action result, got %s", d)
				}
				if p[1].AppPackageCode != "test-integration" {
					t.Errorf("app_package_code: want test-integration, got %q", p[1].AppPackageCode)
				}
				if tg := c.Tags.Tags; len(tg) != 1 || tg[0].AppliedAt != 1663597223 || tg[0].AppliedBy == nil || tg[0].AppliedBy.Type != "contact" {
					t.Errorf("tags: want one applied at 1663597223 by a contact, got %+v", tg)
				}
			}},
		"conversation-2.13-reply-quick-reply.json": {id: "526", parts: 1, partType: "quick_reply", partID: "134", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if m := c.ConversationParts.Parts[0].Metadata; m == nil || len(m.QuickReplyOptions) != 0 {
					t.Errorf("metadata: want present and empty, got %+v", m)
				}
			}},
		"conversation-legacy-v1-intercom-go.json": {id: "147", parts: 1, partType: "comment", partID: "4412", team: "",
			check: func(t *testing.T, c *Conversation) {
				if !strings.Contains(c.Source.Body, "We noticed you using our Product") {
					t.Errorf("source body from conversation_message: got %q", c.Source.Body)
				}
				if len(c.Source.Attachments) != 1 || c.Source.Attachments[0].Name != "signature" || c.Source.Author.ID != "25" {
					t.Errorf("source attachments/author: got %+v %+v", c.Source.Attachments, c.Source.Author)
				}
				if cs := c.Contacts.Contacts; len(cs) != 1 || cs[0].ID != "536e564f316c83104c000020" {
					t.Errorf("contacts from user: want 536e564f316c83104c000020, got %+v", cs)
				}
				if c.AdminAssigneeID != "25" {
					t.Errorf("admin_assignee_id from assignee: want 25, got %q", c.AdminAssigneeID)
				}
				if c.ConversationParts.TotalCount != 0 || c.PartsTotal() != 1 || c.Truncated() {
					t.Errorf("no total_count: want PartsTotal 1, not truncated; got %d %v", c.PartsTotal(), c.Truncated())
				}
			}},
		"conversation-unstable-get-with-qa-evaluations.json": {id: "601", team: "5017691",
			check: func(t *testing.T, c *Conversation) {
				if c.Source.Body != "" || c.Source.Author.Type != "" || len(c.Contacts.Contacts) != 0 {
					t.Errorf("want no source and no contacts, got %+v", c.Source)
				}
				if c.Priority != "none" || c.State != "open" || !c.Read {
					t.Errorf("want priority none, open, read; got %q %q %v", c.Priority, c.State, c.Read)
				}
			}},
	}

	for _, name := range fixtures(t, "conversation-*.json") {
		t.Run(name, func(t *testing.T) {
			w, ok := tests[name]
			if !ok {
				t.Fatalf("fixture %s has no expectations: add it to the table", name)
			}
			c, err := DecodeBytes(readFixture(t, name))
			if err != nil {
				t.Fatalf("want it decoded, got error %v", err)
			}
			if c.ID != w.id {
				t.Errorf("id: want %q, got %q", w.id, c.ID)
			}
			if got := len(c.ConversationParts.Parts); got != w.parts {
				t.Fatalf("parts: want %d, got %d", w.parts, got)
			}
			if w.partType != "" {
				p := c.ConversationParts.Parts[w.partIdx]
				if p.PartType != w.partType || p.ID != w.partID {
					t.Errorf("part %d: want %s %q, got %s %q", w.partIdx, w.partType, w.partID, p.PartType, p.ID)
				}
			}
			if c.TeamAssigneeID != w.team {
				t.Errorf("team_assignee_id: want %q, got %q", w.team, c.TeamAssigneeID)
			}
			if w.check != nil {
				w.check(t, c)
			}
		})
	}
}

func TestDecodeErrorFixtures(t *testing.T) {
	tests := map[string]string{ // file: the code its error must name
		"error-400-intercom-version-invalid.json": "intercom_version_invalid",
		"error-401-token-unauthorized.json":       "token_unauthorized",
		"error-401-unauthorized.json":             "unauthorized",
		"error-403-api-plan-restricted.json":      "api_plan_restricted",
		"error-404-conversation-not-found.json":   "not_found",
		"error-404-not-found.json":                "not_found",
		"error-429-rate-limit-exceeded.json":      "rate_limit_exceeded",
		"error-503-internal-error.json":           "internal_error",
	}
	for _, name := range fixtures(t, "error-*.json") {
		t.Run(name, func(t *testing.T) {
			code, ok := tests[name]
			if !ok {
				t.Fatalf("fixture %s has no expected code: add it to the table", name)
			}
			c, err := DecodeBytes(readFixture(t, name))
			if err == nil {
				t.Fatalf("want an error naming %s, got conversation %q", code, c.ID)
			}
			if !strings.Contains(err.Error(), "("+code+":") {
				t.Errorf("want an error naming %s, got %q", code, err)
			}
		})
	}
}
