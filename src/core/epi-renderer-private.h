/* epi-renderer-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-renderer.h"

G_BEGIN_DECLS

#define MAX_CACHES     4

typedef struct
{
  int              width;
  int              height;
  cairo_surface_t *surface;  /* owned; the trace so far, in device space */
  guint            n_drawn;  /* trace points drawn into it: whole blocks */
  guint64          serial;   /* the renderer's serial when it was started */
  guint64          last_use;
} TraceCache;

typedef struct
{
  guint            id;       /* 0 once removed while observers are told */
  EpiFrameObserver func;
  gpointer         data;     /* owned by @destroy, if any */
  GDestroyNotify   destroy;
} Observer;

struct _EpiRenderer
{
  GObject      parent_instance;

  /* Everything below is guarded by @lock. */
  GRecMutex    lock;

  EpiSpectrum *full;           /* owned copy, or NULL: every kept term */
  EpiSpectrum *spectrum;       /* owned, or NULL: the terms drawn, the
                                  first @n_terms of @full (and its mean) */
  double      *samples;        /* owned; @spectrum's path at each sample time */
  guint        n_terms;        /* terms drawn; 0: all */

  double       time;           /* turns, 0 … 1 */
  double       speed;
  gboolean     playing;

  GArray      *trace;          /* EpiTracePoint */
  guint        next_sample;    /* the first sample not yet in the trace */

  EpiView      view;           /* what part of the drawing shows, how large */
  gboolean     show_circles;
  gboolean     follow_pen;     /* the view is centred on the pen every frame */
  double       follow_zoom;    /* the view's zoom while following */
  double       trail;          /* turns of fading trail; 0: the whole drawing */

  guint64      serial;         /* bumped when cached trace drawings go stale */
  TraceCache   caches[MAX_CACHES];
  guint64      uses;

  GArray      *observers;      /* Observer */
  guint        next_observer;
  guint        telling;        /* frames telling their observers, nested ones too */

  EpiEpicycles *epicycles;     /* owned; the chain of the last frame drawn */
  guint        circles_drawn;  /* by the last frame drawn */
  gint64       catch_up_budget; /* µs a frame may spend on its trace cache, 0: all */
  gboolean     caught_up;      /* the last frame showed the whole trace */
};

/* Shared by epi-renderer.c and epi-renderer-modes.c, with @lock held. */
void epi_renderer_invalidate_caches (EpiRenderer *self);
void epi_renderer_draw_terms        (EpiRenderer *self);
void epi_renderer_center_on_pen     (EpiRenderer *self);

G_END_DECLS
