/* epi-seal.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-key.h"

G_BEGIN_DECLS

#define EPI_SEALED_MAGIC          "EPICRYPT"
#define EPI_SEALED_MAGIC_LEN      8
#define EPI_SEALED_VERSION        2   /* what is written; 1 is still read */
#define EPI_SEALED_V1_HEADER_SIZE 64
#define EPI_SEALED_HEADER_SIZE    88
#define EPI_COMMITMENT_BYTES      32
#define EPI_NONCE_BYTES           24
#define EPI_MAC_BYTES             16
#define EPI_KDF_ARGON2ID13        1   /* version 1's KDF id */
/* Version 2's clear text opens with the picture's name: its length (2
 * bytes), then 255 bytes, zero-padded. */
#define EPI_SEALED_NAME_FIELD_BYTES 257
/* Larger than any valid sealed file (the payload's own caps bound it). */
#define EPI_MAX_SEALED_FILE_BYTES ((gsize) 32 * 1024 * 1024)

typedef enum
{
  /* Sealed under a random file name: the picture's name is only inside. */
  EPI_SEALED_NAME_HIDDEN = 1 << 0,
} EpiSealedFlags;

#define EPI_SEALED_KNOWN_FLAGS (EPI_SEALED_NAME_HIDDEN)

/* The clear header of a sealed file. All of it is authenticated. */
typedef struct
{
  guint16         version;
  EpiSealedFlags  flags;                   /* version 2 */
  EpiKeySpec      key;
  guint8          nonce[EPI_NONCE_BYTES];
  guint8          commitment[EPI_COMMITMENT_BYTES]; /* version 2 */
  gsize           header_size;             /* bytes before the ciphertext */
  gsize           payload_length;          /* clear-text bytes inside */
} EpiSealedHeader;

gboolean epi_sealed_header_parse (const guint8           *data,
                                  gsize                   length,
                                  EpiSealedHeader        *header,
                                  GError                **error);

GBytes  *epi_seal                (EpiKey                 *key,
                                  GBytes                 *payload,
                                  const char             *name,
                                  EpiSealedFlags          flags,
                                  GError                **error);
GBytes  *epi_unseal              (EpiKeyring             *ring,
                                  const guint8           *data,
                                  gsize                   length,
                                  EpiSealedHeader        *header,
                                  char                  **name,
                                  GError                **error);
void     epi_sealed_set_v1_error (GError                **error);

G_END_DECLS
