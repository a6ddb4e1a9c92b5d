package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
)

// lightGrey is a light terminal background.
func lightGrey() color.Color { return color.RGBA{R: 0xee, G: 0xee, B: 0xee, A: 0xff} }

func TestFirstFrameShowsLoading(t *testing.T) {
	m := New(demoOptions())
	v := m.View()
	if got := ansi.Strip(v.Content); !strings.Contains(got, "Loading the demo conversation…") {
		t.Errorf("first frame = %q, want the loading text", got)
	}
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("view AltScreen=%v MouseMode=%v, want the alt screen and cell motion", v.AltScreen, v.MouseMode)
	}
	if strings.Contains(v.Content, "\n") {
		t.Errorf("first frame has several lines before any size is known: %q", v.Content)
	}
}

func TestLoadedBeforeSizeWaitsForIt(t *testing.T) {
	d := newDriver(t, demoOptions()) // loaded, but no WindowSizeMsg yet
	if got := d.screen(); !strings.Contains(got, "Rendering the demo conversation…") {
		t.Errorf("frame before any size = %q, want the rendering line", got)
	}
	d.size(120, 40)
	if got := d.screen(); !strings.Contains(got, "CSV export fails") {
		t.Errorf("after the size came, frame lacks the title:\n%s", got)
	}
}

func TestLoadedScreen(t *testing.T) {
	d := ready(t, 120, 40)
	lines := d.lines()
	checkFrame(t, d.m.View().Content, 120, 40)
	if h := lines[0]; !strings.Contains(h, "CSV export fails for late-November invoices") ||
		!strings.Contains(h, "#215472881029384") || !strings.Contains(h, "open") || !strings.Contains(h, "53 parts") {
		t.Errorf("header = %q, want the title, #id, state and counts", h)
	}
	screen := d.screen()
	for _, want := range []string{"Transcript", "Details", "Conversation", "State"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	if f := d.footer(); !strings.Contains(f, "part 53/53 · 100%") {
		t.Errorf("footer = %q, want part 53/53 · 100%%", f)
	}
	if got := d.m.View().WindowTitle; got != "convo #215472881029384 CSV export fails for late-November invoices" {
		t.Errorf("window title = %q", got)
	}
}

func TestPositionKeys(t *testing.T) {
	d := ready(t, 120, 40)
	steps := []struct {
		key, want string
	}{
		{"g", "part 1/53 · 0%"},
		{"]", "part 2/53"},
		{"]", "part 3/53"},
		{"J", "part 4/53"},
		{"[", "part 3/53"},
		{"K", "part 2/53"},
		{"[", "part 1/53"},
		{"[", "part 1/53"},
		{"G", "part 53/53 · 100%"},
		{"[", "part 52/53"},
		{"]", "part 53/53"},
		{"]", "part 53/53"},
	}
	for i, s := range steps {
		d.keys(s.key)
		if f := d.footer(); !strings.Contains(f, s.want) {
			t.Fatalf("step %d (%s): footer = %q, want %q", i, s.key, f, s.want)
		}
	}
}

func TestNextPartBringsItsHeaderToTheTop(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g", "]", "]", "]")
	top := d.lines()[2] // header, transcript title, then the first line
	if !strings.Contains(top, d.m.items[3].Author) {
		t.Errorf("top line after ]]] = %q, want part 3's author %q", top, d.m.items[3].Author)
	}
}

func TestScrollKeysMoveThePercent(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	before := d.footer()
	d.keys("j", "j", "space", "d")
	if after := d.footer(); after == before || strings.Contains(after, " 0%") {
		t.Errorf("footer after scrolling down = %q (before %q), want it to move", after, before)
	}
	d.keys("G", "k")
	if f := d.footer(); strings.Contains(f, "100%") {
		t.Errorf("footer after G k = %q, want less than 100%%", f)
	}
}

