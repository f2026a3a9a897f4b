/* epi-centerline.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-edges.h"
#include "epi-image.h"

G_BEGIN_DECLS

/* Draws strokes once, along their middle. A dark line on a light
 * background (or a light one on a dark background), such as a pen
 * stroke, handwriting or the letters of text, reaches @edges from the
 * line finder as two parallel outlines, or as blobs and fragments; this
 * replaces the finder's lines on and around the stroke by the stroke's
 * centre line. A stroke counts when the finder outlined it, or when it
 * is clear ink: far darker (or lighter) than an even background, with a
 * sharp rim, as text and line art are and photo texture is not; in a
 * @drawn picture (a logo, line art or text: see epi_edges_detect()),
 * which has no texture, less contrast will do. Filled
 * shapes, whose area a thin skeleton cannot explain, keep their outline,
 * and so does other ink the line finder did not outline.
 *
 * Strokes are at most 2 % of the picture's longest side wide, a bound of
 * at least 12 and at most 20 pixels, in pixels of @image; those the
 * finder outlined are at least 3 pixels wide, clear ink may be 1. The
 * gray (@image->pixels) is searched, and the coverage
 * (@image->alpha) when there is one, where a pale stroke on transparency
 * shows.
 *
 * @edges must have @image's width and height; it is changed in place and
 * stays one pixel wide (8-connected lines with no redundant pixel). Its
 * n_edge_pixels is not updated: call epi_edge_map_count(). Any thread;
 * the two arguments must not be touched elsewhere meanwhile. */
void epi_centerlines_apply (const EpiImage *image,
                            gboolean        drawn,
                            EpiEdgeMap     *edges);

G_END_DECLS
