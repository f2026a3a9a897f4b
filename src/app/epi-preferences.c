/* epi-preferences.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences, each row bound to its GSettings key.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-accessible.h"
#include "epi-core.h"
#include "epi-preferences.h"

struct _EpiPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSpinButton        *workers_spin;
  GtkSpinButton        *coefficients_spin;
  GtkSpinButton        *points_spin;
  GtkSpinButton        *max_side_spin;
  GtkScale             *detail_scale;
  AdwComboRow          *kdf_row;
  AdwComboRow          *max_kdf_row;
  GtkSwitch            *hide_names_switch;
  AdwActionRow         *folder_row;
  GtkSpinButton        *speed_spin;
  GtkSwitch            *circles_switch;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (EpiPreferences, epi_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_folder_row (EpiPreferences *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "output-folder");

  adw_action_row_set_subtitle (self->folder_row, *folder != '\0' ? folder : _("Beside each picture"));
}

static void
on_folder_chosen (GtkNativeDialog *dialog,
                  int              response,
                  EpiPreferences  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "output-folder", path);
    }
  g_object_unref (dialog);
}

static void
on_choose_folder (EpiPreferences *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Output Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_reset_folder (EpiPreferences *self)
{
  g_settings_reset (self->settings, "output-folder");
}

/* The key strength rows list the strengths in id order. */
static gboolean
kdf_to_row (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  EpiKdfStrength strength;

  if (!epi_kdf_strength_from_name (g_variant_get_string (variant, NULL), &strength))
    return FALSE;
  g_value_set_uint (value, strength - EPI_KDF_INTERACTIVE);
  return TRUE;
}

static GVariant *
row_to_kdf (const GValue       *value,
            const GVariantType *type,
            gpointer            user_data)
{
  return g_variant_new_string (epi_kdf_strength_get_name (EPI_KDF_INTERACTIVE + g_value_get_uint (value)));
}

static void
epi_preferences_dispose (GObject *object)
{
  EpiPreferences *self = EPI_PREFERENCES (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (epi_preferences_parent_class)->dispose (object);
}

static void
epi_preferences_class_init (EpiPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = epi_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, coefficients_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, points_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, max_side_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, detail_scale);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, kdf_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, max_kdf_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, hide_names_switch);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, folder_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, circles_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_folder);
}

static void
epi_preferences_init (EpiPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  epi_accessible_fix_mnemonic_names (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "workers", self->workers_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "coefficients", self->coefficients_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "points", self->points_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "max-side", self->max_side_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "detail", gtk_range_get_adjustment (GTK_RANGE (self->detail_scale)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-speed", self->speed_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-circles", self->circles_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "kdf-strength", self->kdf_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, kdf_to_row, row_to_kdf, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "max-kdf-strength", self->max_kdf_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, kdf_to_row, row_to_kdf, NULL, NULL);
  g_settings_bind (self->settings, "hide-names", self->hide_names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->settings, "changed::output-folder", G_CALLBACK (update_folder_row), self);
  update_folder_row (self);
}

EpiPreferences *
epi_preferences_new (GtkWindow *parent)
{
  return g_object_new (EPI_TYPE_PREFERENCES, "transient-for", parent, "modal", TRUE, NULL);
}
