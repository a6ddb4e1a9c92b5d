package ui

import (
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"

	"github.com/convo-cli/convo/render"
)

func TestMarkdownStyleIsLean(t *testing.T) {
	for _, dark := range []bool{true, false} {
		cfg := markdownStyle(dark, colours())
		if cfg.CodeBlock.Chroma != nil || cfg.CodeBlock.Theme != "" {
			t.Errorf("dark=%v: code blocks have a Chroma config or theme: glamour would hunt for lexers", dark)
		}
		doc := cfg.Document
		if (doc.Margin != nil && *doc.Margin != 0) || doc.Indent != nil || doc.BlockPrefix != "" || doc.BlockSuffix != "" ||
			doc.Color != nil {
			t.Errorf("dark=%v: document has margin, indent, prefix, suffix or colour: %+v", dark, doc)
		}
		if cfg.BlockQuote.IndentToken == nil || *cfg.BlockQuote.IndentToken != "│ " || cfg.Item.BlockPrefix != "• " {
			t.Errorf("dark=%v: quote token or list bullet is not convo's", dark)
		}
		walkBackgrounds(t, reflect.ValueOf(cfg), "StyleConfig")
	}
}

// walkBackgrounds fails on any BackgroundColor set anywhere in v.
func walkBackgrounds(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkBackgrounds(t, v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Name == "BackgroundColor" && !v.Field(i).IsNil() {
				t.Errorf("%s.BackgroundColor is set: the stock styles' per-cell padding is what convo avoids", path)
			}
			walkBackgrounds(t, v.Field(i), path+"."+f.Name)
		}
	}
}

func TestBodiesRenderWithoutBackgrounds(t *testing.T) {
	md := "# Heading\n\nSome **bold**, `code` and a [link](https://example.com).\n\n" +
		"> quoted\n\n- one\n- two\n\n```\nfunc main() {}\n```\n"
	for _, dark := range []bool{true, false} {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(markdownStyle(dark, colours())), glamour.WithWordWrap(60))
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		if bg := backgroundSGR(out); bg != "" {
			t.Errorf("dark=%v: body output sets a background (%s)", dark, bg)
		}
		plain := stripSGR(out)
		for _, want := range []string{"Heading", "│ quoted", "• one", "func main() {}", "link"} {
			if !strings.Contains(plain, want) {
				t.Errorf("dark=%v: body lacks %q:\n%s", dark, want, plain)
			}
		}
		if !hasSGR(out, 4) || !hasSGR(out, 1) {
			t.Errorf("dark=%v: no underline (links) or bold (headings) in the body", dark)
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

func stripSGR(s string) string { return sgr.ReplaceAllString(s, "") }

// sgrParams calls f with every attribute of every SGR sequence in s,
// skipping the arguments of extended colours (38;5;n and 38;2;r;g;b).
func sgrParams(s string, f func(p int, seq string)) {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		ps := strings.Split(m[1], ";")
		for i := 0; i < len(ps); i++ {
			p, _ := strconv.Atoi(ps[i])
			f(p, m[0])
			if (p == 38 || p == 48 || p == 58) && i+1 < len(ps) {
				if ps[i+1] == "5" {
					i += 2
				} else if ps[i+1] == "2" {
					i += 4
				}
			}
		}
	}
}

func backgroundSGR(s string) (found string) {
	sgrParams(s, func(p int, seq string) {
		if (p >= 40 && p <= 48) || (p >= 100 && p <= 107) {
			found = strconv.Quote(seq)
		}
	})
	return found
}

func hasSGR(s string, want int) (found bool) {
	sgrParams(s, func(p int, _ string) { found = found || p == want })
	return found
}

// TestPaletteContrast keeps every foreground readable on common dark and
// light backgrounds, and badge text readable on its badge.
func TestPaletteContrast(t *testing.T) {
	p := colours()
	fgs := map[string]shade{
		"text": p.text, "dim": p.dim, "accent": p.accent, "link": p.link, "code": p.code,
		"good": p.good, "warn": p.warn, "bad": p.bad, "note": p.note,
		"customer": p.customer, "teammate": p.teammate, "bot": p.bot, "fin": p.fin,
	}
	backgrounds := map[bool][]string{true: {"#000000", "#1E1E2E", "#282828"}, false: {"#FFFFFF", "#F6F5F0"}}
	for name, s := range fgs {
		for dark, bgs := range backgrounds {
			for _, bg := range bgs {
				if c := contrast(s.pick(dark), bg); c < 3.0 {
					t.Errorf("%s (%s) on %s: contrast %.2f, want at least 3", name, s.pick(dark), bg, c)
				}
			}
		}
	}
	for _, name := range []string{"good", "warn", "customer", "teammate", "bot", "fin", "note", "dim"} {
		for _, dark := range []bool{true, false} {
			if c := contrast(p.onBadge.pick(dark), fgs[name].pick(dark)); c < 3.0 {
				t.Errorf("badge text on %s (dark=%v): contrast %.2f, want at least 3", name, dark, c)
			}
		}
	}
}

// contrast is the WCAG contrast ratio of two "#rrggbb" colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}

// TestBadgesSurviveNoColour: without colour (NO_COLOR) Bubble Tea keeps
// reverse and bold, so there every pill is reverse video and the focus marks
// are bold; with colour a pill is text on its colour, bold but where bold
// brightens it (16 colours).
func TestBadgesSurviveNoColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		for _, d := range []depth{fullColour, sixteen, noColour} {
			mono := d == noColour
			st := newStyles(dark, d)
			pills := map[string]lipgloss.Style{"note": st.Render.NoteBadge}
			for i, b := range st.Render.Badge {
				pills[render.Role(i).String()] = b
			}
			for state, b := range st.StateBadge {
				pills[state] = b
			}
			for name, b := range pills {
				_, coloured := b.GetBackground().(lipgloss.NoColor)
				coloured = !coloured
				if b.GetBold() != (d != sixteen) || b.GetReverse() != mono || coloured == mono {
					t.Errorf("dark=%v depth %d: the %s badge is bold=%v reverse=%v coloured=%v",
						dark, d, name, b.GetBold(), b.GetReverse(), coloured)
				}
			}
			if !st.PaneTitleFocused.GetBold() || st.PaneTitle.GetFaint() != (d != sixteen) {
				t.Errorf("dark=%v depth %d: focused titles are not bold, or others not faint (but in 16 colours)", dark, d)
			}
		}
	}
}

