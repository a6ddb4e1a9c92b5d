package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

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
	// What parts carry since 2.13: tags, app, email headers, translations.
	"CLRHXpart1TagName", "HXpart1App", "RLOHXpart1EmailSubject", "ISOHXpart1EmailFromName",
	"ENTHXpart1EmailFromAddress", "E155HXpart1EmailCcAddress", "DELHXpart1EmailMessageId", "C1UHXemailSubject",
	"C1BHXemailHeaderAddress", "CLRHXpart1TrValue", "CLRHXpart2TrValue", "RLOHXpart1TrKey",
}

// shownDetails are more of them, in the details (text and Markdown only).
var shownDetails = []string{
	"LNKHXtag1Name", "RLOHXcaValue1", "ISOHXslaName", "ENTHXaiSourceTitle", "E155HXcaNested", "LNKHXcaKey1",
	"DELHXlinkedCategory", "C1UHXticketCategory", "C1BHXcontactExternalId", "CLRHXaiContentTitle",
}

// shownLater are those of the fields later API versions add, in every
// printed format.
var shownLater = []string{
	"LNKHXcompanyName", "CLRHXcompanyPlan", "C1UHXcompanyIndustry", "RLOHXchannelInitial", "ISOHXchannelCurrent",
	"ENTHXextId", "E155HXsalesOutcome", "RISHXsalesValue", "LNKHXsalesKey", "CLRHXsalesNested", "LNKHXticketStateInternal",
	"CLRHXticketStateExternal", "C1BHXticketTitle", "RLOHXscoreName", "ISOHXmonitorName", "ENTHXmonitorWhy",
	"E155HXaiTopicName", "RISHXaiSubtopicName", "DELHXrecipientDrop", "LNKHXrecipientEmail", "CLRHXreplyToName",
}

func TestHostileBlocks(t *testing.T) {
	items := Items(hostileConv(t), nil)
	var all strings.Builder
	for _, width := range []int{1, 20, 45, 80, 117} {
		r := newTestRenderer(t, width)
		for _, it := range items {
			// Folded and expanded, in the original and in translation.
			for _, view := range []struct{ expanded, translated bool }{{false, false}, {true, false}, {false, true}} {
				it.Expanded = view.expanded
				r.SetTranslation(view.translated, "")
				what := fmt.Sprintf("width %d, item %d, %+v", width, it.Index, view)
				out := r.Block(it, time.UTC)
				checkOutput(t, what, out, width)
				checkNoLeak(t, what, out)
				if width == 117 {
					all.WriteString(ansi.Strip(out) + "\n")
				}
			}
		}
	}
	// The new fields were there to be checked: the expanded headers show
	// in full, the rest at the start of their line.
	checkShown(t, "blocks", all.String(), "via HXpart1App", "tags: HXpart1TagName", "Subject: HXpart1EmailSubject",
		"From: HXpart1EmailFromName", "Message-ID: HXpart1EmailMessageId", "translations: HXpart1TrKey",
		"✉ HXpart1EmailSubject", "translation (HXpart1TrKey",
		"CLRHXpart1TrValue", "chose the quick reply")
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
			checkShown(t, what, out, shownLater...)
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
	checkShown(t, "markdown", out, shownLater...)
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
	checkShown(t, "json", all.String(), shownLater...)
}

func checkShown(t *testing.T, what, out string, markers ...string) {
	t.Helper()
	for _, m := range markers {
		if !strings.Contains(out, m) {
			t.Errorf("%s lacks %q: the field was not shown", what, m)
		}
	}
}
