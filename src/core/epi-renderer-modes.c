/* epi-renderer-modes.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the renderer draws of its drawing, beyond the clock and the view
 * (epi-renderer.c): how many of its epicycles (a partial sum, strongest
 * first, as the harmonics sliders of fourier-sketch and of the
 * interactive Fourier articles have it), a view that follows the pen
 * at a zoom of its own (fourier-drawer's follow mode), and a trail that
 * fades out behind the pen (fourier-drawer, George Ogden's tool). While
 * the view follows the pen or the trail fades, every frame strokes the
 * trace whole, leaving out what is off the view: its cached drawing
 * would be stale every frame.
 */

#include "config.h"

#include "epi-renderer-private.h"

/* Whether every frame strokes the whole trace anew rather than from a
 * cache: a view that moves with the pen, or a trail that fades. */
static gboolean
strokes_whole_trace (EpiRenderer *self)
{
  return self->follow_pen || self->trail > 0;
}

/* Centres the view on the pen when following it. Locked. Caches are left be:
 * a followed view does not use them, and leaving it starts them anew. */
void
epi_renderer_center_on_pen (EpiRenderer *self)
{
  double x, y;

  if (!self->follow_pen || self->spectrum == NULL)
    return;
  epi_spectrum_evaluate (self->spectrum, self->time, &x, &y);
  self->view.center_x = x;
  self->view.center_y = y;
}

/* Strokes the trace for a view that draws it whole each frame (see
 * strokes_whole_trace()), on to the pen at (@pen_x, @pen_y) in drawing
 * coordinates while it is down. */
static void
stroke_whole_trace (EpiRenderer          *self,
                    cairo_t              *cr,
                    const cairo_matrix_t *matrix,
                    int                   width,
                    int                   height,
                    const double          rgb[3],
                    double                pen_x,
                    double                pen_y)
{
  const EpiTracePoint *last;

  if (self->trace->len == 0)
    return;

  epi_ink_stroke_trail (cr, matrix, (const EpiTracePoint *) self->trace->data, self->trace->len,
                        self->time, self->trail, EPI_RENDERER_TRACE_WIDTH, rgb, width, height);
  last = &g_array_index (self->trace, EpiTracePoint, self->trace->len - 1);
  if (last->pen_down && self->time < 1.0)
    {
      EpiTracePoint to_pen[2] = { *last, { self->time, pen_x, pen_y, FALSE } };

      epi_ink_stroke_rgba (cr, matrix, to_pen, 2, EPI_RENDERER_TRACE_WIDTH, rgb, 1.0);
    }
}

/* What is drawn ------------------------------------------------------------ */

/**
 * epi_renderer_set_n_terms:
 * @self: the renderer
 * @n_terms: how many of the drawing's epicycles to draw, strongest
 *   first; 0, or epi_renderer_get_max_terms() or more, for all of them
 *
 * Draws only the first @n_terms epicycles of the spectrum (its terms
 * are strongest first, so this is the partial sum of the @n_terms
 * largest circles), with the mean position (the term of frequency 0,
 * which is no circle but places the drawing) always kept.
 * The trace is drawn again at once from that partial sum, up to the
 * current time, so the picture sharpens as terms are added. The count
 * stays through playing, pausing, seeking and resetting; a new drawing
 * (epi_renderer_set_spectrum()) draws all its terms. Costs one inverse
 * FFT of the drawing's n_points samples. Any thread.
 */
void
epi_renderer_set_n_terms (EpiRenderer *self,
                          guint        n_terms)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  if (self->full == NULL || n_terms >= epi_spectrum_count_circles (self->full))
    n_terms = 0;
  if (n_terms == self->n_terms)
    return;
  self->n_terms = n_terms;
  epi_renderer_draw_terms (self);
}

/* How many epicycles are drawn: 1 … epi_renderer_get_max_terms(), or 0
 * with no drawing. Any thread. */
