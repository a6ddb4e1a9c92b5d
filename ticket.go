package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
	"github.com/convo-cli/convo/render"
)

// ticketFetcher loads the ticket cfg names (convo ticket ID|URL) as a
// conversation: by its id, else by the number the Inbox shows (see
// api.Client.FindTicket).
func ticketFetcher(cfg config.Config, gate *api.Gate) loadFunc {
	client := apiClient(cfg, gate)
	host := apiHost(client.BaseURL)
	return func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		client := client // a copy for each fetch, with its own onWait
		client.OnWait = onWait
		t, err := client.FindTicket(ctx, cfg.ID)
		if err != nil {
			return nil, &advised{advice: ticketAdvice(err, cfg, host), err: err}
		}
		return t.AsConversation(), nil
	}
}

// ticketAdvice is advice for a ticket: what a 403 and a 404 mean differ.
func ticketAdvice(err error, cfg config.Config, host string) string {
	var ae *api.Error
	switch {
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden:
		return fmt.Sprintf("%v: the token lacks the %s scope, or the workspace's plan lacks API access", err, api.ScopeReadTickets)
	case errors.As(err, &ae) && ae.Status == http.StatusNotFound:
		return fmt.Sprintf("%v: no ticket %s on %s, by its id or its number in the Inbox; check the id, or the region or API URL", err, cfg.ID, host)
	}
	return advice(err, cfg, host)
}

// targetKind is what the target names, for the loading screen.
func targetKind(cfg config.Config) api.Kind {
	if cfg.Ticket {
		return api.KindTicket
	}
	return api.KindConversation
}

// linkID is the id the web link is made from before anything loads: none
// for a ticket, whose page in the inbox convo does not know.
func linkID(cfg config.Config) string {
	if cfg.Ticket {
		return ""
	}
	return cfg.ID
}

// relatedFunc finds what is around a conversation for --related.
type relatedFunc = func(ctx context.Context, conv *api.Conversation, onWait func(api.Wait)) *render.Related

// noRelated is --related for a file or the demo: the linked objects the
// conversation holds, and no requests.
func noRelated(context.Context, *api.Conversation, func(api.Wait)) *render.Related {
	return &render.Related{}
}

// relater returns what finds, with one request each, the contact's other
// conversations (the first page, newest first, this one left out) and,
// where the API version has them, the side conversations. A request that
// fails is said in its list: one refused for a scope does not stop the
// others, or the printing.
func relater(cfg config.Config, gate *api.Gate) relatedFunc {
	client := apiClient(cfg, gate)
	return func(ctx context.Context, conv *api.Conversation, onWait func(api.Wait)) *render.Related {
		client := client // a copy for each call, with its own onWait
		client.OnWait = onWait
		var r render.Related
		var ids []string
		for _, ref := range conv.Contacts.Contacts {
			ids = append(ids, string(ref.ID))
		}
		r.Conversations = &render.RelatedList[api.ConversationSummary]{}
		if len(ids) > 0 {
			page, err := client.SearchConversations(ctx, ids, conv.ID, "", api.DefaultPerPage)
			if err != nil {
				r.Conversations.Err = err
			} else {
				r.Conversations.Items, r.Conversations.Total = page.Conversations, page.TotalCount
			}
		}
		if client.HasSideConversations() && !render.IsTicket(conv) {
			sides, err := client.SideConversations(ctx, string(conv.ID))
			r.Sides = &render.RelatedList[api.SideConversation]{Items: sides, Total: len(sides), Err: err}
		}
		return &r
	}
}
