/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-rds.c
 *
 * Wire names follow botocore's rds 2014-10-31 model (query protocol), whose lists name
 * their members: Filters.Filter.1.Values.Value.1 in requests, <DBInstance>,
 * <Subnet>, <VpcSecurityGroupMembership>, <DBParameterGroup>, <Parameter> in responses.
 */
#define G_LOG_DOMAIN "cw-rds"

#include "config.h"

#include "cw-rds.h"

static const CwAwsField subnet_fields[] = {
  CW_AWS_STRING ("SubnetIdentifier", CwRdsSubnet, subnet_identifier),
  CW_AWS_STRING ("SubnetAvailabilityZone/Name", CwRdsSubnet, availability_zone),
  CW_AWS_STRING ("SubnetStatus", CwRdsSubnet, status),
};

CW_AWS_DEFINE_RECORD (CwRdsSubnet, cw_rds_subnet, subnet_fields)

static const CwAwsField db_parameter_group_status_fields[] = {
  CW_AWS_STRING ("DBParameterGroupName", CwRdsDbParameterGroupStatus, db_parameter_group_name),
  CW_AWS_STRING ("ParameterApplyStatus", CwRdsDbParameterGroupStatus, parameter_apply_status),
};

CW_AWS_DEFINE_RECORD (CwRdsDbParameterGroupStatus, cw_rds_db_parameter_group_status,
                      db_parameter_group_status_fields)

static const CwAwsField db_instance_fields[] = {
  CW_AWS_STRING ("DBInstanceIdentifier", CwRdsDbInstance, db_instance_identifier),
  CW_AWS_STRING ("DBInstanceArn", CwRdsDbInstance, db_instance_arn),
  CW_AWS_STRING ("DBInstanceClass", CwRdsDbInstance, db_instance_class),
  CW_AWS_STRING ("Engine", CwRdsDbInstance, engine),
  CW_AWS_STRING ("EngineVersion", CwRdsDbInstance, engine_version),
  CW_AWS_STRING ("DBInstanceStatus", CwRdsDbInstance, status),
  CW_AWS_STRING ("DBName", CwRdsDbInstance, db_name),
  CW_AWS_STRING ("Endpoint/Address", CwRdsDbInstance, endpoint_address),
  CW_AWS_INT ("Endpoint/Port", CwRdsDbInstance, endpoint_port),
  CW_AWS_STRING ("AvailabilityZone", CwRdsDbInstance, availability_zone),
  CW_AWS_STRING ("SecondaryAvailabilityZone", CwRdsDbInstance, secondary_availability_zone),
  CW_AWS_BOOLEAN ("MultiAZ", CwRdsDbInstance, multi_az),
  CW_AWS_BOOLEAN ("PubliclyAccessible", CwRdsDbInstance, publicly_accessible),
  CW_AWS_STRING ("DBClusterIdentifier", CwRdsDbInstance, db_cluster_identifier),
  CW_AWS_STRING ("DBSubnetGroup/DBSubnetGroupName", CwRdsDbInstance, db_subnet_group_name),
  CW_AWS_STRING ("DBSubnetGroup/VpcId", CwRdsDbInstance, vpc_id),
  CW_AWS_LIST ("DBSubnetGroup/Subnets/Subnet", CwRdsDbInstance, subnets, cw_rds_subnet_record_type),
  CW_AWS_STRV ("VpcSecurityGroups/VpcSecurityGroupMembership", "VpcSecurityGroupId",
               CwRdsDbInstance, vpc_security_group_ids),
  CW_AWS_INT ("BackupRetentionPeriod", CwRdsDbInstance, backup_retention_period),
  CW_AWS_LIST ("DBParameterGroups/DBParameterGroup", CwRdsDbInstance, db_parameter_groups,
               cw_rds_db_parameter_group_status_record_type),
};

CW_AWS_DEFINE_RECORD (CwRdsDbInstance, cw_rds_db_instance, db_instance_fields)

static const CwAwsField db_cluster_member_fields[] = {
  CW_AWS_STRING ("DBInstanceIdentifier", CwRdsDbClusterMember, db_instance_identifier),
  CW_AWS_BOOLEAN ("IsClusterWriter", CwRdsDbClusterMember, is_cluster_writer),
};

CW_AWS_DEFINE_RECORD (CwRdsDbClusterMember, cw_rds_db_cluster_member, db_cluster_member_fields)

