package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Bodies as Intercom sends them: the 2.11 description's examples, filled in
// with realistic people, entity-encoded names, and ids as numbers where real
// responses (and the schema's integer arrays) have them.
const (
	adminsJSON = `{"type":"admin.list","admins":[
		{"type":"admin","email":"siobhan@ledgerly.io","id":"991267397","name":"Siobh&aacute;n O&#39;Neill","away_mode_enabled":false,"away_mode_reassign":false,"has_inbox_seat":true,"team_ids":[814865]},
		{"type":"admin","email":"marcus@ledgerly.io","id":991267398,"name":"Marcus Webb","job_title":null,"away_mode_enabled":true,"away_mode_reassign":true,"has_inbox_seat":true,"team_ids":["814865",814866],"avatar":null},
		{"type":"admin","email":"operator+ledgerly@intercom.io","id":"991267399","name":"Operator","away_mode_enabled":false,"away_mode_reassign":false,"has_inbox_seat":false,"team_ids":[]}]}`
	teamsJSON = `{"type":"team.list","teams":[
		{"type":"team","id":"814865","name":"Billing &amp; Payments","admin_ids":[991267397,991267398]},
		{"type":"team","id":814866,"name":"Support Engineering","admin_ids":[991267398],"admin_priority_level":{"primary_admin_ids":null,"secondary_admin_ids":null}}]}`
	contactLenaJSON = `{"type":"contact","id":"667d60a98a68186f43bafdb9","workspace_id":"ecahpwf5","external_id":"70","role":"user",
		"email":"lena.schaefer@nordlicht-kaffee.de","phone":null,"name":"Lena Sch&auml;fer","avatar":null,"owner_id":null,
		"social_profiles":{"type":"list","data":[]},"has_hard_bounced":false,"created_at":1719492777,"updated_at":1719492777,
		"signed_up_at":1719492777,"last_seen_at":null,"browser":null,"os":null,
		"location":{"type":"location","country":"Germany","region":"Hamburg","city":"Hamburg","country_code":"DEU","continent_code":"EU"},
		"custom_attributes":{},"tags":{"type":"list","data":[],"url":"/contacts/667d60a98a68186f43bafdb9/tags","total_count":0,"has_more":false},
		"companies":{"type":"list","data":[{"type":"company","id":"6762f0e51bb69f9f2193bc01","url":"/companies/6762f0e51bb69f9f2193bc01"}],
			"url":"/contacts/667d60a98a68186f43bafdb9/companies","total_count":1,"has_more":false}}`
	contactLeadJSON = `{"type":"contact","id":"6762f0d21bb69f9f2193bb8f","workspace_id":"ecahpwf5","external_id":null,"role":"lead",
		"email":"","phone":null,"name":null,"owner_id":991267397,"location":null,"companies":null,"created_at":"1719492790"}`
	companiesJSON = `{"type":"list","data":[{"type":"company","company_id":"nordlicht-42","id":"6762f0e51bb69f9f2193bc01",
		"app_id":"ecahpwf5","name":"Nordlicht Kaffee GmbH","created_at":1719492755,"tags":{"type":"tag.list","tags":[]},"plan":{},"custom_attributes":{}}],
		"pages":{"type":"pages","next":null,"page":1,"per_page":50,"total_pages":1},"total_count":1}`
	meJSON = `{"type":"admin","id":"991267390","email":"admin1@email.com","name":"Ciaran1 Lee","email_verified":true,
		"app":{"type":"app","id_code":"this_is_an_id1_that_should_be_at_least_40","name":"MyApp 1","created_at":1719492696,
			"secure":false,"identity_verification":false,"timezone":"America/Los_Angeles","region":"US"},
		"avatar":{"type":"avatar","image_url":"https://static.intercomassets.com/assets/default-avatars/admins/128.png"},"has_inbox_seat":true}`
)

var (
	wantAdmins = []Admin{
		{Type: "admin", ID: "991267397", Name: "Siobhán O'Neill", Email: "siobhan@ledgerly.io", HasInboxSeat: true, TeamIDs: []ID{"814865"}},
		{Type: "admin", ID: "991267398", Name: "Marcus Webb", Email: "marcus@ledgerly.io", AwayModeEnabled: true, AwayModeReassign: true, HasInboxSeat: true, TeamIDs: []ID{"814865", "814866"}},
		{Type: "admin", ID: "991267399", Name: "Operator", Email: "operator+ledgerly@intercom.io", TeamIDs: []ID{}},
	}
	wantTeams = []Team{
		{Type: "team", ID: "814865", Name: "Billing & Payments", AdminIDs: []ID{"991267397", "991267398"}},
		{Type: "team", ID: "814866", Name: "Support Engineering", AdminIDs: []ID{"991267398"}},
	}
	wantApp = App{Type: "app", IDCode: "this_is_an_id1_that_should_be_at_least_40", Name: "MyApp 1", Region: "US", Timezone: "America/Los_Angeles"}
)

