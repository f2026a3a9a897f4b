/* epi-renderer.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing redrawn by epicycles: one object holding the spectrum, the
 * clock, the trace drawn so far, the view (an EpiView, epi-view.c, which
 * does the transforms) and the observers, with every public call under
 * one re-entrant lock so any thread may draw a frame. The trace is inked
 * as the finished picture is (epi-ink.c). What is drawn beyond that (how
 * many epicycles, a view following the pen, a fading trail) is set in
 * epi-renderer-modes.c.
 *
 * The trace is every sample of the path the pen has passed, appended as
 * the clock moves. Whole blocks of it are drawn into a cached surface per
 * target size, so a frame draws at most one block plus the pen's last
 * stretch, whatever the length of the trace; a change of view or a
 * cleared trace starts the cache afresh. Blocks are fixed stretches of
 * the trace, so the pixels do not depend on how many frames drew them: a
 * live view and an export agree exactly.
 *
 * A frame's own work is bounded too, whatever the file: at most
 * EPI_RENDERER_MAX_CIRCLES circles and as many arms are drawn. Only the
 * pen's position sums every term, which is cheap next to stroking. The
 * trace blocks a frame must catch up on are the one long loop left, and
 * epi_renderer_render_frame_full() stops it between blocks when told.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <string.h>

#include "epi-error.h"
#include "epi-renderer-private.h"

#define TRACE_WIDTH    EPI_RENDERER_TRACE_WIDTH
#define BLOCK          EPI_INK_BLOCK  /* trace segments cached as one path */

