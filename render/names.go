package render

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"strconv"

	"github.com/convo-cli/convo/api"
)

// Names is what the look-ups of api.Directory found out about the people a
// conversation names by id only (GET /admins, GET /teams, GET
// /contacts/{id}) and about its workspace (GET /me), sanitised as it came
// in: the look-ups answer with untrusted text like every other response.
// The zero Names knows nothing; Add folds in each Lookup as it ends. Pass it
// as Options.Names: the details, the JSON and the printed outputs then name
// whom the conversation's own parts leave unnamed, and say quietly when a
// look-up failed.
type Names struct {
	// AppID and Region are the workspace of the web link (see Link): the
	// caller sets them from its configuration, and a GET /me answer
	// replaces them (Region only when the answer names one). Region is
	// us, eu or au; "" means us.
	AppID, Region string

	admins   map[string]adminInfo
	teams    map[string]string
	contacts map[string]contactInfo
	failed   map[api.LookupKind]string // why the admins, teams or workspace look-up failed
	unknown  map[string]string         // why a contact's look-up failed, by contact id
	shared   uint8                     // the maps a Snapshot shares, by the bits below
}

// The maps of Names, as bits of Names.shared.
const (
	sharedAdmins uint8 = 1 << iota
	sharedTeams
	sharedContacts
	sharedFailed
	sharedUnknown
	sharedAll = sharedAdmins | sharedTeams | sharedContacts | sharedFailed | sharedUnknown
)

// Snapshot is a copy of n that later Adds to n leave alone, to read in
// another goroutine. It copies no map now: Add copies the one map it writes,
// the first time it writes it after a Snapshot.
func (n *Names) Snapshot() *Names {
	n.shared = sharedAll
	c := *n
	return &c
}

// own makes m safe for Add to write: a new map for none, a copy for one a
// Snapshot shares (bit of *shared), else m itself.
func own[K comparable, V any](m map[K]V, shared *uint8, bit uint8) map[K]V {
	switch {
	case m == nil:
		m = map[K]V{}
	case *shared&bit != 0:
		m = maps.Clone(m)
	}
	*shared &^= bit
	return m
}

// adminInfo is an admin from GET /admins.
type adminInfo struct {
	name, email string
	away        bool
}

// contactInfo is a contact from GET /contacts/{id}.
type contactInfo struct {
	name, email, role, location string
	companies                   []string
}

// maxCompanies bounds the companies shown for a contact.
const maxCompanies = 10

// Add folds in one look-up's answer. A failed look-up is remembered by why
// it failed ("403", "timed out"), for the quiet hint that names are
// unavailable; what came with it (an older cache entry) is still used, and
// names known before stay known. A later success clears the failure.
func (n *Names) Add(l api.Lookup) {
	switch l.Kind {
	case api.LookupAdmins:
		for _, a := range l.Admins {
			if id := string(a.ID); id != "" {
				n.admins = own(n.admins, &n.shared, sharedAdmins)
				n.admins[id] = adminInfo{name: a.Name, email: a.Email, away: a.AwayModeEnabled}
			}
		}
	case api.LookupTeams:
		for _, t := range l.Teams {
			if id := string(t.ID); id != "" {
				n.teams = own(n.teams, &n.shared, sharedTeams)
				n.teams[id] = t.Name
			}
		}
	case api.LookupContact:
		n.addContact(l)
		return
	case api.LookupMe:
		if id := l.AppID; api.ValidAppID(id) {
			n.AppID = id
			// api.intercom.io answers for every region, so the
			// workspace's own region picks the host when it names one.
			if l.App != nil && l.App.Region != "" {
				if r, ok := api.RegionNamed(l.App.Region); ok {
					n.Region = r.Name
				}
			}
		}
	default:
		return
	}
	switch _, was := n.failed[l.Kind]; {
	case l.Err != nil:
		n.failed = own(n.failed, &n.shared, sharedFailed)
		n.failed[l.Kind] = failure(l.Err)
	case was:
		n.failed = own(n.failed, &n.shared, sharedFailed)
		delete(n.failed, l.Kind)
	}
}

