package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// directory is an Intercom that answers the conversation 367 (with a
// teammate added) and the look-ups convo makes after it: GET /admins, GET
// /teams, GET /contacts/{id} and GET /me. A path in fail answers 403 as
// Intercom does for a token without the scope; one written "hang PATH"
// never answers. It counts the requests by path.
type directory struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newDirectory(t *testing.T, fail ...string) *directory {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtures, "conversation-2.11-get-found.json"))
	if err != nil {
		t.Fatal(err)
	}
	var conv map[string]any
	if err := json.Unmarshal(raw, &conv); err != nil {
		t.Fatal(err)
	}
	conv["teammates"] = map[string]any{"type": "admin.list", "teammates": []any{map[string]any{"type": "admin", "id": "991267716"}}}
	convBody, _ := json.Marshal(conv)
	bodies := map[string]string{
		"/conversations/367": string(convBody),
		"/admins": `{"type":"admin.list","admins":[
			{"type":"admin","id":"991267715","name":"Sam O&#39;Neill","email":"sam@example.com","away_mode_enabled":true},
			{"type":"admin","id":"991267716","name":"Ana\u001b[31m Ruiz","email":"ana@example.com"}]}`,
		"/teams": `{"type":"team.list","teams":[{"type":"team","id":"5017691","name":"Billing"}]}`,
		"/contacts/667d60d88a68186f43bafde1": `{"type":"contact","id":"667d60d88a68186f43bafde1","role":"user",
			"name":"Joe Bloggs","email":"joe@example.com","location":{"city":"Dublin","country":"Ireland"},
			"companies":{"type":"list","data":[{"type":"company","id":"c1","name":"Acme"}],"total_count":1}}`,
		"/me": `{"type":"admin","id":"1","name":"Token Owner","app":{"type":"app","id_code":"xyz789","region":"EU"}}`,
	}
	d := &directory{hits: map[string]int{}}
	d.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		d.hits[r.URL.Path]++
		d.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		for _, f := range fail {
			if f == "hang "+r.URL.Path {
				<-r.Context().Done()
				return
			}
			if r.URL.Path == f {
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"token_unauthorized","message":"Not authorized to access resource"}]}`))
				return
			}
		}
		body, ok := bodies[r.URL.Path]
		if !ok || r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`))
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(d.srv.Close)
	return d
}

// hit is how many requests path had.
func (d *directory) hit(path string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.hits[path]
}

// requests is how many requests the server had, all told.
func (d *directory) requests() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, c := range d.hits {
		n += c
	}
	return n
}

// convoRun runs convo with args and a private cache, wants exit 0 and no
// stderr, and returns stdout.
func convoRun(t *testing.T, args ...string) string {
	t.Helper()
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var stdout, stderr bytes.Buffer
	if exit := run(args, nil, &stdout, &stderr); exit != 0 || stderr.Len() != 0 {
		t.Fatalf("convo %s: exit %d, stderr %q", strings.Join(args, " "), exit, stderr.String())
	}
	return stdout.String()
}

// namesDoc is the part of the JSON output the look-ups fill in.
type namesDoc struct {
	WebLink  *string `json:"web_link"`
	Assignee struct {
		AdminName *string `json:"admin_name"`
		TeamName  *string `json:"team_name"`
	} `json:"assignee"`
	Contacts []struct {
		Name      *string  `json:"name"`
		Email     *string  `json:"email"`
		Role      *string  `json:"role"`
		Location  *string  `json:"location"`
		Companies []string `json:"companies"`
	} `json:"contacts"`
	Teammates []struct {
		Name *string `json:"name"`
	} `json:"teammates"`
}

func str(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}