G_DEFINE_FINAL_TYPE (EpiRenderer, epi_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Locked helpers ------------------------------------------------------------ */

static void
invalidate_caches (EpiRenderer *self)
{
  self->serial++;
}

/* Tells the watchers of "time" that the clock moved from @before, on
 * the thread that moved it, with the lock held. */
static void
notify_time (EpiRenderer *self,
             double       before)
{
  if (self->time != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/* Makes every cached drawing of the trace stale. Locked. */
void
epi_renderer_invalidate_caches (EpiRenderer *self)
{
  invalidate_caches (self);
}

/* Appends every sample the pen has reached by @time. The last sample of
 * a full turn is the first again, which closes the drawing. */
static void
extend_trace (EpiRenderer *self,
              double       time)
{
  const EpiSpectrum *s = self->spectrum;
  guint n;

  if (s == NULL)
    return;

  n = s->n_points;
  while (self->next_sample <= n && (double) self->next_sample / n <= time + 1e-12)
    {
      EpiTracePoint point;

      epi_ink_path_point (s, self->samples, self->next_sample, &point);
      g_array_append_val (self->trace, point);
      self->next_sample++;
    }
}

static void
move_clock (EpiRenderer *self,
            double       time)
{
  double before = self->time;

  time = CLAMP (time, 0.0, 1.0);

  if (time < self->time)
    {
      /* Going back keeps the trace up to the new time. */
      guint keep = self->trace->len;

      while (keep > 0 && g_array_index (self->trace, EpiTracePoint, keep - 1).time > time + 1e-12)
        keep--;
      g_array_set_size (self->trace, keep);
      if (self->spectrum != NULL)
        self->next_sample = (guint) floor (time * self->spectrum->n_points + 1e-9) + 1;
      invalidate_caches (self);
    }

  self->time = time;
  extend_trace (self, time);

  /* A finished drawing stays finished until reset. */
  if (time >= 1.0)
    self->playing = FALSE;
  notify_time (self, before);
}

/* Makes @spectrum the first @n_terms epicycles of @full (all when 0),
 * with the mean position wherever it stands, since it places the
 * drawing; then samples it and draws the trace again to the current
 * time, as if it had been played there. Locked. */
void
epi_renderer_draw_terms (EpiRenderer *self)
{
  g_clear_pointer (&self->spectrum, epi_spectrum_free);
  g_clear_pointer (&self->samples, g_free);
  g_array_set_size (self->trace, 0);
  self->next_sample = 0;
  invalidate_caches (self);

  if (self->full == NULL)
    return;

  self->spectrum = epi_spectrum_copy_strongest (self->full, self->n_terms);
  self->samples = epi_spectrum_sample (self->spectrum, self->spectrum->n_points);
  extend_trace (self, self->time);
}

/* Strokes the trace from point @first to point @last as one path,
 * lifting the pen where it was lifted. */
static void
stroke_trace (EpiRenderer          *self,
              cairo_t              *cr,
              const cairo_matrix_t *matrix,
              guint                 first,
              guint                 last)
{
  if (self->trace->len == 0)
    return;

  last = MIN (last, self->trace->len - 1);
  if (first > last)
    return;

  epi_ink_stroke (cr, matrix, &g_array_index (self->trace, EpiTracePoint, first),
                  last - first + 1, TRACE_WIDTH);
}

/* The cache for this size, made or recycled as needed, with every trace
 * point drawn in; NULL with @error set when out of memory or cancelled.
 * A cancelled update keeps the blocks it drew, so the next frame goes on
 * from there. */
static TraceCache *
update_trace_cache (EpiRenderer   *self,
                    int            width,
                    int            height,
                    GCancellable  *cancellable,
                    GError       **error)
{
  TraceCache *cache = NULL;
  cairo_matrix_t matrix;
  gint64 started;
  cairo_t *cr;

  for (guint i = 0; i < MAX_CACHES && cache == NULL; i++)
    if (self->caches[i].surface != NULL &&
        self->caches[i].width == width && self->caches[i].height == height)
      cache = &self->caches[i];

  if (cache == NULL)
    {
      /* Reuse the empty slot or the one used longest ago. */
      cache = &self->caches[0];
      for (guint i = 1; i < MAX_CACHES; i++)
        if (self->caches[i].last_use < cache->last_use)
          cache = &self->caches[i];

      g_clear_pointer (&cache->surface, cairo_surface_destroy);
      cache->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cache->width = width;
      cache->height = height;
      cache->n_drawn = 0;
      cache->serial = self->serial;
    }

  cache->last_use = ++self->uses;

  if (cairo_surface_status (cache->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("out of memory for %d×%d"), width, height);
      return NULL;
    }

  cr = cairo_create (cache->surface);

  if (cache->serial != self->serial)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cache->n_drawn = 0;
      cache->serial = self->serial;
    }

  /* A block of a forged drawing's wild strokes takes milliseconds, and a
   * whole trace can hold 2^14 of them. */
  epi_view_get_matrix (&self->view, width, height, &matrix);
  started = g_get_monotonic_time ();
  /* At least one block a frame, so a budgeted view always gets there. */
  for (gboolean first = TRUE;
       cache->n_drawn + BLOCK < self->trace->len && !g_cancellable_is_cancelled (cancellable) &&
       (first || self->catch_up_budget == 0 || g_get_monotonic_time () - started < self->catch_up_budget);
       first = FALSE)
    {
      stroke_trace (self, cr, &matrix, cache->n_drawn, cache->n_drawn + BLOCK);
      cache->n_drawn += BLOCK;
    }

  cairo_destroy (cr);
  cairo_surface_flush (cache->surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return cache;
}

/* Places the circles at the current time and strokes them with their
 * arms; returns the pen's position in drawing coordinates. */
static void
draw_epicycles (EpiRenderer *self,
                cairo_t     *cr,
                int          width,
                int          height,
                double      *pen_x,
                double      *pen_y)
{
  self->circles_drawn = 0;
  if (!self->show_circles)
    {
      epi_spectrum_evaluate (self->spectrum, self->time, pen_x, pen_y);
      return;
    }

  epi_epicycles_place (self->epicycles, self->spectrum, self->time, &self->view, width, height);
  epi_epicycles_stroke (self->epicycles, cr, &self->view, width, height);
  self->circles_drawn = self->epicycles->n_circles;
  *pen_x = self->epicycles->pen_x;
  *pen_y = self->epicycles->pen_y;
}

/* Tells the observers registered when the frame began of frame @frame.
 * An observer may add or remove observers, itself included, and draw
 * frames of its own: the array only grows while any frame tells its
 * observers, a removed entry is left in place with id 0 and skipped,
 * and the last frame to finish telling drops those entries. So no
 * observer is called once epi_renderer_remove_observer() has returned
 * for it or run its destroy notify. */
static void
tell_observers (EpiRenderer *self,
                guint64      frame)
{
  double time = self->time;
  guint n = self->observers->len;

  self->telling++;
  for (guint i = 0; i < n; i++)
    {
      /* A copy: an observer added meanwhile may move the array. */
      Observer o = g_array_index (self->observers, Observer, i);

      if (o.id != 0)
        o.func (self, frame, time, 100.0 * time, o.data);
    }

  if (--self->telling > 0)
    return;

  for (guint i = self->observers->len; i > 0; i--)
    if (g_array_index (self->observers, Observer, i - 1).id == 0)
      g_array_remove_index (self->observers, i - 1);
}

/* Drawing ------------------------------------------------------------------- */

/* Strokes the trace past the @n_cached points its cache holds, then on to the
 * pen at (@pen_x, @pen_y) in drawing coordinates while it is down;
 * @matrix takes drawing coordinates to device pixels. The trace is not
 * empty. */
static void
stroke_trace_to_pen (EpiRenderer          *self,
                     cairo_t              *cr,
                     const cairo_matrix_t *matrix,
                     guint                 n_cached,
                     double                pen_x,
                     double                pen_y)
{
  const EpiTracePoint *last = &g_array_index (self->trace, EpiTracePoint, self->trace->len - 1);

  stroke_trace (self, cr, matrix, n_cached, self->trace->len - 1);
  if (last->pen_down && self->time < 1.0)
    {
      double lx = last->x, ly = last->y;

      cairo_matrix_transform_point (matrix, &lx, &ly);
      cairo_matrix_transform_point (matrix, &pen_x, &pen_y);
      cairo_move_to (cr, lx, ly);
      cairo_line_to (cr, pen_x, pen_y);
      cairo_stroke (cr);
    }
}

/* Draws a frame whose trace is stroked whole (see
 * epi_renderer_strokes_whole_trace()):
 * its cost grows with the trace, or with the trail, but nothing is
 * cached. */
static void
render_whole_trace (EpiRenderer *self,
                    cairo_t     *cr,
                    int          width,
                    int          height)
{
  static const double dark[3] = { 0.12, 0.12, 0.14 };
  double pen_x, pen_y;

  epi_renderer_center_on_pen (self);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_epicycles (self, cr, width, height, &pen_x, &pen_y);
  epi_renderer_stroke_trace (self, cr, &self->view, width, height, dark, pen_x, pen_y);
  epi_epicycles_fill_pen (cr, &self->view, width, height, pen_x, pen_y);
  cairo_restore (cr);
  self->caught_up = TRUE;
}

/**
 * epi_renderer_render_frame_full:
 * @self: the renderer
 * @cr: where to draw; it covers @width × @height device pixels
 * @width: the target's width in device pixels, above 0
 * @height: the target's height in device pixels, above 0
 * @frame: the frame's number, passed on to the observers
 * @cancellable: (nullable): stops the frame between blocks of the trace
 * @error: return location for EPI_ERROR_INVALID_ARGUMENT (a broken or
 *   empty target, no drawing), EPI_ERROR_OUT_OF_MEMORY (no room for the
 *   trace's cache) or G_IO_ERROR_CANCELLED
 *
 * Draws the frame for the current time onto @cr, then tells the
 * observers. Any thread may call it; the renderer's lock is held
 * throughout. A frame draws at most EPI_RENDERER_MAX_CIRCLES circles,
 * so its time is bounded but for the trace it catches up on: after a
 * jump of the clock or a change of view, that is up to one stroke per
 * 64 samples of the trace, which @cancellable can stop within one
 * stroke. A failed or cancelled frame leaves @cr in an unspecified
 * state, tells no observer, and leaves the renderer usable.
 *
 * Returns: whether the frame was drawn
 */
gboolean
epi_renderer_render_frame_full (EpiRenderer   *self,
                                cairo_t       *cr,
                                int            width,
                                int            height,
                                guint64        frame,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  TraceCache *cache;
  cairo_matrix_t matrix;
  double pen_x, pen_y;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cr == NULL || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT, "%s",
                   cr == NULL ? _("no drawing context")
                              : cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("cannot draw at %d×%d"), width, height);
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);

  if (self->spectrum == NULL || self->spectrum->n_terms == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                           _("there is no drawing"));
      return FALSE;
    }

  if (epi_renderer_strokes_whole_trace (self))
    {
      render_whole_trace (self, cr, width, height);
      tell_observers (self, frame);
      return TRUE;
    }

  cache = update_trace_cache (self, width, height, cancellable, error);
  if (cache == NULL)
    return FALSE;

  cairo_save (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, cache->surface, 0, 0);
  cairo_paint (cr);

  draw_epicycles (self, cr, width, height, &pen_x, &pen_y);

  /* A frame out of its catch-up budget shows what is cached and goes on
   * next time. */
  epi_view_get_matrix (&self->view, width, height, &matrix);
  self->caught_up = cache->n_drawn + BLOCK >= self->trace->len;
  if (self->trace->len > 0 && self->caught_up)
    stroke_trace_to_pen (self, cr, &matrix, cache->n_drawn, pen_x, pen_y);
  epi_epicycles_fill_pen (cr, &self->view, width, height, pen_x, pen_y);

  cairo_restore (cr);

  tell_observers (self, frame);

  return TRUE;
}

