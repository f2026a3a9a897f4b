/* epi-cli-password.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where epicrypt-cli gets its password: the first line of a password
 * file or pipe, the environment, or the terminal without echo. Never the
 * command line, where other users could read it. Every copy lives in
 * libsodium's guarded memory and is wiped. A new password is rated, and
 * a weak one warned about; or a strong passphrase is made and shown once.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "epi-cli-password.h"

/* Guarded memory for @size bytes, or NULL with an error. While it is
 * held, the process is not dumpable. */
static guint8 *
guarded_buffer (gsize    size,
                GError **error)
{
  guint8 *buffer;

  if (!epi_sodium_init (error))
    return NULL;

  buffer = epi_guarded_alloc (size);
  if (buffer == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("no guarded memory left for the password"));
      return NULL;
    }
  epi_dump_guard_hold ();
  return buffer;
}

/* Wipes and frees what guarded_buffer() gave. */
static void
release_buffer (guint8 *buffer)
{
  epi_guarded_free (buffer);
  epi_dump_guard_release ();
}

/* The terminal at the prompt --------------------------------------------- */

/* What a signal handler needs to give the terminal its echo back, and
 * to take it away again. Only set while a prompt waits, on the main
 * thread. */
static int prompt_tty = -1;
static struct termios prompt_saved;
static struct termios prompt_quiet;
static const char *prompt_text;

/* The longest line a terminal in canonical mode takes, newline included
 * (Linux's N_TTY_BUF_SIZE less one). */
#define TERMINAL_LINE_MAX 4095

static const int prompt_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };

/* Ctrl-C, Ctrl-\ or a kill at the prompt: echo comes back on, then the
 * signal does what it would have done. Only async-signal-safe calls. */
static void
on_prompt_signal (int signo)
{
  int saved_errno = errno;

  tcsetattr (prompt_tty, TCSAFLUSH, &prompt_saved);
  if (write (prompt_tty, "\n", 1) < 0)
    { /* The line break is cosmetic. */ }
  errno = saved_errno;
  /* SA_RESETHAND put the default action back; SA_NODEFER lets it act. */
  raise (signo);
}

/* Ctrl-Z at the prompt: echo comes back on while the program is stopped
 * (the shell is the user's again), and goes off once it is continued,
 * the prompt shown anew. Only async-signal-safe calls. */
static void
on_prompt_suspend (int signo)
{
  int saved_errno = errno;
  struct sigaction suspend = { 0 }, own;
  sigset_t unblock;

  tcsetattr (prompt_tty, TCSAFLUSH, &prompt_saved);
  suspend.sa_handler = SIG_DFL;
  sigemptyset (&suspend.sa_mask);
  sigaction (SIGTSTP, &suspend, &own);
  sigemptyset (&unblock);
  sigaddset (&unblock, SIGTSTP);
  pthread_sigmask (SIG_UNBLOCK, &unblock, NULL);
  raise (SIGTSTP);

  /* Continued. */
  sigaction (SIGTSTP, &own, NULL);
  tcsetattr (prompt_tty, TCSAFLUSH, &prompt_quiet);
  if (write (prompt_tty, prompt_text, strlen (prompt_text)) < 0)
    { /* The prompt is a courtesy. */ }
  errno = saved_errno;
}

/* Reads one line from the terminal with echo off, straight into guarded
 * memory, so the password never sits in an ordinary buffer. Echo is
 * turned back on however the prompt ends. */
static EpiSecret *
ask_terminal (int          tty,
              const char  *prompt,
              GError     **error)
{
  struct sigaction old_actions[G_N_ELEMENTS (prompt_signals)];
  gboolean restore = FALSE;
  guint8 *buffer;
  gsize length = 0;
  EpiSecret *secret;

  buffer = guarded_buffer (EPI_MAX_PASSWORD_BYTES + 1, error);
  if (buffer == NULL)
    return NULL;

  if (write (tty, prompt, strlen (prompt)) < 0)
    { /* The prompt is a courtesy; reading still works without it. */ }

  if (tcgetattr (tty, &prompt_saved) == 0)
    {
      struct sigaction action = { 0 };

      prompt_tty = tty;
      prompt_text = prompt;
      prompt_quiet = prompt_saved;
      prompt_quiet.c_lflag &= ~(tcflag_t) ECHO;
      prompt_quiet.c_lflag |= ECHONL;

      sigemptyset (&action.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (prompt_signals); i++)
        {
          gboolean suspend = prompt_signals[i] == SIGTSTP;

          action.sa_handler = suspend ? on_prompt_suspend : on_prompt_signal;
          action.sa_flags = suspend ? SA_RESTART : SA_RESETHAND | SA_NODEFER;
          sigaction (prompt_signals[i], &action, &old_actions[i]);
        }

      restore = tcsetattr (tty, TCSAFLUSH, &prompt_quiet) == 0;
    }

  for (;;)
    {
      char c;
      ssize_t n = read (tty, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n' || c == '\r')
        break;
      if (length < EPI_MAX_PASSWORD_BYTES + 1)
        buffer[length++] = (guint8) c;
    }

  if (prompt_tty >= 0)
    {
      if (restore)
        tcsetattr (tty, TCSAFLUSH, &prompt_saved);
      for (guint i = 0; i < G_N_ELEMENTS (prompt_signals); i++)
        sigaction (prompt_signals[i], &old_actions[i], NULL);
      prompt_tty = -1;
    }

  /* A terminal cuts a line at 4095 characters without a word: a
   * password that long may not be the one that was typed. */
  if (length >= TERMINAL_LINE_MAX)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("the password is too long to be typed (at most %d characters on a terminal); "
                     "use --password-file"), TERMINAL_LINE_MAX - 1);
      secret = NULL;
    }
  else
    secret = epi_secret_new (buffer, length, error);
  release_buffer (buffer);

  return secret;
}

