/* epi-image-format-png.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PNG's structure, walked as libpng reads it. Reads hostile bytes under
 * the rules of epi-image-format.c: every length checked against what is
 * left before it is used, every walk moving forward or stopping.
 */

#include "config.h"

#include <string.h>

#include "epi-image-format-private.h"

/* The chunks from the signature as libpng reads them, each a length, a
 * type, its data and a CRC, IHDR first, until IEND. */
EpiStructure
_epi_picture_read_png (const guint8     *data,
                       gsize             length,
                       EpiPictureHeader *header,
                       gboolean         *sized)
{
  gsize pos = 8;
  gboolean animated = FALSE;
  guint frames = 0;

  for (;;)
    {
      guint32 chunk;
      const guint8 *type;

      if (length - pos < 8)
        return EPI_STRUCTURE_TRUNCATED;
      chunk = be32 (data + pos);
      type = data + pos + 4;
      if (chunk > 0x7FFFFFFF)
        return EPI_STRUCTURE_BROKEN;
      for (guint i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return EPI_STRUCTURE_BROKEN;
      if (!*sized && (memcmp (type, "IHDR", 4) != 0 || chunk != 13))
        return EPI_STRUCTURE_BROKEN;
      if ((guint64) (length - pos - 8) < (guint64) chunk + 4)
        return EPI_STRUCTURE_TRUNCATED;

      if (!*sized)
        _epi_picture_note_size (header, be32 (data + pos + 8), be32 (data + pos + 12), sized);
      else if (memcmp (type, "IEND", 4) == 0)
        break;
      else if (memcmp (type, "acTL", 4) == 0)
        animated = TRUE;
      else if (memcmp (type, "fcTL", 4) == 0)
        frames++;

      pos += 12 + (gsize) chunk;
    }

  /* An APNG's frames; the decoder shows the default picture. */
  header->n_frames = animated ? MAX (frames, 1) : 1;
  return EPI_STRUCTURE_OK;
}
