/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model-balancing.c: the sandbox's model of load balancing and endpoint services */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model-private.h"

/* ---- load balancing ---- */

static GHashTable *
attributes_new (const char * const *pairs)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_hash_table_insert (attributes, g_strdup (pairs[i]), g_strdup (pairs[i + 1]));
  return attributes;
}

static const char * const lb_attribute_defaults[] = {
  "access_logs.s3.enabled", "false",
  "access_logs.s3.bucket", "",
  "access_logs.s3.prefix", "",
  "deletion_protection.enabled", "false",
  "ipv6.deny_all_igw_traffic", "true",
  "load_balancing.cross_zone.enabled", "false",
  NULL
};

static char *
elb_arn (const char *region,
         const char *resource)
{
  return g_strdup_printf ("arn:aws:elasticloadbalancing:%s:" CW_SB_ACCOUNT_ID ":%s", region, resource);
}

CwSbLoadBalancer *
cw_sb_model_add_load_balancer (CwSandboxWorld     *world,
                               const char         *region,
                               const char         *name,
                               const char         *type,
                               const char         *scheme,
                               const char * const *subnet_ids,
                               const char * const *group_ids)
{
  gboolean network = g_str_equal (type, "network");
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  g_autofree char *path = g_strdup_printf ("loadbalancer/%s/%s/%s", network ? "net" : "app", name, hex);
  g_autofree char *arn = elb_arn (region, path);
  g_autofree char *description = g_strdup_printf ("ELB %s", path + strlen ("loadbalancer/"));
  CwSbLoadBalancer *lb = cw_sandbox_world_add (world, CW_SB_LOAD_BALANCER, arn, region);
  GStrvBuilder *enis = g_strv_builder_new ();
  CwSbSubnet *first = cw_sandbox_world_peek (world, CW_SB_SUBNET, subnet_ids[0]);

  lb->name = g_strdup (name);
  lb->type = g_strdup (type);
  lb->scheme = g_strdup (scheme);
  lb->vpc_id = g_strdup (first->vpc_id);
  lb->dns_name = network
    ? g_strdup_printf ("%s-%s.elb.%s.amazonaws.com", name, hex, region)
    : g_strdup_printf ("%s%s-%u.%s.elb.amazonaws.com", g_str_equal (scheme, "internal") ? "internal-" : "",
                       name, cw_sandbox_world_random_int (world) % 1000000000, region);
  lb->ip_address_type = g_strdup ("ipv4");
  lb->subnet_ids = g_strdupv ((char **) subnet_ids);
  lb->group_ids = g_strdupv ((char **) group_ids);
  lb->active_at = cw_sandbox_world_after (world, CW_SB_NLB_PROVISIONING_S);
  lb->attributes = attributes_new (lb_attribute_defaults);
  for (guint i = 0; subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (world, CW_SB_SUBNET, subnet_ids[i]);
      CwSbNetworkInterface *eni = cw_sb_model_add_interface (world, subnet, description,
                                                             network ? "network_load_balancer" : "interface",
                                                             "amazon-elb", group_ids, arn);

      g_strv_builder_add (enis, eni->base.id);
    }
  lb->eni_ids = g_strv_builder_end (enis);
  g_strv_builder_unref (enis);
  return lb;
}

/* The listeners go with it; its interfaces linger a while, as AWS's do, holding on to
 * their security groups. */
void
cw_sb_model_delete_load_balancer (CwSandboxWorld   *world,
                                  CwSbLoadBalancer *lb)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = listeners->len; i > 0; i--)
    {
      CwSbListener *listener = listeners->pdata[i - 1];

      if (g_str_equal (listener->lb_arn, lb->base.id))
        cw_sandbox_world_remove (world, listener);
    }
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_NLB_ENI_RELEASE_S),
                             CW_SB_EVENT_INTERFACES_GONE, lb->base.id, NULL);
  cw_sandbox_world_remove (world, lb);
}

gboolean
cw_sb_model_lb_is_active (CwSandboxWorld   *world,
                          CwSbLoadBalancer *lb)
{
  return cw_sandbox_world_now (world) >= lb->active_at;
}

