/* test-a11y.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window from the keyboard and as assistive technology reads
 * it: keys pressed on the X server (xdotool, as a person's keyboard)
 * reach the widget with the focus; names, roles and values are read with
 * GTK's accessibility testing API.
 */

#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "epi-application.h"
#include "epi-canvas.h"
#include "epi-password-dialog.h"
#include "epi-preferences.h"
#include "epi-task-row.h"
#include "epi-test-gui.h"
#include "epi-test-util.h"
#include "epi-window.h"

#define PASSWORD "Glass-Onion-1912"

static EpiApplication *app;

typedef WindowFixture Fixture;

/* Seals horse.png, drops the sealed file and opens it: the window shows
 * its drawing, playing. */
static void
open_drawing (Fixture *f)
{
  g_autofree char *image = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  g_autofree char *sealed = g_build_filename (f->dir, "horse.epicrypt", NULL);
  const char *paths[] = { sealed, NULL };
  g_autoptr(EpiSecret) secret = epi_secret_new (PASSWORD, strlen (PASSWORD), NULL);
  g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, EPI_KDF_INTERACTIVE);
  g_autoptr(GError) error = NULL;
  EpiPasswordDialog *dialog;

  g_assert_true (epi_pipeline_encrypt (image, sealed, NULL, ring, NULL, NULL, NULL, NULL, NULL, &error));
  drop_files (f->window, paths);
  wait_until (has_dialog, f->window, 20, "the password dialog");
  dialog = EPI_PASSWORD_DIALOG (epi_window_get_password_dialog (f->window));
  epi_password_dialog_set_passwords (dialog, PASSWORD, NULL);
  g_assert_true (epi_password_dialog_submit (dialog));
  wait_until (has_drawing, f->window, 20, "the drawing");
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), (const char *) data) == 0;
}

/* The first widget under @widget, itself included, whose action is
 * @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  return find_first (widget, has_action, action);
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Presses @key on the X server's keyboard, as a person would: the event
 * goes to the window with the input focus, and in it to the focused
 * widget. */
static void
press_key (EpiWindow  *window,
           const char *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!GDK_IS_X11_SURFACE (surface))
    g_error ("the keyboard tests need an X display: run them under xvfb-run");
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));

  {
    const char *argv[] = { "xdotool", "windowfocus", xid, "key", "--clearmodifiers", key, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  wait_until (is_active, window, 10, "the window to have the focus");
}

typedef struct
{
  EpiRenderer *renderer;
  double       zoom;
} ZoomWait;

static gboolean
zoom_changed (gpointer data)
{
  ZoomWait *w = data;
  EpiView view;

  epi_renderer_get_view (w->renderer, &view);
  return view.zoom != w->zoom;
}

static gboolean
canvas_playing (gpointer data)
{
  return epi_canvas_get_playing (data);
}

typedef struct
{
  EpiRenderer *renderer;
  double       x, y;
} CentreWait;

static gboolean
centre_moved (gpointer data)
{
  CentreWait *w = data;
  EpiView view;

  epi_renderer_get_view (w->renderer, &view);
  return view.center_x != w->x || view.center_y != w->y;
}

/* Space on a focused button presses that button and leaves playback
 * alone; on the focused canvas it plays and pauses; the arrow keys move
 * a zoomed drawing. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  GtkWidget *zoom_in;
  ZoomWait zoom = { renderer, 0 };
  CentreWait centre = { renderer, 0, 0 };
  EpiView view;

  open_drawing (f);
  epi_canvas_set_playing (canvas, FALSE);

  /* The Zoom In button has the focus: Space presses it. */
  zoom_in = find_actionable (GTK_WIDGET (f->window), "win.zoom-in");
  g_assert_nonnull (zoom_in);
  g_assert_true (gtk_widget_grab_focus (zoom_in));
  epi_renderer_get_view (renderer, &view);
  zoom.zoom = view.zoom;
  press_key (f->window, "space");
  wait_until (zoom_changed, &zoom, 10, "the focused button to be pressed");
  g_assert_false (epi_canvas_get_playing (canvas));

  /* A click on the drawing gives it the focus (the button had it), and
   * Space plays the drawing. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (canvas)));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_DRAG (controller))
          g_signal_emit_by_name (controller, "drag-begin", 10.0, 10.0);
      }
  }
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));
  press_key (f->window, "space");
  wait_until (canvas_playing, canvas, 10, "Space on the canvas to play");
  epi_canvas_set_playing (canvas, FALSE);

  /* Zoomed in, Right moves the view right, Down moves it down. */
  epi_renderer_get_view (renderer, &view);
  g_assert_cmpfloat (view.zoom, >, 1);
  centre.x = view.center_x;
  centre.y = view.center_y;
  press_key (f->window, "Right");
  wait_until (centre_moved, &centre, 10, "Right to pan");
  epi_renderer_get_view (renderer, &view);
  g_assert_cmpfloat (view.center_x, >, centre.x);
  g_assert_cmpfloat (view.center_y, ==, centre.y);
  centre.x = view.center_x;
  press_key (f->window, "Down");
  wait_until (centre_moved, &centre, 10, "Down to pan");
  epi_renderer_get_view (renderer, &view);
  g_assert_cmpfloat (view.center_y, >, centre.y);
  g_assert_cmpfloat (view.center_x, ==, centre.x);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));
}

