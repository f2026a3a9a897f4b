/* epi-image-format-gif.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GIF's structure, walked as the gdk-pixbuf loader reads it: its
 * screen, its frames and the extensions between them. Reads hostile bytes
 * under the rules of epi-image-format.c: every length checked against
 * what is left before it is used, every walk moving forward or stopping.
 */

#include "config.h"

#include "epi-image-format-private.h"

/* Skips an extension, from its label at @pos, as the gdk-pixbuf loader
 * reads it: its data sub-blocks up to a zero one, except that the first
 * one of a graphic control (0xF9) or application (0xFF) extension is
 * read whatever its size, zero included. The loader reads every
 * sub-block into one buffer and takes a graphic control extension's
 * disposal method from the buffer's first byte, which a sub-block of
 * size zero leaves as it was: @buffer follows that byte, and @disposal
 * gets the method a graphic control extension sets. */
static gsize
skip_gif_extension (const guint8 *data,
                    gsize         length,
                    gsize         pos,
                    guint8       *buffer,
                    guint        *disposal)
{
  guint8 label = data[pos++];
  gboolean first = TRUE;

  while (pos < length)
    {
      guint8 size = data[pos++];

      if (size == 0 && !(first && (label == 0xF9 || label == 0xFF)))
        break;
      if (size > 0 && pos < length)
        *buffer = data[pos];
      if (first && label == 0xF9)
        *disposal = (*buffer >> 2) & 7;
      first = FALSE;
      pos += MIN (size, length - pos);
    }
  return pos;
}

/* Skips an image's data sub-blocks up to their zero terminator. */
static gsize
skip_gif_blocks (const guint8 *data,
                 gsize         length,
                 gsize         pos)
{
  while (pos < length)
    {
      guint8 size = data[pos++];

      if (size == 0)
        break;
      pos += MIN (size, length - pos);
    }
  return pos;
}

static gsize
gif_color_table (guint8 flags)
{
  return (flags & 0x80) ? (gsize) 3 << ((flags & 7) + 1) : 0;
}

/* The logical screen and every image descriptor, block by block as the
 * gdk-pixbuf loader reads them (stray bytes between blocks are skipped
 * there too). A GIF's end is left to the decoder: many lack the trailer.
 *
 * The loader clips frames to the screen, so a frame may reach past it,
 * or lie wholly outside it, as real GIFs do. Only the first frame is
 * ever drawn, and the one way to make the loader log about it is to ask
 * for the screen under it to be restored afterwards (disposal method
 * 3): the loader then copies that area of the screen without clipping
 * it. Every frame is allocated whole, so each one's size is checked. */
EpiStructure
_epi_picture_read_gif (const guint8     *data,
                       gsize             length,
                       EpiPictureHeader *header,
                       gboolean         *sized)
{
  guint frames = 0;
  guint screen_width, screen_height;
  guint8 buffer = 0;
  guint disposal = 0;
  gsize pos;

  if (length < 13)
    return EPI_STRUCTURE_TRUNCATED;
  screen_width = le16 (data + 6);
  screen_height = le16 (data + 8);
  _epi_picture_note_size (header, screen_width, screen_height, sized);
  pos = 13 + gif_color_table (data[10]);

  while (pos < length)
    {
      guint8 block = data[pos++];

      if (block == ';')
        break;
      if (block == '!')
        {
          if (pos == length)
            break;
          pos = skip_gif_extension (data, length, pos, &buffer, &disposal);
        }
      else if (block == ',')
        {
          guint left, top, width, height;

          if (length - pos < 9)
            break;
          left = le16 (data + pos);
          top = le16 (data + pos + 2);
          width = le16 (data + pos + 4);
          height = le16 (data + pos + 6);
          /* An empty frame is impossible, a large one too large. */
          _epi_picture_note_size (header, width, height, sized);
          if (frames == 0 && disposal == 3)
            _epi_picture_note_frame (header, left, top, width, height, screen_width, screen_height);
          frames++;
          pos += 9 + gif_color_table (data[pos + 8]);
          if (pos >= length)
            break;
          pos = skip_gif_blocks (data, length, pos + 1);
        }
    }

  header->n_frames = MAX (frames, 1);
  return EPI_STRUCTURE_OK;
}
