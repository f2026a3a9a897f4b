/* epi-boundary.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The boundary finder: at every pixel, cues that tell the outline of an
 * object from the texture inside it, weighed by a small neural network
 * learned from people's drawings (epi-boundary-model.c, trained by
 * build-aux/train-boundary-model.py on the BSDS500 training photos).
 *
 * The cues follow Martin, Fowlkes and Malik, "Learning to Detect Natural
 * Image Boundaries Using Local Brightness, Color, and Texture Cues" (IEEE
 * TPAMI 26(5), 2004): brightness and colour differences in CIE Lab taken
 * across the line at several distances (their half-disc gradients, here as
 * the difference of two Gaussian-weighted means on either side), and a
 * texture difference (local contrast on either side). To these come
 * Gaussian-derivative magnitudes at three scales and their ratio to the
 * surrounding gradient energy, which is high on an isolated outline and
 * low in a field of texture: the surround suppression of Grigorescu,
 * Petkov and Westenberg, "Contour detection based on nonclassical
 * receptive field inhibition" (IEEE TIP 12(7), 2003).
 *
 * The network weighs the cues at each pixel, then looks around it:
 * dilated convolutions over its hidden planes (as in Yu and Koltun,
 * "Multi-scale context aggregation by dilated convolutions", ICLR 2016)
 * see whether a line goes on and what lies beside it, which the cues of
 * one pixel cannot.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "epi-boundary.h"
#include "epi-boundary-model.h"

/* The blur, in pixels, that leaves a broad line one crest: more costs
 * faint lines, less leaves the broad ones of clean pictures doubled. */
#define CREST_SIGMA 0.7
/* The smoothing, in pixels, under which the lines' directions are read. */
#define RIDGE_SIGMA 1.0

/* A float picture of one channel. */
typedef struct
{
  guint  w;
  guint  h;
  float *v;
} Plane;

static Plane
plane_new (guint w,
           guint h)
{
  return (Plane) { w, h, g_new0 (float, (gsize) w * h) };
}

static void
plane_clear (Plane *p)
{
  g_clear_pointer (&p->v, g_free);
}

static inline float
plane_at (const Plane *p,
          int          x,
          int          y)
{
  x = CLAMP (x, 0, (int) p->w - 1);
  y = CLAMP (y, 0, (int) p->h - 1);
  return p->v[(gsize) y * p->w + x];
}

/* Bilinear sample at (@x, @y) in pixel centres, the border repeated. */
static inline float
plane_sample (const Plane *p,
              float        x,
              float        y)
{
  float fx = floorf (x), fy = floorf (y);
  float tx = x - fx, ty = y - fy;
  int ix = (int) fx, iy = (int) fy;
  float a, b, c, d;

  if (ix >= 0 && iy >= 0 && ix + 1 < (int) p->w && iy + 1 < (int) p->h)
    {
      const float *r0 = p->v + (gsize) iy * p->w + ix, *r1 = r0 + p->w;

      a = r0[0], b = r0[1], c = r1[0], d = r1[1];
    }
  else
    {
      a = plane_at (p, ix, iy), b = plane_at (p, ix + 1, iy);
      c = plane_at (p, ix, iy + 1), d = plane_at (p, ix + 1, iy + 1);
    }

  return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
}

/* Separable Gaussian blur, three standard deviations wide, the border
 * repeated. */
static Plane
plane_blur (const Plane *src,
            double       sigma)
{
  int radius = MAX (1, (int) ceil (3 * sigma));
  int w = (int) src->w, h = (int) src->h;
  g_autofree float *kernel = g_new (float, 2 * radius + 1);
  g_autofree float *row = g_new (float, w + 2 * radius);
  Plane tmp = plane_new (src->w, src->h);
  Plane out = plane_new (src->w, src->h);
  double sum = 0;

  for (int i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = (float) exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * radius; i++)
    kernel[i] /= (float) sum;

  for (int y = 0; y < h; y++)
    {
      const float *in = src->v + (gsize) y * w;
      float *o = tmp.v + (gsize) y * w;

      for (int x = -radius; x < w + radius; x++)
        row[x + radius] = in[CLAMP (x, 0, w - 1)];
      /* One tap at a time over the whole row, so the inner loop is a
       * plain vector multiply-add. */
      for (int i = 0; i <= 2 * radius; i++)
        {
          const float *shifted = row + i;
          float k = kernel[i];

          for (int x = 0; x < w; x++)
            o[x] += k * shifted[x];
        }
    }

  /* Down the columns a row at a time, so the inner loop runs along memory. */
  for (int y = 0; y < h; y++)
    {
      float *o = out.v + (gsize) y * w;

      for (int i = -radius; i <= radius; i++)
        {
          const float *in = tmp.v + (gsize) CLAMP (y + i, 0, h - 1) * w;
          float k = kernel[i + radius];

          for (int x = 0; x < w; x++)
            o[x] += k * in[x];
        }
    }

  plane_clear (&tmp);
  return out;
}

