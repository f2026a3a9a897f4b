#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Symbolic icons are drawn with filled paths only: GTK recolours a
# symbolic icon by filling its shapes, so a stroked line or an unfilled
# outline comes out as a solid blob.
# Usage: check-symbolic-icons.sh SOURCE-ROOT
set -eu

top=$1
status=0
for icon in "$top"/data/icons/hicolor/symbolic/*/*-symbolic.svg "$top"/ui/icons/*-symbolic.svg; do
  [ -e "$icon" ] || continue
  if grep -n -E 'stroke[-a-z]*[=:]|fill="none"|fill:[[:space:]]*none' "$icon" >&2; then
    echo "not ok: $icon strokes or leaves unfilled the lines above" >&2
    status=1
  fi
done
exit $status