func TestHelpOverlay(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("?")
	screen := d.screen()
	for _, want := range []string{"Keys", "next part", "]/J", "switch pane", "tab", "quit", "q/ctrl+c"} {
		if !strings.Contains(screen, want) {
			t.Errorf("help lacks %q:\n%s", want, screen)
		}
	}
	checkFrame(t, d.m.View().Content, 120, 40)
	d.keys("j") // the overlay takes the keys while it shows
	if !strings.Contains(d.screen(), "next part") {
		t.Error("j closed the help")
	}
	d.keys("esc")
	if strings.Contains(d.screen(), "switch pane") && strings.Contains(d.screen(), "close/back") {
		t.Error("esc did not close the help")
	}
}

// Every key can be read in the help at any size: what does not fit
// scrolls with j, and the help keeps to the screen.
func TestHelpScrollsToEveryKey(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 20}, {20, 6}} {
		d := ready(t, size[0], size[1])
		d.keys("?")
		top := d.screen()
		seen := ""
		for range 80 {
			checkFrame(t, d.m.View().Content, size[0], size[1])
			// Words a narrow list wraps read on as one line.
			seen += strings.Join(strings.Fields(d.screen()), "") + "\n"
			d.keys("j")
		}
		for _, group := range d.m.opts.Keys.FullHelp() {
			for _, b := range group {
				if !strings.Contains(seen, strings.ReplaceAll(b.Help().Desc, " ", "")) {
					t.Errorf("%dx%d: the help never showed %q", size[0], size[1], b.Help().Desc)
				}
			}
		}
		if !d.m.showHelp {
			t.Errorf("%dx%d: j closed the help", size[0], size[1])
		}
		d.keys("g")
		if s := d.screen(); s != top {
			t.Errorf("%dx%d: g did not scroll the help back to its top:\n%s", size[0], size[1], s)
		}
	}
}

func TestHelpShowsReboundKeys(t *testing.T) {
	o := demoOptions()
	o.Keys = defaultKeysWith(t, "next_part", "ctrl+n", "z")
	for action, keys := range map[string][]string{"search": {"ctrl+f"}, "next_match": {"f3"}, "filter": {"E"}} {
		if err := o.Keys.Rebind(action, keys); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, o)
	d.size(120, 40)
	d.keys("?")
	s := d.screen()
	for _, want := range []string{"ctrl+n/z", "ctrl+f", "f3", "E "} {
		if !strings.Contains(s, want) {
			t.Errorf("help after rebinding lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "]/J") || strings.Contains(s, "/  search") {
		t.Errorf("help still shows the old keys:\n%s", s)
	}
	d.keys("esc", "g", "z")
	if f := d.footer(); !strings.Contains(f, "part 2/53") {
		t.Errorf("footer after g z = %q, want part 2/53", f)
	}
	d.keys("]") // no longer bound
	if f := d.footer(); !strings.Contains(f, "part 2/53") {
		t.Errorf("footer after ] = %q, want it unchanged", f)
	}
	d.keys("g", "ctrl+f", "C", "S", "V", "enter")
	if f := d.footer(); !strings.Contains(f, "match 1/") {
		t.Fatalf("footer after g ctrl+f CSV enter = %q, want the first match", f)
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyF3})
	if f := d.footer(); !strings.Contains(f, "match 2/") {
		t.Errorf("footer after f3 = %q, want the second match", f)
	}
	d.keys("E")
	if h := d.lines()[0]; !strings.Contains(h, "notes and events hidden") {
		t.Errorf("header after E = %q, want the filter's count", h)
	}
}

func TestFocusMarker(t *testing.T) {
	d := ready(t, 120, 40)
	if s := d.screen(); !strings.Contains(s, "▍Transcript") || strings.Contains(s, "▍Details") {
		t.Fatalf("initial focus is not on the transcript:\n%s", s)
	}
	d.keys("tab")
	if s := d.screen(); strings.Contains(s, "▍Transcript") || !strings.Contains(s, "▍Details") {
		t.Fatalf("tab did not move the focus to the panel:\n%s", s)
	}
	if f := d.footer(); !strings.Contains(f, "details · 0%") {
		t.Errorf("footer with the panel focused = %q", f)
	}
	d.keys("j", "j", "j")
	if f := d.footer(); strings.Contains(f, "details · 0%") {
		t.Errorf("j in the focused panel did not scroll it: %q", f)
	}
	d.keys("tab")
	if f := d.footer(); !strings.Contains(f, "part 53/53") {
		t.Errorf("the transcript moved while the panel had focus: %q", f)
	}
}

