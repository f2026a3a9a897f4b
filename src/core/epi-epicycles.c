/* epi-epicycles.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rotating circles of a drawing at one moment: each term of the
 * Fourier series a circle centred where the sum of the terms before it
 * ends, its arm turning at the term's frequency, and the pen at the end
 * of the chain. Placing them sums every term; stroking draws at most
 * EPI_EPICYCLES_MAX_CIRCLES, so a frame's cost is bounded whatever the
 * file claims.
 */

#include "config.h"

#include <math.h>

#include "epi-epicycles.h"

#define ALPHA_LEVELS 6

/**
 * epi_epicycles_place:
 * @epicycles: (out caller-allocates): where to place the chain
 * @spectrum: the drawing, terms strongest first
 * @time: the moment, in turns (0 … 1)
 * @view: which part of the drawing a @width × @height target shows
 *
 * Walks the whole chain once for the pen, keeping the first
 * EPI_EPICYCLES_MAX_CIRCLES circles of a pixel or more on the target
 * (the mean, of frequency 0, is no circle). Any thread; @spectrum and
 * @view are only read.
 */
void
epi_epicycles_place (EpiEpicycles      *epicycles,
                     const EpiSpectrum *spectrum,
                     double             time,
                     const EpiView     *view,
                     int                width,
                     int                height)
{
  double scale = epi_view_get_scale (view, width, height);
  double x = 0, y = 0;
  cairo_matrix_t matrix;

  epi_view_get_matrix (view, width, height, &matrix);
  epicycles->n_circles = 0;
  epicycles->max_radius = 0;

  for (guint i = 0; i < spectrum->n_terms; i++)
    {
      const EpiTerm *t = &spectrum->terms[i];
      double angle = 2 * G_PI * t->frequency * time;
      double c = cos (angle), sn = sin (angle);
      double r = epicycles->n_circles < EPI_EPICYCLES_MAX_CIRCLES ? hypot (t->re, t->im) * scale : 0;

      if (t->frequency != 0 && r >= 1.0)
        {
          EpiCircle *circle = &epicycles->circles[epicycles->n_circles++];

          circle->x = x;
          circle->y = y;
          circle->radius = r;
          cairo_matrix_transform_point (&matrix, &circle->x, &circle->y);
          epicycles->max_radius = MAX (epicycles->max_radius, r);
        }

      x += t->re * c - t->im * sn;
      y += t->re * sn + t->im * c;
    }

  epicycles->pen_x = x;
  epicycles->pen_y = y;
}

/* Circles are drawn fainter as they get smaller, in a few alpha levels
 * (a handful of strokes for hundreds of circles): circle @i's level, 0
 * for the faintest … ALPHA_LEVELS - 1 for the largest. */
int
epi_epicycles_circle_level (const EpiEpicycles *epicycles,
                            guint               i)
{
  g_return_val_if_fail (i < epicycles->n_circles, 0);

  return (int) (sqrt (epicycles->circles[i].radius / epicycles->max_radius) * (ALPHA_LEVELS - 1) + 0.5);
}

/* The opacity circles of @level are drawn with, 0 … 1. */
double
epi_epicycles_level_alpha (int level)
{
  return 0.08 + 0.5 * level / (ALPHA_LEVELS - 1);
}

/* Strokes the circles, a stroke for each alpha level. */
static void
stroke_circles (const EpiEpicycles *epicycles,
                cairo_t            *cr)
{
  cairo_set_line_width (cr, 1.0);
  for (int level = 0; level < ALPHA_LEVELS; level++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < epicycles->n_circles; i++)
        {
          const EpiCircle *circle = &epicycles->circles[i];

          if (epi_epicycles_circle_level (epicycles, i) != level)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, circle->x, circle->y, circle->radius, 0, 2 * G_PI);
          any = TRUE;
        }

      if (any)
        {
          cairo_set_source_rgba (cr, 0.21, 0.42, 0.78, epi_epicycles_level_alpha (level));
          cairo_stroke (cr);
        }
    }
}

/* Strokes the arms, from the centre of each circle to the next and on to
 * the pen at (@pen_x, @pen_y) in device pixels. */
static void
stroke_arms (const EpiEpicycles *epicycles,
             cairo_t            *cr,
             double              pen_x,
             double              pen_y)
{
  for (guint i = 0; i < epicycles->n_circles; i++)
    {
      const EpiCircle *circle = &epicycles->circles[i];

      if (i == 0)
        cairo_move_to (cr, circle->x, circle->y);
      else
        cairo_line_to (cr, circle->x, circle->y);
    }
  cairo_line_to (cr, pen_x, pen_y);
  cairo_set_source_rgba (cr, 0.35, 0.35, 0.4, 0.7);
  cairo_stroke (cr);
}

/**
 * epi_epicycles_stroke:
 * @epicycles: a chain placed for @view on a @width × @height target
 * @cr: where to draw, in the target's device pixels
 *
 * Strokes the circles and, when there is any, the arms joining their
 * centres on to the pen. Any thread.
 */
void
epi_epicycles_stroke (const EpiEpicycles *epicycles,
                      cairo_t            *cr,
                      const EpiView      *view,
                      int                 width,
                      int                 height)
{
  cairo_matrix_t matrix;
  double pen_x = epicycles->pen_x, pen_y = epicycles->pen_y;

  if (epicycles->n_circles == 0)
    return;

  epi_view_get_matrix (view, width, height, &matrix);
  cairo_matrix_transform_point (&matrix, &pen_x, &pen_y);
  stroke_circles (epicycles, cr);
  stroke_arms (epicycles, cr, pen_x, pen_y);
}

/* Fills the pen, a dot of EPI_EPICYCLES_PEN_RADIUS device pixels at (@pen_x, @pen_y)
 * in drawing coordinates, on a @width × @height target showing @view.
 * Any thread. */
void
epi_epicycles_fill_pen (cairo_t       *cr,
                        const EpiView *view,
                        int            width,
                        int            height,
                        double         pen_x,
                        double         pen_y)
{
  cairo_matrix_t matrix;

  epi_view_get_matrix (view, width, height, &matrix);
  cairo_matrix_transform_point (&matrix, &pen_x, &pen_y);
  cairo_new_path (cr);
  cairo_arc (cr, pen_x, pen_y, EPI_EPICYCLES_PEN_RADIUS, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.85, 0.2, 0.2);
  cairo_fill (cr);
}
