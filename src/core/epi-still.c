/* epi-still.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The finished drawing as one picture: dark strokes on white, with the
 * pen-up travel left out, inked as the live view inks it (epi-ink.c).
 * The strokes go to cairo a block at a time: one path of a forged
 * drawing's 2^20 wild strokes is beyond cairo's means, and between
 * blocks a cancel is heard.
 */

#include "config.h"

#include "epi-i18n.h"

#include "epi-error.h"
#include "epi-ink.h"
#include "epi-still.h"

/**
 * epi_still_render:
 * @spectrum: the drawing
 * @width: the picture's width in pixels, 1 to EPI_MAX_STILL_SIDE
 * @height: the picture's height in pixels, 1 to EPI_MAX_STILL_SIDE
 * @line_width: the strokes' width in pixels
 * @cancellable: (nullable): stops the drawing between blocks of strokes
 * @error: return location for EPI_ERROR_INVALID_ARGUMENT (a size out of
 *   range), EPI_ERROR_OUT_OF_MEMORY or G_IO_ERROR_CANCELLED
 *
 * Draws every pen-down stroke of @spectrum's path, rebuilt at its
 * n_points samples, stretched over @width × @height. Any thread.
 *
 * Returns: (transfer full): an RGB24 image surface, to free with
 *   cairo_surface_destroy(), or NULL with @error set
 */
cairo_surface_t *
epi_still_render (const EpiSpectrum  *spectrum,
                  int                 width,
                  int                 height,
                  double              line_width,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autofree double *xy = NULL;
  EpiTracePoint block[EPI_INK_BLOCK + 1];
  cairo_matrix_t matrix;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n, n_block = 0;

  g_return_val_if_fail (spectrum != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
  cairo_matrix_init_scale (&matrix, width / spectrum->width, height / spectrum->height);

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* The path is closed: its points run from sample 0 to sample 0 again.
   * A block holds the pen-down points only, as the pen-up ones draw
   * nothing, and ends at the one past EPI_INK_BLOCK, which starts the
   * next block too; round caps and joins make the blocks meet as one
   * line would. */
  for (guint j = 0; j <= n; j++)
    {
      if (!epi_ink_pen_is_down (spectrum, j))
        continue;

      epi_ink_path_point (spectrum, xy, j, &block[n_block++]);
      if (n_block == G_N_ELEMENTS (block))
        {
          epi_ink_stroke (cr, &matrix, block, n_block, line_width);
          if (g_cancellable_is_cancelled (cancellable))
            break;
          block[0] = block[n_block - 1];
          n_block = 1;
        }
    }
  if (n_block > 0 && !g_cancellable_is_cancelled (cancellable))
    epi_ink_stroke (cr, &matrix, block, n_block, line_width);
  cairo_destroy (cr);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}

typedef struct
{
  GByteArray   *png;          /* owned */
  GCancellable *cancellable;  /* unowned; nullable */
} PngWriter;

/* A write error stops libpng, which writes every few kilobytes it
 * compresses: that is how a cancel reaches a large picture's encoding. */
static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  PngWriter *writer = closure;

  if (g_cancellable_is_cancelled (writer->cancellable))
    return CAIRO_STATUS_WRITE_ERROR;

  g_byte_array_append (writer->png, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * epi_png_encode:
 * @surface: an image surface
 * @cancellable: (nullable): stops the encoding
 * @error: return location for EPI_ERROR_OUT_OF_MEMORY or
 *   G_IO_ERROR_CANCELLED
 *
 * @surface as the bytes of a PNG file. Any thread, one surface at a time.
 *
 * Returns: (transfer full): the file's bytes, or NULL with @error set
 */
GBytes *
epi_png_encode (cairo_surface_t  *surface,
                GCancellable     *cancellable,
                GError          **error)
{
  PngWriter writer = { g_byte_array_new (), cancellable };
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, append_png, &writer);
  g_autoptr(GByteArray) png = writer.png;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("cannot encode the picture: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/**
 * epi_still_render_png:
 * @spectrum: the drawing
 * @width: the picture's width in pixels, 1 to EPI_MAX_STILL_SIDE
 * @height: the picture's height in pixels, 1 to EPI_MAX_STILL_SIDE
 * @cancellable: (nullable): stops the drawing and the encoding
 * @error: return location for an error of epi_still_render() or
 *   epi_png_encode(), G_IO_ERROR_CANCELLED among them
 *
 * epi_still_render() with strokes a thousandth of the longest side (at
 * least a pixel), as a PNG file. Any thread.
 *
 * Returns: (transfer full): the file's bytes, or NULL with @error set
 */
GBytes *
epi_still_render_png (const EpiSpectrum  *spectrum,
                      int                 width,
                      int                 height,
                      GCancellable       *cancellable,
                      GError            **error)
{
  cairo_surface_t *surface;
  GBytes *png;
  double line_width = MAX (1.0, MAX (width, height) / 1000.0);

  surface = epi_still_render (spectrum, width, height, line_width, cancellable, error);
  if (surface == NULL)
    return NULL;

  png = epi_png_encode (surface, cancellable, error);
  cairo_surface_destroy (surface);
  return png;
}
