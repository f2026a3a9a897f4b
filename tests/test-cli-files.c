/* test-cli-files.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli with the files and habits people really have: pictures
 * of the same name from two folders, the same file given twice, password
 * files from Notepad or pass(1), passwords through pipes, names with
 * line breaks in them.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define PASSWORD "Pale-Kings-and-Princes-1819"

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static void
assert_files_differ (const char *a,
                     const char *b)
{
  g_autoptr(GBytes) x = read_bytes (a);
  g_autoptr(GBytes) y = read_bytes (b);

  g_assert_false (g_bytes_equal (x, y));
}

/* find DCIM | epicrypt-cli encrypt --files-from - -o sealed/, with two
 * phones' IMG_0001.jpg: both sealed, under two names, with and without
 * --force, and --force replaces only what was there before the run. */
static void
test_colliding_inputs (CliFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *sealed = g_build_filename (f->dir, "sealed", NULL);
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "DCIM/100PHONE/IMG_0001.jpg");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "DCIM/101PHONE/IMG_0001.jpg");
  g_autofree char *first = g_build_filename (sealed, "IMG_0001.jpg.epicrypt", NULL);
  g_autofree char *second = g_build_filename (sealed, "IMG_0001 (2).jpg.epicrypt", NULL);
  g_autofree char *notes = g_build_filename (sealed, "notes.txt", NULL);
  g_autofree char *list = g_strdup_printf ("%s\n%s\n", a, b);
  g_autoptr(GBytes) input = g_bytes_new (list, strlen (list));
  const char *args[] = { "encrypt", "--files-from", "-", "-o", sealed, NULL, NULL };

  g_mkdir (sealed, 0700);
  test_write_file (notes, "keep me", 7);

  for (guint round = 0; round < 2; round++)
    {
      /* The second round replaces the first round's files. */
      args[5] = round == 0 ? NULL : "--force";
      test_cli_run (&f->run, PASSWORD, input, -1, args);
      g_test_message ("%s%s", f->run.out, f->run.err);
      g_assert_cmpint (f->run.status, ==, 0);
      g_assert_cmpuint (test_count_lines (f->run.out), ==, 2);
      g_assert_nonnull (strstr (f->run.out, "IMG_0001 (2).jpg.epicrypt (numbered: another file of this run has the same name)"));
      g_assert_cmpuint (test_count_dir (sealed), ==, 3);
      assert_files_differ (first, second);
    }

  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (notes, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "keep me");
  }
}

/* photo.png.epicrypt and photo.jpg.epicrypt open into two drawings, and
 * two x.epicrypt from two folders into one folder as well. */
static void
test_colliding_drawings (CliFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *png = test_copy_sample_to ("horse.png", f->dir, "photo.png");
  g_autofree char *jpg = test_copy_sample_to ("rocket.jpg", f->dir, "photo.jpg");
  g_autofree char *x1 = test_copy_sample_to ("coins.png", f->dir, "a/x");
  g_autofree char *x2 = test_copy_sample_to ("camera.png", f->dir, "b/x");
  g_autofree char *png_sealed = g_strconcat (png, ".epicrypt", NULL);
  g_autofree char *jpg_sealed = g_strconcat (jpg, ".epicrypt", NULL);
  g_autofree char *x1_sealed = g_strconcat (x1, ".epicrypt", NULL);
  g_autofree char *x2_sealed = g_strconcat (x2, ".epicrypt", NULL);
  g_autofree char *png_drawing = g_build_filename (out, "photo.png.drawing.png", NULL);
  g_autofree char *jpg_drawing = g_build_filename (out, "photo.jpg.drawing.png", NULL);
  g_autofree char *x1_drawing = g_build_filename (out, "x.drawing.png", NULL);
  g_autofree char *x2_drawing = g_build_filename (out, "x (2).drawing.png", NULL);
  const char *seal[] = { "encrypt", "-q", png, jpg, x1, x2, NULL };
  const char *open[] = { "decrypt", "-q", "-o", out, png_sealed, jpg_sealed, x1_sealed, x2_sealed, NULL };

  g_mkdir (out, 0700);
  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);

  test_cli_run (&f->run, PASSWORD, NULL, -1, open);
  g_test_message ("%s%s", f->run.out, f->run.err);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpuint (test_count_lines (f->run.out), ==, 4);
  g_assert_cmpuint (test_count_dir (out), ==, 4);
  assert_files_differ (png_drawing, jpg_drawing);
  assert_files_differ (x1_drawing, x2_drawing);
}

