/* epi-edges.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-image.h"

G_BEGIN_DECLS

/* How lines are found. */
typedef enum
{
  EPI_LINE_FINDER_BOUNDARIES, /* the boundaries a person would draw (epi-boundary.c) */
  EPI_LINE_FINDER_CANNY,      /* every step in brightness (Canny, 1986) */
  EPI_N_LINE_FINDERS
} EpiLineFinder;

#define EPI_DEFAULT_DETAIL 0.5
/* Canny's largest Gaussian blur radius, in pixels. */
#define EPI_EDGE_MAX_SIGMA 20.0

typedef struct
{
  EpiLineFinder finder;
  double detail;         /* boundaries: 0 keeps only the surest lines, 1
                          * every likely one */
  double sigma;          /* Canny: Gaussian blur radius in pixels */
  double low_threshold;  /* Canny: gradient magnitudes; negative means automatic */
  double high_threshold;
} EpiEdgeOptions;

/* A one-pixel-wide edge mask. */
typedef struct
{
  guint   width;
  guint   height;
  guint8 *mask;          /* owned; width * height, 1 on an edge, 0 elsewhere */
  gsize   n_edge_pixels;
  double  low_threshold; /* the thresholds actually used: gradient
                          * magnitudes for Canny, probabilities for
                          * boundaries */
  double  high_threshold;
} EpiEdgeMap;

/* The name of @finder as the CLI spells it ("boundaries", "canny"); static
 * string. */
const char *epi_line_finder_get_name  (EpiLineFinder         finder);
/* The finder named @name (see epi_line_finder_get_name()); FALSE, and
 * @finder untouched, for any other name. */
gboolean    epi_line_finder_from_name (const char           *name,
                                       EpiLineFinder        *finder);

void        epi_edge_options_init (EpiEdgeOptions       *options);

EpiEdgeMap *epi_edge_map_new      (guint                 width,
                                   guint                 height);
void        epi_edge_map_free     (EpiEdgeMap           *edges);
void        epi_edge_map_count    (EpiEdgeMap           *edges);

/* The lines of @image as a one-pixel-wide mask of its size. @options
 * may be NULL for the defaults. The boundary finder gives way to Canny
 * for pictures under 32 pixels a side and for drawn pictures (few
 * colours, mostly flat: logos, line art, text), which have no texture to
 * leave out. Any thread; @image is only read.
 * Returns: (transfer full): the mask (the working image's width × height
 * in pixels, one byte each), to free with epi_edge_map_free(), with the
 * thresholds used; or NULL with EPI_ERROR_NO_LINES
 * (nothing found, or a picture under 3 pixels a side) or
 * EPI_ERROR_INVALID_ARGUMENT (blur or detail out of range). */
EpiEdgeMap *epi_edges_detect      (const EpiImage       *image,
                                   const EpiEdgeOptions *options,
                                   GError              **error);

/* Thins @mask (width × height bytes, each 0 or 1) in place to 8-connected
 * lines one pixel wide, keeping their connections and end points
 * (Zhang–Suen, then removal of pixels whose neighbours stay connected
 * without them). The outermost rows and columns are left as they are. */
void        epi_edges_thin        (guint8               *mask,
                                   guint                 width,
                                   guint                 height);

/* Whether @mask (width × height bytes) has a line pixel within @distance
 * pixels (the larger of the two offsets) of (@x, @y). */
gboolean    epi_edges_line_near   (const guint8         *mask,
                                   guint                 width,
                                   guint                 height,
                                   guint                 x,
                                   guint                 y,
                                   guint                 distance);

/* For each pixel of @mask (width × height bytes), the number of pixels of
 * the 8-connected piece of the mask that holds it; 0 off the mask.
 * Returns: (transfer full): width * height numbers */
guint32    *epi_edges_piece_sizes (const guint8         *mask,
                                   guint                 width,
                                   guint                 height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiEdgeMap, epi_edge_map_free)

G_END_DECLS
