/* epi-picture-kind.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What kind of picture the line finder is given: drawn (a logo, line
 * art, a page of text), whose edges are all meant, or a photo; and for
 * a photo of little contrast, the copy with its levels stretched that
 * the boundary cues should see.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epi-picture-kind.h"

/* A drawn picture (a logo, line art, a page of text) is painted in a
 * few colours over flat fields: at most DRAWN_MAX_COLOURS colours, its
 * DRAWN_MAIN_COLOURS commonest covering at least DRAWN_MAIN_SHARE of
 * it, and at least DRAWN_FLAT_SHARE of its pixels with a 3×3
 * neighbourhood that varies by at most DRAWN_FLAT_RANGE levels. Colour
 * photos have tens of thousands of colours; a gray one has at most 256,
 * but its commonest 16 cover 0.25 to 0.30 of it where a clear sky makes
 * it flat (the gray rocket and cameraman samples), and no gray BSDS500
 * photo is flat over more than 0.41 of it. Logos, line art and text
 * have their commonest 16 colours over 0.62 to 0.99 of them, and are
 * flat over 0.55 to 0.95. */
#define DRAWN_MAX_COLOURS     4096
#define DRAWN_MAIN_COLOURS    16
#define DRAWN_MAIN_SHARE      0.5
#define DRAWN_FLAT_SHARE      0.5
#define DRAWN_FLAT_RANGE      2

/* The colour counts of a picture of few colours: an open-addressed
 * table of twice DRAWN_MAX_COLOURS slots, keyed by colour + 1. */
#define COLOUR_SLOTS (2 * DRAWN_MAX_COLOURS)

/* A box of a picture, inclusive. */
typedef struct
{
  int x0, y0, x1, y1;
} Box;

/* Whether the pixels from (x0, y0) to (x1, y1) of @image, a row or a
 * column, all have @colour. */
static gboolean
all_of_colour (const EpiImage *image,
               int             x0,
               int             y0,
               int             x1,
               int             y1,
               const guint8   *colour)
{
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      if (memcmp (image->rgb + 3 * ((gsize) y * image->width + x), colour, 3) != 0)
        return FALSE;

  return TRUE;
}

/* The box of @image inside the margin of its top-left pixel's colour: a
 * photo matted on white or a page with wide blank margins is judged by
 * what is on it. FALSE when the picture is that one colour. */
static gboolean
content_box (const EpiImage *image,
             Box            *box)
{
  const guint8 *margin = image->rgb;
  int w = (int) image->width, h = (int) image->height;

  *box = (Box) { 0, 0, w - 1, h - 1 };
  while (box->y0 <= box->y1 && all_of_colour (image, 0, box->y0, w - 1, box->y0, margin))
    box->y0++;
  if (box->y0 > box->y1)
    return FALSE;
  /* A pixel of another colour is left in the box: each loop stops. */
  while (all_of_colour (image, 0, box->y1, w - 1, box->y1, margin))
    box->y1--;
  while (all_of_colour (image, box->x0, box->y0, box->x0, box->y1, margin))
    box->x0++;
  while (all_of_colour (image, box->x1, box->y0, box->x1, box->y1, margin))
    box->x1--;

  return TRUE;
}

/* Counts the colours of @image inside @box into @key and @count
 * (COLOUR_SLOTS each, zeroed); FALSE as soon as there are more than
 * DRAWN_MAX_COLOURS. */
static gboolean
count_colours (const EpiImage *image,
               const Box      *box,
               guint32        *key,
               guint32        *count)
{
  guint n_colours = 0;

  for (int y = box->y0; y <= box->y1; y++)
    for (int x = box->x0; x <= box->x1; x++)
      {
        const guint8 *p = image->rgb + 3 * ((gsize) y * image->width + x);
        guint32 colour = ((guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2]) + 1;
        guint slot = (colour * 2654435761u) % COLOUR_SLOTS;

        while (key[slot] != 0 && key[slot] != colour)
          slot = (slot + 1) % COLOUR_SLOTS;
        if (key[slot] == 0)
          {
            if (++n_colours > DRAWN_MAX_COLOURS)
              return FALSE;
            key[slot] = colour;
          }
        count[slot]++;
      }

  return TRUE;
}

static int
compare_counts_down (gconstpointer a,
                     gconstpointer b)
{
  guint32 ca = *(const guint32 *) a, cb = *(const guint32 *) b;

  return ca < cb ? 1 : ca > cb ? -1 : 0;
}

gboolean
epi_picture_is_drawn (const EpiImage *image)
{
  int w = (int) image->width, h = (int) image->height;
  g_autofree guint32 *key = g_new0 (guint32, COLOUR_SLOTS);
  g_autofree guint32 *count = g_new0 (guint32, COLOUR_SLOTS);
  gsize n_main = 0, n_flat = 0;
  Box box;

  if (!content_box (image, &box))
    return TRUE;
  if (!count_colours (image, &box, key, count))
    return FALSE;
  qsort (count, COLOUR_SLOTS, sizeof *count, compare_counts_down);
  for (guint k = 0; k < DRAWN_MAIN_COLOURS; k++)
    n_main += count[k];
  if (n_main < DRAWN_MAIN_SHARE * (double) (box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1))
    return FALSE;

  for (int y = 1; y + 1 < h; y++)
    for (int x = 1; x + 1 < w; x++)
      n_flat += epi_image_channel_range (image, x, y, 1) <= DRAWN_FLAT_RANGE;

  return n_flat >= DRAWN_FLAT_SHARE * (double) (w - 2) * (h - 2);
}

/* A photo whose gray levels span less than STRETCH_BELOW of the range
 * between its STRETCH_TAIL and 1 - STRETCH_TAIL quantiles (fog, haze, a
 * faded print) is stretched to the full range before the boundary cues
 * are measured: they were learned on photos of ordinary contrast, and a
 * person draws the same outlines at any contrast. */
#define STRETCH_BELOW 0.6
#define STRETCH_TAIL  0.005

EpiImage *
epi_picture_stretched (const EpiImage *image)
{
  gsize n = (gsize) image->width * image->height, tail = (gsize) (STRETCH_TAIL * n), seen = 0;
  guint histogram[256] = { 0 };
  int lo = 0, hi = 255;
  double gain;
  EpiImage *copy;

  for (gsize i = 0; i < n; i++)
    histogram[image->pixels[i]]++;
  for (seen = histogram[0]; lo < 255 && seen <= tail; seen += histogram[++lo])
    ;
  for (seen = histogram[255]; hi > 0 && seen <= tail; seen += histogram[--hi])
    ;
  if (hi - lo >= STRETCH_BELOW * 255 || hi <= lo)
    return NULL;

  gain = 255.0 / (hi - lo);
  copy = epi_image_new (image->width, image->height);
  for (gsize i = 0; i < 3 * n; i++)
    copy->rgb[i] = (guint8) CLAMP (lround ((image->rgb[i] - lo) * gain), 0, 255);
  for (gsize i = 0; i < n; i++)
    copy->pixels[i] = (guint8) CLAMP (lround ((image->pixels[i] - lo) * gain), 0, 255);

  return copy;
}
