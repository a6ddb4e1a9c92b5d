package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/convo-cli/convo/api"
)

// WriteMarkdown prints the conversation as a Markdown document: "# Title",
// a metadata table of every detail (with the web link when o.Names knows
// the workspace), the notice when parts are missing and what o left out,
// then a "## Name · role · 2026-11-24 14:02 CET" section per message with
// its body as Markdown, notes as blockquotes that start "> **Internal
// note**", and events as "- *2026-11-24 14:05 CET* — …" list lines. Every
// time is absolute, with its zone. Nothing is wrapped, whatever o.Width:
// the viewers and issue trackers Markdown is pasted into reflow it, and
// would keep hard line breaks as ragged lines. Every string from the API
// is sanitised and escaped where Markdown would read it as syntax.
func WriteMarkdown(w io.Writer, c *api.Conversation, o Options) error {
	o.printed = true
	m := mdWriter{w: bufio.NewWriter(w), o: o}
	s := Summarize(c)
	m.para("# " + mdEscape(s.Heading()))
	link := ""
	if !o.Public {
		link = o.Names.LinkTo(c)
	}
	m.table(s, link, Details(c, o))
	if n := Notice(c); n != "" {
		m.para("*" + mdEscape(n) + "*")
	}
	if n := o.viewNotice(); n != "" {
		m.para("*" + mdEscape(n) + "*")
	}
	m.items(o.transcript(c))
	return m.w.Flush()
}

// mdWriter writes paragraphs separated by one blank line; consecutive
// event lines form one list.
type mdWriter struct {
	w       *bufio.Writer
	o       Options
	started bool
	inList  bool
}

func (m *mdWriter) para(s string) {
	if m.started {
		_, _ = m.w.WriteString("\n")
	}
	_, _ = m.w.WriteString(s + "\n")
	m.started, m.inList = true, false
}

func (m *mdWriter) listItem(s string) {
	if !m.inList && m.started {
		_, _ = m.w.WriteString("\n")
	}
	_, _ = m.w.WriteString("- " + s + "\n")
	m.started, m.inList = true, true
}

// table is the metadata table: the id, the web link when known, then
// every detail row, labelled with its section where the label alone would
// be ambiguous.
func (m *mdWriter) table(s Summary, link string, sections []Section) {
	var b strings.Builder
	b.WriteString("| Field | Value |\n| --- | --- |\n")
	row := func(k, v string) { b.WriteString("| " + mdCell(k) + " | " + mdCell(v) + " |\n") }
	row("ID", s.ID)
	if link != "" {
		// An autolink, unescaped: WebLink escapes the ids, so the link
		// has no space, "<", ">" or "|" to break out of it or the table.
		b.WriteString("| Link | <" + link + "> |\n")
	}
	for _, sec := range sections {
		for _, r := range sec.Rows {
			label := r.Label
			// "Contacts · Contact" says nothing "Contact" does not.
			if sec.Title != "Conversation" && !strings.HasPrefix(sec.Title, r.Label) {
				label = sec.Title + " · " + r.Label
			}
			row(label, r.Value)
		}
	}
	m.para(strings.TrimSuffix(b.String(), "\n"))
}

func (m *mdWriter) items(items []Item) {
	for _, it := range items {
		switch it.Kind {
		case KindEvent:
			stamp := m.o.stamp(it.Time)
			text := mdEscape(m.o.eventText(it) + it.viaSuffix())
			if stamp != "" {
				text = "*" + stamp + "* — " + text
			}
			m.listItem(text)
		case KindNote:
			m.para(quote("**Internal note** · " + m.heading(it) + "\n\n" + m.body(it)))
		case KindUnrecognised:
			m.para(quote("**" + mdEscape("Unrecognised part ("+words(it.PartType)+")") + "** · " + m.heading(it) + "\n\n" + m.body(it)))
		default:
			m.para("## " + m.heading(it))
			if b := m.body(it); b != "" {
				m.para(b)
			}
		}
	}
}

// heading is "Maya Chen · customer · 2026-11-24 14:02 CET".
func (m *mdWriter) heading(it Item) string {
	h := mdEscape(it.Author) + " · " + it.Role.String()
	if it.Via != "" {
		h += " · via " + mdEscape(it.Via)
	}
	if !it.Time.IsZero() {
		h += " · " + m.o.stamp(it.Time)
	}
	return h
}

// body is the item's email headers as a list, its body as Markdown and
// each translation under its label, its attachments as a list of links,
// its tags, and what it also changed, in italics.
func (m *mdWriter) body(it Item) string {
	var parts []string
	if hs := it.Email.Headers(); len(hs) > 0 {
		lines := make([]string, len(hs))
		for i, h := range hs {
			lines[i] = "- **" + h.Label + ":** " + mdEscape(h.Value)
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	switch {
	case it.Redacted:
		parts = append(parts, "*(redacted)*")
	case it.HTML != "":
		text, quoted := splitFor(it, m.o.Quoted)
		if md := documentMarkdown(text); md != "" {
			parts = append(parts, md)
		}
		if quoted > 0 && !m.o.Quoted {
			parts = append(parts, "*"+quotedNote(quoted)+"*")
		}
	}
	if !it.Redacted {
		for _, lang := range it.Languages() {
			parts = append(parts, "*"+mdEscape(it.TranslationLabel(lang))+":*")
			if md := documentMarkdown(it.Translations[lang]); md != "" {
				parts = append(parts, md)
			}
		}
	}
	if len(it.Attachments) > 0 {
		var b strings.Builder
		for i, a := range it.Attachments {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("- 📎 " + mdLink(a.Name, a.URL))
			if size := FormatSize(a.Size); size != "" {
				b.WriteString(" (" + size + ")")
			}
		}
		parts = append(parts, b.String())
	}
	if len(it.Tags) > 0 {
		parts = append(parts, "*Tags: "+mdEscape(strings.Join(it.Tags, ", "))+"*")
	}
	if it.Event != "" {
		parts = append(parts, "*"+mdEscape(m.o.eventText(it))+"*")
	}
	return strings.Join(parts, "\n\n")
}

// quote prefixes every line with "> ".
func quote(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// mdLink is "[name](url)", or the escaped name when there is no safe URL.
func mdLink(name, url string) string {
	if url == "" {
		return mdEscape(name)
	}
	return "[" + mdEscape(name) + "](" + markdownDestination(url) + ")"
}

// mdEscaper backslash-escapes what Markdown would read as syntax inside a
// line of plain text (names, tags, event lines).
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`, "!", `\!`,
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// mdCell is a table cell: escaped, on one line.
func mdCell(s string) string { return mdEscape(strings.ReplaceAll(s, "\n", " ")) }
