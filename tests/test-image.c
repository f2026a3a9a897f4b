/* test-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
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

/* A frame of make_placed_gif(): its place and size, and the disposal
 * method its graphic control extension gives (0 for none). */
typedef struct
{
  guint left;
  guint top;
  guint width;
  guint height;
  int   disposal;
} GifFrame;

/* Instead of a disposal method: a comment whose byte reads as method 3,
 * then a graphic control extension whose first sub-block is empty. The
 * gdk-pixbuf loader reads both into one buffer, and takes the method
 * from the byte the empty sub-block left there. */
#define GIF_LEFTOVER_RESTORE (-1)

/* A GIF of @width × @height whose frames are all black, each where
 * @frames says, with nothing else drawn (white once flattened). */
static GBytes *
make_placed_gif (guint           width,
                 guint           height,
                 const GifFrame *frames,
                 guint           n_frames)
{
  GByteArray *out = g_byte_array_new ();
  GifColorType colors[2] = { { 0, 0, 0 }, { 255, 255, 255 } };
  ColorMapObject *map = GifMakeMapObject (2, colors);
  GifFileType *gif;
  int code;

  gif = EGifOpen (out, gif_write, &code);
  g_assert_nonnull (gif);
  EGifSetGifVersion (gif, true);
  g_assert_cmpint (EGifPutScreenDesc (gif, (int) width, (int) height, 1, 1, map), ==, GIF_OK);
  for (guint f = 0; f < n_frames; f++)
    {
      g_autofree GifPixelType *line = g_new0 (GifPixelType, frames[f].width);

      if (frames[f].disposal == GIF_LEFTOVER_RESTORE)
        {
          g_assert_cmpint (EGifPutExtension (gif, COMMENT_EXT_FUNC_CODE, 1, "\x0C"), ==, GIF_OK);
          g_assert_cmpint (EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 0, NULL), ==, GIF_OK);
        }
      else if (frames[f].disposal > 0)
        {
          GraphicsControlBlock control = { frames[f].disposal, false, 10, NO_TRANSPARENT_COLOR };
          GifByteType extension[4];

          EGifGCBToExtension (&control, extension);
          g_assert_cmpint (EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, extension), ==, GIF_OK);
        }
      g_assert_cmpint (EGifPutImageDesc (gif, (int) frames[f].left, (int) frames[f].top,
                                         (int) frames[f].width, (int) frames[f].height, false, NULL), ==, GIF_OK);
      for (guint y = 0; y < frames[f].height; y++)
        g_assert_cmpint (EGifPutLine (gif, line, (int) frames[f].width), ==, GIF_OK);
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
        g_assert_nonnull (image);
      }
  }
}

/* Structures walked to their end ------------------------------------------ */

/* @pixbuf saved as @type, in memory. */
static GBytes *
save_bytes (GdkPixbuf  *pixbuf,
            const char *type)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length;

  gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A picture of noise with a gradient, which no coder shrinks much. */
static GdkPixbuf *
noise_pixbuf (int      width,
              int      height,
              gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * channels; x++)
      pixels[y * stride + x] = (guint8) ((x + y) / 2 + g_rand_int_range (rand, 0, 64));
  return pixbuf;
}

/* @bytes followed by @extra bytes of something else. */
static GBytes *
appended (GBytes *bytes,
          gsize   extra)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, g_bytes_get_data (bytes, NULL), (guint) g_bytes_get_size (bytes));
  for (gsize i = 0; i < extra; i++)
    g_byte_array_append (out, (const guint8[]) { (guint8) (i * 131 + 7) }, 1);
  return g_byte_array_free_to_bytes (out);
}

/* @whole loads, and so with data appended; cut anywhere in @cuts it is
 * refused as truncated. */
static void
assert_cuts_refused (const char  *what,
                     GBytes      *whole,
                     const gsize *cuts,
                     guint        n_cuts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) longer = appended (whole, 777);
  g_autoptr(EpiImage) image = epi_image_load_bytes (whole, NULL, &error);
  g_autoptr(EpiImage) again = NULL;

  g_test_message ("%s, whole", what);
  g_assert_no_error (error);
  g_test_message ("%s, with data appended", what);
  again = epi_image_load_bytes (longer, NULL, &error);
  g_assert_no_error (error);
  assert_same_image (again, image);

  for (guint i = 0; i < n_cuts; i++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cuts[i]);

      g_test_message ("%s cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                      what, cuts[i], g_bytes_get_size (whole));
      assert_refused (part, EPI_ERROR_CORRUPT_IMAGE, "image: the file is truncated");
    }
}

