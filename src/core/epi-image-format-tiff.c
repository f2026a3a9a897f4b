/* epi-image-format-tiff.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TIFF's structure, walked as libtiff reads it: its directories, one a
 * page, and the strips or tiles each one points at. Reads hostile bytes
 * under the rules of epi-image-format.c: every length checked against
 * what is left before it is used, every walk moving forward or stopping.
 */

#include "config.h"

#include "epi-image-format-private.h"

/* No real TIFF has more pages; the cap bounds the walk of a forged one. */
#define MAX_TIFF_PAGES 65536
/* Directory entries read in all pages, for the same reason: overlapping
 * forged directories could otherwise cost the square of the file size. */
#define MAX_TIFF_ENTRIES (1 << 20)

typedef struct
{
  const guint8 *data;
  gsize         length;
  gboolean      big_endian;
} Tiff;

static guint32
tiff16 (const Tiff *tiff,
        gsize       offset)
{
  return tiff->big_endian ? be16 (tiff->data + offset) : le16 (tiff->data + offset);
}

static guint32
tiff32 (const Tiff *tiff,
        gsize       offset)
{
  return tiff->big_endian ? be32 (tiff->data + offset) : le32 (tiff->data + offset);
}

/* The single value of a directory entry held in the entry itself, as
 * libtiff reads the size and subfile tags; FALSE for any other kind. */
