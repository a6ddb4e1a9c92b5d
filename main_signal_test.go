package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// waitUntil polls cond until it holds, and fails with what after the
// deadline.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s never happened", what)
		}
		<-tick.C
	}
}

// process is the built binary running outside a terminal.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{} // closed when the process has ended
}

func startProcess(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// exit waits for the process to end and returns its exit status, -1 when
// a signal killed it.
func (p *process) exit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(15 * time.Second):
		t.Fatalf("convo did not exit; stderr %q", p.stderr.String())
		return 0
	}
}

// A signal while convo fetches, or runs token_command, ends it at once
// with 128 plus the signal's number and prints nothing: no output, and no
// "context canceled".
func TestSignalWhilePrinting(t *testing.T) {
	bin := buildBinary(t)
	signals := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

	t.Run("fetching", func(t *testing.T) {
		asked := make(chan struct{}, 8)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			asked <- struct{}{}
			<-r.Context().Done() // never answers
		}))
		t.Cleanup(srv.Close)
		for _, sig := range signals {
			t.Run(sig.String(), func(t *testing.T) {
				p := startProcess(t, bin, []string{"INTERCOM_TOKEN=" + testToken}, "367", "--api-url", srv.URL, "--format", "text")
				select {
				case <-asked:
				case <-time.After(15 * time.Second):
					t.Fatal("convo never asked for the conversation")
				}
				_ = p.cmd.Process.Signal(sig)
				if got, want := p.exit(t), 128+int(sig); got != want {
					t.Errorf("exit status %d, want %d", got, want)
				}
				if p.stdout.Len() != 0 || p.stderr.Len() != 0 {
					t.Errorf("stdout %q, stderr %q; want nothing", p.stdout.String(), p.stderr.String())
				}
			})
		}
	})

	t.Run("token_command", func(t *testing.T) {
		for _, sig := range signals {
			t.Run(sig.String(), func(t *testing.T) {
				mark := filepath.Join(t.TempDir(), "started")
				cfg := writeConfig(t, 0o600, fmt.Sprintf("token_command = \"touch %s; exec sleep 60\"\n", mark))
				p := startProcess(t, bin, []string{"INTERCOM_TOKEN="}, "367", "--config", cfg, "--format", "text")
				waitUntil(t, "token_command starting", func() bool { _, err := os.Stat(mark); return err == nil })
				_ = p.cmd.Process.Signal(sig)
				if got, want := p.exit(t), 128+int(sig); got != want {
					t.Errorf("exit status %d, want %d; stderr %q", got, want, p.stderr.String())
				}
				if p.stdout.Len() != 0 || p.stderr.Len() != 0 {
					t.Errorf("stdout %q, stderr %q; want nothing", p.stdout.String(), p.stderr.String())
				}
			})
		}
	})
}

// signalCtx is a context cancelled as a signal would cancel it.
func signalCtx(t *testing.T, sig syscall.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	t.Cleanup(func() { cancel(nil) })
	return ctx, func() { cancel(signalError{sig}) }
}

// runAsync runs convo in the test's process and returns its exit status
// on a channel.
func runAsync(ctx context.Context, args []string, stdin io.Reader, stdout, stderr *bytes.Buffer) <-chan int {
	status := make(chan int, 1)
	go func() { status <- runContext(ctx, args, stdin, stdout, stderr) }()
	return status
}

