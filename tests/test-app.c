/* test-app.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application on a real (virtual) display: it opens a window
 * and queues the files it is given.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "epi-application.h"
#include "epi-test-util.h"
#include "epi-window.h"

typedef struct
{
  guint n_files;
  gboolean mapped;
  gboolean empty_state_shown;
} Seen;

static gboolean
inspect_and_quit (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  Seen *seen = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  seen->mapped = TRUE;
  seen->n_files = g_list_model_get_n_items (epi_window_get_items (EPI_WINDOW (window)));
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static Seen
run_app (int          argc,
         const char **argv)
{
  g_autoptr(EpiApplication) app = epi_application_new ();
  Seen seen = { 0 };
  int status;

  /* No D-Bus under a bare X server: run as a lone instance. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, inspect_and_quit, &seen);
  status = g_application_run (G_APPLICATION (app), argc, (char **) argv);
  g_assert_cmpint (status, ==, 0);

  return seen;
}

static void
test_opens_a_window (void)
{
  const char *argv[] = { "epicrypt", NULL };
  Seen seen = run_app (1, argv);

  g_assert_true (seen.mapped);
  g_assert_cmpuint (seen.n_files, ==, 0);
}

static void
test_opens_files_from_command_line (void)
{
  g_autofree char *horse = test_sample_path ("horse.png");
  g_autofree char *coins = test_sample_path ("coins.png");
  const char *argv[] = { "epicrypt", horse, coins, NULL };
  Seen seen = run_app (3, argv);

  g_assert_true (seen.mapped);
  g_assert_cmpuint (seen.n_files, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* A GUI test without a display is a failure, not a skip. */
  if (!gtk_init_check ())
    g_error ("no display: run the GUI tests under xvfb-run");

  g_test_add_func ("/Epi/App/opens-a-window", test_opens_a_window);
  g_test_add_func ("/Epi/App/opens-files-from-command-line", test_opens_files_from_command_line);

  return g_test_run ();
}
