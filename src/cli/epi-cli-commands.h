/* epi-cli-commands.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands of epicrypt-cli, one file each. Each takes its own name
 * as argv[0] and returns the exit status.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int epi_cli_encrypt (int    argc,
                     char **argv);
int epi_cli_decrypt (int    argc,
                     char **argv);
int epi_cli_info    (int    argc,
                     char **argv);
int epi_cli_render  (int    argc,
                     char **argv);

G_END_DECLS
