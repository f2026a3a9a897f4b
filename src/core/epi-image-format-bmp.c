/* epi-image-format-bmp.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A BMP's structure, walked as the gdk-pixbuf loader reads it: its
 * headers, its palette and its pixel data, plain or in runs. Reads
 * hostile bytes under the rules of epi-image-format.c: every length
 * checked against what is left before it is used, every walk moving
 * forward or stopping.
 */

#include "config.h"

#include "epi-image-format-private.h"

/* The pixel data of a BMP coded in runs (RLE8, or RLE4 with @rle4), as
 * the loader reads it: whole once it reaches its end-of-picture code or
 * ends its last row. Every step moves forward. */
static EpiStructure
read_bmp_runs (const guint8 *data,
               gsize         length,
               gboolean      rle4,
               gint64        height)
{
  gsize pos = 0;
  gint64 row = 0;

  while (row < height)
    {
      guint8 count, code;

      if (length - pos < 2)
        return EPI_STRUCTURE_TRUNCATED;
      count = data[pos];
      code = data[pos + 1];
      pos += 2;

      if (count > 0)
        continue; /* a run of one value */
      if (code == 0)
        row++; /* end of row */
      else if (code == 1)
        return EPI_STRUCTURE_OK; /* end of picture */
      else if (code == 2)
        {
          /* A move right and down. */
          if (length - pos < 2)
            return EPI_STRUCTURE_TRUNCATED;
          row += data[pos + 1];
          pos += 2;
        }
      else
        {
          /* As many values as the code says, padded to a word. */
          gsize values = rle4 ? ((gsize) code + 1) / 2 : code;

          values += values & 1;
          if (length - pos < values)
            return EPI_STRUCTURE_TRUNCATED;
          pos += values;
        }
    }

  return EPI_STRUCTURE_OK;
}

EpiStructure
_epi_picture_read_bmp (const guint8     *data,
                       gsize             length,
                       EpiPictureHeader *header,
                       gboolean         *sized)
{
  /* gdk-pixbuf's loader sizes a buffer from the info header's length
   * before checking it; only the lengths BMP has ever had go through. */
  static const guint32 known[] = { 12, 16, 40, 52, 56, 64, 108, 124 };
  gboolean is_known = FALSE;
  guint32 info, compression = 0, colours = 0;
  gint64 width, height;
  guint depth;
  gsize start;

  if (length < 18)
    return EPI_STRUCTURE_TRUNCATED;
  info = le32 (data + 14);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    is_known |= info == known[i];
  if (!is_known)
    return EPI_STRUCTURE_BROKEN;
  if (length - 14 < info)
    return EPI_STRUCTURE_TRUNCATED;

  if (info == 12)
    {
      width = le16 (data + 18);
      height = le16 (data + 20);
      depth = le16 (data + 24);
    }
  else
    {
      width = (gint32) le32 (data + 18);
      height = (gint32) le32 (data + 22);
      depth = le16 (data + 28);
      if (info >= 20)
        compression = le32 (data + 30);
      /* A negative height means rows from the top, save for the one
       * negative number without a positive: that stays impossible. */
      if (height < 0 && height > G_MININT32)
        height = -height;
    }
  /* As the header gives them, for the message if they are refused. */
  _epi_picture_note_size (header, width, height, sized);
  if (width <= 0 || height <= 0)
    return EPI_STRUCTURE_OK;

  /* The palette of 8 bits or fewer: as many colours as the header says,
   * or all the depth allows. The loader reads the count as a signed
   * number and sizes a buffer from it, so a larger one (found by fuzzing:
   * 3.5 GB for a 102-byte file) goes no further. */
  if (depth <= 8)
    {
      guint32 used = info >= 40 ? le32 (data + 46) : 0;

      if (used > 1u << depth)
        return EPI_STRUCTURE_BROKEN;
      colours = used != 0 ? used : 1u << depth;
    }

  /* The pixel data starts where the file header says, never inside the
   * headers or the palette, and must all be there. */
  start = MAX (le32 (data + 10), 14 + info + (gsize) colours * (info == 12 ? 3 : 4));
  if (start > length)
    return EPI_STRUCTURE_TRUNCATED;

  if ((compression == 1 && depth == 8) || (compression == 2 && depth == 4))
    return read_bmp_runs (data + start, length - start, compression == 2, height);

  /* Uncoded rows, each padded to a word; bit fields, for 16 or 32 bits
   * only, just rearrange a pixel's bits. Other depths and codings (an
   * OS/2 bitmap's Huffman code is 3 too, at 1 bit) the loader refuses. */
  if ((compression == 0 &&
       (depth == 1 || depth == 4 || depth == 8 || depth == 16 || depth == 24 || depth == 32)) ||
      ((compression == 3 || compression == 6) && (depth == 16 || depth == 32)))
    {
      guint64 stride = ((guint64) width * depth + 31) / 32 * 4;

      if (stride > (length - start) / (guint64) height)
        return EPI_STRUCTURE_TRUNCATED;
    }

  return EPI_STRUCTURE_OK;
}
