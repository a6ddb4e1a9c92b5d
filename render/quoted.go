package render

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Email replies carry the whole earlier thread below the new text. The
// splitter finds where that quoted history starts and cuts the body there,
// so the screen can fold it to one line and printed output can leave it
// out. Only history at the end folds: a quote with new text after it is
// someone answering inline, and stays. A body that would be all history
// (a bare forward) stays whole.

// splitPolicy is the body policy keeping also what tells quoted history
// apart: classes, ids and a blockquote's type. Both halves of a split go
// through the body policy again on their way out, which drops them.
var splitPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := newBodyPolicy()
	p.AllowAttrs("class", "id").Globally()
	p.AllowAttrs("type").OnElements("blockquote")
	return p
})

// splitHints are what a body must contain, in lower case, for the
// splitter to look further: most messages are chat and skip it.
var splitHints = []string{
	"gmail_", "yahoo_quoted", "cite", "wrote", "a écrit", "schrieb", "original message",
	"divrplyfwdmsg", "appendonsend", "from:", "&gt;", "&#62;", "\n>",
}

// attribution matches the line a mail client writes above the quote:
// "On Tue, Nov 24, 2026 at 2:02 PM Maya Chen <maya@example.com> wrote:",
// and its French and German forms.
var attribution = regexp.MustCompile(`(?i)^(?:on\s.{4,300}\swrote\s?:|le\s.{4,300}\sa\s+écrit\s?:|am\s.{4,300}\sschrieb.{0,300}:)$`)

// originalMessage matches Outlook's "-----Original Message-----".
var originalMessage = regexp.MustCompile(`(?i)^-{2,}\s*original message\s*-{2,}`)

// lineLimit is how far, in bytes of text, the splitter reads a line for an
// attribution or a header: a bound that keeps it linear.
const lineLimit = 400

// SplitQuoted cuts an HTML (or plain-text) body into its new text and the
// quoted email history at its end, both HTML still to be sanitised; history
// is "" when there is none. It recognises Gmail's gmail_quote, Apple Mail's
// and Thunderbird's <blockquote type="cite">, Yahoo's yahoo_quoted,
// Outlook's divRplyFwdMsg and appendonsend, a "From: … Sent: … Subject: …"
// header, "-----Original Message-----", and an "On … wrote:" line (or its
// French or German form) followed by quoted lines; and a run of "> " lines
// at the end.
func SplitQuoted(body string) (text, history string) {
	if !mayQuote(body) {
		return body, ""
	}
	src := body
	if !strings.Contains(src, "<") {
		src = strings.ReplaceAll(src, "\n", "<br>") // as toMarkdown reads plain text
	}
	doc, err := parseBody(splitPolicy().Sanitize(src))
	if err != nil {
		return body, ""
	}
	s := scanDoc(doc)
	start := s.historyStart()
	if start == nil {
		return body, ""
	}
	start = s.widen(start)
	hist := cutAt(start)
	return renderNodes(bodyOf(doc)), renderNodes(hist)
}

// mayQuote reports whether body has any sign of quoted history.
func mayQuote(body string) bool {
	lower := strings.ToLower(body)
	for _, h := range splitHints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return strings.HasPrefix(lower, ">")
}

// scan is a document's nodes in order with what the splitter asks of them.
type scan struct {
	nodes []*xhtml.Node
	pre   map[*xhtml.Node]int // a node's place in nodes
	end   []int               // the place of the last node in each node's subtree
	// content[i] is how many nodes before i show something: text other than
	// white space, or an image.
	content []int
	shows   []bool
	quoted  []bool // text in a blockquote or on a line starting ">"
	inQuote []bool // text in a blockquote
	lineHd  []bool // text that starts a line
	// lastPlain is the place of the last node showing something that is not
	// quoted, -1 if none; lastShown of the last that shows anything.
	lastPlain, lastShown int
}

