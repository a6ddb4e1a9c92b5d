package ui

import (
	"io"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// counter is the program's output: it counts the bytes and tells of each
// write (Bubble Tea's renderer writes a frame in one Write).
type counter struct {
	mu    sync.Mutex
	n     int
	wrote chan struct{} // one token per write, never blocking the writer
}

func newCounter() *counter { return &counter{wrote: make(chan struct{}, 1)} }

func (c *counter) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.n += len(p)
	c.mu.Unlock()
	select {
	case c.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Waits are bounded by counts of frames, not asserted as time: a frame
// is Bubble Tea's default 60 per second.
const (
	frame       = time.Second / 60
	quietFrames = 4    // this many frames without a write: the screen has settled
	maxFrames   = 1200 // give up (20 s) rather than hang
)

// settle waits until the output has stopped growing for quietFrames.
func (c *counter) settle(b *testing.B) {
	b.Helper()
	tick := time.NewTicker(frame)
	defer tick.Stop()
	last, still := c.count(), 0
	for range maxFrames {
		<-tick.C
		n := c.count()
		if n == last {
			if still++; still >= quietFrames {
				return
			}
			continue
		}
		last, still = n, 0
	}
	b.Fatal("the output never settled")
}

// next waits for a write after n bytes, then for the screen to settle, and
// returns the bytes written since n.
func (c *counter) next(b *testing.B, n int) int {
	b.Helper()
	deadline := time.After(maxFrames * frame)
	for c.count() == n {
		select {
		case <-c.wrote:
		case <-deadline:
			b.Fatal("nothing was written")
		}
	}
	c.settle(b)
	return c.count() - n
}

// BenchmarkProgramBytes runs the root model in a real tea.Program at
// 120x40, with keys typed into its input and its output counted, and
// reports the bytes written: B/first-frame from the start to the transcript
// of the 500 parts on screen (the terminal's set-up and the loading line
// included), B/line-step for one j and B/page-step for one f, each an
// average of steps from the top. "panel" has the details panel showing
// (DESIGN.md §10: a line step writes at most 600 B), "alone" hides it, so
// the renderer can scroll whole lines. The time per op is mostly waiting
// for the screen to settle, and means nothing.
func BenchmarkProgramBytes(b *testing.B) {
	const steps = 10
	o := conv500Options(conv500(b))
	for _, panel := range []bool{true, false} {
		name := "panel"
		if !panel {
			name = "alone"
		}
		b.Run(name, func(b *testing.B) {
			var first, line, page float64
			b.ReportAllocs()
			for b.Loop() {
				f, l, p := programBytes(b, o, panel, steps)
				first, line, page = first+float64(f), line+float64(l)/steps, page+float64(p)/steps
			}
			b.ReportMetric(first/float64(b.N), "B/first-frame")
			b.ReportMetric(line/float64(b.N), "B/line-step")
			b.ReportMetric(page/float64(b.N), "B/page-step")
		})
	}
}

// programBytes runs one program and returns the bytes of its first frame
// and of the steps line and page steps, with the details panel or with
// the transcript alone (hidden with i after the first frame).
func programBytes(b *testing.B, o Options, panel bool, steps int) (first, line, page int) {
	b.Helper()
	// The filter tells each time every block has been rendered (at the
	// start, and after i changes the width), after which nothing changes
	// on screen but for the keys.
	complete := make(chan struct{}, 4)
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		if r, ok := msg.(renderedMsg); ok && r.complete() {
			select {
			case complete <- struct{}{}:
			default:
			}
		}
		return msg
	}
	in, typed := io.Pipe()
	out := newCounter()
	p := tea.NewProgram(New(o),
		tea.WithInput(in), tea.WithOutput(out), tea.WithWindowSize(120, 40),
		tea.WithEnvironment([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}),
		tea.WithColorProfile(colorprofile.TrueColor), tea.WithFilter(filter),
		tea.WithoutSignals(), tea.WithoutSignalHandler())
	ran := make(chan error, 1)
	go func() {
		_, err := p.Run()
		ran <- err
	}()
	defer func() {
		p.Kill()
		<-ran
		_ = typed.Close()
	}()
	rendered := func() {
		select {
		case <-complete:
		case err := <-ran:
			b.Fatalf("the program ended before the blocks were rendered: %v", err)
		case <-time.After(maxFrames * frame):
			b.Fatal("the blocks were never all rendered")
		}
	}
	rendered()
	out.settle(b)
	first = out.count()
	press := func(k string) int {
		n := out.count()
		if _, err := typed.Write([]byte(k)); err != nil {
			b.Fatal(err)
		}
		return out.next(b, n)
	}
	if !panel {
		press("i")
		rendered() // at the new width, so that no block arrives during the steps
		out.settle(b)
	}
	press("g") // the transcript opens at the newest part
	for range steps {
		line += press("j")
	}
	for range steps {
		page += press("f")
	}
	return first, line, page
}
