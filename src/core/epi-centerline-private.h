/* epi-centerline-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the centerline finder share, and nothing else
 * includes: epi-centerline-ink.c (ink, its regions and the candidate
 * strokes among them), epi-centerline-skeleton.c (the candidates'
 * skeletons, and which are strokes or dots) and epi-centerline.c (the
 * passes over each plane, and the redrawing of the line finder's mask).
 * Private to src/core, never installed.
 */

#pragma once

#include "epi-centerline.h"

G_BEGIN_DECLS

/* Outline pixels this far outside a stroke (pixels, either axis) are
 * its outline too: the finder places an edge up to a pixel either side
 * of the ink's rim. */
#define ERASE_MARGIN        2
/* Bits of line left this much further out, the fringe, may be crumbs of
 * a stroke's outline too (drop_crumbs() in epi-centerline.c). */
#define FRINGE_MARGIN       3

enum
{
  NO_INK = 0,
  DARK   = 1,
  LIGHT  = 2,
  SEEN   = 0x80,
};

enum
{
  FRINGE      = 1,
  NEAR        = 2,
  CLAIMED     = 3,
  CLAIMED_INK = 4, /* claimed by a stroke of clear ink */
};

typedef struct
{
  guint         w;
  guint         h;
  gboolean      drawn;         /* a drawn picture (see epi_centerlines_apply()) */
  double        max_half_width;
  const guint8 *gray;          /* the plane looked at; not owned */
  const guint8 *mask;          /* the line finder's lines; not owned */

  /* Owned, one value a pixel. */
  guint8       *ink;           /* NO_INK, DARK or LIGHT, | SEEN once gathered */
  guint8       *plane;         /* candidates of one kind, then their
                                * skeletons; clear between kinds */
  guint8       *erase;         /* CLAIMED on strokes; NEAR around them, where
                                * outlines go; FRINGE around that, where
                                * crumbs of them go */
  guint8       *add;           /* on skeletons of strokes, the label of the
                                * pass and kind that found them */
  guint16      *dist;          /* chamfer distances on the plane,
                                * valid around the candidates at hand */

  /* Owned, per cell of the plane looked at. */
  guint8       *cell_mean;     /* the mean gray around it */
  guint8       *cell_mid;      /* midway between the darkest and the
                                * lightest gray around it */
  guint         cells_across;

  /* Owned arrays. */
  GArray       *pixels;        /* indices of the region being gathered */
  GArray       *members;       /* indices of the pixels of all candidates */
  GArray       *candidates;    /* of Candidate */

  guint8        skeleton_label;
  guint         changed_x0;    /* the box of the strokes found with their */
  guint         changed_y0;    /* fringes, inclusive */
  guint         changed_x1;
  guint         changed_y1;
  guint         n_strokes;
} Finder;

typedef struct
{
  guint  x0, y0, x1, y1; /* bounding box, inclusive */
  gsize  rim;            /* pixels with a 4-neighbour outside the region */
  guint8 kind;           /* DARK or LIGHT */
} Region;

/* A region that passed the cheap tests, waiting to be thinned. */
typedef struct
{
  guint    first;        /* its pixels in Finder.members */
  guint    n;
  Region   region;
  gboolean clear_ink;    /* told by its look, not by the finder's outline */
  guint8   background;   /* clear ink: the gray around it */
  guint8   contrast;     /* clear ink: from there to its darkest (lightest) */
  gboolean alive;        /* FALSE once it fails a test */
  gboolean dot;          /* clear ink too small and round to be a stroke */
} Candidate;

/* epi-centerline-ink.c */

/* Sets f->ink, NO_INK, DARK or LIGHT, for the plane f->gray, and the
 * levels of its cells; f->cell_mean and f->cell_mid must be NULL. */
void     epi_centerline_find_ink        (Finder       *f);
/* Whether the region pixel @i of @kind (never on the frame) has a
 * 4-neighbour that is not ink of @kind. */
gboolean epi_centerline_on_rim          (const Finder *f,
                                         gsize         i,
                                         guint8        kind);
/* Gathers the region of ink around @start into f->pixels, marking its
 * pixels SEEN. */
void     epi_centerline_gather_region   (Finder       *f,
                                         gsize         start,
                                         Region       *region);
/* Adds the region in f->pixels to f->candidates if it passes the cheap
 * tests. */
void     epi_centerline_consider_region (Finder       *f,
                                         const Region *region);

/* epi-centerline-skeleton.c */

/* Thins the candidates of @kind and claims the strokes among them, and
 * the dots next to strokes, in f->erase, their lines in f->add;
 * f->plane is left clear. */
void     epi_centerline_settle_kind     (Finder       *f,
                                         guint8        kind);

G_END_DECLS
