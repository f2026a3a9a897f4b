/* epi-key.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Password to keys with Argon2id (libsodium's crypto_pwhash), the table
 * of strengths a reader accepts, and a thread-safe cache so a batch
 * derives each key once.
 *
 * Version 2 splits the Argon2id output (the master key) with
 * crypto_kdf_derive_from_key into an encryption key and a commitment key,
 * so a file can commit to the key that opens it: an AEAD like
 * XChaCha20-Poly1305 alone does not (Len, Grubbs and Ristenpart,
 * "Partitioning Oracle Attacks", USENIX Security 2021).
 */

#include "config.h"

#include "epi-i18n.h"

#include <pthread.h>
#include <string.h>

#include <sodium.h>
#include <uninorm.h>

#include "epi-error.h"
#include "epi-key.h"

#define SUBKEY_CONTEXT        "Epicrypt"
#define SUBKEY_ID_ENCRYPTION  1
#define SUBKEY_ID_COMMITMENT  2

struct _EpiKey
{
  gint            ref_count;  /* atomic */
  EpiKeySpec      spec;
  guint8         *bytes;      /* owned, guarded: encryption key, then (version 2)
                                 commitment key, EPI_KEY_BYTES each */
};

/* A cached key, or one being derived (key NULL) that others wait for. */
typedef struct
{
  EpiKeySpec      spec;
  EpiKey         *key;        /* owned */
} Slot;

struct _EpiKeyring
{
  gint             ref_count;    /* atomic */
  /* pthread rather than GMutex (a futex ThreadSanitizer cannot see) and
   * a condition variable so a derivation runs outside the lock. */
  pthread_mutex_t  lock;
  pthread_cond_t   derived;      /* a derivation ended */
  EpiSecret       *secret;       /* owned reference */
  EpiKdfStrength   strength;     /* for sealing */
  EpiKdfStrength   max_strength; /* the most expensive accepted for opening */
  gboolean         has_seal_salt; /* under lock */
  guint8           seal_salt[EPI_SALT_BYTES];
  GPtrArray       *slots;        /* owned Slot *, most recently used last; under lock */
  guint            n_derived;    /* under lock; for tests and reports */
};

G_STATIC_ASSERT (EPI_SALT_BYTES == crypto_pwhash_SALTBYTES);
G_STATIC_ASSERT (EPI_KEY_BYTES == crypto_kdf_KEYBYTES);
G_STATIC_ASSERT (sizeof SUBKEY_CONTEXT - 1 == crypto_kdf_CONTEXTBYTES);

/* Keys kept, most recently used last. Each one is a guarded allocation of
 * its own (several mappings, locked memory), so a process opening files
 * of thousands of different salts keeps only the latest. */
#define MAX_KEPT_KEYS 32

static const struct
{
  EpiKdfStrength  strength;
  const char     *name;
  guint64         opslimit;
  guint64         memlimit;
} strength_table[] = {
  { EPI_KDF_INTERACTIVE, "interactive", 2, G_GUINT64_CONSTANT (64) << 20 },
  { EPI_KDF_MODERATE,    "moderate",    3, G_GUINT64_CONSTANT (256) << 20 },
  { EPI_KDF_SENSITIVE,   "sensitive",   4, G_GUINT64_CONSTANT (1) << 30 },
  { EPI_KDF_MINIMAL,     "minimal",     1, 8192 },
};

/**
 * epi_kdf_strength_get_limits:
 * @strength: an entry of the table
 * @limits: (out): its passes and memory
 *
 * Returns: %FALSE, leaving @limits alone, for anything not in the table
 */
gboolean
epi_kdf_strength_get_limits (EpiKdfStrength  strength,
                             EpiKdfLimits   *limits)
{
  g_return_val_if_fail (limits != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (strength_table); i++)
    if (strength_table[i].strength == strength)
      {
        limits->opslimit = strength_table[i].opslimit;
        limits->memlimit = strength_table[i].memlimit;
        return TRUE;
      }

  return FALSE;
}

/* The name the CLI and the settings use ("moderate"), or NULL for an id
 * outside the table. Not translated: it is also an option's value. */
const char *
epi_kdf_strength_get_name (EpiKdfStrength strength)
{
  for (guint i = 0; i < G_N_ELEMENTS (strength_table); i++)
    if (strength_table[i].strength == strength)
      return strength_table[i].name;

  return NULL;
}

