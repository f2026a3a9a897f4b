/* epi-canvas-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-canvas.h"

G_BEGIN_DECLS

typedef struct _EpiInkSheet EpiInkSheet;

EpiInkSheet *epi_ink_sheet_new       (void);
void         epi_ink_sheet_free      (EpiInkSheet        *sheet);
GArray      *epi_ink_sheet_update    (EpiInkSheet        *sheet,
                                      EpiRenderer        *renderer,
                                      const EpiView      *view,
                                      int                 width,
                                      int                 height,
                                      int                 scale,
                                      const GdkRGBA      *ink,
                                      gint64              budget,
                                      gboolean           *caught_up);
void         epi_ink_sheet_snapshot  (EpiInkSheet        *sheet,
                                      GtkSnapshot        *snapshot);

void         epi_canvas_append_tail      (GtkSnapshot        *snapshot,
                                          GArray             *tail,
                                          const EpiView      *view,
                                          int                 width,
                                          int                 height,
                                          const GdkRGBA      *ink,
                                          double              pen_x,
                                          double              pen_y,
                                          gboolean            to_pen);
void         epi_canvas_append_epicycles (GtkSnapshot        *snapshot,
                                          const EpiEpicycles *epicycles,
                                          const EpiView      *view,
                                          int                 width,
                                          int                 height,
                                          const GdkRGBA      *ink,
                                          double              opacity,
                                          gboolean            large_drawn);
void         epi_canvas_stroke_large_circles (cairo_t            *cr,
                                              const EpiEpicycles *epicycles,
                                              int                 width,
                                              int                 height,
                                              const GdkRGBA      *ink,
                                              double              opacity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiInkSheet, epi_ink_sheet_free)

G_END_DECLS
