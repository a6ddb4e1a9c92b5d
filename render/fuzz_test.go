package render

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// fuzzRenderers keeps one renderer per width: making one (glamour's) costs
// more than most inputs do. Fuzz inputs run one at a time per process, but
// the lock costs nothing and keeps -race quiet if that changes.
var fuzzRenderers = struct {
	sync.Mutex
	m map[int]*Renderer
}{m: map[int]*Renderer{}}

func fuzzRenderer(t *testing.T, width int) *Renderer {
	fuzzRenderers.Lock()
	defer fuzzRenderers.Unlock()
	r := fuzzRenderers.m[width]
	if r == nil {
		var err error
		if r, err = NewRenderer(width, PlainStyles()); err != nil {
			t.Fatal(err)
		}
		fuzzRenderers.m[width] = r
	}
	return r
}

// FuzzBlock renders a fuzzed body and a fuzzed string (put in every kind
// of field: names, emails, attachments, tags, event details) through
// Items, Block, PlainBody and Details: no panic, no line wider than asked,
// no tab, and no escape sequence but SGR and OSC 8 to http, https and
// mailto.
func FuzzBlock(f *testing.F) {
	for _, fx := range append(allConversations(f), fixture{"hostile", hostileConv(f)}) {
		c := fx.conv
		f.Add(c.Source.Body, c.Source.Author.Name, 80)
		for _, p := range c.ConversationParts.Parts {
			f.Add(p.Body, p.Author.Name, 40)
		}
	}
	emails, _ := filepath.Glob(filepath.Join("testdata", "email", "*"))
	for _, name := range emails {
		f.Add(emailBody(f, filepath.Base(name)), "Maya", 60)
	}
	for _, s := range termtest.HostileSeeds {
		f.Add("<p>"+s+"</p>", s, 20)
	}
	f.Add("<pre><code>\x1b[31m\t&#27;</code></pre>", "x", 10)
	f.Add(`<a href="https://x.test/&#27;]8;;">y</a>`, "", 12)
	f.Add("<p>ftp://x.test/a www.x.test <https://x.test></p>", "mailto:a@x.test", 30)
	f.Fuzz(func(t *testing.T, body, s string, width int) {
		width = 2 + abs(width)%200 // 2: a wide character needs two cells
		c := fuzzConversation(body, s)
		r := fuzzRenderer(t, width)
		for _, it := range Items(c, nil) {
			checkOutput(t, "block", r.Block(it, time.UTC), width)
			it.Expanded = true // quoted history unfolded
			checkOutput(t, "expanded block", r.Block(it, time.UTC), width)
		}
		if text, history := SplitQuoted(body); history == "" && text != body {
			t.Fatalf("SplitQuoted(%q) changed a body without history: %q", body, text)
		}
		pb := PlainBody(body, width)
		checkPrinted(t, "PlainBody", pb, width)
		if strings.Contains(pb, "\x1b") {
			t.Fatalf("PlainBody(%q) holds an ESC: %q", body, pb)
		}
		for _, sec := range Details(c, testOptions()) {
			for _, row := range sec.Rows {
				if err := termtest.CheckEscapes(row.Label + row.Value); err != nil || strings.ContainsAny(row.Value, "\n\t") {
					t.Fatalf("details row %q: %q: %v", row.Label, row.Value, err)
				}
			}
		}
	})
}

// fuzzConversation puts body in the opening message and a note, and s in
// every other kind of string field the screen shows.
func fuzzConversation(body, s string) *api.Conversation {
	raw, _ := json.Marshal(s)
	c := &api.Conversation{ID: api.ID(s + "1"), Title: s, State: s, Priority: s,
		Source:           api.Source{Body: body, Subject: s, URL: s, Author: api.Author{Type: "user", ID: "u", Name: s, Email: s}},
		Tags:             api.TagList{Tags: []api.Tag{{Name: s}}},
		SLAApplied:       &api.SLA{Name: s, Status: s},
		CustomAttributes: map[string]json.RawMessage{s: raw, "k": json.RawMessage(`{"a":[` + string(raw) + `]}`)},
	}
	c.ConversationParts.Parts = []api.Part{
		{PartType: "note", Body: body, Author: api.Author{Type: "admin", Name: s},
			Attachments: []api.Attachment{{Name: s, URL: body}, {Name: body, URL: s}}},
		{PartType: "close", Author: api.Author{Type: "bot", Name: s}},
		{PartType: "custom_action_finished", Author: api.Author{Type: "admin", Email: s},
			EventDetails: json.RawMessage(`{"action":{"name":` + string(raw) + `,"result":` + string(raw) + `}}`)},
		{PartType: s, Tags: []api.Tag{{Name: s}}},
	}
	api.Clean(c, nil) // as Decode leaves every conversation
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
