/* test-export-webm.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WebM export, read back with GStreamer: what the discoverer says of
 * it (size, duration, codec), its last frame decoded against the still,
 * and what a cancel, a bad option or a missing folder leave.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>

#include "epi-test-util.h"

static EpiExportOptions
webm_options (guint  fps,
              double speed,
              guint  size)
{
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_WEBM;
  options.fps = fps;
  options.speed = speed;
  options.size = size;
  return options;
}

/* The caps name of the video the export writes on this system: VP9
 * where its encoder is, else VP8. */
static const char *
expected_codec (void)
{
  g_autoptr(GstElementFactory) vp9 = gst_element_factory_find ("vp9enc");

  return vp9 != NULL ? "video/x-vp9" : "video/x-vp8";
}

static void
test_frame_count (void)
{
  EpiExportOptions options = webm_options (30, 1.0, 100);

  g_assert_cmpfloat (epi_export_duration (&options), ==, 12.0);
  g_assert_cmpuint (epi_export_count_frames (&options), ==, 360);
  options.fps = 10;
  g_assert_cmpuint (epi_export_count_frames (&options), ==, 120);
  options.speed = 3;
  g_assert_cmpfloat_with_epsilon (epi_export_duration (&options), 4.0, 1e-9);
  g_assert_cmpuint (epi_export_count_frames (&options), ==, 40);
  /* At least one frame, however short the drawing. */
  options.fps = 1;
  options.speed = 10;
  g_assert_cmpuint (epi_export_count_frames (&options), ==, 1);

  /* A GIF keeps its own count over the same duration. */
  options.kind = EPI_EXPORT_GIF;
  options.n_frames = 17;
  g_assert_cmpuint (epi_export_count_frames (&options), ==, 17);
  g_assert_cmpfloat_with_epsilon (epi_export_duration (&options), 1.2, 1e-9);
}

typedef struct
{
  guint last;
  guint reports;
} Progress;

static void
on_progress (guint    frame,
             guint    n_frames,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (frame, ==, p->last + 1);
  p->last = frame;
  p->reports++;
}

/* The discoverer reads the size asked for, a duration within one frame
 * of 12 s / speed, and the codec. */
static void
test_discovered (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GList *videos;
  GstDiscovererVideoInfo *video;
  EpiExportOptions options = webm_options (12, 2.0, 151);
  Progress progress = { 0, 0 };
  double seconds;

  g_assert_true (epi_export (s, path, &options, on_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last, ==, 72);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);
  test_assert_mode (path, 0600);

  /* Generous: other programs may be taking the processors. */
  discoverer = gst_discoverer_new (60 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  video = videos->data;
  /* 300 × 200 with its longest side at 151. */
  g_assert_cmpuint (gst_discoverer_video_info_get_width (video), ==, 151);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (video), ==, 101);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_num (video), ==, 12);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_denom (video), ==, 1);
  caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));
  g_assert_cmpstr (gst_structure_get_name (gst_caps_get_structure (caps, 0)), ==, expected_codec ());
  gst_discoverer_stream_info_list_free (videos);

  seconds = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
  g_test_message ("duration %.4f s", seconds);
  g_assert_cmpfloat (fabs (seconds - 6.0), <=, 1.0 / 12);

  test_tmpdir_remove (dir);
}

/* Every frame of the video at @path decoded, BGRx: the last one, and
 * their count in @n_frames. */
