/* epi-pipeline.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages in order, for one file: load → edges → trace → spectrum →
 * seal → write, and back: read → open → decode → still picture. Every
 * error is prefixed with the file it concerns.
 */

#include "config.h"

#include "epi-i18n.h"

#include <math.h>
#include <string.h>

#include "epi-error.h"
#include "epi-file.h"
#include "epi-names.h"
#include "epi-payload.h"
#include "epi-pipeline.h"
#include "epi-seal.h"
#include "epi-still.h"

/* A default still is never larger than this a side. */
#define DEFAULT_MAX_STILL_SIDE 8192
/* "NAME (n)…" tried for a drawing named after its picture. */
#define MAX_NAME_NUMBER 9999

/* Returns: (transfer none): the stage's name in the program's messages
 * and its GType's nick ("load", "edges", …), or NULL for a value out of
 * range. */
const char *
epi_stage_get_name (EpiStage stage)
{
  static const char * const names[] = {
    "load", "edges", "trace", "spectrum", "seal", "open", "render",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == EPI_N_STAGES);

  g_return_val_if_fail (stage < EPI_N_STAGES, NULL);

  return names[stage];
}

/* Sets every part of @settings to its defaults (see the *_options_init
 * functions); nothing is overwritten and names are kept. */
void
epi_encode_settings_init (EpiEncodeSettings *settings)
{
  g_return_if_fail (settings != NULL);

  epi_load_options_init (&settings->load);
  epi_edge_options_init (&settings->edges);
  epi_trace_options_init (&settings->trace);
  epi_spectrum_options_init (&settings->spectrum);
  settings->overwrite = FALSE;
  settings->hide_names = FALSE;
}

static void
report (EpiProgressFunc progress,
        gpointer        user_data,
        EpiStage        stage,
        double          fraction)
{
  if (progress != NULL)
    progress (stage, fraction, user_data);
}

/* Times one stage into @result, telling @progress when it starts. */
typedef struct
{
  EpiEncodeResult *result;
  gint64           started;
} StageClock;

static void
stage_begin (StageClock      *clock,
             EpiProgressFunc  progress,
             gpointer         user_data,
             EpiStage         stage)
{
  report (progress, user_data, stage, 0.0);
  clock->started = g_get_monotonic_time ();
}

static void
stage_end (StageClock *clock,
           EpiStage    stage)
{
  clock->result->stage_seconds[stage] = (g_get_monotonic_time () - clock->started) / 1e6;
}

/**
 * epi_pipeline_analyze:
 * @input: a picture file (see epi_image_load_file() for the formats)
 * @settings: (nullable): NULL for the defaults of
 *   epi_encode_settings_init()
 * @progress: (nullable): told of the start of each stage, load to
 *   spectrum, on the calling thread; called with @user_data
 * @user_data: for @progress
 * @cancellable: (nullable): checked between stages and inside the trace
 * @result: (out caller-allocates) (optional): zeroed, then filled with the
 *   figures of the run, also when it fails part way
 * @error: as epi_image_load_file() (G_IO_ERROR from reading,
 *   EPI_ERROR_NOT_AN_IMAGE, EPI_ERROR_CORRUPT_IMAGE, EPI_ERROR_TOO_LARGE,
 *   EPI_ERROR_OUT_OF_MEMORY), epi_edges_detect(), epi_trace() and
 *   epi_spectrum_from_path() (EPI_ERROR_NO_LINES,
 *   EPI_ERROR_INVALID_ARGUMENT, EPI_ERROR_OUT_OF_MEMORY), or
 *   G_IO_ERROR_CANCELLED; prefixed with @input
 *
 * The encrypting stages short of sealing: loads @input, finds its lines,
 * traces them into one pen path and keeps the strongest terms of its
 * Fourier series. Writes nothing. The spectrum's coordinates (width,
 * height, the terms' amplitudes) are in pixels of the original picture,
 * after EXIF rotation; its frequencies are in turns per drawing, its
 * pen-up spans in samples of the path. Any thread: a worker, since it
 * takes from milliseconds to seconds.
 *
 * Returns: (transfer full): the spectrum, to free with
 *   epi_spectrum_free(), or NULL with @error set
 */
