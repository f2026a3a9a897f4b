/* epi-renderer.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "epi-epicycles.h"
#include "epi-ink.h"
#include "epi-spectrum.h"
#include "epi-view.h"

G_BEGIN_DECLS

/* Seconds one whole drawing takes at 1× speed. */
#define EPI_RENDERER_TURN_SECONDS 12.0
#define EPI_RENDERER_MIN_SPEED    0.1
#define EPI_RENDERER_MAX_SPEED    10.0
/* The trace's line width, in device pixels. */
#define EPI_RENDERER_TRACE_WIDTH  1.5

/* The view's zoom when it starts following the pen. */
#define EPI_RENDERER_FOLLOW_ZOOM  4.0

/* The most circles (and arms) one frame draws. */
#define EPI_RENDERER_MAX_CIRCLES  EPI_EPICYCLES_MAX_CIRCLES

/* Frames of one full turn in the export presets. */
typedef enum
{
  EPI_QUALITY_FAST = 30,
  EPI_QUALITY_BALANCED = 120,
  EPI_QUALITY_QUALITY = 360,
} EpiQuality;

#define EPI_TYPE_RENDERER (epi_renderer_get_type ())

G_DECLARE_FINAL_TYPE (EpiRenderer, epi_renderer, EPI, RENDERER, GObject)

/* Told of every frame drawn, on the thread that drew it, with the
 * renderer's lock held (calling back into the renderer is fine, adding
 * and removing observers included). @time is in turns, 0 … 1, and
 * @percentage is 100 × @time. */
typedef void (*EpiFrameObserver) (EpiRenderer *renderer,
                                  guint64      frame,
                                  double       time,
                                  double       percentage,
                                  gpointer     user_data);

EpiRenderer *epi_renderer_new              (void);

void         epi_renderer_set_spectrum     (EpiRenderer       *self,
                                            const EpiSpectrum *spectrum);
gboolean     epi_renderer_has_spectrum     (EpiRenderer       *self);

void         epi_renderer_set_speed        (EpiRenderer       *self,
                                            double             speed);
double       epi_renderer_get_speed        (EpiRenderer       *self);
void         epi_renderer_set_playing      (EpiRenderer       *self,
                                            gboolean           playing);
gboolean     epi_renderer_get_playing      (EpiRenderer       *self);
void         epi_renderer_advance          (EpiRenderer       *self,
                                            double             seconds);
void         epi_renderer_set_time         (EpiRenderer       *self,
                                            double             time);
double       epi_renderer_get_time         (EpiRenderer       *self);
double       epi_renderer_get_percentage   (EpiRenderer       *self);
void         epi_renderer_reset            (EpiRenderer       *self);

void         epi_renderer_clear_trace      (EpiRenderer       *self);
GArray      *epi_renderer_copy_trace       (EpiRenderer       *self);

void         epi_renderer_zoom             (EpiRenderer       *self,
                                            double             factor);
void         epi_renderer_zoom_at          (EpiRenderer       *self,
                                            double             factor,
                                            double             x,
                                            double             y);
void         epi_renderer_pan              (EpiRenderer       *self,
                                            double             dx,
                                            double             dy);
void         epi_renderer_fit              (EpiRenderer       *self);
void         epi_renderer_get_view         (EpiRenderer       *self,
                                            EpiView           *view);

void         epi_renderer_set_show_circles (EpiRenderer       *self,
                                            gboolean           show);
gboolean     epi_renderer_get_show_circles (EpiRenderer       *self);

guint        epi_renderer_add_observer     (EpiRenderer       *self,
                                            EpiFrameObserver   observer,
                                            gpointer           user_data,
                                            GDestroyNotify     destroy);
void         epi_renderer_remove_observer  (EpiRenderer       *self,
                                            guint              id);

gboolean     epi_renderer_render_frame      (EpiRenderer   *self,
                                             cairo_t       *cr,
                                             int            width,
                                             int            height,
                                             guint64        frame);
gboolean     epi_renderer_render_frame_full (EpiRenderer   *self,
                                             cairo_t       *cr,
                                             int            width,
                                             int            height,
                                             guint64        frame,
                                             GCancellable  *cancellable,
                                             GError       **error);
gboolean     epi_renderer_place_frame       (EpiRenderer   *self,
                                             int            width,
                                             int            height,
                                             guint64        frame,
                                             EpiEpicycles  *epicycles,
                                             EpiView       *view,
                                             double        *time);
GArray      *epi_renderer_copy_trace_from   (EpiRenderer   *self,
                                             guint          first,
                                             guint64       *serial);
guint        epi_renderer_get_circles_drawn (EpiRenderer   *self);
void         epi_renderer_set_catch_up_budget (EpiRenderer *self,
                                              gint64       microseconds);
gboolean     epi_renderer_is_caught_up      (EpiRenderer   *self);


void         epi_renderer_set_n_terms       (EpiRenderer   *self,
                                             guint          n_terms);
guint        epi_renderer_get_n_terms       (EpiRenderer   *self);
guint        epi_renderer_get_max_terms     (EpiRenderer   *self);
void         epi_renderer_set_follow_pen    (EpiRenderer   *self,
                                             gboolean       follow_pen);
gboolean     epi_renderer_get_follow_pen    (EpiRenderer   *self);
void         epi_renderer_set_trail         (EpiRenderer   *self,
                                             double         trail);
double       epi_renderer_get_trail         (EpiRenderer   *self);
gboolean     epi_renderer_strokes_whole_trace (EpiRenderer *self);
void         epi_renderer_stroke_trace      (EpiRenderer   *self,
                                             cairo_t       *cr,
                                             const EpiView *view,
                                             int            width,
                                             int            height,
                                             const double   rgb[3],
                                             double         pen_x,
                                             double         pen_y);

G_END_DECLS
