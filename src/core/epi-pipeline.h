/* epi-pipeline.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-edges.h"
#include "epi-image.h"
#include "epi-key.h"
#include "epi-seal.h"
#include "epi-spectrum.h"
#include "epi-trace.h"

G_BEGIN_DECLS

typedef enum
{
  EPI_STAGE_LOAD,
  EPI_STAGE_EDGES,
  EPI_STAGE_TRACE,
  EPI_STAGE_SPECTRUM,
  EPI_STAGE_SEAL,
  EPI_STAGE_OPEN,    /* decrypting: reading and unsealing */
  EPI_STAGE_RENDER,  /* decrypting: drawing the still */
  EPI_N_STAGES /*< skip >*/
} EpiStage;

typedef struct
{
  EpiLoadOptions     load;
  EpiEdgeOptions     edges;
  EpiTraceOptions    trace;
  EpiSpectrumOptions spectrum;  /* its pixel_size is ignored: the pipeline
                                   sets it from the working image */
  gboolean           overwrite; /* replace an existing output */
  gboolean           hide_names; /* the sealed file is given a random name;
                                    the picture's name is only inside */
} EpiEncodeSettings;

/* Figures of one encryption, to report and explain it. */
typedef struct
{
  guint         source_width;   /* the original picture */
  guint         source_height;
  guint         source_frames;  /* pages or frames; only the first is sealed */
  guint         work_width;     /* the working image the lines came from */
  guint         work_height;
  gsize         n_edge_pixels;
  EpiTraceStats trace;
  guint         n_points;       /* N */
  guint         n_terms;        /* K */
  guint         n_circles;      /* the epicycles: K but the mean position */
  double        rmse_fraction;  /* RMSE over the diagonal */
  double        energy_kept;
  double        stroke_error;   /* working pixels, at EPI_STROKE_PERCENTILE
                                   over the pen-down samples */
  double        stroke_error_max; /* working pixels, the worst sample */
  gboolean      capped;         /* spectrum.max_terms stopped automatic K
                                   before the RMSE target and the stroke
                                   bound were both met */
  gsize         payload_bytes;
  gsize         file_bytes;
  double        stage_seconds[EPI_N_STAGES];
} EpiEncodeResult;

/* Figures of a decryption use the same record: the picture's size, N, K,
 * the payload size and the open and render times. */

/* Claims @path for a drawing named after its picture, unless another
 * task of the run holds it (a planned output, or a drawing it claimed):
 * returns whether @path is the caller's now. Called from the thread doing
 * the work. */
typedef gboolean (*EpiOutputClaim) (const char *path,
                                    gpointer    user_data);

/* Called from the thread doing the work, at stage starts and inside long
 * stages, with the share of that stage done. */
typedef void (*EpiProgressFunc) (EpiStage stage,
                                 double   fraction,
                                 gpointer user_data);

const char  *epi_stage_get_name        (EpiStage                 stage);
void         epi_encode_settings_init  (EpiEncodeSettings       *settings);

EpiSpectrum *epi_pipeline_analyze      (const char              *input,
                                        const EpiEncodeSettings *settings,
                                        EpiProgressFunc          progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        EpiEncodeResult         *result,
                                        GError                 **error);
gboolean     epi_pipeline_encrypt      (const char              *input,
                                        const char              *output,
                                        const EpiEncodeSettings *settings,
                                        EpiKeyring              *ring,
                                        EpiProgressFunc          progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        EpiEncodeResult         *result,
                                        EpiSpectrum            **sealed,
                                        GError                 **error);
gboolean     epi_pipeline_check_sealed (const char              *input,
                                        EpiKdfStrength           max_strength,
                                        EpiSealedHeader         *header,
                                        GError                 **error);
EpiSpectrum *epi_pipeline_open         (const char              *input,
                                        EpiKeyring              *ring,
                                        char                   **name,
                                        GError                 **error);
gboolean     epi_pipeline_decrypt      (const char              *input,
                                        const char              *output,
                                        EpiKeyring              *ring,
                                        guint                    size,
                                        gboolean                 overwrite,
                                        EpiOutputClaim           claim,
                                        EpiProgressFunc          progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        EpiEncodeResult         *result,
                                        char                   **written,
                                        GError                 **error);
void         epi_still_size_for        (const EpiSpectrum       *spectrum,
                                        guint                    size,
                                        int                     *width,
                                        int                     *height);

G_END_DECLS
