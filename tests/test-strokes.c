/* test-strokes.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The refinements after the line finder: thick strokes and the thin ink
 * of text drawn once along their middle (epi-centerline.c) and outlines
 * found in the coverage (epi-alpha-lines.c).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define SIDE 200

/* Points along a drawn line, every quarter pixel, to measure distances
 * to it. */
typedef struct
{
  GArray *points; /* owned; of double pairs x, y */
} Curve;

static void
curve_init (Curve *curve)
{
  curve->points = g_array_new (FALSE, FALSE, 2 * sizeof (double));
}

static void
curve_clear (Curve *curve)
{
  g_clear_pointer (&curve->points, g_array_unref);
}

static void
curve_add (Curve  *curve,
           double  x,
           double  y)
{
  double p[2] = { x, y };

  g_array_append_vals (curve->points, p, 1);
}

static void
curve_add_segment (Curve  *curve,
                   double  x0,
                   double  y0,
                   double  x1,
                   double  y1)
{
  int n = (int) ceil (4 * hypot (x1 - x0, y1 - y0));

  for (int i = 0; i <= n; i++)
    curve_add (curve, x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n);
}

static void
curve_add_arc (Curve  *curve,
               double  cx,
               double  cy,
               double  r,
               double  a0,
               double  a1)
{
  int n = (int) ceil (4 * r * (a1 - a0));

  for (int i = 0; i <= n; i++)
    {
      double a = a0 + (a1 - a0) * i / n;

      curve_add (curve, cx + r * cos (a), cy + r * sin (a));
    }
}

/* Distance from the centre of pixel (x, y) to the curve. */
static double
curve_distance (const Curve *curve,
                guint        x,
                guint        y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < curve->points->len; i++)
    {
      const double *p = &g_array_index (curve->points, double, 2 * i);

      best = MIN (best, hypot (x + 0.5 - p[0], y + 0.5 - p[1]));
    }

  return best;
}

/* The share of mask pixels within @near of the curve, and the share of
 * the curve with a mask pixel within @near. */
static void
measure (const EpiEdgeMap *edges,
         const Curve      *curve,
         double            near,
         double           *on_curve,
         double           *covered)
{
  guint n_on = 0, n_mask = 0, n_covered = 0;
  int reach = (int) ceil (near);

  for (guint y = 0; y < edges->height; y++)
    for (guint x = 0; x < edges->width; x++)
      if (edges->mask[y * edges->width + x])
        {
          n_mask++;
          n_on += curve_distance (curve, x, y) <= near;
        }

  for (guint i = 0; i < curve->points->len; i++)
    {
      const double *p = &g_array_index (curve->points, double, 2 * i);
      gboolean found = FALSE;

      for (int dy = -reach - 1; dy <= reach && !found; dy++)
        for (int dx = -reach - 1; dx <= reach && !found; dx++)
          {
            int x = (int) floor (p[0]) + dx, y = (int) floor (p[1]) + dy;

            if (x >= 0 && y >= 0 && x < (int) edges->width && y < (int) edges->height &&
                edges->mask[y * edges->width + x] && hypot (x + 0.5 - p[0], y + 0.5 - p[1]) <= near)
              found = TRUE;
          }
      n_covered += found;
    }

  *on_curve = n_mask > 0 ? (double) n_on / n_mask : 0;
  *covered = (double) n_covered / curve->points->len;
}

/* 8-connected pieces of the mask. */
static guint
count_pieces (const EpiEdgeMap *edges)
{
  gsize n = (gsize) edges->width * edges->height;
  g_autofree guint8 *seen = g_malloc0 (n);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint pieces = 0;

  for (gsize start = 0; start < n; start++)
    {
      if (!edges->mask[start] || seen[start])
        continue;

      pieces++;
      seen[start] = 1;
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          gsize i = g_array_index (stack, gsize, stack->len - 1);
          int x = (int) (i % edges->width), y = (int) (i / edges->width);

          g_array_set_size (stack, stack->len - 1);
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int nx = x + dx, ny = y + dy;
                gsize j;

                if (nx < 0 || ny < 0 || nx >= (int) edges->width || ny >= (int) edges->height)
                  continue;
                j = (gsize) ny * edges->width + (gsize) nx;
                if (edges->mask[j] && !seen[j])
                  {
                    seen[j] = 1;
                    g_array_append_val (stack, j);
                  }
              }
        }
    }

  return pieces;
}

