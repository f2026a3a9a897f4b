/* epicrypt-cli.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line front end: option parsing, password input and one
 * line of output per file over the core library.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "epi-cli-checks.h"
#include "epi-cli-common.h"
#include "epi-cli-password.h"
#include "epi-cli-progress.h"
#include "epi-core.h"

/* Passwords --------------------------------------------------------------- */

/* A password to seal with, or NULL after saying why not. */
static EpiSecret *
new_password_or_complain (const char *password_file,
                          gboolean    generate)
{
  g_autoptr(GError) error = NULL;
  EpiSecret *secret = epi_cli_get_new_password (password_file, generate, &error);

  if (secret == NULL)
    epi_cli_print_error (error->message);
  return secret;
}

/* Options ----------------------------------------------------------------- */

/* Reads --coefficients: "auto" leaves @n_terms 0, a whole number from 1
 * to EPI_MAX_TERMS sets it. */
static gboolean
parse_coefficients (const char  *text,
                    guint       *n_terms,
                    GError     **error)
{
  guint64 value;

  if (g_strcmp0 (text, "auto") == 0)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, EPI_MAX_TERMS, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--coefficients must be “auto” or a whole number from 1 to %u, not “%s”"),
                   EPI_MAX_TERMS, text);
      return FALSE;
    }

  *n_terms = (guint) value;
  return TRUE;
}

/* Running a batch -------------------------------------------------------- */

/* A batch being run. Ids are 1 … n_tasks, in the order the files were
 * given. Touched only on the main thread. */
typedef struct
{
  EpiBatch       *batch;      /* owned */
  EpiCliLoop      loop;
  GPtrArray      *plan;       /* EpiPlannedOutput of each task, by id - 1 */
  EpiCliProgress *progress;   /* owned */
} Run;

static void
on_task_progress (EpiBatch *batch,
                  guint     id,
                  int       state,
                  int       stage,
                  double    fraction,
                  Run      *run)
{
  epi_cli_progress_update (run->progress, id, state, stage, fraction);
}

/* One line per finished file: its figures on standard output, or its
 * error on standard error. */
static void
on_task_finished (EpiBatch *batch,
                  guint     id,
                  int       state,
                  Run      *run)
{
  g_autoptr(EpiTaskResult) result = epi_batch_get_result (batch, id);
  const EpiPlannedOutput *planned = g_ptr_array_index (run->plan, id - 1);
  const EpiEncodeResult *f = &result->figures;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  epi_cli_progress_clear (run->progress);

  switch ((EpiTaskState) state)
    {
    case EPI_TASK_DONE:
      input = epi_display_path (result->input);
      output = epi_display_path (result->output);
      /* A drawing named after the picture inside is not the plan's. */
      if (planned->number > 1 && g_strcmp0 (result->output, planned->output) == 0)
        {
          char *noted = g_strdup_printf (_("%s (numbered: another file of this run has the same name)"),
                                         output);

          g_free (output);
          output = noted;
        }
      if (run->progress->kind == EPI_TASK_ENCRYPT)
        {
          /* The string names the percentile in words. */
          G_STATIC_ASSERT (EPI_STROKE_PERCENTILE == 99);
          g_print (_("%s → %s: K=%u N=%u RMSE=%.3f%% of diagonal, "
                     "stroke error ≤ %.2f px (99th percentile), %.2f%% of energy kept, "
                     "%zu payload bytes"),
                   input, output, f->n_terms, f->n_points, f->rmse_fraction * 100,
                   f->stroke_error, f->energy_kept * 100, f->payload_bytes);
          /* Without this the figures would read as if the bounds held. */
          if (f->capped)
            g_print (_("; --max-coefficients stopped K before the error bounds were met"));
          /* Multi-page TIFF, animated GIF and WebP: say what was left. */
          if (f->source_frames > 1)
            g_print (_("; only the first of its %u frames or pages is sealed"), f->source_frames);
          g_print ("\n");
        }
      else
        g_print (_("%s → %s\n"), input, output);
      fflush (stdout);
      break;

    case EPI_TASK_FAILED:
      epi_cli_print_error (result->error->message);
      break;

    case EPI_TASK_CANCELLED:
      /* One summary line at the end rather than one per file. */
      break;

    case EPI_TASK_QUEUED:
    case EPI_TASK_RUNNING:
    default:
      g_assert_not_reached ();
    }

  epi_cli_progress_finished (run->progress, state);
}

