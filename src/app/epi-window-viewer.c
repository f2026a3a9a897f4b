/* epi-window-viewer.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The viewer's controls beyond play, speed and zoom: the timeline under
 * the drawing (where it stands, in percent; dragging it or pressing the
 * arrow keys on it seeks, and playing goes on from there), how many of
 * the drawing's epicycles draw (a scale and a number sharing one
 * adjustment), following the pen, and a fading trail. The canvas holds the
 * state; these widgets only show it and change it, so a change from
 * anywhere (a shortcut, a test) shows here too.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "epi-window-private.h"

/* The fading trail the window offers, in turns: a quarter of the
 * drawing, long enough to see a shape, short enough to see it move. */
#define TRAIL_TURNS 0.25
/* The least move of the timeline while playing, in percent. */
#define TIME_STEP   0.25

/* "120 of 1000 epicycles", for the overlay and for screen readers. */
char *
epi_window_describe_terms (EpiWindow *self)
{
  guint k = epi_canvas_get_max_terms (self->canvas);

  /* Translators: how many of the drawing's epicycles draw, e.g.
   * "120 of 1000 epicycles"; the plural goes by the second number. */
  return g_strdup_printf (ngettext ("%u of %u epicycle", "%u of %u epicycles", k),
                          epi_canvas_get_n_terms (self->canvas), k);
}

static void
on_time_changed (EpiWindow *self)
{
  double percentage = 100 * epi_canvas_get_time (self->canvas);
  g_autofree char *text = NULL;

  /* A seek bar moving every frame would tell assistive technology its
   * value every frame too: steps of a quarter percent (a pixel or two)
   * look as smooth. */
  if (fabs (percentage - gtk_adjustment_get_value (self->time_adjustment)) >= TIME_STEP ||
      percentage == 0 || percentage == 100)
    gtk_adjustment_set_value (self->time_adjustment, percentage);
  /* Translators: the share of the drawing done, as in "42 %". */
  text = g_strdup_printf (_("%.0f %%"), floor (percentage));
  if (g_strcmp0 (text, gtk_label_get_text (self->time_label)) == 0)
    return;
  gtk_label_set_text (self->time_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Only the user moves the scale this way (a drag, a click, the keys):
 * the canvas seeks, and its notify moves the scale. */
static gboolean
on_time_scale_change_value (GtkRange      *range,
                            GtkScrollType  scroll,
                            double         value,
                            EpiWindow     *self)
{
  epi_canvas_set_time (self->canvas, CLAMP (value, 0, 100) / 100);
  return TRUE;
}

static void on_terms_value_changed (EpiWindow *self);

static void
on_terms_changed (EpiWindow *self)
{
  guint k = epi_canvas_get_max_terms (self->canvas);
  g_autofree char *text = epi_window_describe_terms (self);

  g_signal_handlers_block_by_func (self->terms_adjustment, on_terms_value_changed, self);
  gtk_adjustment_configure (self->terms_adjustment, MAX (1, epi_canvas_get_n_terms (self->canvas)),
                            1, MAX (1, k), 1, MAX (1, k / 10), 0);
  g_signal_handlers_unblock_by_func (self->terms_adjustment, on_terms_value_changed, self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->terms_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->terms_spin),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
on_terms_value_changed (EpiWindow *self)
{
  double value = gtk_adjustment_get_value (self->terms_adjustment);

  epi_canvas_set_n_terms (self->canvas, (guint) MAX (1, round (value)));
}

/* win.fading-trail: the whole drawing, or a trail of TRAIL_TURNS. */
static void
change_fading_trail (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  EpiWindow *self = user_data;

  epi_canvas_set_trail (self->canvas, g_variant_get_boolean (state) ? TRAIL_TURNS : 0);
}

static void
on_trail_changed (EpiWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "fading-trail");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (epi_canvas_get_trail (self->canvas) > 0));
}

/* Binds the controls' template children; called from the window's
 * class_init. */
void
epi_window_bind_viewer (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, time_scale);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, time_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, view_bar);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, terms_scale);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, terms_spin);
  gtk_widget_class_bind_template_child (widget_class, EpiWindow, terms_adjustment);
}

/* Connects the controls to the canvas, and adds the toggles
 * win.follow-pen (the canvas's "follow-pen") and win.fading-trail. */
void
epi_window_setup_viewer (EpiWindow *self)
{
  static const GActionEntry entries[] = {
    { "fading-trail", NULL, NULL, "false", change_fading_trail },
  };
  g_autoptr(GPropertyAction) follow = g_property_action_new ("follow-pen", self->canvas, "follow-pen");

  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (follow));
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  g_object_bind_property (self->canvas, "has-drawing", self->timeline_bar, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->canvas, "has-drawing", self->view_bar, "visible", G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (self->canvas, "notify::time", G_CALLBACK (on_time_changed), self);
  g_signal_connect (self->time_scale, "change-value", G_CALLBACK (on_time_scale_change_value), self);
  on_time_changed (self);

  g_signal_connect_swapped (self->canvas, "notify::n-terms", G_CALLBACK (on_terms_changed), self);
  g_signal_connect_swapped (self->canvas, "notify::max-terms", G_CALLBACK (on_terms_changed), self);
  g_signal_connect_swapped (self->terms_adjustment, "value-changed", G_CALLBACK (on_terms_value_changed), self);
  on_terms_changed (self);

  g_signal_connect_swapped (self->canvas, "notify::trail", G_CALLBACK (on_trail_changed), self);
}
