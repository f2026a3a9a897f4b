/* epi-export-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between epi-export.c and the writers it dispatches to.
 */

#pragma once

#include <cairo.h>

#include "epi-export.h"

G_BEGIN_DECLS

/* Draws an export's frames, as the live view draws them. */
typedef struct
{
  EpiRenderer     *renderer;   /* owned */
  cairo_surface_t *surface;    /* owned; RGB24 */
  cairo_t         *cr;         /* owned */
  int              width;
  int              height;
} EpiFrameMaker;

void     epi_frame_maker_init  (EpiFrameMaker           *maker,
                                const EpiSpectrum       *spectrum,
                                const EpiExportOptions  *options);
void     epi_frame_maker_clear (EpiFrameMaker           *maker);
gboolean epi_frame_maker_draw  (EpiFrameMaker           *maker,
                                double                   time,
                                guint                    frame,
                                GCancellable            *cancellable,
                                GError                 **error);

/* epi-export-webm.c */
gboolean epi_export_webm_check_system (GError                 **error);
gboolean epi_export_webm       (const EpiSpectrum       *spectrum,
                                const char              *output,
                                const EpiExportOptions  *options,
                                EpiExportProgress        progress,
                                gpointer                 user_data,
                                GCancellable            *cancellable,
                                GError                 **error);

G_END_DECLS
