/* epi-window-actions.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions: the header bar, the batch buttons, the drawing's
 * controls and their keyboard shortcuts; and what the rows' Retry and
 * Remove ask of the window.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-window-private.h"

#define SPEED_STEP 1.25

static void
set_enabled (EpiWindow  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What can be done depends on what the list holds and what runs. */
void
epi_window_update_actions (EpiWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean waiting = FALSE, retryable = FALSE, finished = FALSE, locked = FALSE;
  gboolean drawing = epi_canvas_get_has_drawing (self->canvas);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      waiting |= state == EPI_ITEM_WAITING;
      retryable |= epi_task_item_get_kind (item) == EPI_ITEM_IMAGE && state != EPI_ITEM_WAITING &&
                   epi_task_item_get_can_retry (item);
      locked |= state == EPI_ITEM_LOCKED;
      finished |= state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED;
    }

  set_enabled (self, "encrypt", waiting && self->batch == NULL);
  set_enabled (self, "cancel-all", self->batch != NULL);
  set_enabled (self, "retry-failed", retryable && self->batch == NULL);
  set_enabled (self, "clear-finished", finished);
  set_enabled (self, "unlock-all", locked);
  if (!locked && self->offer_toast != NULL)
    adw_toast_dismiss (self->offer_toast);
  for (const char * const *name = (const char * const[]) { "play", "reset", "zoom-in", "zoom-out",
                                                             "zoom-fit", "faster", "slower", NULL };
       *name != NULL; name++)
    set_enabled (self, *name, drawing);
  set_enabled (self, "export", drawing && self->export_cancellable == NULL);

  epi_window_update_hints (self);
}

static void
add_images_response (GtkNativeDialog *dialog,
                     int              response,
                     EpiWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      epi_window_add_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (dialog);
}

static void
choose_files (EpiWindow  *self,
              const char *title,
              gboolean    sealed)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (sealed)
    {
      gtk_file_filter_set_name (filter, _("Sealed drawings"));
      gtk_file_filter_add_pattern (filter, "*.epicrypt");
    }
  else
    {
      const char * const *mime = epi_image_mime_types ();

      gtk_file_filter_set_name (filter, _("Pictures"));
      for (guint i = 0; mime[i] != NULL; i++)
        gtk_file_filter_add_mime_type (filter, mime[i]);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (add_images_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_images (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  choose_files (user_data, _("Add Images"), FALSE);
}

/* Folders add the pictures and sealed files in them, as a dropped
 * folder does. */
static void
add_folder (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Add Folders"), GTK_WINDOW (user_data),
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                               _("_Add"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (add_images_response), user_data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sealed (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  choose_files (user_data, _("Open Sealed Drawings"), TRUE);
}

static void
encrypt (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  epi_window_encrypt (user_data);
}

/* Puts the picture @item back in the queue. With the keyring its batch
 * used still kept, it is sealed again with that one's key at once, so
 * that one batch never ends up under two passwords or two salts, and
 * the key is not derived again; with none kept, or when
 * @new_password, it waits for Encrypt, which asks for one. Returns
 * whether it waits for a password. */
static gboolean
retry_picture (EpiWindow   *self,
               EpiTaskItem *item,
               gboolean     new_password)
{
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (epi_task_item_get_keyring (item) != NULL)
    ring = epi_keyring_ref (epi_task_item_get_keyring (item));
  epi_task_item_requeue (item);
  if (new_password || ring == NULL)
    return TRUE;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (items, g_object_ref (item));
  epi_window_seal_items (self, items, ring);
  return FALSE;
}

/* What a row's Retry asks for: a picture is sealed again (see
 * retry_picture()); a sealed file asks for its password again. Retry is
 * only offered where it can help (epi_task_item_get_can_retry()). */
void
epi_window_retry_item (EpiWindow   *self,
                       EpiTaskItem *item,
                       gboolean     new_password)
{
  g_assert (EPI_IS_WINDOW (self));
  g_assert (EPI_IS_TASK_ITEM (item));

  if (!epi_task_item_get_can_retry (item))
    return;

  if (epi_task_item_get_kind (item) == EPI_ITEM_SEALED)
    {
      epi_window_unlock (self, item);
      return;
    }

  if (retry_picture (self, item, new_password))
    epi_window_encrypt (self);
  epi_window_update_actions (self);
}

/* Seals again every picture of @items (EpiTaskItem) that is still in the
 * list and can be retried, each with its batch's password; the password
 * is asked once for those whose password is gone. */
void
epi_window_retry_pictures (EpiWindow *self,
                           GPtrArray *items)
{
  gboolean ask = FALSE;
  guint position;

  for (guint i = 0; i < items->len; i++)
    {
      EpiTaskItem *item = g_ptr_array_index (items, i);

      if (epi_task_item_get_kind (item) == EPI_ITEM_IMAGE &&
          epi_task_item_get_state (item) != EPI_ITEM_WAITING &&
          epi_task_item_get_can_retry (item) &&
          g_list_store_find (self->items, item, &position))
        ask |= retry_picture (self, item, FALSE);
    }
  if (ask)
    epi_window_encrypt (self);
  epi_window_update_actions (self);
}

static void
retry_failed (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EpiWindow *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->items), i));
  epi_window_retry_pictures (self, items);
}

static void
unlock_all (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  epi_window_unlock_all (user_data);
}

/* What a row's Remove asks for: the item leaves the list, undoably. */
void
epi_window_remove_item (EpiWindow   *self,
                        EpiTaskItem *item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_assert (EPI_IS_WINDOW (self));
  g_assert (EPI_IS_TASK_ITEM (item));

  g_ptr_array_add (items, item);
  epi_window_remove_items (self, items);
}

static void
cancel_all (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  EpiWindow *self = user_data;

  if (self->batch != NULL)
    {
      /* The person's own stop: its toast offers Undo, not Retry. */
      self->cancelled_all = TRUE;
      epi_batch_cancel (self->batch);
    }
}

/* Takes every finished row off the list, undoably; rows still in the
 * running batch stay. */
static void
clear_finished (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EpiWindow *self = user_data;
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->items)); i-- > 0;)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      if (state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED)
        g_ptr_array_add (finished, g_steal_pointer (&item));
    }
  epi_window_remove_items (self, finished);
}

