/* epi-trace.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tracing: edge pixels become open chains (each stroke walked once, in
 * epi-trace-chains.c), the chains are ordered into one closed tour that
 * keeps pen-up travel short (nearest neighbour, then 2-opt, over the grid
 * of chain ends of epi-trace-grid.c, in epi-trace-tour.c), and the tour
 * is resampled by arc length here.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>

#include "epi-error.h"
#include "epi-trace.h"
#include "epi-trace-chains.h"
#include "epi-trace-tour.h"

void
epi_trace_options_init (EpiTraceOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_chain = 6;
  options->n_points = 0;
  /* Two samples per pixel: at one per two, the ends of the strokes of
   * 16-pixel letters left gaps that broke them at their joints. */
  options->spacing = 0.5;
  options->max_points = EPI_DEFAULT_MAX_POINTS;
}

/* The path ---------------------------------------------------------------- */

/* The runs of non-zero bytes among the @n of @up, as a new array of
 * EpiSpan in order. */
static GArray *
runs_of (const guint8 *up,
         guint         n)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (EpiSpan));

  for (guint i = 0; i < n; i++)
    {
      if (!up[i])
        continue;
      if (spans->len > 0)
        {
          EpiSpan *last = &g_array_index (spans, EpiSpan, spans->len - 1);

          if (last->start + last->length == i)
            {
              last->length++;
              continue;
            }
        }
      g_array_append_val (spans, ((EpiSpan) { i, 1 }));
    }

  return spans;
}

/* Samples the closed polyline at @n points evenly spaced by arc length and
 * marks the samples that fall on a lift. A lift shorter than the spacing
 * still gets one sample, so that it is never drawn over. */
static EpiPath *
resample (const Polyline *line,
          double          total,
          guint           n,
          double          width,
          double          height)
{
  g_autofree guint8 *up = g_malloc0 (n);
  g_autoptr(GArray) spans = NULL;
  guint n_vertices = line->x->len;
  const double *vx = (const double *) (gpointer) line->x->data;
  const double *vy = (const double *) (gpointer) line->y->data;
  const guint8 *vup = (const guint8 *) line->up->data;
  double step = total / n;
  double seg_start = 0;
  guint sample = 0;
  EpiPath *path;
  double *xy = g_new (double, 2 * (gsize) n);

  for (guint v = 0; v < n_vertices && sample < n; v++)
    {
      guint w = (v + 1) % n_vertices;
      double len = hypot (vx[w] - vx[v], vy[w] - vy[v]);
      double seg_end = seg_start + len;
      gboolean any = FALSE;

      while (sample < n && (sample * step < seg_end || v + 1 == n_vertices))
        {
          double s = sample * step;
          double f = len > 0 ? CLAMP ((s - seg_start) / len, 0.0, 1.0) : 0.0;

          xy[2 * sample] = vx[v] + f * (vx[w] - vx[v]);
          xy[2 * sample + 1] = vy[v] + f * (vy[w] - vy[v]);
          if (vup[v] && s > seg_start + 1e-9)
            {
              up[sample] = 1;
              any = TRUE;
            }
          sample++;
        }

      /* Sample 0 starts the first stroke and stays drawn, so that runs
       * never wrap around the end. */
      if (vup[v] && !any)
        {
          guint nearest = (guint) lround ((seg_start + len / 2) / step) % n;

          up[nearest == 0 ? n - 1 : nearest] = 1;
        }

      seg_start = seg_end;
    }

  spans = runs_of (up, n);
  path = epi_path_new (0, 0);
  g_free (path->xy);
  path->xy = xy;
  path->n_points = n;
  path->width = width;
  path->height = height;
  path->n_spans = spans->len;
  path->spans = (EpiSpan *) (gpointer) g_array_free (g_steal_pointer (&spans), FALSE);

  return path;
}

/* Measures @line (pixels): returns its whole length, and stores the
 * lengths drawn and travelled with the pen lifted in @stats. */
static double
measure (const Polyline *line,
         EpiTraceStats  *stats)
{
  double total = 0, down = 0;

  for (guint v = 0; v < line->x->len; v++)
    {
      guint w = (v + 1) % line->x->len;
      double len = hypot (g_array_index (line->x, double, w) - g_array_index (line->x, double, v),
                          g_array_index (line->y, double, w) - g_array_index (line->y, double, v));

      total += len;
      if (!g_array_index (line->up, guint8, v))
        down += len;
    }
  stats->pen_down_length = down;
  stats->pen_up_length = total - down;

  return total;
}

/* Whether @options ask for a path that can be made; if not, sets
 * EPI_ERROR_INVALID_ARGUMENT. */
static gboolean
check_options (const EpiTraceOptions  *options,
               GError                **error)
{
  if (options->n_points > EPI_MAX_POINTS || options->n_points == 1 ||
      !(options->spacing > 0) || options->max_points < 2 ||
      options->max_points > EPI_MAX_POINTS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("path points must be between 2 and %u"), EPI_MAX_POINTS);
      return FALSE;
    }

  return TRUE;
}

/* Samples for a path of @total pixels: as asked, or one per
 * options->spacing pixels, at least 16 and at most options->max_points
 * (which wins). */
static guint
count_samples (const EpiTraceOptions *options,
               double                 total)
{
  if (options->n_points != 0)
    return options->n_points;

  return CLAMP ((guint) ceil (total / options->spacing), 16u, options->max_points);
}

EpiPath *
epi_trace (const EpiEdgeMap      *edges,
           const EpiTraceOptions *options,
           GCancellable          *cancellable,
           EpiTraceStats         *stats,
           GError               **error)
{
  g_autoptr(GArray) pixels = g_array_new (FALSE, FALSE, sizeof (Pixel));
  g_autoptr(GArray) all_chains = g_array_new (FALSE, FALSE, sizeof (Chain));
  g_autoptr(GArray) chains = NULL;
  g_autoptr(Tour) tour = NULL;
  g_autoptr(Polyline) line = NULL;
  EpiTraceOptions defaults;
  EpiTraceStats local_stats = { 0 };
  Pixel *chain_pixels;
  const Chain *strokes;
  double total;

  g_return_val_if_fail (edges != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_trace_options_init (&defaults);
      options = &defaults;
    }
  if (stats == NULL)
    stats = &local_stats;
  *stats = local_stats;

  if (!check_options (options, error))
    return NULL;

  epi_trace_chains_extract (edges, pixels, all_chains);
  chains = epi_trace_chains_strokes (edges, pixels, all_chains, options->min_chain, stats);
  if (chains->len == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NO_LINES,
                           _("no lines long enough to draw (only specks)"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The arrays are final now: their data can be handed around. */
  chain_pixels = (Pixel *) (gpointer) pixels->data;
  strokes = (const Chain *) (gpointer) chains->data;
  tour = epi_trace_tour_new (chain_pixels, strokes, chains->len);
  if (!epi_trace_tour_plan (tour, edges->width, edges->height, chain_pixels, strokes,
                            cancellable, &stats->pen_up_length_nn))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  line = epi_trace_tour_lay_out (tour, chain_pixels, strokes);
  total = measure (line, stats);

  return resample (line, total, count_samples (options, total), edges->width, edges->height);
}
