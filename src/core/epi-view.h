/* epi-view.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define EPI_VIEW_MIN_ZOOM   0.05
#define EPI_VIEW_MAX_ZOOM   500.0
/* The share of the target a fitted drawing fills on its tighter side. */
#define EPI_VIEW_FIT_MARGIN 0.92

/* Which part of a drawing a target shows, and how large: a plain value,
 * copied freely. Drawing coordinates are the drawing's own (0 … width,
 * 0 … height); device coordinates are a target's pixels, (0, 0) at its
 * top left. The view knows no target: every transform is given the
 * target's size, so one view serves targets of any size. */
typedef struct
{
  double drawing_width;   /* the drawing's frame; 0 × 0 when there is none */
  double drawing_height;
  double center_x;        /* drawing coordinates at the target's centre */
  double center_y;
  double zoom;            /* over the scale that fits the drawing,
                             EPI_VIEW_MIN_ZOOM … EPI_VIEW_MAX_ZOOM */
} EpiView;

void     epi_view_init       (EpiView              *view,
                              double                drawing_width,
                              double                drawing_height);
void     epi_view_fit        (EpiView              *view);
gboolean epi_view_zoom_at    (EpiView              *view,
                              double                factor,
                              double                x,
                              double                y);
gboolean epi_view_pan        (EpiView              *view,
                              double                dx,
                              double                dy);
double   epi_view_get_scale  (const EpiView        *view,
                              int                   width,
                              int                   height);
void     epi_view_get_matrix (const EpiView        *view,
                              int                   width,
                              int                   height,
                              cairo_matrix_t       *matrix);
void     epi_view_to_drawing (const EpiView        *view,
                              int                   width,
                              int                   height,
                              double                device_x,
                              double                device_y,
                              double               *x,
                              double               *y);
void     epi_view_to_device  (const EpiView        *view,
                              int                   width,
                              int                   height,
                              double                x,
                              double                y,
                              double               *device_x,
                              double               *device_y);

G_END_DECLS
