package ui

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// LastShown is the newest part that has been on screen: the last one,
// since the screen opens at the end, however far up the reader goes.
func TestLastShown(t *testing.T) {
	d := ready(t, 120, 40)
	last := d.m.items[len(d.m.items)-1].ID
	if c, p := d.m.LastShown(); c != "215472881029384" || p != last {
		t.Errorf("LastShown() = %q, %q; want the conversation and its last part %q", c, p, last)
	}
	d.keys("g")
	if _, p := d.m.LastShown(); p != last {
		t.Errorf("after g, LastShown() part = %q, want still %q", p, last)
	}
}

// growing is a conversation that changes between fetches: each fetch
// takes the next of its answers, the last one again and again.
type growing struct {
	mu      sync.Mutex
	answers []func() (*api.Conversation, error)
	calls   int
}

func (g *growing) load(context.Context, func(api.Wait)) (*api.Conversation, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	a := g.answers[min(g.calls, len(g.answers)-1)]
	g.calls++
	return a()
}

// withPart is the demo with one more part at the end, written by the
// customer.
func withPart(body string) func() (*api.Conversation, error) {
	return func() (*api.Conversation, error) {
		c := api.Demo()
		last := c.ConversationParts.Parts[len(c.ConversationParts.Parts)-1]
		p := last
		p.ID, p.PartType, p.Body = "9900001", "comment", "<p>"+body+"</p>"
		p.CreatedAt, p.UpdatedAt = last.CreatedAt+60, last.CreatedAt+60
		c.ConversationParts.Parts = append(c.ConversationParts.Parts, p)
		c.ConversationParts.TotalCount++
		c.UpdatedAt = p.CreatedAt
		return c, nil
	}
}

func demoAnswer() (*api.Conversation, error) { return api.Demo(), nil }

// followed is a driver following g's conversation at 120x40.
func followed(t *testing.T, g *growing, edit func(*Options)) *driver {
	t.Helper()
	return readyWith(t, 120, 40, func(o *Options) {
		o.Load, o.Follow = g.load, true
		if edit != nil {
			edit(o)
		}
	})
}

// A part that comes while the view is at the end shows at once below a
// "new" divider, rendered alone; an answer that changed nothing renders
// nothing and says nothing.
func TestFollowShowsNewParts(t *testing.T) {
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer, withPart("Is the fix live for everyone?")}}
	d := followed(t, g, func(o *Options) { o.Bell = true })
	if f := d.footer(); !strings.Contains(f, "following · 10s") {
		t.Errorf("footer while following = %q", f)
	}
	made := d.made
	var rang bool
	timed := d.timed
	d.timed = nil
	for _, due := range timed {
		for _, msg := range messages(d.step(due)) { // the poll
			for _, after := range messages(d.step(msg)) { // its answer's commands
				if r, ok := after.(tea.RawMsg); ok && r.Msg == "\a" {
					rang = true
				}
				d.send(after)
			}
		}
	}
	s := d.screen()
	if !strings.Contains(s, "Is the fix live for everyone?") || !strings.Contains(s, "─ new ─") {
		t.Errorf("the new part is not on screen below a divider:\n%s", s)
	}
	if !strings.Contains(d.footer(), "1 new part") {
		t.Errorf("footer after a new part = %q", d.footer())
	}
	if d.made-made != 1 {
		t.Errorf("a new part rendered %d blocks, want 1", d.made-made)
	}
	if !rang {
		t.Error("bell = true did not ring for the new part")
	}
	d.elapse() // the status clears; the next poll: nothing changed
	made = d.made
	before := d.screen()
	d.elapse()
	if d.made != made || d.screen() != before {
		t.Errorf("an unchanged answer rendered %d blocks or changed the screen", d.made-made)
	}
	if g.calls < 3 {
		t.Errorf("%d fetches, want the first and two polls", g.calls)
	}
}

// Away from the end, the place holds and the footer and the window title
// count what came; G goes there and the count goes.
func TestFollowAwayFromTheEnd(t *testing.T) {
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer, withPart("Is the fix live for everyone?")}}
	d := followed(t, g, nil)
	d.keys("g")
	top := d.lines()[2]
	d.elapse()
	if got := d.lines()[2]; got != top {
		t.Errorf("the view moved: top line %q, was %q", got, top)
	}
	if f := d.footer(); !strings.Contains(f, "1 new · G goes there") {
		t.Errorf("footer = %q, want 1 new · G goes there", f)
	}
	if title := d.m.View().WindowTitle; !strings.HasPrefix(title, "convo (1 new)") {
		t.Errorf("window title = %q", title)
	}
	d.keys("G")
	if f := d.footer(); strings.Contains(f, "new ·") || !strings.Contains(d.screen(), "Is the fix live") {
		t.Errorf("after G: footer %q", f)
	}
}

