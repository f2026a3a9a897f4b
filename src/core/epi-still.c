/* epi-still.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The finished drawing as one picture: dark strokes on white, with the
 * pen-up travel left out.
 */

#include "config.h"

#include "epi-i18n.h"

#include "epi-error.h"
#include "epi-still.h"

cairo_surface_t *
epi_still_render (const EpiSpectrum  *spectrum,
                  int                 width,
                  int                 height,
                  double              line_width,
                  GError            **error)
{
  g_autofree double *xy = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double sx, sy;
  guint n;
  gboolean pen_down = FALSE;

  g_return_val_if_fail (spectrum != NULL, NULL);

  if (width <= 0 || height <= 0 || width > EPI_MAX_STILL_SIDE || height > EPI_MAX_STILL_SIDE)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("picture size %d×%d is out of range (1 to %d a side)"),
                   width, height, EPI_MAX_STILL_SIDE);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("cannot make a %d×%d picture: %s"), width, height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  n = spectrum->n_points;
  xy = epi_spectrum_sample (spectrum, n);
  sx = width / spectrum->width;
  sy = height / spectrum->height;

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The path is closed: segment i joins sample i to sample i+1 mod n,
   * and is drawn only when the pen is down at both. */
  for (guint i = 0; i <= n; i++)
    {
      guint j = i % n;
      gboolean down = !epi_spans_contain (spectrum->spans, spectrum->n_spans, j);
      double x = xy[2 * j] * sx;
      double y = xy[2 * j + 1] * sy;

      if (down && pen_down)
        cairo_line_to (cr, x, y);
      else if (down)
        cairo_move_to (cr, x, y);
      pen_down = down;
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* @surface as the bytes of a PNG file. */
GBytes *
epi_png_encode (cairo_surface_t  *surface,
                GError          **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, append_png, png);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("cannot encode the picture: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

GBytes *
epi_still_render_png (const EpiSpectrum  *spectrum,
                      int                 width,
                      int                 height,
                      GError            **error)
{
  cairo_surface_t *surface;
  GBytes *png;
  double line_width = MAX (1.0, MAX (width, height) / 1000.0);

  surface = epi_still_render (spectrum, width, height, line_width, error);
  if (surface == NULL)
    return NULL;

  png = epi_png_encode (surface, error);
  cairo_surface_destroy (surface);
  return png;
}
