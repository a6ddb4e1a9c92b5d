// Command perf measures the built binary the way a user meets it, for the
// README's Performance section (`make bench` runs it after the Go
// benchmarks): the time from starting `convo --file FILE` in a 120x40
// pseudo-terminal to the first screen of the transcript, side by side
// with the floor (testdata/perf/floor: a Bubble Tea program, built here
// from the same module versions, that only shows the same screen,
// already rendered), the two started in turn; the peak RSS of the screen
// (once every block is rendered) and of --format text. It reports figures
// and asserts nothing.
//
//	go run ./testdata/perf -bin bin/convo -file api/testdata/conv500.json
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

var verbose = flag.Bool("v", false, "print each start's first byte and first screen")

func main() {
	bin := flag.String("bin", "bin/convo", "the binary to measure")
	file := flag.String("file", "api/testdata/conv500.json", "the conversation to open")
	screenFile := flag.String("screen", "ui/testdata/TestFloorScreen.golden",
		"the floor's screen: FILE's first screen, rendered (go test ./ui -run TestFloorScreen -update)")
	runs := flag.Int("runs", 10, "how many times to start each screen")
	flag.Parse()
	if err := run(*bin, *file, *screenFile, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

// The first screen is up when the footer counts the parts; the opening
// message's text at the top says every block is rendered (it is a stand-in
// until then).
var (
	firstScreen = []byte("501/501")
	allRendered = []byte("Since this morning the")
)

func run(bin, file, screenFile string, runs int) error {
	dir, err := os.MkdirTemp("", "convo-perf")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	floorBin := filepath.Join(dir, "floor")
	if out, err := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", floorBin,
		"./testdata/perf/floor").CombinedOutput(); err != nil {
		return fmt.Errorf("building the floor: %v\n%s", err, out)
	}
	var firsts, floors []time.Duration
	var ratios []float64
	var rss []int64
	var steps []float64
	for i := range runs {
		// In turn, each first every other time, so that neither always
		// starts on a warmer machine.
		var first, floor time.Duration
		var maxRSS int64
		var step float64
		convo := func() (err error) { first, maxRSS, step, err = screen(bin, file); return err }
		theFloor := func() (err error) { floor, err = floorScreen(floorBin, screenFile); return err }
		order := []func() error{convo, theFloor}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, f := range order {
			if err := f(); err != nil {
				return err
			}
		}
		firsts, floors = append(firsts, first), append(floors, floor)
		ratios = append(ratios, float64(first)/float64(floor))
		rss = append(rss, maxRSS)
		steps = append(steps, step)
	}
	slices.Sort(steps)
	slices.Sort(firsts)
	slices.Sort(floors)
	slices.Sort(ratios)
	slices.Sort(rss)
	fmt.Printf("first screen from process start (%d runs each, in turn, 120x40 pty):\n", runs)
	fmt.Printf("  convo  median %.1f ms, min %.1f ms, max %.1f ms\n",
		ms(firsts[len(firsts)/2]), ms(firsts[0]), ms(firsts[len(firsts)-1]))
	fmt.Printf("  floor  median %.1f ms, min %.1f ms, max %.1f ms\n",
		ms(floors[len(floors)/2]), ms(floors[0]), ms(floors[len(floors)-1]))
	fmt.Printf("  convo / floor: median of the runs' ratios %.2f (min %.2f, max %.2f)\n",
		ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	fmt.Printf("peak RSS, screen after every block is rendered: median %.1f MB, max %.1f MB\n",
		mb(rss[len(rss)/2]), mb(rss[len(rss)-1]))
	fmt.Printf("one-line step (j) with the details panel, bytes to the terminal: median %.0f B\n", steps[len(steps)/2])

	var took []time.Duration
	var textRSS []int64
	for range runs {
		cmd := exec.Command(bin, "--file", file, "--format", "text", "--width", "80")
		cmd.Stdout = io.Discard
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("--format text: %w", err)
		}
		took = append(took, time.Since(start))
		textRSS = append(textRSS, maxRSSOf(cmd.ProcessState))
	}
	slices.Sort(took)
	slices.Sort(textRSS)
	fmt.Printf("--format text, whole process (%d runs): median %.1f ms; peak RSS median %.1f MB, max %.1f MB\n",
		runs, ms(took[len(took)/2]), mb(textRSS[len(textRSS)/2]), mb(textRSS[len(textRSS)-1]))
	return nil
}

// started is a program running in a 120x40 pty: its terminal, what it
// wrote, and its end.
type started struct {
	ptmx   *os.File
	cmd    *exec.Cmd
	out    *screenOutput
	exited chan error
	start  time.Time
}

// startInPty starts bin with args in a 120x40 pty of its own.
func startInPty(bin string, args ...string) (*started, error) {
	ptmx, tty, err := openPty(120, 40)
	if err != nil {
		return nil, err
	}
	defer tty.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	s := &started{ptmx: ptmx, cmd: cmd, out: &screenOutput{seen: make(chan struct{}, 1)}, exited: make(chan error, 1)}
	s.start = time.Now()
	if err := cmd.Start(); err != nil {
		ptmx.Close()
		return nil, err
	}
	go func() { _, _ = io.Copy(s.out, ptmx) }()
	go func() { s.exited <- cmd.Wait() }()
	return s, nil
}

// quit presses q and waits for the program to end.
func (s *started) quit() error {
	if _, err := s.ptmx.Write([]byte("q")); err != nil {
		return err
	}
	select {
	case err := <-s.exited:
		return err
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("it did not quit on q")
	}
}

// floorScreen starts the floor, and returns how long its screen took to
// show.
func floorScreen(bin, screenFile string) (time.Duration, error) {
	s, err := startInPty(bin, "-screen", screenFile)
	if err != nil {
		return 0, err
	}
	defer s.ptmx.Close()
	shown, err := s.out.waitFor(firstScreen, 0, s.exited)
	if err != nil {
		return 0, fmt.Errorf("the floor: %w", err)
	}
	if err := s.quit(); err != nil {
		return 0, fmt.Errorf("the floor: %w", err)
	}
	return shown.Sub(s.start), nil
}

// screen starts the binary in a 120x40 pty, and returns how long the first
// screen of the transcript took, the peak RSS once every block is rendered
// and the program has quit, and the bytes of a one-line step.
func screen(bin, file string) (time.Duration, int64, float64, error) {
	s, err := startInPty(bin, "--file", file)
	if err != nil {
		return 0, 0, 0, err
	}
	defer s.ptmx.Close()
	ptmx, out, exited, start := s.ptmx, s.out, s.exited, s.start
	shown, err := out.waitFor(firstScreen, 0, exited)
	if err != nil {
		return 0, 0, 0, err
	}
	took := shown.Sub(start)
	if *verbose {
		fb, _ := out.waitFor([]byte("\x1b"), 0, exited)
		fmt.Printf("  first byte %.1f ms, first screen %.1f ms\n", ms(fb.Sub(start)), ms(took))
	}
	mark := out.len()
	if _, err := ptmx.Write([]byte("g")); err != nil {
		return 0, 0, 0, err
	}
	if _, err := out.waitFor(allRendered, mark, exited); err != nil {
		return 0, 0, 0, err
	}
	// One-line steps from the top, with the details panel: the bytes the
	// terminal gets for each, once the screen is still again.
	const steps = 10
	out.settle()
	before := out.len()
	for range steps {
		mark := out.len()
		if _, err := ptmx.Write([]byte("j")); err != nil {
			return 0, 0, 0, err
		}
		for out.len() == mark {
			select {
			case <-out.seen:
			case <-time.After(5 * time.Second):
				return 0, 0, 0, errors.New("nothing was written for j")
			}
		}
		out.settle()
	}
	stepBytes := float64(out.len()-before) / steps
	if err := s.quit(); err != nil {
		return 0, 0, 0, fmt.Errorf("the screen: %w", err)
	}
	return took, maxRSSOf(s.cmd.ProcessState), stepBytes, nil
}

// screenOutput is what the program wrote to the terminal, and when each
// read of it ended.
type screenOutput struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	reads []read
	seen  chan struct{}
}

