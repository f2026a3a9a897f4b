/* epi-file.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/stat.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* Who may read a file Epicrypt writes. */
typedef enum
{
  EPI_FILE_PRIVATE,  /* 0600: the owner only, for anything showing the secret */
  EPI_FILE_SHARED,   /* 0666 less the umask, like any new file: meant to be sent */
} EpiFileAccess;

gboolean epi_file_set_errno_error (GError        **error,
                                   int             saved_errno,
                                   const char     *what);
gboolean epi_file_check_stat   (const struct stat *st,
                                gsize              max_bytes,
                                GError           **error);
GBytes  *epi_file_read             (const char     *path,
                                    gsize           max_bytes,
                                    GError        **error);
gboolean epi_file_write_atomic     (const char     *path,
                                    const void     *data,
                                    gsize           length,
                                    EpiFileAccess   access,
                                    gboolean        overwrite,
                                    GCancellable   *cancellable,
                                    GError        **error);
gboolean epi_file_write_all        (int             fd,
                                    const void     *data,
                                    gsize           length,
                                    const char     *what,
                                    GError        **error);
gboolean epi_file_check_free       (const char     *path,
                                    gboolean        overwrite,
                                    GError        **error);
char    *epi_file_temp_template    (const char     *path,
                                    const char     *suffix);
gboolean epi_file_rename_noreplace (const char     *from,
                                    const char     *to,
                                    GError        **error);

G_END_DECLS
