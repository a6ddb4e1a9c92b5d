package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// followWait waits d, or until ctx is done (its error then). Tests replace
// it to run the polls at their own pace.
var followWait = api.Sleep

// follower is printed --follow: it prints the conversation, then fetches
// it again every interval, one fetch at a time, and prints each part it
// has not printed before, once, until a signal ends it.
type follower struct {
	format string
	pace   api.Pace // the interval, slower on a low budget and after failures
	// retries says each failed poll and the wait after it on stderr, one
	// line: only where someone watches it.
	retries bool

	seen  map[string]bool // the parts printed, by partKey
	parts int             // how many parts the last answer had
}

// print writes the conversation the first time: as printConversation
// does, except JSON, which is JSON Lines: the conversation without its
// parts on the first line, then one line for each part.
func (f *follower) print(w io.Writer, c *api.Conversation, format string, o render.Options, names *render.Names) error {
	o = printOptions(o, format, names)
	f.seen, f.parts = map[string]bool{}, c.PartsReceived()
	items := render.Transcript(c, o)
	for _, it := range items {
		f.seen[partKey(it)] = true
	}
	if format != "json" {
		return printConversation(w, c, format, o, names)
	}
	if err := render.WriteJSONHead(w, c, o); err != nil {
		return err
	}
	for _, it := range items {
		if err := render.WriteJSONPart(w, it, o); err != nil {
			return err
		}
	}
	return nil
}

// run polls until ctx is done, and returns the exit status: 0 when a
// signal ends it, 1 when the API refuses the conversation (401, 403, 404)
// or stdout fails. A failed poll waits as api.Pace says, and tries again.
func (f *follower) run(ctx context.Context, fetch loadFunc, onWait func(api.Wait), o render.Options, names *render.Names,
	errs *scrubbed, stdout, stderr io.Writer) int {
	o = printOptions(o, f.format, names)
	failures := 0
	for {
		if followWait(ctx, f.pace.Next(failures)) != nil {
			return 0
		}
		conv, err := fetch(ctx, onWait)
		if ctx.Err() != nil {
			return 0 // the line being written is whole: writes happen only here
		}
		if err != nil {
			if api.Refused(err) {
				say(stderr, "stopped following: %v", err)
				return 1
			}
			failures++
			if f.retries {
				say(stderr, "%v; retrying in %s", err, f.pace.Next(failures))
			}
			continue
		}
		failures = 0
		if n := conv.PartsReceived(); n < f.parts {
			say(stderr, "the conversation came back with %s, %d before: some were deleted; following what it has", parts(n), f.parts)
		}
		f.parts = conv.PartsReceived()
		for _, it := range render.Transcript(conv, o) {
			key := partKey(it)
			if f.seen[key] {
				continue // printed already, though it may have been edited since
			}
			f.seen[key] = true
			if err := writeScrubbed(stdout, errs.scrubber(), func(w io.Writer) error {
				return f.writePart(w, it, o)
			}); err != nil {
				say(stderr, "%v", err)
				return 1
			}
		}
	}
}

// writePart writes one new part, in one write so that a reader (grep
// behind a pipe) has it at once: after a blank line in text and Markdown,
// as a line of its own in JSON Lines.
func (f *follower) writePart(w io.Writer, it render.Item, o render.Options) error {
	switch f.format {
	case "json":
		return render.WriteJSONPart(w, it, o)
	case "markdown":
		_, _ = io.WriteString(w, "\n")
		return render.WriteMarkdownItem(w, it, o)
	default:
		_, _ = io.WriteString(w, "\n")
		return render.WriteTextItem(w, it, o)
	}
}

// parts is "1 part" or "n parts".
func parts(n int) string {
	if n == 1 {
		return "1 part"
	}
	return fmt.Sprintf("%d parts", n)
}

// partKey names a part across polls: its id, else (an answer without
// ids) what it is, who made it and when.
func partKey(it render.Item) string {
	if it.ID != "" {
		return "id " + it.ID
	}
	return fmt.Sprintf("%s %s %s %d", it.PartType, it.AuthorType, it.AuthorID, it.Time.UnixNano())
}

// printOptions is o as printConversation completes it: text's width, the
// clock and the names.
func printOptions(o render.Options, format string, names *render.Names) render.Options {
	if o.Width == 0 && format == "text" {
		o.Width = terminalWidth()
	}
	o.Now, o.Names = time.Now(), names
	return o
}
