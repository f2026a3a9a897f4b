/* epi-alpha-lines.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines hidden in transparency. Composited on white, a white or pale
 * shape on a transparent background vanishes; its outline is still in
 * the coverage. The outline is the inner boundary of the region covered
 * by at least one half (the pixels of the region with a 4-neighbour
 * outside it), thinned to one pixel with epi_edges_thin(), then merged
 * into the line finder's mask where the mask has no line of its own.
 */

#include "config.h"

#include "epi-alpha-lines.h"

/* The coverage that counts as inside: one half, where an anti-aliased
 * outline has its true position. */
#define COVERED           128
/* A boundary only counts where the coverage changes this much within two
 * pixels: the rim of a shape, not the middle of a soft shadow. */
#define MIN_STEP          96
/* An outline this close to a line of the mask (in pixels, either axis)
 * is that line seen twice. */
#define MERGE_DISTANCE    2
/* Pieces of outline left shorter than this, between stretches dropped as
 * duplicates, are dots, not lines. */
#define MIN_PIECE         4

static gboolean
is_covered (const guint8 *alpha,
            gsize         i,
            guint8        covered)
{
  return alpha[i] >= covered;
}

/* Whether the coverage ranges over at least MIN_STEP in the 5×5 window
 * around (x, y). */
static gboolean
is_sharp (const guint8 *alpha,
          guint         w,
          guint         h,
          guint         x,
          guint         y)
{
  guint8 lo = 255, hi = 0;

  for (guint yy = y > 2 ? y - 2 : 0; yy <= MIN (h - 1, y + 2); yy++)
    for (guint xx = x > 2 ? x - 2 : 0; xx <= MIN (w - 1, x + 2); xx++)
      {
        guint8 a = alpha[(gsize) yy * w + xx];

        lo = MIN (lo, a);
        hi = MAX (hi, a);
      }

  return hi - lo >= MIN_STEP;
}

/* Clears the 8-connected pieces of @outline with fewer than MIN_PIECE
 * pixels. */
static void
drop_dots (guint8 *outline,
           guint   w,
           guint   h)
{
  g_autofree guint32 *size_of = epi_edges_piece_sizes (outline, w, h);

  for (gsize i = 0; i < (gsize) w * h; i++)
    if (size_of[i] < MIN_PIECE)
      outline[i] = 0;
}

/* @soft: also soft or faint outlines, at half the strongest coverage. */
static void
add_alpha_lines (const EpiImage *image,
                 EpiEdgeMap     *edges,
                 gboolean        soft)
{
  g_autofree guint8 *outline = NULL;
  const guint8 *alpha;
  guint8 covered = COVERED;
  guint w, h;
  gsize n;

  g_return_if_fail (image != NULL);
  g_return_if_fail (edges != NULL);
  g_return_if_fail (edges->width == image->width && edges->height == image->height);

  alpha = image->alpha;
  w = image->width;
  h = image->height;
  n = (gsize) w * h;
  if (alpha == NULL || w < 3 || h < 3)
    return;
  if (soft)
    {
      guint8 most = 0;

      for (gsize i = 0; i < n; i++)
        most = MAX (most, alpha[i]);
      covered = MAX (1, (most + 1) / 2);
    }

  /* The frame of the picture is no outline: a shape that runs off the
   * canvas is cut there, not drawn. Leaving the frame out also lets the
   * thinning, which does not touch it, reach every pixel. */
  outline = g_malloc0 (n);
  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;

        if (!is_covered (alpha, i, covered))
          continue;
        if (!is_covered (alpha, i - 1, covered) || !is_covered (alpha, i + 1, covered) ||
            !is_covered (alpha, i - w, covered) || !is_covered (alpha, i + w, covered))
          outline[i] = soft || is_sharp (alpha, w, h, x, y);
      }

  epi_edges_thin (outline, w, h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;

        if (outline[i] && epi_edges_line_near (edges->mask, w, h, x, y, MERGE_DISTANCE))
          outline[i] = 0;
      }

  drop_dots (outline, w, h);

  /* Where a stretch was dropped, the outline can end in a corner pixel. */
  epi_edges_thin (outline, w, h);

  /* What is left keeps more than MERGE_DISTANCE from every line of the
   * mask, so the union is still one pixel wide. */
  for (gsize i = 0; i < n; i++)
    edges->mask[i] |= outline[i];
}

void
epi_alpha_lines_apply (const EpiImage *image,
                       EpiEdgeMap     *edges)
{
  add_alpha_lines (image, edges, FALSE);
}

void
epi_alpha_lines_apply_soft (const EpiImage *image,
                            EpiEdgeMap     *edges)
{
  add_alpha_lines (image, edges, TRUE);
}
