/* test-app.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on a real (virtual) display, driven through the same
 * code paths a person's actions take: a drop with a GdkFileList, the
 * password dialog, the batch, the canvas.
 */

#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-password-dialog.h"
#include "epi-task-row.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window.h"

#define PASSWORD "Glass-Onion-1912"

/* One application for the whole run, as in a real session. */
static EpiApplication *app;

typedef WindowFixture Fixture;

static EpiPasswordDialog *
wait_for_dialog (EpiWindow *window)
{
  wait_until (has_dialog, window, 20, "the password dialog");
  return EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (window));
}

static GtkWidget *find_label   (GtkWidget   *widget,
                                const char  *text);
static GtkWidget *wait_for_row (EpiWindow   *window,
                                EpiTaskItem *item);

/* Whether a widget under @widget, the widget itself included, has the
 * style class @name and is on screen. */
static gboolean
has_mapped_class (GtkWidget  *widget,
                  const char *name)
{
  if (gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, name))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_class (child, name))
      return TRUE;
  return FALSE;
}

/* Three pictures, one named with spaces and accents, and a broken one,
 * dropped together and sealed with one password. */
static void
test_drop_and_seal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "pièces de monnaie.png");
  g_autofree char *c = test_copy_sample_to ("pygame_icon_mac.bmp", f->dir, "icon.bmp");
  g_autofree char *bad = g_build_filename (f->dir, "broken.png", NULL);
  const char *paths[] = { a, b, c, bad, NULL };
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = NULL;
  EpiPasswordDialog *dialog;

  test_write_file (bad, "\x89PNG\r\n\x1a\n broken", 16);
  /* A sealed file of that name is already there: it must survive. */
  {
    g_autofree char *taken = g_strconcat (a, ".epicrypt", NULL);

    test_write_file (taken, "keep me", 7);
  }
  drop_files (f->window, paths);
  wait_for_items (f->window, 4);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "encrypt", NULL);
  dialog = wait_for_dialog (f->window);

  /* Two different answers cannot be submitted. */
  epi_password_dialog_set_passwords (dialog, PASSWORD, "something else");
  g_assert_false (epi_password_dialog_submit (dialog));
  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_true (epi_password_dialog_submit (dialog));
  g_assert_true (epi_window_is_busy (f->window));

  wait_until (batch_done, f->window, 60, "the batch to finish");

  ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  for (guint i = 0; i < 3; i++)
    {
      EpiTaskItem *item = item_at (f->window, i);
      g_autofree char *sealed = i == 0 ? g_build_filename (f->dir, "horse (2).png.epicrypt", NULL)
                                       : g_strconcat (paths[i], ".epicrypt", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;

      g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_DONE);
      g_assert_nonnull (epi_task_item_get_spectrum (item));
      spectrum = epi_pipeline_open (sealed, ring, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (spectrum->n_terms, ==, epi_task_item_get_spectrum (item)->n_terms);
    }

  /* The file that was there is untouched. */
  {
    g_autofree char *taken = g_strconcat (a, ".epicrypt", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "keep me");
  }

  /* The broken one shows its own error in its row: its name above, the
   * reason below without the path. */
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 3)), ==, EPI_ITEM_FAILED);
  g_assert_cmpstr (epi_task_item_get_name (item_at (f->window, 3)), ==, "broken.png");
  g_assert_null (strstr (epi_task_item_get_detail (item_at (f->window, 3)), f->dir));
  g_assert_cmpstr (epi_task_item_get_detail (item_at (f->window, 3)), !=, "");
  {
    GtkWidget *row = wait_for_row (f->window, item_at (f->window, 3));
    GtkWidget *sealed_row = wait_for_row (f->window, item_at (f->window, 0));

    g_assert_nonnull (find_label (row, "broken.png"));
    g_assert_nonnull (find_label (row, epi_task_item_get_detail (item_at (f->window, 3))));
    g_assert_true (has_mapped_class (row, "error"));
    g_assert_false (has_mapped_class (sealed_row, "error"));
    /* A sealed row names the file it wrote. */
    g_assert_nonnull (find_label (sealed_row, "Sealed as horse (2).png.epicrypt"));
  }

  /* Selecting a finished row plays its drawing. */
  g_assert_false (has_drawing (f->window));
  epi_window_select (f->window, item_at (f->window, 1));
  g_assert_true (has_drawing (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "pièces de monnaie.png");
  g_assert_true (epi_canvas_get_playing (epi_window_get_canvas (f->window)));
}

/* The label over the canvas that tells the frame and the share done. */
static GtkLabel *
find_overlay (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Frame "))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_overlay (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* The canvas tells its frame rate only while it plays. */
static gboolean
has_no_fps (gpointer data)
{
  return epi_canvas_get_fps (data) == 0;
}

/* A sealed file asks for its password; a wrong one says so and may be
 * tried again; the right one plays the drawing, and the row takes the
 * name of the picture kept inside, whatever the file is called. */
static void
test_open_sealed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *sealed = g_build_filename (f->dir, "renamed.epicrypt", NULL);
  const char *paths[] = { sealed, NULL };
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GError) error = NULL;
  EpiPasswordDialog *dialog;
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  GtkLabel *overlay;
  guint64 frame;
  double time;

  /* The cheapest strength a program opens. */
  ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));

  drop_files (f->window, paths);
  dialog = wait_for_dialog (f->window);
  g_assert_cmpstr (epi_task_item_get_name (item_at (f->window, 0)), ==, "renamed.epicrypt");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  epi_password_dialog_set_passwords (dialog, "not it", NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  while (dialog != NULL && epi_password_dialog_get_error (dialog) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (epi_password_dialog_get_error (dialog), "Wrong password"));
  g_assert_false (has_drawing (f->window));

  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, f->window, 20, "the drawing");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_DONE);
  g_assert_cmpstr (epi_task_item_get_name (item_at (f->window, 0)), ==, "horse.png");
  /* Opened to be watched, the drawing has the keys (Space pauses it). */
  run_for (100);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (canvas));
  /* A drawing in clear is held: no core dump may take it. */
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);

  /* It plays: frames and the trace grow. */
  run_for (500);
  frame = epi_canvas_get_frame (canvas);
  time = epi_renderer_get_time (renderer);
  g_assert_true (epi_canvas_get_playing (canvas));
  run_for (500);
  g_assert_cmpuint (epi_canvas_get_frame (canvas), >, frame);
  g_assert_cmpfloat (epi_renderer_get_time (renderer), >, time);
  {
    g_autoptr(GArray) trace = epi_renderer_copy_trace (renderer);

    g_assert_cmpuint (trace->len, >, 1);
  }

  /* Pause stops it. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "play", NULL);
  g_assert_false (epi_canvas_get_playing (canvas));
  run_for (100);
  frame = epi_canvas_get_frame (canvas);
  time = epi_renderer_get_time (renderer);
  run_for (400);
  g_assert_cmpuint (epi_canvas_get_frame (canvas), ==, frame);
  g_assert_cmpfloat (epi_renderer_get_time (renderer), ==, time);

  /* Reset clears it. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "reset", NULL);
  g_assert_cmpfloat (epi_renderer_get_time (renderer), ==, 0);
  {
    g_autoptr(GArray) trace = epi_renderer_copy_trace (renderer);

    g_assert_cmpuint (trace->len, ==, 1);
  }

  /* Speed changes the rate: twice as fast is twice the drawing a second. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "faster", NULL);
  g_assert_cmpfloat_with_epsilon (epi_canvas_get_speed (canvas), 1.25, 1e-9);
  epi_canvas_set_speed (canvas, 2);
  epi_canvas_set_playing (canvas, TRUE);
  time = epi_renderer_get_time (renderer);
  epi_renderer_advance (renderer, 1.2);
  g_assert_cmpfloat_with_epsilon (epi_renderer_get_time (renderer) - time, 2 * 1.2 / EPI_RENDERER_TURN_SECONDS, 1e-9);

  /* While it plays, the overlay tells the frame rate once it is
   * measured (never "0 FPS"); once the drawing completes, the figure
   * goes rather than freezing. */
  overlay = find_overlay (GTK_WIDGET (f->window));
  g_assert_nonnull (overlay);
  run_for (50);
  g_assert_cmpfloat (epi_canvas_get_fps (canvas), ==, 0);
  g_assert_null (strstr (gtk_label_get_text (overlay), "FPS"));
  run_for (800);
  g_assert_nonnull (strstr (gtk_label_get_text (overlay), "FPS"));
  g_assert_cmpfloat (epi_canvas_get_fps (canvas), >, 0);
  epi_renderer_advance (renderer, EPI_RENDERER_TURN_SECONDS);
  g_assert_false (epi_canvas_get_playing (canvas));
  wait_until (has_no_fps, canvas, 20, "the frame rate to go");
  g_assert_null (strstr (gtk_label_get_text (overlay), "FPS"));
  g_assert_nonnull (strstr (gtk_label_get_text (overlay), "100%"));
}

