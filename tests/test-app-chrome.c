/* test-app-chrome.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window around the work, on a real (virtual) display: the
 * empty window and what the viewer says before a drawing is on show,
 * adding a folder through the same chooser a person uses, new rows
 * scrolled into view, the drop highlight, the preferences and About.
 */

#include "config.h"

#include <string.h>

#include "epi-application.h"
#include "epi-password-dialog.h"
#include "epi-preferences.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window.h"

#define PASSWORD "Glass-Onion-1912"

/* One application for the whole run, as in a real session. */
static EpiApplication *app;

typedef WindowFixture Fixture;

static guint n_mapped_status_pages (GtkWidget *widget);

/* Whether the window @data is on screen with exactly one status page
 * showing: it has settled (slow builds take their time). */
static gboolean
one_page_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && n_mapped_status_pages (data) == 1;
}

/* The shown window, once it has settled. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  window_fixture_set_up (f, data);
  wait_until (one_page_shown, f->window, 20, "the window to show");
}

/* Every mapped widget of @type under @widget, the widget itself
 * included, in the order a person reads them. */
static void
collect_mapped (GtkWidget *widget,
                GType      type,
                GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mapped (child, type, found);
}

static GPtrArray *
mapped (GtkWidget *widget,
        GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_mapped (widget, type, found);
  return found;
}

/* The mapped button under @widget that reads @label. */
static GtkWidget *
find_mapped_button (GtkWidget  *widget,
                    const char *label)
{
  g_autoptr(GPtrArray) buttons = mapped (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static guint
n_mapped_status_pages (GtkWidget *widget)
{
  g_autoptr(GPtrArray) pages = mapped (widget, ADW_TYPE_STATUS_PAGE);

  return pages->len;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} StatusWait;

/* Whether the one status page shown under the window has the title. */
static gboolean
status_shown (gpointer data)
{
  StatusWait *w = data;
  g_autoptr(GPtrArray) pages = mapped (w->root, ADW_TYPE_STATUS_PAGE);

  return pages->len == 1 && g_strcmp0 (adw_status_page_get_title (g_ptr_array_index (pages, 0)), w->title) == 0;
}

static void
wait_for_status (GtkWidget  *root,
                 const char *title)
{
  StatusWait w = { root, title };

  wait_until (status_shown, &w, 20, title);
}

/* The one mapped status page under @widget: its title. */
static const char *
status_title (GtkWidget *widget)
{
  g_autoptr(GPtrArray) pages = mapped (widget, ADW_TYPE_STATUS_PAGE);

  g_assert_cmpuint (pages->len, ==, 1);
  return adw_status_page_get_title (g_ptr_array_index (pages, 0));
}

/* The first toplevel of @type, waiting up to two seconds for it. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  for (guint tries = 0; tries < 200; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
            return GTK_WINDOW (window);
        }
      run_for (10);
    }
  g_error ("no %s came up", g_type_name (type));
}

/* Whether @widget is a button showing the icon @data. */
static gboolean
is_icon_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

/* Whether the widget @data is on screen and laid out. */
static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         gtk_widget_get_height (data) > 0;
}

/* The empty window is one status page whose Add Images… works, with no
 * greyed-out control anywhere; once a picture is in, the viewer says
 * what to do next, and after a batch how to watch a drawing. */
static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  const char *paths[] = { horse, NULL };
  GtkWidget *root = GTK_WIDGET (f->window);
  GtkWidget *add;
  EpiPasswordDialog *dialog;

  g_assert_cmpstr (status_title (root), !=, NULL);
  {
    g_autoptr(GPtrArray) pages = mapped (root, ADW_TYPE_STATUS_PAGE);

    add = find_mapped_button (g_ptr_array_index (pages, 0), "Add Images…");
    g_assert_nonnull (add);
    /* The one page fills the window, not the list's column. */
    wait_until (laid_out, g_ptr_array_index (pages, 0), 20, "the empty window to be laid out");
    g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (pages, 0)), >=,
                     gtk_widget_get_width (find_widget (root, ADW_TYPE_TOAST_OVERLAY)) - 2);
    g_assert_true (gtk_widget_is_sensitive (add));
    g_assert_nonnull (find_mapped_button (g_ptr_array_index (pages, 0), "Add Folder…"));
    g_assert_nonnull (strstr (adw_status_page_get_description (g_ptr_array_index (pages, 0)), "Drop"));
  }
  {
    /* The window's own buttons (close) show at its right edge. */
    g_autoptr(GPtrArray) controls = mapped (root, GTK_TYPE_WINDOW_CONTROLS);
    gboolean end = FALSE;

    for (guint i = 0; i < controls->len; i++)
      end |= gtk_window_controls_get_side (g_ptr_array_index (controls, i)) == GTK_PACK_END &&
             !gtk_window_controls_get_empty (g_ptr_array_index (controls, i));
    g_assert_true (end);
  }
  {
    g_autoptr(GPtrArray) buttons = mapped (root, GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);

        if (!gtk_widget_is_sensitive (button))
          g_error ("“%s” is greyed out in the empty window",
                   gtk_button_get_label (GTK_BUTTON (button)) != NULL
                   ? gtk_button_get_label (GTK_BUTTON (button))
                   : gtk_button_get_icon_name (GTK_BUTTON (button)));
      }
  }

  /* A picture in: the list and the viewer, which says what comes next. */
  drop_files (f->window, paths);
  wait_for_items (f->window, 1);
  wait_for_status (root, "Ready to Seal");
  g_assert_cmpstr (status_title (root), ==, "Ready to Seal");
  g_assert_null (find_mapped_button (root, "Add Images…"));

  /* Sealed: the viewer tells how to watch it, not that there is none. */
  g_settings_set_enum (settings, "kdf-strength", 1);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "encrypt", NULL);
  wait_until (has_dialog, f->window, 20, "the password dialog");
  dialog = EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (f->window));
  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (batch_done, f->window, 60, "the batch to finish");
  wait_for_status (root, "Select a Drawing");
  g_assert_cmpstr (status_title (root), ==, "Select a Drawing");
  g_settings_reset (settings, "kdf-strength");

  /* Emptied again: the one page again. */
  g_list_store_remove_all (G_LIST_STORE (epi_window_get_items (f->window)));
  wait_until (one_page_shown, f->window, 20, "the empty window's one page");
  {
    g_autoptr(GPtrArray) pages = mapped (root, ADW_TYPE_STATUS_PAGE);

    g_assert_cmpuint (pages->len, ==, 1);
    g_assert_nonnull (find_mapped_button (g_ptr_array_index (pages, 0), "Add Images…"));
  }
}

