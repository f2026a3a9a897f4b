/* test-hostile.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile input in-process: a real sealed file damaged every possible way,
 * payloads that claim absurd sizes behind a valid seal, odd and broken
 * pictures, and a file that vanishes while queued.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define PASSWORD "hostile-pass"

static EpiKeyring *
new_ring (EpiKdfStrength strength)
{
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);

  return epi_keyring_new (secret, strength);
}

/* A sealed file as the CLI makes it (interactive costs): every single
 * bit flipped and every length cut is refused, and nothing decodes. */
static void
test_real_sealed_file (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *horse = test_sample_path ("horse.png");
  g_autofree char *sealed = g_build_filename (dir, "horse.png.epicrypt", NULL);
  g_autoptr(EpiKeyring) ring = new_ring (EPI_KDF_INTERACTIVE);
  g_autoptr(EpiKeyring) reader = new_ring (EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  EpiEncodeSettings settings;
  gsize length;
  guint refused = 0;

  /* A real drawing of a size that keeps one unseal per bit quick. */
  epi_encode_settings_init (&settings);
  settings.spectrum.n_terms = 100;
  g_assert_true (epi_pipeline_encrypt (horse, sealed, &settings, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (sealed, (char **) &data, &length, NULL));

  for (gsize bit = 0; bit < 8 * length; bit++)
    {
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(GError) flip_error = NULL;

      data[bit / 8] ^= (guint8) (1u << (bit % 8));
      opened = epi_unseal (reader, data, length, NULL, NULL, &flip_error);
      data[bit / 8] ^= (guint8) (1u << (bit % 8));

      if (opened != NULL)
        g_error ("flipping bit %" G_GSIZE_FORMAT " of a real sealed file went unnoticed", bit);
      g_assert_true (flip_error->domain == EPI_ERROR);
      refused++;
    }

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) cut_error = NULL;
      g_autoptr(GBytes) opened = epi_unseal (reader, data, cut, NULL, NULL, &cut_error);

      g_assert_null (opened);
      g_assert_true (cut_error->domain == EPI_ERROR);
    }

  g_test_message ("%u bit flips and %" G_GSIZE_FORMAT " cuts of a %" G_GSIZE_FORMAT "-byte file refused",
                  refused, length, length);

  /* Undamaged, it opens. */
  {
    g_autoptr(GBytes) opened = epi_unseal (reader, data, length, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (opened);
  }

  test_tmpdir_remove (dir);
}

static GByteArray *
small_payload (void)
{
  g_autoptr(EpiSpectrum) s = epi_spectrum_new (2, 1);
  g_autoptr(GBytes) bytes = NULL;

  s->width = 100;
  s->height = 80;
  s->n_points = 64;
  s->terms[0] = (EpiTerm) { 0, 50, 40 };
  s->terms[1] = (EpiTerm) { 1, 20, 0 };
  s->spans[0] = (EpiSpan) { 10, 4 };
  bytes = epi_payload_encode (s);
  return g_bytes_unref_to_array (g_steal_pointer (&bytes));
}

/* Payloads that lie about their sizes, sealed properly so that only the
 * decoder stands between them and the rest: each is refused, from its
 * counts, before anything large is allocated (under AddressSanitizer a
 * multi-gigabyte allocation would abort the test). */
static void
test_absurd_payloads (void)
{
  g_autoptr(EpiKeyring) ring = new_ring (EPI_KDF_MINIMAL);
  g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, NULL);
  struct { const char *what; gsize offset; guint32 value; } counts[] = {
    { "K near UINT32_MAX", 16, G_MAXUINT32 - 1 },
    { "N near UINT32_MAX", 12, G_MAXUINT32 },
    { "K and N huge", 12, 0x7FFFFFFF },
    { "width 0", 4, 0 },
    { "height 0", 8, 0 },
    { "huge width", 4, 0x7FFFFFFF },
    { "spans near UINT32_MAX", 20, G_MAXUINT32 },
    { "a span past the end", 24 + 4, 1000 },
    { "a span at UINT32_MAX", 24, G_MAXUINT32 },
  };
  double bad_values[] = { NAN, INFINITY, -INFINITY, 1e300 };

  for (guint i = 0; i < G_N_ELEMENTS (counts) + G_N_ELEMENTS (bad_values); i++)
    {
      g_autoptr(GByteArray) payload = small_payload ();
      g_autoptr(GBytes) clear = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(EpiSpectrum) spectrum = NULL;
      g_autoptr(GError) error = NULL;

      if (i < G_N_ELEMENTS (counts))
        test_put_u32 (payload, counts[i].offset, counts[i].value);
      else
        /* The second term's amplitude. */
        test_put_f64 (payload, 24 + 8 + 24 + 8, bad_values[i - G_N_ELEMENTS (counts)]);

      clear = g_bytes_new (payload->data, payload->len);
      sealed = epi_seal (key, clear, NULL, 0, NULL);
      opened = epi_unseal (ring, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), NULL, NULL, &error);
      g_assert_no_error (error);

      spectrum = epi_payload_decode (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened), &error);
      g_assert_null (spectrum);
      g_assert_error (error, EPI_ERROR, EPI_ERROR_BAD_PAYLOAD);
      g_test_message ("%s: %s", i < G_N_ELEMENTS (counts) ? counts[i].what : "bad amplitude", error->message);
    }
}

typedef enum
{
  WORKS,
  FAILS,
} Outcome;

