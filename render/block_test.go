package render

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render/termtest"
)

// checkOutput fails when s has a line wider than width, a tab (drawn up
// to 8 cells wide, counted as none), or anything termtest.CheckEscapes
// refuses.
func checkOutput(t *testing.T, what, s string, width int) {
	t.Helper()
	for i, line := range strings.Split(s, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Fatalf("%s: line %d is %d cells wide, over %d: %q", what, i, w, width, line)
		}
	}
	if strings.Contains(s, "\t") {
		t.Fatalf("%s: a tab in %q", what, s)
	}
	if err := termtest.CheckEscapes(s); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// checkPrinted is checkOutput for printed text, where a line may pass the
// width only to hold a URL too long for any line, whole.
func checkPrinted(t *testing.T, what, s string, width int) {
	t.Helper()
	for i, line := range strings.Split(s, "\n") {
		if w := ansi.StringWidth(line); w > width && !urlOverflow(line, width) {
			t.Fatalf("%s: line %d is %d cells wide, over %d, and not for a URL: %q", what, i, w, width, line)
		}
	}
	if strings.Contains(s, "\t") {
		t.Fatalf("%s: a tab in %q", what, s)
	}
	if err := termtest.CheckEscapes(s); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func newTestRenderer(t testing.TB, width int) *Renderer {
	t.Helper()
	r, err := NewRenderer(width, PlainStyles())
	if err != nil {
		t.Fatal(err)
	}
	r.now = func() time.Time { return testNow }
	return r
}

func TestBlockWidths(t *testing.T) {
	long := strings.Repeat("w", 5000)
	bodies := map[string]string{
		"5,000-character word": "<p>" + long + "</p>",
		"CJK":                  "<p>" + strings.Repeat("日本語のテキスト", 30) + "</p>",
		"emoji":                "<p>" + strings.Repeat("👩\u200d👩\u200d👧 🎉 ", 40) + "</p>",
		"long code line":       "<pre><code>" + strings.Repeat("x", 300) + "\tend</code></pre>",
		"table":                "<table><tr><th>A</th><th>B</th></tr><tr><td>" + strings.Repeat("cell ", 60) + "</td><td>1</td></tr></table>",
		"nested lists":         "<ul><li>a<ul><li>b<ul><li>" + strings.Repeat("deep ", 40) + "</li></ul></li></ul></li></ul>",
		"quote":                "<blockquote><blockquote>" + strings.Repeat("quoted ", 40) + "</blockquote></blockquote>",
		"long link":            `<p><a href="https://example.com/` + strings.Repeat("a-b", 100) + `">x</a></p>`,
	}
	items := allConversations(t)
	var all []Item
	for _, f := range items {
		all = append(all, Items(f.conv, nil)...)
	}
	for name, body := range bodies {
		for _, kind := range []Kind{KindMessage, KindNote} {
			all = append(all, Item{Kind: kind, Author: name + " " + long, HTML: body, Time: testNow,
				Attachments: []Attachment{{Name: long, URL: "https://x.test/" + long, Size: 12345}}})
		}
	}
	all = append(all, Item{Kind: KindEvent, Author: "x", Event: long, Time: testNow})
	for _, width := range []int{1, 2, 3, 5, 10, 20, 37, 80, 120} {
		r := newTestRenderer(t, width)
		for _, it := range all {
			checkOutput(t, it.Author[:min(len(it.Author), 30)], r.Block(it, time.UTC), width)
		}
	}
}

func TestBlockNoteBarOnEveryLine(t *testing.T) {
	c := loadFixture(t, "conversation-2.11-reply-admin-note")
	note := Items(c, nil)[1]
	note.Attachments = []Attachment{{Name: "a.csv", URL: "https://x.test/a.csv", Size: 2048}}
	for _, width := range []int{20, 40, 80} {
		out := newTestRenderer(t, width).Block(note, time.UTC)
		lines := strings.Split(ansi.Strip(out), "\n")
		if len(lines) < 5 {
			t.Fatalf("width %d: a note of %d lines, want the header, the list and the attachment", width, len(lines))
		}
		for i, l := range lines {
			if !strings.HasPrefix(l, noteBar) {
				t.Errorf("width %d: line %d lacks the note bar: %q", width, i, l)
			}
		}
		if !strings.Contains(lines[0], "internal note") {
			t.Errorf("width %d: note header %q lacks the note badge", width, lines[0])
		}
	}
}

func TestBlockMessage(t *testing.T) {
	it := Item{
		Kind: KindMessage, Role: RoleCustomer, Author: "Maya Chen", Time: time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC),
		HTML:        `<p>Hello <b>there</b>, see <a href="https://example.com/x">the docs</a>.</p><p><img src="https://x.test/s.png" alt="shot"></p>`,
		Attachments: []Attachment{{Name: "export.csv", URL: "https://x.test/export.csv", Size: 12 * 1024}, {Name: "unsafe.txt"}},
	}
	out := newTestRenderer(t, 60).Block(it, time.UTC)
	checkOutput(t, "message", out, 60)
	plain := ansi.Strip(out)
	lines := strings.Split(plain, "\n")
	for _, want := range []string{"Maya Chen", " customer ", "Tue 24 Nov 14:02"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("header %q lacks %q", lines[0], want)
		}
	}
	if w := ansi.StringWidth(lines[0]); w != 60 {
		t.Errorf("header is %d wide; the time should sit at the right edge of 60", w)
	}
	for _, want := range []string{"Hello there, see the docs https://example.com/x.", "shot https://x.test/s.png",
		attachmentMark + " export.csv · 12 KB · https://x.test/export.csv", attachmentMark + " unsafe.txt"} {
		if !strings.Contains(plain, want) {
			t.Errorf("block lacks %q:\n%s", want, plain)
		}
	}
	if !strings.Contains(out, ansi.SetHyperlink("https://x.test/export.csv")+"export.csv") {
		t.Errorf("attachment name is not an OSC 8 link: %q", out)
	}
	for _, l := range lines {
		if l != strings.TrimRight(l, " ") {
			t.Errorf("line with trailing padding: %q", l)
		}
	}
	if lines[len(lines)-1] == "" || lines[1] == "" {
		t.Errorf("blank line at an end of the body:\n%s", plain)
	}
}

