/* epi-edges.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of a picture as a mask one pixel wide. Two finders: the
 * boundaries a person would draw (epi-boundary.c gives how likely each
 * pixel is on one), or Canny edge detection (Gaussian blur, Sobel
 * gradients); both end in non-maximum suppression, hysteresis and a
 * thinning pass so that every line is exactly one pixel wide and can be
 * walked once. Drawn pictures (few colours, mostly flat) get Canny's
 * edges whatever the finder: every edge in them is meant.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <string.h>

#include "epi-alpha-lines.h"
#include "epi-centerline.h"
#include "epi-boundary.h"
#include "epi-edges.h"
#include "epi-error.h"
#include "epi-picture-kind.h"

/* Automatic thresholds never go below this gradient (a Sobel response of
 * a step of about three gray levels), so flat pictures and faint JPEG
 * noise give no edges at all. */
#define MIN_HIGH_THRESHOLD 12.0
#define LOW_TO_HIGH_RATIO  0.5
/* Otsu's split alone keeps only the strongest outlines of a photo; a bit
 * below it the drawing keeps the features that make the picture
 * recognisable (eyes, fur, folds) without tracing every texture. */
#define OTSU_SCALE         0.6
#define HISTOGRAM_BINS     1024

/* Boundary probabilities that start a line at detail 0 and at detail 1;
 * a line goes on while it stays above this share of its start. */
#define BOUNDARY_SUREST       0.62
#define BOUNDARY_LIKELY       0.22
/* The boundary cues reach 32 pixels across a line: a smaller picture is
 * all border, and gets Canny's edges. */
#define BOUNDARY_MIN_SIDE     32
#define BOUNDARY_LOW_TO_HIGH  0.6


/* A boundary needs the picture to change within this many pixels by
 * more than this many levels of some colour channel. */
#define FLAT_RADIUS           2
#define FLAT_RANGE            6

static const char * const line_finder_names[] = { "boundaries", "canny" };
G_STATIC_ASSERT (G_N_ELEMENTS (line_finder_names) == EPI_N_LINE_FINDERS);

const char *
epi_line_finder_get_name (EpiLineFinder finder)
{
  g_return_val_if_fail (finder < EPI_N_LINE_FINDERS, NULL);

  return line_finder_names[finder];
}

gboolean
epi_line_finder_from_name (const char    *name,
                           EpiLineFinder *finder)
{
  g_return_val_if_fail (finder != NULL, FALSE);

  for (guint f = 0; f < EPI_N_LINE_FINDERS; f++)
    if (g_strcmp0 (name, line_finder_names[f]) == 0)
      {
        *finder = (EpiLineFinder) f;
        return TRUE;
      }

  return FALSE;
}

/* Sets @options to the defaults: the boundary finder at
 * EPI_DEFAULT_DETAIL; for Canny a blur of 1.4 pixels and thresholds
 * chosen from the picture (negative). */
void
epi_edge_options_init (EpiEdgeOptions *options)
{
  g_return_if_fail (options != NULL);

  options->finder = EPI_LINE_FINDER_BOUNDARIES;
  options->detail = EPI_DEFAULT_DETAIL;
  options->sigma = 1.4;
  options->low_threshold = -1;
  options->high_threshold = -1;
}

/* An empty mask of @width × @height pixels (both above 0), one byte
 * each. Returns: (transfer full): to free with epi_edge_map_free(). */
EpiEdgeMap *
epi_edge_map_new (guint width,
                  guint height)
{
  EpiEdgeMap *edges;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  edges = g_new0 (EpiEdgeMap, 1);
  edges->width = width;
  edges->height = height;
  edges->mask = g_malloc0_n (width, height);

  return edges;
}

/* Frees @edges and its mask; NULL is ignored. */
void
epi_edge_map_free (EpiEdgeMap *edges)
{
  if (edges == NULL)
    return;

  g_free (edges->mask);
  g_free (edges);
}

/* Recounts @edges->n_edge_pixels from its mask, after the mask changed. */
void
epi_edge_map_count (EpiEdgeMap *edges)
{
  gsize n = (gsize) edges->width * edges->height;

  edges->n_edge_pixels = 0;
  for (gsize i = 0; i < n; i++)
    edges->n_edge_pixels += edges->mask[i] != 0;
}

