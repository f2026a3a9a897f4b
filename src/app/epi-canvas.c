/* epi-canvas.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live view: a widget showing the core renderer's drawing, moved on
 * by the frame clock while playing. Scrolling zooms at the pointer and
 * dragging pans. It tells assistive technology which frame it shows and
 * how far the drawing is: only when that changes in a way worth saying
 * (started, paused, finished, each tenth drawn), not every frame. It
 * takes the keyboard too: the arrow keys pan.
 *
 * A frame is made of GTK render nodes (epi-canvas-nodes.c): the renderer
 * places the chain and keeps the trace, the canvas inks the trace into
 * tiles that change only where new ink lands. The paper is the widget's
 * CSS background and the ink its CSS colour, so a dark style gets dark
 * paper and light ink. When a drawing completes, its circles fade out.
 * EPICRYPT_CANVAS=cairo in the environment draws each frame as one
 * canvas-sized cairo picture instead, as exports do: for comparing the
 * two in the frame-rate benchmark.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "epi-canvas-private.h"

#define ZOOM_STEP 1.25
/* How far one press of an arrow key moves the drawing, device pixels. */
#define PAN_STEP 48
/* The percentage told to assistive technology moves in these steps. */
#define ANNOUNCE_STEP 10
/* Of a 60 Hz frame (16.7 ms), what redrawing the trace may take. */
#define CATCH_UP_BUDGET_US 8000
/* How long the circles take to fade out once the drawing completes. */
#define FADE_US            (400 * G_TIME_SPAN_MILLISECOND)

struct _EpiCanvas
{
  GtkWidget    parent_instance;

  EpiRenderer *renderer;     /* owned */
  guint        tick_id;
  guint        catch_up_id;  /* idle: draw again, the trace is not all in yet */
  guint        moved_id;     /* idle: the renderer's clock moved while not ticking */
  gint64       last_tick;    /* frame clock time of the last tick, µs */
  guint64      frame;        /* frames drawn */
  double       fps;
  gint64       fps_since;    /* when the current FPS count started */
  guint        fps_frames;
  double       drag_x;       /* drag offset handled so far, device pixels */
  double       drag_y;
  double       pointer_x;    /* last pointer position, device pixels */
  double       pointer_y;
  double       percentage;   /* as last told */
  double       time;         /* turns, as last notified */
  char        *announced;    /* owned; the description as last told */
  gboolean     told_playing; /* "playing" as last notified */

  EpiInkSheet  *sheet;       /* owned; the trace inked so far */
  EpiEpicycles *epicycles;   /* owned; the chain of the last frame */
  gint64        fade_start;  /* frame clock time the fade began, µs; 0: none */
  double        opacity;     /* of the circles: 1, then down to 0 at the end */
};

/* Whether frames are drawn the old way, as one cairo picture. */
static gboolean draw_with_cairo;

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_FRAME,
  PROP_FPS,
  PROP_PERCENTAGE,
  PROP_HAS_DRAWING,
  PROP_SHOW_CIRCLES,
  PROP_TIME,
  PROP_N_TERMS,
  PROP_MAX_TERMS,
  PROP_FOLLOW_PEN,
  PROP_TRAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpiCanvas, epi_canvas, GTK_TYPE_WIDGET)

static void update_ticking (EpiCanvas *self);
static void report_frames  (EpiCanvas *self);

/* What a screen reader is told of the drawing: its state and how far it
 * is, in steps, so that it speaks when something changes and is silent
 * between. */
static char *
describe_state (EpiCanvas *self,
                double     percentage)
{
  int step = (int) (percentage / ANNOUNCE_STEP) * ANNOUNCE_STEP;

  if (!epi_renderer_has_spectrum (self->renderer))
    return g_strdup (_("No drawing"));
  if (percentage >= 100)
    return g_strdup (_("Drawing finished"));
  if (epi_renderer_get_playing (self->renderer))
    /* Translators: the drawing plays; %d is a multiple of ten. */
    return g_strdup_printf (_("Drawing, %d%% done"), step);
  /* Translators: the drawing is paused; %d is a multiple of ten. */
  return g_strdup_printf (_("Paused, %d%% done"), step);
}

