/* test-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gif_lib.h>
#include <glib/gstdio.h>

#include "epi-test-util.h"

typedef struct
{
  const char *name;
  guint       width;
  guint       height;
} Sample;

/* Sizes from data/samples/SOURCES.md. */
static const Sample samples[] = {
  { "horse.png", 400, 328 },
  { "camera.png", 512, 512 },
  { "coins.png", 384, 303 },
  { "rocket.jpg", 640, 427 },
  { "chelsea.png", 451, 300 },
  { "skimage-logo.png", 500, 500 },
  { "pygame_icon_mac.bmp", 256, 256 },
  { "debian-plasma-preview-1920x1080.jpg", 1920, 1080 },
  { "no_time_for_that_tiny.gif", 14, 25 },
  { "gnome-vnc-l.webp", 256, 256 },
};

static void
test_every_format_loads (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = test_sample_path (samples[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_file (path, NULL, &error);

      g_test_message ("%s", samples[i].name);
      g_assert_no_error (error);
      g_assert_cmpuint (image->source_width, ==, samples[i].width);
      g_assert_cmpuint (image->source_height, ==, samples[i].height);
      g_assert_cmpuint (MAX (image->width, image->height), <=, EPI_DEFAULT_MAX_SIDE);
    }
}

/* TIFF has no sample; one is made here. */
static void
test_tiff_loads (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "square.tiff", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 30, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;

  gdk_pixbuf_fill (pixbuf, 0x204060FF);
  gdk_pixbuf_save (pixbuf, path, "tiff", &error, NULL);
  g_assert_no_error (error);

  image = epi_image_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 30);
  g_assert_cmpuint (image->height, ==, 20);
  /* Rec. 601 luma of #204060. */
  g_assert_cmpint (ABS ((int) image->pixels[0] - (77 * 0x20 + 150 * 0x40 + 29 * 0x60) / 256), <=, 1);

  test_tmpdir_remove (dir);
}

static void
test_max_side_scales_down (void)
{
  g_autofree char *path = test_sample_path ("debian-plasma-preview-1920x1080.jpg");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;
  EpiLoadOptions options;

  epi_load_options_init (&options);
  image = epi_image_load_file (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 1024);
  g_assert_cmpuint (image->height, ==, 576);
  epi_image_free (g_steal_pointer (&image));

  options.max_side = 100;
  image = epi_image_load_file (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 100);
  g_assert_cmpuint (image->height, ==, 56);
}

static void
test_alpha_composites_on_white (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "clear.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 20, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;

  /* Black but fully transparent, except one opaque black pixel. */
  gdk_pixbuf_fill (pixbuf, 0x00000000);
  gdk_pixbuf_get_pixels (pixbuf)[0 + 3] = 255;
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  image = epi_image_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->pixels[0], ==, 0);
  for (guint i = 1; i < image->width * image->height; i++)
    g_assert_cmpuint (image->pixels[i], ==, 255);

  test_tmpdir_remove (dir);
}

/* Inserts an EXIF block with the given orientation right after SOI. */
static GBytes *
jpeg_with_orientation (const guint8 *jpeg,
                       gsize         length,
                       guint16       orientation)
{
  const guint8 exif[] = {
    0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,       /* TIFF header, IFD at 8 */
    0x01, 0x00,                                         /* one entry */
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,     /* Orientation, SHORT, 1 */
    (guint8) orientation, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,                             /* no next IFD */
  };
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpuint (sizeof exif, ==, 0x22 + 2);
  g_byte_array_append (out, jpeg, 2);
  g_byte_array_append (out, exif, sizeof exif);
  g_byte_array_append (out, jpeg + 2, (guint) (length - 2));
  return g_byte_array_free_to_bytes (out);
}

static void
test_exif_orientation_applied (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rotated = NULL;
  g_autoptr(EpiImage) image = NULL;
  g_autofree char *jpeg = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x808080FF);
  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &length, "jpeg", &error, NULL);
  g_assert_no_error (error);

  rotated = jpeg_with_orientation ((const guint8 *) jpeg, length, 6);
  image = epi_image_load_bytes (rotated, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 20);
  g_assert_cmpuint (image->height, ==, 40);
}

/* Rewrites the size in the first SOF marker of a JPEG. */
static GBytes *
jpeg_with_size (GBytes  *jpeg,
                guint16  width,
                guint16  height)
{
  gsize length = g_bytes_get_size (jpeg);
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), length);

  for (gsize i = 2; i + 9 < length; i++)
    if (data[i] == 0xFF && (data[i + 1] == 0xC0 || data[i + 1] == 0xC2))
      {
        data[i + 5] = height >> 8;
        data[i + 6] = height & 0xFF;
        data[i + 7] = width >> 8;
        data[i + 8] = width & 0xFF;
        return g_bytes_new_take (data, length);
      }

  g_assert_not_reached ();
}

static void
test_decompression_bomb_refused (void)
{
  g_autoptr(GBytes) jpeg = test_sample_bytes ("rocket.jpg");
  g_autoptr(GBytes) bomb = jpeg_with_size (jpeg, 65500, 65500);
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "bomb.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;
  EpiLoadOptions options;

  test_write_file (path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));

  image = epi_image_load_file (path, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);
  g_assert_null (image);
  g_assert_nonnull (strstr (error->message, "65500×65500"));
  g_clear_error (&error);

  /* Also from memory, where only the loader's own header check stands. */
  image = epi_image_load_bytes (bomb, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The cap is a setting. */
  epi_load_options_init (&options);
  options.max_pixels = 1000;
  g_clear_pointer (&jpeg, g_bytes_unref);
  jpeg = test_sample_bytes ("horse.png");
  image = epi_image_load_bytes (jpeg, &options, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);

  test_tmpdir_remove (dir);
}

