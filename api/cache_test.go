package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// clock is a fake time for a Cache, moved between runs.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

var t0 = time.Unix(1_750_000_000, 0)

func TestDirectoryCache(t *testing.T) {
	contactsOnly := map[string]int{"/contacts/" + lena: 1, "/contacts/" + lena + "/companies": 1, "/contacts/" + lead: 1}
	all := map[string]int{"/admins": 1, "/teams": 1, "/me": 1}
	maps.Copy(all, contactsOnly)
	plus := func(paths ...string) map[string]int {
		m := maps.Clone(contactsOnly)
		for _, p := range paths {
			m[p] = 1
		}
		return m
	}
	newAdmin := testConv()
	newAdmin.AdminAssigneeID = "991267500" // joined after the cache was written
	newTeam := testConv()
	newTeam.TeamAssigneeID = "814999"
	deletedTeammate := testConv()
	deletedTeammate.Teammates.Teammates = append(deletedTeammate.Teammates.Teammates, Ref{Type: "admin", ID: "990000001"})
	fin := testConv()
	fin.Teammates.Teammates = append(fin.Teammates.Teammates, Ref{Type: "bot", ID: "990000002"})

	tests := []struct {
		name       string
		after      time.Duration // from the first run to the second
		refresh    bool
		conv       *Conversation // of the second run; nil is testConv()
		appID      string        // of the second run
		overrides  map[string]answer
		wantReqs   map[string]int     // of the second run
		wantCached []LookupKind       // of the second run
		wantErr    map[LookupKind]int // status by kind
		noAppID    bool               // me fails with no fallback
	}{
		{name: "an hour later: from the cache, contacts never", after: time.Hour,
			wantReqs: contactsOnly, wantCached: []LookupKind{LookupAdmins, LookupTeams, LookupMe}},
		{name: "a second short of a day: from the cache", after: DefaultCacheAge - time.Second,
			wantReqs: contactsOnly, wantCached: []LookupKind{LookupAdmins, LookupTeams, LookupMe}},
		{name: "a day later: fetched again", after: DefaultCacheAge, wantReqs: all},
		{name: "the clock went back: fetched again", after: -time.Hour, wantReqs: all},
		{name: "refresh: fetched again", after: time.Minute, refresh: true, wantReqs: all},
		{name: "an admin the cache lacks: admins and me fetched again", after: time.Minute, conv: newAdmin,
			wantReqs: plus("/admins", "/me"), wantCached: []LookupKind{LookupTeams}},
		{name: "a team the cache lacks: teams and me fetched again", after: time.Minute, conv: newTeam,
			wantReqs: plus("/teams", "/me"), wantCached: []LookupKind{LookupAdmins}},
		{name: "a bot teammate is not looked for", after: time.Minute, conv: fin,
			wantReqs: contactsOnly, wantCached: []LookupKind{LookupAdmins, LookupTeams, LookupMe}},
		{name: "a deleted teammate costs a fetch", after: time.Minute, conv: deletedTeammate,
			wantReqs: plus("/admins", "/me"), wantCached: []LookupKind{LookupTeams}},
		{name: "AppID: a cache of its own, and no me", after: time.Minute, appID: "ecahpwf5",
			wantReqs: plus("/admins", "/teams")},
		{name: "stale, and the fetch fails: the old entries, with the errors", after: 2 * DefaultCacheAge,
			overrides: map[string]answer{
				"/admins": fixture(403, "error-403-api-plan-restricted.json"),
				"/teams":  fixture(404, "error-404-not-found.json"),
				"/me":     fixture(403, "error-403-api-plan-restricted.json"),
			},
			wantReqs: all, wantCached: []LookupKind{LookupAdmins, LookupTeams, LookupMe}, wantErr: map[LookupKind]int{LookupAdmins: 403, LookupTeams: 404, LookupMe: 403}},
		{name: "another workspace's id is never the fallback", after: time.Minute, conv: newAdmin,
			overrides: map[string]answer{"/me": fixture(403, "error-403-api-plan-restricted.json")},
			wantReqs:  plus("/admins", "/me"), wantCached: []LookupKind{LookupTeams}, wantErr: map[LookupKind]int{LookupMe: 403}, noAppID: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t0}
			ws := newWorkspace(t, nil)
			dir := filepath.Join(t.TempDir(), "convo")
			first := resolve(t, ws.directory(dir, clk.now).Resolve, testConv())
			for key, l := range first {
				if l.Err != nil || l.Cached {
					t.Fatalf("first run: want %s fetched, got cached %t, %v", key, l.Cached, l.Err)
				}
			}
			ws.requests()

			clk.t = t0.Add(tt.after)
			ws.set(tt.overrides)
			d := ws.directory(dir, clk.now)
			d.AppID = tt.appID
			fn := d.Resolve
			if tt.refresh {
				fn = d.Refresh
			}
			conv := tt.conv
			if conv == nil {
				conv = testConv()
			}
			got := resolve(t, fn, conv)
			if reqs := ws.requests(); !maps.Equal(reqs, tt.wantReqs) {
				t.Errorf("want requests %v, got %v", tt.wantReqs, reqs)
			}
			for key, l := range got {
				if want := contains(tt.wantCached, l.Kind); l.Cached != want {
					t.Errorf("%s: want cached %t, got %t", key, want, l.Cached)
				}
				if s := status(l.Err); s != tt.wantErr[l.Kind] {
					t.Errorf("%s: want error status %d, got %v", key, tt.wantErr[l.Kind], l.Err)
				}
				if l.Kind == LookupMe && tt.noAppID {
					if l.AppID != "" || l.App != nil {
						t.Errorf("me: want no workspace id, since the cache may be another workspace's; got %q", l.AppID)
					}
					continue
				}
				checkLookup(t, key, l)
			}
		})
	}
}

