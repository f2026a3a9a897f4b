/* epi-path.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most samples a path may have, even when asked for explicitly: the
 * tracer, the spectrum and the payload reader all hold to it. */
#define EPI_MAX_POINTS (1u << 20)

/* A run of samples where the pen is lifted: samples start … start+length-1. */
typedef struct
{
  guint32 start;
  guint32 length;
} EpiSpan;

/* One closed pen path of evenly spaced samples. Coordinates are in the
 * frame width × height, with the pixel (i, j) covering [i, i+1) × [j, j+1). */
typedef struct
{
  double   width;
  double   height;
  guint    n_points;
  double  *xy;       /* owned; 2 * n_points, x and y interleaved */
  guint    n_spans;
  EpiSpan *spans;    /* owned; sorted, disjoint and separated */
} EpiPath;

EpiPath *epi_path_new          (guint          n_points,
                                guint          n_spans);
void     epi_path_free         (EpiPath       *path);
void     epi_path_rescale      (EpiPath       *path,
                                double         width,
                                double         height);
gboolean epi_spans_contain     (const EpiSpan *spans,
                                guint          n_spans,
                                guint          index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiPath, epi_path_free)

G_END_DECLS
