/* test-file.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing outputs: no partial file, no replacement unless asked, the
 * promised modes, and the fallbacks for filesystems without hard links,
 * without RENAME_NOREPLACE or without O_TMPFILE. The fallbacks are
 * reached by making the real calls fail: this test is linked with
 * -Wl,--wrap for them (see meson.build), which reroutes the core
 * library's calls through the wrappers below, also under ASan, where
 * LD_PRELOAD would not work.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

/* The wrappers -------------------------------------------------------------- */

typedef struct
{
  /* Nonzero: the call fails with this errno instead of running. */
  int          link_errno;
  int          linkat_errno;
  int          renameat2_errno;
  int          rename_errno;
  int          tmpfile_errno;     /* open() with O_TMPFILE */

  /* Calls seen, whether made to fail or not. */
  guint        n_link;
  guint        n_linkat;
  guint        n_renameat2;
  guint        n_rename;
  guint        n_tmpfile;
  guint        n_exclusive;       /* open() with O_CREAT | O_EXCL */
  guint        n_fchmod;

  /* Listed whenever a file is about to take its name. */
  const char  *watch_dir;
  guint        max_entries_at_publish;
  gboolean     proc_link_seen;    /* linkat() from /proc/self/fd/N */

  /* What fchmod() found and asked for, and the mode at publishing. */
  mode_t       mode_before_fchmod;
  nlink_t      links_before_fchmod;
  mode_t       mode_asked;
  mode_t       mode_at_publish;
} Faults;

static Faults faults;

static void
faults_reset (void)
{
  memset (&faults, 0, sizeof faults);
}

int __real_link      (const char *from, const char *to);
int __real_linkat    (int from_dir, const char *from, int to_dir, const char *to, int flags);
int __real_renameat2 (int from_dir, const char *from, int to_dir, const char *to, unsigned int flags);
int __real_rename    (const char *from, const char *to);
int __real_open      (const char *path, int flags, ...);
int __real_open64    (const char *path, int flags, ...);
int __real_fchmod    (int fd, mode_t mode);

int __wrap_link      (const char *from, const char *to);
int __wrap_linkat    (int from_dir, const char *from, int to_dir, const char *to, int flags);
int __wrap_renameat2 (int from_dir, const char *from, int to_dir, const char *to, unsigned int flags);
int __wrap_rename    (const char *from, const char *to);
int __wrap_open      (const char *path, int flags, ...);
int __wrap_open64    (const char *path, int flags, ...);
int __wrap_fchmod    (int fd, mode_t mode);

/* Notes what a file about to be published looks like, and what the
 * folder holds at that moment. */
static void
observe_publish (const char *from)
{
  struct stat st;

  if (stat (from, &st) == 0)
    faults.mode_at_publish = st.st_mode & 07777;

  if (faults.watch_dir != NULL)
    faults.max_entries_at_publish = MAX (faults.max_entries_at_publish,
                                         test_count_dir (faults.watch_dir));
}

int
__wrap_link (const char *from,
             const char *to)
{
  faults.n_link++;
  observe_publish (from);
  if (faults.link_errno != 0)
    {
      errno = faults.link_errno;
      return -1;
    }
  return __real_link (from, to);
}

int
__wrap_linkat (int         from_dir,
               const char *from,
               int         to_dir,
               const char *to,
               int         flags)
{
  faults.n_linkat++;
  faults.proc_link_seen |= g_str_has_prefix (from, "/proc/self/fd/");
  observe_publish (from);
  if (faults.linkat_errno != 0)
    {
      errno = faults.linkat_errno;
      return -1;
    }
  return __real_linkat (from_dir, from, to_dir, to, flags);
}

int
__wrap_renameat2 (int           from_dir,
                  const char   *from,
                  int           to_dir,
                  const char   *to,
                  unsigned int  flags)
{
  faults.n_renameat2++;
  observe_publish (from);
  if (faults.renameat2_errno != 0)
    {
      errno = faults.renameat2_errno;
      return -1;
    }
  return __real_renameat2 (from_dir, from, to_dir, to, flags);
}

