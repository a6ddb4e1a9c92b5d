package ui

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Copying. OSC 52 asks the terminal to set its clipboard, and nothing
// says whether it did: tmux drops the request unless set-clipboard is on
// (its default, external, drops it). Inside tmux the text also goes into
// a tmux buffer, which tmux hands on to the clipboard itself when its
// set-clipboard allows; the footer says where the text went.

// copiedMsg is where text copied inside tmux went, for the footer.
type copiedMsg struct {
	status string
	d      time.Duration // how long it shows
}

// copyText copies text, what naming it in the footer ("link", "part 3");
// lead, if set, comes first ("no browser here").
func (m *Model) copyText(text, what, lead string) tea.Cmd {
	d := doneFor
	if lead != "" {
		lead, d = lead+": ", adviceFor
	}
	if m.env("TMUX") == "" {
		return tea.Batch(tea.SetClipboard(text), m.setStatus(lead+what+" sent to the terminal's clipboard (OSC 52)", d))
	}
	tmux := m.tmux
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg {
		return copiedMsg{status: lead + tmuxCopy(tmux, text, what), d: d}
	})
}

// tmuxCopy loads text into a tmux buffer, and says where it went: the
// buffer and the clipboard (load-buffer -w, tmux 3.2 on, with
// set-clipboard on or external), the buffer alone (set-clipboard off, or
// a tmux without -w), or only OSC 52 when tmux refused.
func tmuxCopy(tmux func(stdin string, args ...string) (string, error), text, what string) string {
	if _, err := tmux(text, "load-buffer", "-w", "-"); err != nil {
		if _, err := tmux(text, "load-buffer", "-"); err != nil {
			return what + " sent as OSC 52, which tmux may drop: tmux load-buffer failed"
		}
		return "copied " + what + " to tmux buffer"
	}
	if mode, err := tmux("", "show-options", "-gv", "set-clipboard"); err == nil && strings.TrimSpace(mode) == "off" {
		return "copied " + what + " to tmux buffer (set-clipboard is off)"
	}
	return "copied " + what + " to tmux buffer and clipboard"
}

// copied shows where text copied inside tmux went.
func (m Model) copied(msg copiedMsg) (tea.Model, tea.Cmd) {
	return m, m.setStatus(msg.status, msg.d)
}

// runTmux runs tmux with stdin, its output returned and its errors kept
// off the screen; a tmux that hangs is given up on.
func runTmux(stdin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, "tmux", args...)
	c.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, nil
	err := c.Run()
	return out.String(), err
}
