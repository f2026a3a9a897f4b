/* epi-image-format.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knowing a picture before decoding it: its format from its first bytes,
 * and from its structure, walked from the start the way its decoder reads
 * it, whether the stream is all there, every size the decoder would
 * allocate, and how many pages or frames it holds. Everything here reads
 * hostile bytes: every length is checked against what is left before it
 * is used, and every walk moves forward or stops.
 */

#include "config.h"

#include <string.h>

#include "epi-image-format.h"
#include "epi-seal.h"

/* No real TIFF has more pages; the cap bounds the walk of a forged one. */
#define MAX_TIFF_PAGES 65536
/* Directory entries read in all pages, for the same reason: overlapping
 * forged directories could otherwise cost the square of the file size. */
#define MAX_TIFF_ENTRIES (1 << 20)

static inline guint32
be16 (const guint8 *p)
{
  return (guint32) p[0] << 8 | p[1];
}

static inline guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static inline guint32
le16 (const guint8 *p)
{
  return (guint32) p[1] << 8 | p[0];
}

static inline guint32
le24 (const guint8 *p)
{
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static inline guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static gboolean
has_at (const guint8 *data,
        gsize         length,
        gsize         offset,
        const char   *magic,
        gsize         magic_length)
{
  return length >= offset && length - offset >= magic_length &&
         memcmp (data + offset, magic, magic_length) == 0;
}

/* A string literal's bytes, without its terminating zero unless spelled. */
#define HAS(offset, magic) has_at (data, length, (offset), (magic), sizeof (magic) - 1)

/* Sniffing ---------------------------------------------------------------- */

typedef enum
{
  BRAND_OTHER,
  BRAND_HEIF,    /* HEVC-coded HEIF, stills or sequences */
  BRAND_GENERIC, /* HEIF of any codec: mif1, msf1 */
  BRAND_AVIF,
  BRAND_CR3,
} Brand;

static Brand
classify_brand (const guint8 *brand)
{
  static const char * const heif[] = { "heic", "heix", "hevc", "hevx", "heim", "heis" };

  for (guint i = 0; i < G_N_ELEMENTS (heif); i++)
    if (memcmp (brand, heif[i], 4) == 0)
      return BRAND_HEIF;
  if (memcmp (brand, "mif1", 4) == 0 || memcmp (brand, "msf1", 4) == 0)
    return BRAND_GENERIC;
  if (memcmp (brand, "avif", 4) == 0 || memcmp (brand, "avis", 4) == 0)
    return BRAND_AVIF;
  if (memcmp (brand, "crx ", 4) == 0)
    return BRAND_CR3;
  return BRAND_OTHER;
}

/* An ISO base media file: a HEIF or AVIF picture, a Canon raw photo, or
 * else a video. The major brand decides when it names a picture format;
 * otherwise the compatible brands do, HEVC before AV1. A file that only
 * claims the generic HEIF brands goes to libheif, which reads every codec
 * it was built with. */
static void
sniff_iso_media (const guint8 *data,
                 gsize         length,
                 EpiSniff     *sniff)
{
  gsize end = be32 (data);
  Brand major = classify_brand (data + 8);
  gboolean heif = FALSE, generic = FALSE, avif = FALSE;

  if (end < 16 || end > length)
    end = length;

  if (major == BRAND_HEIF || major == BRAND_AVIF)
    {
      sniff->format = major == BRAND_HEIF ? EPI_PICTURE_HEIF : EPI_PICTURE_AVIF;
      sniff->name = major == BRAND_HEIF ? "HEIF" : "AVIF";
      return;
    }
  if (major == BRAND_CR3)
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = "Canon CR3";
      return;
    }

  for (gsize i = 16; i + 4 <= end; i += 4)
    switch (classify_brand (data + i))
      {
      case BRAND_HEIF: heif = TRUE; break;
      case BRAND_GENERIC: generic = TRUE; break;
      case BRAND_AVIF: avif = TRUE; break;
      case BRAND_CR3:
      case BRAND_OTHER:
      default: break;
      }

  if (heif || (!avif && (generic || major == BRAND_GENERIC)))
    {
      sniff->format = EPI_PICTURE_HEIF;
      sniff->name = "HEIF";
    }
  else if (avif)
    {
      sniff->format = EPI_PICTURE_AVIF;
      sniff->name = "AVIF";
    }
  else
    {
      sniff->format = EPI_PICTURE_VIDEO;
      if (memcmp (data + 8, "qt  ", 4) == 0)
        sniff->name = "QuickTime";
      else if (memcmp (data + 8, "3g", 2) == 0)
        sniff->name = "3GP";
      else
        sniff->name = "MP4";
    }
}

