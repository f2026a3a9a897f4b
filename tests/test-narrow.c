/* test-narrow.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window on a narrow screen, in the language the run is given
 * (English, and German whose words are longer): nothing asks for more
 * than a phone's 360 pixels, and below the width that holds both panes
 * the list and the viewer become two pages with a way between them.
 */

#include "config.h"

#include <string.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-locale.h"
#include "epi-password-dialog.h"
#include "epi-preferences.h"
#include "epi-task-row.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window-private.h"

#define NARROWEST 360

static EpiApplication *app;

/* A window of @width × 700 pixels, shown, holding one picture whose name
 * is longer than any screen is wide. */
static EpiWindow *
window_with_long_name (int          width,
                       const char  *dir)
{
  g_autofree char *name = g_strnfill (120, 'x');
  g_autofree char *base = g_strconcat ("picture-with-a-name-", name, ".png", NULL);
  g_autofree char *path = test_copy_sample_to ("horse.png", dir, base);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpiWindow *window = epi_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  epi_window_add_files (window, &file, 1);
  for (guint i = 0; i < 200 && g_list_model_get_n_items (epi_window_get_items (window)) == 0; i++)
    run_for (25);
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (window)), ==, 1);
  run_for (100);
  return window;
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

/* Names the innermost widgets asking for more than NARROWEST pixels, so
 * a failure says where to look. Returns whether any did. */
static gboolean
report_too_wide (GtkWidget *widget)
{
  gboolean child_too_wide = FALSE;

  if (!gtk_widget_get_visible (widget) || minimum_width (widget) <= NARROWEST)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_too_wide |= report_too_wide (child);

  if (!child_too_wide)
    {
      g_autoptr(GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));

      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
        g_string_prepend (g_string_prepend (path, " > "), G_OBJECT_TYPE_NAME (up));
      g_test_message ("too wide (%d px): %s", minimum_width (widget), path->str);
    }
  return TRUE;
}

/* The whole window, and every widget in it, a row with a long name
 * included, fits in NARROWEST pixels: a child asking for more would clip
 * or push the window wider. */
static void
test_fits_narrow_screen (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  EpiWindow *window = epi_window_new (app);
  int width;

  /* Empty, the window is one page of hints and buttons. */
  gtk_window_present (GTK_WINDOW (window));
  run_for (100);
  width = minimum_width (GTK_WIDGET (window));
  g_test_message ("the empty window's minimum width: %d px", width);
  report_too_wide (GTK_WIDGET (window));
  g_assert_cmpint (width, <=, NARROWEST);
  destroy_window (window);

  window = window_with_long_name (NARROWEST, dir);
  width = minimum_width (GTK_WIDGET (window));

  g_test_message ("the window's minimum width: %d px", width);
  report_too_wide (GTK_WIDGET (window));
  g_assert_cmpint (width, <=, NARROWEST);

  destroy_window (window);
  test_tmpdir_remove (dir);
}

/* Shows @dialog and measures what it holds: it fits NARROWEST pixels
 * too. The frame a window draws around itself without a compositor
 * (5 px a side) is left out: a phone's compositor shows it maximised,
 * frameless. */
static void
assert_dialog_fits (GtkWindow  *dialog,
                    const char *what)
{
  GtkWidget *content;
  int width;

  gtk_window_present (dialog);
  run_for (100);
  content = gtk_widget_get_first_child (GTK_WIDGET (dialog));
  width = minimum_width (content);
  g_test_message ("%s: minimum width %d px", what, width);
  report_too_wide (content);
  g_assert_cmpint (width, <=, NARROWEST);
  gtk_window_destroy (dialog);
  run_for (50);
}

/* The window's own dialogs fit a narrow screen as well: choosing a
 * password, typing one for a file with a long name, the preferences. */
