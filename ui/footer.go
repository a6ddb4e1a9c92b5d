package ui

import (
	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
)

// footer is the bottom line: the short help from the key map on the left,
// the position on the right, or a status ("reloading…") in its place
// while there is one. The right side wins when space is short.
type footer struct {
	help   help.Model
	keys   keymap.KeyMap
	st     *Styles
	width  int
	status string
	// helps[k] is the short help of the first k bindings, made once per
	// theme so a frame only picks the longest that fits.
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
	f.helps = make([]string, len(bindings)+1)
	f.helpsW = make([]int, len(bindings)+1)
	for k := 1; k <= len(bindings); k++ {
		f.helps[k] = " " + f.help.ShortHelpView(bindings[:k])
		f.helpsW[k] = ansi.StringWidth(f.helps[k])
	}
}

// View is the footer, exactly width cells, with the status or else the
// position on the right: long ("part 41/120 · 35%") when it fits, else
// short ("41/120 35%").
func (f footer) View(long, short string) string {
	if f.width <= 0 {
		return ""
	}
	status, style := long, f.st.Position
	switch {
	case f.status != "":
		status, style = f.status, f.st.Status
	case ansi.StringWidth(long)+2 > f.width:
		status = short
	}
	right := ""
	if status != "" {
		status = ansi.Truncate(status, max(0, f.width-2), "…")
		right = style.Render(status) + " "
	}
	left := ""
	room := f.width - ansi.StringWidth(right) - 1
	for k := len(f.helps) - 1; k > 0; k-- {
		if f.helpsW[k] <= room {
			left = f.helps[k]
			break
		}
	}
	return pad(spread(left, right, f.width), f.width)
}
