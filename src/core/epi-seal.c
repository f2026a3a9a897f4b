/* epi-seal.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sealed file is a clear header followed by its contents encrypted with
 * XChaCha20-Poly1305 (IETF). The whole header is the associated data, so
 * no byte of the file can change unnoticed. All numbers little-endian.
 *
 * Version 2, the one written:
 *
 *    0  8  magic "EPICRYPT"
 *    8  2  format version (2)
 *   10  2  key strength id (epi-key.h: 1 interactive, 2 moderate, 3 sensitive)
 *   12  2  flags (bit 0: sealed under a random name)
 *   14  2  zero
 *   16 16  salt
 *   32 24  nonce
 *   56 32  key commitment: BLAKE2b-256 of bytes 0-55 keyed with the
 *          commitment key, checked before decrypting
 *   88     ciphertext and 16-byte tag of:
 *            u16 name length, the picture's file name (no folder)
 *            zero-padded to 255 bytes, the drawing data (epi-payload.c)
 *
 * Version 1, read only:
 *
 *    0  8  magic "EPICRYPT"
 *    8  2  format version (1)
 *   10  2  KDF id (1 = Argon2id v1.3)
 *   12  4  KDF passes
 *   16  8  KDF memory in bytes
 *   24 16  salt
 *   40 24  nonce
 *   64     ciphertext and 16-byte tag of the drawing data
 *
 * Version 1 has no key commitment, so it must not tell a wrong password
 * from damage, nor from anything wrong with what decrypts: every such
 * failure gets one message (see epi_sealed_set_v1_error()).
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <sodium.h>

#include "epi-error.h"
#include "epi-names.h"
#include "epi-seal.h"

#define COMMITMENT_OFFSET 56
#define NAME_LENGTH_BYTES 2
/* The name field is always this long, zero-padded: a file's size then
 * tells nothing of its name. */
#define NAME_FIELD_BYTES  EPI_SEALED_NAME_FIELD_BYTES

G_STATIC_ASSERT (EPI_NONCE_BYTES == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
G_STATIC_ASSERT (EPI_MAC_BYTES == crypto_aead_xchacha20poly1305_ietf_ABYTES);
G_STATIC_ASSERT (EPI_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
G_STATIC_ASSERT (EPI_COMMITMENT_BYTES == crypto_generichash_BYTES);
G_STATIC_ASSERT (COMMITMENT_OFFSET + EPI_COMMITMENT_BYTES == EPI_SEALED_HEADER_SIZE);
G_STATIC_ASSERT (NAME_FIELD_BYTES == NAME_LENGTH_BYTES + EPI_NAME_MAX);

static void
put_u16 (guint8  *out,
         guint16  value)
{
  guint16 le = GUINT16_TO_LE (value);

  memcpy (out, &le, 2);
}

static guint16
get_u16 (const guint8 *p)
{
  guint16 le;

  memcpy (&le, p, 2);
  return GUINT16_FROM_LE (le);
}

/* Sets @error to version 1's one EPI_ERROR_DECRYPT_FAILED message for a
 * wrong password, damage, and contents that fail to decode: telling them
 * apart would tell an attacker which. */
void
epi_sealed_set_v1_error (GError **error)
{
  g_clear_error (error);
  g_set_error_literal (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED,
                       _("wrong password, or the file has been damaged or altered"));
}

static gboolean
set_truncated (GError **error,
               gsize    length)
{
  g_set_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED,
               _("sealed file is truncated (%zu bytes)"), length);
  return FALSE;
}

static gboolean
parse_v1 (const guint8     *data,
          gsize             length,
          EpiSealedHeader  *header,
          GError          **error)
{
  guint32 u32;
  guint64 u64;

  if (length < EPI_SEALED_V1_HEADER_SIZE + EPI_MAC_BYTES)
    return set_truncated (error, length);

  if (get_u16 (data + 10) != EPI_KDF_ARGON2ID13)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file uses an unknown key derivation (id %u)"), get_u16 (data + 10));
      return FALSE;
    }

  memcpy (&u32, data + 12, 4);
  header->key.limits.opslimit = GUINT32_FROM_LE (u32);
  memcpy (&u64, data + 16, 8);
  header->key.limits.memlimit = GUINT64_FROM_LE (u64);
  if (!epi_kdf_limits_check (&header->key.limits, error))
    return FALSE;
  header->key.strength = epi_kdf_strength_for_limits (&header->key.limits);

  memcpy (header->key.salt, data + 24, EPI_SALT_BYTES);
  memcpy (header->nonce, data + 40, EPI_NONCE_BYTES);
  header->header_size = EPI_SEALED_V1_HEADER_SIZE;
  return TRUE;
}

