/* epi-export.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-renderer.h"

G_BEGIN_DECLS

#define EPI_EXPORT_DEFAULT_SIZE 800
#define EPI_EXPORT_MAX_FRAMES   10000

/* Videos: frames per second, the default and the range. */
#define EPI_EXPORT_DEFAULT_FPS  30
#define EPI_EXPORT_MAX_FPS      60

typedef enum
{
  EPI_EXPORT_STILL,   /* NAME.png: the finished drawing */
  EPI_EXPORT_GIF,     /* NAME.gif: an animated GIF that loops */
  EPI_EXPORT_FRAMES,  /* a new folder of numbered PNG frames */
  EPI_EXPORT_SVG,           /* NAME.svg: the finished drawing as vectors */
  EPI_EXPORT_SVG_ANIMATED,  /* NAME.anim.svg: an SVG that draws itself */
  EPI_EXPORT_WEBM,    /* NAME.webm: a video, VP9 (or VP8) in WebM */
} EpiExportKind;

typedef struct
{
  EpiExportKind kind;
  guint         n_frames;      /* GIF and frames: frames of one full turn */
  guint         size;          /* longest side in pixels */
  double        speed;         /* GIF, video and animated SVG playback, as in the live view */
  gboolean      show_circles;
  gboolean      overwrite;
  guint         fps;           /* video: frames per second, 1 to EPI_EXPORT_MAX_FPS */
  /* GIF, video and frames: 0 for the whole drawing, or a trail fading
   * out over this many turns, above 0 and at most 1 (see
   * epi_renderer_set_trail()); a still and the SVGs draw it whole */
  double        trail;
  /* The strongest epicycles drawn, as the viewer's count: 0 for all */
  guint         n_epicycles;
} EpiExportOptions;

/* One kind of export as a user chooses it. A new kind is one more entry
 * in the table epi_export_get_formats() returns (and its writer). */
typedef struct
{
  EpiExportKind  kind;
  const char    *extension;  /* with its dot, e.g. ".png"; "" for a folder */
  const char    *mime_type;  /* of what is written, e.g. "image/png" */
  const char    *label;      /* untranslated; pass through _() to show it */
} EpiExportFormat;

/* Called from the exporting thread after each frame. */
typedef void (*EpiExportProgress) (guint    frame,
                                   guint    n_frames,
                                   gpointer user_data);

void          epi_export_options_init  (EpiExportOptions        *options);
EpiExportKind epi_export_kind_for_path (const char              *output);
const EpiExportFormat *
              epi_export_get_formats   (guint                   *n_formats);
const EpiExportFormat *
              epi_export_get_format    (EpiExportKind            kind);
char         *epi_export_fix_name      (const char              *typed,
                                        EpiExportKind            chosen,
                                        EpiExportKind           *kind);
char         *epi_export_suggest_name  (const char              *picture_name,
                                        const char              *folder,
                                        EpiExportKind            kind);
void          epi_export_frame_size    (const EpiSpectrum       *spectrum,
                                        guint                    size,
                                        int                     *width,
                                        int                     *height);
double        epi_export_duration      (const EpiExportOptions  *options);
guint         epi_export_count_frames  (const EpiExportOptions  *options);

gboolean      epi_export_check_output  (const char              *output,
                                        const EpiExportOptions  *options,
                                        GError                 **error);
gboolean      epi_export               (const EpiSpectrum       *spectrum,
                                        const char              *output,
                                        const EpiExportOptions  *options,
                                        EpiExportProgress        progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        GError                 **error);
void          epi_export_async         (const EpiSpectrum       *spectrum,
                                        const char              *output,
                                        const EpiExportOptions  *options,
                                        EpiExportProgress        progress,
                                        gpointer                 progress_data,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
gboolean      epi_export_finish        (GAsyncResult            *result,
                                        GError                 **error);

G_END_DECLS
