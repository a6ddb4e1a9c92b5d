package ui

import (
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// The blocks component alone: what it asks to render, what it shows, and
// what it keeps, given items and a key.

// blocksItems is the demo's items.
func blocksItems(t *testing.T) []render.Item {
	t.Helper()
	return render.Items(api.Demo(), nil)
}

// runBlocks renders through b until every block shows, counting the blocks rendered.
func runBlocks(t *testing.T, b *blocks, key renderKey, j job) (made int) {
	t.Helper()
	switch b.ask(key, len(b.text) > 0) {
	case askNothing, askShown:
		return 0
	}
	cmd := b.renderCmd(key, j, len(j.items)-1, true)
	for cmd != nil {
		msg := cmd().(renderedMsg)
		made += msg.made
		cmd = nil
		switch b.take(msg, "…") {
		case tookFailed:
			t.Fatal(msg.err)
		case tookPartial:
			cmd = b.restCmd(msg, j)
		}
	}
	return made
}

func TestBlocksRenderOnlyWhatChanged(t *testing.T) {
	items := blocksItems(t)
	key := renderKey{looks: looks{width: 80, dark: true}, rev: 1}
	j := job{items: items, st: newStyles(true, fullColour).Render, ck: clock{loc: time.UTC}, budget: 20}
	b := newBlocks()
	b.setItems(nil, items, true)
	if made := runBlocks(t, &b, key, j); made != len(items) || !b.settled(key) {
		t.Fatalf("the first render made %d blocks of %d, settled %v", made, len(items), b.settled(key))
	}

	renamed := append([]render.Item(nil), items...)
	renamed[3].Author = "Someone Else"
	b.setItems(items, renamed, false)
	key.rev++
	j.items = renamed
	if made := runBlocks(t, &b, key, j); made != 1 {
		t.Errorf("renaming one item rendered %d blocks, want 1", made)
	}

	b.setItems(renamed, renamed, true)
	key.rev++
	if made := runBlocks(t, &b, key, j); made != 0 {
		t.Errorf("the same items again rendered %d blocks, want 0", made)
	}
	if b.ask(key, true) != askNothing {
		t.Error("asking again for what shows asked for work")
	}

	stale := renderedMsg{gen: b.gen - 1, key: renderKey{looks: looks{width: 10}}, blocks: make([]string, len(renamed))}
	if got := b.take(stale, "…"); got != tookNothing || b.shown != key {
		t.Errorf("a stale result was taken (%v), blocks of %+v", got, b.shown)
	}
}
