/* main.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "epi-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(EpiApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* EPICRYPT_LOCALEDIR runs the translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EPICRYPT_LOCALEDIR") != NULL ? g_getenv ("EPICRYPT_LOCALEDIR")
                                                                           : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = epi_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
