package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// Blocks are cached by what each depends on (its item's content and the
// render settings): these count the blocks rendered, never the time.

// loads500 has conv500 and then, on each reload, the next of more loaded,
// every block rendered at 120x40; it counts from there.
func loads500(t *testing.T, first *api.Conversation, more ...*api.Conversation) *driver {
	t.Helper()
	convs := append([]*api.Conversation{first}, more...)
	o := conv500Options(first)
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := convs[0]
		if len(convs) > 1 {
			convs = convs[1:]
		}
		return c, nil
	}
	d := newDriver(t, o)
	d.size(120, 40)
	if !d.m.blk.complete() {
		t.Fatal("not every block was rendered")
	}
	d.made = 0
	return d
}

// withParts is c with n more comments after its last part.
func withParts(c *api.Conversation, n int) *api.Conversation {
	parts := c.ConversationParts.Parts
	last := parts[len(parts)-1]
	for i := range n {
		parts = append(parts, api.Part{Type: "conversation_part", ID: api.ID(fmt.Sprintf("appended-%d", i)),
			PartType: "comment", Body: fmt.Sprintf("<p>appended %d</p>", i), Author: last.Author,
			CreatedAt: last.CreatedAt + api.Time(60*(i+1))})
	}
	c.ConversationParts.Parts = parts
	c.ConversationParts.TotalCount += n
	return c
}

func TestALookupRendersOnlyTheEventsItRenames(t *testing.T) {
	c := conv500(t)
	const at = 250 // an event far from both ends
	p := &c.ConversationParts.Parts[at]
	*p = api.Part{Type: "conversation_part", ID: p.ID, PartType: "assignment", Author: p.Author,
		CreatedAt: p.CreatedAt, AssignedTo: &api.Ref{Type: "team", ID: "888000"}}
	d := loads500(t, c)
	if s := d.m.items[at+1].Event; !strings.Contains(s, "team 888000") {
		t.Fatalf("the event says %q, want the team's id", s)
	}
	d.send(lookupMsg{gen: d.m.namesGen, lookup: lookups[1]})
	d.elapse()
	if s := d.m.items[at+1].Event; !strings.Contains(s, "Billing & Refunds") {
		t.Fatalf("after the look-up the event says %q, want the team's name", s)
	}
	if d.made != 1 || !d.m.blk.complete() {
		t.Errorf("a look-up renaming one event rendered %d blocks, want 1", d.made)
	}
}

func TestAReloadThatChangesNothingRendersNothing(t *testing.T) {
	d := loads500(t, conv500(t), conv500(t))
	d.keys("r")
	if f := d.footer(); !strings.Contains(f, "reloaded") {
		t.Fatalf("footer after the reload = %q", f)
	}
	if d.made != 0 || !d.m.blk.complete() {
		t.Errorf("a reload that changed nothing rendered %d blocks, want 0", d.made)
	}
}

func TestAppendedPartsRenderAlone(t *testing.T) {
	d := loads500(t, conv500(t), withParts(conv500(t), 3))
	n := len(d.m.items)
	d.keys("r")
	if len(d.m.items) != n+3 || !strings.Contains(d.screen(), "appended 2") {
		t.Fatalf("after the reload %d items, want %d, with the last appended on screen:\n%s", len(d.m.items), n+3, d.screen())
	}
	if d.made != 3 || !d.m.blk.complete() {
		t.Errorf("appending 3 parts rendered %d blocks, want 3", d.made)
	}
}