// jsonAnswer answers with status and a JSON body, with the rate-limit headers.
func jsonAnswer(status int, body string) answer {
	return func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
		rateHeaders(w, 100)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

func TestClientPeopleRequests(t *testing.T) {
	tests := []struct {
		name     string
		call     func(*Client) error
		wantPath string
	}{
		{"admins", func(c *Client) error { _, err := c.Admins(context.Background()); return err }, "/admins"},
		{"teams", func(c *Client) error { _, err := c.Teams(context.Background()); return err }, "/teams"},
		{"contact", func(c *Client) error {
			_, err := c.Contact(context.Background(), "667d60a98a68186f43bafdb9")
			return err
		}, "/contacts/667d60a98a68186f43bafdb9"},
		{"contact id escaped", func(c *Client) error { _, err := c.Contact(context.Background(), "a/b c"); return err }, "/contacts/a%2Fb%20c"},
		{"contact companies", func(c *Client) error { _, err := c.ContactCompanies(context.Background(), "667d"); return err }, "/contacts/667d/companies"},
		{"me", func(c *Client) error { _, err := c.Me(context.Background()); return err }, "/me"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *http.Request
			srv, n := intercom(t, func(t *testing.T, w http.ResponseWriter, r *http.Request, n int) {
				got = r.Clone(context.Background())
				jsonAnswer(200, `{"id":"1"}`)(t, w, r, n)
			})
			c := testClient(srv, &fakeSleep{})
			c.Plaintext = true // a conversation's option, not theirs
			if err := tt.call(c); err != nil {
				t.Fatalf("want no error, got %v", err)
			}
			if n.Load() != 1 || got.Method != http.MethodGet || got.URL.EscapedPath() != tt.wantPath || got.URL.RawQuery != "" {
				t.Errorf("want one GET %s, got %d, the last %s %s?%s", tt.wantPath, n.Load(), got.Method, got.URL.EscapedPath(), got.URL.RawQuery)
			}
			for h, want := range map[string]string{"Authorization": "Bearer " + testToken, "Accept": "application/json", "Intercom-Version": "2.11"} {
				if v := got.Header.Get(h); v != want {
					t.Errorf("header %s: want %q, got %q", h, want, v)
				}
			}
		})
	}
}

