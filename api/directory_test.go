package api

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	lena = "667d60a98a68186f43bafdb9" // a user with a company
	lead = "6762f0d21bb69f9f2193bb8f" // a lead with nothing filled in
)

// workspaceAnswers are the default answers of a workspace, by path.
func workspaceAnswers() map[string]answer {
	return map[string]answer{
		"/admins":                          jsonAnswer(200, adminsJSON),
		"/teams":                           jsonAnswer(200, teamsJSON),
		"/me":                              jsonAnswer(200, meJSON),
		"/contacts/" + lena:                jsonAnswer(200, contactLenaJSON),
		"/contacts/" + lena + "/companies": jsonAnswer(200, companiesJSON),
		"/contacts/" + lead:                jsonAnswer(200, contactLeadJSON),
	}
}

// workspace is a server that answers like Intercom for one workspace, each
// path by its own answer, counting requests by path. It also answers under
// a proxy path made of the token, as a base URL may have.
type workspace struct {
	srv     *httptest.Server
	mu      sync.Mutex
	answers map[string]answer
	n       map[string]int
}

// newWorkspace starts a workspace with the default answers and overrides.
func newWorkspace(t *testing.T, overrides map[string]answer) *workspace {
	t.Helper()
	ws := &workspace{answers: workspaceAnswers(), n: map[string]int{}}
	ws.set(overrides)
	notFound := fixture(404, "error-404-not-found.json")
	ws.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			fixture(401, "error-401-unauthorized.json")(t, w, r, 0)
			return
		}
		path := strings.TrimPrefix(r.URL.Path, "/"+testToken)
		ws.mu.Lock()
		n := ws.n[path]
		ws.n[path]++
		a := ws.answers[path]
		ws.mu.Unlock()
		if a == nil {
			a = notFound
		}
		a(t, w, r, n)
	}))
	t.Cleanup(ws.srv.Close)
	return ws
}

// set overrides answers by path; a nil answer makes its path a 404.
func (ws *workspace) set(overrides map[string]answer) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	maps.Copy(ws.answers, overrides)
}

// requests returns the requests made so far, by path, and forgets them.
func (ws *workspace) requests() map[string]int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	n := ws.n
	ws.n = map[string]int{}
	return n
}

// directory is a Directory of ws with a fake sleep and a cache in dir ("" for none).
func (ws *workspace) directory(dir string, now func() time.Time) *Directory {
	d := &Directory{Client: &Client{BaseURL: ws.srv.URL, Token: testToken, HTTP: ws.srv.Client(), Sleep: (&fakeSleep{}).sleep}}
	if dir != "" {
		d.Cache = &Cache{Dir: dir, Now: now}
	}
	return d
}

// testConv names two admins, a team and two contacts (one twice).
func testConv() *Conversation {
	return &Conversation{
		Type: "conversation", ID: "215469380263515",
		AdminAssigneeID: "991267397", TeamAssigneeID: "814865",
		Teammates: TeammateList{Type: "admin.list", Teammates: []Ref{{Type: "admin", ID: "991267397"}, {Type: "admin", ID: "991267398"}}},
		Contacts:  ContactList{Type: "contact.list", Contacts: []Ref{{Type: "contact", ID: lena}, {Type: "contact", ID: lead}, {Type: "contact", ID: lena}}},
	}
}

// resolve runs fn (Resolve or Refresh) to the end and returns the reports
// by kind (contacts by "contact <id>").
func resolve(t *testing.T, fn func(context.Context, *Conversation, func(Lookup)) <-chan struct{}, conv *Conversation) map[string]Lookup {
	t.Helper()
	got := map[string]Lookup{}
	var calls atomic.Int32
	done := fn(context.Background(), conv, func(l Lookup) {
		if calls.Add(1) != 1 {
			t.Error("report called while another call was running")
		}
		defer calls.Add(-1)
		key := string(l.Kind)
		if l.Kind == LookupContact {
			key += " " + string(l.ContactID)
		}
		if _, dup := got[key]; dup {
			t.Errorf("%s reported twice", key)
		}
		got[key] = l
	})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the look-ups did not end")
	}
	return got
}

