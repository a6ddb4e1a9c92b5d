package render

import "strings"

// visibility says who could see a part's body, by its type.
type visibility int

const (
	// public: a body the customer saw, a reply, or one that came with a
	// change (reply and close, reply and assign).
	public visibility = iota
	// internal: a note, for teammates only.
	internal
	// boilerplate: an event, whatever its body says ("The team typically
	// replies in a few hours"), hidden with the other events.
	boilerplate
	// unrecognised: a type convo does not know. Its body is shown with a
	// neutral badge, never as a public reply.
	unrecognised
)

// partTypes are the part types of Intercom's part-type table, its 2.11 to
// 2.16 and Unstable descriptions and the payloads seen in the wild, by
// who could see their body. Any type with "note" in it is internal, known
// or not (see visibilityOf).
var partTypes = map[string]visibility{
	"comment": public, "quick_reply": public,
	"open": public, "close": public, "snoozed": public, "unsnoozed": public, "timer_unsnooze": public,
	"assignment": public, "assign_and_reopen": public, "assign_and_unsnooze": public,
	"default_assignment": public, "away_mode_assignment": public, "message_strategy_assignment": public,
	"workflow_assignment": public, "balanced_assignment": public, "transfer": public,
	"participant": public, "participant_added": public, "participant_removed": public,
	"conversation_attribute_updated_by_admin": public, "conversation_attribute_updated_by_user": public,
	"conversation_attribute_updated_by_workflow": public, "custom_action_started": public,
	"custom_action_finished": public, "conversation_tags_updated": public, "operator_workflow_event": public,
	"priority_changed": public, "priority_changed_by_rule": public,
	"conversation_rating_changed": public, "conversation_rating_remark_added": public,
	"merged_primary_conversation": public, "ticket_state_updated_by_admin": public,
	"ticket_attribute_updated_by_admin": public, "user_became_idle": public,
	"language_detection_details": public, "fin_guidance_applied": public,
	"attribute_collector": public, "attribute_collected": public,
	"resolution_bot_found_no_answer": public, "company_updated": public,
	"call_summary":                       internal, // a summary for the team, not sent to the customer
	"channel_and_reply_time_expectation": boilerplate,
}

// KindBadge is what marks an item that is not a public reply: "internal
// note", or "unrecognised part (type)"; "" for any other.
func (it Item) KindBadge() string {
	switch it.Kind {
	case KindNote:
		return "internal note"
	case KindUnrecognised:
		return "unrecognised part (" + words(it.PartType) + ")"
	}
	return ""
}

// visibilityOf classifies a part type. "" is a reply: old payloads leave
// the type out. Any type naming a note is internal, so that a new kind of
// note can never pass for a reply; the SLA events are a family.
func visibilityOf(partType string) visibility {
	switch {
	case strings.Contains(partType, "note"):
		return internal
	case partType == "" || strings.HasPrefix(partType, "conversation_sla_"):
		return public
	}
	if v, ok := partTypes[partType]; ok {
		return v
	}
	return unrecognised
}
