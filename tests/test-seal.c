/* test-seal.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "epi-test-util.h"

static EpiKeyring *
new_ring (const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), &error);
  EpiKdfLimits limits;

  g_assert_no_error (error);
  /* The smallest costs libsodium allows keep thousands of openings fast;
   * the format is the same at any cost. */
  epi_kdf_limits_init (&limits, EPI_KDF_MINIMAL);
  return epi_keyring_new (secret, &limits);
}

static GBytes *
seal_with (EpiKeyring *ring,
           GBytes     *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, &error);
  GBytes *sealed;

  g_assert_no_error (error);
  sealed = epi_seal (key, payload, &error);
  g_assert_no_error (error);
  return sealed;
}

static void
test_round_trip_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(EpiKeyring) ring = new_ring ("correct horse battery staple");
  g_autoptr(EpiKeyring) reader = new_ring ("correct horse battery staple");
  g_autoptr(GHashTable) nonces = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                        (GDestroyNotify) g_bytes_unref, NULL);

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
      g_autoptr(GBytes) payload = epi_payload_encode (spectrum);
      g_autoptr(GBytes) sealed = seal_with (ring, payload);
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *data = g_bytes_get_data (sealed, NULL);

      g_assert_cmpuint (g_bytes_get_size (sealed), ==,
                        EPI_SEALED_HEADER_SIZE + g_bytes_get_size (payload) + EPI_MAC_BYTES);
      g_assert_cmpmem (data, 8, "EPICRYPT", 8);

      opened = epi_unseal (reader, data, g_bytes_get_size (sealed), &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (opened, payload));

      /* Every file has its own nonce. */
      g_assert_true (g_hash_table_add (nonces, g_bytes_new (data + 40, EPI_NONCE_BYTES)));
    }

  /* One derivation for a hundred files each way. */
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 1);
}

static GBytes *
small_sealed_file (EpiKeyring *ring)
{
  g_autoptr(EpiSpectrum) spectrum = epi_spectrum_new (2, 1);
  g_autoptr(GBytes) payload = NULL;

  spectrum->width = 10;
  spectrum->height = 10;
  spectrum->n_points = 8;
  spectrum->terms[0] = (EpiTerm) { 0, 5, 5 };
  spectrum->terms[1] = (EpiTerm) { 1, 2, 0 };
  spectrum->spans[0] = (EpiSpan) { 3, 2 };
  payload = epi_payload_encode (spectrum);
  return seal_with (ring, payload);
}

static void
test_every_bit_flip_rejected (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("hunter2");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  gsize length;
  g_autofree guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);

  for (gsize bit = 0; bit < 8 * length; bit++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;

      copy[bit / 8] ^= (guint8) (1u << (bit % 8));
      opened = epi_unseal (ring, copy, length, &error);
      copy[bit / 8] ^= (guint8) (1u << (bit % 8));

      if (opened != NULL)
        g_error ("flipping bit %" G_GSIZE_FORMAT " went unnoticed", bit);
      g_assert_true (error->domain == EPI_ERROR);
    }

  /* Unflipped, it still opens. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) opened = epi_unseal (ring, copy, length, &error);

    g_assert_no_error (error);
    g_assert_nonnull (opened);
  }
}

static void
test_every_truncation_rejected (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("hunter2");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  gsize length;
  const guint8 *data = g_bytes_get_data (sealed, &length);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = epi_unseal (ring, data, cut, &error);

      g_assert_null (opened);
      if (cut == 0)
        g_assert_error (error, EPI_ERROR, EPI_ERROR_NOT_SEALED);
      else if (cut < EPI_SEALED_HEADER_SIZE + EPI_MAC_BYTES)
        g_assert_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED);
      else
        g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
    }
}

static void
test_wrong_password (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("right");
  g_autoptr(EpiKeyring) wrong = new_ring ("wrong");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = epi_unseal (wrong, g_bytes_get_data (sealed, NULL),
                                         g_bytes_get_size (sealed), &error);

  g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
  g_assert_null (opened);
  g_assert_null (strstr (error->message, "right"));
  g_assert_null (strstr (error->message, "wrong password:"));
}

static void
put_header_u64 (guint8  *data,
                gsize    offset,
                guint64  value,
                gsize    size)
{
  for (gsize i = 0; i < size; i++)
    data[offset + i] = (guint8) (value >> (8 * i));
}

/* Unknown versions and absurd costs are refused from the header alone,
 * before any key is derived. */
