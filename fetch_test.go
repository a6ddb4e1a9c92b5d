package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// intercom answers GET /conversations/{id} like Intercom: the body of a
// fixture and a status, after checking the bearer token.
func intercom(t *testing.T, status int, fixture string, echo bool) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(fixtures, fixture))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`))
			return
		}
		w.WriteHeader(status)
		if echo { // some proxies and gateways repeat what they were sent
			body = bytes.ReplaceAll(body, []byte(`"message": "`), []byte(`"message": "`+r.Header.Get("Authorization")+" "))
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

const testToken = "dG9rOmFiY2RlZi0xMjM0NTY3ODkw"

// A server is where a case fetches from: it returns the --api-url, and the
// host that messages name.
type server func(t *testing.T) (base, host string)

// serve is the intercom server.
func serve(status int, fixture string, echo bool) server {
	return func(t *testing.T) (string, string) {
		srv := intercom(t, status, fixture, echo)
		return srv.URL, srv.Listener.Addr().String()
	}
}

// handle is a server with any handler.
func handle(h http.HandlerFunc) server {
	return func(t *testing.T) (string, string) {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL, srv.Listener.Addr().String()
	}
}

// rateLimitedOnce answers 429 with Retry-After: 1, then the conversation.
func rateLimitedOnce(t *testing.T) (string, string) {
	body, err := os.ReadFile(filepath.Join(fixtures, "conversation-2.11-get-found.json"))
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	return handle(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit of 167 in 10_seconds"}]}`))
			return
		}
		_, _ = w.Write(body)
	})(t)
}

// unresolvable is a host no resolver knows (.invalid is reserved, RFC 6761),
// with the token in the URL's path.
func unresolvable(*testing.T) (string, string) {
	return "http://convo-test.invalid/" + testToken, "convo-test.invalid"
}

// refused is a closed listener, with the token in the URL's path.
func refused(t *testing.T) (string, string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/" + testToken, addr
}

func TestFetchByID(t *testing.T) {
	const unreachable = "; check the network, or the API URL"
	tests := []struct {
		name   string
		server server
		args   []string
		exit   int
		stdout string
		stderr []string // substrings of the one stderr line; HOST is the server's host
	}{
		{"found", serve(200, "conversation-2.11-get-found.json", false), nil, 0, `"id": "367"`, nil},
		{"not found", serve(404, "error-404-not-found.json", false), nil, 1, "", []string{"no conversation 367 on HOST; check the id, or the API URL\n"}},
		{"forbidden", serve(403, "error-403-api-plan-restricted.json", false), nil, 1, "", []string{"api_plan_restricted"}},
		{"token echoed back", serve(404, "error-404-not-found.json", true), nil, 1, "", []string{"Resource Not Found"}},
		{"no answer within --timeout", handle(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }),
			[]string{"--timeout", "50ms"}, 1, "", []string{"convo: no answer from HOST within 50ms; try again or raise --timeout\n"}},
		{"a 429 wait longer than --timeout", rateLimitedOnce, []string{"--timeout", "300ms"}, 0, `"id": "367"`, nil},
		{"no such host", unresolvable, nil, 1, "", []string{"convo: cannot reach HOST: ", unreachable + "\n"}},
		{"connection refused", refused, nil, 1, "", []string{"convo: cannot reach HOST: connection refused" + unreachable + "\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, host := tt.server(t)
			t.Setenv("INTERCOM_TOKEN", testToken)
			var stdout, stderr bytes.Buffer
			args := append([]string{"367", "--api-url", base, "--format", "json"}, tt.args...)
			exit := run(args, nil, &stdout, &stderr)
			if exit != tt.exit {
				t.Fatalf("exit %d, want %d; stderr %q", exit, tt.exit, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.stdout)
			}
			for _, want := range tt.stderr {
				if want = strings.ReplaceAll(want, "HOST", host); !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q lacks %q", stderr.String(), want)
				}
			}
			if tt.exit == 0 && stderr.Len() != 0 {
				t.Errorf("want no stderr, got %q", stderr.String())
			}
			if tt.exit != 0 && strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("stderr is not one line: %q", stderr.String())
			}
			// Go's own text for a failed request repeats the URL and each layer.
			for _, noise := range []string{`Get "`, "dial tcp", "lookup "} {
				if strings.Contains(stderr.String(), noise) {
					t.Errorf("stderr has Go's %q: %q", noise, stderr.String())
				}
			}
			if strings.Contains(stdout.String()+stderr.String(), testToken) {
				t.Errorf("the token reached the output: %q", stderr.String())
			}
		})
	}
}

func TestFetchRefusedToken(t *testing.T) {
	srv := intercom(t, 200, "conversation-2.11-get-found.json", false)
	t.Setenv("INTERCOM_TOKEN", "wrong-token-value")
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"367", "--api-url", srv.URL, "--format", "text"}, nil, &stdout, &stderr); exit != 1 {
		t.Fatalf("exit %d, want 1", exit)
	}
	if !strings.Contains(stderr.String(), "the token from INTERCOM_TOKEN was refused") || strings.Contains(stderr.String(), "wrong-token-value") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestFetchNeedsAToken(t *testing.T) {
	t.Setenv("INTERCOM_TOKEN", "")
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"367"}, nil, &stdout, &stderr); exit != 2 {
		t.Fatalf("exit %d, want 2", exit)
	}
	if !strings.Contains(stderr.String(), "INTERCOM_TOKEN") {
		t.Errorf("stderr %q does not say where the token goes", stderr.String())
	}
}

// TestFetchRedirected redirects the fetch, with the token in the target's
// user info: one line naming the target without it, exit 1, and nothing
// sent there.
func TestFetchRedirected(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var sent atomic.Int32
			target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Add(1) }))
			t.Cleanup(target.Close)
			base, _ := handle(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", "http://user:"+testToken+"@"+target.Listener.Addr().String()+r.URL.Path)
				w.WriteHeader(status)
			})(t)
			t.Setenv("INTERCOM_TOKEN", testToken)
			var stdout, stderr bytes.Buffer
			if exit := run([]string{"367", "--api-url", base, "--format", "text"}, nil, &stdout, &stderr); exit != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", exit, stderr.String())
			}
			want := "convo: the API redirected to " + target.URL + "/conversations/367; point --api-url there if you trust it\n"
			if stderr.String() != want {
				t.Errorf("want stderr %q, got %q", want, stderr.String())
			}
			if n := sent.Load(); n != 0 {
				t.Errorf("want nothing sent to the redirect's target, got %d requests", n)
			}
		})
	}
}

// The advice names what picks the server: --region only when no API URL
// overrides it.
func TestAdviceNamesWhatPicksTheServer(t *testing.T) {
	notFound := &api.Error{Status: http.StatusNotFound, Host: "h"}
	refused := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name    string
		err     error
		apiURL  string
		want    string
		wantNot string
	}{
		{"404 by region", notFound, "", "try another --region", "API URL"},
		{"404 by API URL", notFound, "http://proxy.test", "check the id, or the API URL", "--region"},
		{"unreachable by region", refused, "", "check the network, --region or --api-url", ""},
		{"unreachable by API URL", refused, "http://proxy.test", "check the network, or the API URL", "--region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := advice(tt.err, config.Config{ID: "5", APIURL: tt.apiURL}, "h")
			if !strings.Contains(got, tt.want) || (tt.wantNot != "" && strings.Contains(got, tt.wantNot)) {
				t.Errorf("advice = %q, want %q and not %q", got, tt.want, tt.wantNot)
			}
		})
	}
}