static void
test_dialogs_fit_narrow_screen (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  EpiWindow *window = window_with_long_name (NARROWEST, dir);
  g_autofree char *name = g_strnfill (120, 'x');
  EpiPasswordDialog *dialog;

  dialog = epi_password_dialog_new (GTK_WINDOW (window), EPI_PASSWORD_NEW, NULL);
  epi_password_dialog_set_submit_label (dialog, "Seal 9 Pictures");
  epi_password_dialog_set_passwords (dialog, "a", "b");
  assert_dialog_fits (GTK_WINDOW (dialog), "choosing a password");

  dialog = epi_password_dialog_new (GTK_WINDOW (window), EPI_PASSWORD_OPEN, name);
  epi_password_dialog_show_error (dialog, "Wrong password, or the file was changed after it was sealed");
  assert_dialog_fits (GTK_WINDOW (dialog), "typing a file's password");

  assert_dialog_fits (GTK_WINDOW (epi_preferences_new (GTK_WINDOW (window))), "preferences");

  destroy_window (window);
  test_tmpdir_remove (dir);
}

/* On a narrow screen the question about a weak password stacks its
 * answers; the focus still starts, and stays once it is laid out, on
 * Cancel, so that Return does not take the weak password. */
static void
test_weak_password_question_narrow (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  EpiWindow *window = window_with_long_name (NARROWEST, dir);
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (window), EPI_PASSWORD_NEW, NULL);
  GtkWindow *confirm;
  GtkWidget *focus;

  gtk_window_present (GTK_WINDOW (dialog));
  run_for (100);
  epi_password_dialog_set_passwords (dialog, "password1", "password1");
  g_assert_false (epi_password_dialog_submit (dialog));
  confirm = epi_password_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirm);
  run_for (400);
  focus = gtk_root_get_focus (GTK_ROOT (confirm));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_test_message ("focus on “%s”", gtk_button_get_label (GTK_BUTTON (focus)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, g_dgettext (GETTEXT_PACKAGE, "_Cancel"));

  gtk_window_destroy (confirm);
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
  test_tmpdir_remove (dir);
}

/* The export's options fit as well, over a drawing opened from its
 * sealed file; and a window narrowed while the drawing is on show keeps
 * showing it. */
static void
test_export_fits_narrow_screen (void)
{
  static const char password[] = "Narrow-Export-2026";
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *image = test_copy_sample_to ("camera.png", dir, "camera.png");
  g_autofree char *sealed = g_build_filename (dir, "camera.png.epicrypt", NULL);
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (sealed);
  EpiWindow *window = epi_window_new (app);
  EpiPasswordDialog *dialog;

  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 700);
  gtk_window_present (GTK_WINDOW (window));
  epi_window_add_files (window, &file, 1);
  wait_until (has_dialog, window, 20, "the password dialog");
  dialog = EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (window));
  epi_password_dialog_set_passwords (dialog, password, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, window, 20, "the drawing");

  epi_window_show_export (window);
  g_assert_nonnull (window->export_dialog);
  assert_dialog_fits (GTK_WINDOW (window->export_dialog), "export");

  /* Widened, then narrowed again while the drawing is on show: the
   * drawing stays on show, not the list. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
  run_for (400);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  /* As after a drawing opened on a wide window: the leaflet's own
   * choice of page is the list. */
  adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 700);
  run_for (400);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) != window->list_pane);

  destroy_window (window);
  test_tmpdir_remove (dir);
}

/* What a click or tap on @row does: its click gesture is released. */
static void
click_row (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = NULL;
  gboolean clicked = FALSE;

  g_assert_nonnull (row);
  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, 10.0, 10.0);
          clicked = TRUE;
        }
    }
  g_assert_true (clicked);
}

/* Narrow, the list and the viewer are two pages: choosing a row shows
 * the viewer, Back the list. Wide, both show side by side. */
static void
test_two_pages_when_narrow (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  EpiWindow *window = window_with_long_name (NARROWEST, dir);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *list_page, *back;
  g_autoptr(EpiTaskItem) item = g_list_model_get_item (epi_window_get_items (window), 0);

  g_assert_true (adw_leaflet_get_folded (leaflet));
  list_page = adw_leaflet_get_visible_child (leaflet);
  g_assert_nonnull (find_widget (list_page, GTK_TYPE_LIST_VIEW));

  /* Enter on the row, as GTK binds it. */
  epi_window_select (window, item);
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_page);
  gtk_widget_activate (gtk_widget_get_parent (find_widget (list_page, EPI_TYPE_TASK_ROW)));
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != list_page);
  g_assert_nonnull (find_widget (adw_leaflet_get_visible_child (leaflet), EPI_TYPE_CANVAS));

  back = gtk_widget_get_first_child (adw_leaflet_get_visible_child (leaflet));
  back = find_widget (back, GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_visible (back));
  g_signal_emit_by_name (back, "clicked");
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_page);

  /* A click on the row still selected shows its viewer again. */
  click_row (find_widget (list_page, EPI_TYPE_TASK_ROW));
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != list_page);
  destroy_window (window);

  window = window_with_long_name (1280, dir);
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  destroy_window (window);
  test_tmpdir_remove (dir);
}

