/* epi-export-svg.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawing written as SVG: the finished drawing as vectors, or an
 * animated SVG that draws itself in a browser, with no script. Both
 * share the PNG still's frame: the same size, the same fitted view, the
 * same line (epi-ink.c's colour, EPI_RENDERER_TRACE_WIDTH pixels, round
 * caps and joins), so that either looks like the still at its size.
 *
 * The still is one <path> whose subpaths are the pen-down strokes. The
 * animation gives each stroke a <path> of its own, revealed along its
 * length (stroke-dasharray over pathLength="1", its offset moved by
 * SMIL <animate>) in the stretch of the turn the live view takes to draw it,
 * so that pen-up travel takes its time as it does on screen. Without
 * animations (librsvg, an image viewer) it shows the finished drawing.
 * The circles turn as nested groups, each rotating by SMIL
 * animateTransform relative to the one before it.
 */

#include "config.h"

#include <math.h>

#include "epi-epicycles.h"
#include "epi-export-svg.h"
#include "epi-ink.h"
#include "epi-renderer.h"
#include "epi-view.h"

/* Path coordinates are written in hundredths of a pixel: finer than any
 * screen shows, and a quarter of the size of full doubles. */
#define PATH_DECIMALS 2
/* The farthest a point is written from the frame, in pixels. */
#define MAX_COORDINATE 1e12
/* librsvg (and libxml2, which reads XML for it) refuses documents nested
 * deeper than 256 elements: the turning chain keeps its strongest terms
 * within that. */
#define CHAIN_MAX_TERMS 200
/* How many points between checks for a cancel. */
#define CANCEL_EVERY 4096
/* Points between the keys of a stroke's reveal. */
#define REVEAL_KEY_EVERY 32
/* The circles' opacity levels, epi-epicycles.c's. */
#define CIRCLE_LEVELS 6

/* A pen-down stroke: the points @first … @last of the closed path, each
 * joined to the next. */
typedef struct
{
  guint first;
  guint last;
} Stroke;

typedef struct
{
  GString       *text;       /* owned: the document so far */
  int            width;      /* the frame, in pixels */
  int            height;
  EpiView        view;       /* fitted, as the still's */
  EpiTracePoint *points;     /* owned: the n + 1 points of the closed path, in pixels */
  guint          n_points;   /* n: the path's samples */
  GArray        *strokes;    /* owned: Stroke, in drawing order */
  double         seconds;    /* the animation's length */
} SvgDoc;

/* Appends @value rounded to @decimals places, without trailing zeros,
 * whatever the locale: integers are printed, never doubles. */
static void
append_fixed (GString *text,
              double   value,
              guint    decimals)
{
  gint64 scale = 1, scaled, whole, frac;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  scaled = (gint64) llround (value * scale);
  if (scaled < 0)
    {
      g_string_append_c (text, '-');
      scaled = -scaled;
    }
  whole = scaled / scale;
  frac = scaled % scale;
  g_string_append_printf (text, "%" G_GINT64_FORMAT, whole);
  if (frac == 0)
    return;

  g_string_append_c (text, '.');
  for (gint64 digit = scale / 10; digit > 0 && frac > 0; digit /= 10)
    {
      g_string_append_c (text, (char) ('0' + frac / digit));
      frac %= digit;
    }
}

