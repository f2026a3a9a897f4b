/* test-export-dialog.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's export, driven as a person drives it: the options dialog,
 * the file chooser (GTK's own, in this process, as the native chooser
 * is outside a sandbox), the progress with its Cancel, and the toast
 * that opens what was written.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "epi-application.h"
#include "epi-password-dialog.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window-private.h"

#define PASSWORD "Glass-Onion-1912"

static EpiApplication *app;

typedef struct
{
  EpiWindow *window;
  char      *dir;
  char      *out;   /* an empty folder for the exports */
} Fixture;

static gboolean
export_done (gpointer data)
{
  return EPI_WINDOW (data)->export_cancellable == NULL;
}

/* A window showing the drawing of camera.png, opened from a sealed file
 * named camera.png.epicrypt. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *image = NULL;
  g_autofree char *sealed = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  EpiPasswordDialog *dialog;

  f->dir = test_tmpdir_new ();
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  image = test_copy_sample_to ("camera.png", f->dir, "camera.png");
  sealed = g_build_filename (f->dir, "camera.png.epicrypt", NULL);
  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = epi_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));
  file = g_file_new_for_path (sealed);
  epi_window_add_files (f->window, &file, 1);
  wait_until (has_dialog, f->window, 20, "the password dialog");
  dialog = EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (f->window));
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, f->window, 20, "the drawing");
  epi_canvas_set_playing (epi_window_get_canvas (f->window), FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_window (f->window);
  test_tmpdir_remove (f->dir);
  g_free (f->out);
  g_free (f->dir);
}

/* The index of @kind in the dialog's list of formats. */
static guint
format_index (EpiExportKind kind)
{
  guint n;
  const EpiExportFormat *formats = epi_export_get_formats (&n);

  for (guint i = 0; i < n; i++)
    if (formats[i].kind == kind)
      return i;
  g_assert_not_reached ();
}

/* Clicks the button of @dialog that reads @label. */
static void
click (AdwMessageDialog *dialog,
       const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* Whether the chooser shows the folder of the sealed file. */
static gboolean
chooser_in_dir (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (f->window->export_chooser));
  g_autofree char *path = current != NULL ? g_file_get_path (current) : NULL;

  return g_strcmp0 (path, f->dir) == 0;
}

/* Whether the chooser would give a file in the out folder. */
static gboolean
chooser_points_at (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (f->window->export_chooser));
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  return g_strcmp0 (path, f->out) == 0;
}

/* Export, as a person does it: the options dialog set to @kind at
 * @size pixels, then the chooser, where @typed is typed into the name
 * field of the out folder. Returns the name the chooser offered. */
static char *
export_as_person (Fixture       *f,
                  EpiExportKind  kind,
                  guint          size,
                  const char    *typed)
{
  EpiWindow *self = f->window;
  AdwMessageDialog *dialog;
  g_autoptr(GFile) folder = g_file_new_for_path (f->out);
  g_autoptr(GError) error = NULL;
  char *offered;

  g_action_group_activate_action (G_ACTION_GROUP (self), "export", NULL);
  dialog = self->export_dialog;
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (adw_message_dialog_get_extra_child (dialog),
                                                          ADW_TYPE_COMBO_ROW)),
                              format_index (kind));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (adw_message_dialog_get_extra_child (dialog),
                                                           GTK_TYPE_SPIN_BUTTON)),
                             size);
  click (dialog, "_Choose File…");
  g_assert_null (self->export_dialog);

  g_assert_nonnull (self->export_chooser);
  offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (self->export_chooser));
  /* It opens beside the sealed file. */
  wait_until (chooser_in_dir, f, 10, "the chooser to open beside the sealed file");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->export_chooser), folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), typed);
  wait_until (chooser_points_at, f, 10, "the chooser to take the name");
  g_signal_emit_by_name (self->export_chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (self->export_chooser);
  return offered;
}

/* Whether @path is a file (not a folder) that starts with @magic. */
static void
assert_file_starts_with (const char *path,
                         const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, strlen (magic));
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
}

/* Whether @widget is the options' speed: a spin button with a tenth. */
static gboolean
is_speed_spin (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget) && gtk_spin_button_get_digits (GTK_SPIN_BUTTON (widget)) == 1;
}

