package ui

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// The benchmarks of DESIGN.md §10 that concern the screen, on the 500-part
// conversation of api/testdata (made by api's TestConv500). `make bench`
// runs them; `make test` runs each once so they cannot rot.

// conv500Path is the 500-part conversation, from this package's folder.
const conv500Path = "../api/testdata/conv500.json"

// conv500 decodes the 500-part conversation.
func conv500(tb testing.TB) *api.Conversation {
	tb.Helper()
	body, err := os.ReadFile(conv500Path)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := api.DecodeBytes(body)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// conv500Options loads c at once, with a fixed clock and zone.
func conv500Options(c *api.Conversation) Options {
	return Options{
		Load:  func(context.Context, func(api.Wait)) (*api.Conversation, error) { return c, nil },
		Label: "conv500.json",
		Theme: "dark",
		Loc:   time.UTC,
		Now:   func() time.Time { return time.Date(2027, 1, 3, 12, 0, 0, 0, time.UTC) },
	}
}

// loaded500 is a driver with the 500 parts loaded and every block rendered
// at w x h, the details panel showing at 120 columns.
func loaded500(tb testing.TB, w, h int) *driver {
	tb.Helper()
	d := newDriver(tb, conv500Options(conv500(tb)))
	d.size(w, h)
	if !d.m.blk.complete() {
		tb.Fatal("not every block was rendered")
	}
	return d
}

// feed runs cmd and hands its messages to m, without running the commands
// they return: what m does before any further work comes back. Spinner
// ticks are dropped.
func feed(tb testing.TB, m Model, cmd tea.Cmd) Model {
	tb.Helper()
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case nil, spinner.TickMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			m = feed(tb, m, c)
		}
	default:
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

// BenchmarkFirstScreen is the work from the decoded conversation to the
// first full frame of a 500-part conversation at 120x40 with the panel:
// the items, the panel's sections, the blocks the screen shows (the rest
// is left to the background) and View. DESIGN.md §10: under 50 ms.
func BenchmarkFirstScreen(b *testing.B) {
	o := conv500Options(conv500(b))
	b.ReportAllocs()
	for b.Loop() {
		m := New(o)
		m = feed(b, m, m.Init()) // the load
		next, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m = feed(b, next.(Model), cmd) // the first render, not the rest
		if !m.tr.Loaded() || m.blk.complete() {
			b.Fatal("the first render is not a partial one on screen")
		}
		_ = m.View()
	}
}

// stepBench presses down until the bottom, then up until the top, and so
// on, with a frame after each key: the cost of one step of scrolling.
func stepBench(b *testing.B, down, up string) {
	d := loaded500(b, 120, 40)
	d.keys("g")
	keys := [2]tea.KeyPressMsg{keyPress(down), keyPress(up)}
	dir := 0
	b.ReportAllocs()
	for b.Loop() {
		next, cmd := d.m.Update(keys[dir])
		if cmd != nil {
			b.Fatal("a scroll step asked for work")
		}
		d.m = next.(Model)
		_ = d.m.View()
		if d.m.tr.vp.AtBottom() && dir == 0 || d.m.tr.vp.AtTop() && dir == 1 {
			dir = 1 - dir
		}
	}
}

// BenchmarkScrollStep is one j (or k) and the frame after it at 120x40
// with the panel: nothing may render Markdown here. DESIGN.md §10: under
// 100 µs.
func BenchmarkScrollStep(b *testing.B) { stepBench(b, "j", "k") }

// BenchmarkPageStep is one f (or b) and the frame after it.
func BenchmarkPageStep(b *testing.B) { stepBench(b, "space", "b") }

// BenchmarkView is one frame with nothing changed; "scrubbed" with the
// token scrubbed from it, as main has it.
func BenchmarkView(b *testing.B) {
	for _, scrub := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "scrubbed"}[scrub]
		b.Run(name, func(b *testing.B) {
			d := loaded500(b, 120, 40)
			if scrub {
				d.m.opts.Scrub = api.NewScrubber("dG9rOnNlY3JldC0xMjM0NTY3ODkw+/==").Scrub
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = d.m.View()
			}
		})
	}
}

// BenchmarkResize is a resize from 120x40 to 100x30 of the loaded 500
// parts. "cut" is the frame the resize shows at once: the blocks of the
// old width, cut to the new one, while a burst of resizes settles
// (resizeDebounce). "rendered" goes on to the first full frame at the new
// width: the blocks the screen shows rendered anew, the rest left to the
// background; its debounce timer is fired at once, as it is a wait, not
// work. DESIGN.md §10: a resize shows its first screen in under 20 ms.
func BenchmarkResize(b *testing.B) {
	base := loaded500(b, 120, 40).m
	for _, full := range []bool{false, true} {
		name := "cut"
		if full {
			name = "rendered"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := base
				m.blk.cache.sets = maps.Clone(base.blk.cache.sets) // the map is shared by copies: 100x30 stays uncached
				next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
				m = next.(Model)
				_ = m.View()
				if !full {
					continue
				}
				next, cmd := m.Update(renderDueMsg{m.blk.latest()})
				m = feed(b, next.(Model), cmd)
				if m.blk.of().width != m.lay.blockWidth() {
					b.Fatal("the blocks were not rendered at the new width")
				}
				_ = m.View()
			}
		})
	}
}

// typicalPart is the message whose body is the median length of the
// conversation's message bodies.
func typicalPart(items []render.Item) render.Item {
	var msgs []render.Item
	for _, it := range items {
		if it.Kind == render.KindMessage && it.HTML != "" {
			msgs = append(msgs, it)
		}
	}
	slices.SortStableFunc(msgs, func(a, b render.Item) int { return len(a.HTML) - len(b.HTML) })
	return msgs[len(msgs)/2]
}

// themes are the benchmarks' styles, by name.
var themes = []struct {
	name string
	dark bool
}{{"dark", true}, {"light", false}}

// BenchmarkRenderPart renders one typical part with a warm renderer, at
// widths 80 and 120, dark and light.
func BenchmarkRenderPart(b *testing.B) {
	items := render.Items(conv500(b), nil)
	it := typicalPart(items)
	for _, width := range []int{80, 120} {
		for _, th := range themes {
			b.Run(fmt.Sprintf("w%d/%s", width, th.name), func(b *testing.B) {
				r, err := render.NewRenderer(width, newStyles(th.dark, fullColour).Render)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(it.HTML)))
				b.ReportAllocs()
				for b.Loop() {
					_ = r.Block(it, time.UTC)
				}
			})
		}
	}
}

// BenchmarkRenderAll renders all 500 parts (and the opening message) as the
// background does, on a worker per core, at widths 80 and 120, dark and
// light. DESIGN.md §10: under 250 ms.
func BenchmarkRenderAll(b *testing.B) {
	items := render.Items(conv500(b), nil)
	for _, width := range []int{80, 120} {
		for _, th := range themes {
			b.Run(fmt.Sprintf("w%d/%s", width, th.name), func(b *testing.B) {
				st := newStyles(th.dark, fullColour).Render
				b.ReportAllocs()
				for b.Loop() {
					if _, err := renderBlocks(items, width, st, time.UTC); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(items)), "µs/part")
			})
		}
	}
}

var _ tea.Model = Model{}
