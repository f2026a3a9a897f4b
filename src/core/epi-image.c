/* epi-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading: a PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or AVIF picture becomes
 * an 8-bit gray working image, or a thumbnail. The format, the structure
 * and every size are checked from the bytes (see epi-image-format.c)
 * before a decoder sees them. Identifying: whether a file is such a
 * picture, from its ends alone, in the loader's words.
 */

#include "config.h"

#include "epi-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libheif/heif.h>

#include "epi-error.h"
#include "epi-file.h"
#include "epi-image-format.h"
#include "epi-image.h"

/* Sets @options to the defaults: at most EPI_DEFAULT_MAX_PIXELS decoded
 * pixels, the working image's longer side at most EPI_DEFAULT_MAX_SIDE. */
void
epi_load_options_init (EpiLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  options->max_pixels = EPI_DEFAULT_MAX_PIXELS;
  options->max_side = EPI_DEFAULT_MAX_SIDE;
}

/* A black @width × @height image (both above 0, in pixels): its grey
 * plane one byte a pixel, its colour plane three. Returns: (transfer
 * full): to free with epi_image_free(). */
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
  image->n_frames = 1;
  image->pixels = g_malloc0_n (width, height);
  image->rgb = g_malloc0_n ((gsize) width * height, 3);

  return image;
}

/* Frees @image and its planes; NULL is ignored. */
void
epi_image_free (EpiImage *image)
{
  if (image == NULL)
    return;

  g_free (image->pixels);
  g_free (image->rgb);
  g_free (image->alpha);
  g_free (image);
}

/* The size as the header gives it, signed (a BMP's may be negative), so
 * that a refusal shows the very numbers in the file. */
static gboolean
check_dimensions (gint64                width,
                  gint64                height,
                  const EpiLoadOptions *options,
                  GError              **error)
{
  if (width <= 0 || height <= 0 || width > G_MAXINT || height > G_MAXINT)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("image header gives an impossible size (%lld×%lld)"),
                   (long long) width, (long long) height);
      return FALSE;
    }

  if ((guint64) width * (guint64) height > options->max_pixels)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE,
                   _("image is too large (%llu×%llu pixels, at most %llu megapixels)"),
                   (unsigned long long) width, (unsigned long long) height,
                   (unsigned long long) (options->max_pixels / 1000000));
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
  guint                 max_side;   /* decode at most this large, 0 for full size */
  int                   width;      /* from the loader, before orientation */
  int                   height;
  GError               *size_error; /* owned; set when the size is refused */
  int                   rows;       /* the rows the loader has said are decoded */
} SizeGuard;

/* Called with the size the loader found, before the pixel buffer exists:
 * a second check behind the header's, for whatever a loader reads that
 * the header walk does not. Asking for a 0×0 result makes the loaders
 * stop right there; asking for the working size lets JPEG decode at a
 * fraction of the size, which is much faster for large photos. */
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

  working_size (width, height, guard->max_side, &work_width, &work_height);
  if (work_width != width || work_height != height)
    gdk_pixbuf_loader_set_size (loader, work_width, work_height);
}

static void
on_area_updated (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 SizeGuard       *guard)
{
  guard->rows = MAX (guard->rows, y + height);
}

/* For each format read: the gdk-pixbuf loader that decodes it (NULL for
 * HEIF and AVIF, decoded with libheif itself), its name in messages, and
 * whether the loader must have decoded every row once written to (see
 * decode_with_loader()). */
typedef struct
{
  EpiPictureFormat format;
  const char      *loader;
  const char      *name;
  gboolean         whole_when_written;
} Reader;

static const Reader readers[] = {
  { EPI_PICTURE_PNG, "png", "png", FALSE },
  { EPI_PICTURE_JPEG, "jpeg", "jpeg", FALSE },
  { EPI_PICTURE_GIF, "gif", "gif", FALSE },
  { EPI_PICTURE_BMP, "bmp", "bmp", FALSE },
  { EPI_PICTURE_TIFF, "tiff", "tiff", FALSE },
  { EPI_PICTURE_WEBP, "webp", "webp", TRUE },
  { EPI_PICTURE_HEIF, NULL, "heif", FALSE },
  { EPI_PICTURE_AVIF, NULL, "avif", FALSE },
};

