package ui

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	xansi "github.com/charmbracelet/x/ansi"
)

// xterm16 is xterm's default palette, the commonest 16 colours (TERM=xterm
// is also PuTTY's default).
var xterm16 = [16]string{
	"#000000", "#CD0000", "#00CD00", "#CDCD00", "#0000EE", "#CD00CD", "#00CDCD", "#E5E5E5",
	"#7F7F7F", "#FF0000", "#00FF00", "#FFFF00", "#5C5CFF", "#FF00FF", "#00FFFF", "#FFFFFF",
}

// Thresholds of WCAG contrast against the background: 3:1 for every glyph
// of text (WCAG's for large text and for user-interface components), and
// 1.5:1 for a line that only needs to be seen (borders, rules, bars,
// separators, the cursor).
const (
	textContrast = 3.0
	lineContrast = 1.5
)

// lines are the styles that draw lines, not text.
var lines = []string{
	"Border", "BorderFocused", "Mark", "MarkFocused", "HelpBox.border",
	"Help.ShortSeparator", "Help.FullSeparator", "Search.Cursor.Color",
	"Render.NoteBar", "Render.Markdown.HorizontalRule",
}

// screen is a terminal the styles are checked on: xterm's default colours,
// its default background black (dark) or white (light) and the foreground
// the other.
type screen struct {
	dark    bool
	profile colorprofile.Profile
}

func (s screen) String() string {
	bg := "light"
	if s.dark {
		bg = "dark"
	}
	return fmt.Sprintf("%s %s", s.profile, bg)
}

// shows is how the screen shows c in the foreground (fg) or background:
// the colours it may be, as "#rrggbb". Colours 0-7 in bold may be their
// bright variant (xterm's boldColors, PuTTY's default) or not, so both
// count; faint is two thirds of each channel, as xterm and VTE draw it.
func (s screen) shows(c color.Color, fg, bold, faint bool) []string {
	if _, none := c.(lipgloss.NoColor); none || c == nil {
		if fg == s.dark {
			return []string{"#FFFFFF"}
		}
		return []string{"#000000"}
	}
	var hexes []string
	switch c := s.profile.Convert(c).(type) {
	case xansi.BasicColor:
		hexes = append(hexes, xterm16[c])
		if fg && bold && c < 8 {
			hexes = append(hexes, xterm16[c+8])
		}
	case xansi.IndexedColor:
		if c < 16 {
			return s.shows(xansi.BasicColor(c), fg, bold, faint)
		}
		hexes = append(hexes, hexOf(c))
	default:
		hexes = append(hexes, hexOf(c))
	}
	if fg && faint {
		for i, h := range hexes {
			hexes[i] = scaled(h, 2.0/3)
		}
	}
	return hexes
}

func hexOf(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

func scaled(hex string, f float64) string {
	var r, g, b uint8
	fmt.Sscanf(hex, "#%02X%02X%02X", &r, &g, &b)
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * f)) }
	return fmt.Sprintf("#%02X%02X%02X", m(r), m(g), m(b))
}

// styleVisit is one style found in Styles, by its path.
type styleVisit struct {
	path  string
	style lipgloss.Style
}

var (
	styleType     = reflect.TypeFor[lipgloss.Style]()
	primitiveType = reflect.TypeFor[ansi.StylePrimitive]()
	colorType     = reflect.TypeFor[color.Color]()
)

