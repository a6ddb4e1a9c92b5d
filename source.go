package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"sync/atomic"

	"github.com/charmbracelet/x/term"

	"github.com/convo-cli/convo/api"
	"github.com/convo-cli/convo/config"
	"github.com/convo-cli/convo/render"
)

// apiSource loads the conversation cfg names from the API. The token is
// got once, by the first load: before printing, or behind the screen's
// "Getting the token…" when token_command may take a while. From then on
// everything errs writes, and every frame, is scrubbed of it.
type apiSource struct {
	cfg     config.Config
	errs    *scrubbed
	checked *answers

	mu       sync.Mutex
	fetch    loadFunc // nil until the token is known
	resolve  resolveFunc
	relate   relatedFunc
	resolved config.Config // cfg with the token, once known
	// gate holds every request back while one waits out a 429: they all
	// spend the same workspace's budget.
	gate api.Gate
}

// token gets the access token and makes the fetch and the look-ups with
// it; once it has, it does nothing. Its errors are *config.UsageError.
func (s *apiSource) token(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fetch != nil {
		return nil
	}
	cfg := s.cfg
	if err := cfg.ResolveToken(ctx); err != nil {
		return err
	}
	if cfg.Token == "" {
		return &config.UsageError{Msg: fmt.Sprintf("no access token: set %s, or token_command in %s; or open a saved response with --file",
			config.EnvToken, configName(cfg))}
	}
	s.errs.setToken(cfg.Token)
	s.resolved = cfg
	fetch, _ := fetcher(cfg, &s.gate)
	s.fetch = s.checked.check(fetch)
	s.resolve = s.checked.resolve(resolver(cfg, os.Getenv, &s.gate))
	s.relate = relater(cfg, &s.gate)
	return nil
}

// budget is what the last answer left of the API's rate limit, for the
// screen's following; nil without a source (a file, the demo).
func budget(s *apiSource) func() (remaining, limit int, ok bool) {
	if s == nil {
		return nil
	}
	return s.gate.Budget
}

// resolvedConfig is cfg with the token token has got.
func (s *apiSource) resolvedConfig() config.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resolved
}

// load gets the token, if need be, and fetches the conversation.
func (s *apiSource) load(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
	if err := s.token(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	fetch := s.fetch
	s.mu.Unlock()
	return fetch(ctx, onWait)
}

// lookUp runs the look-ups, which come only after a load has the token.
func (s *apiSource) lookUp(ctx context.Context, conv *api.Conversation, refresh bool, report func(api.Lookup)) {
	s.mu.Lock()
	resolve := s.resolve
	s.mu.Unlock()
	if resolve != nil {
		resolve(ctx, conv, refresh, report)
	}
}

// related finds what is around conv, which a load has fetched with the
// token.
func (s *apiSource) related(ctx context.Context, conv *api.Conversation, onWait func(api.Wait)) *render.Related {
	s.mu.Lock()
	relate := s.relate
	s.mu.Unlock()
	if relate == nil {
		return nil
	}
	return relate(ctx, conv, onWait)
}

// Why r loads nothing again, in the footer.
const (
	demoNoReload  = "nothing to reload: the demo conversation is built in"
	stdinNoReload = "nothing to reload: standard input was read once"
)

// saved returns what loads the conversation --file or --demo names, the
// words for the loading screen, and why r cannot load it again ("" when
// it can). A file is read again on every load, so r shows it as it is
// now. For the screen, a file that is not a regular one convo can open at
// once (missing, a FIFO, too large) is read first, so that its error comes
// before the screen; standard input is always read first, and only once.
func saved(ctx context.Context, cfg config.Config, screen bool, stdin io.Reader, stderr io.Writer) (load loadFunc, label, noReload string, err error) {
	switch {
	case cfg.Demo:
		return func(context.Context, func(api.Wait)) (*api.Conversation, error) { return api.Demo(), nil },
			"the demo conversation", demoNoReload, nil
	case cfg.File == "-":
		conv, err := readStdin(ctx, stdin, stderr)
		if err != nil {
			return nil, "", "", fmt.Errorf("standard input: %w", err)
		}
		return func(context.Context, func(api.Wait)) (*api.Conversation, error) { return conv, nil },
			"standard input", stdinNoReload, nil
	}
	load = readFile(cfg.File)
	if screen && !readOnScreen(cfg.File) {
		conv, err := load(ctx, nil)
		if err != nil {
			return nil, "", "", err
		}
		load = firstThen(conv, load)
	}
	return load, cfg.File, "", nil
}

// readStdin reads the conversation on standard input. A signal ends the
// wait for input that does not come.
func readStdin(ctx context.Context, stdin io.Reader, stderr io.Writer) (*api.Conversation, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintln(stderr, waitingForInput)
	}
	body, err := readInput(ctx, func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil })
	return decodeInput(body, err, "input")
}

// readFile returns what reads the file at path afresh on each call.
func readFile(path string) loadFunc {
	return func(ctx context.Context, _ func(api.Wait)) (*api.Conversation, error) {
		body, err := readInput(ctx, func() (io.ReadCloser, error) { return openFile(path) })
		conv, err := decodeInput(body, err, "file")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return conv, nil
	}
}

// firstThen returns conv, read already, on the first call, and load's
// answer on every call after it.
func firstThen(conv *api.Conversation, load loadFunc) loadFunc {
	var first atomic.Pointer[api.Conversation]
	first.Store(conv)
	return func(ctx context.Context, onWait func(api.Wait)) (*api.Conversation, error) {
		if c := first.Swap(nil); c != nil {
			return c, nil
		}
		return load(ctx, onWait)
	}
}

// waitLine says on stderr, one line for each wait, that the fetch waits
// before trying again: printed output has no screen to count down on.
func waitLine(stderr io.Writer) func(api.Wait) {
	return func(w api.Wait) {
		when := "now"
		if secs := int(math.Ceil(w.Delay.Seconds())); secs > 0 {
			when = fmt.Sprintf("in %ds", secs)
		}
		say(stderr, "%s; retrying %s (attempt %d)", w.Reason(), when, w.Attempt+1)
	}
}
