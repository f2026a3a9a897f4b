/* epi-centerline.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Centerlines for strokes. An edge finder outlines a pen stroke on both
 * of its sides, so bold letters come out hollow, and a finder trained on
 * photos may not see text as strokes at all (it outlines whole words as
 * blobs, or breaks letters into fragments); a drawing wants each stroke
 * once, along its middle.
 *
 *  1. Ink: pixels darker than the mean of a large window around them by a
 *     margin (adaptive thresholding as in Bradley & Roth, "Adaptive
 *     Thresholding Using the Integral Image", 2007), where that mean is
 *     nearer the window's light end, i.e. the background is light; and
 *     the same for light ink on a dark background.
 *  2. Each 8-connected region of ink that is small and thin on average
 *     is a candidate when the line finder outlined it along a rim facing
 *     background, or when it is clear ink, whatever the finder made of
 *     it: far from a background that is even all around it, with a rim
 *     one anti-aliased pixel wide, as text and line art are and photo
 *     texture is not.
 *  3. A candidate gets a chamfer distance transform (Borgefors,
 *     "Distance transformations in digital images", 1986) and a skeleton
 *     by Zhang–Suen thinning (Zhang & Suen, CACM 27(3), 1984;
 *     epi_edges_thin()), its spurs pruned and its ends carried on to the
 *     stroke's ends. Clear ink is thinned once more by its gray levels,
 *     palest pixels first, keeping the short arms of small letters that
 *     thinning the shape alone wears away. Skeleton and distances
 *     together are a discrete medial axis (Blum, "A transformation for
 *     extracting new descriptors of shape", 1967): the region is a stroke
 *     when its half-widths are small, it is longer than wide and skeleton
 *     length × width accounts for its area (a filled disc has almost no
 *     skeleton for its area). A small round dot of clear ink (the dot of
 *     an i) is drawn as its outline.
 *  4. The lines of the finder on and around strokes leave the mask and
 *     the skeletons join it.
 *
 * When the picture has coverage, it is searched as well, as a plane of
 * its own: a white stroke on transparency shows only there.
 *
 * Steps 1 and 2 are in epi-centerline-ink.c and step 3 in
 * epi-centerline-skeleton.c; this file runs them over each plane and
 * does step 4. What the three share is in epi-centerline-private.h.
 */

#include "config.h"

#include <string.h>

#include "epi-centerline-private.h"

/* The widest stroke, as a half-width, is this share of the longest side
 * within these bounds, in pixels. */
#define HALF_WIDTH_SHARE    0.01
#define MIN_MAX_HALF_WIDTH  6.0
#define MAX_MAX_HALF_WIDTH  10.0
/* Bits of line left in the fringe (FRINGE_MARGIN pixels further out
 * than ERASE_MARGIN), no longer than MAX_CRUMB pixels, are the ends of
 * the outline the finder bent away from the ink at a stroke's corners.
 * Around clear ink, so are pieces of up to MAX_FRINGE_PIECE pixels that
 * lie mostly (more than MAX_FRINGE_SHARE) that close: what is left of
 * the line a finder draws around a whole word. */
#define MAX_CRUMB           5
#define MAX_FRINGE_PIECE    24
#define MAX_FRINGE_SHARE    0.5

/* Marks NEAR and FRINGE around the claimed pixels by chessboard distance
 * (the larger of the two offsets): a pass along the rows, then one down
 * the columns. */
static void
mark_surroundings (Finder *f)
{
  const guint reach = ERASE_MARGIN + FRINGE_MARGIN;
  guint x0 = f->changed_x0, y0 = f->changed_y0, x1 = f->changed_x1, y1 = f->changed_y1;
  guint bw = x1 - x0 + 1;
  g_autofree guint8 *along = g_malloc ((gsize) bw * (y1 - y0 + 1));

  /* Distance along the row to the nearest claimed pixel, up to reach + 1. */
  for (guint y = y0; y <= y1; y++)
    {
      const guint8 *row = f->erase + (gsize) y * f->w;
      guint8 *out = along + (gsize) (y - y0) * bw;
      guint d = reach + 1;

      for (guint x = x0; x <= x1; x++)
        {
          d = row[x] >= CLAIMED ? 0 : MIN (d + 1, reach + 1);
          out[x - x0] = (guint8) d;
        }
      d = reach + 1;
      for (guint x = x1 + 1; x-- > x0;)
        {
          d = row[x] >= CLAIMED ? 0 : MIN (d + 1, reach + 1);
          out[x - x0] = (guint8) MIN (out[x - x0], d);
        }
    }

  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        gsize i = (gsize) y * f->w + x;
        guint best = reach + 1;

        if (f->erase[i] >= CLAIMED)
          continue;
        for (guint yy = MAX (y0 + reach, y) - reach; yy <= MIN (y1, y + reach); yy++)
          best = MIN (best, MAX ((guint) ABS ((int) yy - (int) y), along[(gsize) (yy - y0) * bw + (x - x0)]));
        f->erase[i] = best <= ERASE_MARGIN ? NEAR : best <= reach ? FRINGE : 0;
      }
}

