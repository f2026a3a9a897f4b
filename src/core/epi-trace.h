/* epi-trace.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-edges.h"
#include "epi-path.h"

G_BEGIN_DECLS

/* Samples of an automatic path at most (see EpiTraceOptions.max_points);
 * EPI_MAX_POINTS, in epi-path.h, bounds every path. */
#define EPI_DEFAULT_MAX_POINTS 65536

typedef struct
{
  guint  min_chain;  /* pieces of the mask with fewer pixels are specks and
                      * dropped */
  guint  n_points;   /* samples of the final path, 2 … EPI_MAX_POINTS; 0
                      * for automatic */
  double spacing;    /* automatic: one sample per this many pixels of tour,
                      * above 0 */
  guint  max_points; /* automatic: at most this many samples, 2 …
                      * EPI_MAX_POINTS */
} EpiTraceOptions;

/* What the tracer did, to explain the result. */
typedef struct
{
  guint  n_chains;           /* chains kept in the tour */
  guint  n_specks;           /* chains dropped as specks */
  gsize  n_pixels;           /* edge pixels in the kept chains */
  double pen_down_length;    /* pixels of drawn stroke */
  double pen_up_length;      /* pixels of travel with the pen lifted */
  double pen_up_length_nn;   /* the same before the 2-opt pass */
} EpiTraceStats;

/* Sets @options to the defaults: specks under 6 pixels, two samples a
 * pixel of tour, at most EPI_DEFAULT_MAX_POINTS of them. */
void     epi_trace_options_init (EpiTraceOptions       *options);

/* Draws the lines of @edges as one closed pen path in the frame of the
 * mask (pixels), evenly spaced samples with the travel between strokes
 * marked as pen-up spans. @options may be NULL for the defaults; @stats,
 * if not NULL, is filled in even on failure, as far as the tracer got.
 * Any thread; @edges is only read. @cancellable is checked once the
 * chains are found and between the passes of the tour.
 * Returns: (transfer full): the path, or NULL with
 * EPI_ERROR_INVALID_ARGUMENT (options out of range), EPI_ERROR_NO_LINES
 * (only specks) or G_IO_ERROR_CANCELLED. */
EpiPath *epi_trace              (const EpiEdgeMap      *edges,
                                 const EpiTraceOptions *options,
                                 GCancellable          *cancellable,
                                 EpiTraceStats         *stats,
                                 GError               **error);

G_END_DECLS
