/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sandbox-rules.c: the rules of DESIGN.md §6, each refused as AWS refuses it, and
 * the states resources move through on the sandbox's clock. */
#include "config.h"

#include <string.h>

#include "sandbox-test.h"

#define ELB "elasticloadbalancing"

typedef struct {
  SbTest *sb;
  char   *vpc;          /* prod */
  char   *legacy_vpc;
  char   *subnet_a;     /* prod-a, us-east-1a = use1-az4 */
  char   *subnet_a2;    /* prod-a-batch, us-east-1a too */
  char   *subnet_b;     /* prod-b, us-east-1b = use1-az6 */
  char   *subnet_c;     /* prod-c, us-east-1c = use1-az1 */
  char   *legacy_subnet;
  char   *db_group;     /* prod-db */
} Fixture;

static char *
first_id (SbTest     *sb,
          const char *action,
          const char *element,
          const char *filter,
          const char *value)
{
  g_autofree char *body = sb_aws_ok (sb, "ec2", action, "Filter.1.Name", filter, "Filter.1.Value.1", value, NULL);

  return sb_xml_get (body, element);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  SbTest *sb = fixture->sb = sb_test_new (1.0, "default", NULL);

  fixture->vpc = first_id (sb, "DescribeVpcs", "vpcId", "tag:Name", "prod");
  fixture->legacy_vpc = first_id (sb, "DescribeVpcs", "vpcId", "is-default", "true");
  fixture->subnet_a = first_id (sb, "DescribeSubnets", "subnetId", "tag:Name", "prod-a");
  fixture->subnet_a2 = first_id (sb, "DescribeSubnets", "subnetId", "tag:Name", "prod-a-batch");
  fixture->subnet_b = first_id (sb, "DescribeSubnets", "subnetId", "tag:Name", "prod-b");
  fixture->subnet_c = first_id (sb, "DescribeSubnets", "subnetId", "tag:Name", "prod-c");
  fixture->legacy_subnet = first_id (sb, "DescribeSubnets", "subnetId", "vpc-id", fixture->legacy_vpc);
  fixture->db_group = first_id (sb, "DescribeSecurityGroups", "groupId", "group-name", "prod-db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->sb, sb_test_free);
  g_free (fixture->vpc);
  g_free (fixture->legacy_vpc);
  g_free (fixture->subnet_a);
  g_free (fixture->subnet_a2);
  g_free (fixture->subnet_b);
  g_free (fixture->subnet_c);
  g_free (fixture->legacy_subnet);
  g_free (fixture->db_group);
}

static char *
create_nlb (Fixture    *fixture,
            const char *name,
            const char *subnet_1,
            const char *subnet_2,
            const char *group)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, ELB, "CreateLoadBalancer", "Name", name, "Type", "network",
                                     "Scheme", "internal", "Subnets.member.1", subnet_1, "Subnets.member.2", subnet_2,
                                     group ? "SecurityGroups.member.1" : NULL, group, NULL);

  return sb_xml_get (body, "LoadBalancerArn");
}

static char *
create_target_group (Fixture    *fixture,
                     const char *name,
                     const char *vpc)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, ELB, "CreateTargetGroup", "Name", name, "Protocol", "TCP",
                                     "Port", "3306", "VpcId", vpc, "TargetType", "ip", NULL);

  return sb_xml_get (body, "TargetGroupArn");
}

static char *
create_group (Fixture    *fixture,
              const char *name)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, "ec2", "CreateSecurityGroup", "GroupName", name,
                                     "GroupDescription", "test", "VpcId", fixture->vpc, NULL);

  return sb_xml_get (body, "groupId");
}

static char *
db_address (SbTest     *sb,
            const char *identifier)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (sb->sandbox);

  return g_strdup (json_object_get_string_member (sb_dump_find (dump, "aws", "db_instances", "id", identifier),
                                                  "private_ip"));
}

static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const bad[] = { "internal-orders", "-orders", "orders-", "orders_db",
                                      "a-name-that-is-longer-than-32-chars" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      sb_aws_expect_error (fixture->sb, ELB, "ValidationError", "CreateLoadBalancer", "Name", bad[i], "Type",
                           "network", "Subnets.member.1", fixture->subnet_a, NULL);
      if (i > 0)
        sb_aws_expect_error (fixture->sb, ELB, "ValidationError", "CreateTargetGroup", "Name", bad[i],
                             "Protocol", "TCP", "Port", "3306", "VpcId", fixture->vpc, "TargetType", "ip", NULL);
    }
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidParameterValue", "CreateSecurityGroup", "GroupName", "sg-1",
                       "GroupDescription", "x", "VpcId", fixture->vpc, NULL);
}

