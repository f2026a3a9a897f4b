/* test-export-svg.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SVG exports read back by real readers: GMarkup for the XML,
 * librsvg's rsvg-convert for the still, Chromium for the animation.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

/* A looping figure in a 300 × 200 frame with three pen-up runs: four
 * strokes, the last running on into the first sample. */
static EpiSpectrum *
figure_spectrum (void)
{
  EpiSpectrum *s = epi_spectrum_new (5, 3);

  s->width = 300;
  s->height = 200;
  s->n_points = 2000;
  s->terms[0] = (EpiTerm) { 0, 150, 100 };
  s->terms[1] = (EpiTerm) { 1, 70, 10 };
  s->terms[2] = (EpiTerm) { 3, 10, 22 };
  s->terms[3] = (EpiTerm) { -7, 8, -3 };
  s->terms[4] = (EpiTerm) { 19, 2, 3 };
  s->spans[0] = (EpiSpan) { 300, 50 };
  s->spans[1] = (EpiSpan) { 900, 120 };
  s->spans[2] = (EpiSpan) { 1500, 30 };
  return s;
}

static EpiExportOptions
svg_options (EpiExportKind kind,
             guint         size,
             gboolean      circles)
{
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = kind;
  options.size = size;
  options.show_circles = circles;
  return options;
}