/* The same file by its path, another spelling of it and a symbolic link
 * is done once and reported once, sealing and opening. */
static void
test_same_input_twice (CliFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *dotted = g_build_filename (f->dir, ".", "horse.png", NULL);
  g_autofree char *symbolic = g_build_filename (f->dir, "also-horse.png", NULL);
  g_autofree char *sealed_link = g_build_filename (f->dir, "also.epicrypt", NULL);
  const char *seal[] = { "encrypt", f->sample, dotted, symbolic, f->sample, NULL };
  const char *open[] = { "decrypt", f->sealed, sealed_link, NULL };

  g_assert_cmpint (symlink (f->sample, symbolic), ==, 0);
  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpuint (test_count_lines (f->run.out), ==, 1);
  g_assert_cmpuint (test_count_dir (f->dir), ==, 3);

  g_assert_cmpint (symlink (f->sealed, sealed_link), ==, 0);
  test_cli_run (&f->run, PASSWORD, NULL, -1, open);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpuint (test_count_lines (f->run.out), ==, 1);
  g_assert_cmpuint (test_count_dir (f->dir), ==, 5);
}

/* Seals a copy of horse.png in the folder @dir (made here) with the
 * password file @content, then checks that the typed password opens it. */
static void
assert_password_file_opens_with (CliFixture *f,
                                 const char *dir,
                                 const char *content,
                                 gsize       length,
                                 const char *typed)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", dir, "horse.png");
  g_autofree char *pwfile = g_build_filename (dir, "password.txt", NULL);
  g_autofree char *sealed = g_strconcat (horse, ".epicrypt", NULL);
  const char *seal[] = { "encrypt", "-q", "--password-file", pwfile, horse, NULL };
  const char *open[] = { "decrypt", "-q", sealed, NULL };

  test_write_file (pwfile, content, length);
  test_cli_run (&f->run, NULL, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);

  test_cli_run (&f->run, typed, NULL, -1, open);
  g_test_message ("%s", f->run.err);
  g_assert_cmpint (f->run.status, ==, 0);
}

/* "Its first line", as --help says: later lines, a byte-order mark and
 * line ends of any system leave the typed password working. Each case
 * has a fresh folder of its own inside the test's. */
static void
test_password_file_first_line (CliFixture    *f,
                               gconstpointer  data)
{
  const struct
  {
    const char *content;
    gsize       length;
    const char *typed;
  } cases[] = {
    { "pw-Alpha\n\n", 10, "pw-Alpha" },
    { "pw-Alpha\n# the pictures of 2026\n", 32, "pw-Alpha" },
    { "\xEF\xBB\xBFpw-Alpha\r\n", 13, "pw-Alpha" },
    { "pw-Alpha\r\nuser: me\r\n", 20, "pw-Alpha" },
    { "pw-Alpha", 8, "pw-Alpha" },
    { "two words \n", 11, "two words " },
    { "pässwörd\n", 11, "pässwörd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/case-%u", f->dir, i);

      assert_password_file_opens_with (f, dir, cases[i].content, cases[i].length, cases[i].typed);
    }
}

static void
assert_refused (TestRun    *run,
                const char *what)
{
  if (run->status != 2 || strstr (run->err, what) == NULL)
    g_error ("expected exit 2 with “%s”, got %d: %s", what, run->status, run->err);
}

