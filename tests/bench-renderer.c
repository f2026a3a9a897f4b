/* bench-renderer.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Milliseconds per frame of the live renderer at 1280×800, circles and
 * trace on, for drawings of 100 to 5000 epicycles: one full drawing at
 * 60 frames per second of clock, every frame timed.
 *
 * Then one frame of a forged drawing at the reader's limit, EPI_MAX_TERMS
 * circles all in view, against one frame of a sample's drawing, in the
 * same run: the circle cap keeps the two close.
 */

#include "config.h"

#include "epi-test-util.h"

#define WIDTH  1280
#define HEIGHT 800
#define FRAMES 720

#define RUNS 9

/* The median of RUNS frames of @spectrum at time 0 (every circle, no
 * trace yet), after one untimed frame; @circles is what a frame drew. */
static double
median_frame_ms (const EpiSpectrum *spectrum,
                 cairo_t           *cr,
                 guint             *circles)
{
  g_autoptr(EpiRenderer) renderer = epi_renderer_new ();
  double ms[RUNS];

  epi_renderer_set_spectrum (renderer, spectrum);
  epi_renderer_render_frame (renderer, cr, WIDTH, HEIGHT, 0);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      epi_renderer_render_frame (renderer, cr, WIDTH, HEIGHT, i + 1);
      cairo_surface_flush (cairo_get_target (cr));
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  *circles = epi_renderer_get_circles_drawn (renderer);
  return test_median (ms, RUNS);
}

static void
bench_forged (const char *path,
              cairo_t    *cr)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) sample = epi_pipeline_analyze (path, NULL, NULL, NULL, NULL, NULL, &error);
  /* Circles of 46 pixels at this size. */
  g_autoptr(EpiSpectrum) forged = test_crowded_spectrum (EPI_MAX_TERMS, 1000, 800, 50);
  guint sample_circles, forged_circles;
  double sample_ms, forged_ms;

  g_assert_no_error (error);
  sample_ms = median_frame_ms (sample, cr, &sample_circles);
  forged_ms = median_frame_ms (forged, cr, &forged_circles);

  g_print ("\nOne frame at time 0, median of %d, circle cap %d\n\n", RUNS, EPI_RENDERER_MAX_CIRCLES);
  g_print ("%-28s %8s %8s %10s\n", "drawing", "K", "circles", "median ms");
  g_print ("%-28s %8u %8u %10.2f\n", "sample (auto K)", sample->n_terms, sample_circles, sample_ms);
  g_print ("%-28s %8u %8u %10.2f\n", "forged, every circle in view", forged->n_terms, forged_circles, forged_ms);
  g_print ("forged / sample: %.1fx\n", forged_ms / sample_ms);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = test_sample_path ("debian-plasma-preview-1920x1080.jpg");
  const guint counts[] = { 100, 500, 1000, 5000 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  g_print ("%dx%d image surface, circles and trace on, %d frames a drawing\n\n", WIDTH, HEIGHT, FRAMES);
  g_print ("%6s %6s %10s %10s %10s %8s\n", "K", "N", "median ms", "p95 ms", "max ms", "fps");

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;
      g_autoptr(EpiRenderer) renderer = epi_renderer_new ();
      double ms[FRAMES];
      EpiEncodeSettings settings;

      epi_encode_settings_init (&settings);
      settings.spectrum.n_terms = counts[c];
      spectrum = epi_pipeline_analyze (path, &settings, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      epi_renderer_set_spectrum (renderer, spectrum);
      /* One full drawing over FRAMES frames at 60 per second. */
      epi_renderer_set_speed (renderer, EPI_RENDERER_TURN_SECONDS * 60.0 / FRAMES);
      epi_renderer_set_playing (renderer, TRUE);

      for (guint f = 0; f < FRAMES; f++)
        {
          gint64 start;

          epi_renderer_advance (renderer, 1.0 / 60);
          start = g_get_monotonic_time ();
          epi_renderer_render_frame (renderer, cr, WIDTH, HEIGHT, f);
          cairo_surface_flush (surface);
          ms[f] = (g_get_monotonic_time () - start) / 1000.0;
        }
      g_assert_cmpfloat (epi_renderer_get_time (renderer), >, 0.99);

      test_sort_doubles (ms, FRAMES);
      g_print ("%6u %6u %10.2f %10.2f %10.2f %8.0f\n", spectrum->n_terms, spectrum->n_points,
               ms[FRAMES / 2], ms[FRAMES * 95 / 100], ms[FRAMES - 1], 1000 / ms[FRAMES / 2]);
    }

  bench_forged (path, cr);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