static void
test_not_an_image (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("hello, this is text\n", 20);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;

  image = epi_image_load_bytes (text, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE);
  g_assert_null (image);
  g_clear_error (&error);

  image = epi_image_load_bytes (empty, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE);
  g_assert_nonnull (strstr (error->message, "empty"));
}

static GBytes *data_bytes (const char *name);

/* A progressive JPEG or an interlaced PNG has every row in its first pass,
 * so only the stream's own end tells a whole file. */
static void
test_truncated_images_refused (void)
{
  const char *names[] = { "coins.png", "rocket.jpg", "debian-plasma-preview-1920x1080.jpg",
                          "progressive.jpg", "interlaced.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) whole = i < 3 ? test_sample_bytes (names[i]) : data_bytes (names[i]);
      gsize length = g_bytes_get_size (whole);
      /* Several places past the header, and just before the end marker:
       * EOI is 2 bytes, IEND 12. */
      gsize cuts[] = { length / 8, length / 4, length * 3 / 8, length / 2, length * 5 / 8,
                       length * 3 / 4, length * 7 / 8, length - 1, length - 2, length - 12 };

      for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
        {
          g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, cuts[c]);
          g_autoptr(GError) error = NULL;
          g_autoptr(EpiImage) image = epi_image_load_bytes (cut, NULL, &error);

          g_test_message ("%s cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, names[i], cuts[c], length);
          g_assert_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE);
          g_assert_nonnull (strstr (error->message, "truncated"));
          g_assert_null (image);
        }
    }
}

static void
test_missing_and_directory (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *missing = g_build_filename (dir, "nope.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = NULL;

  image = epi_image_load_file (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  image = epi_image_load_file (dir, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);

  test_tmpdir_remove (dir);
}

/* Pictures as they come --------------------------------------------------- */

static GBytes *
data_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (TESTS_DATA_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_image (const EpiImage *a,
                   const EpiImage *b)
{
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  g_assert_cmpuint (a->source_width, ==, b->source_width);
  g_assert_cmpuint (a->source_height, ==, b->source_height);
  g_assert_cmpmem (a->pixels, (gsize) a->width * a->height, b->pixels, (gsize) b->width * b->height);
}

/* Loads @bytes, which must fail with @code and a message containing @words. */
static void
assert_refused (GBytes     *bytes,
                gint        code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = epi_image_load_bytes (bytes, NULL, &error);

  g_assert_null (image);
  g_assert_error (error, EPI_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

/* What a phone appends to a motion photo's JPEG: an MP4 video, here a
 * file-type box and noise. With @markers, the noise holds the end markers
 * of both formats, in the middle and at the very end; without, none. */
static GBytes *
with_video_appended (GBytes   *picture,
                     gsize     extra,
                     gboolean  markers)
{
  static const guint8 ftyp[] = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2',
                                 0, 0, 0, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '2' };
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  GByteArray *out = g_byte_array_new ();
  gsize start;

  g_byte_array_append (out, g_bytes_get_data (picture, NULL), g_bytes_get_size (picture));
  start = out->len;
  g_byte_array_append (out, ftyp, sizeof ftyp);
  while (out->len < start + extra)
    {
      guint8 byte = (guint8) g_rand_int (rand);

      /* No end marker by chance. */
      if (byte == 0xD9 && out->data[out->len - 1] == 0xFF)
        byte = 0;
      if (byte == 'D' && out->data[out->len - 1] == 'N')
        byte = 0;
      g_byte_array_append (out, &byte, 1);
    }

  if (markers)
    {
      memcpy (out->data + start + extra / 2, "\xFF\xD9", 2);
      memcpy (out->data + start + extra / 2 + 100, iend, sizeof iend);
      memcpy (out->data + out->len - sizeof iend - 2, iend, sizeof iend);
      memcpy (out->data + out->len - 2, "\xFF\xD9", 2);
    }

  return g_byte_array_free_to_bytes (out);
}

/* Phones append a video or other data after a whole JPEG (motion photos);
 * the picture is what comes before its end marker. */
static void
test_appended_data_ignored (void)
{
  const char *names[] = { "rocket.jpg", "horse.png", "progressive.jpg", "interlaced.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) picture = i < 2 ? test_sample_bytes (names[i]) : data_bytes (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) alone = epi_image_load_bytes (picture, NULL, &error);

      g_assert_no_error (error);
      for (guint markers = 0; markers < 2; markers++)
        {
          g_autoptr(GBytes) phone = with_video_appended (picture, 1024 * 1024, markers);
          g_autoptr(EpiImage) image = epi_image_load_bytes (phone, NULL, &error);

          g_test_message ("%s with a video appended, markers %u", names[i], markers);
          g_assert_no_error (error);
          assert_same_image (image, alone);
        }
    }
}

/* A JPEG whose first segment is an EXIF block carrying a thumbnail, a
 * whole JPEG of its own with its own end marker. */
static GBytes *
jpeg_with_thumbnail (gsize *main_start)
{
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 90);
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 12);
  g_autofree char *jpeg = NULL;
  g_autofree char *thumb = NULL;
  g_autoptr(GError) error = NULL;
  GByteArray *out = g_byte_array_new ();
  gsize length, thumb_length;
  guint8 *pixels = gdk_pixbuf_get_pixels (big);
  int stride = gdk_pixbuf_get_rowstride (big);
  guint16 segment;

  for (int y = 0; y < 90; y++)
    for (int x = 0; x < 120; x++)
      memset (pixels + y * stride + 3 * x, (x / 10 + y / 10) % 2 ? 230 : 20, 3);
  gdk_pixbuf_fill (small, 0x808080FF);
  gdk_pixbuf_save_to_buffer (big, &jpeg, &length, "jpeg", &error, NULL);
  g_assert_no_error (error);
  gdk_pixbuf_save_to_buffer (small, &thumb, &thumb_length, "jpeg", &error, NULL);
  g_assert_no_error (error);
  /* Short enough that the cut below falls within 4 KiB of the
   * thumbnail's end marker. */
  g_assert_cmpuint (length, <, 6000);

  segment = (guint16) (2 + 6 + thumb_length);
  g_byte_array_append (out, (const guint8 *) "\xFF\xD8\xFF\xE1", 4);
  g_byte_array_append (out, (const guint8[]) { segment >> 8, segment & 0xFF }, 2);
  g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, (const guint8 *) thumb, (guint) thumb_length);
  *main_start = out->len;
  g_byte_array_append (out, (const guint8 *) jpeg + 2, (guint) length - 2);
  return g_byte_array_free_to_bytes (out);
}

/* End markers inside the file that are not the stream's own end (an
 * EXIF thumbnail's, a PNG text chunk's words) never make a cut file
 * look whole. */
static void
test_cut_not_fooled_by_inner_markers (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 60, 40);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(EpiImage) image = NULL;
  gsize main_start, length;
  guint8 *pixels;

  jpeg = jpeg_with_thumbnail (&main_start);
  image = epi_image_load_bytes (jpeg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 120);
  for (gsize cut = main_start + 700; cut < g_bytes_get_size (jpeg) - 1; cut += 500)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (jpeg, 0, cut);

      assert_refused (part, EPI_ERROR_CORRUPT_IMAGE, "truncated");
    }

  /* IEND in a text chunk before the picture data, which is cut. */
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  for (gsize i = 0; i < (gsize) gdk_pixbuf_get_rowstride (pixbuf) * 40; i++)
    pixels[i] = (guint8) (i * 7919 % 251);
  gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", &error,
                             "tEXt::Comment", "IEND IEND IEND", NULL);
  g_assert_no_error (error);
  whole = g_bytes_new (png, length);
  for (gsize cut = length / 2; cut < length; cut += length / 8)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);

      assert_refused (part, EPI_ERROR_CORRUPT_IMAGE, "truncated");
    }
}

