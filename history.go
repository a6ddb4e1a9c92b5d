package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
	"github.com/convo-cli/convo/ui"
)

// stateDir is where the history is kept: $XDG_STATE_HOME/convo, else
// ~/.local/state/convo; "" (no history) without either. A relative
// XDG_STATE_HOME is ignored, as the XDG spec says.
func stateDir(getenv func(string) string) string {
	if dir := getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "convo")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", "convo")
	}
	return ""
}

// openHistory is the history cfg asks for. With history = false there is
// none, and the file of an earlier run is deleted.
func openHistory(cfg config.Config, getenv func(string) string) api.History {
	h := api.History{Dir: stateDir(getenv)}
	if !cfg.History {
		_ = h.Remove() // nothing to tell: a file that cannot go is never read again
		return api.History{}
	}
	return h
}

// historyRecorder records every conversation the screen loads in the history.
// A failure never reaches the screen: the first is said on stderr once
// the screen is gone.
type historyRecorder struct {
	history api.History
	scrub   func(string) string // the token out of titles, though no title should hold it
	now     func() time.Time

	firstWarning
	mu sync.Mutex
	// done is what this run has recorded, by kind and id: a reload or a
	// poll of the same conversation with the same title writes nothing.
	done map[string]string
}

// onScreen is the screen's load, recording what it loads when cfg names a
// conversation: --file and --demo have no id to open again.
func (r *historyRecorder) onScreen(cfg config.Config, load loadFunc) loadFunc {
	if cfg.Target == "" {
		return load
	}
	return r.wrap(load)
}

// wrap is load, recording what it loads. It runs where load runs, off the
// screen's goroutine.
func (r *historyRecorder) wrap(load loadFunc) loadFunc {
	return func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		conv, err := load(ctx, onWait)
		if err == nil && conv != nil {
			kind := api.KindConversation
			if conv.Type == string(api.KindTicket) {
				kind = api.KindTicket // by its id, which opens it again
			}
			r.record(kind, string(conv.ID), render.Summarize(conv).Title)
		}
		return conv, err
	}
}

func (r *historyRecorder) record(kind api.Kind, id, title string) {
	r.mu.Lock()
	key := string(kind) + " " + id
	if t, ok := r.done[key]; ok && t == title {
		r.mu.Unlock()
		return
	}
	if r.done == nil {
		r.done = map[string]string{}
	}
	r.done[key] = title
	r.mu.Unlock()
	if err := r.history.Record(api.HistoryEntry{Kind: kind, ID: r.scrub(id), Title: r.scrub(title), Opened: r.now()}); err != nil {
		r.warn(historyWarning(err))
	}
}

// firstWarning keeps the first of a store's warnings, for stderr once the
// screen is gone: one line, however often the store fails.
type firstWarning struct {
	mu      sync.Mutex
	warning string
}

func (w *firstWarning) warn(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warning == "" {
		w.warning = s
	}
}

// warnings is what went wrong, if anything.
func (w *firstWarning) warnings() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warning == "" {
		return nil
	}
	return []string{w.warning}
}

// historyWarning says what a history error means for the user.
func historyWarning(err error) string {
	if errors.Is(err, api.ErrHistoryCorrupt) {
		return "the history was corrupt and has been started afresh: " + err.Error()
	}
	return "the history is not kept (history = false in the config file turns it off): " + err.Error()
}

// picked is what the picker ends with: run to open an entry, else the exit
// status.
type picked struct {
	run    bool
	entry  api.HistoryEntry
	status int
}

// pick shows the history picker for convo with no argument, on a
// terminal, when there is a history. Without one it is today's usage
// error; a history that cannot be read is said and counts as none.
func pick(ctx context.Context, cfg config.Config, history api.History, stdin io.Reader, stdout, stderr io.Writer) picked {
	noTarget := picked{status: 2}
	if cfg.Format != "" && cfg.Format != "tui" || !hasTerminal(stdin, stdout) {
		say(stderr, "%v (see convo --help)", config.ErrNoTarget)
		return noTarget
	}
	entries, err := history.Load()
	if err != nil {
		say(stderr, "the history cannot be read, and is ignored: %v", err)
	}
	if len(entries) == 0 {
		say(stderr, "%v (see convo --help)", config.ErrNoTarget)
		return noTarget
	}
	m := ui.NewPicker(ui.PickerOptions{Entries: entries, Keys: keymap.Picker(), Theme: cfg.Theme, Now: time.Now})
	final, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithoutSignalHandler()).Run()
	if status, ok := signalled(ctx); ok {
		return picked{status: status}
	}
	if err != nil {
		say(stderr, "%v", err)
		return picked{status: 1}
	}
	p, ok := final.(ui.Picker)
	if !ok {
		return picked{}
	}
	e, ok := p.Chosen()
	if !ok {
		return picked{} // esc: nothing opened, nothing wrong
	}
	return choose(e, stderr)
}

// choose is what opens e: a conversation by its id; a ticket, once convo
// opens tickets.
func choose(e api.HistoryEntry, stderr io.Writer) picked {
	if e.Kind != api.KindConversation && e.Kind != api.KindTicket {
		say(stderr, "the history's entry %q is of a kind convo cannot open (%s)", e.ID, e.Kind)
		return picked{status: 1}
	}
	if _, err := config.ParseTarget(e.ID); err != nil {
		say(stderr, "the history's entry %q: %v", e.ID, err) // the file was edited by hand
		return picked{status: 1}
	}
	return picked{run: true, entry: e}
}

// openPicked runs convo on what the picker picked, as if its id had been
// given after args; else it returns the picker's status.
func openPicked(ctx context.Context, args []string, p picked, stdin io.Reader, stdout, stderr io.Writer) int {
	if !p.run {
		return p.status
	}
	args = append(slices.Clone(args), p.entry.ID)
	if p.entry.Kind == api.KindTicket {
		args = append([]string{"ticket"}, args...)
	}
	return runContext(ctx, args, stdin, stdout, stderr)
}
