/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher-repair.c: the watcher's repairs: a drifted link Causeway made is
 * re-synced, as the links view's re-sync does (see cw-link-watcher.h) */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-elbv2.h"
#include "cw-engine-error.h"
#include "cw-link-join.h"
#include "cw-link-repair.h"
#include "cw-link-watcher-private.h"

static gboolean
database_drifted (CwLink *database)
{
  return cw_link_get_database_status (database) == CW_LINK_DRIFTED && cw_link_get (database, CW_LINK_DATABASE_IP) != NULL;
}

/* The link's database whose target is to move: its own, else one added to it (DESIGN.md
 * §4.5); NULL when none drifted to a known address. */
static CwLink *
drifted_database (CwLink *link)
{
  GPtrArray *added = cw_link_get_added_databases (link);

  if (database_drifted (link))
    return link;
  for (guint i = 0; i < added->len; i++)
    if (database_drifted (g_ptr_array_index (added, i)))
      return g_ptr_array_index (added, i);
  return NULL;
}

gboolean
cw_link_watcher_needs_repair (CwLink *link)
{
  return cw_link_get_status (link) == CW_LINK_DRIFTED && drifted_database (link) != NULL;
}

/* ---- repairing ---- */

typedef struct {
  GTask         *task;
  CwWatchKnown  *known;
  CwLink        *database;   /* the link's, or one added to it: what moved */
  char          *moved_to;
} Repair;

/* The new target's health is initial at first: the next cycles look again. */
static void
take_new_target (CwLink     *link,
                 GPtrArray  *healths,
                 const char *moved_to)
{
  if (healths != NULL)
    cw_link_join_target (link, healths, moved_to);
  else
    cw_link_set (link, CW_LINK_REGISTERED_IP, moved_to);
  cw_link_update_status (link);
}

static void
repair_health_described (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Repair *repair = user_data;
  GTask *task = repair->task;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, NULL);
  g_autoptr(GDateTime) time = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (time, "%H:%M");
  g_autofree char *what = NULL;
  CwLink *link = repair->known->link;

  take_new_target (repair->database, healths, repair->moved_to);
  cw_link_update_status (link);
  repair->known->recheck = cw_link_get_status (link) != CW_LINK_HEALTHY;
  g_hash_table_add (CW_LINK_WATCHER (g_task_get_source_object (task))->repaired, g_strdup (cw_link_get_id (link)));
  what = g_strdup_printf (_("%s moved to %s; the link was re-synced at %s."),
                          cw_link_get (repair->database, CW_LINK_DATABASE_ID), repair->moved_to, clock);
  cw_watch_cycle_add_event (cw_watch_cycle_of (task), link, cw_link_status_to_string (CW_LINK_DRIFTED), what, CW_WATCH_ACTION_RESYNCED,
             CW_LINK_ACTOR_AUTOMATIC_REPAIR);
  g_free (repair->moved_to);
  g_object_unref (repair->database);
  g_free (repair);
  cw_watch_cycle_job_done (task, NULL);
}

static void
resynced (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Repair *repair = user_data;
  GTask *task = repair->task;
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwLink *link = repair->known->link;
  g_autoptr(GError) error = NULL;

  repair->moved_to = cw_link_inventory_resync_finish (CW_LINK_INVENTORY (source), result, &error);
  if (repair->moved_to == NULL)
    {
      /* A repair that failed leaves the link drifted: it is told, and tried again at
       * the next cycle. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cw_watch_cycle_add_event (cw_watch_cycle_of (task), link, cw_link_status_to_string (CW_LINK_DRIFTED), error->message,
                   CW_WATCH_ACTION_RESYNC_FAILED, CW_LINK_ACTOR_AUTOMATIC_REPAIR);
      g_object_unref (repair->database);
      g_free (repair);
      cw_watch_cycle_job_done (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? g_steal_pointer (&error)
                                                                                      : NULL);
      return;
    }
  cw_link_set (repair->database, CW_LINK_DATABASE_IP, repair->moved_to);
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                                         cw_link_get (repair->database, CW_LINK_TARGET_GROUP_ARN), NULL,
                                         CW_AWS_CALL_DEFAULT, g_task_get_cancellable (task), repair_health_described,
                                         repair);
}

/* Re-syncs every drifted link Causeway made (the re-sync of the links view, which
 * registers the new address and deregisters the old; it deletes nothing else). */
static void
start_repair (GTask    *task,
              gpointer  item)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchKnown *known = item;
  Repair *repair = g_new0 (Repair, 1);

  repair->task = task;
  repair->known = known;
  repair->database = g_object_ref (drifted_database (known->link));
  cw_link_inventory_resync_async (self->inventory, repair->database, NULL, g_task_get_cancellable (task), resynced,
                                  repair);
}

void
cw_link_watcher_repair_links (GTask  *task,
                              void  (*then) (GTask *task))
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) drifted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove_all (self->repaired);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwWatchKnown *known = value;

      if (cw_link_watcher_needs_repair (known->link) && cw_link_watcher_repairs_link (self, known->link))
        g_ptr_array_add (drifted, known);
    }
  cw_watch_cycle_run_jobs (task, drifted, start_repair, then);
}

/* ---- a re-sync a person asked for ---- */

/* As the automatic repair, for one link, told as the person's: from a notification's
 * Re-sync. The link is described again at the next cycles until it is healthy. */
