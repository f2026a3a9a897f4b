/* test-keyring.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring from many threads: one derivation per key however many ask
 * at once, and a key already there is handed out while another is being
 * derived. Runs under ThreadSanitizer too.
 */

#include "config.h"

#include <string.h>

#include "epi-test-util.h"

#define N_THREADS 12

typedef struct
{
  EpiKeyring *ring;
  EpiKeySpec  spec;
  EpiKey     *key;   /* out */
} Ask;

static gpointer
ask_for_key (gpointer data)
{
  Ask *ask = data;
  g_autoptr(GError) error = NULL;

  ask->key = epi_keyring_get_open_key (ask->ring, &ask->spec, &error);
  g_assert_no_error (error);
  return NULL;
}

static EpiKeySpec
spec_of (EpiKdfStrength strength,
         guint8         salt_byte)
{
  EpiKeySpec spec = { .version = 2, .strength = strength };

  epi_kdf_strength_get_limits (strength, &spec.limits);
  memset (spec.salt, salt_byte, EPI_SALT_BYTES);
  return spec;
}

static EpiKeyring *
new_ring (void)
{
  g_autoptr(EpiSecret) secret = epi_secret_new ("shared", 6, NULL);

  return epi_keyring_new (secret, EPI_KDF_MINIMAL);
}

/* Threads asking for one key at once wait for the one derivation. */
static void
test_one_derivation_many_waiters (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ();
  Ask asks[N_THREADS];
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    {
      asks[i] = (Ask) { ring, spec_of (EPI_KDF_INTERACTIVE, 7), NULL };
      threads[i] = g_thread_new ("ask", ask_for_key, &asks[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_true (asks[i].key == asks[0].key);
      epi_key_unref (asks[i].key);
    }
}

/* Keys of different salts are derived side by side, each once. */
static void
test_distinct_keys_each_once (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ();
  Ask asks[N_THREADS];
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    {
      asks[i] = (Ask) { ring, spec_of (EPI_KDF_MINIMAL, (guint8) (i % 4)), NULL };
      threads[i] = g_thread_new ("ask", ask_for_key, &asks[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 4);
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_true (asks[i].key == asks[i % 4].key);
      g_assert_cmpmem (epi_key_get_spec (asks[i].key)->salt, EPI_SALT_BYTES,
                       asks[i % 4].spec.salt, EPI_SALT_BYTES);
    }
  for (guint i = 1; i < 4; i++)
    g_assert_true (memcmp (epi_key_get_bytes (asks[i].key), epi_key_get_bytes (asks[0].key),
                           EPI_KEY_BYTES) != 0);
  for (guint i = 0; i < N_THREADS; i++)
    epi_key_unref (asks[i].key);
}

/* A key the ring has is handed out while another is being derived: the
 * derivation (256 MiB, three passes) holds no lock. Were it to, the
 * cached key would come back only after it, with two keys counted. */
static void
test_cached_key_not_held_up (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ();
  Ask cached = { ring, spec_of (EPI_KDF_MINIMAL, 1), NULL };
  Ask slow = { ring, spec_of (EPI_KDF_MODERATE, 2), NULL };
  GThread *thread;

  ask_for_key (&cached);
  g_clear_pointer (&cached.key, epi_key_unref);
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);

  thread = g_thread_new ("slow", ask_for_key, &slow);
  /* Let the slow derivation begin; it lasts far longer than this. */
  g_usleep (10 * 1000);
  ask_for_key (&cached);
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);

  g_thread_join (thread);
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 2);
  epi_key_unref (cached.key);
  epi_key_unref (slow.key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Keyring/one-derivation-many-waiters", test_one_derivation_many_waiters);
  g_test_add_func ("/Epi/Keyring/distinct-keys-each-once", test_distinct_keys_each_once);
  g_test_add_func ("/Epi/Keyring/cached-key-not-held-up", test_cached_key_not_held_up);

  return g_test_run ();
}