/* The reverse of epi_kdf_strength_get_name(); "minimal" is not offered. */
gboolean
epi_kdf_strength_from_name (const char     *name,
                            EpiKdfStrength *strength)
{
  g_return_val_if_fail (name != NULL && strength != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (strength_table); i++)
    if (strength_table[i].strength != EPI_KDF_MINIMAL && g_str_equal (strength_table[i].name, name))
      {
        *strength = strength_table[i].strength;
        return TRUE;
      }

  return FALSE;
}

/* The entry people can pick whose costs are @limits, or EPI_KDF_CUSTOM:
 * what a version 1 file's costs are called. */
EpiKdfStrength
epi_kdf_strength_for_limits (const EpiKdfLimits *limits)
{
  g_return_val_if_fail (limits != NULL, EPI_KDF_CUSTOM);

  for (guint i = 0; i < G_N_ELEMENTS (strength_table); i++)
    if (strength_table[i].strength != EPI_KDF_MINIMAL &&
        strength_table[i].opslimit == limits->opslimit &&
        strength_table[i].memlimit == limits->memlimit)
      return strength_table[i].strength;

  return EPI_KDF_CUSTOM;
}

/* @limits in words, translated: "3 passes, 256 MiB". */
char *
epi_kdf_limits_describe (const EpiKdfLimits *limits)
{
  g_autofree char *passes = NULL;
  g_autofree char *memory = NULL;
  guint64 kib = limits->memlimit / 1024;

  g_return_val_if_fail (limits != NULL, NULL);

  passes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu pass", "%llu passes", limits->opslimit),
                            (unsigned long long) limits->opslimit);
  if (kib % (1024 * 1024) == 0)
    memory = g_strdup_printf (_("%llu GiB"), (unsigned long long) (kib >> 20));
  else if (kib % 1024 == 0)
    memory = g_strdup_printf (_("%llu MiB"), (unsigned long long) (kib >> 10));
  else
    memory = g_strdup_printf (_("%llu KiB"), (unsigned long long) kib);

  /* Translators: the passes, then the memory of a key derivation. */
  return g_strdup_printf (_("%s, %s"), passes, memory);
}

/* Whether a version 1 file's own costs, @limits, lie between libsodium's
 * least and the caps on what such a file may choose
 * (EPI_MAX_OPSLIMIT passes, EPI_MAX_MEMLIMIT bytes); FALSE with
 * EPI_ERROR_BAD_KDF_LIMITS saying both. Any thread. */
gboolean
epi_kdf_limits_check (const EpiKdfLimits  *limits,
                      GError             **error)
{
  g_return_val_if_fail (limits != NULL, FALSE);

  if (limits->opslimit < crypto_pwhash_OPSLIMIT_MIN || limits->opslimit > EPI_MAX_OPSLIMIT ||
      limits->memlimit < crypto_pwhash_MEMLIMIT_MIN || limits->memlimit > EPI_MAX_MEMLIMIT)
    {
      EpiKdfLimits most = { EPI_MAX_OPSLIMIT, EPI_MAX_MEMLIMIT };
      g_autofree char *asked = epi_kdf_limits_describe (limits);
      g_autofree char *allowed = epi_kdf_limits_describe (&most);

      g_set_error (error, EPI_ERROR, EPI_ERROR_BAD_KDF_LIMITS,
                   _("key derivation limits out of range (%s; at most %s)"), asked, allowed);
      return FALSE;
    }

  return TRUE;
}

/* The password version 2 derives from: Unicode NFC, so "é" typed as one
 * code point or as "e" and a combining accent is one password. Bytes
 * that are not UTF-8 are taken as they are. The result lives in guarded
 * memory (@normal, to be freed with epi_guarded_free()). */