static float *
gaussian_blur (const EpiImage *image,
               double          sigma)
{
  guint w = image->width;
  guint h = image->height;
  int radius = MAX (1, (int) ceil (3 * sigma));
  g_autofree float *kernel = g_new (float, 2 * radius + 1);
  g_autofree float *tmp = g_new (float, (gsize) w * h);
  float *out = g_new (float, (gsize) w * h);
  double sum = 0;

  for (int i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = (float) exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * radius; i++)
    kernel[i] /= (float) sum;

  /* Borders repeat the edge pixel, so they make no gradient. */
  for (guint y = 0; y < h; y++)
    {
      const guint8 *row = image->pixels + (gsize) y * w;

      for (guint x = 0; x < w; x++)
        {
          float acc = 0;

          for (int i = -radius; i <= radius; i++)
            acc += kernel[i + radius] * row[CLAMP ((int) x + i, 0, (int) w - 1)];
          tmp[(gsize) y * w + x] = acc;
        }
    }

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        float acc = 0;

        for (int i = -radius; i <= radius; i++)
          acc += kernel[i + radius] * tmp[(gsize) CLAMP ((int) y + i, 0, (int) h - 1) * w + x];
        out[(gsize) y * w + x] = acc;
      }

  return out;
}

/* Sobel gradients followed by non-maximum suppression: only pixels that
 * are the strongest across the edge keep their magnitude. The gradient's
 * direction is kept as one of four steps to the neighbours along it. */
static float *
suppressed_gradient (const float *blurred,
                     guint        w,
                     guint        h)
{
  g_autofree float *mag = g_new0 (float, (gsize) w * h);
  g_autofree guint8 *dir = g_new0 (guint8, (gsize) w * h);
  const gssize steps[4] = { 1, (gssize) w, (gssize) w + 1, (gssize) w - 1 };
  float *nms = g_new0 (float, (gsize) w * h);

#define B(x, y) blurred[(gsize) (y) * w + (x)]
  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float dx = (B (x + 1, y - 1) + 2 * B (x + 1, y) + B (x + 1, y + 1))
                 - (B (x - 1, y - 1) + 2 * B (x - 1, y) + B (x - 1, y + 1));
        float dy = (B (x - 1, y + 1) + 2 * B (x, y + 1) + B (x + 1, y + 1))
                 - (B (x - 1, y - 1) + 2 * B (x, y - 1) + B (x + 1, y - 1));
        float ax = fabsf (dx), ay = fabsf (dy);

        mag[i] = sqrtf (dx * dx + dy * dy);
        if (ay <= 0.4142f * ax)
          dir[i] = 0;                       /* across a vertical edge */
        else if (ay >= 2.4142f * ax)
          dir[i] = 1;                       /* across a horizontal edge */
        else
          dir[i] = (dx > 0) == (dy > 0) ? 2 : 3;
      }
#undef B

  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float m = mag[i];
        gssize step = steps[dir[i]];

        /* Strict on one side so that a plateau two pixels wide keeps one. */
        if (m > 0 && m > mag[i - step] && m >= mag[i + step])
          nms[i] = m;
      }

  return nms;
}

/* Otsu's threshold over the magnitudes of the candidate pixels: the split
 * that best separates faint texture from real lines. */
static double
automatic_high_threshold (const float *nms,
                          gsize        n)
{
  g_autofree double *hist = g_new0 (double, HISTOGRAM_BINS);
  float max = 0;
  double total = 0, sum = 0, sum_b = 0, w_b = 0;
  double best = -1, best_t = 0;

  for (gsize i = 0; i < n; i++)
    max = MAX (max, nms[i]);
  if (max <= 0)
    return MIN_HIGH_THRESHOLD;

  for (gsize i = 0; i < n; i++)
    if (nms[i] > 0)
      {
        int bin = MIN (HISTOGRAM_BINS - 1, (int) (nms[i] / max * HISTOGRAM_BINS));
        hist[bin] += 1;
        total += 1;
        sum += bin * 1.0;
      }

  for (int t = 0; t < HISTOGRAM_BINS; t++)
    {
      double w_f, m_b, m_f, between;

      w_b += hist[t];
      if (w_b == 0)
        continue;
      w_f = total - w_b;
      if (w_f == 0)
        break;
      sum_b += t * hist[t];
      m_b = sum_b / w_b;
      m_f = (sum - sum_b) / w_f;
      between = w_b * w_f * (m_b - m_f) * (m_b - m_f);
      if (between > best)
        {
          best = between;
          best_t = t;
        }
    }

  return MAX (MIN_HIGH_THRESHOLD, OTSU_SCALE * (best_t + 1) * max / HISTOGRAM_BINS);
}

