/* test-names.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output names planned before a run: distinct for every input, never an
 * input's own name, one per file however it is reached, always short
 * enough to create; and paths shown on one line.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

static void
test_output_name (void)
{
  const struct
  {
    const char    *input;
    EpiOutputKind  kind;
    guint          number;
    const char    *expected;
  } cases[] = {
    { "DCIM/100PHONE/IMG_0001.jpg", EPI_OUTPUT_SEALED, 1, "IMG_0001.jpg.epicrypt" },
    { "DCIM/101PHONE/IMG_0001.jpg", EPI_OUTPUT_SEALED, 2, "IMG_0001 (2).jpg.epicrypt" },
    { "photo.png.epicrypt", EPI_OUTPUT_DRAWING, 1, "photo.png.drawing.png" },
    { "photo.jpg.epicrypt", EPI_OUTPUT_DRAWING, 1, "photo.jpg.drawing.png" },
    { "photo.jpg.epicrypt", EPI_OUTPUT_DRAWING, 3, "photo (3).jpg.drawing.png" },
    { "IMG.2026.07.01.jpg", EPI_OUTPUT_SEALED, 2, "IMG.2026.07.01 (2).jpg.epicrypt" },
    { "noext", EPI_OUTPUT_SEALED, 2, "noext (2).epicrypt" },
    { ".hidden", EPI_OUTPUT_SEALED, 2, ".hidden (2).epicrypt" },
    { "SEALED.EPICRYPT", EPI_OUTPUT_DRAWING, 1, "SEALED.drawing.png" },
    { "renamed-by-hand", EPI_OUTPUT_DRAWING, 1, "renamed-by-hand.drawing.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = epi_output_name (cases[i].input, cases[i].kind, cases[i].number);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

/* A name of @length bytes made of @unit repeated, then @ending. */
static char *
long_name (const char *unit,
           gsize       length,
           const char *ending)
{
  GString *name = g_string_new (NULL);

  while (name->len + strlen (unit) + strlen (ending) <= length)
    g_string_append (name, unit);
  while (name->len + strlen (ending) < length)
    g_string_append_c (name, 'x');
  g_string_append (name, ending);
  return g_string_free (name, FALSE);
}

/* Names that would pass 255 bytes lose the end of their stem, on a
 * character boundary; those that fit are kept whole. */
static void
test_long_names (void)
{
  const char *units[] = { "a", "é", "猫", "🐈" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (gsize length = 225; length <= 255; length++)
      for (guint number = 1; number <= 12; number += 11)
        {
          g_autofree char *input = long_name (units[u], length, ".jpg");
          g_autofree char *sealed = epi_output_name (input, EPI_OUTPUT_SEALED, number);
          g_autofree char *drawing = epi_output_name (sealed, EPI_OUTPUT_DRAWING, 1);

          g_assert_cmpuint (strlen (sealed), <=, EPI_NAME_MAX);
          g_assert_cmpuint (strlen (drawing), <=, EPI_NAME_MAX);
          g_assert_true (g_utf8_validate (sealed, -1, NULL));
          g_assert_true (g_utf8_validate (drawing, -1, NULL));
          g_assert_true (g_str_has_suffix (sealed, ".jpg.epicrypt"));
          g_assert_true (g_str_has_suffix (drawing, ".jpg.drawing.png"));
          if (number > 1)
            g_assert_nonnull (strstr (sealed, " (12).jpg"));
          if (number == 1 && length + strlen (".epicrypt") <= EPI_NAME_MAX)
            {
              g_autofree char *whole = g_strconcat (input, ".epicrypt", NULL);

              g_assert_cmpstr (sealed, ==, whole);
            }
        }
}

/* Random names of random bytes: whatever comes in, the name fits, keeps
 * its suffix, has no folder in it, and stays UTF-8 when the input was. */
static void
test_random_names (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  const char *pieces[] = { "a", ".", "é", "猫", " ", "(2)", "\xff", ".epicrypt", "-" };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 120);
      guint number = g_rand_int_range (rand, 1, 100000);
      EpiOutputKind kind = g_rand_boolean (rand) ? EPI_OUTPUT_SEALED : EPI_OUTPUT_DRAWING;
      g_autofree char *name = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (input, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (g_str_equal (input->str, "."))
        continue;

      name = epi_output_name (input->str, kind, number);
      g_assert_cmpuint (strlen (name), <=, EPI_NAME_MAX);
      g_assert_null (strchr (name, '/'));
      g_assert_true (g_str_has_suffix (name, kind == EPI_OUTPUT_SEALED ? ".epicrypt" : ".drawing.png"));
      if (g_utf8_validate (input->str, -1, NULL))
        g_assert_true (g_utf8_validate (name, -1, NULL));
    }
}

static const EpiPlannedOutput *
planned_at (GPtrArray *plan,
            guint      i)
{
  g_assert_cmpuint (i, <, plan->len);
  return g_ptr_array_index (plan, i);
}

static char *
make_file (const char *dir,
           const char *name,
           const char *content)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  test_write_file (path, content, strlen (content));
  return path;
}

