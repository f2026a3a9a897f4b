/* epi-names.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What outputs are called, and how paths are shown. A run plans every
 * output name before any work starts, so that two inputs never write to
 * one name, no output lands on an input, and the same file given twice
 * (by another path or through a symbolic link) is done once.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "epi-names.h"

#define SEALED_SUFFIX  ".epicrypt"
#define DRAWING_SUFFIX ".drawing.png"
/* 96 random bits: no two files of any folder ever meet on a name. */
#define HIDDEN_NAME_BYTES 12

/* A name that tells nothing: random hexadecimal digits. */
static char *
hidden_sealed_name (void)
{
  guint8 random[HIDDEN_NAME_BYTES];
  char hex[2 * HIDDEN_NAME_BYTES + 1];

  randombytes_buf (random, sizeof random);
  sodium_bin2hex (hex, sizeof hex, random, sizeof random);
  return g_strconcat (hex, SEALED_SUFFIX, NULL);
}

/**
 * epi_name_cut:
 * @text: a file name, UTF-8 or not
 * @length: how many of its first bytes may be kept, at most its length
 *
 * The largest cut of @text's first @length bytes that ends on a UTF-8
 * character boundary. A character is at most 4 bytes, so at most 3
 * continuation bytes are given back: a name that is not UTF-8 is cut
 * where it must be.
 *
 * Returns: the number of bytes to keep
 */
gsize
epi_name_cut (const char *text,
              gsize       length)
{
  for (int i = 0; i < 3 && length > 0 && ((guchar) text[length] & 0xC0) == 0x80; i++)
    length--;
  return length;
}

/* "IMG.2026.jpg" splits into the stem "IMG.2026" and the rest ".jpg", as
 * GNOME Files numbers copies; a leading dot belongs to the stem, so
 * ".notes" has no rest. */
static const char *
find_rest (const char *base)
{
  const char *dot = strrchr (base, '.');

  return dot != NULL && dot != base ? dot : base + strlen (base);
}

/**
 * epi_output_name:
 * @input: the input's path or file name
 * @kind: what the output is
 * @number: 1 for the plain name, n ≥ 2 for "STEM (n)REST…"
 *
 * The file name (no folder) of @input's output: "photo.jpg" becomes
 * "photo.jpg.epicrypt", and "photo.jpg.epicrypt" becomes
 * "photo.jpg.drawing.png", so drawings of photo.jpg and photo.png stay
 * apart. Number 2 gives "photo (2).jpg.epicrypt", the number going
 * before the last extension. A name longer than
 * %EPI_NAME_MAX bytes loses the end of its stem (then of its rest), cut
 * on a character boundary, so the output can always be created.
 *
 * EPI_OUTPUT_SEALED_HIDDEN gives a fresh random name at each call,
 * whatever @input and @number.
 *
 * Returns: (transfer full): the name
 */
char *
epi_output_name (const char    *input,
                 EpiOutputKind  kind,
                 guint          number)
{
  g_autofree char *base = NULL;
  g_autofree char *mark = NULL;
  const char *suffix = kind == EPI_OUTPUT_DRAWING ? DRAWING_SUFFIX : SEALED_SUFFIX;
  gsize base_length, stem_length, rest_length, total;
  const char *rest;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (number >= 1, NULL);

  if (kind == EPI_OUTPUT_SEALED_HIDDEN)
    return hidden_sealed_name ();

  base = g_path_get_basename (input);
  base_length = strlen (base);
  if (kind == EPI_OUTPUT_DRAWING && base_length > strlen (SEALED_SUFFIX) &&
      g_ascii_strcasecmp (base + base_length - strlen (SEALED_SUFFIX), SEALED_SUFFIX) == 0)
    base[base_length -= strlen (SEALED_SUFFIX)] = '\0';

  rest = find_rest (base);
  stem_length = (gsize) (rest - base);
  rest_length = base_length - stem_length;
  mark = number > 1 ? g_strdup_printf (" (%u)", number) : g_strdup ("");

  total = stem_length + strlen (mark) + rest_length + strlen (suffix);
  if (total > EPI_NAME_MAX)
    {
      gsize room = EPI_NAME_MAX - strlen (mark) - strlen (suffix);

      if (rest_length < room)
        stem_length = epi_name_cut (base, MIN (stem_length, room - rest_length));
      else
        {
          stem_length = epi_name_cut (base, MIN (stem_length, 1));
          rest_length = epi_name_cut (rest, room - stem_length);
        }
    }

  return g_strdup_printf ("%.*s%s%.*s%s", (int) stem_length, base, mark,
                          (int) rest_length, rest, suffix);
}

