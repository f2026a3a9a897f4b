/* boundary-features.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the boundary finder's cues of a picture, for
 * build-aux/train-boundary-model.py: three little-endian 32-bit numbers
 * (width, height, cues), then the cues as planes of 32-bit floats.
 */

#include "config.h"

#include <stdio.h>

#include "epi-boundary.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;
  g_autofree float *features = NULL;
  guint32 header[3];
  gsize n;
  FILE *out;

  if (argc != 3)
    {
      g_printerr ("usage: %s PICTURE OUTPUT\n", argv[0]);
      return 2;
    }

  image = epi_image_load_file (argv[1], NULL, &error);
  if (image == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  features = epi_boundary_features (image);
  header[0] = GUINT32_TO_LE (image->width);
  header[1] = GUINT32_TO_LE (image->height);
  header[2] = GUINT32_TO_LE (EPI_BOUNDARY_N_FEATURES);
  n = (gsize) image->width * image->height * EPI_BOUNDARY_N_FEATURES;

  out = fopen (argv[2], "wb");
  if (out == NULL || fwrite (header, sizeof header, 1, out) != 1 ||
      fwrite (features, sizeof (float), n, out) != n || fclose (out) != 0)
    {
      g_printerr ("%s: cannot write\n", argv[2]);
      return 1;
    }

  return 0;
}
