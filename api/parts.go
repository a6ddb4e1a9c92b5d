package api

import (
	"encoding/json"
	"strings"
)

// MaxParts is how many parts a conversation keeps when decoded: the newest.
// Intercom sends at most PartLimit, but a saved file or another server may
// send any number, and every part kept costs memory and time all the way
// to the screen. PartList.Dropped counts the older parts let go.
const MaxParts = 10000

// longConversation decodes a conversation whose part list is longer than
// MaxParts: its conversation_parts, being shallower, hide the embedded
// Conversation's and go through keptParts instead.
type longConversation struct {
	*Conversation
	Parts *keptParts `json:"conversation_parts"`
}

// keptParts is a PartList that keeps only the MaxParts newest parts.
type keptParts PartList

// UnmarshalJSON reads the list as encoding/json would read its fields, but
// keeps only the MaxParts newest parts (the list comes oldest first): it
// finds where each part is first and decodes only those it keeps, so a
// huge list costs the time to read it and the memory of MaxParts parts.
func (l *keptParts) UnmarshalJSON(b []byte) error {
	// An error ends the whole Unmarshal, so a type error, which
	// encoding/json would only note, is dropped here.
	if i := space(b, 0); i == len(b) || b[i] != '{' {
		return tolerate(json.Unmarshal(b, (*PartList)(l))) // null, or not an object
	}
	var err error
	ok := fields(b, func(key string, value []byte) bool {
		// Keys match as encoding/json matches them: in any case, the last
		// of a repeated key winning.
		switch {
		case strings.EqualFold(key, "type"):
			err = json.Unmarshal(value, &l.Type)
		case strings.EqualFold(key, "total_count"):
			err = json.Unmarshal(value, &l.TotalCount)
		case strings.EqualFold(key, "conversation_parts"):
			err = l.decodeParts(value)
		}
		err = tolerate(err)
		return err == nil
	})
	if !ok && err == nil { // not JSON after all: say why
		return json.Unmarshal(b, new(struct{}))
	}
	return err
}

// decodeParts decodes the value of conversation_parts: of an array longer
// than MaxParts, only the newest MaxParts parts, one by one; any other
// value as encoding/json would (null leaves the parts as they were;
// another shape is a type error).
func (l *keptParts) decodeParts(v []byte) error {
	type span struct{ start, end int }
	var ring []span // the newest parts' places in v
	n := 0          // parts in v
	ok := elements(v, func(start, end int) {
		if n < MaxParts {
			ring = append(ring, span{start, end})
		} else {
			ring[n%MaxParts] = span{start, end}
		}
		n++
	})
	if !ok {
		return json.Unmarshal(v, &l.Parts)
	}
	if n <= MaxParts {
		l.Dropped = 0
		return json.Unmarshal(v, &l.Parts)
	}
	l.Parts, l.Dropped = make([]Part, MaxParts), n-MaxParts
	first := n % MaxParts // the oldest kept is where the next would have gone
	for k := range l.Parts {
		s := ring[(first+k)%MaxParts]
		if err := tolerate(json.Unmarshal(v[s.start:s.end], &l.Parts[k])); err != nil {
			return err
		}
	}
	return nil
}

// longParts reports whether body, a conversation, has a part list longer
// than MaxParts, under any of the keys encoding/json would read it from.
// It reads body once, without decoding it, and may be wrong only about
// what is not JSON, which Unmarshal then refuses.
func longParts(body []byte) bool {
	long := false
	fields(body, func(key string, list []byte) bool {
		if strings.EqualFold(key, "conversation_parts") {
			fields(list, func(key string, parts []byte) bool {
				if strings.EqualFold(key, "conversation_parts") {
					n := 0
					elements(parts, func(int, int) { n++ })
					long = long || n > MaxParts
				}
				return true
			})
		}
		return !long
	})
	return long
}

// fields calls f with each key of the JSON object b and its value, until
// f returns false. It reports whether b is an object it could read to the
// end (or to where f stopped).
func fields(b []byte, f func(key string, value []byte) bool) bool {
	i := space(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	for i = space(b, i+1); i < len(b) && b[i] != '}'; {
		end := skipValue(b, i)
		var key string
		if b[i] != '"' || json.Unmarshal(b[i:end], &key) != nil {
			return false
		}
		if i = space(b, end); i == len(b) || b[i] != ':' {
			return false
		}
		start := space(b, i+1)
		if i = skipValue(b, start); i == start {
			return false
		}
		if !f(key, b[start:i]) {
			return true
		}
		if i = space(b, i); i < len(b) && b[i] == ',' {
			i = space(b, i+1)
		}
	}
	return i < len(b)
}

// elements calls f with the start and end of each element of the JSON
// array b, and reports whether b is an array it could read to the end.
func elements(b []byte, f func(start, end int)) bool {
	i := space(b, 0)
	if i == len(b) || b[i] != '[' {
		return false
	}
	for i = space(b, i+1); i < len(b) && b[i] != ']'; {
		end := skipValue(b, i)
		if end == i {
			return false
		}
		f(i, end)
		if i = space(b, end); i < len(b) && b[i] == ',' {
			i = space(b, i+1)
		}
	}
	return i < len(b)
}

// space is the index of the first byte of b from i on that is not white
// space, len(b) for none.
func space(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipValue is the index just after the JSON value that starts at b[i], i
// itself when none does. It finds the value's end, and checks nothing
// else: strings end at their closing quote, objects and arrays at their
// depth, anything else at the next delimiter.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			i = skipString(b, i)
			if depth == 0 {
				return i
			}
			i--
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 { // the end of the container a literal is in
				return i
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ':', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return i
			}
		}
	}
	return len(b)
}

// skipString is the index just after the string that starts at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// tolerate drops a type error: the value of the wrong type is left as it
// was, as encoding/json leaves any other field of the wrong type.
func tolerate(err error) error {
	if isTypeError(err) {
		return nil
	}
	return err
}
