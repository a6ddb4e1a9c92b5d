package main

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

// TestEarlyLoadStartsBeforeTheScreenAsks: the load is under way before the
// screen's first call, which gets its result; a retry or reload loads
// afresh.
func TestEarlyLoadStartsBeforeTheScreenAsks(t *testing.T) {
	started := make(chan struct{}, 2)
	var calls atomic.Int32
	load := func(ctx context.Context, _ func(api.Wait)) (*api.Conversation, error) {
		n := calls.Add(1)
		started <- struct{}{}
		return &api.Conversation{ID: api.ID(string(rune('0' + n)))}, nil
	}
	e := startEarly(context.Background(), load)
	defer e.stop()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the load did not start before the screen asked")
	}
	c, err := e.Load(context.Background(), nil)
	if err != nil || c.ID != "1" {
		t.Fatalf("first Load = %v, %v; want the early load's conversation 1", c, err)
	}
	c, err = e.Load(context.Background(), nil)
	if err != nil || c.ID != "2" {
		t.Fatalf("second Load = %v, %v; want a fresh load, conversation 2", c, err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("load ran %d times, want 2", n)
	}
}

// TestEarlyLoadPassesWaitsOn: a wait that came before the screen asked is
// given to it when it asks (the last one: the countdown needs only that),
// and later waits as they come.
func TestEarlyLoadPassesWaitsOn(t *testing.T) {
	waited := make(chan struct{})
	finish := make(chan struct{})
	next := make(chan struct{})
	load := func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		onWait(api.Wait{Attempt: 1, Status: 429})
		onWait(api.Wait{Attempt: 2, Status: 429})
		close(waited)
		<-next
		onWait(api.Wait{Attempt: 3, Status: 503})
		<-finish
		return &api.Conversation{ID: "7"}, nil
	}
	e := startEarly(context.Background(), load)
	defer e.stop()
	<-waited
	got := make(chan api.Wait, 4)
	result := make(chan error, 1)
	go func() {
		_, err := e.Load(context.Background(), func(w api.Wait) { got <- w })
		result <- err
	}()
	if w := <-got; w.Attempt != 2 {
		t.Errorf("the wait kept for the screen is attempt %d, want the last, 2", w.Attempt)
	}
	close(next)
	if w := <-got; w.Attempt != 3 || w.Status != 503 {
		t.Errorf("the wait after the screen asked = %+v, want attempt 3 for a 503", w)
	}
	close(finish)
	if err := <-result; err != nil {
		t.Fatal(err)
	}
}

// TestEarlyLoadEndsWithTheScreen: quitting while it runs cancels it.
func TestEarlyLoadEndsWithTheScreen(t *testing.T) {
	cancelled := make(chan struct{})
	load := func(ctx context.Context, _ func(api.Wait)) (*api.Conversation, error) {
		<-ctx.Done()
		close(cancelled)
		return nil, ctx.Err()
	}
	e := startEarly(context.Background(), load)
	defer e.stop()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Load(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load after the screen's context ended = %v, want context.Canceled", err)
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the early load went on after the screen gave up on it")
	}
}