EpiSpectrum *
epi_pipeline_analyze (const char               *input,
                      const EpiEncodeSettings  *settings,
                      EpiProgressFunc           progress,
                      gpointer                  user_data,
                      GCancellable             *cancellable,
                      EpiEncodeResult          *result,
                      GError                  **error)
{
  g_autoptr(EpiImage) image = NULL;
  g_autoptr(EpiEdgeMap) edges = NULL;
  g_autoptr(EpiPath) path = NULL;
  EpiEncodeSettings defaults;
  EpiEncodeResult local_result;
  EpiSpectrumOptions spectrum_options;
  EpiSpectrum *spectrum;
  StageClock clock;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (settings == NULL)
    {
      epi_encode_settings_init (&defaults);
      settings = &defaults;
    }
  if (result == NULL)
    result = &local_result;
  memset (result, 0, sizeof *result);
  clock.result = result;

  stage_begin (&clock, progress, user_data, EPI_STAGE_LOAD);
  image = epi_image_load_file (input, &settings->load, error);
  stage_end (&clock, EPI_STAGE_LOAD);
  if (image == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  result->source_width = image->source_width;
  result->source_height = image->source_height;
  result->source_frames = image->n_frames;
  result->work_width = image->width;
  result->work_height = image->height;

  stage_begin (&clock, progress, user_data, EPI_STAGE_EDGES);
  edges = epi_edges_detect (image, &settings->edges, error);
  stage_end (&clock, EPI_STAGE_EDGES);
  if (edges == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  result->n_edge_pixels = edges->n_edge_pixels;

  stage_begin (&clock, progress, user_data, EPI_STAGE_TRACE);
  path = epi_trace (edges, &settings->trace, cancellable, &result->trace, error);
  stage_end (&clock, EPI_STAGE_TRACE);
  if (path == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* Coefficients are stored in the original picture's pixels, so that a
   * viewer can draw at the original size without knowing the working one;
   * the stroke error is still judged in the working pixels the lines were
   * found in. The two scales differ only by rounding. */
  spectrum_options = settings->spectrum;
  spectrum_options.pixel_size = sqrt ((double) image->source_width / image->width *
                                      (double) image->source_height / image->height);
  epi_path_rescale (path, image->source_width, image->source_height);

  stage_begin (&clock, progress, user_data, EPI_STAGE_SPECTRUM);
  spectrum = epi_spectrum_from_path (path, &spectrum_options, error);
  stage_end (&clock, EPI_STAGE_SPECTRUM);
  if (spectrum == NULL)
    goto fail;

  result->n_points = spectrum->n_points;
  result->n_terms = spectrum->n_terms;
  result->n_circles = epi_spectrum_count_circles (spectrum);
  result->rmse_fraction = spectrum->rmse / epi_spectrum_diagonal (spectrum);
  result->energy_kept = spectrum->energy_kept;
  result->stroke_error = spectrum->stroke_error;
  result->stroke_error_max = spectrum->stroke_error_max;
  result->capped = spectrum->capped;

  return spectrum;

fail:
  epi_prefix_error_with_path (error, input);
  return NULL;
}

/**
 * epi_pipeline_encrypt:
 * @input: a picture file
 * @output: the sealed file to write; refused before any work when it
 *   exists, unless settings->overwrite
 * @settings: (nullable): NULL for the defaults of
 *   epi_encode_settings_init()
 * @ring: derives the sealing key, once for all the files sealed through it
 * @progress: (nullable): told of each stage, load to seal, on the calling
 *   thread; called with @user_data
 * @user_data: for @progress
 * @cancellable: (nullable): checked between stages, inside the trace and
 *   while writing
 * @result: (out caller-allocates) (optional): the figures of the run, the
 *   payload's and the sealed file's sizes in bytes among them
 * @sealed_spectrum: (out) (optional) (transfer full): the spectrum just sealed, for
 *   a caller that shows the drawing
 * @error: as epi_pipeline_analyze(); G_IO_ERROR_EXISTS or
 *   G_IO_ERROR_IS_DIRECTORY for an @output in the way; as
 *   epi_keyring_get_seal_key() (EPI_ERROR_OUT_OF_MEMORY,
 *   EPI_ERROR_BAD_KDF_LIMITS, EPI_ERROR_UNSUPPORTED) and epi_seal() (EPI_ERROR_TOO_LARGE,
 *   EPI_ERROR_INVALID_ARGUMENT for too long a name); G_IO_ERROR from
 *   writing, G_IO_ERROR_CANCELLED among them. Prefixed with the path
 *   concerned.
 *
 * Seals one picture: epi_pipeline_analyze(), then the payload (24 bytes a
 * term), sealed under the ring's key and written atomically to @output
 * with the mode any new file gets. On failure nothing is left at
 * @output. Any thread; a worker, since it runs Argon2id unless the ring
 * has the key.
 *
 * Returns: whether @output was written
 */
gboolean
epi_pipeline_encrypt (const char               *input,
                      const char               *output,
                      const EpiEncodeSettings  *settings,
                      EpiKeyring               *ring,
                      EpiProgressFunc           progress,
                      gpointer                  user_data,
                      GCancellable             *cancellable,
                      EpiEncodeResult          *result,
                      EpiSpectrum             **sealed_spectrum,
                      GError                  **error)
{
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(EpiKey) key = NULL;
  EpiEncodeSettings defaults;
  EpiEncodeResult local_result;
  StageClock clock;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (ring != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings == NULL)
    {
      epi_encode_settings_init (&defaults);
      settings = &defaults;
    }
  if (result == NULL)
    result = &local_result;

  /* Refuse an existing output before spending any time. */
  if (!epi_file_check_free (output, settings->overwrite, error))
    {
      epi_prefix_error_with_path (error, output);
      return FALSE;
    }

  spectrum = epi_pipeline_analyze (input, settings, progress, user_data,
                                   cancellable, result, error);
  if (spectrum == NULL)
    return FALSE;

  clock.result = result;
  stage_begin (&clock, progress, user_data, EPI_STAGE_SEAL);
  payload = epi_payload_encode (spectrum);
  result->payload_bytes = g_bytes_get_size (payload);

  key = epi_keyring_get_seal_key (ring, error);
  if (key != NULL)
    sealed = epi_seal (key, payload, input,
                       settings->hide_names ? EPI_SEALED_NAME_HIDDEN : 0, error);
  if (sealed == NULL)
    {
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }

  /* A sealed file is meant to be sent: it gets the mode any new file would. */
  if (!epi_file_write_atomic (output, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                              EPI_FILE_SHARED, settings->overwrite, cancellable, error))
    {
      epi_prefix_error_with_path (error, output);
      return FALSE;
    }
  result->file_bytes = g_bytes_get_size (sealed);
  stage_end (&clock, EPI_STAGE_SEAL);
  report (progress, user_data, EPI_STAGE_SEAL, 1.0);

  /* The terms just sealed, for a caller that shows the drawing. */
  if (sealed_spectrum != NULL)
    *sealed_spectrum = g_steal_pointer (&spectrum);

  return TRUE;
}

/**
 * epi_pipeline_check_sealed:
 * @input: a sealed file
 * @max_strength: the costliest key strength accepted
 * @header: (out caller-allocates) (optional): its header
 * @error: the errors of epi_file_read() (G_IO_ERROR from reading,
 *   G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_REGULAR_FILE,
 *   EPI_ERROR_TOO_LARGE over EPI_MAX_SEALED_FILE_BYTES),
 *   epi_sealed_header_parse() (EPI_ERROR_NOT_SEALED, EPI_ERROR_TRUNCATED,
 *   EPI_ERROR_UNSUPPORTED, EPI_ERROR_BAD_KDF_LIMITS) and
 *   epi_key_spec_check() (EPI_ERROR_UNSUPPORTED,
 *   EPI_ERROR_BAD_KDF_LIMITS over @max_strength); not prefixed
 *
 * Whether @input is a sealed file this program opens, from its header
 * alone: no password, no key derivation. It reads the file (at most
 * EPI_MAX_SEALED_FILE_BYTES), so a worker thread is the place for many;
 * any thread may call it.
 *
 * Returns: whether @input may be opened
 */
gboolean
epi_pipeline_check_sealed (const char       *input,
                           EpiKdfStrength    max_strength,
                           EpiSealedHeader  *header,
                           GError          **error)
{
  g_autoptr(GBytes) bytes = epi_file_read (input, EPI_MAX_SEALED_FILE_BYTES, error);
  EpiSealedHeader local_header;

  if (header == NULL)
    header = &local_header;

  return bytes != NULL &&
         epi_sealed_header_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), header, error) &&
         epi_key_spec_check (&header->key, max_strength, error);
}

/**
 * epi_pipeline_open:
 * @input: a sealed file
 * @ring: derives the key, and holds the policy of costs accepted
 * @name: (out) (optional) (transfer full): the picture's file name kept
 *   inside, or %NULL when the file keeps none (version 1)
 * @error: the errors of epi_file_read() (G_IO_ERROR from reading,
 *   EPI_ERROR_TOO_LARGE), epi_unseal() (EPI_ERROR_NOT_SEALED,
 *   EPI_ERROR_TRUNCATED, EPI_ERROR_UNSUPPORTED, EPI_ERROR_BAD_KDF_LIMITS,
 *   EPI_ERROR_OUT_OF_MEMORY, EPI_ERROR_WRONG_PASSWORD, EPI_ERROR_DAMAGED,
 *   EPI_ERROR_DECRYPT_FAILED) and epi_payload_decode()
 *   (EPI_ERROR_BAD_PAYLOAD, EPI_ERROR_UNSUPPORTED), prefixed with @input
 *
 * Reads, unseals and decodes a sealed file. A version 1 file reports
 * drawing data that fails to decode like a wrong password: without a key
 * commitment, telling them apart would tell which password was used.
 * The spectrum is in pixels of the original picture (see
 * epi_pipeline_analyze()), without the figures of its making. Any
 * thread; runs Argon2id unless the ring has the key.
 *
 * Returns: (transfer full): the drawing, to free with epi_spectrum_free(),
 *   or %NULL
 */
EpiSpectrum *
epi_pipeline_open (const char  *input,
                   EpiKeyring  *ring,
                   char       **name,
                   GError     **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) payload = NULL;
  EpiSpectrum *spectrum = NULL;
  EpiSealedHeader header = { 0 };

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (ring != NULL, NULL);

  sealed = epi_file_read (input, EPI_MAX_SEALED_FILE_BYTES, error);
  if (sealed != NULL)
    payload = epi_unseal (ring, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                          &header, name, error);
  if (payload != NULL)
    {
      spectrum = epi_payload_decode (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), error);
      if (spectrum == NULL && header.version == 1)
        epi_sealed_set_v1_error (error);
    }

  if (spectrum == NULL)
    {
      if (name != NULL)
        g_clear_pointer (name, g_free);
      epi_prefix_error_with_path (error, input);
    }

  return spectrum;
}

