/* test-trace.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "epi-test-util.h"

static void
draw_disk (cairo_t  *cr,
           gpointer  user_data)
{
  cairo_arc (cr, 50, 50, 30, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_two_disks (cairo_t  *cr,
                gpointer  user_data)
{
  cairo_arc (cr, 40, 50, 25, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, 160, 50, 25, 0, 2 * G_PI);
  cairo_fill (cr);
}

static EpiPath *
trace_drawing (int             width,
               int             height,
               TestDrawFunc    draw,
               EpiTraceStats  *stats)
{
  g_autoptr(EpiImage) image = test_image_draw (width, height, draw, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  EpiEdgeOptions options;
  EpiPath *path;

  /* Every step of these drawings is a line: Canny finds each exactly. */
  epi_edge_options_init (&options);
  options.finder = EPI_LINE_FINDER_CANNY;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
  path = epi_trace (edges, NULL, NULL, stats, &error);
  g_assert_no_error (error);
  return path;
}

/* Bresenham, so every segment is a thin 8-connected line. */
static void
plot_line (EpiEdgeMap *edges,
           int         x0,
           int         y0,
           int         x1,
           int         y1)
{
  int dx = abs (x1 - x0), sx = x0 < x1 ? 1 : -1;
  int dy = -abs (y1 - y0), sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;

  for (;;)
    {
      edges->mask[y0 * (int) edges->width + x0] = 1;
      if (x0 == x1 && y0 == y1)
        break;
      if (2 * err >= dy)
        {
          err += dy;
          x0 += sx;
        }
      if (2 * err <= dx)
        {
          err += dx;
          y0 += sy;
        }
    }
}

static guint
count_up_samples (const EpiPath *path)
{
  guint n = 0;

  for (guint i = 0; i < path->n_spans; i++)
    n += path->spans[i].length;
  return n;
}

static void
test_disk_is_one_loop (void)
{
  EpiTraceStats stats;
  g_autoptr(EpiPath) path = trace_drawing (100, 100, draw_disk, &stats);

  g_assert_cmpuint (stats.n_chains, ==, 1);
  /* A closed outline needs no lift at all. */
  g_assert_cmpuint (path->n_spans, ==, 0);
  g_assert_cmpfloat (stats.pen_up_length, ==, 0);
  /* The outline is about 2π·30 long, sampled twice per pixel. */
  g_assert_cmpfloat (fabs (stats.pen_down_length - 2 * G_PI * 30), <, 0.1 * 2 * G_PI * 30);
  g_assert_cmpuint (path->n_points, ==, (guint) ceil (stats.pen_down_length / 0.5));
}

static void
test_two_shapes_two_lifts (void)
{
  EpiTraceStats stats;
  g_autoptr(EpiPath) path = trace_drawing (200, 100, draw_two_disks, &stats);
  double step;

  g_assert_cmpuint (stats.n_chains, ==, 2);
  /* One lift to the second shape and one back to close the tour. */
  g_assert_cmpuint (path->n_spans, ==, 2);

  /* The lifts are each the gap between the outlines, about 70 px. */
  g_assert_cmpfloat (stats.pen_up_length, >, 2 * 65);
  g_assert_cmpfloat (stats.pen_up_length, <, 2 * 75);
  step = (stats.pen_up_length + stats.pen_down_length) / path->n_points;
  g_assert_cmpfloat (fabs (count_up_samples (path) - stats.pen_up_length / step), <=, 2);

  /* Samples on a lift are outside both disks. */
  for (guint s = 0; s < path->n_spans; s++)
    for (guint i = path->spans[s].start; i < path->spans[s].start + path->spans[s].length; i++)
      {
        double x = path->xy[2 * i], y = path->xy[2 * i + 1];

        g_assert_cmpfloat (hypot (x - 40, y - 50), >, 22);
        g_assert_cmpfloat (hypot (x - 160, y - 50), >, 22);
      }
}

static void
test_line_walked_once (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (200, 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPath) path = NULL;
  EpiTraceStats stats;

  plot_line (edges, 10, 50, 109, 50);
  epi_edge_map_count (edges);

  path = epi_trace (edges, NULL, NULL, &stats, &error);
  g_assert_no_error (error);

  /* Walked once along (99 px) and lifted once back, not traced out and
   * back around the line as a contour follower would. */
  g_assert_cmpuint (stats.n_chains, ==, 1);
  g_assert_cmpuint (stats.n_pixels, ==, 100);
  g_assert_cmpfloat (fabs (stats.pen_down_length - 99), <, 1e-9);
  g_assert_cmpfloat (fabs (stats.pen_up_length - 99), <, 1e-9);
  g_assert_cmpuint (path->n_spans, ==, 1);
  /* 198 px of tour, two samples per pixel. */
  g_assert_cmpuint (path->n_points, ==, 396);
}

