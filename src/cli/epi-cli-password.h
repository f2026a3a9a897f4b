/* epi-cli-password.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-core.h"

G_BEGIN_DECLS

/* The environment variable a password may come from. */
#define EPI_PASSWORD_ENV "EPICRYPT_PASSWORD"

/* The most a password file or pipe may hold, comments and all. */
#define EPI_PASSWORD_FILE_MAX (64 * 1024)

EpiSecret *epi_cli_read_password_file (const char  *path,
                                       GError     **error);
EpiSecret *epi_cli_get_password       (const char  *password_file,
                                       gboolean     confirm,
                                       GError     **error);

gboolean   epi_cli_check_generate_password (const char  *password_file,
                                            GError     **error);
EpiSecret *epi_cli_get_new_password   (const char  *password_file,
                                       gboolean     generate,
                                       GError     **error);

G_END_DECLS
