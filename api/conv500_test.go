package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// conv500Path is the 500-part conversation the benchmarks of api, render,
// ui and the binary read: a GET /conversations/{id} response with the
// demo's metadata and PartLimit generated parts. Regenerate it with
//
//	go test ./api -run TestConv500 -update
const conv500Path = "testdata/conv500.json"

var update = flag.Bool("update", false, "rewrite testdata/conv500.json from its generator")

// TestConv500 keeps testdata/conv500.json what conv500JSON makes, and
// checks that it is what the benchmarks claim to measure.
func TestConv500(t *testing.T) {
	body, err := conv500JSON()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(conv500Path, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	saved, err := os.ReadFile(conv500Path)
	if err != nil {
		t.Fatalf("%v: go test ./api -run TestConv500 -update makes it", err)
	}
	if !bytes.Equal(saved, body) {
		t.Fatalf("%s is not what its generator makes (%d bytes, want %d): go test ./api -run TestConv500 -update",
			conv500Path, len(saved), len(body))
	}
	c, err := DecodeBytes(saved)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.ConversationParts.Parts); n != PartLimit {
		t.Fatalf("%d parts, want %d", n, PartLimit)
	}
	var html, bodies int
	seen := map[string]int{}
	for _, p := range c.ConversationParts.Parts {
		if p.Body == "" {
			continue
		}
		bodies++
		html += len(p.Body)
		if n := len(p.Body); n < 50 || n > 2000 {
			t.Errorf("part %s: body of %d bytes, want 50 to 2,000", p.ID, n)
		}
		for _, tag := range []string{"<p>", "<a ", "<ul>", "<ol>", "<br>", "<pre>", "<img ", "<b>", "<code>"} {
			if strings.Contains(p.Body, tag) {
				seen[tag]++
			}
		}
	}
	for _, tag := range []string{"<p>", "<a ", "<ul>", "<ol>", "<br>", "<pre>", "<img ", "<b>", "<code>"} {
		if seen[tag] < 10 {
			t.Errorf("%d bodies with %s, want at least 10", seen[tag], tag)
		}
	}
	// DESIGN.md §10's anchors were measured on 310 KB of HTML.
	if html < 280_000 || html > 340_000 {
		t.Errorf("%d bytes of HTML in %d bodies, want about 310 KB", html, bodies)
	}
	t.Logf("%d bodies, %d bytes of HTML (%d on average); %v", bodies, html, html/bodies, seen)
}

// conv500JSON is the 500-part conversation: the demo's metadata (so the
// details panel is full) and parts made from a fixed seed, so the file
// changes only when this generator does.
func conv500JSON() ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(demoJSON, &doc); err != nil {
		return nil, err
	}
	var start int64 // the opening message's time
	if err := json.Unmarshal(doc["created_at"], &start); err != nil {
		return nil, err
	}
	g := partGen{rng: rand.New(rand.NewPCG(500, 2026)), at: start}
	parts := make([]genPart, PartLimit)
	for i := range parts {
		parts[i] = g.part(i)
	}
	// One part a line: a diff of the file then says which parts changed.
	var list bytes.Buffer
	list.WriteString(`{"type": "conversation_part.list", "conversation_parts": [`)
	for i, p := range parts {
		b, err := marshalHTML(p)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			list.WriteString(",")
		}
		list.WriteString("\n" + partIndent)
		list.Write(b)
	}
	fmt.Fprintf(&list, "\n  ], \"total_count\": %d}", PartLimit)
	doc["conversation_parts"] = list.Bytes()
	last := []byte(fmt.Sprint(g.at))
	doc["updated_at"], doc["waiting_since"] = last, last
	doc["statistics"] = regexp.MustCompile(`("count_conversation_parts":\s*)\d+`).
		ReplaceAll(doc["statistics"], []byte(fmt.Sprintf("${1}%d", PartLimit)))
	return marshalOrdered(doc)
}

