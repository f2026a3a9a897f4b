/* epi-image-format-webp.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WebP's structure, walked as libwebp reads it: its RIFF chunks, and an
 * animation's frames; and the first frame of an animation as a still of
 * its own. Reads hostile bytes under the rules of epi-image-format.c:
 * every length checked against what is left before it is used, every walk
 * moving forward or stopping.
 */

#include "config.h"

#include <string.h>

#include "epi-image-format-private.h"

/* The chunk at @pos of a list ending at @end (the RIFF's, or an ANMF
 * frame's), and the size of its data, which must fit: one running past
 * the end of the file is cut, one running past its parent only is
 * broken. */
static EpiStructure
read_webp_chunk (const guint8 *data,
                 gsize         length,
                 gsize         pos,
                 gsize         end,
                 gsize        *size)
{
  if (end - pos < 8)
    return length - pos < 8 ? EPI_STRUCTURE_TRUNCATED : EPI_STRUCTURE_BROKEN;
  *size = le32 (data + pos + 4);
  if (*size > end - pos - 8)
    return *size > length - pos - 8 ? EPI_STRUCTURE_TRUNCATED : EPI_STRUCTURE_BROKEN;
  return EPI_STRUCTURE_OK;
}

/* The chunk after @pos, skipping @size bytes of data and the padding to
 * an even length, which the last chunk may lack. */
static gsize
next_webp_chunk (gsize pos,
                 gsize size,
                 gsize end)
{
  return pos + 8 + MIN (size + (size & 1), end - pos - 8);
}

/* The size in the header of the VP8 or VP8L bitstream whose chunk, with
 * @size bytes of data, is at @chunk; FALSE for any other chunk, or a
 * header no decoder reads. */
