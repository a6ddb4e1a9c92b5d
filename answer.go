package main

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/convo-cli/convo/api"
)

// answers watches for the API answering with a conversation other than the
// one asked for (a proxy, a test server, a bug): convo shows what came, and
// says so, but never makes the web link from the answer's id, which would
// send the user to a conversation they did not ask for.
type answers struct {
	asked string // the id asked for

	mu     sync.Mutex
	others []string // the ids answered instead, printable, each once
}

// check wraps fetch to note each answer whose id is not the one asked for.
func (a *answers) check(fetch loadFunc) loadFunc {
	return func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		c, err := fetch(ctx, onWait)
		if err == nil && c != nil && a.differs(c) {
			a.note(string(c.ID))
		}
		return c, err
	}
}

// differs reports whether c is not the conversation asked for. Ids are
// numbers, so leading zeros do not count.
func (a *answers) differs(c *api.Conversation) bool {
	norm := func(id string) string { return strings.TrimLeft(strings.TrimSpace(id), "0") }
	if c.Ticket != nil && c.Type == string(api.KindTicket) && norm(string(c.Ticket.TicketID)) == norm(a.asked) {
		return false // a ticket asked for by its number in the Inbox
	}
	return norm(string(c.ID)) != norm(a.asked)
}

func (a *answers) note(id string) {
	// The id is clean (api.Clean): only its length needs a bound.
	if r := []rune(id); len(r) > 40 {
		id = string(r[:40]) + "…"
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, o := range a.others {
		if o == id {
			return
		}
	}
	a.others = append(a.others, id)
}

// warnings are the lines to print on stderr, one for each other id.
func (a *answers) warnings() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var lines []string
	for _, id := range a.others {
		lines = append(lines, fmt.Sprintf("warning: asked for conversation %s, but the API answered with conversation %s; its web link is left out", a.asked, id))
	}
	return lines
}

// resolve wraps the look-ups so that, for an answer that is not the
// conversation asked for, the workspace GET /me names never reaches the
// screen, which would make the web link from the answer's id.
func (a *answers) resolve(resolve resolveFunc) resolveFunc {
	return func(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup)) {
		if !a.differs(conv) {
			resolve(ctx, conv, refresh, report)
			return
		}
		resolve(ctx, conv, refresh, func(l api.Lookup) {
			if l.Kind == api.LookupMe {
				l.AppID, l.App = "", nil
			}
			report(l)
		})
	}
}