func TestJSONHasTheNamesLookedUp(t *testing.T) {
	const (
		link    = "https://app.eu.intercom.com/a/inbox/xyz789/inbox/conversation/367"
		allNull = "<null>"
	)
	tests := []struct {
		name                 string
		fail                 []string
		admin, team, mate    string
		contact, email, role string
		location, company    string
		link                 string
	}{
		{"every look-up answers", nil,
			"Sam O'Neill", "Billing", "Ana Ruiz", "Joe Bloggs", "joe@example.com", "user", "Dublin, Ireland", "Acme", link},
		{"admins refused", []string{"/admins"},
			allNull, "Billing", allNull, "Joe Bloggs", "joe@example.com", "user", "Dublin, Ireland", "Acme", link},
		{"every look-up refused", []string{"/admins", "/teams", "/contacts/667d60d88a68186f43bafde1", "/me"},
			allNull, allNull, allNull, allNull, allNull, allNull, allNull, "", allNull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDirectory(t, tt.fail...)
			out := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "json")
			var doc namesDoc
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Contacts) != 1 || len(doc.Teammates) != 1 {
				t.Fatalf("%d contacts and %d teammates, want 1 each:\n%s", len(doc.Contacts), len(doc.Teammates), out)
			}
			c := doc.Contacts[0]
			got := []string{str(doc.Assignee.AdminName), str(doc.Assignee.TeamName), str(doc.Teammates[0].Name),
				str(c.Name), str(c.Email), str(c.Role), str(c.Location), strings.Join(c.Companies, ","), str(doc.WebLink)}
			want := []string{tt.admin, tt.team, tt.mate, tt.contact, tt.email, tt.role, tt.location, tt.company, tt.link}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("field %d = %q, want %q\n%s", i, got[i], want[i], out)
				}
			}
			if strings.ContainsRune(out, '\x1b') || strings.Contains(out, `\u001b`) {
				t.Errorf("a looked-up name kept its escape sequence:\n%s", out)
			}
		})
	}
}

func TestTextHasTheWebLinkFromMe(t *testing.T) {
	d := newDirectory(t)
	out := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "text", "--width", "100")
	for _, want := range []string{
		"Link: https://app.eu.intercom.com/a/inbox/xyz789/inbox/conversation/367",
		"Admin: Sam O'Neill (away)", "Team: Billing", "Contact: Joe Bloggs", "Company: Acme", "Location: Dublin, Ireland",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	md := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "markdown")
	if want := "| Link | <https://app.eu.intercom.com/a/inbox/xyz789/inbox/conversation/367> |"; !strings.Contains(md, want) {
		t.Errorf("markdown output lacks %q:\n%s", want, md)
	}
}

// With app_id in the config, GET /me is never asked, and the link is the
// config's.
func TestConfiguredAppIDSkipsMe(t *testing.T) {
	d := newDirectory(t)
	cfg := writeConfig(t, 0o600, "app_id = \"abc123\"\n")
	out := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "text", "--width", "100", "--config", cfg)
	if want := "Link: https://app.intercom.com/a/inbox/abc123/inbox/conversation/367"; !strings.Contains(out, want) {
		t.Errorf("text output lacks %q:\n%s", want, out)
	}
	if n := d.hit("/me"); n != 0 {
		t.Errorf("GET /me asked %d times with app_id set", n)
	}
}

// A failed look-up leaves the id with a quiet hint, never an error.
func TestRefusedLookupsLeaveAHint(t *testing.T) {
	d := newDirectory(t, "/admins")
	out := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "text", "--width", "100")
	for _, want := range []string{"Admin: admin 991267715", "Names: unavailable (403)", "Team: Billing"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

// A look-up that never answers costs at most --timeout, and only its names.
func TestSlowLookupsAreBounded(t *testing.T) {
	d := newDirectory(t, "hang /admins")
	out := convoRun(t, "367", "--api-url", d.srv.URL, "--format", "json", "--timeout", "300ms")
	var doc namesDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Assignee.AdminName != nil || str(doc.Assignee.TeamName) != "Billing" {
		t.Errorf("admin %q, team %q; want no admin name and the team's", str(doc.Assignee.AdminName), str(doc.Assignee.TeamName))
	}
}

// The cache answers admins, teams and the workspace the second time; the
// contact is always asked afresh.
func TestLookupsAreCached(t *testing.T) {
	d := newDirectory(t)
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for range 2 {
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"367", "--api-url", d.srv.URL, "--format", "json"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("exit %d: %s", exit, stderr.String())
		}
		if !strings.Contains(stdout.String(), `"admin_name": "Sam O'Neill"`) {
			t.Errorf("no admin name:\n%s", stdout.String())
		}
	}
	for path, want := range map[string]int{"/admins": 1, "/teams": 1, "/me": 1, "/contacts/667d60d88a68186f43bafde1": 2} {
		if got := d.hit(path); got != want {
			t.Errorf("GET %s asked %d times, want %d", path, got, want)
		}
	}
}