static gboolean
normalise_password (EpiSecret  *secret,
                    guint8    **normal,
                    gsize      *normal_len,
                    GError    **error)
{
  const guint8 *password;
  gsize password_len, capacity, length;
  uint8_t *result;

  password = epi_secret_get (secret, &password_len);
  /* NFC grows UTF-8 by at most three times (Unicode UAX #15, 9). */
  capacity = 3 * password_len;
  *normal = epi_guarded_alloc (capacity);
  if (*normal == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the password"));
      return FALSE;
    }

  if (!g_utf8_validate ((const char *) password, password_len, NULL))
    {
      memcpy (*normal, password, password_len);
      *normal_len = password_len;
      return TRUE;
    }

  length = capacity;
  result = u8_normalize (UNINORM_NFC, password, password_len, *normal, &length);
  if (result != *normal)
    {
      /* Never with the capacity above; an unguarded copy is wiped at once. */
      if (result != NULL)
        {
          sodium_memzero (result, length);
          free (result);
        }
      g_clear_pointer (normal, epi_guarded_free);
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("the password could not be normalised"));
      return FALSE;
    }

  *normal_len = length;
  return TRUE;
}

/* Fills @key->bytes from the password. */
static gboolean
derive_bytes (EpiKey     *key,
              EpiSecret  *secret,
              GError    **error)
{
  const EpiKeySpec *spec = &key->spec;
  const guint8 *password;
  guint8 *normal = NULL;
  guint8 *master = NULL;
  gsize password_len;
  int failed;

  if (spec->version == 1)
    {
      password = epi_secret_get (secret, &password_len);
      failed = crypto_pwhash (key->bytes, EPI_KEY_BYTES, (const char *) password, password_len,
                              spec->salt, spec->limits.opslimit, (size_t) spec->limits.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13);
    }
  else
    {
      if (!normalise_password (secret, &normal, &password_len, error))
        return FALSE;
      master = epi_guarded_alloc (EPI_KEY_BYTES);
      failed = master == NULL ||
               crypto_pwhash (master, EPI_KEY_BYTES, (const char *) normal, password_len,
                              spec->salt, spec->limits.opslimit, (size_t) spec->limits.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0;
      if (!failed)
        {
          crypto_kdf_derive_from_key (key->bytes, EPI_KEY_BYTES, SUBKEY_ID_ENCRYPTION,
                                      SUBKEY_CONTEXT, master);
          crypto_kdf_derive_from_key (key->bytes + EPI_KEY_BYTES, EPI_KEY_BYTES,
                                      SUBKEY_ID_COMMITMENT, SUBKEY_CONTEXT, master);
        }
      epi_guarded_free (master);
      epi_guarded_free (normal);
    }

  if (failed)
    {
      /* Argon2id fails only when it cannot have its memory. */
      g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                   _("not enough memory to derive the key (%llu MiB needed)"),
                   (unsigned long long) (spec->limits.memlimit >> 20));
      return FALSE;
    }

  return TRUE;
}

/**
 * epi_key_derive:
 * @secret: the password
 * @spec: the format, costs and salt; for version 2 the limits are the
 *   strength's and @spec's own are ignored
 * @error: EPI_ERROR_BAD_KDF_LIMITS or EPI_ERROR_UNSUPPORTED for costs
 *   outside the caps or the table, EPI_ERROR_OUT_OF_MEMORY
 *
 * Runs Argon2id: a second or more at the default strength, so call it
 * from a worker thread. No policy beyond the table and the caps is
 * applied here; that is the keyring's.
 *
 * Returns: (transfer full): the keys, or %NULL
 */
EpiKey *
epi_key_derive (EpiSecret         *secret,
                const EpiKeySpec  *spec,
                GError           **error)
{
  EpiKey *key;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (spec != NULL && (spec->version == 1 || spec->version == 2), NULL);

  if (!epi_sodium_init (error))
    return NULL;

  key = g_new0 (EpiKey, 1);
  key->ref_count = 1;
  key->spec = *spec;
  epi_dump_guard_hold ();
  if (spec->version == 2)
    {
      if (!epi_kdf_strength_get_limits (spec->strength, &key->spec.limits))
        {
          g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                       _("unknown key strength (id %u)"), spec->strength);
          epi_key_unref (key);
          return NULL;
        }
    }
  else if (!epi_kdf_limits_check (&spec->limits, error))
    {
      epi_key_unref (key);
      return NULL;
    }
  else
    key->spec.strength = epi_kdf_strength_for_limits (&spec->limits);

  key->bytes = epi_guarded_alloc (2 * EPI_KEY_BYTES);
  if (key->bytes == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the key"));
      epi_key_unref (key);
      return NULL;
    }
  if (!derive_bytes (key, secret, error))
    {
      epi_key_unref (key);
      return NULL;
    }

  sodium_mprotect_readonly (key->bytes);
  return key;
}