func TestClientPeopleDecode(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		body string
		call func(*Client) (any, error)
		want any
	}{
		{name: "admins", body: adminsJSON, want: wantAdmins,
			call: func(c *Client) (any, error) { return c.Admins(ctx) }},
		{name: "admins 2.11 example", want: []Admin{{Type: "admin", ID: "991267397", Name: "Ciaran7 Lee", Email: "admin7@email.com", HasInboxSeat: true, TeamIDs: []ID{}}},
			body: `{"type":"admin.list","admins":[{"type":"admin","email":"admin7@email.com","id":"991267397","name":"Ciaran7 Lee","away_mode_enabled":false,"away_mode_reassign":false,"has_inbox_seat":true,"team_ids":[]}]}`,
			call: func(c *Client) (any, error) { return c.Admins(ctx) }},
		{name: "admins of odd shapes", want: []Admin{{ID: "5", Name: "Ann"}, {ID: "6", TeamIDs: []ID{"", "7"}}},
			body: `{"admins":[{"id":5,"name":"Ann","team_ids":null,"away_mode_enabled":"yes"},null,{"name":"no id"},{"id":"6","name":{"first":"x"},"team_ids":[null,7]}],"extra":1}`,
			call: func(c *Client) (any, error) { return c.Admins(ctx) }},
		{name: "admins missing", body: `{"type":"admin.list"}`, want: []Admin(nil),
			call: func(c *Client) (any, error) { return c.Admins(ctx) }},
		{name: "teams", body: teamsJSON, want: wantTeams,
			call: func(c *Client) (any, error) { return c.Teams(ctx) }},
		{name: "teams 2.11 example", body: `{"type":"team.list","teams":[]}`, want: []Team{},
			call: func(c *Client) (any, error) { return c.Teams(ctx) }},
		{name: "contact", body: contactLenaJSON,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "667d60a98a68186f43bafdb9") },
			want: &Contact{Type: "contact", ID: "667d60a98a68186f43bafdb9", WorkspaceID: "ecahpwf5", ExternalID: "70", Role: "user",
				Name: "Lena Schäfer", Email: "lena.schaefer@nordlicht-kaffee.de", CreatedAt: 1719492777, SignedUpAt: 1719492777,
				Location:  Location{Type: "location", City: "Hamburg", Region: "Hamburg", Country: "Germany", CountryCode: "DEU", ContinentCode: "EU"},
				Companies: CompanyList{Type: "list", URL: "/contacts/667d60a98a68186f43bafdb9/companies", TotalCount: 1, Data: []Company{{Type: "company", ID: "6762f0e51bb69f9f2193bc01", URL: "/companies/6762f0e51bb69f9f2193bc01"}}}}},
		{name: "contact with nulls", body: contactLeadJSON,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "6762f0d21bb69f9f2193bb8f") },
			want: &Contact{Type: "contact", ID: "6762f0d21bb69f9f2193bb8f", WorkspaceID: "ecahpwf5", Role: "lead", OwnerID: "991267397", CreatedAt: 1719492790}},
		{name: "contact with numeric ids", body: `{"type":"contact","id":42,"external_id":7,"name":"Ann"}`,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "42") },
			want: &Contact{Type: "contact", ID: "42", ExternalID: "7", Name: "Ann"}},
		{name: "contact companies under companies", body: `{"type":"contact","id":"1","companies":{"type":"company.list","companies":[{"id":"c1","name":"Acme"}]}}`,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "1") },
			want: &Contact{Type: "contact", ID: "1", Companies: CompanyList{Type: "company.list", Data: []Company{{ID: "c1", Name: "Acme"}}}}},
		{name: "contact companies as an array", body: `{"type":"contact","id":"1","companies":[{"id":"c1","name":"Acme"},{"id":2}]}`,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "1") },
			want: &Contact{Type: "contact", ID: "1", Companies: CompanyList{TotalCount: 2, Data: []Company{{ID: "c1", Name: "Acme"}, {ID: "2"}}}}},
		{name: "contact companies of another shape", body: `{"type":"contact","id":"1","companies":"Acme","location":[1]}`,
			call: func(c *Client) (any, error) { return c.Contact(ctx, "1") },
			want: &Contact{Type: "contact", ID: "1"}},
		{name: "contact companies endpoint", body: companiesJSON,
			call: func(c *Client) (any, error) { return c.ContactCompanies(ctx, "667d60a98a68186f43bafdb9") },
			want: []Company{{Type: "company", ID: "6762f0e51bb69f9f2193bc01", CompanyID: "nordlicht-42", Name: "Nordlicht Kaffee GmbH", Plan: &Plan{}}}},
		{name: "me 2.11 example", body: meJSON,
			call: func(c *Client) (any, error) { return c.Me(ctx) },
			want: &Me{Type: "admin", ID: "991267390", Name: "Ciaran1 Lee", Email: "admin1@email.com", App: &wantApp}},
		{name: "me without an app", body: `{"type":"admin","id":"1","app":null}`,
			call: func(c *Client) (any, error) { return c.Me(ctx) },
			want: &Me{Type: "admin", ID: "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := intercom(t, jsonAnswer(200, tt.body))
			got, err := tt.call(testClient(srv, &fakeSleep{}))
			if err != nil {
				t.Fatalf("want no error, got %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("want %+v\n got %+v", show(tt.want), show(got))
			}
		})
	}
}

// show dereferences a pointer for %+v.
func show(v any) any {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	return v
}

func TestClientPeopleRefuses(t *testing.T) {
	ctx := context.Background()
	admins := func(c *Client) error { _, err := c.Admins(ctx); return err }
	contact := func(c *Client) error { _, err := c.Contact(ctx, "1"); return err }
	me := func(c *Client) error { _, err := c.Me(ctx); return err }
	tests := []struct {
		name   string
		answer answer
		call   func(*Client) error
		want   string
	}{
		{"truncated", raw(200, "application/json", `{"type":"admin.list","admins":[{"id":"1"`), admins, "reading the admins from"},
		{"another type", jsonAnswer(200, `{"type":"conversation","id":"1"}`), admins, `not admin.list: its type is "conversation"`},
		{"error.list in a 200", jsonAnswer(200, `{"type":"error.list","errors":[{"code":"not_found","message":"User Not Found"}]}`), contact, "not contact: an Intercom error response (not_found: User Not Found)"},
		{"an array", jsonAnswer(200, `[]`), me, "not a JSON object"},
		{"empty", raw(200, "application/json", ""), me, "empty response"},
		{"contact without id", jsonAnswer(200, `{"type":"contact","name":"x"}`), contact, "not a contact: it has no id"},
		{"no contact id", nil, func(c *Client) error { _, err := c.Contact(ctx, ""); return err }, "no contact id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.answer
			if a == nil {
				a = jsonAnswer(200, `{}`)
			}
			srv, _ := intercom(t, a)
			err := tt.call(testClient(srv, &fakeSleep{}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want an error saying %q, got %v", tt.want, err)
			}
		})
	}
}

