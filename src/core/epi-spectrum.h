/* epi-spectrum.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-path.h"

G_BEGIN_DECLS

#define EPI_DEFAULT_TARGET 0.0025
#define EPI_DEFAULT_MAX_K  8192

/* The most terms a spectrum ever keeps, asked for or automatic: one for
 * each sample of the longest path (EPI_MAX_POINTS). It is also the most a
 * sealed drawing can hold, so readers refuse more. */
#define EPI_MAX_TERMS      (1u << 20)

/* The stroke error is the distance between each pen-down sample and its
 * rebuilt position, in working pixels, taken at this percentile over the
 * pen-down samples: a global RMSE lets short strokes (letters) wobble by
 * pixels, this does not, while a few corner samples may still stray. */
#define EPI_STROKE_PERCENTILE      99
#define EPI_DEFAULT_STROKE_BOUND   0.35

typedef struct
{
  guint  n_terms;      /* terms to keep; 0 for automatic */
  double target;       /* automatic: RMSE as a fraction of the frame diagonal */
  double stroke_bound; /* automatic: largest stroke error, in working pixels;
                          INFINITY to go by the RMSE alone */
  guint  max_terms;    /* automatic: never more than this */
  double pixel_size;   /* path units per working pixel: the path is in the
                          original picture's pixels, the lines were found
                          in the working image's (1 when they agree) */
} EpiSpectrumOptions;

/* One epicycle: a circle turning @frequency times per drawing, with the
 * complex amplitude re + i·im. */
typedef struct
{
  gint32 frequency;
  double re;
  double im;
} EpiTerm;

/* The strongest terms of a path's Fourier series, strongest first, with
 * what is needed to draw them again. */
typedef struct
{
  double   width;          /* the frame of the coordinates */
  double   height;
  guint    n_points;       /* samples of the original path */
  guint    n_terms;
  EpiTerm *terms;          /* owned */
  guint    n_spans;
  EpiSpan *spans;          /* owned; pen-up runs in sample indices */
  double   rmse;           /* exact RMSE of the kept terms over the samples */
  double   energy_kept;    /* share of the shape's energy (all but the
                              mean position) that the kept terms carry */
  double   stroke_error;   /* working pixels: the EPI_STROKE_PERCENTILE-th
                              percentile of the distance between the pen-down
                              samples and the kept terms' rebuilt path */
  double   stroke_error_max; /* working pixels: the largest such distance */
  gboolean capped;         /* automatic K stopped at max_terms before the
                              RMSE target and the stroke bound were met */
  gatomicrefcount ref_count; /* private; see epi_spectrum_ref() */
} EpiSpectrum;

/* rmse, energy_kept, stroke_error, stroke_error_max and capped describe
 * the making of a spectrum from a path; a decoded spectrum has them 0. */

#define EPI_TYPE_SPECTRUM (epi_spectrum_get_type ())

GType        epi_spectrum_get_type     (void) G_GNUC_CONST;
void         epi_spectrum_options_init (EpiSpectrumOptions       *options);

EpiSpectrum *epi_spectrum_new          (guint                     n_terms,
                                        guint                     n_spans);
EpiSpectrum *epi_spectrum_copy         (const EpiSpectrum        *spectrum);
EpiSpectrum *epi_spectrum_ref          (EpiSpectrum              *spectrum);
void         epi_spectrum_unref        (EpiSpectrum              *spectrum);
void         epi_spectrum_free         (EpiSpectrum              *spectrum);

EpiSpectrum *epi_spectrum_from_path    (const EpiPath            *path,
                                        const EpiSpectrumOptions *options,
                                        GError                  **error);
double       epi_spectrum_diagonal     (const EpiSpectrum        *spectrum);
guint        epi_spectrum_count_circles (const EpiSpectrum       *spectrum);
EpiSpectrum *epi_spectrum_copy_strongest (const EpiSpectrum      *spectrum,
                                          guint                   n_circles);
double      *epi_spectrum_sample       (const EpiSpectrum        *spectrum,
                                        guint                     n_samples);
void         epi_spectrum_evaluate     (const EpiSpectrum        *spectrum,
                                        double                    t,
                                        double                   *x,
                                        double                   *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiSpectrum, epi_spectrum_unref)

G_END_DECLS