/* A folder adds its pictures, not those of its subfolders, and files
 * that are neither pictures nor sealed are skipped. */
static void
test_folder_and_skipped (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "album", NULL);
  g_autofree char *sub = g_build_filename (folder, "deeper", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  const char *paths[] = { folder, text, NULL };

  g_mkdir_with_parents (sub, 0700);
  g_free (test_copy_sample_to ("horse.png", folder, "one.png"));
  g_free (test_copy_sample_to ("rocket.jpg", folder, "two.jpg"));
  g_free (test_copy_sample_to ("coins.png", sub, "three.png"));
  test_write_file (text, "hello\n", 6);
  {
    g_autofree char *readme = g_build_filename (folder, "readme.txt", NULL);

    test_write_file (readme, "hi\n", 3);
  }

  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 2);
  g_assert_cmpint (epi_task_item_get_kind (item_at (f->window, 0)), ==, EPI_ITEM_IMAGE);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "encrypt"));
}

static gboolean
label_holds (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), (const char *) data) != NULL;
}

/* The first label under @widget whose text holds @text, as a person
 * would read it on screen. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_first (widget, label_holds, text);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return find_label (w->root, w->text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait w = { root, text };

  wait_until (label_shown, &w, 20, text);
}

static void
on_submitted (EpiPasswordDialog *dialog,
              EpiSecret         *secret,
              EpiSecret        **out)
{
  g_clear_pointer (out, epi_secret_unref);
  *out = epi_secret_ref (secret);
}

/* Whether @secret holds @text. */
static gboolean
secret_is (EpiSecret  *secret,
           const char *text)
{
  g_autoptr(EpiSecret) expected = epi_secret_new (text, strlen (text), NULL);

  return secret != NULL && epi_secret_equal (secret, expected);
}

/* A new password is rated as it is typed, on a bar coloured as GTK
 * colours a level bar; a weak one is only used once confirmed, and
 * Cancel, the default, keeps it for editing. */
static void
test_weak_password_confirmed (Fixture       *f,
                              gconstpointer  data)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (f->window), EPI_PASSWORD_NEW, "Seal");
  g_autoptr(EpiSecret) submitted = NULL;
  GtkLevelBar *bar;
  GtkWindow *confirm;
  GtkWidget *use;
  double offset;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_submitted), &submitted);
  gtk_window_present (GTK_WINDOW (dialog));
  bar = GTK_LEVEL_BAR (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LEVEL_BAR));

  /* GTK's own offsets: weak and fair are "low", good "high", strong "full". */
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_LOW, &offset));
  g_assert_cmpfloat (offset, ==, 2);
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_HIGH, &offset));
  g_assert_cmpfloat (offset, ==, 3);
  g_assert_true (gtk_level_bar_get_offset_value (bar, GTK_LEVEL_BAR_OFFSET_FULL, &offset));
  g_assert_cmpfloat (offset, ==, 4);
  g_assert_cmpfloat (gtk_level_bar_get_value (bar), ==, 0);

  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_cmpfloat (gtk_level_bar_get_value (bar), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Strong"));

  /* Fair is not enough to seal without a question. */
  epi_password_dialog_set_passwords (dialog, "Summer2024!", "Summer2024!");
  g_assert_cmpfloat (gtk_level_bar_get_value (bar), <, 4);
  g_assert_null (find_label (GTK_WIDGET (dialog), "Strong"));
  g_assert_false (epi_password_dialog_submit (dialog));
  confirm = epi_password_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, "Use Weak Password?");
  gtk_window_close (confirm);
  run_for (50);
  g_assert_null (submitted);

  epi_password_dialog_set_passwords (dialog, "Password1!", "Password1!");
  g_assert_cmpfloat (gtk_level_bar_get_value (bar), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Weak: it is based on a dictionary word"));

  /* Continue asks first, naming why; Cancel is the default. */
  g_assert_false (epi_password_dialog_submit (dialog));
  confirm = epi_password_dialog_get_confirmation (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (confirm));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, "Use Weak Password?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "dictionary word"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (confirm)), ==, "cancel");
  /* Return presses the focused answer: that is Cancel. */
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (confirm))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_root_get_focus (GTK_ROOT (confirm)))), ==, "_Cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (confirm), "use"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "Password1!"));

  /* Closing it is Cancel: nothing is submitted, the password stays. */
  gtk_window_close (confirm);
  run_for (50);
  g_assert_null (epi_password_dialog_get_confirmation (dialog));
  g_assert_null (submitted);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY))),
                   ==, "Password1!");

  /* "Use Weak Password" submits it. */
  g_assert_false (epi_password_dialog_submit (dialog));
  confirm = epi_password_dialog_get_confirmation (dialog);
  use = find_button (GTK_WIDGET (confirm), "_Use Weak Password");
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  run_for (50);
  g_assert_true (secret_is (submitted, "Password1!"));
  g_assert_null (epi_password_dialog_get_confirmation (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

/* Generate fills both entries with a strong passphrase of the documented
 * form and shows it; it is submitted without a question. */
static void
test_generate_password (Fixture       *f,
                        gconstpointer  data)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (f->window), EPI_PASSWORD_NEW, "Seal");
  g_autoptr(EpiSecret) submitted = NULL;
  g_autoptr(GRegex) form = NULL;
  g_autofree char *pattern = g_strdup_printf ("^[%s]{%d}(-[%s]{%d}){%d}$",
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_ALPHABET, EPI_PASSPHRASE_GROUP_LENGTH,
                                              EPI_PASSPHRASE_GROUPS - 1);
  g_autofree char *first = NULL;
  GtkWidget *entry, *again, *button;
  GtkLevelBar *bar;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_submitted), &submitted);
  gtk_window_present (GTK_WINDOW (dialog));
  form = g_regex_new (pattern, 0, 0, NULL);
  bar = GTK_LEVEL_BAR (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LEVEL_BAR));
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY);
  again = find_widget (gtk_widget_get_next_sibling (gtk_widget_get_parent (entry)), GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (again);

  /* The button a person presses, with its tooltip. */
  button = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Generate a Strong Passphrase");

  g_signal_emit_by_name (button, "clicked");
  first = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_assert_true (g_regex_match (form, first, 0, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (again)), ==, first);
  g_assert_true (gtk_text_get_visibility (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (entry)))));
  g_assert_cmpfloat (gtk_level_bar_get_value (bar), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Note it down"));

  /* Another press, another passphrase. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), !=, first);
  g_free (first);
  first = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_assert_true (epi_password_dialog_submit (dialog));
  g_assert_null (epi_password_dialog_get_confirmation (dialog));
  g_assert_true (secret_is (submitted, first));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

/* Opening a file asks for the password it was sealed with: no meter, no
 * generator, no question about its strength. */
static void
test_open_password_not_rated (Fixture       *f,
                              gconstpointer  data)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (f->window), EPI_PASSWORD_OPEN, "Open");
  g_autoptr(EpiSecret) submitted = NULL;
  GtkWidget *entry;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_submitted), &submitted);
  gtk_window_present (GTK_WINDOW (dialog));
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY);

  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (entry)));
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_next_sibling (entry)));
  g_assert_false (gtk_widget_get_mapped (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LEVEL_BAR)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "password.generate", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  epi_password_dialog_set_passwords (dialog, "abc", NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  g_assert_null (epi_password_dialog_get_confirmation (dialog));
  g_assert_true (secret_is (submitted, "abc"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

typedef struct
{
  EpiWindow   *window;
  EpiTaskItem *item;
} RowWait;

static gboolean
row_shows_item (GtkWidget     *widget,
                gconstpointer  data)
{
  return EPI_IS_TASK_ROW (widget) && epi_task_row_get_item (EPI_TASK_ROW (widget)) == data;
}

/* The row on screen that shows @item, if the list has made one. */
static GtkWidget *
find_row (GtkWidget   *widget,
          EpiTaskItem *item)
{
  return find_first (widget, row_shows_item, item);
}

static gboolean
row_shown (gpointer data)
{
  RowWait *w = data;

  return find_row (GTK_WIDGET (w->window), w->item) != NULL;
}

static GtkWidget *
wait_for_row (EpiWindow   *window,
              EpiTaskItem *item)
{
  RowWait w = { window, item };

  wait_until (row_shown, &w, 20, "the item's row");
  return find_row (GTK_WIDGET (window), item);
}

static gboolean
has_no_dialog (gpointer data)
{
  return epi_window_get_password_dialog (data) == NULL;
}

/* A row's own buttons: Retry puts a failed picture back in the queue and
 * asks for a password to seal it, and asks again for a sealed file's
 * password; Remove takes the item off the list. */
static void
test_row_actions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *sealed = g_build_filename (f->dir, "horse.epicrypt", NULL);
  const char *pictures[] = { image, NULL };
  const char *sealed_files[] = { sealed, NULL };
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  EpiTaskItem *item;
  GtkWidget *row;

  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));

  drop_files (f->window, pictures);
  wait_for_items (f->window, 1);
  item = item_at (f->window, 0);
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "horse.png: failed");
  row = wait_for_row (f->window, item);

  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_WAITING);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_WAITING);

  g_assert_true (gtk_widget_activate_action (row, "task.remove", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 0);

  /* A sealed file whose password was not given asks for it again. */
  drop_files (f->window, sealed_files);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  item = item_at (f->window, 0);
  g_assert_cmpint (epi_task_item_get_state (item), ==, EPI_ITEM_LOCKED);
  row = wait_for_row (f->window, item);
  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 1);
}

