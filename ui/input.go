package ui

import (
	"math"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/keymap"
)

// resize lays the screen out for a new terminal size and re-renders the
// blocks when their width changed. The first size renders at once; later
// ones wait for the resizing to settle.
func (m Model) resize(w, h int) (tea.Model, tea.Cmd) {
	first := m.width == 0
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
	if m.phase != phaseReady {
		return m, nil
	}
	return m, m.requestRender(!first)
}

// key handles a key press: quitting always works (in the search prompt
// only by a key that types nothing, ctrl+c); while loading nothing else
// does, after a failure only retrying; the help overlay takes keys while it
// shows, the search prompt while it is open; then come the screen's own
// keys, and the rest go to the focused pane.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.prompt.IsOpen() && m.phase == phaseReady {
		if key.Matches(msg, m.opts.Keys.Quit) && msg.Text == "" {
			return m.quit()
		}
		return m.promptKey(msg)
	}
	if plain, ok := m.splitAlt(msg); ok {
		next, closeCmd := m.key(tea.KeyPressMsg{Code: tea.KeyEscape})
		next, cmd := next.(Model).key(plain)
		return next, tea.Batch(closeCmd, cmd)
	}
	if m.related.IsOpen() && m.phase == phaseReady { // after splitAlt: esc then q closes, then quits
		if key.Matches(msg, m.opts.Keys.Quit) && msg.Text == "" {
			return m.quit()
		}
		return m.relatedKey(msg)
	}
	k := m.opts.Keys
	if key.Matches(msg, k.Quit) {
		return m.quit()
	}
	if m.phase != phaseReady {
		switch {
		case key.Matches(msg, k.Back) && len(m.back) > 0:
			return m.goBack()
		case key.Matches(msg, k.Close):
			return m.quit()
		case m.phase == phaseFailed && key.Matches(msg, k.Reload):
			return m.retry()
		}
		return m, nil
	}
	if m.saving != nil && key.Matches(msg, k.Close) {
		return m.stopSave()
	}
	if m.showHelp {
		m.helpKey(msg)
		return m, nil
	}
	if m.links.IsOpen() {
		return m.linksKey(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp = true
		m.help.Reset()
	case key.Matches(msg, k.Details):
		return m.toggleDetails()
	case key.Matches(msg, k.Focus):
		return m.switchFocus()
	case key.Matches(msg, k.Reload):
		return m.reload()
	case key.Matches(msg, k.Search):
		return m.openSearch()
	case key.Matches(msg, k.NextMatch):
		return m.nextMatch(1)
	case key.Matches(msg, k.PrevMatch):
		return m.nextMatch(-1)
	case key.Matches(msg, k.Filter):
		return m.toggleFilter()
	case key.Matches(msg, k.Times):
		return m.toggleTimes()
	case key.Matches(msg, k.Expand):
		return m.toggleExpand()
	case key.Matches(msg, k.Translate):
		return m.toggleTranslate()
	case key.Matches(msg, k.CopyLink):
		return m.copyLink()
	case key.Matches(msg, k.CopyPart):
		return m.copyPart()
	case key.Matches(msg, k.OpenLink):
		return m.openLink()
	case key.Matches(msg, k.Mouse):
		return m.toggleMouse()
	case key.Matches(msg, k.Links):
		return m.showLinks()
	case key.Matches(msg, k.Related):
		return m.showRelated()
	case key.Matches(msg, k.Follow):
		return m.toggleFollow()
	case key.Matches(msg, k.Back):
		return m.goBack()
	case key.Matches(msg, k.Close):
		switch {
		case m.tr.Searching():
			m.tr.ClearSearch()
		case m.lay.width < minSideBySide && m.panelOnly:
			return m.toggleDetails() // back to the transcript
		}
	default:
		var cmd tea.Cmd
		if m.focus == paneDetails {
			m.det, cmd = m.det.Update(msg)
		} else {
			m.tr, cmd = m.tr.Update(msg)
		}
		return m, cmd
	}
	return m, nil
}

// helpKey is a key while the help shows: help and close close it, the
// scrolling keys scroll it, the rest do nothing.
func (m *Model) helpKey(msg tea.KeyPressMsg) {
	k := m.opts.Keys
	page := m.help.Page()
	switch {
	case key.Matches(msg, k.Help, k.Close):
		m.showHelp = false
	case key.Matches(msg, k.ScrollDown):
		m.help.Scroll(1)
	case key.Matches(msg, k.ScrollUp):
		m.help.Scroll(-1)
	case key.Matches(msg, k.HalfPageDown):
		m.help.Scroll(max(1, page/2))
	case key.Matches(msg, k.HalfPageUp):
		m.help.Scroll(-max(1, page/2))
	case key.Matches(msg, k.PageDown):
		m.help.Scroll(page)
	case key.Matches(msg, k.PageUp):
		m.help.Scroll(-page)
	case key.Matches(msg, k.Top):
		m.help.Reset()
	case key.Matches(msg, k.Bottom):
		m.help.Scroll(math.MaxInt / 2)
	}
}

