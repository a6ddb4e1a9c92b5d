package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// growingServer serves the demo conversation, with one more part from the
// customer once grown is set.
func growingServer(t *testing.T, grown *atomic.Bool) *httptest.Server {
	t.Helper()
	demo, err := os.ReadFile("api/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	var conv map[string]any
	if err := json.Unmarshal(demo, &conv); err != nil {
		t.Fatal(err)
	}
	parts := conv["conversation_parts"].(map[string]any)
	list := parts["conversation_parts"].([]any)
	part := map[string]any{}
	for k, v := range list[len(list)-1].(map[string]any) {
		part[k] = v
	}
	part["id"], part["part_type"], part["body"] = "9900001", "comment", "<p>Is the fix live for everyone now?</p>"
	parts["conversation_parts"] = append(list, part)
	more, _ := json.Marshal(conv)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/conversations/215472881029384" || r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`))
			return
		}
		if grown.Load() {
			_, _ = w.Write(more)
			return
		}
		_, _ = w.Write(demo)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A part that arrives while the screen is open shows below a "new" rule
// once f follows the conversation.
func TestEndToEndFollow(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	var grown atomic.Bool
	srv := growingServer(t, &grown)
	env := []string{"XDG_STATE_HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir(),
		"INTERCOM_TOKEN=" + testToken, "CONVO_API_URL=" + srv.URL}
	s := startTmux(t, 120, 40, append(env, bin, "215472881029384")...)
	s.waitFor(`part 53/53`)
	grown.Store(true)
	s.keys("f")
	screen := s.waitFor(`Is the fix live for everyone now\?`)
	if !strings.Contains(screen, "─ new ─") || !strings.Contains(screen, "1 new part") {
		t.Errorf("the new part came without its rule or the footer's word:\n%s", screen)
	}
	screen = s.waitFor(`following · 10s · part 54/54`) // once the word has gone
	if !strings.Contains(screen, "Is the fix live for everyone now?") {
		t.Errorf("the new part went:\n%s", screen)
	}
	assertFits(t, screen, 120, 40)
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
}
