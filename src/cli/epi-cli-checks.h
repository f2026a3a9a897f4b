/* epi-cli-checks.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-core.h"

G_BEGIN_DECLS

gboolean epi_cli_same_file          (const char   *a,
                                     const char   *b);
guint    epi_cli_drop_bad_inputs      (GPtrArray      *inputs,
                                       EpiTaskKind     kind,
                                       EpiKdfStrength  max_strength);
guint    epi_cli_drop_blocked_outputs (GPtrArray   *plan,
                                       gboolean     force);
gboolean epi_cli_check_render_paths (const char     *input,
                                     const char     *output,
                                     EpiKdfStrength  max_strength,
                                     GError        **error);

G_END_DECLS
