/* epi-edges.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-image.h"

G_BEGIN_DECLS

typedef struct
{
  double sigma;          /* Gaussian blur radius in pixels */
  double low_threshold;  /* gradient magnitudes; negative means automatic */
  double high_threshold;
} EpiEdgeOptions;

/* A one-pixel-wide edge mask. */
typedef struct
{
  guint   width;
  guint   height;
  guint8 *mask;          /* owned; width * height, 1 on an edge, 0 elsewhere */
  gsize   n_edge_pixels;
  double  low_threshold; /* the thresholds actually used */
  double  high_threshold;
} EpiEdgeMap;

void        epi_edge_options_init (EpiEdgeOptions       *options);

EpiEdgeMap *epi_edge_map_new      (guint                 width,
                                   guint                 height);
void        epi_edge_map_free     (EpiEdgeMap           *edges);
void        epi_edge_map_count    (EpiEdgeMap           *edges);

EpiEdgeMap *epi_edges_detect      (const EpiImage       *image,
                                   const EpiEdgeOptions *options,
                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiEdgeMap, epi_edge_map_free)

G_END_DECLS
