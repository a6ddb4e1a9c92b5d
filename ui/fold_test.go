package ui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// Folding in the look-ups' answers must cost the same however many people
// a conversation names: these count the work (blocks rendered, rounds,
// bytes allocated in Update), never the time.

// crowd is a conversation that lists contacts contacts and has parts
// parts, part i written by contact i (modulo contacts), without a name when
// unnamed, so that only a look-up names its author.
func crowd(contacts, parts int, unnamed bool) *api.Conversation {
	c := &api.Conversation{Type: "conversation", ID: "4242", State: "open", Open: true, CreatedAt: 1700000000,
		AdminAssigneeID: "999000"}
	for i := range contacts {
		c.Contacts.Contacts = append(c.Contacts.Contacts, api.Ref{Type: "contact", ID: contactID(i)})
	}
	c.Source = api.Source{Type: "conversation", ID: "s1", Body: "<p>opening</p>",
		Author: api.Author{Type: "user", ID: "u-opener", Name: "Maya Chen"}}
	for i := range parts {
		author := api.Author{Type: "user", ID: contactID(i % contacts)}
		if !unnamed {
			author.Name = fmt.Sprintf("Named %d", i%contacts)
		}
		c.ConversationParts.Parts = append(c.ConversationParts.Parts, api.Part{Type: "conversation_part",
			ID: api.ID(fmt.Sprint(i + 1)), PartType: "comment", Body: "<p>hello</p>",
			CreatedAt: api.Time(1700000001 + i), Author: author})
	}
	c.ConversationParts.TotalCount = parts
	return c
}

func contactID(i int) api.ID { return api.ID(fmt.Sprintf("c%04d", i)) }

// contactAnswer is contact i's look-up: "Person i", person<i>@example.com.
func contactAnswer(i int) api.Lookup {
	id := contactID(i)
	return api.Lookup{Kind: api.LookupContact, ContactID: id, Contact: &api.Contact{Type: "contact", ID: id,
		Name: fmt.Sprintf("Person %04d", i), Email: fmt.Sprintf("person%04d@example.com", i)}}
}

// crowdDriver has conv loaded at 120x40 with every block rendered, and
// counts from there.
func crowdDriver(t testing.TB, conv *api.Conversation) *driver {
	t.Helper()
	d := newDriver(t, convOptions(conv))
	d.size(120, 40)
	if !d.m.blk.complete() {
		t.Fatal("the blocks were not all rendered")
	}
	d.made, d.rounds = 0, 0
	return d
}

// TestFoldingContactsIsLinear answers 2,000 contacts, each the author of a
// part without a name: each block is rendered again once, when its author's
// name comes, and the rounds that make the items again are bounded by the
// pauses between them (the driver's timers), not by the answers.
func TestFoldingContactsIsLinear(t *testing.T) {
	const n, pauses = 2000, 20
	tests := []struct {
		name      string
		burst     bool // Update takes every answer before any round ends
		every     int  // the pause between rounds is over after this many answers
		maxRounds int
	}{
		{"one at a time", false, n / pauses, pauses + 1},
		{"in a burst", true, n, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := crowdDriver(t, crowd(n, n, true))
			var cmds []tea.Cmd
			for i := range n {
				msg := lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(i)}
				if tt.burst {
					cmds = append(cmds, d.step(msg))
				} else {
					d.send(msg)
				}
				if (i+1)%tt.every == 0 {
					for _, cmd := range cmds {
						d.run(cmd)
					}
					cmds = nil
					d.elapse()
				}
				if d.made > n {
					t.Fatalf("after %d answers %d blocks were rendered again, want at most %d: one per part renamed", i+1, d.made, n)
				}
			}
			if d.made != n { // part i is contact i's
				t.Errorf("%d blocks were rendered again for %d answers, want %d: one per part renamed", d.made, n, n)
			}
			if d.rounds > tt.maxRounds {
				t.Errorf("%d rounds for %d answers, want at most %d", d.rounds, n, tt.maxRounds)
			}
			if s := d.screen(); !strings.Contains(s, fmt.Sprintf("Person %04d", n-1)) || !strings.Contains(s, "Person 0000") {
				t.Errorf("the screen does not name the last author and the first contact:\n%s", s)
			}
			if !d.m.blk.complete() || d.m.blk.rendering() {
				t.Error("the blocks were left half rendered")
			}
		})
	}
}

