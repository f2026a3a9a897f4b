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

/* A file found to add, before it becomes a row. */
typedef struct
{
  GFile       *file;       /* owned */
  char        *id;         /* owned; GIO's id::file, or NULL */
  EpiItemKind  kind;
  gboolean     in_folder;  /* found inside a folder that was added */
} Found;

/* Something left out, and why, in words for the user. */
typedef struct
{
  char *name;    /* owned; display name */
  char *where;   /* owned; its whole path or address, for the details */
  char *reason;  /* owned */
} Skipped;

typedef struct
{
  GPtrArray *inputs;    /* owned GFile, as given */
  GPtrArray *found;     /* owned Found */
  GPtrArray *skipped;   /* owned Skipped */
  GPtrArray *folders;   /* owned display names of the folders read */
} AddJob;

static void
found_free (Found *found)
{
  g_object_unref (found->file);
  g_free (found->id);
  g_free (found);
}

static void
skipped_free (Skipped *skipped)
{
  g_free (skipped->name);
  g_free (skipped->where);
  g_free (skipped->reason);
  g_free (skipped);
}

static void
add_job_free (AddJob *job)
{
  g_ptr_array_unref (job->inputs);
  g_ptr_array_unref (job->found);
  g_ptr_array_unref (job->skipped);
  g_ptr_array_unref (job->folders);
  g_free (job);
}

static void
skip (AddJob     *job,
      GFile      *file,
      const char *name,
      char       *reason)
{
  Skipped *skipped = g_new0 (Skipped, 1);

  skipped->name = g_strdup (name);
  skipped->where = g_file_get_parse_name (file);
  skipped->reason = reason;
  g_ptr_array_add (job->skipped, skipped);
}

/* Picture, sealed file, or neither. Pictures are told by their first
 * bytes, as the core reads them, so the app and the command line say the
 * same of a file ("ICO pictures are not supported …"). */
