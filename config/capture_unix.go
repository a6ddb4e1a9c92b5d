//go:build unix

package config

import (
	"errors"
	"os"
	"syscall"
)

// drain hands add what the pipe holds now, without waiting for more, until
// add refuses it.
func drain(r *os.File, add func([]byte) bool) {
	raw, err := r.SyscallConn()
	if err != nil {
		return
	}
	buf := make([]byte, 32<<10)
	_ = raw.Read(func(fd uintptr) bool {
		for {
			// The pipe is non-blocking (os.Pipe makes it so for the
			// runtime's poller): an empty pipe answers EAGAIN at once.
			n, err := syscall.Read(int(fd), buf)
			if errors.Is(err, syscall.EINTR) {
				continue
			}
			if n <= 0 || !add(buf[:n]) {
				return true // the end, nothing more for now, or the limit
			}
		}
	})
}