/* Password files that cannot be right are refused before any work. */
static void
test_password_file_refused (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *empty_first = g_build_filename (f->dir, "empty-first", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge", NULL);
  g_autofree char *big = g_malloc (100 * 1024);
  const char *args[] = { "encrypt", "--password-file", empty_first, f->sample, NULL };

  test_write_file (empty_first, "\nsecret\n", 8);
  test_cli_run (&f->run, NULL, NULL, -1, args);
  assert_refused (&f->run, "first line is empty");

  memset (big, 'x', 100 * 1024);
  test_write_file (huge, big, 100 * 1024);
  args[2] = huge;
  test_cli_run (&f->run, NULL, NULL, -1, args);
  assert_refused (&f->run, "larger than 64 KiB");

  args[2] = f->dir;
  test_cli_run (&f->run, NULL, NULL, -1, args);
  assert_refused (&f->run, "is a directory");

  /* A pipe that never ends is cut off too. */
  {
    g_autoptr(GBytes) endless = g_bytes_new_static (big, 100 * 1024);

    args[2] = "/dev/stdin";
    test_cli_run (&f->run, NULL, endless, -1, args);
    assert_refused (&f->run, "larger than 64 KiB");
  }

  g_assert_cmpuint (test_count_dir (f->dir), ==, 3);
}

static gpointer
write_fifo (gpointer path)
{
  int fd = open (path, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, PASSWORD "\nnotes\n", strlen (PASSWORD) + 7), >, 0);
  close (fd);
  return NULL;
}

/* --password-file /dev/stdin, <(pass show …) and a named pipe. */
static void
test_password_from_pipes (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autoptr(GBytes) typed = g_bytes_new_static (PASSWORD "\n", strlen (PASSWORD) + 1);
  const char *seal[] = { "encrypt", "-q", "--force", "--password-file", "/dev/stdin", f->sample, NULL };
  const char *open[] = { "decrypt", "-q", "--force", "--password-file", "/dev/fd/3", f->sealed, NULL };
  const char *open_fifo[] = { "decrypt", "-q", "--force", "--password-file", fifo, f->sealed, NULL };
  g_autoptr(GThread) writer = NULL;
  int fds[2];

  test_cli_run (&f->run, NULL, typed, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);

  /* What bash's <(pass show pictures) hands over: /dev/fd/N of a pipe. */
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], PASSWORD "\nurl: example\n", strlen (PASSWORD) + 14), >, 0);
  close (fds[1]);
  test_cli_run (&f->run, NULL, NULL, fds[0], open);
  g_test_message ("%s", f->run.err);
  g_assert_cmpint (f->run.status, ==, 0);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = g_thread_new ("fifo", write_fifo, fifo);
  test_cli_run (&f->run, NULL, NULL, -1, open_fifo);
  g_assert_cmpint (f->run.status, ==, 0);
  g_thread_join (g_steal_pointer (&writer));
}

/* A command that fails on its options, or needs no password, never opens
 * the password file: a named pipe without a writer would hang it. Two
 * readers of standard input are refused. */
