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

/* Follows the pixels of @edges (a one-pixel-wide mask, only read) into
 * chains, drops the specks (pieces under options->min_chain pixels),
 * orders every chain left into one closed tour (nearest neighbour, then
 * 2-opt) and resamples it by arc length to options->n_points samples, or
 * with 0 to one per options->spacing pixels of tour, at most
 * options->max_points. @options may be NULL for the defaults; @stats,
 * when not NULL, is filled with what was done (lengths in pixels), even
 * on failure as far as the tracer got.
 * @cancellable is checked between steps and inside the 2-opt pass. Any
 * thread.
 * Returns: (transfer full): the path, to free with epi_path_free(), in
 * pixels of the mask's frame (width × height), its jumps between chains
 * as pen-up spans in samples; or NULL with EPI_ERROR_INVALID_ARGUMENT
 * (a sample count outside 2 to EPI_MAX_POINTS), EPI_ERROR_NO_LINES
 * (nothing but specks) or G_IO_ERROR_CANCELLED. */
EpiPath *epi_trace              (const EpiEdgeMap      *edges,
                                 const EpiTraceOptions *options,
                                 GCancellable          *cancellable,
                                 EpiTraceStats         *stats,
                                 GError               **error);

G_END_DECLS
