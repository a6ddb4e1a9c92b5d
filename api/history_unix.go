//go:build unix

package api

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockHistory takes an exclusive lock on the lock file at path, waiting at
// most wait for another convo to let go, and returns what releases it.
func lockHistory(path string, wait time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|openFlags, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			return nil, err
		}
		time.Sleep(10 * time.Millisecond) // another convo is writing: a few ms
	}
}
