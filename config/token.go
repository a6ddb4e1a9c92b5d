package config

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// defaultTokenTimeout bounds token_command: a password manager waiting on a
// prompt nobody sees must not hang convo.
const defaultTokenTimeout = 10 * time.Second

// ResolveToken finds the access token: INTERCOM_TOKEN, else the config's
// token_command, else the config's token. It sets Token and TokenSource,
// leaving both empty when there is no source. Parse does not call it, so
// --demo and --file never run a command. Errors are *UsageError and never
// hold the token or the command's output.
func (c *Config) ResolveToken(ctx context.Context) error {
	c.Token, c.TokenSource = "", ""
	var token, source string
	switch {
	case c.envToken != "":
		token, source = c.envToken, EnvToken
	case c.TokenCommand != "":
		source = "token_command in " + c.ConfigPath
		var err error
		if token, err = c.runTokenCommand(ctx, source); err != nil {
			return err
		}
	case c.fileToken != "":
		if c.fileMode&0o077 != 0 {
			return usagef("%s holds a token but is readable by others (mode %04o); run chmod 600 %s",
				c.ConfigPath, uint32(c.fileMode.Perm()), c.ConfigPath)
		}
		token, source = c.fileToken, "token in "+c.ConfigPath
	default:
		return nil
	}
	if strings.IndexFunc(token, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		// The token as it appears in an Authorization header, copied whole.
		if first, _, _ := strings.Cut(strings.Join(strings.Fields(token), " "), " "); strings.EqualFold(first, "Bearer") {
			return usagef("the token from %s starts with \"Bearer\": drop the 'Bearer ' prefix and give the token alone", source)
		}
		return usagef("the token from %s has a space or control character in it", source)
	}
	c.Token, c.TokenSource = token, source
	return nil
}

// RunsTokenCommand reports whether ResolveToken runs token_command, which
// may take a while (a password manager's prompt): the screen runs it behind
// its loading screen.
func (c *Config) RunsTokenCommand() bool {
	return c.envToken == "" && c.TokenCommand != ""
}

// Limits on what token_command may print: a token is a line, and a command
// that streams without end must fail at once, not fill the memory.
const (
	maxTokenOutput = 64 << 10
	maxTokenStderr = 4 << 10 // only its first line is shown
)

// runTokenCommand runs token_command with sh and returns its trimmed
// output. It returns once sh has exited: a child that sh leaves in the
// background, still holding the command's outputs, does not hold up convo.
func (c *Config) runTokenCommand(ctx context.Context, source string) (string, error) {
	timeout := cmp.Or(c.tokenTimeout, defaultTokenTimeout)
	run, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	stop, cancelOver := context.WithCancel(run)
	defer cancelOver()
	stdout, err := newCapture(maxTokenOutput, cancelOver)
	if err != nil {
		return "", usagef("%s: %v", source, err)
	}
	stderr, err := newCapture(maxTokenStderr, nil)
	if err != nil {
		stdout.finish()
		return "", usagef("%s: %v", source, err)
	}
	cmd := exec.CommandContext(stop, "sh", "-c", c.TokenCommand)
	cmd.Stdout, cmd.Stderr = stdout.w, stderr.w // stdin stays empty (/dev/null)
	err = cmd.Start()
	stdout.start()
	stderr.start()
	if err == nil {
		err = cmd.Wait()
	}
	out, errOut := stdout.finish(), stderr.finish()
	switch {
	case stdout.over:
		return "", usagef("%s printed more than %d KiB; it should print only the token", source, maxTokenOutput>>10)
	case err != nil && ctx.Err() != nil: // the caller gave up (an interrupt)
		return "", usagef("%s was interrupted", source)
	case err != nil && errors.Is(run.Err(), context.DeadlineExceeded):
		return "", usagef("%s took longer than %s", source, timeout)
	case err != nil:
		msg := fmt.Sprintf("%s failed: %v", source, err)
		if line := firstLine(string(errOut)); line != "" {
			msg += ": " + line
		}
		return "", usagef("%s", msg)
	}
	token := strings.TrimSpace(string(out))
	if token == "" {
		return "", usagef("%s printed nothing", source)
	}
	return token, nil
}

// firstLine is the first non-blank line of a command's stderr, made
// printable and short for a one-line error, with every word that looks
// like a secret hidden.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(Printable(line)); line != "" {
			line = maskSecrets(line)
			if r := []rune(line); len(r) > 120 {
				line = string(r[:120]) + "…"
			}
			return line
		}
	}
	return ""
}