// richBody is Markdown with every element Intercom bodies turn into.
const richBody = "# Heading\n\nSome **bold**, *italic*, `code` and a [link](https://example.com/docs) in a paragraph " +
	"long enough to wrap at the narrower widths, and then some more words.\n\n" +
	"> a quoted reply that also goes on long enough to wrap onto a second line of the quote\n\n" +
	"- one\n- two with a longer item that wraps around the end of the line at forty\n\n1. first\n2. second\n\n" +
	"```\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```\n\n```go\nfunc main() { return }\n```\n\n" +
	"line one  \nline two\n\n---\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"

// paddedCells matches spaces wrapped in SGR: the per-cell padding of the
// stock styles, which costs bytes on every frame.
var paddedCells = regexp.MustCompile(`\x1b\[[0-9;:]*[1-9][0-9;:]*m +\x1b\[0?m`)

func TestBodiesPadNoCellWithColour(t *testing.T) {
	glam := func(cfg ansi.StyleConfig, width int) string {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(width), glamour.WithPreservedNewLines())
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(richBody)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// The check catches what it is for: the stock style pads with colour.
	if stock := glam(styles.DarkStyleConfig, 80); !paddedCells.MatchString(stock) {
		t.Fatal("the stock dark style pads no cell with colour: the check has gone blind")
	}
	for _, dark := range []bool{true, false} {
		for _, width := range []int{40, 80, 120} {
			if m := paddedCells.FindString(glam(markdownStyle(dark, colours()), width)); m != "" {
				t.Errorf("dark=%v width %d: glamour pads with colour: %q", dark, width, m)
			}
			// And a whole block: no line ends in padding, styled or not.
			r, err := render.NewRenderer(width, newStyles(dark, fullColour).Render)
			if err != nil {
				t.Fatal(err)
			}
			html := "<h1>Heading</h1><p>Some <b>bold</b> and <a href=\"https://example.com/docs\">a link</a> in a paragraph " +
				"long enough to wrap at the narrower widths.</p><blockquote>a quote</blockquote><ul><li>one</li><li>two</li></ul>" +
				"<pre><code>func main() {}</code></pre><p>Best,<br>Lena</p>"
			for _, kind := range []render.Kind{render.KindMessage, render.KindNote} {
				block := r.Block(render.Item{Kind: kind, Author: "Lena", HTML: html}, nil)
				for i, line := range strings.Split(block, "\n") {
					// A badge ends in its own space, a blank line of a note
					// in its bar's: one space, never padding.
					if plain := stripSGR(line); strings.HasSuffix(plain, "  ") {
						t.Errorf("dark=%v width %d kind %d: line %d ends in spaces: %q", dark, width, kind, i, line)
					}
					if m := paddedCells.FindString(line); m != "" {
						t.Errorf("dark=%v width %d kind %d: line %d pads with colour: %q", dark, width, kind, i, m)
					}
				}
			}
		}
	}
}

// TestCodeBlocksSkipChroma renders code blocks, unlabelled and labelled:
// with convo's style they come out in the one code colour, never in the
// token colours of chroma's highlighting (whose lexer hunt for unlabelled
// blocks was half of glamour's time).
func TestCodeBlocksSkipChroma(t *testing.T) {
	md := "```\nfunc main() { fmt.Println(\"unlabelled\") }\n```\n\n```go\nfunc main() { fmt.Println(\"go\") }\n```\n"
	codeStyles := func(cfg ansi.StyleConfig) map[string]bool {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(80))
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, line := range strings.Split(out, "\n") {
			if !strings.Contains(stripSGR(line), "func main()") {
				continue
			}
			for _, m := range sgr.FindAllString(line, -1) {
				if m != "\x1b[m" && m != "\x1b[0m" {
					seen[m] = true
				}
			}
		}
		return seen
	}
	if stock := codeStyles(styles.DarkStyleConfig); len(stock) < 3 {
		t.Fatalf("the stock style gives code %d styles, want chroma's token colours: the check has gone blind", len(stock))
	}
	for _, dark := range []bool{true, false} {
		seen := codeStyles(markdownStyle(dark, colours()))
		want := lipgloss.NewStyle().Foreground(lipgloss.Color(colours().code.pick(dark))).Render("x")
		if len(seen) != 1 || !seen[sgr.FindString(want)] {
			t.Errorf("dark=%v: code is styled %q, want only the code colour %q", dark, keys(seen), sgr.FindString(want))
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
