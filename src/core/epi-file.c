/* epi-file.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading inputs with clear errors, and writing outputs so that a crash,
 * a cancel or a full disk never leaves a partial file behind.
 *
 * What epi_file_write_atomic() promises:
 *
 * - Nothing partial under the real name. The bytes are written, given
 *   their final mode and flushed to disk before the file takes its name,
 *   in one step.
 * - Nothing existing is replaced unless asked. Without @overwrite the
 *   name is taken by a call that fails when the name exists (a hard
 *   link, renameat2() with RENAME_NOREPLACE, or an exclusive create),
 *   never by a check followed by a rename.
 * - Modes. EPI_FILE_PRIVATE files are 0600 from their creation on, so a
 *   decrypted drawing is never readable by others, not even while it is
 *   written. EPI_FILE_SHARED files end 0666 less the process's umask,
 *   as any new file would (the umask is read once, from /proc, since
 *   umask() cannot be read safely beside other threads; 022 without
 *   /proc). The final mode is set before the file takes its name. On
 *   filesystems that keep no Unix modes (FAT, exFAT, many network
 *   shares) the mount options decide instead.
 * - Where the filesystem can (O_TMPFILE: ext4, XFS, Btrfs, tmpfs), the
 *   file is written without a name and linked in once whole, so a crash
 *   leaves nothing behind. Replacing links it to a hidden name, then
 *   renames that over the old file. Elsewhere the file is written under
 *   a hidden name beside the output, ".NAME.XXXXXX.epicrypt-part", which
 *   a crash may leave behind.
 * - Hidden names fit wherever the output's name fits: NAME is shortened,
 *   on a character boundary, to keep the whole within 255 bytes.
 * - Filesystems without hard links (FAT, exFAT, some network shares)
 *   publish with renameat2() and RENAME_NOREPLACE instead; where that is
 *   missing too, an empty placeholder is created exclusively under the
 *   real name and the finished file renamed over it. An empty file may
 *   then show for an instant (or stay after a crash), never a partial
 *   one.
 */

#include "config.h"

#include "epi-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-error.h"
#include "epi-file.h"
#include "epi-names.h"

/**
 * epi_file_set_errno_error:
 * @error: return location for the error
 * @saved_errno: the errno of the call that failed
 * @what: what failed, translated ("cannot open")
 *
 * Sets a %G_IO_ERROR "WHAT: REASON" from @saved_errno.
 *
 * Returns: %FALSE, to return in one line
 */
gboolean
epi_file_set_errno_error (GError     **error,
                          int          saved_errno,
                          const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: %s"), what, g_strerror (saved_errno));
  return FALSE;
}

/**
 * epi_file_check_stat:
 * @st: what stat() or fstat() said of a file
 * @max_bytes: the largest size accepted, or 0 for any
 * @error: return location for an error that does not name the file
 *
 * Refuses, with the words every reader here uses, what is not a regular
 * file (a directory, a device, a pipe) or is larger than @max_bytes.
 *
 * Returns: whether the file may be read; FALSE with
 *   G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_REGULAR_FILE or
 *   EPI_ERROR_TOO_LARGE
 */
gboolean
epi_file_check_stat (const struct stat  *st,
                     gsize               max_bytes,
                     GError            **error)
{
  if (S_ISDIR (st->st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("is a directory, not a file"));
      return FALSE;
    }

  if (!S_ISREG (st->st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("is not a regular file"));
      return FALSE;
    }

  if (max_bytes > 0 && (guint64) st->st_size > max_bytes)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("file is too large (%llu bytes, at most %zu)"),
                   (unsigned long long) st->st_size, max_bytes);
      return FALSE;
    }

  return TRUE;
}

/* Reads a whole regular file, refusing directories, devices and files
 * larger than @max_bytes (0: any size) before reading them. Any thread.
 * Returns: (transfer full): the bytes; or NULL with a G_IO_ERROR from
 * opening or reading, G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_REGULAR_FILE
 * or EPI_ERROR_TOO_LARGE (also when it grows while read). The message
 * does not name @path. */
