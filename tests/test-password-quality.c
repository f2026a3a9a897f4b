/* test-password-quality.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strength meter: the passwords people really choose are not called
 * strong, each weak one comes with a reason, and no rating repeats the
 * password.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "epi-test-util.h"

static EpiPasswordQuality *
rate (const char *password,
      gsize       length)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (password, length, NULL);
  g_autoptr(GError) error = NULL;
  EpiPasswordQuality *quality;

  g_assert_nonnull (secret);
  quality = epi_password_quality_check (secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quality);
  g_assert_cmpuint (quality->score, <=, 100);
  return quality;
}

/* What the issue found called strong, and a batch sealed under "abc". */
static void
test_common_not_strong (void)
{
  const struct
  {
    const char       *password;
    EpiPasswordLevel  at_most;
    const char       *reason;   /* a word of the English reason, or NULL */
  } cases[] = {
    { "Password1!", EPI_PASSWORD_LEVEL_WEAK, "dictionary word" },
    { "Summer2024!", EPI_PASSWORD_LEVEL_FAIR, NULL },
    { "aaaaaaaaaaaaa", EPI_PASSWORD_LEVEL_WEAK, "repeated" },
    { "abcdcba-abcdcba", EPI_PASSWORD_LEVEL_WEAK, "backwards" },
    { "abc", EPI_PASSWORD_LEVEL_WEAK, "shorter than" },
    { "qwertyuiop", EPI_PASSWORD_LEVEL_WEAK, "dictionary word" },
    { "12345678901", EPI_PASSWORD_LEVEL_WEAK, "systematic" },
    { "iloveyou123", EPI_PASSWORD_LEVEL_WEAK, NULL },
    { "Winter2023", EPI_PASSWORD_LEVEL_FAIR, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpiPasswordQuality) quality = rate (cases[i].password, strlen (cases[i].password));

      g_test_message ("%s: %u, level %d, %s", cases[i].password, quality->score, quality->level,
                      quality->message);
      g_assert_cmpint (quality->level, <=, cases[i].at_most);
      g_assert_nonnull (quality->message);
      g_assert_cmpuint (strlen (quality->message), >, 0);
      g_assert_null (strstr (quality->message, cases[i].password));
      if (cases[i].reason != NULL)
        g_assert_nonnull (strstr (quality->message, cases[i].reason));
    }
}

/* Long passwords of several kinds of characters, and a few words. */
static void
test_strong (void)
{
  const char *passwords[] = {
    "correct horse battery staple",
    "Glass-Onion-1912",
    "gh7Kp#2qLm9!",
  };

  for (guint i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      g_autoptr(EpiPasswordQuality) quality = rate (passwords[i], strlen (passwords[i]));

      g_assert_cmpint (quality->level, ==, EPI_PASSWORD_LEVEL_STRONG);
      g_assert_cmpuint (quality->score, >=, EPI_PASSWORD_STRONG_SCORE);
      g_assert_null (quality->message);
    }
}

/* Levels follow the score, and a refused password scores 0. */
static void
test_levels_follow_score (void)
{
  const char *passwords[] = {
    "abc", "Password1!", "qwertyuiop", "Winter2023", "Summer2024!", "blue-Horse",
    "zx81spectrum", "Tr0ub4dor&3", "gh7Kp#2qLm9!", "correct horse battery staple",
  };

  for (guint i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      g_autoptr(EpiPasswordQuality) quality = rate (passwords[i], strlen (passwords[i]));
      EpiPasswordLevel expected;

      if (quality->score >= EPI_PASSWORD_STRONG_SCORE)
        expected = EPI_PASSWORD_LEVEL_STRONG;
      else if (quality->score >= EPI_PASSWORD_GOOD_SCORE)
        expected = EPI_PASSWORD_LEVEL_GOOD;
      else if (quality->score >= EPI_PASSWORD_FAIR_SCORE)
        expected = EPI_PASSWORD_LEVEL_FAIR;
      else
        expected = EPI_PASSWORD_LEVEL_WEAK;
      g_assert_cmpint (quality->level, ==, expected);
      g_assert_true ((quality->level == EPI_PASSWORD_LEVEL_STRONG) == (quality->message == NULL));
    }
}

/* libpwquality reads a C string: a password with a NUL byte is rated by
 * what comes before it, never more kindly. */
static void
test_nul_byte (void)
{
  static const char password[] = "abc\0-a-much-longer-tail-of-Characters-42";
  g_autoptr(EpiPasswordQuality) quality = rate (password, sizeof password - 1);

  g_assert_cmpint (quality->level, ==, EPI_PASSWORD_LEVEL_WEAK);
  g_assert_nonnull (strstr (quality->message, "shorter than"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The reasons are checked in English, cracklib's among them. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/Epi/PasswordQuality/common-not-strong", test_common_not_strong);
  g_test_add_func ("/Epi/PasswordQuality/strong", test_strong);
  g_test_add_func ("/Epi/PasswordQuality/levels-follow-score", test_levels_follow_score);
  g_test_add_func ("/Epi/PasswordQuality/nul-byte", test_nul_byte);

  return g_test_run ();
}