static cairo_surface_t *
decode_last_frame (const char *path,
                   guint      *n_frames)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) source = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) last = NULL;
  GstSample *sample;
  GstVideoInfo info;
  GstVideoFrame frame;
  cairo_surface_t *surface;

  pipeline = gst_parse_launch ("filesrc name=source ! decodebin ! videoconvert ! "
                               "video/x-raw,format=BGRx ! appsink name=sink sync=false",
                               &error);
  g_assert_no_error (error);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (source, "location", path, NULL);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  *n_frames = 0;
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      g_clear_pointer (&last, gst_sample_unref);
      last = sample;
      (*n_frames)++;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (last);

  g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (last)));
  g_assert_true (gst_video_frame_map (&frame, &info, gst_sample_get_buffer (last), GST_MAP_READ));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, info.width, info.height);
  for (int y = 0; y < info.height; y++)
    memcpy (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface),
            (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
            (gsize) info.width * 4);
  cairo_surface_mark_dirty (surface);
  gst_video_frame_unmap (&frame);
  return surface;
}

/* The drawing as the still export draws it at @time (turns). */
static cairo_surface_t *
draw_still (const EpiSpectrum *s,
            guint              size,
            double             time)
{
  g_autoptr(EpiRenderer) renderer = epi_renderer_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  epi_export_frame_size (s, size, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  epi_renderer_set_spectrum (renderer, s);
  epi_renderer_set_time (renderer, time);
  g_assert_true (epi_renderer_render_frame (renderer, cr, w, h, 0));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How far apart two pictures of one size are: the mean difference of a
 * channel in levels, and the share of pixels off by more than 64
 * levels in some channel (a stroke missing or added, not a blur). */
static void
compare_pictures (cairo_surface_t *a,
                  cairo_surface_t *b,
                  double          *mean,
                  double          *far)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  guint64 sum = 0, n_far = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < h; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < w; x++)
        {
          int worst = 0;

          for (int c = 0; c < 3; c++)
            {
              int d = ABS ((int) ra[4 * x + c] - (int) rb[4 * x + c]);

              sum += (guint) d;
              worst = MAX (worst, d);
            }
          n_far += worst > 64;
        }
    }
  *mean = (double) sum / (3.0 * w * h);
  *far = (double) n_far / ((double) w * h);
}

/* The last frame, decoded, is the still within a small tolerance; the
 * drawing half done is not, so the tolerance tells them apart. */
