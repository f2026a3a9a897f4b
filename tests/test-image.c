/* test-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
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

static void
test_truncated_images_refused (void)
{
  const char *names[] = { "coins.png", "rocket.jpg", "debian-plasma-preview-1920x1080.jpg" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) whole = test_sample_bytes (names[i]);
      gsize length = g_bytes_get_size (whole);

      /* Cut at several places past the header. */
      for (guint part = 1; part < 8; part++)
        {
          g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, length * part / 8);
          g_autoptr(GError) error = NULL;
          g_autoptr(EpiImage) image = epi_image_load_bytes (cut, NULL, &error);

          g_test_message ("%s cut at %u/8", names[i], part);
          g_assert_error (error, EPI_ERROR, EPI_ERROR_CORRUPT_IMAGE);
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

  return g_test_run ();
}