/* The path's points in pixels of the frame, and its pen-down strokes. */
static void
svg_doc_trace (SvgDoc            *doc,
               const EpiSpectrum *spectrum)
{
  g_autofree double *samples = epi_spectrum_sample (spectrum, spectrum->n_points);
  cairo_matrix_t matrix;
  guint n = spectrum->n_points, start = 0;

  epi_view_get_matrix (&doc->view, doc->width, doc->height, &matrix);
  doc->n_points = n;
  doc->points = g_new (EpiTracePoint, n + 1);
  doc->strokes = g_array_new (FALSE, FALSE, sizeof (Stroke));

  for (guint j = 0; j <= n; j++)
    {
      EpiTracePoint *p = &doc->points[j];

      epi_ink_path_point (spectrum, samples, j, p);
      cairo_matrix_transform_point (&matrix, &p->x, &p->y);
      /* A forged drawing's wild strokes may reach 10^18 pixels; a
       * trillion is far off any frame, and its hundredths fit in 64 bits. */
      p->x = CLAMP (p->x, -MAX_COORDINATE, MAX_COORDINATE);
      p->y = CLAMP (p->y, -MAX_COORDINATE, MAX_COORDINATE);

      /* As epi_ink_stroke() does: a point whose pen is up is the last of
       * its stroke. A stroke of one point draws nothing. */
      if (!p->pen_down || j == n)
        {
          Stroke stroke = { start, j };

          if (j > start)
            g_array_append_val (doc->strokes, stroke);
          start = j + 1;
        }
    }
}

/* Appends @stroke as a subpath: an absolute move, then relative lines
 * between the rounded points, so that rounding never adds up. A stroke
 * whose points all round to one is a dot, as cairo's round caps draw it. */
static void
append_stroke (SvgDoc       *doc,
               const Stroke *stroke)
{
  gint64 x = llround (doc->points[stroke->first].x * 100);
  gint64 y = llround (doc->points[stroke->first].y * 100);
  gboolean any = FALSE;

  g_string_append_c (doc->text, 'M');
  append_fixed (doc->text, x / 100.0, PATH_DECIMALS);
  g_string_append_c (doc->text, ' ');
  append_fixed (doc->text, y / 100.0, PATH_DECIMALS);
  g_string_append_c (doc->text, 'l');

  for (guint j = stroke->first + 1; j <= stroke->last; j++)
    {
      gint64 nx = llround (doc->points[j].x * 100);
      gint64 ny = llround (doc->points[j].y * 100);

      if (nx == x && ny == y)
        continue;
      /* A minus sign separates numbers on its own. */
      if (any && nx >= x)
        g_string_append_c (doc->text, ' ');
      append_fixed (doc->text, (nx - x) / 100.0, PATH_DECIMALS);
      if (ny >= y)
        g_string_append_c (doc->text, ' ');
      append_fixed (doc->text, (ny - y) / 100.0, PATH_DECIMALS);
      x = nx;
      y = ny;
      any = TRUE;
      if ((j - stroke->first) % 64 == 0)
        g_string_append_c (doc->text, '\n');
    }
  if (!any)
    g_string_append (doc->text, "0 0");
}

static void
append_header (SvgDoc *doc)
{
  g_string_append_printf (doc->text,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                          "viewBox=\"0 0 %d %d\">\n"
                          "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
                          doc->width, doc->height, doc->width, doc->height,
                          doc->width, doc->height);
}

/* The attributes of the trace's line: epi_ink_stroke()'s. */
static void
append_ink_style (SvgDoc *doc)
{
  g_string_append (doc->text, "fill=\"none\" stroke=\"#1f1f24\" stroke-width=\"");
  append_fixed (doc->text, EPI_RENDERER_TRACE_WIDTH, 2);
  g_string_append (doc->text, "\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
}

/* The finished drawing: one path, a subpath a stroke. */
static gboolean
append_still_trace (SvgDoc        *doc,
                    GCancellable  *cancellable,
                    GError       **error)
{
  guint since_check = 0;

  g_string_append (doc->text, "<path ");
  append_ink_style (doc);
  g_string_append (doc->text, " d=\"");
  for (guint i = 0; i < doc->strokes->len; i++)
    {
      const Stroke *stroke = &g_array_index (doc->strokes, Stroke, i);

      append_stroke (doc, stroke);
      g_string_append_c (doc->text, '\n');
      since_check += stroke->last - stroke->first + 1;
      if (since_check >= CANCEL_EVERY)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          since_check = 0;
        }
    }
  g_string_append (doc->text, "\"/>\n");
  return TRUE;
}

/* Appends @seconds as a SMIL clock value, in milliseconds to a tenth. */
static void
append_ms (GString *text,
           double   seconds)
{
  append_fixed (text, seconds * 1000, 1);
  g_string_append (text, "ms");
}

