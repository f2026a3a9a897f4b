/* epi-file.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes  *epi_file_read         (const char   *path,
                                gsize         max_bytes,
                                GError      **error);
gboolean epi_file_write_atomic (const char   *path,
                                const void   *data,
                                gsize         length,
                                gboolean      overwrite,
                                GCancellable *cancellable,
                                GError      **error);
gboolean epi_file_check_free   (const char   *path,
                                gboolean      overwrite,
                                GError      **error);

G_END_DECLS
