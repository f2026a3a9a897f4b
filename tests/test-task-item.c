/* test-task-item.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row model alone, without a window: what each change notifies,
 * that an item goes away with its last reference, and what the row's
 * actions do with it.
 */

#include "config.h"

#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "epi-task-item.h"
#include "epi-task-row.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"

static EpiTaskItem *
new_item (EpiItemKind  kind,
          TestNotes   *notes)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/picture.png");
  EpiTaskItem *item = epi_task_item_new (file, kind);

  test_notes_watch (notes, item);
  return item;
}

/* Progress within a stage notifies the fraction, not the state, and only
 * when it moves; a change of state notifies each derived property once. */
static void
test_progress_and_state (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);

  epi_task_item_queue (item, NULL, NULL);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_QUEUED);
  g_assert_cmpuint (test_notes_count (&notes, "state"), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "can-cancel"), ==, 1);
  g_hash_table_remove_all (notes.counts);

  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.25);
  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.5);
  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.5);
  g_assert_cmpuint (test_notes_count (&notes, "state"), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "progress"), ==, 2);
  g_assert_cmpuint (test_notes_count (&notes, "status"), ==, 1);
  g_assert_cmpfloat (epi_task_item_get_progress (item), >, 0);
  g_assert_cmpfloat (epi_task_item_get_progress (item), <, 1);

  g_hash_table_remove_all (notes.counts);
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "picture.png: not a picture");
  g_assert_cmpuint (test_notes_count (&notes, "state"), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "has-error"), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "can-retry"), ==, 1);
  g_assert_cmpstr (epi_task_item_get_detail (item), ==, "picture.png: not a picture");
  g_assert_cmpfloat (epi_task_item_get_progress (item), ==, 0);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
}

/* An opened sealed file holds its drawing and shows the picture's name;
 * while it does the process is not dumpable, and it is again once the
 * item is gone. */
static void
test_opened_drawing (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_SEALED, &notes);
  EpiSpectrum *spectrum = epi_spectrum_new (2, 0);

  spectrum->width = 10;
  spectrum->height = 10;
  spectrum->n_points = 8;
  spectrum->terms[1] = (EpiTerm) { 1, 2, 0 };

  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
  epi_task_item_set_opened (item, spectrum, "camera.png");
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  g_assert_true (epi_task_item_get_spectrum (item) == spectrum);
  g_assert_cmpstr (epi_task_item_get_name (item), ==, "camera.png");
  g_assert_cmpuint (test_notes_count (&notes, "name"), ==, 1);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_DONE);
  g_assert_cmpfloat (epi_task_item_get_progress (item), ==, 1);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
}

static void
on_item_state (EpiTaskItem *item,
               GParamSpec  *pspec,
               GMainLoop   *loop)
{
  EpiItemState state = epi_task_item_get_state (item);

  if (state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED)
    g_main_loop_quit (loop);
}

/* An item queued as a batch's task follows it: the row's task.cancel
 * action cancels that task, and the item shows it cancelled. */
static void
test_follows_batch_task (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *input = test_sample_path ("camera.png");
  g_autofree char *output = g_build_filename (dir, "camera.png.epicrypt", NULL);
  g_autoptr(EpiSecret) secret = epi_secret_new ("item-password", strlen ("item-password"), NULL);
  g_autoptr(EpiTask) first = epi_task_new_encrypt (input, output, NULL, EPI_KDF_MINIMAL, secret);
  g_autoptr(EpiTask) second = epi_task_new_encrypt (input, output, NULL, EPI_KDF_MINIMAL, secret);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  EpiBatch *batch = epi_batch_new (1);
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  GtkWidget *row = g_object_ref_sink (g_object_new (EPI_TYPE_TASK_ROW, NULL));

  /* With one worker the second task waits behind the first. */
  epi_batch_add (batch, 0, first, NULL);
  epi_task_item_queue (item, epi_batch_add (batch, 0, second, NULL), NULL);
  g_assert_nonnull (epi_task_item_get_batch_task (item));
  epi_task_row_set_item (EPI_TASK_ROW (row), item);
  g_signal_connect (item, "notify::state", G_CALLBACK (on_item_state), loop);

  g_assert_true (gtk_widget_activate_action (row, "task.cancel", NULL));
  g_main_loop_run (loop);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_CANCELLED);
  g_assert_cmpint (epi_batch_task_get_state (epi_task_item_get_batch_task (item)), ==, EPI_TASK_CANCELLED);

  g_assert_finalize_object (batch);
  g_object_unref (row);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
  g_unlink (output);
  test_tmpdir_remove (dir);
}

