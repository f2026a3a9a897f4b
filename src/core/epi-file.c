/* epi-file.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading inputs with clear errors, and writing outputs so that a crash,
 * a cancel or a full disk never leaves a partial file behind.
 */

#include "config.h"

#include "epi-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-error.h"
#include "epi-file.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: %s"), what, g_strerror (saved_errno));
  return FALSE;
}

/* Reads a whole regular file, refusing directories, devices and files
 * larger than @max_bytes before reading them. */
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

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("cannot open"));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, _("cannot read"));
      close (fd);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("is a directory, not a file"));
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("is not a regular file"));
      close (fd);
      return NULL;
    }

  if ((guint64) st.st_size > max_bytes)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("file is too large (%llu bytes, at most %zu)"),
                   (unsigned long long) st.st_size, max_bytes);
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
          set_errno_error (error, errno, _("cannot read"));
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
 * replaced. The final link in epi_file_write_atomic() still guards the
 * race where the file appears meanwhile. */
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
write_all (int          fd,
           const guint8 *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, _("cannot write output"));

      data += n;
      length -= (gsize) n;
    }

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

/* Writes @data to a hidden temporary file beside @path, flushes it to
 * disk, then moves it into place. Without @overwrite the move is a
 * hard link, which fails atomically if @path exists. */
gboolean
epi_file_write_atomic (const char    *path,
                       const void    *data,
                       gsize          length,
                       gboolean       overwrite,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX.epicrypt-part", dir, base);

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error, errno, _("cannot create output"));

  if (!write_all (fd, data, length, error))
    goto out;

  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("cannot write output"));
      goto out;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, _("cannot write output"));
      goto out;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (overwrite)
    {
      if (g_rename (tmp_path, path) != 0)
        {
          set_errno_error (error, errno, _("cannot move output into place"));
          goto out;
        }
    }
  else
    {
      if (link (tmp_path, path) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == EEXIST)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                                 _("output already exists (use --force to replace it)"));
          else
            set_errno_error (error, saved_errno, _("cannot move output into place"));
          goto out;
        }
      g_unlink (tmp_path);
    }

  sync_directory (dir);
  ok = TRUE;

out:
  if (fd >= 0)
    close (fd);
  if (!ok)
    g_unlink (tmp_path);

  return ok;
}
