/* fuzz-sealed.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: a sealed file, opened with a fixed password and then
 * decoded. The first byte picks the mode: even bytes feed the rest in as
 * a sealed file (header parser, key derivation, authentication, decoder);
 * odd bytes seal the rest as a payload first, so the decoder behind a
 * valid seal is reached too.
 */

#include "config.h"

#include <string.h>

#include "epi-core.h"

#define PASSWORD "fuzz"

static EpiKeyring *ring;

static void
set_up (void)
{
  g_autoptr(EpiSecret) secret = NULL;

  if (ring != NULL)
    return;

  secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  ring = epi_keyring_new (secret, EPI_KDF_MINIMAL);
}

static void
decode (GBytes *payload)
{
  g_autoptr(EpiSpectrum) spectrum = NULL;

  spectrum = epi_payload_decode (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL);
  if (spectrum != NULL)
    {
      g_autoptr(GBytes) again = epi_payload_encode (spectrum);

      /* Whatever decodes encodes back to the same bytes. */
      if (!g_bytes_equal (again, payload))
        __builtin_trap ();
    }
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) opened = NULL;
  EpiSealedHeader header;
  EpiKdfLimits cheap;

  if (size < 1)
    return 0;
  set_up ();

  if (data[0] % 2 == 1)
    {
      g_autoptr(GBytes) payload = g_bytes_new (data + 1, size - 1);
      g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, NULL);
      g_autoptr(GBytes) sealed = epi_seal (key, payload, NULL, 0, NULL);

      if (sealed == NULL)
        return 0;
      opened = epi_unseal (ring, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), NULL, NULL, NULL);
      if (opened == NULL || !g_bytes_equal (opened, payload))
        __builtin_trap ();
      decode (opened);
      return 0;
    }

  data++;
  size--;
  if (!epi_sealed_header_parse (data, size, &header, NULL))
    return 0;

  /* Costs are capped (version 1 at the interactive strength's, version 2
   * at the test strength) so each input runs in milliseconds; higher ones
   * take the same path, only slower. */
  epi_kdf_strength_get_limits (EPI_KDF_INTERACTIVE, &cheap);
  if (header.version == 1 ? header.key.limits.opslimit > cheap.opslimit ||
                            header.key.limits.memlimit > cheap.memlimit
                          : header.key.strength != EPI_KDF_MINIMAL)
    return 0;

  opened = epi_unseal (ring, data, size, NULL, NULL, NULL);
  if (opened != NULL)
    decode (opened);
  return 0;
}
