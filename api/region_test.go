package api

import "testing"

func TestRegions(t *testing.T) {
	tests := []struct {
		name, region    string
		ok              bool
		base, webHost   string
		appID, id, link string
	}{
		{"us", "us", true, BaseUS, "app.intercom.com", "abc123", "1", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"no region is us", "", true, BaseUS, "app.intercom.com", "abc123", "1", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"eu as GET /me spells it", "EU", true, BaseEU, "app.eu.intercom.com", "abc123", "1", "https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"au", " au ", true, BaseAU, "app.au.intercom.com", "abc123", "1", "https://app.au.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"an unknown region links on us", "mars", false, "", "", "abc123", "1", "https://app.intercom.com/a/inbox/abc123/inbox/conversation/1"},
		{"ids are escaped", "us", true, BaseUS, "app.intercom.com", "a/b", "1/../x?y", "https://app.intercom.com/a/inbox/a%2Fb/inbox/conversation/1%2F..%2Fx%3Fy"},
		{"no app id, no link", "eu", true, BaseEU, "app.eu.intercom.com", "", "1", ""},
		{"no id, no link", "eu", true, BaseEU, "app.eu.intercom.com", "abc123", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := RegionNamed(tt.region)
			if ok != tt.ok || r.BaseURL != tt.base || r.WebHost != tt.webHost {
				t.Errorf("RegionNamed(%q) = %+v, %v; want base %q, web host %q, %v", tt.region, r, ok, tt.base, tt.webHost, tt.ok)
			}
			if got := r.WebLink(tt.appID, tt.id); got != tt.link {
				t.Errorf("WebLink(%q, %q) = %q, want %q", tt.appID, tt.id, got, tt.link)
			}
		})
	}
}

func TestValidAppID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"abc123", true},
		{"ECAHPWF5", true},
		{"", false},
		{"my app", false},
		{"../../evil?x=<y>", false},
		{"abc\x1b[2J", false},
		{"a_b", false},
		{"0123456789012345678901234567890123456789", true},
		{"01234567890123456789012345678901234567890", false},
	}
	for _, tt := range tests {
		if got := ValidAppID(tt.id); got != tt.want {
			t.Errorf("ValidAppID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}
