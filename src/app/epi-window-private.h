/* epi-window-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share: epi-window.c (the list, the batch, the
 * canvas), epi-window-actions.c and epi-window-dnd.c.
 */

#pragma once

#include "epi-password-dialog.h"
#include "epi-window.h"

G_BEGIN_DECLS

struct _EpiWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkStack             *canvas_stack;
  AdwStatusPage        *viewer_status;  /* what to do while no drawing is on show */
  GtkWidget            *viewer_box;     /* hidden, with list_bar, while the list is empty */
  GtkWidget            *list_bar;
  GtkWidget            *controls;       /* the drawing's; hidden while there is none */
  GtkWidget            *encrypt_button;
  EpiCanvas            *canvas;
  GtkLabel             *overlay_label;
  GtkButton            *play_button;
  GtkAdjustment        *speed_adjustment;
  GtkProgressBar       *export_progress;

  /* Owned references */
  GSettings            *settings;
  GListStore           *items;          /* EpiTaskItem, in the order they came */
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;    /* the window's: thumbnails, opening, export */
  EpiBatch             *batch;          /* the running encryption, or NULL */
  GPtrArray            *batch_items;    /* owned; EpiTaskItem references the batch is sealing */
  EpiPasswordDialog    *password_dialog; /* unowned; the one asking now */
  EpiTaskItem          *unlocking;      /* the sealed item being asked for */
  GCancellable         *export_cancellable;
  gint64                batch_started;  /* monotonic µs */

  gboolean              close_when_done;
};

void         epi_window_install_actions   (EpiWindow   *self);
void         epi_window_update_actions    (EpiWindow   *self);
void         epi_window_update_hints      (EpiWindow   *self);
void         epi_window_setup_drop_target (EpiWindow   *self);
void         epi_window_toast             (EpiWindow   *self,
                                           const char  *text);
void         epi_window_encrypt           (EpiWindow   *self);
void         epi_window_unlock            (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_unlock_next       (EpiWindow   *self);
void         epi_window_retry_item        (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_remove_item       (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_load_thumbnail    (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_export            (EpiWindow   *self,
                                           GFile       *file);

G_END_DECLS
