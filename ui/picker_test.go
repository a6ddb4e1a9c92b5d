package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
)

var pickerNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func pickerEntries() []api.HistoryEntry {
	return []api.HistoryEntry{
		{Kind: api.KindConversation, ID: "7001", Title: "Refund for a double charge", Opened: pickerNow.Add(-3 * time.Hour)},
		{Kind: api.KindTicket, ID: "42", Title: "Checkout fails on Safari", Opened: pickerNow.Add(-26 * time.Hour)},
		{Kind: api.KindConversation, ID: "6900", Title: "Where is my REFUND?", Opened: pickerNow.Add(-5 * time.Minute)},
		{Kind: api.KindConversation, ID: "5123", Title: "Password reset link expired", Opened: pickerNow.Add(-40 * 24 * time.Hour)},
		{Kind: api.KindConversation, ID: "4711", Title: "Invoice address", Opened: pickerNow.Add(-10 * time.Second)},
	}
}

// pickerDriver runs the picker as Bubble Tea would, synchronously.
type pickerDriver struct {
	t    *testing.T
	p    Picker
	quit bool
}

func newPickerDriver(t *testing.T, w, h int) *pickerDriver {
	t.Helper()
	d := &pickerDriver{t: t, p: NewPicker(PickerOptions{
		Entries: pickerEntries(), Keys: keymap.Picker(), Theme: "dark", Now: func() time.Time { return pickerNow },
	})}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *pickerDriver) send(msg tea.Msg) {
	next, cmd := d.p.Update(msg)
	d.p = next.(Picker)
	if cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			d.quit = true
		}
	}
}

func (d *pickerDriver) keys(keys ...string) {
	for _, k := range keys {
		d.send(keyPress(k))
	}
}

func (d *pickerDriver) screen() string { return ansi.Strip(d.p.View().Content) }

// selected is the id on the marked row.
func (d *pickerDriver) selected() string {
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.HasPrefix(l, "▍") {
			return strings.Fields(l)[2]
		}
	}
	return ""
}

// shownIDs is the ids of the rows on screen, in order.
func (d *pickerDriver) shownIDs() string {
	var ids []string
	for _, l := range strings.Split(d.screen(), "\n") {
		f := strings.Fields(strings.TrimPrefix(l, "▍"))
		if len(f) > 2 && (f[0] == "conv" || f[0] == "ticket") {
			ids = append(ids, f[1])
		}
	}
	return strings.Join(ids, " ")
}

func TestPickerFilters(t *testing.T) {
	tests := []struct {
		name, typed, want string
	}{
		{"nothing typed shows all, newest first", "", "7001 42 6900 5123 4711"},
		{"title, in any case", "refund", "7001 6900"},
		{"title in capitals", "SAFARI", "42"},
		{"id", "51", "5123"},
		{"id with a hash", "#42", "42"},
		{"q is text once something is typed", "exq", ""},
		{"nothing matches", "zzz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newPickerDriver(t, 80, 24)
			for _, r := range tt.typed {
				d.keys(string(r))
			}
			if got := d.shownIDs(); got != tt.want {
				t.Errorf("typed %q: rows %q, want %q\n%s", tt.typed, got, tt.want, d.screen())
			}
			if d.quit {
				t.Errorf("typing %q quit", tt.typed)
			}
		})
	}
	d := newPickerDriver(t, 80, 24)
	d.keys("r", "e", "f")
	if !strings.Contains(d.screen(), "2 of 5") {
		t.Errorf("the title does not count 2 of 5:\n%s", d.screen())
	}
	d.keys("x")
	if !strings.Contains(d.screen(), "nothing matches") {
		t.Errorf("no rows and no word of it:\n%s", d.screen())
	}
	d.keys("backspace")
	if got := d.shownIDs(); got != "7001 6900" {
		t.Errorf("after backspace rows %q, want 7001 6900", got)
	}
}