static void
test_password_never_hangs (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autoptr(GBytes) list = g_bytes_new (f->sample, strlen (f->sample));
  const char *no_inputs[] = { "encrypt", "--password-file", fifo, NULL };
  const char *bad_option[] = { "encrypt", "--password-file", fifo, "--points", "1", f->sample, NULL };
  const char *render_help[] = { "render", "--password-file", fifo, "--help", NULL };
  const char *both_stdin[] = { "encrypt", "--files-from", "-", "--password-file", "/dev/stdin", NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  test_cli_run (&f->run, NULL, NULL, -1, no_inputs);
  assert_refused (&f->run, "no images given");

  test_cli_run (&f->run, NULL, NULL, -1, bad_option);
  assert_refused (&f->run, "--points");

  test_cli_run (&f->run, NULL, NULL, -1, render_help);
  g_assert_cmpint (f->run.status, ==, 0);

  test_cli_run (&f->run, NULL, list, -1, both_stdin);
  assert_refused (&f->run, "both read the same file or standard input");

  /* However either is spelled. */
  both_stdin[2] = "/dev/stdin";
  both_stdin[4] = "/dev/fd/0";
  test_cli_run (&f->run, NULL, list, -1, both_stdin);
  assert_refused (&f->run, "both read the same file or standard input");

  g_assert_cmpuint (test_count_dir (f->dir), ==, 2);
}

/* Runs that cannot do any file fail each file with its own line and end
 * without opening the password source: a named pipe with no writer
 * would otherwise hold them forever. */
static void
test_doomed_runs_never_ask (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "x.png", NULL);
  const char *seal[] = { "encrypt", "-q", f->sample, NULL };
  const struct
  {
    const char *args[8];
    const char *said;
  } runs[] = {
    { { "encrypt", "--password-file", fifo, missing }, "missing.png: cannot open" },
    { { "encrypt", "--password-file", fifo, f->sample }, "already exists" },
    { { "encrypt", "--password-file", fifo, f->sealed }, "already a sealed file" },
    { { "decrypt", "--password-file", fifo, missing }, "missing.png: cannot open" },
    { { "decrypt", "--password-file", fifo, f->sample }, "horse.png: " },
    { { "render", "--password-file", fifo, missing, "--output", "x.png" }, "missing.png: cannot open" },
    { { "render", "--password-file", fifo, f->sample, "--output", "x.png" }, "horse.png: " },
    { { "render", "--password-file", fifo, f->sealed, "--output", nowhere }, "does not exist" },
    { { "render", "--password-file", fifo, f->sealed, "--output", f->sealed, "--force" }, "the sealed file itself" },
  };

  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      test_cli_run (&f->run, NULL, NULL, -1, runs[i].args);
      g_test_message ("%s: %s", runs[i].args[0], f->run.err);
      g_assert_cmpint (f->run.status, ==, 1);
      g_assert_nonnull (strstr (f->run.err, runs[i].said));
      g_assert_null (strstr (f->run.err, "assword"));
    }

  /* info needs no password, and a pipe given to it holds nothing up. */
  {
    const char *info[] = { "info", fifo, NULL };

    test_cli_run (&f->run, NULL, NULL, -1, info);
    g_assert_cmpint (f->run.status, ==, 1);
    g_assert_nonnull (strstr (f->run.err, "is not a regular file"));
  }

  /* The sealed file is still itself. */
  {
    const char *info[] = { "info", f->sealed, NULL };

    test_cli_run (&f->run, NULL, NULL, -1, info);
    g_assert_cmpint (f->run.status, ==, 0);
  }
  g_assert_cmpuint (test_count_dir (f->dir), ==, 3);
}

/* Running the same command again over all of a folder: last run's
 * outputs keep their names, nothing new is numbered. */
static void
test_rerun_over_folder (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "p.png");
  g_autofree char *sealed = g_strconcat (horse, ".epicrypt", NULL);
  const char *first[] = { "encrypt", "-q", horse, NULL };
  const char *again[] = { "encrypt", "-q", horse, sealed, NULL };
  const char *forced[] = { "encrypt", "-q", "--force", horse, sealed, NULL };
  const char *opened[] = { "decrypt", "-q", horse, sealed, NULL };

  test_cli_run (&f->run, PASSWORD, NULL, -1, first);
  g_assert_cmpint (f->run.status, ==, 0);

  test_cli_run (&f->run, PASSWORD, NULL, -1, again);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_nonnull (strstr (f->run.err, "already exists"));
  g_assert_nonnull (strstr (f->run.err, "already a sealed file"));
  g_assert_cmpuint (test_count_dir (f->dir), ==, 2);

  test_cli_run (&f->run, PASSWORD, NULL, -1, forced);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_null (strstr (f->run.out, "numbered"));
  g_assert_nonnull (strstr (f->run.out, "p.png.epicrypt"));
  g_assert_cmpuint (test_count_dir (f->dir), ==, 2);

  /* Opening the folder's files: the picture among them holds no name. */
  test_cli_run (&f->run, PASSWORD, NULL, -1, opened);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_nonnull (strstr (f->run.out, "p.png.drawing.png"));
  g_assert_null (strstr (f->run.out, "numbered"));
  g_assert_cmpuint (test_count_dir (f->dir), ==, 3);
}

