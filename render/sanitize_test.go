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
