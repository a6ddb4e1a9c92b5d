package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopSignals end convo: ctrl+c where the terminal is not in raw mode (on
// the screen ctrl+c is a key), kill's default, and the terminal going away.
// convo restores the terminal and exits with 128 plus the signal's number,
// as a shell reports a process the signal killed.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// signalError is the cause of a context a signal cancelled.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string { return "stopped by " + e.sig.String() }

// withSignals returns a context that the first of stopSignals cancels,
// with a signalError as its cause, and the func that stops listening.
// After the first signal the others take their default action again, so a
// second ctrl+c ends a convo that does not stop.
func withSignals(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, stopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			sig, _ := s.(syscall.Signal)
			cancel(signalError{sig})
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			cancel(nil)
		})
	}
}

// signalled returns the exit status for a context a signal cancelled, 128
// plus the signal's number, and whether one did.
func signalled(ctx context.Context) (int, bool) {
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		return 128 + int(se.sig), true
	}
	return 0, false
}
