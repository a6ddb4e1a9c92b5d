package render

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// hostileSeeds are strings that have broken terminals and sanitisers.
var hostileSeeds = []string{
	"\x1b]0;pwned\x07", "&#27;]0;x&#7;", "&amp;#27;[2J", "\u202eevil", "\u2066x\u2069",
	"a\u200bb", "\xff\xfe", "\x9b31m", "\u009b31m", "&#x9b;", "&#155;", "&l\u200bt;", "&amp;amp;amp;lt;",
	"\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07", "\x1bP+q\x1b\\", "&#0;", "&#xD800;",
	"👩\u200d👩\u200d👧", "O&#39;Neill", "&NegativeMediumSpace;", "&shy;x", "&#8206;",
	"\x1b]52;c;aGk=\x07", "\x1b[2J\x1b[H", "\x1bc", "\x1b(0", "\x1b#8", "\x1b]0;t\nx", "ftp://x.test/a",
	"\u009d0;t\u009c", "&#x1b;[&#x31;m", "\x1b&#91;2J", "&#27&#91;2J", "e\u0301\u0301", "a\tb",
}

// fixtureStrings are every string in the shared fixtures and the hostile
// fixture, keys included: the sanitiser's seeds.
func fixtureStrings(f *testing.F) []string {
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	var out []string
	for _, p := range append(paths, hostilePath) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			f.Fatalf("%s: %v", p, err)
		}
		termtest.WalkStrings(v, func(_, s string) { out = append(out, s) })
	}
	return out
}

// FuzzSanitize checks the sanitiser: valid UTF-8 out, no forbidden rune
// (by termtest's own list), idempotent, still clean after one more
// entity decoding (a Markdown renderer's); SanitizeLine one stable line;
// SafeURL only stable http, https and mailto URLs.
func FuzzSanitize(f *testing.F) {
	for _, s := range append(hostileSeeds, fixtureStrings(f)...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Sanitize(in)
		if !utf8.ValidString(got) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, got)
		}
		if err := termtest.CheckEscapes(got); err != nil {
			t.Fatalf("Sanitize(%q) = %q: %v", in, got, err)
		}
		if strings.ContainsRune(got, 0x1b) {
			t.Fatalf("Sanitize(%q) = %q keeps an ESC", in, got)
		}
		if again := Sanitize(got); again != got {
			t.Fatalf("not idempotent: Sanitize(%q) = %q, then %q", in, got, again)
		}
		if err := termtest.CheckEscapes(html.UnescapeString(got)); err != nil || strings.ContainsRune(html.UnescapeString(got), 0x1b) {
			t.Fatalf("Sanitize(%q) = %q, which decodes to %q", in, got, html.UnescapeString(got))
		}
		if scr := ForScreen(got); !utf8.ValidString(scr) || termtest.CheckEscapes(scr) != nil || ForScreen(scr) != scr {
			t.Fatalf("ForScreen(%q) = %q: unclean or unstable", got, scr)
		}
		line := SanitizeLine(in)
		if strings.ContainsAny(line, "\n\t\x1b") || SanitizeLine(line) != line || termtest.CheckEscapes(line) != nil {
			t.Fatalf("SanitizeLine(%q) = %q: not one stable clean line", in, line)
		}
		if u := SafeURL(in); u != "" {
			if SafeURL(u) != u || !termtest.SafeTarget(u) || termtest.CheckEscapes(u) != nil || strings.ContainsAny(u, " \n\t\x1b") {
				t.Fatalf("SafeURL(%q) = %q: unstable or unsafe", in, u)
			}
		}
	})
}

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
	for _, s := range hostileSeeds {
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
		}
		pb := PlainBody(body, width)
		checkOutput(t, "PlainBody", pb, width)
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
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
