/* epi-centerline-skeleton.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Skeletons of the candidate strokes, step 3 of epi-centerline.c: the
 * chamfer distances of the candidates of one kind, their thinning (by
 * shape, and clear ink by its gray levels too), the pruning of spurs and
 * the extension of ends, the tests that make a candidate a stroke, and
 * the dots of clear ink, drawn as their outline. Strokes and dots are
 * claimed in Finder.erase and their lines marked in Finder.add, for
 * epi-centerline.c to redraw.
 */

#include "config.h"

#include <math.h>

#include "epi-centerline-private.h"

/* Thinner than this is a hairline, which the line finder already draws
 * once. */
#define MIN_HALF_WIDTH      1.5
/* A bar one pixel thick off a stroke no wider than this (the arm of a
 * small t, past its stem) keeps its tip through thinning. */
#define TIP_HALF_WIDTH      2.0
/* Skeleton length × width over area: a stroke is about 1. */
#define MIN_EXPLAINED       0.75
#define MAX_EXPLAINED       1.35
/* The share of a stroke's skeleton allowed to be wider than the widest
 * stroke, where strokes cross or bend. */
#define MAX_THICK_SHARE     0.15
/* The same as a share of the area, checked before thinning. */
#define MAX_THICK_AREA      0.1
/* Pixels of clear ink covered less than this share (of the contrast)
 * are left out of its thinning: faint bridges between letters that
 * touch, as the ink threshold sees them, are not strokes. */
#define MIN_COVER           0.3
/* The shortest line drawn for clear ink, in pixels: the tracer drops
 * shorter ones as specks (its default --min-stroke). */
#define MIN_INK_LINE        6
/* A stroke of clear ink is longer than this many times its mean width
 * (its skeleton stops a half-width short of each end). */
#define MIN_INK_ELONGATION  3.0
/* Chamfer distances put the half-width of a stroke of even width half a
 * pixel short (0.5 for a stroke 2 pixels wide), which matters for thin
 * ink: it is counted a quarter of a pixel wider, and skeleton length ×
 * width may explain its area more loosely. */
#define INK_WIDTH_BIAS      0.25
/* The rim's pale pixels, set again by thin_by_gray(), lengthen the
 * skeleton of small letters (the hook and bar of a 16-pixel f) past
 * what the region's area holds. */
#define MIN_INK_EXPLAINED   0.55
#define MAX_INK_EXPLAINED   2.0
/* Dots of clear ink (the dot of an i, a full stop) of at least
 * MIN_DOT_AREA pixels (epi-centerline-ink.c: no candidate is smaller),
 * filling MIN_DOT_FILL of their box, are drawn as their outline when a
 * stroke of clear ink lies within DOT_REACH times their size of them. */
#define MIN_DOT_FILL        0.5
#define DOT_REACH           1.5

/* Chamfer steps: 3 along an axis, 4 diagonally (1 pixel is 3). */
#define CHAMFER_AXIAL       3u
#define CHAMFER_DIAGONAL    4u
#define CHAMFER_FAR         60000u

/* Two-pass chamfer distance from each set pixel of f->plane to the
 * nearest clear one, in thirds of a pixel, over the box x0..x1, y0..y1
 * (inside the frame); the box's one-pixel margin is set too. */
static void
chamfer_distance (Finder *f,
                  guint   x0,
                  guint   y0,
                  guint   x1,
                  guint   y1)
{
  const guint8 *plane = f->plane;
  guint16 *d = f->dist;
  gsize w = f->w;

  for (guint y = y0 - 1; y <= y1 + 1; y++)
    for (guint x = x0 - 1; x <= x1 + 1; x++)
      d[y * w + x] = plane[y * w + x] ? CHAMFER_FAR : 0;

  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        gsize i = y * w + x;
        guint v = d[i];

        if (v == 0)
          continue;
        v = MIN (v, d[i - w - 1] + CHAMFER_DIAGONAL);
        v = MIN (v, d[i - w] + CHAMFER_AXIAL);
        v = MIN (v, d[i - w + 1] + CHAMFER_DIAGONAL);
        v = MIN (v, d[i - 1] + CHAMFER_AXIAL);
        d[i] = (guint16) v;
      }

  for (guint y = y1; y >= y0; y--)
    for (guint x = x1; x >= x0; x--)
      {
        gsize i = y * w + x;
        guint v = d[i];

        if (v == 0)
          continue;
        v = MIN (v, d[i + w + 1] + CHAMFER_DIAGONAL);
        v = MIN (v, d[i + w] + CHAMFER_AXIAL);
        v = MIN (v, d[i + w - 1] + CHAMFER_DIAGONAL);
        v = MIN (v, d[i + 1] + CHAMFER_AXIAL);
        d[i] = (guint16) v;
      }
}

