/* epi-trace-chains.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chains: a walker takes the free pixels of the mask one line at a time,
 * at each step to the free neighbour that turns least, so a stroke of a
 * one-pixel-wide mask is walked end to end in one chain. Line ends are
 * started from first; what is left after them is closed loops and the
 * far sides of junctions.
 */

#include "config.h"

#include <stdlib.h>

#include "epi-trace-chains.h"

/* Directions clockwise from east; odd ones are diagonal. */
static const int DX[8] = { 1, 1, 0, -1, -1, -1, 0, 1 };
static const int DY[8] = { 0, 1, 1, 1, 0, -1, -1, -1 };

/* The mask being walked, in pixels. */
typedef struct
{
  int     w;
  int     h;
  guint8 *free; /* owned; 1 on an edge pixel not yet walked */
} Walker;

/* Whether (x, y) is inside the mask, on an edge, and not yet walked. */
static inline gboolean
is_free (const Walker *wk,
         int           x,
         int           y)
{
  return x >= 0 && y >= 0 && x < wk->w && y < wk->h && wk->free[(gsize) y * wk->w + x];
}

/* How many of the 8 neighbours of (x, y) are free: at most 1 on the end
 * of a line. */
static int
count_free_neighbours (const Walker *wk,
                       int           x,
                       int           y)
{
  int n = 0;

  for (int d = 0; d < 8; d++)
    n += is_free (wk, x + DX[d], y + DY[d]);

  return n;
}

/* The free neighbour that turns least from @prev_dir, preferring a
 * 4-neighbour on a tie so that no pixel of a line is skipped. */
static int
next_direction (const Walker *wk,
                int           x,
                int           y,
                int           prev_dir)
{
  int best = -1;
  int best_cost = G_MAXINT;

  for (int d = 0; d < 8; d++)
    {
      int turn, cost;

      if (!is_free (wk, x + DX[d], y + DY[d]))
        continue;

      turn = prev_dir < 0 ? 0 : MIN (abs (d - prev_dir), 8 - abs (d - prev_dir));
      cost = 2 * turn + (d & 1);
      if (cost < best_cost)
        {
          best_cost = cost;
          best = d;
        }
    }

  return best;
}

/* Walks from (x, y), already taken, as far as the line goes. Returns the
 * first direction taken, or -1 if there was nowhere to go. */
static int
walk (Walker *wk,
      int     x,
      int     y,
      int     dir,
      GArray *out)
{
  int first = -1;

  for (;;)
    {
      int d = next_direction (wk, x, y, dir);
      Pixel p;

      if (d < 0)
        return first;
      if (first < 0)
        first = d;

      x += DX[d];
      y += DY[d];
      dir = d;
      wk->free[(gsize) y * wk->w + x] = 0;
      p.x = x;
      p.y = y;
      g_array_append_val (out, p);
    }
}

/* Grows a chain both ways from (x, y), so that a start in the middle of
 * a line still yields the whole line as one chain. */
static void
grow_chain (Walker *wk,
            int     x,
            int     y,
            GArray *pixels,
            GArray *chains,
            GArray *scratch)
{
  Chain chain = { pixels->len, 0 };
  Pixel start = { x, y };
  int first;

  wk->free[(gsize) y * wk->w + x] = 0;
  g_array_append_val (pixels, start);
  first = walk (wk, x, y, -1, pixels);

  g_array_set_size (scratch, 0);
  walk (wk, x, y, first < 0 ? -1 : (first + 4) % 8, scratch);

  for (guint i = 0; i < scratch->len; i++)
    g_array_insert_val (pixels, chain.offset, g_array_index (scratch, Pixel, i));

  chain.length = pixels->len - chain.offset;
  g_array_append_val (chains, chain);
}

void
epi_trace_chains_extract (const EpiEdgeMap *edges,
                          GArray           *pixels,
                          GArray           *chains)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Pixel));
  Walker wk;

  g_assert (edges != NULL && pixels != NULL && chains != NULL);

  wk.w = (int) edges->width;
  wk.h = (int) edges->height;
  wk.free = g_memdup2 (edges->mask, (gsize) wk.w * wk.h);

  /* Line ends first, so open strokes are walked from end to end; then
   * whatever is left, which is closed loops and the far sides of
   * junctions. */
  for (int pass = 0; pass < 2; pass++)
    for (int y = 0; y < wk.h; y++)
      for (int x = 0; x < wk.w; x++)
        if (is_free (&wk, x, y) && (pass == 1 || count_free_neighbours (&wk, x, y) <= 1))
          grow_chain (&wk, x, y, pixels, chains, scratch);

  g_free (wk.free);
}

GArray *
epi_trace_chains_strokes (const EpiEdgeMap *edges,
                          const GArray     *pixels,
                          const GArray     *chains,
                          guint             min_chain,
                          EpiTraceStats    *stats)
{
  g_autofree guint32 *piece_of = epi_edges_piece_sizes (edges->mask, edges->width, edges->height);
  GArray *strokes = g_array_new (FALSE, FALSE, sizeof (Chain));

  for (guint i = 0; i < chains->len; i++)
    {
      const Chain *c = &g_array_index (chains, Chain, i);
      const Pixel *first = &g_array_index (pixels, Pixel, c->offset);
      guint32 piece = piece_of[(gsize) first->y * edges->width + (gsize) first->x];

      /* A speck is a short piece on its own, not a short branch of a
       * long line (the bar of a t, the arm of an r). */
      if (c->length >= 2 && piece >= MAX (2u, min_chain))
        {
          g_array_append_val (strokes, *c);
          stats->n_pixels += c->length;
        }
      else
        stats->n_specks++;
    }
  stats->n_chains = strokes->len;

  return strokes;
}