/* A sealed picture's row says where it went and how big the drawing is
 * in words; the figure K stays in the tooltip. */
static void
test_sealed_detail_in_words (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *input = test_sample_path ("camera.png");
  g_autofree char *output = g_build_filename (dir, "camera (2).png.epicrypt", NULL);
  g_autoptr(GFile) output_file = g_file_new_for_path (output);
  g_autoptr(EpiSecret) secret = epi_secret_new ("item-password", strlen ("item-password"), NULL);
  g_autoptr(EpiTask) task = epi_task_new_encrypt (input, output, NULL, EPI_KDF_MINIMAL, secret);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *circles = NULL;
  g_autofree char *figure = NULL;
  EpiBatch *batch = epi_batch_new (1);
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  const EpiSpectrum *spectrum;

  task->keep_spectrum = TRUE;
  epi_task_item_queue (item, epi_batch_add (batch, 0, task, NULL), output_file);
  g_signal_connect (item, "notify::state", G_CALLBACK (on_item_state), loop);
  g_main_loop_run (loop);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_DONE);

  spectrum = epi_task_item_get_spectrum (item);
  g_assert_nonnull (spectrum);
  /* Circles, as the viewer counts them: the mean position turns none. */
  circles = g_strdup_printf ("%u circles · ", epi_spectrum_count_circles (spectrum));
  figure = g_strdup_printf ("K = %u ", spectrum->n_terms);
  g_assert_true (g_str_has_prefix (epi_task_item_get_detail (item), "Sealed as camera (2).png.epicrypt\n"));
  g_assert_nonnull (strstr (epi_task_item_get_detail (item), circles));
  g_assert_null (strstr (epi_task_item_get_detail (item), "K ="));
  g_assert_null (strstr (epi_task_item_get_detail (item), dir));
  g_assert_true (g_str_has_prefix (epi_task_item_get_tooltip (item), figure));

  /* Going back to waiting forgets the figures. */
  epi_task_item_requeue (item);
  g_assert_null (epi_task_item_get_detail (item));
  g_assert_null (epi_task_item_get_tooltip (item));

  g_assert_finalize_object (batch);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
  g_unlink (output);
  test_tmpdir_remove (dir);
}

/* Whether a widget under @widget, the widget itself included, has the
 * style class @name and is drawn. */
static gboolean
has_drawn_class (GtkWidget  *widget,
                 const char *name)
{
  if (gtk_widget_get_visible (widget) && gtk_widget_has_css_class (widget, name))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_drawn_class (child, name))
      return TRUE;
  return FALSE;
}

/* A failure's reason stands below the file's name without the path the
 * core put before it, and the row takes the error style; a message about
 * the sealed file names it by its name. */
static void
test_failed_reason (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  GtkWidget *row = g_object_ref_sink (epi_task_row_new ());
  g_autoptr(GFile) output = g_file_new_for_path ("/elsewhere/out/picture.png.epicrypt");

  epi_task_row_set_item (EPI_TASK_ROW (row), item);
  g_assert_false (has_drawn_class (row, "error"));

  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "/nowhere/picture.png: not a PNG, JPEG or GIF picture");
  g_assert_cmpstr (epi_task_item_get_detail (item), ==, "not a PNG, JPEG or GIF picture");
  g_assert_true (has_drawn_class (row, "error"));

  epi_task_item_set_failed (item, EPI_ITEM_CANCELLED, NULL);
  g_assert_false (has_drawn_class (row, "error"));

  epi_task_item_queue (item, NULL, output);
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "/elsewhere/out/picture.png.epicrypt: Permission denied");
  g_assert_cmpstr (epi_task_item_get_detail (item), ==, "picture.png.epicrypt: Permission denied");

  /* A message about something else is left whole. */
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "/nowhere/picture.pngx: odd");
  g_assert_cmpstr (epi_task_item_get_detail (item), ==, "/nowhere/picture.pngx: odd");

  epi_task_row_set_item (EPI_TASK_ROW (row), NULL);
  g_assert_finalize_object (row);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
}

