/* test-edges.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-test-util.h"

static void
draw_square (cairo_t  *cr,
             gpointer  user_data)
{
  cairo_rectangle (cr, 30, 30, 40, 40);
  cairo_fill (cr);
}

static void
draw_nothing (cairo_t  *cr,
              gpointer  user_data)
{
}

static void
test_square_outline (void)
{
  g_autoptr(EpiImage) image = test_image_draw (100, 100, draw_square, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = epi_edges_detect (image, NULL, &error);
  guint near_boundary = 0;

  g_assert_no_error (error);

  for (guint y = 0; y < 100; y++)
    for (guint x = 0; x < 100; x++)
      {
        /* Distance to the square's outline at 30 and 70. */
        double dx = MAX (MAX (30.0 - (x + 0.5), (x + 0.5) - 70.0), 0.0);
        double dy = MAX (MAX (30.0 - (y + 0.5), (y + 0.5) - 70.0), 0.0);
        double outside = hypot (dx, dy);
        double inside = MIN (MIN ((x + 0.5) - 30.0, 70.0 - (x + 0.5)),
                             MIN ((y + 0.5) - 30.0, 70.0 - (y + 0.5)));
        double d = outside > 0 ? outside : fabs (inside);

        if (!edges->mask[y * 100 + x])
          continue;
        g_assert_cmpfloat (d, <=, 2.5);
        near_boundary++;
      }

  /* One pixel wide all round: about the perimeter, not twice it. */
  g_assert_cmpuint (near_boundary, ==, edges->n_edge_pixels);
  g_assert_cmpuint (edges->n_edge_pixels, >=, 4 * 40 * 9 / 10);
  g_assert_cmpuint (edges->n_edge_pixels, <=, 4 * 40 * 11 / 10);
}

