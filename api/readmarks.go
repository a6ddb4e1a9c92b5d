package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
)

// MaxReadMarks is how many conversations ReadMarks remembers; marking a
// 1,001st drops the one marked least recently.
const MaxReadMarks = 1000

// readMarksVersion is the layout of the read marks file; a file of another
// version reads as corrupt.
const readMarksVersion = 1

// markID is what a conversation's or a part's id may be to be kept: a plain
// id, as Intercom's are, and so nothing that could carry a secret's
// punctuation or a control sequence.
var markID = regexp.MustCompile(`^[A-Za-z0-9]{1,64}$`)

// errNotMarkID refuses an id that is not a plain one. It quotes neither:
// what is refused may be anything.
var errNotMarkID = errors.New("a read mark's ids are letters and digits, at most 64")

// ReadMarks is, per conversation, the id of the newest part that was on
// the screen when it was last open, in Dir/read.json: ids only, at most
// MaxReadMarks conversations, the most recently marked first. The file and
// its folder are kept as the History keeps its own (0700 folder, 0600
// file, never through a symlink, replaced whole), and writers take a lock
// on Dir/read.lock, so that two convos marking at once both get in.
type ReadMarks struct {
	Dir string // empty means no marks
}

// ErrReadMarksCorrupt is a read marks file that is not one: it reads as
// empty, and the next Set replaces it.
var ErrReadMarksCorrupt = errors.New("the read marks file is corrupt")

// readMark is one conversation's mark.
type readMark struct {
	Conversation string `json:"conversation"`
	Part         string `json:"part"`
}

// readMarksFile is the file's layout.
type readMarksFile struct {
	Version int        `json:"version"`
	Marks   []readMark `json:"marks"`
}

// Path is the read marks file.
func (r ReadMarks) Path() string { return filepath.Join(r.Dir, "read.json") }

func (r ReadMarks) cache() *Cache { return &Cache{Dir: r.Dir} }

// Get is the part marked for conversation convID; ok is false when there
// is none. A corrupt file is no mark and an error wrapping
// ErrReadMarksCorrupt; a folder or file someone else could have written
// is not read.
func (r ReadMarks) Get(convID string) (partID string, ok bool, err error) {
	if r.Dir == "" {
		return "", false, nil
	}
	if !markID.MatchString(convID) {
		return "", false, errNotMarkID
	}
	if err := r.cache().checkDir(); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", false, nil
		}
		return "", false, r.refused(err)
	}
	marks, err := r.read()
	if err != nil {
		return "", false, err
	}
	for _, m := range marks {
		if m.Conversation == convID {
			return m.Part, true, nil
		}
	}
	return "", false, nil
}

// Set marks partID as the newest part shown of conversation convID, and
// makes it the most recently marked. Ids that are not plain ids are
// refused. A corrupt file is replaced: Set then returns an error wrapping
// ErrReadMarksCorrupt after writing.
func (r ReadMarks) Set(convID, partID string) error {
	if r.Dir == "" {
		return nil
	}
	if !markID.MatchString(convID) || !markID.MatchString(partID) {
		return errNotMarkID
	}
	c := r.cache()
	if err := c.ensureDir(); err != nil {
		return r.refused(err)
	}
	unlock, err := lockHistory(filepath.Join(r.Dir, "read.lock"), lockWait)
	if err != nil {
		return err
	}
	defer unlock()
	marks, readErr := r.read()
	if readErr != nil && !errors.Is(readErr, ErrReadMarksCorrupt) {
		return readErr
	}
	marks = pushFront(marks, readMark{Conversation: convID, Part: partID}, func(m readMark) bool { return m.Conversation == convID }, MaxReadMarks)
	body, err := json.Marshal(readMarksFile{Version: readMarksVersion, Marks: marks})
	if err != nil {
		return err
	}
	if err := c.replace(r.Path(), "read", body); err != nil {
		return err
	}
	return readErr
}

// Remove deletes the read marks file, if there is one. A symlink in its
// place is removed, not followed.
func (r ReadMarks) Remove() error { return removeState(r.Dir, r.Path()) }

// read is the marks once the folder is checked: those with plain ids, one
// per conversation, at most MaxReadMarks, in the file's order. A file
// edited by hand loses what convo would not have written.
func (r ReadMarks) read() ([]readMark, error) {
	body, err := r.cache().read(r.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, r.refused(err)
	}
	var file readMarksFile
	if json.Unmarshal(body, &file) != nil || file.Version != readMarksVersion {
		return nil, fmt.Errorf("%s: %w", r.Path(), ErrReadMarksCorrupt)
	}
	out := make([]readMark, 0, min(len(file.Marks), MaxReadMarks))
	seen := make(map[string]bool, len(out))
	for _, m := range file.Marks {
		if !markID.MatchString(m.Conversation) || !markID.MatchString(m.Part) || seen[m.Conversation] {
			continue
		}
		seen[m.Conversation] = true
		out = append(out, m)
	}
	return out[:min(len(out), MaxReadMarks)], nil
}

// refused says why a folder or file was not read.
func (r ReadMarks) refused(err error) error {
	if errors.Is(err, errCacheRefused) {
		return fmt.Errorf("%s could have been written by someone else: %w", r.Path(), err)
	}
	return fmt.Errorf("%s: %w", r.Path(), err)
}
