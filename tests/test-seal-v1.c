/* test-seal-v1.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files of sealed format 1 open for good. The fixtures in
 * tests/data/format-1 were sealed by the format 1 writer (see
 * tests/data/SOURCES.md); a format 1 writer kept here makes the files the fixtures
 * cannot: damaged ones, and ones whose costs test the caps.
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "epi-test-util.h"

#define HORSE_PASSWORD "correct horse battery staple"
/* "Crème brûlée" in NFD, as the fixture was sealed with it. */
#define LOGO_PASSWORD_NFD "Cre\xcc\x80me bru\xcc\x82le\xcc\x81" "e"
#define LOGO_PASSWORD_NFC "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e"
#define LOGO_PAYLOAD_SHA256 "df2f19296705c3a89a7b415fedbea1053732a199b9fc4dd85389255d0600ea18"

static char *
fixture_path (const char *name)
{
  return g_build_filename (TESTS_DATA_DIR, "format-1", name, NULL);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = epi_file_read (path, G_MAXSIZE, &error);

  g_assert_no_error (error);
  return bytes;
}

/* A program's ring: the default strength, every strength accepted. */
static EpiKeyring *
program_ring (const char *password)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), NULL);

  return epi_keyring_new (secret, EPI_KDF_DEFAULT);
}

/* Format 1 as it was written: the Argon2id output is the key, the 64-byte
 * header is the associated data. */
static GBytes *
seal_format_1 (const char   *password,
               guint32       opslimit,
               guint64       memlimit,
               const guint8 *clear,
               gsize         clear_len)
{
  guint8 key[EPI_KEY_BYTES];
  guint8 *out = g_malloc (EPI_SEALED_V1_HEADER_SIZE + clear_len + EPI_MAC_BYTES);
  guint16 u16;
  guint32 u32 = GUINT32_TO_LE (opslimit);
  guint64 u64 = GUINT64_TO_LE (memlimit);

  memcpy (out, "EPICRYPT", 8);
  u16 = GUINT16_TO_LE (1);
  memcpy (out + 8, &u16, 2);
  u16 = GUINT16_TO_LE (EPI_KDF_ARGON2ID13);
  memcpy (out + 10, &u16, 2);
  memcpy (out + 12, &u32, 4);
  memcpy (out + 16, &u64, 8);
  randombytes_buf (out + 24, EPI_SALT_BYTES + EPI_NONCE_BYTES);
  g_assert_cmpint (crypto_pwhash (key, sizeof key, password, strlen (password), out + 24,
                                  opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + EPI_SEALED_V1_HEADER_SIZE, NULL, clear, clear_len,
                                              out, EPI_SEALED_V1_HEADER_SIZE, NULL, out + 40, key);
  sodium_memzero (key, sizeof key);
  return g_bytes_new_take (out, EPI_SEALED_V1_HEADER_SIZE + clear_len + EPI_MAC_BYTES);
}

/* The fixtures open with the new reader, to the very bytes sealed. The
 * password of format 1 is taken as its bytes: the NFD spelling the logo
 * was sealed with opens it, and only that one. */
static void
test_fixtures_open (void)
{
  g_autoptr(GBytes) horse = fixture_bytes ("horse.png.epicrypt");
  g_autoptr(GBytes) horse_payload = fixture_bytes ("horse.png.payload");
  g_autoptr(GBytes) logo = fixture_bytes ("skimage-logo.png.epicrypt");
  g_autoptr(EpiKeyring) horse_ring = program_ring (HORSE_PASSWORD);
  g_autoptr(EpiKeyring) logo_ring = program_ring (LOGO_PASSWORD_NFD);
  g_autoptr(EpiKeyring) logo_nfc = program_ring (LOGO_PASSWORD_NFC);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autofree char *name = NULL;
  g_autofree char *digest = NULL;
  EpiSealedHeader header;

  opened = epi_unseal (horse_ring, g_bytes_get_data (horse, NULL), g_bytes_get_size (horse),
                       &header, &name, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, horse_payload));
  g_assert_null (name);
  g_assert_cmpuint (header.version, ==, 1);
  g_assert_cmpint (header.key.strength, ==, EPI_KDF_INTERACTIVE);
  g_clear_pointer (&opened, g_bytes_unref);

  opened = epi_unseal (logo_ring, g_bytes_get_data (logo, NULL), g_bytes_get_size (logo),
                       &header, NULL, &error);
  g_assert_no_error (error);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, opened);
  g_assert_cmpstr (digest, ==, LOGO_PAYLOAD_SHA256);
  /* Costs of its own, no strength a person can pick. */
  g_assert_cmpint (header.key.strength, ==, EPI_KDF_CUSTOM);
  g_clear_pointer (&opened, g_bytes_unref);

  opened = epi_unseal (logo_nfc, g_bytes_get_data (logo, NULL), g_bytes_get_size (logo),
                       NULL, NULL, &error);
  g_assert_null (opened);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
}

/* The whole way, as decrypt takes it: the drawing is named after the
 * sealed file, since format 1 keeps no name. */
