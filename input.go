package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/convo-cli/convo/api"
)

// waitingForInput is said on stderr when --file - reads a terminal, which
// otherwise looks like a convo that hangs.
const waitingForInput = "convo: reading a conversation from standard input (ctrl+d to end, ctrl+c to cancel)"

// readInput opens and reads a saved response whole, at most api.MaxBody
// (more is api.ErrTooLarge), in a goroutine of its own: a terminal or a
// named pipe may never end its input, or never open, and a signal must
// still end the wait. The goroutine is then left to the process's exit.
func readInput(ctx context.Context, open func() (io.ReadCloser, error)) ([]byte, error) {
	type result struct {
		body []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		r, err := open()
		if err != nil {
			done <- result{err: err}
			return
		}
		body, err := io.ReadAll(io.LimitReader(r, api.MaxBody+1))
		// Closed before the answer goes: a FIFO's next writer must find
		// no reader left but the next load's, or its bytes go to this one.
		_ = r.Close()
		if err == nil && len(body) > api.MaxBody {
			body, err = nil, api.ErrTooLarge
		}
		done <- result{body, err}
	}()
	select {
	case res := <-done:
		return res.body, res.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// openFile opens --file PATH for readInput: a directory, or a regular file
// over api.MaxBody, is refused before anything is read.
// readOnScreen reports whether the screen may read the file at path itself,
// after its first frame: a regular file convo can open, within the size
// limit. Any other (missing, unreadable, a FIFO, too large, "-" for
// stdin) is read, or refused with its one-line error, before the screen.
func readOnScreen(path string) bool {
	if path == "" || path == "-" {
		return false
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > api.MaxBody {
		return false
	}
	f, err := os.Open(path) // a regular file: this does not block
	if err != nil {
		return false
	}
	f.Close()
	return true
}

func openFile(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(err)
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, fileError(err)
	case info.IsDir():
		f.Close()
		return nil, errors.New("is a directory, not a file")
	case info.Mode().IsRegular() && info.Size() > api.MaxBody:
		f.Close()
		return nil, api.ErrTooLarge
	}
	return f, nil
}

// decodeInput decodes what readInput read, and says what went wrong in
// the words of a file (what is "file" or "input"): api's own words for a
// body over the limit speak of a response.
func decodeInput(body []byte, err error, what string) (*api.Conversation, error) {
	switch {
	case errors.Is(err, api.ErrTooLarge):
		return nil, fmt.Errorf("the %s is larger than %d MiB", what, api.MaxBody>>20)
	case err != nil:
		return nil, fileError(err)
	}
	return api.DecodeBytes(body)
}

// fileError says what went wrong opening a file, without repeating its path.
func fileError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
