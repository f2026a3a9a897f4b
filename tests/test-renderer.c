/* test-renderer.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

/* A circle of radius 20 about (50, 40) in a 100 × 80 frame, sampled at
 * 64 points; optionally with the pen lifted over samples 16 … 31. */
static EpiSpectrum *
circle_spectrum (gboolean with_lift)
{
  EpiSpectrum *s = epi_spectrum_new (2, with_lift ? 1 : 0);

  s->width = 100;
  s->height = 80;
  s->n_points = 64;
  s->terms[0] = (EpiTerm) { 0, 50, 40 };
  s->terms[1] = (EpiTerm) { 1, 20, 0 };
  if (with_lift)
    s->spans[0] = (EpiSpan) { 16, 16 };
  return s;
}

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
} Target;

static void
target_init (Target *t,
             int     width,
             int     height)
{
  t->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  t->cr = cairo_create (t->surface);
}

static void
target_clear (Target *t)
{
  cairo_destroy (t->cr);
  cairo_surface_destroy (t->surface);
}

static guint32
pixel (Target *t,
       double  x,
       double  y)
{
  const guint8 *data;
  int ix = (int) floor (x), iy = (int) floor (y);

  cairo_surface_flush (t->surface);
  data = cairo_image_surface_get_data (t->surface);
  g_assert_true (ix >= 0 && iy >= 0 &&
                 ix < cairo_image_surface_get_width (t->surface) &&
                 iy < cairo_image_surface_get_height (t->surface));
  return *(const guint32 *) (gconstpointer) (data + iy * cairo_image_surface_get_stride (t->surface) + 4 * ix);
}

static gboolean
is_ink (guint32 px)
{
  return ((px >> 16) & 0xFF) < 160 && ((px >> 8) & 0xFF) < 160 && (px & 0xFF) < 160;
}

static gboolean
is_paper (guint32 px)
{
  return ((px >> 16) & 0xFF) > 240 && ((px >> 8) & 0xFF) > 240 && (px & 0xFF) > 240;
}

/* The frame is 200 × 160: the drawing's scale is 0.92 · 2 and its centre
 * (50, 40) lands on (100, 80). */
#define SCALE (0.92 * 2)
#define DEV_X(x) (100 + ((x) - 50) * SCALE)
#define DEV_Y(y) (80 + ((y) - 40) * SCALE)

static void
test_pen_at_time_zero (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  Target t;
  guint32 px;

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_show_circles (r, FALSE);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 0));

  /* The pen, drawn in red, sits at centre + radius. */
  px = pixel (&t, DEV_X (70), DEV_Y (40));
  g_assert_cmpuint ((px >> 16) & 0xFF, >, 180);
  g_assert_cmpuint ((px >> 8) & 0xFF, <, 100);
  /* And nowhere on the opposite side. */
  g_assert_true (is_paper (pixel (&t, DEV_X (30), DEV_Y (40))));

  target_clear (&t);
}

static void
test_single_term_is_a_circle (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autoptr(GArray) trace = NULL;
  Target t;

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_show_circles (r, FALSE);
  epi_renderer_set_time (r, 1.0);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 1));

  for (int degrees = 0; degrees < 360; degrees += 5)
    {
      double a = degrees * G_PI / 180;
      double c = cos (a), sn = sin (a);

      guint32 on = pixel (&t, DEV_X (50 + 20 * c), DEV_Y (40 + 20 * sn));

      /* The red pen dot covers the stroke where the drawing ends. */
      if (degrees > 10 && degrees < 350 && !is_ink (on))
        g_error ("no ink at %d degrees: %06x", degrees, on);
      g_assert_true (is_paper (pixel (&t, DEV_X (50 + 16 * c), DEV_Y (40 + 16 * sn))));
      /* Outside, leaving room for the pen's dot at angle 0. */
      if (degrees > 15 && degrees < 345)
        g_assert_true (is_paper (pixel (&t, DEV_X (50 + 24 * c), DEV_Y (40 + 24 * sn))));
    }

  /* After a full turn the trace closes on itself. */
  trace = epi_renderer_copy_trace (r);
  g_assert_cmpuint (trace->len, ==, 65);
  g_assert_cmpfloat (g_array_index (trace, EpiTracePoint, 0).time, ==, 0);
  g_assert_cmpfloat (g_array_index (trace, EpiTracePoint, 64).time, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (trace, EpiTracePoint, 0).x,
                                  g_array_index (trace, EpiTracePoint, 64).x, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (trace, EpiTracePoint, 0).y,
                                  g_array_index (trace, EpiTracePoint, 64).y, 1e-9);
  g_assert_false (epi_renderer_get_playing (r));
  g_assert_cmpfloat (epi_renderer_get_percentage (r), ==, 100);

  target_clear (&t);
}

