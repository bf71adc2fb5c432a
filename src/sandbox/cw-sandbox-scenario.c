/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-scenario.c */
#define G_LOG_DOMAIN "cw-sandbox-scenario"

#include "config.h"

#include "cw-sandbox.h"
#include "cw-sandbox-model.h"
#include "cw-sandbox-scenario.h"

#define TIDB_PRINCIPAL "arn:aws:iam::" CW_SB_TIDB_ACCOUNT_ID ":root"
#define REGION         CW_SB_DEFAULT_REGION

/* What the default world holds, for the links made "outside Causeway" to use. */
typedef struct {
  CwSbVpc           *prod;
  CwSbSubnet        *prod_a;
  CwSbSubnet        *prod_c;
  CwSbSecurityGroup *prod_db;
  CwSbTidbCluster   *cluster;
} World;

typedef struct {
  const char        *name;          /* NLB, target group and service names derive from it */
  const char        *display_name;  /* the TiDB link's */
  CwSbDbInstance    *db;
  const char        *target_ip;     /* NULL: the database's current address */
  CwSbSecurityGroup *nlb_group;
  gboolean           cross_zone;
  const char        *state;         /* the TiDB link's: ACTIVE, PENDING_ACCEPTANCE or FAILED */
  const char        *link_tag;      /* causeway:link-id, NULL when made outside Causeway */
  const char        *created_by;
} LinkSpec;

static CwSbSecurityGroup *
add_group (CwSandboxWorld *world,
           CwSbVpc        *vpc,
           const char     *name,
           const char     *description)
{
  CwSbSecurityGroup *group = cw_sb_model_add_security_group (world, REGION, vpc->base.id, name, description);

  cw_sb_tags_set (group->base.tags, "Name", name);
  return group;
}

static CwSbDbInstance *
add_database (CwSandboxWorld    *world,
              const CwSbDbSpec  *spec)
{
  CwSbDbInstance *db = cw_sb_model_add_db_instance (world, REGION, spec);

  cw_sb_tags_set (db->base.tags, "team", "data");
  return db;
}

static const char *
db_ip (CwSandboxWorld *world,
       CwSbDbInstance *db)
{
  return cw_sb_model_db_interface (world, db)->private_ip;
}

/* Resources of a scenario have existed for a day: provisioned, checked, available. */
static void
settle (CwSandboxWorld      *world,
        CwSbLoadBalancer    *lb,
        CwSbListener        *listener,
        CwSbTargetGroup     *group,
        CwSbEndpointService *service)
{
  gint64 past = cw_sandbox_world_now (world) - (gint64) 24 * 3600 * G_USEC_PER_SEC;

  lb->active_at = past;
  listener->created_at = past;
  service->available_at = past;
  for (guint i = 0; i < group->targets->len; i++)
    ((CwSbTarget *) group->targets->pdata[i])->registered = past;
}

static void
tag_link (CwSbResource *resource,
          const char   *name,
          const char   *link_tag)
{
  cw_sb_tags_set (resource->tags, "Name", name);
  if (link_tag != NULL)
    cw_sb_tags_set (resource->tags, "causeway:link-id", link_tag);
}

/* The TiDB side as TiDB Cloud leaves it once its endpoint exists. */
static void
add_tidb_side (CwSandboxWorld      *world,
               World               *base,
               CwSbEndpointService *service,
               const LinkSpec      *spec)
{
  const char * const zone_ids[] = { base->prod_a->zone_id, base->prod_c->zone_id, NULL };
  CwSbTidbLink *link = cw_sb_model_add_tidb_link (world, base->cluster, spec->display_name, service->name, REGION,
                                                  spec->created_by);
  gboolean failed = g_str_equal (spec->state, "FAILED");
  CwSbEndpointConnection *connection;

  if (failed)
    {
      cw_sb_model_set_link_state (link, "FAILED",
                                  "Failed to create the VPC endpoint: the VPC endpoint service does not exist "
                                  "or does not allow the principal " TIDB_PRINCIPAL ".");
      return;
    }
  connection = cw_sb_model_add_connection (world, service, CW_SB_TIDB_ACCOUNT_ID,
                                           g_str_equal (spec->state, "ACTIVE") ? "available" : "pendingAcceptance",
                                           zone_ids);
  link->endpoint_id = g_strdup (connection->base.id);
  link->zone_ids = g_strdupv ((char **) zone_ids);
  cw_sb_model_set_link_state (link, spec->state, NULL);
}

