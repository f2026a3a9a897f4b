/* epi-key.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Password to key with Argon2id (libsodium's crypto_pwhash), and a small
 * thread-safe cache so a batch derives each key once.
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <sodium.h>

#include "epi-error.h"
#include "epi-key.h"

struct _EpiKey
{
  gint            ref_count;  /* atomic */
  EpiKdfLimits    limits;
  guint8          salt[EPI_SALT_BYTES];
  guint8         *bytes; /* owned, sodium_malloc'd, EPI_KEY_BYTES */
};

struct _EpiKeyring
{
  gint            ref_count;  /* atomic */
  GRecMutex       lock;       /* pthread-based, unlike GMutex on Linux, so
                                 ThreadSanitizer sees what it orders */
  EpiSecret      *secret;     /* owned reference */
  EpiKdfLimits    limits;     /* for sealing */
  EpiKey         *seal_key;   /* owned; derived on first use, under lock */
  GPtrArray      *open_keys;  /* owned EpiKey references, under lock */
  guint           n_derived;  /* under lock; for tests and reports */
};

G_STATIC_ASSERT (EPI_SALT_BYTES == crypto_pwhash_SALTBYTES);

/* Keys kept for opening, most recently used last. Each one is a guarded
 * allocation of its own (several mappings, locked memory), so a process
 * opening files of thousands of different salts keeps only the latest. */
#define MAX_OPEN_KEYS 32

void
epi_kdf_limits_init (EpiKdfLimits   *limits,
                     EpiKdfStrength  strength)
{
  g_return_if_fail (limits != NULL);

  switch (strength)
    {
    case EPI_KDF_MODERATE:
      limits->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      limits->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;

    case EPI_KDF_MINIMAL:
      limits->opslimit = crypto_pwhash_OPSLIMIT_MIN;
      limits->memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;

    case EPI_KDF_INTERACTIVE:
    default:
      limits->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      limits->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    }
}

gboolean
epi_kdf_limits_check (const EpiKdfLimits  *limits,
                      GError             **error)
{
  g_return_val_if_fail (limits != NULL, FALSE);

  if (limits->opslimit < crypto_pwhash_OPSLIMIT_MIN || limits->opslimit > EPI_MAX_OPSLIMIT ||
      limits->memlimit < crypto_pwhash_MEMLIMIT_MIN || limits->memlimit > EPI_MAX_MEMLIMIT)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_BAD_KDF_LIMITS,
                   _("key derivation limits out of range (%llu passes, "
                   "%llu KiB; at most %d passes and %llu MiB)"),
                   (unsigned long long) limits->opslimit, (unsigned long long) (limits->memlimit / 1024),
                   EPI_MAX_OPSLIMIT, (unsigned long long) (EPI_MAX_MEMLIMIT >> 20));
      return FALSE;
    }

  return TRUE;
}

/* Derives a key; a NULL @salt asks for a fresh random one. */
EpiKey *
epi_key_derive (EpiSecret           *secret,
                const EpiKdfLimits  *limits,
                const guint8        *salt,
                GError             **error)
{
  const guint8 *password;
  gsize password_len;
  EpiKey *key;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  if (!epi_sodium_init (error) || !epi_kdf_limits_check (limits, error))
    return NULL;

  key = g_new0 (EpiKey, 1);
  key->ref_count = 1;
  key->limits = *limits;
  if (salt != NULL)
    memcpy (key->salt, salt, EPI_SALT_BYTES);
  else
    randombytes_buf (key->salt, EPI_SALT_BYTES);

  key->bytes = sodium_malloc (EPI_KEY_BYTES);
  password = epi_secret_get (secret, &password_len);

  if (key->bytes == NULL ||
      crypto_pwhash (key->bytes, EPI_KEY_BYTES,
                     (const char *) password, password_len, key->salt,
                     limits->opslimit, (size_t) limits->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("not enough memory to derive the key (%llu MiB needed)"),
                   (unsigned long long) (limits->memlimit >> 20));
      epi_key_unref (key);
      return NULL;
    }

  sodium_mprotect_readonly (key->bytes);
  return key;
}

EpiKey *
epi_key_ref (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_int_inc (&key->ref_count);
  return key;
}

