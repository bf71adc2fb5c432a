/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every EC2 operation: the exact form sent, and the typed result of an AWS-shaped answer. */
#include "config.h"

#include <string.h>

#include "aws-test-server.h"
#include "cw-aws-error.h"
#include "cw-ec2.h"

#define VERSION "2016-11-15"
#define LINK_ID "2f1c9a3e-8d47-4b6a-9e15-0c7d4f3b2a19"
#define SERVICE_ID "vpce-svc-0123456789abcdef0"
#define NLB_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders-db-nlb/50dc6c495c0c9188"
#define TIDB_PRINCIPAL "arn:aws:iam::380838443567:root"

typedef AwsTestFixture Fixture;

static const CwAwsKeyValue link_tags[] = {
  { "causeway:link-id", LINK_ID },
  { "Name", "orders-db-link" },
  { NULL }
};

static GHashTable *
sent_form (Fixture *fixture,
           guint    index)
{
  g_assert_cmpstr (aws_test_server_get_service (fixture->server, index), ==, "ec2");
  return aws_test_server_get_form (fixture->server, index);
}

static void
test_describe_availability_zones (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char * const types[] = { "availability-zone", NULL };
  const CwAwsFilter filters[] = { { "zone-type", types }, { NULL } };
  g_autoptr(GPtrArray) zones = NULL;
  CwEc2AvailabilityZone *zone;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeAvailabilityZones.xml");
  cw_ec2_describe_availability_zones_async (fixture->client, filters, CW_AWS_CALL_DEFAULT, NULL,
                                            aws_test_store_result, &fixture->result);
  zones = cw_ec2_describe_availability_zones_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeAvailabilityZones", VERSION,
                        "Filter.1.Name", "zone-type",
                        "Filter.1.Value.1", "availability-zone",
                        NULL);
  g_assert_cmpuint (zones->len, ==, 3);
  zone = g_ptr_array_index (zones, 1);
  g_assert_cmpstr (zone->zone_name, ==, "us-east-1b");
  g_assert_cmpstr (zone->zone_id, ==, "use1-az1");
  g_assert_cmpstr (zone->state, ==, "available");
  g_assert_cmpstr (zone->region_name, ==, "us-east-1");
  g_assert_cmpstr (zone->zone_type, ==, "availability-zone");
}

static void
test_describe_vpcs (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const ids[] = { "vpc-0123456789abcdef0", "vpc-0fedcba9876543210", NULL };
  g_autoptr(GPtrArray) vpcs = NULL;
  CwEc2Vpc *vpc;
  CwEc2CidrBlock *secondary;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeVpcs.xml");
  cw_ec2_describe_vpcs_async (fixture->client, ids, NULL, CW_AWS_CALL_DEFAULT, NULL,
                              aws_test_store_result, &fixture->result);
  vpcs = cw_ec2_describe_vpcs_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeVpcs", VERSION,
                        "VpcId.1", "vpc-0123456789abcdef0",
                        "VpcId.2", "vpc-0fedcba9876543210",
                        NULL);
  g_assert_cmpuint (vpcs->len, ==, 1);
  vpc = g_ptr_array_index (vpcs, 0);
  g_assert_cmpstr (vpc->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpstr (vpc->cidr_block, ==, "10.0.0.0/16");
  g_assert_cmpstr (vpc->state, ==, "available");
  g_assert_false (vpc->is_default);
  g_assert_cmpuint (vpc->cidr_block_associations->len, ==, 2);
  secondary = g_ptr_array_index (vpc->cidr_block_associations, 1);
  g_assert_cmpstr (secondary->cidr_block, ==, "100.64.0.0/22");
  g_assert_cmpstr (secondary->state, ==, "associated");
  g_assert_cmpstr (cw_aws_key_values_lookup (vpc->tags, "Name"), ==, "production");
}