static inline double
half_width_at (const Finder *f,
               gsize         i)
{
  return MAX (0.5, f->dist[i] / (double) CHAMFER_AXIAL - 0.5);
}

/* Set neighbours of @i, which is inside the frame. */
static int
count_neighbours (const guint8 *plane,
                  gsize         i,
                  guint         w)
{
  const guint8 *c = plane + i;

  return c[-(gssize) w - 1] + c[-(gssize) w] + c[-(gssize) w + 1] + c[-1] + c[1] +
         c[w - 1] + c[w] + c[w + 1];
}

static inline gsize
member (const Finder    *f,
        const Candidate *c,
        guint            k)
{
  return g_array_index (f->members, gsize, c->first + k);
}

/* The end pixels of the skeleton of @c. */
static GArray *
skeleton_ends (const Finder    *f,
               const Candidate *c)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);

      if (f->plane[i] && count_neighbours (f->plane, i, f->w) == 1)
        g_array_append_val (ends, i);
    }

  return ends;
}

/* Follows the skeleton from its end @start through at most @max pixels,
 * stopping before a junction; the pixels passed go to @path. Returns the
 * pixel it stopped on and whether that is a junction. */
static gsize
follow (const guint8 *plane,
        guint         w,
        gsize         start,
        guint         max,
        GArray       *path,
        gboolean     *junction)
{
  const gssize steps[8] = { -(gssize) w - 1, -(gssize) w, -(gssize) w + 1, -1, 1,
                            (gssize) w - 1, (gssize) w, (gssize) w + 1 };
  gsize cur = start, prev = G_MAXSIZE;

  g_array_set_size (path, 0);
  *junction = FALSE;
  while (path->len < max)
    {
      gsize next = G_MAXSIZE;

      if (count_neighbours (plane, cur, w) >= 3)
        {
          *junction = TRUE;
          break;
        }
      g_array_append_val (path, cur);
      for (int s = 0; s < 8 && next == G_MAXSIZE; s++)
        if (plane[cur + steps[s]] && cur + steps[s] != prev)
          next = cur + steps[s];
      if (next == G_MAXSIZE)
        break;
      prev = cur;
      cur = next;
    }

  return cur;
}

/* Whether the set pixel @i of @plane (inside the frame) can go without
 * changing the plane's shape: Yokoi's connectivity number for 8-connected
 * lines is 1 (Yokoi, Toriwaki & Fukumura, "An analysis of topological
 * properties of digitized binary pictures using local features", 1975). */
static gboolean
is_simple (const guint8 *plane,
           gsize         i,
           guint         w)
{
  const gssize W = (gssize) w;
  /* The eight neighbours, counter-clockwise from the east. */
  const gssize at[8] = { 1, -W + 1, -W, -W - 1, -1, W - 1, W, W + 1 };
  int x[9], n = 0;

  for (int k = 0; k < 8; k++)
    x[k] = !plane[i + at[k]];
  x[8] = x[0];
  for (int k = 0; k < 8; k += 2)
    n += x[k] - x[k] * x[k + 1] * x[k + 2];

  return n == 1;
}

