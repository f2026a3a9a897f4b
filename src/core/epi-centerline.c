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
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-centerline.h"

/* How much darker (or lighter) than its surroundings ink is, in gray
 * levels: well above JPEG noise and paper texture. */
#define INK_MARGIN          32
/* The widest stroke, as a half-width, is this share of the longest side
 * within these bounds, in pixels. */
#define HALF_WIDTH_SHARE    0.01
#define MIN_MAX_HALF_WIDTH  6.0
#define MAX_MAX_HALF_WIDTH  10.0
/* Thinner than this is a hairline, which the line finder already draws
 * once. */
#define MIN_HALF_WIDTH      1.5
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
/* Skeleton length × width over area: a stroke is about 1. */
#define MIN_EXPLAINED       0.75
#define MAX_EXPLAINED       1.35
/* The share of a stroke's skeleton allowed to be wider than the widest
 * stroke, where strokes cross or bend. */
#define MAX_THICK_SHARE     0.15
/* The same as a share of the area, checked before thinning. */
#define MAX_THICK_AREA      0.1
/* Outline pixels this far outside a stroke (pixels, either axis) are
 * its outline too: the finder places an edge up to a pixel either side
 * of the ink's rim. */
#define ERASE_MARGIN        2
/* Bits of line left this much further out, no longer than MAX_CRUMB
 * pixels, are the ends of the outline the finder bent away from the ink
 * at a stroke's corners. Around clear ink, so are pieces of up to
 * MAX_FRINGE_PIECE pixels that lie mostly (more than MAX_FRINGE_SHARE)
 * that close: what is left of the line a finder draws around a whole
 * word. */
#define FRINGE_MARGIN       3
#define MAX_CRUMB           5
#define MAX_FRINGE_PIECE    24
#define MAX_FRINGE_SHARE    0.5

/* Clear ink, the strokes of text and line art, needs no outline from the
 * line finder: it is told by its look, nearly two-tone where photo
 * texture is not. Its darkest (or lightest) pixel differs from the
 * background by at least MIN_INK_CONTRAST gray levels; at most
 * MAX_OFF_SHARE of the background sampled RING_NEAR to RING_FAR pixels
 * out across its rim is further than BG_TOLERANCE of that
 * contrast from the background's level (no texture, no blur); and at
 * most MAX_PALE_PER_RIM pixels per rim pixel are paler than SOLID_INK
 * of the contrast (a sharp rim, one anti-aliased pixel wide). */
#define MIN_INK_CONTRAST    128
#define RING_NEAR           2
#define RING_FAR            3
#define BG_TOLERANCE        0.05
#define MAX_OFF_SHARE       0.05
#define SOLID_INK           0.8
#define MAX_PALE_PER_RIM    1.2
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
#define MIN_INK_EXPLAINED   0.55
#define MAX_INK_EXPLAINED   1.6
/* Dots of clear ink (the dot of an i, a full stop) of at least
 * MIN_DOT_AREA pixels, filling MIN_DOT_FILL of their box, are drawn as
 * their outline when a stroke of clear ink lies within DOT_REACH times
 * their size of them. */
#define MIN_DOT_AREA        3
#define MIN_DOT_FILL        0.5
#define DOT_REACH           1.5

