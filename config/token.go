package config

import (
	"bytes"
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
		return usagef("the token from %s has a space or control character in it", source)
	}
	c.Token, c.TokenSource = token, source
	return nil
}

// runTokenCommand runs token_command with sh and returns its trimmed
// output.
func (c *Config) runTokenCommand(ctx context.Context, source string) (string, error) {
	timeout := cmp.Or(c.tokenTimeout, defaultTokenTimeout)
	run, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(run, "sh", "-c", c.TokenCommand)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr // stdin stays empty (/dev/null)
	// A child of sh that outlives it keeps the pipes open; WaitDelay stops
	// waiting for them once sh is gone.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case err != nil && ctx.Err() != nil: // the caller gave up (an interrupt)
		return "", usagef("%s: %v", source, ctx.Err())
	case err != nil && errors.Is(run.Err(), context.DeadlineExceeded):
		return "", usagef("%s took longer than %s", source, timeout)
	case err != nil:
		msg := fmt.Sprintf("%s failed: %v", source, err)
		if line := firstLine(stderr.String()); line != "" {
			msg += ": " + line
		}
		return "", &UsageError{Msg: msg}
	}
	token := strings.TrimSpace(stdout.String())
	if token == "" {
		return "", usagef("%s printed nothing", source)
	}
	return token, nil
}

// firstLine is the first non-blank line of a command's stderr, made
// printable and short for a one-line error.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		line = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, line)
		if line = strings.TrimSpace(line); line != "" {
			if r := []rune(line); len(r) > 120 {
				line = string(r[:120]) + "…"
			}
			return line
		}
	}
	return ""
}
