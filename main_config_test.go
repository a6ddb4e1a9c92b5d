package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testDir is the run's temporary folder, made and removed by TestMain: the
// config and cache homes, and the binary buildBinary builds.
var testDir string

// TestMain keeps every test, and every binary the tests start, away from
// the config file and the cache of whoever runs them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "convo-test-config")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testDir = dir
	os.Setenv("XDG_CONFIG_HOME", dir)
	// The go command keeps its build cache under XDG_CACHE_HOME too: pin
	// it where it is, or every binary the tests build starts from nothing.
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil && len(bytes.TrimSpace(gocache)) > 0 {
		os.Setenv("GOCACHE", string(bytes.TrimSpace(gocache)))
	}
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	os.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state")) // no test records in the user's history
	os.Unsetenv("CONVO_CONFIG")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeConfig writes a config file with the given mode and returns its path.
func writeConfig(t *testing.T, mode os.FileMode, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // the umask may have narrowed it
		t.Fatal(err)
	}
	return path
}

func TestConfigFile(t *testing.T) {
	srv := intercom(t, 200, "conversation-2.11-get-found.json", false)
	tests := []struct {
		name   string
		mode   os.FileMode
		config string
		env    string // INTERCOM_TOKEN
		args   []string
		exit   int
		stdout string
		stderr []string // substrings of the one stderr line; PATH is the config file
	}{
		{name: "token_command", mode: 0o644, config: `token_command = "echo ` + testToken + `"`,
			args: []string{"367"}, stdout: "this is the message body"},
		{name: "INTERCOM_TOKEN over token_command", mode: 0o644, config: `token_command = "exit 3"`, env: testToken,
			args: []string{"367"}, stdout: "this is the message body"},
		{name: "token in a 0600 file", mode: 0o600, config: `token = "` + testToken + `"`,
			args: []string{"367"}, stdout: "this is the message body"},
		{name: "token in a 0644 file", mode: 0o644, config: `token = "` + testToken + `"`,
			args: []string{"367"}, exit: 2, stderr: []string{"convo: PATH holds a token but is readable by others (mode 0644); run chmod 600 PATH"}},
		{name: "token_command fails", mode: 0o644, config: `token_command = "echo locked >&2; exit 3"`,
			args: []string{"367"}, exit: 2, stderr: []string{"token_command in PATH failed: exit status 3: locked"}},
		{name: "token_command token refused", mode: 0o644, config: `token_command = "echo stale-token-value"`,
			args: []string{"367"}, exit: 1, stderr: []string{"the token from token_command in PATH was refused; check that token_command prints"}},
		{name: "the demo runs no token_command", mode: 0o644, config: `token_command = "exit 3"`,
			args: []string{"--demo"}, stdout: "CSV export"},
		{name: "rebound keys are fine", mode: 0o644, config: "[keys]\nnext_part = [\"]\", \"ctrl+n\"]\n",
			args: []string{"--demo"}, stdout: "CSV export"},
		{name: "unknown action", mode: 0o644, config: "theme = \"dark\"\n\n[keys]\nnext_prat = \"n\"\n",
			args: []string{"--demo"}, exit: 2, stderr: []string{"convo: PATH:4: [keys] ", "next_prat"}},
		{name: "unknown key name", mode: 0o644, config: "[keys]\nquit = [\"q\", \"ctrl+qq\"]\n",
			args: []string{"--demo"}, exit: 2, stderr: []string{"convo: PATH:2: [keys] ", "ctrl+qq"}},
		{name: "a key bound to two actions", mode: 0o644, config: "theme = \"dark\"\n[keys]\nquit = \"j\"\nhelp = \"?\"\n",
			args: []string{"--demo"}, exit: 2, stderr: []string{`convo: PATH:3: [keys] "j" is bound to both scroll_down and quit`}},
		{name: "a key moved to another action", mode: 0o644, config: "[keys]\nquit = \"j\"\nscroll_down = [\"down\", \"ctrl+n\"]\n",
			args: []string{"--demo"}, stdout: "CSV export"},
		{name: "unknown field", mode: 0o644, config: "regoin = \"eu\"\n",
			args: []string{"--demo"}, exit: 2, stderr: []string{`convo: PATH:1: unknown field "regoin"; did you mean "region"?`}},
		{name: "malformed", mode: 0o644, config: "theme = \n",
			args: []string{"--demo"}, exit: 2, stderr: []string{"convo: PATH:1: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.mode, tt.config)
			t.Setenv("INTERCOM_TOKEN", tt.env)
			t.Setenv("CONVO_CONFIG", path)
			var stdout, stderr bytes.Buffer
			args := append([]string{"--api-url", srv.URL, "--format", "text"}, tt.args...)
			exit := run(args, nil, &stdout, &stderr)
			if exit != tt.exit {
				t.Fatalf("exit %d, want %d; stderr %q", exit, tt.exit, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
			for _, want := range tt.stderr {
				if want = strings.ReplaceAll(want, "PATH", path); !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q lacks %q", stderr.String(), want)
				}
			}
			if tt.exit != 0 && strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("stderr is not one line: %q", stderr.String())
			}
			if strings.Contains(stdout.String()+stderr.String(), testToken) {
				t.Errorf("the token reached the output: %q", stderr.String())
			}
		})
	}
}