/* Mean over a (2r+1)² box, the border repeated: running sums. */
static Plane
plane_box_mean (const Plane *src,
                int          r)
{
  int w = (int) src->w, h = (int) src->h;
  Plane tmp = plane_new (src->w, src->h);
  Plane out = plane_new (src->w, src->h);
  float norm = 1.0f / (float) ((2 * r + 1) * (2 * r + 1));

  for (int y = 0; y < h; y++)
    {
      const float *in = src->v + (gsize) y * w;
      float *o = tmp.v + (gsize) y * w;
      double acc = 0;

      for (int i = -r; i <= r; i++)
        acc += in[CLAMP (i, 0, w - 1)];
      for (int x = 0; x < w; x++)
        {
          o[x] = (float) acc;
          acc += in[MIN (x + r + 1, w - 1)] - in[MAX (x - r, 0)];
        }
    }

  for (int x = 0; x < w; x++)
    {
      double acc = 0;

      for (int i = -r; i <= r; i++)
        acc += tmp.v[(gsize) CLAMP (i, 0, h - 1) * w + x];
      for (int y = 0; y < h; y++)
        {
          out.v[(gsize) y * w + x] = (float) acc * norm;
          acc += tmp.v[(gsize) MIN (y + r + 1, h - 1) * w + x] - tmp.v[(gsize) MAX (y - r, 0) * w + x];
        }
    }

  plane_clear (&tmp);
  return out;
}

/* Sobel derivatives, divided by 8 so that they are per pixel. */
static void
plane_gradient (const Plane *src,
                Plane       *gx,
                Plane       *gy)
{
  int w = (int) src->w, h = (int) src->h;

  *gx = plane_new (src->w, src->h);
  *gy = plane_new (src->w, src->h);
  for (int y = 0; y < h; y++)
    {
      const float *up = src->v + (gsize) MAX (y - 1, 0) * w;
      const float *mid = src->v + (gsize) y * w;
      const float *down = src->v + (gsize) MIN (y + 1, h - 1) * w;

      for (int x = 0; x < w; x++)
        {
          int l = MAX (x - 1, 0), r = MIN (x + 1, w - 1);

          gx->v[(gsize) y * w + x] = ((up[r] + 2 * mid[r] + down[r]) - (up[l] + 2 * mid[l] + down[l])) / 8;
          gy->v[(gsize) y * w + x] = ((down[l] + 2 * down[x] + down[r]) - (up[l] + 2 * up[x] + up[r])) / 8;
        }
    }
}

/* CIE L*a*b* (D65) of sRGB, L* in 0–100. */
static void
lab_planes (const guint8 *rgb,
            guint         w,
            guint         h,
            Plane         lab[3])
{
  float linear[256];
  gsize n = (gsize) w * h;

  for (int i = 0; i < 256; i++)
    {
      double c = i / 255.0;

      linear[i] = (float) (c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4));
    }

  for (int c = 0; c < 3; c++)
    lab[c] = plane_new (w, h);

  for (gsize i = 0; i < n; i++)
    {
      float r = linear[rgb[3 * i]], g = linear[rgb[3 * i + 1]], b = linear[rgb[3 * i + 2]];
      float xyz[3] = {
        (0.412453f * r + 0.357580f * g + 0.180423f * b) / 0.950456f,
        0.212671f * r + 0.715160f * g + 0.072169f * b,
        (0.019334f * r + 0.119193f * g + 0.950227f * b) / 1.088754f,
      };
      float f[3];

      for (int c = 0; c < 3; c++)
        f[c] = xyz[c] > 0.008856f ? cbrtf (xyz[c]) : 7.787f * xyz[c] + 16.0f / 116;

      lab[0].v[i] = 116 * f[1] - 16;
      lab[1].v[i] = 500 * (f[0] - f[1]);
      lab[2].v[i] = 200 * (f[1] - f[2]);
    }
}