// TestUnshownContactsCostNothing answers 2,000 contacts of which only the
// first 25 show (in the details; the parts name their authors): the others
// start no round and render nothing, and taking one allocates next to
// nothing beyond what any message costs, though there are 2,000 parts.
func TestUnshownContactsCostNothing(t *testing.T) {
	const n = 2000
	d := crowdDriver(t, crowd(n, n, false))
	for i := range 25 {
		d.send(lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(i)})
		d.elapse()
	}
	listed := d.rounds
	// Any message costs a copy of the model, as Bubble Tea passes it.
	floor := allocatedBy(func() { d.send(struct{}{}) })
	allocated := allocatedBy(func() {
		for i := 25; i < n; i++ {
			d.send(lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(i)})
		}
	})
	if per := allocated / (n - 25); per > floor+2<<10 {
		t.Errorf("an answer for a contact nothing shows allocated %d bytes on average, want at most %d: 2 KiB more than any message", per, floor+2<<10)
	}
	if d.elapse(); listed != 25 || d.rounds != 25 || d.made != 0 {
		t.Errorf("%d rounds for the 25 contacts listed, %d for all, %d blocks rendered; want 25, 25 and 0", listed, d.rounds, d.made)
	}
	panel := strings.Join(d.m.det.text.lines, "\n")
	for _, want := range []string{"person0000@example.com", "person0024@example.com", "+1,975 more contacts"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the panel lacks %q", want)
		}
	}
}

// allocatedBy is how many bytes f allocates on the heap: a count of its
// work that does not depend on the machine's speed.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkFoldContacts folds 2,000 contacts' answers, each naming the
// author of a part, into a conversation shown at 120x40: the rounds and the
// blocks rendered again, run as Bubble Tea would, the pause between rounds
// over every 100 answers.
func BenchmarkFoldContacts(b *testing.B) {
	const n = 2000
	conv := crowd(n, n, true)
	answers := make([]lookupMsg, n)
	for i := range answers {
		answers[i] = lookupMsg{lookup: contactAnswer(i)}
	}
	b.ReportAllocs()
	var made, rounds int
	for b.Loop() {
		b.StopTimer()
		d := crowdDriver(b, conv)
		b.StartTimer()
		for i, msg := range answers {
			msg.gen = d.m.namesGen
			d.send(msg)
			if (i+1)%100 == 0 {
				d.elapse()
			}
		}
		made, rounds = d.made, d.rounds
	}
	b.ReportMetric(float64(made), "blocks/op")
	b.ReportMetric(float64(rounds), "rounds/op")
}

// TestRoundsReadASnapshot runs a round while Update folds in more answers,
// as Bubble Tea does: under -race, a round reading the names Update writes
// fails.
func TestRoundsReadASnapshot(t *testing.T) {
	const n = 200
	d := crowdDriver(t, crowd(n, n, true))
	d.m.names.Add(contactAnswer(0))
	round := d.m.nameCmd()
	done := make(chan tea.Msg)
	go func() { done <- round() }()
	for i := 1; i < n; i++ {
		d.step(lookupMsg{gen: d.m.namesGen, lookup: contactAnswer(i)})
	}
	msg, ok := (<-done).(namedMsg)
	if !ok || len(msg.changed) != 1 || msg.items[msg.changed[0]].Author != "Person 0000" {
		t.Fatalf("the round renamed %v, want the one part of the one contact folded in before it started", msg.changed)
	}
}
