package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// Loading runs Options.Load in a goroutine of its own, which reports on a
// channel: a waitMsg before each wait between attempts, then the loadedMsg.
// A listening Cmd hands Bubble Tea one message at a time and is issued again
// after each wait. Every load has a generation: messages of a load that a
// retry or reload superseded, or that quitting cancelled, are dropped.

// loadBuffer is how many waits may queue before more are dropped.
const loadBuffer = 4

// How long the footer says how a reload went.
const (
	reloadedFor     = 3 * time.Second
	reloadFailedFor = 6 * time.Second
)

// loadFunc is Options.Load's type.
type loadFunc = func(ctx context.Context, wait func(api.Wait)) (*api.Conversation, error)

// loadedMsg carries Load's result.
type loadedMsg struct {
	gen  int
	conv *api.Conversation
	err  error
}

// preparedMsg says Options.Prepare has succeeded, and Load has begun.
type preparedMsg struct{ gen int }

// waitMsg says Load is waiting before trying again.
type waitMsg struct {
	gen int
	api.Wait
}

// statusClearMsg clears the footer's status, if it is still status seq.
type statusClearMsg struct{ seq int }

// rateWait is a wait between attempts: until when, the attempts made and
// the status that asked for it.
type rateWait struct {
	until   time.Time
	attempt int
	status  int
}

// startLoad begins a new load, cancelling any other: its context is the
// one quitting cancels, its generation the only one whose messages count.
// The Cmd it returns starts Load and waits for its first message.
func (m *Model) startLoad() tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.loadGen++
	m.wait = rateWait{}
	gen, load := m.loadGen, m.opts.Load
	prepare := m.opts.Prepare
	if m.prepared {
		prepare = nil
	}
	ch := make(chan tea.Msg, loadBuffer)
	listen := listenCmd(ctx, ch)
	m.listen = listen
	return func() tea.Msg {
		go runLoad(ctx, gen, prepare, load, ch)
		return listen()
	}
}

// runLoad calls prepare, if not nil, then load, and sends on ch that
// prepare succeeded, load's waits and the result. A wait is dropped rather
// than block Load when ch is full; the other messages wait for the
// listener unless the load was cancelled, when nobody wants them.
func runLoad(ctx context.Context, gen int, prepare func(context.Context) error, load loadFunc, ch chan<- tea.Msg) {
	send := func(msg tea.Msg) bool {
		select {
		case ch <- msg:
			return true
		case <-ctx.Done():
			return false
		}
	}
	wait := func(w api.Wait) {
		select {
		case ch <- waitMsg{gen: gen, Wait: w}:
		default:
		}
	}
	if prepare != nil {
		if err := prepare(ctx); err != nil {
			send(loadedMsg{gen: gen, err: err})
			return
		}
		if !send(preparedMsg{gen: gen}) {
			return
		}
	}
	msg := loadedMsg{gen: gen, err: errors.New("nothing to load")}
	if load != nil {
		msg.conv, msg.err = load(ctx, wait)
		if msg.err == nil && msg.conv == nil {
			msg.err = errors.New("no conversation")
		}
	}
	send(msg)
}

// prepare takes the news that the current load's Prepare succeeded: the
// loading screen moves on to what Load does, and loads from now on skip it.
func (m Model) prepare(msg preparedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.loadGen {
		return m, nil
	}
	m.prepared = true
	if m.phase == phaseLoading {
		m.load.SetText(m.loadingLine())
	}
	return m, m.listen
}

// loadingLine is what the loading screen says the load is doing: getting
// ready (Options.Preparing), else "Fetching conversation 123 from …".
func (m Model) loadingLine() string {
	if m.opts.Prepare != nil && !m.prepared && m.opts.Preparing != "" {
		return m.opts.Preparing
	}
	return m.opts.Verb + " " + m.opts.Label + "…"
}