/* hypotf() without its care for overflow, which these values never reach. */
static inline float
norm2 (float a,
       float b)
{
  return sqrtf (a * a + b * b);
}

static inline float
hypot3 (float a,
        float b,
        float c)
{
  return sqrtf (a * a + b * b + c * c);
}

/* Where the next cue plane goes: planes of n floats, in the order the
 * model was trained on. */
typedef struct
{
  float *features;
  gsize  n;
  int    next;
} FeatureSink;

static float *
next_feature (FeatureSink *sink)
{
  return sink->features + (gsize) sink->next++ * sink->n;
}

/* The cues of the colour gradient at one scale, from the three Lab
 * planes blurred at it: each channel's magnitude, how much the colour
 * magnitude stands out from the energy around it, and how far it rises
 * above its neighbours across the line. Leaves the colour magnitude in
 * @magnitude and the channels' gradients in @gx and @gy. */
static void
scale_gradient_features (FeatureSink *sink,
                         const Plane  blurred[3],
                         double       scale,
                         Plane       *magnitude,
                         Plane        gx[3],
                         Plane        gy[3])
{
  guint w = blurred[0].w, h = blurred[0].h;
  gsize n = sink->n;
  float *channel[3];
  float *rise;

  *magnitude = plane_new (w, h);
  for (int c = 0; c < 3; c++)
    plane_gradient (&blurred[c], &gx[c], &gy[c]);

  /* The colour magnitude weighs a and b half as much as lightness. */
  for (int c = 0; c < 3; c++)
    channel[c] = next_feature (sink);
  for (gsize i = 0; i < n; i++)
    {
      float m[3];

      for (int c = 0; c < 3; c++)
        m[c] = channel[c][i] = norm2 (gx[c].v[i], gy[c].v[i]);
      magnitude->v[i] = hypot3 (m[0], 0.5f * m[1], 0.5f * m[2]);
    }

  for (int k = 0; k < 2; k++)
    {
      int r = k == 0 ? (int) (3 * scale) + 2 : (int) (8 * scale) + 4;
      Plane around = plane_box_mean (magnitude, r);
      float *out = next_feature (sink);

      for (gsize i = 0; i < n; i++)
        out[i] = magnitude->v[i] / (around.v[i] + 1);
      plane_clear (&around);
    }

  rise = next_feature (sink);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float len = norm2 (gx[0].v[i], gy[0].v[i]);
        int dx = len > 0 ? (int) lrintf (gx[0].v[i] / len) : 1;
        int dy = len > 0 ? (int) lrintf (gy[0].v[i] / len) : 0;
        float a = plane_at (magnitude, (int) x + dx, (int) y + dy);
        float b = plane_at (magnitude, (int) x - dx, (int) y - dy);

        rise[i] = magnitude->v[i] - MAX (a, b);
      }
}

/* The structure tensor of the finest gradients: the direction across the
 * line (@normal_x, @normal_y) for the two-sided differences, and how
 * clear that direction is (@coherence). */
static void
structure_tensor (const Plane  gx[3],
                  const Plane  gy[3],
                  Plane       *normal_x,
                  Plane       *normal_y,
                  Plane       *coherence)
{
  guint w = gx[0].w, h = gx[0].h;
  gsize n = (gsize) w * h;
  Plane jxx = plane_new (w, h), jxy = plane_new (w, h), jyy = plane_new (w, h);
  Plane t[3];

  for (int c = 0; c < 3; c++)
    {
      float weight = c == 0 ? 1.0f : 0.25f;

      for (gsize i = 0; i < n; i++)
        {
          jxx.v[i] += weight * gx[c].v[i] * gx[c].v[i];
          jxy.v[i] += weight * gx[c].v[i] * gy[c].v[i];
          jyy.v[i] += weight * gy[c].v[i] * gy[c].v[i];
        }
    }
  t[0] = plane_blur (&jxx, 2);
  t[1] = plane_blur (&jxy, 2);
  t[2] = plane_blur (&jyy, 2);
  for (gsize i = 0; i < n; i++)
    {
      float a = t[0].v[i], b = t[1].v[i], d = t[2].v[i];
      float theta = 0.5f * atan2f (2 * b, a - d);

      normal_x->v[i] = cosf (theta);
      normal_y->v[i] = sinf (theta);
      coherence->v[i] = sqrtf ((a - d) * (a - d) + 4 * b * b) / (a + d + 1e-3f);
    }
  for (int k = 0; k < 3; k++)
    plane_clear (&t[k]);
  plane_clear (&jxx);
  plane_clear (&jxy);
  plane_clear (&jyy);
}

