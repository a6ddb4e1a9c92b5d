package ui

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/convo-cli/convo/api"
)

// TestTheTokenNeverShows fails a load, then a reload, with errors that
// echo the token as entities (which the error screen decodes), and names
// the window after it: with Options.Scrub, as main sets it, no frame and
// no title shows it.
func TestTheTokenNeverShows(t *testing.T) {
	const tok = "dG9rOmFiY2RlZi0xMjM0NTY3ODkw"
	var ents strings.Builder
	for _, r := range tok {
		ents.WriteString("&#" + strconv.Itoa(int(r)) + ";")
	}
	echo := errors.New("401 Unauthorized: token " + ents.String() + " is invalid")
	for _, first := range []bool{true, false} {
		var calls atomic.Int32
		o := demoOptions()
		o.Scrub = api.NewScrubber(tok).Scrub
		o.Load = counted(&calls, func(n int) (*api.Conversation, error) {
			if n == 1 && !first {
				c := api.Demo()
				c.Title = tok
				return c, nil
			}
			return nil, echo
		})
		d := newDriver(t, o)
		d.size(120, 40)
		if !first {
			d.keys("r")
		}
		v := d.m.View()
		screen := d.screen()
		if !strings.Contains(screen, "[token]") || strings.Contains(screen, tok) || strings.Contains(v.WindowTitle, tok) {
			t.Errorf("first load %v: want the token as [token] on the screen and in the title %q:\n%s", first, v.WindowTitle, screen)
		}
	}
}