/* The length of the stroke's segments, as written (rounded), from point
 * @from to point @to. */
static double
stroke_length (const SvgDoc *doc,
               guint         from,
               guint         to)
{
  double length = 0;

  for (guint j = from; j < to; j++)
    length += hypot (round (doc->points[j + 1].x * 100) - round (doc->points[j].x * 100),
                     round (doc->points[j + 1].y * 100) - round (doc->points[j].y * 100)) / 100;
  return length;
}

/* The dash offset's course over @stroke: from hidden to whole, keyed
 * every REVEAL_KEY_EVERY points to the share of the length drawn by then,
 * so that the reveal keeps the live view's pace, which follows the
 * samples, not the length. */
static void
append_reveal (SvgDoc       *doc,
               const Stroke *stroke)
{
  guint segments = stroke->last - stroke->first;
  double total = stroke_length (doc, stroke->first, stroke->last), drawn = 0;

  if (segments <= REVEAL_KEY_EVERY || total <= 0)
    {
      g_string_append (doc->text, "from=\"1.01\" to=\"0\"");
      return;
    }

  g_string_append (doc->text, "values=\"1.01");
  for (guint j = stroke->first; j < stroke->last; j += REVEAL_KEY_EVERY)
    {
      guint next = MIN (j + REVEAL_KEY_EVERY, stroke->last);

      drawn += stroke_length (doc, j, next);
      g_string_append_c (doc->text, ';');
      append_fixed (doc->text, next == stroke->last ? 0 : 1 - drawn / total, 5);
    }
  g_string_append (doc->text, "\" keyTimes=\"0");
  for (guint j = stroke->first; j < stroke->last; j += REVEAL_KEY_EVERY)
    {
      guint next = MIN (j + REVEAL_KEY_EVERY, stroke->last);

      g_string_append_c (doc->text, ';');
      append_fixed (doc->text, (double) (next - stroke->first) / segments, 6);
    }
  g_string_append_c (doc->text, '"');
}

/* The drawing drawing itself: a path a stroke, each revealed along its
 * length from the moment the pen puts it down to the moment it lifts.
 * The dash pattern and the hidden start are set on the group by SMIL
 * alone, so that where nothing animates the drawing shows whole. Every
 * moving part is SMIL, on one clock: browsers start CSS animations a
 * few frames after SMIL's, which puts a turning chain off its line. */
static gboolean
append_animated_trace (SvgDoc        *doc,
                       GCancellable  *cancellable,
                       GError       **error)
{
  double per_point = doc->seconds / doc->n_points;
  guint since_check = 0;

  g_string_append (doc->text, "<g ");
  append_ink_style (doc);
  g_string_append (doc->text, ">\n"
                              "<set attributeName=\"stroke-dasharray\" to=\"1 2\"/>"
                              "<set attributeName=\"stroke-dashoffset\" to=\"1.01\"/>\n");

  for (guint i = 0; i < doc->strokes->len; i++)
    {
      const Stroke *stroke = &g_array_index (doc->strokes, Stroke, i);

      g_string_append (doc->text, "<path pathLength=\"1\" d=\"");
      append_stroke (doc, stroke);
      g_string_append (doc->text, "\"><animate attributeName=\"stroke-dashoffset\" ");
      append_reveal (doc, stroke);
      g_string_append (doc->text, " begin=\"");
      append_ms (doc->text, stroke->first * per_point);
      g_string_append (doc->text, "\" dur=\"");
      /* A duration of 0 is no duration: the stroke would stay hidden. */
      append_ms (doc->text, MAX (0.0001, (stroke->last - stroke->first) * per_point));
      g_string_append (doc->text, "\" fill=\"freeze\"/></path>\n");

      since_check += stroke->last - stroke->first + 1;
      if (since_check >= CANCEL_EVERY)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          since_check = 0;
        }
    }
  g_string_append (doc->text, "</g>\n");
  return TRUE;
}

