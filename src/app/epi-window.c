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

/* The canvas shows the selected row's drawing, if it has one. */
static void
show_selected (EpiWindow *self)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  const EpiSpectrum *spectrum = item != NULL ? epi_task_item_get_spectrum (item) : NULL;

  epi_canvas_set_spectrum (self->canvas, spectrum);
  gtk_stack_set_visible_child_name (self->canvas_stack, spectrum != NULL ? "canvas" : "empty");
  epi_window_update_actions (self);
}

static void
on_items_changed (EpiWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
  epi_window_update_actions (self);
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
    show_selected (self);
}

static void
disconnect_item (gpointer item,
                 gpointer self)
{
  g_signal_handlers_disconnect_by_func (item, on_item_state, self);
}

static void
on_batch_finished (EpiBatch  *batch,
                   EpiWindow *self)
{
  g_autofree char *text = NULL;
  guint done = 0, failed = 0;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  /* One item for each of the batch's tasks; an item sent back to waiting
   * has let go of its task, which had failed or been cancelled. */
  for (guint i = 0; i < self->batch_items->len; i++)
    {
      EpiBatchTask *task = epi_task_item_get_batch_task (g_ptr_array_index (self->batch_items, i));
      EpiTaskState state = task != NULL ? epi_batch_task_get_state (task) : EPI_TASK_FAILED;

      done += state == EPI_TASK_DONE;
      failed += state != EPI_TASK_DONE;
    }

  text = failed == 0 ? g_strdup_printf (ngettext ("Sealed %u picture", "Sealed %u pictures", done), done)
                     : g_strdup_printf (_("Sealed %u, %u failed or cancelled"), done, failed);
  epi_window_toast (self, text);

  /* Someone who looked away during a long batch is told too. */
  if (app != NULL && !gtk_window_is_active (GTK_WINDOW (self)) &&
      g_get_monotonic_time () - self->batch_started >= LONG_BATCH_USEC)
    {
      g_autoptr(GNotification) note = g_notification_new (_("Sealing finished"));

      g_notification_set_body (note, text);
      g_application_send_notification (app, "batch-finished", note);
    }

  /* The batch, and with it the password and its key, go now. */
  g_signal_handlers_disconnect_by_data (batch, self);
  g_ptr_array_foreach (self->batch_items, disconnect_item, self);
  g_ptr_array_set_size (self->batch_items, 0);
  g_clear_object (&self->batch);
  epi_window_update_actions (self);

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

static void
start_batch (EpiWindow *self,
             EpiSecret *secret)
{
  g_autofree char *output_folder = g_settings_get_string (self->settings, "output-folder");
  g_autoptr(GPtrArray) waiting = waiting_items (self);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(GPtrArray) plan = NULL;
  EpiEncodeSettings settings;
  EpiKdfStrength strength;

  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = g_settings_get_uint (self->settings, "coefficients");
  settings.trace.n_points = g_settings_get_uint (self->settings, "points");
  settings.load.max_side = g_settings_get_uint (self->settings, "max-side");
  settings.edges.detail = g_settings_get_uint (self->settings, "detail") / 100.0;
  settings.hide_names = g_settings_get_boolean (self->settings, "hide-names");
  /* The settings' enum values are the strength ids. */
  strength = g_settings_get_enum (self->settings, "kdf-strength");

  self->batch = epi_batch_new (g_settings_get_uint (self->settings, "workers"));
  self->batch_started = g_get_monotonic_time ();
  g_signal_connect (self->batch, "finished", G_CALLBACK (on_batch_finished), self);

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

      task = epi_task_new_encrypt (planned->input, planned->output, &settings, strength, secret);
      task->keep_spectrum = TRUE;

      epi_task_item_queue (item, epi_batch_add (self->batch, 0, task, NULL), output);
      g_signal_connect (item, "notify::state", G_CALLBACK (on_item_state), self);
      g_ptr_array_add (self->batch_items, g_object_ref (item));
    }

  epi_window_update_actions (self);
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

static EpiPasswordDialog *
ask_password (EpiWindow       *self,
              EpiPasswordMode  mode,
              const char      *subject)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (self), mode, subject);

  self->password_dialog = dialog;
  g_object_weak_ref (G_OBJECT (dialog), (GWeakNotify) on_dialog_destroyed, self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Asks for one password, then seals every waiting picture with it. */
void
epi_window_encrypt (EpiWindow *self)
{
  EpiPasswordDialog *dialog;

  if (self->batch != NULL || self->password_dialog != NULL)
    return;

  dialog = ask_password (self, EPI_PASSWORD_NEW,
                         _("The waiting pictures will be sealed with this password. "
                           "Without it, they cannot be opened again."));
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_new_password), self);
}

