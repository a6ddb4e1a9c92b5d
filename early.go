package main

import (
	"context"
	"sync"

	"github.com/convo-cli/convo/api"
)

// early is a load started before the screen: the request (its connection,
// a file's reading and decoding) runs while Bubble Tea sets the terminal
// up. The screen's first call to Load gets its result; later calls (a
// retry, a reload) load afresh.
type early struct {
	load   loadFunc
	cancel context.CancelFunc
	done   chan struct{}
	conv   *api.Conversation
	err    error

	mu     sync.Mutex
	taken  bool
	onWait func(api.Wait) // the screen's, once it asks
	waited *api.Wait      // the last wait before it asked
}

// startEarly starts load at once, under ctx.
func startEarly(ctx context.Context, load loadFunc) *early {
	ctx, cancel := context.WithCancel(ctx)
	e := &early{load: load, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.conv, e.err = load(ctx, e.wait)
	}()
	return e
}

// wait passes a wait between attempts to the screen, or keeps the last one
// until the screen asks.
func (e *early) wait(w api.Wait) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.onWait == nil {
		e.waited = &w
		return
	}
	e.onWait(w) // the screen's never blocks
}

// Load is the screen's Load: the early result the first time, while ctx
// (the screen's) lasts; a fresh load after.
func (e *early) Load(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
	e.mu.Lock()
	first := !e.taken
	e.taken = true
	if first && onWait != nil {
		e.onWait = onWait
		if e.waited != nil {
			onWait(*e.waited)
		}
	}
	e.mu.Unlock()
	if !first {
		return e.load(ctx, onWait)
	}
	select {
	case <-e.done:
		return e.conv, e.err
	case <-ctx.Done():
		e.cancel()
		return nil, context.Cause(ctx)
	}
}

// stop cancels the early load if it is still running: the screen ended
// without waiting for it.
func (e *early) stop() { e.cancel() }
