/* epi-canvas-nodes.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's frame as GTK render nodes, so that a frame costs about
 * what changed in it rather than a canvas-sized picture rasterised and
 * uploaded again. The finished trace is inked, a block of EPI_INK_BLOCK
 * segments at a time as the core renderer does, into one sheet in
 * memory cut into tiles; a tile becomes a new texture only when ink
 * lands in it, so GTK keeps the others uploaded. The trace's last
 * unfinished block is a small cairo node around it; circles are rounded
 * borders, arms are rotated colour nodes and the pen a rounded clip.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-canvas-private.h"

#define TILE          256  /* device pixels */
#define ARM_WIDTH     1.0
#define PEN_RADIUS    EPI_EPICYCLES_PEN_RADIUS
/* Circles this large (pixels) are drawn as chords rather than borders. */
#define CHORD_RADIUS  16.0

struct _EpiInkSheet
{
  int              width;     /* pixels */
  int              height;
  int              scale;     /* device pixels per pixel */
  GdkRGBA          ink;
  guint64          serial;    /* the renderer's trace serial inked */
  guint            n_inked;   /* trace points inked: whole blocks */
  cairo_surface_t *surface;   /* owned; the whole sheet, in device pixels */
  int              cols;
  int              rows;
  GdkTexture     **tiles;     /* owned, cols × rows; NULL: blank so far */
  gboolean        *dirty;     /* owned, cols × rows: ink landed since */
};

EpiInkSheet *
epi_ink_sheet_new (void)
{
  return g_new0 (EpiInkSheet, 1);
}

static void
clear_tiles (EpiInkSheet *sheet)
{
  for (int i = 0; i < sheet->cols * sheet->rows; i++)
    g_clear_object (&sheet->tiles[i]);
  g_clear_pointer (&sheet->tiles, g_free);
  g_clear_pointer (&sheet->dirty, g_free);
  sheet->cols = sheet->rows = 0;
}

void
epi_ink_sheet_free (EpiInkSheet *sheet)
{
  if (sheet == NULL)
    return;
  clear_tiles (sheet);
  g_clear_pointer (&sheet->surface, cairo_surface_destroy);
  g_free (sheet);
}

/* Starts a blank sheet of @width × @height pixels at @scale. */
static void
restart (EpiInkSheet   *sheet,
         int            width,
         int            height,
         int            scale,
         const GdkRGBA *ink,
         guint64        serial)
{
  clear_tiles (sheet);
  g_clear_pointer (&sheet->surface, cairo_surface_destroy);

  sheet->width = width;
  sheet->height = height;
  sheet->scale = scale;
  sheet->ink = *ink;
  sheet->serial = serial;
  sheet->n_inked = 0;
  sheet->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (sheet->surface, scale, scale);
  sheet->cols = (width * scale + TILE - 1) / TILE;
  sheet->rows = (height * scale + TILE - 1) / TILE;
  sheet->tiles = g_new0 (GdkTexture *, sheet->cols * sheet->rows);
  sheet->dirty = g_new0 (gboolean, sheet->cols * sheet->rows);
}

/* Marks the tiles under the box (@x0, @y0) – (@x1, @y1), in pixels, as
 * inked. */
static void
mark_box (EpiInkSheet *sheet,
          double       x0,
          double       y0,
          double       x1,
          double       y1)
{
  double pad = EPI_RENDERER_TRACE_WIDTH + 1;
  int tx0, ty0, tx1, ty1;

  if (!(x1 + pad >= 0 && y1 + pad >= 0 && x0 - pad < sheet->width && y0 - pad < sheet->height))
    return;

  tx0 = CLAMP ((int) floor ((x0 - pad) * sheet->scale) / TILE, 0, sheet->cols - 1);
  ty0 = CLAMP ((int) floor ((y0 - pad) * sheet->scale) / TILE, 0, sheet->rows - 1);
  tx1 = CLAMP ((int) floor ((x1 + pad) * sheet->scale) / TILE, 0, sheet->cols - 1);
  ty1 = CLAMP ((int) floor ((y1 + pad) * sheet->scale) / TILE, 0, sheet->rows - 1);
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      sheet->dirty[ty * sheet->cols + tx] = TRUE;
}

