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
	bodyPolicy     = sync.OnceValue(newBodyPolicy)
	textPolicy     = sync.OnceValue(newTextPolicy)
	mdConverter    = sync.OnceValue(func() *converter.Converter { return newConverter(false) })
	plainConverter = sync.OnceValue(func() *converter.Converter { return newConverter(true) })
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
// remote fetch in whatever later renders the Markdown.
func newConverter(plain bool) *converter.Converter {
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
				commonmark.WithListEndComment(false),
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

// bodyMarkdown is the body pipeline up to Markdown: bluemonday, then
// html-to-markdown, then the sanitiser's rune filter. The result is safe to
// render with glamour and to print as Markdown.
func bodyMarkdown(body string) string {
	return strings.Trim(sanitizeMarkdown(toMarkdown(body, mdConverter())), "\n")
}

// plainMarkdown is the pipeline for plain text: unescaped Markdown with
// links inline, its entities decoded (html-to-markdown writes "<" in text
// as "&lt;") and sanitised, without the hard-break spaces at line ends.
func plainMarkdown(body string) string {
	md := strings.ReplaceAll(Sanitize(toMarkdown(body, plainConverter())), "\t", tabSpaces)
	lines := strings.Split(strings.Trim(md, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// toMarkdown cleans an HTML body with the body policy and converts it.
func toMarkdown(body string, conv *converter.Converter) string {
	if strings.TrimSpace(body) == "" {
		return ""
	}
	if !strings.Contains(body, "<") {
		// A body fetched with display_as=plaintext: keep its line breaks,
		// which HTML parsing would fold into spaces.
		body = strings.ReplaceAll(body, "\n", "<br>")
	}
	clean := bodyPolicy().Sanitize(body)
	md, err := conv.ConvertString(clean)
	if err != nil {
		// Never lose a message to a converter error: fall back to its text,
		// escaped as html-to-markdown escapes text.
		md = textPolicy().Sanitize(clean)
	}
	return md
}

// sanitizeMarkdown is Sanitize for Markdown. Sanitize itself would decode
// the entities, but in Markdown they are markup: html-to-markdown writes a
// literal "<" as "&lt;", and glamour (like any Markdown renderer) decodes
// entities once, in text and code spans and link targets alike. So the
// forbidden runes are dropped as they stand, and so is every entity that
// would decode to one ("&#27;", "&#x202e;", "&shy;"), while the harmless
// entities stay for the renderer. Tabs become spaces, as in every body.
func sanitizeMarkdown(md string) string {
	md = stripForbidden(md)
	if strings.IndexByte(md, '&') < 0 {
		return strings.ReplaceAll(md, "\t", tabSpaces)
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(md, '&')
		if i < 0 {
			b.WriteString(md)
			break
		}
		b.WriteString(md[:i])
		// The chunk runs to the next "&", so it holds at most one entity,
		// at its start; entity names and numbers are alphanumeric, so no
		// Markdown delimiter can cut one shorter than html decodes it here.
		end := len(md)
		if j := strings.IndexByte(md[i+1:], '&'); j >= 0 {
			end = i + 1 + j
		}
		chunk := md[i:end]
		if decoded := html.UnescapeString(chunk); decoded != chunk {
			if clean := stripForbidden(decoded); clean != decoded || strings.Contains(decoded, "\t") {
				chunk = clean // the entity goes, decoded and stripped
			}
		}
		b.WriteString(chunk)
		md = md[end:]
	}
	return strings.ReplaceAll(b.String(), "\t", tabSpaces)
}

// hasText reports whether an HTML body shows anything: text other than
// white space, or an image. "<p></p>" and "<p> <br></p>" are empty.
func hasText(body string) bool {
	if strings.TrimSpace(body) == "" {
		return false
	}
	if strings.Contains(strings.ToLower(body), "<img") {
		return true
	}
	text := html.UnescapeString(textPolicy().Sanitize(body))
	return strings.TrimSpace(stripForbidden(text)) != ""
}

// firstLine is the first non-blank line of an HTML or plain string, as
// one sanitised line of plain text.
func firstLine(s string) string {
	for line := range strings.Lines(plainMarkdown(s)) {
		if line = SanitizeLine(strings.TrimLeft(line, "#>*-+ ")); line != "" {
			return line
		}
	}
	return ""
}