/* Whether the toast @data has slid in all the way: while it shows, the
 * overlay moves it up from below its own bottom edge. */
static gboolean
toast_settled (gpointer data)
{
  GtkWidget *toast = data;
  GtkWidget *overlay = gtk_widget_get_parent (toast);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (toast, overlay, &bounds) &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (overlay) + 0.5;
}

/* The button reading @label on the toast titled @title, once that toast
 * is on screen: a toast on its way out may still show one of the same
 * label. As a person's, the click comes once the toast has slid in:
 * libadwaita 1.2 crashes later when a toast is dismissed while its
 * showing still runs. */
static GtkWidget *
toast_button (GtkWidget  *root,
              const char *title,
              const char *label)
{
  GtkWidget *button = NULL;
  GtkWidget *toast;

  wait_for_label (root, title);
  toast = find_label (root, title);
  while (toast != NULL && g_strcmp0 (gtk_widget_get_css_name (toast), "toast") != 0)
    toast = gtk_widget_get_parent (toast);
  g_assert_nonnull (toast);
  wait_until (toast_settled, toast, 10, "the toast to slide in");
  /* Its showing ends on a later frame than its last move. */
  run_for (250);
  for (GtkWidget *widget = find_label (root, title); widget != NULL && button == NULL;
       widget = gtk_widget_get_parent (widget))
    button = find_button (widget, label);
  g_assert_nonnull (button);
  return button;
}

/* Remove takes a row off the list and its toast's Undo puts it back at
 * its place; a second removal while that toast is up joins it, and one
 * Undo brings both back. */
static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "b & c.png");
  g_autofree char *c = test_copy_sample_to ("rocket.jpg", f->dir, "d.jpg");
  const char *paths[] = { a, b, c, NULL };
  EpiTaskItem *first, *middle, *last;
  GListModel *items = epi_window_get_items (f->window);

  drop_files (f->window, paths);
  wait_for_items (f->window, 3);
  first = item_at (f->window, 0);
  middle = item_at (f->window, 1);
  last = item_at (f->window, 2);

  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, middle), "task.remove", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "“b & c.png” removed", "_Undo"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_true (item_at (f->window, 0) == first);
  g_assert_true (item_at (f->window, 1) == middle);
  g_assert_true (item_at (f->window, 2) == last);

  /* Two removals, one toast, one Undo. */
  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, first), "task.remove", NULL));
  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, last), "task.remove", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "2 rows removed", "_Undo"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_true (item_at (f->window, 0) == first);
  g_assert_true (item_at (f->window, 1) == middle);
  g_assert_true (item_at (f->window, 2) == last);
}

/* Starts sealing every waiting picture with PASSWORD. */
static void
seal_waiting (EpiWindow *window)
{
  EpiPasswordDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "encrypt", NULL);
  dialog = wait_for_dialog (window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_true (epi_password_dialog_submit (dialog));
  g_assert_true (epi_window_is_busy (window));
}

/* In the window, a weak password taken after its question seals the
 * pictures, and the question, transient for the password dialog, goes
 * before that dialog does: no warning on the way (they are fatal here). */
static void
test_weak_password_seals (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  const char *paths[] = { a, NULL };
  EpiPasswordDialog *dialog;
  GtkWindow *confirm;

  drop_files (f->window, paths);
  wait_for_items (f->window, 1);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "encrypt", NULL);
  dialog = wait_for_dialog (f->window);
  epi_password_dialog_set_passwords (dialog, "Password1!", "Password1!");
  g_assert_false (epi_password_dialog_submit (dialog));
  confirm = epi_password_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirm);
  g_signal_emit_by_name (find_button (GTK_WIDGET (confirm), "_Use Weak Password"), "clicked");
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  wait_until (batch_done, f->window, 60, "the batch to finish");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_DONE);
}

/* What a handler saw, and did, when the first picture was sealed. */
typedef struct
{
  EpiWindow  *window;
  const char *action;      /* activated then, if enabled */
  gboolean    busy;
  gboolean    enabled;
  guint       n_items;     /* after the action */
} FirstDone;

static void
on_first_done (EpiTaskItem *item,
               GParamSpec  *pspec,
               FirstDone   *seen)
{
  if (epi_task_item_get_state (item) != EPI_ITEM_DONE || seen->busy)
    return;

  seen->busy = epi_window_is_busy (seen->window);
  seen->enabled = g_action_group_get_action_enabled (G_ACTION_GROUP (seen->window), seen->action);
  if (seen->enabled)
    g_action_group_activate_action (G_ACTION_GROUP (seen->window), seen->action, NULL);
  seen->n_items = g_list_model_get_n_items (epi_window_get_items (seen->window));
}

/* Whether the first row finished and Clear Finished was tried on it. */
static gboolean
first_seen (gpointer data)
{
  return ((FirstDone *) data)->busy;
}

/* Clear Finished can be used as soon as one row is finished, while the
 * batch seals the others; Undo brings the row back while the batch goes
 * on, and the batch seals the others. */
static void
test_clear_finished_during_batch (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "b.png");
  g_autofree char *c = test_copy_sample_to ("rocket.jpg", f->dir, "c.jpg");
  const char *paths[] = { a, b, c, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FirstDone seen = { f->window, "clear-finished", FALSE, FALSE, 0 };
  g_autoptr(EpiTaskItem) first = NULL;

  /* One worker: the others wait while the first is sealed. */
  g_settings_set_uint (settings, "workers", 1);
  drop_files (f->window, paths);
  wait_for_items (f->window, 3);
  first = g_object_ref (item_at (f->window, 0));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "clear-finished"));
  g_signal_connect (first, "notify::state", G_CALLBACK (on_first_done), &seen);

  seal_waiting (f->window);
  wait_until (first_seen, &seen, 60, "the first row to be sealed");
  g_signal_handlers_disconnect_by_data (first, &seen);
  g_assert_true (seen.enabled);
  g_assert_cmpuint (seen.n_items, ==, 2);

  /* Undone at once, as a person would, while the toast is up. */
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "“a.png” removed", "_Undo"), "clicked");
  g_assert_true (item_at (f->window, 0) == first);
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 3);

  wait_until (batch_done, f->window, 120, "the batch to finish");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (epi_task_item_get_state (item_at (f->window, i)), ==, EPI_ITEM_DONE);

  g_settings_reset (settings, "workers");
}

/* The message dialogs on screen now. */
static guint
count_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      count += ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window));
    }
  return count;
}

/* Closing during a batch asks "Stop Sealing?"; when the batch ends while
 * it asks, the question goes and the window stays. */
