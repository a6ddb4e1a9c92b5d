package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestFetchByID(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		fixture string
		echo    bool
		exit    int
		stdout  string
		stderr  string
	}{
		{"found", 200, "conversation-2.11-get-found.json", false, 0, `"id": "367"`, ""},
		{"not found", 404, "error-404-not-found.json", false, 1, "", "try another --region"},
		{"forbidden", 403, "error-403-api-plan-restricted.json", false, 1, "", "api_plan_restricted"},
		{"token echoed back", 404, "error-404-not-found.json", true, 1, "", "Resource Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := intercom(t, tt.status, tt.fixture, tt.echo)
			t.Setenv("INTERCOM_TOKEN", testToken)
			var stdout, stderr bytes.Buffer
			exit := run([]string{"367", "--api-url", srv.URL, "--format", "json"}, nil, &stdout, &stderr)
			if exit != tt.exit {
				t.Fatalf("exit %d, want %d; stderr %q", exit, tt.exit, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stdout %q lacks %q, or stderr %q lacks %q", stdout.String(), tt.stdout, stderr.String(), tt.stderr)
			}
			if tt.exit != 0 && strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("stderr is not one line: %q", stderr.String())
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
	if !strings.Contains(stderr.String(), "the token was refused") || strings.Contains(stderr.String(), "wrong-token-value") {
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