// A wide cell on a row makes the renderer rewrite the row whole, panel
// included, as it scrolls by, so an attachment's own line has none.
func TestAttachmentLineIsNarrow(t *testing.T) {
	it := Item{Kind: KindMessage, Author: "Maya Chen", HTML: "<p>Hi</p>",
		Attachments: []Attachment{{Name: "export.csv", URL: "https://x.test/export.csv", Size: 12 * 1024}}}
	lines := strings.Split(ansi.Strip(newTestRenderer(t, 80).Block(it, time.UTC)), "\n")
	line := lines[len(lines)-1]
	if !strings.Contains(line, "export.csv") {
		t.Fatalf("last line %q is not the attachment", line)
	}
	for _, m := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		if w, n := m.StringWidth(line), utf8.RuneCountInString(line); w != n {
			t.Errorf("attachment line %q is %d columns for %d characters: it holds a wide cell", line, w, n)
		}
	}
}

func TestBlockKeepsLineBreaks(t *testing.T) {
	it := Item{Kind: KindMessage, Author: "Lena", HTML: "<p>Lena Schäfer<br>Operations<br>Hamburg</p>"}
	plain := ansi.Strip(newTestRenderer(t, 80).Block(it, time.UTC))
	if !strings.Contains(plain, "Lena Schäfer\nOperations\nHamburg") {
		t.Errorf("<br> lost:\n%s", plain)
	}
}

func TestBlockEventIsOneLine(t *testing.T) {
	c := loadFixture(t, "conversation-2.13-get-found-custom-actions")
	ev := Items(c, nil)[2]
	ev.Event += strings.Repeat(" and more", 30)
	for _, width := range []int{10, 40, 80} {
		out := newTestRenderer(t, width).Block(ev, time.UTC)
		if strings.Contains(out, "\n") {
			t.Errorf("width %d: event of several lines: %q", width, out)
		}
		plain := ansi.Strip(out)
		if ansi.StringWidth(plain) > width || !strings.HasSuffix(plain, "…") {
			t.Errorf("width %d: event %q not cut to width with …", width, plain)
		}
	}
	plain := ansi.Strip(newTestRenderer(t, 200).Block(Items(c, nil)[2], time.UTC))
	// The part before it is from 2022: the event shows its date; an app
	// made it.
	if want := "· Fri 21 Feb 2025 12:44  Jamie Oliver started Jira Create Issue · via test-integration"; plain != want {
		t.Errorf("event = %q, want %q", plain, want)
	}
}

func TestBlockRedacted(t *testing.T) {
	it := Item{Kind: KindMessage, Author: "Joe", HTML: "<p>secret</p>", Redacted: true}
	plain := ansi.Strip(newTestRenderer(t, 40).Block(it, time.UTC))
	if !strings.Contains(plain, "(redacted)") || strings.Contains(plain, "secret") {
		t.Errorf("redacted block = %q", plain)
	}
}

func TestBlockTimeZone(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	at := time.Date(2026, 11, 24, 14, 5, 0, 0, time.UTC) // 23:05 in Tokyo
	tests := []struct {
		name string
		prev time.Time
		want string
	}{
		{"same day in Tokyo", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), "· 23:05  Sam"},
		{"previous day in Tokyo", time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC), "· Tue 24 Nov 23:05  Sam"},
	}
	for _, tt := range tests {
		it := Item{Kind: KindEvent, Author: "Sam", Event: "Sam closed the conversation", Time: at, Prev: tt.prev}
		plain := ansi.Strip(newTestRenderer(t, 80).Block(it, jst))
		if !strings.HasPrefix(plain, tt.want) {
			t.Errorf("%s: event = %q, want it to start %q", tt.name, plain, tt.want)
		}
	}
}

