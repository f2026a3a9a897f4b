/* epi-seal.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sealed file is a 64-byte clear header followed by the payload
 * encrypted with XChaCha20-Poly1305 (IETF). The whole header is the
 * associated data, so no byte of the file can change unnoticed.
 *
 *    0  8  magic "EPICRYPT"
 *    8  2  format version (1), little-endian
 *   10  2  KDF id (1 = Argon2id v1.3)
 *   12  4  KDF passes
 *   16  8  KDF memory in bytes
 *   24 16  salt
 *   40 24  nonce
 *   64     ciphertext and 16-byte tag
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <sodium.h>

#include "epi-error.h"
#include "epi-seal.h"

G_STATIC_ASSERT (EPI_NONCE_BYTES == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
G_STATIC_ASSERT (EPI_MAC_BYTES == crypto_aead_xchacha20poly1305_ietf_ABYTES);
G_STATIC_ASSERT (EPI_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

static void
write_header (guint8                *out,
              const EpiSealedHeader *header)
{
  guint16 u16;
  guint32 u32;
  guint64 u64;

  memcpy (out, EPI_SEALED_MAGIC, EPI_SEALED_MAGIC_LEN);
  u16 = GUINT16_TO_LE (header->version);
  memcpy (out + 8, &u16, 2);
  u16 = GUINT16_TO_LE (header->kdf);
  memcpy (out + 10, &u16, 2);
  u32 = GUINT32_TO_LE ((guint32) header->limits.opslimit);
  memcpy (out + 12, &u32, 4);
  u64 = GUINT64_TO_LE (header->limits.memlimit);
  memcpy (out + 16, &u64, 8);
  memcpy (out + 24, header->salt, EPI_SALT_BYTES);
  memcpy (out + 40, header->nonce, EPI_NONCE_BYTES);
}

/* Checks everything that can be checked without the password, in the
 * order that gives the most useful message. */
gboolean
epi_sealed_header_parse (const guint8     *data,
                         gsize             length,
                         EpiSealedHeader  *header,
                         GError          **error)
{
  guint16 u16;
  guint32 u32;
  guint64 u64;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  if (length < EPI_SEALED_MAGIC_LEN || memcmp (data, EPI_SEALED_MAGIC, EPI_SEALED_MAGIC_LEN) != 0)
    {
      if (length < EPI_SEALED_MAGIC_LEN && length > 0 &&
          memcmp (data, EPI_SEALED_MAGIC, length) == 0)
        g_set_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED,
                     _("sealed file is truncated (%zu bytes)"), length);
      else
        g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_SEALED,
                             _("not an Epicrypt sealed file"));
      return FALSE;
    }

  if (length < 10)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED,
                   _("sealed file is truncated (%zu bytes)"), length);
      return FALSE;
    }

  memcpy (&u16, data + 8, 2);
  header->version = GUINT16_FROM_LE (u16);
  if (header->version != EPI_SEALED_VERSION)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file format version %u is not supported (this program reads version %u)"),
                   header->version, EPI_SEALED_VERSION);
      return FALSE;
    }

  if (length < EPI_SEALED_HEADER_SIZE + EPI_MAC_BYTES)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED,
                   _("sealed file is truncated (%zu bytes)"), length);
      return FALSE;
    }

  memcpy (&u16, data + 10, 2);
  header->kdf = GUINT16_FROM_LE (u16);
  if (header->kdf != EPI_KDF_ARGON2ID13)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file uses an unknown key derivation (id %u)"), header->kdf);
      return FALSE;
    }

  memcpy (&u32, data + 12, 4);
  header->limits.opslimit = GUINT32_FROM_LE (u32);
  memcpy (&u64, data + 16, 8);
  header->limits.memlimit = GUINT64_FROM_LE (u64);
  if (!epi_kdf_limits_check (&header->limits, error))
    return FALSE;

  memcpy (header->salt, data + 24, EPI_SALT_BYTES);
  memcpy (header->nonce, data + 40, EPI_NONCE_BYTES);
  header->payload_length = length - EPI_SEALED_HEADER_SIZE - EPI_MAC_BYTES;

  return TRUE;
}

GBytes *
epi_seal (EpiKey  *key,
          GBytes  *payload,
          GError **error)
{
  EpiSealedHeader header = { 0 };
  const guint8 *clear;
  gsize clear_len;
  guint8 *out;
  unsigned long long cipher_len = 0;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  if (!epi_sodium_init (error))
    return NULL;

  clear = g_bytes_get_data (payload, &clear_len);
  if (clear_len > EPI_MAX_SEALED_FILE_BYTES - EPI_SEALED_HEADER_SIZE - EPI_MAC_BYTES)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("drawing data is too large to seal (%zu bytes)"), clear_len);
      return NULL;
    }

  header.version = EPI_SEALED_VERSION;
  header.kdf = EPI_KDF_ARGON2ID13;
  epi_key_get_limits (key, &header.limits);
  memcpy (header.salt, epi_key_get_salt (key), EPI_SALT_BYTES);
  /* A fresh random nonce for every file: 24 bytes make collisions
   * negligible even when one key seals many files. */
  randombytes_buf (header.nonce, EPI_NONCE_BYTES);

  out = g_malloc (EPI_SEALED_HEADER_SIZE + clear_len + EPI_MAC_BYTES);
  write_header (out, &header);

  crypto_aead_xchacha20poly1305_ietf_encrypt (out + EPI_SEALED_HEADER_SIZE, &cipher_len,
                                              clear, clear_len,
                                              out, EPI_SEALED_HEADER_SIZE,
                                              NULL, header.nonce, epi_key_get_bytes (key));

  return g_bytes_new_take (out, EPI_SEALED_HEADER_SIZE + (gsize) cipher_len);
}

static void
wipe_and_free (gpointer data)
{
  gsize *block = data;

  sodium_memzero (block + 1, block[0]);
  g_free (block);
}

/* Clear text is wiped when the last reference to it goes. */
static GBytes *
new_wiped_bytes (gsize    length,
                 guint8 **data)
{
  gsize *block = g_malloc (sizeof (gsize) + MAX (length, 1));

  block[0] = length;
  *data = (guint8 *) (block + 1);
  return g_bytes_new_with_free_func (*data, length, wipe_and_free, block);
}

GBytes *
epi_unseal (EpiKeyring    *ring,
            const guint8  *data,
            gsize          length,
            GError       **error)
{
  g_autoptr(EpiKey) key = NULL;
  g_autoptr(GBytes) clear = NULL;
  EpiSealedHeader header;
  guint8 *out;

  g_return_val_if_fail (ring != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!epi_sealed_header_parse (data, length, &header, error))
    return NULL;

  key = epi_keyring_get_open_key (ring, &header.limits, header.salt, error);
  if (key == NULL)
    return NULL;

  clear = new_wiped_bytes (header.payload_length, &out);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (out, NULL, NULL,
                                                  data + EPI_SEALED_HEADER_SIZE,
                                                  length - EPI_SEALED_HEADER_SIZE,
                                                  data, EPI_SEALED_HEADER_SIZE,
                                                  header.nonce, epi_key_get_bytes (key)) != 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED,
                           _("wrong password, or the file has been damaged or altered"));
      return NULL;
    }

  return g_steal_pointer (&clear);
}