/* Boundary probabilities kept only where they peak across the line. */
static float *
suppressed_boundaries (const EpiBoundaryMap *map)
{
  guint w = map->width, h = map->height;
  const float *p = map->probability;
  float *nms = g_new0 (float, (gsize) w * h);

  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float nx = map->normal_x[i], ny = map->normal_y[i];
        float ahead = 0, behind = 0;

        /* Bilinear samples one pixel to either side. */
        for (int side = -1; side <= 1; side += 2)
          {
            float sx = x + side * nx, sy = y + side * ny;
            int ix = CLAMP ((int) floorf (sx), 0, (int) w - 2);
            int iy = CLAMP ((int) floorf (sy), 0, (int) h - 2);
            float tx = CLAMP (sx - ix, 0, 1), ty = CLAMP (sy - iy, 0, 1);
            const float *r0 = p + (gsize) iy * w + ix, *r1 = r0 + w;
            float v = (r0[0] + (r0[1] - r0[0]) * tx) * (1 - ty) + (r1[0] + (r1[1] - r1[0]) * tx) * ty;

            if (side < 0)
              behind = v;
            else
              ahead = v;
          }

        /* Strict on one side so that a flat crest keeps one pixel. */
        if (p[i] > 0 && p[i] > ahead && p[i] >= behind)
          nms[i] = p[i];
      }

  return nms;
}

/* Clears the line pixels where the picture is flat all around: within
 * FLAT_RADIUS no colour channel varies by more than FLAT_RANGE levels.
 * The boundary finder's region cues reach far (16 px), so they can mark
 * the edge of a block of text or pattern out on the blank paper beside
 * it; nothing a person would draw lies where nothing changes. */
static void
clear_flat_surroundings (const EpiImage *image,
                         float          *nms)
{
  int w = (int) image->width, h = (int) image->height;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (nms[(gsize) y * w + x] > 0 && epi_image_channel_range (image, x, y, FLAT_RADIUS) <= FLAT_RANGE)
        nms[(gsize) y * w + x] = 0;
}

/* Keeps weak pixels only where they connect to a strong one. */
static void
hysteresis (const float *nms,
            guint        w,
            guint        h,
            double       low,
            double       high,
            guint8      *mask)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize n = (gsize) w * h;

  for (gsize i = 0; i < n; i++)
    {
      if (mask[i] || nms[i] < high)
        continue;

      mask[i] = 1;
      g_array_append_val (stack, i);

      while (stack->len > 0)
        {
          gsize j = g_array_index (stack, gsize, stack->len - 1);
          guint x = (guint) (j % w);
          guint y = (guint) (j / w);

          g_array_set_size (stack, stack->len - 1);

          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int nx = (int) x + dx;
                int ny = (int) y + dy;
                gsize k;

                if (nx < 0 || ny < 0 || nx >= (int) w || ny >= (int) h)
                  continue;
                k = (gsize) ny * w + (gsize) nx;
                if (!mask[k] && nms[k] >= low && nms[k] > 0)
                  {
                    mask[k] = 1;
                    g_array_append_val (stack, k);
                  }
              }
        }
    }
}

/* The neighbours of pixel @i, clockwise from north. */
static inline void
ring_of (const guint8 *mask,
         gsize         i,
         guint         w,
         int           p[8])
{
  const guint8 *c = mask + i;

  p[0] = c[-(gssize) w];
  p[1] = c[-(gssize) w + 1];
  p[2] = c[1];
  p[3] = c[w + 1];
  p[4] = c[w];
  p[5] = c[w - 1];
  p[6] = c[-1];
  p[7] = c[-(gssize) w - 1];
}

