/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-rds.c
 *
 * Wire names follow botocore's rds 2014-10-31 model (query protocol), whose lists name
 * their members: Filters.Filter.1.Values.Value.1 in requests, <DBInstance>,
 * <Subnet>, <VpcSecurityGroupMembership> in responses.
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
};

CW_AWS_DEFINE_RECORD (CwRdsDbCluster, cw_rds_db_cluster, db_cluster_fields)

static const CwAwsOperation describe_db_instances = {
  CW_AWS_SERVICE_RDS, "DescribeDBInstances", CW_AWS_RESULT_LIST,
  "DBInstances/DBInstance", &cw_rds_db_instance_record_type, "Marker", "Marker",
};
static const CwAwsOperation describe_db_clusters = {
  CW_AWS_SERVICE_RDS, "DescribeDBClusters", CW_AWS_RESULT_LIST,
  "DBClusters/DBCluster", &cw_rds_db_cluster_record_type, "Marker", "Marker",
};

static const CwAwsOperation * const operations[] = {
  &describe_db_instances, &describe_db_clusters,
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
