package render

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

// fixtureDir holds Intercom's documented conversation examples; in CI the
// shared directory sits beside the clone, as it does here.
const fixtureDir = "../../shared/fixtures/intercom"

// testNow and testOptions make printed output deterministic.
var testNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func testOptions() Options { return Options{Width: 80, Loc: time.UTC, Now: testNow} }

// fixture is one named conversation to test against.
type fixture struct {
	name string
	conv *api.Conversation
}

// fixtures loads every conversation-*.json fixture, sorted by name. A
// missing directory fails the test: skipping would pass CI with no golden
// coverage at all.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "conversation-*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no conversation fixtures in %s (err %v): the shared fixtures must sit beside the clone", fixtureDir, err)
	}
	sort.Strings(paths)
	out := make([]fixture, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := api.DecodeBytes(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, fixture{strings.TrimSuffix(filepath.Base(p), ".json"), c})
	}
	return out
}

// loadFixture loads one fixture by name, without the directory or ".json".
func loadFixture(t testing.TB, name string) *api.Conversation {
	t.Helper()
	for _, f := range fixtures(t) {
		if f.name == name {
			return f.conv
		}
	}
	t.Fatalf("no fixture %q", name)
	return nil
}

// allConversations is every fixture and the demo.
func allConversations(t testing.TB) []fixture {
	return append(fixtures(t), fixture{"demo", api.Demo()})
}

// conv500Path is the 500-part conversation the benchmarks read (made by
// api's TestConv500).
const conv500Path = "../api/testdata/conv500.json"

// conv500 decodes the 500-part conversation.
func conv500(t testing.TB) *api.Conversation {
	t.Helper()
	body, err := os.ReadFile(conv500Path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := api.DecodeBytes(body)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
