// Package ui is convo's screen: one root Model that owns the terminal's
// size, the focus, the theme and the loading/error/ready state, composing
// small components (header, transcript, details panel, footer, help overlay,
// loading and error views) that know nothing of each other.
//
// All I/O (loading the conversation, rendering blocks) runs in tea.Cmds;
// View only lays out strings made earlier.
package ui

import (
	"context"
	"os"
	"runtime"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// Options configure the screen.
type Options struct {
	// Load fetches the conversation. It runs in its own goroutine, once at
	// the start and again on retry or reload, each time with a new context
	// that is cancelled when the user quits, so quitting while loading is
	// immediate. Before each wait between attempts (a 429's Retry-After) it
	// calls wait with the wait and the number of attempts made so far, from
	// 1; the loading screen then counts down to attempt+1. wait never blocks.
	Load func(ctx context.Context, wait func(api.Wait)) (*api.Conversation, error)
	// Label names what is loading: "conversation 12345 from api.intercom.io",
	// "the demo conversation", "conversation.json".
	Label string
	// Verb is the loading line's first word: "Fetching" for the API. Empty
	// means "Loading".
	Verb string
	// Prepare, if set, runs before Load, in Load's goroutine and with its
	// context, until it has once succeeded: getting the access token from
	// a token_command, which may take a while. Meanwhile the loading screen
	// says Preparing ("Getting the token…"), and q quits. Its error is
	// shown as Load's would be.
	Prepare func(ctx context.Context) error
	// Preparing is the loading screen's line while Prepare runs.
	Preparing string
	// NoReload, if set, is why the reload key has nothing to load again
	// (the demo is built in, standard input was read once): the footer
	// says it instead of reloading.
	NoReload string
	// Theme is "auto" (the terminal's background decides; dark until it
	// answers), "dark" or "light". Empty means auto.
	Theme string
	// Keys are the key bindings; a zero KeyMap means keymap.Default().
	Keys keymap.KeyMap
	// Loc is the time zone of times shown; nil means time.Local.
	Loc *time.Location
	// Now is the clock for relative times and the rate-limit countdown; nil
	// means time.Now.
	Now func() time.Time
	// SidebarWidth is the details panel's width in columns, cut so the
	// transcript keeps 40; 0 means a third of the screen.
	SidebarWidth int
	// TimeFormat is how times start out: "relative" ("3h ago") or
	// "absolute" (the default); t switches.
	TimeFormat string
	// HideNotes and HideEvents hide internal notes and system events at the
	// start; e then shows everything, and again hides notes and events both.
	HideNotes, HideEvents bool
	// WebLink is the conversation in Intercom's web inbox, for y and o; ""
	// when unknown (no app_id): then the look-ups' GET /me may supply it.
	WebLink string
	// AppID is the workspace id from the config, for a conversation whose
	// id is known only once it loads (a file): with it, that id makes the
	// web link when WebLink is empty.
	AppID string
	// Region is the API's region (us, eu or au; "" is us): the web link's
	// host when GET /me supplies the workspace but names no region.
	Region string
	// Resolve looks up the names behind the conversation's ids (admins,
	// teams, contacts) and the workspace of its web link; nil means no
	// look-ups (a file, the demo). It runs in its own goroutine after each
	// conversation arrives, never delaying it, with refresh set after a
	// reload (read nothing from a cache). It reports each look-up as it
	// ends through report, one call at a time and never after it returns,
	// and returns when all have ended or ctx is cancelled (by quitting, or
	// by the next conversation's look-ups). The details panel fills in as
	// the reports come; a failed look-up leaves the ids with a quiet hint.
	Resolve func(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup))
	// Download fetches an attachment's public URL for s in the links list
	// (api.Client's Download, of a client without the token); nil means
	// nothing can be saved.
	Download Download
	// Follow starts the screen following the conversation: it is fetched
	// again every Interval and what changed is shown; f toggles it.
	Follow bool
	// Interval is the time between two fetches while following: 0 is 10s,
	// and under 2s is 2s.
	Interval time.Duration
	// Bell rings the terminal's bell when new parts come while following.
	Bell bool
	// Budget, if set, says how much of the API's rate limit the last
	// answer left (X-RateLimit-Remaining) and the limit; following slows
	// down when it runs low. ok is false before any answer said.
	Budget func() (remaining, limit int, ok bool)
	// ReadMark is the id of the newest part shown when the conversation
	// was last open (see LastShown), "" for none: a divider says what is
	// new since, and the screen opens there.
	ReadMark string
	// Thread, if set, finds what the conversation is related to and opens
	// it in place (l); nil lists the linked objects only (a file, the
	// demo), which then cannot be opened.
	Thread Thread
	// Scrub, if set, is the last step of every frame and window title: it
	// replaces the access token, however disguised (api.Scrubber.Scrub).
	// What the screen shows is clean already; this is the net under it.
	Scrub func(string) string
}

// phase is where the screen is in its life.
type phase int