/* Indices of the edge pixels away from the border, where every pixel
 * has all eight neighbours; thinning only ever looks at these. */
static GArray *
inner_edge_pixels (const guint8 *mask,
                   guint         w,
                   guint         h)
{
  GArray *pixels = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;

        if (mask[i])
          g_array_append_val (pixels, i);
      }

  return pixels;
}

/* Zhang–Suen thinning: peels the corner pixels that non-maximum
 * suppression leaves at diagonal steps, keeping lines connected and
 * their end points in place. Each sub-pass decides on the mask as it was
 * at its start, then removes. */
static void
thin (guint8 *mask,
      GArray *pixels,
      guint   w)
{
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;

      for (int pass = 0; pass < 2; pass++)
        {
          g_array_set_size (doomed, 0);

          for (guint k = 0; k < pixels->len; k++)
            {
              gsize i = g_array_index (pixels, gsize, k);
              int p[8], count = 0, transitions = 0;

              ring_of (mask, i, w, p);
              for (int n = 0; n < 8; n++)
                {
                  count += p[n];
                  transitions += !p[n] && p[(n + 1) % 8];
                }

              if (count < 2 || count > 6 || transitions != 1)
                continue;
              if (pass == 0 ? (p[0] && p[2] && p[4]) || (p[2] && p[4] && p[6])
                            : (p[0] && p[2] && p[6]) || (p[0] && p[4] && p[6]))
                continue;

              g_array_append_val (doomed, k);
            }

          /* Remove from the back so the list indices stay valid. */
          for (guint d = doomed->len; d-- > 0;)
            {
              guint k = g_array_index (doomed, guint, d);

              mask[g_array_index (pixels, gsize, k)] = 0;
              g_array_remove_index_fast (pixels, k);
              changed = TRUE;
            }
        }
    }
}

/* Whether the set ring pixels (clockwise from north) form one
 * 8-connected piece, so that removing the centre changes no topology.
 * Ring neighbours are adjacent, and so are two 4-neighbours either side
 * of a corner (north and east touch diagonally). */
static gboolean
ring_is_one_piece (const int p[8])
{
  int label[8];
  int pieces = 0;

  for (int i = 0; i < 8; i++)
    label[i] = -1;

  for (int i = 0; i < 8; i++)
    {
      int stack[8], top = 0;

      if (!p[i] || label[i] >= 0)
        continue;

      label[i] = pieces;
      stack[top++] = i;
      while (top > 0)
        {
          int a = stack[--top];
          int steps[4] = { 1, 7, 2, 6 };

          for (int s = 0; s < ((a % 2 == 0) ? 4 : 2); s++)
            {
              int b = (a + steps[s]) % 8;

              if (p[b] && label[b] < 0)
                {
                  label[b] = pieces;
                  stack[top++] = b;
                }
            }
        }
      pieces++;
    }

  return pieces == 1;
}

/* Zhang–Suen keeps 4-connected staircases and the 2×2 blocks where lines
 * cross; a walker stepping diagonally would skip their corner pixels and
 * leave them as specks. Any pixel whose neighbours stay connected without
 * it (and that is neither a line end nor inside an area) goes, leaving
 * 8-connected lines exactly one pixel wide. */
static void
remove_redundant_pixels (guint8 *mask,
                         GArray *pixels,
                         guint   w)
{
  gboolean changed = TRUE;

  /* Removing one pixel can make an earlier one redundant: repeat until
   * nothing changes, which takes one or two passes on real pictures. */
  while (changed)
    {
      changed = FALSE;

      for (guint k = pixels->len; k-- > 0;)
        {
          gsize i = g_array_index (pixels, gsize, k);
          int p[8], count = 0;

          ring_of (mask, i, w, p);
          for (int n = 0; n < 8; n++)
            count += p[n];

          if (count >= 2 && !(p[0] && p[2] && p[4] && p[6]) && ring_is_one_piece (p))
            {
              mask[i] = 0;
              g_array_remove_index_fast (pixels, k);
              changed = TRUE;
            }
        }
    }
}

/* The thinning above, for the refinements that run after detection
 * (epi-centerline.c, epi-alpha-lines.c): they thin masks of their own. */
