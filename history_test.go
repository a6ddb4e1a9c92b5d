package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

func TestStateDir(t *testing.T) {
	tests := []struct {
		name, state, home, want string
	}{
		{"XDG_STATE_HOME", "/xdg/state", "/home/sam", "/xdg/state/convo"},
		{"unset: under HOME", "", "/home/sam", "/home/sam/.local/state/convo"},
		{"relative XDG_STATE_HOME is ignored", "state", "/home/sam", "/home/sam/.local/state/convo"},
		{"neither: no history", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"XDG_STATE_HOME": tt.state, "HOME": tt.home}
			if got := stateDir(func(k string) string { return env[k] }); got != tt.want {
				t.Errorf("stateDir = %q, want %q", got, tt.want)
			}
		})
	}
}

// loadOf is a load that answers conv, or err.
func loadOf(conv *api.Conversation, err error) loadFunc {
	return func(context.Context, func(api.Wait)) (*api.Conversation, error) { return conv, err }
}

func historyIn(t *testing.T, dir string) []api.HistoryEntry {
	t.Helper()
	entries, err := api.History{Dir: dir}.Load()
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestTheScreenRecordsWhatItLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "convo")
	opened := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	rec := &historyRecorder{history: api.History{Dir: dir}, scrub: api.NewScrubber(testToken).Scrub, now: func() time.Time { return opened }}
	target := config.Config{Target: "367", ID: "367"}

	conv := &api.Conversation{ID: "367", Title: "Refund, token " + testToken}
	got, err := rec.onScreen(target, loadOf(conv, nil))(context.Background(), nil)
	if got != conv || err != nil {
		t.Fatalf("the wrapped load answered %v, %v; want the conversation", got, err)
	}
	entries := historyIn(t, dir)
	if len(entries) != 1 {
		t.Fatalf("history %+v, want conversation 367", entries)
	}
	if e := entries[0]; e.Kind != api.KindConversation || e.ID != "367" || !e.Opened.Equal(opened) ||
		!strings.HasPrefix(e.Title, "Refund, token ") || strings.Contains(e.Title, testToken) {
		t.Errorf("entry %+v, want conversation 367 with its title, the token scrubbed", e)
	}

	failed := errors.New("404")
	if _, err := rec.onScreen(target, loadOf(nil, failed))(context.Background(), nil); err != failed {
		t.Errorf("a failed load answered %v, want its error", err)
	}
	saved := config.Config{File: "conv.json"}
	if _, err := rec.onScreen(saved, loadOf(&api.Conversation{ID: "999"}, nil))(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if entries := historyIn(t, dir); len(entries) != 1 {
		t.Errorf("history %+v after a failed load and a --file, want 367 alone", entries)
	}
	if w := rec.warnings(); w != nil {
		t.Errorf("warnings %q, want none", w)
	}
}

func TestAFailedRecordNeverFailsTheLoad(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &historyRecorder{history: api.History{Dir: notDir}, scrub: func(s string) string { return s }, now: time.Now}
	conv := &api.Conversation{ID: "367"}
	load := rec.onScreen(config.Config{Target: "367"}, loadOf(conv, nil))
	for range 2 {
		if got, err := load(context.Background(), nil); got != conv || err != nil {
			t.Fatalf("the load answered %v, %v; want the conversation", got, err)
		}
	}
	if w := rec.warnings(); len(w) != 1 || !strings.Contains(w[0], "history is not kept") {
		t.Errorf("warnings %q, want one that says the history is not kept", w)
	}
}

// Printed output is a hand-off, not a conversation opened: it is not
// recorded.
func TestPrintedFormatsDoNotRecord(t *testing.T) {
	d := newDirectory(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("INTERCOM_TOKEN", testToken)
	for _, format := range []string{"text", "markdown", "json"} {
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"--api-url", d.srv.URL, "--format", format, "367"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("%s: exit %d: %s", format, exit, stderr.String())
		}
	}
	if _, err := os.Lstat(filepath.Join(state, "convo", "history.json")); !os.IsNotExist(err) {
		t.Errorf("printing made a history file: %v", err)
	}
}

