package termtest

import "testing"

func TestCheckEscapes(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"plain", "hello\n\tworld 日本 👩\u200d👩\u200d👧", true},
		{"SGR", "\x1b[1;38;2;1:2:3mbold\x1b[m", true},
		{"OSC 8 https with ST", "\x1b]8;id=1;https://x.test/a\x1b\\x\x1b]8;;\x1b\\", true},
		{"OSC 8 mailto with BEL", "\x1b]8;;mailto:a@x.test\x07x\x1b]8;;\x07", true},
		{"OSC 8 javascript", "\x1b]8;;javascript:alert(1)\x07x", false},
		{"OSC 8 relative", "\x1b]8;;/etc/passwd\x07x", false},
		{"OSC 8 unterminated", "\x1b]8;;https://x.test", false},
		{"OSC 52", "\x1b]52;c;aGk=\x07", false},
		{"OSC 0 title", "\x1b]0;pwn\x07", false},
		{"clear screen", "\x1b[2J", false},
		{"cursor home", "\x1b[H", false},
		{"reset", "\x1bc", false},
		{"DCS", "\x1bP+q\x1b\\", false},
		{"C1 CSI", "\u009b2J", false},
		{"raw 0x9b", "a\x9bb", false},
		{"RLO", "a\u202eb", false},
		{"isolate", "\u2066a", false},
		{"BEL", "a\x07", false},
		{"CR", "a\rb", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckEscapes(tt.in); (err == nil) != tt.ok {
				t.Errorf("CheckEscapes(%q) = %v, want ok %v", tt.in, err, tt.ok)
			}
		})
	}
}
