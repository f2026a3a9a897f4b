/* epi-cli-render.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * epicrypt-cli render: its options, the sealed file opened, then its
 * export run on the run loop (a still, a GIF, a video, an SVG, a
 * self-drawing SVG or a folder of frames) with a bar of frames.
 */

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "epi-cli-checks.h"
#include "epi-cli-commands.h"
#include "epi-cli-common.h"
#include "epi-cli-progress.h"

/* An export being run. */
typedef struct
{
  EpiCliLoop    loop;
  GCancellable *cancellable;  /* owned; cancelled by a stop signal */
  gboolean      live;         /* show a bar of frames on the terminal */
  gboolean      done;         /* the export was written */
  GError       *error;        /* owned; why it was not */
} RenderRun;

static void
on_render_progress (guint    frame,
                    guint    n_frames,
                    gpointer user_data)
{
  RenderRun *run = user_data;

  if (run->live)
    epi_cli_progress_show_frames (frame, n_frames);
}

static void
on_render_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RenderRun *run = user_data;

  run->done = epi_export_finish (result, &run->error);
  epi_cli_loop_quit (&run->loop);
}

static void
on_render_interrupt (gpointer user_data)
{
  RenderRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
}

/* The frames of one full drawing, from --quality or --frames (at most
 * one of them given). FALSE after a usage error, which frees @context. */
static gboolean
render_read_frames (GOptionContext *context,
                    const char     *quality,
                    int             frames,
                    guint          *n_frames)
{
  if (quality != NULL && frames != INT_NOT_GIVEN)
    {
      epi_cli_usage_error (context, _("give --frames or --quality, not both"));
      return FALSE;
    }
  if (g_strcmp0 (quality, "fast") == 0)
    *n_frames = EPI_QUALITY_FAST;
  else if (quality == NULL || g_strcmp0 (quality, "balanced") == 0)
    *n_frames = EPI_QUALITY_BALANCED;
  else if (g_strcmp0 (quality, "quality") == 0)
    *n_frames = EPI_QUALITY_QUALITY;
  else
    {
      epi_cli_usage_error (context, _("--quality must be fast, balanced or quality"));
      return FALSE;
    }
  if (frames != INT_NOT_GIVEN)
    {
      if (frames < 1 || frames > EPI_EXPORT_MAX_FRAMES)
        {
          epi_cli_usage_error_printf (context, _("--frames must be between 1 and %u"),
                                      EPI_EXPORT_MAX_FRAMES);
          return FALSE;
        }
      *n_frames = (guint) frames;
    }
  return TRUE;
}

/* A video's frames per second from --fps, which only a video takes; a
 * video's frames follow --fps and --speed, so it takes no --frames or
 * --quality. FALSE after a usage error, which frees @context. */
static gboolean
render_read_fps (GOptionContext *context,
                 EpiExportKind   kind,
                 int             fps,
                 gboolean        frames_given,
                 guint          *out_fps)
{
  if (kind != EPI_EXPORT_WEBM)
    {
      if (fps == INT_NOT_GIVEN)
        return TRUE;
      epi_cli_usage_error (context, _("--fps is for a video: give an output ending in .webm"));
      return FALSE;
    }
  if (frames_given)
    {
      epi_cli_usage_error (context, _("a video’s frames follow --fps and --speed: give --fps, "
                                      "not --frames or --quality"));
      return FALSE;
    }
  if (fps == INT_NOT_GIVEN)
    return TRUE;
  if (fps < 1 || fps > EPI_EXPORT_MAX_FPS)
    {
      epi_cli_usage_error_printf (context, _("--fps must be between 1 and %u"), EPI_EXPORT_MAX_FPS);
      return FALSE;
    }
  *out_fps = (guint) fps;
  return TRUE;
}

/* Checks --size (pixels) and --speed, and keeps the size in @out_size.
 * FALSE after a usage error, which frees @context. */
static gboolean
render_read_size_and_speed (GOptionContext *context,
                            int             size,
                            double          speed,
                            guint          *out_size)
{
  if (!epi_cli_size_in_range (size))
    {
      epi_cli_size_error (context);
      return FALSE;
    }
  *out_size = (guint) size;
  if (!(speed >= EPI_RENDERER_MIN_SPEED && speed <= EPI_RENDERER_MAX_SPEED))
    {
      epi_cli_usage_error_printf (context, _("--speed must be between %g and %g"),
                                  EPI_RENDERER_MIN_SPEED, EPI_RENDERER_MAX_SPEED);
      return FALSE;
    }
  return TRUE;
}

