package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
	"github.com/convo-cli/convo/render/termtest"
)

func TestLayout(t *testing.T) {
	tests := []struct {
		name                 string
		w, h, sidebar        int
		hide, only           bool
		trW, panelW, bodyH   int
		showTr, showP, title bool
	}{
		{"wide", 120, 40, 0, false, false, 80, 40, 38, true, true, true},
		{"panel clamps at 30", 80, 24, 0, false, false, 50, 30, 22, true, true, true},
		{"panel clamps at 50", 250, 70, 0, false, false, 200, 50, 68, true, true, true},
		{"panel hidden", 120, 40, 0, true, false, 120, 0, 38, true, false, true},
		{"narrow", 79, 24, 0, false, false, 79, 0, 22, true, false, true},
		{"narrow, panel only", 70, 24, 0, false, true, 70, 70, 22, false, true, true},
		{"panel only ignored when wide", 120, 40, 0, false, true, 80, 40, 38, true, true, true},
		{"tiny", 20, 6, 0, false, false, 20, 0, 4, true, false, false},
		{"short but side by side keeps titles", 100, 6, 0, false, false, 67, 33, 4, true, true, true},
		{"one line", 40, 1, 0, false, false, 40, 0, 0, true, false, false},
		{"sidebar width chosen", 120, 40, 60, false, false, 60, 60, 38, true, true, true},
		{"sidebar narrower than the third", 120, 40, 24, false, false, 96, 24, 38, true, true, true},
		{"sidebar leaves the transcript 40", 100, 30, 90, false, false, 40, 60, 28, true, true, true},
		{"sidebar still hides when narrow", 79, 24, 30, false, false, 79, 0, 22, true, false, true},
		{"sidebar ignored for the full-width panel", 70, 24, 30, false, true, 70, 70, 22, false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLayout(tt.w, tt.h, tt.sidebar, tt.hide, tt.only)
			got := [6]any{l.trW, l.panelW, l.bodyH, l.showTr, l.showPanel, l.titles}
			want := [6]any{tt.trW, tt.panelW, tt.bodyH, tt.showTr, tt.showP, tt.title}
			if got != want {
				t.Errorf("layout = %v (trW panelW bodyH showTr showPanel titles), want %v", got, want)
			}
			if l.headerH+l.bodyH+l.footerH != tt.h {
				t.Errorf("header %d + body %d + footer %d != height %d", l.headerH, l.bodyH, l.footerH, tt.h)
			}
		})
	}
}

func TestHeaderFitsAndDropsInOrder(t *testing.T) {
	sum := render.Summary{
		Title: "Refund for order 4411 never arrived", ID: "123456", State: "snoozed",
		Until: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Priority: true, Shown: 500, Total: 812,
	}
	now := func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		width      int
		want, lack []string
	}{
		{160, []string{"Refund for order 4411 never arrived", "#123456", "snoozed until", "▲ priority", "showing 501 of 813 parts"}, nil},
		{90, []string{"Refund", "#123456", "snoozed until", "▲ priority"}, []string{"showing"}},
		{60, []string{"Refund", "#123456", "snoozed"}, []string{"priority", "showing"}},
		{40, []string{"Refund", "snoozed"}, []string{"#123456"}},
		{20, []string{"Refund"}, []string{"snoozed"}},
		{3, nil, nil},
	}
	for _, tt := range tests {
		h := newHeader(newStyles(true, fullColour), time.UTC, now)
		h.SetSummary(sum)
		h.SetItems(501, false)
		h.SetWidth(tt.width)
		line := h.View()
		if w := ansi.StringWidth(line); w != tt.width || strings.Contains(line, "\n") {
			t.Errorf("width %d: header is %d cells: %q", tt.width, w, ansi.Strip(line))
		}
		plain := ansi.Strip(line)
		for _, s := range tt.want {
			if !strings.Contains(plain, s) {
				t.Errorf("width %d: header %q lacks %q", tt.width, plain, s)
			}
		}
		for _, s := range tt.lack {
			if strings.Contains(plain, s) {
				t.Errorf("width %d: header %q still has %q", tt.width, plain, s)
			}
		}
	}
}

func TestDetailsLayout(t *testing.T) {
	secs := []render.Section{
		{Title: "Conversation", Rows: []render.Row{
			{Label: "State", Value: "open", Tone: render.ToneGood},
			{Label: "Empty", Value: ""},
		}},
		{Title: "Source", Rows: []render.Row{
			{Label: "URL", Value: "https://example.com/a/very/long/path/that/has/no/spaces/at/all/and/keeps/going", Tone: render.ToneNormal},
			{Label: "A label far too long for its column", Value: "short"},
		}},
		{Title: "Tags", Rows: []render.Row{{Label: "Tag", Value: "VIP"}}},
	}
	for _, width := range []int{50, 30, 18, 4} {
		d := newDetails(keymap.Default(), newStyles(true, fullColour))
		d.SetSections(secs)
		d.SetSize(width, 30, true, true)
		view := d.View()
		checkFrame(t, view, width, 31)
		for i, l := range strings.Split(view, "\n") {
			if w := ansi.StringWidth(l); w != width {
				t.Errorf("width %d: line %d is %d cells: %q", width, i, w, ansi.Strip(l))
			}
		}
		plain := ansi.Strip(view)
		if width >= 18 {
			for _, s := range []string{"Details", "Conversation", "State", "open", "—", "Source", "Tags", "VIP"} {
				if !strings.Contains(plain, s) {
					t.Errorf("width %d: panel lacks %q:\n%s", width, s, plain)
				}
			}
		}
	}
}

