package ui

import (
	"testing"
)

// LastShown is the newest part that has been on screen: the last one,
// since the screen opens at the end, however far up the reader goes.
func TestLastShown(t *testing.T) {
	d := ready(t, 120, 40)
	last := d.m.items[len(d.m.items)-1].ID
	if c, p := d.m.LastShown(); c != "215472881029384" || p != last {
		t.Errorf("LastShown() = %q, %q; want the conversation and its last part %q", c, p, last)
	}
	d.keys("g")
	if _, p := d.m.LastShown(); p != last {
		t.Errorf("after g, LastShown() part = %q, want still %q", p, last)
	}
}
