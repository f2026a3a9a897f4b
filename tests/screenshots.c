/* screenshots.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the project's screenshots (the PNGs of data/screenshots) from
 * the real window on a virtual display, so that they always show the
 * window as it is: each scene is driven as the GUI tests drive it (files
 * dropped, sealed with a password, sealed files opened), then every
 * toplevel it needs is drawn by its own renderer into a PNG, with no
 * window manager and no screen grab. The German scenes run in a second
 * process of this program, started with LANGUAGE=de.
 *
 * Usage: epicrypt-screenshots OUTPUT-FOLDER (`ninja -C build screenshots`
 * runs it under xvfb-run, with the GUI tests' environment, for
 * data/screenshots). It runs itself again with --german for the German
 * scenes.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-locale.h"
#include "epi-password-dialog.h"
#include "epi-preferences.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window-private.h"

#define PASSWORD "Glass-Onion-1912"
#define GERMAN   "--german"

/* What a window's default size holds beyond what it draws: the border
 * it draws around itself without a compositor, 5 px a side. */
#define FRAME 10

static EpiApplication *app;
static const char *out_dir;  /* where the PNGs go */
static char *work_dir;       /* owned: the scenes' files */
static char *scene_dir;      /* owned: the files of the scene being shot, in work_dir */

/* Drawing ----------------------------------------------------------------- */

/* Draws @widget, a toplevel, as it is now into @name in out_dir, at its
 * own size, with the renderer that draws it on screen. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A widget between two layouts draws nothing: the next frame does. */
  for (guint i = 0; node == NULL && i < 50; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (i > 0)
        run_for (50);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("%s: the window draws nothing", name);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s: %d×%d\n", path, width, height);
}

/* Whether the widget @data is on screen and laid out. */
static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         gtk_widget_get_height (data) > 0;
}

/* Lets @window settle: shown, laid out, its animations over and drawn. */
static void
settle (GtkWidget *window)
{
  wait_until (laid_out, window, 20, "the window to show");
  run_for (400);
}

/* Scenes' parts ----------------------------------------------------------- */


/* A window drawn @width × @height, shown. */
static EpiWindow *
new_window (int width,
            int height)
{
  EpiWindow *window = epi_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width + FRAME, height + FRAME);
  gtk_window_present (GTK_WINDOW (window));
  settle (GTK_WIDGET (window));
  return window;
}

/* A copy of the sample @sample in scene_dir named @name. Returns: (transfer full) */
static char *
copy_sample (const char *sample,
             const char *name)
{
  g_autofree char *path = g_build_filename (scene_dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_free (test_copy_sample_to (sample, scene_dir, name));
  return g_steal_pointer (&path);
}

/* The sample @sample sealed with PASSWORD into scene_dir as
 * NAME.epicrypt, @name being the picture's own name there.
 * Returns: (transfer full) */
static char *
seal_sample (const char *sample,
             const char *name)
{
  g_autofree char *image = copy_sample (sample, name);
  g_autofree char *sealed = g_strconcat (image, ".epicrypt", NULL);
  g_autoptr(EpiSecret) secret = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (sealed, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&sealed);
  secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  if (!epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("sealing %s: %s", sample, error->message);
  return g_steal_pointer (&sealed);
}

/* Drops @paths (ending in NULL) onto @window and waits for their rows. */
static void
add_paths (EpiWindow   *window,
           const char **paths)
{
  guint n = g_list_model_get_n_items (epi_window_get_items (window));

  drop_files (window, paths);
  wait_for_items (window, n + g_strv_length ((char **) paths));
  /* The thumbnails load meanwhile. */
  run_for (300);
}

static EpiPasswordDialog *
wait_for_dialog (EpiWindow *window)
{
  wait_until (has_dialog, window, 20, "the password dialog");
  return EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (window));
}

/* Seals every waiting picture of @window with PASSWORD, as a person
 * does, and waits until it is done. */
static void
seal_waiting (EpiWindow *window)
{
  EpiPasswordDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "encrypt", NULL);
  dialog = wait_for_dialog (window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, PASSWORD);
  if (!epi_password_dialog_submit (dialog))
    g_error ("the password dialog refused the password");
  wait_until (batch_done, window, 120, "the pictures to be sealed");
}

/* Opens the sealed file @path in @window with its password and waits
 * for its drawing. */
static void
open_sealed (EpiWindow  *window,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpiPasswordDialog *dialog;

  epi_window_add_files (window, &file, 1);
  dialog = wait_for_dialog (window);
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  if (!epi_password_dialog_submit (dialog))
    g_error ("the password dialog refused the password");
  wait_until (has_drawing, window, 30, "the drawing");
}

