/* bench-kdf.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each key strength costs: the time of one Argon2id derivation (a
 * batch pays it once) and the process's peak memory while it runs,
 * cheapest first so each peak is that strength's own.
 *
 *   meson test -C build --benchmark kdf -v
 */

#include "config.h"

#include <sys/resource.h>

#include "epi-test-util.h"

#define RUNS 5

int
main (int    argc,
      char **argv)
{
  const EpiKdfStrength strengths[] = { EPI_KDF_INTERACTIVE, EPI_KDF_MODERATE, EPI_KDF_SENSITIVE };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new ("a benchmark password", 20, &error);
  double interactive_ms = 0;
  struct rusage usage;

  g_assert_no_error (error);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("Key derivation, Argon2id v1.3, one thread, medians of %d runs; peak memory of the process "
           "(%.0f MiB before any):\n\n", RUNS, usage.ru_maxrss / 1024.0);
  g_print ("%-12s %7s %9s %10s %9s %14s\n", "strength", "passes", "memory", "time ms", "ratio", "peak RSS MiB");

  for (guint s = 0; s < G_N_ELEMENTS (strengths); s++)
    {
      double ms[RUNS], median;
      EpiKdfLimits limits;

      epi_kdf_strength_get_limits (strengths[s], &limits);
      for (guint r = 0; r < RUNS; r++)
        {
          /* A new ring draws a new salt: every run derives. */
          g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, strengths[s]);
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, &error);

          g_assert_no_error (error);
          ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      median = test_median (ms, RUNS);
      if (s == 0)
        interactive_ms = median;
      getrusage (RUSAGE_SELF, &usage);
      g_print ("%-12s %7llu %5llu MiB %10.0f %8.1fx %14.0f\n",
               epi_kdf_strength_get_name (strengths[s]), (unsigned long long) limits.opslimit,
               (unsigned long long) (limits.memlimit >> 20), median, median / interactive_ms,
               usage.ru_maxrss / 1024.0);
    }

  return 0;
}
