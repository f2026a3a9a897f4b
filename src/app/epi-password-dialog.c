/* epi-password-dialog.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for a password. The entries are GtkPasswordEntry, whose buffer
 * lives in non-pageable memory; on submit the text is copied straight
 * into an EpiSecret and the entries are emptied. The dialog itself keeps
 * no copy, and never logs the password.
 *
 * A new password is rated as it is typed (libpwquality, through the
 * core) on a level bar with GTK's standard colours, and a weak one is
 * only used once the person confirms it. A strong passphrase can be
 * generated instead; it is shown, so that it can be noted down.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "epi-accessible.h"
#include "epi-password-dialog.h"

/* The dialog's width, pixels, where the window it belongs to is wider. */
#define DEFAULT_WIDTH 480

struct _EpiPasswordDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *subject_label;
  GtkPasswordEntry *entry;
  GtkWidget       *generate_button;
  GtkPasswordEntry *again_entry;
  GtkWidget       *again_box;
  GtkLabel        *mismatch_label;
  GtkWidget       *strength_box;
  GtkLevelBar     *strength_bar;
  GtkLabel        *strength_label;
  GtkLabel        *error_label;
  GtkButton       *ok_button;
  GtkSpinner      *spinner;

  /* Weak references */
  GtkWindow       *confirm_dialog;   /* "Use Weak Password?", while open */

  EpiPasswordMode  mode;
  /* The rating of the first entry's text, in EPI_PASSWORD_NEW mode. */
  gboolean         rated;            /* FALSE while the entry is empty */
  EpiPasswordLevel level;
  char            *weakness;         /* owned; why it is not strong, or NULL */
  gboolean         generated;        /* the entries hold a passphrase just made */
};

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpiPasswordDialog, epi_password_dialog, ADW_TYPE_WINDOW)

/* The level bar's value for a level: one block for weak to four for
 * strong. Its offsets in the .ui colour them as GTK does by default:
 * weak and fair "low", good "high", strong "full". */
static double
level_value (EpiPasswordLevel level)
{
  return level + 1;
}

static void
show_rating (EpiPasswordDialog *self)
{
  g_autofree char *text = NULL;

  if (!self->rated)
    {
      gtk_level_bar_set_value (self->strength_bar, 0);
      gtk_label_set_text (self->strength_label, "");
      return;
    }

  switch (self->level)
    {
    case EPI_PASSWORD_LEVEL_WEAK:
      /* Translators: %s says why, as in "it is based on a dictionary word". */
      text = g_strdup_printf (_("Weak: %s"), self->weakness);
      break;
    case EPI_PASSWORD_LEVEL_FAIR:
      text = g_strdup_printf (_("Fair: %s"), self->weakness);
      break;
    case EPI_PASSWORD_LEVEL_GOOD:
      text = g_strdup_printf (_("Good: %s"), self->weakness);
      break;
    case EPI_PASSWORD_LEVEL_STRONG:
    default:
      text = g_strdup (self->generated
                       ? _("Strong. Note it down now: without it, the pictures cannot be opened.")
                       : _("Strong"));
      break;
    }

  gtk_level_bar_set_value (self->strength_bar, level_value (self->level));
  gtk_label_set_text (self->strength_label, text);
}

/* Rates the first entry's text. The copy made for it is guarded and
 * wiped; the rating holds no part of the password. */
static void
rate_password (EpiPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(EpiPasswordQuality) quality = NULL;
  g_autoptr(GError) error = NULL;

  self->rated = FALSE;
  g_clear_pointer (&self->weakness, g_free);

  if (self->mode == EPI_PASSWORD_NEW && *text != '\0')
    {
      secret = epi_secret_new (text, strlen (text), &error);
      if (secret != NULL)
        quality = epi_password_quality_check (secret, &error);
      if (quality != NULL)
        {
          self->rated = TRUE;
          self->level = quality->level;
          self->weakness = g_steal_pointer (&quality->message);
        }
      else
        g_debug ("Cannot rate the password: %s", error->message);
    }

  show_rating (self);
}

/* Says why a new password cannot be used yet, rather than only greying
 * out the button: as soon as the second entry stops being the start of
 * the first, or when the person tries to go on with two that differ. */
static void
show_mismatch (EpiPasswordDialog *self,
               gboolean           submitting)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_entry));
  gboolean differ = self->mode == EPI_PASSWORD_NEW && *again != '\0' &&
                    (submitting ? g_strcmp0 (text, again) != 0 : !g_str_has_prefix (text, again));

  gtk_widget_set_visible (GTK_WIDGET (self->mismatch_label), differ);
  if (differ)
    gtk_widget_add_css_class (GTK_WIDGET (self->again_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->again_entry), "error");
}

static void
update_state (EpiPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_entry));
  gboolean ok = *text != '\0';

  if (self->mode == EPI_PASSWORD_NEW)
    ok = ok && g_strcmp0 (text, again) == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), ok);
  show_mismatch (self, FALSE);
}