static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static gboolean
is_toast (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

/* Closes the toasts on show in @window with their close buttons: what
 * the scene did on its way is not what it shows. */
static void
dismiss_toasts (EpiWindow *window)
{
  /* A toast waiting behind comes when one goes. */
  for (guint i = 0; i < 5; i++)
    {
      GtkWidget *toast = find_first (GTK_WIDGET (window->toasts), is_toast, NULL);
      GtkWidget *close = toast != NULL ? find_first (toast, is_close_button, NULL) : NULL;

      if (close == NULL)
        break;
      g_signal_emit_by_name (close, "clicked");
      run_for (500);
    }
}

static gboolean
caught_up (gpointer data)
{
  return epi_renderer_is_caught_up (epi_canvas_get_renderer (data));
}

/* Pauses the drawing of @window at @share (0 … 1) of its turn, its
 * circles and its trace up to there on show. */
static void
pause_at (EpiWindow *window,
          double     share)
{
  EpiCanvas *canvas = epi_window_get_canvas (window);

  epi_renderer_set_time (epi_canvas_get_renderer (canvas), share);
  /* A few frames played tell the label over the canvas where the
   * drawing stands, as a person's pause would. */
  epi_canvas_set_playing (canvas, TRUE);
  run_for (150);
  epi_canvas_set_playing (canvas, FALSE);
  /* A long trace is drawn over several frames. */
  run_for (200);
  wait_until (caught_up, canvas, 20, "the whole trace to be drawn");
  run_for (300);
}

/* The sealed copies of horse.png and coins.png, made by the window
 * itself: two finished rows. */
static void
add_sealed_rows (EpiWindow *window)
{
  g_autofree char *horse = copy_sample ("horse.png", "horse.png");
  g_autofree char *coins = copy_sample ("coins.png", "coins.png");
  const char *paths[] = { horse, coins, NULL };

  add_paths (window, paths);
  seal_waiting (window);
}

/* A copy of @sample cut to a third of its length: a picture that fails.
 * Returns: (transfer full) */
static char *
truncated_copy (const char *sample,
                const char *name)
{
  g_autofree char *path = g_build_filename (scene_dir, name, NULL);
  g_autoptr(GBytes) bytes = test_sample_bytes (sample);

  test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 3);
  return g_steal_pointer (&path);
}

/* Scenes ------------------------------------------------------------------ */

/* The README's picture: a drawing half drawn, beside the rows that made
 * and opened it. */
static void
scene_window (void)
{
  g_autofree char *sealed = seal_sample ("camera.png", "camera.png");
  EpiWindow *window = new_window (1100, 700);

  add_sealed_rows (window);
  open_sealed (window, sealed);
  pause_at (window, 0.5);
  dismiss_toasts (window);
  shoot (GTK_WIDGET (window), "window.png");
  destroy_window (window);
}

/* Rows in every state at once: sealed, failed with its reason, waiting
 * (selected, its picture in the viewer) and being sealed. */
static void
scene_task_rows (void)
{
  g_autofree char *camera = copy_sample ("camera.png", "camera.png");
  g_autofree char *broken = truncated_copy ("chelsea.png", "chelsea.png");
  g_autofree char *rocket = copy_sample ("rocket.jpg", "rocket.jpg");
  g_autofree char *coins = copy_sample ("coins.png", "coins.png");
  const char *first[] = { camera, broken, NULL };
  const char *then[] = { rocket, coins, NULL };
  EpiWindow *window = new_window (1200, 720);
  EpiTaskItem *running;

  add_paths (window, first);
  seal_waiting (window);
  add_paths (window, then);

  /* A picture being sealed is caught mid-way by giving its row the
   * state a batch would: a real one is over too soon to be shot. */
  running = item_at (window, 3);
  epi_task_item_queue (running, NULL, NULL);
  epi_task_item_update (running, EPI_TASK_RUNNING, EPI_STAGE_TRACE, 0.45);

  epi_window_select (window, item_at (window, 2));
  run_for (800);
  dismiss_toasts (window);
  shoot (GTK_WIDGET (window), "task-rows.png");
  /* Back to a state the window can close from. */
  epi_task_item_set_failed (running, EPI_ITEM_CANCELLED, NULL);
  destroy_window (window);
}

