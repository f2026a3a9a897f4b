/* epi-batch.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many files at once on a private thread pool. Each task is an
 * EpiBatchTask the front ends hold and watch; every run of it ends in
 * exactly one announced state. Its properties are notified on the
 * caller's main context, at most one notification pending per task
 * however often a worker reports, and the batch's "finished" signal
 * follows them, so only that context's thread ever sees either.
 *
 * Threading: the task table and the keyrings are guarded by @lock, each
 * task's state by its own lock, taken after the batch's. Workers read a
 * task's request only through copies taken under its lock. Signals, the
 * announced flags and @n_unannounced belong to the main context's thread.
 */

#include "config.h"

#include "epi-i18n.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "epi-batch.h"
#include "epi-batch-task-private.h"
#include "epi-handoff.h"
#include "epi-error.h"
#include "epi-names.h"


/* One entry in the pool's queue. */
typedef struct
{
  EpiBatchTask *task;  /* owned reference */
  guint         run;
} Ticket;

struct _EpiBatch
{
  GObject       parent_instance;

  GRecMutex     lock;
  GThreadPool  *pool;          /* owned */
  guint         workers;
  GHashTable   *tasks;         /* owned; id → EpiBatchTask (unowned), under lock */
  GPtrArray    *order;         /* owned; EpiBatchTask references in submission order, under lock */
  GPtrArray    *keyrings;      /* owned EpiKeyring, under lock */
  GArray       *derived_before; /* guint per keyring: its derivations when it
                                   joined, for one given by a task; under lock */
  guint         next_id;       /* under lock */

  /* Main context only */
  guint         n_unannounced; /* tasks whose end has not been announced */
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WORKERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpiBatch, epi_batch, G_TYPE_OBJECT)

static void
ticket_free (Ticket *ticket)
{
  g_object_unref (ticket->task);
  g_free (ticket);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ticket, ticket_free)

/* Notifications ------------------------------------------------------------ */

/* Runs on the main context after @task's properties were notified: the
 * end of its run is announced there, and the batch's with the last. */
static void
on_task_published (EpiBatchTask *task,
                   gpointer      user_data)
{
  EpiBatch *self = user_data;

  if (!epi_task_state_is_finished (epi_batch_task_get_state (task)) || task->announced)
    return;

  task->announced = TRUE;
  self->n_unannounced--;
  if (self->n_unannounced == 0)
    {
      /* A handler may drop the last other reference to the batch. */
      g_object_ref (self);
      g_signal_emit (self, signals[FINISHED], 0);
      g_object_unref (self);
    }
}

/* Workers ------------------------------------------------------------------ */

typedef struct
{
  EpiBatch     *batch;
  EpiBatchTask *task;
} ProgressTarget;

static void
on_progress (EpiStage stage,
             double   fraction,
             gpointer user_data)
{
  ProgressTarget *target = user_data;

  _epi_batch_task_set_progress (target->task, stage, fraction);
}

/* Claims @path for the task of @user_data unless another decrypting task
 * holds it: its planned output (EpiTask.holds_output), or a name it
 * claimed for a drawing named after its picture. Names are compared as
 * file systems that ignore case would. */
static gboolean
claim_output (const char *path,
              gpointer    user_data)
{
  ProgressTarget *target = user_data;
  g_autofree char *key = g_utf8_casefold (path, -1);
  gboolean taken = FALSE;

  /* The batch's lock keeps the claims of two workers apart. */
  g_rec_mutex_lock (&target->batch->lock);
  for (guint i = 0; i < target->batch->order->len && !taken; i++)
    {
      EpiBatchTask *other = g_ptr_array_index (target->batch->order, i);
      g_autofree char *other_key = NULL;

      if (other == target->task)
        continue;
      g_rec_mutex_lock (&other->lock);
      if (other->request->kind == EPI_TASK_DECRYPT && other->request->holds_output)
        other_key = g_utf8_casefold (other->request->output, -1);
      g_rec_mutex_unlock (&other->lock);
      taken = other_key != NULL && g_str_equal (key, other_key);
    }
  if (!taken)
    {
      g_rec_mutex_lock (&target->task->lock);
      g_free (target->task->request->output);
      target->task->request->output = g_strdup (path);
      target->task->request->holds_output = TRUE;
      g_rec_mutex_unlock (&target->task->lock);
    }
  g_rec_mutex_unlock (&target->batch->lock);

  return !taken;
}

