/* epi-image-format-private.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the format walkers share: byte readers, the notes they leave in a
 * header, and one walker a format. Each walker checks @data, @length
 * bytes, from its start, as its format's decoder reads it, notes the
 * size to check (setting @sized) and the frames in @header, and says
 * whether the structure is whole, cut short or broken.
 */

#pragma once

#include "epi-image-format.h"

G_BEGIN_DECLS

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

void          _epi_picture_note_size  (EpiPictureHeader *header,
                                       gint64            width,
                                       gint64            height,
                                       gboolean         *sized);
void          _epi_picture_note_frame (EpiPictureHeader *header,
                                       guint             left,
                                       guint             top,
                                       guint             width,
                                       guint             height,
                                       guint             screen_width,
                                       guint             screen_height);

EpiStructure  _epi_picture_read_jpeg  (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_png   (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_gif   (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_bmp   (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_tiff  (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_webp  (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);
EpiStructure  _epi_picture_read_heif  (const guint8     *data,
                                       gsize             length,
                                       EpiPictureHeader *header,
                                       gboolean         *sized);

G_END_DECLS
