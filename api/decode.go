package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxBody is the largest response convo reads; a larger one is refused while
// it streams in, never buffered whole.
const MaxBody = 64 << 20

// PartLimit is how many parts Intercom returns at most: the most recent ones.
const PartLimit = 500

// ErrTooLarge is returned for a body over MaxBody.
var ErrTooLarge = fmt.Errorf("response is larger than %d MiB", MaxBody>>20)

// Decode reads one Conversation from r. It is tolerant of what real responses
// do (null objects, numbers where strings are documented, fields of other
// versions) but refuses what is not a conversation: malformed or truncated
// JSON, another JSON value, an Intercom error body, or a body over MaxBody.
func Decode(r io.Reader) (*Conversation, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBody {
		return nil, ErrTooLarge
	}
	return DecodeBytes(body)
}

// DecodeBytes is Decode for a body already in memory.
func DecodeBytes(body []byte) (*Conversation, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty input, not a conversation")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object, not a conversation")
	}
	if !json.Valid(trimmed) {
		// Decode again to get json's position-bearing message.
		var v any
		err := json.Unmarshal(trimmed, &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	var c Conversation
	if err := json.Unmarshal(trimmed, &c); err != nil && !isTypeError(err) {
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
	return &c, nil
}

// isTypeError reports a value of an unexpected JSON type. encoding/json skips
// such a field and goes on decoding the rest, which is the tolerance wanted.
func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// adoptLegacy maps the API 1.x opening message onto Source, so old saved
// responses still show their first message.
func (c *Conversation) adoptLegacy(body []byte) {
	if c.Source.Body != "" || c.Source.Author.Type != "" {
		return
	}
	var legacy struct {
		Message *Source `json:"conversation_message"`
	}
	_ = json.Unmarshal(body, &legacy) // a wrong shape leaves Message nil
	if legacy.Message != nil {
		c.Source = *legacy.Message
	}
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
	return fmt.Errorf("not a conversation: an Intercom error response (%s: %s)",
		clip(e.Errors[0].Code), clip(e.Errors[0].Message))
}

// clip keeps a value quoted in an error short and printable.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// PartsTotal is how many parts the conversation has, which can exceed the
// parts returned: Intercom sends only the PartLimit most recent.
func (c *Conversation) PartsTotal() int {
	n := max(c.ConversationParts.TotalCount, len(c.ConversationParts.Parts))
	// total_count counts what was returned; at the limit, statistics knows better.
	if len(c.ConversationParts.Parts) >= PartLimit && c.Statistics != nil {
		n = max(n, c.Statistics.CountConversationParts)
	}
	return n
}

// Truncated reports whether older parts were left out by the API.
func (c *Conversation) Truncated() bool {
	return c.PartsTotal() > len(c.ConversationParts.Parts)
}