/* Whether a pixel of @piece lies in the fringe of a stroke of clear
 * ink. */
static gboolean
near_clear_ink (const Finder *f,
                GArray       *piece)
{
  const guint reach = ERASE_MARGIN + FRINGE_MARGIN;

  for (guint k = 0; k < piece->len; k++)
    {
      gsize i = g_array_index (piece, gsize, k);
      guint x = (guint) (i % f->w), y = (guint) (i / f->w);

      for (guint yy = y > reach ? y - reach : 0; yy <= MIN (f->h - 1, y + reach); yy++)
        for (guint xx = x > reach ? x - reach : 0; xx <= MIN (f->w - 1, x + reach); xx++)
          if (f->erase[(gsize) yy * f->w + xx] == CLAIMED_INK)
            return TRUE;
    }

  return FALSE;
}

/* Removes the pieces of @mask that reach into the fringe of a stroke
 * and are short (at most MAX_CRUMB pixels), or that lie mostly in the
 * fringe of clear ink and are not long (at most MAX_FRINGE_PIECE): the
 * rest of an outline that ran a little wide of the ink, such as the line
 * a finder draws around a whole word. f->plane, clear, marks the pixels
 * of the piece at hand (1) and of pieces known to be kept (2). */
static void
drop_crumbs (Finder *f,
             guint8 *mask)
{
  g_autoptr(GArray) piece = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint sy = f->changed_y0; sy <= f->changed_y1; sy++)
    for (guint sx = f->changed_x0; sx <= f->changed_x1; sx++)
      {
        gsize start = (gsize) sy * f->w + sx;
        gboolean joins_kept = FALSE;
        guint outside = 0;

        if (!mask[start] || f->erase[start] != FRINGE || f->plane[start])
          continue;

        g_array_set_size (piece, 0);
        g_array_append_val (piece, start);
        f->plane[start] = 1;
        /* A piece joined to a kept one, or longer than any that goes,
         * is kept: no need to walk all of it. */
        for (guint k = 0; k < piece->len && !joins_kept && piece->len <= MAX_FRINGE_PIECE; k++)
          {
            gsize i = g_array_index (piece, gsize, k);
            int x = (int) (i % f->w), y = (int) (i / f->w);

            outside += f->erase[i] != FRINGE;
            for (int dy = -1; dy <= 1; dy++)
              for (int dx = -1; dx <= 1; dx++)
                {
                  int nx = x + dx, ny = y + dy;
                  gsize j;

                  if (nx < 0 || ny < 0 || nx >= (int) f->w || ny >= (int) f->h)
                    continue;
                  j = (gsize) ny * f->w + (gsize) nx;
                  if (!mask[j] || f->plane[j] == 1)
                    continue;
                  if (f->plane[j] == 2)
                    joins_kept = TRUE;
                  f->plane[j] = 1;
                  g_array_append_val (piece, j);
                }
          }

        if (joins_kept ||
            (piece->len > MAX_CRUMB &&
             (piece->len > MAX_FRINGE_PIECE || outside > MAX_FRINGE_SHARE * piece->len ||
              !near_clear_ink (f, piece))))
          {
            for (guint k = 0; k < piece->len; k++)
              f->plane[g_array_index (piece, gsize, k)] = 2;
            g_array_append_vals (kept, piece->data, piece->len);
          }
        else
          for (guint k = 0; k < piece->len; k++)
            {
              gsize i = g_array_index (piece, gsize, k);

              mask[i] = f->plane[i] = 0;
            }
      }

  for (guint k = 0; k < kept->len; k++)
    f->plane[g_array_index (kept, gsize, k)] = 0;
}

/* Thins @mask again in the window of 9×9 pixels around (x, y). */
static void
thin_around (const Finder *f,
             guint8       *mask,
             guint         x,
             guint         y)
{
  enum { R = 4, SIDE = 2 * R + 1 };
  guint8 window[SIDE * SIDE];
  gsize corner;

  if (f->w < SIDE || f->h < SIDE)
    return;

  corner = (gsize) CLAMP ((int) y - R, 0, (int) f->h - SIDE) * f->w +
           (gsize) CLAMP ((int) x - R, 0, (int) f->w - SIDE);
  for (int wy = 0; wy < SIDE; wy++)
    memcpy (window + wy * SIDE, mask + corner + wy * f->w, SIDE);
  epi_edges_thin (window, SIDE, SIDE);
  for (int wy = 0; wy < SIDE; wy++)
    memcpy (mask + corner + wy * f->w, window + wy * SIDE, SIDE);
}

static gboolean
has_neighbour (const Finder *f,
               const guint8 *mask,
               guint         x,
               guint         y)
{
  for (guint yy = y > 0 ? y - 1 : 0; yy <= MIN (f->h - 1, y + 1); yy++)
    for (guint xx = x > 0 ? x - 1 : 0; xx <= MIN (f->w - 1, x + 1); xx++)
      if ((xx != x || yy != y) && mask[(gsize) yy * f->w + xx])
        return TRUE;

  return FALSE;
}