static void
test_stop_dialog_goes (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  const char *paths[] = { a, NULL };
  EpiWindow *window = f->window;

  drop_files (f->window, paths);
  wait_for_items (f->window, 1);
  seal_waiting (f->window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  g_assert_cmpuint (count_message_dialogs (), ==, 0);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  /* Asking again brings the same question forward, not a second one. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpuint (count_message_dialogs (), ==, 1);

  wait_until (batch_done, f->window, 60, "the batch to finish");
  g_assert_cmpuint (count_message_dialogs (), ==, 0);
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
}

static gboolean
none_cancelled (gpointer data)
{
  for (guint i = 0; i < g_list_model_get_n_items (epi_window_get_items (data)); i++)
    if (epi_task_item_get_state (item_at (data, i)) == EPI_ITEM_CANCELLED)
      return FALSE;
  return TRUE;
}

/* The clear header of the sealed file @path. */
static EpiSealedHeader
sealed_header (const char *path)
{
  EpiSealedHeader header = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (epi_pipeline_check_sealed (path, EPI_KDF_SENSITIVE, &header, &error));
  g_assert_no_error (error);
  return header;
}

/* After a Cancel All the toast counts what happened and calls nothing a
 * failure; its Undo seals the cancelled pictures again with the batch's
 * key, asking for no password and deriving no key: every file ends with
 * the batch's one salt, as if nothing had been cancelled. */
static void
test_cancel_all_toast (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "b.png");
  g_autofree char *c = test_copy_sample_to ("rocket.jpg", f->dir, "c.jpg");
  const char *paths[] = { a, b, c, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FirstDone seen = { f->window, "cancel-all", FALSE, FALSE, 0 };
  g_autofree char *expected = NULL;
  g_autofree char *sealed_a = g_strconcat (a, ".epicrypt", NULL);
  g_autofree char *sealed_b = g_strconcat (b, ".epicrypt", NULL);
  g_autofree char *sealed_c = g_strconcat (c, ".epicrypt", NULL);
  const char *sealed[] = { sealed_a, sealed_b, sealed_c };
  EpiSealedHeader first;
  guint done = 0, cancelled = 0;

  g_settings_set_uint (settings, "workers", 1);
  drop_files (f->window, paths);
  wait_for_items (f->window, 3);
  g_signal_connect (item_at (f->window, 0), "notify::state", G_CALLBACK (on_first_done), &seen);

  seal_waiting (f->window);
  wait_until (batch_done, f->window, 60, "the batch to finish");
  g_signal_handlers_disconnect_by_data (item_at (f->window, 0), &seen);
  g_assert_true (seen.enabled);

  for (guint i = 0; i < 3; i++)
    {
      EpiItemState state = epi_task_item_get_state (item_at (f->window, i));

      done += state == EPI_ITEM_DONE;
      cancelled += state == EPI_ITEM_CANCELLED;
    }
  /* The first was sealed before Cancel All; the last cannot have been. */
  g_assert_cmpuint (done, >=, 1);
  g_assert_cmpuint (cancelled, >=, 1);
  g_assert_cmpuint (done + cancelled, ==, 3);
  expected = g_strdup_printf ("%u sealed, %u cancelled", done, cancelled);

  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), expected, "_Undo"), "clicked");
  g_assert_null (find_label (GTK_WIDGET (f->window), "failed"));
  wait_until (none_cancelled, f->window, 20, "the cancelled pictures to be sealed again");
  g_assert_null (epi_window_get_password_dialog (f->window));
  wait_until (batch_done, f->window, 60, "the retried pictures to be sealed");
  first = sealed_header (sealed[0]);
  for (guint i = 0; i < 3; i++)
    {
      EpiSealedHeader header = sealed_header (sealed[i]);

      g_assert_cmpint (epi_task_item_get_state (item_at (f->window, i)), ==, EPI_ITEM_DONE);
      g_assert_cmpmem (header.key.salt, EPI_SALT_BYTES, first.key.salt, EPI_SALT_BYTES);
    }
  g_assert_cmpuint (epi_window_get_n_derived (f->window), ==, 1);

  g_settings_reset (settings, "workers");
}

/* A row's own Cancel is not Cancel All: the toast after its batch
 * offers to Retry the picture, not to undo. */
static void
test_row_cancel_toast (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "b.png");
  const char *paths[] = { a, b, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *row;

  g_settings_set_uint (settings, "workers", 1);
  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  seal_waiting (f->window);
  row = wait_for_row (f->window, item_at (f->window, 1));
  g_assert_true (gtk_widget_activate_action (row, "task.cancel", NULL));
  wait_until (batch_done, f->window, 60, "the batch to finish");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_CANCELLED);
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "1 cancelled", "_Retry"), "clicked");
  wait_until (none_cancelled, f->window, 20, "the cancelled picture to be sealed again");
  wait_until (batch_done, f->window, 60, "the retried picture to be sealed");

  g_settings_reset (settings, "workers");
}

typedef struct
{
  GtkWidget *root;
  int        min_width;
} PictureWait;

/* The picture on screen in the viewer, if it shows one at least
 * @min_width pixels wide. */
static gboolean
picture_shown (gpointer data)
{
  PictureWait *w = data;
  GtkWidget *picture = find_widget (w->root, GTK_TYPE_PICTURE);
  GdkPaintable *paintable = picture != NULL ? gtk_picture_get_paintable (GTK_PICTURE (picture)) : NULL;

  return picture != NULL && gtk_widget_get_mapped (picture) && paintable != NULL &&
         gdk_paintable_get_intrinsic_width (paintable) >= w->min_width;
}

/* The title of the header's title widget, as a person reads it. */
static const char *
viewer_title (EpiWindow *window)
{
  GtkWidget *title = find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);

  g_assert_nonnull (title);
  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

/* Selecting a picture that waits to be sealed shows the picture itself,
 * larger than its row's thumbnail, and the title names it; with nothing
 * selected the title names the app again. */
static void
test_viewer_shows_picture (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "pièces.png");
  const char *paths[] = { a, b, NULL };
  PictureWait w = { GTK_WIDGET (f->window), 200 };
  g_autoptr(GdkPixbuf) source = gdk_pixbuf_new_from_file (a, NULL);

  g_assert_nonnull (source);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (source), gdk_pixbuf_get_height (source)), >, 200);
  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  g_assert_cmpstr (viewer_title (f->window), ==, "Epicrypt");
  g_assert_false (picture_shown (&w));

  epi_window_select (f->window, item_at (f->window, 1));
  g_assert_cmpstr (viewer_title (f->window), ==, "pièces.png");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "pièces.png");
  wait_until (picture_shown, &w, 20, "the picture in the viewer");

  epi_window_select (f->window, item_at (f->window, 0));
  g_assert_cmpstr (viewer_title (f->window), ==, "horse.png");
  wait_until (picture_shown, &w, 20, "the other picture in the viewer");

  g_list_store_remove (G_LIST_STORE (epi_window_get_items (f->window)), 0);
  g_assert_cmpstr (viewer_title (f->window), ==, "Epicrypt");
  g_assert_false (picture_shown (&w));
}

/* The same picture by its path, another spelling of it and a symbolic
 * link is one row, and the toast says why the others were left out. */
static void
test_same_file_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *dotted = g_build_filename (f->dir, ".", "horse.png", NULL);
  g_autofree char *symbolic = g_build_filename (f->dir, "pony.png", NULL);
  const char *first[] = { horse, NULL };
  const char *again[] = { dotted, symbolic, NULL };

  g_assert_cmpint (symlink (horse, symbolic), ==, 0);
  drop_files (f->window, first);
  wait_for_items (f->window, 1);
  drop_files (f->window, again);
  wait_for_label (GTK_WIDGET (f->window), "already in the list");
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 1);
}

/* A dropped web link is not a local file, not "not a picture". */
static void
test_web_link (Fixture       *f,
               gconstpointer  data)
{
  const char *link[] = { "https://example.org/cat.jpg", NULL };

  drop_files (f->window, link);
  wait_for_label (GTK_WIDGET (f->window), "not a local file");
  g_assert_null (find_label (GTK_WIDGET (f->window), "not a picture"));
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 0);
}

/* A folder names what it left out and why: the toast's Details list
 * every file. */
static void
test_skipped_reasons (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "holiday", NULL);
  g_autofree char *sub = g_build_filename (folder, "raw", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  const char *album[] = { folder, NULL };
  GtkWidget *details;
  GtkWidget *dialog = NULL;

  g_mkdir_with_parents (sub, 0700);
  g_free (test_copy_sample_to ("horse.png", folder, "beach.png"));
  test_write_file (notes, "sunny\n", 6);
  {
    g_autofree char *icon = g_build_filename (folder, "icon.ico", NULL);
    static const guint8 ico[] = {
      0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0,
    };

    test_write_file (icon, ico, sizeof ico);
  }
  drop_files (f->window, album);
  wait_for_items (f->window, 1);
  wait_for_label (GTK_WIDGET (f->window), "Added 1 picture from “holiday”, skipped 3");

  details = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->window), "Details"), GTK_TYPE_BUTTON);
  g_assert_nonnull (details);
  gtk_widget_activate (details);
  for (guint tries = 0; dialog == NULL && tries < 200; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      run_for (10);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window))
            dialog = GTK_WIDGET (window);
        }
    }
  g_assert_nonnull (dialog);
  /* Each with its path, and the reason the command line would give. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), notes));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "notes.txt — not a PNG"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "/raw — a folder"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "icon.ico — ICO pictures are not supported"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Pictures given by themselves and in a folder at once: the notice
 * counts them all and names no folder. */
