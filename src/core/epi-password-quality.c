/* epi-password-quality.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How strong a new password is, as GNOME's own password pages judge it:
 * libpwquality's checks (length, palindromes, cracklib's dictionary and
 * "systematic" patterns) and its 0–100 score, mapped to four levels with
 * Control Center's thresholds, and a reason a person can act on. Only
 * libpwquality's defaults are used, not /etc/security/pwquality.conf: that
 * file is a policy for login passwords, and a sealed file's password
 * should be rated the same on every machine.
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <pwquality.h>
#include <sodium.h>

#include "epi-error.h"
#include "epi-password-quality.h"

/* Neither libpwquality nor cracklib says it may be called from several
 * threads at once: one check at a time in the process. */
G_LOCK_DEFINE_STATIC (pwquality);

/* A string of no language, far from any pattern: the dictionary check
 * passes it whenever the dictionary can be read. */
#define DICTIONARY_PROBE "Xq7#vK2m!pL9zR4w"

/* Whether cracklib's dictionary can be read. Without it (Debian's
 * cracklib-runtime is only recommended) every password would fail the
 * check as "error loading dictionary", and cracklib would print to
 * standard error each time: the check is then left out, once said. */
static gboolean
dictionary_usable (void)
{
  static gsize once = 0;
  static gboolean usable;

  if (g_once_init_enter (&once))
    {
      pwquality_settings_t *settings = pwquality_default_settings ();

      if (settings != NULL)
        {
          G_LOCK (pwquality);
          usable = pwquality_check (settings, DICTIONARY_PROBE, NULL, NULL, NULL) != PWQ_ERROR_CRACKLIB_CHECK;
          G_UNLOCK (pwquality);
          pwquality_free_settings (settings);
        }
      if (!usable)
        g_message ("cracklib's dictionary cannot be read (is cracklib-runtime installed?): "
                   "passwords are rated without it");
      g_once_init_leave (&once, 1);
    }

  return usable;
}

/* Not one of libpwquality's codes (theirs run from -1 to -29). */
#define ONE_CHARACTER (-1000)

static gboolean
one_character (const char *text,
               gsize       length)
{
  for (gsize i = 1; i < length; i++)
    if (text[i] != text[0])
      return FALSE;
  return TRUE;
}

/* Why libpwquality refused a password, as a clause that follows "the
 * password is weak:". */
static char *
refusal_reason (int   code,
                void *auxerror)
{
  char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
  const char *text;
  long n;

  switch (code)
    {
    case PWQ_ERROR_EMPTY_PASSWORD:
      return g_strdup (_("it is empty"));

    case ONE_CHARACTER:
      return g_strdup (_("it is one character repeated"));

    case PWQ_ERROR_MIN_LENGTH:
      n = (long) (gintptr) auxerror;
      if (n <= 0)
        return g_strdup (_("it is too short"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "it is shorter than %ld character",
                                           "it is shorter than %ld characters", (gulong) n), n);

    case PWQ_ERROR_PALINDROME:
      return g_strdup (_("it reads the same backwards"));

    case PWQ_ERROR_CRACKLIB_CHECK:
      /* cracklib's own reasons, translated in its own domain, are
       * already clauses: "it is based on a dictionary word". One ends
       * with a full stop. */
      if (auxerror != NULL)
        {
          g_autofree char *reason = g_strdup (auxerror);
          gsize length = strlen (reason);

          if (length > 0 && reason[length - 1] == '.')
            reason[length - 1] = '\0';
          return g_steal_pointer (&reason);
        }
      return g_strdup (_("it is too easy to guess"));

    default:
      /* Checks off by default (character classes, repeats, sequences,
       * an old password or a user name): libpwquality's sentence. */
      text = pwquality_strerror (buffer, sizeof buffer, code, auxerror);
      return g_strdup (text != NULL ? text : _("it is too easy to guess"));
    }
}

/* libpwquality's verdict on @password (a score, or a PWQ_ERROR), from a
 * C string it gets in guarded memory, wiped afterwards; a NUL ends the
 * password there. FALSE when out of memory. */