static void
on_changed (EpiPasswordDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_state (self);
}

static void
on_entry_changed (EpiPasswordDialog *self)
{
  self->generated = FALSE;
  rate_password (self);
  on_changed (self);
}

/* Copies the password into guarded memory, empties the entries and
 * emits ::submitted. */
static gboolean
submit_now (EpiPasswordDialog *self)
{
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

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

static gboolean
submit_when_asked (gpointer data)
{
  EpiPasswordDialog *self = data;

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    submit_now (self);
  return G_SOURCE_REMOVE;
}

/* The question closes itself once it has answered; the password is
 * submitted after that, since a submitted dialog may be destroyed, and
 * the question is its transient child. */
static void
on_confirm_response (EpiPasswordDialog *self,
                     const char        *response)
{
  if (g_strcmp0 (response, "use") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, submit_when_asked, g_object_ref (self), g_object_unref);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* The button under @widget that shows @label, or NULL. */
static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Puts the focus back on @cancel when it moved before any key press or
 * click: the message dialog moved it while laying itself out. */
static void
keep_focus_on_cancel (GtkWindow  *dialog,
                      GParamSpec *pspec,
                      GtkWidget  *cancel)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  if (focus != cancel && GTK_IS_BUTTON (focus) &&
      g_object_get_data (G_OBJECT (dialog), "epi-person-acted") == NULL)
    gtk_widget_grab_focus (cancel);
}

/* A key press or a click in the dialog: from now on the person moves
 * the focus. The event goes on to where it was going. */
static gboolean
note_person_acted (GtkEventController *controller)
{
  g_object_set_data (G_OBJECT (gtk_event_controller_get_widget (controller)), "epi-person-acted",
                     GINT_TO_POINTER (TRUE));
  return FALSE;
}

/* Asks whether to seal with a weak password anyway, saying why it is
 * weak. Cancel is the default, so that Return does not seal. */
static void
confirm_weak (EpiPasswordDialog *self)
{
  GtkWidget *dialog;

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (self->confirm_dialog);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Use Weak Password?"), NULL);
  /* Translators: %s says why, as in "it is based on a dictionary word". */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The password is weak: %s. Anyone who gets the sealed "
                                    "pictures could guess it and open them."),
                                  self->weakness != NULL ? self->weakness : "");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "use", _("_Use Weak Password"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self,
                           G_CONNECT_SWAPPED);

  self->confirm_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  /* When the answers are stacked (longer words, as in German, or a
   * narrow screen), the focus lands on the first, "Use", and lands
   * there again whenever the dialog changes its layout: Return would
   * take the weak password. It starts on Cancel and only the person
   * moves it. */
  {
    GtkWidget *cancel = find_button_labelled (dialog, _("_Cancel"));

    if (cancel != NULL)
      {
        GtkEventController *keys = gtk_event_controller_key_new ();
        GtkGesture *click = gtk_gesture_click_new ();

        gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
        gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
        g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (note_person_acted), keys);
        g_signal_connect_swapped (click, "pressed", G_CALLBACK (note_person_acted), click);
        gtk_widget_add_controller (dialog, keys);
        gtk_widget_add_controller (dialog, GTK_EVENT_CONTROLLER (click));

        gtk_widget_grab_focus (cancel);
        g_signal_connect_object (dialog, "notify::focus-widget", G_CALLBACK (keep_focus_on_cancel),
                                 cancel, 0);
      }
  }
}

/**
 * epi_password_dialog_submit:
 * @self: a password dialog
 *
 * What the dialog's Continue button does. The password is copied into
 * guarded memory, the entries are emptied and ::submitted is emitted; a
 * new password that rates weak is only submitted once the person
 * answers "Use Weak Password" in the dialog this opens (see
 * epi_password_dialog_get_confirmation()). Main thread.
 *
 * Returns: %TRUE if the password was submitted; %FALSE if there is
 *   nothing to submit, or a weak password waits for confirmation
 */
gboolean
epi_password_dialog_submit (EpiPasswordDialog *self)
{
  g_return_val_if_fail (EPI_IS_PASSWORD_DIALOG (self), FALSE);

  update_state (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->ok_button)))
    {
      show_mismatch (self, TRUE);
      return FALSE;
    }

  if (self->mode == EPI_PASSWORD_NEW && self->rated && self->level < EPI_PASSWORD_LEVEL_ENOUGH)
    {
      confirm_weak (self);
      return FALSE;
    }

  return submit_now (self);
}

/**
 * epi_password_dialog_get_confirmation:
 * @self: a password dialog
 *
 * The "Use Weak Password?" dialog, while it is open.
 *
 * Returns: (transfer none) (nullable): an AdwMessageDialog, or %NULL
 */
