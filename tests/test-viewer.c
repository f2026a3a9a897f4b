/* test-viewer.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer as a viewer plays with it: how many epicycles draw,
 * seeking forwards and back, following the pen and a fading trail.
 * Frames are compared pixel for pixel.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

#define WIDTH  200
#define HEIGHT 160

/* The mean (50, 40), a circle of radius 20 turning once and one of
 * radius 6 turning twice backwards, in a 100 × 80 frame, sampled at 256
 * points; with @n_circles 1, only the first circle. */
static EpiSpectrum *
two_circles (guint n_circles)
{
  EpiSpectrum *s = epi_spectrum_new (1 + n_circles, 0);

  s->width = 100;
  s->height = 80;
  s->n_points = 256;
  s->terms[0] = (EpiTerm) { 0, 50, 40 };
  s->terms[1] = (EpiTerm) { 1, 20, 0 };
  if (n_circles > 1)
    s->terms[2] = (EpiTerm) { -2, 6, 0 };
  return s;
}

/* A frame of @r at its current time, as an image surface. */
static cairo_surface_t *
frame (EpiRenderer *r)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (epi_renderer_render_frame (r, cr, WIDTH, HEIGHT, 0));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels of @a and @b differ. */
static guint
n_different (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      n += memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 3) != 0;
  return n;
}

/* How many pixels of @a are ink: darker than light gray. */
static guint
n_ink (cairo_surface_t *a)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *p = cairo_image_surface_get_data (a);
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      n += p[y * stride + 4 * x] < 200 && p[y * stride + 4 * x + 1] < 200;
  return n;
}

static void
assert_same_frame (EpiRenderer *a,
                   EpiRenderer *b)
{
  cairo_surface_t *fa = frame (a), *fb = frame (b);

  g_assert_cmpuint (n_different (fa, fb), ==, 0);
  cairo_surface_destroy (fa);
  cairo_surface_destroy (fb);
}

/* A renderer showing @s at @time, circles and all, played there. */
static EpiRenderer *
played_to (const EpiSpectrum *s,
           double             time)
{
  EpiRenderer *r = epi_renderer_new ();

  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_playing (r, TRUE);
  /* A frame every step, so that the trace's cache grows as it plays. */
  while (epi_renderer_get_time (r) + 0.013 < time)
    {
      cairo_surface_destroy (frame (r));
      epi_renderer_advance (r, 0.013 * EPI_RENDERER_TURN_SECONDS);
    }
  epi_renderer_set_time (r, time);
  epi_renderer_set_playing (r, FALSE);
  return r;
}

static void
test_one_term_is_the_strongest_circle (void)
{
  g_autoptr(EpiSpectrum) full = two_circles (2);
  g_autoptr(EpiSpectrum) strongest = two_circles (1);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autoptr(EpiRenderer) circle = epi_renderer_new ();
  g_autoptr(EpiRenderer) whole = epi_renderer_new ();
  cairo_surface_t *a, *b;

  epi_renderer_set_spectrum (r, full);
  epi_renderer_set_spectrum (circle, strongest);
  epi_renderer_set_spectrum (whole, full);
  g_assert_cmpuint (epi_renderer_get_max_terms (r), ==, 2);
  g_assert_cmpuint (epi_renderer_get_n_terms (r), ==, 2);

  epi_renderer_set_time (r, 0.7);
  epi_renderer_set_time (circle, 0.7);
  epi_renderer_set_time (whole, 0.7);
  epi_renderer_set_n_terms (r, 1);
  g_assert_cmpuint (epi_renderer_get_n_terms (r), ==, 1);
  /* The trace is drawn again at once from the partial sum. */
  assert_same_frame (r, circle);

  /* And it is not the whole drawing. */
  a = frame (r);
  b = frame (whole);
  g_assert_cmpuint (n_different (a, b), >, 100);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* Two of two is the whole drawing; so are 0 and more than there are. */
  epi_renderer_set_n_terms (r, 2);
  assert_same_frame (r, whole);
  epi_renderer_set_n_terms (r, 1);
  epi_renderer_set_n_terms (r, 0);
  g_assert_cmpuint (epi_renderer_get_n_terms (r), ==, 2);
  assert_same_frame (r, whole);
  epi_renderer_set_n_terms (r, 1);
  epi_renderer_set_n_terms (r, 99);
  assert_same_frame (r, whole);
}

static void
test_count_survives_play_pause_seek (void)
{
  g_autoptr(EpiSpectrum) full = two_circles (2);
  g_autoptr(EpiSpectrum) strongest = two_circles (1);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autoptr(EpiRenderer) circle = NULL;

  epi_renderer_set_spectrum (r, full);
  epi_renderer_set_n_terms (r, 1);
  epi_renderer_set_playing (r, TRUE);
  for (guint i = 0; i < 20; i++)
    {
      cairo_surface_destroy (frame (r));
      epi_renderer_advance (r, 0.2);
    }
  epi_renderer_set_playing (r, FALSE);
  epi_renderer_set_time (r, 0.9);
  epi_renderer_set_time (r, 0.4);
  epi_renderer_set_playing (r, TRUE);
  epi_renderer_advance (r, 0.12 * EPI_RENDERER_TURN_SECONDS);
  epi_renderer_set_playing (r, FALSE);
  g_assert_cmpuint (epi_renderer_get_n_terms (r), ==, 1);
  g_assert_cmpfloat_with_epsilon (epi_renderer_get_time (r), 0.52, 1e-9);

  circle = played_to (strongest, 0.52);
  assert_same_frame (r, circle);

  epi_renderer_reset (r);
  g_assert_cmpuint (epi_renderer_get_n_terms (r), ==, 1);
}

