/* bench-export.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seconds and bytes of every export of one drawing, in one run: the
 * camera sample drawn with 1000 epicycles at 800 pixels; the PNG still,
 * 120 frames over the 12 s of a drawing at 1× as a GIF (its balanced
 * quality) and as a WebM video (at 10 frames a second), the video at its
 * default 30 frames a second, the SVG and the self-drawing SVG, each
 * with and without circles. Each is the median of RUNS exports.
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define RUNS 3
#define TERMS 1000

typedef struct
{
  const char    *label;
  const char    *name;
  EpiExportKind  kind;
  guint          n_frames;  /* GIF */
  guint          fps;       /* video */
  gboolean       circles;
} Case;

static void
bench_case (const EpiSpectrum *spectrum,
            const char        *dir,
            const Case        *c)
{
  g_autofree char *path = g_build_filename (dir, c->name, NULL);
  EpiExportOptions options;
  double seconds[RUNS];
  struct stat st = { 0 };

  epi_export_options_init (&options);
  options.kind = c->kind;
  options.n_frames = c->n_frames;
  options.fps = c->fps;
  options.size = EPI_EXPORT_DEFAULT_SIZE;
  options.show_circles = c->circles;
  options.overwrite = TRUE;

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (epi_export (spectrum, path, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      seconds[r] = (g_get_monotonic_time () - start) / 1e6;
    }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_print ("%-26s %7u %10.3f %10.0f\n", c->label, epi_export_count_frames (&options),
           test_median (seconds, RUNS), st.st_size / 1024.0);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = test_sample_path ("camera.png");
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiEncodeSettings settings;
  const Case cases[] = {
    { "PNG still", "camera.png", EPI_EXPORT_STILL, 1, 0, TRUE },
    { "GIF, balanced", "camera.gif", EPI_EXPORT_GIF, EPI_QUALITY_BALANCED, 0, TRUE },
    { "WebM, 10 fps", "camera.webm", EPI_EXPORT_WEBM, 0, 10, TRUE },
    { "WebM, 30 fps (default)", "camera.webm", EPI_EXPORT_WEBM, 0, EPI_EXPORT_DEFAULT_FPS, TRUE },
    { "SVG", "camera.svg", EPI_EXPORT_SVG, 1, 0, FALSE },
    { "SVG, circles", "camera.svg", EPI_EXPORT_SVG, 1, 0, TRUE },
    { "self-drawing SVG", "camera.anim.svg", EPI_EXPORT_SVG_ANIMATED, 1, 0, FALSE },
    { "self-drawing SVG, circles", "camera.anim.svg", EPI_EXPORT_SVG_ANIMATED, 1, 0, TRUE },
  };
  int w, h;

  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = TERMS;
  spectrum = epi_pipeline_analyze (path, &settings, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  epi_export_frame_size (spectrum, EPI_EXPORT_DEFAULT_SIZE, &w, &h);

  g_print ("camera.png, K=%u, %dx%d, speed 1 (12 s), median of %d\n\n", spectrum->n_terms, w, h, RUNS);
  g_print ("%-26s %7s %10s %10s\n", "export", "frames", "seconds", "KiB");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    bench_case (spectrum, dir, &cases[i]);

  test_tmpdir_remove (dir);
  return 0;
}
