/* epi-payload.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clear-text inside a sealed file, version 1, all little-endian:
 *
 *   u32 version   u32 width   u32 height   u32 N   u32 K   u32 S
 *   S × (u32 start, u32 length)           pen-up runs of samples
 *   K × (f64 frequency, f64 re, f64 im)   terms, strongest first
 *
 * Width and height are the original picture's; coordinates are in its
 * pixels. N is at most EPI_MAX_POINTS and K at most N and EPI_MAX_TERMS. Decoding checks every count against the length first, so no
 * large allocation happens for bytes that cannot be valid.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <string.h>

#include "epi-error.h"
#include "epi-path.h"
#include "epi-payload.h"

/* A path has at most one term per sample, so the writer's two limits
 * agree; the reader checks both. */
G_STATIC_ASSERT (EPI_MAX_TERMS == EPI_MAX_POINTS);

/* No coefficient of a path inside a frame of at most 2^20 pixels a side
 * comes near this; anything larger is damage. */
#define MAX_AMPLITUDE 1e8

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
put_f64 (GByteArray *out,
         double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 le;

  memcpy (&le, p, sizeof le);
  return GUINT32_FROM_LE (le);
}

static double
get_f64 (const guint8 *p)
{
  guint64 bits;
  double value;

  memcpy (&bits, p, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&value, &bits, sizeof value);
  return value;
}

/**
 * epi_payload_encode:
 * @spectrum: the drawing; only read. Its width and height (pixels of the
 *   original picture) are rounded to whole pixels; the figures of its
 *   making (rmse, stroke error…) are not written.
 *
 * Writes @spectrum in the format at the head of this file: 24 header
 * bytes, 8 bytes a pen-up span (in samples) and 24 bytes a term (its
 * frequency in turns per drawing, its amplitude in pixels). It cannot
 * fail. Any thread.
 *
 * Returns: (transfer full): the payload bytes, to release with
 *   g_bytes_unref()
 */
GBytes *
epi_payload_encode (const EpiSpectrum *spectrum)
{
  GByteArray *out;

  g_return_val_if_fail (spectrum != NULL, NULL);

  out = g_byte_array_sized_new (EPI_PAYLOAD_HEADER_SIZE + 8 * spectrum->n_spans +
                                24 * spectrum->n_terms);

  put_u32 (out, EPI_PAYLOAD_VERSION);
  put_u32 (out, (guint32) lround (spectrum->width));
  put_u32 (out, (guint32) lround (spectrum->height));
  put_u32 (out, spectrum->n_points);
  put_u32 (out, spectrum->n_terms);
  put_u32 (out, spectrum->n_spans);

  for (guint i = 0; i < spectrum->n_spans; i++)
    {
      put_u32 (out, spectrum->spans[i].start);
      put_u32 (out, spectrum->spans[i].length);
    }

  for (guint i = 0; i < spectrum->n_terms; i++)
    {
      put_f64 (out, spectrum->terms[i].frequency);
      put_f64 (out, spectrum->terms[i].re);
      put_f64 (out, spectrum->terms[i].im);
    }

  return g_byte_array_free_to_bytes (out);
}

static gboolean
bad_payload (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_payload (GError    **error,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD, _("damaged drawing data: %s"), message);
  return FALSE;
}

/* The fixed fields at the head of a payload, as stored. */
typedef struct
{
  guint32 version;
  guint32 width;     /* of the original picture, in pixels */
  guint32 height;
  guint32 n_points;  /* samples of the path */
  guint32 n_terms;
  guint32 n_spans;   /* pen-up runs */
} PayloadHeader;

/* Reads the header fields of the @length bytes at @data into @header,
 * unchecked; FALSE with EPI_ERROR_BAD_PAYLOAD when they are not all there. */
static gboolean
read_header (const guint8   *data,
             gsize           length,
             PayloadHeader  *header,
             GError        **error)
{
  if (length < EPI_PAYLOAD_HEADER_SIZE)
    return bad_payload (error, _("%zu bytes is shorter than its header"), length);

  header->version = get_u32 (data);
  header->width = get_u32 (data + 4);
  header->height = get_u32 (data + 8);
  header->n_points = get_u32 (data + 12);
  header->n_terms = get_u32 (data + 16);
  header->n_spans = get_u32 (data + 20);
  return TRUE;
}

/* Whether @header is of this version, within the writer's limits, and
 * describes exactly @length bytes; sets EPI_ERROR_UNSUPPORTED or
 * EPI_ERROR_BAD_PAYLOAD when not. */
