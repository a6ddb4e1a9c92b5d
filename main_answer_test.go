package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

// otherAnswer is the directory server, but asked for conversation 368 it
// answers with 367, as a misrouting proxy might.
func otherAnswer(t *testing.T) (*directory, string) {
	t.Helper()
	d := newDirectory(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/conversations/368" {
			r.URL.Path = "/conversations/367"
		}
		d.srv.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return d, srv.URL
}

const otherWarning = "convo: warning: asked for conversation 368, but the API answered with conversation 367; its web link is left out\n"

// Printed, an answer that is not the conversation asked for is shown with
// a warning on stderr, and without a web link, from GET /me or app_id.
func TestPrintedOtherAnswer(t *testing.T) {
	_, base := otherAnswer(t)
	withAppID := writeConfig(t, 0o600, "app_id = \"abc123\"\n")
	for _, tt := range []struct{ name, config string }{{"workspace from GET /me", ""}, {"app_id in the config", withAppID}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("INTERCOM_TOKEN", testToken)
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			for _, format := range []string{"json", "text", "markdown"} {
				args := []string{"368", "--api-url", base, "--format", format}
				if tt.config != "" {
					args = append(args, "--config", tt.config)
				}
				var stdout, stderr bytes.Buffer
				if status := run(args, nil, &stdout, &stderr); status != 0 {
					t.Fatalf("%s: exit %d: %s", format, status, stderr.String())
				}
				if stderr.String() != otherWarning {
					t.Errorf("%s: stderr %q, want %q", format, stderr.String(), otherWarning)
				}
				if out := stdout.String(); strings.Contains(out, "/conversation/") {
					t.Errorf("%s: the output has a web link:\n%s", format, out)
				}
				if format == "json" {
					var doc namesDoc
					if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc.WebLink != nil {
						t.Errorf("json: web_link %q (%v), want null", str(doc.WebLink), err)
					}
				}
			}
		})
	}
}

// For the screen, GET /me's workspace is withheld for an answer that is
// not the conversation asked for, so no web link is made from its id; the
// answer asked for passes as it is.
func TestOtherAnswerWithholdsTheWorkspace(t *testing.T) {
	me := api.Lookup{Kind: api.LookupMe, AppID: "xyz789", App: &api.App{IDCode: "xyz789"}}
	admins := api.Lookup{Kind: api.LookupAdmins, Admins: []api.Admin{{ID: "1", Name: "Sam"}}}
	resolve := func(_ context.Context, _ *api.Conversation, _ bool, report func(api.Lookup)) {
		report(me)
		report(admins)
	}
	tests := []struct {
		name, id, wantAppID string
	}{
		{"the conversation asked for", "368", "xyz789"},
		{"the same id with a leading zero", "0368", "xyz789"},
		{"another conversation", "367", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &answers{asked: "368"}
			var got []api.Lookup
			a.resolve(resolve)(context.Background(), &api.Conversation{ID: api.ID(tt.id)}, false, func(l api.Lookup) { got = append(got, l) })
			if len(got) != 2 || got[0].AppID != tt.wantAppID || len(got[1].Admins) != 1 {
				t.Errorf("reported %+v, want GET /me with app id %q and the admins", got, tt.wantAppID)
			}
		})
	}
}

// On the screen, y has no link to copy, and the warning follows on stderr
// once the screen closes.
func TestEndToEndOtherAnswer(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	d, base := otherAnswer(t)
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s := startTmux(t, 120, 40, bin, "368", "--api-url", base)
	s.waitFor(`Sam O'Neill`)
	waitUntil(t, "GET /me", func() bool { return d.hit("/me") > 0 })
	// y says whether the look-up of the workspace is still going; ask
	// until it has ended.
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for ; ; <-tick.C {
		s.keys("y")
		screen := s.waitFor(`copied link|no web link`)
		if !strings.Contains(screen, "no web link yet") {
			if !strings.Contains(screen, "no web link: set app_id") {
				t.Errorf("y found a link to copy:\n%s", screen)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the workspace look-up never ended:\n%s", screen)
		}
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
	if screen := s.screen(); !strings.Contains(strings.Join(strings.Fields(screen), " "), strings.TrimSpace(otherWarning)) {
		t.Errorf("no warning after the screen closed:\n%s", screen)
	}
}
