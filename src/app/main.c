/* main.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-application.h"
#include "epi-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(EpiApplication) app = NULL;

  epi_locale_init ();

  /* GSettings aborts on a missing schema; say what to do instead. */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = NULL;

    if (source != NULL)
      schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
    if (schema == NULL)
      {
        g_printerr (_("epicrypt: its settings schema %s is not installed; install Epicrypt, "
                      "or run it from a build with GSETTINGS_SCHEMA_DIR set to the build's data folder\n"),
                    APPLICATION_ID);
        return 1;
      }
  }

  app = epi_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
