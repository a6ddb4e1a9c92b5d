package ui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
)

// footer is the bottom line: the short help from the key map on the left,
// the position on the right, or a status ("reloading…") in its place
// while there is one. When space is short the hints go first, help and
// quit last, then the position is shortened and cut: "?" always stays,
// the way to every other key.
type footer struct {
	help   help.Model
	keys   keymap.KeyMap
	st     *Styles
	width  int
	status string
	// helps[k] is the short help of the k hints most needed (help, quit,
	// then the rest as listed), shown in the key map's order; made once
	// per theme so a frame only picks the longest that fits. helps[0] is
	// the help key alone, for screens too narrow for its word.
	helps  []string
	helpsW []int
}

func newFooter(keys keymap.KeyMap, st *Styles) footer {
	f := footer{help: help.New(), keys: keys}
	f.SetStyles(st)
	return f
}

// SetWidth sets the footer's width.
func (f *footer) SetWidth(w int) { f.width = w }

// SetStatus shows s instead of the position; "" shows the position again.
func (f *footer) SetStatus(s string) { f.status = s }

// SetStyles switches the theme.
func (f *footer) SetStyles(st *Styles) {
	f.st = st
	f.help.Styles = st.Help
	bindings := f.keys.ShortHelp()
	n := len(bindings)
	// need is the order hints are kept in: help and quit (the last two),
	// then the others as listed.
	need := []int{n - 2, n - 1}
	for i := range n - 2 {
		need = append(need, i)
	}
	f.helps = make([]string, n+1)
	f.helpsW = make([]int, n+1)
	f.helps[0] = " " + st.Help.ShortKey.Render(keymap.Hint(f.keys.Help))
	f.helpsW[0] = ansi.StringWidth(f.helps[0])
	for k := 1; k <= n; k++ {
		kept := slices.Sorted(slices.Values(need[:k]))
		shown := make([]key.Binding, len(kept))
		for j, i := range kept {
			shown[j] = bindings[i]
		}
		f.helps[k] = " " + f.help.ShortHelpView(shown)
		f.helpsW[k] = ansi.StringWidth(f.helps[k])
	}
}

// View is the footer, exactly width cells, with the status or else the
// position on the right: long ("part 41/120 · 35%") when it fits beside
// "? help", else short ("41/120 35%"), cut when even that does not.
func (f footer) View(long, short string) string {
	if f.width <= 0 {
		return ""
	}
	must := f.helpsW[1] // "? help"
	if must+1+ansi.StringWidth(short)+1 > f.width {
		must = f.helpsW[0] // "?"
	}
	room := f.width - must - 2 // a space between, one after
	status, style := long, f.st.Position
	switch {
	case f.status != "":
		status, style = f.status, f.st.Status
	case ansi.StringWidth(long) > room:
		status = short
	}
	right := ""
	if status != "" && room > 0 {
		status = ansi.Truncate(status, room, "…")
		right = style.Render(status) + " "
	}
	left := f.helps[0]
	space := f.width - ansi.StringWidth(right) - 1
	for k := len(f.helps) - 1; k > 0; k-- {
		if f.helpsW[k] <= space {
			left = f.helps[k]
			break
		}
	}
	return pad(spread(left, right, f.width), f.width)
}