static void
test_last_frame_is_still (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  g_autofree char *still_path = g_build_filename (dir, "drawing.png", NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = webm_options (10, 4.0, 240);
  EpiExportOptions still_options;
  cairo_surface_t *last, *still, *half;
  double mean, far, half_mean, half_far;
  guint n_frames = 0;

  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  epi_export_options_init (&still_options);
  still_options.size = 240;
  g_assert_true (epi_export (s, still_path, &still_options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  still = cairo_image_surface_create_from_png (still_path);
  g_assert_cmpint (cairo_surface_status (still), ==, CAIRO_STATUS_SUCCESS);

  last = decode_last_frame (path, &n_frames);
  g_assert_cmpuint (n_frames, ==, 30);

  compare_pictures (last, still, &mean, &far);
  half = draw_still (s, 240, 0.5);
  compare_pictures (half, still, &half_mean, &half_far);
  g_test_message ("last frame against the still: mean %.2f levels, %.3f %% far; "
                  "half the drawing: mean %.2f, %.3f %% far",
                  mean, 100 * far, half_mean, 100 * half_far);
  g_assert_cmpfloat (mean, <=, 4.0);
  g_assert_cmpfloat (far, <=, 0.002);
  g_assert_cmpfloat (half_far, >, 4 * 0.002);

  cairo_surface_destroy (half);
  cairo_surface_destroy (last);
  cairo_surface_destroy (still);
  test_tmpdir_remove (dir);
}

/* A cancel, at a frame or while the muxer finishes, leaves nothing. */
static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = webm_options (30, 1.0, 120);

  g_assert_false (epi_export (s, path, &options, test_cancel_after_two, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_cmpuint (test_count_dir (dir), ==, 0);

  test_tmpdir_remove (dir);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;  /* owned */
  gboolean      done;
} Stopped;

static void
cancel_at_frame (guint    frame,
                 guint    n_frames,
                 gpointer user_data)
{
  Stopped *stopped = user_data;

  if (frame == 5)
    g_cancellable_cancel (stopped->cancellable);
}

static void
on_stopped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Stopped *stopped = user_data;

  stopped->done = epi_export_finish (result, &stopped->error);
  g_main_loop_quit (stopped->loop);
}

/* Off the main thread, as the app and the CLI run it: the cancel told on
 * the main thread stops it, and nothing is left. */
static void
test_cancel_async (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EpiExportOptions options = webm_options (60, 0.1, 320);
  Stopped stopped = { g_main_loop_new (NULL, FALSE), cancellable, NULL, FALSE };

  epi_export_async (s, path, &options, cancel_at_frame, &stopped, cancellable, on_stopped, &stopped);
  g_main_loop_run (stopped.loop);

  g_assert_false (stopped.done);
  g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (test_count_dir (dir), ==, 0);

  g_clear_error (&stopped.error);
  g_main_loop_unref (stopped.loop);
  test_tmpdir_remove (dir);
}

/* A frame rate out of range is refused before any work. */
static void
test_bad_fps (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  guint bad[] = { 0, EPI_EXPORT_MAX_FPS + 1, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      EpiExportOptions options = webm_options (bad[i], 1.0, 100);

      g_assert_false (epi_export (s, path, &options, NULL, NULL, NULL, &error));
      g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "frame rate"));
      g_assert_cmpuint (test_count_dir (dir), ==, 0);
    }

  test_tmpdir_remove (dir);
}

/* A folder that is not there is named in the error before any frame is
 * drawn; an existing video stays unless replacing is asked for. */
static void
test_output_in_the_way (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "drawing.webm", NULL);
  g_autofree char *path = g_build_filename (dir, "drawing.webm", NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = webm_options (5, 10.0, 64);
  Progress progress = { 0, 0 };

  g_assert_false (epi_export (s, nowhere, &options, on_progress, &progress, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_cmpuint (progress.reports, ==, 0);
  g_clear_error (&error);

  test_write_file (path, "mine", 4);
  g_assert_false (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  options.overwrite = TRUE;
  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  test_tmpdir_remove (dir);
}

/* The video is offered as a format of its own, named by its extension. */
static void
test_format (void)
{
  const EpiExportFormat *format = epi_export_get_format (EPI_EXPORT_WEBM);
  EpiExportKind kind;
  g_autofree char *fixed = NULL;
  g_autofree char *suggested = NULL;

  g_assert_cmpstr (format->extension, ==, ".webm");
  g_assert_cmpstr (format->mime_type, ==, "video/webm");
  g_assert_cmpint (epi_export_kind_for_path ("x.webm"), ==, EPI_EXPORT_WEBM);
  g_assert_cmpint (epi_export_kind_for_path ("x.WEBM"), ==, EPI_EXPORT_WEBM);
  fixed = epi_export_fix_name ("drawing.gif", EPI_EXPORT_WEBM, &kind);
  g_assert_cmpstr (fixed, ==, "drawing.webm");
  g_assert_cmpint (kind, ==, EPI_EXPORT_WEBM);
  suggested = epi_export_suggest_name ("camera.png.epicrypt", NULL, EPI_EXPORT_WEBM);
  g_assert_cmpstr (suggested, ==, "camera.webm");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  g_test_add_func ("/Epi/ExportWebm/frame-count", test_frame_count);
  g_test_add_func ("/Epi/ExportWebm/format", test_format);
  g_test_add_func ("/Epi/ExportWebm/discovered", test_discovered);
  g_test_add_func ("/Epi/ExportWebm/last-frame-is-still", test_last_frame_is_still);
  g_test_add_func ("/Epi/ExportWebm/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/Epi/ExportWebm/cancel-async", test_cancel_async);
  g_test_add_func ("/Epi/ExportWebm/bad-fps", test_bad_fps);
  g_test_add_func ("/Epi/ExportWebm/output-in-the-way", test_output_in_the_way);

  return g_test_run ();
}
