package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// decodeConv decodes a conversation from the fields in body, an object.
func decodeConv(t *testing.T, body string) *api.Conversation {
	t.Helper()
	fields := strings.TrimSuffix(strings.TrimPrefix(body, "{"), "}")
	if fields != "" {
		fields = "," + fields
	}
	c, err := api.DecodeBytes([]byte(`{"type":"conversation","id":"1"` + fields + "}"))
	if err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return c
}

// The fields of later API versions, as Intercom documents them.
const (
	companyJSON = `{"company":{"type":"company","id":"531ee472cce572a6ec000006","company_id":"6","name":"Blue Sun",
		"plan":{"type":"plan","id":"269315","name":"Pro"},"size":100,"website":"www.bluesun.example","industry":"Software",
		"monthly_spend":155.5,"user_count":12000}}`
	salesJSON = `{"sales_agent_participated":true,"sales_agent":{"outcome":"escalated_to_support","routing_outcome":"enterprise_sales",
		"collected_data":{"email":"user@example.com","company.name":"Acme Inc","seats":12}}}`
	ticketJSON = `{"ticket":{"type":"ticket","id":"1295","ticket_id":"1390","category":"Back-office",
		"ticket_state":{"type":"ticket_state","id":"12","category":"in_progress","internal_label":"With Dev Team","external_label":"In Progress"},
		"ticket_type":{"type":"ticket_type","id":"53","name":"Bug"},"ticket_attributes":{"_default_title_":"Export fails","_default_description_":"x"}}}`
	emailJSON = `{"channel":{"initial":"email","current":"messenger"},"source":{"type":"email","recipients":[{"type":"to","email":"help@example.com"},
		{"type":"cc","email":"gone@example.com","drop_reason":"hard_bounce"},{"type":"bcc","email":"audit@example.com","drop_reason":null}],
		"reply_to":[{"email":"replies@example.com","name":"Support Team"}]},
		"external_references":[{"type":"zendesk_ticket","id":"3633338"},{"type":"zendesk_sunshine_conversation","id":"abc-def-uuid"}]}`
	qaJSON = `{"scorecards":[{"scorecard_id":"67890","name":"Standard QA Review","passed":false,"score":0.5,"evaluated_at":1734537760,
		"reviewed_teammate":{"type":"admin","admin_id":"991267715"},"evaluators":[{"evaluator_id":"54321","result":{"value":"fail","reasoning":"No\nfollow-up."}}]}],
		"monitor_evaluations":[{"monitor_id":"12345","monitor_name":"Complaints","result":"flagged","explanation":"Wants a\nrefund.","evaluated_at":1734537760}],
		"ai_topics":{"type":"ai_topics","topics":[{"type":"ai_topic","topic_name":"Billing","subtopics":[{"name":"Refunds"},{"name":"Payment issues"}]},{"topic_name":"Login"}]}}`
	statsJSON = `{"statistics":{"adjusted_handling_time":1800,"handling_time":2310,"last_contact_reply_at":1796119200,"last_admin_reply_at":1796122800,
		"first_close_at":1796126400,"last_close_at":1796126400,"assigned_team_first_response_time_in_office_hours":[{"team_id":5,"team_name":"Tier 1","response_time":600}]},
		"ai_agent":{"created_at":1796119200,"updated_at":1796122800},"conversation_rating":{"rating":5,"created_at":1796119200,"updated_at":1796122800}}`
)