static void
announce_state (EpiCanvas *self)
{
  double percentage = epi_renderer_get_percentage (self->renderer);
  g_autofree char *text = NULL;

  if (percentage / 100 != self->time)
    {
      self->time = percentage / 100;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
    }
  if (round (percentage) != round (self->percentage) || percentage == 0)
    {
      self->percentage = percentage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENTAGE]);
    }

  text = describe_state (self, percentage);
  if (g_strcmp0 (text, self->announced) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  g_free (self->announced);
  self->announced = g_steal_pointer (&text);
}

/* Sets the circles' opacity for frame clock time @now (µs): whole while
 * the drawing is under way, fading out over FADE_US once it completes. */
static void
update_fade (EpiCanvas *self,
             gint64     now)
{
  if (epi_renderer_get_time (self->renderer) < 1.0)
    {
      self->fade_start = 0;
      self->opacity = 1;
      return;
    }

  if (self->fade_start == 0)
    self->fade_start = now;
  self->opacity = MAX (0, 1.0 - (double) (now - self->fade_start) / FADE_US);
}

/* A completed drawing whose circles are still fading out. */
static gboolean
is_fading (EpiCanvas *self)
{
  return epi_renderer_has_spectrum (self->renderer) &&
         epi_renderer_get_time (self->renderer) >= 1.0 && self->opacity > 0;
}

/* The frame rate is a figure of playback: once it stops, there is none. */
static void
stop_counting_frames (EpiCanvas *self)
{
  self->fps_since = 0;
  self->fps_frames = 0;
  self->last_tick = 0;
  if (self->fps != 0)
    {
      self->fps = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FPS]);
    }
}

static void
notify_playing (EpiCanvas *self)
{
  self->told_playing = epi_renderer_get_playing (self->renderer);
  announce_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  EpiCanvas *self = EPI_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean was_playing = epi_renderer_get_playing (self->renderer);

  if (was_playing)
    {
      if (self->last_tick != 0)
        epi_renderer_advance (self->renderer, (now - self->last_tick) / 1e6);
      self->last_tick = now;
      report_frames (self);
    }
  update_fade (self, now);

  gtk_widget_queue_draw (widget);

  /* The drawing finished, here or by a jump of the renderer's clock: the
   * figures stop, the circles fade out, and then the clock is left
   * alone. */
  if (!epi_renderer_get_playing (self->renderer))
    {
      if (self->told_playing)
        {
          stop_counting_frames (self);
          notify_playing (self);
        }
      if (!is_fading (self))
        {
          self->tick_id = 0;
          return G_SOURCE_REMOVE;
        }
    }

  return G_SOURCE_CONTINUE;
}

/* Ticking costs a core at 60 Hz: only while a drawing plays, or its
 * circles fade out. */
static void
update_ticking (EpiCanvas *self)
{
  gboolean playing = epi_renderer_get_playing (self->renderer);
  gboolean want = (playing || is_fading (self)) && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (!playing)
    stop_counting_frames (self);

  if (want && self->tick_id == 0)
    {
      self->last_tick = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* Counting and telling happen here, between frames: notifying from
 * inside a snapshot would resize labels while they are being drawn. */
static void
report_frames (EpiCanvas *self)
{
  gint64 now = g_get_monotonic_time ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);

  if (self->fps_since == 0)
    self->fps_since = now;
  else if (now - self->fps_since >= G_USEC_PER_SEC / 2)
    {
      self->fps = self->fps_frames * 1e6 / (now - self->fps_since);
      self->fps_frames = 0;
      self->fps_since = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FPS]);
    }

  announce_state (self);
}

/* The renderer's clock moved while no tick was running: by a seek made
 * on the renderer itself. Tell and draw it, out of the mover's call. */