typedef struct {
  CwLink       *link;      /* the known one when it started: a full check may replace it */
  CwLink       *database;  /* the link's, or the drifted one added to it */
  char         *moved_to;
  CwLinkStatus  before;
} PersonResync;

static void
person_resync_free (PersonResync *resync)
{
  g_object_unref (resync->link);
  g_object_unref (resync->database);
  g_free (resync->moved_to);
  g_free (resync);
}

static void
person_resync_written (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  PersonResync *resync = g_task_get_task_data (task);

  /* The link was re-synced even if the timeline could not say so. */
  if (!cw_link_activity_append_finish (CW_LINK_ACTIVITY (source), result, &error))
    g_warning ("%s", error->message);
  g_task_return_pointer (task, g_strdup (resync->moved_to), g_free);
}

static void
person_health_described (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  CwLinkWatcher *self = g_task_get_source_object (task);
  PersonResync *resync = g_task_get_task_data (task);
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  CwLink *link = resync->link;
  CwWatchKnown *known = g_hash_table_lookup (self->known, cw_link_get_id (link));
  g_autofree char *what = NULL;

  take_new_target (resync->database, healths, resync->moved_to);
  cw_link_update_status (link);
  if (known != NULL && known->link == link)
    known->recheck = cw_link_get_status (link) != CW_LINK_HEALTHY;
  what = g_strdup_printf (_("Re-synced: the target is now %s, the database’s current address."), resync->moved_to);
  g_ptr_array_add (events, cw_link_event_new (cw_link_get_id (link), cw_link_get (link, CW_LINK_DISPLAY_NAME),
                                              g_get_real_time () / G_USEC_PER_SEC,
                                              cw_link_status_to_string (resync->before),
                                              cw_link_status_to_string (cw_link_get_status (link)), what,
                                              CW_WATCH_ACTION_RESYNCED, CW_LINK_ACTOR_USER));
  cw_link_activity_append_async (self->activity, events, g_task_get_cancellable (task), person_resync_written, task);
}

/* The target's health at its new address, then the entry in the timeline. */
static void
describe_after_resync (CwLinkWatcher *self,
                       GTask         *task)
{
  PersonResync *resync = g_task_get_task_data (task);
  CwLink *database = resync->database;

  cw_link_set (database, CW_LINK_DATABASE_IP, resync->moved_to);
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (database, CW_LINK_REGION)),
                                         cw_link_get (database, CW_LINK_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         g_task_get_cancellable (task), person_health_described, task);
}

static void
person_resynced (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  CwLinkWatcher *self = g_task_get_source_object (task);
  PersonResync *resync = g_task_get_task_data (task);
  GError *error = NULL;

  resync->moved_to = cw_link_inventory_resync_finish (CW_LINK_INVENTORY (source), result, &error);
  if (resync->moved_to == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  describe_after_resync (self, task);
}

/* Re-syncs the link @link_id as the watcher last saw it; answers the address its target
 * has now. Only a link cw_link_can_resync_unasked() allows: one made by hand has no
 * database of its own to be pointed at. */
void
cw_link_watcher_resync_async (CwLinkWatcher       *self,
                              const char          *link_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CwWatchKnown *known;
  PersonResync *resync;

  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_watcher_resync_async);
  known = g_hash_table_lookup (self->known, link_id);
  if (known == NULL || !cw_link_can_resync_unasked (known->link))
    {
      g_task_return_new_error (task, CW_ENGINE_ERROR, CW_ENGINE_ERROR_INVALID_INPUT,
                               _("This link cannot be re-synced without asking which database it should reach; "
                                 "re-sync it in the links view."));
      return;
    }
  resync = g_new0 (PersonResync, 1);
  resync->link = g_object_ref (known->link);
  resync->database = g_object_ref (drifted_database (known->link) ? drifted_database (known->link) : known->link);
  resync->before = cw_link_get_status (known->link);
  g_task_set_task_data (task, resync, (GDestroyNotify) person_resync_free);
  cw_link_inventory_resync_async (self->inventory, resync->database, NULL, cancellable, person_resynced,
                                  g_steal_pointer (&task));
}

/* A re-sync a person made elsewhere (the links view, which may ask which database): the
 * watch notes it in the link's timeline as theirs and looks at the link again, as its
 * cheap signals do not show it. Nothing to note for a link the watch does not know. */
void
cw_link_watcher_note_resync_async (CwLinkWatcher       *self,
                                   const char          *link_id,
                                   const char          *address,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CwWatchKnown *known;
  PersonResync *resync;

  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_return_if_fail (address != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_link_watcher_note_resync_async);
  known = link_id ? g_hash_table_lookup (self->known, link_id) : NULL;
  if (known == NULL || cw_link_get (known->link, CW_LINK_TARGET_GROUP_ARN) == NULL)
    {
      g_task_return_pointer (task, g_strdup (address), g_free);
      return;
    }
  resync = g_new0 (PersonResync, 1);
  resync->link = g_object_ref (known->link);
  resync->database = g_object_ref (known->link);
  resync->before = cw_link_get_status (known->link);
  resync->moved_to = g_strdup (address);
  g_task_set_task_data (task, resync, (GDestroyNotify) person_resync_free);
  describe_after_resync (self, g_steal_pointer (&task));
}

gboolean
cw_link_watcher_note_resync_finish (CwLinkWatcher  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_autofree char *address = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  address = g_task_propagate_pointer (G_TASK (result), error);
  return address != NULL;
}

char *
cw_link_watcher_resync_finish (CwLinkWatcher  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