/* Draws the frame for the current time onto @cr, which covers @width ×
 * @height device pixels, then tells the observers: the live view's
 * epi_renderer_render_frame_full(), which it cannot stop. Any thread may
 * call it. A bad target or an empty renderer is reported with a warning
 * and changes nothing. */
gboolean
epi_renderer_render_frame (EpiRenderer *self,
                           cairo_t     *cr,
                           int          width,
                           int          height,
                           guint64      frame)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  if (epi_renderer_render_frame_full (self, cr, width, height, frame, NULL, &error))
    return TRUE;

  g_warning ("Cannot render frame %" G_GUINT64_FORMAT ": %s", frame, error->message);
  return FALSE;
}

/**
 * epi_renderer_place_frame:
 * @self: the renderer
 * @width: the target's width in device pixels, above 0
 * @height: the target's height in device pixels, above 0
 * @frame: the frame's number, passed on to the observers
 * @epicycles: (out caller-allocates): the chain at the current time, in
 *   @width × @height device pixels; with no circle when they are hidden
 * @view: (out caller-allocates): the view the chain was placed for
 * @time: (out): the current time, in turns
 *
 * The frame for the current time as data, for a view that draws it
 * itself (the app's canvas draws with its toolkit's render nodes): places
 * the chain as epi_renderer_render_frame_full() would draw it, then tells
 * the observers. The trace comes from epi_renderer_copy_trace_from(). Any
 * thread.
 *
 * Returns: FALSE, changing nothing, when there is no drawing or the
 *   target is empty
 */