func TestHistoryFalseDeletesTheFile(t *testing.T) {
	for _, tt := range []struct {
		config string
		kept   bool
	}{
		{"history = false\n", false},
		{"history = true\n", true},
		{"", true},
	} {
		state := t.TempDir()
		t.Setenv("XDG_STATE_HOME", state)
		h := api.History{Dir: filepath.Join(state, "convo")}
		if err := h.Record(api.HistoryEntry{Kind: api.KindConversation, ID: "367", Title: "x"}); err != nil {
			t.Fatal(err)
		}
		path := writeConfig(t, 0o600, tt.config)
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"--config", path, "--demo", "--format", "text"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("exit %d: %s", exit, stderr.String())
		}
		_, err := os.Lstat(h.Path())
		if kept := err == nil; kept != tt.kept {
			t.Errorf("config %q: history file kept %v, want %v", tt.config, kept, tt.kept)
		}
	}
}

// Without a terminal there is no picker: no argument is the usage error it
// always was, history or not.
func TestNoArgumentWithoutATerminalIsAUsageError(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	if err := (api.History{Dir: filepath.Join(state, "convo")}).Record(api.HistoryEntry{Kind: api.KindConversation, ID: "367"}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{nil, {"--format", "text"}} {
		var stdout, stderr bytes.Buffer
		if exit := run(args, nil, &stdout, &stderr); exit != 2 || !strings.Contains(stderr.String(), "name a conversation") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and the usage error", args, exit, stderr.String())
		}
	}
}

func TestChoosingFromThePicker(t *testing.T) {
	tests := []struct {
		name   string
		entry  api.HistoryEntry
		run    bool
		status int
		said   string
	}{
		{"a conversation opens", api.HistoryEntry{Kind: api.KindConversation, ID: "367"}, true, 0, ""},
		{"a ticket opens", api.HistoryEntry{Kind: api.KindTicket, ID: "42"}, true, 0, ""},
		{"an unknown kind is a one-line error", api.HistoryEntry{Kind: "article", ID: "42"}, false, 1, `entry "42" is of a kind convo cannot open`},
		{"an id edited into a flag", api.HistoryEntry{Kind: api.KindConversation, ID: "--demo"}, false, 1, `entry "--demo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			p := choose(tt.entry, &stderr)
			if p.run != tt.run || p.status != tt.status || !strings.Contains(stderr.String(), tt.said) ||
				strings.Count(stderr.String(), "\n") > 1 {
				t.Errorf("choose(%+v) = %+v, said %q; want run %v, status %d, one line with %q",
					tt.entry, p, stderr.String(), tt.run, tt.status, tt.said)
			}
		})
	}
}

// A ticket is recorded as a ticket, by the id that opens it again.
func TestATicketIsRecordedAsOne(t *testing.T) {
	h := api.History{Dir: t.TempDir()}
	rec := &historyRecorder{history: h, scrub: func(s string) string { return s }, now: time.Now}
	load := rec.onScreen(config.Config{Target: "42", Ticket: true}, loadOf(&api.Conversation{ID: "1184", Type: "ticket"}, nil))
	if _, err := load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	entries, err := h.Load()
	if err != nil || len(entries) != 1 || entries[0].Kind != api.KindTicket || entries[0].ID != "1184" {
		t.Errorf("history = %+v, %v; want ticket 1184", entries, err)
	}
}

func TestACorruptHistoryIsSaidAndStartedAfresh(t *testing.T) {
	h := api.History{Dir: t.TempDir()}
	if err := os.WriteFile(h.Path(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &historyRecorder{history: h, scrub: func(s string) string { return s }, now: time.Now}
	load := rec.onScreen(config.Config{Target: "367"}, loadOf(&api.Conversation{ID: "367"}, nil))
	if _, err := load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if w := rec.warnings(); len(w) != 1 || !strings.Contains(w[0], "corrupt") {
		t.Errorf("warnings %q, want one that says the history was corrupt", w)
	}
	if entries := historyIn(t, h.Dir); len(entries) != 1 || entries[0].ID != "367" {
		t.Errorf("history %+v, want 367 alone", entries)
	}
}

// A conversation loaded again in the same run (a reload, a poll while
// following) is not written again unless its title changed.
func TestARunRecordsOnce(t *testing.T) {
	h := api.History{Dir: t.TempDir()}
	rec := &historyRecorder{history: h, scrub: func(s string) string { return s }, now: time.Now}
	conv := &api.Conversation{ID: "367", Title: "Refund"}
	load := rec.onScreen(config.Config{Target: "367"}, loadOf(conv, nil))
	if _, err := load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if err := h.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if entries, _ := h.Load(); len(entries) != 0 {
		t.Errorf("the same conversation was written again: %+v", entries)
	}
	conv.Title = "Refund, part two"
	if _, err := load(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if entries, _ := h.Load(); len(entries) != 1 || entries[0].Title != "Refund, part two" {
		t.Errorf("a new title was not written: %+v", entries)
	}
}