static void
test_lifts_leave_no_ink (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (TRUE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  Target t;

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_show_circles (r, FALSE);
  epi_renderer_set_time (r, 1.0);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 1));

  /* Samples 16 … 31 are a quarter turn from 90° to 174° (y grows down);
   * the strokes touching them, from sample 15 (84°) to 32 (180°), are not
   * drawn either. */
  for (int degrees = 0; degrees < 360; degrees += 3)
    {
      double a = degrees * G_PI / 180;
      guint32 px = pixel (&t, DEV_X (50 + 20 * cos (a)), DEV_Y (40 + 20 * sin (a)));

      if (degrees >= 87 && degrees <= 177)
        g_assert_true (is_paper (px));
      else if ((degrees >= 20 && degrees <= 80) || (degrees >= 186 && degrees <= 340))
        g_assert_true (is_ink (px));
    }

  target_clear (&t);
}

static void
test_clock (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();

  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_speed (r, 100);
  g_assert_cmpfloat (epi_renderer_get_speed (r), ==, EPI_RENDERER_MAX_SPEED);
  epi_renderer_set_speed (r, 0);
  g_assert_cmpfloat (epi_renderer_get_speed (r), ==, EPI_RENDERER_MIN_SPEED);
  epi_renderer_set_speed (r, 2);

  /* Paused: time stands still. */
  epi_renderer_advance (r, 3);
  g_assert_cmpfloat (epi_renderer_get_time (r), ==, 0);

  /* At 2×, a quarter of the turn time is half the drawing. */
  epi_renderer_set_playing (r, TRUE);
  epi_renderer_advance (r, EPI_RENDERER_TURN_SECONDS / 4);
  g_assert_cmpfloat_with_epsilon (epi_renderer_get_time (r), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (epi_renderer_get_percentage (r), 50, 1e-9);

  /* The drawing ends at one turn, and stops. */
  epi_renderer_advance (r, 100);
  g_assert_cmpfloat (epi_renderer_get_time (r), ==, 1);
  g_assert_false (epi_renderer_get_playing (r));

  /* Going back keeps the trace up to the new time. */
  epi_renderer_set_time (r, 0.25);
  {
    g_autoptr(GArray) trace = epi_renderer_copy_trace (r);

    g_assert_cmpuint (trace->len, ==, 17);
    g_assert_cmpfloat (g_array_index (trace, EpiTracePoint, 16).time, ==, 0.25);
  }

  epi_renderer_reset (r);
  g_assert_cmpfloat (epi_renderer_get_time (r), ==, 0);
  {
    g_autoptr(GArray) trace = epi_renderer_copy_trace (r);

    g_assert_cmpuint (trace->len, ==, 1);
  }
}

/* The chain on its own: the mean is no circle, the one term is a circle
 * centred on the mean in device pixels, and the pen is the whole sum,
 * as the spectrum evaluates it. */
static void
test_epicycles_place (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autofree EpiEpicycles *chain = g_new0 (EpiEpicycles, 1);
  EpiView view;
  double x, y;

  epi_view_init (&view, s->width, s->height);
  epi_epicycles_place (chain, s, 0.25, &view, 200, 160);
  g_assert_cmpuint (chain->n_circles, ==, 1);
  g_assert_cmpfloat_with_epsilon (chain->circles[0].x, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->circles[0].y, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->circles[0].radius, 20 * SCALE, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->max_radius, 20 * SCALE, 1e-9);
  epi_spectrum_evaluate (s, 0.25, &x, &y);
  g_assert_cmpfloat_with_epsilon (chain->pen_x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->pen_y, y, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->pen_x, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (chain->pen_y, 60, 1e-9);

  /* Under a pixel on the target, a circle is not kept; the pen still is. */
  epi_view_init (&view, s->width, s->height);
  epi_epicycles_place (chain, s, 0.25, &view, 2, 2);
  g_assert_cmpuint (chain->n_circles, ==, 0);
  g_assert_cmpfloat_with_epsilon (chain->pen_y, 60, 1e-9);
}

/* The renderer's view at this moment. */
static EpiView
view_of (EpiRenderer *r)
{
  EpiView view;

  epi_renderer_get_view (r, &view);
  return view;
}

static void
test_view (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  EpiView view;
  double x0, y0, x1, y1, dx, dy;

  epi_renderer_set_spectrum (r, s);
  view = view_of (r);
  g_assert_cmpfloat_with_epsilon (epi_view_get_scale (&view, 200, 160), SCALE, 1e-12);

  /* Zooming at a point keeps it where it is on screen. */
  epi_view_to_device (&view, 200, 160, 70, 30, &x0, &y0);
  epi_renderer_zoom_at (r, 3, 70, 30);
  view = view_of (r);
  epi_view_to_device (&view, 200, 160, 70, 30, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, x1, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, y1, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.zoom, 3, 1e-12);

  /* Panning moves everything by the same amount. */
  epi_renderer_pan (r, 5, -2);
  view = view_of (r);
  epi_view_to_device (&view, 200, 160, 70, 30, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, x1 - 5 * 3 * SCALE, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, y1 + 2 * 3 * SCALE, 1e-9);

  /* Device and drawing coordinates go back and forth. */
  epi_view_to_drawing (&view, 200, 160, dx, dy, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, 30, 1e-9);

  /* Absurd factors are ignored; zoom is bounded. */
  epi_renderer_zoom (r, 0);
  epi_renderer_zoom (r, NAN);
  g_assert_cmpfloat_with_epsilon (view_of (r).zoom, 3, 1e-12);
  epi_renderer_zoom (r, 1e9);
  g_assert_cmpfloat (view_of (r).zoom, <=, 500);

  epi_renderer_fit (r);
  view = view_of (r);
  g_assert_cmpfloat (view.zoom, ==, 1);
  epi_view_to_device (&view, 200, 160, 50, 40, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, 80, 1e-9);
}

static void
count_frames (EpiRenderer *r,
              guint64      frame,
              double       time,
              double       percentage,
              gpointer     user_data)
{
  g_atomic_int_inc ((gint *) user_data);
}

/* Calls back into the renderer, then removes itself. */
static void
reentrant_observer (EpiRenderer *r,
                    guint64      frame,
                    double       time,
                    double       percentage,
                    gpointer     user_data)
{
  guint *id = user_data;

  g_assert_cmpfloat (epi_renderer_get_time (r), ==, time);
  g_assert_cmpfloat (percentage, ==, 100 * time);
  epi_renderer_remove_observer (r, *id);
  *id = 0;
}

static void
test_observers (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  gint frames = 0;
  guint self_removing;
  guint counting;
  Target t;

  target_init (&t, 64, 48);
  epi_renderer_set_spectrum (r, s);
  counting = epi_renderer_add_observer (r, count_frames, &frames, NULL);
  self_removing = epi_renderer_add_observer (r, reentrant_observer, &self_removing, NULL);

  for (guint f = 0; f < 5; f++)
    g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, f));

  g_assert_cmpint (frames, ==, 5);
  g_assert_cmpuint (self_removing, ==, 0);

  epi_renderer_remove_observer (r, counting);
  epi_renderer_render_frame (r, t.cr, 64, 48, 6);
  g_assert_cmpint (frames, ==, 5);

  target_clear (&t);
}