/* Every format Epicrypt does not read is named when refused. */
static void
test_refused_formats_named (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *ico = NULL;
  g_autofree guint8 *cur = NULL;
  GByteArray *tga = g_byte_array_new ();
  gsize ico_length;
  struct { const char *what; gconstpointer bytes; gsize length; const char *words; } cases[] = {
#define CASE(what, bytes, words) { what, bytes, sizeof (bytes) - 1, words }
    CASE ("XPM", "/* XPM */\nstatic char *x[] = { \"1 1 1 1\", \". c #000000\", \".\" };\n", "XPM pictures are not supported"),
    CASE ("XBM", "#define x_width 1\n#define x_height 1\nstatic char x_bits[] = { 0x01 };\n", "XBM pictures"),
    CASE ("PBM", "P1\n1 1\n1\n", "PNM pictures"),
    CASE ("PGM", "P5\n1 1\n255\n\x80", "PNM pictures"),
    CASE ("PPM", "P6 1 1 255\n\x80\x80\x80", "PNM pictures"),
    CASE ("PAM", "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n\x80", "PAM pictures"),
    CASE ("SVG", "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>", "SVG pictures"),
    CASE ("SVG with BOM", "\xEF\xBB\xBF  \n<!-- drawn -->\n<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG pictures"),
    CASE ("PSD", "8BPS\0\1\0\0\0\0\0\0\0\3\0\0\0\1\0\0\0\1\0\x08\0\3", "Photoshop (PSD) pictures"),
    CASE ("JPEG XL", "\xFF\x0A\xFA\x7F\x01\x90\x08", "JPEG XL pictures"),
    CASE ("JPEG XL container", "\0\0\0\x0CJXL \r\n\x87\n\0\0\0\x14" "ftypjxl \0\0\0\0jxl ", "JPEG XL pictures"),
    CASE ("JPEG 2000", "\xFF\x4F\xFF\x51\0\x2F\0\0", "JPEG 2000 pictures"),
    CASE ("JP2", "\0\0\0\x0CjP  \r\n\x87\n\0\0\0\x14" "ftypjp2 \0\0\0\0jp2 ", "JPEG 2000 pictures"),
    CASE ("QOI", "qoif\0\0\0\1\0\0\0\1\3\0", "QOI pictures"),
    CASE ("OpenEXR", "\x76\x2F\x31\x01\2\0\0\0channels\0", "OpenEXR pictures"),
    CASE ("BigTIFF", "II+\0\x08\0\0\0\x10\0\0\0\0\0\0\0", "BigTIFF pictures"),
    CASE ("PDF", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "PDF document, not a picture"),
    CASE ("MP4", "\0\0\0\x18" "ftypisom\0\0\2\0isomiso2\0\0\0\x08" "free", "a video (MP4), not a picture"),
    CASE ("MOV", "\0\0\0\x14" "ftypqt  \0\0\2\0qt  \0\0\0\x08" "wide", "a video (QuickTime)"),
    CASE ("old MOV", "\0\0\0\x08wide\0\0\0\x10mdat\0\0\0\0\0\0\0\0", "a video (QuickTime)"),
    CASE ("AVI", "RIFF\x24\0\0\0" "AVI LIST\x10\0\0\0hdrlavih", "a video (AVI)"),
    CASE ("WebM", "\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01", "a video (Matroska or WebM)"),
    CASE ("text", "hello, this is text\n", "not a PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or AVIF picture"),
#undef CASE
    { "ICO", NULL, 0, "ICO pictures are not supported (Epicrypt reads PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF and AVIF)" },
    { "CUR", NULL, 0, "CUR pictures" },
    { "TGA", NULL, 0, "TGA pictures" },
  };

  /* ICO as gdk-pixbuf writes it; CUR is the same with another type. */
  gdk_pixbuf_fill (pixbuf, 0x336699FF);
  gdk_pixbuf_save_to_buffer (pixbuf, &ico, &ico_length, "ico", &error, NULL);
  g_assert_no_error (error);
  cur = g_memdup2 (ico, ico_length);
  cur[2] = 2;
  cases[G_N_ELEMENTS (cases) - 3].bytes = ico;
  cases[G_N_ELEMENTS (cases) - 3].length = ico_length;
  cases[G_N_ELEMENTS (cases) - 2].bytes = cur;
  cases[G_N_ELEMENTS (cases) - 2].length = ico_length;

  /* TGA: a 2×2 true-colour picture and the version 2 footer. */
  g_byte_array_append (tga, (const guint8 *) "\0\0\2\0\0\0\0\0\0\0\0\0\2\0\2\0\x18\0", 18);
  for (guint i = 0; i < 12; i++)
    g_byte_array_append (tga, (const guint8 *) "\x40", 1);
  g_byte_array_append (tga, (const guint8 *) "\0\0\0\0\0\0\0\0TRUEVISION-XFILE.\0", 26);
  cases[G_N_ELEMENTS (cases) - 1].bytes = tga->data;
  cases[G_N_ELEMENTS (cases) - 1].length = tga->len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].bytes, cases[i].length);

      g_test_message ("%s", cases[i].what);
      assert_refused (bytes, EPI_ERROR_NOT_AN_IMAGE, cases[i].words);
    }

  g_byte_array_unref (tga);
}

