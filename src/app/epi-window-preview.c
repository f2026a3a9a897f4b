/* epi-window-preview.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The picture itself in the viewer, for a selected row that has no
 * drawing yet: the row's small thumbnail at once, then a screen-sized
 * one made off the main thread with the same loader and checks as
 * sealing (the file is untrusted).
 */

#include "config.h"

#include "epi-window-private.h"

/* Pixels on the longer side: enough for the viewer on a large screen,
 * small enough to make in a moment. */
#define PREVIEW_SIZE 1600

#define PREVIEWED_KEY "epi-previewed"

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  pixbuf = epi_image_load_thumbnail (task_data, PREVIEW_SIZE, PREVIEW_SIZE, NULL, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
on_preview (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  EpiWindow *self = EPI_WINDOW (source);
  g_autoptr(EpiTaskItem) item = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_object_get_data (G_OBJECT (self->preview), PREVIEWED_KEY) != item)
    return;

  /* Loaded or not, it is done: epi_window_show_preview() then tells
   * from the paintable whether there is a picture to show. */
  g_clear_object (&self->preview_cancellable);
  if (texture != NULL)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  else if (gtk_picture_get_paintable (self->preview) == NULL &&
           g_strcmp0 (gtk_stack_get_visible_child_name (self->canvas_stack), "picture") == 0)
    /* Not a picture after all (its row will say why): nothing to show. */
    gtk_stack_set_visible_child_name (self->canvas_stack, "empty");
}

/* Shows the picture of @item, a picture to seal, in the viewer's
 * picture page, or forgets the one shown when @item is NULL. Returns
 * whether there is a picture to show, or one on its way: not for a
 * picture already tried that could not be loaded, whose page would be
 * blank. Main thread only. */
gboolean
epi_window_show_preview (EpiWindow   *self,
                         EpiTaskItem *item)
{
  g_autoptr(GTask) task = NULL;
  GdkPaintable *thumbnail = NULL;

  g_assert (EPI_IS_WINDOW (self));

  if (item != NULL && epi_task_item_get_kind (item) != EPI_ITEM_IMAGE)
    item = NULL;
  if (item != NULL && g_object_get_data (G_OBJECT (self->preview), PREVIEWED_KEY) == item)
    return gtk_picture_get_paintable (self->preview) != NULL || self->preview_cancellable != NULL;

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_object_set_data (G_OBJECT (self->preview), PREVIEWED_KEY, NULL);
  gtk_picture_set_paintable (self->preview, NULL);
  if (item == NULL)
    return FALSE;

  g_object_get (item, "thumbnail", &thumbnail, NULL);
  gtk_picture_set_paintable (self->preview, thumbnail);
  g_clear_object (&thumbnail);
  g_object_set_data_full (G_OBJECT (self->preview), PREVIEWED_KEY, g_object_ref (item), g_object_unref);

  self->preview_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->preview_cancellable, on_preview, g_object_ref (item));
  g_task_set_task_data (task, g_file_get_path (epi_task_item_get_file (item)), g_free);
  g_task_run_in_thread (task, preview_thread);
  return TRUE;
}
