/* epi-window-unlock.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening sealed files. Every prompt is for one file it names (or, for
 * Unlock All, for every locked file), and opens exactly what it names:
 * the files a person adds are asked for in the order they came, not
 * whichever row happens to be locked first.
 *
 * One password, many files: a password that opens a file is tried at
 * once on the other locked files sealed in the same batch (the same salt
 * and strength), with the key already derived; on locked files of other
 * batches only when the person says so, since each costs a derivation.
 * The password itself stays in guarded memory inside one EpiKeyring,
 * held only while an opening runs or its offer is on screen.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "epi-window-private.h"

typedef enum
{
  OPEN_ASKED,       /* the one file a prompt was for */
  OPEN_SAME_BATCH,  /* the other locked files of its batch, after it opened */
  OPEN_TRY_SAME,    /* every locked file, with a password that opened another */
  OPEN_ALL,         /* every locked file, with Unlock All's password */
} OpenPurpose;

/* One file of an opening job: written by the thread, read on the main
 * thread once the job has returned. */
typedef struct
{
  char        *path;          /* owned */
  gboolean     skipped;       /* of another batch: left untouched */
  EpiSpectrum *spectrum;      /* owned; the drawing, if opened */
  char        *picture_name;  /* owned; kept inside the file */
  EpiKeySpec   spec;          /* from its header */
  GError      *error;         /* owned; why it did not open */
} OpenEntry;

typedef struct
{
  /* Owned reference: shared by every file of the job, so a key is
   * derived once for all the files of one salt and strength. */
  EpiKeyring  *ring;
  GPtrArray   *entries;       /* owned OpenEntry *, one per item */
  gboolean     has_spec;      /* only files whose key spec is @spec */
  EpiKeySpec   spec;
  guint        n_derived;     /* the ring's derivations before the job */
} OpenJob;

/* What the main thread keeps of a job: its items, which only it touches. */
typedef struct
{
  GPtrArray   *items;         /* owned EpiTaskItem references */
  OpenPurpose  purpose;
} OpenCall;

static void
open_entry_free (OpenEntry *entry)
{
  g_free (entry->path);
  g_free (entry->picture_name);
  g_clear_pointer (&entry->spectrum, epi_spectrum_free);
  g_clear_error (&entry->error);
  g_free (entry);
}

static void
open_job_free (OpenJob *job)
{
  epi_keyring_unref (job->ring);
  g_ptr_array_unref (job->entries);
  g_free (job);
}

static void
open_call_free (OpenCall *call)
{
  g_ptr_array_unref (call->items);
  g_free (call);
}

static void
unref_ring (gpointer  ring,
            GClosure *closure)
{
  epi_keyring_unref (ring);
}

static void
unref_item (gpointer  item,
            GClosure *closure)
{
  g_object_unref (item);
}

static gboolean
same_spec (const EpiKeySpec *a,
           const EpiKeySpec *b)
{
  return a->version == b->version && a->strength == b->strength &&
         a->limits.opslimit == b->limits.opslimit && a->limits.memlimit == b->limits.memlimit &&
         memcmp (a->salt, b->salt, EPI_SALT_BYTES) == 0;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;

  for (guint i = 0; i < job->entries->len; i++)
    {
      OpenEntry *entry = g_ptr_array_index (job->entries, i);
      EpiSealedHeader header = { 0 };

      if (g_task_return_error_if_cancelled (task))
        return;

      /* The header says which batch a file is of, before any key. */
      if (epi_pipeline_check_sealed (entry->path, epi_keyring_get_max_strength (job->ring), &header, NULL))
        entry->spec = header.key;
      if (job->has_spec && !same_spec (&entry->spec, &job->spec))
        {
          entry->skipped = TRUE;
          continue;
        }
      entry->spectrum = epi_pipeline_open (entry->path, job->ring, &entry->picture_name, &entry->error);
    }

  g_task_return_boolean (task, TRUE);
}

static void on_opened (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data);

/* Opens @items (sealed, locked) with @ring in a thread; with @spec, only
 * those of that key spec. */
