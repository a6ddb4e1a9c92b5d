package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// threadServer answers like Intercom for the demo conversation, the
// contact's other conversations and its linked ticket 1184 (Inbox number
// 42); everything else is a 404, which the look-ups take quietly.
func threadServer(t *testing.T) *httptest.Server {
	t.Helper()
	demo, err := os.ReadFile("api/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	const search = `{"type":"conversation.list","total_count":1,"pages":{"type":"pages","page":1,"per_page":20,"total_pages":1},
		"conversations":[{"type":"conversation","id":"7001","title":"Refund for October","state":"open","open":true,
		"created_at":1795000000,"updated_at":1795600000,"source":{"type":"conversation","body":"<p>Refund please</p>"}}]}`
	const ticket = `{"type":"ticket","id":"1184","ticket_id":"42","open":true,"created_at":1795000000,"updated_at":1795600000,
		"ticket_attributes":{"_default_title_":"Exports cut long descriptions","_default_description_":"Descriptions are cut by bytes."},
		"ticket_state":"in_progress","ticket_type":{"type":"ticket_type","id":"1","name":"Tracker"},
		"ticket_parts":{"type":"ticket_part.list","ticket_parts":[],"total_count":0}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/conversations/215472881029384":
			_, _ = w.Write(demo)
		case r.Method == http.MethodPost && r.URL.Path == "/conversations/search":
			_, _ = w.Write([]byte(search))
		case r.Method == http.MethodGet && r.URL.Path == "/tickets/1184":
			_, _ = w.Write([]byte(ticket))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The built binary follows the thread: l lists the linked ticket and the
// contact's other conversation, enter opens the ticket in place, and
// backspace goes back to the conversation.
func TestEndToEndRelated(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	srv := threadServer(t)
	env := []string{"XDG_STATE_HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir(),
		"INTERCOM_TOKEN=" + testToken, "CONVO_API_URL=" + srv.URL}
	s := startTmux(t, 120, 40, append(env, bin, "215472881029384")...)
	s.waitFor(`part \d+/\d+`)
	s.keys("l")
	screen := s.waitFor(`Refund for October`)
	for _, want := range []string{"Related", "Ticket 42", "Exports cut long descriptions", "#7001"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the related list lacks %q:\n%s", want, screen)
		}
	}
	assertFits(t, screen, 120, 40)
	s.keys("Enter") // the first row: the linked ticket
	screen = s.waitFor(`← #215472881029384 · .*Exports cut long descriptions`)
	if !strings.Contains(screen, "Ticket 42") || !strings.Contains(screen, "Descriptions are cut by bytes.") {
		t.Errorf("the ticket view lacks its number or description:\n%s", screen)
	}
	s.keys("BSpace")
	screen = s.waitFor(`CSV export fails for late-November invoices`)
	if strings.Contains(strings.SplitN(screen, "\n", 2)[0], "←") {
		t.Errorf("backspace did not go back to the conversation:\n%s", screen)
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
}
