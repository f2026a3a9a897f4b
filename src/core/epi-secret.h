/* epi-secret.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EPI_MAX_PASSWORD_BYTES 4096

/* A password in guarded memory (sodium_malloc: guard pages, locked, kept
 * out of core dumps), wiped when the last reference goes. While any lives
 * the process is not dumpable (see epi_dump_guard_hold()). */
typedef struct _EpiSecret EpiSecret;

gboolean      epi_sodium_init    (GError      **error);

gpointer      epi_guarded_alloc  (gsize         size);
void          epi_guarded_free   (gpointer      data);

void          epi_dump_guard_hold    (void);
void          epi_dump_guard_release (void);

EpiSecret    *epi_secret_new     (const void   *data,
                                  gsize         length,
                                  GError      **error);
EpiSecret    *epi_secret_ref     (EpiSecret    *secret);
void          epi_secret_unref   (EpiSecret    *secret);
const guint8 *epi_secret_get     (EpiSecret    *secret,
                                  gsize        *length);
gboolean      epi_secret_equal   (EpiSecret    *a,
                                  EpiSecret    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiSecret, epi_secret_unref)

G_END_DECLS