static void
test_header_refusals (void)
{
  struct { gsize offset; guint64 value; gsize size; gint code; } cases[] = {
    { 8, 2, 2, EPI_ERROR_UNSUPPORTED },                  /* format version 2 */
    { 8, 0, 2, EPI_ERROR_UNSUPPORTED },
    { 10, 7, 2, EPI_ERROR_UNSUPPORTED },                 /* unknown KDF */
    { 12, 11, 4, EPI_ERROR_BAD_KDF_LIMITS },             /* 11 passes */
    { 12, 0xFFFFFFFF, 4, EPI_ERROR_BAD_KDF_LIMITS },
    { 12, 0, 4, EPI_ERROR_BAD_KDF_LIMITS },
    { 16, (G_GUINT64_CONSTANT (1) << 30) + 1, 8, EPI_ERROR_BAD_KDF_LIMITS }, /* > 1 GiB */
    { 16, G_MAXUINT64, 8, EPI_ERROR_BAD_KDF_LIMITS },
    { 16, 1024, 8, EPI_ERROR_BAD_KDF_LIMITS },           /* below libsodium's least */
    { 0, 0x4E5950524349505FULL, 8, EPI_ERROR_NOT_SEALED }, /* other magic */
  };
  g_autoptr(EpiKeyring) sealer = new_ring ("pw");
  g_autoptr(GBytes) sealed = small_sealed_file (sealer);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpiKeyring) ring = new_ring ("pw");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;
      gsize length;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);
      EpiSealedHeader header;

      put_header_u64 (data, cases[i].offset, cases[i].value, cases[i].size);
      opened = epi_unseal (ring, data, length, &error);
      g_assert_error (error, EPI_ERROR, cases[i].code);
      g_assert_null (opened);
      g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 0);
      g_clear_error (&error);

      g_assert_false (epi_sealed_header_parse (data, length, &header, &error));
      g_assert_error (error, EPI_ERROR, cases[i].code);
    }
}

static void
test_header_parse (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("pw");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  g_autoptr(GError) error = NULL;
  EpiSealedHeader header;
  EpiKdfLimits minimal;

  epi_kdf_limits_init (&minimal, EPI_KDF_MINIMAL);
  g_assert_true (epi_sealed_header_parse (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                          &header, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (header.version, ==, EPI_SEALED_VERSION);
  g_assert_cmpuint (header.kdf, ==, EPI_KDF_ARGON2ID13);
  g_assert_cmpuint (header.limits.opslimit, ==, minimal.opslimit);
  g_assert_cmpuint (header.limits.memlimit, ==, minimal.memlimit);
  g_assert_cmpuint (header.payload_length, ==, EPI_PAYLOAD_HEADER_SIZE + 8 + 2 * 24);
}

static void
test_secret_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (EPI_MAX_PASSWORD_BYTES + 1, 'x');
  g_autoptr(EpiSecret) a = epi_secret_new ("same", 4, &error);
  g_autoptr(EpiSecret) b = epi_secret_new ("same", 4, NULL);
  g_autoptr(EpiSecret) c = epi_secret_new ("sane", 4, NULL);
  EpiSecret *bad;

  g_assert_no_error (error);
  g_assert_true (epi_secret_equal (a, b));
  g_assert_false (epi_secret_equal (a, c));

  bad = epi_secret_new ("", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  bad = epi_secret_new (huge, strlen (huge), &error);
  g_assert_null (bad);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
}

/* The default costs are libsodium's interactive ones or stronger. */
static void
test_default_kdf_strength (void)
{
  EpiKdfLimits interactive, moderate;

  epi_kdf_limits_init (&interactive, EPI_KDF_INTERACTIVE);
  epi_kdf_limits_init (&moderate, EPI_KDF_MODERATE);
  g_assert_cmpuint (interactive.opslimit, >=, 2);
  g_assert_cmpuint (interactive.memlimit, >=, 64 << 20);
  g_assert_cmpuint (moderate.memlimit, >, interactive.memlimit);
  g_assert_true (epi_kdf_limits_check (&moderate, NULL));
}

/* Files of many salts: each key is derived once while it stays among the
 * recent ones, and the cache never grows past a bound. */
static void
test_key_cache_is_bounded (void)
{
  g_autoptr(EpiKeyring) reader = new_ring ("many");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < 40; i++)
    {
      /* A new ring, so a new salt, for every file. */
      g_autoptr(EpiKeyring) writer = new_ring ("many");

      g_ptr_array_add (files, small_sealed_file (writer));
    }

  for (guint i = 0; i < files->len; i++)
    {
      GBytes *file = g_ptr_array_index (files, i);
      g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL);

      g_assert_nonnull (opened);
    }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 40);

  /* The latest is still there; the first has been let go. */
  for (guint round = 0; round < 2; round++)
    {
      GBytes *last = g_ptr_array_index (files, 39);
      g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (last, NULL), g_bytes_get_size (last), NULL);

      g_assert_nonnull (opened);
    }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 40);
  {
    GBytes *first = g_ptr_array_index (files, 0);
    g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (first, NULL), g_bytes_get_size (first), NULL);

    g_assert_nonnull (opened);
  }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 41);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Seal/round-trip-random", test_round_trip_random);
  g_test_add_func ("/Epi/Seal/every-bit-flip-rejected", test_every_bit_flip_rejected);
  g_test_add_func ("/Epi/Seal/every-truncation-rejected", test_every_truncation_rejected);
  g_test_add_func ("/Epi/Seal/wrong-password", test_wrong_password);
  g_test_add_func ("/Epi/Seal/header-refusals", test_header_refusals);
  g_test_add_func ("/Epi/Seal/header-parse", test_header_parse);
  g_test_add_func ("/Epi/Seal/secret-rules", test_secret_rules);
  g_test_add_func ("/Epi/Seal/default-kdf-strength", test_default_kdf_strength);
  g_test_add_func ("/Epi/Seal/key-cache-is-bounded", test_key_cache_is_bounded);

  return g_test_run ();
}