static EpiEdgeMap *
detect (const EpiImage *image)
{
  g_autoptr(GError) error = NULL;
  EpiEdgeMap *edges = epi_edges_detect (image, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edges);
  return edges;
}

/* Thick strokes ---------------------------------------------------------- */

#define STROKE_WIDTH 8
#define ARC_X        100
#define ARC_Y        100
#define ARC_R        60
#define ARC_FROM     0.3
#define ARC_TO       5.0

static void
draw_thick_arc (cairo_t  *cr,
                gpointer  user_data)
{
  cairo_set_line_width (cr, STROKE_WIDTH);
  cairo_arc (cr, ARC_X, ARC_Y, ARC_R, ARC_FROM, ARC_TO);
  cairo_stroke (cr);
}

static void
draw_light_arc_on_dark (cairo_t  *cr,
                        gpointer  user_data)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  draw_thick_arc (cr, user_data);
}

static void
assert_one_centerline (TestDrawFunc draw)
{
  g_autoptr(EpiImage) image = test_image_draw (SIDE, SIDE, draw, NULL);
  g_autoptr(EpiEdgeMap) edges = detect (image);
  Curve middle;
  double on_curve, covered, length = ARC_R * (ARC_TO - ARC_FROM);

  curve_init (&middle);
  curve_add_arc (&middle, ARC_X, ARC_Y, ARC_R, ARC_FROM, ARC_TO);

  /* Every pixel on the middle line: none on the borders, 4 pixels out. */
  for (guint y = 0; y < SIDE; y++)
    for (guint x = 0; x < SIDE; x++)
      if (edges->mask[y * SIDE + x])
        g_assert_cmpfloat (curve_distance (&middle, x, y), <=, 1.5);

  measure (edges, &middle, 1.5, &on_curve, &covered);
  g_assert_cmpfloat (covered, >=, 0.95);

  /* Once: one piece about as long as the line, not two outlines. */
  g_assert_cmpuint (count_pieces (edges), ==, 1);
  g_assert_cmpuint (edges->n_edge_pixels, >=, 0.8 * length);
  g_assert_cmpuint (edges->n_edge_pixels, <=, 1.1 * length);
  test_assert_thin (edges);

  curve_clear (&middle);
}

static void
test_thick_stroke (void)
{
  assert_one_centerline (draw_thick_arc);
}

static void
test_light_stroke_on_dark (void)
{
  assert_one_centerline (draw_light_arc_on_dark);
}

static void
draw_crossing_strokes (cairo_t  *cr,
                       gpointer  user_data)
{
  cairo_set_line_width (cr, STROKE_WIDTH);
  cairo_move_to (cr, 30, 40);
  cairo_line_to (cr, 170, 160);
  cairo_move_to (cr, 30, 160);
  cairo_line_to (cr, 170, 40);
  cairo_stroke (cr);
}

/* Where strokes cross, the middle lines cross too. */
static void
test_crossing_strokes (void)
{
  g_autoptr(EpiImage) image = test_image_draw (SIDE, SIDE, draw_crossing_strokes, NULL);
  g_autoptr(EpiEdgeMap) edges = detect (image);
  Curve middle;
  double on_curve, covered;

  curve_init (&middle);
  curve_add_segment (&middle, 30, 40, 170, 160);
  curve_add_segment (&middle, 30, 160, 170, 40);

  measure (edges, &middle, 1.5, &on_curve, &covered);
  g_assert_cmpfloat (on_curve, >=, 0.95);
  g_assert_cmpfloat (covered, >=, 0.9);
  g_assert_cmpuint (count_pieces (edges), ==, 1);
  test_assert_thin (edges);

  curve_clear (&middle);
}

static void
draw_bold_text (cairo_t  *cr,
                gpointer  user_data)
{
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 60);
  cairo_move_to (cr, 20, 85);
  cairo_show_text (cr, "Hello!");
}

/* Bold letters are drawn along their strokes, not as hollow outlines:
 * the mask lies on the ink's skeleton (its medial axis). */