static void
test_describe_subnets (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const ids[] = { "subnet-00000000000000003", NULL };
  const char * const zones[] = { "use1-az2", "use1-az4", NULL };
  const CwAwsFilter filters[] = { { "availability-zone-id", zones }, { NULL } };
  g_autoptr(GPtrArray) subnets = NULL;
  CwEc2Subnet *subnet;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeSubnets-page3.xml");
  cw_ec2_describe_subnets_async (fixture->client, ids, filters, CW_AWS_CALL_DEFAULT, NULL,
                                 aws_test_store_result, &fixture->result);
  subnets = cw_ec2_describe_subnets_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeSubnets", VERSION,
                        "SubnetId.1", "subnet-00000000000000003",
                        "Filter.1.Name", "availability-zone-id",
                        "Filter.1.Value.1", "use1-az2",
                        "Filter.1.Value.2", "use1-az4",
                        NULL);
  g_assert_cmpuint (subnets->len, ==, 1);
  subnet = g_ptr_array_index (subnets, 0);
  g_assert_cmpstr (subnet->subnet_id, ==, "subnet-00000000000000003");
  g_assert_cmpstr (subnet->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpstr (subnet->availability_zone, ==, "us-east-1c");
  g_assert_cmpstr (subnet->availability_zone_id, ==, "use1-az2");
  g_assert_cmpstr (subnet->cidr_block, ==, "10.0.3.0/24");
  g_assert_cmpstr (subnet->state, ==, "available");
  g_assert_cmpint (subnet->available_ip_address_count, ==, 253);
  g_assert_false (subnet->map_public_ip_on_launch);
  g_assert_cmpstr (cw_aws_key_values_lookup (subnet->tags, "Name"), ==, "private-us-east-1c");
}

static void
test_describe_security_groups (Fixture       *fixture,
                               gconstpointer  data)
{
  const char * const ids[] = { "sg-0aaaaaaaaaaaaaaa1", NULL };
  const char * const vpcs[] = { "vpc-0123456789abcdef0", NULL };
  const CwAwsFilter filters[] = { { "vpc-id", vpcs }, { NULL } };
  g_autoptr(GPtrArray) groups = NULL;
  CwEc2SecurityGroup *group;
  CwEc2IpPermission *rule;
  CwEc2IpPermission *egress;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeSecurityGroups.xml");
  cw_ec2_describe_security_groups_async (fixture->client, ids, filters, CW_AWS_CALL_DEFAULT, NULL,
                                         aws_test_store_result, &fixture->result);
  groups = cw_ec2_describe_security_groups_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeSecurityGroups", VERSION,
                        "GroupId.1", "sg-0aaaaaaaaaaaaaaa1",
                        "Filter.1.Name", "vpc-id",
                        "Filter.1.Value.1", "vpc-0123456789abcdef0",
                        NULL);
  g_assert_cmpuint (groups->len, ==, 1);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->group_id, ==, "sg-0aaaaaaaaaaaaaaa1");
  g_assert_cmpstr (group->group_name, ==, "orders-db");
  g_assert_cmpstr (group->description, ==, "Database access");
  g_assert_cmpstr (group->vpc_id, ==, "vpc-0123456789abcdef0");
  g_assert_cmpuint (group->ip_permissions->len, ==, 1);
  rule = g_ptr_array_index (group->ip_permissions, 0);
  g_assert_cmpstr (rule->ip_protocol, ==, "tcp");
  g_assert_cmpint (rule->from_port, ==, 3306);
  g_assert_cmpint (rule->to_port, ==, 3306);
  g_assert_cmpuint (rule->groups->len, ==, 1);
  g_assert_cmpstr (((CwEc2GroupPair *) g_ptr_array_index (rule->groups, 0))->group_id, ==, "sg-0bbbbbbbbbbbbbbb2");
  g_assert_cmpstr (((CwEc2GroupPair *) g_ptr_array_index (rule->groups, 0))->description, ==, "Causeway NLB");
  g_assert_cmpuint (rule->ip_ranges->len, ==, 1);
  g_assert_cmpstr (((CwEc2IpRange *) g_ptr_array_index (rule->ip_ranges, 0))->cidr_ip, ==, "10.0.0.0/16");
  g_assert_cmpuint (group->ip_permissions_egress->len, ==, 1);
  egress = g_ptr_array_index (group->ip_permissions_egress, 0);
  g_assert_cmpstr (egress->ip_protocol, ==, "-1");
  g_assert_cmpstr (egress->ipv6_ranges[0], ==, "::/0");
  g_assert_null (egress->ipv6_ranges[1]);
  g_assert_null (egress->prefix_list_ids[0]);
  g_assert_cmpstr (cw_aws_key_values_lookup (group->tags, "Name"), ==, "orders-db");
}

