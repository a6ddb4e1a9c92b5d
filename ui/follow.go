package ui

// noteSeen keeps the newest item that has been on screen, for the read
// marker: the one at the bottom of the transcript's view, when it is newer
// than any shown before.
func (m *Model) noteSeen() {
	if m.phase != phaseReady || !m.tr.loaded || len(m.tr.starts) == 0 || m.panelOnly {
		return
	}
	bottom := m.tr.vp.YOffset() + max(m.tr.vp.Height(), 1) - 1
	i := lineAt(m.tr.starts, bottom)
	if i >= len(m.vis) || m.vis[i] >= len(m.items) {
		return
	}
	it := m.items[m.vis[i]]
	if m.seenID == "" || it.Index > m.seen {
		m.seen, m.seenID = it.Index, it.ID
	}
}
