/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every ELBv2 operation: the exact form sent, and the typed result of an AWS-shaped answer. */
#include "config.h"

#include "aws-test-server.h"
#include "cw-elbv2.h"

#define VERSION "2015-12-01"
#define LINK_ID "2f1c9a3e-8d47-4b6a-9e15-0c7d4f3b2a19"
#define TG_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-db-tg/73e2d6bc24d8a067"
#define NLB_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders-db-nlb/50dc6c495c0c9188"
#define LISTENER_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/orders-db-nlb/50dc6c495c0c9188/f2f7dc8efc522ab2"

typedef AwsTestFixture Fixture;

static const CwAwsKeyValue link_tags[] = {
  { "causeway:link-id", LINK_ID },
  { "Name", "orders-db-link" },
  { NULL }
};

static const CwElbTarget database_target[] = {
  { "10.0.1.25", 3306, NULL },
  { NULL }
};

static GHashTable *
sent_form (Fixture *fixture,
           guint    index)
{
  g_assert_cmpstr (aws_test_server_get_service (fixture->server, index), ==, "elasticloadbalancing");
  return aws_test_server_get_form (fixture->server, index);
}

static void
assert_target_group (CwElbTargetGroup *group)
{
  g_assert_cmpstr (group->target_group_arn, ==, TG_ARN);
  g_assert_cmpstr (group->target_group_name, ==, "orders-db-tg");
  g_assert_cmpstr (group->protocol, ==, "TCP");
  g_assert_cmpint (group->port, ==, 3306);
  g_assert_cmpstr (group->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpstr (group->target_type, ==, "ip");
  g_assert_cmpstr (group->health_check_protocol, ==, "TCP");
  g_assert_cmpstr (group->health_check_port, ==, "traffic-port");
  g_assert_true (group->health_check_enabled);
  g_assert_cmpint (group->health_check_interval_seconds, ==, 30);
  g_assert_cmpint (group->healthy_threshold_count, ==, 5);
  g_assert_cmpint (group->unhealthy_threshold_count, ==, 2);
}

static void
test_create_target_group (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CwElbTargetGroup) group = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-CreateTargetGroup.xml");
  cw_elbv2_create_target_group_async (fixture->client, "orders-db-tg", "TCP", 3306, "vpc-0123456789abcdef0", "ip",
                                      link_tags, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  group = cw_elbv2_create_target_group_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateTargetGroup", VERSION,
                        "Name", "orders-db-tg",
                        "Protocol", "TCP",
                        "Port", "3306",
                        "VpcId", "vpc-0123456789abcdef0",
                        "TargetType", "ip",
                        "Tags.member.1.Key", "causeway:link-id",
                        "Tags.member.1.Value", LINK_ID,
                        "Tags.member.2.Key", "Name",
                        "Tags.member.2.Value", "orders-db-link",
                        NULL);
  assert_target_group (group);
  g_assert_null (group->load_balancer_arns[0]);
}

static void
test_modify_target_group_attributes (Fixture       *fixture,
                                     gconstpointer  data)
{
  const CwAwsKeyValue attributes[] = { { "load_balancing.cross_zone.enabled", "true" }, { NULL } };
  g_autoptr(GPtrArray) all = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-ModifyTargetGroupAttributes.xml");
  cw_elbv2_modify_target_group_attributes_async (fixture->client, TG_ARN, attributes, CW_AWS_CALL_RETRY_NOT_FOUND, NULL,
                                                 aws_test_store_result, &fixture->result);
  all = cw_elbv2_modify_target_group_attributes_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "ModifyTargetGroupAttributes", VERSION,
                        "TargetGroupArn", TG_ARN,
                        "Attributes.member.1.Key", "load_balancing.cross_zone.enabled",
                        "Attributes.member.1.Value", "true",
                        NULL);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (cw_aws_key_values_lookup (all, "load_balancing.cross_zone.enabled"), ==, "true");
  g_assert_cmpstr (cw_aws_key_values_lookup (all, "deregistration_delay.timeout_seconds"), ==, "300");
}

typedef void     (*TargetsAsync)  (CwAwsClient *, const char *, const CwElbTarget *, CwAwsCallFlags,
                                   GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*TargetsFinish) (CwAwsClient *, GAsyncResult *, GError **);

