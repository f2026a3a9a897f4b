#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Seeds one libFuzzer target from the sample pictures and runs it for
# FUZZ_SECONDS (60 by default). A crash, leak or sanitizer report fails;
# the reproducer is kept in the build folder.
# Usage: run-fuzzer.sh FUZZER MAKE-SEEDS SAMPLES-DIR KIND
set -eu

fuzzer=$1 make_seeds=$2 samples=$3 kind=$4
seconds=${FUZZ_SECONDS:-60}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir "$corpus/payload" "$corpus/sealed" "$corpus/image"

# The samples, and the test pictures of the formats they lack (HEIF, AVIF,
# progressive JPEG, interlaced PNG).
tests_data=$samples/../../tests/data
for f in "$samples"/* "$tests_data"/*; do
  [ -f "$f" ] || continue
  case "$f" in *.md) ;; *) cp "$f" "$corpus/image/" ;; esac
done
ASAN_OPTIONS=detect_leaks=0 "$make_seeds" "$corpus/payload" "$corpus/sealed" \
  "$samples/horse.png" "$samples/coins.png" "$samples/pygame_icon_mac.bmp" \
  "$samples/no_time_for_that_tiny.gif" "$tests_data/horse.heic" "$tests_data/coins.avif"

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
"$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=300000 \
  -print_final_stats=1 -artifact_prefix="$(pwd)/" "$corpus/$kind" 2>"$corpus/log" ||
  { tail -n 60 "$corpus/log"; exit 1; }
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' "$corpus/log"
