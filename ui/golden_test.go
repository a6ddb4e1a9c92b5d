package ui

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/convo-cli/convo/api"
)

// The golden screens pin whole frames, so that a change of layout or
// colour shows as a diff of testdata/TestGoldenScreens/. Each case keeps
// two files: text.golden, the frame without escape sequences (the layout,
// readable in a diff), and ansi.golden, the frame as the terminal gets it
// (the colours and attributes; `cat` it in a terminal to see it). Rewrite
// them with
//
//	go test ./ui -run TestGoldenScreens -update
//
// (the -update flag is golden's own; no other test in this package may
// define one), or only the failure screens with -run 'TestGoldenScreens/error'.
//
// The matrix: every screen at 120x40 and at 20x6 on a dark background; the
// help, opened and scrolled to its end, also at 80x24 and 60x20; and the
// demo's top and bottom at 120x40, 80x24 and 20x6 on a dark and a light
// background, in 16 colours on both, and without colour (NO_COLOR).

// look is a terminal the screen is drawn for: its background and how many
// colours it shows.
type look struct {
	name    string
	theme   string               // Options.Theme
	profile colorprofile.Profile // what Bubble Tea detected and sends
}

var (
	lookDark    = look{"dark", "dark", colorprofile.TrueColor}
	lookLight   = look{"light", "light", colorprofile.TrueColor}
	look16      = look{"16-colours", "dark", colorprofile.ANSI}
	look16Light = look{"16-colours-light", "light", colorprofile.ANSI}
	lookNoColor = look{"no-color", "dark", colorprofile.ASCII}
)

// goldenNow is the clock of every golden screen: a day after the demo's
// last part, so relative times never move.
var goldenNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// goldenOptions are the demo's options with the clock, the time zone and
// the theme fixed.
func goldenOptions(l look) Options {
	o := demoOptions()
	o.Theme = l.theme
	o.Loc = time.UTC
	o.Now = func() time.Time { return goldenNow }
	return o
}

// goldenScreen is one screen: how to get there from a model of size w x h.
type goldenScreen struct {
	name string
	draw func(t *testing.T, l look, w, h int) *driver
}

// demoKeys opens the demo and presses keys.
func demoKeys(keys ...string) func(*testing.T, look, int, int) *driver {
	return func(t *testing.T, l look, w, h int) *driver {
		d := newDriver(t, goldenOptions(l))
		d.send(tea.ColorProfileMsg{Profile: l.profile})
		d.size(w, h)
		d.keys(keys...)
		return d
	}
}

// failing opens a load that fails with err.
func failing(err error) func(*testing.T, look, int, int) *driver {
	return func(t *testing.T, l look, w, h int) *driver {
		o := goldenOptions(l)
		o.Label, o.Verb = "conversation 12345 from api.intercom.io", "Fetching"
		o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return nil, err }
		d := newDriver(t, o)
		d.send(tea.ColorProfileMsg{Profile: l.profile})
		d.size(w, h)
		return d
	}
}

