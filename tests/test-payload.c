/* test-payload.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

static void
assert_same_spectrum (const EpiSpectrum *a,
                      const EpiSpectrum *b)
{
  g_assert_cmpfloat (a->width, ==, b->width);
  g_assert_cmpfloat (a->height, ==, b->height);
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpuint (a->n_terms, ==, b->n_terms);
  g_assert_cmpuint (a->n_spans, ==, b->n_spans);
  g_assert_cmpmem (a->spans, a->n_spans * sizeof (EpiSpan), b->spans, b->n_spans * sizeof (EpiSpan));
  for (guint i = 0; i < a->n_terms; i++)
    {
      g_assert_cmpint (a->terms[i].frequency, ==, b->terms[i].frequency);
      g_assert_cmpfloat (a->terms[i].re, ==, b->terms[i].re);
      g_assert_cmpfloat (a->terms[i].im, ==, b->terms[i].im);
    }
}

static void
test_round_trip_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
      g_autoptr(GBytes) bytes = epi_payload_encode (spectrum);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) decoded = NULL;

      g_assert_cmpuint (g_bytes_get_size (bytes), ==,
                        EPI_PAYLOAD_HEADER_SIZE + 8 * spectrum->n_spans + 24 * spectrum->n_terms);
      decoded = epi_payload_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      assert_same_spectrum (spectrum, decoded);
    }
}

static void
test_every_truncation_rejected (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
  g_autoptr(GBytes) bytes = epi_payload_encode (spectrum);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *longer = g_malloc0 (length + 8);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) decoded = epi_payload_decode (data, cut, &error);

      g_assert_error (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD);
      g_assert_null (decoded);
    }

  /* Trailing bytes are as wrong as missing ones. */
  memcpy (longer, data, length);
  for (gsize extra = 1; extra <= 8; extra++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) decoded = epi_payload_decode (longer, length + extra, &error);

      g_assert_error (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD);
      g_assert_null (decoded);
    }
}

/* A small payload to damage one field at a time. */
static GByteArray *
sample_payload (void)
{
  g_autoptr(EpiSpectrum) spectrum = epi_spectrum_new (3, 2);
  g_autoptr(GBytes) bytes = NULL;

  spectrum->width = 640;
  spectrum->height = 480;
  spectrum->n_points = 100;
  spectrum->terms[0] = (EpiTerm) { 0, 320, 240 };
  spectrum->terms[1] = (EpiTerm) { 1, 50, 0 };
  spectrum->terms[2] = (EpiTerm) { -3, 5, 5 };
  spectrum->spans[0] = (EpiSpan) { 10, 5 };
  spectrum->spans[1] = (EpiSpan) { 40, 20 };
  bytes = epi_payload_encode (spectrum);

  return g_bytes_unref_to_array (g_steal_pointer (&bytes));
}

static void
assert_rejected (GByteArray *a,
                 gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) decoded = epi_payload_decode (a->data, a->len, &error);

  g_assert_error (error, EPI_ERROR, code);
  g_assert_null (decoded);
  g_test_message ("rejected: %s", error->message);
}

#define SPANS_AT 24
#define TERMS_AT (24 + 2 * 8)

