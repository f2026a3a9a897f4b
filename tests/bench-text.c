/* bench-text.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does text stay readable once sealed? Renders lines of ordinary words in
 * several fonts and sizes, dark on light and light on dark, seals and
 * opens each picture through the pipeline, and has tesseract read the
 * original and the drawing. Per size it prints the share of the words
 * read from the original that are read back from the drawing, with K and
 * the payload size, for each stroke bound compared: by default the RMSE
 * alone (no bound) and the default bound, in one run, so that both see
 * the same lines, and every term (the traced path itself: what the line
 * finder leaves to read, the ceiling of any bound).
 *
 * EPICRYPT_BENCH_BOUNDS="inf,1,0.75,0.5,all" compares other bounds (working
 * pixels; inf for the RMSE alone, all for every term); EPICRYPT_BENCH_KEEP=DIR keeps the
 * pictures and drawings there. A benchmark: it prints figures and fails
 * only when it cannot run; without tesseract it exits 77 (skipped).
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-ocr.h"
#include "epi-test-util.h"

#define WIDTH        960
#define N_LINES      4
#define MAX_VARIANTS 8
#define SKIP         77

static const char * const fonts[] = {
  "DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "Z003",
};

static const int sizes[] = { 10, 12, 16, 22, 30, 40 };

/* Plain words, so that OCR's dictionary helps the original and the
 * drawing alike. */
static const char passage[] =
  "Every morning the old baker opens his small shop near the river and sells "
  "warm bread to people on their way to work. Children stop by after school "
  "for sweet rolls while their parents talk about the weather, the garden and "
  "the news of the town. In the evening he counts the coins, cleans the ovens "
  "and walks home under the bright autumn stars. His daughter writes letters "
  "to friends in distant cities and dreams of travelling by train across the "
  "mountains to see the sea for the first time.";

/* Figures of one bound over the pictures of one size. */
typedef struct
{
  guint  words_original;  /* words OCR read from the originals */
  guint  words_read;      /* of those, read again from the drawings */
  guint  n_pictures;
  double terms;           /* sums, for the means */
  double payload_bytes;
  double stroke_error;
  GArray *spectrum_ms;
} Tally;

/* Writes N_LINES lines of the passage, from word @first on, to @path and
 * returns the words written. */
static GPtrArray *
render_text (const char *font,
             int         size,
             gboolean    dark_on_light,
             guint       first,
             const char *path)
{
  g_auto(GStrv) words = g_strsplit (passage, " ", -1);
  guint n_words = g_strv_length (words);
  int height = (int) ceil (size * (1.6 * N_LINES + 1.2));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, height);
  cairo_t *cr = cairo_create (surface);
  double ink = dark_on_light ? 0.12 : 0.95;
  double paper = dark_on_light ? 0.97 : 0.10;
  g_autoptr(GString) all = g_string_new (NULL);
  guint next = first % n_words;

  cairo_set_source_rgb (cr, paper, paper, paper);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_select_font_face (cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);

  for (int line = 0; line < N_LINES; line++)
    {
      g_autoptr(GString) text = g_string_new (words[next]);

      next = (next + 1) % n_words;
      for (;;)
        {
          g_autofree char *longer = g_strconcat (text->str, " ", words[next], NULL);
          cairo_text_extents_t extents;

          cairo_text_extents (cr, longer, &extents);
          if (extents.x_advance > WIDTH - 2 * size)
            break;
          g_string_assign (text, longer);
          next = (next + 1) % n_words;
        }
      cairo_move_to (cr, size, size * (1.6 * line + 1.5));
      cairo_show_text (cr, text->str);
      g_string_append_printf (all, "%s\n", text->str);
    }

  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return test_split_words (all->str);
}

/* Every term: the bound that stands for "keep them all". */
#define ALL_TERMS (-1.0)

