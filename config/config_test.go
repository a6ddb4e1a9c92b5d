package config

import (
	"cmp"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

// withDefaults is c with the defaults Parse fills in.
func withDefaults(c Config) Config {
	c.Theme = cmp.Or(c.Theme, "auto")
	c.APIVersion = cmp.Or(c.APIVersion, "2.11")
	c.Timeout = cmp.Or(c.Timeout, 20*time.Second)
	c.ShowNotes, c.ShowEvents, c.Cache, c.History = true, true, true, true
	c.Interval = cmp.Or(c.Interval, DefaultInterval)
	c.ReadMarker = true
	return c
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Config
	}{
		{"demo", []string{"--demo"}, Config{Demo: true}},
		{"id", []string{"12345"}, Config{Target: "12345", ID: "12345", Region: "us"}},
		{"flags after the argument", []string{"12345", "--format", "json", "--width=90"},
			Config{Target: "12345", ID: "12345", Region: "us", Format: "json", Width: 90}},
		{"eu link", []string{"https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/987"},
			Config{Target: "https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/987", ID: "987", Region: "eu", AppID: "abc123"}},
		{"an id as the inbox writes it", []string{"#123"}, Config{Target: "#123", ID: "123", Region: "us"}},
		{"a link without its scheme", []string{"app.eu.intercom.com/a/inbox/abc123/inbox/conversation/987"},
			Config{Target: "app.eu.intercom.com/a/inbox/abc123/inbox/conversation/987", ID: "987", Region: "eu", AppID: "abc123"}},
		{"the older apps link", []string{"https://app.intercom.io/a/apps/q1w2e3/conversations/44"},
			Config{Target: "https://app.intercom.io/a/apps/q1w2e3/conversations/44", ID: "44", Region: "us", AppID: "q1w2e3"}},
		{"a link's workspace id not shaped like one is left", []string{"https://app.intercom.com/a/inbox/a%20b/inbox/conversation/44"},
			Config{Target: "https://app.intercom.com/a/inbox/a%20b/inbox/conversation/44", ID: "44", Region: "us"}},
		{"the flag's region over the link's", []string{"--region", "us", "https://app.au.intercom.com/a/inbox/x/inbox/shared/all/conversation/5"},
			Config{Target: "https://app.au.intercom.com/a/inbox/x/inbox/shared/all/conversation/5", ID: "5", Region: "us", AppID: "x"}},
		{"api flags", []string{"7", "--api-url", "http://127.0.0.1:4010", "--api-version", "2.13", "--plaintext", "--timeout", "5s"},
			Config{Target: "7", ID: "7", Region: "us", APIURL: "http://127.0.0.1:4010", APIVersion: "2.13", Plaintext: true, Timeout: 5 * time.Second}},
		{"unstable as Intercom spells it", []string{"7", "--api-version", "unstable"},
			Config{Target: "7", ID: "7", Region: "us", APIVersion: "Unstable"}},
		{"the newest numbered version", []string{"7", "--api-version", "2.16"},
			Config{Target: "7", ID: "7", Region: "us", APIVersion: "2.16"}},
		{"file from stdin", []string{"--file", "-", "--theme", "light"}, Config{File: "-", Theme: "light"}},
		{"single dash flags", []string{"-demo", "-format", "text"}, Config{Demo: true, Format: "text"}},
		{"double dash ends flags", []string{"--format", "text", "--", "42"}, Config{Target: "42", ID: "42", Region: "us", Format: "text"}},
		{"version needs nothing else", []string{"--version"}, Config{Version: true}},
		{"a ticket", []string{"ticket", "38"}, Config{Target: "38", ID: "38", Region: "us", Ticket: true}},
		{"a ticket with flags around it", []string{"--format", "json", "ticket", "#38", "--related"},
			Config{Target: "#38", ID: "38", Region: "us", Format: "json", Related: true, Ticket: true}},
		{"a ticket's inbox link", []string{"https://app.eu.intercom.com/a/inbox/abc123/inbox/ticket/631"},
			Config{Target: "https://app.eu.intercom.com/a/inbox/abc123/inbox/ticket/631", ID: "631", Region: "eu", AppID: "abc123", Ticket: true}},
		{"a ticket's link in a view", []string{"app.intercom.com/a/inbox/abc123/inbox/shared/all/ticket/631"},
			Config{Target: "app.intercom.com/a/inbox/abc123/inbox/shared/all/ticket/631", ID: "631", Region: "us", AppID: "abc123", Ticket: true}},
		{"the older apps link to a ticket", []string{"https://app.intercom.io/a/apps/q1w2e3/tickets/44"},
			Config{Target: "https://app.intercom.io/a/apps/q1w2e3/tickets/44", ID: "44", Region: "us", AppID: "q1w2e3", Ticket: true}},
		{"a ticket's link after the word", []string{"ticket", "https://app.intercom.com/a/inbox/abc123/inbox/ticket/631"},
			Config{Target: "https://app.intercom.com/a/inbox/abc123/inbox/ticket/631", ID: "631", Region: "us", AppID: "abc123", Ticket: true}},
		{"related", []string{"7", "--related"}, Config{Target: "7", ID: "7", Region: "us", Related: true}},
		{"follow", []string{"7", "--follow"}, Config{Target: "7", ID: "7", Region: "us", Follow: true}},
		{"follow every 30s", []string{"7", "--follow", "--interval", "30s"},
			Config{Target: "7", ID: "7", Region: "us", Follow: true, Interval: 30 * time.Second}},
		{"the least interval", []string{"7", "--interval=2s"}, Config{Target: "7", ID: "7", Region: "us", Interval: 2 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.args, noEnv)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.args, err)
			}
			if want := withDefaults(tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.args, got, want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"nothing to show", nil, "name a conversation"},
		{"two sources", []string{"123", "--demo"}, "only one"},
		{"a hash without an id", []string{"#abc"}, `"#abc" is not a conversation`},
		{"a hash and a zero", []string{"#0"}, "0 is not a conversation id"},
		{"a scheme-less path on another host", []string{"example.com/conversation/5"}, "example.com is not an Intercom inbox host"},
		{"two ids", []string{"123", "456"}, "one conversation at a time"},
		{"the word ticket alone", []string{"ticket"}, "name one ticket: convo ticket ID|URL"},
		{"two tickets", []string{"ticket", "1", "2"}, "name one ticket"},
		{"a ticket and the demo", []string{"ticket", "1", "--demo"}, "only one"},
		{"a ticket that is no id", []string{"ticket", "abc"}, `"abc" is not a conversation`},
		{"unknown flag", []string{"--demo", "--colour"}, "unknown flag --colour"},
		{"a typo of a flag", []string{"--demo", "--formt", "json"}, "unknown flag --formt; did you mean --format?"},
		{"a typo of a bool flag", []string{"--dmeo"}, "unknown flag --dmeo; did you mean --demo?"},
		{"a short flag as typed", []string{"-v"}, "unknown flag -v; did you mean --version?"},
		{"a single-dash typo as typed", []string{"--demo", "-formt=json"}, "unknown flag -formt; did you mean --format?"},
		{"a letter that starts several flags", []string{"--demo", "-f"}, "unknown flag -f"},
		{"a letter that starts none", []string{"--demo", "-x"}, "unknown flag -x"},
		{"missing value", []string{"--demo", "--format"}, "--format needs a value"},
		{"not a duration", []string{"5", "--timeout", "5"}, `--timeout "5": want a duration such as 20s`},
		{"not a bool", []string{"--demo", "--plaintext=maybe"}, "--plaintext=maybe: want true or false"},
		{"unknown format", []string{"--demo", "--format", "html"}, `--format "html"`},
		{"unknown theme", []string{"--demo", "--theme", "sepia"}, `--theme "sepia"`},
		{"width too small", []string{"--demo", "--width", "10"}, "--width 10"},
		{"width not a number", []string{"--demo", "--width", "wide"}, `--width "wide": want a number`},
		{"negative width", []string{"--demo", "--width", "-5"}, "--width -5"},
		{"not an id", []string{"12a"}, `"12a" is not a conversation`},
		{"another host", []string{"https://example.com/conversation/5"}, "example.com is not an Intercom inbox host"},
		{"link without a conversation", []string{"https://app.intercom.com/a/inbox/x/inbox/"}, "the link names no conversation"},
		{"unknown region", []string{"5", "--region", "mars"}, `region "mars"`},
		{"bad api url", []string{"5", "--api-url", "ftp://x"}, `API URL "ftp://x"`},
		{"zero timeout", []string{"5", "--timeout", "0s"}, "--timeout 0s"},
		{"an interval under the least", []string{"5", "--follow", "--interval", "1500ms"}, "--interval 1.5s: use at least 2s"},
		{"a zero interval", []string{"5", "--interval", "0"}, "--interval 0s: use at least 2s"},
		{"an interval that is no duration", []string{"5", "--interval", "often"}, `--interval "often": want a duration such as 20s`},
		{"following a file", []string{"--file", "c.json", "--follow"}, "--follow fetches from the API: it cannot follow --file or --demo"},
		{"following the demo", []string{"--demo", "--follow"}, "cannot follow --file or --demo"},
		{"api version before 2.11", []string{"5", "--api-version", "2.10"}, `--api-version "2.10": use one of 2.11, 2.12, 2.13, 2.14, 2.15, 2.16, Unstable`},
		{"api version not yet known", []string{"5", "--api-version", "2.17"}, `--api-version "2.17"`},
		{"api version that is no version", []string{"5", "--api-version", "latest"}, `--api-version "latest"`},
		{"empty api version", []string{"5", "--api-version", ""}, `--api-version ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.args, noEnv)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) error %v, want a *UsageError", tt.args, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error %q, want it to say %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestParseHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		if _, err := Parse([]string{arg}, noEnv); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("Parse(%q) error %v, want flag.ErrHelp", arg, err)
		}
	}
}

func TestParseEnvironment(t *testing.T) {
	env := map[string]string{EnvToken: " tok-123\n", EnvRegion: "au", EnvAPIURL: "http://127.0.0.1:9"}
	getenv := func(k string) string { return env[k] }
	c, err := Parse([]string{"https://app.eu.intercom.com/a/inbox/x/inbox/conversation/8"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	// The environment's region wins over the link's; the token is trimmed.
	if c.Token != "tok-123" || c.Region != "au" || c.APIURL != "http://127.0.0.1:9" {
		t.Errorf("got token %q region %q api url %q", c.Token, c.Region, c.APIURL)
	}
	c, err = Parse([]string{"8", "--region", "eu", "--api-url", "https://proxy.example"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Region != "eu" || c.APIURL != "https://proxy.example" {
		t.Errorf("flags lost to the environment: region %q api url %q", c.Region, c.APIURL)
	}
}

// A negative number or zero is not an id, and the error says what an id is.
func TestIDsArePositiveNumbers(t *testing.T) {
	tests := []struct {
		name string
		args []string
		arg  string
	}{
		{"a negative number", []string{"-5"}, "-5"},
		{"a negative number after flags", []string{"--format", "json", "-12345"}, "-12345"},
		{"a negative number after --", []string{"--", "-5"}, "-5"},
		{"zero", []string{"0"}, "0"},
		{"zeros", []string{"000"}, "000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.args, noEnv)
			got := mustUsage(t, err)
			if want := tt.arg + " is not a conversation id: ids are positive numbers, such as 12345"; got != want {
				t.Errorf("Parse(%q) error %q, want %q", tt.args, got, want)
			}
		})
	}
	// A flag's negative value is still the flag's.
	if _, err := Parse([]string{"--demo", "--width", "-5"}, noEnv); err == nil || !strings.Contains(err.Error(), "--width -5") {
		t.Errorf("--width -5: error %v, want it about --width", err)
	}
}

// No conversation named is ErrNoTarget, with the rest of the config read,
// for main's picker; a mistake elsewhere is said first.
func TestParseNoTarget(t *testing.T) {
	path := writeConfig(t, "theme = \"light\"\nhistory = false\n", 0o600)
	c, err := Parse([]string{"--config", path}, noEnv)
	if !errors.Is(err, ErrNoTarget) {
		t.Fatalf("Parse without a target: %v, want ErrNoTarget", err)
	}
	if c.Theme != "light" || c.History {
		t.Errorf("Parse without a target read theme %q, history %v; want the file's light and false", c.Theme, c.History)
	}
	if _, err := Parse([]string{"--config", path, "--format", "html"}, noEnv); errors.Is(err, ErrNoTarget) || !strings.Contains(err.Error(), `--format "html"`) {
		t.Errorf("Parse with a bad format and no target: %v, want the format's error", err)
	}
}
