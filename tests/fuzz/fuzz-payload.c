/* fuzz-payload.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the payload decoder on raw bytes, and whatever it
 * accepts drawn by the renderer and as a still.
 */

#include "config.h"

#include "epi-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(EpiSpectrum) spectrum = epi_payload_decode (data, size, NULL);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(EpiRenderer) renderer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (spectrum == NULL)
    return 0;

  /* Whatever decodes encodes back to the same bytes. */
  again = epi_payload_encode (spectrum);
  input = g_bytes_new_static (data, size);
  if (!g_bytes_equal (again, input))
    __builtin_trap ();

  /* Accepted drawings are drawable, however odd. Huge sample counts are
   * valid but slow to draw; the decoder's own limits are what is fuzzed. */
  if (spectrum->n_points > 1 << 16)
    return 0;

  renderer = epi_renderer_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 48, 32);
  cr = cairo_create (surface);
  epi_renderer_set_spectrum (renderer, spectrum);
  epi_renderer_set_time (renderer, 0.5);
  epi_renderer_render_frame (renderer, cr, 48, 32, 0);
  epi_renderer_set_time (renderer, 1.0);
  epi_renderer_render_frame (renderer, cr, 48, 32, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  surface = epi_still_render (spectrum, 40, 30, 1.0, NULL, NULL);
  if (surface != NULL)
    cairo_surface_destroy (surface);

  return 0;
}
