/* epi-centerline-ink.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ink and its regions, steps 1 and 2 of epi-centerline.c: the pixels
 * that are ink, dark on a light background or light on a dark one, by
 * an adaptive threshold over cells that share a background window; the
 * 8-connected regions of ink; and the cheap tests that make a region a
 * candidate stroke, either outlined by the line finder along a rim that
 * faces background or clear ink by its look.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-centerline-private.h"

/* How much darker (or lighter) than its surroundings ink is, in gray
 * levels: well above JPEG noise and paper texture. */
#define INK_MARGIN          32
/* The background window's radius, in widest half-widths. A large window
 * keeps the inside of a filled shape from counting as ink along its rim
 * in a band thin enough to pass for a stroke. */
#define WINDOW_HALF_WIDTHS  5
/* Pixels of a side of the cells that share a background window. */
#define CELL_SHIFT          3
#define MIN_AREA            24
/* The share of a region's rim that must lie on the line finder's lines,
 * within SUPPORT_DISTANCE pixels, and face background: ink the finder
 * did not outline is shading, not a stroke. */
#define MIN_SUPPORT         0.8
#define SUPPORT_DISTANCE    2
/* The smallest dot of clear ink (the dot of an i, a full stop) drawn as
 * its outline, in pixels (epi-centerline-skeleton.c): no smaller region
 * is a candidate. */
#define MIN_DOT_AREA        3

/* Clear ink, the strokes of text and line art, needs no outline from the
 * line finder: it is told by its look, nearly two-tone where photo
 * texture is not. Its darkest (or lightest) pixel differs from the
 * background by at least MIN_INK_CONTRAST gray levels (in a drawn
 * picture, which has no texture to tell it from, DRAWN_MIN_INK_CONTRAST:
 * gray text on white, black text on dark gray); at most
 * MAX_OFF_SHARE of the background sampled RING_NEAR to RING_FAR pixels
 * out across its rim is further than BG_TOLERANCE of that
 * contrast from the background's level (no texture, no blur); and at
 * most MAX_PALE_PER_RIM pixels per rim pixel are paler than SOLID_INK
 * of the contrast (a sharp rim, one anti-aliased pixel wide). */
#define MIN_INK_CONTRAST    128
#define DRAWN_MIN_INK_CONTRAST 48
#define RING_NEAR           2
#define RING_FAR            3
#define BG_TOLERANCE        0.05
#define MAX_OFF_SHARE       0.05
#define SOLID_INK           0.8
#define MAX_PALE_PER_RIM    1.2

/* Per cell of 2^CELL_SHIFT pixels a side, row by row: the sum, number,
 * darkest and lightest of the gray levels of some pixels. */
typedef struct
{
  guint32 *sum;    /* owned, as are the others; one per cell */
  guint32 *count;
  guint8  *lo;
  guint8  *hi;
} CellLevels;

/* Sets @levels to @n_cells cells of no pixels. */
static void
cell_levels_init (CellLevels *levels,
                  gsize       n_cells)
{
  levels->sum = g_new0 (guint32, n_cells);
  levels->count = g_new0 (guint32, n_cells);
  levels->lo = g_malloc (n_cells);
  levels->hi = g_malloc0 (n_cells);
  memset (levels->lo, 255, n_cells);
}

