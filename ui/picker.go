package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/keymap"
)

// PickerOptions configure the history picker.
type PickerOptions struct {
	Entries []api.HistoryEntry // newest first, made printable by api.History
	Keys    keymap.PickerKeys
	Theme   string           // auto, dark or light, as Options.Theme
	Now     func() time.Time // for "3h ago"; nil means time.Now
}

// Picker is the list of conversations and tickets opened before, shown by
// convo with no argument: typing filters it by id and title, enter picks
// one, esc leaves without.
type Picker struct {
	opts   PickerOptions
	st     *Styles
	input  textinput.Model
	help   help.Model
	shown  []int // indexes into opts.Entries that match the filter
	cursor int   // into shown
	top    int   // the first of shown on screen
	width  int
	height int
	chosen int // index into opts.Entries; -1 until enter
}

// NewPicker makes the picker with every entry shown and the first selected.
func NewPicker(o PickerOptions) Picker {
	if o.Now == nil {
		o.Now = time.Now
	}
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "type to filter by id or title"
	in.KeyMap.Paste.SetEnabled(false) // the terminal pastes itself
	in.Focus()                        // its command only blinks a cursor that does not blink
	p := Picker{opts: o, input: in, help: help.New(), chosen: -1}
	p.setStyles(newStyles(o.Theme != "light", fullColour))
	p.filter()
	return p
}

// Chosen is the entry picked with enter; false when the picker was left
// without one.
func (p Picker) Chosen() (api.HistoryEntry, bool) {
	if p.chosen < 0 {
		return api.HistoryEntry{}, false
	}
	return p.opts.Entries[p.chosen], true
}

// Init asks for the background, as the screen does.
func (p Picker) Init() tea.Cmd {
	if p.opts.Theme == "" || p.opts.Theme == "auto" {
		return tea.RequestBackgroundColor
	}
	return nil
}

