/* test-batch.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The batch orchestrator with real files on real threads: every task ends
 * as exactly one result, progress only ever reaches the main thread, and
 * cancel, retry and freeing leave no partial output behind.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define PASSWORD "batch-password"

static GThread *main_thread;

/* Writes @n small PNG pictures of random shapes into @dir. */
static GPtrArray *
make_pictures (const char *dir,
               guint       n,
               guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      int w = g_rand_int_range (rand, 60, 160);
      int h = g_rand_int_range (rand, 60, 160);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      cairo_t *cr = cairo_create (surface);
      char *path = g_strdup_printf ("%s/picture-%03u.png", dir, i);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 3);
      for (int s = 0; s < 3; s++)
        {
          double x = g_rand_double_range (rand, 10, w - 10);
          double y = g_rand_double_range (rand, 10, h - 10);

          if (g_rand_boolean (rand))
            cairo_arc (cr, x, y, g_rand_double_range (rand, 5, 25), 0, 2 * G_PI);
          else
            cairo_rectangle (cr, x - 10, y - 8, g_rand_double_range (rand, 8, 30), 16);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      g_ptr_array_add (paths, path);
    }

  return paths;
}

static EpiSecret *
new_secret (const char *password)
{
  g_autoptr(GError) error = NULL;
  EpiSecret *secret = epi_secret_new (password, strlen (password), &error);

  g_assert_no_error (error);
  return secret;
}

static EpiTask *
encrypt_task (const char *input,
              const char *out_dir,
              EpiSecret  *secret)
{
  g_autofree char *base = g_path_get_basename (input);
  g_autofree char *output = g_strdup_printf ("%s/%s.epicrypt", out_dir, base);

  /* The least costs libsodium allows keep the tests quick; the key is
   * derived exactly as with the real ones. */
  return epi_task_new_encrypt (input, output, NULL, EPI_KDF_MINIMAL, secret);
}

/* What the tasks and the batch said, as seen from the main thread. */
typedef struct
{
  GHashTable *fractions;     /* id → GArray of overall fractions */
  GHashTable *finished;      /* id → times task-finished came */
  GHashTable *states;        /* id → last state */
  guint       n_finished;    /* times "finished" came */
  gboolean    off_main;      /* a signal arrived on another thread */
  gboolean    backwards;     /* some progress went backwards */
  guint       cancel_after;  /* cancel the batch after this many results */
  guint       n_results;
  GMainLoop  *loop;
  EpiBatch   *batch;         /* unowned */
} Watch;

static void
watch_init (Watch *w)
{
  memset (w, 0, sizeof *w);
  w->fractions = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  w->finished = g_hash_table_new (NULL, NULL);
  w->states = g_hash_table_new (NULL, NULL);
  w->loop = g_main_loop_new (NULL, FALSE);
}

static void
watch_clear (Watch *w)
{
  g_hash_table_unref (w->fractions);
  g_hash_table_unref (w->finished);
  g_hash_table_unref (w->states);
  g_main_loop_unref (w->loop);
}

/* Any change of a task's state, stage or fraction, read from the task. */
static void
on_task_changed (EpiBatchTask *task,
                 GParamSpec   *pspec,
                 Watch        *w)
{
  guint id = epi_batch_task_get_id (task);
  EpiTaskState state = epi_batch_task_get_state (task);
  GArray *seen = g_hash_table_lookup (w->fractions, GUINT_TO_POINTER (id));
  double overall;

  if (g_thread_self () != main_thread)
    w->off_main = TRUE;

  if (!g_str_equal (pspec->name, "state") && !g_str_equal (pspec->name, "stage") &&
      !g_str_equal (pspec->name, "fraction"))
    return;

  overall = epi_task_state_is_finished (state) ? 1.0
            : epi_task_overall_fraction (EPI_TASK_ENCRYPT, epi_batch_task_get_stage (task),
                                         epi_batch_task_get_fraction (task));
  if (seen == NULL)
    {
      seen = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (w->fractions, GUINT_TO_POINTER (id), seen);
    }
  if (seen->len > 0 && overall < g_array_index (seen, double, seen->len - 1))
    w->backwards = TRUE;
  g_array_append_val (seen, overall);
  g_hash_table_insert (w->states, GUINT_TO_POINTER (id), GINT_TO_POINTER (state));

  /* Each run's end is one change of state to a finished one. */
  if (g_str_equal (pspec->name, "state") && epi_task_state_is_finished (state))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (w->finished, GUINT_TO_POINTER (id)));

      g_hash_table_insert (w->finished, GUINT_TO_POINTER (id), GUINT_TO_POINTER (n + 1));
      if (++w->n_results == w->cancel_after)
        epi_batch_cancel (w->batch);
    }
}

