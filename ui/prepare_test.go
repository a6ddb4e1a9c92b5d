package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// TestPrepareComesFirst: while Prepare (a slow token_command) runs, the
// screen says so and Load waits; then the screen says what Load does, and
// a reload skips Prepare, which has done its work.
func TestPrepareComesFirst(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	release := make(chan struct{})
	var prepared, loads atomic.Int32
	o := fetchOptions(counted(&loads, func(int) (*api.Conversation, error) { return api.Demo(), nil }), &now)
	o.Preparing = "Getting the token…"
	o.Prepare = func(ctx context.Context) error {
		prepared.Add(1)
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	d := &driver{t: t, m: New(o)}
	d.m.after = d.after
	d.step(tea.WindowSizeMsg{Width: 100, Height: 20})
	if got := d.screen(); !strings.Contains(got, "Getting the token…") || strings.Contains(got, "Fetching") {
		t.Errorf("screen while Prepare runs lacks its line:\n%s", got)
	}
	fetch, first := d.m.fetch, make(chan tea.Msg, 1)
	go func() { first <- fetch() }()
	if n := loads.Load(); n != 0 {
		t.Errorf("Load ran %d times before Prepare ended", n)
	}
	close(release)
	msg := <-first
	if _, ok := msg.(preparedMsg); !ok {
		t.Fatalf("first message of the load = %T, want preparedMsg", msg)
	}
	listen := d.step(msg)
	if got := d.screen(); !strings.Contains(got, "Fetching conversation 12345 from api.example.com…") || strings.Contains(got, "token") {
		t.Errorf("screen once Prepare is done:\n%s", got)
	}
	d.run(listen)
	if !strings.Contains(d.screen(), "CSV export fails") {
		t.Fatalf("the conversation is not shown:\n%s", d.screen())
	}
	d.keys("r")
	if p, l := prepared.Load(), loads.Load(); p != 1 || l != 2 {
		t.Errorf("after a reload Prepare ran %d times and Load %d; want 1 and 2", p, l)
	}
	if f := d.footer(); !strings.Contains(f, "reloaded") {
		t.Errorf("footer after the reload = %q", f)
	}
}

// TestPrepareFailure: Prepare's error is the failure screen's, Load never
// runs, and a retry, when the error allows one, runs Prepare again.
func TestPrepareFailure(t *testing.T) {
	var prepared, loads atomic.Int32
	o := demoOptions()
	o.Load = counted(&loads, func(int) (*api.Conversation, error) { return api.Demo(), nil })
	o.Preparing = "Getting the token…"
	o.Prepare = func(context.Context) error {
		if prepared.Add(1) == 1 {
			return &api.TimeoutError{Host: "token", After: time.Second}
		}
		return nil
	}
	d := newDriver(t, o)
	d.size(100, 20)
	if got := d.screen(); !strings.Contains(got, "token") || d.m.phase != phaseFailed || loads.Load() != 0 {
		t.Fatalf("phase %v, Load ran %d times; want the failure and no load:\n%s", d.m.phase, loads.Load(), got)
	}
	d.keys("r")
	if p, l := prepared.Load(), loads.Load(); p != 2 || l != 1 || !strings.Contains(d.screen(), "CSV export fails") {
		t.Errorf("after r Prepare ran %d times and Load %d; want 2 and 1:\n%s", p, l, d.screen())
	}
}

// TestQuitWhilePreparing: q while Prepare runs cancels it at once.
func TestQuitWhilePreparing(t *testing.T) {
	o := demoOptions()
	stopped := make(chan error, 1)
	o.Prepare = func(ctx context.Context) error {
		<-ctx.Done()
		stopped <- ctx.Err()
		return ctx.Err()
	}
	d := &driver{t: t, m: New(o)}
	go d.m.fetch()
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit while Prepare ran")
	}
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("Prepare ended with %v, want its context cancelled", err)
	}
	if d.m.Err() != nil {
		t.Errorf("Err() = %v after quitting, want nil", d.m.Err())
	}
}

// TestNothingToReload: with NoReload the reload key says why in the
// footer and loads nothing.
func TestNothingToReload(t *testing.T) {
	var loads atomic.Int32
	o := demoOptions()
	o.Load = counted(&loads, func(int) (*api.Conversation, error) { return api.Demo(), nil })
	o.NoReload = "nothing to reload: the demo conversation is built in"
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("r")
	if f := d.footer(); !strings.Contains(f, "nothing to reload: the demo conversation is built in") {
		t.Errorf("footer after r = %q", f)
	}
	if n := loads.Load(); n != 1 || d.m.reloading {
		t.Errorf("Load ran %d times (reloading %v); want once", n, d.m.reloading)
	}
	d.elapse()
	if f := d.footer(); strings.Contains(f, "nothing to reload") {
		t.Errorf("footer still says it: %q", f)
	}
}

// TestReloadOfAnotherConversationLinksIt: a file read again may hold
// another conversation, and the web link follows it.
func TestReloadOfAnotherConversationLinksIt(t *testing.T) {
	var loads atomic.Int32
	o := demoOptions()
	o.AppID = "abc123"
	o.Load = counted(&loads, func(n int) (*api.Conversation, error) {
		c := api.Demo()
		if n > 1 {
			c.ID = "777"
		}
		return c, nil
	})
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("r")
	if want := "https://app.intercom.com/a/inbox/abc123/inbox/conversation/777"; d.m.webLink() != want {
		t.Errorf("web link after the reload = %q, want %q", d.m.webLink(), want)
	}
}
