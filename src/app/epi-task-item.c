/* epi-task-item.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the task list: a picture to seal or a sealed file to open,
 * with its state as the row shows it. Main thread only.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "epi-task-item.h"
#include "epi-app-enum-types.h"

struct _EpiTaskItem
{
  GObject       parent_instance;

  GFile        *file;       /* owned */
  char         *file_id;    /* owned; GIO's id::file, the same for every path to the file */
  EpiItemKind   kind;
  char         *name;       /* owned */
  EpiItemState  state;
  char         *status;     /* owned; the stage or outcome, in words */
  double        progress;
  char         *detail;     /* owned; figures when done, the error when failed */
  char         *tooltip;    /* owned; the detail's figures as the format counts them */
  GFile        *output;     /* owned; where the sealed file goes */
  EpiBatchTask *task;       /* owned; the batch's task sealing this picture, if any */
  EpiSpectrum  *spectrum;   /* owned; the drawing, once sealed or opened */
  GdkPaintable *thumbnail;  /* owned */
  /* Owned reference, or NULL: the keyring of the batch that tried to
   * seal this picture, its password and the key it derived. It is kept
   * in guarded memory while the row can be retried, so that Retry seals
   * the picture with its batch's very key (one salt for the batch, no
   * new derivation) rather than a new one; it goes when the picture is
   * sealed, when another password replaces it and with the row. */
  EpiKeyring   *ring;
  gboolean      retryable;  /* FALSE for a failure that would only fail again */
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_KIND,
  PROP_NAME,
  PROP_STATE,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_DETAIL,
  PROP_TOOLTIP,
  PROP_THUMBNAIL,
  PROP_HAS_ERROR,
  PROP_CAN_CANCEL,
  PROP_CAN_RETRY,
  PROP_CAN_CHANGE_PASSWORD,
  PROP_CAN_SHOW,
  PROP_CAN_REMOVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpiTaskItem, epi_task_item, G_TYPE_OBJECT)

static const char *
stage_text (EpiStage stage)
{
  switch (stage)
    {
    case EPI_STAGE_LOAD: return _("Loading");
    case EPI_STAGE_EDGES: return _("Finding lines");
    case EPI_STAGE_TRACE: return _("Tracing");
    case EPI_STAGE_SPECTRUM: return _("Computing epicycles");
    case EPI_STAGE_SEAL: return _("Sealing");
    case EPI_STAGE_OPEN: return _("Opening");
    case EPI_STAGE_RENDER: return _("Drawing");
    case EPI_N_STAGES:
    default: return "";
    }
}

static void
set_string (EpiTaskItem  *self,
            char        **field,
            const char   *value,
            GParamSpec   *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_progress (EpiTaskItem *self,
              double       progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Whether trying again can help after @error: not for a file that is
 * not a picture, a picture with no lines, or a sealed file that is not
 * one or is damaged; it can after a wrong password, a setting or a cap
 * that may change, or a problem reading or writing. */
static gboolean
error_can_retry (const GError *error)
{
  if (error == NULL || error->domain != EPI_ERROR)
    return TRUE;

  switch ((EpiError) error->code)
    {
    case EPI_ERROR_NOT_AN_IMAGE:
    case EPI_ERROR_CORRUPT_IMAGE:
    case EPI_ERROR_NO_LINES:
    case EPI_ERROR_BAD_PAYLOAD:
    case EPI_ERROR_NOT_SEALED:
    case EPI_ERROR_UNSUPPORTED:
    case EPI_ERROR_TRUNCATED:
    case EPI_ERROR_DAMAGED:
      return FALSE;
    case EPI_ERROR_TOO_LARGE:
    case EPI_ERROR_BAD_KDF_LIMITS:
    case EPI_ERROR_DECRYPT_FAILED:
    case EPI_ERROR_OUT_OF_MEMORY:
    case EPI_ERROR_INVALID_ARGUMENT:
    case EPI_ERROR_WRONG_PASSWORD:
    default:
      return TRUE;
    }
}

static void
set_retryable (EpiTaskItem *self,
               gboolean     retryable)
{
  if (self->retryable == retryable)
    return;
  self->retryable = retryable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RETRY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHANGE_PASSWORD]);
}