/* What the observers of /Epi/Renderer/observer-removes-another saw. */
static struct
{
  guint victim;        /* the id of the observer to remove */
  gint  victim_calls;  /* frames the victim was told of */
  gint  destroyed;     /* runs of the victim's destroy notify */
} removal;

static void
remove_victim (EpiRenderer *r,
               guint64      frame,
               double       time,
               double       percentage,
               gpointer     user_data)
{
  if (removal.victim != 0)
    epi_renderer_remove_observer (r, removal.victim);
  removal.victim = 0;
}

/* Its data is freed by its destroy notify: reading it after that is
 * reported under AddressSanitizer, and the count fails anyway. */
static void
victim_observer (EpiRenderer *r,
                 guint64      frame,
                 double       time,
                 double       percentage,
                 gpointer     user_data)
{
  volatile const char *data = user_data;

  (void) data[0];
  g_assert_cmpint (removal.destroyed, ==, 0);
  removal.victim_calls++;
}

static void
destroy_victim (gpointer data)
{
  removal.destroyed++;
  g_free (data);
}

/* An observer removed by another during a frame is not called after
 * its removal, and its destroy notify runs once. */
static void
test_observer_removes_another (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  guint remover;
  Target t;

  memset (&removal, 0, sizeof removal);
  target_init (&t, 64, 48);
  epi_renderer_set_spectrum (r, s);
  remover = epi_renderer_add_observer (r, remove_victim, NULL, NULL);
  removal.victim = epi_renderer_add_observer (r, victim_observer, g_strdup ("victim"), destroy_victim);

  for (guint f = 0; f < 3; f++)
    g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, f));

  g_assert_cmpint (removal.victim_calls, ==, 0);
  g_assert_cmpint (removal.destroyed, ==, 1);

  /* Removing an id twice, or one never given, does nothing. */
  epi_renderer_remove_observer (r, remover);
  epi_renderer_remove_observer (r, remover);
  epi_renderer_remove_observer (r, 12345);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, 3));
  g_assert_cmpint (removal.destroyed, ==, 1);

  target_clear (&t);
}