/* Reads --trail, a fraction of a turn above 0 and at most 1, into
 * @options; animations only, since a still is the finished drawing.
 * FALSE after a usage error, which frees @context. */
static gboolean
render_read_trail (GOptionContext   *context,
                   const char       *trail,
                   EpiExportOptions *options)
{
  char *end = NULL;
  double value;

  if (trail == NULL)
    return TRUE;

  value = g_ascii_strtod (trail, &end);
  if (*trail == '\0' || end == NULL || *end != '\0' || !(value > 0 && value <= 1))
    {
      epi_cli_usage_error_printf (context, _("--trail must be a fraction of the drawing above 0 and at most 1, "
                                             "such as 0.25, not “%s”"), trail);
      return FALSE;
    }
  if (options->kind == EPI_EXPORT_STILL || options->kind == EPI_EXPORT_SVG ||
      options->kind == EPI_EXPORT_SVG_ANIMATED)
    {
      epi_cli_usage_error (context, _("--trail is for a GIF, a video or frames; "
                                      "a PNG or an SVG draws the whole drawing"));
      return FALSE;
    }
  options->trail = value;
  return TRUE;
}

/* Opens the sealed file @input with the password asked for or read from
 * @password_file, refusing a key derivation above @max_strength. NULL
 * after saying why, with the exit status in @status. */
static EpiSpectrum *
render_open (const char     *input,
             const char     *password_file,
             EpiKdfStrength  max_strength,
             int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  EpiSpectrum *spectrum;

  secret = epi_cli_password_or_complain (password_file, FALSE, FALSE);
  if (secret == NULL)
    {
      *status = EXIT_USAGE;
      return NULL;
    }
  ring = epi_keyring_new (secret, EPI_KDF_DEFAULT);
  epi_keyring_set_max_strength (ring, max_strength);

  spectrum = epi_pipeline_open (input, ring, NULL, &error);
  if (spectrum == NULL)
    {
      epi_cli_print_error (error->message);
      *status = EXIT_SOME_FAILED;
    }
  return spectrum;
}

/* Runs the export of @spectrum to @output on the run loop, with a bar of
 * frames unless @quiet, and says why when it was not written. Returns
 * EXIT_ALL_DONE once written, otherwise the exit status. */
static int
render_export (EpiSpectrum            *spectrum,
               const char             *output,
               const EpiExportOptions *options,
               gboolean                quiet)
{
  RenderRun run = { 0 };
  int status;

  run.cancellable = g_cancellable_new ();
  run.live = !quiet && isatty (STDERR_FILENO);
  epi_cli_loop_init (&run.loop, on_render_interrupt, &run);

  epi_export_async (spectrum, output, options, on_render_progress, &run,
                    run.cancellable, on_render_done, &run);
  epi_cli_loop_run (&run.loop);

  epi_cli_loop_clear (&run.loop);
  if (run.live)
    epi_cli_progress_end_frames ();
  g_object_unref (run.cancellable);
  if (run.done)
    return EXIT_ALL_DONE;

  status = epi_cli_loop_exit_status (&run.loop, TRUE);
  if (status == EXIT_INTERRUPTED)
    {
      g_autofree char *shown = epi_display_path (output);

      g_printerr (_("epicrypt-cli: interrupted: nothing was written to %s\n"), shown);
    }
  else
    epi_cli_print_error (run.error->message);
  g_clear_error (&run.error);
  return status;
}

/* Prints what was written: the input, the output and the frame size in
 * pixels, with the number of frames of an animation made of frames. */
static void
render_report (EpiSpectrum            *spectrum,
               const char             *input,
               const char             *output,
               const EpiExportOptions *options)
{
  int width, height;

  epi_export_frame_size (spectrum, options->size, &width, &height);
  if (options->kind == EPI_EXPORT_STILL || options->kind == EPI_EXPORT_SVG ||
      options->kind == EPI_EXPORT_SVG_ANIMATED)
    g_print (_("%s → %s: %d×%d\n"), input, output, width, height);
  else if (options->kind == EPI_EXPORT_WEBM)
    g_print (ngettext ("%s → %s: %u frame at %u per second, %d×%d\n",
                       "%s → %s: %u frames at %u per second, %d×%d\n", epi_export_count_frames (options)),
             input, output, epi_export_count_frames (options), options->fps, width, height);
  else
    g_print (ngettext ("%s → %s: %u frame, %d×%d\n", "%s → %s: %u frames, %d×%d\n", options->n_frames),
             input, output, options->n_frames, width, height);
}