static void
cell_levels_clear (CellLevels *levels)
{
  g_clear_pointer (&levels->sum, g_free);
  g_clear_pointer (&levels->count, g_free);
  g_clear_pointer (&levels->lo, g_free);
  g_clear_pointer (&levels->hi, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CellLevels, cell_levels_clear)

/* Adds the pixels of f->gray to the @cw cells across of @cells that hold
 * them. */
static void
sum_cells (const Finder *f,
           guint         cw,
           CellLevels   *cells)
{
  for (guint y = 0; y < f->h; y++)
    {
      const guint8 *row = f->gray + (gsize) y * f->w;
      gsize base = (gsize) (y >> CELL_SHIFT) * cw;

      for (guint cx = 0, x = 0; cx < cw; cx++)
        {
          guint start = x, end = MIN (f->w, x + (1u << CELL_SHIFT));
          guint32 s = 0;
          guint8 l = 255, u = 0;

          for (; x < end; x++)
            {
              s += row[x];
              l = MIN (l, row[x]);
              u = MAX (u, row[x]);
            }
          cells->sum[base + cx] += s;
          cells->count[base + cx] += end - start;
          cells->lo[base + cx] = MIN (cells->lo[base + cx], l);
          cells->hi[base + cx] = MAX (cells->hi[base + cx], u);
        }
    }
}

/* Sets each of the @cw × @ch cells of @across to the sums and extremes
 * of the cells of @cells up to @k away in its row. */
static void
box_along_rows (const CellLevels *cells,
                guint             cw,
                guint             ch,
                int               k,
                CellLevels       *across)
{
  for (int cy = 0; cy < (int) ch; cy++)
    for (int cx = 0; cx < (int) cw; cx++)
      {
        gsize c = (gsize) cy * cw + cx;
        guint32 s = 0, n = 0;
        guint8 l = 255, u = 0;

        for (int j = MAX (0, cx - k); j <= MIN ((int) cw - 1, cx + k); j++)
          {
            gsize d = (gsize) cy * cw + j;

            s += cells->sum[d];
            n += cells->count[d];
            l = MIN (l, cells->lo[d]);
            u = MAX (u, cells->hi[d]);
          }
        across->sum[c] = s;
        across->count[c] = n;
        across->lo[c] = l;
        across->hi[c] = u;
      }
}

/* The mean, darkest and lightest gray of the window of about (2r+1)²
 * pixels around each cell of 2^CELL_SHIFT pixels a side. The background
 * changes slowly, so a cell shares its window; this is what keeps the
 * pass cheap. */
static void
local_levels (Finder *f,
              guint   r)
{
  guint cw = ((f->w - 1) >> CELL_SHIFT) + 1;
  guint ch = ((f->h - 1) >> CELL_SHIFT) + 1;
  gsize nc = (gsize) cw * ch;
  int k = MAX (1, (int) ((r + (1u << (CELL_SHIFT - 1))) >> CELL_SHIFT));
  g_auto(CellLevels) cells = { 0 };
  g_auto(CellLevels) across = { 0 };

  cell_levels_init (&cells, nc);
  cell_levels_init (&across, nc);
  sum_cells (f, cw, &cells);

  /* Box sums and extremes over k cells each way, rows then columns. */
  box_along_rows (&cells, cw, ch, k, &across);
  f->cell_mean = g_malloc (nc);
  f->cell_mid = g_malloc (nc);
  f->cells_across = cw;
  for (int cy = 0; cy < (int) ch; cy++)
    for (int cx = 0; cx < (int) cw; cx++)
      {
        gsize c = (gsize) cy * cw + cx;
        guint32 s = 0, n = 0;
        guint8 l = 255, u = 0;

        for (int j = MAX (0, cy - k); j <= MIN ((int) ch - 1, cy + k); j++)
          {
            gsize d = (gsize) j * cw + cx;

            s += across.sum[d];
            n += across.count[d];
            l = MIN (l, across.lo[d]);
            u = MAX (u, across.hi[d]);
          }
        f->cell_mean[c] = (guint8) (s / n);
        f->cell_mid[c] = (guint8) ((l + u + 1) / 2);
      }
}

static inline gsize
cell_of (const Finder *f,
         guint         x,
         guint         y)
{
  return (gsize) (y >> CELL_SHIFT) * f->cells_across + (x >> CELL_SHIFT);
}

/* Ink is darker than its window's mean by INK_MARGIN where that mean is
 * above the window's midpoint (the window is mostly light: a light
 * background), and lighter by as much where it is below. */
void
epi_centerline_find_ink (Finder *f)
{
  local_levels (f, (guint) ceil (WINDOW_HALF_WIDTHS * f->max_half_width));

  /* The frame is never ink: regions stay inside it, so their pixels'
   * neighbours are all in the picture. */
  memset (f->ink, NO_INK, f->w);
  memset (f->ink + (gsize) (f->h - 1) * f->w, NO_INK, f->w);
  for (guint y = 1; y + 1 < f->h; y++)
    {
      const guint8 *row = f->gray + (gsize) y * f->w;
      const guint8 *mean = f->cell_mean + cell_of (f, 0, y);
      const guint8 *mid = f->cell_mid + cell_of (f, 0, y);
      guint8 *ink = f->ink + (gsize) y * f->w;

      ink[0] = ink[f->w - 1] = NO_INK;
      for (guint x = 1; x + 1 < f->w; x++)
        {
          int g = row[x], b = mean[x >> CELL_SHIFT];

          if (b >= mid[x >> CELL_SHIFT])
            ink[x] = g + INK_MARGIN < b ? DARK : NO_INK;
          else
            ink[x] = g > b + INK_MARGIN ? LIGHT : NO_INK;
        }
    }
}

static inline gboolean
same_kind (const Finder *f,
           gsize         i,
           guint8        kind)
{
  return (f->ink[i] & ~SEEN) == kind;
}

/* Region pixels only, which are never on the frame. */
gboolean
epi_centerline_on_rim (const Finder *f,
                       gsize         i,
                       guint8        kind)
{
  return !same_kind (f, i - 1, kind) || !same_kind (f, i + 1, kind) ||
         !same_kind (f, i - f->w, kind) || !same_kind (f, i + f->w, kind);
}

/* Whether the rim pixel @i of a region of @kind faces background: two
 * pixels out across its rim lies the light half of the local range for
 * dark ink (the dark half for light ink). The inside of a filled shape,
 * counted as ink only near its rim, or the shading inside a coin, does
 * not. */
static gboolean
faces_background (const Finder *f,
                  gsize         i,
                  guint8        kind)
{
  static const int DX[4] = { 1, -1, 0, 0 };
  static const int DY[4] = { 0, 0, 1, -1 };
  int x = (int) (i % f->w), y = (int) (i / f->w);

  for (int d = 0; d < 4; d++)
    {
      int sx = x + 2 * DX[d], sy = y + 2 * DY[d];
      int g, m;

      if (same_kind (f, (gsize) (y + DY[d]) * f->w + (gsize) (x + DX[d]), kind))
        continue;
      if (sx < 0 || sy < 0 || sx >= (int) f->w || sy >= (int) f->h)
        return FALSE;
      g = f->gray[(gsize) sy * f->w + sx];
      m = f->cell_mid[cell_of (f, (guint) sx, (guint) sy)];
      return kind == DARK ? g >= m : g <= m;
    }

  return FALSE;
}

/* Whether @i (inside the frame) or one of its 8 neighbours is ink of
 * @kind. */
static gboolean
touches_kind (const Finder *f,
              gsize         i,
              guint8        kind)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if (same_kind (f, i + dy * (gssize) f->w + dx, kind))
        return TRUE;

  return FALSE;
}