/* The state decides which of the row's buttons show. */
static void
set_state (EpiTaskItem  *self,
           EpiItemState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RETRY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHANGE_PASSWORD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SHOW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REMOVE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void on_task_notify (EpiBatchTask *task,
                            GParamSpec   *pspec,
                            EpiTaskItem  *self);

/* Lets go of the batch's task, if any. */
static void
drop_task (EpiTaskItem *self)
{
  if (self->task == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->task, on_task_notify, self);
  g_clear_object (&self->task);
}

/* Queued as @task (NULL for none to follow), sealing to @output. The
 * item follows the task's notifications from then on. */
void
epi_task_item_queue (EpiTaskItem  *self,
                     EpiBatchTask *task,
                     GFile        *output)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));
  g_return_if_fail (task == NULL || EPI_IS_BATCH_TASK (task));

  drop_task (self);
  if (task != NULL)
    {
      self->task = g_object_ref (task);
      g_signal_connect (task, "notify", G_CALLBACK (on_task_notify), self);
    }
  g_set_object (&self->output, output);
  set_state (self, EPI_ITEM_QUEUED);
  set_string (self, &self->status, _("Queued"), properties[PROP_STATUS]);
  set_string (self, &self->detail, NULL, properties[PROP_DETAIL]);
  set_string (self, &self->tooltip, NULL, properties[PROP_TOOLTIP]);
  set_progress (self, 0);
}

/* Back to waiting, for the next Encrypt. */
void
epi_task_item_requeue (EpiTaskItem *self)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  drop_task (self);
  set_string (self, &self->status, _("Waiting"), properties[PROP_STATUS]);
  set_string (self, &self->detail, NULL, properties[PROP_DETAIL]);
  set_string (self, &self->tooltip, NULL, properties[PROP_TOOLTIP]);
  set_progress (self, 0);
  set_state (self, EPI_ITEM_WAITING);
}

/* A drawing in clear keeps the process out of core dumps while held. */
static void
take_spectrum (EpiTaskItem *self,
               EpiSpectrum *spectrum)
{
  if (self->spectrum != NULL)
    {
      g_clear_pointer (&self->spectrum, epi_spectrum_free);
      epi_dump_guard_release ();
    }
  if (spectrum != NULL)
    {
      epi_dump_guard_hold ();
      self->spectrum = spectrum;
    }
}

/* Progress from the batch, already on the main thread. */
void
epi_task_item_update (EpiTaskItem  *self,
                      EpiTaskState  state,
                      EpiStage      stage,
                      double        fraction)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  if (state == EPI_TASK_RUNNING)
    {
      set_state (self, EPI_ITEM_RUNNING);
      set_string (self, &self->status, stage_text (stage), properties[PROP_STATUS]);
      set_progress (self, epi_task_overall_fraction (EPI_TASK_ENCRYPT, stage, fraction));
    }
  else if (state == EPI_TASK_QUEUED)
    {
      set_state (self, EPI_ITEM_QUEUED);
      set_string (self, &self->status, _("Queued"), properties[PROP_STATUS]);
      set_progress (self, 0);
    }
}

/* The drawing's size in words a person reads ("404 circles · 12 kB"),
 * with @extra after it when not NULL. */
static char *
figures_text (guint       n_circles,
              const char *size,
              const char *extra)
{
  g_autofree char *circles = g_strdup_printf (ngettext ("%u circle", "%u circles", n_circles), n_circles);

  /* Translators: the parts of a row's figures, as in "404 circles · 12 kB". */
  if (extra == NULL)
    return g_strdup_printf (_("%s · %s"), circles, size);
  return g_strdup_printf (_("%s · %s · %s"), circles, size, extra);
}

/* A sealed picture: where it went, then its figures in words. The terms
 * of the format (K, bytes) stay in the tooltip. */
