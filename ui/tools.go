package ui

import (
	"fmt"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// The reading tools: search (/ n N), the notes and events filter (e),
// relative times (t), copying (y Y) and opening (o) links.

// How long the footer says what a tool did.
const (
	doneFor   = 3 * time.Second
	adviceFor = 6 * time.Second
)

// noLink is what y and o say without a web link.
const noLink = "no web link: set app_id in the config"

// plainMsg carries every item's plain text, for the search.
type plainMsg struct {
	rev   int
	plain []string
}

// openedMsg says how opening link in a browser went.
type openedMsg struct {
	link string
	err  error
}

// openSearch is /: the prompt opens in the footer, over the transcript,
// which takes the focus. The items' plain text is made now, once per load,
// for counting matches in blocks not rendered yet.
func (m Model) openSearch() (tea.Model, tea.Cmd) {
	m.focusTranscript()
	m.tr.SetOrigin()
	cmd := m.prompt.Open()
	return m, tea.Batch(cmd, m.plainCmd())
}

// focusTranscript gives the transcript the focus, showing it if the panel
// had the screen.
func (m *Model) focusTranscript() {
	if m.focus == paneTranscript && m.lay.showTr {
		return
	}
	m.panelOnly, m.focus = false, paneTranscript
	m.layout()
}

// promptKey is a key while the prompt is open: enter closes it keeping the
// matches, esc (or another closing key that types nothing) closes it and
// clears the search; the rest edit the query, which is searched as it is
// typed.
func (m Model) promptKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case msg.Code == tea.KeyEnter && msg.Mod == 0:
		m.prompt.Close()
		return m, nil
	case msg.Code == tea.KeyEscape || (msg.Text == "" && key.Matches(msg, m.opts.Keys.Close)):
		m.prompt.Close()
		m.tr.Search("")
		return m, nil
	}
	return m.typed(msg)
}

// typed hands a key or a paste to the prompt and searches for the query if
// it changed.
func (m Model) typed(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.prompt.Value()
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(msg)
	if q := m.prompt.Value(); q != before {
		cmd = tea.Batch(cmd, m.seekCmd(m.tr.Search(q)))
	}
	return m, cmd
}

// nextMatch is n and N.
func (m Model) nextMatch(d int) (tea.Model, tea.Cmd) {
	if !m.tr.Searching() {
		return m, m.setStatus("no search: "+keymap.Hint(m.opts.Keys.Search)+" to search", doneFor)
	}
	m.focusTranscript()
	return m, m.seekCmd(m.tr.NextMatch(d))
}

// plainCmd makes the items' plain text, unless it is made for this load.
func (m Model) plainCmd() tea.Cmd {
	if m.plain != nil {
		return nil
	}
	rev, items, o := m.rev, m.items, m.textOptions()
	return func() tea.Msg {
		plain := make([]string, len(items))
		for i, it := range items {
			// What copy takes, so folded history is left out unless the
			// part is unfolded, as on screen. It need not match the block
			// exactly: the rendered block's matches replace its count.
			plain[i] = render.ItemText(it, o)
		}
		return plainMsg{rev: rev, plain: plain}
	}
}

// plainMade takes the items' plain text, if it is of the items shown.
func (m Model) plainMade(msg plainMsg) (tea.Model, tea.Cmd) {
	if msg.rev != m.rev {
		return m, nil
	}
	m.plain = msg.plain
	m.setPlain()
	m.tr.Refind()
	return m, nil
}

// toggleFilter is e: it hides the notes and events when everything shows,
// else shows everything. The part at the top of the view stays there, or
// the nearest one before it that still shows.
func (m Model) toggleFilter() (tea.Model, tea.Cmd) {
	hide := !m.hideNotes && !m.hideEvents
	m.hideNotes, m.hideEvents = hide, hide
	hidden := m.applyFilter()
	if m.tr.Loaded() {
		m.showShown()
	}
	status := "showing notes and events"
	switch {
	case hide && hidden == "":
		status = "no notes or events to hide"
	case hide:
		status = hidden + " · " + keymap.Hint(m.opts.Keys.Filter) + " shows them"
	}
	return m, m.setStatus(status, doneFor)
}

// applyFilter picks the items shown and says in the header how many are
// hidden; it returns what it said.
func (m *Model) applyFilter() string {
	vis := make([]int, 0, len(m.items))
	notes, events := 0, 0
	for i, it := range m.items {
		switch {
		case it.Kind == render.KindNote && m.hideNotes:
			notes++
		case it.Kind == render.KindEvent && m.hideEvents:
			events++
		default:
			vis = append(vis, i)
		}
	}
	m.vis = vis
	m.header.SetItems(len(m.items), len(m.items) == 1 && m.items[0].Kind == render.KindMessage)
	hidden := hiddenText(notes, events)
	m.header.SetHidden(hidden)
	m.tr.SetItems(pick(m.items, vis))
	m.setPlain()
	return hidden
}

// setPlain gives the search the plain text of the items shown, and of the
// notes and events hidden apart.
func (m *Model) setPlain() {
	m.tr.SetPlain(pick(m.plain, m.vis))
	var notes, events []string
	shown := 0
	for i, it := range m.items {
		switch {
		case shown < len(m.vis) && m.vis[shown] == i:
			shown++
		case i >= len(m.plain):
		case it.Kind == render.KindNote:
			notes = append(notes, m.plain[i])
		default:
			events = append(events, m.plain[i])
		}
	}
	m.tr.SetHiddenPlain(notes, events)
}