// listenCmd is the next message of the load on ch, or nil once its
// context is cancelled.
func listenCmd(ctx context.Context, ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-ch:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

// waiting takes a wait of the current load: the loading screen counts it
// down, a reload says so in the footer. Either way the listening goes on.
func (m Model) waiting(msg waitMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.loadGen {
		return m, nil
	}
	switch {
	case m.phase == phaseLoading:
		m.wait = rateWait{until: m.opts.Now().Add(msg.Delay), attempt: msg.Attempt, status: msg.Status}
		m.countDown()
	case m.reloading:
		m.setStatus(fmt.Sprintf("reloading… %s, retrying (attempt %d)", waitReason(msg.Status), msg.Attempt+1), 0)
	}
	return m, m.listen
}

// countDown brings the loading screen's wait line up to the clock, and
// drops it once the wait is over and the next attempt is on its way.
func (m *Model) countDown() {
	if m.wait.until.IsZero() {
		return
	}
	left := m.wait.until.Sub(m.opts.Now())
	if left <= 0 || m.phase != phaseLoading {
		m.wait = rateWait{}
		m.load.SetWait("")
		return
	}
	secs := int(math.Ceil(left.Seconds()))
	why := waitReason(m.wait.status)
	why = strings.ToUpper(why[:1]) + why[1:] // the reasons start in ASCII
	m.load.SetWait(fmt.Sprintf("%s · retrying in %ds (attempt %d)", why, secs, m.wait.attempt+1))
}

// waitReason says why a load waits (api.Wait.Reason).
func waitReason(status int) string {
	return api.Wait{Status: status}.Reason()
}

// loaded takes the current load's result: the first conversation (or the
// failure screen), a retry's, or a reload's. Each conversation starts its
// look-ups; a reload's ask afresh, past the cache.
func (m Model) loaded(msg loadedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.loadGen {
		return m, nil
	}
	m.cancel() // done with: release the context
	switch {
	case m.phase == phaseLoading:
		m.wait = rateWait{}
		m.load.SetWait("")
		if msg.err != nil {
			m.phase, m.err = phaseFailed, msg.err
			return m, nil
		}
		m.phase, m.err = phaseReady, nil
		m.load.SetText("Rendering " + m.opts.Label + "…")
		m.tr.openAt = readMarkNext(msg.conv, m.opts.ReadMark)
		m.setDividers(msg.conv)
		cmd := m.setConversation(msg.conv)
		var follow tea.Cmd
		if m.opts.Follow && !m.fol.on {
			m.fol.on = true
			follow = m.pollSoon(m.interval())
		}
		return m, tea.Batch(cmd, m.startLookups(msg.conv, msg.gen, false), m.startThread(msg.conv), follow)
	case m.phase == phaseReady && m.reloading:
		m.reloading = false
		if msg.err != nil {
			hint := m.retryHint(" (", ")")
			if !api.Retryable(msg.err) {
				m.final, hint = msg.err, ""
			}
			return m, m.setStatus("reload failed"+hint+": "+api.SanitizeLine(msg.err.Error()), reloadFailedFor)
		}
		cmd := m.setConversation(msg.conv)
		// The names shown stay until fresh ones replace them.
		look := m.startLookups(msg.conv, msg.gen, true)
		return m, tea.Batch(cmd, look, m.setStatus("reloaded", reloadedFor))
	}
	return m, nil
}

// setConversation shows c: its header, details and items, rendered anew.
func (m *Model) setConversation(c *api.Conversation) tea.Cmd {
	m.conv = c
	m.affected, m.renaming = render.AffectedBy(c), nil
	m.notice = render.Notice(c)
	m.header.SetSummary(render.Summarize(c))
	// The panel wraps its values itself, at whatever width it has.
	m.det.SetSections(m.details())
	m.det.SetRelated(m.relatedSection())
	return m.setItems(render.Items(c, &m.names))
}

// setItems shows items in place of those shown: the blocks of those whose
// content is new are rendered, the others come from the cache. Blocks
// already on screen stand in, by part id, until the new ones come, and the
// transcript keeps the part at the top where it is.
func (m *Model) setItems(items []render.Item) tea.Cmd {
	m.keepExpanded(items)
	m.putItems(items, true)
	m.applyFilter()
	m.layout()
	var plain tea.Cmd
	if m.tr.Searching() {
		plain = m.plainCmd() // the search goes on in the new parts
	}
	if m.width == 0 {
		return plain // rendering waits for a size
	}
	return tea.Batch(m.requestRender(false), plain)
}

// carryBlocks is the blocks of the old items laid out for the new ones by
// part id, "" where a new item has none; nil when blocks are not old's.
func carryBlocks(old, items []render.Item, blocks []string) []string {
	if len(blocks) == 0 || len(blocks) != len(old) {
		return nil
	}
	byID := make(map[string]string, len(old))
	for i, it := range old {
		if it.ID != "" {
			byID[it.ID] = blocks[i]
		}
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = byID[it.ID]
	}
	return out
}

// retry is the reload key on the failure screen: a fresh load, with the
// spinner and the first frame's words again. A failure that asking again
// cannot mend (a refused token, no such conversation) loads nothing: the
// hint says that a retry will not help instead.
func (m Model) retry() (tea.Model, tea.Cmd) {
	if !api.Retryable(m.err) {
		m.retryRefused = true
		return m, nil
	}
	m.phase, m.reloading = phaseLoading, false
	m.load.SetText(m.loadingLine())
	m.load.SetWait("")
	m.setStatus("", 0) // a render failure may have come during a reload
	cmd := m.startLoad()
	return m, tea.Batch(cmd, m.load.Tick)
}

// reload is the reload key on a shown conversation: it loads again behind
// it, which stays on screen, scrollable, until the new one replaces it. A
// reload already in flight makes another one pointless, and so does a
// reload's failure that asking again cannot mend: the footer says so.
func (m Model) reload() (tea.Model, tea.Cmd) {
	if m.reloading {
		return m, nil
	}
	if m.opts.NoReload != "" {
		return m, m.setStatus(m.opts.NoReload, reloadFailedFor)
	}
	if m.final != nil {
		return m, m.setStatus("reloading will not help: "+api.SanitizeLine(m.final.Error()), reloadFailedFor)
	}
	m.reloading = true
	m.setStatus("reloading…", 0)
	return m, m.startLoad()
}

// setStatus shows s in the footer, for d when d > 0 (until replaced otherwise).
func (m *Model) setStatus(s string, d time.Duration) tea.Cmd {
	m.statusSeq++
	m.foot.SetStatus(s)
	if d <= 0 {
		return nil
	}
	seq := m.statusSeq
	return m.after(d, func(time.Time) tea.Msg { return statusClearMsg{seq} })
}

// retryHint is the reload key's "r retry" between before and after, or ""
// when no key is bound to reload.
func (m Model) retryHint(before, after string) string {
	r := keymap.Hint(m.opts.Keys.Reload)
	if r == "" {
		return ""
	}
	return before + r + " retry" + after
}
