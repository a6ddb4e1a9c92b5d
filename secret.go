package main

import (
	"bytes"
	"io"

	"github.com/convo-cli/convo/api"
)

// scrubbed writes to w with the token scrubbed from every write, however
// it is disguised: the last step before stderr. Each message is written
// whole, so no write cuts the token in two.
type scrubbed struct {
	w  io.Writer
	sc *api.Scrubber
}

func (s *scrubbed) Write(p []byte) (int, error) {
	if s.sc == nil {
		return s.w.Write(p)
	}
	if _, err := io.WriteString(s.w, s.sc.Scrub(string(p))); err != nil {
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
