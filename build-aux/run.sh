#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Epicrypt and starts it on the sample
# pictures in data/samples.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sh build-aux/build.sh

# The settings schema is compiled into the build tree.
GSETTINGS_SCHEMA_DIR="$top/build/data" exec ./build/src/app/epicrypt data/samples/*.png data/samples/*.jpg \
  data/samples/*.bmp data/samples/*.gif data/samples/*.webp
