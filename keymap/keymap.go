// Package keymap declares convo's key bindings once: every action, its
// default keys, its help text, and rebinding by action name from the config.
// The screen, the footer and the help overlay all read these bindings, so a
// rebound key shows up everywhere at once.
package keymap

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds one key.Binding per action.
type KeyMap struct {
	ScrollDown   key.Binding
	ScrollUp     key.Binding
	HalfPageDown key.Binding
	HalfPageUp   key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	Top          key.Binding
	Bottom       key.Binding
	NextPart     key.Binding
	PrevPart     key.Binding
	Search       key.Binding
	NextMatch    key.Binding
	PrevMatch    key.Binding
	Focus        key.Binding
	Details      key.Binding
	Filter       key.Binding
	Times        key.Binding
	Expand       key.Binding
	Translate    key.Binding
	CopyLink     key.Binding
	CopyPart     key.Binding
	OpenLink     key.Binding
	Links        key.Binding
	Related      key.Binding
	Follow       key.Binding
	Back         key.Binding
	Save         key.Binding
	Reload       key.Binding
	Mouse        key.Binding
	Help         key.Binding
	Close        key.Binding
	Quit         key.Binding
}

// Default is convo's key map before any configuration.
func Default() KeyMap {
	return KeyMap{
		ScrollDown:   bind("scroll down", "j", "down"),
		ScrollUp:     bind("scroll up", "k", "up"),
		HalfPageDown: bind("half page down", "d", "ctrl+d"),
		HalfPageUp:   bind("half page up", "u", "ctrl+u"),
		PageDown:     bind("page down", "pgdown", "space"),
		PageUp:       bind("page up", "b", "pgup"),
		Top:          bind("go to top", "g", "home"),
		Bottom:       bind("go to bottom", "G", "end"),
		NextPart:     bind("next part", "]", "J"),
		PrevPart:     bind("previous part", "[", "K"),
		Search:       bind("search", "/"),
		NextMatch:    bind("next match", "n"),
		PrevMatch:    bind("previous match", "N"),
		Focus:        bind("switch pane", "tab"),
		Details:      bind("details panel", "i"),
		Filter:       bind("hide/show notes and events", "e"),
		Times:        bind("relative/absolute times", "t"),
		Expand:       bind("expand/fold part", "x"),
		Translate:    bind("original/translation", "T"),
		CopyLink:     bind("copy web link", "y"),
		CopyPart:     bind("copy part or details", "Y"),
		OpenLink:     bind("open in browser", "o"),
		Links:        bind("list links", "L"),
		Related:      bind("related conversations, tickets", "l"),
		Follow:       bind("follow new parts on/off", "f"),
		Back:         bind("go back", "backspace", "alt+left"),
		Save:         bind("save attachment", "s"),
		Reload:       bind("reload", "r"),
		Mouse:        bind("mouse on/off", "m"),
		Help:         bind("help", "?"),
		Close:        bind("close/back", "esc"),
		Quit:         bind("quit", "q", "ctrl+c"),
	}
}

// bind makes a binding whose help shows its keys as they are typed.
func bind(desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKeys(keys), desc))
}

// helpKeys is the help column for keys: arrows and names made short, the
// way gh-dash and glow show them ("↓/j", "pgdn").
func helpKeys(keys []string) string {
	short := make([]string, len(keys))
	for i, k := range keys {
		short[i] = glyph(k)
	}
	return strings.Join(short, "/")
}

func glyph(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "pgdown":
		return "pgdn"
	case "space":
		return "spc"
	}
	return k
}

// Hint is the binding's first key as the help writes it, for one-line
// hints such as "r retry"; "" for a binding without keys.
func Hint(b key.Binding) string {
	if len(b.Keys()) == 0 {
		return ""
	}
	return glyph(b.Keys()[0])
}

// Binding is the binding of the action with that config name.
func (k KeyMap) Binding(action string) (key.Binding, bool) {
	if b := k.binding(action); b != nil {
		return *b, true
	}
	return key.Binding{}, false
}

// binding maps an action's config name to its field, in the order the
// actions are documented.
func (k *KeyMap) binding(action string) *key.Binding {
	for _, a := range k.actions() {
		if a.name == action {
			return a.b
		}
	}
	return nil
}

type action struct {
	name string
	b    *key.Binding
}

