/* epi-preferences.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences, each row bound to its GSettings key. A setting whose
 * 0 stands for "choose for me" shows that choice by name (Automatic) in
 * its spin button, never the 0; every figure carries its unit.
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
  AdwActionRow         *workers_row;
  GtkSpinButton        *workers_spin;
  GtkLabel             *workers_unit;
  GtkSpinButton        *coefficients_spin;
  GtkLabel             *coefficients_unit;
  GtkSpinButton        *points_spin;
  GtkLabel             *points_unit;
  GtkSpinButton        *max_side_spin;
  GtkLabel             *max_side_unit;
  GtkScale             *detail_scale;
  AdwComboRow          *kdf_row;
  AdwComboRow          *max_kdf_row;
  GtkSwitch            *hide_names_switch;
  AdwActionRow         *folder_row;
  GtkWidget            *folder_reset_button;  /* shown while a folder is set */
  GtkSpinButton        *speed_spin;
  GtkLabel             *speed_unit;
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
  gtk_widget_set_visible (self->folder_reset_button, *folder != '\0');
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

/* Spin buttons whose 0 means automatic ---------------------------------- */

/* A spin button at 0 reads "Automatic"; its unit, beside it, is left
 * empty then, and says what the number counts otherwise. */
static gboolean
on_auto_output (GtkSpinButton *spin)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (value == 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), _("Automatic"));
  else
    {
      text = g_strdup_printf ("%.0f", value);
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
    }
  return TRUE;
}

/* Typing the name of the automatic choice, or clearing the entry, picks
 * it; a number below the setting's least (@least, kept on the spin
 * button) is raised to it. */
static int
on_auto_input (GtkSpinButton *spin,
               double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *automatic = g_utf8_casefold (_("Automatic"), -1);
  guint least = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "epi-least"));
  char *end = NULL;

  g_strstrip (folded);
  if (*folded == '\0' || g_str_has_prefix (automatic, folded))
    {
      *value = 0;
      return TRUE;
    }

  *value = g_ascii_strtod (folded, &end);
  if (end == folded || *end != '\0' || *value < 0)
    return GTK_INPUT_ERROR;
  if (*value > 0 && *value < least)
    *value = least;
  return TRUE;
}

/* The unit beside a spin button, in the plural its value asks for. */
static void
update_unit (EpiPreferences *self,
             GtkSpinButton  *spin)
{
  double value = gtk_spin_button_get_value (spin);
  gulong n = (gulong) value;

  if (spin == self->workers_spin)
    gtk_label_set_text (self->workers_unit, n == 0 ? "" : ngettext ("picture", "pictures", n));
  else if (spin == self->coefficients_spin)
    gtk_label_set_text (self->coefficients_unit, n == 0 ? "" : ngettext ("epicycle", "epicycles", n));
  else if (spin == self->points_spin)
    gtk_label_set_text (self->points_unit, n == 0 ? "" : ngettext ("point", "points", n));
  else if (spin == self->max_side_spin)
    gtk_label_set_text (self->max_side_unit, ngettext ("pixel", "pixels", n));
  else if (spin == self->speed_spin)
    /* Translators: the unit of a speed, as in "2.5×". */
    gtk_label_set_text (self->speed_unit, C_("speed", "×"));
}

/* Values between Automatic and the setting's least are no choice: a
 * step from Automatic goes up to the least, a step down from the least
 * back to Automatic. */
static void
on_auto_value_changed (GtkSpinButton *spin)
{
  guint least = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "epi-least"));
  double previous = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "epi-previous"));
  double value = gtk_spin_button_get_value (spin);

  if (value > 0 && value < least)
    value = previous > value ? 0 : least;
  g_object_set_data (G_OBJECT (spin), "epi-previous", GUINT_TO_POINTER ((guint) value));
  if (value != gtk_spin_button_get_value (spin))
    gtk_spin_button_set_value (spin, value);
}

static void
setup_auto_spin (EpiPreferences *self,
                 GtkSpinButton  *spin,
                 guint           least)
{
  g_object_set_data (G_OBJECT (spin), "epi-least", GUINT_TO_POINTER (least));
  g_object_set_data (G_OBJECT (spin), "epi-previous", GUINT_TO_POINTER ((guint) gtk_spin_button_get_value (spin)));
  g_signal_connect (spin, "output", G_CALLBACK (on_auto_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_auto_input), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_auto_value_changed), NULL);
}

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: a share from 0 to 100 %. */
  return g_strdup_printf (_("%.0f %%"), value);
}

