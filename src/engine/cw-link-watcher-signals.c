/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-link-watcher-signals.c: the watcher's cheap signals, TiDB Cloud's lists and DNS,
 * compared with what the last check found, and the links whose signals changed described
 * again (see cw-link-watcher.h) */
#define G_LOG_DOMAIN "cw-link-watcher"

#include "config.h"

#include "cw-elbv2.h"
#include "cw-link-join.h"
#include "cw-link-watcher-private.h"
#include "cw-plan-loaders.h"

/* ---- the cheap signals ---- */

static void
tidb_links_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  GError *error = NULL;
  g_autoptr(GListModel) links = cw_tidb_client_list_private_links_finish (CW_TIDB_CLIENT (source), result, &error);

  for (guint i = 0; links && i < g_list_model_get_n_items (links); i++)
    {
      CwTidbPrivateLink *link = g_list_model_get_item (links, i);

      /* The join skips a connection without an id; so does the comparison. */
      if (cw_tidb_private_link_get_link_id (link) == NULL)
        g_object_unref (link);
      else
        g_hash_table_replace (cycle->tidb_links, g_strdup (cw_tidb_private_link_get_link_id (link)), link);
    }
  cw_watch_cycle_part_done (task, error);
}

static gboolean
address_changed (CwLinkWatcher *self,
                 CwWatchCycle  *cycle,
                 CwLink        *link)
{
  const char *host = cw_link_get (link, CW_LINK_DATABASE_ENDPOINT);

  return host != NULL && g_strcmp0 (g_hash_table_lookup (self->addresses, host),
                                    g_hash_table_lookup (cycle->answers, host)) != 0;
}

/* Whether TiDB Cloud's connection of @link says something new. */
static gboolean
tidb_changed (CwWatchCycle *cycle,
              CwLink       *link)
{
  CwTidbPrivateLink *tidb = g_hash_table_lookup (cycle->tidb_links, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));

  return tidb == NULL || g_strcmp0 (cw_tidb_private_link_get_state (tidb), cw_link_get (link, CW_LINK_TIDB_STATE)) != 0 ||
         g_strcmp0 (cw_tidb_private_link_get_message (tidb), cw_link_get (link, CW_LINK_TIDB_MESSAGE)) != 0;
}

static void recheck_links (GTask *task);

/* A connection TiDB Cloud lists that the watcher does not know, or one it knew that is
 * gone, changes the list of links: a full check joins them again. */
static gboolean
links_came_or_went (CwLinkWatcher *self,
                    CwWatchCycle  *cycle)
{
  GHashTableIter iter;
  gpointer value;
  guint known_connections = 0;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *id = cw_link_get (((CwWatchKnown *) value)->link, CW_LINK_PRIVATE_LINK_ID);

      if (id == NULL)
        continue;
      if (!g_hash_table_contains (cycle->tidb_links, id))
        return TRUE;
      known_connections++;
    }
  return known_connections != g_hash_table_size (cycle->tidb_links);
}

/* A database added to a link that moved: the full check describes its target group,
 * which a recheck of the link (its own target group) does not. Rare: failovers. */
static gboolean
added_database_moved (CwLinkWatcher *self,
                      CwWatchCycle  *cycle)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *added = cw_link_get_added_databases (((CwWatchKnown *) value)->link);

      for (guint i = 0; i < added->len; i++)
        if (address_changed (self, cycle, g_ptr_array_index (added, i)))
          return TRUE;
    }
  return FALSE;
}

static void
signals_compared (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  GHashTableIter iter;
  gpointer value;

  if (links_came_or_went (self, cycle) || added_database_moved (self, cycle))
    {
      cw_link_watcher_full_check (task);
      return;
    }
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CwWatchKnown *known = value;
      CwLink *link = known->link;
      CwTidbPrivateLink *tidb;
      g_autoptr(JsonNode) saved = NULL;
      CwLink *copy;

      if (cw_link_get (link, CW_LINK_PRIVATE_LINK_ID) == NULL ||
          !(known->recheck || address_changed (self, cycle, link) || tidb_changed (cycle, link)))
        continue;
      /* A copy: the link the caller may hold keeps what it showed until it is replaced. */
      saved = cw_link_save (link);
      copy = cw_link_new_from_saved (saved);
      tidb = g_hash_table_lookup (cycle->tidb_links, cw_link_get (link, CW_LINK_PRIVATE_LINK_ID));
      cw_link_set (copy, CW_LINK_TIDB_STATE, cw_tidb_private_link_get_state (tidb));
      cw_link_set (copy, CW_LINK_TIDB_MESSAGE, cw_tidb_private_link_get_message (tidb));
      if (tidb != NULL && cw_tidb_private_link_get_endpoint_id (tidb) != NULL)
        cw_link_set (copy, CW_LINK_ENDPOINT_ID, cw_tidb_private_link_get_endpoint_id (tidb));
      g_ptr_array_add (cycle->rechecks, copy);
    }
  recheck_links (task);
}