// cache = false in the config file keeps nothing on disk: every run asks
// again, and the cache folder is never made.
func TestCacheCanBeTurnedOff(t *testing.T) {
	d := newDirectory(t)
	cache := t.TempDir()
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, []byte("cache = false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", cache)
	for range 2 {
		var stdout, stderr bytes.Buffer
		if exit := run([]string{"367", "--config", conf, "--api-url", d.srv.URL, "--format", "json"}, nil, &stdout, &stderr); exit != 0 {
			t.Fatalf("exit %d: %s", exit, stderr.String())
		}
	}
	if got := d.hit("/admins"); got != 2 {
		t.Errorf("GET /admins asked %d times, want 2: nothing cached", got)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("want nothing on disk, got %v", entries)
	}
}

// --file and --demo make no request at all.
func TestFileMakesNoLookups(t *testing.T) {
	d := newDirectory(t)
	t.Setenv("CONVO_API_URL", d.srv.URL)
	file := filepath.Join(fixtures, "conversation-2.11-get-found.json")
	for _, args := range [][]string{
		{"--file", file, "--format", "json"},
		{"--file", file, "--format", "text"},
		{"--demo", "--format", "markdown"},
	} {
		out := convoRun(t, args...)
		if strings.Contains(out, "Names: unavailable") {
			t.Errorf("convo %s hints at look-ups:\n%s", strings.Join(args, " "), out)
		}
	}
	if n := d.requests(); n != 0 {
		t.Errorf("--file and --demo made %d requests, want none", n)
	}
}

// On the screen the panel fills in with the names once they come, and the
// reload key asks for them afresh.
func TestEndToEndNames(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	d := newDirectory(t)
	t.Setenv("INTERCOM_TOKEN", testToken)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s := startTmux(t, 120, 40, bin, "367", "--api-url", d.srv.URL)
	// The answers may come in more than one round: wait for the last name.
	screen := s.waitFor(`(?s)Sam O'Neill \(away\).*Billing.*Joe Bloggs.*Ana Ruiz`)
	for _, want := range []string{"Billing", "Joe Bloggs", "Dublin, Ireland", "Ana Ruiz"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the panel lacks %q:\n%s", want, screen)
		}
	}
	assertFits(t, screen, 120, 40)
	s.keys("r")
	s.waitFor(`reloaded`)
	// The reload's look-ups start once its conversation is shown.
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for d.hit("/admins") < 2 && time.Now().Before(deadline) {
		<-tick.C
	}
	if n := d.hit("/admins"); n != 2 {
		t.Errorf("GET /admins asked %d times after a reload, want 2: the reload refreshes the cache", n)
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
}

// A pasted link names its workspace: the web link is made of it, and
// GET /me is never asked (a token without access to it still has a link).
func TestLinkNamesTheWorkspace(t *testing.T) {
	d := newDirectory(t, "/me")
	cfg := writeConfig(t, 0o600, "app_id = \"abc123\"\n")
	const link = "https://app.intercom.com/a/inbox/lnk42/inbox/conversation/367"
	out := convoRun(t, link, "--api-url", d.srv.URL, "--format", "json", "--config", cfg)
	var doc namesDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if got := str(doc.WebLink); got != link {
		t.Errorf("web_link %q, want the link's workspace: %q", got, link)
	}
	if n := d.hit("/me"); n != 0 {
		t.Errorf("GET /me asked %d times for a link", n)
	}
}

// The demo's conversation is in no workspace: it never has a web link,
// whatever app_id the config file names.
func TestDemoHasNoWebLink(t *testing.T) {
	cfg := writeConfig(t, 0o600, "app_id = \"abc123\"\n")
	out := convoRun(t, "--demo", "--format", "json", "--config", cfg)
	var doc namesDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.WebLink != nil {
		t.Errorf("the demo has web_link %q", *doc.WebLink)
	}
	if md := convoRun(t, "--demo", "--format", "markdown", "--config", cfg); strings.Contains(md, "abc123") {
		t.Errorf("the demo's markdown has a link to workspace abc123")
	}
}
