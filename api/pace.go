package api

import (
	"errors"
	"net/http"
	"time"
)

// MaxBackoff is the longest wait after failed fetches while following,
// unless the interval itself is longer.
const MaxBackoff = 2 * time.Minute

// Pace is how often a conversation is fetched again while following: every
// Interval, twice that while the last answer left under a tenth of the
// rate limit (Budget, a Gate's), and after failures the interval doubled
// for each, up to MaxBackoff. The screen and printed --follow share it.
type Pace struct {
	Interval time.Duration
	Budget   func() (remaining, limit int, ok bool) // nil: no slowing down
}

// Next is the wait before the next fetch after failures failed in a row.
func (p Pace) Next(failures int) time.Duration {
	if failures > 0 {
		most := max(MaxBackoff, p.Interval)
		d := p.Interval
		for range failures {
			if d >= most {
				break
			}
			d *= 2
		}
		return min(d, most)
	}
	d := p.Interval
	if p.Budget != nil {
		if remaining, limit, ok := p.Budget(); ok && remaining*10 < limit {
			d *= 2
		}
	}
	return d
}

// Refused reports whether the API will not show the conversation however
// often it is asked: the token is refused or lacks the scope, or the
// conversation is gone. Following stops on it.
func Refused(err error) bool {
	var ae *Error
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.Status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return true
	}
	return false
}