/* The row's button that runs @action. */
static GtkWidget *
action_button (GtkWidget  *widget,
               const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @widget is a label reading @data. */
static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* A name shortened to fit the row is whole in its tooltip. */
static void
test_name_in_tooltip (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  GtkWidget *row = g_object_ref_sink (epi_task_row_new ());
  GtkWidget *name;

  epi_task_row_set_item (EPI_TASK_ROW (row), item);
  name = find_first (row, is_label_reading, "picture.png");
  g_assert_nonnull (name);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (name)), !=, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (name), ==, "picture.png");

  epi_task_row_set_item (EPI_TASK_ROW (row), NULL);
  g_assert_finalize_object (row);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
}

/* Cancel and Remove never share a place or a look: Cancel sits beside
 * the progress bar while the task runs; Remove, another icon, holds the
 * row's end and works only once the task is finished. */
static void
test_cancel_and_remove_apart (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  GtkWidget *row = g_object_ref_sink (epi_task_row_new ());
  GtkWidget *cancel, *remove;

  epi_task_row_set_item (EPI_TASK_ROW (row), item);
  cancel = action_button (row, "task.cancel");
  remove = action_button (row, "task.remove");
  g_assert_nonnull (cancel);
  g_assert_nonnull (remove);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (cancel)), !=, gtk_button_get_icon_name (GTK_BUTTON (remove)));
  g_assert_true (gtk_widget_get_parent (cancel) != gtk_widget_get_parent (remove));

  epi_task_item_queue (item, NULL, NULL);
  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_TRACE, 0.5);
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_get_visible (remove));
  g_assert_false (gtk_widget_get_sensitive (remove));

  epi_task_item_set_failed (item, EPI_ITEM_CANCELLED, NULL);
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_get_visible (remove));
  g_assert_true (gtk_widget_get_sensitive (remove));

  epi_task_row_set_item (EPI_TASK_ROW (row), NULL);
  g_assert_finalize_object (row);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
}

/* How often a row's signal came, and from which row last. */
typedef struct
{
  EpiTaskRow *row;
  guint       count;
} Emissions;

static void
on_row_signal (EpiTaskRow *row,
               Emissions  *emissions)
{
  emissions->row = row;
  emissions->count++;
}

/* Retry and Remove need the window: the row's task.retry and task.remove
 * each emit its signal once, with the row, and only while it has an
 * item. Show with no sealed file yet does nothing. */
static void
test_row_actions (void)
{
  TestNotes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);
  GtkWidget *row = g_object_ref_sink (epi_task_row_new ());
  Emissions retried = { NULL, 0 };
  Emissions removed = { NULL, 0 };

  g_signal_connect (row, "retry", G_CALLBACK (on_row_signal), &retried);
  g_signal_connect (row, "remove", G_CALLBACK (on_row_signal), &removed);

  /* Unbound, there is nothing to act on. */
  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_true (gtk_widget_activate_action (row, "task.remove", NULL));
  g_assert_cmpuint (retried.count, ==, 0);
  g_assert_cmpuint (removed.count, ==, 0);

  epi_task_row_set_item (EPI_TASK_ROW (row), item);
  g_assert_true (gtk_widget_activate_action (row, "task.remove", NULL));
  g_assert_cmpuint (removed.count, ==, 1);
  g_assert_true (removed.row == EPI_TASK_ROW (row));
  g_assert_cmpuint (retried.count, ==, 0);

  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_cmpuint (retried.count, ==, 1);
  g_assert_true (retried.row == EPI_TASK_ROW (row));
  g_assert_cmpuint (removed.count, ==, 1);

  g_assert_null (epi_task_item_get_output (item));
  g_assert_true (gtk_widget_activate_action (row, "task.show", NULL));

  epi_task_row_set_item (EPI_TASK_ROW (row), NULL);
  g_assert_finalize_object (row);
  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/TaskItem/progress-and-state", test_progress_and_state);
  g_test_add_func ("/Epi/TaskItem/opened-drawing", test_opened_drawing);
  g_test_add_func ("/Epi/TaskItem/follows-batch-task", test_follows_batch_task);
  g_test_add_func ("/Epi/TaskItem/row-actions", test_row_actions);
  g_test_add_func ("/Epi/TaskItem/sealed-detail-in-words", test_sealed_detail_in_words);
  g_test_add_func ("/Epi/TaskItem/failed-reason", test_failed_reason);
  g_test_add_func ("/Epi/TaskItem/name-in-tooltip", test_name_in_tooltip);
  g_test_add_func ("/Epi/TaskItem/cancel-and-remove-apart", test_cancel_and_remove_apart);

  return g_test_run ();
}
