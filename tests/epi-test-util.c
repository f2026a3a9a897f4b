/* epi-test-util.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the tests: synthetic pictures, sample files and
 * scratch folders.
 */

#include "config.h"

#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>

#include <math.h>

#include "epi-test-util.h"

/* Draws with Cairo on white and returns the result as a working image. */
EpiImage *
test_image_draw (int          width,
                 int          height,
                 TestDrawFunc draw,
                 gpointer     user_data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  EpiImage *image = epi_image_new ((guint) width, (guint) height);
  const guint8 *data;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw (cr, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);

        guint8 *rgb = image->rgb + 3 * (y * width + x);

        image->pixels[y * width + x] = (guint8) (((px >> 16) & 0xFF) * 77 / 256 +
                                                 ((px >> 8) & 0xFF) * 150 / 256 +
                                                 (px & 0xFF) * 29 / 256);
        rgb[0] = (px >> 16) & 0xFF;
        rgb[1] = (px >> 8) & 0xFF;
        rgb[2] = px & 0xFF;
      }

  cairo_surface_destroy (surface);
  return image;
}

char *
test_sample_path (const char *name)
{
  return g_build_filename (SAMPLES_DIR, name, NULL);
}

GBytes *
test_sample_bytes (const char *name)
{
  g_autofree char *path = test_sample_path (name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = epi_file_read (path, G_MAXSIZE, &error);

  g_assert_no_error (error);
  return bytes;
}

EpiKeyring *
test_bench_keyring (EpiKdfStrength strength)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new ("benchmark", 9, &error);
  g_autoptr(EpiKey) key = NULL;
  EpiKeyring *ring;

  g_assert_no_error (error);
  ring = epi_keyring_new (secret, strength);
  key = epi_keyring_get_seal_key (ring, &error);
  g_assert_no_error (error);

  return ring;
}

