/* epi-cli-progress.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-core.h"

G_BEGIN_DECLS

/* Where a batch stands, for the terminal, read from its tasks. Touched
 * only on the main thread. */
typedef struct
{
  GPtrArray    *tasks;        /* owned; EpiBatchTask references, in the order given */
  GPtrArray    *names;        /* owned; display name of each task, in the same order */
  EpiTaskKind   kind;
  guint         n_tasks;
  guint         workers;      /* files worked on at once, the most shown */
  guint         n_done;
  guint         n_failed;
  guint         n_cancelled;
  gboolean      live;         /* redraw a live display on a terminal */
  gboolean      events;       /* write plain one-line events instead */
  guint         drawn_lines;  /* lines of the live display on screen */
  gboolean      dirty;
  gint64        started;
  guint         redraw;       /* source redrawing the live display */
} EpiCliProgress;

EpiCliProgress *epi_cli_progress_new         (GPtrArray      *tasks,
                                              guint           workers,
                                              gboolean        quiet);
void            epi_cli_progress_free        (EpiCliProgress *self);
void            epi_cli_progress_finished    (EpiCliProgress *self,
                                              EpiTaskState    state);
void            epi_cli_progress_clear       (EpiCliProgress *self);
void            epi_cli_progress_show_frames (guint           frame,
                                              guint           n_frames);
void            epi_cli_progress_end_frames  (void);

G_END_DECLS