func contains(kinds []LookupKind, k LookupKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// TestCacheFiles checks the files a run leaves: their names, modes and
// contents, with the token in the base URL.
func TestCacheFiles(t *testing.T) {
	ws := newWorkspace(t, nil)
	dir := filepath.Join(t.TempDir(), "cache", "convo") // neither exists
	d := ws.directory(dir, (&clock{t0}).now)
	d.Client.BaseURL = ws.srv.URL + "/" + testToken // a proxy path
	for key, l := range resolve(t, d.Resolve, testConv()) {
		if l.Err != nil {
			t.Fatalf("%s: %v", key, l.Err)
		}
	}

	for _, path := range []string{dir, filepath.Dir(dir)} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: want a folder of mode 0700, got %v, %v", path, fi.Mode(), err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^(admins|teams|app)-[0-9a-f]{16}\.json$`)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if !name.MatchString(e.Name()) {
			t.Errorf("want files named kind-hash.json, got %q", e.Name())
		}
		fi, err := e.Info()
		if err != nil || fi.Mode() != 0o600 {
			t.Errorf("%s: want mode 0600, got %v, %v", e.Name(), fi.Mode(), err)
		}
		body, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		for _, secret := range []string{testToken[:8], "127.0.0.1"} {
			if strings.Contains(e.Name(), secret) || strings.Contains(string(body), secret) {
				t.Errorf("%s: want no %q in the file or its name", e.Name(), secret)
			}
		}
	}
	if len(names) != 3 {
		t.Errorf("want the admins, teams and app files, got %v", names)
	}
	// The hash is of the base URL: the three files share it.
	if len(names) == 3 && (names[0][len(names[0])-22:] != names[1][len(names[1])-22:] || names[1][len(names[1])-22:] != names[2][len(names[2])-22:]) {
		t.Errorf("want one hash for the three files, got %v", names)
	}
}

// TestCacheTightensFolder has a folder of ours that others may read but
// not write: it is used, and tightened.
func TestCacheTightensFolder(t *testing.T) {
	for _, mode := range []os.FileMode{0o755, 0o700, 0o750, 0o705} {
		t.Run(mode.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "convo")
			if err := os.Mkdir(dir, mode); err != nil {
				t.Fatal(err)
			}
			os.Chmod(dir, mode) // past the umask
			c := &Cache{Dir: dir}
			if err := c.store(cacheAdmins, "scope", wantAdmins, nil); err != nil {
				t.Fatalf("want the entry stored, got %v", err)
			}
			if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
				t.Errorf("want the folder tightened to 0700, got %v", fi.Mode().Perm())
			}
		})
	}
}

