/* epi-cli-batch.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running encrypt or decrypt: the outputs planned, the files that
 * cannot succeed failed before the password is asked, then a batch on
 * the run loop with its progress and one line per finished file.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "epi-cli-batch.h"
#include "epi-cli-checks.h"
#include "epi-cli-common.h"
#include "epi-cli-progress.h"

/* A batch being run. Touched only on the main thread. */
typedef struct
{
  EpiBatch         *batch;     /* owned */
  EpiCliLoop        loop;
  GPtrArray        *plan;      /* unowned; EpiPlannedOutput of each task, in the order given */
  GPtrArray        *tasks;     /* owned; EpiBatchTask references, in the same order */
  EpiCliProgress   *progress;  /* owned */
  EpiCliReportDone  report;    /* says what a done file became */
} Run;

/* One line per finished file: its figures on standard output, or its
 * error on standard error. */
static void
on_task_state (EpiBatchTask *task,
               GParamSpec   *pspec,
               Run          *run)
{
  EpiTaskState state = epi_batch_task_get_state (task);
  const EpiPlannedOutput *planned;
  g_autofree char *result_input = NULL;
  g_autofree char *result_output = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  if (!epi_task_state_is_finished (state))
    return;

  g_assert (g_ptr_array_find (run->tasks, task, &i));
  planned = g_ptr_array_index (run->plan, i);
  epi_cli_progress_clear (run->progress);

  switch (state)
    {
    case EPI_TASK_DONE:
      result_input = epi_batch_task_dup_input (task);
      result_output = epi_batch_task_dup_output (task);
      input = epi_display_path (result_input);
      output = epi_display_path (result_output);
      /* A drawing named after the picture inside is not the plan's. */
      if (planned->number > 1 && g_strcmp0 (result_output, planned->output) == 0)
        {
          char *noted = g_strdup_printf (_("%s (numbered: another file of this run has the same name)"),
                                         output);

          g_free (output);
          output = noted;
        }
      run->report (task, input, output);
      fflush (stdout);
      break;

    case EPI_TASK_FAILED:
      error = epi_batch_task_dup_error (task);
      epi_cli_print_error (error->message);
      break;

    case EPI_TASK_CANCELLED:
      /* One summary line at the end rather than one per file. */
      break;

    case EPI_TASK_QUEUED:
    case EPI_TASK_RUNNING:
    default:
      g_assert_not_reached ();
    }

  epi_cli_progress_finished (run->progress, state);
}

static void
on_finished (EpiBatch *batch,
             Run      *run)
{
  epi_cli_loop_quit (&run->loop);
}

static void
on_interrupt (gpointer user_data)
{
  Run *run = user_data;

  epi_batch_cancel (run->batch);
}

/* Seals or opens every task on @jobs workers, reporting as it goes, and
 * returns the exit status. Ctrl-C cancels: running files stop at their
 * next stage and leave nothing behind. */
static int
run_tasks (GPtrArray        *tasks,
           GPtrArray        *plan,
           guint             jobs,
           gboolean          quiet,
           EpiCliReportDone  report)
{
  Run run = { 0 };
  EpiCliProgress *progress;
  int status;

  run.batch = epi_batch_new (jobs);
  run.plan = plan;
  run.report = report;
  run.tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect (run.batch, "finished", G_CALLBACK (on_finished), &run);
  epi_cli_loop_init (&run.loop, on_interrupt, &run);

  /* Nothing is notified before the loop runs. */
  for (guint i = 0; i < tasks->len; i++)
    {
      EpiBatchTask *task = epi_batch_add (run.batch, 0, g_ptr_array_index (tasks, i), NULL);

      g_ptr_array_add (run.tasks, g_object_ref (task));
    }
  run.progress = progress = epi_cli_progress_new (run.tasks, epi_batch_get_workers (run.batch), quiet);
  /* After the progress's own handlers, so that a file's start is said
   * before its end. */
  for (guint i = 0; i < run.tasks->len; i++)
    g_signal_connect (g_ptr_array_index (run.tasks, i), "notify::state", G_CALLBACK (on_task_state), &run);

  epi_cli_loop_run (&run.loop);

  epi_cli_progress_clear (progress);
  if (run.loop.interrupted)
    g_printerr (_("epicrypt-cli: interrupted: %u done, %u failed, %u not processed\n"),
                progress->n_done, progress->n_failed, progress->n_cancelled);

  epi_cli_loop_clear (&run.loop);
  for (guint i = 0; i < run.tasks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (run.tasks, i), &run);
  g_clear_object (&run.batch);
  g_ptr_array_unref (run.tasks);
  status = epi_cli_loop_exit_status (&run.loop, progress->n_failed + progress->n_cancelled > 0);
  epi_cli_progress_free (progress);
  return status;
}

