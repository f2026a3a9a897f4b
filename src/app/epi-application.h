/* epi-application.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EPI_TYPE_APPLICATION (epi_application_get_type ())

G_DECLARE_FINAL_TYPE (EpiApplication, epi_application, EPI, APPLICATION, AdwApplication)

EpiApplication *epi_application_new (void);

G_END_DECLS
