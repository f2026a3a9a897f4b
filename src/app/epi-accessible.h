/* epi-accessible.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void epi_accessible_fix_mnemonic_names (GtkWidget *root);

G_END_DECLS