static void
check_targets (Fixture       *fixture,
               const char    *action,
               TargetsAsync   call_async,
               TargetsFinish  call_finish)
{
  g_autofree char *file = g_strdup_printf ("elbv2-%s.xml", action);

  aws_test_server_reply_file (fixture->server, file);
  call_async (fixture->client, TG_ARN, database_target, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (call_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), action, VERSION,
                        "TargetGroupArn", TG_ARN,
                        "Targets.member.1.Id", "10.0.1.25",
                        "Targets.member.1.Port", "3306",
                        NULL);
}

static void
test_register_targets (Fixture       *fixture,
                       gconstpointer  data)
{
  check_targets (fixture, "RegisterTargets", cw_elbv2_register_targets_async, cw_elbv2_register_targets_finish);
}

static void
test_deregister_targets (Fixture       *fixture,
                         gconstpointer  data)
{
  check_targets (fixture, "DeregisterTargets", cw_elbv2_deregister_targets_async, cw_elbv2_deregister_targets_finish);
}

/* Marker → NextMarker, followed to the last page. */
static void
test_describe_target_groups (Fixture       *fixture,
                             gconstpointer  data)
{
  const char * const names[] = { "orders-db-tg", "billing-db-tg", NULL };
  g_autoptr(GPtrArray) groups = NULL;
  CwElbTargetGroup *second;

  aws_test_server_reply_file (fixture->server, "elbv2-DescribeTargetGroups-page1.xml");
  aws_test_server_reply_file (fixture->server, "elbv2-DescribeTargetGroups-page2.xml");
  cw_elbv2_describe_target_groups_async (fixture->client, NULL, NULL, names, CW_AWS_CALL_DEFAULT, NULL,
                                         aws_test_store_result, &fixture->result);
  groups = cw_elbv2_describe_target_groups_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeTargetGroups", VERSION,
                        "Names.member.1", "orders-db-tg",
                        "Names.member.2", "billing-db-tg",
                        NULL);
  aws_test_assert_form (sent_form (fixture, 1), "DescribeTargetGroups", VERSION,
                        "Names.member.1", "orders-db-tg",
                        "Names.member.2", "billing-db-tg",
                        "Marker", "bWFya2VyLTI=",
                        NULL);
  g_assert_cmpuint (groups->len, ==, 2);
  assert_target_group (g_ptr_array_index (groups, 0));
  g_assert_cmpstr (((CwElbTargetGroup *) g_ptr_array_index (groups, 0))->load_balancer_arns[0], ==, NLB_ARN);
  second = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (second->target_group_name, ==, "billing-db-tg");
  g_assert_cmpint (second->port, ==, 5432);

  g_clear_object (&fixture->result);
  g_clear_pointer (&groups, g_ptr_array_unref);
  aws_test_server_reply_file (fixture->server, "elbv2-DescribeTargetGroups-page2.xml");
  cw_elbv2_describe_target_groups_async (fixture->client, NLB_ARN, (const char * const[]) { TG_ARN, NULL }, NULL,
                                         CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  groups = cw_elbv2_describe_target_groups_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 2), "DescribeTargetGroups", VERSION,
                        "LoadBalancerArn", NLB_ARN,
                        "TargetGroupArns.member.1", TG_ARN,
                        NULL);
}

static void
test_describe_target_health (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) health = NULL;
  CwElbTargetHealth *healthy;
  CwElbTargetHealth *unhealthy;

  aws_test_server_reply_file (fixture->server, "elbv2-DescribeTargetHealth.xml");
  cw_elbv2_describe_target_health_async (fixture->client, TG_ARN, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                         aws_test_store_result, &fixture->result);
  health = cw_elbv2_describe_target_health_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeTargetHealth", VERSION,
                        "TargetGroupArn", TG_ARN,
                        NULL);
  g_assert_cmpuint (health->len, ==, 2);
  healthy = g_ptr_array_index (health, 0);
  g_assert_cmpstr (healthy->target_id, ==, "10.0.1.25");
  g_assert_cmpint (healthy->target_port, ==, 3306);
  g_assert_cmpstr (healthy->target_availability_zone, ==, "us-east-1a");
  g_assert_cmpstr (healthy->state, ==, "healthy");
  g_assert_null (healthy->reason);
  unhealthy = g_ptr_array_index (health, 1);
  g_assert_cmpstr (unhealthy->state, ==, "unhealthy");
  g_assert_cmpstr (unhealthy->reason, ==, "Target.Timeout");
  g_assert_cmpstr (unhealthy->description, ==, "Request timed out");
}

