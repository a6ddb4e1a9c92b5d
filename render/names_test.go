package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// idsOnly is a conversation that names its assignees, contact and teammate
// by id only, as most do.
func idsOnly() *api.Conversation {
	return &api.Conversation{
		ID: "367", State: "open",
		AdminAssigneeID: "991267715", TeamAssigneeID: "5017691",
		Contacts:  api.ContactList{Contacts: []api.Ref{{Type: "contact", ID: "c1", ExternalID: "70"}}},
		Teammates: api.TeammateList{Teammates: []api.Ref{{Type: "admin", ID: "991267716"}}},
	}
}

var (
	admins = api.Lookup{Kind: api.LookupAdmins, Admins: []api.Admin{
		{ID: "991267715", Name: "Sam O&#39;Neill", Email: "sam@example.com", AwayModeEnabled: true},
		{ID: "991267716", Name: "Ana Ruiz"},
	}}
	teams   = api.Lookup{Kind: api.LookupTeams, Teams: []api.Team{{ID: "5017691", Name: "Billing"}}}
	contact = api.Lookup{Kind: api.LookupContact, ContactID: "c1", Contact: &api.Contact{
		ID: "c1", Role: "lead", Name: "Joe Bloggs", Email: "joe@example.com",
		Location:  api.Location{City: "Dublin", Region: "Leinster", Country: "Ireland"},
		Companies: api.CompanyList{Data: []api.Company{{ID: "1", Name: "Acme"}, {ID: "2"}, {ID: "3", Name: "Globex"}}},
	}}
	me = api.Lookup{Kind: api.LookupMe, AppID: "xyz789", App: &api.App{IDCode: "xyz789", Region: "AU"}}

	refused  = &api.Error{Status: 403, Code: "token_unauthorized"}
	timedOut = &api.TimeoutError{Host: "api.intercom.io"}
)

// namesOf folds the look-ups into a Names, as the screen and main do,
// cleaned as api.Directory delivers them.
func namesOf(ls ...api.Lookup) *Names {
	n := &Names{}
	for _, l := range ls {
		api.Clean(&l, nil)
		n.Add(l)
	}
	return n
}

// failed is the look-up of kind failing with err.
func failed(kind api.LookupKind, err error) api.Lookup { return api.Lookup{Kind: kind, Err: err} }

// sectionRows is a section's rows as "Label: value".
func sectionRows(secs []Section, title string) []string {
	var out []string
	for _, s := range secs {
		if s.Title == title {
			for _, r := range s.Rows {
				out = append(out, r.Label+": "+r.Value)
			}
		}
	}
	return out
}