/* The same function and data added twice are two observers. */
static void
test_observer_added_twice (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  gint frames = 0;
  guint first, second;
  Target t;

  target_init (&t, 64, 48);
  epi_renderer_set_spectrum (r, s);
  first = epi_renderer_add_observer (r, count_frames, &frames, NULL);
  second = epi_renderer_add_observer (r, count_frames, &frames, NULL);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (second, >, 0);
  g_assert_cmpuint (first, !=, second);

  g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, 0));
  g_assert_cmpint (frames, ==, 2);

  epi_renderer_remove_observer (r, first);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, 1));
  g_assert_cmpint (frames, ==, 3);

  epi_renderer_remove_observer (r, second);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 64, 48, 2));
  g_assert_cmpint (frames, ==, 3);

  target_clear (&t);
}

/* A time or speed that is not finite changes nothing. */
static void
test_non_finite_clock (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  const double bad[] = { NAN, INFINITY, -INFINITY };

  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_time (r, 0.25);
  epi_renderer_set_speed (r, 2.0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GArray) trace = NULL;

      epi_renderer_set_time (r, bad[i]);
      epi_renderer_set_speed (r, bad[i]);
      g_assert_cmpfloat (epi_renderer_get_time (r), ==, 0.25);
      g_assert_cmpfloat (epi_renderer_get_percentage (r), ==, 25.0);
      g_assert_cmpfloat (epi_renderer_get_speed (r), ==, 2.0);

      trace = epi_renderer_copy_trace (r);
      g_assert_cmpuint (trace->len, ==, 17);
    }

  /* The clock still runs. */
  epi_renderer_set_playing (r, TRUE);
  epi_renderer_advance (r, EPI_RENDERER_TURN_SECONDS / 8);
  g_assert_cmpfloat_with_epsilon (epi_renderer_get_time (r), 0.5, 1e-9);
}

