//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// Prism (@stoplight/prism-cli) mocks Intercom from its OpenAPI description;
// `make prism` installs it from testdata/prism/package-lock.json.
var (
	prismBin  = filepath.Join("testdata", "prism", "node_modules", ".bin", "prism")
	prismSpec = filepath.Join(fixtures, "openapi-2.11-mockable.yaml")
)

// prismDynamicRuns is how many random conversations each output is tried on.
const prismDynamicRuns = 20

// prismToken is any token: Prism checks only that there is one.
const prismToken = "prism-test-token"

// staticBody is what the documented example's opening message says.
const staticBody = "this is the message body"

func requirePrism(t *testing.T) {
	t.Helper()
	for _, p := range []string{prismBin, prismSpec} {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (%v); `make test` installs Prism, and ../shared holds the spec", p, err)
			}
			t.Skipf("SKIPPED: %s is missing, so the Prism end-to-end test cannot run; `make prism` installs Prism", p)
		}
	}
}

// TestPrism runs the built binary against Prism mocking Intercom's 2.11
// description: the documented example (static mode), and random
// schema-valid conversations (dynamic mode), in every format and the TUI.
func TestPrism(t *testing.T) {
	requirePrism(t)
	bin := buildBinary(t)

	t.Run("static", func(t *testing.T) {
		t.Parallel()
		base := startPrism(t, false)
		for _, format := range []string{"text", "markdown", "json"} {
			t.Run(format, func(t *testing.T) {
				t.Parallel()
				out := runConvo(t, bin, base, "123", format, nil)
				if format == "json" {
					if id := jsonID(t, out); id != "367" {
						t.Errorf("json id %q, want 367", id)
					}
				} else if !strings.Contains(out, staticBody) {
					t.Errorf("%s output lacks %q:\n%s", format, staticBody, out)
				}
			})
		}
		t.Run("tui", func(t *testing.T) {
			t.Parallel()
			screen := runTUI(t, bin, base, "123", nil)
			for _, want := range []string{"#367", staticBody} {
				if !strings.Contains(screen, want) {
					t.Errorf("screen lacks %q:\n%s", want, screen)
				}
			}
		})
	})

	t.Run("dynamic", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t, startPrism(t, true))
		for i := range prismDynamicRuns {
			t.Run(fmt.Sprint("conversation ", i), func(t *testing.T) {
				t.Parallel()
				// Prism makes up conversation id on its first fetch; the
				// recorder serves the same one to every later fetch.
				id := strconv.Itoa(1000 + i)
				for _, format := range []string{"text", "markdown", "json"} {
					out := runConvo(t, bin, rec.url, id, format, rec.served(id))
					if format != "json" {
						continue
					}
					conv, err := api.DecodeBytes(rec.body(id))
					if err != nil {
						t.Fatalf("convo printed what api cannot decode: %v%s", err, rec.served(id)())
					}
					want := render.Summarize(conv).ID
					if got := jsonID(t, out); got != want || want == "367" {
						t.Errorf("json id %q, want %q, not the static example's 367%s", got, want, rec.served(id)())
					}
				}
				t.Run("tui", func(t *testing.T) { runTUI(t, bin, rec.url, id, rec.served(id)) })
			})
		}
	})
}

// startPrism starts `prism mock` on a free port, waits until it answers, and
// stops its whole process group when the test ends. It returns the base URL.
func startPrism(t *testing.T, dynamic bool) string {
	t.Helper()
	// Another process may take the port between freePort and Prism's
	// listening, which is slow (node starts first): then try another.
	for range 3 {
		if base, ok := launchPrism(t, dynamic, freePort(t)); ok {
			return base
		}
	}
	t.Fatal("prism found each of three free ports taken")
	return ""
}

