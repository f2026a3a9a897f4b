/* test-trace-units.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracer's private units on their own: the chains walked from a
 * mask (epi-trace-chains.c) and the grid of chain ends against a search
 * of every point (epi-trace-grid.c).
 */

#include "config.h"

#include <stdlib.h>

#include "epi-test-util.h"
#include "epi-trace-chains.h"
#include "epi-trace-grid.h"

#define GRID_POINTS 600
#define GRID_K      8

/* Every edge pixel lands in exactly one chain, each chain is
 * 8-connected in walking order, and the speck is told apart. */
static void
test_chains_cover_mask (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (40, 30);
  g_autoptr(GArray) pixels = g_array_new (FALSE, FALSE, sizeof (Pixel));
  g_autoptr(GArray) chains = g_array_new (FALSE, FALSE, sizeof (Chain));
  g_autoptr(GArray) strokes = NULL;
  g_autofree guint *seen = g_new0 (guint, 40 * 30);
  EpiTraceStats stats = { 0 };
  gsize n_edge = 0;

  /* An L, a square ring and a two-pixel speck. */
  for (int i = 3; i < 20; i++)
    edges->mask[i * 40 + 3] = edges->mask[20 * 40 + i] = 1;
  for (int i = 5; i <= 15; i++)
    {
      edges->mask[5 * 40 + 20 + i] = edges->mask[15 * 40 + 20 + i] = 1;
      edges->mask[i * 40 + 25] = edges->mask[i * 40 + 35] = 1;
    }
  edges->mask[27 * 40 + 30] = edges->mask[27 * 40 + 31] = 1;
  epi_edge_map_count (edges);

  epi_trace_chains_extract (edges, pixels, chains);

  for (guint c = 0; c < chains->len; c++)
    {
      const Chain *chain = &g_array_index (chains, Chain, c);

      g_assert_cmpuint (chain->length, >=, 1);
      for (guint k = 0; k < chain->length; k++)
        {
          const Pixel *p = &g_array_index (pixels, Pixel, chain->offset + k);

          g_assert_cmpuint (edges->mask[p->y * 40 + p->x], ==, 1);
          seen[p->y * 40 + p->x]++;
          if (k > 0)
            {
              const Pixel *q = p - 1;

              g_assert_cmpint (abs (p->x - q->x), <=, 1);
              g_assert_cmpint (abs (p->y - q->y), <=, 1);
            }
        }
    }
  for (guint i = 0; i < 40 * 30; i++)
    {
      g_assert_cmpuint (seen[i], ==, edges->mask[i]);
      n_edge += edges->mask[i];
    }
  g_assert_cmpuint (pixels->len, ==, n_edge);

  strokes = epi_trace_chains_strokes (edges, pixels, chains, 6, &stats);
  g_assert_cmpuint (stats.n_specks, ==, 1);
  g_assert_cmpuint (stats.n_chains, ==, strokes->len);
  g_assert_cmpuint (stats.n_pixels, ==, n_edge - 2);
  g_assert_cmpuint (strokes->len + stats.n_specks, ==, chains->len);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The grid finds the same distances as looking at every point, with
 * points off the frame, an excluded chain and used chains. */
static void
test_grid_nearest_is_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  double ex[GRID_POINTS], ey[GRID_POINTS];
  guint8 used[GRID_POINTS / 2];
  guint ids[GRID_POINTS];
  Grid grid = { .ex = ex, .ey = ey };

  for (guint i = 0; i < GRID_POINTS; i++)
    {
      ex[i] = g_rand_double_range (rand, -10, 310);
      ey[i] = g_rand_double_range (rand, -10, 210);
      ids[i] = i;
    }
  for (guint c = 0; c < GRID_POINTS / 2; c++)
    used[c] = g_rand_int_range (rand, 0, 4) == 0;
  epi_trace_grid_build (&grid, 300, 200, ids, GRID_POINTS);

  for (guint q = 0; q < 200; q++)
    {
      double x = g_rand_double_range (rand, -20, 320);
      double y = g_rand_double_range (rand, -20, 220);
      gint exclude = g_rand_int_range (rand, -1, GRID_POINTS / 2);
      const guint8 *skip = q % 2 ? used : NULL;
      guint found[GRID_K];
      double found_d2[GRID_K];
      double all[GRID_POINTS];
      guint n_all = 0, n;

      for (guint i = 0; i < GRID_POINTS; i++)
        if ((gint) (i / 2) != exclude && (skip == NULL || !skip[i / 2]))
          all[n_all++] = (ex[i] - x) * (ex[i] - x) + (ey[i] - y) * (ey[i] - y);
      qsort (all, n_all, sizeof (double), compare_doubles);

      n = epi_trace_grid_nearest (&grid, x, y, exclude, skip, found, found_d2, GRID_K);
      g_assert_cmpuint (n, ==, MIN (GRID_K, n_all));
      for (guint k = 0; k < n; k++)
        {
          double dx = ex[found[k]] - x;
          double dy = ey[found[k]] - y;

          g_assert_cmpfloat (found_d2[k], ==, all[k]);
          g_assert_cmpfloat (dx * dx + dy * dy, ==, found_d2[k]);
        }
    }

  epi_trace_grid_clear (&grid);
  g_assert_null (grid.start);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/TraceUnits/chains-cover-mask", test_chains_cover_mask);
  g_test_add_func ("/Epi/TraceUnits/grid-nearest-is-exact", test_grid_nearest_is_exact);

  return g_test_run ();
}
