package render

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/convo-cli/convo/api"
)

func TestWrapValue(t *testing.T) {
	const (
		email = "alex.morgan@example.com"
		url   = "https://shop.example.com/orders?id=48213&ref=mail"
		word  = "state-of-the-art-customer-experience"
	)
	tests := []struct {
		name  string
		s     string
		width int
		want  []string
	}{
		{"fits", email, 24, []string{email}},
		{"email after the @", email, 19, []string{"alex.morgan@", "example.com"}},
		// ansi.Wrap gives "alex.", "morgan@exam", "ple.com" here.
		{"email never cut mid-word", email, 11, []string{"alex.", "morgan@", "example.com"}},
		{"email with a hyphen", "lena.schaefer@nordlicht-kaffee.de", 13, []string{"lena.", "schaefer@", "nordlicht-", "kaffee.de"}},
		{"email narrow", email, 12, []string{"alex.morgan@", "example.com"}},
		{"email after a dot", email, 10, []string{"alex.", "morgan@", "example.", "com"}},
		{"url after / ? and &", url, 20, []string{"https://shop.", "example.com/orders?", "id=48213&ref=mail"}},
		{"url wider", url, 30, []string{"https://shop.example.com/", "orders?id=48213&ref=mail"}},
		{"hyphenated word", word, 16, []string{"state-of-the-", "art-customer-", "experience"}},
		{"hyphenated word wider", word, 30, []string{"state-of-the-art-customer-", "experience"}},
		{"prose at spaces", "Coffee roasting & wholesale", 20, []string{"Coffee roasting &", "wholesale"}},
		{"only a run wider than the line is cut", "Konstantinopoulou-Featherstonehaugh", 10,
			[]string{"Konstantin", "opoulou-", "Feathersto", "nehaugh"}},
		{"a hex id with no breaks is cut", "674d2a91c3e8b1f0a5d34e21", 10, []string{"674d2a91c3", "e8b1f0a5d3", "4e21"}},
		{"wide characters", "佐藤 美咲 さん", 6, []string{"佐藤", "美咲", "さん"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WrapValue(tt.s, tt.width)
			if !slices.Equal(got, tt.want) {
				t.Errorf("WrapValue(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
			}
			for _, l := range got {
				if ansi.StringWidth(l) > tt.width {
					t.Errorf("line %q is wider than %d", l, tt.width)
				}
			}
			if !strings.Contains(tt.s, " ") && strings.Join(got, "") != tt.s {
				t.Errorf("the lines %q lose text of %q", got, tt.s)
			}
		})
	}
}

func TestShortenMiddle(t *testing.T) {
	const id = "674d2a91c3e8b1f0a5d34e21"
	tests := []struct {
		width int
		want  string
	}{
		{30, id},
		{24, id},
		{19, "674d2a91c…0a5d34e21"},
		{12, "674d2a…34e21"},
		{3, "6…1"},
		{1, "6"},
	}
	for _, tt := range tests {
		got := ShortenMiddle(id, tt.width)
		if got != tt.want {
			t.Errorf("ShortenMiddle(%d) = %q, want %q", tt.width, got, tt.want)
		}
		if ansi.StringWidth(got) > tt.width {
			t.Errorf("ShortenMiddle(%d) = %q is wider", tt.width, got)
		}
	}
}

func TestJSONTree(t *testing.T) {
	raw := []byte(`{"instances":[{"id":48213,"tags":["a","b"]},{"id":7}],"type":"Account.list","empty":{}}`)
	var got []string
	for _, l := range jsonTree(raw) {
		got = append(got, strings.Repeat(" ", l.Indent)+l.Key+l.Value)
	}
	want := []string{"empty: {}", "instances:", "  - id: 48213", "    tags:", "      - a", "      - b", "  - id: 7", "type: Account.list"}
	if !slices.Equal(got, want) {
		t.Errorf("tree\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if jsonTree([]byte(`"flat"`)) != nil || jsonTree([]byte(`[]`)) != nil {
		t.Error("a flat or empty value has a tree")
	}
}

func TestTimeForms(t *testing.T) {
	o := Options{Loc: time.UTC, Now: time.Date(2026, 11, 27, 8, 12, 0, 0, time.UTC)}
	at := api.Time(time.Date(2026, 11, 23, 8, 12, 0, 0, time.UTC).Unix())
	want := []string{"Mon 23 Nov 08:12 · 4d ago", "23 Nov 08:12 · 4d ago", "Mon 23 Nov 08:12", "23 Nov 08:12", "23 Nov"}
	if got := timeForms(at, o); !slices.Equal(got, want) {
		t.Errorf("timeForms = %q, want %q", got, want)
	}
}