char *
test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("epicrypt-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_tmpdir_remove (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0700);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        test_tmpdir_remove (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

void
test_write_file (const char *path,
                 const void *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

guint
test_count_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* How many line ends @text holds. */
guint
test_count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* A valid spectrum with random counts, terms and pen-up runs. */
EpiSpectrum *
test_random_spectrum (GRand *rand)
{
  guint n = (guint) g_rand_int_range (rand, 2, 5000);
  guint k = (guint) g_rand_int_range (rand, 1, (gint32) MIN (n, 300) + 1);
  guint max_spans = n / 2;
  guint s = (guint) g_rand_int_range (rand, 0, (gint32) MIN (max_spans, 20) + 1);
  g_autofree guint8 *used = g_malloc0 (n);
  EpiSpectrum *spectrum = epi_spectrum_new (k, s);
  guint next = 0;

  spectrum->width = g_rand_int_range (rand, 1, 5000);
  spectrum->height = g_rand_int_range (rand, 1, 5000);
  spectrum->n_points = n;

  for (guint i = 0; i < k; i++)
    {
      guint bin;

      do
        bin = (guint) g_rand_int_range (rand, 0, (gint32) n);
      while (used[bin]);
      used[bin] = 1;

      spectrum->terms[i].frequency = bin <= n / 2 ? (gint32) bin : (gint32) bin - (gint32) n;
      spectrum->terms[i].re = g_rand_double_range (rand, -1000, 1000);
      spectrum->terms[i].im = g_rand_double_range (rand, -1000, 1000);
    }

  /* Runs in order, each separated from the last by at least one sample. */
  for (guint i = 0; i < s; i++)
    {
      guint remaining = s - i;
      guint room = n - next;
      guint start, length;

      if (room < 2 * remaining)
        {
          spectrum->n_spans = i;
          break;
        }
      start = next + (guint) g_rand_int_range (rand, 0, (gint32) (room - 2 * remaining) / 2 + 1);
      length = 1 + (guint) g_rand_int_range (rand, 0, (gint32) MAX (1u, (n - start - 2 * (remaining - 1)) / 4));
      spectrum->spans[i].start = start;
      spectrum->spans[i].length = length;
      next = start + length + 1;
    }

  return spectrum;
}

/* A drawing no writer makes, but one the payload format allows: @n_terms
 * terms over as many samples in a @width × @height frame, the mean at the
 * frame's middle and every other term a circle of @radius, at frequencies
 * 1, -1, 2, -2 … with amplitudes +@radius and -@radius in turn. At time
 * 0 every centre is at the middle or @radius right of it, so every circle
 * is in view; after that the pen flies about far beyond the frame, each
 * stroke a long one. */
EpiSpectrum *
test_crowded_spectrum (guint  n_terms,
                       double width,
                       double height,
                       double radius)
{
  EpiSpectrum *spectrum = epi_spectrum_new (n_terms, 0);

  g_assert_cmpuint (n_terms, >=, 2);
  spectrum->width = width;
  spectrum->height = height;
  spectrum->n_points = n_terms;
  spectrum->terms[0] = (EpiTerm) { 0, width / 2, height / 2 };
  for (guint i = 1; i < n_terms; i++)
    {
      gint32 f = i % 2 == 1 ? (gint32) ((i + 1) / 2) : -(gint32) (i / 2);

      spectrum->terms[i] = (EpiTerm) { f, i % 2 == 1 ? radius : -radius, 0 };
    }

  return spectrum;
}

/* Overwrites a little-endian field of an encoded payload, to damage it. */
void
test_put_u32 (GByteArray *bytes,
              gsize       offset,
              guint32     value)
{
  value = GUINT32_TO_LE (value);
  memcpy (bytes->data + offset, &value, 4);
}

void
test_put_f64 (GByteArray *bytes,
              gsize       offset,
              double      value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  bits = GUINT64_TO_LE (bits);
  memcpy (bytes->data + offset, &bits, 8);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
test_sort_doubles (double *values,
                   guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

/* Sorts @values in place. */
double
test_median (double *values,
             guint   n)
{
  test_sort_doubles (values, n);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Copies the sample @sample to @dir/@name, making the folders @name
 * names; returns the copy's path. */
char *
test_copy_sample_to (const char *sample,
                     const char *dir,
                     const char *name)
{
  g_autoptr(GBytes) bytes = test_sample_bytes (sample);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return path;
}

void
test_run_clear (TestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Makes a CLI command line (@argv: the program, then its arguments, not
 * yet NULL-ended) seal at the interactive strength unless it names one:
 * the default's 256 MiB and three passes per run would weigh on the
 * whole suite for nothing it tests. */
void
test_cli_cheap_kdf (GPtrArray *argv)
{
  gboolean named = FALSE;

  for (guint i = 2; i < argv->len; i++)
    named |= g_strcmp0 (g_ptr_array_index (argv, i), "--kdf") == 0;
  if (argv->len > 1 && g_strcmp0 (g_ptr_array_index (argv, 1), "encrypt") == 0 && !named)
    {
      g_ptr_array_insert (argv, 2, "--kdf");
      g_ptr_array_insert (argv, 3, "interactive");
    }
}

/* Feeds a run's standard input from a thread of its own, so that a run
 * ending before it has read everything (a refused pipe, a usage error)
 * only makes the write fail. */
static gpointer
feed_input (gpointer data)
{
  GOutputStream *stream = data;
  GBytes *input = g_object_get_data (G_OBJECT (stream), "input");

  g_output_stream_write_all (stream, g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                             NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
  return NULL;
}

/* Runs $EPICRYPT_CLI with @args (NULL-terminated), @input on its
 * standard input (NULL for none), @password in $EPICRYPT_PASSWORD (NULL
 * for none) and @fd3 (or -1), taken, as its file descriptor 3, into
 * @run, whose previous run is cleared first. A run that takes more than
 * a minute ends the test with SIGALRM: nothing the tests run may hang. */
void
test_cli_run (TestRun     *run,
              const char  *password,
              GBytes      *input,
              int          fd3,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) feeder = NULL;
  GOutputStream *stream;
  int fds[2];

  test_run_clear (run);
  /* The write into a pipe its reader has closed fails with EPIPE. */
  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (pipe (fds), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdin_fd (launcher, fds[0]);
  g_subprocess_launcher_unsetenv (launcher, "EPICRYPT_PASSWORD");
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "EPICRYPT_PASSWORD", password, TRUE);
  if (fd3 >= 0)
    g_subprocess_launcher_take_fd (launcher, fd3, 3);

  g_ptr_array_add (argv, (gpointer) g_getenv ("EPICRYPT_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  test_cli_cheap_kdf (argv);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* The launcher holds the read end until it goes; the child has its own. */
  g_clear_object (&launcher);

  stream = g_unix_output_stream_new (fds[1], TRUE);
  g_object_set_data_full (G_OBJECT (stream), "input",
                          input != NULL ? g_bytes_ref (input) : g_bytes_new_static ("", 0),
                          (GDestroyNotify) g_bytes_unref);
  feeder = g_thread_new ("stdin", feed_input, stream);

  alarm (60);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  alarm (0);
  g_assert_no_error (error);
  g_thread_join (g_steal_pointer (&feeder));

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : 128;
  run->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
}

/* Set-up of a CLI test: makes @f's temporary folder and, when @sample
 * (a sample's name, or NULL) is given, copies that sample into it under
 * its own name. */
void
cli_fixture_set_up (CliFixture    *f,
                    gconstpointer  sample)
{
  f->dir = test_tmpdir_new ();
  if (sample != NULL)
    {
      f->sample = test_copy_sample_to (sample, f->dir, sample);
      f->sealed = g_strconcat (f->sample, ".epicrypt", NULL);
    }
}

/* As cli_fixture_set_up(), with a second temporary folder in @f->out
 * for tests that keep their outputs apart from their inputs. */
void
cli_fixture_set_up_with_out (CliFixture    *f,
                             gconstpointer  sample)
{
  cli_fixture_set_up (f, sample);
  f->out = test_tmpdir_new ();
}

/* Tear-down of a CLI test: clears the run and removes the folders, with
 * all they hold, whatever the test left in them. */
void
cli_fixture_tear_down (CliFixture    *f,
                       gconstpointer  sample)
{
  test_run_clear (&f->run);
  test_tmpdir_remove (f->dir);
  if (f->out != NULL)
    test_tmpdir_remove (f->out);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->sample, g_free);
  g_clear_pointer (&f->sealed, g_free);
}

/* The permission bits of @path. */
mode_t
test_mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Compares @path's mode with @expected in octal, as people read them. */
void
test_assert_mode (const char *path,
                  mode_t      expected)
{
  g_autofree char *found_text = g_strdup_printf ("%04o", (guint) test_mode_of (path));
  g_autofree char *expected_text = g_strdup_printf ("%04o", (guint) expected);

  g_assert_cmpstr (found_text, ==, expected_text);
}

/* Whether the centre of this 3×3 patch could go without changing the
 * mask's shape: it touches the background on a side, and its neighbours
 * (two or more) stay connected without it. */
static gboolean
is_redundant (const guint8 *m,
              guint         w,
              guint         x,
              guint         y)
{
  int nx[8], ny[8], piece[8], n = 0, pieces = 0;

  if (m[y * w + x - 1] && m[y * w + x + 1] && m[(y - 1) * w + x] && m[(y + 1) * w + x])
    return FALSE;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if ((dx || dy) && m[(y + dy) * w + x + dx])
        {
          nx[n] = dx;
          ny[n] = dy;
          piece[n] = n;
          n++;
        }

  /* Merge touching neighbours until the pieces settle. */
  for (int round = 0; round < 8; round++)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        if (ABS (nx[i] - nx[j]) <= 1 && ABS (ny[i] - ny[j]) <= 1 && piece[j] < piece[i])
          piece[i] = piece[j];

  for (int i = 0; i < n; i++)
    pieces += piece[i] == i;

  return n >= 2 && pieces == 1;
}

/* Fails unless @edges is one pixel wide: no line pixel could be taken
 * away without cutting a line or shortening one. */
void
test_assert_thin (const EpiEdgeMap *edges)
{
  for (guint y = 1; y + 1 < edges->height; y++)
    for (guint x = 1; x + 1 < edges->width; x++)
      if (edges->mask[y * edges->width + x] && is_redundant (edges->mask, edges->width, x, y))
        g_error ("edge pixel (%u, %u) is redundant", x, y);
}

guint8 *
test_ink_of_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint8 *ink = g_malloc0_n ((gsize) w, (gsize) h);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      ink[y * w + x] = data[y * stride + 4 * x + 1] < 200;

  return ink;
}

double
test_share_near (const guint8 *a,
                 const guint8 *b,
                 guint         width,
                 guint         height,
                 double        radius)
{
  int w = (int) width, h = (int) height, r = (int) floor (radius);
  gsize n = 0, near = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean found = FALSE;

        if (!a[y * w + x])
          continue;
        n++;
        for (int dy = -r; dy <= r && !found; dy++)
          for (int dx = -r; dx <= r && !found; dx++)
            found = dx * dx + dy * dy <= radius * radius &&
                    x + dx >= 0 && y + dy >= 0 && x + dx < w && y + dy < h &&
                    b[(y + dy) * w + x + dx];
        near += found;
      }

  return n > 0 ? (double) near / n : 0;
}

/* The drawing data of a tiny valid drawing: two terms, one pen-up run. */
GBytes *
test_small_payload (void)
{
  g_autoptr(EpiSpectrum) spectrum = epi_spectrum_new (2, 1);

  spectrum->width = 10;
  spectrum->height = 10;
  spectrum->n_points = 8;
  spectrum->terms[0] = (EpiTerm) { 0, 5, 5 };
  spectrum->terms[1] = (EpiTerm) { 1, 2, 0 };
  spectrum->spans[0] = (EpiSpan) { 3, 2 };
  return epi_payload_encode (spectrum);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           TestNotes  *notes)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, pspec->name));

  g_hash_table_insert (notes->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

/* Starts counting @object's notifications in @notes; the caller frees
 * notes->counts. */
void
test_notes_watch (TestNotes *notes,
                  gpointer   object)
{
  notes->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), notes);
}

guint
test_notes_count (TestNotes  *notes,
                  const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, name));
}

EpiSpectrum *
test_framed_spectrum (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  EpiSpectrum *s = test_random_spectrum (rand);

  s->width = 300;
  s->height = 200;
  /* The mean places the drawing at the frame's middle; the circles
   * shrink with their rank, so the ink stays inside. */
  s->terms[0].frequency = 0;
  s->terms[0].re = 150;
  s->terms[0].im = 100;
  for (guint i = 1; i < s->n_terms; i++)
    {
      s->terms[i].re /= 20 * (i + 1);
      s->terms[i].im /= 20 * (i + 1);
      if (s->terms[i].frequency == 0)
        s->terms[i].frequency = 1;
    }
  return s;
}

void
test_cancel_after_two (guint    frame,
                       guint    n_frames,
                       gpointer cancellable)
{
  if (frame == 2)
    g_cancellable_cancel (cancellable);
}