func TestDetailsSectionJumps(t *testing.T) {
	var secs []render.Section
	for _, title := range []string{"One", "Two", "Three", "Four"} {
		rows := make([]render.Row, 8)
		for i := range rows {
			rows[i] = render.Row{Label: "label", Value: "value"}
		}
		secs = append(secs, render.Section{Title: title, Rows: rows})
	}
	d := newDetails(keymap.Default(), newStyles(true, fullColour))
	d.SetSections(secs)
	d.SetSize(40, 10, false, true)
	first := func() string { return strings.TrimSpace(ansi.Strip(strings.Split(d.View(), "\n")[0])) }
	for _, s := range []struct{ key, want string }{{"]", "│ Two"}, {"]", "│ Three"}, {"[", "│ Two"}, {"j", "│ label"}, {"[", "│ Two"}} {
		d, _ = d.Update(keyPress(s.key))
		if got := first(); !strings.HasPrefix(got, s.want) {
			t.Errorf("after %s: first line %q, want %q", s.key, got, s.want)
		}
	}
}

func TestFooterShortensThePosition(t *testing.T) {
	f := newFooter(keymap.Default(), newStyles(true, fullColour))
	for _, w := range []int{120, 40, 20, 12, 5, 1} {
		f.SetWidth(w)
		line := f.View("part 41/120 · 35%", "41/120 35%")
		if got := ansi.StringWidth(line); got != w {
			t.Errorf("width %d: footer is %d cells: %q", w, got, ansi.Strip(line))
		}
		plain := ansi.Strip(line)
		switch {
		case w >= 40 && !strings.Contains(plain, "part 41/120 · 35%"):
			t.Errorf("width %d: footer %q lacks the long position", w, plain)
		case w == 20 && !strings.Contains(plain, "41/120 35%"):
			t.Errorf("width %d: footer %q lacks the short position", w, plain)
		case w == 12 && !strings.Contains(plain, "41/120"):
			t.Errorf("width %d: footer %q lacks the cut position", w, plain)
		case w == 120 && !strings.Contains(plain, "q/ctrl+c quit"):
			t.Errorf("width %d: footer %q lacks the help", w, plain)
		}
	}
}

// The footer keeps "?" at every width, dropping the other hints first
// and quit last but one; a status is cut before "?" goes.
func TestFooterKeepsTheHelpKey(t *testing.T) {
	f := newFooter(keymap.Default(), newStyles(true, fullColour))
	tests := []struct {
		width          int
		status         string
		want, dontWant []string
	}{
		{120, "", []string{"j/↓ scroll down", "/ search", "tab switch pane", "? help", "q/ctrl+c quit", "part 53/53 · 100%"}, nil},
		{80, "", []string{"? help", "q/ctrl+c quit", "part 53/53 · 100%"}, []string{"tab switch pane"}},
		{40, "", []string{"? help", "part 53/53 · 100%"}, []string{"q/ctrl+c quit"}},
		{20, "", []string{"? help", "53/53 100%"}, []string{"part"}},
		{14, "", []string{"?", "53/53 100%"}, []string{"help"}},
		{40, "reload failed (r retry): Intercom had a problem", []string{"? help", "reload failed"}, nil},
	}
	for _, tt := range tests {
		f.SetWidth(tt.width)
		f.SetStatus(tt.status)
		line := f.View("part 53/53 · 100%", "53/53 100%")
		plain := ansi.Strip(line)
		if got := ansi.StringWidth(line); got != tt.width {
			t.Errorf("width %d: footer is %d cells: %q", tt.width, got, plain)
		}
		for _, w := range tt.want {
			if !strings.Contains(plain, w) {
				t.Errorf("width %d: footer %q lacks %q", tt.width, plain, w)
			}
		}
		for _, w := range tt.dontWant {
			if strings.Contains(plain, w) {
				t.Errorf("width %d: footer %q has %q", tt.width, plain, w)
			}
		}
	}
}