// TestClientPeopleShareTheRequestPath checks that the new endpoints fail,
// retry and time out as Conversation does.
func TestClientPeopleShareTheRequestPath(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(*Client) error{
		"admins":  func(c *Client) error { _, err := c.Admins(ctx); return err },
		"teams":   func(c *Client) error { _, err := c.Teams(ctx); return err },
		"contact": func(c *Client) error { _, err := c.Contact(ctx, "1"); return err },
		"me":      func(c *Client) error { _, err := c.Me(ctx); return err },
	}
	ok := jsonAnswer(200, `{"id":"1"}`)
	tests := []struct {
		name       string
		answer     answer
		wantStatus int  // of an *Error, or 0
		wantTime   bool // a *TimeoutError
		wantReqs   int32
		wantWaits  int
	}{
		{name: "403", answer: fixture(403, "error-403-api-plan-restricted.json"), wantStatus: 403, wantReqs: 1},
		{name: "404", answer: fixture(404, "error-404-not-found.json"), wantStatus: 404, wantReqs: 1},
		{name: "429 then 200", answer: sequence(fixture(429, "error-429-rate-limit-exceeded.json", "Retry-After", "3"), ok), wantReqs: 2, wantWaits: 1},
		{name: "503 forever", answer: fixture(503, "error-503-internal-error.json"), wantStatus: 503, wantReqs: 4, wantWaits: 3},
		{name: "no answer", answer: stall(false), wantTime: true, wantReqs: 1},
	}
	for name, call := range calls {
		for _, tt := range tests {
			t.Run(name+" "+tt.name, func(t *testing.T) {
				srv, n := intercom(t, tt.answer)
				fs := &fakeSleep{}
				c := testClient(srv, fs)
				if tt.wantTime {
					c.Timeout = 50 * time.Millisecond
				}
				var told int
				c.OnWait = func(Wait) { told++ }
				err := call(c)
				var e *Error
				var te *TimeoutError
				switch {
				case tt.wantStatus != 0 && (!errors.As(err, &e) || e.Status != tt.wantStatus):
					t.Errorf("want a %d *Error, got %T %v", tt.wantStatus, err, err)
				case tt.wantTime && !errors.As(err, &te):
					t.Errorf("want a *TimeoutError, got %T %v", err, err)
				case tt.wantStatus == 0 && !tt.wantTime && err != nil:
					t.Errorf("want no error, got %v", err)
				}
				if n.Load() != tt.wantReqs || len(fs.waits) != tt.wantWaits || told != tt.wantWaits {
					t.Errorf("want %d requests and %d waits told, got %d, %v and %d told", tt.wantReqs, tt.wantWaits, n.Load(), fs.waits, told)
				}
			})
		}
	}
}

// TestClientPeopleNeverLeakToken has the server echo the token and puts it
// in the base URL, for each endpoint.
func TestClientPeopleNeverLeakToken(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(*Client) error{
		"admins":  func(c *Client) error { _, err := c.Admins(ctx); return err },
		"teams":   func(c *Client) error { _, err := c.Teams(ctx); return err },
		"contact": func(c *Client) error { _, err := c.Contact(ctx, testToken); return err },
		"me":      func(c *Client) error { _, err := c.Me(ctx); return err },
	}
	echo := func(status int, body string) answer {
		return jsonAnswer(status, strings.ReplaceAll(body, "TOKEN", testToken))
	}
	answers := map[string]answer{
		"401 echo":        echo(401, `{"type":"error.list","request_id":"TOKEN","errors":[{"code":"TOKEN","message":"token TOKEN is invalid"}]}`),
		"403 echo":        echo(403, `{"type":"error.list","errors":[{"code":"token_unauthorized","message":"TOKEN lacks the scope"}]}`),
		"truncated 200":   echo(200, `{"type":"admin","id":"TOKEN`),
		"another type":    echo(200, `{"type":"`+strings.Repeat("x", 50)+`TOKEN"}`),
		"error.list 200":  echo(200, `{"type":"error.list","errors":[{"code":"TOKEN","message":"`+strings.Repeat("y", 40)+`TOKEN"}]}`),
		"attempt timeout": stall(true),
	}
	for name, call := range calls {
		for aname, a := range answers {
			t.Run(name+" "+aname, func(t *testing.T) {
				srv, _ := intercom(t, a)
				c := testClient(srv, &fakeSleep{})
				c.BaseURL = srv.URL + "/" + testToken
				if aname == "attempt timeout" {
					c.Timeout = 50 * time.Millisecond
				}
				err := call(c)
				if err == nil {
					t.Fatal("want an error, got none")
				}
				for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err)} {
					if strings.Contains(s, testToken[:8]) {
						t.Errorf("the token leaked: %q", s)
					}
				}
			})
		}
	}
}
