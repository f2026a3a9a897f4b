/* epi-window.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the task list on the left, the live drawing on the
 * right. Sealing runs on an EpiBatch whose progress arrives on the main
 * thread; opening, thumbnails and export run in threads of their own.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "epi-accessible.h"
#include "epi-task-row.h"
#include "epi-window-private.h"

/* A batch this long earns a desktop notification if the window is not
 * in front when it ends; shorter ones only a toast. */
#define LONG_BATCH_USEC (10 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (EpiWindow, epi_window, ADW_TYPE_APPLICATION_WINDOW)

void
epi_window_toast (EpiWindow  *self,
                  const char *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

GListModel *
epi_window_get_items (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->items);
}

EpiCanvas *
epi_window_get_canvas (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), NULL);
  return self->canvas;
}

GtkWindow *
epi_window_get_password_dialog (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), NULL);
  return GTK_WINDOW (self->password_dialog);
}

gboolean
epi_window_is_busy (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), FALSE);
  return self->batch != NULL;
}

void
epi_window_select (EpiWindow   *self,
                   EpiTaskItem *item)
{
  guint position;

  g_return_if_fail (EPI_IS_WINDOW (self));

  if (g_list_store_find (self->items, item, &position))
    gtk_single_selection_set_selected (self->selection, position);
}

/* The header names the file on show, as the window's title does for
 * the window list; with nothing selected it names the app. */
static void
show_title (EpiWindow   *self,
            EpiTaskItem *item)
{
  const char *name = item != NULL ? epi_task_item_get_name (item) : NULL;

  adw_window_title_set_title (self->viewer_title, name != NULL ? name : "Epicrypt");
  gtk_window_set_title (GTK_WINDOW (self), name != NULL ? name : "Epicrypt");
}

/* The viewer shows the selected row's drawing if it has one, else the
 * picture itself while it waits to be sealed. */
void
epi_window_show_selected (EpiWindow *self)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  const EpiSpectrum *spectrum = item != NULL ? epi_task_item_get_spectrum (item) : NULL;
  const char *page = "empty";

  epi_canvas_set_spectrum (self->canvas, spectrum);
  if (spectrum != NULL)
    page = "canvas";
  else if (item != NULL && epi_window_show_preview (self, item))
    page = "picture";
  if (g_strcmp0 (page, "picture") != 0)
    epi_window_show_preview (self, NULL);
  gtk_stack_set_visible_child_name (self->canvas_stack, page);
  show_title (self, item);
  epi_window_update_actions (self);
}

/* On a narrow screen the list and the viewer are two pages: activating
 * a row (a click or tap, Enter) goes to the viewer, the back button (or
 * a swipe, or Alt+Left) comes back. Only moving the selection, as the
 * arrow keys do, stays on the list, so it can be walked. */
static void
on_selection_changed (EpiWindow *self)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* The selection tells of a row that only moved, as when a row above
   * it goes or comes back: the drawing on show goes on as it was. */
  if (!g_set_object (&self->selected_item, item))
    return;
  epi_window_show_selected (self);
}

/* The window's buttons (close and the like) end the header at the
 * window's right edge: the list's own when it is alone, folded or with
 * the viewer hidden, else the viewer's. */
static void
update_title_buttons (EpiWindow *self)
{
  adw_header_bar_set_show_end_title_buttons (self->list_header,
                                             adw_leaflet_get_folded (self->leaflet) ||
                                             !gtk_widget_get_visible (self->viewer_box));
}

/* Shows the viewer's page on a narrow screen, where the list and the
 * viewer take turns. */
void
epi_window_show_viewer (EpiWindow *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) != NULL &&
      adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Narrowed while a drawing is on show, the window keeps showing it. */
static void
on_folded (EpiWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && epi_canvas_get_has_drawing (self->canvas))
    epi_window_show_viewer (self);
}

static void
on_row_activated (EpiWindow *self)
{
  epi_window_show_viewer (self);
}

