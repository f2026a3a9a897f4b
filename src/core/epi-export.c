/* epi-export.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawing written out as a still, an animated GIF, a video (its
 * writer in epi-export-webm.c) or a folder of frames, with the same
 * renderer as the live view, or as SVG (epi-export-svg.c). Frame i of n
 * shows the drawing at (i + 1) / n of a turn, so the last frame is
 * complete. Nothing appears under the output's name until it is whole.
 */

#include "config.h"

#include "epi-i18n.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <gif_lib.h>
#include <glib/gstdio.h>

#include "epi-error.h"
#include "epi-export.h"
#include "epi-export-svg.h"
#include "epi-export-private.h"
#include "epi-pending.h"
#include "epi-file.h"
#include "epi-handoff.h"
#include "epi-names.h"
#include "epi-still.h"

/* The defaults: a still of EPI_EXPORT_DEFAULT_SIZE pixels on its longest
 * side, EPI_QUALITY_BALANCED frames for animations, speed 1, circles
 * shown, nothing replaced, EPI_EXPORT_DEFAULT_FPS for videos, the whole
 * drawing rather than a trail, all its epicycles. */
void
epi_export_options_init (EpiExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->kind = EPI_EXPORT_STILL;
  options->n_frames = EPI_QUALITY_BALANCED;
  options->size = EPI_EXPORT_DEFAULT_SIZE;
  options->speed = 1.0;
  options->show_circles = TRUE;
  options->overwrite = FALSE;
  options->fps = EPI_EXPORT_DEFAULT_FPS;
  options->trail = 0;
  options->n_epicycles = 0;
}

/* Every kind of export, in the order they are offered. The folder of
 * frames, having no extension, comes last: any name the others do not
 * claim is a folder. */
static const EpiExportFormat formats[] = {
  { EPI_EXPORT_STILL, ".png", "image/png", N_("Finished Drawing (PNG)") },
  { EPI_EXPORT_GIF, ".gif", "image/gif", N_("Animation (GIF)") },
  { EPI_EXPORT_WEBM, ".webm", "video/webm", N_("Video (WebM)") },
  { EPI_EXPORT_SVG, ".svg", "image/svg+xml", N_("Vector Drawing (SVG)") },
  { EPI_EXPORT_SVG_ANIMATED, ".anim.svg", "image/svg+xml", N_("Self-Drawing Vectors (SVG)") },
  { EPI_EXPORT_FRAMES, "", "inode/directory", N_("Frames (PNG Folder)") },
};

/* The kinds of export, @n_formats of them, in the order to offer them.
 * Returns: a static table; any thread. */
const EpiExportFormat *
epi_export_get_formats (guint *n_formats)
{
  g_return_val_if_fail (n_formats != NULL, NULL);

  *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

/* The entry of epi_export_get_formats() for @kind. Any thread. */
const EpiExportFormat *
epi_export_get_format (EpiExportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].kind == kind)
      return &formats[i];
  g_return_val_if_reached (NULL);
}

/* The format whose extension ends @name (in any case), or NULL. The
 * longest wins: "x.anim.svg" is an animated SVG, not a still one. */
static const EpiExportFormat *
format_for_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const EpiExportFormat *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].extension[0] != '\0' && g_str_has_suffix (lower, formats[i].extension) &&
        strlen (lower) > strlen (formats[i].extension) &&
        (found == NULL || strlen (formats[i].extension) > strlen (found->extension)))
      found = &formats[i];
  return found;
}

/* .png is a still, .gif an animation, .webm a video, .svg a vector
 * still and .anim.svg a vector animation; any other name is a folder. */
EpiExportKind
epi_export_kind_for_path (const char *output)
{
  const EpiExportFormat *format;

  g_return_val_if_fail (output != NULL, EPI_EXPORT_FRAMES);

  format = format_for_name (output);
  return format != NULL ? format->kind : EPI_EXPORT_FRAMES;
}