static void
show_sealed (EpiTaskItem           *self,
             const EpiEncodeResult *figures)
{
  g_autofree char *size = g_format_size (figures->payload_bytes);
  g_autofree char *long_size = g_format_size_full (figures->payload_bytes, G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *output = self->output != NULL ? g_file_get_basename (self->output) : NULL;
  g_autofree char *shown = output != NULL ? g_filename_display_name (output) : NULL;
  g_autofree char *frames = NULL;
  g_autofree char *words = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *tooltip = NULL;

  if (figures->source_frames > 1)
    /* Translators: the number of frames or pages in the file, of which
     * only the first was sealed. */
    frames = g_strdup_printf (_("first of %u frames or pages"), figures->source_frames);
  words = figures_text (figures->n_circles, size, frames);
  /* Translators: the name of the sealed file written, then its figures. */
  detail = shown != NULL ? g_strdup_printf (_("Sealed as %s\n%s"), shown, words) : g_strdup (words);
  /* Translators: K is the number of epicycles kept, then the size of the
   * drawing data sealed. */
  tooltip = g_strdup_printf (_("K = %u epicycles · %s of drawing data"), figures->n_terms, long_size);

  set_string (self, &self->detail, detail, properties[PROP_DETAIL]);
  set_string (self, &self->tooltip, tooltip, properties[PROP_TOOLTIP]);
}

/* The end of @task's run, which the item shows. */
static void
finish (EpiTaskItem  *self,
        EpiBatchTask *task)
{
  g_autoptr(GError) error = NULL;
  EpiEncodeResult figures;

  switch (epi_batch_task_get_state (task))
    {
    case EPI_TASK_DONE:
      epi_batch_task_get_figures (task, &figures);
      take_spectrum (self, epi_batch_task_ref_spectrum (task));
      show_sealed (self, &figures);
      set_string (self, &self->status, _("Done"), properties[PROP_STATUS]);
      set_progress (self, 1);
      set_state (self, EPI_ITEM_DONE);
      /* Sealed: there is nothing left to retry with the password. */
      g_clear_pointer (&self->ring, epi_keyring_unref);
      break;

    case EPI_TASK_FAILED:
      error = epi_batch_task_dup_error (task);
      epi_task_item_set_error (self, error);
      break;

    case EPI_TASK_CANCELLED:
      epi_task_item_set_failed (self, EPI_ITEM_CANCELLED, NULL);
      break;

    case EPI_TASK_QUEUED:
    case EPI_TASK_RUNNING:
    default:
      break;
    }
}

/* The task's state, stage or fraction moved: on the main thread, where
 * the batch notifies. */
static void
on_task_notify (EpiBatchTask *task,
                GParamSpec   *pspec,
                EpiTaskItem  *self)
{
  EpiTaskState state = epi_batch_task_get_state (task);

  if (g_str_equal (pspec->name, "state") && epi_task_state_is_finished (state))
    finish (self, task);
  else if (g_str_equal (pspec->name, "state") || g_str_equal (pspec->name, "stage") ||
           g_str_equal (pspec->name, "fraction"))
    epi_task_item_update (self, state, epi_batch_task_get_stage (task),
                          epi_batch_task_get_fraction (task));
}

/* A sealed file opened: it now holds a drawing to watch. @picture_name,
 * the name kept inside the file, becomes the row's name, so a file
 * sealed under a random name (or renamed) shows what it is. */
void
epi_task_item_set_opened (EpiTaskItem *self,
                          EpiSpectrum *spectrum,
                          const char  *picture_name)
{
  g_autofree char *size = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  take_spectrum (self, spectrum);
  /* Translators: the width and height of the drawing. */
  size = g_strdup_printf (_("%u × %u pixels"), (guint) spectrum->width, (guint) spectrum->height);
  detail = figures_text (epi_spectrum_count_circles (spectrum), size, NULL);
  /* Translators: K is the number of epicycles in the drawing. */
  tooltip = g_strdup_printf (_("K = %u epicycles"), spectrum->n_terms);
  if (picture_name != NULL)
    {
      g_autofree char *shown = g_filename_display_name (picture_name);

      set_string (self, &self->name, shown, properties[PROP_NAME]);
    }
  set_string (self, &self->detail, detail, properties[PROP_DETAIL]);
  set_string (self, &self->tooltip, tooltip, properties[PROP_TOOLTIP]);
  set_string (self, &self->status, _("Opened"), properties[PROP_STATUS]);
  set_progress (self, 1);
  set_state (self, EPI_ITEM_DONE);
}

/* Core messages begin with the path they concern. The row already names
 * its file, so the reason stands alone below it; a message about the
 * sealed file names that file by its name, not its whole path. Returns
 * @message as the row shows it, to be freed. */
static char *
reason_for_row (EpiTaskItem *self,
                const char  *message)
{
  GFile *files[] = { self->file, self->output };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = files[i] != NULL ? g_file_get_path (files[i]) : NULL;
      g_autofree char *shown = path != NULL ? epi_display_path (path) : NULL;
      gsize length = shown != NULL ? strlen (shown) : 0;

      if (length == 0 || !g_str_has_prefix (message, shown) || !g_str_has_prefix (message + length, ": "))
        continue;
      if (files[i] == self->file)
        return g_strdup (message + length + 2);
      {
        g_autofree char *base = g_path_get_basename (shown);

        return g_strconcat (base, message + length, NULL);
      }
    }
  return g_strdup (message);
}