/* Finds the @nth box of @type (4 letters) in @data, by its type's bytes. */
static gsize
find_box (const guint8 *data,
          gsize         length,
          const char   *type,
          guint         nth)
{
  for (gsize i = 4; i + 4 <= length; i++)
    if (memcmp (data + i, type, 4) == 0 && nth-- == 0)
      return i - 4;
  g_assert_not_reached ();
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

static guint32
get_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Mean absolute difference of two gray images of one size. */
static double
mean_difference (const EpiImage *a,
                 const EpiImage *b)
{
  double sum = 0;

  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  for (gsize i = 0; i < (gsize) a->width * a->height; i++)
    sum += ABS ((int) a->pixels[i] - (int) b->pixels[i]);
  return sum / ((double) a->width * a->height);
}

/* The default formats of today's phones, compared with the pictures they
 * were made from (see tests/data/SOURCES.md). */
static void
test_heif_and_avif_load (void)
{
  struct { const char *file; const char *source; guint width, height; } cases[] = {
    { "horse.heic", "horse.png", 120, 98 },
    { "coins.avif", "coins.png", 96, 76 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = data_bytes (cases[i].file);
      g_autoptr(GBytes) source = test_sample_bytes (cases[i].source);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_bytes (bytes, NULL, &error);
      g_autoptr(EpiImage) original = NULL;
      g_autofree guint8 *generic = NULL;
      gsize length;
      EpiLoadOptions options;

      g_test_message ("%s", cases[i].file);
      g_assert_no_error (error);
      g_assert_cmpuint (image->source_width, ==, cases[i].width);
      g_assert_cmpuint (image->source_height, ==, cases[i].height);
      g_assert_cmpuint (image->n_frames, ==, 1);

      epi_load_options_init (&options);
      options.max_side = cases[i].width;
      original = epi_image_load_bytes (source, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (mean_difference (image, original), <, 12.0);

      /* Only the generic HEIF brand: still read. */
      generic = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);
      for (gsize b = 8; b + 4 <= get_be32 (generic); b += 4)
        if (memcmp (generic + b, "heic", 4) == 0)
          memcpy (generic + b, "mif1", 4);
      if (memcmp (generic + 8, "avif", 4) == 0)
        memcpy (generic + 8, "mif1", 4);
      {
        g_autoptr(GBytes) again = g_bytes_new (generic, length);
        g_autoptr(EpiImage) same = epi_image_load_bytes (again, NULL, &error);

        g_assert_no_error (error);
        assert_same_image (same, image);
      }
    }
}

/* HEIF and AVIF sizes come from the ispe boxes before any decoding, every
 * box length is checked, and what libheif refuses is an error, not a
 * warning (the tests run with warnings and criticals fatal). */
static void
test_heif_hostile (void)
{
  const char *files[] = { "horse.heic", "coins.avif" };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GBytes) bytes = data_bytes (files[f]);
      gsize length = g_bytes_get_size (bytes);
      const guint8 *data = g_bytes_get_data (bytes, NULL);
      gsize ispe = find_box (data, length, "ispe", 0);
      gsize meta = find_box (data, length, "meta", 0);
      gsize ipco = find_box (data, length, "ipco", 0);
      gsize iloc = find_box (data, length, "iloc", 0);
      struct { const char *what; gsize offset; guint32 value; gint code; const char *words; } cases[] = {
        { "huge ispe", ispe + 12, 1000000, EPI_ERROR_TOO_LARGE, "1000000×" },
        { "zero ispe", ispe + 16, 0, EPI_ERROR_CORRUPT_IMAGE, "impossible size" },
        { "meta past the end", meta, (guint32) length, EPI_ERROR_CORRUPT_IMAGE, "truncated" },
        { "ipco past its parent", ipco, get_be32 (data + ipco) + 9, EPI_ERROR_CORRUPT_IMAGE, "impossible structure" },
        { "a box shorter than its header", ipco + 8, 3, EPI_ERROR_CORRUPT_IMAGE, "impossible structure" },
        { "meta emptied", meta, 8, EPI_ERROR_CORRUPT_IMAGE, "impossible structure" },
        /* The first extent's offset, which libheif checks, past the end. */
        { "iloc extent outside", iloc, 0, EPI_ERROR_CORRUPT_IMAGE, "damaged" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          gsize forged_length;
          g_autofree guint8 *forged = g_bytes_unref_to_data (g_bytes_ref (bytes), &forged_length);
          g_autoptr(GBytes) forged_bytes = NULL;

          g_test_message ("%s: %s", files[f], cases[i].what);
          if (cases[i].offset == iloc)
            {
              /* Every 32-bit value in iloc that is an offset into mdat. */
              gsize mdat = find_box (forged, forged_length, "mdat", 0);

              for (gsize p = iloc + 12; p + 4 <= iloc + get_be32 (forged + iloc); p++)
                if (get_be32 (forged + p) > mdat && get_be32 (forged + p) < forged_length)
                  put_be32 (forged + p, (guint32) forged_length + 1000);
            }
          else
            put_be32 (forged + cases[i].offset, cases[i].value);
          forged_bytes = g_bytes_new (forged, forged_length);
          assert_refused (forged_bytes, cases[i].code, cases[i].words);
        }
    }

  /* A crop box with a zero denominator, for a decoder to divide by:
   * added at the end of the properties, with every length around it. */
  {
    g_autoptr(GBytes) avif = data_bytes ("coins.avif");
    const guint8 *data = g_bytes_get_data (avif, NULL);
    gsize length = g_bytes_get_size (avif);
    gsize ipco = find_box (data, length, "ipco", 0);
    gsize insert = ipco + get_be32 (data + ipco);
    guint8 clap[40] = { 0, 0, 0, 40, 'c', 'l', 'a', 'p' };
    GByteArray *out = g_byte_array_new ();
    g_autoptr(GBytes) forged = NULL;
    const char *parents[] = { "meta", "iprp", "ipco" };

    for (guint i = 0; i < 8; i++)
      put_be32 (clap + 8 + 4 * i, i % 2 ? 0 : 96);
    g_byte_array_append (out, data, (guint) insert);
    g_byte_array_append (out, clap, sizeof clap);
    g_byte_array_append (out, data + insert, (guint) (length - insert));
    for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
      {
        gsize box = find_box (out->data, out->len, parents[i], 0);

        put_be32 (out->data + box, get_be32 (out->data + box) + sizeof clap);
      }
    forged = g_byte_array_free_to_bytes (out);
    assert_refused (forged, EPI_ERROR_CORRUPT_IMAGE, "impossible structure");
  }

  /* Damaged AV1 data is an error, and nothing is printed: dav1d, libheif's
   * and libavif's default AV1 decoder, writes its complaints to stderr. */
  {
    g_autoptr(GBytes) avif = data_bytes ("coins.avif");
    gsize length;
    g_autofree guint8 *damaged = g_bytes_unref_to_data (g_bytes_ref (avif), &length);
    gsize mdat = find_box (damaged, length, "mdat", 0);
    g_autofree char *dir = test_tmpdir_new ();
    g_autofree char *log = g_build_filename (dir, "stderr", NULL);
    g_autofree char *printed = NULL;
    int saved = dup (STDERR_FILENO);
    int sink = open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    for (guint i = 0; i < 8; i++)
      damaged[mdat + 8 + i * 3] ^= 0x5A;
    g_assert_cmpint (sink, >=, 0);
    g_assert_cmpint (dup2 (sink, STDERR_FILENO), ==, STDERR_FILENO);
    {
      g_autoptr(GBytes) bytes = g_bytes_new (damaged, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_bytes (bytes, NULL, &error);

      dup2 (saved, STDERR_FILENO);
      g_assert_null (image);
      g_assert_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE);
    }
    close (sink);
    close (saved);
    g_assert_true (g_file_get_contents (log, &printed, NULL, NULL));
    g_assert_cmpstr (printed, ==, "");
    test_tmpdir_remove (dir);
  }
}

/* The app's thumbnails: the same formats and checks, upright, RGB(A),
 * fitted to the box. */
static void
test_thumbnails (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *wide = test_sample_path ("debian-plasma-preview-1920x1080.jpg");
  g_autofree char *heic = g_build_filename (TESTS_DATA_DIR, "horse.heic", NULL);
  g_autofree char *turned = g_build_filename (dir, "turned.jpg", NULL);
  g_autofree char *svg = g_build_filename (dir, "drawing.svg", NULL);
  g_autofree char *bomb = g_build_filename (dir, "bomb.jpg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 20);
  g_autoptr(GBytes) rocket = test_sample_bytes ("rocket.jpg");
  g_autoptr(GBytes) huge = jpeg_with_size (rocket, 65500, 65500);
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  const char *doc = "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='30'/>";
  struct { const char *path; int width, height, channels; } fits[] = {
    { wide, 96, 54, 3 },
    { heic, 96, 78, 4 },
    { turned, 48, 96, 3 },
  };
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x808080FF);
  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &length, "jpeg", &error, NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) rotated = jpeg_with_orientation ((const guint8 *) jpeg, length, 6);

    test_write_file (turned, g_bytes_get_data (rotated, NULL), g_bytes_get_size (rotated));
  }
  test_write_file (svg, doc, strlen (doc));
  test_write_file (bomb, g_bytes_get_data (huge, NULL), g_bytes_get_size (huge));

  for (guint i = 0; i < G_N_ELEMENTS (fits); i++)
    {
      g_autoptr(GdkPixbuf) thumbnail = epi_image_load_thumbnail (fits[i].path, 96, 96, NULL, &error);

      g_test_message ("%s", fits[i].path);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, fits[i].width);
      g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, fits[i].height);
      g_assert_cmpint (gdk_pixbuf_get_n_channels (thumbnail), ==, fits[i].channels);
      g_assert_cmpint (gdk_pixbuf_get_bits_per_sample (thumbnail), ==, 8);
      g_assert_true (gdk_pixbuf_get_colorspace (thumbnail) == GDK_COLORSPACE_RGB);
    }

  /* A box that is not square. */
  {
    g_autoptr(GdkPixbuf) thumbnail = epi_image_load_thumbnail (wide, 200, 50, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 89);
    g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 50);
  }

  {
    g_autoptr(GdkPixbuf) none = epi_image_load_thumbnail (svg, 96, 96, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, EPI_ERROR, EPI_ERROR_NOT_AN_IMAGE);
    g_clear_error (&error);
    none = epi_image_load_thumbnail (bomb, 96, 96, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);
  }

  test_tmpdir_remove (dir);
}