typedef struct
{
  guint32 key;
  gsize   i;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer b)
{
  guint32 ka = ((const Ordered *) a)->key, kb = ((const Ordered *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

/* The key of a pixel thinning keeps: the tip of a bar one pixel thick
 * (the arm of a t, past its stem). Thinning palest first would take
 * the tip, then the rest of the arm along the stem. */
#define KEPT_TIP G_MAXUINT32

/* Whether the covered pixel @i on f->plane is such a tip: one of its
 * 4-neighbours is covered, and the stroke there is thin. */
static gboolean
is_bar_tip (const Finder *f,
            gsize         i)
{
  const gsize at[4] = { i - 1, i + 1, i - f->w, i + f->w };
  guint n_covered = 0;
  gsize inner = i;

  if (!f->plane[i])
    return FALSE;
  for (int d = 0; d < 4; d++)
    if (f->plane[at[d]])
      {
        n_covered++;
        inner = at[d];
      }

  return n_covered == 1 && f->dist[inner] <= TIP_HALF_WIDTH * CHAMFER_AXIAL;
}

/* Thins the clear ink @c again, by its gray levels, from its skeleton
 * on f->plane: the ink covered at least MIN_COVER is set again and the
 * palest pixels go first (the anti-aliased rim), each only while that
 * keeps the shape and the ends of its lines. What is left keeps the
 * short arms of small letters (the bar of a t) that thinning the shape
 * alone wears away: their darker pixels outlast the pale ones around
 * them and end up as ends of lines. Of equally dark pixels, those off
 * the skeleton go first, nearest the rim first, so that where the ink
 * is even the skeleton stays, and a straight bar is not eaten away from
 * one end in the order of the scan. */
static void
thin_by_gray (Finder          *f,
              const Candidate *c)
{
  g_autofree Ordered *order = g_new (Ordered, c->n);
  gboolean changed = TRUE;

  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);
      guint depth = c->region.kind == DARK ? 255 - f->gray[i] : f->gray[i];

      order[k].key = (guint32) depth << 17 | (guint32) f->plane[i] << 16 | f->dist[i];
      order[k].i = i;
      f->plane[i] = ABS (f->gray[i] - c->background) >= MIN_COVER * c->contrast;
    }
  for (guint k = 0; k < c->n; k++)
    if (is_bar_tip (f, order[k].i))
      order[k].key = KEPT_TIP;
  qsort (order, c->n, sizeof *order, compare_ordered);

  while (changed)
    {
      changed = FALSE;
      for (guint k = 0; k < c->n; k++)
        {
          gsize i = order[k].i;

          if (order[k].key != KEPT_TIP && f->plane[i] && count_neighbours (f->plane, i, f->w) >= 2 &&
              is_simple (f->plane, i, f->w))
            {
              f->plane[i] = 0;
              changed = TRUE;
            }
        }
    }
}

/* Thinning leaves a short branch at each corner of a stroke's end and at
 * each bump of its rim. A branch from an end to a junction no longer
 * than the half-width there is such a spur, and goes. */
static void
prune_spurs (Finder          *f,
             const Candidate *c)
{
  g_autoptr(GArray) ends = skeleton_ends (f, c);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint max_walk = (guint) (2 * f->max_half_width) + 2;

  for (guint e = 0; e < ends->len; e++)
    {
      gsize start = g_array_index (ends, gsize, e);
      gboolean junction;
      gsize stop;

      /* An earlier pruning may have taken it, or made it a lone pixel. */
      if (!f->plane[start] || count_neighbours (f->plane, start, f->w) != 1)
        continue;

      stop = follow (f->plane, f->w, start, max_walk, path, &junction);
      if (junction && path->len <= f->dist[stop] / (double) CHAMFER_AXIAL + 1)
        for (guint k = 0; k < path->len; k++)
          f->plane[g_array_index (path, gsize, k)] = 0;
    }
}

/* A skeleton stops about a half-width short of a stroke's end, and
 * pruning the fork there shortens it more: each end goes on straight, in
 * the direction of its last pixels, to just inside the stroke's rim. */
static void
extend_ends (Finder          *f,
             const Candidate *c)
{
  g_autoptr(GArray) ends = skeleton_ends (f, c);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint max_steps = (guint) (2 * f->max_half_width) + 2;

  for (guint e = 0; e < ends->len; e++)
    {
      gsize end = g_array_index (ends, gsize, e);
      int ex = (int) (end % f->w), ey = (int) (end / f->w);
      gboolean junction;
      gsize back;
      double dx, dy, major;

      follow (f->plane, f->w, end, 6, path, &junction);
      if (path->len < 3)
        continue;
      back = g_array_index (path, gsize, path->len - 1);
      dx = ex - (int) (back % f->w);
      dy = ey - (int) (back / f->w);
      major = MAX (fabs (dx), fabs (dy));
      dx /= major;
      dy /= major;

      /* One pixel per step along the major axis: a digital straight
       * line, 8-connected and one pixel wide. Each step lands next to a
       * pixel of the stroke away from its rim, so inside the picture. */
      for (guint t = 1; t <= max_steps; t++)
        {
          int x = ex + (int) lround (t * dx), y = ey + (int) lround (t * dy);
          gsize i = (gsize) y * f->w + (gsize) x;

          if (f->dist[i] <= CHAMFER_AXIAL || f->plane[i])
            break;
          f->plane[i] = 1;
        }
    }
}

/* Whether the skeleton of @c, now in f->plane, makes it a stroke: its
 * half-widths are in range and skeleton length × width accounts for its
 * area (each pixel's share of the links to its neighbours times the
 * width there, plus a square cap at each end). */
static gboolean
is_stroke (const Finder    *f,
           const Candidate *c)
{
  guint n_skel = 0, n_thick = 0;
  double explained = 0, explained_ink = 0, sum_half_width = 0;

  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);
      double half_width, length = 0;
      int links = 0;

      if (!f->plane[i])
        continue;

      half_width = half_width_at (f, i);
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          if ((dx || dy) && f->plane[i + dy * (gssize) f->w + dx])
            {
              length += (dx && dy) ? G_SQRT2 / 2 : 0.5;
              links++;
            }

      explained += 2 * half_width * length;
      explained_ink += 2 * (half_width + INK_WIDTH_BIAS) * length;
      if (links <= 1)
        {
          explained += (2 - links) * 2 * half_width * half_width;
          explained_ink += (2 - links) * 2 * half_width * half_width;
        }
      sum_half_width += half_width;
      n_skel++;
      n_thick += half_width > f->max_half_width;
    }

  if (c->clear_ink)
    {
      return n_skel >= MIN_INK_LINE &&
             n_thick <= MAX_THICK_SHARE * n_skel &&
             n_skel + 2 * sum_half_width / n_skel >= MIN_INK_ELONGATION * 2 * sum_half_width / n_skel &&
             explained_ink >= MIN_INK_EXPLAINED * c->n &&
             explained_ink <= MAX_INK_EXPLAINED * c->n;
    }

  return n_skel >= 3 &&
         sum_half_width >= MIN_HALF_WIDTH * n_skel &&
         n_thick <= MAX_THICK_SHARE * n_skel &&
         explained >= MIN_EXPLAINED * c->n &&
         explained <= MAX_EXPLAINED * c->n;
}

