package render

import (
	"fmt"
	"testing"
)

func TestScratch3(t *testing.T) {
	for _, h := range []string{`<p>a&nbsp;b &amp;lt;x&amp;gt; &lt;script&gt; AT&amp;T &copy;</p>`, `<p><code>&lt;div&gt; &amp;amp;</code></p><pre>&lt;b&gt; &amp;#27;</pre>`, `<p><a href="https://a.test/?x=1&amp;y=2">q</a></p>`, `<p>x &lt;b&gt; y</p>`, `<p>1 &lt; 2 and &lt;br&gt; and &lt;div class=x&gt; *x*</p>`} {
		md, _ := mdConverter().ConvertString(bodyPolicy().Sanitize(h))
		pl, _ := plainConverter().ConvertString(bodyPolicy().Sanitize(h))
		fmt.Printf("%q\n%q\n%q\n", bodyPolicy().Sanitize(h), md, pl)
	}
}