static void
test_uniqueness (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *lb = create_nlb (fixture, "unique", fixture->subnet_a, fixture->subnet_c, NULL);
  g_autofree char *again = create_nlb (fixture, "unique", fixture->subnet_a, fixture->subnet_c, NULL);
  g_autofree char *group = create_group (fixture, "unique-sg");
  g_autofree char *target_group = create_target_group (fixture, "unique-tg", fixture->vpc);

  g_assert_cmpstr (lb, ==, again);
  sb_aws_expect_error (fixture->sb, ELB, "DuplicateLoadBalancerName", "CreateLoadBalancer", "Name", "unique",
                       "Type", "network", "Scheme", "internal", "Subnets.member.1", fixture->subnet_b, NULL);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidGroup.Duplicate", "CreateSecurityGroup", "GroupName", "unique-sg",
                       "GroupDescription", "again", "VpcId", fixture->vpc, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "DuplicateTargetGroupName", "CreateTargetGroup", "Name", "unique-tg",
                       "Protocol", "TCP", "Port", "5432", "VpcId", fixture->vpc, "TargetType", "ip", NULL);
  g_assert_nonnull (target_group);
  g_assert_nonnull (group);
}

static void
test_membership (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *legacy_body = sb_aws_ok (fixture->sb, "ec2", "CreateSecurityGroup", "GroupName", "other",
                                            "GroupDescription", "x", "VpcId", fixture->legacy_vpc, NULL);
  g_autofree char *legacy_group = sb_xml_get (legacy_body, "groupId");
  g_autofree char *legacy_tg = create_target_group (fixture, "legacy-tg", fixture->legacy_vpc);
  g_autofree char *lb = create_nlb (fixture, "member", fixture->subnet_a, fixture->subnet_c, NULL);

  sb_aws_expect_error (fixture->sb, ELB, "InvalidConfigurationRequest", "CreateLoadBalancer", "Name", "split",
                       "Type", "network", "Subnets.member.1", fixture->subnet_a,
                       "Subnets.member.2", fixture->legacy_subnet, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "InvalidConfigurationRequest", "CreateLoadBalancer", "Name", "twice",
                       "Type", "network", "Subnets.member.1", fixture->subnet_a,
                       "Subnets.member.2", fixture->subnet_a2, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "InvalidSecurityGroup", "CreateLoadBalancer", "Name", "foreign",
                       "Type", "network", "Subnets.member.1", fixture->subnet_a,
                       "SecurityGroups.member.1", legacy_group, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "SubnetNotFound", "CreateLoadBalancer", "Name", "nowhere",
                       "Type", "network", "Subnets.member.1", "subnet-0123456789abcdef0", NULL);
  sb_aws_expect_error (fixture->sb, ELB, "InvalidConfigurationRequest", "CreateListener", "LoadBalancerArn", lb,
                       "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                       "DefaultActions.member.1.TargetGroupArn", legacy_tg, NULL);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidGroup.NotFound", "AuthorizeSecurityGroupIngress",
                       "GroupId", fixture->db_group, "IpPermissions.1.IpProtocol", "tcp",
                       "IpPermissions.1.FromPort", "3306", "IpPermissions.1.ToPort", "3306",
                       "IpPermissions.1.Groups.1.GroupId", legacy_group, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "ValidationError", "CreateTargetGroup", "Name", "no-vpc", "Protocol", "TCP",
                       "Port", "3306", "VpcId", "vpc-0123456789abcdef0", "TargetType", "ip", NULL);
}

static void
test_targets (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *target_group = create_target_group (fixture, "targets", fixture->vpc);
  g_autofree char *inside = db_address (fixture->sb, "orders-mysql");
  g_autofree char *legacy = db_address (fixture->sb, "legacy-mysql");

  g_free (sb_aws_ok (fixture->sb, ELB, "RegisterTargets", "TargetGroupArn", target_group,
                     "Targets.member.1.Id", inside, NULL));
  sb_aws_expect_error (fixture->sb, ELB, "InvalidTarget", "RegisterTargets", "TargetGroupArn", target_group,
                       "Targets.member.1.Id", legacy, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "InvalidTarget", "RegisterTargets", "TargetGroupArn", target_group,
                       "Targets.member.1.Id", "203.0.113.9", NULL);
  sb_aws_expect_error (fixture->sb, ELB, "InvalidTarget", "DeregisterTargets", "TargetGroupArn", target_group,
                       "Targets.member.1.Id", "10.0.0.200", NULL);
}

