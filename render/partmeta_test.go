package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// partConv is a conversation with an opening message and parts, as a
// decoded response would be.
func partConv(parts ...api.Part) *api.Conversation {
	c := &api.Conversation{
		ID:        "1",
		CreatedAt: api.Time(1700000000),
		Source:    api.Source{ID: "s", Body: "<p>Hello</p>", Author: api.Author{Type: "user", ID: "u1", Name: "Ana"}},
	}
	for i := range parts {
		if parts[i].CreatedAt == 0 {
			parts[i].CreatedAt = api.Time(1700000060 + 60*int64(i))
		}
		if parts[i].Author.Type == "" {
			parts[i].Author = api.Author{Type: "admin", ID: "a1", Name: "Sam"}
		}
	}
	c.ConversationParts.Parts = parts
	api.Clean(c, nil)
	return c
}

func reply(body string) api.Part {
	return api.Part{PartType: "comment", Body: body}
}

func TestItemsPartFields(t *testing.T) {
	customer := api.Author{Type: "user", ID: "u1", Name: "Ana"}
	offer := api.Part{PartType: "quick_reply", Body: "<p>Did that help?</p>", Author: api.Author{Type: "bot", Name: "Fin"},
		Metadata: &api.PartMetadata{QuickReplyOptions: []api.QuickReplyOption{{Text: "Yes", UUID: "u-yes"}, {Text: "No, refund", UUID: "u-no"}}}}
	tests := []struct {
		name  string
		parts []api.Part
		check func(t *testing.T, it Item) // the last item
	}{
		{"tags by name, empty ones left out", []api.Part{func() api.Part {
			p := reply("<p>hi</p>")
			p.Tags = []api.Tag{{Name: "billing"}, {Name: ""}, {Name: "vip\x1b[31m"}}
			return p
		}()}, func(t *testing.T, it Item) {
			if want := []string{"billing", "vip"}; !reflect.DeepEqual(it.Tags, want) {
				t.Errorf("Tags = %q, want %q", it.Tags, want)
			}
		}},
		{"the app that made it", []api.Part{func() api.Part {
			p := reply("<p>hi</p>")
			p.AppPackageCode = "jira-cloud"
			return p
		}()}, func(t *testing.T, it Item) {
			if it.Via != "jira-cloud" {
				t.Errorf("Via = %q, want jira-cloud", it.Via)
			}
		}},
		{"email headers", []api.Part{func() api.Part {
			p := reply("<p>hi</p>")
			p.EmailMessageMetadata = &api.EmailMetadata{Subject: "Re: Invoice", MessageID: "<m1@x>",
				EmailAddressHeaders: []api.EmailHeader{{Type: "to", EmailAddress: "support@y.com"},
					{Type: "from", EmailAddress: "ana@x.com", Name: "Ana"}, {Type: "cc"}}}
			return p
		}()}, func(t *testing.T, it Item) {
			want := &Email{Subject: "Re: Invoice", MessageID: "<m1@x>", Addresses: []EmailAddress{
				{Type: "to", Address: "support@y.com"}, {Type: "from", Name: "Ana", Address: "ana@x.com"}}}
			if !reflect.DeepEqual(it.Email, want) {
				t.Errorf("Email = %+v, want %+v", it.Email, want)
			}
		}},
		{"empty email metadata is none", []api.Part{func() api.Part {
			p := reply("<p>hi</p>")
			p.EmailMessageMetadata = &api.EmailMetadata{EmailAddressHeaders: []api.EmailHeader{{Type: "from"}}}
			return p
		}()}, func(t *testing.T, it Item) {
			if it.Email != nil {
				t.Errorf("Email = %+v, want nil", it.Email)
			}
		}},
		{"state after the part", []api.Part{func() api.Part {
			p := reply("<p>hi</p>")
			p.State = "snoozed"
			return p
		}()}, func(t *testing.T, it Item) {
			if it.State != "snoozed" {
				t.Errorf("State = %q, want snoozed", it.State)
			}
		}},
		{"the quick reply chosen", []api.Part{offer, {PartType: "quick_reply", Author: customer,
			Body: "<p>No, refund</p>", Metadata: &api.PartMetadata{QuickReplyUUID: "u-no"}}},
			func(t *testing.T, it Item) {
				if it.QuickReplyChosen != "No, refund" || it.Event != "chose the quick reply “No, refund”" {
					t.Errorf("chosen %q, event %q, want No, refund", it.QuickReplyChosen, it.Event)
				}
			}},
		{"a quick reply chosen without a body is an event", []api.Part{offer, {PartType: "quick_reply", Author: customer,
			Metadata: &api.PartMetadata{QuickReplyUUID: "u-yes"}}},
			func(t *testing.T, it Item) {
				if it.Kind != KindEvent || it.Event != "Ana chose “Yes”" {
					t.Errorf("kind %v, event %q, want an event: Ana chose “Yes”", it.Kind, it.Event)
				}
			}},
		{"a uuid no earlier part offered chooses nothing", []api.Part{{PartType: "comment", Author: customer,
			Body: "<p>yes</p>", Metadata: &api.PartMetadata{QuickReplyUUID: "u-yes"}}, offer},
			func(t *testing.T, it Item) {
				if it.QuickReplyChosen != "" {
					t.Errorf("QuickReplyChosen = %q, want none", it.QuickReplyChosen)
				}
			}},
		{"translations without the original", []api.Part{func() api.Part {
			p := reply("<p>Hello</p>")
			p.Translations = map[string]string{"original": "en", "en": "<p>Hello</p>", "fr": "<p>Bonjour</p>", "de": " "}
			return p
		}()}, func(t *testing.T, it Item) {
			if want := map[string]string{"fr": "<p>Bonjour</p>"}; !reflect.DeepEqual(it.Translations, want) || it.Original != "en" {
				t.Errorf("Translations = %q from %q, want %q from en", it.Translations, it.Original, want)
			}
		}},
		{"the author's AI flags", []api.Part{{PartType: "comment", Body: "<p>hi</p>",
			Author: api.Author{Type: "bot", Name: "Fin", FromAIAgent: true, IsAIAnswer: true}}},
			func(t *testing.T, it Item) {
				if !it.FromAIAgent || !it.IsAIAnswer {
					t.Errorf("FromAIAgent %v IsAIAnswer %v, want both", it.FromAIAgent, it.IsAIAnswer)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Items(partConv(tt.parts...), nil)
			tt.check(t, items[len(items)-1])
		})
	}
}

func TestItemsSourceEmail(t *testing.T) {
	c := partConv()
	c.Source.EmailMessageMetadata = &api.SourceEmailMetadata{
		EmailMetadata: api.EmailMetadata{Subject: "Invoice", EmailAddressHeaders: []api.EmailHeader{{Type: "from", EmailAddress: "ana@x.com"}}},
		History:       "<blockquote>earlier</blockquote>",
	}
	if e := Items(c, nil)[0].Email; e == nil || e.Line() != "Invoice · From ana@x.com" {
		t.Errorf("opening message's email = %+v, want Invoice from ana@x.com", e)
	}
}

func TestStateNews(t *testing.T) {
	withState := func(p api.Part, s string) api.Part { p.State = s; return p }
	tests := []struct {
		name  string
		parts []api.Part
		want  string // the last item's event
	}{
		{"a reply that reopened", []api.Part{withState(api.Part{PartType: "close"}, "closed"),
			withState(reply("<p>thanks</p>"), "open")}, "conversation now open"},
		{"an event that closed", []api.Part{withState(reply("<p>hi</p>"), "open"),
			withState(api.Part{PartType: "custom_action_finished"}, "closed")}, "Sam finished a custom action · conversation now closed"},
		{"a close says so itself", []api.Part{withState(reply("<p>hi</p>"), "open"),
			withState(api.Part{PartType: "close"}, "closed")}, "Sam closed the conversation"},
		{"no change", []api.Part{withState(reply("<p>a</p>"), "open"), withState(reply("<p>b</p>"), "open")}, ""},
		{"no state before", []api.Part{reply("<p>a</p>"), withState(reply("<p>b</p>"), "closed")}, ""},
		{"the first part", []api.Part{withState(reply("<p>a</p>"), "closed")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Items(partConv(tt.parts...), nil)
			if got := items[len(items)-1].Event; got != tt.want {
				t.Errorf("event = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTranslationPick(t *testing.T) {
	it := Item{Translations: map[string]string{"fr": "fr", "pt-BR": "br", "pt-PT": "pt", "de": "de"}}
	tests := []struct{ name, pref, want string }{
		{"no locale: the first in sorted order", "", "de"},
		{"the locale's language", "fr_FR", "fr"},
		{"the locale exactly", "pt_BR", "pt-BR"},
		{"the locale exactly, case aside", "PT-pt", "pt-PT"},
		{"a bare language: its first locale", "pt", "pt-BR"},
		{"another country: the language", "de_AT", "de"},
		{"a language with none: the first", "ja_JP", "de"},
	}
	for _, tt := range tests {
		if lang, _, ok := it.Translation(tt.pref); !ok || lang != tt.want {
			t.Errorf("%s: Translation(%q) = %q, %v, want %q", tt.name, tt.pref, lang, ok, tt.want)
		}
	}
	if _, _, ok := (Item{}).Translation("fr"); ok {
		t.Error("an item without translations has one")
	}
}

func TestEmailHeaders(t *testing.T) {
	e := &Email{Subject: "Re: Invoice", MessageID: "<m1@x>", Addresses: []EmailAddress{
		{Type: "cc", Address: "c@x"}, {Type: "to", Address: "support@y.com"}, {Type: "from", Name: "Ana", Address: "ana@x.com"},
		{Type: "sender", Address: "bounce@x"}, {Type: "reply_to", Name: "Ana"}, {Type: "cc", Address: "d@x"}, {Type: "bcc", Address: "e@x"},
	}}
	want := []EmailHeader{{"Subject", "Re: Invoice"}, {"From", "Ana <ana@x.com>"}, {"To", "support@y.com"},
		{"CC", "c@x, d@x"}, {"BCC", "e@x"}, {"Reply-To", "Ana"}, {"sender", "bounce@x"}, {"Message-ID", "<m1@x>"}}
	if got := e.Headers(); !reflect.DeepEqual(got, want) {
		t.Errorf("Headers = %q, want %q", got, want)
	}
	line := "Re: Invoice · From Ana <ana@x.com> · To support@y.com · CC c@x, d@x · BCC e@x · Reply-To Ana · sender bounce@x"
	if got := e.Line(); got != line {
		t.Errorf("Line = %q, want %q", got, line)
	}
}

func TestBlockEmailFoldedAndExpanded(t *testing.T) {
	it := Item{Kind: KindMessage, Author: "Ana", HTML: "<p>Body</p>", Email: &Email{Subject: "Re: Invoice", MessageID: "<m1@x>",
		Addresses: []EmailAddress{{Type: "from", Name: "Ana", Address: "ana@x.com"}, {Type: "to", Address: "support@y.com"},
			{Type: "cc", Address: strings.Repeat("long", 20) + "@x.com"}}}}
	r := newTestRenderer(t, 60)
	folded := strings.Split(ansi.Strip(r.Block(it, time.UTC)), "\n")
	if len(folded) != 3 || !strings.HasPrefix(folded[1], "✉ Re: Invoice · From Ana <ana@x.com> · To support@y.com · ") ||
		!strings.HasSuffix(folded[1], "…") || ansi.StringWidth(folded[1]) != 60 {
		t.Errorf("folded, the headers should be one line cut to 60 cells:\n%s", strings.Join(folded, "\n"))
	}
	it.Expanded = true
	expanded := ansi.Strip(r.Block(it, time.UTC))
	for _, want := range []string{"\nSubject: Re: Invoice\n", "\nFrom: Ana <ana@x.com>\n", "\nTo: support@y.com\n",
		"\nCC: " + strings.Repeat("long", 13), "\nMessage-ID: <m1@x>\n"} {
		if !strings.Contains(expanded, want) {
			t.Errorf("expanded, the block lacks %q:\n%s", want, expanded)
		}
	}
	if strings.Contains(expanded, "✉") || strings.Contains(expanded, "…") {
		t.Errorf("expanded, the headers should be whole, not folded:\n%s", expanded)
	}
	checkOutput(t, "expanded", r.Block(it, time.UTC), 60)
}

func TestBlockPartMeta(t *testing.T) {
	base := Item{Kind: KindMessage, Author: "Sam Lee", Role: RoleTeammate, HTML: "<p>Hello</p>", Time: testNow.Add(-time.Hour),
		Tags: []string{"billing", "vip"}, Via: "jira-cloud",
		Translations: map[string]string{"fr": "<p>Bonjour</p>", "de": "<p>Hallo</p>"}, Original: "en"}
	tests := []struct {
		name      string
		width     int
		translate bool
		pref      string
		want, not []string
	}{
		{"wide", 80, false, "", []string{"via jira-cloud  Tue 1 Dec 11:00", "tags: billing, vip", "translations: de, fr", "Hello"},
			[]string{"Bonjour", "Hallo"}},
		{"narrow: the app on a line of its own", 28, false, "", []string{"\nvia jira-cloud\n", "tags: billing, vip"}, nil},
		{"in translation", 80, true, "fr_FR", []string{"translation (fr) from en", "Bonjour"}, []string{"Hello", "Hallo", "translations:"}},
		{"in the first translation", 80, true, "", []string{"translation (de) from en", "Hallo"}, []string{"Hello", "Bonjour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRenderer(t, tt.width)
			r.SetTranslation(tt.translate, tt.pref)
			raw := r.Block(base, time.UTC)
			checkOutput(t, tt.name, raw, tt.width)
			out := ansi.Strip(raw)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("block lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("block holds %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestPrintedPartFields(t *testing.T) {
	offer := api.Part{PartType: "quick_reply", Body: "<p>Refund?</p>", Author: api.Author{Type: "bot", Name: "Fin", FromAIAgent: true, IsAIAnswer: true},
		Metadata: &api.PartMetadata{QuickReplyOptions: []api.QuickReplyOption{{Text: "Yes, refund", UUID: "u1"}}}}
	answer := api.Part{PartType: "comment", Body: "<p>Yes, refund</p>", Author: api.Author{Type: "user", Name: "Ana"},
		Metadata: &api.PartMetadata{QuickReplyUUID: "u1"}, State: "open", AppPackageCode: "jira-cloud",
		Tags: []api.Tag{{Name: "refund"}},
		EmailMessageMetadata: &api.EmailMetadata{Subject: "Re: Invoice", MessageID: "<m1@x>",
			EmailAddressHeaders: []api.EmailHeader{{Type: "from", Name: "Ana", EmailAddress: "ana@x.com"}, {Type: "cc", EmailAddress: "b@x"}}},
		Translations: map[string]string{"original": "en", "fr": "<p>Oui, remboursement</p>"}}
	c := partConv(offer, answer)
	tests := []struct {
		format string
		write  func(*bytes.Buffer) error
		want   []string
	}{
		{"text", func(b *bytes.Buffer) error { return WriteText(b, c, testOptions()) }, []string{
			"── Ana (customer) · via jira-cloud · ", "\nSubject: Re: Invoice\nFrom: Ana <ana@x.com>\nCC: b@x\nMessage-ID: <m1@x>\nYes, refund\n",
			"\n[translation (fr) from en]\nOui, remboursement\n", "\nTags: refund\n", "· chose the quick reply “Yes, refund”\n",
		}},
		{"markdown", func(b *bytes.Buffer) error { return WriteMarkdown(b, c, testOptions()) }, []string{
			"## Ana · customer · via jira-cloud · ", "- **Subject:** Re: Invoice\n- **From:** Ana \\<ana@x.com\\>\n- **CC:** b@x\n",
			"*translation (fr) from en:*\n\nOui, remboursement", "*Tags: refund*", "*chose the quick reply “Yes, refund”*",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("%s lacks %q:\n%s", tt.format, w, b.String())
				}
			}
		})
	}

	var b bytes.Buffer
	if err := WriteJSON(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Parts []map[string]json.RawMessage `json:"parts"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Parts[2]
	want := map[string]string{
		"tags":               `["refund"]`,
		"app_package_code":   `"jira-cloud"`,
		"state":              `"open"`,
		"quick_reply_chosen": `"Yes, refund"`,
		"original_language":  `"en"`,
		"translations":       `{"fr":"Oui, remboursement"}`,
		"email": `{"subject":"Re: Invoice","message_id":"<m1@x>","addresses":[{"type":"from","name":"Ana","address":"ana@x.com"},` +
			`{"type":"cc","name":null,"address":"b@x"}]}`,
	}
	for k, w := range want {
		var compact bytes.Buffer
		if err := json.Compact(&compact, got[k]); err != nil || compact.String() != w {
			t.Errorf("json %s = %s, want %s", k, got[k], w)
		}
	}
	for i, want := range []bool{false, true, false} {
		var author struct {
			FromAIAgent *bool `json:"from_ai_agent"`
			IsAIAnswer  *bool `json:"is_ai_answer"`
		}
		if err := json.Unmarshal(doc.Parts[i]["author"], &author); err != nil || author.FromAIAgent == nil || author.IsAIAnswer == nil ||
			*author.FromAIAgent != want || *author.IsAIAnswer != want {
			t.Errorf("json author %s: want from_ai_agent and is_ai_answer %v", doc.Parts[i]["author"], want)
		}
	}
}

// The 2.13 fixtures show what their parts carry: the tag on a reply, the
// app on an event, the state a part left the conversation in.
func TestFixtures213ShowNewFields(t *testing.T) {
	c := loadFixture(t, "conversation-2.13-get-found-custom-actions")
	items := Items(c, nil)
	r := newTestRenderer(t, 100)
	screen := ""
	for _, it := range items {
		screen += ansi.Strip(r.Block(it, time.UTC)) + "\n"
	}
	for _, want := range []string{"tags: Test tag", "started Jira Create Issue · via test-integration", "· conversation now closed"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"tags": [` + "\n" + `        "Test tag"`, `"app_package_code": "test-integration"`, `"state": "closed"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("json lacks %s", want)
		}
	}
}