// allStyles is every style in v, found by reflection so that no new field
// escapes the checks: lipgloss styles, glamour's style primitives (as the
// lipgloss style glamour makes of them), lone colours (as a foreground),
// and a border's colour as its own "path.border".
func allStyles(v reflect.Value, path string) []styleVisit {
	join := func(field string) string {
		if path == "" {
			return field
		}
		return path + "." + field
	}
	switch {
	case v.Type() == styleType:
		s := v.Interface().(lipgloss.Style)
		out := []styleVisit{{path, s}}
		if b := s.GetBorderTopForeground(); b != nil {
			if _, none := b.(lipgloss.NoColor); !none {
				out = append(out, styleVisit{path + ".border", lipgloss.NewStyle().Foreground(b)})
			}
		}
		return out
	case v.Type() == primitiveType:
		p := v.Interface().(ansi.StylePrimitive)
		s := lipgloss.NewStyle()
		if p.Color != nil {
			s = s.Foreground(lipgloss.Color(*p.Color))
		}
		if p.BackgroundColor != nil {
			s = s.Background(lipgloss.Color(*p.BackgroundColor))
		}
		is := func(b *bool) bool { return b != nil && *b }
		return []styleVisit{{path, s.Bold(is(p.Bold)).Faint(is(p.Faint)).Reverse(is(p.Inverse))}}
	case v.Type() == colorType:
		if v.IsNil() {
			return nil
		}
		return []styleVisit{{path, lipgloss.NewStyle().Foreground(v.Interface().(color.Color))}}
	}
	var out []styleVisit
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			out = allStyles(v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			switch {
			case f.Anonymous: // glamour's StyleBlock in H1: "H1"
				out = append(out, allStyles(v.Field(i), path)...)
			case f.IsExported():
				out = append(out, allStyles(v.Field(i), join(f.Name))...)
			}
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			out = append(out, allStyles(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			out = append(out, allStyles(v.MapIndex(k), fmt.Sprintf("%s[%s]", path, k))...)
		}
	}
	return out
}

// TestContrast checks every style of the screen and the blocks, on every
// terminal with colour: each glyph of text at 3:1 or more against its
// background (its own, or the terminal's), each line at 1.5:1 or more.
// The 16 colours are xterm's defaults, with bold as bright.
func TestContrast(t *testing.T) {
	screens := []screen{
		{true, colorprofile.ANSI}, {false, colorprofile.ANSI},
		{true, colorprofile.ANSI256}, {false, colorprofile.ANSI256},
		{true, colorprofile.TrueColor}, {false, colorprofile.TrueColor},
	}
	for _, sc := range screens {
		t.Run(sc.String(), func(t *testing.T) {
			visits := allStyles(reflect.ValueOf(newStyles(sc.dark, depthOf(sc.profile))), "")
			checkWalk(t, visits)
			for _, e := range unreadable(sc, visits) {
				t.Error(e)
			}
		})
	}
}

// unreadable is every pair of colours of visits below its threshold.
func unreadable(sc screen, visits []styleVisit) []string {
	var out []string
	for _, v := range visits {
		s := v.style
		fg, bg := s.GetForeground(), s.GetBackground()
		if s.GetReverse() {
			fg, bg = bg, fg
		}
		want := textContrast
		if slices.Contains(lines, v.path) {
			want = lineContrast
		}
		for _, back := range sc.shows(bg, false, false, false) {
			for _, front := range sc.shows(fg, true, s.GetBold(), s.GetFaint()) {
				if c := contrast(front, back); c < want {
					out = append(out, fmt.Sprintf("%s: %s on %s, contrast %.2f, want at least %.1f", v.path, front, back, c, want))
				}
			}
		}
	}
	return out
}

// checkWalk fails if the walk missed styles it must find, so the check
// cannot go blind, or if a name in lines has gone stale.
func checkWalk(t *testing.T, visits []styleVisit) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range visits {
		seen[v.path] = true
	}
	must := append([]string{
		"Title", "StateBadge[open]", "Tone[1]", "Search.Focused.Prompt", "Help.FullKey", "MatchCurrent",
		"Render.Badge[0]", "Render.NoteBadge", "Render.Markdown.H1", "Render.Markdown.Link", "Render.Markdown.CodeBlock",
	}, lines...)
	for _, p := range must {
		if !seen[p] {
			t.Errorf("no style at %s among the %d found", p, len(visits))
		}
	}
}

// TestContrastCatchesUnreadable: the check fails what was reported, the
// full palette squeezed into xterm's 16 colours: grey on bright blue, a
// white border on white.
func TestContrastCatchesUnreadable(t *testing.T) {
	for _, dark := range []bool{true, false} {
		sc := screen{dark, colorprofile.ANSI}
		if len(unreadable(sc, allStyles(reflect.ValueOf(newStyles(dark, fullColour)), ""))) == 0 {
			t.Errorf("%s: the squeezed full palette passes: the check has gone blind", sc)
		}
	}
}