/* --force never turns one input of a run into another's output: a
 * picture oddly named x.png.epicrypt, or a sealed file named
 * z.drawing.png, stays what it was. The drawings are named after the
 * pictures kept inside, numbered apart. */
static void
test_force_spares_inputs (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *picture = test_copy_sample_to ("horse.png", f->dir, "x.png");
  g_autofree char *odd = test_copy_sample_to ("coins.png", f->dir, "x.png.epicrypt");
  g_autofree char *numbered = g_build_filename (f->dir, "x (2).png.epicrypt", NULL);
  g_autofree char *sealed = g_build_filename (f->dir, "z.epicrypt", NULL);
  g_autofree char *sealed_odd = g_build_filename (f->dir, "z.drawing.png", NULL);
  g_autofree char *drawing = g_build_filename (f->dir, "x.png.drawing.png", NULL);
  g_autofree char *drawing_odd = g_build_filename (f->dir, "x (2).png.drawing.png", NULL);
  g_autoptr(GBytes) coins = read_bytes (odd);
  g_autoptr(GBytes) kept = NULL;
  const char *seal[] = { "encrypt", "-q", "--force", picture, odd, NULL };
  const char *open[] = { "decrypt", "-q", "--force", sealed, sealed_odd, NULL };

  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);
  kept = read_bytes (odd);
  g_assert_true (g_bytes_equal (kept, coins));
  g_assert_true (g_file_test (numbered, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (g_rename (numbered, sealed), ==, 0);
  {
    g_autofree char *other = g_strconcat (odd, ".epicrypt", NULL);

    g_assert_cmpint (g_rename (other, sealed_odd), ==, 0);
  }
  g_clear_pointer (&coins, g_bytes_unref);
  coins = read_bytes (sealed_odd);
  test_cli_run (&f->run, PASSWORD, NULL, -1, open);
  g_test_message ("%s%s", f->run.out, f->run.err);
  g_assert_cmpint (f->run.status, ==, 0);
  g_clear_pointer (&kept, g_bytes_unref);
  kept = read_bytes (sealed_odd);
  g_assert_true (g_bytes_equal (kept, coins));
  g_assert_true (g_file_test (drawing, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (drawing_odd, G_FILE_TEST_IS_REGULAR));
}

/* Small things a script runs into: --jobs 0, a missing list file, an
 * input given without a folder, render -q. */
static void
test_script_details (CliFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *here = g_get_current_dir ();
  g_autofree char *missing_list = g_build_filename (f->dir, "no-list.txt", NULL);
  const char *jobs[] = { "encrypt", "--jobs", "0", f->sample, NULL };
  const char *list[] = { "encrypt", "--files-from", missing_list, NULL };
  const char *bare[] = { "encrypt", "-q", "horse.png", NULL };
  const char *render[] = { "render", "-q", "horse.png.epicrypt", "--output", "still.png", NULL };

  test_cli_run (&f->run, PASSWORD, NULL, -1, jobs);
  assert_refused (&f->run, "--jobs must be between 1 and 256");

  test_cli_run (&f->run, PASSWORD, NULL, -1, list);
  assert_refused (&f->run, "no-list.txt: cannot open: ");

  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  test_cli_run (&f->run, PASSWORD, NULL, -1, bare);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_str_has_prefix (f->run.out, "horse.png "));
  g_assert_nonnull (strstr (f->run.out, " horse.png.epicrypt: "));

  test_cli_run (&f->run, PASSWORD, NULL, -1, render);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpstr (f->run.err, ==, "");
  g_assert_cmpint (g_chdir (here), ==, 0);
}

/* Whether @dir holds a hidden temporary of an export. */
static gboolean
has_part (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".epicrypt-part"))
      return TRUE;
  return FALSE;
}