static void
assert_load_balancer (CwElbLoadBalancer *balancer,
                      const char        *state)
{
  CwElbAvailabilityZone *zone;

  g_assert_cmpstr (balancer->load_balancer_arn, ==, NLB_ARN);
  g_assert_cmpstr (balancer->load_balancer_name, ==, "orders-db-nlb");
  g_assert_cmpstr (balancer->dns_name, ==, "orders-db-nlb-50dc6c495c0c9188.elb.us-east-1.amazonaws.com");
  g_assert_cmpstr (balancer->scheme, ==, "internal");
  g_assert_cmpstr (balancer->type, ==, "network");
  g_assert_cmpstr (balancer->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpstr (balancer->state, ==, state);
  g_assert_cmpstr (balancer->created_time, ==, "2024-05-14T09:12:03.130Z");
  g_assert_cmpuint (balancer->availability_zones->len, ==, 2);
  zone = g_ptr_array_index (balancer->availability_zones, 1);
  g_assert_cmpstr (zone->zone_name, ==, "us-east-1b");
  g_assert_cmpstr (zone->subnet_id, ==, "subnet-00000000000000002");
  g_assert_cmpstr (zone->addresses[0], ==, "10.0.2.40");
  g_assert_cmpstr (balancer->security_groups[0], ==, "sg-0bbbbbbbbbbbbbbb2");
  g_assert_null (balancer->security_groups[1]);
}

static void
test_create_load_balancer (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const subnets[] = { "subnet-00000000000000001", "subnet-00000000000000002", NULL };
  const char * const groups[] = { "sg-0bbbbbbbbbbbbbbb2", NULL };
  g_autoptr(CwElbLoadBalancer) balancer = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-CreateLoadBalancer.xml");
  cw_elbv2_create_load_balancer_async (fixture->client, "orders-db-nlb", subnets, groups, "internal", "network",
                                       link_tags, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  balancer = cw_elbv2_create_load_balancer_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateLoadBalancer", VERSION,
                        "Name", "orders-db-nlb",
                        "Subnets.member.1", "subnet-00000000000000001",
                        "Subnets.member.2", "subnet-00000000000000002",
                        "SecurityGroups.member.1", "sg-0bbbbbbbbbbbbbbb2",
                        "Scheme", "internal",
                        "Type", "network",
                        "Tags.member.1.Key", "causeway:link-id",
                        "Tags.member.1.Value", LINK_ID,
                        "Tags.member.2.Key", "Name",
                        "Tags.member.2.Value", "orders-db-link",
                        NULL);
  assert_load_balancer (balancer, "provisioning");
}

static void
test_describe_load_balancers (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const arns[] = { NLB_ARN, NULL };
  g_autoptr(GPtrArray) balancers = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-DescribeLoadBalancers.xml");
  cw_elbv2_describe_load_balancers_async (fixture->client, arns, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                          aws_test_store_result, &fixture->result);
  balancers = cw_elbv2_describe_load_balancers_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeLoadBalancers", VERSION,
                        "LoadBalancerArns.member.1", NLB_ARN,
                        NULL);
  g_assert_cmpuint (balancers->len, ==, 1);
  assert_load_balancer (g_ptr_array_index (balancers, 0), "active");
}

static void
assert_listener (CwElbListener *listener)
{
  CwElbAction *action;

  g_assert_cmpstr (listener->listener_arn, ==, LISTENER_ARN);
  g_assert_cmpstr (listener->load_balancer_arn, ==, NLB_ARN);
  g_assert_cmpstr (listener->protocol, ==, "TCP");
  g_assert_cmpint (listener->port, ==, 3306);
  g_assert_cmpuint (listener->default_actions->len, ==, 1);
  action = g_ptr_array_index (listener->default_actions, 0);
  g_assert_cmpstr (action->type, ==, "forward");
  g_assert_cmpstr (action->target_group_arn, ==, TG_ARN);
}

