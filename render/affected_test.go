package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

func TestAffectedBy(t *testing.T) {
	c := idsOnly()
	for i := range 30 {
		c.Contacts.Contacts = append(c.Contacts.Contacts, api.Ref{Type: "contact", ID: api.ID(fmt.Sprintf("listed%d", i))})
	}
	c.Source.Author = api.Author{Type: "user", ID: "opener"} // no name: only a look-up names them
	c.ConversationParts.Parts = []api.Part{
		{PartType: "comment", Body: "<p>hi</p>", Author: api.Author{Type: "lead", ID: "named", Name: "Ann"}},
		{PartType: "comment", Body: "<p>hi</p>", Author: api.Author{Type: "user", ID: "anonymous"}},
		{PartType: "participant_added", Author: api.Author{Type: "admin", ID: "1", Name: "Sam"},
			AssignedTo: &api.Ref{Type: "contact", ID: "added"}},
	}
	c.ConversationRating = &api.Rating{Rating: 5, Contact: &api.Ref{Type: "contact", ID: "rater"}}
	a := AffectedBy(c)
	contact := func(id string) api.Lookup { return api.Lookup{Kind: api.LookupContact, ContactID: api.ID(id)} }
	tests := []struct {
		name   string
		lookup api.Lookup
		want   bool
	}{
		{"the admins", admins, true},
		{"the teams", teams, true},
		{"a failed admins look-up", failed(api.LookupAdmins, refused), true},
		{"the workspace: only the web link", me, false},
		{"the first contact listed", contact("c1"), true},
		{"the last contact listed in the details", contact(fmt.Sprintf("listed%d", ContactsListed-2)), true},
		{"a contact listed past the details' limit", contact(fmt.Sprintf("listed%d", ContactsListed-1)), false},
		{"an author without a name", contact("anonymous"), true},
		{"the opening message's author without a name", contact("opener"), true},
		{"an author with a name", contact("named"), false},
		{"a participant added", contact("added"), true},
		{"the rating's contact", contact("rater"), true},
		{"a contact the conversation never names", contact("stranger"), false},
		{"a failed look-up of a contact listed", api.Lookup{Kind: api.LookupContact, ContactID: "c1", Err: refused}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.By(tt.lookup); got != tt.want {
				t.Errorf("By(%s %s) = %v, want %v", tt.lookup.Kind, tt.lookup.ContactID, got, tt.want)
			}
		})
	}
}

// A Snapshot keeps what the names were: Adds after it change the names,
// not the snapshot, and copy only the map they write.
func TestNamesSnapshot(t *testing.T) {
	n := namesOf(admins, teams, contact)
	snap := n.Snapshot()
	n.Add(api.Lookup{Kind: api.LookupContact, ContactID: "c1", Contact: &api.Contact{ID: "c1", Name: "Jo Changed"}})
	n.Add(failed(api.LookupTeams, refused))
	if got, _ := snap.contact("c1"); got.name != "Joe Bloggs" {
		t.Errorf("the snapshot's contact c1 = %q after an Add, want Joe Bloggs", got.name)
	}
	if snap.Failed(api.LookupTeams) != "" {
		t.Error("a failure added after the snapshot reached it")
	}
	if got, _ := n.contact("c1"); got.name != "Jo Changed" {
		t.Errorf("the names' contact c1 = %q, want Jo Changed", got.name)
	}
	if fmt.Sprintf("%p", n.admins) != fmt.Sprintf("%p", snap.admins) {
		t.Error("the admins, which no Add wrote, were copied")
	}
	secs := Details(idsOnly(), Options{Names: snap})
	if rows := strings.Join(sectionRows(secs, "Contacts"), "\n"); !strings.Contains(rows, "Joe Bloggs") {
		t.Errorf("the details with the snapshot lack Joe Bloggs:\n%s", rows)
	}
}