static gboolean
row_shows_item (GtkWidget     *widget,
                gconstpointer  data)
{
  return EPI_IS_TASK_ROW (widget) && epi_task_row_get_item (EPI_TASK_ROW (widget)) == data;
}

/* Narrow, the arrow keys walk the list and stay on it, the viewer's
 * title following the row they select; Enter on a row shows its viewer
 * page. */
static void
test_arrows_stay_on_list (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *a = test_copy_sample_to ("horse.png", dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", dir, "b.png");
  g_autofree char *c = test_copy_sample_to ("rocket.jpg", dir, "c.jpg");
  const char *paths[] = { a, b, c, NULL };
  const char *names[] = { "a.png", "b.png", "c.jpg" };
  EpiWindow *window = epi_window_new (app);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *list_page, *row = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 700);
  gtk_window_present (GTK_WINDOW (window));
  drop_files (window, paths);
  wait_for_items (window, 3);
  run_for (300);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  list_page = adw_leaflet_get_visible_child (leaflet);

  /* What an arrow key does: the next row takes the focus and the
   * selection. */
  for (guint i = 0; i < 3; i++)
    {
      row = gtk_widget_get_parent (find_first (list_page, row_shows_item, item_at (window, i)));
      gtk_widget_grab_focus (row);
      g_assert_true (gtk_widget_activate_action (row, "list.select-item", "(ubb)", i, FALSE, FALSE));
      run_for (300);
      g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_page);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, names[i]);
    }

  /* Enter on the last. */
  gtk_widget_activate (row);
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != list_page);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "c.jpg");

  /* Back, a click on another row shows that row's page. */
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_page);
  click_row (find_first (list_page, row_shows_item, item_at (window, 0)));
  run_for (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != list_page);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "a.png");

  destroy_window (window);
  test_tmpdir_remove (dir);
}

/* The list keeps its width whatever its rows show: a row failing with a
 * long reason, and its buttons coming, moves nothing under the pointer. */
static void
test_list_keeps_its_width (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  EpiWindow *window = window_with_long_name (1280, dir);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *list_page = adw_leaflet_get_visible_child (leaflet);
  g_autoptr(EpiTaskItem) item = g_list_model_get_item (epi_window_get_items (window), 0);
  int before, after;

  g_assert_false (adw_leaflet_get_folded (leaflet));
  before = gtk_widget_get_width (list_page);
  epi_task_item_set_failed (item, EPI_ITEM_FAILED,
                            "the picture could not be read, for a reason that takes a great many words to say");
  run_for (300);
  after = gtk_widget_get_width (list_page);
  g_test_message ("the list is %d px wide, then %d px", before, after);
  g_assert_cmpint (after, ==, before);

  destroy_window (window);
  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  epi_locale_init ();
  app = gui_test_init (&argc, &argv, G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/Epi/Narrow/fits-narrow-screen", test_fits_narrow_screen);
  g_test_add_func ("/Epi/Narrow/dialogs-fit-narrow-screen", test_dialogs_fit_narrow_screen);
  g_test_add_func ("/Epi/Narrow/weak-password-question", test_weak_password_question_narrow);
  g_test_add_func ("/Epi/Narrow/export-fits-narrow-screen", test_export_fits_narrow_screen);
  g_test_add_func ("/Epi/Narrow/two-pages-when-narrow", test_two_pages_when_narrow);
  g_test_add_func ("/Epi/Narrow/list-keeps-its-width", test_list_keeps_its_width);
  g_test_add_func ("/Epi/Narrow/arrows-stay-on-list", test_arrows_stay_on_list);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
