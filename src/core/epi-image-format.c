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

#include "epi-image-format-private.h"
#include "epi-seal.h"

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
void
_epi_picture_note_size (EpiPictureHeader *header,
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
void
_epi_picture_note_frame (EpiPictureHeader *header,
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
      structure = _epi_picture_read_png (data, length, header, &sized);
      break;
    case EPI_PICTURE_JPEG:
      structure = _epi_picture_read_jpeg (data, length, header, &sized);
      break;
    case EPI_PICTURE_GIF:
      structure = _epi_picture_read_gif (data, length, header, &sized);
      break;
    case EPI_PICTURE_BMP:
      structure = _epi_picture_read_bmp (data, length, header, &sized);
      break;
    case EPI_PICTURE_TIFF:
      structure = _epi_picture_read_tiff (data, length, header, &sized);
      break;
    case EPI_PICTURE_WEBP:
      structure = _epi_picture_read_webp (data, length, header, &sized);
      break;
    case EPI_PICTURE_HEIF:
    case EPI_PICTURE_AVIF:
      structure = _epi_picture_read_heif (data, length, header, &sized);
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
