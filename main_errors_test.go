package main

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// TestFetchErrorsKeepTheirType fetches from a server that answers like
// Intercom: the error the screen gets reads as advice and is still the
// API's answer underneath, so the screen can tell a retry from none.
func TestFetchErrorsKeepTheirType(t *testing.T) {
	tests := []struct {
		name      string
		server    server
		status    int // the *api.Error's, 0 for none
		advice    string
		retryable bool
	}{
		{"not found", serve(http.StatusNotFound, "error-404-not-found.json", false), 404, "check the id, or the API URL", false},
		{"no answer within --timeout", handle(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }), 0, "try again or raise --timeout", true},
		{"connection refused", refused, 0, "connection refused", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := tt.server(t)
			cfg := config.Config{ID: "367", APIURL: base, Token: testToken, TokenSource: config.EnvToken, Timeout: 200 * time.Millisecond}
			fetch, _ := fetcher(cfg, nil)
			checked := &answers{asked: cfg.ID}
			fetch = checked.check(fetch)
			_, err := fetch(context.Background(), nil)
			if err == nil {
				t.Fatal("fetch succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.advice) {
				t.Errorf("error %q lacks the advice %q", err, tt.advice)
			}
			var ae *api.Error
			switch {
			case tt.status != 0 && !errors.As(err, &ae):
				t.Errorf("errors.As(%q, *api.Error) failed, want status %d", err, tt.status)
			case tt.status != 0 && ae.Status != tt.status:
				t.Errorf("*api.Error status %d, want %d", ae.Status, tt.status)
			}
			if got := api.Retryable(err); got != tt.retryable {
				t.Errorf("api.Retryable(%q) = %v, want %v", err, got, tt.retryable)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("the token reached the error: %q", err)
			}
		})
	}
}