static void
sort_file (AddJob     *job,
           GFile      *file,
           GFileInfo  *info,
           gboolean    in_folder)
{
  const char *name = g_file_info_get_display_name (info);
  const char *type = g_file_info_get_content_type (info);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autoptr(GError) error = NULL;
  Found *found;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      skip (job, file, name, g_strdup (_("a folder inside the folder; add it by itself")));
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      skip (job, file, name, g_strdup (_("not a regular file")));
      return;
    }

  found = g_new0 (Found, 1);
  if (g_str_has_suffix (lower, ".epicrypt") || g_strcmp0 (type, "application/x-epicrypt") == 0)
    found->kind = EPI_ITEM_SEALED;
  else if (epi_image_identify_file (g_file_peek_path (file), &error))
    found->kind = EPI_ITEM_IMAGE;
  else
    {
      g_free (found);
      skip (job, file, name, g_strdup (error->message));
      return;
    }

  found->file = g_object_ref (file);
  found->id = g_strdup (g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE));
  found->in_folder = in_folder;
  g_ptr_array_add (job->found, found);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  const char *attributes = G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_ID_FILE;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      GFile *file = g_ptr_array_index (job->inputs, i);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      /* A web link, or a place only GVfs reaches: the core reads paths. */
      if (!g_file_is_native (file))
        {
          g_autofree char *uri = g_file_get_uri (file);

          skip (job, file, uri, g_strdup (_("not a local file; save it to a folder first")));
          continue;
        }

      info = g_file_query_info (file, attributes, G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (info == NULL)
        {
          g_autofree char *name = g_file_get_basename (file);

          /* GIO's own words name the file again, at length. */
          skip (job, file, name, g_strdup (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                           ? _("no such file") : error->message));
          continue;
        }

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GFileEnumerator) children =
            g_file_enumerate_children (file, attributes, G_FILE_QUERY_INFO_NONE, cancellable, &error);
          GFileInfo *child_info;

          if (children == NULL)
            {
              skip (job, file, g_file_info_get_display_name (info), g_strdup (error->message));
              continue;
            }

          g_ptr_array_add (job->folders, g_strdup (g_file_info_get_display_name (info)));
          while ((child_info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
            {
              g_autoptr(GFileInfo) owned = child_info;
              g_autoptr(GFile) child = g_file_enumerator_get_child (children, child_info);

              sort_file (job, child, child_info, TRUE);
            }
        }
      else
        sort_file (job, file, info, FALSE);
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_skipped_details (AdwToast  *toast,
                    GPtrArray *skipped)
{
  GtkWindow *window = g_object_get_data (G_OBJECT (toast), "epi-window");
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < skipped->len; i++)
    {
      Skipped *s = g_ptr_array_index (skipped, i);

      g_string_append_printf (body, "%s%s — %s", i > 0 ? "\n" : "", s->where, s->reason);
    }

  dialog = adw_message_dialog_new (window, _("Files Not Added"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unref_skipped (gpointer  skipped,
               GClosure *closure)
{
  g_ptr_array_unref (skipped);
}

/* One toast saying what was added, from which folder when it all came
 * from one, and what was left out; Details list every file left out with
 * its path and the reason. */
static void
report_added (EpiWindow *self,
              AddJob    *job,
              guint      added,
              guint      from_folders)
{
  GPtrArray *skipped = job->skipped;
  Skipped *first = skipped->len > 0 ? g_ptr_array_index (skipped, 0) : NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (job->folders->len == 0 && skipped->len == 0)
    return;

  if (job->folders->len == 1 && added > 0 && from_folders == added)
    what = g_strdup_printf (ngettext ("Added %u picture from “%s”", "Added %u pictures from “%s”", added),
                            added, (const char *) g_ptr_array_index (job->folders, 0));
  else if (job->folders->len > 0)
    what = g_strdup_printf (ngettext ("Added %u picture", "Added %u pictures", added), added);

  if (what != NULL && skipped->len == 0)
    text = g_steal_pointer (&what);
  else if (what != NULL)
    /* Translators: what was added (“Added 3 pictures”), then how many
     * files were left out. */
    text = g_strdup_printf (ngettext ("%s, skipped %u", "%s, skipped %u", skipped->len), what, skipped->len);
  else if (skipped->len == 1)
    text = g_strdup_printf (_("Skipped “%s”: %s"), first->name, first->reason);
  else
    text = g_strdup_printf (ngettext ("Skipped “%s” (%s) and %u other file",
                                      "Skipped “%s” (%s) and %u other files", skipped->len - 1),
                            first->name, first->reason, skipped->len - 1);

  toast = adw_toast_new (text);
  if (skipped->len > 1 || (skipped->len == 1 && job->folders->len > 0))
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data (G_OBJECT (toast), "epi-window", self);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_skipped_details),
                             g_ptr_array_ref (skipped), unref_skipped, 0);
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Scrolls the list to the row at position @data once the list has a
 * size: a list that was empty a moment ago has not been laid out yet,
 * and a scroll before that is lost. */
static gboolean
scroll_when_laid_out (GtkWidget     *list,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_activate_action (list, "list.scroll-to-item", "u", GPOINTER_TO_UINT (data));
  return G_SOURCE_REMOVE;
}

/* The rows listed now, by file id (unowned: the list holds them). */
static GHashTable *
listed_rows (EpiWindow *self)
{
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (epi_task_item_get_file_id (item) != NULL)
        g_hash_table_insert (listed, g_strdup (epi_task_item_get_file_id (item)), item);
    }
  return listed;
}

/* The newest row comes into view, wherever the list was scrolled to
 * (the list held @n before); else the row of a sealed file chosen
 * again, @chosen, which is selected. */
static void
reveal_rows (EpiWindow   *self,
             guint        n,
             EpiTaskItem *chosen)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > n)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_when_laid_out,
                                  GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (self->items)) - 1),
                                  NULL);
  else if (chosen != NULL)
    {
      guint position;

      if (g_list_store_find (self->items, chosen, &position))
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
  if (chosen != NULL)
    epi_window_select (self, chosen);
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EpiWindow *self = EPI_WINDOW (source);
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  EpiTaskItem *chosen = NULL;  /* a sealed file's row, already listed, to select */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint added = 0, from_folders = 0;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;

  listed = listed_rows (self);

  for (guint i = 0; i < job->found->len; i++)
    {
      Found *found = g_ptr_array_index (job->found, i);
      g_autoptr(EpiTaskItem) item = NULL;

      /* The same file by another path or link is one row, not two. */
      if (found->id != NULL && g_hash_table_contains (listed, found->id))
        {
          EpiTaskItem *row = g_hash_table_lookup (listed, found->id);
          EpiItemState state = epi_task_item_get_state (row);
          g_autofree char *name = NULL;

          /* A sealed file chosen again is meant to be watched: its row
           * is selected, and asked for when it is still locked. */
          if (epi_task_item_get_kind (row) == EPI_ITEM_SEALED &&
              (state == EPI_ITEM_LOCKED || state == EPI_ITEM_DONE))
            {
              if (chosen == NULL)
                chosen = row;
              if (state == EPI_ITEM_LOCKED && row != self->unlocking &&
                  !g_ptr_array_find (sealed, row, NULL))
                g_ptr_array_add (sealed, g_object_ref (row));
              continue;
            }

          name = g_file_get_basename (found->file);
          skip (job, found->file, name, g_strdup (_("already in the list")));
          continue;
        }

      item = epi_task_item_new (found->file, found->kind);
      epi_task_item_set_file_id (item, found->id);
      if (found->id != NULL)
        g_hash_table_insert (listed, g_strdup (found->id), item);
      g_list_store_append (self->items, item);
      if (found->kind == EPI_ITEM_IMAGE)
        epi_window_load_thumbnail (self, item);
      else
        g_ptr_array_add (sealed, g_object_ref (item));
      added += found->kind == EPI_ITEM_IMAGE;
      from_folders += found->in_folder && found->kind == EPI_ITEM_IMAGE;
    }

  report_added (self, job, added, from_folders);

  reveal_rows (self, n, chosen);

  epi_window_update_actions (self);
  /* The sealed files just added, or chosen again while locked, are asked
   * for, not older locked rows. */
  epi_window_unlock_items (self, sealed);
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
  job->found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);
  job->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  job->folders = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->inputs, g_object_ref (files[i]));

  task = g_task_new (self, self->cancellable, on_added, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, add_thread);
}

/* While files are dragged over the window, a frame over everything says
 * a drop is welcome; the outline style draws above the children. */
static GdkDragAction
on_drag_enter (GtkDropTarget *target,
               double         x,
               double         y,
               EpiWindow     *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->toasts), "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
on_drag_leave (GtkDropTarget *target,
               EpiWindow     *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->toasts), "drop-highlight");
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

  gtk_widget_remove_css_class (GTK_WIDGET (self->toasts), "drop-highlight");

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

  g_signal_connect (target, "enter", G_CALLBACK (on_drag_enter), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drag_leave), self);
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
  GError *error = NULL;

  /* The same formats and checks as sealing: the file is untrusted, and no
   * other loader, nor a decompression bomb, gets a chance here either. */
  pixbuf = epi_image_load_thumbnail (path, THUMBNAIL_SIZE, THUMBNAIL_SIZE, NULL, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
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