/* The original picture's size, or its longest side scaled to @size. */
void
epi_still_size_for (const EpiSpectrum *spectrum,
                    guint              size,
                    int               *width,
                    int               *height)
{
  double longest = MAX (spectrum->width, spectrum->height);
  double scale = 1.0;

  if (size > 0)
    scale = size / longest;
  else if (longest > DEFAULT_MAX_STILL_SIDE)
    scale = DEFAULT_MAX_STILL_SIDE / longest;

  *width = MAX (1, (int) lround (spectrum->width * scale));
  *height = MAX (1, (int) lround (spectrum->height * scale));
}

/* Writes @png under the name kept inside the sealed file, in @folder:
 * numbered around any file already there, never replacing one, since
 * the name was not the user's choice, and around the names other tasks
 * of the run hold (@claim). */
static char *
write_named_drawing (const char      *folder,
                     const char      *name,
                     GBytes          *png,
                     EpiOutputClaim   claim,
                     gpointer         user_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  for (guint number = 1; number <= MAX_NAME_NUMBER; number++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *base = epi_output_name (name, EPI_OUTPUT_DRAWING, number);
      g_autofree char *path = g_build_filename (folder, base, NULL);

      if (claim != NULL && !claim (path, user_data))
        continue;
      if (epi_file_write_atomic (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                 EPI_FILE_PRIVATE, FALSE, cancellable, &local_error))
        return g_steal_pointer (&path);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          epi_prefix_error_with_path (error, path);
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("%s: every name up to number %u is taken"), name, MAX_NAME_NUMBER);
  return NULL;
}

