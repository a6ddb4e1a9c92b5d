package api

import (
	"net/http"
	"net/url"
	"strconv"
)

// RedirectError is a 3xx answer with a Location. The client follows no
// redirect: every request carries the token, and a redirect would hand it
// to a host the user never named, maybe in clear text.
type RedirectError struct {
	Status int
	Host   string // the host that answered
	// URL is where the answer pointed, resolved against the request:
	// printable, without user info or the token, and clipped.
	URL string
}

// Error reads like "307 Temporary Redirect from api.intercom.io to
// https://api.eu.intercom.io/conversations/1".
func (e *RedirectError) Error() string {
	s := strconv.Itoa(e.Status)
	if text := http.StatusText(e.Status); text != "" {
		s += " " + text
	}
	if e.Host != "" {
		s += " from " + e.Host
	}
	return s + " to " + e.URL
}

// httpClient is c.HTTP, or a plain client, made to follow no redirect and
// hand back the 3xx instead. It is a copy: the caller's client is left as
// it was.
func (c *Client) httpClient() *http.Client {
	return c.clientWith(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
}

// clientWith is a copy of c.HTTP, or a plain client, that asks check
// before following a redirect.
func (c *Client) clientWith(check func(*http.Request, []*http.Request) error) *http.Client {
	var hc http.Client
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	hc.CheckRedirect = check
	return &hc
}

// redirect makes a *RedirectError of resp if it is a redirect: a 3xx with
// a Location. A 3xx without one (a 304) is an ordinary failed answer.
func (c *Client) redirect(resp *http.Response, host string) *RedirectError {
	loc := resp.Header.Get("Location")
	if resp.StatusCode < 300 || resp.StatusCode > 399 || loc == "" {
		return nil
	}
	e := &RedirectError{Status: resp.StatusCode, Host: host, URL: c.clean(loc)}
	parse := url.Parse
	if resp.Request != nil && resp.Request.URL != nil {
		parse = resp.Request.URL.Parse
	}
	// http.Client parses the Location the same way, and fails before any
	// redirect it cannot parse: the raw Location above is a fallback only.
	if u, err := parse(loc); err == nil {
		u.User = nil // may hold a password, or the token
		u.Fragment, u.RawFragment = "", ""
		e.URL = c.clean(u.String())
	}
	return e
}

// answered is the host that answered resp: the one its request went to,
// which a caller's transport may have changed; host, the configured one,
// otherwise.
func (c *Client) answered(resp *http.Response, host string) string {
	if resp.Request != nil && resp.Request.URL != nil && resp.Request.URL.Host != "" {
		return c.clean(resp.Request.URL.Host)
	}
	return host
}
