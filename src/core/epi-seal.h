/* epi-seal.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-key.h"

G_BEGIN_DECLS

#define EPI_SEALED_MAGIC       "EPICRYPT"
#define EPI_SEALED_MAGIC_LEN   8
#define EPI_SEALED_VERSION     1
#define EPI_SEALED_HEADER_SIZE 64
#define EPI_NONCE_BYTES        24
#define EPI_MAC_BYTES          16
#define EPI_KDF_ARGON2ID13     1
/* Larger than any valid sealed file (the payload's own caps bound it). */
#define EPI_MAX_SEALED_FILE_BYTES ((gsize) 32 * 1024 * 1024)

/* The clear header of a sealed file. All of it is authenticated. */
typedef struct
{
  guint16      version;
  guint16      kdf;
  EpiKdfLimits limits;
  guint8       salt[EPI_SALT_BYTES];
  guint8       nonce[EPI_NONCE_BYTES];
  gsize        payload_length; /* clear-text bytes inside */
} EpiSealedHeader;

gboolean epi_sealed_header_parse (const guint8     *data,
                                  gsize             length,
                                  EpiSealedHeader  *header,
                                  GError          **error);

GBytes  *epi_seal                (EpiKey           *key,
                                  GBytes           *payload,
                                  GError          **error);
GBytes  *epi_unseal              (EpiKeyring       *ring,
                                  const guint8     *data,
                                  gsize             length,
                                  GError          **error);

G_END_DECLS
