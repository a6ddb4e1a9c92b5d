package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
)

// Indic spacing marks and Thai vowels are one cell to Lip Gloss but two
// to wcwidth, which Bubble Tea's renderer and tmux use: every row must be
// exactly the width as they count it, or the panel's border moves.
func TestScriptsKeepThePanelInPlace(t *testing.T) {
	hindi := strings.Repeat("नमस्ते, मुझे अपने खाते में लॉगिन करने में समस्या हो रही है। किताब पढ़िए। ", 8)
	thai := strings.Repeat("สวัสดีครับ ผมมีปัญหาในการเข้าสู่ระบบ กรุณาช่วยด้วย ", 8)
	conv := api.Demo()
	conv.Source.Body = "<p>" + hindi + "</p><p>" + thai + "</p>"
	conv.Title = hindi[:60]
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return conv, nil }
	for _, size := range [][2]int{{120, 40}, {80, 24}, {20, 6}} {
		d := newDriver(t, o)
		d.size(size[0], size[1])
		d.keys("g")
		for step := range 6 {
			lines := strings.Split(d.m.View().Content, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidthWc(l); w != size[0] {
					t.Errorf("%dx%d step %d: row %d is %d cells by wcwidth: %q", size[0], size[1], step, i, w, ansi.Strip(l))
				}
			}
			d.keys("j")
		}
	}
}
