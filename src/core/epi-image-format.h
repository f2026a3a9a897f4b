/* epi-image-format.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to epi-image.c (and its tests through it): what a file is, from
 * its first bytes, and what its header and structure say before any
 * decoder sees it.
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
} EpiPictureFormat;

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

typedef struct
{
  EpiStructure structure;
  /* The size to check before decoding: the first zero-sized picture,
   * frame or page the decoder would reach, or else the largest. */
  guint64      check_width;
  guint64      check_height;
  guint        n_frames;     /* pages or frames; 1 for a single picture */
  gboolean     av1;          /* HEIF or AVIF: an item is coded in AV1 */
} EpiPictureHeader;

void     epi_picture_sniff        (const guint8     *data,
                                   gsize             length,
                                   EpiSniff         *sniff);
void     epi_picture_read_header  (EpiPictureFormat  format,
                                   const guint8     *data,
                                   gsize             length,
                                   EpiPictureHeader *header);

G_END_DECLS
