/* epi-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading: any picture gdk-pixbuf reads becomes an 8-bit gray working
 * image. Sizes are checked from the header before anything is decoded.
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "epi-error.h"
#include "epi-file.h"
#include "epi-image.h"

void
epi_load_options_init (EpiLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  options->max_pixels = EPI_DEFAULT_MAX_PIXELS;
  options->max_side = EPI_DEFAULT_MAX_SIDE;
}

EpiImage *
epi_image_new (guint width,
               guint height)
{
  EpiImage *image;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  image = g_new0 (EpiImage, 1);
  image->width = width;
  image->height = height;
  image->source_width = width;
  image->source_height = height;
  image->pixels = g_malloc0_n (width, height);

  return image;
}

void
epi_image_free (EpiImage *image)
{
  if (image == NULL)
    return;

  g_free (image->pixels);
  g_free (image);
}

static gboolean
check_dimensions (int                   width,
                  int                   height,
                  const EpiLoadOptions *options,
                  GError              **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("image header gives an impossible size (%d×%d)"), width, height);
      return FALSE;
    }

  if ((guint64) width * (guint64) height > options->max_pixels)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("image is too large (%d×%d pixels, at most %llu megapixels)"),
                   width, height, (unsigned long long) (options->max_pixels / 1000000));
      return FALSE;
    }

  return TRUE;
}

/* The working size for a picture of @width × @height: the longest side
 * brought down to @max_side, if it is longer. */
static void
working_size (int   width,
              int   height,
              guint max_side,
              int  *work_width,
              int  *work_height)
{
  int longest = MAX (width, height);

  *work_width = width;
  *work_height = height;
  if (max_side > 0 && (guint) longest > max_side)
    {
      double scale = (double) max_side / longest;

      *work_width = MAX (1, (int) (width * scale + 0.5));
      *work_height = MAX (1, (int) (height * scale + 0.5));
    }
}

typedef struct
{
  const EpiLoadOptions *options;
  int                   width;      /* from the header */
  int                   height;
  GError               *size_error; /* owned; set when the header is refused */
} SizeGuard;

/* Called with the size from the header, before the pixel buffer exists.
 * Asking for a 0×0 result makes the loaders stop right there; asking for
 * the working size lets JPEG decode at a fraction of the size, which is
 * much faster for large photos. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  SizeGuard       *guard)
{
  int work_width, work_height;

  guard->width = width;
  guard->height = height;

  if (!check_dimensions (width, height, guard->options, &guard->size_error))
    {
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  working_size (width, height, guard->options->max_side, &work_width, &work_height);
  if (work_width != width || work_height != height)
    gdk_pixbuf_loader_set_size (loader, work_width, work_height);
}

static gboolean
tail_contains (const guint8 *data,
               gsize         length,
               const char   *marker,
               gsize         marker_length)
{
  gsize tail = MIN (length, 4096);

  for (gsize i = length - tail; i + marker_length <= length; i++)
    if (memcmp (data + i, marker, marker_length) == 0)
      return TRUE;

  return FALSE;
}

/* Incremental loading turns a truncated JPEG or PNG into a partial
 * picture without an error. A complete file ends with its end marker
 * (perhaps followed by a little padding): EOI for JPEG, which entropy-coded
 * data never contains, and the IEND chunk for PNG. */
static gboolean
image_is_complete (const char   *format,
                   const guint8 *data,
                   gsize         length)
{
  if (g_strcmp0 (format, "jpeg") == 0)
    return tail_contains (data, length, "\xFF\xD9", 2);
  if (g_strcmp0 (format, "png") == 0)
    return tail_contains (data, length, "IEND", 4);
  return TRUE;
}

/* Only these formats are decoded; no other gdk-pixbuf loader (SVG, ICO,
 * TGA, XPM…) is ever handed an untrusted file. Returns the loader's name,
 * or NULL. */
