/* epi-ink.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing's ink: which stretches of the rebuilt path the pen draws,
 * and how they are stroked. The live view (epi-renderer.c) and the
 * finished picture (epi-still.c) both draw through here, so they lift
 * the pen at the same samples and put down the same line.
 */

#include "config.h"

#include "epi-ink.h"
#include "epi-path.h"

/**
 * epi_ink_pen_is_down:
 * @spectrum: the drawing, with n_points above 0
 * @j: a point's index, 0 … n_points (n_points is sample 0 again)
 *
 * Whether the pen is down at point @j of the closed path: whether sample
 * @j is outside every pen-up span. Any thread.
 *
 * Returns: %TRUE when the pen is down
 */
gboolean
epi_ink_pen_is_down (const EpiSpectrum *spectrum,
                     guint              j)
{
  return !epi_spans_contain (spectrum->spans, spectrum->n_spans, j % spectrum->n_points);
}

/**
 * epi_ink_path_point:
 * @spectrum: the drawing, with n_points above 0
 * @samples: (array): @spectrum's path at its n_points samples, as x, y
 *   pairs in drawing coordinates (see epi_spectrum_sample())
 * @j: the point's index, 0 … n_points; n_points is sample 0 again,
 *   which closes the path
 * @point: (out caller-allocates): where to put point @j
 *
 * Point @j of the closed path: its time in turns (@j / n_points), its
 * position, and whether the segment on to point @j + 1 is drawn, which
 * it is when the pen is down at both ends. Any thread.
 */
void
epi_ink_path_point (const EpiSpectrum *spectrum,
                    const double      *samples,
                    guint              j,
                    EpiTracePoint     *point)
{
  guint n = spectrum->n_points;
  guint index = j % n;

  g_assert (j <= n);

  point->time = (double) j / n;
  point->x = samples[2 * index];
  point->y = samples[2 * index + 1];
  point->pen_down = epi_ink_pen_is_down (spectrum, index) &&
                    epi_ink_pen_is_down (spectrum, index + 1);
}

/**
 * epi_ink_stroke:
 * @cr: where to draw; its current path is replaced
 * @matrix: drawing coordinates → @cr's user space
 * @points: (array length=n_points): the stretch of the path to draw
 * @n_points: how many; fewer than 2 draw nothing
 * @line_width: the line's width in @cr's user space
 *
 * Strokes @points as one path, dark and with round caps and joins,
 * lifting the pen after every point whose pen_down is FALSE. The caller
 * keeps a path to a few blocks of EPI_INK_BLOCK segments: cairo cannot
 * stroke a forged drawing's 2^20 wild segments as one. Any thread, one
 * @cr at a time.
 */
void
epi_ink_stroke (cairo_t              *cr,
                const cairo_matrix_t *matrix,
                const EpiTracePoint  *points,
                guint                 n_points,
                double                line_width)
{
  static const double dark[3] = { 0.12, 0.12, 0.14 };

  epi_ink_stroke_rgb (cr, matrix, points, n_points, line_width, dark);
}

/* Strokes @points as epi_ink_stroke() does, in the colour @rgb (red,
 * green, blue, 0 … 1): a live view inks in its style's colour, light on
 * a dark paper. Any thread, one @cr at a time. */
void
epi_ink_stroke_rgb (cairo_t              *cr,
                    const cairo_matrix_t *matrix,
                    const EpiTracePoint  *points,
                    guint                 n_points,
                    double                line_width,
                    const double          rgb[3])
{
  epi_ink_stroke_rgba (cr, matrix, points, n_points, line_width, rgb, 1.0);
}

/* Strokes @points as epi_ink_stroke_rgb() does, with the opacity @alpha
 * (0 … 1): a fading trail's older stretches. Any thread, one @cr at a
 * time. */
