package config

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
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
			0o600, "", 0, "token_command in PATH failed: exit status 3: no vault"},
		{"the command fails silently", "token_command = \"exit 1\"\n", 0o600, "", 0, "token_command in PATH failed: exit status 1"},
		{"the command's stderr is clipped", "token_command = \"for i in $(seq 60); do printf 'ab ' >&2; done; exit 1\"\n", 0o600, "", 0,
			"token_command in PATH failed: exit status 1: " + strings.Repeat("ab ", 40) + "…"},
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
	if want := "token_command in " + c.ConfigPath + " was interrupted"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

// tokenCommand is a config whose token_command is command, which may name
// files in dir.
func tokenCommand(t *testing.T, command string) Config {
	t.Helper()
	return tokenConfig(t, fmt.Sprintf("token_command = %q\n", command), 0o600, "")
}

// What token_command prints is read up to 64 KiB: past that it fails at
// once, with one line, and its output is not kept.
func TestTokenCommandOutputIsCapped(t *testing.T) {
	const over = "token_command in PATH printed more than 64 KiB; it should print only the token"
	tests := []struct {
		name    string
		command string
		want    string // the error; "" for success
	}{
		{"64 KiB is fine", "head -c 65536 /dev/zero | tr '\\0' a", ""},
		{"a byte more is not", "head -c 65537 /dev/zero | tr '\\0' a", over},
		{"100 MB is not", "head -c 100000000 /dev/zero", over},
		// The command is stopped, not waited for: it would sleep past the
		// time limit, and the error would be that it took too long.
		{"the command is stopped", "head -c 1000000 /dev/zero; sleep 60", over},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tokenCommand(t, tt.command)
			c.tokenTimeout = time.Minute
			err := c.ResolveToken(context.Background())
			if tt.want == "" {
				if err != nil || len(c.Token) != 65536 {
					t.Fatalf("ResolveToken: %v, a token of %d bytes; want 65536 bytes", err, len(c.Token))
				}
				return
			}
			if got, want := mustUsage(t, err), strings.ReplaceAll(tt.want, "PATH", c.ConfigPath); got != want {
				t.Errorf("error\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// A command that printed the token and exited 0 succeeds though a child
// it left in the background still holds its stdout and stderr.
func TestTokenCommandBackgroundChild(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	c := tokenCommand(t, "echo tok123456789; sleep 60 & echo $! > "+pidFile)
	c.tokenTimeout = time.Minute
	t.Cleanup(func() {
		if b, err := os.ReadFile(pidFile); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	if err := c.ResolveToken(context.Background()); err != nil {
		t.Fatalf("ResolveToken: %v", err)
	}
	if c.Token != "tok123456789" {
		t.Errorf("token %q, want tok123456789", c.Token)
	}
}

// The line of stderr quoted in the error is made printable like the API's
// text, and hides every word that looks like a secret.
func TestTokenCommandStderrIsSanitised(t *testing.T) {
	tests := []struct {
		name, stderr, want string
	}{
		{"a BiDi override", "\u202eno vault\n", "no vault"},
		{"isolates and zero-width characters", "\u2066no\u200b vault\u2069\ufeff\n", "no vault"},
		{"escape sequences go whole", "\x1b[1mno\x1b[0m vault \x1b]0;title\x07here\n", "no vault here"},
		{"C1 controls", "no\u009b31m vault\u0085\n", "no31m vault"},
		{"a token", "bad token dG9rOmFiY2RlZi0xMjM0NTY3ODkw, try again\n", "bad token [hidden], try again"},
		{"a key with its name", "refused key=abcdefghijklmnopqrstuvwxyz\n", "refused [hidden]"},
		{"every secret", secret + " and sk_live_0123456789abcdef and short-word\n", "[hidden] and [hidden] and short-word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "stderr")
			if err := os.WriteFile(file, []byte(tt.stderr), 0o600); err != nil {
				t.Fatal(err)
			}
			c := tokenCommand(t, "cat "+file+" >&2; exit 1")
			got := mustUsage(t, c.ResolveToken(context.Background()))
			want := "token_command in " + c.ConfigPath + " failed: exit status 1: " + tt.want
			if got != want {
				t.Errorf("error\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// A token pasted with the Bearer prefix of an Authorization header gets a
// hint to drop it, from every source.
func TestResolveTokenBearer(t *testing.T) {
	tests := []struct {
		name, text, env, source string
	}{
		{"INTERCOM_TOKEN", "", "Bearer " + secret, "INTERCOM_TOKEN"},
		{"lower case", "", "bearer  " + secret, "INTERCOM_TOKEN"},
		{"token_command", "token_command = \"echo Bearer " + secret + "\"\n", "", "token_command in PATH"},
		{"the file's token", "token = \"Bearer " + secret + "\"\n", "", "token in PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tokenConfig(t, tt.text, 0o600, tt.env)
			got := mustUsage(t, c.ResolveToken(context.Background()))
			want := "the token from " + strings.ReplaceAll(tt.source, "PATH", c.ConfigPath) +
				" starts with \"Bearer\": drop the 'Bearer ' prefix and give the token alone"
			if got != want {
				t.Errorf("error\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestRunsTokenCommand(t *testing.T) {
	tests := []struct {
		name, text, env string
		want            bool
	}{
		{"token_command", "token_command = \"echo x\"\n", "", true},
		{"INTERCOM_TOKEN wins", "token_command = \"echo x\"\n", secret, false},
		{"a token in the file", fmt.Sprintf("token = %q\n", secret), "", false},
		{"nothing", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tokenConfig(t, tt.text, 0o600, tt.env)
			if got := c.RunsTokenCommand(); got != tt.want {
				t.Errorf("RunsTokenCommand() = %v, want %v", got, tt.want)
			}
		})
	}
}
