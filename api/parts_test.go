package api

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// compactParts is a conversation body with n parts of about 50 bytes,
// numbered from 1, the list's total_count set to total.
func compactParts(n, total int) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"conversation","id":"9","conversation_parts":{"type":"conversation_part.list","conversation_parts":[`)
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","part_type":"comment","body":"<p>%d</p>"}`, i, i)
	}
	fmt.Fprintf(&b, `],"total_count":%d}}`, total)
	return []byte(b.String())
}

// TestDecodeKeepsTheNewestParts: of a list longer than MaxParts only the
// newest MaxParts are kept, in order; the others count as dropped, and the
// totals say what the response and the conversation had.
func TestDecodeKeepsTheNewestParts(t *testing.T) {
	tests := []struct {
		name             string
		parts, total     int
		wantKept         int
		wantTotal        int
		wantTruncated    bool
		wantDropped      int
		wantFirst, wantN string // the first part kept's id, the last's
	}{
		{"none", 0, 0, 0, 0, false, 0, "", ""},
		{"a few", 3, 3, 3, 3, false, 0, "1", "3"},
		{"exactly MaxParts", MaxParts, MaxParts, MaxParts, MaxParts, false, 0, "1", fmt.Sprint(MaxParts)},
		{"one more", MaxParts + 1, MaxParts + 1, MaxParts, MaxParts + 1, true, 1, "2", fmt.Sprint(MaxParts + 1)},
		{"25,000, total_count absent", 25000, 0, MaxParts, 25000, true, 15000, "15001", "25000"},
		{"25,000 of a conversation of 40,000", 25000, 40000, MaxParts, 40000, true, 15000, "15001", "25000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DecodeBytes(compactParts(tt.parts, tt.total))
			if err != nil {
				t.Fatal(err)
			}
			l := c.ConversationParts
			if len(l.Parts) != tt.wantKept || l.Dropped != tt.wantDropped {
				t.Fatalf("kept %d parts and dropped %d, want %d and %d", len(l.Parts), l.Dropped, tt.wantKept, tt.wantDropped)
			}
			if tt.wantKept > 0 && (l.Parts[0].ID != ID(tt.wantFirst) || l.Parts[len(l.Parts)-1].ID != ID(tt.wantN)) {
				t.Errorf("kept parts %s to %s, want %s to %s", l.Parts[0].ID, l.Parts[len(l.Parts)-1].ID, tt.wantFirst, tt.wantN)
			}
			for i := 1; i < len(l.Parts); i++ {
				if want := fmt.Sprintf("<p>%s</p>", l.Parts[i].ID); l.Parts[i].Body != want {
					t.Fatalf("part %s has body %q, want %q", l.Parts[i].ID, l.Parts[i].Body, want)
				}
			}
			if c.PartsReceived() != tt.parts || c.PartsTotal() != tt.wantTotal || c.Truncated() != tt.wantTruncated {
				t.Errorf("received %d, total %d, truncated %v; want %d, %d, %v",
					c.PartsReceived(), c.PartsTotal(), c.Truncated(), tt.parts, tt.wantTotal, tt.wantTruncated)
			}
		})
	}
}