/* Two phones' IMG_0001.jpg into one folder: two names, not one. */
static void
test_plan_collisions (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *out = g_build_filename (dir, "sealed", NULL);
  g_autofree char *a = make_file (dir, "DCIM/100PHONE/IMG_0001.jpg", "first");
  g_autofree char *b = make_file (dir, "DCIM/101PHONE/IMG_0001.jpg", "second");
  g_autofree char *c = make_file (dir, "DCIM/102PHONE/img_0001.JPG", "third");
  const char *inputs[] = { a, b, c };
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_mkdir (out, 0700);
  plan = epi_plan_outputs (inputs, 3, out, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);
  first = g_path_get_basename (planned_at (plan, 0)->output);
  second = g_path_get_basename (planned_at (plan, 1)->output);
  third = g_path_get_basename (planned_at (plan, 2)->output);

  g_assert_cmpuint (plan->len, ==, 3);
  g_assert_cmpstr (first, ==, "IMG_0001.jpg.epicrypt");
  g_assert_cmpstr (second, ==, "IMG_0001 (2).jpg.epicrypt");
  /* FAT and exFAT see this one as the same name too. */
  g_assert_cmpstr (third, ==, "img_0001 (3).JPG.epicrypt");
  g_assert_cmpuint (planned_at (plan, 0)->number, ==, 1);
  g_assert_cmpuint (planned_at (plan, 1)->number, ==, 2);
  g_assert_cmpuint (planned_at (plan, 2)->index, ==, 2);

  test_tmpdir_remove (dir);
}

/* The same file through another spelling of its path, a symbolic link
 * or a hard link is planned once; a missing file given twice too. */
static void
test_plan_same_file (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *photo = make_file (dir, "photo.png", "x");
  g_autofree char *dotted = g_build_filename (dir, ".", "photo.png", NULL);
  g_autofree char *symbolic = g_build_filename (dir, "link.png", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autofree char *other = make_file (dir, "other.png", "y");
  const char *inputs[] = { photo, dotted, symbolic, missing, hard, other, missing, photo };
  g_autoptr(GPtrArray) plan = NULL;

  g_assert_cmpint (symlink (photo, symbolic), ==, 0);
  g_assert_cmpint (link (photo, hard), ==, 0);

  plan = epi_plan_outputs (inputs, G_N_ELEMENTS (inputs), NULL, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);
  g_assert_cmpuint (plan->len, ==, 3);
  g_assert_cmpstr (planned_at (plan, 0)->input, ==, photo);
  g_assert_cmpstr (planned_at (plan, 1)->input, ==, missing);
  g_assert_cmpuint (planned_at (plan, 1)->index, ==, 3);
  g_assert_cmpstr (planned_at (plan, 2)->input, ==, other);

  test_tmpdir_remove (dir);
}

/* No output lands on an input of the run, even one whose name ends in
 * .epicrypt; inputs given without a folder get outputs without one. */
static void
test_plan_spares_inputs (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *image = make_file (dir, "x.png", "x");
  g_autofree char *other = make_file (dir, "x.png.epicrypt", "a picture, oddly named");
  const char *inputs[] = { image, other };
  g_autoptr(GPtrArray) plan = epi_plan_outputs (inputs, 2, NULL, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);
  g_autofree char *name = g_path_get_basename (planned_at (plan, 0)->output);
  const char *bare[] = { "horse.png" };
  g_autoptr(GPtrArray) bare_plan = epi_plan_outputs (bare, 1, NULL, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);

  g_assert_cmpstr (name, ==, "x (2).png.epicrypt");
  for (guint i = 0; i < plan->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (inputs); j++)
      g_assert_cmpstr (planned_at (plan, i)->output, !=, inputs[j]);
  g_assert_cmpstr (planned_at (bare_plan, 0)->output, ==, "horse.png.epicrypt");

  test_tmpdir_remove (dir);
}

/* A number never takes the plain name of another input: the one whose
 * own name is "IMG_0001 (2).jpg" keeps "IMG_0001 (2).jpg.epicrypt". */
static void
test_plan_plain_names_first (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *a = make_file (dir, "100PHONE/IMG_0001.jpg", "a");
  g_autofree char *b = make_file (dir, "101PHONE/IMG_0001.jpg", "b");
  g_autofree char *c = make_file (dir, "IMG_0001 (2).jpg", "c");
  const char *inputs[] = { a, b, c };
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_mkdir (out, 0700);
  plan = epi_plan_outputs (inputs, 3, out, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);
  second = g_path_get_basename (planned_at (plan, 1)->output);
  third = g_path_get_basename (planned_at (plan, 2)->output);
  g_assert_cmpstr (second, ==, "IMG_0001 (3).jpg.epicrypt");
  g_assert_cmpstr (third, ==, "IMG_0001 (2).jpg.epicrypt");
  g_assert_cmpuint (planned_at (plan, 2)->number, ==, 1);

  test_tmpdir_remove (dir);
}

/* Existing files keep their names in a plan that may replace them, and
 * are stepped around in one that must not. */
static void
test_plan_existing (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *image = make_file (dir, "cat.jpg", "x");
  g_autofree char *dangling = g_build_filename (dir, "cat (3).jpg.epicrypt", NULL);
  const char *inputs[] = { image };
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) avoid = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *avoided = NULL;

  /* Taken: two files and a dangling link. */
  g_free (make_file (dir, "cat.jpg.epicrypt", "old"));
  g_free (make_file (dir, "cat (2).jpg.epicrypt", "old"));
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);
  keep = epi_plan_outputs (inputs, 1, NULL, EPI_OUTPUT_SEALED, EPI_PLAN_KEEP_NAMES);
  avoid = epi_plan_outputs (inputs, 1, NULL, EPI_OUTPUT_SEALED, EPI_PLAN_AVOID_EXISTING);
  kept = g_path_get_basename (planned_at (keep, 0)->output);
  avoided = g_path_get_basename (planned_at (avoid, 0)->output);

  g_assert_cmpstr (kept, ==, "cat.jpg.epicrypt");
  g_assert_cmpstr (avoided, ==, "cat (4).jpg.epicrypt");
  g_assert_cmpuint (planned_at (avoid, 0)->number, ==, 4);

  test_tmpdir_remove (dir);
}