GBytes *
epi_file_read (const char  *path,
               gsize        max_bytes,
               GError     **error)
{
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_NONBLOCK: a named pipe without a writer is refused below instead
   * of holding the open; regular files ignore the flag. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      epi_file_set_errno_error (error, errno, _("cannot open"));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      epi_file_set_errno_error (error, errno, _("cannot read"));
      close (fd);
      return NULL;
    }

  if (!epi_file_check_stat (&st, max_bytes, error))
    {
      close (fd);
      return NULL;
    }

  /* Read to end of file rather than trusting st_size, which may change
   * under us; stop one byte past the cap to notice growth. */
  data = g_malloc ((gsize) st.st_size + 1);
  for (;;)
    {
      gsize capacity = (gsize) st.st_size + 1;
      gssize n;

      if (length == capacity)
        {
          g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                       _("file changed size while being read"));
          close (fd);
          return NULL;
        }

      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          epi_file_set_errno_error (error, errno, _("cannot read"));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }

  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* Fails early, before any work, when @path exists and may not be
 * replaced (G_IO_ERROR_EXISTS), or is a folder (G_IO_ERROR_IS_DIRECTORY,
 * even with @overwrite). The final link in epi_file_write_atomic() still
 * guards the race where the file appears meanwhile. Any thread. */
gboolean
epi_file_check_free (const char  *path,
                     gboolean     overwrite,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("output already exists (use --force to replace it)"));
      return FALSE;
    }

  if (overwrite && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("output is a directory"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_exists_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("output already exists (use --force to replace it)"));
  return FALSE;
}

/* The process's umask, read once. umask() can only be read by setting
 * it, which races with other threads creating files; the kernel shows
 * it in /proc instead. */
static mode_t
process_umask (void)
{
  static gsize cached = 0;

  if (g_once_init_enter (&cached))
    {
      g_autofree char *status = NULL;
      guint64 mask = 022;

      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
        {
          const char *line = strstr (status, "\nUmask:");

          if (line != NULL)
            {
              const char *start = line + strlen ("\nUmask:");
              char *end = NULL;
              guint64 value;

              while (*start == ' ' || *start == '\t')
                start++;
              value = g_ascii_strtoull (start, &end, 8);
              if (end != start && value <= 0777)
                mask = value;
            }
        }

      /* Stored plus one, since zero means "not yet" and 0 is a umask. */
      g_once_init_leave (&cached, (gsize) mask + 1);
    }

  return (mode_t) (cached - 1);
}

static mode_t
mode_for_access (EpiFileAccess access)
{
  return access == EPI_FILE_PRIVATE ? 0600 : 0666 & ~process_umask ();
}

#define TEMP_SUFFIX ".epicrypt-part"
#define TEMP_RANDOM "XXXXXX"

/* A hidden name beside @path for a temporary, "DIR/.NAME.XXXXXX@suffix",
 * with XXXXXX to fill in. NAME is cut short, before a character rather
 * than inside one, so the name fits in NAME_MAX bytes whenever @path's
 * own name does. */
char *
epi_file_temp_template (const char *path,
                        const char *suffix)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  gsize room;
  gsize keep;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (suffix != NULL && strlen (suffix) < 64, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  room = NAME_MAX - strlen (".") - strlen ("." TEMP_RANDOM) - strlen (suffix);
  keep = strlen (base);
  if (keep > room)
    keep = epi_name_cut (base, room);

  return g_strdup_printf ("%s/.%.*s." TEMP_RANDOM "%s", dir, (int) keep, base, suffix);
}

