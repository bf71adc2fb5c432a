/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model-tidb.c: the sandbox's model of TiDB Cloud's side, and the truth the
 * health view should find */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model-private.h"

/* ---- TiDB Cloud ---- */

CwSbTidbProject *
cw_sb_model_add_tidb_project (CwSandboxWorld *world,
                              const char     *id,
                              const char     *name)
{
  CwSbTidbProject *project = cw_sandbox_world_add (world, CW_SB_TIDB_PROJECT, id, NULL);

  project->name = g_strdup (name);
  project->org_id = g_strdup ("1372813089454525346");
  return project;
}

CwSbTidbCluster *
cw_sb_model_add_tidb_cluster (CwSandboxWorld     *world,
                              const char         *id,
                              const char         *display_name,
                              const char         *region_id,
                              const char         *plan,
                              const char         *project_id,
                              const char * const *zone_ids)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_add (world, CW_SB_TIDB_CLUSTER, id, NULL);
  g_autofree char *prefix = cw_sandbox_world_random_alnum (world, 7);

  cluster->display_name = g_strdup (display_name);
  cluster->region_id = g_strdup (region_id);
  cluster->plan = g_strdup (plan);
  cluster->state = g_strdup ("ACTIVE");
  cluster->project_id = g_strdup (project_id);
  cluster->account_id = g_strdup (CW_SB_TIDB_ACCOUNT_ID);
  cluster->zone_ids = g_strdupv ((char **) zone_ids);
  cluster->user_prefix = g_strndup (prefix, 7);
  return cluster;
}

void
cw_sb_model_set_link_state (CwSbTidbLink *link,
                            const char   *state,
                            const char   *message)
{
  g_free (link->state);
  link->state = g_strdup (state);
  g_free (link->message);
  link->message = g_strdup (message);
  link->updated = g_get_real_time ();
}

CwSbTidbLink *
cw_sb_model_add_tidb_link (CwSandboxWorld  *world,
                           CwSbTidbCluster *cluster,
                           const char      *display_name,
                           const char      *service_name,
                           const char      *service_region,
                           const char      *created_by)
{
  g_autofree char *suffix = cw_sandbox_world_random_alnum (world, 14);
  g_autofree char *id = g_strconcat ("plc-", suffix, NULL);
  CwSbTidbLink *link = cw_sandbox_world_add (world, CW_SB_TIDB_LINK, id, NULL);

  link->cluster_id = g_strdup (cluster->base.id);
  link->display_name = g_strdup (display_name);
  link->state = g_strdup ("CREATING");
  link->created_by = g_strdup (created_by);
  link->service_name = g_strdup (service_name);
  link->service_region = g_strdup (service_region);
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_LINK_CREATING_S),
                             CW_SB_EVENT_LINK_EVALUATE, id, NULL);
  return link;
}

void
cw_sb_model_delete_tidb_link (CwSandboxWorld *world,
                              CwSbTidbLink   *link)
{
  CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (world, link->endpoint_id);

  cw_sb_model_set_link_state (link, "DELETING", NULL);
  if (connection != NULL)
    cw_sb_model_set_connection_state (connection, "deleting");
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_LINK_DELETING_S),
                             CW_SB_EVENT_LINK_GONE, link->base.id, NULL);
}

/* The zone IDs both the service's load balancers and the cluster are in. */
static char **
overlapping_zone_ids (CwSandboxWorld      *world,
                      CwSbEndpointService *service,
                      CwSbTidbCluster     *cluster)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **overlap;

  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);
      g_auto(GStrv) names = lb ? cw_sb_model_lb_zone_names (world, lb) : NULL;

      for (guint z = 0; names != NULL && names[z] != NULL; z++)
        if (g_strv_contains ((const char * const *) cluster->zone_ids, cw_sb_zone_id (names[z])))
          g_strv_builder_add (builder, cw_sb_zone_id (names[z]));
    }
  overlap = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return overlap;
}

/* What TiDB Cloud finds when it creates its interface endpoint, in the words AWS
 * gives it. */