/* Returns: (transfer full): @key, with one more reference. Any thread. */
EpiKey *
epi_key_ref (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_int_inc (&key->ref_count);
  return key;
}

/* Drops a reference to @key; the last one wipes and frees it. Any
 * thread; NULL is ignored. */
void
epi_key_unref (EpiKey *key)
{
  g_return_if_fail (key != NULL);

  if (!g_atomic_int_dec_and_test (&key->ref_count))
    return;

  g_clear_pointer (&key->bytes, epi_guarded_free);
  g_free (key);
  epi_dump_guard_release ();
}

/* The XChaCha20-Poly1305 key, EPI_KEY_BYTES; owned by @key. */
const guint8 *
epi_key_get_bytes (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->bytes;
}

/* The BLAKE2b key of a version 2 header's commitment, EPI_KEY_BYTES;
 * %NULL for version 1. Owned by @key. */
const guint8 *
epi_key_get_commitment_key (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->spec.version == 2 ? key->bytes + EPI_KEY_BYTES : NULL;
}

/* What @key was derived for; owned by @key. */
const EpiKeySpec *
epi_key_get_spec (EpiKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return &key->spec;
}

static gboolean
spec_equal (const EpiKeySpec *a,
            const EpiKeySpec *b)
{
  return a->version == b->version && a->strength == b->strength &&
         a->limits.opslimit == b->limits.opslimit && a->limits.memlimit == b->limits.memlimit &&
         memcmp (a->salt, b->salt, EPI_SALT_BYTES) == 0;
}

static void
slot_free (Slot *slot)
{
  g_clear_pointer (&slot->key, epi_key_unref);
  g_free (slot);
}

/**
 * epi_keyring_new:
 * @secret: the password; the ring keeps a reference
 * @strength: the strength to seal with; EPI_KDF_MINIMAL (tests only) also
 *   lets the ring open files of that strength
 *
 * A ring opens version 2 files of any strength in the table up to the
 * most expensive (see epi_keyring_set_max_strength()) and version 1 files
 * within EPI_MAX_OPSLIMIT and EPI_MAX_MEMLIMIT. Usable from any thread.
 *
 * Returns: (transfer full): a new ring
 */
EpiKeyring *
epi_keyring_new (EpiSecret      *secret,
                 EpiKdfStrength  strength)
{
  EpiKeyring *ring;
  EpiKdfLimits unused;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (epi_kdf_strength_get_limits (strength, &unused), NULL);

  ring = g_new0 (EpiKeyring, 1);
  ring->ref_count = 1;
  pthread_mutex_init (&ring->lock, NULL);
  pthread_cond_init (&ring->derived, NULL);
  ring->secret = epi_secret_ref (secret);
  ring->strength = strength;
  ring->max_strength = EPI_KDF_SENSITIVE;
  ring->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);

  return ring;
}

/* Returns: (transfer full): @ring, with one more reference. Any thread. */
EpiKeyring *
epi_keyring_ref (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, NULL);

  g_atomic_int_inc (&ring->ref_count);
  return ring;
}

/* Drops a reference to @ring; the last one wipes its keys and drops its
 * password. Any thread; NULL is ignored. */
void
epi_keyring_unref (EpiKeyring *ring)
{
  g_return_if_fail (ring != NULL);

  if (!g_atomic_int_dec_and_test (&ring->ref_count))
    return;

  g_ptr_array_unref (ring->slots);
  epi_secret_unref (ring->secret);
  pthread_cond_destroy (&ring->derived);
  pthread_mutex_destroy (&ring->lock);
  g_free (ring);
}

/**
 * epi_keyring_set_max_strength:
 * @max_strength: EPI_KDF_INTERACTIVE, EPI_KDF_MODERATE or EPI_KDF_SENSITIVE
 *   (the default, which accepts every entry)
 *
 * Refuses files asking for a more expensive derivation, before any work.
 * Below the default it also holds version 1 files to that strength's
 * passes and memory. Set it before the ring is shared between threads.
 */
