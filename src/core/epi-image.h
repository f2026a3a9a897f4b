/* epi-image.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define EPI_DEFAULT_MAX_PIXELS (G_GUINT64_CONSTANT (64) * 1000 * 1000)
#define EPI_DEFAULT_MAX_SIDE   1024
/* The range of working sizes (max_side) the front ends offer. */
#define EPI_MIN_WORKING_SIDE   16
#define EPI_MAX_WORKING_SIDE   16384
/* Files larger than this are refused before reading: no image we accept
 * needs more, and it keeps a hostile input from filling memory. */
#define EPI_MAX_IMAGE_FILE_BYTES ((gsize) 512 * 1024 * 1024)

typedef struct
{
  guint64 max_pixels; /* refuse pictures with more pixels than this */
  guint   max_side;   /* scale so the longest side is at most this */
} EpiLoadOptions;

/* The working image: the picture scaled to the working size, in three
 * views of the same pixels. */
typedef struct
{
  guint   width;
  guint   height;
  guint   source_width;  /* size of the picture as shown, after EXIF rotation */
  guint   source_height;
  guint   n_frames;      /* pages or frames in the file, of which only the
                          * first was read; 1 for a single picture */
  guint8 *pixels;        /* owned; width * height bytes, row-major: gray
                          * (Rec. 601 luma) with alpha composited on white */
  guint8 *rgb;           /* owned; width * height * 3 bytes, sRGB, alpha
                          * composited on white; gray pictures repeat it */
  guint8 *alpha;         /* owned; width * height bytes of coverage, or NULL
                          * when the picture is opaque everywhere */
} EpiImage;

void      epi_load_options_init (EpiLoadOptions       *options);

EpiImage *epi_image_new         (guint                 width,
                                 guint                 height);
void      epi_image_free        (EpiImage             *image);

EpiImage *epi_image_load_file   (const char           *path,
                                 const EpiLoadOptions *options,
                                 GError              **error);
EpiImage *epi_image_load_bytes  (GBytes               *bytes,
                                 const EpiLoadOptions *options,
                                 GError              **error);

/* The largest change of any colour channel of @image within @radius
 * pixels (either axis) of (@x, @y), which lies in the picture, in
 * levels. */
int       epi_image_channel_range (const EpiImage       *image,
                                   int                   x,
                                   int                   y,
                                   int                   radius);

gboolean  epi_image_identify_file (const char           *path,
                                   GError              **error);

GdkPixbuf *epi_image_load_thumbnail (const char           *path,
                                     guint                 max_width,
                                     guint                 max_height,
                                     const EpiLoadOptions *options,
                                     GError              **error);

const char * const *epi_image_mime_types (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiImage, epi_image_free)

G_END_DECLS
