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

/* One batch over @n_pictures fresh pictures, watched from the main
 * thread: what its tasks and the batch said. */
typedef struct
{
  guint       n_pictures;
  guint32     seed;
  guint       workers;
} BatchSetup;

typedef struct
{
  char       *in_dir;
  char       *out_dir;
  GPtrArray  *pictures;      /* paths */
  EpiSecret  *secret;        /* PASSWORD */
  EpiBatch   *batch;
  GPtrArray  *tasks;         /* EpiBatchTask, in the order added */

  GHashTable *fractions;     /* id → GArray of overall fractions */
  GHashTable *finished;      /* id → times its state became a finished one */
  GHashTable *states;        /* id → last state */
  guint       n_finished;    /* times "finished" came */
  gboolean    off_main;      /* a signal arrived on another thread */
  gboolean    backwards;     /* some progress went backwards */
  guint       cancel_after;  /* cancel the batch after this many results */
  guint       n_results;
  GMainLoop  *loop;
} BatchFixture;

/* How often task @id's state has become a finished one. */
static guint
times_finished (BatchFixture *f,
                guint         id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->finished, GUINT_TO_POINTER (id)));
}

static void
on_finished (EpiBatch     *batch,
             BatchFixture *f)
{
  if (g_thread_self () != main_thread)
    f->off_main = TRUE;
  f->n_finished++;
  g_main_loop_quit (f->loop);
}

static void
batch_fixture_set_up (BatchFixture  *f,
                      gconstpointer  data)
{
  const BatchSetup *setup = data;

  f->in_dir = test_tmpdir_new ();
  f->out_dir = test_tmpdir_new ();
  f->pictures = make_pictures (f->in_dir, setup->n_pictures, setup->seed);
  f->secret = new_secret (PASSWORD);
  f->batch = epi_batch_new (setup->workers);
  f->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  f->fractions = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  f->finished = g_hash_table_new (NULL, NULL);
  f->states = g_hash_table_new (NULL, NULL);
  f->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (f->batch, "finished", G_CALLBACK (on_finished), f);
}

/* The tasks outlive the batch; the batch itself must go with its last
 * reference. */
static void
batch_fixture_tear_down (BatchFixture  *f,
                         gconstpointer  data)
{
  g_ptr_array_unref (f->tasks);
  if (f->batch != NULL)
    g_assert_finalize_object (f->batch);
  g_hash_table_unref (f->fractions);
  g_hash_table_unref (f->finished);
  g_hash_table_unref (f->states);
  g_main_loop_unref (f->loop);
  g_ptr_array_unref (f->pictures);
  epi_secret_unref (f->secret);
  test_tmpdir_remove (f->in_dir);
  test_tmpdir_remove (f->out_dir);
  g_free (f->in_dir);
  g_free (f->out_dir);
}

/* Any change of a task's state, stage or fraction, read from the task. */
static void
on_task_changed (EpiBatchTask *task,
                 GParamSpec   *pspec,
                 BatchFixture *f)
{
  guint id = epi_batch_task_get_id (task);
  EpiTaskState state = epi_batch_task_get_state (task);
  GArray *seen = g_hash_table_lookup (f->fractions, GUINT_TO_POINTER (id));
  double overall;

  if (g_thread_self () != main_thread)
    f->off_main = TRUE;

  if (!g_str_equal (pspec->name, "state") && !g_str_equal (pspec->name, "stage") &&
      !g_str_equal (pspec->name, "fraction"))
    return;

  overall = epi_task_state_is_finished (state) ? 1.0
            : epi_task_overall_fraction (EPI_TASK_ENCRYPT, epi_batch_task_get_stage (task),
                                         epi_batch_task_get_fraction (task));
  if (seen == NULL)
    {
      seen = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (f->fractions, GUINT_TO_POINTER (id), seen);
    }
  if (seen->len > 0 && overall < g_array_index (seen, double, seen->len - 1))
    f->backwards = TRUE;
  g_array_append_val (seen, overall);
  g_hash_table_insert (f->states, GUINT_TO_POINTER (id), GINT_TO_POINTER (state));

  /* Each run's end is one change of state to a finished one. */
  if (g_str_equal (pspec->name, "state") && epi_task_state_is_finished (state))
    {
      g_hash_table_insert (f->finished, GUINT_TO_POINTER (id),
                           GUINT_TO_POINTER (times_finished (f, id) + 1));
      if (++f->n_results == f->cancel_after)
        epi_batch_cancel (f->batch);
    }
}