static gint
by_index (gconstpointer a,
          gconstpointer b)
{
  const EpiPlannedOutput *pa = *(EpiPlannedOutput * const *) a;
  const EpiPlannedOutput *pb = *(EpiPlannedOutput * const *) b;

  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* The drawings of @inputs, planned among format 1 files only: a format 2
 * file's drawing is named after the picture inside once it is open, so
 * its planned name (kept for its folder; its number is 0) holds nothing. */
static GPtrArray *
plan_drawings (GPtrArray  *inputs,
               const char *output_dir)
{
  GPtrArray *by_version[2] = { g_ptr_array_new (), g_ptr_array_new () };
  GArray *indexes[2] = { g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (guint)) };
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_planned_output_free);

  for (guint i = 0; i < inputs->len; i++)
    {
      EpiSealedHeader header;
      guint v = epi_pipeline_check_sealed (g_ptr_array_index (inputs, i), EPI_KDF_SENSITIVE, &header, NULL) &&
                header.version >= 2;

      g_ptr_array_add (by_version[v], g_ptr_array_index (inputs, i));
      g_array_append_val (indexes[v], i);
    }

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(GPtrArray) part = epi_plan_outputs ((const char * const *) by_version[v]->pdata,
                                                    by_version[v]->len, output_dir,
                                                    EPI_OUTPUT_DRAWING, EPI_PLAN_KEEP_NAMES);

      for (guint i = 0; i < part->len; i++)
        {
          EpiPlannedOutput *planned = g_ptr_array_index (part, i);

          planned->index = g_array_index (indexes[v], guint, planned->index);
          if (v == 1)
            planned->number = 0;
        }
      g_ptr_array_extend_and_steal (plan, g_steal_pointer (&part));
      g_ptr_array_unref (by_version[v]);
      g_array_unref (indexes[v]);
    }

  g_ptr_array_sort (plan, by_index);
  return plan;
}

/**
 * epi_cli_batch_run:
 * @inputs: the files to seal or open; those that cannot be are dropped
 * @options: how
 *
 * Plans the outputs of @inputs, fails the files that cannot succeed,
 * asks for the password only if any are left, then runs them. A run of
 * doomed files never waits on a prompt or a pipe.
 *
 * Returns: the exit status
 */
int
epi_cli_batch_run (GPtrArray                *inputs,
                   const EpiCliBatchOptions *options)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_task_free);
  g_autoptr(EpiSecret) secret = NULL;
  EpiTaskKind kind = options->output_kind == EPI_OUTPUT_DRAWING ? EPI_TASK_DECRYPT : EPI_TASK_ENCRYPT;
  guint doomed;
  int status;

  /* Outputs are planned among the inputs that can be done, so that a
   * sealed file among pictures (a re-run over a folder) holds no name. */
  doomed = epi_cli_drop_bad_inputs (inputs, kind, options->max_strength);
  plan = kind == EPI_TASK_DECRYPT ? plan_drawings (inputs, options->output_dir)
                                  : epi_plan_outputs ((const char * const *) inputs->pdata, inputs->len,
                                                      options->output_dir, options->output_kind,
                                                      EPI_PLAN_KEEP_NAMES);
  doomed += epi_cli_drop_blocked_outputs (plan, options->force);
  if (plan->len == 0)
    return EXIT_SOME_FAILED;

  secret = epi_cli_password_or_complain (options->password_file, kind == EPI_TASK_ENCRYPT,
                                         options->generate_password);
  if (secret == NULL)
    return EXIT_USAGE;

  for (guint i = 0; i < plan->len; i++)
    g_ptr_array_add (tasks, options->make_task (g_ptr_array_index (plan, i), secret, options->data));

  status = run_tasks (tasks, plan, options->jobs > 0 ? (guint) options->jobs : 0, options->quiet,
                      options->report);
  return status == EXIT_ALL_DONE && doomed > 0 ? EXIT_SOME_FAILED : status;
}
