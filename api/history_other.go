//go:build !unix

package api

import (
	"errors"
	"time"
)

// lockHistory refuses: without unix owners no history folder is believed
// (see ownedByUser), so no history is written to need a lock.
func lockHistory(string, time.Duration) (func(), error) {
	return nil, errors.New("no history on this system")
}
