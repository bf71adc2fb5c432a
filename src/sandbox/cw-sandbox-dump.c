/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-dump.c: the whole world as JSON, for tests and benchmarks
 *
 * Besides what the APIs show, the dump tells the truth the APIs leave to the client to
 * work out: whether each TiDB link really reaches its database, and why not.
 */
#define G_LOG_DOMAIN "cw-sandbox-dump"

#include "config.h"

#include "cw-sandbox-dump.h"
#include "cw-sandbox-model.h"

/* A member with a string value, null when there is none. */
void
cw_sb_json_add_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
cw_sb_json_add_strings (JsonBuilder *builder,
                        const char  *name,
                        char       **values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_tags (JsonBuilder *builder,
          GPtrArray   *tags)
{
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_object (builder);
  for (guint i = 0; i < tags->len; i++)
    cw_sb_json_add_string (builder, ((CwSbTag *) tags->pdata[i])->key, ((CwSbTag *) tags->pdata[i])->value);
  json_builder_end_object (builder);
}

static void
begin_resource (JsonBuilder  *builder,
                CwSbResource *resource)
{
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "id", resource->id);
  add_tags (builder, resource->tags);
}

typedef void (*DumpFields) (JsonBuilder    *builder,
                            CwSandboxWorld *world,
                            gpointer        resource);

