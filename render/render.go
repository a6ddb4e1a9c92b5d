// Package render turns api values into terminal text and printed transcripts.
// It is the only road from API data to the screen or stdout. It works on
// clean values (see api.Clean, which every decoded answer passes): bodies
// still go through the body pipeline, which keeps HTML and Markdown from
// making escape sequences of what they decode.
package render

import (
	"time"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
)

// Kind says how an item of the transcript is shown.
type Kind int

const (
	// KindMessage is a reply or the opening message: a block with a body.
	KindMessage Kind = iota
	// KindNote is an internal note: a block unmistakably unlike a reply.
	KindNote
	// KindEvent is a state change, assignment, tag change or other system
	// event: one dim line.
	KindEvent
	// KindUnrecognised is a part of a type convo does not know, with a
	// body: shown with a neutral badge, never as a public reply.
	KindUnrecognised
)

// Role is who wrote an item; it picks the badge and its colour.
type Role int

const (
	RoleCustomer Role = iota
	RoleTeammate
	RoleBot
	RoleFin
	roleCount
)

// String is the badge text: Fin's messages say "AI agent", as its author
// line already names Fin.
func (r Role) String() string {
	return [...]string{"customer", "teammate", "bot", "AI agent"}[r]
}

// Name is the role's stable name in JSON output.
func (r Role) Name() string {
	return [...]string{"customer", "teammate", "bot", "fin"}[r]
}

// Item is one entry of the transcript: the opening message (Index 0) or a
// part. Its strings are sanitised, except HTML, which is the raw body and is
// sanitised on its way through Renderer.Block or PlainBody.
type Item struct {
	Index       int    // position in the transcript; 0 is the opening message
	ID          string // the part's id (the source's id for the opening message)
	Kind        Kind
	Role        Role
	PartType    string // "source" for the opening message
	Author      string // display name, never empty ("Unknown" at worst)
	AuthorEmail string
	AuthorType  string    // the API's author type: user, lead, admin, bot, team…
	AuthorID    string    // the API's author id
	Time        time.Time // zero when unknown
	Prev        time.Time // the previous item's time: an event on a new day shows its date
	HTML        string    // raw HTML body; empty for most events
	// Event is the one-line summary of a KindEvent ("Sam Lee closed the
	// conversation"), and of the state change a message also made (a reply
	// that closes); empty for plain replies and notes.
	Event string
	// Until is when a snooze event's snooze ends, zero otherwise; EventText
	// adds it to Event in the reader's time zone.
	Until       time.Time
	Attachments []Attachment
	Redacted    bool
	// FromAIAgent and IsAIAnswer are the author's flags (2.14+): sent by
	// the AI agent, and a body the AI agent wrote.
	FromAIAgent, IsAIAnswer bool
	// Tags are the names of the tags on the part (2.13+).
	Tags []string
	// Via is the app that made the part through the API, its
	// app_package_code (2.13+): "jira-cloud".
	Via string
	// Email is how the message was addressed when it came or went as
	// email (2.13+); nil otherwise.
	Email *Email
	// State is the conversation's state the part left it in (2.13+):
	// open, closed or snoozed; "" when the API does not say.
	State string
	// QuickReplyChosen is the text of the quick reply option the part
	// chose (2.14+), "" when it chose none.
	QuickReplyChosen string
	// Translations are the body in other languages, HTML by locale
	// (Unstable), and Original the locale of HTML when the API names it.
	Translations map[string]string
	Original     string
	// Expanded is set by the screen for the part the reader unfolded: its
	// quoted email history and its full email headers are shown, not
	// folded to one line.
	Expanded bool
}

// Attachment is a sanitised attachment of an item.
type Attachment struct {
	Name        string
	URL         string // only http, https or mailto; empty otherwise
	Size        int64  // bytes; 0 when unknown
	ContentType string // e.g. "image/png"; empty when unknown
}