// scanDoc walks doc once, in document order.
func scanDoc(doc *xhtml.Node) *scan {
	s := &scan{pre: map[*xhtml.Node]int{}, lastPlain: -1, lastShown: -1}
	lineStart, lineQuoted, inQuote := true, false, 0
	var walk func(n *xhtml.Node)
	// The HTML parser bounds the recursion: it refuses documents nested
	// deeper than 512 elements.
	walk = func(n *xhtml.Node) {
		i := len(s.nodes)
		s.nodes = append(s.nodes, n)
		s.pre[n] = i
		s.end = append(s.end, i)
		s.shows = append(s.shows, false)
		s.quoted = append(s.quoted, false)
		s.inQuote = append(s.inQuote, inQuote > 0)
		s.lineHd = append(s.lineHd, false)
		block := n.Type == xhtml.ElementNode && isBlock(n)
		switch {
		case n.Type == xhtml.TextNode && strings.TrimFunc(n.Data, isBlank) != "":
			t := strings.TrimLeftFunc(n.Data, isBlank)
			if lineStart {
				s.lineHd[i] = true
				lineQuoted = strings.HasPrefix(t, ">")
				lineStart = false
			}
			s.shows[i] = true
			s.quoted[i] = inQuote > 0 || lineQuoted
		case n.Type == xhtml.ElementNode && n.DataAtom == atom.Img:
			s.shows[i] = true
			s.quoted[i] = inQuote > 0 || lineQuoted
		case n.Type == xhtml.ElementNode && (n.DataAtom == atom.Br || block):
			lineStart, lineQuoted = true, false
		}
		if s.shows[i] {
			s.lastShown = i
			if !s.quoted[i] {
				s.lastPlain = i
			}
		}
		if n.DataAtom == atom.Blockquote {
			inQuote++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.DataAtom == atom.Blockquote {
			inQuote--
		}
		if block {
			lineStart, lineQuoted = true, false
		}
		s.end[i] = len(s.nodes) - 1
	}
	walk(doc)
	s.content = make([]int, len(s.nodes)+1)
	for i, shows := range s.shows {
		s.content[i+1] = s.content[i]
		if shows {
			s.content[i+1]++
		}
	}
	return s
}

// shown is how many nodes in [lo, hi] show something.
func (s *scan) shown(lo, hi int) int {
	if hi < lo {
		return 0
	}
	return s.content[hi+1] - s.content[lo]
}

// historyStart is the first node where trailing history starts, or nil.
// History never takes the whole body: a body that starts with it (a
// forward) has no new text to show instead, and stays whole.
func (s *scan) historyStart() *xhtml.Node {
	var heads [2]int // the two lines before, for an attribution wrapped over them
	heads[0], heads[1] = -1, -1
	for i := 0; i < len(s.nodes); i++ {
		n, first := s.nodes[i], s.shown(0, i-1) == 0
		switch {
		case n.Type == xhtml.ElementNode && s.container(n):
			if first {
				i = s.end[i] // a forwarded or quoted message: nothing in it starts history
				continue
			}
			if s.end[i] >= s.lastShown && s.shown(i, s.end[i]) > 0 {
				return n // the quote runs to the end
			}
		case n.Type == xhtml.ElementNode && s.header(n):
			if s.shown(i, len(s.nodes)-1) > 0 {
				if first {
					return nil
				}
				return n
			}
		case s.shows[i] && s.lineHd[i]:
			if s.textStart(i) {
				if s.quoted[i] {
					i = s.attributed(i, heads)
					n, first = s.nodes[i], s.shown(0, i-1) == 0
				}
				if first {
					return nil
				}
				return n
			}
			heads[0], heads[1] = heads[1], i
		}
	}
	return nil
}

// container reports whether n holds quoted history in full.
func (s *scan) container(n *xhtml.Node) bool {
	switch {
	case hasClass(n, "gmail_quote", "gmail_quote_container", "yahoo_quoted"):
		return true
	case n.DataAtom == atom.Blockquote && strings.EqualFold(attr(n, "type"), "cite"):
		return true
	}
	return false
}

// header reports whether n starts quoted history that runs to the end.
func (s *scan) header(n *xhtml.Node) bool {
	id := attr(n, "id")
	return hasClass(n, "gmail_attr", "moz-cite-prefix") ||
		strings.EqualFold(id, "divRplyFwdMsg") || strings.EqualFold(id, "appendonsend")
}

// textStart reports whether the line starting at text node i starts the
// history: "-----Original Message-----", a "From: … Subject: …" header, an
// attribution with only quoted lines after it, or the first of the quoted
// lines that end the body.
func (s *scan) textStart(i int) bool {
	line, next := s.line(i)
	switch {
	case originalMessage.MatchString(line):
		return s.shown(next, len(s.nodes)-1) > 0
	case strings.HasPrefix(line, "From:") && s.mailHeader(i):
		return true
	case attribution.MatchString(line):
		// Quoted lines follow, to the end.
		return s.lastPlain < next && s.shown(next, len(s.nodes)-1) > 0
	case s.quoted[i] && !s.inQuote[i]:
		return s.lastPlain < i
	}
	return false
}

// attributed is where quoted lines starting at node i start with the
// attribution above them: i, or the first of the one or two lines before
// that read as one (clients wrap a long one).
func (s *scan) attributed(i int, heads [2]int) int {
	if heads[1] < 0 {
		return i
	}
	last, _ := s.line(heads[1])
	if attribution.MatchString(last) {
		return heads[1]
	}
	if heads[0] >= 0 {
		if first, _ := s.line(heads[0]); attribution.MatchString(first + " " + last) {
			return heads[0]
		}
	}
	return i
}

// line is the text of the line starting at text node i, up to lineLimit
// bytes, spaces folded, and the place of the first node after it.
func (s *scan) line(i int) (string, int) {
	var b strings.Builder
	j := i
	for ; j < len(s.nodes) && b.Len() < lineLimit; j++ {
		n := s.nodes[j]
		if j > i && (n.Type == xhtml.ElementNode && (n.DataAtom == atom.Br || isBlock(n)) || s.lineHd[j]) {
			break
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data[:min(len(n.Data), lineLimit)])
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), isBlank), " "), j
}

