package render

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/convo-cli/convo/api"
)

// Printed following writes a conversation once, then each part that comes
// after on its own, as the whole document would have written it.

// Transcript is the items printed output lists for c, less what o leaves
// out, in order: what WriteText, WriteMarkdown and WriteJSON print.
func Transcript(c *api.Conversation, o Options) []Item {
	return o.transcript(c)
}

// WriteTextItem writes one item as WriteText writes it in the transcript,
// wrapped to o.Width (80 when zero), with nothing before it.
func WriteTextItem(w io.Writer, it Item, o Options) error {
	o.printed = true
	t := textWriter{w: bufio.NewWriter(w), width: max(o.Width, 1), o: o}
	if o.Width <= 0 {
		t.width = defaultWidth
	}
	t.items([]Item{it})
	return t.w.Flush()
}

// WriteMarkdownItem writes one item as WriteMarkdown writes it, with
// nothing before it.
func WriteMarkdownItem(w io.Writer, it Item, o Options) error {
	o.printed = true
	m := mdWriter{w: bufio.NewWriter(w), o: o}
	m.items([]Item{it})
	return m.w.Flush()
}

// WriteJSONHead writes the conversation as WriteJSON does but without its
// "parts", on one line: the first line of JSON Lines, whose other lines
// are its parts (WriteJSONPart).
func WriteJSONHead(w io.Writer, c *api.Conversation, o Options) error {
	o.printed = true
	head := struct {
		jsonConversation
		// Shallower than the embedded "parts", so it hides it; nil, so
		// it is left out.
		Parts *struct{} `json:"parts,omitempty"`
	}{jsonConversation: buildJSON(c, o)}
	return encodeLine(w, head)
}

// WriteJSONPart writes one item as an element of WriteJSON's "parts", on
// one line, the public view's keys emptied as publicJSON empties them.
func WriteJSONPart(w io.Writer, it Item, o Options) error {
	o.printed = true
	p := jsonPartOf(it, o)
	if o.Public {
		publicPart(&p)
	}
	return encodeLine(w, p)
}

// encodeLine writes v as one line of JSON, bodies and URLs readable.
func encodeLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
