/* epi-secret.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <sodium.h>

#include "epi-error.h"
#include "epi-secret.h"

struct _EpiSecret
{
  gint            ref_count;  /* atomic */
  gsize           length;
  guint8         *data;   /* owned, sodium_malloc'd, read-only once filled */
};

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

/* Copies @data into guarded memory; the caller wipes its own copy. */
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
  secret->data = sodium_malloc (length);
  if (secret->data == NULL)
    {
      g_free (secret);
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the password"));
      return NULL;
    }
  memcpy (secret->data, data, length);
  sodium_mprotect_readonly (secret->data);

  return secret;
}

EpiSecret *
epi_secret_ref (EpiSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  g_atomic_int_inc (&secret->ref_count);
  return secret;
}

void
epi_secret_unref (EpiSecret *secret)
{
  g_return_if_fail (secret != NULL);

  if (!g_atomic_int_dec_and_test (&secret->ref_count))
    return;

  /* sodium_free() makes the memory writable again and wipes it. */
  sodium_free (secret->data);
  g_free (secret);
}

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