static gboolean
parse_v2 (const guint8     *data,
          gsize             length,
          EpiSealedHeader  *header,
          GError          **error)
{
  guint16 flags;

  if (length < EPI_SEALED_HEADER_SIZE + EPI_MAC_BYTES)
    return set_truncated (error, length);

  header->key.strength = get_u16 (data + 10);
  if (!epi_kdf_strength_get_limits (header->key.strength, &header->key.limits))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file asks for an unknown key strength (id %u)"), header->key.strength);
      return FALSE;
    }

  flags = get_u16 (data + 12);
  if ((flags & ~EPI_SEALED_KNOWN_FLAGS) != 0 || get_u16 (data + 14) != 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                           _("sealed file uses options this program does not know"));
      return FALSE;
    }
  header->flags = flags;

  memcpy (header->key.salt, data + 16, EPI_SALT_BYTES);
  memcpy (header->nonce, data + 32, EPI_NONCE_BYTES);
  memcpy (header->commitment, data + COMMITMENT_OFFSET, EPI_COMMITMENT_BYTES);
  header->header_size = EPI_SEALED_HEADER_SIZE;
  return TRUE;
}

/**
 * epi_sealed_header_parse:
 * @data: (array length=length): a sealed file, or its start
 * @header: (out): what the clear header says
 * @error: EPI_ERROR_NOT_SEALED, EPI_ERROR_TRUNCATED, EPI_ERROR_UNSUPPORTED
 *   (version, key derivation, strength id or flags unknown),
 *   EPI_ERROR_BAD_KDF_LIMITS (version 1 costs over the caps)
 *
 * Checks everything that can be checked without the password, in the
 * order that gives the most useful message. Any thread.
 */
gboolean
epi_sealed_header_parse (const guint8     *data,
                         gsize             length,
                         EpiSealedHeader  *header,
                         GError          **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  memset (header, 0, sizeof *header);

  if (length < EPI_SEALED_MAGIC_LEN || memcmp (data, EPI_SEALED_MAGIC, EPI_SEALED_MAGIC_LEN) != 0)
    {
      if (length < EPI_SEALED_MAGIC_LEN && length > 0 &&
          memcmp (data, EPI_SEALED_MAGIC, length) == 0)
        return set_truncated (error, length);

      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_SEALED,
                           _("not an Epicrypt sealed file"));
      return FALSE;
    }

  if (length < 10)
    return set_truncated (error, length);

  header->version = get_u16 (data + 8);
  header->key.version = header->version;
  if (header->version != 1 && header->version != 2)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file format version %u is not supported (this program reads versions 1 and 2)"),
                   header->version);
      return FALSE;
    }

  if (!(header->version == 1 ? parse_v1 : parse_v2) (data, length, header, error))
    return FALSE;

  header->payload_length = length - header->header_size - EPI_MAC_BYTES;
  return TRUE;
}

static void
compute_commitment (EpiKey       *key,
                    const guint8 *header,
                    guint8       *commitment)
{
  crypto_generichash (commitment, EPI_COMMITMENT_BYTES, header, COMMITMENT_OFFSET,
                      epi_key_get_commitment_key (key), EPI_KEY_BYTES);
}

/**
 * epi_seal:
 * @key: a version 2 key (epi_keyring_get_seal_key())
 * @payload: the drawing data
 * @name: (nullable): the picture's file name, kept inside; a folder part
 *   is dropped
 * @flags: recorded in the clear header
 * @error: EPI_ERROR_TOO_LARGE, EPI_ERROR_INVALID_ARGUMENT (a name longer
 *   than EPI_NAME_MAX bytes)
 *
 * Seals with a fresh random nonce. Any thread.
 *
 * Returns: (transfer full): the sealed file's bytes, or %NULL
 */
GBytes *
epi_seal (EpiKey          *key,
          GBytes          *payload,
          const char      *name,
          EpiSealedFlags   flags,
          GError         **error)
{
  const EpiKeySpec *spec;
  g_autofree char *base = NULL;
  const guint8 *drawing;
  gsize drawing_len, name_len, clear_len;
  guint8 *clear, *out;
  unsigned long long cipher_len = 0;

  g_return_val_if_fail (key != NULL && epi_key_get_spec (key)->version == 2, NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail ((flags & ~EPI_SEALED_KNOWN_FLAGS) == 0, NULL);

  if (!epi_sodium_init (error))
    return NULL;

  base = name != NULL ? g_path_get_basename (name) : g_strdup ("");
  if (g_str_equal (base, G_DIR_SEPARATOR_S) || g_str_equal (base, "."))
    base[0] = '\0';
  name_len = strlen (base);
  if (name_len > EPI_NAME_MAX)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("the file name is longer than %d bytes"), EPI_NAME_MAX);
      return NULL;
    }

  drawing = g_bytes_get_data (payload, &drawing_len);
  clear_len = NAME_FIELD_BYTES + drawing_len;
  if (drawing_len > EPI_MAX_SEALED_FILE_BYTES - EPI_SEALED_HEADER_SIZE - EPI_MAC_BYTES - NAME_FIELD_BYTES)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("drawing data is too large to seal (%zu bytes)"), drawing_len);
      return NULL;
    }

  clear = g_malloc0 (clear_len);
  put_u16 (clear, (guint16) name_len);
  memcpy (clear + NAME_LENGTH_BYTES, base, name_len);
  if (drawing_len > 0)
    memcpy (clear + NAME_FIELD_BYTES, drawing, drawing_len);

  spec = epi_key_get_spec (key);
  out = g_malloc (EPI_SEALED_HEADER_SIZE + clear_len + EPI_MAC_BYTES);
  memcpy (out, EPI_SEALED_MAGIC, EPI_SEALED_MAGIC_LEN);
  put_u16 (out + 8, 2);
  put_u16 (out + 10, (guint16) spec->strength);
  put_u16 (out + 12, (guint16) flags);
  put_u16 (out + 14, 0);
  memcpy (out + 16, spec->salt, EPI_SALT_BYTES);
  /* A fresh random nonce for every file: 24 bytes make collisions
   * negligible even when one key seals many files. */
  randombytes_buf (out + 32, EPI_NONCE_BYTES);
  compute_commitment (key, out, out + COMMITMENT_OFFSET);

  crypto_aead_xchacha20poly1305_ietf_encrypt (out + EPI_SEALED_HEADER_SIZE, &cipher_len,
                                              clear, clear_len,
                                              out, EPI_SEALED_HEADER_SIZE,
                                              NULL, out + 32, epi_key_get_bytes (key));
  sodium_memzero (clear, clear_len);
  g_free (clear);

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

