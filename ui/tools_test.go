package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

const testLink = "https://app.intercom.com/a/inbox/abc123/inbox/conversation/215472881029384"

// demoAt is the demo at a fixed clock and zone, with a web link.
func demoAt() Options {
	o := demoOptions()
	o.Loc = time.UTC
	o.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	o.WebLink = testLink
	return o
}

// messages runs cmd and its batches, and returns every message they make.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, messages(c)...)
		}
		return out
	case nil:
		return nil
	case routed: // the tests' model is the item on screen
		return []tea.Msg{msg.msg}
	default:
		return []tea.Msg{msg}
	}
}

// clipboard is what cmd writes to the clipboard through OSC 52
// (tea.SetClipboard's message), and whether it writes at all.
func clipboard(cmd tea.Cmd) (string, bool) {
	for _, msg := range messages(cmd) {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
			return reflect.ValueOf(msg).String(), true
		}
	}
	return "", false
}

// press sends a key and returns its command without running it.
func (d *driver) press(k string) tea.Cmd {
	d.t.Helper()
	return d.step(keyPress(k))
}

func TestJumpBetweenParts(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	for i := 1; i <= 5; i++ {
		d.keys("]")
		if f, want := d.footer(), fmt.Sprintf("part %d/53", i+1); !strings.Contains(f, want) {
			t.Fatalf("after %d ]: footer %q, want %q", i, f, want)
		}
		head := ansi.Truncate(strings.TrimSpace(firstLine(ansi.Strip(d.m.blk.shownText()[i]))), 12, "")
		if top := d.lines()[2]; !strings.Contains(top, head) {
			t.Errorf("after %d ]: top line %q, want part %d's first line", i, top, i+1)
		}
	}
	d.keys("K", "J", "J")
	if f := d.footer(); !strings.Contains(f, "part 7/53") {
		t.Errorf("footer after K J J = %q, want part 7/53", f)
	}
}

func TestFilterHidesNotesAndEventsKeepingThePlace(t *testing.T) {
	d := ready(t, 120, 40)
	notes, events := 0, 0
	for _, it := range d.m.items {
		switch it.Kind {
		case render.KindNote:
			notes++
		case render.KindEvent:
			events++
		}
	}
	// Stop on a message with hidden parts before it.
	d.keys("g")
	target := -1
	for i, it := range d.m.items {
		if i > 10 && it.Kind == render.KindMessage {
			target = i
			break
		}
	}
	for range target {
		d.keys("]")
	}
	d.keys("j") // a line into it: the place within the part stays too
	row := d.lines()[2]
	visibleBefore := 0
	for _, it := range d.m.items[:target] {
		if it.Kind == render.KindMessage {
			visibleBefore++
		}
	}

	d.keys("e")
	if h, want := d.lines()[0], fmt.Sprintf("%d notes and events hidden", notes+events); !strings.Contains(h, want) {
		t.Errorf("header after e = %q, want %q", h, want)
	}
	if f, want := d.footer(), fmt.Sprintf("%d notes and events hidden · e shows them", notes+events); !strings.Contains(f, want) {
		t.Errorf("footer after e = %q, want the status %q", f, want)
	}
	d.elapse()
	n := len(d.m.items) - notes - events
	if f, want := d.footer(), fmt.Sprintf("part %d/%d", visibleBefore+1, n); !strings.Contains(f, want) {
		t.Errorf("footer after e = %q, want %q", f, want)
	}
	if got := d.lines()[2]; got != row {
		t.Errorf("top row after e = %q, want it unchanged: %q", got, row)
	}
	if s := d.screen(); strings.Contains(s, "internal note") {
		t.Error("a note shows after e")
	}
	checkFrame(t, d.m.View().Content, 120, 40)

	d.keys("e")
	if h := d.lines()[0]; strings.Contains(h, "hidden") {
		t.Errorf("header after e e = %q, want nothing hidden", h)
	}
	if f := d.footer(); !strings.Contains(f, "showing notes and events") {
		t.Errorf("footer after e e = %q, want the status", f)
	}
	d.elapse()
	if f, want := d.footer(), fmt.Sprintf("part %d/53", target+1); !strings.Contains(f, want) {
		t.Errorf("footer after e e = %q, want %q", f, want)
	}
	if got := d.lines()[2]; got != row {
		t.Errorf("top row after e e = %q, want %q", got, row)
	}
}