/* Seeking to t forwards or back gives the frame playing to t gives, also
 * with fewer epicycles, a trail or a view following the pen. */
static void
test_seek_equals_play (void)
{
  g_autoptr(EpiSpectrum) full = two_circles (2);
  const double times[] = { 0.3, 0.61, 0.97 };

  for (guint mode = 0; mode < 4; mode++)
    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        g_autoptr(EpiRenderer) played = epi_renderer_new ();
        g_autoptr(EpiRenderer) forwards = epi_renderer_new ();
        g_autoptr(EpiRenderer) back = epi_renderer_new ();
        EpiRenderer *all[3] = { played, forwards, back };

        for (guint j = 0; j < 3; j++)
          {
            epi_renderer_set_spectrum (all[j], full);
            if (mode == 1)
              epi_renderer_set_n_terms (all[j], 1);
            epi_renderer_set_trail (all[j], mode == 2 ? 0.25 : 0);
            epi_renderer_set_follow_pen (all[j], mode == 3);
          }
        epi_renderer_set_playing (played, TRUE);
        while (epi_renderer_get_time (played) + 0.013 < times[i])
          {
            cairo_surface_destroy (frame (played));
            epi_renderer_advance (played, 0.013 * EPI_RENDERER_TURN_SECONDS);
          }
        epi_renderer_set_time (played, times[i]);

        cairo_surface_destroy (frame (forwards));
        epi_renderer_set_time (forwards, times[i] / 3);
        cairo_surface_destroy (frame (forwards));
        epi_renderer_set_time (forwards, times[i]);

        epi_renderer_set_time (back, 1.0);
        cairo_surface_destroy (frame (back));
        epi_renderer_set_time (back, times[i]);

        assert_same_frame (played, forwards);
        assert_same_frame (played, back);
      }
}

static void
test_trail_fades (void)
{
  g_autoptr(EpiSpectrum) full = two_circles (2);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  cairo_surface_t *whole, *trail;

  epi_renderer_set_spectrum (r, full);
  epi_renderer_set_show_circles (r, FALSE);
  epi_renderer_set_time (r, 0.9);
  whole = frame (r);

  epi_renderer_set_trail (r, 0.25);
  g_assert_cmpfloat (epi_renderer_get_trail (r), ==, 0.25);
  trail = frame (r);
  /* About a quarter of the drawing, fading: well under half the ink. */
  g_assert_cmpuint (n_ink (trail), >, 0);
  g_assert_cmpuint (n_ink (trail), <, n_ink (whole) / 2);

  /* Values out of range change nothing. */
  epi_renderer_set_trail (r, 1.5);
  epi_renderer_set_trail (r, -1);
  epi_renderer_set_trail (r, NAN);
  g_assert_cmpfloat (epi_renderer_get_trail (r), ==, 0.25);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (trail);
}

static void
test_follow_pen (void)
{
  g_autoptr(EpiSpectrum) full = two_circles (2);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  cairo_surface_t *surface;
  const guint8 *centre;
  EpiView view;
  double x, y;

  epi_renderer_set_spectrum (r, full);
  epi_renderer_set_time (r, 0.3);
  epi_renderer_set_follow_pen (r, TRUE);
  g_assert_true (epi_renderer_get_follow_pen (r));
  epi_renderer_get_view (r, &view);
  g_assert_cmpfloat (view.zoom, ==, EPI_RENDERER_FOLLOW_ZOOM);

  /* The pen, drawn red, is at the centre of the frame. */
  epi_renderer_set_time (r, 0.55);
  surface = frame (r);
  centre = cairo_image_surface_get_data (surface) + (HEIGHT / 2) * cairo_image_surface_get_stride (surface) + 4 * (WIDTH / 2);
  g_assert_cmpuint (centre[2], >, 180);
  g_assert_cmpuint (centre[1], <, 100);
  cairo_surface_destroy (surface);
  epi_renderer_get_view (r, &view);
  epi_spectrum_evaluate (full, 0.55, &x, &y);
  g_assert_cmpfloat_with_epsilon (view.center_x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.center_y, y, 1e-9);

  /* Zooming while following keeps the pen centred, at the new zoom. */
  epi_renderer_zoom (r, 2);
  epi_renderer_get_view (r, &view);
  g_assert_cmpfloat_with_epsilon (view.zoom, 2 * EPI_RENDERER_FOLLOW_ZOOM, 1e-9);

  /* Leaving it fits the drawing again. */
  epi_renderer_set_follow_pen (r, FALSE);
  epi_renderer_get_view (r, &view);
  g_assert_cmpfloat (view.zoom, ==, 1.0);
  g_assert_cmpfloat (view.center_x, ==, 50);
  g_assert_cmpfloat (view.center_y, ==, 40);

  /* And following again starts at the zoom last chosen. */
  epi_renderer_set_follow_pen (r, TRUE);
  epi_renderer_get_view (r, &view);
  g_assert_cmpfloat_with_epsilon (view.zoom, 2 * EPI_RENDERER_FOLLOW_ZOOM, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Viewer/one-term-is-the-strongest-circle", test_one_term_is_the_strongest_circle);
  g_test_add_func ("/Epi/Viewer/count-survives-play-pause-seek", test_count_survives_play_pause_seek);
  g_test_add_func ("/Epi/Viewer/seek-equals-play", test_seek_equals_play);
  g_test_add_func ("/Epi/Viewer/trail-fades", test_trail_fades);
  g_test_add_func ("/Epi/Viewer/follow-pen", test_follow_pen);

  return g_test_run ();
}