static void
test_flat_picture_has_no_lines (void)
{
  g_autoptr(EpiImage) image = test_image_draw (64, 48, draw_nothing, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = epi_edges_detect (image, NULL, &error);

  g_assert_error (error, EPI_ERROR, EPI_ERROR_NO_LINES);
  g_assert_null (edges);
}

static void
test_thresholds_can_be_set (void)
{
  g_autoptr(EpiImage) image = test_image_draw (100, 100, draw_square, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  EpiEdgeOptions options;

  epi_edge_options_init (&options);
  options.finder = EPI_LINE_FINDER_CANNY;
  options.low_threshold = 10;
  options.high_threshold = 20;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (edges->high_threshold, ==, 20);
  g_assert_cmpfloat (edges->low_threshold, ==, 10);
  epi_edge_map_free (g_steal_pointer (&edges));

  /* Above the strongest gradient of a black/white step. */
  options.high_threshold = 5000;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_NO_LINES);
}

/* Lines are one pixel wide on real pictures: no edge pixel could be taken
 * away without cutting a line or shortening one. */
static void
test_lines_are_thin (void)
{
  const char *names[] = { "camera.png", "chelsea.png", "rocket.jpg", "coins.png", "horse.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = test_sample_path (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpiImage) image = epi_image_load_file (path, NULL, &error);
      g_autoptr(EpiEdgeMap) edges = NULL;

      g_assert_no_error (error);
      edges = epi_edges_detect (image, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (edges->n_edge_pixels, >, 500);

      g_test_message ("%s", names[i]);
      test_assert_thin (edges);
    }
}

static void
test_bad_sigma (void)
{
  g_autoptr(EpiImage) image = test_image_draw (32, 32, draw_square, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  EpiEdgeOptions options;

  epi_edge_options_init (&options);
  options.finder = EPI_LINE_FINDER_CANNY;
  options.sigma = 0;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A drawn picture gets Canny's edges with the boundary finder too, so
   * its blur is checked there as well. */
  options.finder = EPI_LINE_FINDER_BOUNDARIES;
  edges = epi_edges_detect (image, &options, &error);
  g_assert_null (edges);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  epi_edge_options_init (&options);
  for (guint i = 0; i < 2; i++)
    {
      options.detail = i == 0 ? -0.01 : 1.01;
      edges = epi_edges_detect (image, &options, &error);
      g_assert_null (edges);
      g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

/* Every finder's name leads back to it; other names are refused. */
static void
test_finder_names (void)
{
  EpiLineFinder finder = EPI_LINE_FINDER_CANNY;

  for (guint f = 0; f < EPI_N_LINE_FINDERS; f++)
    {
      const char *name = epi_line_finder_get_name ((EpiLineFinder) f);
      EpiLineFinder back = EPI_N_LINE_FINDERS;

      g_assert_nonnull (name);
      g_assert_true (epi_line_finder_from_name (name, &back));
      g_assert_cmpint (back, ==, f);
    }
  g_assert_cmpstr (epi_line_finder_get_name (EPI_LINE_FINDER_BOUNDARIES), ==, "boundaries");
  g_assert_false (epi_line_finder_from_name ("Canny", &finder));
  g_assert_false (epi_line_finder_from_name ("", &finder));
  g_assert_false (epi_line_finder_from_name (NULL, &finder));
  g_assert_cmpint (finder, ==, EPI_LINE_FINDER_CANNY);
}

/* A cartoon: flat fields of colour, a dark outline, a caption. */
static void
draw_cartoon (cairo_t  *cr,
              gpointer  user_data)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.3, 0.5, 0.9);
  cairo_rectangle (cr, 20, 90, 160, 50);
  cairo_fill (cr);
  cairo_arc (cr, 100, 70, 45, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 0.85, 0.2);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 40, 125);
  cairo_show_text (cr, "Sunny side");
}

/* A drawn picture has no texture to leave out: the default finder
 * traces it by its edges, exactly as Canny does. */
/* The lines of @image by the default finder (the boundary finder) and
 * by Canny's. */
static void
detect_both (const EpiImage  *image,
             EpiEdgeMap     **by_default,
             EpiEdgeMap     **canny)
{
  g_autoptr(GError) error = NULL;
  EpiEdgeOptions options;

  epi_edge_options_init (&options);
  g_assert_cmpint (options.finder, ==, EPI_LINE_FINDER_BOUNDARIES);
  *by_default = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
  options.finder = EPI_LINE_FINDER_CANNY;
  *canny = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
}

static void
test_drawn_picture_traced_by_edges (void)
{
  g_autoptr(EpiImage) image = test_image_draw (200, 160, draw_cartoon, NULL);
  g_autoptr(EpiEdgeMap) by_default = NULL;
  g_autoptr(EpiEdgeMap) canny = NULL;

  detect_both (image, &by_default, &canny);
  g_assert_cmpuint (by_default->n_edge_pixels, >, 0);
  g_assert_cmpmem (by_default->mask, (gsize) image->width * image->height,
                   canny->mask, (gsize) image->width * image->height);
}

/* Turns @image gray in place (Rec. 601 luma), as a gray photo is. */
static void
make_gray (EpiImage *image)
{
  for (gsize i = 0; i < (gsize) image->width * image->height; i++)
    {
      guint8 *p = image->rgb + 3 * i;
      guint8 gray = (guint8) ((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);

      p[0] = p[1] = p[2] = gray;
    }
}

/* Squeezes the levels of @image into a tenth of the range around its
 * middle, as fog or a faded print does. */
static void
make_foggy (EpiImage *image)
{
  gsize n = (gsize) image->width * image->height;

  for (gsize i = 0; i < 3 * n; i++)
    image->rgb[i] = (guint8) (115 + image->rgb[i] / 10);
  for (gsize i = 0; i < n; i++)
    image->pixels[i] = (guint8) (115 + image->pixels[i] / 10);
}

/* The sample @name, passed through @change when it is not NULL. */
static EpiImage *
load_sample (const char *name,
             void      (*change) (EpiImage *image))
{
  g_autofree char *path = test_sample_path (name);
  g_autoptr(GError) error = NULL;
  EpiImage *image = epi_image_load_file (path, NULL, &error);

  g_assert_no_error (error);
  if (change != NULL)
    change (image);

  return image;
}

static EpiEdgeMap *
detect_sample (const char *name,
               void      (*change) (EpiImage *image))
{
  g_autoptr(EpiImage) image = load_sample (name, change);
  g_autoptr(GError) error = NULL;
  EpiEdgeMap *edges = epi_edges_detect (image, NULL, &error);

  g_assert_no_error (error);
  return edges;
}

/* The boundary finder reads gray photos nearly as well as colour ones:
 * without colour it draws at least GRAY_SHARE of the lines. */
#define GRAY_SHARE 0.6

static void
test_gray_photo_lines (void)
{
  const char * const samples[] = { "chelsea.png", "rocket.jpg" };

  for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
    {
      g_autoptr(EpiEdgeMap) colour = detect_sample (samples[k], NULL);
      g_autoptr(EpiEdgeMap) gray = detect_sample (samples[k], make_gray);

      g_test_message ("%s: %zu line pixels in colour, %zu in gray", samples[k],
                      colour->n_edge_pixels, gray->n_edge_pixels);
      g_assert_cmpfloat (gray->n_edge_pixels, >=, GRAY_SHARE * colour->n_edge_pixels);
    }
}

/* A person draws the same outlines in fog: a photo whose levels span a
 * tenth of the range keeps at least FOG_SHARE of its lines. */
#define FOG_SHARE 0.6

static void
test_foggy_photo_lines (void)
{
  g_autoptr(EpiEdgeMap) clear = detect_sample ("chelsea.png", NULL);
  g_autoptr(EpiEdgeMap) foggy = detect_sample ("chelsea.png", make_foggy);

  g_test_message ("%zu line pixels, %zu in fog", clear->n_edge_pixels, foggy->n_edge_pixels);
  g_assert_cmpfloat (foggy->n_edge_pixels, >=, FOG_SHARE * clear->n_edge_pixels);
}

/* Gray photos have few colours, and a clear sky makes them flat over
 * half their area: still photos, traced by the boundary finder. */
static void
test_gray_photo_not_drawn (void)
{
  const char * const samples[] = { "camera.png", "rocket.jpg" };

  for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
    {
      g_autoptr(EpiImage) image = load_sample (samples[k], make_gray);
      g_autoptr(EpiEdgeMap) boundaries = NULL;
      g_autoptr(EpiEdgeMap) canny = NULL;
      gsize n = (gsize) image->width * image->height;

      detect_both (image, &boundaries, &canny);

      g_assert_cmpuint (boundaries->n_edge_pixels, >, 0);
      g_assert_true (memcmp (boundaries->mask, canny->mask, n) != 0);
    }
}

#define MAT 200

/* The gray cameraman on a wide white mat. */
static void
draw_matted_photo (cairo_t  *cr,
                   gpointer  user_data)
{
  cairo_surface_t *photo = cairo_image_surface_create_from_png (user_data);

  g_assert_cmpint (cairo_surface_status (photo), ==, CAIRO_STATUS_SUCCESS);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, photo, MAT, MAT);
  cairo_paint (cr);
  cairo_surface_destroy (photo);
}

/* A mat around a gray photo makes most of the picture one flat colour:
 * it is still a photo, and --detail still counts. */
static void
test_matted_gray_photo_not_drawn (void)
{
  g_autofree char *path = test_sample_path ("camera.png");
  g_autoptr(EpiImage) image = test_image_draw (512 + 2 * MAT, 512 + 2 * MAT, draw_matted_photo, path);
  g_autoptr(EpiEdgeMap) sparse = NULL;
  g_autoptr(EpiEdgeMap) rich = NULL;
  g_autoptr(GError) error = NULL;
  EpiEdgeOptions options;

  epi_edge_options_init (&options);
  options.detail = 0;
  sparse = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
  options.detail = 1;
  rich = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (sparse->n_edge_pixels, >, 0);
  g_assert_cmpfloat (rich->n_edge_pixels, >, 1.2 * sparse->n_edge_pixels);
}

#define TEXTURE_SIZE   320
#define CIRCLE_RADIUS  90.0
/* How many times less texture ink the boundary finder draws than Canny. */
#define TEXTURE_REDUCTION 10

/* A disc on a field of short random strokes, like grass around a plate:
 * the disc is lighter than the texture on average. */
static void
draw_circle_on_texture (cairo_t  *cr,
                        gpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  cairo_set_source_rgb (cr, 0.45, 0.5, 0.4);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1.5);
  for (int i = 0; i < 6000; i++)
    {
      double x = g_rand_double_range (rand, 0, TEXTURE_SIZE);
      double y = g_rand_double_range (rand, 0, TEXTURE_SIZE);
      double angle = g_rand_double_range (rand, 0, 2 * G_PI);
      double gray = g_rand_double_range (rand, 0.15, 0.8);

      cairo_set_source_rgb (cr, gray, gray * 1.1, gray * 0.9);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 7 * cos (angle), y + 7 * sin (angle));
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.95, 0.9, 0.85);
  cairo_arc (cr, TEXTURE_SIZE / 2.0, TEXTURE_SIZE / 2.0, CIRCLE_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
}

typedef struct
{
  double circle_covered; /* share of the circle with a line within 2 px */
  gsize  texture_ink;    /* line pixels farther than 3 px from the circle */
} CircleScore;

static CircleScore
score_circle (const EpiEdgeMap *edges)
{
  CircleScore score = { 0, 0 };
  guint covered = 0, steps = 720;
  double c = TEXTURE_SIZE / 2.0;

  for (guint y = 0; y < edges->height; y++)
    for (guint x = 0; x < edges->width; x++)
      if (edges->mask[y * edges->width + x] &&
          fabs (hypot (x - c, y - c) - CIRCLE_RADIUS) > 3)
        score.texture_ink++;

  for (guint k = 0; k < steps; k++)
    {
      double a = 2 * G_PI * k / steps;
      int px = (int) lround (c + CIRCLE_RADIUS * cos (a));
      int py = (int) lround (c + CIRCLE_RADIUS * sin (a));
      gboolean near = FALSE;

      for (int dy = -2; dy <= 2 && !near; dy++)
        for (int dx = -2; dx <= 2 && !near; dx++)
          near = edges->mask[(py + dy) * (int) edges->width + px + dx] != 0;
      covered += near;
    }
  score.circle_covered = (double) covered / steps;

  return score;
}

/* The boundary finder keeps the outline and leaves most of the texture
 * out, where Canny draws every stroke of it. */
static void
test_circle_on_texture (void)
{
  g_autoptr(EpiImage) image = test_image_draw (TEXTURE_SIZE, TEXTURE_SIZE, draw_circle_on_texture, NULL);
  g_autoptr(EpiEdgeMap) boundaries = NULL;
  g_autoptr(EpiEdgeMap) canny = NULL;
  g_autoptr(GError) error = NULL;
  EpiEdgeOptions options;
  CircleScore b, c;

  epi_edge_options_init (&options);
  boundaries = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);
  options.finder = EPI_LINE_FINDER_CANNY;
  canny = epi_edges_detect (image, &options, &error);
  g_assert_no_error (error);

  b = score_circle (boundaries);
  c = score_circle (canny);
  g_test_message ("circle kept: boundaries %.3f, canny %.3f; texture ink: boundaries %" G_GSIZE_FORMAT
                  ", canny %" G_GSIZE_FORMAT, b.circle_covered, c.circle_covered, b.texture_ink, c.texture_ink);
  g_assert_cmpfloat (b.circle_covered, >=, 0.95);
  g_assert_cmpuint (b.texture_ink * TEXTURE_REDUCTION, <=, c.texture_ink);
}

