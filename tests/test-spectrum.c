/* test-spectrum.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

static double
measured_rmse (const EpiPath     *path,
               const EpiSpectrum *spectrum)
{
  g_autofree double *xy = epi_spectrum_sample (spectrum, path->n_points);
  double sum = 0;

  for (guint i = 0; i < path->n_points; i++)
    {
      double dx = xy[2 * i] - path->xy[2 * i];
      double dy = xy[2 * i + 1] - path->xy[2 * i + 1];

      sum += dx * dx + dy * dy;
    }

  return sqrt (sum / path->n_points);
}

/* The stroke error as epi-spectrum.h defines it, measured by rebuilding
 * the path: the EPI_STROKE_PERCENTILE-th percentile (and the largest) of
 * the pen-down samples' distances, in units of @pixel_size. */
static double
measured_stroke_error (const EpiPath     *path,
                       const EpiSpectrum *spectrum,
                       double             pixel_size,
                       double            *max)
{
  g_autofree double *xy = epi_spectrum_sample (spectrum, path->n_points);
  g_autofree double *error = g_new (double, path->n_points);
  guint m = 0;

  for (guint i = 0; i < path->n_points; i++)
    if (!epi_spans_contain (path->spans, path->n_spans, i))
      error[m++] = hypot (xy[2 * i] - path->xy[2 * i], xy[2 * i + 1] - path->xy[2 * i + 1]) / pixel_size;
  g_assert_cmpuint (m, >, 0);

  test_sort_doubles (error, m);
  if (max != NULL)
    *max = error[m - 1];
  return error[m - 1 - m * (100 - EPI_STROKE_PERCENTILE) / 100];
}

static void
append_point (GArray *xy,
              double  x,
              double  y)
{
  g_array_append_val (xy, x);
  g_array_append_val (xy, y);
}

/* A page in miniature: one long smooth loop, then @n_letters squiggles
 * 12 px across (Lissajous figures, as busy as letters), joined by pen-up
 * travel, with samples 1–3 px apart as the tracer spaces them. All
 * coordinates and the frame are multiplied by @scale. */
static EpiPath *
letters_path (guint  n_letters,
              double scale)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (EpiSpan));
  double px, py;
  EpiPath *path;

  for (guint i = 0; i < 1200; i++)
    {
      double a = 2 * G_PI * i / 1200;

      append_point (xy, 500 + 400 * cos (a), 350 + 250 * sin (a));
    }
  px = 500 + 400 * cos (2 * G_PI * 1199 / 1200);
  py = 350 + 250 * sin (2 * G_PI * 1199 / 1200);

  for (guint l = 0; l <= n_letters; l++)
    {
      double cx = 150 + (l % 10) * 70, cy = 200 + (l / 10) * 60;
      int fa = g_rand_int_range (rand, 1, 4), fb = g_rand_int_range (rand, 1, 4);
      double phase = g_rand_double_range (rand, 0, G_PI);
      double sx = l < n_letters ? cx + 6 * sin (phase) : 500 + 400;
      double sy = l < n_letters ? cy : 350;
      guint steps = (guint) ceil (hypot (sx - px, sy - py) / 2);
      EpiSpan span = { xy->len / 2, steps - 1 };

      /* Pen-up travel to the next letter (or back to the start). */
      g_assert_cmpuint (steps, >=, 2);
      for (guint j = 1; j < steps; j++)
        append_point (xy, px + (sx - px) * j / steps, py + (sy - py) * j / steps);
      g_array_append_val (spans, span);
      if (l == n_letters)
        break;

      for (guint j = 0; j < 40; j++)
        {
          double t = 2 * G_PI * j / 40;

          append_point (xy, cx + 6 * sin (fa * t + phase), cy + 6 * sin (fb * t));
        }
      px = cx + 6 * sin (fa * 2 * G_PI * 39 / 40 + phase);
      py = cy + 6 * sin (fb * 2 * G_PI * 39 / 40);
    }

  path = epi_path_new (xy->len / 2, spans->len);
  path->width = 1000 * scale;
  path->height = 700 * scale;
  for (guint i = 0; i < xy->len; i++)
    path->xy[i] = g_array_index (xy, double, i) * scale;
  memcpy (path->spans, spans->data, sizeof (EpiSpan) * spans->len);

  return path;
}

