package api

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// LookupKind says what a Lookup looked up.
type LookupKind string

// The look-ups of a Directory.
const (
	LookupAdmins  LookupKind = "admins"  // GET /admins
	LookupTeams   LookupKind = "teams"   // GET /teams
	LookupContact LookupKind = "contact" // GET /contacts/{id}, one per contact
	LookupMe      LookupKind = "me"      // GET /me, for the workspace id
)

// Lookup is the outcome of one look-up. Err is set when the request failed
// (a 403 for a token without that scope, a 404, a 429 after the retries, a
// timeout); the admins, teams or workspace from an older cache entry may
// still come with it, to show rather than nothing.
type Lookup struct {
	Kind      LookupKind
	ContactID ID       // the contact looked up, for LookupContact
	Admins    []Admin  // LookupAdmins
	Teams     []Team   // LookupTeams
	Contact   *Contact // LookupContact
	AppID     string   // LookupMe: the workspace id of web inbox links
	App       *App     // LookupMe: the workspace, with its region
	Cached    bool     // the answer came from the cache
	Err       error
}

// contactConcurrency caps the contact look-ups in flight at once.
const contactConcurrency = 4

// ContactLookupLimit is how many of a conversation's contacts Resolve and
// Refresh look up: the first ones it lists. A conversation may list
// thousands (a mass email), and each is a request of its own.
const ContactLookupLimit = 25

// errNoWorkspace is a GET /me answer without a workspace id.
var errNoWorkspace = errors.New("GET /me named no workspace")

// Directory looks up the names behind the ids of a conversation: its admins,
// teams and contacts, and the workspace id for its web link. Client must be
// set; it is used from several goroutines at once, so its OnWait, if set,
// must be safe for that. Cache may be nil, for no cache.
type Directory struct {
	Client *Client
	Cache  *Cache
	// AppID is the workspace id when the configuration names it: GET /me
	// is then skipped, and the cache is kept apart for that workspace.
	AppID string
}

// Resolve starts the look-ups for conv and returns at once; the returned
// channel is closed when all of them have ended. It runs GET /admins, GET
// /teams and GET /me (unless AppID is set) concurrently, each answered from
// the cache when fresh, and GET /contacts/{id} for each of the first
// ContactLookupLimit contacts, at most four at a time and never cached. Each look-up is reported as it ends,
// through report, which is called from the look-ups' goroutines, one call at
// a time, and must not block for long. A failed look-up is reported with its
// Err and does not stop the others. Cancelling ctx stops every look-up;
// nothing is reported once ctx is done.
//
// Cached admins or teams that lack someone conv names (a new teammate, or
// another workspace of the same region) are fetched again, and then so is
// the workspace id.
func (d *Directory) Resolve(ctx context.Context, conv *Conversation, report func(Lookup)) <-chan struct{} {
	return d.start(ctx, conv, report, false)
}

// Refresh is Resolve without reading the cache: every look-up asks Intercom
// afresh, and the cache is rewritten with the answers.
func (d *Directory) Refresh(ctx context.Context, conv *Conversation, report func(Lookup)) <-chan struct{} {
	return d.start(ctx, conv, report, true)
}

// resolution is one run of the look-ups.
type resolution struct {
	d       *Directory
	ctx     context.Context
	conv    *Conversation
	refresh bool
	wg      sync.WaitGroup

	mu     sync.Mutex // serialises report
	report func(Lookup)
}

func (d *Directory) start(ctx context.Context, conv *Conversation, report func(Lookup), refresh bool) <-chan struct{} {
	r := &resolution{d: d, ctx: ctx, conv: conv, refresh: refresh, report: report}
	done := make(chan struct{})
	r.wg.Go(r.workspace)
	ids := contactIDs(conv)
	var next atomic.Int64
	for range min(contactConcurrency, len(ids)) {
		r.wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ids) || ctx.Err() != nil {
					return
				}
				r.contact(ids[i])
			}
		})
	}
	go func() {
		r.wg.Wait()
		close(done)
	}()
	return done
}

// send reports l, unless the caller has gone.
func (r *resolution) send(l Lookup) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx.Err() == nil {
		r.report(l)
	}
}

// load reads a cache entry like Cache.load, and cleans it as an answer
// is cleaned: a cache file is no more trusted than the API.
func (r *resolution) load(cache *Cache, kind, scope string, v any) (have, fresh bool) {
	have, fresh = cache.load(kind, scope, v)
	if have {
		Clean(v, r.d.Client.scrubber())
	}
	return have, fresh
}

// workspace answers admins, teams and the workspace id from the cache, and
// starts a fetch for each that it cannot answer.
func (r *resolution) workspace() {
	cache := r.d.Cache
	scope, err := r.d.Client.cacheScope(r.d.AppID)
	if err != nil {
		cache = nil // the fetches report the bad base URL
	}
	missedAdmin := r.admins(cache, scope)
	missedTeam := r.teams(cache, scope)
	if r.d.AppID == "" {
		r.me(cache, scope, missedAdmin || missedTeam)
	}
}

// admins answers from the cache when it is fresh and knows every admin conv
// names, and fetches otherwise; it reports whether a fresh cache missed one.
// Should the fetch fail, the cached admins come with the error.
func (r *resolution) admins(cache *Cache, scope string) (missed bool) {
	return lookUpList(r, cache, scope, listLookup[Admin]{
		cacheKind: cacheAdmins,
		id:        func(a Admin) ID { return a.ID },
		want:      adminIDs(r.conv),
		fetch:     r.d.Client.Admins,
		lookup:    func(a []Admin) Lookup { return Lookup{Kind: LookupAdmins, Admins: a} },
	})
}

