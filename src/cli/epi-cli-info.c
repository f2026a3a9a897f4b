/* epi-cli-info.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli info: what a sealed file reveals without its password,
 * its header described in words.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-cli-commands.h"
#include "epi-cli-common.h"

/* The info command. */
int
epi_cli_info (int    argc,
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
      g_autoptr(GError) file_error = NULL;
      g_autofree char *costs = NULL;
      EpiSealedHeader header;
      gsize length;

      /* A file this program would not open is said so, not described. */
      if (!epi_pipeline_check_sealed (files[i], EPI_KDF_SENSITIVE, &header, &file_error))
        {
          g_prefix_error (&file_error, "%s: ", files[i]);
          epi_cli_print_error (file_error->message);
          status = EXIT_SOME_FAILED;
          continue;
        }
      /* The header parsed the whole file: its size is the parts'. */
      length = header.header_size + header.payload_length + EPI_MAC_BYTES;
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
