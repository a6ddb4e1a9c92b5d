package config

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// appHosts maps the web inbox's hosts to the API region they live in:
// api.Regions' web hosts, and the older app.intercom.io. config may not
// import api; main's tests check the two agree.
var appHosts = map[string]string{
	"app.intercom.com":    "us",
	"app.intercom.io":     "us",
	"app.eu.intercom.com": "eu",
	"app.au.intercom.com": "au",
}

var (
	numericID = regexp.MustCompile(`^[0-9]{1,40}$`)
	// negativeNumber is what people type for an id by mistake ("-5"); the
	// command line takes it for an argument, not a flag, so that the error
	// can say what an id is.
	negativeNumber = regexp.MustCompile(`^-[0-9]+$`)
	// The conversation id is the number after "conversation/" (the inbox:
	// /a/inbox/<app>/inbox/conversation/<id>, .../shared/all/conversation/<id>,
	// .../admin/<admin>/conversation/<id>) or "conversations/" (the older
	// /a/apps/<app>/conversations/<id>).
	linkID = regexp.MustCompile(`/conversations?/([0-9]{1,40})(?:/|$)`)
	// A ticket's link has "ticket/" or "tickets/" where a conversation's
	// has "conversation/" (/a/inbox/<app>/inbox/ticket/<id>, the older
	// /a/apps/<app>/tickets/<id>); its number may be the ticket's id or
	// the one the Inbox shows, which the fetch tells apart.
	linkTicket = regexp.MustCompile(`/tickets?/([0-9]{1,40})(?:/|$)`)
	// The workspace is the path's third part: /a/inbox/<app>/... or
	// /a/apps/<app>/...
	linkApp = regexp.MustCompile(`^/a/(?:inbox|apps)/([^/]+)/`)
)

const targetShapes = "give a conversation id (12345) or its inbox link " +
	"(https://app.intercom.com/a/inbox/<app>/inbox/conversation/12345), or convo ticket ID|URL"

// Target is what the conversation argument names.
type Target struct {
	ID     string // the conversation id
	Region string // the link's host's region; "" for a bare id
	AppID  string // the workspace id in the link's path; "" for a bare id
	Ticket bool   // a ticket's link: ID is a ticket's (config may not import api's Kind)
}

// ParseTarget reads the conversation argument: a numeric id (also "#123"),
// or a link pasted from the web inbox (with or without "https://"), whose host also names the region and whose
// path names the workspace.
func ParseTarget(arg string) (Target, error) {
	arg = strings.TrimSpace(arg)
	if id, ok := strings.CutPrefix(arg, "#"); ok && numericID.MatchString(id) {
		arg = id // "#123", as the inbox writes a conversation
	}
	if numericID.MatchString(arg) && strings.Trim(arg, "0") != "" {
		return Target{ID: arg}, nil
	}
	if numericID.MatchString(arg) || negativeNumber.MatchString(arg) {
		return Target{}, usagef("%s is not a conversation id: ids are positive numbers, such as 12345", clip(arg))
	}
	if !strings.Contains(arg, "://") && strings.Contains(arg, "/") {
		arg = "https://" + arg // a link copied without its scheme
	}
	u, perr := url.Parse(arg)
	if perr != nil || u.Host == "" {
		return Target{}, usagef("%q is not a conversation: %s", clip(arg), targetShapes)
	}
	region, ok := appHosts[strings.ToLower(u.Hostname())]
	if !ok {
		return Target{}, usagef("%s is not an Intercom inbox host: %s", clip(u.Hostname()), targetShapes)
	}
	t := Target{Region: region}
	if m := linkID.FindStringSubmatch(u.Path); m != nil {
		t.ID = m[1]
	} else if m := linkTicket.FindStringSubmatch(u.Path); m != nil {
		t.ID, t.Ticket = m[1], true
	} else {
		return Target{}, usagef("the link names no conversation: %s", targetShapes)
	}
	if a := linkApp.FindStringSubmatch(u.Path); a != nil && appID.MatchString(a[1]) {
		t.AppID = a[1]
	}
	return t, nil
}

// APIVersions lists the Intercom-Version values convo accepts: those whose
// Conversation model it knows. Later versions only add fields, which
// convo shows; an unknown version might change them under it.
var APIVersions = []string{"2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Unstable"}

// knownVersion is v as Intercom spells it ("unstable" is "Unstable"), or
// "" when convo does not know it.
func knownVersion(v string) string {
	for _, known := range APIVersions {
		if strings.EqualFold(strings.TrimSpace(v), known) {
			return known
		}
	}
	return ""
}

// versionHint says which versions to use, for errors.
func versionHint() string {
	return "use one of " + strings.Join(APIVersions, ", ")
}

// Regions lists the API regions by name, as api.Regions does.
var Regions = []string{"us", "eu", "au"}

func checkRegion(r string) error {
	if slices.Contains(Regions, r) {
		return nil
	}
	return usagef("region %q: use one of %s", clip(r), strings.Join(Regions, ", "))
}
