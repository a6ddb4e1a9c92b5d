package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render/termtest"
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

// emailConversation is a conversation of email replies, from testdata/email:
// the opening message and one part per file.
func emailConversation(t testing.TB, files ...string) *api.Conversation {
	t.Helper()
	c := &api.Conversation{ID: "email1", Title: "Invoice export", State: "open", CreatedAt: 1795500000,
		Source: api.Source{Type: "email", Body: "<p>Our nightly export stopped.</p>",
			Author: api.Author{Type: "user", ID: "u1", Name: "Maya Chen", Email: "maya@example.com"}}}
	for i, f := range files {
		c.ConversationParts.Parts = append(c.ConversationParts.Parts, api.Part{
			ID: api.ID(fmt.Sprint(i + 1)), PartType: "comment", Body: emailBody(t, f),
			CreatedAt: api.Time(1795500000 + 3600*(i+1)),
			Author:    api.Author{Type: "user", ID: "u1", Name: "Maya Chen", Email: "maya@example.com"},
		})
	}
	c.ConversationParts.TotalCount = len(files)
	api.Clean(c, nil)
	return c
}

// TestGoldenQuoted pins printed email replies: the history folded to a
// line, and kept whole with Options.Quoted.
func TestGoldenQuoted(t *testing.T) {
	c := emailConversation(t, "gmail.html", "outlook.html", "plain.txt", "inline.html")
	for _, quoted := range []bool{false, true} {
		for _, f := range formats {
			name := "email." + f.ext
			if quoted {
				name = "email-quoted." + f.ext
			}
			t.Run(name, func(t *testing.T) {
				o := testOptions()
				o.Quoted = quoted
				var b bytes.Buffer
				if err := f.write(&b, c, o); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", "golden", name), b.Bytes())
			})
		}
	}
}

// TestBlockQuoted folds the history to one line, and shows it expanded.
func TestBlockQuoted(t *testing.T) {
	items := Items(emailConversation(t, "gmail.html", "inline.html"), nil)
	r := newTestRenderer(t, 60)
	folded := ansi.Strip(r.Block(items[1], time.UTC))
	if !strings.HasSuffix(folded, "Acme Ltd\n▸ 10 quoted lines") || strings.Contains(folded, "nightly at 02:00") {
		t.Errorf("folded block, want its new text then \"▸ 10 quoted lines\":\n%s", folded)
	}
	items[1].Expanded = true
	expanded := ansi.Strip(r.Block(items[1], time.UTC))
	if !strings.Contains(expanded, "▾ quoted history") || !strings.Contains(expanded, "nightly at 02:00") {
		t.Errorf("expanded block, want the history:\n%s", expanded)
	}
	inline := ansi.Strip(r.Block(items[2], time.UTC))
	if strings.Contains(inline, "quoted") || !strings.Contains(inline, "Which browser") {
		t.Errorf("inline answers, want them whole:\n%s", inline)
	}
}

// TestQuotedHostile plants escape sequences in quoted history: none
// reaches the screen, folded or expanded, or printed output.
func TestQuotedHostile(t *testing.T) {
	body := "<p>Thanks CLRHXnew</p><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Tue, Sam &lt;s@x.test&gt; wrote:</div>" +
		"<blockquote class=\"gmail_quote\"><p>\x1b]0;PWN\x07 &#27;[2J old \x1b]52;c;PWN\x07</p>" +
		"<p><a href=\"javascript:alert(1)\">click</a> \u009b31mCLRHXold</p></blockquote></div>"
	if _, history := SplitQuoted(body); history == "" {
		t.Fatal("no history found: the test would prove nothing")
	}
	c := emailConversation(t)
	c.ConversationParts.Parts = []api.Part{{ID: "1", PartType: "comment", Body: body, Author: api.Author{Type: "user", Name: "M"}}}
	items := Items(c, nil)
	r := newTestRenderer(t, 40)
	for _, expanded := range []bool{false, true} {
		items[1].Expanded = expanded
		out := r.Block(items[1], time.UTC)
		checkOutput(t, "block", out, 40)
		checkNoLeak(t, fmt.Sprintf("block, expanded %v", expanded), out)
		if expanded && !strings.Contains(ansi.Strip(out), "CLRHXold") {
			t.Errorf("expanded block lacks the history:\n%s", out)
		}
	}
	for _, quoted := range []bool{false, true} {
		for _, f := range formats {
			o := testOptions()
			o.Quoted = quoted
			var b bytes.Buffer
			if err := f.write(&b, c, o); err != nil {
				t.Fatal(err)
			}
			checkNoLeak(t, fmt.Sprintf("%s, quoted %v", f.ext, quoted), b.String())
			if err := termtest.CheckEscapes(b.String()); err != nil {
				t.Errorf("%s, quoted %v: %v", f.ext, quoted, err)
			}
		}
	}
}

// TestSourceHistoryFolds: from 2.16 Intercom splits the quoted mail off
// the opening message into email_message_metadata.history; it comes back
// at the end of the message, folded like a reply's.
func TestSourceHistoryFolds(t *testing.T) {
	doc := `{"type": "conversation", "id": "5", "created_at": 1795421524,
	  "source": {"type": "email", "id": "1", "body": "<p>Please see the thread below.</p>",
	    "author": {"type": "user", "id": "u1", "name": "Maya Chen"},
	    "email_message_metadata": {"subject": "Fwd: Export", "email_address_headers": [],
	      "history": "<div>On Mon, 23 Nov 2026, Ana wrote:</div><blockquote><p>The export stopped.</p><p>It ran nightly.</p></blockquote>"}},
	  "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [], "total_count": 0}}`
	c, err := api.DecodeBytes([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, quoted := range []bool{false, true} {
		o := testOptions()
		o.Quoted = quoted
		var b bytes.Buffer
		if err := WriteText(&b, c, o); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, "Please see the thread below.") {
			t.Errorf("quoted=%v: the message is missing:\n%s", quoted, out)
		}
		if got := strings.Contains(out, "It ran nightly."); got != quoted {
			t.Errorf("quoted=%v: history shown = %v:\n%s", quoted, got, out)
		}
		if got := strings.Contains(out, "[quoted history: "); got == quoted {
			t.Errorf("quoted=%v: history line shown = %v:\n%s", quoted, got, out)
		}
	}
}