static void
test_bold_text (void)
{
  g_autoptr(EpiImage) image = test_image_draw (320, 120, draw_bold_text, NULL);
  g_autoptr(EpiEdgeMap) edges = detect (image);
  g_autoptr(EpiEdgeMap) skeleton = epi_edge_map_new (image->width, image->height);
  guint w = image->width, h = image->height, on_skeleton = 0, on_rim = 0;

  for (gsize i = 0; i < (gsize) w * h; i++)
    skeleton->mask[i] = image->pixels[i] < 128;
  epi_edges_thin (skeleton->mask, w, h);

  for (guint y = 2; y + 2 < h; y++)
    for (guint x = 2; x + 2 < w; x++)
      {
        gboolean near = FALSE, rim = FALSE;

        if (!edges->mask[y * w + x])
          continue;
        for (guint yy = y - 2; yy <= y + 2; yy++)
          for (guint xx = x - 2; xx <= x + 2; xx++)
            near |= skeleton->mask[yy * w + xx];
        /* On the rim: ink and paper both right next to it. */
        for (guint yy = y - 1; yy <= y + 1; yy++)
          for (guint xx = x - 1; xx <= x + 1; xx++)
            rim |= (image->pixels[yy * w + xx] < 128) != (image->pixels[y * w + x] < 128);
        on_skeleton += near;
        on_rim += rim;
      }

  g_assert_cmpuint (edges->n_edge_pixels, >, 200);
  g_assert_cmpfloat (on_skeleton, >=, 0.8 * edges->n_edge_pixels);
  g_assert_cmpfloat (on_rim, <=, 0.2 * edges->n_edge_pixels);
  test_assert_thin (edges);
}

/* Filled shapes ---------------------------------------------------------- */

