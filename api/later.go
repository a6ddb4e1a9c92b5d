package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
)

// The conversation's fields that API versions after 2.11 add: the
// company's plan (2.15, see Company), the channel, external references,
// the sales agent, QA results (2.16) and AI topics (Unstable).

// Plan is a company's plan.
type Plan struct {
	Type string `json:"type"`
	ID   ID     `json:"id"`
	Name string `json:"name"`
}

// dropHollow leaves out the later fields that came as a value of another
// type: encoding/json allocates an object's pointer before it finds that
// the value is not an object, which would show an empty company.
func (c *Conversation) dropHollow() {
	if c.Company != nil {
		nilIfZero(&c.Company.Plan)
	}
	nilIfZero(&c.Company)
	nilIfZero(&c.Channel)
	nilIfZero(&c.SalesAgent)
	nilIfZero(&c.AITopics)
}

// nilIfZero sets *p to nil when it points to a zero value.
func nilIfZero[T any](p **T) {
	if *p != nil && reflect.ValueOf(*p).Elem().IsZero() {
		*p = nil
	}
}

// Channel is where the conversation began and where it is now (2.16+):
// messenger, email, twitter, zendesk_ticket and others.
type Channel struct {
	Initial string `json:"initial"`
	Current string `json:"current"`
}

// ExternalReference links the conversation to a record in another help desk
// or CRM (2.16+): Type zendesk_ticket, zendesk_sunshine_conversation, ...
type ExternalReference struct {
	Type string `json:"type"`
	ID   ID     `json:"id"`
}

// SalesAgent is what the sales agent made of the conversation (2.16+).
// Outcome is qualified, disqualified, product_discovery,
// escalated_to_support or spam.
type SalesAgent struct {
	Outcome        string `json:"outcome"`
	RoutingOutcome string `json:"routing_outcome"`
	// CollectedData is documented as strings; values of other types are
	// kept as sent.
	CollectedData map[string]json.RawMessage `json:"collected_data"`
}

// Scorecard is one QA scorecard's result (2.16+, with include_scorecards).
type Scorecard struct {
	ScorecardID      ID                `json:"scorecard_id"`
	Name             string            `json:"name"`
	ScorecardType    string            `json:"scorecard_type"`
	Passed           Verdict           `json:"passed"`
	Score            Number            `json:"score"`
	AIScore          Number            `json:"ai_score"`
	EvaluatedAt      Time              `json:"evaluated_at"`
	ReviewedTeammate *ReviewedTeammate `json:"reviewed_teammate"`
	Evaluators       []Evaluator       `json:"evaluators"`
}

// ReviewedTeammate is who a scorecard reviewed: Type admin (with AdminID) or ai.
type ReviewedTeammate struct {
	Type    string `json:"type"`
	AdminID ID     `json:"admin_id"`
}

// Evaluator is one evaluator of a scorecard and its result.
type Evaluator struct {
	EvaluatorID ID               `json:"evaluator_id"`
	Result      *EvaluatorResult `json:"result"`
}

// EvaluatorResult is an evaluator's verdict and why.
type EvaluatorResult struct {
	Value     string `json:"value"`
	Source    string `json:"source"`
	Reasoning string `json:"reasoning" clean:"text"`
	OtherText string `json:"other_text" clean:"text"`
}

// MonitorEvaluation is a QA monitor that looked at the conversation (2.16+,
// with include_monitors); Result is flagged or another word.
type MonitorEvaluation struct {
	MonitorID   ID     `json:"monitor_id"`
	MonitorName string `json:"monitor_name"`
	MonitorType string `json:"monitor_type"`
	Result      string `json:"result"`
	Explanation string `json:"explanation" clean:"text"`
	EvaluatedAt Time   `json:"evaluated_at"`
}

// AITopics are the topics the AI found in the conversation (Unstable).
type AITopics struct {
	Type   string    `json:"type"`
	Topics []AITopic `json:"topics"`
}

// AITopic is one topic and its subtopics.
type AITopic struct {
	Type      string       `json:"type"`
	TopicName string       `json:"topic_name"`
	Subtopics []AISubtopic `json:"subtopics"`
}

// AISubtopic is a subtopic of an AITopic.
type AISubtopic struct {
	Type string `json:"type"`
	ID   ID     `json:"id"`
	Name string `json:"name"`
}

// TicketState is a ticket's state: an object (2.12+) with the workspace's
// labels, or in 2.11 a string, read into Category. Category is submitted,
// in_progress, waiting_on_customer or resolved.
type TicketState struct {
	Type          string `json:"type"`
	ID            ID     `json:"id"`
	Category      string `json:"category"`
	InternalLabel string `json:"internal_label"`
	ExternalLabel string `json:"external_label"`
}

// UnmarshalJSON reads either form, and never fails: another type is no state.
func (s *TicketState) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*s = TicketState{}
	switch {
	case len(b) == 0:
	case b[0] == '"':
		_ = json.Unmarshal(b, &s.Category)
	case b[0] == '{':
		type plain TicketState // the same fields without this method
		var p plain
		_ = json.Unmarshal(b, &p) // a field of the wrong type stays empty
		*s = TicketState(p)
	}
	return nil
}

// State is the ticket's state with 2.11's labels, which sit beside the
// string, filled in where the object form has none.
func (t *Ticket) State() TicketState {
	s := t.TicketState
	if s.InternalLabel == "" {
		s.InternalLabel = t.TicketStateInternalLabel
	}
	if s.ExternalLabel == "" {
		s.ExternalLabel = t.TicketStateExternalLabel
	}
	return s
}

// Title is the ticket's title: the _default_title_ attribute every ticket
// type has, when it is a string.
func (t *Ticket) Title() string {
	var s string
	if json.Unmarshal(t.TicketAttributes["_default_title_"], &s) != nil {
		return ""
	}
	return oneLine(s)
}

// Number is a figure Intercom sends as an integer or a float (a monthly
// spend, a score), kept as written so that 155.5 stays 155.5. Null, and
// anything that is not a number, is empty.
type Number string

// UnmarshalJSON accepts a number or a string holding one, and never fails.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		_ = json.Unmarshal(b, &s) // not a string: s stays "", no number
		b = bytes.TrimSpace([]byte(s))
	}
	*n = ""
	if isJSONNumber(b) {
		*n = Number(b)
	}
	return nil
}

// isJSONNumber reports whether b is one finite JSON number, so that a
// Number can be written back into JSON as it is.
func isJSONNumber(b []byte) bool {
	if len(b) == 0 || !(b[0] == '-' || b[0] >= '0' && b[0] <= '9') || !json.Valid(b) {
		return false
	}
	_, err := strconv.ParseFloat(string(b), 64)
	return err == nil
}

// Float is the number's value, and false when there is none.
func (n Number) Float() (float64, bool) {
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

// Verdict is a yes or no that may be missing: Intercom sends null when a
// scorecard has no verdict yet, and a value of another type is no verdict.
type Verdict int8

// The verdicts.
const (
	VerdictNone Verdict = iota
	VerdictYes
	VerdictNo
)

// UnmarshalJSON reads true, false, and anything else as VerdictNone.
func (v *Verdict) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*v = VerdictYes
	case "false":
		*v = VerdictNo
	default:
		*v = VerdictNone
	}
	return nil
}