/* The name to write when a user typed @typed (a name or a path) with
 * the format @chosen selected, and in @kind the export it names.
 *
 * The rule: the choice sets the extension. A typed extension of another
 * format we write is replaced ("x.png" as a GIF is "x.gif", as a folder
 * of frames "x"); a name without one, or with an extension we do not
 * write ("my.drawing"), gets the chosen one added; the chosen format's
 * own extension is kept as typed, in any case ("x.PNG").
 * Returns: a newly allocated name, for g_free(). Any thread. */
char *
epi_export_fix_name (const char    *typed,
                     EpiExportKind  chosen,
                     EpiExportKind *kind)
{
  const EpiExportFormat *format;
  const char *extension;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (typed != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  *kind = chosen;
  extension = epi_export_get_format (chosen)->extension;
  format = format_for_name (typed);
  if (format != NULL && format->kind == chosen)
    return g_strdup (typed);

  stem = g_strndup (typed, strlen (typed) - (format != NULL ? strlen (format->extension) : 0));
  return g_strconcat (stem, extension, NULL);
}

/* The name to offer for an export of @kind of the picture named
 * @picture_name (a file name; a sealed file's ".epicrypt" and the
 * picture's own extension are dropped): "camera.png" and
 * "camera.png.epicrypt" give "camera.gif" for a GIF. With @folder, a
 * name something in it already has is numbered ("camera (2).png"), so
 * that the name offered beside the picture is never the picture itself.
 * Returns: a newly allocated name, for g_free(). Any thread. */
char *
epi_export_suggest_name (const char    *picture_name,
                         const char    *folder,
                         EpiExportKind  kind)
{
  const char *extension = epi_export_get_format (kind)->extension;
  g_autofree char *base = NULL;
  char *name;
  char *dot;

  g_return_val_if_fail (picture_name != NULL, NULL);

  base = g_path_get_basename (picture_name);
  if (g_str_has_suffix (base, ".epicrypt") && strlen (base) > strlen (".epicrypt"))
    base[strlen (base) - strlen (".epicrypt")] = '\0';
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  if (base[0] == '\0' || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    {
      g_free (base);
      base = g_strdup (_("drawing"));
    }

  name = g_strconcat (base, extension, NULL);
  for (guint n = 2; folder != NULL; n++)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        break;
      g_free (name);
      name = g_strdup_printf ("%s (%u)%s", base, n, extension);
    }
  return name;
}

/* The drawing's frame with its longest side at @size. */
void
epi_export_frame_size (const EpiSpectrum *spectrum,
                       guint              size,
                       int               *width,
                       int               *height)
{
  double scale = size / MAX (spectrum->width, spectrum->height);

  *width = MAX (1, (int) lround (spectrum->width * scale));
  *height = MAX (1, (int) lround (spectrum->height * scale));
}

/**
 * epi_export_duration:
 * @options: an animation's options (their speed is read)
 *
 * How long one full drawing lasts when played back, in seconds: as long
 * as the live view takes at the same speed, EPI_RENDERER_TURN_SECONDS /
 * speed. The one rule of every animation: frame i of n shows the drawing
 * at (i + 1) / n of a turn and is shown for duration / n. A GIF has n =
 * n_frames, its delays kept in hundredths of a second (at least 2); a
 * video has n = epi_export_count_frames(), each frame 1 / fps. Any thread.
 *
 * Returns: seconds
 */
double
epi_export_duration (const EpiExportOptions *options)
{
  g_return_val_if_fail (options != NULL && options->speed > 0, EPI_RENDERER_TURN_SECONDS);

  return EPI_RENDERER_TURN_SECONDS / options->speed;
}

/**
 * epi_export_count_frames:
 * @options: an export's options
 *
 * The frames an export of @options writes: 1 for a still, n_frames for
 * a GIF or a frame folder, and for a video its duration times its frame
 * rate, rounded (at least 1): 360 at 30 fps and speed 1, 120 at 10 fps.
 * Any thread.
 *
 * Returns: a count of frames
 */
guint
epi_export_count_frames (const EpiExportOptions *options)
{
  g_return_val_if_fail (options != NULL, 1);

  if (options->kind == EPI_EXPORT_STILL)
    return 1;
  if (options->kind == EPI_EXPORT_WEBM)
    return (guint) MAX (1, lround (epi_export_duration (options) * options->fps));
  return options->n_frames;
}

static gboolean
check_options (const EpiExportOptions  *options,
               GError                 **error)
{
  if (options->size < 16 || options->size > EPI_MAX_STILL_SIDE)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("size %u is out of range (16 to %d)"), options->size, EPI_MAX_STILL_SIDE);
      return FALSE;
    }
  if (options->kind != EPI_EXPORT_STILL && options->kind != EPI_EXPORT_WEBM &&
      options->kind != EPI_EXPORT_SVG && options->kind != EPI_EXPORT_SVG_ANIMATED &&
      (options->n_frames < 1 || options->n_frames > EPI_EXPORT_MAX_FRAMES))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("frame count %u is out of range (1 to %d)"), options->n_frames, EPI_EXPORT_MAX_FRAMES);
      return FALSE;
    }
  if (!(options->speed >= EPI_RENDERER_MIN_SPEED && options->speed <= EPI_RENDERER_MAX_SPEED))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("speed %g is out of range (%g to %g)"), options->speed,
                   EPI_RENDERER_MIN_SPEED, EPI_RENDERER_MAX_SPEED);
      return FALSE;
    }
  if (options->kind == EPI_EXPORT_WEBM && (options->fps < 1 || options->fps > EPI_EXPORT_MAX_FPS))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("frame rate %u is out of range (1 to %d frames per second)"), options->fps,
                   EPI_EXPORT_MAX_FPS);
      return FALSE;
    }
  return TRUE;
}

