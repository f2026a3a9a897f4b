/* test-export.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <gif_lib.h>
#include <glib/gstdio.h>

#include "epi-test-util.h"

/* Written by every export into its frame folder. */
#define MARKER ".epicrypt-frames"

/* rename() of the core library comes here (-Wl,--wrap=rename, see
 * meson.build): a test can drop a file into the old frame folder just
 * as it is moved aside, between the last check and its removal. */
static char *drop_into_old;   /* owned; the name to create, or NULL */

int __real_rename (const char *from, const char *to);
int __wrap_rename (const char *from, const char *to);

int
__wrap_rename (const char *from,
               const char *to)
{
  int result = __real_rename (from, to);

  if (result == 0 && drop_into_old != NULL && g_str_has_suffix (to, ".epicrypt-old"))
    {
      g_autofree char *path = g_build_filename (to, drop_into_old, NULL);

      test_write_file (path, "added meanwhile", 15);
    }
  return result;
}

static EpiExportOptions
options_for (EpiExportKind kind,
             guint         n_frames,
             guint         size)
{
  EpiExportOptions options;

  epi_export_options_init (&options);
  options.kind = kind;
  options.n_frames = n_frames;
  options.size = size;
  return options;
}

static void
test_kind_for_path (void)
{
  g_assert_cmpint (epi_export_kind_for_path ("a/b.png"), ==, EPI_EXPORT_STILL);
  g_assert_cmpint (epi_export_kind_for_path ("B.PNG"), ==, EPI_EXPORT_STILL);
  g_assert_cmpint (epi_export_kind_for_path ("x.gif"), ==, EPI_EXPORT_GIF);
  g_assert_cmpint (epi_export_kind_for_path ("frames"), ==, EPI_EXPORT_FRAMES);
}

/* The choice sets the extension: it is added to a name without one and
 * replaces a typed extension of another format we write. */
