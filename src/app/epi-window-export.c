/* epi-window-export.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's export of the drawing on show: a small dialog for the
 * format, the size and the circles, then the file chooser with the
 * picture's own name in that format, then the export off the main
 * thread with its progress and a Cancel button, and a toast that opens
 * what was written. The formats come from the core's table, so a kind
 * the core learns to write shows up here without more code.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-window-private.h"

/* The options dialog ----------------------------------------------------- */

/* The widgets of the options dialog the response reads back. */
typedef struct
{
  EpiWindow     *window;   /* unowned: the dialog is the window's */
  AdwComboRow   *format;   /* unowned */
  GtkSpinButton *size;     /* unowned */
  GtkSpinButton *speed;    /* unowned */
  GtkWidget     *speed_row;/* unowned: shown for the formats that move */
  GtkSwitch     *circles;  /* unowned */
} OptionsForm;

/* Whether an export of @kind moves, so that its speed matters. */
static gboolean
kind_moves (EpiExportKind kind)
{
  return kind != EPI_EXPORT_STILL && kind != EPI_EXPORT_SVG;
}

static void
options_form_free (gpointer  form,
                   GClosure *closure)
{
  g_free (form);
}

static void choose_file (EpiWindow *self);

static void
on_options_response (AdwMessageDialog *dialog,
                     const char       *response,
                     OptionsForm      *form)
{
  EpiWindow *self = form->window;
  guint n_formats;
  const EpiExportFormat *formats = epi_export_get_formats (&n_formats);
  guint selected = adw_combo_row_get_selected (form->format);

  if (!g_str_equal (response, "export"))
    return;

  if (selected < n_formats)
    self->export_options.kind = formats[selected].kind;
  self->export_options.size = (guint) gtk_spin_button_get_value_as_int (form->size);
  self->export_options.speed = gtk_spin_button_get_value (form->speed);
  self->export_options.show_circles = gtk_switch_get_active (form->circles);
  choose_file (self);
}

static void
on_format_selected (OptionsForm *form)
{
  guint n_formats;
  const EpiExportFormat *formats = epi_export_get_formats (&n_formats);
  guint selected = adw_combo_row_get_selected (form->format);

  gtk_widget_set_visible (form->speed_row, selected < n_formats && kind_moves (formats[selected].kind));
}

/* The rows of the options dialog, set to the last choice. */
static GtkWidget *
options_form_build (OptionsForm *form)
{
  EpiWindow *self = form->window;
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  guint n_formats;
  const EpiExportFormat *formats = epi_export_get_formats (&n_formats);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < n_formats; i++)
    gtk_string_list_append (labels, _(formats[i].label));
  row = adw_combo_row_new ();
  form->format = ADW_COMBO_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Format"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (form->format, G_LIST_MODEL (labels));
  /* The names are long for the dialog's width: shown whole below. */
  adw_combo_row_set_use_subtitle (form->format, TRUE);
  for (guint i = 0; i < n_formats; i++)
    if (formats[i].kind == self->export_options.kind)
      adw_combo_row_set_selected (form->format, i);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Size"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Longest side, in pixels"));
  form->size = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, EPI_MAX_STILL_SIDE, 16));
  gtk_spin_button_set_value (form->size, self->export_options.size);
  gtk_widget_set_valign (GTK_WIDGET (form->size), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->size),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Size in pixels"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (form->size));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (form->size));
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = adw_action_row_new ();
  form->speed_row = row;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("S_peed"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  /* Translators: %.0f is the seconds one whole drawing lasts at 1×. */
  subtitle = g_strdup_printf (_("1× lasts %.0f seconds"), EPI_RENDERER_TURN_SECONDS);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  form->speed = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (EPI_RENDERER_MIN_SPEED, EPI_RENDERER_MAX_SPEED, 0.1));
  gtk_spin_button_set_digits (form->speed, 1);
  gtk_spin_button_set_value (form->speed, self->export_options.speed);
  gtk_widget_set_valign (GTK_WIDGET (form->speed), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->speed),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speed"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (form->speed));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (form->speed));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_signal_connect_swapped (form->format, "notify::selected", G_CALLBACK (on_format_selected), form);
  on_format_selected (form);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Draw _Circles"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  form->circles = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (form->circles, self->export_options.show_circles);
  gtk_widget_set_valign (GTK_WIDGET (form->circles), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->circles),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Draw circles"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (form->circles));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (form->circles));
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return list;
}