/* Cuts at 1 %, 5 %, 10 %, 20 % … 99 %, and one byte short. */
static void
assert_percent_cuts_refused (const char *what,
                             GBytes     *whole)
{
  static const guint percents[] = { 1, 5, 10, 20, 30, 50, 70, 90, 99 };
  gsize length = g_bytes_get_size (whole);
  gsize cuts[G_N_ELEMENTS (percents) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    cuts[i] = length * percents[i] / 100;
  cuts[G_N_ELEMENTS (percents)] = length - 1;
  assert_cuts_refused (what, whole, cuts, G_N_ELEMENTS (cuts));
}

/* An 8-bit BMP coded in runs (RLE8) of 8 × 4: each row a literal run of
 * three values, then a run of five, then its end, the last row's being
 * the picture's. */
static GBytes *
make_rle_bmp (void)
{
  static const guint8 row[] = { 0, 3, 1, 0, 1, 0, 5, 1, 0, 0 };
  GByteArray *out = g_byte_array_new ();
  guint32 start = 14 + 40 + 2 * 4;

  g_byte_array_append (out, (const guint8 *) "BM", 2);
  put_le32 (out, 0);
  put_le32 (out, 0);
  put_le32 (out, start);
  put_le32 (out, 40);
  put_le32 (out, 8);
  put_le32 (out, 4);
  put_le16 (out, 1);
  put_le16 (out, 8);
  put_le32 (out, 1);               /* BI_RLE8 */
  put_le32 (out, 4 * sizeof row);
  put_le32 (out, 2835);
  put_le32 (out, 2835);
  put_le32 (out, 2);               /* colours used */
  put_le32 (out, 0);
  put_le32 (out, 0x00000000);      /* black */
  put_le32 (out, 0x00FFFFFF);      /* white */
  for (guint y = 0; y < 4; y++)
    g_byte_array_append (out, row, sizeof row - (y == 3 ? 2 : 0));
  g_byte_array_append (out, (const guint8 *) "\0\1", 2);
  set_le32 (out, 2, out->len);
  return g_byte_array_free_to_bytes (out);
}

/* A one-page 8-bit gray TIFF of @width × @height whose directory comes
 * first, then the arrays it points to, then the pixels: in strips of 4
 * rows, or in 16 × 16 tiles with @tiles, their offsets and byte counts
 * of @type (3, SHORT, or 4, LONG). @blocks gets where the pixels start. */
static GBytes *
make_tiff_directory_first (guint32  width,
                           guint32  height,
                           guint16  type,
                           gboolean tiles,
                           gsize   *blocks)
{
  guint32 n = tiles ? ((width + 15) / 16) * ((height + 15) / 16) : (height + 3) / 4;
  guint32 block_bytes = tiles ? 16 * 16 : 4 * width;
  guint size = type == 3 ? 2 : 4;
  gboolean outside = n * size > 4;
  guint n_entries = 10;
  gsize arrays = 8 + 2 + n_entries * 12 + 4;
  gsize data = arrays + (outside ? 2 * (gsize) n * size : 0);
  struct { guint16 tag, type; guint32 count, value; } entries[] = {
    { 256, 4, 1, width }, { 257, 4, 1, height }, { 258, 3, 1, 8 }, { 259, 3, 1, 1 },
    { 262, 3, 1, 1 },
    { tiles ? 277 : 273, tiles ? 3 : type, tiles ? 1 : n, 1 },
    { tiles ? 322 : 277, 3, 1, tiles ? 16 : 1 },
    { tiles ? 323 : 278, 3, 1, tiles ? 16 : 4 },
    { tiles ? 324 : 279, type, n, 0 },
    { tiles ? 325 : 284, tiles ? type : 3, tiles ? n : 1, 1 },
  };
  GByteArray *out = g_byte_array_new ();

  G_STATIC_ASSERT (G_N_ELEMENTS (entries) == 10);
  /* The offsets and the byte counts: the sixth and ninth entries for
   * strips, the ninth and tenth for tiles. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gboolean offsets = tiles ? i == 8 : i == 5;
      gboolean counts = tiles ? i == 9 : i == 8;

      if (offsets || counts)
        entries[i].value = outside ? (guint32) (arrays + (counts ? (gsize) n * size : 0))
                                   : (offsets ? (guint32) data : block_bytes);
    }

  g_byte_array_append (out, (const guint8 *) "II*\0\x08\0\0\0", 8);
  put_le16 (out, n_entries);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      put_le16 (out, entries[i].tag);
      put_le16 (out, entries[i].type);
      put_le32 (out, entries[i].count);
      if (entries[i].type == 3 && entries[i].count == 1)
        {
          put_le16 (out, entries[i].value);
          put_le16 (out, 0);
        }
      else
        put_le32 (out, entries[i].value);
    }
  put_le32 (out, 0);
  if (outside)
    for (guint array = 0; array < 2; array++)
      for (guint32 i = 0; i < n; i++)
        {
          guint32 value = array == 0 ? (guint32) (data + (gsize) i * block_bytes) : block_bytes;

          if (size == 2)
            put_le16 (out, value);
          else
            put_le32 (out, value);
        }
  g_assert_cmpuint (out->len, ==, data);
  for (gsize i = 0; i < (gsize) n * block_bytes; i++)
    g_byte_array_append (out, (const guint8[]) { (guint8) (i % 16 < 8 ? 30 : 220) }, 1);

  *blocks = data;
  return g_byte_array_free_to_bytes (out);
}

/* A frame of make_animated_webp_frames(): a still WebP as gdk-pixbuf
 * writes it (a VP8 chunk, or VP8X, ALPH and VP8), its size, and where it
 * lies on the canvas. */
typedef struct
{
  GBytes *still;
  guint   width;
  guint   height;
  guint   left;
  guint   top;
} WebpFrame;

/* Animated WebP of a @width × @height canvas: VP8X, ANIM, then an ANMF
 * frame for each of @frames holding its still's ALPH and VP8 chunks. */
static GBytes *
make_animated_webp_frames (guint            width,
                           guint            height,
                           const WebpFrame *frames,
                           guint            n_frames)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBPVP8X\x0A\0\0\0\x02\0\0\0", 24);
  g_byte_array_append (out, (const guint8[]) { (width - 1) & 0xFF, (width - 1) >> 8, 0,
                                               (height - 1) & 0xFF, (height - 1) >> 8, 0 }, 6);
  g_byte_array_append (out, (const guint8 *) "ANIM\x06\0\0\0\xFF\xFF\xFF\xFF\0\0", 14);
  for (guint f = 0; f < n_frames; f++)
    {
      const guint8 *data = g_bytes_get_data (frames[f].still, NULL);
      gsize length = g_bytes_get_size (frames[f].still);
      gsize chunks = memcmp (data + 12, "VP8X", 4) == 0 ? 12 + 8 + 10 : 12;
      guint8 frame[16] = { 0 };

      g_assert_true (memcmp (data + chunks, "VP8 ", 4) == 0 || memcmp (data + chunks, "ALPH", 4) == 0);
      if (memcmp (data + chunks, "ALPH", 4) == 0)
        out->data[20] |= 0x10; /* the canvas has alpha */
      g_byte_array_append (out, (const guint8 *) "ANMF", 4);
      put_le32 (out, (guint32) (16 + length - chunks));
      frame[0] = (frames[f].left / 2) & 0xFF;
      frame[1] = (frames[f].left / 2) >> 8;
      frame[3] = (frames[f].top / 2) & 0xFF;
      frame[4] = (frames[f].top / 2) >> 8;
      frame[6] = (frames[f].width - 1) & 0xFF;
      frame[7] = (frames[f].width - 1) >> 8;
      frame[9] = (frames[f].height - 1) & 0xFF;
      frame[10] = (frames[f].height - 1) >> 8;
      frame[12] = 100; /* duration */
      g_byte_array_append (out, frame, sizeof frame);
      g_byte_array_append (out, data + chunks, (guint) (length - chunks));
    }
  set_le32 (out, 4, out->len - 8);
  return g_byte_array_free_to_bytes (out);
}

/* Animated WebP of one frame around the VP8 chunk of @still, which
 * covers its canvas: the ANMF frame at 44, its VP8 chunk at 44 + 8 + 16. */
static GBytes *
make_animated_webp (GBytes *still,
                    guint   width,
                    guint   height)
{
  WebpFrame frame = { still, width, height, 0, 0 };

  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (still, NULL) + 12, 4, "VP8 ", 4);
  return make_animated_webp_frames (width, height, &frame, 1);
}

