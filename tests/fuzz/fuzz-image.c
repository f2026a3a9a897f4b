/* fuzz-image.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the picture pipeline from bytes — load, edges, trace
 * and spectrum — with small caps so that each input is quick, and any
 * library warning or critical on the way counted as a crash.
 */

#include "config.h"

#include "epi-core.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A warning or critical from any decoder is a finding: none may reach
 * the user, whatever the input. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(EpiImage) image = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  g_autoptr(EpiPath) path = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiLoadOptions load;
  EpiTraceOptions trace;
  EpiSpectrumOptions terms;

  epi_load_options_init (&load);
  load.max_pixels = 4 * 1000 * 1000;
  load.max_side = 96;
  image = epi_image_load_bytes (bytes, &load, NULL);
  if (image == NULL)
    return 0;

  edges = epi_edges_detect (image, NULL, NULL);
  if (edges == NULL)
    return 0;

  epi_trace_options_init (&trace);
  trace.max_points = 4096;
  path = epi_trace (edges, &trace, NULL, NULL, NULL);
  if (path == NULL)
    return 0;

  epi_spectrum_options_init (&terms);
  terms.max_terms = 256;
  spectrum = epi_spectrum_from_path (path, &terms, NULL);
  if (spectrum == NULL || spectrum->n_terms == 0 || spectrum->n_terms > 256)
    __builtin_trap ();

  return 0;
}