/* Claims the pixels of the stroke @c, to remove its outline, and marks
 * its skeleton for drawing. */
static void
accept (Finder          *f,
        const Candidate *c)
{
  guint reach = ERASE_MARGIN + FRINGE_MARGIN;

  f->n_strokes++;
  f->changed_x0 = MIN (f->changed_x0, c->region.x0 > reach ? c->region.x0 - reach : 0);
  f->changed_y0 = MIN (f->changed_y0, c->region.y0 > reach ? c->region.y0 - reach : 0);
  f->changed_x1 = MAX (f->changed_x1, MIN (f->w - 1, c->region.x1 + reach));
  f->changed_y1 = MAX (f->changed_y1, MIN (f->h - 1, c->region.y1 + reach));

  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);

      f->erase[i] = c->clear_ink ? CLAIMED_INK : CLAIMED;
      if (f->plane[i])
        f->add[i] = f->skeleton_label;
    }
}

/* Whether the clear ink @c is a dot, such as the dot of an i or a full
 * stop: small, compact and about as high as wide. */
static gboolean
is_dot (const Finder    *f,
        const Candidate *c)
{
  guint w = c->region.x1 - c->region.x0 + 1, h = c->region.y1 - c->region.y0 + 1;

  return MAX (w, h) <= f->max_half_width &&
         MAX (w, h) <= 2 * MIN (w, h) &&
         c->n >= MIN_DOT_FILL * w * h;
}

/* Whether a stroke of clear ink lies within DOT_REACH of the dot @c's
 * size around it, as the stem of an i lies below its dot and a letter
 * before a full stop; a speck of light alone in a photo has none. */
static gboolean
near_stroke (const Finder    *f,
             const Candidate *c)
{
  guint size = MAX (c->region.x1 - c->region.x0, c->region.y1 - c->region.y0) + 1;
  guint reach = (guint) ceil (DOT_REACH * size) + 1;
  guint x0 = c->region.x0 > reach ? c->region.x0 - reach : 0;
  guint y0 = c->region.y0 > reach ? c->region.y0 - reach : 0;
  guint x1 = MIN (f->w - 1, c->region.x1 + reach), y1 = MIN (f->h - 1, c->region.y1 + reach);

  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      if (f->erase[(gsize) y * f->w + x] == CLAIMED_INK)
        return TRUE;

  return FALSE;
}

/* A small hexagon, 4 pixels wide and 3 high: the smallest closed line
 * of MIN_INK_LINE pixels with no redundant pixel. It stands for a dot
 * too small for its own outline to be drawn, and fits in the gap above
 * the stem of an i. */
