/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-rds.h: the RDS operations Causeway uses (DESIGN.md §3.1), both paged with Marker */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *subnet_identifier;
  char *availability_zone;
  char *status;
} CwRdsSubnet;

typedef struct {
  char       *db_instance_identifier;
  char       *db_instance_arn;
  char       *db_instance_class;
  char       *engine;
  char       *engine_version;
  char       *status;
  char       *db_name;
  char       *endpoint_address;
  int         endpoint_port;
  char       *availability_zone;
  char       *secondary_availability_zone;  /* the Multi-AZ standby's zone */
  gboolean    multi_az;
  gboolean    publicly_accessible;
  char       *db_cluster_identifier;
  char       *db_subnet_group_name;
  char       *vpc_id;
  GPtrArray  *subnets;                      /* of CwRdsSubnet */
  char      **vpc_security_group_ids;
} CwRdsDbInstance;

typedef struct {
  char     *db_instance_identifier;
  gboolean  is_cluster_writer;
} CwRdsDbClusterMember;

typedef struct {
  char       *db_cluster_identifier;
  char       *db_cluster_arn;
  char       *engine;
  char       *engine_version;
  char       *engine_mode;
  char       *status;
  char       *endpoint;          /* the writer */
  char       *reader_endpoint;
  int         port;
  gboolean    multi_az;
  gboolean    publicly_accessible;
  char      **availability_zones;
  char       *db_subnet_group_name;
  char      **vpc_security_group_ids;
  GPtrArray  *members;           /* of CwRdsDbClusterMember */
} CwRdsDbCluster;

CW_AWS_DECLARE_RECORD (CwRdsSubnet, cw_rds_subnet)
CW_AWS_DECLARE_RECORD (CwRdsDbInstance, cw_rds_db_instance)
CW_AWS_DECLARE_RECORD (CwRdsDbClusterMember, cw_rds_db_cluster_member)
CW_AWS_DECLARE_RECORD (CwRdsDbCluster, cw_rds_db_cluster)

const CwAwsOperation * const *cw_rds_list_operations (guint *n_operations);

void       cw_rds_describe_db_instances_async  (CwAwsClient         *client,
                                                const char          *db_instance_identifier,
                                                const CwAwsFilter   *filters,
                                                CwAwsCallFlags       flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *cw_rds_describe_db_instances_finish (CwAwsClient         *client,
                                                GAsyncResult        *result,
                                                GError             **error);
void       cw_rds_describe_db_clusters_async   (CwAwsClient         *client,
                                                const char          *db_cluster_identifier,
                                                const CwAwsFilter   *filters,
                                                CwAwsCallFlags       flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *cw_rds_describe_db_clusters_finish  (CwAwsClient         *client,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
