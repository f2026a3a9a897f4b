/* test-canvas.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas alone, outside a window: its properties, what each change
 * notifies, and that it goes away with its last reference.
 */

#include "config.h"

#include <math.h>

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

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Canvas/drawing", test_drawing);
  g_test_add_func ("/Epi/Canvas/speed-and-circles", test_speed_and_circles);

  return g_test_run ();
}
