/* epi-batch-task.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One task of a batch as the front ends see it: what it was asked to do
 * and where it stands. Workers set its state under its own lock, through
 * epi-batch-task-private.h; its properties change only on the batch's
 * main context, from one pending notification however often a worker
 * reports, which publishes the latest values when it runs.
 */

#include "config.h"

#include "epi-i18n.h"

#include "epi-batch-task-private.h"
#include "epi-error.h"
#include "epi-names.h"
#include "epi-pending.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATE,
  PROP_STAGE,
  PROP_FRACTION,
  PROP_INPUT,
  PROP_OUTPUT,
  PROP_ERROR,
  PROP_SPECTRUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpiBatchTask, epi_batch_task, G_TYPE_OBJECT)

/* Notifications ------------------------------------------------------------ */

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_error_matches (a, b->domain, b->code) && g_str_equal (a->message, b->message);
}

/* Main context only: makes the latest values the ones shown, and
 * notifies those that changed. */
void
_epi_batch_task_publish (EpiBatchTask *self)
{
  GParamSpec *changed[N_PROPS];
  guint n_changed = 0;

  g_rec_mutex_lock (&self->lock);
  if (self->state != self->shown_state)
    {
      self->shown_state = self->state;
      changed[n_changed++] = properties[PROP_STATE];
    }
  if (self->stage != self->shown_stage)
    {
      self->shown_stage = self->stage;
      changed[n_changed++] = properties[PROP_STAGE];
    }
  if (self->fraction != self->shown_fraction)
    {
      self->shown_fraction = self->fraction;
      changed[n_changed++] = properties[PROP_FRACTION];
    }
  if (g_strcmp0 (self->request->output, self->shown_output) != 0)
    {
      g_free (self->shown_output);
      self->shown_output = g_strdup (self->request->output);
      changed[n_changed++] = properties[PROP_OUTPUT];
    }
  /* Figures have no property; they are complete when the state says done. */
  self->shown_figures = self->figures;
  if (!same_error (self->error, self->shown_error))
    {
      g_clear_error (&self->shown_error);
      self->shown_error = self->error != NULL ? g_error_copy (self->error) : NULL;
      changed[n_changed++] = properties[PROP_ERROR];
    }
  if (self->spectrum != self->shown_spectrum)
    {
      g_clear_pointer (&self->shown_spectrum, epi_spectrum_unref);
      self->shown_spectrum = self->spectrum != NULL ? epi_spectrum_ref (self->spectrum) : NULL;
      changed[n_changed++] = properties[PROP_SPECTRUM];
    }
  g_rec_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_changed; i++)
    g_object_notify_by_pspec (G_OBJECT (self), changed[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
notify_cb (gpointer user_data)
{
  EpiBatchTask *self = user_data;

  g_rec_mutex_lock (&self->lock);
  epi_pending_taken (&self->notify);
  g_rec_mutex_unlock (&self->lock);

  /* The source holds a reference, but a handler may drop every other one. */
  g_object_ref (self);

  _epi_batch_task_publish (self);

  if (self->published != NULL)
    self->published (self, self->published_data);

  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* Lock held. Many reports before the main context wakes up fold into the
 * one pending notification. */
void
_epi_batch_task_schedule_notify (EpiBatchTask *self)
{
  if (self->notify == NULL)
    epi_pending_post (&self->notify, self->context, G_PRIORITY_DEFAULT, notify_cb,
                      g_object_ref (self), g_object_unref, "[epicrypt] task notify");
}

/* Any thread; takes the lock. */
void
_epi_batch_task_set_progress (EpiBatchTask *self,
                              EpiStage      stage,
                              double        fraction)
{
  g_rec_mutex_lock (&self->lock);
  self->stage = stage;
  self->fraction = fraction;
  _epi_batch_task_schedule_notify (self);
  g_rec_mutex_unlock (&self->lock);
}

/* Lock held. Takes @error. */
void
_epi_batch_task_finish (EpiBatchTask *self,
                        EpiTaskState  state,
                        GError       *error)
{
  self->state = state;
  g_clear_error (&self->error);
  self->error = error;
  _epi_batch_task_schedule_notify (self);
}

/* Main context only: the batch is going or has forgotten the task; a
 * pending notification goes with it, and none comes after. */
void
_epi_batch_task_detach (EpiBatchTask *self)
{
  self->published = NULL;
  self->published_data = NULL;

  /* The password and its key go with the batch, even if a front end
   * keeps the task. */
  g_rec_mutex_lock (&self->lock);
  epi_pending_cancel (&self->notify);
  g_clear_pointer (&self->request->secret, epi_secret_unref);
  g_clear_pointer (&self->ring, epi_keyring_unref);
  g_rec_mutex_unlock (&self->lock);
}

EpiBatchTask *
_epi_batch_task_new (guint                  id,
                     const EpiTask         *request,
                     EpiBatchTaskPublished  published,
                     gpointer               published_data)
{
  EpiBatchTask *self = g_object_new (EPI_TYPE_BATCH_TASK, NULL);

  self->id = id;
  self->kind = request->kind;
  self->request = epi_task_copy (request);
  self->published = published;
  self->published_data = published_data;
  self->shown_output = g_strdup (request->output);
  self->shown_state = self->state = EPI_TASK_QUEUED;
  self->shown_stage = self->stage = request->kind == EPI_TASK_ENCRYPT ? EPI_STAGE_LOAD : EPI_STAGE_OPEN;

  return self;
}

/* Public API --------------------------------------------------------------- */

/* The getters may be called on any thread. They return the values last
 * notified on the main context, never one ahead of its notification. */

/* The caller's id for the task, as given to epi_batch_add(). Any thread. */
guint
epi_batch_task_get_id (EpiBatchTask *self)
{
  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), 0);

  return self->id;
}

/* Whether the task seals a picture or opens a sealed file. Any thread. */
EpiTaskKind
epi_batch_task_get_kind (EpiBatchTask *self)
{
  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), 0);

  return self->kind;
}