func TestFilterOnAHiddenPartKeepsTheOneBefore(t *testing.T) {
	d := ready(t, 120, 40)
	note := -1
	for i, it := range d.m.items {
		if it.Kind == render.KindNote && d.m.items[i-1].Kind != render.KindMessage {
			note = i
			break
		}
	}
	before := note - 1
	for d.m.items[before].Kind != render.KindMessage {
		before--
	}
	d.keys("g")
	for range note {
		d.keys("]")
	}
	d.keys("e")
	if got := d.m.vis[d.m.tr.Current()]; got != before {
		t.Errorf("after e on note %d the current part is item %d, want the message before it, %d", note, got, before)
	}
	want := strings.TrimSpace(ansi.Cut(ansi.Strip(d.m.blk.shownText()[before]), 0, 20))
	if top := d.lines()[2]; !strings.Contains(top, want) {
		t.Errorf("top row after e = %q, want item %d's header %q", top, before, want)
	}
}

func TestFilterFromTheConfig(t *testing.T) {
	o := demoOptions()
	o.HideNotes = true
	d := newDriver(t, o)
	d.size(120, 40)
	if h := d.lines()[0]; !regexp.MustCompile(`\d+ notes hidden`).MatchString(h) {
		t.Errorf("header with show_notes false = %q, want the notes hidden", h)
	}
	if s := d.screen(); strings.Contains(s, "internal note") {
		t.Error("a note shows with show_notes false")
	}
	d.keys("e")
	if h := d.lines()[0]; strings.Contains(h, "hidden") {
		t.Errorf("header after e = %q, want everything shown", h)
	}
	d.keys("e")
	if h := d.lines()[0]; !strings.Contains(h, "notes and events hidden") {
		t.Errorf("header after e e = %q, want notes and events hidden", h)
	}
	for _, tt := range []struct{ notes, events int }{{0, 0}, {1, 0}, {2, 0}, {0, 1}, {0, 3}, {4, 8}} {
		got := hiddenText(tt.notes, tt.events)
		want := map[[2]int]string{{0, 0}: "", {1, 0}: "1 note hidden", {2, 0}: "2 notes hidden",
			{0, 1}: "1 event hidden", {0, 3}: "3 events hidden", {4, 8}: "12 notes and events hidden"}[[2]int{tt.notes, tt.events}]
		if got != want {
			t.Errorf("hiddenText(%d, %d) = %q, want %q", tt.notes, tt.events, got, want)
		}
	}
}

// detailRow is the details panel's row with the label, as shown.
func detailRow(d *driver, label string) string {
	for _, l := range d.lines() {
		if i := strings.Index(l, "│ "+label+" "); i >= 0 {
			return strings.TrimSpace(l[i+len("│ "+label):])
		}
	}
	return ""
}

func TestTimesSwitch(t *testing.T) {
	d := newDriver(t, demoAt())
	d.size(120, 40)
	d.keys("g")
	header := func() string { return d.lines()[2] }
	if got := detailRow(d, "Created"); !strings.HasPrefix(got, "Mon 23 Nov 08:12") {
		t.Fatalf("Created = %q, want the date", got)
	}
	if h := header(); !strings.Contains(h, "Mon 23 Nov 08:12") {
		t.Fatalf("first part header = %q, want its date", h)
	}
	d.keys("t")
	if got := detailRow(d, "Created"); !strings.HasPrefix(got, "2d 3h ago") || strings.Contains(got, "Nov") {
		t.Errorf("Created after t = %q, want 2d 3h ago", got)
	}
	if h := header(); !strings.Contains(h, "2d 3h ago") || strings.Contains(h, "Nov") {
		t.Errorf("first part header after t = %q, want 2d 3h ago", h)
	}
	if !d.m.blk.of().relative {
		t.Error("the blocks were not rendered again with relative times")
	}
	checkFrame(t, d.m.View().Content, 120, 40)
	d.keys("t")
	if got := detailRow(d, "Created"); !strings.HasPrefix(got, "Mon 23 Nov 08:12") {
		t.Errorf("Created after t t = %q, want the date", got)
	}
	if h := header(); !strings.Contains(h, "Mon 23 Nov 08:12") {
		t.Errorf("first part header after t t = %q, want its date", h)
	}
	cmd := d.press("t")
	if !d.m.blk.of().relative || d.m.blk.rendering() {
		t.Error("switching back to relative times rendered again instead of using the cache")
	}
	d.run(cmd)
	if f := d.footer(); !strings.Contains(f, "times as 3h ago") {
		t.Errorf("footer after t = %q, want it to say what t did", f)
	}
	d.elapse()
	if f := d.footer(); strings.Contains(f, "times as") {
		t.Errorf("footer once the status is due = %q, want it gone", f)
	}

	o := demoAt()
	o.TimeFormat = "relative"
	d = newDriver(t, o)
	d.size(120, 40)
	d.keys("g")
	if h := header(); !strings.Contains(h, "ago") {
		t.Errorf("with time_format relative the first part header = %q", h)
	}
}

