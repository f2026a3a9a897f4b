#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The German translation covers every string in the sources, is valid,
# and the programs speak it.
# Usage: check-translation.sh EPICRYPT-CLI PO-SOURCE-DIR PO-BUILD-DIR
set -eu

cli=$1 po=$2 built=$3
top=$(cd "$po/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every source file with strings is listed for translators.
missing=$(cd "$top" && grep -l -E '_\("|N_\("|translatable="yes"' src/*/*.c ui/*.ui ui/*/*.ui 2>/dev/null |
          while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
[ -z "$missing" ] || { echo "not ok: missing from POTFILES.in: $missing" >&2; exit 1; }

# The strings as the sources have them now, against the translation.
(cd "$top" && xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
   --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 --files-from=po/POTFILES.in --output="$work/current.pot")
msgmerge --quiet --no-fuzzy-matching "$po/de.po" "$work/current.pot" --output-file="$work/de.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$work/de.po" | grep -c '^msgid ' || true)
# The header entry is the one empty msgid.
[ "$untranslated" -le 1 ] || {
  msgattrib --untranslated --no-obsolete "$work/de.po" | grep '^msgid ' >&2
  echo "not ok: de.po misses $((untranslated - 1)) strings" >&2; exit 1; }

stats=$(msgfmt --check --statistics -o /dev/null "$work/de.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "not ok: de.po is incomplete" >&2; exit 1 ;;
esac

out=$(LANG=C.UTF-8 LANGUAGE=de EPICRYPT_LOCALEDIR="$built" "$cli" --help)
case "$out" in
  Aufruf:*) echo "ok: epicrypt-cli speaks German" ;;
  *) echo "not ok: no German from epicrypt-cli: $out" >&2; exit 1 ;;
esac
