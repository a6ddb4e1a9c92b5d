package render

import (
	"strconv"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A body's rendering must take time linear in its size: a customer's
// message is untrusted, and the screen waits for it. These are the limits
// that keep the pipeline's libraries linear, each against a cost that grew
// faster than its input (BenchmarkBodySize measures them all).
const (
	// bracketLookahead is how far escapeBracket looks for a "]".
	bracketLookahead = 256
	// maxNesting is how deep quotes and lists may nest. Glamour indents
	// every level, and once the indent nears the width its output
	// multiplies with each further level: 80 nested quotes (a 2 KB
	// message) took seconds and a megabyte at width 80.
	maxNesting = 8
	// maxListItems is how many items glamour gets in one list: it numbers
	// an item by counting the items before it.
	maxListItems = 500
	// maxCodeLines is how many lines glamour gets in one code block: it
	// joins a block's lines one string concatenation at a time.
	maxCodeLines = 500
	// maxColumns is how many columns glamour gets in one table: Lip Gloss
	// narrows an overwide table a column at a time, rescanning them all.
	maxColumns = 16
)

// escapeBracket runs before the converter's rule for "[", which escapes
// one only when a "]" follows on its line and finds out by scanning ahead
// from every "[": a long line of them took time quadratic in its length
// (half a minute for a 200 KB message). It looks no further than
// bracketLookahead bytes: a "]" there means escape, as the converter
// would; a line end or the end there leaves the decision to the
// converter, whose scan then stops as soon; neither means escape, which
// every Markdown renderer reads as the same "[", so the only difference
// is a needless backslash.
func escapeBracket(chars []byte, i int) int {
	if chars[i] != '[' {
		return -1
	}
	for j := i + 1; j < len(chars) && j <= i+bracketLookahead; j++ {
		switch chars[j] {
		case ']':
			return 1
		case '\n':
			return -1
		}
	}
	if len(chars)-i-1 <= bracketLookahead {
		return -1
	}
	return 1
}

// escapeTildeRun escapes every "~" next to another. The converter leaves
// a run of them as it is (but for the first, at the start of a line), and
// goldmark's strikethrough parser, which takes runs of one or two, scans a
// longer run again from each of its tildes: quadratic in its length.
func escapeTildeRun(chars []byte, i int) int {
	if chars[i] != '~' {
		return -1
	}
	// The converter marks every character it may escape with a marker
	// byte before it: the neighbours are past the markers.
	prev, next := i-1, i+1
	for prev >= 0 && chars[prev] == marker.BytesMarkerEscaping[0] {
		prev--
	}
	for next < len(chars) && chars[next] == marker.BytesMarkerEscaping[0] {
		next++
	}
	if prev >= 0 && chars[prev] == '~' || next < len(chars) && chars[next] == '~' {
		return 1
	}
	return -1
}

// flattenNesting keeps quotes and lists within maxNesting levels. A list
// nested deeper in a list item gives its items to the item's own list,
// right after the item, so they stay items; any other quote or list too
// deep becomes a plain block, and its items blocks of their own, so that
// their content stays, at the deepest level allowed.
func flattenNesting(doc *xhtml.Node) {
	flattenUnder(doc, 0, nil)
}

// hoist is where a list item takes the items of lists nested too deep in
// it: after itself, then after the last item it took.
type hoist struct{ after *xhtml.Node }

// flattenUnder flattens n's children; depth is how many quotes and lists
// enclose them and item the list item at the deepest level allowed that
// does, if any. The HTML parser bounds the recursion: it refuses
// documents nested deeper than 512 elements.
func flattenUnder(n *xhtml.Node, depth int, item *hoist) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == xhtml.ElementNode {
			switch {
			case isList(c) && depth >= maxNesting && item != nil:
				for li := c.FirstChild; li != nil; li = c.FirstChild {
					c.RemoveChild(li)
					item.after.Parent.InsertBefore(li, item.after.NextSibling)
					item.after = li
				}
				n.RemoveChild(c)
			case isList(c) || c.DataAtom == atom.Blockquote:
				if depth >= maxNesting {
					c.Data, c.DataAtom = "div", atom.Div
					flattenUnder(c, depth, item)
				} else {
					flattenUnder(c, depth+1, nil)
				}
			case c.DataAtom == atom.Li && depth >= maxNesting && !isList(n):
				c.Data, c.DataAtom = "div", atom.Div // its list became a block
				flattenUnder(c, depth, item)
			case c.DataAtom == atom.Li && depth == maxNesting:
				flattenUnder(c, depth, &hoist{after: c})
			default:
				flattenUnder(c, depth, item)
			}
		}
		// Read after the work: items hoisted after c come next.
		if c.Parent == n {
			next = c.NextSibling
		}
		c = next
	}
}

// isList reports whether n is a list element.
func isList(n *xhtml.Node) bool {
	return n.Type == xhtml.ElementNode && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol)
}