int
__wrap_rename (const char *from,
               const char *to)
{
  faults.n_rename++;
  observe_publish (from);
  if (faults.rename_errno != 0)
    {
      errno = faults.rename_errno;
      return -1;
    }
  return __real_rename (from, to);
}

static int
wrapped_open (int       (*real) (const char *, int, ...),
              const char *path,
              int         flags,
              va_list     args)
{
  mode_t mode = 0;

  if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
    mode = (mode_t) va_arg (args, int);

  if ((flags & O_TMPFILE) == O_TMPFILE)
    {
      faults.n_tmpfile++;
      if (faults.tmpfile_errno != 0)
        {
          errno = faults.tmpfile_errno;
          return -1;
        }
    }
  if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
    faults.n_exclusive++;

  return real (path, flags, mode);
}

int
__wrap_open (const char *path,
             int         flags,
             ...)
{
  va_list args;
  int fd;

  va_start (args, flags);
  fd = wrapped_open (__real_open, path, flags, args);
  va_end (args);
  return fd;
}

int
__wrap_open64 (const char *path,
               int         flags,
               ...)
{
  va_list args;
  int fd;

  va_start (args, flags);
  fd = wrapped_open (__real_open64, path, flags, args);
  va_end (args);
  return fd;
}

int
__wrap_fchmod (int    fd,
               mode_t mode)
{
  struct stat st;

  faults.n_fchmod++;
  if (fstat (fd, &st) == 0)
    {
      faults.mode_before_fchmod = st.st_mode & 07777;
      faults.links_before_fchmod = st.st_nlink;
    }
  faults.mode_asked = mode;
  return __real_fchmod (fd, mode);
}

/* Helpers ------------------------------------------------------------------- */

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