void
epi_ink_stroke_rgba (cairo_t              *cr,
                     const cairo_matrix_t *matrix,
                     const EpiTracePoint  *points,
                     guint                 n_points,
                     double                line_width,
                     const double          rgb[3],
                     double                alpha)
{
  gboolean down = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      double x = points[i].x, y = points[i].y;

      cairo_matrix_transform_point (matrix, &x, &y);
      if (down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      down = points[i].pen_down;
    }

  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* Whether the stroke of @points, after @matrix, may cross the @width ×
 * @height target: a block far off the view costs no stroke. */
static gboolean
block_shows (const cairo_matrix_t *matrix,
             const EpiTracePoint  *points,
             guint                 n_points,
             double                pad,
             int                   width,
             int                   height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      double x = points[i].x, y = points[i].y;

      cairo_matrix_transform_point (matrix, &x, &y);
      x0 = MIN (x0, x); y0 = MIN (y0, y);
      x1 = MAX (x1, x); y1 = MAX (y1, y);
    }
  return x1 + pad >= 0 && y1 + pad >= 0 && x0 - pad <= width && y0 - pad <= height;
}

/* Strokes @points a block of EPI_INK_BLOCK segments at a time, leaving
 * out the blocks wholly off the @width × @height target. */
static void
stroke_visible (cairo_t              *cr,
                const cairo_matrix_t *matrix,
                const EpiTracePoint  *points,
                guint                 n_points,
                double                line_width,
                const double          rgb[3],
                double                alpha,
                int                   width,
                int                   height)
{
  for (guint first = 0; first + 1 < n_points; first += EPI_INK_BLOCK)
    {
      guint n = MIN (EPI_INK_BLOCK + 1, n_points - first);

      if (block_shows (matrix, points + first, n, line_width + 1, width, height))
        epi_ink_stroke_rgba (cr, matrix, points + first, n, line_width, rgb, alpha);
    }
}

/**
 * epi_ink_stroke_trail:
 * @cr: where to draw, in a @width × @height target's device pixels
 * @matrix: drawing coordinates → device pixels
 * @points: (array length=n_points): the trace, in time order
 * @n_points: how many
 * @now: the pen's time, in turns
 * @trail: the length of the fading trail, in turns (0 … 1); 0 strokes
 *   the whole trace at full strength
 * @line_width: in device pixels
 * @rgb: the ink's colour (red, green, blue, 0 … 1)
 *
 * Strokes the trace as a live view shows it while the whole of it must
 * be drawn again every frame (a view following the pen, or a fading
 * trail): blocks off the target are left out, and with a @trail only
 * the points of the last @trail turns are drawn, fading from whole at
 * the pen to nothing @trail turns behind it, in EPI_INK_TRAIL_LEVELS
 * steps of opacity (as fourier-drawer's and George Ogden's trails do).
 * The result depends only on the points, @now and @trail, so a frame
 * reached by seeking equals one reached by playing. Any thread, one @cr
 * at a time.
 */
void
epi_ink_stroke_trail (cairo_t              *cr,
                      const cairo_matrix_t *matrix,
                      const EpiTracePoint  *points,
                      guint                 n_points,
                      double                now,
                      double                trail,
                      double                line_width,
                      const double          rgb[3],
                      int                   width,
                      int                   height)
{
  guint first = 0;
  guint oldest;

  if (trail <= 0)
    {
      stroke_visible (cr, matrix, points, n_points, line_width, rgb, 1.0, width, height);
      return;
    }

  while (first < n_points && points[first].time < now - trail)
    first++;
  oldest = first;

  /* Each level is a run of consecutive points, since ages only fall
   * along the trace; a run starts at the last point of the one before,
   * so the line is whole. */
  for (int level = 0; level < EPI_INK_TRAIL_LEVELS; level++)
    {
      double newest = now - trail * (EPI_INK_TRAIL_LEVELS - level - 1) / EPI_INK_TRAIL_LEVELS;
      guint last = first;

      while (last < n_points && points[last].time < newest)
        last++;
      if (level == EPI_INK_TRAIL_LEVELS - 1)
        last = n_points;
      if (last > first)
        {
          guint start = first > oldest ? first - 1 : first;

          stroke_visible (cr, matrix, points + start, last - start, line_width, rgb,
                          (level + 1.0) / EPI_INK_TRAIL_LEVELS, width, height);
        }
      first = last;
    }
}