/* Opening ------------------------------------------------------------------ */

typedef struct
{
  char           *path;          /* owned */
  EpiSecret      *secret;        /* owned reference */
  EpiKdfStrength  max_strength;  /* the costliest key accepted */
  char           *picture_name;  /* owned; kept inside the file, set by the thread */
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->picture_name);
  epi_secret_unref (job->secret);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  g_autoptr(EpiKeyring) ring = NULL;
  GError *error = NULL;
  EpiSpectrum *spectrum;

  /* Opening takes its costs from the file, within the preference. */
  ring = epi_keyring_new (job->secret, EPI_KDF_DEFAULT);
  epi_keyring_set_max_strength (ring, job->max_strength);
  spectrum = epi_pipeline_open (job->path, ring, &job->picture_name, &error);

  if (spectrum != NULL)
    g_task_return_pointer (task, spectrum, (GDestroyNotify) epi_spectrum_free);
  else
    g_task_return_error (task, error);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EpiWindow *self = EPI_WINDOW (source);
  g_autoptr(EpiTaskItem) item = user_data;
  g_autoptr(GError) error = NULL;
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  EpiSpectrum *spectrum = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (spectrum == NULL && self->password_dialog != NULL && self->unlocking == item &&
      (g_error_matches (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD) ||
       g_error_matches (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED)))
    {
      /* Wrong password: say so, and let the person try again. A file of
       * format 1 cannot tell a wrong password from damage. */
      epi_password_dialog_show_error (self->password_dialog,
                                      g_error_matches (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD)
                                      ? _("Wrong password, or the file’s header is damaged.")
                                      : _("Wrong password, or the file has been damaged or altered."));
      return;
    }

  if (self->password_dialog != NULL && self->unlocking == item)
    gtk_window_close (GTK_WINDOW (self->password_dialog));
  g_clear_object (&self->unlocking);

  if (spectrum == NULL)
    epi_task_item_set_failed (item, EPI_ITEM_FAILED, error->message);
  else
    {
      epi_task_item_set_opened (item, spectrum, job->picture_name);
      epi_window_select (self, item);
      show_selected (self);
    }

  epi_window_unlock_next (self);
}

static void
on_open_password (EpiPasswordDialog *dialog,
                  EpiSecret         *secret,
                  EpiWindow         *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_opened, g_object_ref (self->unlocking));
  OpenJob *job = g_new0 (OpenJob, 1);

  job->path = g_file_get_path (epi_task_item_get_file (self->unlocking));
  job->secret = epi_secret_ref (secret);
  job->max_strength = g_settings_get_enum (self->settings, "max-kdf-strength");
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  epi_password_dialog_set_busy (dialog, TRUE);
  g_task_run_in_thread (task, open_thread);
}

/* A sealed file left locked says how to try again, and is not asked
 * for again by itself. */
static gboolean
on_unlock_dialog_closed (EpiWindow *self)
{
  if (self->unlocking != NULL && epi_task_item_get_state (self->unlocking) == EPI_ITEM_LOCKED)
    epi_task_item_set_failed (self->unlocking, EPI_ITEM_LOCKED,
                              _("Not opened: use Retry to enter its password"));
  g_clear_object (&self->unlocking);
  return FALSE;
}

/* Asks for the password of the sealed file @item, unless its header
 * already tells it cannot be opened here: then its row says why. Returns
 * whether the dialog is up. */
static gboolean
try_unlock (EpiWindow   *self,
            EpiTaskItem *item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *path = NULL;
  EpiPasswordDialog *dialog;

  path = g_file_get_path (epi_task_item_get_file (item));
  if (!epi_pipeline_check_sealed (path, g_settings_get_enum (self->settings, "max-kdf-strength"),
                                  NULL, &error))
    {
      epi_task_item_set_failed (item, EPI_ITEM_FAILED, error->message);
      return FALSE;
    }

  g_set_object (&self->unlocking, item);
  subject = g_strdup_printf (_("“%s” is sealed. Enter its password to watch it."),
                             epi_task_item_get_name (item));
  dialog = ask_password (self, EPI_PASSWORD_OPEN, subject);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_open_password), self);
  g_signal_connect_swapped (dialog, "close-request", G_CALLBACK (on_unlock_dialog_closed), self);
  return TRUE;
}

