/* epi-export-webm.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawing written out as a WebM video through GStreamer: the frames
 * the live view draws go into appsrc, then videoconvert, VP9 (VP8 where
 * the system has no VP9 encoder), webmmux, and a seekable stream in
 * memory, so that the muxer can go back and write the duration and the
 * cues. The finished file is written as every export is, whole or not at
 * all (epi_file_write_atomic()), so a cancel or an error leaves nothing.
 */

#include "config.h"

#include "epi-i18n.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "epi-error.h"
#include "epi-export-private.h"
#include "epi-file.h"
#include "epi-names.h"

/* Frames that may wait in appsrc before the drawing thread waits for the
 * encoder: enough to keep the encoder's threads busy while the next
 * frame is drawn, few enough to keep memory to a few frames. */
#define QUEUED_FRAMES 4

/* How often a wait for the encoder looks at the cancellable, and at
 * the queue (a frame is encoded in a few milliseconds). */
#define POLL_INTERVAL  (20 * GST_MSECOND)
#define QUEUE_INTERVAL (2 * GST_MSECOND)

/* Starts GStreamer once for the process. gst_init_check() reads the
 * plugin registry, which takes a moment the first time only. */
static gboolean
ensure_gstreamer (GError **error)
{
  static gsize started = 0;
  static char *failure = NULL;  /* owned for good; why it did not start */

  if (g_once_init_enter (&started))
    {
      g_autoptr(GError) local_error = NULL;

      if (!gst_init_check (NULL, NULL, &local_error))
        failure = g_strdup (local_error->message);
      g_once_init_leave (&started, 1);
    }

  if (failure != NULL)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
                   _("cannot write a video: GStreamer does not start: %s"), failure);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_missing_error (const char  *factory,
                   const char  *package,
                   GError     **error)
{
  g_set_error (error, EPI_ERROR, EPI_ERROR_UNSUPPORTED,
               _("cannot write a video: GStreamer’s “%s” element is missing (install %s)"),
               factory, package);
  return FALSE;
}

/* The element @factory, or NULL with an error naming it and the Debian
 * package @package that brings it. */
static GstElement *
make_element (const char  *factory,
              const char  *package,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    set_missing_error (factory, package, error);
  return element;
}

/* VP9 where the system has its encoder, which keeps thin lines sharper
 * for the same size, else VP8; both play in every browser. */
static const char *
choose_encoder (void)
{
  g_autoptr(GstElementFactory) vp9 = gst_element_factory_find ("vp9enc");

  return vp9 != NULL ? "vp9enc" : "vp8enc";
}

/* The elements of the pipeline, with the Debian package of each. */
static const struct
{
  const char *factory;
  const char *package;
} needed[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { NULL, "gstreamer1.0-plugins-good" },  /* the encoder choose_encoder() names */
  { "webmmux", "gstreamer1.0-plugins-good" },
  { "giostreamsink", "gstreamer1.0-plugins-base" },
};

/* Fails, before any work, when GStreamer or an element a video needs is
 * missing: EPI_ERROR_UNSUPPORTED, naming the element and its package.
 * Any thread. */
gboolean
epi_export_webm_check_system (GError **error)
{
  if (!ensure_gstreamer (error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      const char *name = needed[i].factory != NULL ? needed[i].factory : choose_encoder ();
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

      if (factory == NULL)
        return set_missing_error (name, needed[i].package, error);
    }
  return TRUE;
}

/* Constrained quality rather than a bitrate: a drawing is mostly white
 * paper, and a bitrate picked for photos would smear the circles of one
 * frame into the next or waste bytes. Level 24 keeps a stroke's edge
 * within a few levels of the still (thin lines at 12 cost 40 % more
 * bytes for no visible gain); the bitrate, one bit per pixel and frame,
 * is only a ceiling. A real-time deadline keeps the encoder as fast as
 * the drawing: the encoder's "good" deadline is 4 times slower for 5 %
 * fewer bytes. */
static void
configure_encoder (GstElement *encoder,
                   int         width,
                   int         height,
                   guint       fps)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (encoder);
  guint64 ceiling = (guint64) width * height * fps;

  gst_util_set_object_arg (G_OBJECT (encoder), "end-usage", "cq");
  g_object_set (encoder,
                "cq-level", 24,
                "target-bitrate", (int) MIN (ceiling, (guint64) G_MAXINT),
                "deadline", (gint64) 1,
                "cpu-used", 6,
                "threads", (int) MIN (g_get_num_processors (), 8),
                NULL);
  if (g_object_class_find_property (klass, "row-mt") != NULL)
    g_object_set (encoder, "row-mt", TRUE, NULL);
}

