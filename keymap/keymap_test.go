package keymap

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestDefaultMatchesBubbleTeaKeys(t *testing.T) {
	km := Default()
	tests := []struct {
		name string
		msg  tea.KeyPressMsg
		b    key.Binding
	}{
		{"j scrolls down", tea.KeyPressMsg{Code: 'j', Text: "j"}, km.ScrollDown},
		{"down arrow scrolls down", tea.KeyPressMsg{Code: tea.KeyDown}, km.ScrollDown},
		{"k scrolls up", tea.KeyPressMsg{Code: 'k', Text: "k"}, km.ScrollUp},
		{"ctrl+d half page", tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, km.HalfPageDown},
		{"ctrl+u half page", tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, km.HalfPageUp},
		{"space pages down", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, km.PageDown},
		{"pgdown pages down", tea.KeyPressMsg{Code: tea.KeyPgDown}, km.PageDown},
		{"pgup pages up", tea.KeyPressMsg{Code: tea.KeyPgUp}, km.PageUp},
		{"home to top", tea.KeyPressMsg{Code: tea.KeyHome}, km.Top},
		{"G to bottom", tea.KeyPressMsg{Code: 'g', Text: "G", Mod: tea.ModShift}, km.Bottom},
		{"end to bottom", tea.KeyPressMsg{Code: tea.KeyEnd}, km.Bottom},
		{"] next part", tea.KeyPressMsg{Code: ']', Text: "]"}, km.NextPart},
		{"J next part", tea.KeyPressMsg{Code: 'j', Text: "J", Mod: tea.ModShift}, km.NextPart},
		{"K previous part", tea.KeyPressMsg{Code: 'k', Text: "K", Mod: tea.ModShift}, km.PrevPart},
		{"/ searches", tea.KeyPressMsg{Code: '/', Text: "/"}, km.Search},
		{"n next match", tea.KeyPressMsg{Code: 'n', Text: "n"}, km.NextMatch},
		{"N previous match", tea.KeyPressMsg{Code: 'n', Text: "N", Mod: tea.ModShift}, km.PrevMatch},
		{"e filters", tea.KeyPressMsg{Code: 'e', Text: "e"}, km.Filter},
		{"t times", tea.KeyPressMsg{Code: 't', Text: "t"}, km.Times},
		{"T translations", tea.KeyPressMsg{Code: 't', Text: "T", Mod: tea.ModShift}, km.Translate},
		{"y copies the link", tea.KeyPressMsg{Code: 'y', Text: "y"}, km.CopyLink},
		{"Y copies the part", tea.KeyPressMsg{Code: 'y', Text: "Y", Mod: tea.ModShift}, km.CopyPart},
		{"o opens the link", tea.KeyPressMsg{Code: 'o', Text: "o"}, km.OpenLink},
		{"tab switches pane", tea.KeyPressMsg{Code: tea.KeyTab}, km.Focus},
		{"i details", tea.KeyPressMsg{Code: 'i', Text: "i"}, km.Details},
		{"r reloads", tea.KeyPressMsg{Code: 'r', Text: "r"}, km.Reload},
		{"? help", tea.KeyPressMsg{Code: '?', Text: "?"}, km.Help},
		{"esc closes", tea.KeyPressMsg{Code: tea.KeyEscape}, km.Close},
		{"q quits", tea.KeyPressMsg{Code: 'q', Text: "q"}, km.Quit},
		{"ctrl+c quits", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, km.Quit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !key.Matches(tt.msg, tt.b) {
				t.Errorf("key %q does not match binding %v", tt.msg.String(), tt.b.Keys())
			}
		})
	}
}

func TestEveryActionHasHelpAndKeys(t *testing.T) {
	km := Default()
	for _, name := range km.Actions() {
		b := km.binding(name)
		if len(b.Keys()) == 0 || b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("action %s: keys %v help %+v, want keys and help", name, b.Keys(), b.Help())
		}
		for _, k := range b.Keys() {
			if err := ValidKey(k); err != nil {
				t.Errorf("action %s: default key %q refused: %v", name, k, err)
			}
		}
	}
	want := []string{"scroll_down", "scroll_up", "half_page_down", "half_page_up", "page_down",
		"page_up", "top", "bottom", "next_part", "prev_part", "search", "next_match", "prev_match",
		"focus", "details", "filter", "times", "expand", "translate", "copy_link", "copy_part", "open_link",
		"links", "related", "follow", "back", "save_attachment",
		"reload", "mouse", "help", "close", "quit"}
	if got := km.Actions(); !slices.Equal(got, want) {
		t.Errorf("Actions() = %v, want %v", got, want)
	}
}

