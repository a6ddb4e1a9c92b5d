package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// fetcher returns what loads the conversation cfg names from the API, and
// the words for the loading screen ("conversation 123 from api.intercom.io").
// The loader tells onWait, if not nil, before each wait to retry.
func fetcher(cfg config.Config) (func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error), string) {
	base := cfg.APIURL
	if base == "" {
		base, _ = api.BaseURL(cfg.Region) // config has checked the region
	}
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	// --timeout bounds each attempt, not the fetch: waiting out a 429 is
	// not a server that fails to answer. ctx still cancels everything.
	client := api.Client{BaseURL: base, Token: cfg.Token, Version: cfg.APIVersion, Plaintext: cfg.Plaintext, Timeout: cfg.Timeout}
	fetch := func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		client := client // a copy for each fetch, with its own onWait
		client.OnWait = onWait
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
		return fmt.Sprintf("%v: the token from %s was refused; %s", err, cfg.TokenSource, tokenFix(cfg))
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden:
		return fmt.Sprintf("%v: the token lacks the scope to read conversations, or the workspace's plan lacks API access", err)
	case errors.As(err, &ae) && ae.Status == http.StatusNotFound:
		return fmt.Sprintf("%v: no conversation %s in this workspace on %s; check the id, or try another --region (us, eu, au)", err, cfg.ID, host)
	case errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests:
		return fmt.Sprintf("%v: still rate limited after waiting; try again in a minute", err)
	case errors.As(err, &ae) && ae.Status >= 500:
		return fmt.Sprintf("%v: Intercom had a problem; try again shortly", err)
	case errors.Is(err, context.DeadlineExceeded): // *api.TimeoutError
		return fmt.Sprintf("no answer from %s within %s; try again or raise --timeout", host, cfg.Timeout)
	}
	if why := unreachable(err); why != "" {
		return fmt.Sprintf("cannot reach %s: %s; check the network, --region or --api-url", host, why)
	}
	return err.Error()
}

// tokenFix says how to mend a refused token, by where it came from.
func tokenFix(cfg config.Config) string {
	switch {
	case cfg.TokenSource == config.EnvToken:
		return "set " + config.EnvToken + " to a valid access token"
	case strings.HasPrefix(cfg.TokenSource, "token_command"):
		return "check that token_command prints a valid access token"
	}
	return "put a valid access token in " + cfg.ConfigPath
}

// unreachable says in a few words why a connection to the API failed, or
// returns "" for any other error. Go's own text repeats the URL and every
// layer ("Get …: dial tcp: lookup …"), which is noise to the user.
func unreachable(err error) string {
	var dns *net.DNSError
	var errno syscall.Errno
	var op *net.OpError
	switch {
	case errors.As(err, &dns) && dns.IsNotFound:
		return "no such host"
	case errors.As(err, &dns) && dns.IsTimeout:
		return "the DNS lookup timed out"
	case errors.As(err, &dns):
		return "the DNS lookup failed (" + dns.Err + ")"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.As(err, &op) && op.Op == "dial" && errors.As(op.Err, &errno):
		return errno.Error() // "no route to host", "network is unreachable"
	}
	return ""
}