/* A renderer and the surface it draws on, at the export's size and
 * options. Any thread, one maker per thread. */
void
epi_frame_maker_init (EpiFrameMaker           *maker,
                      const EpiSpectrum       *spectrum,
                      const EpiExportOptions  *options)
{
  epi_export_frame_size (spectrum, options->size, &maker->width, &maker->height);
  maker->renderer = epi_renderer_new ();
  epi_renderer_set_spectrum (maker->renderer, spectrum);
  epi_renderer_set_show_circles (maker->renderer, options->show_circles);
  epi_renderer_set_trail (maker->renderer, options->trail);
  maker->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, maker->width, maker->height);
  maker->cr = cairo_create (maker->surface);
}

void
epi_frame_maker_clear (EpiFrameMaker *maker)
{
  cairo_destroy (maker->cr);
  cairo_surface_destroy (maker->surface);
  g_object_unref (maker->renderer);
}

/* The frame at @time (turns); a cancel stops it within one block of
 * the trace, with G_IO_ERROR_CANCELLED. */
gboolean
epi_frame_maker_draw (EpiFrameMaker  *maker,
                      double          time,
                      guint           frame,
                      GCancellable   *cancellable,
                      GError        **error)
{
  epi_renderer_set_time (maker->renderer, time);
  if (!epi_renderer_render_frame_full (maker->renderer, maker->cr, maker->width, maker->height,
                                       frame, cancellable, error))
    return FALSE;
  cairo_surface_flush (maker->surface);
  return TRUE;
}

/* Still ---------------------------------------------------------------------- */

static gboolean
export_still (const EpiSpectrum       *spectrum,
              const char              *output,
              const EpiExportOptions  *options,
              GCancellable            *cancellable,
              GError                 **error)
{
  EpiFrameMaker maker;
  g_autoptr(GBytes) png = NULL;
  EpiExportOptions whole = *options;

  /* A still is the finished drawing, whatever trail an animation has. */
  whole.trail = 0;
  epi_frame_maker_init (&maker, spectrum, &whole);
  if (epi_frame_maker_draw (&maker, 1.0, 0, cancellable, error))
    png = epi_png_encode (maker.surface, cancellable, error);
  epi_frame_maker_clear (&maker);

  /* Every export shows the decrypted drawing: owner-only, as a
   * decrypted file is. */
  return png != NULL &&
         epi_file_write_atomic (output, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                EPI_FILE_PRIVATE, options->overwrite, cancellable, error);
}

/* SVG ------------------------------------------------------------------------ */

/* The document is built whole in memory (a few megabytes at most), then
 * written as any other output is. */
