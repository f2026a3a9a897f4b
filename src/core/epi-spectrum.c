/* epi-spectrum.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Fourier series of a closed path: each term is one epicycle. Terms
 * are kept strongest first, and Parseval's theorem gives the exact error
 * of dropping the rest without rebuilding anything. That error is global,
 * so automatic K also bounds the error along the strokes, which takes
 * rebuilding the path: O(log K) inverse FFTs.
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

/* Sets @options to the defaults: K chosen by the RMSE target
 * (EPI_DEFAULT_TARGET of the diagonal) and the stroke bound
 * (EPI_DEFAULT_STROKE_BOUND pixels), at most EPI_DEFAULT_MAX_K terms, the
 * path in the working image's pixels (pixel_size 1). */
void
epi_spectrum_options_init (EpiSpectrumOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_terms = 0;
  options->target = EPI_DEFAULT_TARGET;
  options->stroke_bound = EPI_DEFAULT_STROKE_BOUND;
  options->max_terms = EPI_DEFAULT_MAX_K;
  options->pixel_size = 1.0;
}

/* A spectrum of @n_terms zeroed terms and @n_spans zeroed pen-up spans,
 * with one reference. Returns: (transfer full): to drop with
 * epi_spectrum_unref(). */
EpiSpectrum *
epi_spectrum_new (guint n_terms,
                  guint n_spans)
{
  EpiSpectrum *spectrum = g_new0 (EpiSpectrum, 1);

  g_atomic_ref_count_init (&spectrum->ref_count);
  spectrum->n_terms = n_terms;
  spectrum->terms = g_new0 (EpiTerm, n_terms);
  spectrum->n_spans = n_spans;
  spectrum->spans = g_new0 (EpiSpan, n_spans);

  return spectrum;
}

/* Returns: (transfer full): a deep copy of @spectrum, with its own
 * reference, for a caller that changes it. */
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
  copy->stroke_error = spectrum->stroke_error;
  copy->stroke_error_max = spectrum->stroke_error_max;
  copy->capped = spectrum->capped;
  if (spectrum->n_terms > 0)
    memcpy (copy->terms, spectrum->terms, sizeof (EpiTerm) * spectrum->n_terms);
  if (spectrum->n_spans > 0)
    memcpy (copy->spans, spectrum->spans, sizeof (EpiSpan) * spectrum->n_spans);

  return copy;
}

/* A spectrum is shared, not copied, once made: whoever holds a
 * reference reads it and nobody changes it any more, so references may
 * travel between threads. */
EpiSpectrum *
epi_spectrum_ref (EpiSpectrum *spectrum)
{
  g_return_val_if_fail (spectrum != NULL, NULL);

  g_atomic_ref_count_inc (&spectrum->ref_count);
  return spectrum;
}

/* Drops a reference to @spectrum; the last one frees it. Any thread;
 * NULL is ignored. */
void
epi_spectrum_unref (EpiSpectrum *spectrum)
{
  if (spectrum == NULL || !g_atomic_ref_count_dec (&spectrum->ref_count))
    return;

  g_free (spectrum->terms);
  g_free (spectrum->spans);
  g_free (spectrum);
}

G_DEFINE_BOXED_TYPE (EpiSpectrum, epi_spectrum, epi_spectrum_ref, epi_spectrum_unref)

/* Drops a reference; the name of the days before sharing. */
void
epi_spectrum_free (EpiSpectrum *spectrum)
{
  epi_spectrum_unref (spectrum);
}

/* The epicycles of @spectrum: its terms but the mean position (of
 * frequency 0), which places the drawing and turns no circle. Any
 * thread. */
guint
epi_spectrum_count_circles (const EpiSpectrum *spectrum)
{
  guint n = 0;

  g_return_val_if_fail (spectrum != NULL, 0);

  for (guint i = 0; i < spectrum->n_terms; i++)
    n += spectrum->terms[i].frequency != 0;
  return n;
}

/* A copy of @spectrum keeping its @n_circles strongest epicycles (0, or
 * as many as it has: all of them) and its mean position wherever it
 * stands, since that places the drawing: the partial sum the viewer's
 * epicycle count draws. Any thread.
 * Returns: (transfer full): a new spectrum */
EpiSpectrum *
epi_spectrum_copy_strongest (const EpiSpectrum *spectrum,
                             guint              n_circles)
{
  EpiSpectrum *copy;
  guint kept = 0, circles = 0;

  g_return_val_if_fail (spectrum != NULL, NULL);

  copy = epi_spectrum_copy (spectrum);
  if (n_circles == 0)
    return copy;
  /* The terms are strongest first: the first circles are the strongest. */
  for (guint i = 0; i < spectrum->n_terms; i++)
    if (spectrum->terms[i].frequency == 0 || circles++ < n_circles)
      copy->terms[kept++] = spectrum->terms[i];
  copy->n_terms = kept;
  return copy;
}