func TestDetailsToggleWide(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("i")
	s := d.screen()
	if strings.Contains(s, "Details") {
		t.Errorf("i at 120 columns did not hide the panel:\n%s", s)
	}
	checkFrame(t, d.m.View().Content, 120, 40)
	if w := d.m.blk.of().width; w != 120-gutterWidth-rightMargin {
		t.Errorf("blocks rendered at %d with the panel hidden, want the full width", w)
	}
	d.keys("i")
	if !strings.Contains(d.screen(), "Details") {
		t.Error("i again did not bring the panel back")
	}
}

func TestDetailsFullWidthWhenNarrow(t *testing.T) {
	d := ready(t, 70, 24)
	if s := d.screen(); strings.Contains(s, "Details") {
		t.Fatalf("panel shows at 70 columns:\n%s", s)
	}
	d.keys("i")
	s := d.screen()
	checkFrame(t, d.m.View().Content, 70, 24)
	for _, want := range []string{"▍Details", "Conversation", "State", "details · "} {
		if !strings.Contains(s, want) {
			t.Errorf("full-width panel lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Transcript") {
		t.Errorf("transcript still shows beside the full-width panel:\n%s", s)
	}
	d.keys("esc")
	if s := d.screen(); !strings.Contains(s, "Transcript") || strings.Contains(s, "▍Details") {
		t.Errorf("esc did not go back to the transcript:\n%s", s)
	}
	d.keys("tab")
	if !strings.Contains(d.screen(), "▍Details") {
		t.Error("tab under 80 columns did not show the panel")
	}
}

func TestTinyTerminal(t *testing.T) {
	d := ready(t, 20, 6)
	frame := d.m.View().Content
	checkFrame(t, frame, 20, 6)
	lines := d.lines()
	if !strings.Contains(lines[0], "CSV") {
		t.Errorf("header at 20x6 = %q, want the start of the title", lines[0])
	}
	if !strings.Contains(lines[5], "53/53") {
		t.Errorf("footer at 20x6 = %q, want the position", lines[5])
	}
	for _, k := range []string{"?", "esc", "i", "g", "]", "tab", "esc"} {
		d.keys(k)
		checkFrame(t, d.m.View().Content, 20, 6)
	}
}

func TestFrameIsAlwaysTheTerminalSize(t *testing.T) {
	sizes := [][2]int{{120, 40}, {80, 24}, {20, 6}, {79, 24}, {250, 70}, {30, 10}, {1, 1}, {2, 2}, {10, 3}, {81, 9}}
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			d := ready(t, w, h)
			checkFrame(t, d.m.View().Content, w, h)
			for _, k := range []string{"?", "esc", "i", "tab", "g", "j", "i", "G"} {
				d.keys(k)
				checkFrame(t, d.m.View().Content, w, h)
			}
		})
	}
}

func TestLoadingAndErrorFramesFit(t *testing.T) {
	for _, sz := range [][2]int{{120, 40}, {20, 6}, {5, 2}} {
		w, h := sz[0], sz[1]
		m := New(demoOptions())
		next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		checkFrame(t, next.(Model).View().Content, w, h)
		next, _ = next.Update(waitMsg{gen: m.loadGen, Wait: api.Wait{Delay: 30 * time.Second, Attempt: 1, Status: 429}})
		checkFrame(t, next.(Model).View().Content, w, h)
		refused := errors.New("401 Unauthorized from api.intercom.io: the token was refused")
		next, _ = next.Update(loadedMsg{gen: m.loadGen, err: refused})
		checkFrame(t, next.(Model).View().Content, w, h)
		if next.(Model).Err() == nil {
			t.Errorf("%dx%d: the failure was not taken", w, h)
		}
	}
}

