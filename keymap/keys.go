package keymap

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// namedKey reports whether name is one of the key names Bubble Tea v2
// reports for keys without text (the strings of tea.KeyPressMsg.String).
func namedKey(name string) bool {
	switch name {
	case "space", "enter", "esc", "tab", "backspace", "delete", "insert",
		"up", "down", "left", "right", "home", "end", "pgup", "pgdown",
		"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12":
		return true
	}
	return false
}

// modifiers are in the order Bubble Tea writes them: a key written in
// another order would never match, so it is refused.
func modifiers() []string { return []string{"ctrl", "alt", "shift", "meta", "hyper", "super"} }

// ValidKey reports whether name is a key Bubble Tea can report: a single
// printable character ("j", "G", "?"), a named key ("pgdown", "f5"), or
// modifiers in Bubble Tea's order before either ("ctrl+n", "alt+x",
// "shift+tab", "ctrl+alt+home"). The error names the bad key and, where it
// can, says what to write instead.
func ValidKey(name string) error {
	if name == "" {
		return fmt.Errorf("empty key name")
	}
	if name == " " {
		return fmt.Errorf("unknown key %q: write \"space\"", name)
	}
	// The key is after the last "+" that is not itself the key ("ctrl++").
	base, mods := name, []string(nil)
	if i := strings.LastIndex(name[:len(name)-1], "+"); i >= 0 {
		base, mods = name[i+1:], strings.Split(name[:i], "+")
	}
	if err := checkModifiers(name, mods); err != nil {
		return err
	}
	if namedKey(base) {
		return nil
	}
	r, size := utf8.DecodeRuneInString(base)
	if size != len(base) || r == utf8.RuneError || !unicode.IsPrint(r) || unicode.IsSpace(r) {
		return fmt.Errorf("unknown key %q", name)
	}
	if len(mods) == 1 && mods[0] == "shift" {
		// A shifted character arrives as the text it types: shift+a is "A".
		return fmt.Errorf("unknown key %q: write the character it types (%q)", name, string(unicode.ToUpper(r)))
	}
	if len(mods) > 0 && unicode.IsUpper(r) {
		// With ctrl or alt Bubble Tea reports the unshifted key, plus shift.
		return fmt.Errorf("unknown key %q: write the letter in lower case, with shift+ for the shifted key (%q)",
			name, strings.Join(mods, "+")+"+"+string(unicode.ToLower(r)))
	}
	return nil
}

// checkModifiers refuses unknown, repeated or out-of-order modifiers.
func checkModifiers(name string, mods []string) error {
	last := -1
	for _, m := range mods {
		i := slices.Index(modifiers(), m)
		switch {
		case i < 0:
			return fmt.Errorf("unknown key %q: unknown modifier %q", name, m)
		case i == last:
			return fmt.Errorf("unknown key %q: modifier %q repeated", name, m)
		case i < last:
			return fmt.Errorf("unknown key %q: write modifiers in the order %s", name, strings.Join(modifiers(), "+"))
		}
		last = i
	}
	return nil
}