/* Text formats that some loaders read: XPM, XBM, PNM and SVG. */
static const char *
sniff_text (const guint8 *data,
            gsize         length)
{
  gsize start = 0;
  gsize window;

  if (HAS (0, "/* XPM */"))
    return "XPM";
  if (HAS (0, "#define ") && g_strstr_len ((const char *) data, MIN (length, 256), "_width") != NULL)
    return "XBM";
  if (length >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7' && g_ascii_isspace (data[2]))
    return data[1] == '7' ? "PAM" : "PNM";

  if (HAS (0, "\xEF\xBB\xBF"))
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  window = MIN (length - start, 4096);
  if (start < length && data[start] == '<' &&
      g_strstr_len ((const char *) data + start, window, "<svg") != NULL)
    return "SVG";

  return NULL;
}

/* A TGA without the version 2 footer has no signature at all, so only a
 * header whose every field is plausible counts: a colour map exactly
 * when the type needs one, the depths TGA writers use, no obsolete
 * interleaving, and a picture of some size whose headers, colour map and
 * (uncoded) pixels fit in the file. */
static gboolean
is_tga_header (const guint8 *data,
               gsize         length,
               guint64       file_length)
{
  guint map_type, type, map_depth, depth;
  guint64 width, height, map_length, need;
  gboolean no_map;

  if (length < 18)
    return FALSE;
  map_type = data[1];
  type = data[2];
  map_length = le16 (data + 5);
  map_depth = data[7];
  width = le16 (data + 12);
  height = le16 (data + 14);
  depth = data[16];
  no_map = map_type == 0 && data[3] == 0 && data[4] == 0 && map_length == 0 && map_depth == 0;

  if (width == 0 || height == 0 || (data[17] & 0xC0) != 0 || (data[17] & 0x0F) > 8)
    return FALSE;
  /* Types 9, 10 and 11 are 1, 2 and 3 coded in runs. */
  switch (type & ~8u)
    {
    case 1: /* colour-mapped */
      if (map_type != 1 || map_length == 0 || (depth != 8 && depth != 16) ||
          (map_depth != 15 && map_depth != 16 && map_depth != 24 && map_depth != 32))
        return FALSE;
      break;
    case 2: /* true colour */
      if (!no_map || (depth != 15 && depth != 16 && depth != 24 && depth != 32))
        return FALSE;
      break;
    case 3: /* gray */
      if (!no_map || (depth != 8 && depth != 16))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  need = 18 + data[0] + map_length * ((map_depth + 7) / 8);
  need += type & 8 ? 2 : width * height * ((depth + 7) / 8);
  return need <= file_length;
}

/* The signatures at a fixed offset, checked in order; the formats they
 * name are read, refused, or named as not pictures at all. */
static const struct
{
  gsize             offset;        /* bytes from the start */
  const char       *magic;
  gsize             magic_length;  /* bytes */
  EpiPictureFormat  format;
  const char       *name;
} magics[] = {
#define MAGIC(offset, magic, format, name) { offset, magic, sizeof (magic) - 1, format, name }
  MAGIC (0, "\x89PNG\r\n\x1a\n", EPI_PICTURE_PNG, "PNG"),
  MAGIC (0, "\xFF\xD8\xFF", EPI_PICTURE_JPEG, "JPEG"),
  MAGIC (0, "GIF87a", EPI_PICTURE_GIF, "GIF"),
  MAGIC (0, "GIF89a", EPI_PICTURE_GIF, "GIF"),
  MAGIC (0, "II*\0", EPI_PICTURE_TIFF, "TIFF"),
  MAGIC (0, "MM\0*", EPI_PICTURE_TIFF, "TIFF"),
  MAGIC (0, "II+\0", EPI_PICTURE_REFUSED, "BigTIFF"),
  MAGIC (0, "MM\0+", EPI_PICTURE_REFUSED, "BigTIFF"),
  MAGIC (0, "icns", EPI_PICTURE_REFUSED, "ICNS"),
  MAGIC (0, "8BPS", EPI_PICTURE_REFUSED, "Photoshop (PSD)"),
  MAGIC (0, "gimp xcf", EPI_PICTURE_REFUSED, "GIMP (XCF)"),
  MAGIC (0, "\xFF\x0A", EPI_PICTURE_REFUSED, "JPEG XL"),
  MAGIC (0, "\0\0\0\x0CJXL \r\n\x87\n", EPI_PICTURE_REFUSED, "JPEG XL"),
  MAGIC (0, "\xFF\x4F\xFF\x51", EPI_PICTURE_REFUSED, "JPEG 2000"),
  MAGIC (0, "\0\0\0\x0CjP  \r\n\x87\n", EPI_PICTURE_REFUSED, "JPEG 2000"),
  MAGIC (0, "qoif", EPI_PICTURE_REFUSED, "QOI"),
  MAGIC (0, "\x76\x2F\x31\x01", EPI_PICTURE_REFUSED, "OpenEXR"),
  MAGIC (0, "%PDF-", EPI_PICTURE_DOCUMENT, "PDF"),
  MAGIC (0, "%!PS", EPI_PICTURE_DOCUMENT, "PostScript"),
  MAGIC (0, "\x1A\x45\xDF\xA3", EPI_PICTURE_VIDEO, "Matroska or WebM"),
  MAGIC (0, "\0\0\1\xBA", EPI_PICTURE_VIDEO, "MPEG"),
  MAGIC (0, "FLV\x01", EPI_PICTURE_VIDEO, "Flash"),
  MAGIC (4, "moov", EPI_PICTURE_VIDEO, "QuickTime"),
  MAGIC (4, "mdat", EPI_PICTURE_VIDEO, "QuickTime"),
  MAGIC (4, "wide", EPI_PICTURE_VIDEO, "QuickTime"),
  MAGIC (4, "pnot", EPI_PICTURE_VIDEO, "QuickTime"),
  MAGIC (0, EPI_SEALED_MAGIC, EPI_PICTURE_SEALED, "Epicrypt"),
#undef MAGIC
};

/* Whether @data starts with one of the magics[], which then names it in
 * @sniff. */
static gboolean
sniff_magic (const guint8 *data,
             gsize         length,
             EpiSniff     *sniff)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (has_at (data, length, magics[i].offset, magics[i].magic, magics[i].magic_length))
      {
        sniff->format = magics[i].format;
        sniff->name = magics[i].name;
        return TRUE;
      }
  return FALSE;
}

/* Names the RIFF file @data in @sniff by its form type: WebP, AVI or an
 * animated cursor; other forms stay unknown. */
static void
sniff_riff (const guint8 *data,
            gsize         length,
            EpiSniff     *sniff)
{
  if (HAS (8, "WEBP"))
    {
      sniff->format = EPI_PICTURE_WEBP;
      sniff->name = "WebP";
    }
  else if (HAS (8, "AVI "))
    {
      sniff->format = EPI_PICTURE_VIDEO;
      sniff->name = "AVI";
    }
  else if (HAS (8, "ACON"))
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = "ANI";
    }
}

