package render

import (
	"encoding/json"

	"github.com/convo-cli/convo/api"
)

// The JSON output of the fields later API versions add (see context.go).
type (
	jsonTicket struct {
		ID       string           `json:"id"`
		TicketID *string          `json:"ticket_id"`
		Title    *string          `json:"title"`
		TypeName *string          `json:"type_name"`
		Category *string          `json:"category"`
		State    *jsonTicketState `json:"state"`
	}
	jsonTicketState struct {
		ID            *string `json:"id"`
		Category      *string `json:"category"`
		InternalLabel *string `json:"internal_label"`
		ExternalLabel *string `json:"external_label"`
	}
	jsonCompany struct {
		ID           *string         `json:"id"`
		CompanyID    *string         `json:"company_id"`
		Name         *string         `json:"name"`
		Plan         *string         `json:"plan"`
		MonthlySpend json.RawMessage `json:"monthly_spend"`
		UserCount    json.RawMessage `json:"user_count"`
		Size         json.RawMessage `json:"size"`
		Industry     *string         `json:"industry"`
		Website      *string         `json:"website"`
	}
	jsonChannel struct {
		Initial *string `json:"initial"`
		Current *string `json:"current"`
	}
	jsonExternal struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	jsonSalesAgent struct {
		Participated   bool                       `json:"participated"`
		Outcome        *string                    `json:"outcome"`
		RoutingOutcome *string                    `json:"routing_outcome"`
		CollectedData  map[string]json.RawMessage `json:"collected_data"`
	}
	jsonScorecard struct {
		ID               *string          `json:"id"`
		Name             *string          `json:"name"`
		Type             *string          `json:"type"`
		Passed           *bool            `json:"passed"`
		Score            json.RawMessage  `json:"score"`
		AIScore          json.RawMessage  `json:"ai_score"`
		EvaluatedAt      *string          `json:"evaluated_at"`
		ReviewedTeammate *jsonReviewed    `json:"reviewed_teammate"`
		Evaluators       []jsonEvaluation `json:"evaluators"`
	}
	jsonReviewed struct {
		Type      string  `json:"type"`
		AdminID   *string `json:"admin_id"`
		AdminName *string `json:"admin_name"`
	}
	jsonEvaluation struct {
		ID        *string `json:"id"`
		Value     *string `json:"value"`
		Source    *string `json:"source"`
		Reasoning *string `json:"reasoning"`
		OtherText *string `json:"other_text"`
	}
	jsonMonitor struct {
		ID          *string `json:"id"`
		Name        *string `json:"name"`
		Type        *string `json:"type"`
		Result      *string `json:"result"`
		Explanation *string `json:"explanation"`
		EvaluatedAt *string `json:"evaluated_at"`
	}
	jsonTopic struct {
		Name      string   `json:"name"`
		Subtopics []string `json:"subtopics"`
	}
	jsonRecipient struct {
		Type       *string `json:"type"`
		Email      *string `json:"email"`
		Name       *string `json:"name"`
		DropReason *string `json:"drop_reason"`
	}
)

func jsonTicketOf(c *api.Conversation) *jsonTicket {
	t := c.Ticket
	if t == nil {
		return nil
	}
	out := &jsonTicket{ID: string(t.ID), TicketID: opt(string(t.TicketID)), Title: opt(t.Title()), Category: opt(t.Category)}
	if t.TicketType != nil {
		out.TypeName = opt(t.TicketType.Name)
	}
	if s := t.State(); s != (api.TicketState{}) {
		out.State = &jsonTicketState{ID: opt(string(s.ID)), Category: opt(s.Category),
			InternalLabel: opt(s.InternalLabel), ExternalLabel: opt(s.ExternalLabel)}
	}
	return out
}

func jsonCompanyOf(c *api.Conversation) *jsonCompany {
	co := c.Company
	if co == nil {
		return nil
	}
	out := &jsonCompany{
		ID: opt(string(co.ID)), CompanyID: opt(string(co.CompanyID)), Name: opt(co.Name),
		MonthlySpend: number(co.MonthlySpend), UserCount: number(co.UserCount), Size: number(co.Size),
		Industry: opt(co.Industry), Website: opt(website(co.Website)),
	}
	if co.Plan != nil {
		out.Plan = opt(co.Plan.Name)
	}
	return out
}