static void
test_mixed_notice (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "holiday", NULL);
  g_autofree char *beach = test_copy_sample_to ("horse.png", folder, "beach.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  const char *paths[] = { coins, folder, NULL };

  drop_files (f->window, paths);
  wait_for_label (GTK_WIDGET (f->window), "Added 2 pictures");
  g_assert_null (find_label (GTK_WIDGET (f->window), "from “holiday”"));
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 2);
}

/* Files on the command line are queued as if dropped. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *horse = test_sample_path ("horse.png");
  g_autoptr(GFile) file = g_file_new_for_path (horse);
  GFile *files[] = { file };
  EpiWindow *window;

  g_application_open (G_APPLICATION (app), files, 1, "");
  window = EPI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  wait_for_items (window, 1);
  g_assert_cmpint (epi_task_item_get_state (item_at (window, 0)), ==, EPI_ITEM_WAITING);
}

static gboolean
first_item_failed (gpointer data)
{
  return epi_task_item_get_state (item_at (data, 0)) == EPI_ITEM_FAILED;
}

/* A sealed file asking for a costlier key than the preference allows is
 * refused from its header, with the reason in its row: no password is
 * asked for it, and the next sealed file's is. */
static void
test_costly_file_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *costly = g_build_filename (f->dir, "costly.epicrypt", NULL);
  g_autofree char *cheap = g_build_filename (f->dir, "cheap.epicrypt", NULL);
  const char *paths[] = { costly, cheap, NULL };
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_bytes = NULL;
  gsize length;
  EpiPasswordDialog *dialog;

  g_assert_true (epi_pipeline_encrypt (image, cheap, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The same file, its header naming the sensitive strength. */
  g_assert_true (g_file_get_contents (cheap, &data_bytes, &length, NULL));
  data_bytes[10] = EPI_KDF_SENSITIVE;
  test_write_file (costly, data_bytes, length);
  g_settings_set_enum (settings, "max-kdf-strength", EPI_KDF_MODERATE);

  drop_files (f->window, paths);
  dialog = wait_for_dialog (f->window);
  g_assert_true (first_item_failed (f->window));
  g_assert_nonnull (strstr (epi_task_item_get_detail (item_at (f->window, 0)), "costlier key derivation"));
  /* The dialog is the next file's. */
  g_assert_true (epi_task_item_get_state (item_at (f->window, 1)) == EPI_ITEM_LOCKED);
  g_assert_nonnull (dialog);

  g_settings_reset (settings, "max-kdf-strength");
}

/* Seals @image into @dir/@name under @ring: files sealed through one
 * ring share its salt and strength, as one batch's do. */
static char *
seal_into (EpiKeyring *ring,
           const char *image,
           const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *sealed = g_build_filename (dir, name, NULL);

  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return sealed;
}

static EpiKeyring *
ring_of (const char *password)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), NULL);

  return epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
}

typedef struct
{
  EpiTaskItem  *item;
  EpiItemState  state;
} StateWait;

static gboolean
item_in_state (gpointer data)
{
  StateWait *w = data;

  return epi_task_item_get_state (w->item) == w->state;
}

static void
wait_for_state (EpiTaskItem  *item,
                EpiItemState  state)
{
  StateWait w = { item, state };

  wait_until (item_in_state, &w, 30, "a row's state");
}

/* After a prompt was cancelled, Open Sealed… of another file asks for
 * that file, by name, and its password opens it: not an older row that
 * is still locked. */
static void
test_prompt_for_chosen_file (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) first = ring_of ("first-Password-11");
  g_autoptr(EpiKeyring) second = ring_of ("second-Password-22");
  g_autoptr(EpiKeyring) chosen = ring_of (PASSWORD);
  g_autofree char *a = seal_into (first, image, f->dir, "a.epicrypt");
  g_autofree char *b = seal_into (second, image, f->dir, "b.epicrypt");
  g_autofree char *c = seal_into (chosen, image, f->dir, "chosen.epicrypt");
  const char *dropped[] = { a, b, NULL };
  g_autoptr(GFile) file = g_file_new_for_path (c);
  EpiPasswordDialog *dialog;

  drop_files (f->window, dropped);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "“a.epicrypt”"));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  /* What Open Sealed… does with the chosen file. */
  epi_window_add_files (f->window, &file, 1);
  wait_for_items (f->window, 3);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "“chosen.epicrypt”"));
  g_assert_null (find_label (GTK_WIDGET (dialog), "“b.epicrypt”"));

  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_for_state (item_at (f->window, 2), EPI_ITEM_DONE);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_LOCKED);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_LOCKED);
  /* Both earlier rows say how to open them. */
  g_assert_nonnull (strstr (epi_task_item_get_detail (item_at (f->window, 0)), "Unlock All"));
  g_assert_nonnull (strstr (epi_task_item_get_detail (item_at (f->window, 1)), "Unlock All"));
}

/* The position of the list's selected row. */
static guint
selected_position (EpiWindow *window)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

static gboolean
last_selected (gpointer window)
{
  return selected_position (window) == g_list_model_get_n_items (epi_window_get_items (window)) - 1;
}

/* A sealed file chosen again (Open Sealed…, or a drop) while its row is
 * locked selects that row and asks for its password, naming it: not
 * "already in the list". Chosen once it is open, its row is selected,
 * and nothing is asked. */
static void
test_choose_locked_again (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) batch = ring_of ("first-Password-11");
  g_autoptr(EpiKeyring) chosen = ring_of (PASSWORD);
  g_autofree char *a = seal_into (batch, image, f->dir, "camera.epicrypt");
  g_autofree char *b = seal_into (batch, image, f->dir, "coins.epicrypt");
  g_autofree char *c = seal_into (chosen, image, f->dir, "chelsea.epicrypt");
  const char *dropped[] = { a, b, c, NULL };
  g_autoptr(GFile) file = g_file_new_for_path (c);
  EpiPasswordDialog *dialog;

  drop_files (f->window, dropped);
  wait_for_items (f->window, 3);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "“camera.epicrypt”"));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (epi_task_item_get_state (item_at (f->window, i)), ==, EPI_ITEM_LOCKED);
  epi_window_select (f->window, item_at (f->window, 0));

  /* What Open Sealed… does with the chosen file. */
  epi_window_add_files (f->window, &file, 1);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "“chelsea.epicrypt”"));
  g_assert_null (find_label (GTK_WIDGET (f->window), "already in the list"));
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 3);
  g_assert_cmpuint (selected_position (f->window), ==, 2);

  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_for_state (item_at (f->window, 2), EPI_ITEM_DONE);
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  /* Open already: selected, not asked for. */
  epi_window_select (f->window, item_at (f->window, 0));
  epi_window_add_files (f->window, &file, 1);
  wait_until (last_selected, f->window, 20, "the opened file's row to be selected");
  run_for (200);
  g_assert_null (epi_window_get_password_dialog (f->window));
  g_assert_null (find_label (GTK_WIDGET (f->window), "already in the list"));
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 3);
}

/* Two files sealed in one batch open with one password and one key
 * derivation; a file of another batch is offered the same password, and
 * stays locked when it is not its own. */
static void
test_one_batch_one_key (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) batch = ring_of (PASSWORD);
  g_autoptr(EpiKeyring) other = ring_of ("another-Password-33");
  g_autofree char *a = seal_into (batch, image, f->dir, "one.epicrypt");
  g_autofree char *b = seal_into (batch, image, f->dir, "two.epicrypt");
  g_autofree char *c = seal_into (other, image, f->dir, "three.epicrypt");
  const char *earlier[] = { c, NULL };
  const char *paths[] = { a, b, NULL };
  EpiPasswordDialog *dialog;
  GtkWidget *try_button;

  g_assert_cmpuint (epi_keyring_get_n_derived (batch), ==, 1);
  /* A file of another batch, its prompt cancelled, stays locked. */
  drop_files (f->window, earlier);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  drop_files (f->window, paths);
  wait_for_items (f->window, 3);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "“one.epicrypt”"));
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));

  wait_for_state (item_at (f->window, 2), EPI_ITEM_DONE);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_DONE);
  g_assert_cmpuint (epi_window_get_n_derived (f->window), ==, 1);

  /* The first is of another batch: the same password is offered, not
   * asked for again. */
  wait_for_label (GTK_WIDGET (f->window), "Try the same password on 1 other locked file?");
  g_assert_null (epi_window_get_password_dialog (f->window));
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_LOCKED);
  try_button = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->window), "Try Password"), GTK_TYPE_BUTTON);
  g_assert_nonnull (try_button);
  gtk_widget_activate (try_button);
  wait_for_label (GTK_WIDGET (f->window), "The password did not open the locked file");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_LOCKED);
  g_assert_nonnull (strstr (epi_task_item_get_detail (item_at (f->window, 0)), "Not opened with that password"));
  g_assert_cmpuint (epi_window_get_n_derived (f->window), ==, 2);
}