type read struct {
	at  time.Time
	end int // the output's length after it
}

func (o *screenOutput) Write(p []byte) (int, error) {
	at := time.Now()
	o.mu.Lock()
	o.buf.Write(p)
	o.reads = append(o.reads, read{at, o.buf.Len()})
	o.mu.Unlock()
	select {
	case o.seen <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (o *screenOutput) len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Len()
}

// settle waits until nothing has been written for 100 ms (at most 5 s).
func (o *screenOutput) settle() {
	last, still := o.len(), 0
	for range 500 {
		time.Sleep(10 * time.Millisecond)
		if n := o.len(); n != last {
			last, still = n, 0
		} else if still++; still >= 10 {
			return
		}
	}
}

// waitFor waits until want appears in the output after offset from, and
// returns when the read that completed it ended.
func (o *screenOutput) waitFor(want []byte, from int, exited <-chan error) (time.Time, error) {
	deadline := time.After(20 * time.Second)
	for {
		o.mu.Lock()
		at, found := time.Time{}, false
		if i := bytes.Index(o.buf.Bytes()[from:], want); i >= 0 {
			end := from + i + len(want)
			for _, r := range o.reads {
				if r.end >= end {
					at, found = r.at, true
					break
				}
			}
		}
		o.mu.Unlock()
		if found {
			return at, nil
		}
		select {
		case <-o.seen:
		case err := <-exited:
			return time.Time{}, fmt.Errorf("the screen ended (%v) before showing %q", err, want)
		case <-deadline:
			return time.Time{}, fmt.Errorf("the screen never showed %q", want)
		}
	}
}

// openPty opens a pseudo-terminal of cols x rows: the master, and the
// terminal the child gets.
func openPty(cols, rows uint16) (*os.File, *os.File, error) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if err := ioctl(ptmx, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		ptmx.Close()
		return nil, nil, fmt.Errorf("unlockpt: %w", err)
	}
	var n uint32
	if err := ioctl(ptmx, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		ptmx.Close()
		return nil, nil, fmt.Errorf("ptsname: %w", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		ptmx.Close()
		return nil, nil, err
	}
	ws := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	if err := ioctl(tty, syscall.TIOCSWINSZ, unsafe.Pointer(&ws)); err != nil {
		ptmx.Close()
		tty.Close()
		return nil, nil, fmt.Errorf("window size: %w", err)
	}
	return ptmx, tty, nil
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// maxRSSOf is a finished process's peak resident set, in bytes (Linux
// reports kilobytes).
func maxRSSOf(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mb(b int64) float64 { return float64(b) / (1 << 20) }
