/* test-view.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "epi-test-util.h"
#include "epi-view.h"

#define ROUNDS 2000

/* @a and @b agree to about 1e-9 of the larger magnitude at stake. */
static void
assert_close (double a,
              double b,
              double magnitude)
{
  g_assert_true (isfinite (a) && isfinite (b));
  if (fabs (a - b) > 1e-9 * (1 + magnitude))
    g_error ("%.17g and %.17g differ by %g (magnitude %g)", a, b, fabs (a - b), magnitude);
}

/* A 100 × 80 drawing fitted to 200 × 160: scale 0.92 · 2, centre (50, 40)
 * on (100, 80). */
static void
test_fit (void)
{
  EpiView view;
  double dx, dy, x, y;

  epi_view_init (&view, 100, 80);
  g_assert_cmpfloat (view.zoom, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (epi_view_get_scale (&view, 200, 160), 0.92 * 2, 1e-12);

  epi_view_to_device (&view, 200, 160, 50, 40, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, 80, 1e-9);
  epi_view_to_device (&view, 200, 160, 0, 0, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, 100 - 50 * 0.92 * 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, 80 - 40 * 0.92 * 2, 1e-9);

  /* The tighter side decides: a wide target fits the height. */
  g_assert_cmpfloat_with_epsilon (epi_view_get_scale (&view, 1000, 160), 0.92 * 2, 1e-12);

  /* Fitting undoes zoom and pan. */
  g_assert_true (epi_view_zoom_at (&view, 3, 10, 10));
  g_assert_true (epi_view_pan (&view, 7, -5));
  epi_view_fit (&view);
  epi_view_to_drawing (&view, 200, 160, 100, 80, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 40, 1e-9);
  g_assert_cmpfloat (view.zoom, ==, 1.0);
}

/* Without a drawing the scale is the zoom, and fitting keeps the centre. */
static void
test_no_drawing (void)
{
  EpiView view;

  epi_view_init (&view, 0, 0);
  g_assert_cmpfloat (view.center_x, ==, 0);
  g_assert_cmpfloat (view.center_y, ==, 0);
  g_assert_cmpfloat (epi_view_get_scale (&view, 640, 480), ==, 1.0);

  g_assert_true (epi_view_pan (&view, 3, 4));
  g_assert_true (epi_view_zoom_at (&view, 2, 3, 4));
  g_assert_cmpfloat (epi_view_get_scale (&view, 640, 480), ==, 2.0);
  epi_view_fit (&view);
  g_assert_cmpfloat (view.zoom, ==, 1.0);
  g_assert_cmpfloat (view.center_x, ==, 3);
  g_assert_cmpfloat (view.center_y, ==, 4);
}

/* Device → drawing → device, and back, over random views, targets and
 * points, land where they started. */
static void
test_round_trips (void)
{
  for (guint round = 0; round < ROUNDS; round++)
    {
      EpiView view;
      int width = g_test_rand_int_range (1, 5000);
      int height = g_test_rand_int_range (1, 5000);
      double scale, magnitude;
      double x, y, dx, dy, x2, y2, dx2, dy2;

      epi_view_init (&view, g_test_rand_double_range (1, 20000), g_test_rand_double_range (1, 20000));
      for (guint i = 0; i < 4; i++)
        {
          g_assert_true (epi_view_zoom_at (&view, exp (g_test_rand_double_range (-3, 3)),
                                           g_test_rand_double_range (-1e4, 3e4),
                                           g_test_rand_double_range (-1e4, 3e4)));
          g_assert_true (epi_view_pan (&view, g_test_rand_double_range (-1e4, 1e4),
                                       g_test_rand_double_range (-1e4, 1e4)));
        }
      g_assert_cmpfloat (view.zoom, >=, EPI_VIEW_MIN_ZOOM);
      g_assert_cmpfloat (view.zoom, <=, EPI_VIEW_MAX_ZOOM);
      scale = epi_view_get_scale (&view, width, height);
      g_assert_cmpfloat (scale, >, 0);

      /* Drawing → device → drawing. */
      x = g_test_rand_double_range (-3e4, 3e4);
      y = g_test_rand_double_range (-3e4, 3e4);
      epi_view_to_device (&view, width, height, x, y, &dx, &dy);
      epi_view_to_drawing (&view, width, height, dx, dy, &x2, &y2);
      magnitude = fabs (x) + fabs (y) + fabs (view.center_x) + fabs (view.center_y) +
                  (width + height) / scale;
      assert_close (x2, x, magnitude);
      assert_close (y2, y, magnitude);

      /* Device → drawing → device. */
      dx = g_test_rand_double_range (-width, 2.0 * width);
      dy = g_test_rand_double_range (-height, 2.0 * height);
      epi_view_to_drawing (&view, width, height, dx, dy, &x, &y);
      epi_view_to_device (&view, width, height, x, y, &dx2, &dy2);
      magnitude = (fabs (view.center_x) + fabs (view.center_y)) * scale + 3.0 * (width + height);
      assert_close (dx2, dx, magnitude);
      assert_close (dy2, dy, magnitude);
    }
}

/* Zooming at a point keeps that point where it was on every target,
 * and the zoom stays within its bounds. */
static void
test_zoom_at_keeps_the_point (void)
{
  for (guint round = 0; round < ROUNDS; round++)
    {
      EpiView view;
      int width = g_test_rand_int_range (1, 4000);
      int height = g_test_rand_int_range (1, 4000);
      double x = g_test_rand_double_range (-500, 1500);
      double y = g_test_rand_double_range (-500, 1500);
      double factor = exp (g_test_rand_double_range (-8, 8));
      double before_x, before_y, after_x, after_y;

      epi_view_init (&view, 1000, 700);
      epi_view_to_device (&view, width, height, x, y, &before_x, &before_y);
      g_assert_true (epi_view_zoom_at (&view, factor, x, y));
      epi_view_to_device (&view, width, height, x, y, &after_x, &after_y);

      assert_close (after_x, before_x, fabs (before_x) + width);
      assert_close (after_y, before_y, fabs (before_y) + height);
      g_assert_cmpfloat_with_epsilon (view.zoom, CLAMP (factor, EPI_VIEW_MIN_ZOOM, EPI_VIEW_MAX_ZOOM),
                                      1e-12 * EPI_VIEW_MAX_ZOOM);
    }
}

/* A factor not above 0 and any value that is not finite leave the view
 * as it was. */
static void
test_refuses_bad_values (void)
{
  const double bad[] = { NAN, INFINITY, -INFINITY };
  EpiView view, before;

  epi_view_init (&view, 100, 80);
  g_assert_true (epi_view_zoom_at (&view, 2, 10, 20));
  before = view;

  g_assert_false (epi_view_zoom_at (&view, 0, 10, 10));
  g_assert_false (epi_view_zoom_at (&view, -2, 10, 10));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (epi_view_zoom_at (&view, bad[i], 10, 10));
      g_assert_false (epi_view_zoom_at (&view, 2, bad[i], 10));
      g_assert_false (epi_view_zoom_at (&view, 2, 10, bad[i]));
      g_assert_false (epi_view_pan (&view, bad[i], 1));
      g_assert_false (epi_view_pan (&view, 1, bad[i]));
    }

  g_assert_cmpmem (&view, sizeof view, &before, sizeof before);
}

/* An empty target counts as one pixel for the transforms. */
static void
test_empty_target (void)
{
  EpiView view;
  double dx, dy, x, y;

  epi_view_init (&view, 100, 80);
  epi_view_to_device (&view, 0, -3, 50, 40, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (dy, 0.5, 1e-12);
  epi_view_to_drawing (&view, 0, -3, 0.5, 0.5, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 40, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/View/fit", test_fit);
  g_test_add_func ("/Epi/View/no-drawing", test_no_drawing);
  g_test_add_func ("/Epi/View/round-trips", test_round_trips);
  g_test_add_func ("/Epi/View/zoom-at-keeps-the-point", test_zoom_at_keeps_the_point);
  g_test_add_func ("/Epi/View/refuses-bad-values", test_refuses_bad_values);
  g_test_add_func ("/Epi/View/empty-target", test_empty_target);

  return g_test_run ();
}