/* Asks how to export the drawing on show, then where. The circles
 * start as the view shows them; the format and the size as last time. */
void
epi_window_show_export (EpiWindow *self)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  GAction *circles = g_action_map_lookup_action (G_ACTION_MAP (self), "show-circles");
  g_autoptr(GVariant) state = g_action_get_state (circles);
  OptionsForm *form;
  AdwMessageDialog *dialog;

  if (item == NULL || epi_task_item_get_spectrum (item) == NULL ||
      self->export_cancellable != NULL || self->export_dialog != NULL)
    return;

  self->export_options.show_circles = g_variant_get_boolean (state);
  self->export_options.speed = epi_canvas_get_speed (self->canvas);
  /* An animation draws the trail the view shows, whole or fading, and
   * every export the epicycles the view draws. */
  self->export_options.trail = epi_canvas_get_trail (self->canvas);
  self->export_options.n_epicycles =
    epi_canvas_get_n_terms (self->canvas) < epi_canvas_get_max_terms (self->canvas)
    ? epi_canvas_get_n_terms (self->canvas) : 0;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Drawing"), NULL));
  adw_message_dialog_format_body (dialog, _("The drawing of “%s” as a picture or an animation."),
                                  epi_task_item_get_name (item));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");

  form = g_new0 (OptionsForm, 1);
  form->window = self;
  adw_message_dialog_set_extra_child (dialog, options_form_build (form));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_options_response), form,
                         options_form_free, 0);

  self->export_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->export_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The file chooser ------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     EpiWindow       *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);

  if (file != NULL)
    epi_window_export (self, file, &self->export_options);
}

/* Asks where to write, offering the picture's own name in the chosen
 * format ("camera.gif" for a drawing of camera.png). */
static void
choose_file (EpiWindow *self)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);
  const EpiExportFormat *format = epi_export_get_format (self->export_options.kind);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  GtkFileChooserNative *chooser;

  if (item == NULL || self->export_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Drawing"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (format->extension[0] != '\0')
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(format->label));
      gtk_file_filter_add_mime_type (filter, format->mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* Beside the file the drawing came from, as a first guess, under a
   * name nothing there has. */
  folder = g_file_get_parent (epi_task_item_get_file (item));
  folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
  name = epi_export_suggest_name (epi_task_item_get_name (item), folder_path, format->kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The export ---------------------------------------------------------------- */

static void
on_export_progress (guint    frame,
                    guint    n_frames,
                    gpointer user_data)
{
  EpiWindow *self = user_data;

  /* A report can arrive after the end (see on_exported()); the bar is
   * gone by then, or belongs to the next export. */
  if (self->export_cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->export_progress, (double) frame / MAX (n_frames, 1));
}

static void
show_failure (EpiWindow  *self,
              GFile      *file,
              GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = g_filename_display_name (name);
  g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), shown);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Says the export is written, with a button that opens it. */
static void
show_written (EpiWindow *self,
              GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = g_filename_display_name (name);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);
  /* A toast's title is markup. */
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), escaped);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static gboolean
let_go (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  EpiWindow *self = user_data;
  g_autoptr(GFile) file = g_steal_pointer (&self->export_file);
  g_autoptr(GError) error = NULL;
  gboolean written = epi_export_finish (result, &error);

  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_item);
  /* The last progress report, an idle of its own, can still be on its
   * way: the window stays alive until it has passed. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, let_go, self, g_object_unref);
  /* A window closed meanwhile has nothing left to show it in. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  gtk_widget_set_visible (self->export_box, FALSE);
  epi_window_update_actions (self);
  if (written)
    show_written (self, file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (self, file, error);
}

static void
start_export (EpiWindow              *self,
              const char             *path,
              const EpiExportOptions *options)
{
  EpiTaskItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || epi_task_item_get_spectrum (item) == NULL || self->export_cancellable != NULL)
    return;

  self->export_file = g_file_new_for_path (path);
  self->export_item = g_object_ref (item);
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_widget_set_visible (self->export_box, TRUE);
  epi_window_update_actions (self);
  epi_export_async (epi_task_item_get_spectrum (item), path, options, on_export_progress, self,
                    self->export_cancellable, on_exported, g_object_ref (self));
}

/* An export waiting for the user to say whether it may replace a file. */
typedef struct
{
  EpiWindow        *window;   /* unowned: the dialog is the window's */
  char             *path;     /* owned */
  EpiExportOptions  options;
} PendingExport;

