/* test-spectrum.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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
  spectrum = epi_spectrum_from_path (path, NULL, &error);
  g_assert_no_error (error);

  rmse = measured_rmse (path, spectrum);
  g_test_message ("square: N=%u K=%u RMSE %.4f px (target %.4f)",
                  spectrum->n_points, spectrum->n_terms, rmse, EPI_DEFAULT_TARGET * diagonal);
  g_assert_cmpfloat (rmse, <=, EPI_DEFAULT_TARGET * diagonal * (1 + 1e-9));
  g_assert_cmpuint (spectrum->n_terms, >, 2);
  g_assert_cmpuint (spectrum->n_terms, <, spectrum->n_points);

  /* One term fewer would miss the target: K is the smallest. */
  {
    EpiSpectrumOptions options;
    g_autoptr(EpiSpectrum) fewer = NULL;

    epi_spectrum_options_init (&options);
    options.n_terms = spectrum->n_terms - 1;
    fewer = epi_spectrum_from_path (path, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (measured_rmse (path, fewer), >, EPI_DEFAULT_TARGET * diagonal);
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
  g_test_add_func ("/Epi/Spectrum/bad-options", test_bad_options);

  return g_test_run ();
}
