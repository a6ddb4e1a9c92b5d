package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkScrollStep is one j (or k) and the frame after it, at 120x40 with
// the panel showing: the work of one line of scrolling. Nothing may render
// Markdown here.
func BenchmarkScrollStep(b *testing.B) {
	d := ready(b, 120, 40)
	d.keys("g")
	down, up := keyPress("j"), keyPress("k")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		msg := down
		if i%200 >= 100 {
			msg = up
		}
		next, _ := d.m.Update(msg)
		d.m = next.(Model)
		_ = d.m.View()
	}
}

// BenchmarkView is one frame with nothing changed.
func BenchmarkView(b *testing.B) {
	d := ready(b, 120, 40)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_ = d.m.View()
	}
}

// BenchmarkRenderDemo renders every block of the demo conversation, as a
// resize to a new width does.
func BenchmarkRenderDemo(b *testing.B) {
	d := ready(b, 120, 40)
	m := d.m
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := renderBlocks(m.items, m.lay.blockWidth(), m.st.Render, m.opts.Loc); err != nil {
			b.Fatal(err)
		}
	}
}

var _ tea.Model = Model{}