static void
add_kind (JsonBuilder    *builder,
          CwSandboxWorld *world,
          const char     *name,
          CwSbKind        kind,
          DumpFields      fields)
{
  GPtrArray *resources = cw_sandbox_world_list (world, kind);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < resources->len; i++)
    {
      begin_resource (builder, resources->pdata[i]);
      fields (builder, world, resources->pdata[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
vpc_fields (JsonBuilder    *builder,
            CwSandboxWorld *world,
            gpointer        resource)
{
  CwSbVpc *vpc = resource;

  cw_sb_json_add_string (builder, "cidr", vpc->cidr);
  add_bool (builder, "is_default", vpc->is_default);
}

static void
subnet_fields (JsonBuilder    *builder,
               CwSandboxWorld *world,
               gpointer        resource)
{
  CwSbSubnet *subnet = resource;

  cw_sb_json_add_string (builder, "vpc_id", subnet->vpc_id);
  cw_sb_json_add_string (builder, "cidr", subnet->cidr);
  cw_sb_json_add_string (builder, "zone_name", subnet->zone_name);
  cw_sb_json_add_string (builder, "zone_id", subnet->zone_id);
}

static void
rule_list (JsonBuilder *builder,
           const char  *name,
           GPtrArray   *rules)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];

      json_builder_begin_object (builder);
      cw_sb_json_add_string (builder, "rule_id", rule->rule_id);
      cw_sb_json_add_string (builder, "protocol", rule->protocol);
      add_int (builder, "from_port", rule->from_port);
      add_int (builder, "to_port", rule->to_port);
      cw_sb_json_add_string (builder, "cidr", rule->cidr);
      cw_sb_json_add_string (builder, "group_id", rule->group_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
group_fields (JsonBuilder    *builder,
              CwSandboxWorld *world,
              gpointer        resource)
{
  CwSbSecurityGroup *group = resource;

  cw_sb_json_add_string (builder, "name", group->name);
  cw_sb_json_add_string (builder, "vpc_id", group->vpc_id);
  rule_list (builder, "ingress", group->ingress);
  rule_list (builder, "egress", group->egress);
}

static void
interface_fields (JsonBuilder    *builder,
                  CwSandboxWorld *world,
                  gpointer        resource)
{
  CwSbNetworkInterface *eni = resource;

  cw_sb_json_add_string (builder, "subnet_id", eni->subnet_id);
  cw_sb_json_add_string (builder, "zone_name", eni->zone_name);
  cw_sb_json_add_string (builder, "private_ip", eni->private_ip);
  cw_sb_json_add_string (builder, "public_ip", eni->public_ip);
  cw_sb_json_add_string (builder, "interface_type", eni->interface_type);
  cw_sb_json_add_string (builder, "holder", eni->holder);
  cw_sb_json_add_strings (builder, "group_ids", eni->group_ids);
}

static void
db_instance_fields (JsonBuilder    *builder,
                    CwSandboxWorld *world,
                    gpointer        resource)
{
  CwSbDbInstance *db = resource;
  CwSbNetworkInterface *eni = cw_sb_model_db_interface (world, db);

  cw_sb_json_add_string (builder, "engine", db->engine);
  add_int (builder, "port", db->port);
  cw_sb_json_add_string (builder, "vpc_id", db->vpc_id);
  cw_sb_json_add_string (builder, "zone_name", db->zone_name);
  cw_sb_json_add_string (builder, "secondary_zone_name", db->secondary_zone_name);
  add_bool (builder, "multi_az", db->multi_az);
  add_bool (builder, "publicly_accessible", db->publicly_accessible);
  cw_sb_json_add_string (builder, "host", db->host);
  cw_sb_json_add_string (builder, "private_ip", eni ? eni->private_ip : NULL);
  cw_sb_json_add_string (builder, "public_ip", eni ? eni->public_ip : NULL);
  cw_sb_json_add_string (builder, "cluster_id", db->cluster_id);
  cw_sb_json_add_strings (builder, "group_ids", db->group_ids);
  cw_sb_json_add_string (builder, "parameter_group", db->access.parameter_group);
  add_int (builder, "backup_retention", cw_sb_model_db_access (world, db)->backup_retention);
  cw_sb_json_add_string (builder, "binlog_format", cw_sb_model_db_parameter (world, db, "binlog_format"));
}

static void
db_cluster_fields (JsonBuilder    *builder,
                   CwSandboxWorld *world,
                   gpointer        resource)
{
  CwSbDbCluster *cluster = resource;

  cw_sb_json_add_string (builder, "engine", cluster->engine);
  cw_sb_json_add_string (builder, "host", cluster->host);
  cw_sb_json_add_string (builder, "reader_host", cluster->reader_host);
  cw_sb_json_add_string (builder, "writer_id", cluster->writer_id);
  cw_sb_json_add_strings (builder, "member_ids", cluster->member_ids);
  cw_sb_json_add_string (builder, "parameter_group", cluster->access.parameter_group);
  add_int (builder, "backup_retention", cluster->access.backup_retention);
}

static void
load_balancer_fields (JsonBuilder    *builder,
                      CwSandboxWorld *world,
                      gpointer        resource)
{
  CwSbLoadBalancer *lb = resource;
  g_auto(GStrv) zones = cw_sb_model_lb_zone_names (world, lb);

  cw_sb_json_add_string (builder, "name", lb->name);
  cw_sb_json_add_string (builder, "type", lb->type);
  cw_sb_json_add_string (builder, "scheme", lb->scheme);
  cw_sb_json_add_string (builder, "state", cw_sb_model_lb_is_active (world, lb) ? "active" : "provisioning");
  cw_sb_json_add_string (builder, "vpc_id", lb->vpc_id);
  cw_sb_json_add_strings (builder, "zone_names", zones);
  cw_sb_json_add_strings (builder, "subnet_ids", lb->subnet_ids);
  cw_sb_json_add_strings (builder, "group_ids", lb->group_ids);
}

static void
add_targets (JsonBuilder     *builder,
             CwSandboxWorld  *world,
             CwSbTargetGroup *group,
             const char      *name,
             GPtrArray       *targets)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < targets->len; i++)
    {
      CwSbTarget *target = targets->pdata[i];
      CwSbHealth health = cw_sb_model_target_health (world, group, target);

      json_builder_begin_object (builder);
      cw_sb_json_add_string (builder, "ip", target->ip);
      add_int (builder, "port", target->port);
      cw_sb_json_add_string (builder, "zone_name", target->zone_name);
      cw_sb_json_add_string (builder, "state", health.state);
      cw_sb_json_add_string (builder, "reason", health.reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
target_group_fields (JsonBuilder    *builder,
                     CwSandboxWorld *world,
                     gpointer        resource)
{
  CwSbTargetGroup *group = resource;
  GHashTableIter iter;
  gpointer key, value;

  cw_sb_json_add_string (builder, "name", group->name);
  cw_sb_json_add_string (builder, "protocol", group->protocol);
  add_int (builder, "port", group->port);
  cw_sb_json_add_string (builder, "vpc_id", group->vpc_id);
  cw_sb_json_add_string (builder, "target_type", group->target_type);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, group->attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    cw_sb_json_add_string (builder, key, value);
  json_builder_end_object (builder);
  add_targets (builder, world, group, "targets", group->targets);
  add_targets (builder, world, group, "draining", group->draining);
}

static void
listener_fields (JsonBuilder    *builder,
                 CwSandboxWorld *world,
                 gpointer        resource)
{
  CwSbListener *listener = resource;

  cw_sb_json_add_string (builder, "load_balancer_arn", listener->lb_arn);
  cw_sb_json_add_string (builder, "protocol", listener->protocol);
  add_int (builder, "port", listener->port);
  cw_sb_json_add_string (builder, "target_group_arn", listener->target_group_arn);
}

static void
service_fields (JsonBuilder    *builder,
                CwSandboxWorld *world,
                gpointer        resource)
{
  CwSbEndpointService *service = resource;

  cw_sb_json_add_string (builder, "name", service->name);
  cw_sb_json_add_string (builder, "state", cw_sb_model_service_state (world, service));
  add_bool (builder, "acceptance_required", service->acceptance_required);
  cw_sb_json_add_string (builder, "client_token", service->client_token);
  cw_sb_json_add_strings (builder, "load_balancer_arns", service->lb_arns);
  json_builder_set_member_name (builder, "allowed_principals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < service->principals->len; i++)
    json_builder_add_string_value (builder, ((CwSbPrincipal *) service->principals->pdata[i])->principal);
  json_builder_end_array (builder);
}

static void
connection_fields (JsonBuilder    *builder,
                   CwSandboxWorld *world,
                   gpointer        resource)
{
  CwSbEndpointConnection *connection = resource;

  cw_sb_json_add_string (builder, "service_id", connection->service_id);
  cw_sb_json_add_string (builder, "owner", connection->owner);
  cw_sb_json_add_string (builder, "state", connection->state);
  cw_sb_json_add_strings (builder, "zone_ids", connection->zone_ids);
}

static void
project_fields (JsonBuilder    *builder,
                CwSandboxWorld *world,
                gpointer        resource)
{
  cw_sb_json_add_string (builder, "name", ((CwSbTidbProject *) resource)->name);
}

static void
cluster_fields (JsonBuilder    *builder,
                CwSandboxWorld *world,
                gpointer        resource)
{
  CwSbTidbCluster *cluster = resource;

  cw_sb_json_add_string (builder, "display_name", cluster->display_name);
  cw_sb_json_add_string (builder, "region_id", cluster->region_id);
  cw_sb_json_add_string (builder, "plan", cluster->plan);
  cw_sb_json_add_string (builder, "state", cluster->state);
  cw_sb_json_add_string (builder, "account_id", cluster->account_id);
  cw_sb_json_add_strings (builder, "zone_ids", cluster->zone_ids);
}

static void
link_fields (JsonBuilder    *builder,
             CwSandboxWorld *world,
             gpointer        resource)
{
  CwSbTidbLink *link = resource;
  const char *reason = NULL;
  gboolean reachable = cw_sb_model_link_reachable (world, link, &reason);

  cw_sb_json_add_string (builder, "cluster_id", link->cluster_id);
  cw_sb_json_add_string (builder, "display_name", link->display_name);
  cw_sb_json_add_string (builder, "state", link->state);
  cw_sb_json_add_string (builder, "message", link->message);
  cw_sb_json_add_string (builder, "created_by", link->created_by);
  cw_sb_json_add_string (builder, "service_name", link->service_name);
  cw_sb_json_add_string (builder, "endpoint_id", link->endpoint_id);
  cw_sb_json_add_strings (builder, "zone_ids", link->zone_ids);
  add_bool (builder, "reachable", reachable);
  cw_sb_json_add_string (builder, "unreachable_reason", reason);
}

/* A dataflow's state as a read would find it now. */
static void
changefeed_fields (JsonBuilder    *builder,
                   CwSandboxWorld *world,
                   gpointer        resource)
{
  CwSbChangefeed *changefeed = resource;

  cw_sb_model_refresh_changefeed (world, changefeed);
  cw_sb_json_add_string (builder, "cluster_id", changefeed->cluster_id);
  cw_sb_json_add_string (builder, "private_link_connection_id", changefeed->sink.link_id);
  cw_sb_json_add_string (builder, "state", changefeed->state);
  cw_sb_json_add_string (builder, "error", changefeed->error);
}

static void
migration_fields (JsonBuilder    *builder,
                  CwSandboxWorld *world,
                  gpointer        resource)
{
  CwSbMigration *migration = resource;

  cw_sb_model_refresh_migration (world, migration);
  cw_sb_json_add_string (builder, "cluster_id", migration->cluster_id);
  cw_sb_json_add_string (builder, "state", migration->state);
  json_builder_set_member_name (builder, "private_link_connection_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < migration->job.sources->len; i++)
    {
      CwSbDmSource *source = migration->job.sources->pdata[i];

      if (source->endpoint.link_id != NULL)
        json_builder_add_string_value (builder, source->endpoint.link_id);
    }
  json_builder_end_array (builder);
}

static void
add_request_counts (JsonBuilder    *builder,
                    CwSandboxWorld *world)
{
  GHashTableIter iter;
  gpointer key, value;

  json_builder_set_member_name (builder, "requests");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, cw_sandbox_world_get_request_counts (world));
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_int (builder, key, GPOINTER_TO_UINT (value));
  json_builder_end_object (builder);
}

JsonNode *
cw_sb_dump_world (CwSandboxWorld *world)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time_scale");
  json_builder_add_double_value (builder, cw_sandbox_world_get_time_scale (world));
  json_builder_set_member_name (builder, "aws");
  json_builder_begin_object (builder);
  cw_sb_json_add_string (builder, "account_id", CW_SB_ACCOUNT_ID);
  add_kind (builder, world, "vpcs", CW_SB_VPC, vpc_fields);
  add_kind (builder, world, "subnets", CW_SB_SUBNET, subnet_fields);
  add_kind (builder, world, "security_groups", CW_SB_SECURITY_GROUP, group_fields);
  add_kind (builder, world, "network_interfaces", CW_SB_NETWORK_INTERFACE, interface_fields);
  add_kind (builder, world, "db_instances", CW_SB_DB_INSTANCE, db_instance_fields);
  add_kind (builder, world, "db_clusters", CW_SB_DB_CLUSTER, db_cluster_fields);
  add_kind (builder, world, "load_balancers", CW_SB_LOAD_BALANCER, load_balancer_fields);
  add_kind (builder, world, "target_groups", CW_SB_TARGET_GROUP, target_group_fields);
  add_kind (builder, world, "listeners", CW_SB_LISTENER, listener_fields);
  add_kind (builder, world, "endpoint_services", CW_SB_ENDPOINT_SERVICE, service_fields);
  add_kind (builder, world, "endpoint_connections", CW_SB_ENDPOINT_CONNECTION, connection_fields);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "tidb");
  json_builder_begin_object (builder);
  add_kind (builder, world, "projects", CW_SB_TIDB_PROJECT, project_fields);
  add_kind (builder, world, "clusters", CW_SB_TIDB_CLUSTER, cluster_fields);
  add_kind (builder, world, "private_links", CW_SB_TIDB_LINK, link_fields);
  add_kind (builder, world, "changefeeds", CW_SB_TIDB_CHANGEFEED, changefeed_fields);
  add_kind (builder, world, "migrations", CW_SB_TIDB_MIGRATION, migration_fields);
  json_builder_end_object (builder);
  add_request_counts (builder, world);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