static void
on_finished (EpiBatch *batch,
             Watch    *w)
{
  if (g_thread_self () != main_thread)
    w->off_main = TRUE;
  w->n_finished++;
  g_main_loop_quit (w->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the batch did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
watch_batch (Watch    *w,
             EpiBatch *batch)
{
  w->batch = batch;
  g_signal_connect (batch, "finished", G_CALLBACK (on_finished), w);
}

/* Adds @task to @batch and watches the task object it returns. */
static EpiBatchTask *
watch_add (Watch         *w,
           EpiBatch      *batch,
           guint          id,
           const EpiTask *task)
{
  EpiBatchTask *added = epi_batch_add (batch, id, task, NULL);

  g_signal_connect (added, "notify", G_CALLBACK (on_task_changed), w);
  return added;
}

static void
run_until_finished (Watch *w)
{
  guint timeout = g_timeout_add_seconds (120, on_timeout, NULL);

  g_main_loop_run (w->loop);
  g_source_remove (timeout);
}

/* No hidden temporary file is left in @dir, and every sealed file in it
 * opens with @password. Returns how many sealed files there are. */
static guint
assert_outputs_whole (const char *dir,
                      const char *password)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(EpiSecret) secret = new_secret (password);
  g_autoptr(EpiKeyring) ring = NULL;
  const char *name;
  guint n = 0;

  ring = epi_keyring_new (secret, EPI_KDF_MINIMAL);

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;

      g_assert_false (g_str_has_suffix (name, "-part"));
      if (!g_str_has_suffix (name, ".epicrypt"))
        continue;

      spectrum = epi_pipeline_open (path, ring, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (spectrum->n_terms, >, 0);
      n++;
    }

  return n;
}

static void
run_many (guint workers)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 50, 1000 + workers);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  EpiBatch *batch = epi_batch_new (workers);
  g_autoptr(GPtrArray) results = NULL;
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  g_assert_cmpuint (epi_batch_get_workers (batch), ==, workers);

  for (guint i = 0; i < pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secret);

      /* Half the tasks keep the sealed terms for a viewer. */
      task->keep_spectrum = i % 2 == 0;
      g_assert_cmpuint (epi_batch_task_get_id (watch_add (&w, batch, 0, task)), ==, i + 1);
    }

  run_until_finished (&w);

  g_assert_false (w.off_main);
  g_assert_false (w.backwards);
  g_assert_cmpuint (w.n_finished, ==, 1);
  g_assert_cmpuint (epi_batch_get_n_unfinished (batch), ==, 0);
  g_assert_cmpuint (epi_batch_get_n_key_derivations (batch), ==, 1);

  results = epi_batch_list_results (batch);
  g_assert_cmpuint (results->len, ==, 50);
  for (guint i = 0; i < results->len; i++)
    {
      EpiTaskResult *r = g_ptr_array_index (results, i);
      GArray *seen = g_hash_table_lookup (w.fractions, GUINT_TO_POINTER (r->id));

      g_assert_cmpuint (r->id, ==, i + 1);
      g_assert_cmpint (r->state, ==, EPI_TASK_DONE);
      g_assert_no_error (r->error);
      g_assert_cmpuint (r->figures.n_terms, >, 0);
      if (i % 2 == 0)
        {
          g_assert_nonnull (r->spectrum);
          g_assert_cmpuint (r->spectrum->n_terms, ==, r->figures.n_terms);
        }
      else
        g_assert_null (r->spectrum);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (w.finished, GUINT_TO_POINTER (r->id))), ==, 1);
      /* Progress ends on the terminal state. */
      g_assert_nonnull (seen);
      g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (w.states, GUINT_TO_POINTER (r->id))), ==, EPI_TASK_DONE);
    }

  g_assert_cmpuint (assert_outputs_whole (out_dir, PASSWORD), ==, 50);

  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