/* The background around a region: the plane g = a + b·x + c·y fitted
 * by least squares to the samples around it, so that a page lit
 * unevenly (a gradient, a shadow across it) still has an even
 * background once its slope is taken out. x and y are from the
 * region's first pixel, which keeps the sums small. */
typedef struct
{
  double a, b, c;
  double x0, y0;
} Background;

static double
background_at (const Background *bg,
               int               x,
               int               y)
{
  return bg->a + bg->b * (x - bg->x0) + bg->c * (y - bg->y0);
}

/* Fits @bg to the @n samples (x, y, gray) in @samples; a flat plane at
 * their mean when they do not span two directions. */
static void
background_fit (Background   *bg,
                const int    *samples,
                guint         n)
{
  double sx = 0, sy = 0, sg = 0, sxx = 0, sxy = 0, syy = 0, sxg = 0, syg = 0;
  double mx, my, mg, cxx, cxy, cyy, cxg, cyg, det;

  for (guint k = 0; k < n; k++)
    {
      double x = samples[3 * k] - bg->x0, y = samples[3 * k + 1] - bg->y0, g = samples[3 * k + 2];

      sx += x; sy += y; sg += g;
      sxx += x * x; sxy += x * y; syy += y * y;
      sxg += x * g; syg += y * g;
    }
  mx = sx / n; my = sy / n; mg = sg / n;
  cxx = sxx / n - mx * mx; cxy = sxy / n - mx * my; cyy = syy / n - my * my;
  cxg = sxg / n - mx * mg; cyg = syg / n - my * mg;
  det = cxx * cyy - cxy * cxy;

  if (det > 1e-6 * (cxx + cyy) * (cxx + cyy) && det > 0)
    {
      bg->b = (cxg * cyy - cyg * cxy) / det;
      bg->c = (cyg * cxx - cxg * cxy) / det;
    }
  else
    bg->b = bg->c = 0;
  bg->a = mg - bg->b * mx - bg->c * my;
}

