package render

import (
	"os"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// In an API 1.x payload the parts name their authors by id only: the
// transcript names them as the details panel does, so the two agree on
// who wrote.
func TestLegacyAuthorsAgreeWithThePanel(t *testing.T) {
	body, err := os.ReadFile("../api/testdata/legacy-v1-customers.json")
	if err != nil {
		t.Fatal(err)
	}
	convs := map[string]*api.Conversation{"legacy-v1-intercom-go": loadFixture(t, "conversation-legacy-v1-intercom-go")}
	if convs["legacy-v1-customers"], err = api.DecodeBytes(body); err != nil {
		t.Fatal(err)
	}
	for name, c := range convs {
		t.Run(name, func(t *testing.T) {
			panel := map[string]bool{}
			for _, s := range Details(c, testOptions()) {
				for _, r := range s.Rows {
					panel[r.Value] = true
				}
			}
			for _, it := range Items(c, nil) {
				if it.Author == "Unknown" {
					t.Errorf("item %d: author Unknown, want the panel's name for %s %s", it.Index, it.AuthorType, it.AuthorID)
				}
				// The panel lists the assignee as "admin 25" and contacts
				// by id: the transcript's author is one of them.
				id := strings.TrimPrefix(it.Author, "contact ")
				if !panel[it.Author] && !panel[id] {
					t.Errorf("item %d: author %q is not in the details panel", it.Index, it.Author)
				}
			}
		})
	}
}
