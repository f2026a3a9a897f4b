/* test-cli.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli end to end, as a script would run it: exit statuses, one
 * error line per bad file naming it, and no output left for bad input.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <signal.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "epi-test-util.h"

#define PASSWORD "tangerine-Zebra-4711"

typedef enum
{
  AS_USUAL = 0,
  NO_TERMINAL = 1 << 0,   /* a new session, so /dev/tty cannot be opened */
  AS_NOBODY = 1 << 1,     /* drop root, so file permissions bite */
  SMALL_DISK = 1 << 2,    /* files over 4 KiB cannot be written: a full disk */
  ALL_DEBUG = 1 << 3,     /* every debug message on (G_MESSAGES_DEBUG=all) */
} RunFlags;

/* A copy of the program that an unprivileged user can run. */
static char *nobody_cli;

/* Copies the program into @dir, which must be open to all, for the runs
 * made as nobody: the build folder may not be reachable by nobody. */
static void
set_up_nobody_cli (const char *dir)
{
  g_autoptr(GFile) cli = g_file_new_for_path (g_getenv ("EPICRYPT_CLI"));
  g_autoptr(GFile) copy = g_file_new_build_filename (dir, "epicrypt-cli", NULL);
  g_autoptr(GError) error = NULL;

  g_file_copy (cli, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_chmod (g_file_peek_path (copy), 0755);
  g_free (nobody_cli);
  nobody_cli = g_file_get_path (copy);
}

static void
child_setup (gpointer user_data)
{
  RunFlags flags = GPOINTER_TO_INT (user_data);

  if (flags & NO_TERMINAL)
    setsid ();
  if (flags & SMALL_DISK)
    {
      struct rlimit limit = { 4096, 4096 };

      /* Writing past the limit then fails with EFBIG instead of a signal. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
  if ((flags & AS_NOBODY) && geteuid () == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (99);
    }
}

/* Runs the CLI with @args into @run, whose previous run is cleared
 * first; @password goes through the environment. */
static void
run_cli (TestRun     *run,
         const char  *password,
         RunFlags     flags,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  test_run_clear (run);
  g_ptr_array_add (argv, (gpointer) ((flags & AS_NOBODY) && nobody_cli ? nobody_cli : g_getenv ("EPICRYPT_CLI")));
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  test_cli_cheap_kdf (argv);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "EPICRYPT_PASSWORD");
  if (flags & ALL_DEBUG)
    envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "all", TRUE);
  if (password != NULL)
    envp = g_environ_setenv (envp, "EPICRYPT_PASSWORD", password, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                child_setup, GINT_TO_POINTER (flags),
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : 128 + WTERMSIG (run->status);
}

/* Error lines, leaving out the "[i/n] NAME: started" progress events
 * written when standard error is not a terminal. */
static char *
error_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '[')
      g_string_append_printf (kept, "%s\n", lines[i]);

  return g_string_free (kept, FALSE);
}

static void
assert_failed_on (const TestRun *run,
                  const char *name,
                  const char *reason)
{
  g_autofree char *errors = error_lines (run->err);

  if (run->status != 1 || test_count_lines (errors) != 1 ||
      strstr (errors, name) == NULL || strstr (errors, reason) == NULL)
    g_error ("expected one error about %s (%s), got status %d and: %s",
             name, reason, run->status, run->err);
}

static char *
copy_sample (const char *name,
             const char *dir)
{
  return test_copy_sample_to (name, dir, name);
}

