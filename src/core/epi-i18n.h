/* epi-i18n.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's messages reach people through the front ends' errors, so
 * they are translated too, in the project's one text domain.
 */

#pragma once

#include <glib/gi18n-lib.h>
