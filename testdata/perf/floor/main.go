// Command floor is the least a Bubble Tea program can do to show convo's
// first screen: it reads that screen, already rendered, and shows it in
// the alternate screen, with the mouse on, until q. perf starts it beside
// convo, from the same module versions, for the ratio of their first
// screens.
//
//	go run ./testdata/perf/floor -screen ui/testdata/TestFloorScreen.golden
package main

import (
	"flag"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

func main() {
	path := flag.String("screen", "ui/testdata/TestFloorScreen.golden", "the rendered screen to show")
	flag.Parse()
	screen, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if _, err := tea.NewProgram(model{screen: string(screen)}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// model shows the screen once the terminal's size is known, as convo does.
type model struct {
	screen string
	sized  bool
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sized = true
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView("")
	if m.sized {
		v.SetContent(m.screen)
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "convo"
	return v
}