/* Local contrast of lightness (texture) at two radii, then the density of
 * fine gradient energy at two; the finer contrast is left in @texture. */
static void
texture_features (FeatureSink *sink,
                  const Plane *lightness,
                  const Plane *fine_magnitude,
                  Plane       *texture)
{
  gsize n = sink->n;
  Plane sq = plane_new (lightness->w, lightness->h);
  float *contrast[2];

  for (gsize i = 0; i < n; i++)
    sq.v[i] = lightness->v[i] * lightness->v[i];
  for (int k = 0; k < 2; k++)
    {
      int r = k == 0 ? 3 : 8;
      Plane mean = plane_box_mean (lightness, r);
      Plane mean_sq = plane_box_mean (&sq, r);

      contrast[k] = next_feature (sink);
      for (gsize i = 0; i < n; i++)
        contrast[k][i] = sqrtf (MAX (mean_sq.v[i] - mean.v[i] * mean.v[i], 0));
      plane_clear (&mean);
      plane_clear (&mean_sq);
    }
  plane_clear (&sq);

  *texture = plane_new (lightness->w, lightness->h);
  memcpy (texture->v, contrast[0], n * sizeof (float));

  for (int k = 0; k < 2; k++)
    {
      Plane density = plane_box_mean (fine_magnitude, k == 0 ? 7 : 15);

      memcpy (next_feature (sink), density.v, n * sizeof (float));
      plane_clear (&density);
    }
}

/* Two-sided differences across the line at 2, 4, 8 and 16 pixels, of
 * means taken at half that radius: brightness, colour and texture. */
static void
two_sided_features (FeatureSink *sink,
                    Plane        blurred[4][3],
                    const Plane  texture_blurred[4],
                    const Plane *normal_x,
                    const Plane *normal_y)
{
  guint w = normal_x->w, h = normal_x->h;

  for (int s = 0; s < 4; s++)
    {
      float d = 2.0f * (float) (1 << s);
      const Plane *channels[4] = { &blurred[s][0], &blurred[s][1], &blurred[s][2], &texture_blurred[s] };

      for (int c = 0; c < 4; c++)
        {
          float *out = next_feature (sink);

          for (guint y = 0; y < h; y++)
            for (guint x = 0; x < w; x++)
              {
                gsize i = (gsize) y * w + x;
                float ox = d * normal_x->v[i], oy = d * normal_y->v[i];
                float a = plane_sample (channels[c], x + ox, y + oy);
                float b = plane_sample (channels[c], x - ox, y - oy);

                out[i] = fabsf (a - b);
              }
        }
    }
}

/* Writes the cues of a @w × @h picture given as sRGB bytes into
 * @features, EPI_BOUNDARY_N_FEATURES planes of w * h floats, in the
 * order the model was trained on. */