static void
on_finished (EpiBatch *batch,
             Run      *run)
{
  epi_cli_loop_quit (&run->loop);
}

static void
on_interrupt (gpointer user_data)
{
  Run *run = user_data;

  epi_batch_cancel (run->batch);
}

/* Seals or opens every task on @jobs workers, reporting as it goes, and
 * returns the exit status. Ctrl-C cancels: running files stop at their
 * next stage and leave nothing behind. */
static int
run_tasks (GPtrArray *tasks,
           GPtrArray *plan,
           guint      jobs,
           gboolean   quiet)
{
  Run run = { 0 };
  EpiCliProgress *progress;
  int status;

  run.batch = epi_batch_new (jobs);
  run.plan = plan;
  run.progress = progress = epi_cli_progress_new (tasks, epi_batch_get_workers (run.batch), quiet);

  g_signal_connect (run.batch, "task-progress", G_CALLBACK (on_task_progress), &run);
  g_signal_connect (run.batch, "task-finished", G_CALLBACK (on_task_finished), &run);
  g_signal_connect (run.batch, "finished", G_CALLBACK (on_finished), &run);
  epi_cli_loop_init (&run.loop, on_interrupt, &run);

  for (guint i = 0; i < tasks->len; i++)
    epi_batch_add (run.batch, 0, g_ptr_array_index (tasks, i), NULL);

  epi_cli_loop_run (&run.loop);

  epi_cli_progress_clear (progress);
  if (run.loop.interrupted)
    g_printerr (_("epicrypt-cli: interrupted: %u done, %u failed, %u not processed\n"),
                progress->n_done, progress->n_failed, progress->n_cancelled);

  epi_cli_loop_clear (&run.loop);
  g_clear_object (&run.batch);
  status = epi_cli_loop_exit_status (&run.loop, progress->n_failed + progress->n_cancelled > 0);
  epi_cli_progress_free (progress);
  return status;
}

/* Running a plan -------------------------------------------------------- */

typedef EpiTask *(*MakeTask) (const EpiPlannedOutput *planned,
                              EpiSecret              *secret,
                              gpointer                data);

static gint
by_index (gconstpointer a,
          gconstpointer b)
{
  const EpiPlannedOutput *pa = *(EpiPlannedOutput * const *) a;
  const EpiPlannedOutput *pb = *(EpiPlannedOutput * const *) b;

  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* The drawings of @inputs, planned among format 1 files only: a format 2
 * file's drawing is named after the picture inside once it is open, so
 * its planned name (kept for its folder; its number is 0) holds nothing. */
static GPtrArray *
plan_drawings (GPtrArray  *inputs,
               const char *output_dir)
{
  GPtrArray *by_version[2] = { g_ptr_array_new (), g_ptr_array_new () };
  GArray *indexes[2] = { g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (guint)) };
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_planned_output_free);

  for (guint i = 0; i < inputs->len; i++)
    {
      EpiSealedHeader header;
      guint v = epi_pipeline_check_sealed (g_ptr_array_index (inputs, i), EPI_KDF_SENSITIVE, &header, NULL) &&
                header.version >= 2;

      g_ptr_array_add (by_version[v], g_ptr_array_index (inputs, i));
      g_array_append_val (indexes[v], i);
    }

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(GPtrArray) part = epi_plan_outputs ((const char * const *) by_version[v]->pdata,
                                                    by_version[v]->len, output_dir,
                                                    EPI_OUTPUT_DRAWING, EPI_PLAN_KEEP_NAMES);

      for (guint i = 0; i < part->len; i++)
        {
          EpiPlannedOutput *planned = g_ptr_array_index (part, i);

          planned->index = g_array_index (indexes[v], guint, planned->index);
          if (v == 1)
            planned->number = 0;
        }
      g_ptr_array_extend_and_steal (plan, g_steal_pointer (&part));
      g_ptr_array_unref (by_version[v]);
      g_array_unref (indexes[v]);
    }

  g_ptr_array_sort (plan, by_index);
  return plan;
}