static void
test_specks_dropped (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (100, 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPath) path = NULL;
  EpiTraceStats stats;
  EpiTraceOptions options;

  plot_line (edges, 10, 10, 60, 10);
  plot_line (edges, 80, 80, 82, 80);
  epi_edge_map_count (edges);

  path = epi_trace (edges, NULL, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_chains, ==, 1);
  g_assert_cmpuint (stats.n_specks, ==, 1);
  epi_path_free (g_steal_pointer (&path));

  /* With the limit lowered the speck is drawn too. */
  epi_trace_options_init (&options);
  options.min_chain = 2;
  path = epi_trace (edges, &options, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_chains, ==, 2);
  g_assert_cmpuint (stats.n_specks, ==, 0);
}

static void
test_only_specks_is_an_error (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (50, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPath) path = NULL;

  plot_line (edges, 5, 5, 7, 5);
  plot_line (edges, 20, 20, 20, 22);
  epi_edge_map_count (edges);

  path = epi_trace (edges, NULL, NULL, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_NO_LINES);
  g_assert_null (path);
}

/* Over many random scatterings of strokes: every stroke is in the tour,
 * 2-opt never lengthens the travel and shortens it overall, and samples
 * are evenly spaced along the whole closed path. */
static void
test_random_strokes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  double nn_total = 0, opt_total = 0;

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (400, 300);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiPath) path = NULL;
      EpiTraceOptions options;
      EpiTraceStats stats;
      double step;

      for (guint i = 0; i < 60; i++)
        {
          int y = g_rand_int_range (rand, 5, 295);
          int len = g_rand_int_range (rand, 8, 30);

          /* Horizontal strokes on the left and vertical ones on the right,
           * on rows and columns four apart, so that none cross. */
          if (g_rand_boolean (rand))
            {
              int x = g_rand_int_range (rand, 5, 180);

              plot_line (edges, x, y - y % 4, MIN (190, x + len), y - y % 4);
            }
          else
            {
              int x = g_rand_int_range (rand, 200, 395);

              y = MIN (y, 285);
              plot_line (edges, x - x % 4, y, x - x % 4, MIN (294, y + len));
            }
        }
      epi_edge_map_count (edges);

      epi_trace_options_init (&options);
      options.min_chain = 2;
      path = epi_trace (edges, &options, NULL, &stats, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (stats.n_pixels, ==, edges->n_edge_pixels);
      g_assert_cmpfloat (stats.pen_up_length, <=, stats.pen_up_length_nn + 1e-6);
      nn_total += stats.pen_up_length_nn;
      opt_total += stats.pen_up_length;

      step = (stats.pen_down_length + stats.pen_up_length) / path->n_points;
      for (guint i = 0; i < path->n_points; i++)
        {
          guint j = (i + 1) % path->n_points;
          double d = hypot (path->xy[2 * j] - path->xy[2 * i], path->xy[2 * j + 1] - path->xy[2 * i + 1]);

          g_assert_cmpfloat (d, <=, step + 1e-6);
        }
    }

  g_test_message ("pen-up travel: nearest neighbour %.0f px, after 2-opt %.0f px", nn_total, opt_total);
  g_assert_cmpfloat (opt_total, <, 0.98 * nn_total);
}

static void
test_points_option (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (100, 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPath) path = NULL;
  EpiTraceOptions options;

  plot_line (edges, 10, 10, 90, 90);
  epi_edge_map_count (edges);
  epi_trace_options_init (&options);
  options.n_points = 777;

  path = epi_trace (edges, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (path->n_points, ==, 777);

  options.n_points = EPI_MAX_POINTS + 1;
  g_clear_pointer (&path, epi_path_free);
  path = epi_trace (edges, &options, NULL, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
}

static void
test_cancelled (void)
{
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (100, 100);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPath) path = NULL;

  plot_line (edges, 10, 10, 90, 10);
  plot_line (edges, 10, 50, 90, 50);
  plot_line (edges, 10, 90, 90, 90);
  epi_edge_map_count (edges);
  g_cancellable_cancel (cancellable);

  path = epi_trace (edges, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Trace/disk-is-one-loop", test_disk_is_one_loop);
  g_test_add_func ("/Epi/Trace/two-shapes-two-lifts", test_two_shapes_two_lifts);
  g_test_add_func ("/Epi/Trace/line-walked-once", test_line_walked_once);
  g_test_add_func ("/Epi/Trace/specks-dropped", test_specks_dropped);
  g_test_add_func ("/Epi/Trace/only-specks-is-an-error", test_only_specks_is_an_error);
  g_test_add_func ("/Epi/Trace/random-strokes", test_random_strokes);
  g_test_add_func ("/Epi/Trace/points-option", test_points_option);
  g_test_add_func ("/Epi/Trace/cancelled", test_cancelled);

  return g_test_run ();
}
