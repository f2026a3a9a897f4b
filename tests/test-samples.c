/* test-samples.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawings of the samples that were already good before the boundary
 * finder, held against those drawings (tests/data/reference-drawings).
 */

#include "config.h"

#include <math.h>

#include "epi-test-util.h"

#define TOLERANCE 3

typedef struct
{
  double recall;    /* of the reference drawing's ink */
  double precision; /* of today's ink */
  double precision_or_coverage; /* of today's ink, near the reference's
                                   or the transparency's boundary */
  guint  n_chains;  /* strokes of today's pen path */
} Agreement;

static Agreement
compare_with_reference (const char *name)
{
  g_autofree char *sample = test_sample_path (name);
  g_autofree char *reference_name = g_strconcat (name, ".drawing.png", NULL);
  g_autofree char *reference_path = g_build_filename (TESTS_DATA_DIR, "reference-drawings",
                                                      reference_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  cairo_surface_t *reference = cairo_image_surface_create_from_png (reference_path);
  cairo_surface_t *today;
  g_autofree guint8 *old_ink = NULL;
  g_autofree guint8 *new_ink = NULL;
  g_autoptr(EpiImage) image = NULL;
  EpiEncodeResult result;
  Agreement agreement;
  int w, h;

  g_assert_cmpint (cairo_surface_status (reference), ==, CAIRO_STATUS_SUCCESS);
  spectrum = epi_pipeline_analyze (sample, NULL, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);

  w = cairo_image_surface_get_width (reference);
  h = cairo_image_surface_get_height (reference);
  g_assert_cmpint (w, ==, (int) spectrum->width);
  g_assert_cmpint (h, ==, (int) spectrum->height);
  today = epi_still_render (spectrum, w, h, MAX (1.0, MAX (w, h) / 1000.0), NULL, &error);
  g_assert_no_error (error);

  old_ink = test_ink_of_surface (reference);
  new_ink = test_ink_of_surface (today);
  agreement.recall = test_share_near (old_ink, new_ink, w, h, TOLERANCE);
  agreement.precision = test_share_near (new_ink, old_ink, w, h, TOLERANCE);
  agreement.n_chains = result.trace.n_chains;

  /* The outline of what only the transparency shows (epi-alpha-lines.c)
   * joins the reference's ink. */
  image = epi_image_load_file (sample, NULL, &error);
  g_assert_no_error (error);
  if (image->alpha != NULL && image->width == (guint) w && image->height == (guint) h)
    for (int y = 1; y + 1 < h; y++)
      for (int x = 1; x + 1 < w; x++)
        {
          const guint8 *a = image->alpha + y * w + x;
          gboolean opaque = a[0] >= 128;

          if (opaque != (a[-1] >= 128) || opaque != (a[1] >= 128) ||
              opaque != (a[-w] >= 128) || opaque != (a[w] >= 128))
            old_ink[y * w + x] = 1;
        }
  agreement.precision_or_coverage = test_share_near (new_ink, old_ink, w, h, TOLERANCE);
  g_test_message ("%s: recall %.3f, precision %.3f (%.3f with the transparency's outline), %u strokes",
                  name, agreement.recall, agreement.precision, agreement.precision_or_coverage,
                  agreement.n_chains);

  cairo_surface_destroy (reference);
  cairo_surface_destroy (today);
  return agreement;
}

/* The strokes Canny finds in @name: the outline the drawing had before. */
static guint
canny_strokes (const char *name)
{
  g_autofree char *sample = test_sample_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiEncodeSettings settings;
  EpiEncodeResult result;

  epi_encode_settings_init (&settings);
  settings.edges.finder = EPI_LINE_FINDER_CANNY;
  spectrum = epi_pipeline_analyze (sample, &settings, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);

  return result.trace.n_chains;
}

/* The horse stays one clean outline: the same ink, in hardly more
 * pieces than before. */
static void
test_horse (void)
{
  Agreement a = compare_with_reference ("horse.png");

  g_assert_cmpfloat (a.recall, >=, 0.9);
  g_assert_cmpfloat (a.precision, >=, 0.9);
  g_assert_cmpuint (a.n_chains, <=, canny_strokes ("horse.png") + 2);
}

/* Everything the boundary finder draws on the coins was drawn before;
 * the reliefs inside them it leaves out as texture. */
static void
test_coins (void)
{
  Agreement a = compare_with_reference ("coins.png");

  g_assert_cmpfloat (a.precision, >=, 0.9);
  g_assert_cmpfloat (a.recall, >=, 0.6);
}

/* A drawn logo is traced by its edges, as before. */
static void
test_skimage_logo (void)
{
  Agreement a = compare_with_reference ("skimage-logo.png");

  g_assert_cmpfloat (a.precision, >=, 0.9);
  g_assert_cmpfloat (a.recall, >=, 0.9);
}

/* The mascot's thick black outlines are drawn once along their middle,
 * a few pixels from each of the two lines drawn before, and the white
 * plate it sits on, which only the transparency shows, gets its
 * outline: the new ink lies on the old or on that outline. */
static void
test_pygame (void)
{
  Agreement a = compare_with_reference ("pygame_icon_mac.bmp");

  g_assert_cmpfloat (a.precision_or_coverage, >=, 0.9);
  g_assert_cmpfloat (a.recall, >=, 0.8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Samples/horse", test_horse);
  g_test_add_func ("/Epi/Samples/coins", test_coins);
  g_test_add_func ("/Epi/Samples/skimage-logo", test_skimage_logo);
  g_test_add_func ("/Epi/Samples/pygame", test_pygame);

  return g_test_run ();
}
