/* epi-path.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "epi-path.h"

/* A path of @n_points samples (zeroed) and @n_spans pen-up runs, in a
 * frame of size 0 × 0 until set; freed with epi_path_free(). */
EpiPath *
epi_path_new (guint n_points,
              guint n_spans)
{
  EpiPath *path = g_new0 (EpiPath, 1);

  path->n_points = n_points;
  path->xy = g_new0 (double, 2 * (gsize) n_points);
  path->n_spans = n_spans;
  path->spans = g_new0 (EpiSpan, n_spans);

  return path;
}

/* Frees @path and its arrays; NULL is ignored. */
void
epi_path_free (EpiPath *path)
{
  if (path == NULL)
    return;

  g_free (path->xy);
  g_free (path->spans);
  g_free (path);
}

/* Maps the path into a frame of another size, keeping pixel areas
 * aligned: used to go from the working image back to the original. */
void
epi_path_rescale (EpiPath *path,
                  double   width,
                  double   height)
{
  double sx, sy;

  g_return_if_fail (path != NULL);
  g_return_if_fail (width > 0 && height > 0);

  sx = width / path->width;
  sy = height / path->height;

  for (guint i = 0; i < path->n_points; i++)
    {
      path->xy[2 * i] *= sx;
      path->xy[2 * i + 1] *= sy;
    }

  path->width = width;
  path->height = height;
}

/* Binary search over the sorted spans. */
gboolean
epi_spans_contain (const EpiSpan *spans,
                   guint          n_spans,
                   guint          index)
{
  guint lo = 0, hi = n_spans;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (index < spans[mid].start)
        hi = mid;
      else if (index >= spans[mid].start + spans[mid].length)
        lo = mid + 1;
      else
        return TRUE;
    }

  return FALSE;
}