/* Adds @task to the batch and watches the task object it returns. */
static EpiBatchTask *
watch_add (BatchFixture  *f,
           guint          id,
           const EpiTask *task)
{
  EpiBatchTask *added = epi_batch_add (f->batch, id, task, NULL);

  g_assert_nonnull (added);
  g_ptr_array_add (f->tasks, g_object_ref (added));
  g_signal_connect (added, "notify", G_CALLBACK (on_task_changed), f);
  return added;
}

/* Adds an encrypting task for each picture, into the output folder. */
static void
add_pictures (BatchFixture *f)
{
  for (guint i = 0; i < f->pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, f->secret);

      watch_add (f, 0, task);
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the batch did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
run_until_finished (BatchFixture *f)
{
  guint timeout = g_timeout_add_seconds (120, on_timeout, NULL);

  g_main_loop_run (f->loop);
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
test_many_tasks (BatchFixture  *f,
                 gconstpointer  data)
{
  const BatchSetup *setup = data;

  g_assert_cmpuint (epi_batch_get_workers (f->batch), ==, setup->workers);

  for (guint i = 0; i < f->pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, f->secret);

      /* Half the tasks keep the sealed terms for a viewer. */
      task->keep_spectrum = i % 2 == 0;
      g_assert_cmpuint (epi_batch_task_get_id (watch_add (f, 0, task)), ==, i + 1);
    }

  run_until_finished (f);

  g_assert_false (f->off_main);
  g_assert_false (f->backwards);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpuint (epi_batch_get_n_unfinished (f->batch), ==, 0);
  g_assert_cmpuint (epi_batch_get_n_key_derivations (f->batch), ==, 1);

  g_assert_cmpuint (f->tasks->len, ==, 50);
  for (guint i = 0; i < f->tasks->len; i++)
    {
      EpiBatchTask *task = g_ptr_array_index (f->tasks, i);
      guint id = epi_batch_task_get_id (task);
      GArray *seen = g_hash_table_lookup (f->fractions, GUINT_TO_POINTER (id));
      g_autoptr(GError) error = epi_batch_task_dup_error (task);
      g_autoptr(EpiSpectrum) spectrum = epi_batch_task_ref_spectrum (task);
      EpiEncodeResult figures;

      epi_batch_task_get_figures (task, &figures);
      g_assert_cmpuint (id, ==, i + 1);
      g_assert_cmpint (epi_batch_task_get_state (task), ==, EPI_TASK_DONE);
      g_assert_no_error (error);
      g_assert_cmpuint (figures.n_terms, >, 0);
      if (i % 2 == 0)
        {
          g_assert_nonnull (spectrum);
          g_assert_cmpuint (spectrum->n_terms, ==, figures.n_terms);
        }
      else
        g_assert_null (spectrum);
      g_assert_cmpuint (times_finished (f, id), ==, 1);
      /* Progress ends on the terminal state. */
      g_assert_nonnull (seen);
      g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (f->states, GUINT_TO_POINTER (id))), ==, EPI_TASK_DONE);
    }

  g_assert_cmpuint (assert_outputs_whole (f->out_dir, PASSWORD), ==, 50);
}

static void
test_bad_files_fail_alone (BatchFixture  *f,
                           gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->in_dir, "missing.png", NULL);
  g_autofree char *corrupt = g_build_filename (f->in_dir, "corrupt.png", NULL);
  g_autofree char *flat = test_sample_path ("gnome-vnc-l.webp");
  const char *bad[] = { missing, corrupt, flat };
  const char *reasons[] = { "No such file", "not a PNG, JPEG", "no lines" };

  test_write_file (corrupt, "\x89PNG but not really", 19);

  /* Good and bad interleaved. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(EpiTask) good = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, f->secret);

      watch_add (f, 100 + i, good);
      if (i < G_N_ELEMENTS (bad))
        {
          g_autoptr(EpiTask) task = encrypt_task (bad[i], f->out_dir, f->secret);

          watch_add (f, 200 + i, task);
        }
    }

  run_until_finished (f);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (epi_batch_task_get_state (epi_batch_lookup (f->batch, 100 + i)), ==, EPI_TASK_DONE);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      EpiBatchTask *task = epi_batch_lookup (f->batch, 200 + i);
      g_autoptr(GError) error = epi_batch_task_dup_error (task);

      g_assert_cmpint (epi_batch_task_get_state (task), ==, EPI_TASK_FAILED);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, bad[i]));
      g_assert_nonnull (strstr (error->message, reasons[i]));
    }

  g_assert_cmpuint (assert_outputs_whole (f->out_dir, PASSWORD), ==, 4);
}

/* Derivation is counted by the batch, not guessed from timing. */
static void
test_one_derivation_per_password (BatchFixture  *f,
                                  gconstpointer  data)
{
  g_autoptr(EpiSecret) first = new_secret ("first");
  g_autoptr(EpiSecret) first_again = new_secret ("first");
  g_autoptr(EpiSecret) second = new_secret ("second");
  EpiSecret *secrets[] = { first, first_again, second };

  for (guint i = 0; i < f->pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, secrets[i % 3]);

      watch_add (f, 0, task);
    }
  run_until_finished (f);

  /* "first" typed twice is still one password. */
  g_assert_cmpuint (epi_batch_get_n_key_derivations (f->batch), ==, 2);
}