/* Chamfer steps: 3 along an axis, 4 diagonally (1 pixel is 3). */
#define CHAMFER_AXIAL       3u
#define CHAMFER_DIAGONAL    4u
#define CHAMFER_FAR         60000u

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
  g_autofree guint32 *sum = g_new0 (guint32, nc);
  g_autofree guint32 *count = g_new0 (guint32, nc);
  g_autofree guint8 *lo = g_malloc (nc);
  g_autofree guint8 *hi = g_malloc0 (nc);
  g_autofree guint32 *sum2 = g_new (guint32, nc);
  g_autofree guint32 *count2 = g_new (guint32, nc);
  g_autofree guint8 *lo2 = g_malloc (nc);
  g_autofree guint8 *hi2 = g_malloc (nc);

  memset (lo, 255, nc);
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
          sum[base + cx] += s;
          count[base + cx] += end - start;
          lo[base + cx] = MIN (lo[base + cx], l);
          hi[base + cx] = MAX (hi[base + cx], u);
        }
    }

  /* Box sums and extremes over k cells each way, rows then columns. */
  for (int cy = 0; cy < (int) ch; cy++)
    for (int cx = 0; cx < (int) cw; cx++)
      {
        gsize c = (gsize) cy * cw + cx;
        guint32 s = 0, n = 0;
        guint8 l = 255, u = 0;

        for (int j = MAX (0, cx - k); j <= MIN ((int) cw - 1, cx + k); j++)
          {
            gsize d = (gsize) cy * cw + j;

            s += sum[d];
            n += count[d];
            l = MIN (l, lo[d]);
            u = MAX (u, hi[d]);
          }
        sum2[c] = s;
        count2[c] = n;
        lo2[c] = l;
        hi2[c] = u;
      }

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

            s += sum2[d];
            n += count2[d];
            l = MIN (l, lo2[d]);
            u = MAX (u, hi2[d]);
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
static void
find_ink (Finder *f)
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
static gboolean
on_rim (const Finder *f,
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

/* Whether the region in f->pixels is clear ink: far darker (or
 * lighter) than a background that is even all around it, with a sharp
 * rim. The background is sampled RING_NEAR to RING_FAR pixels out from
 * each rim pixel, along each axis that leaves the region, past the
 * anti-aliased pixel next to the rim; samples next to ink of the same
 * kind (the anti-aliased rim of a neighbouring letter) are left out. A
 * sharp rim is one pixel of partial cover: the pixels paler than solid
 * ink are about as many as those of the rim, not a wide blur. */
static gboolean
is_clear_ink (const Finder *f,
              const Region *region,
              int          *background,
              int          *contrast_out)
{
  static const int DX[4] = { 1, -1, 0, 0 };
  static const int DY[4] = { 0, 0, 1, -1 };
  guint8 kind = region->kind;
  guint hist[256] = { 0 };
  guint n = 0, off = 0, pale = 0;
  int core = kind == DARK ? 255 : 0, bg = 0, contrast;

  for (guint k = 0; k < f->pixels->len; k++)
    {
      gsize i = g_array_index (f->pixels, gsize, k);
      int x = (int) (i % f->w), y = (int) (i / f->w);

      core = kind == DARK ? MIN (core, f->gray[i]) : MAX (core, f->gray[i]);
      if (!on_rim (f, i, kind))
        continue;
      for (int d = 0; d < 4; d++)
        {
          if (same_kind (f, (gsize) (y + DY[d]) * f->w + (gsize) (x + DX[d]), kind))
            continue;
          for (int t = RING_NEAR; t <= RING_FAR; t++)
            {
              int sx = x + t * DX[d], sy = y + t * DY[d];
              gsize j;

              if (sx < 1 || sy < 1 || sx + 1 >= (int) f->w || sy + 1 >= (int) f->h)
                continue;
              j = (gsize) sy * f->w + (gsize) sx;
              if (touches_kind (f, j, kind))
                continue;
              hist[f->gray[j]]++;
              n++;
            }
        }
    }
  if (n == 0)
    return FALSE;

  for (guint sum = 0; bg < 255 && (sum += hist[bg]) * 2 < n; bg++)
    ;
  contrast = kind == DARK ? bg - core : core - bg;
  if (contrast < MIN_INK_CONTRAST)
    return FALSE;

  for (int g = 0; g < 256; g++)
    if (ABS (g - bg) > BG_TOLERANCE * contrast)
      off += hist[g];

  for (guint k = 0; k < f->pixels->len; k++)
    {
      int g = f->gray[g_array_index (f->pixels, gsize, k)];

      pale += ABS (g - bg) < SOLID_INK * contrast;
    }

  *background = bg;
  *contrast_out = contrast;
  return off <= MAX_OFF_SHARE * n && pale <= MAX_PALE_PER_RIM * region->rim;
}

/* Gathers the 8-connected region of ink around @start into f->pixels. */
static void
gather_region (Finder *f,
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
      region->rim += on_rim (f, i, kind);

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
  qsort (order, c->n, sizeof *order, compare_ordered);

  while (changed)
    {
      changed = FALSE;
      for (guint k = 0; k < c->n; k++)
        {
          gsize i = order[k].i;

          if (f->plane[i] && count_neighbours (f->plane, i, f->w) >= 2 &&
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

      if (on_rim (f, i, c->region.kind))
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
  /* The hexagon's middle is half a pixel right of (cx, cy). */
  cx = (int) lround (sx / c->n - 0.5);
  cy = (int) lround (sy / c->n);
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
  for (int k = 0; k < DOT_PIXELS; k++)
    hexagon[k] = (gsize) (cy + DOT_DY[k]) * f->w + (gsize) (cx + DOT_DX[k]);

  return TRUE;
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

/* The cheap tests, on the region in f->pixels: size, mean width (twice
 * the area over the rim's length), and the line finder's lines along a
 * rim that faces background. One that passes becomes a candidate. */
static void
consider_region (Finder       *f,
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

          if (on_rim (f, i, region->kind) &&
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
static void
settle_kind (Finder *f,
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
  find_ink (f);

  for (gsize i = 0; i < n; i++)
    if (f->ink[i] != NO_INK && !(f->ink[i] & SEEN))
      {
        Region region;

        gather_region (f, i, &region);
        consider_region (f, &region);
      }

  f->skeleton_label++;
  settle_kind (f, DARK);
  f->skeleton_label++;
  settle_kind (f, LIGHT);
}

void
epi_centerlines_apply (const EpiImage *image,
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