static void
test_create_security_group (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *group_id = NULL;

  aws_test_server_reply_file (fixture->server, "ec2-CreateSecurityGroup.xml");
  cw_ec2_create_security_group_async (fixture->client, "causeway-orders-db-nlb", "Causeway: NLB for orders-db",
                                      "vpc-0123456789abcdef0", link_tags, CW_AWS_CALL_DEFAULT, NULL,
                                      aws_test_store_result, &fixture->result);
  group_id = cw_ec2_create_security_group_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateSecurityGroup", VERSION,
                        "GroupName", "causeway-orders-db-nlb",
                        "GroupDescription", "Causeway: NLB for orders-db",
                        "VpcId", "vpc-0123456789abcdef0",
                        "TagSpecification.1.ResourceType", "security-group",
                        "TagSpecification.1.Tag.1.Key", "causeway:link-id",
                        "TagSpecification.1.Tag.1.Value", LINK_ID,
                        "TagSpecification.1.Tag.2.Key", "Name",
                        "TagSpecification.1.Tag.2.Value", "orders-db-link",
                        NULL);
  g_assert_cmpstr (group_id, ==, "sg-0bbbbbbbbbbbbbbb2");
}

static void
test_authorize_security_group_ingress (Fixture       *fixture,
                                       gconstpointer  data)
{
  const CwAwsKeyValue tags[] = { { "causeway:link-id", LINK_ID }, { NULL } };
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);
  g_autoptr(GPtrArray) rules = NULL;
  CwEc2SecurityGroupRule *rule;

  g_ptr_array_add (permissions, cw_ec2_ip_permission_new_tcp (3306, "sg-0bbbbbbbbbbbbbbb2", NULL, "Causeway NLB"));
  aws_test_server_reply_file (fixture->server, "ec2-AuthorizeSecurityGroupIngress.xml");
  cw_ec2_authorize_security_group_ingress_async (fixture->client, "sg-0aaaaaaaaaaaaaaa1", permissions, tags,
                                                 CW_AWS_CALL_RETRY_NOT_FOUND, NULL,
                                                 aws_test_store_result, &fixture->result);
  rules = cw_ec2_authorize_security_group_ingress_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "AuthorizeSecurityGroupIngress", VERSION,
                        "GroupId", "sg-0aaaaaaaaaaaaaaa1",
                        "IpPermissions.1.IpProtocol", "tcp",
                        "IpPermissions.1.FromPort", "3306",
                        "IpPermissions.1.ToPort", "3306",
                        "IpPermissions.1.Groups.1.GroupId", "sg-0bbbbbbbbbbbbbbb2",
                        "IpPermissions.1.Groups.1.Description", "Causeway NLB",
                        "TagSpecification.1.ResourceType", "security-group-rule",
                        "TagSpecification.1.Tag.1.Key", "causeway:link-id",
                        "TagSpecification.1.Tag.1.Value", LINK_ID,
                        NULL);
  g_assert_cmpuint (rules->len, ==, 1);
  rule = g_ptr_array_index (rules, 0);
  g_assert_cmpstr (rule->security_group_rule_id, ==, "sgr-0fedcba9876543210");
  g_assert_cmpstr (rule->group_id, ==, "sg-0aaaaaaaaaaaaaaa1");
  g_assert_false (rule->is_egress);
  g_assert_cmpint (rule->from_port, ==, 3306);
  g_assert_cmpstr (rule->referenced_group_id, ==, "sg-0bbbbbbbbbbbbbbb2");
  g_assert_cmpstr (cw_aws_key_values_lookup (rule->tags, "causeway:link-id"), ==, LINK_ID);
}

