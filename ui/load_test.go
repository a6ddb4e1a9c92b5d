package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// fetchOptions load like main does for the API: a label with the host and
// the verb "Fetching", and a clock the test moves.
func fetchOptions(load loadFunc, now *time.Time) Options {
	o := demoOptions()
	o.Load = load
	o.Label = "conversation 12345 from api.example.com"
	o.Verb = "Fetching"
	o.Now = func() time.Time { return *now }
	return o
}

// counted is a Load that counts its calls and answers the n-th (from 1)
// with answer(n).
func counted(calls *atomic.Int32, answer func(n int) (*api.Conversation, error)) loadFunc {
	return func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		return answer(int(calls.Add(1)))
	}
}

// demoPlusOne is the demo conversation with one more reply at the end.
func demoPlusOne() *api.Conversation {
	c := api.Demo()
	parts := c.ConversationParts.Parts
	var p api.Part
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i].PartType == "comment" {
			p = parts[i]
			break
		}
	}
	p.ID = "reloaded-part-1"
	p.Body = "<p>Reloaded reply: the export works again.</p>"
	p.CreatedAt = parts[len(parts)-1].CreatedAt + 3600
	p.UpdatedAt = p.CreatedAt
	p.Attachments = nil
	c.ConversationParts.Parts = append(parts[:len(parts):len(parts)], p)
	c.ConversationParts.TotalCount = len(c.ConversationParts.Parts)
	return c
}

func TestFirstFrameSaysFetching(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var calls atomic.Int32
	m := New(fetchOptions(counted(&calls, func(int) (*api.Conversation, error) { return api.Demo(), nil }), &now))
	want := "Fetching conversation 12345 from api.example.com…"
	if got := ansi.Strip(m.View().Content); !strings.Contains(got, want) {
		t.Errorf("first frame = %q, want %q", got, want)
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	if got := ansi.Strip(next.(Model).View().Content); !strings.Contains(got, want) || !strings.Contains(got, "q quit") {
		t.Errorf("loading screen lacks %q or the quit hint:\n%s", want, got)
	}
}

// TestRateLimitCountdown runs the load by hand: Load reports a wait and
// then blocks, so the screen can be read while it waits.
func TestRateLimitCountdown(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	release := make(chan struct{})
	load := func(ctx context.Context, wait func(api.Wait)) (*api.Conversation, error) {
		wait(api.Wait{Delay: 12 * time.Second, Attempt: 1, Status: 429})
		select {
		case <-release:
			return api.Demo(), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	d := &driver{t: t, m: New(fetchOptions(load, &now))}
	d.m.after = d.after
	defer d.m.cancel()
	first := d.m.fetch() // starts Load; its first message is the wait
	if _, ok := first.(waitMsg); !ok {
		t.Fatalf("first message of the load = %T, want a waitMsg", first)
	}
	// Before any size the wait goes on the one line.
	listen := d.step(first)
	if got := d.screen(); !strings.Contains(got, "retrying in 12s (attempt 2)") || strings.Contains(got, "\n") {
		t.Errorf("frame before a size = %q, want the wait on one line", got)
	}
	if listen == nil {
		t.Fatal("a wait did not listen for the load's next message")
	}
	d.step(tea.WindowSizeMsg{Width: 100, Height: 20})

	steps := []struct {
		advance time.Duration
		want    string
	}{
		{0, "Rate limited by Intercom · retrying in 12s (attempt 2)"},
		{1500 * time.Millisecond, "retrying in 11s (attempt 2)"},
		{500 * time.Millisecond, "retrying in 10s (attempt 2)"},
		{9 * time.Second, "retrying in 1s (attempt 2)"},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		d.tick()
		got := d.screen()
		if !strings.Contains(got, s.want) || !strings.Contains(got, "Fetching conversation 12345 from api.example.com…") {
			t.Fatalf("after %v more: screen lacks %q under the fetching line:\n%s", s.advance, s.want, got)
		}
	}
	now = now.Add(time.Second)
	d.tick()
	if got := d.screen(); strings.Contains(got, "ate limited") || !strings.Contains(got, "Fetching conversation 12345") {
		t.Errorf("the wait is over but the screen still counts:\n%s", got)
	}

	close(release)
	d.run(listen)
	if got := d.screen(); !strings.Contains(got, "CSV export fails") {
		t.Errorf("after the retry succeeded the screen lacks the conversation:\n%s", got)
	}
}

func TestLoadNeverBlocksOnWaits(t *testing.T) {
	ch := make(chan tea.Msg, loadBuffer)
	done := make(chan struct{})
	load := func(_ context.Context, wait func(api.Wait)) (*api.Conversation, error) {
		for i := range 50 {
			wait(api.Wait{Delay: time.Second, Attempt: i + 1, Status: 429})
		}
		close(done)
		return api.Demo(), nil
	}
	go runLoad(context.Background(), 7, nil, load, ch)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Load is blocked in wait while nothing listens")
	}
	var waits int
	for {
		msg := <-ch
		if w, ok := msg.(waitMsg); ok {
			waits++
			if w.gen != 7 {
				t.Errorf("wait of generation %d, want 7", w.gen)
			}
			continue
		}
		l, ok := msg.(loadedMsg)
		if !ok || l.gen != 7 || l.err != nil || l.conv == nil {
			t.Fatalf("last message = %#v, want generation 7's conversation", msg)
		}
		break
	}
	if waits != loadBuffer {
		t.Errorf("%d waits queued, want %d (the rest dropped)", waits, loadBuffer)
	}
}

func TestFailureRetries(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var calls atomic.Int32
	d := newDriver(t, fetchOptions(counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return nil, fmt.Errorf("%w: Intercom had a problem; try again shortly", &api.Error{Status: 503, Host: "api.example.com"})
		}
		return api.Demo(), nil
	}), &now))
	d.size(120, 40)
	screen := d.screen()
	if !strings.Contains(screen, "✗ 503 Service Unavailable from api.example.com: Intercom had a problem") ||
		!strings.Contains(screen, "r retry · q quit") {
		t.Fatalf("failure screen lacks the error line or the hint:\n%s", screen)
	}
	if d.m.Err() == nil {
		t.Fatal("Err() is nil on the failure screen")
	}

	cmd := d.step(keyPress("r"))
	if got := d.screen(); !strings.Contains(got, "Fetching conversation 12345 from api.example.com…") {
		t.Errorf("r did not go back to the loading screen:\n%s", got)
	}
	if d.m.Err() == nil {
		t.Error("Err() is nil while retrying: quitting now would exit 0")
	}
	d.run(cmd)
	if n := calls.Load(); n != 2 {
		t.Errorf("Load called %d times, want 2", n)
	}
	if got := d.screen(); !strings.Contains(got, "CSV export fails") {
		t.Errorf("the retry's conversation is not shown:\n%s", got)
	}
	if err := d.m.Err(); err != nil {
		t.Errorf("Err() = %v after a successful retry, want nil", err)
	}
}

func TestFailureQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "esc", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			o := demoOptions()
			o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
				return nil, errors.New("401 Unauthorized")
			}
			d := newDriver(t, o)
			d.size(80, 24)
			d.keys(k)
			if !d.quit {
				t.Errorf("%s did not quit the failure screen", k)
			}
			if d.m.Err() == nil {
				t.Error("Err() is nil after quitting the failure screen")
			}
		})
	}
}

func TestReboundReloadRetries(t *testing.T) {
	var calls atomic.Int32
	o := demoOptions()
	o.Keys = defaultKeysWith(t, "reload", "ctrl+r")
	o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return nil, &api.TimeoutError{Host: "api.example.com", After: 20 * time.Second}
		}
		return api.Demo(), nil
	})
	d := newDriver(t, o)
	d.size(100, 30)
	if s := d.screen(); !strings.Contains(s, "ctrl+r retry · q quit") {
		t.Errorf("hint after rebinding reload to ctrl+r:\n%s", s)
	}
	d.keys("r")
	if n := calls.Load(); n != 1 {
		t.Errorf("r retried after reload was rebound (%d calls)", n)
	}
	d.keys("ctrl+r")
	if n := calls.Load(); n != 2 || d.m.Err() != nil {
		t.Errorf("ctrl+r: %d calls, Err() = %v; want a successful retry", n, d.m.Err())
	}
}

