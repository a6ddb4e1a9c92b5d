package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// testToken looks like a real one, with characters a URL escapes.
const testToken = "dG9rOnNlY3JldC0xMjM0NTY3ODkw+/=="

// fakeSleep records the waits asked for and never waits.
type fakeSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (f *fakeSleep) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	return ctx.Err()
}

// answer handles request n (from 0) of one test.
type answer func(t *testing.T, w http.ResponseWriter, r *http.Request, n int)

// intercom starts a server that answers like Intercom, counting requests.
func intercom(t *testing.T, a answer) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a(t, w, r, int(n.Add(1))-1)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// testClient is a client of srv that sleeps with fs.
func testClient(srv *httptest.Server, fs *fakeSleep) *Client {
	return &Client{BaseURL: srv.URL, Token: testToken, HTTP: srv.Client(), Sleep: fs.sleep}
}

// rateHeaders sets the headers Intercom sends on authenticated responses.
func rateHeaders(w http.ResponseWriter, remaining int) {
	w.Header().Set("X-RateLimit-Limit", "167")
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(10*time.Second).Unix(), 10))
}

// fixture answers with a fixture file and a status.
func fixture(status int, name string, header ...string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		if status != http.StatusUnauthorized {
			rateHeaders(w, 100)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		w.Write(readFixture(t, name))
	}
}

// sequence answers request n with the nth answer, the last one thereafter.
func sequence(as ...answer) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		as[min(n, len(as)-1)](t, w, r, n)
	}
}

// raw answers with a status, a content type and a body.
func raw(status int, contentType, body string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

var found = fixture(http.StatusOK, "conversation-2.11-get-found.json")

func TestClientRequest(t *testing.T) {
	tests := []struct {
		name                string
		id                  string
		version             string
		plaintext           bool
		wantPath, wantQuery string
		wantVersion         string
	}{
		{name: "defaults", id: "367", wantPath: "/conversations/367", wantVersion: "2.11"},
		{name: "plaintext", id: "367", plaintext: true, wantPath: "/conversations/367", wantQuery: "display_as=plaintext", wantVersion: "2.11"},
		{name: "other version", id: "367", version: "2.13", wantPath: "/conversations/367", wantVersion: "2.13"},
		{name: "id escaped", id: "a/b c?d", wantPath: "/conversations/a%2Fb%20c%3Fd", wantVersion: "2.11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *http.Request
			srv, _ := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				got = r.Clone(context.Background())
				found(t, w, r, n)
			})
			c := testClient(srv, &fakeSleep{})
			c.Version, c.Plaintext = tt.version, tt.plaintext
			if _, err := c.Conversation(context.Background(), tt.id); err != nil {
				t.Fatalf("want a conversation, got %v", err)
			}
			if got.Method != http.MethodGet || got.URL.EscapedPath() != tt.wantPath || got.URL.RawQuery != tt.wantQuery {
				t.Errorf("want GET %s?%s, got %s %s?%s", tt.wantPath, tt.wantQuery, got.Method, got.URL.EscapedPath(), got.URL.RawQuery)
			}
			for h, want := range map[string]string{
				"Authorization":    "Bearer " + testToken,
				"Accept":           "application/json",
				"Intercom-Version": tt.wantVersion,
				"User-Agent":       "convo",
			} {
				if v := got.Header.Get(h); v != want {
					t.Errorf("header %s: want %q, got %q", h, want, v)
				}
			}
		})
	}
}

func TestClientDecodes(t *testing.T) {
	srv, n := intercom(t, found)
	conv, err := testClient(srv, &fakeSleep{}).Conversation(context.Background(), "367")
	if err != nil {
		t.Fatalf("want a conversation, got %v", err)
	}
	if conv.ID != "367" || n.Load() != 1 {
		t.Errorf("want conversation 367 in one request, got %q in %d", conv.ID, n.Load())
	}
}