typedef struct
{
  EpiWindow   *window;
  const char  *name;
} RowWait;

static gboolean
row_named (GtkWidget     *widget,
           gconstpointer  data)
{
  return EPI_IS_TASK_ROW (widget) && epi_task_row_get_item (EPI_TASK_ROW (widget)) != NULL &&
         g_strcmp0 (epi_task_item_get_name (epi_task_row_get_item (EPI_TASK_ROW (widget))), (const char *) data) == 0;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *name)
{
  return find_first (widget, row_named, name);
}

static gboolean
row_shown (gpointer data)
{
  RowWait *w = data;

  return find_row (GTK_WIDGET (w->window), w->name) != NULL;
}

/* Asserts that @widget's accessible label is @expected. */
static void
assert_label (gpointer    widget,
              const char *expected)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               expected);

  if (wrong != NULL)
    g_error ("%s is named “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), wrong, expected);
}

/* Each row, the list item a screen reader lands on, and each of the
 * row's buttons say which file they are for; the state follows. */
static void
test_row_names (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *camera = test_copy_sample_to ("camera.png", f->dir, "camera.png");
  g_autofree char *horse = test_copy_sample_to ("horse.png", f->dir, "horse.png");
  const char *paths[] = { camera, horse, NULL };
  RowWait w = { f->window, "camera.png" };
  g_autoptr(EpiTaskItem) item = NULL;
  GtkWidget *row, *remove, *retry;

  drop_files (f->window, paths);
  wait_until (row_shown, &w, 20, "camera.png's row");
  w.name = "horse.png";
  wait_until (row_shown, &w, 20, "horse.png's row");

  row = find_row (GTK_WIDGET (f->window), "camera.png");
  item = g_object_ref (epi_task_row_get_item (EPI_TASK_ROW (row)));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gtk_widget_get_parent (row)), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  assert_label (row, "camera.png, Waiting");
  assert_label (gtk_widget_get_parent (row), "camera.png, Waiting");

  remove = find_actionable (row, "task.remove");
  g_assert_nonnull (remove);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_ROLE_BUTTON);
  assert_label (remove, "Remove camera.png");
  assert_label (find_actionable (find_row (GTK_WIDGET (f->window), "horse.png"), "task.remove"),
                "Remove horse.png");

  /* A failure changes the name's state, and the reason is described;
   * Retry names the file too. */
  epi_task_item_set_failed (item, EPI_ITEM_FAILED, "camera.png: no lines found");
  row = find_row (GTK_WIDGET (f->window), "camera.png");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "camera.png: no lines found");
  {
    g_autofree char *status = NULL;
    g_autofree char *expected = NULL;

    g_object_get (item, "status", &status, NULL);
    expected = g_strdup_printf ("camera.png, %s", status);
    g_assert_cmpstr (status, !=, "Waiting");
    assert_label (row, expected);
  }
  retry = find_actionable (row, "task.retry");
  g_assert_nonnull (retry);
  assert_label (retry, "Retry camera.png");
}

