/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-elbv2.h: the Elastic Load Balancing v2 operations Causeway uses (DESIGN.md §3.1)
 *
 * Each operation is an _async/_finish pair on a CwAwsClient. List results are
 * GPtrArrays of the records below, every page included.
 */
#pragma once

#include "cw-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char      *target_group_arn;
  char      *target_group_name;
  char      *protocol;
  int        port;
  char      *vpc_id;
  char      *target_type;
  char      *ip_address_type;
  char      *health_check_protocol;
  char      *health_check_port;
  gboolean   health_check_enabled;
  int        health_check_interval_seconds;
  int        healthy_threshold_count;
  int        unhealthy_threshold_count;
  char     **load_balancer_arns;
} CwElbTargetGroup;

typedef struct {
  char *target_id;          /* an IP address for target type ip */
  int   target_port;
  char *target_availability_zone;
  char *health_check_port;
  char *state;              /* initial, healthy, unhealthy, unused, draining, unavailable */
  char *reason;             /* Elb.RegistrationInProgress, Target.Timeout, … */
  char *description;
} CwElbTargetHealth;

typedef struct {
  char  *zone_name;
  char  *subnet_id;
  char **addresses;         /* private IPv4 addresses, when AWS lists them */
} CwElbAvailabilityZone;

typedef struct {
  char      *load_balancer_arn;
  char      *load_balancer_name;
  char      *dns_name;
  char      *canonical_hosted_zone_id;
  char      *created_time;
  char      *scheme;        /* internal, internet-facing */
  char      *vpc_id;
  char      *state;         /* provisioning, active, active_impaired, failed */
  char      *state_reason;
  char      *type;          /* network, application, gateway */
  char      *ip_address_type;
  GPtrArray *availability_zones;  /* of CwElbAvailabilityZone */
  char     **security_groups;
} CwElbLoadBalancer;

typedef struct {
  char *type;
  char *target_group_arn;
  int   order;
} CwElbAction;

typedef struct {
  char      *listener_arn;
  char      *load_balancer_arn;
  int        port;
  char      *protocol;
  GPtrArray *default_actions;     /* of CwElbAction */
} CwElbListener;

typedef struct {
  char      *resource_arn;
  GPtrArray *tags;                /* of CwAwsKeyValue */
} CwElbTagDescription;

CW_AWS_DECLARE_RECORD (CwElbTargetGroup, cw_elb_target_group)
CW_AWS_DECLARE_RECORD (CwElbTargetHealth, cw_elb_target_health)
CW_AWS_DECLARE_RECORD (CwElbAvailabilityZone, cw_elb_availability_zone)
CW_AWS_DECLARE_RECORD (CwElbLoadBalancer, cw_elb_load_balancer)
CW_AWS_DECLARE_RECORD (CwElbAction, cw_elb_action)
CW_AWS_DECLARE_RECORD (CwElbListener, cw_elb_listener)
CW_AWS_DECLARE_RECORD (CwElbTagDescription, cw_elb_tag_description)

/* A target given to Register/Deregister/DescribeTargetHealth. Arrays of them end with
 * an element whose id is NULL; port 0 leaves the port to the target group. */
typedef struct {
  const char *id;
  int         port;
  const char *availability_zone;
} CwElbTarget;

const CwAwsOperation * const *cw_elbv2_list_operations (guint *n_operations);

void               cw_elbv2_create_target_group_async         (CwAwsClient         *client,
                                                               const char          *name,
                                                               const char          *protocol,
                                                               int                  port,
                                                               const char          *vpc_id,
                                                               const char          *target_type,
                                                               const CwAwsKeyValue *tags,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
CwElbTargetGroup  *cw_elbv2_create_target_group_finish        (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_modify_target_group_attributes_async  (CwAwsClient         *client,
                                                                   const char          *target_group_arn,
                                                                   const CwAwsKeyValue *attributes,
                                                                   CwAwsCallFlags       flags,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
GPtrArray         *cw_elbv2_modify_target_group_attributes_finish (CwAwsClient         *client,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void               cw_elbv2_register_targets_async            (CwAwsClient         *client,
                                                               const char          *target_group_arn,
                                                               const CwElbTarget   *targets,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean           cw_elbv2_register_targets_finish           (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_deregister_targets_async          (CwAwsClient         *client,
                                                               const char          *target_group_arn,
                                                               const CwElbTarget   *targets,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean           cw_elbv2_deregister_targets_finish         (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_describe_target_groups_async      (CwAwsClient         *client,
                                                               const char          *load_balancer_arn,
                                                               const char * const  *target_group_arns,
                                                               const char * const  *names,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *cw_elbv2_describe_target_groups_finish     (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_describe_target_health_async      (CwAwsClient         *client,
                                                               const char          *target_group_arn,
                                                               const CwElbTarget   *targets,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *cw_elbv2_describe_target_health_finish     (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_create_load_balancer_async        (CwAwsClient         *client,
                                                               const char          *name,
                                                               const char * const  *subnets,
                                                               const char * const  *security_groups,
                                                               const char          *scheme,
                                                               const char          *type,
                                                               const CwAwsKeyValue *tags,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
CwElbLoadBalancer *cw_elbv2_create_load_balancer_finish       (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_describe_load_balancers_async     (CwAwsClient         *client,
                                                               const char * const  *load_balancer_arns,
                                                               const char * const  *names,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *cw_elbv2_describe_load_balancers_finish    (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_create_listener_async             (CwAwsClient         *client,
                                                               const char          *load_balancer_arn,
                                                               const char          *protocol,
                                                               int                  port,
                                                               const char          *target_group_arn,
                                                               const CwAwsKeyValue *tags,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
CwElbListener     *cw_elbv2_create_listener_finish            (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_describe_listeners_async          (CwAwsClient         *client,
                                                               const char          *load_balancer_arn,
                                                               const char * const  *listener_arns,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *cw_elbv2_describe_listeners_finish         (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_delete_listener_async             (CwAwsClient         *client,
                                                               const char          *listener_arn,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean           cw_elbv2_delete_listener_finish            (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_delete_load_balancer_async        (CwAwsClient         *client,
                                                               const char          *load_balancer_arn,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean           cw_elbv2_delete_load_balancer_finish       (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_delete_target_group_async         (CwAwsClient         *client,
                                                               const char          *target_group_arn,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean           cw_elbv2_delete_target_group_finish        (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void               cw_elbv2_describe_tags_async               (CwAwsClient         *client,
                                                               const char * const  *resource_arns,
                                                               CwAwsCallFlags       flags,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *cw_elbv2_describe_tags_finish              (CwAwsClient         *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
