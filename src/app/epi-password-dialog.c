/* epi-password-dialog.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for a password. The entries are GtkPasswordEntry, whose buffer
 * lives in non-pageable memory; on submit the text is copied straight
 * into an EpiSecret and the entries are emptied. The dialog itself keeps
 * no copy, and never shows or logs the password.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "epi-password-dialog.h"

struct _EpiPasswordDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *subject_label;
  GtkPasswordEntry *entry;
  GtkPasswordEntry *again_entry;
  GtkWidget       *again_box;
  GtkWidget       *strength_box;
  GtkLevelBar     *strength_bar;
  GtkLabel        *strength_label;
  GtkLabel        *error_label;
  GtkButton       *ok_button;
  GtkSpinner      *spinner;

  EpiPasswordMode  mode;
};

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpiPasswordDialog, epi_password_dialog, ADW_TYPE_WINDOW)

/* A rough guess, for a hint only: length times the bits of the kinds of
 * characters used. */
static double
estimate_bits (const char *text)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  glong length = g_utf8_strlen (text, -1);
  double pool = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
  return pool > 0 ? length * log2 (pool) : 0;
}

static void
update_state (EpiPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_entry));
  gboolean ok = *text != '\0';

  if (self->mode == EPI_PASSWORD_NEW)
    {
      double bits = estimate_bits (text);

      gtk_level_bar_set_value (self->strength_bar, MIN (4, bits / 20));
      gtk_label_set_text (self->strength_label,
                          *text == '\0' ? ""
                          : bits < 40 ? _("Weak: use more characters, or several words")
                          : bits < 60 ? _("Fair: longer is stronger")
                          : _("Strong"));
      ok = ok && g_strcmp0 (text, again) == 0;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), ok);
}

static void
on_changed (EpiPasswordDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_state (self);
}

/* Copies the password into guarded memory, empties the entries and
 * emits ::submitted. Returns FALSE if there is nothing to submit. */
gboolean
epi_password_dialog_submit (EpiPasswordDialog *self)
{
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  g_return_val_if_fail (EPI_IS_PASSWORD_DIALOG (self), FALSE);

  update_state (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->ok_button)))
    return FALSE;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  secret = epi_secret_new (text, strlen (text), &error);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_entry), "");

  if (secret == NULL)
    {
      epi_password_dialog_show_error (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SUBMITTED], 0, secret);
  return TRUE;
}

/* Stays open with @message, for another try. */
void
epi_password_dialog_show_error (EpiPasswordDialog *self,
                                const char        *message)
{
  g_return_if_fail (EPI_IS_PASSWORD_DIALOG (self));

  epi_password_dialog_set_busy (self, FALSE);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

const char *
epi_password_dialog_get_error (EpiPasswordDialog *self)
{
  g_return_val_if_fail (EPI_IS_PASSWORD_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

void
epi_password_dialog_set_busy (EpiPasswordDialog *self,
                              gboolean           busy)
{
  g_return_if_fail (EPI_IS_PASSWORD_DIALOG (self));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->again_entry), !busy);
  if (busy)
    gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), FALSE);
  else
    update_state (self);
}

/* For tests and scripted use: what a person would type. */
void
epi_password_dialog_set_passwords (EpiPasswordDialog *self,
                                   const char        *password,
                                   const char        *again)
{
  g_return_if_fail (EPI_IS_PASSWORD_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), password);
  gtk_editable_set_text (GTK_EDITABLE (self->again_entry), again != NULL ? again : "");
}

static void
on_ok_clicked (EpiPasswordDialog *self)
{
  epi_password_dialog_submit (self);
}

static void
on_cancel_clicked (EpiPasswordDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Return in the first entry moves on to the second when it is still
 * empty; otherwise it submits. */
static void
on_activate (EpiPasswordDialog *self)
{
  if (self->mode == EPI_PASSWORD_NEW &&
      *gtk_editable_get_text (GTK_EDITABLE (self->again_entry)) == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->again_entry));
      return;
    }
  epi_password_dialog_submit (self);
}

static void
on_again_activate (EpiPasswordDialog *self)
{
  epi_password_dialog_submit (self);
}

/* Focus leaves the entries before the window goes, so their text is
 * not torn down while it still thinks it has the keyboard. */
static gboolean
epi_password_dialog_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (epi_password_dialog_parent_class)->close_request (window);
}

static void
epi_password_dialog_class_init (EpiPasswordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = epi_password_dialog_close_request;

  /**
   * EpiPasswordDialog::submitted:
   * @secret: (type gpointer): the password, in guarded memory; take a
   *   reference to keep it
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, subject_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, again_box);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_box);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_again_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
epi_password_dialog_init (EpiPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EpiPasswordDialog *
epi_password_dialog_new (GtkWindow       *parent,
                         EpiPasswordMode  mode,
                         const char      *subject)
{
  EpiPasswordDialog *self = g_object_new (EPI_TYPE_PASSWORD_DIALOG,
                                          "transient-for", parent,
                                          "modal", TRUE,
                                          NULL);

  self->mode = mode;
  gtk_label_set_text (self->subject_label, subject);
  gtk_widget_set_visible (self->again_box, mode == EPI_PASSWORD_NEW);
  gtk_widget_set_visible (self->strength_box, mode == EPI_PASSWORD_NEW);
  gtk_window_set_title (GTK_WINDOW (self), mode == EPI_PASSWORD_NEW ? _("Choose a Password")
                                                                     : _("Enter the Password"));
  /* Typing goes straight into the password. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry));
  update_state (self);
  return self;
}
