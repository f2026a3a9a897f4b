/* epi-application.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-application.h"
#include "epi-preferences.h"
#include "epi-window.h"

/* Where people find the project and report problems; the metainfo file
 * names the same addresses. */
#define EPI_WEBSITE   "https://github.com/epicrypt/epicrypt"
#define EPI_ISSUE_URL "https://github.com/epicrypt/epicrypt/issues"

struct _EpiApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EpiApplication, epi_application, ADW_TYPE_APPLICATION)

static EpiWindow *
get_window (EpiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL || !EPI_IS_WINDOW (window))
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

  gtk_window_present (GTK_WINDOW (window));
  epi_window_add_files (window, files, (guint) n_files);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing asks first if a batch is running. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (epi_preferences_new (parent)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *developers[] = { "The Epicrypt authors", NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (user_data)));
  adw_about_window_set_application_name (about, "Epicrypt");
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Seal pictures as password-protected epicycle drawings"));
  adw_about_window_set_website (about, EPI_WEBSITE);
  adw_about_window_set_issue_url (about, EPI_ISSUE_URL);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
epi_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.add-images", { "<Control>o", NULL } },
    { "win.add-folder", { "<Control><Shift>a", NULL } },
    { "win.open-sealed", { "<Control><Shift>o", NULL } },
    { "win.unlock-all", { "<Control>u", NULL } },
    { "win.encrypt", { "<Control>Return", NULL } },
    { "win.retry-failed", { "<Control>r", NULL } },
    { "win.clear-finished", { "<Control><Shift>Delete", NULL } },
    { "win.export", { "<Control>e", NULL } },
    /* Keys without a modifier (Space, Home, [ and ], + and −, C) belong
     * to the drawing and its controls, not to the window: epi-window.ui
     * gives them to the viewer alone, so that a focused button or list
     * keeps its own keys. */
    { "win.zoom-in", { "<Control>plus", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.cancel-all", { "<Control><Shift>Escape", NULL } },
  };

  G_APPLICATION_CLASS (epi_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
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
