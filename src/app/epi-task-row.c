/* epi-task-row.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the task list. Its template binds every label, the progress
 * bar and the buttons to the item; here only the buttons learn which
 * item they act on.
 */

#include "config.h"

#include "epi-task-row.h"

struct _EpiTaskRow
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkWidget   *cancel_button;
  GtkWidget   *retry_button;
  GtkWidget   *show_button;
  GtkWidget   *remove_button;

  /* Owned references */
  EpiTaskItem *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpiTaskRow, epi_task_row, GTK_TYPE_WIDGET)

EpiTaskItem *
epi_task_row_get_item (EpiTaskRow *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ROW (self), NULL);
  return self->item;
}

void
epi_task_row_set_item (EpiTaskRow  *self,
                       EpiTaskItem *item)
{
  struct { GtkWidget *button; const char *action; } buttons[] = {
    { self->retry_button, "win.retry-task" },
    { self->show_button, "win.show-task" },
    { self->remove_button, "win.remove-task" },
  };

  g_return_if_fail (EPI_IS_TASK_ROW (self));

  if (!g_set_object (&self->item, item))
    return;

  /* The target first, so the action never sees a button without one. */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkActionable *button = GTK_ACTIONABLE (buttons[i].button);

      if (item != NULL)
        {
          gtk_actionable_set_action_target (button, "u", epi_task_item_get_key (item));
          gtk_actionable_set_action_name (button, buttons[i].action);
        }
      else
        gtk_actionable_set_action_name (button, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* Used by the template: hides the detail line while it is empty. */
/* The row's own action: it cancels the task its item follows, with no
 * id to look up and no list to scan. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EpiTaskRow *self = EPI_TASK_ROW (widget);
  EpiBatchTask *task = self->item != NULL ? epi_task_item_get_batch_task (self->item) : NULL;

  if (task != NULL)
    epi_batch_task_cancel (task);
}

gboolean epi_task_row_has_text (GtkWidget  *row,
                                const char *text);

gboolean
epi_task_row_has_text (GtkWidget  *row,
                       const char *text)
{
  return text != NULL && *text != '\0';
}

static void
epi_task_row_dispose (GObject *object)
{
  EpiTaskRow *self = EPI_TASK_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (epi_task_row_parent_class)->dispose (object);
}

static void
epi_task_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EpiTaskRow *self = EPI_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_task_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EpiTaskRow *self = EPI_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      epi_task_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_task_row_class_init (EpiTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = epi_task_row_dispose;
  object_class->get_property = epi_task_row_get_property;
  object_class->set_property = epi_task_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, EPI_TYPE_TASK_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EpiTaskRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EpiTaskRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EpiTaskRow, show_button);
  gtk_widget_class_bind_template_child (widget_class, EpiTaskRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, epi_task_row_has_text);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "task.cancel", NULL, cancel_action);

  g_type_ensure (EPI_TYPE_TASK_ITEM);
}

static void
epi_task_row_init (EpiTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
epi_task_row_new (void)
{
  return g_object_new (EPI_TYPE_TASK_ROW, NULL);
}