char **
cw_sb_model_lb_zone_names (CwSandboxWorld   *world,
                           CwSbLoadBalancer *lb)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; lb->subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (world, CW_SB_SUBNET, lb->subnet_ids[i]);

      if (subnet != NULL)
        g_strv_builder_add (builder, subnet->zone_name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static const char * const target_group_attribute_defaults[] = {
  "deregistration_delay.timeout_seconds", "300",
  "deregistration_delay.connection_termination.enabled", "false",
  "stickiness.enabled", "false",
  "stickiness.type", "source_ip",
  "proxy_protocol_v2.enabled", "false",
  "preserve_client_ip.enabled", "false",
  "load_balancing.cross_zone.enabled", "use_load_balancer_configuration",
  "target_health_state.unhealthy.connection_termination.enabled", "true",
  "target_group_health.dns_failover.minimum_healthy_targets.count", "1",
  "target_group_health.dns_failover.minimum_healthy_targets.percentage", "off",
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1",
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off",
  NULL
};

CwSbTargetGroup *
cw_sb_model_add_target_group (CwSandboxWorld *world,
                              const char     *region,
                              const char     *name,
                              const char     *protocol,
                              int             port,
                              const char     *vpc_id,
                              const char     *target_type)
{
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  g_autofree char *path = g_strdup_printf ("targetgroup/%s/%s", name, hex);
  g_autofree char *arn = elb_arn (region, path);
  CwSbTargetGroup *group = cw_sandbox_world_add (world, CW_SB_TARGET_GROUP, arn, region);

  group->name = g_strdup (name);
  group->protocol = g_strdup (protocol);
  group->port = port;
  group->vpc_id = g_strdup (vpc_id);
  group->target_type = g_strdup (target_type);
  /* The defaults AWS gives a TCP target group. */
  group->health_protocol = g_strdup ("TCP");
  group->health_interval = 30;
  group->health_timeout = 10;
  group->healthy_threshold = 5;
  group->unhealthy_threshold = 2;
  group->attributes = attributes_new (target_group_attribute_defaults);
  group->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_target_free);
  group->draining = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_target_free);
  return group;
}

static CwSbTarget *
find_target (GPtrArray  *targets,
             const char *ip,
             int         port)
{
  for (guint i = 0; i < targets->len; i++)
    {
      CwSbTarget *target = targets->pdata[i];

      if (g_str_equal (target->ip, ip) && target->port == port)
        return target;
    }
  return NULL;
}

/* Registering again what is registered changes nothing, as in AWS. */
CwSbTarget *
cw_sb_model_register_target (CwSandboxWorld  *world,
                             CwSbTargetGroup *group,
                             const char      *ip,
                             int              port)
{
  CwSbTarget *target = find_target (group->targets, ip, port);
  CwSbSubnet *subnet;

  if (target != NULL)
    return target;
  subnet = cw_sandbox_world_subnet_for_ip (world, group->vpc_id, ip);
  target = g_new0 (CwSbTarget, 1);
  target->ip = g_strdup (ip);
  target->port = port;
  target->zone_name = g_strdup (subnet ? subnet->zone_name : "all");
  target->registered = cw_sandbox_world_now (world);
  g_ptr_array_add (group->targets, target);
  return target;
}

/* The target drains for the group's deregistration delay before it is gone. */
void
cw_sb_model_deregister_target (CwSandboxWorld  *world,
                               CwSbTargetGroup *group,
                               CwSbTarget      *target)
{
  const char *delay = g_hash_table_lookup (group->attributes, "deregistration_delay.timeout_seconds");
  g_autofree char *key = g_strdup_printf ("%s:%d", target->ip, target->port);

  guint index;

  if (!g_ptr_array_find (group->targets, target, &index))
    return;
  g_ptr_array_add (group->draining, g_ptr_array_steal_index (group->targets, index));
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, g_ascii_strtod (delay, NULL)),
                             CW_SB_EVENT_TARGET_DRAINED, group->base.id, key);
}

