package ui

import (
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
