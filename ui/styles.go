package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"

	"github.com/convo-cli/convo/render"
)

// This file is the only place with colours. Everything else asks Styles.
//
// Meaning never rests on colour alone, because NO_COLOR and 16-colour
// terminals drop it (Bubble Tea keeps bold, faint and reverse): badges are
// words, notes have a bar and a badge, the focused pane has a "▍" and a bold
// title, the current part a gutter mark.

// shade is one colour for a light and a dark background, as "#rrggbb".
type shade struct{ light, dark string }

// palette is convo's colours.
type palette struct {
	text, dim, subtle, accent, link, code       shade
	good, warn, bad                             shade
	customer, teammate, bot, fin, note, onBadge shade
}

// colours is convo's palette: Charm-like, readable on both backgrounds
// (a function, not a variable, so nothing can repaint it at run time).
func colours() palette {
	return palette{
		text:     shade{"#2B2B33", "#E4E4EA"},
		dim:      shade{"#6E6E7A", "#8E8E9A"},
		subtle:   shade{"#C8C8D0", "#3E3E48"},
		accent:   shade{"#5B3FD6", "#9D8CFF"},
		link:     shade{"#1F63C6", "#6CB4FF"},
		code:     shade{"#B0405B", "#F2A0B4"},
		good:     shade{"#0E8A4F", "#3DD68C"},
		warn:     shade{"#9A6700", "#F3C55A"},
		bad:      shade{"#C62828", "#FF6B6B"},
		customer: shade{"#1565C0", "#62AEFF"},
		teammate: shade{"#6A3FC8", "#B593FF"},
		bot:      shade{"#00796B", "#4FD1C5"},
		fin:      shade{"#C2185B", "#FF7AC6"},
		note:     shade{"#A17800", "#F2C94C"},
		onBadge:  shade{"#FFFFFF", "#16161C"},
	}
}

// pick returns the shade's value for the background.
func (s shade) pick(dark bool) string {
	if dark {
		return s.dark
	}
	return s.light
}

// Styles are every style of the screen for one theme, built once by
// newStyles and shared read-only by the components.
type Styles struct {
	Dark bool
	Mono bool // the terminal shows no colour (NO_COLOR, a dumb terminal)

	Title      lipgloss.Style // the conversation's title in the header
	ID         lipgloss.Style
	StateBadge map[string]lipgloss.Style // open, snoozed, closed
	Priority   lipgloss.Style
	Counts     lipgloss.Style

	PaneTitle        lipgloss.Style // an unfocused pane's title
	PaneTitleFocused lipgloss.Style
	Border           lipgloss.Style // the panel's left border, unfocused
	BorderFocused    lipgloss.Style
	Mark             lipgloss.Style // the current part's gutter mark, unfocused
	MarkFocused      lipgloss.Style

	Section lipgloss.Style // a details section's title
	Label   lipgloss.Style
	Tone    [5]lipgloss.Style // indexed by render.Tone

	Position lipgloss.Style // "part 41/120 · 35%"
	Status   lipgloss.Style // "reloading…", in the position's place
	Search   textinput.Styles
	// Match and MatchCurrent mark search matches on the rendered text:
	// colours and attributes only (search.go takes their SGR sequence).
	Match        lipgloss.Style
	MatchCurrent lipgloss.Style
	Help         help.Styles
	HelpBox      lipgloss.Style // the ? overlay's frame
	HelpHead     lipgloss.Style
	LinkCurrent  lipgloss.Style // the selected entry of the links list
	LinkURL      lipgloss.Style // a URL in the links list, whole

	Spinner lipgloss.Style
	Loading lipgloss.Style
	Error   lipgloss.Style
	Hint    lipgloss.Style

	Render render.Styles // blocks and bodies
}