/* The empty window, and files dragged over it and over a list. */
static void
scene_empty_and_drop (void)
{
  g_autofree char *horse = copy_sample ("horse.png", "horse.png");
  g_autofree char *rocket = copy_sample ("rocket.jpg", "rocket.jpg");
  g_autofree char *coins = copy_sample ("coins.png", "coins.png");
  const char *paths[] = { horse, rocket, coins, NULL };
  EpiWindow *window = new_window (1000, 640);
  GtkDropTarget *target = epi_window_get_drop_target (window);
  GdkDragAction action = 0;

  shoot (GTK_WIDGET (window), "empty-window.png");

  g_signal_emit_by_name (target, "enter", 500.0, 320.0, &action);
  run_for (300);
  shoot (GTK_WIDGET (window), "drop-highlight.png");
  g_signal_emit_by_name (target, "leave");

  add_paths (window, paths);
  run_for (300);
  g_signal_emit_by_name (target, "enter", 500.0, 320.0, &action);
  run_for (300);
  shoot (GTK_WIDGET (window), "drop-highlight-list.png");
  g_signal_emit_by_name (target, "leave");
  destroy_window (window);
}

/* The canvas alone in view, light and dark, and zoomed in with the
 * keyboard's focus on it. */
static void
scene_canvas (void)
{
  g_autofree char *sealed = seal_sample ("horse.png", "horse-drawn.png");
  AdwStyleManager *style = adw_style_manager_get_default ();
  EpiWindow *window = new_window (900, 640);
  EpiCanvas *canvas;

  open_sealed (window, sealed);
  pause_at (window, 0.55);
  shoot (GTK_WIDGET (window), "canvas-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  run_for (500);
  shoot (GTK_WIDGET (window), "canvas-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  destroy_window (window);

  g_free (sealed);
  sealed = seal_sample ("rocket.jpg", "rocket.jpg");
  window = new_window (1100, 700);
  open_sealed (window, sealed);
  pause_at (window, 0.6);
  canvas = epi_window_get_canvas (window);
  /* The ring shows where the keyboard is, as after a Tab. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  epi_canvas_zoom (canvas, 2.0);
  epi_canvas_pan_pixels (canvas, 120, -60);
  run_for (200);
  wait_until (caught_up, canvas, 20, "the whole trace to be drawn");
  run_for (300);
  shoot (GTK_WIDGET (window), "canvas-keyboard.png");
  destroy_window (window);
}

static gboolean
export_done (gpointer data)
{
  return EPI_WINDOW (data)->export_cancellable == NULL;
}

static gboolean
progress_shown (gpointer data)
{
  return gtk_progress_bar_get_fraction (EPI_WINDOW (data)->export_progress) > 0.15;
}

/* The export: its options, its progress and the toast it ends with. */
static void
scene_export (void)
{
  g_autofree char *sealed = seal_sample ("camera.png", "camera.png");
  g_autofree char *out = g_build_filename (scene_dir, "exports", NULL);
  g_autofree char *gif = g_build_filename (out, "camera.gif", NULL);
  g_autofree char *png = g_build_filename (out, "camera.png", NULL);
  g_autoptr(GFile) gif_file = g_file_new_for_path (gif);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  EpiWindow *window = new_window (1280, 800);
  EpiExportOptions options;
  GtkWidget *button;

  g_mkdir_with_parents (out, 0700);
  open_sealed (window, sealed);
  pause_at (window, 0.45);

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  g_assert_nonnull (window->export_dialog);
  settle (GTK_WIDGET (window->export_dialog));
  shoot (GTK_WIDGET (window->export_dialog), "export-options.png");
  button = find_button (GTK_WIDGET (window->export_dialog), "_Cancel");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  run_for (300);

  /* Big enough to be caught on its way, then cancelled. */
  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_GIF;
  options.size = 1500;
  epi_window_export (window, gif_file, &options);
  wait_until (progress_shown, window, 60, "the export's progress");
  run_for (100);
  shoot (GTK_WIDGET (window), "export-progress.png");
  button = find_action_button (window->export_box, "win.cancel-export");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (export_done, window, 30, "the export to stop");

  epi_export_options_init (&options);
  options.kind = EPI_EXPORT_STILL;
  options.size = 1024;
  epi_window_export (window, png_file, &options);
  wait_until (export_done, window, 60, "the export");
  run_for (600);
  shoot (GTK_WIDGET (window), "export-toast.png");
  destroy_window (window);
}

/* Choosing the password for three pictures, typed differently twice. */
static void
scene_password_mismatch (void)
{
  g_autofree char *horse = copy_sample ("horse.png", "horse.png");
  g_autofree char *rocket = copy_sample ("rocket.jpg", "rocket.jpg");
  g_autofree char *coins = copy_sample ("coins.png", "coins.png");
  const char *paths[] = { horse, rocket, coins, NULL };
  EpiWindow *window = new_window (1100, 700);
  EpiPasswordDialog *dialog;

  add_paths (window, paths);
  g_action_group_activate_action (G_ACTION_GROUP (window), "encrypt", NULL);
  dialog = wait_for_dialog (window);
  settle (GTK_WIDGET (dialog));
  epi_password_dialog_set_passwords (dialog, PASSWORD, "Glass-Onion-1921");
  /* Submitting tells why it cannot be. */
  g_assert_false (epi_password_dialog_submit (dialog));
  run_for (400);
  shoot (GTK_WIDGET (dialog), "password-dialog-mismatch.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_for (100);
  destroy_window (window);
}

static void
scene_preferences (void)
{
  EpiWindow *window = new_window (1000, 640);
  GtkWindow *prefs = GTK_WINDOW (epi_preferences_new (GTK_WINDOW (window)));

  gtk_window_set_default_size (prefs, 700 + FRAME, 1000 + FRAME);
  gtk_window_present (prefs);
  settle (GTK_WIDGET (prefs));
  shoot (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (prefs);
  run_for (100);
  destroy_window (window);
}

/* A phone's screen, in German: the list page of the folded window with
 * rows sealed, failed, opened and waiting, and the viewer page with a
 * drawing. */
static void
scene_narrow_german (void)
{
  g_autofree char *sealed = seal_sample ("camera.png", "kamera.png");
  g_autofree char *horse = copy_sample ("horse.png", "pferd.png");
  g_autofree char *coins = copy_sample ("coins.png", "münzen.png");
  g_autofree char *broken = truncated_copy ("chelsea.png", "katze.png");
  g_autofree char *rocket = copy_sample ("rocket.jpg", "rakete.jpg");
  const char *first[] = { horse, coins, broken, NULL };
  const char *then[] = { rocket, NULL };
  EpiWindow *window = new_window (360, 700);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *list_page;

  add_paths (window, first);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  seal_waiting (window);
  open_sealed (window, sealed);
  add_paths (window, then);

  /* The viewer page, as activating the opened row shows it. */
  epi_window_select (window, item_at (window, 3));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  run_for (600);
  pause_at (window, 0.5);
  dismiss_toasts (window);
  shoot (GTK_WIDGET (window), "narrow-viewer-de.png");

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  run_for (600);
  list_page = adw_leaflet_get_visible_child (leaflet);
  g_assert_nonnull (find_widget (list_page, GTK_TYPE_LIST_VIEW));
  dismiss_toasts (window);
  shoot (GTK_WIDGET (window), "narrow-list-de.png");
  destroy_window (window);
}

/* Runs @scene with a folder of its own for its files: each scene names
 * them as if it were the only one (no "camera (2).png.epicrypt"). */
static void
run_scene (const char *name,
           void      (*scene) (void))
{
  scene_dir = g_build_filename (work_dir, name, NULL);
  if (g_mkdir (scene_dir, 0700) != 0)
    g_error ("could not make %s", scene_dir);
  scene ();
  g_clear_pointer (&scene_dir, g_free);
}

/* The German scenes in a process of their own: the language is chosen
 * once, when the process starts. */
static void
run_german (const char *self)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "de", TRUE);
  const char *argv[] = { self, GERMAN, out_dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("the German scenes: %s", error->message);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  gboolean german;

  epi_locale_init ();
  app = gui_test_init (&argc, &argv, G_APPLICATION_HANDLES_OPEN);

  german = argc == 3 && g_str_equal (argv[1], GERMAN);
  if (argc != 2 && !german)
    {
      g_printerr ("Usage: %s OUTPUT-FOLDER\n", argv[0]);
      return 2;
    }
  out_dir = argv[argc - 1];
  if (!g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    g_error ("%s is not a folder", out_dir);
  work_dir = test_tmpdir_new ();

  if (german)
    run_scene ("narrow-german", scene_narrow_german);
  else
    {
      run_scene ("window", scene_window);
      run_scene ("task-rows", scene_task_rows);
      run_scene ("empty-and-drop", scene_empty_and_drop);
      run_scene ("canvas", scene_canvas);
      run_scene ("export", scene_export);
      run_scene ("password-mismatch", scene_password_mismatch);
      run_scene ("preferences", scene_preferences);
    }

  test_tmpdir_remove (work_dir);
  g_free (work_dir);
  g_clear_object (&app);

  if (!german)
    run_german (self != NULL ? self : argv[0]);
  return 0;
}