func (k *KeyMap) actions() []action {
	return []action{
		{"scroll_down", &k.ScrollDown},
		{"scroll_up", &k.ScrollUp},
		{"half_page_down", &k.HalfPageDown},
		{"half_page_up", &k.HalfPageUp},
		{"page_down", &k.PageDown},
		{"page_up", &k.PageUp},
		{"top", &k.Top},
		{"bottom", &k.Bottom},
		{"next_part", &k.NextPart},
		{"prev_part", &k.PrevPart},
		{"search", &k.Search},
		{"next_match", &k.NextMatch},
		{"prev_match", &k.PrevMatch},
		{"focus", &k.Focus},
		{"details", &k.Details},
		{"filter", &k.Filter},
		{"times", &k.Times},
		{"expand", &k.Expand},
		{"translate", &k.Translate},
		{"copy_link", &k.CopyLink},
		{"copy_part", &k.CopyPart},
		{"open_link", &k.OpenLink},
		{"links", &k.Links},
		{"related", &k.Related},
		{"follow", &k.Follow},
		{"back", &k.Back},
		{"save_attachment", &k.Save},
		{"reload", &k.Reload},
		{"mouse", &k.Mouse},
		{"help", &k.Help},
		{"close", &k.Close},
		{"quit", &k.Quit},
	}
}

// Actions lists the action names that Rebind accepts, in documentation order.
func (k KeyMap) Actions() []string {
	as := k.actions()
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.name
	}
	return names
}

// Rebind replaces the keys of the named action, keeping its help text but
// showing the new keys. It refuses an unknown action, an empty key list and
// any key name Bubble Tea never reports, naming the bad word, and leaves the
// map unchanged on error.
func (k *KeyMap) Rebind(action string, keys []string) error {
	b := k.binding(action)
	if b == nil {
		return fmt.Errorf("unknown action %q (known: %s)", action, strings.Join(k.Actions(), ", "))
	}
	if len(keys) == 0 {
		return fmt.Errorf("action %q: no keys given", action)
	}
	for _, name := range keys {
		if err := ValidKey(name); err != nil {
			return fmt.Errorf("action %q: %w", action, err)
		}
	}
	b.SetKeys(keys...)
	b.SetHelp(helpKeys(keys), b.Help().Desc)
	return nil
}

// Clash finds a key bound to two actions, after rebinding: the first match
// would win and the other action could not be reached by it. It returns
// the key and the two actions, in documentation order, or ok false.
func (k KeyMap) Clash() (key, first, second string, ok bool) {
	owner := map[string]string{}
	for _, a := range k.actions() {
		for _, name := range a.b.Keys() {
			if other, seen := owner[name]; seen && other != a.name {
				return name, other, a.name, true
			}
			owner[name] = a.name
		}
	}
	return "", "", "", false
}

// ShortHelp is the footer's one line of help (help.KeyMap).
// ShortHelp is the footer's one line of help (help.KeyMap). Help and quit
// come last and are the last the footer drops (help never).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.ScrollDown, k.NextPart, k.Search, k.Focus, k.Help, k.Quit}
}

// FullHelp is the help overlay's columns (help.KeyMap): scrolling, moving
// between parts and matches, what the screen shows, and the rest, the
// screen's own keys (help, close, quit) first: a tiny screen shows them
// before the others.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ScrollDown, k.ScrollUp, k.HalfPageDown, k.HalfPageUp, k.PageDown, k.PageUp},
		{k.Top, k.Bottom, k.NextPart, k.PrevPart, k.Search, k.NextMatch, k.PrevMatch, k.Related, k.Back},
		{k.Focus, k.Details, k.Filter, k.Times, k.Expand, k.Translate},
		{k.Help, k.Close, k.Quit, k.CopyLink, k.CopyPart, k.OpenLink, k.Links, k.Save, k.Reload, k.Follow, k.Mouse},
	}
}

// PickerKeys are the keys of the history picker (convo with no argument),
// where typing filters: so they are keys that type nothing, but for q,
// which quits only while nothing is typed. They are not rebindable: the
// picker's few keys are the ones every list picker uses.
type PickerKeys struct {
	Up        key.Binding
	Down      key.Binding
	Open      key.Binding
	Quit      key.Binding
	QuitEmpty key.Binding
}

// Picker is the history picker's keys.
func Picker() PickerKeys {
	return PickerKeys{
		Up:        bind("previous", "up", "ctrl+p"),
		Down:      bind("next", "down", "ctrl+n"),
		Open:      bind("open", "enter"),
		Quit:      bind("quit", "esc", "ctrl+c"),
		QuitEmpty: bind("quit, with nothing typed", "q"),
	}
}

// Help is the picker's keys for the help line, in order.
func (k PickerKeys) Help() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Quit}
}
