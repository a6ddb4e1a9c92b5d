package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// unprintable reports the first rune of s that must not reach a terminal
// from an error: a control or format character, or ESC.
func unprintable(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return r, true
		}
	}
	return 0, false
}

// An argument quoted in an error never brings a control or format
// character with it: a BiDi override could make the line read otherwise,
// an escape sequence could drive the terminal.
func TestErrorsQuoteArgumentsPrintably(t *testing.T) {
	const rlo, esc = "\u202e", "\x1b[31m"
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // the error, printable
	}{
		{"an unknown flag", []string{"--demo", "--for" + rlo + "mat"}, "unknown flag --format; did you mean --format?"},
		{"an unknown flag with an escape", []string{"--demo", "--" + esc + "colour"}, "unknown flag --colour"},
		// Values the flag package quotes with %q show the hidden rune escaped.
		{"a bool flag's value", []string{"--demo", "--plaintext=" + rlo + "maybe"}, `--plaintext=\u202emaybe: want true or false`},
		{"a number flag's value", []string{"--demo", "--width", "1" + rlo + "0"}, `--width "1\u202e0": want a number`},
		{"a target", []string{"12" + rlo + "a"}, `"12a" is not a conversation`},
		{"a link's host", []string{"https://exa" + rlo + "mple.com/conversation/5"}, "example.com is not an Intercom inbox host"},
		{"a link with an escape", []string{"https://x" + esc + ".example/conversation/5"}, `"https://x.example/conversation/5" is not a conversation`},
		{"a format", []string{"--demo", "--format", "h" + rlo + "tml"}, `--format "h\u202etml"`},
		{"a region", []string{"5", "--region", "ma" + rlo + "rs"}, `region "mars"`},
		{"an API URL", []string{"5", "--api-url", "ftp://" + rlo + "x"}, `API URL "ftp://x"`},
		{"a config path", []string{"--demo", "--config", filepath.Join(dir, rlo+"nope"+esc+".toml")},
			"--config " + filepath.Join(dir, "nope.toml") + ": no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.args, noEnv)
			got := mustUsage(t, err)
			if r, ok := unprintable(got); ok {
				t.Errorf("error %q holds %U", got, r)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("error %q, want it to say %q", got, tt.want)
			}
		})
	}
}

// A config file whose name holds a BiDi override is named printably in
// every error about it.
func TestConfigPathIsQuotedPrintably(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "con\u202efig")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte("theme = \"blue\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Parse([]string{"--demo", "--config", path}, noEnv)
	got := mustUsage(t, err)
	if r, ok := unprintable(got); ok {
		t.Errorf("error %q holds %U", got, r)
	}
	if want := strings.ReplaceAll(path, "\u202e", "") + `:1: theme "blue"`; !strings.HasPrefix(got, want) {
		t.Errorf("error %q, want it to start %q", got, want)
	}
}

// token_command's failure names the config file printably too.
func TestTokenCommandFailureQuotesThePathPrintably(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "con\u202efig")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte("token_command = \"exit 3\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Parse([]string{"5", "--config", path}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	got := mustUsage(t, c.ResolveToken(context.Background()))
	if r, ok := unprintable(got); ok {
		t.Errorf("error %q holds %U", got, r)
	}
	if want := "token_command in " + strings.ReplaceAll(path, "\u202e", "") + " failed: exit status 3"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}
