package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sink is where redirects point. It must never be asked anything: it
// records every request it gets, with its Authorization header.
type sink struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string
}

func newSink(t *testing.T) *sink {
	t.Helper()
	s := &sink{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.got = append(s.got, r.Method+" "+r.URL.Path+" Authorization: "+r.Header.Get("Authorization"))
		s.mu.Unlock()
		jsonAnswer(200, `{"type":"admin","id":"1"}`)(t, w, r, 0)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// requests are the requests the sink got.
func (s *sink) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

// redirectTo answers with status and a Location of the same path on base.
func redirectTo(status int, base string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Location", base+r.URL.RequestURI())
		w.WriteHeader(status)
	}
}

// redirectCalls are every request of the client, by what it fetches.
var redirectCalls = []struct {
	name, path string
	call       func(context.Context, *Client) error
}{
	{"conversation", "/conversations/367", func(ctx context.Context, c *Client) error { _, err := c.Conversation(ctx, "367"); return err }},
	{"admins", "/admins", func(ctx context.Context, c *Client) error { _, err := c.Admins(ctx); return err }},
	{"teams", "/teams", func(ctx context.Context, c *Client) error { _, err := c.Teams(ctx); return err }},
	{"contact", "/contacts/" + lena, func(ctx context.Context, c *Client) error { _, err := c.Contact(ctx, lena); return err }},
	{"contact's companies", "/contacts/" + lena + "/companies", func(ctx context.Context, c *Client) error {
		_, err := c.ContactCompanies(ctx, lena)
		return err
	}},
	{"me", "/me", func(ctx context.Context, c *Client) error { _, err := c.Me(ctx); return err }},
}

// TestClientFollowsNoRedirect answers every request with a redirect to a
// sink: the sink must get nothing, whichever http.Client the caller gave.
func TestClientFollowsNoRedirect(t *testing.T) {
	clients := []struct {
		name string
		http func(srv *httptest.Server) *http.Client
	}{
		{"no client", func(*httptest.Server) *http.Client { return nil }},
		{"the caller's client", func(srv *httptest.Server) *http.Client { return srv.Client() }},
		{"a client that follows everything", func(srv *httptest.Server) *http.Client {
			hc := *srv.Client()
			hc.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
			return &hc
		}},
	}
	statuses := []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}
	for _, status := range statuses {
		for _, hc := range clients {
			for _, call := range redirectCalls {
				t.Run(strconv.Itoa(status)+" "+hc.name+" "+call.name, func(t *testing.T) {
					s := newSink(t)
					srv, n := intercom(t, redirectTo(status, s.srv.URL))
					fs := &fakeSleep{}
					c := testClient(srv, fs)
					c.HTTP = hc.http(srv)
					hadCheck := c.HTTP != nil && c.HTTP.CheckRedirect != nil
					err := call.call(context.Background(), c)
					var re *RedirectError
					if !errors.As(err, &re) {
						t.Fatalf("want a *RedirectError, got %T %v", err, err)
					}
					want := RedirectError{Status: status, Host: srv.Listener.Addr().String(), URL: s.srv.URL + call.path}
					if *re != want {
						t.Errorf("want %+v, got %+v", want, *re)
					}
					if got := s.requests(); len(got) != 0 {
						t.Errorf("want nothing sent to the redirect's target, got %q", got)
					}
					if n.Load() != 1 || len(fs.waits) != 0 {
						t.Errorf("want one request and no retry, got %d and waits %v", n.Load(), fs.waits)
					}
					if c.HTTP != nil && (c.HTTP.CheckRedirect != nil) != hadCheck {
						t.Error("want the caller's client left as it was, got its CheckRedirect changed")
					}
				})
			}
		}
	}
}

// TestClientFollowsNoRedirectToPlainHTTP redirects from https to http,
// which would send the token in clear text.
func TestClientFollowsNoRedirectToPlainHTTP(t *testing.T) {
	for _, call := range redirectCalls {
		t.Run(call.name, func(t *testing.T) {
			s := newSink(t)
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				redirectTo(http.StatusTemporaryRedirect, s.srv.URL)(t, w, r, 0)
			}))
			t.Cleanup(srv.Close)
			c := testClient(srv, &fakeSleep{})
			err := call.call(context.Background(), c)
			var re *RedirectError
			if !errors.As(err, &re) || re.URL != s.srv.URL+call.path || !strings.HasPrefix(re.URL, "http://") {
				t.Fatalf("want a *RedirectError to %s, got %T %v", s.srv.URL+call.path, err, err)
			}
			if got := s.requests(); len(got) != 0 {
				t.Errorf("want nothing sent in clear text, got %q", got)
			}
		})
	}
}