static void
evaluate_link (CwSandboxWorld *world,
               CwSbTidbLink   *link)
{
  CwSbTidbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_TIDB_CLUSTER, link->cluster_id);
  CwSbEndpointService *service = cw_sb_model_service_by_name (world, link->service_name);
  g_autofree char *principal = g_strdup_printf ("arn:aws:iam::%s:root", cluster->account_id);
  g_autofree char *message = NULL;
  g_auto(GStrv) overlap = NULL;
  CwSbEndpointConnection *connection;

  if (service == NULL || g_strcmp0 (service->base.region, link->service_region) != 0 ||
      !cw_sb_model_principal_is_allowed (service, principal))
    message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s does not exist "
                               "or does not allow the principal %s.", link->service_name, principal);
  else if (!g_str_equal (cw_sb_model_service_state (world, service), "Available"))
    message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s is not available "
                               "(state %s).", link->service_name, cw_sb_model_service_state (world, service));
  else if ((overlap = overlapping_zone_ids (world, service, cluster))[0] == NULL)
    {
      g_autofree char *wanted = g_strjoinv (", ", cluster->zone_ids);

      message = g_strdup_printf ("Failed to create the VPC endpoint: the VPC endpoint service %s is not available "
                                 "in any of the cluster's availability zones (%s).", link->service_name, wanted);
    }
  if (message != NULL)
    {
      cw_sb_model_set_link_state (link, "FAILED", message);
      return;
    }
  connection = cw_sb_model_add_connection (world, service, cluster->account_id,
                                           service->acceptance_required ? "pendingAcceptance" : "pending",
                                           (const char * const *) overlap);
  link->endpoint_id = g_strdup (connection->base.id);
  link->zone_ids = g_steal_pointer (&overlap);
  if (service->acceptance_required)
    cw_sb_model_set_link_state (link, "PENDING_ACCEPTANCE", NULL);
  else
    cw_sb_model_accept_connection (world, connection);
}

static void
connection_ready (CwSandboxWorld *world,
                  const char     *endpoint_id)
{
  CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (world, endpoint_id);
  CwSbTidbLink *link = cw_sb_model_link_of_endpoint (world, endpoint_id);

  if (connection == NULL || !g_str_equal (connection->state, "pending"))
    return;
  cw_sb_model_set_connection_state (connection, "available");
  if (link != NULL && g_strcmp0 (link->state, "DELETING") != 0)
    cw_sb_model_set_link_state (link, "ACTIVE", NULL);
}

static void
link_gone (CwSandboxWorld *world,
           const char     *link_id)
{
  CwSbTidbLink *link = cw_sandbox_world_peek (world, CW_SB_TIDB_LINK, link_id);
  CwSbEndpointConnection *connection;

  if (link == NULL)
    return;
  connection = cw_sb_model_connection_of_endpoint (world, link->endpoint_id);
  if (connection != NULL)
    cw_sandbox_world_remove (world, connection);
  cw_sandbox_world_remove (world, link);
}

static void
interfaces_gone (CwSandboxWorld *world,
                 const char     *holder)
{
  GPtrArray *enis = cw_sandbox_world_list (world, CW_SB_NETWORK_INTERFACE);

  for (guint i = enis->len; i > 0; i--)
    {
      CwSbNetworkInterface *eni = enis->pdata[i - 1];

      if (g_strcmp0 (eni->holder, holder) == 0)
        cw_sb_model_delete_interface (world, eni);
    }
}

static void
target_drained (CwSandboxWorld *world,
                const char     *group_arn,
                const char     *ip_port)
{
  CwSbTargetGroup *group = cw_sandbox_world_peek (world, CW_SB_TARGET_GROUP, group_arn);

  for (guint i = 0; group != NULL && i < group->draining->len; i++)
    {
      CwSbTarget *target = group->draining->pdata[i];
      g_autofree char *key = g_strdup_printf ("%s:%d", target->ip, target->port);

      if (g_str_equal (key, ip_port))
        {
          g_ptr_array_remove_index (group->draining, i);
          return;
        }
    }
}

