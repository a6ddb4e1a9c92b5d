package ui

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
)

// attached is a conversation whose opening message has attachments on
// base (an httptest server) and a link in its body.
func attached(base string, names ...string) Options {
	o := demoAt()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := api.Demo()
		c.ConversationParts.Parts = nil
		c.Source.Body = `<p>See <a href="https://example.com/guide">the guide</a>.</p>`
		c.Source.Attachments = nil
		for _, n := range names {
			c.Source.Attachments = append(c.Source.Attachments, api.Attachment{Name: n, URL: base + "/f/" + n + "?signature=sig", Filesize: 12})
		}
		return c, nil
	}
	o.Download = (&api.Client{Token: "tok_secret"}).Download
	return o
}

func TestLinksListOpensCopiesAndCloses(t *testing.T) {
	d := newDriver(t, attached("https://downloads.intercomcdn.com", "report.pdf"))
	d.size(120, 40)
	d.keys("L")
	screen := d.screen()
	for _, want := range []string{"Links · part 1", "▸ report.pdf · 12 B", "https://downloads.intercomcdn.com/f/report.pdf?signature=sig", "the guide", "https://example.com/guide"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the links list lacks %q:\n%s", want, screen)
		}
	}
	checkFrame(t, d.m.View().Content, 120, 40)

	d.keys("j") // moves the selection, not the transcript
	if got, _ := clipboard(d.press("y")); got != "https://example.com/guide" {
		t.Errorf("y in the list copied %q, want the second link", got)
	}
	if f := d.footer(); !strings.Contains(f, "link sent to the terminal's clipboard") {
		t.Errorf("footer after y = %q", f)
	}

	d.m.env = func(k string) string { return map[string]string{"DISPLAY": ":0"}[k] }
	var launched []string
	d.m.launch = func(name string, args ...string) error {
		launched = append([]string{name}, args...)
		return nil
	}
	d.keys("k", "enter")
	if len(launched) != 2 || launched[0] != "xdg-open" || launched[1] != "https://downloads.intercomcdn.com/f/report.pdf?signature=sig" {
		t.Errorf("enter launched %v, want xdg-open and the attachment's URL", launched)
	}
	if f := d.footer(); !strings.Contains(f, "opening report.pdf in a browser") {
		t.Errorf("footer after enter = %q", f)
	}
	d.keys("esc")
	if d.m.links.IsOpen() || strings.Contains(d.screen(), "Links · part") {
		t.Errorf("esc left the list open:\n%s", d.screen())
	}
}

func TestLinksListSaysWhenThePartHasNone(t *testing.T) {
	d := newDriver(t, demoAt())
	d.size(120, 40)
	d.keys("g", "]") // part 2 has neither
	d.keys("L")
	if d.m.links.IsOpen() {
		t.Fatal("L opened an empty list")
	}
	if f := d.footer(); !strings.Contains(f, "no links or attachments in part 2") {
		t.Errorf("footer = %q", f)
	}
}

// saveServer serves every file as body, and fails the test if a request
// carries the token.
func saveServer(t *testing.T, body string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("a download sent Authorization: %q", r.Header.Get("Authorization"))
		}
		if strings.Contains(r.URL.Path, "missing") {
			http.Error(w, "gone", http.StatusForbidden)
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSaveWritesANewFileNeverOverwriting(t *testing.T) {
	srv := saveServer(t, "the file")
	d := newDriver(t, attached(srv.URL, "report.pdf", "../.hidden\u202e.txt", "missing.txt"))
	d.size(120, 40)
	dir := t.TempDir()
	d.m.saveDir = dir
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("L", "s")
	if f := d.footer(); !strings.Contains(f, "saved report (1).pdf") {
		t.Errorf("footer after s = %q", f)
	}
	d.keys("s")
	if f := d.footer(); !strings.Contains(f, "saved report (2).pdf") {
		t.Errorf("footer after s again = %q", f)
	}
	d.keys("j", "s", "j", "s")
	if f := d.footer(); !strings.Contains(f, "could not save missing.txt: 127.0.0.1:") || !strings.Contains(f, "403") {
		t.Errorf("footer after a failed save = %q", f)
	}
	want := map[string]string{"report.pdf": "mine", "report (1).pdf": "the file", "report (2).pdf": "the file", "_.hidden.txt": "the file"}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("the folder holds %v, want %v", entries, want)
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != body {
			t.Errorf("%s = %q, %v; want %q", name, got, err, body)
		}
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && name != "report.pdf" && info.Mode().Perm()&^0o644 != 0 {
			t.Errorf("%s has mode %v, want 0644 at most", name, info.Mode())
		}
	}
}

// slowServer sends the first bytes of a big file and then waits until
// the request ends.
func slowServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10485760")
		_, _ = io.WriteString(w, strings.Repeat("x", 4096))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// startSave presses s and takes the save's first progress, leaving the
// listen for its next message to the test.
func startSave(t *testing.T, d *driver) tea.Cmd {
	t.Helper()
	var listen tea.Cmd
	for _, msg := range messages(d.press("s")) {
		if p, ok := msg.(saveMsg); ok {
			listen = d.step(p)
		}
	}
	if listen == nil {
		t.Fatal("s made no progress")
	}
	return listen
}

// savingBig is a driver saving big.bin from a server that never ends it,
// into dir, with the listen for the save's next message.
func savingBig(t *testing.T) (d *driver, dir string, listen tea.Cmd) {
	t.Helper()
	srv := slowServer(t)
	d = newDriver(t, attached(srv.URL, "big.bin"))
	d.size(120, 40)
	dir = t.TempDir()
	d.m.saveDir = dir
	d.keys("L")
	return d, dir, startSave(t, d)
}

func TestSaveShowsProgressAndEscStopsIt(t *testing.T) {
	d, dir, listen := savingBig(t)
	if f := d.footer(); !strings.Contains(f, "saving big.bin · 4 KB of 10 MB · esc stops") {
		t.Errorf("footer while saving = %q", f)
	}
	d.keys("esc")
	if !d.m.links.IsOpen() {
		t.Error("esc while saving closed the list instead of stopping the save")
	}
	d.run(listen)
	if f := d.footer(); !strings.Contains(f, "stopped saving big.bin") {
		t.Errorf("footer after esc = %q", f)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a stopped save left %v", entries)
	}
}

func TestQuitWhileSavingRemovesThePartialFile(t *testing.T) {
	d, dir, _ := savingBig(t)
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("quitting left %v", entries)
	}
}

func TestSafeFileName(t *testing.T) {
	long := strings.Repeat("é", 150) + ".pdf"
	tests := []struct{ in, want string }{
		{"report.pdf", "report.pdf"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{`..\..\boot.ini`, `_.._boot.ini`},
		{".bashrc", "bashrc"},
		{"...", "attachment"},
		{"", "attachment"},
		{"a\x1b]0;x\x07b\u202e\u200b.txt", "ab.txt"},
		{"line\nbreak.txt", "line break.txt"},
		{long, strings.Repeat("é", 98) + ".pdf"},
	}
	for _, tt := range tests {
		if got := safeFileName(tt.in); got != tt.want {
			t.Errorf("safeFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
