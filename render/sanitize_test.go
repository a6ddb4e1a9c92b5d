package render

import (
	"testing"

	"github.com/convo-cli/convo/api"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"https", "https://example.com/a?b=c", "https://example.com/a?b=c"},
		{"http upper scheme", "HTTP://example.com", "HTTP://example.com"},
		{"mailto", "mailto:sam@example.com", "mailto:sam@example.com"},
		{"trimmed", "  https://example.com  ", "https://example.com"},
		{"javascript", "javascript:alert(1)", ""},
		{"javascript mixed case", "JaVaScRiPt:alert(1)", ""},
		{"data", "data:text/html;base64,PHNjcmlwdD4=", ""},
		{"file", "file:///etc/passwd", ""},
		{"relative", "/the/page/url.html", ""},
		{"no host", "https:///x", ""},
		{"empty mailto", "mailto:", ""},
		{"space inside", "https://example.com/a b", ""},
		{"escape removed", "https://example.com/\x1b]8;;x", "https://example.com/"},
		{"entity-encoded scheme", "javascript&#58;alert(1)", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SafeURL(api.SanitizeLine(tt.in)) // as api.Clean leaves it
			if got != tt.want {
				t.Errorf("SafeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := SafeURL(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestSafeHyperlinksJoinsAndDropsIDs(t *testing.T) {
	const u = "https://example.com/a"
	open, shut := "\x1b]8;id=42;"+u+"\a", "\x1b]8;;\a"
	tests := []struct{ name, in, want string }{
		{"text and URL one link", open + "\x1b[4mtext\x1b[m" + shut + " \x1b[4m" + open + u + "\x1b[m" + shut,
			"\x1b]8;;" + u + "\a\x1b[4mtext\x1b[m \x1b[4m" + u + "\x1b[m" + shut},
		{"another target stays apart", open + "a" + shut + " \x1b]8;;https://b.example\ab" + shut,
			"\x1b]8;;" + u + "\aa" + shut + " \x1b]8;;https://b.example\ab" + shut},
		{"text between stays apart", open + "a" + shut + " x " + open + "b" + shut,
			"\x1b]8;;" + u + "\aa" + shut + " x \x1b]8;;" + u + "\ab" + shut},
		{"not across lines", open + "a" + shut + "\n" + open + "b" + shut,
			"\x1b]8;;" + u + "\aa" + shut + "\n\x1b]8;;" + u + "\ab" + shut},
		{"unsafe target dropped", "\x1b]8;;ftp://x\ax" + shut, "x" + shut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeHyperlinks(tt.in); got != tt.want {
				t.Errorf("safeHyperlinks(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
