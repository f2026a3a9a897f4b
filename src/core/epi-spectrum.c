/* epi-spectrum.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Fourier series of a closed path: each term is one epicycle. Terms
 * are kept strongest first, and Parseval's theorem gives the exact error
 * of dropping the rest without rebuilding anything.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fftw3.h>

#include "epi-error.h"
#include "epi-spectrum.h"

/* FFTW's planner is not thread-safe; only plan execution is. A GRecMutex
 * is pthread-based, so ThreadSanitizer sees the ordering it gives. */
static GRecMutex planner_lock;

void
epi_spectrum_options_init (EpiSpectrumOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_terms = 0;
  options->target = EPI_DEFAULT_TARGET;
  options->max_terms = EPI_DEFAULT_MAX_K;
}

EpiSpectrum *
epi_spectrum_new (guint n_terms,
                  guint n_spans)
{
  EpiSpectrum *spectrum = g_new0 (EpiSpectrum, 1);

  spectrum->n_terms = n_terms;
  spectrum->terms = g_new0 (EpiTerm, n_terms);
  spectrum->n_spans = n_spans;
  spectrum->spans = g_new0 (EpiSpan, n_spans);

  return spectrum;
}

EpiSpectrum *
epi_spectrum_copy (const EpiSpectrum *spectrum)
{
  EpiSpectrum *copy;

  g_return_val_if_fail (spectrum != NULL, NULL);

  copy = epi_spectrum_new (spectrum->n_terms, spectrum->n_spans);
  copy->width = spectrum->width;
  copy->height = spectrum->height;
  copy->n_points = spectrum->n_points;
  copy->rmse = spectrum->rmse;
  copy->energy_kept = spectrum->energy_kept;
  if (spectrum->n_terms > 0)
    memcpy (copy->terms, spectrum->terms, sizeof (EpiTerm) * spectrum->n_terms);
  if (spectrum->n_spans > 0)
    memcpy (copy->spans, spectrum->spans, sizeof (EpiSpan) * spectrum->n_spans);

  return copy;
}

void
epi_spectrum_free (EpiSpectrum *spectrum)
{
  if (spectrum == NULL)
    return;

  g_free (spectrum->terms);
  g_free (spectrum->spans);
  g_free (spectrum);
}

double
epi_spectrum_diagonal (const EpiSpectrum *spectrum)
{
  return hypot (spectrum->width, spectrum->height);
}

/* Runs one FFT of size @n in place; @sign is FFTW_FORWARD or FFTW_BACKWARD. */
static void
fft_in_place (fftw_complex *data,
              guint         n,
              int           sign)
{
  fftw_plan plan;

  g_rec_mutex_lock (&planner_lock);
  plan = fftw_plan_dft_1d ((int) n, data, data, sign, FFTW_ESTIMATE);
  g_rec_mutex_unlock (&planner_lock);

  fftw_execute (plan);

  g_rec_mutex_lock (&planner_lock);
  fftw_destroy_plan (plan);
  g_rec_mutex_unlock (&planner_lock);
}

static inline double
term_energy (const EpiTerm *t)
{
  return t->re * t->re + t->im * t->im;
}

/* Strongest first; equal amplitudes by lower frequency, so the order is
 * the same on every machine. */
static int
compare_terms (const void *a,
               const void *b)
{
  const EpiTerm *ta = a;
  const EpiTerm *tb = b;
  double ea = term_energy (ta);
  double eb = term_energy (tb);

  if (ea != eb)
    return ea > eb ? -1 : 1;
  if (abs (ta->frequency) != abs (tb->frequency))
    return abs (ta->frequency) < abs (tb->frequency) ? -1 : 1;
  return (ta->frequency > tb->frequency) - (ta->frequency < tb->frequency);
}

