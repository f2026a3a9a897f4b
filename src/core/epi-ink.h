/* epi-ink.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "epi-spectrum.h"

G_BEGIN_DECLS

/* Segments stroked as one path: a live view caches its trace in blocks
 * of this many, and a still is stroked a block at a time. */
#define EPI_INK_BLOCK 64

/* Steps of opacity a fading trail is drawn in. */
#define EPI_INK_TRAIL_LEVELS 16

/* A point of the trace: where the pen was at @time (in turns). */
typedef struct
{
  double   time;
  double   x;
  double   y;
  gboolean pen_down;  /* the stroke from here to the next point is drawn */
} EpiTracePoint;

gboolean epi_ink_pen_is_down (const EpiSpectrum *spectrum,
                              guint              j);
void epi_ink_path_point (const EpiSpectrum    *spectrum,
                         const double         *samples,
                         guint                 j,
                         EpiTracePoint        *point);
void epi_ink_stroke     (cairo_t              *cr,
                         const cairo_matrix_t *matrix,
                         const EpiTracePoint  *points,
                         guint                 n_points,
                         double                line_width);
void epi_ink_stroke_rgb (cairo_t              *cr,
                         const cairo_matrix_t *matrix,
                         const EpiTracePoint  *points,
                         guint                 n_points,
                         double                line_width,
                         const double          rgb[3]);

void epi_ink_stroke_rgba (cairo_t              *cr,
                          const cairo_matrix_t *matrix,
                          const EpiTracePoint  *points,
                          guint                 n_points,
                          double                line_width,
                          const double          rgb[3],
                          double                alpha);
void epi_ink_stroke_trail (cairo_t              *cr,
                           const cairo_matrix_t *matrix,
                           const EpiTracePoint  *points,
                           guint                 n_points,
                           double                now,
                           double                trail,
                           double                line_width,
                           const double          rgb[3],
                           int                   width,
                           int                   height);

G_END_DECLS
