/* epi-still.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "epi-spectrum.h"

G_BEGIN_DECLS

/* The range of a still's longest side, in pixels. */
#define EPI_MIN_STILL_SIDE 16
#define EPI_MAX_STILL_SIDE 16384

cairo_surface_t *epi_still_render     (const EpiSpectrum *spectrum,
                                       int                width,
                                       int                height,
                                       double             line_width,
                                       GCancellable      *cancellable,
                                       GError           **error);
GBytes          *epi_still_render_png (const EpiSpectrum *spectrum,
                                       int                width,
                                       int                height,
                                       GCancellable      *cancellable,
                                       GError           **error);
GBytes          *epi_png_encode       (cairo_surface_t   *surface,
                                       GCancellable      *cancellable,
                                       GError           **error);

G_END_DECLS
