package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

var update = flag.Bool("update", false, "rewrite golden files")

// formats are the printed outputs pinned by golden files.
var formats = []struct {
	ext   string
	write func(io.Writer, *api.Conversation, Options) error
}{
	{"txt", WriteText},
	{"md", WriteMarkdown},
	{"json", WriteJSON},
}

// TestGolden pins text, Markdown and JSON output for every fixture and for
// the demo (testdata/golden/<name>.<ext>); run with -update to rewrite them
// and review the diff.
func TestGolden(t *testing.T) {
	for _, fx := range allConversations(t) {
		for _, f := range formats {
			name := fx.name + "." + f.ext
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.write(&b, fx.conv, testOptions()); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", "golden", name), b.Bytes())
			})
		}
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test ./render -update and review the diff):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line with two lines of context.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		wl, gl := line(w, i), line(g, i)
		if wl == gl {
			continue
		}
		var b strings.Builder
		for j := max(i-2, 0); j < i; j++ {
			fmt.Fprintf(&b, "  %4d   %q\n", j+1, w[j])
		}
		fmt.Fprintf(&b, "  %4d - %q\n  %4d + %q", i+1, wl, i+1, gl)
		return b.String()
	}
	return "(same lines, different bytes)"
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}

// TestTextOutput checks what the golden files cannot show by eye: the
// width bound, no escape sequences, the notice.
func TestTextOutput(t *testing.T) {
	for _, fx := range allConversations(t) {
		for _, width := range []int{20, 80, 132} {
			o := testOptions()
			o.Width = width
			var b bytes.Buffer
			if err := WriteText(&b, fx.conv, o); err != nil {
				t.Fatal(err)
			}
			checkPrinted(t, fx.name, strings.TrimSuffix(b.String(), "\n"), width)
			if strings.Contains(b.String(), "\x1b") {
				t.Errorf("%s: escape sequence in text output", fx.name)
			}
		}
	}
}

func TestTruncatedOutputsSayso(t *testing.T) {
	c := api.Demo()
	c.Statistics.CountConversationParts = 812
	for len(c.ConversationParts.Parts) < api.PartLimit {
		c.ConversationParts.Parts = append(c.ConversationParts.Parts, c.ConversationParts.Parts[len(c.ConversationParts.Parts)-1])
	}
	c.ConversationParts.TotalCount = api.PartLimit
	want := "showing the 500 most recent of 812 parts"
	for _, f := range formats[:2] {
		var b bytes.Buffer
		if err := f.write(&b, c, testOptions()); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s output lacks %q", f.ext, want)
		}
	}
	var doc struct {
		Shown     int  `json:"parts_shown"`
		Total     int  `json:"parts_total"`
		Truncated bool `json:"truncated"`
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc.Shown != 500 || doc.Total != 812 || !doc.Truncated {
		t.Errorf("JSON says %+v (err %v), want 500 of 812, truncated", doc, err)
	}
}

func TestJSONIsStableAndClean(t *testing.T) {
	for _, fx := range allConversations(t) {
		var a, b bytes.Buffer
		if err := WriteJSON(&a, fx.conv, testOptions()); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&b, fx.conv, testOptions()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ", fx.name)
		}
		if !json.Valid(a.Bytes()) || !bytes.HasSuffix(a.Bytes(), []byte("}\n")) {
			t.Errorf("%s: not one JSON document ending in a newline", fx.name)
		}
		var doc map[string]any
		if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"id", "title", "state", "open", "read", "priority", "created_at", "updated_at",
			"waiting_since", "snoozed_until", "assignee", "contacts", "teammates", "tags", "sla", "ai_agent", "rating",
			"statistics", "custom_attributes", "linked_objects", "ticket", "company", "channel", "external_references",
			"sales_agent", "scorecards", "monitor_evaluations", "ai_topics", "source", "parts_shown", "parts_total", "truncated", "parts"} {
			if _, ok := doc[key]; !ok {
				t.Errorf("%s: no %q key", fx.name, key)
			}
		}
	}
}

func TestJSONSanitisesCustomAttributes(t *testing.T) {
	c := &api.Conversation{ID: "1", CustomAttributes: map[string]json.RawMessage{
		"k\x1b[2J": json.RawMessage(`{"n": 1.50, "s": "a\u001b]0;x\u0007", "l": [true, null, "\u202e"]}`),
		"bad":      json.RawMessage(`{`),
	}}
	api.Clean(c, nil)
	var b bytes.Buffer
	if err := WriteJSON(&b, c, testOptions()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Attrs map[string]json.RawMessage `json:"custom_attributes"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, doc.Attrs["k"]); err != nil {
		t.Fatal(err)
	}
	if got, want := compact.String(), `{"l":[true,null,""],"n":1.50,"s":"a"}`; got != want {
		t.Errorf("attribute = %s, want %s", got, want)
	}
	if got := string(doc.Attrs["bad"]); got != "null" {
		t.Errorf("malformed attribute = %s, want null", got)
	}
}