// loadingScreen is a load that never ends: Init is never run, so the
// spinner shows its first frame and nothing arrives.
func loadingScreen(t *testing.T, l look, w, h int) *driver {
	o := goldenOptions(l)
	o.Label, o.Verb = "conversation 12345 from api.intercom.io", "Fetching"
	d := &driver{t: t, m: New(o)}
	d.step(tea.ColorProfileMsg{Profile: l.profile})
	d.step(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

var (
	screenTop    = goldenScreen{"demo-top", demoKeys("g")}
	screenBottom = goldenScreen{"demo-bottom", demoKeys()}
	screenHelp   = goldenScreen{"help", demoKeys("?")}
	// G scrolls the help to its end where it does not fit.
	screenHelpEnd = goldenScreen{"help-end", demoKeys("?", "G")}
	goldenAll     = []goldenScreen{
		screenTop,
		screenBottom,
		screenHelp,
		screenHelpEnd,
		{"links", demoKeys("g", "L")},
		{"search", demoKeys("/", "e", "x", "p", "o", "r", "t")},
		{"loading", loadingScreen},
		{"error-404", failing(&api.Error{Status: 404, Code: "not_found", Message: "Resource Not Found",
			RequestID: "000c2bbd-3d7a-4e5e-9a9d-1c2f5b0e7a41", Host: "api.intercom.io"})},
		{"error-503", failing(&api.Error{Status: 503, Message: "Intercom had a problem; try again shortly",
			Host: "api.intercom.io"})},
	}
)

type goldenCase struct {
	screen goldenScreen
	w, h   int
	look   look
}

func (c goldenCase) name() string {
	return fmt.Sprintf("%s_%dx%d_%s", c.screen.name, c.w, c.h, c.look.name)
}

// goldenCases is the matrix described at the top of the file.
func goldenCases() []goldenCase {
	var cases []goldenCase
	for _, s := range goldenAll {
		cases = append(cases, goldenCase{s, 120, 40, lookDark}, goldenCase{s, 20, 6, lookDark})
	}
	for _, s := range []goldenScreen{screenHelp, screenHelpEnd} {
		cases = append(cases, goldenCase{s, 80, 24, lookDark}, goldenCase{s, 60, 20, lookDark})
	}
	for _, s := range []goldenScreen{screenTop, screenBottom} {
		for _, size := range [][2]int{{120, 40}, {80, 24}, {20, 6}} {
			for _, l := range []look{lookDark, lookLight, look16, look16Light, lookNoColor} {
				c := goldenCase{s, size[0], size[1], l}
				if l == lookDark && size[0] != 80 {
					continue // in the loop above
				}
				cases = append(cases, c)
			}
		}
	}
	return cases
}

// onTerminal is the frame as a terminal of profile p gets it: Bubble Tea
// downsamples the colours of every frame to the profile it detected, as
// colorprofile's Writer does (16 colours: SGR 30-37 and 90-97; NO_COLOR:
// no colour, bold and reverse kept).
func onTerminal(t *testing.T, frame string, p colorprofile.Profile) string {
	t.Helper()
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.WriteString(frame); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGoldenScreens(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name(), func(t *testing.T) {
			d := c.screen.draw(t, c.look, c.w, c.h)
			frame := d.m.View().Content
			checkFrame(t, frame, c.w, c.h)
			frame = onTerminal(t, frame, c.look.profile)
			t.Run("text", func(t *testing.T) { golden.RequireEqual(t, ansi.Strip(frame)) })
			t.Run("ansi", func(t *testing.T) { golden.RequireEqual(t, frame) })
		})
	}
}

// TestCentredKeepsTheWayOut: on a screen too small for the message and
// the hint, the hint keeps the last line and the message is cut, marked.
func TestCentredKeepsTheWayOut(t *testing.T) {
	text := "one\ntwo\nthree\nfour"
	tests := []struct {
		height int
		want   []string
	}{
		{7, []string{"one", "two", "three", "four", "", "q quit"}},
		{5, []string{"one", "two", "three", "four", "q quit"}},
		{4, []string{"one", "two", "three…", "q quit"}},
		{3, []string{"one", "two…", "q quit"}},
		{1, []string{"one"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range strings.Split(centred(12, tt.height, text, "q quit"), "\n") {
			if l = strings.TrimSpace(l); l != "" || len(got) > 0 {
				got = append(got, l)
			}
		}
		for len(got) > 0 && got[len(got)-1] == "" {
			got = got[:len(got)-1]
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("height %d: %q, want %q", tt.height, got, tt.want)
		}
	}
}

// TestFloorScreen pins the first screen of the 500-part conversation at
// 120x40, as a truecolour terminal gets it: testdata/perf's floor program
// shows this file, so that convo's first screen is measured against a
// program that only shows the same screen.
func TestFloorScreen(t *testing.T) {
	d := loaded500(t, 120, 40)
	frame := d.m.View().Content
	checkFrame(t, frame, 120, 40)
	if !strings.Contains(frame, "501/501") {
		t.Fatalf("the first screen does not count the parts (perf waits for 501/501):\n%s", ansi.Strip(frame))
	}
	golden.RequireEqual(t, onTerminal(t, frame, colorprofile.TrueColor))
}
