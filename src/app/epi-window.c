/* epi-window.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the queued files, or an empty state saying what to do.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-window.h"

struct _EpiWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkListBox           *file_list;

  /* Owned references */
  GListStore           *files;  /* GFile items, in the order they came */
};

G_DEFINE_FINAL_TYPE (EpiWindow, epi_window, GTK_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_file_row (gpointer item,
                 gpointer user_data)
{
  g_autofree char *name = g_file_get_basename (G_FILE (item));
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  return label;
}

static void
update_page (EpiWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->files)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "files");
}

void
epi_window_add_files (EpiWindow  *self,
                      GFile     **files,
                      guint       n_files)
{
  g_return_if_fail (EPI_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    g_list_store_append (self->files, files[i]);
  update_page (self);
}

guint
epi_window_get_n_files (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->files));
}

static void
epi_window_dispose (GObject *object)
{
  EpiWindow *self = EPI_WINDOW (object);

  g_clear_object (&self->files);

  G_OBJECT_CLASS (epi_window_parent_class)->dispose (object);
}

static void
epi_window_class_init (EpiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = epi_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, file_list);
}

static void
epi_window_init (EpiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->files = g_list_store_new (G_TYPE_FILE);
  gtk_list_box_bind_model (self->file_list, G_LIST_MODEL (self->files),
                           create_file_row, NULL, NULL);
  update_page (self);
}

EpiWindow *
epi_window_new (EpiApplication *application)
{
  return g_object_new (EPI_TYPE_WINDOW, "application", application, NULL);
}