func (n *Names) addContact(l api.Lookup) {
	id := string(l.ContactID)
	if id == "" {
		return
	}
	if l.Err != nil || l.Contact == nil {
		n.unknown = own(n.unknown, &n.shared, sharedUnknown)
		n.unknown[id] = failure(l.Err)
		return
	}
	if _, was := n.unknown[id]; was {
		n.unknown = own(n.unknown, &n.shared, sharedUnknown)
		delete(n.unknown, id)
	}
	c := l.Contact
	info := contactInfo{
		name:     c.Name,
		email:    c.Email,
		role:     c.Role,
		location: joinNonEmpty(", ", c.Location.City, c.Location.Country),
	}
	for _, co := range c.Companies.Data {
		if name := co.Name; name != "" && len(info.companies) < maxCompanies {
			info.companies = append(info.companies, name)
		}
	}
	n.contacts = own(n.contacts, &n.shared, sharedContacts)
	n.contacts[id] = info
}

// Link is the conversation with id in Intercom's web inbox, from AppID and
// Region; "" without either id.
func (n *Names) Link(id string) string {
	if n == nil {
		return ""
	}
	return WebLink(n.AppID, n.Region, id)
}

// LinkTo is c in Intercom's web inbox, as Link; "" for a ticket, whose
// page in the inbox convo does not know the address of.
func (n *Names) LinkTo(c *api.Conversation) string {
	if IsTicket(c) {
		return ""
	}
	return n.Link(string(c.ID))
}

// WebLink is conversation id in Intercom's web inbox on the region's host
// (see api.Region.WebLink); "" without an app id or an id. An unknown
// region is us.
func WebLink(appID, region, id string) string {
	r, _ := api.RegionNamed(region)
	return r.WebLink(appID, id)
}

// failure says in a word or two why a look-up failed: the HTTP status
// ("403"), "timed out", or "failed".
func failure(err error) string {
	var ae *api.Error
	switch {
	case errors.As(err, &ae):
		return strconv.Itoa(ae.Status)
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	}
	return "failed"
}

// admin is an admin the look-ups found, if any.
func (n *Names) admin(id string) (adminInfo, bool) {
	if n == nil {
		return adminInfo{}, false
	}
	a, ok := n.admins[id]
	return a, ok && a.name != ""
}

// contact is a contact the look-ups found, if any.
func (n *Names) contact(id string) (contactInfo, bool) {
	if n == nil {
		return contactInfo{}, false
	}
	c, ok := n.contacts[id]
	return c, ok
}

// Failed says why the latest look-up of kind failed ("403", "timed out",
// "failed"); "" when it did not, or never ran. Contacts fail one by one,
// and the details' Contacts section says so.
func (n *Names) Failed(kind api.LookupKind) string {
	if n == nil {
		return ""
	}
	return n.failed[kind]
}

// whyContact says why contact id's look-up failed, "" when it did not.
func (n *Names) whyContact(id string) string {
	if n == nil {
		return ""
	}
	return n.unknown[id]
}

// with fills in, from the look-ups, the names the conversation's own parts
// leave out; the parts' names win, being the ones the transcript shows.
func (p *people) with(n *Names) *people {
	p.names = n
	if n == nil {
		return p
	}
	for id, a := range n.admins {
		if a.name != "" && p.staff[id] == "" {
			p.staff[id] = a.name
		}
	}
	for id, name := range n.teams {
		if name != "" && p.teams[id] == "" {
			p.teams[id] = name
		}
	}
	for id, c := range n.contacts {
		old := p.contacts[id]
		p.contacts[id] = person{name: cmp.Or(old.name, c.name), email: cmp.Or(old.email, c.email)}
	}
	return p
}

// adminLabel is admin's name with "(away)" when the admin is in away mode:
// "Sam Lee (away)", "admin 991267715".
func (p *people) adminLabel(id api.ID) string {
	s := p.admin(id)
	if a, ok := p.names.admin(string(id)); ok && a.away {
		s += " (away)"
	}
	return s
}

// namedAdmin reports whether admin id has a name.
func (p *people) namedAdmin(id api.ID) bool { return p.staff[string(id)] != "" }

// namedTeam reports whether team id has a name.
func (p *people) namedTeam(id api.ID) bool { return p.teams[string(id)] != "" }

// hint is the quiet row that says names are unavailable and why: "Names:
// unavailable (403)".
func hint(why string) Row {
	return Row{Label: "Names", Value: "unavailable (" + why + ")", Tone: ToneDim}
}
