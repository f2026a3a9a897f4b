/* epi-cli-checks.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What epicrypt-cli can tell will fail before it asks for the password:
 * a missing input, an input of the wrong kind, an output in the way. A
 * run whose every file is doomed then ends without waiting on a prompt
 * or a pipe, and no time goes into deriving a key for nothing.
 */

#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "epi-cli-checks.h"

/**
 * epi_cli_same_file:
 * @a: a path, or "-" for standard input
 * @b: a path, or "-" for standard input
 *
 * Whether @a and @b are one file, however spelled: "-", /dev/stdin,
 * /dev/fd/0 and a file redirected to standard input all are.
 *
 * Returns: %TRUE when both exist and are the same file
 */
gboolean
epi_cli_same_file (const char *a,
                   const char *b)
{
  struct stat sa, sb;

  if ((g_str_equal (a, "-") ? fstat (STDIN_FILENO, &sa) : stat (a, &sa)) != 0 ||
      (g_str_equal (b, "-") ? fstat (STDIN_FILENO, &sb) : stat (b, &sb)) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

typedef struct
{
  EpiTaskKind    kind;
  EpiKdfStrength max_strength;
} InputCheck;

/* Whether @input can be done, whatever the password. The readers open
 * without waiting on a named pipe and refuse anything but a regular
 * file, so a missing input, a folder or a pipe fails here too. */
static gboolean
check_input_kind (gpointer   input,
                  gpointer   run,
                  GError   **error)
{
  const InputCheck *check = run;

  if (check->kind == EPI_TASK_ENCRYPT ? epi_image_identify_file (input, error)
                                      : epi_pipeline_check_sealed (input, check->max_strength, NULL, error))
    return TRUE;

  epi_prefix_error_with_path (error, input);
  return FALSE;
}

/* Whether @planned's output is free, or may be replaced with @force. A
 * planned name of number 0 holds nothing (a format 2 sealed file, drawn
 * under its picture's name, numbered around what is there): nothing is
 * in its way. */
static gboolean
check_output_free (gpointer   planned,
                   gpointer   force,
                   GError   **error)
{
  const EpiPlannedOutput *p = planned;

  if (p->number == 0)
    return TRUE;

  if (epi_file_check_free (p->output, GPOINTER_TO_INT (force), error))
    return TRUE;

  epi_prefix_error_with_path (error, p->output);
  epi_prefix_error_with_path (error, p->input);
  return FALSE;
}

typedef gboolean (*CheckFunc) (gpointer   item,
                               gpointer   data,
                               GError   **error);

/* Takes out of @items each one @check fails, printing its error line.
 * Returns how many were taken out. */
static guint
drop_failing (GPtrArray *items,
              CheckFunc  check,
              gpointer   data)
{
  guint dropped = 0;

  for (guint i = 0; i < items->len; )
    {
      g_autoptr(GError) error = NULL;

      if (check (g_ptr_array_index (items, i), data, &error))
        {
          i++;
          continue;
        }

      g_printerr ("epicrypt-cli: %s\n", error->message);
      g_ptr_array_remove_index (items, i);
      dropped++;
    }

  return dropped;
}

/**
 * epi_cli_drop_bad_inputs:
 * @inputs: (element-type filename): the run's inputs
 * @kind: what the run does
 * @max_strength: opening: the costliest key strength accepted
 *
 * Takes out of @inputs, before outputs are planned and the password is
 * asked, every file that cannot be done: missing, not a regular file, not
 * a picture (sealing), or not a sealed file this program accepts, its key
 * costs included (opening). One error line
 * naming the file is printed for each. What passes may still fail later
 * (a picture that decodes badly).
 *
 * Returns: how many were taken out
 */
guint
epi_cli_drop_bad_inputs (GPtrArray      *inputs,
                         EpiTaskKind     kind,
                         EpiKdfStrength  max_strength)
{
  InputCheck check = { kind, max_strength };

  return drop_failing (inputs, check_input_kind, &check);
}

/**
 * epi_cli_drop_blocked_outputs:
 * @plan: (element-type EpiPlannedOutput): the run's plan
 * @force: whether existing outputs may be replaced
 *
 * Takes out of @plan, before the password is asked, every task whose
 * output is in the way, printing one error line naming its input and its
 * output for each.
 *
 * Returns: how many were taken out
 */
guint
epi_cli_drop_blocked_outputs (GPtrArray *plan,
                              gboolean   force)
{
  return drop_failing (plan, check_output_free, GINT_TO_POINTER (force));
}

/**
 * epi_cli_check_render_paths:
 * @input: the sealed file to draw
 * @output: where its drawing goes
 * @max_strength: the costliest key strength accepted
 * @error: return location for an error naming the file at fault
 *
 * The checks of epi_export_check_output() need the export's options;
 * these come first: @input is a sealed file this program accepts, its
 * key costs included, @output's folder exists, and
 * @output is not @input itself (a sealed file named "x.png" would
 * otherwise be replaced by its own drawing).
 *
 * Returns: whether the render may go on to ask for the password
 */
gboolean
epi_cli_check_render_paths (const char      *input,
                            const char      *output,
                            EpiKdfStrength   max_strength,
                            GError         **error)
{
  g_autofree char *folder = g_path_get_dirname (output);

  if (!epi_pipeline_check_sealed (input, max_strength, NULL, error))
    {
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }

  if (epi_cli_same_file (input, output))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("the output is the sealed file itself; choose another name"));
      epi_prefix_error_with_path (error, output);
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = epi_display_path (folder);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("folder %s does not exist"), shown);
      return FALSE;
    }

  return TRUE;
}
