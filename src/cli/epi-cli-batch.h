/* epi-cli-batch.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-core.h"

G_BEGIN_DECLS

/* The task that makes one planned output, with @secret. */
typedef EpiTask *(*EpiCliMakeTask)   (const EpiPlannedOutput *planned,
                                      EpiSecret              *secret,
                                      gpointer                data);
/* Says on standard output what one done file became; @input and
 * @output are ready to show. */
typedef void     (*EpiCliReportDone) (EpiBatchTask           *task,
                                      const char             *input,
                                      const char             *output);

/* How encrypt or decrypt runs its files. */
typedef struct
{
  const char       *output_dir;         /* NULL: beside each input */
  EpiOutputKind     output_kind;
  gboolean          force;
  const char       *password_file;
  gboolean          generate_password;  /* encrypt only */
  EpiKdfStrength    max_strength;       /* of the files to open */
  int               jobs;               /* INT_NOT_GIVEN: one per processor */
  gboolean          quiet;
  EpiCliMakeTask    make_task;
  EpiCliReportDone  report;
  gpointer          data;               /* for @make_task */
} EpiCliBatchOptions;

int epi_cli_batch_run (GPtrArray                *inputs,
                       const EpiCliBatchOptions *options);

G_END_DECLS
