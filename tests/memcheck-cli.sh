#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# epicrypt-cli's encrypt, info, decrypt and render paths under Valgrind's
# memcheck: any invalid read or write, or any definite leak, fails.
# Usage: memcheck-cli.sh EPICRYPT-CLI SAMPLES-DIR
set -eu

cli=$1 samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$samples/horse.png" "$samples/rocket.jpg" "$work/"

export EPICRYPT_PASSWORD='memcheck-password'
check () {
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite "$cli" "$@" >/dev/null ||
    { echo "not ok: memcheck: epicrypt-cli $*" >&2; exit 1; }
  echo "ok: epicrypt-cli $1"
}

# The interactive strength: the default's 256 MiB, three passes, would take
# minutes under Valgrind on every run that opens the files.
check encrypt --kdf interactive --jobs 2 "$work/horse.png" "$work/rocket.jpg"
check info "$work/horse.png.epicrypt"
check decrypt --size 200 "$work/horse.png.epicrypt" "$work/rocket.jpg.epicrypt"
check render "$work/horse.png.epicrypt" --output "$work/horse.gif" --quality fast --size 120
check render "$work/horse.png.epicrypt" --output "$work/still.png" --size 200
# A video goes through GStreamer's threads and plugins: a short one.
check render "$work/horse.png.epicrypt" --output "$work/horse.webm" --size 64 --fps 2 --speed 4
