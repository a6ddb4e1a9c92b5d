package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// savedConversation is a saved response whose last reply says says.
func savedConversation(t *testing.T, says string) []byte {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(fixtures, "conversation-2.11-reply-user.json"))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Replace(body, []byte("Thanks again :)"), []byte(says), 1)
}

// lastReply is the body of the conversation's last part.
func lastReply(c *api.Conversation) string {
	parts := c.ConversationParts.Parts
	return parts[len(parts)-1].Body
}

// TestFileIsReadAgain: every load of --file reads it as it is now, whether
// the screen reads it (a regular file) or it was read before the screen
// (a FIFO); standard input and the demo cannot be read again, and say so.
func TestFileIsReadAgain(t *testing.T) {
	ctx := context.Background()
	load := func(t *testing.T, path string, screen bool) loadFunc {
		t.Helper()
		l, label, noReload, err := saved(ctx, config.Config{File: path}, screen, nil, io.Discard)
		if err != nil || label != path || noReload != "" {
			t.Fatalf("saved: label %q, noReload %q, err %v", label, noReload, err)
		}
		return l
	}
	for _, screen := range []bool{true, false} {
		t.Run(fmt.Sprintf("regular file, screen %v", screen), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.json")
			os.WriteFile(path, savedConversation(t, "first version"), 0o600)
			l := load(t, path, screen)
			for _, says := range []string{"first version", "second version"} {
				os.WriteFile(path, savedConversation(t, says), 0o600)
				c, err := l(ctx, nil)
				if err != nil || !strings.Contains(lastReply(c), says) {
					t.Fatalf("load = %v, %v; want the reply %q", c, err, says)
				}
			}
			os.Remove(path)
			if _, err := l(ctx, nil); err == nil || !strings.Contains(err.Error(), path+": no such file") {
				t.Errorf("load of a removed file: %v", err)
			}
		})
	}
	t.Run("fifo", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "c.fifo")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		write := func(says string) {
			go os.WriteFile(path, savedConversation(t, says), 0o600) // blocks until read
		}
		write("first version")
		l := load(t, path, true) // reads the FIFO before the screen
		write("second version")
		for _, says := range []string{"first version", "second version"} {
			c, err := l(ctx, nil)
			if err != nil || !strings.Contains(lastReply(c), says) {
				t.Fatalf("load = %v, %v; want the reply %q", c, err, says)
			}
		}
	})
	t.Run("standard input", func(t *testing.T) {
		l, _, noReload, err := saved(ctx, config.Config{File: "-"}, true, bytes.NewReader(savedConversation(t, "x")), io.Discard)
		if err != nil || noReload != stdinNoReload {
			t.Fatalf("noReload %q, err %v", noReload, err)
		}
		if c, err := l(ctx, nil); err != nil || c == nil {
			t.Errorf("load = %v, %v; want what was read", c, err)
		}
	})
	t.Run("demo", func(t *testing.T) {
		if _, _, noReload, err := saved(ctx, config.Config{Demo: true}, true, nil, io.Discard); err != nil || noReload != demoNoReload {
			t.Errorf("noReload %q, err %v", noReload, err)
		}
	})
}

// TestScrubbedFollowsTheToken: a token known only once the screen runs
// (token_command behind it) is scrubbed from every write and frame after.
func TestScrubbedFollowsTheToken(t *testing.T) {
	var b bytes.Buffer
	errs := &scrubbed{w: &b}
	screen := errs.Scrub // what main hands the screen, before the token is known
	errs.setToken(testToken)
	io.WriteString(errs, "convo: "+testToken+"\n")
	if got := b.String(); got != "convo: [token]\n" {
		t.Errorf("stderr %q, want the token scrubbed", got)
	}
	if got := screen("title " + testToken); got != "title [token]" {
		t.Errorf("frame %q, want the token scrubbed", got)
	}
}

// TestTokenCommandTokenIsScrubbed: the token token_command prints is
// scrubbed from printed errors, here in the API's host.
func TestTokenCommandTokenIsScrubbed(t *testing.T) {
	t.Setenv("INTERCOM_TOKEN", "")
	cfg := writeConfig(t, 0o600, `token_command = "echo `+testToken+`"`+"\n")
	var stdout, stderr bytes.Buffer
	exit := run([]string{"367", "--config", cfg, "--api-url", "http://" + testToken + ".invalid", "--format", "text"}, nil, &stdout, &stderr)
	if exit != 1 || !strings.Contains(stderr.String(), "cannot reach [token].invalid") || strings.Contains(stderr.String(), testToken) {
		t.Errorf("exit %d, stderr %q; want 1 and the host with [token]", exit, stderr.String())
	}
}

