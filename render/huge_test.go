package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// TestHugeParts: 500 parts of 20 KB each decode, list, print as text and
// render as blocks, every body whole.
func TestHugeParts(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB of HTML")
	}
	bodies := make([]string, api.PartLimit)
	for i := range bodies {
		bodies[i] = termtest.HugeBody(20<<10, fmt.Sprintf("END%dEND", i+1))
	}
	c := termtest.HugeConversation(t, bodies, 0, nil)
	items := Items(c, nil)
	if len(items) != api.PartLimit+1 {
		t.Fatalf("%d items, want %d", len(items), api.PartLimit+1)
	}
	var b bytes.Buffer
	if err := WriteText(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i := 1; i <= api.PartLimit; i++ {
		if !strings.Contains(out, fmt.Sprintf("END%dEND", i)) {
			t.Fatalf("text output lacks the end of part %d", i)
		}
	}
	checkPrinted(t, "text", out, 80)
	r := newTestRenderer(t, 80)
	for _, i := range []int{1, 250, api.PartLimit} {
		block := r.Block(items[i], time.UTC)
		checkOutput(t, fmt.Sprintf("block %d", i), block, 80)
		if !strings.Contains(block, fmt.Sprintf("END%dEND", i)) {
			t.Errorf("block %d lacks the end of its body", i)
		}
	}
}

// TestHugePartCount: a response of more parts than api.MaxParts prints the
// newest it kept, and every output says that convo kept only those.
func TestHugePartCount(t *testing.T) {
	const n = api.MaxParts + 5
	c, err := api.DecodeBytes(termtest.ManyPartsJSON(n))
	if err != nil {
		t.Fatal(err)
	}
	notice := "convo kept only the newest 10,000 of the 10,005 parts in the response"
	for _, format := range []string{"text", "markdown", "json"} {
		var b bytes.Buffer
		write := map[string]func() error{
			"text":     func() error { return WriteText(&b, c, testOptions()) },
			"markdown": func() error { return WriteMarkdown(&b, c, testOptions()) },
			"json":     func() error { return WriteJSON(&b, c, testOptions()) },
		}[format]
		if err := write(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		switch format {
		case "json":
			var doc struct {
				Shown     int  `json:"parts_shown"`
				Total     int  `json:"parts_total"`
				Truncated bool `json:"truncated"`
				Parts     []struct{ ID string }
			}
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Shown != api.MaxParts || doc.Total != n || !doc.Truncated || len(doc.Parts) != api.MaxParts+1 || doc.Parts[1].ID != "6" {
				t.Errorf("json says %d shown of %d, truncated %v, %d parts; want %d of %d, truncated, parts 6 on after the opening message",
					doc.Shown, doc.Total, doc.Truncated, len(doc.Parts), api.MaxParts, n)
			}
		default:
			if !strings.Contains(out, notice) {
				t.Errorf("%s output lacks %q", format, notice)
			}
		}
	}
}

// TestHugeBody: one body of 1 MB, in paragraphs and as one unbroken
// paragraph of 5,000-character words.
func TestHugeBody(t *testing.T) {
	words := "<p>" + strings.Repeat(strings.Repeat("w", 5000)+" ", 200) + "END1END</p>"
	for name, body := range map[string]string{"paragraphs": termtest.HugeBody(1<<20, "END1END"), "long words": words} {
		t.Run(name, func(t *testing.T) {
			c := termtest.HugeConversation(t, []string{body}, 0, nil)
			var b bytes.Buffer
			if err := WriteText(&b, c, testOptions()); err != nil {
				t.Fatal(err)
			}
			checkPrinted(t, "text", b.String(), 80)
			block := newTestRenderer(t, 80).Block(Items(c, nil)[1], time.UTC)
			checkOutput(t, "block", block, 80)
			for what, out := range map[string]string{"text": b.String(), "block": block} {
				if !strings.Contains(out, "END1END") {
					t.Errorf("%s lacks the end of the body", what)
				}
			}
		})
	}
}

// TestHugeDetails: 10,000 tags and a custom attribute nested three deep.
func TestHugeDetails(t *testing.T) {
	attrs := map[string]any{"account": map[string]any{"plan": map[string]any{"tier": map[string]any{"name": "gold", "seats": 40}}}}
	c := termtest.HugeConversation(t, []string{"<p>x</p>"}, 10000, attrs)
	tags, attr := 0, ""
	for _, s := range Details(c, testOptions()) {
		for _, r := range s.Rows {
			switch {
			case s.Title == "Tags":
				tags++
			case r.Label == "account":
				attr = r.Value
			}
		}
	}
	if tags != 10000 {
		t.Errorf("%d tag rows, want 10000", tags)
	}
	if want := "plan: {tier: {name: gold, seats: 40}}"; attr != want {
		t.Errorf("account = %q, want %q", attr, want)
	}
	var b bytes.Buffer
	if err := WriteText(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "tag-9999") {
		t.Errorf("text output lacks the last tag")
	}
}
