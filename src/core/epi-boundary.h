/* epi-boundary.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-image.h"

G_BEGIN_DECLS

/* Cues measured at every pixel; the model in epi-boundary-model.c is
 * trained on exactly these, in this order. */
#define EPI_BOUNDARY_N_FEATURES 40

/* The boundary finder works on pictures no larger than this a side: its
 * cues are measured in pixels of this scale, the scale of the photos it
 * learned from. */
#define EPI_BOUNDARY_MAX_SIDE 512

/* How likely each pixel is to lie on a boundary a person would draw, with
 * the direction across it. */
typedef struct
{
  guint  width;
  guint  height;
  float *probability; /* owned; width * height, from 0; may pass 1 a little
                       * on the surest lines */
  float *normal_x;    /* owned; width * height, unit vector across the line */
  float *normal_y;
} EpiBoundaryMap;

float          *epi_boundary_features (const EpiImage *image);

EpiBoundaryMap *epi_boundary_detect   (const EpiImage *image);
void            epi_boundary_map_free (EpiBoundaryMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiBoundaryMap, epi_boundary_map_free)

G_END_DECLS
