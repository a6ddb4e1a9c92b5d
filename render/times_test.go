package render

import (
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

func TestBlockRelativeTimes(t *testing.T) {
	at := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	now := at.Add(3*time.Hour + 12*time.Minute)
	msg := Item{Kind: KindMessage, Author: "Maya Chen", Time: at, HTML: "<p>hello</p>"}
	event := Item{Kind: KindEvent, Author: "Sam Lee", Time: at, Prev: at, Event: "Sam Lee closed the conversation"}
	r, err := NewRenderer(80, PlainStyles())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		relative bool
		it       Item
		want     string
		lack     string
	}{
		{"absolute header", false, msg, "Tue 24 Nov 14:02", "ago"},
		{"relative header", true, msg, "3h 12m ago", "Nov"},
		{"absolute event", false, event, "· 14:02  Sam Lee closed", "ago"},
		{"relative event", true, event, "· 3h 12m ago  Sam Lee closed", "14:02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.SetTimes(tt.relative, now)
			first := strings.Split(ansi.Strip(r.Block(tt.it, time.UTC)), "\n")[0]
			if !strings.Contains(first, tt.want) || strings.Contains(first, tt.lack) {
				t.Errorf("first line = %q, want %q and no %q", first, tt.want, tt.lack)
			}
		})
	}
}

func TestDetailsRelativeTimes(t *testing.T) {
	c := &api.Conversation{State: "open"}
	c.CreatedAt = api.Time(time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC).Unix())
	o := Options{Loc: time.UTC, Now: time.Date(2026, 11, 24, 17, 2, 0, 0, time.UTC)}
	created := func(o Options) string {
		for _, s := range Details(c, o) {
			for _, r := range s.Rows {
				if r.Label == "Created" {
					return r.Value
				}
			}
		}
		return ""
	}
	if got, want := created(o), "Tue 24 Nov 14:02 · 3h ago"; got != want {
		t.Errorf("absolute Created = %q, want %q", got, want)
	}
	o.Relative = true
	if got, want := created(o), "3h ago"; got != want {
		t.Errorf("relative Created = %q, want %q", got, want)
	}
}

func TestItemText(t *testing.T) {
	at := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	o := Options{Loc: time.UTC, Now: at}
	tests := []struct {
		name string
		it   Item
		want string
	}{
		{"message", Item{Kind: KindMessage, Role: RoleCustomer, Author: "Maya Chen", Time: at,
			HTML:        `<p>See <a href="https://example.com/a">the docs</a>.</p>`,
			Attachments: []Attachment{{Name: "log.txt", URL: "https://example.com/log.txt", Size: 2048}}},
			"── Maya Chen (customer) · Tue 24 Nov 14:02 ──\nSee the docs (https://example.com/a).\n" +
				"[attachment] log.txt (2 KB) https://example.com/log.txt"},
		{"note", Item{Kind: KindNote, Role: RoleTeammate, Author: "Sam Lee", Time: at, HTML: "<p>internal</p>"},
			"── Sam Lee (teammate) [internal note] · Tue 24 Nov 14:02 ──\ninternal"},
		{"event", Item{Kind: KindEvent, Time: at, Event: "Sam Lee closed the conversation"},
			"· Tue 24 Nov 14:02 Sam Lee closed the conversation"},
		{"redacted", Item{Kind: KindMessage, Author: "Ana", Redacted: true, HTML: "<p>secret</p>"},
			"── Ana (customer) ──\n(redacted)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ItemText(tt.it, o)
			if got != tt.want {
				t.Errorf("ItemText =\n%s\nwant\n%s", got, tt.want)
			}
			if strings.ContainsRune(got, '\x1b') {
				t.Error("ItemText has an escape character")
			}
		})
	}
}

// TestOneLine: whitespace of any kind, leading, trailing or repeated,
// becomes single spaces between words; a string already so is returned
// as it is, without a copy.
func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Maya assigned the conversation to Sam", "Maya assigned the conversation to Sam"},
		{"Siobhán Ó Briain", "Siobhán Ó Briain"},
		{" leading", "leading"},
		{"trailing ", "trailing"},
		{"two  spaces", "two spaces"},
		{"a\ttab", "a tab"},
		{"a\nnew line", "a new line"},
		{"a\u00a0no-break space", "a no-break space"},
		{"a\u2028line separator", "a line separator"},
		{" ", ""},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	s := "Maya closed the conversation"
	if got := oneLine(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Error("a string already on one line was copied")
	}
}
