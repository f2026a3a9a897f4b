/* epi-task-row.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the task list. Its template binds every label, the progress
 * bar and the buttons to the item; the buttons run the row's own actions
 * (task.cancel, task.retry, task.show, task.remove), which act on the
 * row's item. What needs the window (a password, the batch, the list)
 * the row asks for with its "retry" and "remove" signals.
 *
 * Cancel sits beside the progress bar and shows only while the task
 * can be stopped; Remove, a different icon, always holds the row's end
 * and works only once the task is finished. Neither takes the other's
 * place as the row changes state under the pointer, so a click meant
 * for Cancel as the task ends never removes the row.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "epi-task-row.h"

struct _EpiTaskRow
{
  GtkWidget    parent_instance;

  /* Owned references */
  EpiTaskItem *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

enum {
  RETRY,
  RETRY_NEW_PASSWORD,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpiTaskRow, epi_task_row, GTK_TYPE_WIDGET)

EpiTaskItem *
epi_task_row_get_item (EpiTaskRow *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ROW (self), NULL);
  return self->item;
}

/* Names a button that runs @action after the row's file, as in "Remove
 * camera.png": a screen reader going from button to button hears which
 * file each one is for. Found by action, wherever the template puts it. */
static char *
button_name (const char *action,
             const char *file_name)
{
  /* Translators: a row's button as a screen reader names it; %s is a file name. */
  if (g_strcmp0 (action, "task.cancel") == 0)
    return g_strdup_printf (_("Cancel %s"), file_name);
  /* Translators: a row's button as a screen reader names it; %s is a file name. */
  if (g_strcmp0 (action, "task.retry") == 0)
    return g_strdup_printf (_("Retry %s"), file_name);
  /* Translators: a row's button as a screen reader names it; %s is a file name. */
  if (g_strcmp0 (action, "task.show") == 0)
    return g_strdup_printf (_("Show %s in its folder"), file_name);
  /* Translators: a row's button as a screen reader names it; %s is a file name. */
  if (g_strcmp0 (action, "task.remove") == 0)
    return g_strdup_printf (_("Remove %s"), file_name);
  return NULL;
}

static void
name_buttons (GtkWidget  *widget,
              const char *file_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *label = NULL;

      if (GTK_IS_ACTIONABLE (child) &&
          (label = button_name (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), file_name)) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      name_buttons (child, file_name);
    }
}

/* The row, and the list item around it that a screen reader lands on,
 * are named by the file and its state ("camera.png, Sealed"); the
 * reason of a failure is their description. */
static void
update_accessible (EpiTaskRow *self)
{
  GtkWidget *list_item = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *status = NULL;
  g_autofree char *label = NULL;
  const char *name;
  const char *detail;

  if (self->item == NULL)
    return;

  name = epi_task_item_get_name (self->item);
  detail = epi_task_item_get_detail (self->item);
  g_object_get (self->item, "status", &status, NULL);
  /* Translators: a list row as a screen reader names it: file name, state. */
  label = status != NULL && *status != '\0' ? g_strdup_printf (_("%s, %s"), name, status) : g_strdup (name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail != NULL ? detail : "",
                                  -1);
  if (list_item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail != NULL ? detail : "",
                                    -1);
  name_buttons (GTK_WIDGET (self), name);
}

/* Sets the item the row shows and acts on, or NULL while the row is
 * not bound. Main thread only. */
void
epi_task_row_set_item (EpiTaskRow  *self,
                       EpiTaskItem *item)
{
  g_return_if_fail (EPI_IS_TASK_ROW (self));
  g_return_if_fail (item == NULL || EPI_IS_TASK_ITEM (item));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_accessible, self);
  if (!g_set_object (&self->item, item))
    return;

  if (item != NULL)
    {
      g_signal_connect_swapped (item, "notify::name", G_CALLBACK (update_accessible), self);
      g_signal_connect_swapped (item, "notify::status", G_CALLBACK (update_accessible), self);
      g_signal_connect_swapped (item, "notify::detail", G_CALLBACK (update_accessible), self);
      update_accessible (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

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

/* Retrying needs a password and the batch, which the window holds: the
 * row only says so. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EpiTaskRow *self = EPI_TASK_ROW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[RETRY], 0);
}

/* Retrying under another password than the batch's: the window asks
 * for it. */
static void
retry_new_password_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EpiTaskRow *self = EPI_TASK_ROW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[RETRY_NEW_PASSWORD], 0);
}

/* Opens the folder that holds the item's sealed file; without one there
 * is nothing to show. */
static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EpiTaskRow *self = EPI_TASK_ROW (widget);
  GFile *output = self->item != NULL ? epi_task_item_get_output (self->item) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (output == NULL || (folder = g_file_get_parent (output)) == NULL)
    return;

  uri = g_file_get_uri (folder);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* The list belongs to the window: the row only asks to leave it. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EpiTaskRow *self = EPI_TASK_ROW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[REMOVE], 0);
}

/* Used by the template: hides the detail line while it is empty. */
gboolean epi_task_row_has_text (GtkWidget  *row,
                                const char *text);

gboolean
epi_task_row_has_text (GtkWidget  *row,
                       const char *text)
{
  return text != NULL && *text != '\0';
}

/* Used by the template: the status reads as an error on a failed row,
 * and quietly otherwise. Returns a new array for the binding to own. */
GStrv epi_task_row_status_classes (GtkWidget *row,
                                   gboolean   has_error);

GStrv
epi_task_row_status_classes (GtkWidget *row,
                             gboolean   has_error)
{
  const char *classes[] = { "caption", has_error ? "error" : "dim-label", NULL };

  return g_strdupv ((char **) classes);
}

static void
epi_task_row_dispose (GObject *object)
{
  EpiTaskRow *self = EPI_TASK_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_accessible, self);
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

  /**
   * EpiTaskRow::retry:
   * @row: the row whose Retry button was used
   *
   * Asks for the row's item to be tried again: a picture sealed anew, a
   * sealed file opened anew. Emitted on the main thread, only while the
   * row has an item; the handler reads it with epi_task_row_get_item().
   */
  signals[RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EpiTaskRow::retry-new-password:
   * @row: the row whose "Retry with Another Password…" was chosen
   *
   * Asks for the row's picture to be sealed again under a password to
   * be asked for, not its batch's. Emitted on the main thread, only
   * while the row has an item.
   */
  signals[RETRY_NEW_PASSWORD] =
    g_signal_new ("retry-new-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EpiTaskRow::remove:
   * @row: the row whose Remove button was used
   *
   * Asks for the row's item to be taken off the list. Emitted on the
   * main thread, only while the row has an item; the handler reads it
   * with epi_task_row_get_item().
   */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/epicrypt/Epicrypt/epi-task-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, epi_task_row_has_text);
  gtk_widget_class_bind_template_callback (widget_class, epi_task_row_status_classes);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "task.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "task.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "task.retry-new-password", NULL, retry_new_password_action);
  gtk_widget_class_install_action (widget_class, "task.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "task.remove", NULL, remove_action);

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