/* The circles' colours, epi-epicycles.c's: their blue at each level's
 * opacity, the arms' gray and the pen's red. */
static void
append_circle_style (SvgDoc *doc,
                     int     level)
{
  g_string_append (doc->text, "fill=\"none\" stroke=\"#366bc7\" stroke-opacity=\"");
  append_fixed (doc->text, epi_epicycles_level_alpha (level), 3);
  g_string_append (doc->text, "\" stroke-width=\"1\"");
}

/* The pen's dot at (@x, @y) in pixels, with @animation (nullable)
 * inside it. */
static void
append_pen (SvgDoc     *doc,
            double      x,
            double      y,
            const char *animation)
{
  g_string_append (doc->text, "<circle cx=\"");
  append_fixed (doc->text, x, PATH_DECIMALS);
  g_string_append (doc->text, "\" cy=\"");
  append_fixed (doc->text, y, PATH_DECIMALS);
  g_string_append (doc->text, "\" r=\"");
  append_fixed (doc->text, EPI_EPICYCLES_PEN_RADIUS, PATH_DECIMALS);
  g_string_append (doc->text, "\" fill=\"#d93333\"");
  if (animation != NULL)
    g_string_append_printf (doc->text, ">%s</circle>\n", animation);
  else
    g_string_append (doc->text, "/>\n");
}

/* The circles and arms of the finished drawing, as the still draws them
 * (epi_epicycles_stroke()), and the pen. */
static void
append_still_circles (SvgDoc            *doc,
                      const EpiSpectrum *spectrum,
                      gboolean           show_circles)
{
  g_autofree EpiEpicycles *chain = g_new0 (EpiEpicycles, 1);
  cairo_matrix_t matrix;
  double pen_x, pen_y;

  if (show_circles)
    epi_epicycles_place (chain, spectrum, 1.0, &doc->view, doc->width, doc->height);
  else
    epi_spectrum_evaluate (spectrum, 1.0, &chain->pen_x, &chain->pen_y);

  epi_view_get_matrix (&doc->view, doc->width, doc->height, &matrix);
  pen_x = chain->pen_x;
  pen_y = chain->pen_y;
  cairo_matrix_transform_point (&matrix, &pen_x, &pen_y);

  if (chain->n_circles > 0)
    {
      for (int level = 0; level < CIRCLE_LEVELS; level++)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < chain->n_circles; i++)
            {
              const EpiCircle *c = &chain->circles[i];

              if (epi_epicycles_circle_level (chain, i) != level)
                continue;
              if (!any)
                {
                  g_string_append (doc->text, "<g ");
                  append_circle_style (doc, level);
                  g_string_append (doc->text, ">\n");
                  any = TRUE;
                }
              g_string_append (doc->text, "<circle cx=\"");
              append_fixed (doc->text, c->x, PATH_DECIMALS);
              g_string_append (doc->text, "\" cy=\"");
              append_fixed (doc->text, c->y, PATH_DECIMALS);
              g_string_append (doc->text, "\" r=\"");
              append_fixed (doc->text, c->radius, PATH_DECIMALS);
              g_string_append (doc->text, "\"/>\n");
            }
          if (any)
            g_string_append (doc->text, "</g>\n");
        }

      g_string_append (doc->text, "<polyline fill=\"none\" stroke=\"#595966\" stroke-opacity=\"0.7\" "
                                  "stroke-width=\"1\" points=\"");
      for (guint i = 0; i < chain->n_circles; i++)
        {
          append_fixed (doc->text, chain->circles[i].x, PATH_DECIMALS);
          g_string_append_c (doc->text, ',');
          append_fixed (doc->text, chain->circles[i].y, PATH_DECIMALS);
          g_string_append_c (doc->text, ' ');
        }
      append_fixed (doc->text, pen_x, PATH_DECIMALS);
      g_string_append_c (doc->text, ',');
      append_fixed (doc->text, pen_y, PATH_DECIMALS);
      g_string_append (doc->text, "\"/>\n");
    }

  append_pen (doc, pen_x, pen_y, NULL);
}