static void
start_open (EpiWindow        *self,
            GPtrArray        *items,
            EpiKeyring       *ring,
            OpenPurpose       purpose,
            const EpiKeySpec *spec)
{
  OpenJob *job = g_new0 (OpenJob, 1);
  OpenCall *call = g_new0 (OpenCall, 1);
  g_autoptr(GTask) task = NULL;

  job->ring = epi_keyring_ref (ring);
  job->n_derived = epi_keyring_get_n_derived (ring);
  job->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) open_entry_free);
  job->has_spec = spec != NULL;
  if (spec != NULL)
    job->spec = *spec;
  for (guint i = 0; i < items->len; i++)
    {
      OpenEntry *entry = g_new0 (OpenEntry, 1);

      entry->path = g_file_get_path (epi_task_item_get_file (g_ptr_array_index (items, i)));
      g_ptr_array_add (job->entries, entry);
    }
  call->items = g_ptr_array_ref (items);
  call->purpose = purpose;

  self->n_opening++;
  task = g_task_new (self, self->cancellable, on_opened, call);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

/* The sealed rows still locked, in list order, but for @except. */
static GPtrArray *
locked_items (EpiWindow   *self,
              EpiTaskItem *except)
{
  GPtrArray *locked = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpiTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item != except && epi_task_item_get_kind (item) == EPI_ITEM_SEALED &&
          epi_task_item_get_state (item) == EPI_ITEM_LOCKED)
        g_ptr_array_add (locked, g_steal_pointer (&item));
    }

  return locked;
}

