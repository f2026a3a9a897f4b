#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what Epicrypt needs to build, run and test on Debian 12.
# Safe to run again: apt-get only adds what is missing.
set -eu

PACKAGES="
  gcc libc6-dev pkg-config meson ninja-build gettext python3
  libglib2.0-dev libgdk-pixbuf-2.0-dev libcairo2-dev libsodium-dev libfftw3-dev libgif-dev
  libunistring-dev libgmp-dev libpwquality-dev cracklib-runtime
  libgtk-4-dev libadwaita-1-dev webp-pixbuf-loader libheif-dev
  desktop-file-utils appstream fonts-dejavu-core
  xvfb xauth dbus xdotool imagemagick bc at-spi2-core python3-pyatspi
  clang libclang-rt-14-dev valgrind
  libfontconfig-dev fonts-liberation2 fonts-urw-base35 tesseract-ocr tesseract-ocr-eng
  librsvg2-bin chromium
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good gstreamer1.0-tools
"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
else
  SUDO=sudo
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