static void
compute_features (const guint8 *rgb,
                  guint         w,
                  guint         h,
                  float        *features)
{
  static const double scales[3] = { 1, 2, 4 };
  FeatureSink sink = { features, (gsize) w * h, 0 };
  Plane lab[3];
  Plane blurred[4][3];  /* Lab at σ = 1, 2, 4, 8 */
  Plane magnitude[3];   /* colour gradient magnitude at each scale */
  Plane normal_x = plane_new (w, h), normal_y = plane_new (w, h), coherence = plane_new (w, h);
  Plane texture, texture_blurred[4];

  lab_planes (rgb, w, h, lab);
  for (int s = 0; s < 4; s++)
    for (int c = 0; c < 3; c++)
      blurred[s][c] = plane_blur (&lab[c], s < 3 ? scales[s] : 8);

  for (int s = 0; s < 3; s++)
    {
      Plane gx[3], gy[3];

      scale_gradient_features (&sink, blurred[s], scales[s], &magnitude[s], gx, gy);
      if (s == 0)
        structure_tensor (gx, gy, &normal_x, &normal_y, &coherence);
      for (int c = 0; c < 3; c++)
        {
          plane_clear (&gx[c]);
          plane_clear (&gy[c]);
        }
    }

  texture_features (&sink, &lab[0], &magnitude[0], &texture);
  memcpy (next_feature (&sink), lab[0].v, sink.n * sizeof (float));
  memcpy (next_feature (&sink), coherence.v, sink.n * sizeof (float));

  {
    Plane fine_texture = plane_blur (&texture, 1);

    for (int s = 0; s < 4; s++)
      texture_blurred[s] = plane_blur (&fine_texture, s < 3 ? scales[s] : 8);
    plane_clear (&fine_texture);
  }
  two_sided_features (&sink, blurred, texture_blurred, &normal_x, &normal_y);

  g_assert (sink.next == EPI_BOUNDARY_N_FEATURES);

  for (int c = 0; c < 3; c++)
    plane_clear (&lab[c]);
  for (int s = 0; s < 4; s++)
    {
      for (int c = 0; c < 3; c++)
        plane_clear (&blurred[s][c]);
      plane_clear (&texture_blurred[s]);
    }
  for (int s = 0; s < 3; s++)
    plane_clear (&magnitude[s]);
  plane_clear (&texture);
  plane_clear (&normal_x);
  plane_clear (&normal_y);
  plane_clear (&coherence);
}

/**
 * epi_boundary_features:
 * @image: a working image
 *
 * Measures the boundary cues at every pixel of @image at its own size, for
 * training and inspecting the model. Any thread.
 *
 * Returns: (transfer full): EPI_BOUNDARY_N_FEATURES planes of
 *   width * height floats, one after the other, row-major
 */
float *
epi_boundary_features (const EpiImage *image)
{
  float *features;

  g_return_val_if_fail (image != NULL, NULL);

  features = g_new (float, (gsize) image->width * image->height * EPI_BOUNDARY_N_FEATURES);
  compute_features (image->rgb, image->width, image->height, features);

  return features;
}

/* One dilated 3×3 convolution of @n_in planes of @w × @h into @n_out,
 * rectified; outside the picture counts as 0. Weights are
 * [output][input][row][column]. An output row gathers every tap in a
 * buffer that stays in the cache, and the inner loop runs along
 * pixels. */
static void
convolve (const float *in,
          int          n_in,
          float       *out,
          int          n_out,
          const float *weight,
          const float *bias,
          int          dilation,
          guint        w,
          guint        h)
{
  gsize n = (gsize) w * h;
  g_autofree float *acc = g_new (float, w);

  for (int o = 0; o < n_out; o++)
    for (guint y = 0; y < h; y++)
      {
        float *dst = out + (gsize) o * n + (gsize) y * w;

        for (guint x = 0; x < w; x++)
          acc[x] = bias[o];
        for (int c = 0; c < n_in; c++)
          for (int k = 0; k < 9; k++)
            {
              int dy = (k / 3 - 1) * dilation, dx = (k % 3 - 1) * dilation;
              int sy = (int) y + dy;
              guint x0 = (guint) MAX (0, -dx), x1 = (guint) MAX (0, MIN ((int) w, (int) w - dx));
              float wgt = weight[((gsize) o * n_in + c) * 9 + k];
              const float *from;

              if (sy < 0 || sy >= (int) h)
                continue;
              from = in + (gsize) c * n + (gsize) sy * w + dx;
              for (guint x = x0; x < x1; x++)
                acc[x] += wgt * from[x];
            }
        for (guint x = 0; x < w; x++)
          dst[x] = MAX (acc[x], 0.0f);
      }
}

/* The network: signed square roots of the cues, standardised, one hidden
 * layer of rectified units at each pixel with a linear output; then
 * dilated convolutions over the hidden planes (a view 15 pixels wide:
 * whether a line goes on, what lies around it) whose linear output is
 * added. Never below 0, and not clamped at 1 so that a broad line keeps
 * its crest. The hidden layer is computed a block of pixels at a time so
 * that the inner loops run along pixels. */
