/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-rds.c: the simulated RDS (its databases, read-only) and STS */
#define G_LOG_DOMAIN "cw-sandbox-rds"

#include "config.h"

#include "cw-sandbox-aws.h"
#include "cw-sandbox-model.h"

#define RDS_HOSTED_ZONE "Z2R2ITUGPM61AM"

static const CwSbPaging rds_paging = { NULL, "Marker", "MaxRecords", 100, 20, 100 };

static char *
rds_arn (CwSbResource *resource,
         const char   *type)
{
  return g_strdup_printf ("arn:aws:rds:%s:" CW_SB_ACCOUNT_ID ":%s:%s", resource->region, type, resource->id);
}

static void
write_security_groups (CwSbAwsCall *call,
                       char       **group_ids)
{
  cw_sb_xml_open (call->xml, "VpcSecurityGroups");
  for (guint i = 0; group_ids[i] != NULL; i++)
    {
      cw_sb_xml_open (call->xml, "VpcSecurityGroupMembership");
      cw_sb_xml_text (call->xml, "VpcSecurityGroupId", group_ids[i]);
      cw_sb_xml_text (call->xml, "Status", "active");
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

static void
write_subnet_group (CwSbAwsCall    *call,
                    CwSbDbInstance *db)
{
  cw_sb_xml_open (call->xml, "DBSubnetGroup");
  cw_sb_xml_text (call->xml, "DBSubnetGroupName", db->subnet_group);
  cw_sb_xml_text (call->xml, "DBSubnetGroupDescription", "Subnets of the VPC");
  cw_sb_xml_text (call->xml, "VpcId", db->vpc_id);
  cw_sb_xml_text (call->xml, "SubnetGroupStatus", "Complete");
  cw_sb_xml_open (call->xml, "Subnets");
  for (guint i = 0; db->subnet_ids[i] != NULL; i++)
    {
      CwSbSubnet *subnet = cw_sandbox_world_peek (call->world, CW_SB_SUBNET, db->subnet_ids[i]);

      cw_sb_xml_open (call->xml, "Subnet");
      cw_sb_xml_text (call->xml, "SubnetIdentifier", db->subnet_ids[i]);
      cw_sb_xml_open (call->xml, "SubnetAvailabilityZone");
      cw_sb_xml_text (call->xml, "Name", subnet ? subnet->zone_name : NULL);
      cw_sb_xml_close (call->xml);
      cw_sb_xml_open (call->xml, "SubnetOutpost");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_text (call->xml, "SubnetStatus", "Active");
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_xml_open (call->xml, "SupportedNetworkTypes");
  cw_sb_xml_text (call->xml, "member", "IPV4");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
}

static void
write_parameter_groups (CwSbAwsCall    *call,
                        CwSbDbInstance *db)
{
  cw_sb_xml_open (call->xml, "DBParameterGroups");
  cw_sb_xml_open (call->xml, "DBParameterGroup");
  cw_sb_xml_text (call->xml, "DBParameterGroupName", db->access.parameter_group);
  cw_sb_xml_text (call->xml, "ParameterApplyStatus", "in-sync");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
}

static void
write_db_instance (CwSbAwsCall *call,
                   gpointer     item)
{
  CwSbDbInstance *db = item;
  CwSbDbAccess *access = cw_sb_model_db_access (call->world, db);
  g_autofree char *arn = rds_arn (&db->base, "db");

  cw_sb_xml_text (call->xml, "DBInstanceIdentifier", db->base.id);
  cw_sb_xml_text (call->xml, "DBInstanceClass", db->instance_class);
  cw_sb_xml_text (call->xml, "Engine", db->engine);
  cw_sb_xml_text (call->xml, "DBInstanceStatus", "available");
  cw_sb_xml_text (call->xml, "MasterUsername", access->master_user);
  cw_sb_xml_open (call->xml, "Endpoint");
  cw_sb_xml_text (call->xml, "Address", db->host);
  cw_sb_xml_int (call->xml, "Port", db->port);
  cw_sb_xml_text (call->xml, "HostedZoneId", RDS_HOSTED_ZONE);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_int (call->xml, "AllocatedStorage", db->cluster_id ? 1 : 100);
  cw_sb_xml_time (call->xml, "InstanceCreateTime", db->base.created);
  cw_sb_xml_text (call->xml, "PreferredBackupWindow", "03:00-03:30");
  cw_sb_xml_int (call->xml, "BackupRetentionPeriod", access->backup_retention);
  write_security_groups (call, db->group_ids);
  write_parameter_groups (call, db);
  cw_sb_xml_text (call->xml, "AvailabilityZone", db->zone_name);
  write_subnet_group (call, db);
  cw_sb_xml_text (call->xml, "PreferredMaintenanceWindow", "sun:05:00-sun:05:30");
  cw_sb_xml_open (call->xml, "PendingModifiedValues");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_bool (call->xml, "MultiAZ", db->multi_az);
  cw_sb_xml_text (call->xml, "EngineVersion", db->engine_version);
  cw_sb_xml_bool (call->xml, "AutoMinorVersionUpgrade", TRUE);
  cw_sb_xml_text (call->xml, "LicenseModel", g_str_has_prefix (db->engine, "postgres") ? "postgresql-license"
                                                                                        : "general-public-license");
  cw_sb_xml_text (call->xml, "SecondaryAvailabilityZone", db->secondary_zone_name);
  cw_sb_xml_bool (call->xml, "PubliclyAccessible", db->publicly_accessible);
  cw_sb_xml_text (call->xml, "StorageType", db->cluster_id ? "aurora" : "gp3");
  cw_sb_xml_int (call->xml, "DbInstancePort", 0);
  cw_sb_xml_text (call->xml, "DBClusterIdentifier", db->cluster_id);
  cw_sb_xml_bool (call->xml, "StorageEncrypted", TRUE);
  cw_sb_xml_text (call->xml, "DbiResourceId", db->resource_id);
  cw_sb_xml_text (call->xml, "CACertificateIdentifier", "rds-ca-rsa2048-g1");
  cw_sb_xml_bool (call->xml, "CopyTagsToSnapshot", TRUE);
  cw_sb_xml_text (call->xml, "DBInstanceArn", arn);
  cw_sb_xml_bool (call->xml, "IAMDatabaseAuthenticationEnabled", FALSE);
  cw_sb_xml_bool (call->xml, "DeletionProtection", FALSE);
  cw_sb_aws_write_tags (call, "TagList", "Tag", db->base.tags);
  cw_sb_xml_text (call->xml, "NetworkType", "IPV4");
}

static gboolean
db_instance_values (CwSandboxWorld *world,
                    gpointer        item,
                    const char     *name,
                    GPtrArray      *values)
{
  static const char * const names[] = { "db-cluster-id", "db-instance-id", "dbi-resource-id", "engine", "domain", NULL };
  CwSbDbInstance *db = item;

  if (!g_strv_contains (names, name) || db == NULL)
    return g_strv_contains (names, name);
  if (g_str_equal (name, "db-cluster-id"))
    cw_sb_filter_value (values, db->cluster_id);
  else if (g_str_equal (name, "db-instance-id"))
    {
      cw_sb_filter_value (values, db->base.id);
      g_ptr_array_add (values, rds_arn (&db->base, "db"));
    }
  else if (g_str_equal (name, "dbi-resource-id"))
    cw_sb_filter_value (values, db->resource_id);
  else if (g_str_equal (name, "engine"))
    cw_sb_filter_value (values, db->engine);
  return TRUE;
}

typedef struct {
  CwSbKind          kind;
  const char       *id_param;
  const char       *not_found_code;
  const char       *noun;
  CwSbFilterValues  collect;
  CwSbWriteItem     write;
  const char       *list_name;
  const char       *item_name;
  gboolean          id_last;         /* "DBParameterGroup not found: ID" */
} Describe;

/* One resource by identifier, or the filtered listing; a page either way. */
static gboolean
describe (CwSbAwsCall     *call,
          const Describe  *what,
          GError         **error)
{
  const char *id = cw_sb_aws_param (call, what->id_param);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *marker = NULL;

  if (id != NULL)
    {
      CwSbResource *resource = cw_sandbox_world_find (call->world, what->kind, id);

      if ((resource == NULL || !g_str_equal (resource->region, call->region)) && what->id_last)
        return cw_sb_aws_fail (error, 404, what->not_found_code, "%s not found: %s", what->noun, id);
      if (resource == NULL || !g_str_equal (resource->region, call->region))
        return cw_sb_aws_fail (error, 404, what->not_found_code, "%s %s not found.", what->noun, id);
      items = g_ptr_array_new ();
      g_ptr_array_add (items, resource);
    }
  else
    items = cw_sb_aws_listing (call, what->kind);
  if (!cw_sb_aws_filter (call, "Filters", what->collect, FALSE, items, error) ||
      !cw_sb_aws_page (call, &rds_paging, items, &marker, error))
    return FALSE;
  cw_sb_aws_write_items (call, what->list_name, what->item_name, items, what->write);
  cw_sb_xml_text (call->xml, "Marker", marker);
  return TRUE;
}

static gboolean
describe_db_instances (CwSbAwsCall  *call,
                       GError      **error)
{
  static const Describe what = { CW_SB_DB_INSTANCE, "DBInstanceIdentifier", "DBInstanceNotFound", "DBInstance",
                                 db_instance_values, write_db_instance, "DBInstances", "DBInstance" };

  return describe (call, &what, error);
}

static void
write_db_cluster (CwSbAwsCall *call,
                  gpointer     item)
{
  CwSbDbCluster *cluster = item;
  g_autofree char *arn = rds_arn (&cluster->base, "cluster");
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();

  cw_sb_xml_int (call->xml, "AllocatedStorage", 1);
  for (guint i = 0; cluster->member_ids[i] != NULL; i++)
    {
      CwSbDbInstance *member = cw_sandbox_world_peek (call->world, CW_SB_DB_INSTANCE, cluster->member_ids[i]);

      if (member != NULL && !g_ptr_array_find_with_equal_func (zones, member->zone_name, g_str_equal, NULL))
        g_ptr_array_add (zones, member->zone_name);
    }
  g_ptr_array_add (zones, NULL);
  cw_sb_xml_strings (call->xml, "AvailabilityZones", "AvailabilityZone", (const char * const *) zones->pdata);
  cw_sb_xml_int (call->xml, "BackupRetentionPeriod", cluster->access.backup_retention);
  cw_sb_xml_text (call->xml, "DBClusterIdentifier", cluster->base.id);
  cw_sb_xml_text (call->xml, "DBClusterParameterGroup", cluster->access.parameter_group);
  cw_sb_xml_text (call->xml, "DBSubnetGroup", cluster->subnet_group);
  cw_sb_xml_text (call->xml, "Status", "available");
  cw_sb_xml_text (call->xml, "Endpoint", cluster->host);
  cw_sb_xml_text (call->xml, "ReaderEndpoint", cluster->reader_host);
  cw_sb_xml_bool (call->xml, "MultiAZ", g_strv_length (cluster->member_ids) > 1);
  cw_sb_xml_text (call->xml, "Engine", cluster->engine);
  cw_sb_xml_text (call->xml, "EngineVersion", cluster->engine_version);
  cw_sb_xml_int (call->xml, "Port", cluster->port);
  cw_sb_xml_text (call->xml, "MasterUsername", cluster->access.master_user);
  cw_sb_xml_text (call->xml, "PreferredBackupWindow", "03:00-03:30");
  cw_sb_xml_text (call->xml, "PreferredMaintenanceWindow", "sun:05:00-sun:05:30");
  cw_sb_xml_open (call->xml, "DBClusterMembers");
  for (guint i = 0; cluster->member_ids[i] != NULL; i++)
    {
      cw_sb_xml_open (call->xml, "DBClusterMember");
      cw_sb_xml_text (call->xml, "DBInstanceIdentifier", cluster->member_ids[i]);
      cw_sb_xml_bool (call->xml, "IsClusterWriter", g_str_equal (cluster->member_ids[i], cluster->writer_id));
      cw_sb_xml_text (call->xml, "DBClusterParameterGroupStatus", "in-sync");
      cw_sb_xml_int (call->xml, "PromotionTier", 1);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  write_security_groups (call, cluster->group_ids);
  cw_sb_xml_text (call->xml, "HostedZoneId", RDS_HOSTED_ZONE);
  cw_sb_xml_bool (call->xml, "StorageEncrypted", TRUE);
  cw_sb_xml_text (call->xml, "DbClusterResourceId", cluster->resource_id);
  cw_sb_xml_text (call->xml, "DBClusterArn", arn);
  cw_sb_xml_bool (call->xml, "IAMDatabaseAuthenticationEnabled", FALSE);
  cw_sb_xml_time (call->xml, "ClusterCreateTime", cluster->base.created);
  cw_sb_xml_text (call->xml, "EngineMode", "provisioned");
  cw_sb_xml_bool (call->xml, "DeletionProtection", FALSE);
  cw_sb_xml_bool (call->xml, "HttpEndpointEnabled", FALSE);
  cw_sb_xml_bool (call->xml, "CopyTagsToSnapshot", TRUE);
  cw_sb_xml_bool (call->xml, "CrossAccountClone", FALSE);
  cw_sb_aws_write_tags (call, "TagList", "Tag", cluster->base.tags);
  cw_sb_xml_text (call->xml, "NetworkType", "IPV4");
}

static gboolean
db_cluster_values (CwSandboxWorld *world,
                   gpointer        item,
                   const char     *name,
                   GPtrArray      *values)
{
  static const char * const names[] = { "db-cluster-id", "db-cluster-resource-id", "engine", "clone-group-id",
                                        "domain", NULL };
  CwSbDbCluster *cluster = item;

  if (!g_strv_contains (names, name) || cluster == NULL)
    return g_strv_contains (names, name);
  if (g_str_equal (name, "db-cluster-id"))
    {
      cw_sb_filter_value (values, cluster->base.id);
      g_ptr_array_add (values, rds_arn (&cluster->base, "cluster"));
    }
  else if (g_str_equal (name, "db-cluster-resource-id"))
    cw_sb_filter_value (values, cluster->resource_id);
  else if (g_str_equal (name, "engine"))
    cw_sb_filter_value (values, cluster->engine);
  return TRUE;
}

static gboolean
describe_db_clusters (CwSbAwsCall  *call,
                      GError      **error)
{
  static const Describe what = { CW_SB_DB_CLUSTER, "DBClusterIdentifier", "DBClusterNotFoundFault", "DBCluster",
                                 db_cluster_values, write_db_cluster, "DBClusters", "DBCluster" };

  return describe (call, &what, error);
}

/* ---- parameter groups ---- */

static gboolean
no_filters (CwSandboxWorld *world,
            gpointer        item,
            const char     *name,
            GPtrArray      *values)
{
  return FALSE;
}

static void
write_parameter_group (CwSbAwsCall *call,
                       gpointer     item)
{
  CwSbParameterGroup *group = item;
  g_autofree char *arn = rds_arn (&group->base, "pg");

  cw_sb_xml_text (call->xml, "DBParameterGroupName", group->base.id);
  cw_sb_xml_text (call->xml, "DBParameterGroupFamily", group->family);
  cw_sb_xml_text (call->xml, "Description", group->description);
  cw_sb_xml_text (call->xml, "DBParameterGroupArn", arn);
}

static gboolean
describe_db_parameter_groups (CwSbAwsCall  *call,
                              GError      **error)
{
  static const Describe what = { CW_SB_DB_PARAMETER_GROUP, "DBParameterGroupName", "DBParameterGroupNotFound",
                                 "DBParameterGroup", no_filters, write_parameter_group, "DBParameterGroups",
                                 "DBParameterGroup", TRUE };

  return describe (call, &what, error);
}

static guint64
parameter_key (gpointer item,
               guint    index)
{
  return ((CwSbParameter *) item)->position;
}

static void
write_parameter (CwSbAwsCall *call,
                 gpointer     item)
{
  CwSbParameter *parameter = item;

  cw_sb_xml_text (call->xml, "ParameterName", parameter->name);
  cw_sb_xml_text (call->xml, "ParameterValue", parameter->value);
  cw_sb_xml_text (call->xml, "Description", parameter->description);
  cw_sb_xml_text (call->xml, "Source", parameter->source);
  cw_sb_xml_text (call->xml, "ApplyType", parameter->apply_type);
  cw_sb_xml_text (call->xml, "DataType", parameter->data_type);
  cw_sb_xml_text (call->xml, "AllowedValues", parameter->allowed_values);
  cw_sb_xml_bool (call->xml, "IsModifiable", parameter->modifiable);
  cw_sb_xml_text (call->xml, "ApplyMethod", "pending-reboot");
}

static void
write_cluster_parameter (CwSbAwsCall *call,
                         gpointer     item)
{
  static const char * const modes[] = { "provisioned", NULL };

  write_parameter (call, item);
  cw_sb_xml_strings (call->xml, "SupportedEngineModes", "member", modes);
}

/* DescribeDBClusterParameters also takes the console's words for the sources. */
static const char *
source_filter (CwSbAwsCall  *call,
               gboolean      cluster,
               GError      **error)
{
  static const char * const sources[] = { "user", "system", "engine-default", NULL };
  static const char * const cluster_words[] = { "customer", "service", "engine", NULL };
  const char *source = cw_sb_aws_param (call, "Source");

  for (guint i = 0; source != NULL && i < G_N_ELEMENTS (cluster_words) - 1; i++)
    if (cluster && g_str_equal (source, cluster_words[i]))
      return sources[i];
  if (source != NULL && !g_strv_contains (sources, source))
    {
      cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                      "Invalid value '%s' for Source: valid values are user, system and engine-default", source);
      return NULL;
    }
  return source ? source : "";
}

static gboolean
describe_parameters (CwSbAwsCall  *call,
                     gboolean      cluster,
                     GError      **error)
{
  static const CwSbPaging paging = { parameter_key, "Marker", "MaxRecords", 100, 20, 100 };
  const char *param = cluster ? "DBClusterParameterGroupName" : "DBParameterGroupName";
  const char *name = cw_sb_aws_require (call, param, error);
  CwSbParameterGroup *group = NULL;
  g_autoptr(GArray) parameters = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *marker = NULL;
  const char *source;

  if (name == NULL)
    return FALSE;
  group = cw_sandbox_world_find (call->world, cluster ? CW_SB_DB_CLUSTER_PARAMETER_GROUP : CW_SB_DB_PARAMETER_GROUP, name);
  if (group == NULL || !g_str_equal (group->base.region, call->region))
    return cw_sb_aws_fail (error, 404, "DBParameterGroupNotFound", "%s not found: %s",
                           cluster ? "DBClusterParameterGroup" : "DBParameterGroup", name);
  source = source_filter (call, cluster, error);
  if (source == NULL || !cw_sb_aws_filter (call, "Filters", no_filters, FALSE, items, error))
    return FALSE;
  parameters = cw_sb_model_parameters (group);
  for (guint i = 0; i < parameters->len; i++)
    {
      CwSbParameter *parameter = &g_array_index (parameters, CwSbParameter, i);

      if (*source == '\0' || g_str_equal (parameter->source, source))
        g_ptr_array_add (items, parameter);
    }
  if (!cw_sb_aws_page (call, &paging, items, &marker, error))
    return FALSE;
  cw_sb_aws_write_items (call, "Parameters", "Parameter", items, cluster ? write_cluster_parameter : write_parameter);
  cw_sb_xml_text (call->xml, "Marker", marker);
  return TRUE;
}

static gboolean
describe_db_parameters (CwSbAwsCall  *call,
                        GError      **error)
{
  return describe_parameters (call, FALSE, error);
}

static gboolean
describe_db_cluster_parameters (CwSbAwsCall  *call,
                                GError      **error)
{
  return describe_parameters (call, TRUE, error);
}

static const CwSbAwsOperation rds_operations[] = {
  { "DescribeDBClusterParameters", describe_db_cluster_parameters },
  { "DescribeDBClusters", describe_db_clusters },
  { "DescribeDBInstances", describe_db_instances },
  { "DescribeDBParameterGroups", describe_db_parameter_groups },
  { "DescribeDBParameters", describe_db_parameters },
};

const CwSbAwsOperation *
cw_sb_rds_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (rds_operations);
  return rds_operations;
}
