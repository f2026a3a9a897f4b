/* test-passphrase.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated passphrases: of the documented form, never the same twice,
 * using the whole alphabet, and rated strong by the strength meter.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

#define N_PASSPHRASES 200

/* The passphrase as a C string, for the checks below. */
static char *
generate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_passphrase_generate (&error);
  const guint8 *data;
  gsize length;

  g_assert_no_error (error);
  g_assert_nonnull (secret);
  data = epi_secret_get (secret, &length);
  return g_strndup ((const char *) data, length);
}

static void
test_form (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pattern = g_strdup_printf ("^[%s]{%d}(-[%s]{%d}){%d}$",
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_GROUPS - 1);
  g_autoptr(GRegex) form = g_regex_new (pattern, 0, 0, NULL);
  guint counts[256] = { 0 };

  for (guint i = 0; i < N_PASSPHRASES; i++)
    {
      char *passphrase = generate ();

      g_assert_cmpuint (strlen (passphrase), ==, EPI_PASSPHRASE_LENGTH);
      if (!g_regex_match (form, passphrase, 0, NULL))
        g_error ("“%s” is not of the form %s", passphrase, pattern);
      for (const char *p = passphrase; *p; p++)
        counts[(guchar) *p]++;
      g_assert_false (g_hash_table_contains (seen, passphrase));
      g_hash_table_add (seen, passphrase);
    }

  /* Every character of the alphabet comes up: 5,000 draws of 31. */
  for (const char *c = EPI_PASSPHRASE_ALPHABET; *c; c++)
    g_assert_cmpuint (counts[(guchar) *c], >, 0);
}

/* No two characters that a person could mistake for each other, and the
 * entropy the header promises. */
static void
test_alphabet (void)
{
  const char *alphabet = EPI_PASSPHRASE_ALPHABET;
  double bits = EPI_PASSPHRASE_GROUPS * EPI_PASSPHRASE_GROUP_LENGTH * log2 (strlen (alphabet));

  for (const char *c = "01ilo"; *c; c++)
    g_assert_null (strchr (alphabet, *c));
  for (const char *c = alphabet; *c; c++)
    {
      g_assert_true (g_ascii_islower (*c) || g_ascii_isdigit (*c));
      g_assert_null (strchr (c + 1, *c));
    }
  g_assert_cmpuint ((guint) floor (bits), ==, EPI_PASSPHRASE_BITS);
  g_assert_cmpuint (EPI_PASSPHRASE_BITS, >=, 120);
}

static void
test_rated_strong (void)
{
  for (guint i = 0; i < N_PASSPHRASES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSecret) secret = epi_passphrase_generate (&error);
      g_autoptr(EpiPasswordQuality) quality = NULL;

      g_assert_no_error (error);
      quality = epi_password_quality_check (secret, &error);
      g_assert_no_error (error);
      g_assert_cmpint (quality->level, ==, EPI_PASSWORD_LEVEL_STRONG);
      g_assert_null (quality->message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Passphrase/form", test_form);
  g_test_add_func ("/Epi/Passphrase/alphabet", test_alphabet);
  g_test_add_func ("/Epi/Passphrase/rated-strong", test_rated_strong);

  return g_test_run ();
}
