package main

import (
	"errors"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
)

// openReadMarks is the read marks cfg asks for. With read_marker = false
// there are none, and the file of an earlier run is deleted.
func openReadMarks(cfg config.Config, getenv func(string) string) api.ReadMarks {
	r := api.ReadMarks{Dir: stateDir(getenv)}
	if !cfg.ReadMarker {
		_ = r.Remove() // nothing to tell: a file that cannot go is never read again
		return api.ReadMarks{}
	}
	return r
}

// shown is what the screen ends with, for its mark: ui.Model's LastShown.
type shown interface {
	LastShown() (conversation, part string)
}

// readMarker reads the mark of the conversation the screen opens and
// stores the one it closes with. It runs on main's goroutine only, before
// and after the screen. A failure never reaches the screen: the first is
// said on stderr once the screen is gone.
type readMarker struct {
	marks api.ReadMarks
	id    string              // the conversation asked for; "" for none to mark
	scrub func(string) string // the token out of ids, though no id should hold it
	firstWarning
}

// newReadMarker marks the conversation cfg names by id: --file and --demo
// have none to open again, and a ticket is not a conversation's parts.
func newReadMarker(cfg config.Config, marks api.ReadMarks, scrub func(string) string) *readMarker {
	r := &readMarker{marks: marks, scrub: scrub}
	if cfg.Target != "" && !cfg.Ticket {
		r.id = cfg.ID
	}
	return r
}

// mark is the part marked when the conversation was last open, "" for
// none.
func (r *readMarker) mark() string {
	if r.id == "" {
		return ""
	}
	part, ok, err := r.marks.Get(r.scrub(r.id))
	if err != nil {
		r.warn(readMarkWarning(err))
	}
	if !ok {
		return ""
	}
	return part
}

// keep stores the newest part the screen showed, if it showed the
// conversation asked for: the answer for another id (an id that was
// merged) is not this one's to mark.
func (r *readMarker) keep(final shown) {
	if r.id == "" {
		return
	}
	conv, part := final.LastShown()
	if conv != r.id || part == "" {
		return
	}
	if err := r.marks.Set(r.scrub(conv), r.scrub(part)); err != nil {
		r.warn(readMarkWarning(err))
	}
}

// readMarkWarning says what a read mark error means for the user.
func readMarkWarning(err error) string {
	if errors.Is(err, api.ErrReadMarksCorrupt) {
		return "the read marks were corrupt and have been started afresh: " + err.Error()
	}
	return "the read marker is not kept (read_marker = false in the config file turns it off): " + err.Error()
}