/* Space on the row whose drawing is on show plays or pauses it, as it
 * does on the canvas; on any other row it selects that row, as GTK's
 * binding does. The focus on a button of the row keeps its Space. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     EpiWindow             *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      !EPI_IS_TASK_ROW (row) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)) ||
      epi_task_row_get_item (EPI_TASK_ROW (row)) != gtk_single_selection_get_selected_item (self->selection) ||
      !epi_canvas_get_has_drawing (self->canvas))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.play", NULL);
  return TRUE;
}

static void
on_back_clicked (EpiWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_items_changed (EpiWindow  *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *items)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");

  /* A row that finishes, in a batch or not, may enable Clear Finished. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (items, i);

      g_signal_handlers_disconnect_by_func (item, epi_window_update_actions, self);
      g_signal_connect_object (item, "notify::state", G_CALLBACK (epi_window_update_actions),
                               self, G_CONNECT_SWAPPED);
    }
  epi_window_update_actions (self);
}

/* Hints ---------------------------------------------------------------------- */

/* What the viewer says while the selected row, if any, has no drawing:
 * what to do next, not just that there is nothing. */
static void
hint_for_item (EpiWindow   *self,
               EpiTaskItem *item)
{
  const char *title, *description;

  switch (epi_task_item_get_state (item))
    {
    case EPI_ITEM_WAITING:
      title = _("Not Sealed Yet");
      description = _("Seal the waiting pictures with a password, and this one’s epicycles draw it here.");
      break;
    case EPI_ITEM_QUEUED:
    case EPI_ITEM_RUNNING:
      title = _("Sealing…");
      description = _("Its drawing appears here as soon as it is sealed.");
      break;
    case EPI_ITEM_LOCKED:
      title = _("Locked");
      description = _("Enter its password to watch it redraw.");
      break;
    case EPI_ITEM_DONE:
      title = _("Sealed");
      description = _("Its drawing is kept in the sealed file: open that file to watch it redraw.");
      break;
    case EPI_ITEM_FAILED:
    case EPI_ITEM_CANCELLED:
    default:
      title = _("Nothing to Draw");
      description = _("This file was not sealed or opened; its row says why. Select another one, or add more pictures.");
      break;
    }
  adw_status_page_set_title (self->viewer_status, title);
  adw_status_page_set_description (self->viewer_status, description);
}

static void
hint_for_list (EpiWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean drawings = FALSE, waiting = FALSE, locked = FALSE;
  const char *title, *description;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      drawings |= epi_task_item_get_spectrum (item) != NULL;
      waiting |= state == EPI_ITEM_WAITING;
      locked |= state == EPI_ITEM_LOCKED;
    }

  if (self->batch != NULL)
    {
      title = _("Sealing…");
      description = _("Select a picture once it is sealed to watch its epicycles draw it.");
    }
  else if (drawings)
    {
      title = _("Select a Drawing");
      description = _("Choose a sealed picture in the list to watch its epicycles redraw it.");
    }
  else if (waiting)
    {
      title = _("Ready to Seal");
      description = _("Seal the waiting pictures with a password, then select one to watch it drawn.");
    }
  else if (locked)
    {
      title = _("Locked");
      description = _("Enter a sealed file’s password to watch it redraw.");
    }
  else
    {
      title = _("Nothing to Draw");
      description = _("Add pictures to seal, or open sealed files to watch them redraw.");
    }
  adw_status_page_set_title (self->viewer_status, title);
  adw_status_page_set_description (self->viewer_status, description);
}

/* An empty window is one page saying how to start, with no greyed-out
 * controls around it; once there are rows, the viewer says what to do
 * next until a drawing is on show. */
void
epi_window_update_hints (EpiWindow *self)
{
  EpiTaskItem *selected = gtk_single_selection_get_selected_item (self->selection);
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0;

  gtk_widget_set_visible (self->viewer_box, !empty);
  gtk_widget_set_hexpand (self->list_pane, empty);
  gtk_widget_set_visible (self->list_bar, !empty);
  gtk_widget_set_visible (self->encrypt_button, !empty);
  gtk_widget_set_visible (self->controls, epi_canvas_get_has_drawing (self->canvas) ||
                                          self->export_cancellable != NULL);

  if (selected != NULL)
    hint_for_item (self, selected);
  else
    hint_for_list (self);
}