func TestStaleLoadIsDropped(t *testing.T) {
	var calls atomic.Int32
	o := demoOptions()
	o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return nil, &api.Error{Status: 502, Host: "api.example.com"}
		}
		return api.Demo(), nil
	})
	d := newDriver(t, o)
	d.size(100, 30)
	old := d.m.loadGen
	cmd := d.step(keyPress("r")) // the retry starts a newer load
	d.send(waitMsg{gen: old, Wait: api.Wait{Delay: time.Minute, Attempt: 1, Status: 429}})
	d.send(loadedMsg{gen: old, conv: demoPlusOne()})
	if d.m.phase != phaseLoading || strings.Contains(d.screen(), "ate limited") {
		t.Fatalf("a superseded load's messages were taken: phase %v\n%s", d.m.phase, d.screen())
	}
	d.run(cmd)
	d.send(loadedMsg{gen: old, err: errors.New("late failure")})
	if d.m.phase != phaseReady || d.m.Err() != nil || len(d.m.items) != 53 {
		t.Errorf("after a stale result: phase %v, Err %v, %d items; want the retry's 53", d.m.phase, d.m.Err(), len(d.m.items))
	}
}

// topHeader is the first part header row of the transcript below its top
// line: its row in the frame and its text within the transcript's width.
func topHeader(t *testing.T, d *driver) (row int, text string) {
	t.Helper()
	top := d.m.tr.vp.YOffset()
	for _, s := range d.m.tr.starts {
		if s > top {
			row = 2 + s - top // the header row and the pane's title come first
			return row, strings.TrimSpace(ansi.Cut(d.lines()[row], gutterWidth, d.m.lay.trW))
		}
	}
	t.Fatal("no part starts below the top")
	return 0, ""
}

func TestReloadKeepsThePlace(t *testing.T) {
	tests := []struct {
		name   string
		reload func() *api.Conversation
		parts  int // the items after the reload
	}{
		{"a new part at the end", demoPlusOne, 54},
		{"the oldest part gone, a new one at the end", func() *api.Conversation {
			c := demoPlusOne()
			c.ConversationParts.Parts = c.ConversationParts.Parts[1:]
			c.ConversationParts.TotalCount = 53
			return c
		}, 53},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			o := demoOptions()
			o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
				if n == 1 {
					return api.Demo(), nil
				}
				return tt.reload(), nil
			})
			d := newDriver(t, o)
			d.size(120, 40)
			d.keys("g")
			for range 25 {
				d.keys("]")
			}
			d.keys("j", "j")
			row, header := topHeader(t, d)
			if header == "" {
				t.Fatal("empty header line")
			}
			before := d.lines()

			cmd := d.step(keyPress("r"))
			if f := d.footer(); !strings.Contains(f, "reloading…") {
				t.Errorf("footer while reloading = %q", f)
			}
			if got := d.lines(); got[row] != before[row] {
				t.Errorf("the transcript changed before the reload came: row %d = %q, was %q", row, got[row], before[row])
			}
			d.keys("j") // still scrollable
			if got := d.lines(); got[row] == before[row] {
				t.Error("j did not scroll while reloading")
			}
			d.keys("k")
			if again := d.step(keyPress("r")); again != nil || calls.Load() != 1 {
				t.Errorf("a second r while reloading started another load (%d calls)", calls.Load())
			}

			d.run(cmd)
			if n := calls.Load(); n != 2 {
				t.Fatalf("Load called %d times, want 2", n)
			}
			// Without the gutter: j and k may move the current item.
			if got := strings.TrimSpace(ansi.Cut(d.lines()[row], gutterWidth, d.m.lay.trW)); got != header {
				t.Errorf("after the reload row %d = %q, want the same part header %q", row, got, header)
			}
			if f := d.footer(); !strings.Contains(f, "reloaded") {
				t.Errorf("footer after the reload = %q, want reloaded", f)
			}
			d.elapse()
			if f := d.footer(); strings.Contains(f, "reloaded") || !strings.Contains(f, fmt.Sprintf("/%d", tt.parts)) {
				t.Errorf("footer after the status cleared = %q, want the position of %d parts", f, tt.parts)
			}
			d.keys("G")
			if s := d.screen(); !strings.Contains(s, "Reloaded reply: the export works again.") {
				t.Errorf("the new part is not at the bottom:\n%s", s)
			}
			if f, want := d.footer(), fmt.Sprintf("part %d/%d · 100%%", tt.parts, tt.parts); !strings.Contains(f, want) {
				t.Errorf("footer at the bottom = %q, want %q", f, want)
			}
		})
	}
}

