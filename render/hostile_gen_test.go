package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// hostilePath is a GET /conversations/{id} response in Intercom's shape
// with hostile text planted in every string field (see hostile), fields of
// surprising JSON types and nulls. Other packages' tests read it too.
// Regenerate it with
//
//	go test ./render -run TestHostileFixture -update
const hostilePath = "testdata/hostile.json"

// rawCSI stands for the raw byte 0x9b until the JSON is written: JSON
// encoding would make it U+FFFD, and the point is to send the byte.
const rawCSI = "@RAW9B@"

// Payload prefixes: none of them may ever reach any output.
const (
	pwnClipboard = "PWN52" // OSC 52 data
	pwnTitle     = "PWN0"  // OSC 0 title
	pwnLink      = "PWN8"  // OSC 8 target
	pwnEntity    = "PWNE"  // entity-encoded OSC 0 title
	pwnDCS       = "PWND"  // DCS request
)

// hostile is the text planted in the field named by marker m. Every
// sequence carries m, so a leak names its field: the payloads (PWN…) must
// vanish with their sequences, and the visible words after the others
// (LNK, CLR, C1U, C1B, RLO, ISO, ENT, E155, RIS, DEL) must never be preceded by
// them.
func hostile(m string) string {
	return m + " " +
		"\x1b]52;c;" + pwnClipboard + m + "\x07" + // write the clipboard
		"\x1b]0;" + pwnTitle + m + "\x07" + // set the window title
		"\x1b]8;;javascript:" + pwnLink + m + "\x1b\\LNK" + m + "\x1b]8;;\x1b\\" + // a javascript: link
		" \x1b[2J\x1b[HCLR" + m + // clear the screen, cursor home
		" \u009b2JC1U" + m + // C1 CSI as UTF-8
		" " + rawCSI + "2JC1B" + m + // C1 CSI as the raw byte
		" \u202eRLO" + m + "\u202c" + // right-to-left override
		" \u2066\u2067\u2068ISO" + m + "\u2069" + // isolates
		" &#27;]0;" + pwnEntity + m + "&#7;" + // entity-encoded OSC 0
		"&#x1b;[2JENT" + m + // hex entity CSI
		" &#155;31mE155" + m + // decimal entity C1 CSI
		" \x1bP+q" + pwnDCS + m + "\x1b\\" + // DCS: request a capability
		" \x1bcRIS" + m + // full reset
		" \x7f\x08\rDEL" + m // DEL, backspace, carriage return
}

// zoo is text that tests layout: a 5,000-character word, CJK, emoji with
// joiners and modifiers, combining marks, tabs and a long URL.
func zoo(m string) string {
	return " ZOO" + m + " " + strings.Repeat("w", 5000) +
		" 日本語のテキスト中文字符한국어 👩\u200d👩\u200d👧 🎉👍🏽❤️🇺🇸 e\u0301\u0301 Z\u0335\u0321\u0334" +
		" tab\there\t\tand\tthere https://example.com/" + strings.Repeat("long-path-", 60)
}

// hostileBody is an HTML body with the planted text in several elements
// and links, images and code that try to get past the policy.
func hostileBody(m string) string {
	return "<p>" + hostile(m) + "</p>" +
		"<p>" + zoo(m) + "</p>" +
		`<p><a href="javascript:alert('` + pwnLink + m + `')">jslink` + m + `</a> ` +
		`<a href="https://ok.example/a&#27;]8;;javascript:x&#7;">oklink` + m + `</a> ` +
		`<a href="data:text/html;base64,PHNjcmlwdD4=">datalink` + m + `</a> ` +
		`<a href="ftp://ftp.example/` + m + `">ftplink` + m + `</a> ftp://bare.example/` + m + ` ` +
		`<img src="file:///etc/passwd" alt="img` + m + `"><script>alert('` + pwnTitle + m + `')</script>` +
		`<style>*{display:none}</style><iframe src="https://evil.example/"></iframe></p>` +
		"<pre><code>code" + m + "\x1b]0;" + pwnTitle + m + "c\x07\t\x1b[2Jcode &#27;[31m</code></pre>" +
		"<blockquote>" + hostile(m+"q") + "</blockquote>" +
		"<ul><li>" + hostile(m+"li") + "</li></ul>" +
		"<table><tr><th>" + hostile(m+"th") + "</th></tr><tr><td>" + strings.Repeat("cell ", 30) + "</td></tr></table>"
}