/* Odd pictures each either work or fail with their own clear error. */
static void
test_odd_pictures (void)
{
  g_autoptr(GBytes) horse = test_sample_bytes ("horse.png");
  g_autofree char *dir = test_tmpdir_new ();
  struct { const char *name; Outcome outcome; gint code; } cases[] = {
    { "empty.png", FAILS, EPI_ERROR_NOT_AN_IMAGE },
    { "bad-crc.png", FAILS, EPI_ERROR_CORRUPT_IMAGE },
    { "text.png", FAILS, EPI_ERROR_NOT_AN_IMAGE },
    { "drawing.svg", FAILS, EPI_ERROR_NOT_AN_IMAGE },
    { "bogus-header.bmp", FAILS, EPI_ERROR_CORRUPT_IMAGE },
    { TESTS_DATA_DIR "/sixteen-bit.png", WORKS, 0 },
    { TESTS_DATA_DIR "/cmyk.jpg", WORKS, 0 },
    { SAMPLES_DIR "/no_time_for_that_tiny.gif", WORKS, 0 },
    { TESTS_DATA_DIR "/one-pixel.png", FAILS, EPI_ERROR_NO_LINES },
    { SAMPLES_DIR "/gnome-vnc-l.webp", FAILS, EPI_ERROR_NO_LINES },
  };
  gsize length;
  g_autofree guint8 *bad_crc = g_bytes_unref_to_data (g_bytes_ref (horse), &length);
  g_autofree char *empty = g_build_filename (dir, "empty.png", NULL);
  g_autofree char *crc = g_build_filename (dir, "bad-crc.png", NULL);
  g_autofree char *text = g_build_filename (dir, "text.png", NULL);

  /* One byte of the first chunk after the header changed: its CRC fails. */
  bad_crc[40] ^= 0x55;
  test_write_file (empty, "", 0);
  test_write_file (crc, bad_crc, length);
  test_write_file (text, "this is not a picture\n", 22);
  /* A format gdk-pixbuf reads but Epicrypt does not hand it. */
  {
    g_autofree char *svg = g_build_filename (dir, "drawing.svg", NULL);
    const char *doc = "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='30'>"
                      "<rect x='5' y='5' width='20' height='10'/></svg>";

    test_write_file (svg, doc, strlen (doc));
  }
  /* A BMP whose info header claims a length of 2^32 - 132 bytes, as the
   * fuzzer found: the loader would try to allocate 4 GB for it. */
  {
    g_autofree char *bmp = g_build_filename (dir, "bogus-header.bmp", NULL);
    g_autoptr(GBytes) icon = test_sample_bytes ("pygame_icon_mac.bmp");
    gsize bmp_length;
    g_autofree guint8 *bytes = g_bytes_unref_to_data (g_bytes_ref (icon), &bmp_length);

    bytes[14] = 0x7C;
    bytes[15] = bytes[16] = bytes[17] = 0xFF;
    test_write_file (bmp, bytes, bmp_length);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = cases[i].name[0] == '/' ? g_strdup (cases[i].name)
                                                      : g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiSpectrum) spectrum = epi_pipeline_analyze (path, NULL, NULL, NULL, NULL, NULL, &error);

      if (cases[i].outcome == WORKS)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (spectrum->n_terms, >, 0);
        }
      else
        {
          if (error == NULL || error->code != cases[i].code)
            g_error ("%s: expected error %d, got %s", cases[i].name, cases[i].code,
                     error != NULL ? error->message : "success");
          g_assert_true (g_str_has_prefix (error->message, path));
        }
    }

  test_tmpdir_remove (dir);
}

static void
on_finished (EpiBatch  *batch,
             GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

/* A picture removed while it waits its turn fails alone. */
static void
test_input_vanishes (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiBatch) batch = epi_batch_new (1);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *names[] = { "camera.png", "coins.png", "horse.png" };

  g_signal_connect (batch, "finished", G_CALLBACK (on_finished), loop);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = test_sample_bytes (names[i]);
      g_autofree char *input = g_build_filename (dir, names[i], NULL);
      g_autofree char *output = g_strconcat (input, ".epicrypt", NULL);
      g_autoptr(EpiTask) task = NULL;

      test_write_file (input, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      task = epi_task_new_encrypt (input, output, NULL, EPI_KDF_MINIMAL, secret);
      epi_batch_add (batch, i + 1, task, NULL);
    }

  /* The last is still queued behind the others on one worker. */
  {
    g_autofree char *last = g_build_filename (dir, "horse.png", NULL);

    g_assert_cmpint (g_unlink (last), ==, 0);
  }
  g_main_loop_run (loop);

  for (guint id = 1; id <= 3; id++)
    {
      EpiBatchTask *task = epi_batch_lookup (batch, id);
      g_autoptr(GError) error = epi_batch_task_dup_error (task);

      g_assert_cmpint (epi_batch_task_get_state (task), ==, id == 3 ? EPI_TASK_FAILED : EPI_TASK_DONE);
      if (id == 3)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    }

  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Hostile/real-sealed-file", test_real_sealed_file);
  g_test_add_func ("/Epi/Hostile/absurd-payloads", test_absurd_payloads);
  g_test_add_func ("/Epi/Hostile/odd-pictures", test_odd_pictures);
  g_test_add_func ("/Epi/Hostile/input-vanishes", test_input_vanishes);

  return g_test_run ();
}
