/* epi-cli-loop.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses scripts can rely on. */
enum
{
  EXIT_ALL_DONE = 0,
  EXIT_SOME_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130, /* stopped by Ctrl-C or SIGTERM */
};

/* Asked once, on the first stop signal, to stop the work cleanly. */
typedef void (*EpiCliStopFunc) (gpointer data);

/* A main loop that turns Ctrl-C, a kill and a closed terminal into one
 * call of its stop function. Lives on the caller's stack. */
typedef struct
{
  GMainLoop      *loop;         /* owned */
  guint           watches[3];   /* sources of the stop signals */
  EpiCliStopFunc  stop;
  gpointer        data;         /* unowned; for @stop */
  gboolean        interrupted;  /* a stop signal came */
} EpiCliLoop;

void epi_cli_loop_init        (EpiCliLoop     *self,
                               EpiCliStopFunc  stop,
                               gpointer        data);
void epi_cli_loop_run         (EpiCliLoop     *self);
void epi_cli_loop_quit        (EpiCliLoop     *self);
void epi_cli_loop_clear       (EpiCliLoop     *self);
int  epi_cli_loop_exit_status (EpiCliLoop     *self,
                               gboolean        failed);

G_END_DECLS