static gboolean
clock_moved (gpointer data)
{
  EpiCanvas *self = data;

  self->moved_id = 0;
  update_ticking (self);
  if (self->told_playing != epi_renderer_get_playing (self->renderer))
    notify_playing (self);
  else
    announce_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* A tick tells and draws each move of the clock while playing; any
 * other move waits for an idle. */
static void
on_renderer_time (EpiCanvas *self)
{
  if (self->tick_id == 0 && self->moved_id == 0)
    self->moved_id = g_idle_add (clock_moved, self);
}

static gboolean
catch_up (gpointer data)
{
  EpiCanvas *self = data;

  self->catch_up_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The frame as one canvas-sized cairo picture, as exports draw it. */
static void
snapshot_cairo (EpiCanvas   *self,
                GtkSnapshot *snapshot,
                int          width,
                int          height)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (epi_renderer_render_frame (self->renderer, cr, width, height, self->frame))
    {
      self->frame++;
      self->fps_frames++;
    }
  cairo_destroy (cr);
}

/* The frame as render nodes when the renderer strokes the trace whole
 * (following the pen, or a fading trail): one cairo node of the trace,
 * which changes every frame anyway, with the large circles, and the
 * rest of the chain over it. */
static void
snapshot_whole_trace (EpiCanvas     *self,
                      GtkSnapshot   *snapshot,
                      int            width,
                      int            height,
                      const EpiView *view,
                      const GdkRGBA *ink,
                      double         opacity)
{
  double rgb[3] = { ink->red, ink->green, ink->blue };
  cairo_t *cr;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  epi_renderer_stroke_trace (self->renderer, cr, view, width, height, rgb,
                             self->epicycles->pen_x, self->epicycles->pen_y);
  epi_canvas_stroke_large_circles (cr, self->epicycles, width, height, ink, opacity);
  cairo_destroy (cr);
  epi_canvas_append_epicycles (snapshot, self->epicycles, view, width, height, ink, opacity, TRUE);
  gtk_snapshot_pop (snapshot);
}

/* The frame as render nodes: the inked tiles, the trace's last stretch,
 * and the chain over them. Returns whether the trace is all in. */
static gboolean
snapshot_nodes (EpiCanvas   *self,
                GtkSnapshot *snapshot,
                int          width,
                int          height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GArray) tail = NULL;
  gboolean caught_up;
  double time, opacity;
  EpiView view;
  GdkRGBA ink;

  if (!epi_renderer_place_frame (self->renderer, width, height, self->frame,
                                 self->epicycles, &view, &time))
    return TRUE;
  self->frame++;
  self->fps_frames++;

  /* A completed drawing shows no circles, but while they fade out. */
  opacity = time < 1.0 ? 1.0 : self->tick_id != 0 ? self->opacity : 0.0;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  ink.alpha = 1;

  if (epi_renderer_strokes_whole_trace (self->renderer))
    {
      snapshot_whole_trace (self, snapshot, width, height, &view, &ink, opacity);
      return TRUE;
    }
  tail = epi_ink_sheet_update (self->sheet, self->renderer, &view, width, height,
                               gtk_widget_get_scale_factor (widget), &ink,
                               CATCH_UP_BUDGET_US, &caught_up);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  epi_ink_sheet_snapshot (self->sheet, snapshot);
  /* A frame out of its catch-up budget shows what is inked and goes on
   * next time. */
  if (caught_up)
    epi_canvas_append_tail (snapshot, tail, &view, width, height, &ink,
                            self->epicycles->pen_x, self->epicycles->pen_y, time < 1.0);
  epi_canvas_append_epicycles (snapshot, self->epicycles, &view, width, height, &ink, opacity, FALSE);
  gtk_snapshot_pop (snapshot);

  return caught_up;
}

static void
epi_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  EpiCanvas *self = EPI_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean caught_up;

  if (width <= 0 || height <= 0 || !epi_renderer_has_spectrum (self->renderer))
    return;

  if (draw_with_cairo)
    {
      snapshot_cairo (self, snapshot, width, height);
      caught_up = epi_renderer_is_caught_up (self->renderer);
    }
  else
    caught_up = snapshot_nodes (self, snapshot, width, height);

  /* A trace too long to redraw in one frame's budget goes on next frame. */
  if (!caught_up && self->catch_up_id == 0)
    self->catch_up_id = g_idle_add (catch_up, self);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EpiCanvas                *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

/* Zooms about the drawing point under the pointer. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EpiCanvas                *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  EpiView view;
  double x, y;

  epi_renderer_get_view (self->renderer, &view);
  epi_view_to_drawing (&view, width, height, self->pointer_x, self->pointer_y, &x, &y);
  epi_renderer_zoom_at (self->renderer, pow (ZOOM_STEP, -dy), x, y);
  gtk_widget_queue_draw (widget);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EpiCanvas      *self)
{
  self->drag_x = 0;
  self->drag_y = 0;
  /* A click on the drawing gives it the keys (Space, arrows), as in an
   * image viewer; they would otherwise press the last button used. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                EpiCanvas      *self)
{
  epi_canvas_pan_pixels (self, offset_x - self->drag_x, offset_y - self->drag_y);
  self->drag_x = offset_x;
  self->drag_y = offset_y;
}

/* An arrow key moves the view the way it points, as a scrollbar would:
 * the drawing itself moves the other way. */
