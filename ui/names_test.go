package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// unnamedDemo is the demo assigned to an admin and a team that no part
// names, so only a look-up can.
func unnamedDemo() *api.Conversation {
	c := api.Demo()
	c.AdminAssigneeID, c.TeamAssigneeID = "999000", "888000"
	return c
}

// lookups are the answers of every look-up for unnamedDemo, clean as
// api.Directory delivers them.
var lookups = []api.Lookup{
	{Kind: api.LookupAdmins, Admins: []api.Admin{{ID: "999000", Name: "Sam Lee", AwayModeEnabled: true}}},
	{Kind: api.LookupTeams, Teams: []api.Team{{ID: "888000", Name: "Billing & Refunds"}}},
	{Kind: api.LookupMe, AppID: "xyz789", App: &api.App{IDCode: "xyz789", Region: "EU"}},
}

const lookedUpLink = "https://app.eu.intercom.com/a/inbox/xyz789/inbox/conversation/215472881029384"

// namesOptions load unnamedDemo, with a Resolve that answers with
// answers, counting its calls and the refreshes among them.
func namesOptions(answers []api.Lookup, calls, refreshes *atomic.Int32) Options {
	o := demoOptions()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return unnamedDemo(), nil }
	o.Resolve = func(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup)) {
		calls.Add(1)
		if refresh {
			refreshes.Add(1)
		}
		for _, l := range answers {
			report(l)
		}
	}
	return o
}