/* The reader of @format, or NULL when Epicrypt does not read it. */
static const Reader *
find_reader (EpiPictureFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    if (readers[i].format == format)
      return &readers[i];
  return NULL;
}

/* The MIME types of the pictures Epicrypt reads, NULL-terminated. */
const char * const *
epi_image_mime_types (void)
{
  static const char * const types[] = {
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/x-bmp", "image/x-ms-bmp",
    "image/tiff", "image/webp", "image/heif", "image/heic", "image/avif", NULL,
  };

  return types;
}

/* Says what @sniff found when it is nothing Epicrypt reads. Only the
 * formats in readers[] are ever decoded: no other gdk-pixbuf loader
 * (SVG, ICO, TGA, XPM…) is handed an untrusted file. */
static void
set_refused_error (const EpiSniff *sniff,
                   GError        **error)
{
  switch (sniff->format)
    {
    case EPI_PICTURE_REFUSED:
      /* TRANSLATORS: %s is a picture format, such as ICO or SVG. */
      g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                   _("%s pictures are not supported (Epicrypt reads PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF and AVIF)"),
                   sniff->name);
      break;
    case EPI_PICTURE_DOCUMENT:
      /* TRANSLATORS: %s is a document format, such as PDF. */
      g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                   _("a %s document, not a picture (Epicrypt reads PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF and AVIF)"),
                   sniff->name);
      break;
    case EPI_PICTURE_VIDEO:
      /* TRANSLATORS: %s is a video format, such as MP4 or QuickTime. */
      g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                   _("a video (%s), not a picture"), sniff->name);
      break;
    case EPI_PICTURE_SEALED:
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("already a sealed file, not a picture"));
      break;
    case EPI_PICTURE_UNKNOWN:
    case EPI_PICTURE_PNG:
    case EPI_PICTURE_JPEG:
    case EPI_PICTURE_GIF:
    case EPI_PICTURE_BMP:
    case EPI_PICTURE_TIFF:
    case EPI_PICTURE_WEBP:
    case EPI_PICTURE_HEIF:
    case EPI_PICTURE_AVIF:
    default:
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("not a PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or AVIF picture"));
      break;
    }
}

static void
release_heif_image (guchar   *pixels,
                    gpointer  image)
{
  heif_image_release (image);
}

/* Whether libheif has libaom's AV1 decoder. */
static gboolean
heif_has_aom (void)
{
  const struct heif_decoder_descriptor *decoders[8];
  int n = heif_get_decoder_descriptors (heif_compression_AV1, decoders, G_N_ELEMENTS (decoders));

  for (int i = 0; i < n; i++)
    if (g_strcmp0 (heif_decoder_descriptor_get_id_name (decoders[i]), "aom") == 0)
      return TRUE;
  return FALSE;
}

/* HEIF and AVIF go to libheif itself rather than through gdk-pixbuf
 * loaders: libheif's loader reports every damaged file with a g_warning()
 * of its own and no error. AV1 is decoded with libaom when there, because
 * dav1d (the default, also libavif's) prints its complaints about a damaged
 * picture on standard error. libheif applies rotation and mirroring. */