static gboolean
on_pan_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);
  epi_canvas_pan_pixels (EPI_CANVAS (widget), -dx * PAN_STEP, -dy * PAN_STEP);
  return TRUE;
}

/* Moves the drawing with the pointer by (@dx, @dy) device pixels. */
void
epi_canvas_pan_pixels (EpiCanvas *self,
                       double     dx,
                       double     dy)
{
  EpiView view;
  double scale;

  g_return_if_fail (EPI_IS_CANVAS (self));

  epi_renderer_get_view (self->renderer, &view);
  scale = epi_view_get_scale (&view, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))),
                              MAX (1, gtk_widget_get_height (GTK_WIDGET (self))));
  epi_renderer_pan (self->renderer, -dx / scale, -dy / scale);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

EpiRenderer *
epi_canvas_get_renderer (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), NULL);
  return self->renderer;
}

/* Whether the desktop wants animations; off, a drawing opens finished. */
static gboolean
animations_enabled (EpiCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/* Shows @spectrum (or nothing) from its start, with all its terms, and
 * plays it; when the desktop asks for less motion (GtkSettings'
 * gtk-enable-animations off), it shows it finished instead. */
void
epi_canvas_set_spectrum (EpiCanvas         *self,
                         const EpiSpectrum *spectrum)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  epi_renderer_set_spectrum (self->renderer, spectrum);
  self->frame = 0;
  if (spectrum != NULL && !animations_enabled (self))
    epi_renderer_set_time (self->renderer, 1.0);
  else
    epi_renderer_set_playing (self->renderer, spectrum != NULL);
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TERMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TERMS]);
  announce_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DRAWING]);
  notify_playing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
epi_canvas_get_playing (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), FALSE);
  return epi_renderer_get_playing (self->renderer);
}

/* Playing a finished drawing starts it again. */
void
epi_canvas_set_playing (EpiCanvas *self,
                        gboolean   playing)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  if (playing && epi_renderer_get_time (self->renderer) >= 1.0)
    epi_renderer_reset (self->renderer);
  if (playing == epi_renderer_get_playing (self->renderer))
    return;

  epi_renderer_set_playing (self->renderer, playing);
  update_ticking (self);
  notify_playing (self);
}

void
epi_canvas_reset (EpiCanvas *self)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  epi_renderer_reset (self->renderer);
  self->frame = 0;
  announce_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
epi_canvas_get_speed (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 1.0);
  return epi_renderer_get_speed (self->renderer);
}

void
epi_canvas_set_speed (EpiCanvas *self,
                      double     speed)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  /* The renderer ignores a speed that is not a number; so does the
   * property. */
  if (!isfinite (speed) ||
      epi_renderer_get_speed (self->renderer) == CLAMP (speed, EPI_RENDERER_MIN_SPEED, EPI_RENDERER_MAX_SPEED))
    return;
  epi_renderer_set_speed (self->renderer, speed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

gboolean
epi_canvas_get_show_circles (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), TRUE);
  return epi_renderer_get_show_circles (self->renderer);
}

/* Whether the epicycles are drawn over the trace. */
void
epi_canvas_set_show_circles (EpiCanvas *self,
                             gboolean   show)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  show = !!show;
  if (epi_renderer_get_show_circles (self->renderer) == show)
    return;
  epi_renderer_set_show_circles (self->renderer, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CIRCLES]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where the drawing stands, in turns, 0 … 1; "time" is notified on every
 * change, each frame while playing. */
double
epi_canvas_get_time (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return epi_renderer_get_time (self->renderer);
}

/* Seeks to @time turns (clamped to 0 … 1), forwards or back, playing or
 * not: the trace is what playing to @time would have drawn, and playing
 * goes on from there. Reaching the end pauses. */
void
epi_canvas_set_time (EpiCanvas *self,
                     double     time)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  if (!isfinite (time))
    return;
  epi_renderer_set_time (self->renderer, time);
  update_ticking (self);
  if (self->told_playing != epi_renderer_get_playing (self->renderer))
    notify_playing (self);
  else
    announce_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How many of the drawing's epicycles draw, strongest first: 1 … K, or 0
 * with no drawing. */
guint
epi_canvas_get_n_terms (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return epi_renderer_get_n_terms (self->renderer);
}