func TestBodyPipeline(t *testing.T) {
	tests := []struct {
		name, html       string
		want, wantNot    []string
		wantPlain, avoid string
	}{
		{name: "script dropped", html: `<p>a<script>alert(1)</script>b</p>`, wantNot: []string{"alert", "script"}},
		{name: "javascript link dropped, text kept", html: `<p><a href="javascript:alert(1)">click</a></p>`, want: []string{"click"}, wantNot: []string{"javascript"}},
		{name: "entity-encoded ESC", html: `<p>x&#27;]0;pwn&#7;</p><p>y</p>`, want: []string{"x", "y"}, wantNot: []string{"pwn"}},
		{name: "double-encoded ESC", html: `<p>x&amp;#27;[2Jy</p>`, want: []string{"xy"}, wantNot: []string{"[2J"}},
		{name: "BiDi override", html: "<p>abc\u202Eevil</p>", want: []string{"abcevil"}},
		{name: "literal tag text survives", html: `<p>use &lt;br&gt; here</p>`, want: []string{"use <br> here"}},
		{name: "inline code with ESC entity", html: `<p><code>&amp;#27;[31m</code></p>`, wantNot: []string{"\x1b[31m"}},
		{name: "image as a link", html: `<p><img src="https://x.test/a.png" alt="chart"></p>`, want: []string{"chart", "https://x.test/a.png"}},
		{name: "data image dropped", html: `<p><img src="data:image/png;base64,AAAA" alt="x"></p>`, wantNot: []string{"data:"}},
		{name: "plaintext body keeps lines", html: "line one\nline two", wantPlain: "line one\nline two"},
		{name: "plain links inline", html: `<p>see <a href="https://x.test/d">docs</a></p>`, wantPlain: "see docs (https://x.test/d)"},
		{name: "plain has no emphasis markers", html: `<p><b>bold</b> and <i>it</i></p>`, wantPlain: "bold and it"},
		{name: "plain decodes text entities", html: `<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>`, wantPlain: "1 < 2 && 3 > 2"},
	}
	r := newTestRenderer(t, 80)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := r.Block(Item{Kind: KindMessage, Author: "A", HTML: tt.html}, time.UTC)
			checkOutput(t, tt.name, out, 80)
			plain := ansi.Strip(out)
			for _, w := range tt.want {
				if !strings.Contains(plain, w) {
					t.Errorf("block lacks %q:\n%q", w, plain)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("block has %q:\n%q", w, out)
				}
			}
			pb := PlainBody(tt.html, 80)
			if tt.wantPlain != "" && pb != tt.wantPlain {
				t.Errorf("PlainBody = %q, want %q", pb, tt.wantPlain)
			}
			checkOutput(t, "PlainBody", pb, 80)
			if strings.Contains(pb, "\x1b") {
				t.Errorf("PlainBody has an escape: %q", pb)
			}
		})
	}
}

func TestPlainBodyWidth(t *testing.T) {
	html := "<ul><li>" + strings.Repeat("long words ", 30) + "</li></ul><blockquote>" + strings.Repeat("quoted ", 30) +
		"</blockquote><p>" + strings.Repeat("あ", 100) + strings.Repeat("w", 5000) + "</p><table><tr><td>" +
		strings.Repeat("cell ", 50) + "</td></tr></table><pre>" + strings.Repeat("-", 200) + "</pre>"
	for _, width := range []int{2, 7, 40, 80} { // 2: a wide character needs two cells
		out := PlainBody(html, width)
		checkOutput(t, "PlainBody", out, width)
	}
	if out := PlainBody(html, 40); !strings.Contains(out, "- long words long words") || !strings.Contains(out, "\n  long words") {
		t.Errorf("list item lost its hanging indent:\n%s", out)
	}
	if out := PlainBody(html, 0); strings.Count(out, "\n") > 12 {
		t.Errorf("width 0 wrapped:\n%s", out)
	}
}

// BenchmarkBlock renders every item of the 500-part conversation at width
// 80 with a warm renderer and the plain styles: the per-part cost of the
// render package alone (ui's BenchmarkRenderPart and BenchmarkRenderAll
// measure it with the screen's dark and light styles).
func BenchmarkBlock(b *testing.B) {
	items := Items(conv500(b), nil)
	r := newTestRenderer(b, 80)
	b.ReportAllocs()
	for b.Loop() {
		for _, it := range items {
			_ = r.Block(it, time.UTC)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(items)), "µs/part")
}

