package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// ID is an identifier that Intercom sends as a string or as a number
// (team_assignee_id, part ids). Null and other types decode as empty.
type ID string

// UnmarshalJSON accepts a string, a number or null, and never fails.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || b[0] == 'n':
		*id = ""
	case b[0] == '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			*id = ID(s)
		}
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*id = ID(b)
	}
	return nil
}

// Set reports whether the id names something: Intercom uses null and 0 for
// "nobody" in assignee ids.
func (id ID) Set() bool { return id != "" && id != "0" }

// Time is a moment Intercom sends as Unix seconds. Zero means absent (null).
type Time int64

// UnmarshalJSON accepts an integer, a float, a numeric string or null, and
// never fails: a time that cannot be read is absent.
func (t *Time) UnmarshalJSON(b []byte) error {
	*t = Time(number(b))
	return nil
}

// IsZero reports whether the time is absent.
func (t Time) IsZero() bool { return t == 0 }

// Time returns the moment as a time.Time (the zero time when absent).
func (t Time) Time() time.Time {
	if t == 0 {
		return time.Time{}
	}
	return time.Unix(int64(t), 0)
}

// Duration is a span Intercom sends in seconds.
type Duration int64

// UnmarshalJSON accepts an integer, a float or a numeric string, and never fails.
func (d *Duration) UnmarshalJSON(b []byte) error {
	*d = Duration(number(b))
	return nil
}

// Std returns the span as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) * time.Second }

// number reads a JSON number, or a string holding one, as whole units.
func number(b []byte) int64 {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return 0
		}
		b = []byte(s)
	}
	if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(string(b), 64); err == nil && f > -1e18 && f < 1e18 {
		return int64(f)
	}
	return 0
}

// UnmarshalJSON reads the teammates list under either of its keys.
func (l *TeammateList) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type      string `json:"type"`
		Teammates []Ref  `json:"teammates"`
		Admins    []Ref  `json:"admins"`
	}
	if err := json.Unmarshal(b, &raw); err != nil && !isTypeError(err) {
		return nil // a teammates value of the wrong shape is left empty
	}
	l.Type = raw.Type
	l.Teammates = append(raw.Teammates, raw.Admins...)
	return nil
}
