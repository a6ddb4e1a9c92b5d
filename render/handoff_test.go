package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones must not depend on the machine's zoneinfo

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// longURL is wider than any width tested, and has hyphens, where ansi.Wrap
// would break it.
const longURL = "https://downloads.example.com/i/o/ledgerly/1048576001/export-error-report-2026-11.png?expires=1795608000&signature=3b1f09c2"

// shortURL fits every width from 20 up, and has hyphens too.
const shortURL = "https://a.io/x-y-z"

// urlConversation has a long URL in a paragraph, an attachment, a details
// row (the page the conversation started on) and a custom attribute, and
// a short one in a paragraph.
func urlConversation(t *testing.T) *api.Conversation {
	t.Helper()
	doc := fmt.Sprintf(`{"type": "conversation", "id": "77", "title": "Export fails", "created_at": 1795421524, "state": "open",
	  "source": {"type": "conversation", "id": "1", "url": %[1]q,
	    "author": {"type": "user", "id": "u1", "name": "Maya Chen"},
	    "body": "<p>The export fails, see %[1]s for the error, and a shorter one, %[2]s, too.</p>",
	    "attachments": [{"type": "upload", "name": "error.png", "url": %[1]q, "filesize": 2048}]},
	  "custom_attributes": {"Report": %[1]q},
	  "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [], "total_count": 0}}`,
		longURL, shortURL)
	c, err := api.DecodeBytes([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestURLsAreNeverSplit: in text output, a URL is whole on one line,
// wherever it is, at every width; the lines around it still fit.
func TestURLsAreNeverSplit(t *testing.T) {
	url := regexp.QuoteMeta(longURL)
	places := []struct {
		name string
		line string // a regular expression for the whole line
		n    int    // lines that match it
	}{
		{"in a paragraph", `^` + url + `$`, 1},
		{"in an attachment", `^  ` + url + `$`, 1},
		{"the details rows' labels", `^  (URL|Report):$`, 2},
		{"in the details rows, under their labels", `^      ` + url + `$`, 2},
		{"a short URL", `(^| )` + regexp.QuoteMeta(shortURL+",") + `( |$)`, 1},
	}
	c := urlConversation(t)
	for _, width := range []int{20, 40, 80} {
		o := testOptions()
		o.Width = width
		o.Names = &Names{AppID: "abc123"}
		var b bytes.Buffer
		if err := WriteText(&b, c, o); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSuffix(b.String(), "\n")
		lines := strings.Split(out, "\n")
		for _, p := range places {
			t.Run(fmt.Sprintf("%s at %d", p.name, width), func(t *testing.T) {
				re, n := regexp.MustCompile(p.line), 0
				for _, l := range lines {
					if re.MatchString(l) {
						n++
					}
				}
				if n != p.n {
					t.Errorf("%d lines match %s, want %d:\n%s", n, p.line, p.n, out)
				}
			})
		}
		link := "https://app.intercom.com/a/inbox/abc123/inbox/conversation/77"
		if !strings.Contains(out, "\n"+link+"\n") && !strings.Contains(out, "\nLink: "+link+"\n") {
			t.Errorf("width %d: the web link is not whole:\n%s", width, out)
		}
		checkPrinted(t, fmt.Sprintf("text at %d", width), out, width)
	}
}

func TestWrapTextKeepsURLs(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  string
	}{
		{"a URL that fits moves to the next line whole", "see " + shortURL, 20,
			"see\n" + shortURL},
		{"a printed time stays on one line", "snoozed the conversation until 2026-11-24 14:00 CET", 40,
			"snoozed the conversation until\n2026-11-24 14:00 CET"},
		{"a printed time too wide for the width may break", "until 2026-11-24 14:00 +0530", 20,
			wrapWords("until 2026-11-24 14:00 +0530", 20)},
		{"a URL too long overflows on a line of its own", "see " + longURL + " and more", 40,
			"see\n" + longURL + "\nand more"},
		{"inside parentheses", "More in the guide (" + longURL + ").", 40,
			"More in the guide\n(" + longURL + ")."},
		{"mailto", "write to mailto:someone.with.a.long.name@example-company.example.com please", 20,
			"write to\nmailto:someone.with.a.long.name@example-company.example.com\nplease"},
		{"two URLs that fit share a line", shortURL + " " + shortURL, 40, shortURL + " " + shortURL},
		{"no URL: words wrap as before", "a-long-hyphenated-word-that-breaks here", 20,
			wrapWords("a-long-hyphenated-word-that-breaks here", 20)},
		{"a private-use character in the text", "\ue000 see " + shortURL + " now", 20,
			"\ue000 see\n" + shortURL + "\nnow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapText(tt.text, tt.width); got != tt.want {
				t.Errorf("wrapText(%q, %d) =\n%s\nwant\n%s", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// In a code block, lines are cut hard, but not inside a URL.
func TestCodeKeepsURLs(t *testing.T) {
	body := "<pre><code>curl -fsS " + longURL + " -o out.png</code></pre>"
	out := PlainBody(body, 30)
	if !strings.Contains(out, "\n"+longURL+"\n") {
		t.Errorf("the URL in code is not whole on a line of its own:\n%s", out)
	}
	checkPrinted(t, "code", out, 30)
}

// The screen's fallback for a body glamour cannot render never passes the
// width, URL or not.
func TestPlainLinesFit(t *testing.T) {
	for _, l := range plainLines("see "+longURL+" now", 30) {
		if w := ansi.StringWidth(l); w > 30 {
			t.Errorf("line %q is %d cells wide, over 30", l, w)
		}
	}
}

func TestURLOverflow(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{longURL, true},
		{"  " + longURL, true},
		{"| " + longURL, true},
		{"(" + longURL + ").", true},
		{"see " + longURL, false}, // words before it: wrapping went wrong
		{"  " + shortURL, false},  // fits: no overflow
		{strings.Repeat("x", 50), false},
	}
	for _, tt := range tests {
		if got := urlOverflow(tt.line, 30); got != tt.want {
			t.Errorf("urlOverflow(%q, 30) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// viewOptions are the options of the golden files of views: a zone with
// a name, as a reader would have.
func viewOptions(t *testing.T) Options {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	o.Loc = loc
	return o
}

// TestGoldenViews pins the demo's public and filtered views in
// Europe/Berlin (testdata/golden/demo-<view>.<ext>).
func TestGoldenViews(t *testing.T) {
	views := []struct {
		name string
		set  func(*Options)
	}{
		{"public", func(o *Options) { o.Public = true }},
		{"no-notes", func(o *Options) { o.NoNotes = true }},
		{"no-events", func(o *Options) { o.NoEvents = true }},
	}
	for _, v := range views {
		for _, f := range formats {
			name := "demo-" + v.name + "." + f.ext
			t.Run(name, func(t *testing.T) {
				o := viewOptions(t)
				v.set(&o)
				var b bytes.Buffer
				if err := f.write(&b, api.Demo(), o); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", "golden", name), b.Bytes())
			})
		}
	}
}

func TestTranscriptFilters(t *testing.T) {
	c := api.Demo()
	all := Items(c, nil)
	count := func(items []Item) (kinds map[Kind]int, events, emails int) {
		kinds = map[Kind]int{}
		for _, it := range items {
			kinds[it.Kind]++
			if it.Kind != KindEvent && it.Event != "" {
				events++
			}
			if it.AuthorEmail != "" || it.AuthorID != "" {
				emails++
			}
		}
		return kinds, events, emails
	}
	allKinds, allEvents, allEmails := count(all)
	if allKinds[KindNote] == 0 || allKinds[KindEvent] == 0 || allEvents == 0 || allEmails == 0 {
		t.Fatalf("the demo lacks notes, events or message events: %v, %d", allKinds, allEvents)
	}
	tests := []struct {
		name                     string
		o                        Options
		notes, events, msgEvents bool
		authors                  bool
	}{
		{"everything", Options{}, true, true, true, true},
		{"no notes", Options{NoNotes: true}, false, true, true, true},
		{"no events", Options{NoEvents: true}, true, false, false, true},
		{"both", Options{NoNotes: true, NoEvents: true}, false, false, false, true},
		{"public", Options{Public: true}, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kinds, msgEvents, authors := count(tt.o.transcript(c))
			if got := kinds[KindNote] > 0; got != tt.notes {
				t.Errorf("notes kept = %v, want %v", got, tt.notes)
			}
			if got := kinds[KindEvent] > 0; got != tt.events {
				t.Errorf("events kept = %v, want %v", got, tt.events)
			}
			if got := msgEvents > 0; got != tt.msgEvents {
				t.Errorf("messages' event lines kept = %v, want %v", got, tt.msgEvents)
			}
			if got := authors > 0; got != tt.authors {
				t.Errorf("authors' ids and emails kept = %v, want %v", got, tt.authors)
			}
			if kinds[KindMessage] != allKinds[KindMessage] {
				t.Errorf("%d messages, want all %d", kinds[KindMessage], allKinds[KindMessage])
			}
		})
	}
}

// An unrecognised part is kept by --no-notes and --no-events, which leave
// out what they name, and dropped by --public, which keeps only what the
// customer surely saw.
func TestPublicDropsUnrecognised(t *testing.T) {
	c := urlConversation(t)
	c.ConversationParts.Parts = []api.Part{{ID: "9", PartType: "mystery_widget", Body: "<p>who saw this?</p>",
		Author: api.Author{Type: "admin", ID: "5", Name: "Sam"}}}
	for _, tt := range []struct {
		o    Options
		kept bool
	}{{Options{NoNotes: true, NoEvents: true}, true}, {Options{Public: true}, false}} {
		for _, f := range formats {
			var b bytes.Buffer
			if err := f.write(&b, c, tt.o); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(b.String(), "who saw this?"); got != tt.kept {
				t.Errorf("%s with %+v: unrecognised part kept = %v, want %v", f.ext, tt.o, got, tt.kept)
			}
		}
	}
}

func TestPublicDetails(t *testing.T) {
	ticket := func(category, state string) *api.Conversation {
		c := urlConversation(t)
		c.Ticket = &api.Ticket{ID: "t1", TicketID: "1184", Category: category, TicketState: api.TicketState{Category: state}}
		return c
	}
	tests := []struct {
		name string
		c    *api.Conversation
		want []Row
	}{
		{"a conversation", urlConversation(t), []Row{{Label: "Created", Value: "2026-11-23 09:12 CET"}}},
		{"a customer ticket", ticket("Customer", "waiting_on_customer"), []Row{
			{Label: "Created", Value: "2026-11-23 09:12 CET"},
			{Label: "Ticket", Value: "1184", ID: true},
			{Label: "Ticket status", Value: "Waiting on you"},
		}},
		{"the workspace's label for customers", func() *api.Conversation {
			c := ticket("Customer", "in_progress")
			c.Ticket.TicketState.InternalLabel, c.Ticket.TicketState.ExternalLabel = "With Dev Team", "Being fixed"
			return c
		}(), []Row{
			{Label: "Created", Value: "2026-11-23 09:12 CET"},
			{Label: "Ticket", Value: "1184", ID: true},
			{Label: "Ticket status", Value: "Being fixed"},
		}},
		{"a state the customer has no label for", ticket("Customer", "escalated_internally"), []Row{
			{Label: "Created", Value: "2026-11-23 09:12 CET"},
			{Label: "Ticket", Value: "1184", ID: true},
		}},
		{"a tracker ticket is the team's", ticket("Tracker", "in_progress"), []Row{
			{Label: "Created", Value: "2026-11-23 09:12 CET"},
		}},
		{"a back-office ticket is the team's", ticket("Back-office", "submitted"), []Row{
			{Label: "Created", Value: "2026-11-23 09:12 CET"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := viewOptions(t)
			o.Public, o.printed = true, true
			secs := Details(tt.c, o)
			if len(secs) != 1 || secs[0].Title != "Conversation" {
				t.Fatalf("sections %+v, want one, Conversation", secs)
			}
			if got := fmt.Sprint(secs[0].Rows); got != fmt.Sprint(tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPublicJSON: every key of the full document is in the public one,
// and every key not kept is empty.
func TestPublicJSON(t *testing.T) {
	decode := func(o Options) map[string]any {
		var b bytes.Buffer
		if err := WriteJSON(&b, api.Demo(), o); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	full, pub := decode(testOptions()), decode(Options{Loc: time.UTC, Now: testNow, Public: true})
	for key, v := range full {
		pv, ok := pub[key]
		switch {
		case !ok:
			t.Errorf("public JSON lacks %q", key)
		case publicKeys[key]:
			if key != "parts" && key != "view" && fmt.Sprint(pv) != fmt.Sprint(v) {
				t.Errorf("public %q = %v, want %v", key, pv, v)
			}
		case !isEmpty(pv):
			t.Errorf("public %q = %v, want it empty", key, pv)
		}
	}
	if view := pub["view"].(map[string]any); view["public"] != true || view["notes"] != false || view["events"] != false {
		t.Errorf("view = %v", view)
	}
	parts := pub["parts"].([]any)
	if len(parts) == 0 {
		t.Fatal("no parts")
	}
	for _, p := range parts {
		part := p.(map[string]any)
		if part["kind"] != "message" || part["event"] != nil {
			t.Errorf("part %v: kind %v, event %v; want a message with no event", part["index"], part["kind"], part["event"])
		}
		author := part["author"].(map[string]any)
		if author["id"] != nil || author["email"] != nil || author["name"] == "" {
			t.Errorf("part %v: author %v, want a name and no id or email", part["index"], author)
		}
	}
}

// isEmpty is the public view's "nothing": null, false, 0, "", [] or {},
// or an object of those.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case float64:
		return v == 0
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, x := range v {
			if !isEmpty(x) {
				return false
			}
		}
		return true
	}
	return false
}

// emptyExcept empties keys added to the schema later, of every kind, and
// keeps the document valid JSON.
func TestEmptyExcept(t *testing.T) {
	type inner struct {
		List []string `json:"list"`
		Name *string  `json:"name"`
	}
	var doc struct {
		Keep  string          `json:"keep"`
		Raw   json.RawMessage `json:"raw"`
		Map   map[string]int  `json:"map"`
		List  []inner         `json:"list"`
		Obj   inner           `json:"obj"`
		Ptr   *inner          `json:"ptr"`
		Count int             `json:"count"`
	}
	name := "x"
	doc.Keep, doc.Raw, doc.Map = "kept", json.RawMessage(`{"a":1}`), map[string]int{"a": 1}
	doc.List, doc.Obj, doc.Ptr, doc.Count = []inner{{Name: &name}}, inner{List: []string{"a"}, Name: &name}, &inner{}, 3
	emptyExcept(reflect.ValueOf(&doc).Elem(), keySet("keep"))
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"keep":"kept","raw":null,"map":{},"list":[],"obj":{"list":[],"name":null},"ptr":null,"count":0}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

// TestPrintedTimes: text and Markdown write every time one way, absolute
// and with its zone; nothing is relative. JSON stays RFC 3339.
func TestPrintedTimes(t *testing.T) {
	stampRe := regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2} (CET|CEST)`)
	screenRe := regexp.MustCompile(`\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Nov|Dec)\b|\bago\b|just now`)
	for _, f := range formats {
		t.Run(f.ext, func(t *testing.T) {
			o := viewOptions(t)
			var b bytes.Buffer
			if err := f.write(&b, api.Demo(), o); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if m := screenRe.FindString(out); m != "" && f.ext != "json" {
				t.Errorf("%s output has a screen-style or relative time: %q", f.ext, m)
			}
			switch f.ext {
			case "json":
				if !strings.Contains(out, `"created_at": "2026-11-23T09:12:04+01:00"`) {
					t.Error("JSON times are not RFC 3339 with the offset")
				}
				if !strings.Contains(out, "snoozed the conversation until 2026-11-24 14:00 CET") {
					t.Error("the end of a snooze in a JSON event is not a printed time")
				}
			default:
				for _, want := range []string{
					"Lena Schäfer (customer) · 2026-11-23 09:12 CET", // text heading
					"Lena Schäfer · customer · 2026-11-23 09:12 CET", // Markdown heading
				} {
					if strings.Contains(out, want) {
						goto heading
					}
				}
				t.Error("the first heading is not stamped 2026-11-23 09:12 CET")
			heading:
				for _, want := range []string{"Created", "Rated", "snoozed the conversation until"} {
					i := strings.Index(out, want)
					if i < 0 || !stampRe.MatchString(out[i:min(i+80, len(out))]) {
						t.Errorf("%q is not followed by a printed time", want)
					}
				}
				// Every event stamp is the full one.
				evRe := regexp.MustCompile(`(?m)^(· |- \*)(\d\S*)`)
				for _, m := range evRe.FindAllStringSubmatch(out, -1) {
					if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(m[2]) {
						t.Errorf("an event starts %q, not with its date", m[0])
					}
				}
			}
		})
	}
}

// A zone with no abbreviation prints its offset.
func TestPrintedNumericZone(t *testing.T) {
	for _, tt := range []struct {
		zone string
		want string
	}{{"Europe/Istanbul", "2026-11-23 11:12 +03"}, {"Asia/Kolkata", "2026-11-23 13:42 IST"}} {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 23, 8, 12, 0, 0, time.UTC)
		if got := formatPrinted(at, loc); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.zone, got, tt.want)
		}
	}
	if got := formatPrinted(time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), time.FixedZone("", 5*3600+1800)); got != "2026-01-02 08:34 +0530" {
		t.Errorf("an unnamed fixed zone: %q", got)
	}
}

// Markdown is never wrapped, whatever the width.
func TestMarkdownIsNotWrapped(t *testing.T) {
	var outs []string
	for _, width := range []int{0, 20, 80, 1000} {
		o := testOptions()
		o.Width = width
		var b bytes.Buffer
		if err := WriteMarkdown(&b, api.Demo(), o); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	for i, out := range outs[1:] {
		if out != outs[0] {
			t.Errorf("width %d changed the Markdown output", []int{20, 80, 1000}[i])
		}
	}
	if !strings.Contains(outs[0], "It spins for a while and then says") ||
		!strings.Contains(outs[0], "button fails for November. It spins") {
		t.Error("a paragraph is broken across lines")
	}
}

// TestPublicLeavesOutPartDetails: a part's tags and app are the team's,
// and its email headers may carry a BCC: the public view prints none of
// them, in any format; the full view prints them all.
func TestPublicLeavesOutPartDetails(t *testing.T) {
	c := urlConversation(t)
	c.ConversationParts.Parts = []api.Part{{ID: "9", PartType: "comment", Body: "<p>Fixed now.</p>",
		Author: api.Author{Type: "admin", ID: "a1", Name: "Sam Lee"}, CreatedAt: 1795425124,
		Tags: []api.Tag{{Name: "escalated-internally"}}, AppPackageCode: "jira-cloud",
		EmailMessageMetadata: &api.EmailMetadata{Subject: "Re: Export", EmailAddressHeaders: []api.EmailHeader{
			{Type: "bcc", EmailAddress: "audit@vendor.example"}}}}}
	internal := []string{"escalated-internally", "jira-cloud", "audit@vendor.example"}
	for _, f := range formats {
		for _, public := range []bool{false, true} {
			o := viewOptions(t)
			o.Public = public
			var b bytes.Buffer
			if err := f.write(&b, c, o); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "Fixed now.") {
				t.Errorf("%s public=%v: the reply is missing:\n%s", f.ext, public, b.String())
			}
			for _, s := range internal {
				if got := strings.Contains(b.String(), s); got == public {
					t.Errorf("%s public=%v: %q shown = %v", f.ext, public, s, got)
				}
			}
		}
	}
}
