package api

import (
	"os"
	"reflect"
	"testing"
)

// API 1.x lists everyone who took part under "customers", the user among
// them: each is a contact, once, in order, and the first reply is kept.
func TestLegacyCustomersAreKept(t *testing.T) {
	body, err := os.ReadFile("testdata/legacy-v1-customers.json")
	if err != nil {
		t.Fatal(err)
	}
	c := mustDecode(t, string(body))
	want := []Ref{
		{Type: "user", ID: "536e564f316c83104c000020"},
		{Type: "lead", ID: "5a1b2c3d4e5f60718293a4b5"},
		{Type: "user", ID: "59b8e2c1f0a1b2c3d4e5f607"},
	}
	if got := c.Contacts.Contacts; !reflect.DeepEqual(got, want) {
		t.Errorf("contacts = %+v, want %+v", got, want)
	}
	if c.FirstContactReply == nil || c.FirstContactReply.CreatedAt.Time().Unix() != 1400850973 {
		t.Errorf("first contact reply = %+v, want the customer_first_reply", c.FirstContactReply)
	}
	if c.AdminAssigneeID != "724860" {
		t.Errorf("admin assignee = %q, want 724860", c.AdminAssigneeID)
	}
}

func TestLegacyContacts(t *testing.T) {
	tests := []struct {
		name      string
		user      *Ref
		customers []Ref
		want      []Ref
	}{
		{"none", nil, nil, nil},
		{"user only", &Ref{Type: "user", ID: "1"}, nil, []Ref{{Type: "user", ID: "1"}}},
		{"customers only", nil, []Ref{{Type: "lead", ID: "2"}, {Type: "user", ID: "3"}},
			[]Ref{{Type: "lead", ID: "2"}, {Type: "user", ID: "3"}}},
		{"the user again among customers", &Ref{Type: "user", ID: "1"}, []Ref{{Type: "user", ID: "1"}, {Type: "lead", ID: "2"}},
			[]Ref{{Type: "user", ID: "1"}, {Type: "lead", ID: "2"}}},
		{"entries without an id", &Ref{Type: "user"}, []Ref{{Type: "lead"}, {Type: "lead", ID: "2"}},
			[]Ref{{Type: "lead", ID: "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := legacyContacts(tt.user, tt.customers); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("legacyContacts = %+v, want %+v", got, tt.want)
			}
		})
	}
}
