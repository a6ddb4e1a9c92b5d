package render

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// timeRangeCases are Unix times at and beyond the edges of what prints:
// from 1970 to the last day of 9999.
var timeRangeCases = []struct {
	name  string
	unix  int64
	valid bool
	year  string // how the year appears when printed, or must not appear
}{
	{"ordinary", 1700000000, true, "2023"},
	{"epoch plus one", 1, true, "1970"},
	{"last valid day", maxUnix - 1, true, "9999"},
	{"one second before 1970", -1, false, "1969"},
	{"before 1970", -10 * 365 * 86400, false, "1960"},
	{"last day of 9999", maxUnix, false, "9999"},
	{"year 10000", 253402300800, false, "10000"},
	{"largest", math.MaxInt64, false, "292277026596"},
}

func TestFormatTimeRange(t *testing.T) {
	now := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	east := time.FixedZone("+14", 14*3600)
	for _, tt := range timeRangeCases {
		t.Run(tt.name, func(t *testing.T) {
			at := api.Time(tt.unix).Time()
			got := map[string]string{
				"FormatTime":     FormatTime(at, east, now),
				"FormatClock":    FormatClock(at, east),
				"formatPrinted":  formatPrinted(at, east),
				"FormatRelative": FormatRelative(at, now),
			}
			js := stamp(at, east)
			if !tt.valid {
				for name, s := range got {
					want := invalidTime
					if name == "FormatRelative" {
						want = "" // callers fall back on FormatTime
					}
					if s != want {
						t.Errorf("%s = %q, want %q", name, s, want)
					}
				}
				if js != nil {
					t.Errorf("JSON stamp = %q, want null", *js)
				}
				return
			}
			for name, s := range got {
				if s == "" || s == invalidTime {
					t.Errorf("%s = %q, want a time", name, s)
				}
			}
			if js == nil || !strings.HasPrefix(*js, tt.year+"-") {
				t.Errorf("JSON stamp = %v, want an RFC 3339 time in %s", js, tt.year)
			}
			if doc := got["formatPrinted"]; !strings.HasPrefix(doc, tt.year+"-") {
				t.Errorf("formatPrinted = %q, want the year %s", doc, tt.year)
			}
		})
	}
}

// TestOutputTimeRange: a conversation whose every time is out of range
// prints "invalid time" in text, Markdown and on the screen, and null in
// JSON, never a year of five or more digits or before 1970.
func TestOutputTimeRange(t *testing.T) {
	for _, tt := range timeRangeCases {
		t.Run(tt.name, func(t *testing.T) {
			at := api.Time(tt.unix)
			c := &api.Conversation{
				ID: "1", State: "snoozed", CreatedAt: at, UpdatedAt: at, WaitingSince: at, SnoozedUntil: at,
				Source: api.Source{ID: "s", Body: "<p>hello</p>", Author: api.Author{Type: "user", Name: "Maya"}},
			}
			c.ConversationParts.Parts = []api.Part{
				{ID: "2", PartType: "comment", Body: "<p>reply</p>", CreatedAt: at, Author: api.Author{Type: "admin", Name: "Sam"}},
				{ID: "3", PartType: "close", CreatedAt: at, Author: api.Author{Type: "admin", Name: "Sam"}},
			}
			o := testOptions()
			outputs := map[string]string{}
			for _, f := range formats {
				var b bytes.Buffer
				if err := f.write(&b, c, o); err != nil {
					t.Fatal(err)
				}
				outputs[f.ext] = b.String()
			}
			r := newTestRenderer(t, 80)
			var screen []string
			for _, it := range Items(c, nil) {
				screen = append(screen, ansi.Strip(r.Block(it, time.UTC)))
			}
			for _, relative := range []bool{false, true} {
				r.SetTimes(relative, testNow)
				for _, it := range Items(c, nil) {
					screen = append(screen, ansi.Strip(r.Block(it, time.UTC)))
				}
			}
			for _, s := range Details(c, o) {
				for _, row := range s.Rows {
					screen = append(screen, row.Label+": "+row.Value)
				}
			}
			outputs["screen"] = strings.Join(screen, "\n")

			for name, out := range outputs {
				if name == "json" {
					continue
				}
				if has := strings.Contains(out, invalidTime); has == tt.valid {
					t.Errorf("%s: has %q = %v, want %v:\n%s", name, invalidTime, has, !tt.valid, out)
				}
				if has := strings.Contains(out, tt.year); has != tt.valid && !(name == "screen" && tt.valid) {
					t.Errorf("%s: has the year %s = %v, want %v:\n%s", name, tt.year, has, tt.valid, out)
				}
				if strings.Contains(out, "invalid time (") {
					t.Errorf("%s: says so twice:\n%s", name, out)
				}
			}
			var doc struct {
				CreatedAt    *string `json:"created_at"`
				SnoozedUntil *string `json:"snoozed_until"`
				Parts        []struct {
					CreatedAt *string `json:"created_at"`
				} `json:"parts"`
			}
			if err := json.Unmarshal([]byte(outputs["json"]), &doc); err != nil {
				t.Fatal(err)
			}
			stamps := []*string{doc.CreatedAt, doc.SnoozedUntil}
			for _, p := range doc.Parts {
				stamps = append(stamps, p.CreatedAt)
			}
			for i, s := range stamps {
				if (s != nil) != tt.valid {
					t.Errorf("JSON time %d = %v, want it null only when out of range", i, s)
				}
			}
		})
	}
}
