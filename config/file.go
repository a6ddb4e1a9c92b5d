package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// TimeFormats lists the accepted time_format values.
var TimeFormats = []string{"relative", "absolute"}

// fileConfig is the config file as TOML sees it. Strict decoding refuses a
// field it does not list, so adding a setting starts here.
type fileConfig struct {
	Region       string         `toml:"region"`
	APIURL       string         `toml:"api_url"`
	APIVersion   string         `toml:"api_version"`
	AppID        string         `toml:"app_id"`
	Theme        string         `toml:"theme"`
	TimeFormat   string         `toml:"time_format"`
	TimeZone     string         `toml:"time_zone"`
	SidebarWidth int            `toml:"sidebar_width"`
	ShowNotes    *bool          `toml:"show_notes"`
	ShowEvents   *bool          `toml:"show_events"`
	Cache        *bool          `toml:"cache"`
	History      *bool          `toml:"history"`
	ReadMarker   *bool          `toml:"read_marker"`
	Related      *bool          `toml:"related"`
	Follow       *bool          `toml:"follow"`
	Interval     string         `toml:"interval"`
	Bell         *bool          `toml:"bell"`
	TokenCommand string         `toml:"token_command"`
	Token        string         `toml:"token"`
	Keys         map[string]any `toml:"keys"` // checked by scan, which knows the lines
}

// file is a read and checked config file.
type file struct {
	fileConfig
	path string
	mode fs.FileMode // permission bits, for the token check
	loc  *time.Location
	keys []KeyBinding
	// interval is the file's interval, parsed; 0 when it sets none.
	interval time.Duration
}

// maxConfigSize is the largest config file convo reads.
const maxConfigSize = 1 << 20

// appID is api.ValidAppID's rule, checked here so that the error names the
// file's line; main's tests check the two agree.
var appID = regexp.MustCompile(`^[A-Za-z0-9]{1,40}$`)

// configPath picks the file: --config, CONVO_CONFIG, then the XDG default.
// origin names an explicit choice ("--config"), "" for the default, which
// may be missing.
func configPath(flagPath string, getenv func(string) string) (path, origin string) {
	switch {
	case flagPath != "":
		return flagPath, "--config"
	case getenv(EnvConfig) != "":
		return getenv(EnvConfig), EnvConfig
	}
	// The XDG spec says a relative XDG_CONFIG_HOME is to be ignored.
	if dir := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "convo", "config.toml"), ""
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "convo", "config.toml"), ""
	}
	return "", ""
}

// readFile reads and checks the config file; nil with no error means there
// is none, which is fine unless it was named explicitly.
func readFile(path, origin string) (*file, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if origin == "" {
			return nil, nil
		}
		return nil, usagef("%s %s: no such file", origin, path)
	}
	if err != nil {
		return nil, usagef("%s: %v", path, cause(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, usagef("%s: %v", path, cause(err))
	}
	if info.IsDir() {
		return nil, usagef("%s is a directory: name the config file", path)
	}
	// A config file is a few hundred bytes; the limit keeps a wrong path
	// (a device, a log) from being read whole, and is an error, never a cut.
	doc, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, usagef("%s: %v", path, cause(err))
	}
	if len(doc) > maxConfigSize {
		return nil, usagef("%s is larger than %d MiB: name the config file", path, maxConfigSize>>20)
	}
	c := &file{path: path, mode: info.Mode().Perm()}
	dec := toml.NewDecoder(bytes.NewReader(doc)).DisallowUnknownFields()
	if err := dec.Decode(&c.fileConfig); err != nil {
		return nil, c.decodeError(doc, err)
	}
	lines, keys, err := c.scan(doc)
	if err != nil {
		return nil, err
	}
	c.keys = keys
	if err := c.check(lines); err != nil {
		return nil, err
	}
	return c, nil
}

// cause drops the path an *fs.PathError repeats, since messages name it.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// errorAt is a one-line *UsageError at a line of the file.
func (c *file) errorAt(line int, format string, a ...any) error {
	return usagef("%s:%d: %s", c.path, line, oneLine(fmt.Sprintf(format, a...)))
}