CwSbListener *
cw_sb_model_add_listener (CwSandboxWorld   *world,
                          CwSbLoadBalancer *lb,
                          const char       *protocol,
                          int               port,
                          const char       *target_group_arn)
{
  g_autofree char *hex = cw_sandbox_world_random_hex (world, 16);
  const char *lb_path = strstr (lb->base.id, ":loadbalancer/") + strlen (":loadbalancer/");
  g_autofree char *path = g_strdup_printf ("listener/%s/%s", lb_path, hex);
  g_autofree char *arn = elb_arn (lb->base.region, path);
  CwSbListener *listener = cw_sandbox_world_add (world, CW_SB_LISTENER, arn, lb->base.region);

  listener->lb_arn = g_strdup (lb->base.id);
  listener->protocol = g_strdup (protocol);
  listener->port = port;
  listener->target_group_arn = g_strdup (target_group_arn);
  listener->created_at = cw_sandbox_world_now (world);
  return listener;
}

CwSbListener *
cw_sb_model_listener_of_target_group (CwSandboxWorld  *world,
                                      CwSbTargetGroup *group)
{
  GPtrArray *listeners = cw_sandbox_world_list (world, CW_SB_LISTENER);

  for (guint i = 0; i < listeners->len; i++)
    {
      CwSbListener *listener = listeners->pdata[i];

      if (g_str_equal (listener->target_group_arn, group->base.id))
        return listener;
    }
  return NULL;
}

gboolean
cw_sb_model_cross_zone (CwSbTargetGroup  *group,
                        CwSbLoadBalancer *lb)
{
  const char *own = g_hash_table_lookup (group->attributes, "load_balancing.cross_zone.enabled");

  if (g_strcmp0 (own, "true") == 0 || g_strcmp0 (own, "false") == 0)
    return g_str_equal (own, "true");
  return g_strcmp0 (g_hash_table_lookup (lb->attributes, "load_balancing.cross_zone.enabled"), "true") == 0;
}

static gboolean
rule_covers_port (CwSbRule *rule,
                  int       port)
{
  return g_str_equal (rule->protocol, "-1") ||
         (g_str_equal (rule->protocol, "tcp") && rule->from_port <= port && port <= rule->to_port);
}

static gboolean
lb_address_in (CwSandboxWorld   *world,
               CwSbLoadBalancer *lb,
               const char       *cidr)
{
  for (guint e = 0; lb->eni_ids[e] != NULL; e++)
    {
      CwSbNetworkInterface *eni = cw_sandbox_world_peek (world, CW_SB_NETWORK_INTERFACE, lb->eni_ids[e]);

      if (eni != NULL && cw_sb_ip_in_cidr (eni->private_ip, cidr))
        return TRUE;
    }
  return FALSE;
}

/* Health checks come from the load balancer's interfaces: the database's security
 * groups must let the NLB's security group, or its addresses, reach the port. */
static gboolean
db_admits_lb (CwSandboxWorld   *world,
              CwSbDbInstance   *db,
              CwSbLoadBalancer *lb)
{
  for (guint g = 0; db->group_ids[g] != NULL; g++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_peek (world, CW_SB_SECURITY_GROUP, db->group_ids[g]);

      for (guint r = 0; group != NULL && r < group->ingress->len; r++)
        {
          CwSbRule *rule = group->ingress->pdata[r];

          if (!rule_covers_port (rule, db->port))
            continue;
          if (rule->group_id != NULL && g_strv_contains ((const char * const *) lb->group_ids, rule->group_id))
            return TRUE;
          if (rule->cidr != NULL && lb_address_in (world, lb, rule->cidr))
            return TRUE;
        }
    }
  return FALSE;
}

/* A load balancer with security groups sends health checks and traffic only where its
 * groups' outbound rules allow: to the target's address, or to a group the database's
 * interface carries. One without groups sends anywhere. */
static gboolean
lb_lets_out (CwSandboxWorld   *world,
             CwSbLoadBalancer *lb,
             CwSbDbInstance   *db,
             const char       *target_ip)
{
  if (lb->group_ids == NULL || lb->group_ids[0] == NULL)
    return TRUE;
  for (guint g = 0; lb->group_ids[g] != NULL; g++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_peek (world, CW_SB_SECURITY_GROUP, lb->group_ids[g]);

      for (guint r = 0; group != NULL && r < group->egress->len; r++)
        {
          CwSbRule *rule = group->egress->pdata[r];

          if (!rule_covers_port (rule, db->port))
            continue;
          if (rule->cidr != NULL && cw_sb_ip_in_cidr (target_ip, rule->cidr))
            return TRUE;
          if (rule->group_id != NULL && g_strv_contains ((const char * const *) db->group_ids, rule->group_id))
            return TRUE;
        }
    }
  return FALSE;
}