/* Failed, cancelled or locked, with @message (the reason, or NULL) shown
 * under the row's name. */
static void
set_failed (EpiTaskItem  *self,
            EpiItemState  state,
            const char   *message)
{
  g_autofree char *reason = message != NULL ? reason_for_row (self, message) : NULL;

  set_string (self, &self->detail, reason, properties[PROP_DETAIL]);
  set_string (self, &self->tooltip, NULL, properties[PROP_TOOLTIP]);
  set_string (self, &self->status,
              state == EPI_ITEM_FAILED ? _("Failed")
              : state == EPI_ITEM_CANCELLED ? _("Cancelled")
              : _("Locked"),
              properties[PROP_STATUS]);
  set_progress (self, 0);
  set_state (self, state);
}

/* Failed, cancelled or locked, with @message shown in the row; Retry is
 * offered. */
void
epi_task_item_set_failed (EpiTaskItem  *self,
                          EpiItemState  state,
                          const char   *message)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_retryable (self, TRUE);
  set_failed (self, state, message);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Failed with @error, its message shown in the row; Retry is offered
 * only where trying again can help, as its code tells. */
void
epi_task_item_set_error (EpiTaskItem  *self,
                         const GError *error)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));
  g_return_if_fail (error != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  set_retryable (self, error_can_retry (error));
  set_failed (self, EPI_ITEM_FAILED, error->message);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether the row offers Retry. */
gboolean
epi_task_item_get_can_retry (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), FALSE);

  return (self->state == EPI_ITEM_FAILED && self->retryable) ||
         self->state == EPI_ITEM_CANCELLED || self->state == EPI_ITEM_LOCKED;
}

/* The password kept for retrying the picture (see the field), or NULL.
 * Returns: (transfer none) (nullable) */
EpiSecret *
epi_task_item_get_secret (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->ring != NULL ? epi_keyring_get_secret (self->ring) : NULL;
}

/* The keyring kept for retrying the picture (see the field), or NULL.
 * Returns: (transfer none) (nullable) */
EpiKeyring *
epi_task_item_get_keyring (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->ring;
}

/* Keeps a reference to @ring (NULL to forget it) for retrying. */
void
epi_task_item_set_keyring (EpiTaskItem *self,
                           EpiKeyring  *ring)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  if (ring == self->ring)
    return;
  g_clear_pointer (&self->ring, epi_keyring_unref);
  if (ring != NULL)
    self->ring = epi_keyring_ref (ring);
}

void
epi_task_item_set_thumbnail (EpiTaskItem  *self,
                             GdkPaintable *thumbnail)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  if (g_set_object (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

GFile *
epi_task_item_get_file (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->file;
}

EpiItemKind
epi_task_item_get_kind (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), EPI_ITEM_IMAGE);
  return self->kind;
}

EpiItemState
epi_task_item_get_state (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), EPI_ITEM_WAITING);
  return self->state;
}

const char *
epi_task_item_get_name (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->name;
}

const char *
epi_task_item_get_detail (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->detail;
}

/* The detail's figures as the format counts them (K, bytes), or NULL. */
const char *
epi_task_item_get_tooltip (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->tooltip;
}

double
epi_task_item_get_progress (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), 0);
  return self->progress;
}

GFile *
epi_task_item_get_output (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->output;
}

/* The batch's task this item follows, or NULL. */
EpiBatchTask *
epi_task_item_get_batch_task (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->task;
}

const EpiSpectrum *
epi_task_item_get_spectrum (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->spectrum;
}