static void
run_ticket (gpointer data,
            gpointer user_data)
{
  g_autoptr(Ticket) ticket = data;
  EpiBatch *self = user_data;
  EpiBatchTask *bt;
  g_autoptr(EpiTask) task = NULL;
  g_autoptr(EpiKeyring) ring = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSpectrum) spectrum = NULL;
  g_autofree char *written = NULL;
  ProgressTarget target = { self, NULL };
  EpiEncodeResult figures;
  gboolean ok;

  /* A task cancelled or retried while queued has a stale ticket. */
  EPI_HANDOFF_ACQUIRE (ticket);
  bt = ticket->task;
  target.task = bt;
  g_rec_mutex_lock (&bt->lock);
  if (ticket->run != bt->run || bt->state != EPI_TASK_QUEUED)
    {
      g_rec_mutex_unlock (&bt->lock);
      return;
    }
  bt->state = EPI_TASK_RUNNING;
  task = epi_task_copy (bt->request);
  ring = epi_keyring_ref (bt->ring);
  cancellable = g_object_ref (bt->cancellable);
  _epi_batch_task_schedule_notify (bt);
  g_rec_mutex_unlock (&bt->lock);

  if (task->kind == EPI_TASK_ENCRYPT)
    ok = epi_pipeline_encrypt (task->input, task->output, &task->settings, ring,
                               on_progress, &target, cancellable, &figures,
                               task->keep_spectrum ? &spectrum : NULL, &error);
  else
    ok = epi_pipeline_decrypt (task->input, task->output, ring, task->size,
                               task->settings.overwrite, claim_output, on_progress, &target,
                               cancellable, &figures, &written, &error);

  g_rec_mutex_lock (&bt->lock);
  /* A drawing named after the picture kept inside lands elsewhere. */
  if (written != NULL)
    {
      g_free (bt->request->output);
      bt->request->output = g_steal_pointer (&written);
    }
  bt->figures = figures;
  bt->spectrum = g_steal_pointer (&spectrum);
  if (ok)
    _epi_batch_task_finish (bt, EPI_TASK_DONE, NULL);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _epi_batch_task_finish (bt, EPI_TASK_CANCELLED, g_steal_pointer (&error));
  else
    _epi_batch_task_finish (bt, EPI_TASK_FAILED, g_steal_pointer (&error));
  g_rec_mutex_unlock (&bt->lock);
}

/* Lock held. One keyring per distinct password and key policy, so each
 * key is derived once for the whole batch. */
static EpiKeyring *
find_keyring (EpiBatch      *self,
              const EpiTask *task)
{
  EpiKeyring *ring;
  guint before = 0;

  /* A task that brings its keyring seals with its key, already derived
   * or not: files of one batch keep one salt across batches. */
  if (task->ring != NULL)
    {
      if (!g_ptr_array_find (self->keyrings, task->ring, NULL))
        {
          before = epi_keyring_get_n_derived (task->ring);
          g_ptr_array_add (self->keyrings, epi_keyring_ref (task->ring));
          g_array_append_val (self->derived_before, before);
        }
      return epi_keyring_ref (task->ring);
    }

  for (guint i = 0; i < self->keyrings->len; i++)
    {
      ring = g_ptr_array_index (self->keyrings, i);
      if (epi_keyring_get_strength (ring) == task->strength &&
          epi_keyring_get_max_strength (ring) == task->max_strength &&
          epi_secret_equal (epi_keyring_get_secret (ring), task->secret))
        return epi_keyring_ref (ring);
    }

  ring = epi_keyring_new (task->secret, task->strength);
  epi_keyring_set_max_strength (ring, task->max_strength);
  g_ptr_array_add (self->keyrings, epi_keyring_ref (ring));
  g_array_append_val (self->derived_before, before);
  return ring;
}

