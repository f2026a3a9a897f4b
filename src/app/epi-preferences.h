/* epi-preferences.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EPI_TYPE_PREFERENCES (epi_preferences_get_type ())

G_DECLARE_FINAL_TYPE (EpiPreferences, epi_preferences, EPI, PREFERENCES, AdwPreferencesWindow)

EpiPreferences *epi_preferences_new (GtkWindow *parent);

G_END_DECLS