static void
epi_task_item_finalize (GObject *object)
{
  EpiTaskItem *self = EPI_TASK_ITEM (object);

  drop_task (self);
  g_clear_object (&self->file);
  g_clear_object (&self->output);
  g_clear_object (&self->thumbnail);
  take_spectrum (self, NULL);
  g_clear_pointer (&self->ring, epi_keyring_unref);
  g_free (self->file_id);
  g_free (self->name);
  g_free (self->status);
  g_free (self->detail);
  g_free (self->tooltip);

  G_OBJECT_CLASS (epi_task_item_parent_class)->finalize (object);
}

static void
epi_task_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EpiTaskItem *self = EPI_TASK_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    case PROP_TOOLTIP: g_value_set_string (value, self->tooltip); break;
    case PROP_THUMBNAIL: g_value_set_object (value, self->thumbnail); break;
    case PROP_HAS_ERROR: g_value_set_boolean (value, self->state == EPI_ITEM_FAILED); break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, self->state == EPI_ITEM_QUEUED || self->state == EPI_ITEM_RUNNING);
      break;
    case PROP_CAN_RETRY:
      g_value_set_boolean (value, epi_task_item_get_can_retry (self));
      break;
    case PROP_CAN_CHANGE_PASSWORD:
      /* A picture may be retried under another password than its batch's. */
      g_value_set_boolean (value, self->kind == EPI_ITEM_IMAGE && epi_task_item_get_can_retry (self));
      break;
    case PROP_CAN_SHOW:
      g_value_set_boolean (value, self->state == EPI_ITEM_DONE && self->kind == EPI_ITEM_IMAGE);
      break;
    case PROP_CAN_REMOVE:
      g_value_set_boolean (value, self->state != EPI_ITEM_QUEUED && self->state != EPI_ITEM_RUNNING);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_task_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EpiTaskItem *self = EPI_TASK_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE: self->file = g_value_dup_object (value); break;
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epi_task_item_constructed (GObject *object)
{
  EpiTaskItem *self = EPI_TASK_ITEM (object);

  G_OBJECT_CLASS (epi_task_item_parent_class)->constructed (object);

  self->name = g_file_get_basename (self->file);
  if (self->kind == EPI_ITEM_SEALED)
    {
      self->state = EPI_ITEM_LOCKED;
      self->status = g_strdup (_("Locked"));
    }
  else
    {
      self->state = EPI_ITEM_WAITING;
      self->status = g_strdup (_("Waiting"));
    }
}

static void
epi_task_item_class_init (EpiTaskItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = epi_task_item_constructed;
  object_class->finalize = epi_task_item_finalize;
  object_class->get_property = epi_task_item_get_property;
  object_class->set_property = epi_task_item_set_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, EPI_TYPE_ITEM_KIND, EPI_ITEM_IMAGE,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, EPI_TYPE_ITEM_STATE, EPI_ITEM_WAITING, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, ro);
  properties[PROP_TOOLTIP] = g_param_spec_string ("tooltip", NULL, NULL, NULL, ro);
  properties[PROP_THUMBNAIL] = g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE, ro);
  properties[PROP_HAS_ERROR] = g_param_spec_boolean ("has-error", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_RETRY] = g_param_spec_boolean ("can-retry", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_CHANGE_PASSWORD] = g_param_spec_boolean ("can-change-password", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_SHOW] = g_param_spec_boolean ("can-show", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REMOVE] = g_param_spec_boolean ("can-remove", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epi_task_item_init (EpiTaskItem *self)
{
  self->retryable = TRUE;
}

EpiTaskItem *
epi_task_item_new (GFile       *file,
                   EpiItemKind  kind)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (EPI_TYPE_TASK_ITEM, "file", file, "kind", kind, NULL);
}

/* The file's identity, which tells the same file added again by another
 * path or through a symbolic link; NULL when unknown. */
const char *
epi_task_item_get_file_id (EpiTaskItem *self)
{
  g_return_val_if_fail (EPI_IS_TASK_ITEM (self), NULL);
  return self->file_id;
}

void
epi_task_item_set_file_id (EpiTaskItem *self,
                           const char  *file_id)
{
  g_return_if_fail (EPI_IS_TASK_ITEM (self));

  g_free (self->file_id);
  self->file_id = g_strdup (file_id);
}
