/* epi-epicycles.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "epi-spectrum.h"
#include "epi-view.h"

G_BEGIN_DECLS

/* The most circles (and arms) one frame draws: the first of a pixel or
 * more, which are the strongest. The samples' drawings fitted to a window
 * have under 200 such circles, and about 400 zoomed in four times; a
 * forged drawing may claim EPI_MAX_TERMS, whose strokes took minutes. */
#define EPI_EPICYCLES_MAX_CIRCLES 512
/* The pen's dot, in device pixels. */
#define EPI_EPICYCLES_PEN_RADIUS  3.0

/* One circle of the chain, in device pixels. */
typedef struct
{
  double x;
  double y;
  double radius;
} EpiCircle;

/* The chain of circles at one moment, as a target of some size shows it:
 * a plain value, about 12 KiB, kept by its user between frames. */
typedef struct
{
  EpiCircle circles[EPI_EPICYCLES_MAX_CIRCLES]; /* strongest first */
  guint     n_circles;
  double    max_radius;   /* device pixels, of the circles kept */
  double    pen_x;        /* drawing coordinates: the sum of every term */
  double    pen_y;
} EpiEpicycles;

void   epi_epicycles_place        (EpiEpicycles       *epicycles,
                                   const EpiSpectrum  *spectrum,
                                   double              time,
                                   const EpiView      *view,
                                   int                 width,
                                   int                 height);
int    epi_epicycles_circle_level (const EpiEpicycles *epicycles,
                                   guint               i);
double epi_epicycles_level_alpha  (int                 level);
void   epi_epicycles_stroke       (const EpiEpicycles *epicycles,
                                   cairo_t            *cr,
                                   const EpiView      *view,
                                   int                 width,
                                   int                 height);
void   epi_epicycles_fill_pen     (cairo_t            *cr,
                                   const EpiView      *view,
                                   int                 width,
                                   int                 height,
                                   double              pen_x,
                                   double              pen_y);

G_END_DECLS
