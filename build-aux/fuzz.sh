#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, seeds them from the sample pictures, and runs
# each for FUZZ_SECONDS (60 by default). Any crash, leak or sanitizer
# report fails the run; its reproducer is left in build-fuzz/.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-60}

if [ -d build-fuzz ]; then
  meson setup --reconfigure build-fuzz >/dev/null
else
  CC=clang meson setup build-fuzz -Dapp=disabled -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C build-fuzz tests/fuzz/fuzz-sealed tests/fuzz/fuzz-payload tests/fuzz/fuzz-image tests/fuzz/make-seeds

corpus=build-fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus/payload" "$corpus/sealed" "$corpus/image"
for f in data/samples/*; do
  case "$f" in *.md) ;; *) cp "$f" "$corpus/image/" ;; esac
done
ASAN_OPTIONS=detect_leaks=0 build-fuzz/tests/fuzz/make-seeds "$corpus/payload" "$corpus/sealed" \
  data/samples/horse.png data/samples/coins.png data/samples/pygame_icon_mac.bmp \
  data/samples/no_time_for_that_tiny.gif

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for target in sealed payload image; do
  echo "fuzz-$target: $seconds s"
  (cd build-fuzz && ./tests/fuzz/fuzz-$target -max_total_time="$seconds" -timeout=30 \
     -rss_limit_mb=2048 -max_len=300000 -print_final_stats=1 "corpus/$target" 2>fuzz-$target.log) ||
    { status=1; tail -n 40 "build-fuzz/fuzz-$target.log"; }
  grep -E '^(stat::number_of_executed_units|Done )' "build-fuzz/fuzz-$target.log" || true
done
exit "$status"