func TestDetailsWithNames(t *testing.T) {
	unnamedContact := []string{"Contact: c1", "External ID: 70"}
	tests := []struct {
		name                         string
		names                        *Names
		assignee, contacts, teammate []string
	}{
		{"no look-ups", nil,
			[]string{"Admin: admin 991267715", "Team: team 5017691"}, unnamedContact, []string{"Teammate: admin 991267716"}},
		{"not answered yet", namesOf(),
			[]string{"Admin: admin 991267715", "Team: team 5017691"}, unnamedContact, []string{"Teammate: admin 991267716"}},
		{"every look-up answered", namesOf(admins, teams, contact, me),
			[]string{"Admin: Sam O'Neill (away)", "Team: Billing"},
			[]string{"Contact: Joe Bloggs", "Email: joe@example.com", "Role: lead", "Company: Acme, Globex",
				"Location: Dublin, Ireland", "ID: c1", "External ID: 70"},
			[]string{"Teammate: Ana Ruiz"}},
		{"admins refused", namesOf(failed(api.LookupAdmins, refused), teams),
			[]string{"Admin: admin 991267715", "Team: Billing", "Names: unavailable (403)"}, unnamedContact,
			[]string{"Teammate: admin 991267716", "Names: unavailable (403)"}},
		{"teams timed out", namesOf(admins, failed(api.LookupTeams, timedOut)),
			[]string{"Admin: Sam O'Neill (away)", "Team: team 5017691", "Names: unavailable (timed out)"}, unnamedContact,
			[]string{"Teammate: Ana Ruiz"}},
		{"contact not found", namesOf(admins, teams, api.Lookup{Kind: api.LookupContact, ContactID: "c1", Err: &api.Error{Status: 404}}),
			[]string{"Admin: Sam O'Neill (away)", "Team: Billing"},
			[]string{"Contact: c1", "External ID: 70", "Names: unavailable (404)"}, []string{"Teammate: Ana Ruiz"}},
		{"refused, but cached before", namesOf(api.Lookup{Kind: api.LookupAdmins, Admins: admins.Admins, Cached: true, Err: refused}),
			[]string{"Admin: Sam O'Neill (away)", "Team: team 5017691"}, unnamedContact, []string{"Teammate: Ana Ruiz"}},
		{"answered, then refused on reload", namesOf(admins, failed(api.LookupAdmins, refused)),
			[]string{"Admin: Sam O'Neill (away)", "Team: team 5017691"}, unnamedContact, []string{"Teammate: Ana Ruiz"}},
		{"refused, then answered", namesOf(failed(api.LookupAdmins, refused), admins),
			[]string{"Admin: Sam O'Neill (away)", "Team: team 5017691"}, unnamedContact, []string{"Teammate: Ana Ruiz"}},
		{"an unknown kind is ignored", namesOf(api.Lookup{Kind: "tickets", Err: refused}),
			[]string{"Admin: admin 991267715", "Team: team 5017691"}, unnamedContact, []string{"Teammate: admin 991267716"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Names = tt.names
			secs := Details(idsOnly(), o)
			for _, s := range []struct {
				title string
				want  []string
			}{{"Assignee", tt.assignee}, {"Contacts", tt.contacts}, {"Teammates", tt.teammate}} {
				if got := sectionRows(secs, s.title); !slices.Equal(got, s.want) {
					t.Errorf("%s rows\n got %q\nwant %q", s.title, got, s.want)
				}
			}
			for _, s := range secs {
				for _, r := range s.Rows {
					if r.Label == "Names" && r.Tone != ToneDim {
						t.Errorf("the %s hint is not dim", s.Title)
					}
				}
			}
		})
	}
}

// The parts' own names win over the look-ups': they are the names the
// transcript shows.
func TestPartsNamesWin(t *testing.T) {
	c := idsOnly()
	c.ConversationParts.Parts = []api.Part{{ID: "1", PartType: "comment", Body: "<p>hi</p>",
		Author: api.Author{Type: "admin", ID: "991267716", Name: "Ana R."}}}
	o := testOptions()
	o.Names = namesOf(admins)
	if got := sectionRows(Details(c, o), "Teammates"); !slices.Equal(got, []string{"Teammate: Ana R."}) {
		t.Errorf("teammates %q, want the part's name", got)
	}
}

// Events name the people the conversation leaves as ids once the
// look-ups know them, in the items and in every printed format.
func TestEventsWithNames(t *testing.T) {
	c := idsOnly()
	c.ConversationParts.Parts = []api.Part{{ID: "1", PartType: "assignment",
		Author: api.Author{Type: "admin", ID: "991267716"}, AssignedTo: &api.Ref{Type: "team", ID: "5017691"}}}
	tests := []struct {
		name  string
		names *Names
		want  string
	}{
		{"no look-ups", nil, "admin 991267716 assigned the conversation to team 5017691"},
		{"look-ups", namesOf(admins, teams), "Ana Ruiz assigned the conversation to Billing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Items(c, tt.names)[0].Event; got != tt.want {
				t.Errorf("event = %q, want %q", got, tt.want)
			}
			o := testOptions()
			o.Names = tt.names
			for format, write := range map[string]func(*bytes.Buffer) error{
				"text":     func(b *bytes.Buffer) error { return WriteText(b, c, o) },
				"markdown": func(b *bytes.Buffer) error { return WriteMarkdown(b, c, o) },
				"json":     func(b *bytes.Buffer) error { return WriteJSON(b, c, o) },
			} {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(b.String(), tt.want) {
					t.Errorf("%s output lacks %q:\n%s", format, tt.want, b.String())
				}
			}
		})
	}
}