/* Closing the terminal during a render stops it like Ctrl-C: status 130,
 * nothing left behind. */
static void
test_render_hangup (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *frames = g_build_filename (f->dir, "frames", NULL);
  const char *seal[] = { "encrypt", "-q", f->sample, NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *said = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);

  g_subprocess_launcher_setenv (launcher, "EPICRYPT_PASSWORD", PASSWORD, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("EPICRYPT_CLI"), "render", f->sealed,
                                         "--output", frames, "--frames", "10000", "--size", "32", NULL);
  g_assert_no_error (error);
  for (guint tries = 0; !has_part (f->dir) && tries < 2000; tries++)
    g_usleep (10 * 1000);
  g_assert_true (has_part (f->dir));

  g_subprocess_send_signal (process, SIGHUP);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &said, &error));
  g_assert_nonnull (strstr (said, "interrupted: nothing was written to"));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_false (has_part (f->dir));
  g_assert_false (g_file_test (frames, G_FILE_TEST_EXISTS));
}

/* -o naming a file says so, instead of "does not exist". */
static void
test_output_dir_is_file (CliFixture    *f,
                         gconstpointer  data)
{
  const char *args[] = { "encrypt", "-o", f->sample, f->sample, NULL };

  test_cli_run (&f->run, PASSWORD, NULL, -1, args);
  assert_refused (&f->run, "is a file, not a folder");
  g_assert_null (strstr (f->run.err, "does not exist"));
}

/* find -print0 | epicrypt-cli encrypt -0 --files-from -: names with line
 * breaks and tabs arrive whole, and each result is one line with the
 * name escaped. */
static void
test_null_separated (CliFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *odd = test_copy_sample_to ("horse.png", f->dir, "two\nlines.png");
  g_autofree char *tabbed = test_copy_sample_to ("coins.png", f->dir, "tab\tand space .png");
  g_autofree char *bad = g_build_filename (f->dir, "gone\nmissing.png", NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GBytes) input = NULL;
  const char *args[] = { "encrypt", "-0", "--files-from", "-", "-o", out, NULL };
  g_autofree char *sealed = g_build_filename (out, "two\nlines.png.epicrypt", NULL);

  g_mkdir (out, 0700);
  g_string_append_len (list, odd, strlen (odd) + 1);
  g_string_append_len (list, tabbed, strlen (tabbed) + 1);
  g_string_append (list, bad);            /* the last name needs no NUL */
  input = g_bytes_new (list->str, list->len);

  test_cli_run (&f->run, PASSWORD, input, -1, args);
  g_test_message ("%s%s", f->run.out, f->run.err);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_cmpuint (test_count_lines (f->run.out), ==, 2);
  g_assert_nonnull (strstr (f->run.out, "/two\\nlines.png "));
  g_assert_nonnull (strstr (f->run.out, "/tab\\tand space .png "));
  g_assert_nonnull (strstr (f->run.err, "gone\\nmissing.png: "));
  g_assert_true (g_file_test (sealed, G_FILE_TEST_IS_REGULAR));

  /* --null without a list is a usage error. */
  args[3] = NULL;
  args[1] = "--null";
  args[2] = odd;
  test_cli_run (&f->run, PASSWORD, NULL, -1, args);
  assert_refused (&f->run, "--null needs --files-from");
}

/* render --output DIR --force into a folder of the user's own files:
 * refused before the password is even asked, every file kept. */