/* Every bad call is a warning, and the renderer draws fine afterwards. */
static void
test_errors_leave_it_usable (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  cairo_surface_t *broken = cairo_image_surface_create (CAIRO_FORMAT_RGB24, -1, -1);
  cairo_t *broken_cr = cairo_create (broken);
  Target t;

  target_init (&t, 200, 160);

  g_test_expect_message ("Epicrypt", G_LOG_LEVEL_WARNING, "*there is no drawing*");
  g_assert_false (epi_renderer_render_frame (r, t.cr, 200, 160, 0));
  g_test_assert_expected_messages ();

  epi_renderer_set_spectrum (r, s);

  g_test_expect_message ("Epicrypt", G_LOG_LEVEL_WARNING, "*no drawing context*");
  g_assert_false (epi_renderer_render_frame (r, NULL, 200, 160, 1));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Epicrypt", G_LOG_LEVEL_WARNING, "*Cannot render frame 2*");
  g_assert_false (epi_renderer_render_frame (r, broken_cr, 200, 160, 2));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Epicrypt", G_LOG_LEVEL_WARNING, "*at 0×160*");
  g_assert_false (epi_renderer_render_frame (r, t.cr, 0, 160, 3));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Epicrypt", G_LOG_LEVEL_WARNING, "*at 200×-5*");
  g_assert_false (epi_renderer_render_frame (r, t.cr, 200, -5, 4));
  g_test_assert_expected_messages ();

  epi_renderer_set_show_circles (r, FALSE);
  epi_renderer_set_time (r, 1.0);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 5));
  g_assert_true (is_ink (pixel (&t, DEV_X (30), DEV_Y (40))));

  cairo_destroy (broken_cr);
  cairo_surface_destroy (broken);
  target_clear (&t);
}

/* Threads ------------------------------------------------------------------ */

#define RENDER_THREADS 8
#define FRAMES_EACH    400

typedef struct
{
  EpiRenderer       *renderer;
  const EpiSpectrum *spectrum;
  gint               running;     /* atomic: render threads still going */
  gint               frames;      /* atomic: frames drawn */
  gint               bad_traces;  /* atomic: copies found torn or out of order */
  gint               meddler_seen; /* atomic: frames seen by short-lived observers */
} Shared;

static gpointer
render_thread (gpointer data)
{
  Shared *shared = data;
  Target t;

  target_init (&t, 96, 72);
  for (guint f = 0; f < FRAMES_EACH; f++)
    if (epi_renderer_render_frame (shared->renderer, t.cr, 96, 72, f))
      g_atomic_int_inc (&shared->frames);
  target_clear (&t);

  g_atomic_int_add (&shared->running, -1);
  return NULL;
}

/* A copy is consistent: times rise one sample at a time, and every
 * point is exactly where the spectrum puts the pen then. */
static gboolean
trace_is_consistent (GArray            *trace,
                     const EpiSpectrum *s)
{
  for (guint i = 0; i < trace->len; i++)
    {
      const EpiTracePoint *p = &g_array_index (trace, EpiTracePoint, i);
      double x, y;

      if (i > 0 && fabs (p->time - g_array_index (trace, EpiTracePoint, i - 1).time - 1.0 / s->n_points) > 1e-9)
        return FALSE;
      epi_spectrum_evaluate (s, p->time, &x, &y);
      if (fabs (x - p->x) > 1e-6 || fabs (y - p->y) > 1e-6)
        return FALSE;
    }
  return TRUE;
}

