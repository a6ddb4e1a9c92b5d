package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// emailMark starts a block's email line.
const emailMark = "✉ "

// SetTranslation makes the renderer show bodies in translation when on,
// in the language pref picks (see Item.Translation), and the originals
// otherwise.
func (r *Renderer) SetTranslation(on bool, pref string) {
	r.translate, r.pref = on, pref
}

// meta is one dim line of a part's metadata, cut to width.
func (r *Renderer) meta(s string, width int) string {
	return r.st.Meta.Render(ansi.Truncate(s, width, "…"))
}

// email is the block's email headers: one line, "✉ Re: Invoice · From
// Ana <ana@x.com> · To support@y.com", cut to width; or, for the part the
// reader expanded, every header on lines of its own, wrapped.
func (r *Renderer) email(it Item, width int) []string {
	if it.Email == nil {
		return nil
	}
	if !it.Expanded {
		return []string{r.meta(emailMark+it.Email.Line(), width)}
	}
	var lines []string
	for _, h := range it.Email.Headers() {
		for _, l := range hangLines(h.Label+": ", "  ", h.Value, width) {
			lines = append(lines, r.meta(l, width))
		}
	}
	return lines
}

// translated is the item with its body in translation when the renderer
// shows translations and the item has one, and the line that says so;
// else the item as it is and, when it has translations, a line naming
// their languages.
func (r *Renderer) translated(it Item) (Item, string) {
	if it.Redacted || len(it.Translations) == 0 {
		return it, ""
	}
	if !r.translate {
		return it, "translations: " + strings.Join(it.Languages(), ", ")
	}
	lang, html, _ := it.Translation(r.pref)
	it.HTML = html
	return it, it.TranslationLabel(lang)
}

// metaForScreen is the item with its metadata made ForScreen.
func (it Item) metaForScreen() Item {
	it.Via = ForScreen(it.Via)
	if len(it.Tags) > 0 {
		tags := make([]string, len(it.Tags))
		for i, t := range it.Tags {
			tags[i] = ForScreen(t)
		}
		it.Tags = tags
	}
	if e := it.Email; e != nil {
		c := &Email{Subject: ForScreen(e.Subject), MessageID: ForScreen(e.MessageID)}
		for _, a := range e.Addresses {
			c.Addresses = append(c.Addresses, EmailAddress{Type: a.Type, Name: ForScreen(a.Name), Address: ForScreen(a.Address)})
		}
		it.Email = c
	}
	if len(it.Translations) > 0 {
		tr := make(map[string]string, len(it.Translations))
		for lang, html := range it.Translations {
			tr[ForScreen(lang)] = html
		}
		it.Translations = tr
	}
	it.Original = ForScreen(it.Original)
	return it
}

// viaSuffix is " · via jira-cloud" for a part an app made, else "".
func (it Item) viaSuffix() string {
	if it.Via == "" {
		return ""
	}
	return " · via " + it.Via
}