static void
test_fix_name (void)
{
  static const struct
  {
    const char    *typed;
    EpiExportKind  chosen;
    const char    *name;
    EpiExportKind  kind;
  } cases[] = {
    { "my-drawing", EPI_EXPORT_STILL, "my-drawing.png", EPI_EXPORT_STILL },
    { "my-drawing", EPI_EXPORT_GIF, "my-drawing.gif", EPI_EXPORT_GIF },
    { "my-drawing", EPI_EXPORT_FRAMES, "my-drawing", EPI_EXPORT_FRAMES },
    { "/a/b/my-drawing", EPI_EXPORT_STILL, "/a/b/my-drawing.png", EPI_EXPORT_STILL },
    { "my.drawing", EPI_EXPORT_GIF, "my.drawing.gif", EPI_EXPORT_GIF },
    { "x.png", EPI_EXPORT_STILL, "x.png", EPI_EXPORT_STILL },
    { "x.PNG", EPI_EXPORT_STILL, "x.PNG", EPI_EXPORT_STILL },
    { "x.gif", EPI_EXPORT_STILL, "x.png", EPI_EXPORT_STILL },
    { "anim.png", EPI_EXPORT_GIF, "anim.gif", EPI_EXPORT_GIF },
    { "/a/b.gif/x.GIF", EPI_EXPORT_STILL, "/a/b.gif/x.png", EPI_EXPORT_STILL },
    { "x.png", EPI_EXPORT_FRAMES, "x", EPI_EXPORT_FRAMES },
    { ".png", EPI_EXPORT_GIF, ".png.gif", EPI_EXPORT_GIF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EpiExportKind kind = -1;
      g_autofree char *name = epi_export_fix_name (cases[i].typed, cases[i].chosen, &kind);

      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpint (kind, ==, cases[i].kind);
      /* What the name says is what gets written. */
      g_assert_cmpint (epi_export_kind_for_path (name), ==, kind);
    }
}

/* The name offered is the picture's own, never a sealed file's with
 * extensions stacked. */
static void
test_suggest_name (void)
{
  static const struct
  {
    const char    *picture;
    EpiExportKind  kind;
    const char    *name;
  } cases[] = {
    { "camera.png", EPI_EXPORT_GIF, "camera.gif" },
    { "camera.png", EPI_EXPORT_STILL, "camera.png" },
    { "camera.png", EPI_EXPORT_FRAMES, "camera" },
    { "camera.png.epicrypt", EPI_EXPORT_GIF, "camera.gif" },
    { "/some/where/rocket.jpg", EPI_EXPORT_STILL, "rocket.png" },
    { "my.holiday.jpeg", EPI_EXPORT_GIF, "my.holiday.gif" },
    { "noextension", EPI_EXPORT_STILL, "noextension.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = epi_export_suggest_name (cases[i].picture, NULL, cases[i].kind);

      g_assert_cmpstr (name, ==, cases[i].name);
    }

  /* Beside the picture, its own name is not offered: a still of
   * camera.png would replace it. */
  {
    g_autofree char *dir = test_tmpdir_new ();
    g_autofree char *picture = test_copy_sample_to ("camera.png", dir, "camera.png");
    g_autofree char *taken = test_copy_sample_to ("camera.png", dir, "camera (2).png");
    g_autofree char *still = epi_export_suggest_name ("camera.png.epicrypt", dir, EPI_EXPORT_STILL);
    g_autofree char *gif = epi_export_suggest_name ("camera.png.epicrypt", dir, EPI_EXPORT_GIF);

    g_assert_cmpstr (still, ==, "camera (3).png");
    g_assert_cmpstr (gif, ==, "camera.gif");
    test_tmpdir_remove (dir);
  }
}

/* Each kind has one entry, and its extension names it back. */
static void
test_formats (void)
{
  guint n = 0;
  const EpiExportFormat *formats = epi_export_get_formats (&n);

  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strconcat ("x", formats[i].extension, NULL);

      g_assert_true (epi_export_get_format (formats[i].kind) == &formats[i]);
      g_assert_cmpint (epi_export_kind_for_path (name), ==, formats[i].kind);
      g_assert_nonnull (formats[i].label);
      g_assert_nonnull (formats[i].mime_type);
    }
}

static void
test_gif (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drawing.gif", NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_GIF, 12, 150);
  GifFileType *gif;
  GraphicsControlBlock gcb;
  gboolean loops = FALSE;
  int code = 0;

  options.speed = 2;
  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  gif = DGifOpenFileName (path, &code);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_cmpint (gif->ImageCount, ==, 12);
  g_assert_cmpint (gif->SWidth, ==, 150);
  g_assert_cmpint (gif->SHeight, ==, 100);

  /* 12 s at 2× over 12 frames: half a second each. */
  g_assert_cmpint (DGifSavedExtensionToGCB (gif, 0, &gcb), ==, GIF_OK);
  g_assert_cmpint (gcb.DelayTime, ==, 50);

  /* It loops: the NETSCAPE2.0 block sits before the first frame. */
  for (int i = 0; i < gif->SavedImages[0].ExtensionBlockCount; i++)
    {
      ExtensionBlock *b = &gif->SavedImages[0].ExtensionBlocks[i];

      if (b->Function == APPLICATION_EXT_FUNC_CODE && b->ByteCount == 11 &&
          memcmp (b->Bytes, "NETSCAPE2.0", 11) == 0)
        loops = TRUE;
    }
  for (int i = 0; i < gif->ExtensionBlockCount; i++)
    if (gif->ExtensionBlocks[i].Function == APPLICATION_EXT_FUNC_CODE)
      loops = TRUE;
  g_assert_true (loops);

  DGifCloseFile (gif, &code);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);
  test_tmpdir_remove (dir);
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return FALSE;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        if ((ra[x] & 0xFFFFFF) != (rb[x] & 0xFFFFFF))
          return FALSE;
    }
  return TRUE;
}

/* The frames of an export are the live view's frames at the same times:
 * a live renderer moved by many small steps draws the same pixels. */
