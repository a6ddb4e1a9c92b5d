package render

import (
	"cmp"
	"encoding/json"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// eventDesc is what an event part did, in words.
type eventDesc struct {
	text  string
	until time.Time // snoozes only
}

// eventDetails is the union of the event_details shapes Intercom documents
// (API 2.13+ and Unstable). Each part type fills the few fields it has.
type eventDetails struct {
	Attribute struct {
		Name string `json:"name"`
	} `json:"attribute"`
	Value struct {
		Name     json.RawMessage `json:"name"`
		Previous json.RawMessage `json:"previous"`
	} `json:"value"`
	Action struct {
		Name   string `json:"name"`
		Result string `json:"result"`
	} `json:"action"`
	Workflow struct {
		Name string `json:"name"`
	} `json:"workflow"`
	Event struct {
		Type   string `json:"type"`
		Result string `json:"result"`
	} `json:"event"`
	TagsAdded       []string `json:"tags_added"`
	TagsRemoved     []string `json:"tags_removed"`
	Until           string   `json:"until"`
	CustomUntilTime string   `json:"custom_until_time"`
	CurrentPriority string   `json:"current_priority"`
	PrevPriority    string   `json:"previous_priority"`
	SLAName         string   `json:"sla_name"`
	SLATargetType   string   `json:"sla_target_type"`
}

// describe summarises part i in one sanitised line that starts with who
// did it.
func describe(c *api.Conversation, i int, p *people, who string) eventDesc {
	part := c.ConversationParts.Parts[i]
	var d eventDetails
	if len(part.EventDetails) > 0 {
		// A shape we do not know leaves d empty: the summary gets vaguer,
		// never wrong or failed.
		_ = json.Unmarshal(part.EventDetails, &d)
	}
	line := func(s string) eventDesc { return eventDesc{text: oneLine(s)} }
	switch pt := part.PartType; pt {
	case "open":
		return line(who + " reopened the conversation")
	case "close":
		return line(who + " closed the conversation")
	case "unsnoozed", "note_and_unsnooze":
		return line(who + " unsnoozed the conversation")
	case "timer_unsnooze":
		return line("The snooze ended: " + who + " reopened the conversation")
	case "snoozed":
		return snoozed(c, i, d, who)
	case "assignment", "default_assignment", "away_mode_assignment", "message_strategy_assignment",
		"workflow_assignment", "balanced_assignment":
		if unassigns(part.AssignedTo) {
			return line(who + " unassigned the conversation")
		}
		return line(who + " assigned the conversation" + assignee(part.AssignedTo, part.Author, p))
	case "assign_and_reopen":
		if unassigns(part.AssignedTo) {
			return line(who + " reopened and unassigned the conversation")
		}
		return line(who + " reopened and assigned the conversation" + assignee(part.AssignedTo, part.Author, p))
	case "assign_and_unsnooze":
		if unassigns(part.AssignedTo) {
			return line(who + " unsnoozed and unassigned the conversation")
		}
		return line(who + " unsnoozed and assigned the conversation" + assignee(part.AssignedTo, part.Author, p))
	case "transfer":
		return line(who + " transferred the conversation" + assignee(part.AssignedTo, part.Author, p))
	case "note_and_reopen":
		return line(who + " reopened the conversation")
	case "conversation_rating_changed":
		return line(who + " rated the conversation" + rating(c, false))
	case "conversation_rating_remark_added":
		return line(who + " added a remark to the rating" + rating(c, true))
	case "merged_primary_conversation":
		return line(who + " merged another conversation into this one")
	case "ticket_state_updated_by_admin":
		if len(part.EventDetails) == 0 { // a ticket's own part: its states say
			word := func(s string) string { return strings.ReplaceAll(s, "_", " ") } // in_progress
			return line(who + " changed the ticket's state" + states(word(part.PreviousTicketState), word(part.TicketState)))
		}
		return line(who + " changed the ticket's state" + change(d))
	case "ticket_attribute_updated_by_admin":
		return line(who + strings.Replace(attributeUpdate(d), "a conversation attribute", "a ticket attribute", 1))
	case "priority_changed_by_rule":
		return line(who + priorityChange(d) + " (by a rule)")
	case "user_became_idle":
		return line(who + " became idle")
	case "channel_and_reply_time_expectation":
		return line(who + " told the customer when the team replies")
	case "call_summary":
		return line(who + " summarised the call")
	case "language_detection_details":
		return line(who + " detected the conversation's language")
	case "fin_guidance_applied":
		return line(who + " applied Fin guidance")
	case "participant":
		return line(who + " changed the participants" + participant(part.AssignedTo, p))
	case "attribute_collector":
		return line(who + " asked for " + cmp.Or(oneLine(d.Attribute.Name), "an attribute"))
	case "attribute_collected":
		return line(who + " collected " + cmp.Or(oneLine(d.Attribute.Name), "an attribute"))
	case "resolution_bot_found_no_answer":
		return line(who + " found no answer")
	case "company_updated":
		return line(who + " updated the company")
	case "conversation_attribute_updated_by_admin", "conversation_attribute_updated_by_user",
		"conversation_attribute_updated_by_workflow":
		return line(who + attributeUpdate(d))
	case "custom_action_started":
		return line(who + " started " + cmp.Or(oneLine(d.Action.Name), "a custom action"))
	case "custom_action_finished":
		s := who + " finished " + cmp.Or(oneLine(d.Action.Name), "a custom action")
		if r := oneLine(d.Action.Result); r != "" {
			s += " (" + words(r) + ")"
		}
		return line(s)
	case "conversation_tags_updated":
		return line(who + tagChange(d.TagsAdded, d.TagsRemoved))
	case "priority_changed":
		return line(who + priorityChange(d))
	case "operator_workflow_event":
		return line(who + workflowEvent(d))
	case "participant_added":
		return line(who + " added a participant" + participant(part.AssignedTo, p))
	case "participant_removed":
		return line(who + " removed a participant" + participant(part.AssignedTo, p))
	default:
		if strings.HasPrefix(pt, "conversation_sla_") {
			return line(slaEvent(pt, d, who))
		}
		if len(part.Tags) > 0 {
			names := make([]string, 0, len(part.Tags))
			for _, t := range part.Tags {
				names = append(names, t.Name)
			}
			return line(who + tagChange(names, nil))
		}
		if offersQuickReplies(part) {
			opts := make([]string, 0, len(part.Metadata.QuickReplyOptions))
			for _, o := range part.Metadata.QuickReplyOptions {
				opts = append(opts, o.Text)
			}
			return line(who + " offered quick replies: " + joinClean(opts))
		}
		return line(who + ": " + cmp.Or(words(pt), "event"))
	}
}

// snoozed describes a snooze and when it ends: from event_details when the
// API sends them, else, for the latest snooze of a conversation still
// snoozed, from the conversation's snoozed_until.
func snoozed(c *api.Conversation, i int, d eventDetails, who string) eventDesc {
	ev := eventDesc{text: who + " snoozed the conversation"}
	if t, err := time.Parse(time.RFC3339, d.CustomUntilTime); err == nil {
		ev.until = t
	} else if u := oneLine(d.Until); u != "" {
		if !strings.HasPrefix(u, "until ") {
			u = "until " + u
		}
		ev.text += " " + u
	} else if c.State == "snoozed" && !c.SnoozedUntil.IsZero() && lastOfType(c, i) {
		ev.until = c.SnoozedUntil.Time()
	}
	ev.text = oneLine(ev.text)
	return ev
}

// lastOfType reports whether part i is the last part of its type.
func lastOfType(c *api.Conversation, i int) bool {
	parts := c.ConversationParts.Parts
	for _, p := range parts[i+1:] {
		if p.PartType == parts[i].PartType {
			return false
		}
	}
	return true
}

// unassigns reports an assignment to nobody: id 0 or null, or the
// "nobody_admin" Intercom's assignment rules use.
func unassigns(to *api.Ref) bool {
	return to != nil && (!to.ID.Set() || strings.EqualFold(to.Type, "nobody_admin"))
}

// assignee is " to Sam Lee", " to team 5017691", " to themselves", or ""
// when the part does not say.
func assignee(to *api.Ref, by api.Author, p *people) string {
	if to == nil {
		return ""
	}
	t := strings.ToLower(to.Type)
	switch {
	case to.ID == by.ID && strings.EqualFold(to.Type, by.Type):
		return " to themselves"
	case t == "team":
		return " to " + p.team(to.ID)
	case isContactType(t):
		return " to " + p.contactName(to.ID)
	default:
		return " to " + p.admin(to.ID)
	}
}

// participant names who was added or removed, when the part says.
func participant(to *api.Ref, p *people) string {
	if to == nil || !to.ID.Set() {
		return ""
	}
	if isContactType(to.Type) {
		return ": " + p.contactName(to.ID)
	}
	return ": " + p.admin(to.ID)
}

// contactName names a contact by id: "Joe Bloggs", else "contact <id>".
func (p *people) contactName(id api.ID) string {
	s := oneLine(string(id))
	if c := p.contacts[s]; c.name != "" {
		return c.name
	}
	return "contact " + s
}

// attributeUpdate is " set jira_issue_key to PROJ-007".
func attributeUpdate(d eventDetails) string {
	name := oneLine(d.Attribute.Name)
	if name == "" {
		return " updated a conversation attribute"
	}
	s := " set " + name + " to " + jsonText(d.Value.Name)
	if prev := jsonText(d.Value.Previous); prev != "—" {
		s += " (was " + prev + ")"
	}
	if wf := oneLine(d.Workflow.Name); wf != "" {
		s += " (workflow " + wf + ")"
	}
	return s
}

// tagChange is " tagged: a, b; untagged: c".
func tagChange(added, removed []string) string {
	var parts []string
	if list := joinClean(added); list != "" {
		parts = append(parts, "tagged: "+list)
	}
	if list := joinClean(removed); list != "" {
		parts = append(parts, "untagged: "+list)
	}
	if len(parts) == 0 {
		return " changed the tags"
	}
	return " " + strings.Join(parts, "; ")
}

// joinClean sanitises and joins the non-empty names.
func joinClean(names []string) string {
	var out []string
	for _, n := range names {
		if n = oneLine(n); n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

// rating is " 4/5 ★★★★☆" or, with remark, `: "Quick and kind"`: the
// conversation's rating, which the rating's parts leave out.
func rating(c *api.Conversation, remark bool) string {
	r := c.ConversationRating
	switch {
	case r == nil:
		return ""
	case remark && r.Remark != "":
		return `: "` + ansi.Truncate(oneLine(r.Remark), 80, "…") + `"`
	case !remark && r.Rating != 0:
		return " " + stars(r.Rating)
	}
	return ""
}

// change is " from a to b" of event details that name a previous and a
// current value, or "".
func change(d eventDetails) string {
	unset := func(s string) string { // jsonText's "—" for a missing value
		if s == "—" {
			return ""
		}
		return s
	}
	return states(unset(jsonText(d.Value.Previous)), unset(jsonText(d.Value.Name)))
}

// states is " from prev to cur", " to cur" without prev, "" without cur.
func states(prev, cur string) string {
	switch {
	case cur != "" && prev != "":
		return " from " + prev + " to " + cur
	case cur != "":
		return " to " + cur
	}
	return ""
}

// priorityChange is " changed the priority from none to high".
func priorityChange(d eventDetails) string {
	cur, prev := oneLine(d.CurrentPriority), oneLine(d.PrevPriority)
	switch {
	case cur != "" && prev != "":
		return " changed the priority from " + prev + " to " + cur
	case cur != "":
		return " set the priority to " + cur
	}
	return " changed the priority"
}

// workflowEvent is " ran workflow Custom Bot 1: wait finished (done)".
func workflowEvent(d eventDetails) string {
	s := " ran a workflow"
	if wf := oneLine(d.Workflow.Name); wf != "" {
		s = " ran workflow " + wf
	}
	if ev := words(d.Event.Type); ev != "" {
		s += ": " + ev
	}
	if r := oneLine(d.Event.Result); r != "" {
		s += " (" + r + ")"
	}
	return s
}

// slaEvent describes the conversation_sla_* part types.
func slaEvent(pt string, d eventDetails, who string) string {
	name := "an SLA"
	if n := oneLine(d.SLAName); n != "" {
		name = "SLA " + n
	}
	switch strings.TrimPrefix(pt, "conversation_sla_") {
	case "applied_by_rule", "applied_by_workflow":
		return who + " applied " + name
	case "target_missed":
		s := name + " missed its target"
		if t := words(d.SLATargetType); t != "" {
			s = name + " missed its " + t + " target"
		}
		return s
	case "paused":
		return who + " paused " + name
	case "unpaused":
		return who + " resumed " + name
	case "removed":
		return who + " removed " + name
	}
	return who + ": " + words(pt)
}
