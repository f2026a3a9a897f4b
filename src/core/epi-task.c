/* epi-task.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "epi-task.h"

/* What a batch does to seal @input into @output (paths, copied) with
 * @settings (copied; NULL for the defaults), a key of @strength and a
 * reference to @secret. Returns: (transfer full): to free with
 * epi_task_free(). */
EpiTask *
epi_task_new_encrypt (const char              *input,
                      const char              *output,
                      const EpiEncodeSettings *settings,
                      EpiKdfStrength           strength,
                      EpiSecret               *secret)
{
  EpiTask *task;

  g_return_val_if_fail (input != NULL && output != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  task = g_new0 (EpiTask, 1);
  task->kind = EPI_TASK_ENCRYPT;
  task->input = g_strdup (input);
  task->output = g_strdup (output);
  if (settings != NULL)
    task->settings = *settings;
  else
    epi_encode_settings_init (&task->settings);
  task->strength = strength;
  task->max_strength = EPI_KDF_SENSITIVE;
  task->secret = epi_secret_ref (secret);

  return task;
}

/* What a batch does to open @input and draw it into @output (paths,
 * copied) at @size pixels on its longer side (0: the sealed size),
 * replacing @output only if @overwrite, refusing keys costlier than
 * @max_strength before the password is tried, with a reference to
 * @secret. Returns: (transfer full): to free with epi_task_free(). */
EpiTask *
epi_task_new_decrypt (const char     *input,
                      const char     *output,
                      guint           size,
                      gboolean        overwrite,
                      EpiKdfStrength  max_strength,
                      EpiSecret      *secret)
{
  EpiTask *task;

  g_return_val_if_fail (input != NULL && output != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  task = g_new0 (EpiTask, 1);
  task->kind = EPI_TASK_DECRYPT;
  task->input = g_strdup (input);
  task->output = g_strdup (output);
  epi_encode_settings_init (&task->settings);
  task->settings.overwrite = overwrite;
  /* Opening takes its costs from each file's header, within the policy. */
  task->strength = EPI_KDF_DEFAULT;
  task->max_strength = max_strength;
  task->holds_output = TRUE;
  task->size = size;
  task->secret = epi_secret_ref (secret);

  return task;
}

/* Returns: (transfer full): a copy of @task with its own strings and
 * its own references to the password and the keyring. */
EpiTask *
epi_task_copy (const EpiTask *task)
{
  EpiTask *copy;

  g_return_val_if_fail (task != NULL, NULL);

  copy = g_memdup2 (task, sizeof *task);
  copy->input = g_strdup (task->input);
  copy->output = g_strdup (task->output);
  copy->secret = epi_secret_ref (task->secret);
  if (task->ring != NULL)
    copy->ring = epi_keyring_ref (task->ring);

  return copy;
}

/* Frees @task and drops its password and keyring; NULL is ignored. */
void
epi_task_free (EpiTask *task)
{
  if (task == NULL)
    return;

  g_free (task->input);
  g_free (task->output);
  g_clear_pointer (&task->secret, epi_secret_unref);
  g_clear_pointer (&task->ring, epi_keyring_unref);
  g_free (task);
}

/* Whether @state ends a run: done, failed or cancelled. */
gboolean
epi_task_state_is_finished (EpiTaskState state)
{
  return state == EPI_TASK_DONE || state == EPI_TASK_FAILED || state == EPI_TASK_CANCELLED;
}

/* Returns: (transfer none): the state's name in the program's messages
 * and its GType's nick ("queued", "running", …), or NULL out of range. */
const char *
epi_task_state_get_name (EpiTaskState state)
{
  static const char * const names[] = { "queued", "running", "done", "failed", "cancelled" };

  g_return_val_if_fail (state <= EPI_TASK_CANCELLED, NULL);

  return names[state];
}

/* The share of the whole task done, counting each stage it goes through
 * as an equal part. */
double
epi_task_overall_fraction (EpiTaskKind kind,
                           EpiStage    stage,
                           double      fraction)
{
  guint first = kind == EPI_TASK_ENCRYPT ? EPI_STAGE_LOAD : EPI_STAGE_OPEN;
  guint count = kind == EPI_TASK_ENCRYPT ? EPI_STAGE_SEAL + 1 : 2;

  if (stage < first)
    return 0;

  return CLAMP ((stage - first + CLAMP (fraction, 0.0, 1.0)) / count, 0.0, 1.0);
}
