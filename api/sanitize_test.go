package api

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text stays", "Maya Chen", "Maya Chen"},
		{"newline and tab stay", "a\nb\tc", "a\nb\tc"},
		{"entity-encoded name", "O&#39;Neill", "O'Neill"},
		{"named entities", "Tom &amp; Jerry &lt;3", "Tom & Jerry <3"},
		// An escape sequence goes whole: no "[31m" or "]0;x" is left behind.
		{"ESC and CSI", "a\x1b[31mred\x1b[0m", "ared"},
		{"entity-encoded OSC title", "&#27;]0;x&#7;y", "y"},
		{"hex entity ESC", "&#x1b;[2Jz", "z"},
		{"double-encoded ESC", "&amp;#27;[2Jz", "z"},
		{"OSC 52 clipboard write", "\x1b]52;c;aGk=\x07x", "x"},
		{"OSC 8 link keeps its text", "\x1b]8;;javascript:x\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"DCS to its ST", "\x1bP+q544e\x1b\\x", "x"},
		{"unterminated OSC ends at a line break", "\x1b]0;t\nx", "\nx"},
		{"reset and charset sequences", "a\x1bcb\x1b(Bc\x1b#8d", "abcd"},
		{"lone ESC", "x\x1b", "x"},
		{"ESC before a letter outside ASCII", "\x1bé", "é"},
		{"malformed CSI keeps the rest", "\x1b[31€", "€"},
		{"C0 controls", "a\x00b\x07c\x08d\re\x7ff", "abcdef"},
		{"C1 controls", "a\u0085b\u009cc", "abc"},
		{"C1 CSI takes its sequence", "a\u009b31mb", "ab"},
		{"C1 OSC to its terminator", "a\u009d0;t\u009cb", "ab"},
		{"raw 0x9b byte", "a\x9b31mb", "a\ufffd31mb"},
		{"BiDi overrides", "abc\u202eevil\u202c", "abcevil"},
		{"BiDi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"marks and zero width", "a\u200eb\u200fc\u200bd\ufeffe\u00adf", "abcdef"},
		{"line separators", "a\u2028b\u2029c", "abc"},
		{"tag characters", "x\U000E0041\U000E007Fy", "xy"},
		{"ZWJ emoji kept", "👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"},
		{"ZWNJ kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"combining marks kept", "e\u0301", "e\u0301"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"truncated rune", "a\xe3\x81", "a\ufffd\ufffd"},
		{"stripping uncovers an entity", "&l\u200bt;", "<"},
		// Each pass peels one level; past maxDecodePasses the rest is disarmed.
		{"deeply nested entity", "&" + strings.Repeat("amp;", 21) + "lt;", "\uFF06" + strings.Repeat("amp;", 21-maxDecodePasses) + "lt;"},
		{"NUL entity", "a&#0;b", "a\ufffdb"},
		{"cp1252 numeric C1 becomes printable", "&#x9b;", "›"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: Sanitize(%q) = %q, then %q", tt.in, got, again)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one line", "Sam Lee", "Sam Lee"},
		{"breaks and tabs", " Sam\n\tLee \r\n", "Sam Lee"},
		{"entities then spaces", "Sam&#10;Lee", "Sam Lee"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeLine(tt.in); got != tt.want {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