static void
test_mime_types (void)
{
  const char * const *types = epi_image_mime_types ();
  const char *wanted[] = { "image/png", "image/jpeg", "image/heif", "image/heic", "image/avif" };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_assert_true (g_strv_contains (types, wanted[i]));
}

/* Sizes and frames ----------------------------------------------------------- */

static int
gif_write (GifFileType     *gif,
           const GifByteType *bytes,
           int              length)
{
  g_byte_array_append (gif->UserData, bytes, (guint) length);
  return length;
}

/* A GIF of @n_frames frames of @width × @height, each a dark square on
 * white in another place. @frame_offsets gets where each image
 * descriptor starts, when not NULL. */
static GBytes *
make_gif (guint  width,
          guint  height,
          guint  n_frames,
          gsize *frame_offsets)
{
  GByteArray *out = g_byte_array_new ();
  GifColorType colors[2] = { { 0, 0, 0 }, { 255, 255, 255 } };
  ColorMapObject *map = GifMakeMapObject (2, colors);
  g_autofree GifPixelType *line = g_new (GifPixelType, width);
  GifFileType *gif;
  int code;

  gif = EGifOpen (out, gif_write, &code);
  g_assert_nonnull (gif);
  EGifSetGifVersion (gif, true);
  g_assert_cmpint (EGifPutScreenDesc (gif, (int) width, (int) height, 1, 1, map), ==, GIF_OK);
  for (guint f = 0; f < n_frames; f++)
    {
      if (frame_offsets != NULL)
        frame_offsets[f] = out->len;
      g_assert_cmpint (EGifPutImageDesc (gif, 0, 0, (int) width, (int) height, false, NULL), ==, GIF_OK);
      for (guint y = 0; y < height; y++)
        {
          for (guint x = 0; x < width; x++)
            line[x] = x >= width / 4 + f && x < width / 2 + f && y >= height / 4 && y < height / 2 ? 0 : 1;
          g_assert_cmpint (EGifPutLine (gif, line, (int) width), ==, GIF_OK);
        }
    }
  g_assert_cmpint (EGifCloseFile (gif, &code), ==, GIF_OK);
  GifFreeMapObject (map);
  return g_byte_array_free_to_bytes (out);
}

