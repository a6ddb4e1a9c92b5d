package main

import (
	"context"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/ui"
)

// thread is the screen's ui.Thread: the related list's requests, through
// the same client settings, token and rate-limit gate as the
// conversation's, so a 429 to any holds back all. What it opens is
// recorded in the history like the first.
type thread struct {
	src *apiSource
	rec *historyRecorder
}

var _ ui.Thread = thread{}

// client is the API client once the token is known.
func (t thread) client(ctx context.Context) (api.Client, error) {
	if err := t.src.token(ctx); err != nil {
		return api.Client{}, err
	}
	return apiClient(t.src.resolvedConfig(), &t.src.gate), nil
}

func (t thread) Search(ctx context.Context, ids []string, exclude api.ID, after string, wait func(api.Wait)) (*api.ConversationPage, error) {
	c, err := t.client(ctx)
	if err != nil {
		return nil, err
	}
	c.OnWait = wait
	return c.SearchConversations(ctx, ids, exclude, after, api.DefaultPerPage)
}

// HasSides needs no token: the API version says.
func (t thread) HasSides() bool {
	c := apiClient(t.src.cfg, nil)
	return c.HasSideConversations()
}

func (t thread) Sides(ctx context.Context, id string, wait func(api.Wait)) ([]api.SideConversation, error) {
	c, err := t.client(ctx)
	if err != nil {
		return nil, err
	}
	c.OnWait = wait
	return c.SideConversations(ctx, id)
}

func (t thread) Ticket(ctx context.Context, id string, wait func(api.Wait)) (*api.Ticket, error) {
	c, err := t.client(ctx)
	if err != nil {
		return nil, err
	}
	c.OnWait = wait
	return c.Ticket(ctx, id)
}

func (t thread) Conversation(ctx context.Context, id string, wait func(api.Wait)) (*api.Conversation, error) {
	c, err := t.client(ctx)
	if err != nil {
		return nil, err
	}
	c.OnWait = wait
	return c.Conversation(ctx, id)
}

// Open loads a conversation or a ticket as the command line's ID or
// "ticket ID" would, with the same advice on failure.
func (t thread) Open(kind api.Kind, id string) (func(context.Context, func(api.Wait)) (*api.Conversation, error), string) {
	cfg := t.src.cfg
	cfg.ID, cfg.Target, cfg.Ticket = id, id, kind == api.KindTicket
	load := func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		if err := t.src.token(ctx); err != nil {
			return nil, err
		}
		resolved := t.src.resolvedConfig()
		resolved.ID, resolved.Target, resolved.Ticket = cfg.ID, cfg.Target, cfg.Ticket
		fetch, _ := fetcher(resolved, &t.src.gate)
		return fetch(ctx, onWait)
	}
	if t.rec != nil {
		load = t.rec.onScreen(cfg, load)
	}
	return load, fetchLabel(cfg)
}