func TestClientAPIErrors(t *testing.T) {
	tests := []struct {
		file                   string
		status                 int
		code, message, request string
	}{
		{"error-400-intercom-version-invalid.json", 400, "intercom_version_invalid", "Requested resource is not available in current API version.", "7a80b950-b392-499f-85db-ea7c6c424d37"},
		{"error-401-unauthorized.json", 401, "unauthorized", "Access Token Invalid", "b1f6adfd-f7da-4880-8d11-d842235126ae"},
		{"error-401-token-unauthorized.json", 401, "token_unauthorized", "Not authorized to access resource", "a3e5b8e2-1234-5678-9abc-def012345678"},
		{"error-403-api-plan-restricted.json", 403, "api_plan_restricted", "Active subscription needed.", "c7b0a10f-d482-4352-8d7b-1ad26b902473"},
		{"error-404-not-found.json", 404, "not_found", "Resource Not Found", "978c1e65-1eba-4995-9acb-ff8f33b283e3"},
		{"error-404-conversation-not-found.json", 404, "not_found", "Conversation not found", "840d35aa-2414-402a-b3c6-763a410e0d16"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			srv, n := intercom(t, fixture(tt.status, tt.file))
			fs := &fakeSleep{}
			_, err := testClient(srv, fs).Conversation(context.Background(), "1")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %T %v", err, err)
			}
			want := Error{Status: tt.status, Code: tt.code, Message: tt.message, RequestID: tt.request, Host: strings.TrimPrefix(srv.URL, "http://")}
			if *e != want {
				t.Errorf("want %+v, got %+v", want, *e)
			}
			if n.Load() != 1 || len(fs.waits) != 0 {
				t.Errorf("want no retry, got %d requests and waits %v", n.Load(), fs.waits)
			}
		})
	}
	t.Run("message", func(t *testing.T) {
		e := &Error{Status: 404, Code: "not_found", Message: "Resource Not Found", RequestID: "978c", Host: "api.eu.intercom.io"}
		want := "404 Not Found from api.eu.intercom.io: not_found: Resource Not Found (request 978c)"
		if e.Error() != want {
			t.Errorf("want %q, got %q", want, e.Error())
		}
	})
}