/* The render command. */
int
epi_cli_render (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *max_kdf = NULL;
  g_autofree char *trail = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  EpiExportOptions options;
  EpiKdfStrength max_strength;
  int frames = INT_NOT_GIVEN, fps = INT_NOT_GIVEN, epicycles = INT_NOT_GIVEN;
  int size = EPI_EXPORT_DEFAULT_SIZE, status;
  double speed = 1.0;
  gboolean no_circles = FALSE, force = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("NAME.png for the finished drawing, NAME.gif for an animation, NAME.webm for a video, NAME.svg for the drawing as vectors, NAME.anim.svg for an SVG that draws itself, or a new folder for numbered PNG frames"), N_("OUT") },
    { "frames", 'n', 0, G_OPTION_ARG_INT, &frames, N_("Frames of one full drawing (animations)"), N_("N") },
    { "fps", 0, 0, G_OPTION_ARG_INT, &fps, N_("Frames per second of a video, 1 to 60 (default 30)"), N_("N") },
    { "quality", 0, 0, G_OPTION_ARG_STRING, &quality, N_("fast (30 frames), balanced (120, default) or quality (360)"), N_("PRESET") },
    { "size", 's', 0, G_OPTION_ARG_INT, &size, N_("Longest side in pixels (default 800)"), N_("PX") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, N_("Playback speed of a GIF, a video or a self-drawing SVG, 0.1 to 10 (1 lasts 12 seconds)"), N_("S") },
    { "no-circles", 0, 0, G_OPTION_ARG_NONE, &no_circles, N_("Draw only the trace, without the epicycles"), NULL },
    { "epicycles", 0, 0, G_OPTION_ARG_INT, &epicycles, N_("Draw only the N strongest epicycles, as the app's Epicycles control (default all)"), N_("N") },
    { "trail", 0, 0, G_OPTION_ARG_STRING, &trail, N_("Animations: show only a trail of this fraction of the drawing, fading out (e.g. 0.25)"), N_("FRACTION") },
    EPI_CLI_MAX_KDF_OPTION (max_kdf),
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from FILE (its first line)"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress, only the result or the error"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE.epicrypt") },
    { NULL }
  };
  GOptionContext *context = epi_cli_new_context ("render", _("--output OUT — draw a sealed file with its epicycles"),
                                         _("Exports the drawing as the epicycles draw it: a still, an animated\n"
                                           "GIF that loops, a WebM video, an SVG of the finished drawing, an SVG\n"
                                           "that draws itself in a browser (NAME.anim.svg), or a folder of numbered\n"
                                           "PNG frames."),
                                         entries);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return epi_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return epi_cli_usage_error (context, _("give exactly one sealed file"));
  if (output == NULL || *output == '\0')
    return epi_cli_usage_error (context, _("--output is required"));
  if (!epi_cli_parse_max_kdf (max_kdf, &max_strength))
    return epi_cli_usage_error (context, _("--max-kdf must be “interactive”, “moderate” or “sensitive”"));

  epi_export_options_init (&options);
  options.kind = epi_export_kind_for_path (output);
  options.show_circles = !no_circles;
  options.overwrite = force;
  options.speed = speed;

  if (!render_read_frames (context, quality, frames, &options.n_frames) ||
      !render_read_fps (context, options.kind, fps, quality != NULL || frames != INT_NOT_GIVEN,
                        &options.fps) ||
      !render_read_size_and_speed (context, size, speed, &options.size) ||
      !render_read_trail (context, trail, &options))
    return EXIT_USAGE;
  if (epicycles != INT_NOT_GIVEN && (epicycles < 1 || (guint) epicycles > EPI_MAX_TERMS))
    return epi_cli_usage_error_printf (context, _("--epicycles must be between 1 and %u"), EPI_MAX_TERMS);
  options.n_epicycles = epicycles != INT_NOT_GIVEN ? (guint) epicycles : 0;
  g_option_context_free (context);

  /* An input or output in the way fails before the password is asked. */
  if (!epi_cli_check_render_paths (files[0], output, max_strength, &error) ||
      !epi_export_check_output (output, &options, &error))
    {
      epi_cli_print_error (error->message);
      return EXIT_SOME_FAILED;
    }

  spectrum = render_open (files[0], password_file, max_strength, &status);
  if (spectrum == NULL)
    return status;

  status = render_export (spectrum, output, &options, quiet);
  if (status != EXIT_ALL_DONE)
    return status;

  render_report (spectrum, files[0], output, &options);
  return EXIT_ALL_DONE;
}