gboolean
epi_renderer_place_frame (EpiRenderer  *self,
                          int           width,
                          int           height,
                          guint64       frame,
                          EpiEpicycles *epicycles,
                          EpiView      *view,
                          double       *time)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (epicycles != NULL && view != NULL && time != NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (width <= 0 || height <= 0 || self->spectrum == NULL || self->spectrum->n_terms == 0)
    return FALSE;

  epi_renderer_center_on_pen (self);
  if (self->show_circles)
    epi_epicycles_place (epicycles, self->spectrum, self->time, &self->view, width, height);
  else
    {
      epicycles->n_circles = 0;
      epicycles->max_radius = 0;
      epi_spectrum_evaluate (self->spectrum, self->time, &epicycles->pen_x, &epicycles->pen_y);
    }
  self->circles_drawn = epicycles->n_circles;
  *view = self->view;
  *time = self->time;

  tell_observers (self, frame);
  return TRUE;
}

/**
 * epi_renderer_copy_trace_from:
 * @self: the renderer
 * @first: the first trace point wanted
 * @serial: (out): a number that changes whenever drawings of the trace
 *   made before go stale: the trace was cut or cleared, or the view moved
 *
 * The trace from point @first on, so that a view drawing the trace
 * itself copies only what is new. Any thread.
 *
 * Returns: (transfer full): EpiTracePoint in time order, empty when the
 *   trace is not that long; free with g_array_unref()
 */
GArray *
epi_renderer_copy_trace_from (EpiRenderer *self,
                              guint        first,
                              guint64     *serial)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  GArray *points = g_array_new (FALSE, FALSE, sizeof (EpiTracePoint));

  g_return_val_if_fail (EPI_IS_RENDERER (self), points);
  g_return_val_if_fail (serial != NULL, points);

  locker = g_rec_mutex_locker_new (&self->lock);
  *serial = self->serial;
  if (first < self->trace->len)
    g_array_append_vals (points, &g_array_index (self->trace, EpiTracePoint, first),
                         self->trace->len - first);
  return points;
}