static void
test_create_listener (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CwElbListener) listener = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-CreateListener.xml");
  cw_elbv2_create_listener_async (fixture->client, NLB_ARN, "TCP", 3306, TG_ARN, link_tags, CW_AWS_CALL_DEFAULT, NULL,
                                  aws_test_store_result, &fixture->result);
  listener = cw_elbv2_create_listener_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateListener", VERSION,
                        "LoadBalancerArn", NLB_ARN,
                        "Protocol", "TCP",
                        "Port", "3306",
                        "DefaultActions.member.1.Type", "forward",
                        "DefaultActions.member.1.TargetGroupArn", TG_ARN,
                        "Tags.member.1.Key", "causeway:link-id",
                        "Tags.member.1.Value", LINK_ID,
                        "Tags.member.2.Key", "Name",
                        "Tags.member.2.Value", "orders-db-link",
                        NULL);
  assert_listener (listener);
}

static void
test_describe_listeners (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) listeners = NULL;

  aws_test_server_reply_file (fixture->server, "elbv2-DescribeListeners.xml");
  cw_elbv2_describe_listeners_async (fixture->client, NLB_ARN, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                     aws_test_store_result, &fixture->result);
  listeners = cw_elbv2_describe_listeners_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeListeners", VERSION,
                        "LoadBalancerArn", NLB_ARN,
                        NULL);
  g_assert_cmpuint (listeners->len, ==, 1);
  assert_listener (g_ptr_array_index (listeners, 0));
}

typedef void     (*DeleteAsync)  (CwAwsClient *, const char *, CwAwsCallFlags, GCancellable *,
                                  GAsyncReadyCallback, gpointer);
typedef gboolean (*DeleteFinish) (CwAwsClient *, GAsyncResult *, GError **);

static void
check_delete (Fixture      *fixture,
              const char   *action,
              const char   *parameter,
              const char   *arn,
              DeleteAsync   call_async,
              DeleteFinish  call_finish)
{
  g_autofree char *file = g_strdup_printf ("elbv2-%s.xml", action);

  aws_test_server_reply_file (fixture->server, file);
  call_async (fixture->client, arn, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (call_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), action, VERSION, parameter, arn, NULL);
}

static void
test_delete_listener (Fixture       *fixture,
                      gconstpointer  data)
{
  check_delete (fixture, "DeleteListener", "ListenerArn", LISTENER_ARN,
                cw_elbv2_delete_listener_async, cw_elbv2_delete_listener_finish);
}

static void
test_delete_load_balancer (Fixture       *fixture,
                           gconstpointer  data)
{
  check_delete (fixture, "DeleteLoadBalancer", "LoadBalancerArn", NLB_ARN,
                cw_elbv2_delete_load_balancer_async, cw_elbv2_delete_load_balancer_finish);
}

static void
test_delete_target_group (Fixture       *fixture,
                          gconstpointer  data)
{
  check_delete (fixture, "DeleteTargetGroup", "TargetGroupArn", TG_ARN,
                cw_elbv2_delete_target_group_async, cw_elbv2_delete_target_group_finish);
}

static void
test_describe_tags (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const arns[] = { NLB_ARN, TG_ARN, NULL };
  g_autoptr(GPtrArray) descriptions = NULL;
  CwElbTagDescription *description;

  aws_test_server_reply_file (fixture->server, "elbv2-DescribeTags.xml");
  cw_elbv2_describe_tags_async (fixture->client, arns, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  descriptions = cw_elbv2_describe_tags_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeTags", VERSION,
                        "ResourceArns.member.1", NLB_ARN,
                        "ResourceArns.member.2", TG_ARN,
                        NULL);
  g_assert_cmpuint (descriptions->len, ==, 1);
  description = g_ptr_array_index (descriptions, 0);
  g_assert_cmpstr (description->resource_arn, ==, NLB_ARN);
  g_assert_cmpuint (description->tags->len, ==, 2);
  g_assert_cmpstr (cw_aws_key_values_lookup (description->tags, "causeway:link-id"), ==, LINK_ID);
  g_assert_cmpstr (cw_aws_key_values_lookup (description->tags, "Name"), ==, "orders-db-nlb");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/elbv2/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (create_target_group);
  ADD (modify_target_group_attributes);
  ADD (register_targets);
  ADD (deregister_targets);
  ADD (describe_target_groups);
  ADD (describe_target_health);
  ADD (create_load_balancer);
  ADD (describe_load_balancers);
  ADD (create_listener);
  ADD (describe_listeners);
  ADD (delete_listener);
  ADD (delete_load_balancer);
  ADD (delete_target_group);
  ADD (describe_tags);
#undef ADD
  return g_test_run ();
}