EpiSpectrum *
epi_spectrum_from_path (const EpiPath            *path,
                        const EpiSpectrumOptions *options,
                        GError                  **error)
{
  g_autofree EpiTerm *all = NULL;
  g_autofree double *dropped = NULL;
  EpiSpectrumOptions defaults;
  EpiSpectrum *spectrum;
  fftw_complex *data;
  double total = 0, shape, mean_energy = 0, limit;
  guint n, k;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_spectrum_options_init (&defaults);
      options = &defaults;
    }

  n = path->n_points;
  if (n < 2)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("a path needs at least 2 points, not %u"), n);
      return NULL;
    }
  if (options->n_terms == 0 && !(options->target > 0 && options->target < 1))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("error target %g is out of range (0 to 1)"), options->target);
      return NULL;
    }
  if (options->n_terms == 0 && options->max_terms == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                           _("the term cap must be at least 1"));
      return NULL;
    }

  data = fftw_alloc_complex (n);
  if (data == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("not enough memory for the Fourier transform"));
      return NULL;
    }
  memcpy (data, path->xy, sizeof (fftw_complex) * n);
  fft_in_place (data, n, FFTW_FORWARD);

  /* c_f = (1/N) Σ z_j e^(-2πi f j / N), with f in (-N/2, N/2]. */
  all = g_new (EpiTerm, n);
  for (guint i = 0; i < n; i++)
    {
      all[i].frequency = i <= n / 2 ? (gint32) i : (gint32) i - (gint32) n;
      all[i].re = data[i][0] / n;
      all[i].im = data[i][1] / n;
      total += term_energy (&all[i]);
      if (i == 0)
        mean_energy = term_energy (&all[i]);
    }
  fftw_free (data);

  qsort (all, n, sizeof (EpiTerm), compare_terms);

  /* dropped[k] is the energy of the terms from k on; by Parseval it is the
   * mean squared distance between the path and its first k terms. Summing
   * from the weakest keeps the small tails accurate. */
  dropped = g_new (double, n + 1);
  dropped[n] = 0;
  for (guint i = n; i-- > 0;)
    dropped[i] = dropped[i + 1] + term_energy (&all[i]);

  if (options->n_terms > 0)
    k = MIN (options->n_terms, n);
  else
    {
      double max_mse;

      limit = options->target * hypot (path->width, path->height);
      max_mse = limit * limit;
      k = 1;
      while (k < n && k < options->max_terms && dropped[k] > max_mse)
        k++;
    }

  spectrum = epi_spectrum_new (k, path->n_spans);
  spectrum->width = path->width;
  spectrum->height = path->height;
  spectrum->n_points = n;
  memcpy (spectrum->terms, all, sizeof (EpiTerm) * k);
  if (path->n_spans > 0)
    memcpy (spectrum->spans, path->spans, sizeof (EpiSpan) * path->n_spans);
  spectrum->rmse = sqrt (dropped[k]);

  shape = total - mean_energy;
  spectrum->energy_kept = shape > 0 ? CLAMP (1.0 - dropped[k] / shape, 0.0, 1.0) : 1.0;

  return spectrum;
}

/* The path rebuilt from the kept terms at @n_samples even steps of one
 * turn, by one inverse FFT. Returns 2 * n_samples interleaved doubles. */
double *
epi_spectrum_sample (const EpiSpectrum *spectrum,
                     guint              n_samples)
{
  fftw_complex *data;
  double *xy;

  g_return_val_if_fail (spectrum != NULL, NULL);
  g_return_val_if_fail (n_samples > 0, NULL);

  data = fftw_alloc_complex (n_samples);
  memset (data, 0, sizeof (fftw_complex) * n_samples);

  /* Frequencies fold onto bins modulo the sample count, which is exact
   * whenever n_samples exceeds twice the highest kept frequency. */
  for (guint i = 0; i < spectrum->n_terms; i++)
    {
      gint64 f = spectrum->terms[i].frequency;
      guint bin = (guint) (((f % n_samples) + n_samples) % n_samples);

      data[bin][0] += spectrum->terms[i].re;
      data[bin][1] += spectrum->terms[i].im;
    }

  fft_in_place (data, n_samples, FFTW_BACKWARD);

  xy = g_new (double, 2 * (gsize) n_samples);
  memcpy (xy, data, sizeof (double) * 2 * n_samples);
  fftw_free (data);

  return xy;
}

/* The pen's position at time @t (in turns) by direct summation. */
void
epi_spectrum_evaluate (const EpiSpectrum *spectrum,
                       double             t,
                       double            *x,
                       double            *y)
{
  double sx = 0, sy = 0;

  g_return_if_fail (spectrum != NULL);

  for (guint i = 0; i < spectrum->n_terms; i++)
    {
      const EpiTerm *term = &spectrum->terms[i];
      double angle = 2 * G_PI * term->frequency * t;
      double c = cos (angle), s = sin (angle);

      sx += term->re * c - term->im * s;
      sy += term->re * s + term->im * c;
    }

  if (x != NULL)
    *x = sx;
  if (y != NULL)
    *y = sy;
}
