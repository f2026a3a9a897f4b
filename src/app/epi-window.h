/* epi-window.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-task-item.h"

G_BEGIN_DECLS

#define EPI_TYPE_WINDOW (epi_window_get_type ())

G_DECLARE_FINAL_TYPE (EpiWindow, epi_window, EPI, WINDOW, AdwApplicationWindow)

EpiWindow  *epi_window_new             (EpiApplication *application);
void        epi_window_add_files       (EpiWindow      *self,
                                        GFile         **files,
                                        guint           n_files);
GListModel *epi_window_get_items       (EpiWindow      *self);
EpiCanvas  *epi_window_get_canvas      (EpiWindow      *self);
GtkDropTarget *epi_window_get_drop_target (EpiWindow *self);
GtkWindow  *epi_window_get_password_dialog (EpiWindow  *self);
gboolean    epi_window_is_busy         (EpiWindow      *self);
guint       epi_window_get_n_derived   (EpiWindow      *self);
void        epi_window_select          (EpiWindow      *self,
                                        EpiTaskItem    *item);

G_END_DECLS
