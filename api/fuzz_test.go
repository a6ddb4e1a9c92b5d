package api

import (
	"strings"
	"testing"
)

// FuzzDecode checks that no input makes DecodeBytes panic, and that whatever
// it accepts is a conversation with an id.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"conversation-*.json", "error-*.json"} {
		for _, name := range fixtures(f, pattern) {
			f.Add(readFixture(f, name))
		}
	}
	f.Add(DemoJSON())
	f.Add([]byte(manyParts(3, 5, 812)))
	f.Add([]byte(`{"type":"conversation","id":1,"statistics":{"assigned_team_first_response_time":[{"response_time":"7"}]}}`))
	f.Add([]byte(`{"type":"conversation","id":"1","teammates":{"admins":[{"id":2}]},"user":{"id":"u"},"assignee":{"type":"team","id":3}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := DecodeBytes(body)
		if err != nil {
			if c != nil {
				t.Errorf("want no conversation with error %v", err)
			}
			if strings.ContainsAny(err.Error(), "\x1b\u202e") {
				t.Errorf("want a printable error, got %q", err)
			}
			return
		}
		if c.ID == "" {
			t.Errorf("want a non-empty id for an accepted body, got none")
		}
		_, _ = c.PartsTotal(), c.Truncated()
	})
}
