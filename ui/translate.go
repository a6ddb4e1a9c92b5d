package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/convo-cli/convo/keymap"
)

// toggleTranslate is T: bodies in translation, where a part has one, or
// the originals. Blocks are rendered again (or come from the cache); the
// footer says translations show while they do.
func (m Model) toggleTranslate() (tea.Model, tea.Cmd) {
	if !m.hasTranslations() {
		return m, m.setStatus("no translations in this conversation", doneFor)
	}
	m.translate = !m.translate
	hint := keymap.Hint(m.opts.Keys.Translate)
	status := "showing the originals · " + hint + " shows translations"
	if m.translate {
		status = "showing translations · " + hint + " shows the originals"
	}
	cmd := m.setStatus(status, doneFor)
	if m.width == 0 {
		return m, cmd
	}
	return m, tea.Batch(m.requestRender(false), cmd)
}

// hasTranslations reports whether any item has a translation.
func (m Model) hasTranslations() bool {
	for _, it := range m.items {
		if len(it.Translations) > 0 {
			return true
		}
	}
	return false
}

// prefLang is the reader's locale, for picking a translation: LC_ALL,
// LC_MESSAGES or LANG, the first set, without its encoding ("fr_FR" of
// "fr_FR.UTF-8"); "" for none, or for C and POSIX.
func (m Model) prefLang() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := m.env(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" {
			return ""
		}
		return v
	}
	return ""
}