/**
 * epi_renderer_get_circles_drawn:
 * @self: the renderer
 *
 * The circles the last frame drawn in full drew, at most
 * EPI_RENDERER_MAX_CIRCLES: for tests and reports. 0 before any frame
 * and when the circles are hidden. Any thread.
 *
 * Returns: a count of circles
 */
guint
epi_renderer_get_circles_drawn (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->circles_drawn;
}

/**
 * epi_renderer_set_catch_up_budget:
 * @self: the renderer
 * @microseconds: how long a frame may spend drawing the trace into its
 *   cache, or 0 (the default) for as long as it takes
 *
 * Bounds a live view's frame after a change of view or a jump of the
 * clock, when the whole trace must be drawn again: once the budget is
 * spent (after one block of 64 samples at least), the frame shows the
 * trace only as far as the cache reaches, and the next frames go on from
 * there (see epi_renderer_is_caught_up()). A drawing of 2^20 samples whose
 * strokes all cross the view takes seconds to draw in full; a main thread
 * must not. Exports keep the default, so that every frame is whole. Any
 * thread.
 */
void
epi_renderer_set_catch_up_budget (EpiRenderer *self,
                                  gint64       microseconds)
{
  g_return_if_fail (EPI_IS_RENDERER (self));
  g_return_if_fail (microseconds >= 0);

  g_rec_mutex_lock (&self->lock);
  self->catch_up_budget = microseconds;
  g_rec_mutex_unlock (&self->lock);
}

/* Whether the last frame drawn showed the whole trace so far; FALSE only
 * after a frame out of its catch-up budget. Any thread. */
gboolean
epi_renderer_is_caught_up (EpiRenderer *self)
{
  gboolean caught_up;

  g_return_val_if_fail (EPI_IS_RENDERER (self), TRUE);

  g_rec_mutex_lock (&self->lock);
  caught_up = self->caught_up;
  g_rec_mutex_unlock (&self->lock);
  return caught_up;
}

/* Public API ---------------------------------------------------------------- */

/* Shows @spectrum (copied) from the start, fitted to the view. */
void
epi_renderer_set_spectrum (EpiRenderer       *self,
                           const EpiSpectrum *spectrum)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  double before;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  before = self->time;

  g_clear_pointer (&self->full, epi_spectrum_free);
  self->time = 0;
  self->n_terms = 0;
  if (spectrum != NULL && spectrum->n_terms > 0 && spectrum->n_points > 0)
    self->full = epi_spectrum_copy (spectrum);
  epi_renderer_draw_terms (self);

  if (self->spectrum != NULL)
    epi_view_init (&self->view, self->spectrum->width, self->spectrum->height);
  else
    epi_view_init (&self->view, 0, 0);
  if (self->follow_pen)
    self->view.zoom = self->follow_zoom;
  epi_renderer_center_on_pen (self);
  notify_time (self, before);
}

/* Whether the renderer holds a drawing. Any thread. */
gboolean
epi_renderer_has_spectrum (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->spectrum != NULL;
}

/* Plays at @speed times the normal pace, clamped to EPI_RENDERER_MIN_SPEED
 * … EPI_RENDERER_MAX_SPEED. A value that is not finite (NaN or ±∞) is
 * ignored, as epi_renderer_zoom_at() and epi_renderer_pan() ignore
 * theirs: it has no sensible clamp and would spoil the clock. */
void
epi_renderer_set_speed (EpiRenderer *self,
                        double       speed)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  if (!isfinite (speed))
    return;

  locker = g_rec_mutex_locker_new (&self->lock);
  self->speed = CLAMP (speed, EPI_RENDERER_MIN_SPEED, EPI_RENDERER_MAX_SPEED);
}

/* How many times faster than EPI_RENDERER_TURN_SECONDS a turn plays,
 * EPI_RENDERER_MIN_SPEED … EPI_RENDERER_MAX_SPEED. Any thread. */
double
epi_renderer_get_speed (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 1.0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->speed;
}

/* Starts or pauses the clock; the next frame carries on from where it
 * stood. A finished drawing stays paused (see epi_renderer_set_time()).
 * Any thread. */