/* Both locks held. */
static void
queue_run (EpiBatch     *self,
           EpiBatchTask *bt)
{
  Ticket *ticket = g_new (Ticket, 1);

  bt->run++;
  bt->state = EPI_TASK_QUEUED;
  bt->stage = bt->kind == EPI_TASK_ENCRYPT ? EPI_STAGE_LOAD : EPI_STAGE_OPEN;
  bt->fraction = 0;
  memset (&bt->figures, 0, sizeof bt->figures);
  g_clear_pointer (&bt->spectrum, epi_spectrum_unref);
  g_clear_error (&bt->error);
  g_clear_object (&bt->cancellable);
  bt->cancellable = g_cancellable_new ();

  ticket->task = g_object_ref (bt);
  ticket->run = bt->run;
  EPI_HANDOFF_RELEASE (ticket);
  g_thread_pool_push (self->pool, ticket, NULL);
}

/* Public API --------------------------------------------------------------- */

/**
 * epi_batch_add:
 * @self: a batch
 * @id: the caller's id for the task, or 0 for the next free one
 * @task: what to do (copied)
 * @error: where to say that @id is taken (%EPI_ERROR_INVALID_ARGUMENT)
 *
 * Adds @task and queues it. Call from the thread that runs the batch's
 * main context.
 *
 * Returns: (transfer none) (nullable): the task, which the batch holds
 *   until it is cleared; NULL if @id is taken
 */
EpiBatchTask *
epi_batch_add (EpiBatch       *self,
               guint           id,
               const EpiTask  *task,
               GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GRecMutexLocker) task_locker = NULL;
  EpiBatchTask *bt;

  g_return_val_if_fail (EPI_IS_BATCH (self), NULL);
  g_return_val_if_fail (task != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);

  if (id == 0)
    {
      do
        id = ++self->next_id;
      while (id == 0 || g_hash_table_contains (self->tasks, GUINT_TO_POINTER (id)));
    }
  else if (g_hash_table_contains (self->tasks, GUINT_TO_POINTER (id)))
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("a task with id %u is already in the batch"), id);
      return NULL;
    }

  bt = _epi_batch_task_new (id, task, on_task_published, self);
  bt->ring = find_keyring (self, task);
  g_hash_table_insert (self->tasks, GUINT_TO_POINTER (id), bt);
  g_ptr_array_add (self->order, bt);
  self->n_unannounced++;

  task_locker = g_rec_mutex_locker_new (&bt->lock);
  queue_run (self, bt);

  return bt;
}

/* Cancels every task of the batch: queued ones at once, running ones at
 * their next check. Each still ends in one announced state. Any thread. */
void
epi_batch_cancel (EpiBatch *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (EPI_IS_BATCH (self));

  locker = g_rec_mutex_locker_new (&self->lock);
  for (guint i = 0; i < self->order->len; i++)
    epi_batch_task_cancel (g_ptr_array_index (self->order, i));
}

/* Both locks held. */
static gboolean
retry_locked (EpiBatch     *self,
              EpiBatchTask *bt,
              EpiSecret    *secret)
{
  if ((bt->state != EPI_TASK_FAILED && bt->state != EPI_TASK_CANCELLED) || !bt->announced)
    return FALSE;

  if (secret != NULL)
    {
      epi_secret_unref (bt->request->secret);
      bt->request->secret = epi_secret_ref (secret);
      /* A new password has a key of its own. */
      g_clear_pointer (&bt->request->ring, epi_keyring_unref);
      epi_keyring_unref (bt->ring);
      bt->ring = find_keyring (self, bt->request);
    }

  bt->announced = FALSE;
  self->n_unannounced++;
  queue_run (self, bt);
  /* The batch's watchers hear of it from the pending notification; a
   * new task needs no such word, its caller has just added it. */
  _epi_batch_task_schedule_notify (bt);

  return TRUE;
}