static void
add_link (CwSandboxWorld *world,
          World          *base,
          const LinkSpec *spec)
{
  const char * const subnets[] = { base->prod_a->base.id, base->prod_c->base.id, NULL };
  const char * const groups[] = { spec->nlb_group->base.id, NULL };
  g_autofree char *nlb_name = g_strdup_printf ("%s-nlb", spec->name);
  g_autofree char *group_name = g_strdup_printf ("%s-%d", spec->name, spec->db->port);
  CwSbLoadBalancer *lb = cw_sb_model_add_load_balancer (world, REGION, nlb_name, "network", "internal", subnets, groups);
  CwSbTargetGroup *group = cw_sb_model_add_target_group (world, REGION, group_name, "TCP", spec->db->port,
                                                         base->prod->base.id, "ip");
  CwSbListener *listener = cw_sb_model_add_listener (world, lb, "TCP", spec->db->port, group->base.id);
  const char * const lbs[] = { lb->base.id, NULL };
  CwSbEndpointService *service = cw_sb_model_add_endpoint_service (world, REGION, lbs, TRUE);

  cw_sb_model_register_target (world, group, spec->target_ip ? spec->target_ip : db_ip (world, spec->db),
                               spec->db->port);
  if (spec->cross_zone)
    g_hash_table_replace (group->attributes, g_strdup ("load_balancing.cross_zone.enabled"), g_strdup ("true"));
  cw_sb_model_allow_principal (world, service, TIDB_PRINCIPAL);
  tag_link (&lb->base, nlb_name, spec->link_tag);
  tag_link (&group->base, group_name, spec->link_tag);
  tag_link (&service->base, spec->name, spec->link_tag);
  settle (world, lb, listener, group, service);
  add_tidb_side (world, base, service, spec);
}

static void
add_network (CwSandboxWorld *world,
             World          *base)
{
  CwSbVpc *legacy;
  CwSbSecurityGroup *app;
  CwSbSecurityGroup *legacy_db;

  base->prod = cw_sb_model_add_vpc (world, REGION, "10.0.0.0/16", FALSE, "prod");
  base->prod_a = cw_sb_model_add_subnet (world, base->prod, "us-east-1a", "10.0.0.0/20", "prod-a");
  cw_sb_model_add_subnet (world, base->prod, "us-east-1b", "10.0.16.0/20", "prod-b");
  base->prod_c = cw_sb_model_add_subnet (world, base->prod, "us-east-1c", "10.0.32.0/20", "prod-c");
  cw_sb_model_add_subnet (world, base->prod, "us-east-1a", "10.0.48.0/20", "prod-a-batch");
  app = add_group (world, base->prod, "app-servers", "Application servers");
  base->prod_db = add_group (world, base->prod, "prod-db", "Databases of the prod VPC");
  cw_sb_model_add_ingress (world, base->prod_db, "tcp", 3306, 3306, NULL, app->base.id, "MySQL from the app servers");
  cw_sb_model_add_ingress (world, base->prod_db, "tcp", 5432, 5432, NULL, app->base.id, "PostgreSQL from the app servers");

  legacy = cw_sb_model_add_vpc (world, REGION, "172.31.0.0/16", TRUE, NULL);
  cw_sb_model_add_subnet (world, legacy, "us-east-1b", "172.31.0.0/20", NULL);
  cw_sb_model_add_subnet (world, legacy, "us-east-1e", "172.31.16.0/20", NULL);
  cw_sb_model_add_subnet (world, legacy, "us-east-1f", "172.31.32.0/20", NULL);
  legacy_db = add_group (world, legacy, "legacy-db", "The legacy database");
  cw_sb_model_add_ingress (world, legacy_db, "tcp", 3306, 3306, "172.31.0.0/16", NULL, "MySQL from the VPC");
  {
    const char * const groups[] = { legacy_db->base.id, NULL };
    CwSbDbSpec spec = { "legacy-mysql", "mysql", "5.7.44", "db.t3.medium", 3306, legacy->base.id,
                        "us-east-1e", NULL, FALSE, groups, NULL };

    add_database (world, &spec);
  }
}

