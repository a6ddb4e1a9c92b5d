package render

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/convo-cli/convo/api"
	xhtml "golang.org/x/net/html"
)

// Link is one link or attachment of an item, for the screen's list of
// them: the whole URL, which the transcript can only show through OSC 8.
type Link struct {
	// Label is what the item calls it: the attachment's name, the link's
	// text, "image: alt". Sanitised for the screen, on one line.
	Label string
	URL   string // SafeURL: http, https or mailto, never empty
	Size  int64  // bytes; 0 when unknown (every body link)
	// File is the name to save it under, as the item gives it (the
	// attachment's name, the image's last path segment), not yet made
	// safe for a file system; "" for what is not a file to save (a link
	// to a page, a mailto).
	File string
}

// Links lists the item's attachments, then the links and images of its
// body and of its translations in the order they come, each URL once.
// Links convo would not show (javascript:, relative) are left out.
func Links(it Item) []Link {
	var out []Link
	seen := map[string]bool{}
	add := func(l Link) {
		if l.URL == "" || seen[l.URL] {
			return
		}
		seen[l.URL] = true
		l.Label = ForScreen(api.SanitizeLine(l.Label))
		if l.Label == "" {
			l.Label = l.URL
		}
		out = append(out, l)
	}
	for _, a := range it.Attachments {
		u := SafeURL(a.URL)
		file := ""
		if isHTTP(u) {
			file = a.Name
		}
		add(Link{Label: a.Name, URL: u, Size: a.Size, File: file})
	}
	if it.Redacted {
		return out
	}
	bodies := []string{it.HTML}
	for _, lang := range it.Languages() {
		bodies = append(bodies, it.Translations[lang])
	}
	for _, body := range bodies {
		for _, l := range bodyLinks(body) {
			add(l)
		}
	}
	return out
}

// bareURL finds URLs in plain text, as glamour links them.
var bareURL = regexp.MustCompile(`https?://[^\s<>"']+`)

// bodyLinks are the links of one body, read from its HTML after the body
// policy: <a href>, <img src> and bare URLs in the text (a body fetched as
// plain text has only those).
func bodyLinks(body string) []Link {
	if strings.TrimSpace(body) == "" {
		return nil
	}
	if !strings.Contains(body, "<") {
		body = "<p>" + body + "</p>"
	}
	z := xhtml.NewTokenizer(strings.NewReader(bodyPolicy().Sanitize(body)))
	var links []Link
	var open *Link // the <a> whose text is being read
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if open != nil {
				links = append(links, *open)
			}
			return links
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "a":
				if open != nil {
					links = append(links, *open)
				}
				open = &Link{URL: linkURL(tokenAttr(tok, "href"))}
			case "img":
				if u := linkURL(tokenAttr(tok, "src")); u != "" {
					links = append(links, Link{Label: strings.TrimSuffix("image: "+tokenAttr(tok, "alt"), ": "), URL: u, File: fileOf(u)})
				}
			}
		case xhtml.EndTagToken:
			if tok := z.Token(); tok.Data == "a" && open != nil {
				links = append(links, *open)
				open = nil
			}
		case xhtml.TextToken:
			text := string(z.Text())
			if open != nil {
				open.Label += text
				continue
			}
			for _, u := range bareURL.FindAllString(text, -1) {
				u = strings.TrimRight(u, ".,;:!?)]}")
				links = append(links, Link{URL: linkURL(u)})
			}
		}
	}
}

// linkURL is a URL from the body, sanitised and made a SafeURL ("" when
// it is not one).
func linkURL(s string) string {
	return SafeURL(api.Sanitize(s))
}

func tokenAttr(tok xhtml.Token, name string) string {
	i := slices.IndexFunc(tok.Attr, func(a xhtml.Attribute) bool { return a.Key == name })
	if i < 0 {
		return ""
	}
	return tok.Attr[i].Val
}

// fileOf is the last segment of an http URL's path, the name an image is
// saved under; "" when there is none.
func fileOf(s string) string {
	if !isHTTP(s) {
		return ""
	}
	u, _ := url.Parse(s)
	base := path.Base(u.Path)
	if base == "/" || base == "." {
		return ""
	}
	return base
}

// isHTTP reports whether a SafeURL is http or https: a file to fetch, not
// a mailto.
func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https"))
}
