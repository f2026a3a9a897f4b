#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Epicrypt and runs the whole test suite,
# GUI tests included, on a virtual display. Ends with "N passed, N failed".
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sh build-aux/build.sh

# The GUI tests get a virtual display and a session bus of their own.
status=0
GTK_A11Y=none dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C build --print-errorlogs --num-processes 2 || status=$?

# The code that runs on several threads, again under ThreadSanitizer.
if [ -d build-tsan ]; then
  meson setup --reconfigure build-tsan >/dev/null
else
  meson setup build-tsan -Db_sanitize=thread -Db_lundef=false -Dapp=disabled >/dev/null
fi
ninja -C build-tsan
meson test -C build-tsan --print-errorlogs --suite concurrency || status=$?

# Everything again under AddressSanitizer and UndefinedBehaviorSanitizer.
if [ -d build-asan ]; then
  meson setup --reconfigure build-asan >/dev/null
else
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-asan
GTK_A11Y=none dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C build-asan --print-errorlogs --num-processes 2 || status=$?

# The fuzz targets, FUZZ_SECONDS each (60 by default), built with clang.
if [ -d build-fuzz ]; then
  meson setup --reconfigure build-fuzz >/dev/null
else
  CC=clang meson setup build-fuzz -Dapp=disabled -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C build-fuzz
meson test -C build-fuzz --print-errorlogs --suite fuzz --verbose || status=$?

python3 build-aux/count-tests.py build/meson-logs/testlog.json \
  build-tsan/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
  build-fuzz/meson-logs/testlog.json || status=1
exit "$status"
