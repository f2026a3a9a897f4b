/* epi-payload.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-spectrum.h"

G_BEGIN_DECLS

#define EPI_PAYLOAD_VERSION     1
#define EPI_PAYLOAD_HEADER_SIZE 24
#define EPI_PAYLOAD_MAX_SIDE    (1u << 20)

GBytes      *epi_payload_encode (const EpiSpectrum *spectrum);
EpiSpectrum *epi_payload_decode (const guint8      *data,
                                 gsize              length,
                                 GError           **error);

G_END_DECLS
