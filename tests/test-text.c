/* test-text.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text stays text: a line of rendered words is sealed and opened through
 * the pipeline with the default settings, and tesseract reads the same
 * words from the drawing as from the picture. bench-text measures the
 * share over many fonts and sizes; this holds the line to all of them.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "epi-test-ocr.h"
#include "epi-test-util.h"

#define LINE_WIDTH 720

typedef struct
{
  const char *font;
  int         size;      /* px */
  double      ink;       /* gray levels, 0 to 1 */
  double      paper;
  gboolean    shaded;    /* paper lit unevenly: darker towards the bottom */
  const char *label;     /* of the test */
  const char *words;
} Line;

static void
render_line (const Line *line,
             const char *path)
{
  int height = line->size * 2;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, LINE_WIDTH, height);
  cairo_t *cr = cairo_create (surface);
  double ink = line->ink, paper = line->paper;

  if (line->shaded)
    {
      cairo_pattern_t *shade = cairo_pattern_create_linear (0, 0, 0, height);

      cairo_pattern_add_color_stop_rgb (shade, 0, paper, paper, paper);
      cairo_pattern_add_color_stop_rgb (shade, 1, 0.6 * paper, 0.6 * paper, 0.6 * paper);
      cairo_set_source (cr, shade);
      cairo_pattern_destroy (shade);
    }
  else
    cairo_set_source_rgb (cr, paper, paper, paper);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_select_font_face (cr, line->font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, line->size);
  cairo_move_to (cr, line->size, line->size * 1.35);
  cairo_show_text (cr, line->words);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
join_words (GPtrArray *words)
{
  g_ptr_array_add (words, NULL);
  g_autofree char *joined = g_strjoinv (" ", (char **) words->pdata);
  g_ptr_array_remove_index (words, words->len - 1);

  return g_steal_pointer (&joined);
}

static void
test_line_reads_back (gconstpointer data)
{
  const Line *line = data;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *picture = g_build_filename (dir, "line.png", NULL);
  g_autofree char *sealed = g_build_filename (dir, "line.png.epicrypt", NULL);
  g_autofree char *drawing = g_build_filename (dir, "line.png.drawing.png", NULL);
  g_autoptr(EpiKeyring) ring = test_bench_keyring (EPI_KDF_INTERACTIVE);
  g_autoptr(GPtrArray) written = test_split_words (line->words);
  g_autoptr(GPtrArray) from_picture = NULL;
  g_autoptr(GPtrArray) from_drawing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *picture_text = NULL, *drawing_text = NULL, *written_text = NULL;

  if (!test_ocr_ready ())
    {
      g_test_fail_printf ("tesseract with English data is not installed (Debian: tesseract-ocr "
                          "tesseract-ocr-eng; see build-aux/deps.sh)");
      return;
    }
  if (!test_font_installed (line->font))
    {
      g_test_fail_printf ("font %s is not installed (see build-aux/deps.sh)", line->font);
      return;
    }

  render_line (line, picture);
  g_assert_true (epi_pipeline_encrypt (picture, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (epi_pipeline_decrypt (sealed, drawing, ring, 0, TRUE, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  from_picture = test_ocr_words (picture, &error);
  g_assert_no_error (error);
  from_drawing = test_ocr_words (drawing, &error);
  g_assert_no_error (error);

  /* The picture itself reads right, or the test says nothing. */
  written_text = join_words (written);
  picture_text = join_words (from_picture);
  drawing_text = join_words (from_drawing);
  g_assert_cmpstr (picture_text, ==, written_text);
  g_assert_cmpstr (drawing_text, ==, picture_text);

  test_tmpdir_remove (dir);
}

/* Sizes where every word of the font reads back (bench-text has the
 * shares below them: DejaVu Sans's a, its bowl drawn one pixel thin,
 * still reads as an e at 22 px). */
static const Line lines[] = {
  { "DejaVu Sans", 30, 0.12, 0.97, FALSE, "dark", "the bright autumn stars of the little town" },
  { "DejaVu Sans", 30, 0.95, 0.10, FALSE, "light", "the bright autumn stars of the little town" },
  { "DejaVu Serif", 22, 0.12, 0.97, FALSE, "dark", "his daughter writes letters to friends" },
  { "Liberation Sans", 22, 0.12, 0.97, FALSE, "dark", "children stop by after school for sweet rolls" },
  { "Liberation Serif", 22, 0.95, 0.10, FALSE, "light", "travelling by train across the mountains" },
  { "Liberation Sans", 16, 0.12, 0.97, FALSE, "dark", "warm bread to people on their way to work" },
  { "DejaVu Sans", 30, 0.12, 0.97, TRUE, "dark-shaded", "the bright autumn stars of the little town" },
  /* Little contrast: gray on white, black on dark gray. */
  { "Liberation Sans", 16, 0.6, 1.0, FALSE, "gray-on-white", "the old baker opens his small shop" },
  { "Liberation Sans", 16, 0.0, 0.3, FALSE, "black-on-gray", "the old baker opens his small shop" },
};

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* tesseract's OpenMP threads spin: one thread reads a page faster. */
  g_setenv ("OMP_THREAD_LIMIT", "1", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *font = g_strdelimit (g_ascii_strdown (lines[i].font, -1), " ", '-');
      g_autofree char *name = g_strdup_printf ("/Epi/Text/line-reads-back/%s-%dpx-%s", font,
                                               lines[i].size, lines[i].label);

      g_test_add_data_func (name, &lines[i], test_line_reads_back);
    }

  return g_test_run ();
}
