package main

import (
	"slices"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// config may not import api, so it reads regions and app_id with its own
// words for them; api.Regions and api.ValidAppID are the rule, and config
// must accept exactly what they do.
func TestConfigAgreesWithRegions(t *testing.T) {
	var names []string
	for _, r := range api.Regions() {
		names = append(names, r.Name)
		link := "https://" + r.WebHost + "/a/inbox/abc123/inbox/conversation/12345"
		if got, err := config.ParseTarget(link); err != nil || got.ID != "12345" || got.Region != r.Name {
			t.Errorf("ParseTarget(%q) = %+v, %v; want 12345 in %s", link, got, err, r.Name)
		}
	}
	if !slices.Equal(config.Regions, names) {
		t.Errorf("config.Regions = %v, want api's %v", config.Regions, names)
	}
	for _, id := range []string{"abc123", "ECAHPWF5", "my app", "a_b", "a-b", "../x", "0123456789012345678901234567890123456789", "01234567890123456789012345678901234567890"} {
		t.Run(id, func(t *testing.T) {
			path := writeConfig(t, 0o600, "app_id = \""+id+"\"\n")
			_, err := config.Parse([]string{"--config", path, "--demo"}, func(string) string { return "" })
			if got, want := err == nil, api.ValidAppID(id); got != want {
				t.Errorf("config accepts app_id %q: %v (%v), api.ValidAppID: %v", id, got, err, want)
			}
		})
	}
}
