/* epi-trace-grid.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracer's spatial index: a uniform grid over the end points of the
 * chains, which answers "which end points are nearest to here" for the
 * tour (epi-trace-tour.c). Private to src/core, never installed.
 *
 * An end point is named by its id, 2 * chain + end, where end 0 is the
 * chain's first pixel and end 1 its last. Coordinates are in pixels of
 * the edge map, at pixel centres. A grid is plain data for one thread.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Set ex and ey, zero the rest, then call epi_trace_grid_build(). */
typedef struct
{
  const double *ex;      /* not owned; x of each end point, by id */
  const double *ey;      /* not owned; y of each end point, by id */
  double        cell;    /* side of a cell, pixels */
  int           cols;
  int           rows;
  guint        *start;   /* owned; cols * rows + 1 offsets into items,
                          * row by row */
  guint        *items;   /* owned; the ids filed, cell by cell */
  guint         n_items;
} Grid;

/* Files the end points @ids (n_ids of them, any order) in a grid over a
 * frame of width × height pixels with about two end points a cell,
 * replacing what the grid held. Points outside the frame go to the
 * nearest cell on its rim. Free with epi_trace_grid_clear(). */
void  epi_trace_grid_build   (Grid         *grid,
                              double        width,
                              double        height,
                              const guint  *ids,
                              guint         n_ids);
/* Frees what epi_trace_grid_build() allocated; ex and ey are left. */
void  epi_trace_grid_clear   (Grid         *grid);
/* Finds up to @k end points nearest to (x, y), nearest first, skipping
 * those of chain @exclude (-1 for none) and of the chains marked
 * non-zero in @used (NULL for none; one byte a chain). Writes their ids
 * to @found and their squared distances (pixels²) to @found_d2, both of
 * room for @k, and returns how many it found. Equally near points come
 * in the order the search meets them, which is fixed by the grid. */
guint epi_trace_grid_nearest (const Grid   *grid,
                              double        x,
                              double        y,
                              gint          exclude,
                              const guint8 *used,
                              guint        *found,
                              double       *found_d2,
                              guint         k);

G_END_DECLS
