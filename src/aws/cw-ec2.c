/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-ec2.c
 *
 * Wire names follow botocore's ec2 2016-11-15 model: request lists are Name.N under the
 * member's locationName with a capital first letter (Filter.1.Value.1,
 * TagSpecification.1.Tag.1.Key, IpPermissions.1.Groups.1.GroupId); responses put list
 * items in <item> elements under camelCase names.
 *
 * Over 800 lines because it is the table of every EC2 record and operation Causeway
 * uses, each a few lines; they share the list and filter serialisers at the top.
 */
#define G_LOG_DOMAIN "cw-ec2"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-aws-error.h"
#include "cw-ec2.h"

/* Records */

static const CwAwsField availability_zone_fields[] = {
  CW_AWS_STRING ("zoneName", CwEc2AvailabilityZone, zone_name),
  CW_AWS_STRING ("zoneId", CwEc2AvailabilityZone, zone_id),
  CW_AWS_STRING ("zoneType", CwEc2AvailabilityZone, zone_type),
  CW_AWS_STRING ("zoneState", CwEc2AvailabilityZone, state),
  CW_AWS_STRING ("regionName", CwEc2AvailabilityZone, region_name),
};

CW_AWS_DEFINE_RECORD (CwEc2AvailabilityZone, cw_ec2_availability_zone, availability_zone_fields)

static const CwAwsField cidr_block_fields[] = {
  CW_AWS_STRING ("associationId", CwEc2CidrBlock, association_id),
  CW_AWS_STRING ("cidrBlock", CwEc2CidrBlock, cidr_block),
  CW_AWS_STRING ("cidrBlockState/state", CwEc2CidrBlock, state),
};

CW_AWS_DEFINE_RECORD (CwEc2CidrBlock, cw_ec2_cidr_block, cidr_block_fields)