func TestPanelFillsInAfterTheFirstFrame(t *testing.T) {
	var calls, refreshes atomic.Int32
	d := newDriver(t, namesOptions(nil, &calls, &refreshes)) // Resolve answers nothing: the test sends the answers
	d.size(120, 40)
	screen := d.screen()
	for _, want := range []string{"admin 999000", "team 888000"} {
		if !strings.Contains(screen, want) {
			t.Errorf("before the look-ups the panel lacks %q:\n%s", want, screen)
		}
	}
	if calls.Load() != 1 || refreshes.Load() != 0 {
		t.Errorf("Resolve called %d times (%d refreshes), want once, not refreshing", calls.Load(), refreshes.Load())
	}
	for _, l := range lookups {
		d.send(lookupMsg{gen: d.m.namesGen, lookup: l})
	}
	d.elapse() // the pause between rounds of names
	screen = d.screen()
	for _, want := range []string{"Sam Lee (away)", "Billing & Refunds"} {
		if !strings.Contains(screen, want) {
			t.Errorf("after the look-ups the panel lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "admin 999000") || strings.Contains(d.m.View().Content, "\x1b[2J") {
		t.Errorf("the id stayed, or the name's escape came through:\n%s", screen)
	}
	checkFrame(t, d.m.View().Content, 120, 40)
	if got, _ := clipboard(d.press("y")); got != lookedUpLink {
		t.Errorf("y copied %q, want the link GET /me made: %q", got, lookedUpLink)
	}
}

func TestStaleLookupsAreDropped(t *testing.T) {
	var calls, refreshes atomic.Int32
	d := newDriver(t, namesOptions(nil, &calls, &refreshes))
	d.size(120, 40)
	old := d.m.namesGen
	d.keys("r") // reload: a new conversation, and look-ups for it
	if d.m.namesGen == old {
		t.Fatal("the reload's conversation kept the old look-ups' generation")
	}
	if calls.Load() != 2 || refreshes.Load() != 1 {
		t.Errorf("Resolve called %d times (%d refreshes), want twice, refreshing on the reload", calls.Load(), refreshes.Load())
	}
	if cmd := d.step(lookupMsg{gen: old, lookup: lookups[0], next: func() tea.Msg { return nil }}); cmd != nil {
		t.Error("a stale look-up went on listening")
	}
	if screen := d.screen(); strings.Contains(screen, "Sam Lee") || !strings.Contains(screen, "admin 999000") {
		t.Errorf("a stale look-up was taken:\n%s", screen)
	}
	d.send(lookupMsg{gen: d.m.namesGen, lookup: lookups[0]})
	if screen := d.screen(); !strings.Contains(screen, "Sam Lee (away)") {
		t.Errorf("the current look-up was not taken:\n%s", screen)
	}
}

func TestResolveReportsFillThePanel(t *testing.T) {
	var calls, refreshes atomic.Int32
	d := newDriver(t, namesOptions(lookups, &calls, &refreshes))
	d.size(120, 40)
	if screen := d.screen(); !strings.Contains(screen, "Sam Lee (away)") || !strings.Contains(screen, "Billing & Refunds") {
		t.Errorf("the look-ups' answers did not reach the panel:\n%s", screen)
	}
	if d.m.looking() {
		t.Error("the look-ups ended but the model still waits for them")
	}
}

func TestFailedLookupsLeaveAHint(t *testing.T) {
	var calls, refreshes atomic.Int32
	refused := &api.Error{Status: 403, Code: "token_unauthorized"}
	answers := []api.Lookup{
		{Kind: api.LookupAdmins, Err: refused},
		{Kind: api.LookupTeams, Teams: lookups[1].Teams},
		{Kind: api.LookupMe, Err: refused},
	}
	d := newDriver(t, namesOptions(answers, &calls, &refreshes))
	d.size(120, 40)
	screen := d.screen()
	for _, want := range []string{"admin 999000", "unavailable (403)", "Billing & Refunds"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the panel lacks %q:\n%s", want, screen)
		}
	}
	if d.m.Err() != nil || strings.Contains(screen, "✗") {
		t.Errorf("a failed look-up made an error: %v\n%s", d.m.Err(), screen)
	}
	if _, ok := clipboard(d.press("y")); ok {
		t.Error("y copied without a web link")
	}
	if f := d.footer(); !strings.Contains(f, "workspace look-up failed (403)") {
		t.Errorf("footer after y = %q, want why there is no link", f)
	}
}

func TestNoResolveNoLookups(t *testing.T) {
	d := ready(t, 120, 40)
	if d.m.looking() {
		t.Error("look-ups started without a Resolve")
	}
	if screen := d.screen(); strings.Contains(screen, "unavailable") {
		t.Errorf("a hint without look-ups:\n%s", screen)
	}
}

// An event that names a team by id says its name once the look-ups find
// it, and the view stays where it was.
func TestEventsAreNamedAfterTheLookups(t *testing.T) {
	var calls, refreshes atomic.Int32
	o := namesOptions(nil, &calls, &refreshes)
	conv := unnamedDemo()
	parts := conv.ConversationParts.Parts
	last := parts[len(parts)-1]
	conv.ConversationParts.Parts = append(parts, api.Part{ID: "assign-1", PartType: "assignment",
		Author: last.Author, CreatedAt: last.CreatedAt + 60, AssignedTo: &api.Ref{Type: "team", ID: "888000"}})
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) { return conv, nil }
	d := newDriver(t, o)
	d.size(120, 40)
	top := d.lines()[2]
	if s := d.screen(); !strings.Contains(s, "assigned the conversation to team 888000") {
		t.Fatalf("before the look-ups the event lacks the team's id:\n%s", s)
	}
	for _, l := range lookups {
		d.send(lookupMsg{gen: d.m.namesGen, lookup: l})
	}
	d.elapse() // the pause between rounds of names
	s := d.screen()
	if !strings.Contains(s, "assigned the conversation to Billing & Refunds") || strings.Contains(s, "team 888000") {
		t.Errorf("after the look-ups the event does not name the team:\n%s", s)
	}
	if got := d.lines()[2]; got != top {
		t.Errorf("top row after the look-ups = %q, want it unchanged: %q", got, top)
	}
	checkFrame(t, d.m.View().Content, 120, 40)
}