static gboolean
export_svg (const EpiSpectrum       *spectrum,
            const char              *output,
            const EpiExportOptions  *options,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(GBytes) svg = epi_export_svg_build (spectrum, options, cancellable, error);

  return svg != NULL &&
         epi_file_write_atomic (output, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                EPI_FILE_PRIVATE, options->overwrite, cancellable, error);
}

/* GIF ------------------------------------------------------------------------ */

/* A fixed palette: a 6×6×6 colour cube and a 40-step gray ramp, which
 * keeps dark strokes, pale circles and white paper faithful. */
#define GRAYS 40

static void
make_palette (GifColorType *colors)
{
  for (int i = 0; i < 216; i++)
    {
      colors[i].Red = (GifByteType) (i / 36 * 51);
      colors[i].Green = (GifByteType) (i / 6 % 6 * 51);
      colors[i].Blue = (GifByteType) (i % 6 * 51);
    }
  for (int i = 0; i < GRAYS; i++)
    colors[216 + i].Red = colors[216 + i].Green = colors[216 + i].Blue =
      (GifByteType) (i * 255 / (GRAYS - 1));
}

static inline GifByteType
palette_index (guint r,
               guint g,
               guint b)
{
  guint lo = MIN (r, MIN (g, b));
  guint hi = MAX (r, MAX (g, b));

  if (hi - lo < 12)
    return (GifByteType) (216 + ((r + g + b) / 3 * (GRAYS - 1) + 127) / 255);

  return (GifByteType) ((r + 25) / 51 * 36 + (g + 25) / 51 * 6 + (b + 25) / 51);
}

static int
gif_write (GifFileType     *gif,
           const GifByteType *data,
           int              length)
{
  g_byte_array_append (gif->UserData, data, (guint) length);
  return length;
}

static gboolean
gif_failed (int      code,
            GError **error)
{
  g_set_error (error, EPI_ERROR, EPI_ERROR_OUT_OF_MEMORY,
               _("cannot encode the GIF: %s"), GifErrorString (code));
  return FALSE;
}

/* Writes the GIF's screen of @width × @height pixels with the global
 * @palette, and the extension that makes it loop forever. */
static gboolean
gif_put_screen (GifFileType           *gif,
                int                    width,
                int                    height,
                const ColorMapObject  *palette,
                GError               **error)
{
  static const GifByteType loop_forever[3] = { 1, 0, 0 };

  if (EGifPutScreenDesc (gif, width, height, 8, 0, palette) == GIF_ERROR ||
      EGifPutExtensionLeader (gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock (gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
      EGifPutExtensionBlock (gif, 3, loop_forever) == GIF_ERROR ||
      EGifPutExtensionTrailer (gif) == GIF_ERROR)
    return gif_failed (gif->Error, error);
  return TRUE;
}

/* Writes the frame @maker has drawn as a GIF image with its graphics
 * control block @gcb_bytes, row by row through @row (maker->width
 * palette indices), checking @cancellable before each row. */
static gboolean
gif_put_frame (GifFileType        *gif,
               const EpiFrameMaker *maker,
               GifByteType        *gcb_bytes,
               GifByteType        *row,
               GCancellable       *cancellable,
               GError            **error)
{
  const guint8 *data;
  int stride;

  if (EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, gcb_bytes) == GIF_ERROR ||
      EGifPutImageDesc (gif, 0, 0, maker->width, maker->height, false, NULL) == GIF_ERROR)
    return gif_failed (gif->Error, error);

  data = cairo_image_surface_get_data (maker->surface);
  stride = cairo_image_surface_get_stride (maker->surface);
  /* A row of the largest frame takes a fraction of a millisecond. */
  for (int y = 0; y < maker->height; y++)
    {
      const guint32 *px = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (int x = 0; x < maker->width; x++)
        row[x] = palette_index ((px[x] >> 16) & 0xFF, (px[x] >> 8) & 0xFF, px[x] & 0xFF);
      if (EGifPutLine (gif, row, maker->width) == GIF_ERROR)
        return gif_failed (gif->Error, error);
    }
  return TRUE;
}

static gboolean
export_gif (const EpiSpectrum       *spectrum,
            const char              *output,
            const EpiExportOptions  *options,
            EpiExportProgress        progress,
            gpointer                 user_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree GifByteType *row = NULL;
  GifColorType colors[256] = { { 0 } };
  GraphicsControlBlock gcb = { 0 };
  GifByteType gcb_bytes[4];
  ColorMapObject *palette;
  GifFileType *gif;
  EpiFrameMaker maker;
  int code = 0;
  gboolean ok = FALSE;
  double seconds = epi_export_duration (options);

  epi_frame_maker_init (&maker, spectrum, options);
  row = g_new (GifByteType, maker.width);

  gif = EGifOpen (bytes, gif_write, &code);
  if (gif == NULL)
    {
      epi_frame_maker_clear (&maker);
      return gif_failed (code, error);
    }

  make_palette (colors);
  palette = GifMakeMapObject (256, colors);
  EGifSetGifVersion (gif, true);

  /* The animation lasts epi_export_duration(), as a video does. */
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  gcb.DelayTime = MAX (2, (int) lround (100 * seconds / options->n_frames));
  EGifGCBToExtension (&gcb, gcb_bytes);

  if (!gif_put_screen (gif, maker.width, maker.height, palette, error))
    goto out;

  for (guint f = 0; f < options->n_frames; f++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !epi_frame_maker_draw (&maker, (double) (f + 1) / options->n_frames, f, cancellable, error))
        goto out;

      if (!gif_put_frame (gif, &maker, gcb_bytes, row, cancellable, error))
        goto out;

      if (progress != NULL)
        progress (f + 1, options->n_frames, user_data);
    }

  ok = TRUE;

out:
  if (EGifCloseFile (gif, &code) == GIF_ERROR && ok)
    ok = gif_failed (code, error);
  GifFreeMapObject (palette);
  epi_frame_maker_clear (&maker);

  return ok && epi_file_write_atomic (output, bytes->data, bytes->len, EPI_FILE_PRIVATE,
                                      options->overwrite, cancellable, error);
}

