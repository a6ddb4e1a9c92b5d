package main

import (
	"strings"
	"testing"
)

// A conversation opened on the screen is in the picker that convo with no
// argument opens, and enter there opens it again; the demo is never
// recorded, and with no history there is no picker.
func TestEndToEndHistoryPicker(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	d := newDirectory(t)
	env := []string{"XDG_STATE_HOME=" + t.TempDir(), "INTERCOM_TOKEN=" + testToken, "CONVO_API_URL=" + d.srv.URL}
	convo := func(args ...string) []string { return append(append(append([]string{}, env...), bin), args...) }
	const title = "this is the message body"

	s := startTmux(t, 80, 24, convo("--demo")...)
	s.waitFor(`part \d+/\d+`)
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Fatalf("the demo: exit status %s, want 0", status)
	}
	s = startTmux(t, 80, 24, convo()...)
	s.waitFor(`name a conversation`)
	if status := s.exitStatus(); status != "2" {
		t.Errorf("no argument after only the demo: exit status %s, want 2, the usage error", status)
	}

	s = startTmux(t, 80, 24, convo("367")...)
	s.waitFor(title)
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Fatalf("conversation 367: exit status %s, want 0", status)
	}

	for _, size := range [][2]int{{120, 40}, {80, 24}, {20, 6}} {
		s = startTmux(t, size[0], size[1], convo()...)
		screen := s.waitFor(`conv\s+367`)
		assertFits(t, screen, size[0], size[1])
		if size[0] >= 80 && (!strings.Contains(screen, title) || !strings.Contains(screen, "just now")) {
			t.Errorf("%dx%d: the picker's row lacks the title or when:\n%s", size[0], size[1], screen)
		}
		s.keys("Escape")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("%dx%d: esc in the picker: exit status %s, want 0", size[0], size[1], status)
		}
	}

	s = startTmux(t, 80, 24, convo()...)
	s.waitFor(`conv\s+367`)
	s.keys("3", "6")
	s.waitFor(`1 of 1`)
	s.keys("Enter")
	screen := s.waitFor(`#367`)
	if !strings.Contains(screen, title) || strings.Contains(screen, "Recently opened") {
		t.Errorf("enter did not open conversation 367:\n%s", screen)
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("q after opening from the picker: exit status %s, want 0", status)
	}
}