/* Add Folder… opens a folder chooser, and the folder chosen adds its
 * pictures as a dropped folder does. */
static void
test_add_folder (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "album", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;

  g_free (test_copy_sample_to ("horse.png", folder, "one.png"));
  g_free (test_copy_sample_to ("rocket.jpg", folder, "two.jpg"));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "add-folder", NULL);
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  run_for (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  wait_for_items (f->window, 2);
  run_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 2);
}

static gboolean
scrolled_to_end (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 1;
}

/* Rows added below the fold are scrolled into view. */
static void
test_new_rows_in_view (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last = NULL;
  const char *more[2] = { NULL, NULL };
  GtkWidget *list;
  GtkAdjustment *adjustment;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("horse %02u.png", i);

      g_ptr_array_add (paths, test_copy_sample_to ("horse.png", f->dir, name));
    }
  g_ptr_array_add (paths, NULL);
  drop_files (f->window, (const char **) paths->pdata);
  wait_for_items (f->window, 24);

  list = find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  wait_until (scrolled_to_end, adjustment, 10, "the new rows to scroll into view");

  /* Scrolled back to the top, the next one added comes into view too. */
  gtk_adjustment_set_value (adjustment, 0);
  run_for (100);
  g_assert_false (scrolled_to_end (adjustment));
  last = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  more[0] = last;
  drop_files (f->window, more);
  wait_for_items (f->window, 25);
  wait_until (scrolled_to_end, adjustment, 10, "the new row to scroll into view");
}

