package render

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	xhtml "golang.org/x/net/html"
)

// TestGlamourLimits: glamour gets lists, code blocks and tables cut to
// sizes its quadratic steps handle quickly, and shows all of them; the
// Markdown output keeps them whole.
func TestGlamourLimits(t *testing.T) {
	items, lines, cols := 3*maxListItems+7, 3*maxCodeLines+7, maxColumns+50
	var li, code, breaks, cells strings.Builder
	for i := range max(items, lines, cols) {
		if i < items {
			li.WriteString("<li>item</li>\n")
		}
		if i < lines {
			fmt.Fprintf(&code, "code line %d\n", i+1)
			fmt.Fprintf(&breaks, "code line %d<br>", i+1)
		}
		if i < cols {
			cells.WriteString("<td>z</td>")
		}
	}
	tests := []struct {
		name, html, mark string
		count            int
		longest          func(md string) int // the longest list, block or row in Markdown
		limit            int
	}{
		{"list", "<ul>" + li.String() + "</ul>", "item", items, longestRun("- "), maxListItems},
		{"numbered list", "<ol>" + li.String() + "</ol>", "item", items, longestRun(""), maxListItems},
		{"code block", "<pre>" + code.String() + "</pre>", "code line", lines, longestFence, maxCodeLines},
		{"code block of breaks", "<pre><code>" + breaks.String() + "</code></pre>", "code line", lines, longestFence, maxCodeLines},
		{"table", "<table><tr>" + cells.String() + "</tr></table>", "z", cols, widestRow, maxColumns},
	}
	r := newTestRenderer(t, 80)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := xhtml.Parse(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			limitForGlamour(doc)
			for n := range doc.Descendants() {
				if n.Type == xhtml.TextNode && n.NextSibling != nil && n.NextSibling.Type == xhtml.TextNode {
					// The converter joins them one concatenation at a time.
					t.Fatalf("texts side by side: %q, %q", n.Data, n.NextSibling.Data)
				}
			}
			if got := tt.longest(bodyMarkdown(tt.html)); got > tt.limit {
				t.Errorf("glamour gets %d in one, want at most %d", got, tt.limit)
			}
			if got := tt.longest(documentMarkdown(tt.html)); got != tt.count {
				t.Errorf("Markdown output has %d in one, want all %d", got, tt.count)
			}
			screen := ansi.Strip(r.Block(Item{Kind: KindMessage, Author: "A", HTML: tt.html}, time.UTC))
			if got := strings.Count(screen, tt.mark); got != tt.count {
				t.Errorf("the screen shows %q %d times, want %d", tt.mark, got, tt.count)
			}
			if tt.name == "numbered list" && !strings.Contains(screen, fmt.Sprintf("\n%d. item", items)) {
				t.Errorf("the screen does not number the last item %d", items)
			}
		})
	}
}

// longestRun counts the longest run of list item lines in Markdown that
// start with marker ("" for numbers).
func longestRun(marker string) func(string) int {
	return func(md string) int {
		longest, run := 0, 0
		for _, l := range strings.Split(md, "\n") {
			isItem := marker != "" && strings.HasPrefix(l, marker) ||
				marker == "" && strings.Contains(l, ". item") && l[0] >= '0' && l[0] <= '9'
			if !isItem {
				run = 0
				continue
			}
			run++
			longest = max(longest, run)
		}
		return longest
	}
}

