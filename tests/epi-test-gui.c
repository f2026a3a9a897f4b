/* epi-test-gui.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "epi-canvas.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"

/* The application of gui_test_init(); its caller owns it. */
static EpiApplication *the_app;

EpiApplication *
gui_test_init (int                *argc,
               char             ***argv,
               GApplicationFlags   flags)
{
  g_autoptr(GError) error = NULL;
  EpiApplication *app;

  g_test_init (argc, argv, NULL);

  /* A GUI test without a display is a failure, not a skip. */
  if (!gtk_init_check ())
    g_error ("no display: run the GUI tests under xvfb-run");

  /* A blinking cursor runs a timer that complains when a bare X server
   * moves the focus under it; tests have no use for blinking. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = epi_application_new ();
  g_application_set_flags (G_APPLICATION (app), flags | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  the_app = app;
  return app;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
wait_until (Condition   condition,
            gpointer    data,
            guint       seconds,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!condition (data))
    {
      if (timed_out)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (timeout);
}

void
run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
window_fixture_set_up (WindowFixture *f,
                       gconstpointer  data)
{
  g_assert_nonnull (the_app);
  f->dir = test_tmpdir_new ();
  f->window = epi_window_new (the_app);
  gtk_window_present (GTK_WINDOW (f->window));
}

void
window_fixture_tear_down (WindowFixture *f,
                          gconstpointer  data)
{
  destroy_window (f->window);
  test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

void
destroy_window (EpiWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
find_first (GtkWidget     *widget,
            WidgetMatch    match,
            gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  return find_first (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
button_reads (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return find_first (widget, button_reads, label);
}

static gboolean
button_runs (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  return find_first (widget, button_runs, action);
}

void
drop_files (EpiWindow   *window,
            const char **paths)
{
  GtkDropTarget *target = epi_window_get_drop_target (window);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, strstr (paths[i], "://") != NULL ? g_file_new_for_uri (paths[i])
                                                             : g_file_new_for_path (paths[i]));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array ((GFile **) files->pdata, files->len));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
}

typedef struct
{
  EpiWindow *window;
  guint      n;
} CountWait;

static gboolean
has_items (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (epi_window_get_items (w->window)) >= w->n;
}

void
wait_for_items (EpiWindow *window,
                guint      n)
{
  CountWait w = { window, n };

  wait_until (has_items, &w, 20, "files to be queued");
}

gboolean
has_dialog (gpointer window)
{
  return epi_window_get_password_dialog (window) != NULL;
}

gboolean
has_drawing (gpointer window)
{
  return epi_renderer_has_spectrum (epi_canvas_get_renderer (epi_window_get_canvas (window)));
}

gboolean
batch_done (gpointer window)
{
  return !epi_window_is_busy (window);
}

EpiTaskItem *
item_at (EpiWindow *window,
         guint      i)
{
  EpiTaskItem *item = g_list_model_get_item (epi_window_get_items (window), i);

  g_object_unref (item);
  return item;
}