static void
test_cancel_mid_batch (BatchFixture  *f,
                       gconstpointer  data)
{
  guint done = 0, cancelled = 0;

  f->cancel_after = 3;
  add_pictures (f);
  run_until_finished (f);

  for (guint i = 0; i < f->tasks->len; i++)
    {
      EpiBatchTask *task = g_ptr_array_index (f->tasks, i);
      EpiTaskState state = epi_batch_task_get_state (task);
      g_autoptr(GError) error = epi_batch_task_dup_error (task);
      g_autofree char *output = epi_batch_task_dup_output (task);

      g_assert_true (epi_task_state_is_finished (state));
      g_assert_cmpuint (times_finished (f, epi_batch_task_get_id (task)), ==, 1);
      if (state == EPI_TASK_CANCELLED)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
          cancelled++;
        }
      else
        {
          g_assert_cmpint (state, ==, EPI_TASK_DONE);
          done++;
        }
    }

  g_test_message ("%u done, %u cancelled", done, cancelled);
  g_assert_cmpuint (done + cancelled, ==, 40);
  g_assert_cmpuint (cancelled, >=, 30);
  g_assert_cmpuint (assert_outputs_whole (f->out_dir, PASSWORD), ==, done);
  g_assert_cmpuint (f->n_finished, ==, 1);
}

static void
test_cancel_one_task (BatchFixture  *f,
                      gconstpointer  data)
{
  EpiBatchTask *last;

  add_pictures (f);

  /* With one worker the last is still queued: it ends at once. */
  last = epi_batch_lookup (f->batch, 6);
  g_assert_true (epi_batch_task_cancel (last));
  g_assert_null (epi_batch_lookup (f->batch, 99));
  run_until_finished (f);

  for (guint id = 1; id <= 6; id++)
    g_assert_cmpint (epi_batch_task_get_state (epi_batch_lookup (f->batch, id)), ==,
                     id == 6 ? EPI_TASK_CANCELLED : EPI_TASK_DONE);
  g_assert_false (epi_batch_task_cancel (epi_batch_lookup (f->batch, 1)));
  g_assert_false (epi_batch_task_cancel (last));
  g_assert_cmpuint (assert_outputs_whole (f->out_dir, PASSWORD), ==, 5);
}