func TestCacheAge(t *testing.T) {
	tests := []struct {
		name      string
		maxAge    time.Duration
		age       time.Duration
		wantFresh bool
	}{
		{"just written", 0, 0, true},
		{"a day less a second", 0, DefaultCacheAge - time.Second, true},
		{"a day", 0, DefaultCacheAge, false},
		{"a week", 0, 7 * DefaultCacheAge, false},
		{"from the future", 0, -time.Minute, false},
		{"an hour, with MaxAge an hour", time.Hour, time.Hour, false},
		{"59 minutes, with MaxAge an hour", time.Hour, 59 * time.Minute, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t0}
			c := &Cache{Dir: t.TempDir(), MaxAge: tt.maxAge, Now: clk.now}
			if err := c.store(cacheTeams, "scope", wantTeams, nil); err != nil {
				t.Fatal(err)
			}
			clk.t = t0.Add(tt.age)
			var teams []Team
			ok, fresh := c.load(cacheTeams, "scope", &teams)
			if !ok || fresh != tt.wantFresh || !reflect.DeepEqual(teams, wantTeams) {
				t.Errorf("want the teams back, fresh %t; got ok %t, fresh %t, %+v", tt.wantFresh, ok, fresh, teams)
			}
		})
	}
}

// TestCacheCorrupt puts a bad admins file in place: it is a miss, the admins
// are fetched, and the file is rewritten when it can be.
func TestCacheCorrupt(t *testing.T) {
	good := `{"version":1,"fetched_at":1750000000,"data":[{"id":"1","name":"Ann"}]}`
	tests := []struct {
		name      string
		body      string
		dir       bool // a folder where the file should be
		rewritten bool
	}{
		{name: "garbage", body: "\x00\xffnot json", rewritten: true},
		{name: "empty", body: "", rewritten: true},
		{name: "truncated", body: good[:40], rewritten: true},
		{name: "null", body: "null", rewritten: true},
		{name: "another version", body: strings.Replace(good, `"version":1`, `"version":2`, 1), rewritten: true},
		{name: "no time", body: strings.Replace(good, `"fetched_at":1750000000,`, "", 1), rewritten: true},
		{name: "data of another shape", body: strings.Replace(good, `[{"id":"1","name":"Ann"}]`, `{"admins":[]}`, 1), rewritten: true},
		{name: "no data", body: `{"version":1,"fetched_at":1750000000}`, rewritten: true},
		{name: "a folder", dir: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t, nil)
			d := ws.directory(t.TempDir(), (&clock{t0}).now)
			scope, err := d.Client.cacheScope("")
			if err != nil {
				t.Fatal(err)
			}
			path := d.Cache.path(cacheAdmins, scope)
			if tt.dir {
				err = os.Mkdir(path, 0o700)
			} else {
				err = os.WriteFile(path, []byte(tt.body), 0o600)
			}
			if err != nil {
				t.Fatal(err)
			}
			var admins []Admin
			if ok, _ := d.Cache.load(cacheAdmins, scope, &admins); ok {
				t.Fatalf("want a miss, got %+v", admins)
			}

			got := resolve(t, d.Resolve, testConv())
			if l := got["admins"]; l.Err != nil || l.Cached || !reflect.DeepEqual(l.Admins, wantAdmins) {
				t.Errorf("want the admins fetched, got cached %t, %v, %+v", l.Cached, l.Err, l.Admins)
			}
			if n := ws.requests()["/admins"]; n != 1 {
				t.Errorf("want one GET /admins, got %d", n)
			}
			ok, fresh := d.Cache.load(cacheAdmins, scope, &admins)
			if tt.rewritten && (!ok || !fresh || !reflect.DeepEqual(admins, wantAdmins)) {
				t.Errorf("want the file rewritten, got ok %t fresh %t %+v", ok, fresh, admins)
			}
		})
	}
}

