/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher-repair.c: the watcher's repairs: a drifted link Causeway made is
 * re-synced, as the links view's re-sync does (see cw-link-watcher.h) */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-elbv2.h"
#include "cw-link-join.h"
#include "cw-link-watcher-private.h"

gboolean
cw_link_watcher_needs_repair (CwLink *link)
{
  return cw_link_get_status (link) == CW_LINK_DRIFTED && cw_link_get (link, CW_LINK_DATABASE_IP) != NULL;
}

/* ---- repairing ---- */

typedef struct {
  GTask  *task;
  CwWatchKnown  *known;
  char   *moved_to;
} Repair;

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

  /* The new target's health is initial at first: the next cycles look again. */
  if (healths != NULL)
    cw_link_join_target (link, healths, repair->moved_to);
  else
    cw_link_set (link, CW_LINK_REGISTERED_IP, repair->moved_to);
  cw_link_update_status (link);
  repair->known->recheck = cw_link_get_status (link) != CW_LINK_HEALTHY;
  g_hash_table_add (CW_LINK_WATCHER (g_task_get_source_object (task))->repaired, g_strdup (cw_link_get_id (link)));
  what = g_strdup_printf (_("%s moved to %s; the link was re-synced at %s."),
                          cw_link_get (link, CW_LINK_DATABASE_ID), repair->moved_to, clock);
  cw_watch_cycle_add_event (cw_watch_cycle_of (task), link, cw_link_status_to_string (CW_LINK_DRIFTED), what, CW_WATCH_ACTION_RESYNCED,
             CW_LINK_ACTOR_AUTOMATIC_REPAIR);
  g_free (repair->moved_to);
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
      g_free (repair);
      cw_watch_cycle_job_done (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? g_steal_pointer (&error)
                                                                                      : NULL);
      return;
    }
  cw_link_set (link, CW_LINK_DATABASE_IP, repair->moved_to);
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                                         cw_link_get (link, CW_LINK_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         g_task_get_cancellable (task), repair_health_described, repair);
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
  cw_link_inventory_resync_async (self->inventory, known->link, NULL, g_task_get_cancellable (task), resynced, repair);
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
  while (self->repair && g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwWatchKnown *known = value;

      if (cw_link_watcher_needs_repair (known->link) && cw_link_get_managed (known->link))
        g_ptr_array_add (drifted, known);
    }
  cw_watch_cycle_run_jobs (task, drifted, start_repair, then);
}
