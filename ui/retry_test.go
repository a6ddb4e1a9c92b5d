package ui

import (
	"fmt"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

// advised is a load's error as main hands it on: what to do about it in
// front, the API's error under it for errors.As.
func advised(err error, advice string) error { return fmt.Errorf("%w: %s", err, advice) }

func TestRetryOnlyWhereItHelps(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []struct {
		name  string
		err   error
		retry bool
	}{
		{"401 token refused", advised(&api.Error{Status: 401, Host: "api.example.com", Code: "unauthorized", Message: "Access Token Invalid"},
			"the token from INTERCOM_TOKEN was refused; set INTERCOM_TOKEN to a valid access token"), false},
		{"403 no scope", advised(&api.Error{Status: 403, Host: "api.example.com"}, "the token lacks the scope to read conversations"), false},
		{"404 no such conversation", advised(&api.Error{Status: 404, Host: "api.example.com"}, "check the id, or try another --region"), false},
		{"redirect refused", &api.RedirectError{Status: 307, Host: "api.example.com", URL: "https://api.eu.example.com/conversations/12345"}, false},
		{"not a conversation", fmt.Errorf("conversation.json: %w", fmt.Errorf("not a conversation: its type is %q", "ticket")), false},
		{"503 Intercom had a problem", advised(&api.Error{Status: 503, Host: "api.example.com"}, "Intercom had a problem; try again shortly"), true},
		{"429 still rate limited", advised(&api.Error{Status: 429, Host: "api.example.com"}, "still rate limited after waiting"), true},
		{"timeout", advised(&api.TimeoutError{Host: "api.example.com", After: 20 * time.Second}, "try again or raise --timeout"), true},
		{"connection refused", fmt.Errorf("cannot reach api.example.com: %w", refused), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			var calls atomic.Int32
			d := newDriver(t, fetchOptions(counted(&calls, func(n int) (*api.Conversation, error) {
				if n == 1 {
					return nil, tt.err
				}
				return api.Demo(), nil
			}), &now))
			d.size(120, 40)
			screen := d.screen()
			if !strings.Contains(screen, "✗ ") || !strings.Contains(screen, "q quit") {
				t.Fatalf("no failure screen with the quit hint:\n%s", screen)
			}
			if got := strings.Contains(screen, "r retry · q quit"); got != tt.retry {
				t.Errorf("the screen offers r retry: %v, want %v:\n%s", got, tt.retry, screen)
			}
			if !tt.retry && strings.Contains(screen, "retry") {
				t.Errorf("the screen speaks of a retry that cannot help:\n%s", screen)
			}

			d.keys("r")
			want := int32(1)
			if tt.retry {
				want = 2
			}
			if n := calls.Load(); n != want {
				t.Errorf("after r, Load called %d times, want %d", n, want)
			}
			if tt.retry {
				if got := d.screen(); !strings.Contains(got, "CSV export fails") || d.m.Err() != nil {
					t.Errorf("the retry's conversation is not shown (Err %v):\n%s", d.m.Err(), got)
				}
				return
			}
			got := d.screen()
			if !strings.Contains(got, "retrying will not help · q quit") || d.m.phase != phaseFailed || d.m.Err() == nil {
				t.Errorf("after r: phase %v, Err %v; want the failure, saying a retry will not help:\n%s", d.m.phase, d.m.Err(), got)
			}
			d.keys("q")
			if !d.quit || d.m.Err() == nil {
				t.Errorf("q after r: quit %v, Err %v; want a quit that reports the failure", d.quit, d.m.Err())
			}
		})
	}
}

// TestReloadFailureThatCannotBeMended reloads a shown conversation into a
// refused token: the footer offers no retry, and r after it says why
// instead of asking again.
func TestReloadFailureThatCannotBeMended(t *testing.T) {
	var calls atomic.Int32
	o := demoOptions()
	o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
		if n == 1 {
			return api.Demo(), nil
		}
		return nil, advised(&api.Error{Status: 401, Host: "api.example.com"}, "the token from INTERCOM_TOKEN was refused")
	})
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("r")
	if f := d.footer(); !strings.Contains(f, "reload failed: 401 Unauthorized from api.example.com") || strings.Contains(f, "retry") {
		t.Errorf("footer = %q, want the refusal without a retry", f)
	}
	d.elapse()
	d.keys("r")
	if n := calls.Load(); n != 2 {
		t.Errorf("Load called %d times, want 2: a refused token is refused again", n)
	}
	if f := d.footer(); !strings.Contains(f, "reloading will not help: 401 Unauthorized") {
		t.Errorf("footer = %q, want why r does not reload", f)
	}
	if d.m.phase != phaseReady || d.m.Err() != nil || !strings.Contains(d.screen(), "CSV export fails") {
		t.Errorf("phase %v, Err %v; want the conversation still shown", d.m.phase, d.m.Err())
	}
}
