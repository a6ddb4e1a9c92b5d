package render

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/convo-cli/convo/api"
)

// The details rows of the fields later API versions add: the company
// (2.15), the channel, external references, the sales agent, QA results
// (2.16), AI topics (Unstable), and the ticket's state labels (2.12).

func companyRows(c *api.Conversation) []Row {
	co := c.Company
	if co == nil {
		return nil
	}
	var r rows
	r.add("Name", co.Name, ToneNormal)
	if co.Plan != nil {
		r.add("Plan", co.Plan.Name, ToneNormal)
	}
	r.add("Monthly spend", figure(co.MonthlySpend), ToneNormal)
	r.add("Users", figure(co.UserCount), ToneNormal)
	r.add("Employees", figure(co.Size), ToneNormal)
	r.add("Industry", co.Industry, ToneNormal)
	r.add("Website", website(co.Website), ToneNormal)
	r.addID("ID", string(cmp.Or(co.CompanyID, co.ID)), ToneDim)
	return r
}

// figure is a number as people read it: a whole number with commas
// between thousands, any other as Intercom wrote it.
func figure(n api.Number) string {
	if i, err := strconv.Atoi(string(n)); err == nil {
		return FormatCount(i)
	}
	return string(n)
}

// website is a company's website as a safe link. Workspaces often type
// the bare domain ("acme.com"), which is read as https.
func website(s string) string {
	if u := SafeURL(s); u != "" || strings.Contains(s, ":") {
		return u
	}
	return SafeURL("https://" + s)
}

// channelText is where the conversation began and, when it moved, where
// it is now: "email → messenger". Before 2.16 it is the source's type.
func channelText(c *api.Conversation) string {
	ch := c.Channel
	if ch == nil {
		return words(c.Source.Type)
	}
	if ch.Current == "" || ch.Current == ch.Initial {
		return words(ch.Initial)
	}
	return joinNonEmpty(" → ", words(ch.Initial), words(ch.Current))
}

// externalRows are the records in other help desks the conversation is
// linked to: "Zendesk ticket 3633338".
func externalRows(c *api.Conversation) []Row {
	var r rows
	for _, x := range c.ExternalReferences {
		r.add("External", joinNonEmpty(" ", capitalise(words(x.Type)), string(x.ID)), ToneNormal)
	}
	return r
}

// capitalise puts the first letter of s in upper case.
func capitalise(s string) string {
	if s == "" {
		return ""
	}
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:]
}

// outcomes words the sales agent's outcomes.
var outcomes = map[string]worded{
	"qualified":            {"qualified", ToneGood},
	"disqualified":         {"disqualified", ToneDim},
	"product_discovery":    {"product discovery", ToneNormal},
	"escalated_to_support": {"escalated to support", ToneWarn},
	"spam":                 {"spam", ToneDim},
}

func salesAgentRows(c *api.Conversation) []Row {
	s := c.SalesAgent
	if s == nil && !c.SalesAgentParticipated {
		return nil
	}
	var r rows
	r.add("Participated", map[bool]string{true: "yes", false: "no"}[c.SalesAgentParticipated], ToneNormal)
	if s == nil {
		return r
	}
	if o, ok := outcomes[s.Outcome]; ok {
		r.add("Outcome", o.text, o.tone)
	} else {
		r.add("Outcome", words(s.Outcome), ToneNormal)
	}
	r.add("Routed to", words(s.RoutingOutcome), ToneNormal)
	return append(r, keyedRows(s.CollectedData)...)
}

// keyedRows are a map of JSON values as rows in key order, each value on
// one line (see jsonText); an object or a list also as a tree (see
// jsonTree), and a value named an id ("order_id") marked as one.
func keyedRows(m map[string]json.RawMessage) []Row {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var r rows
	for _, k := range keys {
		value := jsonText(m[k])
		r = append(r, Row{Label: cmp.Or(k, "—"), Value: value, Tone: ToneNormal,
			ID: namesID(k) && !strings.Contains(value, " "), Tree: jsonTree(m[k])})
	}
	return r
}

// namesID reports whether an attribute's name says its value is an
// identifier: "id", "order_id", "Order ID", "orderId".
func namesID(key string) bool {
	return strings.EqualFold(key, "id") || strings.HasSuffix(key, "Id") ||
		strings.HasSuffix(strings.ToLower(key), "_id") || strings.HasSuffix(strings.ToLower(key), " id")
}