func TestClientRetries(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tooMany := func(header ...string) answer {
		return fixture(http.StatusTooManyRequests, "error-429-rate-limit-exceeded.json", header...)
	}
	unavailable := fixture(http.StatusServiceUnavailable, "error-503-internal-error.json")
	tests := []struct {
		name       string
		answer     answer
		retries    int
		wantWaits  []time.Duration
		wantStatus int // 0 for success
	}{
		{name: "429 Retry-After seconds", answer: sequence(tooMany("Retry-After", "5"), found), wantWaits: []time.Duration{5 * time.Second}},
		{name: "429 Retry-After date", answer: sequence(tooMany("Retry-After", now.Add(9*time.Second).UTC().Format(http.TimeFormat)), found), wantWaits: []time.Duration{9 * time.Second}},
		{name: "429 X-RateLimit-Reset", answer: sequence(func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("X-RateLimit-Limit", "167")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Unix()+7, 10))
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write(readFixture(t, "error-429-rate-limit-exceeded.json"))
		}, found), wantWaits: []time.Duration{7 * time.Second}},
		{name: "429 without a hint", answer: sequence(raw(429, "application/json", `{"type":"error.list","errors":[]}`), found), wantWaits: []time.Duration{2 * time.Second}},
		{name: "429 wait capped", answer: sequence(tooMany("Retry-After", "3600"), found), wantWaits: []time.Duration{DefaultMaxWait}},
		{name: "429 forever", answer: tooMany("Retry-After", "1"), wantWaits: []time.Duration{time.Second, time.Second, time.Second}, wantStatus: 429},
		{name: "503 then 200", answer: sequence(unavailable, found), wantWaits: []time.Duration{500 * time.Millisecond}},
		{name: "500 502 504 then 200", answer: sequence(raw(500, "application/json", ""), raw(502, "text/html", "<html>bad gateway</html>"), raw(504, "", ""), found),
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{name: "503 forever", answer: unavailable, wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, wantStatus: 503},
		{name: "retries off", answer: unavailable, retries: -1, wantStatus: 503},
		{name: "501 not retried", answer: raw(501, "application/json", ""), wantStatus: 501},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := intercom(t, tt.answer)
			fs := &fakeSleep{}
			c := testClient(srv, fs)
			c.Retries, c.now = tt.retries, func() time.Time { return now }
			var told []time.Duration
			c.OnWait = func(w Wait) {
				if w.Attempt != len(told)+1 {
					t.Errorf("OnWait: want attempt %d, got %d", len(told)+1, w.Attempt)
				}
				if w.Status != 429 && w.Status < 500 {
					t.Errorf("OnWait: want the status that asked for the wait, got %d", w.Status)
				}
				told = append(told, w.Delay)
			}
			conv, err := c.Conversation(context.Background(), "367")
			if tt.wantStatus == 0 && (err != nil || conv == nil) {
				t.Fatalf("want a conversation, got %v", err)
			}
			var e *Error
			if tt.wantStatus != 0 && (!errors.As(err, &e) || e.Status != tt.wantStatus) {
				t.Fatalf("want a %d *Error, got %T %v", tt.wantStatus, err, err)
			}
			if !equalDurations(fs.waits, tt.wantWaits) || !equalDurations(told, tt.wantWaits) {
				t.Errorf("want waits %v, got slept %v and told %v", tt.wantWaits, fs.waits, told)
			}
			if want := int32(len(tt.wantWaits) + 1); n.Load() != want {
				t.Errorf("want %d requests, got %d", want, n.Load())
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestClientBadBodies(t *testing.T) {
	tests := []struct {
		name   string
		answer answer
		want   string
	}{
		{name: "HTML 502", answer: raw(502, "text/html; charset=utf-8", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"),
			want: "the server answered with a non-JSON body (text/html)"},
		{name: "truncated 200", answer: raw(200, "application/json", `{"type":"conversation","id":"367","source":{"bo`), want: "malformed JSON"},
		{name: "not a conversation", answer: raw(200, "application/json", `{"type":"contact","id":"1"}`), want: "not a conversation"},
		{name: "empty 200", answer: raw(200, "application/json", ""), want: "empty input"},
		{name: "HTML 200", answer: raw(200, "text/html", "<html>Welcome back</html>"), want: "an HTML page, not the API: a proxy or a login page?"},
		{name: "HTML 200 labelled JSON", answer: raw(200, "application/json", "\n<!DOCTYPE html><html>Welcome back</html>"), want: "an HTML page, not the API"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := intercom(t, tt.answer)
			c := testClient(srv, &fakeSleep{})
			c.Retries = -1
			_, err := c.Conversation(context.Background(), "367")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want an error saying %q, got %v", tt.want, err)
			}
			host := strings.TrimPrefix(srv.URL, "http://")
			if !strings.Contains(err.Error(), host) || strings.Contains(err.Error(), "nginx") || strings.Contains(err.Error(), "Welcome") {
				t.Errorf("want the host named and no page content, got %q", err)
			}
		})
	}
}

// TestClientTooLarge streams a body over MaxBody in chunks, never holding it.
func TestClientTooLarge(t *testing.T) {
	srv, _ := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"type":"conversation","id":"1","pad":"`))
		chunk := []byte(strings.Repeat("a", 1<<20))
		for range MaxBody>>20 + 1 {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up, as it should
			}
		}
		w.Write([]byte(`"}`))
	})
	_, err := testClient(srv, &fakeSleep{}).Conversation(context.Background(), "1")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
}

// stall answers nothing (or, with head, a status and part of a body) until
// the client goes away.
func stall(head bool) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		if head {
			w.WriteHeader(http.StatusOK)
			w.Write([]byte(`{"type":"conversation",`))
			w.(http.Flusher).Flush()
		}
		<-r.Context().Done()
	}
}

// TestClientDeadline is the caller's deadline: it ends the fetch, and it is
// not taken for the client's own Timeout however long that is.
func TestClientDeadline(t *testing.T) {
	for _, timeout := range []time.Duration{0, time.Hour} {
		for _, head := range []bool{false, true} {
			t.Run(fmt.Sprintf("timeout %s mid-body %t", timeout, head), func(t *testing.T) {
				srv, n := intercom(t, stall(head))
				ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
				defer cancel()
				c := testClient(srv, &fakeSleep{})
				c.Timeout = timeout
				_, err := c.Conversation(ctx, "1")
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("want context.DeadlineExceeded, got %v", err)
				}
				var te *TimeoutError
				if errors.As(err, &te) {
					t.Errorf("want the caller's deadline, got the client's timeout %v", err)
				}
				if n.Load() != 1 {
					t.Errorf("want one request, got %d", n.Load())
				}
			})
		}
	}
}

