package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxBody is the largest response convo reads; a larger one is refused while
// it streams in, never buffered whole.
const MaxBody = 64 << 20

// PartLimit is how many parts Intercom returns at most: the most recent ones.
const PartLimit = 500

// ErrTooLarge is returned for a body over MaxBody.
var ErrTooLarge = fmt.Errorf("response is larger than %d MiB", MaxBody>>20)

// errMarkup is a body that starts like HTML or XML: a web page where a
// conversation was expected.
var errMarkup = errors.New("an HTML page, not a JSON object")

// Decode reads one Conversation from r and cleans it (see Clean): every
// string in it is safe to show. It is tolerant of what real responses
// do (null objects, numbers where strings are documented, fields of other
// versions) but refuses what is not a conversation: malformed or truncated
// JSON, another JSON value, an Intercom error body, or a body over MaxBody.
func Decode(r io.Reader) (*Conversation, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	return DecodeBytes(body)
}

// readBody reads a whole response, refusing one over MaxBody as it streams
// in. A file says how big it is: reading it into a buffer of that size
// spares the copies of a growing one, which for a body near MaxBody would
// double the memory held.
func readBody(r io.Reader) ([]byte, error) {
	buf := new(bytes.Buffer)
	if size := fileSize(r); size > 0 {
		buf = bytes.NewBuffer(make([]byte, 0, min(size, MaxBody+1)+bytes.MinRead))
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxBody+1)); err != nil {
		return nil, fmt.Errorf("reading the response: %w", err)
	}
	if buf.Len() > MaxBody {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

// fileSize is the size of r when it is a regular file, else 0.
func fileSize(r io.Reader) int64 {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return 0
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		return info.Size()
	}
	return 0
}

// DecodeBytes is Decode for a body already in memory.
func DecodeBytes(body []byte) (*Conversation, error) { return decodeBytes(body, nil) }

// decodeBytes decodes a conversation and cleans it (see Clean), with the
// secret sc knows scrubbed.
func decodeBytes(body []byte, sc *Scrubber) (*Conversation, error) {
	if len(body) > MaxBody {
		return nil, ErrTooLarge
	}
	// A file saved by an editor on Windows may start with a byte order mark.
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), []byte("\uFEFF")))
	if len(trimmed) == 0 {
		return nil, errors.New("empty input, not a conversation")
	}
	if trimmed[0] == '<' {
		return nil, errMarkup
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object, not a conversation")
	}
	// Unmarshal checks that the whole input is valid JSON before it decodes
	// anything, so a type error always comes from a complete document.
	var c Conversation
	var into any = &c
	if longParts(trimmed) { // rare enough to pay for a look first
		into = &longConversation{Conversation: &c, Parts: (*keptParts)(&c.ConversationParts)}
	}
	if err := json.Unmarshal(trimmed, into); err != nil && !isTypeError(err) {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	switch {
	case c.Type == "error.list":
		return nil, errorListMessage(trimmed)
	case c.Type != "" && c.Type != "conversation":
		return nil, fmt.Errorf("not a conversation: its type is %q", clip(c.Type))
	case c.ID == "":
		return nil, errors.New("not a conversation: it has no id")
	}
	c.adoptLegacy(trimmed)
	c.dropHollow()
	Clean(&c, sc)
	return &c, nil
}

// isTypeError reports a value of an unexpected JSON type. encoding/json skips
// such a field and goes on decoding the rest, which is the tolerance wanted.
func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// adoptLegacy maps API 1.x's opening message, user, customers, assignee
// and first reply onto their 2.x places, so old saved responses still show
// who wrote, who took part and who owns them.
func (c *Conversation) adoptLegacy(body []byte) {
	if c.Source.Body != "" && len(c.Contacts.Contacts) > 0 {
		return // a 2.x response: spare a second pass over a large body
	}
	var legacy struct {
		Message    *Source            `json:"conversation_message"`
		User       *Ref               `json:"user"`
		Customers  []Ref              `json:"customers"`
		Assignee   *Ref               `json:"assignee"`
		FirstReply *FirstContactReply `json:"customer_first_reply"`
	}
	_ = json.Unmarshal(body, &legacy) // a field of the wrong shape stays nil
	if legacy.Message != nil && c.Source.Body == "" && c.Source.Author.Type == "" {
		c.Source = *legacy.Message
	}
	if len(c.Contacts.Contacts) == 0 {
		c.Contacts.Contacts = legacyContacts(legacy.User, legacy.Customers)
	}
	if a := legacy.Assignee; a != nil && !c.AdminAssigneeID.Set() && !c.TeamAssigneeID.Set() {
		switch a.Type {
		case "admin":
			c.AdminAssigneeID = a.ID
		case "team":
			c.TeamAssigneeID = a.ID
		}
	}
	if c.FirstContactReply == nil {
		c.FirstContactReply = legacy.FirstReply
	}
}

// legacyContacts is the user, then every customer, each once: 1.x names
// the user again among the customers.
func legacyContacts(user *Ref, customers []Ref) []Ref {
	var refs []Ref
	seen := map[ID]bool{}
	for _, r := range append([]Ref{deref(user)}, customers...) {
		if r.ID != "" && !seen[r.ID] {
			seen[r.ID] = true
			refs = append(refs, r)
		}
	}
	return refs
}

// deref is *r, or the zero Ref for nil.
func deref(r *Ref) Ref {
	if r == nil {
		return Ref{}
	}
	return *r
}

// errorListMessage describes an Intercom error body found where a
// conversation was expected (a saved failed response, say).
func errorListMessage(body []byte) error {
	var e struct {
		Errors []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(body, &e)
	if len(e.Errors) == 0 {
		return errors.New("not a conversation: an Intercom error response")
	}
	code, msg := clip(e.Errors[0].Code), clip(e.Errors[0].Message)
	if msg == "" {
		return fmt.Errorf("not a conversation: an Intercom error response (%s)", code)
	}
	return fmt.Errorf("not a conversation: an Intercom error response (%s: %s)", code, msg)
}

// clip keeps a value quoted in an error short and printable: errors reach the
// terminal without passing through render's sanitiser.
func clip(s string) string {
	const limit = 60 // runes
	s = strings.Map(func(r rune) rune {
		// Controls could drive the terminal; format characters (BiDi
		// overrides, zero-width ones) could disguise the text.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s) // also turns invalid UTF-8 into U+FFFD
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return s
}

// PartsTotal is how many parts the conversation has, which can exceed the
// parts kept: Intercom sends only the PartLimit most recent, and convo keeps
// only the MaxParts newest of those a response has (PartsReceived).
func (c *Conversation) PartsTotal() int {
	received := c.PartsReceived()
	n := max(c.ConversationParts.TotalCount, received)
	// total_count counts what was returned; at the limit, statistics knows better.
	if received >= PartLimit && c.Statistics != nil {
		n = max(n, c.Statistics.CountConversationParts)
	}
	return n
}

// PartsReceived is how many parts the response had: those kept, and the
// older ones dropped beyond MaxParts.
func (c *Conversation) PartsReceived() int {
	return len(c.ConversationParts.Parts) + c.ConversationParts.Dropped
}

// Truncated reports whether older parts are missing from those kept: left
// out by the API, or dropped beyond MaxParts.
func (c *Conversation) Truncated() bool {
	return c.PartsTotal() > len(c.ConversationParts.Parts)
}
