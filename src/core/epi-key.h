/* epi-key.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-secret.h"

G_BEGIN_DECLS

#define EPI_SALT_BYTES 16
#define EPI_KEY_BYTES  32
/* Sealed files asking for more than this are refused before any work. */
#define EPI_MAX_OPSLIMIT 10
#define EPI_MAX_MEMLIMIT (G_GUINT64_CONSTANT (1) << 30)

typedef enum
{
  EPI_KDF_INTERACTIVE, /* libsodium's interactive limits: 2 passes, 64 MiB */
  EPI_KDF_MODERATE,    /* 3 passes, 256 MiB */
  EPI_KDF_MINIMAL,     /* the least libsodium allows; for tests only */
} EpiKdfStrength;

typedef struct
{
  guint64 opslimit;
  guint64 memlimit; /* bytes */
} EpiKdfLimits;

/* A key derived from a password with Argon2id, with the salt and limits
 * that made it. The key bytes live in guarded memory. */
typedef struct _EpiKey EpiKey;

/* Derives keys from one password on demand, once per salt and limits,
 * and hands them out to any thread. */
typedef struct _EpiKeyring EpiKeyring;

void          epi_kdf_limits_init        (EpiKdfLimits       *limits,
                                          EpiKdfStrength      strength);
gboolean      epi_kdf_limits_check       (const EpiKdfLimits *limits,
                                          GError            **error);

EpiKey       *epi_key_derive             (EpiSecret          *secret,
                                          const EpiKdfLimits *limits,
                                          const guint8       *salt,
                                          GError            **error);
EpiKey       *epi_key_ref                (EpiKey             *key);
void          epi_key_unref              (EpiKey             *key);
const guint8 *epi_key_get_bytes          (EpiKey             *key);
const guint8 *epi_key_get_salt           (EpiKey             *key);
void          epi_key_get_limits         (EpiKey             *key,
                                          EpiKdfLimits       *limits);

EpiKeyring   *epi_keyring_new            (EpiSecret          *secret,
                                          const EpiKdfLimits *limits);
EpiKeyring   *epi_keyring_ref            (EpiKeyring         *ring);
void          epi_keyring_unref          (EpiKeyring         *ring);
EpiKey       *epi_keyring_get_seal_key   (EpiKeyring         *ring,
                                          GError            **error);
EpiKey       *epi_keyring_get_open_key   (EpiKeyring         *ring,
                                          const EpiKdfLimits *limits,
                                          const guint8       *salt,
                                          GError            **error);
guint         epi_keyring_get_n_derived  (EpiKeyring         *ring);
EpiSecret    *epi_keyring_get_secret     (EpiKeyring         *ring);
void          epi_keyring_get_limits     (EpiKeyring         *ring,
                                          EpiKdfLimits       *limits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiKey, epi_key_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiKeyring, epi_keyring_unref)

G_END_DECLS