/* Plans the outputs of @inputs, fails the files that cannot succeed,
 * asks for the password only if any are left, then runs them. A run of
 * doomed files never waits on a prompt or a pipe. */
static int
plan_and_run (GPtrArray      *inputs,
              const char     *output_dir,
              EpiOutputKind   output_kind,
              gboolean        force,
              const char     *password_file,
              gboolean        generate_password,
              EpiKdfStrength  max_strength,
              int             jobs,
              gboolean        quiet,
              MakeTask        make_task,
              gpointer        data)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_task_free);
  g_autoptr(EpiSecret) secret = NULL;
  EpiTaskKind kind = output_kind == EPI_OUTPUT_DRAWING ? EPI_TASK_DECRYPT : EPI_TASK_ENCRYPT;
  guint doomed;
  int status;

  /* Outputs are planned among the inputs that can be done, so that a
   * sealed file among pictures (a re-run over a folder) holds no name. */
  doomed = epi_cli_drop_bad_inputs (inputs, kind, max_strength);
  plan = kind == EPI_TASK_DECRYPT ? plan_drawings (inputs, output_dir)
                                  : epi_plan_outputs ((const char * const *) inputs->pdata, inputs->len,
                                                      output_dir, output_kind, EPI_PLAN_KEEP_NAMES);
  doomed += epi_cli_drop_blocked_outputs (plan, kind, force);
  if (plan->len == 0)
    return EXIT_SOME_FAILED;

  secret = kind == EPI_TASK_ENCRYPT ? new_password_or_complain (password_file, generate_password)
                                    : epi_cli_password_or_complain (password_file, FALSE);
  if (secret == NULL)
    return EXIT_USAGE;

  for (guint i = 0; i < plan->len; i++)
    g_ptr_array_add (tasks, make_task (g_ptr_array_index (plan, i), secret, data));

  status = run_tasks (tasks, plan, jobs > 0 ? (guint) jobs : 0, quiet);
  return status == EXIT_ALL_DONE && doomed > 0 ? EXIT_SOME_FAILED : status;
}

/* encrypt ----------------------------------------------------------------- */

typedef struct
{
  const EpiEncodeSettings *settings;
  EpiKdfStrength           strength;
} Sealing;

static EpiTask *
make_encrypt_task (const EpiPlannedOutput *planned,
                   EpiSecret              *secret,
                   gpointer                data)
{
  Sealing *sealing = data;

  return epi_task_new_encrypt (planned->input, planned->output, sealing->settings,
                               sealing->strength, secret);
}

