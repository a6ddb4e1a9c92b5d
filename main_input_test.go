//go:build unix

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

// A file the screen cannot read is refused before it opens, with its one
// line; only a readable regular file is read after the first frame.
func TestReadOnScreen(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "case.json")
	huge := filepath.Join(dir, "huge.json")
	fifo := filepath.Join(dir, "fifo")
	locked := filepath.Join(dir, "locked.json")
	for _, p := range []string{good, locked} {
		if err := os.WriteFile(p, []byte(`{"type":"conversation","id":"1"}`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(huge, nil, 0o600); err != nil || os.Truncate(huge, api.MaxBody+1) != nil {
		t.Fatal("cannot make a sparse file")
	}
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	_, lockedErr := os.Open(locked) // root opens it anyway
	for path, want := range map[string]bool{
		good: true, huge: false, fifo: false, dir: false, filepath.Join(dir, "missing.json"): false, "-": false, "": false,
		locked: lockedErr == nil,
	} {
		if got := readOnScreen(path); got != want {
			t.Errorf("readOnScreen(%s) = %v, want %v", filepath.Base(path), got, want)
		}
	}
}

// watchedCloser is an input whose Close looks, for a while, whether the
// read has been answered already.
type watchedCloser struct {
	io.Reader
	answered chan struct{}
	early    chan bool // whether Close saw the answer go before it
}

func (w watchedCloser) Close() error {
	select {
	case <-w.answered:
		w.early <- true
	case <-time.After(200 * time.Millisecond): // long enough for an answer sent before Close to arrive
		w.early <- false
	}
	return nil
}

// readInput closes its input before it answers: a FIFO read again must find
// no reader left from the read before, or the next writer's bytes go to it.
func TestReadInputClosesBeforeItAnswers(t *testing.T) {
	in := watchedCloser{Reader: strings.NewReader("{}"), answered: make(chan struct{}), early: make(chan bool, 1)}
	_, _ = readInput(context.Background(), func() (io.ReadCloser, error) { return in, nil })
	close(in.answered)
	if <-in.early {
		t.Error("readInput answered before its input was closed")
	}
}