func TestJSONWithNames(t *testing.T) {
	tests := []struct {
		name  string
		names *Names
		want  string
	}{
		{"no look-ups", nil,
			`{"web_link":null,"assignee":{"admin_id":"991267715","admin_name":null,"team_id":"5017691","team_name":null},` +
				`"contacts":[{"id":"c1","external_id":"70","name":null,"email":null,"role":null,"location":null,"companies":[]}],` +
				`"teammates":[{"id":"991267716","name":null}]}`},
		{"every look-up answered", namesOf(admins, teams, contact, me),
			`{"web_link":"https://app.au.intercom.com/a/inbox/xyz789/inbox/conversation/367",` +
				`"assignee":{"admin_id":"991267715","admin_name":"Sam O'Neill","team_id":"5017691","team_name":"Billing"},` +
				`"contacts":[{"id":"c1","external_id":"70","name":"Joe Bloggs","email":"joe@example.com","role":"lead",` +
				`"location":"Dublin, Ireland","companies":["Acme","Globex"]}],"teammates":[{"id":"991267716","name":"Ana Ruiz"}]}`},
		{"every look-up refused", namesOf(failed(api.LookupAdmins, refused), failed(api.LookupTeams, refused),
			failed(api.LookupMe, refused), api.Lookup{Kind: api.LookupContact, ContactID: "c1", Err: refused}),
			`{"web_link":null,"assignee":{"admin_id":"991267715","admin_name":null,"team_id":"5017691","team_name":null},` +
				`"contacts":[{"id":"c1","external_id":"70","name":null,"email":null,"role":null,"location":null,"companies":[]}],` +
				`"teammates":[{"id":"991267716","name":null}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Names = tt.names
			var b bytes.Buffer
			if err := WriteJSON(&b, idsOnly(), o); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				WebLink   json.RawMessage `json:"web_link"`
				Assignee  json.RawMessage `json:"assignee"`
				Contacts  json.RawMessage `json:"contacts"`
				Teammates json.RawMessage `json:"teammates"`
			}
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			picked, _ := json.Marshal(doc)
			var got bytes.Buffer
			_ = json.Compact(&got, picked)
			if got.String() != tt.want {
				t.Errorf("\n got %s\nwant %s", got.String(), tt.want)
			}
		})
	}
}

func TestPrintedWebLink(t *testing.T) {
	tests := []struct {
		name  string
		names *Names
		want  string // "" for no link
	}{
		{"no look-ups", nil, ""},
		{"the configured workspace", &Names{AppID: "abc123", Region: "eu"}, "https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/367"},
		{"GET /me's workspace and region", namesOf(me), "https://app.au.intercom.com/a/inbox/xyz789/inbox/conversation/367"},
		{"GET /me without a region keeps the configured one",
			func() *Names {
				n := &Names{Region: "eu"}
				n.Add(api.Lookup{Kind: api.LookupMe, AppID: "xyz789", App: &api.App{IDCode: "xyz789"}})
				return n
			}(), "https://app.eu.intercom.com/a/inbox/xyz789/inbox/conversation/367"},
		{"GET /me refused", namesOf(failed(api.LookupMe, refused)), ""},
		{"a workspace id that is not one", namesOf(api.Lookup{Kind: api.LookupMe, AppID: "../../evil?x=<y>"}), ""},
		{"a region that is not one", namesOf(api.Lookup{Kind: api.LookupMe, AppID: "xyz789", App: &api.App{Region: "mars"}}),
			"https://app.intercom.com/a/inbox/xyz789/inbox/conversation/367"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Names = tt.names
			var text, md bytes.Buffer
			if err := WriteText(&text, idsOnly(), o); err != nil {
				t.Fatal(err)
			}
			if err := WriteMarkdown(&md, idsOnly(), o); err != nil {
				t.Fatal(err)
			}
			wantText, wantMD := "\nLink: "+tt.want+"\n", "\n| Link | <"+tt.want+"> |\n"
			if tt.want == "" {
				if strings.Contains(text.String(), "Link:") || strings.Contains(md.String(), "| Link |") {
					t.Errorf("a link without a workspace:\n%s\n%s", text.String(), md.String())
				}
				return
			}
			if !strings.Contains(text.String(), wantText) {
				t.Errorf("text lacks %q:\n%s", wantText, text.String())
			}
			if !strings.Contains(md.String(), wantMD) {
				t.Errorf("markdown lacks %q:\n%s", wantMD, md.String())
			}
		})
	}
}

func TestWebLink(t *testing.T) {
	tests := []struct{ app, region, id, want string }{
		{"abc123", "", "1", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"abc123", "US", "1", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"abc123", "EU", "1", "https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"abc123", "au", "1", "https://app.au.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"abc123", "us", "1/../x?y", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1%2F..%2Fx%3Fy"},
		{"abc\x1b[2J123", "us", "1", "https://app.intercom.com/a/inbox/abc%1B%5B2J123/inbox/conversation/1"},
		{"", "us", "1", ""},
		{"abc123", "us", "", ""},
	}
	for _, tt := range tests {
		if got := WebLink(tt.app, tt.region, tt.id); got != tt.want {
			t.Errorf("WebLink(%q, %q, %q) = %q, want %q", tt.app, tt.region, tt.id, got, tt.want)
		}
	}
}

// What the look-ups answer is as untrusted as the conversation: nothing of
// a planted sequence reaches the details or the printed outputs.
func TestHostileNames(t *testing.T) {
	evil := "\x1b]0;pwned\x07Eve\u202e\x1b[2J &#27;[31m\u200bLee\x9b1m\n\tNext"
	n := namesOf(
		api.Lookup{Kind: api.LookupAdmins, Admins: []api.Admin{{ID: "991267715", Name: evil, Email: evil}, {ID: "991267716", Name: evil}}},
		api.Lookup{Kind: api.LookupTeams, Teams: []api.Team{{ID: "5017691", Name: evil}}},
		api.Lookup{Kind: api.LookupContact, ContactID: "c1", Contact: &api.Contact{ID: "c1", Name: evil, Email: evil, Role: evil,
			Location:  api.Location{City: evil, Country: evil},
			Companies: api.CompanyList{Data: []api.Company{{Name: evil}}}}},
		api.Lookup{Kind: api.LookupMe, AppID: evil, App: &api.App{IDCode: evil, Region: evil}},
	)
	o := testOptions()
	o.Names = n
	for _, s := range Details(idsOnly(), o) {
		for _, r := range s.Rows {
			what := s.Title + " · " + r.Label
			if err := termtest.CheckEscapes(r.Value); err != nil || strings.ContainsAny(r.Value, "\n\t") {
				t.Errorf("%s = %q: %v", what, r.Value, err)
			}
			checkNoLeak(t, what, r.Value)
		}
	}
	if got := sectionRows(Details(idsOnly(), o), "Assignee"); len(got) == 0 || !strings.Contains(got[0], "Eve") || !strings.Contains(got[0], "Lee") {
		t.Errorf("the hostile name lost its words: %q", got)
	}
	for _, f := range formats {
		var b bytes.Buffer
		if err := f.write(&b, idsOnly(), o); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if err := termtest.CheckEscapes(out); err != nil || strings.Contains(out, `\u001b`) || strings.Contains(out, "pwned") {
			t.Errorf("%s output: %v\n%s", f.ext, err, out)
		}
		if strings.Contains(out, "/a/inbox/") {
			t.Errorf("%s output made a link of a hostile workspace id", f.ext)
		}
	}
}

// A look-up's error never reaches the output as text: only its status.
func TestFailureWords(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{refused, "403"},
		{&api.Error{Status: 429}, "429"},
		{timedOut, "timed out"},
		{fmt.Errorf("GET /contacts: %w", context.DeadlineExceeded), "timed out"},
		{fmt.Errorf("not the admins: an Intercom error response (secret)"), "failed"},
	}
	for _, tt := range tests {
		if got := failure(tt.err); got != tt.want {
			t.Errorf("failure(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
