/* test-task-item.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row model alone, without a window: what each change notifies, and
 * that an item goes away with its last reference.
 */

#include "config.h"

#include <string.h>
#include <sys/prctl.h>

#include "epi-task-item.h"
#include "epi-test-util.h"

typedef struct
{
  GHashTable *counts;  /* property name → notifications */
} Notes;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notes      *notes)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, pspec->name));

  g_hash_table_insert (notes->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (Notes      *notes,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, name));
}

static EpiTaskItem *
new_item (EpiItemKind  kind,
          Notes       *notes)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/picture.png");
  EpiTaskItem *item = epi_task_item_new (file, kind);

  notes->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (item, "notify", G_CALLBACK (on_notify), notes);
  return item;
}

/* Progress within a stage notifies the fraction, not the state, and only
 * when it moves; a change of state notifies each derived property once. */
static void
test_progress_and_state (void)
{
  Notes notes;
  EpiTaskItem *item = new_item (EPI_ITEM_IMAGE, &notes);

  epi_task_item_queue (item, NULL, NULL);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_QUEUED);
  g_assert_cmpuint (count (&notes, "state"), ==, 1);
  g_assert_cmpuint (count (&notes, "can-cancel"), ==, 1);
  g_hash_table_remove_all (notes.counts);

  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.25);
  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.5);
  epi_task_item_update (item, EPI_TASK_RUNNING, EPI_STAGE_EDGES, 0.5);
  g_assert_cmpuint (count (&notes, "state"), ==, 1);
  g_assert_cmpuint (count (&notes, "progress"), ==, 2);
  g_assert_cmpuint (count (&notes, "status"), ==, 1);
  g_assert_cmpfloat (epi_task_item_get_progress (item), >, 0);
  g_assert_cmpfloat (epi_task_item_get_progress (item), <, 1);

  g_hash_table_remove_all (notes.counts);
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "picture.png: not a picture");
  g_assert_cmpuint (count (&notes, "state"), ==, 1);
  g_assert_cmpuint (count (&notes, "has-error"), ==, 1);
  g_assert_cmpuint (count (&notes, "can-retry"), ==, 1);
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
  Notes notes;
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
  g_assert_cmpuint (count (&notes, "name"), ==, 1);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_DONE);
  g_assert_cmpfloat (epi_task_item_get_progress (item), ==, 1);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (item);
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/TaskItem/progress-and-state", test_progress_and_state);
  g_test_add_func ("/Epi/TaskItem/opened-drawing", test_opened_drawing);

  return g_test_run ();
}
