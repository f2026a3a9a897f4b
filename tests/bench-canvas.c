/* bench-canvas.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's frame rate as a user sees it: a drawing of 1000
 * epicycles (camera.png at K = 1000) played whole at 1× in a real
 * window on a virtual display, with GTK's default renderer (GL, which
 * is Mesa's llvmpipe under Xvfb) and with GSK_RENDERER=cairo, drawn with
 * render nodes and the old way (EPICRYPT_CANVAS=cairo), at 1280×800 and
 * 1920×1080. Frame intervals come from the window's frame clock; for the
 * first and the last tenth of the drawing it prints the median frame
 * rate and the rate of the slowest 5 % (the 95th percentile interval).
 *
 * Each case runs in a child process under its own `xvfb-run -a`, since
 * GTK picks its renderer once per process. --quick runs the default
 * renderer only.
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "epi-canvas.h"
#include "epi-test-util.h"

#define N_TERMS 1000

typedef struct
{
  EpiCanvas *canvas;
  GArray    *first;      /* gint64 µs: frame intervals in the first tenth */
  GArray    *last;       /* … and in the last */
  gint64     last_time;
  gboolean   done;
} Run;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The interval at @share (0 … 1) of @intervals once sorted, in µs. */
static double
quantile (GArray *intervals,
          double  share)
{
  if (intervals->len == 0)
    return NAN;
  g_array_sort (intervals, compare_int64);
  return g_array_index (intervals, gint64, MIN (intervals->len - 1, (guint) (share * intervals->len)));
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Run *run = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double time = epi_renderer_get_time (epi_canvas_get_renderer (run->canvas));

  if (run->last_time != 0)
    {
      gint64 interval = now - run->last_time;

      if (time < 0.1)
        g_array_append_val (run->first, interval);
      else if (time >= 0.9)
        g_array_append_val (run->last, interval);
    }
  run->last_time = now;

  if (!epi_canvas_get_playing (run->canvas))
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
print_tenth (const char *name,
             GArray     *intervals)
{
  double median = quantile (intervals, 0.5), slow = quantile (intervals, 0.95);

  g_print ("  %s tenth: %4u frames, median %6.1f FPS (%5.1f ms), 5%% low %6.1f FPS (%5.1f ms)\n",
           name, intervals->len, 1e6 / median, median / 1e3, 1e6 / slow, slow / 1e3);
}

/* One case, in this process: plays the drawing once and prints. */
static int
run_child (int width,
           int height)
{
  g_autofree char *path = test_sample_path ("camera.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiEncodeSettings settings;
  GtkWidget *window;
  Run run = { 0 };

  gtk_init ();
  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = N_TERMS;
  spectrum = epi_pipeline_analyze (path, &settings, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  run.canvas = EPI_CANVAS (epi_canvas_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (run.canvas));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (run.canvas)))
    g_main_context_iteration (NULL, TRUE);

  run.first = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.last = g_array_new (FALSE, FALSE, sizeof (gint64));
  epi_canvas_set_spectrum (run.canvas, spectrum);
  gtk_widget_add_tick_callback (GTK_WIDGET (run.canvas), on_tick, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_print ("%dx%d, %u terms, %s, canvas %s, window %dx%d\n", width, height, spectrum->n_terms,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           g_getenv ("EPICRYPT_CANVAS") != NULL ? "cairo picture" : "render nodes",
           gtk_widget_get_width (GTK_WIDGET (run.canvas)), gtk_widget_get_height (GTK_WIDGET (run.canvas)));
  print_tenth ("first", run.first);
  print_tenth ("last ", run.last);
  g_print ("  last / first median interval: %.2f\n",
           quantile (run.last, 0.5) / quantile (run.first, 0.5));

  g_array_unref (run.first);
  g_array_unref (run.last);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static void
spawn_case (const char *self,
            int         width,
            int         height,
            const char *renderer,
            gboolean    cairo_canvas)
{
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);
  const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24",
                         self, "--child", w, h, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *load = NULL;
  int status;

  env = g_environ_unsetenv (env, "GSK_RENDERER");
  env = g_environ_unsetenv (env, "GDK_DEBUG");
  env = g_environ_unsetenv (env, "EPICRYPT_CANVAS");
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  if (renderer != NULL)
    env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  if (cairo_canvas)
    env = g_environ_setenv (env, "EPICRYPT_CANVAS", "cairo", TRUE);

  /* Other programs on the machine take frames too: say how busy it was. */
  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    *strchr (load, '\n') = '\0';
  g_print ("GSK_RENDERER=%s EPICRYPT_CANVAS=%s (load average %s): ", renderer ? renderer : "(default)",
           cairo_canvas ? "cairo" : "(nodes)", load != NULL ? load : "unknown");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_print ("%s", out);
  if (!g_spawn_check_wait_status (status, &error))
    g_print ("  failed: %s\n", error->message);
  g_print ("\n");
}

int
main (int    argc,
      char **argv)
{
  static const int sizes[][2] = { { 1280, 800 }, { 1920, 1080 } };
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  g_autofree char *self = NULL;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (atoi (argv[2]), atoi (argv[3]));

  self = g_file_read_link ("/proc/self/exe", NULL);
  g_print ("\nCanvas frame rate over one whole drawing at 1x (%.0f s)\n\n", EPI_RENDERER_TURN_SECONDS);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int r = 0; r < (quick ? 1 : 2); r++)
      for (int c = 0; c < 2; c++)
        spawn_case (self, sizes[i][0], sizes[i][1], r == 0 ? NULL : "cairo", c == 1);

  return 0;
}