/* BMP, WebP and TIFF are judged whole from their own structure, as PNG and
 * JPEG are: the pixel data a BMP header describes, the RIFF and every
 * chunk of a WebP, a TIFF's first page with its strips or tiles. Data
 * appended after the end still loads. */
static void
test_truncated_structures_refused (void)
{
  g_autoptr(GdkPixbuf) noise = noise_pixbuf (240, 180, FALSE);
  g_autoptr(GdkPixbuf) clear = noise_pixbuf (120, 90, TRUE);

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* BMP, uncoded and in runs. */
  {
    g_autoptr(GBytes) bmp = save_bytes (noise, "bmp");
    g_autoptr(GBytes) rle = make_rle_bmp ();
    gsize length = g_bytes_get_size (rle);
    const gsize rle_cuts[] = { 14 + 40 + 4, 62, 62 + 3, 62 + 10, 62 + 17, length - 2, length - 1 };

    assert_percent_cuts_refused ("BMP", bmp);
    assert_cuts_refused ("RLE8 BMP", rle, rle_cuts, G_N_ELEMENTS (rle_cuts));

    /* More colours than 8 bits have, which the loader would read as a
     * negative count and size a buffer from (found by fuzzing). */
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GBytes) forged = forge (rle, 46, 4, i == 0 ? 257 : 0xB443CD11, FALSE);

        assert_refused (forged, EPI_ERROR_CORRUPT_IMAGE, "impossible structure");
      }
  }

  /* WebP: lossy (VP8), with alpha (VP8X, ALPH, VP8), animated (VP8X, ANIM,
   * ANMF); cut within every chunk. */
  {
    g_autoptr(GBytes) lossy = save_bytes (noise, "webp");
    g_autoptr(GBytes) alpha = save_bytes (clear, "webp");
    g_autoptr(GBytes) animated = make_animated_webp (lossy, 240, 180);
    GBytes *webps[] = { lossy, alpha, animated };
    const char *names[] = { "lossy WebP", "WebP with alpha", "animated WebP" };

    g_assert_cmpmem ((const guint8 *) g_bytes_get_data (alpha, NULL) + 12, 4, "VP8X", 4);
    g_assert_cmpmem ((const guint8 *) g_bytes_get_data (alpha, NULL) + 30, 4, "ALPH", 4);
    for (guint i = 0; i < G_N_ELEMENTS (webps); i++)
      {
        const guint8 *data = g_bytes_get_data (webps[i], NULL);
        gsize length = g_bytes_get_size (webps[i]);
        GArray *cuts = g_array_new (FALSE, FALSE, sizeof (gsize));

        assert_percent_cuts_refused (names[i], webps[i]);
        /* Within each chunk's header and data. */
        for (gsize pos = 12; pos + 8 <= length;)
          {
            gsize size = data[pos + 4] | data[pos + 5] << 8 | data[pos + 6] << 16 | (gsize) data[pos + 7] << 24;
            gsize inside[] = { pos + 4, pos + 8 + size / 2 };

            g_array_append_vals (cuts, inside, G_N_ELEMENTS (inside));
            /* Into an animation frame's own chunks. */
            pos += memcmp (data + pos, "ANMF", 4) == 0 ? 8 + 16 : 8 + size + (size & 1);
          }
        assert_cuts_refused (names[i], webps[i], (const gsize *) (gpointer) cuts->data, cuts->len);
        g_array_unref (cuts);
      }

    /* A frame's chunk running past the frame but not past the file (data
     * follows the RIFF): broken, not cut. */
    {
      gsize length;
      g_autofree guint8 *forged = g_bytes_unref_to_data (g_bytes_ref (animated), &length);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) followed = NULL;

      g_assert_cmpmem (forged + 44, 4, "ANMF", 4);
      g_assert_cmpmem (forged + 44 + 8 + 16, 4, "VP8 ", 4);
      forged[44 + 8 + 16 + 4] += 2;
      bytes = g_bytes_new (forged, length);
      followed = appended (bytes, 100);
      assert_refused (followed, EPI_ERROR_CORRUPT_IMAGE, "impossible structure");
    }

    /* Animations that libwebp's demuxer refuses, about which the loader
     * would only log a warning: no frame, a frame without a bitstream. */
    for (gsize offset = 44; offset <= 44 + 8 + 16; offset += 8 + 16)
      {
        g_autoptr(GBytes) forged = forge (animated, offset + 3, 1, 'Z', FALSE);

        assert_refused (forged, EPI_ERROR_CORRUPT_IMAGE, "impossible structure");
      }
  }

  /* TIFF as gdk-pixbuf writes it (pixels, directory, then an array of
   * the directory's); then directory first, strips or tiles, SHORT or
   * LONG, cut in every block and one byte short. */
  {
    g_autoptr(GBytes) saved = save_bytes (noise, "tiff");

    assert_percent_cuts_refused ("TIFF from gdk-pixbuf", saved);
    for (guint tiles = 0; tiles < 2; tiles++)
      for (guint16 type = 3; type <= 4; type++)
        {
          gsize blocks;
          g_autoptr(GBytes) tiff = make_tiff_directory_first (48, 32, type, tiles, &blocks);
          gsize length = g_bytes_get_size (tiff);
          const gsize cuts[] = { blocks + 1, blocks + (length - blocks) / 3, length - 200, length - 1 };
          g_autofree char *what = g_strdup_printf ("TIFF in %s of %s", tiles ? "tiles" : "strips",
                                                   type == 3 ? "SHORT" : "LONG");

          if (!tiles)
            {
              assert_cuts_refused (what, tiff, cuts, G_N_ELEMENTS (cuts));
              continue;
            }

          /* gdk-pixbuf decodes no tiled TIFF today, so only the cuts. */
          for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
            {
              g_autoptr(GBytes) part = g_bytes_new_from_bytes (tiff, 0, cuts[i]);

              g_test_message ("%s cut at %" G_GSIZE_FORMAT, what, cuts[i]);
              assert_refused (part, EPI_ERROR_CORRUPT_IMAGE, "the file is truncated");
            }
        }
  }
}

