/* epi-alpha-lines.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-edges.h"
#include "epi-image.h"

G_BEGIN_DECLS

/* Adds to @edges the outlines of @image's coverage (image->alpha) that the
 * line finder could not see, such as a white logo on a transparent
 * background, which is white on white once composited. An outline is
 * where the coverage crosses one half with a sharp step; where it runs
 * within two pixels of a line already in @edges it is left out, so no
 * line is drawn twice and the mask stays one pixel wide. Does nothing
 * when the picture is opaque (image->alpha is NULL).
 *
 * @edges must have @image's width and height; its n_edge_pixels is not
 * updated (call epi_edge_map_count()). Any thread; the two arguments
 * must not be touched elsewhere meanwhile. */
void epi_alpha_lines_apply (const EpiImage *image,
                            EpiEdgeMap     *edges);

/* As epi_alpha_lines_apply(), for a picture that has no other lines: the
 * outline of coverage at half its strongest, however soft or faint (a
 * blurred or translucent logo), is drawn too. */
void epi_alpha_lines_apply_soft (const EpiImage *image,
                                 EpiEdgeMap     *edges);

G_END_DECLS