/**
 * epi_pipeline_decrypt:
 * @input: a sealed file
 * @output: the drawing's path for a file that keeps no name (version 1);
 *   a file that keeps its picture's name is drawn into @output's folder
 *   under that name ("camera.png" gives "camera.png.drawing.png"),
 *   numbered around existing files
 * @ring: derives the key, and holds the policy of costs accepted
 * @size: the still's longest side in pixels, 0 for the picture's own
 * @overwrite: replace an existing @output (named drawings never replace)
 * @claim: (nullable): claims a name for a named drawing against the other
 *   tasks of the run; called with @user_data on the calling thread
 * @progress: (nullable): told of the open and render stages, on the
 *   calling thread; called with @user_data
 * @user_data: for @claim and @progress
 * @cancellable: (nullable): checked after opening, while drawing and
 *   while writing
 * @result: (out caller-allocates) (optional): zeroed, then filled with the
 *   picture's size in pixels, N, K and the stages' times
 * @written: (out) (optional) (transfer full): the path written
 * @error: as epi_pipeline_open(); G_IO_ERROR_EXISTS for an @output in the
 *   way (or every numbered name taken); as epi_still_render_png()
 *   (EPI_ERROR_INVALID_ARGUMENT, EPI_ERROR_OUT_OF_MEMORY) and
 *   epi_file_write_atomic() (G_IO_ERROR from writing);
 *   G_IO_ERROR_CANCELLED. Prefixed with the path concerned.
 *
 * Opens a sealed file and writes its finished drawing as a PNG only the
 * owner may read, atomically: on failure no file is left. Called on a
 * worker thread, since it runs Argon2id unless the ring has the key; any
 * thread may call it.
 *
 * Returns: whether the drawing was written
 */
