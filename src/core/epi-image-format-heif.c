/* epi-image-format-heif.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A HEIF or AVIF file's structure, walked as libheif reads it: its boxes,
 * down to the size of its primary picture. Reads hostile bytes under the
 * rules of epi-image-format.c: every length checked against what is left
 * before it is used, every walk moving forward or stopping.
 */

#include "config.h"

#include <string.h>

#include "epi-image-format-private.h"

typedef struct
{
  gsize        start;     /* the box's own bytes, after its header */
  gsize        end;
  const guint8 *type;
} Box;

/* The box at @pos of a container ending at @end. A box that runs past the
 * end of the file is truncated; one that runs past its parent is broken. */
static EpiStructure
read_box (const guint8 *data,
          gsize         pos,
          gsize         end,
          gboolean      top_level,
          Box          *box)
{
  guint64 size;
  gsize head = 8;

  if (end - pos < 8)
    return top_level ? EPI_STRUCTURE_TRUNCATED : EPI_STRUCTURE_BROKEN;
  size = be32 (data + pos);
  if (size == 1)
    {
      if (end - pos < 16)
        return top_level ? EPI_STRUCTURE_TRUNCATED : EPI_STRUCTURE_BROKEN;
      size = (guint64) be32 (data + pos + 8) << 32 | be32 (data + pos + 12);
      head = 16;
    }
  else if (size == 0)
    size = end - pos;

  if (size < head)
    return EPI_STRUCTURE_BROKEN;
  if (size > end - pos)
    return top_level ? EPI_STRUCTURE_TRUNCATED : EPI_STRUCTURE_BROKEN;

  box->type = data + pos + 4;
  box->start = pos + head;
  box->end = pos + (gsize) size;
  return EPI_STRUCTURE_OK;
}

/* The item properties of a HEIF's meta box: every ispe (an image's size),
 * every clap (a crop made of fractions, refused with a zero denominator
 * before any decoder divides by it) and whether any av1C says that the
 * pictures are coded in AV1. */
static EpiStructure
read_heif_properties (const guint8     *data,
                      gsize             pos,
                      gsize             end,
                      EpiPictureHeader *header,
                      gboolean         *sized)
{
  while (pos < end)
    {
      Box box;
      EpiStructure status = read_box (data, pos, end, FALSE, &box);

      if (status != EPI_STRUCTURE_OK)
        return status;

      if (memcmp (box.type, "ispe", 4) == 0)
        {
          /* A full box: version and flags, then width and height. */
          if (box.end - box.start < 12)
            return EPI_STRUCTURE_BROKEN;
          _epi_picture_note_size (header, be32 (data + box.start + 4), be32 (data + box.start + 8), sized);
        }
      else if (memcmp (box.type, "av1C", 4) == 0)
        header->av1 = TRUE;
      else if (memcmp (box.type, "clap", 4) == 0)
        {
          if (box.end - box.start < 32)
            return EPI_STRUCTURE_BROKEN;
          for (guint i = 1; i < 8; i += 2)
            if (be32 (data + box.start + 4 * i) == 0)
              return EPI_STRUCTURE_BROKEN;
        }
      pos = box.end;
    }

  return EPI_STRUCTURE_OK;
}

/* The meta box's iprp, and in it the ipco holding the item properties. */
static EpiStructure
read_heif_meta (const guint8     *data,
                const Box        *meta,
                EpiPictureHeader *header,
                gboolean         *sized)
{
  gsize pos;

  /* meta is a full box: version and flags first. */
  if (meta->end - meta->start < 4)
    return EPI_STRUCTURE_BROKEN;

  for (pos = meta->start + 4; pos < meta->end;)
    {
      Box iprp;
      EpiStructure status = read_box (data, pos, meta->end, FALSE, &iprp);

      if (status != EPI_STRUCTURE_OK)
        return status;
      if (memcmp (iprp.type, "iprp", 4) == 0)
        {
          for (gsize inner = iprp.start; inner < iprp.end;)
            {
              Box ipco;

              status = read_box (data, inner, iprp.end, FALSE, &ipco);
              if (status != EPI_STRUCTURE_OK)
                return status;
              if (memcmp (ipco.type, "ipco", 4) == 0)
                {
                  status = read_heif_properties (data, ipco.start, ipco.end, header, sized);
                  if (status != EPI_STRUCTURE_OK)
                    return status;
                }
              inner = ipco.end;
            }
        }
      pos = iprp.end;
    }

  return EPI_STRUCTURE_OK;
}

/* The top-level boxes, each within the file, and the image sizes in the
 * first meta box. A file without any has no still picture to decode. */
EpiStructure
_epi_picture_read_heif (const guint8     *data,
                        gsize             length,
                        EpiPictureHeader *header,
                        gboolean         *sized)
{
  gboolean seen_meta = FALSE;

  for (gsize pos = 0; pos < length;)
    {
      Box box;
      EpiStructure status = read_box (data, pos, length, TRUE, &box);

      if (status != EPI_STRUCTURE_OK)
        return status;
      if (!seen_meta && memcmp (box.type, "meta", 4) == 0)
        {
          seen_meta = TRUE;
          status = read_heif_meta (data, &box, header, sized);
          if (status != EPI_STRUCTURE_OK)
            return status;
        }
      pos = box.end;
    }

  return *sized ? EPI_STRUCTURE_OK : EPI_STRUCTURE_BROKEN;
}
