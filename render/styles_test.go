package render

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// Without a colour, a mark stands for it: a heading keeps its "#"s and
// code its backticks; with one, the colour is the mark.
func TestMarkdownStyle(t *testing.T) {
	coloured := MarkdownColours{Heading: "#5B3FD6", Minor: "#6E6E7A", Rule: "#C8C8D0", Link: "#1F63C6", Code: "#B0405B"}
	tests := []struct {
		name       string
		colours    MarkdownColours
		want, lack []string
	}{
		{"plain", MarkdownColours{}, []string{"## Setup", "`make`"}, nil},
		{"coloured", coloured, []string{"Setup", "make"}, []string{"## Setup", "`make`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := glamour.NewTermRenderer(glamour.WithStyles(MarkdownStyle(tt.colours)), glamour.WithWordWrap(60))
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Render("## Setup\n\nRun `make` first.\n")
			if err != nil {
				t.Fatal(err)
			}
			out = ansi.Strip(out)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("want %q in:\n%s", w, out)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(out, l) {
					t.Errorf("did not want %q in:\n%s", l, out)
				}
			}
			if cb := MarkdownStyle(tt.colours).CodeBlock; cb.Chroma != nil || cb.Theme != "" {
				t.Errorf("code blocks have a Chroma config: %+v", cb)
			}
		})
	}
}