void
epi_edges_thin (guint8 *mask,
                guint   width,
                guint   height)
{
  g_autoptr(GArray) pixels = NULL;

  g_return_if_fail (mask != NULL);

  if (width < 3 || height < 3)
    return;

  pixels = inner_edge_pixels (mask, width, height);
  thin (mask, pixels, width);
  remove_redundant_pixels (mask, pixels, width);
}

/* Whether @mask (@w × @h) has a line pixel within @distance pixels
 * (Chebyshev) of (@x, @y). */
gboolean
epi_edges_line_near (const guint8 *mask,
                     guint         w,
                     guint         h,
                     guint         x,
                     guint         y,
                     guint         distance)
{
  guint y0 = y > distance ? y - distance : 0;
  guint x0 = x > distance ? x - distance : 0;

  for (guint yy = y0; yy <= MIN (h - 1, y + distance); yy++)
    for (guint xx = x0; xx <= MIN (w - 1, x + distance); xx++)
      if (mask[(gsize) yy * w + xx])
        return TRUE;

  return FALSE;
}

guint32 *
epi_edges_piece_sizes (const guint8 *mask,
                       guint         width,
                       guint         height)
{
  gsize n = (gsize) width * height;
  g_autoptr(GArray) piece = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint32 *size_of = g_new0 (guint32, n);

  /* size_of also marks what was reached: 1 while a piece is gathered. */
  for (gsize start = 0; start < n; start++)
    {
      if (!mask[start] || size_of[start])
        continue;

      g_array_set_size (piece, 0);
      size_of[start] = 1;
      g_array_append_val (piece, start);
      for (guint k = 0; k < piece->len; k++)
        {
          gsize i = g_array_index (piece, gsize, k);
          int x = (int) (i % width), y = (int) (i / width);

          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int nx = x + dx, ny = y + dy;
                gsize j;

                if (nx < 0 || ny < 0 || nx >= (int) width || ny >= (int) height)
                  continue;
                j = (gsize) ny * width + (gsize) nx;
                if (mask[j] && !size_of[j])
                  {
                    size_of[j] = 1;
                    g_array_append_val (piece, j);
                  }
              }
        }
      for (guint k = 0; k < piece->len; k++)
        size_of[g_array_index (piece, gsize, k)] = piece->len;
    }

  return size_of;
}

/* Whether @options are in range whatever the finder: small and drawn
 * pictures get Canny's. Sets EPI_ERROR_INVALID_ARGUMENT when not. */
static gboolean
check_edge_options (const EpiEdgeOptions  *options,
                    GError               **error)
{
  if (!(options->sigma > 0 && options->sigma <= EPI_EDGE_MAX_SIGMA))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("blur radius %.2f is out of range (0 to %g)"), options->sigma, EPI_EDGE_MAX_SIGMA);
      return FALSE;
    }
  if (!(options->detail >= 0 && options->detail <= 1))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("detail %.2f is out of range (0 to 1)"), options->detail);
      return FALSE;
    }
  return TRUE;
}

/* Canny's line strengths: the thinned gradient of @image blurred by
 * options->sigma, width × height floats (free with g_free()), with the
 * hysteresis thresholds to apply to them, given or from the picture. */
static float *
canny_strengths (const EpiImage       *image,
                 const EpiEdgeOptions *options,
                 double               *low,
                 double               *high)
{
  guint w = image->width, h = image->height;
  g_autofree float *blurred = gaussian_blur (image, options->sigma);
  float *nms = suppressed_gradient (blurred, w, h);

  *high = options->high_threshold >= 0 ? options->high_threshold
                                       : automatic_high_threshold (nms, (gsize) w * h);
  *low = options->low_threshold >= 0 ? MIN (options->low_threshold, *high)
                                     : *high * LOW_TO_HIGH_RATIO;
  return nms;
}

/* The boundary finder's line strengths: the thinned boundary
 * probabilities of @image, width × height floats (free with g_free()),
 * with the hysteresis thresholds options->detail asks for and in
 * @strongest the surest of them all. */
