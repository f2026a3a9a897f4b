#!/usr/bin/env python3
# code-figures.py: the size figures of the sources, for reviews.
#
# Copyright 2026 The Epicrypt authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints the number of C files under src/, the median of their lines and
# the five largest, then every function whose body (from its opening to
# its closing brace at column 0) runs over 80 lines. With a git revision
# as argument, measures that revision instead of the working tree.
#
#   python3 build-aux/code-figures.py [REV]

import re
import statistics
import subprocess
import sys

LONG_FUNCTION = 80


def sources(rev):
    if rev:
        names = subprocess.check_output(['git', 'ls-tree', '-r', '--name-only', rev, 'src'], text=True).split()
    else:
        names = subprocess.check_output(['git', 'ls-files', 'src'], text=True).split()
    for name in names:
        if name.endswith(('.c', '.h')):
            if rev:
                yield name, subprocess.check_output(['git', 'show', f'{rev}:{name}'], text=True)
            else:
                with open(name, encoding='utf-8') as f:
                    yield name, f.read()


def functions(text):
    """(lines, name) of each function defined in the GNOME style: the
    return type on its own line, the name at column 0, braces at column 0."""
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        m = re.match(r'^([a-z_][a-z0-9_]*) \(', lines[i])
        if m and i > 0 and lines[i - 1] and not lines[i - 1].startswith(' ') and not lines[i - 1].endswith(';'):
            j = i
            while j < len(lines) and lines[j] != '{' and not lines[j].endswith(';'):
                j += 1
            if j < len(lines) and lines[j] == '{':
                k = j
                while k < len(lines) and lines[k] != '}':
                    k += 1
                yield k - j + 1, m.group(1)
                i = k
        i += 1


def main():
    rev = sys.argv[1] if len(sys.argv) > 1 else None
    files = dict(sources(rev))
    counts = {name: text.count('\n') for name, text in files.items()}
    print(f'{len(counts)} files, median {statistics.median(counts.values())} lines; the largest:')
    for name, n in sorted(counts.items(), key=lambda item: -item[1])[:5]:
        print(f'  {n:5} {name}')

    long = sorted(((n, name, fn) for name, text in files.items() if name.endswith('.c')
                   for n, fn in functions(text) if n > LONG_FUNCTION), reverse=True)
    print(f'{len(long)} functions over {LONG_FUNCTION} lines')
    for n, name, fn in long:
        print(f'  {n:5} {fn} ({name})')


if __name__ == '__main__':
    main()
