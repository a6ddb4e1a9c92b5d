package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// jsonText shows a JSON value of any type as one line: a string
// sanitised, a number as written, a bool as yes/no, null or nothing as
// "—", an object as "k: v, k: v" in key order and an array as "a, b".
func jsonText(raw json.RawMessage) string {
	v, ok := decodeJSON(raw)
	if !ok {
		return "—"
	}
	s := valueText(v)
	if s == "" {
		return "—"
	}
	return s
}

// decodeJSON decodes raw keeping numbers as written.
func decodeJSON(raw json.RawMessage) (any, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

func valueText(v any) string { return flatten(v, false) }

// flatten writes a decoded JSON value as text. Nested objects and arrays
// keep their braces and brackets, so that the structure of a custom object
// ("account: {id: 48213, …}") survives being put on one line.
func flatten(v any, nested bool) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case string:
		return oneLine(v)
	case json.Number:
		return oneLine(v.String())
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			out = append(out, flatten(e, true))
		}
		return wrapIf(nested, "[", strings.Join(out, ", "), "]")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := make([]string, 0, len(keys))
		for _, k := range keys {
			out = append(out, oneLine(k)+": "+flatten(v[k], true))
		}
		return wrapIf(nested, "{", strings.Join(out, ", "), "}")
	}
	return "—"
}

// maxTreeLines is how many lines a nested value's tree has at most: a
// custom object may hold a thousand records.
const maxTreeLines = 100

// jsonTree is a JSON object or list as indented lines, YAML-like: "key:
// value", "key:" over its nested lines, "- item" for a list's items; nil
// for anything else (a value that fits one line) and for an empty one.
func jsonTree(raw json.RawMessage) []TreeLine {
	v, ok := decodeJSON(raw)
	if !ok || !nonEmptyNest(v) {
		return nil
	}
	lines := treeLines(v, 0, nil)
	if len(lines) > maxTreeLines {
		more := len(lines) - maxTreeLines + 1
		lines = append(lines[:maxTreeLines-1], TreeLine{Key: "… " + FormatCount(more) + " more " + plural(more, "line", "lines")})
	}
	return lines
}

// nonEmptyNest reports whether v is an object or a list with something in it.
func nonEmptyNest(v any) bool {
	switch v := v.(type) {
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return false
}

// treeLines appends v's lines at indent to out.
func treeLines(v any, indent int, out []TreeLine) []TreeLine {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if !nonEmptyNest(e) {
				out = append(out, TreeLine{indent, "- ", flatten(e, true)})
				continue
			}
			// The item's first line follows its "- ", the rest align under it.
			first := len(out)
			out = treeLines(e, indent+2, out)
			out[first].Indent, out[first].Key = indent, "- "+out[first].Key
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !nonEmptyNest(v[k]) {
				out = append(out, TreeLine{indent, oneLine(k) + ": ", flatten(v[k], true)})
				continue
			}
			out = append(out, TreeLine{indent, oneLine(k) + ":", ""})
			out = treeLines(v[k], indent+2, out)
		}
	}
	return out
}

func wrapIf(cond bool, open, s, shut string) string {
	if cond {
		return open + s + shut
	}
	return s
}

// jsonValue returns raw, already clean (see api.Clean), as one line of
// JSON with its keys in order, numbers kept as written; a value that is
// not JSON is null.
func jsonValue(raw json.RawMessage) json.RawMessage {
	v, ok := decodeJSON(raw)
	if !ok {
		return json.RawMessage("null")
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "<" and "&" stay readable for jq
	if enc.Encode(v) != nil {
		return json.RawMessage("null")
	}
	return bytes.TrimSpace(b.Bytes())
}

// jsonValues are a map's values each as one line of JSON (see jsonValue),
// never nil.
func jsonValues(m map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = jsonValue(v)
	}
	return out
}
