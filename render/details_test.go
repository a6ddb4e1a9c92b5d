package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

func sectionTitles(secs []Section) []string {
	out := make([]string, 0, len(secs))
	for _, s := range secs {
		out = append(out, s.Title)
	}
	return out
}

// row finds a row by section and label.
func row(secs []Section, section, label string) (Row, bool) {
	for _, s := range secs {
		if s.Title != section {
			continue
		}
		for _, r := range s.Rows {
			if r.Label == label {
				return r, true
			}
		}
	}
	return Row{}, false
}

func TestDetailsSections(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string
	}{
		{"conversation-2.11-get-found", []string{"Conversation", "Assignee", "Contacts", "Source"}},
		{"conversation-2.13-get-found-custom-actions", []string{"Conversation", "Assignee", "Contacts", "Tags", "Source"}},
		{"conversation-unstable-get-with-qa-evaluations", []string{"Conversation", "Assignee", "QA"}},
		{"demo", []string{"Conversation", "Assignee", "Contacts", "Company", "Teammates", "Tags", "SLA", "AI agent",
			"Rating", "Statistics", "Custom attributes", "Linked", "Source"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			c := api.Demo()
			if tt.fixture != "demo" {
				c = loadFixture(t, tt.fixture)
			}
			got := sectionTitles(Details(c, testOptions()))
			if !slices.Equal(got, tt.want) {
				t.Errorf("sections %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDetailsEveryFixtureHasNoEmptySection(t *testing.T) {
	for _, f := range allConversations(t) {
		for _, s := range Details(f.conv, testOptions()) {
			if len(s.Rows) == 0 {
				t.Errorf("%s: section %q has no rows", f.name, s.Title)
			}
			for _, r := range s.Rows {
				if r.Value == "" || strings.ContainsAny(r.Label+r.Value, "\n\t\x1b") {
					t.Errorf("%s: %s row %q = %q is empty or not one clean line", f.name, s.Title, r.Label, r.Value)
				}
			}
		}
	}
}

func TestDetailsDemo(t *testing.T) {
	secs := Details(api.Demo(), testOptions())
	tests := []struct {
		section, label, want string
		tone                 Tone
	}{
		{"Conversation", "State", "open", ToneGood},
		{"Conversation", "Priority", "yes", ToneWarn},
		{"Conversation", "Created", "Mon 23 Nov 08:12 · 8d 3h ago", ToneNormal},
		{"Assignee", "Admin", "Dimitris Papadopoulos", ToneNormal},
		{"Assignee", "Team", "Support Engineering", ToneNormal},
		{"SLA", "Status", "missed", ToneBad},
		{"AI agent", "Resolution", "routed to a team", ToneWarn},
		{"AI agent", "Rating", "★★★☆☆ 3/5 · The tips didn't help, but it passed me on quickly.", ToneWarn},
		{"Rating", "Rating", "★★★★☆ 4/5", ToneGood},
		{"Rating", "By", "Lena Schäfer", ToneNormal},
		{"Statistics", "First response", "1h 14m", ToneNormal},
		{"Statistics", "Reopens", "2", ToneNormal},
		{"Statistics", "Last closed by", "Dimitris Papadopoulos", ToneNormal},
		{"Custom attributes", "MRR (EUR)", "349.5", ToneNormal},
		{"Custom attributes", "Month-end close", "yes", ToneNormal},
		{"Custom attributes", "Churn risk", "—", ToneNormal},
		{"Linked", "Ticket", "1184 · Tracker", ToneNormal},
		{"Source", "Delivered as", "customer initiated", ToneNormal},
	}
	for _, tt := range tests {
		r, ok := row(secs, tt.section, tt.label)
		switch {
		case !ok:
			t.Errorf("%s: no row %q", tt.section, tt.label)
		case r.Value != tt.want || r.Tone != tt.tone:
			t.Errorf("%s %s = %q (tone %v), want %q (tone %v)", tt.section, tt.label, r.Value, r.Tone, tt.want, tt.tone)
		}
	}
	// The custom attributes come in key order.
	var keys []string
	for _, s := range secs {
		if s.Title == "Custom attributes" {
			for _, r := range s.Rows {
				keys = append(keys, r.Label)
			}
		}
	}
	if !slices.IsSorted(keys) {
		t.Errorf("custom attribute keys not sorted: %q", keys)
	}
}

func TestDetailsSLATones(t *testing.T) {
	for status, tone := range map[string]Tone{"hit": ToneGood, "missed": ToneBad, "active": ToneWarn, "cancelled": ToneDim, "": ToneDim} {
		c := &api.Conversation{SLAApplied: &api.SLA{Name: "VIP", Status: status}}
		r, ok := row(Details(c, testOptions()), "SLA", "Status")
		if !ok || r.Tone != tone {
			t.Errorf("status %q: row %+v, want tone %v", status, r, tone)
		}
	}
}

func TestCustomAttributeValues(t *testing.T) {
	tests := []struct {
		raw, want string
	}{
		{`"Growth"`, "Growth"},
		{`349.50`, "349.50"},
		{`1e3`, "1e3"},
		{`true`, "yes"},
		{`false`, "no"},
		{`null`, "—"},
		{`["a", 1, null]`, "a, 1, —"},
		{`{"b": 2, "a": {"c": [1, 2]}}`, "a: {c: [1, 2]}, b: 2"},
		{`"x y\n\tz"`, "x y z"},
		{`not json`, "—"},
	}
	for _, tt := range tests {
		if got := jsonText(json.RawMessage(tt.raw)); got != tt.want {
			t.Errorf("jsonText(%s) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{45 * time.Second, "45s"},
		{12 * time.Minute, "12m"},
		{64 * time.Minute, "1h 4m"},
		{3*24*time.Hour + 2*time.Hour + 5*time.Minute, "3d 2h"},
		{-90 * time.Second, "1m 30s"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestFormatTimes(t *testing.T) {
	at := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	if got := FormatTime(at, time.UTC, testNow); got != "Tue 24 Nov 14:02" {
		t.Errorf("FormatTime this year = %q", got)
	}
	if got := FormatTime(at, time.UTC, testNow.AddDate(1, 0, 0)); got != "Tue 24 Nov 2026 14:02" {
		t.Errorf("FormatTime another year = %q", got)
	}
	tokyo := time.FixedZone("JST", 9*3600)
	if got := FormatClock(at, tokyo); got != "23:02" {
		t.Errorf("FormatClock in JST = %q", got)
	}
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{testNow.Add(-3 * time.Hour), "3h ago"},
		{testNow.Add(-30 * time.Second), "just now"},
		{testNow.Add(50 * time.Hour), "in 2d 2h"},
		{time.Time{}, ""},
	} {
		if got := FormatRelative(tt.t, testNow); got != tt.want {
			t.Errorf("FormatRelative(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
	for n, want := range map[int64]string{0: "", 512: "512 B", 12 * 1024: "12 KB", 3565158: "3.4 MB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		c    *api.Conversation
		want Summary
	}{
		{"title", &api.Conversation{ID: "1", Title: "O&#39;Neill's export", State: "open", Priority: "priority"},
			Summary{Title: "O'Neill's export", ID: "1", State: "open", Priority: true}},
		{"HTML subject", &api.Conversation{ID: "2", State: "closed", Priority: "urgent", Source: api.Source{Subject: "<p>Re: <b>Bug</b> query</p><p>second</p>"}},
			Summary{Title: "Re: Bug query", ID: "2", State: "closed", Priority: true}},
		{"first line of the message", &api.Conversation{ID: "3", Priority: "not_priority", Source: api.Source{Body: "<p></p><p>Hello there</p><p>More</p>"}},
			Summary{Title: "Hello there", ID: "3"}},
		{"nothing", &api.Conversation{ID: "4", Priority: "low"}, Summary{Title: "Conversation 4", ID: "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api.Clean(tt.c, nil)
			if got := Summarize(tt.c); got != tt.want {
				t.Errorf("Summarize = %+v, want %+v", got, tt.want)
			}
		})
	}
	long := &api.Conversation{ID: "5", Source: api.Source{Body: "<p>" + strings.Repeat("word ", 40) + "</p>"}}
	if title := Summarize(long).Title; len([]rune(title)) > titleWidth || !strings.HasSuffix(title, "…") {
		t.Errorf("long title not cut to %d cells: %q", titleWidth, title)
	}
}

func TestNotice(t *testing.T) {
	tests := []struct {
		name                      string
		kept, dropped, totalCount int
		statistics                int // count_conversation_parts; 0 for no statistics
		want                      string
	}{
		{"a whole conversation", 3, 0, 3, 0, ""},
		{"Intercom's 500 of 812", api.PartLimit, 0, api.PartLimit, 812, "showing the 500 most recent of 812 parts"},
		{"Intercom's 500 of 1,812", api.PartLimit, 0, 1812, 0, "showing the 500 most recent of 1,812 parts"},
		{"convo's 10,000 of a million", api.MaxParts, 990000, 1000000, 0,
			"convo kept only the newest 10,000 of the 1,000,000 parts in the response"},
		{"convo's 10,000 of a million, total_count absent", api.MaxParts, 990000, 0, 0,
			"convo kept only the newest 10,000 of the 1,000,000 parts in the response"},
		{"convo's 10,000 of a million, of a conversation of more", api.MaxParts, 990000, 1200000, 0,
			"convo kept only the newest 10,000 of the 1,000,000 parts in the response (the conversation has 1,200,000)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &api.Conversation{}
			c.ConversationParts.Parts = make([]api.Part, tt.kept)
			c.ConversationParts.Dropped = tt.dropped
			c.ConversationParts.TotalCount = tt.totalCount
			if tt.statistics > 0 {
				c.Statistics = &api.Statistics{CountConversationParts: tt.statistics}
			}
			if n := Notice(c); n != tt.want {
				t.Errorf("Notice = %q, want %q", n, tt.want)
			}
		})
	}
}

// The details list the first ContactsListed contacts and say how many more
// there are; the JSON output keeps every one.
func TestDetailsListTheFirstContacts(t *testing.T) {
	tests := []struct {
		name     string
		contacts int
		more     string // the last contact row; "" for none
	}{
		{"a few", 3, ""},
		{"exactly the limit", ContactsListed, ""},
		{"one more", ContactsListed + 1, "+1 more contact"},
		{"2,000", 2000, "+1,975 more contacts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &api.Conversation{ID: "1"}
			for i := range tt.contacts {
				c.Contacts.Contacts = append(c.Contacts.Contacts, api.Ref{Type: "contact", ID: api.ID(fmt.Sprintf("c%04d", i))})
			}
			var listed []string
			var more string
			for _, s := range Details(c, Options{}) {
				for _, r := range s.Rows {
					if s.Title == "Contacts" && strings.HasPrefix(r.Value, "c") {
						listed = append(listed, r.Value)
					}
					if s.Title == "Contacts" && strings.HasPrefix(r.Value, "+") {
						more = r.Value
					}
				}
			}
			if want := min(tt.contacts, ContactsListed); len(listed) != want || listed[0] != "c0000" {
				t.Errorf("the details list %d contacts from %v, want %d from c0000", len(listed), listed[:min(1, len(listed))], want)
			}
			if more != tt.more {
				t.Errorf("the more row says %q, want %q", more, tt.more)
			}
			var b bytes.Buffer
			if err := WriteJSON(&b, c, Options{}); err != nil {
				t.Fatal(err)
			}
			var doc struct{ Contacts []json.RawMessage }
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil || len(doc.Contacts) != tt.contacts {
				t.Errorf("the JSON lists %d contacts (%v), want all %d", len(doc.Contacts), err, tt.contacts)
			}
		})
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 10000: "10,000",
		123456: "123,456", 1000000: "1,000,000", -1234: "-1,234"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}
