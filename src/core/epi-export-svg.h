/* epi-export-svg.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "epi-export.h"

G_BEGIN_DECLS

GBytes *epi_export_svg_build (const EpiSpectrum       *spectrum,
                              const EpiExportOptions  *options,
                              GCancellable            *cancellable,
                              GError                 **error);

G_END_DECLS