func TestResizeKeepsTheItemAtTheTop(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g", "]", "]", "]", "]", "]")
	before := d.footer()
	if !strings.Contains(before, "part 6/53") {
		t.Fatalf("footer = %q, want part 6/53", before)
	}
	author := d.m.items[5].Author
	d.size(100, 30)
	checkFrame(t, d.m.View().Content, 100, 30)
	if w := d.m.blk.of().width; w != newLayout(100, 30, 0, false, false).blockWidth() || w >= 120-40-3 {
		t.Errorf("blocks are %d wide after the resize, want them re-rendered", w)
	}
	if f := d.footer(); !strings.Contains(f, "part 6/53") {
		t.Errorf("footer after resize = %q, want part 6/53", f)
	}
	if top := d.lines()[2]; !strings.Contains(top, author) {
		t.Errorf("top line after resize = %q, want part 5's header (%s)", top, author)
	}
}

func TestResizeAtTheBottomStaysAtTheBottom(t *testing.T) {
	d := ready(t, 120, 40)
	d.size(90, 20)
	if f := d.footer(); !strings.Contains(f, "part 53/53 · 100%") {
		t.Errorf("footer after resizing at the bottom = %q", f)
	}
}

func TestMouseWheelScrollsThePaneUnderThePointer(t *testing.T) {
	d := ready(t, 120, 40)
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelUp})
	if f := d.footer(); strings.Contains(f, "100%") {
		t.Errorf("wheel up over the transcript left the footer at %q", f)
	}
	tr := d.footer()
	d.send(tea.MouseWheelMsg{X: 110, Y: 10, Button: tea.MouseWheelDown})
	if f := d.footer(); f != tr {
		t.Errorf("wheel over the panel moved the transcript: %q, was %q", f, tr)
	}
	d.keys("tab")
	if f := d.footer(); strings.Contains(f, "details · 0%") {
		t.Errorf("wheel down over the panel did not scroll it: %q", f)
	}
	d.send(tea.MouseClickMsg{X: 10, Y: 10, Button: tea.MouseLeft})
	if !strings.Contains(d.screen(), "▍Transcript") {
		t.Error("a click on the transcript did not focus it")
	}
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		var ctx context.Context
		o := demoOptions()
		o.Load = func(c context.Context, _ func(api.Wait)) (*api.Conversation, error) {
			ctx = c
			return api.Demo(), nil
		}
		d := newDriver(t, o)
		d.size(80, 24)
		d.keys(k)
		if !d.quit {
			t.Errorf("%s did not quit", k)
		}
		if ctx.Err() == nil {
			t.Errorf("%s did not cancel the context", k)
		}
	}
	d := ready(t, 80, 24)
	_, cmd := d.m.Update(keyPress("q"))
	if cmd == nil {
		t.Fatal("q returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("q's command returned %T, want tea.QuitMsg", cmd())
	}
	d.keys("esc")
	if d.quit {
		t.Error("esc quit the ready screen; it only closes things")
	}
}

// TestEscThenKeyTypedFast: esc and q sent together arrive as alt+q, which
// must still close the help and quit.
func TestEscThenKeyTypedFast(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("?")
	d.send(tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Mod: tea.ModShift | tea.ModAlt}) // esc G
	if strings.Contains(d.screen(), "close/back") {
		t.Error("esc G left the help open")
	}
	d.keys("g", "?")
	d.send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt}) // esc q
	if !d.quit {
		t.Error("esc q typed fast did not quit")
	}

	o := demoOptions()
	o.Keys = defaultKeysWith(t, "quit", "alt+q")
	d = newDriver(t, o)
	d.size(80, 24)
	d.send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt})
	if !d.quit {
		t.Error("a bound alt+q did not quit")
	}
}