static void
apply_model (const float *features,
             guint        w,
             guint        h,
             float       *probability)
{
  const EpiBoundaryModel *m = &epi_boundary_model;
  enum { BLOCK = 256 };
  gsize n = (gsize) w * h;
  float input[EPI_BOUNDARY_N_FEATURES][BLOCK];
  g_autofree float *hidden = g_new (float, n * EPI_BOUNDARY_N_HIDDEN);
  g_autofree float *context = g_new (float, n * EPI_BOUNDARY_N_CONTEXT);
  g_autofree float *next = g_new (float, n * EPI_BOUNDARY_N_CONTEXT);

  for (gsize start = 0; start < n; start += BLOCK)
    {
      gsize len = MIN ((gsize) BLOCK, n - start);

      for (int f = 0; f < EPI_BOUNDARY_N_FEATURES; f++)
        {
          const float *src = features + (gsize) f * n + start;

          for (gsize i = 0; i < len; i++)
            input[f][i] = (copysignf (sqrtf (fabsf (src[i])), src[i]) - m->mean[f]) * m->inverse_scale[f];
        }

      for (int j = 0; j < EPI_BOUNDARY_N_HIDDEN; j++)
        {
          float *acc = hidden + (gsize) j * n + start;

          for (gsize i = 0; i < len; i++)
            acc[i] = m->hidden_bias[j];
          for (int f = 0; f < EPI_BOUNDARY_N_FEATURES; f++)
            {
              float wgt = m->hidden_weight[j][f];
              const float *in = input[f];

              for (gsize i = 0; i < len; i++)
                acc[i] += wgt * in[i];
            }
          for (gsize i = 0; i < len; i++)
            acc[i] = MAX (acc[i], 0.0f);
        }
    }

  for (gsize i = 0; i < n; i++)
    probability[i] = m->output_bias + m->context_output_bias;
  for (int j = 0; j < EPI_BOUNDARY_N_HIDDEN; j++)
    {
      const float *plane = hidden + (gsize) j * n;

      for (gsize i = 0; i < n; i++)
        probability[i] += m->output_weight[j] * plane[i];
    }

  convolve (hidden, EPI_BOUNDARY_N_HIDDEN, context, EPI_BOUNDARY_N_CONTEXT,
            m->context_first_weight, m->context_bias[0], m->dilation[0], w, h);
  for (int l = 1; l < EPI_BOUNDARY_N_CONTEXT_LAYERS; l++)
    {
      float *swap;

      convolve (context, EPI_BOUNDARY_N_CONTEXT, next, EPI_BOUNDARY_N_CONTEXT,
                m->context_weight[l - 1], m->context_bias[l], m->dilation[l], w, h);
      swap = context;
      context = next;
      next = swap;
    }
  for (int j = 0; j < EPI_BOUNDARY_N_CONTEXT; j++)
    {
      const float *plane = context + (gsize) j * n;

      for (gsize i = 0; i < n; i++)
        probability[i] += m->context_output_weight[j] * plane[i];
    }

  for (gsize i = 0; i < n; i++)
    probability[i] = MAX (probability[i], 0.0f);
}

/* @src scaled to @w × @h, bilinear. */
static Plane
plane_resize (const Plane *src,
              guint        w,
              guint        h)
{
  Plane out = plane_new (w, h);
  float sx = (float) src->w / w, sy = (float) src->h / h;

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      out.v[(gsize) y * w + x] = plane_sample (src, (x + 0.5f) * sx - 0.5f, (y + 0.5f) * sy - 0.5f);

  return out;
}

/* The direction across the lines of @p: across a ridge the probability
 * bends down most, so the normal is the eigenvector of the Hessian (of
 * @p smoothed at RIDGE_SIGMA) with the lower eigenvalue (Steger, "An
 * unbiased detector of curvilinear structures", IEEE TPAMI 20(2), 1998).
 * Unlike the gradient's structure tensor, which averages directions over
 * a window, it stays right where two lines run close or meet. */
