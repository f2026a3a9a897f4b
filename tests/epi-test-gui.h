/* epi-test-gui.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the programs that test the real window on a real
 * (virtual) display: waiting on the main loop, finding widgets, dropping
 * files, and the application and window every test starts from.
 */

#pragma once

#include "epi-application.h"
#include "epi-window.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Makes the run's application after g_test_init(): a GUI test without
 * a display is a failure, not a skip; the cursor does not blink; the
 * application is registered with @flags (G_APPLICATION_NON_UNIQUE
 * included, so runs never meet). Returns: (transfer full) */
EpiApplication *gui_test_init          (int                *argc,
                                        char             ***argv,
                                        GApplicationFlags   flags);

/* Runs the main loop until @condition holds; waiting longer than
 * @seconds is a failure that names @what. */
void            wait_until             (Condition           condition,
                                        gpointer            data,
                                        guint               seconds,
                                        const char         *what);
/* Lets the main loop run for @milliseconds, busy or idle. */
void            run_for                (guint               milliseconds);

/* A shown window of the application of gui_test_init(), and an empty
 * temporary folder. */
typedef struct
{
  EpiWindow *window;
  char      *dir;
} WindowFixture;

void            window_fixture_set_up    (WindowFixture    *f,
                                          gconstpointer     data);
void            window_fixture_tear_down (WindowFixture    *f,
                                          gconstpointer     data);
/* Destroys @window and lets what that queued run. */
void            destroy_window         (EpiWindow          *window);

/* Whether @widget is the one searched for, as @data describes it. */
typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget under @widget, the widget itself included, that
 * @match accepts, mapped or not, depth first in child order; or NULL. */
GtkWidget      *find_first             (GtkWidget          *widget,
                                        WidgetMatch         match,
                                        gconstpointer       data);
/* The first widget of @type under @widget, the widget itself included,
 * mapped or not; or NULL. */
GtkWidget      *find_widget            (GtkWidget          *widget,
                                        GType               type);
/* The first button under @widget, itself included, that reads @label,
 * mapped or not; or NULL. */
GtkWidget      *find_button            (GtkWidget          *widget,
                                        const char         *label);
/* The first button under @widget, itself included, whose action is
 * @action; or NULL. */
GtkWidget      *find_action_button     (GtkWidget          *widget,
                                        const char         *action);

/* What a drop of these files onto the window does: @paths, ending in
 * NULL, are paths or URIs (those holding "://"). */
void            drop_files             (EpiWindow          *window,
                                        const char        **paths);
/* The window's item at @i, owned by its list. */
EpiTaskItem    *item_at                (EpiWindow          *window,
                                        guint               i);
/* Waits until the window's list holds at least @n items. */
void            wait_for_items         (EpiWindow          *window,
                                        guint               n);

/* Conditions on an EpiWindow, for wait_until(). */
gboolean        has_dialog             (gpointer            window);  /* the password dialog is up */
gboolean        has_drawing            (gpointer            window);  /* the canvas has a drawing */
gboolean        batch_done             (gpointer            window);  /* nothing is running */

G_END_DECLS