/**
 * epi_batch_retry:
 * @self: a batch
 * @task: one of its tasks, failed or cancelled
 * @secret: (nullable): a new password, or NULL to keep the task's own
 * @error: where to say that @task has not failed or been cancelled
 *
 * Runs @task again, with its next end announced like its first. Call
 * from the thread that runs the batch's main context.
 *
 * Returns: TRUE if @task was queued again; FALSE with
 *   %EPI_ERROR_INVALID_ARGUMENT if it is running, done, or not this
 *   batch's
 */
gboolean
epi_batch_retry (EpiBatch      *self,
                 EpiBatchTask  *task,
                 EpiSecret     *secret,
                 GError       **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (EPI_IS_BATCH (self), FALSE);
  g_return_val_if_fail (EPI_IS_BATCH_TASK (task), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (g_hash_table_lookup (self->tasks, GUINT_TO_POINTER (task->id)) == task)
    {
      g_rec_mutex_lock (&task->lock);
      ok = retry_locked (self, task, secret);
      g_rec_mutex_unlock (&task->lock);
    }
  g_rec_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_set_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT,
                   _("task %u has not failed or been cancelled"), task->id);
      return FALSE;
    }

  /* The task's watchers see it queued at once, so that its next end is
   * always a change of state however soon it comes. */
  _epi_batch_task_publish (task);

  return TRUE;
}

/* Runs every failed or cancelled task again with its own password.
 * Returns how many. Main context's thread. */
guint
epi_batch_retry_failed (EpiBatch *self)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  g_return_val_if_fail (EPI_IS_BATCH (self), 0);

  /* Retried with no lock held: the watchers hear of each at once. */
  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; i < self->order->len; i++)
    {
      EpiBatchTask *bt = g_ptr_array_index (self->order, i);
      EpiTaskState state = epi_batch_task_get_state (bt);

      if (bt->announced && (state == EPI_TASK_FAILED || state == EPI_TASK_CANCELLED))
        g_ptr_array_add (failed, g_object_ref (bt));
    }
  g_rec_mutex_unlock (&self->lock);

  for (guint i = 0; i < failed->len; i++)
    n += epi_batch_retry (self, g_ptr_array_index (failed, i), NULL, NULL);

  return n;
}