static void
test_many_tasks_one_worker (void)
{
  run_many (1);
}

static void
test_many_tasks_two_workers (void)
{
  run_many (2);
}

static void
test_many_tasks_eight_workers (void)
{
  run_many (8);
}

static void
test_bad_files_fail_alone (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 4, 7);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  g_autofree char *missing = g_build_filename (in_dir, "missing.png", NULL);
  g_autofree char *corrupt = g_build_filename (in_dir, "corrupt.png", NULL);
  g_autofree char *flat = test_sample_path ("gnome-vnc-l.webp");
  const char *bad[] = { missing, corrupt, flat };
  const char *reasons[] = { "No such file", "not a PNG, JPEG", "no lines" };
  EpiBatch *batch = epi_batch_new (2);
  Watch w;

  test_write_file (corrupt, "\x89PNG but not really", 19);
  watch_init (&w);
  watch_batch (&w, batch);

  /* Good and bad interleaved. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(EpiTask) good = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secret);

      watch_add (&w, batch, 100 + i, good);
      if (i < G_N_ELEMENTS (bad))
        {
          g_autoptr(EpiTask) task = encrypt_task (bad[i], out_dir, secret);

          watch_add (&w, batch, 200 + i, task);
        }
    }

  run_until_finished (&w);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(EpiTaskResult) r = epi_batch_get_result (batch, 100 + i);

      g_assert_cmpint (r->state, ==, EPI_TASK_DONE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(EpiTaskResult) r = epi_batch_get_result (batch, 200 + i);

      g_assert_cmpint (r->state, ==, EPI_TASK_FAILED);
      g_assert_nonnull (r->error);
      g_assert_true (g_str_has_prefix (r->error->message, bad[i]));
      g_assert_nonnull (strstr (r->error->message, reasons[i]));
    }

  g_assert_cmpuint (assert_outputs_whole (out_dir, PASSWORD), ==, 4);
  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

/* Derivation is counted by the batch, not guessed from timing. */
static void
test_one_derivation_per_password (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 12, 11);
  g_autoptr(EpiSecret) first = new_secret ("first");
  g_autoptr(EpiSecret) first_again = new_secret ("first");
  g_autoptr(EpiSecret) second = new_secret ("second");
  EpiSecret *secrets[] = { first, first_again, second };
  EpiBatch *batch = epi_batch_new (4);
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  for (guint i = 0; i < pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secrets[i % 3]);

      watch_add (&w, batch, 0, task);
    }
  run_until_finished (&w);

  /* "first" typed twice is still one password. */
  g_assert_cmpuint (epi_batch_get_n_key_derivations (batch), ==, 2);

  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

static void
test_cancel_mid_batch (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 40, 21);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  g_autoptr(GPtrArray) results = NULL;
  EpiBatch *batch = epi_batch_new (2);
  guint done = 0, cancelled = 0;
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  w.cancel_after = 3;
  for (guint i = 0; i < pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secret);

      watch_add (&w, batch, 0, task);
    }
  run_until_finished (&w);

  results = epi_batch_list_results (batch);
  for (guint i = 0; i < results->len; i++)
    {
      EpiTaskResult *r = g_ptr_array_index (results, i);

      g_assert_true (epi_task_state_is_finished (r->state));
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (w.finished, GUINT_TO_POINTER (r->id))), ==, 1);
      if (r->state == EPI_TASK_CANCELLED)
        {
          g_assert_error (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_false (g_file_test (r->output, G_FILE_TEST_EXISTS));
          cancelled++;
        }
      else
        {
          g_assert_cmpint (r->state, ==, EPI_TASK_DONE);
          done++;
        }
    }

  g_test_message ("%u done, %u cancelled", done, cancelled);
  g_assert_cmpuint (done + cancelled, ==, 40);
  g_assert_cmpuint (cancelled, >=, 30);
  g_assert_cmpuint (assert_outputs_whole (out_dir, PASSWORD), ==, done);
  g_assert_cmpuint (w.n_finished, ==, 1);

  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

