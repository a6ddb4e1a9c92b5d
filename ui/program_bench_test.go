package ui

import (
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
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
// The screen of BenchmarkProgramBytes.
const benchWidth, benchHeight = 120, 40

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
// included), B/line-step for one j and B/page-step for one space, each an
// average of steps from the top, and B/line-floor, the floor of a line step
// (see floorBytes), with ratio, B/line-step over B/line-floor. "panel" has
// the details panel showing (README: a ratio of at most 1.2), "alone"
// hides it, so the renderer can scroll whole lines and beat the floor,
// which assumes it cannot. The time per op is mostly waiting
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
			var first, line, floor, page float64
			b.ReportAllocs()
			for b.Loop() {
				r := programBytes(b, o, panel, steps)
				first, page = first+float64(r.first), page+float64(r.page)/steps
				line, floor = line+float64(r.line)/steps, floor+float64(r.floor)/steps
			}
			b.ReportMetric(first/float64(b.N), "B/first-frame")
			b.ReportMetric(line/float64(b.N), "B/line-step")
			b.ReportMetric(page/float64(b.N), "B/page-step")
			b.ReportMetric(floor/float64(b.N), "B/line-floor")
			b.ReportMetric(line/floor, "ratio")
		})
	}
}

// written is what programBytes counts: the bytes of the first frame, of
// the line steps and of the page steps, and the floor of the line steps
// (see floorBytes).
type written struct{ first, line, floor, page int }

// programBytes runs one program and returns the bytes of its first frame
// and of the steps line and page steps, with the details panel or with
// the transcript alone (hidden with i after the first frame).
func programBytes(b *testing.B, o Options, panel bool, steps int) (w written) {
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
	last := &lastFrame{}
	p := tea.NewProgram(recorder{New(o), last},
		tea.WithInput(in), tea.WithOutput(out), tea.WithWindowSize(benchWidth, benchHeight),
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
	w.first = out.count()
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
		before := last.get()
		w.line += press("j")
		w.floor += floorBytes(before, last.get(), benchWidth, benchHeight)
	}
	for range steps {
		w.page += press(" ")
	}
	return w
}

// recorder is the root model with its last frame kept, so that a step's
// floor can be worked out from the frames before and after it.
type recorder struct {
	tea.Model
	last *lastFrame
}

type lastFrame struct {
	mu      sync.Mutex
	content string
}

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := r.Model.Update(msg)
	r.Model = m
	return r, cmd
}

func (r recorder) View() tea.View {
	v := r.Model.View()
	r.last.mu.Lock()
	r.last.content = v.Content
	r.last.mu.Unlock()
	return v
}

func (f *lastFrame) get() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.content
}

// floorBytes is the floor of a step from frame old to frame cur on a
// terminal without left and right scroll margins (tmux has none), where
// nothing can move the transcript's rows beside a panel that stays: each
// row that changed must be written again. Both frames are drawn into cell
// buffers, as Bubble Tea's renderer draws them; for each row whose cells
// differ, the floor counts
//   - one cursor move, CUP to the first cell that differs, and
//   - the row's own text from that cell to the last that differs, with
//     the SGR sequences of its styles, as uv.Line.Render writes it from a
//     reset pen, but without blanks after its last visible character and
//     without hyperlinks (OSC 8): they are neither text nor styling.
//
// Rows that are the same cost nothing.
func floorBytes(old, cur string, width, height int) int {
	draw := func(s string) uv.ScreenBuffer {
		buf := uv.NewScreenBuffer(width, height)
		uv.NewStyledString(s).Draw(buf, buf.Bounds())
		return buf
	}
	ob, nb := draw(old), draw(cur)
	n := 0
	for y := range height {
		ol, nl := ob.Line(y), nb.Line(y)
		first, last := -1, -1
		for x := range width {
			if !nl.At(x).Equal(ol.At(x)) {
				if first < 0 {
					first = x
				}
				last = x
			}
		}
		if first < 0 {
			continue
		}
		for first > 0 && nl.At(first).IsZero() { // a wide character's second cell
			first--
		}
		text := slices.Clone(nl[first : last+1])
		for i := range text {
			text[i].Link = uv.Link{}
		}
		n += len(ansi.CursorPosition(first+1, y+1)) + len(strings.TrimRight(text.Render(), " "))
	}
	return n
}