static void
test_help (void)
{
  const char *commands[] = { "encrypt", "decrypt", "info", "render" };
  g_auto(TestRun) run = { 0 };

  run_cli (&run, NULL, AS_USUAL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "encrypt"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run_cli (&run, NULL, AS_USUAL, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
        }

  run_cli (&run, NULL, AS_USUAL, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* Each command's usage line names the command and its operands once. */
static void
test_help_usage_line (void)
{
  const char *commands[] = { "encrypt", "decrypt", "info", "render" };
  const char *operands[] = { "IMAGE…", "FILE.epicrypt…", "FILE.epicrypt…", "FILE.epicrypt" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(TestRun) run = { 0 };
      g_autofree char *start = g_strdup_printf ("epicrypt-cli %s [", commands[i]);
      g_auto(GStrv) lines = NULL;
      const char *usage, *first;

      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      run_cli (&run, NULL, AS_USUAL, commands[i], "--help", NULL);
      g_unsetenv ("LC_ALL");
      g_assert_cmpint (run.status, ==, 0);
      lines = g_strsplit (run.out, "\n", 3);
      g_assert_cmpstr (lines[0], ==, "Usage:");
      usage = lines[1];
      g_test_message ("%s", usage);
      g_assert_nonnull (strstr (usage, start));
      first = strstr (usage, operands[i]);
      g_assert_nonnull (first);
      g_assert_null (strstr (first + strlen (operands[i]), operands[i]));
    }
}

static void
test_usage_errors (CliFixture    *f,
                   gconstpointer  data)
{
  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", NULL);
  g_assert_cmpint (f->run.status, ==, 2);

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "--coefficients", "lots", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--coefficients"));

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "-o", "/nonexistent/folder", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);

  /* The line finder's options: each wrong value or pairing is named. */
  {
    const struct { const char *args[5]; const char *named; } wrong[] = {
      { { "--detail", "101" }, "--detail" },
      { { "--detail", "nan" }, "--detail" },
      { { "--finder", "sobel" }, "--finder" },
      { { "--blur", "2" }, "--finder canny" },
      { { "--blur", "-1" }, "--finder canny" },
      { { "--finder", "canny", "--blur", "nan" }, "--blur" },
      { { "--finder", "canny", "--low-threshold", "-5" }, "--low-threshold" },
      { { "--finder", "canny", "--high-threshold", "inf" }, "--high-threshold" },
      { { "--finder", "canny", "--low-threshold", "50", "--high-threshold" }, "--low-threshold" },
      { { "--finder", "canny", "--detail", "10" }, "--detail" },
      { { "--min-stroke", "-3" }, "--min-stroke" },
      /* No typed number stands for "not given". */
      { { "--jobs", "-1" }, "--jobs" },
      { { "--points", "0" }, "--points" },
      { { "--max-coefficients", "0" }, "1048576" },
      { { "--coefficients", "Auto" }, "“auto”" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        const char *argv[10] = { "encrypt", NULL };
        guint n = 1;

        for (guint k = 0; k < G_N_ELEMENTS (wrong[i].args) && wrong[i].args[k] != NULL; k++)
          argv[n++] = wrong[i].args[k];
        /* The pair above whose last option wants a value gets a low one. */
        if (g_strcmp0 (argv[n - 1], "--high-threshold") == 0)
          argv[n++] = "10";
        argv[n++] = f->sample;
        argv[n] = NULL;
        test_cli_run (&f->run, PASSWORD, NULL, -1, argv);
        g_test_message ("%s → %s", wrong[i].args[1], f->run.err);
        g_assert_cmpint (f->run.status, ==, 2);
        g_assert_nonnull (strstr (f->run.err, wrong[i].named));
      }
  }

  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "--size", "0", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--size"));

  /* There is no option that takes a password. */
  run_cli (&f->run, NULL, AS_USUAL, "encrypt", "--password", PASSWORD, f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);

  /* No password anywhere and no terminal to ask on. */
  run_cli (&f->run, NULL, NO_TERMINAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--password-file"));

  g_assert_cmpuint (test_count_dir (f->dir), ==, 1);
}

static const char *samples[] = {
  "horse.png", "camera.png", "coins.png", "rocket.jpg", "chelsea.png", "skimage-logo.png",
  "pygame_icon_mac.bmp", "debian-plasma-preview-1920x1080.jpg", "no_time_for_that_tiny.gif",
};

/* Every sample through encrypt, info and decrypt, with the flat WebP
 * (no lines) in the same batch failing on its own. */
static void
test_round_trip_samples (CliFixture    *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *webp = test_sample_path ("gnome-vnc-l.webp");
  g_auto(GStrv) lines = NULL;
  char *argv[32];
  guint argc = 0;

  /* encrypt IMAGE… -o DIR, through a hand-built argument list. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "EPICRYPT_PASSWORD", PASSWORD, TRUE);
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (args, g_strdup (g_getenv ("EPICRYPT_CLI")));
    g_ptr_array_add (args, g_strdup ("encrypt"));
    g_ptr_array_add (args, g_strdup ("-o"));
    g_ptr_array_add (args, g_strdup (f->dir));
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      g_ptr_array_add (args, test_sample_path (samples[i]));
    g_ptr_array_add (args, g_strdup (webp));
    g_ptr_array_add (args, NULL);

    g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &f->run.out, &f->run.err, &f->run.status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (f->run.status));
    f->run.status = WEXITSTATUS (f->run.status);
  }

  g_test_message ("%s", f->run.out);
  assert_failed_on (&f->run, "gnome-vnc-l.webp", "no lines");
  /* One result line per picture, in the order they finish. */
  lines = g_strsplit (f->run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (samples) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *arrow = g_strdup_printf ("/%s.epicrypt: K=", samples[i]);
      guint found = 0;

      for (guint j = 0; lines[j] != NULL; j++)
        if (strstr (lines[j], arrow) != NULL)
          {
            g_assert_nonnull (strstr (lines[j], " K="));
            g_assert_nonnull (strstr (lines[j], "% of diagonal"));
            found++;
          }
      g_assert_cmpuint (found, ==, 1);
      g_ptr_array_add (sealed, g_strdup_printf ("%s/%s.epicrypt", f->dir, samples[i]));
      g_assert_true (g_file_test (g_ptr_array_index (sealed, i), G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpuint (test_count_dir (f->dir), ==, G_N_ELEMENTS (samples));
  test_run_clear (&f->run);

  /* info needs no password and shows nothing secret. */
  argv[argc++] = (char *) g_getenv ("EPICRYPT_CLI");
  argv[argc++] = "info";
  for (guint i = 0; i < sealed->len; i++)
    argv[argc++] = g_ptr_array_index (sealed, i);
  argv[argc] = NULL;
  {
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &f->run.out, &f->run.err, &f->run.status, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (f->run.status, ==, 0);
  /* Sealed at the default strength, under names that show. */
  g_assert_nonnull (strstr (f->run.out, "version 2"));
  g_assert_nonnull (strstr (f->run.out, "Argon2id"));
  g_assert_nonnull (strstr (f->run.out, "“moderate” strength: 3 passes, 256 MiB"));
  g_assert_nonnull (strstr (f->run.out, "the picture's name is inside; the file was sealed under it"));
  g_assert_null (strstr (f->run.out, PASSWORD));
  test_run_clear (&f->run);

  /* decrypt into another folder: each still has the original's size. */
  argv[1] = "decrypt";
  {
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "EPICRYPT_PASSWORD", PASSWORD, TRUE);
    g_autoptr(GPtrArray) args = g_ptr_array_new ();
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (args, argv[0]);
    g_ptr_array_add (args, "decrypt");
    g_ptr_array_add (args, "-o");
    g_ptr_array_add (args, f->out);
    for (guint i = 0; i < sealed->len; i++)
      g_ptr_array_add (args, g_ptr_array_index (sealed, i));
    g_ptr_array_add (args, NULL);
    g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &f->run.out, &f->run.err, &f->run.status, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (f->run.status, ==, 0);
  {
    g_autofree char *errors = error_lines (f->run.err);

    g_assert_cmpstr (errors, ==, "");
  }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *still = g_strdup_printf ("%s/%s.drawing.png", f->out, samples[i]);
      g_autofree char *original = test_sample_path (samples[i]);
      g_autofree char *format_name = NULL;
      int w = 0, h = 0, ow = 0, oh = 0;
      GdkPixbufFormat *format = gdk_pixbuf_get_file_info (still, &w, &h);

      g_assert_nonnull (format);
      format_name = gdk_pixbuf_format_get_name (format);
      g_assert_cmpstr (format_name, ==, "png");
      gdk_pixbuf_get_file_info (original, &ow, &oh);
      g_assert_cmpint (w, ==, ow);
      g_assert_cmpint (h, ==, oh);
    }
}

static void
test_size_option (CliFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *still = g_build_filename (f->dir, "horse.png.drawing.png", NULL);
  int w = 0, h = 0;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "-k", "50", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "K=50 "));

  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "--size", "200", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (gdk_pixbuf_get_file_info (still, &w, &h));
  g_assert_cmpint (w, ==, 200);
  g_assert_cmpint (h, ==, 164);
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & (0u - (crc & 1)));
    }
  return ~crc;
}

/* A real PNG whose header, with a correct checksum, claims 100000×100000. */
static GBytes *
png_bomb (void)
{
  g_autoptr(GBytes) png = test_sample_bytes ("horse.png");
  gsize length = g_bytes_get_size (png);
  guint8 *data = g_memdup2 (g_bytes_get_data (png, NULL), length);
  guint32 crc;

  /* IHDR's data starts at byte 16: width, height, big-endian. */
  for (int i = 0; i < 2; i++)
    {
      data[16 + 4 * i] = 0;
      data[17 + 4 * i] = 0x01;
      data[18 + 4 * i] = 0x86;
      data[19 + 4 * i] = 0xA0;
    }
  crc = crc32 (data + 12, 17);
  data[29] = crc >> 24;
  data[30] = crc >> 16;
  data[31] = crc >> 8;
  data[32] = crc & 0xFF;
  return g_bytes_new_take (data, length);
}

static void
test_bad_images (CliFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) coins = test_sample_bytes ("coins.png");
  g_autoptr(GBytes) rocket = test_sample_bytes ("rocket.jpg");
  g_autoptr(GBytes) bomb = png_bomb ();
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.png", NULL);
  g_autofree char *cut_png = g_build_filename (f->dir, "cut.png", NULL);
  g_autofree char *cut_jpg = g_build_filename (f->dir, "cut.jpg", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.png", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked.png", NULL);
  g_autofree char *flat = test_sample_path ("gnome-vnc-l.webp");
  struct { const char *path; const char *name; const char *reason; RunFlags flags; } cases[] = {
    { missing, "missing.png", "No such file", AS_USUAL },
    { f->dir, f->dir, "is a directory", AS_USUAL },
    { text, "notes.png", "not a PNG, JPEG", AS_USUAL },
    { cut_png, "cut.png", "truncated", AS_USUAL },
    { cut_jpg, "cut.jpg", "truncated", AS_USUAL },
    { huge, "huge.png", "too large (100000", AS_USUAL },
    { flat, "gnome-vnc-l.webp", "no lines", AS_USUAL },
    { locked, "locked.png", "Permission denied", AS_NOBODY },
  };

  test_write_file (text, "just some text\n", 15);
  test_write_file (cut_png, g_bytes_get_data (coins, NULL), g_bytes_get_size (coins) / 2);
  test_write_file (cut_jpg, g_bytes_get_data (rocket, NULL), g_bytes_get_size (rocket) / 2);
  test_write_file (huge, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  test_write_file (locked, g_bytes_get_data (coins, NULL), g_bytes_get_size (coins));
  g_chmod (locked, 0);

  /* Run as nobody, the program must be reachable by nobody: the build
   * folder may not be, so it runs from a copy in an open folder. */
  g_chmod (f->dir, 0755);
  g_chmod (f->out, 0777);
  set_up_nobody_cli (f->dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      run_cli (&f->run, PASSWORD, cases[i].flags, "encrypt", "-o", f->out, cases[i].path, NULL);
      g_test_message ("%s", f->run.err);
      assert_failed_on (&f->run, cases[i].name, cases[i].reason);
      g_assert_cmpuint (test_count_dir (f->out), ==, 0);
    }

  g_clear_pointer (&nobody_cli, g_free);
}

static void
test_existing_output_kept (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_file_get_contents (f->sealed, &before, NULL, NULL));

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  assert_failed_on (&f->run, "horse.png.epicrypt", "already exists");
  g_assert_true (g_file_get_contents (f->sealed, &after, NULL, NULL));
  g_assert_cmpmem (before, 200, after, 200);
  g_clear_pointer (&after, g_free);

  /* --force replaces it: a new salt and nonce make new bytes. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "--force", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_file_get_contents (f->sealed, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, 64) != 0);
  g_assert_cmpuint (test_count_dir (f->dir), ==, 2);
}

static void
write_modified (const char   *path,
                const guint8 *data,
                gsize         length,
                gsize         offset,
                guint8        value)
{
  g_autofree guint8 *copy = g_memdup2 (data, length);

  if (offset < length)
    copy[offset] = value;
  test_write_file (path, copy, length);
}

static void
test_bad_sealed_files (CliFixture    *f,
                       gconstpointer  user_data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.epicrypt", NULL);
  g_autofree char *data = NULL;
  gsize length;
  struct { gsize offset; guint8 value; const char *reason; } edits[] = {
    { 8, 3, "version 3 is not supported" },
    { 10, 9, "unknown key strength (id 9)" },
    { 11, 1, "unknown key strength (id 257)" },
    { 12, 0x40, "options this program does not know" },
    { 15, 1, "options this program does not know" },
    { 0, 'X', "not an Epicrypt sealed file" },
  };

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_file_get_contents (f->sealed, &data, &length, NULL));

  run_cli (&f->run, "not the password", AS_USUAL, "decrypt", "-o", f->out, f->sealed, NULL);
  assert_failed_on (&f->run, "horse.png.epicrypt", "wrong password");

  /* A flipped bit in the header, the salt, the nonce, the body, the tag. */
  for (gsize offset = 0; offset < length; offset += offset < 64 ? 7 : 997)
    {
      write_modified (bad, (const guint8 *) data, length, offset, data[offset] ^ 0x20);
      run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-o", f->out, bad, NULL);
      assert_failed_on (&f->run, "bad.epicrypt", "");
    }
  /* The password is right: the file is said to be damaged, not the
   * password wrong. */
  write_modified (bad, (const guint8 *) data, length, length - 1, data[length - 1] ^ 1);
  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-o", f->out, bad, NULL);
  assert_failed_on (&f->run, "bad.epicrypt", "the password is right, but the file has been damaged or altered");

  /* Cut short anywhere. */
  for (gsize cut = 0; cut < length; cut += 1 + cut / 2)
    {
      test_write_file (bad, data, cut);
      run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-o", f->out, bad, NULL);
      assert_failed_on (&f->run, "bad.epicrypt", cut < 104 && cut >= 8 ? "truncated" : "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      write_modified (bad, (const guint8 *) data, length, edits[i].offset, edits[i].value);
      run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-o", f->out, bad, NULL);
      assert_failed_on (&f->run, "bad.epicrypt", edits[i].reason);
    }

  g_assert_cmpuint (test_count_dir (f->out), ==, 0);
}

/* Format 2's choices from the command line: --kdf names a strength,
 * --hide-names seals under a random name with the picture's name inside,
 * info tells both, decrypt names the drawing after the picture however
 * the sealed file is called, and --max-kdf refuses costlier files before
 * any work, the password prompt included. */
static void
test_names_and_strengths (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *renamed = g_build_filename (f->dir, "holiday.epicrypt", NULL);
  g_autofree char *drawing = g_build_filename (f->out, "horse.png.drawing.png", NULL);
  g_autofree char *drawing_2 = g_build_filename (f->out, "horse (2).png.drawing.png", NULL);
  g_autofree char *still = g_build_filename (f->out, "still.png", NULL);
  g_autoptr(GRegex) hidden_name = g_regex_new ("^[0-9a-f]{24}\\.epicrypt$", 0, 0, NULL);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *sealed = NULL;
  const char *entry;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "-q", "--hide-names", "--kdf", "interactive", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  listing = g_dir_open (f->dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (entry, "horse.png"))
      {
        g_assert_null (sealed);
        g_assert_true (g_regex_match (hidden_name, entry, 0, NULL));
        sealed = g_build_filename (f->dir, entry, NULL);
      }
  g_assert_nonnull (sealed);

  run_cli (&f->run, NULL, AS_USUAL, "info", sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "version 2"));
  g_assert_nonnull (strstr (f->run.out, "“interactive” strength: 2 passes, 64 MiB"));
  g_assert_nonnull (strstr (f->run.out, "hidden: sealed under a random name"));
  g_assert_null (strstr (f->run.out, "horse"));

  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-q", "-o", f->out, sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_file_test (drawing, G_FILE_TEST_IS_REGULAR));

  /* Renamed, it is still the horse; the first drawing is not replaced,
   * not even with --force, since the name is not the user's. */
  g_assert_cmpint (g_rename (sealed, renamed), ==, 0);
  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "--force", "-o", f->out, renamed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "horse (2).png.drawing.png"));
  g_assert_true (g_file_test (drawing_2, G_FILE_TEST_IS_REGULAR));

  /* A costlier file than --max-kdf allows is refused, naming the file. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "-q", "--kdf", "moderate", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_free (sealed);
  sealed = g_strconcat (f->sample, ".epicrypt", NULL);
  /* From the header alone, before any password is asked for. */
  run_cli (&f->run, NULL, AS_USUAL, "decrypt", "--max-kdf", "interactive", "-o", f->out, sealed, NULL);
  assert_failed_on (&f->run, "horse.png.epicrypt", "costlier key derivation (3 passes, 256 MiB) than the most accepted, “interactive”");
  run_cli (&f->run, NULL, AS_USUAL, "render", "--max-kdf", "interactive", "-o", still, sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 1);
  g_assert_nonnull (strstr (f->run.err, "than the most accepted"));
  g_assert_cmpuint (test_count_dir (f->out), ==, 2);

  /* info on format 1: costs of the file's own; the test strength is
   * refused, as every reader here refuses it. */
  {
    g_autofree char *logo = g_build_filename (TESTS_DATA_DIR, "format-1", "skimage-logo.png.epicrypt", NULL);
    g_autofree char *test_strength = g_build_filename (f->dir, "test-strength.epicrypt", NULL);
    g_autofree char *bytes = NULL;
    gsize length;

    run_cli (&f->run, NULL, AS_USUAL, "info", logo, NULL);
    g_assert_cmpint (f->run.status, ==, 0);
    g_assert_nonnull (strstr (f->run.out, "version 1"));
    g_assert_nonnull (strstr (f->run.out, "1 pass, 8 KiB, chosen by the file"));
    g_assert_nonnull (strstr (f->run.out, "not kept inside"));

    g_assert_true (g_file_get_contents (sealed, &bytes, &length, NULL));
    bytes[10] = (char) EPI_KDF_MINIMAL;
    test_write_file (test_strength, bytes, length);
    run_cli (&f->run, NULL, AS_USUAL, "info", test_strength, NULL);
    assert_failed_on (&f->run, "test-strength.epicrypt", "unknown key strength (id 255)");
    g_unlink (test_strength);
  }

  /* Bad values are usage errors. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "--kdf", "minimal", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--kdf must be"));
  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "--max-kdf", "huge", sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--max-kdf must be"));
}

/* A drawing named after the picture inside keeps off the names the run's
 * other files are to get: a format 1 file planned as horse.png.drawing.png
 * and a hidden-name file of the same horse, opened together with --force,
 * give two drawings, whatever the order they finish in. */
static void
test_named_drawings_kept_apart (CliFixture    *f,
                                gconstpointer  data)
{
  g_autofree char *v1 = g_build_filename (TESTS_DATA_DIR, "format-1", "horse.png.epicrypt", NULL);
  g_autofree char *planned = g_build_filename (f->out, "horse.png.drawing.png", NULL);
  g_autofree char *numbered = g_build_filename (f->out, "horse (2).png.drawing.png", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *hidden = NULL;
  const char *entry;

  run_cli (&f->run, "correct horse battery staple", AS_USUAL, "encrypt", "-q", "--hide-names", "-o", f->out, f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  listing = g_dir_open (f->out, 0, NULL);
  entry = g_dir_read_name (listing);
  hidden = g_build_filename (f->out, entry, NULL);

  for (guint round = 0; round < 3; round++)
    {
      run_cli (&f->run, "correct horse battery staple", AS_USUAL, "decrypt", "-q", "--force", "-o", f->out,
               hidden, v1, NULL);
      g_assert_cmpint (f->run.status, ==, 0);
      g_assert_true (g_file_test (planned, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (numbered, G_FILE_TEST_IS_REGULAR));
      g_assert_null (strstr (f->run.out, "another file of this run"));
      g_assert_cmpuint (test_count_dir (f->out), ==, 3);
      g_unlink (planned);
      g_unlink (numbered);
    }

  /* A format 2 file's own name holds nothing: a format 1 file whose name
   * differs from it only in case keeps its plain drawing name, and --force
   * touches no "(2)" file that is not its own. */
  {
    g_autofree char *renamed = g_build_filename (f->dir, "zebra.png.epicrypt", NULL);
    g_autofree char *v1_copy = g_build_filename (f->dir, "ZEBRA.png.epicrypt", NULL);
    g_autofree char *precious = g_build_filename (f->out, "ZEBRA (2).png.drawing.png", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *v1_bytes = NULL;
    gsize length;

    g_assert_cmpint (g_rename (hidden, renamed), ==, 0);
    g_assert_true (g_file_get_contents (v1, &v1_bytes, &length, NULL));
    test_write_file (v1_copy, v1_bytes, length);
    test_write_file (precious, "precious", 8);
    run_cli (&f->run, "correct horse battery staple", AS_USUAL, "decrypt", "-q", "--force", "-o", f->out,
             renamed, v1_copy, NULL);
    g_assert_cmpint (f->run.status, ==, 0);
    g_assert_nonnull (strstr (f->run.out, "ZEBRA.png.drawing.png"));
    g_assert_nonnull (strstr (f->run.out, "horse.png.drawing.png"));
    g_assert_null (strstr (f->run.out, "numbered"));
    g_assert_true (g_file_get_contents (precious, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "precious");
  }
}

/* The password reaches no output, not even with every debug message on,
 * and a password file works like the environment. */
static void
test_password_stays_secret (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *pwfile = g_build_filename (f->dir, "pw.txt", NULL);
  g_autofree char *wrongfile = g_build_filename (f->dir, "wrong.txt", NULL);

  test_write_file (pwfile, PASSWORD "\n", strlen (PASSWORD) + 1);
  test_write_file (wrongfile, "Wrong-" PASSWORD "\n", strlen (PASSWORD) + 7);

  run_cli (&f->run, NULL, ALL_DEBUG, "encrypt", "--password-file", pwfile, f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_null (strstr (f->run.out, PASSWORD));
  g_assert_null (strstr (f->run.err, PASSWORD));

  run_cli (&f->run, PASSWORD, ALL_DEBUG, "decrypt", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_null (strstr (f->run.out, PASSWORD));
  g_assert_null (strstr (f->run.err, PASSWORD));

  run_cli (&f->run, NULL, ALL_DEBUG, "decrypt", "--force", "--password-file", wrongfile, f->sealed, NULL);
  assert_failed_on (&f->run, "horse.png.epicrypt", "wrong password");
  g_assert_null (strstr (f->run.err, PASSWORD));
}

/* A weak new password is sealed with, after a warning that names why;
 * a strong one, or an old one being typed to open a file, gets none. */
static void
test_weak_password_warned (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *pwfile = g_build_filename (f->dir, "pw.txt", NULL);
  const struct
  {
    const char *password;
    const char *reason;
  } weak[] = {
    { "Password1!", "it is based on a dictionary word" },
    { "abc", "it is shorter than 8 characters" },
    { "aaaaaaaaaaaaa", "it is one character repeated" },
    /* Fair for a login, not enough for a file guessed at offline. */
    { "Summer2024!", "it is rather short or simple" },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autofree char *line = g_strdup_printf ("epicrypt-cli: warning: the password is weak: %s", weak[i].reason);

      /* From a file and from the environment alike. */
      test_write_file (pwfile, weak[i].password, strlen (weak[i].password));
      run_cli (&f->run, NULL, AS_USUAL, "encrypt", "-q", "-f", "--password-file", pwfile, f->sample, NULL);
      g_test_message ("%s", f->run.err);
      g_assert_cmpint (f->run.status, ==, 0);
      g_assert_nonnull (strstr (f->run.err, line));
      g_assert_null (strstr (f->run.err, weak[i].password));
      g_assert_null (strstr (f->run.out, weak[i].password));
      g_assert_true (g_file_test (f->sealed, G_FILE_TEST_IS_REGULAR));

      run_cli (&f->run, weak[i].password, AS_USUAL, "encrypt", "-q", "-f", f->sample, NULL);
      g_assert_cmpint (f->run.status, ==, 0);
      g_assert_nonnull (strstr (f->run.err, line));
    }

  /* The file sealed under the last weak password opens with it, without
   * a word about its strength. */
  run_cli (&f->run, weak[G_N_ELEMENTS (weak) - 1].password, AS_USUAL, "decrypt", "-q", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_null (strstr (f->run.err, "warning"));

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "-q", "-f", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_null (strstr (f->run.err, "warning"));
  g_unsetenv ("LC_ALL");
}

/* The generated passphrase on its line of standard error, or NULL. */
static char *
generated_passphrase (const char *err)
{
  g_autofree char *pattern = g_strdup_printf ("^[%s]{%d}(-[%s]{%d}){%d}$",
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_GROUPS - 1);
  g_autoptr(GRegex) form = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (form, err, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

/* --generate-password seals with a new passphrase shown once on standard
 * error, never on standard output, and that passphrase opens the file.
 * It cannot be combined with another source of the password. */
static void
test_generate_password (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *coins = copy_sample ("coins.png", f->dir);
  g_autofree char *pwfile = g_build_filename (f->dir, "pw.txt", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  run_cli (&f->run, NULL, NO_TERMINAL, "encrypt", "--generate-password", f->sample, coins, NULL);
  g_test_message ("%s", f->run.err);
  g_assert_cmpint (f->run.status, ==, 0);
  first = generated_passphrase (f->run.err);
  g_assert_nonnull (first);
  g_assert_null (strstr (f->run.out, first));
  /* Shown once, for both files. */
  g_assert_null (strstr (strstr (f->run.err, first) + 1, first));

  run_cli (&f->run, first, AS_USUAL, "decrypt", "-q", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  /* Another run, another passphrase. */
  run_cli (&f->run, NULL, AS_USUAL, "encrypt", "-q", "-f", "--generate-password", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  second = generated_passphrase (f->run.err);
  g_assert_nonnull (second);
  g_assert_cmpstr (first, !=, second);

  /* Not with a password file or the environment: nothing is sealed. */
  g_remove (f->sealed);
  test_write_file (pwfile, PASSWORD "\n", strlen (PASSWORD) + 1);
  run_cli (&f->run, NULL, AS_USUAL, "encrypt", "--generate-password", "--password-file", pwfile, f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--password-file"));
  g_assert_null (generated_passphrase (f->run.err));

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", "--generate-password", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "EPICRYPT_PASSWORD"));
  g_assert_null (generated_passphrase (f->run.err));
  g_assert_false (g_file_test (f->sealed, G_FILE_TEST_EXISTS));

  /* Opening takes no such option. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "--generate-password", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
}

/* Reads what the program under the terminal prints until @wanted shows
 * up (or, with NULL, until it closes the terminal). */
static gboolean
read_until (int         master,
            GString    *transcript,
            const char *wanted)
{
  for (;;)
    {
      struct pollfd pfd = { master, POLLIN, 0 };
      char buffer[256];
      ssize_t n;

      if (wanted != NULL && strstr (transcript->str, wanted) != NULL)
        return TRUE;
      if (poll (&pfd, 1, 20000) <= 0)
        return FALSE;
      n = read (master, buffer, sizeof buffer);
      if (n <= 0)
        return wanted == NULL;
      g_string_append_len (transcript, buffer, n);
    }
}

/* A new pseudo-terminal; returns its master side. */
static int
open_terminal (void)
{
  int master = posix_openpt (O_RDWR | O_NOCTTY);

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  return master;
}

/* Starts @argv in a session of its own whose controlling terminal, and
 * standard input and outputs, are @master's terminal. */
static pid_t
spawn_on_terminal (int          master,
                   const char **argv,
                   char       **envp)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int slave;

      setsid ();
      slave = open (ptsname (master), O_RDWR);
      if (slave < 0 || ioctl (slave, TIOCSCTTY, 0) != 0)
        _exit (98);
      dup2 (slave, 0);
      dup2 (slave, 1);
      dup2 (slave, 2);
      execve (argv[0], (char **) argv, envp);
      _exit (97);
    }
  return pid;
}

/* Runs the CLI on a pseudo-terminal of its own and answers its password
 * prompts as a person would. Returns the exit status. */
static int
run_on_terminal (const char  *answers[2],
                 GString     *transcript,
                 const char  *image)
{
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "EPICRYPT_PASSWORD");
  const char *argv[] = { g_getenv ("EPICRYPT_CLI"), "encrypt", image, NULL };
  const char *prompts[2] = { "Password: ", "Password again: " };
  int master = open_terminal ();
  int status = -1;
  pid_t pid = spawn_on_terminal (master, argv, envp);

  for (guint i = 0; i < 2; i++)
    {
      if (!read_until (master, transcript, prompts[i]))
        break;
      /* Let the program turn echo off before typing. */
      g_usleep (100 * 1000);
      g_assert_cmpint (write (master, answers[i], strlen (answers[i])), ==, (gssize) strlen (answers[i]));
      g_assert_cmpint (write (master, "\n", 1), ==, 1);
      g_string_append (transcript, "|");
    }
  read_until (master, transcript, NULL);
  close (master);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static void
test_terminal_password (CliFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GString) transcript = g_string_new (NULL);
  const char *same[2] = { PASSWORD, PASSWORD };
  const char *differ[2] = { PASSWORD, "something else" };

  /* Asked twice, never echoed. */
  g_assert_cmpint (run_on_terminal (same, transcript, f->sample), ==, 0);
  g_test_message ("%s", transcript->str);
  g_assert_nonnull (strstr (transcript->str, "Password again: "));
  g_assert_nonnull (strstr (transcript->str, "K="));
  g_assert_null (strstr (transcript->str, PASSWORD));
  g_assert_true (g_file_test (f->sealed, G_FILE_TEST_IS_REGULAR));
  g_remove (f->sealed);

  /* Two different answers seal nothing. */
  g_string_truncate (transcript, 0);
  g_assert_cmpint (run_on_terminal (differ, transcript, f->sample), ==, 2);
  g_assert_nonnull (strstr (transcript->str, "differ"));
  g_assert_null (strstr (transcript->str, PASSWORD));
  g_assert_false (g_file_test (f->sealed, G_FILE_TEST_EXISTS));
}

/* Ctrl-C, SIGTERM or a hang-up at the password prompt: the terminal
 * gets its echo back, and the program ends by that signal. */
static void
test_prompt_interrupted (CliFixture    *f,
                         gconstpointer  data)
{
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "EPICRYPT_PASSWORD");
  const char *argv[] = { g_getenv ("EPICRYPT_CLI"), "encrypt", f->sample, NULL };
  const struct { const char *keys; int signo; } ways[] = {
    { "\003", SIGINT },   /* Ctrl-C typed at the prompt */
    { "\034", SIGQUIT },  /* Ctrl-\ */
    { NULL, SIGTERM },    /* kill from elsewhere */
    { NULL, SIGHUP },     /* the terminal window closed */
  };

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      g_autoptr(GString) transcript = g_string_new (NULL);
      struct termios after;
      int master = open_terminal ();
      /* Held open here too, so the terminal's settings outlive the child. */
      int slave = open (ptsname (master), O_RDWR | O_NOCTTY);
      int status = 0;
      pid_t pid;

      g_assert_cmpint (slave, >=, 0);
      pid = spawn_on_terminal (master, argv, envp);

      g_assert_true (read_until (master, transcript, "Password: "));
      g_usleep (200 * 1000);
      g_assert_cmpint (tcgetattr (slave, &after), ==, 0);
      g_assert_false (after.c_lflag & ECHO);
      g_assert_cmpint (write (master, "half-typed", 10), ==, 10);
      if (ways[w].keys != NULL)
        g_assert_cmpint (write (master, ways[w].keys, 1), ==, 1);
      else
        kill (pid, ways[w].signo);

      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, ways[w].signo);
      g_assert_cmpint (tcgetattr (slave, &after), ==, 0);
      g_assert_true (after.c_lflag & ECHO);

      close (slave);
      close (master);
    }

  g_assert_cmpuint (test_count_dir (f->dir), ==, 1);
}

/* Starts @argv as a job of its own, in the foreground of @master's
 * terminal, under a stand-in for the shell: a session leader that waits
 * for it and exits with its status. Job control only stops a job whose
 * parent is in its session (a stop of an orphaned job is discarded), as
 * under a real shell. Returns the stand-in's pid; *@job gets the job's. */
static pid_t
spawn_as_job (int          master,
              const char **argv,
              char       **envp,
              pid_t       *job)
{
  int report[2];
  pid_t shell;

  g_assert_cmpint (pipe (report), ==, 0);
  shell = fork ();
  g_assert_cmpint (shell, >=, 0);
  if (shell == 0)
    {
      int tty, status = 0;
      pid_t child;

      setsid ();
      tty = open (ptsname (master), O_RDWR);
      if (tty < 0 || ioctl (tty, TIOCSCTTY, 0) != 0)
        _exit (98);
      signal (SIGTTOU, SIG_IGN);
      child = fork ();
      if (child == 0)
        {
          setpgid (0, 0);
          dup2 (tty, 0);
          dup2 (tty, 1);
          dup2 (tty, 2);
          execve (argv[0], (char **) argv, envp);
          _exit (97);
        }
      setpgid (child, child);
      tcsetpgrp (tty, child);
      if (write (report[1], &child, sizeof child) != sizeof child)
        _exit (96);
      while (waitpid (child, &status, 0) < 0)
        ;
      _exit (WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
    }

  close (report[1]);
  g_assert_cmpint (read (report[0], job, sizeof *job), ==, sizeof *job);
  close (report[0]);
  return shell;
}

/* Whether @pid is stopped, as /proc tells. */
static gboolean
is_stopped (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (state = strrchr (stat, ')')) == NULL)
    return FALSE;
  return state[2] == 'T';
}

/* Ctrl-Z at the prompt: echo is back while the program is stopped, and
 * off again, with the prompt anew, once it is continued; the password
 * then typed is never shown. */
static void
test_prompt_suspended (CliFixture    *f,
                       gconstpointer  data)
{
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "EPICRYPT_PASSWORD");
  const char *argv[] = { g_getenv ("EPICRYPT_CLI"), "encrypt", f->sample, NULL };
  g_autoptr(GString) transcript = g_string_new (NULL);
  int master = open_terminal ();
  int slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  struct termios now;
  int status = 0;
  pid_t pid, job;

  g_assert_cmpint (slave, >=, 0);
  pid = spawn_as_job (master, argv, envp, &job);
  g_assert_true (read_until (master, transcript, "Password: "));
  g_usleep (200 * 1000);

  g_assert_cmpint (write (master, "\032", 1), ==, 1);
  for (guint tries = 0; !is_stopped (job) && tries < 200; tries++)
    g_usleep (10 * 1000);
  g_assert_true (is_stopped (job));
  g_assert_cmpint (tcgetattr (slave, &now), ==, 0);
  g_assert_true (now.c_lflag & ECHO);

  g_string_truncate (transcript, 0);
  g_assert_cmpint (kill (job, SIGCONT), ==, 0);
  g_assert_true (read_until (master, transcript, "Password: "));
  g_usleep (200 * 1000);
  g_assert_cmpint (tcgetattr (slave, &now), ==, 0);
  g_assert_false (now.c_lflag & ECHO);

  g_assert_cmpint (write (master, PASSWORD "\n", strlen (PASSWORD) + 1), ==, (gssize) strlen (PASSWORD) + 1);
  g_assert_true (read_until (master, transcript, "Password again: "));
  g_usleep (100 * 1000);
  g_assert_cmpint (write (master, PASSWORD "\n", strlen (PASSWORD) + 1), ==, (gssize) strlen (PASSWORD) + 1);
  read_until (master, transcript, NULL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_test_message ("%s", transcript->str);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_null (strstr (transcript->str, PASSWORD));

  close (slave);
  close (master);
}

/* Many copies of the samples, so that a batch takes a while. */
static GPtrArray *
copy_samples (const char *dir,
              guint       copies)
{
  const char *names[] = { "camera.png", "rocket.jpg", "chelsea.png", "coins.png" };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < copies; c++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GBytes) bytes = test_sample_bytes (names[i]);
        char *path = g_strdup_printf ("%s/%02u-%s", dir, c, names[i]);

        test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        g_ptr_array_add (paths, path);
      }

  return paths;
}

static GSubprocess *
spawn_cli (GSubprocessFlags   flags,
           GPtrArray         *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "EPICRYPT_PASSWORD", PASSWORD, TRUE);
  g_ptr_array_insert (args, 0, (gpointer) g_getenv ("EPICRYPT_CLI"));
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* File names from standard input, sealed on several workers. */
static void
test_files_from_stdin (CliFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = copy_samples (f->dir, 2);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  for (guint i = 0; i < pictures->len; i++)
    g_string_append_printf (list, "%s\n", (char *) g_ptr_array_index (pictures, i));
  g_string_append (list, "\n");

  g_ptr_array_add (args, "encrypt");
  g_ptr_array_add (args, "--jobs=2");
  g_ptr_array_add (args, "--files-from=-");
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, f->out);
  process = spawn_cli (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                       G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  g_subprocess_communicate_utf8 (process, list->str, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpuint (test_count_lines (stdout_text), ==, pictures->len);
  g_assert_cmpuint (test_count_dir (f->out), ==, pictures->len);
  /* Plain events when standard error is not a terminal. */
  g_assert_nonnull (strstr (stderr_text, "[1/8] "));
  g_assert_nonnull (strstr (stderr_text, ": started"));
}

/* Starts "encrypt --jobs=N [-o OUT] PICTURES…" and returns once its first
 * result line is out, with the rest of its output still to come in
 * @lines. */
static GSubprocess *
start_batch (GPtrArray         *pictures,
             const char        *out,
             const char        *jobs,
             GSubprocessFlags   stderr_flag,
             GDataInputStream **lines)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *first = NULL;
  GSubprocess *process;

  g_ptr_array_add (args, "encrypt");
  g_ptr_array_add (args, (gpointer) jobs);
  if (out != NULL)
    {
      g_ptr_array_add (args, "-o");
      g_ptr_array_add (args, (gpointer) out);
    }
  for (guint i = 0; i < pictures->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (pictures, i));
  process = spawn_cli (G_SUBPROCESS_FLAGS_STDOUT_PIPE | stderr_flag, args);

  *lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  first = g_data_input_stream_read_line (*lines, NULL, NULL, NULL);
  g_assert_nonnull (first);
  return process;
}

/* Ctrl-C mid-batch: a distinct exit status, and every output either whole
 * or absent. */
static void
test_interrupt (CliFixture    *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = copy_samples (f->dir, 10);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint sealed = 0;

  /* Wait for the first sealed file, then interrupt. */
  process = start_batch (pictures, f->out, "--jobs=2", G_SUBPROCESS_FLAGS_STDERR_PIPE, &lines);
  g_subprocess_send_signal (process, SIGINT);

  rest = g_data_input_stream_read_upto (lines, "", 0, NULL, NULL, &error);
  {
    g_autoptr(GDataInputStream) err_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));

    errors = g_data_input_stream_read_upto (err_lines, "", 0, NULL, NULL, NULL);
  }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_nonnull (strstr (errors, "interrupted"));

  d = g_dir_open (f->out, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->out, name, NULL);

      g_assert_true (g_str_has_suffix (name, ".epicrypt"));
      run_cli (&f->run, PASSWORD, AS_USUAL, "info", path, NULL);
      g_assert_cmpint (f->run.status, ==, 0);
      sealed++;
    }
  g_test_message ("%u of %u sealed before the interrupt", sealed, pictures->len);
  g_assert_cmpuint (sealed, >=, 1);
  g_assert_cmpuint (sealed, <, pictures->len);
}

static void
test_render (CliFixture    *f,
             gconstpointer  data)
{
  g_autofree char *still = g_build_filename (f->dir, "still.png", NULL);
  g_autofree char *gif = g_build_filename (f->dir, "anim.gif", NULL);
  g_autofree char *frames = g_build_filename (f->dir, "frames", NULL);
  g_autofree char *lost = g_build_filename (f->dir, "lost.gif", NULL);
  int w = 0, h = 0;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "--output", still, "--size", "200", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (gdk_pixbuf_get_file_info (still, &w, &h));
  g_assert_cmpint (w, ==, 200);
  g_assert_cmpint (h, ==, 164);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", gif, "--quality", "fast", "--size", "100", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "30 frames"));
  g_assert_true (g_file_test (gif, G_FILE_TEST_IS_REGULAR));

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", frames, "--frames", "5", "--size", "64",
           "--no-circles", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpuint (test_count_dir (frames), ==, 5 + 1); /* and the marker */

  /* An existing output stays; --force replaces it. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", gif, "--quality", "fast", "--size", "100", NULL);
  assert_failed_on (&f->run, "anim.gif", "already exists");
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", gif, "--frames", "3", "--size", "100", "--force", NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  run_cli (&f->run, "wrong", AS_USUAL, "render", f->sealed, "-o", lost, NULL);
  assert_failed_on (&f->run, "horse.png.epicrypt", "wrong password");
  g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));

  /* Usage errors. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", "", NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--output"));
  {
    const char *bad[] = { "0", "-1", "abc", "", "1048577", "99999999999" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *option = g_strdup_printf ("--epicycles=%s", bad[i]);

        run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, option, NULL);
        g_assert_cmpint (f->run.status, ==, 2);
        g_assert_nonnull (strstr (f->run.err, "epicycles"));
        g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
      }
  }
  {
    g_autofree char *one = g_build_filename (f->dir, "one.png", NULL);
    g_autofree char *all = g_build_filename (f->dir, "all.png", NULL);
    g_autofree char *one_bytes = NULL, *all_bytes = NULL;
    gsize one_length, all_length;

    run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", one, "--epicycles", "1", NULL);
    g_assert_cmpint (f->run.status, ==, 0);
    run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", all, "--epicycles", "1048576", NULL);
    g_assert_cmpint (f->run.status, ==, 0);
    g_assert_true (g_file_get_contents (one, &one_bytes, &one_length, NULL));
    g_assert_true (g_file_get_contents (all, &all_bytes, &all_length, NULL));
    g_assert_false (one_length == all_length && memcmp (one_bytes, all_bytes, one_length) == 0);
    g_unlink (one);
    g_unlink (all);
  }
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, f->sealed, "-o", lost, NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, "--quality", "superb", NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, "--frames", "0", NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, "--speed", "20", NULL);
  g_assert_cmpint (f->run.status, ==, 2);

  g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
}

/* .svg and .anim.svg give the SVGs, any case; their bad values are
 * usage errors that write nothing. */
static void
test_render_svg (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "drawing.svg", NULL);
  g_autofree char *animated = g_build_filename (f->dir, "drawing.ANIM.SVG", NULL);
  g_autofree char *lost = g_build_filename (f->dir, "lost.anim.svg", NULL);
  g_autofree char *text = NULL;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", svg, "--size", "200", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "200×164"));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "viewBox=\"0 0 200 164\""));
  g_assert_null (strstr (text, "<animate"));
  g_clear_pointer (&text, g_free);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", animated, "--speed", "2",
           "--no-circles", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_true (g_file_get_contents (animated, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<animate attributeName=\"stroke-dashoffset\""));
  g_assert_null (strstr (text, "animateTransform"));

  /* An existing output stays; --force replaces it. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", svg, NULL);
  assert_failed_on (&f->run, "drawing.svg", "already exists");
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", svg, "--force", NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  /* Usage errors: nothing written, nothing on standard output. */
  {
    const char *bad[][2] = {
      { "--speed", "0" }, { "--speed", "11" }, { "--speed", "nan" },
      { "--size", "8" }, { "--size", "99999" }, { "--frames", "0" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, bad[i][0], bad[i][1], NULL);
        g_assert_cmpint (f->run.status, ==, 2);
        g_assert_cmpstr (f->run.out, ==, "");
        g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
      }
  }
  g_assert_cmpuint (test_count_dir (f->dir), ==, 4);
}

/* render to a video: the frames follow --fps and --speed, each bad
 * value of --fps (and --frames or --quality, which a video does not
 * take) is a usage error with nothing written, and a missing folder is
 * named before the password is asked. */
static void
test_render_webm (CliFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *video = g_build_filename (f->dir, "anim.webm", NULL);
  g_autofree char *gif = g_build_filename (f->dir, "anim.gif", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "anim.webm", NULL);
  g_autofree char *head = NULL;
  const struct
  {
    const char *output;
    const char *option;
    const char *value;
    const char *said;
  } bad[] = {
    { video, "--fps", "0", "--fps must be between 1 and 60" },
    { video, "--fps", "61", "--fps must be between 1 and 60" },
    { video, "--fps", "-5", "--fps must be between 1 and 60" },
    { video, "--fps", "ten", "--fps" },
    { video, "--fps", "", "--fps" },
    { video, "--frames", "30", "give --fps, not --frames or --quality" },
    { video, "--quality", "fast", "give --fps, not --frames or --quality" },
    { gif, "--fps", "10", "--fps is for a video" },
  };
  gsize length = 0;
  guint n_files;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  n_files = test_count_dir (f->dir);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", bad[i].output,
               bad[i].option, bad[i].value, "--size", "64", NULL);
      g_test_message ("%s %s: %s", bad[i].option, bad[i].value, f->run.err);
      g_assert_cmpint (f->run.status, ==, 2);
      g_assert_nonnull (strstr (f->run.err, bad[i].said));
      g_assert_cmpuint (test_count_dir (f->dir), ==, n_files);
    }

  run_cli (&f->run, NULL, AS_USUAL, "render", f->sealed, "-o", nowhere, "--size", "64", NULL);
  assert_failed_on (&f->run, "no-such-folder", "does not exist");
  g_assert_cmpuint (test_count_dir (f->dir), ==, n_files);

  /* 12 s at 4× and 5 frames a second. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", video, "--fps", "5", "--speed", "4",
           "--size", "100", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_nonnull (strstr (f->run.out, "15 frames at 5 per second, 100×82"));
  g_assert_true (g_file_get_contents (video, &head, &length, NULL));
  /* An EBML header, as every WebM file starts. */
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (head, 4, "\x1A\x45\xDF\xA3", 4);
  test_assert_mode (video, 0600);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", video, "--size", "64", NULL);
  assert_failed_on (&f->run, "anim.webm", "already exists");
}

/* A system without GStreamer's plugins: the render to a video fails
 * before the password is asked, naming the element and its package. */
static void
test_render_webm_no_plugins (CliFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *video = g_build_filename (f->dir, "anim.webm", NULL);
  g_autofree char *empty = test_tmpdir_new ();
  g_autofree char *registry = g_build_filename (empty, "registry.bin", NULL);
  guint n_files;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  n_files = test_count_dir (f->dir);

  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", empty, TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
  g_unsetenv ("GST_PLUGIN_PATH_1_0");
  g_unsetenv ("GST_PLUGIN_PATH");
  /* No password given: it is never asked for. */
  run_cli (&f->run, NULL, AS_USUAL, "render", f->sealed, "-o", video, "--size", "64", NULL);
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH_1_0");
  g_unsetenv ("GST_REGISTRY_1_0");

  assert_failed_on (&f->run, "anim.webm", "GStreamer’s “appsrc” element is missing "
                                          "(install gstreamer1.0-plugins-base)");
  g_assert_null (strstr (f->run.err, "assword"));
  g_assert_cmpuint (test_count_dir (f->dir), ==, n_files);
  test_tmpdir_remove (empty);
}

/* --trail: an animation shows only the pen's fading trail; a value that
 * is not a fraction above 0 and at most 1, or a still, is a usage error
 * with nothing written. */
static void
test_render_trail (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *whole = g_build_filename (f->dir, "whole", NULL);
  g_autofree char *trail = g_build_filename (f->dir, "trail", NULL);
  g_autofree char *lost = g_build_filename (f->dir, "lost.gif", NULL);
  g_autofree char *lost_png = g_build_filename (f->dir, "lost.png", NULL);
  g_autofree char *lost_svg = g_build_filename (f->dir, "lost.anim.svg", NULL);
  g_autofree char *whole_frame = g_build_filename (whole, "frame-00004.png", NULL);
  g_autofree char *trail_frame = g_build_filename (trail, "frame-00004.png", NULL);
  g_autofree char *whole_bytes = NULL;
  g_autofree char *trail_bytes = NULL;
  const char *bad[] = { "0", "-0.25", "1.5", "abc", "", "nan", "0.25x", "inf" };
  gsize whole_length, trail_length;

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  g_assert_cmpint (f->run.status, ==, 0);

  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", whole, "--frames", "4", "--size", "96",
           "--no-circles", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", trail, "--frames", "4", "--size", "96",
           "--no-circles", "--trail", "0.25", NULL);
  g_assert_cmpint (f->run.status, ==, 0);
  g_assert_cmpuint (test_count_dir (trail), ==, 4 + 1);
  /* The last frame of a trail is not the whole drawing. */
  g_assert_true (g_file_get_contents (whole_frame, &whole_bytes, &whole_length, NULL));
  g_assert_true (g_file_get_contents (trail_frame, &trail_bytes, &trail_length, NULL));
  g_assert_false (whole_length == trail_length && memcmp (whole_bytes, trail_bytes, whole_length) == 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *option = g_strdup_printf ("--trail=%s", bad[i]);

      run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost, option, NULL);
      g_assert_cmpint (f->run.status, ==, 2);
      g_assert_nonnull (strstr (f->run.err, "--trail"));
    }
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost_png, "--trail", "0.5", NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--trail is for a GIF, a video or frames"));
  /* An SVG, still or drawing itself, shows the whole drawing too. */
  run_cli (&f->run, PASSWORD, AS_USUAL, "render", f->sealed, "-o", lost_svg, "--trail", "0.5", NULL);
  g_assert_cmpint (f->run.status, ==, 2);
  g_assert_nonnull (strstr (f->run.err, "--trail is for a GIF, a video or frames"));

  g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lost_png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lost_svg, G_FILE_TEST_EXISTS));
}