const (
	phaseLoading phase = iota // waiting for Load
	phaseReady                // the conversation is here (blocks may still be rendering)
	phaseFailed               // Load or rendering failed: one line and "r retry · q quit", or "q quit" (api.Retryable)
)

// pane is a focusable pane.
type pane int

const (
	paneTranscript pane = iota
	paneDetails
)

// Model is the root model. It is a value: Update returns the next one.
type Model struct {
	opts Options
	// after makes a timer: tea.Tick, which tests replace to fire timers
	// when they choose.
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	fetch     tea.Cmd            // the first load; Init returns it
	cancel    context.CancelFunc // cancels the current load's context
	listen    tea.Cmd            // waits for the current load's next message
	loadGen   int                // the current load: messages of older ones are dropped
	reloading bool               // a reload behind the shown conversation is in flight
	prepared  bool               // Options.Prepare has succeeded: loads skip it
	final     error              // a reload's failure a retry cannot mend (api.Retryable): r says so instead
	wait      rateWait           // the current load's wait between attempts, if any
	names     render.Names       // what the look-ups found so far
	namesGen  int                // the load whose conversation the look-ups are for: others' are dropped
	lookStop  context.CancelFunc // cancels the look-ups in flight, if any
	statusSeq int                // the footer status's number: clears of older ones are dropped
	// retryRefused: r was pressed on a failure a retry cannot mend, and the
	// failure screen says that a retry will not help.
	retryRefused bool

	// The rounds that make the details and items again with the names.
	affected   render.Affected // which look-ups can change what shows
	naming     bool            // a round is on its way
	resting    bool            // namesPause since a round for answers started has not passed
	namesStale bool            // answers came, or t was pressed, since it started: another follows
	renaming   *renaming       // a round's items, waiting for every block to be rendered

	// env, goos and launch decide whether a browser can open and open it
	// (os.Getenv, runtime.GOOS, a quiet exec); tmux runs tmux, for copying
	// inside it (runTmux). Tests replace them.
	env    func(string) string
	goos   string
	launch func(name string, args ...string) error
	tmux   func(stdin string, args ...string) (string, error)
	// saveDir is where attachments are saved: "" is the current folder.
	saveDir string
	saving  *saving // the save in flight, if any

	phase phase
	err   error
	conv  *api.Conversation // for the details again when the times switch
	items []render.Item     // every item; the transcript shows those in vis
	vis   []int             // the items shown: all but the hidden notes and events
	rev   int               // which load items came from: blocks of another are never reused

	hideNotes, hideEvents bool            // the filter (e)
	relative              bool            // times as "3h ago" (t)
	plain                 []string        // each item's plain text for the search, made on the first /; nil when items change
	expanded              map[string]bool // the ids of the parts unfolded (x): quoted history, email headers
	translate             bool            // bodies in translation (T)
	mouseOff              bool            // the terminal has the mouse, to select text (m)

	width, height int
	lay           layout
	st            *Styles
	focus         pane
	hidePanel     bool // at >= 80 columns: the user hid the panel with i
	panelOnly     bool // under 80 columns: the panel is shown instead of the transcript
	showHelp      bool

	blk blocks // the blocks: rendered, cached, standing in
	// drawn: the conversation's first frame is on the terminal. Until it
	// is, the look-ups' answers wait for their round.
	drawn  bool
	notice string // "showing the 500 most recent of 812 parts", or empty

	load   loading
	header header
	tr     transcript
	det    details
	foot   footer
	prompt prompt
	help   helpOverlay
	links  linksList

	// The thread: what is related (l), and the items opened before this
	// one, each as it was left (backspace).
	related relatedList
	rel     related
	session *searches // every item's first page of search, for the session
	back    []Model   // the items to go back to, the last one first
	serial  int       // this item's number: routed messages find it by it
	serials int       // how many items have been opened, for the next serial
	kind    api.Kind  // what this item is; "" for the first, a conversation
	// seen is the newest item that has been on screen (its Index and id),
	// for the read marker.
	seen   int
	seenID string
	fol    following // following the conversation as it changes (f)
	itemID string    // the id it was opened by, "" for the first
}

