/* epi-cli-common.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the commands of epicrypt-cli share in reading their options: the
 * option context and its usage errors, --max-kdf, the password with its
 * complaint, and the checks encrypt and decrypt make of their inputs,
 * --files-from lists included.
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "epi-cli-checks.h"
#include "epi-cli-common.h"
#include "epi-cli-password.h"

/* Says @message on standard error, after the program's name. */
void
epi_cli_print_error (const char *message)
{
  g_printerr ("epicrypt-cli: %s\n", message);
}

/* The password to open with, or with @to_seal a new one to seal with
 * (made up when @generate); NULL after saying why not. */
EpiSecret *
epi_cli_password_or_complain (const char *password_file,
                              gboolean    to_seal,
                              gboolean    generate)
{
  g_autoptr(GError) error = NULL;
  EpiSecret *secret = to_seal ? epi_cli_get_new_password (password_file, generate, &error)
                              : epi_cli_get_password (password_file, FALSE, &error);

  if (secret == NULL)
    epi_cli_print_error (error->message);
  return secret;
}

/* Whether @dir, when given, is a folder to write into. */
static gboolean
check_output_dir (const char  *dir,
                  GError     **error)
{
  g_autofree char *shown = dir != NULL ? epi_display_path (dir) : NULL;

  if (dir == NULL || g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("output folder %s is a file, not a folder"), shown);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("output folder %s does not exist"), shown);
  return FALSE;
}

/* The options of @command. GLib writes the usage line from the program
 * name, then the operands' description (the remaining-arguments entry's),
 * then @parameter, so @parameter must not repeat the operands. */
GOptionContext *
epi_cli_new_context (const char   *command,
                     const char   *parameter,
                     const char   *summary,
                     GOptionEntry *entries)
{
  g_autofree char *prgname = g_strconcat ("epicrypt-cli ", command, NULL);
  GOptionContext *context = g_option_context_new (parameter);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Says @message with a hint to --help, frees @context and returns the
 * status of a usage error. */
int
epi_cli_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_printerr ("epicrypt-cli: %s\n%s\n", message,
              _("Use --help to see the options."));
  g_option_context_free (context);
  return EXIT_USAGE;
}

/* epi_cli_usage_error() with a message made from @format. */
int
epi_cli_usage_error_printf (GOptionContext *context,
                            const char     *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return epi_cli_usage_error (context, message);
}

/* Whether @size is a longest side decrypt and render draw at. */
gboolean
epi_cli_size_in_range (int size)
{
  return size >= EPI_MIN_STILL_SIDE && size <= EPI_MAX_STILL_SIDE;
}

/* The usage error of a --size out of range. */
int
epi_cli_size_error (GOptionContext *context)
{
  return epi_cli_usage_error_printf (context, _("--size must be between %u and %u"),
                                     EPI_MIN_STILL_SIDE, EPI_MAX_STILL_SIDE);
}

/* Reads --max-kdf; not given accepts every strength. */
gboolean
epi_cli_parse_max_kdf (const char     *text,
                       EpiKdfStrength *max_strength)
{
  *max_strength = EPI_KDF_SENSITIVE;
  return text == NULL || epi_kdf_strength_from_name (text, max_strength);
}

/* The next name in a --files-from list: up to a line break, or up to a
 * NUL with @null_separated (find -print0), which lets names hold line
 * breaks. A line's trailing CR and blanks go; NUL-separated names are
 * taken as they are. */
static char *
read_list_entry (GDataInputStream  *data,
                 gboolean           null_separated,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  char *entry;

  if (!null_separated)
    {
      entry = g_data_input_stream_read_line (data, NULL, NULL, error);
      return entry != NULL ? g_strchomp (entry) : NULL;
    }

  entry = g_data_input_stream_read_upto (data, "", 1, NULL, NULL, error);
  if (entry == NULL)
    return NULL;
  /* Consume the NUL; at the end of the stream there is none. */
  g_data_input_stream_read_byte (G_DATA_INPUT_STREAM (data), NULL, &local_error);
  if (*entry == '\0' && local_error != NULL)
    {
      g_free (entry);
      return NULL;
    }
  return entry;
}

/* The files named on the command line, then those listed in @list_file
 * ("-" for standard input), so that find and xargs compose. */
static GPtrArray *
collect_inputs (char       **files,
                const char  *list_file,
                gboolean     null_separated,
                GError     **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_ptr_array_add (inputs, g_strdup (files[i]));

  if (list_file != NULL)
    {
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GDataInputStream) data = NULL;
      char *entry;

      if (g_str_equal (list_file, "-"))
        stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      else
        {
          int fd = open (list_file, O_RDONLY | O_CLOEXEC);

          if (fd < 0)
            {
              int saved_errno = errno;
              g_autofree char *shown = epi_display_path (list_file);

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("list file %s: cannot open: %s"), shown, g_strerror (saved_errno));
              return NULL;
            }
          stream = g_unix_input_stream_new (fd, TRUE);
        }

      data = g_data_input_stream_new (stream);
      while ((entry = read_list_entry (data, null_separated, error)) != NULL)
        {
          if (*entry != '\0')
            g_ptr_array_add (inputs, entry);
          else
            g_free (entry);
        }
      if (error != NULL && *error != NULL)
        return NULL;
    }

  return g_steal_pointer (&inputs);
}

/* The checks encrypt and decrypt share once their own options are read:
 * the output folder, the job count, the password source and the list of
 * inputs. Frees @context; returns NULL after a usage error. */
GPtrArray *
epi_cli_finish_options (GOptionContext  *context,
                        const char      *output_dir,
                        char           **files,
                        const char      *files_from,
                        gboolean         null_separated,
                        const char      *password_file,
                        int              jobs,
                        const char      *none_given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = NULL;

  if (jobs != INT_NOT_GIVEN && (jobs < 1 || jobs > EPI_BATCH_MAX_WORKERS))
    {
      epi_cli_usage_error_printf (context, _("--jobs must be between 1 and %u"), EPI_BATCH_MAX_WORKERS);
      return NULL;
    }
  if (null_separated && files_from == NULL)
    {
      epi_cli_usage_error (context, _("--null needs --files-from"));
      return NULL;
    }
  if (files_from != NULL && password_file != NULL && epi_cli_same_file (files_from, password_file))
    {
      epi_cli_usage_error (context, _("--files-from and --password-file both read the same file or "
                              "standard input; give each its own"));
      return NULL;
    }
  if (!check_output_dir (output_dir, &error) ||
      (inputs = collect_inputs (files, files_from, null_separated, &error)) == NULL)
    {
      epi_cli_usage_error (context, error->message);
      return NULL;
    }
  if (inputs->len == 0)
    {
      epi_cli_usage_error (context, none_given);
      return NULL;
    }

  g_option_context_free (context);
  return g_steal_pointer (&inputs);
}