static void
draw_filled_disc (cairo_t  *cr,
                  gpointer  user_data)
{
  cairo_arc (cr, 100, 100, 60, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* The outline of the ink (gray below one half) of @image, thinned: what
 * a line finder gives for a filled shape, independent of the one in
 * epi_edges_detect(). */
static EpiEdgeMap *
ink_outline (const EpiImage *image)
{
  EpiEdgeMap *outline = epi_edge_map_new (image->width, image->height);
  guint w = image->width, h = image->height;

  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize i = (gsize) y * w + x;

        if (image->pixels[i] < 128 &&
            (image->pixels[i - 1] >= 128 || image->pixels[i + 1] >= 128 ||
             image->pixels[i - w] >= 128 || image->pixels[i + w] >= 128))
          outline->mask[i] = 1;
      }
  epi_edges_thin (outline->mask, w, h);
  epi_edge_map_count (outline);

  return outline;
}

/* The refinements applied to a copy of @outline; returns how many
 * pixels they changed. */
static guint
refine_copy (const EpiImage   *image,
             gboolean          drawn,
             const EpiEdgeMap *outline,
             EpiEdgeMap      **refined_out)
{
  EpiEdgeMap *refined = epi_edge_map_new (outline->width, outline->height);
  gsize n = (gsize) outline->width * outline->height;
  guint changed = 0;

  memcpy (refined->mask, outline->mask, n);
  epi_alpha_lines_apply (image, refined);
  epi_centerlines_apply (image, drawn, refined);
  epi_edge_map_count (refined);
  for (gsize i = 0; i < n; i++)
    changed += outline->mask[i] != refined->mask[i];

  *refined_out = refined;
  return changed;
}

/* A filled disc keeps its outline: nothing is drawn along the middle of
 * the ring of it that is darker than its surroundings. */
static void
test_filled_disc_keeps_outline (void)
{
  g_autoptr(EpiImage) image = test_image_draw (SIDE, SIDE, draw_filled_disc, NULL);
  g_autoptr(EpiEdgeMap) outline = ink_outline (image);
  g_autoptr(EpiEdgeMap) refined = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  Curve circle;
  double on_curve, covered;

  curve_init (&circle);
  curve_add_arc (&circle, 100, 100, 60, 0, 2 * G_PI);

  g_assert_cmpuint (refine_copy (image, TRUE, outline, &refined), ==, 0);
  measure (refined, &circle, 2, &on_curve, &covered);
  g_assert_cmpfloat (on_curve, >=, 0.9);
  g_assert_cmpfloat (covered, >=, 0.9);

  /* The same through the line finder: the circle is there, and nothing
   * inside it. */
  edges = detect (image);
  measure (edges, &circle, 2, &on_curve, &covered);
  g_assert_cmpfloat (covered, >=, 0.9);
  for (guint y = 0; y < SIDE; y++)
    for (guint x = 0; x < SIDE; x++)
      if (edges->mask[y * SIDE + x])
        g_assert_cmpfloat (hypot (x + 0.5 - 100, y + 0.5 - 100), >=, 60 - 3);

  curve_clear (&circle);
}

/* A filled silhouette keeps its outline: the refinements leave an
 * outline of the horse as it was, legs and tail included, and the lines
 * detected lie on that outline. */
static void
test_horse_keeps_outline (void)
{
  g_autofree char *path = test_sample_path ("horse.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiImage) image = epi_image_load_file (path, NULL, &error);
  g_autoptr(EpiEdgeMap) outline = NULL;
  g_autoptr(EpiEdgeMap) refined = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  guint w, h, near = 0;

  g_assert_no_error (error);
  g_assert_nonnull (image->alpha);
  w = image->width;
  h = image->height;

  outline = ink_outline (image);
  g_assert_cmpuint (outline->n_edge_pixels, >, 1000);
  g_assert_cmpuint (refine_copy (image, TRUE, outline, &refined), <=, outline->n_edge_pixels / 100);

  edges = detect (image);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (edges->mask[y * w + x])
        {
          gboolean found = FALSE;

          for (guint yy = y > 3 ? y - 3 : 0; yy <= MIN (h - 1, y + 3); yy++)
            for (guint xx = x > 3 ? x - 3 : 0; xx <= MIN (w - 1, x + 3); xx++)
              found |= outline->mask[yy * w + xx];
          near += found;
        }
  g_assert_cmpfloat (near, >=, 0.95 * edges->n_edge_pixels);
}

/* Thin ink: text and line art ------------------------------------------- */

#define TEXT_WIDTH  280
#define TEXT_HEIGHT 56

typedef struct
{
  const char *font;
  gboolean    light_on_dark;
} TextLine;

/* A line of text at an ordinary size, as in a screenshot: its strokes
 * are one to two pixels wide. */
static void
draw_text_line (cairo_t  *cr,
                gpointer  user_data)
{
  const TextLine *line = user_data;

  if (line->light_on_dark)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
    }
  else
    cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_select_font_face (cr, line->font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 24);
  cairo_move_to (cr, 12, 38);
  cairo_show_text (cr, "Hello World 2026");
}

/* The text is drawn along its strokes: the lines lie on the skeleton of
 * the ink (the pixels nearer the ink's gray than the paper's, thinned)
 * and cover it, whatever the line finder made of the letters. */
static void
assert_text_on_skeleton (const char *font,
                         gboolean    light_on_dark)
{
  TextLine line = { font, light_on_dark };
  g_autoptr(EpiImage) image = test_image_draw (TEXT_WIDTH, TEXT_HEIGHT, draw_text_line, &line);
  g_autoptr(EpiEdgeMap) edges = detect (image);
  gsize n = (gsize) image->width * image->height;
  g_autofree guint8 *skeleton = g_malloc0 (n);
  guint8 lo = 255, hi = 0;
  double on_skeleton, covered;

  for (gsize i = 0; i < n; i++)
    {
      lo = MIN (lo, image->pixels[i]);
      hi = MAX (hi, image->pixels[i]);
    }
  for (gsize i = 0; i < n; i++)
    skeleton[i] = light_on_dark ? 2 * image->pixels[i] > lo + hi : 2 * image->pixels[i] < lo + hi;
  epi_edges_thin (skeleton, image->width, image->height);

  on_skeleton = test_share_near (edges->mask, skeleton, image->width, image->height, 1.5);
  covered = test_share_near (skeleton, edges->mask, image->width, image->height, 1.5);
  g_test_message ("%s, %s: %.3f of the lines on the skeleton, %.3f of it covered",
                  font, light_on_dark ? "light on dark" : "dark on light", on_skeleton, covered);
  g_assert_cmpfloat (on_skeleton, >=, 0.9);
  g_assert_cmpfloat (covered, >=, 0.9);
  test_assert_thin (edges);
}

static void
test_text_sans (void)
{
  assert_text_on_skeleton ("DejaVu Sans", FALSE);
}

static void
test_text_serif (void)
{
  assert_text_on_skeleton ("DejaVu Serif", FALSE);
}

static void
test_text_light_on_dark (void)
{
  assert_text_on_skeleton ("DejaVu Sans", TRUE);
  assert_text_on_skeleton ("DejaVu Serif", TRUE);
}

#define PARAGRAPH_WIDTH  960
#define PARAGRAPH_HEIGHT 122

/* Four lines of small text on off-white paper, as in a scanned page. */
static void
draw_paragraph (cairo_t  *cr,
                gpointer  user_data)
{
  static const char * const lines[] = {
    "to people on their way to work. Children stop by after school for sweet rolls while their parents",
    "the town. In the evening he counts the coins, cleans the ovens and walks home under the bright",
    "in distant cities and dreams of travelling by train across the mountains to see the sea for the first",
    "shop near the river and sells warm bread to people on their way to work. Children stop by after",
  };

  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 16);
  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      cairo_move_to (cr, 16, 24 + 25.6 * k);
      cairo_show_text (cr, lines[k]);
    }
}

