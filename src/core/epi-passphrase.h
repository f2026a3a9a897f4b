/* epi-passphrase.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "epi-secret.h"

G_BEGIN_DECLS

/* A generated passphrase is EPI_PASSPHRASE_GROUPS groups of
 * EPI_PASSPHRASE_GROUP_LENGTH characters joined by '-', such as
 * "k7dqm-x3npa-9fhwt-e2rgv-bu8cy": 29 characters to type. Each character
 * is drawn uniformly from the 31 of EPI_PASSPHRASE_ALPHABET, lowercase
 * letters and digits without those that look alike (0 o, 1 i l), so the
 * 25 drawn characters carry 25 × log2 31 ≈ 123.8 bits. */
#define EPI_PASSPHRASE_ALPHABET     "23456789abcdefghjkmnpqrstuvwxyz"
#define EPI_PASSPHRASE_GROUPS       5
#define EPI_PASSPHRASE_GROUP_LENGTH 5
#define EPI_PASSPHRASE_LENGTH       (EPI_PASSPHRASE_GROUPS * (EPI_PASSPHRASE_GROUP_LENGTH + 1) - 1)
/* Whole bits, rounded down. */
#define EPI_PASSPHRASE_BITS         123

EpiSecret *epi_passphrase_generate (GError **error);

G_END_DECLS
