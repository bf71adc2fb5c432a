/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher.c: the watcher's cycles (see cw-link-watcher.h)
 *
 * A cycle: the saved state on the first one; then either a full check (the inventory's
 * refresh) or the cheap signals (TiDB Cloud's lists, DNS) with a target health
 * described per link whose signals changed; then the changes, the repairs, and the
 * state and the timelines written back. */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-journal.h"
#include "cw-link-watcher-private.h"

G_DEFINE_FINAL_TYPE (CwLinkWatcher, cw_link_watcher, G_TYPE_OBJECT)

enum {
  CYCLE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
cw_watch_known_free (CwWatchKnown *known)
{
  g_clear_object (&known->link);
  g_free (known);
}

CwWatchKnown *
cw_watch_known_new (CwLink *link)
{
  CwWatchKnown *known = g_new0 (CwWatchKnown, 1);

  known->link = g_object_ref (link);
  return known;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static guint
requests_so_far (CwLinkWatcher *self)
{
  return cw_clouds_get_aws_request_count (self->clouds) + cw_clouds_get_tidb_request_count (self->clouds);
}

/* ---- a cycle ---- */

static void
cycle_free (CwWatchCycle *cycle)
{
  g_clear_pointer (&cycle->before, g_hash_table_unref);
  g_clear_pointer (&cycle->events, g_ptr_array_unref);
  g_clear_pointer (&cycle->tidb_links, g_hash_table_unref);
  g_clear_pointer (&cycle->answers, g_hash_table_unref);
  g_clear_pointer (&cycle->rechecks, g_ptr_array_unref);
  g_clear_pointer (&cycle->jobs, g_ptr_array_unref);
  g_clear_error (&cycle->error);
  g_free (cycle);
}

CwWatchCycle *
cw_watch_cycle_of (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
cycle_fail (GTask  *task,
            GError *error)
{
  CW_LINK_WATCHER (g_task_get_source_object (task))->cycling = FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Requests side by side: each ends here; the last one goes on to cycle->then. */
void
cw_watch_cycle_part_done (GTask  *task,
                          GError *error)
{
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  if (error != NULL && cycle->error == NULL)
    cycle->error = error;
  else if (error != NULL)
    g_error_free (error);
  if (--cycle->pending > 0)
    return;
  if (cycle->error != NULL)
    {
      cycle_fail (task, g_steal_pointer (&cycle->error));
      return;
    }
  cycle->then (task);
}

static void
start_jobs (GTask *task)
{
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  while (cycle->in_flight < CW_LINK_REQUESTS_IN_FLIGHT && cycle->next_job < cycle->jobs->len)
    {
      gpointer item = g_ptr_array_index (cycle->jobs, cycle->next_job++);

      cycle->in_flight++;
      cycle->start_job (task, item);
    }
}

/* Starts @start on every one of @items, at most CW_LINK_REQUESTS_IN_FLIGHT at once (a
 * failover can move the database of a thousand links), and goes on to @then when all
 * have called cw_watch_cycle_job_done(). */
void
cw_watch_cycle_run_jobs (GTask     *task,
                         GPtrArray *items,
                         void     (*start) (GTask    *task,
                                            gpointer  item),
                         void     (*then) (GTask *task))
{
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  g_clear_pointer (&cycle->jobs, g_ptr_array_unref);
  cycle->jobs = g_ptr_array_ref (items);
  cycle->next_job = 0;
  cycle->in_flight = 0;
  cycle->start_job = start;
  cycle->then = then;
  cycle->pending = items->len + 1;
  start_jobs (task);
  cw_watch_cycle_part_done (task, NULL);
}

/* A job's end: the next one starts (a cancelled cycle's fail at once). */
void
cw_watch_cycle_job_done (GTask  *task,
                         GError *error)
{
  cw_watch_cycle_of (task)->in_flight--;
  start_jobs (task);
  cw_watch_cycle_part_done (task, error);
}

static CwLinkStatus
status_before (CwWatchCycle *cycle,
               const char   *link_id,
               gboolean     *known)
{
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (cycle->before, link_id));

  *known = value != 0;
  return value ? (CwLinkStatus) (value - 1) : CW_LINK_HEALTHY;
}

void
cw_watch_cycle_add_event (CwWatchCycle *cycle,
                          CwLink       *link,
                          const char   *from,
                          const char   *what,
                          const char   *action,
                          CwLinkActor   by)
{
  g_ptr_array_add (cycle->events,
                   cw_link_event_new (cw_link_get_id (link), cw_link_get (link, CW_LINK_DISPLAY_NAME), cycle->now,
                                      from, cw_link_status_to_string (cw_link_get_status (link)), what, action, by));
}

/* The first reason: what a change is about. */
static const char *
reason_of (CwLink *link)
{
  const char * const *reasons = cw_link_get_reasons (link);

  if (reasons && reasons[0])
    return reasons[0];
  return cw_link_get_status (link) == CW_LINK_HEALTHY ? _("The link is healthy.")
                                                      : cw_link_status_to_label (cw_link_get_status (link));
}

/* Whether @link, whose status was @was, may change again without a cheap signal showing
 * it: its status just changed (a link still being made, a target being registered), its
 * load balancer is still being provisioned, or AWS is still checking its target. Such a
 * link is described again at the next cycle; one that holds still in trouble is not, so
 * that broken links cost nothing per cycle. */
gboolean
cw_link_watcher_settling (CwLink       *link,
                          CwLinkStatus  was)
{
  const char *health = cw_link_get (link, CW_LINK_TARGET_HEALTH);

  if (cw_link_get_status (link) == CW_LINK_HEALTHY)
    return FALSE;
  return cw_link_get_status (link) != was || g_strcmp0 (health, "initial") == 0 || g_strcmp0 (health, "draining") == 0 ||
         g_strcmp0 (cw_link_get (link, CW_LINK_LOAD_BALANCER_STATE), "provisioning") == 0;
}

/* A change of status is an event; so is a link first seen in trouble. A drifted link
 * made by hand is reported as such: the watcher never repairs it. */
static void
note_changes (CwLinkWatcher *self,
              CwWatchCycle  *cycle)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwLink *link = ((CwWatchKnown *) value)->link;
      gboolean seen;
      CwLinkStatus before = status_before (cycle, cw_link_get_id (link), &seen);
      const char *action = CW_WATCH_ACTION_NONE;

      if (seen ? before == cw_link_get_status (link) : cw_link_get_status (link) == CW_LINK_HEALTHY)
        continue;
      /* A link first seen being made is followed like one whose status just changed. */
      if (cw_link_watcher_settling (link, seen ? before : cw_link_get_status (link)))
        ((CwWatchKnown *) value)->recheck = TRUE;
      if (cw_link_get_status (link) == CW_LINK_DRIFTED && !cw_link_get_managed (link))
        action = CW_WATCH_ACTION_NOT_MANAGED;
      /* A managed link the watcher will repair is told with its repair. */
      else if (cw_link_watcher_needs_repair (link) && cw_link_watcher_repairs_link (self, link))
        continue;
      cw_watch_cycle_add_event (cycle, link, seen ? cw_link_status_to_string (before) : NULL, reason_of (link), action,
                 CW_LINK_ACTOR_NONE);
    }
}

static void finish_cycle (GTask *task);

/* ---- the full check: the inventory's refresh ---- */

static void
endpoint_answered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  const char *host = g_object_get_data (G_OBJECT (result), "cw-host");

  /* An endpoint that does not resolve is a signal too: it is compared as "none". */
  for (GList *l = addresses; l != NULL; l = l->next)
    if (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4)
      {
        g_hash_table_replace (cycle->answers, g_strdup (host), g_inet_address_to_string (l->data));
        break;
      }
  g_resolver_free_addresses (addresses);
  cw_watch_cycle_part_done (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? g_steal_pointer (&error)
                                                                                  : NULL);
}

typedef struct {
  GTask *task;
  char  *host;
} Lookup;

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;

  g_object_set_data_full (G_OBJECT (result), "cw-host", g_steal_pointer (&lookup->host), g_free);
  endpoint_answered (source, result, lookup->task);
  g_free (lookup);
}

