package render

// Minimal implementations of render's API so that dependants build; the
// real ones replace this file.

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/convo-cli/convo/api"
)

// Sanitize makes one untrusted plain string safe for the terminal.
func Sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// Items lists the transcript: the opening message, then every part.
func Items(c *api.Conversation) []Item {
	items := []Item{{Index: 0, ID: string(c.Source.ID), PartType: "source", Author: Sanitize(c.Source.Author.Name), HTML: c.Source.Body, Time: c.CreatedAt.Time()}}
	for i, p := range c.ConversationParts.Parts {
		it := Item{Index: i + 1, ID: string(p.ID), PartType: p.PartType, Author: Sanitize(p.Author.Name), HTML: p.Body, Time: p.CreatedAt.Time()}
		if p.PartType == "note" {
			it.Kind = KindNote
		} else if p.Body == "" {
			it.Kind, it.Event = KindEvent, p.PartType
		}
		items = append(items, it)
	}
	return items
}

// Renderer renders blocks at one width with one set of styles. It is not
// safe for concurrent use: give each goroutine its own.
type Renderer struct {
	width  int
	styles Styles
}

// NewRenderer makes a renderer for blocks at most width cells wide.
func NewRenderer(width int, st Styles) (*Renderer, error) {
	return &Renderer{width: width, styles: st}, nil
}

// Block renders one item as styled lines no wider than the renderer's width.
func (r *Renderer) Block(it Item, loc *time.Location) string {
	if it.Kind == KindEvent {
		return r.styles.Event.Render(it.Event)
	}
	return r.styles.Author.Render(it.Author) + "\n" + PlainBody(it.HTML, r.width)
}

// PlainBody is an HTML body as wrapped plain text.
func PlainBody(html string, width int) string { return Sanitize(html) }

// Summarize is what the header shows.
func Summarize(c *api.Conversation) Summary {
	return Summary{Title: Sanitize(c.Title), ID: Sanitize(string(c.ID)), State: c.State, Shown: len(c.ConversationParts.Parts), Total: c.PartsTotal()}
}

// Notice says when older parts were left out, and is empty otherwise.
func Notice(c *api.Conversation) string {
	if !c.Truncated() {
		return ""
	}
	return fmt.Sprintf("showing the %d most recent of %d parts", len(c.ConversationParts.Parts), c.PartsTotal())
}

// Details lists the panel's sections that the data has.
func Details(c *api.Conversation, o Options) []Section {
	return []Section{{Title: "Conversation", Rows: []Row{{Label: "State", Value: c.State}}}}
}

// WriteText prints the conversation as wrapped plain text.
func WriteText(w io.Writer, c *api.Conversation, o Options) error {
	_, err := fmt.Fprintln(w, Summarize(c).Title)
	return err
}

// WriteMarkdown prints the conversation as a Markdown document.
func WriteMarkdown(w io.Writer, c *api.Conversation, o Options) error { return WriteText(w, c, o) }

// WriteJSON prints the conversation in convo's normalised JSON schema.
func WriteJSON(w io.Writer, c *api.Conversation, o Options) error { return WriteText(w, c, o) }