static void
test_cancel_one_task (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 6, 31);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  EpiBatch *batch = epi_batch_new (1);
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  for (guint i = 0; i < pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secret);

      watch_add (&w, batch, 0, task);
    }

  /* With one worker the last is still queued: it ends at once. */
  g_assert_true (epi_batch_cancel_task (batch, 6));
  g_assert_false (epi_batch_cancel_task (batch, 99));
  run_until_finished (&w);

  for (guint id = 1; id <= 6; id++)
    {
      g_autoptr(EpiTaskResult) r = epi_batch_get_result (batch, id);

      g_assert_cmpint (r->state, ==, id == 6 ? EPI_TASK_CANCELLED : EPI_TASK_DONE);
    }
  g_assert_false (epi_batch_cancel_task (batch, 1));
  g_assert_cmpuint (assert_outputs_whole (out_dir, PASSWORD), ==, 5);

  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

static void
test_retry (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 2, 41);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  g_autoptr(EpiSecret) wrong = new_secret ("wrong");
  g_autofree char *late = g_build_filename (in_dir, "late.png", NULL);
  g_autofree char *sealed = g_build_filename (out_dir, "picture-000.png.epicrypt", NULL);
  g_autofree char *still = g_build_filename (out_dir, "picture-000.png.drawing.png", NULL);
  g_autoptr(EpiTask) missing = encrypt_task (late, out_dir, secret);
  g_autoptr(EpiTask) good = encrypt_task (g_ptr_array_index (pictures, 0), out_dir, secret);
  g_autoptr(EpiTask) open_wrong = epi_task_new_decrypt (sealed, still, 64, FALSE, EPI_KDF_SENSITIVE, wrong);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiTaskResult) r = NULL;
  EpiBatch *batch = epi_batch_new (2);
  guint id_missing, id_open;
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  id_missing = epi_batch_task_get_id (watch_add (&w, batch, 0, missing));
  watch_add (&w, batch, 0, good);
  run_until_finished (&w);

  r = epi_batch_get_result (batch, id_missing);
  g_assert_cmpint (r->state, ==, EPI_TASK_FAILED);
  g_clear_pointer (&r, epi_task_result_free);

  /* Done tasks are not run again. */
  g_assert_false (epi_batch_retry (batch, 2, NULL, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The file turns up; the same task is run again. */
  {
    g_autoptr(GFile) from = g_file_new_for_path (g_ptr_array_index (pictures, 1));
    g_autoptr(GFile) to = g_file_new_for_path (late);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  }
  g_assert_cmpuint (epi_batch_retry_failed (batch), ==, 1);
  run_until_finished (&w);
  r = epi_batch_get_result (batch, id_missing);
  g_assert_cmpint (r->state, ==, EPI_TASK_DONE);
  g_clear_pointer (&r, epi_task_result_free);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (w.finished, GUINT_TO_POINTER (id_missing))), ==, 2);

  /* Opening with the wrong password fails; retried with the right one.
   * The files are of the test strength, which only a ring made for it
   * opens. */
  open_wrong->strength = EPI_KDF_MINIMAL;
  id_open = epi_batch_task_get_id (watch_add (&w, batch, 0, open_wrong));
  run_until_finished (&w);
  r = epi_batch_get_result (batch, id_open);
  g_assert_cmpint (r->state, ==, EPI_TASK_FAILED);
  g_assert_error (r->error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD);
  g_clear_pointer (&r, epi_task_result_free);

  g_assert_true (epi_batch_retry (batch, id_open, secret, &error));
  g_assert_no_error (error);
  run_until_finished (&w);
  r = epi_batch_get_result (batch, id_open);
  g_assert_cmpint (r->state, ==, EPI_TASK_DONE);
  /* Named after the picture kept inside, in the folder asked for. */
  g_assert_cmpstr (r->output, ==, still);
  g_assert_true (g_file_test (still, G_FILE_TEST_IS_REGULAR));

  /* Finished tasks can be forgotten. */
  g_assert_cmpuint (epi_batch_clear_finished (batch), ==, 3);
  g_assert_null (epi_batch_get_result (batch, id_open));

  g_assert_finalize_object (batch);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