static GdkPixbuf *
decode_heif (const guint8  *data,
             gsize          length,
             gboolean       av1,
             GError       **error)
{
  static gsize initialised;
  static gboolean has_aom;
  struct heif_decoding_options *options = NULL;
  struct heif_context *context;
  struct heif_image_handle *handle = NULL;
  struct heif_image *image = NULL;
  struct heif_error status;
  const guint8 *pixels;
  gboolean alpha = FALSE;
  GdkPixbuf *pixbuf = NULL;
  int stride;

  if (g_once_init_enter (&initialised))
    {
      heif_init (NULL);
      has_aom = heif_has_aom ();
      g_once_init_leave (&initialised, 1);
    }

  context = heif_context_alloc ();
  status = heif_context_read_from_memory_without_copy (context, data, length, NULL);
  if (status.code == heif_error_Ok)
    status = heif_context_get_primary_image_handle (context, &handle);
  if (status.code == heif_error_Ok)
    {
      alpha = heif_image_handle_has_alpha_channel (handle);
      options = heif_decoding_options_alloc ();
      if (av1 && has_aom)
        options->decoder_id = "aom";
      status = heif_decode_image (handle, &image, heif_colorspace_RGB,
                                  alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB,
                                  options);
    }

  if (status.code != heif_error_Ok)
    {
      if (status.code == heif_error_Memory_allocation_error)
        g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                             _("not enough memory to decode the image"));
      else if (status.code == heif_error_Unsupported_feature || status.code == heif_error_Unsupported_filetype)
        g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                     _("%s pictures cannot be read on this system: %s"), av1 ? "AVIF" : "HEIF", status.message);
      else
        g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                     _("damaged %s image: %s"), av1 ? "avif" : "heif", status.message);
    }
  else
    {
      pixels = heif_image_get_plane_readonly (image, heif_channel_interleaved, &stride);
      pixbuf = gdk_pixbuf_new_from_data (pixels, GDK_COLORSPACE_RGB, alpha, 8,
                                         heif_image_get_width (image, heif_channel_interleaved),
                                         heif_image_get_height (image, heif_channel_interleaved),
                                         stride, release_heif_image, image);
      image = NULL;
    }

  if (image != NULL)
    heif_image_release (image);
  if (options != NULL)
    heif_decoding_options_free (options);
  if (handle != NULL)
    heif_image_handle_release (handle);
  heif_context_free (context);

  return pixbuf;
}

/* Decodes @data with the gdk-pixbuf loader @type, possibly already
 * scaled towards @guard's working size. With @whole_when_written, every
 * row must be decoded once all of @data is written: the WebP loader
 * decodes as it is written to and, on closing, takes a bitstream that
 * stopped short of its end for a whole picture, the rows it never
 * decoded left as they were in memory. */
static GdkPixbuf *
decode_with_loader (const guint8  *data,
                    gsize          length,
                    const char    *type,
                    const char    *name,
                    gboolean       whole_when_written,
                    SizeGuard     *guard,
                    GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;
  gboolean ok, whole = TRUE;

  loader = gdk_pixbuf_loader_new_with_type (type, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                   _("%s pictures cannot be read on this system: %s"), name, local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), guard);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), guard);

  guard->rows = 0;
  ok = gdk_pixbuf_loader_write (loader, data, length, &local_error);
  if (ok && whole_when_written)
    {
      pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
      whole = pixbuf != NULL && guard->rows >= gdk_pixbuf_get_height (pixbuf);
    }
  /* Some loaders stay open after a failed write; closing is always safe,
   * and its error only matters when the write went through. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;
  if (!whole)
    ok = FALSE;

  if (guard->size_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&guard->size_error));
      return NULL;
    }

  if (!ok)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("damaged %s image: %s"), name,
                   local_error != NULL ? local_error->message : _("it could not be decoded"));
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                           _("image could not be decoded"));
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/* The first frame of an animated WebP, the only one sealed, decoded as
 * the still epi_picture_webp_still() makes of it: the gdk-pixbuf loader
 * logs a warning and criticals for every damaged bitstream in an
 * animation, and returns an error for a damaged still. The animation
 * decoder clears the canvas and draws the first frame on it as it is,
 * alpha included, which is done here too when the frame does not cover
 * the canvas; the frame is then decoded whole, the canvas being what
 * gets scaled. @guard gets the canvas's size. */
static GdkPixbuf *
decode_webp_first_frame (const guint8       *data,
                         gsize               length,
                         const EpiWebpFrame *frame,
                         SizeGuard          *guard,
                         GError            **error)
{
  g_autoptr(GBytes) still = epi_picture_webp_still (data, length, frame);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkPixbuf *canvas;
  const guint8 *still_data;
  gsize still_length;
  gboolean covers;

  still_data = g_bytes_get_data (still, &still_length);
  covers = frame->left == 0 && frame->top == 0 &&
           frame->width == frame->canvas_width && frame->height == frame->canvas_height;
  if (!covers)
    guard->max_side = 0;
  pixbuf = decode_with_loader (still_data, still_length, "webp", "webp", TRUE, guard, error);
  if (pixbuf == NULL || covers)
    return g_steal_pointer (&pixbuf);

  /* Where the frame goes was checked to lie inside the canvas. */
  if ((guint) gdk_pixbuf_get_width (pixbuf) != frame->width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != frame->height)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                           _("image could not be decoded"));
      return NULL;
    }
  canvas = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, (int) frame->canvas_width, (int) frame->canvas_height);
  if (canvas == NULL)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                           _("not enough memory to decode the image"));
      return NULL;
    }
  gdk_pixbuf_fill (canvas, 0x00000000);
  gdk_pixbuf_copy_area (pixbuf, 0, 0, (int) frame->width, (int) frame->height,
                        canvas, (int) frame->left, (int) frame->top);
  guard->width = (int) frame->canvas_width;
  guard->height = (int) frame->canvas_height;

  return canvas;
}