/* The speed is an option of the formats that move, and the export
 * takes it. */
static void
test_speed_option (Fixture       *f,
                   gconstpointer  data)
{
  EpiWindow *self = f->window;
  GtkWidget *extra, *speed;
  AdwComboRow *format;

  g_action_group_activate_action (G_ACTION_GROUP (self), "export", NULL);
  g_assert_nonnull (self->export_dialog);
  extra = adw_message_dialog_get_extra_child (self->export_dialog);
  format = ADW_COMBO_ROW (find_widget (extra, ADW_TYPE_COMBO_ROW));
  speed = find_first (extra, is_speed_spin, NULL);
  g_assert_nonnull (speed);

  adw_combo_row_set_selected (format, format_index (EPI_EXPORT_STILL));
  g_assert_false (gtk_widget_is_visible (speed));
  adw_combo_row_set_selected (format, format_index (EPI_EXPORT_SVG));
  g_assert_false (gtk_widget_is_visible (speed));
  adw_combo_row_set_selected (format, format_index (EPI_EXPORT_SVG_ANIMATED));
  g_assert_true (gtk_widget_is_visible (speed));
  adw_combo_row_set_selected (format, format_index (EPI_EXPORT_GIF));
  g_assert_true (gtk_widget_is_visible (speed));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (speed), 2.5);
  click (self->export_dialog, "_Choose File…");
  g_assert_cmpfloat (self->export_options.speed, ==, 2.5);
  /* The view draws all its epicycles: so does the export. */
  g_assert_cmpuint (self->export_options.n_epicycles, ==, 0);
  g_assert_cmpint (self->export_options.kind, ==, EPI_EXPORT_GIF);
  g_assert_nonnull (self->export_chooser);
  g_signal_emit_by_name (self->export_chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (self->export_chooser);

  /* Drawing three, the view exports three. */
  epi_canvas_set_n_terms (epi_window_get_canvas (self), 3);
  g_action_group_activate_action (G_ACTION_GROUP (self), "export", NULL);
  g_assert_nonnull (self->export_dialog);
  click (self->export_dialog, "_Choose File…");
  g_assert_cmpuint (self->export_options.n_epicycles, ==, 3);
  g_signal_emit_by_name (self->export_chooser, "response", GTK_RESPONSE_CANCEL);
}

/* PNG chosen and "my-drawing" typed: one PNG named my-drawing.png, and
 * a toast whose Open button opens it. */
static void
test_png_bare_name (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *offered = NULL;
  g_autofree char *path = g_build_filename (f->out, "my-drawing.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GtkWidget *open;
  GVariant *target;

  /* Cancel in the options dialog asks for no file. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "export", NULL);
  g_assert_nonnull (f->window->export_dialog);
  click (f->window->export_dialog, "_Cancel");
  g_assert_null (f->window->export_dialog);
  g_assert_null (f->window->export_chooser);

  /* camera.png lies beside the sealed file: its name is not offered, or
   * one click on Replace would put the drawing over the picture. */
  offered = export_as_person (f, EPI_EXPORT_STILL, 64, "my-drawing");
  g_assert_cmpstr (offered, ==, "camera (2).png");
  wait_until (export_done, f->window, 30, "the export");

  assert_file_starts_with (path, "\x89PNG\r\n\x1a\n");
  g_assert_cmpuint (test_count_dir (f->out), ==, 1);

  open = find_action_button (GTK_WIDGET (f->window->toasts), "win.open-exported");
  g_assert_nonnull (open);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (open)), ==, "_Open");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "open-exported"));
}

/* GIF chosen: the chooser offers the picture's own name, camera.gif,
 * not the sealed file's, and a bare name becomes an animated GIF. */
static void
test_gif_suggested (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *offered = NULL;
  g_autofree char *path = g_build_filename (f->out, "anim.gif", NULL);

  offered = export_as_person (f, EPI_EXPORT_GIF, 32, "anim");
  g_assert_cmpstr (offered, ==, "camera.gif");
  wait_until (export_done, f->window, 60, "the export");

  assert_file_starts_with (path, "GIF89a");
  g_assert_cmpuint (test_count_dir (f->out), ==, 1);
}