func TestCopyLink(t *testing.T) {
	d := newDriver(t, demoAt())
	d.size(120, 40)
	cmd := d.press("y")
	got, ok := clipboard(cmd)
	if !ok || got != testLink {
		t.Fatalf("y copied %q (%v), want the web link", got, ok)
	}
	if f := d.footer(); !strings.Contains(f, "link sent to the terminal's clipboard (OSC 52)") {
		t.Errorf("footer after y = %q", f)
	}
	d.elapse()
	if f := d.footer(); strings.Contains(f, "clipboard") || !strings.Contains(f, "part 53/53") {
		t.Errorf("footer after the status cleared = %q", f)
	}

	// A file's id is known once it loads: AppID makes the link of it then.
	o := demoAt()
	o.WebLink, o.AppID = "", "abc123"
	d = newDriver(t, o)
	d.size(120, 40)
	if got, ok := clipboard(d.press("y")); !ok || got != testLink {
		t.Errorf("with AppID, y copied %q (%v), want the link made of the loaded id", got, ok)
	}

	d = ready(t, 120, 40) // no app_id: no web link
	for _, k := range []string{"y", "o"} {
		if _, ok := clipboard(d.press(k)); ok {
			t.Errorf("%s without a web link wrote the clipboard", k)
		}
		if f := d.footer(); !strings.Contains(f, "no web link: set app_id in the config") {
			t.Errorf("footer after %s without a web link = %q", k, f)
		}
	}
}