#define DOT_PIXELS          6
static const int DOT_DX[DOT_PIXELS] = { 0, 1, 2, 1, 0, -1 };
static const int DOT_DY[DOT_PIXELS] = { -1, -1, 0, 1, 1, 0 };

/* The places tried for the hexagon, nearest first. */
static const int DOT_MOVES[][2] = { { 0, 0 }, { 0, -1 }, { 0, 1 }, { -1, 0 }, { 1, 0 } };

/* Whether the hexagon around (cx, cy) lies inside the picture and
 * leaves a pixel free between itself and every other line. */
static gboolean
hexagon_fits (const Finder *f,
              int           cx,
              int           cy)
{
  if (cx < 3 || cy < 3 || cx + 4 >= (int) f->w || cy + 3 >= (int) f->h)
    return FALSE;
  for (int k = 0; k < DOT_PIXELS; k++)
    for (int dy = -1; dy <= 1; dy++)
      for (int dx = -1; dx <= 1; dx++)
        {
          gsize i = (gsize) (cy + DOT_DY[k] + dy) * f->w + (gsize) (cx + DOT_DX[k] + dx);

          if (f->plane[i] || f->add[i])
            return FALSE;
        }

  return TRUE;
}

/* Draws the dot @c as its outline: its rim, thinned, on f->plane in
 * place of its skeleton, or when that is too short to be drawn, the
 * hexagon around its middle, whose pixels go to @hexagon. FALSE if
 * neither can be drawn (the hexagon would touch other lines). */
static gboolean
draw_dot (Finder          *f,
          const Candidate *c,
          gsize            hexagon[DOT_PIXELS])
{
  guint x0 = c->region.x0 - 1, y0 = c->region.y0 - 1;
  guint bw = c->region.x1 - x0 + 2, bh = c->region.y1 - y0 + 2;
  g_autofree guint8 *box = g_malloc0 ((gsize) bw * bh);
  guint n_rim = 0;
  double sx = 0, sy = 0;
  int cx, cy;

  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);

      if (epi_centerline_on_rim (f, i, c->region.kind))
        box[(i / f->w - y0) * bw + (i % f->w - x0)] = 1;
      sx += (double) (i % f->w);
      sy += (double) (i / f->w);
    }
  epi_edges_thin (box, bw, bh);
  for (guint k = 0; k < c->n; k++)
    {
      gsize i = member (f, c, k);

      f->plane[i] = box[(i / f->w - y0) * bw + (i % f->w - x0)];
      n_rim += f->plane[i];
    }
  hexagon[0] = G_MAXSIZE;
  if (n_rim >= MIN_INK_LINE)
    return TRUE;

  for (guint k = 0; k < c->n; k++)
    f->plane[member (f, c, k)] = 0;
  /* The hexagon's middle is half a pixel right of (cx, cy). Where it
   * would touch a line (the stem just below the dot of an i), it moves
   * a pixel away, as long as it still overlaps the dot. */
  cx = (int) lround (sx / c->n - 0.5);
  cy = (int) lround (sy / c->n);
  for (guint m = 0; m < G_N_ELEMENTS (DOT_MOVES); m++)
    if (hexagon_fits (f, cx + DOT_MOVES[m][0], cy + DOT_MOVES[m][1]))
      {
        for (int k = 0; k < DOT_PIXELS; k++)
          hexagon[k] = (gsize) (cy + DOT_MOVES[m][1] + DOT_DY[k]) * f->w +
                       (gsize) (cx + DOT_MOVES[m][0] + DOT_DX[k]);
        return TRUE;
      }

  return FALSE;
}

/* Claims the dot @c, drawn by draw_dot(). */
static void
accept_dot (Finder          *f,
            const Candidate *c,
            const gsize      hexagon[DOT_PIXELS])
{
  const guint reach = ERASE_MARGIN + FRINGE_MARGIN + 1;

  accept (f, c);
  if (hexagon[0] == G_MAXSIZE)
    return;

  f->changed_x0 = MIN (f->changed_x0, c->region.x0 > reach ? c->region.x0 - reach : 0);
  f->changed_y0 = MIN (f->changed_y0, c->region.y0 > reach ? c->region.y0 - reach : 0);
  f->changed_x1 = MAX (f->changed_x1, MIN (f->w - 1, c->region.x1 + reach));
  f->changed_y1 = MAX (f->changed_y1, MIN (f->h - 1, c->region.y1 + reach));
  for (int k = 0; k < DOT_PIXELS; k++)
    {
      f->erase[hexagon[k]] = CLAIMED_INK;
      f->add[hexagon[k]] = f->skeleton_label;
    }
}