static void
put_le16 (GByteArray *out,
          guint32     value)
{
  guint8 b[2] = { value & 0xFF, (value >> 8) & 0xFF };

  g_byte_array_append (out, b, 2);
}

static void
put_le32 (GByteArray *out,
          guint32     value)
{
  put_le16 (out, value & 0xFFFF);
  put_le16 (out, value >> 16);
}

static void
set_le32 (GByteArray *out,
          gsize       offset,
          guint32     value)
{
  for (guint i = 0; i < 4; i++)
    out->data[offset + i] = (guint8) (value >> (8 * i));
}

/* A little-endian TIFF by hand (gdk-pixbuf saves one page only): @n_pages
 * 8-bit gray pages of @width × @height with a dark square each, then, with
 * @thumbnail, a reduced-resolution copy that is not a page. With @loop,
 * the last directory points back to the first. */
static GBytes *
make_tiff (guint32  width,
           guint32  height,
           guint    n_pages,
           gboolean thumbnail,
           gboolean loop)
{
  GByteArray *out = g_byte_array_new ();
  guint n_ifds = n_pages + (thumbnail ? 1 : 0);
  gsize first_ifd = 0, next_slot = 4;

  g_byte_array_append (out, (const guint8 *) "II*\0\0\0\0\0", 8);
  for (guint page = 0; page < n_ifds; page++)
    {
      gboolean reduced = page == n_pages;
      guint32 w = reduced ? width / 2 : width;
      guint32 h = reduced ? height / 2 : height;
      gsize strip = out->len;
      struct { guint16 tag, type; guint32 value; } entries[] = {
        { 254, 4, reduced ? 1 : 2 }, /* NewSubfileType: reduced copy, or a page */
        { 256, 4, w }, { 257, 4, h },
        { 258, 3, 8 }, { 259, 3, 1 }, { 262, 3, 1 },
        { 273, 4, (guint32) strip }, { 277, 3, 1 }, { 278, 4, h }, { 279, 4, w * h },
      };

      for (guint32 y = 0; y < h; y++)
        for (guint32 x = 0; x < w; x++)
          {
            guint8 gray = x >= w / 4 + page && x < w / 2 + page && y >= h / 4 && y < h / 2 ? 20 : 235;

            g_byte_array_append (out, &gray, 1);
          }
      if (out->len % 2)
        g_byte_array_append (out, (const guint8 *) "", 1);

      set_le32 (out, next_slot, (guint32) out->len);
      if (page == 0)
        first_ifd = out->len;
      put_le16 (out, G_N_ELEMENTS (entries));
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        {
          put_le16 (out, entries[i].tag);
          put_le16 (out, entries[i].type);
          put_le32 (out, 1);
          if (entries[i].type == 3)
            {
              put_le16 (out, entries[i].value);
              put_le16 (out, 0);
            }
          else
            put_le32 (out, entries[i].value);
        }
      next_slot = out->len;
      put_le32 (out, 0);
    }
  if (loop)
    set_le32 (out, next_slot, (guint32) first_ifd);

  return g_byte_array_free_to_bytes (out);
}