// TestDirectoryFollowsNoRedirect has every look-up redirected: each fails
// with the redirect, the sink gets nothing, and nothing is cached.
func TestDirectoryFollowsNoRedirect(t *testing.T) {
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			s := newSink(t)
			overrides := map[string]answer{}
			for p := range workspaceAnswers() {
				overrides[p] = redirectTo(status, s.srv.URL)
			}
			ws := newWorkspace(t, overrides)
			dir := t.TempDir()
			d := ws.directory(dir, nil)
			got := resolve(t, d.Resolve, testConv())
			if len(got) != 5 {
				t.Errorf("want admins, teams, me and two contacts reported, got %d", len(got))
			}
			for key, l := range got {
				var re *RedirectError
				if !errors.As(l.Err, &re) || re.Status != status {
					t.Errorf("%s: want a %d *RedirectError, got %v", key, status, l.Err)
				}
			}
			if got := s.requests(); len(got) != 0 {
				t.Errorf("want nothing sent to the redirect's target, got %q", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("want nothing cached, got %v", entries)
			}
		})
	}
}

// TestRedirectErrorURL checks what a redirect's target becomes: absolute,
// without user info, the token or a fragment, printable and clipped.
func TestRedirectErrorURL(t *testing.T) {
	long := strings.Repeat("a", 400)
	tests := []struct {
		name, location, want string
	}{
		{"absolute", "https://api.eu.convo-test.invalid/conversations/367", "https://api.eu.convo-test.invalid/conversations/367"},
		{"relative", "/v2/conversations/367?x=1", "SRV/v2/conversations/367?x=1"},
		{"user info", "https://user:secret@proxy.convo-test.invalid/conversations/367", "https://proxy.convo-test.invalid/conversations/367"},
		{"the token as user", "https://" + url.QueryEscape(testToken) + "@proxy.convo-test.invalid/", "https://proxy.convo-test.invalid/"},
		{"the token in the query", "https://proxy.convo-test.invalid/?token=" + url.QueryEscape(testToken), "https://proxy.convo-test.invalid/?token=[token]"},
		{"the token in the path", "https://proxy.convo-test.invalid/" + testToken + "/conversations", "https://proxy.convo-test.invalid/[token]/conversations"},
		{"a fragment", "https://proxy.convo-test.invalid/a#frag", "https://proxy.convo-test.invalid/a"},
		{"BiDi override", "https://proxy.convo-test.invalid/\u202egnp.exe", "https://proxy.convo-test.invalid/%E2%80%AEgnp.exe"},
		{"long", "https://proxy.convo-test.invalid/" + long, ("https://proxy.convo-test.invalid/" + long)[:300] + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Location", tt.location)
				w.WriteHeader(http.StatusFound)
			})
			_, err := testClient(srv, &fakeSleep{}).Conversation(context.Background(), "367")
			var re *RedirectError
			if !errors.As(err, &re) {
				t.Fatalf("want a *RedirectError, got %T %v", err, err)
			}
			if want := strings.ReplaceAll(tt.want, "SRV", srv.URL); re.URL != want {
				t.Errorf("want URL %q, got %q", want, re.URL)
			}
			if strings.Contains(err.Error(), testToken[:8]) || strings.Contains(err.Error(), "secret") {
				t.Errorf("want no token or password, got %q", err)
			}
		})
	}
	t.Run("message", func(t *testing.T) {
		e := &RedirectError{Status: 307, Host: "api.intercom.io", URL: "https://api.eu.intercom.io/conversations/1"}
		want := "307 Temporary Redirect from api.intercom.io to https://api.eu.intercom.io/conversations/1"
		if e.Error() != want {
			t.Errorf("want %q, got %q", want, e.Error())
		}
	})
}

// TestClientNamesTheHostThatAnswered has a transport send the request to
// another host than the base URL's, as a rewriting proxy does: errors name
// the host that answered.
func TestClientNamesTheHostThatAnswered(t *testing.T) {
	tests := []struct {
		name   string
		answer answer
		host   func(error) string
	}{
		{"an API error", fixture(404, "error-404-not-found.json"), func(err error) string {
			var e *Error
			if !errors.As(err, &e) {
				return ""
			}
			return e.Host
		}},
		{"a redirect", redirectTo(http.StatusFound, "http://elsewhere.convo-test.invalid"), func(err error) string {
			var e *RedirectError
			if !errors.As(err, &e) {
				return ""
			}
			return e.Host
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := intercom(t, tt.answer)
			target, _ := url.Parse(srv.URL)
			c := testClient(srv, &fakeSleep{})
			c.BaseURL = "http://api.intercom.test"
			c.HTTP = &http.Client{Transport: rewrite{to: target, next: srv.Client().Transport}}
			_, err := c.Conversation(context.Background(), "367")
			if got := tt.host(err); got != target.Host {
				t.Errorf("want the error to name %s, got %q in %v", target.Host, got, err)
			}
		})
	}
}

// rewrite sends every request to another host.
type rewrite struct {
	to   *url.URL
	next http.RoundTripper
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.to.Scheme, rw.to.Host, ""
	return rw.next.RoundTrip(r)
}