/* Task @id, or NULL if there is no such task. */
EpiBatchTask *
epi_batch_lookup (EpiBatch *self,
                  guint     id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (EPI_IS_BATCH (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return g_hash_table_lookup (self->tasks, GUINT_TO_POINTER (id));
}

/* Forgets the tasks whose end has been announced. Returns how many. */
guint
epi_batch_clear_finished (EpiBatch *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n = 0;

  g_return_val_if_fail (EPI_IS_BATCH (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  for (guint i = self->order->len; i-- > 0;)
    {
      EpiBatchTask *bt = g_ptr_array_index (self->order, i);

      if (bt->announced && epi_task_state_is_finished (epi_batch_task_get_state (bt)))
        {
          _epi_batch_task_detach (bt);
          g_hash_table_remove (self->tasks, GUINT_TO_POINTER (bt->id));
          g_ptr_array_remove_index (self->order, i);
          n++;
        }
    }

  return n;
}

/* Tasks whose end has not been announced yet. Main context only. */
guint
epi_batch_get_n_unfinished (EpiBatch *self)
{
  g_return_val_if_fail (EPI_IS_BATCH (self), 0);

  return self->n_unannounced;
}

/* How many keys the batch has derived so far (a keyring a task brought
 * counts only what it derived here). */
guint
epi_batch_get_n_key_derivations (EpiBatch *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n = 0;

  g_return_val_if_fail (EPI_IS_BATCH (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  for (guint i = 0; i < self->keyrings->len; i++)
    n += epi_keyring_get_n_derived (g_ptr_array_index (self->keyrings, i)) -
         g_array_index (self->derived_before, guint, i);

  return n;
}

/* How many threads the batch runs at once. Any thread. */
guint
epi_batch_get_workers (EpiBatch *self)
{
  g_return_val_if_fail (EPI_IS_BATCH (self), 0);

  return self->workers;
}

/* GObject ------------------------------------------------------------------ */

static void
epi_batch_constructed (GObject *object)
{
  EpiBatch *self = EPI_BATCH (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (epi_batch_parent_class)->constructed (object);

  if (self->workers == 0)
    self->workers = MAX (1, g_get_num_processors ());

  /* A private pool: sealing is heavy, and GTask's shared pool is not ours
   * to fill. */
  self->pool = g_thread_pool_new (run_ticket, self, (int) self->workers, TRUE, &error);
  g_assert_no_error (error);
}

/* Freeing a batch cancels what remains and waits for the workers, so no
 * thread touches it afterwards; then the pending notifications go. */
static void
epi_batch_dispose (GObject *object)
{
  EpiBatch *self = EPI_BATCH (object);

  if (self->pool != NULL)
    {
      epi_batch_cancel (self);
      /* Queued tickets still run, each seeing its task cancelled. */
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }

  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; i < self->order->len; i++)
    _epi_batch_task_detach (g_ptr_array_index (self->order, i));
  g_hash_table_remove_all (self->tasks);
  g_ptr_array_set_size (self->order, 0);
  g_ptr_array_set_size (self->keyrings, 0);
  g_array_set_size (self->derived_before, 0);
  g_rec_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (epi_batch_parent_class)->dispose (object);
}

static void
epi_batch_finalize (GObject *object)
{
  EpiBatch *self = EPI_BATCH (object);

  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->tasks);
  g_ptr_array_unref (self->keyrings);
  g_array_unref (self->derived_before);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (epi_batch_parent_class)->finalize (object);
}

static void
epi_batch_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EpiBatch *self = EPI_BATCH (object);

  switch (prop_id)
    {
    case PROP_WORKERS:
      g_value_set_uint (value, self->workers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_batch_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EpiBatch *self = EPI_BATCH (object);

  switch (prop_id)
    {
    case PROP_WORKERS:
      self->workers = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_batch_class_init (EpiBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = epi_batch_constructed;
  object_class->dispose = epi_batch_dispose;
  object_class->finalize = epi_batch_finalize;
  object_class->get_property = epi_batch_get_property;
  object_class->set_property = epi_batch_set_property;

  /**
   * EpiBatch:workers:
   *
   * Threads sealing at once; 0 at construction means one per processor.
   */
  properties[PROP_WORKERS] =
    g_param_spec_uint ("workers", NULL, NULL, 0, EPI_BATCH_MAX_WORKERS, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpiBatch::finished:
   *
   * Emitted when the last unfinished task has been announced finished.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
epi_batch_init (EpiBatch *self)
{
  g_rec_mutex_init (&self->lock);
  self->tasks = g_hash_table_new (NULL, NULL);
  self->order = g_ptr_array_new_with_free_func (g_object_unref);
  self->keyrings = g_ptr_array_new_with_free_func ((GDestroyNotify) epi_keyring_unref);
  self->derived_before = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Each picture's line finder takes and frees some 50 MiB in blocks up to
 * 42 MiB. glibc would map the largest afresh for every picture and unmap
 * it after, and the workers would then queue on each other's page faults
 * (two workers did 1.6 times the work of one, not 1.75). Kept in the heap
 * instead, the memory is reused from picture to picture. */
#define LARGEST_REUSED_BLOCK (64 * 1024 * 1024)

static void
keep_large_blocks (void)
{
#ifdef __GLIBC__
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mallopt (M_MMAP_THRESHOLD, LARGEST_REUSED_BLOCK);
      mallopt (M_TRIM_THRESHOLD, 2 * LARGEST_REUSED_BLOCK);
      g_once_init_leave (&done, 1);
    }
#endif
}

/* A batch whose notifications go to the calling thread's default main
 * context, running @workers threads at once (0: one per processor, at
 * most EPI_BATCH_MAX_WORKERS). Returns: (transfer full): the batch; freeing
 * it cancels what remains and waits for its workers. */
EpiBatch *
epi_batch_new (guint workers)
{
  keep_large_blocks ();
  return g_object_new (EPI_TYPE_BATCH, "workers", workers, NULL);
}
