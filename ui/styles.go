package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"

	"github.com/charmbracelet/colorprofile"

	"github.com/convo-cli/convo/render"
)

// This file is the only place with colours. Everything else asks Styles.
//
// Meaning never rests on colour alone, because NO_COLOR drops it (Bubble Tea
// keeps bold, faint and reverse): badges are words, notes have a bar and a
// badge, the focused pane has a "▍" and a bold title, the current part a
// gutter mark.
//
// A terminal of 16 colours gets a palette of its own (colours16), not the
// full one squeezed into 16: colorprofile picks the nearest of its colours,
// which turns badges into grey on bright blue and the border white on white.

// shade is one colour for a light and a dark background, as "#rrggbb".
type shade struct{ light, dark string }

// palette is convo's colours.
type palette struct {
	text, dim, subtle, accent, link, code shade
	good, warn, bad, note                 shade // note: its bar
	// The backgrounds of badges, under onBadge text.
	open, snoozed, closed, noteBadge, match, current shade
	customer, teammate, bot, fin, onBadge            shade
	// plainBadges drops the badges' bold: where bold brightens colours
	// 0-7 (xterm, PuTTY), bold black is grey and unreadable on green.
	plainBadges bool
	// noFaint drops faint, which would take the dim grey of 16 colours
	// below readable on black (xterm takes faint as two thirds).
	noFaint bool
}

// depth is how many colours the terminal shows, as the styles see it.
type depth int

const (
	fullColour depth = iota // 256 colours or more: colours()
	sixteen                 // the 16 ANSI colours: colours16()
	noColour                // NO_COLOR, a dumb terminal
)

// depthOf is the depth of a profile Bubble Tea detected.
func depthOf(p colorprofile.Profile) depth {
	switch {
	case p <= colorprofile.ASCII:
		return noColour
	case p == colorprofile.ANSI:
		return sixteen
	}
	return fullColour
}

// paletteFor is the palette for a depth (without colour, any: Bubble Tea
// drops the colours and keeps the attributes).
func paletteFor(d depth) palette {
	if d == sixteen {
		return colours16()
	}
	return colours()
}

// colours is convo's palette: Charm-like, readable on both backgrounds
// (a function, not a variable, so nothing can repaint it at run time).
func colours() palette {
	good, warn, dim, note, accent := shade{"#0E8A4F", "#3DD68C"}, shade{"#9A6700", "#F3C55A"},
		shade{"#6E6E7A", "#8E8E9A"}, shade{"#A17800", "#F2C94C"}, shade{"#5B3FD6", "#9D8CFF"}
	return palette{
		text:   shade{"#2B2B33", "#E4E4EA"},
		dim:    dim,
		subtle: shade{"#C8C8D0", "#3E3E48"},
		accent: accent,
		link:   shade{"#1F63C6", "#6CB4FF"},
		code:   shade{"#B0405B", "#F2A0B4"},
		good:   good,
		warn:   warn,
		bad:    shade{"#C62828", "#FF6B6B"},
		note:   note,

		open:      good,
		snoozed:   warn,
		closed:    dim,
		noteBadge: note,
		match:     warn,
		current:   accent,
		customer:  shade{"#1565C0", "#62AEFF"},
		teammate:  shade{"#6A3FC8", "#B593FF"},
		bot:       shade{"#00796B", "#4FD1C5"},
		fin:       shade{"#C2185B", "#FF7AC6"},
		onBadge:   shade{"#FFFFFF", "#16161C"},
	}
}