// hiddenText says what the filter hides: "12 notes and events hidden",
// "1 note hidden", "3 events hidden"; "" for nothing.
func hiddenText(notes, events int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	}
	switch {
	case notes > 0 && events > 0:
		return fmt.Sprintf("%d notes and events hidden", notes+events)
	case notes > 0:
		return fmt.Sprintf("%d %s hidden", notes, plural(notes, "note", "notes"))
	case events > 0:
		return fmt.Sprintf("%d %s hidden", events, plural(events, "event", "events"))
	}
	return ""
}

// toggleTimes is t: relative times ("3h ago") or dates, in the panel as
// soon as a round makes it again (it reads every part, so not in Update)
// and in the part headers as soon as the blocks are rendered again (or at
// once from the cache).
func (m Model) toggleTimes() (tea.Model, tea.Cmd) {
	m.relative = !m.relative
	status := tea.Batch(m.nameCmd(), m.setStatus(timesText(m.relative), doneFor))
	if m.width == 0 {
		return m, status
	}
	return m, tea.Batch(m.requestRender(false), status)
}

// timesText is what t says it switched to.
func timesText(relative bool) string {
	if relative {
		return "times as 3h ago"
	}
	return "times as dates"
}

// details is the panel's sections, with times as t has them and the names
// the look-ups found so far.
func (m Model) details() []render.Section {
	return render.Details(m.conv, m.detailOptions())
}

// detailOptions are the details' options: times as t has them, the names
// the look-ups found so far.
func (m Model) detailOptions() render.Options {
	return render.Options{Loc: m.opts.Loc, Now: m.opts.Now(), Relative: m.relative, Names: &m.names}
}

// textOptions are the options of an item's plain text (render.ItemText),
// for copy and for the search of blocks not rendered yet.
func (m Model) textOptions() render.Options {
	return render.Options{Loc: m.opts.Loc, Now: m.opts.Now()}
}

// webLink is the conversation in Intercom's web inbox: Options.WebLink,
// else made from the workspace the look-ups named; "" until one is known.
func (m Model) webLink() string {
	if m.opts.WebLink != "" || m.conv == nil {
		return m.opts.WebLink
	}
	return m.names.LinkTo(m.conv)
}

// copyLink is y: the conversation's web link to the clipboard (see
// copyText).
func (m Model) copyLink() (tea.Model, tea.Cmd) {
	link := m.webLink()
	if link == "" {
		return m, m.setStatus(m.noLinkStatus(), adviceFor)
	}
	return m, m.copyText(link, "link", "")
}

// copyPart is Y: the current part (at the top of the view, or the one
// jumped to) to the clipboard as plain text, with its dates in full; with
// the details panel focused, the details, every id whole.
func (m Model) copyPart() (tea.Model, tea.Cmd) {
	if m.focus == paneDetails && m.conv != nil {
		text := render.DetailsText(m.conv, render.Options{Loc: m.opts.Loc, Now: m.opts.Now(), Names: &m.names})
		return m, tea.Batch(tea.SetClipboard(text), m.setStatus("copied details", doneFor))
	}
	i := m.tr.Current()
	if i < 0 || i >= len(m.vis) {
		return m, nil
	}
	text := render.ItemText(m.items[m.vis[i]], m.textOptions())
	return m, m.copyText(text, fmt.Sprintf("part %d", i+1), "")
}

// openLink is o: the web link in a browser where one can open on this
// screen, else copied.
func (m Model) openLink() (tea.Model, tea.Cmd) {
	link := m.webLink()
	if link == "" {
		return m, m.setStatus(m.noLinkStatus(), adviceFor)
	}
	return m.openURL(link, "the link")
}

// openURL opens link in a browser where one can open on this screen, else
// copies it; what names it in the footer ("the link", "report.pdf").
func (m Model) openURL(link, what string) (tea.Model, tea.Cmd) {
	opener := m.opener()
	if opener == "" {
		return m, m.copyText(link, "link", "no browser here")
	}
	launch := m.launch
	open := func() tea.Msg { return openedMsg{link: link, err: launch(opener, link)} }
	return m, tea.Batch(open, m.setStatus("opening "+what+" in a browser", doneFor))
}

// opened takes how the browser's launch went: a failure copies the link.
func (m Model) opened(msg openedMsg) (tea.Model, tea.Cmd) {
	if msg.err == nil {
		return m, nil
	}
	return m, m.copyText(msg.link, "link", "could not open a browser")
}

// opener is the command that opens a link in a browser on this screen, or
// "" when there is none: macOS has open (unless convo runs over SSH, when
// it would open on the remote screen), other Unixes xdg-open when there is
// a display.
func (m Model) opener() string {
	remote := m.env("SSH_CONNECTION") != "" || m.env("SSH_TTY") != ""
	switch {
	case m.goos == "darwin" && !remote:
		return "open"
	case m.goos == "windows" || m.goos == "darwin":
		return ""
	case m.env("DISPLAY") != "" || m.env("WAYLAND_DISPLAY") != "":
		return "xdg-open"
	}
	return ""
}

// launchQuiet runs a launcher with no input and its output thrown away, so
// nothing it says reaches the screen.
func launchQuiet(name string, args ...string) error {
	c := exec.Command(name, args...)
	c.Stdin, c.Stdout, c.Stderr = nil, nil, nil // /dev/null, all three
	return c.Run()
}
