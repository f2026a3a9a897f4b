/* test-commitment.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file that XChaCha20-Poly1305 accepts under two passwords, built as in
 * Len, Grubbs and Ristenpart, "Partitioning Oracle Attacks" (USENIX
 * Security 2021): one ciphertext block is solved for so that the two
 * keys' Poly1305 tags agree. Format 2 refuses the second password by its
 * key commitment before decrypting; format 1, which has none, must at
 * least say the same thing whichever password matched.
 */

#include "config.h"

#include <string.h>

#include <gmp.h>
#include <sodium.h>

#include "epi-test-util.h"

#define FIRST_PASSWORD  "the password the victim uses"
#define SECOND_PASSWORD "the password the attacker guesses"
#define TAG_BYTES       16
#define BLOCK           16

/* Poly1305's (r, s) for one XChaCha20-Poly1305 (IETF) key and nonce, as
 * libsodium computes them: HChaCha20 gives the ChaCha20 key, and the
 * first keystream block the one-time key. */
static void
poly1305_key (const guint8 *key,
              const guint8 *nonce,
              guint8       *subkey,
              guint8       *nonce2,
              guint8       *one_time)
{
  crypto_core_hchacha20 (subkey, nonce, key, NULL);
  memset (nonce2, 0, 4);
  memcpy (nonce2 + 4, nonce + 16, 8);
  crypto_stream_chacha20_ietf (one_time, 32, nonce2, subkey);
}

static void
import_le (mpz_t         out,
           const guint8 *bytes,
           gsize         length)
{
  mpz_import (out, length, -1, 1, 0, 0, bytes);
}

/* The AEAD's MAC input: @ad and @c, each padded to whole blocks, then
 * their lengths. */
static GByteArray *
mac_input (const guint8 *ad,
           gsize         ad_len,
           const guint8 *c,
           gsize         c_len)
{
  GByteArray *message = g_byte_array_new ();
  guint64 lengths[2] = { GUINT64_TO_LE (ad_len), GUINT64_TO_LE (c_len) };
  static const guint8 zeros[BLOCK] = { 0 };

  g_byte_array_append (message, ad, ad_len);
  g_byte_array_append (message, zeros, (BLOCK - ad_len % BLOCK) % BLOCK);
  g_byte_array_append (message, c, c_len);
  g_byte_array_append (message, zeros, (BLOCK - c_len % BLOCK) % BLOCK);
  g_byte_array_append (message, (const guint8 *) lengths, sizeof lengths);
  return message;
}

/* Poly1305's accumulator, before s is added, over whole blocks. */
static void
poly1305_accumulate (mpz_t             acc,
                     const mpz_t       r,
                     const mpz_t       p,
                     const GByteArray *message)
{
  mpz_t block;

  mpz_init (block);
  mpz_set_ui (acc, 0);
  for (guint i = 0; i < message->len; i += BLOCK)
    {
      import_le (block, message->data + i, BLOCK);
      mpz_setbit (block, 128);
      mpz_add (acc, acc, block);
      mpz_mul (acc, acc, r);
      mpz_mod (acc, acc, p);
    }
  mpz_clear (block);
}

static void
clamped_r (mpz_t         r,
           const guint8 *one_time)
{
  guint8 bytes[BLOCK];

  memcpy (bytes, one_time, BLOCK);
  for (guint i = 3; i < BLOCK; i += 4)
    bytes[i] &= 15;
  for (guint i = 4; i < BLOCK; i += 4)
    bytes[i] &= 252;
  import_le (r, bytes, BLOCK);
}

/* Rewrites the last ciphertext block of @c so that the tags under @key_a
 * and @key_b agree; returns FALSE when this nonce gives no solution that
 * fits a block (then another nonce is tried). On success @tag is the
 * shared tag. */