static CwSbHealth
health (const char *state,
        const char *reason,
        const char *description)
{
  return (CwSbHealth) { state, reason, description };
}

CwSbHealth
cw_sb_model_target_health (CwSandboxWorld  *world,
                           CwSbTargetGroup *group,
                           CwSbTarget      *target)
{
  CwSbListener *listener = cw_sb_model_listener_of_target_group (world, group);
  CwSbLoadBalancer *lb = listener ? cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, listener->lb_arn) : NULL;
  g_auto(GStrv) zones = NULL;
  CwSbDbInstance *db;
  gint64 since;

  if (find_target (group->draining, target->ip, target->port) == target)
    return health ("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
  if (lb == NULL)
    return health ("unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
  if (!cw_sb_model_lb_is_active (world, lb))
    return health ("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
  zones = cw_sb_model_lb_zone_names (world, lb);
  if (!g_strv_contains ((const char * const *) zones, target->zone_name) && !cw_sb_model_cross_zone (group, lb))
    return health ("unused", "Target.NotInUse", "Target is in an Availability Zone that is not enabled for the load balancer");
  since = MAX (MAX (target->registered, lb->active_at), listener->created_at);
  if (cw_sandbox_world_now (world) < since + cw_sandbox_world_duration (world, group->health_interval *
                                                                          group->healthy_threshold))
    return health ("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
  db = cw_sb_model_db_at (world, target->ip, target->port);
  if (db == NULL)
    return health ("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
  /* A Network Load Balancer reports a blocked path as failed health checks. */
  if (!lb_lets_out (world, lb, db, target->ip) || !db_admits_lb (world, db, lb))
    return health ("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
  return health ("healthy", NULL, NULL);
}

/* ---- endpoint services ---- */

CwSbEndpointService *
cw_sb_model_add_endpoint_service (CwSandboxWorld     *world,
                                  const char         *region,
                                  const char * const *lb_arns,
                                  gboolean            acceptance_required)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "vpce-svc");
  CwSbEndpointService *service = cw_sandbox_world_add (world, CW_SB_ENDPOINT_SERVICE, id, region);

  service->name = g_strdup_printf ("com.amazonaws.vpce.%s.%s", region, id);
  service->lb_arns = g_strdupv ((char **) lb_arns);
  service->acceptance_required = acceptance_required;
  service->principals = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_principal_free);
  service->available_at = cw_sandbox_world_after (world, CW_SB_SERVICE_PENDING_S);
  return service;
}

/* The load balancer is free for another service at once; the service itself shows
 * "Deleting" a moment longer. */
void
cw_sb_model_delete_endpoint_service (CwSandboxWorld      *world,
                                     CwSbEndpointService *service)
{
  service->deleting = TRUE;
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_SERVICE_DELETING_S),
                             CW_SB_EVENT_SERVICE_GONE, service->base.id, NULL);
}

/* Pending until its load balancer is active and a few seconds more. */
const char *
cw_sb_model_service_state (CwSandboxWorld      *world,
                           CwSbEndpointService *service)
{
  gint64 now = cw_sandbox_world_now (world);

  if (service->deleting)
    return "Deleting";
  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);

      if (lb == NULL)
        return "Failed";
      if (now < lb->active_at + cw_sandbox_world_duration (world, CW_SB_SERVICE_PENDING_S))
        return "Pending";
    }
  return now < service->available_at ? "Pending" : "Available";
}

CwSbEndpointService *
cw_sb_model_service_of_lb (CwSandboxWorld *world,
                           const char     *lb_arn)
{
  GPtrArray *services = cw_sandbox_world_list (world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (!service->deleting && g_strv_contains ((const char * const *) service->lb_arns, lb_arn))
        return service;
    }
  return NULL;
}

