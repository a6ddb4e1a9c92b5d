package render

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/dom"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/microcosm-cc/bluemonday"

	"github.com/convo-cli/convo/api"
	xhtml "golang.org/x/net/html"
)

// tabSpaces replaces tabs in bodies: a terminal draws a tab up to 8 cells
// wide while every width function counts it as 0, which would break the
// width bound.
const tabSpaces = "    "

// The body pipeline's pieces are built once, on first use, and are safe to
// share between goroutines afterwards (bluemonday policies are read-only
// once built; html-to-markdown converters lock internally).
var (
	bodyPolicy      = sync.OnceValue(newBodyPolicy)
	textPolicy      = sync.OnceValue(newTextPolicy)
	mdConverter     = sync.OnceValue(func() *converter.Converter { return newConverter(false, false) })
	screenConverter = sync.OnceValue(func() *converter.Converter { return newConverter(false, true) })
	plainConverter  = sync.OnceValue(func() *converter.Converter { return newConverter(true, false) })
)

// newBodyPolicy keeps the formatting Intercom sends and nothing that can
// act: no scripts, styles, event attributes, iframes, forms, or links other
// than absolute http, https and mailto.
func newBodyPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "div", "span", "b", "strong", "i", "em", "u",
		"s", "del", "strike", "sub", "sup", "ul", "ol", "li", "h1", "h2", "h3",
		"h4", "h5", "h6", "pre", "code", "blockquote", "hr", "table", "thead",
		"tbody", "tfoot", "tr", "th", "td")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	return p
}

// newTextPolicy strips every tag, for telling an empty body ("<p></p>")
// from a real one and for one-line previews of subjects.
func newTextPolicy() *bluemonday.Policy {
	return bluemonday.StrictPolicy().AddSpaceWhenStrippingTag(true)
}

// newConverter builds the HTML to Markdown converter. plain is for text
// output, JSON and search: no Markdown escaping (nothing will parse it), no
// emphasis markers, and links as "label (url)", the way Intercom's own
// plaintext display writes them; headings, lists, quotes and code fences
// keep their Markdown shape, which reads well as plain text.
// Both show images as links, so a screenshot is a visible URL rather than a
// remote fetch in whatever later renders the Markdown. listEnds puts an
// HTML comment between adjacent lists, which Markdown would join into one:
// glamour shows nothing of it, but other renderers may, so it is for the
// screen only.
func newConverter(plain, listEnds bool) *converter.Converter {
	mode, padding := converter.EscapeModeSmart, table.CellPaddingBehaviorAligned
	if plain {
		// Aligned cells pad every row to the widest cell, which wraps
		// into noise in plain text.
		mode, padding = converter.EscapeModeDisabled, table.CellPaddingBehaviorMinimal
	}
	conv := converter.NewConverter(
		converter.WithEscapeMode(mode),
		converter.WithPlugins(
			base.NewBasePlugin(),
			commonmark.NewCommonmarkPlugin(
				commonmark.WithListEndComment(listEnds),
				commonmark.WithLinkEmptyHrefBehavior(commonmark.LinkBehaviorSkip),
			),
			table.NewTablePlugin(table.WithCellPaddingBehavior(padding)),
			strikethrough.NewStrikethroughPlugin(),
		),
	)
	conv.Register.RendererFor("img", converter.TagTypeInline, imageAsLink(plain), converter.PriorityEarly)
	if plain {
		conv.Register.RendererFor("a", converter.TagTypeInline, plainLink, converter.PriorityEarly)
		// Emphasis markers are noise in titles, search and JSON bodies.
		for _, tag := range []string{"b", "strong", "i", "em"} {
			conv.Register.RendererFor(tag, converter.TagTypeInline, childrenOnly, converter.PriorityEarly)
		}
	} else {
		// Ahead of the converter's own rules, which are quadratic there.
		conv.Register.UnEscaper(escapeBracket, converter.PriorityEarly)
		conv.Register.UnEscaper(escapeTildeRun, converter.PriorityEarly)
	}
	return conv
}

// childrenOnly renders an element as its content alone.
func childrenOnly(ctx converter.Context, w converter.Writer, n *xhtml.Node) converter.RenderStatus {
	ctx.RenderChildNodes(ctx, w, n)
	return converter.RenderSuccess
}