/* Sets the pixels of the candidates of @kind on f->plane and their
 * distances in f->dist; FALSE if there are none. */
static gboolean
lay_out (Finder *f,
         guint8  kind)
{
  guint x0 = G_MAXUINT, y0 = G_MAXUINT, x1 = 0, y1 = 0;

  for (guint j = 0; j < f->candidates->len; j++)
    {
      Candidate *c = &g_array_index (f->candidates, Candidate, j);

      if (c->region.kind != kind)
        continue;
      for (guint k = 0; k < c->n; k++)
        f->plane[member (f, c, k)] = 1;
      x0 = MIN (x0, c->region.x0);
      y0 = MIN (y0, c->region.y0);
      x1 = MAX (x1, c->region.x1);
      y1 = MAX (y1, c->region.y1);
    }
  if (x0 > x1)
    return FALSE;

  chamfer_distance (f, x0, y0, x1, y1);
  return TRUE;
}

/* Spares the thinning where the distances already tell: a hairline
 * everywhere, or a filled shape with a thick core. Returns how many
 * candidates of @kind are left. */
static guint
drop_by_distance (Finder *f,
                  guint8  kind)
{
  guint thick_dist = (guint) (CHAMFER_AXIAL * (f->max_half_width + 0.5));
  guint n_alive = 0;

  for (guint j = 0; j < f->candidates->len; j++)
    {
      Candidate *c = &g_array_index (f->candidates, Candidate, j);
      guint max_dist = 0, n_thick = 0;

      if (c->region.kind != kind)
        continue;
      for (guint k = 0; k < c->n; k++)
        {
          guint d = f->dist[member (f, c, k)];

          max_dist = MAX (max_dist, d);
          n_thick += d > thick_dist;
        }
      if ((!c->clear_ink && max_dist < CHAMFER_AXIAL * (MIN_HALF_WIDTH + 0.5)) ||
          n_thick > MAX_THICK_AREA * c->n)
        {
          c->alive = FALSE;
          for (guint k = 0; k < c->n; k++)
            f->plane[member (f, c, k)] = 0;
        }
      else
        n_alive++;
    }

  return n_alive;
}

/* Thins the candidates of one kind together, all at once, and keeps the
 * strokes. Candidates of a kind never touch, so neither do their
 * skeletons. */
void
epi_centerline_settle_kind (Finder *f,
                            guint8  kind)
{
  gsize hexagon[DOT_PIXELS];
  guint n_alive;

  if (!lay_out (f, kind))
    return;

  n_alive = drop_by_distance (f, kind);
  if (n_alive > 0)
    {
      epi_edges_thin (f->plane, f->w, f->h);
      for (guint j = 0; j < f->candidates->len; j++)
        {
          Candidate *c = &g_array_index (f->candidates, Candidate, j);

          if (c->region.kind == kind && c->alive && c->clear_ink)
            thin_by_gray (f, c);
        }
      for (guint j = 0; j < f->candidates->len; j++)
        {
          Candidate *c = &g_array_index (f->candidates, Candidate, j);

          if (c->region.kind != kind || !c->alive)
            continue;
          /* Thinning by gray leaves no spurs, and the short arms of
           * small letters (the top of a t, the ear of an r) are as
           * long as the spurs of thick strokes. */
          if (!c->clear_ink)
            prune_spurs (f, c);
          extend_ends (f, c);
        }
      epi_edges_thin (f->plane, f->w, f->h);
    }

  for (guint j = 0; j < f->candidates->len; j++)
    {
      Candidate *c = &g_array_index (f->candidates, Candidate, j);

      if (c->region.kind != kind)
        continue;
      if (c->alive && is_stroke (f, c))
        accept (f, c);
      else if (c->clear_ink && is_dot (f, c))
        c->dot = TRUE;
      for (guint k = 0; k < c->n; k++)
        f->plane[member (f, c, k)] = 0;
    }

  /* Dots once the strokes are known: a dot of text is next to one. */
  for (guint j = 0; j < f->candidates->len; j++)
    {
      Candidate *c = &g_array_index (f->candidates, Candidate, j);

      if (c->region.kind != kind || !c->dot || !near_stroke (f, c))
        continue;
      if (draw_dot (f, c, hexagon))
        accept_dot (f, c, hexagon);
      for (guint k = 0; k < c->n; k++)
        f->plane[member (f, c, k)] = 0;
    }
}