// status is the HTTP status of err, -1 for another error and 0 for none.
func status(err error) int {
	var e *Error
	switch {
	case err == nil:
		return 0
	case errors.As(err, &e):
		return e.Status
	}
	return -1
}

func TestDirectoryResolve(t *testing.T) {
	everything := []string{"admins", "teams", "me", "contact " + lena, "contact " + lead}
	allOnce := map[string]int{"/admins": 1, "/teams": 1, "/me": 1, "/contacts/" + lena: 1, "/contacts/" + lena + "/companies": 1, "/contacts/" + lead: 1}
	with := func(m map[string]int, kv ...any) map[string]int {
		m = maps.Clone(m)
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1].(int) == 0 {
				delete(m, kv[i].(string))
			} else {
				m[kv[i].(string)] = kv[i+1].(int)
			}
		}
		return m
	}
	tests := []struct {
		name      string
		overrides map[string]answer
		appID     string
		timeout   time.Duration
		conv      *Conversation // nil is testConv()
		noConv    bool          // resolve a nil conversation
		wantKinds []string
		wantErr   map[string]int // status by report; -1 another error
		wantReqs  map[string]int
	}{
		{name: "every look-up answers", wantKinds: everything, wantReqs: allOnce},
		{name: "403 for admins, a token without that scope",
			overrides: map[string]answer{"/admins": fixture(403, "error-403-api-plan-restricted.json")},
			wantKinds: everything, wantErr: map[string]int{"admins": 403}, wantReqs: allOnce},
		{name: "404 for a merged contact",
			overrides: map[string]answer{"/contacts/" + lead: fixture(404, "error-404-not-found.json")},
			wantKinds: everything, wantErr: map[string]int{"contact " + lead: 404}, wantReqs: allOnce},
		{name: "429 with Retry-After, then teams",
			overrides: map[string]answer{"/teams": sequence(fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "2"), jsonAnswer(200, teamsJSON))},
			wantKinds: everything, wantReqs: with(allOnce, "/teams", 2)},
		{name: "429 for ever on me",
			overrides: map[string]answer{"/me": fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "2")},
			wantKinds: everything, wantErr: map[string]int{"me": 429}, wantReqs: with(allOnce, "/me", 4)},
		{name: "me times out", timeout: 500 * time.Millisecond, // long enough for the others' answers under load
			overrides: map[string]answer{"/me": stall(false)},
			wantKinds: everything, wantErr: map[string]int{"me": -1}, wantReqs: allOnce},
		{name: "me without a workspace",
			overrides: map[string]answer{"/me": jsonAnswer(200, `{"type":"admin","id":"1","app":null}`)},
			wantKinds: everything, wantErr: map[string]int{"me": -1}, wantReqs: allOnce},
		{name: "every look-up fails",
			overrides: map[string]answer{"/admins": fixture(403, "error-403-api-plan-restricted.json"), "/teams": fixture(403, "error-403-api-plan-restricted.json"),
				"/me": fixture(401, "error-401-token-unauthorized.json"), "/contacts/" + lena: fixture(404, "error-404-not-found.json"), "/contacts/" + lead: raw(502, "text/html", "<html>")},
			wantKinds: everything, wantErr: map[string]int{"admins": 403, "teams": 403, "me": 401, "contact " + lena: 404, "contact " + lead: 502},
			wantReqs: with(allOnce, "/contacts/"+lena+"/companies", 0, "/contacts/"+lead, 4)},
		{name: "the companies' names fail quietly",
			overrides: map[string]answer{"/contacts/" + lena + "/companies": fixture(403, "error-403-api-plan-restricted.json")},
			wantKinds: everything, wantReqs: allOnce},
		{name: "AppID skips me", appID: "ecahpwf5",
			wantKinds: []string{"admins", "teams", "contact " + lena, "contact " + lead}, wantReqs: with(allOnce, "/me", 0)},
		{name: "a conversation without contacts", conv: &Conversation{ID: "1"},
			wantKinds: everything[:3], wantReqs: map[string]int{"/admins": 1, "/teams": 1, "/me": 1}},
		{name: "no conversation", noConv: true,
			wantKinds: everything[:3], wantReqs: map[string]int{"/admins": 1, "/teams": 1, "/me": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := tt.conv
			if conv == nil && !tt.noConv {
				conv = testConv()
			}
			ws := newWorkspace(t, tt.overrides)
			d := ws.directory("", nil)
			d.AppID, d.Client.Timeout = tt.appID, tt.timeout
			got := resolve(t, d.Resolve, conv)

			if kinds := slices.Sorted(maps.Keys(got)); !slices.Equal(kinds, slices.Sorted(slices.Values(tt.wantKinds))) {
				t.Errorf("want reports %v, got %v", slices.Sorted(slices.Values(tt.wantKinds)), kinds)
			}
			for key, l := range got {
				if s := status(l.Err); s != tt.wantErr[key] {
					t.Errorf("%s: want error status %d, got %v", key, tt.wantErr[key], l.Err)
				}
				if l.Cached {
					t.Errorf("%s: want a fetched answer without a cache, got a cached one", key)
				}
				if l.Err == nil {
					checkLookup(t, key, l)
				}
			}
			if reqs := ws.requests(); !maps.Equal(reqs, tt.wantReqs) {
				t.Errorf("want requests %v, got %v", tt.wantReqs, reqs)
			}
		})
	}
}

