package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// emailBody reads a body from testdata/email.
func emailBody(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "email", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSplitQuoted splits real-shaped email bodies: the new text must end
// with its last line, and the history take its number of lines.
func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		file     string
		lastLine string // the new text's last line, as plain text
		quoted   int    // the history's lines; 0: nothing folds
	}{
		{"gmail.html", "Maya Chen | Finance Lead | Acme Ltd", 10},
		{"apple.html", "Sent from my iPhone", 6},
		{"outlook.html", "Priya Shah", 7},
		{"outlook_web.html", "Thanks, confirmed on our side.", 8},
		{"original_message.html", "Tom Becker", 9},
		{"plain.txt", "Anna", 5},
		{"plain.html", "Anna", 6},
		{"german.html", "Lena", 3},
		{"inline.html", "Anna", 0},                      // answers inline: the quotes stay
		{"forward.html", "Please update your card.", 0}, // all history: shown whole
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := emailBody(t, tt.file)
			text, history := SplitQuoted(body)
			plain := PlainBody(text, 0)
			lines := strings.Split(plain, "\n")
			if got := lines[len(lines)-1]; got != tt.lastLine {
				t.Errorf("new text ends %q, want %q; new text:\n%s", got, tt.lastLine, plain)
			}
			if got := QuotedLines(history); got != tt.quoted {
				t.Errorf("quoted lines = %d, want %d; history:\n%s", got, tt.quoted, PlainBody(history, 0))
			}
			if tt.quoted == 0 && text != body {
				t.Errorf("body changed without history:\n%s", text)
			}
		})
	}
}

// TestSplitQuotedKeeps leaves bodies alone that only look like email.
func TestSplitQuotedKeeps(t *testing.T) {
	tests := map[string]string{
		"chat":             "<p>Hi, the export fails with error 500.</p>",
		"quote at the end": "<p>Here is the error:</p><blockquote>Export failed: timeout</blockquote>",
		"only quoted":      "On Tue, Nov 24, 2026, Sam wrote:\n> hello",
		"from in text":     "<p>From: the billing page, I cannot download invoices.</p><p>Thanks</p>",
		"wrote, no quote":  "<p>Thanks!</p><p>On Monday my colleague wrote:</p><p>the export is broken</p>",
		"quote then reply": "<p>Hi</p><div class=\"gmail_quote\">old</div><p>my answer below</p>",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			if text, history := SplitQuoted(body); history != "" || text != body {
				t.Errorf("split %q into %q and %q, want it whole", body, text, history)
			}
		})
	}
}