// TestCacheUnusable has no place to write: every look-up still answers.
func TestCacheUnusable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"", file, filepath.Join(file, "convo")} {
		t.Run(dir, func(t *testing.T) {
			ws := newWorkspace(t, nil)
			d := ws.directory(dir, nil)
			if dir == "" {
				d.Cache = &Cache{}
			}
			for key, l := range resolve(t, d.Resolve, testConv()) {
				if l.Err != nil || l.Cached {
					t.Errorf("%s: want it fetched, got cached %t, %v", key, l.Cached, l.Err)
				}
			}
			if err := d.Cache.store(cacheAdmins, "scope", wantAdmins, nil); dir != "" && err == nil {
				t.Error("want an error storing, got none")
			}
		})
	}
}

// TestCacheScope checks what keeps cache files apart: the base URL, less
// what does not name a workspace, and the configured workspace id.
func TestCacheScope(t *testing.T) {
	us := scopeOf(t, "https://api.intercom.io", "")
	tests := []struct {
		name  string
		base  string
		token string
		appID string
		same  bool
	}{
		{name: "empty is US", base: "", same: true},
		{name: "a trailing slash", base: "https://api.intercom.io/", same: true},
		{name: "capitals", base: "HTTPS://API.Intercom.IO", same: true},
		{name: "user info", base: "https://user:" + url.QueryEscape(testToken) + "@api.intercom.io", same: true},
		{name: "a query", base: "https://api.intercom.io?token=" + testToken, same: true},
		{name: "another token", base: "https://api.intercom.io", token: "another-token-1234", same: true},
		{name: "EU", base: BaseEU},
		{name: "AU", base: BaseAU},
		{name: "plain http", base: "http://api.intercom.io"},
		{name: "a proxy", base: "https://proxy.example.com/intercom"},
		{name: "a workspace id", base: BaseUS, appID: "ecahpwf5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Client{BaseURL: tt.base, Token: tt.token}
			if c.Token == "" {
				c.Token = testToken
			}
			scope, err := c.cacheScope(tt.appID)
			if err != nil {
				t.Fatal(err)
			}
			if (scope == us) != tt.same {
				t.Errorf("want the same scope as US %t, got %q and %q", tt.same, scope, us)
			}
			if strings.Contains(scope, testToken[:8]) {
				t.Errorf("the token is in the scope %q", scope)
			}
		})
	}
	t.Run("the token in a proxy path", func(t *testing.T) {
		a := scopeOfToken(t, "https://proxy.example.com/"+testToken, testToken)
		b := scopeOfToken(t, "https://proxy.example.com/another-token-1234", "another-token-1234")
		if a != b || strings.Contains(a, testToken[:8]) {
			t.Errorf("want one scope free of tokens, got %q and %q", a, b)
		}
	})
	t.Run("a bad base URL", func(t *testing.T) {
		_, err := (&Client{BaseURL: "ht tp://" + testToken}).cacheScope("")
		if err == nil || strings.Contains(err.Error(), testToken[:8]) {
			t.Errorf("want an error without the token, got %v", err)
		}
	})
}