// A signal ends the wait for a saved response that does not come: from a
// named pipe nobody opens, one that is open but silent, or standard input
// that never ends.
func TestSignalWhileReadingInput(t *testing.T) {
	fifo := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "conversation.json")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatal(err)
		}
		// The reading goroutine, left behind, ends when a writer comes and
		// goes.
		t.Cleanup(func() {
			if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		})
		return path
	}
	tests := []struct {
		name string
		// setup returns the arguments, standard input, and a channel closed
		// once convo waits for its input, when the test can know it.
		setup func(t *testing.T) (args []string, stdin io.Reader, waiting <-chan struct{})
	}{
		{"a named pipe nobody writes to", func(t *testing.T) ([]string, io.Reader, <-chan struct{}) {
			return []string{"--file", fifo(t)}, nil, nil
		}},
		{"a named pipe open but silent", func(t *testing.T) ([]string, io.Reader, <-chan struct{}) {
			path := fifo(t)
			opened := make(chan struct{})
			go func() {
				// Opening for writing waits for convo to open for reading.
				if w, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
					t.Cleanup(func() { w.Close() })
					close(opened)
				}
			}()
			return []string{"--file", path}, nil, opened
		}},
		{"standard input that never ends", func(t *testing.T) ([]string, io.Reader, <-chan struct{}) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close(); w.Close() })
			return []string{"--file", "-"}, r, nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args, stdin, waiting := tt.setup(t)
			ctx, interrupt := signalCtx(t, syscall.SIGINT)
			var stdout, stderr bytes.Buffer
			status := runAsync(ctx, append(args, "--format", "text"), stdin, &stdout, &stderr)
			if waiting != nil {
				select {
				case <-waiting:
				case <-time.After(15 * time.Second):
					t.Fatal("convo never opened the named pipe")
				}
			}
			interrupt()
			select {
			case got := <-status:
				if got != 130 {
					t.Errorf("exit status %d, want 130", got)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("convo still waits for its input after the signal")
			}
			if stdout.Len() != 0 || stderr.Len() != 0 {
				t.Errorf("stdout %q, stderr %q; want nothing", stdout.String(), stderr.String())
			}
		})
	}
}

// --file - on a terminal says it waits for input, and ctrl+c there ends
// convo quietly with 130.
func TestEndToEndStdinTerminal(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	s := startTmux(t, 100, 10, bin, "--file", "-", "--format", "text")
	s.waitFor(regexp.QuoteMeta(waitingForInput))
	s.keys("C-c")
	if status := s.exitStatus(); status != "130" {
		t.Errorf("exit status %s, want 130", status)
	}
	if screen := s.screen(); strings.Contains(screen, "canceled") || strings.Count(screen, "convo:") != 1 {
		t.Errorf("the screen says more than that it waited:\n%s", screen)
	}

	s = startTmux(t, 100, 10, bin, "--file", "-", "--format", "text")
	s.waitFor(regexp.QuoteMeta(waitingForInput))
	s.keys("C-d")
	s.waitFor(`convo: standard input: empty input`)
	if status := s.exitStatus(); status != "1" {
		t.Errorf("exit status %s, want 1", status)
	}
}

// On the screen, SIGHUP, SIGTERM and SIGINT restore the terminal (no
// alternate screen, no mouse reports, the cursor shown) and exit with 128
// plus the signal's number; SIGTERM does not exit 0.
func TestEndToEndSignals(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	items := len(render.Items(api.Demo(), nil))
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			s := startTmux(t, 100, 30, bin, "--demo")
			s.waitFor(fmt.Sprintf(`part %d/%d`, items, items))
			if got := s.flags(); got != "alternate_on=1 mouse_any_flag=1 mouse_button_flag=1 mouse_sgr_flag=1 cursor_flag=0" {
				t.Fatalf("the screen's modes are %q: the test needs alternate screen, mouse and hidden cursor", got)
			}
			pid := s.childPID()
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatal(err)
			}
			if status, want := s.exitStatus(), fmt.Sprint(128+int(sig)); status != want {
				t.Errorf("exit status %s, want %s", status, want)
			}
			if got, want := s.flags(), "alternate_on=0 mouse_any_flag=0 mouse_button_flag=0 mouse_sgr_flag=0 cursor_flag=1"; got != want {
				t.Errorf("after the signal the terminal's modes are\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// flags are the pane's terminal modes that convo sets and must restore.
func (s *tmuxSession) flags() string {
	s.t.Helper()
	var f []string
	for _, name := range []string{"alternate_on", "mouse_any_flag", "mouse_button_flag", "mouse_sgr_flag", "cursor_flag"} {
		f = append(f, name+"="+strings.TrimSpace(s.run("display-message", "-p", "-t", s.name, "#{"+name+"}")))
	}
	return strings.Join(f, " ")
}

// childPID is the pid of the program the pane's shell started.
func (s *tmuxSession) childPID() int {
	s.t.Helper()
	shell := strings.TrimSpace(s.run("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell).Output()
	var pid int
	if _, scanErr := fmt.Sscan(string(out), &pid); err != nil || scanErr != nil {
		s.t.Fatalf("no child of the pane's shell %s: %v %q", shell, err, out)
	}
	return pid
}