gboolean
epi_pipeline_decrypt (const char       *input,
                      const char       *output,
                      EpiKeyring       *ring,
                      guint             size,
                      gboolean          overwrite,
                      EpiOutputClaim    claim,
                      EpiProgressFunc   progress,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      EpiEncodeResult  *result,
                      char            **written,
                      GError          **error)
{
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  EpiEncodeResult local_result;
  StageClock clock;
  int width, height;

  g_return_val_if_fail (input != NULL && output != NULL, FALSE);
  g_return_val_if_fail (ring != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result == NULL)
    result = &local_result;
  memset (result, 0, sizeof *result);
  clock.result = result;

  stage_begin (&clock, progress, user_data, EPI_STAGE_OPEN);
  spectrum = epi_pipeline_open (input, ring, &name, error);
  stage_end (&clock, EPI_STAGE_OPEN);
  if (spectrum == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }
  /* Refuse an existing output before the still is drawn. */
  if (name == NULL && !epi_file_check_free (output, overwrite, error))
    {
      epi_prefix_error_with_path (error, output);
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }

  result->source_width = (guint) spectrum->width;
  result->source_height = (guint) spectrum->height;
  result->n_points = spectrum->n_points;
  result->n_terms = spectrum->n_terms;
  result->n_circles = epi_spectrum_count_circles (spectrum);

  stage_begin (&clock, progress, user_data, EPI_STAGE_RENDER);
  epi_still_size_for (spectrum, size, &width, &height);
  png = epi_still_render_png (spectrum, width, height, cancellable, error);
  if (png == NULL)
    {
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }

  /* The drawing is the secret in clear: for the owner's eyes only. */
  if (name != NULL)
    {
      folder = g_path_get_dirname (output);
      path = write_named_drawing (folder, name, png, claim, user_data, cancellable, error);
      if (path == NULL)
        return FALSE;
    }
  else if (epi_file_write_atomic (output, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                  EPI_FILE_PRIVATE, overwrite, cancellable, error))
    path = g_strdup (output);
  else
    {
      epi_prefix_error_with_path (error, output);
      epi_prefix_error_with_path (error, input);
      return FALSE;
    }

  result->file_bytes = g_bytes_get_size (png);
  stage_end (&clock, EPI_STAGE_RENDER);
  report (progress, user_data, EPI_STAGE_RENDER, 1.0);

  if (written != NULL)
    *written = g_steal_pointer (&path);
  return TRUE;
}