/* Key strengths ------------------------------------------------------------- */

/* What a strength costs, in words: "3 passes, 256 MiB". */
static char *
describe_strength (EpiKdfStrength strength)
{
  EpiKdfLimits limits;

  if (!epi_kdf_strength_get_limits (strength, &limits))
    return g_strdup ("");
  return epi_kdf_limits_describe (&limits);
}

static void
update_kdf_rows (EpiPreferences *self)
{
  EpiKdfStrength strength = g_settings_get_enum (self->settings, "kdf-strength");
  EpiKdfStrength most = g_settings_get_enum (self->settings, "max-kdf-strength");
  g_autofree char *cost = describe_strength (strength);
  g_autofree char *most_cost = describe_strength (most);
  g_autofree char *subtitle = NULL;
  g_autofree char *most_subtitle = NULL;
  const char *what;

  switch (strength)
    {
    case EPI_KDF_INTERACTIVE:
      what = _("the quickest, and the easiest to guess against");
      break;
    case EPI_KDF_SENSITIVE:
      what = _("the slowest, and the hardest to guess against");
      break;
    default:
      what = _("a balance of time and strength, the default");
      break;
    }

  /* Translators: the cost of a key ("3 passes, 256 MiB"), then what it
   * is worth. */
  subtitle = g_strdup_printf (_("Takes %s of memory once per batch: %s"), cost, what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kdf_row), subtitle);
  most_subtitle = g_strdup_printf (_("Files asking for more than %s are refused unopened"),
                                   most_cost);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->max_kdf_row), most_subtitle);
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
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, workers_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, workers_unit);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, coefficients_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, coefficients_unit);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, points_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, points_unit);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, max_side_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, max_side_unit);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, detail_scale);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, kdf_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, max_kdf_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, hide_names_switch);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, folder_row);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, folder_reset_button);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, speed_unit);
  gtk_widget_class_bind_template_child (widget_class, EpiPreferences, circles_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_folder);
}

static void
epi_preferences_init (EpiPreferences *self)
{
  g_autofree char *workers = NULL;
  GtkSpinButton *spins[5];
  int chars;

  gtk_widget_init_template (GTK_WIDGET (self));
  epi_accessible_fix_mnemonic_names (GTK_WIDGET (self));
  spins[0] = self->workers_spin;
  spins[1] = self->coefficients_spin;
  spins[2] = self->points_spin;
  spins[3] = self->max_side_spin;
  spins[4] = self->speed_spin;

  /* The same bounds as the sealing itself and the command line. */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->coefficients_spin), EPI_MAX_TERMS);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->points_spin), EPI_MAX_POINTS);
  setup_auto_spin (self, self->workers_spin, 1);
  setup_auto_spin (self, self->coefficients_spin, 1);
  setup_auto_spin (self, self->points_spin, 2);
  workers = g_strdup_printf (_("Automatic seals one picture per processor: %u here"),
                             g_get_num_processors ());
  adw_action_row_set_subtitle (self->workers_row, workers);
  gtk_scale_set_format_value_func (self->detail_scale, format_percent, NULL, NULL);

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
  g_signal_connect_swapped (self->settings, "changed::kdf-strength", G_CALLBACK (update_kdf_rows), self);
  g_signal_connect_swapped (self->settings, "changed::max-kdf-strength", G_CALLBACK (update_kdf_rows), self);
  update_kdf_rows (self);

  /* One width for all, room for the word Automatic in any language. */
  chars = MAX (gtk_editable_get_width_chars (GTK_EDITABLE (spins[0])),
               (int) g_utf8_strlen (_("Automatic"), -1) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (spins[i]), chars);
      g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (update_unit), self);
      update_unit (self, spins[i]);
    }
}

EpiPreferences *
epi_preferences_new (GtkWindow *parent)
{
  return g_object_new (EPI_TYPE_PREFERENCES, "transient-for", parent, "modal", TRUE, NULL);
}