/* Faults ------------------------------------------------------------------ */

/* A read-only output folder, and a disk that fills up mid-write: a clear
 * error each, and nothing left behind. */
static void
test_write_faults (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *readonly = g_build_filename (f->dir, "readonly", NULL);
  g_autofree char *full = g_build_filename (f->dir, "full", NULL);
  g_autofree char *coins = copy_sample ("coins.png", f->dir);

  g_mkdir (readonly, 0755);
  g_mkdir (full, 0777);
  g_chmod (f->dir, 0755);
  g_chmod (coins, 0644);
  set_up_nobody_cli (f->dir);

  /* As nobody, and not as the owner when not root, the folder is closed. */
  if (geteuid () != 0)
    g_chmod (readonly, 0555);
  run_cli (&f->run, PASSWORD, AS_NOBODY, "encrypt", "-o", readonly, coins, NULL);
  assert_failed_on (&f->run, "readonly", "Permission denied");
  g_assert_cmpuint (test_count_dir (readonly), ==, 0);
  g_clear_pointer (&nobody_cli, g_free);

  run_cli (&f->run, PASSWORD, SMALL_DISK, "encrypt", "-o", full, coins, NULL);
  assert_failed_on (&f->run, "coins.png.epicrypt", "File too large");
  g_assert_cmpuint (test_count_dir (full), ==, 0);
}

