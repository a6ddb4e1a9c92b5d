package render

import (
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
)

// PlainStyles are styles without a single colour: bold, faint and italic
// only. They serve tests, benchmarks and monochrome screens; the ui builds
// coloured ones from its palette.
func PlainStyles() Styles {
	plain := lipgloss.NewStyle()
	var badges [roleCount]lipgloss.Style
	for i := range badges {
		badges[i] = plain.Reverse(true)
	}
	return Styles{
		Author:     plain.Bold(true),
		Email:      plain.Faint(true),
		Time:       plain.Faint(true),
		Badge:      badges,
		NoteBadge:  plain.Reverse(true).Bold(true),
		NoteBar:    plain.Bold(true),
		Event:      plain.Faint(true),
		Attachment: plain,
		Notice:     plain.Italic(true),
		Quoted:     plain.Faint(true),
		Meta:       plain.Faint(true),
		Markdown:   PlainMarkdown(),
	}
}

// PlainMarkdown is the glamour style without a colour: MarkdownStyle of
// no MarkdownColours.
func PlainMarkdown() ansi.StyleConfig { return MarkdownStyle(MarkdownColours{}) }

// MarkdownColours are the colours of a body's Markdown, as "#rrggbb"; the
// ui has them, render holds none. An empty one is no colour, and a mark
// stands for it: a heading without a colour gets its "#"s, code its
// backticks.
type MarkdownColours struct {
	Heading string // h1 to h5
	Minor   string // h6 and an image's text
	Rule    string // a horizontal rule
	Link    string
	Code    string // inline code and code blocks
}

// MarkdownStyle is glamour's style for message bodies, coloured with c.
// Unlike the stock styles it sets no document margin (the block lays
// itself out), no background, and no style on a block whose lines glamour
// pads: the stock ones pad every cell with colour codes, which costs bytes
// on every frame and looks wrong on a light terminal. Its code blocks have
// no Chroma and no Theme, which sends glamour's code-block element down its
// fallback path: the code is printed as is, and chroma never goes hunting
// through every lexer for an unlabelled block (half of the stock style's
// cost). A style for convo must keep CodeBlock.Chroma nil and
// CodeBlock.Theme empty too.
func MarkdownStyle(c MarkdownColours) ansi.StyleConfig {
	yes := true
	str := func(s string) *string { return &s }
	num := func(n uint) *uint { return &n }
	colour := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	heading := func(level int) ansi.StyleBlock {
		if c.Heading == "" {
			return ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: strings.Repeat("#", level) + " "}}
		}
		col := c.Heading
		if level == 6 {
			col = c.Minor
		}
		return ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: colour(col), Bold: &yes}}
	}
	code := ansi.StylePrimitive{Color: colour(c.Code)}
	if c.Code == "" {
		code.Prefix, code.Suffix = "`", "`"
	}
	link := ansi.StylePrimitive{Color: colour(c.Link), Underline: &yes}
	return ansi.StyleConfig{
		Document: ansi.StyleBlock{Margin: num(0)},
		// A quote is its "│ " bar alone: glamour pads a block's lines to
		// the width in the block's style, so a coloured or italic quote
		// would cost a colour code per cell.
		BlockQuote: ansi.StyleBlock{Indent: num(1), IndentToken: str("│ ")},
		List:       ansi.StyleList{LevelIndent: 2},
		Heading: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
			BlockSuffix: "\n", Color: colour(c.Heading), Bold: &yes,
		}},
		H1:             heading(1),
		H2:             heading(2),
		H3:             heading(3),
		H4:             heading(4),
		H5:             heading(5),
		H6:             heading(6),
		Strikethrough:  ansi.StylePrimitive{CrossedOut: &yes},
		Emph:           ansi.StylePrimitive{Italic: &yes},
		Strong:         ansi.StylePrimitive{Bold: &yes},
		HorizontalRule: ansi.StylePrimitive{Color: colour(c.Rule), Format: "\n────────\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           link,
		LinkText:       link,
		Image:          link,
		ImageText:      ansi.StylePrimitive{Color: colour(c.Minor), Format: "image: {{.text}} →"},
		Code:           ansi.StyleBlock{StylePrimitive: code},
		CodeBlock: ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: colour(c.Code)},
			Margin:         num(2),
		}},
		Table: ansi.StyleTable{
			CenterSeparator: str("┼"), ColumnSeparator: str("│"), RowSeparator: str("─"),
		},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n• "},
	}
}