static void
play (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  EpiWindow *self = user_data;

  epi_canvas_set_playing (self->canvas, !epi_canvas_get_playing (self->canvas));
}

static void
reset (GSimpleAction *action,
       GVariant      *parameter,
       gpointer       user_data)
{
  EpiWindow *self = user_data;

  epi_canvas_reset (self->canvas);
}

static void
zoom_in (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  epi_canvas_zoom (EPI_WINDOW (user_data)->canvas, 1.25);
}

static void
zoom_out (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  epi_canvas_zoom (EPI_WINDOW (user_data)->canvas, 1 / 1.25);
}

static void
zoom_fit (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  epi_canvas_fit (EPI_WINDOW (user_data)->canvas);
}

static void
faster (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  EpiCanvas *canvas = EPI_WINDOW (user_data)->canvas;

  epi_canvas_set_speed (canvas, epi_canvas_get_speed (canvas) * SPEED_STEP);
}

static void
slower (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  EpiCanvas *canvas = EPI_WINDOW (user_data)->canvas;

  epi_canvas_set_speed (canvas, epi_canvas_get_speed (canvas) / SPEED_STEP);
}

static void
show_circles (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  EpiWindow *self = user_data;

  g_simple_action_set_state (action, state);
  epi_canvas_set_show_circles (self->canvas, g_variant_get_boolean (state));
}

static const GActionEntry window_actions[] = {
  { "add-images", add_images },
  { "add-folder", add_folder },
  { "open-sealed", open_sealed },
  { "encrypt", encrypt },
  { "cancel-all", cancel_all },
  { "retry-failed", retry_failed },
  { "unlock-all", unlock_all },
  { "clear-finished", clear_finished },
  { "play", play },
  { "reset", reset },
  { "zoom-in", zoom_in },
  { "zoom-out", zoom_out },
  { "zoom-fit", zoom_fit },
  { "faster", faster },
  { "slower", slower },
  { "show-circles", NULL, NULL, "true", show_circles },
};

void
epi_window_install_actions (EpiWindow *self)
{
  GAction *circles;

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  epi_window_install_export_actions (self);

  circles = g_action_map_lookup_action (G_ACTION_MAP (self), "show-circles");
  g_simple_action_set_state (G_SIMPLE_ACTION (circles),
                             g_variant_new_boolean (g_settings_get_boolean (self->settings, "show-circles")));
  epi_window_update_actions (self);
}
