package ui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// prompt is the search prompt: a text input in the footer's place while it
// is open, "/" and the query on the left, the match count on the right.
type prompt struct {
	input textinput.Model
	st    *Styles
	width int
}

// promptStatusRoom is the cells kept for the match count ("match 12/345").
const promptStatusRoom = 18

func newPrompt(st *Styles) prompt {
	in := textinput.New()
	in.Prompt = "/"
	// The terminal pastes itself (bracketed paste): no reading the system
	// clipboard through xclip and the like.
	in.KeyMap.Paste.SetEnabled(false)
	p := prompt{input: in}
	p.SetStyles(st)
	return p
}

// Open empties the input and focuses it.
func (p *prompt) Open() tea.Cmd {
	p.input.Reset()
	return p.input.Focus()
}

// Close blurs the input.
func (p *prompt) Close() { p.input.Blur() }

// IsOpen reports whether the prompt shows.
func (p prompt) IsOpen() bool { return p.input.Focused() }

// Value is the query typed.
func (p prompt) Value() string { return p.input.Value() }

// SetWidth sets the footer's width.
func (p *prompt) SetWidth(w int) {
	p.width = w
	// The prompt's "/" and the cursor's cell come out of the input's width.
	p.input.SetWidth(max(1, w-promptStatusRoom-3))
}

// SetStyles switches the theme.
func (p *prompt) SetStyles(st *Styles) {
	p.st = st
	p.input.SetStyles(st.Search)
}

// Update edits the query.
func (p prompt) Update(msg tea.Msg) (prompt, tea.Cmd) {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// View is the footer line with the prompt, exactly width cells, status on
// the right.
func (p prompt) View(status string) string {
	if p.width <= 0 {
		return ""
	}
	right := ""
	if status != "" {
		right = p.st.Position.Render(ansi.Truncate(status, promptStatusRoom, "…")) + " "
	}
	return pad(spread(p.input.View(), right, p.width), p.width)
}
