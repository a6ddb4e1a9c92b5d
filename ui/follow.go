package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
)

// Following: while on, the conversation is fetched again every interval,
// one fetch at a time, through Options.Load; what changed is shown like a
// reload's, but quietly: new parts render alone (the blocks' cache keeps
// the others), a divider marks the first that came, and the footer names
// what changed. An answer that changed nothing changes nothing.

// Following's interval when Options leave it out, and its least.
const (
	defaultInterval = 10 * time.Second
	minInterval     = 2 * time.Second
)

// The dividers' words.
const (
	newDivider  = "new"
	readDivider = "new since you last read"
)

// following is the state of following.
type following struct {
	on       bool
	gen      int // the timer's generation: a toggle drops the ticks before it
	polling  bool
	stop     context.CancelFunc
	fails    int       // failures in a row, for the back-off
	retryAt  time.Time // when the next poll after a failure is due
	firstNew string    // the id of the first part that came while open
	unseen   int       // parts that came below the view
	stopped  string    // why following stopped for good (a 401)
}

type (
	pollDueMsg struct{ gen int }
	polledMsg  struct {
		gen  int
		conv *api.Conversation
		err  error
	}
)

// pace is following's, as printed --follow has it (api.Pace): the
// option's interval, at least 2s, slower on a low budget and after
// failures.
func (m Model) pace() api.Pace {
	d := max(minInterval, m.opts.Interval)
	if m.opts.Interval == 0 {
		d = defaultInterval
	}
	return api.Pace{Interval: d, Budget: m.opts.Budget}
}

// interval is the time between polls that succeed.
func (m Model) interval() time.Duration { return m.pace().Next(0) }

// startFollowing turns following on and asks at once.
func (m *Model) startFollowing() tea.Cmd {
	m.fol.on, m.fol.stopped = true, ""
	m.fol.gen++
	return m.pollNow()
}

// stopFollowing turns following off, dropping the poll in flight.
func (m *Model) stopFollowing() {
	m.fol.on = false
	m.fol.gen++
	m.fol.polling = false
	if m.fol.stop != nil {
		m.fol.stop()
	}
}

// pollSoon schedules the next poll after d.
func (m Model) pollSoon(d time.Duration) tea.Cmd {
	gen := m.fol.gen
	return m.after(d, func(time.Time) tea.Msg { return pollDueMsg{gen: gen} })
}

// pollNow fetches the conversation again, unless a fetch is on its way.
func (m *Model) pollNow() tea.Cmd {
	if m.fol.polling || m.opts.Load == nil || m.phase != phaseReady {
		return nil
	}
	ctx, stop := context.WithCancel(context.Background())
	m.fol.polling, m.fol.stop = true, stop
	gen, load := m.fol.gen, m.opts.Load
	return func() tea.Msg {
		c, err := load(ctx, nil)
		return polledMsg{gen: gen, conv: c, err: err}
	}
}

func (m Model) pollDue(msg pollDueMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.fol.gen || !m.fol.on {
		return m, nil
	}
	return m, m.pollNow()
}

// polled takes a poll's answer: a failure keeps the screen and retries
// later, a refusal (api.Refused: 401, 403, 404) stops following, a
// conversation shows what changed.
func (m Model) polled(msg polledMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.fol.gen || !m.fol.on {
		return m, nil
	}
	m.fol.polling = false
	if msg.err != nil {
		if api.Refused(msg.err) {
			m.stopFollowing()
			m.fol.stopped = "following stopped: " + api.SanitizeLine(msg.err.Error())
			return m, m.setStatus(m.fol.stopped, reloadFailedFor)
		}
		m.fol.fails++
		wait := m.pace().Next(m.fol.fails)
		m.fol.retryAt = m.opts.Now().Add(wait)
		return m, m.pollSoon(wait)
	}
	m.fol.fails = 0
	next := m.pollSoon(m.interval())
	if msg.conv == nil || same(m.conv, msg.conv) {
		return m, next
	}
	return m, tea.Batch(next, m.showChanges(msg.conv))
}

// same reports whether b is a as it was: the same update time and parts.
func same(a, b *api.Conversation) bool {
	if a == nil || b == nil || a.UpdatedAt != b.UpdatedAt || len(a.ConversationParts.Parts) != len(b.ConversationParts.Parts) {
		return false
	}
	for i, p := range a.ConversationParts.Parts {
		if p.ID != b.ConversationParts.Parts[i].ID || p.UpdatedAt != b.ConversationParts.Parts[i].UpdatedAt {
			return false
		}
	}
	return true
}