void
epi_renderer_set_playing (EpiRenderer *self,
                          gboolean     playing)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  self->playing = playing && self->time < 1.0;
}

/* Whether the clock runs. Any thread. */
gboolean
epi_renderer_get_playing (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->playing;
}

/* Moves the clock on by @seconds of real time, at the current speed,
 * when playing. */
void
epi_renderer_advance (EpiRenderer *self,
                      double       seconds)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  if (self->playing && seconds > 0)
    move_clock (self, self->time + seconds * self->speed / EPI_RENDERER_TURN_SECONDS);
}

/* Puts the clock at @time turns, clamped to 0 … 1, playing or not. A
 * value that is not finite (NaN or ±∞) is ignored, like the view's. */
void
epi_renderer_set_time (EpiRenderer *self,
                       double       time)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  if (!isfinite (time))
    return;

  locker = g_rec_mutex_locker_new (&self->lock);
  move_clock (self, time);
}

/* Where the drawing stands, in turns, 0 … 1. Any thread. */
double
epi_renderer_get_time (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->time;
}

/* Where the drawing stands, in percent, 0 … 100. Any thread. */
double
epi_renderer_get_percentage (EpiRenderer *self)
{
  return 100.0 * epi_renderer_get_time (self);
}

/* Back to the start with an empty trace; playing or paused as before. */
void
epi_renderer_reset (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  double before;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  before = self->time;
  self->time = 0;
  self->next_sample = 0;
  g_array_set_size (self->trace, 0);
  extend_trace (self, 0);
  invalidate_caches (self);
  notify_time (self, before);
}

/* Forgets the trace drawn so far; the pen goes on drawing from here. */
void
epi_renderer_clear_trace (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  g_array_set_size (self->trace, 0);
  invalidate_caches (self);
}

/* A copy of the trace: EpiTracePoint in time order. */
GArray *
epi_renderer_copy_trace (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return g_array_copy (self->trace);
}

/* Zooms by @factor, keeping the drawing point (@x, @y) where it is. A
 * factor that is not above 0, or a value that is not finite, is ignored. */
void
epi_renderer_zoom_at (EpiRenderer *self,
                      double       factor,
                      double       x,
                      double       y)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  if (epi_view_zoom_at (&self->view, factor, x, y))
    invalidate_caches (self);
  /* Following the pen, the zoom is the one thing the user sets. */
  if (self->follow_pen)
    {
      self->follow_zoom = self->view.zoom;
      epi_renderer_center_on_pen (self);
    }
}

/* Zooms by @factor about the centre of the view (see
 * epi_renderer_zoom_at()); a factor that is not finite and above 0 is
 * ignored. Any thread. */
void
epi_renderer_zoom (EpiRenderer *self,
                   double       factor)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  epi_renderer_zoom_at (self, factor, self->view.center_x, self->view.center_y);
}

/* Moves the view by (@dx, @dy) in drawing coordinates; ignored unless
 * both are finite. */
void
epi_renderer_pan (EpiRenderer *self,
                  double       dx,
                  double       dy)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  if (epi_view_pan (&self->view, dx, dy))
    invalidate_caches (self);
}

/* The whole drawing, centred. */
void
epi_renderer_fit (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  epi_view_fit (&self->view);
  invalidate_caches (self);
}

/**
 * epi_renderer_get_view:
 * @self: a renderer
 * @view: (out caller-allocates): where to copy the view
 *
 * Copies which part of the drawing the renderer shows, and how large, at
 * one moment; the epi_view_*() functions turn it into scales and
 * transforms for a target of any size. Any thread.
 */
void
epi_renderer_get_view (EpiRenderer *self,
                       EpiView     *view)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));
  g_return_if_fail (view != NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  *view = self->view;
}

/* Whether frames draw the circles and arms over the trace. Any thread. */
void
epi_renderer_set_show_circles (EpiRenderer *self,
                               gboolean     show)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  self->show_circles = !!show;
}