/* Removes the outlines of the strokes from @mask and draws their
 * skeletons. The skeletons lie inside their strokes and the lines left
 * more than ERASE_MARGIN outside, so they do not touch, nor do two
 * skeletons of one kind, whose regions are apart. Two places may still
 * not be one pixel wide, and are thinned again: where a line was cut (it
 * can end in a corner pixel), and where a dark and a light stroke lie
 * side by side (or strokes found in the gray and in the coverage). */
static void
redraw (Finder *f,
        guint8 *mask)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gsize));

  mark_surroundings (f);
  for (guint y = f->changed_y0; y <= f->changed_y1; y++)
    for (guint x = f->changed_x0; x <= f->changed_x1; x++)
      {
        gsize i = (gsize) y * f->w + x;
        gboolean keep = f->add[i] || (mask[i] && f->erase[i] < NEAR);

        if (mask[i] && !keep)
          g_array_append_val (removed, i);
        mask[i] = keep;
      }
  drop_crumbs (f, mask);

  for (guint k = 0; k < removed->len; k++)
    {
      gsize i = g_array_index (removed, gsize, k);
      guint x = (guint) (i % f->w), y = (guint) (i / f->w);

      if (has_neighbour (f, mask, x, y))
        thin_around (f, mask, x, y);
    }

  for (guint y = MAX (1, f->changed_y0); y + 1 < f->h && y <= f->changed_y1; y++)
    for (guint x = MAX (1, f->changed_x0); x + 1 < f->w && x <= f->changed_x1; x++)
      {
        gsize i = (gsize) y * f->w + x;
        gboolean clash = FALSE;

        if (!f->add[i])
          continue;
        for (int dy = -1; dy <= 1 && !clash; dy++)
          for (int dx = -1; dx <= 1 && !clash; dx++)
            {
              guint8 other = f->add[i + dy * (gssize) f->w + dx];

              clash = other && other != f->add[i];
            }
        if (clash)
          thin_around (f, mask, x, y);
      }
}

/* Finds the strokes of one plane of gray levels. */
static void
find_strokes (Finder       *f,
              const guint8 *gray)
{
  gsize n = (gsize) f->w * f->h;

  f->gray = gray;
  g_clear_pointer (&f->cell_mean, g_free);
  g_clear_pointer (&f->cell_mid, g_free);
  g_array_set_size (f->members, 0);
  g_array_set_size (f->candidates, 0);
  epi_centerline_find_ink (f);

  for (gsize i = 0; i < n; i++)
    if (f->ink[i] != NO_INK && !(f->ink[i] & SEEN))
      {
        Region region;

        epi_centerline_gather_region (f, i, &region);
        epi_centerline_consider_region (f, &region);
      }

  f->skeleton_label++;
  epi_centerline_settle_kind (f, DARK);
  f->skeleton_label++;
  epi_centerline_settle_kind (f, LIGHT);
}

void
epi_centerlines_apply (const EpiImage *image,
                       gboolean        drawn,
                       EpiEdgeMap     *edges)
{
  Finder f = { 0 };
  gsize n;

  g_return_if_fail (image != NULL);
  g_return_if_fail (edges != NULL);
  g_return_if_fail (edges->width == image->width && edges->height == image->height);

  if (image->width < 3 || image->height < 3)
    return;

  f.w = image->width;
  f.h = image->height;
  f.drawn = drawn;
  n = (gsize) f.w * f.h;
  f.changed_x0 = f.changed_y0 = G_MAXUINT;
  f.max_half_width = CLAMP (HALF_WIDTH_SHARE * MAX (f.w, f.h), MIN_MAX_HALF_WIDTH, MAX_MAX_HALF_WIDTH);
  f.mask = edges->mask;
  f.ink = g_malloc (n);
  f.erase = g_malloc0 (n);
  f.add = g_malloc0 (n);
  f.plane = g_malloc0 (n);
  f.dist = g_new (guint16, n);
  f.pixels = g_array_new (FALSE, FALSE, sizeof (gsize));
  f.members = g_array_new (FALSE, FALSE, sizeof (gsize));
  f.candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  find_strokes (&f, image->pixels);

  /* A pale stroke on a transparent background (a white signature) is
   * only a stroke in the coverage: covered reads as dark there. */
  if (image->alpha != NULL)
    {
      g_autofree guint8 *cover = g_malloc (n);

      for (gsize i = 0; i < n; i++)
        cover[i] = 255 - image->alpha[i];
      find_strokes (&f, cover);
    }

  if (f.n_strokes > 0)
    redraw (&f, edges->mask);

  g_free (f.ink);
  g_free (f.cell_mean);
  g_free (f.cell_mid);
  g_free (f.erase);
  g_free (f.add);
  g_free (f.plane);
  g_free (f.dist);
  g_array_unref (f.pixels);
  g_array_unref (f.members);
  g_array_unref (f.candidates);
}