// launchPrism is startPrism on one port; false means the port was taken.
func launchPrism(t *testing.T, dynamic bool, port string) (string, bool) {
	t.Helper()
	args := []string{"mock", "--host", "127.0.0.1", "--port", port, "--verboseLevel", "warn"}
	if dynamic {
		args = append(args, "--dynamic")
	}
	log, err := os.Create(filepath.Join(t.TempDir(), "prism.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(prismBin, append(args, prismSpec)...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // node may start children
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting prism: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		log.Close()
	})

	base := "http://127.0.0.1:" + port
	deadline := time.Now().Add(60 * time.Second)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		status, err := getStatus(base + "/conversations/1")
		if err == nil && status == http.StatusOK {
			return base, true
		}
		select {
		case <-exited:
			if strings.Contains(tail(log.Name()), "EADDRINUSE") {
				return "", false
			}
			t.Fatalf("prism exited before answering:\n%s", tail(log.Name()))
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			t.Fatalf("prism did not answer within a minute (last: %d %v):\n%s", status, err, tail(log.Name()))
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// getStatus asks for a conversation as convo would, and returns the status.
func getStatus(target string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+prismToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// tail is the end of a log file, for a failure message.
func tail(name string) string {
	b, _ := os.ReadFile(name)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// recorder stands in front of Prism and keeps each answer by request URI:
// the first fetch of a conversation goes to Prism, which makes one up, and
// every later fetch gets the same answer, so that one random conversation
// is printed in each format and shown, and one that breaks convo can be
// shown and kept (Prism would not make it again).
type recorder struct {
	url     string
	prism   string
	mu      sync.Mutex
	answers map[string]recorded
}

type recorded struct {
	status      int
	contentType string
	body        []byte
}

func newRecorder(t *testing.T, prism string) *recorder {
	t.Helper()
	r := &recorder{prism: prism, answers: map[string]recorded{}}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	return r
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	key := req.URL.RequestURI()
	r.mu.Lock()
	a, ok := r.answers[key]
	if !ok { // under the lock, so that Prism is asked once per key
		a = r.ask(req)
		r.answers[key] = a
	}
	r.mu.Unlock()
	w.Header().Set("Content-Type", a.contentType)
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// ask forwards req to Prism; a failure is a 502 that says why.
func (r *recorder) ask(req *http.Request) recorded {
	out, err := http.NewRequestWithContext(req.Context(), req.Method, r.prism+req.URL.RequestURI(), nil)
	if err != nil {
		return recorded{http.StatusBadGateway, "text/plain", []byte(err.Error())}
	}
	out.Header = req.Header.Clone()
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return recorded{http.StatusBadGateway, "text/plain", []byte(err.Error())}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return recorded{http.StatusBadGateway, "text/plain", []byte(err.Error())}
	}
	return recorded{resp.StatusCode, resp.Header.Get("Content-Type"), body}
}

// body is what Prism served for conversation id.
func (r *recorder) body(id string) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.answers["/conversations/"+id].body
}

// served returns what to add to a failure about conversation id: the body
// Prism served, also saved to a file that outlives the test.
func (r *recorder) served(id string) func() string {
	return func() string {
		body := r.body(id)
		if body == nil {
			return "\n(prism served nothing for " + id + ")"
		}
		name := filepath.Join(os.TempDir(), "convo-prism-"+id+".json")
		if err := os.WriteFile(name, body, 0o644); err != nil {
			name = err.Error()
		}
		return fmt.Sprintf("\nprism served (saved to %s):\n%s", name, body)
	}
}

// convoEnv is a clean environment for the binary: a token, and no config or
// cache of the user's.
func convoEnv(t *testing.T) []string {
	home := t.TempDir()
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"INTERCOM_TOKEN=" + prismToken,
	}
}

// runConvo prints conversation id from base in a format, and wants exit 0,
// nothing on stderr but the warning that the answer is another
// conversation (Prism's dynamic mode makes ids up), and some output.
// served, if not nil, tells a failure what the server sent.
func runConvo(t *testing.T, bin, base, id, format string, served func() string) string {
	t.Helper()
	detail := func() string {
		if served == nil {
			return ""
		}
		return served()
	}
	cmd := exec.Command(bin, id, "--api-url", base, "--format", format)
	cmd.Env = convoEnv(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running convo: %v", err)
	}
	other := "convo: warning: asked for conversation " + id + ", but the API answered with conversation "
	errs := stderr.String()
	if strings.HasPrefix(errs, other) && strings.Count(errs, "\n") == 1 {
		errs = ""
	}
	if err != nil || errs != "" || stdout.Len() == 0 {
		t.Fatalf("convo --format %s: %v, stderr %q, %d bytes of output%s", format, err, stderr.String(), stdout.Len(), detail())
	}
	return stdout.String()
}

// jsonID checks that out is one JSON object and returns its id.
func jsonID(t *testing.T, out string) string {
	t.Helper()
	var doc struct {
		ID *string `json:"id"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&doc); err != nil || dec.More() || doc.ID == nil {
		t.Fatalf("want one JSON object with an id, got %v:\n%s", err, out)
	}
	return *doc.ID
}

// runTUI shows conversation id from base in tmux at 120x40, wants it shown
// without an error, then quits with q and wants exit 0. It returns the screen.
func runTUI(t *testing.T, bin, base, id string, served func() string) string {
	t.Helper()
	requireTmux(t)
	command := append([]string{"env", "-i", "TERM=xterm-256color", "COLORTERM=truecolor"}, convoEnv(t)...)
	s := startTmux(t, 120, 40, append(command, bin, id, "--api-url", base)...)
	screen := s.waitFor(`part \d+/\d+|✗|\[exited \d+\]`)
	if strings.Contains(screen, "✗") || strings.Contains(screen, "[exited") {
		t.Errorf("the screen shows an error:\n%s", screen)
	}
	if strings.TrimSpace(strings.SplitN(screen, "\n", 2)[0]) == "" {
		t.Errorf("the screen has no header:\n%s", screen)
	}
	assertFits(t, screen, 120, 40)
	if t.Failed() && served != nil {
		t.Log(served())
	}
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s after q, want 0", status)
	}
	return screen
}