static CwSbDbInstance *
add_databases (CwSandboxWorld *world,
               World          *base,
               CwSbDbInstance **billing)
{
  const char * const groups[] = { base->prod_db->base.id, NULL };
  const char * const aurora_zones[] = { "us-east-1a", "us-east-1c", NULL };
  const char *vpc = base->prod->base.id;
  const CwSbDbSpec orders = { "orders-mysql", "mysql", "8.0.35", "db.t3.medium", 3306, vpc, "us-east-1a", NULL,
                              FALSE, groups, NULL };
  const CwSbDbSpec billing_spec = { "billing-mysql", "mysql", "8.0.35", "db.m6g.large", 3306, vpc, "us-east-1c",
                                    "us-east-1b", FALSE, groups, NULL };
  const CwSbDbSpec public_spec = { "public-mysql", "mysql", "8.0.35", "db.t3.micro", 3306, vpc, "us-east-1c", NULL,
                                   TRUE, groups, NULL };
  const CwSbDbSpec catalog = { "catalog-mariadb", "mariadb", "10.11.6", "db.t3.medium", 3306, vpc, "us-east-1c",
                               NULL, FALSE, groups, NULL };
  const CwSbDbSpec reports = { "reports-postgres", "postgres", "15.5", "db.t3.medium", 5432, vpc, "us-east-1a",
                               NULL, FALSE, groups, NULL };
  const CwSbDbSpec aurora = { "inventory-aurora", "aurora-mysql", "8.0.mysql_aurora.3.05.2", "db.r6g.large", 3306,
                              vpc, NULL, NULL, FALSE, groups, NULL };
  CwSbDbInstance *first = add_database (world, &orders);

  *billing = add_database (world, &billing_spec);
  add_database (world, &public_spec);
  add_database (world, &catalog);
  add_database (world, &reports);
  cw_sb_model_add_db_cluster (world, REGION, &aurora, aurora_zones);
  return first;
}

/* A custom DB parameter group of @db's family, with @pairs (name, value, …) set, in
 * place of the default group. */
static void
use_parameter_group (CwSandboxWorld     *world,
                     CwSbDbInstance     *db,
                     const char         *name,
                     const char         *description,
                     const char * const *pairs)
{
  g_autofree char *family = cw_sb_model_parameter_family (db->engine, db->engine_version);
  CwSbParameterGroup *group = cw_sb_model_add_parameter_group (world, REGION, CW_SB_DB_PARAMETER_GROUP, name, family,
                                                               description);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (!cw_sb_model_set_parameter (group, pairs[i], pairs[i + 1]))
      g_warning ("%s cannot be set in %s", pairs[i], name);
  g_free (db->access.parameter_group);
  db->access.parameter_group = g_strdup (name);
}

/* What the databases are ready for: orders-mysql for a migration (ROW events with full
 * row images, backups on); billing-mysql writes MIXED events and takes TLS only;
 * public-mysql keeps the default group (MIXED, not modifiable) and no backups, so no
 * binlog; inventory-aurora's default cluster group keeps its binlog OFF. */
static void
set_up_databases (CwSandboxWorld *world,
                  CwSbDbInstance *orders,
                  CwSbDbInstance *billing)
{
  const char * const ready[] = { "binlog_format", "ROW", "binlog_row_image", "full", "max_connections", "500", NULL };
  const char * const mixed[] = { "binlog_format", "MIXED", "require_secure_transport", "1", NULL };
  CwSbDbInstance *public = cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, "public-mysql");
  GPtrArray *instances = cw_sandbox_world_list (world, CW_SB_DB_INSTANCE);

  for (guint i = 0; i < instances->len; i++)
    ((CwSbDbInstance *) instances->pdata[i])->access.backup_retention = 7;
  use_parameter_group (world, orders, "orders-mysql80", "orders: binlog for replication", ready);
  use_parameter_group (world, billing, "billing-mysql80", "billing: TLS only", mixed);
  public->access.backup_retention = 0;
}