/* The state last notified (see EpiBatchTask:state). Any thread; on the
 * batch's main context it never runs ahead of its notification. */
EpiTaskState
epi_batch_task_get_state (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->shown_state;
}

/* The stage running or last run, as last notified. Any thread. */
EpiStage
epi_batch_task_get_stage (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->shown_stage;
}

/* The share of the current stage done, 0 … 1, as last notified. Any
 * thread. */
double
epi_batch_task_get_fraction (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->shown_fraction;
}

/* Returns: (transfer full): the path the task reads, to g_free(). Any
 * thread. */
char *
epi_batch_task_dup_input (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return g_strdup (self->request->input);
}

/* Where the task writes: a drawing named after the picture kept inside
 * lands elsewhere than planned. */
char *
epi_batch_task_dup_output (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return g_strdup (self->shown_output);
}

/* The task's figures, complete once done. */
void
epi_batch_task_get_figures (EpiBatchTask    *self,
                            EpiEncodeResult *figures)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_BATCH_TASK (self));
  g_return_if_fail (figures != NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  *figures = self->shown_figures;
}

/* The sealed terms, if the task keeps them and is done; a reference. */
EpiSpectrum *
epi_batch_task_ref_spectrum (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->shown_spectrum != NULL ? epi_spectrum_ref (self->shown_spectrum) : NULL;
}

/* Why the task failed or was cancelled, or NULL. */
GError *
epi_batch_task_dup_error (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->shown_error != NULL ? g_error_copy (self->shown_error) : NULL;
}

/**
 * epi_batch_task_cancel:
 * @self: a task
 *
 * Stops the task: at once if queued, at its next check if running. Any
 * thread.
 *
 * Returns: FALSE if it had already finished
 */
gboolean
epi_batch_task_cancel (EpiBatchTask *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH_TASK (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  if (self->state == EPI_TASK_QUEUED)
    {
      GError *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("cancelled"));

      epi_prefix_error_with_path (&error, self->request->input);
      _epi_batch_task_finish (self, EPI_TASK_CANCELLED, error);
      return TRUE;
    }

  if (self->state == EPI_TASK_RUNNING)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return FALSE;
}

/* GObject ------------------------------------------------------------------ */

static void
epi_batch_task_finalize (GObject *object)
{
  EpiBatchTask *self = EPI_BATCH_TASK (object);

  /* A pending notification holds a reference. */
  g_assert (self->notify == NULL);

  g_clear_pointer (&self->request, epi_task_free);
  g_clear_pointer (&self->ring, epi_keyring_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->spectrum, epi_spectrum_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->shown_output, g_free);
  g_clear_error (&self->shown_error);
  g_clear_pointer (&self->shown_spectrum, epi_spectrum_unref);
  g_main_context_unref (self->context);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (epi_batch_task_parent_class)->finalize (object);
}

static void
epi_batch_task_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpiBatchTask *self = EPI_BATCH_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_STATE:
      g_value_set_enum (value, epi_batch_task_get_state (self));
      break;

    case PROP_STAGE:
      g_value_set_enum (value, epi_batch_task_get_stage (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, epi_batch_task_get_fraction (self));
      break;

    case PROP_INPUT:
      g_value_take_string (value, epi_batch_task_dup_input (self));
      break;

    case PROP_OUTPUT:
      g_value_take_string (value, epi_batch_task_dup_output (self));
      break;

    case PROP_ERROR:
      g_value_take_boxed (value, epi_batch_task_dup_error (self));
      break;

    case PROP_SPECTRUM:
      g_value_take_boxed (value, epi_batch_task_ref_spectrum (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_batch_task_class_init (EpiBatchTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = epi_batch_task_finalize;
  object_class->get_property = epi_batch_task_get_property;

  properties[PROP_ID] = g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, EPI_TYPE_TASK_KIND,
                                             EPI_TASK_ENCRYPT, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, EPI_TYPE_TASK_STATE,
                                              EPI_TASK_QUEUED, ro);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, EPI_TYPE_STAGE,
                                              EPI_STAGE_LOAD, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_INPUT] = g_param_spec_string ("input", NULL, NULL, NULL, ro);
  properties[PROP_OUTPUT] = g_param_spec_string ("output", NULL, NULL, NULL, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_SPECTRUM] = g_param_spec_boxed ("spectrum", NULL, NULL, EPI_TYPE_SPECTRUM, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epi_batch_task_init (EpiBatchTask *self)
{
  g_rec_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}
