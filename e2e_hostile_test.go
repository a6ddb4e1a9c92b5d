package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/render/termtest"
)

// hostileFixture is render's hostile conversation: escape sequences, BiDi
// controls and awkward text in every string field (render/hostile_gen_test.go).
const hostileFixture = "render/testdata/hostile.json"

// TestEndToEndHostile records every byte convo writes to the terminal while
// it shows the hostile conversation in tmux, scrolled top to bottom in both
// panes with the help open, and checks that none of the planted sequences
// got through; then the same for the printed formats.
func TestEndToEndHostile(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	fixture, err := filepath.Abs(hostileFixture)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("screen", func(t *testing.T) {
		const cols, rows = 120, 40
		raw, screens := recordScreen(t, bin, fixture, cols, rows)
		checkRawTerminal(t, raw)
		// Fields from the top, middle and end of both panes: the test saw them.
		for _, shown := range []string{"CLRHXsourceBody", "CLRHXpart1Body", "CLRHXpart18Body", "CLRHXstate", "CLRHXticketCategory"} {
			if !bytes.Contains(raw, []byte(shown)) {
				t.Errorf("the recording never shows %q", shown)
			}
		}
		for _, screen := range screens {
			assertFits(t, screen, cols, rows)
			if !strings.Contains(screen, "? or esc to close") {
				checkPanelEdge(t, screen, cols)
			}
		}
		t.Logf("%d screens, %d bytes recorded", len(screens), len(raw))
	})

	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			cmd := exec.Command(bin, "--file", fixture, "--format", format, "--width", "80")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("convo --format %s: %v\n%s", format, err, stderr.Bytes())
			}
			if format == "json" {
				checkJSONStrings(t, out)
				return
			}
			if i := bytes.IndexByte(out, 0x1b); i >= 0 {
				t.Errorf("an ESC in %s output: %q", format, termtest.Around(string(out), i))
			}
			if err := termtest.CheckEscapes(string(out)); err != nil {
				t.Errorf("%s output: %v", format, err)
			}
			if leak, context, found := termtest.Leak(string(out)); found {
				t.Errorf("%s output: %q leaked: %q", format, leak, context)
			}
			if format == "text" {
				assertPrinted(t, string(out), 80)
			}
		})
	}
}

