package termtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// HugeBody is HTML of about size bytes in paragraphs of words, links and
// bold, ending with a marker that says whose it is.
func HugeBody(size int, marker string) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("<p>")
		for n := 0; n < 100; n++ {
			switch n % 20 {
			case 7:
				fmt.Fprintf(&b, `<a href="https://example.com/%d">the export</a> `, b.Len())
			case 13:
				b.WriteString("<b>invoice</b> ")
			default:
				b.WriteString("customer report fails ")
			}
		}
		b.WriteString("</p>")
	}
	return b.String() + "<p>" + marker + "</p>"
}

// HugeJSON is a conversation response, made rather than stored: parts of
// the given bodies (by Sam Lee, a teammate, and Maya Chen, the customer,
// in turn), tags tags and the custom attributes attrs.
func HugeJSON(t testing.TB, bodies []string, tags int, attrs map[string]any) []byte {
	t.Helper()
	parts := make([]any, len(bodies))
	for i, body := range bodies {
		author := map[string]any{"type": "admin", "id": "a1", "name": "Sam Lee"}
		if i%2 == 1 {
			author = map[string]any{"type": "user", "id": "u1", "name": "Maya Chen"}
		}
		parts[i] = map[string]any{"type": "conversation_part", "id": fmt.Sprint(i + 1), "part_type": "comment",
			"body": body, "created_at": 1700000000 + i, "author": author}
	}
	tagList := make([]any, tags)
	for i := range tagList {
		tagList[i] = map[string]any{"type": "tag", "id": fmt.Sprint(i), "name": fmt.Sprintf("tag-%d", i)}
	}
	b, err := json.Marshal(map[string]any{
		"type": "conversation", "id": "9001", "title": "Huge", "state": "open", "open": true,
		"created_at": 1700000000, "updated_at": 1700000000,
		"source": map[string]any{"type": "conversation", "id": "1", "body": "<p>opening</p>",
			"author": map[string]any{"type": "user", "id": "u1", "name": "Maya Chen"}},
		"tags":               map[string]any{"type": "tag.list", "tags": tagList},
		"custom_attributes":  attrs,
		"conversation_parts": map[string]any{"type": "conversation_part.list", "total_count": len(parts), "conversation_parts": parts},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// HugeConversation is HugeJSON decoded.
func HugeConversation(t testing.TB, bodies []string, tags int, attrs map[string]any) *api.Conversation {
	t.Helper()
	body := HugeJSON(t, bodies, tags, attrs)
	c, err := api.DecodeBytes(body)
	if err != nil {
		t.Fatalf("decoding %d bytes: %v", len(body), err)
	}
	return c
}

// ManyPartsJSON is a conversation response with n parts as small as a part
// gets (about 50 bytes: an id, a part type and a body that says which part
// it is, "<p>17</p>"), numbered from 1 and oldest first, so that a million
// fit under api.MaxBody. It is written out directly: building a million
// values to marshal would cost more than what a test of them measures.
func ManyPartsJSON(n int) []byte {
	var b bytes.Buffer
	b.Grow(64 * (n + 10))
	b.WriteString(`{"type":"conversation","id":"9002","title":"Many","state":"open","open":true,` +
		`"created_at":1700000000,"updated_at":1700000000,` +
		`"source":{"type":"conversation","id":"1","body":"<p>opening</p>","author":{"type":"user","id":"u1","name":"Maya Chen"}},` +
		`"conversation_parts":{"type":"conversation_part.list","conversation_parts":[`)
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":"`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`","part_type":"comment","body":"<p>`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`</p>"}`)
	}
	fmt.Fprintf(&b, `],"total_count":%d}}`, n)
	return b.Bytes()
}
