/* test-canvas.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas alone, outside a window: its properties, what each change
 * notifies, and that it goes away with its last reference; then in a
 * window of its own, what its frames show: the circles fading out when
 * the drawing completes, and paper and ink in the style's colours.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "epi-canvas.h"
#include "epi-test-util.h"

static EpiSpectrum *
circle (void)
{
  EpiSpectrum *s = epi_spectrum_new (2, 0);

  s->width = 100;
  s->height = 80;
  s->n_points = 64;
  s->terms[0] = (EpiTerm) { 0, 50, 40 };
  s->terms[1] = (EpiTerm) { 1, 20, 0 };
  return s;
}

/* A drawing set plays from its start; taken away, the canvas is empty. */
static void
test_drawing (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  TestNotes notes;

  test_notes_watch (&notes, canvas);
  g_assert_false (epi_canvas_get_has_drawing (canvas));
  g_assert_false (epi_canvas_get_playing (canvas));

  epi_canvas_set_spectrum (canvas, spectrum);
  g_assert_true (epi_canvas_get_has_drawing (canvas));
  g_assert_true (epi_canvas_get_playing (canvas));
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 0);
  g_assert_cmpuint (test_notes_count (&notes, "has-drawing"), ==, 1);

  epi_canvas_set_playing (canvas, FALSE);
  epi_canvas_set_playing (canvas, FALSE);
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpuint (test_notes_count (&notes, "playing"), ==, 2);

  epi_canvas_set_spectrum (canvas, NULL);
  g_assert_false (epi_canvas_get_has_drawing (canvas));
  g_assert_cmpuint (test_notes_count (&notes, "has-drawing"), ==, 2);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (canvas);
}

/* Speed and circles notify only when they change; a speed out of range
 * is held to it, one that is not a number changes nothing. */
static void
test_speed_and_circles (void)
{
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  TestNotes notes;

  test_notes_watch (&notes, canvas);

  epi_canvas_set_speed (canvas, 2);
  epi_canvas_set_speed (canvas, 2);
  g_assert_cmpfloat (epi_canvas_get_speed (canvas), ==, 2);
  g_assert_cmpuint (test_notes_count (&notes, "speed"), ==, 1);

  epi_canvas_set_speed (canvas, 1000);
  g_assert_cmpfloat (epi_canvas_get_speed (canvas), ==, EPI_RENDERER_MAX_SPEED);
  epi_canvas_set_speed (canvas, NAN);
  epi_canvas_set_speed (canvas, INFINITY);
  g_assert_cmpfloat (epi_canvas_get_speed (canvas), ==, EPI_RENDERER_MAX_SPEED);
  g_assert_cmpuint (test_notes_count (&notes, "speed"), ==, 2);

  g_assert_true (epi_canvas_get_show_circles (canvas));
  epi_canvas_set_show_circles (canvas, FALSE);
  epi_canvas_set_show_circles (canvas, FALSE);
  g_assert_false (epi_canvas_get_show_circles (canvas));
  g_object_set (canvas, "show-circles", TRUE, NULL);
  g_assert_true (epi_canvas_get_show_circles (canvas));
  g_assert_cmpuint (test_notes_count (&notes, "show-circles"), ==, 2);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (canvas);
}

/* Pixels of one rendered frame, and what they show. */
typedef struct
{
  guint blue;    /* circles */
  guint red;     /* the pen */
  guint light;   /* luminance above 0.6 */
  guint dark;    /* luminance below 0.3 */
  double corner; /* the luminance at the top left: paper */
} Census;

/* Renders @canvas as its window shows it, with cairo, and counts its
 * pixels. */
static void
take_census (EpiCanvas *canvas,
             Census    *census)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (canvas)));
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *data = g_new (guint32, width * height);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas), window, &bounds));
  gtk_widget_snapshot_child (window, GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, (guchar *) data, 4 * width);

  memset (census, 0, sizeof *census);
  for (int i = 0; i < width * height; i++)
    {
      /* Cairo's ARGB32 in native byte order, as GDK_MEMORY_DEFAULT is. */
      double r = ((data[i] >> 16) & 0xff) / 255.0;
      double g = ((data[i] >> 8) & 0xff) / 255.0;
      double b = (data[i] & 0xff) / 255.0;
      double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;

      census->blue += b - r > 0.15 && b - g > 0.05;
      census->red += r - b > 0.3 && r - g > 0.3;
      census->light += luminance > 0.6;
      census->dark += luminance < 0.3;
      if (i == 0)
        census->corner = luminance;
    }
}

static EpiCanvas *
canvas_in_window (GtkWidget **window)
{
  EpiCanvas *canvas = EPI_CANVAS (epi_canvas_new ());

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 300, 240);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (canvas));
  gtk_window_present (GTK_WINDOW (*window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (canvas)) || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0)
    g_main_context_iteration (NULL, TRUE);
  return canvas;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets @widget's window draw two frames, so that a change of style has
 * reached it. */
static void
wait_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gboolean   *seen)
{
  *seen = TRUE;
}

