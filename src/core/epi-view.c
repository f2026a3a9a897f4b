/* epi-view.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view onto a drawing: its centre and zoom, and the transforms
 * between drawing and device coordinates they make for a target of a
 * given size. It only transforms; what is drawn, and when, is the
 * renderer's (epi-renderer.c). A drawing fitted at zoom 1 fills
 * EPI_VIEW_FIT_MARGIN of the target on its tighter side, centred.
 *
 * An EpiView is a plain value without a lock: its owner guards it, and
 * any thread may use one it alone holds.
 */

#include "config.h"

#include <math.h>

#include "epi-view.h"

/**
 * epi_view_init:
 * @view: (out caller-allocates): the view to set up
 * @drawing_width: the drawing's width in drawing units, or 0 for none
 * @drawing_height: the drawing's height in drawing units, or 0 for none
 *
 * Sets @view to show a drawing of @drawing_width × @drawing_height whole,
 * centred, at zoom 1. Without a drawing, the centre is (0, 0) and the
 * scale 1.
 */
void
epi_view_init (EpiView *view,
               double   drawing_width,
               double   drawing_height)
{
  g_return_if_fail (view != NULL);

  view->drawing_width = drawing_width;
  view->drawing_height = drawing_height;
  view->center_x = drawing_width / 2;
  view->center_y = drawing_height / 2;
  view->zoom = 1.0;
}

static gboolean
has_drawing (const EpiView *view)
{
  return view->drawing_width != 0 || view->drawing_height != 0;
}

/**
 * epi_view_fit:
 * @view: the view
 *
 * Back to zoom 1, and to the drawing's centre when there is a drawing.
 */
void
epi_view_fit (EpiView *view)
{
  g_return_if_fail (view != NULL);

  view->zoom = 1.0;
  if (has_drawing (view))
    {
      view->center_x = view->drawing_width / 2;
      view->center_y = view->drawing_height / 2;
    }
}

/**
 * epi_view_zoom_at:
 * @view: the view
 * @factor: the zoom's factor, above 0
 * @x: the drawing coordinate that stays in place
 * @y: the drawing coordinate that stays in place
 *
 * Zooms by @factor, within EPI_VIEW_MIN_ZOOM … EPI_VIEW_MAX_ZOOM, keeping
 * the drawing point (@x, @y) where it is on every target. A factor not
 * above 0, or any value that is not finite, is ignored.
 *
 * Returns: whether the call was taken (the view may still be unchanged
 *   at a bound of the zoom)
 */
gboolean
epi_view_zoom_at (EpiView *view,
                  double   factor,
                  double   x,
                  double   y)
{
  double zoom;

  g_return_val_if_fail (view != NULL, FALSE);

  if (!(factor > 0) || !isfinite (factor) || !isfinite (x) || !isfinite (y))
    return FALSE;

  zoom = CLAMP (view->zoom * factor, EPI_VIEW_MIN_ZOOM, EPI_VIEW_MAX_ZOOM);
  factor = zoom / view->zoom;

  /* The fixed point stays: centre' = p − (p − centre) / factor. */
  view->center_x = x - (x - view->center_x) / factor;
  view->center_y = y - (y - view->center_y) / factor;
  view->zoom = zoom;
  return TRUE;
}

/**
 * epi_view_pan:
 * @view: the view
 * @dx: how far to move, in drawing units
 * @dy: how far to move, in drawing units
 *
 * Moves the view's centre by (@dx, @dy); ignored unless both are finite.
 *
 * Returns: whether the call was taken
 */
gboolean
epi_view_pan (EpiView *view,
              double   dx,
              double   dy)
{
  g_return_val_if_fail (view != NULL, FALSE);

  if (!isfinite (dx) || !isfinite (dy))
    return FALSE;

  view->center_x += dx;
  view->center_y += dy;
  return TRUE;
}

/**
 * epi_view_get_scale:
 * @view: the view
 * @width: the target's width in device pixels
 * @height: the target's height in device pixels
 *
 * Returns: device pixels per drawing unit on a @width × @height target;
 *   0 on an empty target when there is a drawing
 */
double
epi_view_get_scale (const EpiView *view,
                    int            width,
                    int            height)
{
  double fit = 1.0;

  g_return_val_if_fail (view != NULL, 1.0);

  if (has_drawing (view))
    fit = EPI_VIEW_FIT_MARGIN * MIN (width / view->drawing_width, height / view->drawing_height);

  return fit * view->zoom;
}

/**
 * epi_view_get_matrix:
 * @view: the view
 * @width: the target's width in device pixels
 * @height: the target's height in device pixels
 * @matrix: (out caller-allocates): drawing → device coordinates
 *
 * The view's transform on a @width × @height target: a point p of the
 * drawing lands on (p − centre) · scale + the target's centre. It can
 * be inverted when the target is at least a pixel each way.
 */
void
epi_view_get_matrix (const EpiView  *view,
                     int             width,
                     int             height,
                     cairo_matrix_t *matrix)
{
  double scale;

  g_return_if_fail (view != NULL);
  g_return_if_fail (matrix != NULL);

  scale = epi_view_get_scale (view, width, height);
  cairo_matrix_init (matrix, scale, 0, 0, scale,
                     width / 2.0 - view->center_x * scale,
                     height / 2.0 - view->center_y * scale);
}

/**
 * epi_view_to_drawing:
 * @view: the view
 * @width: the target's width in device pixels; below 1 counts as 1
 * @height: the target's height in device pixels; below 1 counts as 1
 * @device_x: a point of the target, in device pixels
 * @device_y: a point of the target, in device pixels
 * @x: (out): the drawing coordinate shown there
 * @y: (out): the drawing coordinate shown there
 *
 * The inverse of epi_view_to_device().
 */
void
epi_view_to_drawing (const EpiView *view,
                     int            width,
                     int            height,
                     double         device_x,
                     double         device_y,
                     double        *x,
                     double        *y)
{
  cairo_matrix_t matrix;

  g_return_if_fail (view != NULL);
  g_return_if_fail (x != NULL && y != NULL);

  epi_view_get_matrix (view, MAX (width, 1), MAX (height, 1), &matrix);
  /* The scale is above 0 (the zoom is bounded below), so this inverts. */
  cairo_matrix_invert (&matrix);
  cairo_matrix_transform_point (&matrix, &device_x, &device_y);
  *x = device_x;
  *y = device_y;
}

/**
 * epi_view_to_device:
 * @view: the view
 * @width: the target's width in device pixels; below 1 counts as 1
 * @height: the target's height in device pixels; below 1 counts as 1
 * @x: a point of the drawing, in drawing units
 * @y: a point of the drawing, in drawing units
 * @device_x: (out): where it lands on the target, in device pixels
 * @device_y: (out): where it lands on the target, in device pixels
 *
 * Where the drawing point (@x, @y) lands on a @width × @height target.
 */
void
epi_view_to_device (const EpiView *view,
                    int            width,
                    int            height,
                    double         x,
                    double         y,
                    double        *device_x,
                    double        *device_y)
{
  cairo_matrix_t matrix;

  g_return_if_fail (view != NULL);
  g_return_if_fail (device_x != NULL && device_y != NULL);

  epi_view_get_matrix (view, MAX (width, 1), MAX (height, 1), &matrix);
  cairo_matrix_transform_point (&matrix, &x, &y);
  *device_x = x;
  *device_y = y;
}
