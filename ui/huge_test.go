package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// hugeConv is a conversation of parts with the given bodies, tags and
// custom attributes, made here rather than stored.
func hugeConv(t *testing.T, bodies []string, tags int, attrs map[string]any) *api.Conversation {
	t.Helper()
	parts := make([]any, len(bodies))
	for i, body := range bodies {
		parts[i] = map[string]any{"type": "conversation_part", "id": fmt.Sprint(i + 1), "part_type": "comment",
			"body": body, "created_at": 1700000000 + i, "author": map[string]any{"type": "admin", "id": "a1", "name": "Sam Lee"}}
	}
	tagList := make([]any, tags)
	for i := range tagList {
		tagList[i] = map[string]any{"type": "tag", "id": fmt.Sprint(i), "name": fmt.Sprintf("tag-%d", i)}
	}
	b, err := json.Marshal(map[string]any{
		"type": "conversation", "id": "9001", "title": "Huge", "state": "open", "created_at": 1700000000,
		"source": map[string]any{"type": "conversation", "id": "1", "body": "<p>opening</p>",
			"author": map[string]any{"type": "user", "id": "u1", "name": "Maya Chen"}},
		"tags":               map[string]any{"type": "tag.list", "tags": tagList},
		"custom_attributes":  attrs,
		"conversation_parts": map[string]any{"type": "conversation_part.list", "total_count": len(parts), "conversation_parts": parts},
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := api.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// paragraphs is HTML of about size bytes, ending with marker.
func paragraphs(size int, marker string) string {
	p := "<p>" + strings.Repeat(`customer report fails <b>invoice</b> <a href="https://example.com/x">the export</a> `, 12) + "</p>"
	return strings.Repeat(p, max(1, size/len(p))) + "<p>" + marker + "</p>"
}

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
		bodies500[i] = paragraphs(20<<10, fmt.Sprintf("END%dEND", i+1))
	}
	tests := []struct {
		name     string
		conv     func(t *testing.T) *api.Conversation
		footer   string // the position on the first view
		screen   string // on the first view
		details  string // somewhere in the details panel
		minLines int    // the details panel has at least this many lines
	}{
		{"500 parts of 20 KB", func(t *testing.T) *api.Conversation { return hugeConv(t, bodies500, 0, nil) },
			"part 501/501", "END500END", "open", 0},
		{"a 1 MB body", func(t *testing.T) *api.Conversation {
			return hugeConv(t, []string{paragraphs(1<<20, "END1END")}, 0, nil)
		}, "part 2/2", "END1END", "open", 0},
		{"10,000 tags", func(t *testing.T) *api.Conversation { return hugeConv(t, []string{"<p>x</p>"}, 10000, nil) },
			"part 2/2", "Sam Lee", "tag-9999", 10000},
		{"an attribute nested three deep", func(t *testing.T) *api.Conversation {
			return hugeConv(t, []string{"<p>x</p>"}, 0, nested)
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