/* The self-drawing SVG is offered under the picture's own name, and
 * chosen over a typed ".svg" it writes NAME.anim.svg; the still SVG
 * chosen over a bare name writes NAME.svg. */
static void
test_svg_choices (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *offered = NULL;
  g_autofree char *animated = g_build_filename (f->out, "drawing.anim.svg", NULL);
  g_autofree char *still = g_build_filename (f->out, "still.svg", NULL);
  g_autofree char *text = NULL;

  offered = export_as_person (f, EPI_EXPORT_SVG_ANIMATED, 64, "drawing.svg");
  g_assert_cmpstr (offered, ==, "camera.anim.svg");
  wait_until (export_done, f->window, 30, "the export");
  assert_file_starts_with (animated, "<?xml");
  g_assert_true (g_file_get_contents (animated, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<animate"));

  g_clear_pointer (&offered, g_free);
  offered = export_as_person (f, EPI_EXPORT_SVG, 64, "still");
  g_assert_cmpstr (offered, ==, "camera.svg");
  wait_until (export_done, f->window, 30, "the export");
  assert_file_starts_with (still, "<?xml");
  g_assert_cmpuint (test_count_dir (f->out), ==, 2);
}

/* Video chosen: the chooser offers camera.webm, and a bare name becomes
 * a WebM video (an EBML header, as every WebM file starts). */
static void
test_webm_suggested (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *offered = NULL;
  g_autofree char *path = g_build_filename (f->out, "film.webm", NULL);

  offered = export_as_person (f, EPI_EXPORT_WEBM, 32, "film");
  g_assert_cmpstr (offered, ==, "camera.webm");
  wait_until (export_done, f->window, 60, "the export");

  assert_file_starts_with (path, "\x1A\x45\xDF\xA3");
  g_assert_cmpuint (test_count_dir (f->out), ==, 1);
}

/* The choice wins over a typed extension of another format: GIF chosen
 * and "anim.png" typed write an animated GIF named anim.gif. */
static void
test_choice_sets_extension (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *typed = g_build_filename (f->out, "anim.png", NULL);
  g_autofree char *path = g_build_filename (f->out, "anim.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (typed);
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_GIF;
  options.size = 32;
  options.n_frames = 4;
  epi_window_export (f->window, file, &options);
  wait_until (export_done, f->window, 60, "the export");

  assert_file_starts_with (path, "GIF89a");
  g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_count_dir (f->out), ==, 1);
}

/* The message dialog over @window, or NULL. */
static AdwMessageDialog *
message_dialog_over (EpiWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return message_dialog_over (data) != NULL;
}

static gboolean
progress_shown (gpointer data)
{
  return gtk_progress_bar_get_fraction (EPI_WINDOW (data)->export_progress) > 0;
}

/* The progress shows with a Cancel that stops the export: nothing is
 * left in the folder, and nothing is reported as failed. */
static void
test_cancel_leaves_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->out, "big.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpiExportOptions options;
  GtkWidget *cancel;

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_GIF;
  options.size = 1500;
  epi_window_export (f->window, file, &options);

  g_assert_true (gtk_widget_get_visible (f->window->export_box));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "export"));
  cancel = find_action_button (f->window->export_box, "win.cancel-export");
  g_assert_nonnull (cancel);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "cancel-export"));
  /* Cancelled on its way, as a person would. */
  wait_until (progress_shown, f->window, 30, "the export's progress");
  g_signal_emit_by_name (cancel, "clicked");
  wait_until (export_done, f->window, 30, "the export to stop");

  g_assert_cmpuint (test_count_dir (f->out), ==, 0);
  g_assert_false (gtk_widget_get_visible (f->window->export_box));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "export"));
  g_assert_false (has_message_dialog (f->window));
  g_assert_null (find_action_button (GTK_WIDGET (f->window->toasts), "win.open-exported"));
}

/* Removing the row whose drawing is being exported stops the export:
 * nothing is written later, with no row left to say so. */