func TestLoadError(t *testing.T) {
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		return nil, errors.New("404 Not Found from api.intercom.io: conversation 12345 does not exist")
	}
	d := newDriver(t, o)
	d.size(120, 40)
	var errLines []string
	for _, l := range d.lines() {
		if strings.Contains(l, "404") {
			errLines = append(errLines, l)
		}
	}
	if len(errLines) != 1 || !strings.Contains(errLines[0], "conversation 12345 does not exist") {
		t.Errorf("error lines = %q, want the whole error on one line", errLines)
	}
	if s := d.screen(); !strings.Contains(s, "q quit") || strings.Contains(s, "retry") {
		t.Errorf("error screen lacks the quit hint, or offers a retry that cannot help:\n%s", s)
	}
	d.keys("j")
	if d.quit {
		t.Fatal("j quit the error screen")
	}
	d.keys("q")
	if !d.quit {
		t.Error("q did not quit the error screen")
	}
	if d.m.Err() == nil {
		t.Error("Err() is nil after a failed load: the exit status would be 0")
	}
}

func TestQuitWhileLoadingCancelsTheLoad(t *testing.T) {
	for _, k := range []string{"ctrl+c", "q", "esc"} {
		t.Run(k, func(t *testing.T) {
			got := make(chan context.Context, 1)
			o := demoOptions()
			o.Load = func(ctx context.Context, _ func(api.Wait)) (*api.Conversation, error) {
				got <- ctx
				<-ctx.Done()
				return nil, ctx.Err()
			}
			m := New(o)
			go m.Init()().(tea.BatchMsg)[0]() // the load command, blocked in Load
			var ctx context.Context
			select {
			case ctx = <-got:
			case <-time.After(5 * time.Second):
				t.Fatal("Load was never called")
			}
			_, cmd := m.Update(keyPress(k))
			if cmd == nil {
				t.Fatalf("%s while loading returned no command", k)
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Errorf("%s while loading returned %T, want tea.QuitMsg", k, cmd())
			}
			select {
			case <-ctx.Done():
			default:
				t.Errorf("%s while loading left Load's context alive", k)
			}
		})
	}
}

func TestThemeFollowsTheBackground(t *testing.T) {
	o := demoOptions()
	o.Theme = "auto"
	d := newDriver(t, o)
	d.size(100, 30)
	if !d.m.st.Dark {
		t.Fatal("auto theme does not start dark")
	}
	d.send(tea.BackgroundColorMsg{Color: lightGrey()})
	if d.m.st.Dark || d.m.blk.of().dark {
		t.Errorf("a light background left the theme dark (styles dark=%v, blocks dark=%v)", d.m.st.Dark, d.m.blk.of().dark)
	}
	checkFrame(t, d.m.View().Content, 100, 30)

	fixed := ready(t, 100, 30) // Theme "dark"
	fixed.send(tea.BackgroundColorMsg{Color: lightGrey()})
	if !fixed.m.st.Dark {
		t.Error("a fixed dark theme followed the background")
	}
}

func TestStaleRenderIsDropped(t *testing.T) {
	d := ready(t, 120, 40)
	before := d.m.View().Content
	d.send(renderedMsg{gen: d.m.blk.latest() - 1, key: renderKey{looks: looks{width: 10, dark: true}}, blocks: make([]string, len(d.m.items))})
	if d.m.View().Content != before || d.m.blk.of().width == 10 {
		t.Error("a render of an older generation was shown")
	}
}

func TestTruncatedConversation(t *testing.T) {
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := api.Demo()
		c.ConversationParts.TotalCount = 812
		return c, nil
	}
	d := newDriver(t, o)
	d.size(120, 40)
	if h := d.lines()[0]; !strings.Contains(h, "showing 53 of 813 parts") {
		t.Errorf("header = %q, want the truncation count", h)
	}
	d.keys("g")
	if top := d.lines()[2]; !strings.Contains(top, "812") {
		t.Errorf("first transcript line = %q, want the notice", top)
	}
	if f := d.footer(); !strings.Contains(f, "part 1/53") {
		t.Errorf("footer at the top = %q", f)
	}
}