// splitAlt reads an alt+key that nothing is bound to as esc and then the
// key. Esc typed quickly before a key (closing the help and quitting, say)
// arrives as exactly that alt+key; Bubble Tea cannot tell them apart, but
// with no alt binding there is only one sensible reading.
func (m Model) splitAlt(msg tea.KeyPressMsg) (tea.KeyPressMsg, bool) {
	if !msg.Mod.Contains(tea.ModAlt) || msg.Mod.Contains(tea.ModCtrl) {
		return msg, false
	}
	for _, group := range m.opts.Keys.FullHelp() {
		if key.Matches(msg, group...) {
			return msg, false
		}
	}
	plain := msg
	plain.Mod &^= tea.ModAlt
	switch {
	case plain.ShiftedCode != 0 && plain.Mod == tea.ModShift:
		plain.Text = string(plain.ShiftedCode)
	case plain.Mod == 0 && unicode.IsPrint(plain.Code):
		plain.Text = string(plain.Code)
	}
	return plain, true
}

// toggleDetails is the i key: under 80 columns it swaps the transcript for
// the full-width panel and back; wider, it shows or hides the panel, which
// changes the transcript's width and so re-renders it.
func (m Model) toggleDetails() (tea.Model, tea.Cmd) {
	if m.width < minSideBySide {
		m.panelOnly = !m.panelOnly
		m.focus = paneTranscript
		if m.panelOnly {
			m.focus = paneDetails
		}
		m.layout()
		return m, nil
	}
	m.hidePanel = !m.hidePanel
	m.layout()
	return m, m.requestRender(false)
}

// switchFocus is the tab key: side by side it moves the focus; with one
// pane showing it shows the other one.
func (m Model) switchFocus() (tea.Model, tea.Cmd) {
	switch {
	case m.width < minSideBySide:
		return m.toggleDetails()
	case m.lay.showPanel:
		m.focus = 1 - m.focus
		m.layout()
	}
	return m, nil
}

// wheelStep is a wheel's turn as a step: 1 down, -1 up, 0 sideways.
func wheelStep(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelDown:
		return 1
	case tea.MouseWheelUp:
		return -1
	}
	return 0
}

// wheel scrolls the pane under the pointer, focused or not, or the help
// while it shows.
func (m Model) wheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	if m.phase != phaseReady {
		return m, nil
	}
	if m.related.IsOpen() {
		m.related.Move(wheelStep(msg))
		return m, nil
	}
	if m.links.IsOpen() {
		return m, nil
	}
	if m.showHelp {
		m.help.Scroll(wheelStep(msg))
		return m, nil
	}
	p, ok := m.lay.paneAt(msg.X, msg.Y)
	if !ok {
		return m, nil
	}
	var cmd tea.Cmd
	if p == paneDetails {
		m.det, cmd = m.det.Update(msg)
	} else {
		m.tr, cmd = m.tr.Update(msg)
	}
	return m, cmd
}

// click focuses the pane clicked.
func (m Model) click(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	if m.phase != phaseReady || m.showHelp || m.links.IsOpen() || m.related.IsOpen() || msg.Button != tea.MouseLeft {
		return m, nil
	}
	if p, ok := m.lay.paneAt(msg.X, msg.Y); ok && p != m.focus {
		m.focus = p
		m.layout()
	}
	return m, nil
}

// mouseOffText is what the footer says while the terminal has the mouse.
const mouseOffText = "mouse off"

// toggleMouse is m: the mouse goes to the terminal, whose own selection
// then works (the wheel and clicks no longer reach convo), or comes back.
func (m Model) toggleMouse() (tea.Model, tea.Cmd) {
	m.mouseOff = !m.mouseOff
	hint := keymap.Hint(m.opts.Keys.Mouse)
	status := "mouse on: the wheel scrolls, a click focuses · " + hint + " to select text"
	if m.mouseOff {
		status = mouseOffText + ": select with the mouse · " + hint + " turns it back on"
	}
	return m, m.setStatus(status, adviceFor)
}

// status is the footer's position for the focused pane, long and short,
// after the search's "match 3/17" while there is a query (short, the match
// alone).
func (m Model) status() (long, short string) {
	if m.focus == paneDetails {
		long, short = m.det.Status()
	} else {
		long, short = m.tr.Status()
	}
	if m.translate && long != "" {
		long = "translated · " + long
	}
	if m.mouseOff {
		long, short = mouseOffText+" · "+long, mouseOffText+" "+short
	}
	if f := m.followStatus(); f != "" {
		long, short = f+" · "+long, f+" "+short
	}
	if ml, ms := m.tr.MatchStatus(); ml != "" {
		return ml + " · " + long, ms
	}
	return long, short
}