/* By rule id (what Causeway recorded), and by rule (a CIDR one, to cover IpRanges). */
static void
test_revoke_security_group_ingress (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char * const rule_ids[] = { "sgr-0fedcba9876543210", NULL };
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);

  aws_test_server_reply_file (fixture->server, "ec2-RevokeSecurityGroupIngress.xml");
  cw_ec2_revoke_security_group_ingress_async (fixture->client, "sg-0aaaaaaaaaaaaaaa1", NULL, rule_ids,
                                              CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_revoke_security_group_ingress_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "RevokeSecurityGroupIngress", VERSION,
                        "GroupId", "sg-0aaaaaaaaaaaaaaa1",
                        "SecurityGroupRuleId.1", "sgr-0fedcba9876543210",
                        NULL);

  g_clear_object (&fixture->result);
  g_ptr_array_add (permissions, cw_ec2_ip_permission_new_tcp (3306, NULL, "10.0.0.0/16", "VPC"));
  aws_test_server_reply_file (fixture->server, "ec2-RevokeSecurityGroupIngress.xml");
  cw_ec2_revoke_security_group_ingress_async (fixture->client, "sg-0aaaaaaaaaaaaaaa1", permissions, NULL,
                                              CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_revoke_security_group_ingress_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  aws_test_assert_form (sent_form (fixture, 1), "RevokeSecurityGroupIngress", VERSION,
                        "GroupId", "sg-0aaaaaaaaaaaaaaa1",
                        "IpPermissions.1.IpProtocol", "tcp",
                        "IpPermissions.1.FromPort", "3306",
                        "IpPermissions.1.ToPort", "3306",
                        "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/16",
                        "IpPermissions.1.IpRanges.1.Description", "VPC",
                        NULL);
}

/* The load balancer's one way out: the database port to the database's group. */
static void
test_authorize_security_group_egress (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);
  g_autoptr(GPtrArray) rules = NULL;
  CwEc2SecurityGroupRule *rule;

  g_ptr_array_add (permissions, cw_ec2_ip_permission_new_tcp (3306, "sg-0aaaaaaaaaaaaaaa1", NULL, "Causeway NLB"));
  aws_test_server_reply_file (fixture->server, "ec2-AuthorizeSecurityGroupEgress.xml");
  cw_ec2_authorize_security_group_egress_async (fixture->client, "sg-0bbbbbbbbbbbbbbb2", permissions, NULL,
                                                CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  rules = cw_ec2_authorize_security_group_egress_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "AuthorizeSecurityGroupEgress", VERSION,
                        "GroupId", "sg-0bbbbbbbbbbbbbbb2",
                        "IpPermissions.1.IpProtocol", "tcp",
                        "IpPermissions.1.FromPort", "3306",
                        "IpPermissions.1.ToPort", "3306",
                        "IpPermissions.1.Groups.1.GroupId", "sg-0aaaaaaaaaaaaaaa1",
                        "IpPermissions.1.Groups.1.Description", "Causeway NLB",
                        NULL);
  g_assert_cmpuint (rules->len, ==, 1);
  rule = g_ptr_array_index (rules, 0);
  g_assert_true (rule->is_egress);
  g_assert_cmpstr (rule->referenced_group_id, ==, "sg-0aaaaaaaaaaaaaaa1");
}

/* AWS's allow-all egress has no ports: none are sent. */
static void
test_revoke_security_group_egress (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_ec2_ip_permission_unref);

  g_ptr_array_add (permissions, cw_ec2_ip_permission_new_all_traffic ("0.0.0.0/0"));
  aws_test_server_reply_file (fixture->server, "ec2-RevokeSecurityGroupEgress.xml");
  cw_ec2_revoke_security_group_egress_async (fixture->client, "sg-0bbbbbbbbbbbbbbb2", permissions, NULL,
                                             CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_revoke_security_group_egress_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "RevokeSecurityGroupEgress", VERSION,
                        "GroupId", "sg-0bbbbbbbbbbbbbbb2",
                        "IpPermissions.1.IpProtocol", "-1",
                        "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0",
                        NULL);
}