func TestMeaningWithoutColour(t *testing.T) {
	d := ready(t, 120, 40)
	d.keys("g")
	var all strings.Builder
	for range 40 {
		all.WriteString(d.screen())
		d.keys("pgdown")
	}
	noColour := regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	// What Bubble Tea keeps under NO_COLOR: no colours, but the glyphs and
	// words below carry the meaning anyway.
	plain := noColour.ReplaceAllString(all.String(), "")
	for _, want := range []string{"▍Transcript", "▎", "customer", "teammate", "internal note", "┃", "open"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the screens lack %q without colour", want)
		}
	}
}

func defaultKeysWith(t *testing.T, action string, keys ...string) keymap.KeyMap {
	t.Helper()
	km := keymap.Default()
	if err := km.Rebind(action, keys); err != nil {
		t.Fatal(err)
	}
	return km
}

// Without colour (NO_COLOR), badges turn to reverse video so they stay
// pills, and the blocks are rendered again with those styles.
func TestNoColourProfileUsesReverseBadges(t *testing.T) {
	d := ready(t, 100, 30)
	d.send(tea.ColorProfileMsg{Profile: colorprofile.Ascii})
	if d.m.st.Depth != noColour || d.m.blk.of().depth != noColour {
		t.Fatalf("an ASCII profile left the styles at depth %v, blocks at %v", d.m.st.Depth, d.m.blk.of().depth)
	}
	if !strings.Contains(d.m.View().Content, "\x1b[1;7m") {
		t.Error("no bold reverse badge on the colourless screen")
	}
	d.send(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	if d.m.st.Depth != fullColour {
		t.Error("a true-colour profile kept the colourless styles")
	}
	checkFrame(t, d.m.View().Content, 100, 30)
}

// A 16-colour terminal gets its own palette, blocks included: ANSI colour
// numbers (SGR 30-37, 90-97, 40-47, 100-107), never colours for
// colorprofile to squeeze into 16.
func TestSixteenColourProfileUsesItsPalette(t *testing.T) {
	d := ready(t, 100, 30)
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	if d.m.st.Depth != sixteen || d.m.blk.of().depth != sixteen {
		t.Fatalf("an ANSI profile left the styles at depth %v, blocks at %v", d.m.st.Depth, d.m.blk.of().depth)
	}
	frame := d.m.View().Content
	if hasSGR(frame, 38) || hasSGR(frame, 48) {
		t.Error("the 16-colour screen has 256 or true colours: they are the full palette squeezed")
	}
	if !hasSGR(frame, 30) || !hasSGR(frame, 102) {
		t.Error("no black badge text or bright green badge (open) on the 16-colour screen")
	}
	checkFrame(t, frame, 100, 30)
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI256})
	if d.m.st.Depth != fullColour || !hasSGR(d.m.View().Content, 38) {
		t.Error("a 256-colour profile kept the 16-colour palette")
	}
}

// m gives the mouse to the terminal, for its own selection, and takes it
// back; the footer says so while it is off.
func TestMouseKeyTurnsCaptureOffAndOn(t *testing.T) {
	d := ready(t, 80, 24)
	if got := d.m.View().MouseMode; got != tea.MouseModeCellMotion {
		t.Fatalf("mouse mode at the start = %v, want cell motion", got)
	}
	// Each m, then the footer once its word has gone: off beside the
	// position (and ? help), on with no mark at all.
	for _, step := range []struct {
		mode          tea.MouseMode
		said, settled string
	}{
		{tea.MouseModeNone, "mouse off: select with the mouse", "mouse off · part 53/53"},
		{tea.MouseModeCellMotion, "mouse on", ""},
	} {
		d.keys("m")
		if got := d.m.View().MouseMode; got != step.mode {
			t.Errorf("mouse mode after m = %v, want %v", got, step.mode)
		}
		if f := d.footer(); !strings.Contains(f, step.said) {
			t.Errorf("footer after m = %q, want %q", f, step.said)
		}
		d.elapse()
		f := d.footer()
		if step.settled == "" && strings.Contains(f, "mouse") || step.settled != "" && (!strings.Contains(f, step.settled) || !strings.Contains(f, "? help")) {
			t.Errorf("footer once the word went = %q, want %q", f, cmp.Or(step.settled, "no mouse mark"))
		}
	}
}

