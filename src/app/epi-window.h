/* epi-window.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-application.h"

G_BEGIN_DECLS

#define EPI_TYPE_WINDOW (epi_window_get_type ())

G_DECLARE_FINAL_TYPE (EpiWindow, epi_window, EPI, WINDOW, GtkApplicationWindow)

EpiWindow *epi_window_new         (EpiApplication *application);
void       epi_window_add_files   (EpiWindow      *self,
                                   GFile         **files,
                                   guint           n_files);
guint      epi_window_get_n_files (EpiWindow      *self);

G_END_DECLS