// imageAsLink renders <img> as a link labelled with its alt text.
func imageAsLink(plain bool) converter.HandleRenderFunc {
	return func(_ converter.Context, w converter.Writer, n *xhtml.Node) converter.RenderStatus {
		src := strings.TrimSpace(dom.GetAttributeOr(n, "src", ""))
		if src == "" {
			return converter.RenderSuccess // nothing to show or follow
		}
		label := "image"
		if alt := strings.Join(strings.Fields(dom.GetAttributeOr(n, "alt", "")), " "); alt != "" {
			label += ": " + alt
		}
		if plain {
			_, _ = w.WriteString("[" + label + "] (" + src + ")")
			return converter.RenderSuccess
		}
		label = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(label)
		_, _ = w.WriteString("[" + label + "](" + markdownDestination(src) + ")")
		return converter.RenderSuccess
	}
}

// plainLink renders <a> as "label (url)", or the bare URL when the label
// says nothing more.
func plainLink(ctx converter.Context, w converter.Writer, n *xhtml.Node) converter.RenderStatus {
	href := strings.TrimSpace(dom.GetAttributeOr(n, "href", ""))
	if href == "" {
		return converter.RenderTryNext
	}
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	label := strings.TrimSpace(buf.String())
	switch label {
	case "", href, strings.TrimPrefix(href, "mailto:"):
		if label == "" {
			label = strings.TrimPrefix(href, "mailto:")
		}
		_, _ = w.WriteString(label)
	default:
		_, _ = w.WriteString(label + " (" + href + ")")
	}
	return converter.RenderSuccess
}