/* Marks the tiles under the stroke of @points (in pixels after @matrix)
 * as inked, a segment at a time: a lifted pen may jump across the
 * sheet, and the tiles it jumps over keep their textures. */
static void
mark_dirty (EpiInkSheet          *sheet,
            const cairo_matrix_t *matrix,
            const EpiTracePoint  *points,
            guint                 n_points)
{
  double px = points[0].x, py = points[0].y;

  cairo_matrix_transform_point (matrix, &px, &py);
  mark_box (sheet, px, py, px, py);
  for (guint i = 1; i < n_points; i++)
    {
      double x = points[i].x, y = points[i].y;

      cairo_matrix_transform_point (matrix, &x, &y);
      if (points[i - 1].pen_down)
        mark_box (sheet, MIN (px, x), MIN (py, y), MAX (px, x), MAX (py, y));
      px = x;
      py = y;
    }
}

/* A texture of the sheet's tile (@tx, @ty) as it is now. */
static GdkTexture *
cut_tile (EpiInkSheet *sheet,
          int          tx,
          int          ty)
{
  int device_width = cairo_image_surface_get_width (sheet->surface);
  int device_height = cairo_image_surface_get_height (sheet->surface);
  int stride = cairo_image_surface_get_stride (sheet->surface);
  const guchar *data = cairo_image_surface_get_data (sheet->surface);
  int w = MIN (TILE, device_width - tx * TILE);
  int h = MIN (TILE, device_height - ty * TILE);
  guchar *pixels = g_malloc (4 * w * h);
  g_autoptr(GBytes) bytes = NULL;

  for (int row = 0; row < h; row++)
    memcpy (pixels + 4 * w * row, data + (gsize) (ty * TILE + row) * stride + 4 * tx * TILE, 4 * w);
  bytes = g_bytes_new_take (pixels, 4 * w * h);

  /* Cairo's ARGB32 is premultiplied, in native byte order. */
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, 4 * w);
}

/**
 * epi_ink_sheet_update:
 * @sheet: the sheet
 * @renderer: the drawing
 * @view: the view the frame shows
 * @width: the canvas's size, pixels
 * @scale: device pixels per pixel
 * @ink: the trace's colour
 * @budget: µs the sheet may spend on whole blocks, after one at least
 * @caught_up: (out): whether every whole block is inked
 *
 * Inks the whole blocks of the trace not yet on the sheet, starting
 * again when the renderer's trace or view, the size or the ink changed.
 * Main thread.
 *
 * Returns: (transfer full): the trace past the last whole block inked,
 *   for the caller to draw; free with g_array_unref()
 */
GArray *
epi_ink_sheet_update (EpiInkSheet   *sheet,
                      EpiRenderer   *renderer,
                      const EpiView *view,
                      int            width,
                      int            height,
                      int            scale,
                      const GdkRGBA *ink,
                      gint64         budget,
                      gboolean      *caught_up)
{
  guint64 serial;
  GArray *points = epi_renderer_copy_trace_from (renderer, sheet->n_inked, &serial);
  double rgb[3] = { ink->red, ink->green, ink->blue };
  gint64 started = g_get_monotonic_time ();
  cairo_matrix_t matrix;
  cairo_t *cr;
  guint done = 0;

  if (sheet->surface == NULL || serial != sheet->serial || width != sheet->width ||
      height != sheet->height || scale != sheet->scale || !gdk_rgba_equal (ink, &sheet->ink))
    {
      restart (sheet, width, height, scale, ink, serial);
      g_array_unref (points);
      points = epi_renderer_copy_trace_from (renderer, 0, &serial);
    }

  epi_view_get_matrix (view, width, height, &matrix);
  cr = cairo_create (sheet->surface);
  for (gboolean first = TRUE;
       done + EPI_INK_BLOCK < points->len && (first || g_get_monotonic_time () - started < budget);
       first = FALSE)
    {
      const EpiTracePoint *block = &g_array_index (points, EpiTracePoint, done);

      epi_ink_stroke_rgb (cr, &matrix, block, EPI_INK_BLOCK + 1, EPI_RENDERER_TRACE_WIDTH, rgb);
      mark_dirty (sheet, &matrix, block, EPI_INK_BLOCK + 1);
      done += EPI_INK_BLOCK;
    }
  cairo_destroy (cr);
  cairo_surface_flush (sheet->surface);

  sheet->n_inked += done;
  *caught_up = done + EPI_INK_BLOCK >= points->len;
  g_array_remove_range (points, 0, done);
  return points;
}

