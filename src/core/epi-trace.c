/* epi-trace.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tracing: edge pixels become open chains (each stroke walked once), the
 * chains are ordered into one closed tour that keeps pen-up travel short
 * (nearest neighbour, then 2-opt), and the tour is resampled by arc length.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epi-error.h"
#include "epi-trace.h"
#include "epi-trace-chains.h"
#include "epi-trace-grid.h"

/* A jump to an adjacent pixel is part of the stroke, not a lift. */
#define PEN_DOWN_JUMP     (G_SQRT2 + 1e-6)
#define NEIGHBOURS        8
#define MAX_2OPT_PASSES   64

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

/* The tour ---------------------------------------------------------------- */

typedef struct
{
  guint         n;       /* chains */
  double       *ex;      /* end point coordinates, 2 per chain */
  double       *ey;
  guint        *order;   /* owned; chain at each position */
  guint8       *flip;    /* owned; 1 where the chain is walked backwards */
  guint        *pos_of;  /* owned; position of each chain */
} Tour;

static inline guint
tour_entry (const Tour *t,
            guint       pos)
{
  return 2 * t->order[pos] + t->flip[pos];
}

static inline guint
tour_exit (const Tour *t,
           guint       pos)
{
  return 2 * t->order[pos] + !t->flip[pos];
}

static inline double
end_distance (const Tour *t,
              guint       a,
              guint       b)
{
  return hypot (t->ex[a] - t->ex[b], t->ey[a] - t->ey[b]);
}

static double
tour_travel (const Tour *t)
{
  double sum = 0;

  for (guint i = 0; i < t->n; i++)
    sum += end_distance (t, tour_exit (t, i), tour_entry (t, (i + 1) % t->n));

  return sum;
}

/* Reverses positions i … j (going forward, wrapping), walking each chain
 * the other way. On a closed tour reversing the complement instead gives
 * the same tour, so the shorter side is the one reversed. */
static void
tour_reverse (Tour  *t,
              guint  i,
              guint  j)
{
  guint n = t->n;
  guint len = (j + n - i) % n + 1;

  if (2 * len > n)
    {
      guint ni = (j + 1) % n;

      j = (i + n - 1) % n;
      i = ni;
      len = n - len;
    }

  for (guint k = 0; k < len / 2; k++)
    {
      guint a = (i + k) % n;
      guint b = (j + n - k) % n;
      guint c = t->order[a];
      guint8 f = t->flip[a];

      t->order[a] = t->order[b];
      t->flip[a] = t->flip[b];
      t->order[b] = c;
      t->flip[b] = f;
    }

  for (guint k = 0; k < len; k++)
    {
      guint a = (i + k) % n;

      t->flip[a] = !t->flip[a];
      t->pos_of[t->order[a]] = a;
    }
}

static void
tour_nearest_neighbour (Tour   *t,
                        double  width,
                        double  height)
{
  g_autofree guint8 *used = g_malloc0 (t->n);
  g_autofree guint *live = g_new (guint, 2 * t->n);
  Grid grid = { t->ex, t->ey, 0, 0, 0, NULL, NULL, 0 };
  guint n_live = 0;
  guint current;

  for (guint i = 0; i < 2 * t->n; i++)
    live[n_live++] = i;
  epi_trace_grid_build (&grid, width, height, live, n_live);

  t->order[0] = 0;
  t->flip[0] = 0;
  used[0] = 1;
  current = 1; /* the exit of chain 0 */

  for (guint pos = 1; pos < t->n; pos++)
    {
      guint id;
      double d2;

      /* Rebuilding over the live end points when half are gone keeps the
       * searches local as the grid empties. */
      if (2 * (2 * (t->n - pos)) < grid.n_items)
        {
          n_live = 0;
          for (guint i = 0; i < 2 * t->n; i++)
            if (!used[i / 2])
              live[n_live++] = i;
          epi_trace_grid_build (&grid, width, height, live, n_live);
        }

      epi_trace_grid_nearest (&grid, t->ex[current], t->ey[current], -1, used, &id, &d2, 1);

      t->order[pos] = id / 2;
      t->flip[pos] = id % 2;  /* entering at the far end walks it backwards */
      used[id / 2] = 1;
      current = tour_exit (t, pos);
    }

  for (guint pos = 0; pos < t->n; pos++)
    t->pos_of[t->order[pos]] = pos;

  epi_trace_grid_clear (&grid);
}

/* One 2-opt move from position @i, if an improving one is among the
 * neighbours. Forward joins the exit of i to the exit of some p and
 * reverses i+1 … p; backward joins the entry of i to the entry of p and
 * reverses p … i-1. */
