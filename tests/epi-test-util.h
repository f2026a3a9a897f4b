/* epi-test-util.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "epi-core.h"

G_BEGIN_DECLS

typedef void (*TestDrawFunc) (cairo_t *cr, gpointer user_data);

EpiImage *test_image_draw       (int          width,
                                 int          height,
                                 TestDrawFunc draw,
                                 gpointer     user_data);
char     *test_sample_path      (const char  *name);
GBytes   *test_sample_bytes     (const char  *name);
char     *test_tmpdir_new       (void);
void      test_tmpdir_remove    (const char  *dir);
void      test_write_file       (const char  *path,
                                 const void  *data,
                                 gsize        length);
guint     test_count_dir        (const char  *dir);
EpiSpectrum *test_random_spectrum (GRand     *rand);
void      test_put_u32          (GByteArray  *bytes,
                                 gsize        offset,
                                 guint32      value);
void      test_put_f64          (GByteArray  *bytes,
                                 gsize        offset,
                                 double       value);
void      test_sort_doubles     (double      *values,
                                 guint        n);
double    test_median           (double      *values,
                                 guint        n);

G_END_DECLS
