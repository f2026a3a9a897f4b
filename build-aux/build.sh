#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing and builds Epicrypt in ./build.
set -eu

cd "$(dirname "$0")/.."

sh build-aux/deps.sh
if [ -d build ]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build >/dev/null
fi
ninja -C build
