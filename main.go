// Command convo shows one Intercom conversation in the terminal, or prints
// it as text, Markdown or JSON.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"
	_ "time/tzdata" // --tz and time_zone work where the system has no zoneinfo (Windows, scratch images)

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
	"github.com/convo-cli/convo/ui"
)

// version and commit are set at build time by the Makefile.
var version, commit = "dev", ""

const usage = `convo shows one Intercom conversation: the transcript, and everything about it.

Usage:
  convo [flags] ID|URL        fetch and show a conversation
  convo ticket [flags] ID|URL fetch and show a ticket, by its id or its number in the Inbox
  convo --file PATH [flags]   show a saved API response (PATH "-" reads stdin)
  convo --demo [flags]        show the bundled demo conversation (no token, no network)
  convo [flags]               pick one of the conversations opened before (on a terminal)

ID|URL is a conversation id (12345 or #12345) or its link from the web inbox
(https://app.intercom.com/a/inbox/<app>/inbox/conversation/12345, "https://" optional); the
link's host picks the region, and its <app> the workspace for the web link. A ticket's link
(.../inbox/ticket/38) opens the ticket.

Flags:
  --format FORMAT       tui, text, markdown or json (default tui on a terminal, else text)
  --width N             wrap width for text (default the terminal's, else 80); markdown is
                        never wrapped, so viewers and issue trackers can reflow it
  --quoted              keep quoted email history in printed bodies (default a line
                        such as "[quoted history: 24 lines]" in its place)
  --no-notes            leave out internal notes (text, markdown, json; the screen starts
                        with them hidden)
  --no-events           leave out events: assignments, tags, state changes (likewise)
  --related             json lists linked objects, the customer's other conversations (20,
                        newest first) and side conversations (API 2.16+); text and markdown
                        list them too (printed output only)
  --public              only what the customer saw, safe to forward: no notes, no events,
                        no internal details (text, markdown, json)
  --tz ZONE             the time zone for every time, an IANA name such as Europe/Berlin
                        (default TZ, else the config file's time_zone, else local time)
  --theme THEME         auto, dark or light (default auto: the terminal's background decides)
  --region REGION       us, eu or au (default the link's, else us)
  --api-url URL         any API base URL: a proxy, a test server (overrides --region)
  --api-version V       the Intercom-Version header: 2.11 (default) to 2.16, or Unstable
  --plaintext           ask the API for plain-text bodies (display_as=plaintext)
  --timeout DURATION    give up on an API request after this long (default 20s)
  --follow              keep fetching the conversation and show each new part as it comes;
                        printed output goes on until ctrl+c; json is then JSON Lines: the
                        conversation without its parts, then one line for each part
  --interval DURATION   the time between two fetches while following (default 10s, at least 2s)
  --config PATH         the config file (default $XDG_CONFIG_HOME/convo/config.toml,
                        else ~/.config/convo/config.toml)
  --version             print the version and exit
  -h, --help            show this help

Environment:
  INTERCOM_TOKEN   the access token (else token_command or token in the config file;
                   never printed)
  CONVO_REGION     the region, under --region
  CONVO_API_URL    the API base URL, under --api-url
  CONVO_CONFIG     the config file, under --config
  TZ               the time zone, under --tz and over the config file's time_zone
  XDG_CACHE_HOME   the names of teammates and teams, and the workspace id, are cached
                   for a day in convo/ under it (default ~/.cache/convo)
  XDG_STATE_HOME   the conversations opened on the screen are kept, for convo with no
                   argument, in convo/history.json under it (default ~/.local/state/convo),
                   and the newest part shown of each in convo/read.json
  NO_COLOR         a screen without colours

Shell completion:
  convo completion bash|zsh|fish   print a completion script (source <(convo completion bash))

Examples:
  convo 12345                                  fetch and show conversation 12345
  convo https://app.eu.intercom.com/a/inbox/abc/inbox/conversation/12345
  convo 12345 --format markdown > case.md      write a transcript for a hand-off
  convo 12345 --format text --public           what the customer saw, to forward
  convo ticket 38                              fetch and show ticket 38
  convo 12345 --format json --related          with the customer's other conversations
  convo 12345 --follow | grep -i refund        print new parts as they come
  convo --file conversation.json               open a saved GET /conversations/{id} response
  convo --demo                                 open the demo conversation

Config file: region, api_url, api_version, app_id, theme, time_format, time_zone,
sidebar_width, show_notes, show_events, cache, history, related, follow, interval, bell,
read_marker, token_command, token, and [keys] to rebind keys.
Flags win over the environment, which wins over the file. show_notes and show_events are the
screen's: printed output leaves things out only when a flag says so.

Printed times are absolute, with their zone ("2026-11-23 08:12 CET"); json's are RFC 3339.

Exit status: 0 success, 1 the conversation could not be shown, 2 a usage or config error,
128+N the signal N stopped it (130 ctrl+c, 129 SIGHUP, 143 SIGTERM); --follow's printed
output ends with 0 on a signal once the conversation is printed, 1 when the API refuses it.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// loadFunc is ui.Options.Load's type: what loads the conversation.
type loadFunc = func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error)

// run is main without the process: it returns the exit status. SIGINT,
// SIGTERM and SIGHUP end it with 128 plus the signal's number, quietly,
// once the terminal is restored.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := withSignals(context.Background())
	defer stop()
	return runContext(ctx, args, stdin, stdout, stderr)
}

// runContext is run with the context that signals cancel.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// The token is scrubbed from everything written to stderr, and from
	// everything printed: the environment's from the start (a token pasted
	// as an argument is echoed in its error), the resolved one once known.
	errs := &scrubbed{w: stderr, sc: api.NewScrubber(os.Getenv(config.EnvToken))}
	// A rate limit's wait is said on stderr only where someone watches it:
	// a script's stderr stays for errors.
	waitsShow := isTerminal(stderr)
	stderr = errs
	if len(args) > 0 && args[0] == "completion" {
		if len(args) != 2 {
			say(stderr, "completion needs a shell: convo completion bash|zsh|fish")
			return 2
		}
		if err := writeCompletion(stdout, args[1]); err != nil {
			say(stderr, "%v", err)
			return 2
		}
		return 0
	}
	cfg, err := config.Parse(args, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err != nil && !errors.Is(err, config.ErrNoTarget) {
		say(stderr, "%v (see convo --help)", err)
		return 2
	}
	if cfg.Version {
		fmt.Fprintln(stdout, versionLine())
		return 0
	}
	history := openHistory(cfg, os.Getenv)
	marks := openReadMarks(cfg, os.Getenv)
	if err != nil { // config.ErrNoTarget: the picker, if there is a history
		return openPicked(ctx, args, pick(ctx, cfg, history, stdin, stdout, stderr), stdin, stdout, stderr)
	}
	if cfg.Demo {
		cfg.AppID = "" // the demo is in no workspace: a link to it would lead nowhere
	}
	format := cfg.Format
	if format == "" {
		format = "text"
		if isTerminal(stdout) {
			format = "tui"
		}
	}

	if cfg.Public && format == "tui" {
		say(stderr, "--public is for printed output: add --format text, markdown or json (see convo --help)")
		return 2
	}

	if format == "tui" && !hasTerminal(stdin, stdout) {
		say(stderr, "--format tui needs a terminal; use --format text, markdown or json")
		return 2
	}

	keys, err := keyMap(cfg)
	if err != nil {
		say(stderr, "%v", err)
		return 2
	}
	loc := cfg.Loc
	if loc == nil {
		loc = time.Local
	}

	var load loadFunc
	var resolve resolveFunc // nil for --file and --demo: no look-ups
	var prepare func(context.Context) error
	var label, verb, id, appID, noReload string
	var related relatedFunc // --related's, for printed output
	checked := &answers{asked: cfg.ID}
	var src *apiSource // nil for --file and --demo: nothing to open beside
	if cfg.Target != "" {
		src = &apiSource{cfg: cfg, errs: errs, checked: checked}
		if format == "tui" && cfg.RunsTokenCommand() {
			// The screen comes first, and q with it, however long the
			// command takes (a password manager's prompt).
			prepare = src.token
		} else if err := src.token(ctx); err != nil {
			return fail(ctx, stderr, 2, "%v", err)
		}
		load, resolve = src.load, src.lookUp
		label, verb, id, related = fetchLabel(cfg), "Fetching", linkID(cfg), src.related
	} else {
		related = noRelated
		load, label, noReload, err = saved(ctx, cfg, format == "tui", stdin, stderr)
		if err != nil {
			return fail(ctx, stderr, 1, "%v", err)
		}
		appID = cfg.AppID // the link is made from the id the file holds
	}

	if format != "tui" {
		var onWait func(api.Wait)
		if waitsShow {
			onWait = waitLine(stderr)
		}
		if !cfg.Related {
			related = nil
		}
		var follow *follower
		if cfg.Follow && src != nil {
			follow = &follower{format: format, pace: api.Pace{Interval: cfg.Interval, Budget: src.gate.Budget}, retries: waitsShow}
		}
		return printOut(ctx, cfg, format, loc, load, onWait, resolve, related, checked, errs, stdout, stderr, follow)
	}

	// The conversation is on its way before the screen starts.
	first := startEarly(ctx, load)
	defer first.stop()
	rec := &historyRecorder{history: history, scrub: errs.Scrub, now: time.Now}
	marker := newReadMarker(cfg, marks, errs.Scrub)
	var th ui.Thread
	if src != nil {
		th = thread{src: src, rec: rec}
	}
	m := ui.New(ui.Options{
		Load:         rec.onScreen(cfg, first.Load),
		Prepare:      prepare,
		Preparing:    "Getting the token…",
		Label:        label,
		Verb:         verb,
		NoReload:     noReload,
		Theme:        cfg.Theme,
		Keys:         keys,
		Loc:          loc,
		Now:          time.Now,
		SidebarWidth: cfg.SidebarWidth,
		TimeFormat:   cfg.TimeFormat,
		HideNotes:    !cfg.ShowNotes,
		HideEvents:   !cfg.ShowEvents,
		WebLink:      webLink(cfg.AppID, cfg.Region, id),
		AppID:        appID,
		Region:       cfg.Region,
		Resolve:      resolve,
		Thread:       th,
		// A client without the token: attachments are public signed URLs
		// on Intercom's CDN, and no token may reach another host.
		Download: (&api.Client{}).Download,
		Scrub:    errs.Scrub,
		ReadMark: marker.mark(),
		Follow:   cfg.Follow,
		Interval: cfg.Interval,
		Bell:     cfg.Bell,
		Budget:   budget(src),
	})
	// convo handles the signals itself: Bubble Tea's handler turns SIGTERM
	// into a quit that exits 0, and knows nothing of SIGHUP, whose default
	// action leaves the terminal in the alternate screen with the mouse
	// reported and the cursor hidden. A signal cancels ctx, which kills
	// the program: Run restores the terminal and returns.
	final, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithoutSignalHandler()).Run()
	if m, ok := final.(ui.Model); ok && m.Err() == nil && !errors.Is(err, tea.ErrProgramPanic) {
		marker.keep(m) // a signal too ends a screen that was read
	}
	if status, ok := signalled(ctx); ok {
		return status
	}
	for _, w := range append(append(checked.warnings(), rec.warnings()...), marker.warnings()...) {
		say(stderr, "%s", w)
	}
	if err != nil {
		say(stderr, "%v", err)
		return 1
	}
	if m, ok := final.(ui.Model); ok && m.Err() != nil {
		say(stderr, "%v", m.Err())
		if errors.As(m.Err(), new(*config.UsageError)) {
			return 2 // token_command failed behind the screen
		}
		return 1
	}
	return 0
}

// printOut fetches the conversation, telling onWait (if not nil) of each
// wait to retry, looks up its names and prints it in format, with the
// token errs knows scrubbed; then follow, if not nil, prints what comes.
func printOut(ctx context.Context, cfg config.Config, format string, loc *time.Location,
	fetch loadFunc, onWait func(api.Wait), resolve resolveFunc, related relatedFunc, checked *answers, errs *scrubbed, stdout, stderr io.Writer,
	follow *follower) int {
	conv, err := fetch(ctx, onWait)
	if err != nil {
		return fail(ctx, stderr, 1, "%v", err)
	}
	names := render.Names{AppID: cfg.AppID, Region: cfg.Region}
	if resolve != nil {
		lookUp(ctx, resolve, conv, cfg.Timeout, &names)
	}
	o := view(cfg, loc)
	if related != nil {
		o.Related = related(ctx, conv, onWait)
	}
	if status, ok := signalled(ctx); ok {
		return status // nothing printed: the look-ups were cut short
	}
	if cfg.Target != "" && checked.differs(conv) {
		names.AppID = "" // render makes the link from the answer's id
	}
	for _, w := range checked.warnings() {
		say(stderr, "%s", w)
	}
	write := printConversation
	if follow != nil {
		write = follow.print
	}
	if err := writeScrubbed(stdout, errs.scrubber(), func(w io.Writer) error {
		return write(w, conv, format, o, &names)
	}); err != nil {
		return fail(ctx, stderr, 1, "%v", err)
	}
	if follow != nil {
		return follow.run(ctx, fetch, onWait, o, &names, errs, stdout, stderr)
	}
	if status, ok := signalled(ctx); ok {
		return status
	}
	return 0
}

// say writes one line on stderr, "convo: " and the message, made printable
// whole: messages quote arguments, paths and what servers answered.
func say(stderr io.Writer, format string, a ...any) {
	fmt.Fprintf(stderr, "convo: %s\n", config.Printable(fmt.Sprintf(format, a...)))
}

// fail reports an error and returns status, unless a signal caused it:
// then the error is only the signal's doing ("context canceled"), and the
// exit status, 128 plus the signal's number, says all there is to say.
func fail(ctx context.Context, stderr io.Writer, status int, format string, a ...any) int {
	if s, ok := signalled(ctx); ok {
		return s
	}
	say(stderr, format, a...)
	return status
}

// keyMap is the default key map with the config file's [keys] applied; a
// bad action or key name, or a key left bound to two actions, is reported
// with the file and line.
func keyMap(cfg config.Config) (keymap.KeyMap, error) {
	km := keymap.Default()
	for _, b := range cfg.Keys {
		if err := km.Rebind(b.Action, b.Keys); err != nil {
			return km, cfg.KeyError(b, err)
		}
	}
	// Checked once all are applied: a later line may move the other
	// action's keys away.
	if key, first, second, ok := km.Clash(); ok {
		var at config.KeyBinding // the last line that bound either
		for _, b := range cfg.Keys {
			if b.Action == first || b.Action == second {
				at = b
			}
		}
		return km, cfg.KeyError(at, fmt.Errorf("%q is bound to both %s and %s: give one of them other keys", key, first, second))
	}
	return km, nil
}

// webLink is the conversation in Intercom's web inbox, on the region's
// host; "" without an app_id or an id.
func webLink(appID, region, id string) string {
	return render.WebLink(appID, region, id)
}

// configName is the config file for messages: the one read, else where
// convo looks for one.
func configName(cfg config.Config) string {
	if cfg.ConfigPath != "" {
		return cfg.ConfigPath
	}
	return "~/.config/convo/config.toml"
}

// view is what the flags ask of printed output: the width, the time zone,
// what is left out and whether quoted email history is kept. The config
// file's show_notes and show_events are the screen's start, not a filter
// on what is printed.
func view(cfg config.Config, loc *time.Location) render.Options {
	return render.Options{
		Width:    cfg.Width,
		Loc:      loc,
		NoNotes:  cfg.NoNotes,
		NoEvents: cfg.NoEvents,
		Public:   cfg.Public,
		Quoted:   cfg.Quoted,
	}
}

// printConversation writes the conversation without a screen, as o asks
// and with what the look-ups found.
func printConversation(w io.Writer, c *api.Conversation, format string, o render.Options, names *render.Names) error {
	if o.Width == 0 && format == "text" {
		o.Width = terminalWidth()
	}
	o.Now, o.Names = time.Now(), names
	switch format {
	case "markdown":
		return render.WriteMarkdown(w, c, o)
	case "json":
		return render.WriteJSON(w, c, o)
	default:
		return render.WriteText(w, c, o)
	}
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// hasTerminal reports whether the screen can run: stdout is a terminal,
// and so is stdin or else the terminal Bubble Tea opens for keys (stdin
// may be the file being read).
func hasTerminal(stdin io.Reader, stdout io.Writer) bool {
	if !isTerminal(stdout) {
		return false
	}
	if isTerminal(stdin) {
		return true
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return false
	}
	in.Close()
	out.Close()
	return true
}

// terminalWidth is stdout's width, else stderr's (stdout is often a pipe),
// else 80.
func terminalWidth() int {
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w >= 20 {
			return w
		}
	}
	return 80
}

// versionLine is the version, the commit it was built from and the Go version.
func versionLine() string {
	rev := commit
	if info, ok := debug.ReadBuildInfo(); ok && rev == "" {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
	}
	if rev == "" {
		rev = "unknown"
	}
	return fmt.Sprintf("convo %s (commit %s, %s)", version, rev, runtime.Version())
}