func TestCopyPart(t *testing.T) {
	d := newDriver(t, demoAt())
	d.size(120, 40)
	d.keys("g", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	cmd := d.press("Y")
	got, ok := clipboard(cmd)
	it := d.m.items[11]
	want := render.ItemText(it, render.Options{Loc: time.UTC, Now: d.m.opts.Now()})
	if !ok || got != want {
		t.Fatalf("Y copied %q (%v), want part 12:\n%s", got, ok, want)
	}
	if !strings.Contains(got, it.Author) || strings.ContainsRune(got, '\x1b') {
		t.Errorf("the copied part lacks its author or has escapes: %q", got)
	}
	if f := d.footer(); !strings.Contains(f, "part 12 sent to the terminal's clipboard (OSC 52)") {
		t.Errorf("footer after Y = %q, want part 12 sent", f)
	}

	// With notes and events hidden, the number is the one the footer shows.
	d.keys("e", "g", "]", "]")
	got, _ = clipboard(d.press("Y"))
	if want := render.ItemText(d.m.items[d.m.vis[2]], render.Options{Loc: time.UTC, Now: d.m.opts.Now()}); got != want {
		t.Errorf("Y after e copied %q, want the third part shown", got)
	}
	if f := d.footer(); !strings.Contains(f, "part 3 sent") {
		t.Errorf("footer = %q, want part 3 sent", f)
	}
}

func TestOpenLink(t *testing.T) {
	tests := []struct {
		name    string
		goos    string
		env     map[string]string
		launch  error
		opener  string // "" when nothing may be launched
		status  string
		copied  bool
		copyErr bool // the launch fails: the link is copied after it
	}{
		{"linux without a display", "linux", nil, nil, "", "no browser here: link sent", true, false},
		{"linux with X", "linux", map[string]string{"DISPLAY": ":0"}, nil, "xdg-open", "opening the link in a browser", false, false},
		{"linux with Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil, "xdg-open", "opening the link in a browser", false, false},
		{"macOS", "darwin", nil, nil, "open", "opening the link in a browser", false, false},
		{"macOS over SSH", "darwin", map[string]string{"SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}, nil, "", "no browser here: link sent", true, false},
		{"windows", "windows", nil, nil, "", "no browser here: link sent", true, false},
		{"the launcher fails", "linux", map[string]string{"DISPLAY": ":0"}, errors.New("exit status 3"), "xdg-open", "could not open a browser: link sent", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, demoAt())
			d.size(120, 40)
			d.m.goos = tt.goos
			d.m.env = func(k string) string { return tt.env[k] }
			var launched []string
			d.m.launch = func(name string, args ...string) error {
				launched = append([]string{name}, args...)
				return tt.launch
			}
			cmd := d.press("o")
			msgs := messages(cmd)
			got, copied := clipboard(func() tea.Msg { return tea.BatchMsg(cmdsOf(msgs)) })
			if copied != tt.copied || (copied && got != testLink) {
				t.Errorf("o copied %q (%v), want copied %v", got, copied, tt.copied)
			}
			if tt.opener == "" && launched != nil {
				t.Errorf("o launched %v with no browser here", launched)
			}
			if tt.opener != "" && (len(launched) != 2 || launched[0] != tt.opener || launched[1] != testLink) {
				t.Errorf("o launched %v, want %s %s", launched, tt.opener, testLink)
			}
			for _, msg := range msgs {
				if m, ok := msg.(openedMsg); ok {
					after := d.step(m)
					got, copied := clipboard(after)
					if copied != tt.copyErr || (copied && got != testLink) {
						t.Errorf("after the launch: copied %q (%v), want %v", got, copied, tt.copyErr)
					}
				}
			}
			if f := d.footer(); !strings.Contains(f, tt.status) {
				t.Errorf("footer = %q, want %q", f, tt.status)
			}
		})
	}
}

// cmdsOf turns messages back into commands, for clipboard.
func cmdsOf(msgs []tea.Msg) []tea.Cmd {
	cmds := make([]tea.Cmd, len(msgs))
	for i, m := range msgs {
		cmds[i] = func() tea.Msg { return m }
	}
	return cmds
}

// Every link and attachment of the transcript is an OSC 8 hyperlink to a
// sanitised http, https or mailto URL.
func TestLinksAreHyperlinks(t *testing.T) {
	d := ready(t, 120, 40)
	osc8 := regexp.MustCompile("\x1b\\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\\\)")
	links := 0
	for i, block := range d.m.blk.shownText() {
		for _, m := range osc8.FindAllStringSubmatch(block, -1) {
			if m[1] == "" {
				continue // the end of a link
			}
			links++
			u, err := url.Parse(m[1])
			if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
				t.Errorf("part %d links to %q", i+1, m[1])
			}
			if strings.ContainsAny(m[1], " \x00\x1b\x07") {
				t.Errorf("part %d's link %q has characters a URL cannot", i+1, m[1])
			}
		}
		for _, a := range d.m.items[i].Attachments {
			if a.URL != "" && !strings.Contains(block, ansi.SetHyperlink(a.URL)) {
				t.Errorf("part %d's attachment %q is not linked to %s", i+1, a.Name, a.URL)
			}
		}
	}
	if links < 5 {
		t.Errorf("%d links in the demo's transcript, want its links and attachments", links)
	}
}

func TestReloadKeepsTheSearch(t *testing.T) {
	o := demoOptions()
	calls := 0
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		calls++
		if calls == 1 {
			return api.Demo(), nil
		}
		return demoPlusOne(), nil
	}
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("g")
	d.search("reloaded")
	if f := d.footer(); !strings.Contains(f, "no matches") {
		t.Fatalf("footer = %q, want no matches before the reload", f)
	}
	d.keys("r")
	d.elapse() // the "reloaded" status
	if f := d.footer(); !strings.Contains(f, "match") || strings.Contains(f, "no matches") {
		t.Errorf("footer after the reload = %q, want the new part's match", f)
	}
}

func TestHelpNamesEveryColumn(t *testing.T) {
	if h, c := len(helpHeads()), len(demoOptions().Keys.FullHelp()); c != 0 && h != c {
		t.Errorf("%d column heads for %d columns", h, c)
	}
	d := ready(t, 120, 40)
	d.keys("?")
	s := d.screen()
	for _, want := range []string{"Scroll", "Move", "Show", "Act", "/ ", "search", "next match", "previous match",
		"hide/show notes and events", "relative/absolute times", "copy web link", "copy part", "open in browser"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
}

func TestCopyDetails(t *testing.T) {
	d := newDriver(t, demoAt())
	d.size(80, 24) // the panel shortens the contact's id
	d.keys("tab")
	if strings.Contains(d.screen(), "674d2a91c3e8b1f0a5d34e21") {
		t.Fatalf("the panel shows the whole id at 80 columns:\n%s", d.screen())
	}
	got, ok := clipboard(d.press("Y"))
	if !ok || !strings.Contains(got, "  ID: 674d2a91c3e8b1f0a5d34e21\n") || strings.ContainsRune(got, '\x1b') {
		t.Fatalf("Y in the details copied %q (%v), want the details with the whole id", got, ok)
	}
	if f := d.footer(); !strings.Contains(f, "copied details") {
		t.Errorf("footer after Y = %q, want copied details", f)
	}
}
