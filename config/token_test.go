package config

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// secret is a token recognisable in any message that leaks it.
const secret = "SECRET-tok-4f2a9c"

// tokenConfig parses a config with the given file text (none if "") and
// INTERCOM_TOKEN value.
func tokenConfig(t *testing.T, text string, mode os.FileMode, envToken string) Config {
	t.Helper()
	env := map[string]string{EnvToken: envToken}
	if text != "" {
		env[EnvConfig] = writeConfig(t, text, mode)
	}
	c, err := Parse([]string{"--demo"}, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestResolveToken(t *testing.T) {
	fileToken := fmt.Sprintf("token = %q\n", secret+"-file")
	command := fmt.Sprintf("token_command = \"printf '  %s-cmd\\\\n'\"\n", secret)
	tests := []struct {
		name       string
		text       string
		mode       os.FileMode
		env        string
		want       string
		wantSource string // "PATH" stands for the file's path
	}{
		{"nothing at all", "", 0, "", "", ""},
		{"a file without a token", "theme = \"dark\"\n", 0o644, "", "", ""},
		{"the environment, trimmed", "", 0, " " + secret + "\n", secret, "INTERCOM_TOKEN"},
		{"the environment over the command", command + fileToken, 0o600, secret, secret, "INTERCOM_TOKEN"},
		{"the command over the file, trimmed", command + fileToken, 0o600, "", secret + "-cmd", "token_command in PATH"},
		{"the file's token at 0600", fileToken, 0o600, "", secret + "-file", "token in PATH"},
		{"the file's token at 0400", fileToken, 0o400, "", secret + "-file", "token in PATH"},
		{"a world-readable file is fine when its token is not used", fileToken, 0o644, secret, secret, "INTERCOM_TOKEN"},
		{"the command's stdin is empty", "token_command = \"cat; echo tok\"\n", 0o600, "", "tok", "token_command in PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tokenConfig(t, tt.text, tt.mode, tt.env)
			if err := c.ResolveToken(context.Background()); err != nil {
				t.Fatalf("ResolveToken: %v", err)
			}
			wantSource := strings.ReplaceAll(tt.wantSource, "PATH", c.ConfigPath)
			if c.Token != tt.want || c.TokenSource != wantSource {
				t.Errorf("token %q from %q, want %q from %q", c.Token, c.TokenSource, tt.want, wantSource)
			}
		})
	}
}

func TestResolveTokenRefuses(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		mode    os.FileMode
		env     string
		timeout time.Duration
		want    string // "PATH" stands for the file's path
	}{
		{"the command fails", fmt.Sprintf("token_command = \"echo %s; printf '\\\\n\\\\tno \\\\033[1mvault\\\\033[0m\\\\nsecond' >&2; exit 3\"\n", secret),
			0o600, "", 0, "token_command in PATH failed: exit status 3: no [1mvault[0m"},
		{"the command fails silently", "token_command = \"exit 1\"\n", 0o600, "", 0, "token_command in PATH failed: exit status 1"},
		{"the command's stderr is clipped", "token_command = \"printf '%0200d' 0 >&2; exit 1\"\n", 0o600, "", 0,
			"token_command in PATH failed: exit status 1: " + strings.Repeat("0", 120) + "…"},
		{"the command prints nothing", "token_command = \"printf '  \\\\n'\"\n", 0o600, "", 0, "token_command in PATH printed nothing"},
		// The child of sh keeps the pipe open after sh is killed: WaitDelay
		// must end the wait.
		{"the command takes too long", fmt.Sprintf("token_command = \"sleep 5; echo %s\"\n", secret), 0o600, "", 200 * time.Millisecond,
			"token_command in PATH took longer than 200ms"},
		{"the file is readable by others", fmt.Sprintf("token = %q\n", secret), 0o644, "", 0,
			"PATH holds a token but is readable by others (mode 0644); run chmod 600 PATH"},
		{"the file is readable by the group", fmt.Sprintf("token = %q\n", secret), 0o640, "", 0,
			"PATH holds a token but is readable by others (mode 0640); run chmod 600 PATH"},
		{"a space in the environment's token", "", 0, secret + " x", 0,
			"the token from INTERCOM_TOKEN has a space or control character in it"},
		{"a control character in the file's token", fmt.Sprintf("token = \"%s\\u0007\"\n", secret), 0o600, "", 0,
			"the token from token in PATH has a space or control character in it"},
		{"a space in the command's token", fmt.Sprintf("token_command = \"echo %s x\"\n", secret), 0o600, "", 0,
			"the token from token_command in PATH has a space or control character in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tokenConfig(t, tt.text, tt.mode, tt.env)
			c.tokenTimeout = tt.timeout
			err := c.ResolveToken(context.Background())
			got := mustUsage(t, err)
			want := strings.ReplaceAll(tt.want, "PATH", c.ConfigPath)
			if got != want {
				t.Errorf("error\n%q\nwant\n%q", got, want)
			}
			if strings.Contains(got, secret) {
				t.Errorf("error %q holds the token", got)
			}
			if c.Token != "" || c.TokenSource != "" {
				t.Errorf("token %q from %q after an error, want none", c.Token, c.TokenSource)
			}
		})
	}
}

func TestResolveTokenCanceled(t *testing.T) {
	c := tokenConfig(t, "token_command = \"sleep 5\"\n", 0o600, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := mustUsage(t, c.ResolveToken(ctx))
	if want := "token_command in " + c.ConfigPath + ": context canceled"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}