/* Frames --------------------------------------------------------------------- */

/* Written into every frame folder, to say what the folder is. */
#define FRAMES_MARKER      ".epicrypt-frames"
#define FRAMES_MARKER_TEXT "Frames exported by Epicrypt. Replacing this folder removes only\n" \
                           "its frame-NNNNN.png files and this file; it is never replaced\n"     \
                           "while it holds anything else.\n"

/* Whether @name is one an export writes into a frame folder: the only
 * names that replacing a folder may remove. */
static gboolean
is_export_name (const char *name)
{
  if (g_str_equal (name, FRAMES_MARKER))
    return TRUE;

  if (strlen (name) != strlen ("frame-00000.png") ||
      !g_str_has_prefix (name, "frame-") || !g_str_has_suffix (name, ".png"))
    return FALSE;

  for (gsize i = strlen ("frame-"); i < strlen ("frame-00000"); i++)
    if (!g_ascii_isdigit (name[i]))
      return FALSE;

  return TRUE;
}

/* Unlinks from @dir the names an export writes, then removes @dir if
 * that empties it. Nothing else is ever removed, so whatever was put
 * there meanwhile stays, and its folder with it. */
static gboolean
remove_export_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_export_name (name))
        continue;

      /* A folder bearing such a name is not unlinked: unlink() refuses. */
      path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }

  return g_rmdir (dir) == 0 || errno == ENOENT;
}

static gboolean
refuse_foreign (const char  *name,
                GError     **error)
{
  g_autofree char *shown = epi_display_path (name);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY,
               _("the folder holds “%s”, which no export wrote; only a folder of "
                 "exported frames is ever replaced"), shown);
  return FALSE;
}

/* Whether @output may become the frame folder: it is absent, or it is a
 * folder holding nothing but what an export writes, its marker included
 * (or nothing at all), and @overwrite allows replacing it. A folder holding anything else is
 * refused whatever the flags, naming what is in the way. */
