/* epi-window-undo.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking rows off the task list, undoably: Remove and Clear Finished
 * leave a toast with an Undo button that puts the rows back where they
 * were. Removals made while the toast is up join it, so one Undo brings
 * back everything that toast names. Main thread only.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-window-private.h"

/* One row that left the list. */
typedef struct
{
  EpiTaskItem *item;      /* owned */
  guint        position;  /* where it was when it left */
} Removed;

static void
removed_free (gpointer data)
{
  Removed *removed = data;

  g_object_unref (removed->item);
  g_free (removed);
}

/* Whether the list holds @item, or another row for the same file added
 * since (a drop of it again): then it is not put back twice. */
static gboolean
list_holds (EpiWindow   *self,
            EpiTaskItem *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) other = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (other == item || g_file_equal (epi_task_item_get_file (other), epi_task_item_get_file (item)))
        return TRUE;
    }
  return FALSE;
}

#define REMOVED_KEY "epi-removed"
/* The row that was selected when it left, if one of the toast's was. */
#define SELECTED_KEY "epi-removed-selected"

/* Undo: the rows go back in the reverse order they left, each to the
 * place it had, so the list is as it was. */
static void
on_undo (AdwToast  *toast,
         EpiWindow *self)
{
  g_autoptr(GPtrArray) removed = g_object_steal_data (G_OBJECT (toast), REMOVED_KEY);
  g_autoptr(EpiTaskItem) selected = g_object_steal_data (G_OBJECT (toast), SELECTED_KEY);

  if (self->undo_toast == toast)
    self->undo_toast = NULL;
  if (removed == NULL)
    return;

  for (guint i = removed->len; i-- > 0;)
    {
      Removed *entry = g_ptr_array_index (removed, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

      if (!list_holds (self, entry->item))
        g_list_store_insert (self->items, MIN (entry->position, n), entry->item);
    }

  /* The row that was on show is on show again, unless another has been
   * chosen since. */
  if (selected != NULL && gtk_single_selection_get_selected_item (self->selection) == NULL)
    epi_window_select (self, selected);
}

/* The toast went, with or without Undo: its rows go with it. */
static void
on_undo_dismissed (AdwToast  *toast,
                   EpiWindow *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* The toast's title, which libadwaita 1.2 reads as markup: a name is
 * escaped. */
static char *
undo_title (GPtrArray *removed)
{
  Removed *first = g_ptr_array_index (removed, 0);

  if (removed->len == 1)
    {
      g_autofree char *name = g_markup_escape_text (epi_task_item_get_name (first->item), -1);

      /* Translators: the name of the row taken off the list. */
      return g_strdup_printf (_("“%s” removed"), name);
    }
  return g_strdup_printf (ngettext ("%u row removed", "%u rows removed", removed->len), removed->len);
}

/* Takes @items (EpiTaskItem) off the list and offers to put them back
 * with a toast; an item not in the list is passed over. The toast comes
 * at once, ahead of any other: Undo is for the moment after the click.
 * The rows it would put back are the toast's, and go with it. A toast
 * already offering Undo takes the new rows too, names them all and
 * starts its time again, as libadwaita shows for stacked undo. */
void
epi_window_remove_items (EpiWindow *self,
                         GPtrArray *items)
{
  GPtrArray *removed = NULL;
  g_autofree char *title = NULL;
  EpiTaskItem *selected = gtk_single_selection_get_selected_item (self->selection);
  gboolean took_selected = FALSE;
  guint before;

  g_assert (EPI_IS_WINDOW (self));

  if (self->undo_toast != NULL)
    removed = g_object_get_data (G_OBJECT (self->undo_toast), REMOVED_KEY);
  if (removed == NULL)
    {
      self->undo_toast = NULL;
      removed = g_ptr_array_new_with_free_func (removed_free);
    }
  else
    g_ptr_array_ref (removed);
  before = removed->len;

  for (guint i = 0; i < items->len; i++)
    {
      EpiTaskItem *item = g_ptr_array_index (items, i);
      Removed *entry;
      guint position;

      if (!g_list_store_find (self->items, item, &position))
        continue;
      /* The export of a drawing goes with its row: nothing is left of it. */
      if (item == self->export_item && self->export_cancellable != NULL)
        g_cancellable_cancel (self->export_cancellable);
      entry = g_new0 (Removed, 1);
      entry->item = g_object_ref (item);
      entry->position = position;
      g_ptr_array_add (removed, entry);
      took_selected |= item == selected;
      g_list_store_remove (self->items, position);
    }

  if (removed->len == before)
    {
      g_ptr_array_unref (removed);
      return;
    }

  title = undo_title (removed);
  if (self->undo_toast != NULL)
    {
      g_ptr_array_unref (removed);
      if (took_selected)
        g_object_set_data_full (G_OBJECT (self->undo_toast), SELECTED_KEY, g_object_ref (selected),
                                g_object_unref);
      adw_toast_set_title (self->undo_toast, title);
      adw_toast_overlay_add_toast (self->toasts, g_object_ref (self->undo_toast));
      return;
    }

  self->undo_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (self->undo_toast), REMOVED_KEY, removed,
                          (GDestroyNotify) g_ptr_array_unref);
  if (took_selected)
    g_object_set_data_full (G_OBJECT (self->undo_toast), SELECTED_KEY, g_object_ref (selected),
                            g_object_unref);
  g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (on_undo), self, 0);
  g_signal_connect_object (self->undo_toast, "dismissed", G_CALLBACK (on_undo_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toasts, self->undo_toast);
}
