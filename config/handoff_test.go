package config

import (
	"os"
	"testing"
)

// The time zone: --tz over TZ over the file's time_zone, else local
// (nil). A TZ convo cannot read is passed over; a bad --tz is refused.
func TestZonePrecedence(t *testing.T) {
	berlinFile := "/usr/share/zoneinfo/Europe/Berlin"
	if _, err := os.Stat(berlinFile); err != nil {
		berlinFile = ""
	}
	tests := []struct {
		name string
		file string // time_zone
		tz   string // TZ
		flag string // --tz
		want string // Loc's name; "" for nil
	}{
		{"nothing: local time", "", "", "", ""},
		{"the file", "Asia/Tokyo", "", "", "Asia/Tokyo"},
		{"TZ over the file", "Asia/Tokyo", "America/New_York", "", "America/New_York"},
		{"TZ with a colon", "", ":Europe/Paris", "", "Europe/Paris"},
		{"--tz over TZ and the file", "Asia/Tokyo", "America/New_York", "Europe/Berlin", "Europe/Berlin"},
		{"--tz over the file", "Asia/Tokyo", "", "UTC", "UTC"},
		{"a TZ convo cannot read falls to the file", "Asia/Tokyo", "Not/AZone", "", "Asia/Tokyo"},
		{"a TZ convo cannot read falls to local time", "", "Not/AZone", "", ""},
	}
	if berlinFile != "" {
		tests = append(tests, struct{ name, file, tz, flag, want string }{
			"TZ as a zoneinfo path", "Asia/Tokyo", berlinFile, "", "Europe/Berlin"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{EnvTZ: tt.tz}
			if tt.file != "" {
				env[EnvConfig] = writeConfig(t, "time_zone = \""+tt.file+"\"\n", 0o600)
			}
			args := []string{"--demo"}
			if tt.flag != "" {
				args = append(args, "--tz", tt.flag)
			}
			c, err := Parse(args, envOf(env))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if c.Loc != nil {
				got = c.Loc.String()
			}
			if got != tt.want {
				t.Errorf("Loc = %q, want %q", got, tt.want)
			}
			if c.TimeZone != tt.file {
				t.Errorf("TimeZone = %q, want the file's %q", c.TimeZone, tt.file)
			}
		})
	}
}

func TestZoneRefused(t *testing.T) {
	for _, tz := range []string{"Mars/Olympus", "../etc/passwd", " "} {
		_, err := Parse([]string{"--demo", "--tz", tz}, noEnv)
		if got := mustUsage(t, err); got != `--tz "`+tz+`": use an IANA time zone name such as Europe/Berlin or UTC` {
			t.Errorf("--tz %q: error %q", tz, got)
		}
	}
}

// The hand-off flags, and what they do to the screen's start: flags win
// over the file's show_notes and show_events.
func TestHandoffFlags(t *testing.T) {
	tests := []struct {
		name               string
		file               string
		args               []string
		notes, events, pub bool // NoNotes, NoEvents, Public
		show               [2]bool
	}{
		{"none", "", nil, false, false, false, [2]bool{true, true}},
		{"--no-notes", "", []string{"--no-notes"}, true, false, false, [2]bool{false, true}},
		{"--no-events", "", []string{"--no-events"}, false, true, false, [2]bool{true, false}},
		{"--public", "", []string{"--public"}, false, false, true, [2]bool{false, false}},
		{"the file alone", "show_notes = false\n", nil, false, false, false, [2]bool{false, true}},
		{"the file cannot bring back what a flag hides", "show_events = true\n", []string{"--no-events"},
			false, true, false, [2]bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.file != "" {
				env[EnvConfig] = writeConfig(t, tt.file, 0o600)
			}
			c, err := Parse(append([]string{"--demo"}, tt.args...), envOf(env))
			if err != nil {
				t.Fatal(err)
			}
			if c.NoNotes != tt.notes || c.NoEvents != tt.events || c.Public != tt.pub {
				t.Errorf("NoNotes, NoEvents, Public = %v, %v, %v; want %v, %v, %v",
					c.NoNotes, c.NoEvents, c.Public, tt.notes, tt.events, tt.pub)
			}
			if got := [2]bool{c.ShowNotes, c.ShowEvents}; got != tt.show {
				t.Errorf("ShowNotes, ShowEvents = %v, want %v", got, tt.show)
			}
		})
	}
}