/* Whether the region in f->pixels is clear ink: far darker (or
 * lighter) than a background that is even all around it, once its
 * slope is taken out, with a sharp rim. The background is sampled
 * RING_NEAR to RING_FAR pixels out from each rim pixel, along each axis
 * that leaves the region, past the anti-aliased pixel next to the rim;
 * samples next to ink of the same kind (the anti-aliased rim of a
 * neighbouring letter) are left out. A sharp rim is one pixel of
 * partial cover: the pixels paler than solid ink are about as many as
 * those of the rim, not a wide blur. @background gets the background's
 * level at the region's middle. */
static gboolean
is_clear_ink (const Finder *f,
              const Region *region,
              int          *background,
              int          *contrast_out)
{
  static const int DX[4] = { 1, -1, 0, 0 };
  static const int DY[4] = { 0, 0, 1, -1 };
  guint8 kind = region->kind;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, 3 * sizeof (int));
  gsize first = g_array_index (f->pixels, gsize, 0);
  Background bg = { 0, 0, 0, (double) (first % f->w), (double) (first / f->w) };
  guint off = 0, pale = 0;
  double contrast = 0, sx = 0, sy = 0;

  for (guint k = 0; k < f->pixels->len; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);
      int x = (int) (i % f->w), y = (int) (i / f->w);

      sx += x;
      sy += y;
      if (!epi_centerline_on_rim (f, i, kind))
        continue;
      for (int d = 0; d < 4; d++)
        {
          if (same_kind (f, (gsize) (y + DY[d]) * f->w + (gsize) (x + DX[d]), kind))
            continue;
          for (int t = RING_NEAR; t <= RING_FAR; t++)
            {
              int sample[3] = { x + t * DX[d], y + t * DY[d], 0 };
              gsize j;

              if (sample[0] < 1 || sample[1] < 1 || sample[0] + 1 >= (int) f->w || sample[1] + 1 >= (int) f->h)
                continue;
              j = (gsize) sample[1] * f->w + (gsize) sample[0];
              if (touches_kind (f, j, kind))
                continue;
              sample[2] = f->gray[j];
              g_array_append_vals (samples, sample, 1);
            }
        }
    }
  if (samples->len == 0)
    return FALSE;
  background_fit (&bg, (const int *) (gpointer) samples->data, samples->len);

  /* The contrast of the darkest (lightest) pixel against the background
   * there. */
  for (guint k = 0; k < f->pixels->len; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);
      double depth = f->gray[i] - background_at (&bg, (int) (i % f->w), (int) (i / f->w));

      contrast = MAX (contrast, kind == DARK ? -depth : depth);
    }
  if (contrast < (f->drawn ? DRAWN_MIN_INK_CONTRAST : MIN_INK_CONTRAST))
    return FALSE;

  for (guint k = 0; k < samples->len; k++)
    {
      const int *sample = &g_array_index (samples, int, 3 * k);

      off += fabs (sample[2] - background_at (&bg, sample[0], sample[1])) > BG_TOLERANCE * contrast;
    }

  for (guint k = 0; k < f->pixels->len; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);

      pale += fabs (f->gray[i] - background_at (&bg, (int) (i % f->w), (int) (i / f->w))) < SOLID_INK * contrast;
    }

  *background = (int) CLAMP (lround (background_at (&bg, (int) lround (sx / f->pixels->len),
                                                    (int) lround (sy / f->pixels->len))), 0, 255);
  *contrast_out = (int) lround (contrast);
  return off <= MAX_OFF_SHARE * samples->len && pale <= MAX_PALE_PER_RIM * region->rim;
}

