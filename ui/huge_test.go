package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// firstView sizes the screen and takes the first rendered blocks, those it
// shows first, but not the command that renders the rest in the
// background: the screen as it first opens.
func firstView(t *testing.T, d *driver, w, h int) {
	t.Helper()
	cmd := d.step(tea.WindowSizeMsg{Width: w, Height: h})
	if cmd == nil {
		t.Fatal("resizing asked for no rendering")
	}
	msg, ok := cmd().(renderedMsg)
	if !ok || msg.err != nil {
		t.Fatalf("the first render gave %T (%v)", msg, msg.err)
	}
	d.step(msg)
}

// TestHugeFirstView opens huge conversations on a 120x40 screen: the
// first view is whole, at the newest part, the details panel complete.
func TestHugeFirstView(t *testing.T) {
	nested := map[string]any{"account": map[string]any{"plan": map[string]any{"tier": map[string]any{"name": "gold", "seats": 40}}}}
	bodies500 := make([]string, api.PartLimit)
	for i := range bodies500 {
		bodies500[i] = termtest.HugeBody(20<<10, fmt.Sprintf("END%dEND", i+1))
	}
	tests := []struct {
		name     string
		conv     func(t *testing.T) *api.Conversation
		footer   string // the position on the first view
		screen   string // on the first view
		details  string // somewhere in the details panel
		minLines int    // the details panel has at least this many lines
	}{
		{"500 parts of 20 KB", func(t *testing.T) *api.Conversation { return termtest.HugeConversation(t, bodies500, 0, nil) },
			"part 501/501", "END500END", "open", 0},
		{"a 1 MB body", func(t *testing.T) *api.Conversation {
			return termtest.HugeConversation(t, []string{termtest.HugeBody(1<<20, "END1END")}, 0, nil)
		}, "part 2/2", "END1END", "open", 0},
		{"10,000 tags", func(t *testing.T) *api.Conversation {
			return termtest.HugeConversation(t, []string{"<p>x</p>"}, 10000, nil)
		},
			"part 2/2", "Sam Lee", "tag-9999", 10000},
		{"an attribute nested three deep", func(t *testing.T) *api.Conversation {
			return termtest.HugeConversation(t, []string{"<p>x</p>"}, 0, nested)
		}, "part 2/2", "Sam Lee", "seats: 40", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, convOptions(tt.conv(t)))
			firstView(t, d, 120, 40)
			checkFrame(t, d.m.View().Content, 120, 40)
			if f := d.footer(); !strings.Contains(f, tt.footer) {
				t.Errorf("footer = %q, want %q", f, tt.footer)
			}
			if s := d.screen(); !strings.Contains(s, tt.screen) {
				t.Errorf("first view lacks %q:\n%s", tt.screen, s)
			}
			lines := d.m.det.text.lines
			if len(lines) < tt.minLines {
				t.Errorf("details panel has %d lines, want at least %d", len(lines), tt.minLines)
			}
			if panel := ansi.Strip(strings.Join(lines, "\n")); !strings.Contains(panel, tt.details) {
				t.Errorf("details panel lacks %q", tt.details)
			}
		})
	}
}

// TestQuitAtOnceWithTenThousandParts: with the most parts a conversation
// keeps (a response of 20,000, decoded to the newest 10,000), q quits at
// once at every moment, from loading to look-ups on their way, and the
// messages in between (look-up answers, t) do no work proportional to the
// parts in Update. Work is counted in bytes allocated, never in time.
func TestQuitAtOnceWithTenThousandParts(t *testing.T) {
	body, err := json.Marshal(crowd(25, 20_000, true))
	if err != nil {
		t.Fatal(err)
	}
	conv, err := api.DecodeBytes(body)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(conv.ConversationParts.Parts); n != api.MaxParts {
		t.Fatalf("the conversation kept %d parts, want %d", n, api.MaxParts)
	}
	// Any message costs a copy of the model, as Bubble Tea passes it.
	floor := allocatedBy(func() { New(convOptions(conv)).Update(struct{}{}) })
	bounded := func(moment string, allocated, more uint64) {
		t.Helper()
		if allocated > floor+more {
			t.Errorf("%s allocated %d KB in Update, want at most %d KB: nothing proportional to the parts", moment, allocated>>10, (floor+more)>>10)
		}
	}
	quits := func(moment string, m Model, k string) {
		t.Helper()
		var cmd tea.Cmd
		allocated := allocatedBy(func() { _, cmd = m.Update(keyPress(k)) })
		if cmd == nil {
			t.Fatalf("%s: %s gave no command, want tea.Quit", moment, k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: %s did not quit", moment, k)
		}
		bounded(moment+": "+k, allocated, 16<<10)
	}

	quits("loading", New(convOptions(conv)), "q")
	d := newDriver(t, convOptions(conv))
	quits("loaded, no size yet", d.m, "q")
	first := d.step(tea.WindowSizeMsg{Width: 120, Height: 40})
	quits("sized, the first blocks on their way", d.m, "q")
	rest := d.step(renderedIn(t, first))
	if len(d.m.items) != api.MaxParts+1 || !d.m.tr.Loaded() || d.m.blk.complete() {
		t.Fatalf("%d items, loaded %v, all shown %v: want %d items and a first screen", len(d.m.items), d.m.tr.Loaded(), d.m.blk.complete(), api.MaxParts+1)
	}
	quits("the first screen shown, the rest on its way", d.m, "q")
	d.run(rest)
	quits("every block shown", d.m, "q")

	var round tea.Cmd
	bounded("an answer", allocatedBy(func() { round = d.step(lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(0)}) }), 64<<10)
	quits("a round of names on its way", d.m, "q")
	for i := 1; i < 25; i++ {
		bounded("an answer during the round", allocatedBy(func() { d.step(lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(i)}) }), 64<<10)
	}
	d.run(round)
	quits("blocks renamed", d.m, "q")
	d.elapse()
	var times tea.Cmd
	bounded("t", allocatedBy(func() { times = d.press("t") }), 16<<10)
	quits("t's round and render on their way", d.m, "q")
	d.run(times)
	d.keys("/", "p", "a", "r", "t")
	quits("searching", d.m, "ctrl+c")
	if s := d.screen(); !strings.Contains(s, "Person 0024") || !strings.Contains(s, "showing 10,001 of 20,001 parts") {
		t.Errorf("the screen lacks the names or the counts:\n%s", s)
	}
}
