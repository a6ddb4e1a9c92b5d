package render

import (
	"slices"
	"strings"

	"github.com/convo-cli/convo/api"
)

// What Intercom added to parts after 2.11, as Items carries it: tags,
// the app that made the part, email headers, the conversation's state
// after it, the quick reply the customer chose, and translations.

// Email is how a message that came or went as email was addressed.
type Email struct {
	Subject   string
	MessageID string
	Addresses []EmailAddress // in the order the API gave them
}

// EmailAddress is one address of an email's headers.
type EmailAddress struct {
	Type    string // from, to, cc, bcc or reply_to, or another the API adds
	Name    string
	Address string
}

// emailHeaders are the address headers in the order a mail client shows
// them, with their labels; other types follow, labelled by their words.
var emailHeaders = []struct{ typ, label string }{
	{"from", "From"}, {"to", "To"}, {"cc", "CC"}, {"bcc", "BCC"}, {"reply_to", "Reply-To"},
}

// emailOf is the part's email metadata, sanitised; nil when it has none
// worth a line.
func emailOf(m *api.EmailMetadata) *Email {
	if m == nil {
		return nil
	}
	e := &Email{Subject: api.SanitizeLine(m.Subject), MessageID: api.SanitizeLine(m.MessageID)}
	for _, h := range m.EmailAddressHeaders {
		a := EmailAddress{
			Type:    strings.ToLower(api.SanitizeLine(h.Type)),
			Name:    api.SanitizeLine(h.Name),
			Address: api.SanitizeLine(h.EmailAddress),
		}
		if a.Name != "" || a.Address != "" {
			e.Addresses = append(e.Addresses, a)
		}
	}
	if e.Subject == "" && e.MessageID == "" && len(e.Addresses) == 0 {
		return nil
	}
	return e
}

// EmailHeader is one labelled header: "From" and "Ana <ana@x.com>".
type EmailHeader struct {
	Label string
	Value string
}

// Headers are the email's headers as a mail client shows them: Subject,
// From, To, CC, BCC, Reply-To, any others, then Message-ID. Several
// addresses of one type share a header.
func (e *Email) Headers() []EmailHeader {
	if e == nil {
		return nil
	}
	var out []EmailHeader
	if e.Subject != "" {
		out = append(out, EmailHeader{"Subject", e.Subject})
	}
	for _, t := range e.addressTypes() {
		var list []string
		for _, a := range e.Addresses {
			if a.Type == t {
				list = append(list, a.String())
			}
		}
		out = append(out, EmailHeader{headerLabel(t), strings.Join(list, ", ")})
	}
	if e.MessageID != "" {
		out = append(out, EmailHeader{"Message-ID", e.MessageID})
	}
	return out
}

// addressTypes are the address types the email has, known ones first in
// emailHeaders' order.
func (e *Email) addressTypes() []string {
	var types []string
	for _, h := range emailHeaders {
		if slices.ContainsFunc(e.Addresses, func(a EmailAddress) bool { return a.Type == h.typ }) {
			types = append(types, h.typ)
		}
	}
	for _, a := range e.Addresses {
		if !slices.Contains(types, a.Type) {
			types = append(types, a.Type)
		}
	}
	return types
}

func headerLabel(typ string) string {
	for _, h := range emailHeaders {
		if h.typ == typ {
			return h.label
		}
	}
	if typ == "" {
		return "Address"
	}
	return words(typ)
}

// Line is the email on one line: "Re: Invoice · From Ana <ana@x.com> · To
// support@y.com", the subject and the addresses without the Message-ID.
func (e *Email) Line() string {
	var parts []string
	for _, h := range e.Headers() {
		switch h.Label {
		case "Subject":
			parts = append(parts, h.Value)
		case "Message-ID":
		default:
			parts = append(parts, h.Label+" "+h.Value)
		}
	}
	return strings.Join(parts, " · ")
}