// A failed fetch keeps the screen and says when it tries again, backing
// off; the next answer puts following back; a 401 stops it for good.
func TestFollowFaults(t *testing.T) {
	fail := func() (*api.Conversation, error) { return nil, errors.New("connection refused") }
	denied := func() (*api.Conversation, error) {
		return nil, &api.Error{Status: http.StatusUnauthorized, Message: "Access Token Invalid"}
	}
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer, fail, demoAnswer, denied}}
	d := followed(t, g, nil)
	screen := d.screen()
	d.elapse() // the first poll fails
	if f := d.footer(); !strings.Contains(f, "offline · retrying in 20s") {
		t.Errorf("footer after a failed poll = %q", f)
	}
	if !strings.Contains(d.screen(), "Thanks again, both of you") || len(d.screen()) < len(screen)/2 {
		t.Error("a failed poll lost the screen")
	}
	d.elapse()
	if f := d.footer(); !strings.Contains(f, "following · 10s") {
		t.Errorf("footer after the next poll = %q", f)
	}
	d.elapse()
	if f := d.footer(); !strings.Contains(f, "following stopped") || strings.Contains(f, "following ·") {
		t.Errorf("footer after a 401 = %q", f)
	}
	calls := g.calls
	d.elapse()
	d.elapse()
	if g.calls != calls {
		t.Errorf("polls went on after a 401 (%d more)", g.calls-calls)
	}
}

// A conversation that comes back with fewer parts is shown as it is now,
// and the footer says so.
func TestFollowFewerParts(t *testing.T) {
	fewer := func() (*api.Conversation, error) {
		c := api.Demo()
		c.ConversationParts.Parts = c.ConversationParts.Parts[:len(c.ConversationParts.Parts)-1]
		return c, nil
	}
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer, fewer}}
	d := followed(t, g, nil)
	d.elapse()
	if f := d.footer(); !strings.Contains(f, "1 part gone") {
		t.Errorf("footer = %q, want 1 part gone", f)
	}
	if strings.Contains(d.screen(), "Thanks again, both of you") {
		t.Error("the part gone is still on screen")
	}
}

// f turns following off and on; off, no poll is made.
func TestFollowKey(t *testing.T) {
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer}}
	d := ready(t, 120, 40)
	d.m.opts.Load = g.load
	d.keys("f")
	if f := d.footer(); !strings.Contains(f, "following") {
		t.Errorf("footer after f = %q", f)
	}
	if g.calls != 1 {
		t.Errorf("f made %d fetches, want one at once", g.calls)
	}
	d.keys("f")
	d.elapse()
	d.elapse()
	if f := d.footer(); strings.Contains(f, "following") || g.calls != 1 {
		t.Errorf("after f again: footer %q, %d fetches", f, g.calls)
	}
}

// The read marker draws a divider below the part last shown and opens
// there.
func TestReadMarker(t *testing.T) {
	o := demoOptions()
	c := api.Demo()
	o.ReadMark = string(c.ConversationParts.Parts[20].ID)
	d := newDriver(t, o)
	d.size(120, 40)
	lines := d.transcriptLines()
	if !strings.Contains(strings.Join(lines[:2], "\n"), "new since you last read") {
		t.Errorf("the screen does not open at the read marker:\n%s", d.screen())
	}
	if strings.Contains(d.footer(), "part 53/53") {
		t.Errorf("footer = %q: opened at the end", d.footer())
	}
}

// Between two polls nothing runs: the only timer left is the next poll's
// (and the footer's word clearing), no tick of any kind.
func TestFollowIdlesBetweenPolls(t *testing.T) {
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer, withPart("Any news?")}}
	d := followed(t, g, nil)
	for range 3 {
		d.elapse()
	}
	polls := 0
	for _, msg := range d.timed {
		switch msg.(type) {
		case pollDueMsg:
			polls++
		case statusClearMsg:
		default:
			t.Errorf("a timer between polls: %T", msg)
		}
	}
	if polls != 1 {
		t.Errorf("%d polls waiting, want 1", polls)
	}
}

// Under a tenth of the rate limit left, polls come half as often.
func TestFollowSlowsOnALowBudget(t *testing.T) {
	g := &growing{answers: []func() (*api.Conversation, error){demoAnswer}}
	left := 50
	d := followed(t, g, func(o *Options) {
		o.Budget = func() (int, int, bool) { return left, 1000, true }
	})
	if f := d.footer(); !strings.Contains(f, "following · 20s") {
		t.Errorf("footer with 50 of 1000 calls left = %q, want following · 20s", f)
	}
	left = 500
	if f := d.footer(); !strings.Contains(f, "following · 10s") {
		t.Errorf("footer with 500 of 1000 calls left = %q, want following · 10s", f)
	}
}
