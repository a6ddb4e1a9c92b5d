package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// TestPartTypes lists every part type convo knows, and some it does not,
// with the kind it takes with a body and without one, and its words.
func TestPartTypes(t *testing.T) {
	const body = "<p>Some text</p>"
	team := &api.Ref{Type: "team", ID: "5017691"}
	admin := &api.Ref{Type: "admin", ID: "42"}
	tests := []struct {
		partType string
		withBody Kind // the kind of a part with a body
		event    string
		to       *api.Ref
		details  string
	}{
		{"comment", KindMessage, "Sam Lee: comment", nil, ""},
		{"quick_reply", KindMessage, "Sam Lee: quick reply", nil, ""},
		{"", KindMessage, "Sam Lee: event", nil, ""},
		{"note", KindNote, "Sam Lee: note", nil, ""},
		{"note_and_reopen", KindNote, "Sam Lee reopened the conversation", nil, ""},
		{"note_and_unsnooze", KindNote, "Sam Lee unsnoozed the conversation", nil, ""},
		{"private_note_v2", KindNote, "Sam Lee: private note v2", nil, ""},
		{"call_summary", KindNote, "Sam Lee summarised the call", nil, ""},
		{"open", KindMessage, "Sam Lee reopened the conversation", nil, ""},
		{"close", KindMessage, "Sam Lee closed the conversation", nil, ""},
		{"snoozed", KindMessage, "Sam Lee snoozed the conversation", nil, ""},
		{"unsnoozed", KindMessage, "Sam Lee unsnoozed the conversation", nil, ""},
		{"timer_unsnooze", KindMessage, "The snooze ended: Sam Lee reopened the conversation", nil, ""},
		{"assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"default_assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"away_mode_assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"message_strategy_assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"workflow_assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"balanced_assignment", KindMessage, "Sam Lee assigned the conversation to team 5017691", team, ""},
		{"assign_and_reopen", KindMessage, "Sam Lee reopened and assigned the conversation to team 5017691", team, ""},
		{"assign_and_unsnooze", KindMessage, "Sam Lee unsnoozed and assigned the conversation to team 5017691", team, ""},
		{"transfer", KindMessage, "Sam Lee transferred the conversation to team 5017691", team, ""},
		{"participant", KindMessage, "Sam Lee changed the participants: Sam Lee", admin, ""},
		{"participant_added", KindMessage, "Sam Lee added a participant: Sam Lee", admin, ""},
		{"participant_removed", KindMessage, "Sam Lee removed a participant: Sam Lee", admin, ""},
		{"conversation_attribute_updated_by_admin", KindMessage, "Sam Lee set Plan to Pro (was Free)", nil, `{"attribute":{"name":"Plan"},"value":{"name":"Pro","previous":"Free"}}`},
		{"conversation_attribute_updated_by_user", KindMessage, "Sam Lee updated a conversation attribute", nil, ""},
		{"conversation_attribute_updated_by_workflow", KindMessage, "Sam Lee updated a conversation attribute", nil, ""},
		{"custom_action_started", KindMessage, "Sam Lee started a custom action", nil, ""},
		{"custom_action_finished", KindMessage, "Sam Lee finished a custom action", nil, ""},
		{"conversation_tags_updated", KindMessage, "Sam Lee tagged: VIP", nil, `{"tags_added":["VIP"]}`},
		{"operator_workflow_event", KindMessage, "Sam Lee ran a workflow", nil, ""},
		{"priority_changed", KindMessage, "Sam Lee set the priority to priority", nil, `{"current_priority":"priority"}`},
		{"priority_changed_by_rule", KindMessage, "Sam Lee set the priority to priority (by a rule)", nil, `{"current_priority":"priority"}`},
		{"conversation_rating_changed", KindMessage, "Sam Lee rated the conversation ★★★★☆ 4/5", nil, ""},
		{"conversation_rating_remark_added", KindMessage, `Sam Lee added a remark to the rating: "Quick and kind"`, nil, ""},
		{"merged_primary_conversation", KindMessage, "Sam Lee merged another conversation into this one", nil, ""},
		{"ticket_state_updated_by_admin", KindMessage, "Sam Lee changed the ticket's state from submitted to in_progress", nil, `{"value":{"name":"in_progress","previous":"submitted"}}`},
		{"ticket_attribute_updated_by_admin", KindMessage, "Sam Lee updated a ticket attribute", nil, ""},
		{"user_became_idle", KindMessage, "Sam Lee became idle", nil, ""},
		{"language_detection_details", KindMessage, "Sam Lee detected the conversation's language", nil, ""},
		{"fin_guidance_applied", KindMessage, "Sam Lee applied Fin guidance", nil, ""},
		{"attribute_collector", KindMessage, "Sam Lee asked for Email", nil, `{"attribute":{"name":"Email"}}`},
		{"attribute_collected", KindMessage, "Sam Lee collected an attribute", nil, ""},
		{"resolution_bot_found_no_answer", KindMessage, "Sam Lee found no answer", nil, ""},
		{"company_updated", KindMessage, "Sam Lee updated the company", nil, ""},
		{"conversation_sla_target_missed", KindMessage, "an SLA missed its target", nil, ""},
		{"channel_and_reply_time_expectation", KindEvent, "Sam Lee told the customer when the team replies", nil, ""},
		{"mystery_event", KindUnrecognised, "Sam Lee: mystery event", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.partType, func(t *testing.T) {
			part := api.Part{PartType: tt.partType, Author: sam(), AssignedTo: tt.to}
			if tt.details != "" {
				part.EventDetails = json.RawMessage(tt.details)
			}
			c := conv(part)
			c.ConversationRating = &api.Rating{Rating: 4, Remark: "Quick and kind"}
			bare := Items(c, nil)
			got := bare[len(bare)-1]
			if got.Kind != KindEvent || got.Event != tt.event {
				t.Errorf("without a body: %v %q, want an event %q", got.Kind, got.Event, tt.event)
			}
			c.ConversationParts.Parts[len(c.ConversationParts.Parts)-1].Body = body
			full := Items(c, nil)
			if got := full[len(full)-1]; got.Kind != tt.withBody {
				t.Errorf("with a body: %v, want %v", got.Kind, tt.withBody)
			}
		})
	}
}

// TestUnrecognisedPartsAreMarked shows that a part of an unknown type with
// a body never reads as a public reply, in any output.
func TestUnrecognisedPartsAreMarked(t *testing.T) {
	c := conv(api.Part{PartType: "mystery_event", Body: "<p>Who saw this?</p>", Author: sam()})
	it := Items(c, nil)[2]
	if it.Kind != KindUnrecognised || it.KindBadge() != "unrecognised part (mystery event)" || it.Kind.String() != "unrecognised" {
		t.Fatalf("kind %v, badge %q", it.Kind, it.KindBadge())
	}
	r, err := NewRenderer(80, PlainStyles())
	if err != nil {
		t.Fatal(err)
	}
	if block := ansi.Strip(r.Block(it, time.UTC)); !strings.Contains(block, "unrecognised part (mystery event)") {
		t.Errorf("the block lacks the badge:\n%s", block)
	}
	for _, f := range formats {
		var b bytes.Buffer
		if err := f.write(&b, c, testOptions()); err != nil {
			t.Fatal(err)
		}
		want := "unrecognised part (mystery event)"
		if f.ext == "json" {
			want = `"kind": "unrecognised"`
		}
		if !strings.Contains(strings.ToLower(b.String()), want) {
			t.Errorf("%s output lacks the badge:\n%s", f.ext, b.String())
		}
	}
}
