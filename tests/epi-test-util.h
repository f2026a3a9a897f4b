/* epi-test-util.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

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
/* A keyring on the password "benchmark" whose sealing key is already
 * derived with @strength's limits, so that no timed seal pays for
 * Argon2id. Returns: (transfer full) */
EpiKeyring *test_bench_keyring  (EpiKdfStrength  strength);
void      test_tmpdir_remove    (const char  *dir);
void      test_write_file       (const char  *path,
                                 const void  *data,
                                 gsize        length);
guint     test_count_dir        (const char  *dir);
guint     test_count_lines      (const char  *text);
EpiSpectrum *test_random_spectrum (GRand     *rand);
/* A random drawing (seed 77) whose ink stays inside its 300 × 200
 * frame. Returns: (transfer full) */
EpiSpectrum *test_framed_spectrum (void);
/* An export's progress that cancels @cancellable (a GCancellable) once
 * its second frame is made. */
void      test_cancel_after_two (guint     frame,
                                 guint     n_frames,
                                 gpointer  cancellable);
GBytes   *test_small_payload    (void);

/* How many times each property of an object was notified. */
typedef struct
{
  GHashTable *counts;  /* owned; property name → notifications */
} TestNotes;

void      test_notes_watch      (TestNotes   *notes,
                                 gpointer     object);
guint     test_notes_count      (TestNotes   *notes,
                                 const char  *name);
EpiSpectrum *test_crowded_spectrum (guint   n_terms,
                                   double  width,
                                   double  height,
                                   double  radius);
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

mode_t    test_mode_of          (const char  *path);
void      test_assert_mode      (const char  *path,
                                 mode_t       expected);
char     *test_copy_sample_to   (const char  *sample,
                                 const char  *dir,
                                 const char  *name);

/* What a run of epicrypt-cli printed and how it ended. */
typedef struct
{
  int   status;   /* exit status, or 128 + signal */
  char *out;      /* owned */
  char *err;      /* owned */
} TestRun;

void      test_run_clear        (TestRun     *run);
void      test_cli_cheap_kdf    (GPtrArray   *argv);
void      test_cli_run          (TestRun     *run,
                                 const char  *password,
                                 GBytes      *input,
                                 int          fd3,
                                 const char * const *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestRun, test_run_clear)

/* What a CLI test starts from: a fresh temporary folder, optionally a
 * sample copied into it and a second folder for outputs, and the run
 * the test makes. The tear-down clears the run and removes the folders
 * with all they hold. */
typedef struct
{
  char    *dir;     /* owned: the test's temporary folder */
  char    *out;     /* owned: a second temporary folder, or NULL */
  char    *sample;  /* owned: the sample copied into @dir under its own name, or NULL */
  char    *sealed;  /* owned: @sample's sealed name (not made by the set-up), or NULL */
  TestRun  run;     /* owned: the last run */
} CliFixture;

void      cli_fixture_set_up    (CliFixture    *f,
                                 gconstpointer  sample);
void      cli_fixture_set_up_with_out (CliFixture    *f,
                                       gconstpointer  sample);
void      cli_fixture_tear_down (CliFixture    *f,
                                 gconstpointer  sample);

void      test_assert_thin      (const EpiEdgeMap *edges);

/* The ink of a drawing (RGB24 or ARGB32): 1 where it is darker than 200,
 * as the drawing's readers count it. Returns: (transfer full) */
guint8   *test_ink_of_surface   (cairo_surface_t  *surface);
/* The share of the set pixels of @a with a set pixel of @b within
 * @radius pixels (Euclidean); 0 when @a is empty. */
double    test_share_near       (const guint8     *a,
                                 const guint8     *b,
                                 guint             width,
                                 guint             height,
                                 double            radius);

G_END_DECLS