static void
test_remove_row_stops_export (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->out, "big.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_GIF;
  options.size = 1500;
  epi_window_export (f->window, file, &options);
  wait_until (progress_shown, f->window, 30, "the export's progress");

  g_ptr_array_add (rows, gtk_single_selection_get_selected_item (f->window->selection));
  epi_window_remove_items (f->window, rows);
  wait_until (export_done, f->window, 30, "the export to stop");

  g_assert_cmpuint (test_count_dir (f->out), ==, 0);
  g_assert_false (has_message_dialog (f->window));
  g_assert_null (find_action_button (GTK_WIDGET (f->window->toasts), "win.open-exported"));
}

/* A name typed bare whose fixed name is taken: asked about, by name;
 * Cancel keeps the file, Replace replaces it. */
static void
test_replace_asked (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->out, "taken.png", NULL);
  g_autofree char *bare = g_build_filename (f->out, "taken", NULL);
  g_autoptr(GFile) typed = g_file_new_for_path (bare);
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;
  EpiExportOptions options;

  test_write_file (path, "mine", 4);
  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_STILL;
  options.size = 32;

  epi_window_export (f->window, typed, &options);
  dialog = message_dialog_over (f->window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "taken.png"));
  g_assert_null (f->window->export_cancellable);
  click (dialog, "_Cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (message_dialog_over (f->window));
  g_assert_null (f->window->export_cancellable);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");

  epi_window_export (f->window, typed, &options);
  dialog = message_dialog_over (f->window);
  g_assert_nonnull (dialog);
  click (dialog, "_Replace");
  g_assert_nonnull (f->window->export_cancellable);
  wait_until (export_done, f->window, 30, "the export");
  assert_file_starts_with (path, "\x89PNG\r\n\x1a\n");
  g_assert_cmpuint (test_count_dir (f->out), ==, 1);
}

/* A failure says which file, in a dialog. */
static void
test_failure_names_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *bare = g_build_filename (f->out, "gone", "drawing", NULL);
  g_autoptr(GFile) typed = g_file_new_for_path (bare);
  AdwMessageDialog *dialog;
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_STILL;
  options.size = 32;
  epi_window_export (f->window, typed, &options);
  wait_until (export_done, f->window, 30, "the export");
  wait_until (has_message_dialog, f->window, 5, "the failure");

  dialog = message_dialog_over (f->window);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "drawing.png"));
  g_assert_cmpuint (test_count_dir (f->out), ==, 0);
  g_assert_null (find_action_button (GTK_WIDGET (f->window->toasts), "win.open-exported"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Whether a label under @widget reads @data. */
static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
open_failure_said (gpointer data)
{
  return find_first (GTK_WIDGET (((Fixture *) data)->window), is_label_reading,
                     "No app could open “odd.x-epicrypt-none”") != NULL;
}

/* The toast's Open, when no app reads the kind of file written, says
 * so rather than nothing. */
static void
test_open_failure_said (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->out, "odd.x-epicrypt-none", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  static const guchar bytes[] = { 0x00, 0x9f, 0x41, 0xfe, 0x07, 0x00, 0x13, 0x37 };

  test_write_file (path, bytes, sizeof bytes);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "open-exported", g_variant_new_string (uri));
  wait_until (open_failure_said, f, 20, "the toast saying no app could open it");
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = gui_test_init (&argc, &argv, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

  g_test_add ("/Epi/ExportDialog/png-bare-name", Fixture, NULL, fixture_set_up, test_png_bare_name, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/gif-suggested", Fixture, NULL, fixture_set_up, test_gif_suggested, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/svg-choices", Fixture, NULL, fixture_set_up, test_svg_choices, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/webm-suggested", Fixture, NULL, fixture_set_up, test_webm_suggested, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/remove-row-stops-export", Fixture, NULL, fixture_set_up, test_remove_row_stops_export, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/open-failure-said", Fixture, NULL, fixture_set_up, test_open_failure_said, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/speed-option", Fixture, NULL, fixture_set_up, test_speed_option, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/choice-sets-extension", Fixture, NULL, fixture_set_up, test_choice_sets_extension, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/cancel-leaves-nothing", Fixture, NULL, fixture_set_up, test_cancel_leaves_nothing, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/replace-asked", Fixture, NULL, fixture_set_up, test_replace_asked, fixture_tear_down);
  g_test_add ("/Epi/ExportDialog/failure-names-file", Fixture, NULL, fixture_set_up, test_failure_names_file, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
