package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultVersion is the Intercom-Version sent when Client.Version is empty.
const DefaultVersion = "2.11"

// Defaults for the zero values of Client's retry fields.
const (
	DefaultRetries = 3
	DefaultMaxWait = 60 * time.Second
)

// Client fetches conversations, and the people and workspace they name,
// from Intercom's REST API. It is safe for concurrent use while its fields
// are left unchanged.
type Client struct {
	BaseURL   string // empty means BaseUS
	Token     string
	Version   string // empty means DefaultVersion
	Plaintext bool   // ask for display_as=plaintext
	// Timeout bounds each attempt, from sending the request to the end of
	// the body; 0 means no bound. It leaves out the waits between attempts:
	// a 429 asking for 30s is not a server that fails to answer. The context
	// still bounds and cancels everything.
	Timeout time.Duration
	// HTTP nil is an http.Client without a timeout of its own, which would
	// cover the whole fetch: Timeout and the context bound it instead.
	// Either way no redirect is followed, whatever HTTP's CheckRedirect says.
	HTTP    *http.Client
	Retries int           // 0 means DefaultRetries; negative means none
	MaxWait time.Duration // cap for one 429 wait; 0 means DefaultMaxWait
	// Sleep waits between attempts; nil is a real wait that returns
	// ctx.Err() as soon as ctx is done. Tests inject a fake.
	Sleep func(ctx context.Context, d time.Duration) error
	// OnWait, if set, is told before each wait so the UI can show it.
	OnWait func(Wait)
	// Gate, if set, is shared with the other clients of the same workspace:
	// a 429's wait holds every request behind it (see Gate).
	Gate *Gate

	now func() time.Time // for X-RateLimit-Reset; nil is time.Now
}

// Wait is a pause before the next attempt, for a UI to show.
type Wait struct {
	Delay   time.Duration // how long until the next attempt
	Attempt int           // attempts made so far
	Status  int           // the HTTP status that asked for the wait: 429, 5xx
}

// Reason says why a fetch waits, in words for the user: Intercom's rate
// limit, or a server error it is giving time to pass.
func (w Wait) Reason() string {
	if w.Status == http.StatusTooManyRequests || w.Status == 0 {
		return "rate limited by Intercom"
	}
	return fmt.Sprintf("Intercom answered %d", w.Status)
}