/* Sealing ------------------------------------------------------------------ */

/* A picture's task ended: if it is the one shown, show its drawing. */
static void
on_item_state (EpiTaskItem *item,
               GParamSpec  *pspec,
               EpiWindow   *self)
{
  EpiItemState state = epi_task_item_get_state (item);

  if ((state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED) &&
      item == gtk_single_selection_get_selected_item (self->selection))
    epi_window_show_selected (self);
}

static void
disconnect_item (gpointer item,
                 gpointer self)
{
  g_signal_handlers_disconnect_by_func (item, on_item_state, self);
}

/* What a batch did, in words: "Sealed 3 pictures" when all went well,
 * otherwise each outcome counted ("8 sealed, 1 cancelled, 1 failed"),
 * so a Cancel All never reads as a failure. */
static char *
batch_summary (guint done,
               guint cancelled,
               guint failed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (cancelled == 0 && failed == 0)
    return g_strdup_printf (ngettext ("Sealed %u picture", "Sealed %u pictures", done), done);

  if (done > 0)
    /* Translators: a part of the summary "8 sealed, 1 cancelled, 1 failed". */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u sealed", "%u sealed", done), done));
  if (cancelled > 0)
    /* Translators: a part of the summary "8 sealed, 1 cancelled, 1 failed". */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u cancelled", "%u cancelled", cancelled), cancelled));
  if (failed > 0)
    /* Translators: a part of the summary "8 sealed, 1 cancelled, 1 failed". */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed));
  g_ptr_array_add (parts, NULL);

  /* Translators: what stands between the parts of "8 sealed, 1 cancelled". */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

/* The toast's Retry or Undo: the pictures the batch cancelled, and still
 * cancelled, are sealed again with their batch's key, as Retry Failed
 * does. */
static void
on_retry_cancelled (AdwToast  *toast,
                    EpiWindow *self)
{
  GPtrArray *cancelled = g_object_get_data (G_OBJECT (toast), "epi-cancelled");
  g_autoptr(GPtrArray) still = g_ptr_array_new ();

  for (guint i = 0; cancelled != NULL && i < cancelled->len; i++)
    if (epi_task_item_get_state (g_ptr_array_index (cancelled, i)) == EPI_ITEM_CANCELLED)
      g_ptr_array_add (still, g_ptr_array_index (cancelled, i));
  epi_window_retry_pictures (self, still);
}

/* The toast after a batch with cancelled pictures offers to seal them
 * again. After Cancel All that is its Undo: what was stopped was never
 * written, and sealing it with the batch's key (its salt, its strength)
 * leaves the files as if nothing had been cancelled. After a row's own
 * Cancel it is a Retry. */
