/* epi-cli-common.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-core.h"
#include "epi-cli-loop.h"

G_BEGIN_DECLS

/* A number option left at its default: no one types this. */
#define NOT_GIVEN (-G_MAXDOUBLE)
#define given(x) ((x) != NOT_GIVEN)
/* The same for whole numbers: no value a user types means "unset". */
#define INT_NOT_GIVEN G_MININT

/* --max-kdf, for the commands that open sealed files. */
#define EPI_CLI_MAX_KDF_OPTION(value) \
  { "max-kdf", 0, 0, G_OPTION_ARG_STRING, &(value), \
    N_("Refuse files whose key derivation costs more than STRENGTH: interactive or moderate; sensitive (default) accepts every strength, and files of format 1 up to 10 passes and 1 GiB"), \
    N_("STRENGTH") }

void            epi_cli_print_error          (const char      *message);
EpiSecret      *epi_cli_password_or_complain (const char      *password_file,
                                              gboolean         to_seal,
                                              gboolean         generate);
GOptionContext *epi_cli_new_context          (const char      *command,
                                              const char      *parameter,
                                              const char      *summary,
                                              GOptionEntry    *entries);
int             epi_cli_usage_error          (GOptionContext  *context,
                                              const char      *message);
int             epi_cli_usage_error_printf   (GOptionContext  *context,
                                              const char      *format,
                                              ...) G_GNUC_PRINTF (2, 3);
gboolean        epi_cli_size_in_range        (int              size);
int             epi_cli_size_error           (GOptionContext  *context);
gboolean        epi_cli_parse_max_kdf        (const char      *text,
                                              EpiKdfStrength  *max_strength);
GPtrArray      *epi_cli_finish_options       (GOptionContext  *context,
                                              const char      *output_dir,
                                              char           **files,
                                              const char      *files_from,
                                              gboolean         null_separated,
                                              const char      *password_file,
                                              int              jobs,
                                              const char      *none_given);

G_END_DECLS