void
cw_link_watcher_cheap_check (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; self->cluster_ids && self->cluster_ids[i]; i++)
    g_hash_table_add (clusters, self->cluster_ids[i]);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (cw_link_get (((CwWatchKnown *) value)->link, CW_LINK_CLUSTER_ID) != NULL)
      g_hash_table_add (clusters, (gpointer) cw_link_get (((CwWatchKnown *) value)->link, CW_LINK_CLUSTER_ID));
  cycle->then = signals_compared;
  cycle->pending = 1;
  g_hash_table_iter_init (&iter, clusters);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      cycle->pending++;
      cw_tidb_client_list_private_links_async (cw_clouds_get_tidb (self->clouds), value, NULL,
                                               g_task_get_cancellable (task), tidb_links_listed, task);
    }
  cw_link_watcher_resolve_endpoints (self, task);
  cw_watch_cycle_part_done (task, NULL);
}

/* ---- describing a changed link again ---- */

typedef struct {
  GTask  *task;
  CwLink *link;
} Recheck;

static void
recheck_free (Recheck *recheck)
{
  g_object_unref (recheck->link);
  g_free (recheck);
}

/* The link's recheck is over, with what @recheck->link now says or with @error. */
static void
recheck_end (Recheck *recheck,
             GError  *error)
{
  GTask *task = recheck->task;

  recheck_free (recheck);
  cw_watch_cycle_job_done (task, error);
}

static void
health_described (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Recheck *recheck = user_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) healths = cw_elbv2_describe_target_health_finish (CW_AWS_CLIENT (source), result, &error);

  if (healths != NULL)
    {
      cw_link_join_target (recheck->link, healths, cw_link_get (recheck->link, CW_LINK_DATABASE_IP));
      cw_link_update_status (recheck->link);
    }
  recheck_end (recheck, error);
}

static void
describe_health (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  CwLink *link = recheck->link;

  if (cw_link_get (link, CW_LINK_TARGET_GROUP_ARN) == NULL)
    {
      cw_link_update_status (link);
      recheck_end (recheck, NULL);
      return;
    }
  cw_elbv2_describe_target_health_async (cw_clouds_get_aws (self->clouds, cw_link_get (link, CW_LINK_REGION)),
                                         cw_link_get (link, CW_LINK_TARGET_GROUP_ARN), NULL, CW_AWS_CALL_DEFAULT,
                                         g_task_get_cancellable (recheck->task), health_described, recheck);
}

static void
private_ip_resolved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Recheck *recheck = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = cw_resolve_private_ip_finish (CW_AWS_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      recheck_end (recheck, g_steal_pointer (&error));
      return;
    }
  /* As in a full check, an address that cannot be found is a gap, not a failure. */
  cw_link_set (recheck->link, CW_LINK_DATABASE_IP, ip);
  describe_health (recheck);
}

/* The database's private IP now: the DNS answer when it is a private address, else
 * (a publicly accessible database) the private IP behind the public one. */
static void
find_database_ip (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  CwWatchCycle *cycle = cw_watch_cycle_of (recheck->task);
  const char *host = cw_link_get (recheck->link, CW_LINK_DATABASE_ENDPOINT);
  const char *answer = host ? g_hash_table_lookup (cycle->answers, host) : NULL;
  g_autoptr(GInetAddress) address = answer ? g_inet_address_new_from_string (answer) : NULL;

  if (host == NULL || address == NULL || g_inet_address_get_is_site_local (address))
    {
      if (address != NULL)
        cw_link_set (recheck->link, CW_LINK_DATABASE_IP, answer);
      describe_health (recheck);
      return;
    }
  cw_resolve_private_ip_async (cw_clouds_get_aws (self->clouds, cw_link_get (recheck->link, CW_LINK_REGION)), host,
                               NULL, g_task_get_cancellable (recheck->task), private_ip_resolved, recheck);
}

static void
rechecks_done (GTask *task)
{
  CwLinkWatcher *self = g_task_get_source_object (task);
  CwWatchCycle *cycle = cw_watch_cycle_of (task);

  for (guint i = 0; i < cycle->rechecks->len; i++)
    {
      CwLink *link = g_ptr_array_index (cycle->rechecks, i);
      CwWatchKnown *known = g_hash_table_lookup (self->known, cw_link_get_id (link));
      CwLinkStatus was = cw_link_get_status (known->link);

      g_set_object (&known->link, link);
      known->recheck = (known->recheck && cw_link_get_status (link) != CW_LINK_HEALTHY) ||
                       cw_link_watcher_settling (link, was);
    }
  cw_link_watcher_checked (task);
}

