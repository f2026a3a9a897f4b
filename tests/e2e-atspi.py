#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Epicrypt as a screen reader meets it: the app runs with GTK's AT-SPI
# backend on the session bus, and its whole accessible tree is read
# through AT-SPI (pyatspi), as Orca reads it. Names must be what a
# person sees, once, without mnemonic underscores or type names.
#
# Usage: e2e-atspi.py EPICRYPT SAMPLES-DIR SCHEMA-DIR
# Needs a display (xvfb-run) and a session bus (dbus-run-session).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    sys.exit("not ok: python3-pyatspi is missing (build-aux/deps.sh installs it)")

if "DISPLAY" not in os.environ or "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
    sys.exit("not ok: run under xvfb-run and dbus-run-session")

app_path, samples, schemas = sys.argv[1:4]
work = tempfile.mkdtemp()
shutil.copy(os.path.join(samples, "horse.png"), os.path.join(work, "horse.png"))

env = dict(os.environ, GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=schemas, GTK_A11Y="atspi")
app = subprocess.Popen([app_path, os.path.join(work, "horse.png")], env=env)


def nodes(node, found):
    found.append((node.getRoleName(), node.name or "", node.description or ""))
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            nodes(child, found)
    return found


def tree():
    for candidate in pyatspi.Registry.getDesktop(0):
        if candidate is not None and candidate.name == "epicrypt":
            return nodes(candidate, [])
    return []


failures = []


def check(ok, what):
    print(("ok: " if ok else "not ok: ") + what)
    if not ok:
        failures.append(what)


try:
    # The row appears once the picture is read; a minute is a failure.
    deadline = time.monotonic() + 60
    found = []
    while not any(role == "list item" and name for role, name, _ in found):
        if time.monotonic() > deadline:
            sys.exit("not ok: the window or its row never showed on the accessibility bus")
        time.sleep(0.5)
        found = tree()

    buttons = [name for role, name, _ in found if role in ("push button", "toggle button")]
    check("Seal" in buttons, "Seal is named as it reads")
    check("Add images" in buttons, "the Add button is named by what it does")
    check(all("_" not in name for name in buttons), "no button name has a mnemonic underscore: %r" % buttons)
    check(all(name and not re.match(r"^(Gtk|Adw|Epi)[A-Z]", name) for name in buttons),
          "every button has a name that is not a type name")
    check(("list item", "horse.png, Waiting") in [(r, n) for r, n, _ in found],
          "the row is named by its file and state")
    check("Remove horse.png" in buttons, "the row's Remove names its file")
    check(any(role == "image" and name == "Drawing" for role, name, _ in found), "the canvas is named")
    # A picture waiting to be sealed has no drawing: its controls are not
    # shown (test-a11y checks the slider's name and value text).
    check(not any(role == "slider" for role, name, _ in found),
          "the drawing's controls are hidden while no drawing is shown")
    check(not any(name.startswith("Frame ") for _, name, _ in found),
          "the frame counter, which changes every frame, is not read")
finally:
    app.terminate()
    app.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)

sys.exit(1 if failures else 0)
