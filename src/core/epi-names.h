/* epi-names.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest file name (one path component) in bytes, as on Linux's
 * common filesystems. */
#define EPI_NAME_MAX 255

/* What a run makes of each input. */
typedef enum
{
  EPI_OUTPUT_SEALED,   /* NAME → NAME.epicrypt */
  EPI_OUTPUT_SEALED_HIDDEN, /* NAME → a random name, RANDOM.epicrypt */
  EPI_OUTPUT_DRAWING,  /* NAME.epicrypt → NAME.drawing.png */
} EpiOutputKind;

/* How a run treats files that are already there. */
typedef enum
{
  /* Existing files keep their names in the plan: writing fails on them,
   * or replaces them when the user asked for that. */
  EPI_PLAN_KEEP_NAMES,
  /* Existing files are stepped around with a number, like the run's own
   * outputs: nothing is ever replaced. */
  EPI_PLAN_AVOID_EXISTING,
} EpiPlanMode;

/* One input of a run and the output planned for it. */
typedef struct
{
  guint  index;   /* position of the input in the list given */
  char  *input;   /* owned; as given */
  char  *output;  /* owned; the output's path */
  guint  number;  /* 1, or the n of "NAME (n)…" that keeps it apart */
} EpiPlannedOutput;

gsize      epi_name_cut           (const char          *text,
                                   gsize                length);
char      *epi_output_name        (const char          *input,
                                   EpiOutputKind        kind,
                                   guint                number);
GPtrArray *epi_plan_outputs       (const char * const  *inputs,
                                   guint                n_inputs,
                                   const char          *output_dir,
                                   EpiOutputKind        kind,
                                   EpiPlanMode          mode);
void       epi_planned_output_free (EpiPlannedOutput   *planned);

char      *epi_display_path       (const char          *path);
void       epi_prefix_error_with_path (GError       **error,
                                   const char          *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiPlannedOutput, epi_planned_output_free)

G_END_DECLS
