package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// The screen keeps the newest part it showed of the conversation it was
// asked for, and the token is not in the file; the demo keeps none.
func TestEndToEndReadMark(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	d := newDirectory(t)
	state := t.TempDir()
	env := []string{"XDG_STATE_HOME=" + state, "INTERCOM_TOKEN=" + testToken, "CONVO_API_URL=" + d.srv.URL}
	convo := func(args ...string) []string { return append(append(append([]string{}, env...), bin), args...) }
	marks := api.ReadMarks{Dir: filepath.Join(state, "convo")}

	s := startTmux(t, 80, 24, convo("--demo")...)
	s.waitFor(`part \d+/\d+`)
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Fatalf("the demo: exit status %s, want 0", status)
	}
	if _, err := os.Lstat(marks.Path()); !os.IsNotExist(err) {
		t.Errorf("the demo made a read marks file: %v", err)
	}

	s = startTmux(t, 80, 24, convo("367")...)
	s.waitFor("this is the message body")
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Fatalf("conversation 367: exit status %s, want 0", status)
	}
	// The conversation is its opening message alone: that is the newest part.
	if part, ok, err := marks.Get("367"); err != nil || !ok || part != "403918255" {
		t.Errorf("mark of 367 = %q, %v, %v; want its opening message, 403918255", part, ok, err)
	}
	if body, err := os.ReadFile(marks.Path()); err != nil || strings.Contains(string(body), testToken) {
		t.Errorf("the read marks file: %q, %v; want one without the token", body, err)
	}
}