// TestClientAttemptTimeout is Client.Timeout: it bounds each attempt, and
// not the waits between them.
func TestClientAttemptTimeout(t *testing.T) {
	// Cases meant to time out use a short timeout; cases meant to succeed
	// a long one, so a loaded machine cannot make them time out.
	const short, long = 50 * time.Millisecond, 400 * time.Millisecond
	tests := []struct {
		name         string
		answer       answer
		timeout      time.Duration // short when zero
		wantTimeout  bool
		wantRequests int32
		wantWaits    []time.Duration
	}{
		{name: "no answer", answer: stall(false), wantTimeout: true, wantRequests: 1},
		{name: "stalls mid-body", answer: stall(true), wantTimeout: true, wantRequests: 1},
		{name: "answers", answer: found, timeout: 10 * time.Second, wantRequests: 1},
		{name: "429 wait longer than the timeout", timeout: long,
			answer:       sequence(fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "30"), found),
			wantRequests: 2, wantWaits: []time.Duration{30 * time.Second}},
		{name: "503 then no answer", answer: sequence(fixture(503, "error-503-internal-error.json"), stall(false)),
			wantTimeout: true, wantRequests: 2, wantWaits: []time.Duration{500 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := intercom(t, tt.answer)
			fs := &fakeSleep{}
			c := testClient(srv, fs)
			timeout := cmp.Or(tt.timeout, short)
			c.Timeout = timeout
			// Really wait past the timeout, so that a timeout covering the
			// waits too would end the fetch.
			c.Sleep = func(ctx context.Context, d time.Duration) error {
				if err := fs.sleep(ctx, d); err != nil {
					return err
				}
				return (&Client{}).sleep(ctx, 4*timeout)
			}
			conv, err := c.Conversation(context.Background(), "367")
			var te *TimeoutError
			switch {
			case tt.wantTimeout && !errors.As(err, &te):
				t.Fatalf("want a *TimeoutError, got %T %v", err, err)
			case tt.wantTimeout:
				want := TimeoutError{Host: strings.TrimPrefix(srv.URL, "http://"), After: timeout}
				if *te != want || !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("want %+v that is a context.DeadlineExceeded, got %+v", want, *te)
				}
				if msg := "no answer from " + want.Host + " within " + timeout.String(); err.Error() != msg {
					t.Errorf("want %q, got %q", msg, err)
				}
			case err != nil || conv == nil:
				t.Fatalf("want a conversation, got %v", err)
			}
			if n.Load() != tt.wantRequests || !equalDurations(fs.waits, tt.wantWaits) {
				t.Errorf("want %d requests and waits %v, got %d and %v", tt.wantRequests, tt.wantWaits, n.Load(), fs.waits)
			}
		})
	}
}