/* The sizes @header gives, before its structure is judged: a forged size
 * is named as such even where the pixels it describes would run past the
 * end of the file. */
static gboolean
check_header_sizes (const EpiPictureHeader *header,
                    const EpiLoadOptions   *options,
                    GError                **error)
{
  if (!check_dimensions (header->check_width, header->check_height, options, error))
    return FALSE;

  if (header->frame_outside)
    {
      /* TRANSLATORS: a frame of an animated picture, its size and place
       * (left,top), then the size of the picture it should lie in. */
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("image header gives an impossible size (a %u×%u frame at %u,%u in a %u×%u picture)"),
                   header->frame_width, header->frame_height, header->frame_left, header->frame_top,
                   header->screen_width, header->screen_height);
      return FALSE;
    }

  return TRUE;
}

/* Decodes @bytes, possibly already scaled towards a longest side of
 * @max_side, and turned upright. @width and @height get the picture's own
 * size, upright, and @n_frames its pages or frames. Nothing reaches a
 * decoder before its format is known, its structure whole and its sizes
 * checked: no decoder then has a reason to complain in the log. */
static GdkPixbuf *
decode_pixbuf (GBytes               *bytes,
               const EpiLoadOptions *options,
               guint                 max_side,
               int                  *width,
               int                  *height,
               guint                *n_frames,
               GError              **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  SizeGuard guard = { options, max_side, 0, 0, NULL, 0 };
  EpiPictureHeader header;
  EpiSniff sniff;
  const Reader *reader;
  GdkPixbuf *upright;
  const guint8 *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("file is empty"));
      return NULL;
    }

  epi_picture_sniff (data, MIN (length, EPI_SNIFF_HEAD_BYTES),
                     data + length - MIN (length, EPI_SNIFF_TAIL_BYTES), MIN (length, EPI_SNIFF_TAIL_BYTES),
                     length, &sniff);
  reader = find_reader (sniff.format);
  if (reader == NULL)
    {
      set_refused_error (&sniff, error);
      return NULL;
    }

  epi_picture_read_header (sniff.format, data, length, &header);
  if (header.sized && !check_header_sizes (&header, options, error))
    return NULL;
  if (header.structure == EPI_STRUCTURE_TRUNCATED)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("damaged %s image: the file is truncated"), reader->name);
      return NULL;
    }
  if (header.structure == EPI_STRUCTURE_BROKEN)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE,
                   _("damaged %s image: impossible structure"), reader->name);
      return NULL;
    }

  if (header.webp_animated)
    pixbuf = decode_webp_first_frame (data, length, &header.webp_first, &guard, error);
  else if (reader->loader != NULL)
    pixbuf = decode_with_loader (data, length, reader->loader, reader->name,
                                 reader->whole_when_written, &guard, error);
  else
    pixbuf = decode_heif (data, length, header.av1, error);
  if (pixbuf == NULL)
    return NULL;

  /* The loader keeps the orientation tag as an option of the pixbuf; a
   * quarter turn swaps the sides. Without a size from the loader, the
   * pixbuf has the picture's own size. */
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (guard.width <= 0 || guard.height <= 0)
    {
      *width = gdk_pixbuf_get_width (upright);
      *height = gdk_pixbuf_get_height (upright);
    }
  else if (gdk_pixbuf_get_width (upright) != gdk_pixbuf_get_width (pixbuf))
    {
      *width = guard.height;
      *height = guard.width;
    }
  else
    {
      *width = guard.width;
      *height = guard.height;
    }
  *n_frames = header.n_frames;

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

