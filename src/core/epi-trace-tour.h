/* epi-trace-tour.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracer's tour: the order in which the pen draws the chains, and
 * which way it walks each, so that the travel with the pen lifted
 * between them is short; then the chains laid end to end in that order
 * as one closed polyline. Used by epi-trace.c; private to src/core,
 * never installed. Plain data for one thread.
 */

#pragma once

#include <gio/gio.h>

#include "epi-trace-chains.h"

G_BEGIN_DECLS

/* A closed order over the chains. Chain c has the end points 2c (its
 * first pixel) and 2c + 1 (its last), at pixel centres. */
typedef struct
{
  guint   n;       /* chains */
  double *ex;      /* owned; x of each end point, pixels, 2 per chain */
  double *ey;      /* owned; y of each end point */
  guint  *order;   /* owned; chain at each position */
  guint8 *flip;    /* owned; 1 where the chain is walked backwards */
  guint  *pos_of;  /* owned; position of each chain */
} Tour;

/* The tour as vertices, with the jumps between chains marked. */
typedef struct
{
  GArray *x;      /* owned; double, pixels; vertices of the closed polyline */
  GArray *y;      /* owned; double, pixels */
  GArray *up;     /* owned; guint8; 1 where the segment from this vertex
                   * to the next is a lift */
} Polyline;

/* A tour over the @n_chains chains (n_chains > 0) in @chains, whose
 * pixels are in @pixels; not yet ordered (see epi_trace_tour_plan()).
 * Free with epi_trace_tour_free(). */
Tour     *epi_trace_tour_new     (const Pixel  *pixels,
                                  const Chain  *chains,
                                  guint         n_chains);
void      epi_trace_tour_free    (Tour         *t);
/* Orders the tour over a frame of width × height pixels. Closed loops
 * among the chains are turned to start where the jumps in and out are
 * shortest, which reorders their pixels in @pixels. Stores the pen-up
 * travel of the first, greedy order (pixels) in @pen_up_length_nn.
 * Returns FALSE, with the tour unfinished, if @cancellable was
 * cancelled. */
gboolean  epi_trace_tour_plan    (Tour         *t,
                                  double        width,
                                  double        height,
                                  Pixel        *pixels,
                                  const Chain  *chains,
                                  GCancellable *cancellable,
                                  double       *pen_up_length_nn);
/* Lays the chains out in tour order, one vertex at each pixel centre;
 * the last vertex of a chain starts a lift unless the next chain begins
 * on a neighbouring pixel. Free with epi_trace_polyline_free(). */
Polyline *epi_trace_tour_lay_out (const Tour   *t,
                                  const Pixel  *pixels,
                                  const Chain  *chains);
void      epi_trace_polyline_free (Polyline    *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tour, epi_trace_tour_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Polyline, epi_trace_polyline_free)

G_END_DECLS