static void
pending_export_free (gpointer  data,
                     GClosure *closure)
{
  PendingExport *pending = data;

  g_free (pending->path);
  g_free (pending);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PendingExport    *pending)
{
  if (!g_str_equal (response, "replace"))
    return;

  pending->options.overwrite = TRUE;
  start_export (pending->window, pending->path, &pending->options);
}

/* Asks before replacing @path, which the file chooser did not ask about
 * because the user typed it with another extension or none. */
static void
confirm_replace (EpiWindow              *self,
                 const char             *path,
                 const EpiExportOptions *options)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *shown = g_filename_display_name (name);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), shown);
  AdwMessageDialog *dialog;
  PendingExport *pending;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("A file with this name already exists. "
                                                         "Replacing it overwrites its contents.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* The pending export points at the window: the dialog goes with it. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  pending = g_new0 (PendingExport, 1);
  pending->window = self;
  pending->path = g_strdup (path);
  pending->options = *options;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_replace_response), pending,
                         pending_export_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes the drawing on show to @file (as the user typed it) with
 * @options, off the main thread, showing its progress.
 * @options->kind is the format chosen: epi_export_fix_name() gives the
 * name its extension, added to a bare name or in place of another
 * format's. The file chooser has asked before replacing the name
 * typed; a name fixed here is asked about here. */
void
epi_window_export (EpiWindow              *self,
                   GFile                  *file,
                   const EpiExportOptions *options)
{
  g_autofree char *typed = g_file_get_path (file);
  g_autofree char *path = NULL;
  EpiExportOptions fixed;

  if (typed == NULL || self->export_cancellable != NULL)
    return;

  fixed = *options;
  path = epi_export_fix_name (typed, options->kind, &fixed.kind);
  fixed.overwrite = g_str_equal (path, typed);

  if (!fixed.overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    confirm_replace (self, path, &fixed);
  else
    start_export (self, path, &fixed);
}

/* Actions ------------------------------------------------------------------- */

static void
export (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  epi_window_show_export (EPI_WINDOW (user_data));
}

/* Stops the export; the core leaves nothing behind. */
static void
cancel_export (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EpiWindow *self = user_data;

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* Opening the export failed, most often for want of an app that reads
 * its kind of file: say so rather than nothing. */
static void
on_exported_shown (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *shown = g_filename_display_name (name);
      g_autofree char *escaped = g_markup_escape_text (shown, -1);
      /* A toast's title is markup. */
      g_autofree char *text = g_strdup_printf (_("No app could open “%s”"), escaped);

      epi_window_toast (EPI_WINDOW (source), text);
    }
}

static void
open_exported (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  gtk_show_uri_full (GTK_WINDOW (user_data), uri, GDK_CURRENT_TIME, NULL, on_exported_shown,
                     g_strdup (uri));
}

static const GActionEntry export_actions[] = {
  { "export", export },
  { "cancel-export", cancel_export },
  { "open-exported", open_exported, "s" },
};

void
epi_window_install_export_actions (EpiWindow *self)
{
  epi_export_options_init (&self->export_options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), export_actions,
                                   G_N_ELEMENTS (export_actions), self);
}

/* Drops what the export holds when the window goes; a running export is
 * cancelled by the window's close. */
void
epi_window_export_dispose (EpiWindow *self)
{
  if (self->export_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export_chooser, self);
      gtk_native_dialog_destroy (self->export_chooser);
      g_clear_object (&self->export_chooser);
    }
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  g_clear_object (&self->export_file);
  g_clear_object (&self->export_item);
}