// newStyles builds the styles for a dark or a light background, and for a
// terminal without colour when mono.
func newStyles(dark, mono bool) *Styles {
	c := func(s shade) color.Color { return lipgloss.Color(s.pick(dark)) }
	fg := func(s shade) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(s)) }
	p := colours()
	// badge is bold text on a colour. Without colour it is reverse video,
	// so it stays a pill. The renderer pads its badges itself.
	badge := func(s shade) lipgloss.Style {
		if mono {
			return lipgloss.NewStyle().Bold(true).Reverse(true)
		}
		return lipgloss.NewStyle().Bold(true).Foreground(c(p.onBadge)).Background(c(s))
	}
	pill := func(s shade) lipgloss.Style { return badge(s).Padding(0, 1) }
	st := &Styles{
		Dark:  dark,
		Mono:  mono,
		Title: fg(p.text).Bold(true),
		ID:    fg(p.dim),
		StateBadge: map[string]lipgloss.Style{
			"open":    pill(p.good),
			"snoozed": pill(p.warn),
			"closed":  pill(p.dim),
		},
		Priority: fg(p.bad).Bold(true),
		Counts:   fg(p.dim),

		PaneTitle:        fg(p.dim).Faint(true),
		PaneTitleFocused: fg(p.accent).Bold(true),
		Border:           fg(p.subtle),
		BorderFocused:    fg(p.accent),
		Mark:             fg(p.subtle),
		MarkFocused:      fg(p.accent),

		Section: fg(p.accent).Bold(true),
		Label:   fg(p.dim),

		Position: fg(p.dim),
		Status:   fg(p.accent),
		HelpBox: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).
			BorderForeground(c(p.accent)).Padding(0, 1),
		HelpHead:    fg(p.accent).Bold(true),
		LinkCurrent: fg(p.accent).Bold(true),
		LinkURL:     fg(p.link),

		Spinner: fg(p.accent),
		Loading: fg(p.text),
		Error:   fg(p.bad).Bold(true),
		Hint:    fg(p.dim),
	}
	// A match is dark text on yellow, the current one on the accent colour
	// and bold; without colour, reverse video, and the current one
	// underlined too.
	st.Match = badge(p.warn).Bold(false)
	st.MatchCurrent = badge(p.accent)
	if mono {
		st.Match = lipgloss.NewStyle().Reverse(true)
		st.MatchCurrent = lipgloss.NewStyle().Reverse(true).Bold(true).Underline(true)
	}
	st.Search = textinput.Styles{
		Focused: textinput.StyleState{
			Text: fg(p.text), Placeholder: fg(p.dim), Suggestion: fg(p.dim), Prompt: fg(p.accent).Bold(true),
		},
		Blurred: textinput.StyleState{
			Text: fg(p.dim), Placeholder: fg(p.dim), Suggestion: fg(p.dim), Prompt: fg(p.dim),
		},
		// A steady cursor: a blinking one would redraw the footer twice a
		// second for nothing.
		Cursor: textinput.CursorStyle{Color: c(p.accent), Shape: tea.CursorBlock},
	}

	st.Tone[render.ToneNormal] = fg(p.text)
	st.Tone[render.ToneGood] = fg(p.good)
	st.Tone[render.ToneWarn] = fg(p.warn)
	st.Tone[render.ToneBad] = fg(p.bad).Bold(true)
	st.Tone[render.ToneDim] = fg(p.dim)

	st.Help = help.Styles{
		ShortKey:       fg(p.text).Bold(true),
		ShortDesc:      fg(p.dim),
		ShortSeparator: fg(p.subtle),
		Ellipsis:       fg(p.subtle),
		FullKey:        fg(p.text).Bold(true),
		FullDesc:       fg(p.dim),
		FullSeparator:  fg(p.subtle),
	}

	st.Render = render.Styles{
		Author:     fg(p.text).Bold(true),
		Email:      fg(p.dim),
		Time:       fg(p.dim),
		NoteBadge:  badge(p.note),
		NoteBar:    fg(p.note).Bold(true),
		Event:      fg(p.dim).Faint(true),
		Attachment: fg(p.link).Underline(true),
		Notice:     fg(p.warn).Italic(true),
		Quoted:     fg(p.dim),
		Meta:       fg(p.dim),
		Markdown:   markdownStyle(dark),
	}
	st.Render.Badge[render.RoleCustomer] = badge(p.customer)
	st.Render.Badge[render.RoleTeammate] = badge(p.teammate)
	st.Render.Badge[render.RoleBot] = badge(p.bot)
	st.Render.Badge[render.RoleFin] = badge(p.fin)
	return st
}

// markdownStyle is glamour's style for message bodies in the palette's
// colours for the background (see render.MarkdownStyle).
func markdownStyle(dark bool) ansi.StyleConfig {
	p := colours()
	return render.MarkdownStyle(render.MarkdownColours{
		Heading: p.accent.pick(dark),
		Minor:   p.dim.pick(dark),
		Rule:    p.subtle.pick(dark),
		Link:    p.link.pick(dark),
		Code:    p.code.pick(dark),
	})
}
