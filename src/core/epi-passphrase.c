/* epi-passphrase.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strong passphrases for people who would rather not choose one, as age
 * and Picocrypt offer: random characters from libsodium, in short groups
 * that are easy to read out and type.
 */

#include "config.h"

#include "epi-i18n.h"

#include <sodium.h>

#include "epi-error.h"
#include "epi-passphrase.h"
#include "epi-password-quality.h"

/* How many draws to make before giving up. A draw is refused about once
 * in 1,800 (see below), so this is never reached while libpwquality
 * works. */
#define MAX_DRAWS 32

G_STATIC_ASSERT (sizeof EPI_PASSPHRASE_ALPHABET - 1 == 31);

/* Fills @text with one draw: the groups, their dashes and a NUL. */
static void
draw (char *text)
{
  gsize k = 0;

  for (guint g = 0; g < EPI_PASSPHRASE_GROUPS; g++)
    {
      if (g > 0)
        text[k++] = '-';
      for (guint c = 0; c < EPI_PASSPHRASE_GROUP_LENGTH; c++)
        text[k++] = EPI_PASSPHRASE_ALPHABET[randombytes_uniform (sizeof EPI_PASSPHRASE_ALPHABET - 1)];
    }
  g_assert (k == EPI_PASSPHRASE_LENGTH);
  text[k] = '\0';
}

/**
 * epi_passphrase_generate:
 * @error: return location for an error
 *
 * A new passphrase of the form described in epi-passphrase.h, from
 * libsodium's randombytes_uniform() and nothing else. It is built in
 * guarded memory only.
 *
 * cracklib calls about one random draw in 1,800 "too systematic" (more
 * than four neighbouring characters one apart, as in "uvw" or "565"):
 * such a draw is made again, so that the strength meter always shows a
 * generated passphrase as strong. That leaves out a share of 0.06 % of
 * the draws, less than 0.001 bit of the 123.8.
 *
 * Any thread.
 *
 * Returns: (transfer full): the passphrase, or %NULL with
 *   %EPI_ERROR_OUT_OF_MEMORY, or %EPI_ERROR_UNSUPPORTED when libpwquality
 *   rates no draw strong (never seen with Debian's)
 */
EpiSecret *
epi_passphrase_generate (GError **error)
{
  char *text;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!epi_sodium_init (error))
    return NULL;

  text = epi_guarded_alloc (EPI_PASSPHRASE_LENGTH + 1);
  if (text == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the password"));
      return NULL;
    }

  for (guint i = 0; i < MAX_DRAWS; i++)
    {
      g_autoptr(EpiSecret) secret = NULL;
      g_autoptr(EpiPasswordQuality) quality = NULL;

      draw (text);
      secret = epi_secret_new (text, EPI_PASSPHRASE_LENGTH, error);
      if (secret == NULL)
        break;
      quality = epi_password_quality_check (secret, error);
      if (quality == NULL)
        break;
      if (quality->level == EPI_PASSWORD_LEVEL_STRONG)
        {
          epi_guarded_free (text);
          return g_steal_pointer (&secret);
        }
    }

  /* epi_guarded_free() wipes the last draw. */
  epi_guarded_free (text);
  if (error == NULL || *error == NULL)
    g_set_error_literal (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                         _("could not make a passphrase that the strength check accepts"));
  return NULL;
}