static void
test_ids (void)
{
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  g_autoptr(EpiTask) task = encrypt_task ("/nonexistent/a.png", "/nonexistent", secret);
  g_autoptr(GError) error = NULL;
  EpiBatch *batch = epi_batch_new (1);
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  g_assert_cmpuint (epi_batch_task_get_id (watch_add (&w, batch, 7, task)), ==, 7);
  g_assert_null (epi_batch_add (batch, 7, task, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (epi_batch_task_get_id (watch_add (&w, batch, 0, task)), ==, 1);
  run_until_finished (&w);
  g_assert_cmpuint (w.n_finished, ==, 1);

  g_assert_finalize_object (batch);
  watch_clear (&w);
}

/* What a task object said, as seen from the main thread. */
typedef struct
{
  GArray   *states;    /* EpiTaskState at each notify::state */
  guint     n_fraction;
  guint     n_spectrum;
  gboolean  off_main;
} TaskWatch;

static void
on_task_notify (EpiBatchTask *task,
                GParamSpec   *pspec,
                TaskWatch    *tw)
{
  if (g_thread_self () != main_thread)
    tw->off_main = TRUE;

  if (g_str_equal (pspec->name, "state"))
    {
      EpiTaskState state;

      g_object_get (task, "state", &state, NULL);
      g_array_append_val (tw->states, state);
    }
  else if (g_str_equal (pspec->name, "fraction"))
    tw->n_fraction++;
  else if (g_str_equal (pspec->name, "spectrum"))
    tw->n_spectrum++;
}

/* The batch hands out the task itself: its properties change on the main
 * thread only, on a real change, and it outlives the batch. */
static void
test_task_object (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 1, 61);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  g_autoptr(EpiTask) request = encrypt_task (g_ptr_array_index (pictures, 0), out_dir, secret);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  EpiBatch *batch = epi_batch_new (1);
  TaskWatch tw = { g_array_new (FALSE, FALSE, sizeof (EpiTaskState)), 0, 0, FALSE };
  EpiBatchTask *task;
  EpiEncodeResult figures;
  Watch w;

  watch_init (&w);
  watch_batch (&w, batch);
  request->keep_spectrum = TRUE;
  task = g_object_ref (epi_batch_add (batch, 0, request, NULL));
  g_assert_true (epi_batch_lookup (batch, epi_batch_task_get_id (task)) == task);
  g_assert_cmpint (epi_batch_task_get_kind (task), ==, EPI_TASK_ENCRYPT);
  g_signal_connect (task, "notify", G_CALLBACK (on_task_notify), &tw);
  run_until_finished (&w);

  g_assert_false (tw.off_main);
  g_assert_cmpuint (tw.states->len, >=, 1);
  g_assert_cmpint (g_array_index (tw.states, EpiTaskState, tw.states->len - 1), ==, EPI_TASK_DONE);
  g_assert_cmpuint (tw.n_fraction, >, 0);
  g_assert_cmpuint (tw.n_spectrum, ==, 1);

  g_object_get (task, "input", &input, "spectrum", &spectrum, "error", &error, NULL);
  g_assert_cmpstr (input, ==, request->input);
  g_assert_no_error (error);
  epi_batch_task_get_figures (task, &figures);
  g_assert_nonnull (spectrum);
  g_assert_cmpuint (spectrum->n_terms, ==, figures.n_terms);

  g_assert_finalize_object (batch);
  g_assert_cmpint (epi_batch_task_get_state (task), ==, EPI_TASK_DONE);
  g_assert_finalize_object (task);
  g_array_unref (tw.states);
  watch_clear (&w);
  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

/* Dropping the batch while workers run cancels, waits for them and leaves
 * no partial file. */
static void
test_free_while_running (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 30, 51);
  g_autoptr(EpiSecret) secret = new_secret (PASSWORD);
  EpiBatch *batch = epi_batch_new (2);

  for (guint i = 0; i < pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (pictures, i), out_dir, secret);

      epi_batch_add (batch, 0, task, NULL);
    }
  g_usleep (20 * 1000);

  g_assert_finalize_object (batch);
  assert_outputs_whole (out_dir, PASSWORD);

  /* Nothing is left to run on the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  test_tmpdir_remove (in_dir);
  test_tmpdir_remove (out_dir);
}

/* The batch's signals carry the task's state and stage as their enum
 * types, and each value's nick is the name the core gives it. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) states = g_type_class_ref (EPI_TYPE_TASK_STATE);
  g_autoptr(GEnumClass) stages = g_type_class_ref (EPI_TYPE_STAGE);
  g_autoptr(GTypeClass) batch_class = g_type_class_ref (EPI_TYPE_BATCH);
  GSignalQuery query;

  g_signal_query (g_signal_lookup ("task-progress", EPI_TYPE_BATCH), &query);
  g_assert_cmpuint (query.n_params, ==, 4);
  g_assert_true (query.param_types[1] == EPI_TYPE_TASK_STATE);
  g_assert_true (query.param_types[2] == EPI_TYPE_STAGE);
  g_signal_query (g_signal_lookup ("task-finished", EPI_TYPE_BATCH), &query);
  g_assert_cmpuint (query.n_params, ==, 2);
  g_assert_true (query.param_types[1] == EPI_TYPE_TASK_STATE);

  g_assert_cmpuint (stages->n_values, ==, EPI_N_STAGES);
  for (EpiStage stage = 0; stage < EPI_N_STAGES; stage++)
    g_assert_cmpstr (g_enum_get_value (stages, stage)->value_nick, ==, epi_stage_get_name (stage));
  for (EpiTaskState state = EPI_TASK_QUEUED; state <= EPI_TASK_CANCELLED; state++)
    g_assert_cmpstr (g_enum_get_value (states, state)->value_nick, ==, epi_task_state_get_name (state));
}

/* GLib, GIO and gdk-pixbuf set themselves up on first use (type classes,
 * the shared-mime cache, the loaders) under locks ThreadSanitizer cannot
 * see. Doing that once here, on one thread, keeps its reports about our
 * own code whichever test runs first. */
static void
warm_up_libraries (void)
{
  g_autofree char *in_dir = test_tmpdir_new ();
  g_autoptr(GPtrArray) pictures = make_pictures (in_dir, 1, 1);
  g_autoptr(EpiSpectrum) spectrum = epi_pipeline_analyze (g_ptr_array_index (pictures, 0), NULL,
                                                          NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_assert_nonnull (spectrum);
  g_assert_nonnull (cancellable);
  g_assert_nonnull (idle);
  test_tmpdir_remove (in_dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  warm_up_libraries ();

  g_test_add_func ("/Epi/Batch/many-tasks-one-worker", test_many_tasks_one_worker);
  g_test_add_func ("/Epi/Batch/many-tasks-two-workers", test_many_tasks_two_workers);
  g_test_add_func ("/Epi/Batch/many-tasks-eight-workers", test_many_tasks_eight_workers);
  g_test_add_func ("/Epi/Batch/bad-files-fail-alone", test_bad_files_fail_alone);
  g_test_add_func ("/Epi/Batch/one-derivation-per-password", test_one_derivation_per_password);
  g_test_add_func ("/Epi/Batch/cancel-mid-batch", test_cancel_mid_batch);
  g_test_add_func ("/Epi/Batch/cancel-one-task", test_cancel_one_task);
  g_test_add_func ("/Epi/Batch/retry", test_retry);
  g_test_add_func ("/Epi/Batch/ids", test_ids);
  g_test_add_func ("/Epi/Batch/task-object", test_task_object);
  g_test_add_func ("/Epi/Batch/enum-types", test_enum_types);
  g_test_add_func ("/Epi/Batch/free-while-running", test_free_while_running);

  return g_test_run ();
}
