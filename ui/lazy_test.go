package ui

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
)

// The lazy rendering of DESIGN.md §5, on the 500-part conversation: the
// blocks on screen first, the rest in the background; stand-ins where the
// reader goes before the rest comes, then the blocks, with the reading
// position held; a resize renders what shows first; blocks are cached.

// renderedIn runs cmd and returns the renderedMsg it makes (among a
// batch's messages too).
func renderedIn(t *testing.T, cmd tea.Cmd) renderedMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command, want a render")
	}
	switch msg := cmd().(type) {
	case renderedMsg:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if r, ok := c().(renderedMsg); ok {
				return r
			}
		}
	}
	t.Fatal("the command renders nothing")
	return renderedMsg{}
}

// partial500 has the 500 parts loaded at w x h with only the first render
// shown, and returns the command that renders the rest, not run.
func partial500(t *testing.T, w, h int) (*driver, tea.Cmd) {
	t.Helper()
	d := newDriver(t, conv500Options(conv500(t)))
	first := renderedIn(t, d.step(tea.WindowSizeMsg{Width: w, Height: h}))
	if first.complete() {
		t.Fatal("the first render rendered everything")
	}
	rest := d.step(first)
	if rest == nil {
		t.Fatal("a partial render did not ask for the rest")
	}
	return d, rest
}

// transcriptLines is the transcript pane's lines on screen (side by side
// with the panel, the columns left of it), below the header and title.
func (d *driver) transcriptLines() []string {
	lines := d.lines()
	var out []string
	for _, l := range lines[2 : len(lines)-1] {
		out = append(out, ansi.Cut(l, 0, d.m.lay.trW))
	}
	return out
}

func standIns(lines []string) (n int) {
	for _, l := range lines {
		if strings.TrimSpace(strings.TrimLeft(l, "▎ ")) == "…" {
			n++
		}
	}
	return n
}

func TestOpensWithTheScreenRenderedFirst(t *testing.T) {
	d := newDriver(t, conv500Options(conv500(t)))
	first := renderedIn(t, d.step(tea.WindowSizeMsg{Width: 120, Height: 40}))
	n := len(d.m.items)
	if first.hi != n || first.hi-first.lo > 20 || first.hi-first.lo < 2 {
		t.Fatalf("the first render covers [%d,%d) of %d, want the few newest", first.lo, first.hi, n)
	}
	d.step(first)
	checkFrame(t, d.m.View().Content, 120, 40)
	if f := d.footer(); !strings.Contains(f, fmt.Sprintf("part %d/%d · 100%%", n, n)) {
		t.Errorf("footer = %q, want the newest part", f)
	}
	if s := standIns(d.transcriptLines()); s > 0 {
		t.Errorf("%d stand-ins on the first screen:\n%s", s, d.screen())
	}
}

func TestScrollIntoUnrenderedParts(t *testing.T) {
	d, rest := partial500(t, 120, 40)
	n := len(d.m.items)
	if cmd := d.step(keyPress("g")); cmd != nil {
		t.Error("g asked for work: a scroll never renders")
	}
	if f := d.footer(); !strings.Contains(f, fmt.Sprintf("part 1/%d · 0%%", n)) {
		t.Errorf("footer at the top = %q", f)
	}
	lines := d.transcriptLines()
	if s := standIns(lines); s < len(lines)/3 {
		t.Fatalf("the top before the rest came shows %d stand-ins, want the pane full of them:\n%s", s, d.screen())
	}
	const at = 120 // a part far from both ends
	for range at {
		if cmd := d.step(keyPress("]")); cmd != nil {
			t.Fatal("] asked for work: a scroll never renders")
		}
	}
	want := fmt.Sprintf("part %d/%d", at+1, n)
	if f := d.footer(); !strings.Contains(f, want) {
		t.Fatalf("footer among the stand-ins = %q, want %q", f, want)
	}
	for _, k := range []string{"j", "k"} {
		if cmd := d.step(keyPress(k)); cmd != nil {
			t.Fatalf("%s asked for work: a scroll never renders", k)
		}
	}
	want = regexp.MustCompile(`part \d+/\d+`).FindString(d.footer()) // as j and k left it
	if top := d.transcriptLines()[0]; standIns([]string{top}) != 1 {
		t.Errorf("top line among the stand-ins = %q, want part %d's stand-in", top, at+1)
	}

	d.run(rest) // the rest comes: the screen shows it at once, where the reader is
	if !d.m.blk.complete() {
		t.Fatal("the rest did not complete the blocks")
	}
	if f := d.footer(); !strings.Contains(f, want) {
		t.Errorf("footer after the rest came = %q, want %q", f, want)
	}
	lines = d.transcriptLines()
	if !strings.Contains(lines[0], d.m.items[at].Author) {
		t.Errorf("top line after the rest came = %q, want part %d's header (%s)", lines[0], at+1, d.m.items[at].Author)
	}
	if s := standIns(lines); s > 0 {
		t.Errorf("%d stand-ins left after the rest came:\n%s", s, d.screen())
	}
}

