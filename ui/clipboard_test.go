package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/convo-cli/convo/render"
)

// Inside tmux, Y loads a tmux buffer as well as sending OSC 52, and the
// footer says where the part went.
func TestCopyInsideTmuxSaysWhereTheTextWent(t *testing.T) {
	tests := []struct {
		name      string
		withW     error  // load-buffer -w's failure
		plain     error  // load-buffer's failure, without -w
		clipboard string // show-options' answer
		want      string
	}{
		{"set-clipboard external", nil, nil, "external\n", "copied part 3 to tmux buffer and clipboard"},
		{"set-clipboard on", nil, nil, "on\n", "copied part 3 to tmux buffer and clipboard"},
		{"set-clipboard off", nil, nil, "off\n", "copied part 3 to tmux buffer (set-clipboard is off)"},
		{"a tmux without -w", errors.New("exit status 1"), nil, "", "copied part 3 to tmux buffer"},
		{"tmux refuses", errors.New("exit status 1"), errors.New("exit status 1"), "", "part 3 sent as OSC 52, which tmux may drop: tmux load-buffer failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, demoAt())
			d.size(120, 40)
			d.m.env = func(k string) string {
				if k == "TMUX" {
					return "/tmp/tmux-1000/default,123,0"
				}
				return ""
			}
			loaded := ""
			var ran [][]string
			d.m.tmux = func(stdin string, args ...string) (string, error) {
				ran = append(ran, args)
				switch {
				case slices.Equal(args, []string{"load-buffer", "-w", "-"}):
					if tt.withW == nil {
						loaded = stdin
					}
					return "", tt.withW
				case slices.Equal(args, []string{"load-buffer", "-"}):
					if tt.plain == nil {
						loaded = stdin
					}
					return "", tt.plain
				case slices.Equal(args, []string{"show-options", "-gv", "set-clipboard"}):
					return tt.clipboard, nil
				}
				t.Errorf("ran tmux %v", args)
				return "", nil
			}
			d.keys("g", "]", "]")
			cmd := d.press("Y")
			want := render.ItemText(d.m.items[2], render.Options{Loc: time.UTC, Now: d.m.opts.Now()})
			if got, ok := clipboard(cmd); !ok || got != want {
				t.Errorf("Y inside tmux sent OSC 52 %q (%v), want part 3 too", got, ok)
			}
			d.run(cmd)
			if len(ran) == 0 || !slices.Equal(ran[0], []string{"load-buffer", "-w", "-"}) {
				t.Errorf("tmux ran %v, want load-buffer -w - first", ran)
			}
			if (tt.withW == nil || tt.plain == nil) && loaded != want {
				t.Errorf("tmux buffer got %q, want part 3", loaded)
			}
			if f := d.footer(); !strings.Contains(f, tt.want) {
				t.Errorf("footer = %q, want %q", f, tt.want)
			}
		})
	}
}