static void
test_frames_match_live_view (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "frames", NULL);
  g_autoptr(EpiRenderer) live = epi_renderer_new ();
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 7, 240);
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_dir (folder), ==, 7 + 1);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  epi_export_frame_size (s, 240, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  epi_renderer_set_spectrum (live, s);
  epi_renderer_set_playing (live, TRUE);

  for (guint f = 0; f < 7; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s/frame-%05u.png", folder, f + 1);
      cairo_surface_t *png = cairo_image_surface_create_from_png (name);
      double target = (f + 1) / 7.0;

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

      /* Small steps, drawing as a live view does, then exactly on time. */
      while (epi_renderer_get_time (live) + 0.013 < target)
        {
          epi_renderer_set_time (live, epi_renderer_get_time (live) + 0.013);
          epi_renderer_render_frame (live, cr, w, h, 0);
        }
      epi_renderer_set_time (live, target);
      g_assert_true (epi_renderer_render_frame (live, cr, w, h, f));
      g_assert_true (surfaces_equal (surface, png));

      cairo_surface_destroy (png);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  test_tmpdir_remove (dir);
}

static void
test_still (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "still.png", NULL);
  g_autoptr(EpiRenderer) live = epi_renderer_new ();
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_STILL, 0, 300);
  cairo_surface_t *png, *surface;
  cairo_t *cr;

  options.show_circles = FALSE;
  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 300);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 200);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cr = cairo_create (surface);
  epi_renderer_set_spectrum (live, s);
  epi_renderer_set_show_circles (live, FALSE);
  epi_renderer_set_time (live, 1.0);
  epi_renderer_render_frame (live, cr, 300, 200, 0);
  g_assert_true (surfaces_equal (surface, png));

  /* An existing output stays unless replacing is asked for. */
  g_assert_false (epi_export (s, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  options.overwrite = TRUE;
  g_assert_true (epi_export (s, path, &options, NULL, NULL, NULL, &error));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (png);
  test_tmpdir_remove (dir);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  const char *names[] = { "anim.gif", "frames" };
  EpiExportKind kinds[] = { EPI_EXPORT_GIF, EPI_EXPORT_FRAMES };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      EpiExportOptions options = options_for (kinds[i], 30, 120);

      g_assert_false (epi_export (s, path, &options, test_cancel_after_two, cancellable, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_cmpuint (test_count_dir (dir), ==, 0);
    }

  test_tmpdir_remove (dir);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;        /* owned */
  gint64        cancelled_at; /* monotonic µs */
  gint64        done_at;
  gboolean      done;
} Stopped;

static gboolean
cancel_now (gpointer user_data)
{
  Stopped *stopped = user_data;

  stopped->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (stopped->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_stopped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Stopped *stopped = user_data;

  stopped->done = epi_export_finish (result, &stopped->error);
  stopped->done_at = g_get_monotonic_time ();
  g_main_loop_quit (stopped->loop);
}

/* A forged drawing at the reader's limits, whose every frame is minutes
 * of wild strokes, cancelled a moment into each kind of export as the
 * CLI's signals and the app's Cancel do: nothing is written. How soon it
 * stops is only reported. */
static void
test_cancel_forged (void)
{
  g_autoptr(EpiSpectrum) s = test_crowded_spectrum (EPI_MAX_TERMS, 1000, 800, 50);
  g_autofree char *dir = test_tmpdir_new ();
  const char *names[] = { "still.png", "anim.gif", "frames" };
  EpiExportKind kinds[] = { EPI_EXPORT_STILL, EPI_EXPORT_GIF, EPI_EXPORT_FRAMES };

  g_assert_cmpuint (s->n_points, ==, EPI_MAX_POINTS);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      EpiExportOptions options = options_for (kinds[i], 30, EPI_EXPORT_DEFAULT_SIZE);
      Stopped stopped = { g_main_loop_new (NULL, FALSE), cancellable, NULL, 0, 0, FALSE };

      g_timeout_add (200, cancel_now, &stopped);
      epi_export_async (s, path, &options, NULL, NULL, cancellable, on_stopped, &stopped);
      g_main_loop_run (stopped.loop);

      g_assert_false (stopped.done);
      g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (test_count_dir (dir), ==, 0);
      g_test_message ("%s: stopped %.0f ms after the cancel", names[i],
                      (stopped.done_at - stopped.cancelled_at) / 1000.0);

      g_clear_error (&stopped.error);
      g_main_loop_unref (stopped.loop);
    }

  test_tmpdir_remove (dir);
}

static gpointer
cancel_later (gpointer user_data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (user_data);
  return NULL;
}

/* The same drawing's still, stopped between its blocks of strokes. */
static void
test_still_render_cancelled (void)
{
  g_autoptr(EpiSpectrum) s = test_crowded_spectrum (EPI_MAX_TERMS, 1000, 800, 50);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GThread *canceller;
  gint64 start = g_get_monotonic_time ();

  canceller = g_thread_new ("cancel", cancel_later, cancellable);
  surface = epi_still_render (s, 1000, 800, 1.0, cancellable, &error);
  g_thread_join (canceller);

  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("still: stopped %.0f ms after it began", (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_replace_folder (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "frames", NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 4, 64);

  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  options.n_frames = 2;
  g_assert_false (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (test_count_dir (folder), ==, 4 + 1);

  options.overwrite = TRUE;
  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_dir (folder), ==, 2 + 1);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  test_tmpdir_remove (dir);
}

static void
count_progress (guint    frame,
                guint    n_frames,
                gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Lists @dir's entries, sorted, with each file's size and a hash of its
 * contents, folders with what they hold. */
static char *
describe_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *inside = describe_tree (path);

          g_ptr_array_add (lines, g_strdup_printf ("%s/ {%s}", name, inside));
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_ptr_array_add (lines, g_strdup_printf ("%s %zu %08x", name, length,
                                               g_str_hash (contents)));
    }

  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (", ", (char **) lines->pdata);
}

/* A folder holding anything an export did not write is never replaced,
 * whatever the flags, and is refused before any frame is drawn. */
static void
test_replace_refuses_foreign_folder (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "frames", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *sub = g_build_filename (folder, "drafts", NULL);
  g_autofree char *sub_file = g_build_filename (sub, "draft.txt", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake", NULL);
  g_autofree char *fake_frame = g_build_filename (fake, "frame-00001.png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 3, 48);
  guint calls = 0;

  /* An earlier export's folder, with the user's things added. */
  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  test_write_file (notes, "my notes", 8);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  test_write_file (sub_file, "a draft", 7);
  before = describe_tree (dir);

  for (int overwrite = 0; overwrite < 2; overwrite++)
    {
      options.overwrite = overwrite;
      g_assert_false (epi_export (s, folder, &options, count_progress, &calls, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
      g_assert_true (strstr (error->message, "notes.txt") != NULL ||
                     strstr (error->message, "drafts") != NULL);
      g_clear_error (&error);
      g_assert_cmpuint (calls, ==, 0);

      after = describe_tree (dir);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
    }

  /* A link to the folder is refused as a link, the folder untouched. */
  {
    g_autofree char *link = g_build_filename (dir, "link", NULL);

    g_assert_cmpint (symlink (folder, link), ==, 0);
    g_assert_false (epi_export (s, link, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
    g_assert_nonnull (strstr (error->message, "symbolic link"));
    g_clear_error (&error);
    g_unlink (link);
    after = describe_tree (dir);
    g_assert_cmpstr (after, ==, before);
    g_clear_pointer (&after, g_free);
  }

  /* A folder taking a frame's name is no frame. */
  g_assert_cmpint (g_mkdir_with_parents (fake_frame, 0755), ==, 0);
  g_assert_false (epi_export (s, fake, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "frame-00001.png"));
  g_assert_true (g_file_test (fake_frame, G_FILE_TEST_IS_DIR));

  test_tmpdir_remove (dir);
}

/* An empty folder, or an earlier export's (frames and its marker), is
 * replaced when asked; frames without the marker are not. */
static void
test_replace_empty_folder (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "frames", NULL);
  g_autofree char *marker = g_build_filename (folder, MARKER, NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 3, 48);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  options.overwrite = TRUE;
  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_dir (folder), ==, 3 + 1);
  g_assert_true (g_file_test (marker, G_FILE_TEST_IS_REGULAR));

  /* Frames without the marker are another program's (ffmpeg writes the
   * same names): they stay. */
  g_unlink (marker);
  options.n_frames = 2;
  g_assert_false (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "frame-0000"));
  g_assert_cmpuint (test_count_dir (folder), ==, 3);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);

  test_tmpdir_remove (dir);
}

static void
drop_file (guint    frame,
           guint    n_frames,
           gpointer user_data)
{
  if (frame == n_frames)
    test_write_file (user_data, "late", 4);
}

/* What is added to the old folder while it is being replaced survives:
 * the last look refuses it, and past that look only an export's own
 * names are removed, the folder being kept. */
static void
test_replace_keeps_newcomers (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "frames", NULL);
  g_autofree char *late = g_build_filename (folder, "late.txt", NULL);
  g_autoptr(GError) error = NULL;
  EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 3, 48);

  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Added during the drawing: the export fails, nothing is lost. */
  options.overwrite = TRUE;
  g_assert_false (epi_export (s, folder, &options, drop_file, late, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "late.txt"));
  g_clear_error (&error);
  g_assert_cmpuint (test_count_dir (folder), ==, 3 + 1 + 1);
  g_assert_cmpuint (test_count_dir (dir), ==, 1);
  g_unlink (late);

  /* Added once the old folder is aside: the new frames take the name,
   * and the old folder stays, in sight, holding only the newcomer. */
  drop_into_old = g_strdup ("late.txt");
  g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&drop_into_old, g_free);

  g_assert_cmpuint (test_count_dir (folder), ==, 3 + 1);
  g_assert_cmpuint (test_count_dir (dir), ==, 2);
  {
    g_autofree char *kept_folder = g_strconcat (folder, ".kept", NULL);
    g_autofree char *kept = g_build_filename (kept_folder, "late.txt", NULL);
    g_autofree char *contents = NULL;

    g_assert_cmpuint (test_count_dir (kept_folder), ==, 1);
    g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "added meanwhile");
  }

  test_tmpdir_remove (dir);
}

/* A name of 255 bytes made of @unit, topped up with ASCII. */
static char *
long_name (const char *unit)
{
  GString *name = g_string_new (NULL);

  while (name->len + strlen (unit) <= 255)
    g_string_append (name, unit);
  while (name->len < 255)
    g_string_append_c (name, 'z');
  return g_string_free (name, FALSE);
}

/* The frame folder's temporary and old names fit wherever its own name
 * fits. */
static void
test_long_folder_name (void)
{
  const char *units[] = { "f", "ü", "字", "🎞" };
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autofree char *name = long_name (units[u]);
      g_autofree char *folder = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      EpiExportOptions options = options_for (EPI_EXPORT_FRAMES, 2, 32);

      g_assert_cmpuint (strlen (name), ==, 255);
      g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      options.overwrite = TRUE;
      g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (test_count_dir (folder), ==, 2 + 1);
      g_assert_cmpuint (test_count_dir (dir), ==, 1);
      test_tmpdir_remove (folder);
    }

  test_tmpdir_remove (dir);
}