/* What the prompts and toasts about many locked files say reads as a
 * sentence: Unlock All asks for "the password of the 2 locked files",
 * and a password tried on them that opens none says so plainly. */
static void
test_unlock_wording (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) mine = ring_of (PASSWORD);
  g_autoptr(EpiKeyring) other = ring_of ("another-Password-33");
  g_autofree char *a = seal_into (other, image, f->dir, "one.epicrypt");
  g_autofree char *b = seal_into (other, image, f->dir, "two.epicrypt");
  g_autofree char *c = seal_into (mine, image, f->dir, "mine.epicrypt");
  const char *earlier[] = { a, b, NULL };
  const char *later[] = { c, NULL };
  EpiPasswordDialog *dialog;
  GtkWidget *try_button;

  drop_files (f->window, earlier);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "unlock-all", NULL);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Enter the password of the 2 locked files. "
                                                     "Files it does not open stay locked."));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  drop_files (f->window, later);
  wait_for_items (f->window, 3);
  dialog = wait_for_dialog (f->window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_for_state (item_at (f->window, 2), EPI_ITEM_DONE);
  wait_for_label (GTK_WIDGET (f->window), "Try the same password on 2 other locked files?");
  try_button = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->window), "Try Password"), GTK_TYPE_BUTTON);
  g_assert_nonnull (try_button);
  gtk_widget_activate (try_button);
  wait_for_label (GTK_WIDGET (f->window), "The password opened none of the 2 locked files");
  g_assert_null (find_label (GTK_WIDGET (f->window), "Opened 0"));
}

/* Unlock All asks once: a password that opens nothing is refused in the
 * dialog; the right one opens the two files it opens, of two batches,
 * and the third stays locked, its row saying so. */
static void
test_unlock_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) monday = ring_of (PASSWORD);
  g_autoptr(EpiKeyring) tuesday = ring_of (PASSWORD);
  g_autoptr(EpiKeyring) other = ring_of ("another-Password-33");
  g_autofree char *a = seal_into (monday, image, f->dir, "monday.epicrypt");
  g_autofree char *b = seal_into (other, image, f->dir, "other.epicrypt");
  g_autofree char *c = seal_into (tuesday, image, f->dir, "tuesday.epicrypt");
  const char *paths[] = { a, b, c, NULL };
  EpiPasswordDialog *dialog;

  drop_files (f->window, paths);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "unlock-all"));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "unlock-all", NULL);
  dialog = wait_for_dialog (f->window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Unlock 3 Files"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Enter the password of the 3 locked files. "
                                                     "Files it does not open stay locked."));

  epi_password_dialog_set_passwords (dialog, "not it", NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  while (dialog != NULL && epi_password_dialog_get_error (dialog) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (epi_password_dialog_get_error (dialog), "opens none"));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (epi_task_item_get_state (item_at (f->window, i)), ==, EPI_ITEM_LOCKED);

  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_for_label (GTK_WIDGET (f->window), "Opened 2 of 3 locked files");
  g_assert_null (dialog);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_DONE);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_LOCKED);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 2)), ==, EPI_ITEM_DONE);
  g_assert_nonnull (strstr (epi_task_item_get_detail (item_at (f->window, 1)), "Not opened with that password"));
  g_assert_true (has_drawing (f->window));
}

/* Retry seals a cancelled picture again with its batch's password,
 * without asking; "Retry with Another Password…" asks, its button
 * naming the count. */
static void
test_retry_keeps_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  g_autofree char *sealed = g_strconcat (horse, ".epicrypt", NULL);
  const char *paths[] = { horse, coins, NULL };
  g_autoptr(EpiKeyring) ring = ring_of (PASSWORD);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  EpiPasswordDialog *dialog;
  GtkWidget *row;

  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "encrypt", NULL);
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Seal 2 Pictures"));
  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_true (epi_password_dialog_submit (dialog));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "cancel-all", NULL);
  wait_until (batch_done, f->window, 60, "the batch to stop");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_CANCELLED);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_CANCELLED);
  g_assert_nonnull (epi_task_item_get_secret (item_at (f->window, 0)));

  row = wait_for_row (f->window, item_at (f->window, 0));
  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_null (epi_window_get_password_dialog (f->window));
  g_assert_true (epi_window_is_busy (f->window));
  wait_until (batch_done, f->window, 60, "the retry to finish");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_DONE);
  /* Sealed under the batch's password, which the row then lets go. */
  spectrum = epi_pipeline_open (sealed, ring, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spectrum);
  g_assert_null (epi_task_item_get_secret (item_at (f->window, 0)));

  row = wait_for_row (f->window, item_at (f->window, 1));
  g_assert_true (gtk_widget_activate_action (row, "task.retry-new-password", NULL));
  dialog = wait_for_dialog (f->window);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Seal 1 Picture"));
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_WAITING);
}

/* A picture cancelled and retried is sealed with its batch's very key,
 * in a batch of its own: the same salt and strength as the picture
 * sealed before the cancel (so one key opens both), no new derivation,
 * whatever the key strength setting says meanwhile. */
static void
test_retry_keeps_key (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  g_autofree char *sealed_horse = g_strconcat (horse, ".epicrypt", NULL);
  g_autofree char *sealed_coins = g_strconcat (coins, ".epicrypt", NULL);
  const char *paths[] = { horse, coins, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FirstDone seen = { f->window, "cancel-all", FALSE, FALSE, 0 };
  EpiSealedHeader first, retried;
  EpiKdfStrength strength;
  GtkWidget *row;

  g_settings_set_uint (settings, "workers", 1);
  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  g_signal_connect (item_at (f->window, 0), "notify::state", G_CALLBACK (on_first_done), &seen);
  seal_waiting (f->window);
  wait_until (batch_done, f->window, 60, "the batch to stop");
  g_signal_handlers_disconnect_by_data (item_at (f->window, 0), &seen);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_DONE);
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_CANCELLED);
  g_assert_cmpuint (epi_window_get_n_derived (f->window), ==, 1);
  first = sealed_header (sealed_horse);

  /* A new setting is for new batches, not for a retry. */
  strength = g_settings_get_enum (settings, "kdf-strength");
  g_settings_set_enum (settings, "kdf-strength",
                       strength == EPI_KDF_INTERACTIVE ? EPI_KDF_MODERATE : EPI_KDF_INTERACTIVE);
  row = wait_for_row (f->window, item_at (f->window, 1));
  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_null (epi_window_get_password_dialog (f->window));
  wait_until (batch_done, f->window, 60, "the retry to finish");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_DONE);

  retried = sealed_header (sealed_coins);
  g_assert_cmpmem (retried.key.salt, EPI_SALT_BYTES, first.key.salt, EPI_SALT_BYTES);
  g_assert_cmpint (retried.key.strength, ==, strength);
  /* Each file still has its own nonce. */
  g_assert_true (memcmp (retried.nonce, first.nonce, EPI_NONCE_BYTES) != 0);
  g_assert_cmpuint (epi_window_get_n_derived (f->window), ==, 1);

  g_settings_reset (settings, "kdf-strength");
  g_settings_reset (settings, "workers");
}

/* A failure that would only fail again offers no Retry; one that may
 * not (a file that could not be read) does. */
static void
test_retry_only_where_it_helps (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  const char *paths[] = { horse, coins, NULL };
  g_autoptr(GError) not_picture = g_error_new (EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE, "horse.png: not a picture");
  g_autoptr(GError) unreadable = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "coins.png: denied");
  GtkWidget *row;

  drop_files (f->window, paths);
  wait_for_items (f->window, 2);
  epi_task_item_set_error (item_at (f->window, 0), not_picture);
  epi_window_select (f->window, item_at (f->window, 0));
  row = wait_for_row (f->window, item_at (f->window, 0));
  g_assert_false (epi_task_item_get_can_retry (item_at (f->window, 0)));
  g_assert_false (gtk_widget_get_visible (find_action_button (row, "task.retry")));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "retry-failed"));
  g_assert_true (gtk_widget_activate_action (row, "task.retry", NULL));
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 0)), ==, EPI_ITEM_FAILED);
  g_assert_null (epi_window_get_password_dialog (f->window));

  epi_task_item_set_error (item_at (f->window, 1), unreadable);
  epi_window_select (f->window, item_at (f->window, 1));
  row = wait_for_row (f->window, item_at (f->window, 1));
  g_assert_true (epi_task_item_get_can_retry (item_at (f->window, 1)));
  g_assert_true (gtk_widget_get_visible (find_action_button (row, "task.retry")));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "retry-failed"));
}

