/* epi-cli-encrypt.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli encrypt: its options, checked and turned into encode
 * settings, then a batch that seals each picture and says its figures.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "epi-cli-batch.h"
#include "epi-cli-checks.h"
#include "epi-cli-commands.h"
#include "epi-cli-common.h"
#include "epi-cli-password.h"

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

/* What every encrypt task of a run is made with. */
typedef struct
{
  const EpiEncodeSettings *settings;  /* unowned */
  EpiKdfStrength           strength;
} Sealing;

/* The task that seals @planned's input into its output. */
static EpiTask *
make_encrypt_task (const EpiPlannedOutput *planned,
                   EpiSecret              *secret,
                   gpointer                data)
{
  Sealing *sealing = data;

  return epi_task_new_encrypt (planned->input, planned->output, sealing->settings,
                               sealing->strength, secret);
}

/* The figures of a sealed picture, on one line. */
static void
report_sealed (EpiBatchTask *task,
               const char   *input,
               const char   *output)
{
  EpiEncodeResult figures;
  const EpiEncodeResult *f = &figures;

  epi_batch_task_get_figures (task, &figures);
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

/* The encrypt command's options as given, before they are checked. */
typedef struct
{
  char     *output_dir;         /* owned, as are the other strings */
  char     *coefficients;
  char     *password_file;
  char     *files_from;
  char     *kdf;
  char     *finder;
  GStrv     files;              /* owned */
  int       points;             /* INT_NOT_GIVEN when not given */
  int       max_side;           /* pixels */
  int       max_terms;
  int       min_stroke;         /* pixels; INT_NOT_GIVEN when not given */
  int       jobs;               /* INT_NOT_GIVEN when not given */
  double    blur;               /* pixels; NOT_GIVEN when not given */
  double    low_threshold;      /* NOT_GIVEN when not given */
  double    high_threshold;     /* NOT_GIVEN when not given */
  double    target_percent;
  double    detail_percent;     /* NOT_GIVEN when not given */
  gboolean  force;
  gboolean  quiet;
  gboolean  null_separated;
  gboolean  hide_names;
  gboolean  generate_password;
} EncryptArgs;

static void
encrypt_args_clear (EncryptArgs *args)
{
  g_clear_pointer (&args->output_dir, g_free);
  g_clear_pointer (&args->coefficients, g_free);
  g_clear_pointer (&args->password_file, g_free);
  g_clear_pointer (&args->files_from, g_free);
  g_clear_pointer (&args->kdf, g_free);
  g_clear_pointer (&args->finder, g_free);
  g_clear_pointer (&args->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EncryptArgs, encrypt_args_clear)

/* Checks the options of how much of a picture is kept (--coefficients,
 * --target, --max-coefficients, --points, --max-side, --min-stroke) into
 * @settings. FALSE after a usage error, which frees @context. */
static gboolean
read_drawing_options (GOptionContext    *context,
                      const EncryptArgs *args,
                      EpiEncodeSettings *settings)
{
  g_autoptr(GError) error = NULL;

  if (args->coefficients != NULL && !parse_coefficients (args->coefficients, &settings->spectrum.n_terms, &error))
    {
      epi_cli_usage_error (context, error->message);
      return FALSE;
    }
  if (!(args->target_percent > 0 && args->target_percent < 100))
    {
      epi_cli_usage_error (context, _("--target must be a percentage above 0 and below 100"));
      return FALSE;
    }
  settings->spectrum.target = args->target_percent / 100;
  if (args->max_terms < 1 || (guint) args->max_terms > EPI_MAX_TERMS)
    {
      epi_cli_usage_error_printf (context, _("--max-coefficients must be between 1 and %u"),
                                  EPI_MAX_TERMS);
      return FALSE;
    }
  settings->spectrum.max_terms = (guint) args->max_terms;
  if (args->points != INT_NOT_GIVEN && (args->points < 2 || (guint) args->points > EPI_MAX_POINTS))
    {
      epi_cli_usage_error_printf (context, _("--points must be between 2 and %u"), EPI_MAX_POINTS);
      return FALSE;
    }
  settings->trace.n_points = args->points != INT_NOT_GIVEN ? (guint) args->points : 0;
  if (args->max_side < EPI_MIN_WORKING_SIDE || args->max_side > EPI_MAX_WORKING_SIDE)
    {
      epi_cli_usage_error_printf (context, _("--max-side must be between %u and %u"),
                                  EPI_MIN_WORKING_SIDE, EPI_MAX_WORKING_SIDE);
      return FALSE;
    }
  settings->load.max_side = (guint) args->max_side;
  if (args->min_stroke != INT_NOT_GIVEN && args->min_stroke < 0)
    {
      epi_cli_usage_error (context, _("--min-stroke must be 0 or more"));
      return FALSE;
    }
  if (args->min_stroke != INT_NOT_GIVEN)
    settings->trace.min_chain = (guint) args->min_stroke;
  return TRUE;
}

/* Checks the options of how lines are found (--detail, --finder, and
 * only with canny --blur, --low-threshold, --high-threshold) into @edges.
 * FALSE after a usage error, which frees @context. */
static gboolean
read_line_options (GOptionContext    *context,
                   const EncryptArgs *args,
                   EpiEdgeOptions    *edges)
{
  double blur = args->blur, low = args->low_threshold, high = args->high_threshold;
  gboolean canny;

  if (given (args->detail_percent) && !(args->detail_percent >= 0 && args->detail_percent <= 100))
    {
      epi_cli_usage_error (context, _("--detail must be a percentage between 0 and 100"));
      return FALSE;
    }
  if (given (args->detail_percent))
    edges->detail = args->detail_percent / 100;
  if (args->finder != NULL && !epi_line_finder_from_name (args->finder, &edges->finder))
    {
      epi_cli_usage_error (context, _("--finder must be boundaries or canny"));
      return FALSE;
    }
  canny = edges->finder == EPI_LINE_FINDER_CANNY;
  if (!canny && (given (blur) || given (low) || given (high)))
    {
      epi_cli_usage_error (context, _("--blur, --low-threshold and --high-threshold need --finder canny"));
      return FALSE;
    }
  if (canny && given (args->detail_percent))
    {
      epi_cli_usage_error (context, _("--detail tunes --finder boundaries; canny takes --low-threshold and --high-threshold"));
      return FALSE;
    }
  if (given (blur) && !(blur > 0 && blur <= EPI_EDGE_MAX_SIGMA))
    {
      epi_cli_usage_error_printf (context, _("--blur must be above 0 and at most %g"), EPI_EDGE_MAX_SIGMA);
      return FALSE;
    }
  if (given (blur))
    edges->sigma = blur;
  if ((given (low) && !(low >= 0 && isfinite (low))) ||
      (given (high) && !(high >= 0 && isfinite (high))))
    {
      epi_cli_usage_error (context, _("--low-threshold and --high-threshold must be gradients of 0 or more"));
      return FALSE;
    }
  if (given (low) && given (high) && low > high)
    {
      epi_cli_usage_error (context, _("--low-threshold must not be above --high-threshold"));
      return FALSE;
    }
  edges->low_threshold = given (low) ? low : -1;
  edges->high_threshold = given (high) ? high : -1;
  return TRUE;
}

/* Seals @inputs with @sealing in a batch, as @args ask; returns the exit
 * status. */
static int
seal_inputs (GPtrArray         *inputs,
             const EncryptArgs *args,
             Sealing           *sealing)
{
  return epi_cli_batch_run (inputs, &(EpiCliBatchOptions) {
                              .output_dir = args->output_dir,
                              .output_kind = args->hide_names ? EPI_OUTPUT_SEALED_HIDDEN : EPI_OUTPUT_SEALED,
                              .force = args->force,
                              .password_file = args->password_file,
                              .generate_password = args->generate_password,
                              .max_strength = EPI_KDF_SENSITIVE,
                              .jobs = args->jobs,
                              .quiet = args->quiet,
                              .make_task = make_encrypt_task,
                              .report = report_sealed,
                              .data = sealing,
                            });
}

/* The encrypt command. */
int
epi_cli_encrypt (int    argc,
                 char **argv)
{
  g_auto(EncryptArgs) args = {
    .points = INT_NOT_GIVEN, .max_side = EPI_DEFAULT_MAX_SIDE, .max_terms = EPI_DEFAULT_MAX_K,
    .min_stroke = INT_NOT_GIVEN, .jobs = INT_NOT_GIVEN,
    .blur = NOT_GIVEN, .low_threshold = NOT_GIVEN, .high_threshold = NOT_GIVEN,
    .target_percent = EPI_DEFAULT_TARGET * 100, .detail_percent = NOT_GIVEN,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  EpiEncodeSettings settings;
  Sealing sealing;
  GOptionEntry entries[] = {
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &args.output_dir, N_("Write sealed files to DIR instead of beside each image"), N_("DIR") },
    { "hide-names", 0, 0, G_OPTION_ARG_NONE, &args.hide_names, N_("Seal under random file names; each picture's name is kept only inside"), NULL },
    { "coefficients", 'k', 0, G_OPTION_ARG_STRING, &args.coefficients, N_("Epicycles to keep: a number, or “auto” (default) for the fewest that meet --target"), N_("N|auto") },
    /* The help's 0.35 px is EPI_DEFAULT_STROKE_BOUND. */
    { "target", 't', 0, G_OPTION_ARG_DOUBLE, &args.target_percent, N_("With auto: largest RMSE as a percentage of the diagonal (default 0.25); K also keeps the stroke error within 0.35 px"), N_("PERCENT") },
    { "max-coefficients", 0, 0, G_OPTION_ARG_INT, &args.max_terms, N_("With auto: never keep more than N epicycles (default 8192)"), N_("N") },
    { "points", 'p', 0, G_OPTION_ARG_INT, &args.points, N_("Samples along the pen path (default: two per pixel, at most 65536)"), N_("N") },
    { "max-side", 0, 0, G_OPTION_ARG_INT, &args.max_side, N_("Scale pictures down to at most PX on their longest side (default 1024)"), N_("PX") },
    { "min-stroke", 0, 0, G_OPTION_ARG_INT, &args.min_stroke, N_("Drop specks: pieces of fewer than PX pixels on their own (default 6)"), N_("PX") },
    { "detail", 'd', 0, G_OPTION_ARG_DOUBLE, &args.detail_percent, N_("How many lines to draw, from 0 (only the surest outlines) to 100 (every likely line; default 50)"), N_("PERCENT") },
    { "finder", 0, 0, G_OPTION_ARG_STRING, &args.finder, N_("How lines are found: boundaries (default: the outlines a person would draw) or canny (every edge)"), N_("FINDER") },
    { "blur", 0, 0, G_OPTION_ARG_DOUBLE, &args.blur, N_("With canny: blur radius before finding edges (default 1.4)"), N_("PX") },
    { "low-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &args.low_threshold, N_("With canny: weakest gradient that continues a line (default: from the picture)"), N_("G") },
    { "high-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &args.high_threshold, N_("With canny: weakest gradient that starts a line (default: from the picture)"), N_("G") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &args.kdf, N_("Key derivation strength: moderate (default; 3 passes, 256 MiB), sensitive (4 passes, 1 GiB) or interactive (2 passes, 64 MiB)"), N_("STRENGTH") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &args.password_file, N_("Read the password from FILE (its first line)"), N_("FILE") },
    { "generate-password", 0, 0, G_OPTION_ARG_NONE, &args.generate_password, N_("Seal with a new strong passphrase, shown once on standard error"), NULL },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &args.files_from, N_("Also seal the images listed in FILE, one a line (- for standard input)"), N_("FILE") },
    { "null", '0', 0, G_OPTION_ARG_NONE, &args.null_separated, N_("The --files-from list is separated by NUL characters, as find -print0 writes"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &args.jobs, N_("Seal N images at once (default: one per processor)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, N_("Show no progress, only results and errors"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &args.force, N_("Replace existing output files"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.files, NULL, N_("IMAGE…") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("encrypt", _("— seal pictures as epicycle drawings"),
                                         _("Each IMAGE becomes IMAGE.epicrypt. The password is asked on the\n"
                                           "terminal (twice), or read from --password-file or $EPICRYPT_PASSWORD."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (args.generate_password && !epi_cli_check_generate_password (args.password_file, &error))
    return epi_cli_usage_error (context, error->message);

  epi_encode_settings_init (&settings);
  settings.overwrite = args.force;

  if (!read_drawing_options (context, &args, &settings) ||
      !read_line_options (context, &args, &settings.edges))
    return EXIT_USAGE;
  sealing.strength = EPI_KDF_DEFAULT;
  if (args.kdf != NULL && !epi_kdf_strength_from_name (args.kdf, &sealing.strength))
    return epi_cli_usage_error (context, _("--kdf must be “moderate”, “sensitive” or “interactive”"));
  settings.hide_names = args.hide_names;

  inputs = epi_cli_finish_options (context, args.output_dir, args.files, args.files_from, args.null_separated,
                                   args.password_file, args.jobs, _("no images given"));
  if (inputs == NULL)
    return EXIT_USAGE;

  sealing.settings = &settings;
  return seal_inputs (inputs, &args, &sealing);
}
