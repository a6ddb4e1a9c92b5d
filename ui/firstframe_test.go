package ui

import (
	"strings"
	"sync/atomic"
	"testing"
)

// TestRestWaitsForTheFirstFrame: the first render is the screen's blocks
// only; the rest are rendered once the frame showing them is written, so
// that they do not compete with it.
func TestRestWaitsForTheFirstFrame(t *testing.T) {
	c := conv500(t)
	d := newDriver(t, conv500Options(c))
	d.holdFrames = true
	d.size(120, 40)
	total := 1 + len(c.ConversationParts.Parts)
	first := d.made
	if first == 0 || first >= total/4 {
		t.Fatalf("the first render made %d of %d blocks, want the screen's few", first, total)
	}
	if s := d.screen(); !strings.Contains(s, "501/501") {
		t.Fatalf("the first screen is not up after the first render:\n%s", s)
	}
	if d.made != first {
		t.Fatalf("%d blocks were rendered before the first frame was written, want none", d.made-first)
	}
	d.elapse() // the frame is written
	if d.made != total {
		t.Errorf("after the first frame %d of %d blocks are rendered, want every one", d.made, total)
	}
}

// TestAnswersWaitForTheFirstFrame: look-up answers that come before the
// first frame are folded in one round after it, not one round each
// before it.
func TestAnswersWaitForTheFirstFrame(t *testing.T) {
	var calls, refreshes atomic.Int32
	d := newDriver(t, namesOptions(lookups, &calls, &refreshes))
	d.holdFrames = true
	d.size(120, 40)
	if d.rounds != 0 {
		t.Errorf("%d rounds for names ran before the first frame, want none", d.rounds)
	}
	if s := d.screen(); !strings.Contains(s, "admin 999000") {
		t.Errorf("the first frame waited for the look-ups:\n%s", s)
	}
	d.elapse()
	if d.rounds != 1 {
		t.Errorf("%d rounds for names after the first frame, want one for every answer", d.rounds)
	}
	if s := d.screen(); !strings.Contains(s, "Sam Lee (away)") || !strings.Contains(s, "Billing & Refunds") {
		t.Errorf("the answers did not reach the panel after the first frame:\n%s", s)
	}
}