// checkLookup checks that a successful report carries the workspace's data.
func checkLookup(t *testing.T, key string, l Lookup) {
	t.Helper()
	switch key {
	case "admins":
		if !reflect.DeepEqual(l.Admins, wantAdmins) {
			t.Errorf("admins: want %+v, got %+v", wantAdmins, l.Admins)
		}
	case "teams":
		if !reflect.DeepEqual(l.Teams, wantTeams) {
			t.Errorf("teams: want %+v, got %+v", wantTeams, l.Teams)
		}
	case "me":
		if l.AppID != wantApp.IDCode || l.App == nil || *l.App != wantApp {
			t.Errorf("me: want app %+v, got %q %+v", wantApp, l.AppID, l.App)
		}
	case "contact " + lena:
		c := l.Contact
		if c == nil || c.Name != "Lena Schäfer" || c.Role != "user" || c.Location.City != "Hamburg" || len(c.Companies.Data) != 1 {
			t.Fatalf("contact %s: want Lena of Hamburg with one company, got %+v", lena, show(c))
		}
		// The name comes from GET /contacts/{id}/companies, unless it failed.
		if name := c.Companies.Data[0].Name; name != "Nordlicht Kaffee GmbH" && name != "" {
			t.Errorf("contact %s: want the company named Nordlicht Kaffee GmbH, got %q", lena, name)
		}
	case "contact " + lead:
		if c := l.Contact; c == nil || c.ID != lead || c.Role != "lead" || c.Name != "" {
			t.Errorf("contact %s: want a nameless lead, got %+v", lead, show(c))
		}
	}
}

// TestDirectoryCompanyNames checks that a contact's companies get their names
// from GET /contacts/{id}/companies, and keep none when it fails.
func TestDirectoryCompanyNames(t *testing.T) {
	for _, tt := range []struct {
		name   string
		answer answer
		want   []Company
	}{
		{"named", jsonAnswer(200, companiesJSON), []Company{{Type: "company", ID: "6762f0e51bb69f9f2193bc01", CompanyID: "nordlicht-42", Name: "Nordlicht Kaffee GmbH", URL: "/companies/6762f0e51bb69f9f2193bc01"}}},
		{"more than the contact listed", jsonAnswer(200, `{"type":"list","data":[{"id":"6762f0e51bb69f9f2193bc01","name":"Nordlicht"},{"id":"x2","name":"R&ouml;sterei"}]}`),
			[]Company{{Type: "company", ID: "6762f0e51bb69f9f2193bc01", Name: "Nordlicht", URL: "/companies/6762f0e51bb69f9f2193bc01"}, {ID: "x2", Name: "Rösterei"}}},
		{"403", fixture(403, "error-403-api-plan-restricted.json"), []Company{{Type: "company", ID: "6762f0e51bb69f9f2193bc01", URL: "/companies/6762f0e51bb69f9f2193bc01"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t, map[string]answer{"/contacts/" + lena + "/companies": tt.answer})
			got := resolve(t, ws.directory("", nil).Resolve, testConv())
			l := got["contact "+lena]
			if l.Err != nil || l.Contact == nil || !reflect.DeepEqual(l.Contact.Companies.Data, tt.want) {
				t.Errorf("want companies %+v, got %+v (err %v)", tt.want, l.Contact, l.Err)
			}
		})
	}
}

