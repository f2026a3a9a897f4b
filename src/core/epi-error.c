/* epi-error.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "epi-error.h"

G_DEFINE_QUARK (epi-error-quark, epi_error)
