/* bench-bsds.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How well Epicrypt's drawings follow the boundaries people drew on the
 * BSDS500 photos: every photo of a split is sealed through the core with
 * the default settings, opened again as a drawing at its own size, and
 * the drawings are scored by the shared BSDS scorer (boundary precision,
 * recall and F, one-to-one matching within 0.75 % of the diagonal). The
 * same is done with the Canny finder, and the scorer's human mode gives
 * the people's row, so old, new and people stand side by side from one
 * run. The figures are printed, never judged: the benchmark fails only
 * when it cannot run, and is skipped (77) when the data or the scorer is
 * not there.
 *
 * Usage: bench-bsds [SOURCE_ROOT] [--splits val,train,val-gray] [--limit N]
 * Environment: EPICRYPT_BSDS (data folder), EPICRYPT_BSDS_SCORER,
 * EPICRYPT_BSDS_SPLITS (default "val"), EPICRYPT_BSDS_LIMIT (the first N
 * photos of each split, for quick runs). A split named SPLIT-gray is
 * SPLIT with its photos turned gray first, as a gray photo or a scan
 * is, scored against the same boundaries.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "epi-test-util.h"

#define PYTHON      "/usr/bin/python3"
#define EXIT_SKIP   77
#define SEAL_THREADS 2


/* The scorer's "dataset" line, read back. */
typedef struct
{
  double precision;
  double recall;
  double f;
  double median_f;
  guint  n;
} Score;

/* One line of the closing table. */
typedef struct
{
  char   *finder;       /* owned */
  char   *split_label;  /* owned */
  Score   score;
  gboolean has_figures; /* FALSE for the people's row */
  double  median_k;
  double  median_payload;
  double  median_pen_down;
  double  median_pen_up;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->finder);
  g_free (row->split_label);
}

/* The photos of one split, shared by the sealing threads. */
typedef struct
{
  const EpiEncodeSettings *settings;
  EpiKeyring              *ring;        /* borrowed */
  const char              *photo_dir;
  const char              *out_dir;
  char                   **ids;         /* borrowed */
  guint                    n_ids;
  int                      next;        /* atomic: the next photo to take */
  EpiEncodeResult         *results;     /* n_ids, each written by one thread */
  GMutex                   lock;
  GError                  *error;       /* owned, under lock: the first failure */
} SealJob;

static gboolean
seal_one (SealJob         *job,
          const char      *id,
          EpiEncodeResult *result,
          GError         **error)
{
  g_autofree char *name = g_strconcat (id, ".jpg", NULL);
  g_autofree char *input = g_build_filename (job->photo_dir, name, NULL);
  g_autofree char *sealed_name = g_strconcat (id, ".epicrypt", NULL);
  g_autofree char *sealed = g_build_filename (job->out_dir, sealed_name, NULL);
  g_autofree char *drawing_name = g_strconcat (id, ".drawing.png", NULL);
  g_autofree char *drawing = g_build_filename (job->out_dir, drawing_name, NULL);

  if (!epi_pipeline_encrypt (input, sealed, job->settings, job->ring,
                             NULL, NULL, NULL, result, NULL, error))
    return FALSE;
  /* Size 0: the drawing at the photo's own size, as the CLI draws it. */
  if (!epi_pipeline_decrypt (sealed, drawing, job->ring, 0, TRUE, NULL,
                             NULL, NULL, NULL, NULL, NULL, error))
    return FALSE;
  g_unlink (sealed);
  return TRUE;
}

static gpointer
seal_thread (gpointer data)
{
  SealJob *job = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      gboolean failed;

      if (i >= job->n_ids)
        break;
      g_mutex_lock (&job->lock);
      failed = job->error != NULL;
      g_mutex_unlock (&job->lock);
      if (failed)
        break;

      if (!seal_one (job, job->ids[i], &job->results[i], &error))
        {
          g_mutex_lock (&job->lock);
          if (job->error == NULL)
            job->error = g_steal_pointer (&error);
          g_mutex_unlock (&job->lock);
          break;
        }
    }

  return NULL;
}

/* Seals and draws every photo of @ids into @out_dir on SEAL_THREADS
 * threads; fills @results, one per photo. */