/* Recognises the formats Epicrypt reads, then the pictures, documents and
 * videos people try it on, so that a refusal can name what it refuses.
 * @head holds the file's first MIN (@file_length, EPI_SNIFF_HEAD_BYTES)
 * bytes and @tail its last MIN (@file_length, EPI_SNIFF_TAIL_BYTES): no
 * more is read, so that a file is named the same from its ends alone as
 * when it is loaded whole. */
void
epi_picture_sniff (const guint8 *head,
                   gsize         head_length,
                   const guint8 *tail,
                   gsize         tail_length,
                   guint64       file_length,
                   EpiSniff     *sniff)
{
  const guint8 *data = head;
  gsize length = head_length;
  const char *text;

  g_assert (head_length == MIN (file_length, EPI_SNIFF_HEAD_BYTES));
  g_assert (tail_length == MIN (file_length, EPI_SNIFF_TAIL_BYTES));

  sniff->format = EPI_PICTURE_UNKNOWN;
  sniff->name = NULL;

  /* TGA has no signature at its start; version 2 ends with a footer, the
   * last 18 of its 26 bytes a signature. */
  if (file_length >= 18 + 26 && memcmp (tail + tail_length - 18, "TRUEVISION-XFILE.\0", 18) == 0)
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = "TGA";
      return;
    }
  /* Icons and cursors: a zero, the type, and at least one picture. */
  if ((HAS (0, "\0\0\1\0") || HAS (0, "\0\0\2\0")) && length >= 6 && le16 (data + 4) > 0)
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = data[2] == 1 ? "ICO" : "CUR";
      return;
    }

  if (sniff_magic (data, length, sniff))
    return;

  if (HAS (0, "RIFF") && length >= 12)
    {
      sniff_riff (data, length, sniff);
      return;
    }

  if (HAS (4, "ftyp") && length >= 12)
    {
      sniff_iso_media (data, length, sniff);
      return;
    }

  /* After the others: two letters are a weak signature. */
  if (HAS (0, "BM"))
    {
      sniff->format = EPI_PICTURE_BMP;
      sniff->name = "BMP";
      return;
    }

  text = sniff_text (data, length);
  if (text != NULL)
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = text;
      return;
    }

  /* Last, having no signature. */
  if (is_tga_header (data, length, file_length))
    {
      sniff->format = EPI_PICTURE_REFUSED;
      sniff->name = "TGA";
    }
}