/* A key under which two paths to one place meet: the folder resolved to
 * its real path, and the name case-folded, since FAT and exFAT cards (and
 * macOS shares) see "IMG.jpg" and "img.JPG" as one file. */
static char *
place_key (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (dir, NULL);
  g_autofree char *joined = NULL;

  if (real == NULL)
    real = g_canonicalize_filename (dir, NULL);
  joined = g_build_filename (real, base, NULL);

  if (g_utf8_validate (joined, -1, NULL))
    return g_utf8_casefold (joined, -1);
  return g_steal_pointer (&joined);
}

/* The same file reached by any path: its device and inode when it can be
 * found, its place otherwise (a missing file still fails once, by name). */
static char *
file_identity (const char *path)
{
  struct stat st;

  if (stat (path, &st) == 0)
    return g_strdup_printf ("inode:%ju:%ju", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino);
  return g_strconcat ("place:", path, NULL);
}

/* Frees @planned and its paths; NULL is ignored. */
void
epi_planned_output_free (EpiPlannedOutput *planned)
{
  if (planned == NULL)
    return;

  g_free (planned->input);
  g_free (planned->output);
  g_free (planned);
}

/**
 * epi_plan_outputs:
 * @inputs: (array length=n_inputs): the run's input paths, in order
 * @n_inputs: their count
 * @output_dir: (nullable): the folder for every output, or %NULL to put
 *   each beside its input
 * @kind: what the outputs are
 * @mode: whether files already there keep their names in the plan
 *
 * Plans a whole run's outputs before any work. An input that is the same
 * file as an earlier one (by another path, or through a symbolic link) is
 * left out, so it is done and reported once. Every input first gets its
 * plain name, epi_output_name() number 1, where nothing takes it; those
 * whose plain name is taken then get the lowest number that is free.
 * Taken means by an output of the run, by an input of the run (so no
 * output ever replaces one: give only inputs that can be done), or with
 * %EPI_PLAN_AVOID_EXISTING by a file already there. Names that differ
 * only in case count as taken. An input given without a folder gets an
 * output without one ("horse.png" → "horse.png.epicrypt"), so results
 * read as they were typed.
 *
 * Touches the file system only to look (stat, realpath); any thread.
 *
 * Returns: (transfer full) (element-type EpiPlannedOutput): the plan, in
 *   the order of @inputs
 */
/* Gives @planned the output numbered @n if nothing takes that place yet. */
static gboolean
take_output (EpiPlannedOutput *planned,
             const char       *output_dir,
             EpiOutputKind     kind,
             EpiPlanMode       mode,
             guint             n,
             GHashTable       *taken)
{
  g_autofree char *name = epi_output_name (planned->input, kind, n);
  g_autofree char *dir = output_dir != NULL ? g_strdup (output_dir) : g_path_get_dirname (planned->input);
  gboolean bare = output_dir == NULL && strchr (planned->input, G_DIR_SEPARATOR) == NULL;
  g_autofree char *path = bare ? g_strdup (name) : g_build_filename (dir, name, NULL);
  g_autofree char *key = place_key (path);
  struct stat st;

  if (g_hash_table_contains (taken, key) ||
      (mode == EPI_PLAN_AVOID_EXISTING && lstat (path, &st) == 0))
    return FALSE;

  g_hash_table_add (taken, g_steal_pointer (&key));
  planned->output = g_steal_pointer (&path);
  planned->number = n;
  return TRUE;
}

