package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// hostilePath is render's hostile fixture: escape sequences in every
// string field, wide and combining text, tabs, a 5,000-character word.
const hostilePath = "../render/testdata/hostile.json"

// convOptions shows c, with notes and events, at a fixed time.
func convOptions(c *api.Conversation) Options {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	return Options{
		Load:  func(context.Context, func(api.Wait)) (*api.Conversation, error) { return c, nil },
		Label: "hostile.json",
		Theme: "dark",
		Loc:   time.UTC,
		Now:   func() time.Time { return now },
	}
}

func hostileConv(t testing.TB) *api.Conversation {
	t.Helper()
	return termtest.Conversation(t, hostilePath)
}

// checkHostileFrame fails unless the frame is exactly w x h, holds no
// escape sequence but SGR and safe OSC 8, nothing a planted sequence would
// leave, and a window title as clean.
func checkHostileFrame(t *testing.T, d *driver, step string, w, h int) {
	t.Helper()
	v := d.m.View()
	lines := strings.Split(v.Content, "\n")
	if len(lines) != h {
		t.Fatalf("%s: frame has %d lines, want %d:\n%s", step, len(lines), h, d.screen())
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %d is %d cells wide, want at most %d:\n%s", step, i, lw, w, d.screen())
		}
		// Bubble Tea's renderer counts cells with wcwidth: a line it
		// measures otherwise is cut, or moves the panel, on screen.
		if lw, wc := ansi.StringWidth(l), ansi.WcWidth.StringWidth(l); lw != wc {
			t.Fatalf("%s: line %d is %d cells to the layout, %d to the renderer: %q", step, i, lw, wc, ansi.Strip(l))
		}
	}
	for what, s := range map[string]string{"frame": v.Content, "window title": v.WindowTitle} {
		if err := termtest.CheckEscapes(s); err != nil {
			t.Fatalf("%s: %s: %v", step, what, err)
		}
		if leak, context, found := termtest.Leak(s); found {
			t.Fatalf("%s: %s: %q leaked: %q", step, what, leak, context)
		}
	}
	if strings.Contains(v.Content, "\t") || strings.Contains(v.WindowTitle, "\n") {
		t.Fatalf("%s: a tab in the frame or a line break in the title", step)
	}
}

// TestHostileLayout scrolls through the hostile conversation, transcript
// and details panel, with the help open too: every frame keeps its size
// and stays clean.
func TestHostileLayout(t *testing.T) {
	c := hostileConv(t)
	for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}, {20, 6}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			d := newDriver(t, convOptions(c))
			d.size(size.w, size.h)
			step := 0
			press := func(keys ...string) {
				t.Helper()
				for _, k := range keys {
					d.keys(k)
					step++
					checkHostileFrame(t, d, fmt.Sprintf("key %d (%s)", step, k), size.w, size.h)
				}
			}
			checkHostileFrame(t, d, "first frame", size.w, size.h)
			if !strings.Contains(d.screen(), "HX") {
				t.Fatalf("the hostile conversation is not on screen:\n%s", d.screen())
			}
			press("g")
			for range scrollSteps(d) {
				press("space")
			}
			press("G", "g")
			for range len(d.m.items) + 1 {
				press("]")
			}
			// The details panel: tab focuses it side by side; under 80
			// columns i shows it instead of the transcript.
			if size.w < minSideBySide {
				press("i")
			} else {
				press("tab")
			}
			press("g")
			for range scrollSteps(d) {
				press("space")
			}
			press("G", "g", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
			press("?", "space", "G")
			press("esc", "j", "k")
		})
	}
}

// scrollSteps is enough page-downs to cross the longer pane, so that
// every line of the hostile text is on screen at least once.
func scrollSteps(d *driver) int {
	lines := max(len(d.m.tr.text.lines), len(d.m.det.text.lines))
	return min(lines/max(1, d.m.lay.bodyH-2)+2, 1000)
}