func TestFirstRenderShowsTheScreenFirst(t *testing.T) {
	d := newDriver(t, demoOptions())
	next, _ := d.m.Update(tea.WindowSizeMsg{Width: 80, Height: 12})
	d.m = next.(Model)
	first := d.m.renderCmd()().(renderedMsg)
	if first.complete() || first.hi != len(d.m.items) || first.lo == 0 {
		t.Fatalf("first render covers [%d,%d) of %d, want a tail", first.lo, first.hi, len(d.m.items))
	}
	next, rest := d.m.Update(first)
	d.m = next.(Model)
	if f := d.footer(); !strings.Contains(f, "53/53") {
		t.Errorf("footer after the first render = %q, want the last part", f)
	}
	checkFrame(t, d.m.View().Content, 80, 12)
	if rest == nil {
		t.Fatal("a partial render did not ask for the rest")
	}
	d.keys("g")
	if !strings.Contains(d.screen(), "…") {
		t.Errorf("the top before the rest came shows no stand-ins:\n%s", d.screen())
	}
	d.run(rest)
	if !d.m.blk.complete() || strings.Contains(d.lines()[2], "…") {
		t.Errorf("after the rest came, top line = %q", d.lines()[2])
	}
	if !d.m.blk.cached() {
		t.Error("the complete render was not cached")
	}
}

func TestFixtureConversation(t *testing.T) {
	body, err := os.ReadFile("../../shared/fixtures/intercom/conversation-2.13-get-found-custom-actions.json")
	if err != nil {
		t.Skipf("fixture not readable: %v", err)
	}
	c, err := api.DecodeBytes(body)
	if err != nil {
		t.Fatal(err)
	}
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return c, nil }
	d := newDriver(t, o)
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {20, 6}} {
		d.size(sz[0], sz[1])
		checkFrame(t, d.m.View().Content, sz[0], sz[1])
	}
	d.size(120, 40)
	n := len(c.ConversationParts.Parts)
	if f := d.footer(); !strings.Contains(f, "part 5/5") || n != 4 {
		t.Errorf("footer = %q for %d parts", f, n)
	}
	if !strings.Contains(d.lines()[0], "#"+string(c.ID)) {
		t.Errorf("header = %q, want the id", d.lines()[0])
	}
}

func TestEmptyConversation(t *testing.T) {
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		return &api.Conversation{ID: "7", State: "open"}, nil
	}
	d := newDriver(t, o)
	d.size(80, 24)
	checkFrame(t, d.m.View().Content, 80, 24)
	if !strings.Contains(d.screen(), "(no messages)") {
		t.Errorf("empty conversation:\n%s", d.screen())
	}
	d.keys("j", "]", "[", "G", "g", "tab", "j")
	checkFrame(t, d.m.View().Content, 80, 24)
}

// The window title is the conversation's title as api's decoding cleaned
// it: nothing planted in it reaches the terminal's title sequence.
func TestWindowTitleIsSanitised(t *testing.T) {
	const demoTitle = `"CSV export fails for late-November invoices"`
	hostile, err := json.Marshal("evil\x1b]0;pwned\x07 \u202etitle\u009b2J\x1b[31m red\nsecond line")
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.Replace(api.DemoJSON(), []byte(demoTitle), hostile, 1)
	if bytes.Equal(body, api.DemoJSON()) {
		t.Fatalf("the demo's title is no longer %s", demoTitle)
	}
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return api.DecodeBytes(body) }
	d := newDriver(t, o)
	d.size(80, 24)
	title := d.m.View().WindowTitle
	if !strings.HasPrefix(title, "convo #215472881029384 evil") {
		t.Errorf("window title = %q, want the conversation's", title)
	}
	if err := termtest.CheckEscapes(title); err != nil || strings.ContainsAny(title, "\x1b\x07\x9b\u202e\n") {
		t.Errorf("window title = %q: %v", title, err)
	}
	if leak, context, found := termtest.Leak(title); found {
		t.Errorf("window title = %q: %q leaked: %q", title, leak, context)
	}
}

// A row with a wide character is rewritten whole by the renderer, panel
// included, so the panel's rows are cheap to write from a reset pen: the
// gaps after the border and the label take their colour, and a value as
// dim as its label needs no colour of its own.
func TestDetailsRowIsOneRunPerColour(t *testing.T) {
	secs := []render.Section{{Title: "Contacts", Rows: []render.Row{
		{Label: "ID", Value: "674d2a91", Tone: render.ToneDim},
		{Label: "Contact", Value: "佐藤 美咲", Tone: render.ToneNormal},
	}}}
	d := newDetails(keymap.Default(), newStyles(true, fullColour))
	d.SetSections(secs)
	d.SetSize(40, 10, true, true)
	view := d.View()
	buf := uv.NewScreenBuffer(40, 10)
	uv.NewStyledString(view).Draw(buf, buf.Bounds())
	// Border, label and, in another colour, the value: one SGR each and
	// the reset at the end.
	for _, tt := range []struct {
		label string
		sgrs  int
	}{{"ID", 3}, {"Contact", 4}} {
		found := false
		for y := range 10 {
			line := buf.Line(y).Render()
			if !strings.Contains(ansi.Strip(line), "│ "+tt.label+" ") {
				continue
			}
			found = true
			if n := strings.Count(line, "\x1b["); n != tt.sgrs {
				t.Errorf("row %q has %d SGR sequences, want %d: %q", tt.label, n, tt.sgrs, line)
			}
		}
		if !found {
			t.Errorf("no row for %q:\n%s", tt.label, ansi.Strip(view))
		}
	}
}
