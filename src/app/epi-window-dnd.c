/* epi-window-dnd.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files arriving by drag-and-drop, the file dialogs and the command line
 * all come through epi_window_add_files(): pictures are queued to seal,
 * sealed files are opened, folders add the pictures in them (not their
 * subfolders), and anything else is skipped with a word saying why.
 * Sorting files out and making thumbnails happen off the main thread.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "epi-window-private.h"

#define THUMBNAIL_SIZE 96

typedef struct
{
  GPtrArray *inputs;    /* owned GFile, as given */
  GPtrArray *images;    /* owned GFile */
  GPtrArray *sealed;    /* owned GFile */
  GPtrArray *skipped;   /* owned display names */
  GPtrArray *folders;   /* owned display names of the folders read */
  guint      from_folders;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_ptr_array_unref (job->inputs);
  g_ptr_array_unref (job->images);
  g_ptr_array_unref (job->sealed);
  g_ptr_array_unref (job->skipped);
  g_ptr_array_unref (job->folders);
  g_free (job);
}

static GHashTable *
picture_types (void)
{
  GHashTable *types = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *mime = epi_image_mime_types ();

  for (guint i = 0; mime[i] != NULL; i++)
    g_hash_table_add (types, (gpointer) mime[i]);

  return types;
}

/* Picture, sealed file, or neither. */
static void
sort_file (AddJob     *job,
           GFile      *file,
           GFileInfo  *info,
           GHashTable *types,
           gboolean    in_folder)
{
  const char *name = g_file_info_get_display_name (info);
  const char *type = g_file_info_get_content_type (info);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".epicrypt") || g_strcmp0 (type, "application/x-epicrypt") == 0)
    g_ptr_array_add (job->sealed, g_object_ref (file));
  else if (type != NULL && g_hash_table_contains (types, type))
    {
      g_ptr_array_add (job->images, g_object_ref (file));
      job->from_folders += in_folder;
    }
  else if (!in_folder)
    g_ptr_array_add (job->skipped, g_strdup (name));
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autoptr(GHashTable) types = picture_types ();
  const char *attributes = G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      GFile *file = g_ptr_array_index (job->inputs, i);
      g_autoptr(GFileInfo) info = g_file_query_info (file, attributes, G_FILE_QUERY_INFO_NONE,
                                                     cancellable, NULL);

      if (info == NULL)
        {
          g_ptr_array_add (job->skipped, g_file_get_basename (file));
          continue;
        }

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GFileEnumerator) children =
            g_file_enumerate_children (file, attributes, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
          GFileInfo *child_info;

          g_ptr_array_add (job->folders, g_strdup (g_file_info_get_display_name (info)));
          while (children != NULL &&
                 (child_info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
            {
              g_autoptr(GFileInfo) owned = child_info;
              g_autoptr(GFile) child = g_file_enumerator_get_child (children, child_info);

              if (g_file_info_get_file_type (child_info) == G_FILE_TYPE_REGULAR)
                sort_file (job, child, child_info, types, TRUE);
            }
        }
      else
        sort_file (job, file, info, types, FALSE);
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EpiWindow *self = EPI_WINDOW (source);
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;

  for (guint i = 0; i < job->images->len; i++)
    {
      g_autoptr(EpiTaskItem) item = epi_task_item_new (g_ptr_array_index (job->images, i), EPI_ITEM_IMAGE);

      g_list_store_append (self->items, item);
      epi_window_load_thumbnail (self, item);
    }
  for (guint i = 0; i < job->sealed->len; i++)
    {
      g_autoptr(EpiTaskItem) item = epi_task_item_new (g_ptr_array_index (job->sealed, i), EPI_ITEM_SEALED);

      g_list_store_append (self->items, item);
    }

  if (job->folders->len > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("Added %u picture from “%s”", "Added %u pictures from “%s”",
                                        job->from_folders),
                              job->from_folders, (const char *) g_ptr_array_index (job->folders, 0));
      epi_window_toast (self, text);
    }

  if (job->skipped->len > 0)
    {
      g_autofree char *text = NULL;

      if (job->skipped->len == 1)
        text = g_strdup_printf (_("Skipped “%s”: not a picture or a sealed file"),
                                (const char *) g_ptr_array_index (job->skipped, 0));
      else
        text = g_strdup_printf (_("Skipped %u files that are not pictures or sealed files, such as “%s”"),
                                job->skipped->len, (const char *) g_ptr_array_index (job->skipped, 0));
      epi_window_toast (self, text);
    }

  epi_window_update_actions (self);
  epi_window_unlock_next (self);
}

/* Queues @files however they came. */
void
epi_window_add_files (EpiWindow  *self,
                      GFile     **files,
                      guint       n_files)
{
  g_autoptr(GTask) task = NULL;
  AddJob *job;

  g_return_if_fail (EPI_IS_WINDOW (self));

  job = g_new0 (AddJob, 1);
  job->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  job->images = g_ptr_array_new_with_free_func (g_object_unref);
  job->sealed = g_ptr_array_new_with_free_func (g_object_unref);
  job->skipped = g_ptr_array_new_with_free_func (g_free);
  job->folders = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->inputs, g_object_ref (files[i]));

  task = g_task_new (self, self->cancellable, on_added, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, add_thread);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EpiWindow     *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  epi_window_add_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

GtkDropTarget *
epi_window_get_drop_target (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), "epi-drop-target");
}

void
epi_window_setup_drop_target (EpiWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  g_object_set_data (G_OBJECT (self), "epi-drop-target", target);
}

/* Thumbnails ---------------------------------------------------------------- */

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  GError *error = NULL;
  int width = 0, height = 0;

  /* The same size check as sealing: no decompression bomb here either. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL ||
      (guint64) width * (guint64) height > EPI_DEFAULT_MAX_PIXELS)
    {
      g_task_return_new_error (task, EPI_ERROR, EPI_ERROR_TOO_LARGE, "no thumbnail");
      return;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE, THUMBNAIL_SIZE, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (upright), g_object_unref);
}

static void
on_thumbnail (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EpiTaskItem) item = user_data;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (texture != NULL)
    epi_task_item_set_thumbnail (item, GDK_PAINTABLE (texture));
}

void
epi_window_load_thumbnail (EpiWindow   *self,
                           EpiTaskItem *item)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_thumbnail, g_object_ref (item));

  g_task_set_task_data (task, g_file_get_path (epi_task_item_get_file (item)), g_free);
  g_task_run_in_thread (task, thumbnail_thread);
}