/* A pipeline being fed. */
typedef struct
{
  GstElement    *pipeline;  /* owned */
  GstAppSrc     *source;    /* owned */
  GstBus        *bus;       /* owned */
  GOutputStream *memory;    /* owned; where the file is written */
  gsize          frame_bytes;
} Encoder;

static void
encoder_clear (Encoder *enc)
{
  if (enc->pipeline != NULL)
    gst_element_set_state (enc->pipeline, GST_STATE_NULL);
  g_clear_object (&enc->bus);
  g_clear_object (&enc->source);
  g_clear_object (&enc->pipeline);
  g_clear_object (&enc->memory);
}

/* The caps of the frames the maker draws: cairo's RGB24 is one 32-bit
 * word per pixel, 0x00RRGGBB in the machine's own byte order. */
static GstCaps *
frame_caps (const EpiFrameMaker *maker,
            guint                fps)
{
  return gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING,
                              G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, maker->width,
                              "height", G_TYPE_INT, maker->height,
                              "framerate", GST_TYPE_FRACTION, (int) fps, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
}

/* Builds appsrc ! videoconvert ! vp9enc (or vp8enc) ! webmmux !
 * giostreamsink into a stream in memory, and starts it. */
static gboolean
encoder_start (Encoder              *enc,
               const EpiFrameMaker  *maker,
               guint                 fps,
               GError              **error)
{
  const char *encoder_name = choose_encoder ();
  GstElement *made[G_N_ELEMENTS (needed)] = { NULL };
  GstElement *source, *convert, *encoder, *mux, *sink;
  g_autoptr(GstCaps) caps = frame_caps (maker, fps);

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      made[i] = make_element (needed[i].factory != NULL ? needed[i].factory : encoder_name,
                              needed[i].package, error);
      if (made[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            gst_object_unref (made[j]);
          return FALSE;
        }
    }
  source = made[0];
  convert = made[1];
  encoder = made[2];
  mux = made[3];
  sink = made[4];

  enc->frame_bytes = (gsize) cairo_image_surface_get_stride (maker->surface) * maker->height;
  enc->memory = g_memory_output_stream_new_resizable ();
  enc->pipeline = gst_object_ref_sink (gst_pipeline_new ("epicrypt-webm"));
  enc->source = GST_APP_SRC (gst_object_ref (source));
  enc->bus = gst_element_get_bus (enc->pipeline);

  g_object_set (source, "caps", caps, "format", GST_FORMAT_TIME, NULL);
  configure_encoder (encoder, maker->width, maker->height, fps);
  g_object_set (sink, "stream", enc->memory, NULL);

  gst_bin_add_many (GST_BIN (enc->pipeline), source, convert, encoder, mux, sink, NULL);
  if (!gst_element_link_many (source, convert, encoder, mux, sink, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot write a video: GStreamer cannot link %s to the WebM muxer"), encoder_name);
      return FALSE;
    }

  g_debug ("encoding WebM with %s", encoder_name);
  if (gst_element_set_state (enc->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("cannot write a video: the GStreamer pipeline does not start"));
      return FALSE;
    }
  return TRUE;
}

/* An error the pipeline posted, as @error; FALSE then. */
static gboolean
encoder_failed (GstMessage  *message,
                GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer: %s", debug != NULL ? debug : "");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("cannot encode the video: %s"), gst_error->message);
  return FALSE;
}

/* Waits, looking at @cancellable every POLL_INTERVAL, until the
 * pipeline has taken all but QUEUED_FRAMES frames (@until_eos FALSE) or
 * has written its end (@until_eos TRUE). */
static gboolean
encoder_wait (Encoder       *enc,
              gboolean       until_eos,
              GCancellable  *cancellable,
              GError       **error)
{
  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;

      if (!until_eos &&
          gst_app_src_get_current_level_bytes (enc->source) <= QUEUED_FRAMES * enc->frame_bytes)
        return TRUE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = gst_bus_timed_pop_filtered (enc->bus, until_eos ? POLL_INTERVAL : QUEUE_INTERVAL,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        return encoder_failed (message, error);
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        return TRUE;
    }
}

/* Hands the frame @maker has drawn to the pipeline as frame @index of a
 * stream at @fps, then waits while too many wait before it. */
static gboolean
encoder_push (Encoder              *enc,
              const EpiFrameMaker  *maker,
              guint                 index,
              guint                 fps,
              GCancellable         *cancellable,
              GError              **error)
{
  GstBuffer *buffer;
  GstClockTime start = gst_util_uint64_scale (index, GST_SECOND, fps);
  GstClockTime end = gst_util_uint64_scale (index + 1, GST_SECOND, fps);

  buffer = gst_buffer_new_memdup (cairo_image_surface_get_data (maker->surface), enc->frame_bytes);
  GST_BUFFER_PTS (buffer) = start;
  GST_BUFFER_DURATION (buffer) = end - start;

  /* A refusal means the pipeline stopped: its error is on the bus. */
  if (gst_app_src_push_buffer (enc->source, buffer) != GST_FLOW_OK)
    {
      if (encoder_wait (enc, TRUE, cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("cannot encode the video: the encoder stopped"));
      return FALSE;
    }

  return encoder_wait (enc, FALSE, cancellable, error);
}

/* Ends the stream and waits for the muxer to finish the file. Returns:
 * the file's bytes, or NULL with an error. */
static GBytes *
encoder_finish (Encoder       *enc,
                GCancellable  *cancellable,
                GError       **error)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (enc->memory);

  gst_app_src_end_of_stream (enc->source);
  if (!encoder_wait (enc, TRUE, cancellable, error))
    return NULL;

  gst_element_set_state (enc->pipeline, GST_STATE_NULL);
  if (!g_output_stream_close (enc->memory, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (memory);
}

/* Fails when the folder @output goes into is not there, which a GIF
 * finds once it is encoded: a video takes longer to make. */
static gboolean
check_folder (const char  *output,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (output);
  g_autofree char *shown = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  shown = epi_display_path (folder);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("folder %s does not exist"), shown);
  return FALSE;
}

/* Writes @spectrum to @output as a WebM video of
 * epi_export_count_frames (@options) frames at @options->fps, as
 * epi_export() promises (it has checked the options and the output). */
gboolean
epi_export_webm (const EpiSpectrum       *spectrum,
                 const char              *output,
                 const EpiExportOptions  *options,
                 EpiExportProgress        progress,
                 gpointer                 user_data,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  guint n_frames = epi_export_count_frames (options);
  g_autoptr(GBytes) webm = NULL;
  Encoder enc = { 0 };
  EpiFrameMaker maker;
  gboolean ok = FALSE;

  if (!epi_export_webm_check_system (error) || !check_folder (output, error))
    return FALSE;

  epi_frame_maker_init (&maker, spectrum, options);
  if (!encoder_start (&enc, &maker, options->fps, error))
    goto out;

  for (guint f = 0; f < n_frames; f++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !epi_frame_maker_draw (&maker, (double) (f + 1) / n_frames, f, cancellable, error) ||
          !encoder_push (&enc, &maker, f, options->fps, cancellable, error))
        goto out;

      if (progress != NULL)
        progress (f + 1, n_frames, user_data);
    }

  webm = encoder_finish (&enc, cancellable, error);
  ok = webm != NULL;

out:
  encoder_clear (&enc);
  epi_frame_maker_clear (&maker);

  /* Every export shows the decrypted drawing: owner-only. */
  return ok && epi_file_write_atomic (output, g_bytes_get_data (webm, NULL), g_bytes_get_size (webm),
                                      EPI_FILE_PRIVATE, options->overwrite, cancellable, error);
}