static EpiSpectrum *
spectrum_with_bound (const EpiPath *path,
                     double         bound,
                     double         pixel_size)
{
  g_autoptr(GError) error = NULL;
  EpiSpectrumOptions options;
  EpiSpectrum *spectrum;

  epi_spectrum_options_init (&options);
  options.stroke_bound = bound;
  options.pixel_size = pixel_size;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_no_error (error);
  return spectrum;
}

static void
test_circle_is_one_term (void)
{
  g_autoptr(EpiPath) path = epi_path_new (256, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;

  path->width = 200;
  path->height = 100;
  for (guint i = 0; i < 256; i++)
    {
      double a = 2 * G_PI * i / 256;

      path->xy[2 * i] = 120 + 30 * cos (a);
      path->xy[2 * i + 1] = 50 + 30 * sin (a);
    }

  spectrum = epi_spectrum_from_path (path, NULL, &error);
  g_assert_no_error (error);

  /* The centre, then one circle of radius 30 turning once. */
  g_assert_cmpuint (spectrum->n_terms, ==, 2);
  g_assert_cmpint (spectrum->terms[0].frequency, ==, 0);
  g_assert_cmpfloat_with_epsilon (spectrum->terms[0].re, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (spectrum->terms[0].im, 50, 1e-9);
  g_assert_cmpint (spectrum->terms[1].frequency, ==, 1);
  g_assert_cmpfloat_with_epsilon (hypot (spectrum->terms[1].re, spectrum->terms[1].im), 30, 1e-9);
  g_assert_cmpfloat (spectrum->rmse, <, 1e-9);
  g_assert_cmpfloat_with_epsilon (spectrum->energy_kept, 1.0, 1e-12);
}

static void
draw_square (cairo_t  *cr,
             gpointer  user_data)
{
  cairo_rectangle (cr, 40, 30, 100, 100);
  cairo_fill (cr);
}

/* The whole way from a picture: edges, trace, automatic K. */
static void
test_square_meets_target (void)
{
  g_autoptr(EpiImage) image = test_image_draw (180, 160, draw_square, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = epi_edges_detect (image, NULL, &error);
  g_autoptr(EpiPath) path = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  double diagonal = hypot (180, 160);
  double rmse;

  g_assert_no_error (error);
  path = epi_trace (edges, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* By the RMSE alone, K is the smallest that meets the target. */
  spectrum = spectrum_with_bound (path, INFINITY, 1.0);
  rmse = measured_rmse (path, spectrum);
  g_test_message ("square, RMSE alone: N=%u K=%u RMSE %.4f px (target %.4f)",
                  spectrum->n_points, spectrum->n_terms, rmse, EPI_DEFAULT_TARGET * diagonal);
  g_assert_cmpfloat (rmse, <=, EPI_DEFAULT_TARGET * diagonal * (1 + 1e-9));
  g_assert_cmpuint (spectrum->n_terms, >, 2);
  g_assert_cmpuint (spectrum->n_terms, <, spectrum->n_points);
  g_assert_false (spectrum->capped);
  {
    EpiSpectrumOptions options;
    g_autoptr(EpiSpectrum) fewer = NULL;

    epi_spectrum_options_init (&options);
    options.n_terms = spectrum->n_terms - 1;
    fewer = epi_spectrum_from_path (path, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (measured_rmse (path, fewer), >, EPI_DEFAULT_TARGET * diagonal);
  }
  g_clear_pointer (&spectrum, epi_spectrum_free);

  /* By default both bounds hold, and one term fewer misses one of them. */
  spectrum = epi_spectrum_from_path (path, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("square: K=%u stroke error %.3f px", spectrum->n_terms, spectrum->stroke_error);
  g_assert_cmpfloat (measured_rmse (path, spectrum), <=, EPI_DEFAULT_TARGET * diagonal * (1 + 1e-9));
  g_assert_cmpfloat (measured_stroke_error (path, spectrum, 1.0, NULL), <=, EPI_DEFAULT_STROKE_BOUND);
  g_assert_false (spectrum->capped);
  {
    EpiSpectrumOptions options;
    g_autoptr(EpiSpectrum) fewer = NULL;

    epi_spectrum_options_init (&options);
    options.n_terms = spectrum->n_terms - 1;
    fewer = epi_spectrum_from_path (path, &options, &error);
    g_assert_no_error (error);
    g_assert_true (measured_rmse (path, fewer) > EPI_DEFAULT_TARGET * diagonal ||
                   measured_stroke_error (path, fewer, 1.0, NULL) > EPI_DEFAULT_STROKE_BOUND);
  }
}

/* The case: a global RMSE that is met while the small strokes
 * wobble by pixels. With the stroke bound, they do not. */
static void
test_small_strokes_within_bound (void)
{
  g_autoptr(EpiPath) path = letters_path (40, 1.0);
  g_autoptr(EpiSpectrum) rmse_only = spectrum_with_bound (path, INFINITY, 1.0);
  g_autoptr(EpiSpectrum) spectrum = spectrum_with_bound (path, EPI_DEFAULT_STROKE_BOUND, 1.0);
  double diagonal = hypot (path->width, path->height);
  double loose, loose_max, tight, tight_max;

  loose = measured_stroke_error (path, rmse_only, 1.0, &loose_max);
  tight = measured_stroke_error (path, spectrum, 1.0, &tight_max);
  g_test_message ("letters: N=%u; RMSE alone K=%u stroke error %.2f px (max %.2f); "
                  "with the bound K=%u stroke error %.2f px (max %.2f)",
                  path->n_points, rmse_only->n_terms, loose, loose_max,
                  spectrum->n_terms, tight, tight_max);

  /* The RMSE target is met, and says nothing of the letters. */
  g_assert_cmpfloat (rmse_only->rmse, <=, EPI_DEFAULT_TARGET * diagonal);
  g_assert_cmpfloat (loose, >, 2 * EPI_DEFAULT_STROKE_BOUND);
  g_assert_cmpfloat_with_epsilon (rmse_only->stroke_error, loose, 1e-9);

  /* With the bound: the reported figures are the measured ones, the
   * bound holds, and K is the smallest that keeps it. */
  g_assert_cmpuint (spectrum->n_terms, >, rmse_only->n_terms);
  g_assert_cmpfloat_with_epsilon (spectrum->stroke_error, tight, 1e-9);
  g_assert_cmpfloat_with_epsilon (spectrum->stroke_error_max, tight_max, 1e-9);
  g_assert_cmpfloat (tight, <=, EPI_DEFAULT_STROKE_BOUND);
  g_assert_cmpfloat (tight_max, <, 2 * EPI_DEFAULT_STROKE_BOUND);
  g_assert_cmpfloat (spectrum->rmse, <=, EPI_DEFAULT_TARGET * diagonal);
  g_assert_false (spectrum->capped);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EpiSpectrum) fewer = NULL;
    EpiSpectrumOptions options;

    epi_spectrum_options_init (&options);
    options.n_terms = spectrum->n_terms - 1;
    fewer = epi_spectrum_from_path (path, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (measured_stroke_error (path, fewer, 1.0, NULL), >, EPI_DEFAULT_STROKE_BOUND);
    g_assert_cmpfloat_with_epsilon (fewer->stroke_error, measured_stroke_error (path, fewer, 1.0, NULL), 1e-9);
  }
}

/* A tighter bound never takes fewer terms, and none takes fewer than the
 * RMSE alone. */
static void
test_stroke_bound_monotonic (void)
{
  g_autoptr(EpiPath) path = letters_path (30, 1.0);
  g_autoptr(EpiSpectrum) rmse_only = spectrum_with_bound (path, INFINITY, 1.0);
  const double bounds[] = { 8, 4, 2, 1, 0.75, 0.5, 0.25, 0.1 };
  guint previous = rmse_only->n_terms;

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      g_autoptr(EpiSpectrum) spectrum = spectrum_with_bound (path, bounds[i], 1.0);

      g_test_message ("bound %.2f px: K=%u, stroke error %.3f px",
                      bounds[i], spectrum->n_terms, spectrum->stroke_error);
      g_assert_cmpuint (spectrum->n_terms, >=, previous);
      g_assert_cmpfloat (spectrum->stroke_error, <=, bounds[i]);
      previous = spectrum->n_terms;
    }
  g_assert_cmpuint (previous, >, rmse_only->n_terms);
}

/* The bound is in working pixels: the same drawing at twice the size in
 * source pixels, with 2 source pixels to a working one, keeps the same
 * terms (doubled) and reports the same stroke error. */
static void
test_stroke_error_in_working_pixels (void)
{
  g_autoptr(EpiPath) path = letters_path (20, 1.0);
  g_autoptr(EpiPath) large = letters_path (20, 2.0);
  g_autoptr(EpiSpectrum) spectrum = spectrum_with_bound (path, EPI_DEFAULT_STROKE_BOUND, 1.0);
  g_autoptr(EpiSpectrum) scaled = spectrum_with_bound (large, EPI_DEFAULT_STROKE_BOUND, 2.0);
  g_autoptr(EpiSpectrum) unscaled = spectrum_with_bound (large, EPI_DEFAULT_STROKE_BOUND, 1.0);

  g_assert_cmpuint (scaled->n_terms, ==, spectrum->n_terms);
  g_assert_cmpfloat_with_epsilon (scaled->stroke_error, spectrum->stroke_error, 1e-9);
  g_assert_cmpfloat_with_epsilon (scaled->rmse, 2 * spectrum->rmse, 1e-9);
  g_assert_cmpfloat_with_epsilon (measured_stroke_error (large, scaled, 2.0, NULL),
                                  scaled->stroke_error, 1e-9);
  for (guint i = 0; i < spectrum->n_terms; i++)
    {
      g_assert_cmpint (scaled->terms[i].frequency, ==, spectrum->terms[i].frequency);
      g_assert_cmpfloat_with_epsilon (scaled->terms[i].re, 2 * spectrum->terms[i].re, 1e-9);
    }

  /* Taken as working pixels, the larger drawing's errors look twice as
   * large, and more terms are kept. */
  g_assert_cmpuint (unscaled->n_terms, >, spectrum->n_terms);
}

/* Only pen-down samples count: with the mean alone, a pen-down circle of
 * radius 10 is 10 px off everywhere, the pen-up circle of radius 40 is
 * not looked at. */
static void
test_stroke_error_skips_pen_up (void)
{
  g_autoptr(EpiPath) path = epi_path_new (200, 1);
  g_autoptr(GError) error = NULL;
  EpiSpectrumOptions options;

  path->width = path->height = 100;
  for (guint i = 0; i < 200; i++)
    {
      double a = 2 * G_PI * i / 100, r = i < 100 ? 10 : 40;

      path->xy[2 * i] = 50 + r * cos (a);
      path->xy[2 * i + 1] = 50 + r * sin (a);
    }
  path->spans[0] = (EpiSpan) { 100, 100 };

  epi_spectrum_options_init (&options);
  options.n_terms = 1;
  for (double pixel_size = 1; pixel_size <= 4; pixel_size *= 2)
    {
      g_autoptr(EpiSpectrum) spectrum = NULL;

      options.pixel_size = pixel_size;
      spectrum = epi_spectrum_from_path (path, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (spectrum->n_terms, ==, 1);
      g_assert_cmpfloat_with_epsilon (spectrum->stroke_error, 10 / pixel_size, 1e-9);
      g_assert_cmpfloat_with_epsilon (spectrum->stroke_error_max, 10 / pixel_size, 1e-9);
      g_assert_false (spectrum->capped);
    }
}

/* The cap wins over the bound, and says so. */
static void
test_stroke_bound_capped (void)
{
  g_autoptr(EpiPath) path = letters_path (40, 1.0);
  g_autoptr(EpiSpectrum) free_k = spectrum_with_bound (path, EPI_DEFAULT_STROKE_BOUND, 1.0);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  EpiSpectrumOptions options;

  epi_spectrum_options_init (&options);
  options.max_terms = free_k->n_terms - 1;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spectrum->n_terms, ==, free_k->n_terms - 1);
  g_assert_true (spectrum->capped);
  /* The RMSE target is met there: it is the stroke bound that is not. */
  g_assert_cmpfloat (spectrum->rmse, <=, EPI_DEFAULT_TARGET * hypot (path->width, path->height));
  g_assert_cmpfloat (spectrum->stroke_error, >, EPI_DEFAULT_STROKE_BOUND);
  g_assert_cmpfloat_with_epsilon (spectrum->stroke_error,
                                  measured_stroke_error (path, spectrum, 1.0, NULL), 1e-9);

  /* Exactly enough is not capped. */
  g_clear_pointer (&spectrum, epi_spectrum_free);
  options.max_terms = free_k->n_terms;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spectrum->n_terms, ==, free_k->n_terms);
  g_assert_false (spectrum->capped);

  /* A copy keeps the figures. */
  {
    g_autoptr(EpiSpectrum) copy = epi_spectrum_copy (free_k);

    g_assert_cmpfloat (copy->stroke_error, ==, free_k->stroke_error);
    g_assert_cmpfloat (copy->stroke_error_max, ==, free_k->stroke_error_max);
    g_assert_cmpint (copy->capped, ==, free_k->capped);
  }
}

/* Parseval's prediction against the measured error of the rebuilt path,
 * over many random paths and term counts. */
static void
test_parseval_matches_measurement (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 200; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 3000);
      g_autoptr(EpiPath) path = epi_path_new (n, 0);
      g_autoptr(EpiSpectrum) spectrum = NULL;
      g_autoptr(GError) error = NULL;
      EpiSpectrumOptions options;
      double rmse;

      path->width = 640;
      path->height = 480;
      /* A random walk: paths have most energy at low frequencies. */
      path->xy[0] = 320;
      path->xy[1] = 240;
      for (guint i = 1; i < n; i++)
        {
          path->xy[2 * i] = path->xy[2 * i - 2] + g_rand_double_range (rand, -3, 3);
          path->xy[2 * i + 1] = path->xy[2 * i - 1] + g_rand_double_range (rand, -3, 3);
        }

      epi_spectrum_options_init (&options);
      options.n_terms = (guint) g_rand_int_range (rand, 1, (gint32) n + 1);
      spectrum = epi_spectrum_from_path (path, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (spectrum->n_terms, ==, options.n_terms);

      rmse = measured_rmse (path, spectrum);
      if (spectrum->rmse > 1e-6)
        g_assert_cmpfloat (fabs (rmse - spectrum->rmse), <=, 0.01 * spectrum->rmse);
      else
        g_assert_cmpfloat (rmse, <, 1e-6);

      /* Strongest first. */
      for (guint i = 1; i < spectrum->n_terms; i++)
        g_assert_cmpfloat (hypot (spectrum->terms[i - 1].re, spectrum->terms[i - 1].im), >=,
                           hypot (spectrum->terms[i].re, spectrum->terms[i].im));
    }
}

/* The direct sum and the inverse FFT agree. */
static void
test_evaluate_matches_sample (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
  g_autofree double *xy = epi_spectrum_sample (spectrum, spectrum->n_points);

  for (guint i = 0; i < spectrum->n_points; i += 1 + spectrum->n_points / 50)
    {
      double x, y;

      epi_spectrum_evaluate (spectrum, (double) i / spectrum->n_points, &x, &y);
      g_assert_cmpfloat (fabs (x - xy[2 * i]), <, 1e-6);
      g_assert_cmpfloat (fabs (y - xy[2 * i + 1]), <, 1e-6);
    }
}

static void
test_term_cap (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(EpiPath) path = epi_path_new (1000, 0);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  EpiSpectrumOptions options;

  path->width = 100;
  path->height = 100;
  for (guint i = 0; i < 2000; i++)
    path->xy[i] = g_rand_double_range (rand, 0, 100);

  /* White noise needs nearly every term; the cap holds and the error is
   * reported as it is. */
  epi_spectrum_options_init (&options);
  options.max_terms = 50;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spectrum->n_terms, ==, 50);
  g_assert_true (spectrum->capped);
  g_assert_cmpfloat (spectrum->rmse, >, EPI_DEFAULT_TARGET * hypot (100, 100));
  g_assert_cmpfloat (fabs (measured_rmse (path, spectrum) - spectrum->rmse), <, 0.01 * spectrum->rmse);
}

static void
test_bad_options (void)
{
  g_autoptr(EpiPath) path = epi_path_new (10, 0);
  g_autoptr(EpiPath) tiny = epi_path_new (1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiSpectrumOptions options;

  path->width = path->height = tiny->width = tiny->height = 10;
  epi_spectrum_options_init (&options);
  options.target = 0;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  spectrum = epi_spectrum_from_path (tiny, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A stroke bound must be above 0 (INFINITY turns it off), and a pixel
   * must have a size. */
  {
    const double bad_bounds[] = { 0, -1, NAN };
    const double bad_sizes[] = { 0, -2, NAN, INFINITY };

    for (guint i = 0; i < G_N_ELEMENTS (bad_bounds); i++)
      {
        epi_spectrum_options_init (&options);
        options.stroke_bound = bad_bounds[i];
        spectrum = epi_spectrum_from_path (path, &options, &error);
        g_assert_null (spectrum);
        g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
        g_clear_error (&error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad_sizes); i++)
      {
        epi_spectrum_options_init (&options);
        options.pixel_size = bad_sizes[i];
        spectrum = epi_spectrum_from_path (path, &options, &error);
        g_assert_null (spectrum);
        g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
        g_clear_error (&error);
      }
  }
}

/* No path makes more terms than the limit, however many are asked for. */
static void
test_term_limit (void)
{
  g_autoptr(EpiPath) path = epi_path_new (2 * EPI_MAX_TERMS, 0);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  EpiSpectrumOptions options;

  path->width = 1000;
  path->height = 800;
  for (guint i = 0; i < path->n_points; i++)
    {
      double a = 2 * G_PI * i / path->n_points;

      path->xy[2 * i] = 500 + 300 * cos (a) + (i % 7);
      path->xy[2 * i + 1] = 400 + 300 * sin (a) + (i % 5);
    }

  epi_spectrum_options_init (&options);
  options.n_terms = G_MAXUINT;
  spectrum = epi_spectrum_from_path (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spectrum->n_terms, ==, EPI_MAX_TERMS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Spectrum/circle-is-one-term", test_circle_is_one_term);
  g_test_add_func ("/Epi/Spectrum/square-meets-target", test_square_meets_target);
  g_test_add_func ("/Epi/Spectrum/parseval-matches-measurement", test_parseval_matches_measurement);
  g_test_add_func ("/Epi/Spectrum/evaluate-matches-sample", test_evaluate_matches_sample);
  g_test_add_func ("/Epi/Spectrum/term-cap", test_term_cap);
  g_test_add_func ("/Epi/Spectrum/small-strokes-within-bound", test_small_strokes_within_bound);
  g_test_add_func ("/Epi/Spectrum/stroke-bound-monotonic", test_stroke_bound_monotonic);
  g_test_add_func ("/Epi/Spectrum/stroke-error-in-working-pixels", test_stroke_error_in_working_pixels);
  g_test_add_func ("/Epi/Spectrum/stroke-error-skips-pen-up", test_stroke_error_skips_pen_up);
  g_test_add_func ("/Epi/Spectrum/stroke-bound-capped", test_stroke_bound_capped);
  g_test_add_func ("/Epi/Spectrum/bad-options", test_bad_options);
  g_test_add_func ("/Epi/Spectrum/term-limit", test_term_limit);

  return g_test_run ();
}