func TestReloadAtTheBottomShowsTheNewPart(t *testing.T) {
	var calls atomic.Int32
	o := demoOptions()
	o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return api.Demo(), nil
		}
		return demoPlusOne(), nil
	})
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("r")
	if s := d.screen(); !strings.Contains(s, "Reloaded reply") || !strings.Contains(d.footer(), "reloaded") {
		t.Errorf("following the end, the reload did not show the new part:\n%s", s)
	}
	d.elapse()
	if f := d.footer(); !strings.Contains(f, "part 54/54 · 100%") {
		t.Errorf("footer = %q, want the new last part", f)
	}
}

func TestReloadFailureKeepsTheTranscript(t *testing.T) {
	var calls atomic.Int32
	o := demoOptions()
	o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return api.Demo(), nil
		}
		return nil, fmt.Errorf("%w\nfrom api.example.com \x1b]0;pwned\x07", &api.Error{Status: 503})
	})
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("g", "]", "]")
	before := d.lines()
	d.keys("r")
	f := d.footer()
	if !strings.Contains(f, "reload failed (r retry): 503 Service Unavailable from api.example.com") {
		t.Errorf("footer = %q, want the reload's error on one line", f)
	}
	if strings.Contains(d.m.View().Content, "\x1b]0;") {
		t.Error("the error's escape sequence reached the screen")
	}
	after := d.lines()
	for i := 0; i < len(before)-1; i++ {
		if after[i] != before[i] {
			t.Errorf("row %d changed after a failed reload: %q, was %q", i, after[i], before[i])
		}
	}
	if d.m.Err() != nil || d.m.phase != phaseReady {
		t.Errorf("a failed reload set Err() = %v, phase %v", d.m.Err(), d.m.phase)
	}
	d.elapse()
	if f := d.footer(); strings.Contains(f, "reload failed") || !strings.Contains(f, "part 3/53") {
		t.Errorf("footer after the status cleared = %q, want the position back", f)
	}
	d.keys("r") // a reload may be tried again
	if n := calls.Load(); n != 3 {
		t.Errorf("Load called %d times, want 3", n)
	}
}

func TestStaleStatusClearIsDropped(t *testing.T) {
	d := ready(t, 120, 40)
	clear := d.m.setStatus("reloaded", time.Second)
	d.m.setStatus("reloading…", 0)
	d.run(clear)
	d.elapse()
	if f := d.footer(); !strings.Contains(f, "reloading…") {
		t.Errorf("an older status's clear cleared the newer one: %q", f)
	}
}

func TestSidebarWidth(t *testing.T) {
	tests := []struct {
		name           string
		sidebar        int
		wantTr, wantPn int
	}{
		{"a third by default", 0, 80, 40},
		{"chosen width", 56, 64, 56},
		{"the transcript keeps 40", 100, 40, 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := demoOptions()
			o.SidebarWidth = tt.sidebar
			d := newDriver(t, o)
			d.size(120, 40)
			checkFrame(t, d.m.View().Content, 120, 40)
			if d.m.lay.trW != tt.wantTr || d.m.lay.panelW != tt.wantPn {
				t.Errorf("transcript %d, panel %d; want %d and %d", d.m.lay.trW, d.m.lay.panelW, tt.wantTr, tt.wantPn)
			}
			if w := d.m.blk.of().width; w != tt.wantTr-gutterWidth-rightMargin {
				t.Errorf("blocks rendered %d wide, want %d", w, tt.wantTr-gutterWidth-rightMargin)
			}
			// The panel's border is the first cell after the transcript.
			if got := ansi.Cut(d.lines()[5], tt.wantTr, tt.wantTr+1); got != "│" {
				t.Errorf("cell %d of a body row = %q, want the panel's border", tt.wantTr, got)
			}
		})
	}
	o := demoOptions()
	o.SidebarWidth = 50
	d := newDriver(t, o)
	d.size(79, 24)
	if d.m.lay.showPanel {
		t.Error("a chosen panel width shows the panel under 80 columns")
	}
}

