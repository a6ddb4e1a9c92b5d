package render

import (
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// sizeInput is a body made to be hard on one stage of the pipeline, of
// about n bytes of HTML.
type sizeInput struct {
	name string
	make func(n int) string
	// mark is text that every output shows literally, as often as the
	// body's text has it: one character where a long run of it may wrap
	// anywhere; "" when outputs may rightly differ (links).
	mark string
	// brief inputs are checked at full size by TestBodySizeContent, the
	// others at a tenth.
	brief bool
}

// repeatTo repeats unit until it fills about n bytes.
func repeatTo(unit string, n int) string { return strings.Repeat(unit, max(n/len(unit), 1)) }

// para is a paragraph of unit repeated to about n bytes.
func para(unit string) func(int) string {
	return func(n int) string { return "<p>" + repeatTo(unit, n) + "</p>" }
}

// sizeInputs are the bodies whose cost must grow linearly with their
// size: runs of the characters Markdown escapes, nesting, long lines and
// lists, tables. Nesting beyond the HTML parser's 512 levels ("deep …")
// takes the pipeline's fallback; within it ("nested …") the real one.
var sizeInputs = []sizeInput{
	{"brackets", para("["), "[", true},
	{"closing brackets", para("]"), "]", false},
	{"image openers", para("!["), "!", false},
	{"stars", para("*"), "*", true},
	{"underscores", para("_"), "_", true},
	{"angles", para("<"), "<", true},
	{"escaped angles", para("&lt;"), "<", false},
	{"entities", para("&amp; &lt;&gt; &quot;&#39; &eacute;&#x1F600; "), "é", true},
	{"ampersands", para("&"), "&", true},
	{"backticks", para("`"), "`", true},
	{"tildes", para("~"), "~", true},
	{"single tildes", para("~a"), "~", false},
	{"hashes", para("#"), "#", false},
	{"dashes", para("-"), "-", false},
	{"backslashes", para(`\`), `\`, false},
	{"pipes", para("|"), "|", false},
	{"quote markers", para("&gt; "), ">", true},
	{"quoted lines", para("&gt; a line<br>"), ">", true},
	{"plain text lines", func(n int) string { return repeatTo("> [a] *b* _c_ `d`\n", n) }, "[a] *b* _c_ `d`", true},
	{"long word", para("w"), "w", true},
	{"bare domains", para("www."), "", false},
	{"bare urls", para("https://"), "", false},
	{"email addresses", para("a@b."), "", false},
	{"breaks", para("line<br>"), "line", true},
	{"paragraphs", func(n int) string { return repeatTo("<p>a line</p>", n) }, "line", false},
	{"emphasis", para("<em>a</em> "), "a", false},
	{"code spans", para("<code>a</code> "), "a", false},
	{"links", para(`<a href="https://example.com/a">a link</a> `), "link", false},
	{"code block", func(n int) string { return "<pre>" + repeatTo("code line\n", n) + "</pre>" }, "code line", true},
	{"code block line", func(n int) string { return "<pre>" + repeatTo("x ", n) + "</pre>" }, "x", false},
	{"flat list", func(n int) string { return "<ul>" + repeatTo("<li>item</li>", n) + "</ul>" }, "item", true},
	{"flat numbered list", func(n int) string { return "<ol>" + repeatTo("<li>item</li>", n) + "</ol>" }, "item", true},
	{"nested lists", func(n int) string { return repeatTo(nested("<ul><li>item", "</li></ul>", 100), n) }, "item", true},
	{"deep lists", func(n int) string { return nested("<ul><li>item", "</li></ul>", n/20) }, "item", true},
	{"nested quotes", func(n int) string { return repeatTo(nested("<blockquote>", "</blockquote>", 100), n) }, "x", true},
	{"deep quotes", func(n int) string { return nested("<blockquote>", "</blockquote>", n/25) }, "x", false},
	{"nested bold italic", func(n int) string { return repeatTo("<p>"+nested("<b><i>", "</i></b>", 100)+"</p>", n) }, "x", true},
	{"deep bold italic", func(n int) string { return "<p>" + nested("<b><i>", "</i></b>", n/15) + "</p>" }, "x", true},
	{"table rows", func(n int) string {
		return "<table>" + repeatTo("<tr><td>a</td><td>b [c]</td><td>*d*</td></tr>", n) + "</table>"
	}, "*d*", true},
	{"table columns", func(n int) string { return "<table><tr>" + repeatTo("<td>z</td>", n) + "</tr></table>" }, "z", true},
	{"text in table", func(n int) string { return "<table>" + repeatTo("x<tr>", n) + "</table>" }, "x", true},
	{"stray end tags", para("x</em>"), "x", true},
	{"stray cell ends", func(n int) string { return "<table><tr><td>a</td>" + repeatTo("\n</td>", n) + "</tr></table>" }, "", false},
	// Quoted email history: the splitter reads lines ahead of these.
	{"quoted tail", func(n int) string { return "<p>new</p>" + repeatTo("&gt; a line<br>", n) }, "", false},
	{"mail headers", para("From: a<br>Sent: b<br>"), "", false},
	{"attributions", para("x<br>On Tue, Sam wrote:<br>"), "", false},
	{"gmail quotes", func(n int) string { return "<p>new</p>" + repeatTo(`<div class="gmail_quote">x</div>`, n) }, "", false},
	{"nested cites", func(n int) string {
		return "<p>new</p>" + repeatTo(nested(`<blockquote type="cite">On a, b wrote:<br>`, "</blockquote>", 100), n)
	}, "", false},
}

// bodyPath is one way a part's body is rendered.
type bodyPath struct {
	name   string
	render func(html string) string
}

// bodyPaths are the ways a part's body is rendered: on the screen
// (Renderer.Block), in text output (PlainBody at the width), in Markdown
// output (documentMarkdown), in JSON and the clipboard (PlainBody unwrapped),
// and as the title when the opening message is all there is (firstLine).
func bodyPaths(tb testing.TB) []bodyPath {
	r := newTestRenderer(tb, 80)
	return []bodyPath{
		{"screen", func(h string) string { return r.Block(Item{Kind: KindMessage, Author: "A", HTML: h}, time.UTC) }},
		{"text", func(h string) string { return PlainBody(h, 80) }},
		{"markdown", documentMarkdown},
		{"json", func(h string) string { return PlainBody(h, 0) }},
		{"title", firstLine},
		{"split", func(h string) string { text, history := SplitQuoted(h); return text + history }},
	}
}

// BenchmarkBodySize renders every size input at 50 KB and 200 KB through
// every path. Linear means the 200K ns/op about 4 times the 50K one (the
// same MB/s).
func BenchmarkBodySize(b *testing.B) {
	for _, in := range sizeInputs {
		for _, p := range bodyPaths(b) {
			for _, kb := range []int{50, 200} {
				html := in.make(kb << 10)
				b.Run(fmt.Sprintf("%s/%s/%dK", in.name, p.name, kb), func(b *testing.B) {
					b.SetBytes(int64(len(html)))
					b.ReportAllocs()
					for b.Loop() {
						_ = p.render(html)
					}
				})
			}
		}
	}
}

// TestBodySizeContent renders every size input through every path and
// checks what comes out: every line within the width, and the input's
// mark as often as the body's text has it, literally (a "*" typed by a
// customer stays a "*"). The brief inputs go at 200 KB, where a quadratic
// stage took tens of seconds; the others at 20 KB. BenchmarkBodySize has
// the times.
func TestBodySizeContent(t *testing.T) {
	if testing.Short() {
		t.Skip("megabytes of HTML")
	}
	paths := bodyPaths(t)
	for _, in := range sizeInputs {
		t.Run(in.name, func(t *testing.T) {
			size := 20 << 10
			if in.brief {
				size = 200 << 10
			}
			body := in.make(size)
			want := strings.Count(html.UnescapeString(textPolicy().Sanitize(body)), in.mark)
			for _, p := range paths {
				out := p.render(body)
				if p.name == "title" || p.name == "split" {
					continue // its first line, without Markdown's markers; HTML
				}
				if strings.TrimSpace(out) == "" {
					t.Errorf("%s: nothing shown", p.name)
					continue
				}
				switch p.name {
				case "screen":
					checkOutput(t, p.name, out, 80)
					out = ansi.Strip(out)
				case "text":
					checkPrinted(t, p.name, out, 80)
				case "markdown":
					out = readMarkdown(out)
				}
				if in.mark == "" {
					continue
				}
				if got := strings.Count(out, in.mark); got != want {
					t.Errorf("%s shows %q %d times, want %d", p.name, in.mark, got, want)
				}
			}
		})
	}
}