static void
test_damaged_fields_rejected (void)
{
  struct { gsize offset; guint32 value; } counts[] = {
    { 4, 0 },            /* width 0 */
    { 8, 0 },            /* height 0 */
    { 4, 0xFFFFFFFF },   /* huge width */
    { 12, 1 },           /* N below 2 */
    { 12, 0xFFFFFFFF },  /* N near UINT32_MAX */
    { 16, 0 },           /* no terms */
    { 16, 101 },         /* K over N */
    { 16, 0xFFFFFFFF },  /* K near UINT32_MAX */
    { 20, 51 },          /* too many runs */
    { 20, 3 },           /* count disagrees with the length */
    { SPANS_AT + 4, 0 },            /* an empty run */
    { SPANS_AT + 8, 12 },           /* runs overlapping */
    { SPANS_AT + 8, 15 },           /* runs touching */
    { SPANS_AT + 12, 61 },          /* a run past the end */
  };
  double bad_terms[][3] = {
    { 0.5, 1, 1 },       /* frequency not whole */
    { 51, 1, 1 },        /* frequency above N/2 */
    { -50, 1, 1 },       /* frequency at -N/2 (that is +N/2) */
    { 1, 1, 1 },         /* frequency 1 twice */
    { NAN, 1, 1 },
    { 2, INFINITY, 1 },
    { 2, 1, NAN },
    { 2, 1e300, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GByteArray) a = sample_payload ();

      test_put_u32 (a, counts[i].offset, counts[i].value);
      assert_rejected (a, EPI_ERROR_BAD_PAYLOAD);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_terms); i++)
    {
      g_autoptr(GByteArray) a = sample_payload ();

      /* The third term; the second has frequency 1. */
      test_put_f64 (a, TERMS_AT + 48, bad_terms[i][0]);
      test_put_f64 (a, TERMS_AT + 56, bad_terms[i][1]);
      test_put_f64 (a, TERMS_AT + 64, bad_terms[i][2]);
      assert_rejected (a, EPI_ERROR_BAD_PAYLOAD);
    }

  /* Frequency 0 written as -0: it would decode, then encode as +0. Every
   * payload that decodes is the one its spectrum encodes to. */
  {
    g_autoptr(GByteArray) a = sample_payload ();

    test_put_f64 (a, TERMS_AT, -0.0);
    assert_rejected (a, EPI_ERROR_BAD_PAYLOAD);
  }

  {
    g_autoptr(GByteArray) a = sample_payload ();

    test_put_u32 (a, 0, 2);
    assert_rejected (a, EPI_ERROR_UNSUPPORTED);
  }

  /* And the undamaged one decodes. */
  {
    g_autoptr(GByteArray) a = sample_payload ();
    g_autoptr(GError) error = NULL;
    g_autoptr(EpiSpectrum) decoded = epi_payload_decode (a->data, a->len, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (decoded->n_terms, ==, 3);
  }
}

/* A payload of @n samples claiming @k terms, with room for exactly @k:
 * only the counts can refuse it. The terms are circles of radius 1 at
 * distinct frequencies 0, 1, -1, 2, -2 … (as many as @n allows). */
static GByteArray *
payload_with_terms (guint32 n,
                    guint32 k)
{
  GByteArray *a = g_byte_array_new ();

  g_byte_array_set_size (a, EPI_PAYLOAD_HEADER_SIZE + 24 * (gsize) k);
  memset (a->data, 0, a->len);
  test_put_u32 (a, 0, EPI_PAYLOAD_VERSION);
  test_put_u32 (a, 4, 1000);
  test_put_u32 (a, 8, 800);
  test_put_u32 (a, 12, n);
  test_put_u32 (a, 16, k);
  test_put_u32 (a, 20, 0);

  for (guint32 i = 0; i < MIN (k, n); i++)
    {
      gsize at = EPI_PAYLOAD_HEADER_SIZE + 24 * (gsize) i;
      double f = i % 2 == 1 ? (double) (i + 1) / 2 : -(double) (i / 2);

      test_put_f64 (a, at, i == 0 ? 0.0 : f);
      test_put_f64 (a, at + 8, 1.0);
    }

  return a;
}

/* As many terms as a writer can keep decode; one more is refused for
 * that reason alone, before any term is read. */
static void
test_term_limit (void)
{
  g_autoptr(GByteArray) most = payload_with_terms (EPI_MAX_POINTS, EPI_MAX_TERMS);
  g_autoptr(GByteArray) over = payload_with_terms (EPI_MAX_POINTS, EPI_MAX_TERMS + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) decoded = NULL;
  g_autofree char *limit = g_strdup_printf ("at most %u", EPI_MAX_TERMS);

  decoded = epi_payload_decode (most->data, most->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decoded->n_terms, ==, EPI_MAX_TERMS);
  g_assert_cmpint (decoded->terms[EPI_MAX_TERMS - 1].frequency, ==, EPI_MAX_POINTS / 2);
  g_clear_pointer (&decoded, epi_spectrum_free);

  decoded = epi_payload_decode (over->data, over->len, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD);
  g_assert_null (decoded);
  g_assert_nonnull (strstr (error->message, limit));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Payload/round-trip-random", test_round_trip_random);
  g_test_add_func ("/Epi/Payload/every-truncation-rejected", test_every_truncation_rejected);
  g_test_add_func ("/Epi/Payload/damaged-fields-rejected", test_damaged_fields_rejected);
  g_test_add_func ("/Epi/Payload/term-limit", test_term_limit);

  return g_test_run ();
}