GtkWindow *
epi_password_dialog_get_confirmation (EpiPasswordDialog *self)
{
  g_return_val_if_fail (EPI_IS_PASSWORD_DIALOG (self), NULL);

  return self->confirm_dialog;
}

/* Shows what a password entry holds, as its peek icon does. */
static void
reveal (GtkPasswordEntry *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  gtk_text_set_visibility (GTK_TEXT (text), TRUE);
}

/* Puts the generated @passphrase into @entry. GTK takes a C string and
 * copies it (the entry's own buffer is in non-pageable memory, but the
 * "insert-text" signal passes a plain copy); the one made here is on the
 * stack and wiped. */
static void
set_entry_passphrase (GtkPasswordEntry *entry,
                      EpiSecret        *passphrase)
{
  char text[EPI_PASSPHRASE_LENGTH + 1];
  gsize length;
  const guint8 *data = epi_secret_get (passphrase, &length);

  g_assert (length <= EPI_PASSPHRASE_LENGTH);
  memcpy (text, data, length);
  text[length] = '\0';
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  explicit_bzero (text, sizeof text);
}

/* password.generate: fills both entries with a strong passphrase and
 * shows it, selected, so it can be noted down or copied. */
static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EpiPasswordDialog *self = EPI_PASSWORD_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_passphrase_generate (&error);

  if (secret == NULL)
    {
      epi_password_dialog_show_error (self, error->message);
      return;
    }

  set_entry_passphrase (self->entry, secret);
  set_entry_passphrase (self->again_entry, secret);
  reveal (self->entry);
  reveal (self->again_entry);
  self->generated = TRUE;
  show_rating (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
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

/* Names what the dialog's main button does, with a mnemonic, e.g.
 * "_Seal 9 Pictures"; the default is "_Continue". Main thread. */
void
epi_password_dialog_set_submit_label (EpiPasswordDialog *self,
                                      const char        *label)
{
  g_return_if_fail (EPI_IS_PASSWORD_DIALOG (self));
  g_return_if_fail (label != NULL);

  gtk_button_set_label (self->ok_button, label);
}

/* Why the new password cannot be used as typed (the two entries
 * differ), while the dialog says so; else NULL. */
const char *
epi_password_dialog_get_mismatch (EpiPasswordDialog *self)
{
  g_return_val_if_fail (EPI_IS_PASSWORD_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->mismatch_label))
         ? gtk_label_get_text (self->mismatch_label) : NULL;
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

  /* An entry made insensitive while it has the focus loses it without
   * the focus-out its text widget waits for (GTK 4.8 warns): the focus
   * leaves first. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->again_entry), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.generate",
                                 !busy && self->mode == EPI_PASSWORD_NEW);
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
epi_password_dialog_dispose (GObject *object)
{
  EpiPasswordDialog *self = EPI_PASSWORD_DIALOG (object);

  if (self->confirm_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirm_dialog), (gpointer *) &self->confirm_dialog);
      gtk_window_destroy (g_steal_pointer (&self->confirm_dialog));
    }

  G_OBJECT_CLASS (epi_password_dialog_parent_class)->dispose (object);
}

static void
epi_password_dialog_finalize (GObject *object)
{
  EpiPasswordDialog *self = EPI_PASSWORD_DIALOG (object);

  g_free (self->weakness);
  epi_dump_guard_release ();

  G_OBJECT_CLASS (epi_password_dialog_parent_class)->finalize (object);
}

static void
epi_password_dialog_class_init (EpiPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = epi_password_dialog_dispose;
  object_class->finalize = epi_password_dialog_finalize;
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
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, generate_button);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, again_box);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_box);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, EpiPasswordDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_again_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "password.generate", NULL, generate_action);
}

static void
epi_password_dialog_init (EpiPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  epi_accessible_fix_mnemonic_names (GTK_WIDGET (self));
  /* What is typed stays out of core dumps while the dialog lives. */
  epi_dump_guard_hold ();
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
  int parent_width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;

  /* Over a narrow window (a phone's), no wider than it. */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               parent_width > 0 ? MIN (parent_width, DEFAULT_WIDTH) : DEFAULT_WIDTH, -1);

  self->mode = mode;
  gtk_label_set_text (self->subject_label, subject);
  gtk_widget_set_visible (self->again_box, mode == EPI_PASSWORD_NEW);
  gtk_widget_set_visible (self->strength_box, mode == EPI_PASSWORD_NEW);
  /* A passphrase is only made for new passwords, not guessed for old. */
  gtk_widget_set_visible (self->generate_button, mode == EPI_PASSWORD_NEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.generate", mode == EPI_PASSWORD_NEW);
  gtk_window_set_title (GTK_WINDOW (self), mode == EPI_PASSWORD_NEW ? _("Choose a Password")
                                                                     : _("Enter the Password"));
  /* Typing goes straight into the password. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry));
  rate_password (self);
  update_state (self);
  return self;
}
