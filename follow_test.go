package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// liveConversation is a conversation on a test server that grows and
// changes between polls.
type liveConversation struct {
	mu     sync.Mutex
	state  string
	parts  []map[string]any
	status int    // an answer other than 200, while set
	budget string // "remaining/limit" for the rate-limit headers, "" for none
	polls  int
}

// say adds a customer's message with id.
func (c *liveConversation) say(id, body string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.parts = append(c.parts, map[string]any{
		"type": "conversation_part", "id": id, "part_type": "comment", "body": "<p>" + body + "</p>",
		"created_at": 1719492850 + len(c.parts)*60, "redacted": false, "attachments": []any{},
		"author": map[string]any{"id": "u1", "type": "user", "name": "Joe Bloggs", "email": "joe@bloggs.com"},
	})
}

// edit changes the body of the part with id.
func (c *liveConversation) edit(id, body string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.parts {
		if p["id"] == id {
			p["body"] = "<p>" + body + "</p>"
		}
	}
}

// drop deletes the part with id.
func (c *liveConversation) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, p := range c.parts {
		if p["id"] == id {
			c.parts = append(c.parts[:i], c.parts[i+1:]...)
			return
		}
	}
}

func (c *liveConversation) set(f func(c *liveConversation)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(c)
}

func (c *liveConversation) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if remaining, limit, ok := strings.Cut(c.budget, "/"); ok {
		w.Header().Set("X-RateLimit-Remaining", remaining)
		w.Header().Set("X-RateLimit-Limit", limit)
	}
	if r.URL.Path != "/conversations/367" {
		w.WriteHeader(http.StatusNotFound) // the look-ups fail, quietly
		_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`))
		return
	}
	c.polls++
	switch c.status {
	case 0:
	case http.StatusUnauthorized:
		w.WriteHeader(c.status)
		_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`))
		return
	default:
		w.WriteHeader(c.status)
		_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"parameter_invalid","message":"Something is off"}]}`))
		return
	}
	conv := map[string]any{
		"type": "conversation", "id": "367", "title": "Refund", "state": c.state, "open": c.state == "open",
		"created_at": 1719492800, "updated_at": 1719492800,
		"source": map[string]any{"type": "conversation", "id": "403", "delivered_as": "customer_initiated",
			"body": "<p>Hello</p>", "author": map[string]any{"id": "u1", "type": "user", "name": "Joe Bloggs"}},
		"contacts":           map[string]any{"type": "contact.list", "contacts": []any{}},
		"conversation_parts": map[string]any{"type": "conversation_part.list", "conversation_parts": c.parts, "total_count": len(c.parts)},
	}
	_ = json.NewEncoder(w).Encode(conv)
}

// lockedBuffer is a buffer the test reads while convo writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pollClock stands in for the wait between polls: convo says how long it
// would wait on waits, and polls again when the test ticks.
type pollClock struct {
	waits chan time.Duration
	tick  chan struct{}
}

func fakePollClock(t *testing.T) *pollClock {
	c := &pollClock{waits: make(chan time.Duration), tick: make(chan struct{})}
	was := followWait
	followWait = func(ctx context.Context, d time.Duration) error {
		select {
		case c.waits <- d:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case <-c.tick:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	t.Cleanup(func() { followWait = was })
	return c
}

// waiting returns the wait convo asks for next, once everything before it
// is written.
func (c *pollClock) waiting(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-c.waits:
		return d
	case <-time.After(15 * time.Second):
		t.Fatal("convo never came to wait for the next poll")
		return 0
	}
}

// poll lets convo poll once, and returns the wait it asks for after.
func (c *pollClock) poll(t *testing.T) time.Duration {
	t.Helper()
	c.tick <- struct{}{}
	return c.waiting(t)
}

// followEnv keeps convo off the machine's config, cache and history.
func followEnv(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "HOME"} {
		t.Setenv(k, dir)
	}
	t.Setenv("CONVO_CONFIG", "")
	t.Setenv("INTERCOM_TOKEN", testToken)
}

// following starts convo --follow against conv, and returns what ends it
// (as SIGTERM would), its exit status, stdout and stderr.
func following(t *testing.T, conv *liveConversation, args ...string) (stop func(), status <-chan int, stdout, stderr *lockedBuffer) {
	t.Helper()
	followEnv(t)
	srv := httptest.NewServer(conv)
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancelCause(context.Background())
	t.Cleanup(func() { cancel(nil) })
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	args = append([]string{"367", "--follow", "--api-url", srv.URL}, args...)
	go func() { done <- runContext(ctx, args, nil, stdout, stderr) }()
	return func() { cancel(signalError{syscall.SIGTERM}) }, done, stdout, stderr
}

func exitStatus(t *testing.T, status <-chan int) int {
	t.Helper()
	select {
	case s := <-status:
		return s
	case <-time.After(15 * time.Second):
		t.Fatal("convo did not end")
		return 0
	}
}

// Following prints the conversation, then each new part once, as the
// format prints a part, and nothing for an edit or a change of state;
// SIGTERM ends it with 0.
func TestFollowPrintsNewParts(t *testing.T) {
	tests := []struct {
		format string
		first  string // in the first print
		part   string // how the new part starts
		edited string // what the edit would show
	}{
		{"text", "Refund\nid 367 · open\n", "\n── Joe Bloggs (customer) · ", "changed my mind"},
		{"markdown", "# Refund\n", "\n## Joe Bloggs · customer · ", "changed my mind"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			clock := fakePollClock(t)
			conv := &liveConversation{state: "open"}
			conv.say("1", "My order is late")
			stop, status, stdout, stderr := following(t, conv, "--format", tt.format, "--width", "80")
			if d := clock.waiting(t); d != 10*time.Second {
				t.Errorf("the first wait is %s, want the default interval, 10s", d)
			}
			first := stdout.String()
			if !strings.HasPrefix(first, tt.first) || !strings.Contains(first, "My order is late") {
				t.Fatalf("the first print:\n%s", first)
			}
			clock.poll(t)
			if got := stdout.String(); got != first {
				t.Errorf("an unchanged poll printed %q", strings.TrimPrefix(got, first))
			}
			conv.say("2", "Where is my refund?")
			clock.poll(t)
			added := strings.TrimPrefix(stdout.String(), first)
			if !strings.HasPrefix(added, tt.part) || !strings.HasSuffix(added, "Where is my refund?\n") || strings.HasSuffix(first, "\n\n") {
				t.Errorf("the new part was printed as\n%q\nwant it to start %q, after one blank line", added, tt.part)
			}
			// An edit, and the conversation closed: nothing new to print.
			conv.edit("2", tt.edited)
			conv.set(func(c *liveConversation) { c.state = "closed" })
			before := stdout.String()
			clock.poll(t)
			if got := stdout.String(); got != before {
				t.Errorf("an edit printed %q", strings.TrimPrefix(got, before))
			}
			conv.say("3", "Thanks")
			conv.say("4", "Bye")
			clock.poll(t)
			got := stdout.String()
			if strings.Count(got, "Where is my refund?") != 1 || strings.Count(got, "Thanks") != 1 || strings.Count(got, "Bye") != 1 ||
				strings.Index(got, "Thanks") > strings.Index(got, "Bye") {
				t.Errorf("each part once, in order:\n%s", got)
			}
			stop()
			if s := exitStatus(t, status); s != 0 {
				t.Errorf("SIGTERM ended it with %d, want 0", s)
			}
			if stderr.String() != "" {
				t.Errorf("stderr %q", stderr.String())
			}
		})
	}
}

// --format json --follow is JSON Lines: the conversation without its
// parts, then one line for each part, then one for each new part.
func TestFollowJSONLines(t *testing.T) {
	clock := fakePollClock(t)
	conv := &liveConversation{state: "open"}
	conv.say("1", "My order is late")
	stop, status, stdout, _ := following(t, conv, "--format", "json")
	clock.waiting(t)
	conv.say("2", "Where is my refund?")
	clock.poll(t)
	conv.edit("1", "edited")
	clock.poll(t)
	stop()
	if s := exitStatus(t, status); s != 0 {
		t.Errorf("exit status %d, want 0", s)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want the head and 3 parts:\n%s", len(lines), stdout.String())
	}
	var head map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &head); err != nil {
		t.Fatal(err)
	}
	if _, has := head["parts"]; has || head["id"] != "367" || head["schema_version"] == nil || head["parts_total"] != 1.0 {
		t.Errorf("the head line %s: want the conversation without parts", lines[0])
	}
	for i, want := range []struct{ id, body string }{{"403", "Hello"}, {"1", "My order is late"}, {"2", "Where is my refund?"}} {
		var part struct {
			Index      int    `json:"index"`
			ID         string `json:"id"`
			BodyAsText string `json:"body"`
		}
		if err := json.Unmarshal([]byte(lines[i+1]), &part); err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		if part.ID != want.id || part.BodyAsText != want.body || part.Index != i {
			t.Errorf("line %d = %s, want part %s, %q, index %d", i+2, lines[i+1], want.id, want.body, i)
		}
	}
}

// Through a pipe each new part reaches the reader as it comes, while
// convo goes on following.
func TestFollowThroughAPipe(t *testing.T) {
	clock := fakePollClock(t)
	conv := &liveConversation{state: "open"}
	conv.say("1", "My order is late")
	followEnv(t)
	srv := httptest.NewServer(conv)
	t.Cleanup(srv.Close)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	ctx, stop := signalCtx(t, syscall.SIGINT)
	status := make(chan int, 1)
	go func() {
		status <- runContext(ctx, []string{"367", "--follow", "--api-url", srv.URL}, nil, w, io.Discard)
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	await := func(text string) {
		t.Helper()
		for {
			select {
			case l := <-lines:
				if strings.Contains(l, text) {
					return
				}
			case <-time.After(15 * time.Second):
				t.Fatalf("%q never came through the pipe", text)
			}
		}
	}
	clock.waiting(t)
	await("My order is late")
	conv.say("2", "Where is my refund?")
	clock.tick <- struct{}{}
	await("Where is my refund?") // before convo has polled again, or ended
	clock.waiting(t)
	stop()
	if s := exitStatus(t, status); s != 0 {
		t.Errorf("ctrl+c ended it with %d, want 0", s)
	}
}

// A 401 or a 404 stops following with one line and status 1.
func TestFollowStopsWhenRefused(t *testing.T) {
	for _, code := range []int{http.StatusUnauthorized, http.StatusNotFound} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			clock := fakePollClock(t)
			conv := &liveConversation{state: "open"}
			_, status, _, stderr := following(t, conv, "--format", "text")
			clock.waiting(t)
			conv.set(func(c *liveConversation) { c.status = code })
			clock.tick <- struct{}{}
			if s := exitStatus(t, status); s != 1 {
				t.Errorf("exit status %d, want 1", s)
			}
			got := stderr.String()
			if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "convo: stopped following: ") || !strings.Contains(got, fmt.Sprint(code)) {
				t.Errorf("stderr %q, want one line saying following stopped, and why", got)
			}
		})
	}
}

// A conversation that comes back with fewer parts is said once on
// stderr, and following goes on; a part seen before is not printed again.
func TestFollowFewerParts(t *testing.T) {
	clock := fakePollClock(t)
	conv := &liveConversation{state: "open"}
	conv.say("1", "My card number is 4242")
	conv.say("2", "Where is my refund?")
	_, _, stdout, stderr := following(t, conv, "--format", "text")
	clock.waiting(t)
	conv.drop("1")
	clock.poll(t)
	if got, want := stderr.String(), "convo: the conversation came back with 1 part, 2 before: some were deleted; following what it has\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	clock.poll(t)
	conv.say("3", "Thanks")
	conv.say("1", "My card number is 4242") // back again
	before := stdout.String()
	clock.poll(t)
	if got := strings.TrimPrefix(stdout.String(), before); !strings.Contains(got, "Thanks") || strings.Contains(got, "4242") {
		t.Errorf("after the deletion convo printed %q; want the new part only", got)
	}
	if strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q, want the one line", stderr.String())
	}
}

// A failed poll waits twice as long as the one before, up to two
// minutes, and says so once on a terminal's stderr; an answer brings the
// interval back. A budget under a tenth of the limit doubles it.
func TestFollowBacksOff(t *testing.T) {
	clock := fakePollClock(t)
	fail := errors.New("connection reset")
	var mu sync.Mutex
	failing, remaining := false, 500
	fetch := func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		mu.Lock()
		defer mu.Unlock()
		if failing {
			return nil, fail
		}
		return &api.Conversation{ID: "367"}, nil
	}
	set := func(f func()) { mu.Lock(); f(); mu.Unlock() }
	f := &follower{format: "text", retries: true, seen: map[string]bool{}, pace: api.Pace{Interval: 10 * time.Second,
		Budget: func() (int, int, bool) { mu.Lock(); defer mu.Unlock(); return remaining, 1000, true }}}
	var stderr lockedBuffer
	ctx, stop := signalCtx(t, syscall.SIGTERM)
	status := make(chan int, 1)
	go func() {
		status <- f.run(ctx, fetch, nil, printOptions(render.Options{Width: 80}, "text", nil), nil, &scrubbed{w: io.Discard}, io.Discard, &stderr)
	}()
	if d := clock.waiting(t); d != 10*time.Second {
		t.Errorf("first wait %s, want 10s", d)
	}
	set(func() { failing = true })
	var waits []time.Duration
	for range 5 {
		waits = append(waits, clock.poll(t))
	}
	if want := []time.Duration{20 * time.Second, 40 * time.Second, 80 * time.Second, 2 * time.Minute, 2 * time.Minute}; fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("waits after failures %v, want %v", waits, want)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != 5 || lines[0] != "convo: connection reset; retrying in 20s" || lines[4] != "convo: connection reset; retrying in 2m0s" {
		t.Errorf("stderr %q, want one line a failure", stderr.String())
	}
	set(func() { failing = false })
	if d := clock.poll(t); d != 10*time.Second {
		t.Errorf("after an answer the wait is %s, want 10s", d)
	}
	set(func() { remaining = 99 })
	if d := clock.poll(t); d != 20*time.Second {
		t.Errorf("with 99 of 1000 left the wait is %s, want 20s", d)
	}
	stop()
	if s := exitStatus(t, status); s != 0 {
		t.Errorf("exit status %d, want 0", s)
	}
}

// The budget the API's answers leave reaches the follower through the
// shared gate: under a tenth of the limit, the next poll waits twice the
// interval.
func TestFollowSlowsDownOnALowBudget(t *testing.T) {
	clock := fakePollClock(t)
	conv := &liveConversation{state: "open", budget: "900/1000"}
	stop, status, _, _ := following(t, conv, "--format", "text", "--interval", "3s")
	if d := clock.waiting(t); d != 3*time.Second {
		t.Errorf("with 900 of 1000 left the wait is %s, want 3s", d)
	}
	conv.set(func(c *liveConversation) { c.budget = "80/1000" })
	if d := clock.poll(t); d != 6*time.Second {
		t.Errorf("with 80 of 1000 left the wait is %s, want 6s", d)
	}
	stop()
	exitStatus(t, status)
}

// --follow needs the API: with --file or --demo it is a usage error.
func TestFollowNeedsTheAPI(t *testing.T) {
	for _, args := range [][]string{{"--demo", "--follow"}, {"--file", "x.json", "--follow", "--format", "text"}} {
		var stdout, stderr bytes.Buffer
		if s := runContext(context.Background(), args, nil, &stdout, &stderr); s != 2 || !strings.Contains(stderr.String(), "cannot follow --file or --demo") {
			t.Errorf("%q: status %d, stderr %q; want 2 and why", args, s, stderr.String())
		}
	}
}

// The built convo, following through a pipe, ends with 0 on SIGTERM while
// a poll is on its way, with the conversation printed whole.
func TestFollowEndsOnSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	conv := &liveConversation{state: "open"}
	conv.say("1", "My order is late")
	polled := make(chan struct{}, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/conversations/367" {
			conv.mu.Lock()
			n := conv.polls
			conv.mu.Unlock()
			if n > 0 { // the first poll after the print: it never answers
				polled <- struct{}{}
				<-r.Context().Done()
				return
			}
		}
		conv.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	p := startProcess(t, bin, []string{"INTERCOM_TOKEN=" + testToken, "XDG_CONFIG_HOME=" + dir, "XDG_CACHE_HOME=" + dir, "HOME=" + dir},
		"367", "--follow", "--interval", "2s", "--api-url", srv.URL)
	select {
	case <-polled:
	case <-time.After(15 * time.Second):
		t.Fatal("convo never polled")
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	if got := p.exit(t); got != 0 {
		t.Errorf("exit status %d, want 0; stderr %q", got, p.stderr.String())
	}
	if out := p.stdout.String(); !strings.HasPrefix(out, "Refund\n") || !strings.HasSuffix(out, "My order is late\n") || p.stderr.Len() != 0 {
		t.Errorf("stdout %q, stderr %q; want the conversation, and nothing on stderr", out, p.stderr.String())
	}
}