void
cw_sb_model_apply_event (CwSandboxWorld *world,
                         CwSbEventKind   kind,
                         const char     *id,
                         const char     *argument)
{
  switch (kind)
    {
    case CW_SB_EVENT_LINK_EVALUATE:
      {
        CwSbTidbLink *link = cw_sandbox_world_peek (world, CW_SB_TIDB_LINK, id);

        if (link != NULL && g_str_equal (link->state, "CREATING"))
          evaluate_link (world, link);
      }
      break;
    case CW_SB_EVENT_CONNECTION_READY:
      connection_ready (world, id);
      break;
    case CW_SB_EVENT_LINK_GONE:
      link_gone (world, id);
      break;
    case CW_SB_EVENT_SERVICE_GONE:
      {
        CwSbEndpointService *service = cw_sandbox_world_peek (world, CW_SB_ENDPOINT_SERVICE, id);

        if (service != NULL)
          cw_sandbox_world_remove (world, service);
      }
      break;
    case CW_SB_EVENT_INTERFACES_GONE:
      interfaces_gone (world, id);
      break;
    case CW_SB_EVENT_TARGET_DRAINED:
      target_drained (world, id, argument);
      break;
    case CW_SB_EVENT_FAILOVER:
      if (!cw_sb_model_failover (world, id, NULL))
        g_warning ("Scheduled failover of %s: no such database", id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- the truth the health view should find ---- */

/* TiDB's endpoint enters the NLB in the zones both share; a node there forwards only to
 * targets of its own zone unless cross-zone load balancing is on. */
static gboolean
target_reachable (CwSandboxWorld   *world,
                  CwSbTidbLink     *link,
                  CwSbLoadBalancer *lb,
                  CwSbTargetGroup  *group,
                  CwSbTarget       *target)
{
  CwSbHealth state = cw_sb_model_target_health (world, group, target);
  const char *zone_id = cw_sb_zone_id (target->zone_name);

  if (!g_str_equal (state.state, "healthy"))
    return FALSE;
  return cw_sb_model_cross_zone (group, lb) ||
         (link->zone_ids != NULL && zone_id != NULL && g_strv_contains ((const char * const *) link->zone_ids, zone_id));
}

static gboolean
lb_reaches_database (CwSandboxWorld   *world,
                     CwSbTidbLink     *link,
                     CwSbLoadBalancer *lb)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = 0; i < listeners->len; i++)
    {
      CwSbListener *listener = listeners->pdata[i];
      CwSbTargetGroup *group;

      if (!g_str_equal (listener->lb_arn, lb->base.id))
        continue;
      group = cw_sandbox_world_peek (world, CW_SB_TARGET_GROUP, listener->target_group_arn);
      for (guint t = 0; group != NULL && t < group->targets->len; t++)
        if (target_reachable (world, link, lb, group, group->targets->pdata[t]))
          return TRUE;
    }
  return FALSE;
}

gboolean
cw_sb_model_link_reachable (CwSandboxWorld  *world,
                            CwSbTidbLink    *link,
                            const char     **reason)
{
  CwSbEndpointService *service = cw_sb_model_service_by_name (world, link->service_name);

  if (!g_str_equal (link->state, "ACTIVE"))
    *reason = "the link is not active";
  else if (service == NULL)
    *reason = "the endpoint service is gone";
  else
    {
      for (guint i = 0; service->lb_arns[i] != NULL; i++)
        {
          CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);

          if (lb != NULL && lb_reaches_database (world, link, lb))
            {
              *reason = NULL;
              return TRUE;
            }
        }
      *reason = "no healthy target is reachable from the zones of TiDB Cloud's endpoint";
    }
  return FALSE;
}

/* Where the load balancer's connection to a target comes from: its interface in the
 * target's zone (an IP target sees the load balancer, not TiDB Cloud). */
static const char *
lb_address_for (CwSandboxWorld   *world,
                CwSbLoadBalancer *lb,
                CwSbTarget       *target)
{
  const char *any = NULL;

  for (guint e = 0; lb->eni_ids[e] != NULL; e++)
    {
      CwSbNetworkInterface *eni = cw_sandbox_world_peek (world, CW_SB_NETWORK_INTERFACE, lb->eni_ids[e]);

      if (eni != NULL && g_strcmp0 (eni->zone_name, target->zone_name) == 0)
        return eni->private_ip;
      if (eni != NULL && any == NULL)
        any = eni->private_ip;
    }
  return any;
}

/* The database a connection through @link to @port lands on: behind the listener on
 * that port, a healthy target that TiDB's endpoint reaches (the rule of the health view
 * above). NULL when nothing answers: the connection times out. */
CwSbDbInstance *
cw_sb_model_link_database (CwSandboxWorld  *world,
                           CwSbTidbLink    *link,
                           int              port,
                           const char     **client_ip)
{
  CwSbEndpointService *service = cw_sb_model_service_by_name (world, link->service_name);
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint s = 0; service != NULL && service->lb_arns[s] != NULL; s++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[s]);

      for (guint i = 0; lb != NULL && i < listeners->len; i++)
        {
          CwSbListener *listener = listeners->pdata[i];
          CwSbTargetGroup *group;

          if (!g_str_equal (listener->lb_arn, lb->base.id) || listener->port != port)
            continue;
          group = cw_sandbox_world_peek (world, CW_SB_TARGET_GROUP, listener->target_group_arn);
          for (guint t = 0; group != NULL && t < group->targets->len; t++)
            {
              CwSbTarget *target = group->targets->pdata[t];
              CwSbDbInstance *db = target_reachable (world, link, lb, group, target)
                                   ? cw_sb_model_db_at (world, target->ip, target->port) : NULL;

              if (db != NULL)
                {
                  *client_ip = lb_address_for (world, lb, target);
                  return db;
                }
            }
        }
    }
  return NULL;
}