static void
test_retry (BatchFixture  *f,
            gconstpointer  data)
{
  g_autoptr(EpiSecret) wrong = new_secret ("wrong");
  g_autofree char *late = g_build_filename (f->in_dir, "late.png", NULL);
  g_autofree char *sealed = g_build_filename (f->out_dir, "picture-000.png.epicrypt", NULL);
  g_autofree char *still = g_build_filename (f->out_dir, "picture-000.png.drawing.png", NULL);
  g_autoptr(EpiTask) missing = encrypt_task (late, f->out_dir, f->secret);
  g_autoptr(EpiTask) good = encrypt_task (g_ptr_array_index (f->pictures, 0), f->out_dir, f->secret);
  g_autoptr(EpiTask) open_wrong = epi_task_new_decrypt (sealed, still, 64, FALSE, EPI_KDF_SENSITIVE, wrong);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) task_error = NULL;
  g_autofree char *output = NULL;
  EpiBatchTask *task_missing, *task_good, *task_open;

  task_missing = watch_add (f, 0, missing);
  task_good = watch_add (f, 0, good);
  run_until_finished (f);

  g_assert_cmpint (epi_batch_task_get_state (task_missing), ==, EPI_TASK_FAILED);

  /* Done tasks are not run again. */
  g_assert_false (epi_batch_retry (f->batch, task_good, NULL, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The file turns up; the same task is run again. */
  {
    g_autoptr(GFile) from = g_file_new_for_path (g_ptr_array_index (f->pictures, 1));
    g_autoptr(GFile) to = g_file_new_for_path (late);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  }
  g_assert_cmpuint (epi_batch_retry_failed (f->batch), ==, 1);
  run_until_finished (f);
  g_assert_cmpint (epi_batch_task_get_state (task_missing), ==, EPI_TASK_DONE);
  g_assert_cmpuint (times_finished (f, epi_batch_task_get_id (task_missing)), ==, 2);

  /* Opening with the wrong password fails; retried with the right one.
   * The files are of the test strength, which only a ring made for it
   * opens. */
  open_wrong->strength = EPI_KDF_MINIMAL;
  task_open = watch_add (f, 0, open_wrong);
  run_until_finished (f);
  task_error = epi_batch_task_dup_error (task_open);
  g_assert_cmpint (epi_batch_task_get_state (task_open), ==, EPI_TASK_FAILED);
  g_assert_error (task_error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD);

  g_assert_true (epi_batch_retry (f->batch, task_open, f->secret, &error));
  g_assert_no_error (error);
  run_until_finished (f);
  output = epi_batch_task_dup_output (task_open);
  g_assert_cmpint (epi_batch_task_get_state (task_open), ==, EPI_TASK_DONE);
  /* Named after the picture kept inside, in the folder asked for. */
  g_assert_cmpstr (output, ==, still);
  g_assert_true (g_file_test (still, G_FILE_TEST_IS_REGULAR));

  /* Finished tasks can be forgotten, and are no longer the batch's. */
  g_assert_cmpuint (epi_batch_clear_finished (f->batch), ==, 3);
  g_assert_null (epi_batch_lookup (f->batch, epi_batch_task_get_id (task_open)));
  g_assert_false (epi_batch_retry (f->batch, task_open, NULL, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
}

static void
test_ids (BatchFixture  *f,
          gconstpointer  data)
{
  g_autoptr(EpiTask) task = encrypt_task ("/nonexistent/a.png", "/nonexistent", f->secret);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (epi_batch_task_get_id (watch_add (f, 7, task)), ==, 7);
  g_assert_null (epi_batch_add (f->batch, 7, task, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (epi_batch_task_get_id (watch_add (f, 0, task)), ==, 1);
  run_until_finished (f);
  g_assert_cmpuint (f->n_finished, ==, 1);
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
test_task_object (BatchFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(EpiTask) request = encrypt_task (g_ptr_array_index (f->pictures, 0), f->out_dir, f->secret);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  TaskWatch tw = { g_array_new (FALSE, FALSE, sizeof (EpiTaskState)), 0, 0, FALSE };
  EpiBatchTask *task;
  EpiEncodeResult figures;

  request->keep_spectrum = TRUE;
  task = g_object_ref (epi_batch_add (f->batch, 0, request, NULL));
  g_assert_true (epi_batch_lookup (f->batch, epi_batch_task_get_id (task)) == task);
  g_assert_cmpint (epi_batch_task_get_kind (task), ==, EPI_TASK_ENCRYPT);
  g_signal_connect (task, "notify", G_CALLBACK (on_task_notify), &tw);
  run_until_finished (f);

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

  g_assert_finalize_object (g_steal_pointer (&f->batch));
  g_assert_cmpint (epi_batch_task_get_state (task), ==, EPI_TASK_DONE);
  g_assert_finalize_object (task);
  g_array_unref (tw.states);
}

/* Dropping the batch while workers run cancels, waits for them and leaves
 * no partial file. */
static void
test_free_while_running (BatchFixture  *f,
                         gconstpointer  data)
{
  for (guint i = 0; i < f->pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, f->secret);

      epi_batch_add (f->batch, 0, task, NULL);
    }
  g_usleep (20 * 1000);

  g_assert_finalize_object (g_steal_pointer (&f->batch));
  assert_outputs_whole (f->out_dir, PASSWORD);

  /* Nothing is left to run on the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A task's state and stage cross GObject as their enum types, and each
 * value's nick is the name the core gives it. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) states = g_type_class_ref (EPI_TYPE_TASK_STATE);
  g_autoptr(GEnumClass) stages = g_type_class_ref (EPI_TYPE_STAGE);
  g_autoptr(GTypeClass) klass = g_type_class_ref (EPI_TYPE_BATCH_TASK);
  GObjectClass *task_class = G_OBJECT_CLASS (klass);

  g_assert_true (g_object_class_find_property (task_class, "state")->value_type == EPI_TYPE_TASK_STATE);
  g_assert_true (g_object_class_find_property (task_class, "stage")->value_type == EPI_TYPE_STAGE);
  g_assert_true (g_object_class_find_property (task_class, "kind")->value_type == EPI_TYPE_TASK_KIND);

  g_assert_cmpuint (stages->n_values, ==, EPI_N_STAGES);
  for (EpiStage stage = 0; stage < EPI_N_STAGES; stage++)
    g_assert_cmpstr (g_enum_get_value (stages, stage)->value_nick, ==, epi_stage_get_name (stage));
  for (EpiTaskState state = EPI_TASK_QUEUED; state <= EPI_TASK_CANCELLED; state++)
    g_assert_cmpstr (g_enum_get_value (states, state)->value_nick, ==, epi_task_state_get_name (state));
}

/* Tasks that bring a keyring whose key is already derived (a batch's,
 * for its pictures retried in another batch) seal with that key: its
 * salt in every file, no derivation in this batch. */
static void
test_task_brings_keyring (BatchFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(EpiKeyring) ring = epi_keyring_new (f->secret, EPI_KDF_MINIMAL);
  g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;

  g_assert_nonnull (key);
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
  for (guint i = 0; i < f->pictures->len; i++)
    {
      g_autoptr(EpiTask) task = encrypt_task (g_ptr_array_index (f->pictures, i), f->out_dir, f->secret);

      task->ring = epi_keyring_ref (ring);
      watch_add (f, 0, task);
    }
  run_until_finished (f);

  g_assert_cmpuint (epi_batch_get_n_key_derivations (f->batch), ==, 0);
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
  d = g_dir_open (f->out_dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->out_dir, name, NULL);
      EpiSealedHeader header = { 0 };

      /* The test strength is refused, but only once the header is read. */
      epi_pipeline_check_sealed (path, EPI_KDF_MINIMAL, &header, NULL);
      g_assert_cmpuint (header.version, ==, 2);
      g_assert_cmpmem (header.key.salt, EPI_SALT_BYTES, epi_key_get_spec (key)->salt, EPI_SALT_BYTES);
      n++;
    }
  g_assert_cmpuint (n, ==, f->pictures->len);
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

  {
    /* pictures, seed, workers */
    static const BatchSetup one_worker = { 50, 1001, 1 }, two_workers = { 50, 1002, 2 },
                            eight_workers = { 50, 1008, 8 }, bad_files = { 4, 7, 2 },
                            passwords = { 12, 11, 4 }, cancel_mid = { 40, 21, 2 },
                            cancel_one = { 6, 31, 1 }, retry = { 2, 41, 2 }, ids = { 0, 0, 1 },
                            task_object = { 1, 61, 1 }, free_running = { 30, 51, 2 },
                            brings_keyring = { 3, 71, 2 };
    const struct { const char *path; const BatchSetup *setup; void (*func) (BatchFixture *, gconstpointer); } tests[] = {
      { "/Epi/Batch/many-tasks-one-worker", &one_worker, test_many_tasks },
      { "/Epi/Batch/many-tasks-two-workers", &two_workers, test_many_tasks },
      { "/Epi/Batch/many-tasks-eight-workers", &eight_workers, test_many_tasks },
      { "/Epi/Batch/bad-files-fail-alone", &bad_files, test_bad_files_fail_alone },
      { "/Epi/Batch/one-derivation-per-password", &passwords, test_one_derivation_per_password },
      { "/Epi/Batch/cancel-mid-batch", &cancel_mid, test_cancel_mid_batch },
      { "/Epi/Batch/cancel-one-task", &cancel_one, test_cancel_one_task },
      { "/Epi/Batch/retry", &retry, test_retry },
      { "/Epi/Batch/ids", &ids, test_ids },
      { "/Epi/Batch/task-object", &task_object, test_task_object },
      { "/Epi/Batch/free-while-running", &free_running, test_free_while_running },
      { "/Epi/Batch/task-brings-keyring", &brings_keyring, test_task_brings_keyring },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      g_test_add (tests[i].path, BatchFixture, tests[i].setup,
                  batch_fixture_set_up, tests[i].func, batch_fixture_tear_down);
  }
  g_test_add_func ("/Epi/Batch/enum-types", test_enum_types);

  return g_test_run ();
}
