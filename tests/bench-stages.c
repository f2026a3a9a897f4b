/* bench-stages.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the time of one seal goes, on one thread: a 1920x1080 photo
 * (worked at the default 1024 px) and two smaller samples are sealed
 * several times with the boundary finder and with the Canny finder in
 * turn, and the median time of each stage is printed with the total, the
 * process's CPU time, K, the payload size and the pen-down and pen-up
 * lengths, then the boundary finder's cost over Canny's from the same
 * runs. The key is derived before the runs, so the seal stage is the
 * sealing alone. How sealing scales over workers is bench-batch's
 * business and is not measured again here.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define RUNS 7

/* The new finder first: ratios are new over old. */
static const EpiLineFinder finders[] = {
  EPI_LINE_FINDER_BOUNDARIES, EPI_LINE_FINDER_CANNY,
};
#define N_FINDERS G_N_ELEMENTS (finders)

static const char *samples[] = {
  "debian-plasma-preview-1920x1080.jpg", "rocket.jpg", "chelsea.png",
};

/* The encoding stages, in order. */
#define FIRST_STAGE EPI_STAGE_LOAD
#define LAST_STAGE  EPI_STAGE_SEAL
#define N_TIMED     (LAST_STAGE - FIRST_STAGE + 1)

/* The whole process's, so that a stage that went wide would show as CPU
 * time above the wall time. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Milliseconds of one finder over the runs of one sample. */
typedef struct
{
  double          stage_ms[N_TIMED][RUNS];
  double          total_ms[RUNS];
  double          cpu_ms[RUNS];
  EpiEncodeResult result;  /* of the last run; the figures do not vary */
} Runs;

static void
seal_once (const char        *input,
           const char        *output,
           EpiLineFinder      finder,
           EpiKeyring        *ring,
           EpiEncodeResult   *result,
           double            *cpu_ms)
{
  g_autoptr(GError) error = NULL;
  EpiEncodeSettings settings;
  double cpu;

  epi_encode_settings_init (&settings);
  settings.edges.finder = finder;
  settings.overwrite = TRUE;

  cpu = cpu_seconds ();
  if (!epi_pipeline_encrypt (input, output, &settings, ring, NULL, NULL, NULL, result, NULL, &error))
    g_error ("%s", error->message);
  *cpu_ms = (cpu_seconds () - cpu) * 1000;
}

static void
print_header (void)
{
  g_print ("  %-10s", "finder");
  for (guint s = FIRST_STAGE; s <= LAST_STAGE; s++)
    g_print (" %8s", epi_stage_get_name (s));
  g_print (" %8s %8s | %6s %9s %9s %8s\n", "total", "cpu", "K", "payload B", "pen-down", "pen-up");
}

static void
bench_sample (const char *sample,
              EpiKeyring *ring,
              const char *dir)
{
  g_autofree char *input = test_sample_path (sample);
  g_autofree char *output = g_build_filename (dir, "out.epicrypt", NULL);
  Runs *runs = g_new0 (Runs, N_FINDERS);
  double ratio_total[RUNS];
  double ratio_edges[RUNS];
  double ratio_cpu[RUNS];

  /* One unmeasured seal each, so that the file and the loaders are warm. */
  for (guint f = 0; f < N_FINDERS; f++)
    {
      double cpu;

      seal_once (input, output, finders[f], ring, &runs[f].result, &cpu);
    }

  /* The finders take turns within a run, so both see the same load from
   * whatever else the machine does, and each run gives one ratio. */
  for (guint r = 0; r < RUNS; r++)
    {
      for (guint f = 0; f < N_FINDERS; f++)
        {
          Runs *fr = &runs[f];

          seal_once (input, output, finders[f], ring, &fr->result, &fr->cpu_ms[r]);
          fr->total_ms[r] = 0;
          for (guint s = FIRST_STAGE; s <= LAST_STAGE; s++)
            {
              fr->stage_ms[s - FIRST_STAGE][r] = fr->result.stage_seconds[s] * 1000;
              fr->total_ms[r] += fr->stage_ms[s - FIRST_STAGE][r];
            }
        }
      ratio_total[r] = runs[0].total_ms[r] / runs[1].total_ms[r];
      ratio_cpu[r] = runs[0].cpu_ms[r] / runs[1].cpu_ms[r];
      ratio_edges[r] = runs[0].stage_ms[EPI_STAGE_EDGES - FIRST_STAGE][r] /
                       runs[1].stage_ms[EPI_STAGE_EDGES - FIRST_STAGE][r];
    }

  g_print ("%s: %ux%u, worked at %ux%u; median ms of %d runs\n", sample,
           runs[0].result.source_width, runs[0].result.source_height,
           runs[0].result.work_width, runs[0].result.work_height, RUNS);
  print_header ();
  for (guint f = 0; f < N_FINDERS; f++)
    {
      Runs *fr = &runs[f];

      g_print ("  %-10s", epi_line_finder_get_name (finders[f]));
      for (guint s = 0; s < N_TIMED; s++)
        g_print (" %8.1f", test_median (fr->stage_ms[s], RUNS));
      g_print (" %8.1f %8.1f | %6u %9" G_GSIZE_FORMAT " %9.0f %8.0f\n",
               test_median (fr->total_ms, RUNS), test_median (fr->cpu_ms, RUNS),
               fr->result.n_terms, fr->result.payload_bytes,
               fr->result.trace.pen_down_length, fr->result.trace.pen_up_length);
    }
  g_print ("  %s/%s: total x%.2f, cpu x%.2f, edges stage x%.2f (medians of the per-run ratios)\n\n",
           epi_line_finder_get_name (finders[0]), epi_line_finder_get_name (finders[1]), test_median (ratio_total, RUNS),
           test_median (ratio_cpu, RUNS), test_median (ratio_edges, RUNS));

  g_free (runs);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autofree char *dir = test_tmpdir_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = test_sample_path (samples[i]);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_print ("skipped: no sample %s\n", path);
          test_tmpdir_remove (dir);
          return 77;
        }
    }

  ring = test_bench_keyring (EPI_KDF_MINIMAL);

  g_print ("Time by stage of one seal on one thread, default settings: wall ms from the\n"
           "pipeline's own clock; cpu is the process's CPU ms over the whole seal (below\n"
           "the wall time when other work shares the processors).\n\n");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    bench_sample (samples[i], ring, dir);

  g_print ("Batch scaling (2 workers against 1): see the batch benchmark (bench-batch.c).\n");

  test_tmpdir_remove (dir);
  return 0;
}