static void
toast_batch (EpiWindow  *self,
             const char *text,
             GPtrArray  *cancelled,
             gboolean    cancelled_all)
{
  g_autofree char *title = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (title);

  if (cancelled->len > 0)
    {
      adw_toast_set_button_label (toast, cancelled_all ? _("_Undo") : _("_Retry"));
      /* As Remove's and Clear Finished's Undo: not pushed aside. */
      if (cancelled_all)
        adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (toast), "epi-cancelled", g_ptr_array_ref (cancelled),
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_retry_cancelled), self, 0);
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
on_batch_finished (EpiBatch  *batch,
                   EpiWindow *self)
{
  g_autoptr(GPtrArray) cancelled = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  guint done = 0, failed = 0;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  /* One item for each of the batch's tasks; an item sent back to waiting
   * has let go of its task and is counted with the waiting ones. */
  for (guint i = 0; i < self->batch_items->len; i++)
    {
      EpiTaskItem *item = g_ptr_array_index (self->batch_items, i);
      EpiBatchTask *task = epi_task_item_get_batch_task (item);
      EpiTaskState state = task != NULL ? epi_batch_task_get_state (task) : EPI_TASK_QUEUED;

      done += state == EPI_TASK_DONE;
      failed += state == EPI_TASK_FAILED;
      if (state == EPI_TASK_CANCELLED)
        g_ptr_array_add (cancelled, g_object_ref (item));
    }

  self->n_derived += epi_batch_get_n_key_derivations (batch);
  text = batch_summary (done, cancelled->len, failed);
  toast_batch (self, text, cancelled, self->cancelled_all);
  self->cancelled_all = FALSE;

  /* Someone who looked away during a long batch is told too. */
  if (app != NULL && !gtk_window_is_active (GTK_WINDOW (self)) &&
      g_get_monotonic_time () - self->batch_started >= LONG_BATCH_USEC)
    {
      g_autoptr(GNotification) note = g_notification_new (_("Sealing finished"));

      g_notification_set_body (note, text);
      g_application_send_notification (app, "batch-finished", note);
    }

  /* The batch goes now. Its keyring, password and key, stays only in
   * the rows that failed or were cancelled, for their Retry; it is wiped
   * when they are sealed, removed or cleared, or the window goes. */
  g_signal_handlers_disconnect_by_data (batch, self);
  g_ptr_array_foreach (self->batch_items, disconnect_item, self);
  g_ptr_array_set_size (self->batch_items, 0);
  g_clear_object (&self->batch);
  epi_window_update_actions (self);

  /* Nothing is left to stop: the question goes, and the window stays. */
  if (self->stop_dialog != NULL)
    gtk_window_destroy (self->stop_dialog);

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

/* The pictures waiting to be sealed, in list order. */
static GPtrArray *
waiting_items (EpiWindow *self)
{
  GPtrArray *waiting = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (epi_task_item_get_kind (item) == EPI_ITEM_IMAGE &&
          epi_task_item_get_state (item) == EPI_ITEM_WAITING)
        g_ptr_array_add (waiting, g_steal_pointer (&item));
    }

  return waiting;
}

/* Seals the pictures @items (waiting, or failed and to be retried) with
 * the key of @ring, derived once for all of them and kept for their
 * retries: in the batch that runs, or in a new one. Each item keeps a
 * reference to @ring for a retry, until it is sealed (see EpiTaskItem's
 * field). */
void
epi_window_seal_items (EpiWindow  *self,
                       GPtrArray  *waiting,
                       EpiKeyring *ring)
{
  g_autofree char *output_folder = g_settings_get_string (self->settings, "output-folder");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GPtrArray) plan = NULL;
  EpiEncodeSettings settings;

  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = g_settings_get_uint (self->settings, "coefficients");
  settings.trace.n_points = g_settings_get_uint (self->settings, "points");
  settings.load.max_side = g_settings_get_uint (self->settings, "max-side");
  settings.edges.detail = g_settings_get_uint (self->settings, "detail") / 100.0;
  settings.hide_names = g_settings_get_boolean (self->settings, "hide-names");

  if (waiting->len == 0)
    return;
  if (self->batch == NULL)
    {
      self->batch = epi_batch_new (g_settings_get_uint (self->settings, "workers"));
      self->batch_started = g_get_monotonic_time ();
      g_signal_connect (self->batch, "finished", G_CALLBACK (on_batch_finished), self);
    }

  /* Every name is chosen before any work: an existing file is never
   * replaced, and two pictures never share an output. */
  for (guint i = 0; i < waiting->len; i++)
    g_ptr_array_add (inputs, (gpointer) g_file_peek_path (epi_task_item_get_file (g_ptr_array_index (waiting, i))));
  plan = epi_plan_outputs ((const char * const *) inputs->pdata, inputs->len,
                           *output_folder != '\0' ? output_folder : NULL,
                           settings.hide_names ? EPI_OUTPUT_SEALED_HIDDEN : EPI_OUTPUT_SEALED,
                           EPI_PLAN_AVOID_EXISTING);

  for (guint i = 0; i < plan->len; i++)
    {
      const EpiPlannedOutput *planned = g_ptr_array_index (plan, i);
      EpiTaskItem *item = g_ptr_array_index (waiting, planned->index);
      g_autoptr(GFile) output = g_file_new_for_path (planned->output);
      g_autoptr(EpiTask) task = NULL;

      /* The ring's strength, not today's setting: a retry keeps its
       * batch's key. */
      task = epi_task_new_encrypt (planned->input, planned->output, &settings,
                                   epi_keyring_get_strength (ring), epi_keyring_get_secret (ring));
      task->ring = epi_keyring_ref (ring);
      task->keep_spectrum = TRUE;

      epi_task_item_queue (item, epi_batch_add (self->batch, 0, task, NULL), output);
      epi_task_item_set_keyring (item, ring);
      /* A retry in the batch that runs is still one of its items. */
      if (!g_ptr_array_find (self->batch_items, item, NULL))
        {
          g_signal_connect (item, "notify::state", G_CALLBACK (on_item_state), self);
          g_ptr_array_add (self->batch_items, g_object_ref (item));
        }
    }

  epi_window_update_actions (self);
}