static char *
bound_label (double bound)
{
  if (bound == ALL_TERMS)
    return g_strdup ("all terms (the path)");
  return isfinite (bound) ? g_strdup_printf ("bound %.2f px", bound) : g_strdup ("RMSE only");
}

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0;
}

static void
print_summary_row (const char *label,
                   Tally      *tallies,
                   guint       n_bounds,
                   guint       truth_read,
                   guint       truth_total)
{
  g_print ("%-7s %5.1f |", label, percent (truth_read, truth_total));
  for (guint v = 0; v < n_bounds; v++)
    {
      Tally *t = &tallies[v];
      guint n = MAX (t->n_pictures, 1);

      g_print (" %6.0f %7.0f %5.2f %6.1f %5.1f |", t->terms / n, t->payload_bytes / n,
               t->stroke_error / n,
               t->spectrum_ms->len ? test_median ((double *) (gpointer) t->spectrum_ms->data,
                                                  t->spectrum_ms->len) : 0,
               percent (t->words_read, t->words_original));
    }
  g_print ("\n");
}

static void
tally_add (Tally       *into,
           const Tally *from)
{
  into->words_original += from->words_original;
  into->words_read += from->words_read;
  into->n_pictures += from->n_pictures;
  into->terms += from->terms;
  into->payload_bytes += from->payload_bytes;
  into->stroke_error += from->stroke_error;
  g_array_append_vals (into->spectrum_ms, from->spectrum_ms->data, from->spectrum_ms->len);
}

/* Reads EPICRYPT_BENCH_BOUNDS into @bounds; FALSE on a bad entry. */
static gboolean
parse_bounds (double *bounds,
              guint  *n_bounds)
{
  const char *env = g_getenv ("EPICRYPT_BENCH_BOUNDS");
  g_auto(GStrv) names = g_strsplit (env != NULL ? env : "inf,default,all", ",", -1);

  *n_bounds = 0;
  for (guint i = 0; names[i] != NULL && *n_bounds < MAX_VARIANTS; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_strcmp0 (name, "default") == 0)
        bounds[(*n_bounds)++] = EPI_DEFAULT_STROKE_BOUND;
      else if (g_ascii_strcasecmp (name, "inf") == 0)
        bounds[(*n_bounds)++] = INFINITY;
      else if (g_strcmp0 (name, "all") == 0)
        bounds[(*n_bounds)++] = ALL_TERMS;
      else if (g_ascii_strtod (name, NULL) > 0)
        bounds[(*n_bounds)++] = g_ascii_strtod (name, NULL);
      else
        {
          g_printerr ("EPICRYPT_BENCH_BOUNDS: '%s' is not a bound in pixels\n", name);
          return FALSE;
        }
    }

  return *n_bounds > 0;
}

/* Seals @original with @bound, opens it, reads the drawing, adds the
 * figures to @tally and prints them; FALSE when something cannot run. */