func TestPickerMoves(t *testing.T) {
	d := newPickerDriver(t, 80, 24)
	steps := []struct{ key, want string }{
		{"up", "7001"}, // stops at the top
		{"down", "42"},
		{"ctrl+n", "6900"},
		{"ctrl+p", "42"},
		{"down", "6900"}, {"down", "5123"}, {"down", "4711"},
		{"down", "4711"}, // stops at the bottom
	}
	if got := d.selected(); got != "7001" {
		t.Fatalf("selected %q at the start, want the newest, 7001", got)
	}
	for i, s := range steps {
		d.keys(s.key)
		if got := d.selected(); got != s.want {
			t.Fatalf("step %d (%s): selected %q, want %q\n%s", i, s.key, got, s.want, d.screen())
		}
	}
	// Typing selects the first match again.
	d.keys("r")
	if got := d.selected(); got != "7001" {
		t.Errorf("after typing, selected %q, want the first match 7001", got)
	}
}

func TestPickerScrollsToTheSelectedRow(t *testing.T) {
	d := newPickerDriver(t, 20, 6) // three rows
	d.keys("down", "down", "down", "down")
	if got, want := d.shownIDs(), "6900 5123 4711"; got != want {
		t.Errorf("rows %q at the bottom, want %q\n%s", got, want, d.screen())
	}
	d.keys("up", "up", "up", "up")
	if got, want := d.shownIDs(), "7001 42 6900"; got != want {
		t.Errorf("rows %q back at the top, want %q\n%s", got, want, d.screen())
	}
}

func TestPickerEnterOpensTheSelected(t *testing.T) {
	d := newPickerDriver(t, 80, 24)
	d.keys("s", "a", "f", "enter")
	got, ok := d.p.Chosen()
	if !d.quit || !ok || got.Kind != api.KindTicket || got.ID != "42" {
		t.Errorf("enter on ticket 42: quit %v, chosen %+v %v", d.quit, got, ok)
	}

	d = newPickerDriver(t, 80, 24)
	d.keys("down", "down", "enter")
	if got, ok := d.p.Chosen(); !ok || got.ID != "6900" {
		t.Errorf("enter on the third row chose %+v %v, want 6900", got, ok)
	}

	d = newPickerDriver(t, 80, 24)
	d.keys("z", "z", "enter")
	if _, ok := d.p.Chosen(); ok || d.quit {
		t.Errorf("enter with nothing matching: chosen %v, quit %v; want neither", ok, d.quit)
	}
}

func TestPickerQuits(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		quit bool
	}{
		{"esc", []string{"esc"}, true},
		{"esc with text typed", []string{"a", "esc"}, true},
		{"ctrl+c", []string{"ctrl+c"}, true},
		{"q with nothing typed", []string{"q"}, true},
		{"q with text typed", []string{"a", "q"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newPickerDriver(t, 80, 24)
			d.keys(tt.keys...)
			if d.quit != tt.quit {
				t.Errorf("%v: quit %v, want %v", tt.keys, d.quit, tt.quit)
			}
			if _, ok := d.p.Chosen(); ok {
				t.Errorf("%v chose an entry", tt.keys)
			}
		})
	}
}

func TestPickerFitsEverySize(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {20, 6}, {20, 2}, {1, 1}} {
		w, h := size[0], size[1]
		d := newPickerDriver(t, w, h)
		lines := strings.Split(d.screen(), "\n")
		if len(lines) != h {
			t.Errorf("%dx%d: %d lines, want %d:\n%s", w, h, len(lines), h, d.screen())
		}
		for i, l := range lines {
			if got := ansi.StringWidthWc(l); got != w {
				t.Errorf("%dx%d: line %d is %d cells, want %d: %q", w, h, i+1, got, w, l)
			}
		}
	}
	d := newPickerDriver(t, 80, 24)
	for _, want := range []string{"Recently opened", "conv   7001 Refund for a double charge", "3h ago", "ticket 42", "1d ago", "just now", "5m ago", "15 Oct 2026", "enter open"} {
		if !strings.Contains(d.screen(), want) {
			t.Errorf("80x24 does not show %q:\n%s", want, d.screen())
		}
	}
}
