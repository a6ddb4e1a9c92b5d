package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // time_zone tests must not depend on the machine's zoneinfo
)

// writeConfig writes a config file with the given permission bits and
// returns its path.
func writeConfig(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // the umask may have cleared bits
		t.Fatal(err)
	}
	return path
}

// envOf is a getenv that reads only m: no test sees the real HOME.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// mustUsage checks that err is a one-line *UsageError and returns its text.
func mustUsage(t *testing.T, err error) string {
	t.Helper()
	var ue *UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v (%T), want a *UsageError", err, err)
	}
	if strings.ContainsAny(err.Error(), "\n\r") {
		t.Errorf("error %q is more than one line", err)
	}
	return err.Error()
}

func TestFileFields(t *testing.T) {
	path := writeConfig(t, `# every setting
region = "eu"
api_url = "http://127.0.0.1:4010"
api_version = "2.13"
app_id = "abc123"
theme = "light"
time_format = "absolute"
time_zone = "Europe/Dublin"
sidebar_width = 40
show_notes = false
show_events = false
cache = false
history = false
follow = true
interval = "30s"
bell = true
read_marker = false
token_command = "pass show intercom/token"
token = "file-token"

[keys]
quit = "x"
`, 0o600)
	c, err := Parse([]string{"--config", path, "5"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	dublin, _ := time.LoadLocation("Europe/Dublin")
	want := withDefaults(Config{
		Target: "5", ID: "5", Region: "eu", APIURL: "http://127.0.0.1:4010", APIVersion: "2.13", Theme: "light",
		ConfigPath: path, AppID: "abc123", TimeFormat: "absolute", TimeZone: "Europe/Dublin", Loc: dublin,
		SidebarWidth: 40, TokenCommand: "pass show intercom/token",
		Keys:   []KeyBinding{{Action: "quit", Keys: []string{"x"}, Line: 22}},
		Follow: true, Interval: 30 * time.Second, Bell: true,
		fileToken: "file-token", fileMode: 0o600,
	})
	want.ShowNotes, want.ShowEvents, want.Cache, want.History = false, false, false, false
	want.ReadMarker = false
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse read\n%+v\nwant\n%+v", c, want)
	}
	if c.Token != "" || c.TokenSource != "" {
		t.Errorf("Parse set token %q from %q; only ResolveToken may", c.Token, c.TokenSource)
	}
}

func TestFileDefaults(t *testing.T) {
	// Settings a file leaves out keep their defaults.
	path := writeConfig(t, "app_id = \"x1\"\n", 0o644)
	c, err := Parse([]string{"--config", path, "--demo"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	want := withDefaults(Config{Demo: true, ConfigPath: path, AppID: "x1", fileMode: 0o644})
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse read\n%+v\nwant\n%+v", c, want)
	}
}

func TestPrecedence(t *testing.T) {
	const link = "https://app.au.intercom.com/a/inbox/x/inbox/conversation/5"
	file := "region = \"eu\"\napi_url = \"http://file.example\"\napi_version = \"2.12\"\ntheme = \"dark\"\n"
	flags := []string{"--region", "us", "--api-url", "http://flag.example", "--api-version", "2.14", "--theme", "light"}
	env := map[string]string{EnvRegion: "au", EnvAPIURL: "http://env.example"}
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		args    []string
		want    [4]string // region, api url, api version, theme
		wantSet bool
	}{
		{"defaults", "", nil, []string{"5"}, [4]string{"us", "", "2.11", "auto"}, false},
		{"the link's region", "", nil, []string{link}, [4]string{"au", "", "2.11", "auto"}, false},
		{"the file over the link and defaults", file, nil, []string{link},
			[4]string{"eu", "http://file.example", "2.12", "dark"}, false},
		{"the environment over the file", file, env, []string{"5"},
			[4]string{"au", "http://env.example", "2.12", "dark"}, false},
		{"flags over everything", file, env, append([]string{link}, flags...),
			[4]string{"us", "http://flag.example", "2.14", "light"}, false},
		{"the file's values in any case", "region = \"EU\"\ntheme = \" Dark\"\n", nil, []string{"5"},
			[4]string{"eu", "", "2.11", "dark"}, false},
		{"the environment's region in any case", "", map[string]string{EnvRegion: "Au"}, []string{"5"},
			[4]string{"au", "", "2.11", "auto"}, false},
		{"flags in any case", "", nil, []string{"5", "--region", "EU", "--theme", "LIGHT"},
			[4]string{"eu", "", "2.11", "light"}, false},
		{"a flag set to its default still wins", file, nil, []string{"5", "--theme", "auto", "--api-version", "2.11"},
			[4]string{"eu", "http://file.example", "2.11", "auto"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			if tt.file != "" {
				env[EnvConfig] = writeConfig(t, tt.file, 0o600)
			}
			c, err := Parse(tt.args, envOf(env))
			if err != nil {
				t.Fatal(err)
			}
			got := [4]string{c.Region, c.APIURL, c.APIVersion, c.Theme}
			if got != tt.want {
				t.Errorf("region, api url, api version, theme = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConfigPath(t *testing.T) {
	home, xdg, other := t.TempDir(), t.TempDir(), t.TempDir()
	write := func(dir, rel string) string {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("app_id = \"a1\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	homeFile := write(home, ".config/convo/config.toml")
	xdgFile := write(xdg, "convo/config.toml")
	envFile := write(other, "env.toml")
	flagFile := write(other, "flag.toml")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // ConfigPath
	}{
		{"HOME's .config", map[string]string{"HOME": home}, nil, homeFile},
		{"XDG_CONFIG_HOME over HOME", map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg}, nil, xdgFile},
		{"a relative XDG_CONFIG_HOME is ignored", map[string]string{"HOME": home, "XDG_CONFIG_HOME": "rel"}, nil, homeFile},
		{"CONVO_CONFIG over the default", map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg, EnvConfig: envFile}, nil, envFile},
		{"--config over CONVO_CONFIG", map[string]string{"HOME": home, EnvConfig: envFile}, []string{"--config", flagFile}, flagFile},
		{"a missing default file is fine", map[string]string{"HOME": other, "XDG_CONFIG_HOME": other}, nil, ""},
		{"no HOME, no file", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(append([]string{"--demo"}, tt.args...), envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.ConfigPath != tt.want {
				t.Errorf("ConfigPath = %q, want %q", c.ConfigPath, tt.want)
			}
			if tt.want != "" && c.AppID != "a1" {
				t.Errorf("AppID = %q, want the file's a1", c.AppID)
			}
		})
	}
}

func TestConfigPathRefuses(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.toml")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"missing --config", nil, []string{"--config", missing}, "--config " + missing + ": no such file"},
		{"missing CONVO_CONFIG", map[string]string{EnvConfig: missing}, nil, "CONVO_CONFIG " + missing + ": no such file"},
		{"a directory", nil, []string{"--config", dir}, dir + " is a directory: name the config file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(append([]string{"--demo"}, tt.args...), envOf(tt.env))
			if got := mustUsage(t, err); got != tt.want {
				t.Errorf("error %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersionIgnoresTheFile(t *testing.T) {
	path := writeConfig(t, "theme = \"blue\"\n", 0o600)
	if _, err := Parse([]string{"--version", "--config", path}, noEnv); err != nil {
		t.Errorf("--version with a bad config file: %v", err)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // after "PATH:"
	}{
		{"malformed", "region = \"eu\"\ntheme blue\n", `2: expected '=' after key (at "blue")`},
		{"unterminated string", "\nregion = \"eu\n", "2: basic strings cannot have new lines"},
		{"unterminated array", "[keys]\nquit = [\"q\",\n", "2: array is incomplete"},
		{"duplicate field", "region = \"eu\"\nregion = \"us\"\n", "2: key region is already defined"},
		{"unknown field", "theme = \"dark\"\n\nregoin = \"eu\"\n", `3: unknown field "regoin"; did you mean "region"?`},
		{"unknown field, no likely one", "colour = \"red\"\n", `1: unknown field "colour"`},
		{"unknown table", "\n[sidebar]\nwidth = 3\n", `2: unknown table "sidebar"`},
		{"unknown dotted field", "theme.name = \"x\"\n", `1: theme: want a string in quotes`},
		{"number as string", "sidebar_width = \"wide\"\n", "1: sidebar_width: want a number"},
		{"float for a number", "\n\nsidebar_width = 1.5\n", "3: sidebar_width: want a number"},
		{"huge number", "sidebar_width = 99999999999999999999\n", "1: sidebar_width: decimal number is too large to fit in a 64-bit signed integer (at \"99999999999999999999\")"},
		{"string for a bool", "show_notes = \"yes\"\n", "1: show_notes: want true or false"},
		{"array for a string", "region = [\"eu\"]\n", "1: region: want a string in quotes"},
		{"keys not a table", "keys = 5\n", "1: keys: want a [keys] table"},
		{"bad theme", "region = \"eu\"\n\ntheme = \"blue\"\n", `3: theme "blue": use one of auto, dark, light`},
		{"bad theme in capitals", "theme = \"Blue\"\n", `1: theme "Blue": use one of auto, dark, light`},
		{"empty theme", "theme = \"\"\n", `1: theme "": use one of auto, dark, light`},
		{"bad region", "region = \"mars\"\n", `1: region "mars": use one of us, eu, au`},
		{"bad time_format", "time_format = \"iso\"\n", `1: time_format "iso": use one of relative, absolute`},
		{"bad time_zone", "time_zone = \"Mars/Olympus\"\n", `1: time_zone "Mars/Olympus": use an IANA time zone name such as Europe/Dublin`},
		{"empty time_zone", "time_zone = \"\"\n", `1: time_zone "": use an IANA time zone name such as Europe/Dublin`},
		{"narrow sidebar", "sidebar_width = 10\n", "1: sidebar_width 10: use a number of columns from 20 to 120"},
		{"wide sidebar", "sidebar_width = 121\n", "1: sidebar_width 121: use a number of columns from 20 to 120"},
		{"bad api_url", "api_url = \"ftp://x\"\n", `1: api_url "ftp://x": use an http or https URL such as https://api.intercom.io`},
		{"empty api_version", "api_version = \" \"\n", `1: api_version " ": use one of 2.11, 2.12, 2.13, 2.14, 2.15, 2.16, Unstable`},
		{"unknown api_version", "theme = \"dark\"\napi_version = \"3\"\n", `2: api_version "3": use one of 2.11, 2.12, 2.13, 2.14, 2.15, 2.16, Unstable`},
		{"an interval under the least", "interval = \"1s\"\n", `1: interval "1s": use at least 2s, such as "10s"`},
		{"an interval that is no duration", "\ninterval = \"ten\"\n", `2: interval "ten": want a duration such as "10s" or "1m"`},
		{"an interval as a number", "interval = 10\n", "1: interval: want a string in quotes"},
		{"follow as a string", "follow = \"yes\"\n", "1: follow: want true or false"},
		{"bad app_id", "app_id = \"my app\"\n", `1: app_id "my app": use the workspace id from an inbox link (letters and digits)`},
		{"the first bad line wins", "theme = \"blue\"\nregion = \"mars\"\n", `1: theme "blue": use one of auto, dark, light`},
		{"control character in the value", "theme = \"bl\\u0007ue\"\n", `1: theme "blue": use one of auto, dark, light`},
		{"empty key list", "[keys]\nquit = \"q\"\nnext_part = []\n", "3: [keys] next_part: give at least one key"},
		{"a number as a key", "[keys]\nquit = [\"q\", 5]\n", "2: [keys] quit: want a key name in quotes or a list of them"},
		{"a table as a key", "[keys]\n\"quit\" = {a = \"q\"}\n", "2: [keys] quit: want a key name in quotes or a list of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.text, 0o600)
			_, err := Parse([]string{"--demo"}, envOf(map[string]string{EnvConfig: path}))
			got := mustUsage(t, err)
			if want := path + ":" + tt.want; got != want {
				t.Errorf("error\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []KeyBinding
	}{
		{"a string and an array", "theme = \"dark\"\n[keys]\nquit = \"q\"\nnext_part = [\"]\", \"ctrl+n\"]\n",
			[]KeyBinding{{"quit", []string{"q"}, 3}, {"next_part", []string{"]", "ctrl+n"}, 4}}},
		{"a multi-line array", "[keys]\nscroll_down = [\n  \"j\", # vi\n  \"down\",\n]\nhelp = '?'\n",
			[]KeyBinding{{"scroll_down", []string{"j", "down"}, 2}, {"help", []string{"?"}, 6}}},
		{"quoted names and literal strings", "[keys]\n\"next_part\" = 'J'\n'prev_part' = [\"K\"]\n",
			[]KeyBinding{{"next_part", []string{"J"}, 2}, {"prev_part", []string{"K"}, 3}}},
		{"an inline table", "\nkeys = { quit = \"x\", help = \"h\" }\n",
			[]KeyBinding{{"quit", []string{"x"}, 2}, {"help", []string{"h"}, 2}}},
		{"dotted keys at the top", "keys.quit = \"x\"\n",
			[]KeyBinding{{"quit", []string{"x"}, 1}}},
		{"unknown actions are the caller's to refuse", "[keys]\nfly = \"f\"\n",
			[]KeyBinding{{"fly", []string{"f"}, 2}}},
		{"no [keys]", "theme = \"dark\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.text, 0o600)
			c, err := Parse([]string{"--demo", "--config", path}, noEnv)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Keys, tt.want) {
				t.Errorf("Keys = %+v, want %+v", c.Keys, tt.want)
			}
		})
	}
}

func TestKeyError(t *testing.T) {
	c := Config{ConfigPath: "/home/u/.config/convo/config.toml"}
	b := KeyBinding{Action: "fly", Keys: []string{"f"}, Line: 7}
	err := c.KeyError(b, errors.New("unknown action \"fly\"\n(known: quit)"))
	want := `/home/u/.config/convo/config.toml:7: [keys] unknown action "fly" (known: quit)`
	if got := mustUsage(t, err); got != want {
		t.Errorf("KeyError = %q, want %q", got, want)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"region", "region", 0}, {"regoin", "region", 2}, {"them", "theme", 1},
		{"", "abc", 3}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// A config file over 1 MiB is an error, not read in part: a cut file could
// lose its last settings, or parse as something else.
func TestConfigFileSizeLimit(t *testing.T) {
	padded := func(size int) string {
		head := "theme = \"dark\"\n"
		return head + "#" + strings.Repeat("x", size-len(head)-2) + "\n"
	}
	fits := writeConfig(t, padded(1<<20), 0o600)
	if _, err := Parse([]string{"--demo", "--config", fits}, noEnv); err != nil {
		t.Errorf("a config file of 1 MiB: %v", err)
	}
	big := writeConfig(t, padded(1<<20+1), 0o600)
	_, err := Parse([]string{"--demo", "--config", big}, noEnv)
	if got, want := mustUsage(t, err), big+" is larger than 1 MiB: name the config file"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

// follow and interval: a flag over the file, the file over the defaults;
// the file's follow passes a file and the demo by, which have nothing to
// follow, where the flag is refused.
func TestFollowPrecedence(t *testing.T) {
	tests := []struct {
		name         string
		file         string
		args         []string
		follow       bool
		interval     time.Duration
		bell, marker bool
	}{
		{"defaults", "", []string{"5"}, false, 10 * time.Second, false, true},
		{"the file's", "follow = true\ninterval = \"1m\"\nbell = true\nread_marker = false\n", []string{"5"}, true, time.Minute, true, false},
		{"flags over the file", "follow = true\ninterval = \"1m\"\n", []string{"5", "--follow=false", "--interval", "5s"}, false, 5 * time.Second, false, true},
		{"the file's follow passes the demo by", "follow = true\n", []string{"--demo"}, false, 10 * time.Second, false, true},
		{"and a file", "follow = true\n", []string{"--file", "c.json"}, false, 10 * time.Second, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.file != "" {
				env[EnvConfig] = writeConfig(t, tt.file, 0o600)
			}
			c, err := Parse(tt.args, envOf(env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Follow != tt.follow || c.Interval != tt.interval || c.Bell != tt.bell || c.ReadMarker != tt.marker {
				t.Errorf("follow %v interval %s bell %v read_marker %v, want %v %s %v %v",
					c.Follow, c.Interval, c.Bell, c.ReadMarker, tt.follow, tt.interval, tt.bell, tt.marker)
			}
		})
	}
}