static gboolean
read_webp_bitstream (const guint8 *chunk,
                     gsize         size,
                     guint        *width,
                     guint        *height)
{
  guint32 bits;

  if (memcmp (chunk, "VP8 ", 4) == 0)
    {
      if (size < 10 || memcmp (chunk + 11, "\x9D\x01\x2A", 3) != 0)
        return FALSE;
      *width = le16 (chunk + 14) & 0x3FFF;
      *height = le16 (chunk + 16) & 0x3FFF;
      return TRUE;
    }
  if (memcmp (chunk, "VP8L", 4) == 0)
    {
      if (size < 5 || chunk[8] != 0x2F)
        return FALSE;
      bits = le32 (chunk + 9);
      *width = (bits & 0x3FFF) + 1;
      *height = ((bits >> 14) & 0x3FFF) + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_webp_image_chunk (const guint8 *chunk)
{
  return memcmp (chunk, "ALPH", 4) == 0 || memcmp (chunk, "VP8 ", 4) == 0 ||
         memcmp (chunk, "VP8L", 4) == 0;
}

/* An ANMF frame at @pos, with @size bytes of data: its place and size,
 * then its own chunks, each within it, as libwebp's demuxer takes them:
 * an ALPH maybe, then one bitstream that can be read, inside the canvas
 * as the bitstream gives its size (the demuxer does not look at the
 * size in the frame's header, beyond refusing one of 2^32 pixels or
 * more). @frame, when not NULL, gets where the frame's chunks are. */
static EpiStructure
read_webp_frame (const guint8     *data,
                 gsize             length,
                 gsize             pos,
                 gsize             size,
                 guint             canvas_width,
                 guint             canvas_height,
                 EpiPictureHeader *header,
                 gboolean         *sized,
                 EpiWebpFrame     *frame)
{
  gsize end = pos + 8 + size;
  guint left, top, width, height;
  gsize alpha = 0, alpha_size = 0;
  gboolean image = FALSE;

  if (size < 16)
    return EPI_STRUCTURE_BROKEN;
  left = 2 * le24 (data + pos + 8);
  top = 2 * le24 (data + pos + 11);
  width = le24 (data + pos + 14) + 1;
  height = le24 (data + pos + 17) + 1;
  _epi_picture_note_size (header, width, height, sized);

  for (gsize inner = pos + 8 + 16; inner < end;)
    {
      gsize inner_size;
      EpiStructure status = read_webp_chunk (data, length, inner, end, &inner_size);

      if (status != EPI_STRUCTURE_OK)
        return status;
      if (is_webp_image_chunk (data + inner))
        {
          /* Nothing after the bitstream, one alpha before it. */
          if (image || (alpha != 0 && memcmp (data + inner, "ALPH", 4) == 0))
            return EPI_STRUCTURE_BROKEN;
          if (memcmp (data + inner, "ALPH", 4) == 0)
            {
              alpha = inner;
              alpha_size = inner_size;
            }
          else if (read_webp_bitstream (data + inner, inner_size, &width, &height))
            {
              image = TRUE;
              _epi_picture_note_size (header, width, height, sized);
              _epi_picture_note_frame (header, left, top, width, height, canvas_width, canvas_height);
              if (frame != NULL)
                {
                  /* Lossless pictures carry their own alpha. */
                  gboolean lossless = memcmp (data + inner, "VP8L", 4) == 0;

                  frame->alpha = lossless ? 0 : alpha;
                  frame->alpha_size = lossless ? 0 : alpha_size;
                  frame->image = inner;
                  frame->image_size = inner_size;
                  frame->left = left;
                  frame->top = top;
                  frame->width = width;
                  frame->height = height;
                  frame->canvas_width = canvas_width;
                  frame->canvas_height = canvas_height;
                }
            }
          else
            return EPI_STRUCTURE_BROKEN;
        }
      inner = next_webp_chunk (inner, inner_size, end);
    }

  return image ? EPI_STRUCTURE_OK : EPI_STRUCTURE_BROKEN;
}

/* The RIFF, as long as its own size says, and every chunk in it whole;
 * the first chunk's size (VP8X canvas, or the VP8 or VP8L bitstream's),
 * and in an animation every frame, whole and inside the canvas. */
EpiStructure
_epi_picture_read_webp (const guint8     *data,
                        gsize             length,
                        EpiPictureHeader *header,
                        gboolean         *sized)
{
  const guint8 *chunk = data + 12;
  gboolean animated = FALSE;
  guint width, height;
  EpiStructure status;
  gsize chunk_size;
  guint frames = 0;
  guint64 riff;
  gsize end;

  if (length < 20)
    return EPI_STRUCTURE_TRUNCATED;
  riff = le32 (data + 4);
  if (riff < 12)
    return EPI_STRUCTURE_BROKEN;
  /* What follows the RIFF's own size is not the picture's. */
  if (riff + 8 > length)
    return EPI_STRUCTURE_TRUNCATED;
  end = (gsize) riff + 8;
  status = read_webp_chunk (data, length, 12, end, &chunk_size);
  if (status != EPI_STRUCTURE_OK)
    return status;

  if (memcmp (chunk, "VP8X", 4) == 0)
    {
      if (chunk_size < 10)
        return EPI_STRUCTURE_BROKEN;
      width = le24 (chunk + 12) + 1;
      height = le24 (chunk + 15) + 1;
      animated = (chunk[8] & 0x02) != 0;
    }
  else if (!read_webp_bitstream (chunk, chunk_size, &width, &height))
    return EPI_STRUCTURE_BROKEN;
  _epi_picture_note_size (header, width, height, sized);

  for (gsize pos = 12; pos < end;)
    {
      gsize size;

      status = read_webp_chunk (data, length, pos, end, &size);
      if (status != EPI_STRUCTURE_OK)
        return status;

      if (memcmp (data + pos, "ANMF", 4) == 0)
        {
          status = read_webp_frame (data, length, pos, size, width, height, header, sized,
                                    animated && frames == 0 ? &header->webp_first : NULL);
          if (status != EPI_STRUCTURE_OK)
            return status;
          frames += animated;
        }
      /* An animation's pictures are all in its frames. */
      else if (animated && is_webp_image_chunk (data + pos))
        return EPI_STRUCTURE_BROKEN;
      pos = next_webp_chunk (pos, size, end);
    }

  if (animated && frames == 0)
    return EPI_STRUCTURE_BROKEN;
  header->webp_animated = animated;
  header->n_frames = MAX (frames, 1);
  return EPI_STRUCTURE_OK;
}

static void
put_webp_chunk (GByteArray   *out,
                const guint8 *chunk,
                gsize         size)
{
  guint8 header[8];

  memcpy (header, chunk, 4);
  for (guint i = 0; i < 4; i++)
    header[4 + i] = (guint8) (size >> (8 * i));
  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, chunk + 8, (guint) size);
  if (size & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
}

/* The first frame of an animated WebP of @length bytes, as a still WebP
 * of its own: its ALPH chunk, if any, behind a VP8X header of the
 * frame's size that says there is alpha, and its VP8 or VP8L chunk.
 * The gdk-pixbuf loader decodes such a still as any other and reports
 * a damaged one with an error, where for the same bitstream in an
 * animation it logs a warning and criticals. @frame is what
 * epi_picture_read_header() found, every chunk within the file. */
GBytes *
epi_picture_webp_still (const guint8       *data,
                        gsize               length,
                        const EpiWebpFrame *frame)
{
  GByteArray *out;
  gsize riff;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (frame->image >= 12 && frame->image <= length &&
                        length - frame->image >= 8 &&
                        frame->image_size <= length - frame->image - 8, NULL);
  g_return_val_if_fail (frame->alpha == 0 ||
                        (frame->alpha >= 12 && frame->alpha <= length &&
                         length - frame->alpha >= 8 &&
                         frame->alpha_size <= length - frame->alpha - 8), NULL);

  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBP", 12);
  if (frame->alpha != 0)
    {
      guint32 width = frame->width - 1, height = frame->height - 1;
      const guint8 vp8x[] = {
        'V', 'P', '8', 'X', 10, 0, 0, 0,
        0x10, 0, 0, 0, /* alpha */
        width & 0xFF, (width >> 8) & 0xFF, (width >> 16) & 0xFF,
        height & 0xFF, (height >> 8) & 0xFF, (height >> 16) & 0xFF,
      };

      g_byte_array_append (out, vp8x, sizeof vp8x);
      put_webp_chunk (out, data + frame->alpha, frame->alpha_size);
    }
  put_webp_chunk (out, data + frame->image, frame->image_size);

  riff = out->len - 8;
  for (guint i = 0; i < 4; i++)
    out->data[4 + i] = (guint8) (riff >> (8 * i));
  return g_byte_array_free_to_bytes (out);
}