/* Under way, the frame shows circles and the pen over the ink; once the
 * drawing completes, the circles fade out and the frame rate is gone,
 * while the ink stays. The fade follows the frame clock, so the test
 * waits for it (at most half a minute, far more than it takes). */
static void
test_finish_fades (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  GtkWidget *window;
  EpiCanvas *canvas = canvas_in_window (&window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean fps_told = FALSE;
  Census census;

  epi_canvas_set_spectrum (canvas, spectrum);
  epi_canvas_set_playing (canvas, FALSE);
  epi_renderer_set_time (epi_canvas_get_renderer (canvas), 0.5);
  take_census (canvas, &census);
  g_assert_cmpuint (census.blue, >, 20);
  g_assert_cmpuint (census.red, >, 5);
  g_assert_cmpuint (census.dark, >, 20);

  g_signal_connect (canvas, "notify::fps", G_CALLBACK (on_notify), &fps_told);
  epi_canvas_set_speed (canvas, EPI_RENDERER_MAX_SPEED);
  epi_canvas_set_playing (canvas, TRUE);
  while (epi_canvas_get_playing (canvas) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpfloat (epi_canvas_get_fps (canvas), ==, 0);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 100);

  do
    {
      g_main_context_iteration (NULL, FALSE);
      take_census (canvas, &census);
    }
  while (census.blue > 0 && g_get_monotonic_time () < deadline);
  g_assert_cmpuint (census.blue, ==, 0);
  g_assert_cmpuint (census.red, ==, 0);
  g_assert_cmpuint (census.dark, >, 20);
  /* Frames were counted while it played, and the count was withdrawn. */
  g_assert_true (fps_told);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The paper and the ink follow the style: light paper and dark ink, and
 * under a dark style dark paper and light ink. */
static void
test_dark_paper (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window;
  EpiCanvas *canvas;
  Census light, dark;

  gtk_css_provider_load_from_resource (css, "/io/github/epicrypt/Epicrypt/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  canvas = canvas_in_window (&window);
  epi_canvas_set_show_circles (canvas, FALSE);
  epi_canvas_set_spectrum (canvas, spectrum);
  epi_canvas_set_playing (canvas, FALSE);
  epi_renderer_set_time (epi_canvas_get_renderer (canvas), 0.99);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_frames (GTK_WIDGET (canvas));
  take_census (canvas, &light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  wait_frames (GTK_WIDGET (canvas));
  take_census (canvas, &dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpfloat (light.corner, >, 0.9);
  g_assert_cmpuint (light.dark, >, 20);
  g_assert_cmpfloat (dark.corner, <, 0.3);
  g_assert_cmpuint (dark.light, >, 20);
  /* The ink is about as much of the frame either way (antialiased edges
   * fall either side of the thresholds). */
  g_assert_cmpuint (dark.light, >, light.dark / 2);
  g_assert_cmpuint (dark.light, <, light.dark * 2);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* Following the pen or with a fading trail, the canvas strokes the
 * trace whole every frame, with the large circles in the same picture:
 * the frame still shows the circles, the pen and the ink, and a trail
 * shows less ink than the whole drawing. */
static void
test_whole_trace_frames (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *window;
  EpiCanvas *canvas;
  Census whole, following, trail;

  /* The app's paper, so that only the ink is dark. */
  gtk_css_provider_load_from_resource (css, "/io/github/epicrypt/Epicrypt/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  canvas = canvas_in_window (&window);
  epi_canvas_set_spectrum (canvas, spectrum);
  epi_canvas_set_playing (canvas, FALSE);
  epi_canvas_set_time (canvas, 0.9);
  wait_frames (GTK_WIDGET (canvas));
  take_census (canvas, &whole);

  epi_canvas_set_follow_pen (canvas, TRUE);
  wait_frames (GTK_WIDGET (canvas));
  take_census (canvas, &following);
  /* The circle of radius 20 is far over CHORD_RADIUS pixels at 4×. */
  g_assert_cmpuint (following.blue, >, 20);
  g_assert_cmpuint (following.red, >, 5);
  g_assert_cmpuint (following.dark, >, 20);

  epi_canvas_set_follow_pen (canvas, FALSE);
  epi_canvas_set_trail (canvas, 0.25);
  wait_frames (GTK_WIDGET (canvas));
  take_census (canvas, &trail);
  g_assert_cmpuint (trail.dark, >, 0);
  g_assert_cmpuint (trail.dark, <, whole.dark / 2);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* Seeking while paused tells the new time and percentage at once, so
 * the overlay and the timeline never show a stale one. */
static void
test_seek_notifies (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  TestNotes notes;

  epi_canvas_set_spectrum (canvas, spectrum);
  epi_canvas_set_playing (canvas, FALSE);
  test_notes_watch (&notes, canvas);

  epi_canvas_set_time (canvas, 0.5);
  g_assert_cmpfloat (epi_canvas_get_time (canvas), ==, 0.5);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 50);
  g_assert_cmpuint (test_notes_count (&notes, "time"), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "percentage"), ==, 1);
  g_assert_false (epi_canvas_get_playing (canvas));

  /* Back, then to the end, which leaves it paused and finished. */
  epi_canvas_set_time (canvas, 0.25);
  g_assert_cmpuint (test_notes_count (&notes, "time"), ==, 2);
  epi_canvas_set_playing (canvas, TRUE);
  epi_canvas_set_time (canvas, 1.0);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 100);
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpuint (test_notes_count (&notes, "time"), ==, 3);

  /* Nothing for a time that is not a number. */
  epi_canvas_set_time (canvas, NAN);
  g_assert_cmpuint (test_notes_count (&notes, "time"), ==, 3);

  /* A seek made on the renderer itself is told too, once the main loop
   * runs. */
  epi_renderer_set_time (epi_canvas_get_renderer (canvas), 0.3);
  while (test_notes_count (&notes, "time") < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 30);
  g_assert_cmpuint (test_notes_count (&notes, "percentage"), ==, 4);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (canvas);
}

/* The epicycle count: all by default, notified on a change, kept while
 * playing, pausing and seeking, all again for a new drawing. */
static void
test_n_terms (void)
{
  g_autoptr(EpiSpectrum) spectrum = epi_spectrum_new (3, 0);
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  TestNotes notes;

  spectrum->width = 100;
  spectrum->height = 80;
  spectrum->n_points = 64;
  spectrum->terms[0] = (EpiTerm) { 0, 50, 40 };
  spectrum->terms[1] = (EpiTerm) { 1, 20, 0 };
  spectrum->terms[2] = (EpiTerm) { 3, 5, 0 };

  test_notes_watch (&notes, canvas);
  g_assert_cmpuint (epi_canvas_get_max_terms (canvas), ==, 0);
  epi_canvas_set_spectrum (canvas, spectrum);
  g_assert_cmpuint (epi_canvas_get_max_terms (canvas), ==, 2);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 2);

  epi_canvas_set_n_terms (canvas, 1);
  epi_canvas_set_n_terms (canvas, 1);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 1);
  g_assert_cmpuint (epi_renderer_get_n_terms (epi_canvas_get_renderer (canvas)), ==, 1);
  g_assert_cmpuint (test_notes_count (&notes, "n-terms"), ==, 2);

  epi_canvas_set_playing (canvas, FALSE);
  epi_canvas_set_time (canvas, 0.7);
  epi_canvas_set_playing (canvas, TRUE);
  epi_canvas_reset (canvas);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 1);

  epi_canvas_set_spectrum (canvas, spectrum);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 2);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (canvas);
}

/* With animations off on the desktop, a drawing opens finished. */
static void
test_reduced_motion (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  GtkSettings *settings = gtk_settings_get_default ();

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  epi_canvas_set_spectrum (canvas, spectrum);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 100);
  g_assert_false (epi_canvas_get_playing (canvas));

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  epi_canvas_set_spectrum (canvas, spectrum);
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 0);
  g_assert_true (epi_canvas_get_playing (canvas));

  g_assert_finalize_object (canvas);
}

