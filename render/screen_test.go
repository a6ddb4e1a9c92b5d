package render

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestForScreen(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Maya Chen", "Maya Chen"},
		{"ZWJ family", "👩\u200d👩\u200d👧", "👩👩👧"},
		{"skin tone", "👍🏽", "👍"},
		{"VS16 heart", "❤️", "❤"},
		{"rainbow flag", "🏳️\u200d🌈", "🏳🌈"},
		{"keycap", "1️⃣", "1⃣"},
		{"ZWJ between ZWJs", "a\u200d\u200d👩", "a👩"},
		{"Devanagari half form keeps its ZWJ", "क्\u200dष", "क्\u200dष"},
		{"ZWNJ kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"flags and CJK untouched", "🇺🇸 日本", "🇺🇸 日本"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ForScreen(tt.in)
			if got != tt.want {
				t.Errorf("ForScreen(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if again := ForScreen(got); again != got {
				t.Errorf("not idempotent: %+q then %+q", got, again)
			}
		})
	}
}

// TestForScreenWidthsAgree: after ForScreen, emoji measure the same to Lip
// Gloss (grapheme clusters) and to Bubble Tea's renderer (wcwidth).
func TestForScreenWidthsAgree(t *testing.T) {
	for _, s := range []string{
		"👩\u200d👩\u200d👧", "👨🏽\u200d💻", "👍🏽", "❤️", "❤️\u200d🔥", "🏳️\u200d🌈", "1️⃣", "☺️", "✌🏿", "🇺🇸🇬🇧", "🎉",
	} {
		got := ForScreen(s)
		if g, w := ansi.StringWidth(got), ansi.WcWidth.StringWidth(got); g != w {
			t.Errorf("ForScreen(%+q) = %+q: %d cells by graphemes, %d by wcwidth", s, got, g, w)
		}
	}
}