/* Multi-page TIFF and animated GIF seal their first page or frame, and
 * say how many there were. */
static void
test_frames_counted (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 30, 20);
  g_autoptr(GError) error = NULL;
  g_autofree char *tiff = NULL;
  g_autofree char *png = NULL;
  gsize tiff_length, png_length;
  struct { const char *what; GBytes *bytes; guint frames; guint width; } cases[] = {
    { "3-frame GIF", make_gif (64, 48, 3, NULL), 3, 64 },
    { "1-frame GIF", make_gif (64, 48, 1, NULL), 1, 64 },
    { "sample GIF", test_sample_bytes ("no_time_for_that_tiny.gif"), 24, 14 },
    { "2-page TIFF", make_tiff (64, 48, 2, FALSE, FALSE), 2, 64 },
    { "2-page TIFF and a thumbnail", make_tiff (64, 48, 2, TRUE, FALSE), 2, 64 },
    { "3-page TIFF in a loop", make_tiff (64, 48, 3, FALSE, TRUE), 3, 64 },
    { "1-page TIFF", make_tiff (64, 48, 1, FALSE, FALSE), 1, 64 },
    { "TIFF from gdk-pixbuf", NULL, 1, 30 },
    { "PNG", NULL, 1, 30 },
    { "JPEG", test_sample_bytes ("rocket.jpg"), 1, 640 },
    { "WebP", test_sample_bytes ("gnome-vnc-l.webp"), 1, 256 },
    { "HEIF", data_bytes ("horse.heic"), 1, 120 },
  };

  gdk_pixbuf_fill (pixbuf, 0x204060FF);
  gdk_pixbuf_save_to_buffer (pixbuf, &tiff, &tiff_length, "tiff", &error, NULL);
  g_assert_no_error (error);
  gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_length, "png", &error, NULL);
  g_assert_no_error (error);
  cases[7].bytes = g_bytes_new (tiff, tiff_length);
  cases[8].bytes = g_bytes_new (png, png_length);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpiImage) image = epi_image_load_bytes (cases[i].bytes, NULL, &error);

      g_test_message ("%s", cases[i].what);
      g_assert_no_error (error);
      g_assert_cmpuint (image->n_frames, ==, cases[i].frames);
      g_assert_cmpuint (image->source_width, ==, cases[i].width);
      g_bytes_unref (cases[i].bytes);
    }
}

