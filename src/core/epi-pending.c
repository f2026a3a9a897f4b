/* epi-pending.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Folding a flood of reports from a worker into one pending idle on a
 * main context; the batch's tasks and the export use it.
 */

#include "config.h"

#include "epi-pending.h"

/**
 * epi_pending_post:
 * @pending: (inout): the pending idle, or NULL; under the caller's lock
 * @context: where @func runs
 * @priority: the idle's
 * @func: reads the latest value, and calls epi_pending_taken() first
 * @data: for @func; @destroy frees it once the idle is gone
 * @destroy: (nullable): frees @data
 * @name: the source's static name, for profilers
 *
 * Attaches an idle calling @func on @context unless one is pending
 * already, in which case @data is freed at once. Lock held.
 */
void
epi_pending_post (GSource        **pending,
                  GMainContext    *context,
                  int              priority,
                  GSourceFunc      func,
                  gpointer         data,
                  GDestroyNotify   destroy,
                  const char      *name)
{
  g_assert (pending != NULL);

  if (*pending != NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return;
    }

  *pending = g_idle_source_new ();
  g_source_set_priority (*pending, priority);
  g_source_set_callback (*pending, func, data, destroy);
  g_source_set_static_name (*pending, name);
  g_source_attach (*pending, context);
}

/* In the idle's callback, lock held: the next report posts a new idle. */
void
epi_pending_taken (GSource **pending)
{
  g_clear_pointer (pending, g_source_unref);
}

/* Lock held: the pending idle, if any, will not run. */
void
epi_pending_cancel (GSource **pending)
{
  GSource *source = g_steal_pointer (pending);

  if (source == NULL)
    return;

  g_source_destroy (source);
  g_source_unref (source);
}