// teams is admins for teams.
func (r *resolution) teams(cache *Cache, scope string) (missed bool) {
	return lookUpList(r, cache, scope, listLookup[Team]{
		cacheKind: cacheTeams,
		id:        func(t Team) ID { return t.ID },
		want:      teamIDs(r.conv),
		fetch:     r.d.Client.Teams,
		lookup:    func(t []Team) Lookup { return Lookup{Kind: LookupTeams, Teams: t} },
	})
}

// listLookup is what tells the look-ups of the workspace's lists apart.
type listLookup[T any] struct {
	cacheKind string
	id        func(T) ID
	want      []ID // the ids conv names, which a cached list must know
	fetch     func(context.Context) ([]T, error)
	lookup    func([]T) Lookup // the list as its Lookup
}

// lookUpList answers a list from the cache when it is fresh and knows every
// id in l.want, and fetches it otherwise; it reports whether a fresh cache
// missed one. Should the fetch fail, the cached list comes with the error.
func lookUpList[T any](r *resolution, cache *Cache, scope string, l listLookup[T]) (missed bool) {
	var cached []T
	have, fresh := r.load(cache, l.cacheKind, scope, &cached)
	known := knows(cached, l.id, l.want)
	if fresh && known && !r.refresh {
		found := l.lookup(cached)
		found.Cached = true
		r.send(found)
		return false
	}
	r.wg.Go(func() {
		list, err := l.fetch(r.ctx)
		found := l.lookup(list)
		if err == nil {
			_ = cache.store(l.cacheKind, scope, list, r.d.Client.scrubber())
		} else if have {
			found = l.lookup(cached)
			found.Cached = true
		}
		found.Err = err
		r.send(found)
	})
	return fresh && !known
}

// me answers the workspace id from the cache when it is fresh and not
// suspect (the cached admins or teams missed someone, as they would for
// another workspace of the same region), and fetches it otherwise.
func (r *resolution) me(cache *Cache, scope string, suspect bool) {
	var app App
	have, fresh := r.load(cache, cacheApp, scope, &app)
	have = have && app.IDCode != "" && !suspect
	if have && fresh && !r.refresh {
		r.send(Lookup{Kind: LookupMe, AppID: app.IDCode, App: &app, Cached: true})
		return
	}
	r.wg.Go(func() {
		l := Lookup{Kind: LookupMe}
		me, err := r.d.Client.Me(r.ctx)
		switch {
		case err == nil && me.App != nil && me.App.IDCode != "":
			l.AppID, l.App = me.App.IDCode, me.App
			_ = cache.store(cacheApp, scope, me.App, r.d.Client.scrubber())
		case err == nil:
			l.Err = errNoWorkspace
		default:
			l.Err = err
			if have {
				l.AppID, l.App, l.Cached = app.IDCode, &app, true
			}
		}
		r.send(l)
	})
}

// contact looks up one contact, with its companies' names when the contact
// names them by id only.
func (r *resolution) contact(id ID) {
	l := Lookup{Kind: LookupContact, ContactID: id}
	l.Contact, l.Err = r.d.Client.Contact(r.ctx, string(id))
	if l.Err == nil && unnamedCompanies(l.Contact.Companies) {
		// Best effort: without the names the contact is still worth showing.
		if companies, err := r.d.Client.ContactCompanies(r.ctx, string(id)); err == nil {
			nameCompanies(&l.Contact.Companies, companies)
		}
	}
	r.send(l)
}

// adminIDs are the admins conv names whose names are shown: the assignee
// and the teammates who wrote.
func adminIDs(conv *Conversation) []ID {
	if conv == nil {
		return nil
	}
	var ids []ID
	if conv.AdminAssigneeID.Set() {
		ids = append(ids, conv.AdminAssigneeID)
	}
	for _, t := range conv.Teammates.Teammates {
		if t.ID.Set() && (t.Type == "" || t.Type == "admin") {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// teamIDs are the teams conv names whose names are shown: the assignee.
func teamIDs(conv *Conversation) []ID {
	if conv == nil || !conv.TeamAssigneeID.Set() {
		return nil
	}
	return []ID{conv.TeamAssigneeID}
}

// contactIDs are the contacts to look up: conv's first ContactLookupLimit,
// each once.
func contactIDs(conv *Conversation) []ID {
	if conv == nil {
		return nil
	}
	var ids []ID
	seen := map[ID]bool{}
	for _, c := range conv.Contacts.Contacts {
		if len(ids) == ContactLookupLimit {
			break
		}
		if c.ID != "" && !seen[c.ID] {
			seen[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// knows reports whether list has every id in want.
func knows[T any](list []T, id func(T) ID, want []ID) bool {
	have := make(map[ID]bool, len(list))
	for _, x := range list {
		have[id(x)] = true
	}
	for _, w := range want {
		if !have[w] {
			return false
		}
	}
	return true
}

// unnamedCompanies reports whether the list names a company by id only.
func unnamedCompanies(l CompanyList) bool {
	if len(l.Data) == 0 {
		return l.TotalCount > 0
	}
	for _, c := range l.Data {
		if c.Name == "" {
			return true
		}
	}
	return false
}

// nameCompanies fills in the names of l's companies from full, and adds
// those of full that l left out (it holds ten at most).
func nameCompanies(l *CompanyList, full []Company) {
	byID := make(map[ID]Company, len(full))
	for _, c := range full {
		byID[c.ID] = c
	}
	listed := make(map[ID]bool, len(l.Data))
	for i, c := range l.Data {
		listed[c.ID] = true
		if f, ok := byID[c.ID]; ok && c.Name == "" {
			l.Data[i].Name = f.Name
			if l.Data[i].CompanyID == "" {
				l.Data[i].CompanyID = f.CompanyID
			}
		}
	}
	for _, c := range full {
		if !listed[c.ID] {
			l.Data = append(l.Data, c)
		}
	}
}