static gboolean
run_pwquality (EpiSecret  *password,
               int        *result,
               void      **auxerror)
{
  pwquality_settings_t *settings;
  const guint8 *data;
  const guint8 *nul;
  char *text;
  gsize length;

  data = epi_secret_get (password, &length);
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    length = (gsize) (nul - data);

  settings = pwquality_default_settings ();
  text = epi_guarded_alloc (length + 1);
  if (settings == NULL || text == NULL)
    {
      if (settings != NULL)
        pwquality_free_settings (settings);
      if (text != NULL)
        epi_guarded_free (text);
      return FALSE;
    }
  memcpy (text, data, length);
  text[length] = '\0';

  if (!dictionary_usable ())
    pwquality_set_int_value (settings, PWQ_SETTING_DICT_CHECK, 0);

  G_LOCK (pwquality);
  *result = pwquality_check (settings, text, NULL, NULL, auxerror);
  G_UNLOCK (pwquality);

  /* libpwquality calls "aaaaaaaaaaaaa" a palindrome, which is true but
   * not what a person would fix. */
  if (*result == PWQ_ERROR_PALINDROME && one_character (text, length))
    *result = ONE_CHARACTER;

  /* epi_guarded_free() wipes the copy. */
  epi_guarded_free (text);
  pwquality_free_settings (settings);

  return *result != PWQ_ERROR_MEM_ALLOC && *result != PWQ_ERROR_FATAL_FAILURE;
}

/* The level and the reason for libpwquality's @result. */
static EpiPasswordQuality *
quality_for (int   result,
             void *auxerror)
{
  EpiPasswordQuality *quality = g_new0 (EpiPasswordQuality, 1);

  if (result < 0)
    {
      quality->level = EPI_PASSWORD_LEVEL_WEAK;
      quality->message = refusal_reason (result, auxerror);
      return quality;
    }

  quality->score = (guint) MIN (result, 100);
  if (quality->score >= EPI_PASSWORD_STRONG_SCORE)
    quality->level = EPI_PASSWORD_LEVEL_STRONG;
  else if (quality->score >= EPI_PASSWORD_GOOD_SCORE)
    {
      quality->level = EPI_PASSWORD_LEVEL_GOOD;
      quality->message = g_strdup (_("it could be a little longer"));
    }
  else if (quality->score >= EPI_PASSWORD_FAIR_SCORE)
    {
      quality->level = EPI_PASSWORD_LEVEL_FAIR;
      quality->message = g_strdup (_("it is rather short or simple; another word or a few more "
                                     "characters make it stronger"));
    }
  else
    {
      quality->level = EPI_PASSWORD_LEVEL_WEAK;
      quality->message = g_strdup (_("it is short and simple enough to be guessed"));
    }

  return quality;
}

/**
 * epi_password_quality_check:
 * @password: a new password
 * @error: return location for an error
 *
 * Rates @password with libpwquality's default settings. libpwquality
 * needs a C string: it gets one built in guarded memory and wiped
 * afterwards, ending at the password's first NUL byte, if any (which
 * can only make the rating lower). libpwquality and cracklib make short
 * copies of their own, which they clear. Neither the result nor any
 * message holds the password.
 *
 * About a millisecond, mostly cracklib opening its dictionary. Any
 * thread: checks are taken one at a time.
 *
 * Returns: (transfer full): the rating, or %NULL with
 *   %EPI_ERROR_OUT_OF_MEMORY
 */
EpiPasswordQuality *
epi_password_quality_check (EpiSecret  *password,
                            GError    **error)
{
  void *auxerror = NULL;
  int result;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!epi_sodium_init (error) || !run_pwquality (password, &result, &auxerror))
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no memory left to rate the password"));
      return NULL;
    }

  return quality_for (result, auxerror);
}

/**
 * epi_password_quality_free:
 * @quality: (nullable): a rating from epi_password_quality_check()
 *
 * Frees @quality and its message.
 */
void
epi_password_quality_free (EpiPasswordQuality *quality)
{
  if (quality == NULL)
    return;

  g_free (quality->message);
  g_free (quality);
}