/* Asks DNS for every database endpoint the links reach: no request to the clouds. */
void
cw_link_watcher_resolve_endpoints (CwLinkWatcher *self,
                                   GTask         *task)
{
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GHashTable) hosts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwLink *link = ((CwWatchKnown *) value)->link;
      GPtrArray *added = cw_link_get_added_databases (link);

      /* The link's own database and those added to it (DESIGN.md §4.5). */
      for (guint i = 0; i <= added->len; i++)
        {
          CwLink *database = i == 0 ? link : g_ptr_array_index (added, i - 1);
          const char *host = cw_link_get (database, CW_LINK_DATABASE_ENDPOINT);
          Lookup *lookup;

          if (host == NULL || !g_hash_table_add (hosts, (gpointer) host))
            continue;
          lookup = g_new0 (Lookup, 1);
          lookup->task = g_object_ref (task);
          lookup->host = g_strdup (host);
          cycle->pending++;
          g_resolver_lookup_by_name_async (resolver, host, g_task_get_cancellable (task), lookup_done, lookup);
        }
    }
}

/* What DNS answered this cycle is what the next one compares with. */
static void
remember_answers (CwLinkWatcher *self,
                  CwWatchCycle  *cycle)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_remove_all (self->addresses);
  g_hash_table_iter_init (&iter, cycle->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->addresses, g_strdup (key), g_strdup (value));
}