// New makes the root model; run it with tea.NewProgram(ui.New(o)).
func New(o Options) Model {
	if len(o.Keys.Quit.Keys()) == 0 {
		o.Keys = keymap.Default()
	}
	if o.Loc == nil {
		o.Loc = time.Local
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Label == "" {
		o.Label = "the conversation"
	}
	if o.Verb == "" {
		o.Verb = "Loading"
	}
	st := newStyles(o.Theme != "light", fullColour)
	m := Model{
		opts:       o,
		after:      tea.Tick,
		env:        os.Getenv,
		goos:       runtime.GOOS,
		launch:     launchQuiet,
		tmux:       runTmux,
		hideNotes:  o.HideNotes,
		hideEvents: o.HideEvents,
		relative:   o.TimeFormat == "relative",
		st:         st,
		blk:        newBlocks(),
		expanded:   map[string]bool{},
		names:      render.Names{AppID: o.AppID, Region: o.Region},
		load:       newLoading("", keymap.Hint(o.Keys.Quit)+" quit", st),
		header:     newHeader(st, o.Loc, o.Now),
		tr:         newTranscript(o.Keys, st),
		det:        newDetails(o.Keys, st),
		foot:       newFooter(o.Keys, st),
		prompt:     newPrompt(st),
		help:       newHelpOverlay(o.Keys, st),
		links:      newLinksList(o.Keys, st),
		related:    newRelatedList(o.Keys, st, o.Loc, o.Now),
		session:    &searches{},
	}
	m.load.SetText(m.loadingLine())
	m.fetch = m.startLoad()
	return m
}

// Init starts loading, the spinner and, for the auto theme, the question
// about the terminal's background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.fetch, m.load.Tick}
	if m.autoTheme() {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m Model) autoTheme() bool { return m.opts.Theme == "" || m.opts.Theme == "auto" }

// update handles one message of the item on screen.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.autoTheme() && msg.IsDark() != m.st.Dark {
			return m.setTheme(msg.IsDark(), m.st.Depth)
		}
	case tea.ColorProfileMsg:
		// Bubble Tea drops colours for NO_COLOR and dumb terminals; badges
		// then need reverse video to stay visible. A 16-colour terminal
		// gets a palette of its own.
		if d := depthOf(msg.Profile); d != m.st.Depth {
			return m.setTheme(m.st.Dark, d)
		}
	case loadedMsg:
		return m.loaded(msg)
	case waitMsg:
		return m.waiting(msg)
	case preparedMsg:
		return m.prepare(msg)
	case lookupMsg:
		return m.lookedUp(msg)
	case lookupsDoneMsg:
		return m.lookupsDone(msg)
	case namedMsg:
		return m.named(msg)
	case restedMsg:
		return m.rested(msg)
	case statusClearMsg:
		if msg.seq == m.statusSeq {
			m.foot.SetStatus("")
		}
	case renderDueMsg:
		if msg.gen == m.blk.latest() {
			return m, m.renderCmd()
		}
	case renderedMsg:
		return m.rendered(msg)
	case drawnMsg:
		return m.onDrawn(msg)
	case plainMsg:
		return m.plainMade(msg)
	case quotedMsg:
		return m.quoted(msg)
	case openedMsg:
		return m.opened(msg)
	case copiedMsg:
		return m.copied(msg)
	case saveMsg:
		return m.saved(msg)
	case searchedMsg:
		return m.searched(msg)
	case sidesMsg:
		return m.sidesCame(msg)
	case ticketRowMsg:
		return m.ticketCame(msg)
	case pollDueMsg:
		return m.pollDue(msg)
	case polledMsg:
		return m.polled(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.prompt.IsOpen() {
			return m.typed(msg)
		}
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	default:
		if m.busy() {
			var cmd tea.Cmd
			m.load, cmd = m.load.Update(msg)
			if _, ok := msg.(spinner.TickMsg); ok {
				m.countDown() // the spinner's ticks are the countdown's clock
			}
			return m, cmd
		}
	}
	return m, nil
}

// busy reports whether the spinner shows: loading, or waiting for the first
// blocks. Its ticks stop being forwarded, and so stop, once it is not.
func (m Model) busy() bool {
	return m.phase == phaseLoading || (m.phase == phaseReady && !m.tr.Loaded())
}

// quit cancels any load and look-ups in flight and ends the program.
func (m Model) quit() (tea.Model, tea.Cmd) {
	m.leave()
	for i := range m.back {
		m.back[i].leave()
	}
	return m, m.quitCmd()
}

// setTheme switches to the dark or light styles of a depth of colour and
// re-renders.
func (m Model) setTheme(dark bool, d depth) (tea.Model, tea.Cmd) {
	m.st = newStyles(dark, d)
	m.load.SetStyles(m.st)
	m.header.SetStyles(m.st)
	m.tr.SetStyles(m.st)
	m.det.SetStyles(m.st)
	m.foot.SetStyles(m.st)
	m.prompt.SetStyles(m.st)
	m.help.SetStyles(m.st)
	m.links.SetStyles(m.st)
	m.related.SetStyles(m.st)
	if m.phase != phaseReady || m.width == 0 {
		return m, nil
	}
	return m, m.requestRender(false)
}

// LastShown is the first conversation's id and the id of its newest part
// that has been on screen, for the read marker; "" and "" before it shows.
func (m Model) LastShown() (conversation, part string) {
	first := m
	if len(m.back) > 0 {
		first = m.back[0]
	}
	if first.conv == nil || first.seenID == "" {
		return "", ""
	}
	return string(first.conv.ID), first.seenID
}

// Err is why the conversation could not be shown, or nil: main turns it
// into the exit status after the screen closes. Quitting during a retry
// still reports the failure retried; a retry that succeeds clears it.
func (m Model) Err() error {
	if m.phase == phaseReady {
		return nil
	}
	return m.err
}