// String is "Ana <ana@x.com>", or the one of them there is.
func (a EmailAddress) String() string {
	switch {
	case a.Name == "":
		return a.Address
	case a.Address == "":
		return a.Name
	}
	return a.Name + " <" + a.Address + ">"
}

// tagNames are the names of a part's tags, sanitised, empty ones left out.
func tagNames(tags []api.Tag) []string {
	var out []string
	for _, t := range tags {
		if n := api.SanitizeLine(t.Name); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// originalKey is the key of translations that names the body's locale.
const originalKey = "original"

// translationsOf splits a part's translations into the body's locale and
// the other languages' bodies (HTML by locale, sanitised keys); the
// original's own entry, when the map repeats it, is left out.
func translationsOf(m map[string]string) (original string, out map[string]string) {
	original = api.SanitizeLine(m[originalKey])
	for lang, html := range m {
		lang = api.SanitizeLine(lang)
		if lang == "" || lang == originalKey || strings.EqualFold(lang, original) || !hasText(html) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[lang] = html
	}
	return original, out
}

// Languages are the languages the item has a translation in, sorted.
func (it Item) Languages() []string {
	langs := make([]string, 0, len(it.Translations))
	for l := range it.Translations {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// Translation picks the item's translation for a reader who prefers the
// locale pref ("fr", "pt_BR", "" for none): the one named exactly (case and
// "-" or "_" aside), else one in the same language, else the first in
// sorted order. ok is false when the item has none.
func (it Item) Translation(pref string) (lang, html string, ok bool) {
	langs := it.Languages()
	if len(langs) == 0 {
		return "", "", false
	}
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "-")) }
	base := func(s string) string { b, _, _ := strings.Cut(norm(s), "-"); return b }
	pick := langs[0]
	if p := norm(pref); p != "" {
		if i := slices.IndexFunc(langs, func(l string) bool { return norm(l) == p }); i >= 0 {
			pick = langs[i]
		} else if i := slices.IndexFunc(langs, func(l string) bool { return base(l) == base(p) }); i >= 0 {
			pick = langs[i]
		}
	}
	return pick, it.Translations[pick], true
}

// TranslationLabel is "translation (fr) from en", or without the original
// when the part does not name it.
func (it Item) TranslationLabel(lang string) string {
	s := "translation (" + lang + ")"
	if it.Original != "" {
		s += " from " + it.Original
	}
	return s
}

// quickReplyChosen is the text of the quick reply option part i's
// quick_reply_uuid names among the options earlier parts offered, "" when
// it names none.
func quickReplyChosen(parts []api.Part, i int) string {
	m := parts[i].Metadata
	if m == nil || m.QuickReplyUUID == "" {
		return ""
	}
	for j := i - 1; j >= 0; j-- {
		if pm := parts[j].Metadata; pm != nil {
			for _, o := range pm.QuickReplyOptions {
				if o.UUID == m.QuickReplyUUID {
					return api.SanitizeLine(o.Text)
				}
			}
		}
	}
	return ""
}

// statesSaid are the part types whose own line says what they did to the
// conversation's state.
var statesSaid = map[string]bool{
	"open": true, "close": true, "snoozed": true, "unsnoozed": true, "timer_unsnooze": true,
	"assign_and_reopen": true, "assign_and_unsnooze": true, "note_and_reopen": true, "note_and_unsnooze": true,
}

// stateNews is "conversation now closed" when part i left the conversation
// in another state than the part before it did (both saying), and its
// type does not already say so; "" otherwise.
func stateNews(parts []api.Part, i int) string {
	now := api.SanitizeLine(parts[i].State)
	if now == "" || i == 0 || statesSaid[parts[i].PartType] {
		return ""
	}
	prev := api.SanitizeLine(parts[i-1].State)
	if prev == "" || prev == now {
		return ""
	}
	return "conversation now " + words(now)
}

// withNews adds news to an event line: "a · news", or news alone.
func withNews(line, news string) string {
	switch {
	case news == "":
		return line
	case line == "":
		return news
	}
	return line + " · " + news
}