/* A block of text is a texture to a finder of region boundaries, and
 * the blank paper beside it a region of its own: no line is drawn there,
 * only on the letters. */
static void
test_paragraph_leaves_paper_blank (void)
{
  g_autoptr(EpiImage) image = test_image_draw (PARAGRAPH_WIDTH, PARAGRAPH_HEIGHT, draw_paragraph, NULL);
  g_autoptr(EpiEdgeMap) edges = detect (image);
  gsize n = (gsize) image->width * image->height;
  g_autofree guint8 *ink = g_malloc0 (n);
  double on_ink;

  for (gsize i = 0; i < n; i++)
    ink[i] = image->pixels[i] < 0.97 * 255 - 16;

  on_ink = test_share_near (edges->mask, ink, image->width, image->height, 2.0);
  g_test_message ("%.4f of the lines within 2 px of the letters", on_ink);
  g_assert_cmpfloat (on_ink, ==, 1.0);
}

/* Something like foliage in a photo: light blades and dark gaps, thin
 * and of high contrast, but blurred by the lens and on a background that
 * varies from pixel to pixel. */
static EpiImage *
texture_image (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  EpiImage *image = epi_image_new (SIDE, SIDE);
  gsize n = (gsize) SIDE * SIDE;
  g_autofree double *field = g_new (double, n);
  g_autofree double *blurred = g_new (double, n);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, SIDE, SIDE);
  cairo_t *cr = cairo_create (surface);
  const guint8 *strokes;
  int stride;

  /* Blades, bright along most of their length, as coverage. */
  for (int k = 0; k < 120; k++)
    {
      double x = g_rand_double_range (rand, 0, SIDE), y = g_rand_double_range (rand, 0, SIDE);
      double angle = g_rand_double_range (rand, 0, G_PI), length = g_rand_double_range (rand, 8, 30);

      cairo_set_source_rgba (cr, 0, 0, 0, g_rand_double_range (rand, 0.5, 1));
      cairo_set_line_width (cr, g_rand_double_range (rand, 1, 3));
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + length * cos (angle), y + length * sin (angle));
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  strokes = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* Shade on shade, then the blades on it, then the lens's blur. */
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      field[y * SIDE + x] = 60 + 30 * sin (x / 9.0) * cos (y / 13.0) +
                            g_rand_double_range (rand, -25, 25) +
                            170 * strokes[y * stride + x] / 255.0;
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        double sum = 0;
        int count = 0;

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            if (x + dx >= 0 && y + dy >= 0 && x + dx < SIDE && y + dy < SIDE)
              {
                sum += field[(y + dy) * SIDE + x + dx] * (dx || dy ? 1 : 2);
                count += dx || dy ? 1 : 2;
              }
        blurred[y * SIDE + x] = sum / count;
      }

  /* The sensor's noise, after the blur. */
  for (gsize i = 0; i < n; i++)
    {
      guint8 g = (guint8) CLAMP (blurred[i] + g_rand_double_range (rand, -8, 8), 0, 255);

      image->pixels[i] = g;
      image->rgb[3 * i] = image->rgb[3 * i + 1] = image->rgb[3 * i + 2] = g;
    }

  cairo_surface_destroy (surface);
  return image;
}

/* Photo texture is not text. Ink that the line finder did not outline
 * is only drawn along its middle when it looks like text or line art:
 * given no lines at all, the refinements find next to none in the
 * texture, while they draw the letters of a line of text. */