/* ---- a link still being made: the states its describes gave then ---- */

/* A link first seen while it was being made holds the states of that moment; no cheap
 * signal shows the load balancer becoming active or the endpoint accepted on the
 * service, so its recheck asks for them again until they are what a link ends with. */
static gboolean
connection_settled (CwLink *link)
{
  return cw_link_get (link, CW_LINK_ENDPOINT_ID) == NULL || cw_link_get (link, CW_LINK_ENDPOINT_SERVICE_ID) == NULL ||
         g_strcmp0 (cw_link_get (link, CW_LINK_CONNECTION_STATE), "available") == 0;
}

static gboolean
balancer_settled (CwLink *link)
{
  return cw_link_get (link, CW_LINK_LOAD_BALANCER_ARN) == NULL ||
         g_strcmp0 (cw_link_get (link, CW_LINK_LOAD_BALANCER_STATE), "active") == 0;
}

static void
balancer_described (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Recheck *recheck = user_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) balancers = cw_elbv2_describe_load_balancers_finish (CW_AWS_CLIENT (source), result, &error);

  if (error != NULL)
    {
      recheck_end (recheck, error);
      return;
    }
  for (guint i = 0; i < balancers->len; i++)
    {
      CwElbLoadBalancer *balancer = g_ptr_array_index (balancers, i);

      if (g_strcmp0 (balancer->load_balancer_arn, cw_link_get (recheck->link, CW_LINK_LOAD_BALANCER_ARN)) == 0)
        cw_link_set (recheck->link, CW_LINK_LOAD_BALANCER_STATE, balancer->state);
    }
  find_database_ip (recheck);
}

static void
describe_balancer (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  const char *arns[] = { cw_link_get (recheck->link, CW_LINK_LOAD_BALANCER_ARN), NULL };

  if (balancer_settled (recheck->link))
    {
      find_database_ip (recheck);
      return;
    }
  cw_elbv2_describe_load_balancers_async (cw_clouds_get_aws (self->clouds, cw_link_get (recheck->link, CW_LINK_REGION)),
                                          arns, NULL, CW_AWS_CALL_DEFAULT, g_task_get_cancellable (recheck->task),
                                          balancer_described, recheck);
}

static void
connections_described (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Recheck *recheck = user_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) connections = cw_ec2_describe_vpc_endpoint_connections_finish (CW_AWS_CLIENT (source), result,
                                                                                      &error);

  if (error != NULL)
    {
      recheck_end (recheck, error);
      return;
    }
  cw_link_set (recheck->link, CW_LINK_CONNECTION_STATE, NULL);
  for (guint i = 0; i < connections->len; i++)
    {
      CwEc2VpcEndpointConnection *connection = g_ptr_array_index (connections, i);

      if (g_strcmp0 (connection->vpc_endpoint_id, cw_link_get (recheck->link, CW_LINK_ENDPOINT_ID)) == 0)
        cw_link_set (recheck->link, CW_LINK_CONNECTION_STATE, connection->vpc_endpoint_state);
    }
  describe_balancer (recheck);
}

static void
describe_connection (Recheck *recheck)
{
  CwLinkWatcher *self = g_task_get_source_object (recheck->task);
  const char *service_ids[] = { cw_link_get (recheck->link, CW_LINK_ENDPOINT_SERVICE_ID), NULL };
  CwAwsFilter filters[] = { { "service-id", service_ids }, { NULL } };

  if (connection_settled (recheck->link))
    {
      describe_balancer (recheck);
      return;
    }
  cw_ec2_describe_vpc_endpoint_connections_async (cw_clouds_get_aws (self->clouds,
                                                                     cw_link_get (recheck->link, CW_LINK_REGION)),
                                                  filters, CW_AWS_CALL_DEFAULT, g_task_get_cancellable (recheck->task),
                                                  connections_described, recheck);
}

static void
start_recheck (GTask    *task,
               gpointer  item)
{
  Recheck *recheck = g_new0 (Recheck, 1);

  recheck->task = task;
  recheck->link = g_object_ref (item);
  describe_connection (recheck);
}

static void
recheck_links (GTask *task)
{
  cw_watch_cycle_run_jobs (task, cw_watch_cycle_of (task)->rechecks, start_recheck, rechecks_done);
}
