/* epi-trace-grid.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A uniform grid (bucket grid) over the chains' end points, filed with
 * a counting sort, and a nearest-k search that visits rings of cells
 * outwards from the query's cell until no closer point can remain
 * (Bentley, Weide and Yao, "Optimal expected-time algorithms for closest
 * point problems", ACM TOMS 6(4), 1980).
 */

#include "config.h"

#include <math.h>

#include "epi-trace-grid.h"

/* One search: where from, what to skip, and the sorted list so far. */
typedef struct
{
  double        x;
  double        y;
  gint          exclude;   /* chain to skip, or -1 */
  const guint8 *used;      /* not owned; chains to skip, or NULL */
  guint        *found;     /* not owned; k ids, nearest first */
  double       *found_d2;  /* not owned; their squared distances */
  guint         k;
  guint         n;         /* found so far */
} Query;

void
epi_trace_grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);
}

static inline int
grid_col (const Grid *grid,
          double      x)
{
  return CLAMP ((int) (x / grid->cell), 0, grid->cols - 1);
}

static inline int
grid_row (const Grid *grid,
          double      y)
{
  return CLAMP ((int) (y / grid->cell), 0, grid->rows - 1);
}

static inline gsize
grid_cell_of (const Grid *grid,
              guint       id)
{
  return (gsize) grid_row (grid, grid->ey[id]) * grid->cols + grid_col (grid, grid->ex[id]);
}

void
epi_trace_grid_build (Grid        *grid,
                      double       width,
                      double       height,
                      const guint *ids,
                      guint        n_ids)
{
  g_autofree guint *fill = NULL;
  gsize n_cells;

  g_assert (grid->ex != NULL && grid->ey != NULL);

  epi_trace_grid_clear (grid);
  grid->cell = MAX (2.0, sqrt (width * height / MAX (1, n_ids / 2)));
  grid->cols = MAX (1, (int) ceil (width / grid->cell));
  grid->rows = MAX (1, (int) ceil (height / grid->cell));
  n_cells = (gsize) grid->cols * grid->rows;
  grid->start = g_new0 (guint, n_cells + 1);
  grid->items = g_new (guint, MAX (1, n_ids));
  grid->n_items = n_ids;
  fill = g_new0 (guint, n_cells);

  /* Count each cell's points one slot ahead, sum the counts into
   * offsets, then drop each id into its cell's next free slot. */
  for (guint i = 0; i < n_ids; i++)
    grid->start[grid_cell_of (grid, ids[i]) + 1]++;
  for (gsize c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  for (guint i = 0; i < n_ids; i++)
    {
      gsize c = grid_cell_of (grid, ids[i]);

      grid->items[grid->start[c] + fill[c]++] = ids[i];
    }
}

/* Offers the end points filed in cell @c to the query's sorted list. */
static void
query_offer_cell (Query      *q,
                  const Grid *grid,
                  gsize       c)
{
  for (guint t = grid->start[c]; t < grid->start[c + 1]; t++)
    {
      guint id = grid->items[t];
      double dx = grid->ex[id] - q->x;
      double dy = grid->ey[id] - q->y;
      double d2 = dx * dx + dy * dy;
      guint pos;

      if ((gint) (id / 2) == q->exclude || (q->used != NULL && q->used[id / 2]))
        continue;
      if (q->n == q->k && d2 >= q->found_d2[q->n - 1])
        continue;

      /* Insertion into the short sorted list. */
      pos = q->n < q->k ? q->n++ : q->k - 1;
      while (pos > 0 && q->found_d2[pos - 1] > d2)
        {
          q->found[pos] = q->found[pos - 1];
          q->found_d2[pos] = q->found_d2[pos - 1];
          pos--;
        }
      q->found[pos] = id;
      q->found_d2[pos] = d2;
    }
}

/* Offers the cells of ring @r around (cx, cy): the square of side
 * 2r + 1 cells, its top and bottom rows whole and the rows between only
 * at their two ends. Ring 0 is the one cell itself. */
static void
query_offer_ring (Query      *q,
                  const Grid *grid,
                  int         cx,
                  int         cy,
                  int         r)
{
  for (int j = cy - r; j <= cy + r; j++)
    {
      if (j < 0 || j >= grid->rows)
        continue;

      for (int i = cx - r; i <= cx + r; i += (j == cy - r || j == cy + r) ? 1 : 2 * r)
        {
          if (i < 0 || i >= grid->cols)
            {
              if (r == 0)
                break;
              continue;
            }

          query_offer_cell (q, grid, (gsize) j * grid->cols + i);

          if (r == 0)
            break;
        }
    }
}

guint
epi_trace_grid_nearest (const Grid   *grid,
                        double        x,
                        double        y,
                        gint          exclude,
                        const guint8 *used,
                        guint        *found,
                        double       *found_d2,
                        guint         k)
{
  Query q = { x, y, exclude, used, found, found_d2, k, 0 };
  int cx = grid_col (grid, x);
  int cy = grid_row (grid, y);
  int max_r = MAX (grid->cols, grid->rows);

  g_assert (grid->start != NULL);
  g_assert (k > 0);

  for (int r = 0; r <= max_r; r++)
    {
      double reach = (r - 1) * grid->cell;

      /* Every cell of ring r is at least (r - 1) cells away. */
      if (q.n == k && reach > 0 && found_d2[q.n - 1] <= reach * reach)
        break;

      query_offer_ring (&q, grid, cx, cy, r);
    }

  return q.n;
}