static void
start_batch (EpiWindow *self,
             EpiSecret *secret)
{
  g_autoptr(GPtrArray) waiting = waiting_items (self);
  /* The settings' enum values are the strength ids. */
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, g_settings_get_enum (self->settings, "kdf-strength"));

  epi_window_seal_items (self, waiting, ring);
}

static void
on_new_password (EpiPasswordDialog *dialog,
                 EpiSecret         *secret,
                 EpiWindow         *self)
{
  gtk_window_close (GTK_WINDOW (dialog));
  start_batch (self, secret);
}

static void
on_dialog_destroyed (EpiWindow *self,
                     GObject   *dialog)
{
  if ((GObject *) self->password_dialog == dialog)
    self->password_dialog = NULL;
}

/* Puts up a password prompt for @subject; the window tracks it until it
 * goes. Returns: (transfer none): the prompt */
EpiPasswordDialog *
epi_window_ask_password (EpiWindow       *self,
                         EpiPasswordMode  mode,
                         const char      *subject)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (self), mode, subject);

  /* An offer to try the last password cannot be taken behind a modal
   * prompt: it goes, and the password it held with it. */
  if (self->offer_toast != NULL)
    adw_toast_dismiss (self->offer_toast);
  self->password_dialog = dialog;
  g_object_weak_ref (G_OBJECT (dialog), (GWeakNotify) on_dialog_destroyed, self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Asks for one password, then seals every waiting picture with it. */
void
epi_window_encrypt (EpiWindow *self)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *label = NULL;
  EpiPasswordDialog *dialog;

  if (self->batch != NULL || self->password_dialog != NULL)
    return;

  waiting = waiting_items (self);
  dialog = epi_window_ask_password (self, EPI_PASSWORD_NEW,
                                    _("The waiting pictures will be sealed with this password. "
                                      "Without it, they cannot be opened again."));
  /* The button says what it will do, and to how many. */
  label = g_strdup_printf (ngettext ("_Seal %u Picture", "_Seal %u Pictures", waiting->len), waiting->len);
  epi_password_dialog_set_submit_label (dialog, label);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_new_password), self);
}

/* The canvas and its overlay ------------------------------------------------ */

