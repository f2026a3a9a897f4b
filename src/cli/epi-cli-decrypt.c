/* epi-cli-decrypt.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli decrypt: its options, then a batch that opens each
 * sealed file into a picture of its drawing.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-cli-batch.h"
#include "epi-cli-commands.h"
#include "epi-cli-common.h"

/* What every decrypt task of a run is made with. */
typedef struct
{
  guint          size;
  gboolean       force;
  EpiKdfStrength max_strength;
} Opening;

/* The task that opens @planned's input into its drawing. */
static EpiTask *
make_decrypt_task (const EpiPlannedOutput *planned,
                   EpiSecret              *secret,
                   gpointer                data)
{
  Opening *opening = data;
  EpiTask *task = epi_task_new_decrypt (planned->input, planned->output, opening->size, opening->force,
                                        opening->max_strength, secret);

  /* A format 2 file's planned name holds nothing (see epi-cli-batch.c). */
  task->holds_output = planned->number > 0;
  return task;
}

/* Where an opened file's drawing went. */
static void
report_opened (EpiBatchTask *task,
               const char   *input,
               const char   *output)
{
  g_print (_("%s → %s\n"), input, output);
}

/* The decrypt command. */
int
epi_cli_decrypt (int    argc,
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
  if (size != INT_NOT_GIVEN && !epi_cli_size_in_range (size))
    return epi_cli_size_error (context);
  if (size == INT_NOT_GIVEN)
    size = 0;
  if (!epi_cli_parse_max_kdf (max_kdf, &opening.max_strength))
    return epi_cli_usage_error (context, _("--max-kdf must be “interactive”, “moderate” or “sensitive”"));
  inputs = epi_cli_finish_options (context, output_dir, files, files_from, null_separated, password_file, jobs, _("no sealed files given"));
  if (inputs == NULL)
    return EXIT_USAGE;

  opening.size = (guint) size;
  opening.force = force;
  return epi_cli_batch_run (inputs, &(EpiCliBatchOptions) {
                              .output_dir = output_dir,
                              .output_kind = EPI_OUTPUT_DRAWING,
                              .force = force,
                              .password_file = password_file,
                              .max_strength = opening.max_strength,
                              .jobs = jobs,
                              .quiet = quiet,
                              .make_task = make_decrypt_task,
                              .report = report_opened,
                              .data = &opening,
                            });
}
