package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// fetcher returns what loads the conversation cfg names from the API, and
// the words for the loading screen ("conversation 123 from api.intercom.io").
func fetcher(cfg config.Config) (func(context.Context) (*api.Conversation, error), string) {
	base := cfg.APIURL
	if base == "" {
		base, _ = api.BaseURL(cfg.Region) // config has checked the region
	}
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	client := &api.Client{BaseURL: base, Token: cfg.Token, Version: cfg.APIVersion, Plaintext: cfg.Plaintext}
	fetch := func(ctx context.Context) (*api.Conversation, error) {
		ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
		defer cancel()
		c, err := client.Conversation(ctx, cfg.ID)
		if err != nil {
			return nil, errors.New(advice(err, cfg, host)) // api keeps the token out of err
		}
		return c, nil
	}
	return fetch, fmt.Sprintf("conversation %s from %s", cfg.ID, host)
}

// advice is the error with what to do about it: the user-facing wording is
// made here, once.
func advice(err error, cfg config.Config, host string) string {
	var ae *api.Error
	switch {
	case errors.As(err, &ae) && ae.Status == http.StatusUnauthorized:
		return fmt.Sprintf("%v: the token was refused; set %s to a valid access token", err, config.EnvToken)
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden:
		return fmt.Sprintf("%v: the token lacks the scope to read conversations, or the workspace's plan lacks API access", err)
	case errors.As(err, &ae) && ae.Status == http.StatusNotFound:
		return fmt.Sprintf("%v: no conversation %s in this workspace on %s; check the id, or try another --region (us, eu, au)", err, cfg.ID, host)
	case errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests:
		return fmt.Sprintf("%v: still rate limited after waiting; try again in a minute", err)
	case errors.As(err, &ae) && ae.Status >= 500:
		return fmt.Sprintf("%v: Intercom had a problem; try again shortly", err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer from %s within %s; try again or raise --timeout", host, cfg.Timeout)
	}
	return err.Error()
}
