/* epi-application.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-application.h"
#include "epi-window.h"

struct _EpiApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EpiApplication, epi_application, GTK_TYPE_APPLICATION)

static EpiWindow *
get_window (EpiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (epi_window_new (self));

  return EPI_WINDOW (window);
}

static void
epi_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (EPI_APPLICATION (app))));
}

/* Files from the command line or the file manager are queued like
 * dropped ones. */
static void
epi_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  EpiWindow *window = get_window (EPI_APPLICATION (app));

  epi_window_add_files (window, files, (guint) n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { "The Epicrypt authors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "Epicrypt",
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Seal pictures as password-protected epicycle drawings"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
epi_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (epi_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
epi_application_class_init (EpiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = epi_application_activate;
  app_class->open = epi_application_open;
  app_class->startup = epi_application_startup;
}

static void
epi_application_init (EpiApplication *self)
{
}

EpiApplication *
epi_application_new (void)
{
  return g_object_new (EPI_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/epicrypt/Epicrypt",
                       NULL);
}
