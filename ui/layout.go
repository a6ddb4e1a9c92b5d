package ui

// Screen geometry. Every component gets an exact width and height from here,
// so the frame is always the terminal's size, whatever the size.

const (
	minSideBySide = 80 // narrower than this, the panel hides (i shows it instead)
	minPanel      = 30
	maxPanel      = 50
	minTranscript = 40 // what a chosen panel width leaves the transcript at least
	gutterWidth   = 2  // the transcript's current-part mark and a space
	rightMargin   = 1  // keeps text off the panel's border or the screen's edge
)

// layout is the screen's geometry for one size and panel state.
type layout struct {
	width, height int
	headerH       int // 1, or 0 when there is no room
	footerH       int
	bodyH         int
	trW           int // the transcript's width when it shows
	panelW        int // the panel's width when it shows
	showTr        bool
	showPanel     bool
	titles        bool // panes have a title row (the focus marker)
	border        bool // the panel has its left border (side by side)
}

// newLayout is the geometry for a w x h screen; sidebar is the panel's
// width when > 0, else it takes a third.
func newLayout(w, h, sidebar int, hidePanel, panelOnly bool) layout {
	l := layout{width: w, height: h}
	switch {
	case h >= 2:
		l.headerH, l.footerH = 1, 1
	case h == 1: // the position matters more than the title
		l.footerH = 1
	}
	l.bodyH = max(0, h-l.headerH-l.footerH)
	switch {
	case w < minSideBySide && panelOnly:
		l.showPanel, l.panelW, l.trW = true, w, w
	case w < minSideBySide || hidePanel:
		l.showTr, l.trW = true, w
	default:
		l.panelW = min(max(w/3, minPanel), maxPanel)
		if sidebar > 0 {
			l.panelW = min(sidebar, w-minTranscript)
		}
		l.trW = w - l.panelW
		l.showTr, l.showPanel, l.border = true, true, true
	}
	// Side by side the titles carry the focus marker, so they stay whenever
	// there is room; alone, a pane gives its title row to text on short screens.
	l.titles = l.bodyH >= 8 || (l.showTr && l.showPanel && l.bodyH >= 2)
	return l
}

// blockWidth is the width blocks are rendered at: the transcript's text
// column, between its gutter and its right margin.
func (l layout) blockWidth() int {
	return max(1, l.trW-gutterWidth-rightMargin)
}

// paneAt says which pane is under the cell x, y, and false outside both.
func (l layout) paneAt(x, y int) (pane, bool) {
	if y < l.headerH || y >= l.headerH+l.bodyH {
		return 0, false
	}
	switch {
	case l.showTr && l.showPanel:
		if x < l.trW {
			return paneTranscript, true
		}
		return paneDetails, true
	case l.showPanel:
		return paneDetails, true
	case l.showTr:
		return paneTranscript, true
	}
	return 0, false
}

// layout applies the geometry for the current size to every component.
func (m *Model) layout() {
	m.lay = newLayout(m.width, m.height, m.opts.SidebarWidth, m.hidePanel, m.panelOnly)
	l := m.lay
	// The focused pane must be one that shows.
	if !l.showPanel {
		m.focus = paneTranscript
	} else if !l.showTr {
		m.focus = paneDetails
	}
	paneH := l.bodyH
	if l.titles {
		paneH--
	}
	m.load.SetSize(l.width, l.height)
	m.header.SetWidth(l.width)
	m.tr.SetSize(l.trW, paneH, l.titles)
	m.det.SetSize(l.panelW, paneH, l.titles, l.border)
	m.foot.SetWidth(l.width)
	m.prompt.SetWidth(l.width)
	m.help.SetSize(l.width, l.bodyH)
	m.links.SetSize(l.width, l.bodyH)
	m.related.SetSize(l.width, l.bodyH)
	m.tr.SetFocused(m.focus == paneTranscript)
	m.det.SetFocused(m.focus == paneDetails)
}