static const char *
sniff_format (const guint8 *data,
              gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "jpeg";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "gif";
  if (length >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return "tiff";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  if (length >= 2 && memcmp (data, "BM", 2) == 0)
    return "bmp";
  return NULL;
}

/* gdk-pixbuf's BMP loader sizes a buffer from the info header's length
 * field before checking it; only the lengths BMP has ever had go through. */
static gboolean
bmp_header_is_sane (const guint8 *data,
                    gsize         length)
{
  static const guint32 known[] = { 12, 16, 40, 52, 56, 64, 108, 124 };
  guint32 size;

  if (length < 18)
    return FALSE;
  size = data[14] | data[15] << 8 | data[16] << 16 | (guint32) data[17] << 24;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (size == known[i])
      return TRUE;
  return FALSE;
}

/* The MIME types of the pictures Epicrypt reads, NULL-terminated. */
const char * const *
epi_image_mime_types (void)
{
  static const char * const types[] = {
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/x-bmp", "image/x-ms-bmp",
    "image/tiff", "image/webp", NULL,
  };

  return types;
}

/* Decodes @bytes, possibly already scaled towards the working size, and
 * turned upright. @width and @height get the picture's own size, upright. */
static GdkPixbuf *
decode_pixbuf (GBytes               *bytes,
               const EpiLoadOptions *options,
               int                  *width,
               int                  *height,
               GError              **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format_name = NULL;
  SizeGuard guard = { options, 0, 0, NULL };
  const char *type;
  GdkPixbufFormat *format;
  GdkPixbuf *pixbuf;
  GdkPixbuf *upright;
  const guint8 *data;
  gsize length;
  gboolean ok;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("file is empty"));
      return NULL;
    }

  type = sniff_format (data, length);
  if (type == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("not a PNG, JPEG, GIF, BMP, TIFF or WebP picture"));
      return NULL;
    }
  if (g_str_equal (type, "bmp") && !bmp_header_is_sane (data, length))
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                           _("damaged bmp image: impossible header"));
      return NULL;
    }

  loader = gdk_pixbuf_loader_new_with_type (type, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                   _("%s pictures cannot be read on this system: %s"), type, local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &guard);

  ok = gdk_pixbuf_loader_write (loader, data, length, &local_error);
  /* Some loaders stay open after a failed write; closing is always safe,
   * and its error only matters when the write went through. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (guard.size_error != NULL)
    {
      g_propagate_error (error, guard.size_error);
      return NULL;
    }

  format = gdk_pixbuf_loader_get_format (loader);
  if (format != NULL)
    format_name = gdk_pixbuf_format_get_name (format);

  if (!ok)
    {
      if (format == NULL ||
          g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
        g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                             _("not an image in a format this system can read"));
      else
        g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                     _("damaged %s image: %s"), format_name, local_error->message);
      return NULL;
    }

  if (format_name != NULL && !image_is_complete (format_name, data, length))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("damaged %s image: the file is truncated"), format_name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                           _("image could not be decoded"));
      return NULL;
    }

  /* The loader keeps the orientation tag as an option of the pixbuf; a
   * quarter turn swaps the sides. */
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (gdk_pixbuf_get_width (upright) != gdk_pixbuf_get_width (pixbuf))
    {
      *width = guard.height;
      *height = guard.width;
    }
  else
    {
      *width = guard.width;
      *height = guard.height;
    }

  return upright;
}

/* Composites alpha on white, exactly: out = (c·a + 255·(255 − a)) / 255. */
static GdkPixbuf *
flatten_on_white (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  GdkPixbuf *flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *dst;
  int dst_stride;

  if (flat == NULL)
    return NULL;

  dst = gdk_pixbuf_get_pixels (flat);
  dst_stride = gdk_pixbuf_get_rowstride (flat);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *s = src + (gsize) y * src_stride + 4 * x;
        guint8 *d = dst + (gsize) y * dst_stride + 3 * x;
        guint a = s[3];

        for (int c = 0; c < 3; c++)
          d[c] = (guint8) ((s[c] * a + 255 * (255 - a) + 127) / 255);
      }

  return flat;
}

/* Flattens alpha on white, scales with area averaging to the working
 * size of a @source_width × @source_height picture, then reduces to gray
 * with the Rec. 601 luma weights. */
static EpiImage *
pixbuf_to_gray (GdkPixbuf *pixbuf,
                int        source_width,
                int        source_height,
                guint      max_side)
{
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int dst_w, dst_h;
  EpiImage *image;
  const guint8 *row;
  int stride;
  int channels;

  working_size (source_width, source_height, max_side, &dst_w, &dst_h);

  flat = gdk_pixbuf_get_has_alpha (pixbuf) ? flatten_on_white (pixbuf) : g_object_ref (pixbuf);
  if (flat == NULL)
    return NULL;

  if (dst_w != gdk_pixbuf_get_width (flat) || dst_h != gdk_pixbuf_get_height (flat))
    scaled = gdk_pixbuf_scale_simple (flat, dst_w, dst_h, GDK_INTERP_BILINEAR);
  else
    scaled = g_object_ref (flat);

  if (scaled == NULL)
    return NULL;

  image = epi_image_new ((guint) dst_w, (guint) dst_h);
  image->source_width = (guint) source_width;
  image->source_height = (guint) source_height;

  stride = gdk_pixbuf_get_rowstride (scaled);
  channels = gdk_pixbuf_get_n_channels (scaled);
  row = gdk_pixbuf_read_pixels (scaled);

  for (int y = 0; y < dst_h; y++, row += stride)
    {
      guint8 *out = image->pixels + (gsize) y * (gsize) dst_w;

      for (int x = 0; x < dst_w; x++)
        {
          const guint8 *p = row + x * channels;

          if (channels >= 3)
            out[x] = (guint8) ((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
          else
            out[x] = p[0];
        }
    }

  return image;
}

EpiImage *
epi_image_load_bytes (GBytes               *bytes,
                      const EpiLoadOptions *options,
                      GError              **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  EpiLoadOptions defaults;
  EpiImage *image;
  int width, height;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_load_options_init (&defaults);
      options = &defaults;
    }

  pixbuf = decode_pixbuf (bytes, options, &width, &height, error);
  if (pixbuf == NULL)
    return NULL;

  image = pixbuf_to_gray (pixbuf, width, height, options->max_side);
  if (image == NULL)
    g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                         _("not enough memory to scale the image"));

  return image;
}

EpiImage *
epi_image_load_file (const char           *path,
                     const EpiLoadOptions *options,
                     GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  EpiLoadOptions defaults;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_load_options_init (&defaults);
      options = &defaults;
    }

  bytes = epi_file_read (path, EPI_MAX_IMAGE_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;

  /* Reads only the header: a forged one claiming a huge size is refused
   * in milliseconds instead of decoding for a minute. Only files of a
   * supported format get that far. */
  if (sniff_format (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) != NULL &&
      gdk_pixbuf_get_file_info (path, &width, &height) != NULL &&
      !check_dimensions (width, height, options, error))
    return NULL;

  return epi_image_load_bytes (bytes, options, error);
}