func TestDirectoryContactConcurrency(t *testing.T) {
	const contacts = 10
	conv := &Conversation{ID: "1"}
	var inFlight, most atomic.Int32
	arrived := make(chan struct{}, contacts)
	release := make(chan struct{})
	overrides := map[string]answer{}
	for i := range contacts {
		id := "c" + string(rune('0'+i))
		conv.Contacts.Contacts = append(conv.Contacts.Contacts, Ref{Type: "contact", ID: ID(id)})
		overrides["/contacts/"+id] = func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
			now := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
			}
			jsonAnswer(200, `{"type":"contact","id":"`+id+`"}`)(t, w, r, n)
		}
	}
	ws := newWorkspace(t, overrides)
	var reports atomic.Int32
	done := ws.directory("", nil).Resolve(context.Background(), conv, func(l Lookup) {
		if l.Kind == LookupContact && l.Err == nil {
			reports.Add(1)
		}
	})
	for range contactConcurrency {
		<-arrived
	}
	close(release)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the look-ups did not end")
	}
	if most.Load() > contactConcurrency || reports.Load() != contacts {
		t.Errorf("want %d contacts at most %d at a time, got %d at most %d at a time", contacts, contactConcurrency, reports.Load(), most.Load())
	}
}

// TestDirectoryCancel cancels while every request hangs, and while a 429
// is waited out: every goroutine ends (done closes) and nothing is reported.
func TestDirectoryCancel(t *testing.T) {
	for _, tt := range []struct {
		name      string
		rateLimit bool // /teams answers 429 asking for a minute
	}{
		{name: "during requests"},
		{name: "during a 429 wait", rateLimit: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arrived := make(chan string, 10)
			hang := func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				arrived <- r.URL.Path
				<-r.Context().Done()
			}
			overrides := map[string]answer{}
			for p := range workspaceAnswers() {
				overrides[p] = hang
			}
			if tt.rateLimit {
				overrides["/teams"] = fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "60")
			}
			ws := newWorkspace(t, overrides)
			d := ws.directory(t.TempDir(), nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			d.Client.Sleep = nil // the real wait, which must end on cancel
			waiting := make(chan struct{})
			d.Client.OnWait = func(Wait) { close(waiting) }
			var reports atomic.Int32
			done := d.Resolve(ctx, testConv(), func(Lookup) { reports.Add(1) })

			hanging := 5 // admins, teams, me and the two contacts
			if tt.rateLimit {
				hanging--
				<-waiting
			}
			for range hanging {
				<-arrived
			}
			cancel()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the look-ups did not end after cancel")
			}
			if reports.Load() != 0 {
				t.Errorf("want no reports after cancel, got %d", reports.Load())
			}
		})
	}
}

// A conversation with thousands of contacts looks up only the first
// ContactLookupLimit, each once, in the order it lists them.
func TestDirectoryLooksUpTheFirstContacts(t *testing.T) {
	const contacts = 2000
	ws := newWorkspace(t, nil)
	conv := testConv()
	conv.Contacts.Contacts = nil
	for i := range contacts {
		conv.Contacts.Contacts = append(conv.Contacts.Contacts, Ref{Type: "contact", ID: ID(fmt.Sprintf("c%04d", i))})
	}
	got := resolve(t, ws.directory("", nil).Resolve, conv)
	fired := 0
	for path, n := range ws.requests() {
		if strings.HasPrefix(path, "/contacts/") {
			fired += n
		}
	}
	if fired != ContactLookupLimit {
		t.Errorf("the directory fired %d contact requests for %d contacts, want %d", fired, contacts, ContactLookupLimit)
	}
	for i := range contacts {
		_, reported := got[fmt.Sprintf("contact c%04d", i)]
		if want := i < ContactLookupLimit; reported != want {
			t.Errorf("contact %d (of %d) reported: %v, want %v", i, contacts, reported, want)
		}
	}
}