// longestFence is the most lines a fenced code block of md has.
func longestFence(md string) int {
	longest, run, in := 0, 0, false
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```"):
			in, run = !in, 0
		case in:
			run++
			longest = max(longest, run)
		}
	}
	return longest
}

// widestRow is the most cells a table row of md has.
func widestRow(md string) int {
	widest := 0
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "|") && !strings.HasPrefix(l, "|-") && !strings.HasPrefix(l, "| -") {
			widest = max(widest, strings.Count(l, "|")-1)
		}
	}
	return widest
}

// nested is open repeated depth times around "x", then close as often.
func nested(open, close string, depth int) string {
	return strings.Repeat(open, depth) + "x" + strings.Repeat(close, depth)
}

// TestNestingBounded: quotes and lists nest at most maxNesting deep. 80
// nested quotes (a 2 KB message) took glamour seconds and a megabyte of
// output at width 80; the items of lists nested deeper join the deepest
// list allowed.
func TestNestingBounded(t *testing.T) {
	r := newTestRenderer(t, 80)
	quotes := nested("<blockquote>", "</blockquote>", 80)
	out := r.Block(Item{Kind: KindMessage, Author: "A", HTML: quotes}, time.UTC)
	if len(out) > 4<<10 || !strings.Contains(out, "x") {
		t.Errorf("80 nested quotes: %d bytes on the screen, want the x in under 4 KB", len(out))
	}
	for _, l := range strings.Split(documentMarkdown(quotes), "\n") {
		if strings.Count(l, ">") > maxNesting {
			t.Errorf("a Markdown line quoted %d deep, want at most %d: %q", strings.Count(l, ">"), maxNesting, l)
		}
	}
	lists := nested("<ul><li>item", "</li></ul>", 3*maxNesting)
	screen := ansi.Strip(r.Block(Item{Kind: KindMessage, Author: "A", HTML: lists}, time.UTC))
	for what, out := range map[string]string{"screen": screen, "text": PlainBody(lists, 80), "markdown": documentMarkdown(lists)} {
		if got := strings.Count(out, "item"); got != 3*maxNesting {
			t.Errorf("%s shows %d items, want %d:\n%s", what, got, 3*maxNesting, out)
		}
		indents := map[int]bool{}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "item") {
				indents[len(l)-len(strings.TrimLeft(l, " "))] = true
			}
		}
		if len(indents) != maxNesting {
			t.Errorf("%s indents items %d ways, want %d:\n%s", what, len(indents), maxNesting, out)
		}
	}
}

// TestLongRunsEscaped: Markdown escapes on a long line are decided by
// looking a short way ahead (the converter's own rule for "[" scanned to
// the line's end from every "[": quadratic), and a run of tildes is
// escaped whole (goldmark rescans a run from each of its tildes).
func TestLongRunsEscaped(t *testing.T) {
	n := 8 * bracketLookahead
	brackets := documentMarkdown("<p>" + strings.Repeat("[", n) + "</p>")
	if prefix := strings.Repeat(`\[`, n-bracketLookahead); !strings.HasPrefix(brackets, prefix) {
		t.Errorf("a line of %d brackets: want its first %d escaped, got %.80q…", n, n-bracketLookahead, brackets)
	}
	tildes := documentMarkdown("<p>" + strings.Repeat("~", n) + "</p>")
	if got := strings.Count(tildes, `\~`); got != n {
		t.Errorf("a run of %d tildes: %d escaped, want all: %.80q…", n, got, tildes)
	}
	// Short lines keep the converter's escapes.
	for in, want := range map[string]string{
		"<p>see [1] and a [</p>": `see \[1] and a [`,
		"<p>a ~ b ~~c~~</p>":     `a ~ b \~\~c\~\~`,
		"<p>![x] [y]</p>":        `!\[x] \[y]`,
	} {
		if got := documentMarkdown(in); got != want {
			t.Errorf("documentMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSeparateText: the HTML parser never gets two texts to join, which
// it does one string concatenation at a time: the texts between stray end
// tags, and those a table pushes out before itself.
func TestSeparateText(t *testing.T) {
	const n = 1000
	for name, body := range map[string]string{
		"stray end tags":      strings.Repeat("x</em>", n),
		"ignored start tags":  strings.Repeat("x<tr>", n),
		"text in a table":     "<table>" + strings.Repeat("x<tr>", n) + "</table>",
		"text between cells":  "<table><tr><td>a</td>" + strings.Repeat("x</td>", n) + "</tr></table>",
		"spaces between ends": "<table><tr><td>a</td>" + strings.Repeat("\n</td>", n) + "</tr></table>",
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := parseBody(bodyPolicy().Sanitize(body))
			if err != nil {
				t.Fatal(err)
			}
			for node := range doc.Descendants() {
				if node.Type == xhtml.TextNode && len(node.Data) > 1 {
					t.Fatalf("the parser joined texts into %d bytes, want none over 1", len(node.Data))
				}
			}
			if got, want := strings.Count(PlainBody(body, 80), "x"), strings.Count(body, "x"); got != want {
				t.Errorf("text output shows %d x, want %d", got, want)
			}
		})
	}
	// Ordinary HTML converts as it did: the spans show nothing.
	for in, want := range map[string]string{
		"<p>a <b>b</b> c</p>":                           "a **b** c",
		"<pre>\ncode\n  indented</pre>":                 "```\ncode\n  indented\n```",
		"<ul><li>one</li> <li>two</li></ul> tail":       "- one\n- two\n\ntail",
		"<table><tr><td>a</td> <td>b</td></tr></table>": "|   |   |\n|---|---|\n| a | b |",
	} {
		if got := documentMarkdown(in); got != want {
			t.Errorf("documentMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// mdEscapeSeq is a Markdown backslash escape of an ASCII punctuation
// character.
var mdEscapeSeq = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")

// readMarkdown is Markdown's text as a renderer shows it: escapes
// resolved, entities decoded.
func readMarkdown(md string) string {
	return html.UnescapeString(mdEscapeSeq.ReplaceAllString(md, "$1"))
}

// TestFallbackEscapes: a body nested deeper than the HTML parser allows
// falls back to its text, which shows literally, not as Markdown.
func TestFallbackEscapes(t *testing.T) {
	text := "*a* [b](c) _d_ <e> `f` # g"
	body := strings.Repeat("<div>", 600) + "<p>" + html.EscapeString(text) + "</p>" + strings.Repeat("</div>", 600)
	screen := ansi.Strip(newTestRenderer(t, 80).Block(Item{Kind: KindMessage, Author: "A", HTML: body}, time.UTC))
	for what, out := range map[string]string{
		"screen": screen, "text": PlainBody(body, 80), "markdown": readMarkdown(documentMarkdown(body)),
	} {
		if !strings.Contains(out, text) {
			t.Errorf("%s lacks %q:\n%s", what, text, out)
		}
	}
}
