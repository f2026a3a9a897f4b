/* bench-samples.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each sample picture: N, K, RMSE, payload size, the time of each
 * stage (median of several runs), and how much of the picture's lines
 * the drawing keeps, as precision, recall and F1 against the edge map
 * at a 3-pixel tolerance.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define RUNS      5
#define TOLERANCE 3

static const char *samples[] = {
  "horse.png", "camera.png", "coins.png", "rocket.jpg", "chelsea.png", "skimage-logo.png",
  "pygame_icon_mac.bmp", "debian-plasma-preview-1920x1080.jpg", "no_time_for_that_tiny.gif",
  "gnome-vnc-l.webp",
};

typedef struct
{
  double precision;
  double recall;
  double f1;
} Agreement;

/* Draws the kept terms at the working size, one pixel wide, and compares
 * the ink with the edge map both ways. */
static Agreement
measure_agreement (const EpiSpectrum *spectrum,
                   const EpiEdgeMap  *edges)
{
  int w = (int) edges->width, h = (int) edges->height;
  cairo_surface_t *surface = epi_still_render (spectrum, w, h, 1.0, NULL, NULL);
  /* Any visible trace of a stroke counts as ink. */
  g_autofree guint8 *ink = test_ink_of_surface (surface);
  Agreement a;

  cairo_surface_destroy (surface);
  a.precision = test_share_near (ink, edges->mask, (guint) w, (guint) h, TOLERANCE);
  a.recall = test_share_near (edges->mask, ink, (guint) w, (guint) h, TOLERANCE);
  a.f1 = a.precision + a.recall > 0 ? 2 * a.precision * a.recall / (a.precision + a.recall) : 0;
  return a;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) f1s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new ("benchmark", 9, &error);
  g_autofree char *dir = test_tmpdir_new ();
  EpiEncodeSettings settings;
  double kdf_ms[RUNS];

  g_assert_no_error (error);
  epi_encode_settings_init (&settings);

  /* Key derivation happens once per password per batch, so it is timed
   * apart from the per-picture stages. */
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_DEFAULT);
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, &error);

      g_assert_no_error (error);
      g_assert_nonnull (key);
      kdf_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  g_print ("Key derivation (Argon2id, the default strength, %s), once per batch: %.1f ms median of %d\n\n",
           epi_kdf_strength_get_name (EPI_KDF_DEFAULT), test_median (kdf_ms, RUNS), RUNS);

  g_print ("%-36s %9s %6s %5s %6s %8s | %6s %6s %6s %6s %6s %7s | %6s %5s %5s %5s\n",
           "picture", "work", "N", "K", "RMSE%", "payload",
           "load", "edges", "trace", "spect", "seal", "total", "traced", "prec", "rec", "F1");
  g_print ("%-36s %9s %6s %5s %6s %8s | %6s %6s %6s %6s %6s %7s | %6s %5s %5s %5s\n",
           "", "", "", "", "diag", "bytes", "ms", "ms", "ms", "ms", "ms", "ms", "edge%", "", "", "");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = test_sample_path (samples[i]);
      g_autofree char *output = g_build_filename (dir, "out.epicrypt", NULL);
      g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
      double stage_ms[EPI_N_STAGES][RUNS];
      double total_ms[RUNS];
      EpiEncodeResult result = { 0 };
      gboolean ok = TRUE;

      for (guint r = 0; r < RUNS && ok; r++)
        {
          g_autoptr(GError) run_error = NULL;

          g_remove (output);
          settings.overwrite = TRUE;
          ok = epi_pipeline_encrypt (path, output, &settings, ring, NULL, NULL, NULL, &result, NULL, &run_error);
          if (!ok)
            {
              g_print ("%-36s %s\n", samples[i], strchr (run_error->message, ':') + 2);
              break;
            }
          total_ms[r] = 0;
          for (guint s = 0; s < EPI_N_STAGES; s++)
            {
              stage_ms[s][r] = result.stage_seconds[s] * 1000;
              total_ms[r] += stage_ms[s][r];
            }
        }
      if (!ok)
        continue;

      {
        g_autoptr(EpiImage) image = epi_image_load_file (path, &settings.load, NULL);
        g_autoptr(EpiEdgeMap) edges = epi_edges_detect (image, &settings.edges, NULL);
        g_autoptr(EpiSpectrum) spectrum = epi_pipeline_analyze (path, &settings, NULL, NULL, NULL, NULL, NULL);
        g_autofree char *work = g_strdup_printf ("%ux%u", result.work_width, result.work_height);
        Agreement a = measure_agreement (spectrum, edges);

        g_array_append_val (f1s, a.f1);
        g_print ("%-36s %9s %6u %5u %6.3f %8" G_GSIZE_FORMAT " | %6.1f %6.1f %6.1f %6.1f %6.1f %7.1f | %6.1f %5.3f %5.3f %5.3f\n",
                 samples[i], work, result.n_points, result.n_terms,
                 result.rmse_fraction * 100, result.payload_bytes,
                 test_median (stage_ms[EPI_STAGE_LOAD], RUNS),
                 test_median (stage_ms[EPI_STAGE_EDGES], RUNS),
                 test_median (stage_ms[EPI_STAGE_TRACE], RUNS),
                 test_median (stage_ms[EPI_STAGE_SPECTRUM], RUNS),
                 test_median (stage_ms[EPI_STAGE_SEAL], RUNS),
                 test_median (total_ms, RUNS),
                 100.0 * result.trace.n_pixels / result.n_edge_pixels,
                 a.precision, a.recall, a.f1);
      }
    }

  g_print ("\nMedian F1 over %u pictures with lines: %.3f\n", f1s->len,
           test_median ((double *) (gpointer) f1s->data, f1s->len));

  test_tmpdir_remove (dir);
  return 0;
}