// Update handles one message.
func (p Picker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.width, p.height = msg.Width, msg.Height
		p.input.SetWidth(max(1, p.width-3))
		p.scroll()
		return p, nil
	case tea.BackgroundColorMsg:
		if (p.opts.Theme == "" || p.opts.Theme == "auto") && msg.IsDark() != p.st.Dark {
			p.setStyles(newStyles(msg.IsDark(), p.st.Depth))
		}
		return p, nil
	case tea.ColorProfileMsg:
		if d := depthOf(msg.Profile); d != p.st.Depth {
			p.setStyles(newStyles(p.st.Dark, d))
		}
		return p, nil
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// key moves, opens or quits; any other key edits the filter.
func (p Picker) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := p.opts.Keys
	switch {
	case key.Matches(msg, k.Quit), key.Matches(msg, k.QuitEmpty) && p.input.Value() == "":
		return p, tea.Quit
	case key.Matches(msg, k.Up):
		p.move(-1)
		return p, nil
	case key.Matches(msg, k.Down):
		p.move(1)
		return p, nil
	case key.Matches(msg, k.Open):
		if len(p.shown) == 0 {
			return p, nil // nothing matches: enter opens nothing
		}
		p.chosen = p.shown[p.cursor]
		return p, tea.Quit
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return p, cmd
}

func (p *Picker) setStyles(st *Styles) {
	p.st = st
	p.input.SetStyles(st.Search)
	p.help.Styles = st.Help
}

// filter shows the entries whose id or title holds the typed text, in any
// case; a leading "#" is the id's ("#123" finds conversation 123). The
// first match is selected.
func (p *Picker) filter() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	id := strings.TrimPrefix(q, "#")
	p.shown = p.shown[:0]
	for i, e := range p.opts.Entries {
		if q == "" || strings.Contains(strings.ToLower(e.ID), id) || strings.Contains(strings.ToLower(e.Title), q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor, p.top = 0, 0
}

// move selects the entry delta rows away, stopping at either end.
func (p *Picker) move(delta int) {
	p.cursor = max(0, min(len(p.shown)-1, p.cursor+delta))
	p.scroll()
}

// scroll keeps the selected row on screen.
func (p *Picker) scroll() {
	rows := p.rows()
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if rows > 0 && p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
	p.top = max(0, p.top)
}

// framed reports whether the title and help lines fit with room for at
// least one row besides the filter.
func (p Picker) framed() bool { return p.height >= 4 }

// rows is how many entries the screen shows at once.
func (p Picker) rows() int {
	if p.framed() {
		return p.height - 3
	}
	return max(0, p.height-1)
}

// View is the picker, in the alternate screen.
func (p Picker) View() tea.View {
	v := tea.NewView(p.frame())
	v.AltScreen = true
	v.WindowTitle = "convo"
	return v
}

// frame is the screen: a title, the filter, the rows and a help line, each
// exactly the width, cut rather than wrapped.
func (p Picker) frame() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	body := []string{pad(p.input.View(), p.width)}
	on := p.shown[p.top:min(len(p.shown), p.top+p.rows())]
	idWidth, whens, whenWidth := p.idWidth(), make([]string, len(on)), 0
	for i, e := range on {
		whens[i] = ago(p.opts.Entries[e].Opened, p.opts.Now())
		whenWidth = max(whenWidth, ansi.StringWidth(whens[i]))
	}
	for i, e := range on {
		when := strings.Repeat(" ", whenWidth-ansi.StringWidth(whens[i])) + whens[i]
		body = append(body, p.row(p.opts.Entries[e], p.top+i == p.cursor, idWidth, when))
	}
	if len(p.shown) == 0 {
		body = append(body, pad(p.st.Hint.Render("  nothing matches"), p.width))
	}
	size := p.rows() + 1
	for len(body) < size {
		body = append(body, pad("", p.width))
	}
	body = body[:size]
	if !p.framed() {
		return strings.Join(body, "\n")
	}
	count := fmt.Sprintf("%d of %d", len(p.shown), len(p.opts.Entries))
	title := spread(p.st.HelpHead.Render("Recently opened"), p.st.Hint.Render(count), p.width)
	keys := pad(p.help.ShortHelpView(p.opts.Keys.Help()), p.width)
	return strings.Join(append(append([]string{title}, body...), keys), "\n")
}

// maxIDWidth bounds the id column: an id longer than any real one is cut.
const maxIDWidth = 20

// idWidth is the id column's width: the widest id shown.
func (p Picker) idWidth() int {
	w := 0
	for _, i := range p.shown {
		w = max(w, len(p.opts.Entries[i].ID))
	}
	return min(w, maxIDWidth)
}

// row is one entry: a mark on the selected one, the kind, the id, the
// title and, on the right, when it was opened, aligned by the caller.
func (p Picker) row(e api.HistoryEntry, selected bool, idWidth int, when string) string {
	mark, title := "  ", p.st.Loading
	if selected {
		mark, title = p.st.MarkFocused.Render("▍")+" ", p.st.LinkCurrent
	}
	kind := "conv  "
	if e.Kind == api.KindTicket {
		kind = "ticket"
	}
	left := mark + p.st.Hint.Render(kind) + " " + p.st.ID.Render(pad(e.ID, idWidth)) + " " + title.Render(e.Title)
	if p.width < minTimeWidth {
		return pad(left, p.width)
	}
	// The time keeps its column on every row: the title is cut for it.
	return pad(left, p.width-ansi.StringWidth(when)-2) + " " + p.st.Hint.Render(when) + " "
}

// minTimeWidth is the narrowest screen whose rows say when: below it the
// title needs the room more.
const minTimeWidth = 40

// ago is how long ago t was, in one unit: "just now", "12m ago", "3h ago",
// "5d ago", then the date.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	case d < 30*24*time.Hour:
		return fmt.Sprintf("%dd ago", int(d/(24*time.Hour)))
	}
	return t.In(now.Location()).Format("2 Jan 2006")
}