guint
epi_renderer_get_n_terms (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (self->full == NULL)
    return 0;
  return self->n_terms == 0 ? epi_spectrum_count_circles (self->full) : self->n_terms;
}

/* How many epicycles the drawing has: its K but the mean position, or 0
 * with no drawing. Any thread. */
guint
epi_renderer_get_max_terms (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->full != NULL ? epi_spectrum_count_circles (self->full) : 0;
}

/**
 * epi_renderer_set_follow_pen:
 * @self: the renderer
 * @follow_pen: whether the view keeps the pen at its centre
 *
 * Following, every frame centres the view on the pen, at the zoom last
 * used while following (EPI_RENDERER_FOLLOW_ZOOM, 4×, at first;
 * epi_renderer_zoom() changes it), so that the smallest circles show
 * as they turn. Leaving it fits the whole drawing again. While
 * following, the trace is stroked whole every frame, leaving out what
 * is off the view. Any thread.
 */
void
epi_renderer_set_follow_pen (EpiRenderer *self,
                             gboolean     follow_pen)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  follow_pen = !!follow_pen;
  if (follow_pen == self->follow_pen)
    return;
  self->follow_pen = follow_pen;
  if (follow_pen)
    self->view.zoom = self->follow_zoom;
  else
    epi_view_fit (&self->view);
  epi_renderer_center_on_pen (self);
  epi_renderer_invalidate_caches (self);
}

/* Whether the view follows the pen. Any thread. */
gboolean
epi_renderer_get_follow_pen (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->follow_pen;
}

/**
 * epi_renderer_set_trail:
 * @self: the renderer
 * @trail: 0 for the whole drawing, or the length of a fading trail in
 *   turns, above 0 and at most 1; other values are ignored
 *
 * With a trail, frames show only the path of the last @trail turns,
 * fading out from the pen backwards (see epi_ink_stroke_trail()); the
 * finished drawing then shows its last @trail turns too. Exports honour
 * it as the live view does. Any thread.
 */
void
epi_renderer_set_trail (EpiRenderer *self,
                        double       trail)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  if (!(trail >= 0 && trail <= 1))
    return;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (trail == self->trail)
    return;
  self->trail = trail;
  epi_renderer_invalidate_caches (self);
}

/* The fading trail's length in turns, or 0 for the whole drawing. Any
 * thread. */
double
epi_renderer_get_trail (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->trail;
}

/* Whether frames stroke the whole trace anew rather than from a cache:
 * while following the pen or with a fading trail. A view that inks the
 * trace itself then draws it with epi_renderer_stroke_trace(). Any
 * thread. */
gboolean
epi_renderer_strokes_whole_trace (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return strokes_whole_trace (self);
}

/**
 * epi_renderer_stroke_trace:
 * @self: the renderer
 * @cr: where to draw, in a @width × @height target's device pixels
 * @view: the view the frame was placed for (epi_renderer_place_frame())
 * @rgb: the ink's colour, red, green and blue, 0 … 1
 * @pen_x: the pen, in drawing coordinates
 * @pen_y: the pen, in drawing coordinates
 *
 * Strokes the trace as epi_renderer_render_frame_full() does when it
 * strokes it whole (epi_renderer_strokes_whole_trace()): the fading
 * trail, or the whole trace without what is off the view, and on to the
 * pen. For a view that draws the rest itself. Any thread.
 */
void
epi_renderer_stroke_trace (EpiRenderer   *self,
                           cairo_t       *cr,
                           const EpiView *view,
                           int            width,
                           int            height,
                           const double   rgb[3],
                           double         pen_x,
                           double         pen_y)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  cairo_matrix_t matrix;

  g_return_if_fail (EPI_IS_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL && rgb != NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  epi_view_get_matrix (view, width, height, &matrix);
  stroke_whole_trace (self, cr, &matrix, width, height, rgb, pen_x, pen_y);
}