/* Appends the sheet's inked tiles, cutting new textures for those that
 * changed. Main thread. */
void
epi_ink_sheet_snapshot (EpiInkSheet *sheet,
                        GtkSnapshot *snapshot)
{
  for (int ty = 0; ty < sheet->rows; ty++)
    for (int tx = 0; tx < sheet->cols; tx++)
      {
        int i = ty * sheet->cols + tx;
        GdkTexture *tile;

        if (sheet->dirty[i])
          {
            g_set_object (&sheet->tiles[i], NULL);
            sheet->tiles[i] = cut_tile (sheet, tx, ty);
            sheet->dirty[i] = FALSE;
          }
        tile = sheet->tiles[i];
        if (tile == NULL)
          continue;

        gtk_snapshot_append_texture (snapshot, tile,
                                     &GRAPHENE_RECT_INIT ((float) tx * TILE / sheet->scale,
                                                          (float) ty * TILE / sheet->scale,
                                                          (float) gdk_texture_get_width (tile) / sheet->scale,
                                                          (float) gdk_texture_get_height (tile) / sheet->scale));
      }
}

/* Appends the trace's unfinished block @tail and, when @to_pen, its
 * line on to the pen at (@pen_x, @pen_y) in drawing coordinates: a
 * cairo node only as large as they are. */