static void
test_delete_security_group (Fixture       *fixture,
                            gconstpointer  data)
{
  aws_test_server_reply_file (fixture->server, "ec2-DeleteSecurityGroup.xml");
  cw_ec2_delete_security_group_async (fixture->client, "sg-0bbbbbbbbbbbbbbb2", CW_AWS_CALL_DEFAULT, NULL,
                                      aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_delete_security_group_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DeleteSecurityGroup", VERSION,
                        "GroupId", "sg-0bbbbbbbbbbbbbbb2",
                        NULL);
}

/* A publicly accessible database: its public IP leads to its private one. */
static void
test_describe_network_interfaces (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char * const ips[] = { "203.0.113.25", NULL };
  const CwAwsFilter filters[] = { { "association.public-ip", ips }, { NULL } };
  g_autoptr(GPtrArray) interfaces = NULL;
  CwEc2NetworkInterface *interface;
  CwEc2PrivateIpAddress *address;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeNetworkInterfaces.xml");
  cw_ec2_describe_network_interfaces_async (fixture->client, NULL, filters, CW_AWS_CALL_DEFAULT, NULL,
                                            aws_test_store_result, &fixture->result);
  interfaces = cw_ec2_describe_network_interfaces_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeNetworkInterfaces", VERSION,
                        "Filter.1.Name", "association.public-ip",
                        "Filter.1.Value.1", "203.0.113.25",
                        NULL);
  g_assert_cmpuint (interfaces->len, ==, 1);
  interface = g_ptr_array_index (interfaces, 0);
  g_assert_cmpstr (interface->network_interface_id, ==, "eni-0f7db66b1e0b6b1a1");
  g_assert_cmpstr (interface->private_ip_address, ==, "10.0.1.25");
  g_assert_cmpstr (interface->public_ip, ==, "203.0.113.25");
  g_assert_cmpstr (interface->availability_zone, ==, "us-east-1a");
  g_assert_cmpstr (interface->subnet_id, ==, "subnet-00000000000000001");
  g_assert_cmpstr (interface->requester_id, ==, "amazon-rds");
  g_assert_true (interface->requester_managed);
  g_assert_cmpstr (interface->group_ids[0], ==, "sg-0aaaaaaaaaaaaaaa1");
  g_assert_null (interface->group_ids[1]);
  g_assert_cmpuint (interface->private_ip_addresses->len, ==, 1);
  address = g_ptr_array_index (interface->private_ip_addresses, 0);
  g_assert_true (address->primary);
  g_assert_cmpstr (address->private_ip_address, ==, "10.0.1.25");
  g_assert_cmpstr (address->public_ip, ==, "203.0.113.25");
}

static void
assert_service_configuration (CwEc2ServiceConfiguration *service,
                              const char                *state)
{
  g_assert_cmpstr (service->service_id, ==, SERVICE_ID);
  g_assert_cmpstr (service->service_name, ==, "com.amazonaws.vpce.us-east-1." SERVICE_ID);
  g_assert_cmpstr (service->service_state, ==, state);
  g_assert_cmpstr (service->service_types[0], ==, "Interface");
  g_assert_true (service->acceptance_required);
  g_assert_false (service->manages_vpc_endpoints);
  g_assert_cmpuint (g_strv_length (service->availability_zones), ==, 2);
  g_assert_cmpstr (service->availability_zones[1], ==, "us-east-1b");
  g_assert_cmpstr (service->network_load_balancer_arns[0], ==, NLB_ARN);
  g_assert_cmpstr (service->supported_ip_address_types[0], ==, "ipv4");
  g_assert_cmpstr (service->base_endpoint_dns_names[0], ==, SERVICE_ID ".us-east-1.vpce.amazonaws.com");
  g_assert_cmpstr (cw_aws_key_values_lookup (service->tags, "causeway:link-id"), ==, LINK_ID);
}