// BenchmarkWriteText500 prints the 500-part conversation as text, as
// --format text does: DESIGN.md §10 wants it under 300 ms.
func BenchmarkWriteText500(b *testing.B) {
	c := conv500(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteText(discard{}, c, testOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBodyPipeline is the body pipeline without glamour, per part:
// bluemonday, html-to-markdown and the sanitiser (bodyMarkdown), and the
// plain-text variant used by text output, JSON and search (PlainBody).
func BenchmarkBodyPipeline(b *testing.B) {
	var bodies []string
	c := conv500(b)
	for _, p := range c.ConversationParts.Parts {
		if p.Body != "" {
			bodies = append(bodies, p.Body)
		}
	}
	b.Run("markdown", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, h := range bodies {
				_ = bodyMarkdown(h)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(bodies)), "µs/part")
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, h := range bodies {
				_ = PlainBody(h, 80)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(bodies)), "µs/part")
	})
}

func TestCompactDropsStyledPadding(t *testing.T) {
	pad := strings.Repeat("\x1b[3m \x1b[m", 20)
	tests := []struct{ name, in, want string }{
		{"styled padding", "\x1b[3mquote\x1b[m" + pad, "\x1b[3mquote\x1b[m"},
		{"plain padding", "text    ", "text"},
		{"padding then a link's end kept", "\x1b]8;;https://x.test\alink\x1b]8;;\a" + pad, "\x1b]8;;https://x.test\alink\x1b]8;;\a\x1b[m"},
		{"one reset untouched", "\x1b[1mbold\x1b[m   ", "\x1b[1mbold\x1b[m"},
		{"only padding", pad, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(compact(tt.in, 80), "\n"); got != tt.want {
			t.Errorf("%s: compact(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestQuoteLinesKeepTheirBar: glamour wraps a blockquote's text at the
// full width and adds the bar after, so a line can come out too wide; the
// part cut off keeps the bar (nested quotes keep both) instead of
// starting a line of its own.
func TestQuoteLinesKeepTheirBar(t *testing.T) {
	para := "The fix went out last night. Exports with line descriptions now work for the whole of November, " +
		"Japanese descriptions included. Could you give it a try when you have a moment?"
	for _, tt := range []struct {
		body string
		bars string
	}{
		{"<blockquote><p>" + para + "</p></blockquote>", "│ "},
		{"<blockquote><blockquote><p>" + para + "</p></blockquote></blockquote>", "│ │ "},
	} {
		for _, width := range []int{30, 40, 57, 76, 78} {
			r := newTestRenderer(t, width)
			out := r.Block(Item{Kind: KindMessage, Author: "Lena", HTML: tt.body}, time.UTC)
			checkOutput(t, "quote", out, width)
			lines := strings.Split(ansi.Strip(out), "\n")[1:] // under the header
			var words []string
			for _, l := range lines {
				if strings.Trim(l, " │") == "" {
					continue // a blank line of the quote
				}
				if !strings.HasPrefix(strings.TrimLeft(l, " "), tt.bars) {
					t.Errorf("width %d, %q: line %q lost its bar:\n%s", width, tt.bars, l, ansi.Strip(out))
				}
				words = append(words, strings.Fields(strings.ReplaceAll(l, "│", ""))...)
			}
			if got := strings.Join(words, " "); got != para {
				t.Errorf("width %d: the quote reads %q, want %q", width, got, para)
			}
		}
	}
}

func TestUnspill(t *testing.T) {
	tests := []struct {
		name, prev, line string
		want             string
	}{
		{"a spilled word", "│ with line descriptions now work for", "the", "│ the"},
		{"nested", "│ │ with line descriptions now work f", "the", "│ │ the"},
		{"a short quote, then text", "│ q", "tail", "tail"},
		{"not after a quote", "plain words that fill the whole line up", "the", "the"},
		{"already quoted", "│ with line descriptions now work for", "│ the", "│ the"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unspill(tt.prev, tt.line, 40); got != tt.want {
				t.Errorf("unspill(%q, %q, 40) = %q, want %q", tt.prev, tt.line, got, tt.want)
			}
		})
	}
}

func TestIsSGR(t *testing.T) {
	tests := []struct {
		seq  string
		want bool
	}{
		{"\x1b[m", true},
		{"\x1b[0m", true},
		{"\x1b[1;38;2;10;20;30m", true},
		{"\x1b[38:5:200m", true},
		{"\x1b[2J", false},
		{"\x1b[?25m", false},
		{"\x1b]0;title\x07m", false},
		{"[1m", false},
		{"\x1bm", false},
	}
	for _, tt := range tests {
		if got := IsSGR(tt.seq); got != tt.want {
			t.Errorf("IsSGR(%q) = %v, want %v", tt.seq, got, tt.want)
		}
	}
}