static gboolean
solve_last_block (const guint8 *key_a,
                  const guint8 *key_b,
                  const guint8 *nonce,
                  const guint8 *ad,
                  gsize         ad_len,
                  guint8       *c,
                  gsize         c_len,
                  guint8       *tag)
{
  guint8 subkey[32], nonce2[12], one_time[2][32];
  guint8 *last = c + c_len - BLOCK;
  g_autoptr(GByteArray) message = NULL;
  mpz_t p, r[2], s[2], base[2], x, d, two128;
  gboolean fits;

  poly1305_key (key_a, nonce, subkey, nonce2, one_time[0]);
  poly1305_key (key_b, nonce, subkey, nonce2, one_time[1]);

  mpz_inits (p, r[0], r[1], s[0], s[1], base[0], base[1], x, d, two128, NULL);
  mpz_ui_pow_ui (p, 2, 130);
  mpz_sub_ui (p, p, 5);
  mpz_ui_pow_ui (two128, 2, 128);

  /* With the last block's bytes zero, acc_k = base_k + x r_k^2 for the
   * block's value x + 2^128 (the lengths block comes after it). */
  memset (last, 0, BLOCK);
  message = mac_input (ad, ad_len, c, c_len);
  for (guint k = 0; k < 2; k++)
    {
      clamped_r (r[k], one_time[k]);
      import_le (s[k], one_time[k] + BLOCK, BLOCK);
      poly1305_accumulate (base[k], r[k], p, message);
    }

  /* acc_a + s_a = acc_b + s_b: x (r_a^2 - r_b^2) = s_b - s_a - base_a + base_b. */
  mpz_sub (x, s[1], s[0]);
  mpz_sub (x, x, base[0]);
  mpz_add (x, x, base[1]);
  mpz_mul (d, r[0], r[0]);
  mpz_submul (d, r[1], r[1]);
  mpz_mod (d, d, p);
  mpz_invert (d, d, p);
  mpz_mul (x, x, d);
  mpz_mod (x, x, p);

  fits = mpz_cmp (x, two128) < 0;
  if (fits)
    {
      g_autoptr(GByteArray) solved = NULL;

      mpz_export (last, NULL, -1, 1, 0, 0, x);
      /* The tag under the first key; the caller checks the second agrees. */
      solved = mac_input (ad, ad_len, c, c_len);
      crypto_onetimeauth_poly1305 (tag, solved->data, solved->len, one_time[0]);
    }

  mpz_clears (p, r[0], r[1], s[0], s[1], base[0], base[1], x, d, two128, NULL);
  return fits;
}

static EpiKey *
derive (const char *password,
        guint16     version,
        const guint8 *salt)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), NULL);
  g_autoptr(GError) error = NULL;
  EpiKeySpec spec = { .version = version, .strength = EPI_KDF_MINIMAL };
  EpiKey *key;

  epi_kdf_strength_get_limits (EPI_KDF_MINIMAL, &spec.limits);
  memcpy (spec.salt, salt, EPI_SALT_BYTES);
  key = epi_key_derive (secret, &spec, &error);
  g_assert_no_error (error);
  return key;
}

static EpiKeyring *
ring_for (const char *password)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), NULL);

  return epi_keyring_new (secret, EPI_KDF_MINIMAL);
}

static gboolean
aead_opens (const guint8 *file,
            gsize         length,
            gsize         header_size,
            const guint8 *nonce,
            EpiKey       *key)
{
  g_autofree guint8 *clear = g_malloc (length);

  return crypto_aead_xchacha20poly1305_ietf_decrypt (clear, NULL, NULL,
                                                     file + header_size, length - header_size,
                                                     file, header_size, nonce,
                                                     epi_key_get_bytes (key)) == 0;
}

/* Fills a header of @version around @salt and a fresh nonce. */
static void
write_header (guint8       *header,
              guint16       version,
              const guint8 *salt,
              EpiKey       *commit_to)
{
  EpiKdfLimits minimal;
  guint16 u16;
  guint32 u32;
  guint64 u64;

  epi_kdf_strength_get_limits (EPI_KDF_MINIMAL, &minimal);
  memcpy (header, "EPICRYPT", 8);
  u16 = GUINT16_TO_LE (version);
  memcpy (header + 8, &u16, 2);
  if (version == 1)
    {
      u16 = GUINT16_TO_LE (EPI_KDF_ARGON2ID13);
      memcpy (header + 10, &u16, 2);
      u32 = GUINT32_TO_LE ((guint32) minimal.opslimit);
      memcpy (header + 12, &u32, 4);
      u64 = GUINT64_TO_LE (minimal.memlimit);
      memcpy (header + 16, &u64, 8);
      memcpy (header + 24, salt, EPI_SALT_BYTES);
      randombytes_buf (header + 40, EPI_NONCE_BYTES);
      return;
    }

  u16 = GUINT16_TO_LE (EPI_KDF_MINIMAL);
  memcpy (header + 10, &u16, 2);
  memset (header + 12, 0, 4);
  memcpy (header + 16, salt, EPI_SALT_BYTES);
  randombytes_buf (header + 32, EPI_NONCE_BYTES);
  /* The attacker knows both passwords and commits to the victim's. */
  crypto_generichash (header + 56, EPI_COMMITMENT_BYTES, header, 56,
                      epi_key_get_commitment_key (commit_to), EPI_KEY_BYTES);
}

