/* epi-centerline.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-edges.h"
#include "epi-image.h"

G_BEGIN_DECLS

/* Draws thick strokes once, along their middle. A dark line on a light
 * background (or a light one on a dark background) wider than a few
 * pixels, such as a pen stroke, handwriting or the letters of bold text,
 * reaches @edges from the line finder as two parallel outlines; this
 * replaces both by the stroke's centre line. Filled shapes, whose area a
 * thin skeleton cannot explain, keep their outline, and so does ink the
 * line finder did not outline.
 *
 * Strokes are from 3 pixels wide to 2 % of the picture's longest side,
 * but at least 12 and at most 20 pixels, in pixels of @image. The gray
 * (@image->pixels) is searched, and the coverage (@image->alpha) when
 * there is one, where a pale stroke on transparency shows.
 *
 * @edges must have @image's width and height; it is changed in place and
 * stays one pixel wide (8-connected lines with no redundant pixel). Its
 * n_edge_pixels is not updated: call epi_edge_map_count(). Any thread;
 * the two arguments must not be touched elsewhere meanwhile. */
void epi_centerlines_apply (const EpiImage *image,
                            EpiEdgeMap     *edges);

G_END_DECLS
