//go:build !unix

package api

import "io/fs"

// openFlags are the unix ones' stand-in: there, no cache is believed.
const openFlags = 0

// ownedByUser reports false: without unix owners and modes there is no
// telling who could have written a cache, so none is read or written.
func ownedByUser(fs.FileInfo) bool { return false }
