/* epicrypt-cli.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line front end: sets up translations and hands the
 * command line to the command named first (epi-cli-encrypt.c,
 * epi-cli-decrypt.c, epi-cli-info.c, epi-cli-render.c).
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "epi-cli-commands.h"
#include "epi-core.h"
#include "epi-cli-loop.h"

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

  epi_locale_init ();
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
    return epi_cli_encrypt (argc - 1, argv + 1);
  if (g_str_equal (command, "decrypt"))
    return epi_cli_decrypt (argc - 1, argv + 1);
  if (g_str_equal (command, "info"))
    return epi_cli_info (argc - 1, argv + 1);
  if (g_str_equal (command, "render"))
    return epi_cli_render (argc - 1, argv + 1);

  g_printerr (_("epicrypt-cli: unknown command “%s”\n"), command);
  print_usage (stderr);
  return EXIT_USAGE;
}
