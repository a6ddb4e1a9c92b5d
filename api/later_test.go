package api

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDecodeLaterFields reads the conversation fields of 2.12 to Unstable in
// their documented shapes, and in the wrong ones, which never fail a decode.
func TestDecodeLaterFields(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, c *Conversation)
	}{
		{
			name: "company, 2.15 example",
			body: `{"company":{"type":"company","id":"531ee472cce572a6ec000006","name":"Blue Sun","plan":{"type":"plan","id":"269315","name":"Pro"},
				"size":100,"website":"https://www.intercom.com","industry":"Software","monthly_spend":155.5,"user_count":"100"}}`,
			check: func(t *testing.T, c *Conversation) {
				want := &Company{Type: "company", ID: "531ee472cce572a6ec000006", Name: "Blue Sun", Plan: &Plan{Type: "plan", ID: "269315", Name: "Pro"},
					Size: "100", Website: "https://www.intercom.com", Industry: "Software", MonthlySpend: "155.5", UserCount: "100"}
				if !reflect.DeepEqual(c.Company, want) {
					t.Errorf("company = %+v, want %+v", c.Company, want)
				}
			},
		},
		{
			name: "company of wrong types",
			body: `{"company":{"name":"Acme","plan":"Pro","size":"big","monthly_spend":{"x":1},"user_count":1e999,"website":7}}`,
			check: func(t *testing.T, c *Conversation) {
				if co := c.Company; co == nil || co.Name != "Acme" || co.Plan != nil || co.Size != "" || co.MonthlySpend != "" || co.UserCount != "" || co.Website != "" {
					t.Errorf("company = %+v, want only the name", co)
				}
			},
		},
		{
			name: "channel and external references",
			body: `{"channel":{"initial":"email","current":"messenger"},"external_references":[{"type":"zendesk_ticket","id":3633338},null]}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Channel == nil || *c.Channel != (Channel{Initial: "email", Current: "messenger"}) {
					t.Errorf("channel = %+v", c.Channel)
				}
				want := []ExternalReference{{Type: "zendesk_ticket", ID: "3633338"}, {}}
				if !reflect.DeepEqual(c.ExternalReferences, want) {
					t.Errorf("external references = %+v, want %+v", c.ExternalReferences, want)
				}
			},
		},
		{
			name: "sales agent",
			body: `{"sales_agent_participated":true,"sales_agent":{"outcome":"qualified","routing_outcome":"enterprise_sales",
				"collected_data":{"email":"user@example.com","seats":12}}}`,
			check: func(t *testing.T, c *Conversation) {
				s := c.SalesAgent
				if !c.SalesAgentParticipated || s == nil || s.Outcome != "qualified" || s.RoutingOutcome != "enterprise_sales" ||
					string(s.CollectedData["email"]) != `"user@example.com"` || string(s.CollectedData["seats"]) != "12" {
					t.Errorf("sales agent = %+v (participated %v)", s, c.SalesAgentParticipated)
				}
			},
		},
		{
			name: "scorecards and monitors",
			body: `{"scorecards":[{"scorecard_id":"67890","name":"Standard QA Review","passed":true,"score":0.85,"evaluated_at":1734537760,
				"reviewed_teammate":{"type":"admin","admin_id":"991267715"},"evaluators":[{"evaluator_id":"54321","result":{"value":"pass","reasoning":"ok"}}]},
				{"name":"Second","passed":"yes","score":"high"}],
				"monitor_evaluations":[{"monitor_id":"12345","monitor_name":"Complaints","result":"flagged","explanation":"refund","evaluated_at":"1734537760"}]}`,
			check: func(t *testing.T, c *Conversation) {
				if len(c.Scorecards) != 2 {
					t.Fatalf("want 2 scorecards, got %+v", c.Scorecards)
				}
				s := c.Scorecards[0]
				if s.Passed != VerdictYes || s.Score != "0.85" || s.EvaluatedAt != 1734537760 || s.ReviewedTeammate.AdminID != "991267715" ||
					s.Evaluators[0].Result.Value != "pass" {
					t.Errorf("scorecard = %+v", s)
				}
				if s := c.Scorecards[1]; s.Passed != VerdictNone || s.Score != "" {
					t.Errorf("a verdict or score of the wrong type must read as none, got %+v", s)
				}
				if m := c.MonitorEvaluations; len(m) != 1 || m[0].Result != "flagged" || m[0].EvaluatedAt != 1734537760 {
					t.Errorf("monitor evaluations = %+v", m)
				}
			},
		},
		{
			name: "ai topics",
			body: `{"ai_topics":{"type":"ai_topics","topics":[{"type":"ai_topic","topic_name":"Billing","subtopics":[{"type":"ai_subtopic","name":"Refunds","id":42}]}]}}`,
			check: func(t *testing.T, c *Conversation) {
				if a := c.AITopics; a == nil || len(a.Topics) != 1 || a.Topics[0].TopicName != "Billing" || a.Topics[0].Subtopics[0].Name != "Refunds" {
					t.Errorf("ai topics = %+v", a)
				}
			},
		},
		{
			name: "ticket state, 2.11 string and labels",
			body: `{"ticket":{"ticket_state":"in_progress","ticket_state_internal_label":"With Dev Team","ticket_state_external_label":"In progress"}}`,
			check: func(t *testing.T, c *Conversation) {
				want := TicketState{Category: "in_progress", InternalLabel: "With Dev Team", ExternalLabel: "In progress"}
				if got := c.Ticket.State(); got != want {
					t.Errorf("state = %+v, want %+v", got, want)
				}
			},
		},
		{
			name: "ticket state, 2.12 object",
			body: `{"ticket":{"ticket_state":{"type":"ticket_state","id":"7493","category":"submitted","internal_label":"Triage","external_label":"Submitted"},
				"ticket_attributes":{"_default_title_":"Export\nfails","_default_description_":"there is a problem"}}}`,
			check: func(t *testing.T, c *Conversation) {
				want := TicketState{Type: "ticket_state", ID: "7493", Category: "submitted", InternalLabel: "Triage", ExternalLabel: "Submitted"}
				if got := c.Ticket.State(); got != want {
					t.Errorf("state = %+v, want %+v", got, want)
				}
				if got := c.Ticket.Title(); got != "Export fails" {
					t.Errorf("title = %q, want the _default_title_ on one line", got)
				}
			},
		},
		{
			name: "ticket state and title of wrong types",
			body: `{"ticket":{"ticket_state":7,"ticket_state_internal_label":["x"],"ticket_attributes":{"_default_title_":12}}}`,
			check: func(t *testing.T, c *Conversation) {
				if got := c.Ticket.State(); got != (TicketState{}) || c.Ticket.Title() != "" {
					t.Errorf("state %+v, title %q: want neither", got, c.Ticket.Title())
				}
			},
		},
		{
			name: "recipients and reply-to",
			body: `{"source":{"type":"email","recipients":[{"type":"to","email":"a@example.com"},{"type":"cc","email":"b@example.com","drop_reason":"hard_bounce"}],
				"reply_to":[{"email":"replies@example.com","name":"Support Team"}]}}`,
			check: func(t *testing.T, c *Conversation) {
				want := []Recipient{{Type: "to", Email: "a@example.com"}, {Type: "cc", Email: "b@example.com", DropReason: "hard_bounce"}}
				if !reflect.DeepEqual(c.Source.Recipients, want) || c.Source.ReplyTo[0].Name != "Support Team" {
					t.Errorf("recipients %+v, reply-to %+v", c.Source.Recipients, c.Source.ReplyTo)
				}
			},
		},
		{
			name: "every later field null",
			body: `{"company":null,"channel":null,"external_references":null,"sales_agent":null,"sales_agent_participated":null,
				"scorecards":null,"monitor_evaluations":null,"ai_topics":null,"ticket":{"ticket_state":null}}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Company != nil || c.Channel != nil || c.ExternalReferences != nil || c.SalesAgent != nil || c.Scorecards != nil ||
					c.MonitorEvaluations != nil || c.AITopics != nil || c.Ticket.State() != (TicketState{}) {
					t.Errorf("want nothing, got %+v", c)
				}
			},
		},
		{
			name: "every later field of another shape",
			body: `{"company":"Acme","channel":"email","external_references":{"type":"x"},"sales_agent":[1],"sales_agent_participated":"yes",
				"scorecards":{"a":1},"monitor_evaluations":"none","ai_topics":[],"title":"kept"}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Title != "kept" || c.Company != nil || c.Channel != nil || c.ExternalReferences != nil || c.SalesAgent != nil {
					t.Errorf("want the title kept and nothing else, got %+v", c)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"type":"conversation","id":"1",` + tt.body[1:]
			c, err := DecodeBytes([]byte(body))
			if err != nil {
				t.Fatalf("want no error, got %v", err)
			}
			tt.check(t, c)
		})
	}
}