static gboolean
seal_all (const EpiEncodeSettings *settings,
          EpiKeyring              *ring,
          const char              *photo_dir,
          const char              *out_dir,
          char                   **ids,
          EpiEncodeResult         *results,
          GError                 **error)
{
  SealJob job = {
    .settings = settings, .ring = ring, .photo_dir = photo_dir, .out_dir = out_dir,
    .ids = ids, .n_ids = g_strv_length (ids), .next = 0, .results = results,
  };
  GThread *threads[SEAL_THREADS];

  g_mutex_init (&job.lock);
  for (guint t = 0; t < SEAL_THREADS; t++)
    threads[t] = g_thread_new ("bench-seal", seal_thread, &job);
  for (guint t = 0; t < SEAL_THREADS; t++)
    g_thread_join (threads[t]);
  g_mutex_clear (&job.lock);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  return TRUE;
}

/* Runs the scorer with @args after its path, prints its dataset line and
 * reads it back into @score. */
static gboolean
run_scorer (const char         *scorer,
            const char * const *args,
            Score              *score,
            GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) PYTHON);
  g_ptr_array_add (argv, (gpointer) scorer);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Its standard error (missing drawings, say) goes straight through. */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: ", scorer);
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "dataset ") &&
        sscanf (lines[i], "dataset P=%lf R=%lf F=%lf medianF=%lf n=%u",
                &score->precision, &score->recall, &score->f, &score->median_f, &score->n) == 5)
      {
        g_print ("  %s\n", lines[i]);
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s printed no dataset line:\n%s", scorer, out);
  return FALSE;
}

static double
median_of (const EpiEncodeResult *results,
           guint                  n,
           double               (*get) (const EpiEncodeResult *))
{
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = get (&results[i]);
  return n > 0 ? test_median (values, n) : 0;
}

static double get_k (const EpiEncodeResult *r) { return r->n_terms; }
static double get_payload (const EpiEncodeResult *r) { return (double) r->payload_bytes; }
static double get_pen_down (const EpiEncodeResult *r) { return r->trace.pen_down_length; }
static double get_pen_up (const EpiEncodeResult *r) { return r->trace.pen_up_length; }

/* The ids of @split_dir, the first @limit of them when @limit > 0, also
 * written to @ids_file for the scorer's --ids. */