// number is a figure as a JSON number, as Intercom wrote it, or null.
func number(n api.Number) json.RawMessage {
	if n == "" || !json.Valid([]byte(n)) {
		return json.RawMessage("null")
	}
	return json.RawMessage(n)
}

func jsonChannelOf(c *api.Conversation) *jsonChannel {
	if c.Channel == nil {
		return nil
	}
	return &jsonChannel{Initial: opt(c.Channel.Initial), Current: opt(c.Channel.Current)}
}

func jsonExternalsOf(c *api.Conversation) []jsonExternal {
	out := []jsonExternal{}
	for _, x := range c.ExternalReferences {
		out = append(out, jsonExternal{Type: x.Type, ID: string(x.ID)})
	}
	return out
}

func jsonSalesAgentOf(c *api.Conversation) *jsonSalesAgent {
	s := c.SalesAgent
	if s == nil && !c.SalesAgentParticipated {
		return nil
	}
	out := &jsonSalesAgent{Participated: c.SalesAgentParticipated, CollectedData: map[string]json.RawMessage{}}
	if s == nil {
		return out
	}
	out.Outcome, out.RoutingOutcome = opt(s.Outcome), opt(s.RoutingOutcome)
	out.CollectedData = jsonValues(s.CollectedData)
	return out
}

func jsonScorecardsOf(c *api.Conversation, p *people, o Options) []jsonScorecard {
	out := []jsonScorecard{}
	for _, s := range c.Scorecards {
		js := jsonScorecard{
			ID: opt(string(s.ScorecardID)), Name: opt(s.Name), Type: opt(s.ScorecardType), Passed: verdict(s.Passed),
			Score: number(s.Score), AIScore: number(s.AIScore), EvaluatedAt: stamp(s.EvaluatedAt.Time(), o.Loc),
			Evaluators: []jsonEvaluation{},
		}
		if rt := s.ReviewedTeammate; rt != nil {
			js.ReviewedTeammate = &jsonReviewed{Type: rt.Type, AdminID: opt(string(rt.AdminID)), AdminName: opt(p.staff[string(rt.AdminID)])}
		}
		for _, e := range s.Evaluators {
			je := jsonEvaluation{ID: opt(string(e.EvaluatorID))}
			if r := e.Result; r != nil {
				je.Value, je.Source, je.Reasoning, je.OtherText = opt(r.Value), opt(r.Source), opt(r.Reasoning), opt(r.OtherText)
			}
			js.Evaluators = append(js.Evaluators, je)
		}
		out = append(out, js)
	}
	return out
}

// verdict is a scorecard's pass as true, false or null.
func verdict(v api.Verdict) *bool {
	if v == api.VerdictNone {
		return nil
	}
	passed := v == api.VerdictYes
	return &passed
}

func jsonMonitorsOf(c *api.Conversation, o Options) []jsonMonitor {
	out := []jsonMonitor{}
	for _, m := range c.MonitorEvaluations {
		out = append(out, jsonMonitor{
			ID: opt(string(m.MonitorID)), Name: opt(m.MonitorName), Type: opt(m.MonitorType), Result: opt(m.Result),
			Explanation: opt(m.Explanation), EvaluatedAt: stamp(m.EvaluatedAt.Time(), o.Loc),
		})
	}
	return out
}

func jsonTopicsOf(c *api.Conversation) []jsonTopic {
	out := []jsonTopic{}
	if c.AITopics == nil {
		return out
	}
	for _, t := range c.AITopics.Topics {
		jt := jsonTopic{Name: t.TopicName, Subtopics: []string{}}
		for _, s := range t.Subtopics {
			jt.Subtopics = append(jt.Subtopics, s.Name)
		}
		out = append(out, jt)
	}
	return out
}

// jsonRecipientsOf is an email's recipients or its reply-to addresses.
func jsonRecipientsOf(list []api.Recipient) []jsonRecipient {
	out := []jsonRecipient{}
	for _, x := range list {
		out = append(out, jsonRecipient{Type: opt(x.Type), Email: opt(x.Email), Name: opt(x.Name), DropReason: opt(x.DropReason)})
	}
	return out
}