/* The diagonal of the drawing's frame (width × height), in its own units:
 * the length its RMSE is given as a share of. */
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

/* Measures, for a candidate count k, how far the path rebuilt from the
 * k strongest terms strays from the pen-down samples. One buffer and one
 * plan serve every count tried. */
typedef struct
{
  const EpiTerm *terms;    /* all n terms, strongest first; not owned */
  const double  *xy;       /* the path's samples; not owned */
  guint          n;
  guint32       *down;     /* owned; indices of the pen-down samples */
  guint          n_down;
  double        *error;    /* owned; n_down squared distances, working pixels² */
  double         scale;    /* working pixels per path unit */
  fftw_complex  *data;     /* owned */
  fftw_plan      plan;     /* owned */
} StrokeCheck;

static gboolean
stroke_check_init (StrokeCheck   *check,
                   const EpiPath *path,
                   const EpiTerm *terms,
                   double         pixel_size)
{
  guint s = 0;

  memset (check, 0, sizeof *check);
  check->terms = terms;
  check->xy = path->xy;
  check->n = path->n_points;
  check->scale = 1.0 / pixel_size;

  /* The spans are sorted and disjoint: one pass picks the samples between. */
  check->down = g_new (guint32, path->n_points);
  for (guint i = 0; i < path->n_points; i++)
    {
      while (s < path->n_spans && i >= path->spans[s].start + path->spans[s].length)
        s++;
      if (s < path->n_spans && i >= path->spans[s].start)
        continue;
      check->down[check->n_down++] = i;
    }
  check->error = g_new (double, MAX (check->n_down, 1));

  check->data = fftw_alloc_complex (check->n);
  if (check->data == NULL)
    return FALSE;
  g_rec_mutex_lock (&planner_lock);
  check->plan = fftw_plan_dft_1d ((int) check->n, check->data, check->data,
                                  FFTW_BACKWARD, FFTW_ESTIMATE);
  g_rec_mutex_unlock (&planner_lock);

  return check->plan != NULL;
}

static void
stroke_check_clear (StrokeCheck *check)
{
  if (check->plan != NULL)
    {
      g_rec_mutex_lock (&planner_lock);
      fftw_destroy_plan (check->plan);
      g_rec_mutex_unlock (&planner_lock);
    }
  if (check->data != NULL)
    fftw_free (check->data);
  g_free (check->down);
  g_free (check->error);
  memset (check, 0, sizeof *check);
}

/* Fills check->error for the k strongest terms: one inverse FFT. The
 * distances stay squared: the search compares them with the squared
 * bound, and a square root per sample per count tried is most of the
 * search's time. */
static void
stroke_check_measure (StrokeCheck *check,
                      guint        k)
{
  guint n = check->n;

  memset (check->data, 0, sizeof (fftw_complex) * n);
  for (guint i = 0; i < k; i++)
    {
      gint64 f = check->terms[i].frequency;
      guint bin = (guint) ((f + n) % n);

      check->data[bin][0] = check->terms[i].re;
      check->data[bin][1] = check->terms[i].im;
    }

  fftw_execute (check->plan);

  for (guint j = 0; j < check->n_down; j++)
    {
      guint i = check->down[j];

      double dx = (check->data[i][0] - check->xy[2 * i]) * check->scale;
      double dy = (check->data[i][1] - check->xy[2 * i + 1]) * check->scale;

      check->error[j] = dx * dx + dy * dy;
    }
}

/* How many pen-down samples may lie beyond the percentile. */
static guint
stroke_outliers_allowed (guint n_down)
{
  return (guint) ((guint64) n_down * (100 - EPI_STROKE_PERCENTILE) / 100);
}

/* Whether the k strongest terms keep the stroke error within @bound.
 * Counting the samples beyond it is O(N), with no sorting. */
static gboolean
stroke_check_meets (StrokeCheck *check,
                    guint        k,
                    double       bound)
{
  double bound_squared = bound * bound;
  guint over = 0;

  stroke_check_measure (check, k);
  for (guint j = 0; j < check->n_down; j++)
    over += !(check->error[j] <= bound_squared);  /* NaN counts as beyond */

  return over <= stroke_outliers_allowed (check->n_down);
}

/* The value that would be at @nth if @v were sorted; reorders @v.
 * Hoare's selection: O(n) on average. */