// hostileConversation builds the response as JSON values.
func hostileConversation() map[string]any {
	h := hostile
	obj := func(kv ...any) map[string]any {
		o := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			o[kv[i].(string)] = kv[i+1]
		}
		return o
	}
	author := func(m, typ string) map[string]any {
		return obj("type", typ, "id", h(m+"Id"), "name", h(m+"Name"), "email", h(m+"Email"))
	}
	attachments := func(m string) []any {
		return []any{
			obj("type", "upload", "name", h(m+"Att1Name")+zoo(m+"Att1"), "url", "javascript:"+h(m+"Att1Url"),
				"content_type", h(m+"Att1Type"), "filesize", 12345, "width", "wide", "height", nil),
			obj("type", h(m+"Att2Kind"), "name", h(m+"Att2Name"), "url", "https://files.example/"+m+"&#27;]52;c;"+pwnClipboard+m+"&#7;",
				"content_type", "image/png", "filesize", "big"),
			obj("type", "upload", "name", "plain"+m+".pdf", "url", "https://files.example/"+m+".pdf", "filesize", 2048),
			nil,
		}
	}
	part := func(n int, typ, authorType string, kv ...any) map[string]any {
		m := fmt.Sprintf("HXpart%d", n)
		p := obj("type", "conversation_part", "id", h(m+"Id"), "part_type", typ, "body", nil,
			"created_at", 1700000000+60*n, "updated_at", 1700000000+60*n, "notified_at", 1700000000+60*n,
			"assigned_to", nil, "author", author(m+"Author", authorType), "attachments", []any{},
			"external_id", h(m+"ExternalId"), "redacted", false, "state", h(m+"State"),
			"tags", []any{},
			"event_details", nil, "app_package_code", h(m+"App"), "email_message_metadata", nil,
			"translations", obj(h(m+"TrKey"), h(m+"TrValue")))
		for i := 0; i < len(kv); i += 2 {
			p[kv[i].(string)] = kv[i+1]
		}
		return p
	}
	parts := []any{
		part(1, "comment", "user", "body", hostileBody("HXpart1Body"), "attachments", attachments("HXpart1"),
			"tags", []any{obj("type", "tag", "id", h("HXpart1TagId"), "name", h("HXpart1TagName"))},
			"email_message_metadata", obj("subject", h("HXpart1EmailSubject"), "message_id", h("HXpart1EmailMessageId"),
				"email_address_headers", []any{
					obj("type", "from", "email_address", h("HXpart1EmailFromAddress"), "name", h("HXpart1EmailFromName")),
					obj("type", h("HXpart1EmailType"), "email_address", h("HXpart1EmailCcAddress"), "name", nil),
					nil, 7, obj("type", "to", "email_address", 42, "name", obj("x", 1)),
				})),
		part(2, "note", "admin", "body", hostileBody("HXpart2Body")),
		part(3, "comment", "bot", "body", "<p>"+h("HXpart3Body")+"</p>",
			"author", obj("type", "bot", "id", h("HXpart3AuthorId"), "name", "Fin", "email", h("HXpart3AuthorEmail"), "from_ai_agent", true)),
		part(4, "assignment", "admin", "assigned_to", obj("type", "admin", "id", h("HXpart4AssignedId"))),
		part(5, "assignment", "admin", "assigned_to", obj("type", "team", "id", h("HXpart5AssignedId"))),
		part(6, "conversation_attribute_updated_by_admin", "admin", "event_details", obj(
			"attribute", obj("name", h("HXpart6AttrName")),
			"value", obj("name", h("HXpart6Value"), "previous", obj("nested", h("HXpart6Previous"))),
			"workflow", obj("name", h("HXpart6Workflow")))),
		part(7, "custom_action_finished", "admin", "event_details", obj(
			"action", obj("name", h("HXpart7Action"), "result", h("HXpart7Result")))),
		part(8, "conversation_tags_updated", "admin", "event_details", obj(
			"tags_added", []any{h("HXpart8Added1"), h("HXpart8Added2"), 42, nil}, "tags_removed", []any{h("HXpart8Removed")})),
		part(9, "priority_changed", "admin", "event_details", obj(
			"current_priority", h("HXpart9Current"), "previous_priority", h("HXpart9Previous"))),
		part(10, "operator_workflow_event", "bot", "event_details", obj(
			"workflow", obj("name", h("HXpart10Workflow")), "event", obj("type", h("HXpart10Type"), "result", h("HXpart10Result")))),
		part(11, "snoozed", "admin", "event_details", obj("until", h("HXpart11Until"), "custom_until_time", h("HXpart11Custom"))),
		part(12, "conversation_sla_target_missed", "bot", "event_details", obj(
			"sla_name", h("HXpart12Sla"), "sla_target_type", h("HXpart12Target"))),
		part(13, "quick_reply", "bot", "body", "<p>"+h("HXpart13Body")+"</p>", "metadata", obj(
			"quick_reply_options", []any{obj("text", h("HXpart13Option1"), "uuid", h("HXpart13Uuid")), obj("text", 7), nil},
			"quick_reply_uuid", h("HXpart13ReplyUuid"))),
		part(14, "participant_added", "admin", "assigned_to", obj("type", "contact", "id", h("HXpart14Participant"))),
		part(15, h("HXpart15PartType"), "admin"),
		part(16, "comment", h("HXpart16AuthorType"), "body", "<p>plain</p>",
			"metadata", obj("quick_reply_uuid", h("HXpart13Uuid"))),
		part(17, "comment", "admin", "redacted", true, "body", h("HXpart17Redacted")),
		part(18, "close", "admin", "body", "plain text body, no tags: "+h("HXpart18Body")+"\nsecond line"),
		part(19, "comment", "admin", "tags", []any{obj("type", "tag", "id", h("HXpart19TagId"), "name", h("HXpart19TagName")), nil}),
		// Surprising types: numbers for strings, strings for numbers, wrong shapes.
		obj("type", 1, "id", 12345, "part_type", 42, "body", 3.14, "created_at", "1700001200", "updated_at", "soon",
			"author", "not an object", "attachments", obj("a", 1), "tags", "tag", "redacted", "yes",
			"event_details", []any{1, 2}, "metadata", 5, "assigned_to", "someone", "translations", []any{}),
		obj("type", "conversation_part", "id", "20", "part_type", "comment", "body", []any{"<p>array body</p>"},
			"author", obj("type", 7, "id", obj("x", 1), "name", 8, "email", false), "created_at", 1.7000012e9),
		// Null everywhere.
		obj("type", nil, "id", nil, "part_type", nil, "body", nil, "created_at", nil, "updated_at", nil,
			"notified_at", nil, "assigned_to", nil, "author", nil, "attachments", nil, "external_id", nil,
			"redacted", nil, "state", nil, "tags", nil, "event_details", nil, "app_package_code", nil,
			"email_message_metadata", nil, "metadata", nil, "translations", nil),
		nil,
	}
	ca := obj(
		h("HXcaKey1"), h("HXcaValue1"),
		"number", 42, "float", 1.5e300, "negative", -0.0001, "bool", true, "null", nil,
		"array", []any{h("HXcaArray"), 1, nil, false, obj("k", h("HXcaArrayObject"))},
		"nested", obj("level1", obj("level2", obj("level3", h("HXcaNested"), "n", 3))),
		"zoo", zoo("HXcaZoo"),
		h("HXcaKey2"), obj(h("HXcaInnerKey"), h("HXcaInnerValue")),
	)
	return obj(
		"type", "conversation",
		"id", h("HXid"),
		"title", h("HXtitle")+zoo("HXtitle"),
		"created_at", 1700000000,
		"updated_at", "1700002000",
		"waiting_since", "soon",
		"snoozed_until", obj("x", 1),
		"open", "true",
		"read", 1,
		"state", h("HXstate"),
		"priority", h("HXpriority"),
		"admin_assignee_id", h("HXadminAssignee"),
		"team_assignee_id", h("HXteamAssignee"),
		"tags", obj("type", "tag.list", "tags", []any{
			obj("type", "tag", "id", h("HXtag1Id"), "name", h("HXtag1Name")+zoo("HXtag1"), "applied_at", "1700000000",
				"applied_by", obj("type", h("HXtag1ByType"), "id", h("HXtag1ById"))),
			obj("type", "tag", "id", 99, "name", 100, "applied_at", nil, "applied_by", nil),
			nil, 42,
		}),
		"conversation_rating", obj("rating", 4, "remark", h("HXratingRemark"), "created_at", 1700000600,
			"contact", obj("type", "contact", "id", h("HXratingContact")), "teammate", obj("type", "admin", "id", h("HXratingTeammate"))),
		"source", obj("type", h("HXsourceType"), "id", h("HXsourceId"), "delivered_as", h("HXsourceDeliveredAs"),
			"subject", "<p>"+h("HXsourceSubject")+"</p>"+zoo("HXsourceSubject"), "body", hostileBody("HXsourceBody"),
			"author", author("HXsourceAuthor", "user"), "attachments", attachments("HXsource"),
			"url", "https://example.com/"+h("HXsourceUrl"), "redacted", false,
			"recipients", []any{obj("type", h("HXrecipientType"), "email", h("HXrecipientEmail"), "name", h("HXrecipientName"),
				"drop_reason", h("HXrecipientDrop"))},
			"reply_to", []any{obj("type", "reply_to", "email", h("HXreplyToEmail"), "name", h("HXreplyToName"))},
			"email_message_metadata", obj("subject", h("HXemailSubject"),
				"email_address_headers", []any{obj("type", h("HXemailHeaderType"), "email_address", h("HXemailHeaderAddress"), "name", h("HXemailHeaderName"))})),
		"contacts", obj("type", "contact.list", "contacts", []any{
			obj("type", "contact", "id", h("HXcontactId"), "external_id", h("HXcontactExternalId")),
			obj("type", "contact", "id", 12345, "external_id", 678),
			nil,
		}),
		"first_contact_reply", obj("created_at", 1700000100, "type", h("HXfirstReplyType"), "url", "javascript:"+h("HXfirstReplyUrl")),
		"teammates", obj("type", "admin.list", "teammates", []any{obj("type", "admin", "id", h("HXteammateId"))},
			"admins", []any{obj("type", "admin", "id", h("HXadminId")), nil}),
		"custom_attributes", ca,
		"topics", obj("type", "topic.list", "topics", []any{obj("type", "topic", "id", h("HXtopicId"), "name", h("HXtopicName"))}),
		"sla_applied", obj("type", "conversation_sla_summary", "sla_name", h("HXslaName"), "sla_status", h("HXslaStatus")),
		"statistics", obj("type", "conversation_statistics", "time_to_assignment", "n/a", "time_to_admin_reply", 95,
			"median_time_to_reply", obj("x", 1), "time_to_first_close", 1e300, "first_contact_reply_at", "1700000100",
			"last_closed_by_id", h("HXlastClosedBy"), "count_reopens", "3", "count_assignments", 2, "count_conversation_parts", 25,
			"assigned_team_first_response_time", []any{obj("team_id", h("HXstatTeamId"), "team_name", h("HXstatTeamName"), "response_time", "60"), nil, 3}),
		"conversation_parts", obj("type", "conversation_part.list", "conversation_parts", parts, "total_count", "many"),
		"linked_objects", obj("type", "list", "data", []any{
			obj("type", h("HXlinkedType"), "id", h("HXlinkedId"), "category", h("HXlinkedCategory")),
			obj("type", "ticket", "id", 7, "category", nil), 42,
		}, "total_count", 9, "has_more", true),
		"ai_agent_participated", true,
		"ai_agent", obj("source_type", h("HXaiSourceType"), "source_title", h("HXaiSourceTitle"),
			"last_answer_type", h("HXaiLastAnswer"), "resolution_state", h("HXaiResolution"), "rating", 2,
			"rating_remark", h("HXaiRemark"), "created_at", "yesterday",
			"content_sources", obj("type", "content_source.list", "total_count", 2, "content_sources", []any{
				obj("content_type", h("HXaiContentType"), "url", h("HXaiContentUrl"), "title", h("HXaiContentTitle"), "locale", h("HXaiContentLocale")),
				nil,
			})),
		"ticket", obj("type", "ticket", "id", h("HXticketId"), "ticket_id", h("HXticketTicketId"), "category", h("HXticketCategory"),
			"ticket_state", obj("type", "ticket_state", "id", h("HXticketStateId"), "category", h("HXticketStateCategory"),
				"internal_label", h("HXticketStateInternal"), "external_label", h("HXticketStateExternal")),
			"ticket_state_internal_label", h("HXticketLegacyInternal"),
			"ticket_type", obj("type", "ticket_type", "id", h("HXticketTypeId"), "name", h("HXticketTypeName"), "category", h("HXticketTypeCategory")),
			"ticket_attributes", obj(h("HXticketAttrKey"), h("HXticketAttrValue"), "_default_title_", h("HXticketTitle"))),
		// Fields of later API versions.
		"company", obj("type", "company", "id", h("HXcompanyId"), "company_id", h("HXcompanyCompanyId"), "name", h("HXcompanyName"),
			"plan", obj("type", "plan", "name", h("HXcompanyPlan")), "monthly_spend", "12\x1b[2J", "user_count", h("HXcompanyUsers"),
			"size", 1.5, "industry", h("HXcompanyIndustry"), "website", h("HXcompanyWebsite")),
		"channel", obj("initial", h("HXchannelInitial"), "current", h("HXchannelCurrent")),
		"external_references", []any{obj("type", h("HXextType"), "id", h("HXextId")), nil, 5},
		"sales_agent_participated", true,
		"sales_agent", obj("outcome", h("HXsalesOutcome"), "routing_outcome", h("HXsalesRouting"),
			"collected_data", obj(h("HXsalesKey"), h("HXsalesValue"), "nested", obj("x", h("HXsalesNested")))),
		"scorecards", []any{obj("scorecard_id", h("HXscoreId"), "name", h("HXscoreName"), "passed", "yes", "score", h("HXscoreScore"),
			"reviewed_teammate", obj("type", h("HXscoreRevType"), "admin_id", h("HXscoreRevId")),
			"evaluators", []any{obj("evaluator_id", h("HXevalId"), "result", obj("value", h("HXevalValue"), "reasoning", h("HXevalReasoning"))), nil}), nil},
		"monitor_evaluations", []any{obj("monitor_id", h("HXmonitorId"), "monitor_name", h("HXmonitorName"), "monitor_type", h("HXmonitorType"),
			"result", h("HXmonitorResult"), "explanation", h("HXmonitorWhy"), "evaluated_at", "later")},
		"ai_topics", obj("type", "ai_topics", "topics", []any{obj("topic_name", h("HXaiTopicName"), "subtopics", []any{obj("name", h("HXaiSubtopicName")), 3})}),
	)
}