// mailHeader reports whether the lines from text node i, a "From:" line,
// go on with Outlook's other header lines: "Sent:" or "Date:", and
// "Subject:" or "To:".
func (s *scan) mailHeader(i int) bool {
	var sent, subject bool
	for j, lines := i, 0; j < len(s.nodes) && lines < 8; lines++ {
		line, next := s.line(j)
		for _, w := range []string{"Sent:", "Date:", "Gesendet:", "Envoyé :"} {
			sent = sent || strings.Contains(line, w)
		}
		for _, w := range []string{"Subject:", "To:", "Betreff:", "Objet :"} {
			subject = subject || strings.Contains(line, w)
		}
		if sent && subject {
			return true
		}
		for j = next; j < len(s.nodes) && !(s.shows[j] && s.nodes[j].Type == xhtml.TextNode); j++ {
		}
	}
	return false
}

// widen moves the start of the history out to the largest subtree that
// starts with it, and back over the empty nodes and rules before it (the
// <hr> above Outlook's header), so the new text ends cleanly.
func (s *scan) widen(n *xhtml.Node) *xhtml.Node {
	for {
		p := n.Parent
		switch {
		case p != nil && p.DataAtom != atom.Body && p.Type == xhtml.ElementNode &&
			s.shown(s.pre[p], s.pre[n]-1) == 0:
			n = p
		case n.PrevSibling != nil && s.shown(s.pre[n.PrevSibling], s.end[s.pre[n.PrevSibling]]) == 0:
			n = n.PrevSibling
		default:
			return n
		}
	}
}

// cutAt removes n and everything after it in document order from its
// document and returns it as a list of nodes: n and its following
// siblings, under shallow copies of its ancestors below the body, each
// followed by the ancestor's own following siblings.
func cutAt(n *xhtml.Node) []*xhtml.Node {
	p := n.Parent
	cut := detach(n)
	for ; p != nil && p.Type == xhtml.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		cp := &xhtml.Node{Type: p.Type, Data: p.Data, DataAtom: p.DataAtom, Attr: p.Attr}
		for _, c := range cut {
			cp.AppendChild(c)
		}
		cut = append([]*xhtml.Node{cp}, detach(p.NextSibling)...)
	}
	return cut
}

// detach removes n and its following siblings from their parent.
func detach(n *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	for n != nil {
		next := n.NextSibling
		n.Parent.RemoveChild(n)
		out = append(out, n)
		n = next
	}
	return out
}

// bodyOf is the children of doc's <body>.
func bodyOf(doc *xhtml.Node) []*xhtml.Node {
	for n := range doc.Descendants() {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.Body {
			var out []*xhtml.Node
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				out = append(out, c)
			}
			return out
		}
	}
	return nil
}

// renderNodes writes nodes back as HTML.
func renderNodes(nodes []*xhtml.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		_ = xhtml.Render(&b, n) // a strings.Builder never fails
	}
	return b.String()
}

// blockTags end a line before and after them, as <br> does.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Blockquote: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true, atom.Hr: true, atom.Pre: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

func isBlock(n *xhtml.Node) bool { return blockTags[n.DataAtom] }

// isBlank is white space, no-break spaces included, and the invisible
// characters mail clients pad with.
func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// attr is n's attribute key, or "".
func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether n has any of classes.
func hasClass(n *xhtml.Node, classes ...string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		for _, want := range classes {
			if strings.EqualFold(c, want) {
				return true
			}
		}
	}
	return false
}

// splitFor is the body of it for printing, and how many lines of quoted
// history it has: without the history unless keep.
func splitFor(it Item, keep bool) (body string, quoted int) {
	text, history := SplitQuoted(it.HTML)
	if keep {
		text = it.HTML
	}
	return text, QuotedLines(history)
}

// quotedNote stands for quoted history left out of printed output.
func quotedNote(n int) string {
	return "[quoted history: " + count(n, "line") + "]"
}

// count is "1 line", "24 lines".
func count(n int, noun string) string {
	return strconv.Itoa(n) + " " + plural(n, noun, noun+"s")
}

// QuotedLines is how many lines quoted history takes as plain text: its
// lines that are not blank.
func QuotedLines(history string) int {
	if history == "" {
		return 0
	}
	n := 0
	for line := range strings.Lines(plainMarkdown(history)) {
		if strings.TrimFunc(line, func(r rune) bool { return r == '>' || isBlank(r) }) != "" {
			n++
		}
	}
	return n
}