// TestCleanLaterFields checks that the walk reaches the new strings.
func TestCleanLaterFields(t *testing.T) {
	const evil = "x\x1b]0;PWN\x07\u202ey"
	c := &Conversation{
		Company:            &Company{Name: evil, Plan: &Plan{Name: evil}, Industry: evil, Website: evil},
		Channel:            &Channel{Initial: evil, Current: evil},
		ExternalReferences: []ExternalReference{{Type: evil, ID: evil}},
		SalesAgent:         &SalesAgent{Outcome: evil, CollectedData: map[string]json.RawMessage{evil: json.RawMessage(`"` + "x\\u001b[2Jy" + `"`)}},
		Scorecards:         []Scorecard{{Name: evil, Evaluators: []Evaluator{{Result: &EvaluatorResult{Reasoning: evil}}}}},
		MonitorEvaluations: []MonitorEvaluation{{MonitorName: evil, Explanation: evil}},
		AITopics:           &AITopics{Topics: []AITopic{{TopicName: evil, Subtopics: []AISubtopic{{Name: evil}}}}},
		Ticket:             &Ticket{TicketState: TicketState{InternalLabel: evil}, TicketStateExternalLabel: evil},
		Source:             Source{Recipients: []Recipient{{Email: evil, DropReason: evil}}},
	}
	Clean(c, nil)
	for _, s := range []string{c.Company.Name, c.Company.Plan.Name, c.Company.Industry, c.Channel.Initial, c.ExternalReferences[0].Type,
		string(c.ExternalReferences[0].ID), c.SalesAgent.Outcome, c.Scorecards[0].Name, c.Scorecards[0].Evaluators[0].Result.Reasoning,
		c.MonitorEvaluations[0].Explanation, c.AITopics.Topics[0].Subtopics[0].Name, c.Ticket.State().InternalLabel,
		c.Ticket.State().ExternalLabel, c.Source.Recipients[0].DropReason} {
		if s != "xy" {
			t.Errorf("cleaned to %q, want %q", s, "xy")
		}
	}
	for k, v := range c.SalesAgent.CollectedData {
		if k != "xy" || string(v) != `"xy"` {
			t.Errorf("collected data %q: %s, want xy: \"xy\"", k, v)
		}
	}
}