func TestClientCancelDuringWait(t *testing.T) {
	srv, n := intercom(t, fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "60"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := testClient(srv, &fakeSleep{})
	c.Sleep = nil // the real wait, which must give up at once
	c.OnWait = func(Wait) { cancel() }
	_, err := c.Conversation(ctx, "1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("want one request, got %d", n.Load())
	}
}

// refusedAddr is a local address nothing listens on.
func refusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// unresolvable is a host no resolver knows: .invalid is reserved (RFC 6761).
const unresolvable = "convo-test.invalid"

// TestClientUnreachable keeps the network error for errors.As, and names
// the host.
func TestClientUnreachable(t *testing.T) {
	refused := refusedAddr(t)
	tests := []struct {
		name, host string
		as         func(error) bool
	}{
		{name: "connection refused", host: refused, as: func(err error) bool {
			var op *net.OpError
			return errors.As(err, &op) && errors.Is(err, syscall.ECONNREFUSED)
		}},
		{name: "no such host", host: unresolvable, as: func(err error) bool {
			var dns *net.DNSError
			return errors.As(err, &dns)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := &fakeSleep{}
			c := &Client{BaseURL: "http://" + tt.host, Token: testToken, Timeout: 10 * time.Second, Sleep: fs.sleep}
			_, err := c.Conversation(context.Background(), "1")
			var e *Error
			var te *TimeoutError
			if err == nil || errors.As(err, &e) || errors.As(err, &te) || !strings.Contains(err.Error(), tt.host) {
				t.Fatalf("want a network error naming %s, got %T %v", tt.host, err, err)
			}
			if !tt.as(err) {
				t.Errorf("want the network error kept for errors.As, got %v", err)
			}
			if len(fs.waits) != 0 {
				t.Errorf("want no retry, got waits %v", fs.waits)
			}
		})
	}
}

// TestClientNeverLeaksToken puts the token in the base URL and has the server
// echo it wherever it can, in every way a fetch can fail.
func TestClientNeverLeaksToken(t *testing.T) {
	echo := func(status int, body string) answer {
		return raw(status, "application/json", strings.ReplaceAll(body, "TOKEN", testToken))
	}
	// A type long enough that Decode's clip cuts the token short.
	longType := strings.Repeat("x", 50) + testToken
	tests := []struct {
		name    string
		answer  answer
		base    func(srvURL string) string
		cancel  bool // cancel during the first wait
		timeout time.Duration
	}{
		{name: "401 echo", answer: echo(401, `{"type":"error.list","request_id":"TOKEN","errors":[{"code":"TOKEN","message":"token TOKEN is invalid"}]}`)},
		{name: "403", answer: fixture(403, "error-403-api-plan-restricted.json")},
		{name: "404", answer: fixture(404, "error-404-not-found.json")},
		{name: "429 forever", answer: echo(429, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"slow down, TOKEN"}]}`)},
		{name: "503 forever", answer: echo(503, `{"type":"error.list","errors":[{"code":"internal_error","message":"TOKEN"}]}`)},
		{name: "HTML 502", answer: raw(502, "text/html", "<html>"+testToken+"</html>")},
		{name: "truncated 200", answer: echo(200, `{"type":"conversation","id":"TOKEN`)},
		{name: "non-conversation 200", answer: echo(200, `{"type":"`+strings.ReplaceAll(longType, testToken, "TOKEN")+`","id":"1"}`)},
		{name: "error.list 200", answer: echo(200, `{"type":"error.list","errors":[{"code":"TOKEN","message":"`+strings.Repeat("y", 40)+`TOKEN"}]}`)},
		{name: "deadline", answer: stall(false)},
		{name: "attempt timeout", answer: stall(true), timeout: 20 * time.Millisecond},
		{name: "cancel during wait", answer: echo(429, `{}`), cancel: true},
		{name: "refused", base: func(string) string { return "http://" + refusedAddr(t) + "/" + testToken }},
		{name: "refused, token as user", base: func(string) string { return "http://" + url.QueryEscape(testToken) + "@" + refusedAddr(t) }},
		{name: "no such host", base: func(string) string { return "http://" + unresolvable + "/" + testToken }},
		{name: "no such host, token as user", base: func(string) string { return "http://" + url.QueryEscape(testToken) + "@" + unresolvable }},
		{name: "bad base URL", base: func(string) string { return "ht tp://" + testToken }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.answer
			if a == nil {
				a = found
			}
			srv, _ := intercom(t, a)
			c := testClient(srv, &fakeSleep{})
			c.BaseURL = srv.URL + "/" + testToken
			c.Timeout = tt.timeout
			if tt.base != nil {
				c.BaseURL = tt.base(srv.URL)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			if tt.cancel {
				c.OnWait = func(Wait) { cancel() }
			}
			_, err := c.Conversation(ctx, "1")
			if err == nil {
				t.Fatal("want an error, got none")
			}
			texts := []string{err.Error(), fmt.Sprintf("%+v", err)}
			var e *Error
			if errors.As(err, &e) {
				texts = append(texts, fmt.Sprintf("%+v", *e))
			}
			for _, s := range texts {
				// A prefix too: a clipped quote must not leak part of it.
				if strings.Contains(s, testToken[:8]) {
					t.Errorf("the token leaked: %q", s)
				}
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct{ region, want string }{
		{"us", "https://api.intercom.io"},
		{"", "https://api.intercom.io"},
		{"eu", "https://api.eu.intercom.io"},
		{"EU", "https://api.eu.intercom.io"},
		{"au", "https://api.au.intercom.io"},
		{"ca", ""},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			got, err := BaseURL(tt.region)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), `"ca"`) {
					t.Fatalf("want an error naming the region, got %q, %v", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("want %s, got %q, %v", tt.want, got, err)
			}
		})
	}
}