/* After a check, full or cheap: what DNS answered is kept for the next cycle, the
 * changes are noted, and the drifted links repaired before the cycle ends. */
void
cw_link_watcher_checked (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  remember_answers (self, cycle);
  note_changes (self, cycle);
  cw_link_watcher_repair_links (task, finish_cycle);
}

/* The links a full check found replace what was known: one that is gone is no longer
 * watched; one being looked at after a repair still is, until it is healthy. */
static void
replace_known (CwLinkWatcher *self,
               GListModel    *links,
               gint64         now)
{
  g_autoptr(GHashTable) rechecks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((CwWatchKnown *) value)->recheck)
      g_hash_table_add (rechecks, g_strdup (key));
  g_hash_table_remove_all (self->known);
  self->full_check_at = now;
  g_free (self->full_check_scope);
  self->full_check_scope = cw_link_watcher_dup_scope (self);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CwLink) link = g_list_model_get_item (links, i);
      CwWatchKnown *known = cw_watch_known_new (link);

      known->recheck = g_hash_table_contains (rechecks, cw_link_get_id (link)) &&
                       cw_link_get_status (link) != CW_LINK_HEALTHY;
      g_hash_table_replace (self->known, g_strdup (cw_link_get_id (link)), known);
    }
}

static void
inventory_refreshed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  GListModel *links = cw_link_inventory_get_links (CW_LINK_INVENTORY (source));
  GError *error = NULL;

  if (!cw_link_inventory_refresh_finish (CW_LINK_INVENTORY (source), result, &error))
    {
      cycle_fail (task, error);
      return;
    }
  replace_known (self, links, cycle->now);
  cycle->then = cw_link_watcher_checked;
  cycle->pending = 1;
  cw_link_watcher_resolve_endpoints (self, task);
  cw_watch_cycle_part_done (task, NULL);
}

void
cw_link_watcher_full_check (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);

  cw_link_inventory_refresh_async (self->inventory, (const char * const *) self->cluster_ids,
                                   g_task_get_cancellable (task), inventory_refreshed, task);
}

/* ---- the end of a cycle: the state and the timelines written ---- */

static void
cycle_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (CW_IS_LINK_ACTIVITY (source))
    cw_link_activity_append_finish (CW_LINK_ACTIVITY (source), result, &error);
  else
    cw_link_watcher_save_state_finish (CW_LINK_WATCHER (source), result, &error);
  /* The cycle saw and did what it says even if it could not write it down. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  cw_watch_cycle_part_done (task, error);
}

static void
cycle_returned (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  guint requests = requests_so_far (self) - cycle->requests_at_start;

  self->cycling = FALSE;
  g_signal_emit (self, signals[CYCLE_FINISHED], 0, cycle->events, requests);
  g_task_return_pointer (task, g_ptr_array_ref (cycle->events), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
finish_cycle (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  cycle->then = cycle_returned;
  cycle->pending = 2;
  cw_link_watcher_save_state_async (self, g_task_get_cancellable (task), cycle_written, task);
  if (cycle->events->len > 0)
    cw_link_activity_append_async (self->activity, cycle->events, g_task_get_cancellable (task), cycle_written, task);
  else
    cycle->pending--;
}

static int
compare_strings (const char **a,
                 const char **b,
                 gpointer     user_data)
{
  return g_strcmp0 (*a, *b);
}

/* The clusters watched, in words that compare: "*" for all, else their sorted ids. */
char *
cw_link_watcher_dup_scope (CwLinkWatcher *self)
{
  g_autofree const char **ids = NULL;
  guint n = self->cluster_ids ? g_strv_length (self->cluster_ids) : 0;

  if (n == 0)
    return g_strdup ("*");
  ids = g_new0 (const char *, n + 1);
  memcpy (ids, self->cluster_ids, n * sizeof (char *));
  g_qsort_with_data (ids, (gint) n, sizeof (char *), (GCompareDataFunc) compare_strings, NULL);
  return g_strjoinv (",", (char **) ids);
}