/* Files dragged over the window frame it until they leave or land. */
static void
test_drop_highlight (Fixture       *f,
                     gconstpointer  data)
{
  GtkDropTarget *target = epi_window_get_drop_target (f->window);
  GtkWidget *overlay = find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  const char *paths[] = { horse, NULL };
  GdkDragAction action = 0;

  g_assert_false (gtk_widget_has_css_class (overlay, "drop-highlight"));
  g_signal_emit_by_name (target, "enter", 20.0, 20.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (overlay, "drop-highlight"));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_has_css_class (overlay, "drop-highlight"));

  g_signal_emit_by_name (target, "enter", 20.0, 20.0, &action);
  drop_files (f->window, paths);
  g_assert_false (gtk_widget_has_css_class (overlay, "drop-highlight"));
  wait_for_items (f->window, 1);
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), (const char *) data) == 0;
}

/* The preference row titled @title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  return find_first (widget, row_titled, title);
}

static GtkSpinButton *
row_spin (GtkWidget  *window,
          const char *title)
{
  GtkWidget *row = find_row (window, title);

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (find_widget (row, GTK_TYPE_SPIN_BUTTON));
}

/* The text of the first label after @spin in its row: its unit. */
static const char *
spin_unit (GtkSpinButton *spin)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (spin));

  g_assert_true (GTK_IS_LABEL (next));
  return gtk_label_get_text (GTK_LABEL (next));
}

/* Settings whose 0 means automatic say Automatic, never 0; every number
 * has its unit; the spin buttons are one width; the key strengths say
 * what they cost; epicycles reach what the setting accepts. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *titles[] = { "Pictures at once", "Epicycles kept", "Points along the path" };
  const char *all[] = { "Pictures at once", "Epicycles kept", "Points along the path",
                        "Largest working size", "Speed" };
  EpiPreferences *prefs = epi_preferences_new (GTK_WINDOW (f->window));
  GtkWidget *window = GTK_WIDGET (prefs);
  GtkSpinButton *spin;
  guint32 most = 0, least = 0;
  const char *type = NULL;
  int width = -1;

  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (laid_out, prefs, 20, "the preferences to show");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      spin = row_spin (window, titles[i]);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "Automatic");
      g_assert_cmpstr (spin_unit (spin), ==, "");
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (window, titles[i]))),
                                "Automatic"));
    }
  {
    g_autoptr(GPtrArray) labels = mapped (window, GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len; i++)
      g_assert_null (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "0 means"));
  }

  /* A number chosen reads as one, with its unit. */
  g_settings_set_uint (settings, "workers", 3);
  spin = row_spin (window, "Pictures at once");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "3");
  g_assert_cmpstr (spin_unit (spin), ==, "pictures");
  g_settings_set_uint (settings, "workers", 1);
  g_assert_cmpstr (spin_unit (spin), ==, "picture");

  /* Typing the word back picks automatic. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "automatic");
  gtk_spin_button_update (spin);
  g_assert_cmpuint (g_settings_get_uint (settings, "workers"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "Automatic");

  /* Points below the least a path may have are raised to it. */
  spin = row_spin (window, "Points along the path");
  gtk_editable_set_text (GTK_EDITABLE (spin), "1");
  gtk_spin_button_update (spin);
  g_assert_cmpuint (g_settings_get_uint (settings, "points"), ==, 2);
  /* … and stepping skips what lies between them and Automatic. */
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_BACKWARD, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "points"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "Automatic");
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "points"), ==, 2);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "points"), ==, 3);
  g_settings_reset (settings, "points");

  /* Epicycles go as far as the setting allows. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "coefficients");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &limits);
  g_assert_cmpstr (type, ==, "range");
  g_variant_get (limits, "(uu)", &least, &most);
  spin = row_spin (window, "Epicycles kept");
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, most);
  g_settings_set_uint (settings, "coefficients", most);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, most);
  g_assert_cmpstr (spin_unit (spin), ==, "epicycles");
  g_settings_reset (settings, "coefficients");

  /* Units on the others, and one width for all. */
  g_assert_cmpstr (spin_unit (row_spin (window, "Largest working size")), ==, "pixels");
  g_assert_cmpstr (spin_unit (row_spin (window, "Speed")), ==, "×");
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      GtkWidget *one = GTK_WIDGET (row_spin (window, all[i]));
      int w;

      wait_until (laid_out, one, 20, "the spin button to be laid out");
      w = gtk_widget_get_width (one);
      if (width >= 0)
        g_assert_cmpint (w, ==, width);
      width = w;
    }

  /* Strengths by name, with what they cost. */
  g_settings_set_string (settings, "kdf-strength", "sensitive");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (window, "Key strength"))),
                            "1 GiB"));
  g_settings_set_string (settings, "kdf-strength", "interactive");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (window, "Key strength"))),
                            "64 MiB"));
  g_settings_reset (settings, "kdf-strength");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (window, "Costliest key to open"))),
                            "1 GiB"));

  /* The output folder offers its reset only while one is set. */
  {
    GtkWidget *row = find_row (window, "Output folder");
    GtkWidget *reset = find_first (row, is_icon_button, "edit-clear-symbolic");
    g_autofree char *folder = NULL;

    g_assert_nonnull (reset);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Beside each picture");
    g_assert_false (gtk_widget_get_visible (reset));
    g_settings_set_string (settings, "output-folder", f->dir);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, f->dir);
    g_assert_true (gtk_widget_get_visible (reset));
    g_signal_emit_by_name (reset, "clicked");
    folder = g_settings_get_string (settings, "output-folder");
    g_assert_cmpstr (folder, ==, "");
    g_assert_false (gtk_widget_get_visible (reset));
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  run_for (50);
  g_assert_null (prefs);
}