static void
test_create_vpc_endpoint_service_configuration (Fixture       *fixture,
                                                gconstpointer  data)
{
  const char * const nlbs[] = { NLB_ARN, NULL };
  const char * const ipv4[] = { "ipv4", NULL };
  g_autoptr(CwEc2ServiceConfiguration) service = NULL;

  aws_test_server_reply_file (fixture->server, "ec2-CreateVpcEndpointServiceConfiguration.xml");
  cw_ec2_create_vpc_endpoint_service_configuration_async (fixture->client, nlbs, TRUE, ipv4, "causeway-" LINK_ID,
                                                          link_tags, CW_AWS_CALL_DEFAULT, NULL,
                                                          aws_test_store_result, &fixture->result);
  service = cw_ec2_create_vpc_endpoint_service_configuration_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                     &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateVpcEndpointServiceConfiguration", VERSION,
                        "AcceptanceRequired", "true",
                        "NetworkLoadBalancerArn.1", NLB_ARN,
                        "SupportedIpAddressType.1", "ipv4",
                        "ClientToken", "causeway-" LINK_ID,
                        "TagSpecification.1.ResourceType", "vpc-endpoint-service",
                        "TagSpecification.1.Tag.1.Key", "causeway:link-id",
                        "TagSpecification.1.Tag.1.Value", LINK_ID,
                        "TagSpecification.1.Tag.2.Key", "Name",
                        "TagSpecification.1.Tag.2.Value", "orders-db-link",
                        NULL);
  assert_service_configuration (service, "Pending");
}

static void
test_describe_vpc_endpoint_service_configurations (Fixture       *fixture,
                                                   gconstpointer  data)
{
  const char * const ids[] = { SERVICE_ID, NULL };
  g_autoptr(GPtrArray) services = NULL;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeVpcEndpointServiceConfigurations.xml");
  cw_ec2_describe_vpc_endpoint_service_configurations_async (fixture->client, ids, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                                             aws_test_store_result, &fixture->result);
  services = cw_ec2_describe_vpc_endpoint_service_configurations_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                         &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeVpcEndpointServiceConfigurations", VERSION,
                        "ServiceId.1", SERVICE_ID,
                        NULL);
  g_assert_cmpuint (services->len, ==, 1);
  assert_service_configuration (g_ptr_array_index (services, 0), "Available");
}

static void
test_modify_vpc_endpoint_service_permissions (Fixture       *fixture,
                                              gconstpointer  data)
{
  const char * const add[] = { TIDB_PRINCIPAL, NULL };
  const char * const remove[] = { "arn:aws:iam::111122223333:root", NULL };

  aws_test_server_reply_file (fixture->server, "ec2-ModifyVpcEndpointServicePermissions.xml");
  cw_ec2_modify_vpc_endpoint_service_permissions_async (fixture->client, SERVICE_ID, add, remove,
                                                        CW_AWS_CALL_RETRY_NOT_FOUND, NULL,
                                                        aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_modify_vpc_endpoint_service_permissions_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                        &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "ModifyVpcEndpointServicePermissions", VERSION,
                        "ServiceId", SERVICE_ID,
                        "AddAllowedPrincipals.1", TIDB_PRINCIPAL,
                        "RemoveAllowedPrincipals.1", "arn:aws:iam::111122223333:root",
                        NULL);
}

static void
test_describe_vpc_endpoint_service_permissions (Fixture       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GPtrArray) principals = NULL;
  CwEc2AllowedPrincipal *principal;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeVpcEndpointServicePermissions.xml");
  cw_ec2_describe_vpc_endpoint_service_permissions_async (fixture->client, SERVICE_ID, NULL, CW_AWS_CALL_DEFAULT, NULL,
                                                          aws_test_store_result, &fixture->result);
  principals = cw_ec2_describe_vpc_endpoint_service_permissions_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                        &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeVpcEndpointServicePermissions", VERSION,
                        "ServiceId", SERVICE_ID,
                        NULL);
  g_assert_cmpuint (principals->len, ==, 1);
  principal = g_ptr_array_index (principals, 0);
  g_assert_cmpstr (principal->principal, ==, TIDB_PRINCIPAL);
  g_assert_cmpstr (principal->principal_type, ==, "Account");
  g_assert_cmpstr (principal->service_id, ==, SERVICE_ID);
}

