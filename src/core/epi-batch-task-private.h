/* epi-batch-task-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The batch's side of a task: the fields its workers set and the hooks
 * it runs on. Only epi-batch.c and epi-batch-task.c include this.
 */

#pragma once

#include "epi-batch-task.h"
#include "epi-key.h"

G_BEGIN_DECLS

/* Called on the batch's main context after a task's properties have been
 * notified, with no lock held. */
typedef void (*EpiBatchTaskPublished) (EpiBatchTask *task,
                                       gpointer      user_data);

/* Lock order: the batch's lock before any task's, never the other way. */
struct _EpiBatchTask
{
  GObject          parent_instance;

  GRecMutex        lock;

  /* Set at creation */
  guint            id;
  EpiTaskKind      kind;
  GMainContext    *context;      /* owned; where notifications go */

  /* Under @lock */
  EpiTask         *request;      /* owned */
  EpiKeyring      *ring;         /* owned reference */
  GCancellable    *cancellable;  /* owned; a new one for every run */
  guint            run;          /* bumped on every run; stale tickets see it */
  EpiTaskState     state;
  EpiStage         stage;        /* the stage running or last run */
  double           fraction;     /* of that stage */
  EpiEncodeResult  figures;      /* complete once done */
  EpiSpectrum     *spectrum;     /* owned reference; the sealed terms, if kept */
  GError          *error;        /* owned; set once failed or cancelled */
  GSource         *notify;       /* owned; the pending notification, if any */

  /* Main context only */
  EpiBatchTaskPublished published; /* NULL once the batch let go */
  gpointer         published_data; /* unowned; the batch */
  gboolean         announced;    /* the end of this run was announced */

  /* Written on the main context under @lock: the values last notified,
   * which the getters and properties return, so that a reader never
   * sees a value ahead of its notification. */
  EpiTaskState     shown_state;
  EpiStage         shown_stage;
  double           shown_fraction;
  char            *shown_output; /* owned */
  EpiEncodeResult  shown_figures;
  GError          *shown_error;  /* owned */
  EpiSpectrum     *shown_spectrum; /* owned reference */
};

EpiBatchTask *_epi_batch_task_new             (guint                  id,
                                               const EpiTask         *request,
                                               EpiBatchTaskPublished  published,
                                               gpointer               published_data);
void          _epi_batch_task_schedule_notify (EpiBatchTask          *self);
void          _epi_batch_task_publish         (EpiBatchTask          *self);
void          _epi_batch_task_set_progress    (EpiBatchTask          *self,
                                               EpiStage               stage,
                                               double                 fraction);
void          _epi_batch_task_finish          (EpiBatchTask          *self,
                                               EpiTaskState           state,
                                               GError                *error);
void          _epi_batch_task_detach          (EpiBatchTask          *self);

G_END_DECLS