/* A button with a mnemonic is named by what it shows, without the
 * underscore and once; an icon-only button is named by what it does. */
static void
test_button_names (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *add = find_actionable (GTK_WIDGET (f->window), "win.add-images");
  GtkWidget *seal = find_actionable (GTK_WIDGET (f->window), "win.encrypt");
  GtkWidget *label;
  GtkWidget *preferences;
  GtkWidget *clear = NULL;

  /* An icon button is named by what it does. */
  g_assert_nonnull (add);
  assert_label (add, "Add images");

  g_assert_nonnull (seal);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (seal)));
  /* Named by its label child alone: no label property of its own. */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (seal), GTK_ACCESSIBLE_PROPERTY_LABEL));
  label = find_widget (seal, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (seal), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Seal");

  /* A label changed later is fixed too. */
  gtk_button_set_label (GTK_BUTTON (seal), "_Seal Again");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (seal), GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* The output folder's clear button in the preferences. */
  preferences = GTK_WIDGET (epi_preferences_new (GTK_WINDOW (f->window)));
  gtk_window_present (GTK_WINDOW (preferences));
  {
    GtkWidget *stack[256];
    guint n = 0;

    stack[n++] = preferences;
    while (n > 0 && clear == NULL)
      {
        GtkWidget *w = stack[--n];

        if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), "edit-clear-symbolic") == 0)
          clear = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (stack); c = gtk_widget_get_next_sibling (c))
          stack[n++] = c;
      }
  }
  g_assert_nonnull (clear);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL));
  assert_label (clear, "Save beside each picture");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The speed scale's value is a logarithm; assistive technology is told
 * the speed itself. */
static void
test_speed_value_text (Fixture       *f,
                       gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  GtkWidget *scale = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), EPI_TYPE_WINDOW,
                                                                "speed_scale"));

  g_assert_nonnull (scale);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_ROLE_SLIDER);
  epi_canvas_set_speed (canvas, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "1×");
  epi_canvas_set_speed (canvas, 2.5);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "2.5×");
  /* Moved on the scale itself, as a keyboard does. */
  gtk_range_set_value (GTK_RANGE (scale), -1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "0.1×");
}

/* The canvas's description as assistive technology has it: the testing
 * API gives the value back when it is not the one asked for. */
static char *
canvas_description (EpiCanvas *canvas)
{
  char *text = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                   "\x01 never this");

  g_assert_nonnull (text);
  return text;
}

static void
on_frame (EpiCanvas  *canvas,
          GParamSpec *pspec,
          GPtrArray  *seen)
{
  g_ptr_array_add (seen, canvas_description (canvas));
}

typedef struct
{
  GPtrArray *seen;
  guint      count;
} FramesWait;

static gboolean
frames_seen (gpointer data)
{
  FramesWait *w = data;

  return w->seen->len >= w->count;
}

/* While the drawing plays, the description changes only when there is
 * something to say: a tenth more drawn, paused, finished. Frame after
 * frame inside one tenth, it stays as it is. */
