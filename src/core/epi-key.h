/* epi-key.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "epi-secret.h"

G_BEGIN_DECLS

#define EPI_SALT_BYTES       16
#define EPI_KEY_BYTES        32
/* Version 1 files asking for more than this are refused before any work. */
#define EPI_MAX_OPSLIMIT     10
#define EPI_MAX_MEMLIMIT     (G_GUINT64_CONSTANT (1) << 30)

/* The key-derivation strengths of sealed format 2: the ids a file stores,
 * from the cheapest to the most expensive. A reader derives only for
 * these. */
typedef enum
{
  EPI_KDF_CUSTOM      = 0,   /* version 1 costs that match no entry */
  EPI_KDF_INTERACTIVE = 1,   /* 2 passes, 64 MiB: only when asked for */
  EPI_KDF_MODERATE    = 2,   /* 3 passes, 256 MiB: the default */
  EPI_KDF_SENSITIVE   = 3,   /* 4 passes, 1 GiB */
  /* The least libsodium allows (1 pass, 8 KiB), for the test suite: only
   * a keyring made with it opens files of it. */
  EPI_KDF_MINIMAL     = 255,
} EpiKdfStrength;

#define EPI_KDF_DEFAULT EPI_KDF_MODERATE

typedef struct
{
  guint64 opslimit; /* Argon2id passes */
  guint64 memlimit; /* bytes */
} EpiKdfLimits;

/* What a key is derived for: a sealed file's format, costs and salt.
 * Version 1 derives the encryption key from the password's bytes as they
 * are; version 2 from the password in Unicode NFC, and splits the result
 * into an encryption key and a commitment key. */
typedef struct
{
  guint16         version;   /* sealed format, 1 or 2 */
  EpiKdfStrength  strength;  /* version 2: the table entry; 1: what matches */
  EpiKdfLimits    limits;
  guint8          salt[EPI_SALT_BYTES];
} EpiKeySpec;

/* Derived keys in guarded memory, with the spec that made them. */
typedef struct _EpiKey EpiKey;

/* Derives keys from one password on demand, once per spec, and hands them
 * out to any thread; it also holds the policy of which costs to accept. */
typedef struct _EpiKeyring EpiKeyring;

gboolean      epi_kdf_strength_get_limits  (EpiKdfStrength      strength,
                                            EpiKdfLimits       *limits);
const char   *epi_kdf_strength_get_name    (EpiKdfStrength      strength);
gboolean      epi_kdf_strength_from_name   (const char         *name,
                                            EpiKdfStrength     *strength);
EpiKdfStrength epi_kdf_strength_for_limits (const EpiKdfLimits *limits);
char         *epi_kdf_limits_describe      (const EpiKdfLimits *limits);
gboolean      epi_kdf_limits_check         (const EpiKdfLimits *limits,
                                            GError            **error);

EpiKey       *epi_key_derive             (EpiSecret          *secret,
                                          const EpiKeySpec   *spec,
                                          GError            **error);
EpiKey       *epi_key_ref                (EpiKey             *key);
void          epi_key_unref              (EpiKey             *key);
const guint8 *epi_key_get_bytes          (EpiKey             *key);
const guint8 *epi_key_get_commitment_key (EpiKey             *key);
const EpiKeySpec *epi_key_get_spec       (EpiKey             *key);

EpiKeyring   *epi_keyring_new            (EpiSecret          *secret,
                                          EpiKdfStrength      strength);
EpiKeyring   *epi_keyring_ref            (EpiKeyring         *ring);
void          epi_keyring_unref          (EpiKeyring         *ring);
void          epi_keyring_set_max_strength (EpiKeyring       *ring,
                                          EpiKdfStrength      max_strength);
EpiKdfStrength epi_keyring_get_max_strength (EpiKeyring      *ring);
EpiKdfStrength epi_keyring_get_strength  (EpiKeyring         *ring);
gboolean      epi_key_spec_check         (const EpiKeySpec   *spec,
                                          EpiKdfStrength      max_strength,
                                          GError            **error);
gboolean      epi_keyring_check_spec     (EpiKeyring         *ring,
                                          const EpiKeySpec   *spec,
                                          GError            **error);
EpiKey       *epi_keyring_get_seal_key   (EpiKeyring         *ring,
                                          GError            **error);
EpiKey       *epi_keyring_get_open_key   (EpiKeyring         *ring,
                                          const EpiKeySpec   *spec,
                                          GError            **error);
guint         epi_keyring_get_n_derived  (EpiKeyring         *ring);
EpiSecret    *epi_keyring_get_secret     (EpiKeyring         *ring);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiKey, epi_key_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiKeyring, epi_keyring_unref)

G_END_DECLS