/* Closes the prompt after it has done its work: not a cancel. */
static void
close_prompt (EpiWindow *self)
{
  EpiPasswordDialog *dialog = self->password_dialog;

  if (dialog == NULL)
    return;
  g_signal_handlers_disconnect_by_data (dialog, self);
  g_clear_object (&self->unlocking);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
is_wrong_password (const GError *error)
{
  return g_error_matches (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD) ||
         g_error_matches (error, EPI_ERROR, EPI_ERROR_DECRYPT_FAILED);
}

/* The toast's button: the password that opened a file, on every file
 * still locked. */
static void
on_try_same (AdwToast   *toast,
             EpiKeyring *ring)
{
  EpiWindow *self = g_object_get_data (G_OBJECT (toast), "epi-window");
  g_autoptr(GPtrArray) locked = locked_items (self, NULL);

  if (locked->len > 0)
    start_open (self, locked, ring, OPEN_TRY_SAME, NULL);
}

/* After a password opened files: with none left to ask for, offers it
 * for the files still locked. The toast holds the keyring, and so the
 * password, only while it is on screen; then it is wiped. */
static void
offer_same_password (EpiWindow  *self,
                     EpiKeyring *ring,
                     guint       n_opened)
{
  g_autoptr(GPtrArray) locked = locked_items (self, NULL);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (locked->len == 0)
    {
      if (n_opened > 0)
        {
          text = g_strdup_printf (ngettext ("Also opened %u file sealed with the same password",
                                            "Also opened %u files sealed with the same password", n_opened),
                                  n_opened);
          epi_window_toast (self, text);
        }
      return;
    }

  text = g_strdup_printf (ngettext ("Try the same password on %u other locked file?",
                                    "Try the same password on %u other locked files?", locked->len),
                          locked->len);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Try Password"));
  g_object_set_data (G_OBJECT (toast), "epi-window", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_try_same),
                         epi_keyring_ref (ring), unref_ring, 0);
  /* Gone, with the password, once nothing is left locked. */
  g_clear_weak_pointer (&self->offer_toast);
  g_set_weak_pointer (&self->offer_toast, toast);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Shows what a job found in its rows; returns how many opened. */
static guint
apply_results (EpiWindow *self,
               OpenCall  *call,
               OpenJob   *job)
{
  guint n_opened = 0;

  for (guint i = 0; i < call->items->len; i++)
    {
      EpiTaskItem *item = g_ptr_array_index (call->items, i);
      OpenEntry *entry = g_ptr_array_index (job->entries, i);

      /* Removed meanwhile, or opened by another job. */
      if (entry->skipped || epi_task_item_get_state (item) != EPI_ITEM_LOCKED)
        continue;

      if (entry->spectrum != NULL)
        {
          epi_task_item_set_opened (item, g_steal_pointer (&entry->spectrum), entry->picture_name);
          n_opened++;
        }
      else if (is_wrong_password (entry->error))
        epi_task_item_set_failed (item, EPI_ITEM_LOCKED,
                                  _("Not opened with that password: use Retry to enter its own"));
      else
        epi_task_item_set_error (item, entry->error);
    }

  return n_opened;
}

/* The file a prompt was for came back. A wrong password keeps the
 * prompt up; anything else closes it, and an opened file is shown and
 * its batch's other files are opened with the same key. */
static void
asked_opened (EpiWindow *self,
              OpenCall  *call,
              OpenJob   *job)
{
  EpiTaskItem *item = g_ptr_array_index (call->items, 0);
  OpenEntry *entry = g_ptr_array_index (job->entries, 0);
  g_autoptr(GPtrArray) others = NULL;

  if (entry->spectrum == NULL && is_wrong_password (entry->error) &&
      self->password_dialog != NULL && self->unlocking == item)
    {
      /* A file of format 1 cannot tell a wrong password from damage. */
      epi_password_dialog_show_error (self->password_dialog,
                                      g_error_matches (entry->error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD)
                                      ? _("Wrong password, or the file’s header is damaged.")
                                      : _("Wrong password, or the file has been damaged or altered."));
      return;
    }

  if (self->unlocking == item)
    close_prompt (self);

  if (apply_results (self, call, job) == 0)
    {
      epi_window_unlock_next (self);
      return;
    }

  epi_window_select (self, item);
  epi_window_show_selected (self);
  epi_window_show_viewer (self);
  /* The person typed the password to watch: the drawing takes the keys
   * (Space, F, T), not the button the focus was left on. */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  others = locked_items (self, item);
  if (others->len > 0)
    start_open (self, others, job->ring, OPEN_SAME_BATCH, &entry->spec);
  else
    epi_window_unlock_next (self);
}

/* Unlock All's password came back: if it opened nothing and was wrong
 * for every file, the prompt says so and stays; otherwise it closes and
 * a toast counts what opened. */
static void
all_opened (EpiWindow *self,
            OpenCall  *call,
            OpenJob   *job)
{
  g_autofree char *text = NULL;
  EpiTaskItem *selected;
  gboolean all_wrong = TRUE;
  guint n_opened;

  for (guint i = 0; i < job->entries->len; i++)
    all_wrong &= is_wrong_password (((OpenEntry *) g_ptr_array_index (job->entries, i))->error);

  if (call->purpose == OPEN_ALL && all_wrong && self->password_dialog != NULL && self->unlocking == NULL)
    {
      epi_password_dialog_show_error (self->password_dialog,
                                      _("This password opens none of the locked files."));
      return;
    }

  if (call->purpose == OPEN_ALL)
    close_prompt (self);
  n_opened = apply_results (self, call, job);

  /* "Opened 0 of 2" reads as a count, not as the password failing. */
  if (n_opened == 0)
    /* Translators: the singular is for one locked file only, and need
     * not name the count. */
    text = g_strdup_printf (ngettext ("The password did not open the locked file",
                                      "The password opened none of the %u locked files",
                                      call->items->len),
                            call->items->len);
  else
    /* Translators: files opened, of the files that were locked. */
    text = g_strdup_printf (ngettext ("Opened %u of %u locked file", "Opened %u of %u locked files",
                                      call->items->len),
                            n_opened, call->items->len);
  epi_window_toast (self, text);

  /* A drawing being watched stays on show: the selected row keeps the
   * viewer once it has a drawing, its own if it just opened. Only where
   * there is none is the first drawing opened shown. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL && epi_task_item_get_spectrum (selected) != NULL)
    {
      if (g_ptr_array_find (call->items, selected, NULL))
        epi_window_show_selected (self);
    }
  else
    for (guint i = 0; i < call->items->len; i++)
      if (epi_task_item_get_state (g_ptr_array_index (call->items, i)) == EPI_ITEM_DONE)
        {
          epi_window_select (self, g_ptr_array_index (call->items, i));
          epi_window_show_selected (self);
          epi_window_show_viewer (self);
          gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
          break;
        }
  epi_window_unlock_next (self);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EpiWindow *self = EPI_WINDOW (source);
  OpenCall *call = user_data;
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->n_opening--;
  self->n_derived += epi_keyring_get_n_derived (job->ring) - job->n_derived;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Only a cancel, when the window goes. */
      open_call_free (call);
      return;
    }

  switch (call->purpose)
    {
    case OPEN_ASKED:
      asked_opened (self, call, job);
      break;
    case OPEN_SAME_BATCH:
      {
        guint n_opened = apply_results (self, call, job);

        /* A file of the drop still to ask for comes first; the offer
         * would only wait behind its prompt. */
        epi_window_unlock_next (self);
        if (self->password_dialog == NULL)
          offer_same_password (self, job->ring, n_opened);
      }
      break;
    case OPEN_TRY_SAME:
    case OPEN_ALL:
    default:
      all_opened (self, call, job);
      break;
    }

  epi_window_update_actions (self);
  open_call_free (call);
}

