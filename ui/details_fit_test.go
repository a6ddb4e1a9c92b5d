package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// TestDetailsFitValues lays out the awkward values at the panel widths
// people use: no label wraps, values break only at natural breaks, an id
// is shortened in the middle, a time keeps one line, a tree is indented.
func TestDetailsFitValues(t *testing.T) {
	const id = "674d2a91c3e8b1f0a5d34e21"
	secs := []render.Section{
		{Title: "Contacts", Rows: []render.Row{
			{Label: "Email", Value: "alex.morgan@example.com"},
			{Label: "ID", Value: id, ID: true},
			{Label: "Created", Value: "Mon 23 Nov 08:12 · 4d ago",
				Shorter: []string{"23 Nov 08:12 · 4d ago", "Mon 23 Nov 08:12", "23 Nov 08:12", "23 Nov"}},
		}},
		{Title: "Source", Rows: []render.Row{
			{Label: "URL", Value: "https://shop.example.com/orders?id=48213&ref=mail"},
			{Label: "Industry", Value: "state-of-the-art-customer-experience"},
			{Label: "Office-hours response", Value: "1h 11m · Tier 1 Support"},
		}},
		{Title: "Custom attributes", Rows: []render.Row{
			{Label: "account", Value: "instances: [{id: 48213}]", Tree: []render.TreeLine{
				{Indent: 0, Key: "instances:"}, {Indent: 2, Key: "- id: ", Value: "48213"}}},
		}},
	}
	for _, width := range []int{24, 30, 40, 50} {
		d := newDetails(keymap.Default(), newStyles(true, fullColour))
		d.SetSections(secs)
		d.SetSize(width, 60, false, true)
		plain := ansi.Strip(d.View())
		var lines []string
		for _, l := range strings.Split(plain, "\n") {
			lines = append(lines, strings.TrimRight(strings.TrimPrefix(l, "│ "), " "))
		}
		text := strings.Join(lines, "\n")
		for _, label := range []string{"Email", "Created", "Industry", "Office-hours response"} {
			if !strings.Contains(text, label) {
				t.Errorf("width %d: the label %q is not whole on one line:\n%s", width, label, text)
			}
		}
		for _, cut := range []string{"exam\n", "morga\n", "cust\n", "Tier\n1"} {
			if strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(cut, " ", "")) {
				t.Errorf("width %d: a value breaks inside a word (%q):\n%s", width, cut, text)
			}
		}
		if !strings.Contains(text, "example.com") {
			t.Errorf("width %d: the email's domain is split:\n%s", width, text)
		}
		wantID := id
		if width < 40 {
			wantID = "674d2a91c…0a5d34e21"
		}
		if !strings.Contains(text, wantID) {
			t.Errorf("width %d: the id is not %q on one line:\n%s", width, wantID, text)
		}
		if !strings.Contains(text, "23 Nov 08:12") {
			t.Errorf("width %d: the time is not on one line:\n%s", width, text)
		}
		if width >= 50 && !strings.Contains(text, "Mon 23 Nov 08:12 · 4d ago") {
			t.Errorf("width %d: the time lacks its weekday or its age:\n%s", width, text)
		}
		if !strings.Contains(text, "\n  instances:\n    - id: 48213") {
			t.Errorf("width %d: the nested attribute is not an indented tree:\n%s", width, text)
		}
	}
}