CwSbEndpointService *
cw_sb_model_service_by_name (CwSandboxWorld *world,
                             const char     *name)
{
  GPtrArray *services = cw_sandbox_world_list (world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (!service->deleting && g_strcmp0 (service->name, name) == 0)
        return service;
    }
  return NULL;
}

gboolean
cw_sb_model_principal_is_allowed (CwSbEndpointService *service,
                                  const char          *principal)
{
  for (guint i = 0; i < service->principals->len; i++)
    {
      CwSbPrincipal *allowed = service->principals->pdata[i];

      if (g_str_equal (allowed->principal, principal) || g_str_equal (allowed->principal, "*"))
        return TRUE;
    }
  return FALSE;
}

CwSbPrincipal *
cw_sb_model_allow_principal (CwSandboxWorld      *world,
                             CwSbEndpointService *service,
                             const char          *principal)
{
  CwSbPrincipal *allowed;

  for (guint i = 0; i < service->principals->len; i++)
    {
      allowed = service->principals->pdata[i];
      if (g_str_equal (allowed->principal, principal))
        return allowed;
    }
  allowed = g_new0 (CwSbPrincipal, 1);
  allowed->principal = g_strdup (principal);
  allowed->permission_id = cw_sandbox_world_new_id (world, "vpce-svc-perm");
  g_ptr_array_add (service->principals, allowed);
  return allowed;
}

CwSbEndpointConnection *
cw_sb_model_add_connection (CwSandboxWorld      *world,
                            CwSbEndpointService *service,
                            const char          *owner,
                            const char          *state,
                            const char * const  *zone_ids)
{
  g_autofree char *id = cw_sandbox_world_new_id (world, "vpce");
  CwSbEndpointConnection *connection = cw_sandbox_world_add (world, CW_SB_ENDPOINT_CONNECTION, id,
                                                             service->base.region);

  connection->service_id = g_strdup (service->base.id);
  connection->owner = g_strdup (owner);
  connection->state = g_strdup (state);
  connection->connection_id = cw_sandbox_world_new_id (world, "vpce-con");
  connection->zone_ids = g_strdupv ((char **) zone_ids);
  return connection;
}

CwSbEndpointConnection *
cw_sb_model_connection_of_endpoint (CwSandboxWorld *world,
                                    const char     *endpoint_id)
{
  return cw_sandbox_world_peek (world, CW_SB_ENDPOINT_CONNECTION, endpoint_id);
}

void
cw_sb_model_set_connection_state (CwSbEndpointConnection *connection,
                                  const char             *state)
{
  g_free (connection->state);
  connection->state = g_strdup (state);
}

CwSbTidbLink *
cw_sb_model_link_of_endpoint (CwSandboxWorld *world,
                              const char     *endpoint_id)
{
  GPtrArray *links = cw_sandbox_world_list (world, CW_SB_TIDB_LINK);

  for (guint i = 0; i < links->len; i++)
    {
      CwSbTidbLink *link = links->pdata[i];

      if (g_strcmp0 (link->endpoint_id, endpoint_id) == 0)
        return link;
    }
  return NULL;
}

void
cw_sb_model_accept_connection (CwSandboxWorld         *world,
                               CwSbEndpointConnection *connection)
{
  cw_sb_model_set_connection_state (connection, "pending");
  cw_sandbox_world_schedule (world, cw_sandbox_world_after (world, CW_SB_CONNECTION_PENDING_S),
                             CW_SB_EVENT_CONNECTION_READY, connection->base.id, NULL);
}

void
cw_sb_model_reject_connection (CwSandboxWorld         *world,
                               CwSbEndpointConnection *connection)
{
  CwSbTidbLink *link = cw_sb_model_link_of_endpoint (world, connection->base.id);
  g_autofree char *message = NULL;

  cw_sb_model_set_connection_state (connection, "rejected");
  if (link == NULL)
    return;
  message = g_strdup_printf ("The owner of the endpoint service %s rejected the connection of endpoint %s.",
                             link->service_name, connection->base.id);
  cw_sb_model_set_link_state (link, "FAILED", message);
}