static void
test_texture_left_alone (void)
{
  TextLine line = { "DejaVu Sans", FALSE };
  g_autoptr(EpiImage) texture = texture_image ();
  g_autoptr(EpiImage) text = test_image_draw (TEXT_WIDTH, TEXT_HEIGHT, draw_text_line, &line);
  g_autoptr(EpiEdgeMap) outline = ink_outline (texture);
  g_autoptr(EpiEdgeMap) none = epi_edge_map_new (SIDE, SIDE);
  g_autoptr(EpiEdgeMap) none_text = epi_edge_map_new (TEXT_WIDTH, TEXT_HEIGHT);
  g_autoptr(EpiEdgeMap) refined = NULL;
  g_autoptr(EpiEdgeMap) refined_text = NULL;
  guint added;

  /* The texture has plenty of edges to find. */
  g_assert_cmpuint (outline->n_edge_pixels, >, 1000);

  added = refine_copy (texture, FALSE, none, &refined);
  g_test_message ("%u pixels of lines drawn in the texture", added);
  g_assert_cmpuint (added, <=, outline->n_edge_pixels / 100);

  g_assert_cmpuint (refine_copy (text, TRUE, none_text, &refined_text), >, 300);
}

/* Lines in the coverage ------------------------------------------------- */

#define STAR_X     100.0
#define STAR_Y     100.0
#define STAR_OUTER 80.0
#define STAR_INNER 35.0

static void
star_corner (int     i,
             double *x,
             double *y)
{
  double a = i * G_PI / 5 - G_PI / 2, r = i % 2 ? STAR_INNER : STAR_OUTER;

  *x = STAR_X + r * cos (a);
  *y = STAR_Y + r * sin (a);
}

static void
star_outline (Curve *curve)
{
  for (int i = 0; i < 10; i++)
    {
      double x0, y0, x1, y1;

      star_corner (i, &x0, &y0);
      star_corner (i + 1, &x1, &y1);
      curve_add_segment (curve, x0, y0, x1, y1);
    }
}

/* A star of @red, @green, @blue on a transparent background: as loaded,
 * composited on white, with its coverage beside. */
static EpiImage *
star_on_transparency (double      red,
                      double      green,
                      double      blue,
                      GdkPixbuf **pixbuf_out)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIDE, SIDE);
  cairo_t *cr = cairo_create (surface);
  EpiImage *image = epi_image_new (SIDE, SIDE);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, SIDE, SIDE);
  const guint8 *data;
  guint8 *out = gdk_pixbuf_get_pixels (pixbuf);
  int stride, out_stride = gdk_pixbuf_get_rowstride (pixbuf);

  cairo_set_source_rgb (cr, red, green, blue);
  for (int i = 0; i < 10; i++)
    {
      double x, y;

      star_corner (i, &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  image->alpha = g_malloc (SIDE * SIDE);
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);
        guint a = px >> 24, c[3] = { (px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF };
        guint8 *rgb = image->rgb + 3 * (y * SIDE + x);
        guint8 *o = out + y * out_stride + 4 * x;

        /* Cairo's colours are premultiplied: over white is c + (255 − a). */
        for (int k = 0; k < 3; k++)
          {
            rgb[k] = (guint8) (c[k] + 255 - a);
            o[k] = (guint8) (a > 0 ? (c[k] * 255 + a / 2) / a : 0);
          }
        o[3] = (guint8) a;
        image->alpha[y * SIDE + x] = (guint8) a;
        image->pixels[y * SIDE + x] = (guint8) ((77 * rgb[0] + 150 * rgb[1] + 29 * rgb[2] + 128) >> 8);
      }
  cairo_surface_destroy (surface);

  if (pixbuf_out != NULL)
    *pixbuf_out = pixbuf;
  else
    g_object_unref (pixbuf);
  return image;
}

/* A white star on transparency is white on white once composited: only
 * its coverage shows it. */
static void
test_white_on_transparency (void)
{
  g_autoptr(EpiImage) image = star_on_transparency (1, 1, 1, NULL);
  g_autoptr(EpiEdgeMap) edges = NULL;
  g_autoptr(EpiEdgeMap) bare = epi_edge_map_new (SIDE, SIDE);
  Curve outline;
  double on_curve, covered;

  for (gsize i = 0; i < SIDE * SIDE; i++)
    g_assert_cmpuint (image->pixels[i], ==, 255);

  edges = detect (image);
  curve_init (&outline);
  star_outline (&outline);
  measure (edges, &outline, 2, &on_curve, &covered);
  g_assert_cmpfloat (on_curve, >=, 0.95);
  g_assert_cmpfloat (covered, >=, 0.95);
  test_assert_thin (edges);

  /* The same from an empty mask, through the function itself. */
  epi_alpha_lines_apply (image, bare);
  epi_edge_map_count (bare);
  g_assert_cmpuint (bare->n_edge_pixels, >, 300);

  curve_clear (&outline);
}