/* Whether this kernel and the filesystem of @dir make unnamed files. */
static gboolean
tmpfile_works (const char *dir)
{
  int fd = __real_open64 (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

/* The publishing promises, whatever way the faults set up lead to: a new
 * name is published with the right bytes, an existing one is refused and
 * kept, replacing works when asked, and nothing else is left in @dir. */
static void
assert_publishing_promises (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (epi_file_write_atomic (path, "first", 5, EPI_FILE_PRIVATE, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "first");
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  g_assert_false (epi_file_write_atomic (path, "second", 6, EPI_FILE_PRIVATE, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  assert_contents (path, "first");
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  g_assert_true (epi_file_write_atomic (path, "third", 5, EPI_FILE_PRIVATE, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "third");
  g_assert_cmpuint (test_count_dir (dir), ==, 1);
  test_assert_mode (path, 0600);

  g_unlink (path);
}

/* Tests --------------------------------------------------------------------- */

static void
test_write_never_overwrites (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GError) error = NULL;

  faults_reset ();
  g_assert_true (epi_file_write_atomic (path, "first", 5, EPI_FILE_SHARED, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "first");

  g_assert_false (epi_file_write_atomic (path, "second", 6, EPI_FILE_SHARED, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  assert_contents (path, "first");
  g_clear_error (&error);

  g_assert_false (epi_file_check_free (path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Asked to, it replaces. */
  g_assert_true (epi_file_write_atomic (path, "second", 6, EPI_FILE_SHARED, TRUE, NULL, &error));
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

  faults_reset ();
  g_assert_false (epi_file_write_atomic (missing, "x", 1, EPI_FILE_PRIVATE, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (epi_file_write_atomic (path, "x", 1, EPI_FILE_PRIVATE, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (test_count_dir (dir), ==, 0);
  test_tmpdir_remove (dir);
}

/* FAT and exFAT refuse hard links with EPERM, some network shares with
 * EOPNOTSUPP; neither has O_TMPFILE. Publishing then goes through
 * renameat2() with RENAME_NOREPLACE. */
static void
test_no_hard_links (void)
{
  const int refusals[] = { EPERM, EOPNOTSUPP };
  g_autofree char *dir = test_tmpdir_new ();

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      faults_reset ();
      faults.tmpfile_errno = EOPNOTSUPP;
      faults.link_errno = refusals[i];
      assert_publishing_promises (dir);
      g_assert_cmpuint (faults.n_link, >=, 2);
      g_assert_cmpuint (faults.n_renameat2, >=, 2);
      g_assert_cmpuint (faults.n_exclusive, ==, 0);
    }

  /* Unnamed files, but no way to link them in (no /proc, say): the
   * named way is taken, down to renameat2() again. */
  faults_reset ();
  faults.linkat_errno = EPERM;
  faults.link_errno = EPERM;
  assert_publishing_promises (dir);
  g_assert_cmpuint (faults.n_renameat2, >=, 2);

  g_assert_cmpuint (test_count_dir (dir), ==, 0);
  test_tmpdir_remove (dir);
}

/* Without hard links and without RENAME_NOREPLACE (old kernels, some
 * shares): an exclusive placeholder claims the name, and the finished
 * file is renamed over it. */
static void
test_no_rename_noreplace (void)
{
  const int refusals[] = { EINVAL, ENOSYS, EOPNOTSUPP };
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      faults_reset ();
      faults.tmpfile_errno = EOPNOTSUPP;
      faults.link_errno = EPERM;
      faults.renameat2_errno = refusals[i];
      assert_publishing_promises (dir);
      g_assert_cmpuint (faults.n_renameat2, >=, 2);
      g_assert_cmpuint (faults.n_exclusive, >=, 2);
    }

  /* The rename over the placeholder fails: the placeholder goes too. */
  faults_reset ();
  faults.tmpfile_errno = EOPNOTSUPP;
  faults.link_errno = EPERM;
  faults.renameat2_errno = EINVAL;
  faults.rename_errno = EIO;
  g_assert_false (epi_file_write_atomic (path, "x", 1, EPI_FILE_PRIVATE, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (faults.n_exclusive, ==, 1);
  g_assert_cmpuint (test_count_dir (dir), ==, 0);

  faults_reset ();
  test_tmpdir_remove (dir);
}

/* A name of @n_bytes made of @unit repeated, topped up with ASCII. */
static char *
long_name (const char *unit,
           gsize       n_bytes)
{
  GString *name = g_string_new (NULL);

  while (name->len + strlen (unit) <= n_bytes)
    g_string_append (name, unit);
  while (name->len < n_bytes)
    g_string_append_c (name, 'z');
  return g_string_free (name, FALSE);
}

/* Hidden temporary names fit wherever the final name fits, and are cut
 * between characters. */
static void
test_long_names (void)
{
  const char *units[] = { "a", "é", "€", "😀" };
  const int tmpfile_faults[] = { 0, EOPNOTSUPP };
  g_autofree char *dir = test_tmpdir_new ();

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autofree char *name = long_name (units[u], 255);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpuint (strlen (name), ==, 255);
      g_assert_true (g_utf8_validate (name, -1, NULL));

      for (guint t = 0; t < G_N_ELEMENTS (tmpfile_faults); t++)
        {
          const char *suffixes[] = { ".epicrypt-part", ".epicrypt-old" };
          g_autoptr(GError) error = NULL;

          for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
            {
              g_autofree char *tmpl = epi_file_temp_template (path, suffixes[s]);
              g_autofree char *tmpl_base = g_path_get_basename (tmpl);
              gsize keep = strlen (tmpl_base) - strlen (".XXXXXX") - strlen (suffixes[s]);

              g_assert_cmpuint (strlen (tmpl_base), <=, 255);
              g_assert_cmpuint (strlen (tmpl_base), >=, 252);
              g_assert_true (g_str_has_suffix (tmpl_base, suffixes[s]));
              g_assert_true (g_str_has_prefix (tmpl_base, "."));
              g_assert_true (g_utf8_validate (tmpl_base, keep, NULL));
              g_assert_cmpmem (tmpl_base + 1, keep - 1, name, keep - 1);
            }

          faults_reset ();
          faults.tmpfile_errno = tmpfile_faults[t];
          g_assert_true (epi_file_write_atomic (path, "long", 4, EPI_FILE_PRIVATE, FALSE, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (epi_file_write_atomic (path, "longer", 6, EPI_FILE_SHARED, TRUE, NULL, &error));
          g_assert_no_error (error);
          assert_contents (path, "longer");
          g_assert_cmpuint (test_count_dir (dir), ==, 1);
          g_unlink (path);
        }
    }

  /* A name with room to spare is kept whole. */
  {
    g_autofree char *short_path = g_build_filename (dir, "horse.png", NULL);
    g_autofree char *tmpl = epi_file_temp_template (short_path, ".epicrypt-part");
    g_autofree char *expected = g_build_filename (dir, ".horse.png.XXXXXX.epicrypt-part", NULL);

    g_assert_cmpstr (tmpl, ==, expected);
  }

  test_tmpdir_remove (dir);
}

/* Where O_TMPFILE works, the file has no name at all until it takes the
 * real one: the folder is empty up to that moment, and a crash would
 * leave nothing. */
static void
test_unnamed_until_published (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.png", NULL);
  g_autoptr(GError) error = NULL;

  if (!tmpfile_works (dir))
    {
      g_test_skip ("the temporary folder's filesystem makes no O_TMPFILE files");
      test_tmpdir_remove (dir);
      return;
    }

  faults_reset ();
  faults.watch_dir = dir;
  g_assert_true (epi_file_write_atomic (path, "secret", 6, EPI_FILE_PRIVATE, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults.n_tmpfile, ==, 1);
  g_assert_true (faults.proc_link_seen);
  g_assert_cmpuint (faults.n_link, ==, 0);
  g_assert_cmpuint (faults.max_entries_at_publish, ==, 0);

  /* Written and given its mode while still unnamed, owner-only from the
   * start. */
  g_assert_cmpuint (faults.n_fchmod, ==, 1);
  g_assert_cmpuint (faults.links_before_fchmod, ==, 0);
  g_assert_cmpuint (faults.mode_before_fchmod, ==, 0600);
  g_assert_cmpuint (faults.mode_at_publish, ==, 0600);

  assert_contents (path, "secret");
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  /* Replacing goes through a hidden name, gone once done. */
  faults.watch_dir = NULL;
  g_assert_true (epi_file_write_atomic (path, "secret2", 7, EPI_FILE_PRIVATE, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "secret2");
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  faults_reset ();
  test_tmpdir_remove (dir);
}

/* Where O_TMPFILE fails, whatever the reason a kernel or filesystem
 * gives, the named temporary is owner-only from its creation on. */
static void
test_named_fallback_private (void)
{
  const int refusals[] = { EOPNOTSUPP, EISDIR, EINVAL };
  const EpiFileAccess accesses[] = { EPI_FILE_PRIVATE, EPI_FILE_SHARED };
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    for (guint a = 0; a < G_N_ELEMENTS (accesses); a++)
      {
        g_autoptr(GError) error = NULL;

        faults_reset ();
        faults.tmpfile_errno = refusals[i];
        faults.watch_dir = dir;
        g_assert_true (epi_file_write_atomic (path, "secret", 6, accesses[a], FALSE, NULL, &error));
        g_assert_no_error (error);

        g_assert_cmpuint (faults.n_tmpfile, ==, 1);
        g_assert_cmpuint (faults.n_fchmod, ==, 1);
        g_assert_cmpuint (faults.links_before_fchmod, ==, 1);
        g_assert_cmpuint (faults.mode_before_fchmod, ==, 0600);
        /* The hidden temporary, alone, when the link is made. */
        g_assert_cmpuint (faults.max_entries_at_publish, ==, 1);
        if (accesses[a] == EPI_FILE_PRIVATE)
          test_assert_mode (path, 0600);
        test_assert_mode (path, faults.mode_asked);

        assert_contents (path, "secret");
        g_assert_cmpuint (test_count_dir (dir), ==, 1);
        g_unlink (path);
      }

  faults_reset ();
  test_tmpdir_remove (dir);
}

/* A small picture with a few strokes to seal. */
static char *
draw_picture (const char *dir)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 90);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (dir, "picture.png", NULL);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 3);
  cairo_arc (cr, 45, 45, 25, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_rectangle (cr, 70, 20, 30, 40);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* Modes under the umask the test path names, in a process of its own
 * since the umask is read once. A sealed file is shared like any new
 * file; a decrypted drawing, which is the secret, is the owner's only. */
static void
test_modes (gconstpointer data)
{
  mode_t mask = (mode_t) GPOINTER_TO_UINT (data);
  const int tmpfile_faults[] = { 0, EOPNOTSUPP };
  g_autofree char *dir = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *drawing = NULL;
  g_autofree char *written = NULL;
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GError) error = NULL;
  EpiEncodeSettings settings;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  umask (mask);
  dir = test_tmpdir_new ();

  for (guint t = 0; t < G_N_ELEMENTS (tmpfile_faults); t++)
    for (int overwrite = 0; overwrite < 2; overwrite++)
      {
        g_autofree char *private_path = g_build_filename (dir, "private", NULL);
        g_autofree char *shared_path = g_build_filename (dir, "shared", NULL);

        faults_reset ();
        faults.tmpfile_errno = tmpfile_faults[t];
        if (overwrite)
          {
            test_write_file (private_path, "old", 3);
            test_write_file (shared_path, "old", 3);
            g_chmod (private_path, 0666);
          }

        g_assert_true (epi_file_write_atomic (private_path, "p", 1, EPI_FILE_PRIVATE, overwrite, NULL, &error));
        g_assert_no_error (error);
        test_assert_mode (private_path, 0600);
        g_assert_cmpuint (faults.mode_at_publish, ==, 0600);

        g_assert_true (epi_file_write_atomic (shared_path, "s", 1, EPI_FILE_SHARED, overwrite, NULL, &error));
        g_assert_no_error (error);
        test_assert_mode (shared_path, 0666 & ~mask);
        g_assert_cmpuint (faults.mode_at_publish, ==, 0666 & ~mask);

        g_unlink (private_path);
        g_unlink (shared_path);
      }
  faults_reset ();

  picture = draw_picture (dir);
  sealed = g_strconcat (picture, ".epicrypt", NULL);
  drawing = g_build_filename (dir, "unused.drawing.png", NULL);
  secret = epi_secret_new ("modes", 5, &error);
  g_assert_no_error (error);
  ring = epi_keyring_new (secret, EPI_KDF_MINIMAL);
  epi_encode_settings_init (&settings);

  g_assert_true (epi_pipeline_encrypt (picture, sealed, &settings, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  test_assert_mode (sealed, 0666 & ~mask);

  g_assert_true (epi_pipeline_decrypt (sealed, drawing, ring, 64, FALSE, NULL, NULL, NULL, NULL, NULL,
                                       &written, &error));
  g_assert_no_error (error);
  test_assert_mode (written, 0600);

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
  g_test_add_func ("/Epi/File/no-hard-links", test_no_hard_links);
  g_test_add_func ("/Epi/File/no-rename-noreplace", test_no_rename_noreplace);
  g_test_add_func ("/Epi/File/long-names", test_long_names);
  g_test_add_func ("/Epi/File/unnamed-until-published", test_unnamed_until_published);
  g_test_add_func ("/Epi/File/named-fallback-private", test_named_fallback_private);
  g_test_add_data_func ("/Epi/File/modes/umask-022", GUINT_TO_POINTER (022), test_modes);
  g_test_add_data_func ("/Epi/File/modes/umask-077", GUINT_TO_POINTER (077), test_modes);
  g_test_add_func ("/Epi/File/read-refusals", test_read_refusals);

  return g_test_run ();
}
