package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// A 429 to one client holds back the others that share its gate: the
// second client waits out the same Retry-After before its first request.
func TestGateIsShared(t *testing.T) {
	var mu sync.Mutex
	seen := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen++
		first := seen == 1
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if first {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Too many"}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"type":"conversation","id":"1"}`))
	}))
	defer srv.Close()
	now := time.Unix(1_800_000_000, 0)
	for _, shared := range []bool{true, false} {
		mu.Lock()
		seen = 0
		mu.Unlock()
		var gate *Gate
		if shared {
			gate = &Gate{}
		}
		var slept [2][]time.Duration
		client := func(i int) *Client {
			return &Client{BaseURL: srv.URL, Token: "t", Gate: gate, now: func() time.Time { return now },
				Sleep: func(_ context.Context, d time.Duration) error { slept[i] = append(slept[i], d); return nil }}
		}
		if _, err := client(0).Conversation(context.Background(), "1"); err != nil {
			t.Fatal(err)
		}
		if _, err := client(1).Conversation(context.Background(), "1"); err != nil {
			t.Fatal(err)
		}
		want := 0
		if shared {
			want = 1
		}
		if len(slept[1]) != want || (want == 1 && slept[1][0] != 7*time.Second) {
			t.Errorf("shared %v: the second client slept %v, want %d wait of 7s", shared, slept[1], want)
		}
		if len(slept[0]) != 1 || slept[0][0] != 7*time.Second {
			t.Errorf("shared %v: the first client slept %v, want its own retry's 7s", shared, slept[0])
		}
	}
}

// Every answer, whatever its status, leaves the budget it says in the
// gate; one that says nothing, or nonsense, leaves the last one.
func TestGateBudget(t *testing.T) {
	type answer struct {
		status           int
		remaining, limit string
	}
	var mu sync.Mutex
	var next answer
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		a := next
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if a.remaining != "" {
			w.Header().Set("X-RateLimit-Remaining", a.remaining)
		}
		if a.limit != "" {
			w.Header().Set("X-RateLimit-Limit", a.limit)
		}
		w.WriteHeader(a.status)
		if a.status == http.StatusOK {
			_, _ = w.Write([]byte(`{"type":"conversation","id":"1"}`))
			return
		}
		_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"x","message":"no"}]}`))
	}))
	defer srv.Close()
	gate := &Gate{}
	if _, _, ok := gate.Budget(); ok {
		t.Fatal("a new gate has a budget")
	}
	client := &Client{BaseURL: srv.URL, Token: "t", Gate: gate, Retries: -1,
		Sleep: func(context.Context, time.Duration) error { return nil }}
	steps := []struct {
		name             string
		answer           answer
		remaining, limit int
		ok               bool
	}{
		{"an answer without the headers", answer{200, "", ""}, 0, 0, false},
		{"only one of them", answer{200, "5", ""}, 0, 0, false},
		{"a 200 with both", answer{200, "800", "1000"}, 800, 1000, true},
		{"a 404 with both", answer{404, "799", "1000"}, 799, 1000, true},
		{"a 429 at none left", answer{429, "0", "1000"}, 0, 1000, true},
		{"nonsense keeps the last", answer{200, "many", "1000"}, 0, 1000, true},
		{"a negative count keeps the last", answer{200, "-1", "1000"}, 0, 1000, true},
		{"a 500 with both", answer{500, "42", "83"}, 42, 83, true},
	}
	for _, s := range steps {
		mu.Lock()
		next = s.answer
		mu.Unlock()
		_, _ = client.Conversation(context.Background(), "1")
		r, l, ok := gate.Budget()
		if r != s.remaining || l != s.limit || ok != s.ok {
			t.Errorf("%s: Budget() = %d, %d, %v; want %d, %d, %v", s.name, r, l, ok, s.remaining, s.limit, s.ok)
		}
	}
	var none *Gate
	if _, _, ok := none.Budget(); ok {
		t.Error("a nil gate has a budget")
	}
}

// A request held back by another's 429 says so, as a wait of its own, and
// waits once: the gate's hold, not twice over a frozen clock.
func TestGateHoldIsSaid(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"type":"conversation","id":"1"}`))
	}))
	defer srv.Close()
	now := time.Unix(1_800_000_000, 0)
	gate := &Gate{}
	gate.hold(now.Add(9 * time.Second))
	var waits []Wait
	var slept []time.Duration
	c := &Client{BaseURL: srv.URL, Token: "t", Gate: gate, now: func() time.Time { return now },
		OnWait: func(w Wait) { waits = append(waits, w) },
		Sleep:  func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }}
	if _, err := c.Conversation(context.Background(), "1"); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 1 || waits[0].Delay != 9*time.Second || waits[0].Status != http.StatusTooManyRequests {
		t.Errorf("waits said = %+v, want one of 9s for a 429", waits)
	}
	if len(slept) != 1 || slept[0] != 9*time.Second {
		t.Errorf("slept %v, want 9s once", slept)
	}
}
