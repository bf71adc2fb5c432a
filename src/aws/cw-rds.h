/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-rds.h: the RDS operations Causeway uses (DESIGN.md §3.1, §12), all paged with Marker
 *
 * The databases themselves (DescribeDBInstances, DescribeDBClusters) and, for the
 * migration's readiness checks, their parameter groups and the parameters in them.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *subnet_identifier;
  char *availability_zone;
  char *status;
} CwRdsSubnet;

/* An instance's membership of a DB parameter group. */
typedef struct {
  char *db_parameter_group_name;
  char *parameter_apply_status;  /* "in-sync", "pending-reboot", "applying" */
} CwRdsDbParameterGroupStatus;

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
  int         backup_retention_period;      /* days; automated backups are on when > 0 */
  GPtrArray  *db_parameter_groups;          /* of CwRdsDbParameterGroupStatus */
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
  int         backup_retention_period;  /* days */
  char       *db_cluster_parameter_group;
} CwRdsDbCluster;

typedef struct {
  char *db_parameter_group_name;
  char *db_parameter_group_family;
  char *description;
  char *db_parameter_group_arn;
} CwRdsDbParameterGroup;

/* One parameter of a DB or DB cluster parameter group. */
typedef struct {
  char     *parameter_name;
  char     *parameter_value;   /* NULL when the group sets none (the engine's default) */
  char     *source;            /* "engine-default", "system", "user" */
  char     *apply_type;        /* "static", "dynamic" */
  char     *data_type;
  char     *allowed_values;
  char     *apply_method;      /* "immediate", "pending-reboot" */
  gboolean  is_modifiable;
} CwRdsParameter;

CW_AWS_DECLARE_RECORD (CwRdsSubnet, cw_rds_subnet)
CW_AWS_DECLARE_RECORD (CwRdsDbInstance, cw_rds_db_instance)
CW_AWS_DECLARE_RECORD (CwRdsDbClusterMember, cw_rds_db_cluster_member)
CW_AWS_DECLARE_RECORD (CwRdsDbCluster, cw_rds_db_cluster)
CW_AWS_DECLARE_RECORD (CwRdsDbParameterGroupStatus, cw_rds_db_parameter_group_status)
CW_AWS_DECLARE_RECORD (CwRdsDbParameterGroup, cw_rds_db_parameter_group)
CW_AWS_DECLARE_RECORD (CwRdsParameter, cw_rds_parameter)

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

/* DB parameter groups: one by name, or all of them (@db_parameter_group_name NULL). */
void       cw_rds_describe_db_parameter_groups_async  (CwAwsClient         *client,
                                                       const char          *db_parameter_group_name,
                                                       CwAwsCallFlags       flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray *cw_rds_describe_db_parameter_groups_finish (CwAwsClient         *client,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The parameters of a DB parameter group (DescribeDBParameters) or, for Aurora, of a DB
 * cluster parameter group (DescribeDBClusterParameters), every page. @source limits them
 * to one source (DB: "user", "system", "engine-default"; cluster: "engine", "service",
 * "customer"), NULL for all. RDS has no filter by parameter name (the model's Filters
 * "isn't currently supported"), so @parameter_names, when not NULL, keeps only those
 * parameters of the answer. */
void       cw_rds_describe_db_parameters_async          (CwAwsClient         *client,
                                                         const char          *db_parameter_group_name,
                                                         const char          *source,
                                                         const char * const  *parameter_names,
                                                         CwAwsCallFlags       flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray *cw_rds_describe_db_parameters_finish         (CwAwsClient         *client,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void       cw_rds_describe_db_cluster_parameters_async  (CwAwsClient         *client,
                                                         const char          *db_cluster_parameter_group_name,
                                                         const char          *source,
                                                         const char * const  *parameter_names,
                                                         CwAwsCallFlags       flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray *cw_rds_describe_db_cluster_parameters_finish (CwAwsClient         *client,
                                                         GAsyncResult        *result,
                                                         GError             **error);

CwRdsParameter *cw_rds_parameters_find               (GPtrArray  *parameters,
                                                      const char *parameter_name);
gboolean        cw_rds_parameter_group_is_default    (const char *parameter_group_name);

G_END_DECLS
