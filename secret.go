package main

import (
	"bytes"
	"io"
	"sync"

	"github.com/convo-cli/convo/api"
)

// scrubbed writes to w with the token scrubbed from every write, however
// it is disguised: the last step before stderr. Each message is written
// whole, so no write cuts the token in two. The token may become known
// while the screen runs (token_command behind its loading screen), so the
// scrubber is read afresh for each write and each frame.
type scrubbed struct {
	w  io.Writer
	mu sync.Mutex
	sc *api.Scrubber
}

// setToken scrubs tok from all that follows.
func (s *scrubbed) setToken(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sc = api.NewScrubber(tok)
}

// scrubber is the scrubber of the token known now; nil scrubs nothing.
func (s *scrubbed) scrubber() *api.Scrubber {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sc
}

// Scrub is str with the token known now scrubbed: the screen's last step.
func (s *scrubbed) Scrub(str string) string { return s.scrubber().Scrub(str) }

func (s *scrubbed) Write(p []byte) (int, error) {
	sc := s.scrubber()
	if sc == nil {
		return s.w.Write(p)
	}
	if _, err := io.WriteString(s.w, sc.Scrub(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeScrubbed runs print into a buffer and writes what it printed to w
// with the token scrubbed: the last step before printed output.
func writeScrubbed(w io.Writer, sc *api.Scrubber, print func(io.Writer) error) error {
	var b bytes.Buffer
	if err := print(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, sc.Scrub(b.String()))
	return err
}