// qaRows are the QA scorecards and the monitors that flagged the
// conversation, one row each: the reasoning is in the JSON output.
func qaRows(c *api.Conversation) []Row {
	var r rows
	for _, s := range c.Scorecards {
		verdict, tone := verdictText(s.Passed)
		r.add("Scorecard", joinNonEmpty(" · ", cmp.Or(s.Name, "unnamed"), verdict, scoreText("score", s.Score),
			scoreText("AI score", s.AIScore)), tone)
	}
	for _, m := range c.MonitorEvaluations {
		tone := ToneNormal
		if m.Result == "flagged" {
			tone = ToneWarn
		}
		r.add("Monitor", joinNonEmpty(" · ", cmp.Or(m.MonitorName, "unnamed"), words(m.Result)), tone)
		r.add("Why", oneLine(m.Explanation), ToneDim)
	}
	return r
}

func verdictText(v api.Verdict) (string, Tone) {
	switch v {
	case api.VerdictYes:
		return "passed", ToneGood
	case api.VerdictNo:
		return "failed", ToneBad
	}
	return "", ToneNormal
}

func scoreText(label string, n api.Number) string {
	if n == "" {
		return ""
	}
	return label + " " + string(n)
}

// topicRows are the AI's topics: "Billing · Refunds, Payment issues".
func topicRows(c *api.Conversation) []Row {
	if c.AITopics == nil {
		return nil
	}
	var r rows
	for _, t := range c.AITopics.Topics {
		subs := make([]string, 0, len(t.Subtopics))
		for _, s := range t.Subtopics {
			subs = append(subs, s.Name)
		}
		r.add("Topic", joinNonEmpty(" · ", t.TopicName, joinNonEmpty(", ", subs...)), ToneNormal)
	}
	return r
}

// recipientRows are an email's addresses: "To", "CC", "BCC" and
// "Reply-To"; a recipient Intercom did not send to is dim, with why.
func recipientRows(s api.Source) []Row {
	var r rows
	for _, x := range s.Recipients {
		if x.DropReason != "" {
			r.add(recipientLabel(x.Type), joinNonEmpty(" · ", address(x), "dropped: "+words(x.DropReason)), ToneDim)
			continue
		}
		r.add(recipientLabel(x.Type), address(x), ToneNormal)
	}
	for _, x := range s.ReplyTo {
		r.add("Reply-To", address(x), ToneNormal)
	}
	return r
}

func recipientLabel(t string) string {
	switch strings.ToLower(t) {
	case "to":
		return "To"
	case "cc":
		return "CC"
	case "bcc":
		return "BCC"
	case "":
		return "Recipient"
	}
	return capitalise(words(t))
}

// address is "Name <email>", or whichever of the two there is.
func address(x api.Recipient) string {
	if x.Name == "" || x.Email == "" {
		return x.Name + x.Email
	}
	return x.Name + " <" + x.Email + ">"
}

// ticketStateRows are the ticket's state as the team calls it, with its
// category ("With Dev Team (in progress)"), and as the customer sees it
// when that differs.
func ticketStateRows(t *api.Ticket) []Row {
	s := t.State()
	category := words(s.Category)
	state := s.InternalLabel
	switch {
	case state == "":
		state = category
	case category != "" && !strings.EqualFold(state, category):
		state += " (" + category + ")"
	}
	tone := ToneNormal
	if s.Category == "resolved" {
		tone = ToneGood
	}
	var r rows
	r.add("State", state, tone)
	if ext := s.ExternalLabel; !strings.EqualFold(ext, cmp.Or(s.InternalLabel, category)) {
		r.add("Customer sees", ext, ToneNormal)
	}
	return r
}

// priorities words the priority of 2.11 (priority, not_priority: a yes or
// no, which "Priority  priority" would only repeat) and of 2.16 (none to
// urgent).
var priorities = map[string]worded{
	"priority":     {"yes", ToneWarn},
	"not_priority": {"no", ToneDim},
	"none":         {"none", ToneDim},
	"low":          {"low", ToneNormal},
	"medium":       {"medium", ToneNormal},
	"high":         {"high", ToneWarn},
	"urgent":       {"urgent", ToneBad},
}

func (r *rows) addPriority(p string) {
	if w, ok := priorities[strings.ToLower(strings.TrimSpace(p))]; ok {
		r.add("Priority", w.text, w.tone)
		return
	}
	r.add("Priority", words(p), ToneNormal)
}