// hostileJSON is the fixture's bytes: indented JSON with the raw 0x9b
// bytes put in, and the invisible and control runes written as \u escapes
// so that the file reads (and diffs) as what it is.
func hostileJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(hostileConversation()); err != nil {
		return nil, err
	}
	var out strings.Builder
	for _, r := range b.String() {
		if r >= 0x7f && r <= 0x9f || r >= 0x200b && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0xfeff {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(strings.ReplaceAll(out.String(), rawCSI, "\x9b")), nil
}

// TestHostileFixture keeps testdata/hostile.json what hostileJSON makes,
// and checks that convo accepts it as a conversation.
func TestHostileFixture(t *testing.T) {
	want, err := hostileJSON()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(hostilePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(hostilePath)
	if err != nil {
		t.Fatalf("%v: go test ./render -run TestHostileFixture -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what its generator makes: go test ./render -run TestHostileFixture -update", hostilePath)
	}
	if !bytes.Contains(got, []byte{' ', 0x9b, '2', 'J'}) {
		t.Errorf("the fixture lacks the raw 0x9b byte")
	}
	c, err := api.DecodeBytes(got)
	if err != nil {
		t.Fatalf("decoding the fixture: %v", err)
	}
	if n := len(c.ConversationParts.Parts); n != 23 {
		t.Errorf("fixture has %d parts, want 23", n)
	}
}

// hostileConv decodes the hostile fixture.
func hostileConv(t testing.TB) *api.Conversation {
	t.Helper()
	return termtest.Conversation(t, hostilePath)
}