// colours16 is the palette for 16 colours, as ANSI numbers (the terminal
// owns their RGB; they are chosen for xterm's defaults, the commonest, and
// TestContrast checks every pair). No green, yellow or cyan reads on white,
// and no blue on black, so the light and dark sides differ in more than
// brightness. Badges are plain black on a colour.
func colours16() palette {
	return palette{
		text:   shade{"", ""}, // the terminal's own foreground
		dim:    shade{"8", "8"},
		subtle: shade{"8", "8"}, // white would vanish on a light terminal
		accent: shade{"5", "13"},
		link:   shade{"4", "12"},
		code:   shade{"1", "6"},
		good:   shade{"", "10"},
		warn:   shade{"1", "11"},
		bad:    shade{"9", "9"},
		note:   shade{"5", "11"},

		open:      shade{"2", "10"},
		snoozed:   shade{"3", "11"},
		closed:    shade{"8", "8"},
		noteBadge: shade{"3", "11"},
		match:     shade{"3", "11"},
		current:   shade{"13", "13"},
		customer:  shade{"12", "12"},
		teammate:  shade{"5", "13"},
		bot:       shade{"6", "14"},
		fin:       shade{"9", "9"},
		onBadge:   shade{"0", "0"},

		plainBadges: true,
		noFaint:     true,
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
	Dark  bool
	Depth depth // noColour: NO_COLOR, a dumb terminal

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
	Divider lipgloss.Style // "── new ──" above the first new part

	Render render.Styles // blocks and bodies

	// standIn shows for a block not rendered yet: made once, as every
	// missing block shares it.
	standIn string
}

// newStyles builds the styles for a dark or a light background and the
// terminal's depth of colour.
func newStyles(dark bool, d depth) *Styles {
	mono := d == noColour
	p := paletteFor(d)
	c := func(s shade) color.Color { return lipgloss.Color(s.pick(dark)) }
	fg := func(s shade) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(s)) }
	// faint is the dim colour, fainter where that stays readable.
	faint := func() lipgloss.Style { return fg(p.dim).Faint(!p.noFaint) }
	// badge is bold text on a colour. Without colour it is reverse video,
	// so it stays a pill. The renderer pads its badges itself.
	badge := func(s shade) lipgloss.Style {
		if mono {
			return lipgloss.NewStyle().Bold(true).Reverse(true)
		}
		return lipgloss.NewStyle().Bold(!p.plainBadges).Foreground(c(p.onBadge)).Background(c(s))
	}
	pill := func(s shade) lipgloss.Style { return badge(s).Padding(0, 1) }
	st := &Styles{
		Dark:  dark,
		Depth: d,
		Title: fg(p.text).Bold(true),
		ID:    fg(p.dim),
		StateBadge: map[string]lipgloss.Style{
			"open":    pill(p.open),
			"snoozed": pill(p.snoozed),
			"closed":  pill(p.closed),
		},
		Priority: fg(p.bad).Bold(true),
		Counts:   fg(p.dim),

		PaneTitle:        faint(),
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
		Divider: fg(p.accent).Bold(true),
	}
	// A match is dark text on yellow, the current one on the accent colour
	// and bold; without colour, reverse video, and the current one
	// underlined too.
	st.Match = badge(p.match).Bold(false)
	st.MatchCurrent = badge(p.current)
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
		Ellipsis:       fg(p.dim), // it says something: text, not a line
		FullKey:        fg(p.text).Bold(true),
		FullDesc:       fg(p.dim),
		FullSeparator:  fg(p.subtle),
	}

	st.Render = render.Styles{
		Author:     fg(p.text).Bold(true),
		Email:      fg(p.dim),
		Time:       fg(p.dim),
		NoteBadge:  badge(p.noteBadge),
		NoteBar:    fg(p.note).Bold(true),
		Event:      faint(),
		Attachment: fg(p.link).Underline(true),
		Notice:     fg(p.warn).Italic(true),
		Quoted:     fg(p.dim),
		Meta:       fg(p.dim),
		Markdown:   markdownStyle(dark, p),
	}
	st.Render.Badge[render.RoleCustomer] = badge(p.customer)
	st.Render.Badge[render.RoleTeammate] = badge(p.teammate)
	st.Render.Badge[render.RoleBot] = badge(p.bot)
	st.Render.Badge[render.RoleFin] = badge(p.fin)
	st.standIn = st.Render.Event.Render("…")
	return st
}

// markdownStyle is glamour's style for message bodies in the palette's
// colours for the background (see render.MarkdownStyle).
func markdownStyle(dark bool, p palette) ansi.StyleConfig {
	return render.MarkdownStyle(render.MarkdownColours{
		Heading: p.accent.pick(dark),
		Minor:   p.dim.pick(dark),
		Rule:    p.subtle.pick(dark),
		Link:    p.link.pick(dark),
		Code:    p.code.pick(dark),
	})
}