func TestRebind(t *testing.T) {
	tests := []struct {
		name    string
		action  string
		keys    []string
		wantErr string // substring; empty means success
	}{
		{"letter and ctrl", "next_part", []string{"]", "ctrl+n"}, ""},
		{"named keys", "page_down", []string{"pgdown", "space", "f5"}, ""},
		{"shift+tab", "focus", []string{"shift+tab"}, ""},
		{"alt", "quit", []string{"alt+x", "ctrl+alt+q"}, ""},
		{"upper-case letter", "bottom", []string{"G"}, ""},
		{"plus key", "top", []string{"+", "ctrl++"}, ""},
		{"non-Latin character", "help", []string{"ß"}, ""},
		{"reload on ctrl+r and f5", "reload", []string{"ctrl+r", "f5"}, ""},
		{"unknown action", "scroll_sideways", []string{"x"}, `unknown action "scroll_sideways"`},
		{"no keys", "quit", nil, "no keys"},
		{"unknown named key", "quit", []string{"escape"}, `unknown key "escape"`},
		{"a literal space", "page_down", []string{" "}, `write "space"`},
		{"unknown modifier", "quit", []string{"cmd+q"}, `unknown modifier "cmd"`},
		{"modifier order", "quit", []string{"alt+ctrl+q"}, "order ctrl+alt"},
		{"repeated modifier", "quit", []string{"ctrl+ctrl+q"}, "repeated"},
		{"shift with a letter", "bottom", []string{"shift+g"}, `("G")`},
		{"ctrl with upper case", "quit", []string{"ctrl+Q"}, `"ctrl+q"`},
		{"two characters", "quit", []string{"qq"}, `unknown key "qq"`},
		{"empty", "quit", []string{""}, "empty key"},
		{"control character", "quit", []string{"\x1b"}, "unknown key"},
		{"f13 is out of range", "quit", []string{"f13"}, `unknown key "f13"`},
		{"one bad key spoils the list", "quit", []string{"q", "bogus"}, `unknown key "bogus"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := Default()
			before := Default()
			err := km.Rebind(tt.action, tt.keys)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Rebind(%q, %q) = %v, want nil", tt.action, tt.keys, err)
				}
				b := km.binding(tt.action)
				if !slices.Equal(b.Keys(), tt.keys) {
					t.Errorf("keys = %v, want %v", b.Keys(), tt.keys)
				}
				if b.Help().Desc != before.binding(tt.action).Help().Desc {
					t.Errorf("help desc changed to %q", b.Help().Desc)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Rebind(%q, %q) = %v, want an error containing %q", tt.action, tt.keys, err, tt.wantErr)
			}
			if b := km.binding(tt.action); b != nil && !slices.Equal(b.Keys(), before.binding(tt.action).Keys()) {
				t.Errorf("a refused rebind changed the keys to %v", b.Keys())
			}
		})
	}
}

// No key is bound to two actions by default: the first match would win and
// the other action could never be reached.
func TestDefaultKeysAreDistinct(t *testing.T) {
	if k, a, b, ok := Default().Clash(); ok {
		t.Errorf("key %q is bound to both %s and %s", k, a, b)
	}
}

func TestClash(t *testing.T) {
	tests := []struct {
		name               string
		rebind             map[string][]string
		key, first, second string
	}{
		{"a default key taken", map[string][]string{"quit": {"j"}}, "j", "scroll_down", "quit"},
		{"two rebound actions", map[string][]string{"help": {"ctrl+h"}, "reload": {"f5", "ctrl+h"}}, "ctrl+h", "reload", "help"},
		{"a key moved away first", map[string][]string{"quit": {"j"}, "scroll_down": {"down"}}, "", "", ""},
		{"a key listed twice by one action", map[string][]string{"quit": {"q", "q"}}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := Default()
			for action, keys := range tt.rebind {
				if err := km.Rebind(action, keys); err != nil {
					t.Fatal(err)
				}
			}
			k, a, b, ok := km.Clash()
			if k != tt.key || a != tt.first || b != tt.second || ok != (tt.key != "") {
				t.Errorf("Clash() = %q, %q, %q, %v; want %q, %q, %q", k, a, b, ok, tt.key, tt.first, tt.second)
			}
		})
	}
}

func TestRebindNewActions(t *testing.T) {
	km := Default()
	for action, keys := range map[string][]string{
		"search": {"ctrl+f"}, "next_match": {"f3"}, "prev_match": {"shift+f3"}, "filter": {"E"},
		"times": {"T"}, "expand": {"z", "enter"}, "translate": {"ctrl+t"}, "copy_link": {"c"}, "copy_part": {"C"}, "open_link": {"ctrl+o"},
	} {
		if err := km.Rebind(action, keys); err != nil {
			t.Errorf("Rebind(%s, %v) = %v", action, keys, err)
			continue
		}
		if b, _ := km.Binding(action); !slices.Equal(b.Keys(), keys) || b.Help().Key != strings.Join(keys, "/") {
			t.Errorf("after Rebind(%s): keys %v, help key %q", action, b.Keys(), b.Help().Key)
		}
	}
}

func TestRebindShowsInHelp(t *testing.T) {
	km := Default()
	if err := km.Rebind("next_part", []string{"ctrl+n", "down"}); err != nil {
		t.Fatal(err)
	}
	if got, want := km.NextPart.Help().Key, "ctrl+n/↓"; got != want {
		t.Errorf("help key = %q, want %q", got, want)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}, km.NextPart) {
		t.Error("ctrl+n does not match the rebound next_part")
	}
	if key.Matches(tea.KeyPressMsg{Code: ']', Text: "]"}, km.NextPart) {
		t.Error("] still matches next_part after rebinding")
	}
}

func TestHelpCoversEveryAction(t *testing.T) {
	km := Default()
	seen := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			seen[b.Help().Desc] = true
		}
	}
	for _, name := range km.Actions() {
		if d := km.binding(name).Help().Desc; !seen[d] {
			t.Errorf("action %s (%q) missing from FullHelp", name, d)
		}
	}
	if n := len(km.FullHelp()); n != 4 {
		t.Errorf("FullHelp has %d columns, want 4 (the help overlay names each)", n)
	}
	if n := len(km.ShortHelp()); n == 0 || n > 8 {
		t.Errorf("ShortHelp has %d bindings, want a short line", n)
	}
}

func TestReloadBinding(t *testing.T) {
	km := Default()
	if got := km.Reload.Help(); got.Key != "r" || got.Desc != "reload" {
		t.Errorf("reload help = %+v, want key r, desc reload", got)
	}
	if b, ok := km.Binding("reload"); !ok || !slices.Equal(b.Keys(), []string{"r"}) {
		t.Errorf("Binding(reload) = %v, %v, want [r], true", b.Keys(), ok)
	}
	if err := km.Rebind("reload", []string{"ctrl+r"}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}, km.Reload) {
		t.Error("ctrl+r does not match the rebound reload")
	}
	if key.Matches(tea.KeyPressMsg{Code: 'r', Text: "r"}, km.Reload) {
		t.Error("r still matches reload after rebinding")
	}
	if got := Hint(km.Reload); got != "ctrl+r" {
		t.Errorf("Hint(reload) = %q, want ctrl+r", got)
	}
}

func TestHint(t *testing.T) {
	tests := []struct {
		name string
		b    key.Binding
		want string
	}{
		{"first of several", Default().Quit, "q"},
		{"named key as help writes it", bind("page down", "pgdown", "f"), "pgdn"},
		{"arrow", bind("down", "down"), "↓"},
		{"no keys", key.NewBinding(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Hint(tt.b); got != tt.want {
				t.Errorf("Hint = %q, want %q", got, tt.want)
			}
		})
	}
}

// The picker's keys are keys Bubble Tea reports, each with help, and none
// is a key that types text but q, which the picker takes only when
// nothing is typed.
func TestPickerKeys(t *testing.T) {
	k := Picker()
	for _, b := range []key.Binding{k.Up, k.Down, k.Open, k.Quit, k.QuitEmpty} {
		if b.Help().Desc == "" {
			t.Errorf("%v has no help", b.Keys())
		}
		for _, name := range b.Keys() {
			if err := ValidKey(name); err != nil {
				t.Errorf("%q: %v", name, err)
			}
		}
	}
}
