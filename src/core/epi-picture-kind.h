/* epi-picture-kind.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-image.h"

G_BEGIN_DECLS

/* Whether @image is drawn rather than photographed: painted in a few
 * colours over flat fields (see epi-picture-kind.c for the measures and
 * the figures behind them). Its colours are counted inside the margin
 * of its top-left pixel's colour, so that the mat around a gray photo
 * does not make it look painted. Any thread. */
gboolean  epi_picture_is_drawn  (const EpiImage *image);

/* A copy of @image with its levels stretched to the full range when it
 * is a picture of little contrast (fog, haze, a faded print: its gray
 * levels, 0.5 % tails left out, span less than 0.6 of the range); NULL
 * when its contrast is ordinary. The caller owns the copy, which has
 * no coverage. Any thread. */
EpiImage *epi_picture_stretched (const EpiImage *image);

G_END_DECLS
