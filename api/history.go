package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// MaxHistory is how many entries a History keeps; opening a 201st drops
// the oldest.
const MaxHistory = 200

// historyVersion is the layout of the history file; a file of another
// version reads as corrupt.
const historyVersion = 1

// HistoryEntry is one conversation or ticket opened on the screen.
type HistoryEntry struct {
	Kind   Kind      `json:"kind"`
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Opened time.Time `json:"opened"`
}

// History is the conversations and tickets opened on the screen, newest
// first, one entry per kind and id, at most MaxHistory, in Dir/history.json.
// It holds ids, titles and times, never the token. The file and its folder
// are kept as the Cache keeps its own: Dir 0700 and the user's, the file a
// regular 0600 file of the user's, never read or written through a symlink,
// and replaced whole. Writers take a lock on Dir/history.lock, so that two
// convos recording at once both get in.
type History struct {
	Dir string // empty means no history
}

// ErrHistoryCorrupt is a history file that is not one: it reads as empty,
// and the next Record replaces it.
var ErrHistoryCorrupt = errors.New("the history file is corrupt")

// historyFile is the file's layout.
type historyFile struct {
	Version int            `json:"version"`
	Entries []HistoryEntry `json:"entries"`
}

// lockWait is how long Record waits for another convo's write; past it,
// the entry is not recorded rather than the screen kept waiting.
const lockWait = 2 * time.Second

// Path is the history file.
func (h History) Path() string { return filepath.Join(h.Dir, "history.json") }

func (h History) cache() *Cache { return &Cache{Dir: h.Dir} }

// Load reads the entries, newest first. A missing file is no entries and
// no error; a corrupt file, or one someone else could have written, is no
// entries and an error that says which.
func (h History) Load() ([]HistoryEntry, error) {
	if h.Dir == "" {
		return nil, nil
	}
	if err := h.cache().checkDir(); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, h.refused(err)
	}
	return h.read()
}

// read is Load once the folder is checked.
func (h History) read() ([]HistoryEntry, error) {
	body, err := h.cache().read(h.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, h.refused(err)
	}
	var file historyFile
	if json.Unmarshal(body, &file) != nil || file.Version != historyVersion {
		return nil, fmt.Errorf("%s: %w", h.Path(), ErrHistoryCorrupt)
	}
	return tidy(file.Entries), nil
}

// refused says why a folder or file was not read.
func (h History) refused(err error) error {
	if errors.Is(err, errCacheRefused) {
		return fmt.Errorf("%s could have been written by someone else: %w", h.Path(), err)
	}
	return fmt.Errorf("%s: %w", h.Path(), err)
}

// Record puts e at the top, in place of an entry of the same kind and id,
// with its title made printable. A corrupt file is replaced: Record then
// returns an error wrapping ErrHistoryCorrupt after writing. A folder or
// file someone else could have written is neither read nor written.
func (h History) Record(e HistoryEntry) error {
	if h.Dir == "" {
		return nil
	}
	e.ID, e.Title = SanitizeLine(e.ID), SanitizeLine(e.Title)
	if e.ID == "" {
		return errors.New("a history entry needs an id")
	}
	c := h.cache()
	if err := c.ensureDir(); err != nil {
		return h.refused(err)
	}
	unlock, err := lockHistory(filepath.Join(h.Dir, "history.lock"), lockWait)
	if err != nil {
		return err
	}
	defer unlock()
	entries, readErr := h.read()
	if readErr != nil && !errors.Is(readErr, ErrHistoryCorrupt) {
		return readErr
	}
	entries = pushFront(entries, e, func(o HistoryEntry) bool { return o.Kind == e.Kind && o.ID == e.ID }, MaxHistory)
	body, err := json.Marshal(historyFile{Version: historyVersion, Entries: entries})
	if err != nil {
		return err
	}
	if err := c.replace(h.Path(), "history", body); err != nil {
		return err
	}
	return readErr
}

// Remove deletes the history file, if there is one. A symlink in its place
// is removed, not followed.
func (h History) Remove() error { return removeState(h.Dir, h.Path()) }

// removeState deletes a file of the state folder dir, if there is one; a
// symlink in its place is removed, not followed. No folder: nothing to do.
func removeState(dir, path string) error {
	if dir == "" {
		return nil
	}
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// pushFront puts v first in list, in place of the entries same finds, and
// keeps at most max: a newest-first list of the state folder.
func pushFront[T any](list []T, v T, same func(T) bool, max int) []T {
	list = slices.Insert(slices.DeleteFunc(list, same), 0, v)
	return list[:min(len(list), max)]
}

// tidy keeps the entries a reader can use, printable, in the file's order
// (Record writes the newest first), one per kind and id, at most
// MaxHistory: the file is the user's own, but an edit by hand should not
// put a control sequence on the screen.
func tidy(entries []HistoryEntry) []HistoryEntry {
	out := make([]HistoryEntry, 0, min(len(entries), MaxHistory))
	for _, e := range entries {
		e.ID, e.Title = SanitizeLine(e.ID), SanitizeLine(e.Title)
		if e.ID == "" || (e.Kind != KindConversation && e.Kind != KindTicket) {
			continue
		}
		if slices.ContainsFunc(out, func(o HistoryEntry) bool { return o.Kind == e.Kind && o.ID == e.ID }) {
			continue
		}
		out = append(out, e)
	}
	return out[:min(len(out), MaxHistory)]
}
