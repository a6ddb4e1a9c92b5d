package render

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestScratch2(t *testing.T) {
	bodies := []string{
		`<p>Hello &#27;]0;pwned&#7; <b>bold</b> <script>alert(1)</script><a href="javascript:alert(1)">click</a> <a href="https://example.com/a_(b)">link</a></p><p><img src="https://x.test/s.png" alt="screen shot"></p>`,
		`<pre><code>func main() {` + "\t" + `fmt.Println("` + strings.Repeat("x", 120) + `")
}</code></pre><p>after</p>`,
		`<p>`+strings.Repeat("あ", 70)+` 👩‍👩‍👧 emoji `+strings.Repeat("w", 90)+`</p>`,
		`<ul><li>one ` + strings.Repeat("long words ", 20) + `</li><li>two</li></ul><blockquote>quoted ` + strings.Repeat("text ", 30) + `</blockquote>`,
		`<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>` + strings.Repeat("cell ", 30) + `</td></tr></table>`,
		"plain text\nsecond line &amp; &lt;b&gt;",
		`<p>fake **bold** and 1. list and &amp;#27; x</p>`,
	}
	r, _ := NewRenderer(40, PlainStyles())
	for _, b := range bodies {
		out := r.Block(Item{Kind: KindNote, Author: "A", HTML: b, Time: time.Now()}, time.UTC)
		fmt.Println(out)
		fmt.Printf("%q\n", bodyMarkdown(b))
		fmt.Println(PlainBody(b, 40))
		fmt.Println("-----")
	}
}