void
epi_canvas_append_tail (GtkSnapshot   *snapshot,
                        GArray        *tail,
                        const EpiView *view,
                        int            width,
                        int            height,
                        const GdkRGBA *ink,
                        double         pen_x,
                        double         pen_y,
                        gboolean       to_pen)
{
  double rgb[3] = { ink->red, ink->green, ink->blue };
  double x0, y0, x1, y1, pad = EPI_RENDERER_TRACE_WIDTH + 1;
  cairo_matrix_t matrix;
  EpiTracePoint *last;
  cairo_t *cr;

  if (tail->len == 0)
    return;

  last = &g_array_index (tail, EpiTracePoint, tail->len - 1);
  to_pen = to_pen && last->pen_down;
  epi_view_get_matrix (view, width, height, &matrix);
  cairo_matrix_transform_point (&matrix, &pen_x, &pen_y);
  x0 = y0 = G_MAXDOUBLE;
  x1 = y1 = -G_MAXDOUBLE;
  if (to_pen)
    {
      x0 = x1 = pen_x;
      y0 = y1 = pen_y;
    }
  /* Only what is inked counts: a lifted pen may jump across the canvas. */
  for (guint i = 0; i < tail->len; i++)
    {
      const EpiTracePoint *p = &g_array_index (tail, EpiTracePoint, i);
      double x = p->x, y = p->y;

      if (!p->pen_down && (i == 0 || !p[-1].pen_down))
        continue;
      cairo_matrix_transform_point (&matrix, &x, &y);
      x0 = MIN (x0, x); y0 = MIN (y0, y);
      x1 = MAX (x1, x); y1 = MAX (y1, y);
    }
  x0 = MAX (x0 - pad, 0); y0 = MAX (y0 - pad, 0);
  x1 = MIN (x1 + pad, width); y1 = MIN (y1 + pad, height);
  if (x1 <= x0 || y1 <= y0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  epi_ink_stroke_rgb (cr, &matrix, (EpiTracePoint *) tail->data, tail->len,
                      EPI_RENDERER_TRACE_WIDTH, rgb);
  if (to_pen)
    {
      double lx = last->x, ly = last->y;

      cairo_matrix_transform_point (&matrix, &lx, &ly);
      cairo_move_to (cr, lx, ly);
      cairo_line_to (cr, pen_x, pen_y);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Whether the ring of @circle crosses the @width × @height canvas:
 * neither wholly outside it nor wholly around it. */
static gboolean
ring_shows (const EpiCircle *circle,
            int              width,
            int              height)
{
  double far_x = MAX (fabs (circle->x), fabs (circle->x - width));
  double far_y = MAX (fabs (circle->y), fabs (circle->y - height));
  double r = circle->radius + 1;

  if (circle->x + r < 0 || circle->y + r < 0 || circle->x - r > width || circle->y - r > height)
    return FALSE;
  return hypot (far_x, far_y) > circle->radius - 1;
}

/* Circle @i's colour: fainter as it is smaller, over @opacity. */
static GdkRGBA
circle_colour (const EpiEpicycles *epicycles,
               guint               i,
               const GdkRGBA      *ink,
               double              opacity)
{
  float alpha = opacity * epi_epicycles_level_alpha (epi_epicycles_circle_level (epicycles, i));
  /* On dark paper (light ink), a lighter blue stands out as well. */
  gboolean dark = 0.2126 * ink->red + 0.7152 * ink->green + 0.0722 * ink->blue > 0.5;

  return dark ? (GdkRGBA) { 0.47, 0.68, 0.98, alpha } : (GdkRGBA) { 0.21, 0.42, 0.78, alpha };
}

/**
 * epi_canvas_stroke_large_circles:
 * @cr: a cairo node's context, in the canvas's pixels
 * @epicycles: the chain, placed for the @width × @height canvas
 * @ink: the trace's colour, which sets the circles' blue
 * @opacity: 0 … 1, to fade the chain out
 *
 * Strokes the circles of CHORD_RADIUS pixels or more with cairo, for a
 * frame that draws a canvas-sized cairo node anyway (the trace stroked
 * whole): a view zoomed in on the pen shows hundreds of large circles,
 * whose chords, a node each, cost GL more than one picture does. Then
 * epi_canvas_append_epicycles() is told they are drawn. Main thread.
 */
void
epi_canvas_stroke_large_circles (cairo_t            *cr,
                                 const EpiEpicycles *epicycles,
                                 int                 width,
                                 int                 height,
                                 const GdkRGBA      *ink,
                                 double              opacity)
{
  if (opacity <= 0)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < epicycles->n_circles; i++)
    {
      const EpiCircle *c = &epicycles->circles[i];
      GdkRGBA colour;

      if (c->radius < CHORD_RADIUS || !ring_shows (c, width, height))
        continue;
      colour = circle_colour (epicycles, i, ink, opacity);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_new_path (cr);
      cairo_arc (cr, c->x, c->y, c->radius, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* One arm from (@x0, @y0) to (@x1, @y1): a thin colour node turned. */
static void
append_arm (GtkSnapshot   *snapshot,
            const GdkRGBA *colour,
            double         x0,
            double         y0,
            double         x1,
            double         y1)
{
  double length = hypot (x1 - x0, y1 - y0);

  if (length < 0.5)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0, y0));
  gtk_snapshot_rotate (snapshot, atan2 (y1 - y0, x1 - x0) * 180 / G_PI);
  gtk_snapshot_append_color (snapshot, colour,
                             &GRAPHENE_RECT_INIT (0, -ARM_WIDTH / 2, length, ARM_WIDTH));
  gtk_snapshot_restore (snapshot);
}

/* A ring of @radius pixels or more as chords of a quarter pixel's sag,
 * each a turned colour node: about its circumference in pixels, where a
 * rounded border fills its whole box (4 r² pixels) in GL's shader. */
static void
append_ring_chords (GtkSnapshot     *snapshot,
                    const EpiCircle *c,
                    const GdkRGBA   *colour,
                    int              width,
                    int              height)
{
  guint n = (guint) CLAMP (ceil (G_PI / acos (1 - 0.25 / c->radius)), 16, 512);
  double step = 2 * G_PI / n;
  double px = c->x + c->radius, py = c->y;

  for (guint k = 1; k <= n; k++)
    {
      double x = c->x + c->radius * cos (k * step), y = c->y + c->radius * sin (k * step);

      /* Chords off the canvas cost nodes for nothing. */
      if (MAX (px, x) >= -1 && MAX (py, y) >= -1 && MIN (px, x) <= width + 1 && MIN (py, y) <= height + 1)
        append_arm (snapshot, colour, px, py, x, y);
      px = x;
      py = y;
    }
}

static void
append_circles (GtkSnapshot        *snapshot,
                const EpiEpicycles *epicycles,
                int                 width,
                int                 height,
                const GdkRGBA      *ink,
                double              opacity,
                gboolean            large_drawn)
{
  const float widths[4] = { 1, 1, 1, 1 };

  for (guint i = 0; i < epicycles->n_circles; i++)
    {
      const EpiCircle *c = &epicycles->circles[i];
      GdkRGBA colour = circle_colour (epicycles, i, ink, opacity);
      GdkRGBA colours[4] = { colour, colour, colour, colour };
      double r = c->radius + 0.5;
      GskRoundedRect ring;

      if (!ring_shows (c, width, height) || (large_drawn && c->radius >= CHORD_RADIUS))
        continue;
      if (c->radius >= CHORD_RADIUS)
        {
          append_ring_chords (snapshot, c, &colour, width, height);
          continue;
        }
      /* A border is drawn inside its box: half a pixel out centres it on
       * the radius, as cairo's stroke is. */
      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (c->x - r, c->y - r, 2 * r, 2 * r), r);
      gtk_snapshot_append_border (snapshot, &ring, widths, colours);
    }
}

/**
 * epi_canvas_append_epicycles:
 * @epicycles: the chain, placed for @view on a @width × @height canvas
 * @ink: the trace's colour; the arms are a fainter one of it
 * @opacity: 0 … 1, to fade the chain out
 * @large_drawn: whether the circles of CHORD_RADIUS or more are drawn
 *   already (epi_canvas_stroke_large_circles())
 *
 * Appends the circles, the arms and the pen, as native nodes. Main
 * thread.
 */
void
epi_canvas_append_epicycles (GtkSnapshot        *snapshot,
                             const EpiEpicycles *epicycles,
                             const EpiView      *view,
                             int                 width,
                             int                 height,
                             const GdkRGBA      *ink,
                             double              opacity,
                             gboolean            large_drawn)
{
  GdkRGBA arm = { ink->red, ink->green, ink->blue, 0.6 * opacity };
  GdkRGBA pen = { 0.85, 0.2, 0.2, opacity };
  double pen_x = epicycles->pen_x, pen_y = epicycles->pen_y;
  cairo_matrix_t matrix;
  GskRoundedRect dot;

  if (opacity <= 0)
    return;

  epi_view_get_matrix (view, width, height, &matrix);
  cairo_matrix_transform_point (&matrix, &pen_x, &pen_y);

  append_circles (snapshot, epicycles, width, height, ink, opacity, large_drawn);
  for (guint i = 0; i < epicycles->n_circles; i++)
    {
      const EpiCircle *c = &epicycles->circles[i];
      double x1 = i + 1 < epicycles->n_circles ? epicycles->circles[i + 1].x : pen_x;
      double y1 = i + 1 < epicycles->n_circles ? epicycles->circles[i + 1].y : pen_y;

      append_arm (snapshot, &arm, c->x, c->y, x1, y1);
    }

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (pen_x - PEN_RADIUS, pen_y - PEN_RADIUS,
                                                              2 * PEN_RADIUS, 2 * PEN_RADIUS),
                                   PEN_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &pen, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}