/* Hostile strip tables: counts and offsets at their largest, quickly
 * refused, never read past the end. */
static void
test_tiff_strips_hostile (void)
{
  gsize blocks;
  g_autoptr(GBytes) tiff = make_tiff_directory_first (48, 32, 4, FALSE, &blocks);
  /* The entries of StripOffsets and StripByteCounts: the 6th and 9th. */
  gsize offsets = 8 + 2 + 5 * 12, counts = 8 + 2 + 8 * 12;
  const guint8 *data = g_bytes_get_data (tiff, NULL);
  guint32 table = data[counts + 8] | data[counts + 9] << 8 | data[counts + 10] << 16 | (guint32) data[counts + 11] << 24;
  struct { const char *what; GBytes *bytes; } cases[] = {
    { "2^31 strips", forge (tiff, offsets + 4, 4, 0x80000000, FALSE) },
    { "2^32 - 1 byte counts", forge (tiff, counts + 4, 4, 0xFFFFFFFF, FALSE) },
    { "offsets table at 2^32 - 1", forge (tiff, offsets + 8, 4, 0xFFFFFFFF, FALSE) },
    { "a strip at 2^32 - 1, 2^32 - 1 long",
      forge (forge (tiff, table, 4, 0xFFFFFFFF, FALSE), table - 8 * 4, 4, 0xFFFFFFFF, FALSE) },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_assert_cmpuint (data[offsets], ==, 273 & 0xFF);
  g_assert_cmpuint (data[counts], ==, 279 & 0xFF);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      assert_refused (cases[i].bytes, EPI_ERROR_CORRUPT_IMAGE, "the file is truncated");
      g_bytes_unref (cases[i].bytes);
    }
}

/* A size the header gives is shown as it is there, a GIF frame too large
 * to allocate (the decoder allocates every frame whole) is refused
 * before any decoder runs, and so is an animated WebP's frame that
 * lies outside its canvas. */