static gboolean
seal_and_read (const char        *original,
               GPtrArray         *read_original,
               const char        *stem,
               double             bound,
               EpiEncodeSettings *settings,
               EpiKeyring        *ring,
               gboolean           keep,
               Tally             *tally)
{
  g_autofree char *sealed = g_strdup_printf ("%s.epicrypt", stem);
  g_autofree char *drawing = g_strdup_printf ("%s.drawing.png", stem);
  g_autoptr(GPtrArray) read_drawing = NULL;
  g_autoptr(GError) error = NULL;
  EpiEncodeResult result;
  double ms;
  guint common;

  settings->spectrum.n_terms = bound == ALL_TERMS ? EPI_MAX_POINTS : 0;
  settings->spectrum.stroke_bound = bound == ALL_TERMS ? INFINITY : bound;
  if (!epi_pipeline_encrypt (original, sealed, settings, ring, NULL, NULL, NULL,
                             &result, NULL, &error) ||
      !epi_pipeline_decrypt (sealed, drawing, ring, 0, TRUE, NULL, NULL, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  read_drawing = test_ocr_words (drawing, &error);
  if (read_drawing == NULL)
    {
      g_printerr ("tesseract failed on %s: %s\n", drawing, error->message);
      return FALSE;
    }

  common = test_count_common (read_original, read_drawing);
  ms = result.stage_seconds[EPI_STAGE_SPECTRUM] * 1000;
  tally->words_original += read_original->len;
  tally->words_read += common;
  tally->n_pictures++;
  tally->terms += result.n_terms;
  tally->payload_bytes += result.payload_bytes;
  tally->stroke_error += result.stroke_error;
  g_array_append_val (tally->spectrum_ms, ms);

  g_print (" %5u %7" G_GSIZE_FORMAT " %3.1f %5.1f |", result.n_terms, result.payload_bytes,
           result.stroke_error, percent (common, read_original->len));
  if (!keep)
    {
      g_unlink (sealed);
      g_unlink (drawing);
    }

  return TRUE;
}

static void
print_header (const double *bounds,
              guint         n_bounds,
              guint         n_fonts)
{
  g_print ("Text read back by tesseract from sealed drawings; %u fonts, %d lines of %d px wide pictures\n\n",
           n_fonts, N_LINES, WIDTH);
  g_print ("%-4s %-16s %-5s %9s |", "size", "font", "ink", "words");
  for (guint v = 0; v < n_bounds; v++)
    {
      g_autofree char *label = bound_label (bounds[v]);

      g_print (" %-23s |", label);
    }
  g_print ("\n%-4s %-16s %-5s %9s |", "px", "", "", "orig/text");
  for (guint v = 0; v < n_bounds; v++)
    g_print (" %5s %7s %3s %5s |", "K", "bytes", "px", "read%");
  g_print ("\n");
}

static void
print_summary (const double *bounds,
               guint         n_bounds,
               guint         n_fonts,
               Tally         tallies[][MAX_VARIANTS],
               const guint  *truth_read,
               const guint  *truth_total)
{
  Tally large[MAX_VARIANTS] = { 0 };
  guint large_truth_read = 0, large_truth_total = 0;

  g_print ("\nPer size, over %u fonts x 2 inks. orig%%: rendered words that OCR reads from the "
           "original; then per bound: mean K, mean payload bytes, mean stroke error (px, "
           "%dth percentile), median spectrum ms, and read%%: the original's OCR'd words read "
           "back from the drawing\n\n", n_fonts, EPI_STROKE_PERCENTILE);
  g_print ("%-7s %5s |", "size", "orig%");
  for (guint v = 0; v < n_bounds; v++)
    {
      g_autofree char *label = bound_label (bounds[v]);

      g_print (" %-34s |", label);
    }
  g_print ("\n%-7s %5s |", "", "");
  for (guint v = 0; v < n_bounds; v++)
    g_print (" %6s %7s %5s %6s %5s |", "K", "bytes", "err", "ms", "read%");
  g_print ("\n");

  for (guint v = 0; v < n_bounds; v++)
    large[v].spectrum_ms = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *label = g_strdup_printf ("%d px", sizes[s]);

      print_summary_row (label, tallies[s], n_bounds, truth_read[s], truth_total[s]);
      if (sizes[s] < 16)
        continue;
      for (guint v = 0; v < n_bounds; v++)
        tally_add (&large[v], &tallies[s][v]);
      large_truth_read += truth_read[s];
      large_truth_total += truth_total[s];
    }
  print_summary_row (">=16 px", large, n_bounds, large_truth_read, large_truth_total);
  for (guint v = 0; v < n_bounds; v++)
    g_array_unref (large[v].spectrum_ms);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GPtrArray) fonts_found = g_ptr_array_new ();
  g_autofree char *dir = NULL;
  const char *keep = g_getenv ("EPICRYPT_BENCH_KEEP");
  double bounds[MAX_VARIANTS];
  guint n_bounds = 0, picture = 0;
  Tally tallies[G_N_ELEMENTS (sizes)][MAX_VARIANTS] = { 0 };
  guint truth_read[G_N_ELEMENTS (sizes)] = { 0 }, truth_total[G_N_ELEMENTS (sizes)] = { 0 };
  EpiEncodeSettings settings;
  int status = EXIT_SUCCESS;

  g_assert_no_error (error);

  /* tesseract's OpenMP threads spin: one thread reads a page 3× faster. */
  g_setenv ("OMP_THREAD_LIMIT", "1", TRUE);
  if (!test_ocr_ready ())
    {
      g_print ("tesseract with English data is not installed (Debian: tesseract-ocr "
               "tesseract-ocr-eng): skipped\n");
      return SKIP;
    }
  for (guint f = 0; f < G_N_ELEMENTS (fonts); f++)
    {
      if (test_font_installed (fonts[f]))
        g_ptr_array_add (fonts_found, (gpointer) fonts[f]);
      else
        g_print ("font %s is not installed: left out (see build-aux/deps.sh)\n", fonts[f]);
    }
  if (fonts_found->len == 0)
    {
      g_print ("none of the fonts is installed: skipped\n");
      return SKIP;
    }
  if (!parse_bounds (bounds, &n_bounds))
    return EXIT_FAILURE;

  ring = test_bench_keyring (EPI_KDF_INTERACTIVE);
  epi_encode_settings_init (&settings);
  settings.overwrite = TRUE;
  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      dir = g_strdup (keep);
    }
  else
    dir = test_tmpdir_new ();
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint v = 0; v < n_bounds; v++)
      tallies[s][v].spectrum_ms = g_array_new (FALSE, FALSE, sizeof (double));

  print_header (bounds, n_bounds, fonts_found->len);
  for (guint s = 0; s < G_N_ELEMENTS (sizes) && status == EXIT_SUCCESS; s++)
    for (guint f = 0; f < fonts_found->len && status == EXIT_SUCCESS; f++)
      for (int polarity = 0; polarity < 2 && status == EXIT_SUCCESS; polarity++, picture++)
        {
          const char *font = g_ptr_array_index (fonts_found, f);
          gboolean dark = polarity == 0;
          g_autofree char *name = g_strdup_printf ("%02d-%s-%s", sizes[s], font, dark ? "dark" : "light");
          g_autofree char *base = g_strdelimit (g_strdup (name), " ", '_');
          g_autofree char *original = g_strdup_printf ("%s/%s.png", dir, base);
          g_autoptr(GPtrArray) truth = render_text (font, sizes[s], dark, picture * 11, original);
          g_autoptr(GPtrArray) read_original = test_ocr_words (original, &error);

          if (read_original == NULL)
            {
              g_printerr ("tesseract failed on %s: %s\n", original, error->message);
              status = EXIT_FAILURE;
              break;
            }
          truth_read[s] += test_count_common (truth, read_original);
          truth_total[s] += truth->len;

          g_print ("%-4d %-16s %-5s %4u/%-4u |", sizes[s], font, dark ? "dark" : "light",
                   read_original->len, truth->len);
          for (guint v = 0; v < n_bounds && status == EXIT_SUCCESS; v++)
            {
              g_autofree char *stem = g_strdup_printf ("%s/%s.%u", dir, base, v);

              if (!seal_and_read (original, read_original, stem, bounds[v], &settings, ring,
                                  keep != NULL, &tallies[s][v]))
                status = EXIT_FAILURE;
            }
          g_print ("\n");
          if (keep == NULL)
            g_unlink (original);
        }

  if (status == EXIT_SUCCESS)
    print_summary (bounds, n_bounds, fonts_found->len, tallies, truth_read, truth_total);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint v = 0; v < n_bounds; v++)
      g_array_unref (tallies[s][v].spectrum_ms);
  if (keep == NULL)
    test_tmpdir_remove (dir);
  else
    g_print ("\nPictures, sealed files and drawings are in %s\n", keep);

  return status;
}
