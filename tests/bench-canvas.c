/* bench-canvas.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's frame rate as a user sees it: a drawing of 1000
 * epicycles (camera.png sealed at K = 1000) opened with its password in
 * the app's own window on a virtual display and played whole at 1×,
 * with GTK's default renderer (GL, which
 * is Mesa's llvmpipe under Xvfb) and with GSK_RENDERER=cairo, drawn with
 * render nodes and the old way (EPICRYPT_CANVAS=cairo), at 1280×800 and
 * 1920×1080. Frame intervals come from the window's frame clock; for the
 * first and the last tenth of the drawing it prints the median frame
 * rate and the rate of the slowest 5 % (the 95th percentile interval),
 * and where a frame's time goes (the clock's update and layout phases,
 * then snapshot and render).
 *
 * The viewer's modes are measured too, with the default renderer at
 * 1280×800: following the pen (4×) with the epicycle count at K/10 and
 * at K, and the fading trail.
 *
 * Each case runs in a child process under its own `xvfb-run -a`, since
 * GTK picks its renderer once per process. --quick runs the default
 * renderer only.
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-password-dialog.h"
#include "epi-test-util.h"
#include "epi-window.h"

#define N_TERMS  1000
#define PASSWORD "bench-canvas-password"

typedef struct
{
  EpiCanvas *canvas;
  GArray    *first;      /* gint64 µs: frame intervals in the first tenth */
  GArray    *last;       /* … and in the last */
  gint64     last_time;
  gint64     phase_start;
  GArray    *ticks;      /* gint64 µs: the frame clock's update and layout phases */
  GArray    *paint;      /* … and its paint phase: snapshot and render */
  gboolean   done;
} Run;

/* Where a frame's time goes, from the clock's signals: connected after
 * GTK's own handlers, "layout" ends the update and layout phases and
 * "paint" ends the paint phase. */
static void
on_before_paint (GdkFrameClock *clock,
                 Run           *run)
{
  run->phase_start = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock,
           Run           *run)
{
  gint64 now = g_get_monotonic_time (), length = now - run->phase_start;

  g_array_append_val (run->ticks, length);
  run->phase_start = now;
}

static void
on_paint (GdkFrameClock *clock,
          Run           *run)
{
  gint64 length = g_get_monotonic_time () - run->phase_start;

  g_array_append_val (run->paint, length);
}

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

/* camera.png sealed at K = N_TERMS in @dir; returns its path. */
static char *
seal_camera (const char *dir)
{
  g_autofree char *path = test_sample_path ("camera.png");
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  char *sealed = g_build_filename (dir, "camera.png.epicrypt", NULL);
  EpiEncodeSettings settings;

  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = N_TERMS;
  epi_pipeline_encrypt (path, sealed, &settings, ring, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return sealed;
}

/* Opens @sealed in @window as a person does: the file comes in, its
 * password is typed, its drawing shows on the canvas. */
static void
open_in_window (EpiWindow  *window,
                const char *sealed)
{
  g_autoptr(GFile) file = g_file_new_for_path (sealed);
  EpiCanvas *canvas = epi_window_get_canvas (window);
  EpiPasswordDialog *dialog;

  epi_window_add_files (window, &file, 1);
  while (epi_window_get_password_dialog (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  dialog = EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (window));
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  while (!epi_canvas_get_has_drawing (canvas) || !gtk_widget_get_mapped (GTK_WIDGET (canvas)))
    g_main_context_iteration (NULL, TRUE);
}

/* Sets the viewer's @mode: "whole" (as it opens), "follow-tenth" and
 * "follow-all" (following the pen with K/10 or K epicycles), "trail". */
static void
set_mode (EpiCanvas  *canvas,
          const char *mode)
{
  guint k = epi_canvas_get_max_terms (canvas);

  if (g_str_has_prefix (mode, "follow-"))
    {
      epi_canvas_set_n_terms (canvas, g_str_equal (mode, "follow-tenth") ? MAX (1, k / 10) : k);
      epi_canvas_set_follow_pen (canvas, TRUE);
    }
  else if (g_str_equal (mode, "trail"))
    epi_canvas_set_trail (canvas, 0.25);
}

/* One case, in this process: plays the drawing once from its start in
 * @mode (see set_mode()) and prints. */
static int
run_child (int         width,
           int         height,
           const char *mode)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *sealed = seal_camera (dir);
  g_autoptr(EpiApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  EpiWindow *window;
  GdkFrameClock *clock;
  Run run = { 0 };

  gtk_init ();
  app = epi_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = epi_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  open_in_window (window, sealed);

  run.canvas = epi_window_get_canvas (window);
  run.first = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.last = g_array_new (FALSE, FALSE, sizeof (gint64));
  set_mode (run.canvas, mode);
  epi_canvas_reset (run.canvas);
  epi_canvas_set_playing (run.canvas, TRUE);
  run.ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.paint = g_array_new (FALSE, FALSE, sizeof (gint64));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &run);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), &run);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (run.canvas), on_tick, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &run);

  g_print ("%dx%d, %u of %u epicycles, %s, %s, canvas %s, canvas %dx%d\n", width, height,
           epi_canvas_get_n_terms (run.canvas), epi_canvas_get_max_terms (run.canvas), mode,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           g_getenv ("EPICRYPT_CANVAS") != NULL ? "cairo picture" : "render nodes",
           gtk_widget_get_width (GTK_WIDGET (run.canvas)), gtk_widget_get_height (GTK_WIDGET (run.canvas)));
  print_tenth ("first", run.first);
  print_tenth ("last ", run.last);
  g_print ("  last / first median interval: %.2f\n",
           quantile (run.last, 0.5) / quantile (run.first, 0.5));
  g_print ("  a frame's work, median: ticks and layout %.1f ms, snapshot and render %.1f ms\n",
           quantile (run.ticks, 0.5) / 1e3, quantile (run.paint, 0.5) / 1e3);

  g_array_unref (run.first);
  g_array_unref (run.last);
  g_array_unref (run.ticks);
  g_array_unref (run.paint);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_tmpdir_remove (dir);
  return 0;
}

static void
spawn_case (const char *self,
            int         width,
            int         height,
            const char *renderer,
            gboolean    cairo_canvas,
            const char *mode)
{
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);
  const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24",
                         self, "--child", w, h, mode, NULL };
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
  static const char * const modes[] = { "follow-tenth", "follow-all", "trail" };
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  g_autofree char *self = NULL;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (atoi (argv[2]), atoi (argv[3]), argv[4]);

  self = g_file_read_link ("/proc/self/exe", NULL);
  g_print ("\nCanvas frame rate over one whole drawing at 1x (%.0f s)\n\n", EPI_RENDERER_TURN_SECONDS);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int r = 0; r < (quick ? 1 : 2); r++)
      for (int c = 0; c < 2; c++)
        spawn_case (self, sizes[i][0], sizes[i][1], r == 0 ? NULL : "cairo", c == 1, "whole");
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    spawn_case (self, sizes[0][0], sizes[0][1], NULL, FALSE, modes[i]);

  return 0;
}