/* A full check answers for every link at once: they are all as old as the last one. A
 * watcher of other clusters than the last full check's (a state left by another run)
 * starts with one too. */
static gboolean
needs_full_check (CwLinkWatcher *self,
                  gint64         now)
{
  g_autofree char *scope = cw_link_watcher_dup_scope (self);

  return self->full_check_at == 0 || now - self->full_check_at >= (gint64) self->full_check_period ||
         now < self->full_check_at || g_strcmp0 (scope, self->full_check_scope) != 0;
}

static void
start_cycle (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (cycle->before, g_strdup (key),
                          GUINT_TO_POINTER (cw_link_get_status (((CwWatchKnown *) value)->link) + 1));
  if (needs_full_check (self, cycle->now))
    cw_link_watcher_full_check (task);
  else
    cw_link_watcher_cheap_check (task);
}

static void
state_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  cw_link_watcher_load_state_finish (CW_LINK_WATCHER (source), result);
  start_cycle (user_data);
}

/* One cycle: answers the changes seen and made (a GPtrArray of CwLinkEvent) and the
 * requests it took. One cycle runs at a time. */
void
cw_link_watcher_run_cycle_async (CwLinkWatcher       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CwWatchCycle *cycle = g_new0 (CwWatchCycle, 1);

  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_task_set_source_tag (task, cw_link_watcher_run_cycle_async);
  cycle->task = task;
  cycle->now = now_seconds ();
  cycle->requests_at_start = requests_so_far (self);
  cycle->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cycle->events = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_link_event_free);
  cycle->tidb_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cycle->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cycle->rechecks = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, cycle, (GDestroyNotify) cycle_free);
  if (self->cycling)
    {
      cycle_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, _("A watch cycle is already running.")));
      return;
    }
  self->cycling = TRUE;
  if (!self->state_loaded)
    {
      cw_link_watcher_load_state_async (self, cancellable, state_loaded, task);
      return;
    }
  start_cycle (task);
}

GPtrArray *
cw_link_watcher_run_cycle_finish (CwLinkWatcher  *self,
                                  GAsyncResult   *result,
                                  guint          *requests,
                                  GError        **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (requests != NULL)
    *requests = requests_so_far (self) - cw_watch_cycle_of (task)->requests_at_start;
  return g_task_propagate_pointer (task, error);
}

/* ---- GObject ---- */

static void
cw_link_watcher_finalize (GObject *object)
{
  CwLinkWatcher *self = CW_LINK_WATCHER (object);

  g_clear_object (&self->clouds);
  g_clear_object (&self->inventory);
  g_clear_object (&self->activity);
  g_free (self->state_path);
  g_free (self->full_check_scope);
  g_strfreev (self->cluster_ids);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->addresses, g_hash_table_unref);
  g_clear_pointer (&self->repaired, g_hash_table_unref);
  g_clear_pointer (&self->link_repairs, g_hash_table_unref);
  G_OBJECT_CLASS (cw_link_watcher_parent_class)->finalize (object);
}

static void
cw_link_watcher_class_init (CwLinkWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_link_watcher_finalize;

  /* Each cycle's changes (a GPtrArray of CwLinkEvent) and the requests it took. */
  signals[CYCLE_FINISHED] = g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_UINT);
}

