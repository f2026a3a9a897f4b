#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The German translation is complete and valid, and the programs speak it.
# Usage: check-translation.sh EPICRYPT-CLI PO-SOURCE-DIR PO-BUILD-DIR
set -eu

cli=$1 po=$2 built=$3

stats=$(msgfmt --check --statistics -o /dev/null "$po/de.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "not ok: de.po is incomplete" >&2; exit 1 ;;
esac

# Every source file with strings is listed for translators.
missing=$(cd "$po/.." && grep -l -E '_\("|N_\("|translatable="yes"' src/*/*.c ui/*.ui ui/*/*.ui 2>/dev/null |
          while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
[ -z "$missing" ] || { echo "not ok: missing from POTFILES.in: $missing" >&2; exit 1; }

out=$(LANG=C.UTF-8 LANGUAGE=de EPICRYPT_LOCALEDIR="$built" "$cli" --help)
case "$out" in
  Aufruf:*) echo "ok: epicrypt-cli speaks German" ;;
  *) echo "not ok: no German from epicrypt-cli: $out" >&2; exit 1 ;;
esac