/* The coverage of @pixbuf scaled to @width × @height, or NULL when it is
 * opaque there everywhere. */
static guint8 *
scaled_alpha (GdkPixbuf *pixbuf,
              int        width,
              int        height)
{
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autofree guint8 *alpha = NULL;
  const guint8 *row;
  gboolean opaque = TRUE;
  int stride;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return NULL;

  if (width != gdk_pixbuf_get_width (pixbuf) || height != gdk_pixbuf_get_height (pixbuf))
    scaled = gdk_pixbuf_scale_simple (pixbuf, width, height, GDK_INTERP_BILINEAR);
  else
    scaled = g_object_ref (pixbuf);
  if (scaled == NULL)
    return NULL;

  alpha = g_malloc_n ((gsize) width, (gsize) height);
  stride = gdk_pixbuf_get_rowstride (scaled);
  row = gdk_pixbuf_read_pixels (scaled);
  for (int y = 0; y < height; y++, row += stride)
    for (int x = 0; x < width; x++)
      {
        guint8 a = row[4 * x + 3];

        alpha[(gsize) y * width + x] = a;
        opaque &= a == 255;
      }

  return opaque ? NULL : g_steal_pointer (&alpha);
}

/* Flattens alpha on white, scales with area averaging to the working
 * size of a @source_width × @source_height picture, then reduces to gray
 * with the Rec. 601 luma weights; the colours and the coverage are kept
 * beside the gray. */
static EpiImage *
pixbuf_to_image (GdkPixbuf *pixbuf,
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
      guint8 *rgb = image->rgb + (gsize) y * (gsize) dst_w * 3;

      for (int x = 0; x < dst_w; x++)
        {
          const guint8 *p = row + x * channels;

          if (channels >= 3)
            out[x] = (guint8) ((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
          else
            out[x] = p[0];
          for (int c = 0; c < 3; c++)
            rgb[3 * x + c] = channels >= 3 ? p[c] : p[0];
        }
    }

  image->alpha = scaled_alpha (pixbuf, dst_w, dst_h);

  return image;
}

/**
 * epi_image_load_bytes:
 * @bytes: a whole picture file: PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or
 *   AVIF, recognised by its signature; only read
 * @options: (nullable): the caps; NULL for EPI_DEFAULT_MAX_PIXELS
 *   (64 megapixels) and a working size of EPI_DEFAULT_MAX_SIDE (1024)
 *   pixels a side
 * @error: EPI_ERROR_NOT_AN_IMAGE (a format we do not read, named when
 *   known), EPI_ERROR_CORRUPT_IMAGE (truncated, or failing to decode),
 *   EPI_ERROR_TOO_LARGE (more than options->max_pixels, or an impossible
 *   size, read from the header before decoding) or
 *   EPI_ERROR_OUT_OF_MEMORY
 *
 * Decodes the first page or frame of a picture into the working image:
 * EXIF orientation applied, transparency composited on white, scaled
 * so that its longest side is at most options->max_side pixels (never
 * up). The image's width and height are the working size in pixels,
 * source_width and source_height the picture's own, after rotation.
 * Any thread; @bytes is not kept.
 *
 * Returns: (transfer full): the working image, to free with
 *   epi_image_free(), or NULL with @error set
 */
EpiImage *
epi_image_load_bytes (GBytes               *bytes,
                      const EpiLoadOptions *options,
                      GError              **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  EpiLoadOptions defaults;
  EpiImage *image;
  int width, height;
  guint n_frames;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_load_options_init (&defaults);
      options = &defaults;
    }

  pixbuf = decode_pixbuf (bytes, options, options->max_side, &width, &height, &n_frames, error);
  if (pixbuf == NULL)
    return NULL;

  image = pixbuf_to_image (pixbuf, width, height, options->max_side);
  if (image == NULL)
    g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                         _("not enough memory to scale the image"));
  else
    image->n_frames = n_frames;

  return image;
}