/* Whether frames draw the circles and arms. Any thread. */
gboolean
epi_renderer_get_show_circles (EpiRenderer *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_RENDERER (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->show_circles;
}

/**
 * epi_renderer_add_observer:
 * @self: the renderer
 * @observer: told of every frame drawn from the next one on
 * @user_data: passed to @observer
 * @destroy: (nullable): frees @user_data once the observer is removed or
 *   the renderer finalized
 *
 * Registers @observer. Every call registers anew, under an id of its
 * own: the same function and data added twice are told twice a frame
 * and need removing twice. An observer added during a frame is first
 * told of the next one. Any thread.
 *
 * Returns: the observer's id, above 0, for epi_renderer_remove_observer()
 */
guint
epi_renderer_add_observer (EpiRenderer      *self,
                           EpiFrameObserver  observer,
                           gpointer          user_data,
                           GDestroyNotify    destroy)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  Observer o;

  g_return_val_if_fail (EPI_IS_RENDERER (self), 0);
  g_return_val_if_fail (observer != NULL, 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  o.id = ++self->next_observer;
  o.func = observer;
  o.data = user_data;
  o.destroy = destroy;
  g_array_append_val (self->observers, o);

  return o.id;
}

/**
 * epi_renderer_remove_observer:
 * @self: the renderer
 * @id: an id from epi_renderer_add_observer(); an unknown or removed
 *   one, or 0, does nothing
 *
 * Removes the observer @id and runs its destroy notify before returning.
 * It may be called from an observer during a frame, for that observer
 * or another: the removed one is not told of that frame if it has not
 * been yet, nor of any later. Any thread.
 */
void
epi_renderer_remove_observer (EpiRenderer *self,
                              guint        id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_RENDERER (self));

  if (id == 0)
    return;

  locker = g_rec_mutex_locker_new (&self->lock);
  for (guint i = 0; i < self->observers->len; i++)
    {
      Observer *entry = &g_array_index (self->observers, Observer, i);
      Observer o = *entry;

      if (o.id != id)
        continue;

      /* While frames tell their observers, the entry keeps its place so
       * that their loops stay in step; tell_observers() drops it. */
      if (self->telling > 0)
        entry->id = 0;
      else
        g_array_remove_index (self->observers, i);

      if (o.destroy != NULL)
        o.destroy (o.data);
      return;
    }
}

/* GObject -------------------------------------------------------------------- */

static void
epi_renderer_finalize (GObject *object)
{
  EpiRenderer *self = EPI_RENDERER (object);

  for (guint i = 0; i < self->observers->len; i++)
    {
      Observer *o = &g_array_index (self->observers, Observer, i);

      if (o->id != 0 && o->destroy != NULL)
        o->destroy (o->data);
    }
  g_array_unref (self->observers);

  for (guint i = 0; i < MAX_CACHES; i++)
    g_clear_pointer (&self->caches[i].surface, cairo_surface_destroy);

  g_clear_pointer (&self->full, epi_spectrum_free);
  g_clear_pointer (&self->spectrum, epi_spectrum_free);
  g_free (self->samples);
  g_array_unref (self->trace);
  g_free (self->epicycles);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (epi_renderer_parent_class)->finalize (object);
}

static void
epi_renderer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EpiRenderer *self = EPI_RENDERER (object);

  switch (prop_id)
    {
    case PROP_TIME: g_value_set_double (value, epi_renderer_get_time (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_renderer_class_init (EpiRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epi_renderer_finalize;
  object_class->get_property = epi_renderer_get_property;

  /* Where the drawing stands, in turns, 0 … 1: notified on every move of
   * the clock (playing, seeking, resetting, a new drawing), on the thread
   * that moved it, so that a view tells and redraws a seek made behind
   * its back. */
  properties[PROP_TIME] = g_param_spec_double ("time", NULL, NULL, 0, 1, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epi_renderer_init (EpiRenderer *self)
{
  g_rec_mutex_init (&self->lock);
  self->trace = g_array_new (FALSE, FALSE, sizeof (EpiTracePoint));
  self->observers = g_array_new (FALSE, FALSE, sizeof (Observer));
  self->epicycles = g_new0 (EpiEpicycles, 1);
  self->speed = 1.0;
  epi_view_init (&self->view, 0, 0);
  self->show_circles = TRUE;
  self->follow_zoom = EPI_RENDERER_FOLLOW_ZOOM;
  self->caught_up = TRUE;
}

/* Returns: (transfer full): a renderer with no drawing, paused at time 0,
 * speed 1, showing circles. */
EpiRenderer *
epi_renderer_new (void)
{
  return g_object_new (EPI_TYPE_RENDERER, NULL);
}
