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
  AdwLeaflet           *leaflet;
  AdwToast             *offer_toast;    /* weak; "Try the same password…?" while shown */
  AdwHeaderBar         *list_header;
  AdwWindowTitle       *viewer_title;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkStack             *canvas_stack;
  AdwStatusPage        *viewer_status;  /* what to do while no drawing is on show */
  GtkWidget            *list_pane;      /* fills the window while the list is empty */
  GtkWidget            *viewer_box;     /* hidden, with list_bar, while the list is empty */
  GtkWidget            *list_bar;
  GtkWidget            *controls;       /* the drawing's; hidden while there is none */
  GtkWidget            *encrypt_button;
  EpiCanvas            *canvas;
  GtkLabel             *overlay_label;
  GtkButton            *play_button;
  GtkAdjustment        *speed_adjustment;
  GtkProgressBar       *export_progress;
  GtkWidget            *export_box;     /* the progress and its Cancel */
  GtkPicture           *preview;
  /* The viewer's controls (epi-window-viewer.c) */
  GtkWidget            *timeline_bar;
  GtkScale             *time_scale;
  GtkAdjustment        *time_adjustment;
  GtkLabel             *time_label;
  GtkWidget            *view_bar;
  GtkScale             *terms_scale;
  GtkSpinButton        *terms_spin;
  GtkAdjustment        *terms_adjustment;

  /* Owned references */
  GSettings            *settings;
  GListStore           *items;          /* EpiTaskItem, in the order they came */
  GtkSingleSelection   *selection;
  EpiTaskItem          *selected_item;  /* owned; the row the selection last showed, or NULL */
  GCancellable         *cancellable;    /* the window's: thumbnails, opening, export */
  EpiBatch             *batch;          /* the running encryption, or NULL */
  GPtrArray            *batch_items;    /* owned; EpiTaskItem references the batch is sealing */
  EpiPasswordDialog    *password_dialog; /* unowned; the one asking now */
  EpiTaskItem          *unlocking;      /* owned; the sealed item the prompt is for, NULL for Unlock All's */
  GPtrArray            *unlock_queue;   /* owned EpiTaskItem references: sealed files added, to ask for in order */
  guint                 n_opening;      /* opening jobs running: no prompt starts meanwhile */
  guint                 n_derived;      /* keys derived to seal and open files, for tests */
  GCancellable         *export_cancellable;
  GFile                *export_file;    /* owned; what the running export writes */
  EpiTaskItem          *export_item;    /* owned; the row whose drawing it is */
  GtkNativeDialog      *export_chooser; /* owned; asking where to export, or NULL */
  AdwMessageDialog     *export_dialog;  /* unowned; asking how to export, or NULL */
  EpiExportOptions      export_options; /* the last choice of format, size, circles */
  gint64                batch_started;  /* monotonic µs */
  AdwToast             *undo_toast;     /* unowned; the toast offering Undo, while it is up */
  GtkWindow            *stop_dialog;    /* unowned, weak; "Stop Sealing?" while it asks */
  GCancellable         *preview_cancellable; /* owned; the picture on show being loaded */

  gboolean              close_when_done;
  gboolean              cancelled_all;  /* the running batch was stopped by Cancel All */
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
void         epi_window_unlock_items      (EpiWindow   *self,
                                           GPtrArray   *items);
void         epi_window_unlock_all        (EpiWindow   *self);
EpiPasswordDialog *epi_window_ask_password (EpiWindow      *self,
                                           EpiPasswordMode mode,
                                           const char     *subject);
void         epi_window_show_selected     (EpiWindow   *self);
void         epi_window_show_viewer       (EpiWindow   *self);
void         epi_window_seal_items        (EpiWindow   *self,
                                           GPtrArray   *items,
                                           EpiKeyring  *ring);
void         epi_window_retry_pictures    (EpiWindow   *self,
                                           GPtrArray   *items);
void         epi_window_retry_item        (EpiWindow   *self,
                                           EpiTaskItem *item,
                                           gboolean     new_password);
void         epi_window_remove_item       (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_remove_items      (EpiWindow   *self,
                                           GPtrArray   *items);
void         epi_window_load_thumbnail    (EpiWindow   *self,
                                           EpiTaskItem *item);
void         epi_window_install_export_actions (EpiWindow *self);
void         epi_window_show_export       (EpiWindow   *self);
void         epi_window_export            (EpiWindow              *self,
                                           GFile                  *file,
                                           const EpiExportOptions *options);
void         epi_window_export_dispose    (EpiWindow   *self);
void         epi_window_setup_viewer      (EpiWindow   *self);
void         epi_window_bind_viewer       (GtkWidgetClass *widget_class);
char        *epi_window_describe_terms    (EpiWindow   *self);
gboolean     epi_window_show_preview      (EpiWindow   *self,
                                           EpiTaskItem *item);

G_END_DECLS