static void
test_describe_vpc_endpoint_connections (Fixture       *fixture,
                                        gconstpointer  data)
{
  const char * const services[] = { SERVICE_ID, NULL };
  const char * const states[] = { "pendingAcceptance", NULL };
  const CwAwsFilter filters[] = { { "service-id", services }, { "vpc-endpoint-state", states }, { NULL } };
  g_autoptr(GPtrArray) connections = NULL;
  CwEc2VpcEndpointConnection *connection;

  aws_test_server_reply_file (fixture->server, "ec2-DescribeVpcEndpointConnections.xml");
  cw_ec2_describe_vpc_endpoint_connections_async (fixture->client, filters, CW_AWS_CALL_DEFAULT, NULL,
                                                  aws_test_store_result, &fixture->result);
  connections = cw_ec2_describe_vpc_endpoint_connections_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                 &fixture->error);
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DescribeVpcEndpointConnections", VERSION,
                        "Filter.1.Name", "service-id",
                        "Filter.1.Value.1", SERVICE_ID,
                        "Filter.2.Name", "vpc-endpoint-state",
                        "Filter.2.Value.1", "pendingAcceptance",
                        NULL);
  g_assert_cmpuint (connections->len, ==, 1);
  connection = g_ptr_array_index (connections, 0);
  g_assert_cmpstr (connection->vpc_endpoint_id, ==, "vpce-0a1b2c3d4e5f60718");
  g_assert_cmpstr (connection->vpc_endpoint_owner, ==, "380838443567");
  g_assert_cmpstr (connection->vpc_endpoint_state, ==, "pendingAcceptance");
  g_assert_cmpstr (connection->service_id, ==, SERVICE_ID);
  g_assert_cmpstr (connection->creation_timestamp, ==, "2024-05-14T09:21:37.000Z");
  g_assert_cmpstr (connection->network_load_balancer_arns[0], ==, NLB_ARN);
}

typedef void     (*EndpointsAsync)  (CwAwsClient *, const char *, const char * const *, CwAwsCallFlags,
                                     GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*EndpointsFinish) (CwAwsClient *, GAsyncResult *, GError **);

static void
check_endpoint_connections (Fixture         *fixture,
                            const char      *action,
                            EndpointsAsync   call_async,
                            EndpointsFinish  call_finish)
{
  const char * const endpoints[] = { "vpce-0a1b2c3d4e5f60718", NULL };
  g_autofree char *file = g_strdup_printf ("ec2-%s.xml", action);

  aws_test_server_reply_file (fixture->server, file);
  call_async (fixture->client, SERVICE_ID, endpoints, CW_AWS_CALL_DEFAULT, NULL, aws_test_store_result, &fixture->result);
  g_assert_true (call_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), action, VERSION,
                        "ServiceId", SERVICE_ID,
                        "VpcEndpointId.1", "vpce-0a1b2c3d4e5f60718",
                        NULL);
}

/* Exactly TiDB's endpoint; an item AWS could not accept is an error with its own code. */
static void
test_accept_vpc_endpoint_connections (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char * const endpoints[] = { "vpce-0ffffffffffffffff", NULL };

  check_endpoint_connections (fixture, "AcceptVpcEndpointConnections", cw_ec2_accept_vpc_endpoint_connections_async,
                              cw_ec2_accept_vpc_endpoint_connections_finish);

  g_clear_object (&fixture->result);
  aws_test_server_reply_file (fixture->server, "ec2-AcceptVpcEndpointConnections-unsuccessful.xml");
  cw_ec2_accept_vpc_endpoint_connections_async (fixture->client, SERVICE_ID, endpoints, CW_AWS_CALL_DEFAULT, NULL,
                                                aws_test_store_result, &fixture->result);
  g_assert_false (cw_ec2_accept_vpc_endpoint_connections_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                 &fixture->error));
  g_assert_error (fixture->error, CW_AWS_ERROR, CW_AWS_ERROR_NOT_FOUND);
  g_assert_cmpstr (cw_aws_error_get_code (fixture->error), ==, "InvalidVpcEndpoint.NotFound");
  g_assert_cmpstr (cw_aws_error_get_action (fixture->error), ==, "ec2:AcceptVpcEndpointConnections");
  g_assert_nonnull (strstr (fixture->error->message, "vpce-0ffffffffffffffff"));
}

