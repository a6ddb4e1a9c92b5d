// Package config turns the command line and the environment (flags win)
// into one validated Config.
package config

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Formats lists the output formats; "" picks tui on a terminal, else text.
var Formats = []string{"tui", "text", "markdown", "json"}

// Themes lists the accepted --theme values.
var Themes = []string{"auto", "dark", "light"}

// Config is everything the command line, the environment and the config
// file asked for.
type Config struct {
	Target string // the conversation id or link argument, if any
	ID     string // the conversation id the target names
	// Ticket says the target is a ticket: `convo ticket ID`, or a ticket's
	// inbox link. ID is then its id or the Inbox's ticket number.
	Ticket bool
	File   string // --file PATH ("-" is stdin)
	Demo   bool
	Format string // one of Formats, or "" for the default
	Theme  string // one of Themes: --theme, the file's theme, else auto
	Width  int    // --width for text output; 0 means the terminal's
	Quoted bool   // --quoted: printed bodies keep their quoted email history
	// Related: --related, else the file's related; json then lists what is
	// around the conversation (linked objects, the contact's other
	// conversations, side conversations).
	Related bool
	Version bool

	// Following: fetching the conversation again every Interval and
	// showing what is new.
	Follow   bool          // --follow, else the file's follow (never for --file or --demo)
	Interval time.Duration // --interval, else the file's interval, else 10s; at least MinInterval
	Bell     bool          // the file's bell: the screen rings it when new parts come

	// Printed output only (text, markdown, json).
	NoNotes  bool   // --no-notes: internal notes left out
	NoEvents bool   // --no-events: events left out, and the changes messages made
	Public   bool   // --public: only what the customer saw
	TZ       string // --tz, the IANA name as typed; see Loc

	// Fetching from the API.
	Region     string        // us, eu or au: --region, CONVO_REGION, the file, the link's host, else us
	APIURL     string        // --api-url, CONVO_API_URL or the file's api_url: any base URL, over Region
	APIVersion string        // --api-version, the file's api_version, else 2.11
	Plaintext  bool          // --plaintext: display_as=plaintext
	Timeout    time.Duration // --timeout, default 20s
	Token      string        // Parse: INTERCOM_TOKEN; ResolveToken looks further; never printed
	// TokenSource says where ResolveToken found Token, for error advice:
	// "INTERCOM_TOKEN", "token_command in PATH" or "token in PATH".
	TokenSource  string
	TokenCommand string // the file's token_command, run only by ResolveToken

	// From the config file only.
	ConfigPath string // the file read, "" when none
	AppID      string // the workspace id, for web links: the link's, else the file's app_id
	TimeFormat string // "" for the screen's default, else one of TimeFormats
	TimeZone   string // the IANA name as written
	// Loc is the time zone for every time shown: --tz, else TZ, else the
	// file's time_zone; nil means local time.
	Loc          *time.Location
	SidebarWidth int // columns of the details panel; 0 means the default
	// ShowNotes and ShowEvents are the screen's start: the file's
	// show_notes and show_events, unless --no-notes or --no-events. Printed
	// output ignores the file: what leaves the machine is what the flags say.
	ShowNotes  bool
	ShowEvents bool
	Cache      bool         // keep names on disk between runs; true unless the file says false
	History    bool         // keep the conversations opened, for the picker; true unless the file says false
	ReadMarker bool         // keep each conversation's newest part shown, to open at what is new; true unless the file says false
	Keys       []KeyBinding // [keys], in file order, for keymap.Rebind

	envToken     string        // INTERCOM_TOKEN, kept for ResolveToken
	fileToken    string        // the file's token, used only if nothing else gives one
	fileMode     fs.FileMode   // the file's permission bits when read, for fileToken
	tokenTimeout time.Duration // token_command's limit; 0 means defaultTokenTimeout
}

// Following's interval: the default, and the least, which keeps one
// conversation from spending the workspace's rate limit.
const (
	DefaultInterval = 10 * time.Second
	MinInterval     = 2 * time.Second
)

