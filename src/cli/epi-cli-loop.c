/* epi-cli-loop.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run loop every long command shares: a GLib main loop, the stop
 * signals that end it cleanly, and the exit status the run ends with.
 */

#include "config.h"

#include <signal.h>

#include <glib-unix.h>

#include "epi-cli-loop.h"

/* Ctrl-C, a kill and a closed terminal all stop a run the same way:
 * cleanly, leaving nothing partial behind. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

G_STATIC_ASSERT (G_N_ELEMENTS (stop_signals) == G_N_ELEMENTS (((EpiCliLoop *) NULL)->watches));

static gboolean
on_stop_signal (gpointer user_data)
{
  EpiCliLoop *self = user_data;

  if (!self->interrupted)
    {
      self->interrupted = TRUE;
      self->stop (self->data);
    }
  return G_SOURCE_CONTINUE;
}

/* Makes the loop and watches the stop signals from now on, before any
 * work starts: @stop is called with @data on the first of them. */
void
epi_cli_loop_init (EpiCliLoop     *self,
                   EpiCliStopFunc  stop,
                   gpointer        data)
{
  g_assert (stop != NULL);

  *self = (EpiCliLoop) { 0 };
  self->loop = g_main_loop_new (NULL, FALSE);
  self->stop = stop;
  self->data = data;
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    self->watches[i] = g_unix_signal_add (stop_signals[i], on_stop_signal, self);
}

/* Runs until epi_cli_loop_quit(). */
void
epi_cli_loop_run (EpiCliLoop *self)
{
  g_main_loop_run (self->loop);
}

void
epi_cli_loop_quit (EpiCliLoop *self)
{
  g_main_loop_quit (self->loop);
}

/* Stops watching the signals and frees the loop; the interrupted flag
 * stays for epi_cli_loop_exit_status(). */
void
epi_cli_loop_clear (EpiCliLoop *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    g_clear_handle_id (&self->watches[i], g_source_remove);
  g_clear_pointer (&self->loop, g_main_loop_unref);
}

/* The exit status of a run that was stopped by a signal, or that had
 * @failed work otherwise. */
int
epi_cli_loop_exit_status (EpiCliLoop *self,
                          gboolean    failed)
{
  if (self->interrupted)
    return EXIT_INTERRUPTED;
  return failed ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