/* A new password typed twice differently says so in the dialog. */
static void
test_password_mismatch_said (Fixture       *f,
                             gconstpointer  data)
{
  EpiPasswordDialog *dialog = epi_password_dialog_new (GTK_WINDOW (f->window), EPI_PASSWORD_NEW, "Seal");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Still typing the second: nothing to say yet. */
  epi_password_dialog_set_passwords (dialog, PASSWORD, "Glass-On");
  g_assert_null (epi_password_dialog_get_mismatch (dialog));
  /* Going on with half of it says why not. */
  g_assert_false (epi_password_dialog_submit (dialog));
  g_assert_nonnull (epi_password_dialog_get_mismatch (dialog));

  epi_password_dialog_set_passwords (dialog, PASSWORD, "Glass-Onion-1913");
  g_assert_nonnull (epi_password_dialog_get_mismatch (dialog));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "do not match"));

  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  g_assert_null (epi_password_dialog_get_mismatch (dialog));
  g_assert_null (find_label (GTK_WIDGET (dialog), "do not match"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

static void
count_notifies (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The window's show-circles action reaches the renderer through the
 * canvas's property, which notifies only on a change. */
static void
test_canvas_show_circles (Fixture       *f,
                          gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  gboolean shown = TRUE;
  guint notified = 0;
  gulong handler;

  g_assert_true (epi_canvas_get_show_circles (canvas));
  handler = g_signal_connect (canvas, "notify::show-circles", G_CALLBACK (count_notifies), &notified);

  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "show-circles", g_variant_new_boolean (FALSE));
  g_assert_false (epi_canvas_get_show_circles (canvas));
  g_assert_false (epi_renderer_get_show_circles (renderer));
  g_assert_cmpuint (notified, ==, 1);

  epi_canvas_set_show_circles (canvas, FALSE);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (canvas, "show-circles", TRUE, NULL);
  g_object_get (canvas, "show-circles", &shown, NULL);
  g_assert_true (shown);
  g_assert_true (epi_renderer_get_show_circles (renderer));
  g_assert_cmpuint (notified, ==, 2);

  g_signal_handler_disconnect (canvas, handler);
}

/* Opens @paths, sealed under PASSWORD, through the prompt of the first,
 * and waits for a drawing on show. */
static void
open_sealed (EpiWindow   *window,
             const char **paths)
{
  EpiPasswordDialog *dialog;

  drop_files (window, paths);
  dialog = wait_for_dialog (window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, window, 20, "the drawing");
  wait_until (has_no_dialog, window, 20, "the password dialog to close");
}

/* Emits a key press of @keyval to the key controllers of @widget, as
 * the window would; returns whether one handled it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* Space on the row whose drawing is on show, as the README says,
 * pauses the drawing and leaves it on show: GTK's Space on a row (and
 * Ctrl+click) selects, it never unselects. */
static void
test_space_keeps_drawing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) ring = ring_of (PASSWORD);
  g_autofree char *sealed = seal_into (ring, image, f->dir, "horse.epicrypt");
  const char *paths[] = { sealed, NULL };
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  GtkWidget *row, *list;

  open_sealed (f->window, paths);
  g_assert_cmpstr (viewer_title (f->window), ==, "horse.png");
  g_assert_true (epi_canvas_get_playing (canvas));

  /* The row as the keyboard or a click leaves it: focused. */
  row = gtk_widget_get_parent (wait_for_row (f->window, item_at (f->window, 0)));
  list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW);
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == row);

  /* What GTK's own binding for Space on a row does. */
  g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", TRUE, FALSE));
  g_assert_cmpstr (viewer_title (f->window), ==, "horse.png");
  g_assert_true (has_drawing (f->window));

  /* Space, as the list sees it first, pauses and plays. */
  g_assert_true (press_key (list, GDK_KEY_space));
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_true (press_key (list, GDK_KEY_space));
  g_assert_true (epi_canvas_get_playing (canvas));
  g_assert_cmpstr (viewer_title (f->window), ==, "horse.png");
  g_assert_true (has_drawing (f->window));
}

/* The viewer shows what the selected row has whatever happens to the
 * others: a damaged picture's row, selected after its sealing failed,
 * still says "Nothing to Draw" after another row is removed and put
 * back, never a blank page. */
static void
test_failed_row_stays_said (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *a = test_copy_sample_to ("horse.png", f->dir, "a.png");
  g_autofree char *b = test_copy_sample_to ("coins.png", f->dir, "b.png");
  g_autofree char *cut = g_build_filename (f->dir, "cut.png", NULL);
  g_autofree char *whole = NULL;
  gsize length;
  const char *paths[] = { a, b, cut, NULL };
  GtkWidget *viewer;

  /* A picture cut short, as by a copy that stopped. */
  g_assert_true (g_file_get_contents (a, &whole, &length, NULL));
  test_write_file (cut, whole, length / 3);
  drop_files (f->window, paths);
  wait_for_items (f->window, 3);
  seal_waiting (f->window);
  wait_until (batch_done, f->window, 60, "the batch to finish");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 2)), ==, EPI_ITEM_FAILED);

  epi_window_select (f->window, item_at (f->window, 2));
  wait_for_label (GTK_WIDGET (f->window), "Nothing to Draw");
  viewer = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->window), "Nothing to Draw"), GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (viewer)), ==, "empty");

  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, item_at (f->window, 0)), "task.remove", NULL));
  run_for (300);
  g_assert_cmpstr (viewer_title (f->window), ==, "cut.png");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (viewer)), ==, "empty");
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Nothing to Draw"));

  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "“a.png” removed", "_Undo"), "clicked");
  run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (epi_window_get_items (f->window)), ==, 3);
  g_assert_cmpstr (viewer_title (f->window), ==, "cut.png");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (viewer)), ==, "empty");
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Nothing to Draw"));
}

/* Undo after removing the row on show shows it again; removing and
 * putting back another row leaves the selection alone. */
static void
test_undo_restores_selection (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  g_autoptr(EpiKeyring) ring = ring_of (PASSWORD);
  g_autofree char *a = seal_into (ring, horse, f->dir, "a.epicrypt");
  g_autofree char *b = seal_into (ring, coins, f->dir, "b.epicrypt");
  const char *paths[] = { a, b, NULL };
  EpiTaskItem *second;

  open_sealed (f->window, paths);
  wait_for_state (item_at (f->window, 1), EPI_ITEM_DONE);
  second = item_at (f->window, 1);
  epi_window_select (f->window, second);
  g_assert_cmpstr (viewer_title (f->window), ==, "coins.png");

  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, second), "task.remove", NULL));
  g_assert_cmpstr (viewer_title (f->window), ==, "Epicrypt");
  g_assert_false (has_drawing (f->window));
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "“coins.png” removed", "_Undo"), "clicked");
  g_assert_true (item_at (f->window, 1) == second);
  g_assert_cmpstr (viewer_title (f->window), ==, "coins.png");
  g_assert_true (has_drawing (f->window));
}

/* Unlock All opens the locked files without taking the viewer from the
 * drawing on show. */
static void
test_unlock_all_keeps_drawing (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  g_autoptr(EpiKeyring) watched = ring_of ("watched-Password-44");
  g_autoptr(EpiKeyring) later = ring_of (PASSWORD);
  g_autofree char *a = seal_into (watched, coins, f->dir, "watched.epicrypt");
  g_autofree char *b = seal_into (later, horse, f->dir, "later.epicrypt");
  const char *first[] = { a, NULL };
  const char *then[] = { b, NULL };
  EpiPasswordDialog *dialog;

  drop_files (f->window, first);
  dialog = wait_for_dialog (f->window);
  epi_password_dialog_set_passwords (dialog, "watched-Password-44", NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, f->window, 20, "the drawing");
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");
  g_assert_cmpstr (viewer_title (f->window), ==, "coins.png");

  drop_files (f->window, then);
  gtk_window_close (GTK_WINDOW (wait_for_dialog (f->window)));
  wait_until (has_no_dialog, f->window, 20, "the password dialog to close");

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "unlock-all", NULL);
  dialog = wait_for_dialog (f->window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_for_label (GTK_WIDGET (f->window), "Opened 1 of 1 locked file");
  g_assert_cmpint (epi_task_item_get_state (item_at (f->window, 1)), ==, EPI_ITEM_DONE);
  g_assert_cmpstr (viewer_title (f->window), ==, "coins.png");
  g_assert_true (has_drawing (f->window));
}

