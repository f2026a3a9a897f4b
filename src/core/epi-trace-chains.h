/* epi-trace-chains.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracer's first step: the pixels of an edge mask linked into open
 * chains, each stroke walked once, and the specks among them dropped.
 * Used by epi-trace.c and epi-trace-tour.c; private to src/core, never
 * installed. Plain data for one thread.
 */

#pragma once

#include <glib.h>

#include "epi-edges.h"
#include "epi-trace.h"

G_BEGIN_DECLS

/* A pixel of the edge map; its centre is (x + 0.5, y + 0.5). */
typedef struct
{
  gint32 x;
  gint32 y;
} Pixel;

/* A run of 8-connected pixels, in walking order. */
typedef struct
{
  guint offset; /* of its first pixel in the array of all chains' pixels */
  guint length; /* pixels, at least 1 */
} Chain;

/* Links the pixels of @edges into chains: appends their pixels to
 * @pixels (of Pixel) and the chains, in the order found, to @chains (of
 * Chain). Every edge pixel ends in exactly one chain. */
void    epi_trace_chains_extract (const EpiEdgeMap *edges,
                                  GArray           *pixels,
                                  GArray           *chains);
/* Returns a new array (of Chain) of those of @chains that are strokes
 * rather than specks: at least 2 pixels long and on a piece of the mask
 * of at least MAX (2, @min_chain) pixels. Counts the dropped chains in
 * stats->n_specks, and the kept ones and their pixels in
 * stats->n_chains and stats->n_pixels. */
GArray *epi_trace_chains_strokes (const EpiEdgeMap *edges,
                                  const GArray     *pixels,
                                  const GArray     *chains,
                                  guint             min_chain,
                                  EpiTraceStats    *stats);

G_END_DECLS
