/* epi-test-ocr.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading text back with tesseract, for the text test and benchmark:
 * which fonts fontconfig has, the words tesseract reads from a picture,
 * and how many of them agree with another reading.
 */

#include "config.h"

#include <string.h>

#include <fontconfig/fontconfig.h>

#include "epi-test-ocr.h"

/* Whether fontconfig has @family itself, not a substitute. */
gboolean
test_font_installed (const char *family)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) family);
  FcPattern *match;
  FcResult result;
  FcChar8 *found = NULL;
  gboolean same = FALSE;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL && FcPatternGetString (match, FC_FAMILY, 0, &found) == FcResultMatch)
    same = g_ascii_strcasecmp ((const char *) found, family) == 0;

  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return same;
}

static char *
run_tesseract (const char * const *argv,
               GError            **error)
{
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  return g_steal_pointer (&out);
}

/* Whether tesseract runs and has its English data. */
gboolean
test_ocr_ready (void)
{
  const char * const argv[] = { "tesseract", "--list-langs", NULL };
  g_autofree char *langs = run_tesseract (argv, NULL);

  return langs != NULL && strstr (langs, "\neng") != NULL;
}

/* Lower-case letters and digits of each word; punctuation is OCR's
 * weakest point and not what this measures. */
GPtrArray *
test_split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t\n\r\f", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      GString *word = g_string_new (NULL);

      for (const char *c = tokens[i]; *c; c++)
        if (g_ascii_isalnum (*c))
          g_string_append_c (word, g_ascii_tolower (*c));
      if (word->len > 0)
        g_ptr_array_add (words, g_string_free (word, FALSE));
      else
        g_string_free (word, TRUE);
    }

  return words;
}

/* The words tesseract reads from the picture @png, as test_split_words()
 * gives them; NULL with @error set when it cannot run. */
GPtrArray *
test_ocr_words (const char  *png,
                GError     **error)
{
  const char * const argv[] = { "tesseract", png, "-", "-l", "eng", NULL };
  g_autofree char *text = run_tesseract (argv, error);

  return text != NULL ? test_split_words (text) : NULL;
}

/* How many of @reference are in @read, each word counted as often as it
 * occurs in both. */
guint
test_count_common (GPtrArray *reference,
                   GPtrArray *read)
{
  g_autoptr(GHashTable) left = g_hash_table_new (g_str_hash, g_str_equal);
  guint common = 0;

  for (guint i = 0; i < read->len; i++)
    {
      gpointer word = g_ptr_array_index (read, i);

      g_hash_table_insert (left, word, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (left, word)) + 1));
    }
  for (guint i = 0; i < reference->len; i++)
    {
      gpointer word = g_ptr_array_index (reference, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (left, word));

      if (n > 0)
        {
          g_hash_table_insert (left, word, GUINT_TO_POINTER (n - 1));
          common++;
        }
    }

  return common;
}