// limitForGlamour reshapes a document for glamour, whose cost grows with
// the square of a list's items, a code block's lines and a table's
// columns: long lists and code blocks are cut into several, which read on
// as one, and the columns past maxColumns are merged into the last.
func limitForGlamour(doc *xhtml.Node) {
	var lists, pres, rows []*xhtml.Node
	for n := range doc.Descendants() {
		if n.Type != xhtml.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Ul, atom.Ol:
			lists = append(lists, n)
		case atom.Pre:
			pres = append(pres, n)
		case atom.Tr:
			rows = append(rows, n)
		}
	}
	for _, n := range lists {
		splitList(n)
	}
	for _, n := range pres {
		splitPre(n)
	}
	for _, n := range rows {
		mergeColumns(n)
	}
}

// splitList cuts a list of more than maxListItems items into lists of
// that many, numbered on where they are ordered. The screen's converter
// writes a comment between them, or Markdown would join them again.
func splitList(list *xhtml.Node) {
	items := 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Li {
			items++
		}
	}
	if items <= maxListItems || list.Parent == nil {
		return
	}
	var kids []*xhtml.Node
	for c := list.FirstChild; c != nil; c = list.FirstChild {
		list.RemoveChild(c)
		kids = append(kids, c)
	}
	cur, seen := list, 0
	for _, c := range kids {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Li {
			if seen > 0 && seen%maxListItems == 0 {
				next := &xhtml.Node{Type: xhtml.ElementNode, Data: list.Data, DataAtom: list.DataAtom}
				if list.DataAtom == atom.Ol {
					// The sanitiser keeps no "start", so every list starts at 1.
					next.Attr = []xhtml.Attribute{{Key: "start", Val: strconv.Itoa(seen + 1)}}
				}
				list.Parent.InsertBefore(next, cur.NextSibling)
				cur = next
			}
			seen++
		}
		cur.AppendChild(c)
	}
}

// splitPre cuts a code block of more than maxCodeLines lines into blocks
// of that many. Glamour shows a code block's text alone, so the text is
// all the new blocks keep, a <br> a line break.
func splitPre(pre *xhtml.Node) {
	if pre.Parent == nil {
		return
	}
	var b strings.Builder
	for n := range pre.Descendants() {
		switch {
		case n.Type == xhtml.TextNode:
			b.WriteString(n.Data)
		case n.Type == xhtml.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
	}
	lines := strings.SplitAfter(b.String(), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) <= maxCodeLines {
		return
	}
	for len(lines) > 0 {
		n := min(maxCodeLines, len(lines))
		block := &xhtml.Node{Type: xhtml.ElementNode, Data: "pre", DataAtom: atom.Pre}
		block.AppendChild(&xhtml.Node{Type: xhtml.TextNode, Data: strings.Join(lines[:n], "")})
		pre.Parent.InsertBefore(block, pre)
		lines = lines[n:]
	}
	pre.Parent.RemoveChild(pre)
}

// mergeColumns moves the cells of a row past maxColumns into its last
// cell that stays, as spans, with spans of a space between them: never
// texts side by side, which the converter joins one concatenation at a
// time.
func mergeColumns(row *xhtml.Node) {
	var last *xhtml.Node
	cells := 0
	for c := row.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == xhtml.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			if cells++; cells <= maxColumns {
				last = c
			} else {
				row.RemoveChild(c)
				c.Data, c.DataAtom = "span", atom.Span
				space := &xhtml.Node{Type: xhtml.ElementNode, Data: "span", DataAtom: atom.Span}
				space.AppendChild(&xhtml.Node{Type: xhtml.TextNode, Data: " "})
				last.AppendChild(space)
				last.AppendChild(c)
			}
		}
		c = next
	}
}

// parseBody parses clean HTML, its texts kept apart (separateText).
func parseBody(clean string) (*xhtml.Node, error) {
	return xhtml.Parse(strings.NewReader(separateText(clean)))
}

// separateText wraps in a <span> each text of clean HTML that does not
// follow a start tag: the texts between stray or ignored tags (an end tag
// with nothing to close, a <tr> outside a table), which the HTML parser
// joins with string concatenation, each onto all the text before it, and
// the texts a table pushes out before itself, which it joins the same
// way: quadratic in their number, 0.8 s for 200 KB of "x</td>". A span
// is a node of its own, which nothing joins, and shows nothing. A text
// right after a start tag follows a new node, which keeps it apart, and
// stays as it is (the line break the parser drops at the start of a
// <pre> with it), unless the tag is of a table's structure.
func separateText(clean string) string {
	z := xhtml.NewTokenizer(strings.NewReader(clean))
	var b strings.Builder
	b.Grow(len(clean) + len(clean)/8)
	opened := false // the last token was a start tag, not a table's
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String() // the end: clean HTML is a string
		case xhtml.TextToken:
			if !opened {
				b.WriteString("<span>")
				b.Write(z.Raw())
				b.WriteString("</span>")
				continue
			}
		}
		opened = false
		if tt == xhtml.StartTagToken {
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
			default:
				opened = true
			}
		}
		b.Write(z.Raw())
	}
}

// asciiPunct is every ASCII punctuation character: CommonMark lets a
// backslash escape any of them.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// escapeMarkdownText backslash-escapes every ASCII punctuation character
// of plain text, so that no Markdown renderer reads any of it as syntax.
// Only the converter's fallback needs it; the converter itself escapes
// more selectively.
func escapeMarkdownText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		// An ASCII byte is never part of a longer UTF-8 sequence.
		if strings.IndexByte(asciiPunct, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
