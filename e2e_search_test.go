package main

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/render"
)

// TestEndToEndSearch searches the demo in the real binary: / and a word,
// enter, n to the next match, ] to the next part, q.
func TestEndToEndSearch(t *testing.T) {
	requireTmux(t)
	bin := buildBinary(t)
	items := len(render.Items(api.Demo(), nil))

	s := startTmux(t, 120, 40, bin, "--demo", "--theme", "dark")
	s.waitFor(fmt.Sprintf(`part %d/%d`, items, items))
	s.keys("g")
	s.waitFor(fmt.Sprintf(`part 1/%d`, items))

	s.keys("/")
	s.keys("-l", "export") // literally, not as key names
	s.waitFor(`(?m)^/export.*match 1/\d+`)
	s.keys("Enter")
	screen := s.waitFor(fmt.Sprintf(`match 1/\d+ · part \d+/%d`, items))
	assertFits(t, screen, 120, 40)
	total := regexp.MustCompile(`match 1/(\d+)`).FindStringSubmatch(screen)[1]
	if n, _ := strconv.Atoi(total); n < 2 {
		t.Fatalf("%s matches of export in the demo, want several:\n%s", total, screen)
	}

	s.keys("n")
	screen = s.waitFor(fmt.Sprintf(`match 2/%s · part \d+/%d`, total, items))
	part := regexp.MustCompile(`part (\d+)/`).FindStringSubmatch(screen)[1]
	p, _ := strconv.Atoi(part)

	s.keys("]")
	s.waitFor(fmt.Sprintf(`match 2/%s · part %d/%d`, total, p+1, items))

	s.keys("Escape")
	s.waitFor(fmt.Sprintf(`(?m)  part %d/%d`, p+1, items))
	s.keys("q")
	if status := s.exitStatus(); status != "0" {
		t.Errorf("exit status %s, want 0", status)
	}
}
