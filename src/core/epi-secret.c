/* epi-secret.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "epi-i18n.h"

#include <errno.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <sodium.h>

#include "epi-error.h"
#include "epi-secret.h"

struct _EpiSecret
{
  gint            ref_count;  /* atomic */
  gsize           length;
  guint8         *data;   /* owned, sodium_malloc'd, read-only once filled */
};

/* Starts libsodium once per process; safe from any thread. Fails, with
 * EPI_ERROR_OUT_OF_MEMORY, only when it cannot start at all. */
gboolean
epi_sodium_init (GError **error)
{
  /* sodium_init() is thread-safe and cheap after the first call. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("the crypto library could not start"));
      return FALSE;
    }

  return TRUE;
}

/**
 * epi_guarded_alloc:
 * @size: bytes, at least 1
 *
 * Memory for secrets: sodium_malloc()'s guard pages, locked in RAM and
 * left out of core dumps. A lock the system refuses (RLIMIT_MEMLOCK) is
 * reported at debug level: the memory is still guarded, only swappable.
 * Any thread.
 *
 * Returns: (nullable): the memory, to be freed with epi_guarded_free(),
 *   or %NULL when the system has no more
 */
gpointer
epi_guarded_alloc (gsize size)
{
  gpointer data = sodium_malloc (MAX (size, 1));

  /* sodium_malloc() ignores its own mlock's failure; asking again tells. */
  if (data != NULL && sodium_mlock (data, MAX (size, 1)) != 0)
    g_debug ("guarded memory of %zu bytes could not be locked in RAM: %s",
             size, g_strerror (errno));

  return data;
}

/* Wipes and frees what epi_guarded_alloc() gave; %NULL is ignored. */
void
epi_guarded_free (gpointer data)
{
  /* sodium_free() makes the memory writable again and wipes it. */
  sodium_free (data);
}

static gint dump_guard_holds; /* atomic */

/**
 * epi_dump_guard_hold:
 *
 * Marks the process not dumpable (prctl PR_SET_DUMPABLE 0: no core dump,
 * no ptrace by the same user) until every hold is released. Held by each
 * password, by each derived key and by whoever keeps a decrypted drawing.
 * Any thread.
 */
void
epi_dump_guard_hold (void)
{
  if (g_atomic_int_add (&dump_guard_holds, 1) == 0)
    {
#ifdef __linux__
      if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        g_debug ("the process could not be made non-dumpable: %s", g_strerror (errno));
#endif
    }
}

/* Ends a hold. The last one makes the process dumpable again, which
 * desktop portals need to identify it. */
void
epi_dump_guard_release (void)
{
  g_return_if_fail (g_atomic_int_get (&dump_guard_holds) > 0);

  if (g_atomic_int_dec_and_test (&dump_guard_holds))
    {
#ifdef __linux__
      prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
#endif
    }
}

/* Copies @length bytes of @data into guarded memory; the caller wipes
 * its own copy. Any thread.
 * Returns: (transfer full): the secret, to drop with epi_secret_unref();
 * or NULL with EPI_ERROR_INVALID_ARGUMENT (empty, or longer than the
 * largest password) or EPI_ERROR_OUT_OF_MEMORY (no guarded memory). */
EpiSecret *
epi_secret_new (const void  *data,
                gsize        length,
                GError     **error)
{
  EpiSecret *secret;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!epi_sodium_init (error))
    return NULL;

  if (length == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                           _("the password is empty"));
      return NULL;
    }
  if (length > EPI_MAX_PASSWORD_BYTES)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("the password is longer than %d bytes"), EPI_MAX_PASSWORD_BYTES);
      return NULL;
    }

  secret = g_new0 (EpiSecret, 1);
  secret->ref_count = 1;
  secret->length = length;
  secret->data = epi_guarded_alloc (length);
  if (secret->data == NULL)
    {
      g_free (secret);
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the password"));
      return NULL;
    }
  memcpy (secret->data, data, length);
  sodium_mprotect_readonly (secret->data);
  epi_dump_guard_hold ();

  return secret;
}

/* Returns: (transfer full): @secret, with one more reference. Any thread. */
EpiSecret *
epi_secret_ref (EpiSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  g_atomic_int_inc (&secret->ref_count);
  return secret;
}

/* Drops a reference to @secret; the last one wipes and frees its guarded
 * memory. Any thread; NULL is ignored. */
void
epi_secret_unref (EpiSecret *secret)
{
  g_return_if_fail (secret != NULL);

  if (!g_atomic_int_dec_and_test (&secret->ref_count))
    return;

  epi_guarded_free (secret->data);
  g_free (secret);
  epi_dump_guard_release ();
}

/* The password's bytes, read-only, owned by @secret and valid while it
 * lives; @length gets their count. Not NUL-terminated. Any thread. */
const guint8 *
epi_secret_get (EpiSecret *secret,
                gsize     *length)
{
  g_return_val_if_fail (secret != NULL, NULL);

  if (length != NULL)
    *length = secret->length;
  return secret->data;
}

/* Constant-time comparison, for "type it again" checks. */
gboolean
epi_secret_equal (EpiSecret *a,
                  EpiSecret *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->length == b->length && sodium_memcmp (a->data, b->data, a->length) == 0;
}