static double
select_nth (double *v,
            gssize  n,
            gssize  nth)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              j--;
            }
        }

      /* v[lo..j] ≤ pivot ≤ v[i..hi], and what lies between equals it. */
      if (nth <= j)
        hi = j;
      else if (nth >= i)
        lo = i;
      else
        break;
    }

  return v[nth];
}

static void
stroke_check_report (StrokeCheck *check,
                     guint        k,
                     double      *percentile,
                     double      *max)
{
  double worst = 0;

  *percentile = *max = 0;
  if (check->n_down == 0)
    return;

  stroke_check_measure (check, k);
  for (guint j = 0; j < check->n_down; j++)
    worst = MAX (worst, check->error[j]);
  *max = sqrt (worst);
  *percentile = sqrt (select_nth (check->error, check->n_down,
                                  check->n_down - 1 - stroke_outliers_allowed (check->n_down)));
}

/* The fewest terms, from @k_min (which meets the RMSE target) up to @cap,
 * that meet @bound: doubling, then bisection between a count that fails
 * and one that meets, O(log K) inverse FFTs in all. The stroke error is
 * not strictly monotonic in k, so this is a local minimum: the count
 * returned meets both bounds and the one below it does not. */
static guint
fewest_terms_within (StrokeCheck *check,
                     guint        k_min,
                     guint        cap,
                     double       bound,
                     gboolean    *met)
{
  guint lo = k_min, hi;

  *met = TRUE;
  if (stroke_check_meets (check, k_min, bound))
    return k_min;

  for (;;)
    {
      if (lo >= cap)
        {
          *met = FALSE;
          return cap;
        }
      hi = lo > cap / 2 ? cap : 2 * lo;
      if (stroke_check_meets (check, hi, bound))
        break;
      lo = hi;
    }

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (stroke_check_meets (check, mid, bound))
        hi = mid;
      else
        lo = mid;
    }

  return hi;
}

/* Whether @options can be used on @path, which needs 2 samples or more;
 * sets EPI_ERROR_INVALID_ARGUMENT when not. */
static gboolean
check_options (const EpiPath            *path,
               const EpiSpectrumOptions *options,
               GError                  **error)
{
  guint n = path->n_points;

  if (n < 2)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("a path needs at least 2 points, not %u"), n);
      return FALSE;
    }
  if (options->n_terms == 0 && !(options->target > 0 && options->target < 1))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("error target %g is out of range (0 to 1)"), options->target);
      return FALSE;
    }
  if (options->n_terms == 0 && !(options->stroke_bound > 0))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("stroke error bound %g is out of range (above 0 pixels)"),
                   options->stroke_bound);
      return FALSE;
    }
  if (options->n_terms == 0 && options->max_terms == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                           _("the term cap must be at least 1"));
      return FALSE;
    }
  if (!(options->pixel_size > 0 && isfinite (options->pixel_size)))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("pixel size %g is out of range (above 0)"), options->pixel_size);
      return FALSE;
    }
  return TRUE;
}

/* All path->n_points Fourier terms of @path, strongest first (free with
 * g_free()), with their total energy in @total and that of the mean
 * (frequency 0) in @mean_energy, in squared path units. NULL with
 * EPI_ERROR_OUT_OF_MEMORY when FFTW has no room. */
static EpiTerm *
all_terms (const EpiPath  *path,
           double         *total,
           double         *mean_energy,
           GError        **error)
{
  guint n = path->n_points;
  fftw_complex *data;
  EpiTerm *all;

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
  *total = 0;
  *mean_energy = 0;
  all = g_new (EpiTerm, n);
  for (guint i = 0; i < n; i++)
    {
      all[i].frequency = i <= n / 2 ? (gint32) i : (gint32) i - (gint32) n;
      all[i].re = data[i][0] / n;
      all[i].im = data[i][1] / n;
      *total += term_energy (&all[i]);
      if (i == 0)
        *mean_energy = term_energy (&all[i]);
    }
  fftw_free (data);

  qsort (all, n, sizeof (EpiTerm), compare_terms);
  return all;
}

/* The n + 1 tail energies of the @n terms @all, strongest first (free
 * with g_free()): dropped[k] is the energy of the terms from k on; by
 * Parseval it is the mean squared distance between the path and its
 * first k terms. Summing from the weakest keeps the small tails accurate. */
static double *
dropped_energies (const EpiTerm *all,
                  guint          n)
{
  double *dropped = g_new (double, n + 1);

  dropped[n] = 0;
  for (guint i = n; i-- > 0;)
    dropped[i] = dropped[i + 1] + term_energy (&all[i]);
  return dropped;
}

/* How many of the strongest terms to keep (see epi_spectrum_from_path()),
 * with @capped set when options->max_terms stopped the search before the
 * error target and the stroke bound were both met. */