void
epi_keyring_set_max_strength (EpiKeyring     *ring,
                              EpiKdfStrength  max_strength)
{
  g_return_if_fail (ring != NULL);
  g_return_if_fail (max_strength >= EPI_KDF_INTERACTIVE && max_strength <= EPI_KDF_SENSITIVE);

  ring->max_strength = max_strength;
}

/* The costliest strength the ring opens (see
 * epi_keyring_set_max_strength()). Any thread. */
EpiKdfStrength
epi_keyring_get_max_strength (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, EPI_KDF_SENSITIVE);

  return ring->max_strength;
}

/* The strength the ring seals with. */
EpiKdfStrength
epi_keyring_get_strength (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, EPI_KDF_DEFAULT);

  return ring->strength;
}

static gboolean
above_max (const EpiKeySpec  *spec,
           EpiKdfStrength     max_strength,
           GError           **error)
{
  g_autofree char *costs = NULL;
  EpiKdfLimits max;

  /* A version 1 file costs about passes × memory in time, and memory in
   * memory; under the most expensive entry the caps alone hold it. */
  epi_kdf_strength_get_limits (max_strength, &max);
  if (spec->version == 2 ? spec->strength <= max_strength
                         : max_strength == EPI_KDF_SENSITIVE ||
                           (spec->limits.memlimit <= max.memlimit &&
                            spec->limits.opslimit * (spec->limits.memlimit >> 10) <=
                            max.opslimit * (max.memlimit >> 10)))
    return FALSE;

  costs = epi_kdf_limits_describe (&spec->limits);
  g_set_error (error, EPI_ERROR, EPI_ERROR_BAD_KDF_LIMITS,
               /* The strength names are not translated: they are option values. */
               _("the file asks for a costlier key derivation (%s) than the most accepted, “%s”"),
               costs, epi_kdf_strength_get_name (max_strength));
  return TRUE;
}

/**
 * epi_key_spec_check:
 * @spec: a parsed header's key spec
 * @max_strength: the costliest strength accepted (EPI_KDF_SENSITIVE
 *   accepts every one)
 * @error: EPI_ERROR_UNSUPPORTED for a strength outside the table (the
 *   test strength included), EPI_ERROR_BAD_KDF_LIMITS for costs over the
 *   caps or @max_strength
 *
 * A program's policy on what a file may cost, from its header alone, so
 * a file can be refused before its password is asked. Any thread.
 */
gboolean
epi_key_spec_check (const EpiKeySpec  *spec,
                    EpiKdfStrength     max_strength,
                    GError           **error)
{
  EpiKdfLimits limits;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->version == 1)
    return epi_kdf_limits_check (&spec->limits, error) && !above_max (spec, max_strength, error);

  if (spec->strength == EPI_KDF_MINIMAL || !epi_kdf_strength_get_limits (spec->strength, &limits))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("sealed file asks for an unknown key strength (id %u)"), spec->strength);
      return FALSE;
    }

  return !above_max (spec, max_strength, error);
}

/**
 * epi_keyring_check_spec:
 * @spec: a parsed header's key spec
 * @error: as epi_key_spec_check()
 *
 * The ring's policy, applied before any derivation: epi_key_spec_check()
 * with the ring's maximum, except that a ring of the test strength opens
 * files of it. Any thread.
 */
gboolean
epi_keyring_check_spec (EpiKeyring        *ring,
                        const EpiKeySpec  *spec,
                        GError           **error)
{
  g_return_val_if_fail (ring != NULL && spec != NULL, FALSE);

  if (spec->version == 2 && spec->strength == EPI_KDF_MINIMAL && ring->strength == EPI_KDF_MINIMAL)
    return TRUE;

  return epi_key_spec_check (spec, ring->max_strength, error);
}

static Slot *
find_slot (EpiKeyring       *ring,
           const EpiKeySpec *spec,
           guint            *index)
{
  for (guint i = 0; i < ring->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (ring->slots, i);

      if (spec_equal (&slot->spec, spec))
        {
          *index = i;
          return slot;
        }
    }

  return NULL;
}

/* Lock held. Drops the least recently used finished key over the cap. */
static void
evict_locked (EpiKeyring *ring)
{
  guint n_kept = 0;

  for (guint i = 0; i < ring->slots->len; i++)
    n_kept += ((Slot *) g_ptr_array_index (ring->slots, i))->key != NULL;

  for (guint i = 0; n_kept > MAX_KEPT_KEYS && i < ring->slots->len; i++)
    if (((Slot *) g_ptr_array_index (ring->slots, i))->key != NULL)
      {
        g_ptr_array_remove_index (ring->slots, i);
        break;
      }
}

