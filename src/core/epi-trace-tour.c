/* epi-trace-tour.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tour: the chains are ordered by the nearest-neighbour heuristic,
 * then improved by 2-opt moves limited to each end point's nearest
 * neighbours, the neighbour lists of Johnson and McGeoch ("The Traveling
 * Salesman Problem: A Case Study in Local Optimization", in Aarts and
 * Lenstra, Local Search in Combinatorial Optimization, 1997). Each chain is a city with two doors, its end points:
 * the tour enters a chain at one and leaves at the other, so reversing
 * a stretch of the tour also walks its chains the other way. Closed
 * loops are then turned to start where the jumps are shortest, which
 * opens new moves for a second 2-opt.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epi-trace-grid.h"
#include "epi-trace-tour.h"

/* A jump to an adjacent pixel is part of the stroke, not a lift. */
#define PEN_DOWN_JUMP     (G_SQRT2 + 1e-6)
/* Candidate moves per end point for 2-opt. */
#define NEIGHBOURS        8
#define MAX_2OPT_PASSES   64

/* Sets the end points of chain @c from its pixels, as they now lie. */
static void
tour_set_ends (Tour        *t,
               guint        c,
               const Pixel *p,
               guint        len)
{
  t->ex[2 * c] = p[0].x + 0.5;
  t->ey[2 * c] = p[0].y + 0.5;
  t->ex[2 * c + 1] = p[len - 1].x + 0.5;
  t->ey[2 * c + 1] = p[len - 1].y + 0.5;
}

Tour *
epi_trace_tour_new (const Pixel *pixels,
                    const Chain *chains,
                    guint        n_chains)
{
  Tour *t = g_new0 (Tour, 1);

  g_assert (n_chains > 0);

  t->n = n_chains;
  t->ex = g_new (double, 2 * t->n);
  t->ey = g_new (double, 2 * t->n);
  for (guint i = 0; i < t->n; i++)
    tour_set_ends (t, i, pixels + chains[i].offset, chains[i].length);
  t->order = g_new (guint, t->n);
  t->flip = g_new (guint8, t->n);
  t->pos_of = g_new (guint, t->n);

  return t;
}

/* Frees @tour and the polylines in it; NULL is ignored. */
void
epi_trace_tour_free (Tour *t)
{
  if (t == NULL)
    return;

  g_free (t->ex);
  g_free (t->ey);
  g_free (t->order);
  g_free (t->flip);
  g_free (t->pos_of);
  g_free (t);
}

/* The end point where the tour enters the chain at @pos. */
static inline guint
tour_entry (const Tour *t,
            guint       pos)
{
  return 2 * t->order[pos] + t->flip[pos];
}

/* The end point where the tour leaves the chain at @pos. */
static inline guint
tour_exit (const Tour *t,
           guint       pos)
{
  return 2 * t->order[pos] + !t->flip[pos];
}

/* Pixels between end points @a and @b. */
static inline double
end_distance (const Tour *t,
              guint       a,
              guint       b)
{
  return hypot (t->ex[a] - t->ex[b], t->ey[a] - t->ey[b]);
}

/* Pixels of pen-up travel around the whole tour. */
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

/* The greedy first tour: from chain 0, always on to the nearest free end
 * point, entering its chain there. */
