package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// emailConv is an opening message, a Gmail reply carrying the thread
// before it, and a short answer.
func emailConv(t *testing.T, reply string) *api.Conversation {
	t.Helper()
	c := &api.Conversation{ID: "77", Title: "Export", State: "open", CreatedAt: 1795500000,
		Source: api.Source{Type: "email", Body: "<p>Our nightly export stopped.</p>",
			Author: api.Author{Type: "user", ID: "u1", Name: "Maya Chen"}}}
	c.ConversationParts.Parts = []api.Part{
		{ID: "1", PartType: "comment", Body: reply, CreatedAt: 1795503600, Author: api.Author{Type: "user", ID: "u1", Name: "Maya Chen"}},
		{ID: "2", PartType: "comment", Body: "<p>Noted, thanks.</p>", CreatedAt: 1795507200, Author: api.Author{Type: "admin", ID: "a1", Name: "Sam Lee"}},
	}
	c.ConversationParts.TotalCount = 2
	api.Clean(c, nil)
	return c
}

func gmailReply(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../render/testdata/email/gmail.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExpandQuoted unfolds the current part's quoted history with x,
// rendering only its block again, and folds it with x again.
func TestExpandQuoted(t *testing.T) {
	d := newDriver(t, convOptions(emailConv(t, gmailReply(t))))
	d.size(100, 60)
	const history = "runs nightly at 02:00 UTC"
	if s := d.screen(); !strings.Contains(s, "▸ 10 quoted lines") || strings.Contains(s, history) {
		t.Fatalf("history not folded:\n%s", s)
	}
	d.keys("g", "x") // the opening message: no history
	if f := d.footer(); !strings.Contains(f, nothingToExpand) {
		t.Errorf("footer after x on the opening message = %q, want %q", f, nothingToExpand)
	}
	made := d.made
	d.keys("]", "x")
	s := d.screen()
	if !strings.Contains(s, "▾ quoted history") || !strings.Contains(s, history) || strings.Contains(s, "▸ 10 quoted lines") {
		t.Errorf("x did not unfold the history:\n%s", s)
	}
	if n := d.made - made; n != 1 {
		t.Errorf("unfolding rendered %d blocks, want 1", n)
	}
	if !d.m.items[1].Expanded || d.m.items[0].Expanded || d.m.items[2].Expanded {
		t.Errorf("expanded items: %v %v %v, want only the reply", d.m.items[0].Expanded, d.m.items[1].Expanded, d.m.items[2].Expanded)
	}
	d.keys("x")
	if s := d.screen(); !strings.Contains(s, "▸ 10 quoted lines") || strings.Contains(s, history) {
		t.Errorf("x again did not fold the history:\n%s", s)
	}
}

// TestExpandKeptOnReload keeps the history unfolded across a reload.
func TestExpandKeptOnReload(t *testing.T) {
	d := newDriver(t, convOptions(emailConv(t, gmailReply(t))))
	d.size(100, 60)
	d.keys("g", "]", "x", "r")
	if s := d.screen(); !strings.Contains(s, "runs nightly at 02:00 UTC") {
		t.Errorf("history folded again after a reload:\n%s", s)
	}
}

// TestExpandHostile unfolds history full of escape sequences: the frame
// stays clean, folded and unfolded.
func TestExpandHostile(t *testing.T) {
	body := "<p>Thanks CLRHXnew</p><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Tue, Sam wrote:</div>" +
		"<blockquote class=\"gmail_quote\"><p>\x1b]0;PWN\x07 &#27;[2J old \x1b]52;c;PWN\x07 \x1bc</p>" +
		"<p><a href=\"javascript:alert(1)\">click</a> \u009b31mCLRHXold</p></blockquote></div>"
	d := newDriver(t, convOptions(emailConv(t, body)))
	d.size(60, 30)
	checkHostileFrame(t, d, "folded", 60, 30)
	d.keys("g", "]", "x")
	if !strings.Contains(d.screen(), "CLRHXold") {
		t.Fatalf("history not unfolded:\n%s", d.screen())
	}
	checkHostileFrame(t, d, "unfolded", 60, 30)
}

// TestExpandEmailHeaders unfolds a part's email headers with x, one per
// line, though it has no quoted history, and folds them back to one line.
func TestExpandEmailHeaders(t *testing.T) {
	c := emailConv(t, "<p>Thanks, that works.</p>")
	c.ConversationParts.Parts[0].EmailMessageMetadata = &api.EmailMetadata{
		Subject:   "Re: Export",
		MessageID: "<CAK1@mail.example.com>",
		EmailAddressHeaders: []api.EmailHeader{
			{Type: "from", EmailAddress: "maya@example.com", Name: "Maya Chen"},
			{Type: "cc", EmailAddress: "ops@example.com"},
		},
	}
	d := newDriver(t, convOptions(c))
	d.size(100, 60)
	const full = "Message-ID: <CAK1@mail.example.com>"
	if s := d.screen(); !strings.Contains(s, "✉ Re: Export") || strings.Contains(s, full) {
		t.Fatalf("headers not on one line:\n%s", s)
	}
	d.keys("g", "]", "x")
	if s := d.screen(); !strings.Contains(s, full) || !strings.Contains(s, "CC: ops@example.com") {
		t.Errorf("x did not unfold the headers:\n%s", s)
	}
	if f := d.footer(); strings.Contains(f, nothingToExpand) {
		t.Errorf("footer = %q: a part with headers has something to expand", f)
	}
	d.keys("x")
	if s := d.screen(); strings.Contains(s, full) {
		t.Errorf("x again did not fold the headers:\n%s", s)
	}
}