static void
ridge_normals (const Plane *p,
               float       *normal_x,
               float       *normal_y)
{
  Plane smooth = plane_blur (p, RIDGE_SIGMA);
  Plane gx, gy, gxx, gxy, gyx, gyy;
  gsize n = (gsize) p->w * p->h;

  plane_gradient (&smooth, &gx, &gy);
  plane_gradient (&gx, &gxx, &gxy);
  plane_gradient (&gy, &gyx, &gyy);
  for (gsize i = 0; i < n; i++)
    {
      /* The angle of the higher eigenvalue's eigenvector, turned a
       * quarter. */
      float theta = 0.5f * atan2f (gxy.v[i] + gyx.v[i], gxx.v[i] - gyy.v[i]) + (float) G_PI_2;

      normal_x[i] = cosf (theta);
      normal_y[i] = sinf (theta);
    }

  plane_clear (&smooth);
  plane_clear (&gx);
  plane_clear (&gy);
  plane_clear (&gxx);
  plane_clear (&gxy);
  plane_clear (&gyx);
  plane_clear (&gyy);
}

/**
 * epi_boundary_detect:
 * @image: a working image
 *
 * Estimates, at every pixel of @image, how likely a person would draw a
 * boundary there. Pictures larger than EPI_BOUNDARY_MAX_SIDE are measured
 * at that size and the estimate is scaled back up. It cannot fail. Any
 * thread; @image is only read; about 170 ms at 512 pixels a side on one
 * core.
 *
 * Returns: (transfer full): the map, at the size of @image in pixels
 *   (width × height floats a plane), to free with epi_boundary_map_free()
 */
EpiBoundaryMap *
epi_boundary_detect (const EpiImage *image)
{
  g_autofree guint8 *small_rgb = NULL;
  g_autofree float *features = NULL;
  const guint8 *rgb = image->rgb;
  guint w = image->width, h = image->height;
  guint longest = MAX (w, h);
  EpiBoundaryMap *map;
  Plane probability, smooth;

  g_return_val_if_fail (image != NULL, NULL);

  if (longest > EPI_BOUNDARY_MAX_SIDE)
    {
      g_autoptr(GdkPixbuf) full = NULL;
      g_autoptr(GdkPixbuf) scaled = NULL;
      double scale = (double) EPI_BOUNDARY_MAX_SIDE / longest;
      const guint8 *row;
      int stride;

      w = MAX (1, (guint) lround (image->width * scale));
      h = MAX (1, (guint) lround (image->height * scale));
      full = gdk_pixbuf_new_from_data (image->rgb, GDK_COLORSPACE_RGB, FALSE, 8,
                                       (int) image->width, (int) image->height,
                                       (int) image->width * 3, NULL, NULL);
      scaled = gdk_pixbuf_scale_simple (full, (int) w, (int) h, GDK_INTERP_BILINEAR);
      small_rgb = g_new (guint8, (gsize) w * h * 3);
      stride = gdk_pixbuf_get_rowstride (scaled);
      row = gdk_pixbuf_read_pixels (scaled);
      for (guint y = 0; y < h; y++)
        memcpy (small_rgb + (gsize) y * w * 3, row + (gsize) y * stride, (gsize) w * 3);
      rgb = small_rgb;
    }

  features = g_new (float, (gsize) w * h * EPI_BOUNDARY_N_FEATURES);
  compute_features (rgb, w, h, features);
  probability = plane_new (w, h);
  apply_model (features, w, h, probability.v);
  g_clear_pointer (&features, g_free);

  if (w != image->width || h != image->height)
    {
      Plane full = plane_resize (&probability, image->width, image->height);

      plane_clear (&probability);
      probability = full;
    }

  map = g_new0 (EpiBoundaryMap, 1);
  map->width = image->width;
  map->height = image->height;
  map->probability = g_steal_pointer (&probability.v);
  map->normal_x = g_new (float, (gsize) map->width * map->height);
  map->normal_y = g_new (float, (gsize) map->width * map->height);
  probability.v = map->probability;
  ridge_normals (&probability, map->normal_x, map->normal_y);

  /* A touch of blur gives a broad line a single crest, so that it is
   * drawn once. */
  smooth = plane_blur (&probability, CREST_SIGMA);
  g_free (map->probability);
  map->probability = g_steal_pointer (&smooth.v);

  return map;
}

/* Frees @map and its planes; NULL is ignored. */
void
epi_boundary_map_free (EpiBoundaryMap *map)
{
  if (map == NULL)
    return;

  g_free (map->probability);
  g_free (map->normal_x);
  g_free (map->normal_y);
  g_free (map);
}