static void
test_listeners (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *lb = create_nlb (fixture, "ports", fixture->subnet_a, fixture->subnet_c, NULL);
  g_autofree char *other_lb = create_nlb (fixture, "ports-2", fixture->subnet_a, fixture->subnet_c, NULL);
  g_autofree char *first = create_target_group (fixture, "first", fixture->vpc);
  g_autofree char *second = create_target_group (fixture, "second", fixture->vpc);
  g_autofree char *listener = sb_aws_ok (fixture->sb, ELB, "CreateListener", "LoadBalancerArn", lb,
                                         "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                                         "DefaultActions.member.1.TargetGroupArn", first, NULL);
  g_autofree char *same = sb_aws_ok (fixture->sb, ELB, "CreateListener", "LoadBalancerArn", lb,
                                     "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                                     "DefaultActions.member.1.TargetGroupArn", first, NULL);
  g_autofree char *listener_arn = sb_xml_get (listener, "ListenerArn");
  g_autofree char *same_arn = sb_xml_get (same, "ListenerArn");

  g_assert_cmpstr (listener_arn, ==, same_arn);
  sb_aws_expect_error (fixture->sb, ELB, "DuplicateListener", "CreateListener", "LoadBalancerArn", lb,
                       "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                       "DefaultActions.member.1.TargetGroupArn", second, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "TargetGroupAssociationLimit", "CreateListener", "LoadBalancerArn", other_lb,
                       "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                       "DefaultActions.member.1.TargetGroupArn", first, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "UnsupportedProtocol", "CreateListener", "LoadBalancerArn", lb,
                       "Protocol", "HTTP", "Port", "80", "DefaultActions.member.1.Type", "forward",
                       "DefaultActions.member.1.TargetGroupArn", second, NULL);
}

static void
test_delete_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *group = create_group (fixture, "nlb-sg");
  g_autofree char *lb = create_nlb (fixture, "order", fixture->subnet_a, fixture->subnet_c, group);
  g_autofree char *target_group = create_target_group (fixture, "order", fixture->vpc);
  g_autofree char *listener = sb_aws_ok (fixture->sb, ELB, "CreateListener", "LoadBalancerArn", lb,
                                         "Protocol", "TCP", "Port", "3306", "DefaultActions.member.1.Type", "forward",
                                         "DefaultActions.member.1.TargetGroupArn", target_group, NULL);
  g_autofree char *listener_arn = sb_xml_get (listener, "ListenerArn");
  g_autofree char *service = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *deleted = NULL;

  cw_sandbox_advance_clock (fixture->sb->sandbox, 150);
  service = sb_aws_ok (fixture->sb, "ec2", "CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", lb, NULL);
  service_id = sb_xml_get (service, "serviceId");
  g_free (sb_aws_ok (fixture->sb, "ec2", "AuthorizeSecurityGroupIngress", "GroupId", fixture->db_group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3306",
                     "IpPermissions.1.ToPort", "3306", "IpPermissions.1.Groups.1.GroupId", group, NULL));

  sb_aws_expect_error (fixture->sb, ELB, "ResourceInUse", "DeleteTargetGroup", "TargetGroupArn", target_group, NULL);
  sb_aws_expect_error (fixture->sb, ELB, "ResourceInUse", "DeleteLoadBalancer", "LoadBalancerArn", lb, NULL);
  sb_aws_expect_error (fixture->sb, "ec2", "DependencyViolation", "DeleteSecurityGroup", "GroupId", group, NULL);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidParameter", "CreateVpcEndpointServiceConfiguration",
                       "NetworkLoadBalancerArn.1", lb, NULL);

  deleted = sb_aws_ok (fixture->sb, "ec2", "DeleteVpcEndpointServiceConfigurations", "ServiceId.1", service_id, NULL);
  g_assert_null (sb_xml_get (deleted, "resourceId"));
  g_free (sb_aws_ok (fixture->sb, ELB, "DeleteListener", "ListenerArn", listener_arn, NULL));
  g_free (sb_aws_ok (fixture->sb, ELB, "DeleteTargetGroup", "TargetGroupArn", target_group, NULL));
  g_free (sb_aws_ok (fixture->sb, ELB, "DeleteLoadBalancer", "LoadBalancerArn", lb, NULL));
  g_free (sb_aws_ok (fixture->sb, "ec2", "RevokeSecurityGroupIngress", "GroupId", fixture->db_group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3306",
                     "IpPermissions.1.ToPort", "3306", "IpPermissions.1.Groups.1.GroupId", group, NULL));
  /* The deleted NLB's interfaces hold the group until they are gone. */
  sb_aws_expect_error (fixture->sb, "ec2", "DependencyViolation", "DeleteSecurityGroup", "GroupId", group, NULL);
  cw_sandbox_advance_clock (fixture->sb->sandbox, 180);
  g_free (sb_aws_ok (fixture->sb, "ec2", "DeleteSecurityGroup", "GroupId", group, NULL));
}