static guint
choose_term_count (const EpiPath            *path,
                   const EpiSpectrumOptions *options,
                   const double             *dropped,
                   StrokeCheck              *check,
                   gboolean                 *capped)
{
  guint n = path->n_points;
  guint cap, k;
  gboolean stroke_met = TRUE;
  double limit, max_mse;

  *capped = FALSE;
  if (options->n_terms > 0)
    return MIN (MIN (options->n_terms, n), EPI_MAX_TERMS);

  cap = MIN (MIN (options->max_terms, n), EPI_MAX_TERMS);
  limit = options->target * hypot (path->width, path->height);
  max_mse = limit * limit;
  k = 1;
  while (k < cap && dropped[k] > max_mse)
    k++;

  /* The RMSE only falls as terms are added, so the stroke search
   * starts where it is met. */
  if (isfinite (options->stroke_bound))
    k = fewest_terms_within (check, k, cap, options->stroke_bound, &stroke_met);
  *capped = dropped[k] > max_mse || !stroke_met;
  return k;
}

/* A new spectrum of the @k strongest terms of @all, in @path's frame and
 * with its pen-up spans, with its errors measured: the RMSE from
 * @dropped, the stroke error from @check, and the share of the shape's
 * energy (@total less @mean_energy) that was kept. */
static EpiSpectrum *
spectrum_of_first_terms (const EpiPath *path,
                         const EpiTerm *all,
                         guint          k,
                         const double  *dropped,
                         StrokeCheck   *check,
                         double         total,
                         double         mean_energy)
{
  EpiSpectrum *spectrum;
  double shape;

  spectrum = epi_spectrum_new (k, path->n_spans);
  spectrum->width = path->width;
  spectrum->height = path->height;
  spectrum->n_points = path->n_points;
  memcpy (spectrum->terms, all, sizeof (EpiTerm) * k);
  if (path->n_spans > 0)
    memcpy (spectrum->spans, path->spans, sizeof (EpiSpan) * path->n_spans);
  spectrum->rmse = sqrt (dropped[k]);
  stroke_check_report (check, k, &spectrum->stroke_error, &spectrum->stroke_error_max);

  shape = total - mean_energy;
  spectrum->energy_kept = shape > 0 ? CLAMP (1.0 - dropped[k] / shape, 0.0, 1.0) : 1.0;
  return spectrum;
}

/**
 * epi_spectrum_from_path:
 * @path: a closed pen path of at least 2 samples, in any frame units
 * @options: (nullable): how many terms to keep; NULL for the defaults
 * @error: return location for an EPI_ERROR_INVALID_ARGUMENT (bad options,
 *   too short a path) or EPI_ERROR_OUT_OF_MEMORY
 *
 * Takes the Fourier series of @path and keeps the strongest terms: a
 * fixed number, or with options->n_terms 0 the fewest whose RMSE is at
 * most options->target × the frame diagonal AND whose stroke error (see
 * EPI_STROKE_PERCENTILE) is within options->stroke_bound working pixels,
 * never more than options->max_terms (spectrum->capped says when that
 * stopped the search), and in any case never more than EPI_MAX_TERMS. The stroke error is measured in every case, one
 * inverse FFT per count tried, O(log K) of them.
 *
 * The spectrum keeps @path's frame (width and height) and units: each
 * term's amplitude (re, im) is in those units, its frequency in turns per
 * drawing; n_points is the path's number of samples and the pen-up spans
 * are copied in samples. Safe to call from any thread; @path is only
 * read.
 *
 * Returns: (transfer full): the spectrum, to free with epi_spectrum_free(),
 *   or NULL with @error set
 */
EpiSpectrum *
epi_spectrum_from_path (const EpiPath            *path,
                        const EpiSpectrumOptions *options,
                        GError                  **error)
{
  g_autofree EpiTerm *all = NULL;
  g_autofree double *dropped = NULL;
  EpiSpectrumOptions defaults;
  EpiSpectrum *spectrum;
  StrokeCheck check;
  double total, mean_energy;
  gboolean capped;
  guint k;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_spectrum_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (path, options, error))
    return NULL;

  all = all_terms (path, &total, &mean_energy, error);
  if (all == NULL)
    return NULL;
  dropped = dropped_energies (all, path->n_points);

  if (!stroke_check_init (&check, path, all, options->pixel_size))
    {
      stroke_check_clear (&check);
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("not enough memory for the Fourier transform"));
      return NULL;
    }

  k = choose_term_count (path, options, dropped, &check, &capped);
  spectrum = spectrum_of_first_terms (path, all, k, dropped, &check, total, mean_energy);
  spectrum->capped = capped;
  stroke_check_clear (&check);

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
