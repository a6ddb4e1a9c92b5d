package render

import "github.com/convo-cli/convo/api"

// Affected says which look-ups can change what Items and Details show for a
// conversation; see AffectedBy.
type Affected struct {
	contacts map[string]bool // the contacts Items or Details name
}

// AffectedBy is which look-ups can change what Items and Details show for
// c: the admins' and the teams' (the assignee, the teammates, the authors
// and events that name them), but not the workspace's (only the web link),
// and a contact's only when Details lists that contact or a part names it
// by id alone (as an author without a name, in an event, in the rating).
// Making it reads every part once; asking it is a map look-up, so a
// conversation with thousands of contacts need not redo anything for those
// it never shows.
func AffectedBy(c *api.Conversation) Affected {
	a := Affected{contacts: map[string]bool{}}
	add := func(typ string, id api.ID) {
		if isContactType(typ) {
			a.contacts[string(id)] = true
		}
	}
	author := func(au api.Author) {
		if au.Name == "" {
			add(au.Type, au.ID)
		}
	}
	for i, ref := range c.Contacts.Contacts {
		if i == ContactsListed {
			break
		}
		a.contacts[string(ref.ID)] = true
	}
	author(c.Source.Author)
	for _, part := range c.ConversationParts.Parts {
		author(part.Author)
		if to := part.AssignedTo; to != nil {
			add(to.Type, to.ID)
		}
	}
	if r := c.ConversationRating; r != nil && r.Contact != nil {
		add("contact", r.Contact.ID)
	}
	return a
}

// By reports whether l's answer can change what Items or Details show.
func (a Affected) By(l api.Lookup) bool {
	switch l.Kind {
	case api.LookupContact:
		return a.contacts[string(l.ContactID)]
	case api.LookupMe:
		return false
	}
	return true
}
