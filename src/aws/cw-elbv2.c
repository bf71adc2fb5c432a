/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-elbv2.c
 *
 * Wire names follow botocore's elbv2 2015-12-01 model (query protocol): request lists
 * are Name.member.N (Subnets.member.1, Tags.member.1.Key, Targets.member.1.Id), and
 * response lists hold <member> elements inside <XResult>.
 */
#define G_LOG_DOMAIN "cw-elbv2"

#include "config.h"

#include "cw-elbv2.h"

/* Records */

static const CwAwsField target_group_fields[] = {
  CW_AWS_STRING ("TargetGroupArn", CwElbTargetGroup, target_group_arn),
  CW_AWS_STRING ("TargetGroupName", CwElbTargetGroup, target_group_name),
  CW_AWS_STRING ("Protocol", CwElbTargetGroup, protocol),
  CW_AWS_INT ("Port", CwElbTargetGroup, port),
  CW_AWS_STRING ("VpcId", CwElbTargetGroup, vpc_id),
  CW_AWS_STRING ("TargetType", CwElbTargetGroup, target_type),
  CW_AWS_STRING ("IpAddressType", CwElbTargetGroup, ip_address_type),
  CW_AWS_STRING ("HealthCheckProtocol", CwElbTargetGroup, health_check_protocol),
  CW_AWS_STRING ("HealthCheckPort", CwElbTargetGroup, health_check_port),
  CW_AWS_BOOLEAN ("HealthCheckEnabled", CwElbTargetGroup, health_check_enabled),
  CW_AWS_INT ("HealthCheckIntervalSeconds", CwElbTargetGroup, health_check_interval_seconds),
  CW_AWS_INT ("HealthyThresholdCount", CwElbTargetGroup, healthy_threshold_count),
  CW_AWS_INT ("UnhealthyThresholdCount", CwElbTargetGroup, unhealthy_threshold_count),
  CW_AWS_STRV ("LoadBalancerArns/member", NULL, CwElbTargetGroup, load_balancer_arns),
};

CW_AWS_DEFINE_RECORD (CwElbTargetGroup, cw_elb_target_group, target_group_fields)

static const CwAwsField target_health_fields[] = {
  CW_AWS_STRING ("Target/Id", CwElbTargetHealth, target_id),
  CW_AWS_INT ("Target/Port", CwElbTargetHealth, target_port),
  CW_AWS_STRING ("Target/AvailabilityZone", CwElbTargetHealth, target_availability_zone),
  CW_AWS_STRING ("HealthCheckPort", CwElbTargetHealth, health_check_port),
  CW_AWS_STRING ("TargetHealth/State", CwElbTargetHealth, state),
  CW_AWS_STRING ("TargetHealth/Reason", CwElbTargetHealth, reason),
  CW_AWS_STRING ("TargetHealth/Description", CwElbTargetHealth, description),
};

CW_AWS_DEFINE_RECORD (CwElbTargetHealth, cw_elb_target_health, target_health_fields)

static const CwAwsField availability_zone_fields[] = {
  CW_AWS_STRING ("ZoneName", CwElbAvailabilityZone, zone_name),
  CW_AWS_STRING ("SubnetId", CwElbAvailabilityZone, subnet_id),
  CW_AWS_STRV ("LoadBalancerAddresses/member", "PrivateIPv4Address", CwElbAvailabilityZone, addresses),
};

CW_AWS_DEFINE_RECORD (CwElbAvailabilityZone, cw_elb_availability_zone, availability_zone_fields)

static const CwAwsField load_balancer_fields[] = {
  CW_AWS_STRING ("LoadBalancerArn", CwElbLoadBalancer, load_balancer_arn),
  CW_AWS_STRING ("LoadBalancerName", CwElbLoadBalancer, load_balancer_name),
  CW_AWS_STRING ("DNSName", CwElbLoadBalancer, dns_name),
  CW_AWS_STRING ("CanonicalHostedZoneId", CwElbLoadBalancer, canonical_hosted_zone_id),
  CW_AWS_STRING ("CreatedTime", CwElbLoadBalancer, created_time),
  CW_AWS_STRING ("Scheme", CwElbLoadBalancer, scheme),
  CW_AWS_STRING ("VpcId", CwElbLoadBalancer, vpc_id),
  CW_AWS_STRING ("State/Code", CwElbLoadBalancer, state),
  CW_AWS_STRING ("State/Reason", CwElbLoadBalancer, state_reason),
  CW_AWS_STRING ("Type", CwElbLoadBalancer, type),
  CW_AWS_STRING ("IpAddressType", CwElbLoadBalancer, ip_address_type),
  CW_AWS_LIST ("AvailabilityZones/member", CwElbLoadBalancer, availability_zones, cw_elb_availability_zone_record_type),
  CW_AWS_STRV ("SecurityGroups/member", NULL, CwElbLoadBalancer, security_groups),
};