static void
test_service_with_connections (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, "ec2", "DescribeVpcEndpointServiceConfigurations", NULL);
  g_autofree char *service_id = sb_xml_get (body, "serviceId");
  g_autofree char *deleted = sb_aws_ok (fixture->sb, "ec2", "DeleteVpcEndpointServiceConfigurations",
                                        "ServiceId.1", service_id, NULL);
  g_autofree char *code = sb_xml_get (deleted, "code");

  g_assert_cmpstr (code, ==, "ExistingVpcEndpointConnections");
}

static const char *
lb_state (Fixture    *fixture,
          const char *arn)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, ELB, "DescribeLoadBalancers", "LoadBalancerArns.member.1", arn, NULL);
  g_autofree char *code = sb_xml_get (body, "Code");

  return g_intern_string (code);
}

static const char *
service_state (Fixture    *fixture,
               const char *service_id)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, "ec2", "DescribeVpcEndpointServiceConfigurations",
                                     "ServiceId.1", service_id, NULL);
  g_autofree char *state = sb_xml_get (body, "serviceState");

  return g_intern_string (state);
}

static void
test_time (Fixture       *fixture,
           gconstpointer  data)
{
  CwSandbox *sandbox = fixture->sb->sandbox;
  g_autofree char *lb = create_nlb (fixture, "clock", fixture->subnet_a, fixture->subnet_c, NULL);
  g_autofree char *service = NULL;
  g_autofree char *service_id = NULL;

  g_assert_cmpstr (lb_state (fixture, lb), ==, "provisioning");
  service = sb_aws_ok (fixture->sb, "ec2", "CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", lb, NULL);
  service_id = sb_xml_get (service, "serviceId");
  g_assert_cmpstr (service_state (fixture, service_id), ==, "Pending");
  cw_sandbox_advance_clock (sandbox, 148);
  g_assert_cmpstr (lb_state (fixture, lb), ==, "provisioning");
  cw_sandbox_advance_clock (sandbox, 3);
  g_assert_cmpstr (lb_state (fixture, lb), ==, "active");
  g_assert_cmpstr (service_state (fixture, service_id), ==, "Pending");
  cw_sandbox_advance_clock (sandbox, 5);
  g_assert_cmpstr (service_state (fixture, service_id), ==, "Available");
  g_free (sb_aws_ok (fixture->sb, "ec2", "DeleteVpcEndpointServiceConfigurations", "ServiceId.1", service_id, NULL));
  g_assert_cmpstr (service_state (fixture, service_id), ==, "Deleting");
  cw_sandbox_advance_clock (sandbox, 3);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidVpcEndpointServiceId.NotFound",
                       "DescribeVpcEndpointServiceConfigurations", "ServiceId.1", service_id, NULL);
}

static const char *
health_of (Fixture    *fixture,
           const char *target_group)
{
  g_autofree char *body = sb_aws_ok (fixture->sb, ELB, "DescribeTargetHealth", "TargetGroupArn", target_group, NULL);
  g_autofree char *state = sb_xml_get (body, "State");
  g_autofree char *reason = sb_xml_get (body, "Reason");

  return g_intern_string (reason ? reason : state);
}

/* A target outside the NLB's zones is used only with cross-zone load balancing; the
 * database's group must let the NLB's in before health checks pass. */
