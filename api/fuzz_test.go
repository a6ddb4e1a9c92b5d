package api

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode"
)

// hostilePath is render's hostile fixture: escape sequences in every
// string field, fields of the wrong JSON types, nulls everywhere.
const hostilePath = "../render/testdata/hostile.json"

// FuzzDecode checks that no input makes Decode or DecodeBytes panic, that
// both agree, and that whatever they accept is a conversation with an id.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"conversation-*.json", "error-*.json"} {
		for _, name := range fixtures(f, pattern) {
			f.Add(readFixture(f, name))
		}
	}
	f.Add(DemoJSON())
	hostile, err := os.ReadFile(hostilePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hostile)
	f.Add(hostile[:len(hostile)/2])
	f.Add([]byte(manyParts(3, 5, 812)))
	f.Add([]byte(`{"type":"conversation","id":1,"statistics":{"assigned_team_first_response_time":[{"response_time":"7"}]}}`))
	f.Add([]byte(`{"type":"conversation","id":"1","teammates":{"admins":[{"id":2}]},"user":{"id":"u"},"assignee":{"type":"team","id":3}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := DecodeBytes(body)
		if c2, err2 := Decode(bytes.NewReader(body)); (err == nil) != (err2 == nil) || (c == nil) != (c2 == nil) {
			t.Errorf("Decode and DecodeBytes disagree: %v, %v", err2, err)
		}
		if err != nil {
			if c != nil {
				t.Errorf("want no conversation with error %v", err)
			}
			if strings.ContainsFunc(err.Error(), func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
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