static void
test_canvas_description (Fixture       *f,
                         gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  EpiRenderer *renderer = epi_canvas_get_renderer (canvas);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  FramesWait w = { seen, 0 };
  g_autofree char *text = NULL;
  gulong handler;

  open_drawing (f);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_IMG);
  assert_label (canvas, "Drawing");

  /* At 0.1× a tenth of the drawing takes 12 s: a few frames stay in it. */
  epi_canvas_set_speed (canvas, EPI_RENDERER_MIN_SPEED);
  epi_renderer_set_time (renderer, 0.42);
  handler = g_signal_connect (canvas, "notify::frame", G_CALLBACK (on_frame), seen);
  /* A frame is counted before it is told: the first one seen may still
   * have the description from before the jump. */
  w.count = 2;
  wait_until (frames_seen, &w, 20, "two frames");
  g_ptr_array_set_size (seen, 0);
  w.count = 5;
  wait_until (frames_seen, &w, 20, "five frames");
  g_assert_cmpfloat (epi_renderer_get_time (renderer), >, 0.42);
  g_assert_true (epi_canvas_get_playing (canvas));
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, "Drawing, 40% done");

  /* Crossing into the next tenth is told, once. */
  epi_renderer_set_time (renderer, 0.5);
  w.count = seen->len + 3;
  wait_until (frames_seen, &w, 20, "three more frames");
  g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), ==, "Drawing, 50% done");
  g_signal_handler_disconnect (canvas, handler);

  epi_canvas_set_playing (canvas, FALSE);
  text = canvas_description (canvas);
  g_assert_cmpstr (text, ==, "Paused, 50% done");
  g_clear_pointer (&text, g_free);

  /* Played to its end, the drawing says it is finished. */
  epi_canvas_set_speed (canvas, EPI_RENDERER_MAX_SPEED);
  epi_renderer_set_time (renderer, 0.99);
  epi_canvas_set_playing (canvas, TRUE);
  while (epi_canvas_get_playing (canvas))
    g_main_context_iteration (NULL, TRUE);
  text = canvas_description (canvas);
  g_assert_cmpstr (text, ==, "Drawing finished");
}

/* Tab goes everywhere a mouse does: the header bar, a row's buttons,
 * the list's own buttons, the canvas and every control under it. */
/* Asserts that @widget tells its value as @expected. */
static void
assert_value_text (gpointer    widget,
                   const char *expected)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                                               expected);

  if (wrong != NULL)
    g_error ("%s tells “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), wrong, expected);
}

static gpointer
template_child (Fixture    *f,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->window), EPI_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

/* The viewer's timeline, epicycle count and toggles are named for a
 * screen reader, tell their values in words, and work. */
static void
test_viewer_controls (Fixture       *f,
                      gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  GtkWidget *time_scale, *terms_scale, *terms_spin;
  g_autofree char *all = NULL;
  g_autofree char *five = NULL;
  gboolean handled = FALSE;
  guint k;

  open_drawing (f);
  epi_canvas_set_playing (canvas, FALSE);
  time_scale = template_child (f, "time_scale");
  terms_scale = template_child (f, "terms_scale");
  terms_spin = template_child (f, "terms_spin");
  assert_label (time_scale, "Progress");
  assert_label (terms_scale, "Epicycles");
  assert_label (terms_spin, "Number of epicycles");
  assert_label (find_actionable (GTK_WIDGET (f->window), "win.follow-pen"), "Follow the pen");
  assert_label (find_actionable (GTK_WIDGET (f->window), "win.fading-trail"), "Fading trail");

  /* All the epicycles draw at first; the number field sets how many. */
  k = epi_canvas_get_max_terms (canvas);
  g_assert_cmpuint (k, >, 5);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, k);
  all = g_strdup_printf ("%u of %u epicycles", k, k);
  assert_value_text (terms_scale, all);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (terms_spin), 5);
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 5);
  five = g_strdup_printf ("5 of %u epicycles", k);
  assert_value_text (terms_scale, five);
  assert_value_text (terms_spin, five);
  g_assert_nonnull (strstr (gtk_label_get_text (template_child (f, "overlay_label")), five));
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (terms_scale)), ==, 5);

  /* Dragging the timeline seeks, and so does an arrow key on it. */
  g_signal_emit_by_name (time_scale, "change-value", GTK_SCROLL_JUMP, 40.0, &handled);
  g_assert_cmpfloat_with_epsilon (epi_canvas_get_time (canvas), 0.4, 1e-9);
  g_assert_cmpstr (gtk_label_get_text (template_child (f, "time_label")), ==, "40 %");
  assert_value_text (time_scale, "40 %");
  g_assert_nonnull (strstr (gtk_label_get_text (template_child (f, "overlay_label")), "40%"));
  g_signal_emit_by_name (time_scale, "move-slider", GTK_SCROLL_STEP_RIGHT);
  g_assert_cmpfloat_with_epsilon (epi_canvas_get_time (canvas), 0.41, 1e-9);
  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpuint (epi_canvas_get_n_terms (canvas), ==, 5);

  /* The toggles. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.follow-pen", NULL);
  g_assert_true (epi_canvas_get_follow_pen (canvas));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fading-trail", NULL);
  g_assert_cmpfloat (epi_canvas_get_trail (canvas), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fading-trail", NULL);
  g_assert_cmpfloat (epi_canvas_get_trail (canvas), ==, 0);
}

/* With animations off on the desktop, a sealed file opens finished,
 * its timeline at 100 %. */