static gboolean
check_header (const PayloadHeader  *header,
              gsize                 length,
              GError              **error)
{
  guint32 n = header->n_points, k = header->n_terms, s = header->n_spans;
  guint64 expected;

  if (header->version != EPI_PAYLOAD_VERSION)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("drawing data version %u is not supported (this is version %u)"),
                   header->version, EPI_PAYLOAD_VERSION);
      return FALSE;
    }
  if (header->width == 0 || header->height == 0 ||
      header->width > EPI_PAYLOAD_MAX_SIDE || header->height > EPI_PAYLOAD_MAX_SIDE)
    return bad_payload (error, _("impossible picture size %u×%u"), header->width, header->height);
  if (n < 2 || n > EPI_MAX_POINTS)
    return bad_payload (error, _("impossible sample count %u"), n);
  /* Every term is a circle to draw on every frame: no more than any
   * writer keeps. */
  if (k > EPI_MAX_TERMS)
    return bad_payload (error, _("%u terms where a drawing has at most %u"), k, EPI_MAX_TERMS);
  if (k == 0 || k > n)
    return bad_payload (error, _("impossible term count %u for %u samples"), k, n);
  /* Runs are separated by at least one drawn sample. */
  if (s > n / 2)
    return bad_payload (error, _("impossible pen-up run count %u for %u samples"), s, n);

  expected = EPI_PAYLOAD_HEADER_SIZE + 8 * (guint64) s + 24 * (guint64) k;
  if (length != expected)
    return bad_payload (error, _("%zu bytes where %llu were expected"),
                        length, (unsigned long long) expected);
  return TRUE;
}

/* Reads spectrum->n_spans pen-up runs of 8 bytes each from *@p into
 * @spectrum, moving *@p past them; each must start after the previous
 * one ends and lie within the spectrum's samples. */
static gboolean
read_spans (EpiSpectrum    *spectrum,
            const guint8  **p,
            GError        **error)
{
  for (guint i = 0; i < spectrum->n_spans; i++, *p += 8)
    {
      guint32 start = get_u32 (*p);
      guint32 len = get_u32 (*p + 4);
      guint64 min_start = i == 0 ? 0 : (guint64) spectrum->spans[i - 1].start + spectrum->spans[i - 1].length + 1;

      if (len == 0 || start < min_start || (guint64) start + len > spectrum->n_points)
        return bad_payload (error, _("pen-up run %u is out of order or out of range"), i);
      spectrum->spans[i].start = start;
      spectrum->spans[i].length = len;
    }
  return TRUE;
}

/* Reads spectrum->n_terms terms of 24 bytes each (frequency, re, im as
 * doubles) from @p into @spectrum, refusing impossible frequencies and
 * amplitudes and a frequency given twice. */
static gboolean
read_terms (EpiSpectrum   *spectrum,
            const guint8  *p,
            GError       **error)
{
  guint32 n = spectrum->n_points;
  g_autofree guint8 *seen = NULL;
  gint64 max_f, min_f;

  /* Frequencies are whole numbers in (-N/2, N/2], each at most once. */
  max_f = n / 2;
  min_f = -(gint64) ((n - 1) / 2);
  seen = g_malloc0 (n / 8 + 1);
  for (guint i = 0; i < spectrum->n_terms; i++, p += 24)
    {
      double f = get_f64 (p);
      double re = get_f64 (p + 8);
      double im = get_f64 (p + 16);
      gint64 fi;
      guint bin;

      /* -0 is refused too: it is no frequency the encoder writes. */
      if (!isfinite (f) || f != floor (f) || f < min_f || f > max_f || (f == 0 && signbit (f)))
        return bad_payload (error, _("term %u has an impossible frequency"), i);
      if (!isfinite (re) || !isfinite (im) || fabs (re) > MAX_AMPLITUDE || fabs (im) > MAX_AMPLITUDE)
        return bad_payload (error, _("term %u has an impossible amplitude"), i);

      fi = (gint64) f;
      bin = (guint) ((fi + n) % n);
      if (seen[bin / 8] & (1u << (bin % 8)))
        return bad_payload (error, _("frequency %lld appears twice"), (long long) fi);
      seen[bin / 8] |= (guint8) (1u << (bin % 8));

      spectrum->terms[i].frequency = (gint32) fi;
      spectrum->terms[i].re = re;
      spectrum->terms[i].im = im;
    }
  return TRUE;
}

/**
 * epi_payload_decode:
 * @data: (array length=length): the clear payload, as epi_payload_encode()
 *   writes it
 * @length: bytes at @data
 * @error: return location for an EPI_ERROR_BAD_PAYLOAD (damaged or
 *   impossible counts, lengths, runs or terms) or EPI_ERROR_UNSUPPORTED
 *   (another format version)
 *
 * Reads a spectrum back, checking every count against the limits of
 * the writer (at most EPI_MAX_POINTS samples and EPI_MAX_TERMS terms)
 * and against @length before allocating anything; missing or trailing
 * bytes are an error. The spectrum is in pixels of the original picture,
 * its frequencies in turns per drawing and its pen-up spans in samples;
 * the figures of its making (rmse, stroke error…) are 0. Safe to call
 * from any thread; @data is not kept.
 *
 * Returns: (transfer full): the spectrum, to free with epi_spectrum_free(),
 *   or NULL with @error set
 */
EpiSpectrum *
epi_payload_decode (const guint8  *data,
                    gsize          length,
                    GError       **error)
{
  g_autoptr(EpiSpectrum) spectrum = NULL;
  PayloadHeader header = { 0 };
  const guint8 *p;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_header (data, length, &header, error) ||
      !check_header (&header, length, error))
    return NULL;

  spectrum = epi_spectrum_new (header.n_terms, header.n_spans);
  spectrum->width = header.width;
  spectrum->height = header.height;
  spectrum->n_points = header.n_points;

  p = data + EPI_PAYLOAD_HEADER_SIZE;
  if (!read_spans (spectrum, &p, error) ||
      !read_terms (spectrum, p, error))
    return NULL;

  return g_steal_pointer (&spectrum);
}