CW_AWS_DEFINE_RECORD (CwElbLoadBalancer, cw_elb_load_balancer, load_balancer_fields)

static const CwAwsField action_fields[] = {
  CW_AWS_STRING ("Type", CwElbAction, type),
  CW_AWS_STRING ("TargetGroupArn", CwElbAction, target_group_arn),
  CW_AWS_INT ("Order", CwElbAction, order),
};

CW_AWS_DEFINE_RECORD (CwElbAction, cw_elb_action, action_fields)

static const CwAwsField listener_fields[] = {
  CW_AWS_STRING ("ListenerArn", CwElbListener, listener_arn),
  CW_AWS_STRING ("LoadBalancerArn", CwElbListener, load_balancer_arn),
  CW_AWS_INT ("Port", CwElbListener, port),
  CW_AWS_STRING ("Protocol", CwElbListener, protocol),
  CW_AWS_LIST ("DefaultActions/member", CwElbListener, default_actions, cw_elb_action_record_type),
};

CW_AWS_DEFINE_RECORD (CwElbListener, cw_elb_listener, listener_fields)

static const CwAwsField tag_description_fields[] = {
  CW_AWS_STRING ("ResourceArn", CwElbTagDescription, resource_arn),
  CW_AWS_LIST ("Tags/member", CwElbTagDescription, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwElbTagDescription, cw_elb_tag_description, tag_description_fields)

/* Operations */

static const CwAwsOperation create_target_group = {
  CW_AWS_SERVICE_ELBV2, "CreateTargetGroup", CW_AWS_RESULT_RECORD,
  "TargetGroups/member", &cw_elb_target_group_record_type,
};
static const CwAwsOperation modify_target_group_attributes = {
  CW_AWS_SERVICE_ELBV2, "ModifyTargetGroupAttributes", CW_AWS_RESULT_LIST,
  "Attributes/member", &cw_aws_key_value_record_type,
};
static const CwAwsOperation register_targets = {
  CW_AWS_SERVICE_ELBV2, "RegisterTargets", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation deregister_targets = {
  CW_AWS_SERVICE_ELBV2, "DeregisterTargets", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation describe_target_groups = {
  CW_AWS_SERVICE_ELBV2, "DescribeTargetGroups", CW_AWS_RESULT_LIST,
  "TargetGroups/member", &cw_elb_target_group_record_type, "Marker", "NextMarker",
};
static const CwAwsOperation describe_target_health = {
  CW_AWS_SERVICE_ELBV2, "DescribeTargetHealth", CW_AWS_RESULT_LIST,
  "TargetHealthDescriptions/member", &cw_elb_target_health_record_type,
};
static const CwAwsOperation create_load_balancer = {
  CW_AWS_SERVICE_ELBV2, "CreateLoadBalancer", CW_AWS_RESULT_RECORD,
  "LoadBalancers/member", &cw_elb_load_balancer_record_type,
};
static const CwAwsOperation describe_load_balancers = {
  CW_AWS_SERVICE_ELBV2, "DescribeLoadBalancers", CW_AWS_RESULT_LIST,
  "LoadBalancers/member", &cw_elb_load_balancer_record_type, "Marker", "NextMarker",
};
static const CwAwsOperation create_listener = {
  CW_AWS_SERVICE_ELBV2, "CreateListener", CW_AWS_RESULT_RECORD,
  "Listeners/member", &cw_elb_listener_record_type,
};
static const CwAwsOperation describe_listeners = {
  CW_AWS_SERVICE_ELBV2, "DescribeListeners", CW_AWS_RESULT_LIST,
  "Listeners/member", &cw_elb_listener_record_type, "Marker", "NextMarker",
};
static const CwAwsOperation delete_listener = {
  CW_AWS_SERVICE_ELBV2, "DeleteListener", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation delete_load_balancer = {
  CW_AWS_SERVICE_ELBV2, "DeleteLoadBalancer", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation delete_target_group = {
  CW_AWS_SERVICE_ELBV2, "DeleteTargetGroup", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation describe_tags = {
  CW_AWS_SERVICE_ELBV2, "DescribeTags", CW_AWS_RESULT_LIST,
  "TagDescriptions/member", &cw_elb_tag_description_record_type,
};

static const CwAwsOperation * const operations[] = {
  &create_target_group, &modify_target_group_attributes, &register_targets, &deregister_targets,
  &describe_target_groups, &describe_target_health, &create_load_balancer, &describe_load_balancers,
  &create_listener, &describe_listeners, &delete_listener, &delete_load_balancer, &delete_target_group,
  &describe_tags,
};

/* Every operation of this file, for the fuzzer and for IAM policy generation. */
const CwAwsOperation * const *
cw_elbv2_list_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}

static void
add_targets (CwAwsRequest      *request,
             const CwElbTarget *targets)
{
  for (guint i = 0; targets != NULL && targets[i].id != NULL; i++)
    {
      g_autofree char *prefix = cw_aws_request_list_key (request, "Targets", i);
      g_autofree char *id = g_strconcat (prefix, ".Id", NULL);
      g_autofree char *port = g_strconcat (prefix, ".Port", NULL);
      g_autofree char *zone = g_strconcat (prefix, ".AvailabilityZone", NULL);

      cw_aws_request_set (request, id, targets[i].id);
      if (targets[i].port > 0)
        cw_aws_request_set_int (request, port, targets[i].port);
      cw_aws_request_set (request, zone, targets[i].availability_zone);
    }
}

static void
targets_async (CwAwsClient          *client,
               const CwAwsOperation *operation,
               const char           *target_group_arn,
               const CwElbTarget    *targets,
               CwAwsCallFlags        flags,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  cw_aws_request_set (request, "TargetGroupArn", target_group_arn);
  add_targets (request, targets);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

void
cw_elbv2_create_target_group_async (CwAwsClient         *client,
                                    const char          *name,
                                    const char          *protocol,
                                    int                  port,
                                    const char          *vpc_id,
                                    const char          *target_type,
                                    const CwAwsKeyValue *tags,
                                    CwAwsCallFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_target_group);

  cw_aws_request_set (request, "Name", name);
  cw_aws_request_set (request, "Protocol", protocol);
  cw_aws_request_set_int (request, "Port", port);
  cw_aws_request_set (request, "VpcId", vpc_id);
  cw_aws_request_set (request, "TargetType", target_type);
  cw_aws_request_add_key_values (request, "Tags", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_create_target_group, CwElbTargetGroup *)

void
cw_elbv2_modify_target_group_attributes_async (CwAwsClient         *client,
                                               const char          *target_group_arn,
                                               const CwAwsKeyValue *attributes,
                                               CwAwsCallFlags       flags,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&modify_target_group_attributes);

  cw_aws_request_set (request, "TargetGroupArn", target_group_arn);
  cw_aws_request_add_key_values (request, "Attributes", attributes);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

/* Every attribute of the target group afterwards, as CwAwsKeyValue. */
CW_AWS_DEFINE_FINISH (cw_elbv2_modify_target_group_attributes, GPtrArray *)

void
cw_elbv2_register_targets_async (CwAwsClient         *client,
                                 const char          *target_group_arn,
                                 const CwElbTarget   *targets,
                                 CwAwsCallFlags       flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  targets_async (client, &register_targets, target_group_arn, targets, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_elbv2_register_targets)

void
cw_elbv2_deregister_targets_async (CwAwsClient         *client,
                                   const char          *target_group_arn,
                                   const CwElbTarget   *targets,
                                   CwAwsCallFlags       flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  targets_async (client, &deregister_targets, target_group_arn, targets, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_elbv2_deregister_targets)

void
cw_elbv2_describe_target_groups_async (CwAwsClient         *client,
                                       const char          *load_balancer_arn,
                                       const char * const  *target_group_arns,
                                       const char * const  *names,
                                       CwAwsCallFlags       flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&describe_target_groups);

  cw_aws_request_set (request, "LoadBalancerArn", load_balancer_arn);
  cw_aws_request_add_list (request, "TargetGroupArns", target_group_arns);
  cw_aws_request_add_list (request, "Names", names);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_describe_target_groups, GPtrArray *)

/* With targets NULL, every registered target. */
void
cw_elbv2_describe_target_health_async (CwAwsClient         *client,
                                       const char          *target_group_arn,
                                       const CwElbTarget   *targets,
                                       CwAwsCallFlags       flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  targets_async (client, &describe_target_health, target_group_arn, targets, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_describe_target_health, GPtrArray *)

void
cw_elbv2_create_load_balancer_async (CwAwsClient         *client,
                                     const char          *name,
                                     const char * const  *subnets,
                                     const char * const  *security_groups,
                                     const char          *scheme,
                                     const char          *type,
                                     const CwAwsKeyValue *tags,
                                     CwAwsCallFlags       flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_load_balancer);

  cw_aws_request_set (request, "Name", name);
  cw_aws_request_add_list (request, "Subnets", subnets);
  cw_aws_request_add_list (request, "SecurityGroups", security_groups);
  cw_aws_request_set (request, "Scheme", scheme);
  cw_aws_request_set (request, "Type", type);
  cw_aws_request_add_key_values (request, "Tags", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_create_load_balancer, CwElbLoadBalancer *)

void
cw_elbv2_describe_load_balancers_async (CwAwsClient         *client,
                                        const char * const  *load_balancer_arns,
                                        const char * const  *names,
                                        CwAwsCallFlags       flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&describe_load_balancers);

  cw_aws_request_add_list (request, "LoadBalancerArns", load_balancer_arns);
  cw_aws_request_add_list (request, "Names", names);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_describe_load_balancers, GPtrArray *)

/* A listener whose one default action forwards to the target group. */
void
cw_elbv2_create_listener_async (CwAwsClient         *client,
                                const char          *load_balancer_arn,
                                const char          *protocol,
                                int                  port,
                                const char          *target_group_arn,
                                const CwAwsKeyValue *tags,
                                CwAwsCallFlags       flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_listener);
  g_autofree char *action = cw_aws_request_list_key (request, "DefaultActions", 0);
  g_autofree char *action_type = g_strconcat (action, ".Type", NULL);
  g_autofree char *action_target = g_strconcat (action, ".TargetGroupArn", NULL);

  cw_aws_request_set (request, "LoadBalancerArn", load_balancer_arn);
  cw_aws_request_set (request, "Protocol", protocol);
  cw_aws_request_set_int (request, "Port", port);
  cw_aws_request_set (request, action_type, "forward");
  cw_aws_request_set (request, action_target, target_group_arn);
  cw_aws_request_add_key_values (request, "Tags", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_create_listener, CwElbListener *)

void
cw_elbv2_describe_listeners_async (CwAwsClient         *client,
                                   const char          *load_balancer_arn,
                                   const char * const  *listener_arns,
                                   CwAwsCallFlags       flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&describe_listeners);

  cw_aws_request_set (request, "LoadBalancerArn", load_balancer_arn);
  cw_aws_request_add_list (request, "ListenerArns", listener_arns);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_describe_listeners, GPtrArray *)

void
cw_elbv2_delete_listener_async (CwAwsClient         *client,
                                const char          *listener_arn,
                                CwAwsCallFlags       flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  cw_aws_client_call_parameters_async (client, &delete_listener, flags, cancellable, callback, user_data,
                                       "ListenerArn", listener_arn, NULL);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_elbv2_delete_listener)

void
cw_elbv2_delete_load_balancer_async (CwAwsClient         *client,
                                     const char          *load_balancer_arn,
                                     CwAwsCallFlags       flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  cw_aws_client_call_parameters_async (client, &delete_load_balancer, flags, cancellable, callback, user_data,
                                       "LoadBalancerArn", load_balancer_arn, NULL);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_elbv2_delete_load_balancer)

void
cw_elbv2_delete_target_group_async (CwAwsClient         *client,
                                    const char          *target_group_arn,
                                    CwAwsCallFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  cw_aws_client_call_parameters_async (client, &delete_target_group, flags, cancellable, callback, user_data,
                                       "TargetGroupArn", target_group_arn, NULL);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_elbv2_delete_target_group)

void
cw_elbv2_describe_tags_async (CwAwsClient         *client,
                              const char * const  *resource_arns,
                              CwAwsCallFlags       flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&describe_tags);

  cw_aws_request_add_list (request, "ResourceArns", resource_arns);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_elbv2_describe_tags, GPtrArray *)
