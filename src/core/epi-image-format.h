/* epi-image-format.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to epi-image.c (and its tests through it): what a file is, from
 * its first bytes (and a TGA's last ones), and what its header and
 * structure say before any decoder sees it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EPI_PICTURE_UNKNOWN,  /* nothing we recognise */
  EPI_PICTURE_PNG,
  EPI_PICTURE_JPEG,
  EPI_PICTURE_GIF,
  EPI_PICTURE_BMP,
  EPI_PICTURE_TIFF,
  EPI_PICTURE_WEBP,
  EPI_PICTURE_HEIF,
  EPI_PICTURE_AVIF,
  EPI_PICTURE_REFUSED,  /* a picture format Epicrypt does not read */
  EPI_PICTURE_DOCUMENT, /* a document format (PDF) */
  EPI_PICTURE_VIDEO,    /* a video container */
  EPI_PICTURE_SEALED,   /* an Epicrypt sealed file */
} EpiPictureFormat;

/* How much of a file sniffing reads: its first bytes, and its last ones
 * for the TGA footer. Loading and identifying a file look at the same. */
#define EPI_SNIFF_HEAD_BYTES 16384
#define EPI_SNIFF_TAIL_BYTES 26

typedef struct
{
  EpiPictureFormat format;
  const char      *name;  /* static and untranslated: "PNG", "ICO", "MP4"…; NULL when unknown */
} EpiSniff;

typedef enum
{
  EPI_STRUCTURE_OK,
  EPI_STRUCTURE_TRUNCATED, /* the bytes end before the stream's own end */
  EPI_STRUCTURE_BROKEN,    /* a structure no decoder reads, or no size in it */
} EpiStructure;

/* An animated WebP's first frame, the only one decoded: where its chunks
 * lie in the file, each from its header, and where it lies on the
 * canvas. Sizes are the bitstream's own, as libwebp reads them. */
typedef struct
{
  gsize        alpha;         /* its ALPH chunk, or 0 for none (ignored with VP8L) */
  gsize        alpha_size;    /* that chunk's data, without padding */
  gsize        image;         /* its VP8 or VP8L chunk */
  gsize        image_size;
  guint        left;
  guint        top;
  guint        width;
  guint        height;
  guint        canvas_width;
  guint        canvas_height;
} EpiWebpFrame;

typedef struct
{
  EpiStructure structure;
  /* The size to check before decoding, signed as the header gives it
   * (a BMP's may be negative): the first impossible picture, frame or
   * page the decoder would reach, or else the largest. */
  gboolean     sized;        /* whether a size was read at all */
  gint64       check_width;
  gint64       check_height;
  /* A frame the decoder cannot place, and the screen or canvas: a GIF's
   * first frame reaching outside its screen while asking for the screen
   * under it to be restored (gdk-pixbuf copies that area unclipped and
   * logs criticals), or an animated WebP's frame outside its canvas
   * (which libwebp refuses). */
  gboolean     frame_outside;
  guint        frame_left;
  guint        frame_top;
  guint        frame_width;
  guint        frame_height;
  guint        screen_width;
  guint        screen_height;
  guint        n_frames;     /* pages or frames; 1 for a single picture */
  gboolean     av1;          /* HEIF or AVIF: an item is coded in AV1 */
  gboolean     webp_animated; /* an animated WebP, whose first frame is in webp_first */
  EpiWebpFrame webp_first;
} EpiPictureHeader;

void     epi_picture_sniff        (const guint8       *head,
                                   gsize               head_length,
                                   const guint8       *tail,
                                   gsize               tail_length,
                                   guint64             file_length,
                                   EpiSniff           *sniff);
void     epi_picture_read_header  (EpiPictureFormat    format,
                                   const guint8       *data,
                                   gsize               length,
                                   EpiPictureHeader   *header);
GBytes  *epi_picture_webp_still   (const guint8       *data,
                                   gsize               length,
                                   const EpiWebpFrame *frame);

G_END_DECLS
