/* epi-canvas.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "epi-core.h"

G_BEGIN_DECLS

#define EPI_TYPE_CANVAS (epi_canvas_get_type ())

G_DECLARE_FINAL_TYPE (EpiCanvas, epi_canvas, EPI, CANVAS, GtkWidget)

GtkWidget   *epi_canvas_new          (void);
EpiRenderer *epi_canvas_get_renderer (EpiCanvas         *self);
void         epi_canvas_set_spectrum (EpiCanvas         *self,
                                      const EpiSpectrum *spectrum);
gboolean     epi_canvas_get_playing  (EpiCanvas         *self);
void         epi_canvas_set_playing  (EpiCanvas         *self,
                                      gboolean           playing);
void         epi_canvas_reset        (EpiCanvas         *self);
double       epi_canvas_get_speed    (EpiCanvas         *self);
void         epi_canvas_set_speed    (EpiCanvas         *self,
                                      double             speed);
void         epi_canvas_zoom         (EpiCanvas         *self,
                                      double             factor);
void         epi_canvas_fit          (EpiCanvas         *self);
void         epi_canvas_pan_pixels   (EpiCanvas         *self,
                                      double             dx,
                                      double             dy);
gboolean     epi_canvas_get_show_circles (EpiCanvas     *self);
void         epi_canvas_set_show_circles (EpiCanvas     *self,
                                          gboolean       show);
gboolean     epi_canvas_get_has_drawing (EpiCanvas      *self);
double       epi_canvas_get_percentage (EpiCanvas       *self);
guint64      epi_canvas_get_frame    (EpiCanvas         *self);
double       epi_canvas_get_fps      (EpiCanvas         *self);

double       epi_canvas_get_time     (EpiCanvas         *self);
void         epi_canvas_set_time     (EpiCanvas         *self,
                                      double             time);
guint        epi_canvas_get_n_terms  (EpiCanvas         *self);
void         epi_canvas_set_n_terms  (EpiCanvas         *self,
                                      guint              n_terms);
guint        epi_canvas_get_max_terms (EpiCanvas        *self);
gboolean     epi_canvas_get_follow_pen (EpiCanvas       *self);
void         epi_canvas_set_follow_pen (EpiCanvas       *self,
                                        gboolean         follow_pen);
double       epi_canvas_get_trail    (EpiCanvas         *self);
void         epi_canvas_set_trail    (EpiCanvas         *self,
                                      double             trail);

G_END_DECLS