/* Headers ------------------------------------------------------------------- */

/* Keeps the size to check before decoding: the first size read, unless a
 * later one is impossible (refused whatever the rest) or larger. Every
 * side given is below 2^32 in magnitude, so the products fit. */
static void
note_size (EpiPictureHeader *header,
           gint64            width,
           gint64            height,
           gboolean         *sized)
{
  gboolean impossible = width <= 0 || height <= 0;

  if (*sized)
    {
      if (header->check_width <= 0 || header->check_height <= 0)
        return;
      if (!impossible &&
          (guint64) width * (guint64) height <= (guint64) header->check_width * (guint64) header->check_height)
        return;
    }

  header->check_width = width;
  header->check_height = height;
  *sized = TRUE;
}

/* Keeps the first frame that reaches outside its screen (a GIF's) or
 * canvas (an animated WebP's), for the frames that cannot be placed
 * there (see EpiPictureHeader). */
static void
note_frame (EpiPictureHeader *header,
            guint             left,
            guint             top,
            guint             width,
            guint             height,
            guint             screen_width,
            guint             screen_height)
{
  if (header->frame_outside ||
      ((guint64) left + width <= screen_width && (guint64) top + height <= screen_height))
    return;

  header->frame_outside = TRUE;
  header->frame_left = left;
  header->frame_top = top;
  header->frame_width = width;
  header->frame_height = height;
  header->screen_width = screen_width;
  header->screen_height = screen_height;
}

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
static EpiStructure
read_jpeg (const guint8     *data,
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
          note_size (header, be16 (data + pos + 5), be16 (data + pos + 3), sized);
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

/* The chunks from the signature as libpng reads them, each a length, a
 * type, its data and a CRC, IHDR first, until IEND. */
static EpiStructure
read_png (const guint8     *data,
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
        note_size (header, be32 (data + pos + 8), be32 (data + pos + 12), sized);
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
static EpiStructure
read_gif (const guint8     *data,
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
  note_size (header, screen_width, screen_height, sized);
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
          note_size (header, width, height, sized);
          if (frames == 0 && disposal == 3)
            note_frame (header, left, top, width, height, screen_width, screen_height);
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

static EpiStructure
read_bmp (const guint8     *data,
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
  note_size (header, width, height, sized);
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
static EpiStructure
read_tiff (const guint8     *data,
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

          note_size (header, width, height, sized);
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
  note_size (header, width, height, sized);

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
              note_size (header, width, height, sized);
              note_frame (header, left, top, width, height, canvas_width, canvas_height);
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
static EpiStructure
read_webp (const guint8     *data,
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
  note_size (header, width, height, sized);

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
          note_size (header, be32 (data + box.start + 4), be32 (data + box.start + 8), sized);
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
static EpiStructure
read_heif (const guint8     *data,
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

/* Fills @header for a picture of @format (one epi_picture_sniff() gave):
 * whether its structure is whole, the size to check before decoding, and
 * its pages or frames. */
void
epi_picture_read_header (EpiPictureFormat  format,
                         const guint8     *data,
                         gsize             length,
                         EpiPictureHeader *header)
{
  gboolean sized = FALSE;
  EpiStructure structure;

  memset (header, 0, sizeof *header);
  header->n_frames = 1;

  switch (format)
    {
    case EPI_PICTURE_PNG:
      structure = read_png (data, length, header, &sized);
      break;
    case EPI_PICTURE_JPEG:
      structure = read_jpeg (data, length, header, &sized);
      break;
    case EPI_PICTURE_GIF:
      structure = read_gif (data, length, header, &sized);
      break;
    case EPI_PICTURE_BMP:
      structure = read_bmp (data, length, header, &sized);
      break;
    case EPI_PICTURE_TIFF:
      structure = read_tiff (data, length, header, &sized);
      break;
    case EPI_PICTURE_WEBP:
      structure = read_webp (data, length, header, &sized);
      break;
    case EPI_PICTURE_HEIF:
    case EPI_PICTURE_AVIF:
      structure = read_heif (data, length, header, &sized);
      break;
    case EPI_PICTURE_UNKNOWN:
    case EPI_PICTURE_REFUSED:
    case EPI_PICTURE_DOCUMENT:
    case EPI_PICTURE_VIDEO:
    default:
      structure = EPI_STRUCTURE_BROKEN;
      break;
    }

  if (structure == EPI_STRUCTURE_OK && !sized)
    structure = EPI_STRUCTURE_BROKEN;
  header->structure = structure;
  header->sized = sized;
}
