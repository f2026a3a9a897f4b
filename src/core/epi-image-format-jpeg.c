/* epi-image-format-jpeg.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JPEG's structure, walked as libjpeg reads it. Reads hostile bytes
 * under the rules of epi-image-format.c: every length checked against
 * what is left before it is used, every walk moving forward or stopping.
 */

#include "config.h"

#include <string.h>

#include "epi-image-format-private.h"

static gboolean
is_jpeg_frame_marker (guint8 marker)
{
  /* SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* The markers from SOI as libjpeg reads them: segments skipped by their
 * length (so an EXIF thumbnail's own markers are never seen), entropy-coded
 * data after SOS scanned for the next marker that is neither a stuffed
 * zero nor a restart, stray bytes between markers skipped, until EOI.
 * Whatever follows EOI (a phone's motion-photo video) is not the picture's. */
EpiStructure
_epi_picture_read_jpeg (const guint8     *data,
                        gsize             length,
                        EpiPictureHeader *header,
                        gboolean         *sized)
{
  gsize pos = 2;

  for (;;)
    {
      const guint8 *ff = memchr (data + pos, 0xFF, length - pos);
      guint8 marker;
      gsize segment;

      if (ff == NULL)
        return EPI_STRUCTURE_TRUNCATED;
      pos = (gsize) (ff - data);
      while (pos < length && data[pos] == 0xFF)
        pos++;
      if (pos == length)
        return EPI_STRUCTURE_TRUNCATED;

      marker = data[pos++];
      if (marker == 0xD9)
        return *sized ? EPI_STRUCTURE_OK : EPI_STRUCTURE_BROKEN;
      if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        continue;
      if (marker == 0xD8)
        return EPI_STRUCTURE_BROKEN;

      if (length - pos < 2)
        return EPI_STRUCTURE_TRUNCATED;
      segment = be16 (data + pos);
      if (segment < 2)
        return EPI_STRUCTURE_BROKEN;
      if (length - pos < segment)
        return EPI_STRUCTURE_TRUNCATED;

      if (is_jpeg_frame_marker (marker) && !*sized)
        {
          if (segment < 8)
            return EPI_STRUCTURE_BROKEN;
          _epi_picture_note_size (header, be16 (data + pos + 5), be16 (data + pos + 3), sized);
        }
      pos += segment;

      if (marker != 0xDA)
        continue;

      /* Entropy-coded data, up to the next real marker. */
      for (;;)
        {
          guint8 next;

          ff = memchr (data + pos, 0xFF, length - pos);
          if (ff == NULL || (gsize) (ff - data) + 1 >= length)
            return EPI_STRUCTURE_TRUNCATED;
          pos = (gsize) (ff - data);
          next = data[pos + 1];
          if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
            pos += 2;
          else if (next == 0xFF)
            pos++;
          else
            break;
        }
    }
}
