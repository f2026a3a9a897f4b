/* epi-task-item.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "epi-core.h"

G_BEGIN_DECLS

typedef enum
{
  EPI_ITEM_IMAGE,   /* a picture to seal */
  EPI_ITEM_SEALED,  /* a sealed file to open and watch */
} EpiItemKind;

typedef enum
{
  EPI_ITEM_WAITING,   /* a picture not sealed yet */
  EPI_ITEM_QUEUED,
  EPI_ITEM_RUNNING,
  EPI_ITEM_DONE,      /* sealed, or opened */
  EPI_ITEM_FAILED,
  EPI_ITEM_CANCELLED,
  EPI_ITEM_LOCKED,    /* a sealed file waiting for its password */
} EpiItemState;

#define EPI_TYPE_TASK_ITEM (epi_task_item_get_type ())

G_DECLARE_FINAL_TYPE (EpiTaskItem, epi_task_item, EPI, TASK_ITEM, GObject)

EpiTaskItem       *epi_task_item_new           (GFile             *file,
                                                EpiItemKind        kind);
GFile             *epi_task_item_get_file      (EpiTaskItem       *self);
const char        *epi_task_item_get_file_id   (EpiTaskItem       *self);
void               epi_task_item_set_file_id   (EpiTaskItem       *self,
                                                const char        *file_id);
EpiItemKind        epi_task_item_get_kind      (EpiTaskItem       *self);
EpiItemState       epi_task_item_get_state     (EpiTaskItem       *self);
const char        *epi_task_item_get_name      (EpiTaskItem       *self);
const char        *epi_task_item_get_detail    (EpiTaskItem       *self);
const char        *epi_task_item_get_tooltip   (EpiTaskItem       *self);
double             epi_task_item_get_progress  (EpiTaskItem       *self);
GFile             *epi_task_item_get_output    (EpiTaskItem       *self);
EpiBatchTask      *epi_task_item_get_batch_task (EpiTaskItem      *self);
const EpiSpectrum *epi_task_item_get_spectrum  (EpiTaskItem       *self);

void               epi_task_item_queue         (EpiTaskItem       *self,
                                                EpiBatchTask      *task,
                                                GFile             *output);
void               epi_task_item_requeue       (EpiTaskItem       *self);
void               epi_task_item_update        (EpiTaskItem       *self,
                                                EpiTaskState       state,
                                                EpiStage           stage,
                                                double             fraction);
void               epi_task_item_set_opened    (EpiTaskItem       *self,
                                                EpiSpectrum       *spectrum,
                                                const char        *picture_name);
void               epi_task_item_set_failed    (EpiTaskItem       *self,
                                                EpiItemState       state,
                                                const char        *message);
void               epi_task_item_set_error     (EpiTaskItem       *self,
                                                const GError      *error);
gboolean           epi_task_item_get_can_retry (EpiTaskItem       *self);
EpiSecret         *epi_task_item_get_secret    (EpiTaskItem       *self);
EpiKeyring        *epi_task_item_get_keyring   (EpiTaskItem       *self);
void               epi_task_item_set_keyring   (EpiTaskItem       *self,
                                                EpiKeyring        *ring);
void               epi_task_item_set_thumbnail (EpiTaskItem       *self,
                                                GdkPaintable      *thumbnail);

G_END_DECLS