/* Password files and pipes ------------------------------------------------ */

/* The password in a file's contents: its first line, without a UTF-8
 * byte-order mark (Windows Notepad writes one) or a CR before the line
 * break. Later lines are left alone, as in pass(1), where they hold
 * notes. */
static EpiSecret *
first_line (const guint8  *data,
            gsize          length,
            GError       **error)
{
  const guint8 *end;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  end = memchr (data, '\n', length);
  if (end != NULL)
    length = (gsize) (end - data);
  if (length > 0 && data[length - 1] == '\r')
    length--;

  if (length == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                           _("its first line is empty"));
      return NULL;
    }

  return epi_secret_new (data, length, error);
}

/* Opens @path for the password: a regular file, a pipe (/dev/stdin,
 * <(pass show …), a named pipe) or a socket. A terminal is refused,
 * since it would echo; leaving out --password-file asks without echo. */
static int
open_password_source (const char  *path,
                      struct stat *st,
                      GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

  if (fd < 0)
    {
      epi_file_set_errno_error (error, errno, _("cannot open"));
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      epi_file_set_errno_error (error, errno, _("cannot read"));
      close (fd);
      return -1;
    }

  if (S_ISDIR (st->st_mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                         _("is a directory, not a file"));
  else if (isatty (fd))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                         _("is a terminal; leave out --password-file to be asked without echo"));
  else if (S_ISBLK (st->st_mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                         _("is a disk device, not a file or a pipe"));
  else if (S_ISREG (st->st_mode) && st->st_size > EPI_PASSWORD_FILE_MAX)
    g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                 _("is larger than %d KiB; a password file holds the password on its first line"),
                 EPI_PASSWORD_FILE_MAX / 1024);
  else
    return fd;

  close (fd);
  return -1;
}

/**
 * epi_cli_read_password_file:
 * @path: a regular file, a pipe or a socket
 * @error: return location for an error
 *
 * The password on the first line of @path (see first_line()). Pipes are
 * read to their end, so the writer never sees a broken pipe, up to
 * %EPI_PASSWORD_FILE_MAX bytes. Blocks until a named pipe has a writer.
 *
 * Returns: (transfer full): the password, or %NULL with an error that
 *   does not name @path
 */
EpiSecret *
epi_cli_read_password_file (const char  *path,
                            GError     **error)
{
  struct stat st;
  guint8 *buffer;
  gsize length = 0;
  EpiSecret *secret = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = open_password_source (path, &st, error);
  if (fd < 0)
    return NULL;

  buffer = guarded_buffer (EPI_PASSWORD_FILE_MAX + 1, error);
  if (buffer == NULL)
    {
      close (fd);
      return NULL;
    }

  for (;;)
    {
      ssize_t n = read (fd, buffer + length, EPI_PASSWORD_FILE_MAX + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          epi_file_set_errno_error (error, errno, _("cannot read"));
          goto out;
        }
      if (n == 0)
        break;
      length += (gsize) n;
      if (length > EPI_PASSWORD_FILE_MAX)
        {
          g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                       _("is larger than %d KiB; a password file holds the password on its first line"),
                       EPI_PASSWORD_FILE_MAX / 1024);
          goto out;
        }
    }

  secret = first_line (buffer, length, error);

out:
  close (fd);
  release_buffer (buffer);
  return secret;
}

/**
 * epi_cli_get_password:
 * @password_file: (nullable): a file or pipe to read it from
 * @confirm: ask twice on the terminal, for a new password
 * @error: return location for an error
 *
 * The password, from @password_file, from $EPICRYPT_PASSWORD (which is
 * then wiped and unset, so it leaves /proc/self/environ and never reaches
 * a child) or from the terminal, in that order. Main thread only: the
 * prompt handles signals.
 *
 * Returns: (transfer full): the password, or %NULL with an error
 */
