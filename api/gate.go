package api

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Gate is a rate limit shared by every client that holds it: when one
// request is told to wait (a 429), the others wait for the same moment
// instead of spending the workspace's budget on answers they know will be
// 429s. It also remembers the budget the last answer left, for a caller
// that polls to slow down before the 429s come. The zero Gate is open.
type Gate struct {
	mu    sync.Mutex
	until time.Time
	// remaining and limit are the last answer's X-RateLimit-Remaining
	// and X-RateLimit-Limit; budget says an answer carried both.
	remaining, limit int
	budget           bool
}

// Budget is what the last answer that said (any status) left of the
// workspace's rate limit: X-RateLimit-Remaining and X-RateLimit-Limit.
// ok is false until an answer carried both.
func (g *Gate) Budget() (remaining, limit int, ok bool) {
	if g == nil {
		return 0, 0, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.remaining, g.limit, g.budget
}

// note keeps the budget an answer's headers say; an answer without both,
// or with numbers that are not counts, leaves the last one.
func (g *Gate) note(h http.Header) {
	if g == nil {
		return
	}
	count := func(name string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
		return n, err == nil && n >= 0
	}
	remaining, ok1 := count("X-RateLimit-Remaining")
	limit, ok2 := count("X-RateLimit-Limit")
	if !ok1 || !ok2 || limit == 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.remaining, g.limit, g.budget = remaining, limit, true
}

// hold closes the gate until t, or later if it already is.
func (g *Gate) hold(t time.Time) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.After(g.until) {
		g.until = t
	}
}

// wait is how long until the gate opens, from now.
func (g *Gate) wait(now time.Time) time.Duration {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return max(0, g.until.Sub(now))
}