func TestCarryBlocks(t *testing.T) {
	items := func(ids ...string) []render.Item {
		out := make([]render.Item, len(ids))
		for i, id := range ids {
			out[i] = render.Item{ID: id}
		}
		return out
	}
	tests := []struct {
		name     string
		old, new []render.Item
		blocks   []string
		want     []string
	}{
		{"same items", items("a", "b"), items("a", "b"), []string{"A", "B"}, []string{"A", "B"}},
		{"one more", items("a", "b"), items("a", "b", "c"), []string{"A", "B"}, []string{"A", "B", ""}},
		{"first gone", items("a", "b", "c"), items("b", "c", "d"), []string{"A", "B", "C"}, []string{"B", "C", ""}},
		{"no blocks yet", items("a"), items("a", "b"), nil, nil},
		{"blocks of other items", items("a", "b"), items("a"), []string{"A"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := carryBlocks(tt.old, tt.new, tt.blocks); !slices.Equal(got, tt.want) {
				t.Errorf("carryBlocks = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReloadWaitShowsInTheFooter(t *testing.T) {
	d := ready(t, 120, 40)
	cmd := d.step(keyPress("r"))
	listen := d.step(waitMsg{gen: d.m.loadGen, Wait: api.Wait{Delay: 5 * time.Second, Attempt: 1, Status: 429}})
	if f := d.footer(); !strings.Contains(f, "reloading… rate limited by Intercom, retrying (attempt 2)") {
		t.Errorf("footer during a reload's wait = %q", f)
	}
	if listen == nil {
		t.Error("a reload's wait did not listen for the next message")
	}
	d.run(cmd)
	if f := d.footer(); !strings.Contains(f, "reloaded") {
		t.Errorf("footer after the reload = %q", f)
	}
}

func TestWaitSaysWhy(t *testing.T) {
	tests := []struct {
		status int
		want   string
	}{
		{429, "Rate limited by Intercom · retrying in 4s (attempt 2)"},
		{503, "Intercom answered 503 · retrying in 4s (attempt 2)"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			// Init is not run: the test plays the load's part itself.
			d := &driver{t: t, m: New(Options{Label: "conversation 1", Now: func() time.Time { return now }})}
			d.step(tea.WindowSizeMsg{Width: 120, Height: 40})
			d.step(waitMsg{gen: d.m.loadGen, Wait: api.Wait{Delay: 4 * time.Second, Attempt: 1, Status: tt.status}})
			if got := d.screen(); !strings.Contains(got, tt.want) {
				t.Errorf("loading screen during a %d wait lacks %q:\n%s", tt.status, tt.want, got)
			}
		})
	}
}

// The error screen breaks lines at spaces only, never inside a request id
// or a host, and its lines start at one column: a block, not lines
// centred one by one.
func TestErrorScreenWrapsAtSpaces(t *testing.T) {
	err := &api.Error{Status: 404, Code: "not_found", Message: "Resource Not Found",
		RequestID: "req-fake-123", Host: "api.eu.intercom.io"}
	for _, w := range []int{40, 50, 60, 72} {
		d := failing(err)(t, lookDark, w, 20)
		var text []string
		for _, l := range d.lines() {
			if strings.TrimSpace(l) != "" {
				text = append(text, l)
			}
		}
		screen := strings.Join(text, "\n")
		for _, word := range []string{"(request req-fake-123)", "api.eu.intercom.io:", "not_found:"} {
			if !strings.Contains(strings.Join(strings.Fields(screen), " "), word) {
				t.Fatalf("width %d: %q is missing:\n%s", w, word, screen)
			}
			if !strings.Contains(screen, strings.Fields(word)[len(strings.Fields(word))-1]) {
				t.Errorf("width %d: %q is split:\n%s", w, word, screen)
			}
		}
		col := strings.Index(text[0], "✗")
		for _, l := range text[1:] {
			if got := len(l) - len(strings.TrimLeft(l, " ")); got != col && got != col+2 {
				t.Errorf("width %d: line %q starts at column %d, want %d (or under the message)", w, l, got, col)
			}
		}
	}
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"a b c", 3, []string{"a b", "c"}},
		{"from api-eu.example.com: gone", 12, []string{"from", "api-eu.examp", "le.com: gone"}},
		{"req-fake-123 x", 12, []string{"req-fake-123", "x"}},
		{"", 5, []string{""}},
	}
	for _, tt := range tests {
		if got := wrapWords(tt.s, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