static void
test_reject_vpc_endpoint_connections (Fixture       *fixture,
                                      gconstpointer  data)
{
  check_endpoint_connections (fixture, "RejectVpcEndpointConnections", cw_ec2_reject_vpc_endpoint_connections_async,
                              cw_ec2_reject_vpc_endpoint_connections_finish);
}

static void
test_delete_vpc_endpoint_service_configurations (Fixture       *fixture,
                                                 gconstpointer  data)
{
  const char * const ids[] = { SERVICE_ID, NULL };

  aws_test_server_reply_file (fixture->server, "ec2-DeleteVpcEndpointServiceConfigurations.xml");
  cw_ec2_delete_vpc_endpoint_service_configurations_async (fixture->client, ids, CW_AWS_CALL_DEFAULT, NULL,
                                                           aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_delete_vpc_endpoint_service_configurations_finish (fixture->client, aws_test_fixture_wait (fixture),
                                                                           &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "DeleteVpcEndpointServiceConfigurations", VERSION,
                        "ServiceId.1", SERVICE_ID,
                        NULL);
}

static void
test_delete_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const resources[] = { SERVICE_ID, NULL };
  const char * const keys[] = { "causeway:port:3307", NULL };

  aws_test_server_reply_file (fixture->server, "ec2-DeleteTags.xml");
  cw_ec2_delete_tags_async (fixture->client, resources, keys, CW_AWS_CALL_DEFAULT, NULL,
                            aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_delete_tags_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  /* A key without a value removes the tag whatever its value is. */
  aws_test_assert_form (sent_form (fixture, 0), "DeleteTags", VERSION,
                        "ResourceId.1", SERVICE_ID,
                        "Tag.1.Key", "causeway:port:3307",
                        NULL);
}

static void
test_create_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const resources[] = { SERVICE_ID, "sg-0bbbbbbbbbbbbbbb2", NULL };

  aws_test_server_reply_file (fixture->server, "ec2-CreateTags.xml");
  cw_ec2_create_tags_async (fixture->client, resources, link_tags, CW_AWS_CALL_RETRY_NOT_FOUND, NULL,
                            aws_test_store_result, &fixture->result);
  g_assert_true (cw_ec2_create_tags_finish (fixture->client, aws_test_fixture_wait (fixture), &fixture->error));
  g_assert_no_error (fixture->error);
  aws_test_assert_form (sent_form (fixture, 0), "CreateTags", VERSION,
                        "ResourceId.1", SERVICE_ID,
                        "ResourceId.2", "sg-0bbbbbbbbbbbbbbb2",
                        "Tag.1.Key", "causeway:link-id",
                        "Tag.1.Value", LINK_ID,
                        "Tag.2.Key", "Name",
                        "Tag.2.Value", "orders-db-link",
                        NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/aws/ec2/" #name, Fixture, NULL, aws_test_fixture_set_up, test_##name, aws_test_fixture_tear_down)
  ADD (describe_availability_zones);
  ADD (describe_vpcs);
  ADD (describe_subnets);
  ADD (describe_security_groups);
  ADD (create_security_group);
  ADD (authorize_security_group_ingress);
  ADD (revoke_security_group_ingress);
  ADD (authorize_security_group_egress);
  ADD (revoke_security_group_egress);
  ADD (delete_security_group);
  ADD (describe_network_interfaces);
  ADD (create_vpc_endpoint_service_configuration);
  ADD (describe_vpc_endpoint_service_configurations);
  ADD (modify_vpc_endpoint_service_permissions);
  ADD (describe_vpc_endpoint_service_permissions);
  ADD (describe_vpc_endpoint_connections);
  ADD (accept_vpc_endpoint_connections);
  ADD (reject_vpc_endpoint_connections);
  ADD (delete_vpc_endpoint_service_configurations);
  ADD (create_tags);
  ADD (delete_tags);
#undef ADD
  return g_test_run ();
}
