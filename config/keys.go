package config

import (
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// KeyBinding is one line of the config's [keys] table: the keys an action
// is bound to. Config cannot know the actions or key names (package keymap
// does), so it hands them over with the line for KeyError.
type KeyBinding struct {
	Action string   // the action's name as written, e.g. "next_part"
	Keys   []string // key names as written, e.g. "]", "ctrl+n"
	Line   int      // the line of the action's name in ConfigPath
}

// KeyError reports err, from rebinding b, at b's file and line as one-line
// *UsageError: "PATH:LINE: [keys] <err>".
func (c Config) KeyError(b KeyBinding, err error) error {
	return usagef("%s:%d: [keys] %s", c.ConfigPath, b.Line, oneLine(err.Error()))
}

// scan walks the decoded document again with go-toml's parser, which keeps
// positions that Unmarshal drops: the line of each top-level key, and the
// [keys] bindings in file order with their lines. It only runs on a
// document that decoded, so it meets no syntax errors.
func (c *file) scan(doc []byte) (map[string]int, []KeyBinding, error) {
	lines := map[string]int{}
	var keys []KeyBinding
	var p unstable.Parser
	p.Reset(doc)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyPath(e.Key())
		case unstable.KeyValue:
			path := append(slices.Clone(table), keyPath(e.Key())...)
			line := keyLine(&p, e)
			if len(table) == 0 {
				lines[path[0]] = line
			}
			if path[0] != "keys" {
				continue
			}
			var err error
			keys, err = c.bindings(&p, keys, path[1:], e.Value(), line)
			if err != nil {
				return nil, nil, err
			}
		}
	}
	slices.SortStableFunc(keys, func(a, b KeyBinding) int { return a.Line - b.Line })
	return lines, keys, nil
}

// bindings appends the binding of action to keys. The whole table written
// inline (keys = {quit = "q"}) holds several.
func (c *file) bindings(p *unstable.Parser, keys []KeyBinding, action []string, v *unstable.Node, line int) ([]KeyBinding, error) {
	name := strings.Join(action, ".")
	switch {
	case v.Kind == unstable.InlineTable && len(action) == 0:
		it := v.Children()
		for it.Next() {
			kv := it.Node()
			var err error
			keys, err = c.bindings(p, keys, append(slices.Clone(action), keyPath(kv.Key())...), kv.Value(), keyLine(p, kv))
			if err != nil {
				return nil, err
			}
		}
		return keys, nil
	case v.Kind == unstable.String:
		return append(keys, KeyBinding{Action: name, Keys: []string{string(v.Data)}, Line: line}), nil
	case v.Kind == unstable.Array:
		b := KeyBinding{Action: name, Line: line}
		it := v.Children()
		for it.Next() {
			if it.Node().Kind != unstable.String {
				return nil, c.errorAt(line, "[keys] %s: want a key name in quotes or a list of them", clip(name))
			}
			b.Keys = append(b.Keys, string(it.Node().Data))
		}
		if len(b.Keys) == 0 {
			return nil, c.errorAt(line, "[keys] %s: give at least one key", clip(name))
		}
		return append(keys, b), nil
	}
	return nil, c.errorAt(line, "[keys] %s: want a key name in quotes or a list of them", clip(name))
}

// keyPath is a (possibly dotted or quoted) key's parts, unquoted.
func keyPath(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// keyLine is the line of a key-value's key, where a multi-line array starts.
func keyLine(p *unstable.Parser, kv *unstable.Node) int {
	it := kv.Key()
	if !it.Next() {
		return 0
	}
	return p.Shape(it.Node().Raw).Start.Line
}