/* Exports @s as @options say into @dir/@name; returns the path. */
static char *
export_to (const EpiSpectrum      *s,
           const char             *dir,
           const char             *name,
           const EpiExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (epi_export (s, path, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* .svg and .anim.svg name their kinds, in any case, and the choice in a
 * dialog sets one or the other. */
static void
test_names (void)
{
  EpiExportKind kind = -1;
  g_autofree char *still = NULL;
  g_autofree char *animated = NULL;
  g_autofree char *suggested = NULL;

  g_assert_cmpint (epi_export_kind_for_path ("a/b.svg"), ==, EPI_EXPORT_SVG);
  g_assert_cmpint (epi_export_kind_for_path ("B.SVG"), ==, EPI_EXPORT_SVG);
  g_assert_cmpint (epi_export_kind_for_path ("x.anim.svg"), ==, EPI_EXPORT_SVG_ANIMATED);
  g_assert_cmpint (epi_export_kind_for_path ("X.Anim.SVG"), ==, EPI_EXPORT_SVG_ANIMATED);
  g_assert_cmpint (epi_export_kind_for_path ("x.anim"), ==, EPI_EXPORT_FRAMES);

  still = epi_export_fix_name ("x.anim.svg", EPI_EXPORT_SVG, &kind);
  g_assert_cmpstr (still, ==, "x.svg");
  g_assert_cmpint (kind, ==, EPI_EXPORT_SVG);
  animated = epi_export_fix_name ("x.svg", EPI_EXPORT_SVG_ANIMATED, &kind);
  g_assert_cmpstr (animated, ==, "x.anim.svg");
  g_assert_cmpint (kind, ==, EPI_EXPORT_SVG_ANIMATED);
  suggested = epi_export_suggest_name ("camera.png.epicrypt", NULL, EPI_EXPORT_SVG_ANIMATED);
  g_assert_cmpstr (suggested, ==, "camera.anim.svg");
}

/* What the XML parser saw. */
typedef struct
{
  guint    elements;
  guint    paths;
  guint    scripts;       /* <script> or <foreignObject> */
  guint    handlers;      /* on… attributes */
  guint    references;    /* href, xlink:href, url(…) */
  guint    animations;    /* SMIL elements */
  guint    subpaths;      /* M commands in every path */
  char    *width;         /* owned: the root's */
  char    *height;        /* owned */
  char    *view_box;      /* owned */
} SvgSummary;

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  SvgSummary *sum = user_data;
  gboolean root = sum->elements++ == 0;

  if (root)
    g_assert_cmpstr (element, ==, "svg");
  sum->paths += g_str_equal (element, "path");
  sum->scripts += g_ascii_strcasecmp (element, "script") == 0 ||
                  g_ascii_strcasecmp (element, "foreignObject") == 0;
  sum->animations += g_str_has_prefix (element, "animate") || g_str_equal (element, "set");

  for (guint i = 0; names[i] != NULL; i++)
    {
      sum->handlers += g_ascii_strncasecmp (names[i], "on", 2) == 0;
      sum->references += g_str_has_suffix (names[i], "href") || strstr (values[i], "url(") != NULL;
      if (g_str_equal (element, "path") && g_str_equal (names[i], "d"))
        for (const char *c = values[i]; *c != '\0'; c++)
          sum->subpaths += *c == 'M' || *c == 'm';
      if (root && g_str_equal (names[i], "width"))
        sum->width = g_strdup (values[i]);
      if (root && g_str_equal (names[i], "height"))
        sum->height = g_strdup (values[i]);
      if (root && g_str_equal (names[i], "viewBox"))
        sum->view_box = g_strdup (values[i]);
    }
}

static void
summarize (const char *path,
           SvgSummary *sum)
{
  static const GMarkupParser parser = { on_start_element, NULL, NULL, NULL, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParseContext *context;
  gsize length;

  memset (sum, 0, sizeof *sum);
  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_null (strstr (text, "<script"));
  g_assert_null (strstr (text, "<image"));
  context = g_markup_parse_context_new (&parser, 0, sum, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, (gssize) length, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
}

static void
summary_clear (SvgSummary *sum)
{
  g_free (sum->width);
  g_free (sum->height);
  g_free (sum->view_box);
}

/* The strokes the pen draws: runs of two points or more, each joined to
 * the next, as epi_ink_stroke() lifts the pen. */
static guint
count_strokes (const EpiSpectrum *s)
{
  g_autofree double *samples = epi_spectrum_sample (s, s->n_points);
  guint strokes = 0, start = 0;

  for (guint j = 0; j <= s->n_points; j++)
    {
      EpiTracePoint p;

      epi_ink_path_point (s, samples, j, &p);
      if (!p.pen_down || j == s->n_points)
        {
          strokes += j > start;
          start = j + 1;
        }
    }
  return strokes;
}

/* Both are well-formed XML in the still's frame, self-contained and
 * without script; the still is one path with a subpath per stroke, the
 * animation a path per stroke, each animated. */
static void
test_valid_xml (void)
{
  g_autoptr(EpiSpectrum) s = figure_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  EpiExportOptions still = svg_options (EPI_EXPORT_SVG, 240, FALSE);
  EpiExportOptions animated = svg_options (EPI_EXPORT_SVG_ANIMATED, 240, TRUE);
  g_autofree char *still_path = export_to (s, dir, "d.svg", &still);
  g_autofree char *animated_path = export_to (s, dir, "d.anim.svg", &animated);
  guint strokes = count_strokes (s);
  SvgSummary sum;

  g_assert_cmpuint (strokes, ==, 4);

  summarize (still_path, &sum);
  g_assert_cmpstr (sum.width, ==, "240");
  g_assert_cmpstr (sum.height, ==, "160");
  g_assert_cmpstr (sum.view_box, ==, "0 0 240 160");
  g_assert_cmpuint (sum.paths, ==, 1);
  g_assert_cmpuint (sum.subpaths, ==, strokes);
  g_assert_cmpuint (sum.scripts + sum.handlers + sum.references + sum.animations, ==, 0);
  summary_clear (&sum);

  summarize (animated_path, &sum);
  g_assert_cmpstr (sum.view_box, ==, "0 0 240 160");
  /* A path a stroke, and an arm a circle. */
  g_assert_cmpuint (sum.paths, >=, strokes + 3);
  g_assert_cmpuint (sum.subpaths, ==, sum.paths);
  g_assert_cmpuint (sum.animations, >, strokes);
  g_assert_cmpuint (sum.scripts + sum.handlers + sum.references, ==, 0);
  summary_clear (&sum);

  test_assert_mode (still_path, 0600);
  test_assert_mode (animated_path, 0600);
  g_assert_cmpuint (test_count_dir (dir), ==, 2);
  test_tmpdir_remove (dir);
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The mean difference of the colour channels, 0 … 1. */
static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  double sum = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < 4 * w; x++)
        if (x % 4 != 3)
          sum += abs (ra[x] - rb[x]);
    }
  return sum / (3.0 * w * h * 255);
}

static guint
count_ink (cairo_surface_t *surface)
{
  g_autofree guint8 *ink = test_ink_of_surface (surface);
  gsize n = (gsize) cairo_image_surface_get_width (surface) * cairo_image_surface_get_height (surface);
  guint count = 0;

  for (gsize i = 0; i < n; i++)
    count += ink[i];
  return count;
}

/* Whether @a and @b draw the same lines: nearly every ink pixel of each
 * within a pixel of the other's, and little difference overall. */
static gboolean
same_drawing (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  g_autofree guint8 *ink_a = test_ink_of_surface (a);
  g_autofree guint8 *ink_b = test_ink_of_surface (b);
  double difference = mean_difference (a, b);
  double a_in_b = test_share_near (ink_a, ink_b, (guint) w, (guint) h, 1.0);
  double b_in_a = test_share_near (ink_b, ink_a, (guint) w, (guint) h, 1.0);

  g_test_message ("mean difference %.5f, ink %u and %u, shared %.4f and %.4f",
                  difference, count_ink (a), count_ink (b), a_in_b, b_in_a);
  return count_ink (a) > 100 && difference < 0.01 && a_in_b > 0.98 && b_in_a > 0.98;
}

static void
assert_same_drawing (cairo_surface_t *a,
                     cairo_surface_t *b)
{
  g_assert_true (same_drawing (a, b));
}

/* Runs @argv, which must succeed. */
static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

/* Rasterizes @svg with librsvg into @png. */
static cairo_surface_t *
rsvg_render (const char *svg,
             const char *png)
{
  g_autofree char *tool = g_find_program_in_path ("rsvg-convert");
  const char *argv[] = { "rsvg-convert", "-o", png, svg, NULL };

  if (tool == NULL)
    g_error ("rsvg-convert is missing: build-aux/deps.sh installs librsvg2-bin");
  run_tool (argv);
  return load_png (png);
}

/* librsvg draws the SVG as the PNG still is drawn, circles or not; the
 * animated SVG, to a reader without animations, is the finished drawing. */
static void
test_matches_still (void)
{
  g_autoptr(EpiSpectrum) s = figure_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();

  for (int circles = 0; circles < 2; circles++)
    {
      EpiExportOptions png = svg_options (EPI_EXPORT_STILL, 300, circles);
      EpiExportOptions svg = svg_options (EPI_EXPORT_SVG, 300, circles);
      EpiExportOptions animated = svg_options (EPI_EXPORT_SVG_ANIMATED, 300, FALSE);
      g_autofree char *png_path = NULL, *svg_path = NULL, *animated_path = NULL;
      g_autofree char *svg_png = g_build_filename (dir, "svg.png", NULL);
      g_autofree char *animated_png = g_build_filename (dir, "animated.png", NULL);
      cairo_surface_t *still, *drawn;

      png.overwrite = svg.overwrite = animated.overwrite = TRUE;
      png_path = export_to (s, dir, "still.png", &png);
      svg_path = export_to (s, dir, "still.svg", &svg);
      still = load_png (png_path);

      drawn = rsvg_render (svg_path, svg_png);
      assert_same_drawing (still, drawn);
      cairo_surface_destroy (drawn);

      if (!circles)
        {
          animated_path = export_to (s, dir, "still.anim.svg", &animated);
          drawn = rsvg_render (animated_path, animated_png);
          assert_same_drawing (still, drawn);
          cairo_surface_destroy (drawn);
        }
      cairo_surface_destroy (still);
    }
  test_tmpdir_remove (dir);
}

/* A screenshot of the page @uri in headless Chromium after @ms of
 * virtual time, which runs as fast as the page lets it; compositing
 * every stage before the screenshot keeps it from catching the page
 * before its first frame. */
static cairo_surface_t *
chromium_screenshot (const char *dir,
                     const char *uri,
                     int         width,
                     int         height,
                     guint       ms)
{
  static guint shots;
  g_autofree char *tool = g_find_program_in_path ("chromium");
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *profile_arg = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *png = g_strdup_printf ("%s/shot-%u.png", dir, ++shots);
  g_autofree char *shot_arg = g_strconcat ("--screenshot=", png, NULL);
  g_autofree char *budget_arg = g_strdup_printf ("--virtual-time-budget=%u", ms);
  g_autofree char *size_arg = g_strdup_printf ("--window-size=%d,%d", width, height);
  const char *argv[] = {
    "timeout", "120", "chromium", "--headless", "--disable-gpu", "--no-sandbox",
    "--hide-scrollbars", "--run-all-compositor-stages-before-draw", "--no-first-run",
    "--allow-file-access-from-files", profile_arg, budget_arg, size_arg, shot_arg, uri, NULL
  };

  if (tool == NULL)
    g_error ("chromium is missing: build-aux/deps.sh installs it");
  run_tool (argv);
  return load_png (png);
}

/* A screenshot of the SVG @svg in Chromium at @seconds into its
 * animation: a page of the test's own holds it in a frame, pauses its
 * clock and sets it, so that the moment is exact however busy the
 * machine is. The SVG itself holds no script. */
static cairo_surface_t *
chromium_shot_at (const char *dir,
                  const char *svg,
                  int         width,
                  int         height,
                  double      seconds)
{
  g_autofree char *page = g_build_filename (dir, "page.html", NULL);
  g_autofree char *svg_uri = g_filename_to_uri (svg, NULL, NULL);
  g_autofree char *page_uri = g_filename_to_uri (page, NULL, NULL);
  char time[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *html = g_strdup_printf (
    "<!DOCTYPE html>\n<html><body style=\"margin:0;overflow:hidden\">"
    "<iframe id=\"f\" src=\"%s\" width=\"%d\" height=\"%d\" style=\"border:0;display:block\"></iframe>"
    "<script>document.getElementById ('f').onload = function () {"
    " var svg = this.contentDocument.documentElement;"
    " svg.pauseAnimations (); svg.setCurrentTime (%s); };</script></body></html>\n",
    svg_uri, width, height, g_ascii_dtostr (time, sizeof time, seconds));

  test_write_file (page, html, strlen (html));
  return chromium_screenshot (dir, page_uri, width, height, 2000);
}

/* In a browser the animated SVG draws itself: at its end it is the
 * finished drawing, and halfway it has drawn what the live view has
 * drawn halfway, about half the ink. */
static void
test_draws_itself_in_browser (void)
{
  g_autoptr(EpiSpectrum) s = figure_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  EpiExportOptions png = svg_options (EPI_EXPORT_STILL, 300, FALSE);
  EpiExportOptions animated = svg_options (EPI_EXPORT_SVG_ANIMATED, 300, FALSE);
  g_autofree char *png_path = export_to (s, dir, "still.png", &png);
  g_autofree char *animated_path = NULL;
  g_autoptr(EpiRenderer) live = epi_renderer_new ();
  cairo_surface_t *still, *end, *half, *half_live;
  guint half_ink, end_ink, live_ink;
  cairo_t *cr;

  /* 12 s at 2×: 6 s. */
  animated.speed = 2;
  animated_path = export_to (s, dir, "drawing.anim.svg", &animated);
  still = load_png (png_path);

  /* Left to play on its own, past its end. Now and then, on a busy
   * machine, headless Chromium takes its screenshot before the
   * document's clock has started: that shot shows an empty page, and
   * is taken again. */
  {
    g_autofree char *uri = g_filename_to_uri (animated_path, NULL, NULL);
    guint attempt = 0;

    for (end = NULL; attempt < 3; attempt++)
      {
        g_clear_pointer (&end, cairo_surface_destroy);
        end = chromium_screenshot (dir, uri, 300, 200, 8000);
        if (same_drawing (still, end) || count_ink (end) > 10)
          break;
      }
    assert_same_drawing (still, end);
  }

  half = chromium_shot_at (dir, animated_path, 300, 200, 3);
  half_live = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cr = cairo_create (half_live);
  epi_renderer_set_spectrum (live, s);
  epi_renderer_set_show_circles (live, FALSE);
  epi_renderer_set_time (live, 0.5);
  g_assert_true (epi_renderer_render_frame (live, cr, 300, 200, 0));
  cairo_destroy (cr);

  half_ink = count_ink (half);
  end_ink = count_ink (end);
  live_ink = count_ink (half_live);
  g_test_message ("ink halfway %u (live view %u), at the end %u", half_ink, live_ink, end_ink);
  g_assert_cmpfloat ((double) half_ink / end_ink, >, 0.3);
  g_assert_cmpfloat ((double) half_ink / end_ink, <, 0.7);
  /* The live view also shows the pen's dot, which the SVG shows only
   * with the circles or at the end. */
  g_assert_cmpfloat (fabs ((double) half_ink - live_ink), <, 0.1 * live_ink);
  {
    g_autofree guint8 *ink_half = test_ink_of_surface (half);
    g_autofree guint8 *ink_live = test_ink_of_surface (half_live);

    g_assert_cmpfloat (test_share_near (ink_half, ink_live, 300, 200, 1.0), >, 0.98);
    g_assert_cmpfloat (test_share_near (ink_live, ink_half, 300, 200, 1.0), >, 0.9);
  }

  cairo_surface_destroy (half_live);
  cairo_surface_destroy (half);
  cairo_surface_destroy (end);
  cairo_surface_destroy (still);
  test_tmpdir_remove (dir);
}

/* Where the pen's red dot is: the centre of the red pixels. FALSE when
 * there are none. */
static gboolean
find_pen (cairo_surface_t *surface,
          double          *x,
          double          *y)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  double sx = 0, sy = 0;
  guint n = 0;

  cairo_surface_flush (surface);
  for (int py = 0; py < h; py++)
    for (int px = 0; px < w; px++)
      {
        const guint8 *p = cairo_image_surface_get_data (surface) +
                          py * cairo_image_surface_get_stride (surface) + 4 * px;

        /* B, G, R: red well above green and blue. */
        if (p[2] > 150 && p[1] < 110 && p[0] < 110)
          {
            sx += px;
            sy += py;
            n++;
          }
      }
  if (n == 0)
    return FALSE;
  *x = sx / n;
  *y = sy / n;
  return TRUE;
}

/* The turning chain puts the pen where the live view has it a quarter
 * of the way: a wrong phase, speed or order of the circles puts it tens
 * of pixels away. */
static void
test_circles_turn_in_browser (void)
{
  g_autoptr(EpiSpectrum) s = figure_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  EpiExportOptions animated = svg_options (EPI_EXPORT_SVG_ANIMATED, 300, TRUE);
  g_autofree char *animated_path = export_to (s, dir, "drawing.anim.svg", &animated);
  g_autoptr(EpiRenderer) live = epi_renderer_new ();
  cairo_surface_t *quarter;
  double x = 0, y = 0, pen_x, pen_y;
  EpiView view;

  /* 3 s of 12 s. */
  quarter = chromium_shot_at (dir, animated_path, 300, 200, 3);
  g_assert_true (find_pen (quarter, &x, &y));

  epi_renderer_set_spectrum (live, s);
  epi_renderer_get_view (live, &view);
  epi_spectrum_evaluate (s, 0.25, &pen_x, &pen_y);
  epi_view_to_device (&view, 300, 200, pen_x, pen_y, &pen_x, &pen_y);
  g_test_message ("pen at (%.1f, %.1f), in the live view at (%.1f, %.1f)", x, y, pen_x, pen_y);
  g_assert_cmpfloat (hypot (pen_x - x, pen_y - y), <, 1.5);

  cairo_surface_destroy (quarter);
  test_tmpdir_remove (dir);
}

/* A cancelled export writes nothing, and the SVGs take no frame count. */
static void
test_cancel_and_options (void)
{
  g_autoptr(EpiSpectrum) s = figure_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "d.anim.svg", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = svg_options (EPI_EXPORT_SVG_ANIMATED, 100, TRUE);

  g_cancellable_cancel (cancellable);
  g_assert_false (epi_export (s, path, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (test_count_dir (dir), ==, 0);
  g_clear_error (&error);

  options.speed = 0;
  g_assert_false (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.speed = 1;
  options.n_frames = 0;
  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  test_tmpdir_remove (dir);
}

/* A forged drawing at the reader's limits, every term as strong as a
 * sealed file may hold: written whole, its numbers within bounds. */
static void
test_forged (void)
{
  g_autoptr(EpiSpectrum) s = epi_spectrum_new (EPI_MAX_TERMS, 0);
  g_autofree char *dir = test_tmpdir_new ();
  EpiExportOptions options = svg_options (EPI_EXPORT_SVG_ANIMATED, EPI_MAX_STILL_SIDE, TRUE);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  s->width = 1;
  s->height = 1;
  s->n_points = EPI_MAX_POINTS;
  /* A chirp of phases: the sum wanders some 10^11 from the frame. */
  for (guint i = 0; i < s->n_terms; i++)
    s->terms[i] = (EpiTerm) { (gint32) i - (gint32) (EPI_MAX_TERMS / 2),
                              1e8 * cos (i * (double) i), 1e8 * sin (i * (double) i) };

  path = export_to (s, dir, "forged.anim.svg", &options);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));
  /* No number past a trillion pixels, in hundredths: 15 digits. */
  g_assert_null (strstr (text, "0000000000000000"));
  g_assert_nonnull (strstr (text, "1000000000000"));
  g_assert_true (g_str_has_suffix (text, "</svg>\n"));
  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/ExportSvg/names", test_names);
  g_test_add_func ("/Epi/ExportSvg/valid-xml", test_valid_xml);
  g_test_add_func ("/Epi/ExportSvg/matches-still", test_matches_still);
  g_test_add_func ("/Epi/ExportSvg/draws-itself-in-browser", test_draws_itself_in_browser);
  g_test_add_func ("/Epi/ExportSvg/circles-turn-in-browser", test_circles_turn_in_browser);
  g_test_add_func ("/Epi/ExportSvg/cancel-and-options", test_cancel_and_options);
  g_test_add_func ("/Epi/ExportSvg/forged", test_forged);

  return g_test_run ();
}