static void
test_render_spares_folder (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "holiday", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *photo = test_copy_sample_to ("rocket.jpg", folder, "frame-00001.jpg");
  const char *seal[] = { "encrypt", "-q", f->sample, NULL };
  const char *render[] = { "render", f->sealed, "--output", folder, "--force", "--quality", "fast", NULL };

  test_write_file (notes, "do not lose", 11);
  test_cli_run (&f->run, PASSWORD, NULL, -1, seal);
  g_assert_cmpint (f->run.status, ==, 0);

  test_cli_run (&f->run, NULL, NULL, -1, render);
  g_test_message ("%s", f->run.err);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_nonnull (strstr (f->run.err, "which no export wrote"));
  g_assert_cmpuint (test_count_dir (folder), ==, 2);
  g_assert_true (g_file_test (notes, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));

  /* Another program's frames, with an export's names but no marker. */
  {
    g_autofree char *video = g_build_filename (f->dir, "video", NULL);

    g_free (test_copy_sample_to ("coins.png", video, "frame-00001.png"));
    g_free (test_copy_sample_to ("camera.png", video, "frame-00002.png"));

    render[3] = video;
    test_cli_run (&f->run, PASSWORD, NULL, -1, render);
    g_assert_cmpint (f->run.status, ==, 1);
    g_assert_nonnull (strstr (f->run.err, "which no export wrote"));
    g_assert_cmpuint (test_count_dir (video), ==, 2);
  }
}

/* An animated GIF seals its first frame and its result line says so; a
 * single picture's line has no such note. */
static void
test_first_frame_noted (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *gif = test_copy_sample_to ("no_time_for_that_tiny.gif", f->dir, "loop.gif");
  g_autofree char *png = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  const char *args[] = { "encrypt", "-q", gif, png, NULL };
  g_auto(GStrv) lines = NULL;

  test_cli_run (&f->run, PASSWORD, NULL, -1, args);
  g_assert_cmpint (f->run.status, ==, 0);
  lines = g_strsplit (f->run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 2; i++)
    if (strstr (lines[i], "loop.gif ") != NULL)
      g_assert_nonnull (strstr (lines[i], "only the first of its 24 frames or pages is sealed"));
    else
      g_assert_null (strstr (lines[i], "frames or pages"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  {
    /* The sample each test finds copied into its folder, if any. */
    const struct { const char *path; const char *sample; void (*func) (CliFixture *, gconstpointer); } tests[] = {
      { "/Epi/CliFiles/colliding-inputs", NULL, test_colliding_inputs },
      { "/Epi/CliFiles/colliding-drawings", NULL, test_colliding_drawings },
      { "/Epi/CliFiles/same-input-twice", "horse.png", test_same_input_twice },
      { "/Epi/CliFiles/password-file-first-line", NULL, test_password_file_first_line },
      { "/Epi/CliFiles/password-file-refused", "horse.png", test_password_file_refused },
      { "/Epi/CliFiles/password-from-pipes", "horse.png", test_password_from_pipes },
      { "/Epi/CliFiles/password-never-hangs", "horse.png", test_password_never_hangs },
      { "/Epi/CliFiles/doomed-runs-never-ask", "horse.png", test_doomed_runs_never_ask },
      { "/Epi/CliFiles/rerun-over-folder", NULL, test_rerun_over_folder },
      { "/Epi/CliFiles/force-spares-inputs", NULL, test_force_spares_inputs },
      { "/Epi/CliFiles/script-details", "horse.png", test_script_details },
      { "/Epi/CliFiles/render-hangup", "horse.png", test_render_hangup },
      { "/Epi/CliFiles/output-dir-is-file", "horse.png", test_output_dir_is_file },
      { "/Epi/CliFiles/null-separated", NULL, test_null_separated },
      { "/Epi/CliFiles/render-spares-folder", "horse.png", test_render_spares_folder },
      { "/Epi/CliFiles/first-frame-noted", NULL, test_first_frame_noted },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      g_test_add (tests[i].path, CliFixture, tests[i].sample,
                  cli_fixture_set_up, tests[i].func, cli_fixture_tear_down);
  }

  return g_test_run ();
}