// The header counts the parts the footer numbers: with nothing hidden,
// the footer's N; with the filter, N and what is hidden.
func TestHeaderAndFooterCountTheSameParts(t *testing.T) {
	d := ready(t, 160, 40)
	if h, f := d.lines()[0], d.footer(); !strings.Contains(h, " 53 parts") || !strings.Contains(f, "part 53/53") {
		t.Errorf("header %q and footer %q disagree, want 53 parts and part 53/53", h, f)
	}
	d.keys("e")
	d.elapse()
	var hidden, i, n int
	h, f := d.lines()[0], d.footer()
	if _, err := fmt.Sscanf(h[strings.Index(h, "53 parts · "):], "53 parts · %d", &hidden); err != nil {
		t.Fatalf("header %q: %v", h, err)
	}
	if _, err := fmt.Sscanf(f[strings.LastIndex(f, "part "):], "part %d/%d", &i, &n); err != nil {
		t.Fatalf("footer %q: %v", f, err)
	}
	if n+hidden != 53 {
		t.Errorf("with the filter, header %q and footer %q do not add up to 53", h, f)
	}
}

// A conversation of its opening message alone has one message, not none.
func TestOpeningMessageAloneIsOneMessage(t *testing.T) {
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := api.Demo()
		c.ConversationParts.Parts = nil
		c.ConversationParts.TotalCount = 0
		return c, nil
	}
	d := newDriver(t, o)
	d.size(120, 40)
	if h, f := d.lines()[0], d.footer(); !strings.Contains(h, "1 message") || !strings.Contains(f, "part 1/1") {
		t.Errorf("header %q, footer %q, want 1 message and part 1/1", h, f)
	}
}

// One line's scroll moves the footer's "part i/N" by at most one, down
// from the top and back up from the end, but for the step that reaches an
// end, which shows part 1 or part N; and the gutter mark stays on screen:
// the current part is kept while any of it shows.
func TestPositionMovesOnePartAtATime(t *testing.T) {
	d := ready(t, 120, 40)
	position := func() int {
		t.Helper()
		f := d.footer()
		var i, n int
		if _, err := fmt.Sscanf(f[strings.LastIndex(f, "part "):], "part %d/%d", &i, &n); err != nil {
			t.Fatalf("footer %q: %v", f, err)
		}
		return i
	}
	marked := func() bool {
		for _, l := range d.transcriptLines() {
			if strings.Contains(l, "▎") {
				return true
			}
		}
		return false
	}
	walk := func(k string, from, end int) {
		t.Helper()
		if i := position(); i != from {
			t.Fatalf("before %s: part %d, want %d", k, i, from)
		}
		last, steps := from, 0
		for ; steps < 2000; steps++ {
			d.keys(k)
			i := position()
			ended := d.m.tr.vp.AtTop() || d.m.tr.vp.AtBottom()
			if ended {
				if i != end {
					t.Errorf("%s reached the end at part %d, want %d", k, i, end)
				}
				break
			}
			if i-last > 1 || last-i > 1 {
				t.Fatalf("one %s moved part %d to part %d", k, last, i)
			}
			if !marked() {
				t.Fatalf("after %s to part %d the current part is off screen", k, i)
			}
			last = i
		}
		if steps < 100 {
			t.Fatalf("%s reached the end in %d steps: too few to tell", k, steps)
		}
	}
	walk("k", 53, 1)
	walk("j", 1, 53)
}
