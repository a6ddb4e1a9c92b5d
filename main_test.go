package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/convo-cli/convo/keymap"
)

const fixtures = "../shared/fixtures/intercom"

func TestRunExitStatuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, err := os.ReadFile(filepath.Join(fixtures, "conversation-2.11-reply-user.json"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := write("truncated.json", string(good[:len(good)/2]))
	notJSON := write("page.html", "<html><body>502 Bad Gateway</body></html>")
	notConv := write("list.json", `{"type":"ticket","id":"1"}`)
	errorBody := write("error.json", `{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
	saved := write("good.json", string(good))

	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int
		stdout string // a substring wanted on stdout
		stderr string // a substring wanted on the one stderr line
	}{
		{"help", []string{"--help"}, "", 0, "Usage:", ""},
		{"version", []string{"--version"}, "", 0, "convo ", ""},
		{"no conversation named", nil, "", 2, "", "name a conversation"},
		{"unknown flag", []string{"--colour"}, "", 2, "", "unknown flag --colour"},
		{"bad format", []string{"--demo", "--format", "pdf"}, "", 2, "", `--format "pdf"`},
		{"bad theme", []string{"--demo", "--theme", "blue"}, "", 2, "", `--theme "blue"`},
		{"bad width", []string{"--demo", "--width", "5"}, "", 2, "", "--width 5"},
		{"two sources", []string{"--demo", "--file", saved}, "", 2, "", "only one"},
		{"missing file", []string{"--file", filepath.Join(dir, "nope.json")}, "", 1, "", "nope.json: no such file"},
		{"a directory", []string{"--file", dir}, "", 1, "", "is a directory"},
		{"truncated file", []string{"--file", truncated}, "", 1, "", "malformed JSON"},
		{"html file", []string{"--file", notJSON}, "", 1, "", "not a JSON object"},
		{"not a conversation", []string{"--file", notConv}, "", 1, "", `not a conversation: its type is "ticket"`},
		{"error response", []string{"--file", errorBody}, "", 1, "", "not_found"},
		{"empty stdin", []string{"--file", "-"}, "", 1, "", "standard input: empty input"},
		{"file as text", []string{"--file", saved, "--format", "text", "--width", "60"}, "", 0, "Thanks again :)", ""},
		{"stdin as json", []string{"--file", "-", "--format", "json"}, string(good), 0, `"id": "387"`, ""},
		{"flags after the argument", []string{"--file", saved, "--format", "markdown"}, "", 0, "# ", ""},
		{"demo as text by default when piped", []string{"--demo", "--width", "70"}, "", 0, "", ""},
		{"tui without a terminal", []string{"--demo", "--format", "tui"}, "", 2, "", "convo: --format tui needs a terminal; use --format text, markdown or json\n"},
		{"tui on a file without a terminal", []string{"--file", saved, "--format", "tui"}, "", 2, "", "--format tui needs a terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr %q", status, tt.status, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
			if tt.status == 0 {
				if stderr.Len() != 0 {
					t.Errorf("stderr %q, want nothing", stderr.String())
				}
				return
			}
			line := stderr.String()
			if strings.Count(line, "\n") != 1 || !strings.HasPrefix(line, "convo: ") {
				t.Errorf("stderr %q, want one line starting with convo:", line)
			}
			if !strings.Contains(line, tt.stderr) {
				t.Errorf("stderr %q lacks %q", line, tt.stderr)
			}
		})
	}
}

// Printed text is plain: no escape sequences, and no line wider than asked
// but for a URL too long for it, which is whole on a line of its own.
func TestRunTextIsPlainAndWrapped(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if status := run([]string{"--demo", "--format", "text", "--width", "72"}, nil, &stdout, &stderr); status != 0 {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	out := stdout.String()
	if strings.ContainsRune(out, '\x1b') {
		t.Error("text output contains an escape character")
	}
	assertPrinted(t, out, 72)
	for _, url := range []string{
		"https://downloads.intercomcdn.com/i/o/ledgerly/1048576001/9c1e4f2ab7d3/export-error.png?expires=1795608000&signature=3b1f09c2d4e8a7f6",
		"(https://help.ledgerly.io/en/articles/8812017-export-limits-and-large-reports).",
	} {
		if !strings.Contains(out, url) {
			t.Errorf("the text output splits %s", url)
		}
	}
}

var update = flag.Bool("update", false, "rewrite README.md's keys table from the keymap")

// keysTable is the README's keys table, made from the keymap.
func keysTable() string {
	km := keymap.Default()
	var b strings.Builder
	b.WriteString("| keys | action | config name |\n| --- | --- | --- |\n")
	for _, action := range km.Actions() {
		k, _ := km.Binding(action)
		fmt.Fprintf(&b, "| `%s` | %s | `%s` |\n", strings.Join(k.Keys(), "` `"), k.Help().Desc, action)
	}
	return b.String()
}

// The README's keys table is the keymap's: every action with its default
// keys and help, in order. go test -run TestReadmeKeys -update rewrites it.
func TestReadmeKeysMatchTheKeymap(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile("(?m)^\\| keys \\| action \\| config name \\|\n(?:\\|.*\n)*")
	loc := table.FindIndex(readme)
	if loc == nil {
		t.Fatal("README.md has no keys table (| keys | action | config name |)")
	}
	want := keysTable()
	if *update {
		readme = append(readme[:loc[0]:loc[0]], append([]byte(want), readme[loc[1]:]...)...)
		if err := os.WriteFile("README.md", readme, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := string(readme[loc[0]:loc[1]]); got != want {
		t.Errorf("README.md's keys table differs from the keymap (go test -run TestReadmeKeys -update rewrites it):\n got:\n%s\nwant:\n%s", got, want)
	}
}

// The README's samples of each format are real output: every line of a
// sample follows its command's output, in order, but for lines shortened
// with "…" and times relative to now ("3h ago").
func TestReadmeSamplesAreRealOutput(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, 0o600, "time_zone = \"UTC\"\n")
	sample := regexp.MustCompile("(?m)^`convo (--demo --format [a-z]+[^`]*)`.*\n\n```[a-z]*\n((?s:.*?))```\n")
	found := map[string]bool{}
	for _, m := range sample.FindAllStringSubmatch(string(readme), -1) {
		args := append(strings.Fields(m[1]), "--config", cfg)
		var stdout, stderr bytes.Buffer
		if status := run(args, nil, &stdout, &stderr); status != 0 {
			t.Fatalf("convo %s: exit %d: %s", m[1], status, stderr.String())
		}
		found[args[2]] = true
		out := stdout.String()
		for _, line := range strings.Split(strings.TrimSuffix(m[2], "\n"), "\n") {
			if strings.Contains(line, "…") || strings.Contains(line, " ago)") {
				continue
			}
			i := strings.Index(out, line+"\n")
			if i < 0 {
				t.Errorf("convo %s: the README's line %q is not in the output, or not after the line before it", m[1], line)
				continue
			}
			out = out[i+len(line)+1:]
		}
	}
	for _, f := range []string{"text", "markdown", "json"} {
		if !found[f] {
			t.Errorf("README.md has no sample of --format %s", f)
		}
	}
}