/* Many random runs over a few colliding names: outputs are pairwise
 * distinct, each distinct file appears once, in the order given. */
static void
test_plan_random (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  const char *names[] = { "a/p.jpg", "b/p.jpg", "c/P.JPG", "a/p.jpg.epicrypt", "b/q", "c/q", "a/.q" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (paths, make_file (dir, names[i], names[i]));

  for (guint round = 0; round < 300; round++)
    {
      const char *inputs[24];
      guint n = g_rand_int_range (rand, 1, G_N_ELEMENTS (inputs));
      g_autoptr(GHashTable) outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) plan = NULL;
      const char *out = g_rand_boolean (rand) ? dir : NULL;
      guint last_index = 0;

      for (guint i = 0; i < n; i++)
        {
          inputs[i] = g_ptr_array_index (paths, g_rand_int_range (rand, 0, paths->len));
          g_hash_table_add (distinct, (gpointer) inputs[i]);
        }

      plan = epi_plan_outputs (inputs, n, out, g_rand_boolean (rand) ? EPI_OUTPUT_SEALED : EPI_OUTPUT_DRAWING,
                               EPI_PLAN_KEEP_NAMES);
      g_assert_cmpuint (plan->len, ==, g_hash_table_size (distinct));
      for (guint i = 0; i < plan->len; i++)
        {
          g_autofree char *folded = g_utf8_casefold (planned_at (plan, i)->output, -1);

          g_assert_true (g_hash_table_add (outputs, g_steal_pointer (&folded)));
          g_assert_true (i == 0 || planned_at (plan, i)->index > last_index);
          last_index = planned_at (plan, i)->index;
        }
    }

  test_tmpdir_remove (dir);
}

static void
test_display_path (void)
{
  const struct
  {
    const char *path;
    const char *shown;
  } cases[] = {
    { "plain/ümlaut 猫.png", "plain/ümlaut 猫.png" },
    { "two\nlines.png", "two\\nlines.png" },
    { "tab\there\r", "tab\\there\\r" },
    { "esc\033[31m.png", "esc\\x1B[31m.png" },
    { "back\\slash", "back\\\\slash" },
    { "bad\xff\xfe.png", "bad\\xFF\\xFE.png" },
    { "sep\xe2\x80\xa8.png", "sep\\u2028.png" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = epi_display_path (cases[i].path);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  /* Any bytes at all come out as one line of valid UTF-8. */
  for (guint round = 0; round < 2000; round++)
    {
      char bytes[64];
      guint n = g_rand_int_range (rand, 1, sizeof bytes);
      g_autofree char *shown = NULL;

      for (guint i = 0; i < n - 1; i++)
        bytes[i] = (char) g_rand_int_range (rand, 1, 256);
      bytes[n - 1] = '\0';
      shown = epi_display_path (bytes);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
      g_assert_null (strchr (shown, '\n'));
      g_assert_null (strchr (shown, '\r'));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Names/output-name", test_output_name);
  g_test_add_func ("/Epi/Names/long-names", test_long_names);
  g_test_add_func ("/Epi/Names/random-names", test_random_names);
  g_test_add_func ("/Epi/Names/plan-collisions", test_plan_collisions);
  g_test_add_func ("/Epi/Names/plan-same-file", test_plan_same_file);
  g_test_add_func ("/Epi/Names/plan-spares-inputs", test_plan_spares_inputs);
  g_test_add_func ("/Epi/Names/plan-plain-names-first", test_plan_plain_names_first);
  g_test_add_func ("/Epi/Names/plan-existing", test_plan_existing);
  g_test_add_func ("/Epi/Names/plan-random", test_plan_random);
  g_test_add_func ("/Epi/Names/display-path", test_display_path);

  return g_test_run ();
}