// Styles are the screen's styles for blocks, made by the ui from its
// palette; render holds no colours of its own.
type Styles struct {
	Author     lipgloss.Style
	Email      lipgloss.Style
	Time       lipgloss.Style
	Badge      [roleCount]lipgloss.Style // indexed by Role
	NoteBadge  lipgloss.Style            // renders " internal note "
	NoteBar    lipgloss.Style            // renders "┃ " left of every line of a note; set no string on it
	Event      lipgloss.Style
	Attachment lipgloss.Style
	Notice     lipgloss.Style // "showing the 500 most recent of N parts"
	// Quoted is the line that stands for folded email history ("▸ 24
	// quoted lines") and heads it unfolded.
	Quoted lipgloss.Style
	// Meta is a part's email headers, tags, app and translation.
	Meta lipgloss.Style
	// Markdown is the glamour style for bodies. Leave CodeBlock.Chroma nil
	// and CodeBlock.Theme empty: glamour then prints code as is instead of
	// asking chroma to guess the language of every unlabelled block (half
	// of the stock styles' cost). Margins are the block's to lay out, so
	// Document.Margin is best 0. PlainMarkdown is a colourless example.
	Markdown ansi.StyleConfig
}

// Tone colours a detail's value.
type Tone int

const (
	ToneNormal Tone = iota
	ToneGood
	ToneWarn
	ToneBad
	ToneDim
)

// Row is one label and value of the details panel. Value is the whole
// value on one line, as printed output and copies take it; the panel may
// show it shorter (ID, Shorter) or as a tree (Tree).
type Row struct {
	Label string
	Value string
	Tone  Tone
	// ID marks an identifier: a panel too narrow for it shortens it in the
	// middle ("674d2a…d34e21") rather than wrapping it.
	ID bool
	// Shorter are shorter forms of Value, longest first, for a panel too
	// narrow for it on one line: a time drops its weekday, then "3h ago".
	Shorter []string
	// Tree is a nested value (a custom attribute's object or list) as
	// indented "key: value" lines.
	Tree []TreeLine
}

// TreeLine is a line of a nested value after Indent cells: Key ("key: ",
// "- ", "- key: ", or "key:" over nested lines) then Value.
type TreeLine struct {
	Indent int
	Key    string
	Value  string
}

// Section is a titled group of rows; sections with no rows are never made.
type Section struct {
	Title string
	Rows  []Row
}

// Summary is what the header shows.
type Summary struct {
	Title    string // title, else the subject's first line, else the opening message's first line
	ID       string
	State    string // open, snoozed or closed
	Until    time.Time
	Priority bool
	Shown    int // parts returned, the opening message not counted
	Total    int // parts the conversation has
	// Ticket is "Ticket 38", the ticket's number as the Inbox shows it,
	// when what is shown is a ticket; "" for a conversation.
	Ticket string
}

// Heading is what printed output's first line says: the title, after
// "Ticket 38 · " for a ticket.
func (s Summary) Heading() string {
	if s.Ticket == "" || s.Title == s.Ticket {
		return s.Title
	}
	return s.Ticket + " · " + s.Title
}

// Options shape printed output and times.
type Options struct {
	Width int            // wrap width; 80 when zero
	Loc   *time.Location // time zone for times; time.Local when nil
	Now   time.Time      // for relative times and durations up to now
	// Relative writes the details' times as "3h ago" instead of "Tue 24 Nov
	// 14:02 (3h ago)" (the screen's t key); printed output leaves it off.
	Relative bool
	// Names is what the look-ups found (names, the web link's workspace);
	// nil when there were none.
	Names *Names
	// Quoted keeps the quoted email history at the end of bodies (--quoted);
	// without it a line says how long the history is.
	Quoted bool

	// NoNotes, NoEvents and Public say what printed output leaves out (see
	// Options.transcript and publicDetails): internal notes; events and
	// what messages also changed; with Public both, parts convo cannot
	// vouch the customer saw, and every internal detail.
	NoNotes  bool
	NoEvents bool
	Public   bool

	// Related is what is around the conversation (--related), for json's
	// "related" and printed text's Related sections; nil when not asked.
	Related *Related

	// printed is set by WriteText, WriteMarkdown and WriteJSON: times are
	// absolute with their zone ("2026-11-23 08:12 CET"), never relative,
	// as a document outlives the moment it was printed.
	printed bool
}
