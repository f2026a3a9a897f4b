/* epi-batch-task.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-enum-types.h"
#include "epi-task.h"

G_BEGIN_DECLS

#define EPI_TYPE_BATCH_TASK (epi_batch_task_get_type ())

G_DECLARE_FINAL_TYPE (EpiBatchTask, epi_batch_task, EPI, BATCH_TASK, GObject)

guint         epi_batch_task_get_id        (EpiBatchTask    *self);
EpiTaskKind   epi_batch_task_get_kind      (EpiBatchTask    *self);
EpiTaskState  epi_batch_task_get_state     (EpiBatchTask    *self);
EpiStage      epi_batch_task_get_stage     (EpiBatchTask    *self);
double        epi_batch_task_get_fraction  (EpiBatchTask    *self);
char         *epi_batch_task_dup_input     (EpiBatchTask    *self);
char         *epi_batch_task_dup_output    (EpiBatchTask    *self);
void          epi_batch_task_get_figures   (EpiBatchTask    *self,
                                            EpiEncodeResult *figures);
EpiSpectrum  *epi_batch_task_ref_spectrum  (EpiBatchTask    *self);
GError       *epi_batch_task_dup_error     (EpiBatchTask    *self);

gboolean      epi_batch_task_cancel        (EpiBatchTask    *self);

G_END_DECLS