/* Appends an angle in degrees. */
static void
append_degrees (GString *text,
                double   degrees)
{
  append_fixed (text, degrees, 3);
}

/* How many terms the turning chain holds: up to the last that draws a
 * circle, as epi_epicycles_place() keeps them (@scale pixels a unit),
 * within CHAIN_MAX_TERMS. */
static guint
chain_length (const EpiSpectrum *spectrum,
              double             scale)
{
  guint n_terms = 0;

  for (guint i = 0, kept = 0; i < spectrum->n_terms && i < CHAIN_MAX_TERMS; i++)
    {
      double r = hypot (spectrum->terms[i].re, spectrum->terms[i].im) * scale;

      if (spectrum->terms[i].frequency != 0 && r >= 1.0 && kept < EPI_EPICYCLES_MAX_CIRCLES)
        {
          kept++;
          n_terms = i + 1;
        }
    }
  return n_terms;
}

/* The turning chain: a group a term, strongest first, each rotated
 * relative to the one before it (its frequency and phase less the
 * parent's) and shifted to the end of the parent's arm. A group's
 * rotate() attribute is where the turn starts and ends, which is what a
 * reader without animations shows; its animateTransforms put the shift
 * back first, then add the rotation. Circles under a pixel, and terms
 * past the last circle kept, are left out, as the live view leaves them
 * out. */
static void
append_animated_circles (SvgDoc            *doc,
                         const EpiSpectrum *spectrum)
{
  double scale = epi_view_get_scale (&doc->view, doc->width, doc->height);
  double parent_frequency = 0, parent_phase = 0, parent_arm = 0;
  g_autofree EpiEpicycles *chain = g_new0 (EpiEpicycles, 1);
  guint n_terms = 0, depth = 0, circle = 0;
  double ox = 0, oy = 0;
  cairo_matrix_t matrix;

  epi_epicycles_place (chain, spectrum, 0.0, &doc->view, doc->width, doc->height);
  n_terms = chain_length (spectrum, scale);
  epi_view_get_matrix (&doc->view, doc->width, doc->height, &matrix);
  cairo_matrix_transform_point (&matrix, &ox, &oy);
  g_string_append (doc->text, "<g transform=\"translate(");
  append_fixed (doc->text, ox, PATH_DECIMALS);
  g_string_append_c (doc->text, ' ');
  append_fixed (doc->text, oy, PATH_DECIMALS);
  g_string_append (doc->text, ")\">\n");

  for (guint i = 0; i < n_terms; i++)
    {
      const EpiTerm *t = &spectrum->terms[i];
      double r = hypot (t->re, t->im) * scale;
      double phase = atan2 (t->im, t->re) * 180 / G_PI;
      double start = phase - parent_phase;
      double turns = (double) t->frequency - parent_frequency;

      g_string_append (doc->text, "<g transform=\"translate(");
      append_fixed (doc->text, parent_arm, PATH_DECIMALS);
      g_string_append (doc->text, " 0) rotate(");
      append_degrees (doc->text, start);
      g_string_append (doc->text, ")\"><animateTransform attributeName=\"transform\" "
                                  "type=\"translate\" values=\"");
      append_fixed (doc->text, parent_arm, PATH_DECIMALS);
      g_string_append (doc->text, " 0\" dur=\"");
      append_ms (doc->text, doc->seconds);
      g_string_append (doc->text, "\" fill=\"freeze\"/><animateTransform attributeName=\"transform\" "
                                  "type=\"rotate\" additive=\"sum\" from=\"");
      append_degrees (doc->text, start);
      g_string_append (doc->text, "\" to=\"");
      append_degrees (doc->text, start + 360 * turns);
      g_string_append (doc->text, "\" dur=\"");
      append_ms (doc->text, doc->seconds);
      g_string_append (doc->text, "\" fill=\"freeze\"/>");

      if (t->frequency != 0 && r >= 1.0 && circle < chain->n_circles)
        {
          int level = epi_epicycles_circle_level (chain, circle++);

          g_string_append (doc->text, "<circle r=\"");
          append_fixed (doc->text, r, PATH_DECIMALS);
          g_string_append (doc->text, "\" ");
          append_circle_style (doc, level);
          g_string_append (doc->text, "/><path d=\"M0 0H");
          append_fixed (doc->text, r, PATH_DECIMALS);
          g_string_append (doc->text, "\" stroke=\"#595966\" stroke-opacity=\"0.7\" stroke-width=\"1\"/>");
        }
      g_string_append_c (doc->text, '\n');

      parent_frequency = t->frequency;
      parent_phase = phase;
      parent_arm = r;
      depth++;
    }

  /* The pen at the end of the last arm. */
  append_pen (doc, parent_arm, 0, NULL);
  for (guint i = 0; i <= depth; i++)
    g_string_append (doc->text, "</g>");
  g_string_append_c (doc->text, '\n');
}