static gboolean
check_frame_folder (const char  *output,
                    gboolean     overwrite,
                    GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first_frame = NULL;
  gboolean has_marker = FALSE;
  const char *name;
  struct stat st;

  if (g_lstat (output, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot examine the output: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* A link to a folder is no folder here: replacing it would move the
   * link and empty the folder it points to. */
  if (S_ISLNK (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                           _("output is a symbolic link; give the folder it points to"));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                           _("output exists and is not a folder"));
      return FALSE;
    }

  d = g_dir_open (output, 0, &local_error);
  if (d == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot examine the output: %s"), local_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (output, name, NULL);
      struct stat entry;

      if (is_export_name (name) && g_lstat (path, &entry) == 0 && S_ISREG (entry.st_mode))
        {
          has_marker |= g_str_equal (name, FRAMES_MARKER);
          if (first_frame == NULL && !g_str_equal (name, FRAMES_MARKER))
            first_frame = g_strdup (name);
          continue;
        }

      return refuse_foreign (name, error);
    }

  /* Frames of another program's own (ffmpeg writes frame-00001.png too)
   * carry no marker: they are the user's. */
  if (first_frame != NULL && !has_marker)
    return refuse_foreign (first_frame, error);

  if (!overwrite)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("output already exists (use --force to replace it)"));
      return FALSE;
    }

  return TRUE;
}

/* Only for errno set by the call that just failed. */
#define SET_FOLDER_ERROR(error, message)                                     \
  G_STMT_START {                                                             \
    int saved_errno_ = errno;                                                \
    g_set_error ((error), G_IO_ERROR, g_io_error_from_errno (saved_errno_), \
                 (message), g_strerror (saved_errno_));                      \
  } G_STMT_END

/* Puts the finished frame folder @tmp in place as @output: an old folder
 * there steps aside and goes, unless something was put in it meanwhile
 * (then it stays, as OUTPUT.kept); whatever appeared under the name
 * during the work is never replaced. */
static gboolean
publish_frame_folder (const char  *tmp,
                      const char  *output,
                      gboolean     overwrite,
                      GError     **error)
{
  g_autofree char *old = NULL;
  struct stat st;

  /* The output may have changed during the work: look again. */
  if (!check_frame_folder (output, overwrite, error))
    return FALSE;

  /* Replacing: the old folder steps aside under a name of its own. */
  if (g_lstat (output, &st) == 0)
    {
      old = epi_file_temp_template (output, ".epicrypt-old");
      if (g_mkdtemp_full (old, 0700) == NULL)
        {
          SET_FOLDER_ERROR (error, _("cannot move the old folder aside: %s"));
          return FALSE;
        }
      if (g_rename (output, old) != 0)
        {
          SET_FOLDER_ERROR (error, _("cannot move the old folder aside: %s"));
          g_rmdir (old);
          return FALSE;
        }
    }

  /* Whatever appeared under the name meanwhile is not replaced. */
  if (!epi_file_rename_noreplace (tmp, output, error))
    {
      if (old != NULL && !epi_file_rename_noreplace (old, output, NULL))
        {
          g_autofree char *shown = epi_display_path (old);

          g_prefix_error (error, _("the old frames are kept in %s: "), shown);
        }
      return FALSE;
    }

  /* Something was put into the old folder while it stood aside: it stays,
   * in a folder the user can see. */
  if (old != NULL && !remove_export_folder (old))
    {
      g_autofree char *kept = g_strconcat (output, ".kept", NULL);

      epi_file_rename_noreplace (old, kept, NULL);
    }

  return TRUE;
}

/* The frames go into a hidden folder beside @output, owner-only like
 * the frames in it, which takes @output's name once every frame is
 * written. Replacing moves the old folder aside first and removes only
 * what an export wrote in it. */