/* A forged header claiming 65500×65500 pixels is refused without the
 * memory decoding it would take (12.5 GB). */
static void
test_bomb_memory (CliFixture    *f,
                  gconstpointer  user_data)
{
  g_autofree char *data = NULL;
  gsize length;
  struct rusage usage;

  /* In a process of its own, so that the largest child is this run's. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_true (g_file_get_contents (f->sample, &data, &length, NULL));
  for (gsize i = 2; i + 9 < length; i++)
    if ((guint8) data[i] == 0xFF && (guint8) data[i + 1] == 0xC0)
      {
        data[i + 5] = data[i + 7] = (char) 0xFF;
        data[i + 6] = data[i + 8] = (char) 0xDC;
        break;
      }
  test_write_file (f->sample, data, length);

  run_cli (&f->run, PASSWORD, AS_USUAL, "encrypt", f->sample, NULL);
  assert_failed_on (&f->run, "rocket.jpg", "65500");
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("the run's peak: %ld MiB", usage.ru_maxrss / 1024);
  /* Refused from the header: the bomb would have needed 12 GB. */
  g_assert_cmpint (usage.ru_maxrss, <, 256 * 1024);
}

/* Killed mid-batch: every output is whole or absent; what a killed writer
 * leaves is a hidden, clearly named temporary file, which the next run
 * leaves alone while it seals the rest. */