// check validates the values the file sets, with the flags' wording, and
// reports the first bad one in file order. lines holds the line of each
// top-level key the file sets.
func (c *file) check(lines map[string]int) error {
	v := c.fileConfig
	type problem struct {
		line int
		err  error
	}
	var problems []problem
	bad := func(field, format string, a ...any) {
		problems = append(problems, problem{lines[field], c.errorAt(lines[field], format, a...)})
	}
	set := func(field string) bool { _, ok := lines[field]; return ok }
	list := func(field, value string, allowed []string) {
		if set(field) && !slices.Contains(allowed, canon(value, allowed)) {
			bad(field, "%s %q: use one of %s", field, clip(value), strings.Join(allowed, ", "))
		}
	}
	list("region", v.Region, Regions)
	list("theme", v.Theme, Themes)
	list("time_format", v.TimeFormat, TimeFormats)
	if set("api_url") && !validBaseURL(v.APIURL) {
		bad("api_url", "api_url %q: use an http or https URL such as https://api.intercom.io", clip(v.APIURL))
	}
	if set("api_version") && knownVersion(v.APIVersion) == "" {
		bad("api_version", "api_version %q: %s", clip(v.APIVersion), versionHint())
	}
	if set("app_id") && !appID.MatchString(v.AppID) {
		bad("app_id", "app_id %q: use the workspace id from an inbox link (letters and digits)", clip(v.AppID))
	}
	if set("time_zone") {
		loc, err := loadLocation(v.TimeZone)
		if err != nil {
			bad("time_zone", "time_zone %q: use an IANA time zone name such as Europe/Dublin", clip(v.TimeZone))
		}
		c.loc = loc
	}
	if set("interval") {
		d, err := time.ParseDuration(strings.TrimSpace(v.Interval))
		switch {
		case err != nil:
			bad("interval", "interval %q: want a duration such as \"10s\" or \"1m\"", clip(v.Interval))
		case d < MinInterval:
			bad("interval", "interval %q: use at least %s, such as \"10s\"", clip(v.Interval), MinInterval)
		}
		c.interval = d
	}
	if v.SidebarWidth != 0 && (v.SidebarWidth < 20 || v.SidebarWidth > 120) {
		bad("sidebar_width", "sidebar_width %d: use a number of columns from 20 to 120", v.SidebarWidth)
	}
	if len(problems) == 0 {
		return nil
	}
	return slices.MinFunc(problems, func(a, b problem) int { return a.line - b.line }).err
}

// loadLocation refuses "", which time.LoadLocation reads as UTC.
func loadLocation(name string) (*time.Location, error) {
	if strings.TrimSpace(name) == "" {
		return nil, errors.New("no time zone")
	}
	return time.LoadLocation(name)
}

// envLocation reads TZ the way Go does for time.Local: an IANA name,
// optionally after a colon, or the path of a zoneinfo file. Unset or
// empty gives an error, so the file's time_zone applies.
func envLocation(tz string) (*time.Location, error) {
	name := strings.TrimPrefix(tz, ":")
	if !strings.HasPrefix(name, "/") {
		return loadLocation(name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return time.LoadLocationFromTZData(strings.TrimPrefix(name, "/usr/share/zoneinfo/"), data)
}

// decodeError turns go-toml's error into one line at the file's line.
func (c *file) decodeError(doc []byte, err error) error {
	var missing *toml.StrictMissingError
	if errors.As(err, &missing) && len(missing.Errors) > 0 {
		e := missing.Errors[0] // in file order; one line reports the first
		row, _ := e.Position()
		name := strings.Join(e.Key(), ".")
		what := "field"
		if strings.Contains(e.Error(), "table") {
			what = "table"
		}
		msg := fmt.Sprintf("unknown %s %q", what, name)
		if s := suggest(name); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return c.errorAt(row, "%s", msg)
	}
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return usagef("%s: %s", c.path, oneLine(err.Error()))
	}
	row, col := de.Position()
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	key := strings.Join(de.Key(), ".")
	if len(de.Key()) > 0 && strings.HasPrefix(msg, "cannot ") {
		// go-toml names Go types ("struct field config.fileConfig.SidebarWidth
		// of type int"); the user wrote TOML. A dotted key (theme.name)
		// made a table of a top-level field.
		if want, ok := fieldWants()[de.Key()[0]]; ok {
			return c.errorAt(row, "%s: want %s", de.Key()[0], want)
		}
	}
	if key != "" && !strings.Contains(msg, key) {
		msg = key + ": " + msg
	}
	if w := wordAt(doc, row, col); w != "" && !strings.Contains(msg, w) {
		msg += fmt.Sprintf(" (at %q)", clip(w))
	}
	return c.errorAt(row, "%s", msg)
}

// fieldWants maps each field's name to what its value should be.
func fieldWants() map[string]string {
	wants := map[string]string{}
	t := reflect.TypeFor[fileConfig]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch k := f.Type.Kind(); {
		case k == reflect.Int:
			wants[name] = "a number"
		case k == reflect.Pointer && f.Type.Elem().Kind() == reflect.Bool:
			wants[name] = "true or false"
		case k == reflect.Map:
			wants[name] = "a [keys] table"
		default:
			wants[name] = "a string in quotes"
		}
	}
	return wants
}

// suggest is the known field closest to name, if it is a likely typo.
func suggest(name string) string {
	var fields []string
	for field := range fieldWants() {
		fields = append(fields, field)
	}
	return closest(name, fields)
}

// closest is the word of known nearest to name, if it is a likely typo
// (at most two edits away), else "".
func closest(name string, known []string) string {
	best, bestDist := "", 3
	for _, w := range known {
		if d := distance(name, w); d < bestDist || (d == bestDist && w < best) {
			best, bestDist = w, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// wordAt is the word at a 1-based line and column: what go-toml pointed at.
func wordAt(doc []byte, row, col int) string {
	lines := strings.Split(string(doc), "\n")
	if row < 1 || row > len(lines) {
		return ""
	}
	line := lines[row-1]
	if col < 1 || col > len(line) {
		return ""
	}
	rest := line[col-1:]
	if i := strings.IndexAny(rest, " \t\r=,]}#"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}