/* About names where the project lives and where to report problems. */
static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "https://github.com/epicrypt/epicrypt");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/epicrypt/epicrypt/issues");
  gtk_window_destroy (GTK_WINDOW (about));
}

/* The accelerator @accel spelled as GTK spells it. */
static char *
normal_accelerator (const char *accel)
{
  guint key;
  GdkModifierType modifiers;

  g_assert_true (gtk_accelerator_parse (accel, &key, &modifiers));
  return gtk_accelerator_name (key, modifiers);
}

/* Collects what the shortcuts window's entries name: actions, and keys
 * written out. */
static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *actions,
                   GHashTable *keys)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
      if (accelerator != NULL)
        {
          g_auto(GStrv) each = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; each[i] != NULL; i++)
            g_hash_table_add (keys, normal_accelerator (each[i]));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, actions, keys);
}

/* The Keyboard Shortcuts window lists every action that has keys (by
 * its name or by its keys), and each action it lists has keys. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) with_keys = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GHashTableIter iter;
  const char *action;

  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), actions, keys);

  for (guint i = 0; with_keys[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), with_keys[i]);
      gboolean listed = g_hash_table_contains (actions, with_keys[i]);

      for (guint k = 0; !listed && accels[k] != NULL; k++)
        {
          g_autofree char *name = normal_accelerator (accels[k]);

          listed = g_hash_table_contains (keys, name);
        }
      if (!listed)
        g_test_message ("%s has keys but is not in the shortcuts window", with_keys[i]);
      g_assert_true (listed);
    }

  g_hash_table_iter_init (&iter, actions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, NULL))
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

      g_assert_cmpuint (g_strv_length (accels), >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = gui_test_init (&argc, &argv, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

  g_test_add ("/Epi/AppChrome/empty-state", Fixture, NULL, fixture_set_up, test_empty_state, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/add-folder", Fixture, NULL, fixture_set_up, test_add_folder, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/new-rows-in-view", Fixture, NULL, fixture_set_up, test_new_rows_in_view, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/drop-highlight", Fixture, NULL, fixture_set_up, test_drop_highlight, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/preferences", Fixture, NULL, fixture_set_up, test_preferences, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/shortcuts-window", Fixture, NULL, fixture_set_up, test_shortcuts_window, window_fixture_tear_down);
  g_test_add ("/Epi/AppChrome/about", Fixture, NULL, fixture_set_up, test_about, window_fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