static gboolean
two_opt_move (Tour        *t,
              const guint *neigh,
              const guint *n_neigh,
              guint        i,
              gboolean     forward)
{
  guint n = t->n;
  guint other = forward ? (i + 1) % n : (i + n - 1) % n;
  guint t1 = forward ? tour_exit (t, i) : tour_entry (t, i);
  guint t2 = forward ? tour_entry (t, other) : tour_exit (t, other);
  double d12 = end_distance (t, t1, t2);

  for (guint c = 0; c < n_neigh[t1]; c++)
    {
      guint t3 = neigh[(gsize) t1 * NEIGHBOURS + c];
      guint p = t->pos_of[t3 / 2];
      double d13 = end_distance (t, t1, t3);
      guint t4;

      /* Neighbours come nearest first: no later one can gain. */
      if (d13 >= d12)
        break;
      if (p == i || t3 != (forward ? tour_exit (t, p) : tour_entry (t, p)))
        continue;

      t4 = forward ? tour_entry (t, (p + 1) % n) : tour_exit (t, (p + n - 1) % n);
      if (d12 + end_distance (t, t3, t4) - d13 - end_distance (t, t2, t4) > 1e-9)
        {
          if (forward)
            tour_reverse (t, other, p);
          else
            tour_reverse (t, p, other);
          return TRUE;
        }
    }

  return FALSE;
}

/* 2-opt over the chains, with each end point's nearest neighbours as the
 * candidate moves. A move reverses a stretch of the tour, which swaps two
 * jumps for two shorter ones. */
static gboolean
tour_two_opt (Tour         *t,
              double        width,
              double        height,
              GCancellable *cancellable)
{
  g_autofree guint *neigh = g_new (guint, (gsize) 2 * t->n * NEIGHBOURS);
  g_autofree guint *n_neigh = g_new0 (guint, 2 * t->n);
  g_autofree guint *ids = g_new (guint, 2 * t->n);
  g_autofree double *d2 = g_new (double, NEIGHBOURS);
  Grid grid = { t->ex, t->ey, 0, 0, 0, NULL, NULL, 0 };
  gboolean improved = TRUE;

  if (t->n < 3)
    return TRUE;

  for (guint i = 0; i < 2 * t->n; i++)
    ids[i] = i;
  epi_trace_grid_build (&grid, width, height, ids, 2 * t->n);
  for (guint i = 0; i < 2 * t->n; i++)
    n_neigh[i] = epi_trace_grid_nearest (&grid, t->ex[i], t->ey[i], (gint) (i / 2), NULL,
                               neigh + (gsize) i * NEIGHBOURS, d2, NEIGHBOURS);
  epi_trace_grid_clear (&grid);

  for (int pass = 0; improved && pass < MAX_2OPT_PASSES; pass++)
    {
      improved = FALSE;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;

      for (guint i = 0; i < t->n; i++)
        {
          improved |= two_opt_move (t, neigh, n_neigh, i, TRUE);
          improved |= two_opt_move (t, neigh, n_neigh, i, FALSE);
        }
    }

  return TRUE;
}

/* A closed loop can be entered anywhere. Each loop is turned so that it
 * starts at the pixel that makes the jumps into and out of it shortest;
 * two passes let neighbouring loops settle on each other. */
static void
tour_rotate_loops (Tour        *t,
                   Pixel       *pixels,
                   const Chain *chains)
{
  g_autofree Pixel *scratch = NULL;
  guint longest = 0;

  if (t->n < 2)
    return;

  for (guint c = 0; c < t->n; c++)
    longest = MAX (longest, chains[c].length);
  scratch = g_new (Pixel, longest);

  for (int pass = 0; pass < 2; pass++)
    for (guint pos = 0; pos < t->n; pos++)
      {
        guint c = t->order[pos];
        Pixel *p = pixels + chains[c].offset;
        guint len = chains[c].length;
        guint prev_exit = tour_exit (t, (pos + t->n - 1) % t->n);
        guint next_entry = tour_entry (t, (pos + 1) % t->n);
        double best = G_MAXDOUBLE;
        guint best_k = 0;

        if (len < 4 || abs (p[0].x - p[len - 1].x) > 1 || abs (p[0].y - p[len - 1].y) > 1)
          continue;

        if (t->flip[pos])
          {
            for (guint k = 0; k < len / 2; k++)
              {
                Pixel tmp = p[k];

                p[k] = p[len - 1 - k];
                p[len - 1 - k] = tmp;
              }
            t->flip[pos] = 0;
          }

        for (guint k = 0; k < len; k++)
          {
            const Pixel *in = &p[k];
            const Pixel *out = &p[(k + len - 1) % len];
            double cost = hypot (in->x + 0.5 - t->ex[prev_exit], in->y + 0.5 - t->ey[prev_exit]) +
                          hypot (out->x + 0.5 - t->ex[next_entry], out->y + 0.5 - t->ey[next_entry]);

            if (cost < best)
              {
                best = cost;
                best_k = k;
              }
          }

        memcpy (scratch, p + best_k, sizeof (Pixel) * (len - best_k));
        memcpy (scratch + (len - best_k), p, sizeof (Pixel) * best_k);
        memcpy (p, scratch, sizeof (Pixel) * len);

        t->ex[2 * c] = p[0].x + 0.5;
        t->ey[2 * c] = p[0].y + 0.5;
        t->ex[2 * c + 1] = p[len - 1].x + 0.5;
        t->ey[2 * c + 1] = p[len - 1].y + 0.5;
      }
}