EpiSecret *
epi_cli_get_password (const char  *password_file,
                      gboolean     confirm,
                      GError     **error)
{
  const char *from_env;
  EpiSecret *secret;
  int tty;

  if (password_file != NULL)
    {
      secret = epi_cli_read_password_file (password_file, error);
      if (secret == NULL)
        g_prefix_error (error, _("password file %s: "), password_file);
      return secret;
    }

  from_env = g_getenv (EPI_PASSWORD_ENV);
  if (from_env != NULL)
    {
      secret = epi_secret_new (from_env, strlen (from_env), error);
      sodium_memzero ((char *) from_env, strlen (from_env));
      g_unsetenv (EPI_PASSWORD_ENV);
      if (secret == NULL)
        g_prefix_error (error, "%s: ", EPI_PASSWORD_ENV);
      return secret;
    }

  tty = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (tty < 0)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("no password: there is no terminal to ask on; use --password-file FILE or set %s"),
                   EPI_PASSWORD_ENV);
      return NULL;
    }

  secret = ask_terminal (tty, _("Password: "), error);
  if (secret != NULL && confirm)
    {
      g_autoptr(EpiSecret) again = ask_terminal (tty, _("Password again: "), error);

      if (again == NULL)
        g_clear_pointer (&secret, epi_secret_unref);
      else if (!epi_secret_equal (secret, again))
        {
          g_set_error_literal (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                               _("the two passwords differ"));
          g_clear_pointer (&secret, epi_secret_unref);
        }
    }
  close (tty);

  return secret;
}

/* New passwords ------------------------------------------------------------ */

/* Whether @fd is /dev/null, where a passphrase shown would be lost. */
static gboolean
is_dev_null (int fd)
{
  struct stat st, null_st;

  return fstat (fd, &st) == 0 && stat ("/dev/null", &null_st) == 0 &&
         S_ISCHR (st.st_mode) && st.st_rdev == null_st.st_rdev;
}

/**
 * epi_cli_check_generate_password:
 * @password_file: (nullable): the --password-file given, if any
 * @error: return location for an error
 *
 * Whether --generate-password may be used: a passphrase is made instead
 * of reading one, so neither a password file nor $EPICRYPT_PASSWORD may
 * be given too, and standard error, where the passphrase is shown, must
 * not be thrown away. Call it before any work starts.
 *
 * Returns: %TRUE, or %FALSE with a %G_OPTION_ERROR_FAILED error that
 *   says what is in the way
 */
gboolean
epi_cli_check_generate_password (const char  *password_file,
                                 GError     **error)
{
  if (password_file != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--generate-password makes the password: leave out --password-file"));
      return FALSE;
    }
  if (g_getenv (EPI_PASSWORD_ENV) != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--generate-password makes the password: unset %s"), EPI_PASSWORD_ENV);
      return FALSE;
    }
  if (is_dev_null (STDERR_FILENO))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--generate-password shows the passphrase on standard error, "
                             "which goes to /dev/null"));
      return FALSE;
    }
  return TRUE;
}

/* Shows @secret once on standard error, on a line of its own so that it
 * is easy to copy, and so that standard output keeps only the results.
 * It is written straight from guarded memory, not through stdio. A
 * passphrase that could not be shown must not seal anything. */
static gboolean
show_generated (EpiSecret  *secret,
                GError    **error)
{
  const guint8 *data;
  gsize length;

  data = epi_secret_get (secret, &length);
  g_printerr ("%s\n", _("epicrypt-cli: sealing with this generated passphrase; "
                        "note it down, it is not shown again:"));
  fflush (stderr);
  return epi_file_write_all (STDERR_FILENO, data, length, _("cannot show the generated passphrase"), error) &&
         epi_file_write_all (STDERR_FILENO, "\n", 1, _("cannot show the generated passphrase"), error);
}

/* Says on standard error why @secret is weak, if it is below
 * EPI_PASSWORD_LEVEL_ENOUGH. A warning, not an
 * error: the person may have their reasons, and a script its own
 * checks. The reason never holds the password. */
static void
warn_if_weak (EpiSecret *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiPasswordQuality) quality = epi_password_quality_check (secret, &error);

  if (quality == NULL)
    g_printerr (_("epicrypt-cli: warning: cannot rate the password: %s\n"), error->message);
  else if (quality->level < EPI_PASSWORD_LEVEL_ENOUGH)
    g_printerr (_("epicrypt-cli: warning: the password is weak: %s "
                  "(--generate-password makes a strong one)\n"), quality->message);
}

/**
 * epi_cli_get_new_password:
 * @password_file: (nullable): a file or pipe to read it from
 * @generate: make a strong passphrase instead (see
 *   epi_cli_check_generate_password())
 * @error: return location for an error
 *
 * A password to seal with. With @generate, a new passphrase, shown once
 * on standard error. Otherwise as epi_cli_get_password() asks (twice on
 * a terminal), with a warning on standard error naming why the password
 * is weak, if it is. Main thread only.
 *
 * Returns: (transfer full): the password, or %NULL with an error
 */
EpiSecret *
epi_cli_get_new_password (const char  *password_file,
                          gboolean     generate,
                          GError     **error)
{
  EpiSecret *secret;

  if (generate)
    {
      secret = epi_passphrase_generate (error);
      if (secret != NULL && !show_generated (secret, error))
        g_clear_pointer (&secret, epi_secret_unref);
      return secret;
    }

  secret = epi_cli_get_password (password_file, TRUE, error);
  if (secret != NULL)
    warn_if_weak (secret);
  return secret;
}