func TestWaitLine(t *testing.T) {
	tests := []struct {
		wait api.Wait
		want string
	}{
		{api.Wait{Delay: 12 * time.Second, Attempt: 1, Status: 429}, "convo: rate limited by Intercom; retrying in 12s (attempt 2)\n"},
		{api.Wait{Delay: 1500 * time.Millisecond, Attempt: 2, Status: 503}, "convo: Intercom answered 503; retrying in 2s (attempt 3)\n"},
		{api.Wait{Attempt: 1, Status: 429}, "convo: rate limited by Intercom; retrying now (attempt 2)\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		waitLine(&b)(tt.wait)
		if b.String() != tt.want {
			t.Errorf("waitLine(%+v) = %q, want %q", tt.wait, b.String(), tt.want)
		}
	}
}

// r on a --file shows the file as it is now; on the demo it says there is
// nothing to reload.
func TestEndToEndReload(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "c.json")
		os.WriteFile(path, savedConversation(t, "first version"), 0o600)
		s := startTmux(t, 120, 40, bin, "--file", path)
		s.waitFor(`first version`)
		os.WriteFile(path, savedConversation(t, "second version"), 0o600)
		s.keys("r")
		screen := s.waitFor(`second version`)
		if strings.Contains(screen, "first version") {
			t.Errorf("the old reply is still shown:\n%s", screen)
		}
		s.keys("q")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("exit status %s, want 0", status)
		}
	})
	t.Run("demo", func(t *testing.T) {
		s := startTmux(t, 120, 40, bin, "--demo")
		s.waitFor(`part \d+/\d+`)
		s.keys("r")
		if screen := s.waitFor(regexp.QuoteMeta(demoNoReload)); strings.Contains(screen, "reloaded") {
			t.Errorf("the demo says it reloaded:\n%s", screen)
		}
		s.keys("q")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("exit status %s, want 0", status)
		}
	})
}

// A slow token_command runs behind the loading screen, which says so at
// once and quits with q; then the screen fetches, with the token scrubbed
// from all it shows; a failing one is the failure screen, and exit 2.
func TestEndToEndSlowTokenCommand(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	t.Setenv("INTERCOM_TOKEN", "")
	dir := t.TempDir()
	gate := filepath.Join(dir, "go")
	cfg := writeConfig(t, 0o600, fmt.Sprintf("token_command = \"while [ ! -e %s ]; do sleep 0.05; done; echo %s\"\n", gate, testToken))
	// The token in the API's host: the screen shows the host.
	apiURL := "http://" + testToken + ".invalid"

	t.Run("quit", func(t *testing.T) {
		s := startTmux(t, 100, 20, bin, "367", "--config", cfg, "--api-url", apiURL)
		s.waitFor(`Getting the token…`)
		s.keys("q")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("exit status %s, want 0", status)
		}
	})
	t.Run("fetch", func(t *testing.T) {
		s := startTmux(t, 100, 20, bin, "367", "--config", cfg, "--api-url", apiURL)
		s.waitFor(`Getting the token…`)
		os.WriteFile(gate, nil, 0o600)
		screen := s.waitFor(`\[token\]\.invalid`)
		if strings.Contains(screen, testToken) || strings.Contains(screen, "Getting the token") {
			t.Errorf("the screen after the token:\n%s", screen)
		}
		s.keys("q")
		s.exitStatus()
		if screen := s.screen(); strings.Contains(screen, testToken) {
			t.Errorf("the token shows:\n%s", screen)
		}
	})
	t.Run("fails", func(t *testing.T) {
		failing := writeConfig(t, 0o600, "token_command = \"echo locked >&2; exit 3\"\n")
		s := startTmux(t, 150, 20, bin, "367", "--config", failing, "--api-url", apiURL)
		s.waitFor(`exit status 3: locked`)
		s.keys("q")
		if status := s.exitStatus(); status != "2" {
			t.Errorf("exit status %s, want 2", status)
		}
	})
}

// Printed output on a terminal says each rate limit's wait on stderr, in
// one line.
func TestEndToEndPrintedWait(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	base, _ := rateLimitedOnce(t)
	t.Setenv("INTERCOM_TOKEN", testToken)
	s := startTmux(t, 120, 40, bin, "367", "--api-url", base, "--format", "text", "--width", "100")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
	screen := s.run("capture-pane", "-p", "-t", s.name, "-S", "-1000")
	if n := strings.Count(screen, "rate limited"); n != 1 || !strings.Contains(screen, "convo: rate limited by Intercom; retrying in 1s (attempt 2)\n") {
		t.Errorf("want the wait once, on a line of its own:\n%s", screen)
	}
}