/* The NLB's group must be let into the database's for health checks to pass. */
static CwSbSecurityGroup *
add_nlb_group (CwSandboxWorld *world,
               World          *base,
               const char     *name)
{
  CwSbSecurityGroup *group = add_group (world, base->prod, name, "Load balancer of a private link");

  cw_sb_model_add_ingress (world, group, "tcp", 3306, 3306, "10.0.0.0/8", NULL, "From the endpoint");
  cw_sb_model_add_ingress (world, base->prod_db, "tcp", 3306, 3306, NULL, group->base.id, name);
  return group;
}

static void
load_default (CwSandboxWorld *world,
              World          *base)
{
  const char * const zone_ids[] = { "use1-az1", "use1-az2", "use1-az4", NULL };
  const char * const starter_zones[] = { "usw2-az1", "usw2-az2", NULL };
  CwSbDbInstance *billing;
  CwSbDbInstance *orders;
  g_autofree char *billing_old_ip = NULL;
  LinkSpec healthy = { "orders-privatelink", "orders (set up by hand)", NULL, NULL, NULL, FALSE, "ACTIVE", NULL,
                       "dba@example.com" };
  LinkSpec drifted = { "billing-privatelink", "billing (set up by hand)", NULL, NULL, NULL, TRUE, "ACTIVE", NULL,
                       "dba@example.com" };

  cw_sb_model_add_tidb_project (world, CW_SB_SCENARIO_PROJECT_ID, "default project");
  base->cluster = cw_sb_model_add_tidb_cluster (world, CW_SB_SCENARIO_CLUSTER_ID, "sandbox-essential",
                                                "aws-us-east-1", "ESSENTIAL", CW_SB_SCENARIO_PROJECT_ID, zone_ids);
  cw_sb_model_add_tidb_cluster (world, CW_SB_SCENARIO_STARTER_ID, "sandbox-starter", "aws-us-west-2", "STARTER",
                                CW_SB_SCENARIO_PROJECT_ID, starter_zones);
  add_network (world, base);
  orders = add_databases (world, base, &billing);
  set_up_databases (world, orders, billing);
  healthy.db = orders;
  healthy.nlb_group = add_nlb_group (world, base, "orders-privatelink-nlb");
  add_link (world, base, &healthy);
  /* The billing link was made when the primary was in us-east-1c; a Multi-AZ failover
   * has moved it to us-east-1b since, and the target still points at the old IP. */
  billing_old_ip = g_strdup (db_ip (world, billing));
  drifted.db = billing;
  drifted.target_ip = billing_old_ip;
  drifted.nlb_group = add_nlb_group (world, base, "billing-privatelink-nlb");
  add_link (world, base, &drifted);
  cw_sb_model_failover (world, billing->base.id, NULL);
}

/* Mostly active links, some waiting for acceptance, a few failed; half made by
 * Causeway (tagged), half by hand. */
static void
load_many_links (CwSandboxWorld *world,
                 World          *base)
{
  CwSbDbInstance *orders = cw_sandbox_world_peek (world, CW_SB_DB_INSTANCE, "orders-mysql");
  CwSbSecurityGroup *group = add_nlb_group (world, base, "bulk-nlb");

  for (guint i = 1; i <= CW_SB_LARGE_LINKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("bulk-%04u", i);
      g_autofree char *display_name = g_strdup_printf ("bulk link %04u", i);
      g_autofree char *tag = i % 2 ? NULL : cw_sandbox_world_new_uuid (world);
      LinkSpec spec = { name, display_name, orders, NULL, group, FALSE,
                        i % 97 == 0 ? "FAILED" : i % 50 == 0 ? "PENDING_ACCEPTANCE" : "ACTIVE",
                        tag, tag ? "apikey-" CW_SANDBOX_TIDB_PUBLIC_KEY : "dba@example.com" };

      add_link (world, base, &spec);
    }
}

gboolean
cw_sb_scenario_load (CwSandboxWorld  *world,
                     const char      *name,
                     GError         **error)
{
  World base = { 0 };

  if (g_strcmp0 (name, "default") != 0 && g_strcmp0 (name, "large") != 0)
    {
      g_set_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_INVALID_OPTION,
                   "Unknown scenario “%s”: the scenarios are default and large", name ? name : "");
      return FALSE;
    }
  cw_sandbox_world_lock (world);
  load_default (world, &base);
  if (g_str_equal (name, "large"))
    load_many_links (world, &base);
  cw_sandbox_world_unlock (world);
  return TRUE;
}
