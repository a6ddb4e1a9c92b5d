package render

import (
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

// PlainMarkdown is a glamour style without colours and without margins
// (the block lays itself out). Its code blocks have no Chroma and no Theme,
// which sends glamour's code-block element down its fallback path: the code
// is printed as is, and chroma never goes hunting through every lexer for
// an unlabelled block (half of the stock style's cost). A coloured style
// for convo must keep CodeBlock.Chroma nil and CodeBlock.Theme empty too.
func PlainMarkdown() ansi.StyleConfig {
	yes := true
	str := func(s string) *string { return &s }
	num := func(n uint) *uint { return &n }
	return ansi.StyleConfig{
		BlockQuote: ansi.StyleBlock{Indent: num(1), IndentToken: str("│ ")},
		List:       ansi.StyleList{LevelIndent: 2},
		Heading: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
			BlockSuffix: "\n", Bold: &yes,
		}},
		H1:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "# "}},
		H2:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "## "}},
		H3:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "### "}},
		H4:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "#### "}},
		H5:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "##### "}},
		H6:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "###### "}},
		Strikethrough:  ansi.StylePrimitive{CrossedOut: &yes},
		Emph:           ansi.StylePrimitive{Italic: &yes},
		Strong:         ansi.StylePrimitive{Bold: &yes},
		HorizontalRule: ansi.StylePrimitive{Format: "\n────────\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Underline: &yes},
		LinkText:       ansi.StylePrimitive{Bold: &yes},
		ImageText:      ansi.StylePrimitive{Format: "Image: {{.text}} →"},
		Code:           ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{BlockPrefix: "`", BlockSuffix: "`"}},
		CodeBlock:      ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{Margin: num(2)}},
		Table: ansi.StyleTable{
			CenterSeparator: str("┼"), ColumnSeparator: str("│"), RowSeparator: str("─"),
		},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n  "},
	}
}
