# convo: make demo (build and open the demo), make test (every test).
GO      ?= go
BIN     := bin/convo
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Fuzz budgets are counts, not durations: a duration races the end of
# fuzzing in go1.26 (golang/go#75804) and fails with no failing input.
FUZZ_FAST ?= 30000x
FUZZ_SLOW ?= 4000x
# Prism mocks the Intercom API for the end-to-end test, pinned by the lock file.
NPM     ?= npm
PRISM   := testdata/prism/node_modules/.bin/prism

.PHONY: all build demo install test vet unit fuzz bench bench-once e2e deps prism clean screenshots

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

demo: build
	./$(BIN) --demo

install:
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' .

# test runs vet, every test under the race detector (the tmux and Prism
# end-to-end tests included), each fuzz target briefly, and every
# benchmark once, so none can rot.
test: deps prism vet unit fuzz bench-once

vet:
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 ./...

fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZ_FAST) ./api
	$(GO) test -run='^$$' -fuzz='^FuzzPartList$$' -fuzztime=$(FUZZ_FAST) ./api
	$(GO) test -run='^$$' -fuzz='^FuzzSanitize$$' -fuzztime=$(FUZZ_FAST) ./api
	$(GO) test -run='^$$' -fuzz='^FuzzScrub$$' -fuzztime=$(FUZZ_FAST) ./api
	$(GO) test -run='^$$' -fuzz='^FuzzBlock$$' -fuzztime=$(FUZZ_SLOW) ./render

# bench measures DESIGN.md §10's targets, the figures of the README's
# Performance section: every benchmark (on api/testdata/conv500.json, 500
# parts; `go test ./api -run TestConv500 -update` regenerates it), then the
# built binary in a pseudo-terminal (first screen from process start, peak
# RSS, --format text).
BENCHTIME ?= 1s
bench: build
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=$(BENCHTIME) ./...
	$(GO) run ./testdata/perf -bin $(BIN) -file api/testdata/conv500.json

bench-once:
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./...
	$(GO) vet ./testdata/perf

e2e: deps prism
	$(GO) test -race -count=1 -run 'TestEndToEnd|TestPrism' -v .

# deps installs what the tests need and a fresh machine may lack.
deps:
	@command -v tmux >/dev/null || { echo "installing tmux"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq tmux >/dev/null; }
	@command -v tmux >/dev/null || { echo "tmux is required for the end-to-end test"; exit 1; }
	@command -v $(NPM) >/dev/null || { echo "installing npm"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@command -v $(NPM) >/dev/null || { echo "node and npm are required for the Prism end-to-end test"; exit 1; }
	@command -v zsh >/dev/null && command -v fish >/dev/null || { echo "installing zsh and fish"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zsh fish >/dev/null; }
	@command -v zsh >/dev/null && command -v fish >/dev/null || { echo "zsh and fish are required for the completion test"; exit 1; }

# prism installs Prism under testdata/prism (not the top level: no
# package.json there), again only when the lock file changes.
prism: $(PRISM)

$(PRISM): testdata/prism/package.json testdata/prism/package-lock.json | deps
	$(NPM) ci --no-audit --no-fund --prefix testdata/prism
	@touch $@

clean:
	rm -rf bin

# screenshots regenerates screenshots/*.png from the real binary in tmux;
# fakeapi stands in for Intercom for the loading and error screens.
FREEZE := $(shell $(GO) env GOPATH)/bin/freeze
screenshots: build deps
	@[ -x $(FREEZE) ] || $(GO) install github.com/charmbracelet/freeze@v0.2.2
	$(GO) build -o bin/fakeapi ./screenshots/fakeapi
	screenshots/capture.sh $(BIN) $(FREEZE) bin/fakeapi