static gpointer
meddling_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  guint observer = 0;
  guint round = 0;

  while (g_atomic_int_get (&shared->running) > 0)
    {
      g_autoptr(GArray) trace = NULL;

      epi_renderer_advance (shared->renderer, 0.01);
      switch (round++ % 8)
        {
        case 0: epi_renderer_set_speed (shared->renderer, g_rand_double_range (rand, 0.1, 10)); break;
        case 1: epi_renderer_zoom (shared->renderer, g_rand_double_range (rand, 0.5, 2)); break;
        case 2: epi_renderer_pan (shared->renderer, g_rand_double_range (rand, -5, 5), 1); break;
        case 3: epi_renderer_clear_trace (shared->renderer); break;
        case 4:
          if (observer != 0)
            epi_renderer_remove_observer (shared->renderer, observer);
          observer = epi_renderer_add_observer (shared->renderer, count_frames, &shared->meddler_seen, NULL);
          epi_renderer_remove_observer (shared->renderer, observer);
          observer = 0;
          break;
        case 5: epi_renderer_set_show_circles (shared->renderer, g_rand_boolean (rand)); break;
        case 6:
          if (epi_renderer_get_time (shared->renderer) >= 1)
            {
              epi_renderer_reset (shared->renderer);
              epi_renderer_set_playing (shared->renderer, TRUE);
            }
          break;
        default: epi_renderer_fit (shared->renderer); break;
        }

      trace = epi_renderer_copy_trace (shared->renderer);
      if (!trace_is_consistent (trace, shared->spectrum))
        g_atomic_int_inc (&shared->bad_traces);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(EpiSpectrum) s = test_random_spectrum (rand);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  GThread *threads[RENDER_THREADS];
  GThread *meddler;
  Shared shared = { r, s, RENDER_THREADS, 0, 0, 0 };
  gint observed = 0;

  s->width = 640;
  s->height = 480;
  epi_renderer_set_spectrum (r, s);
  epi_renderer_set_playing (r, TRUE);
  epi_renderer_add_observer (r, count_frames, &observed, NULL);

  for (guint i = 0; i < RENDER_THREADS; i++)
    threads[i] = g_thread_new ("render", render_thread, &shared);
  meddler = g_thread_new ("meddle", meddling_thread, &shared);

  for (guint i = 0; i < RENDER_THREADS; i++)
    g_thread_join (threads[i]);
  g_thread_join (meddler);

  g_assert_cmpint (shared.frames, ==, RENDER_THREADS * FRAMES_EACH);
  g_assert_cmpint (observed, ==, RENDER_THREADS * FRAMES_EACH);
  /* No trace copy was torn or out of order. */
  g_assert_cmpint (shared.bad_traces, ==, 0);
}

/* A forged payload with as many terms as a reader takes, every one a
 * circle of 9 pixels in view: a frame draws the cap and no more. How
 * quickly is bench-renderer's to say. */
static void
test_circle_cap (void)
{
  g_autoptr(EpiSpectrum) forged = test_crowded_spectrum (EPI_MAX_TERMS, 1000, 800, 50);
  g_autoptr(GBytes) payload = epi_payload_encode (forged);
  g_autoptr(EpiSpectrum) s = NULL;
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autoptr(GError) error = NULL;
  Target t;

  s = epi_payload_decode (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_terms, ==, EPI_MAX_TERMS);

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  g_assert_cmpuint (epi_renderer_get_circles_drawn (r), ==, 0);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 0));
  g_assert_cmpuint (epi_renderer_get_circles_drawn (r), ==, EPI_RENDERER_MAX_CIRCLES);
  /* The circles are drawn, about the middle (100, 80). */
  g_assert_false (is_paper (pixel (&t, 100 + 0.184 * 50, 80)));

  epi_renderer_set_show_circles (r, FALSE);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 1));
  g_assert_cmpuint (epi_renderer_get_circles_drawn (r), ==, 0);

  target_clear (&t);
}

static gboolean
is_pen (guint32 px)
{
  return ((px >> 16) & 0xFF) > 180 && ((px >> 8) & 0xFF) < 100;
}

/* Circles past the cap are not drawn, but the pen still goes where all
 * the terms take it: here 2 × 512 circles that cancel out at time 0, then
 * 50 small ones that move it 30 to the right. */
static void
test_pen_past_the_cap (void)
{
  const guint n_pairs = EPI_RENDERER_MAX_CIRCLES, n_tail = 50;
  g_autoptr(EpiSpectrum) s = epi_spectrum_new (1 + 2 * n_pairs + n_tail, 0);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  Target t;

  s->width = 100;
  s->height = 80;
  s->n_points = 4096;
  for (guint i = 0; i < s->n_terms; i++)
    {
      gint32 f = i % 2 == 1 ? (gint32) ((i + 1) / 2) : -(gint32) (i / 2);

      if (i == 0)
        s->terms[i] = (EpiTerm) { 0, 50, 40 };
      else if (i <= 2 * n_pairs)
        s->terms[i] = (EpiTerm) { f, i % 2 == 1 ? 10 : -10, 0 };
      else
        s->terms[i] = (EpiTerm) { f, 30.0 / n_tail, 0 };
    }

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  g_assert_true (epi_renderer_render_frame (r, t.cr, 200, 160, 0));
  g_assert_cmpuint (epi_renderer_get_circles_drawn (r), ==, EPI_RENDERER_MAX_CIRCLES);

  g_assert_true (is_pen (pixel (&t, DEV_X (80), DEV_Y (40))));
  g_assert_false (is_pen (pixel (&t, DEV_X (50), DEV_Y (40))));
  g_assert_false (is_pen (pixel (&t, DEV_X (60), DEV_Y (40))));

  target_clear (&t);
}