/* A black star on transparency shows in the gray and in the coverage
 * alike: its outline is drawn once. */
static void
test_visible_outline_not_doubled (void)
{
  g_autoptr(EpiImage) image = star_on_transparency (0, 0, 0, NULL);
  g_autoptr(EpiEdgeMap) edges = NULL;
  g_autoptr(GError) error = NULL;
  EpiEdgeOptions options;
  Curve outline;
  double on_curve, covered, perimeter = 0;

  /* Canny finds exactly the visible outline, so any second line would
   * come from the coverage. */
  epi_edge_options_init (&options);
  options.finder = EPI_LINE_FINDER_CANNY;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);

  curve_init (&outline);
  star_outline (&outline);
  for (int i = 0; i < 10; i++)
    {
      double x0, y0, x1, y1;

      star_corner (i, &x0, &y0);
      star_corner (i + 1, &x1, &y1);
      perimeter += hypot (x1 - x0, y1 - y0);
    }

  measure (edges, &outline, 2, &on_curve, &covered);
  g_assert_cmpfloat (on_curve, >=, 0.95);
  g_assert_cmpfloat (covered, >=, 0.95);
  g_assert_cmpuint (edges->n_edge_pixels, <=, 1.15 * perimeter);
  test_assert_thin (edges);

  curve_clear (&outline);
}

/* A soft shadow has no rim: its coverage fades over many pixels, and no
 * line is drawn around it. */
static void
test_soft_coverage_has_no_outline (void)
{
  g_autoptr(EpiImage) image = epi_image_new (SIDE, SIDE);
  g_autoptr(EpiEdgeMap) edges = epi_edge_map_new (SIDE, SIDE);

  image->alpha = g_malloc (SIDE * SIDE);
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        /* 0 at the border to 255 in the middle over 70 pixels. */
        double r = hypot (x - 100, y - 100);

        image->alpha[y * SIDE + x] = (guint8) CLAMP (255 * (90 - r) / 70, 0, 255);
        image->pixels[y * SIDE + x] = 255;
        memset (image->rgb + 3 * (y * SIDE + x), 255, 3);
      }

  epi_alpha_lines_apply (image, edges);
  epi_edge_map_count (edges);
  g_assert_cmpuint (edges->n_edge_pixels, ==, 0);
}

/* The whole pipeline seals a white logo saved on a transparent
 * background, which used to have "no lines". */
static void
test_transparent_logo_pipeline (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "logo.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(EpiImage) drawn = star_on_transparency (1, 1, 1, &pixbuf);
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GError) error = NULL;
  EpiEncodeResult result;

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  spectrum = epi_pipeline_analyze (path, NULL, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spectrum);
  g_assert_cmpuint (result.n_edge_pixels, >, 300);
  g_assert_cmpuint (result.n_terms, >, 0);

  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Strokes/thick-stroke", test_thick_stroke);
  g_test_add_func ("/Epi/Strokes/light-stroke-on-dark", test_light_stroke_on_dark);
  g_test_add_func ("/Epi/Strokes/crossing-strokes", test_crossing_strokes);
  g_test_add_func ("/Epi/Strokes/bold-text", test_bold_text);
  g_test_add_func ("/Epi/Strokes/filled-disc-keeps-outline", test_filled_disc_keeps_outline);
  g_test_add_func ("/Epi/Strokes/horse-keeps-outline", test_horse_keeps_outline);
  g_test_add_func ("/Epi/Strokes/text-sans", test_text_sans);
  g_test_add_func ("/Epi/Strokes/text-serif", test_text_serif);
  g_test_add_func ("/Epi/Strokes/text-light-on-dark", test_text_light_on_dark);
  g_test_add_func ("/Epi/Strokes/paragraph-leaves-paper-blank", test_paragraph_leaves_paper_blank);
  g_test_add_func ("/Epi/Strokes/texture-left-alone", test_texture_left_alone);
  g_test_add_func ("/Epi/Strokes/white-on-transparency", test_white_on_transparency);
  g_test_add_func ("/Epi/Strokes/visible-outline-not-doubled", test_visible_outline_not_doubled);
  g_test_add_func ("/Epi/Strokes/soft-coverage-has-no-outline", test_soft_coverage_has_no_outline);
  g_test_add_func ("/Epi/Strokes/transparent-logo-pipeline", test_transparent_logo_pipeline);

  return g_test_run ();
}