/* Removing a row above the drawing on show, and putting it back, moves
 * the row on show without starting its drawing again: paused, it stays
 * paused where it was. */
static void
test_drawing_stays_paused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *coins = test_copy_sample_to ("coins.png", f->dir, "coins.png");
  g_autoptr(EpiKeyring) ring = ring_of (PASSWORD);
  g_autofree char *a = seal_into (ring, horse, f->dir, "a.epicrypt");
  g_autofree char *b = seal_into (ring, coins, f->dir, "b.epicrypt");
  const char *paths[] = { a, b, NULL };
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  double time;

  open_sealed (f->window, paths);
  wait_for_state (item_at (f->window, 1), EPI_ITEM_DONE);
  epi_window_select (f->window, item_at (f->window, 1));
  run_for (500);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "play", NULL);
  g_assert_false (epi_canvas_get_playing (canvas));
  time = epi_renderer_get_time (renderer);
  g_assert_cmpfloat (time, >, 0);

  g_assert_true (gtk_widget_activate_action (wait_for_row (f->window, item_at (f->window, 0)), "task.remove", NULL));
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpfloat (epi_renderer_get_time (renderer), ==, time);
  g_signal_emit_by_name (toast_button (GTK_WIDGET (f->window), "“horse.png” removed", "_Undo"), "clicked");
  g_assert_cmpstr (viewer_title (f->window), ==, "coins.png");
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpfloat (epi_renderer_get_time (renderer), ==, time);
}

/* The overlay and the timeline say the same share done, in whole
 * percents: 100 only once the drawing is finished. */
static void
test_overlay_and_timeline_agree (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autoptr(EpiKeyring) ring = ring_of (PASSWORD);
  g_autofree char *sealed = seal_into (ring, horse, f->dir, "horse.png.epicrypt");
  g_autoptr(GFile) file = g_file_new_for_path (sealed);
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiPasswordDialog *dialog;
  GtkLabel *overlay;

  epi_window_add_files (f->window, &file, 1);
  dialog = wait_for_dialog (f->window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, f->window, 20, "the drawing");
  epi_canvas_set_playing (canvas, FALSE);

  epi_canvas_set_time (canvas, 0.347);
  run_for (100);
  overlay = find_overlay (GTK_WIDGET (f->window));
  g_assert_nonnull (overlay);
  g_assert_nonnull (strstr (gtk_label_get_text (overlay), " 34%"));
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "34 %"));

  epi_canvas_set_time (canvas, 0.997);
  run_for (100);
  g_assert_nonnull (strstr (gtk_label_get_text (overlay), " 99%"));
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "99 %"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = gui_test_init (&argc, &argv, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

  g_test_add ("/Epi/App/drop-and-seal", Fixture, NULL, window_fixture_set_up, test_drop_and_seal, window_fixture_tear_down);
  g_test_add ("/Epi/App/open-sealed", Fixture, NULL, window_fixture_set_up, test_open_sealed, window_fixture_tear_down);
  g_test_add ("/Epi/App/canvas-show-circles", Fixture, NULL, window_fixture_set_up, test_canvas_show_circles, window_fixture_tear_down);
  g_test_add ("/Epi/App/costly-file-refused", Fixture, NULL, window_fixture_set_up, test_costly_file_refused, window_fixture_tear_down);
  g_test_add ("/Epi/App/folder-and-skipped", Fixture, NULL, window_fixture_set_up, test_folder_and_skipped, window_fixture_tear_down);
  g_test_add ("/Epi/App/row-actions", Fixture, NULL, window_fixture_set_up, test_row_actions, window_fixture_tear_down);
  g_test_add ("/Epi/App/remove-undo", Fixture, NULL, window_fixture_set_up, test_remove_undo, window_fixture_tear_down);
  g_test_add ("/Epi/App/clear-finished-during-batch", Fixture, NULL, window_fixture_set_up, test_clear_finished_during_batch, window_fixture_tear_down);
  g_test_add ("/Epi/App/stop-dialog-goes", Fixture, NULL, window_fixture_set_up, test_stop_dialog_goes, window_fixture_tear_down);
  g_test_add ("/Epi/App/weak-password-seals", Fixture, NULL, window_fixture_set_up, test_weak_password_seals, window_fixture_tear_down);
  g_test_add ("/Epi/App/cancel-all-toast", Fixture, NULL, window_fixture_set_up, test_cancel_all_toast, window_fixture_tear_down);
  g_test_add ("/Epi/App/row-cancel-toast", Fixture, NULL, window_fixture_set_up, test_row_cancel_toast, window_fixture_tear_down);
  g_test_add ("/Epi/App/viewer-shows-picture", Fixture, NULL, window_fixture_set_up, test_viewer_shows_picture, window_fixture_tear_down);
  g_test_add ("/Epi/App/same-file-once", Fixture, NULL, window_fixture_set_up, test_same_file_once, window_fixture_tear_down);
  g_test_add ("/Epi/App/web-link", Fixture, NULL, window_fixture_set_up, test_web_link, window_fixture_tear_down);
  g_test_add ("/Epi/App/skipped-reasons", Fixture, NULL, window_fixture_set_up, test_skipped_reasons, window_fixture_tear_down);
  g_test_add ("/Epi/App/mixed-notice", Fixture, NULL, window_fixture_set_up, test_mixed_notice, window_fixture_tear_down);
  g_test_add ("/Epi/App/command-line", Fixture, NULL, window_fixture_set_up, test_command_line, window_fixture_tear_down);
  g_test_add ("/Epi/App/weak-password-confirmed", Fixture, NULL, window_fixture_set_up, test_weak_password_confirmed, window_fixture_tear_down);
  g_test_add ("/Epi/App/generate-password", Fixture, NULL, window_fixture_set_up, test_generate_password, window_fixture_tear_down);
  g_test_add ("/Epi/App/prompt-for-chosen-file", Fixture, NULL, window_fixture_set_up, test_prompt_for_chosen_file, window_fixture_tear_down);
  g_test_add ("/Epi/App/choose-locked-again", Fixture, NULL, window_fixture_set_up, test_choose_locked_again, window_fixture_tear_down);
  g_test_add ("/Epi/App/one-batch-one-key", Fixture, NULL, window_fixture_set_up, test_one_batch_one_key, window_fixture_tear_down);
  g_test_add ("/Epi/App/unlock-wording", Fixture, NULL, window_fixture_set_up, test_unlock_wording, window_fixture_tear_down);
  g_test_add ("/Epi/App/unlock-all", Fixture, NULL, window_fixture_set_up, test_unlock_all, window_fixture_tear_down);
  g_test_add ("/Epi/App/retry-keeps-password", Fixture, NULL, window_fixture_set_up, test_retry_keeps_password, window_fixture_tear_down);
  g_test_add ("/Epi/App/retry-keeps-key", Fixture, NULL, window_fixture_set_up, test_retry_keeps_key, window_fixture_tear_down);
  g_test_add ("/Epi/App/retry-only-where-it-helps", Fixture, NULL, window_fixture_set_up, test_retry_only_where_it_helps, window_fixture_tear_down);
  g_test_add ("/Epi/App/password-mismatch-said", Fixture, NULL, window_fixture_set_up, test_password_mismatch_said, window_fixture_tear_down);
  g_test_add ("/Epi/App/open-password-not-rated", Fixture, NULL, window_fixture_set_up, test_open_password_not_rated, window_fixture_tear_down);

  g_test_add ("/Epi/App/space-keeps-drawing", Fixture, NULL, window_fixture_set_up, test_space_keeps_drawing, window_fixture_tear_down);
  g_test_add ("/Epi/App/failed-row-stays-said", Fixture, NULL, window_fixture_set_up, test_failed_row_stays_said, window_fixture_tear_down);
  g_test_add ("/Epi/App/undo-restores-selection", Fixture, NULL, window_fixture_set_up, test_undo_restores_selection, window_fixture_tear_down);
  g_test_add ("/Epi/App/unlock-all-keeps-drawing", Fixture, NULL, window_fixture_set_up, test_unlock_all_keeps_drawing, window_fixture_tear_down);
  g_test_add ("/Epi/App/overlay-and-timeline-agree", Fixture, NULL, window_fixture_set_up, test_overlay_and_timeline_agree, window_fixture_tear_down);
  g_test_add ("/Epi/App/drawing-stays-paused", Fixture, NULL, window_fixture_set_up, test_drawing_stays_paused, window_fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