/* A cancelled frame stops before the trace it has to catch up on, and
 * the renderer draws on afterwards. */
static void
test_frame_cancelled (void)
{
  g_autoptr(EpiSpectrum) s = test_crowded_spectrum (EPI_MAX_TERMS, 1000, 800, 50);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint observed = 0;
  Target t;

  target_init (&t, 200, 160);
  epi_renderer_set_spectrum (r, s);
  epi_renderer_add_observer (r, count_frames, &observed, NULL);
  /* Half a turn of wild strokes: minutes of drawing. */
  epi_renderer_set_time (r, 0.5);
  g_cancellable_cancel (cancellable);
  g_assert_false (epi_renderer_render_frame_full (r, t.cr, 200, 160, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (observed, ==, 0);

  epi_renderer_set_time (r, 0);
  g_assert_true (epi_renderer_render_frame_full (r, t.cr, 200, 160, 1, NULL, NULL));
  g_assert_cmpint (observed, ==, 1);

  target_clear (&t);
}

/* Held to a catch-up budget, a frame after a change of view draws part
 * of the trace and says so; the next frames go on, and the last shows
 * exactly what an unbudgeted frame shows. */
static void
test_catch_up_budget (void)
{
  g_autoptr(EpiSpectrum) s = epi_spectrum_new (3, 0);
  g_autoptr(EpiRenderer) budgeted = epi_renderer_new ();
  g_autoptr(EpiRenderer) whole = epi_renderer_new ();
  g_autoptr(GArray) trace = NULL;
  guint frames = 0, n_blocks;
  Target a, b;

  s->width = 100;
  s->height = 80;
  s->n_points = 64 * 40;
  s->terms[0] = (EpiTerm) { 0, 50, 40 };
  s->terms[1] = (EpiTerm) { 1, 30, 0 };
  s->terms[2] = (EpiTerm) { 7, 5, 0 };
  target_init (&a, 200, 160);
  target_init (&b, 200, 160);
  for (guint i = 0; i < 2; i++)
    {
      EpiRenderer *r = i == 0 ? budgeted : whole;

      epi_renderer_set_spectrum (r, s);
      epi_renderer_set_show_circles (r, FALSE);
      epi_renderer_set_time (r, 1.0);
    }
  trace = epi_renderer_copy_trace (whole);
  n_blocks = trace->len / 64;

  /* A budget no block fits in: one block a frame. */
  epi_renderer_set_catch_up_budget (budgeted, 1);
  do
    {
      g_assert_true (epi_renderer_render_frame (budgeted, a.cr, 200, 160, frames));
      frames++;
    }
  while (!epi_renderer_is_caught_up (budgeted) && frames <= n_blocks);
  g_assert_cmpuint (frames, >, 1);
  g_assert_cmpuint (frames, <=, n_blocks);

  g_assert_true (epi_renderer_render_frame (whole, b.cr, 200, 160, 0));
  g_assert_true (epi_renderer_is_caught_up (whole));
  cairo_surface_flush (a.surface);
  cairo_surface_flush (b.surface);
  g_assert_cmpmem (cairo_image_surface_get_data (a.surface), 4 * 200 * 160,
                   cairo_image_surface_get_data (b.surface), 4 * 200 * 160);

  target_clear (&a);
  target_clear (&b);
}

/* A view that draws the frame itself gets it as data: the chain as
 * epi_epicycles_place() puts it, the observers told, and the trace a
 * stretch at a time, with a serial that changes when its drawings go
 * stale. */
static void
test_place_frame (void)
{
  g_autoptr(EpiSpectrum) s = circle_spectrum (FALSE);
  g_autoptr(EpiRenderer) r = epi_renderer_new ();
  g_autofree EpiEpicycles *placed = g_new0 (EpiEpicycles, 1);
  g_autofree EpiEpicycles *expected = g_new0 (EpiEpicycles, 1);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autoptr(GArray) none = NULL;
  guint64 serial, again, moved, cleared;
  gint frames = 0;
  EpiView view;
  double time;

  g_assert_false (epi_renderer_place_frame (r, 100, 80, 0, placed, &view, &time));
  epi_renderer_set_spectrum (r, s);
  epi_renderer_add_observer (r, count_frames, &frames, NULL);
  g_assert_false (epi_renderer_place_frame (r, 0, 80, 0, placed, &view, &time));
  g_assert_cmpint (frames, ==, 0);

  epi_renderer_set_time (r, 0.5);
  g_assert_true (epi_renderer_place_frame (r, 100, 80, 7, placed, &view, &time));
  g_assert_cmpint (frames, ==, 1);
  g_assert_cmpfloat (time, ==, 0.5);
  epi_epicycles_place (expected, s, 0.5, &view, 100, 80);
  g_assert_cmpuint (placed->n_circles, ==, 1);
  g_assert_cmpuint (epi_renderer_get_circles_drawn (r), ==, 1);
  g_assert_cmpfloat (placed->circles[0].radius, ==, expected->circles[0].radius);
  g_assert_cmpfloat_with_epsilon (placed->pen_x, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (placed->pen_y, 40, 1e-9);

  /* Hidden circles leave the pen alone. */
  epi_renderer_set_show_circles (r, FALSE);
  g_assert_true (epi_renderer_place_frame (r, 100, 80, 8, placed, &view, &time));
  g_assert_cmpuint (placed->n_circles, ==, 0);
  g_assert_cmpfloat_with_epsilon (placed->pen_x, 30, 1e-9);

  all = epi_renderer_copy_trace_from (r, 0, &serial);
  rest = epi_renderer_copy_trace_from (r, 10, &again);
  none = epi_renderer_copy_trace_from (r, all->len, &again);
  g_assert_cmpuint (all->len, ==, 33);
  g_assert_cmpuint (rest->len, ==, all->len - 10);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpfloat (g_array_index (rest, EpiTracePoint, 0).x, ==, g_array_index (all, EpiTracePoint, 10).x);
  g_assert_cmpuint (again, ==, serial);

  epi_renderer_zoom (r, 2);
  g_array_unref (epi_renderer_copy_trace_from (r, 0, &moved));
  g_assert_cmpuint (moved, !=, serial);
  epi_renderer_clear_trace (r);
  g_array_unref (epi_renderer_copy_trace_from (r, 0, &cleared));
  g_assert_cmpuint (cleared, !=, moved);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Renderer/pen-at-time-zero", test_pen_at_time_zero);
  g_test_add_func ("/Epi/Renderer/epicycles-place", test_epicycles_place);
  g_test_add_func ("/Epi/Renderer/single-term-is-a-circle", test_single_term_is_a_circle);
  g_test_add_func ("/Epi/Renderer/lifts-leave-no-ink", test_lifts_leave_no_ink);
  g_test_add_func ("/Epi/Renderer/clock", test_clock);
  g_test_add_func ("/Epi/Renderer/view", test_view);
  g_test_add_func ("/Epi/Renderer/observers", test_observers);
  g_test_add_func ("/Epi/Renderer/observer-removes-another", test_observer_removes_another);
  g_test_add_func ("/Epi/Renderer/observer-added-twice", test_observer_added_twice);
  g_test_add_func ("/Epi/Renderer/non-finite-clock", test_non_finite_clock);
  g_test_add_func ("/Epi/Renderer/errors-leave-it-usable", test_errors_leave_it_usable);
  g_test_add_func ("/Epi/Renderer/threads", test_threads);
  g_test_add_func ("/Epi/Renderer/circle-cap", test_circle_cap);
  g_test_add_func ("/Epi/Renderer/pen-past-the-cap", test_pen_past_the_cap);
  g_test_add_func ("/Epi/Renderer/frame-cancelled", test_frame_cancelled);
  g_test_add_func ("/Epi/Renderer/catch-up-budget", test_catch_up_budget);
  g_test_add_func ("/Epi/Renderer/place-frame", test_place_frame);

  return g_test_run ();
}