static gboolean
export_frames (const EpiSpectrum       *spectrum,
               const char              *output,
               const EpiExportOptions  *options,
               EpiExportProgress        progress,
               gpointer                 user_data,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autofree char *tmp = epi_file_temp_template (output, ".epicrypt-part");
  g_autofree char *marker = NULL;
  EpiFrameMaker maker;
  gboolean ok = FALSE;

  if (!check_frame_folder (output, options->overwrite, error))
    return FALSE;

  if (g_mkdtemp_full (tmp, 0700) == NULL)
    {
      SET_FOLDER_ERROR (error, _("cannot create the frame folder: %s"));
      return FALSE;
    }

  epi_frame_maker_init (&maker, spectrum, options);

  /* The marker first, so that even a folder a crash left says what it is. */
  marker = g_build_filename (tmp, FRAMES_MARKER, NULL);
  if (!epi_file_write_atomic (marker, FRAMES_MARKER_TEXT, strlen (FRAMES_MARKER_TEXT),
                              EPI_FILE_PRIVATE, FALSE, cancellable, error))
    goto out;

  for (guint f = 0; f < options->n_frames; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s/frame-%05u.png", tmp, f + 1);
      g_autoptr(GBytes) png = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !epi_frame_maker_draw (&maker, (double) (f + 1) / options->n_frames, f, cancellable, error) ||
          (png = epi_png_encode (maker.surface, cancellable, error)) == NULL ||
          !epi_file_write_atomic (name, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                  EPI_FILE_PRIVATE, FALSE, cancellable, error))
        goto out;

      if (progress != NULL)
        progress (f + 1, options->n_frames, user_data);
    }

  ok = publish_frame_folder (tmp, output, options->overwrite, error);

out:
  epi_frame_maker_clear (&maker);
  if (!ok)
    remove_export_folder (tmp);
  return ok;
}

/**
 * epi_export_check_output:
 * @output: where the export would go
 * @options: the export's options (their kind and overwrite are read)
 * @error: return location for an error naming @output
 *
 * Fails, before any work, when @output may not be written as @options
 * say: it exists and may not be replaced, or it is a folder holding
 * anything an export did not write, or (a video) the system lacks what
 * encodes it. epi_export() looks again, since the folder may change
 * meanwhile. Any thread.
 *
 * Returns: whether @output is free for the export; FALSE with
 *   G_IO_ERROR_EXISTS, G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_DIRECTORY,
 *   G_IO_ERROR_NOT_EMPTY or EPI_ERROR_UNSUPPORTED
 */
gboolean
epi_export_check_output (const char              *output,
                         const EpiExportOptions  *options,
                         GError                 **error)
{
  gboolean ok;

  g_return_val_if_fail (output != NULL && options != NULL, FALSE);

  if (options->kind == EPI_EXPORT_FRAMES)
    ok = check_frame_folder (output, options->overwrite, error);
  else
    ok = epi_file_check_free (output, options->overwrite, error);
  if (ok && options->kind == EPI_EXPORT_WEBM)
    ok = epi_export_webm_check_system (error);

  if (!ok)
    epi_prefix_error_with_path (error, output);
  return ok;
}

/* Writes @spectrum to @output as @options say (NULL: the kind @output's
 * extension names, at the default size), calling @progress after each
 * frame. On failure or cancel nothing is left under @output's name or
 * beside it. Any thread; @spectrum is only read.
 * Returns: TRUE once @output is whole; FALSE with an error naming
 * @output: EPI_ERROR_INVALID_ARGUMENT (options out of range),
 * G_IO_ERROR_EXISTS (not to be replaced), G_IO_ERROR_NOT_DIRECTORY or
 * G_IO_ERROR_NOT_EMPTY (a frame folder's place taken), EPI_ERROR_OUT_OF_MEMORY
 * (the GIF encoder), EPI_ERROR_UNSUPPORTED (GStreamer or an element the
 * video needs is missing), G_IO_ERROR_CANCELLED, or a G_IO_ERROR from
 * writing (G_IO_ERROR_FAILED: the video's encoder failed). */