/* Draws only the @n_terms strongest epicycles (0 or K: all of them); the
 * trace is drawn again from their sum at once. */
void
epi_canvas_set_n_terms (EpiCanvas *self,
                        guint      n_terms)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  if (n_terms == 0)
    n_terms = epi_renderer_get_max_terms (self->renderer);
  if (n_terms == epi_renderer_get_n_terms (self->renderer))
    return;
  epi_renderer_set_n_terms (self->renderer, n_terms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TERMS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The drawing's epicycles, K, or 0 with no drawing. */
guint
epi_canvas_get_max_terms (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return epi_renderer_get_max_terms (self->renderer);
}

gboolean
epi_canvas_get_follow_pen (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), FALSE);
  return epi_renderer_get_follow_pen (self->renderer);
}

/* Keeps the view centred on the pen, zoomed in (4× at first; the zoom
 * buttons change it); leaving it fits the drawing again. */
void
epi_canvas_set_follow_pen (EpiCanvas *self,
                           gboolean   follow_pen)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  follow_pen = !!follow_pen;
  if (follow_pen == epi_renderer_get_follow_pen (self->renderer))
    return;
  epi_renderer_set_follow_pen (self->renderer, follow_pen);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_PEN]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
epi_canvas_get_trail (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return epi_renderer_get_trail (self->renderer);
}

/* 0 for the whole drawing, or a fading trail of @trail turns (0 … 1). */
void
epi_canvas_set_trail (EpiCanvas *self,
                      double     trail)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  if (!(trail >= 0 && trail <= 1) || trail == epi_renderer_get_trail (self->renderer))
    return;
  epi_renderer_set_trail (self->renderer, trail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAIL]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
epi_canvas_get_has_drawing (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), FALSE);
  return epi_renderer_has_spectrum (self->renderer);
}

/* The share of the drawing done by now, 0 … 100. The "percentage"
 * property is notified only when its whole number changes. */
double
epi_canvas_get_percentage (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return epi_renderer_get_percentage (self->renderer);
}

void
epi_canvas_zoom (EpiCanvas *self,
                 double     factor)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  epi_renderer_zoom (self->renderer, factor);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
epi_canvas_fit (EpiCanvas *self)
{
  g_return_if_fail (EPI_IS_CANVAS (self));

  /* Fitting the whole drawing is leaving the pen. */
  epi_canvas_set_follow_pen (self, FALSE);
  epi_renderer_fit (self->renderer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint64
epi_canvas_get_frame (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return self->frame;
}

double
epi_canvas_get_fps (EpiCanvas *self)
{
  g_return_val_if_fail (EPI_IS_CANVAS (self), 0);
  return self->fps;
}

static void
epi_canvas_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (epi_canvas_parent_class)->map (widget);
  update_ticking (EPI_CANVAS (widget));
}

static void
epi_canvas_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (epi_canvas_parent_class)->unmap (widget);
  update_ticking (EPI_CANVAS (widget));
}

static void
epi_canvas_dispose (GObject *object)
{
  EpiCanvas *self = EPI_CANVAS (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  g_clear_handle_id (&self->moved_id, g_source_remove);
  if (self->renderer != NULL)
    g_signal_handlers_disconnect_by_data (self->renderer, self);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->announced, g_free);
  g_clear_pointer (&self->sheet, epi_ink_sheet_free);
  g_clear_pointer (&self->epicycles, g_free);

  G_OBJECT_CLASS (epi_canvas_parent_class)->dispose (object);
}

