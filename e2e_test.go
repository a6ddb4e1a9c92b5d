package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// tmuxSession drives the built binary in a detached tmux session on a
// private server, and reads its screen.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

// buildBinary compiles convo once for the whole run, into the folder
// TestMain made (testDir), and hands every test the same binary; a failed
// build fails each test that asks for it with the same output.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin, err := built()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

var built = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(testDir, "bin", "convo")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; `make test` installs it")
		}
		t.Skip("SKIPPED: tmux is not installed, so the end-to-end test cannot run; `make test` installs it")
	}
}

func startTmux(t *testing.T, cols, rows int, command ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("convo-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "e2e"}
	// The shell reports the exit status itself (tmux does not always record
	// it), then keeps the pane open to be read.
	shell := "env TERM=xterm-256color COLORTERM=truecolor"
	for _, c := range command {
		shell += " '" + c + "'"
	}
	shell += `; echo "[exited $?]"; sleep 600`
	s.run("-f", "/dev/null", "new-session", "-d", "-s", s.name,
		"-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), shell)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", s.name) }

func (s *tmuxSession) keys(keys ...string) {
	s.run(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// waitFor polls the screen until it matches re, and fails with the last
// screen after the deadline.
func (s *tmuxSession) waitFor(re string) string {
	s.t.Helper()
	pattern := regexp.MustCompile(re)
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var screen string
	for time.Now().Before(deadline) {
		screen = s.screen()
		if pattern.MatchString(screen) {
			return screen
		}
		<-tick.C
	}
	s.t.Fatalf("screen never matched %q; last screen:\n%s", re, screen)
	return ""
}

// exitStatus waits for the program to end and returns its exit status.
func (s *tmuxSession) exitStatus() string {
	s.t.Helper()
	exited := regexp.MustCompile(`\[exited (\d+)\]`)
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		if m := exited.FindStringSubmatch(s.screen()); m != nil {
			return m[1]
		}
		<-tick.C
	}
	// Ask the Go runtime for its goroutines, which it prints to the pane.
	pid := strings.TrimSpace(s.run("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	_ = exec.Command("pkill", "-QUIT", "-P", pid).Run()
	time.Sleep(time.Second) // a diagnostic on the failure path only
	s.t.Fatalf("the program did not exit after q; the pane after SIGQUIT:\n%s",
		s.run("capture-pane", "-p", "-t", s.name, "-S", "-300"))
	return ""
}

func assertFits(t *testing.T, screen string, cols, rows int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > rows {
		t.Errorf("screen has %d lines, want at most %d", len(lines), rows)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > cols {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i+1, w, cols, l)
		}
	}
}

// assertPrinted is assertFits for printed text, where a line may pass the
// width only to hold a URL too long for any line, whole, after at most an
// indent or a marker ("  ", "| ", "· ").
func assertPrinted(t *testing.T, out string, cols int) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if w := ansi.StringWidth(l); w > cols && !wholeURLLine(l) {
			t.Errorf("line %d is %d cells wide, want at most %d or one whole URL: %q", i+1, w, cols, l)
		}
	}
}

// wholeURLLine reports whether l is a URL after an indent or a marker.
func wholeURLLine(l string) bool {
	fields := strings.Fields(l)
	if len(fields) == 0 || len(fields) > 3 {
		return false
	}
	url := strings.TrimLeft(fields[len(fields)-1], "(")
	for _, marker := range fields[:len(fields)-1] {
		if strings.ContainsFunc(marker, unicode.IsLetter) {
			return false
		}
	}
	return strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "mailto:")
}

func TestEndToEndDemo(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	demo := api.Demo()
	sum := render.Summarize(demo)
	items := len(render.Items(demo, nil))
	title := regexp.QuoteMeta(ansi.Truncate(sum.Title, 30, ""))

	t.Run("120x40", func(t *testing.T) {
		s := startTmux(t, 120, 40, bin, "--demo", "--theme", "dark")
		screen := s.waitFor(fmt.Sprintf(`part %d/%d`, items, items))
		for _, want := range []string{title, "#" + regexp.QuoteMeta(sum.ID), "State"} {
			if !regexp.MustCompile(want).MatchString(screen) {
				t.Errorf("first screen lacks %q:\n%s", want, screen)
			}
		}
		assertFits(t, screen, 120, 40)

		s.keys("g")
		s.waitFor(fmt.Sprintf(`part 1/%d`, items))
		s.keys("]")
		s.waitFor(fmt.Sprintf(`part 2/%d`, items))
		s.keys("G")
		s.waitFor(fmt.Sprintf(`part %d/%d`, items, items))
		s.keys("?")
		s.waitFor(`(?i)next part`)
		s.keys("Escape")
		s.keys("q")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("exit status %s, want 0", status)
		}
	})

	t.Run("20x6", func(t *testing.T) {
		s := startTmux(t, 20, 6, bin, "--demo")
		screen := s.waitFor(fmt.Sprintf(`%d/%d`, items, items))
		assertFits(t, screen, 20, 6)
		s.keys("k", "k", "u")
		screen = s.waitFor(`\d+/\d+`)
		assertFits(t, screen, 20, 6)
		s.keys("q")
		if status := s.exitStatus(); status != "0" {
			t.Errorf("exit status %s, want 0", status)
		}
	})
}

// Inside tmux, Y puts the part in a tmux buffer, and the footer says so:
// tmux's default set-clipboard (external) drops the OSC 52 alone.
func TestEndToEndCopyLoadsATmuxBuffer(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	items := render.Items(api.Demo(), nil)
	s := startTmux(t, 120, 40, bin, "--demo")
	s.waitFor(fmt.Sprintf(`part %d/%d`, len(items), len(items)))
	s.keys("g")
	s.waitFor(fmt.Sprintf(`part 1/%d`, len(items)))
	s.keys("Y")
	s.waitFor(`copied part 1 to tmux buffer`)
	got := s.run("show-buffer")
	if !strings.Contains(got, items[0].Author) || !strings.Contains(got, "\n") {
		t.Errorf("the tmux buffer is %q, want part 1, by %s", got, items[0].Author)
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
}