/* Fills in the XXXXXX just before the last @suffix_length bytes. */
static void
fill_template (char  *tmpl,
               gsize  suffix_length)
{
  static const char letters[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *x = tmpl + strlen (tmpl) - suffix_length - strlen (TEMP_RANDOM);

  for (gsize i = 0; i < strlen (TEMP_RANDOM); i++)
    x[i] = letters[g_random_int_range (0, sizeof letters - 1)];
}

/* Moves @from (a file or a folder) to @to unless @to exists, atomically
 * where the filesystem allows. Any thread.
 * Returns: whether it moved; FALSE with G_IO_ERROR_EXISTS, or a
 * G_IO_ERROR from the file system. */
gboolean
epi_file_rename_noreplace (const char  *from,
                           const char  *to,
                           GError     **error)
{
  struct stat st;
  gboolean is_dir;
  int saved_errno;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;

  saved_errno = errno;
  if (saved_errno == EEXIST)
    return set_exists_error (error);
  if (saved_errno != EINVAL && saved_errno != ENOSYS && saved_errno != EOPNOTSUPP)
    return epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));

  /* No such rename here (an old kernel, some network shares): claim the
   * name with an empty placeholder, whose creation fails if the name is
   * taken, then rename over our own placeholder. */
  if (lstat (from, &st) != 0)
    return epi_file_set_errno_error (error, errno, _("cannot move output into place"));
  is_dir = S_ISDIR (st.st_mode);

  if (is_dir)
    {
      if (mkdir (to, 0700) != 0)
        {
          saved_errno = errno;
          if (saved_errno == EEXIST)
            return set_exists_error (error);
          return epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));
        }
    }
  else
    {
      int fd = open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          saved_errno = errno;
          if (saved_errno == EEXIST)
            return set_exists_error (error);
          return epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));
        }
      close (fd);
    }

  if (g_rename (from, to) != 0)
    {
      saved_errno = errno;
      if (is_dir)
        g_rmdir (to);
      else
        g_unlink (to);
      return epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));
    }

  return TRUE;
}

/**
 * epi_file_write_all:
 * @fd: an open file descriptor
 * @data: (array length=length): the bytes
 * @what: what failed, for the message ("cannot write output")
 * @error: the errno error of epi_file_set_errno_error(), with @what
 *
 * Writes all of @data, again after interrupted and short writes. A write
 * that takes nothing (a full pipe closed, a device at its end) is EIO.
 * Any thread.
 *
 * Returns: whether everything was written
 */
gboolean
epi_file_write_all (int          fd,
                    const void  *data,
                    gsize        length,
                    const char  *what,
                    GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return epi_file_set_errno_error (error, n < 0 ? errno : EIO, what);

      p += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/* Writes the bytes, sets the final mode and flushes both to disk: the
 * file is then ready to take its name. Filesystems that keep no modes
 * refuse fchmod(); there the mount decides, and that is no failure. */
static gboolean
fill_file (int           fd,
           const guint8 *data,
           gsize         length,
           mode_t        mode,
           GError      **error)
{
  if (!epi_file_write_all (fd, data, length, _("cannot write output"), error))
    return FALSE;

  if (fchmod (fd, mode) != 0 && errno != EPERM && errno != EOPNOTSUPP)
    return epi_file_set_errno_error (error, errno, _("cannot write output"));

  if (fsync (fd) != 0)
    return epi_file_set_errno_error (error, errno, _("cannot write output"));

  return TRUE;
}

/* Makes the rename itself durable; a failure here loses nothing that
 * was not already at risk, so it is not reported. */
static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* An unnamed file in @dir, or -1. */
static int
open_unnamed (const char *dir)
{
#ifdef O_TMPFILE
  return open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
  errno = EOPNOTSUPP;
  return -1;
#endif
}

typedef enum
{
  PUBLISHED,
  FAILED,       /* the error is set */
  UNSUPPORTED,  /* no error: the named way may still work */
} Publish;

/* Gives the unnamed file @fd the name @path. Linking through /proc is
 * the one way to name it; without /proc or hard links the caller
 * writes a named temporary instead. */
static Publish
publish_unnamed (int          fd,
                 const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autofree char *tmp_path = NULL;
  char proc_path[64];
  int saved_errno;
  int attempt;

  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);

  /* linkat() fails when the name exists, in the same step. */
  if (!overwrite)
    {
      if (linkat (AT_FDCWD, proc_path, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
        return PUBLISHED;
      if (errno == EEXIST)
        {
          set_exists_error (error);
          return FAILED;
        }
      return UNSUPPORTED;
    }

  /* rename() needs a name to move: a hidden one, for an instant. */
  tmp_path = epi_file_temp_template (path, TEMP_SUFFIX);
  for (attempt = 0; attempt < 100; attempt++)
    {
      fill_template (tmp_path, strlen (TEMP_SUFFIX));
      if (linkat (AT_FDCWD, proc_path, AT_FDCWD, tmp_path, AT_SYMLINK_FOLLOW) == 0)
        break;
      if (errno != EEXIST)
        return UNSUPPORTED;
    }
  if (attempt == 100)
    return UNSUPPORTED;

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));
      return FAILED;
    }

  return PUBLISHED;
}

