#!/usr/bin/env bash
# Regenerates the screenshots from the real binary: runs it in a detached tmux
# session, captures the screen with its colours (capture-pane -e) and turns
# the ANSI text into PNG with Charm's freeze.
#   screenshots/capture.sh BIN FREEZE FAKEAPI
set -euo pipefail
bin=$(realpath "$1") freeze=$2 fakeapi=$(realpath "$3")
cd "$(dirname "$0")"
sock="convo-shots-$$"
t() { tmux -L "$sock" "$@"; }
# fakeapi holds proxied connections open (the loading screen) and answers
# 404 as an API (the error screen).
api=127.0.0.1:47474
"$fakeapi" -addr "$api" & fake=$!
trap 't kill-server 2>/dev/null || true; kill $fake 2>/dev/null || true' EXIT
# A session that lasts the whole run, so the server does not exit (and race
# the next shot's start) each time a shot's session ends.
t -f /dev/null new-session -d -s keep

# The window's colours for each theme. freeze ignores "default background"
# (SGR 49: it keeps painting the last colour) and "default foreground"
# (SGR 39, and bold drops the colour), so the capture names the window's
# colours instead: 49 becomes a reset, and the foreground follows each
# reset and each bold.
# freeze also starts each line in its theme's text colour, so a light shot
# takes a light theme, whose text is dark.
declare -A bg=([dark]=171717 [light]=fafafa) fg=([dark]=dddddd [light]=1c1c1c) look=([dark]=charm [light]=github)
rgb() { printf '%d;%d;%d' 0x${1:0:2} 0x${1:2:2} 0x${1:4:2}; }

# freeze has no bright backgrounds (SGR 100-107) and its own idea of the 16
# colours, so the 16-colour shots name xterm's default palette's colours, as
# xterm would show them (tmux writes one attribute a sequence).
xterm16=(000000 cd0000 00cd00 cdcd00 0000ee cd00cd 00cdcd e5e5e5
	7f7f7f ff0000 00ff00 ffff00 5c5cff ff00ff 00ffff ffffff)
palette=()
for i in "${!xterm16[@]}"; do
	c=$(rgb "${xterm16[$i]}") n=$((i % 8))
	if ((i < 8)); then fgc=$((30 + n)) bgc=$((40 + n)); else fgc=$((90 + n)) bgc=$((100 + n)); fi
	palette+=(-e "s/\x1b\[${fgc}m/\x1b[38;2;${c}m/g" -e "s/\x1b\[${bgc}m/\x1b[48;2;${c}m/g")
done

# shot NAME COLS ROWS THEME WAIT KEYS ENV ARGS...: open convo with ARGS and
# the environment ENV, wait until the screen matches WAIT, press KEYS (tmux
# key names, space separated) and capture.
shot() {
	local name=$1 cols=$2 rows=$3 theme=$4 wait=$5 keys=$6 env=$7; shift 7
	t -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env TERM=xterm-256color COLORTERM=truecolor $env $bin --theme $theme $*; sleep 30"
	local seen=
	for _ in $(seq 100); do
		t capture-pane -p -t "$name" | grep -Eq "$wait" && { seen=1; break; }
		sleep 0.1
	done
	[ -n "$seen" ] || { echo "screenshots/$name: the screen never showed /$wait/" >&2; t capture-pane -p -t "$name" >&2; exit 1; }
	[ -n "$keys" ] && for k in $keys; do t send-keys -t "$name" "$k"; sleep 0.05; done && sleep 0.4
	local f
	f=$(rgb "${fg[$theme]}")
	{ printf '\033[38;2;%sm' "$f"; t capture-pane -p -e -t "$name"; } |
		sed "${palette[@]}" |
		sed -e "s/\x1b\[49m/\x1b[0m/g" -e "s/\x1b\[39m/\x1b[38;2;${f}m/g" \
			-e "s/\x1b\[0\?m/&\x1b[38;2;${f}m/g" -e "s/\x1b\[1m/&\x1b[38;2;${f}m/g" > "$name.ansi"
	"$freeze" --language ansi --theme "${look[$theme]}" --background "#${bg[$theme]}" --window --padding 20 --margin 0 \
		--width $((cols * 9 + 40)) --font.size 14 --output "$name.png" "$name.ansi" >/dev/null
	rm -f "$name.ansi"
	t kill-session -t "$name"
	echo "screenshots/$name.png"
}

parts='[0-9]+/[0-9]+'
# In tmux the colour profile is at least tmux's own (256 colours), so the
# 16-colour shots say they are not in tmux, as in xterm or PuTTY.
shot demo        120 40 dark  "$parts" "" "" --demo
shot demo-light  120 40 light "$parts" "" "" --demo
shot demo-16     120 40 dark  "$parts" "" "TERM=xterm COLORTERM= TMUX=" --demo
shot demo-16-light 120 40 light "$parts" "" "TERM=xterm COLORTERM= TMUX=" --demo
shot narrow       80 24 dark  "$parts" "" "" --demo
shot links       120 40 dark  "$parts" "g L" "" --demo
shot help        120 40 dark  "$parts" "?" "" --demo
shot search      120 40 dark  "$parts" "/ e x p o r t" "" --demo
shot email       120 40 dark  "$parts" "/ J u s t Enter x" "" --demo
shot loading     120 40 dark  "Fetching" "" "INTERCOM_TOKEN=token HTTPS_PROXY=http://$api XDG_CACHE_HOME=/nonexistent" 215472881029384
shot error       120 40 dark  "quit" "" "INTERCOM_TOKEN=token" --api-url "http://$api" 215472881029384