func TestDetailsLaterFields(t *testing.T) {
	tests := []struct {
		name, body, section, label, want string
		tone                             Tone
	}{
		{"company name", companyJSON, "Company", "Name", "Blue Sun", ToneNormal},
		{"company plan", companyJSON, "Company", "Plan", "Pro", ToneNormal},
		{"company spend, a float", companyJSON, "Company", "Monthly spend", "155.5", ToneNormal},
		{"company users, with commas", companyJSON, "Company", "Users", "12,000", ToneNormal},
		{"company size", companyJSON, "Company", "Employees", "100", ToneNormal},
		{"company industry", companyJSON, "Company", "Industry", "Software", ToneNormal},
		{"company website, a bare domain", companyJSON, "Company", "Website", "https://www.bluesun.example", ToneNormal},
		{"company website, not a link", `{"company":{"name":"X","website":"javascript:alert(1)"}}`, "Company", "Website", "", ToneNormal},
		{"channel moved", emailJSON, "Source", "Channel", "email → messenger", ToneNormal},
		{"channel stayed", `{"channel":{"initial":"email","current":"email"},"source":{"type":"conversation"}}`, "Source", "Channel", "email", ToneNormal},
		{"channel before 2.16", `{"source":{"type":"phone_call"}}`, "Source", "Channel", "phone call", ToneNormal},
		{"recipient", emailJSON, "Source", "To", "help@example.com", ToneNormal},
		{"dropped recipient", emailJSON, "Source", "CC", "gone@example.com · dropped: hard bounce", ToneDim},
		{"bcc with a null drop reason", emailJSON, "Source", "BCC", "audit@example.com", ToneNormal},
		{"reply-to", emailJSON, "Source", "Reply-To", "Support Team <replies@example.com>", ToneNormal},
		{"external reference", emailJSON, "Linked", "External", "Zendesk ticket 3633338", ToneNormal},
		{"sales agent participated", salesJSON, "Sales agent", "Participated", "yes", ToneNormal},
		{"sales agent outcome", salesJSON, "Sales agent", "Outcome", "escalated to support", ToneWarn},
		{"sales agent outcome qualified", `{"sales_agent":{"outcome":"qualified"}}`, "Sales agent", "Outcome", "qualified", ToneGood},
		{"sales agent routing", salesJSON, "Sales agent", "Routed to", "enterprise sales", ToneNormal},
		{"sales agent data", salesJSON, "Sales agent", "company.name", "Acme Inc", ToneNormal},
		{"sales agent data, a number", salesJSON, "Sales agent", "seats", "12", ToneNormal},
		{"ticket title", ticketJSON, "Ticket", "Title", "Export fails", ToneNormal},
		{"ticket type", ticketJSON, "Ticket", "Type", "Bug", ToneNormal},
		{"ticket state", ticketJSON, "Ticket", "State", "With Dev Team (in progress)", ToneNormal},
		{"ticket customer label", ticketJSON, "Ticket", "Customer sees", "In Progress", ToneNormal},
		{"ticket state 2.11", `{"ticket":{"ticket_state":"resolved","ticket_state_internal_label":"Resolved","ticket_state_external_label":"Resolved"}}`,
			"Ticket", "State", "Resolved", ToneGood},
		{"ticket state 2.11, no labels", `{"ticket":{"ticket_state":"waiting_on_customer"}}`, "Ticket", "State", "waiting on customer", ToneNormal},
		{"ticket customer label the same", `{"ticket":{"ticket_state":{"category":"submitted","internal_label":"Submitted","external_label":"Submitted"}}}`,
			"Ticket", "Customer sees", "", ToneNormal},
		{"scorecard", qaJSON, "QA", "Scorecard", "Standard QA Review · failed · score 0.5", ToneBad},
		{"monitor", qaJSON, "QA", "Monitor", "Complaints · flagged", ToneWarn},
		{"monitor why", qaJSON, "QA", "Why", "Wants a refund.", ToneDim},
		{"ai topic", qaJSON, "Topics", "Topic", "Billing · Refunds, Payment issues", ToneNormal},
		{"adjusted handling time", statsJSON, "Statistics", "Adjusted handling time", "30m", ToneNormal},
		{"office-hours response", statsJSON, "Statistics", "Office-hours response", "10m · Tier 1", ToneNormal},
		{"last customer reply", statsJSON, "Statistics", "Last customer reply", "Tue 1 Dec 10:00 · 2h ago", ToneNormal},
		{"last teammate reply", statsJSON, "Statistics", "Last teammate reply", "Tue 1 Dec 11:00 · 1h ago", ToneNormal},
		{"last close only when another", statsJSON, "Statistics", "Last closed", "", ToneNormal},
		{"ai agent started", statsJSON, "AI agent", "Started", "Tue 1 Dec 10:00 · 2h ago", ToneNormal},
		{"ai agent updated", statsJSON, "AI agent", "Updated", "Tue 1 Dec 11:00 · 1h ago", ToneNormal},
		{"rating changed", statsJSON, "Rating", "Changed", "Tue 1 Dec 11:00 · 1h ago", ToneNormal},
		{"priority 2.11", `{"priority":"priority"}`, "Conversation", "Priority", "yes", ToneWarn},
		{"not priority", `{"priority":"not_priority"}`, "Conversation", "Priority", "no", ToneDim},
		{"priority none", `{"priority":"none"}`, "Conversation", "Priority", "none", ToneDim},
		{"priority low", `{"priority":"low"}`, "Conversation", "Priority", "low", ToneNormal},
		{"priority medium", `{"priority":"medium"}`, "Conversation", "Priority", "medium", ToneNormal},
		{"priority high", `{"priority":"High"}`, "Conversation", "Priority", "high", ToneWarn},
		{"priority urgent", `{"priority":"urgent"}`, "Conversation", "Priority", "urgent", ToneBad},
		{"priority unknown", `{"priority":"very_high"}`, "Conversation", "Priority", "very high", ToneNormal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := row(Details(decodeConv(t, tt.body), testOptions()), tt.section, tt.label)
			switch {
			case tt.want == "" && ok:
				t.Errorf("%s %s = %q, want no row", tt.section, tt.label, r.Value)
			case tt.want != "" && !ok:
				t.Errorf("%s: no row %q", tt.section, tt.label)
			case tt.want != "" && (r.Value != tt.want || r.Tone != tt.tone):
				t.Errorf("%s %s = %q (tone %v), want %q (tone %v)", tt.section, tt.label, r.Value, r.Tone, tt.want, tt.tone)
			}
		})
	}
}

