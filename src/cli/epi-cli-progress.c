/* epi-cli-progress.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress epicrypt-cli shows on standard error: for a batch, a
 * live display on a terminal (an overall bar with counts and the time
 * left, then the files being worked on) or one line per started file
 * elsewhere; for an export, one bar of frames.
 */

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "epi-cli-progress.h"

/* Characters in a progress bar. */
#define BAR_WIDTH 30

/* Appends a bar of BAR_WIDTH characters, @filled of them done. */
static void
append_bar (GString *text,
            guint    filled)
{
  for (guint i = 0; i < BAR_WIDTH; i++)
    g_string_append_c (text, i < filled ? '#' : '-');
}

static char *
format_eta (double seconds)
{
  guint s = (guint) (seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

/* An overall bar with counts and the time left, then the files being
 * worked on with their stages. */
static void
draw_display (EpiCliProgress *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *eta = NULL;
  double done = 0, elapsed;
  guint shown = 0, lines = 1;

  for (guint i = 0; i < self->n_tasks; i++)
    {
      EpiBatchTask *task = g_ptr_array_index (self->tasks, i);
      EpiTaskState state = epi_batch_task_get_state (task);

      done += epi_task_state_is_finished (state) ? 1.0
              : epi_task_overall_fraction (self->kind, epi_batch_task_get_stage (task),
                                           epi_batch_task_get_fraction (task));
    }
  done /= MAX (self->n_tasks, 1);
  elapsed = (g_get_monotonic_time () - self->started) / 1e6;
  eta = done > 0.01 ? format_eta (elapsed * (1 - done) / done) : g_strdup ("--:--");

  g_string_append_c (text, '[');
  append_bar (text, (guint) (done * BAR_WIDTH));
  g_string_append_printf (text, _("] %u/%u  %u done, %u failed  ETA %s\n"),
                          self->n_done + self->n_failed + self->n_cancelled, self->n_tasks,
                          self->n_done, self->n_failed, eta);

  for (guint i = 0; i < self->n_tasks && shown < self->workers; i++)
    if (epi_batch_task_get_state (g_ptr_array_index (self->tasks, i)) == EPI_TASK_RUNNING)
      {
        g_string_append_printf (text, "  %s: %s\n", (const char *) g_ptr_array_index (self->names, i),
                                epi_stage_get_name (epi_batch_task_get_stage (g_ptr_array_index (self->tasks, i))));
        shown++;
        lines++;
      }

  epi_cli_progress_clear (self);
  g_printerr ("%s", text->str);
  self->drawn_lines = lines;
  self->dirty = FALSE;
}

static gboolean
on_redraw (gpointer user_data)
{
  EpiCliProgress *self = user_data;

  if (self->dirty)
    draw_display (self);
  return G_SOURCE_CONTINUE;
}

/* Any change of a task's: the display is redrawn, and a task's start is
 * said when not live. */
static void
on_task_notify (EpiBatchTask   *task,
                GParamSpec     *pspec,
                EpiCliProgress *self)
{
  self->dirty = TRUE;

  if (self->events && g_str_equal (pspec->name, "state") &&
      epi_batch_task_get_state (task) == EPI_TASK_RUNNING)
    {
      guint i;

      g_assert (g_ptr_array_find (self->tasks, task, &i));
      g_printerr ("[%u/%u] %s: %s\n", i + 1, self->n_tasks,
                  (const char *) g_ptr_array_index (self->names, i), _("started"));
    }
}

/* The progress of @tasks (EpiBatchTask), run @workers at a time: live
 * on a terminal, one line per started file elsewhere, nothing if @quiet. */
EpiCliProgress *
epi_cli_progress_new (GPtrArray *tasks,
                      guint      workers,
                      gboolean   quiet)
{
  EpiCliProgress *self = g_new0 (EpiCliProgress, 1);
  gboolean tty = isatty (STDERR_FILENO);

  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->n_tasks = tasks->len;
  self->workers = workers;
  self->kind = epi_batch_task_get_kind (g_ptr_array_index (tasks, 0));
  self->live = !quiet && tty;
  self->events = !quiet && !tty;
  self->started = g_get_monotonic_time ();
  if (self->live)
    self->redraw = g_timeout_add (100, on_redraw, self);

  for (guint i = 0; i < tasks->len; i++)
    {
      EpiBatchTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *input = epi_batch_task_dup_input (task);
      g_autofree char *base = g_path_get_basename (input);

      g_ptr_array_add (self->tasks, g_object_ref (task));
      g_ptr_array_add (self->names, epi_display_path (base));
      g_signal_connect (task, "notify", G_CALLBACK (on_task_notify), self);
    }
  return self;
}

void
epi_cli_progress_free (EpiCliProgress *self)
{
  g_clear_handle_id (&self->redraw, g_source_remove);
  for (guint i = 0; i < self->tasks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->tasks, i), self);
  g_ptr_array_unref (self->tasks);
  g_ptr_array_unref (self->names);
  g_free (self);
}

/* Counts a task that ended in @state, a finished one. */
void
epi_cli_progress_finished (EpiCliProgress *self,
                           EpiTaskState    state)
{
  switch (state)
    {
    case EPI_TASK_DONE:
      self->n_done++;
      break;

    case EPI_TASK_FAILED:
      self->n_failed++;
      break;

    case EPI_TASK_CANCELLED:
      self->n_cancelled++;
      break;

    case EPI_TASK_QUEUED:
    case EPI_TASK_RUNNING:
    default:
      g_assert_not_reached ();
    }

  self->dirty = TRUE;
}

/* Takes the live display off the screen, so a line can be written in
 * its place; the next redraw puts it back below. */
void
epi_cli_progress_clear (EpiCliProgress *self)
{
  if (self->drawn_lines > 0)
    {
      g_printerr ("\033[%uA\033[J", self->drawn_lines);
      self->drawn_lines = 0;
    }
}

/* Draws the bar of an export at @frame of @n_frames over the last. */
void
epi_cli_progress_show_frames (guint frame,
                              guint n_frames)
{
  g_autoptr(GString) bar = g_string_new (NULL);

  append_bar (bar, frame * BAR_WIDTH / MAX (n_frames, 1));
  g_printerr ("\r\033[K");
  g_printerr (_("Rendering [%s] %u/%u frames"), bar->str, frame, n_frames);
}

/* Takes the bar of an export off its line. */
void
epi_cli_progress_end_frames (void)
{
  g_printerr ("\r\033[K");
}