static void
test_killed_mid_batch (CliFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = copy_samples (f->dir, 6);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint sealed = 0, partial = 0;
  g_auto(TestRun) again = { 0 };

  process = start_batch (pictures, f->out, "--jobs=2", G_SUBPROCESS_FLAGS_STDERR_SILENCE, &lines);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  d = g_dir_open (f->out, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->out, name, NULL);

      if (g_str_has_prefix (name, ".") && g_str_has_suffix (name, ".epicrypt-part"))
        {
          partial++;
          continue;
        }

      /* Anything under a real name is whole: it opens. */
      g_assert_true (g_str_has_suffix (name, ".epicrypt"));
      run_cli (&f->run, PASSWORD, AS_USUAL, "decrypt", "-q", "-o", f->dir, path, NULL);
      g_assert_cmpint (f->run.status, ==, 0);
      sealed++;
    }
  g_test_message ("killed after the first result: %u sealed, %u temporary", sealed, partial);
  g_assert_cmpuint (sealed, >=, 1);
  g_assert_cmpuint (sealed, <, pictures->len);

  /* The next run keeps what is done, seals the rest, and ignores the
   * temporary files. */
  g_ptr_array_set_size (args, 0);
  g_ptr_array_add (args, (gpointer) g_getenv ("EPICRYPT_CLI"));
  g_ptr_array_add (args, "encrypt");
  g_ptr_array_add (args, "-q");
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, f->out);
  for (guint i = 0; i < pictures->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (pictures, i));
  g_ptr_array_add (args, NULL);
  {
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "EPICRYPT_PASSWORD", PASSWORD, TRUE);

    g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &again.out, &again.err, &again.status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (WIFEXITED (again.status));
  g_assert_cmpint (WEXITSTATUS (again.status), ==, 1);
  g_assert_cmpuint (test_count_lines (again.out), ==, pictures->len - sealed);
  g_assert_cmpuint (test_count_dir (f->out), ==, pictures->len + partial);
}