static int
run_encrypt (int    argc,
             char **argv)
{
  g_autofree char *output_dir = NULL;
  g_autofree char *coefficients = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *files_from = NULL;
  g_autofree char *kdf = NULL;
  g_autofree char *finder = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  EpiEncodeSettings settings;
  Sealing sealing;
  int points = INT_NOT_GIVEN, max_side = EPI_DEFAULT_MAX_SIDE, max_terms = EPI_DEFAULT_MAX_K;
  int min_stroke = INT_NOT_GIVEN, jobs = INT_NOT_GIVEN;
  double blur = NOT_GIVEN, low_threshold = NOT_GIVEN, high_threshold = NOT_GIVEN;
  double target_percent = EPI_DEFAULT_TARGET * 100;
  double detail_percent = NOT_GIVEN;
  gboolean force = FALSE, quiet = FALSE, null_separated = FALSE, hide_names = FALSE;
  gboolean generate_password = FALSE;
  GOptionEntry entries[] = {
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Write sealed files to DIR instead of beside each image"), N_("DIR") },
    { "hide-names", 0, 0, G_OPTION_ARG_NONE, &hide_names, N_("Seal under random file names; each picture's name is kept only inside"), NULL },
    { "coefficients", 'k', 0, G_OPTION_ARG_STRING, &coefficients, N_("Epicycles to keep: a number, or “auto” (default) for the fewest that meet --target"), N_("N|auto") },
    /* The help's 0.35 px is EPI_DEFAULT_STROKE_BOUND. */
    { "target", 't', 0, G_OPTION_ARG_DOUBLE, &target_percent, N_("With auto: largest RMSE as a percentage of the diagonal (default 0.25); K also keeps the stroke error within 0.35 px"), N_("PERCENT") },
    { "max-coefficients", 0, 0, G_OPTION_ARG_INT, &max_terms, N_("With auto: never keep more than N epicycles (default 8192)"), N_("N") },
    { "points", 'p', 0, G_OPTION_ARG_INT, &points, N_("Samples along the pen path (default: two per pixel, at most 65536)"), N_("N") },
    { "max-side", 0, 0, G_OPTION_ARG_INT, &max_side, N_("Scale pictures down to at most PX on their longest side (default 1024)"), N_("PX") },
    { "min-stroke", 0, 0, G_OPTION_ARG_INT, &min_stroke, N_("Drop specks: pieces of fewer than PX pixels on their own (default 6)"), N_("PX") },
    { "detail", 'd', 0, G_OPTION_ARG_DOUBLE, &detail_percent, N_("How many lines to draw, from 0 (only the surest outlines) to 100 (every likely line; default 50)"), N_("PERCENT") },
    { "finder", 0, 0, G_OPTION_ARG_STRING, &finder, N_("How lines are found: boundaries (default: the outlines a person would draw) or canny (every edge)"), N_("FINDER") },
    { "blur", 0, 0, G_OPTION_ARG_DOUBLE, &blur, N_("With canny: blur radius before finding edges (default 1.4)"), N_("PX") },
    { "low-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &low_threshold, N_("With canny: weakest gradient that continues a line (default: from the picture)"), N_("G") },
    { "high-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &high_threshold, N_("With canny: weakest gradient that starts a line (default: from the picture)"), N_("G") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf, N_("Key derivation strength: moderate (default; 3 passes, 256 MiB), sensitive (4 passes, 1 GiB) or interactive (2 passes, 64 MiB)"), N_("STRENGTH") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE (its first line)"), N_("FILE") },
    { "generate-password", 0, 0, G_OPTION_ARG_NONE, &generate_password, N_("Seal with a new strong passphrase, shown once on standard error"), NULL },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, N_("Also seal the images listed in FILE, one a line (- for standard input)"), N_("FILE") },
    { "null", '0', 0, G_OPTION_ARG_NONE, &null_separated, N_("The --files-from list is separated by NUL characters, as find -print0 writes"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Seal N images at once (default: one per processor)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress, only results and errors"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace existing output files"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IMAGE…") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("encrypt", _("— seal pictures as epicycle drawings"),
                                         _("Each IMAGE becomes IMAGE.epicrypt. The password is asked on the\n"
                                           "terminal (twice), or read from --password-file or $EPICRYPT_PASSWORD."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (generate_password && !epi_cli_check_generate_password (password_file, &error))
    return epi_cli_usage_error (context, error->message);

  epi_encode_settings_init (&settings);
  settings.overwrite = force;

  if (coefficients != NULL && !parse_coefficients (coefficients, &settings.spectrum.n_terms, &error))
    return epi_cli_usage_error (context, error->message);
  if (!(target_percent > 0 && target_percent < 100))
    return epi_cli_usage_error (context, _("--target must be a percentage above 0 and below 100"));
  settings.spectrum.target = target_percent / 100;
  if (max_terms < 1 || (guint) max_terms > EPI_MAX_TERMS)
    return epi_cli_usage_error_printf (context, _("--max-coefficients must be between 1 and %u"),
                                       EPI_MAX_TERMS);
  settings.spectrum.max_terms = (guint) max_terms;
  if (points != INT_NOT_GIVEN && (points < 2 || (guint) points > EPI_MAX_POINTS))
    return epi_cli_usage_error (context, _("--points must be between 2 and 1048576"));
  settings.trace.n_points = points != INT_NOT_GIVEN ? (guint) points : 0;
  if (max_side < 16 || max_side > 16384)
    return epi_cli_usage_error (context, _("--max-side must be between 16 and 16384"));
  settings.load.max_side = (guint) max_side;
  if (min_stroke != INT_NOT_GIVEN && min_stroke < 0)
    return epi_cli_usage_error (context, _("--min-stroke must be 0 or more"));
  if (min_stroke != INT_NOT_GIVEN)
    settings.trace.min_chain = (guint) min_stroke;
  if (given (detail_percent) && !(detail_percent >= 0 && detail_percent <= 100))
    return epi_cli_usage_error (context, _("--detail must be a percentage between 0 and 100"));
  if (given (detail_percent))
    settings.edges.detail = detail_percent / 100;
  if (finder != NULL && !epi_line_finder_from_name (finder, &settings.edges.finder))
    return epi_cli_usage_error (context, _("--finder must be boundaries or canny"));
  if (settings.edges.finder != EPI_LINE_FINDER_CANNY &&
      (given (blur) || given (low_threshold) || given (high_threshold)))
    return epi_cli_usage_error (context, _("--blur, --low-threshold and --high-threshold need --finder canny"));
  if (settings.edges.finder == EPI_LINE_FINDER_CANNY && given (detail_percent))
    return epi_cli_usage_error (context, _("--detail tunes --finder boundaries; canny takes --low-threshold and --high-threshold"));
  if (given (blur) && !(blur > 0 && blur <= 20))
    return epi_cli_usage_error (context, _("--blur must be above 0 and at most 20"));
  if (given (blur))
    settings.edges.sigma = blur;
  if ((given (low_threshold) && !(low_threshold >= 0 && isfinite (low_threshold))) ||
      (given (high_threshold) && !(high_threshold >= 0 && isfinite (high_threshold))))
    return epi_cli_usage_error (context, _("--low-threshold and --high-threshold must be gradients of 0 or more"));
  if (given (low_threshold) && given (high_threshold) && low_threshold > high_threshold)
    return epi_cli_usage_error (context, _("--low-threshold must not be above --high-threshold"));
  settings.edges.low_threshold = given (low_threshold) ? low_threshold : -1;
  settings.edges.high_threshold = given (high_threshold) ? high_threshold : -1;
  sealing.strength = EPI_KDF_DEFAULT;
  if (kdf != NULL && !epi_kdf_strength_from_name (kdf, &sealing.strength))
    return epi_cli_usage_error (context, _("--kdf must be “moderate”, “sensitive” or “interactive”"));
  settings.hide_names = hide_names;

  inputs = epi_cli_finish_options (context, output_dir, files, files_from, null_separated, password_file, jobs, _("no images given"));
  if (inputs == NULL)
    return EXIT_USAGE;

  sealing.settings = &settings;
  return plan_and_run (inputs, output_dir, hide_names ? EPI_OUTPUT_SEALED_HIDDEN : EPI_OUTPUT_SEALED,
                       force, password_file, generate_password, EPI_KDF_SENSITIVE, jobs, quiet,
                       make_encrypt_task, &sealing);
}

/* decrypt ----------------------------------------------------------------- */

typedef struct
{
  guint          size;
  gboolean       force;
  EpiKdfStrength max_strength;
} Opening;

static EpiTask *
make_decrypt_task (const EpiPlannedOutput *planned,
                   EpiSecret              *secret,
                   gpointer                data)
{
  Opening *opening = data;
  EpiTask *task = epi_task_new_decrypt (planned->input, planned->output, opening->size, opening->force,
                                        opening->max_strength, secret);

  /* A format 2 file's planned name holds nothing (see plan_drawings()). */
  task->holds_output = planned->number > 0;
  return task;
}

static int
run_decrypt (int    argc,
             char **argv)
{
  g_autofree char *output_dir = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *files_from = NULL;
  g_autofree char *max_kdf = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  gboolean force = FALSE, quiet = FALSE, null_separated = FALSE;
  Opening opening;
  int size = INT_NOT_GIVEN, jobs = INT_NOT_GIVEN;
  GOptionEntry entries[] = {
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Write pictures to DIR instead of beside each sealed file"), N_("DIR") },
    { "size", 's', 0, G_OPTION_ARG_INT, &size, N_("Longest side of the picture (default: the original size)"), N_("PX") },
    EPI_CLI_MAX_KDF_OPTION (max_kdf),
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE (its first line)"), N_("FILE") },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, N_("Also open the files listed in FILE, one a line (- for standard input)"), N_("FILE") },
    { "null", '0', 0, G_OPTION_ARG_NONE, &null_separated, N_("The --files-from list is separated by NUL characters, as find -print0 writes"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Open N files at once (default: one per processor)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress, only results and errors"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace existing output files named after the sealed file"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE.epicrypt…") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("decrypt", _("— open sealed files into pictures"),
                                         _("Each sealed file becomes PICTURE.drawing.png, named after the picture\n"
                                           "it was sealed from (numbered, never replacing a file), or after the\n"
                                           "sealed file for one made before names were kept inside: the\n"
                                           "drawing's strokes, dark on white."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (size != INT_NOT_GIVEN && (size < 16 || size > EPI_MAX_STILL_SIDE))
    return epi_cli_usage_error (context, _("--size must be between 16 and 16384"));
  if (size == INT_NOT_GIVEN)
    size = 0;
  if (!epi_cli_parse_max_kdf (max_kdf, &opening.max_strength))
    return epi_cli_usage_error (context, _("--max-kdf must be “interactive”, “moderate” or “sensitive”"));
  inputs = epi_cli_finish_options (context, output_dir, files, files_from, null_separated, password_file, jobs, _("no sealed files given"));
  if (inputs == NULL)
    return EXIT_USAGE;

  opening.size = (guint) size;
  opening.force = force;
  return plan_and_run (inputs, output_dir, EPI_OUTPUT_DRAWING, force, password_file, FALSE,
                       opening.max_strength, jobs, quiet,
                       make_decrypt_task, &opening);
}

/* render ------------------------------------------------------------------ */

typedef struct
{
  EpiCliLoop    loop;
  GCancellable *cancellable;
  gboolean      live;
  gboolean      done;
  GError       *error;        /* owned */
} RenderRun;

static void
on_render_progress (guint    frame,
                    guint    n_frames,
                    gpointer user_data)
{
  RenderRun *run = user_data;

  if (run->live)
    epi_cli_progress_show_frames (frame, n_frames);
}

static void
on_render_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RenderRun *run = user_data;

  run->done = epi_export_finish (result, &run->error);
  epi_cli_loop_quit (&run->loop);
}

static void
on_render_interrupt (gpointer user_data)
{
  RenderRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
}

static int
run_render (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *max_kdf = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiExportOptions options;
  EpiKdfStrength max_strength;
  RenderRun run = { 0 };
  int frames = INT_NOT_GIVEN, size = EPI_EXPORT_DEFAULT_SIZE, width, height;
  double speed = 1.0;
  gboolean no_circles = FALSE, force = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("NAME.png for the finished drawing, NAME.gif for an animation, or a new folder for numbered PNG frames"), N_("OUT") },
    { "frames", 'n', 0, G_OPTION_ARG_INT, &frames, N_("Frames of one full drawing (animations)"), N_("N") },
    { "quality", 0, 0, G_OPTION_ARG_STRING, &quality, N_("fast (30 frames), balanced (120, default) or quality (360)"), N_("PRESET") },
    { "size", 's', 0, G_OPTION_ARG_INT, &size, N_("Longest side in pixels (default 800)"), N_("PX") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, N_("Playback speed of a GIF, 0.1 to 10 (1 lasts 12 seconds)"), N_("S") },
    { "no-circles", 0, 0, G_OPTION_ARG_NONE, &no_circles, N_("Draw only the trace, without the epicycles"), NULL },
    EPI_CLI_MAX_KDF_OPTION (max_kdf),
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE (its first line)"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress, only the result or the error"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE.epicrypt") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("render", _("--output OUT — draw a sealed file with its epicycles"),
                                         _("Exports the drawing as the epicycles draw it: a still, an animated\n"
                                           "GIF that loops, or a folder of numbered PNG frames."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return epi_cli_usage_error (context, _("give exactly one sealed file"));
  if (output == NULL)
    return epi_cli_usage_error (context, _("--output is required"));
  if (!epi_cli_parse_max_kdf (max_kdf, &max_strength))
    return epi_cli_usage_error (context, _("--max-kdf must be “interactive”, “moderate” or “sensitive”"));

  epi_export_options_init (&options);
  options.kind = epi_export_kind_for_path (output);
  options.show_circles = !no_circles;
  options.overwrite = force;
  options.speed = speed;

  if (quality != NULL && frames != INT_NOT_GIVEN)
    return epi_cli_usage_error (context, _("give --frames or --quality, not both"));
  if (g_strcmp0 (quality, "fast") == 0)
    options.n_frames = EPI_QUALITY_FAST;
  else if (quality == NULL || g_strcmp0 (quality, "balanced") == 0)
    options.n_frames = EPI_QUALITY_BALANCED;
  else if (g_strcmp0 (quality, "quality") == 0)
    options.n_frames = EPI_QUALITY_QUALITY;
  else
    return epi_cli_usage_error (context, _("--quality must be fast, balanced or quality"));
  if (frames != INT_NOT_GIVEN)
    {
      if (frames < 1 || frames > EPI_EXPORT_MAX_FRAMES)
        return epi_cli_usage_error (context, _("--frames must be between 1 and 10000"));
      options.n_frames = (guint) frames;
    }
  if (size < 16 || size > EPI_MAX_STILL_SIDE)
    return epi_cli_usage_error (context, _("--size must be between 16 and 16384"));
  options.size = (guint) size;
  if (!(speed >= EPI_RENDERER_MIN_SPEED && speed <= EPI_RENDERER_MAX_SPEED))
    return epi_cli_usage_error (context, _("--speed must be between 0.1 and 10"));
  g_option_context_free (context);

  /* An input or output in the way fails before the password is asked. */
  if (!epi_cli_check_render_paths (files[0], output, max_strength, &error) ||
      !epi_export_check_output (output, &options, &error))
    {
      epi_cli_print_error (error->message);
      return EXIT_SOME_FAILED;
    }

  secret = epi_cli_password_or_complain (password_file, FALSE);
  if (secret == NULL)
    return EXIT_USAGE;
  ring = epi_keyring_new (secret, EPI_KDF_DEFAULT);
  epi_keyring_set_max_strength (ring, max_strength);

  spectrum = epi_pipeline_open (files[0], ring, NULL, &error);
  if (spectrum == NULL)
    {
      epi_cli_print_error (error->message);
      return EXIT_SOME_FAILED;
    }

  run.cancellable = g_cancellable_new ();
  run.live = !quiet && isatty (STDERR_FILENO);
  epi_cli_loop_init (&run.loop, on_render_interrupt, &run);

  epi_export_async (spectrum, output, &options, on_render_progress, &run,
                    run.cancellable, on_render_done, &run);
  epi_cli_loop_run (&run.loop);

  epi_cli_loop_clear (&run.loop);
  if (run.live)
    epi_cli_progress_end_frames ();

  if (!run.done)
    {
      int status = epi_cli_loop_exit_status (&run.loop, TRUE);

      if (status == EXIT_INTERRUPTED)
        {
          g_autofree char *shown = epi_display_path (output);

          g_printerr (_("epicrypt-cli: interrupted: nothing was written to %s\n"), shown);
        }
      else
        epi_cli_print_error (run.error->message);
      g_clear_error (&run.error);
      g_object_unref (run.cancellable);
      return status;
    }
  g_object_unref (run.cancellable);

  epi_export_frame_size (spectrum, options.size, &width, &height);
  if (options.kind == EPI_EXPORT_STILL)
    g_print (_("%s → %s: %d×%d\n"), files[0], output, width, height);
  else
    g_print (_("%s → %s: %u frames, %d×%d\n"), files[0], output, options.n_frames, width, height);

  return EXIT_ALL_DONE;
}

/* info -------------------------------------------------------------------- */

static int
run_info (int    argc,
          char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ALL_DONE;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE.epicrypt…") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("info", _("— describe sealed files"),
                                         _("Shows what a sealed file reveals without its password."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL)
    return epi_cli_usage_error (context, _("no sealed files given"));
  g_option_context_free (context);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autofree char *costs = NULL;
      EpiSealedHeader header;
      gsize length;

      /* A file this program would not open is said so, not described. */
      bytes = epi_file_read (files[i], EPI_MAX_SEALED_FILE_BYTES, &file_error);
      if (bytes == NULL || !epi_pipeline_check_sealed (files[i], EPI_KDF_SENSITIVE, &header, &file_error))
        {
          g_prefix_error (&file_error, "%s: ", files[i]);
          epi_cli_print_error (file_error->message);
          status = EXIT_SOME_FAILED;
          continue;
        }
      length = g_bytes_get_size (bytes);
      costs = epi_kdf_limits_describe (&header.key.limits);

      g_print ("%s\n", files[i]);
      g_print (_("  format:       Epicrypt sealed file, version %u\n"), header.version);
      g_print (_("  cipher:       XChaCha20-Poly1305 (IETF), whole header authenticated\n"));
      if (header.version >= 2)
        /* The strength's name is not translated: it is an option's value. */
        g_print (_("  key:          Argon2id v1.3, “%s” strength: %s\n"),
                 epi_kdf_strength_get_name (header.key.strength), costs);
      else
        g_print (_("  key:          Argon2id v1.3, %s, chosen by the file\n"), costs);
      if (header.version >= 2)
        {
          g_print (_("  key check:    BLAKE2b key commitment, checked before decrypting\n"));
          g_print (header.flags & EPI_SEALED_NAME_HIDDEN
                   ? _("  names:        hidden: sealed under a random name, the picture's name is inside\n")
                   : _("  names:        the picture's name is inside; the file was sealed under it\n"));
          header.payload_length -= EPI_SEALED_NAME_FIELD_BYTES;
        }
      else
        {
          g_print (_("  key check:    none (format 1): a wrong password and damage look alike\n"));
          g_print (_("  names:        not kept inside (format 1)\n"));
        }
      g_print (_("  file size:    %zu bytes\n"), length);
      g_print (_("  drawing data: %zu bytes, encrypted\n"), header.payload_length);
    }

  return status;
}

/* main -------------------------------------------------------------------- */

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: epicrypt-cli COMMAND [OPTION…] FILE…\n"
             "\n"
             "Seal pictures as password-protected epicycle drawings, and open them.\n"
             "\n"
             "Commands:\n"
             "  encrypt   seal images into NAME.epicrypt files\n"
             "  decrypt   open sealed files into PNG pictures of the drawing\n"
             "  info      describe sealed files without their password\n"
             "  render    draw a sealed file with its epicycles: PNG, GIF or frames\n"
             "\n"
             "Run “epicrypt-cli COMMAND --help” for a command's options.\n"
             "Exit status: 0 all files done, 1 some failed, 2 usage error,\n"
             "130 interrupted.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  /* EPICRYPT_LOCALEDIR runs the translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("EPICRYPT_LOCALEDIR") != NULL ? g_getenv ("EPICRYPT_LOCALEDIR")
                                                                           : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("epicrypt-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return EXIT_ALL_DONE;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("epicrypt-cli %s\n", PACKAGE_VERSION);
      return EXIT_ALL_DONE;
    }

  if (g_str_equal (command, "encrypt"))
    return run_encrypt (argc - 1, argv + 1);
  if (g_str_equal (command, "decrypt"))
    return run_decrypt (argc - 1, argv + 1);
  if (g_str_equal (command, "info"))
    return run_info (argc - 1, argv + 1);
  if (g_str_equal (command, "render"))
    return run_render (argc - 1, argv + 1);

  g_printerr (_("epicrypt-cli: unknown command “%s”\n"), command);
  print_usage (stderr);
  return EXIT_USAGE;
}
