package main

import (
	"bytes"
	"strings"
	"testing"
)

// handoff runs convo on the demo and returns stdout, failing unless it
// exits 0.
func handoff(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if status := run(append([]string{"--demo"}, args...), nil, &stdout, &stderr); status != 0 {
		t.Fatalf("convo --demo %s: status %d: %s", strings.Join(args, " "), status, stderr.String())
	}
	return stdout.String()
}

// Strings of the demo that only the team saw, by what they are.
var (
	demoNotes = []string{
		"Smells like an encoding", "From the export worker", "Reviewed and approved",
		"Siobhán is in training", "internal note", "Internal note",
	}
	demoEvents = []string{
		"assigned the conversation", "tagged", "closed the conversation", "reopened",
		"snoozed the conversation", "added a participant", "detected the conversation's language",
		"offered quick replies", "missed its first reply time target",
	}
	demoInternals = []string{
		"Assignee", "Support Engineering", "Tier 1 Support", "VIP", "csv-export", "fix-shipped",
		"SLA", "Statistics", "Handling time", "Churn risk", "MRR", "jira_issue_key", "EXP-2291\n",
		"Fin for billing and exports", "routed to a team", "@ledgerly.io", "nordlicht-0042",
		"674d2a91c3e8b1f0a5d34e21", "Priority", "· priority", "Waiting since", "Source", "Tracker",
	}
	// What the customer saw: her message, the team's replies, the bot's.
	demoPublic = []string{
		"Since this morning the", "Thanks Lena, that narrows it down a lot",
		"Thanks for getting in touch!", "Lena Schäfer", "Siobhán O'Neill",
	}
)

func TestRunPublic(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			out := handoff(t, "--format", format, "--public")
			for _, group := range [][]string{demoNotes, demoEvents, demoInternals} {
				for _, s := range group {
					if strings.Contains(out, s) {
						t.Errorf("--public %s output holds %q", format, s)
					}
				}
			}
			for _, s := range demoPublic {
				if !strings.Contains(out, s) {
					t.Errorf("--public %s output lacks %q", format, s)
				}
			}
			if format != "json" && !strings.Contains(out, "Public view: customer-visible messages only") {
				t.Errorf("--public %s output does not say it is the public view", format)
			}
		})
	}
}

func TestRunNoNotesNoEvents(t *testing.T) {
	tests := []struct {
		flags      []string
		notes      bool // kept
		events     bool // kept
		wantHeader string
	}{
		{nil, true, true, ""},
		{[]string{"--no-notes"}, false, true, "Internal notes left out"},
		{[]string{"--no-events"}, true, false, "Events left out"},
		{[]string{"--no-notes", "--no-events"}, false, false, "Internal notes and events left out"},
	}
	for _, tt := range tests {
		for _, format := range []string{"text", "markdown", "json"} {
			t.Run(strings.Join(append([]string{format}, tt.flags...), " "), func(t *testing.T) {
				out := handoff(t, append([]string{"--format", format}, tt.flags...)...)
				for _, c := range []struct {
					what    string
					samples []string
					kept    bool
				}{{"notes", demoNotes[:4], tt.notes}, {"events", demoEvents[:3], tt.events}} {
					for _, s := range c.samples {
						if strings.Contains(out, s) != c.kept {
							t.Errorf("%s kept = %v, want %v (%q)", c.what, !c.kept, c.kept, s)
						}
					}
				}
				if !strings.Contains(out, "Since this morning the") {
					t.Error("the customer's message is missing")
				}
				if format != "json" && tt.wantHeader != "" && !strings.Contains(out, tt.wantHeader) {
					t.Errorf("no %q line", tt.wantHeader)
				}
				if strings.Contains(out, "Public view") {
					t.Error("says it is the public view")
				}
			})
		}
	}
}

// show_notes and show_events are the screen's: printed output keeps notes
// and events however the config file sets them.
func TestRunFileDoesNotFilterPrinted(t *testing.T) {
	path := writeConfig(t, 0o600, "show_notes = false\nshow_events = false\n")
	out := handoff(t, "--config", path, "--format", "text")
	for _, s := range []string{demoNotes[0], demoEvents[0]} {
		if !strings.Contains(out, s) {
			t.Errorf("printed output lacks %q with show_notes and show_events false", s)
		}
	}
}

func TestRunPublicRefusesTheScreen(t *testing.T) {
	var stdout, stderr bytes.Buffer
	status := run([]string{"--demo", "--format", "tui", "--public"}, nil, &stdout, &stderr)
	if want := "--public is for printed output"; status != 2 || !strings.Contains(stderr.String(), want) {
		t.Errorf("status %d, stderr %q; want 2 and %q", status, stderr.String(), want)
	}
}

// --tz wins over TZ, which wins over the config file's time_zone. The
// demo opens at 2026-11-23 08:12 UTC.
func TestRunTimeZonePrecedence(t *testing.T) {
	file := writeConfig(t, 0o600, "time_zone = \"Asia/Tokyo\"\n")
	tests := []struct {
		name string
		tz   string // TZ
		args []string
		want string
	}{
		{"the file", "", []string{"--config", file}, "2026-11-23 17:12 JST"},
		{"TZ over the file", "America/New_York", []string{"--config", file}, "2026-11-23 03:12 EST"},
		{"--tz over TZ and the file", "America/New_York", []string{"--config", file, "--tz", "Europe/Berlin"}, "2026-11-23 09:12 CET"},
		{"--tz alone", "", []string{"--tz", "UTC"}, "2026-11-23 08:12 UTC"},
		{"a zone with no abbreviation", "", []string{"--tz", "Europe/Istanbul"}, "2026-11-23 11:12 +03"},
		{"a TZ convo cannot read is passed over", "Not/AZone", []string{"--config", file}, "2026-11-23 17:12 JST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TZ", tt.tz)
			for _, format := range []string{"text", "markdown"} {
				out := handoff(t, append([]string{"--format", format}, tt.args...)...)
				if !strings.Contains(out, "Lena Schäfer (customer) · "+tt.want) && !strings.Contains(out, "Lena Schäfer · customer · "+tt.want) {
					t.Errorf("%s: the first message is not stamped %q:\n%.600s", format, tt.want, out)
				}
			}
		})
	}
}

func TestRunRefusesAnUnknownZone(t *testing.T) {
	var stdout, stderr bytes.Buffer
	status := run([]string{"--demo", "--format", "text", "--tz", "Mars/Olympus"}, nil, &stdout, &stderr)
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if status != 2 || len(lines) != 1 || !strings.Contains(lines[0], `--tz "Mars/Olympus"`) {
		t.Errorf("status %d, stderr %q; want 2 and one line naming --tz", status, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("printed %q", stdout.String())
	}
}

// Markdown is never wrapped: --width changes nothing in it.
func TestRunMarkdownIgnoresWidth(t *testing.T) {
	narrow := handoff(t, "--format", "markdown", "--width", "20", "--tz", "UTC")
	wide := handoff(t, "--format", "markdown", "--width", "1000", "--tz", "UTC")
	if narrow != wide {
		t.Error("--width changed the Markdown output")
	}
	if !strings.Contains(narrow, "Since this morning the **Invoices → Export CSV** button fails for November. It spins") {
		t.Error("a paragraph of the Markdown output is wrapped")
	}
}