// Environment variables convo reads.
const (
	EnvToken  = "INTERCOM_TOKEN"
	EnvRegion = "CONVO_REGION"
	EnvAPIURL = "CONVO_API_URL"
	EnvConfig = "CONVO_CONFIG"
	EnvTZ     = "TZ"
)

// UsageError is a mistake on the command line or in the config file: exit
// status 2. Msg is one line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ErrNoTarget is a command line that names no conversation, and is
// otherwise good: Parse's Config is whole, so that main may offer the
// history instead.
var ErrNoTarget error = &UsageError{Msg: "name a conversation: convo ID|URL, convo --file PATH or convo --demo"}

// usagef makes a *UsageError. The message is made printable whole: it
// quotes arguments and paths, which may hold anything.
func usagef(format string, a ...any) error {
	return &UsageError{Msg: Printable(fmt.Sprintf(format, a...))}
}

// Parse reads the arguments (without the program name), the environment
// through getenv, and the config file. Flags win over the environment, which
// wins over the file. It returns flag.ErrHelp for -h/--help, and a
// *UsageError for anything malformed. It runs no token_command: see
// ResolveToken.
func Parse(args []string, getenv func(string) string) (Config, error) {
	c := Config{ShowNotes: true, ShowEvents: true, Cache: true, History: true, ReadMarker: true}
	var configFlag string
	fs := flagSet(&c, &configFlag)
	if err := fs.Parse(interleave(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, flagError(fs, err, args)
	}
	pos := fs.Args()
	if len(pos) > 0 && pos[0] == "ticket" {
		// convo ticket ID|URL: a ticket, not a conversation.
		if len(pos) != 2 {
			return c, usagef("name one ticket: convo ticket ID|URL")
		}
		c.Ticket, pos = true, pos[1:]
	}
	if len(pos) > 1 {
		return c, usagef("one conversation at a time: got %d arguments", len(pos))
	}
	if len(pos) == 1 {
		c.Target = pos[0]
	}
	c.envToken = strings.TrimSpace(getenv(EnvToken))
	c.Token = c.envToken
	if c.Version {
		return c, nil // --version needs nothing else, not even a good config file
	}
	f, err := readFile(configPath(configFlag, getenv))
	if err != nil {
		return c, err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var fc fileConfig
	if f != nil {
		c.apply(f, set)
		fc = f.fileConfig
	}
	c.APIURL = cmp.Or(c.APIURL, getenv(EnvAPIURL), fc.APIURL)
	c.Theme = canon(c.Theme, Themes)
	if v := knownVersion(c.APIVersion); v != "" {
		c.APIVersion = v // the header as Intercom spells it
	}
	if c.Target != "" {
		t, err := ParseTarget(c.Target)
		if err != nil {
			return c, err
		}
		c.ID = t.ID
		c.Ticket = c.Ticket || t.Ticket
		// A flag, the environment or the file names the region over the
		// link's host.
		c.Region = cmp.Or(c.Region, getenv(EnvRegion), fc.Region, t.Region, "us")
		// The link names the conversation's own workspace, over the file's.
		c.AppID = cmp.Or(t.AppID, c.AppID)
	}
	c.Region = canon(c.Region, Regions)
	if c.NoNotes || c.Public {
		c.ShowNotes = false
	}
	if c.NoEvents || c.Public {
		c.ShowEvents = false
	}
	if err := c.zone(getenv); err != nil {
		return c, err
	}
	return c, c.validate()
}

// zone sets Loc: --tz, else TZ, else the file's time_zone (already in
// Loc), else nil for local time. A --tz that names no zone is a usage
// error. A TZ convo cannot read is passed over, as Go passes over it for
// time.Local: the environment of a whole shell should not stop convo.
func (c *Config) zone(getenv func(string) string) error {
	if c.TZ != "" {
		loc, err := loadLocation(c.TZ)
		if err != nil {
			return usagef("--tz %q: use an IANA time zone name such as Europe/Berlin or UTC", clip(c.TZ))
		}
		c.Loc = loc
		return nil
	}
	if loc, err := envLocation(getenv(EnvTZ)); err == nil {
		c.Loc = loc
	}
	return nil
}

// apply takes the file's settings, except where a flag was set.
func (c *Config) apply(f *file, set map[string]bool) {
	if !set["theme"] && f.Theme != "" {
		c.Theme = f.Theme
	}
	if !set["api-version"] && f.APIVersion != "" {
		c.APIVersion = f.APIVersion
	}
	c.ConfigPath = f.path
	c.AppID = f.AppID
	c.TimeFormat = f.TimeFormat
	c.TimeZone = f.TimeZone
	c.Loc = f.loc
	c.SidebarWidth = f.SidebarWidth
	c.ShowNotes = f.ShowNotes == nil || *f.ShowNotes
	c.ShowEvents = f.ShowEvents == nil || *f.ShowEvents
	c.Cache = f.Cache == nil || *f.Cache
	c.History = f.History == nil || *f.History
	c.ReadMarker = f.ReadMarker == nil || *f.ReadMarker
	if !set["related"] && f.Related != nil {
		c.Related = *f.Related
	}
	if !set["follow"] && f.Follow != nil {
		// A file or the demo has nothing to follow: the file's setting is
		// for conversations from the API, and quietly passes them by.
		c.Follow = *f.Follow && c.File == "" && !c.Demo
	}
	if !set["interval"] && f.interval != 0 {
		c.Interval = f.interval
	}
	c.Bell = f.Bell != nil && *f.Bell
	c.Keys = f.keys
	c.TokenCommand = f.TokenCommand
	c.fileToken = strings.TrimSpace(f.Token)
	c.fileMode = f.mode
}

func (c Config) validate() error {
	if c.Version {
		return nil
	}
	sources := 0
	for _, set := range []bool{c.Target != "", c.File != "", c.Demo} {
		if set {
			sources++
		}
	}
	switch {
	case sources > 1:
		return usagef("give only one of ID|URL, --file and --demo")
	case c.Format != "" && !slices.Contains(Formats, c.Format):
		return usagef("--format %q: use one of %s", c.Format, strings.Join(Formats, ", "))
	case !slices.Contains(Themes, c.Theme):
		return usagef("--theme %q: use one of %s", c.Theme, strings.Join(Themes, ", "))
	case knownVersion(c.APIVersion) == "":
		return usagef("--api-version %q: %s", clip(c.APIVersion), versionHint())
	case c.Timeout <= 0:
		return usagef("--timeout %s: use a positive duration such as 20s", c.Timeout)
	case c.Interval < MinInterval:
		return usagef("--interval %s: use at least %s, such as 10s", c.Interval, MinInterval)
	case c.Follow && (c.File != "" || c.Demo):
		return usagef("--follow fetches from the API: it cannot follow --file or --demo")
	case c.Region != "" && checkRegion(c.Region) != nil:
		return checkRegion(c.Region)
	case c.APIURL != "" && !validBaseURL(c.APIURL):
		return usagef("API URL %q: use an http or https URL such as https://api.intercom.io", clip(c.APIURL))
	case c.Width != 0 && (c.Width < 20 || c.Width > 1000):
		return usagef("--width %d: use a number of columns from 20 to 1000", c.Width)
	case sources == 0:
		return ErrNoTarget // last: the rest of the config is good, for the picker
	}
	return nil
}

// canon is v as allowed spells it when they differ only in case or
// surrounding spaces ("EU" is "eu"), else v as typed, for the error.
func canon(v string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimSpace(v), a) {
			return a
		}
	}
	return v
}

