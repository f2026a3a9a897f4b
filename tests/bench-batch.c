/* bench-batch.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seals the same pictures with one worker and with one per processor, in
 * one run, and prints pictures per second for both and their ratio
 * (medians of several rounds), the time split by stage and the key
 * derivation time.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "epi-test-util.h"

#define ROUNDS 5
#define COPIES 16

static const char *samples[] = {
  "horse.png", "camera.png", "coins.png", "rocket.jpg", "chelsea.png", "skimage-logo.png",
  "pygame_icon_mac.bmp", "debian-plasma-preview-1920x1080.jpg", "no_time_for_that_tiny.gif",
};

typedef struct
{
  GMainLoop *loop;
  double     stage_seconds[EPI_N_STAGES];
} Totals;

static void
on_task_state (EpiBatchTask *task,
               GParamSpec   *pspec,
               Totals       *totals)
{
  EpiEncodeResult figures;

  if (!epi_task_state_is_finished (epi_batch_task_get_state (task)))
    return;

  g_assert_cmpint (epi_batch_task_get_state (task), ==, EPI_TASK_DONE);
  epi_batch_task_get_figures (task, &figures);
  for (guint s = 0; s < EPI_N_STAGES; s++)
    totals->stage_seconds[s] += figures.stage_seconds[s];
}

static void
on_finished (EpiBatch *batch,
             Totals   *totals)
{
  g_main_loop_quit (totals->loop);
}

/* Seconds to seal every sample COPIES times on @workers threads, the key
 * derivation included: a batch derives it once. */
static double
seal_all (guint       workers,
          EpiSecret  *secret,
          Totals     *totals)
{
  g_autofree char *out = test_tmpdir_new ();
  g_autoptr(EpiBatch) batch = epi_batch_new (workers);
  gint64 start;
  double seconds;

  totals->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (batch, "finished", G_CALLBACK (on_finished), totals);

  start = g_get_monotonic_time ();
  for (guint c = 0; c < COPIES; c++)
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      {
        g_autofree char *input = test_sample_path (samples[i]);
        g_autofree char *output = g_strdup_printf ("%s/%u-%s.epicrypt", out, c, samples[i]);
        g_autoptr(EpiTask) task = epi_task_new_encrypt (input, output, NULL, EPI_KDF_INTERACTIVE, secret);

        g_signal_connect (epi_batch_add (batch, 0, task, NULL), "notify::state",
                          G_CALLBACK (on_task_state), totals);
      }
  g_main_loop_run (totals->loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  g_assert_cmpuint (epi_batch_get_n_key_derivations (batch), ==, 1);
  g_main_loop_unref (totals->loop);
  test_tmpdir_remove (out);
  return seconds;
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* What queued tasks cost: they hold names and settings, never pixels. */
static void
measure_queue_memory (EpiSecret *secret)
{
  g_autoptr(EpiBatch) batch = epi_batch_new (1);
  g_autofree char *input = test_sample_path ("debian-plasma-preview-1920x1080.jpg");
  long before, after;

  before = peak_rss_kib ();
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *output = g_strdup_printf ("/nonexistent/%05u.epicrypt", i);
      g_autoptr(EpiTask) task = epi_task_new_encrypt (input, output, NULL, EPI_KDF_INTERACTIVE, secret);

      epi_batch_add (batch, 0, task, NULL);
    }
  after = peak_rss_kib ();
  epi_batch_cancel (batch);

  g_print ("10000 queued tasks of a 1920x1080 picture: %+ld KiB resident (%.0f bytes a task)\n",
           after - before, (after - before) * 1024.0 / 10000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new ("benchmark", 9, &error);
  guint n = MAX (1, g_get_num_processors ());
  guint images = COPIES * G_N_ELEMENTS (samples);
  double one[ROUNDS], many[ROUNDS], ratios[ROUNDS];
  Totals totals = { 0 };
  double total_stage = 0;

  g_assert_no_error (error);

  /* Warm the caches and the loaders once before measuring. */
  seal_all (n, secret, &totals);
  memset (&totals, 0, sizeof totals);

  for (guint r = 0; r < ROUNDS; r++)
    {
      one[r] = seal_all (1, secret, &totals);
      many[r] = seal_all (n, secret, &totals);
      ratios[r] = one[r] / many[r];
      g_print ("round %u: 1 worker %.2f s, %u workers %.2f s, ratio %.2f\n",
               r + 1, one[r], n, many[r], ratios[r]);
    }

  test_sort_doubles (one, ROUNDS);
  test_sort_doubles (many, ROUNDS);
  test_sort_doubles (ratios, ROUNDS);

  g_print ("\n%u pictures (%u samples x %u), Argon2id interactive, median of %d rounds:\n",
           images, (guint) G_N_ELEMENTS (samples), COPIES, ROUNDS);
  g_print ("  1 worker:   %6.2f pictures/s\n", images / one[ROUNDS / 2]);
  g_print ("  %u workers:  %6.2f pictures/s\n", n, images / many[ROUNDS / 2]);
  g_print ("  ratio:      %6.2f (median of the per-round ratios)\n\n", ratios[ROUNDS / 2]);

  for (guint s = EPI_STAGE_LOAD; s <= EPI_STAGE_SEAL; s++)
    total_stage += totals.stage_seconds[s];
  g_print ("Time by stage, summed over every picture of every round:\n");
  for (guint s = EPI_STAGE_LOAD; s <= EPI_STAGE_SEAL; s++)
    g_print ("  %-9s %6.1f%%  %6.2f ms a picture\n", epi_stage_get_name (s),
             100 * totals.stage_seconds[s] / total_stage,
             1000 * totals.stage_seconds[s] / (2 * ROUNDS * images));

  {
    g_autoptr(EpiKeyring) ring = NULL;
    g_autoptr(EpiKey) key = NULL;
    gint64 start;

    ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
    start = g_get_monotonic_time ();
    key = epi_keyring_get_seal_key (ring, &error);
    g_assert_no_error (error);
    g_print ("Key derivation, once a batch (included in the seal stage of one picture): %.1f ms\n\n",
             (g_get_monotonic_time () - start) / 1000.0);
  }

  measure_queue_memory (secret);
  return 0;
}
