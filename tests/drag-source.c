/* drag-source.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window that offers the files named on its command line to a drag, as
 * a file manager would: the other end of the drag-and-drop test.
 */

#include "config.h"

#include <gtk/gtk.h>

static GdkContentProvider *
on_prepare (GtkDragSource *source,
            double         x,
            double         y,
            GdkFileList   *files)
{
  return gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
}

static void
on_activate (GtkApplication *app,
             GdkFileList    *files)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *label = gtk_label_new ("Drag me");
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Drag Source");
  gtk_window_set_default_size (GTK_WINDOW (window), 240, 160);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_prepare), files);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GdkFileList *list;
  int status;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
  list = gdk_file_list_new_from_array ((GFile **) files->pdata, files->len);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), list);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return status;
}