// showChanges shows c in place of the conversation shown: new parts below a
// divider, the header and panel anew, and the footer naming what changed.
func (m *Model) showChanges(c *api.Conversation) tea.Cmd {
	old := m.conv
	had := map[api.ID]bool{}
	for _, p := range old.ConversationParts.Parts {
		had[p.ID] = true
	}
	var fresh []api.ID
	for _, p := range c.ConversationParts.Parts {
		if !had[p.ID] {
			fresh = append(fresh, p.ID)
		}
	}
	gone := len(old.ConversationParts.Parts) + len(fresh) - len(c.ConversationParts.Parts)
	if len(fresh) > 0 && m.fol.firstNew == "" {
		m.fol.firstNew = string(fresh[0])
		m.setDividers(c)
	}
	atEnd := m.tr.follow
	cmd := m.setConversation(c)
	var cmds []tea.Cmd
	cmds = append(cmds, cmd)
	if n := len(fresh); n > 0 {
		if !atEnd {
			m.fol.unseen += n
		}
		if m.opts.Bell {
			cmds = append(cmds, tea.Raw("\a"))
		}
	}
	var said []string
	if n := len(fresh); n > 0 && atEnd {
		said = append(said, count(n, "new part"))
	}
	said = append(said, changed(old, c)...)
	if gone > 0 {
		said = append(said, count(gone, "part")+" gone (redacted or deleted)")
	}
	if len(said) > 0 {
		cmds = append(cmds, m.setStatus(strings.Join(said, " · "), reloadFailedFor))
	}
	return tea.Batch(cmds...)
}

// changed names what changed between a and b that the header and the
// panel show: the state, the assignees, the priority, the SLA.
func changed(a, b *api.Conversation) []string {
	var out []string
	if a.State != b.State {
		out = append(out, "now "+api.SanitizeLine(b.State))
	}
	if a.AdminAssigneeID != b.AdminAssigneeID || a.TeamAssigneeID != b.TeamAssigneeID {
		out = append(out, "reassigned")
	}
	if a.Priority != b.Priority {
		out = append(out, "priority "+api.SanitizeLine(strings.ReplaceAll(b.Priority, "_", " ")))
	}
	if b.SLAApplied != nil && (a.SLAApplied == nil || *a.SLAApplied != *b.SLAApplied) {
		out = append(out, "SLA "+api.SanitizeLine(b.SLAApplied.Status))
	}
	return out
}

// setDividers gives the transcript its dividers: the read marker's, below
// the part last shown before, and following's, above the first part that
// came while open.
func (m *Model) setDividers(c *api.Conversation) {
	d := map[string]string{}
	if id := readMarkNext(c, m.opts.ReadMark); id != "" {
		d[id] = readDivider
	}
	if m.fol.firstNew != "" {
		d[m.fol.firstNew] = newDivider
	}
	m.tr.SetDividers(d)
}

// readMarkNext is the part after mark in c, "" when there is none (no
// mark, the mark is the last part, or not among them).
func readMarkNext(c *api.Conversation, mark string) string {
	if mark == "" || c == nil {
		return ""
	}
	ids := []api.ID{c.Source.ID}
	for _, p := range c.ConversationParts.Parts {
		ids = append(ids, p.ID)
	}
	i := slices.Index(ids, api.ID(mark))
	if i < 0 || i+1 >= len(ids) {
		return ""
	}
	return string(ids[i+1])
}

// toggleFollow is f: following on (with a poll at once) or off.
func (m Model) toggleFollow() (tea.Model, tea.Cmd) {
	if m.opts.Load == nil || m.opts.NoReload != "" {
		return m, m.setStatus("nothing to follow: "+strings.TrimPrefix(m.opts.NoReload, "nothing to reload: "), doneFor)
	}
	if m.fol.on {
		m.stopFollowing()
		return m, m.setStatus("stopped following", doneFor)
	}
	return m, tea.Batch(m.startFollowing(), m.setStatus("following every "+short(m.interval()), doneFor))
}

// followStatus is the footer's word on following: "following · 10s",
// "offline · retrying in 20s", "2 new · G goes there"; "" when off.
func (m Model) followStatus() string {
	var parts []string
	if m.fol.unseen > 0 {
		parts = append(parts, fmt.Sprintf("%d new · %s goes there", m.fol.unseen, keymap.Hint(m.opts.Keys.Bottom)))
	}
	switch {
	case m.fol.on && m.fol.fails > 0:
		parts = append(parts, "offline · retrying in "+short(max(0, m.fol.retryAt.Sub(m.opts.Now())).Round(time.Second)))
	case m.fol.on:
		parts = append(parts, "following · "+short(m.interval()))
	}
	return strings.Join(parts, " · ")
}

// short is a duration as "10s" or "2m".
func short(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%ds", int(d.Round(time.Second)/time.Second))
}

// noteSeen keeps the newest item that has been on screen, for the read
// marker: the one at the bottom of the transcript's view, when it is newer
// than any shown before. Reaching the end also clears "2 new".
func (m *Model) noteSeen() {
	if m.phase != phaseReady || !m.tr.loaded || len(m.tr.starts) == 0 || m.panelOnly {
		return
	}
	if m.tr.vp.AtBottom() {
		m.fol.unseen = 0
	}
	bottom := m.tr.vp.YOffset() + max(m.tr.vp.Height(), 1) - 1
	i := lineAt(m.tr.starts, bottom)
	if i >= len(m.vis) || m.vis[i] >= len(m.items) {
		return
	}
	it := m.items[m.vis[i]]
	if m.seenID == "" || it.Index > m.seen {
		m.seen, m.seenID = it.Index, it.ID
	}
}
