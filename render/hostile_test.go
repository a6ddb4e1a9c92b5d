package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/render/termtest"
)

// checkNoLeak fails when s holds what a planted sequence would leave.
func checkNoLeak(t *testing.T, what, s string) {
	t.Helper()
	if leak, context, found := termtest.Leak(s); found {
		t.Errorf("%s: %q leaked: %q", what, leak, context)
	}
}

// shownMarkers are visible words of planted text that printed output must
// show, proving that the fields were there to be checked.
var shownMarkers = []string{
	"CLRHXtitle", "CLRHXsourceBody", "CLRHXpart1Body", "CLRHXpart2Body", "CLRHXpart18Body", "LNKHXpart6AttrName",
	"RLOHXpart13Option1", "ISOHXpart8Added2", "ENTHXpart15PartType", "E155HXpart19TagName", "RISHXpart11Until",
	"DELHXpart12Sla", "C1UHXpart1Att1Name", "C1BHXratingRemark", "HXsourceAuthorName", "HXpart2AuthorName",
}

// shownDetails are more of them, in the details (text and Markdown only).
var shownDetails = []string{
	"LNKHXtag1Name", "RLOHXcaValue1", "ISOHXslaName", "ENTHXaiSourceTitle", "E155HXcaNested", "LNKHXcaKey1",
	"DELHXlinkedCategory", "C1UHXticketCategory", "C1BHXcontactExternalId", "CLRHXaiContentTitle",
}

func TestHostileBlocks(t *testing.T) {
	items := Items(hostileConv(t), nil)
	for _, width := range []int{1, 20, 45, 80, 117} {
		r := newTestRenderer(t, width)
		for _, it := range items {
			what := fmt.Sprintf("width %d, item %d", width, it.Index)
			out := r.Block(it, time.UTC)
			checkOutput(t, what, out, width)
			checkNoLeak(t, what, out)
		}
	}
}

func TestHostileDetails(t *testing.T) {
	c := hostileConv(t)
	sum := Summarize(c)
	for _, s := range []string{sum.Title, sum.ID, sum.State, Notice(c)} {
		if err := termtest.CheckEscapes(s); err != nil || strings.ContainsAny(s, "\n\t") {
			t.Errorf("summary %q: %v", s, err)
		}
		checkNoLeak(t, "summary", s)
	}
	for _, sec := range Details(c, testOptions()) {
		for _, r := range sec.Rows {
			what := sec.Title + " · " + r.Label
			for _, s := range []string{r.Label, r.Value} {
				if err := termtest.CheckEscapes(s); err != nil || strings.ContainsAny(s, "\n\t") {
					t.Errorf("%s: %q: %v", what, s, err)
				}
				checkNoLeak(t, what, s)
			}
		}
	}
}

func TestHostileText(t *testing.T) {
	c := hostileConv(t)
	for _, width := range []int{30, 80} {
		o := testOptions()
		o.Width = width
		var b bytes.Buffer
		if err := WriteText(&b, c, o); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		what := fmt.Sprintf("text at %d", width)
		if strings.ContainsAny(out, "\x1b\t") {
			t.Errorf("%s: holds an ESC or a tab", what)
		}
		checkPrinted(t, what, out, width)
		checkNoLeak(t, what, out)
		if width == 80 {
			checkShown(t, what, out, shownMarkers...)
			checkShown(t, what, out, shownDetails...)
		}
	}
}

func TestHostileMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, hostileConv(t), testOptions()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("markdown holds an ESC")
	}
	if err := termtest.CheckEscapes(out); err != nil {
		t.Error(err)
	}
	checkNoLeak(t, "markdown", out)
	// Markdown escapes "_" and friends, never letters and digits.
	checkShown(t, "markdown", out, shownMarkers...)
	checkShown(t, "markdown", out, shownDetails...)
}

func TestHostileJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, hostileConv(t), testOptions()); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	var all strings.Builder
	termtest.WalkStrings(doc, func(path, s string) {
		if err := termtest.CheckEscapes(s); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		checkNoLeak(t, path, s)
		all.WriteString(s + "\n")
	})
	checkShown(t, "json", all.String(), shownMarkers...)
}

func checkShown(t *testing.T, what, out string, markers ...string) {
	t.Helper()
	for _, m := range markers {
		if !strings.Contains(out, m) {
			t.Errorf("%s lacks %q: the field was not shown", what, m)
		}
	}
}
