#!/usr/bin/env bash
# Regenerates the screenshots from the real binary: runs it in a detached tmux
# session, captures the screen with its colours (capture-pane -e) and turns
# the ANSI text into PNG with Charm's freeze.
#   screenshots/capture.sh BIN FREEZE
set -euo pipefail
bin=$(realpath "$1") freeze=$2
cd "$(dirname "$0")"
sock="convo-shots-$$"
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT

# shot NAME COLS ROWS KEYS ARGS...: open convo with ARGS, press KEYS, capture.
shot() {
	local name=$1 cols=$2 rows=$3 keys=$4; shift 4
	t -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env TERM=xterm-256color COLORTERM=truecolor $bin $*; sleep 30"
	for _ in $(seq 100); do
		t capture-pane -p -t "$name" | grep -Eq '[0-9]+/[0-9]+' && break
		sleep 0.1
	done
	[ -n "$keys" ] && t send-keys -t "$name" $keys && sleep 0.3
	# freeze paints "default background" (SGR 49) in the last background
	# colour; name the window's colour instead.
	t capture-pane -p -e -t "$name" | sed 's/\x1b\[49m/\x1b[48;2;23;23;23m/g' > "$name.ansi"
	"$freeze" --language ansi --background "#171717" --window --padding 20 --margin 0 \
		--width $((cols * 9 + 40)) --font.size 14 --output "$name.png" "$name.ansi" >/dev/null
	rm -f "$name.ansi"
	t kill-session -t "$name"
	echo "screenshots/$name.png"
}

shot demo 120 40 "" --demo --theme dark
