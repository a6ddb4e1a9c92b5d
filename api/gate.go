package api

import (
	"sync"
	"time"
)

// Gate is a rate limit shared by every client that holds it: when one
// request is told to wait (a 429), the others wait for the same moment
// instead of spending the workspace's budget on answers they know will be
// 429s. The zero Gate is open.
type Gate struct {
	mu    sync.Mutex
	until time.Time
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
