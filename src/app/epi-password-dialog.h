/* epi-password-dialog.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "epi-core.h"

G_BEGIN_DECLS

typedef enum
{
  EPI_PASSWORD_NEW,   /* choose one for sealing: typed twice or generated, rated, a weak one confirmed */
  EPI_PASSWORD_OPEN,  /* type the one a file was sealed with */
} EpiPasswordMode;

#define EPI_TYPE_PASSWORD_DIALOG (epi_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpiPasswordDialog, epi_password_dialog, EPI, PASSWORD_DIALOG, AdwWindow)

EpiPasswordDialog *epi_password_dialog_new           (GtkWindow         *parent,
                                                      EpiPasswordMode    mode,
                                                      const char        *subject);
void               epi_password_dialog_set_passwords (EpiPasswordDialog *self,
                                                      const char        *password,
                                                      const char        *again);
gboolean           epi_password_dialog_submit        (EpiPasswordDialog *self);
void               epi_password_dialog_show_error    (EpiPasswordDialog *self,
                                                      const char        *message);
void               epi_password_dialog_set_busy      (EpiPasswordDialog *self,
                                                      gboolean           busy);
const char        *epi_password_dialog_get_error     (EpiPasswordDialog *self);
void               epi_password_dialog_set_submit_label (EpiPasswordDialog *self,
                                                      const char        *label);
const char        *epi_password_dialog_get_mismatch  (EpiPasswordDialog *self);
GtkWindow         *epi_password_dialog_get_confirmation (EpiPasswordDialog *self);

G_END_DECLS