static const CwAwsField db_cluster_fields[] = {
  CW_AWS_STRING ("DBClusterIdentifier", CwRdsDbCluster, db_cluster_identifier),
  CW_AWS_STRING ("DBClusterArn", CwRdsDbCluster, db_cluster_arn),
  CW_AWS_STRING ("Engine", CwRdsDbCluster, engine),
  CW_AWS_STRING ("EngineVersion", CwRdsDbCluster, engine_version),
  CW_AWS_STRING ("EngineMode", CwRdsDbCluster, engine_mode),
  CW_AWS_STRING ("Status", CwRdsDbCluster, status),
  CW_AWS_STRING ("Endpoint", CwRdsDbCluster, endpoint),
  CW_AWS_STRING ("ReaderEndpoint", CwRdsDbCluster, reader_endpoint),
  CW_AWS_INT ("Port", CwRdsDbCluster, port),
  CW_AWS_BOOLEAN ("MultiAZ", CwRdsDbCluster, multi_az),
  CW_AWS_BOOLEAN ("PubliclyAccessible", CwRdsDbCluster, publicly_accessible),
  CW_AWS_STRV ("AvailabilityZones/AvailabilityZone", NULL, CwRdsDbCluster, availability_zones),
  CW_AWS_STRING ("DBSubnetGroup", CwRdsDbCluster, db_subnet_group_name),
  CW_AWS_STRV ("VpcSecurityGroups/VpcSecurityGroupMembership", "VpcSecurityGroupId",
               CwRdsDbCluster, vpc_security_group_ids),
  CW_AWS_LIST ("DBClusterMembers/DBClusterMember", CwRdsDbCluster, members, cw_rds_db_cluster_member_record_type),
  CW_AWS_INT ("BackupRetentionPeriod", CwRdsDbCluster, backup_retention_period),
  CW_AWS_STRING ("DBClusterParameterGroup", CwRdsDbCluster, db_cluster_parameter_group),
};

CW_AWS_DEFINE_RECORD (CwRdsDbCluster, cw_rds_db_cluster, db_cluster_fields)

static const CwAwsField db_parameter_group_fields[] = {
  CW_AWS_STRING ("DBParameterGroupName", CwRdsDbParameterGroup, db_parameter_group_name),
  CW_AWS_STRING ("DBParameterGroupFamily", CwRdsDbParameterGroup, db_parameter_group_family),
  CW_AWS_STRING ("Description", CwRdsDbParameterGroup, description),
  CW_AWS_STRING ("DBParameterGroupArn", CwRdsDbParameterGroup, db_parameter_group_arn),
};

CW_AWS_DEFINE_RECORD (CwRdsDbParameterGroup, cw_rds_db_parameter_group, db_parameter_group_fields)

/* Parameter's Description is left out: a group has some 400 parameters, and nothing
 * Causeway shows needs AWS's prose about them. */
static const CwAwsField parameter_fields[] = {
  CW_AWS_STRING ("ParameterName", CwRdsParameter, parameter_name),
  CW_AWS_STRING ("ParameterValue", CwRdsParameter, parameter_value),
  CW_AWS_STRING ("Source", CwRdsParameter, source),
  CW_AWS_STRING ("ApplyType", CwRdsParameter, apply_type),
  CW_AWS_STRING ("DataType", CwRdsParameter, data_type),
  CW_AWS_STRING ("AllowedValues", CwRdsParameter, allowed_values),
  CW_AWS_STRING ("ApplyMethod", CwRdsParameter, apply_method),
  CW_AWS_BOOLEAN ("IsModifiable", CwRdsParameter, is_modifiable),
};

CW_AWS_DEFINE_RECORD (CwRdsParameter, cw_rds_parameter, parameter_fields)

static const CwAwsOperation describe_db_instances = {
  CW_AWS_SERVICE_RDS, "DescribeDBInstances", CW_AWS_RESULT_LIST,
  "DBInstances/DBInstance", &cw_rds_db_instance_record_type, "Marker", "Marker",
};
static const CwAwsOperation describe_db_clusters = {
  CW_AWS_SERVICE_RDS, "DescribeDBClusters", CW_AWS_RESULT_LIST,
  "DBClusters/DBCluster", &cw_rds_db_cluster_record_type, "Marker", "Marker",
};

static const CwAwsOperation describe_db_parameter_groups = {
  CW_AWS_SERVICE_RDS, "DescribeDBParameterGroups", CW_AWS_RESULT_LIST,
  "DBParameterGroups/DBParameterGroup", &cw_rds_db_parameter_group_record_type, "Marker", "Marker",
};
static const CwAwsOperation describe_db_parameters = {
  CW_AWS_SERVICE_RDS, "DescribeDBParameters", CW_AWS_RESULT_LIST,
  "Parameters/Parameter", &cw_rds_parameter_record_type, "Marker", "Marker",
};
static const CwAwsOperation describe_db_cluster_parameters = {
  CW_AWS_SERVICE_RDS, "DescribeDBClusterParameters", CW_AWS_RESULT_LIST,
  "Parameters/Parameter", &cw_rds_parameter_record_type, "Marker", "Marker",
};

static const CwAwsOperation * const operations[] = {
  &describe_db_instances, &describe_db_clusters,
  &describe_db_parameter_groups, &describe_db_parameters, &describe_db_cluster_parameters,
};

/* Every operation of this file, for the fuzzer and for IAM policy generation. */
const CwAwsOperation * const *
cw_rds_list_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}