/* Gathers the 8-connected region of ink around @start into f->pixels. */
void
epi_centerline_gather_region (Finder *f,
                              gsize   start,
                              Region *region)
{
  guint8 kind = f->ink[start];

  region->kind = kind;
  region->x0 = region->x1 = (guint) (start % f->w);
  region->y0 = region->y1 = (guint) (start / f->w);
  region->rim = 0;

  g_array_set_size (f->pixels, 0);
  g_array_append_val (f->pixels, start);
  f->ink[start] |= SEEN;

  for (guint k = 0; k < f->pixels->len; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);
      int x = (int) (i % f->w), y = (int) (i / f->w);

      region->x0 = MIN (region->x0, (guint) x);
      region->x1 = MAX (region->x1, (guint) x);
      region->y0 = MIN (region->y0, (guint) y);
      region->y1 = MAX (region->y1, (guint) y);
      region->rim += epi_centerline_on_rim (f, i, kind);

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            gsize j = (gsize) (y + dy) * f->w + (gsize) (x + dx);

            if (f->ink[j] == kind)
              {
                f->ink[j] |= SEEN;
                g_array_append_val (f->pixels, j);
              }
          }
    }
}

/* The cheap tests, on the region in f->pixels: size, mean width (twice
 * the area over the rim's length), and the line finder's lines along a
 * rim that faces background. One that passes becomes a candidate. */
void
epi_centerline_consider_region (Finder       *f,
                                const Region *region)
{
  gsize area = f->pixels->len;
  gsize supported = 0;
  gboolean clear_ink;
  int background = 0, contrast = 0;
  Candidate c;

  if (area < MIN_DOT_AREA || 2.0 * area > (2 * f->max_half_width + 2) * region->rim)
    return;

  for (guint k = 0; k < area; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);

      /* A place is drawn once: a stroke found in the gray is not found
       * again in the coverage. */
      if (f->erase[i] >= CLAIMED)
        return;
    }

  clear_ink = is_clear_ink (f, region, &background, &contrast);
  if (!clear_ink)
    {
      if (area < MIN_AREA)
        return;
      for (guint k = 0; k < area; k++)
        {
          gsize i = g_array_index (f->pixels, gsize, k);

          if (epi_centerline_on_rim (f, i, region->kind) &&
              epi_edges_line_near (f->mask, f->w, f->h, (guint) (i % f->w), (guint) (i / f->w), SUPPORT_DISTANCE) &&
              faces_background (f, i, region->kind))
            supported++;
        }
      if (supported < MIN_SUPPORT * region->rim)
        return;
    }

  c.first = f->members->len;
  c.n = (guint) area;
  c.region = *region;
  c.clear_ink = clear_ink;
  c.background = (guint8) background;
  c.contrast = (guint8) contrast;
  c.alive = TRUE;
  c.dot = FALSE;
  g_array_append_vals (f->members, f->pixels->data, area);
  g_array_append_val (f->candidates, c);
}