func scopeOf(t *testing.T, base, appID string) string {
	t.Helper()
	s, err := (&Client{BaseURL: base, Token: testToken}).cacheScope(appID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scopeOfToken(t *testing.T, base, token string) string {
	t.Helper()
	s, err := (&Client{BaseURL: base, Token: token}).cacheScope("")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDirectoryErrorsNeverLeakToken resolves against a server that echoes
// the token in every failure, with the token in the base URL.
func TestDirectoryErrorsNeverLeakToken(t *testing.T) {
	echo := raw(403, "application/json", `{"type":"error.list","request_id":"`+testToken+`","errors":[{"code":"token_unauthorized","message":"`+testToken+` lacks the scope"}]}`)
	overrides := map[string]answer{}
	for p := range workspaceAnswers() {
		overrides[p] = echo
	}
	ws := newWorkspace(t, overrides)
	dir := t.TempDir()
	d := ws.directory(dir, nil)
	d.Client.BaseURL = ws.srv.URL + "/" + testToken
	for key, l := range resolve(t, d.Resolve, testConv()) {
		var e *Error
		if !errors.As(l.Err, &e) || e.Status != 403 {
			t.Errorf("%s: want a 403, got %v", key, l.Err)
		}
		if l.Err != nil && strings.Contains(l.Err.Error(), testToken[:8]) {
			t.Errorf("%s: the token leaked: %q", key, l.Err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("want nothing cached from failures, got %v", entries)
	}
}

// TestCacheTrust plants fresh cache entries (a stranger's names, and a
// workspace id that would move the web link) where someone else could have
// written them: none is believed, every look-up goes to the network, and
// nothing is written or changed where the planter could reach it.
func TestCacheTrust(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the cache folder dir, plants the entries in it or
		// behind it, and returns a folder to leave as it was, or "".
		setup     func(t *testing.T, dir string, plant planter) (untouched string)
		slash     bool // Cache.Dir ends in a slash, which makes open follow a symlink
		believed  bool
		rewritten bool // the folder is ours: the fetched entries replace the planted
	}{
		{name: "a private folder of ours: believed", believed: true, setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			plant(dir, 0o600, 0)
			return ""
		}},
		{name: "a symlinked folder", setup: func(t *testing.T, dir string, plant planter) string {
			target := filepath.Join(filepath.Dir(dir), "elsewhere")
			mkdir(t, target, 0o755)
			plant(target, 0o600, 0)
			symlink(t, target, dir)
			return target
		}},
		{name: "a symlinked folder, named with a trailing slash", slash: true, setup: func(t *testing.T, dir string, plant planter) string {
			target := filepath.Join(filepath.Dir(dir), "elsewhere")
			mkdir(t, target, 0o755)
			plant(target, 0o600, 0)
			symlink(t, target, dir)
			return target
		}},
		{name: "a folder owned by another user", setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			plant(dir, 0o600, 0)
			giveAway(t, dir)
			return dir
		}},
		{name: "a group-writable folder", setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o770)
			plant(dir, 0o600, 0)
			return dir
		}},
		{name: "an other-writable folder", setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o777)
			plant(dir, 0o600, 0)
			return dir
		}},
		{name: "files of mode 0644", rewritten: true, setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			plant(dir, 0o644, 0)
			return ""
		}},
		{name: "files owned by another user", rewritten: true, setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			for _, name := range plant(dir, 0o600, 0) {
				giveAway(t, filepath.Join(dir, name))
			}
			return ""
		}},
		{name: "files that are symlinks to planted files", rewritten: true, setup: func(t *testing.T, dir string, plant planter) string {
			planted := filepath.Join(filepath.Dir(dir), "planted")
			mkdir(t, planted, 0o700)
			mkdir(t, dir, 0o700)
			for _, name := range plant(planted, 0o600, 0) {
				symlink(t, filepath.Join(planted, name), filepath.Join(dir, name))
			}
			return planted
		}},
		{name: "FIFOs in place of the files", rewritten: true, setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			for _, name := range plant(t.TempDir(), 0o600, 0) {
				if err := mkfifo(filepath.Join(dir, name)); err != nil {
					t.Skipf("no named pipes: %v", err)
				}
			}
			return ""
		}},
		{name: "files over 8 MiB", rewritten: true, setup: func(t *testing.T, dir string, plant planter) string {
			mkdir(t, dir, 0o700)
			plant(dir, 0o600, 8<<20)
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t, nil)
			dir := filepath.Join(t.TempDir(), "convo")
			d := ws.directory(dir, (&clock{t0.Add(time.Minute)}).now)
			scope, err := d.Client.cacheScope("")
			if err != nil {
				t.Fatal(err)
			}
			untouched := tt.setup(t, dir, plantEntries(t, d.Cache, scope))
			if tt.slash {
				d.Cache.Dir += string(filepath.Separator)
			}
			before := snapshot(t, untouched)

			for _, kind := range []string{cacheAdmins, cacheTeams, cacheApp} {
				if ok := loadWithin(t, d.Cache, kind, scope, 10*time.Second); ok != tt.believed {
					t.Errorf("load %s: want believed %t, got %t", kind, tt.believed, ok)
				}
			}
			got := resolve(t, d.Resolve, testConv())
			for _, key := range []string{"admins", "teams", "me"} {
				l := got[key]
				switch {
				case tt.believed && (!l.Cached || l.AppID != "" && l.AppID != "planted-workspace"):
					t.Errorf("%s: want the entry of a private folder believed, got cached %t, %q", key, l.Cached, l.AppID)
				case !tt.believed && l.Cached:
					t.Errorf("%s: want it fetched, got the planted entry", key)
				case !tt.believed:
					checkLookup(t, key, l)
				}
			}
			// A reload fetches and stores everything: still nothing there.
			resolve(t, d.Refresh, testConv())
			if after := snapshot(t, untouched); after != before {
				t.Errorf("want %s left as it was:\n%s\ngot:\n%s", untouched, before, after)
			}
			if !tt.rewritten {
				return
			}
			for _, kind := range []string{cacheAdmins, cacheTeams, cacheApp} {
				path := d.Cache.path(kind, scope)
				fi, err := os.Lstat(path)
				if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
					t.Errorf("%s: want a regular file of mode 0600 in place of the planted one, got %v, %v", kind, fi.Mode(), err)
				}
			}
			var app App
			if ok, fresh := d.Cache.load(cacheApp, scope, &app); !ok || !fresh || app != wantApp {
				t.Errorf("want the fetched workspace cached, got ok %t fresh %t %+v", ok, fresh, app)
			}
		})
	}
}

