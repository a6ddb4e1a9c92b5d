package api

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Region is one of Intercom's hosting regions: where its API answers and
// where its web inbox lives.
type Region struct {
	Name    string // us, eu or au, as the configuration spells it
	BaseURL string // the REST API: https://api.eu.intercom.io
	WebHost string // the web inbox: app.eu.intercom.com
}

// Base URLs of Intercom's regional hosts.
const (
	BaseUS = "https://api.intercom.io"
	BaseEU = "https://api.eu.intercom.io"
	BaseAU = "https://api.au.intercom.io"
)

// Regions lists Intercom's regions, us (the default) first.
func Regions() []Region {
	return []Region{
		{Name: "us", BaseURL: BaseUS, WebHost: "app.intercom.com"},
		{Name: "eu", BaseURL: BaseEU, WebHost: "app.eu.intercom.com"},
		{Name: "au", BaseURL: BaseAU, WebHost: "app.au.intercom.com"},
	}
}

// RegionNamed is the region named name in either case, as the
// configuration ("eu") or Intercom's GET /me ("EU") spells it; "" is us.
func RegionNamed(name string) (Region, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		name = "us"
	}
	for _, r := range Regions() {
		if r.Name == name {
			return r, true
		}
	}
	return Region{}, false
}

// BaseURL returns the API base URL of a region: us, eu or au. An empty region
// is us, Intercom's default.
func BaseURL(region string) (string, error) {
	if r, ok := RegionNamed(region); ok {
		return r.BaseURL, nil
	}
	return "", fmt.Errorf("unknown region %q: want us, eu or au", clean(region))
}

// appID is what a workspace id must look like to be put in a link:
// Intercom's are a few letters and digits.
var appID = regexp.MustCompile(`^[A-Za-z0-9]{1,40}$`)

// ValidAppID reports whether s is shaped like a workspace id, whether it
// comes from the configuration or from GET /me.
func ValidAppID(s string) bool { return appID.MatchString(s) }

// WebLink is conversation id in the region's web inbox,
// https://app.intercom.com/a/inbox/<app_id>/inbox/conversation/<id>; "" without
// an app id or an id. Both ids are escaped: clean values (see Clean) may still
// hold a slash or a space.
func (r Region) WebLink(appID, id string) string {
	if appID == "" || id == "" {
		return ""
	}
	host := cmp.Or(r.WebHost, Regions()[0].WebHost)
	return "https://" + host + "/a/inbox/" + url.PathEscape(appID) + "/inbox/conversation/" + url.PathEscape(id)
}