// The demo's 53 parts are enough for the next two, and cost a tenth of
// the 500 under the race detector.

func TestResizeRendersWhatShowsFirst(t *testing.T) {
	d := ready(t, 120, 40)
	const at = 30
	d.keys("g")
	for range at {
		d.keys("]")
	}
	want, author := fmt.Sprintf("part %d/%d", at+1, len(d.m.items)), d.m.items[at].Author
	check := func(when string) {
		t.Helper()
		if f := d.footer(); !strings.Contains(f, want) {
			t.Errorf("%s: footer = %q, want %q", when, f, want)
		}
		if top := d.transcriptLines()[0]; !strings.Contains(top, author) {
			t.Errorf("%s: top line = %q, want part %d's header (%s)", when, top, at+1, author)
		}
	}
	check("before")

	// At once, the old blocks cut to the new size, while the resize settles.
	if cmd := d.step(tea.WindowSizeMsg{Width: 100, Height: 30}); cmd == nil {
		t.Fatal("a resize to an uncached width asked for no render")
	}
	checkFrame(t, d.m.View().Content, 100, 30)
	check("during the debounce")

	first := renderedIn(t, d.step(renderDueMsg{d.m.blk.latest()}))
	if first.complete() || first.lo > at || first.hi <= at || first.hi-first.lo > 12 {
		t.Fatalf("the resize's first render covers [%d,%d) of %d, want the few from part %d", first.lo, first.hi, len(first.blocks), at+1)
	}
	if w := newLayout(100, 30, 0, false, false).blockWidth(); first.key.width != w {
		t.Fatalf("the first render is %d wide, want %d", first.key.width, w)
	}
	rest := d.step(first)
	checkFrame(t, d.m.View().Content, 100, 30)
	check("after the first render")
	d.run(rest)
	if !d.m.blk.complete() {
		t.Fatal("the rest did not complete the blocks")
	}
	check("after the rest")
}

func TestRenderedBlocksAreCached(t *testing.T) {
	o := demoOptions()
	o.Theme = "" // auto: the background decides
	d := newDriver(t, o)
	d.size(120, 40)
	withPanel := d.m.blk.of()
	if !d.m.blk.complete() {
		t.Fatal("not every block was rendered")
	}
	steps := []struct {
		name   string
		msg    tea.Msg
		cached bool
	}{
		{"panel hidden", keyPress("i"), false},
		{"panel back", keyPress("i"), true},
		{"light background", tea.BackgroundColorMsg{Color: lightGrey()}, false},
		{"dark again", tea.BackgroundColorMsg{Color: color.RGBA{R: 0x1e, G: 0x1e, B: 0x24, A: 0xff}}, true},
	}
	for _, s := range steps {
		cmd := d.step(s.msg)
		if s.cached != (cmd == nil) {
			t.Errorf("%s: asked for a render = %v, want %v", s.name, cmd != nil, !s.cached)
		}
		d.run(cmd)
		if !d.m.blk.complete() {
			t.Errorf("%s: not every block shows", s.name)
		}
	}
	if d.m.blk.of() != withPanel {
		t.Errorf("blocks shown for %+v, want those of the start, %+v", d.m.blk.of(), withPanel)
	}
}

// TestStandInsCostNothingEach: showing the first blocks of 10,000 parts
// lays out a stand-in for each of the others, styled once, not once each:
// the Update allocates about one object per part (its lines), not nine.
func TestStandInsCostNothingEach(t *testing.T) {
	c, err := api.DecodeBytes(termtest.ManyPartsJSON(api.MaxParts))
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, convOptions(c))
	first := renderedIn(t, d.step(tea.WindowSizeMsg{Width: 120, Height: 40}))
	if first.complete() {
		t.Fatal("the first render rendered everything")
	}
	m := d.m
	allocs := testing.AllocsPerRun(1, func() { m.Update(first) })
	if perPart := allocs / api.MaxParts; perPart > 2 {
		t.Errorf("showing the first blocks allocated %.0f objects, %.1f a part; want at most 2 a part", allocs, perPart)
	}
}
