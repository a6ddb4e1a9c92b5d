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