/* The path ---------------------------------------------------------------- */

typedef struct
{
  GArray *x;      /* double; vertices of the closed polyline */
  GArray *y;
  GArray *up;     /* guint8; 1 where the segment from this vertex is a lift */
} Polyline;

static void
polyline_add (Polyline *line,
              double    x,
              double    y,
              guint8    up)
{
  g_array_append_val (line->x, x);
  g_array_append_val (line->y, y);
  g_array_append_val (line->up, up);
}

/* Lays the chains out in tour order; each vertex sits at a pixel centre. */
static void
build_polyline (const Tour  *t,
                const Pixel *pixels,
                const Chain *chains,
                Polyline    *line)
{
  for (guint pos = 0; pos < t->n; pos++)
    {
      const Chain *c = &chains[t->order[pos]];
      guint next_entry = tour_entry (t, (pos + 1) % t->n);
      double jump = end_distance (t, tour_exit (t, pos), next_entry);

      for (guint k = 0; k < c->length; k++)
        {
          const Pixel *p = &pixels[c->offset + (t->flip[pos] ? c->length - 1 - k : k)];
          gboolean last = k + 1 == c->length;

          polyline_add (line, p->x + 0.5, p->y + 0.5, last && jump > PEN_DOWN_JUMP);
        }
    }
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
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (EpiSpan));
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
  g_autofree double *ex = NULL;
  g_autofree double *ey = NULL;
  Polyline line = { NULL, NULL, NULL };
  EpiTraceOptions defaults;
  EpiTraceStats local_stats = { 0 };
  Tour t = { 0 };
  double width, height, total = 0, down = 0;
  guint n;
  EpiPath *path;

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

  if (options->n_points > EPI_MAX_POINTS || options->n_points == 1 ||
      !(options->spacing > 0) || options->max_points < 2 ||
      options->max_points > EPI_MAX_POINTS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("path points must be between 2 and %u"), EPI_MAX_POINTS);
      return NULL;
    }

  width = edges->width;
  height = edges->height;

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

  t.n = chains->len;
  ex = g_new (double, 2 * t.n);
  ey = g_new (double, 2 * t.n);
  for (guint i = 0; i < t.n; i++)
    {
      const Chain *c = &g_array_index (chains, Chain, i);
      const Pixel *a = &g_array_index (pixels, Pixel, c->offset);
      const Pixel *b = &g_array_index (pixels, Pixel, c->offset + c->length - 1);

      ex[2 * i] = a->x + 0.5;
      ey[2 * i] = a->y + 0.5;
      ex[2 * i + 1] = b->x + 0.5;
      ey[2 * i + 1] = b->y + 0.5;
    }
  t.ex = ex;
  t.ey = ey;
  t.order = g_new (guint, t.n);
  t.flip = g_new (guint8, t.n);
  t.pos_of = g_new (guint, t.n);

  tour_nearest_neighbour (&t, width, height);
  stats->pen_up_length_nn = tour_travel (&t);

  /* Turning loops changes their end points, which opens new 2-opt moves. */
  if (!tour_two_opt (&t, width, height, cancellable) ||
      (tour_rotate_loops (&t, (Pixel *) (gpointer) pixels->data, (const Chain *) (gpointer) chains->data),
       !tour_two_opt (&t, width, height, cancellable)))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      path = NULL;
      goto out;
    }

  line.x = g_array_new (FALSE, FALSE, sizeof (double));
  line.y = g_array_new (FALSE, FALSE, sizeof (double));
  line.up = g_array_new (FALSE, FALSE, sizeof (guint8));
  build_polyline (&t, (const Pixel *) (gpointer) pixels->data,
                  (const Chain *) (gpointer) chains->data, &line);

  for (guint v = 0; v < line.x->len; v++)
    {
      guint w = (v + 1) % line.x->len;
      double len = hypot (g_array_index (line.x, double, w) - g_array_index (line.x, double, v),
                          g_array_index (line.y, double, w) - g_array_index (line.y, double, v));

      total += len;
      if (!g_array_index (line.up, guint8, v))
        down += len;
    }
  stats->pen_down_length = down;
  stats->pen_up_length = total - down;

  n = options->n_points;
  if (n == 0)
    n = CLAMP ((guint) ceil (total / options->spacing), 16u, options->max_points);

  path = resample (&line, total, n, width, height);

  g_array_unref (line.x);
  g_array_unref (line.y);
  g_array_unref (line.up);

out:
  g_free (t.order);
  g_free (t.flip);
  g_free (t.pos_of);

  return path;
}
