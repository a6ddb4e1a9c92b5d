//go:build unix

package api

import (
	"io/fs"
	"os"
	"syscall"
)

// openFlags open a cache folder or file without following a symlink in its
// last component, and without blocking on a FIFO.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// ownedByUser reports whether fi is owned by the user running convo.
func ownedByUser(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
