package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// driver runs the root model the way Bubble Tea would, synchronously: each
// command runs at once and its messages are fed back, recursively. Spinner
// ticks are never fed back, so the spinner stops instead of looping; timers
// made through Model.after wait for elapse, but for the wait for a frame to
// be written (drawnMsg), which ends at once unless holdFrames is set.
type driver struct {
	t     testing.TB
	m     Model
	quit  bool      // a command returned tea.QuitMsg
	timed []tea.Msg // the messages of timers started, for elapse
	// made counts the blocks rendered and rounds the names rounds, in the
	// messages sent so far.
	made, rounds int
	holdFrames   bool // drawnMsg waits for elapse like any timer
}

// newDriver makes the model and runs Init (which loads at once, since the
// test's Load returns at once).
func newDriver(t testing.TB, o Options) *driver {
	t.Helper()
	d := &driver{t: t, m: New(o)}
	d.m.after = d.after
	// No test launches a browser: there is no display unless a test says
	// so, and a launch fails the test unless the test replaces launch.
	d.m.env = func(string) string { return "" }
	d.m.goos = "linux"
	d.m.launch = func(name string, args ...string) error {
		t.Errorf("a test launched %s %v", name, args)
		return nil
	}
	d.m.tmux = func(_ string, args ...string) (string, error) {
		t.Errorf("a test ran tmux %v", args)
		return "", nil
	}
	d.run(d.m.Init())
	return d
}

// after is the model's timer: it keeps the message for elapse.
func (d *driver) after(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg := fn(time.Time{})
		if _, ok := msg.(drawnMsg); ok && !d.holdFrames {
			return msg
		}
		d.timed = append(d.timed, msg)
		return nil
	}
}

// elapse fires every timer started so far.
func (d *driver) elapse() {
	d.t.Helper()
	timed := d.timed
	d.timed = nil
	d.send(timed...)
}

// tick is one spinner tick (the loading screen's clock); the next tick it
// asks for is dropped, as the driver drops them all.
func (d *driver) tick() {
	next, _ := d.m.Update(spinner.TickMsg{})
	d.m = next.(Model)
}

// demoOptions loads the demo conversation.
func demoOptions() Options {
	return Options{
		Load:  func(context.Context, func(api.Wait)) (*api.Conversation, error) { return api.Demo(), nil },
		Label: "the demo conversation",
		Theme: "dark",
	}
}

// ready is a driver with the demo loaded and rendered at w x h.
func ready(t testing.TB, w, h int) *driver {
	t.Helper()
	return readyWith(t, w, h, nil)
}

// readyWith is ready with the demo's options edited first.
func readyWith(t testing.TB, w, h int, edit func(*Options)) *driver {
	t.Helper()
	o := demoOptions()
	if edit != nil {
		edit(&o)
	}
	d := newDriver(t, o)
	d.size(w, h)
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	for _, msg := range msgs {
		d.count(msg)
		next, cmd := d.m.Update(msg)
		d.m = next.(Model)
		d.run(cmd)
	}
}

// count counts the blocks rendered and the names rounds msg carries.
func (d *driver) count(msg tea.Msg) {
	switch msg := msg.(type) {
	case renderedMsg:
		d.made += msg.made
	case namedMsg:
		d.rounds++
	}
}

// step sends msg and hands back its command instead of running it, so a
// test can look at the screen before the command's messages come.
func (d *driver) step(msg tea.Msg) tea.Cmd {
	d.t.Helper()
	d.count(msg)
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	return cmd
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case spinner.TickMsg:
	case tea.QuitMsg:
		d.quit = true
	default:
		d.send(msg)
	}
}

// size resizes the screen and lets the resize's pause (resizeDebounce) end,
// as it would before anyone looked; other timers wait for elapse.
func (d *driver) size(w, h int) {
	d.t.Helper()
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	var due []tea.Msg
	d.timed = slices.DeleteFunc(d.timed, func(msg tea.Msg) bool {
		_, ok := msg.(renderDueMsg)
		if ok {
			due = append(due, msg)
		}
		return ok
	})
	d.send(due...)
}

// keys presses each key: "tab", "esc", "space", "ctrl+c" and the like are
// named keys, anything else is typed as its text.
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "alt+left":
		return tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModAlt}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the current frame without escape sequences.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// lines is the frame's lines.
func (d *driver) lines() []string { return strings.Split(d.screen(), "\n") }

// footer is the frame's last line.
func (d *driver) footer() string {
	l := d.lines()
	return l[len(l)-1]
}

// checkFrame fails unless the frame is exactly w x h cells at most.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d:\n%s", len(lines), h, ansi.Strip(frame))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}
