/* make-seeds.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes seed corpora for the fuzz targets from real pictures: each
 * picture's payload, and its sealed file under the fuzz password (with a
 * leading mode byte for fuzz-sealed).
 * Usage: make-seeds PAYLOAD-DIR SEALED-DIR PICTURE…
 */

#include "config.h"

#include <string.h>

#include "epi-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(EpiSecret) secret = epi_secret_new ("fuzz", 4, NULL);
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(EpiKey) key = NULL;

  if (argc < 4)
    {
      g_printerr ("usage: make-seeds PAYLOAD-DIR SEALED-DIR PICTURE…\n");
      return 2;
    }

  ring = epi_keyring_new (secret, EPI_KDF_MINIMAL);
  key = epi_keyring_get_seal_key (ring, NULL);

  for (int i = 3; i < argc; i++)
    {
      g_autoptr(EpiSpectrum) spectrum = epi_pipeline_analyze (argv[i], NULL, NULL, NULL, NULL, NULL, NULL);
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(GByteArray) seed = g_byte_array_new ();
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *payload_path = g_build_filename (argv[1], base, NULL);
      g_autofree char *sealed_path = g_build_filename (argv[2], base, NULL);
      guint8 mode = 0;

      if (spectrum == NULL)
        continue;
      payload = epi_payload_encode (spectrum);
      sealed = epi_seal (key, payload, NULL, 0, NULL);
      g_byte_array_append (seed, &mode, 1);
      g_byte_array_append (seed, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));

      if (!g_file_set_contents (payload_path, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL) ||
          !g_file_set_contents (sealed_path, (const char *) seed->data, seed->len, NULL))
        return 1;
    }

  return 0;
}
