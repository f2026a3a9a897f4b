/* epi-task-row.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-task-item.h"

G_BEGIN_DECLS

#define EPI_TYPE_TASK_ROW (epi_task_row_get_type ())

G_DECLARE_FINAL_TYPE (EpiTaskRow, epi_task_row, EPI, TASK_ROW, GtkWidget)

GtkWidget   *epi_task_row_new      (void);
EpiTaskItem *epi_task_row_get_item (EpiTaskRow  *self);
void         epi_task_row_set_item (EpiTaskRow  *self,
                                    EpiTaskItem *item);

G_END_DECLS