/* A name is one component that can be created: no folder, no NUL. */
static gboolean
name_is_valid (const guint8 *name,
               gsize         length)
{
  if (memchr (name, '/', length) != NULL || memchr (name, '\0', length) != NULL)
    return FALSE;

  return !(length == 1 && name[0] == '.') && !(length == 2 && memcmp (name, "..", 2) == 0);
}

static gboolean
is_zero (const guint8 *data,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != 0)
      return FALSE;
  return TRUE;
}

/* Splits version 2's clear text into the name and the drawing data. */
static GBytes *
split_contents (GBytes  *clear,
                char   **name,
                GError **error)
{
  const guint8 *data;
  gsize length, name_len;

  data = g_bytes_get_data (clear, &length);
  name_len = length >= NAME_FIELD_BYTES ? get_u16 (data) : G_MAXSIZE;
  if (name_len > EPI_NAME_MAX || !name_is_valid (data + NAME_LENGTH_BYTES, name_len) ||
      !is_zero (data + NAME_LENGTH_BYTES + name_len, EPI_NAME_MAX - name_len))
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD,
                           _("damaged drawing data: impossible file name"));
      return NULL;
    }

  if (name != NULL)
    *name = name_len > 0 ? g_strndup ((const char *) data + NAME_LENGTH_BYTES, name_len) : NULL;

  return g_bytes_new_from_bytes (clear, NAME_FIELD_BYTES, length - NAME_FIELD_BYTES);
}

/**
 * epi_unseal:
 * @ring: derives (or has) the key
 * @data: (array length=length): the sealed file
 * @header: (out) (optional): its header, also when opening fails after it
 *   was read
 * @name: (out) (optional) (transfer full): the picture's file name kept
 *   inside, or %NULL (version 1, or none kept)
 * @error: as epi_sealed_header_parse() and epi_keyring_get_open_key();
 *   then EPI_ERROR_WRONG_PASSWORD and EPI_ERROR_DAMAGED (version 2),
 *   EPI_ERROR_DECRYPT_FAILED (version 1, either)
 *
 * Opens a sealed file: the key commitment is compared in constant time
 * before anything is decrypted. Any thread; runs Argon2id unless the
 * ring has the key.
 *
 * Returns: (transfer full): the drawing data, wiped when freed, or %NULL
 */
GBytes *
epi_unseal (EpiKeyring       *ring,
            const guint8     *data,
            gsize             length,
            EpiSealedHeader  *header,
            char            **name,
            GError          **error)
{
  g_autoptr(EpiKey) key = NULL;
  g_autoptr(GBytes) clear = NULL;
  EpiSealedHeader local_header;
  guint8 commitment[EPI_COMMITMENT_BYTES];
  guint8 *out;

  g_return_val_if_fail (ring != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (header == NULL)
    header = &local_header;
  if (name != NULL)
    *name = NULL;

  if (!epi_sealed_header_parse (data, length, header, error))
    return NULL;

  key = epi_keyring_get_open_key (ring, &header->key, error);
  if (key == NULL)
    return NULL;

  if (header->version == 2)
    {
      compute_commitment (key, data, commitment);
      if (sodium_memcmp (commitment, header->commitment, EPI_COMMITMENT_BYTES) != 0)
        {
          g_set_error_literal (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD,
                               _("wrong password, or the sealed file’s header is damaged"));
          return NULL;
        }
    }

  clear = new_wiped_bytes (header->payload_length, &out);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (out, NULL, NULL,
                                                  data + header->header_size,
                                                  length - header->header_size,
                                                  data, header->header_size,
                                                  header->nonce, epi_key_get_bytes (key)) != 0)
    {
      if (header->version == 1)
        epi_sealed_set_v1_error (error);
      else
        g_set_error_literal (error, EPI_ERROR, EPI_ERROR_DAMAGED,
                             _("the password is right, but the file has been damaged or altered"));
      return NULL;
    }

  if (header->version == 1)
    return g_steal_pointer (&clear);

  return split_contents (clear, name, error);
}
