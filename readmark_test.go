package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// lastShown is a screen that ended having shown part of conversation.
type lastShown struct{ conversation, part string }

func (s lastShown) LastShown() (string, string) { return s.conversation, s.part }

func same(s string) string { return s }

func markOf(t *testing.T, marks api.ReadMarks, conv string) string {
	t.Helper()
	part, _, err := marks.Get(conv)
	if err != nil {
		t.Fatal(err)
	}
	return part
}

func TestTheScreenOpensAtAndKeepsTheMarkOfTheConversationAskedFor(t *testing.T) {
	marks := api.ReadMarks{Dir: filepath.Join(t.TempDir(), "convo")}
	target := config.Config{Target: "367", ID: "367"}

	r := newReadMarker(target, marks, same)
	if got := r.mark(); got != "" {
		t.Errorf("mark before any = %q, want none", got)
	}
	r.keep(lastShown{"367", "9001"})
	if got := markOf(t, marks, "367"); got != "9001" {
		t.Fatalf("stored mark %q, want 9001", got)
	}

	r = newReadMarker(target, marks, same)
	if got := r.mark(); got != "9001" {
		t.Errorf("mark on the next open = %q, want 9001", got)
	}
	r.keep(lastShown{"368", "9100"}) // the answer was another conversation
	r.keep(lastShown{"", ""})        // the screen closed before it showed
	if got := markOf(t, marks, "367"); got != "9001" {
		t.Errorf("mark after another conversation and nothing shown = %q, want 9001 still", got)
	}
	if got := markOf(t, marks, "368"); got != "" {
		t.Errorf("conversation 368, not asked for, was marked %q", got)
	}
	if w := r.warnings(); w != nil {
		t.Errorf("warnings %q, want none", w)
	}
}

// --file and --demo have no id to open again, and a ticket is not marked.
func TestOnlyAConversationByIDIsMarked(t *testing.T) {
	marks := api.ReadMarks{Dir: t.TempDir()}
	if err := marks.Set("367", "9001"); err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []config.Config{
		{File: "conv.json"},
		{Demo: true},
		{Target: "367", ID: "367", Ticket: true},
	} {
		r := newReadMarker(cfg, marks, same)
		if got := r.mark(); got != "" {
			t.Errorf("%+v: mark %q, want none", cfg, got)
		}
		r.keep(lastShown{"367", "9999"})
		if got := markOf(t, marks, "367"); got != "9001" {
			t.Errorf("%+v: stored %q over 9001", cfg, got)
		}
	}
}

func TestAFailedMarkIsSaidOnceAndNeverStopsTheScreen(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r := newReadMarker(config.Config{Target: "367", ID: "367"}, api.ReadMarks{Dir: notDir}, same)
	if got := r.mark(); got != "" {
		t.Errorf("mark = %q, want none", got)
	}
	r.keep(lastShown{"367", "9001"})
	if w := r.warnings(); len(w) != 1 || !strings.Contains(w[0], "read marker is not kept") {
		t.Errorf("warnings %q, want one that says the read marker is not kept", w)
	}
}

func TestACorruptReadMarksFileIsSaidAndStartedAfresh(t *testing.T) {
	marks := api.ReadMarks{Dir: t.TempDir()}
	if err := os.WriteFile(marks.Path(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := newReadMarker(config.Config{Target: "367", ID: "367"}, marks, same)
	if got := r.mark(); got != "" {
		t.Errorf("mark = %q, want none", got)
	}
	r.keep(lastShown{"367", "9001"})
	if w := r.warnings(); len(w) != 1 || !strings.Contains(w[0], "corrupt") {
		t.Errorf("warnings %q, want one that says the read marks were corrupt", w)
	}
	if got := markOf(t, marks, "367"); got != "9001" {
		t.Errorf("mark %q after starting afresh, want 9001", got)
	}
}

// An answer that echoes the token as an id (the token is letters and
// digits, as an id is) leaves it out of the file and out of the warning.
func TestTheTokenNeverReachesTheReadMarks(t *testing.T) {
	marks := api.ReadMarks{Dir: t.TempDir()}
	scrub := api.NewScrubber(testToken).Scrub
	for _, s := range []lastShown{{"367", testToken}, {"367", "x" + testToken}} {
		r := newReadMarker(config.Config{Target: "367", ID: "367"}, marks, scrub)
		r.keep(s)
		if w := r.warnings(); len(w) != 1 || strings.Contains(w[0], testToken) {
			t.Errorf("part %q: warnings %q, want one without the token", s.part, w)
		}
	}
	r := newReadMarker(config.Config{Target: testToken, ID: testToken}, marks, scrub)
	r.keep(lastShown{testToken, "9001"})
	body, err := os.ReadFile(marks.Path())
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if strings.Contains(string(body), testToken) {
		t.Errorf("the read marks file holds the token: %s", body)
	}
}

// Printed output is a hand-off: it neither reads the marks (a corrupt
// file is not said, nor started afresh) nor writes them.
func TestPrintedFormatsNeitherReadNorWriteMarks(t *testing.T) {
	d := newDirectory(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("INTERCOM_TOKEN", testToken)
	path := filepath.Join(state, "convo", "read.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	const corrupt = "{not json"
	if err := os.WriteFile(path, []byte(corrupt), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "markdown", "json"} {
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"--api-url", d.srv.URL, "--format", format, "367"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("%s: exit %d: %s", format, exit, stderr.String())
		}
		if strings.Contains(stderr.String(), "read mark") {
			t.Errorf("%s: printing said %q", format, stderr.String())
		}
	}
	if body, err := os.ReadFile(path); err != nil || string(body) != corrupt {
		t.Errorf("printing changed the read marks file: %q, %v", body, err)
	}
}

func TestReadMarkerFalseDeletesTheFile(t *testing.T) {
	for _, tt := range []struct {
		config string
		kept   bool
	}{
		{"read_marker = false\n", false},
		{"read_marker = true\n", true},
		{"", true},
	} {
		state := t.TempDir()
		t.Setenv("XDG_STATE_HOME", state)
		marks := api.ReadMarks{Dir: filepath.Join(state, "convo")}
		if err := marks.Set("367", "9001"); err != nil {
			t.Fatal(err)
		}
		path := writeConfig(t, 0o600, tt.config)
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"--config", path, "--demo", "--format", "text"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("exit %d: %s", exit, stderr.String())
		}
		_, err := os.Lstat(marks.Path())
		if kept := err == nil; kept != tt.kept {
			t.Errorf("config %q: read marks file kept %v, want %v", tt.config, kept, tt.kept)
		}
	}
}

// With read_marker = false the screen is given no mark and keeps none.
func TestReadMarkerFalseMarksNothing(t *testing.T) {
	dir := t.TempDir()
	if err := (api.ReadMarks{Dir: filepath.Join(dir, "convo")}).Set("367", "9001"); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string { return map[string]string{"XDG_STATE_HOME": dir}[k] }
	target := config.Config{Target: "367", ID: "367"}
	r := newReadMarker(target, openReadMarks(target, env), same) // ReadMarker false
	if got := r.mark(); got != "" {
		t.Errorf("mark %q with read_marker = false, want none", got)
	}
	r.keep(lastShown{"367", "9002"})
	if _, err := os.Lstat(filepath.Join(dir, "convo", "read.json")); !os.IsNotExist(err) {
		t.Errorf("read_marker = false kept a file: %v", err)
	}
}