func TestDetailsLaterSectionsOrder(t *testing.T) {
	c := decodeConv(t, `{"company":{"name":"Blue Sun"},"sales_agent_participated":true,`+qaJSON[1:len(qaJSON)-1]+`,"ticket":{"ticket_id":"1"}}`)
	got := strings.Join(sectionTitles(Details(c, testOptions())), ", ")
	if want := "Company, Topics, Sales agent, QA, Ticket"; got != want {
		t.Errorf("sections %s, want %s", got, want)
	}
}

func TestJSONLaterFields(t *testing.T) {
	tests := []struct {
		name, body, key, want string
	}{
		{"company", companyJSON, "company", `{"id":"531ee472cce572a6ec000006","company_id":"6","name":"Blue Sun","plan":"Pro",` +
			`"monthly_spend":155.5,"user_count":12000,"size":100,"industry":"Software","website":"https://www.bluesun.example"}`},
		{"company of wrong types", `{"company":{"name":"X","size":"big","plan":{}}}`, "company",
			`{"id":null,"company_id":null,"name":"X","plan":null,"monthly_spend":null,"user_count":null,"size":null,"industry":null,"website":null}`},
		{"no company", `{}`, "company", `null`},
		{"channel", emailJSON, "channel", `{"initial":"email","current":"messenger"}`},
		{"no channel", `{}`, "channel", `null`},
		{"external references", emailJSON, "external_references",
			`[{"type":"zendesk_ticket","id":"3633338"},{"type":"zendesk_sunshine_conversation","id":"abc-def-uuid"}]`},
		{"no external references", `{}`, "external_references", `[]`},
		{"sales agent", salesJSON, "sales_agent", `{"participated":true,"outcome":"escalated_to_support","routing_outcome":"enterprise_sales",` +
			`"collected_data":{"company.name":"Acme Inc","email":"user@example.com","seats":12}}`},
		{"sales agent took no part", `{"sales_agent_participated":false,"sales_agent":null}`, "sales_agent", `null`},
		{"ticket", ticketJSON, "ticket", `{"id":"1295","ticket_id":"1390","title":"Export fails","type_name":"Bug","category":"Back-office",` +
			`"state":{"id":"12","category":"in_progress","internal_label":"With Dev Team","external_label":"In Progress"}}`},
		{"ticket 2.11", `{"ticket":{"id":"9","ticket_state":"submitted","ticket_state_internal_label":"New"}}`, "ticket",
			`{"id":"9","ticket_id":null,"title":null,"type_name":null,"category":null,"state":{"id":null,"category":"submitted","internal_label":"New","external_label":null}}`},
		{"no ticket", `{}`, "ticket", `null`},
		{"scorecards", qaJSON, "scorecards", `[{"id":"67890","name":"Standard QA Review","type":null,"passed":false,"score":0.5,"ai_score":null,` +
			`"evaluated_at":"2024-12-18T16:02:40Z","reviewed_teammate":{"type":"admin","admin_id":"991267715","admin_name":null},` +
			`"evaluators":[{"id":"54321","value":"fail","source":null,"reasoning":"No\nfollow-up.","other_text":null}]}]`},
		{"monitors", qaJSON, "monitor_evaluations", `[{"id":"12345","name":"Complaints","type":null,"result":"flagged",` +
			`"explanation":"Wants a\nrefund.","evaluated_at":"2024-12-18T16:02:40Z"}]`},
		{"ai topics", qaJSON, "ai_topics", `[{"name":"Billing","subtopics":["Refunds","Payment issues"]},{"name":"Login","subtopics":[]}]`},
		{"no QA", `{}`, "scorecards", `[]`},
		{"recipients", emailJSON, "source.recipients", `[{"type":"to","email":"help@example.com","name":null,"drop_reason":null},` +
			`{"type":"cc","email":"gone@example.com","name":null,"drop_reason":"hard_bounce"},{"type":"bcc","email":"audit@example.com","name":null,"drop_reason":null}]`},
		{"reply-to", emailJSON, "source.reply_to", `[{"type":null,"email":"replies@example.com","name":"Support Team","drop_reason":null}]`},
		{"adjusted handling time", statsJSON, "statistics.adjusted_handling_time", `1800`},
		{"office hours", statsJSON, "statistics.team_first_response_in_office_hours", `[{"team_id":"5","team_name":"Tier 1","seconds":600}]`},
		{"last contact reply", statsJSON, "statistics.last_contact_reply_at", `"2026-12-01T10:00:00Z"`},
		{"ai agent updated", statsJSON, "ai_agent.updated_at", `"2026-12-01T11:00:00Z"`},
		{"rating updated", statsJSON, "rating.updated_at", `"2026-12-01T11:00:00Z"`},
		{"priority level", `{"priority":"urgent"}`, "priority_level", `"urgent"`},
		{"priority urgent", `{"priority":"urgent"}`, "priority", `true`},
		{"schema version", `{}`, "schema_version", `2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteJSON(&b, decodeConv(t, tt.body), testOptions()); err != nil {
				t.Fatal(err)
			}
			if got := jsonAt(t, b.Bytes(), tt.key); got != tt.want {
				t.Errorf("%s = %s\nwant %s", tt.key, got, tt.want)
			}
		})
	}
}

// jsonAt is the compact JSON at a dotted path of objects in doc.
func jsonAt(t *testing.T, doc []byte, path string) string {
	t.Helper()
	v := json.RawMessage(doc)
	for _, key := range strings.Split(path, ".") {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(v, &obj); err != nil {
			t.Fatalf("%s: not an object at %q: %v", path, key, err)
		}
		next, ok := obj[key]
		if !ok {
			t.Fatalf("no key %q in %s", key, path)
		}
		v = next
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