/* Every export shows the decrypted drawing: owner-only whatever the
 * umask (in a process of its own, since the umask is read once). */
static void
test_modes (gconstpointer data)
{
  g_autoptr(EpiSpectrum) s = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *still = NULL;
  g_autofree char *gif = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  EpiExportOptions options;
  const char *name;
  guint n_files = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  umask ((mode_t) GPOINTER_TO_UINT (data));
  s = test_framed_spectrum ();
  dir = test_tmpdir_new ();
  still = g_build_filename (dir, "still.png", NULL);
  gif = g_build_filename (dir, "anim.gif", NULL);
  folder = g_build_filename (dir, "frames", NULL);

  for (int overwrite = 0; overwrite < 2; overwrite++)
    {
      options = options_for (EPI_EXPORT_STILL, 1, 40);
      options.overwrite = overwrite;
      g_assert_true (epi_export (s, still, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      test_assert_mode (still, 0600);

      options = options_for (EPI_EXPORT_GIF, 2, 40);
      options.overwrite = overwrite;
      g_assert_true (epi_export (s, gif, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      test_assert_mode (gif, 0600);

      options = options_for (EPI_EXPORT_FRAMES, 3, 40);
      options.overwrite = overwrite;
      g_assert_true (epi_export (s, folder, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      test_assert_mode (folder, 0700);
    }

  d = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      test_assert_mode (path, 0600);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 3 + 1);

  test_tmpdir_remove (dir);
}

static void
test_bad_options (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  EpiExportOptions bad[3];

  bad[0] = options_for (EPI_EXPORT_GIF, 0, 100);
  bad[1] = options_for (EPI_EXPORT_GIF, 10, 8);
  bad[2] = options_for (EPI_EXPORT_GIF, 10, 100);
  bad[2].speed = 50;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (epi_export (s, "/nonexistent/x.gif", &bad[i], NULL, NULL, NULL, &error));
      g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
    }
}

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  guint      last_frame;
  guint      reports;
  gboolean   off_main;
  gboolean   backwards;
  gboolean   done;
} AsyncWatch;

static void
on_async_progress (guint    frame,
                   guint    n_frames,
                   gpointer user_data)
{
  AsyncWatch *w = user_data;

  w->off_main |= g_thread_self () != w->main_thread;
  w->backwards |= frame < w->last_frame;
  w->last_frame = frame;
  w->reports++;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWatch *w = user_data;
  g_autoptr(GError) error = NULL;

  w->done = epi_export_finish (result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (w->loop);
}

/* Off the main thread, with progress told on it. */
static void
test_async (void)
{
  g_autoptr(EpiSpectrum) s = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "a.gif", NULL);
  EpiExportOptions options = options_for (EPI_EXPORT_GIF, 40, 100);
  AsyncWatch w = { g_main_loop_new (NULL, FALSE), g_thread_self (), 0, 0, FALSE, FALSE, FALSE };

  epi_export_async (s, path, &options, on_async_progress, &w, NULL, on_async_done, &w);
  g_main_loop_run (w.loop);

  g_assert_true (w.done);
  g_assert_false (w.off_main);
  g_assert_false (w.backwards);
  g_assert_cmpuint (w.reports, >=, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The last report, if still pending, may come after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (w.last_frame, ==, 40);

  g_main_loop_unref (w.loop);
  test_tmpdir_remove (dir);
}

/* A still is the finished drawing: a trail asked of it changes nothing. */
static void
test_still_is_whole (void)
{
  g_autoptr(EpiSpectrum) spectrum = test_framed_spectrum ();
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *whole = g_build_filename (dir, "whole.png", NULL);
  g_autofree char *trailed = g_build_filename (dir, "trailed.png", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length, b_length;
  EpiExportOptions options = options_for (EPI_EXPORT_STILL, 1, 200);
  g_autoptr(GError) error = NULL;

  g_assert_true (epi_export (spectrum, whole, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  options.trail = 0.25;
  g_assert_true (epi_export (spectrum, trailed, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (whole, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (trailed, &b, &b_length, NULL));
  g_assert_cmpmem (a, a_length, b, b_length);
  test_tmpdir_remove (dir);
}

/* Fewer epicycles draw their partial sum, as the viewer's count does:
 * the still of one epicycle is the still of the spectrum cut to it. */
static void
test_fewer_epicycles (void)
{
  g_autoptr(EpiSpectrum) spectrum = test_framed_spectrum ();
  g_autoptr(EpiSpectrum) one = epi_spectrum_copy_strongest (spectrum, 1);
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *full = g_build_filename (dir, "full.png", NULL);
  g_autofree char *asked = g_build_filename (dir, "asked.png", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.png", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  gsize a_length, b_length, c_length;
  EpiExportOptions options = options_for (EPI_EXPORT_STILL, 1, 200);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (epi_spectrum_count_circles (one), ==, 1);
  g_assert_true (epi_export (spectrum, full, &options, NULL, NULL, NULL, &error));
  g_assert_true (epi_export (one, cut, &options, NULL, NULL, NULL, &error));
  options.n_epicycles = 1;
  g_assert_true (epi_export (spectrum, asked, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (full, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (asked, &b, &b_length, NULL));
  g_assert_true (g_file_get_contents (cut, &c, &c_length, NULL));
  g_assert_cmpmem (b, b_length, c, c_length);
  g_assert_false (a_length == b_length && memcmp (a, b, a_length) == 0);
  test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Export/kind-for-path", test_kind_for_path);
  g_test_add_func ("/Epi/Export/still-is-whole", test_still_is_whole);
  g_test_add_func ("/Epi/Export/fewer-epicycles", test_fewer_epicycles);
  g_test_add_func ("/Epi/Export/fix-name", test_fix_name);
  g_test_add_func ("/Epi/Export/suggest-name", test_suggest_name);
  g_test_add_func ("/Epi/Export/formats", test_formats);
  g_test_add_func ("/Epi/Export/gif", test_gif);
  g_test_add_func ("/Epi/Export/frames-match-live-view", test_frames_match_live_view);
  g_test_add_func ("/Epi/Export/still", test_still);
  g_test_add_func ("/Epi/Export/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/Epi/Export/cancel-forged", test_cancel_forged);
  g_test_add_func ("/Epi/Export/still-render-cancelled", test_still_render_cancelled);
  g_test_add_func ("/Epi/Export/replace-folder", test_replace_folder);
  g_test_add_func ("/Epi/Export/replace-refuses-foreign-folder", test_replace_refuses_foreign_folder);
  g_test_add_func ("/Epi/Export/replace-empty-folder", test_replace_empty_folder);
  g_test_add_func ("/Epi/Export/replace-keeps-newcomers", test_replace_keeps_newcomers);
  g_test_add_func ("/Epi/Export/long-folder-name", test_long_folder_name);
  g_test_add_data_func ("/Epi/Export/modes/umask-022", GUINT_TO_POINTER (022), test_modes);
  g_test_add_data_func ("/Epi/Export/modes/umask-077", GUINT_TO_POINTER (077), test_modes);
  g_test_add_func ("/Epi/Export/bad-options", test_bad_options);
  g_test_add_func ("/Epi/Export/async", test_async);

  return g_test_run ();
}