static void
test_health_and_cross_zone (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *group = create_group (fixture, "health-nlb");
  g_autofree char *lb = create_nlb (fixture, "health", fixture->subnet_b, fixture->subnet_c, group);
  g_autofree char *target_group = create_target_group (fixture, "health", fixture->vpc);
  g_autofree char *orders = db_address (fixture->sb, "orders-mysql");

  g_free (sb_aws_ok (fixture->sb, ELB, "RegisterTargets", "TargetGroupArn", target_group,
                     "Targets.member.1.Id", orders, NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Target.NotInUse");
  g_free (sb_aws_ok (fixture->sb, ELB, "CreateListener", "LoadBalancerArn", lb, "Protocol", "TCP", "Port", "3306",
                     "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", target_group,
                     NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Elb.RegistrationInProgress");
  cw_sandbox_advance_clock (fixture->sb->sandbox, 150);
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Target.NotInUse");
  g_free (sb_aws_ok (fixture->sb, ELB, "ModifyTargetGroupAttributes", "TargetGroupArn", target_group,
                     "Attributes.member.1.Key", "load_balancing.cross_zone.enabled",
                     "Attributes.member.1.Value", "true", NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Elb.InitialHealthChecking");
  cw_sandbox_advance_clock (fixture->sb->sandbox, 150);
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Target.FailedHealthChecks");
  g_free (sb_aws_ok (fixture->sb, "ec2", "AuthorizeSecurityGroupIngress", "GroupId", fixture->db_group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3306",
                     "IpPermissions.1.ToPort", "3306", "IpPermissions.1.Groups.1.GroupId", group, NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "healthy");

  /* The load balancer's own group must let the health checks out, to the database's
   * group or its address, on the database port. */
  g_free (sb_aws_ok (fixture->sb, "ec2", "RevokeSecurityGroupEgress", "GroupId", group,
                     "IpPermissions.1.IpProtocol", "-1", "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0", NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Target.FailedHealthChecks");
  g_free (sb_aws_ok (fixture->sb, "ec2", "AuthorizeSecurityGroupEgress", "GroupId", group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3307",
                     "IpPermissions.1.ToPort", "3307", "IpPermissions.1.Groups.1.GroupId", fixture->db_group, NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "Target.FailedHealthChecks");
  g_free (sb_aws_ok (fixture->sb, "ec2", "AuthorizeSecurityGroupEgress", "GroupId", group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3306",
                     "IpPermissions.1.ToPort", "3306", "IpPermissions.1.Groups.1.GroupId", fixture->db_group, NULL));
  g_assert_cmpstr (health_of (fixture, target_group), ==, "healthy");
}

static void
accept_all (SbTest     *sb,
            const char *service_id)
{
  g_autofree char *body = sb_aws_ok (sb, "ec2", "DescribeVpcEndpointConnections", "Filter.1.Name", "service-id",
                                     "Filter.1.Value.1", service_id, NULL);
  g_autofree char *endpoint = sb_xml_get (body, "vpcEndpointId");

  g_free (sb_aws_ok (sb, "ec2", "AcceptVpcEndpointConnections", "ServiceId", service_id,
                     "VpcEndpointId.1", endpoint, NULL));
}

static gboolean
link_reachable (SbTest     *sb,
                const char *link_id)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (sb->sandbox);
  JsonObject *link = sb_dump_find (dump, "tidb", "private_links", "id", link_id);

  return json_object_get_boolean_member (link, "reachable");
}

/* TiDB's endpoint sits in use1-az4 of this NLB's zones; the Multi-AZ database's primary
 * is in use1-az6: healthy, but only reachable with cross-zone load balancing. */
static void
test_reachability (Fixture       *fixture,
                   gconstpointer  data)
{
  SbTest *sb = fixture->sb;
  g_autofree char *group = create_group (fixture, "reach-nlb");
  g_autofree char *lb = create_nlb (fixture, "reach", fixture->subnet_a, fixture->subnet_b, group);
  g_autofree char *target_group = create_target_group (fixture, "reach", fixture->vpc);
  g_autofree char *billing = db_address (sb, "billing-mysql");
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(GError) error = NULL;

  g_free (sb_aws_ok (sb, ELB, "RegisterTargets", "TargetGroupArn", target_group, "Targets.member.1.Id", billing, NULL));
  g_free (sb_aws_ok (sb, ELB, "CreateListener", "LoadBalancerArn", lb, "Protocol", "TCP", "Port", "3306",
                     "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", target_group,
                     NULL));
  g_free (sb_aws_ok (sb, "ec2", "AuthorizeSecurityGroupIngress", "GroupId", fixture->db_group,
                     "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "3306",
                     "IpPermissions.1.ToPort", "3306", "IpPermissions.1.Groups.1.GroupId", group, NULL));
  sb_service_on (sb, lb, TRUE, &service_id, &service_name);
  link = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  cw_sandbox_advance_clock (sb->sandbox, 30);
  accept_all (sb, service_id);
  cw_sandbox_advance_clock (sb->sandbox, 150);
  g_assert_cmpstr (health_of (fixture, target_group), ==, "healthy");
  g_assert_false (link_reachable (sb, cw_tidb_private_link_get_link_id (link)));
  g_free (sb_aws_ok (sb, ELB, "ModifyTargetGroupAttributes", "TargetGroupArn", target_group,
                     "Attributes.member.1.Key", "load_balancing.cross_zone.enabled",
                     "Attributes.member.1.Value", "true", NULL));
  g_assert_true (link_reachable (sb, cw_tidb_private_link_get_link_id (link)));
}

static void
test_no_zone_overlap (Fixture       *fixture,
                      gconstpointer  data)
{
  SbTest *sb = fixture->sb;
  g_autofree char *body = sb_aws_ok (sb, "ec2", "DescribeSubnets", "Filter.1.Name", "vpc-id",
                                     "Filter.1.Value.1", fixture->legacy_vpc, NULL);
  g_autoptr(GPtrArray) subnets = sb_xml_all (body, "subnetId");
  g_autofree char *lb = create_nlb (fixture, "legacy", subnets->pdata[0], subnets->pdata[1], NULL);
  g_autofree char *service_id = NULL;
  g_autofree char *service_name = NULL;
  g_autoptr(CwTidbPrivateLink) link = NULL;
  g_autoptr(CwTidbPrivateLink) failed = NULL;
  g_autoptr(GError) error = NULL;

  sb_service_on (sb, lb, TRUE, &service_id, &service_name);
  link = sb_tidb_create_link (sb, service_name, &error);
  g_assert_no_error (error);
  cw_sandbox_advance_clock (sb->sandbox, 30);
  failed = sb_tidb_get_link (sb, cw_tidb_private_link_get_link_id (link), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_tidb_private_link_get_state (failed), ==, "FAILED");
  g_assert_nonnull (strstr (cw_tidb_private_link_get_message (failed), "use1-az1, use1-az2, use1-az4"));
}

static void
test_tags_and_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *group = create_group (fixture, "tagged");
  g_autofree char *found = NULL;
  g_autofree char *by_key = NULL;
  g_autofree char *wildcard = NULL;
  g_autoptr(GPtrArray) prod_subnets = NULL;

  g_free (sb_aws_ok (fixture->sb, "ec2", "CreateTags", "ResourceId.1", group, "Tag.1.Key", "causeway:link-id",
                     "Tag.1.Value", "abc", NULL));
  found = first_id (fixture->sb, "DescribeSecurityGroups", "groupId", "tag:causeway:link-id", "abc");
  by_key = first_id (fixture->sb, "DescribeSecurityGroups", "groupId", "tag-key", "causeway:link-id");
  g_assert_cmpstr (found, ==, group);
  g_assert_cmpstr (by_key, ==, group);
  wildcard = sb_aws_ok (fixture->sb, "ec2", "DescribeSubnets", "Filter.1.Name", "tag:Name", "Filter.1.Value.1",
                        "prod-*", NULL);
  prod_subnets = sb_xml_all (wildcard, "subnetId");
  g_assert_cmpuint (prod_subnets->len, ==, 4);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidParameterValue", "DescribeSubnets", "Filter.1.Name", "nonsense",
                       "Filter.1.Value.1", "x", NULL);
  sb_aws_expect_error (fixture->sb, "ec2", "InvalidParameterValue", "CreateTags", "ResourceId.1", group,
                       "Tag.1.Key", "aws:reserved", "Tag.1.Value", "x", NULL);
  sb_aws_expect_error (fixture->sb, "rds", "InvalidParameterValue", "DescribeDBInstances",
                       "Filters.Filter.1.Name", "nonsense", "Filters.Filter.1.Values.Value.1", "x", NULL);
}

static void
test_protocol (Fixture       *fixture,
               gconstpointer  data)
{
  SbTest *sb = fixture->sb;
  g_autoptr(GPtrArray) form = g_ptr_array_new ();
  const char *secret = cw_sandbox_get_secret_access_key (sb->sandbox);
  g_autofree char *wrong_region = NULL;
  g_autofree char *unknown_ec2 = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *code = NULL;
  guint status = 0;

  g_ptr_array_add (form, (gpointer) "Action");
  g_ptr_array_add (form, (gpointer) "DescribeVpcs");
  wrong_region = sb_aws_signed (sb, CW_SANDBOX_ACCESS_KEY_ID, secret, "xx-nowhere-1", "ec2", form, &status, NULL);
  code = sb_xml_get (wrong_region, "Code");
  g_assert_cmpstr (code, ==, "SignatureDoesNotMatch");
  g_clear_pointer (&code, g_free);
  unknown_ec2 = sb_aws_signed (sb, "AKIAUNKNOWNEXAMPLE00", secret, "us-east-1", "ec2", form, &status, NULL);
  code = sb_xml_get (unknown_ec2, "Code");
  g_assert_cmpstr (code, ==, "AuthFailure");
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (strstr (unknown_ec2, "<RequestID>"));
  sb_aws_expect_error (sb, "ec2", "InvalidAction", "DescribeInstances", NULL);
  g_clear_pointer (&code, g_free);
  dry = sb_aws (sb, "ec2", &status, "CreateSecurityGroup", "GroupName", "dry", "GroupDescription", "x",
                "VpcId", fixture->vpc, "DryRun", "true", NULL);
  code = sb_xml_get (dry, "Code");
  g_assert_cmpstr (code, ==, "DryRunOperation");
  g_assert_cmpuint (status, ==, 412);
}

static void
test_failover (Fixture       *fixture,
               gconstpointer  data)
{
  CwSandbox *sandbox = fixture->sb->sandbox;
  g_autoptr(GError) error = NULL;
  g_autofree char *orders_host = g_strdup ("orders-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com");
  g_autofree char *before = cw_sandbox_resolve_host (sandbox, orders_host);
  g_autofree char *after = NULL;
  g_autofree char *writer_before = cw_sandbox_resolve_host (sandbox, "inventory-aurora.cluster-c9sbx1k2abcd.us-east-1.rds.amazonaws.com");
  g_autofree char *writer_after = NULL;
  g_autofree char *reader = cw_sandbox_resolve_host (sandbox, "inventory-aurora.cluster-ro-c9sbx1k2abcd.us-east-1.rds.amazonaws.com");
  g_autofree char *public_ip = cw_sandbox_resolve_host (sandbox, "public-mysql.c9sbx1k2abcd.us-east-1.rds.amazonaws.com");
  g_autoptr(JsonNode) dump = NULL;

  g_assert_true (g_str_has_prefix (before, "10.0.0."));
  g_assert_true (g_str_has_prefix (public_ip, "203.0.113."));
  g_assert_cmpstr (writer_before, !=, reader);
  g_assert_true (cw_sandbox_failover (sandbox, "orders-mysql", &error));
  g_assert_no_error (error);
  after = cw_sandbox_resolve_host (sandbox, orders_host);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (g_str_has_prefix (after, "10.0."));
  g_assert_true (cw_sandbox_failover (sandbox, "inventory-aurora", &error));
  writer_after = cw_sandbox_resolve_host (sandbox, "inventory-aurora.cluster-c9sbx1k2abcd.us-east-1.rds.amazonaws.com");
  g_assert_cmpstr (writer_after, ==, reader);
  g_assert_true (cw_sandbox_failover (sandbox, "billing-mysql", &error));
  dump = cw_sandbox_dump_inventory (sandbox);
  g_assert_cmpstr (json_object_get_string_member (sb_dump_find (dump, "aws", "db_instances", "id", "billing-mysql"),
                                                  "zone_name"), ==, "us-east-1c");
  g_assert_false (cw_sandbox_failover (sandbox, "no-such-db", &error));
  g_assert_error (error, CW_SANDBOX_ERROR, CW_SANDBOX_ERROR_NOT_FOUND);
  g_assert_null (cw_sandbox_resolve_host (sandbox, "example.com"));
}

/* The default world: the link made by hand for orders works; billing's has drifted. */
static void
test_default_world (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) dump = cw_sandbox_dump_inventory (fixture->sb->sandbox);
  JsonArray *links = sb_dump_array (dump, "tidb", "private_links");
  JsonObject *healthy = json_array_get_object_element (links, 0);
  JsonObject *drifted = json_array_get_object_element (links, 1);
  JsonObject *billing_group = sb_dump_find (dump, "aws", "target_groups", "name", "billing-privatelink-3306");
  JsonObject *target = json_array_get_object_element (json_object_get_array_member (billing_group, "targets"), 0);
  JsonObject *billing = sb_dump_find (dump, "aws", "db_instances", "id", "billing-mysql");

  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  g_assert_true (json_object_get_boolean_member (healthy, "reachable"));
  g_assert_false (json_object_get_boolean_member (drifted, "reachable"));
  g_assert_cmpstr (json_object_get_string_member (target, "state"), ==, "unhealthy");
  g_assert_cmpstr (json_object_get_string_member (target, "ip"), !=, json_object_get_string_member (billing, "private_ip"));
  g_assert_true (json_object_get_boolean_member (billing, "multi_az"));
  g_assert_cmpuint (json_array_get_length (sb_dump_array (dump, "aws", "db_instances")), ==, 8);
  g_assert_cmpuint (json_array_get_length (sb_dump_array (dump, "aws", "db_clusters")), ==, 1);
}

static void
test_critical_path (void)
{
  g_autofree char *description = NULL;

  g_assert_cmpfloat_with_epsilon (cw_sandbox_critical_path_seconds (1.0, &description), 200.0, 1e-9);
  g_assert_nonnull (strstr (description, "NLB provisioning 150 s"));
  g_assert_cmpfloat_with_epsilon (cw_sandbox_critical_path_seconds (0.01, NULL), 2.0, 1e-9);
}

static void
test_large (void)
{
  g_autoptr(SbTest) sb = sb_test_new (1.0, "large", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = NULL;
  guint load_balancers = 0;
  guint pages = 0;

  cw_tidb_client_list_private_links_async (sb->tidb, SB_CLUSTER_ID, NULL, NULL, sb_store_result, &result);
  links = cw_tidb_client_list_private_links_finish (sb->tidb, sb_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1002);
  do
    {
      g_autofree char *body = marker ? sb_aws_ok (sb, ELB, "DescribeLoadBalancers", "Marker", marker, NULL)
                                     : sb_aws_ok (sb, ELB, "DescribeLoadBalancers", NULL);
      g_autoptr(GPtrArray) arns = sb_xml_all (body, "LoadBalancerArn");

      load_balancers += arns->len;
      g_free (marker);
      marker = sb_xml_get (body, "NextMarker");
      g_assert_cmpuint (++pages, <=, 10);
    }
  while (marker != NULL);
  g_assert_cmpuint (load_balancers, ==, 1002);
  g_assert_cmpuint (pages, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    const char *path;
    void (*run) (Fixture *fixture, gconstpointer data);
  } tests[] = {
    { "/sandbox/rules/names", test_names },
    { "/sandbox/rules/uniqueness", test_uniqueness },
    { "/sandbox/rules/membership", test_membership },
    { "/sandbox/rules/targets", test_targets },
    { "/sandbox/rules/listeners", test_listeners },
    { "/sandbox/rules/delete-order", test_delete_order },
    { "/sandbox/rules/service-with-connections", test_service_with_connections },
    { "/sandbox/rules/time", test_time },
    { "/sandbox/rules/health-and-cross-zone", test_health_and_cross_zone },
    { "/sandbox/rules/reachability", test_reachability },
    { "/sandbox/rules/no-zone-overlap", test_no_zone_overlap },
    { "/sandbox/rules/tags-and-filters", test_tags_and_filters },
    { "/sandbox/rules/protocol", test_protocol },
    { "/sandbox/rules/failover", test_failover },
    { "/sandbox/rules/default-world", test_default_world },
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].run, fixture_tear_down);
  g_test_add_func ("/sandbox/rules/critical-path", test_critical_path);
  g_test_add_func ("/sandbox/rules/large", test_large);
  return g_test_run ();
}