/* A file of @version whose ciphertext authenticates under both passwords'
 * keys. Its clear text under the first is a real sealed file's but for
 * the last block. */
static GBytes *
build_two_password_file (guint16 version)
{
  gsize header_size = version == 1 ? EPI_SEALED_V1_HEADER_SIZE : EPI_SEALED_HEADER_SIZE;
  gsize nonce_at = version == 1 ? 40 : 32;
  guint8 salt[EPI_SALT_BYTES];
  g_autoptr(EpiKey) first = NULL;
  g_autoptr(EpiKey) second = NULL;
  g_autofree guint8 *file = NULL;
  gsize clear_len = 18 * BLOCK, length;  /* the last block past the name field */

  randombytes_buf (salt, sizeof salt);
  first = derive (FIRST_PASSWORD, version, salt);
  second = derive (SECOND_PASSWORD, version, salt);
  length = header_size + clear_len + TAG_BYTES;
  file = g_malloc0 (length);

  /* About one nonce in four gives a block that fits. */
  for (guint attempt = 0; attempt < 400; attempt++)
    {
      guint8 subkey[32], nonce2[12], unused[32];
      guint8 *nonce = file + nonce_at;
      guint8 *c = file + header_size;

      write_header (file, version, salt, first);
      poly1305_key (epi_key_get_bytes (first), nonce, subkey, nonce2, unused);
      /* The clear text (zeros here) under the first key, from block 1. */
      memset (c, 0, clear_len);
      crypto_stream_chacha20_ietf_xor_ic (c, c, clear_len, nonce2, 1, subkey);

      if (solve_last_block (epi_key_get_bytes (first), epi_key_get_bytes (second), nonce,
                            file, header_size, c, clear_len, c + clear_len) &&
          aead_opens (file, length, header_size, nonce, first) &&
          aead_opens (file, length, header_size, nonce, second))
        return g_bytes_new_take (g_steal_pointer (&file), length);
    }

  g_error ("no two-password file in 400 nonces");
}

/* Format 2: the ciphertext is valid under both keys, yet only the
 * password the file commits to gets past the header; the other is told
 * "wrong password" by the commitment, before any decryption. */
static void
test_two_passwords_refused (void)
{
  g_autoptr(GBytes) file = build_two_password_file (2);
  g_autoptr(EpiKeyring) victim = ring_for (FIRST_PASSWORD);
  g_autoptr(EpiKeyring) guess = ring_for (SECOND_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = NULL;

  /* Past the commitment and the tag: what is inside is the attacker's. */
  opened = epi_unseal (victim, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);

  g_clear_pointer (&opened, g_bytes_unref);
  opened = epi_unseal (guess, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL, NULL, &error);
  g_assert_null (opened);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD);
}

/* Format 1 has no commitment: the file opens under both passwords. All
 * that stands between an attacker and knowing which one matched is that
 * both, and a third that matches neither, are told the same. */
static void
test_format_1_says_one_thing (void)
{
  g_autoptr(GBytes) file = build_two_password_file (1);
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "two.epicrypt", NULL);
  const char *passwords[] = { FIRST_PASSWORD, SECOND_PASSWORD, "neither" };
  g_autofree char *first_message = NULL;

  test_write_file (path, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  for (guint i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      g_autoptr(EpiKeyring) ring = ring_for (passwords[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = epi_pipeline_open (path, ring, NULL, &error);
      g_autoptr(GBytes) opened = epi_unseal (ring, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                             NULL, NULL, NULL);

      /* The AEAD alone accepts the first two. */
      g_assert_true ((opened != NULL) == (i < 2));
      g_assert_null (spectrum);
      g_assert_error (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
      if (first_message == NULL)
        first_message = g_strdup (error->message);
      g_assert_cmpstr (error->message, ==, first_message);
    }

  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/Epi/Commitment/two-passwords-refused", test_two_passwords_refused);
  g_test_add_func ("/Epi/Commitment/format-1-says-one-thing", test_format_1_says_one_thing);

  return g_test_run ();
}
