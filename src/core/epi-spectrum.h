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

typedef struct
{
  guint  n_terms;    /* terms to keep; 0 for automatic */
  double target;     /* automatic: RMSE as a fraction of the frame diagonal */
  guint  max_terms;  /* automatic: never more than this */
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
} EpiSpectrum;

void         epi_spectrum_options_init (EpiSpectrumOptions       *options);

EpiSpectrum *epi_spectrum_new          (guint                     n_terms,
                                        guint                     n_spans);
EpiSpectrum *epi_spectrum_copy         (const EpiSpectrum        *spectrum);
void         epi_spectrum_free         (EpiSpectrum              *spectrum);

EpiSpectrum *epi_spectrum_from_path    (const EpiPath            *path,
                                        const EpiSpectrumOptions *options,
                                        GError                  **error);
double       epi_spectrum_diagonal     (const EpiSpectrum        *spectrum);
double      *epi_spectrum_sample       (const EpiSpectrum        *spectrum,
                                        guint                     n_samples);
void         epi_spectrum_evaluate     (const EpiSpectrum        *spectrum,
                                        double                    t,
                                        double                   *x,
                                        double                   *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiSpectrum, epi_spectrum_free)

G_END_DECLS
