/* epi-task.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-pipeline.h"

G_BEGIN_DECLS

typedef enum
{
  EPI_TASK_ENCRYPT, /* picture → sealed file */
  EPI_TASK_DECRYPT, /* sealed file → still picture */
} EpiTaskKind;

typedef enum
{
  EPI_TASK_QUEUED,
  EPI_TASK_RUNNING,
  EPI_TASK_DONE,
  EPI_TASK_FAILED,
  EPI_TASK_CANCELLED,
} EpiTaskState;

/* What one task is asked to do. It holds names and settings, never image
 * data, so a queue of thousands of tasks stays small. */
typedef struct
{
  EpiTaskKind        kind;
  char              *input;     /* owned */
  char              *output;    /* owned */
  EpiEncodeSettings  settings;  /* encrypting; .overwrite applies to both */
  EpiKdfStrength     strength;  /* encrypting: the key derivation's; EPI_KDF_MINIMAL
                                   (tests) also lets opening accept it */
  EpiKdfStrength     max_strength; /* opening: the costliest accepted */
  gboolean           holds_output; /* opening: @output is this task's name in
                                      the run (a format 1 file drawn under its
                                      planned name); others keep off it */
  guint              size;      /* decrypting: longest side, 0 for original */
  EpiSecret         *secret;    /* owned reference to the password */
  EpiKeyring        *ring;      /* encrypting: owned reference or NULL; seal with
                                   this keyring (@secret's, of @strength) and so
                                   with the key it already derived, salt and all:
                                   a batch's pictures retried in another batch */
  gboolean           keep_spectrum; /* encrypting: keep the sealed terms in the result */
} EpiTask;

EpiTask       *epi_task_new_encrypt        (const char              *input,
                                            const char              *output,
                                            const EpiEncodeSettings *settings,
                                            EpiKdfStrength           strength,
                                            EpiSecret               *secret);
EpiTask       *epi_task_new_decrypt        (const char              *input,
                                            const char              *output,
                                            guint                    size,
                                            gboolean                 overwrite,
                                            EpiKdfStrength           max_strength,
                                            EpiSecret               *secret);
EpiTask       *epi_task_copy               (const EpiTask           *task);
void           epi_task_free               (EpiTask                 *task);

gboolean       epi_task_state_is_finished  (EpiTaskState             state);
const char    *epi_task_state_get_name     (EpiTaskState             state);
double         epi_task_overall_fraction   (EpiTaskKind              kind,
                                            EpiStage                 stage,
                                            double                   fraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiTask, epi_task_free)

G_END_DECLS