/* The count reaches the pipeline's result, for the front ends to say. */
static void
test_pipeline_carries_frames (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  struct { const char *name; GBytes *bytes; guint frames; } cases[] = {
    { "three.gif", make_gif (64, 48, 3, NULL), 3 },
    { "two.tiff", make_tiff (64, 48, 2, TRUE, FALSE), 2 },
    { "one.gif", make_gif (64, 48, 1, NULL), 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;
      EpiEncodeResult result;

      test_write_file (path, g_bytes_get_data (cases[i].bytes, NULL), g_bytes_get_size (cases[i].bytes));
      spectrum = epi_pipeline_analyze (path, NULL, NULL, NULL, NULL, &result, &error);
      g_test_message ("%s", cases[i].name);
      g_assert_no_error (error);
      g_assert_cmpuint (result.source_frames, ==, cases[i].frames);
      g_assert_cmpuint (result.source_width, ==, 64);
      g_bytes_unref (cases[i].bytes);
    }

  test_tmpdir_remove (dir);
}

/* Rewrites four bytes of @bytes at @offset, little-endian or big-endian. */
static GBytes *
forge (GBytes   *bytes,
       gsize     offset,
       guint     n_bytes,
       guint32   value,
       gboolean  big_endian)
{
  gsize length;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  g_assert_cmpuint (offset + n_bytes, <=, length);
  for (guint i = 0; i < n_bytes; i++)
    data[offset + i] = (guint8) (value >> (8 * (big_endian ? n_bytes - 1 - i : i)));
  return g_bytes_new_take (data, length);
}

/* Zero and forged sizes in every format's header give a clear error
 * before any decoder runs, and no decoder gets to log a warning or a
 * critical about them (both are fatal here). */
static void
test_zero_and_forged_sizes (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 30, 20);
  g_autoptr(GError) error = NULL;
  gsize frames[3];
  g_autoptr(GBytes) gif = make_gif (64, 48, 3, frames);
  g_autoptr(GBytes) tiff = make_tiff (64, 48, 2, FALSE, FALSE);
  g_autoptr(GBytes) jpeg = test_sample_bytes ("rocket.jpg");
  g_autoptr(GBytes) png = test_sample_bytes ("horse.png");
  g_autoptr(GBytes) bmp = test_sample_bytes ("pygame_icon_mac.bmp");
  g_autoptr(GBytes) heic = data_bytes ("horse.heic");
  g_autoptr(GBytes) webp = NULL;
  g_autofree char *webp_data = NULL;
  gsize webp_length, tiff_ifd;
  const guint8 *webp_bytes;
  const char *zero = "impossible size";
  const char *large = "too large";
  struct { const char *what; GBytes *bytes; gint code; const char *words; } cases[] = {
    { "GIF screen 0 wide", forge (gif, 6, 2, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "GIF screen 0 high", forge (gif, 8, 2, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "GIF first frame 0 wide", forge (gif, frames[0] + 5, 2, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "GIF last frame 0 high", forge (gif, frames[2] + 7, 2, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "GIF screen 65535 square", forge (forge (gif, 6, 2, 65535, FALSE), 8, 2, 65535, FALSE), EPI_ERROR_TOO_LARGE, large },
    { "PNG 0 wide", forge (png, 16, 4, 0, TRUE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "PNG 0 high", forge (png, 20, 4, 0, TRUE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "PNG 2^31 wide", forge (png, 16, 4, 0x80000000, TRUE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "PNG 100000 square", forge (forge (png, 16, 4, 100000, TRUE), 20, 4, 100000, TRUE), EPI_ERROR_TOO_LARGE, large },
    { "JPEG 0 wide", jpeg_with_size (jpeg, 0, 427), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "JPEG 0 high", jpeg_with_size (jpeg, 640, 0), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "BMP 0 wide", forge (bmp, 18, 4, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "BMP 0 high", forge (bmp, 22, 4, 0, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "BMP negative width", forge (bmp, 18, 4, (guint32) -256, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "BMP height INT32_MIN", forge (bmp, 22, 4, 0x80000000, FALSE), EPI_ERROR_CORRUPT_IMAGE, zero },
    { "BMP 30000 square", forge (forge (bmp, 18, 4, 30000, FALSE), 22, 4, (guint32) -30000, FALSE), EPI_ERROR_TOO_LARGE, large },
    { "TIFF 0 wide", NULL, EPI_ERROR_CORRUPT_IMAGE, zero },
    { "TIFF 100000 square", NULL, EPI_ERROR_TOO_LARGE, large },
    { "WebP 0 wide", NULL, EPI_ERROR_CORRUPT_IMAGE, zero },
    { "WebP canvas 2^24 square", NULL, EPI_ERROR_TOO_LARGE, large },
    { "HEIF 0 high", forge (heic, find_box (g_bytes_get_data (heic, NULL), g_bytes_get_size (heic), "ispe", 0) + 16, 4, 0, TRUE),
      EPI_ERROR_CORRUPT_IMAGE, zero },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* TIFF: the first directory's width (its second entry) and height. */
  tiff_ifd = 8 + 64 * 48;
  cases[16].bytes = forge (tiff, tiff_ifd + 2 + 12 + 8, 4, 0, FALSE);
  cases[17].bytes = forge (forge (tiff, tiff_ifd + 2 + 12 + 8, 4, 100000, FALSE), tiff_ifd + 2 + 24 + 8, 4, 100000, FALSE);

  /* WebP as gdk-pixbuf writes it: lossy, a VP8 chunk whose frame header
   * holds the size; then the same bitstream behind a forged VP8X canvas. */
  gdk_pixbuf_fill (pixbuf, 0x204060FF);
  gdk_pixbuf_save_to_buffer (pixbuf, &webp_data, &webp_length, "webp", &error, NULL);
  g_assert_no_error (error);
  webp = g_bytes_new (webp_data, webp_length);
  webp_bytes = g_bytes_get_data (webp, NULL);
  g_assert_cmpmem (webp_bytes + 12, 4, "VP8 ", 4);
  cases[18].bytes = forge (webp, 26, 2, 0, FALSE);
  {
    GByteArray *out = g_byte_array_new ();

    g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBPVP8X\x0A\0\0\0\0\0\0\0", 24);
    g_byte_array_append (out, (const guint8 *) "\xFF\xFF\xFF\xFF\xFF\xFF", 6);
    g_byte_array_append (out, webp_bytes + 12, (guint) (webp_length - 12));
    set_le32 (out, 4, out->len - 8);
    cases[19].bytes = g_byte_array_free_to_bytes (out);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      assert_refused (cases[i].bytes, cases[i].code, cases[i].words);
      g_bytes_unref (cases[i].bytes);
    }

  /* Unforged, each of them loads. */
  {
    GBytes *originals[] = { gif, tiff, jpeg, png, bmp, heic, webp };

    for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
      {
        g_autoptr(EpiImage) image = epi_image_load_bytes (originals[i], NULL, &error);

        g_assert_no_error (error);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Image/every-format-loads", test_every_format_loads);
  g_test_add_func ("/Epi/Image/tiff-loads", test_tiff_loads);
  g_test_add_func ("/Epi/Image/max-side-scales-down", test_max_side_scales_down);
  g_test_add_func ("/Epi/Image/alpha-composites-on-white", test_alpha_composites_on_white);
  g_test_add_func ("/Epi/Image/exif-orientation-applied", test_exif_orientation_applied);
  g_test_add_func ("/Epi/Image/decompression-bomb-refused", test_decompression_bomb_refused);
  g_test_add_func ("/Epi/Image/not-an-image", test_not_an_image);
  g_test_add_func ("/Epi/Image/truncated-images-refused", test_truncated_images_refused);
  g_test_add_func ("/Epi/Image/missing-and-directory", test_missing_and_directory);
  g_test_add_func ("/Epi/Image/appended-data-ignored", test_appended_data_ignored);
  g_test_add_func ("/Epi/Image/cut-not-fooled-by-inner-markers", test_cut_not_fooled_by_inner_markers);
  g_test_add_func ("/Epi/Image/refused-formats-named", test_refused_formats_named);
  g_test_add_func ("/Epi/Image/heif-and-avif-load", test_heif_and_avif_load);
  g_test_add_func ("/Epi/Image/heif-hostile", test_heif_hostile);
  g_test_add_func ("/Epi/Image/thumbnails", test_thumbnails);
  g_test_add_func ("/Epi/Image/mime-types", test_mime_types);
  g_test_add_func ("/Epi/Image/frames-counted", test_frames_counted);
  g_test_add_func ("/Epi/Image/pipeline-carries-frames", test_pipeline_carries_frames);
  g_test_add_func ("/Epi/Image/zero-and-forged-sizes", test_zero_and_forged_sizes);

  return g_test_run ();
}
