#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Epicrypt as a person uses it, on a virtual X display: drag three
# pictures from another program onto the window, press Encrypt, type the
# password twice, and check that each sealed file opens with the CLI.
# Then drag a sealed file in, type its password, and check from
# screenshots that the drawing is being drawn.
#
# Usage: e2e-drag-and-drop.sh EPICRYPT DRAG-SOURCE EPICRYPT-CLI SAMPLES-DIR SCHEMA-DIR

set -eu

app=$1 source=$2 cli=$3 samples=$4 schemas=$5
password='Velvet-Lantern-58'
work=$(mktemp -d)
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done; [ -n "${EPICRYPT_KEEP:-}" ] || rm -rf "$work"' EXIT

fail () {
  echo "not ok: $*" >&2
  exit 1
}

# A display of our own, numbered by the server.
Xvfb -displayfd 3 -screen 0 1600x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
pids="$pids $!"
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
DISPLAY=:$(cat "$work/display")
export DISPLAY GTK_A11Y=none GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schemas"

wait_window () {
  for _ in $(seq 100); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1) && [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 0.1
  done
  fail "no window named $1"
}

# Drags from the middle of window $1 to (x, y) on the screen in steps,
# as GTK needs motion to pass the drag threshold and then to enter.
drag () {
  eval "$(xdotool getwindowgeometry --shell "$1")"
  sx=$((X + WIDTH / 2)) sy=$((Y + HEIGHT / 2)) tx=$2 ty=$3
  xdotool mousemove "$sx" "$sy"; sleep 0.3; xdotool mousedown 1; sleep 0.3
  for k in $(seq 1 20); do
    xdotool mousemove $((sx + (tx - sx) * k / 20)) $((sy + (ty - sy) * k / 20)); sleep 0.05
  done
  sleep 0.5; xdotool mouseup 1
}

type_in () {
  xdotool windowfocus --sync "$1"
  xdotool type --delay 20 "$2"
  xdotool key Return
}

mkdir "$work/pictures"
cp "$samples/horse.png" "$work/pictures/horse.png"
cp "$samples/coins.png" "$work/pictures/pièces de monnaie.png"
cp "$samples/pygame_icon_mac.bmp" "$work/pictures/icon.bmp"

"$app" >"$work/app.log" 2>&1 &
pids="$pids $!"
main=$(wait_window '^Epicrypt$')
xdotool windowmove "$main" 0 0

"$source" "$work/pictures/horse.png" "$work/pictures/pièces de monnaie.png" "$work/pictures/icon.bmp" &
source_pid=$!
pids="$pids $source_pid"
src=$(wait_window '^Drag Source$')
xdotool windowmove "$src" 1300 100
sleep 1

drag "$src" 500 400
sleep 1
kill "$source_pid"

# Encrypt, and the password twice.
xdotool windowfocus --sync "$main"
xdotool key ctrl+Return
dialog=$(wait_window '^Choose a Password$')
type_in "$dialog" "$password"
type_in "$dialog" "$password"

for name in horse.png "pièces de monnaie.png" icon.bmp; do
  for _ in $(seq 300); do [ -f "$work/pictures/$name.epicrypt" ] && break; sleep 0.1; done
  [ -f "$work/pictures/$name.epicrypt" ] || fail "$name was not sealed"
done
for name in horse.png "pièces de monnaie.png" icon.bmp; do
  EPICRYPT_PASSWORD=$password "$cli" decrypt --quiet -o "$work" "$work/pictures/$name.epicrypt" >/dev/null ||
    fail "$name.epicrypt does not open"
done
echo "ok: three pictures dragged in, sealed and opened with epicrypt-cli"

# A sealed file dragged in asks for its password and plays.
"$source" "$work/pictures/horse.png.epicrypt" &
source_pid=$!
pids="$pids $source_pid"
src=$(wait_window '^Drag Source$')
xdotool windowmove "$src" 1300 100
sleep 1
drag "$src" 500 400
dialog=$(wait_window '^Enter the Password$')
type_in "$dialog" "$password"
sleep 2

import -window root "$work/one.png"
sleep 1
import -window root "$work/two.png"
# The drawing pane, right of the list: it is not blank, and it moves.
crop='600x500+450+80'
ink=$(convert "$work/two.png" -crop "$crop" -colorspace gray -format '%[fx:minima]' info:)
changed=$(compare -metric AE "$work/one.png" "$work/two.png" null: 2>&1 || true)
[ "$(echo "$ink < 0.5" | bc)" = 1 ] || fail "the drawing pane has no ink ($ink)"
[ "${changed%% *}" -gt 100 ] 2>/dev/null || fail "the drawing did not move ($changed pixels changed)"
if [ -n "${EPICRYPT_SCREENSHOT:-}" ]; then
  cp "$work/two.png" "$EPICRYPT_SCREENSHOT"
fi
echo "ok: a sealed file dragged in plays ($changed pixels changed in a second)"