static void
epi_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EpiCanvas *self = EPI_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYING: g_value_set_boolean (value, epi_canvas_get_playing (self)); break;
    case PROP_SPEED: g_value_set_double (value, epi_canvas_get_speed (self)); break;
    case PROP_FRAME: g_value_set_uint64 (value, self->frame); break;
    case PROP_FPS: g_value_set_double (value, self->fps); break;
    case PROP_PERCENTAGE: g_value_set_double (value, self->percentage); break;
    case PROP_HAS_DRAWING: g_value_set_boolean (value, epi_canvas_get_has_drawing (self)); break;
    case PROP_SHOW_CIRCLES: g_value_set_boolean (value, epi_canvas_get_show_circles (self)); break;
    case PROP_TIME: g_value_set_double (value, epi_canvas_get_time (self)); break;
    case PROP_N_TERMS: g_value_set_uint (value, epi_canvas_get_n_terms (self)); break;
    case PROP_MAX_TERMS: g_value_set_uint (value, epi_canvas_get_max_terms (self)); break;
    case PROP_FOLLOW_PEN: g_value_set_boolean (value, epi_canvas_get_follow_pen (self)); break;
    case PROP_TRAIL: g_value_set_double (value, epi_canvas_get_trail (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EpiCanvas *self = EPI_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYING: epi_canvas_set_playing (self, g_value_get_boolean (value)); break;
    case PROP_SPEED: epi_canvas_set_speed (self, g_value_get_double (value)); break;
    case PROP_SHOW_CIRCLES: epi_canvas_set_show_circles (self, g_value_get_boolean (value)); break;
    case PROP_TIME: epi_canvas_set_time (self, g_value_get_double (value)); break;
    case PROP_N_TERMS: epi_canvas_set_n_terms (self, g_value_get_uint (value)); break;
    case PROP_FOLLOW_PEN: epi_canvas_set_follow_pen (self, g_value_get_boolean (value)); break;
    case PROP_TRAIL: epi_canvas_set_trail (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_canvas_class_init (EpiCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = epi_canvas_dispose;
  object_class->get_property = epi_canvas_get_property;
  object_class->set_property = epi_canvas_set_property;
  widget_class->snapshot = epi_canvas_snapshot;
  widget_class->map = epi_canvas_map;
  widget_class->unmap = epi_canvas_unmap;

  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, EPI_RENDERER_MIN_SPEED,
                                                EPI_RENDERER_MAX_SPEED, 1.0, rw);
  properties[PROP_FRAME] = g_param_spec_uint64 ("frame", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_FPS] = g_param_spec_double ("fps", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_PERCENTAGE] = g_param_spec_double ("percentage", NULL, NULL, 0, 100, 0, ro);
  properties[PROP_HAS_DRAWING] = g_param_spec_boolean ("has-drawing", NULL, NULL, FALSE, ro);
  properties[PROP_SHOW_CIRCLES] = g_param_spec_boolean ("show-circles", NULL, NULL, TRUE, rw);
  properties[PROP_TIME] = g_param_spec_double ("time", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_N_TERMS] = g_param_spec_uint ("n-terms", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_MAX_TERMS] = g_param_spec_uint ("max-terms", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FOLLOW_PEN] = g_param_spec_boolean ("follow-pen", NULL, NULL, FALSE, rw);
  properties[PROP_TRAIL] = g_param_spec_double ("trail", NULL, NULL, 0, 1, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "epicanvas");
  draw_with_cairo = g_strcmp0 (g_getenv ("EPICRYPT_CANVAS"), "cairo") == 0;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /* Bindings act only while the canvas has the focus: the arrow keys stay
   * with every other widget. */
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_class_add_binding (widget_class, i == 0 ? GDK_KEY_Left : GDK_KEY_KP_Left, 0,
                                    on_pan_key, "(ii)", -1, 0);
      gtk_widget_class_add_binding (widget_class, i == 0 ? GDK_KEY_Right : GDK_KEY_KP_Right, 0,
                                    on_pan_key, "(ii)", 1, 0);
      gtk_widget_class_add_binding (widget_class, i == 0 ? GDK_KEY_Up : GDK_KEY_KP_Up, 0,
                                    on_pan_key, "(ii)", 0, -1);
      gtk_widget_class_add_binding (widget_class, i == 0 ? GDK_KEY_Down : GDK_KEY_KP_Down, 0,
                                    on_pan_key, "(ii)", 0, 1);
    }
}

static void
epi_canvas_init (EpiCanvas *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;

  self->renderer = epi_renderer_new ();
  g_signal_connect_swapped (self->renderer, "notify::time", G_CALLBACK (on_renderer_time), self);
  self->sheet = epi_ink_sheet_new ();
  self->epicycles = g_new0 (EpiEpicycles, 1);
  self->opacity = 1;
  /* A frame's share of redrawing a long trace: the rest follows in the
   * next frames, so the window answers even for a drawing at the limits. */
  epi_renderer_set_catch_up_budget (self->renderer, CATCH_UP_BUDGET_US);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing"),
                                  -1);
  announce_state (self);
}

GtkWidget *
epi_canvas_new (void)
{
  return g_object_new (EPI_TYPE_CANVAS, NULL);
}