// interleave moves flags that follow the positional argument in front of it,
// so `convo 123 --format json` works as people type it.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" || negativeNumber.MatchString(a) {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		// A flag that takes a value consumes the next argument.
		if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	// "--" keeps a positional argument that starts with a dash from being
	// read as a flag.
	if len(rest) == 0 {
		return flags
	}
	return append(append(flags, "--"), rest...)
}

// flagSet declares the flags, writing into c and configFlag.
func flagSet(c *Config, configFlag *string) *flag.FlagSet {
	fs := flag.NewFlagSet("convo", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by the caller
	fs.StringVar(&c.File, "file", "", "")
	fs.BoolVar(&c.Demo, "demo", false, "")
	fs.StringVar(&c.Format, "format", "", "")
	fs.StringVar(&c.Theme, "theme", "auto", "")
	fs.IntVar(&c.Width, "width", 0, "")
	fs.BoolVar(&c.Quoted, "quoted", false, "")
	fs.BoolVar(&c.Related, "related", false, "")
	fs.BoolVar(&c.Version, "version", false, "")
	fs.StringVar(&c.Region, "region", "", "")
	fs.StringVar(&c.APIURL, "api-url", "", "")
	fs.StringVar(&c.APIVersion, "api-version", "2.11", "")
	fs.BoolVar(&c.Plaintext, "plaintext", false, "")
	fs.DurationVar(&c.Timeout, "timeout", 20*time.Second, "")
	fs.BoolVar(&c.Follow, "follow", false, "")
	fs.DurationVar(&c.Interval, "interval", DefaultInterval, "")
	fs.StringVar(configFlag, "config", "", "")
	fs.BoolVar(&c.NoNotes, "no-notes", false, "")
	fs.BoolVar(&c.NoEvents, "no-events", false, "")
	fs.BoolVar(&c.Public, "public", false, "")
	fs.StringVar(&c.TZ, "tz", "", "")
	return fs
}

// FlagNames lists every flag's name, for shell completion.
func FlagNames() []string {
	var c Config
	var configFlag string
	var names []string
	flagSet(&c, &configFlag).VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// flagError rewords the flag package's errors ("flag provided but not
// defined: -formt") the way the rest of convo speaks, with the closest
// flag for a typo.
func flagError(fs *flag.FlagSet, err error, args []string) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		if best := likelyFlag(name, known); best != "" {
			return usagef("unknown flag %s; did you mean --%s?", clip(asTyped(name, args)), best)
		}
		return usagef("unknown flag %s", clip(asTyped(name, args)))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return usagef("--%s needs a value", strings.TrimLeft(name, "-"))
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		// invalid boolean value "maybe" for -plaintext: parse error
		if value, name, ok := strings.Cut(rest, " for "); ok {
			name, _, _ = strings.Cut(strings.TrimLeft(name, "-"), ":")
			return usagef("--%s=%s: want true or false", name, clip(strings.Trim(value, `"`)))
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// invalid value "x" for flag -width: parse error
		if value, name, ok := strings.Cut(rest, " for flag "); ok {
			name, _, _ = strings.Cut(strings.TrimLeft(name, "-"), ":")
			return usagef("--%s %s: %s", name, clip(value), flagWants(fs.Lookup(name)))
		}
	}
	return usagef("%s", msg)
}

// asTyped is the flag name with the dashes it was typed with ("-v", not
// the flag package's "--v" or "-v" for "--v").
func asTyped(name string, args []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		typed, _, _ := strings.Cut(a, "=")
		if bare := strings.TrimLeft(typed, "-"); bare == name && bare != typed {
			return typed
		}
	}
	return "--" + name
}

// likelyFlag is the flag meant by a mistyped name: the closest by edit
// distance, or for one letter ("-v") the only flag that starts with it.
func likelyFlag(name string, known []string) string {
	if utf8.RuneCountInString(name) > 1 {
		return closest(name, known)
	}
	var starts []string
	for _, k := range known {
		if strings.HasPrefix(k, name) {
			starts = append(starts, k)
		}
	}
	if len(starts) == 1 {
		return starts[0]
	}
	return ""
}

// flagWants says what kind of value a flag takes.
func flagWants(f *flag.Flag) string {
	switch {
	case f == nil:
		return "not a valid value"
	case isBool(f):
		return "want true or false"
	}
	switch f.DefValue {
	case "20s", "10s":
		return "want a duration such as 20s or 1m"
	case "0":
		return "want a number"
	}
	return "not a valid value"
}

func validBaseURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