static void
update_overlay (EpiWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *line = NULL;
  /* Whole percents done, as the timeline says them: 100 only at the end. */
  double done = floor (epi_canvas_get_percentage (self->canvas));

  /* The frame rate is a figure of playback only, once measured. */
  if (epi_canvas_get_playing (self->canvas) && epi_canvas_get_fps (self->canvas) > 0)
    /* Translators: frame number, share of the drawing done, frames per second. */
    text = g_strdup_printf (_("Frame %llu · %.0f%% · %.0f FPS"),
                            (unsigned long long) epi_canvas_get_frame (self->canvas),
                            done, epi_canvas_get_fps (self->canvas));
  else
    /* Translators: frame number, share of the drawing done. */
    text = g_strdup_printf (_("Frame %llu · %.0f%%"),
                            (unsigned long long) epi_canvas_get_frame (self->canvas), done);
  if (!epi_canvas_get_has_drawing (self->canvas))
    {
      gtk_label_set_text (self->overlay_label, text);
      return;
    }
  /* Only part of the drawing's epicycles may draw: say how many. */
  terms = epi_window_describe_terms (self);
  /* Translators: the overlay's figures, then "120 of 1000 epicycles". */
  line = g_strdup_printf (_("%s · %s"), text, terms);
  gtk_label_set_text (self->overlay_label, line);
}

static void
on_playing_changed (EpiWindow *self)
{
  gboolean playing = epi_canvas_get_playing (self->canvas);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  epi_window_update_actions (self);
}

/* The speed scale is logarithmic: −1 … 1 is 0.1× … 10×. */
static gboolean
speed_to_scale (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_double (to, log10 (g_value_get_double (from)));
  return TRUE;
}

static gboolean
scale_to_speed (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_double (to, pow (10, g_value_get_double (from)));
  return TRUE;
}

/* The scale's own value is the logarithm: a screen reader is told the
 * speed as the marks show it. */