static char **
read_ids (const char *split_dir,
          guint       limit,
          const char *ids_file,
          GError    **error)
{
  g_autofree char *path = g_build_filename (split_dir, "ids.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *joined = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL && (limit == 0 || n < limit); i++)
    if (words[i][0] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        n++;
      }
  ids = g_strv_builder_end (builder);

  joined = g_strjoinv ("\n", ids);
  if (!g_file_set_contents (ids_file, joined, -1, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Writes gray copies (gdk-pixbuf's desaturation) of the photos @ids of
 * @split_dir into @gray_dir, as ID.jpg. */
static gboolean
make_gray_copies (const char  *split_dir,
                  char       **ids,
                  const char  *gray_dir,
                  GError     **error)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (ids[i], ".jpg", NULL);
      g_autofree char *from = g_build_filename (split_dir, name, NULL);
      g_autofree char *to = g_build_filename (gray_dir, name, NULL);
      g_autoptr(GdkPixbuf) photo = gdk_pixbuf_new_from_file (from, error);

      if (photo == NULL)
        return FALSE;
      gdk_pixbuf_saturate_and_pixelate (photo, photo, 0.0, FALSE);
      if (!gdk_pixbuf_save (photo, to, "jpeg", error, "quality", "95", NULL))
        return FALSE;
    }

  return TRUE;
}

/* Seals, draws and scores one split with one finder; adds its row. The
 * photos are in @photo_dir, the people's boundaries in @split_dir/gt. */
static gboolean
bench_finder (EpiLineFinder finder,
              const char   *split_label,
              const char   *split_dir,
              const char   *photo_dir,
              char        **ids,
              const char   *ids_file,
              const char   *scorer,
              EpiKeyring   *ring,
              GArray       *rows,
              GError      **error)
{
  g_autofree char *out_dir = test_tmpdir_new ();
  g_autofree char *gt_dir = g_build_filename (split_dir, "gt", NULL);
  guint n = g_strv_length (ids);
  g_autofree EpiEncodeResult *results = g_new0 (EpiEncodeResult, MAX (n, 1));
  EpiEncodeSettings settings;
  Row row = { 0 };
  gint64 start;
  double seal_s, score_s = 0;
  gboolean ok;

  epi_encode_settings_init (&settings);
  settings.edges.finder = finder;
  settings.overwrite = TRUE;

  g_print ("%s, %s finder:\n", split_label, epi_line_finder_get_name (finder));
  start = g_get_monotonic_time ();
  ok = seal_all (&settings, ring, photo_dir, out_dir, ids, results, error);
  seal_s = (g_get_monotonic_time () - start) / 1e6;
  if (ok)
    {
      const char * const args[] = {
        "score", gt_dir, out_dir, "--drawing", "--quiet", "--ids", ids_file, NULL,
      };

      start = g_get_monotonic_time ();
      ok = run_scorer (scorer, args, &row.score, error);
      score_s = (g_get_monotonic_time () - start) / 1e6;
    }
  test_tmpdir_remove (out_dir);
  if (!ok)
    return FALSE;

  row.finder = g_strdup (epi_line_finder_get_name (finder));
  row.split_label = g_strdup (split_label);
  row.has_figures = TRUE;
  row.median_k = median_of (results, n, get_k);
  row.median_payload = median_of (results, n, get_payload);
  row.median_pen_down = median_of (results, n, get_pen_down);
  row.median_pen_up = median_of (results, n, get_pen_up);
  g_print ("  median over %u photos: K %.0f, payload %.0f bytes, pen-down %.0f px, pen-up %.0f px\n",
           n, row.median_k, row.median_payload, row.median_pen_down, row.median_pen_up);
  g_print ("  sealed and drawn in %.1f s (%d threads), scored in %.1f s\n\n",
           seal_s, SEAL_THREADS, score_s);
  g_array_append_val (rows, row);
  return TRUE;
}

static gboolean
bench_people (const char *split_label,
              const char *split_dir,
              const char *ids_file,
              const char *scorer,
              GArray     *rows,
              GError    **error)
{
  g_autofree char *gt_dir = g_build_filename (split_dir, "gt", NULL);
  const char * const args[] = { "human", gt_dir, "--quiet", "--ids", ids_file, NULL };
  Row row = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_print ("%s, people (each against the others):\n", split_label);
  if (!run_scorer (scorer, args, &row.score, error))
    return FALSE;
  g_print ("  scored in %.1f s\n\n", (g_get_monotonic_time () - start) / 1e6);

  row.finder = g_strdup ("people");
  row.split_label = g_strdup (split_label);
  g_array_append_val (rows, row);
  return TRUE;
}

static void
print_table (GArray *rows)
{
  g_print ("%-11s %-25s %6s %6s %6s %6s %9s %9s %9s %8s\n",
           "finder", "split", "F", "P", "R", "medF", "median K", "payload B", "pen-down", "pen-up");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      g_print ("%-11s %-25s %6.3f %6.3f %6.3f %6.3f", row->finder, row->split_label,
               row->score.f, row->score.precision, row->score.recall, row->score.median_f);
      if (row->has_figures)
        g_print (" %9.0f %9.0f %9.0f %8.0f\n", row->median_k, row->median_payload,
                 row->median_pen_down, row->median_pen_up);
      else
        g_print (" %9s %9s %9s %8s\n", "-", "-", "-", "-");
    }
}

/* Whether the scorer can run here; prints why not. */
/* The split a name from --splits stands for: "val" for "val-gray". */
static char *
split_name (const char *name)
{
  return g_str_has_suffix (name, "-gray") ? g_strndup (name, strlen (name) - strlen ("-gray"))
                                         : g_strdup (name);
}

static gboolean
scorer_runs (void)
{
  const char *argv[] = { PYTHON, "-c", "import cv2, numpy", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("skipped: %s is not there\n", PYTHON);
      return FALSE;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_print ("skipped: %s cannot import cv2 and numpy (Debian: python3-opencv python3-numpy)\n",
               PYTHON);
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *splits_arg = NULL;
  int limit = -1;
  GOptionEntry entries[] = {
    { "splits", 0, 0, G_OPTION_ARG_STRING, &splits_arg,
      "Splits to score, comma-separated (default val; also EPICRYPT_BSDS_SPLITS)", "val,train" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      "Only the first N photos of each split (also EPICRYPT_BSDS_LIMIT)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[SOURCE_ROOT]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr(EpiKeyring) ring = NULL;
  g_autofree char *source_root = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *scorer = NULL;
  g_autofree char *work = NULL;
  g_auto(GStrv) splits = NULL;
  const char *env;
  int status = EXIT_SUCCESS;

  g_array_set_clear_func (rows, row_clear);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The source root comes from meson; without it, from the samples'
   * folder, which sits at SOURCE_ROOT/data/samples. */
  if (argc > 1)
    source_root = g_strdup (argv[1]);
  else
    {
      g_autofree char *data = g_path_get_dirname (SAMPLES_DIR);

      source_root = g_path_get_dirname (data);
    }

  env = g_getenv ("EPICRYPT_BSDS");
  data_dir = env != NULL && *env != '\0'
    ? g_canonicalize_filename (env, NULL)
    : g_canonicalize_filename ("../shared/data/bsds-trainval", source_root);
  env = g_getenv ("EPICRYPT_BSDS_SCORER");
  scorer = env != NULL && *env != '\0'
    ? g_canonicalize_filename (env, NULL)
    : g_canonicalize_filename ("../../tools/boundary-score.py", data_dir);
  if (splits_arg == NULL)
    {
      env = g_getenv ("EPICRYPT_BSDS_SPLITS");
      splits_arg = g_strdup (env != NULL && *env != '\0' ? env : "val");
    }
  if (limit < 0)
    {
      env = g_getenv ("EPICRYPT_BSDS_LIMIT");
      limit = env != NULL ? atoi (env) : 0;
    }
  splits = g_strsplit (splits_arg, ",", -1);

  /* Absent data is a skip, not a failure. */
  for (guint s = 0; splits[s] != NULL; s++)
    {
      g_autofree char *split = split_name (splits[s]);
      g_autofree char *ids = g_build_filename (data_dir, split, "ids.txt", NULL);
      g_autofree char *gt = g_build_filename (data_dir, split, "gt", NULL);

      if (!g_file_test (ids, G_FILE_TEST_IS_REGULAR) || !g_file_test (gt, G_FILE_TEST_IS_DIR))
        {
          g_print ("skipped: no BSDS500 split \"%s\" in %s (set EPICRYPT_BSDS)\n", splits[s], data_dir);
          return EXIT_SKIP;
        }
    }
  if (!g_file_test (scorer, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("skipped: no scorer at %s (set EPICRYPT_BSDS_SCORER)\n", scorer);
      return EXIT_SKIP;
    }
  if (!scorer_runs ())
    return EXIT_SKIP;

  /* The least work libsodium allows: the benchmark measures drawings,
   * not Argon2. */
  ring = test_bench_keyring (EPI_KDF_MINIMAL);

  g_print ("BSDS500 boundaries: %s\nscorer: %s\n", data_dir, scorer);
  g_print ("Drawings from the default settings, at the photo's size; Canny is the old finder.\n\n");

  work = test_tmpdir_new ();
  for (guint s = 0; splits[s] != NULL && status == EXIT_SUCCESS; s++)
    {
      g_autofree char *split = split_name (splits[s]);
      gboolean gray = g_strcmp0 (split, splits[s]) != 0;
      g_autofree char *split_dir = g_build_filename (data_dir, split, NULL);
      g_autofree char *gray_dir = g_build_filename (work, splits[s], NULL);
      g_autofree char *ids_name = g_strconcat (splits[s], ".ids", NULL);
      g_autofree char *ids_file = g_build_filename (work, ids_name, NULL);
      g_autofree char *label = g_strcmp0 (splits[s], "train") == 0
        ? g_strdup ("train (seen in training)") : g_strdup (splits[s]);
      g_auto(GStrv) ids = read_ids (split_dir, (guint) limit, ids_file, &error);
      gboolean ok = ids != NULL;

      if (ok && gray)
        ok = g_mkdir (gray_dir, 0700) == 0 && make_gray_copies (split_dir, ids, gray_dir, &error);
      for (guint f = 0; ok && f < EPI_N_LINE_FINDERS; f++)
        ok = bench_finder ((EpiLineFinder) f, label, split_dir, gray ? gray_dir : split_dir,
                           ids, ids_file, scorer, ring, rows, &error);
      /* The people drew on the colour photos. */
      if (ok && !gray)
        ok = bench_people (label, split_dir, ids_file, scorer, rows, &error);
      if (!ok)
        {
          g_printerr ("%s\n", error->message);
          status = EXIT_FAILURE;
        }
    }
  test_tmpdir_remove (work);

  if (rows->len > 0)
    print_table (rows);
  return status;
}