// Conversation fetches one conversation by id. A failed answer from the API
// is an *Error; 429 and 5xx answers are retried first. A redirect is a
// *RedirectError, never followed. An attempt that outlasts Timeout is a
// *TimeoutError.
func (c *Client) Conversation(ctx context.Context, id string) (*Conversation, error) {
	if id == "" {
		return nil, errors.New("no conversation id")
	}
	query := ""
	if c.Plaintext {
		query = "display_as=plaintext"
	}
	var conv *Conversation
	err := c.fetch(ctx, "/conversations/"+url.PathEscape(id), query, "the conversation", func(r io.Reader) error {
		body, err := readBody(r)
		if err == nil {
			conv, err = decodeBytes(body, c.scrubber())
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return conv, nil
}

// fetch GETs path (escaped already) with query and hands a 2xx body to read,
// which must not keep it. It is the one request path of every endpoint: the
// headers, Timeout per attempt, the retries of 429 and 5xx with OnWait, and
// errors scrubbed of the token. what names the resource in errors.
func (c *Client) fetch(ctx context.Context, path, query, what string, read func(io.Reader) error) error {
	return c.send(ctx, request{method: http.MethodGet, path: path, query: query, what: what, onWait: c.OnWait}, read)
}

// request is one call of the API: fetch's GET, or a search's POST with a
// JSON body. onWait is told of each wait instead of Client.OnWait.
type request struct {
	method, path, query, what string
	body                      []byte
	onWait                    func(Wait)
	scope                     string // the OAuth scope the docs list for it
}

// send is fetch for any request: every endpoint shares its retries and
// waits, so a search and a conversation back off from the same 429 alike.
func (c *Client) send(ctx context.Context, rq request, read func(io.Reader) error) error {
	target, host, err := c.endpoint(rq.path, rq.query)
	if err != nil {
		return err
	}
	retries := c.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	// ready is the moment this request has waited until: a gate held to
	// it or before it holds nothing more, whatever the clock says.
	ready := c.clock()
	for attempt := 0; ; attempt++ {
		// Another request's 429 may hold the gate past ready: wait for it
		// too, and say so as a wait of this request's own.
		if d := c.Gate.wait(ready); d > 0 {
			if rq.onWait != nil {
				rq.onWait(Wait{Delay: d, Attempt: attempt, Status: http.StatusTooManyRequests})
			}
			if err := c.sleep(ctx, d); err != nil {
				return c.wrap("waiting out the rate limit of "+host, err)
			}
			ready = ready.Add(d)
		}
		wait, err := c.get(ctx, rq, target, host, attempt, read)
		if ae := (*Error)(nil); wait > 0 && errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests {
			c.Gate.hold(c.clock().Add(wait))
		}
		if wait < 0 || attempt >= retries {
			return err
		}
		if rq.onWait != nil {
			w := Wait{Delay: wait, Attempt: attempt + 1}
			if ae := (*Error)(nil); errors.As(err, &ae) {
				w.Status = ae.Status
			}
			rq.onWait(w)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return c.wrap("waiting to retry "+host, err)
		}
		ready = c.clock().Add(wait)
	}
}

// endpoint builds the request URL. Errors never quote the base URL: it may
// carry the token (a proxy path, user info).
func (c *Client) endpoint(path, query string) (target, host string, err error) {
	base := c.BaseURL
	if base == "" {
		base = BaseUS
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", errors.New("the API base URL must be an absolute http or https URL")
	}
	target = strings.TrimRight(base, "/") + path
	if query != "" {
		target += "?" + query
	}
	return target, c.clean(u.Host), nil
}

// errAttemptTimeout is the cause of an attempt's context ending at Timeout,
// which tells it from the caller's own deadline or cancellation.
var errAttemptTimeout = errors.New("attempt timed out")

// get makes one attempt, within Timeout. wait is how long to wait before
// retrying, or negative when the outcome is final.
func (c *Client) get(ctx context.Context, rq request, target, host string, attempt int, read func(io.Reader) error) (wait time.Duration, err error) {
	if c.Timeout <= 0 {
		return c.do(ctx, rq, target, host, attempt, read)
	}
	actx, cancel := context.WithTimeoutCause(ctx, c.Timeout, errAttemptTimeout)
	defer cancel()
	wait, err = c.do(actx, rq, target, host, attempt, read)
	var apiErr *Error
	if err != nil && !errors.As(err, &apiErr) && ctx.Err() == nil && context.Cause(actx) == errAttemptTimeout {
		// Not retried: Timeout is how long the user agreed to wait for an
		// answer, and a retry would silently double it. A server that
		// answers, even with a 5xx, is retried instead.
		return -1, &TimeoutError{Host: host, After: c.Timeout}
	}
	return wait, err
}

// do makes one request with ctx and reads its answer.
func (c *Client) do(ctx context.Context, rq request, target, host string, attempt int, read func(io.Reader) error) (wait time.Duration, err error) {
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, target, body)
	if err != nil {
		return -1, c.wrap("building the request to "+host, err)
	}
	version := c.Version
	if version == "" {
		version = DefaultVersion
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Intercom-Version", version)
	req.Header.Set("User-Agent", "convo")
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.httpClient().Do(req)
	if err != nil {
		// *url.Error quotes the URL; keep only what went wrong.
		return -1, c.wrap("requesting "+host, unwrapURLError(err))
	}
	defer resp.Body.Close()
	c.Gate.note(resp.Header)
	host = c.answered(resp, host)

	if re := c.redirect(resp, host); re != nil {
		return -1, re // never retried, never followed
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		err := errHTMLPage
		if mediaType(resp.Header) != "text/html" {
			err = read(resp.Body)
		}
		if errors.Is(err, errMarkup) { // a page labelled as something else
			err = errHTMLPage
		}
		if err != nil {
			return -1, c.wrap("reading "+rq.what+" from "+host, err)
		}
		return -1, nil
	}
	apiErr := c.readError(resp, host)
	apiErr.Scope = missingScope(apiErr, rq.scope)
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return c.rateWait(resp.Header), apiErr
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return 500 * time.Millisecond << min(attempt, 10), apiErr
	}
	return -1, apiErr
}

// clock is the time now.
func (c *Client) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// rateWait reads how long a 429 asks us to wait.
func (c *Client) rateWait(h http.Header) time.Duration {
	now := c.clock
	d := 2 * time.Second
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			d = time.Duration(min(n, 1<<30)) * time.Second
		} else if t, err := http.ParseTime(v); err == nil {
			d = t.Sub(now())
		}
	} else if n, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-RateLimit-Reset")), 10, 64); err == nil {
		d = time.Unix(n, 0).Sub(now())
	}
	maxWait := c.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	return max(0, min(d, maxWait))
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits d, or until ctx is done, returning its error then.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// errHTMLPage is a 2xx answer that is a web page: something between convo
// and the API answered for it.
var errHTMLPage = errors.New("an HTML page, not the API: a proxy or a login page?")
