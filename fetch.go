package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
	"github.com/convo-cli/convo/render"
)

// fetcher returns what loads the conversation cfg names from the API, and
// the words for the loading screen ("conversation 123 from api.intercom.io").
// The loader tells onWait, if not nil, before each wait to retry.
func fetcher(cfg config.Config, gate *api.Gate) (func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error), string) {
	if cfg.Ticket {
		return ticketFetcher(cfg, gate), fetchLabel(cfg)
	}
	client := apiClient(cfg, gate)
	host := apiHost(client.BaseURL)
	fetch := func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		client := client // a copy for each fetch, with its own onWait
		client.OnWait = onWait
		c, err := client.Conversation(ctx, cfg.ID)
		if err != nil {
			return nil, advise(err, cfg, host) // api keeps the token out of err
		}
		return c, nil
	}
	return fetch, fetchLabel(cfg)
}

// fetchLabel is the words for the loading screen: "conversation 123 from
// api.intercom.io". It needs no token.
func fetchLabel(cfg config.Config) string {
	return fmt.Sprintf("%s %s from %s", targetKind(cfg), cfg.ID, apiHost(apiClient(cfg, nil).BaseURL))
}

// apiHost is the host of the API's base URL, for messages.
func apiHost(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return base
}

// apiClient is the client for the API cfg names. --timeout bounds each
// attempt, not the fetch: waiting out a 429 is not a server that fails to
// answer. The caller's context still cancels everything.
func apiClient(cfg config.Config, gate *api.Gate) api.Client {
	base := cfg.APIURL
	if base == "" {
		base, _ = api.BaseURL(cfg.Region) // config has checked the region
	}
	return api.Client{BaseURL: base, Token: cfg.Token, Version: cfg.APIVersion, Plaintext: cfg.Plaintext, Timeout: cfg.Timeout, Gate: gate}
}

// resolveFunc is ui.Options.Resolve's type: it runs the look-ups of the
// names behind a conversation's ids, reports each as it ends and returns
// when all have ended.
type resolveFunc = func(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup))

// resolver returns what looks up the names behind a conversation's ids
// (admins, teams, contacts, and the workspace for the web link unless cfg
// names it), through the cache in cacheDir; refresh skips reading the
// cache, for a reload. Failures are reported as look-ups with an Err, and
// are never fatal.
func resolver(cfg config.Config, getenv func(string) string, gate *api.Gate) resolveFunc {
	client := apiClient(cfg, gate)
	var cache *api.Cache
	if dir := cacheDir(getenv); dir != "" && cfg.Cache {
		cache = &api.Cache{Dir: dir}
	}
	dir := api.Directory{Client: &client, Cache: cache, AppID: cfg.AppID}
	return func(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup)) {
		start := dir.Resolve
		if refresh {
			start = dir.Refresh
		}
		<-start(ctx, conv, report)
	}
}

// cacheDir is where look-ups are cached: $XDG_CACHE_HOME/convo, else
// ~/.cache/convo; "" (no cache) without either. A relative XDG_CACHE_HOME
// is ignored, as the XDG spec says.
func cacheDir(getenv func(string) string) string {
	if dir := getenv("XDG_CACHE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "convo")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".cache", "convo")
	}
	return ""
}

// lookUp runs the look-ups for conv before printing, folding each answer
// into names, and waits for them all, at most timeout: a look-up that
// fails or is late leaves the ids as they are.
func lookUp(ctx context.Context, resolve resolveFunc, conv *api.Conversation, timeout time.Duration, names *render.Names) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	// The look-ups report one at a time and never after resolve returns.
	resolve(ctx, conv, false, names.Add)
}

// advised is an error worded for the user, with what to do about it, that
// keeps its cause (an *api.Error, an *api.RedirectError, a timeout, the
// network's error) for errors.Is and errors.As: the screen offers a retry
// by the cause, api.Retryable.
type advised struct {
	advice string
	err    error
}

func (e *advised) Error() string { return e.advice }
func (e *advised) Unwrap() error { return e.err }

// advise is err with what to do about it, worded by advice.
func advise(err error, cfg config.Config, host string) error {
	return &advised{advice: advice(err, cfg, host), err: err}
}

// advice is the error with what to do about it: the user-facing wording is
// made here, once.
func advice(err error, cfg config.Config, host string) string {
	var ae *api.Error
	var re *api.RedirectError
	switch {
	case errors.As(err, &re):
		return fmt.Sprintf("the API redirected to %s; point --api-url there if you trust it", re.URL)
	case errors.As(err, &ae) && ae.Status == http.StatusUnauthorized:
		return fmt.Sprintf("%v: the token from %s was refused; %s", err, cfg.TokenSource, tokenFix(cfg))
	case errors.As(err, &ae) && ae.Status == http.StatusForbidden:
		return fmt.Sprintf("%v: the token lacks the scope to read conversations, or the workspace's plan lacks API access", err)
	case errors.As(err, &ae) && ae.Status == http.StatusNotFound && cfg.APIURL != "":
		// The API URL, not the region, picks the server: --region is ignored.
		return fmt.Sprintf("%v: no conversation %s on %s; check the id, or the API URL", err, cfg.ID, host)
	case errors.As(err, &ae) && ae.Status == http.StatusNotFound:
		return fmt.Sprintf("%v: no conversation %s in this workspace on %s; check the id, or try another --region (us, eu, au)", err, cfg.ID, host)
	case errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests:
		return fmt.Sprintf("%v: still rate limited after waiting; try again in a minute", err)
	case errors.As(err, &ae) && ae.Status >= 500:
		return fmt.Sprintf("%v: Intercom had a problem; try again shortly", err)
	case errors.Is(err, context.DeadlineExceeded): // *api.TimeoutError
		return fmt.Sprintf("no answer from %s within %s; try again or raise --timeout", host, cfg.Timeout)
	}
	if why := unreachable(err); why != "" && cfg.APIURL != "" {
		return fmt.Sprintf("cannot reach %s: %s; check the network, or the API URL", host, why)
	} else if why != "" {
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