static const CwAwsField vpc_fields[] = {
  CW_AWS_STRING ("vpcId", CwEc2Vpc, vpc_id),
  CW_AWS_STRING ("state", CwEc2Vpc, state),
  CW_AWS_STRING ("cidrBlock", CwEc2Vpc, cidr_block),
  CW_AWS_LIST ("cidrBlockAssociationSet/item", CwEc2Vpc, cidr_block_associations, cw_ec2_cidr_block_record_type),
  CW_AWS_BOOLEAN ("isDefault", CwEc2Vpc, is_default),
  CW_AWS_STRING ("ownerId", CwEc2Vpc, owner_id),
  CW_AWS_LIST ("tagSet/item", CwEc2Vpc, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2Vpc, cw_ec2_vpc, vpc_fields)

static const CwAwsField subnet_fields[] = {
  CW_AWS_STRING ("subnetId", CwEc2Subnet, subnet_id),
  CW_AWS_STRING ("subnetArn", CwEc2Subnet, subnet_arn),
  CW_AWS_STRING ("vpcId", CwEc2Subnet, vpc_id),
  CW_AWS_STRING ("availabilityZone", CwEc2Subnet, availability_zone),
  CW_AWS_STRING ("availabilityZoneId", CwEc2Subnet, availability_zone_id),
  CW_AWS_STRING ("cidrBlock", CwEc2Subnet, cidr_block),
  CW_AWS_STRING ("state", CwEc2Subnet, state),
  CW_AWS_INT ("availableIpAddressCount", CwEc2Subnet, available_ip_address_count),
  CW_AWS_BOOLEAN ("defaultForAz", CwEc2Subnet, default_for_az),
  CW_AWS_BOOLEAN ("mapPublicIpOnLaunch", CwEc2Subnet, map_public_ip_on_launch),
  CW_AWS_STRING ("ownerId", CwEc2Subnet, owner_id),
  CW_AWS_LIST ("tagSet/item", CwEc2Subnet, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2Subnet, cw_ec2_subnet, subnet_fields)

static const CwAwsField ip_range_fields[] = {
  CW_AWS_STRING ("cidrIp", CwEc2IpRange, cidr_ip),
  CW_AWS_STRING ("description", CwEc2IpRange, description),
};

CW_AWS_DEFINE_RECORD (CwEc2IpRange, cw_ec2_ip_range, ip_range_fields)

static const CwAwsField group_pair_fields[] = {
  CW_AWS_STRING ("groupId", CwEc2GroupPair, group_id),
  CW_AWS_STRING ("userId", CwEc2GroupPair, user_id),
  CW_AWS_STRING ("vpcId", CwEc2GroupPair, vpc_id),
  CW_AWS_STRING ("description", CwEc2GroupPair, description),
};

CW_AWS_DEFINE_RECORD (CwEc2GroupPair, cw_ec2_group_pair, group_pair_fields)

static const CwAwsField ip_permission_fields[] = {
  CW_AWS_STRING ("ipProtocol", CwEc2IpPermission, ip_protocol),
  CW_AWS_INT ("fromPort", CwEc2IpPermission, from_port),
  CW_AWS_INT ("toPort", CwEc2IpPermission, to_port),
  CW_AWS_LIST ("ipRanges/item", CwEc2IpPermission, ip_ranges, cw_ec2_ip_range_record_type),
  CW_AWS_STRV ("ipv6Ranges/item", "cidrIpv6", CwEc2IpPermission, ipv6_ranges),
  CW_AWS_STRV ("prefixListIds/item", "prefixListId", CwEc2IpPermission, prefix_list_ids),
  CW_AWS_LIST ("groups/item", CwEc2IpPermission, groups, cw_ec2_group_pair_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2IpPermission, cw_ec2_ip_permission, ip_permission_fields)

static const CwAwsField security_group_fields[] = {
  CW_AWS_STRING ("groupId", CwEc2SecurityGroup, group_id),
  CW_AWS_STRING ("groupName", CwEc2SecurityGroup, group_name),
  CW_AWS_STRING ("groupDescription", CwEc2SecurityGroup, description),
  CW_AWS_STRING ("vpcId", CwEc2SecurityGroup, vpc_id),
  CW_AWS_STRING ("ownerId", CwEc2SecurityGroup, owner_id),
  CW_AWS_LIST ("ipPermissions/item", CwEc2SecurityGroup, ip_permissions, cw_ec2_ip_permission_record_type),
  CW_AWS_LIST ("ipPermissionsEgress/item", CwEc2SecurityGroup, ip_permissions_egress, cw_ec2_ip_permission_record_type),
  CW_AWS_LIST ("tagSet/item", CwEc2SecurityGroup, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2SecurityGroup, cw_ec2_security_group, security_group_fields)

static const CwAwsField security_group_rule_fields[] = {
  CW_AWS_STRING ("securityGroupRuleId", CwEc2SecurityGroupRule, security_group_rule_id),
  CW_AWS_STRING ("groupId", CwEc2SecurityGroupRule, group_id),
  CW_AWS_STRING ("groupOwnerId", CwEc2SecurityGroupRule, group_owner_id),
  CW_AWS_BOOLEAN ("isEgress", CwEc2SecurityGroupRule, is_egress),
  CW_AWS_STRING ("ipProtocol", CwEc2SecurityGroupRule, ip_protocol),
  CW_AWS_INT ("fromPort", CwEc2SecurityGroupRule, from_port),
  CW_AWS_INT ("toPort", CwEc2SecurityGroupRule, to_port),
  CW_AWS_STRING ("cidrIpv4", CwEc2SecurityGroupRule, cidr_ipv4),
  CW_AWS_STRING ("referencedGroupInfo/groupId", CwEc2SecurityGroupRule, referenced_group_id),
  CW_AWS_STRING ("description", CwEc2SecurityGroupRule, description),
  CW_AWS_LIST ("tagSet/item", CwEc2SecurityGroupRule, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2SecurityGroupRule, cw_ec2_security_group_rule, security_group_rule_fields)

static const CwAwsField private_ip_address_fields[] = {
  CW_AWS_STRING ("privateIpAddress", CwEc2PrivateIpAddress, private_ip_address),
  CW_AWS_STRING ("association/publicIp", CwEc2PrivateIpAddress, public_ip),
  CW_AWS_BOOLEAN ("primary", CwEc2PrivateIpAddress, primary),
};

CW_AWS_DEFINE_RECORD (CwEc2PrivateIpAddress, cw_ec2_private_ip_address, private_ip_address_fields)

static const CwAwsField network_interface_fields[] = {
  CW_AWS_STRING ("networkInterfaceId", CwEc2NetworkInterface, network_interface_id),
  CW_AWS_STRING ("subnetId", CwEc2NetworkInterface, subnet_id),
  CW_AWS_STRING ("vpcId", CwEc2NetworkInterface, vpc_id),
  CW_AWS_STRING ("availabilityZone", CwEc2NetworkInterface, availability_zone),
  CW_AWS_STRING ("description", CwEc2NetworkInterface, description),
  CW_AWS_STRING ("interfaceType", CwEc2NetworkInterface, interface_type),
  CW_AWS_STRING ("status", CwEc2NetworkInterface, status),
  CW_AWS_STRING ("privateIpAddress", CwEc2NetworkInterface, private_ip_address),
  CW_AWS_STRING ("association/publicIp", CwEc2NetworkInterface, public_ip),
  CW_AWS_LIST ("privateIpAddressesSet/item", CwEc2NetworkInterface, private_ip_addresses,
               cw_ec2_private_ip_address_record_type),
  CW_AWS_STRV ("groupSet/item", "groupId", CwEc2NetworkInterface, group_ids),
  CW_AWS_STRING ("requesterId", CwEc2NetworkInterface, requester_id),
  CW_AWS_BOOLEAN ("requesterManaged", CwEc2NetworkInterface, requester_managed),
  CW_AWS_STRING ("ownerId", CwEc2NetworkInterface, owner_id),
  CW_AWS_LIST ("tagSet/item", CwEc2NetworkInterface, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2NetworkInterface, cw_ec2_network_interface, network_interface_fields)

static const CwAwsField service_configuration_fields[] = {
  CW_AWS_STRING ("serviceId", CwEc2ServiceConfiguration, service_id),
  CW_AWS_STRING ("serviceName", CwEc2ServiceConfiguration, service_name),
  CW_AWS_STRING ("serviceState", CwEc2ServiceConfiguration, service_state),
  CW_AWS_STRV ("serviceType/item", "serviceType", CwEc2ServiceConfiguration, service_types),
  CW_AWS_BOOLEAN ("acceptanceRequired", CwEc2ServiceConfiguration, acceptance_required),
  CW_AWS_BOOLEAN ("managesVpcEndpoints", CwEc2ServiceConfiguration, manages_vpc_endpoints),
  CW_AWS_STRV ("availabilityZoneSet/item", NULL, CwEc2ServiceConfiguration, availability_zones),
  CW_AWS_STRV ("networkLoadBalancerArnSet/item", NULL, CwEc2ServiceConfiguration, network_load_balancer_arns),
  CW_AWS_STRV ("supportedIpAddressTypeSet/item", NULL, CwEc2ServiceConfiguration, supported_ip_address_types),
  CW_AWS_STRV ("baseEndpointDnsNameSet/item", NULL, CwEc2ServiceConfiguration, base_endpoint_dns_names),
  CW_AWS_STRING ("privateDnsName", CwEc2ServiceConfiguration, private_dns_name),
  CW_AWS_LIST ("tagSet/item", CwEc2ServiceConfiguration, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2ServiceConfiguration, cw_ec2_service_configuration, service_configuration_fields)

static const CwAwsField allowed_principal_fields[] = {
  CW_AWS_STRING ("principal", CwEc2AllowedPrincipal, principal),
  CW_AWS_STRING ("principalType", CwEc2AllowedPrincipal, principal_type),
  CW_AWS_STRING ("servicePermissionId", CwEc2AllowedPrincipal, service_permission_id),
  CW_AWS_STRING ("serviceId", CwEc2AllowedPrincipal, service_id),
};

CW_AWS_DEFINE_RECORD (CwEc2AllowedPrincipal, cw_ec2_allowed_principal, allowed_principal_fields)

static const CwAwsField vpc_endpoint_connection_fields[] = {
  CW_AWS_STRING ("serviceId", CwEc2VpcEndpointConnection, service_id),
  CW_AWS_STRING ("vpcEndpointId", CwEc2VpcEndpointConnection, vpc_endpoint_id),
  CW_AWS_STRING ("vpcEndpointOwner", CwEc2VpcEndpointConnection, vpc_endpoint_owner),
  CW_AWS_STRING ("vpcEndpointState", CwEc2VpcEndpointConnection, vpc_endpoint_state),
  CW_AWS_STRING ("creationTimestamp", CwEc2VpcEndpointConnection, creation_timestamp),
  CW_AWS_STRV ("networkLoadBalancerArnSet/item", NULL, CwEc2VpcEndpointConnection, network_load_balancer_arns),
  CW_AWS_STRING ("ipAddressType", CwEc2VpcEndpointConnection, ip_address_type),
  CW_AWS_STRING ("vpcEndpointConnectionId", CwEc2VpcEndpointConnection, vpc_endpoint_connection_id),
  CW_AWS_LIST ("tagSet/item", CwEc2VpcEndpointConnection, tags, cw_aws_key_value_record_type),
};

CW_AWS_DEFINE_RECORD (CwEc2VpcEndpointConnection, cw_ec2_vpc_endpoint_connection, vpc_endpoint_connection_fields)

static const CwAwsField unsuccessful_item_fields[] = {
  CW_AWS_STRING ("resourceId", CwEc2UnsuccessfulItem, resource_id),
  CW_AWS_STRING ("error/code", CwEc2UnsuccessfulItem, code),
  CW_AWS_STRING ("error/message", CwEc2UnsuccessfulItem, message),
};

CW_AWS_DEFINE_RECORD (CwEc2UnsuccessfulItem, cw_ec2_unsuccessful_item, unsuccessful_item_fields)

/* The rule Causeway adds: one TCP port, from a security group or a CIDR. */
CwEc2IpPermission *
cw_ec2_ip_permission_new_tcp (int         port,
                              const char *source_group_id,
                              const char *source_cidr,
                              const char *description)
{
  CwEc2IpPermission *self = cw_aws_record_new (&cw_ec2_ip_permission_record_type);

  self->ip_protocol = g_strdup ("tcp");
  self->from_port = port;
  self->to_port = port;
  if (source_group_id != NULL)
    {
      CwEc2GroupPair *pair = cw_aws_record_new (&cw_ec2_group_pair_record_type);

      pair->group_id = g_strdup (source_group_id);
      pair->description = g_strdup (description);
      g_ptr_array_add (self->groups, pair);
    }
  if (source_cidr != NULL)
    {
      CwEc2IpRange *range = cw_aws_record_new (&cw_ec2_ip_range_record_type);

      range->cidr_ip = g_strdup (source_cidr);
      range->description = g_strdup (description);
      g_ptr_array_add (self->ip_ranges, range);
    }
  return self;
}

/* Every protocol and port to or from @cidr: the egress rule AWS gives a new group. */
CwEc2IpPermission *
cw_ec2_ip_permission_new_all_traffic (const char *cidr)
{
  CwEc2IpPermission *self = cw_aws_record_new (&cw_ec2_ip_permission_record_type);
  CwEc2IpRange *range = cw_aws_record_new (&cw_ec2_ip_range_record_type);

  self->ip_protocol = g_strdup ("-1");
  range->cidr_ip = g_strdup (cidr);
  g_ptr_array_add (self->ip_ranges, range);
  return self;
}

/* Operations */

static const CwAwsOperation describe_availability_zones = {
  CW_AWS_SERVICE_EC2, "DescribeAvailabilityZones", CW_AWS_RESULT_LIST,
  "availabilityZoneInfo/item", &cw_ec2_availability_zone_record_type,
};
static const CwAwsOperation describe_vpcs = {
  CW_AWS_SERVICE_EC2, "DescribeVpcs", CW_AWS_RESULT_LIST,
  "vpcSet/item", &cw_ec2_vpc_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation describe_subnets = {
  CW_AWS_SERVICE_EC2, "DescribeSubnets", CW_AWS_RESULT_LIST,
  "subnetSet/item", &cw_ec2_subnet_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation describe_security_groups = {
  CW_AWS_SERVICE_EC2, "DescribeSecurityGroups", CW_AWS_RESULT_LIST,
  "securityGroupInfo/item", &cw_ec2_security_group_record_type, "NextToken", "nextToken",
};
/* The answer carries groupId and tagSet: a security group record with just those. */
static const CwAwsOperation create_security_group = {
  CW_AWS_SERVICE_EC2, "CreateSecurityGroup", CW_AWS_RESULT_RECORD,
  NULL, &cw_ec2_security_group_record_type,
};
static const CwAwsOperation authorize_security_group_ingress = {
  CW_AWS_SERVICE_EC2, "AuthorizeSecurityGroupIngress", CW_AWS_RESULT_LIST,
  "securityGroupRuleSet/item", &cw_ec2_security_group_rule_record_type,
};
static const CwAwsOperation revoke_security_group_ingress = {
  CW_AWS_SERVICE_EC2, "RevokeSecurityGroupIngress", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation authorize_security_group_egress = {
  CW_AWS_SERVICE_EC2, "AuthorizeSecurityGroupEgress", CW_AWS_RESULT_LIST,
  "securityGroupRuleSet/item", &cw_ec2_security_group_rule_record_type,
};
static const CwAwsOperation revoke_security_group_egress = {
  CW_AWS_SERVICE_EC2, "RevokeSecurityGroupEgress", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation delete_security_group = {
  CW_AWS_SERVICE_EC2, "DeleteSecurityGroup", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation describe_network_interfaces = {
  CW_AWS_SERVICE_EC2, "DescribeNetworkInterfaces", CW_AWS_RESULT_LIST,
  "networkInterfaceSet/item", &cw_ec2_network_interface_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation create_vpc_endpoint_service_configuration = {
  CW_AWS_SERVICE_EC2, "CreateVpcEndpointServiceConfiguration", CW_AWS_RESULT_RECORD,
  "serviceConfiguration", &cw_ec2_service_configuration_record_type,
};
static const CwAwsOperation describe_vpc_endpoint_service_configurations = {
  CW_AWS_SERVICE_EC2, "DescribeVpcEndpointServiceConfigurations", CW_AWS_RESULT_LIST,
  "serviceConfigurationSet/item", &cw_ec2_service_configuration_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation modify_vpc_endpoint_service_permissions = {
  CW_AWS_SERVICE_EC2, "ModifyVpcEndpointServicePermissions", CW_AWS_RESULT_NONE,
};
static const CwAwsOperation describe_vpc_endpoint_service_permissions = {
  CW_AWS_SERVICE_EC2, "DescribeVpcEndpointServicePermissions", CW_AWS_RESULT_LIST,
  "allowedPrincipals/item", &cw_ec2_allowed_principal_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation describe_vpc_endpoint_connections = {
  CW_AWS_SERVICE_EC2, "DescribeVpcEndpointConnections", CW_AWS_RESULT_LIST,
  "vpcEndpointConnectionSet/item", &cw_ec2_vpc_endpoint_connection_record_type, "NextToken", "nextToken",
};
static const CwAwsOperation accept_vpc_endpoint_connections = {
  CW_AWS_SERVICE_EC2, "AcceptVpcEndpointConnections", CW_AWS_RESULT_LIST,
  "unsuccessful/item", &cw_ec2_unsuccessful_item_record_type,
};
static const CwAwsOperation reject_vpc_endpoint_connections = {
  CW_AWS_SERVICE_EC2, "RejectVpcEndpointConnections", CW_AWS_RESULT_LIST,
  "unsuccessful/item", &cw_ec2_unsuccessful_item_record_type,
};
static const CwAwsOperation delete_vpc_endpoint_service_configurations = {
  CW_AWS_SERVICE_EC2, "DeleteVpcEndpointServiceConfigurations", CW_AWS_RESULT_LIST,
  "unsuccessful/item", &cw_ec2_unsuccessful_item_record_type,
};
static const CwAwsOperation create_tags = {
  CW_AWS_SERVICE_EC2, "CreateTags", CW_AWS_RESULT_NONE,
};

static const CwAwsOperation delete_tags = {
  CW_AWS_SERVICE_EC2, "DeleteTags", CW_AWS_RESULT_NONE,
};

static const CwAwsOperation * const operations[] = {
  &describe_availability_zones, &describe_vpcs, &describe_subnets, &describe_security_groups,
  &create_security_group, &authorize_security_group_ingress, &revoke_security_group_ingress,
  &authorize_security_group_egress, &revoke_security_group_egress,
  &delete_security_group, &describe_network_interfaces, &create_vpc_endpoint_service_configuration,
  &describe_vpc_endpoint_service_configurations, &modify_vpc_endpoint_service_permissions,
  &describe_vpc_endpoint_service_permissions, &describe_vpc_endpoint_connections,
  &accept_vpc_endpoint_connections, &reject_vpc_endpoint_connections,
  &delete_vpc_endpoint_service_configurations, &create_tags, &delete_tags,
};

/* Every operation of this file, for the fuzzer and for IAM policy generation. */
const CwAwsOperation * const *
cw_ec2_list_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}

/* Parameter helpers */

static void
add_tag_specification (CwAwsRequest        *request,
                       const char          *resource_type,
                       const CwAwsKeyValue *tags)
{
  if (tags == NULL || tags[0].key == NULL)
    return;
  cw_aws_request_set (request, "TagSpecification.1.ResourceType", resource_type);
  cw_aws_request_add_key_values (request, "TagSpecification.1.Tag", tags);
}

static void
set_member (CwAwsRequest *request,
            const char   *prefix,
            const char   *member,
            const char   *value)
{
  g_autofree char *name = g_strconcat (prefix, ".", member, NULL);

  cw_aws_request_set (request, name, value);
}

/* prefix.List.N.member for each string of a list. */
static void
add_member_list (CwAwsRequest       *request,
                 const char         *prefix,
                 const char         *list,
                 const char         *member,
                 const char * const *values)
{
  g_autofree char *list_name = g_strconcat (prefix, ".", list, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *item = cw_aws_request_list_key (request, list_name, i);

      set_member (request, item, member, values[i]);
    }
}

static void
add_ip_permission (CwAwsRequest      *request,
                   const char        *prefix,
                   CwEc2IpPermission *permission)
{
  g_autofree char *ranges = g_strconcat (prefix, ".IpRanges", NULL);
  g_autofree char *groups = g_strconcat (prefix, ".Groups", NULL);

  set_member (request, prefix, "IpProtocol", permission->ip_protocol);
  /* Ports mean nothing for "all protocols", and AWS rejects them there. */
  if (g_strcmp0 (permission->ip_protocol, "-1") != 0)
    {
      g_autofree char *from = g_strdup_printf ("%d", permission->from_port);
      g_autofree char *to = g_strdup_printf ("%d", permission->to_port);

      set_member (request, prefix, "FromPort", from);
      set_member (request, prefix, "ToPort", to);
    }
  for (guint i = 0; i < permission->ip_ranges->len; i++)
    {
      CwEc2IpRange *range = g_ptr_array_index (permission->ip_ranges, i);
      g_autofree char *item = cw_aws_request_list_key (request, ranges, i);

      set_member (request, item, "CidrIp", range->cidr_ip);
      set_member (request, item, "Description", range->description);
    }
  add_member_list (request, prefix, "Ipv6Ranges", "CidrIpv6", (const char * const *) permission->ipv6_ranges);
  add_member_list (request, prefix, "PrefixListIds", "PrefixListId", (const char * const *) permission->prefix_list_ids);
  for (guint i = 0; i < permission->groups->len; i++)
    {
      CwEc2GroupPair *pair = g_ptr_array_index (permission->groups, i);
      g_autofree char *item = cw_aws_request_list_key (request, groups, i);

      set_member (request, item, "GroupId", pair->group_id);
      set_member (request, item, "UserId", pair->user_id);
      set_member (request, item, "Description", pair->description);
    }
}

static void
add_ip_permissions (CwAwsRequest *request,
                    GPtrArray    *permissions)
{
  for (guint i = 0; permissions != NULL && i < permissions->len; i++)
    {
      g_autofree char *prefix = cw_aws_request_list_key (request, "IpPermissions", i);

      add_ip_permission (request, prefix, g_ptr_array_index (permissions, i));
    }
}

/* Accept, Reject and Delete answer 200 and list what they could not do: the first
 * such item becomes the error, with its own AWS code. */
static gboolean
finish_without_unsuccessful (CwAwsClient           *client,
                             GAsyncResult          *result,
                             const CwAwsOperation  *operation,
                             GError               **error)
{
  g_autoptr(GPtrArray) unsuccessful = cw_aws_client_call_finish (client, result, error);
  g_autofree char *iam_action = NULL;
  g_autofree char *message = NULL;
  CwEc2UnsuccessfulItem *item;

  if (unsuccessful == NULL)
    return FALSE;
  if (unsuccessful->len == 0)
    return TRUE;
  item = g_ptr_array_index (unsuccessful, 0);
  iam_action = cw_aws_operation_dup_iam_action (operation);
  message = g_strdup_printf ("%s: %s", item->resource_id ? item->resource_id : "?",
                             item->message ? item->message : "");
  g_propagate_error (error, cw_aws_error_new_from_service (iam_action, 0, item->code, message, NULL));
  return FALSE;
}

/* Most calls take a list of ids and filters, spelled the same way. */
static void
call_with_ids_async (CwAwsClient          *client,
                     const CwAwsOperation *operation,
                     const char           *ids_name,
                     const char * const   *ids,
                     const CwAwsFilter    *filters,
                     CwAwsCallFlags        flags,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  if (ids_name != NULL)
    cw_aws_request_add_list (request, ids_name, ids);
  cw_aws_request_add_filters (request, filters);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

void
cw_ec2_describe_availability_zones_async (CwAwsClient         *client,
                                          const CwAwsFilter   *filters,
                                          CwAwsCallFlags       flags,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  call_with_ids_async (client, &describe_availability_zones, NULL, NULL, filters, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_availability_zones, GPtrArray *)

void
cw_ec2_describe_vpcs_async (CwAwsClient         *client,
                            const char * const  *vpc_ids,
                            const CwAwsFilter   *filters,
                            CwAwsCallFlags       flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  call_with_ids_async (client, &describe_vpcs, "VpcId", vpc_ids, filters, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_vpcs, GPtrArray *)

void
cw_ec2_describe_subnets_async (CwAwsClient         *client,
                               const char * const  *subnet_ids,
                               const CwAwsFilter   *filters,
                               CwAwsCallFlags       flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  call_with_ids_async (client, &describe_subnets, "SubnetId", subnet_ids, filters, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_subnets, GPtrArray *)

void
cw_ec2_describe_security_groups_async (CwAwsClient         *client,
                                       const char * const  *group_ids,
                                       const CwAwsFilter   *filters,
                                       CwAwsCallFlags       flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  call_with_ids_async (client, &describe_security_groups, "GroupId", group_ids, filters, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_security_groups, GPtrArray *)

void
cw_ec2_create_security_group_async (CwAwsClient         *client,
                                    const char          *group_name,
                                    const char          *description,
                                    const char          *vpc_id,
                                    const CwAwsKeyValue *tags,
                                    CwAwsCallFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_security_group);

  cw_aws_request_set (request, "GroupName", group_name);
  cw_aws_request_set (request, "GroupDescription", description);
  cw_aws_request_set (request, "VpcId", vpc_id);
  add_tag_specification (request, "security-group", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

/* The new group's id. */
char *
cw_ec2_create_security_group_finish (CwAwsClient   *client,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(CwEc2SecurityGroup) group = cw_aws_client_call_finish (client, result, error);

  if (group == NULL)
    return NULL;
  if (group->group_id == NULL)
    {
      g_propagate_error (error, cw_aws_error_new_literal (CW_AWS_ERROR_INVALID_RESPONSE, NULL,
                                                         _("AWS created a security group without saying its ID")));
      return NULL;
    }
  return g_strdup (group->group_id);
}

/* Ingress and egress rules take the same parameters and answer alike. */
static void
authorize_rules_async (CwAwsClient            *client,
                       const CwAwsOperation   *operation,
                       const char             *group_id,
                       GPtrArray              *ip_permissions,
                       const CwAwsKeyValue    *tags,
                       CwAwsCallFlags          flags,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  cw_aws_request_set (request, "GroupId", group_id);
  add_ip_permissions (request, ip_permissions);
  add_tag_specification (request, "security-group-rule", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

static void
revoke_rules_async (CwAwsClient          *client,
                    const CwAwsOperation *operation,
                    const char           *group_id,
                    GPtrArray            *ip_permissions,
                    const char * const   *rule_ids,
                    CwAwsCallFlags        flags,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  cw_aws_request_set (request, "GroupId", group_id);
  add_ip_permissions (request, ip_permissions);
  cw_aws_request_add_list (request, "SecurityGroupRuleId", rule_ids);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

void
cw_ec2_authorize_security_group_ingress_async (CwAwsClient         *client,
                                               const char          *group_id,
                                               GPtrArray           *ip_permissions,
                                               const CwAwsKeyValue *tags,
                                               CwAwsCallFlags       flags,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  authorize_rules_async (client, &authorize_security_group_ingress, group_id, ip_permissions, tags, flags,
                         cancellable, callback, user_data);
}

/* The rules AWS created, as CwEc2SecurityGroupRule. */
CW_AWS_DEFINE_FINISH (cw_ec2_authorize_security_group_ingress, GPtrArray *)

void
cw_ec2_revoke_security_group_ingress_async (CwAwsClient         *client,
                                            const char          *group_id,
                                            GPtrArray           *ip_permissions,
                                            const char * const  *rule_ids,
                                            CwAwsCallFlags       flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  revoke_rules_async (client, &revoke_security_group_ingress, group_id, ip_permissions, rule_ids, flags,
                      cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_revoke_security_group_ingress)

void
cw_ec2_authorize_security_group_egress_async (CwAwsClient         *client,
                                              const char          *group_id,
                                              GPtrArray           *ip_permissions,
                                              const CwAwsKeyValue *tags,
                                              CwAwsCallFlags       flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  authorize_rules_async (client, &authorize_security_group_egress, group_id, ip_permissions, tags, flags,
                         cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_authorize_security_group_egress, GPtrArray *)

void
cw_ec2_revoke_security_group_egress_async (CwAwsClient         *client,
                                           const char          *group_id,
                                           GPtrArray           *ip_permissions,
                                           const char * const  *rule_ids,
                                           CwAwsCallFlags       flags,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  revoke_rules_async (client, &revoke_security_group_egress, group_id, ip_permissions, rule_ids, flags,
                      cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_revoke_security_group_egress)

void
cw_ec2_delete_security_group_async (CwAwsClient         *client,
                                    const char          *group_id,
                                    CwAwsCallFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  cw_aws_client_call_parameters_async (client, &delete_security_group, flags, cancellable, callback, user_data,
                                       "GroupId", group_id, NULL);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_delete_security_group)

/* The interface behind a public IP: filter association.public-ip. */
void
cw_ec2_describe_network_interfaces_async (CwAwsClient         *client,
                                          const char * const  *network_interface_ids,
                                          const CwAwsFilter   *filters,
                                          CwAwsCallFlags       flags,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  call_with_ids_async (client, &describe_network_interfaces, "NetworkInterfaceId", network_interface_ids, filters,
                       flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_network_interfaces, GPtrArray *)

/* The client token makes a repeated create (a resumed run) return the same service. */
void
cw_ec2_create_vpc_endpoint_service_configuration_async (CwAwsClient         *client,
                                                        const char * const  *network_load_balancer_arns,
                                                        gboolean             acceptance_required,
                                                        const char * const  *supported_ip_address_types,
                                                        const char          *client_token,
                                                        const CwAwsKeyValue *tags,
                                                        CwAwsCallFlags       flags,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_vpc_endpoint_service_configuration);

  cw_aws_request_set_boolean (request, "AcceptanceRequired", acceptance_required);
  cw_aws_request_add_list (request, "NetworkLoadBalancerArn", network_load_balancer_arns);
  cw_aws_request_add_list (request, "SupportedIpAddressType", supported_ip_address_types);
  cw_aws_request_set (request, "ClientToken", client_token);
  add_tag_specification (request, "vpc-endpoint-service", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_create_vpc_endpoint_service_configuration, CwEc2ServiceConfiguration *)

void
cw_ec2_describe_vpc_endpoint_service_configurations_async (CwAwsClient         *client,
                                                           const char * const  *service_ids,
                                                           const CwAwsFilter   *filters,
                                                           CwAwsCallFlags       flags,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data)
{
  call_with_ids_async (client, &describe_vpc_endpoint_service_configurations, "ServiceId", service_ids, filters,
                       flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_vpc_endpoint_service_configurations, GPtrArray *)

void
cw_ec2_modify_vpc_endpoint_service_permissions_async (CwAwsClient         *client,
                                                      const char          *service_id,
                                                      const char * const  *add_allowed_principals,
                                                      const char * const  *remove_allowed_principals,
                                                      CwAwsCallFlags       flags,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&modify_vpc_endpoint_service_permissions);

  cw_aws_request_set (request, "ServiceId", service_id);
  cw_aws_request_add_list (request, "AddAllowedPrincipals", add_allowed_principals);
  cw_aws_request_add_list (request, "RemoveAllowedPrincipals", remove_allowed_principals);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_modify_vpc_endpoint_service_permissions)

void
cw_ec2_describe_vpc_endpoint_service_permissions_async (CwAwsClient         *client,
                                                        const char          *service_id,
                                                        const CwAwsFilter   *filters,
                                                        CwAwsCallFlags       flags,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&describe_vpc_endpoint_service_permissions);

  cw_aws_request_set (request, "ServiceId", service_id);
  cw_aws_request_add_filters (request, filters);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_vpc_endpoint_service_permissions, GPtrArray *)

void
cw_ec2_describe_vpc_endpoint_connections_async (CwAwsClient         *client,
                                                const CwAwsFilter   *filters,
                                                CwAwsCallFlags       flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  call_with_ids_async (client, &describe_vpc_endpoint_connections, NULL, NULL, filters, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH (cw_ec2_describe_vpc_endpoint_connections, GPtrArray *)

static void
endpoint_connections_async (CwAwsClient          *client,
                            const CwAwsOperation *operation,
                            const char           *service_id,
                            const char * const   *vpc_endpoint_ids,
                            CwAwsCallFlags        flags,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (operation);

  cw_aws_request_set (request, "ServiceId", service_id);
  cw_aws_request_add_list (request, "VpcEndpointId", vpc_endpoint_ids);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

void
cw_ec2_accept_vpc_endpoint_connections_async (CwAwsClient         *client,
                                              const char          *service_id,
                                              const char * const  *vpc_endpoint_ids,
                                              CwAwsCallFlags       flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  endpoint_connections_async (client, &accept_vpc_endpoint_connections, service_id, vpc_endpoint_ids,
                              flags, cancellable, callback, user_data);
}

gboolean
cw_ec2_accept_vpc_endpoint_connections_finish (CwAwsClient   *client,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  return finish_without_unsuccessful (client, result, &accept_vpc_endpoint_connections, error);
}

void
cw_ec2_reject_vpc_endpoint_connections_async (CwAwsClient         *client,
                                              const char          *service_id,
                                              const char * const  *vpc_endpoint_ids,
                                              CwAwsCallFlags       flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  endpoint_connections_async (client, &reject_vpc_endpoint_connections, service_id, vpc_endpoint_ids,
                              flags, cancellable, callback, user_data);
}

gboolean
cw_ec2_reject_vpc_endpoint_connections_finish (CwAwsClient   *client,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  return finish_without_unsuccessful (client, result, &reject_vpc_endpoint_connections, error);
}

void
cw_ec2_delete_vpc_endpoint_service_configurations_async (CwAwsClient         *client,
                                                         const char * const  *service_ids,
                                                         CwAwsCallFlags       flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data)
{
  call_with_ids_async (client, &delete_vpc_endpoint_service_configurations, "ServiceId", service_ids, NULL,
                       flags, cancellable, callback, user_data);
}

gboolean
cw_ec2_delete_vpc_endpoint_service_configurations_finish (CwAwsClient   *client,
                                                          GAsyncResult  *result,
                                                          GError       **error)
{
  return finish_without_unsuccessful (client, result, &delete_vpc_endpoint_service_configurations, error);
}

void
cw_ec2_create_tags_async (CwAwsClient         *client,
                          const char * const  *resource_ids,
                          const CwAwsKeyValue *tags,
                          CwAwsCallFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&create_tags);

  cw_aws_request_add_list (request, "ResourceId", resource_ids);
  cw_aws_request_add_key_values (request, "Tag", tags);
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_create_tags)

/* Removes the tags of @keys whatever their values: a key given without a value. */
void
cw_ec2_delete_tags_async (CwAwsClient         *client,
                          const char * const  *resource_ids,
                          const char * const  *keys,
                          CwAwsCallFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(CwAwsRequest) request = cw_aws_request_new (&delete_tags);

  cw_aws_request_add_list (request, "ResourceId", resource_ids);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *prefix = cw_aws_request_list_key (request, "Tag", i);
      g_autofree char *key = g_strconcat (prefix, ".Key", NULL);

      cw_aws_request_set (request, key, keys[i]);
    }
  cw_aws_client_call_async (client, request, flags, cancellable, callback, user_data);
}

CW_AWS_DEFINE_FINISH_BOOLEAN (cw_ec2_delete_tags)