/* The key for @spec: from the cache, or derived outside the lock while
 * other callers for the same spec wait and the rest go on. */
static EpiKey *
get_key (EpiKeyring        *ring,
         const EpiKeySpec  *spec,
         GError           **error)
{
  Slot *slot;
  EpiKey *key;
  guint index;

  pthread_mutex_lock (&ring->lock);
  while ((slot = find_slot (ring, spec, &index)) != NULL && slot->key == NULL)
    pthread_cond_wait (&ring->derived, &ring->lock);

  if (slot != NULL)
    {
      /* Move it to the recent end. */
      g_ptr_array_steal_index (ring->slots, index);
      g_ptr_array_add (ring->slots, slot);
      key = epi_key_ref (slot->key);
      pthread_mutex_unlock (&ring->lock);
      return key;
    }

  /* A slot being derived is never evicted, so it stays valid. */
  slot = g_new0 (Slot, 1);
  slot->spec = *spec;
  g_ptr_array_add (ring->slots, slot);
  pthread_mutex_unlock (&ring->lock);

  key = epi_key_derive (ring->secret, spec, error);

  pthread_mutex_lock (&ring->lock);
  if (key != NULL)
    {
      slot->key = epi_key_ref (key);
      ring->n_derived++;
      evict_locked (ring);
    }
  else
    /* Waiters find no slot and try for themselves. */
    g_ptr_array_remove_fast (ring->slots, slot);
  pthread_cond_broadcast (&ring->derived);
  pthread_mutex_unlock (&ring->lock);

  return key;
}

/**
 * epi_keyring_get_seal_key:
 * @error: as epi_key_derive()
 *
 * The key every file sealed through this ring uses: one random salt, one
 * derivation, however many files. Any thread; callers that arrive while
 * it is derived wait for it.
 *
 * Returns: (transfer full): the key, or %NULL
 */
EpiKey *
epi_keyring_get_seal_key (EpiKeyring  *ring,
                          GError     **error)
{
  EpiKeySpec spec = { 0 };

  g_return_val_if_fail (ring != NULL, NULL);

  if (!epi_sodium_init (error))
    return NULL;

  pthread_mutex_lock (&ring->lock);
  if (!ring->has_seal_salt)
    {
      randombytes_buf (ring->seal_salt, EPI_SALT_BYTES);
      ring->has_seal_salt = TRUE;
    }
  memcpy (spec.salt, ring->seal_salt, EPI_SALT_BYTES);
  pthread_mutex_unlock (&ring->lock);

  spec.version = 2;
  spec.strength = ring->strength;
  epi_kdf_strength_get_limits (ring->strength, &spec.limits);

  return get_key (ring, &spec, error);
}

/**
 * epi_keyring_get_open_key:
 * @spec: a parsed header's key spec
 * @error: as epi_keyring_check_spec() and epi_key_derive()
 *
 * The key for a file, after the ring's policy; derived once and reused
 * for every file that shares @spec. Any thread.
 *
 * Returns: (transfer full): the key, or %NULL
 */
EpiKey *
epi_keyring_get_open_key (EpiKeyring        *ring,
                          const EpiKeySpec  *spec,
                          GError           **error)
{
  g_return_val_if_fail (ring != NULL && spec != NULL, NULL);

  if (!epi_keyring_check_spec (ring, spec, error))
    return NULL;

  return get_key (ring, spec, error);
}

/* How many keys the ring has derived so far: for tests and reports. Any
 * thread. */
guint
epi_keyring_get_n_derived (EpiKeyring *ring)
{
  guint n;

  g_return_val_if_fail (ring != NULL, 0);

  pthread_mutex_lock (&ring->lock);
  n = ring->n_derived;
  pthread_mutex_unlock (&ring->lock);
  return n;
}

/* The password the ring derives from; it does not change. */
EpiSecret *
epi_keyring_get_secret (EpiKeyring *ring)
{
  g_return_val_if_fail (ring != NULL, NULL);

  return ring->secret;
}
