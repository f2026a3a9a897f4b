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
  gboolean waiting = FALSE, retryable = FALSE, finished = FALSE;
  gboolean drawing = epi_canvas_get_has_drawing (self->canvas);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      waiting |= state == EPI_ITEM_WAITING;
      retryable |= epi_task_item_get_kind (item) == EPI_ITEM_IMAGE &&
                   (state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED);
      finished |= state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED;
    }

  set_enabled (self, "encrypt", waiting && self->batch == NULL);
  set_enabled (self, "cancel-all", self->batch != NULL);
  set_enabled (self, "retry-failed", retryable && self->batch == NULL);
  set_enabled (self, "clear-finished", finished);
  for (const char * const *name = (const char * const[]) { "play", "reset", "zoom-in", "zoom-out",
                                                             "zoom-fit", "faster", "slower", "export", NULL };
       *name != NULL; name++)
    set_enabled (self, *name, drawing);

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

/* What a row's Retry asks for. A picture goes back to waiting for the
 * next Encrypt, which asks for a password again: the last one was wiped
 * when its batch ended. A sealed file asks for its password again. */
void
epi_window_retry_item (EpiWindow   *self,
                       EpiTaskItem *item)
{
  g_assert (EPI_IS_WINDOW (self));
  g_assert (EPI_IS_TASK_ITEM (item));

  if (epi_task_item_get_kind (item) == EPI_ITEM_SEALED)
    {
      epi_window_unlock (self, item);
      return;
    }

  epi_task_item_requeue (item);
  epi_window_update_actions (self);
  epi_window_encrypt (self);
}

static void
retry_failed (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EpiWindow *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      if (epi_task_item_get_kind (item) == EPI_ITEM_IMAGE &&
          (state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED))
        epi_task_item_requeue (item);
    }
  epi_window_update_actions (self);
  epi_window_encrypt (self);
}

/* What a row's Remove asks for: the item leaves the list. */
void
epi_window_remove_item (EpiWindow   *self,
                        EpiTaskItem *item)
{
  guint position;

  g_assert (EPI_IS_WINDOW (self));
  g_assert (EPI_IS_TASK_ITEM (item));

  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);
}

static void
cancel_all (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  EpiWindow *self = user_data;

  if (self->batch != NULL)
    epi_batch_cancel (self->batch);
}

static void
clear_finished (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EpiWindow *self = user_data;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->items)); i-- > 0;)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      EpiItemState state = epi_task_item_get_state (item);

      if (state == EPI_ITEM_DONE || state == EPI_ITEM_FAILED || state == EPI_ITEM_CANCELLED)
        g_list_store_remove (self->items, i);
    }
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

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 EpiWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      epi_window_export (self, file);
    }
  g_object_unref (dialog);
}

static void
export (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  EpiWindow *self = user_data;
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) gif = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (item == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Drawing"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (gif, _("Animated GIF"));
  gtk_file_filter_add_pattern (gif, "*.gif");
  gtk_file_filter_set_name (png, _("PNG picture of the finished drawing"));
  gtk_file_filter_add_pattern (png, "*.png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), gif);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), png);
  name = g_strdup_printf ("%s.gif", epi_task_item_get_name (item));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry window_actions[] = {
  { "add-images", add_images },
  { "add-folder", add_folder },
  { "open-sealed", open_sealed },
  { "encrypt", encrypt },
  { "cancel-all", cancel_all },
  { "retry-failed", retry_failed },
  { "clear-finished", clear_finished },
  { "play", play },
  { "reset", reset },
  { "zoom-in", zoom_in },
  { "zoom-out", zoom_out },
  { "zoom-fit", zoom_fit },
  { "faster", faster },
  { "slower", slower },
  { "show-circles", NULL, NULL, "true", show_circles },
  { "export", export },
};

void
epi_window_install_actions (EpiWindow *self)
{
  GAction *circles;

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  circles = g_action_map_lookup_action (G_ACTION_MAP (self), "show-circles");
  g_simple_action_set_state (G_SIMPLE_ACTION (circles),
                             g_variant_new_boolean (g_settings_get_boolean (self->settings, "show-circles")));
  epi_window_update_actions (self);
}

/* Export -------------------------------------------------------------------- */

static void
on_export_progress (guint    frame,
                    guint    n_frames,
                    gpointer user_data)
{
  EpiWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->export_progress, (double) frame / MAX (n_frames, 1));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EpiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), FALSE);
  g_clear_object (&self->export_cancellable);

  if (epi_export_finish (result, &error))
    epi_window_toast (self, _("Drawing exported"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    epi_window_toast (self, error->message);
}

/* Writes the drawing on show to @file, off the main thread. */
void
epi_window_export (EpiWindow *self,
                   GFile     *file)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  GAction *circles = g_action_map_lookup_action (G_ACTION_MAP (self), "show-circles");
  g_autoptr(GVariant) state = g_action_get_state (circles);
  g_autofree char *path = g_file_get_path (file);
  EpiExportOptions options;

  if (item == NULL || epi_task_item_get_spectrum (item) == NULL || path == NULL ||
      self->export_cancellable != NULL)
    return;

  epi_export_options_init (&options);
  options.kind = epi_export_kind_for_path (path);
  options.show_circles = g_variant_get_boolean (state);
  options.speed = epi_canvas_get_speed (self->canvas);
  /* The file chooser has already asked before replacing. */
  options.overwrite = TRUE;

  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), TRUE);
  epi_export_async (epi_task_item_get_spectrum (item), path, &options, on_export_progress, self,
                    self->export_cancellable, on_exported, g_object_ref (self));
}
