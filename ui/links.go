package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/convo-cli/convo/keymap"
	"github.com/convo-cli/convo/render"
)

// linksList is the L box: the current part's attachments and links, each
// with its name, its size when known and its whole URL, wrapped, since
// the transcript shows URLs only through OSC 8 hyperlinks, which tmux
// before 3.4 and xterm drop. One is selected; the model opens, copies or
// saves it.
type linksList struct {
	keys          keymap.KeyMap
	st            *Styles
	part          int // the part's number, from 1
	links         []render.Link
	cur           int
	open          bool
	width, height int // the area it is centred in
}

func newLinksList(keys keymap.KeyMap, st *Styles) linksList {
	return linksList{keys: keys, st: st}
}

// Show opens the list on the links of part (numbered from 1).
func (l *linksList) Show(part int, links []render.Link) {
	l.part, l.links, l.cur, l.open = part, links, 0, true
}

// Close closes the list.
func (l *linksList) Close() { l.open = false }

// IsOpen reports whether the list shows.
func (l linksList) IsOpen() bool { return l.open }

// Move moves the selection by d, stopping at the ends.
func (l *linksList) Move(d int) { l.cur = max(0, min(len(l.links)-1, l.cur+d)) }

// Selected is the link selected.
func (l linksList) Selected() (render.Link, bool) {
	if l.cur < 0 || l.cur >= len(l.links) {
		return render.Link{}, false
	}
	return l.links[l.cur], true
}

// SetSize sets the area the box is centred in.
func (l *linksList) SetSize(w, h int) { l.width, l.height = w, h }

// SetStyles switches the theme.
func (l *linksList) SetStyles(st *Styles) { l.st = st }

// View is the box, no larger than the area and at most 100 columns wide,
// scrolled so the selected entry shows. An area too small for a box gets
// the list without one, covering the area.
func (l linksList) View() string {
	frameW, frameH := l.st.HelpBox.GetFrameSize()
	boxW := min(l.width, 100)
	innerW, innerH := boxW-frameW, l.height-frameH
	if innerW < 30 || innerH < 6 {
		return l.bare()
	}
	head := []string{l.title(innerW), ""}
	lines := l.window(l.entries(innerW, 4), innerH-len(head))
	lines = append(head, lines...)
	for i, s := range lines {
		lines[i] = pad(s, innerW)
	}
	return l.st.HelpBox.Render(strings.Join(lines, "\n"))
}

// bare is the list for tiny areas: the title, then the entries, covering
// the whole area.
func (l linksList) bare() string {
	w := max(0, l.width)
	lines := l.window(l.entries(w, 2), max(0, l.height-1))
	lines = append([]string{l.title(w)}, lines...)
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	for i, s := range lines[:max(0, l.height)] {
		lines[i] = pad(ansi.Truncate(s, w, "…"), w)
	}
	return strings.Join(lines[:max(0, l.height)], "\n")
}

// title is "Links · part 3 · enter open · y copy · s save · esc close",
// the keys in their bindings, as far as they fit.
func (l linksList) title(w int) string {
	k := l.keys
	hints := []string{"enter open", keymap.Hint(k.CopyLink) + " copy"}
	if sel, ok := l.Selected(); ok && sel.File != "" {
		hints = append(hints, keymap.Hint(k.Save)+" save")
	}
	hints = append(hints, keymap.Hint(k.Close)+" close")
	t := l.st.HelpHead.Render("Links · part "+strconv.Itoa(l.part)) + l.st.Hint.Render(" · "+strings.Join(hints, " · "))
	return ansi.Truncate(t, w, "…")
}

// entry is one link's lines.
type entry []string

// entries are each link's lines at width w: a marker for the selected
// one, the name and size, then the whole URL, wrapped, indented by in.
func (l linksList) entries(w, in int) []entry {
	indent := spaces(in)
	out := make([]entry, len(l.links))
	for i, link := range l.links {
		mark, name := "  ", l.st.Help.FullDesc
		if i == l.cur {
			mark, name = "▸ ", l.st.LinkCurrent
		}
		head := link.Label
		if size := render.FormatSize(link.Size); size != "" {
			head += " · " + size
		}
		e := entry{l.st.LinkCurrent.Render(mark) + name.Render(ansi.Truncate(head, max(1, w-2), "…"))}
		for _, part := range strings.Split(ansi.Hardwrap(link.URL, max(1, w-len(indent)), false), "\n") {
			e = append(e, indent+l.st.LinkURL.Render(part))
		}
		out[i] = e
	}
	return out
}

// window is as many lines of the entries as fit in h, starting with an
// entry and keeping the selected one in view; the last line is "…" when
// more follow.
func (l linksList) window(entries []entry, h int) []string {
	if h <= 0 {
		return nil
	}
	room := h
	if l.cur < len(entries)-1 {
		room-- // for the "…"
	}
	first := 0
	for {
		n := 0
		for _, e := range entries[first : l.cur+1] {
			n += len(e)
		}
		if n <= room || first == l.cur {
			break
		}
		first++
	}
	var lines []string
	for _, e := range entries[first:] {
		lines = append(lines, e...)
	}
	if len(lines) > h {
		lines = append(lines[:h-1], l.st.Hint.Render("…"))
	}
	return lines
}

// showLinks is L: the list of the current part's links and attachments.
func (m Model) showLinks() (tea.Model, tea.Cmd) {
	i := m.tr.Current()
	if i < 0 || i >= len(m.vis) {
		return m, nil
	}
	links := render.Links(m.items[m.vis[i]])
	if len(links) == 0 {
		return m, m.setStatus(fmt.Sprintf("no links or attachments in part %d", i+1), doneFor)
	}
	m.focusTranscript()
	m.links.Show(i+1, links)
	return m, nil
}

// linksKey is a key while the links list shows: j and k move, enter or o
// opens, y copies, s saves, esc or L closes; the rest do nothing.
func (m Model) linksKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.opts.Keys
	sel, _ := m.links.Selected()
	switch {
	case key.Matches(msg, k.Close, k.Links):
		m.links.Close()
	case key.Matches(msg, k.ScrollDown, k.NextPart):
		m.links.Move(1)
	case key.Matches(msg, k.ScrollUp, k.PrevPart):
		m.links.Move(-1)
	case key.Matches(msg, k.Top):
		m.links.Move(-len(m.links.links))
	case key.Matches(msg, k.Bottom):
		m.links.Move(len(m.links.links))
	case (msg.Code == tea.KeyEnter && msg.Mod == 0) || key.Matches(msg, k.OpenLink):
		return m.openURL(sel.URL, sel.Label)
	case key.Matches(msg, k.CopyLink):
		return m, m.copyText(sel.URL, "link", "")
	case key.Matches(msg, k.Save):
		return m.save(sel)
	case key.Matches(msg, k.Help):
		m.links.Close()
		m.showHelp = true
	}
	return m, nil
}