// recordScreen runs convo on the fixture in tmux under script(1), which
// writes every byte convo sends to the terminal to a file, and drives it:
// G, g, page down to the end, ] through every part, tab to the details
// panel and the same there, the help, q. It returns the recording and the
// screens seen on the way.
func recordScreen(t *testing.T, bin, fixture string, cols, rows int) ([]byte, []string) {
	t.Helper()
	log := filepath.Join(t.TempDir(), "terminal.log")
	convo := bin + " --file " + fixture + " --theme dark"
	var s *tmuxSession
	if _, err := exec.LookPath("script"); err == nil {
		// -f flushes each write, -e passes on convo's exit status.
		s = startTmux(t, cols, rows, "script", "-q", "-e", "-f", "-c", convo, log)
	} else {
		// Without script, tmux copies what the pane receives to the file; convo
		// waits for a key so that no byte goes out before the pipe is open.
		s = startTmux(t, cols, rows, "sh", "-c", "read go; exec "+convo)
		s.run("pipe-pane", "-o", "-t", s.name, "cat >> "+log)
		s.keys("Enter")
	}
	var screens []string
	screens = append(screens, s.waitFor(`part \d+/\d+`))
	step := func(key string, done string) {
		t.Helper()
		end := regexp.MustCompile(done)
		for range 500 {
			screen := s.screen()
			if end.MatchString(screen) {
				return
			}
			s.keys(key)
			next, changed := s.waitChange(screen)
			screens = append(screens, next)
			if !changed {
				return // nothing moves: the end, whatever it says
			}
		}
	}
	s.keys("G")
	screens = append(screens, s.waitFor(`part (\d+)/\d+ · 100%`))
	s.keys("g")
	screens = append(screens, s.waitFor(`part 1/\d+ · 0%`))
	step("Space", `· 100%`)
	s.keys("g")
	screens = append(screens, s.waitFor(`part 1/\d+ · 0%`))
	step("]", `part (\d+)/(\d+) · 100%`)
	s.keys("Tab")
	screens = append(screens, s.waitFor(`details · \d+%`))
	s.keys("g")
	screens = append(screens, s.waitFor(`details · 0%`))
	step("Space", `details · 100%`)
	s.keys("g")
	screens = append(screens, s.waitFor(`details · 0%`))
	step("]", `details · 100%`)
	s.keys("?")
	screens = append(screens, s.waitFor(`(?i)next part`))
	s.keys("Escape", "q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
	raw, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	// script frames the recording with a line before and after; drop them.
	if bytes.HasPrefix(raw, []byte("Script started")) {
		raw = raw[bytes.IndexByte(raw, '\n')+1:]
	}
	if i := bytes.LastIndex(raw, []byte("\nScript done")); i >= 0 {
		raw = raw[:i]
	}
	return raw, screens
}

// waitChange waits for the screen to differ from prev, and reports whether
// it did within a few seconds.
func (s *tmuxSession) waitChange(prev string) (string, bool) {
	deadline := time.Now().Add(3 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		if screen := s.screen(); screen != prev {
			return screen, true
		}
		<-tick.C
	}
	return prev, false
}

// checkRawTerminal fails on anything in the bytes convo wrote that the
// hostile fixture planted: raw or UTF-8 C1 controls, BiDi controls, OSC 52,
// a title other than convo's, an OSC 8 to another scheme, and any planted
// word right after its planted sequence or payload.
func checkRawTerminal(t *testing.T, raw []byte) {
	t.Helper()
	s := string(raw)
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			t.Errorf("a byte that is not UTF-8 (a raw C1?) at %d: %q", i, termtest.Around(s, i))
		case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			t.Errorf("%U at %d: %q", r, i, termtest.Around(s, i))
		}
	}
	for _, osc := range oscPattern.FindAllStringSubmatchIndex(s, -1) {
		num, payload := s[osc[2]:osc[3]], s[osc[4]:osc[5]]
		where := termtest.Around(s, osc[0])
		switch num {
		case "52":
			t.Errorf("OSC 52 (clipboard): %q", where)
		case "0", "1", "2":
			// convo's "convo #id title", or "" as it leaves.
			if payload != "" && !strings.HasPrefix(payload, "convo") || strings.Contains(payload, "PWN") {
				t.Errorf("a title convo did not make: %q", where)
			}
		case "8":
			_, target, _ := strings.Cut(payload, ";")
			if target != "" && !termtest.SafeTarget(target) {
				t.Errorf("OSC 8 to %q: %q", target, where)
			}
		default:
			if payload != "?" { // queries, such as the background colour
				t.Errorf("OSC %s: %q", num, where)
			}
		}
	}
	for _, leak := range []string{"PWN", "javascript:", "]52;", "P+qPWN"} {
		if i := strings.Index(s, leak); i >= 0 {
			t.Errorf("%q leaked: %q", leak, termtest.Around(s, i))
		}
	}
	// convo's own renderer may clear the screen or title the window; what
	// the fixture planted never arrives without its ESC, nor with it
	// right before a planted word.
	for _, residue := range []string{"[2J", "]0;"} {
		if n := strings.Count(s, residue) - strings.Count(s, "\x1b"+residue); n > 0 {
			t.Errorf("%q without its ESC %d times: %q", residue, n, termtest.Around(s, strings.Index(s, residue)))
		}
	}
	for _, planted := range []string{"\x1b[2J\x1b[HCLRHX", "\x1b[HCLRHX", "\x1bcRISHX", "\x1b\\LNKHX", "\x7f\x08\rDELHX", "[2JENTHX"} {
		if i := strings.Index(s, planted); i >= 0 {
			t.Errorf("a planted sequence reached the terminal: %q", termtest.Around(s, i))
		}
	}
}

// oscPattern matches an OSC sequence: its number and its payload.
var oscPattern = regexp.MustCompile("\x1b\\](\\d*);?([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// checkPanelEdge fails when a row of the screen does not have the details
// panel's border where the layout puts it: a line of the transcript that
// is wider on the terminal than convo measured pushes it right.
func checkPanelEdge(t *testing.T, screen string, cols int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) < 3 {
		return
	}
	edge := cols - min(max(cols/3, 30), 50) // ui's layout: the panel's share
	for i, l := range lines[1 : len(lines)-1] {
		at := -1
		for j := 0; j < len(l); {
			k := strings.Index(l[j:], "│")
			if k < 0 {
				break
			}
			// tmux counts cells as wcwidth does (but joins ZWJ emoji).
			if at = ansi.WcWidth.StringWidth(l[:j+k]); at == edge {
				break
			}
			j += k + len("│")
		}
		if at != edge {
			t.Errorf("row %d: no panel border at column %d: %q", i+2, edge, l)
			return
		}
	}
}

// checkJSONStrings decodes convo's JSON output and fails on a control
// character, a BiDi control or a planted payload in any string.
func checkJSONStrings(t *testing.T, out []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("json output does not decode: %v", err)
	}
	n := 0
	termtest.WalkStrings(doc, func(path, s string) {
		n++
		if err := termtest.CheckEscapes(s); err != nil || strings.ContainsRune(s, 0x1b) {
			t.Errorf("%s: %q: %v", path, s, err)
		}
		if leak, context, found := termtest.Leak(s); found {
			t.Errorf("%s: %q leaked: %q", path, leak, context)
		}
	})
	if n < 100 {
		t.Errorf("json output has %d strings: not the hostile conversation", n)
	}
}