/**
 * epi_window_get_n_derived:
 * @self: a window
 *
 * How many keys sealing (counted as each batch ends) and opening have
 * derived in this window so far, each an Argon2id run: for tests and
 * reports. Main thread.
 *
 * Returns: the number of derivations
 */
guint
epi_window_get_n_derived (EpiWindow *self)
{
  g_return_val_if_fail (EPI_IS_WINDOW (self), 0);

  return self->n_derived;
}

/* Asking ------------------------------------------------------------------- */

static EpiKeyring *
ring_for (EpiWindow *self,
          EpiSecret *secret)
{
  /* Opening takes its costs from the file, within the preference. */
  EpiKeyring *ring = epi_keyring_new (secret, EPI_KDF_DEFAULT);

  epi_keyring_set_max_strength (ring, g_settings_get_enum (self->settings, "max-kdf-strength"));
  return ring;
}

/* The prompt of one file: @item is the one it was made for, bound to
 * the signal, so that it opens that file whatever else happens. */
static void
on_open_password (EpiPasswordDialog *dialog,
                  EpiSecret         *secret,
                  EpiTaskItem       *item)
{
  EpiWindow *self = EPI_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autoptr(EpiKeyring) ring = ring_for (self, secret);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, g_object_ref (item));
  epi_password_dialog_set_busy (dialog, TRUE);
  start_open (self, items, ring, OPEN_ASKED, NULL);
}

static void
on_all_password (EpiPasswordDialog *dialog,
                 EpiSecret         *secret,
                 EpiWindow         *self)
{
  g_autoptr(EpiKeyring) ring = ring_for (self, secret);
  g_autoptr(GPtrArray) locked = locked_items (self, NULL);

  epi_password_dialog_set_busy (dialog, TRUE);
  start_open (self, locked, ring, OPEN_ALL, NULL);
}

/* A prompt cancelled: its file, and the files added with it that were
 * still to be asked for, stay locked and say how to open them; none is
 * asked for again by itself. */
static gboolean
on_prompt_cancelled (EpiWindow *self)
{
  const char *hint = _("Not opened: use Retry or Unlock All to enter its password");

  if (self->unlocking != NULL && epi_task_item_get_state (self->unlocking) == EPI_ITEM_LOCKED)
    epi_task_item_set_failed (self->unlocking, EPI_ITEM_LOCKED, hint);
  for (guint i = 0; i < self->unlock_queue->len; i++)
    {
      EpiTaskItem *item = g_ptr_array_index (self->unlock_queue, i);

      if (epi_task_item_get_state (item) == EPI_ITEM_LOCKED)
        epi_task_item_set_failed (item, EPI_ITEM_LOCKED, hint);
    }
  g_ptr_array_set_size (self->unlock_queue, 0);
  g_clear_object (&self->unlocking);
  return FALSE;
}