gboolean
epi_export (const EpiSpectrum       *spectrum,
            const char              *output,
            const EpiExportOptions  *options,
            EpiExportProgress        progress,
            gpointer                 user_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  EpiExportOptions defaults;
  g_autoptr(EpiSpectrum) strongest = NULL;
  gboolean ok;

  g_return_val_if_fail (spectrum != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      epi_export_options_init (&defaults);
      defaults.kind = epi_export_kind_for_path (output);
      options = &defaults;
    }

  if (!check_options (options, error))
    return FALSE;

  /* Fewer epicycles: every kind draws their partial sum, as the viewer. */
  if (options->n_epicycles > 0)
    spectrum = strongest = epi_spectrum_copy_strongest (spectrum, options->n_epicycles);

  if (options->kind != EPI_EXPORT_FRAMES && !epi_file_check_free (output, options->overwrite, error))
    ok = FALSE;
  else if (options->kind == EPI_EXPORT_STILL)
    ok = export_still (spectrum, output, options, cancellable, error);
  else if (options->kind == EPI_EXPORT_SVG || options->kind == EPI_EXPORT_SVG_ANIMATED)
    ok = export_svg (spectrum, output, options, cancellable, error);
  else if (options->kind == EPI_EXPORT_GIF)
    ok = export_gif (spectrum, output, options, progress, user_data, cancellable, error);
  else if (options->kind == EPI_EXPORT_WEBM)
    ok = epi_export_webm (spectrum, output, options, progress, user_data, cancellable, error);
  else
    ok = export_frames (spectrum, output, options, progress, user_data, cancellable, error);

  if (!ok)
    epi_prefix_error_with_path (error, output);
  return ok;
}

/* Off the main thread ------------------------------------------------------- */

typedef struct
{
  EpiSpectrum       *spectrum;   /* owned copy */
  char              *output;     /* owned */
  EpiExportOptions   options;
  EpiExportProgress  progress;
  gpointer           progress_data;
  GMainContext      *context;    /* owned; where progress is told */
  GRecMutex          lock;       /* pthread-based, unlike GMutex on Linux,
                                    so ThreadSanitizer sees what it orders */
  guint              frame;      /* under lock: the latest report */
  guint              n_frames;
  GSource           *pending;    /* under lock: the one idle waiting to tell it */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  EPI_HANDOFF_ACQUIRE (job);
  g_rec_mutex_lock (&job->lock);
  epi_pending_cancel (&job->pending);
  g_rec_mutex_unlock (&job->lock);
  g_rec_mutex_clear (&job->lock);
  epi_spectrum_free (job->spectrum);
  g_free (job->output);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
tell_progress (gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  guint frame, n_frames;

  g_rec_mutex_lock (&job->lock);
  frame = job->frame;
  n_frames = job->n_frames;
  epi_pending_taken (&job->pending);
  g_rec_mutex_unlock (&job->lock);

  job->progress (frame, n_frames, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* Folds reports into one pending idle on the caller's context. */
static void
post_progress (guint    frame,
               guint    n_frames,
               gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);

  g_rec_mutex_lock (&job->lock);
  job->frame = frame;
  job->n_frames = n_frames;
  if (job->pending == NULL)
    epi_pending_post (&job->pending, job->context, G_PRIORITY_DEFAULT_IDLE, tell_progress,
                      g_object_ref (task), g_object_unref, "[epicrypt] export progress");
  g_rec_mutex_unlock (&job->lock);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  EPI_HANDOFF_ACQUIRE (job);
  ok = epi_export (job->spectrum, job->output, &job->options,
                   job->progress != NULL ? post_progress : NULL, task, cancellable, &error);
  EPI_HANDOFF_RELEASE (job);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs epi_export() on a worker thread. @progress, if given, is called on
 * the calling thread's main context, the latest report only. */
void
epi_export_async (const EpiSpectrum       *spectrum,
                  const char              *output,
                  const EpiExportOptions  *options,
                  EpiExportProgress        progress,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  GAsyncReadyCallback      callback,
                  gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (spectrum != NULL);
  g_return_if_fail (output != NULL);

  job = g_new0 (ExportJob, 1);
  job->spectrum = epi_spectrum_copy (spectrum);
  job->output = g_strdup (output);
  if (options != NULL)
    job->options = *options;
  else
    {
      epi_export_options_init (&job->options);
      job->options.kind = epi_export_kind_for_path (output);
    }
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_rec_mutex_init (&job->lock);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, epi_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  EPI_HANDOFF_RELEASE (job);
  g_task_run_in_thread (task, export_thread);
}

/* The end of epi_export_async(), on the thread that started it: FALSE
 * with the error of epi_export() (G_IO_ERROR_CANCELLED among them). */
gboolean
epi_export_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