static void
describe_async (CwAwsClient          *client,
                const CwAwsOperation *operation,
                const char           *identifier_name,
                const char           *identifier,
                const CwAwsFilter    *filters,
                CwAwsCallFlags        flags,
                GCancellable         *cancellable,
                GAsyncReadyCallback   callback,
                gpointer              user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  cw_aws_request_set (request, identifier_name, identifier);
  cw_aws_request_add_filters (request, filters);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

/* One instance by identifier, or all of them (filtered), every page. */
void
cw_rds_describe_db_instances_async (CwAwsClient         *client,
                                    const char          *db_instance_identifier,
                                    const CwAwsFilter   *filters,
                                    CwAwsCallFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  describe_async (client, &describe_db_instances, "DBInstanceIdentifier", db_instance_identifier, filters,
                  flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_rds_describe_db_instances, GPtrArray *)

void
cw_rds_describe_db_clusters_async (CwAwsClient         *client,
                                   const char          *db_cluster_identifier,
                                   const CwAwsFilter   *filters,
                                   CwAwsCallFlags       flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  describe_async (client, &describe_db_clusters, "DBClusterIdentifier", db_cluster_identifier, filters,
                  flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_rds_describe_db_clusters, GPtrArray *)

void
cw_rds_describe_db_parameter_groups_async (CwAwsClient         *client,
                                           const char          *db_parameter_group_name,
                                           CwAwsCallFlags       flags,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  describe_async (client, &describe_db_parameter_groups, "DBParameterGroupName", db_parameter_group_name, NULL,
                  flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_rds_describe_db_parameter_groups, GPtrArray *)

/* ---- parameters: every page, then only the wanted ones ---- */

static void
parameters_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char * const *wanted = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) parameters = cw_aws_client_call_finish (CW_AWS_CLIENT (source), result, &error);

  if (parameters == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = parameters->len; wanted != NULL && i > 0; i--)
    {
      CwRdsParameter *parameter = g_ptr_array_index (parameters, i - 1);

      if (parameter->parameter_name == NULL || !g_strv_contains (wanted, parameter->parameter_name))
        g_ptr_array_remove_index (parameters, i - 1);
    }
  g_task_return_pointer (task, g_steal_pointer (&parameters), (GDestroyNotify) g_ptr_array_unref);
}

static void
parameters_async (CwAwsClient          *client,
                  const CwAwsOperation *operation,
                  const char           *group_parameter,
                  const char           *group_name,
                  const char           *source,
                  const char * const   *parameter_names,
                  CwAwsCallFlags        flags,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data,
                  gpointer              source_tag)
{
  GTask *task;
  g_autoptr(CwAwsRequest) request = NULL;

  g_return_if_fail (group_name != NULL);
  task = g_task_new (client, cancellable, callback, user_data);
  request = cw_aws_request_new (operation);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdupv ((char **) parameter_names), (GDestroyNotify) g_strfreev);
  cw_aws_request_set (request, group_parameter, group_name);
  cw_aws_request_set (request, "Source", source);
  cw_aws_client_call_async (client, request, flags, cancellable, parameters_done, task);
}

void
cw_rds_describe_db_parameters_async (CwAwsClient         *client,
                                     const char          *db_parameter_group_name,
                                     const char          *source,
                                     const char * const  *parameter_names,
                                     CwAwsCallFlags       flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  parameters_async (client, &describe_db_parameters, "DBParameterGroupName", db_parameter_group_name, source,
                    parameter_names, flags, cancellable, callback, user_data, cw_rds_describe_db_parameters_async);
}

GPtrArray *
cw_rds_describe_db_parameters_finish (CwAwsClient   *client,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_rds_describe_db_parameters_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Aurora keeps binlog_format in the cluster's group, not in its instances' groups. */
void
cw_rds_describe_db_cluster_parameters_async (CwAwsClient         *client,
                                             const char          *db_cluster_parameter_group_name,
                                             const char          *source,
                                             const char * const  *parameter_names,
                                             CwAwsCallFlags       flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  parameters_async (client, &describe_db_cluster_parameters, "DBClusterParameterGroupName",
                    db_cluster_parameter_group_name, source, parameter_names, flags, cancellable, callback,
                    user_data, cw_rds_describe_db_cluster_parameters_async);
}

GPtrArray *
cw_rds_describe_db_cluster_parameters_finish (CwAwsClient   *client,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_rds_describe_db_cluster_parameters_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The parameter of that name in a list of CwRdsParameter, or NULL. */
CwRdsParameter *
cw_rds_parameters_find (GPtrArray  *parameters,
                        const char *parameter_name)
{
  for (guint i = 0; parameters != NULL && i < parameters->len; i++)
    {
      CwRdsParameter *parameter = g_ptr_array_index (parameters, i);

      if (g_strcmp0 (parameter->parameter_name, parameter_name) == 0)
        return parameter;
    }
  return NULL;
}

/* RDS's own groups ("default.mysql8.0", "default.aurora-mysql8.0") cannot be modified: a
 * change needs a custom group, attached to the database. */
gboolean
cw_rds_parameter_group_is_default (const char *parameter_group_name)
{
  return parameter_group_name != NULL && g_str_has_prefix (parameter_group_name, "default.");
}