/* Publishes the named temporary @tmp_path as @path, which must not
 * exist: a hard link where there are hard links, else a rename that
 * refuses to replace. */
static gboolean
publish_named_noreplace (const char  *tmp_path,
                         const char  *path,
                         GError     **error)
{
  int saved_errno;

  if (link (tmp_path, path) == 0)
    {
      g_unlink (tmp_path);
      return TRUE;
    }

  saved_errno = errno;
  if (saved_errno == EEXIST)
    return set_exists_error (error);

  /* What FAT, exFAT and network shares answer for "no hard links". */
  if (saved_errno != EPERM && saved_errno != EOPNOTSUPP && saved_errno != ENOSYS &&
      saved_errno != EINVAL && saved_errno != EMLINK)
    return epi_file_set_errno_error (error, saved_errno, _("cannot move output into place"));

  return epi_file_rename_noreplace (tmp_path, path, error);
}

/* The way for filesystems without unnamed files: a hidden, owner-only
 * temporary beside @path. */
static gboolean
write_named (const char    *path,
             const guint8  *data,
             gsize          length,
             mode_t         mode,
             gboolean       overwrite,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *tmp_path = epi_file_temp_template (path, TEMP_SUFFIX);
  gboolean ok = FALSE;
  int fd;

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return epi_file_set_errno_error (error, errno, _("cannot create output"));

  if (!fill_file (fd, data, length, mode, error))
    goto out;

  if (close (fd) != 0)
    {
      fd = -1;
      epi_file_set_errno_error (error, errno, _("cannot write output"));
      goto out;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (overwrite)
    {
      if (g_rename (tmp_path, path) != 0)
        {
          epi_file_set_errno_error (error, errno, _("cannot move output into place"));
          goto out;
        }
    }
  else if (!publish_named_noreplace (tmp_path, path, error))
    goto out;

  ok = TRUE;

out:
  if (fd >= 0)
    close (fd);
  if (!ok)
    g_unlink (tmp_path);

  return ok;
}

/* Writes @length bytes of @data to @path with the mode @access asks for,
 * as promised at the head of this file: whole or not at all, replacing
 * @path only if @overwrite. Any thread.
 * Returns: whether @path holds @data; FALSE with G_IO_ERROR_EXISTS,
 * G_IO_ERROR_CANCELLED or a G_IO_ERROR from the file system. */
gboolean
epi_file_write_atomic (const char    *path,
                       const void    *data,
                       gsize          length,
                       EpiFileAccess  access,
                       gboolean       overwrite,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  mode_t mode;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (access == EPI_FILE_PRIVATE || access == EPI_FILE_SHARED, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  mode = mode_for_access (access);

  /* Any failure to make an unnamed file (no support in the filesystem
   * or kernel, or a real fault) sends us the named way, which either
   * works or reports the fault itself. */
  fd = open_unnamed (dir);
  if (fd >= 0)
    {
      Publish outcome = FAILED;

      if (fill_file (fd, data, length, mode, error) &&
          !g_cancellable_set_error_if_cancelled (cancellable, error))
        outcome = publish_unnamed (fd, path, overwrite, error);
      close (fd);

      if (outcome == FAILED)
        return FALSE;
      if (outcome == PUBLISHED)
        {
          sync_directory (dir);
          return TRUE;
        }
      g_debug ("cannot link an unnamed file into %s; writing a named temporary", dir);
    }

  if (!write_named (path, data, length, mode, overwrite, cancellable, error))
    return FALSE;

  sync_directory (dir);
  return TRUE;
}