/**
 * epi_image_load_file:
 * @path: a picture file (see epi_image_load_bytes() for the formats)
 * @options: (nullable): as epi_image_load_bytes()
 * @error: G_IO_ERROR from opening or reading (G_IO_ERROR_NOT_FOUND,
 *   G_IO_ERROR_PERMISSION_DENIED, …), G_IO_ERROR_IS_DIRECTORY,
 *   G_IO_ERROR_NOT_REGULAR_FILE, EPI_ERROR_TOO_LARGE for a file over
 *   EPI_MAX_IMAGE_FILE_BYTES (512 MiB); then as epi_image_load_bytes().
 *   Not prefixed with @path.
 *
 * Reads @path whole and loads it as epi_image_load_bytes() does. The
 * sizes are checked from the bytes there, so a forged header claiming a
 * huge size is refused in milliseconds, before any decoder runs. Any
 * thread.
 *
 * Returns: (transfer full): the working image, to free with
 *   epi_image_free(), or NULL with @error set
 */
EpiImage *
epi_image_load_file (const char           *path,
                     const EpiLoadOptions *options,
                     GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = epi_file_read (path, EPI_MAX_IMAGE_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;

  return epi_image_load_bytes (bytes, options, error);
}

/* Reads up to @length bytes at @offset into @buffer: fewer only at the
 * end of the file. -1 on an error, with errno set. */
static gssize
read_at (int     fd,
         guint8 *buffer,
         gsize   length,
         off_t   offset)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, offset + (off_t) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }

  return (gssize) done;
}

/* What epi_picture_sniff() reads of the file open as @fd: its first and
 * last bytes, with the refusals epi_file_read() gives for what cannot be
 * loaded at all. */
static gboolean
sniff_file (int        fd,
            EpiSniff  *sniff,
            GError   **error)
{
  g_autofree guint8 *head = g_malloc (EPI_SNIFF_HEAD_BYTES);
  guint8 tail[EPI_SNIFF_TAIL_BYTES];
  const guint8 *tail_start = tail;
  gssize head_length, tail_length;
  guint64 length;
  struct stat st;

  if (fstat (fd, &st) != 0)
    return epi_file_set_errno_error (error, errno, _("cannot read"));
  if (!epi_file_check_stat (&st, EPI_MAX_IMAGE_FILE_BYTES, error))
    return FALSE;

  length = (guint64) st.st_size;
  head_length = read_at (fd, head, MIN (length, EPI_SNIFF_HEAD_BYTES), 0);
  if (head_length < 0)
    return epi_file_set_errno_error (error, errno, _("cannot read"));
  /* A file that shrank meanwhile is taken as it now reads. */
  if ((guint64) head_length < MIN (length, EPI_SNIFF_HEAD_BYTES))
    length = (guint64) head_length;

  /* The end is read apart only beyond the start; if the file shrank
   * between the two reads, the start is taken as the whole. */
  tail_length = (gssize) MIN (length, EPI_SNIFF_TAIL_BYTES);
  if (length > EPI_SNIFF_HEAD_BYTES)
    {
      gssize n = read_at (fd, tail, (gsize) tail_length, (off_t) (length - (guint64) tail_length));

      if (n < 0)
        return epi_file_set_errno_error (error, errno, _("cannot read"));
      if (n < tail_length)
        length = EPI_SNIFF_HEAD_BYTES;
    }
  if (length <= EPI_SNIFF_HEAD_BYTES)
    tail_start = head + length - (gsize) tail_length;

  if (length == 0)
    {
      g_set_error_literal (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE,
                           _("file is empty"));
      return FALSE;
    }

  epi_picture_sniff (head, (gsize) MIN (length, EPI_SNIFF_HEAD_BYTES),
                     tail_start, (gsize) tail_length, length, sniff);
  return TRUE;
}