// TestPartListDecodesAsItsFields: under MaxParts, the list of a long
// conversation decodes exactly as encoding/json decodes a PartList,
// whatever the shape: every fixture, and lists that are null, of the wrong
// type, with keys in another case or repeated, with parts of the wrong type
// or with fields of the wrong type.
func TestPartListDecodesAsItsFields(t *testing.T) {
	lists := map[string]string{
		"null":                      `null`,
		"a string":                  `"parts"`,
		"an array":                  `[1,2]`,
		"parts null":                `{"type":"conversation_part.list","conversation_parts":null,"total_count":2}`,
		"parts an object":           `{"conversation_parts":{"id":"1"},"total_count":2}`,
		"parts a number":            `{"conversation_parts":5}`,
		"total_count a string":      `{"conversation_parts":[{"id":"1"}],"total_count":"many"}`,
		"keys in capitals":          `{"TYPE":"x","Conversation_Parts":[{"id":"1"}],"Total_Count":3}`,
		"a key twice":               `{"conversation_parts":[{"id":"1"}],"conversation_parts":[{"id":"2"},{"id":"3"}]}`,
		"a part null":               `{"conversation_parts":[{"id":"1"},null,{"id":"3"}]}`,
		"a part a string":           `{"conversation_parts":["part",{"id":"2"}]}`,
		"a field of the wrong type": `{"conversation_parts":[{"id":"1","body":5,"part_type":"comment","tags":"x"}]}`,
		"unknown keys":              `{"x":{"y":[1,{"z":null}]},"conversation_parts":[{"id":"1","new_field":[{}]}],"has_more":true}`,
		"white space everywhere":    " {\n \"conversation_parts\" \t:\r\n [ {\"id\" : \"1\"} , {\"id\":\"2\"} ] , \"total_count\" : 2 } ",
	}
	for _, name := range fixtures(t, "conversation-*.json") {
		var raw struct {
			Parts json.RawMessage `json:"conversation_parts"`
		}
		if err := json.Unmarshal(readFixture(t, name), &raw); err != nil {
			t.Fatal(err)
		}
		if raw.Parts != nil {
			lists[name] = string(raw.Parts)
		}
	}
	conv500, err := os.ReadFile(conv500Path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Parts json.RawMessage `json:"conversation_parts"`
	}
	if err := json.Unmarshal(conv500, &raw); err != nil {
		t.Fatal(err)
	}
	lists["conv500.json"] = string(raw.Parts)
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			var got keptParts
			gotErr := json.Unmarshal([]byte(list), &got)
			var want PartList
			wantErr := json.Unmarshal([]byte(list), &want)
			if gotErr != nil || wantErr != nil && !isTypeError(wantErr) {
				t.Fatalf("got error %v, want none (encoding/json: %v)", gotErr, wantErr)
			}
			if !reflect.DeepEqual(PartList(got), want) {
				t.Errorf("decoded\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// FuzzPartList checks that the list of a long conversation decodes as
// encoding/json decodes a PartList, whatever the bytes, and that looking
// for a long one ends on any bytes.
func FuzzPartList(f *testing.F) {
	for _, seed := range []string{`null`, `{"conversation_parts":[{"id":"1"},null,"x"],"total_count":2}`,
		`{"TYPE":"x","Conversation_Parts":[{"id":"1","body":5}],"a":{"b":["]","}"]}}`,
		`{"conversation_parts":[{"id":"1\"]"}],"conversation_parts":null}`, `[1]`, `{"x":1e5,"y":true}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = longParts(b) // any bytes: it must end, and not panic
		var want PartList
		if err := json.Unmarshal(b, &want); err != nil && !isTypeError(err) {
			return // not JSON: Unmarshal never calls UnmarshalJSON
		}
		var got keptParts
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: error %v, want none", b, err)
		}
		if !reflect.DeepEqual(PartList(got), want) {
			t.Errorf("%q decoded\n%+v\nwant\n%+v", b, got, want)
		}
	})
}

// TestLongParts: the look before decoding finds a part list longer than
// MaxParts under any key encoding/json would read it from, and nowhere
// else.
func TestLongParts(t *testing.T) {
	list := func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat(`{"id":"x"},`, n), ",") + "]" }
	long, short := list(MaxParts+1), list(MaxParts)
	tests := []struct {
		name, body string
		want       bool
	}{
		{"none", `{"id":"1"}`, false},
		{"MaxParts", `{"id":"1","conversation_parts":{"conversation_parts":` + short + `}}`, false},
		{"one more", `{"id":"1","conversation_parts":{"conversation_parts":` + long + `}}`, true},
		{"keys in capitals", `{"Conversation_Parts":{"type":"x","CONVERSATION_PARTS":` + long + `},"id":"1"}`, true},
		{"the first of a repeated key", `{"conversation_parts":{"conversation_parts":` + long + `},"conversation_parts":{"total_count":3}}`, true},
		{"under another key", `{"custom_attributes":{"conversation_parts":{"conversation_parts":` + long + `}}}`, false},
		{"strings that look like JSON", `{"title":"\"conversation_parts\":{\"conversation_parts\":[","conversation_parts":{"conversation_parts":` + short + `}}`, false},
		{"cut short", `{"conversation_parts":{"conversation_parts":` + long[:len(long)-1] + `,{"id":`, true},
		{"not JSON", `{"conversation_parts":{"conversation_parts":[}}}}]]]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := longParts([]byte(tt.body)); got != tt.want {
				t.Errorf("longParts = %v, want %v", got, tt.want)
			}
			c, err := DecodeBytes([]byte(tt.body))
			if err != nil {
				return // not JSON, or no conversation: nothing decoded
			}
			if n := len(c.ConversationParts.Parts); n > MaxParts || tt.want && (n != MaxParts || c.ConversationParts.Dropped != 1) {
				t.Errorf("decoded %d parts, %d dropped; want at most %d", n, c.ConversationParts.Dropped, MaxParts)
			}
		})
	}
}