static void
cw_link_watcher_init (CwLinkWatcher *self)
{
  self->full_check_period = CW_LINK_WATCHER_DEFAULT_FULL_CHECK_PERIOD;
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cw_watch_known_free);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->repaired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->link_repairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Beside the journals and the timelines. */
char *
cw_link_watcher_dup_default_state_path (void)
{
  g_autofree char *journals = cw_journal_dup_directory ();
  g_autofree char *directory = g_path_get_dirname (journals);

  return g_build_filename (directory, "watch.json", NULL);
}

/* @activity: where the changes go (NULL: the default file); @state_path: what the last
 * check found (NULL: cw_link_watcher_dup_default_state_path()). */
CwLinkWatcher *
cw_link_watcher_new (CwClouds       *clouds,
                     CwLinkActivity *activity,
                     const char     *state_path)
{
  CwLinkWatcher *self = g_object_new (CW_TYPE_LINK_WATCHER, NULL);

  self->clouds = g_object_ref (clouds);
  self->inventory = cw_link_inventory_new (clouds);
  self->activity = activity ? g_object_ref (activity) : cw_link_activity_new (NULL);
  self->state_path = state_path ? g_strdup (state_path) : cw_link_watcher_dup_default_state_path ();
  return self;
}

/* Watches the links of @cluster_ids only (NULL: of every cluster on AWS). */
void
cw_link_watcher_set_cluster_ids (CwLinkWatcher      *self,
                                 const char * const *cluster_ids)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_strfreev (self->cluster_ids);
  self->cluster_ids = g_strdupv ((char **) cluster_ids);
}

void
cw_link_watcher_set_repair (CwLinkWatcher *self,
                            gboolean       repair)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  self->repair = repair;
}

gboolean
cw_link_watcher_get_repair (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), FALSE);
  return self->repair;
}

/* A link's own choice, over cw_link_watcher_set_repair()'s for every link. */
void
cw_link_watcher_set_link_repair (CwLinkWatcher *self,
                                 const char    *link_id,
                                 gboolean       repair)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_hash_table_replace (self->link_repairs, g_strdup (link_id), GINT_TO_POINTER (!!repair + 1));
}

void
cw_link_watcher_clear_link_repairs (CwLinkWatcher *self)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  g_hash_table_remove_all (self->link_repairs);
}

/* Whether the watcher re-syncs @link when its database moves: never a link made by
 * hand; else the link's own choice, or the choice for every link. */
gboolean
cw_link_watcher_repairs_link (CwLinkWatcher *self,
                              CwLink        *link)
{
  gpointer choice;

  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), FALSE);
  if (!cw_link_get_managed (link))
    return FALSE;
  choice = g_hash_table_lookup (self->link_repairs, cw_link_get_id (link));
  return choice != NULL ? GPOINTER_TO_INT (choice) - 1 : self->repair;
}

void
cw_link_watcher_set_full_check_period (CwLinkWatcher *self,
                                       guint          seconds)
{
  g_return_if_fail (CW_IS_LINK_WATCHER (self));
  self->full_check_period = seconds;
}

guint
cw_link_watcher_get_full_check_period (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), 0);
  return self->full_check_period;
}

CwLinkActivity *
cw_link_watcher_get_activity (CwLinkWatcher *self)
{
  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), NULL);
  return self->activity;
}

/* The link as the watcher last saw it, or NULL. */
CwLink *
cw_link_watcher_find (CwLinkWatcher *self,
                      const char    *link_id)
{
  CwWatchKnown *known;

  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), NULL);
  known = g_hash_table_lookup (self->known, link_id);
  return known ? known->link : NULL;
}

/* The links Causeway made that are not healthy after the last cycle, those it just
 * repaired apart: what `watch --once` fails with. Links made by hand are reported but
 * not counted, since the watcher may not repair them. */
guint
cw_link_watcher_count_problems (CwLinkWatcher *self)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint problems = 0;

  g_return_val_if_fail (CW_IS_LINK_WATCHER (self), 0);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CwLink *link = ((CwWatchKnown *) value)->link;

      if (cw_link_get_managed (link) && cw_link_get_status (link) != CW_LINK_HEALTHY &&
          !g_hash_table_contains (self->repaired, key))
        problems++;
    }
  return problems;
}