static void
update_speed_text (EpiWindow *self)
{
  GObject *scale = gtk_widget_get_template_child (GTK_WIDGET (self), EPI_TYPE_WINDOW, "speed_scale");
  g_autofree char *text = NULL;

  /* Translators: the drawing's speed, as in "1.5×". */
  text = g_strdup_printf (_("%g×"), round (epi_canvas_get_speed (self->canvas) * 100) / 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Lifecycle ----------------------------------------------------------------- */

static void
on_stop_response (AdwMessageDialog *dialog,
                  const char       *response,
                  EpiWindow        *self)
{
  if (g_strcmp0 (response, "stop") != 0)
    return;

  /* The batch may have ended under the question: closing is all that is
   * left of "Stop and Close". */
  if (self->batch == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->close_when_done = TRUE;
  epi_batch_cancel (self->batch);
}

/* Closing during a batch asks first; stopping cancels cleanly and the
 * window closes when the last task has ended. The question goes by
 * itself if the batch ends first. */
static gboolean
epi_window_close_request (GtkWindow *window)
{
  EpiWindow *self = EPI_WINDOW (window);
  AdwMessageDialog *dialog;
  int width, height;

  if (self->batch != NULL && !self->close_when_done)
    {
      if (self->stop_dialog != NULL)
        {
          gtk_window_present (self->stop_dialog);
          return TRUE;
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Stop Sealing?"),
                                                          _("Some pictures are still being sealed. "
                                                            "Stopping leaves no partial files.")));
      adw_message_dialog_add_responses (dialog, "keep", _("_Keep Sealing"), "stop", _("_Stop and Close"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_stop_response), self, 0);
      epi_accessible_fix_mnemonic_names (GTK_WIDGET (dialog));
      self->stop_dialog = GTK_WINDOW (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->stop_dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (self->batch != NULL)
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  g_cancellable_cancel (self->cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);

  return GTK_WINDOW_CLASS (epi_window_parent_class)->close_request (window);
}

static void
on_row_retry (EpiTaskRow *row,
              EpiWindow  *self)
{
  epi_window_retry_item (self, epi_task_row_get_item (row), FALSE);
}

static void
on_row_retry_new_password (EpiTaskRow *row,
                           EpiWindow  *self)
{
  epi_window_retry_item (self, epi_task_row_get_item (row), TRUE);
}

static void
on_row_remove (EpiTaskRow *row,
               EpiWindow  *self)
{
  epi_window_remove_item (self, epi_task_row_get_item (row));
}

/* A click or tap on a row shows its viewer page on a narrow screen.
 * The list's own gesture, on the row's parent, selects the row only
 * after this one has run, so the row is selected here first; selecting
 * it again changes nothing. */
static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 EpiWindow       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  EpiTaskItem *item = epi_task_row_get_item (EPI_TASK_ROW (row));

  if (item != NULL)
    epi_window_select (self, item);
  epi_window_show_viewer (self);
}

/* Each row acts on its own item; what needs the window it asks for by
 * signal, answered here with that item. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           EpiWindow                *self)
{
  GtkWidget *row = epi_task_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, 0);
  g_signal_connect_object (row, "retry-new-password", G_CALLBACK (on_row_retry_new_password), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  epi_task_row_set_item (EPI_TASK_ROW (gtk_list_item_get_child (list_item)),
                         gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  epi_task_row_set_item (EPI_TASK_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
epi_window_dispose (GObject *object)
{
  EpiWindow *self = EPI_WINDOW (object);

  if (self->batch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->batch, self);
      g_clear_object (&self->batch);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->undo_toast = NULL;
  g_clear_weak_pointer (&self->offer_toast);
  if (self->stop_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->stop_dialog), (gpointer *) &self->stop_dialog);
      gtk_window_destroy (g_steal_pointer (&self->stop_dialog));
    }
  epi_window_export_dispose (self);
  g_clear_object (&self->unlocking);
  g_clear_pointer (&self->unlock_queue, g_ptr_array_unref);
  if (self->batch_items != NULL)
    g_ptr_array_foreach (self->batch_items, disconnect_item, self);
  g_clear_pointer (&self->batch_items, g_ptr_array_unref);
  g_clear_object (&self->selected_item);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (epi_window_parent_class)->dispose (object);
}

static void
epi_window_class_init (EpiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = epi_window_dispose;
  window_class->close_request = epi_window_close_request;

  g_type_ensure (EPI_TYPE_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, viewer_title);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, viewer_status);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, viewer_box);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_bar);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, controls);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, encrypt_button);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, overlay_label);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, export_progress);
  /* Looked up, not kept: only its accessible value text is set. */
  gtk_widget_class_bind_template_child_full (widget_class, "speed_scale", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, export_box);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, preview);
  epi_window_bind_viewer (widget_class);
}

static void
epi_window_init (EpiWindow *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->batch_items = g_ptr_array_new_with_free_func (g_object_unref);
  self->unlock_queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_list_store_new (EPI_TYPE_TASK_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  /* Nothing is selected until a row is chosen, and only taking the row
   * off the list unselects it: Space or Ctrl+click on the row on show
   * must not hide its drawing. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Ahead of the rows' own binding for Space, which selects. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_title_buttons), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  g_signal_connect_swapped (self->viewer_box, "notify::visible", G_CALLBACK (update_title_buttons), self);
  update_title_buttons (self);
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (on_items_changed), self);

  g_object_bind_property_full (self->canvas, "speed", self->speed_adjustment, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               speed_to_scale, scale_to_speed, NULL, NULL);
  epi_canvas_set_speed (self->canvas, g_settings_get_double (self->settings, "default-speed"));
  epi_canvas_set_show_circles (self->canvas, g_settings_get_boolean (self->settings, "show-circles"));
  g_signal_connect_swapped (self->canvas, "notify::frame", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::fps", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::percentage", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::n-terms", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::playing", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::playing", G_CALLBACK (on_playing_changed), self);
  g_signal_connect_swapped (self->canvas, "notify::speed", G_CALLBACK (update_speed_text), self);
  update_speed_text (self);
  epi_accessible_fix_mnemonic_names (GTK_WIDGET (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  epi_window_install_actions (self);
  epi_window_setup_viewer (self);
  epi_window_setup_drop_target (self);
  on_items_changed (self, 0, 0, 0, G_LIST_MODEL (self->items));
  update_overlay (self);
}

EpiWindow *
epi_window_new (EpiApplication *application)
{
  return g_object_new (EPI_TYPE_WINDOW, "application", application, NULL);
}