static void
test_reduced_motion (Fixture       *f,
                     gconstpointer  data)
{
  EpiCanvas *canvas = epi_window_get_canvas (f->window);
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->window));

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  open_drawing (f);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);

  g_assert_false (epi_canvas_get_playing (canvas));
  g_assert_cmpfloat (epi_canvas_get_percentage (canvas), ==, 100);
  g_assert_cmpfloat (gtk_range_get_value (template_child (f, "time_scale")), ==, 100);
  g_assert_cmpstr (gtk_label_get_text (template_child (f, "time_label")), ==, "100 %");
}

static void
test_tab_reaches_everything (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  const char *actions[] = { "win.add-images", "win.clear-finished", "task.remove",
                            "win.play", "win.reset", "win.zoom-in", "win.zoom-out", "win.zoom-fit",
                            "win.show-circles", "win.export", "win.follow-pen", "win.fading-trail", NULL };
  GtkWidget *root = GTK_WIDGET (f->window);
  EpiCanvas *canvas = epi_window_get_canvas (f->window);

  open_drawing (f);
  epi_canvas_set_playing (canvas, FALSE);

  for (guint i = 0; i < 100; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (root));
      if (focus != NULL)
        g_hash_table_add (visited, focus);
    }

  g_assert_true (g_hash_table_contains (visited, canvas));
  g_assert_true (g_hash_table_contains (visited, find_widget (root, GTK_TYPE_SCALE)));
  g_assert_true (g_hash_table_contains (visited, template_child (f, "time_scale")));
  g_assert_true (g_hash_table_contains (visited, template_child (f, "terms_scale")));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      GtkWidget *widget = find_actionable (root, actions[i]);

      g_assert_nonnull (widget);
      if (!g_hash_table_contains (visited, widget))
        g_error ("Tab never reaches the button of %s", actions[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = gui_test_init (&argc, &argv, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

  g_test_add ("/Epi/A11y/keys", Fixture, NULL, window_fixture_set_up, test_keys, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/tab-reaches-everything", Fixture, NULL, window_fixture_set_up, test_tab_reaches_everything, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/row-names", Fixture, NULL, window_fixture_set_up, test_row_names, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/button-names", Fixture, NULL, window_fixture_set_up, test_button_names, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/speed-value-text", Fixture, NULL, window_fixture_set_up, test_speed_value_text, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/viewer-controls", Fixture, NULL, window_fixture_set_up, test_viewer_controls, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/reduced-motion", Fixture, NULL, window_fixture_set_up, test_reduced_motion, window_fixture_tear_down);
  g_test_add ("/Epi/A11y/canvas-description", Fixture, NULL, window_fixture_set_up, test_canvas_description, window_fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