/* A translucent or blurred white logo on transparency, all its lines in
 * a soft coverage, gets its outline rather than "no lines found". */
static void
test_soft_logo_on_transparency (void)
{
  for (guint blurred = 0; blurred < 2; blurred++)
    {
      g_autoptr(EpiImage) image = epi_image_new (200, 200);
      g_autoptr(EpiEdgeMap) edges = NULL;
      g_autoptr(GError) error = NULL;
      gsize near = 0;

      memset (image->pixels, 255, 200 * 200);
      memset (image->rgb, 255, 200 * 200 * 3);
      image->alpha = g_malloc0 (200 * 200);
      for (int y = 0; y < 200; y++)
        for (int x = 0; x < 200; x++)
          {
            double r = hypot (x - 100, y - 100);

            /* 30 % opacity with a sharp edge, or full with a 16-pixel ramp. */
            image->alpha[y * 200 + x] = blurred ? (guint8) (255 * CLAMP ((68 - r) / 16, 0, 1))
                                                : (r <= 60 ? 77 : 0);
          }

      edges = epi_edges_detect (image, NULL, &error);
      g_assert_no_error (error);
      for (guint y = 0; y < 200; y++)
        for (guint x = 0; x < 200; x++)
          near += edges->mask[y * 200 + x] && fabs (hypot (x - 100.0, y - 100.0) - 60) <= 2;
      g_assert_cmpuint (near, >=, 0.9 * edges->n_edge_pixels);
      /* An 8-connected circle has about 2πr/1.1 pixels. */
      g_assert_cmpuint (edges->n_edge_pixels, >=, 0.8 * 2 * G_PI * 60);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Edges/square-outline", test_square_outline);
  g_test_add_func ("/Epi/Edges/flat-picture-has-no-lines", test_flat_picture_has_no_lines);
  g_test_add_func ("/Epi/Edges/thresholds-can-be-set", test_thresholds_can_be_set);
  g_test_add_func ("/Epi/Edges/lines-are-thin", test_lines_are_thin);
  g_test_add_func ("/Epi/Edges/bad-sigma", test_bad_sigma);
  g_test_add_func ("/Epi/Edges/finder-names", test_finder_names);
  g_test_add_func ("/Epi/Edges/drawn-picture-traced-by-edges", test_drawn_picture_traced_by_edges);
  g_test_add_func ("/Epi/Edges/gray-photo-not-drawn", test_gray_photo_not_drawn);
  g_test_add_func ("/Epi/Edges/gray-photo-lines", test_gray_photo_lines);
  g_test_add_func ("/Epi/Edges/matted-gray-photo-not-drawn", test_matted_gray_photo_not_drawn);
  g_test_add_func ("/Epi/Edges/foggy-photo-lines", test_foggy_photo_lines);
  g_test_add_func ("/Epi/Edges/circle-on-texture", test_circle_on_texture);
  g_test_add_func ("/Epi/Edges/soft-logo-on-transparency", test_soft_logo_on_transparency);

  return g_test_run ();
}