static void
test_fixture_decrypts (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *sealed = fixture_path ("horse.png.epicrypt");
  g_autofree char *drawing = g_build_filename (dir, "horse.png.drawing.png", NULL);
  g_autofree char *written = NULL;
  g_autoptr(EpiKeyring) ring = program_ring (HORSE_PASSWORD);
  g_autoptr(GError) error = NULL;
  EpiEncodeResult figures;

  g_assert_true (epi_pipeline_decrypt (sealed, drawing, ring, 64, FALSE, NULL, NULL, NULL, NULL,
                                       &figures, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, drawing);
  g_assert_cmpuint (figures.source_width, ==, 400);
  g_assert_cmpuint (figures.source_height, ==, 328);
  test_tmpdir_remove (dir);
}

/* Without a key commitment, format 1 tells nothing apart after the
 * header: a wrong password, a changed bit, and drawing data that
 * decrypts but does not decode all get one message. */
static void
test_one_message (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GBytes) payload = test_small_payload ();
  GBytes *files[3];
  const char *passwords[] = { "not it", "right", "right" };
  g_autofree char *first_message = NULL;

  {
    gsize length;
    guint8 *data;
    guint8 garbage[40];

    files[0] = seal_format_1 ("right", 1, 8192, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    data = g_bytes_unref_to_data (seal_format_1 ("right", 1, 8192, g_bytes_get_data (payload, NULL),
                                                 g_bytes_get_size (payload)), &length);
    data[length - 20] ^= 4;
    files[1] = g_bytes_new_take (data, length);
    randombytes_buf (garbage, sizeof garbage);
    files[2] = seal_format_1 ("right", 1, 8192, garbage, sizeof garbage);
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/file-%u.epicrypt", dir, i);
      g_autoptr(EpiKeyring) ring = program_ring (passwords[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;
      const char *message;

      test_write_file (path, g_bytes_get_data (files[i], NULL), g_bytes_get_size (files[i]));
      spectrum = epi_pipeline_open (path, ring, NULL, &error);
      g_assert_null (spectrum);
      g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
      message = strstr (error->message, ": ") + 2;
      if (first_message == NULL)
        first_message = g_strdup (message);
      g_assert_cmpstr (message, ==, first_message);
      g_bytes_unref (files[i]);
    }

  /* The right password and an undamaged file open. */
  {
    g_autoptr(GBytes) good = seal_format_1 ("right", 1, 8192, g_bytes_get_data (payload, NULL),
                                            g_bytes_get_size (payload));
    g_autoptr(EpiKeyring) ring = program_ring ("right");
    g_autoptr(GBytes) opened = epi_unseal (ring, g_bytes_get_data (good, NULL), g_bytes_get_size (good),
                                           NULL, NULL, NULL);

    g_assert_true (opened != NULL && g_bytes_equal (opened, payload));
  }
  test_tmpdir_remove (dir);
}

/* Format 1 files chose their own costs; the old caps still hold, and a
 * maximum below the default holds them to that strength's memory and
 * time. */
static void
test_caps (void)
{
  g_autoptr(GBytes) payload = test_small_payload ();
  g_autoptr(GBytes) sealed = seal_format_1 ("pw", 1, 8192, g_bytes_get_data (payload, NULL),
                                            g_bytes_get_size (payload));
  struct { gsize offset; guint64 value; gsize size; } over_caps[] = {
    { 12, 11, 4 }, { 12, 0xFFFFFFFF, 4 }, { 12, 0, 4 },
    { 16, (G_GUINT64_CONSTANT (1) << 30) + 1, 8 }, { 16, G_MAXUINT64, 8 }, { 16, 1024, 8 },
  };
  /* Held to a strength by its memory and its time, passes × memory. */
  struct { guint64 passes; guint64 memory; EpiKdfStrength max; gboolean refused; } policy[] = {
    { 3, G_GUINT64_CONSTANT (64) << 20, EPI_KDF_INTERACTIVE, TRUE },
    { 1, (G_GUINT64_CONSTANT (64) << 20) + 1024, EPI_KDF_INTERACTIVE, TRUE },
    { 2, 8192, EPI_KDF_INTERACTIVE, FALSE },
    { 10, 8192, EPI_KDF_MODERATE, FALSE },
    { 4, G_GUINT64_CONSTANT (256) << 20, EPI_KDF_MODERATE, TRUE },
    { 10, 8192, EPI_KDF_SENSITIVE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (over_caps) + G_N_ELEMENTS (policy); i++)
    {
      g_autoptr(EpiSecret) secret = epi_secret_new ("pw", 2, NULL);
      g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_DEFAULT);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;
      gsize length;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);
      gboolean refused = TRUE;

      if (i < G_N_ELEMENTS (over_caps))
        for (gsize b = 0; b < over_caps[i].size; b++)
          data[over_caps[i].offset + b] = (guint8) (over_caps[i].value >> (8 * b));
      else
        {
          guint j = i - G_N_ELEMENTS (over_caps);

          for (gsize b = 0; b < 4; b++)
            data[12 + b] = (guint8) (policy[j].passes >> (8 * b));
          for (gsize b = 0; b < 8; b++)
            data[16 + b] = (guint8) (policy[j].memory >> (8 * b));
          epi_keyring_set_max_strength (ring, policy[j].max);
          refused = policy[j].refused;
        }

      opened = epi_unseal (ring, data, length, NULL, NULL, &error);
      g_assert_null (opened);
      if (refused)
        {
          g_assert_error (error, EPI_ERROR, EPI_ERROR_BAD_KDF_LIMITS);
          g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 0);
        }
      else
        {
          /* Accepted costs: derived, then the changed header fails. */
          g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
          g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/Epi/SealV1/fixtures-open", test_fixtures_open);
  g_test_add_func ("/Epi/SealV1/fixture-decrypts", test_fixture_decrypts);
  g_test_add_func ("/Epi/SealV1/one-message", test_one_message);
  g_test_add_func ("/Epi/SealV1/caps", test_caps);

  return g_test_run ();
}
