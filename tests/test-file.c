/* test-file.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "epi-test-util.h"

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_write_never_overwrites (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (epi_file_write_atomic (path, "first", 5, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "first");

  g_assert_false (epi_file_write_atomic (path, "second", 6, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  assert_contents (path, "first");
  g_clear_error (&error);

  g_assert_false (epi_file_check_free (path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Asked to, it replaces. */
  g_assert_true (epi_file_write_atomic (path, "second", 6, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "second");

  /* No temporary file is left beside it. */
  g_assert_cmpuint (test_count_dir (dir), ==, 1);
  test_tmpdir_remove (dir);
}

static void
test_write_failures_leave_nothing (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.bin", NULL);
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (epi_file_write_atomic (missing, "x", 1, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (epi_file_write_atomic (path, "x", 1, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (test_count_dir (dir), ==, 0);
  test_tmpdir_remove (dir);
}

static void
test_read_refusals (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "big.bin", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  test_write_file (path, "0123456789", 10);

  bytes = epi_file_read (path, 9, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);
  g_clear_error (&error);

  bytes = epi_file_read (path, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 10);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = epi_file_read (dir, 100, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  bytes = epi_file_read ("/dev/null", 100, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/File/write-never-overwrites", test_write_never_overwrites);
  g_test_add_func ("/Epi/File/write-failures-leave-nothing", test_write_failures_leave_nothing);
  g_test_add_func ("/Epi/File/read-refusals", test_read_refusals);

  return g_test_run ();
}
