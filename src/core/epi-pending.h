/* epi-pending.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The latest value, one pending idle: a worker that reports far more
 * often than a main context wakes up stores its latest value under its
 * own lock and calls epi_pending_post(); the one idle pending reads the
 * latest when it runs. The lock guarding *@pending is the caller's. */
void epi_pending_post   (GSource       **pending,
                         GMainContext   *context,
                         int             priority,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  destroy,
                         const char     *name);
void epi_pending_taken  (GSource       **pending);
void epi_pending_cancel (GSource       **pending);

G_END_DECLS