/**
 * epi_plan_outputs:
 * @inputs: (array length=n_inputs): the run's inputs, as given
 * @output_dir: (nullable): the folder for every output, or NULL for
 *   beside each input
 * @kind: what the outputs are
 * @mode: how files already there are treated
 *
 * Names every output of a run before any work: an input given twice (by
 * any path or link) is planned once; no two outputs meet, nor an output
 * an input, names being compared as case-insensitive file systems would;
 * every input first tries its plain name, then numbers are handed out in
 * order, so that the plan depends only on the inputs and their order.
 * Any thread; it looks at the file system (real paths, existing files).
 *
 * Returns: (transfer container) (element-type EpiPlannedOutput): the
 *   plan, in input order
 */
GPtrArray *
epi_plan_outputs (const char * const *inputs,
                  guint               n_inputs,
                  const char         *output_dir,
                  EpiOutputKind       kind,
                  EpiPlanMode         mode)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_planned_output_free);

  g_return_val_if_fail (inputs != NULL || n_inputs == 0, plan);

  for (guint i = 0; i < n_inputs; i++)
    {
      char *identity = file_identity (inputs[i]);
      EpiPlannedOutput *planned;

      if (!g_hash_table_add (seen, identity))
        continue;

      planned = g_new0 (EpiPlannedOutput, 1);
      planned->index = i;
      planned->input = g_strdup (inputs[i]);
      g_ptr_array_add (plan, planned);
      g_hash_table_add (taken, place_key (inputs[i]));
    }

  /* Plain names first, so that a number never takes the name another
   * input would have had by itself; then numbers, in order. */
  for (guint i = 0; i < plan->len; i++)
    take_output (g_ptr_array_index (plan, i), output_dir, kind, mode, 1, taken);
  for (guint i = 0; i < plan->len; i++)
    for (guint n = 2; ((EpiPlannedOutput *) g_ptr_array_index (plan, i))->output == NULL; n++)
      take_output (g_ptr_array_index (plan, i), output_dir, kind, mode, n, taken);

  return plan;
}

/**
 * epi_display_path:
 * @path: a path in the file system's encoding (any bytes)
 *
 * @path as one line of valid UTF-8 for messages and result lines: control
 * characters and line separators become C escapes ("\n", "\t", "\x1B",
 * "\u2028"), bytes that are not UTF-8 become "\xHH", and a backslash is
 * doubled so that the escapes stay unambiguous.
 *
 * Returns: (transfer full): the text to show
 */
char *
epi_display_path (const char *path)
{
  GString *text;

  g_return_val_if_fail (path != NULL, NULL);

  text = g_string_sized_new (strlen (path));
  while (*path != '\0')
    {
      gunichar c = g_utf8_get_char_validated (path, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (text, "\\x%02X", (guchar) *path);
          path++;
          continue;
        }

      if (c == '\\')
        g_string_append (text, "\\\\");
      else if (c == '\n')
        g_string_append (text, "\\n");
      else if (c == '\t')
        g_string_append (text, "\\t");
      else if (c == '\r')
        g_string_append (text, "\\r");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (text, "\\x%02X", c);
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (text, "\\u%04X", c);
      else
        g_string_append_len (text, path, g_utf8_next_char (path) - path);

      path = g_utf8_next_char (path);
    }

  return g_string_free (text, FALSE);
}

/**
 * epi_prefix_error_with_path:
 * @error: (nullable): an error to prefix, or a location holding %NULL
 * @path: the file the error is about
 *
 * Puts "PATH: " before @error's message, with @path shown by
 * epi_display_path() so that a message is always one line. The domain
 * and code stay as they were; nothing happens when no error is set.
 */
void
epi_prefix_error_with_path (GError     **error,
                            const char  *path)
{
  g_autofree char *shown = NULL;

  if (error == NULL || *error == NULL)
    return;

  shown = epi_display_path (path);
  g_prefix_error (error, "%s: ", shown);
}
