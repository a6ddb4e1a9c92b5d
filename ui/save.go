package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// Saving an attachment (s in the links list) into the current folder.

const (
	// saveLimit is the most convo saves: Intercom takes attachments of
	// tens of megabytes, and nothing larger belongs in a terminal's folder
	// by one key.
	saveLimit = 512 << 20
	// maxFileName bounds a saved file's name in bytes, under the 255 of
	// most file systems with room for " (12)".
	maxFileName = 200
	// quitWait is how long quitting waits for a save to remove its partial
	// file.
	quitWait = 2 * time.Second
)

// saving is the save in flight.
type saving struct {
	name   string             // the file's name, safe
	cancel context.CancelFunc // stops the download
	ended  chan struct{}      // closed once the partial file is gone, or the file is whole
	msgs   chan saveMsg       // progress, then the end
}

// saveMsg is a save's progress, or its end.
type saveMsg struct {
	done, total int64
	end         bool
	file        string // the name written, at the end
	err         error
}

// save starts saving the selected link, an attachment or an image.
func (m Model) save(link render.Link) (tea.Model, tea.Cmd) {
	switch {
	case link.File == "":
		return m, m.setStatus("only attachments and images can be saved", doneFor)
	case m.opts.Download == nil:
		return m, m.setStatus("saving is not available here", doneFor)
	case m.saving != nil:
		return m, m.setStatus("already saving "+m.saving.name, doneFor)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &saving{name: safeFileName(link.File), cancel: cancel, ended: make(chan struct{}), msgs: make(chan saveMsg, 1)}
	m.saving = s
	go s.run(ctx, m.opts.Download, link.URL, m.saveDir)
	return m, tea.Batch(s.listen(), m.setStatus(m.saveProgress(0, link.Size), 0))
}

// run downloads url into a new file in dir, removing it on any failure.
func (s *saving) run(ctx context.Context, download Download, url, dir string) {
	f, name, err := createNew(dir, s.name)
	if err == nil {
		_, err = download(ctx, url, f, saveLimit, func(done, total int64) {
			select {
			case s.msgs <- saveMsg{done: done, total: total}:
			default: // the screen has not taken the last one yet
			}
		})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
	close(s.ended)
	select { // a progress nobody took gives way to the end, which never blocks
	case <-s.msgs:
	default:
	}
	s.msgs <- saveMsg{end: true, file: name, err: err}
}

// listen waits for the save's next message.
func (s *saving) listen() tea.Cmd {
	return func() tea.Msg { return <-s.msgs }
}

// saved takes a save's progress or end.
func (m Model) saved(msg saveMsg) (tea.Model, tea.Cmd) {
	s := m.saving
	if s == nil {
		return m, nil
	}
	if !msg.end {
		return m, tea.Batch(s.listen(), m.setStatus(m.saveProgress(msg.done, msg.total), 0))
	}
	m.saving = nil
	s.cancel()
	status := "saved " + render.ForScreen(msg.file)
	switch {
	case errors.Is(msg.err, context.Canceled):
		status = "stopped saving " + s.name
	case msg.err != nil:
		status = "could not save " + s.name + ": " + api.SanitizeLine(msg.err.Error())
	}
	return m, m.setStatus(status, adviceFor)
}

// saveProgress is the footer while saving: "saving report.pdf · 1.2 MB of
// 30 MB · esc stops".
func (m Model) saveProgress(done, total int64) string {
	s := "saving " + render.ForScreen(m.saving.name)
	switch {
	case done > 0 && total > 0:
		s += fmt.Sprintf(" · %s of %s", orZero(render.FormatSize(done)), render.FormatSize(total))
	case done > 0:
		s += " · " + render.FormatSize(done)
	}
	return s + " · " + keymap.Hint(m.opts.Keys.Close) + " stops"
}

func orZero(s string) string {
	if s == "" {
		return "0 B"
	}
	return s
}

// stopSave is esc while saving.
func (m Model) stopSave() (tea.Model, tea.Cmd) {
	m.saving.cancel()
	return m, nil
}

// quitCmd is tea.Quit, once a save in flight has removed its partial file
// (or quitWait has passed).
func (m Model) quitCmd() tea.Cmd {
	s := m.saving
	if s == nil {
		return tea.Quit
	}
	s.cancel()
	return func() tea.Msg {
		select {
		case <-s.ended:
		case <-time.After(quitWait):
		}
		return tea.QuitMsg{}
	}
}

// Download is Options.Download's type: api.Client's Download.
type Download = func(ctx context.Context, url string, w io.Writer, limit int64, progress func(done, total int64)) (int64, error)

// createNew creates name in dir, never over a file there: "name (1).ext",
// "name (2).ext" and so on when it is taken. The file is 0644 (less the
// umask), created with O_EXCL so that nothing made meanwhile is opened.
func createNew(dir, name string) (*os.File, string, error) {
	ext := filepath.Ext(name)
	if len(ext) > 16 || ext == name {
		ext = ""
	}
	base := strings.TrimSuffix(name, ext)
	for i := 0; i < 1000; i++ {
		try := name
		if i > 0 {
			try = fmt.Sprintf("%s (%d)%s", base, i, ext)
		}
		f, err := os.OpenFile(filepath.Join(dir, try), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", errors.New(strings.TrimPrefix(err.Error(), "open "))
		}
		return f, try, nil
	}
	return nil, "", fmt.Errorf("%s and 999 more names are taken", name)
}

// safeFileName makes a name from the API safe to create in the current
// folder: sanitised and on one line, no path separators, no leading dots
// (nothing hidden, no "..") and no more than maxFileName bytes, keeping
// the extension; "attachment" when nothing is left.
func safeFileName(s string) string {
	s = api.SanitizeLine(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', 0:
			return '_'
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.TrimLeft(s, ". "))
	if len(s) > maxFileName {
		ext := filepath.Ext(s)
		if len(ext) > 16 {
			ext = ""
		}
		base := s[:maxFileName-len(ext)]
		for !utf8.ValidString(base) {
			base = base[:len(base)-1]
		}
		s = base + ext
	}
	if s == "" {
		return "attachment"
	}
	return s
}
