/* epi-locale.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start-up every program of the project shares: the locale from the
 * environment, and the project's one text domain in UTF-8.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "epi-locale.h"

/**
 * epi_locale_init:
 *
 * Sets the locale from the environment and binds the project's text
 * domain, from EPICRYPT_LOCALEDIR when it is set (an uninstalled build's
 * translations) or the installed folder. Call it first thing in main(),
 * on the main thread, before any other thread exists.
 */
void
epi_locale_init (void)
{
  const char *dir = g_getenv ("EPICRYPT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