/* Asks for the password of the sealed file @item, unless its header
 * already tells it cannot be opened here: then its row says why. Returns
 * whether the prompt is up. */
static gboolean
try_unlock (EpiWindow   *self,
            EpiTaskItem *item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *path = NULL;
  EpiPasswordDialog *dialog;

  path = g_file_get_path (epi_task_item_get_file (item));
  if (!epi_pipeline_check_sealed (path, g_settings_get_enum (self->settings, "max-kdf-strength"),
                                  NULL, &error))
    {
      epi_task_item_set_error (item, error);
      return FALSE;
    }

  g_set_object (&self->unlocking, item);
  subject = g_strdup_printf (_("“%s” is sealed. Enter its password to watch it."),
                             epi_task_item_get_name (item));
  dialog = epi_window_ask_password (self, EPI_PASSWORD_OPEN, subject);
  /* Translators: the button that opens the one sealed file asked for. */
  epi_password_dialog_set_submit_label (dialog, _("_Unlock"));
  g_signal_connect_data (dialog, "submitted", G_CALLBACK (on_open_password),
                         g_object_ref (item), unref_item, 0);
  g_signal_connect_swapped (dialog, "close-request", G_CALLBACK (on_prompt_cancelled), self);
  return TRUE;
}

/* Asks for the password of the sealed file @item (a row's Retry) and
 * opens exactly that file. */
void
epi_window_unlock (EpiWindow   *self,
                   EpiTaskItem *item)
{
  if (self->password_dialog != NULL)
    return;

  /* Asked for first, once the passwords being tried are done. */
  g_ptr_array_remove (self->unlock_queue, item);
  g_ptr_array_insert (self->unlock_queue, 0, g_object_ref (item));
  epi_window_unlock_next (self);
}

/* Queues the sealed files @items, just added or chosen again, to be
 * asked for in turn; one already queued keeps its place. */
void
epi_window_unlock_items (EpiWindow *self,
                         GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    if (!g_ptr_array_find (self->unlock_queue, g_ptr_array_index (items, i), NULL))
      g_ptr_array_add (self->unlock_queue, g_object_ref (g_ptr_array_index (items, i)));
  epi_window_unlock_next (self);
}

/* Asks for the next queued file still locked, unless a prompt is up or
 * a password is being tried. */
void
epi_window_unlock_next (EpiWindow *self)
{
  while (self->password_dialog == NULL && self->n_opening == 0 && self->unlock_queue->len > 0)
    {
      g_autoptr(EpiTaskItem) item = g_ptr_array_steal_index (self->unlock_queue, 0);

      if (epi_task_item_get_state (item) == EPI_ITEM_LOCKED && try_unlock (self, item))
        return;
    }
}

/* Asks once for a password and opens every locked file it opens; the
 * others stay locked, their rows saying so. */
void
epi_window_unlock_all (EpiWindow *self)
{
  g_autoptr(GPtrArray) locked = locked_items (self, NULL);
  g_autofree char *subject = NULL;
  g_autofree char *label = NULL;
  EpiPasswordDialog *dialog;

  if (self->password_dialog != NULL || self->n_opening > 0 || locked->len == 0)
    return;

  g_ptr_array_set_size (self->unlock_queue, 0);
  /* Translators: the singular is for one locked file only, and need
   * not name the count. */
  subject = g_strdup_printf (ngettext ("Enter the password of the locked file.",
                                       "Enter the password of the %u locked files. "
                                       "Files it does not open stay locked.", locked->len),
                             locked->len);
  label = g_strdup_printf (ngettext ("_Unlock %u File", "_Unlock %u Files", locked->len), locked->len);
  dialog = epi_window_ask_password (self, EPI_PASSWORD_OPEN, subject);
  epi_password_dialog_set_submit_label (dialog, label);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_all_password), self);
  g_signal_connect_swapped (dialog, "close-request", G_CALLBACK (on_prompt_cancelled), self);
}