void
epi_key_unref (EpiKey *key)
{
  g_return_if_fail (key != NULL);

  if (!g_atomic_int_dec_and_test (&key->ref_count))
    return;

  if (key->bytes != NULL)
    sodium_free (key->bytes);
  g_free (key);
}

const guint8 *
epi_key_get_bytes (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->bytes;
}

const guint8 *
epi_key_get_salt (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->salt;
}

void
epi_key_get_limits (EpiKey       *key,
                    EpiKdfLimits *limits)
{
  g_return_if_fail (key != NULL && limits != NULL);

  *limits = key->limits;
}

EpiKeyring *
epi_keyring_new (EpiSecret          *secret,
                 const EpiKdfLimits *limits)
{
  EpiKeyring *ring;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  ring = g_new0 (EpiKeyring, 1);
  ring->ref_count = 1;
  g_rec_mutex_init (&ring->lock);
  ring->secret = epi_secret_ref (secret);
  ring->limits = *limits;
  ring->open_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_key_unref);

  return ring;
}

EpiKeyring *
epi_keyring_ref (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, NULL);

  g_atomic_int_inc (&ring->ref_count);
  return ring;
}

void
epi_keyring_unref (EpiKeyring *ring)
{
  g_return_if_fail (ring != NULL);

  if (!g_atomic_int_dec_and_test (&ring->ref_count))
    return;

  g_clear_pointer (&ring->seal_key, epi_key_unref);
  g_ptr_array_unref (ring->open_keys);
  epi_secret_unref (ring->secret);
  g_rec_mutex_clear (&ring->lock);
  g_free (ring);
}

/* The key every file sealed through this ring uses: one random salt, one
 * derivation, however many files. Callers that arrive while the first
 * derives wait for it on the lock. */
EpiKey *
epi_keyring_get_seal_key (EpiKeyring  *ring,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (ring != NULL, NULL);

  locker = g_rec_mutex_locker_new (&ring->lock);

  if (ring->seal_key == NULL)
    {
      ring->seal_key = epi_key_derive (ring->secret, &ring->limits, NULL, error);
      if (ring->seal_key == NULL)
        return NULL;
      ring->n_derived++;
    }

  return epi_key_ref (ring->seal_key);
}

/* The key for a file with @salt and @limits, derived once and reused for
 * every file that shares them. */
EpiKey *
epi_keyring_get_open_key (EpiKeyring          *ring,
                          const EpiKdfLimits  *limits,
                          const guint8        *salt,
                          GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  EpiKey *key;

  g_return_val_if_fail (ring != NULL, NULL);
  g_return_val_if_fail (limits != NULL && salt != NULL, NULL);

  locker = g_rec_mutex_locker_new (&ring->lock);

  for (guint i = 0; i < ring->open_keys->len; i++)
    {
      key = g_ptr_array_index (ring->open_keys, i);

      if (key->limits.opslimit == limits->opslimit &&
          key->limits.memlimit == limits->memlimit &&
          memcmp (key->salt, salt, EPI_SALT_BYTES) == 0)
        {
          /* Move it to the recent end. */
          g_ptr_array_add (ring->open_keys, epi_key_ref (key));
          g_ptr_array_remove_index (ring->open_keys, i);
          return epi_key_ref (key);
        }
    }

  key = epi_key_derive (ring->secret, limits, salt, error);
  if (key == NULL)
    return NULL;

  ring->n_derived++;
  g_ptr_array_add (ring->open_keys, epi_key_ref (key));
  if (ring->open_keys->len > MAX_OPEN_KEYS)
    g_ptr_array_remove_index (ring->open_keys, 0);

  return key;
}

guint
epi_keyring_get_n_derived (EpiKeyring *ring)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (ring != NULL, 0);

  locker = g_rec_mutex_locker_new (&ring->lock);
  return ring->n_derived;
}

/* The password the ring derives from; it does not change. */
EpiSecret *
epi_keyring_get_secret (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, NULL);

  return ring->secret;
}

/* The costs of the sealing key. */
void
epi_keyring_get_limits (EpiKeyring   *ring,
                        EpiKdfLimits *limits)
{
  g_return_if_fail (ring != NULL && limits != NULL);

  *limits = ring->limits;
}