/* Asks for the password of the sealed file @item and opens it; a file
 * refused from its header passes the turn to the next locked one. */
void
epi_window_unlock (EpiWindow   *self,
                   EpiTaskItem *item)
{
  if (self->password_dialog != NULL)
    return;

  if (!try_unlock (self, item))
    epi_window_unlock_next (self);
}

/* The next sealed file still locked, if no dialog is open. */
void
epi_window_unlock_next (EpiWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (self->password_dialog != NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (epi_task_item_get_kind (item) == EPI_ITEM_SEALED &&
          epi_task_item_get_state (item) == EPI_ITEM_LOCKED &&
          epi_task_item_get_detail (item) == NULL)
        {
          if (try_unlock (self, item))
            return;
        }
    }
}

/* The canvas and its overlay ------------------------------------------------ */

static void
update_overlay (EpiWindow *self)
{
  g_autofree char *text = NULL;

  /* The frame rate is a figure of playback only. */
  if (epi_canvas_get_playing (self->canvas))
    /* Translators: frame number, share of the drawing done, frames per second. */
    text = g_strdup_printf (_("Frame %llu · %.0f%% · %.0f FPS"),
                            (unsigned long long) epi_canvas_get_frame (self->canvas),
                            epi_canvas_get_percentage (self->canvas),
                            epi_canvas_get_fps (self->canvas));
  else
    /* Translators: frame number, share of the drawing done. */
    text = g_strdup_printf (_("Frame %llu · %.0f%%"),
                            (unsigned long long) epi_canvas_get_frame (self->canvas),
                            epi_canvas_get_percentage (self->canvas));
  gtk_label_set_text (self->overlay_label, text);
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

/* Lifecycle ----------------------------------------------------------------- */

static void
on_stop_response (AdwMessageDialog *dialog,
                  const char       *response,
                  EpiWindow        *self)
{
  if (g_strcmp0 (response, "stop") != 0 || self->batch == NULL)
    return;

  self->close_when_done = TRUE;
  epi_batch_cancel (self->batch);
}

/* Closing during a batch asks first; stopping cancels cleanly and the
 * window closes when the last task has ended. */
static gboolean
epi_window_close_request (GtkWindow *window)
{
  EpiWindow *self = EPI_WINDOW (window);
  AdwMessageDialog *dialog;
  int width, height;

  if (self->batch != NULL && !self->close_when_done)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Stop Sealing?"),
                                                          _("Some pictures are still being sealed. "
                                                            "Stopping leaves no partial files.")));
      adw_message_dialog_add_responses (dialog, "keep", _("_Keep Sealing"), "stop", _("_Stop and Close"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect (dialog, "response", G_CALLBACK (on_stop_response), self);
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
  epi_window_retry_item (self, epi_task_row_get_item (row));
}

static void
on_row_remove (EpiTaskRow *row,
               EpiWindow  *self)
{
  epi_window_remove_item (self, epi_task_row_get_item (row));
}

/* Each row acts on its own item; what needs the window it asks for by
 * signal, answered here with that item. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           EpiWindow                *self)
{
  GtkWidget *row = epi_task_row_new ();

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, 0);
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
  g_clear_object (&self->unlocking);
  if (self->batch_items != NULL)
    g_ptr_array_foreach (self->batch_items, disconnect_item, self);
  g_clear_pointer (&self->batch_items, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, overlay_label);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, export_progress);
}

static void
epi_window_init (EpiWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->batch_items = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_list_store_new (EPI_TYPE_TASK_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_selected), self);
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (on_items_changed), self);

  g_object_bind_property_full (self->canvas, "speed", self->speed_adjustment, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               speed_to_scale, scale_to_speed, NULL, NULL);
  epi_canvas_set_speed (self->canvas, g_settings_get_double (self->settings, "default-speed"));
  epi_canvas_set_show_circles (self->canvas, g_settings_get_boolean (self->settings, "show-circles"));
  g_signal_connect_swapped (self->canvas, "notify::frame", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::fps", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::playing", G_CALLBACK (update_overlay), self);
  g_signal_connect_swapped (self->canvas, "notify::playing", G_CALLBACK (on_playing_changed), self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  epi_window_install_actions (self);
  epi_window_setup_drop_target (self);
  on_items_changed (self);
  update_overlay (self);
}

EpiWindow *
epi_window_new (EpiApplication *application)
{
  return g_object_new (EPI_TYPE_WINDOW, "application", application, NULL);
}