// A planter writes fresh cache entries for every kind in folder, with mode
// and pad bytes of trailing space, and returns their file names.
type planter func(folder string, mode os.FileMode, pad int) []string

// plantEntries plants the admins and teams under a stranger's names, and a
// workspace id of the planter's choosing.
func plantEntries(t *testing.T, c *Cache, scope string) planter {
	admins := slices.Clone(wantAdmins)
	for i := range admins {
		admins[i].Name = "Planted Name"
	}
	teams := slices.Clone(wantTeams)
	for i := range teams {
		teams[i].Name = "Planted Team"
	}
	entries := map[string]any{cacheAdmins: admins, cacheTeams: teams, cacheApp: App{Type: "app", IDCode: "planted-workspace"}}
	return func(folder string, mode os.FileMode, pad int) []string {
		t.Helper()
		var names []string
		for kind, v := range entries {
			data, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			body, err := json.Marshal(cacheFile{Version: cacheVersion, FetchedAt: t0.Unix(), Data: data})
			if err != nil {
				t.Fatal(err)
			}
			body = append(body, bytes.Repeat([]byte(" "), pad)...) // still valid JSON
			name := filepath.Base(c.path(kind, scope))
			path := filepath.Join(folder, name)
			if err := os.WriteFile(path, body, mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil { // past the umask
				t.Fatal(err)
			}
			names = append(names, name)
		}
		return names
	}
}

// loadWithin loads the entry of kind and reports whether it was believed;
// it fails the test if the load has not returned within d.
func loadWithin(t *testing.T, c *Cache, kind, scope string, d time.Duration) bool {
	t.Helper()
	done := make(chan bool, 1)
	go func() {
		var v any
		ok, _ := c.load(kind, scope, &v)
		done <- ok
	}()
	select {
	case ok := <-done:
		return ok
	case <-time.After(d):
		t.Fatalf("load %s: want it to return, still blocked after %s", kind, d)
		return false
	}
}

// mkdir makes a folder of mode perm, past the umask.
func mkdir(t *testing.T, dir string, perm os.FileMode) {
	t.Helper()
	if err := os.Mkdir(dir, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, perm); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
}

// giveAway makes another user own path, as if that user had made it.
func giveAway(t *testing.T, path string) {
	t.Helper()
	const stranger = 12345
	if os.Getuid() == stranger {
		t.Fatalf("running as uid %d, the stranger's", stranger)
	}
	if err := os.Lchown(path, stranger, stranger); err != nil {
		t.Skipf("giving %s away needs root: %v", path, err)
	}
}

// snapshot describes folder and what is in it: modes, owners, contents.
// It is "" for "".
func snapshot(t *testing.T, folder string) string {
	t.Helper()
	if folder == "" {
		return ""
	}
	var b strings.Builder
	err := filepath.WalkDir(folder, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(path)
		if err != nil {
			return err
		}
		body, _ := os.ReadFile(path) // a folder reads as nothing
		fmt.Fprintf(&b, "%s %v ours %t %x\n", path, fi.Mode(), ownedByUser(fi), sha256.Sum256(body))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