/* The password given through the environment is wiped from it as soon
 * as it is read: a running batch's environment no longer holds it. */
static void
test_password_leaves_environment (CliFixture    *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = copy_samples (f->dir, 6);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *environ_path = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *environ_text = NULL;
  g_autofree char *cmdline_text = NULL;
  gsize environ_len = 0, cmdline_len = 0;

  process = start_batch (pictures, NULL, "--jobs=1", G_SUBPROCESS_FLAGS_STDERR_SILENCE, &lines);

  environ_path = g_strdup_printf ("/proc/%s/environ", g_subprocess_get_identifier (process));
  cmdline_path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (process));
  g_assert_true (g_file_get_contents (environ_path, &environ_text, &environ_len, NULL));
  g_assert_true (g_file_get_contents (cmdline_path, &cmdline_text, &cmdline_len, NULL));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  g_assert_cmpuint (environ_len, >, 0);
  g_assert_null (memmem (environ_text, environ_len, PASSWORD, strlen (PASSWORD)));
  g_assert_null (memmem (cmdline_text, cmdline_len, PASSWORD, strlen (PASSWORD)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("EPICRYPT_CLI"));

  g_test_add_func ("/Epi/Cli/help", test_help);
  g_test_add_func ("/Epi/Cli/help-usage-line", test_help_usage_line);
  {
    /* The sample each test finds copied into its folder, if any, and
     * whether it has a second folder for its outputs. */
    const struct
    {
      const char *path;
      const char *sample;
      void (*set_up) (CliFixture *, gconstpointer);
      void (*func) (CliFixture *, gconstpointer);
    } tests[] = {
      { "/Epi/Cli/usage-errors", "horse.png", cli_fixture_set_up, test_usage_errors },
      { "/Epi/Cli/round-trip-samples", NULL, cli_fixture_set_up_with_out, test_round_trip_samples },
      { "/Epi/Cli/size-option", "horse.png", cli_fixture_set_up, test_size_option },
      { "/Epi/Cli/bad-images", NULL, cli_fixture_set_up_with_out, test_bad_images },
      { "/Epi/Cli/existing-output-kept", "horse.png", cli_fixture_set_up, test_existing_output_kept },
      { "/Epi/Cli/bad-sealed-files", "horse.png", cli_fixture_set_up_with_out, test_bad_sealed_files },
      { "/Epi/Cli/names-and-strengths", "horse.png", cli_fixture_set_up_with_out, test_names_and_strengths },
      { "/Epi/Cli/named-drawings-kept-apart", "horse.png", cli_fixture_set_up_with_out, test_named_drawings_kept_apart },
      { "/Epi/Cli/password-stays-secret", "horse.png", cli_fixture_set_up, test_password_stays_secret },
      { "/Epi/Cli/weak-password-warned", "horse.png", cli_fixture_set_up, test_weak_password_warned },
      { "/Epi/Cli/generate-password", "horse.png", cli_fixture_set_up, test_generate_password },
      { "/Epi/Cli/terminal-password", "horse.png", cli_fixture_set_up, test_terminal_password },
      { "/Epi/Cli/prompt-interrupted", "horse.png", cli_fixture_set_up, test_prompt_interrupted },
      { "/Epi/Cli/prompt-suspended", "horse.png", cli_fixture_set_up, test_prompt_suspended },
      { "/Epi/Cli/files-from-stdin", NULL, cli_fixture_set_up_with_out, test_files_from_stdin },
      { "/Epi/Cli/interrupt", NULL, cli_fixture_set_up_with_out, test_interrupt },
      { "/Epi/Cli/render", "horse.png", cli_fixture_set_up, test_render },
      { "/Epi/Cli/render-trail", "horse.png", cli_fixture_set_up, test_render_trail },
      { "/Epi/Cli/render-svg", "horse.png", cli_fixture_set_up, test_render_svg },
      { "/Epi/Cli/render-webm", "horse.png", cli_fixture_set_up, test_render_webm },
      { "/Epi/Cli/render-webm-no-plugins", "horse.png", cli_fixture_set_up, test_render_webm_no_plugins },
      { "/Epi/Cli/write-faults", NULL, cli_fixture_set_up, test_write_faults },
      { "/Epi/Cli/bomb-memory", "rocket.jpg", cli_fixture_set_up, test_bomb_memory },
      { "/Epi/Cli/killed-mid-batch", NULL, cli_fixture_set_up_with_out, test_killed_mid_batch },
      { "/Epi/Cli/password-leaves-environment", NULL, cli_fixture_set_up, test_password_leaves_environment },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      g_test_add (tests[i].path, CliFixture, tests[i].sample,
                  tests[i].set_up, tests[i].func, cli_fixture_tear_down);
  }

  return g_test_run ();
}