// markdownDestination makes a URL safe inside "(…)" of a Markdown link.
func markdownDestination(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// bodyMarkdown is the body pipeline up to Markdown for glamour:
// bluemonday, then html-to-markdown on the document reshaped to keep
// glamour linear (limitForGlamour), then the sanitiser's rune filter.
func bodyMarkdown(body string) string {
	return strings.Trim(sanitizeMarkdown(toMarkdown(body, screenConverter(), limitForGlamour)), "\n")
}

// documentMarkdown is bodyMarkdown for Markdown output, which other
// renderers read: the document as it is, safe to print.
func documentMarkdown(body string) string {
	return strings.Trim(sanitizeMarkdown(toMarkdown(body, mdConverter(), nil)), "\n")
}

// plainMarkdown is the pipeline for plain text: unescaped Markdown with
// links inline, its entities decoded (html-to-markdown writes "<" in text
// as "&lt;") and sanitised, without the hard-break spaces at line ends.
func plainMarkdown(body string) string {
	md := strings.ReplaceAll(api.Sanitize(toMarkdown(body, plainConverter(), nil)), "	", tabSpaces)
	lines := strings.Split(strings.Trim(md, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// toMarkdown cleans an HTML body with the body policy and converts it,
// reshaped by reshape when it is not nil.
func toMarkdown(body string, conv *converter.Converter, reshape func(*xhtml.Node)) string {
	if strings.TrimSpace(body) == "" {
		return ""
	}
	if !strings.Contains(body, "<") {
		// A body fetched with display_as=plaintext: keep its line breaks,
		// which HTML parsing would fold into spaces.
		body = strings.ReplaceAll(body, "\n", "<br>")
	}
	clean := bodyPolicy().Sanitize(body)
	md, err := convert(clean, conv, reshape)
	if err != nil {
		// Never lose a message to a converter error (the HTML parser
		// refuses nesting deeper than 512 elements): fall back to its
		// text, on one line as HTML folds white space (an indent would be
		// code to Markdown), escaped unless it is for plain text.
		text := strings.Join(strings.Fields(api.Sanitize(textPolicy().Sanitize(clean))), " ")
		if conv != plainConverter() {
			text = escapeMarkdownText(text)
		}
		md = text
	}
	return md
}

// convert converts clean HTML to Markdown, stripping escape sequences from
// its text and attributes first: in the DOM they are whole and decoded
// ("&#27;" is an ESC there), while in the Markdown the converter escapes
// them apart ("\x1b\\[2J") and their payloads would survive as text.
func convert(clean string, conv *converter.Converter, reshape func(*xhtml.Node)) (string, error) {
	doc, err := parseBody(clean)
	if err != nil {
		return "", err
	}
	flattenNesting(doc)
	if reshape != nil {
		reshape(doc)
	}
	for n := range doc.Descendants() {
		if n.Type == xhtml.TextNode {
			n.Data = api.StripControls(n.Data)
		}
		for i := range n.Attr {
			n.Attr[i].Val = api.StripControls(n.Attr[i].Val)
		}
	}
	md, err := conv.ConvertNode(doc)
	return string(md), err
}

// sanitizeMarkdown is api.SanitizeMarkup with tabs expanded, as in every
// body.
func sanitizeMarkdown(md string) string {
	return strings.ReplaceAll(api.SanitizeMarkup(md), "\t", tabSpaces)
}

// hasText reports whether an HTML body shows anything: text other than
// white space, or an image. "<p></p>" and "<p> <br></p>" are empty.
func hasText(body string) bool {
	if strings.TrimSpace(body) == "" {
		return false
	}
	if hasImage(body) {
		return true
	}
	// Most bodies have a word in plain sight: no need for the sanitiser,
	// which was a third of the first screen's time for 500 parts.
	return plainWord(body) || sanitizedText(body)
}

// hasImage reports whether body has an <img> tag, in any case.
func hasImage(body string) bool {
	for i := strings.IndexByte(body, '<'); i >= 0 && i+4 <= len(body); {
		if strings.EqualFold(body[i+1:i+4], "img") {
			return true
		}
		j := strings.IndexByte(body[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// sanitizedText reports whether body has text other than white space once
// sanitised: hasText's sure but slow way.
func sanitizedText(body string) bool {
	text := html.UnescapeString(textPolicy().Sanitize(body))
	return strings.TrimSpace(api.StripControls(text)) != ""
}

// textTags are the elements whose content bluemonday keeps as text.
var textTags = map[string]bool{
	"p": true, "br": true, "div": true, "span": true, "b": true, "strong": true, "i": true, "em": true,
	"u": true, "s": true, "del": true, "strike": true, "sub": true, "sup": true, "a": true, "ul": true,
	"ol": true, "li": true, "code": true, "pre": true, "blockquote": true, "hr": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true,
}

// plainWord reports, cheaply, whether body has an ASCII letter or digit in
// its text: outside tags (quoted attribute values included) and entities,
// in a body of textTags only, with no ESC or C1 control (raw or as a
// numeric entity), which could take the letters after it with it as an
// escape sequence. Anything else (comments, other elements, a "<" that
// starts no tag) gives false, for sanitizedText to decide.
func plainWord(body string) bool {
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == 0x1b || c == 0xc2 && i+1 < len(body) && body[i+1] >= 0x80 && body[i+1] <= 0x9f:
			return false
		case c == '&' && i+1 < len(body) && body[i+1] == '#':
			return false
		case c == '<':
			end, ok := skipTag(body, i)
			if !ok {
				return false
			}
			i = end
		case c == '&': // an entity, or text that looks like one
			for i+1 < len(body) && (isAlnum(body[i+1]) || body[i+1] == '#') {
				i++
			}
		case isAlnum(c):
			return true
		}
	}
	return false
}

// skipTag reads the tag at body[i] ("<p>", "</a>", `<a href="x>y">`) and
// returns the index of its ">", or false unless it is a tag of textTags.
func skipTag(body string, i int) (int, bool) {
	j := i + 1
	if j < len(body) && body[j] == '/' {
		j++
	}
	start := j
	for j < len(body) && isAlnum(body[j]) {
		j++
	}
	if !textTags[strings.ToLower(body[start:j])] {
		return 0, false
	}
	// A quote starts a value only after "=", as in HTML's tokenizer.
	var quote, prev byte
	for ; j < len(body); j++ {
		switch c := body[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && prev == '=':
			quote = c
		case c == '>':
			return j, true
		}
		if c := body[j]; c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			prev = c
		}
	}
	return 0, false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// firstLine is the first non-blank line of an HTML or plain string, as
// one sanitised line of plain text.
func firstLine(s string) string {
	for line := range strings.Lines(plainMarkdown(s)) {
		if line = api.SanitizeLine(strings.TrimLeft(line, "#>*-+ ")); line != "" {
			return line
		}
	}
	return ""
}