static void
svg_doc_clear (SvgDoc *doc)
{
  if (doc->text != NULL)
    g_string_free (doc->text, TRUE);
  g_free (doc->points);
  g_clear_pointer (&doc->strokes, g_array_unref);
}

/**
 * epi_export_svg_build:
 * @spectrum: the drawing, with terms and samples
 * @options: the export; its kind is EPI_EXPORT_SVG or
 *   EPI_EXPORT_SVG_ANIMATED, and its size, speed and show_circles are read
 * @cancellable: (nullable): stops the writing every few thousand points
 * @error: return location for G_IO_ERROR_CANCELLED
 *
 * The SVG document of @spectrum in a frame of the PNG still's size
 * (epi_export_frame_size()), coordinates in its pixels. The still
 * (EPI_EXPORT_SVG) is one path with a subpath per pen-down stroke; the
 * animation (EPI_EXPORT_SVG_ANIMATED) reveals each stroke over the part
 * of EPI_RENDERER_TURN_SECONDS / speed the live view takes to draw it,
 * ends on the finished drawing and stays. With show_circles, the still
 * has the circles of its end and the animation turns the strongest of
 * them (up to 200 terms, so that readers of XML nested at most 256 deep
 * read it). No script, no external reference. Any thread.
 *
 * Returns: (transfer full): the document's UTF-8 bytes, or NULL with
 *   @error set
 */
GBytes *
epi_export_svg_build (const EpiSpectrum       *spectrum,
                      const EpiExportOptions  *options,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  SvgDoc doc = { 0 };
  gboolean animated, ok;

  g_return_val_if_fail (spectrum != NULL && spectrum->n_points > 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  animated = options->kind == EPI_EXPORT_SVG_ANIMATED;
  epi_export_frame_size (spectrum, options->size, &doc.width, &doc.height);
  epi_view_init (&doc.view, spectrum->width, spectrum->height);
  doc.seconds = EPI_RENDERER_TURN_SECONDS / options->speed;
  doc.text = g_string_sized_new (64 * 1024);

  svg_doc_trace (&doc, spectrum);
  append_header (&doc);
  if (animated)
    {
      ok = append_animated_trace (&doc, cancellable, error);
      if (ok && options->show_circles)
        append_animated_circles (&doc, spectrum);
      else if (ok)
        {
          /* Without the chain, the pen shows once the drawing is done. */
          double x = doc.points[doc.n_points].x, y = doc.points[doc.n_points].y;
          g_autoptr(GString) hidden = g_string_new ("<set attributeName=\"visibility\" to=\"hidden\" dur=\"");

          append_ms (hidden, doc.seconds);
          g_string_append (hidden, "\"/>");
          append_pen (&doc, x, y, hidden->str);
        }
    }
  else
    {
      ok = append_still_trace (&doc, cancellable, error);
      if (ok)
        append_still_circles (&doc, spectrum, options->show_circles);
    }
  g_string_append (doc.text, "</svg>\n");

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      svg_doc_clear (&doc);
      return NULL;
    }

  {
    GBytes *bytes = g_string_free_to_bytes (g_steal_pointer (&doc.text));

    svg_doc_clear (&doc);
    return bytes;
  }
}
