/* epi-batch.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-enum-types.h"
#include "epi-batch-task.h"

G_BEGIN_DECLS

/* The most threads one batch runs; the settings schema's and the CLI's
 * --jobs limit. */
#define EPI_BATCH_MAX_WORKERS 256

#define EPI_TYPE_BATCH (epi_batch_get_type ())

G_DECLARE_FINAL_TYPE (EpiBatch, epi_batch, EPI, BATCH, GObject)

EpiBatch  *epi_batch_new                   (guint          workers);
guint      epi_batch_get_workers           (EpiBatch      *self);

EpiBatchTask *epi_batch_add               (EpiBatch      *self,
                                            guint          id,
                                            const EpiTask *task,
                                            GError       **error);
EpiBatchTask *epi_batch_lookup            (EpiBatch      *self,
                                            guint          id);
void       epi_batch_cancel                (EpiBatch      *self);
gboolean   epi_batch_retry                 (EpiBatch      *self,
                                            EpiBatchTask  *task,
                                            EpiSecret     *secret,
                                            GError       **error);
guint      epi_batch_retry_failed          (EpiBatch      *self);

guint      epi_batch_clear_finished        (EpiBatch      *self);
guint      epi_batch_get_n_unfinished      (EpiBatch      *self);
guint      epi_batch_get_n_key_derivations (EpiBatch      *self);

G_END_DECLS