/**
 * epi_image_identify_file:
 * @path: a file someone wants sealed
 * @error: return location for why it cannot be
 *
 * Tells whether the file at @path is a picture in a format Epicrypt
 * reads, from its first bytes and, for the TGA footer, its last ones,
 * without reading the rest: the app and the CLI sort files with it, so
 * both say what epi_image_load_file() would. The file may still fail to
 * load as a damaged, cut or too large picture.
 *
 * The errors are the loader's: G_IO_ERROR when the file cannot be read,
 * is a directory or is not a regular file (never waiting on a pipe);
 * EPI_ERROR_TOO_LARGE when it is over EPI_MAX_IMAGE_FILE_BYTES; and
 * EPI_ERROR_NOT_AN_IMAGE naming what it is instead: empty, an Epicrypt
 * sealed file, a picture format Epicrypt does not read (ICO, TGA, SVG…),
 * a document, a video, or nothing known. Any thread.
 *
 * Returns: whether @path holds a picture Epicrypt reads
 */
gboolean
epi_image_identify_file (const char  *path,
                         GError     **error)
{
  EpiSniff sniff;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Not blocking, so that a named pipe is refused rather than waited on. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    return epi_file_set_errno_error (error, errno, _("cannot open"));
  ok = sniff_file (fd, &sniff, error);
  close (fd);
  if (!ok)
    return FALSE;

  if (find_reader (sniff.format) == NULL)
    {
      set_refused_error (&sniff, error);
      return FALSE;
    }
  return TRUE;
}

/* A thumbnail of the picture at @path, for showing untrusted files with
 * the same care as sealing them: only the formats Epicrypt reads, with
 * the same checks (@options, or NULL for the defaults), upright, in RGB
 * or RGBA, scaled up or down to fit @max_width × @max_height pixels. Any
 * thread.
 * Returns: (transfer full): the pixbuf; or NULL with the errors of
 * epi_image_load() (EPI_ERROR_NOT_AN_IMAGE, EPI_ERROR_TOO_LARGE, …, and
 * the G_IO_ERROR of reading) or EPI_ERROR_OUT_OF_MEMORY. */
GdkPixbuf *
epi_image_load_thumbnail (const char           *path,
                          guint                 max_width,
                          guint                 max_height,
                          const EpiLoadOptions *options,
                          GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  EpiLoadOptions defaults;
  int width, height, fit_width, fit_height;
  guint n_frames;
  double scale;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_width > 0 && max_height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      epi_load_options_init (&defaults);
      options = &defaults;
    }

  bytes = epi_file_read (path, EPI_MAX_IMAGE_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;

  /* Decoding towards the box's longest side is enough whichever way the
   * picture turns. */
  pixbuf = decode_pixbuf (bytes, options, MAX (max_width, max_height), &width, &height, &n_frames, error);
  if (pixbuf == NULL)
    return NULL;

  /* Fitted from the picture's own size: the decoded one is rounded. */
  scale = MIN ((double) max_width / width, (double) max_height / height);
  fit_width = MAX (1, (int) (width * scale + 0.5));
  fit_height = MAX (1, (int) (height * scale + 0.5));
  if (fit_width != gdk_pixbuf_get_width (pixbuf) || fit_height != gdk_pixbuf_get_height (pixbuf))
    {
      GdkPixbuf *scaled = gdk_pixbuf_scale_simple (pixbuf, fit_width, fit_height, GDK_INTERP_BILINEAR);

      if (scaled == NULL)
        {
          g_set_error_literal (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
                               _("not enough memory to scale the image"));
          return NULL;
        }
      g_set_object (&pixbuf, scaled);
      g_object_unref (scaled);
    }

  return g_steal_pointer (&pixbuf);
}

/* The largest change of any colour channel of @image within @radius
 * pixels (either axis) of (@x, @y), in levels. */
int
epi_image_channel_range (const EpiImage *image,
                         int             x,
                         int             y,
                         int             radius)
{
  int w = (int) image->width, h = (int) image->height;
  guint8 lo[3] = { 255, 255, 255 }, hi[3] = { 0, 0, 0 };

  for (int yy = MAX (0, y - radius); yy <= MIN (h - 1, y + radius); yy++)
    for (int xx = MAX (0, x - radius); xx <= MIN (w - 1, x + radius); xx++)
      for (int c = 0; c < 3; c++)
        {
          guint8 v = image->rgb[((gsize) yy * w + xx) * 3 + c];

          lo[c] = MIN (lo[c], v);
          hi[c] = MAX (hi[c], v);
        }

  return MAX (MAX (hi[0] - lo[0], hi[1] - lo[1]), hi[2] - lo[2]);
}
