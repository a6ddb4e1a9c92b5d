package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// How Clean treats a string field, by its `clean` tag. A field without the
// tag is one line: a field added later is cleaned, and kept to one line,
// with no change here.
const (
	cleanLine = ""     // names, titles, ids: Sanitize, on one line
	cleanText = "text" // remarks and other prose: Sanitize, line breaks kept
	cleanHTML = "html" // bodies: forbidden runes and entities dropped, markup kept
)

// rawMessage is json.RawMessage's type: its strings are cleaned inside the
// JSON.
var rawMessage = reflect.TypeFor[json.RawMessage]()

// Clean makes every string that v (a pointer) reaches safe to show, once,
// where it comes in from the API, a file or the cache: escape sequences,
// controls and format characters removed (see Sanitize), the secret sc
// knows replaced by Redacted (see Scrubber), one-line fields put on one
// line. It walks v by reflection, so a field added to a type later is
// cleaned without a change here; a body (tagged `clean:"html"`) keeps its
// markup, and the JSON in a json.RawMessage keeps its shape. Map keys are
// cleaned too. Unexported fields are left alone.
func Clean(v any, sc *Scrubber) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	c := cleaner{sc: sc}
	c.value(rv.Elem(), cleanLine)
}

type cleaner struct {
	sc *Scrubber
}

// value cleans v in place; mode is how its strings are cleaned.
func (c cleaner) value(v reflect.Value, mode string) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			if clean := c.str(s, mode); clean != s {
				v.SetString(clean)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			c.value(v.Elem(), mode)
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			// What an interface holds cannot be set in place: clean a copy.
			e := reflect.New(v.Elem().Type()).Elem()
			e.Set(v.Elem())
			c.value(e, mode)
			v.Set(e)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := v.Field(i); f.CanSet() {
				c.value(f, t.Field(i).Tag.Get("clean"))
			}
		}
	case reflect.Slice:
		if v.Type() == rawMessage {
			c.raw(v)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			c.value(v.Index(i), mode)
		}
	case reflect.Array:
		for i := range v.Len() {
			c.value(v.Index(i), mode)
		}
	case reflect.Map:
		c.mapValue(v, mode)
	}
}

// mapValue cleans a map's keys (one line) and values, rebuilding it: a
// map's entries cannot be set in place. Keys are taken in order, so that
// when two clean to the same key the first in order wins, every time.
func (c cleaner) mapValue(v reflect.Value, mode string) {
	if v.IsNil() || v.Len() == 0 || !v.CanSet() {
		return
	}
	keys := v.MapKeys()
	if keys[0].Kind() == reflect.String {
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	}
	out := reflect.MakeMapWithSize(v.Type(), len(keys))
	for _, k := range keys {
		nk := reflect.New(k.Type()).Elem()
		nk.Set(k)
		c.value(nk, cleanLine)
		if out.MapIndex(nk).IsValid() {
			continue
		}
		nv := reflect.New(v.Type().Elem()).Elem()
		nv.Set(v.MapIndex(k))
		c.value(nv, mode)
		out.SetMapIndex(nk, nv)
	}
	v.Set(out)
}

// raw cleans the strings inside a json.RawMessage, keys included, as
// prose: event details and custom attributes are shown as they are.
// Numbers keep their digits. Only JSON that changed is written again.
func (c cleaner) raw(v reflect.Value) {
	b := v.Bytes()
	if len(b) == 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if dec.Decode(&x) != nil {
		return
	}
	changed := false
	x = c.jsonValue(x, &changed)
	if !changed {
		return
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(x) != nil {
		return
	}
	v.SetBytes(bytes.TrimSuffix(out.Bytes(), []byte("\n")))
}

// jsonValue cleans a decoded JSON value, and says whether anything changed.
func (c cleaner) jsonValue(x any, changed *bool) any {
	switch x := x.(type) {
	case string:
		clean := c.str(x, cleanText)
		*changed = *changed || clean != x
		return clean
	case []any:
		for i := range x {
			x[i] = c.jsonValue(x[i], changed)
		}
		return x
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := make(map[string]any, len(x))
		for _, k := range keys {
			ck := c.str(k, cleanLine)
			*changed = *changed || ck != k
			if _, dup := out[ck]; !dup {
				out[ck] = c.jsonValue(x[k], changed)
			}
		}
		return out
	}
	return x
}

// str cleans one string by mode.
func (c cleaner) str(s, mode string) string {
	switch mode {
	case cleanHTML:
		return c.sc.ScrubHTML(SanitizeMarkup(s))
	case cleanText:
		return c.sc.Scrub(Sanitize(s))
	}
	// Scrubbing can leave a line break at the end of a stretch it replaced
	// no more than a Sanitize can: one line is made after both.
	return oneLine(c.sc.Scrub(Sanitize(s)))
}