static void
test_header_sizes_named (void)
{
  g_autoptr(GdkPixbuf) pixbuf = noise_pixbuf (400, 328, FALSE);
  g_autoptr(GBytes) bmp = save_bytes (pixbuf, "bmp");
  gsize frames[2];
  g_autoptr(GBytes) gif = make_gif (14, 25, 2, frames);
  g_autoptr(GdkPixbuf) small = noise_pixbuf (240, 180, FALSE);
  g_autoptr(GBytes) still = save_bytes (small, "webp");
  g_autoptr(GBytes) animated = make_animated_webp (still, 240, 180);
  struct { const char *what; GBytes *bytes; gint code; const char *words; } cases[] = {
    { "BMP width -400", forge (bmp, 18, 4, (guint32) -400, FALSE),
      EPI_ERROR_CORRUPT_IMAGE, "impossible size (-400×328)" },
    { "BMP height -2^31", forge (bmp, 22, 4, 0x80000000, FALSE),
      EPI_ERROR_CORRUPT_IMAGE, "impossible size (400×-2147483648)" },
    { "GIF frame 65535 square", forge (forge (gif, frames[0] + 5, 2, 65535, FALSE), frames[0] + 7, 2, 65535, FALSE),
      EPI_ERROR_TOO_LARGE, "too large (65535×65535 pixels" },
    { "GIF second frame 9000 square", forge (forge (gif, frames[1] + 5, 2, 9000, FALSE), frames[1] + 7, 2, 9000, FALSE),
      EPI_ERROR_TOO_LARGE, "too large (9000×9000 pixels" },
    { "GIF screen 65535 square", forge (forge (gif, 6, 2, 65535, FALSE), 8, 2, 65535, FALSE),
      EPI_ERROR_TOO_LARGE, "too large (65535×65535 pixels" },
    /* Where an animated WebP's frame lies: its ANMF header at 44, then the
     * frame's VP8 chunk with the bitstream's own width at 14. */
    { "WebP frame at 131072,0", forge (animated, 44 + 8, 3, 65536, FALSE),
      EPI_ERROR_CORRUPT_IMAGE, "impossible size (a 240×180 frame at 131072,0 in a 240×180 picture)" },
    { "WebP frame 300 wide as its bitstream says", forge (animated, 44 + 8 + 16 + 14, 2, 300, FALSE),
      EPI_ERROR_CORRUPT_IMAGE, "impossible size (a 300×180 frame at 0,0 in a 240×180 picture)" },
    /* A forged size is named as such, though the pixels it describes
     * would run past the end of the file. */
    { "BMP 30000 square", forge (forge (bmp, 18, 4, 30000, FALSE), 22, 4, 30000, FALSE),
      EPI_ERROR_TOO_LARGE, "too large (30000×30000 pixels" },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      assert_refused (cases[i].bytes, cases[i].code, cases[i].words);
      g_bytes_unref (cases[i].bytes);
    }

  /* Frames of any size within the limit, inside the screen or not, still
   * load; so does the animated WebP. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EpiImage) image = epi_image_load_bytes (animated, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (image->n_frames, ==, 1);
  }
  {
    g_autoptr(GBytes) smaller = forge (forge (gif, frames[1] + 5, 2, 7, FALSE), frames[1] + 1, 2, 7, FALSE);
    g_autoptr(GBytes) lower = forge (gif, frames[1] + 3, 2, 1, FALSE);
    g_autoptr(GBytes) larger = forge (forge (gif, frames[1] + 5, 2, 4000, FALSE), frames[1] + 7, 2, 4000, FALSE);
    GBytes *loading[] = { gif, smaller, lower, larger };

    for (guint i = 0; i < G_N_ELEMENTS (loading); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(EpiImage) image = epi_image_load_bytes (loading[i], NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (image->n_frames, ==, 2);
        g_assert_cmpuint (image->source_width, ==, 14);
      }
  }
}

/* GIF frames reaching past their screen, or lying wholly outside it, as
 * real GIFs have them: gdk-pixbuf clips them, and only the first frame
 * is drawn. Refused is only a first frame outside the screen whose
 * disposal method restores the screen under it, which the loader copies
 * without clipping it (logging criticals), however the method is read. */
static void
test_gif_frames_outside_screen (void)
{
  struct { const char *what; GifFrame first; gboolean second; const char *refusal; } cases[] = {
    { "past the right and bottom", { 4, 5, 20, 30, 0 }, FALSE, NULL },
    { "past the right and bottom, then another", { 4, 5, 20, 30, 0 }, TRUE, NULL },
    { "past the right, left as it is", { 10, 0, 10, 10, 1 }, TRUE, NULL },
    { "past the bottom, cleared after", { 0, 20, 10, 10, 2 }, TRUE, NULL },
    { "wholly outside", { 100, 100, 10, 10, 0 }, TRUE, NULL },
    { "wholly outside, at the right edge", { 14, 0, 10, 10, 0 }, FALSE, NULL },
    { "inside, restoring the screen", { 2, 3, 10, 10, 3 }, TRUE, NULL },
    { "past the bottom, restoring the screen", { 4, 5, 10, 30, 3 }, TRUE,
      "impossible size (a 10×30 frame at 4,5 in a 14×25 picture)" },
    { "wholly outside, restoring the screen", { 100, 100, 10, 10, 3 }, FALSE,
      "impossible size (a 10×10 frame at 100,100 in a 14×25 picture)" },
    { "past the right, restoring the screen as left over", { 4, 0, 20, 10, GIF_LEFTOVER_RESTORE }, FALSE,
      "impossible size (a 20×10 frame at 4,0 in a 14×25 picture)" },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Only the first frame shows; a second, past the screen and
       * restoring it, changes nothing. */
      GifFrame frames[2] = { cases[i].first, { 6, 6, 30, 30, 3 } };
      g_autoptr(GBytes) bytes = make_placed_gif (14, 25, frames, cases[i].second ? 2 : 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = NULL;

      g_test_message ("%s", cases[i].what);
      if (cases[i].refusal != NULL)
        {
          assert_refused (bytes, EPI_ERROR_CORRUPT_IMAGE, cases[i].refusal);
          continue;
        }

      image = epi_image_load_bytes (bytes, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (image->n_frames, ==, cases[i].second ? 2 : 1);
      g_assert_cmpuint (image->width, ==, 14);
      g_assert_cmpuint (image->height, ==, 25);
      /* Black where the frame covers the screen, white elsewhere. */
      for (guint y = 0; y < 25; y++)
        for (guint x = 0; x < 14; x++)
          {
            gboolean covered = x >= frames[0].left && x - frames[0].left < frames[0].width &&
                               y >= frames[0].top && y - frames[0].top < frames[0].height;

            g_assert_cmpuint (image->pixels[y * 14 + x], ==, covered ? 0 : 255);
          }
    }

  /* A frame covering the screen loads, whatever its disposal. */
  for (int disposal = 0; disposal <= 3; disposal++)
    {
      GifFrame covering = { 0, 0, 14, 25, disposal };
      g_autoptr(GBytes) bytes = make_placed_gif (14, 25, &covering, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_bytes (bytes, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (image->pixels[0], ==, 0);
    }
}

/* What the WebP loader itself makes of a sound @animation with @options:
 * its first frame on the canvas, kept exactly as PNG, then loaded as any
 * picture. */
static EpiImage *
load_as_loader_does (GBytes               *animation,
                     const EpiLoadOptions *options)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("webp", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  EpiImage *image;

  gdk_pixbuf_loader_write_bytes (loader, animation, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (gdk_pixbuf_loader_get_pixbuf (loader)));
  png = save_bytes (gdk_pixbuf_loader_get_pixbuf (loader), "png");
  image = epi_image_load_bytes (png, options, &error);
  g_assert_no_error (error);
  return image;
}

/* @still, with its VP8 chunk, the last, holding only the first half of
 * its bitstream, every size in the file saying so. */
static GBytes *
with_half_bitstream (GBytes *still)
{
  const guint8 *data = g_bytes_get_data (still, NULL);
  GByteArray *out = g_byte_array_new ();
  gsize chunk = 12, size;

  for (;;)
    {
      size = data[chunk + 4] | data[chunk + 5] << 8 | data[chunk + 6] << 16 | (gsize) data[chunk + 7] << 24;
      if (memcmp (data + chunk, "VP8 ", 4) == 0)
        break;
      chunk += 8 + size + (size & 1);
    }
  g_assert_cmpuint (chunk + 8 + size, ==, g_bytes_get_size (still));
  size = size / 2 & ~(gsize) 1;
  g_byte_array_append (out, data, (guint) (chunk + 8 + size));
  set_le32 (out, chunk + 4, (guint32) size);
  set_le32 (out, 4, out->len - 8);
  return g_byte_array_free_to_bytes (out);
}

/* Only an animated WebP's first frame is sealed, and it is decoded as a
 * still of its own: the same picture as the loader makes of the whole
 * animation, frames counted as before, and a damaged bitstream refused
 * with an error where the loader would log a warning and criticals for
 * the animation (fatal here). */
static void
test_animated_webp_first_frame (void)
{
  g_autoptr(GdkPixbuf) noise = noise_pixbuf (240, 180, FALSE);
  g_autoptr(GdkPixbuf) clear = noise_pixbuf (120, 90, TRUE);
  g_autoptr(GdkPixbuf) small = noise_pixbuf (100, 60, FALSE);
  g_autoptr(GBytes) lossy = save_bytes (noise, "webp");
  g_autoptr(GBytes) alpha = save_bytes (clear, "webp");
  g_autoptr(GBytes) little = save_bytes (small, "webp");
  struct { const char *what; guint width, height; WebpFrame frames[3]; guint n_frames; } cases[] = {
    { "lossy, covering the canvas", 240, 180, { { lossy, 240, 180, 0, 0 } }, 1 },
    { "with alpha, covering the canvas", 120, 90,
      { { alpha, 120, 90, 0, 0 }, { little, 100, 60, 10, 20 } }, 2 },
    { "lossy, inside the canvas", 240, 180,
      { { little, 100, 60, 20, 10 }, { lossy, 240, 180, 0, 0 } }, 2 },
    { "with alpha, inside the canvas", 240, 180,
      { { alpha, 120, 90, 60, 40 }, { little, 100, 60, 0, 0 }, { little, 100, 60, 140, 120 } }, 3 },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (alpha, NULL) + 30, 4, "ALPH", 4);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) animation = make_animated_webp_frames (cases[i].width, cases[i].height,
                                                                cases[i].frames, cases[i].n_frames);
      g_autoptr(EpiImage) expected = load_as_loader_does (animation, NULL);
      g_autoptr(EpiImage) smaller_expected = NULL;
      g_autoptr(EpiImage) image = NULL;
      g_autoptr(EpiImage) smaller = NULL;
      g_autoptr(GError) error = NULL;
      EpiLoadOptions options;

      g_test_message ("%s", cases[i].what);
      image = epi_image_load_bytes (animation, NULL, &error);
      g_assert_no_error (error);
      assert_same_image (image, expected);
      g_assert_cmpuint (image->source_width, ==, cases[i].width);
      g_assert_cmpuint (image->source_height, ==, cases[i].height);
      g_assert_cmpuint (image->n_frames, ==, cases[i].n_frames);

      /* Scaled down: a frame covering the canvas is scaled by libwebp as
       * it is decoded, any other drawn on the canvas that is then scaled. */
      epi_load_options_init (&options);
      options.max_side = 64;
      smaller = epi_image_load_bytes (animation, &options, &error);
      g_assert_no_error (error);
      smaller_expected = load_as_loader_does (animation, &options);
      g_assert_cmpuint (smaller->source_width, ==, cases[i].width);
      g_assert_cmpuint (smaller->source_height, ==, cases[i].height);
      g_assert_cmpfloat (mean_difference (smaller, smaller_expected), <, 4);
      g_assert_cmpuint (smaller->n_frames, ==, cases[i].n_frames);
    }

  /* The first frame's bitstream damaged: in its frame header (the first
   * byte of its VP8 data, at 44 + 8 + 16 + 8), or cut to half its length
   * with every size in the file saying so. The loader decodes a still as
   * it is written to, and would take a cut one for whole, leaving the
   * rows it never decoded as they were in memory. */
  {
    g_autoptr(GBytes) half_lossy = with_half_bitstream (lossy);
    g_autoptr(GBytes) half_alpha = with_half_bitstream (alpha);
    WebpFrame frames[][2] = {
      { { lossy, 240, 180, 0, 0 }, { little, 100, 60, 0, 0 } },
      { { half_lossy, 240, 180, 0, 0 }, { little, 100, 60, 0, 0 } },
      { { half_alpha, 120, 90, 0, 0 }, { little, 100, 60, 0, 0 } },
      { { half_lossy, 240, 180, 0, 0 }, { lossy, 240, 180, 0, 0 } },
    };
    g_autoptr(GBytes) whole = make_animated_webp_frames (240, 180, frames[0], 2);
    GBytes *damaged[] = {
      forge (whole, 44 + 8 + 16 + 8, 1, 0xFF, FALSE),
      make_animated_webp_frames (240, 180, frames[1], 2),
      make_animated_webp_frames (120, 90, frames[2], 2),
      make_animated_webp_frames (240, 180, frames[3], 2),
      g_bytes_ref (half_lossy),
      g_bytes_ref (half_alpha),
    };

    for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
      {
        g_test_message ("damaged WebP %u", i);
        assert_refused (damaged[i], EPI_ERROR_CORRUPT_IMAGE, "damaged webp image: ");
        g_bytes_unref (damaged[i]);
      }

    /* Damage past the first frame is not seen: that frame is not sealed. */
    frames[3][0].still = lossy;
    frames[3][1].still = half_lossy;
    {
      g_autoptr(GBytes) later = make_animated_webp_frames (240, 180, frames[3], 2);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_bytes (later, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (image->n_frames, ==, 2);
    }
  }
}

/* A TGA header, 18 bytes: colour map type, image type, map length and
 * depth, size, pixel depth. */
static void
put_tga_header (GByteArray *out,
                guint8      map_type,
                guint8      type,
                guint16     map_length,
                guint8      map_depth,
                guint16     width,
                guint16     height,
                guint8      depth)
{
  g_byte_array_append (out, (const guint8[]) { 0, map_type, type, 0, 0 }, 5);
  put_le16 (out, map_length);
  g_byte_array_append (out, &map_depth, 1);
  put_le32 (out, 0);
  put_le16 (out, width);
  put_le16 (out, height);
  g_byte_array_append (out, (const guint8[]) { depth, depth == 32 ? 8 : 0 }, 2);
}

/* A TGA of @width × @height with a plausible header, without the footer
 * version 2 adds, and uncoded pixels of a grey. */
static GBytes *
make_tga (guint8  map_type,
          guint8  type,
          guint16 map_length,
          guint8  map_depth,
          guint16 width,
          guint16 height,
          guint8  depth,
          gsize   pixel_bytes)
{
  GByteArray *out = g_byte_array_new ();

  put_tga_header (out, map_type, type, map_length, map_depth, width, height, depth);
  for (gsize i = 0; i < map_length * ((map_depth + 7) / 8) + pixel_bytes; i++)
    g_byte_array_append (out, (const guint8 *) "\x80", 1);
  return g_byte_array_free_to_bytes (out);
}

/* A TGA without footer is known by a header whose every field is
 * plausible and whose pixels fit in the file; anything less stays
 * unknown. */
static void
test_tga_without_footer_named (void)
{
  const char *tga = "TGA pictures are not supported";
  const char *unknown = "not a PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or AVIF picture";
  struct { const char *what; GBytes *bytes; const char *words; } cases[] = {
    { "true colour", make_tga (0, 2, 0, 0, 20, 10, 24, 20 * 10 * 3), tga },
    { "true colour with alpha", make_tga (0, 2, 0, 0, 20, 10, 32, 20 * 10 * 4), tga },
    { "gray", make_tga (0, 3, 0, 0, 20, 10, 8, 20 * 10), tga },
    { "colour-mapped", make_tga (1, 1, 256, 24, 20, 10, 8, 20 * 10), tga },
    { "true colour in runs", make_tga (0, 10, 0, 0, 20, 10, 24, 2 * 4), tga },
    { "gray in runs", make_tga (0, 11, 0, 0, 20, 10, 8, 2 * 2), tga },
    { "colour-mapped in runs", make_tga (1, 9, 2, 32, 20, 10, 8, 4), tga },
    { "pixels missing", make_tga (0, 2, 0, 0, 20, 10, 24, 20 * 10 * 3 - 1), unknown },
    { "no size", make_tga (0, 2, 0, 0, 0, 10, 24, 100), unknown },
    { "odd depth", make_tga (0, 2, 0, 0, 2, 2, 12, 100), unknown },
    { "type 4", make_tga (0, 4, 0, 0, 2, 2, 24, 100), unknown },
    { "a map where none is used", make_tga (1, 2, 2, 24, 2, 2, 24, 100), unknown },
    { "no map where one is used", make_tga (0, 1, 0, 0, 2, 2, 8, 100), unknown },
    { "zeros", g_bytes_new_static ("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 24), unknown },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      assert_refused (cases[i].bytes, EPI_ERROR_NOT_AN_IMAGE, cases[i].words);
      g_bytes_unref (cases[i].bytes);
    }
}

/* A sealed file given to be sealed again. */
static GBytes *
make_sealed (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new ("hunter2", 7, &error);
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(EpiKey) key = NULL;
  g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
  g_autoptr(GBytes) payload = epi_payload_encode (spectrum);
  GBytes *sealed;

  g_assert_no_error (error);
  ring = epi_keyring_new (secret, EPI_KDF_MINIMAL);
  key = epi_keyring_get_seal_key (ring, &error);
  g_assert_no_error (error);
  sealed = epi_seal (key, payload, NULL, 0, &error);
  g_assert_no_error (error);
  return sealed;
}

/* The app's and the CLI's sorting says what loading would, from the
 * file's ends: every picture Epicrypt reads passes, and for everything
 * else the error is the loader's own, word for word. */
static void
test_identify_file (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GdkPixbuf) noise = noise_pixbuf (160, 120, FALSE);
  g_autoptr(GBytes) png = save_bytes (noise, "png");
  g_autoptr(GBytes) ico = NULL;
  GByteArray *big_tga = g_byte_array_new ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  struct { const char *name; GBytes *bytes; gint code; const char *words; } cases[] = {
    { "a.png", g_bytes_ref (png), -1, NULL },
    { "a.jpg", save_bytes (noise, "jpeg"), -1, NULL },
    { "a.gif", make_gif (64, 48, 3, NULL), -1, NULL },
    { "a.bmp", save_bytes (noise, "bmp"), -1, NULL },
    { "a.tif", save_bytes (noise, "tiff"), -1, NULL },
    { "a.webp", save_bytes (noise, "webp"), -1, NULL },
    { "a.heic", data_bytes ("horse.heic"), -1, NULL },
    { "a.avif", data_bytes ("coins.avif"), -1, NULL },
    /* Only the format is known from the ends; the loader says the rest. */
    { "cut.png", g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2), -1, NULL },
    { "a.ico", NULL, EPI_ERROR_NOT_AN_IMAGE, "ICO pictures are not supported (" },
    { "footer.tga", NULL, EPI_ERROR_NOT_AN_IMAGE, "TGA pictures are not supported (" },
    { "plain.tga", make_tga (0, 2, 0, 0, 20, 10, 24, 600), EPI_ERROR_NOT_AN_IMAGE, "TGA pictures" },
    { "a.svg", g_bytes_new_static ("<svg xmlns='http://www.w3.org/2000/svg'/>", 41), EPI_ERROR_NOT_AN_IMAGE, "SVG pictures" },
    { "a.pdf", g_bytes_new_static ("%PDF-1.4\n", 9), EPI_ERROR_NOT_AN_IMAGE, "a PDF document, not a picture" },
    { "a.mp4", g_bytes_new_static ("\0\0\0\x18" "ftypisom\0\0\2\0isomiso2\0\0\0\x08" "free", 32),
      EPI_ERROR_NOT_AN_IMAGE, "a video (MP4), not a picture" },
    { "a.txt", g_bytes_new_static ("hello, this is text\n", 20), EPI_ERROR_NOT_AN_IMAGE,
      "not a PNG, JPEG, GIF, BMP, TIFF, WebP, HEIF or AVIF picture" },
    { "empty.png", g_bytes_new_static ("", 0), EPI_ERROR_NOT_AN_IMAGE, "file is empty" },
    { "a.epicrypt", make_sealed (), EPI_ERROR_NOT_AN_IMAGE, "already a sealed file, not a picture" },
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* ICO as gdk-pixbuf writes it; a TGA longer than what is read of its
   * start, so that only its end tells it. */
  {
    g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 16, 16);

    gdk_pixbuf_fill (small, 0x336699FF);
    ico = save_bytes (small, "ico");
  }
  put_tga_header (big_tga, 0, 2, 0, 0, 128, 64, 24);
  g_byte_array_set_size (big_tga, 18 + 128 * 64 * 3);
  memset (big_tga->data + 18, 0x40, 128 * 64 * 3);
  g_byte_array_append (big_tga, (const guint8 *) "\0\0\0\0\0\0\0\0TRUEVISION-XFILE.\0", 26);
  /* Not plausible at its start: only the footer can tell. */
  big_tga->data[16] = 0;
  cases[9].bytes = g_steal_pointer (&ico);
  cases[10].bytes = g_byte_array_free_to_bytes (big_tga);
  g_assert_cmpuint (g_bytes_get_size (cases[10].bytes), >, 16384);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(EpiImage) image = NULL;
      gboolean ok;

      g_test_message ("%s", cases[i].name);
      test_write_file (path, g_bytes_get_data (cases[i].bytes, NULL), g_bytes_get_size (cases[i].bytes));
      ok = epi_image_identify_file (path, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, EPI_ERROR, cases[i].code);
          if (strstr (error->message, cases[i].words) == NULL)
            g_error ("“%s” does not say “%s”", error->message, cases[i].words);
          image = epi_image_load_file (path, NULL, &load_error);
          g_assert_null (image);
          g_assert_error (load_error, EPI_ERROR, cases[i].code);
          g_assert_cmpstr (load_error->message, ==, error->message);
        }
      g_bytes_unref (cases[i].bytes);
    }

  /* Files that cannot be read at all: as the loader says, and a named
   * pipe without waiting for a writer. */
  {
    g_autoptr(GError) error = NULL;
    int fd;

    g_assert_false (epi_image_identify_file (missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (epi_image_identify_file (dir, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_clear_error (&error);
    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_false (epi_image_identify_file (fifo, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_clear_error (&error);

    /* Larger than any picture read, without writing it. */
    fd = open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, g_bytes_get_data (png, NULL), 64), ==, 64);
    g_assert_cmpint (ftruncate (fd, (off_t) EPI_MAX_IMAGE_FILE_BYTES + 1), ==, 0);
    close (fd);
    g_assert_false (epi_image_identify_file (huge, &error));
    g_assert_error (error, EPI_ERROR, EPI_ERROR_TOO_LARGE);
    g_unlink (huge);
  }

  test_tmpdir_remove (dir);
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
  g_test_add_func ("/Epi/Image/truncated-structures-refused", test_truncated_structures_refused);
  g_test_add_func ("/Epi/Image/tiff-strips-hostile", test_tiff_strips_hostile);
  g_test_add_func ("/Epi/Image/header-sizes-named", test_header_sizes_named);
  g_test_add_func ("/Epi/Image/gif-frames-outside-screen", test_gif_frames_outside_screen);
  g_test_add_func ("/Epi/Image/animated-webp-first-frame", test_animated_webp_first_frame);
  g_test_add_func ("/Epi/Image/tga-without-footer-named", test_tga_without_footer_named);
  g_test_add_func ("/Epi/Image/identify-file", test_identify_file);

  return g_test_run ();
}