static void
tour_nearest_neighbour (Tour   *t,
                        double  width,
                        double  height)
{
  g_autofree guint8 *used = g_malloc0 (t->n);
  g_autofree guint *live = g_new (guint, 2 * t->n);
  Grid grid = { .ex = t->ex, .ey = t->ey };
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

/* Fills @neigh with up to NEIGHBOURS nearest end points of other chains
 * for each end point, nearest first, and @n_neigh with their counts. */
static void
find_neighbours (const Tour *t,
                 double      width,
                 double      height,
                 guint      *neigh,
                 guint      *n_neigh)
{
  g_autofree guint *ids = g_new (guint, 2 * t->n);
  double d2[NEIGHBOURS];
  Grid grid = { .ex = t->ex, .ey = t->ey };

  for (guint i = 0; i < 2 * t->n; i++)
    ids[i] = i;
  epi_trace_grid_build (&grid, width, height, ids, 2 * t->n);
  for (guint i = 0; i < 2 * t->n; i++)
    n_neigh[i] = epi_trace_grid_nearest (&grid, t->ex[i], t->ey[i], (gint) (i / 2), NULL,
                                         neigh + (gsize) i * NEIGHBOURS, d2, NEIGHBOURS);
  epi_trace_grid_clear (&grid);
}

/* 2-opt over the chains, with each end point's nearest neighbours as the
 * candidate moves. A move reverses a stretch of the tour, which swaps two
 * jumps for two shorter ones. Returns FALSE if cancelled. */
static gboolean
tour_two_opt (Tour         *t,
              double        width,
              double        height,
              GCancellable *cancellable)
{
  g_autofree guint *neigh = NULL;
  g_autofree guint *n_neigh = NULL;
  gboolean improved = TRUE;

  if (t->n < 3)
    return TRUE;

  neigh = g_new (guint, (gsize) 2 * t->n * NEIGHBOURS);
  n_neigh = g_new0 (guint, 2 * t->n);
  find_neighbours (t, width, height, neigh, n_neigh);

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

/* Whether the @len pixels at @p close on themselves: a loop, whose last
 * pixel touches its first. */
static gboolean
is_loop (const Pixel *p,
         guint        len)
{
  return len >= 4 && abs (p[0].x - p[len - 1].x) <= 1 && abs (p[0].y - p[len - 1].y) <= 1;
}

/* The index of the pixel of the loop @p (@len pixels) to start at, so
 * that the jumps from end point @prev_exit into the loop and out of it
 * to end point @next_entry are shortest; the first of equals. */
static guint
best_start (const Tour  *t,
            const Pixel *p,
            guint        len,
            guint        prev_exit,
            guint        next_entry)
{
  double best = G_MAXDOUBLE;
  guint best_k = 0;

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

  return best_k;
}

/* Turns the loop at position @pos, if it is one, to its best start,
 * walking it forwards. @scratch has room for the loop's pixels. */
static void
tour_rotate_loop (Tour        *t,
                  guint        pos,
                  Pixel       *pixels,
                  const Chain *chains,
                  Pixel       *scratch)
{
  guint c = t->order[pos];
  Pixel *p = pixels + chains[c].offset;
  guint len = chains[c].length;
  guint prev_exit = tour_exit (t, (pos + t->n - 1) % t->n);
  guint next_entry = tour_entry (t, (pos + 1) % t->n);
  guint k;

  if (!is_loop (p, len))
    return;

  if (t->flip[pos])
    {
      for (guint i = 0; i < len / 2; i++)
        {
          Pixel tmp = p[i];

          p[i] = p[len - 1 - i];
          p[len - 1 - i] = tmp;
        }
      t->flip[pos] = 0;
    }

  k = best_start (t, p, len, prev_exit, next_entry);

  memcpy (scratch, p + k, sizeof (Pixel) * (len - k));
  memcpy (scratch + (len - k), p, sizeof (Pixel) * k);
  memcpy (p, scratch, sizeof (Pixel) * len);

  tour_set_ends (t, c, p, len);
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
      tour_rotate_loop (t, pos, pixels, chains, scratch);
}

gboolean
epi_trace_tour_plan (Tour         *t,
                     double        width,
                     double        height,
                     Pixel        *pixels,
                     const Chain  *chains,
                     GCancellable *cancellable,
                     double       *pen_up_length_nn)
{
  tour_nearest_neighbour (t, width, height);
  *pen_up_length_nn = tour_travel (t);

  if (!tour_two_opt (t, width, height, cancellable))
    return FALSE;

  /* Turning loops changes their end points, which opens new 2-opt moves. */
  tour_rotate_loops (t, pixels, chains);

  return tour_two_opt (t, width, height, cancellable);
}

/* Lines ------------------------------------------------------------------ */

/* Appends the vertex (x, y), pixels; @up if a lift leaves it. */
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

Polyline *
epi_trace_tour_lay_out (const Tour  *t,
                        const Pixel *pixels,
                        const Chain *chains)
{
  Polyline *line = g_new (Polyline, 1);

  line->x = g_array_new (FALSE, FALSE, sizeof (double));
  line->y = g_array_new (FALSE, FALSE, sizeof (double));
  line->up = g_array_new (FALSE, FALSE, sizeof (guint8));

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

  return line;
}

/* Frees @polyline and its points; NULL is ignored. */
void
epi_trace_polyline_free (Polyline *line)
{
  if (line == NULL)
    return;

  g_array_unref (line->x);
  g_array_unref (line->y);
  g_array_unref (line->up);
  g_free (line);
}
