package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/render"
)

// An item whose time is out of JSON's range (a corrupt created_at) still
// hashes, and two such items that differ only there hash apart.
func TestHashOutOfRangeTimes(t *testing.T) {
	c := newBlockCache()
	far := time.Unix(1<<62, 0)
	a := render.Item{Kind: render.KindMessage, Author: "A", Time: far}
	b := a
	b.Time = time.Unix(1<<61, 0)
	if c.hash(a) == c.hash(b) {
		t.Error("items that differ in an out-of-range time hash the same")
	}
	if c.hash(a) != c.hash(a) {
		t.Error("the same item hashes differently")
	}
}

// A conversation with a corrupt time opens: the screen says "invalid
// time" where the date would be.
func TestCorruptTimeOpens(t *testing.T) {
	c := emailConv(t, "<p>Thanks.</p>")
	c.ConversationParts.Parts[1].CreatedAt = 1 << 62
	d := newDriver(t, convOptions(c))
	d.size(100, 30)
	if s := d.screen(); !strings.Contains(s, "invalid time") || !strings.Contains(s, "Noted, thanks.") {
		t.Errorf("the corrupt time is not shown as invalid:\n%s", s)
	}
}