// marshalHTML is json.Marshal without escaping <, > and &, as the API
// sends HTML bodies.
func marshalHTML(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// marshalOrdered writes the document's keys in the demo's order (the
// API's), indented like the demo.
func marshalOrdered(doc map[string]json.RawMessage) ([]byte, error) {
	order := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(demoJSON))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	for i := 0; dec.More(); i++ {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		order[tok.(string)] = i
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
	var b bytes.Buffer
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		name, _ := json.Marshal(k)
		b.WriteString("\n  ")
		b.Write(name)
		b.WriteString(": ")
		if k == "conversation_parts" {
			b.Write(doc[k]) // laid out already
			continue
		}
		if err := json.Indent(&b, doc[k], "  ", "  "); err != nil {
			return nil, err
		}
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// partIndent starts each part's line in the file.
const partIndent = "    "

// genPart is a conversation part, its fields in the API's order.
type genPart struct {
	Type                 string          `json:"type"`
	ID                   string          `json:"id"`
	PartType             string          `json:"part_type"`
	Body                 *string         `json:"body"`
	CreatedAt            int64           `json:"created_at"`
	UpdatedAt            int64           `json:"updated_at"`
	NotifiedAt           int64           `json:"notified_at"`
	AssignedTo           *genRef         `json:"assigned_to"`
	Author               genAuthor       `json:"author"`
	Attachments          []genAttachment `json:"attachments"`
	ExternalID           *string         `json:"external_id"`
	Redacted             bool            `json:"redacted"`
	EmailMessageMetadata *struct{}       `json:"email_message_metadata"`
	Metadata             *struct{}       `json:"metadata"`
	State                string          `json:"state"`
	Tags                 []genRef        `json:"tags"`
	EventDetails         any             `json:"event_details"`
	AppPackageCode       *string         `json:"app_package_code"`
}

type genRef struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

type genAuthor struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	FromAIAgent bool   `json:"from_ai_agent"`
	IsAIAnswer  bool   `json:"is_ai_answer"`
}

type genAttachment struct {
	Type        string `json:"type"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Filesize    int    `json:"filesize"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
}

// The demo's people.
var (
	genCustomers = []genAuthor{
		{ID: "674d2a91c3e8b1f0a5d34e21", Type: "user", Name: "Lena Schäfer", Email: "lena.schaefer@nordlicht-kaffee.de"},
		{ID: "674d2b07c3e8b1f0a5d34e9c", Type: "user", Name: "佐藤 美咲", Email: "misaki.sato@nordlicht-kaffee.de"},
	}
	genAdmins = []genAuthor{
		{ID: "7301145", Type: "admin", Name: "Siobhán O'Neill", Email: "siobhan@ledgerly.io"},
		{ID: "7301188", Type: "admin", Name: "Dimitris Papadopoulos", Email: "dimitris@ledgerly.io"},
		{ID: "7300021", Type: "admin", Name: "Marcus Webb", Email: "marcus@ledgerly.io"},
	}
	genBot = genAuthor{ID: "7299001", Type: "bot", Name: "Operator", Email: "operator+ledgerly@intercom.io"}
	genFin = genAuthor{ID: "7299002", Type: "bot", Name: "Fin", Email: "operator+ledgerly@intercom.io", FromAIAgent: true, IsAIAnswer: true}
)

// Words for bodies: every sentence is over 45 bytes, so a body of one
// paragraph is over 50.
var (
	genSentences = []string{
		"Thanks for getting back to me so quickly, I really appreciate it.",
		"The export still fails for the second half of the month, with the same error as before.",
		"I have tried it again in a private window and on another computer, and nothing changed.",
		"Could you tell me which invoices are affected, so we can check them on our side?",
		"We need the file before the end of the week for our accountant.",
		"I've looked at the logs for your account and found the failing job.",
		"It looks like the problem is in how long product descriptions are cut.",
		"Our engineers are working on a fix and I'll keep you posted here.",
		"In the meantime, exporting without descriptions should work for every period.",
		"Can you confirm that the numbers in the file match what you see in the app?",
		"The totals are right, but the VAT column is empty for a few rows.",
		"That's expected for invoices marked as reverse charge, which carry no VAT.",
		"Sorry for the trouble, and thank you for your patience while we sort this out.",
		"I'm handing this over to a colleague in Support Engineering who knows the exporter best.",
		"Misaki checked the Japanese invoices and they all look correct now.",
		"Would it be possible to schedule the export every Monday morning instead?",
		"Scheduled exports are on the Growth plan, which your account already has.",
		"Let me know if anything else comes up, I'm happy to help.",
		"I've attached a screenshot of what I see when I click the button.",
		"The page spins for about a minute and then shows a red banner at the top.",
		"We released a new version last night that should fix exactly this case.",
		"Please clear the browser cache once before you try again, just to be safe.",
		"The download starts now, but the file only has the header line in it.",
		"That happens when the filter excludes every invoice; check the date range first.",
	}
	genLinks = []struct{ text, url string }{
		{"exporting invoices", "https://help.ledgerly.io/en/articles/4821-exporting-invoices-to-csv"},
		{"the status page", "https://status.ledgerly.io/incidents/7f3a91"},
		{"scheduled exports", "https://help.ledgerly.io/en/articles/5120-scheduled-exports"},
		{"this guide", "https://help.ledgerly.io/en/articles/3301-reverse-charge-vat"},
		{"the invoice", "https://app.ledgerly.io/invoices/INV-2026-11-2318"},
		{"release notes", "https://ledgerly.io/changelog#2026-11-24"},
	}
	genItems = []string{
		"Open <b>Invoices → Export</b> and pick the period",
		"Untick <i>Include line descriptions</i>",
		"Choose UTF-8 as the encoding, not Windows-1252",
		"Click <b>Export CSV</b> and wait for the e-mail",
		"Check the file opens in Excel with the right columns",
		"Send us the export id from the e-mail if it fails again",
		"Compare the row count with the number of invoices in the app",
	}
	genCode = []string{
		"2026-11-23T09:40:58Z export_id=exp_7f3a91 account=48213 rows=1106 status=failed\nerror: csv: invalid UTF-8 in field \"description\" at row 1107\n  at exporter.writeRow (exporter.go:214)\n  at exporter.Run (exporter.go:97)",
		"curl -H \"Authorization: Bearer $TOKEN\" \\\n  \"https://api.ledgerly.io/v2/exports?account=48213&amp;period=2026-11\" \\\n  -o november.csv",
		"{\n  \"export_id\": \"exp_7f3a91\",\n  \"status\": \"failed\",\n  \"rows\": 1106,\n  \"error\": \"invalid UTF-8\"\n}",
		"SELECT id, number, total, vat\nFROM invoices\nWHERE account_id = 48213\n  AND issued_at &gt;= '2026-11-16'\nORDER BY issued_at;",
	}
	genGreetings = []string{"Hi Lena,", "Hi Misaki,", "Hello both,", "Good morning Lena,", "Hi there,"}
	genSigns     = []string{
		"<p>Best,<br>Siobhán<br>Ledgerly Support</p>",
		"<p>Lena Schäfer<br>Operations, Kaffeerösterei Nordlicht GmbH<br>Hamburg</p>",
		"<p>Thanks,<br>Dimitris<br>Support Engineering, Ledgerly</p>",
	}
)

// partGen makes parts one after another: ids and times go up.
type partGen struct {
	rng *rand.Rand
	at  int64
}

func (g *partGen) pick(n int) int { return g.rng.IntN(n) }

func (g *partGen) part(i int) genPart {
	g.at += int64(30 + g.rng.IntN(4*3600)) // up to four hours between parts
	p := genPart{
		Type: "conversation_part", ID: fmt.Sprint(29184730000 + i*7), CreatedAt: g.at, UpdatedAt: g.at, NotifiedAt: g.at,
		Attachments: []genAttachment{}, Tags: []genRef{}, State: "open",
	}
	body := func(b string) { p.Body = &b }
	switch r := g.rng.Float64(); {
	case r < 0.30:
		p.PartType, p.Author = "comment", genCustomers[min(g.pick(5), 1)] // Lena four times in five
		body(g.body(false))
		if g.pick(12) == 0 {
			p.Attachments = append(p.Attachments, genAttachment{
				Type: "upload", Name: fmt.Sprintf("export-%d.png", i), ContentType: "image/png",
				URL:      fmt.Sprintf("https://downloads.intercomcdn.com/i/o/ledgerly/10485%05d/export-%d.png?expires=1795608000", i, i),
				Filesize: 40_000 + g.pick(400_000), Width: 1440, Height: 900,
			})
		}
	case r < 0.62:
		p.PartType, p.Author = "comment", genAdmins[g.pick(len(genAdmins))]
		body(g.body(true))
	case r < 0.72:
		p.PartType, p.Author = "note", genAdmins[g.pick(len(genAdmins))]
		body(g.body(false))
	case r < 0.77:
		p.PartType, p.Author = "comment", genBot
		if g.pick(2) == 0 {
			p.Author = genFin
		}
		body(g.body(false))
	default:
		g.event(&p)
	}
	return p
}

// event makes p a state change, assignment or tag change (no body).
func (g *partGen) event(p *genPart) {
	p.Author = genAdmins[g.pick(len(genAdmins))]
	switch g.pick(6) {
	case 0, 1:
		p.PartType = "assignment"
		a := genAdmins[g.pick(len(genAdmins))]
		p.AssignedTo = &genRef{Type: "admin", ID: a.ID}
	case 2:
		p.PartType, p.State = "close", "closed"
	case 3:
		p.PartType = "open"
	case 4:
		p.PartType, p.State = "snoozed", "snoozed"
		p.EventDetails = map[string]string{"until": "until tomorrow"}
	default:
		p.PartType = "conversation_tags_updated"
		p.Author = genBot
		p.Tags = []genRef{{Type: "tag", ID: "8120455", Name: "csv-export"}}
		p.EventDetails = map[string][]string{"tags_added": {"csv-export"}, "tags_removed": {}}
	}
}

// body is Intercom-like HTML of 50 to 2,000 bytes, most of them short:
// paragraphs with links, bold, italic and inline code, lists, line breaks,
// and now and then a code block or a screenshot.
func (g *partGen) body(greet bool) string {
	target := 50 + int(1950*math.Pow(g.rng.Float64(), 2))
	var b strings.Builder
	if greet && g.pick(2) == 0 {
		b.WriteString("<p>" + genGreetings[g.pick(len(genGreetings))] + "</p>")
	}
	b.WriteString(g.paragraph())
	for tries := 0; b.Len() < target && tries < 20; tries++ {
		blk := g.block()
		if b.Len()+len(blk) > 2000 {
			continue
		}
		b.WriteString(blk)
	}
	return b.String()
}

func (g *partGen) block() string {
	switch r := g.pick(100); {
	case r < 65:
		return g.paragraph()
	case r < 75:
		return genSigns[g.pick(len(genSigns))]
	case r < 90:
		tag := "ul"
		if g.pick(3) == 0 {
			tag = "ol"
		}
		var b strings.Builder
		b.WriteString("<" + tag + ">")
		for range 2 + g.pick(4) {
			b.WriteString("<li><p>" + genItems[g.pick(len(genItems))] + "</p></li>")
		}
		b.WriteString("</" + tag + ">")
		return b.String()
	case r < 95:
		return "<pre><code>" + genCode[g.pick(len(genCode))] + "</code></pre>"
	default:
		n := 1000 + g.pick(9000)
		return fmt.Sprintf(`<div class="intercom-container"><img src="https://downloads.intercomcdn.com/i/o/ledgerly/%d/screenshot-%d.png" width="1440" height="900"></div>`, 1048576000+n, n)
	}
}

// paragraph is one to three sentences, one of them perhaps with a link,
// bold or inline code in it.
func (g *partGen) paragraph() string {
	var parts []string
	for range 1 + g.pick(3) {
		s := genSentences[g.pick(len(genSentences))]
		switch g.pick(8) {
		case 0:
			l := genLinks[g.pick(len(genLinks))]
			s += ` See <a href="` + l.url + `" target="_blank" class="intercom-content-link">` + l.text + `</a>.`
		case 1:
			s = "<b>" + s + "</b>"
		case 2:
			s += " The export id is <code>exp_7f3a91</code>."
		case 3:
			s = strings.Replace(s, "the ", "<i>the</i> ", 1)
		}
		parts = append(parts, s)
	}
	return "<p>" + strings.Join(parts, " ") + "</p>"
}