/* Following the pen and the trail are the renderer's, notified once. */
static void
test_follow_and_trail (void)
{
  g_autoptr(EpiSpectrum) spectrum = circle ();
  EpiCanvas *canvas = EPI_CANVAS (g_object_ref_sink (epi_canvas_new ()));
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  TestNotes notes;
  EpiView view;

  epi_canvas_set_spectrum (canvas, spectrum);
  test_notes_watch (&notes, canvas);
  epi_canvas_set_follow_pen (canvas, TRUE);
  epi_canvas_set_follow_pen (canvas, TRUE);
  g_assert_true (epi_renderer_get_follow_pen (renderer));
  g_assert_cmpuint (test_notes_count (&notes, "follow-pen"), ==, 1);

  /* Fitting the drawing leaves the pen. */
  epi_canvas_fit (canvas);
  g_assert_false (epi_canvas_get_follow_pen (canvas));
  epi_renderer_get_view (renderer, &view);
  g_assert_cmpfloat (view.zoom, ==, 1);

  epi_canvas_set_trail (canvas, 0.25);
  epi_canvas_set_trail (canvas, 0.25);
  epi_canvas_set_trail (canvas, 7);
  g_assert_cmpfloat (epi_renderer_get_trail (renderer), ==, 0.25);
  g_assert_cmpuint (test_notes_count (&notes, "trail"), ==, 1);

  g_hash_table_unref (notes.counts);
  g_assert_finalize_object (canvas);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Epi/Canvas/drawing", test_drawing);
  g_test_add_func ("/Epi/Canvas/speed-and-circles", test_speed_and_circles);
  g_test_add_func ("/Epi/Canvas/finish-fades", test_finish_fades);
  g_test_add_func ("/Epi/Canvas/dark-paper", test_dark_paper);
  g_test_add_func ("/Epi/Canvas/seek-notifies", test_seek_notifies);
  g_test_add_func ("/Epi/Canvas/n-terms", test_n_terms);
  g_test_add_func ("/Epi/Canvas/reduced-motion", test_reduced_motion);
  g_test_add_func ("/Epi/Canvas/follow-and-trail", test_follow_and_trail);
  g_test_add_func ("/Epi/Canvas/whole-trace-frames", test_whole_trace_frames);

  return g_test_run ();
}
