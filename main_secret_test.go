package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// disguises are the spellings of the token a hostile server echoes: as it
// is, with a zero-width space, with a control, and as entities.
func disguises(tok string) []string {
	var ents strings.Builder
	for _, r := range tok {
		ents.WriteString("&#" + strconv.Itoa(int(r)) + ";")
	}
	return []string{tok, tok[:6] + "\u200b" + tok[6:], tok[:5] + `\u0001` + tok[5:], ents.String()}
}

// showsToken reports whether s shows tok to a reader, once sanitised and
// with the line breaks a wrap may have added taken out.
func showsToken(s, tok string) bool {
	shown := strings.NewReplacer("\n", "", "\t", "", " ", "").Replace(api.Sanitize(s))
	return strings.Contains(shown, tok) || strings.Contains(s, tok[:8])
}

// TestTheTokenNeverShows has a server echo the token, in each disguise, in
// a 401's message and in a conversation's title, bodies and names and the
// teammates' and teams' names: neither stderr, nor any printed format, nor
// the cache shows it.
func TestTheTokenNeverShows(t *testing.T) {
	for i, echo := range disguises(testToken) {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			conv := `{"type":"conversation","id":"367","title":"T ` + echo + `","admin_assignee_id":"1","team_assignee_id":"2",
				"source":{"body":"<p>B ` + echo + `</p>","author":{"type":"user","id":"u","name":"N ` + echo + `"}},
				"teammates":{"type":"admin.list","teammates":[{"type":"admin","id":"1"}]},
				"conversation_parts":{"conversation_parts":[{"part_type":"note","body":"<p>` + echo + `</p>","author":{"type":"admin","id":"1","name":""}}]}}`
			bodies := map[string]string{
				"/conversations/367": conv,
				"/conversations/401": `{"type":"error.list","errors":[{"code":"unauthorized","message":"Access Token ` + echo + ` Invalid"}]}`,
				"/admins":            `{"type":"admin.list","admins":[{"type":"admin","id":"1","name":"A ` + echo + `"}]}`,
				"/teams":             `{"type":"team.list","teams":[{"type":"team","id":"2","name":"T ` + echo + `"}]}`,
				"/me":                `{"type":"admin","id":"1","app":{"type":"app","id_code":"xyz789","name":"` + echo + `"}}`,
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if strings.HasSuffix(r.URL.Path, "/401") {
					w.WriteHeader(http.StatusUnauthorized)
				}
				io.WriteString(w, bodies[r.URL.Path])
			}))
			defer srv.Close()
			cache := t.TempDir()
			t.Setenv("INTERCOM_TOKEN", testToken)
			t.Setenv("XDG_CACHE_HOME", cache)
			for _, format := range []string{"text", "markdown", "json"} {
				var stdout, stderr bytes.Buffer
				if exit := run([]string{"--api-url", srv.URL, "--format", format, "367"}, nil, &stdout, &stderr); exit != 0 {
					t.Fatalf("%s: exit %d: %s", format, exit, stderr.String())
				}
				if showsToken(stdout.String(), testToken) {
					t.Errorf("%s output shows the token:\n%s", format, stdout.String())
				}
			}
			var stdout, stderr bytes.Buffer
			if exit := run([]string{"--api-url", srv.URL, "401"}, nil, &stdout, &stderr); exit != 1 {
				t.Fatalf("401: exit %d, want 1: %s", exit, stderr.String())
			}
			if showsToken(stderr.String(), testToken) || !strings.Contains(stderr.String(), "[token]") {
				t.Errorf("want the 401's message with [token], got %q", stderr.String())
			}
			files, _ := filepath.Glob(filepath.Join(cache, "convo", "*"))
			if len(files) == 0 {
				t.Fatal("nothing was cached")
			}
			for _, f := range files {
				b, _ := os.ReadFile(f)
				if showsToken(string(b), testToken) {
					t.Errorf("%s holds the token: %s", f, b)
				}
			}
		})
	}
}

// TestScrubbedWriter checks the last step before stderr and stdout on its
// own: what run writes is scrubbed however the token got into it.
func TestScrubbedWriter(t *testing.T) {
	var b bytes.Buffer
	w := &scrubbed{w: &b, sc: api.NewScrubber(testToken)}
	io.WriteString(w, "convo: "+testToken[:4]+"\u200b"+testToken[4:]+" was refused\n")
	if want := "convo: [token] was refused\n"; b.String() != want {
		t.Errorf("want %q, got %q", want, b.String())
	}
	b.Reset()
	if err := writeScrubbed(&b, api.NewScrubber(testToken), func(w io.Writer) error {
		_, err := io.WriteString(w, "title "+testToken)
		return err
	}); err != nil || b.String() != "title [token]" {
		t.Errorf("want the printed output scrubbed, got %q (%v)", b.String(), err)
	}
}