static float *
boundary_strengths (const EpiImage       *image,
                    const EpiEdgeOptions *options,
                    double               *low,
                    double               *high,
                    double               *strongest)
{
  g_autoptr(EpiImage) stretched = epi_picture_stretched (image);
  const EpiImage *seen = stretched != NULL ? stretched : image;
  g_autoptr(EpiBoundaryMap) map = epi_boundary_detect (seen);
  float *nms;

  nms = suppressed_boundaries (map);
  clear_flat_surroundings (seen, nms);
  *high = BOUNDARY_SUREST - (BOUNDARY_SUREST - BOUNDARY_LIKELY) * options->detail;
  *low = *high * BOUNDARY_LOW_TO_HIGH;
  /* Whether a higher detail would draw anything (see epi_edges_detect()). */
  for (gsize i = 0; i < (gsize) image->width * image->height; i++)
    *strongest = MAX (*strongest, nms[i]);
  return nms;
}

/* Refinements of the lines found: outlines that only the coverage
 * shows, then thick strokes drawn once along their middle; counts the
 * edge pixels of @edges. */
static void
refine_lines (const EpiImage *image,
              gboolean        drawn,
              EpiEdgeMap     *edges)
{
  epi_alpha_lines_apply (image, edges);
  epi_centerlines_apply (image, drawn, edges);
  epi_edge_map_count (edges);
  if (edges->n_edge_pixels == 0 && image->alpha != NULL)
    {
      epi_alpha_lines_apply_soft (image, edges);
      epi_edge_map_count (edges);
    }
}

/* Sets EPI_ERROR_NO_LINES on @error, saying why no line was found by
 * @finder when it can tell; @strongest is the surest boundary seen. */
static void
explain_no_lines (const EpiEdgeOptions  *options,
                  EpiLineFinder          finder,
                  double                 strongest,
                  GError               **error)
{
  if (finder == EPI_LINE_FINDER_CANNY && options->high_threshold >= 0)
    g_set_error (error, EPI_ERROR, EPI_ERROR_NO_LINES,
                 _("no lines found: no gradient reaches the high threshold %g"), options->high_threshold);
  /* Lines a higher detail would draw: one as sure as the highest detail
   * asks for is there. */
  else if (finder == EPI_LINE_FINDER_BOUNDARIES && strongest >= BOUNDARY_LIKELY)
    g_set_error (error, EPI_ERROR, EPI_ERROR_NO_LINES,
                 _("no lines sure enough at detail %.0f %% (a higher detail draws fainter lines)"),
                 100 * options->detail);
  else
    g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NO_LINES,
                         _("no lines found (the picture is flat or too faint)"));
}

EpiEdgeMap *
epi_edges_detect (const EpiImage       *image,
                  const EpiEdgeOptions *options,
                  GError              **error)
{
  g_autoptr(EpiEdgeMap) edges = NULL;
  g_autofree float *nms = NULL;
  g_autoptr(GArray) pixels = NULL;
  EpiEdgeOptions defaults;
  EpiLineFinder finder;
  gboolean drawn;
  double high, low, strongest = 0;
  guint w, h;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_edge_options_init (&defaults);
      options = &defaults;
    }
  if (!check_edge_options (options, error))
    return NULL;

  w = image->width;
  h = image->height;
  edges = epi_edge_map_new (w, h);

  if (w < 3 || h < 3)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_NO_LINES,
                   _("image is too small to have lines (%u×%u)"), w, h);
      return NULL;
    }

  drawn = epi_picture_is_drawn (image);
  finder = options->finder;
  if (finder == EPI_LINE_FINDER_BOUNDARIES && (MIN (w, h) < BOUNDARY_MIN_SIDE || drawn))
    finder = EPI_LINE_FINDER_CANNY;
  if (finder == EPI_LINE_FINDER_CANNY)
    nms = canny_strengths (image, options, &low, &high);
  else
    nms = boundary_strengths (image, options, &low, &high, &strongest);

  hysteresis (nms, w, h, low, high, edges->mask);
  g_clear_pointer (&nms, g_free);

  pixels = inner_edge_pixels (edges->mask, w, h);
  thin (edges->mask, pixels, w);
  remove_redundant_pixels (edges->mask, pixels, w);

  edges->low_threshold = low;
  edges->high_threshold = high;

  refine_lines (image, drawn, edges);
  if (edges->n_edge_pixels == 0)
    {
      explain_no_lines (options, finder, strongest, error);
      return NULL;
    }

  return g_steal_pointer (&edges);
}