static gboolean
tiff_entry_value (const Tiff *tiff,
                  gsize       entry,
                  guint32    *value)
{
  guint32 type = tiff16 (tiff, entry + 2);
  guint32 count = tiff32 (tiff, entry + 4);

  if (count == 0)
    return FALSE;
  switch (type)
    {
    case 1: /* BYTE */
      *value = tiff->data[entry + 8];
      return TRUE;
    case 3: /* SHORT */
      *value = tiff16 (tiff, entry + 8);
      return TRUE;
    case 4: /* LONG */
      if (count != 1)
        return FALSE;
      *value = tiff32 (tiff, entry + 8);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The bytes of one value of a directory entry's type; 0 for a type
 * classic TIFF does not have, which libtiff skips. */
static guint
tiff_type_size (guint32 type)
{
  switch (type)
    {
    case 1: case 2: case 6: case 7: /* BYTE, ASCII, SBYTE, UNDEFINED */
      return 1;
    case 3: case 8: /* SHORT, SSHORT */
      return 2;
    case 4: case 9: case 11: case 13: /* LONG, SLONG, FLOAT, IFD */
      return 4;
    case 5: case 10: case 12: /* RATIONAL, SRATIONAL, DOUBLE */
      return 8;
    default:
      return 0;
    }
}

/* Where the values of a directory entry lie: in the entry itself when
 * they fit in four bytes, else at the offset it holds. FALSE when they
 * run past the end of the file. */
static gboolean
tiff_entry_values (const Tiff *tiff,
                   gsize       entry,
                   gsize      *values)
{
  guint64 bytes = (guint64) tiff32 (tiff, entry + 4) * tiff_type_size (tiff16 (tiff, entry + 2));
  guint32 offset;

  if (bytes <= 4)
    {
      *values = entry + 8;
      return TRUE;
    }
  offset = tiff32 (tiff, entry + 8);
  if (offset > tiff->length || bytes > tiff->length - offset)
    return FALSE;
  *values = offset;
  return TRUE;
}

/* The strips or tiles that the entries of their offsets and of their
 * byte counts describe, each within the file. Only SHORT and LONG arrays
 * are walked; libtiff judges other types itself. The walk is as long as
 * the arrays, which lie within the file. */
static EpiStructure
check_tiff_blocks (const Tiff *tiff,
                   gsize       offsets_entry,
                   gsize       counts_entry)
{
  guint32 offsets_type = tiff16 (tiff, offsets_entry + 2);
  guint32 counts_type = tiff16 (tiff, counts_entry + 2);
  guint32 n = MIN (tiff32 (tiff, offsets_entry + 4), tiff32 (tiff, counts_entry + 4));
  gsize offsets, counts;

  if ((offsets_type != 3 && offsets_type != 4) || (counts_type != 3 && counts_type != 4))
    return EPI_STRUCTURE_OK;
  if (!tiff_entry_values (tiff, offsets_entry, &offsets) ||
      !tiff_entry_values (tiff, counts_entry, &counts))
    return EPI_STRUCTURE_TRUNCATED;

  for (guint32 i = 0; i < n; i++)
    {
      guint64 offset = offsets_type == 3 ? tiff16 (tiff, offsets + (gsize) i * 2)
                                         : tiff32 (tiff, offsets + (gsize) i * 4);
      guint64 count = counts_type == 3 ? tiff16 (tiff, counts + (gsize) i * 2)
                                       : tiff32 (tiff, counts + (gsize) i * 4);

      if (count > 0 && offset + count > tiff->length)
        return EPI_STRUCTURE_TRUNCATED;
    }

  return EPI_STRUCTURE_OK;
}

/* The first page, the one decoded, as libtiff reads it: its directory's
 * @count entries and the offset after them, every value they hold
 * outside themselves, and every strip or tile, all within the file. */
static EpiStructure
read_tiff_page (const Tiff *tiff,
                gsize       ifd,
                guint32     count)
{
  /* The entries of StripOffsets, StripByteCounts, TileOffsets and
   * TileByteCounts, the first of each as libtiff keeps; 0 if none. */
  static const guint32 tags[4] = { 273, 279, 324, 325 };
  gsize blocks[4] = { 0 };
  EpiStructure status;

  if (tiff->length - ifd - 2 - (gsize) count * 12 < 4)
    return EPI_STRUCTURE_TRUNCATED;

  for (guint32 i = 0; i < count; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;
      guint32 tag = tiff16 (tiff, entry);
      gsize values;

      if (!tiff_entry_values (tiff, entry, &values))
        return EPI_STRUCTURE_TRUNCATED;
      for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
        if (tag == tags[t] && blocks[t] == 0)
          blocks[t] = entry;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tags); t += 2)
    if (blocks[t] != 0 && blocks[t + 1] != 0)
      {
        status = check_tiff_blocks (tiff, blocks[t], blocks[t + 1]);
        if (status != EPI_STRUCTURE_OK)
          return status;
      }

  return EPI_STRUCTURE_OK;
}

/* The chain of directories from the header: the first one's size (the
 * page the decoder reads), that page whole, and the number of pages, not
 * counting reduced copies such as thumbnails. Past the first page, loops,
 * overlaps and offsets out of the file end the chain. */
EpiStructure
_epi_picture_read_tiff (const guint8     *data,
                        gsize             length,
                        EpiPictureHeader *header,
                        gboolean         *sized)
{
  Tiff tiff = { data, length, data[0] == 'M' };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint entries_left = MAX_TIFF_ENTRIES;
  guint pages = 0;
  guint32 ifd;

  if (length < 8)
    return EPI_STRUCTURE_TRUNCATED;
  ifd = tiff32 (&tiff, 4);

  while (ifd != 0 && pages < MAX_TIFF_PAGES)
    {
      guint32 count, width = 0, height = 0, subfile = 0, old_subfile = 0;
      gboolean first = pages == 0;

      if (ifd >= length || length - ifd < 2 ||
          g_hash_table_contains (seen, GUINT_TO_POINTER (ifd)))
        break;
      g_hash_table_add (seen, GUINT_TO_POINTER (ifd));
      count = tiff16 (&tiff, ifd);
      if ((length - ifd - 2) / 12 < count)
        break;

      for (guint32 i = 0; i < count && entries_left > 0; i++, entries_left--)
        {
          gsize entry = ifd + 2 + (gsize) i * 12;
          guint32 tag = tiff16 (&tiff, entry);
          guint32 *slot = tag == 256 ? &width : tag == 257 ? &height :
                          tag == 254 ? &subfile : tag == 255 ? &old_subfile : NULL;
          guint32 value;

          /* libtiff keeps the first of repeated tags. */
          if (slot != NULL && *slot == 0 && tiff_entry_value (&tiff, entry, &value))
            *slot = value;
        }

      if (first)
        {
          EpiStructure status;

          _epi_picture_note_size (header, width, height, sized);
          status = read_tiff_page (&tiff, ifd, count);
          if (status != EPI_STRUCTURE_OK)
            return status;
        }
      if (first || ((subfile & 1) == 0 && old_subfile != 2))
        pages++;

      if (length - ifd - 2 - (gsize) count * 12 < 4)
        break;
      ifd = tiff32 (&tiff, ifd + 2 + (gsize) count * 12);
    }

  if (pages == 0)
    return EPI_STRUCTURE_TRUNCATED;
  header->n_frames = pages;
  return EPI_STRUCTURE_OK;
}
