package render

import (
	"encoding/json"
	"reflect"
	"strings"
)

// The keys the public view keeps, at the top level, in each part and in
// each part's author. Every other key stays, emptied (see emptyExcept):
// a key added to the schema is internal until it is listed here.
var (
	publicKeys = keySet("schema_version", "type", "id", "title", "created_at",
		"parts_shown", "parts_total", "truncated", "view", "parts")
	publicPartKeys = keySet("index", "id", "kind", "part_type", "role", "author",
		"created_at", "body", "event", "redacted", "attachments")
	publicAuthorKeys = keySet("type", "name")
)

// publicJSON empties every internal key of doc, whose parts are already
// only what the customer saw (see Options.transcript).
func publicJSON(doc *jsonConversation) {
	emptyExcept(reflect.ValueOf(doc).Elem(), publicKeys)
	for i := range doc.Parts {
		publicPart(&doc.Parts[i])
	}
}

// publicPart empties a part's keys the public view leaves out.
func publicPart(p *jsonPart) {
	emptyExcept(reflect.ValueOf(p).Elem(), publicPartKeys)
	emptyExcept(reflect.ValueOf(&p.Author).Elem(), publicAuthorKeys)
}

// emptyExcept sets every field of the struct v whose JSON key is not in
// keep to its empty value (see empty), so the key stays present.
func emptyExcept(v reflect.Value, keep map[string]bool) {
	t := v.Type()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if !keep[name] {
			v.Field(i).Set(empty(t.Field(i).Type))
		}
	}
}

// empty is the schema's "nothing" for a type: [] for a list, {} for a
// map, an object of empty values for an object that is always present,
// and null, false, 0 or "" for the rest.
func empty(t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Slice:
		if t == reflect.TypeFor[json.RawMessage]() {
			return reflect.Zero(t) // null: an empty RawMessage is not JSON
		}
		return reflect.MakeSlice(t, 0, 0)
	case reflect.Map:
		return reflect.MakeMap(t)
	case reflect.Struct:
		v := reflect.New(t).Elem()
		for i := range t.NumField() {
			v.Field(i).Set(empty(t.Field(i).Type))
		}
		return v
	}
	return reflect.Zero(t)
}

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
