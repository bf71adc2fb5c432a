/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-ec2-network.c: the simulated EC2's zones, VPCs, subnets and network interfaces */
#define G_LOG_DOMAIN "cw-sandbox-ec2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-ec2-private.h"

/* ---- availability zones ---- */

static gboolean
zone_values (CwSandboxWorld *world,
             gpointer        item,
             const char     *name,
             GPtrArray      *values)
{
  static const char * const names[] = { "zone-name", "zone-id", "region-name", "state", "zone-type",
                                        "group-name", "opt-in-status", "message", NULL };
  const CwSbZone *zone = item;

  if (!cw_sb_ec2_is_filter (names, name) || zone == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "zone-name"))
    cw_sb_filter_value (values, zone->zone_name);
  else if (g_str_equal (name, "zone-id"))
    cw_sb_filter_value (values, zone->zone_id);
  else if (g_str_equal (name, "region-name") || g_str_equal (name, "group-name"))
    cw_sb_filter_value (values, zone->region);
  else if (g_str_equal (name, "state"))
    cw_sb_filter_value (values, "available");
  else if (g_str_equal (name, "zone-type"))
    cw_sb_filter_value (values, "availability-zone");
  else if (g_str_equal (name, "opt-in-status"))
    cw_sb_filter_value (values, "opt-in-not-required");
  return TRUE;
}

static void
write_zone (CwSbAwsCall *call,
            gpointer     item)
{
  const CwSbZone *zone = item;

  cw_sb_xml_text (call->xml, "zoneState", "available");
  cw_sb_xml_text (call->xml, "optInStatus", "opt-in-not-required");
  cw_sb_xml_open (call->xml, "messageSet");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "regionName", zone->region);
  cw_sb_xml_text (call->xml, "zoneName", zone->zone_name);
  cw_sb_xml_text (call->xml, "zoneId", zone->zone_id);
  cw_sb_xml_text (call->xml, "groupName", zone->region);
  cw_sb_xml_text (call->xml, "networkBorderGroup", zone->region);
  cw_sb_xml_text (call->xml, "zoneType", "availability-zone");
}

gboolean
cw_sb_ec2_describe_availability_zones (CwSbAwsCall  *call,
                                       GError      **error)
{
  g_auto(GStrv) names = cw_sb_params_strings (call->params, "ZoneName");
  g_auto(GStrv) ids = cw_sb_params_strings (call->params, "ZoneId");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  guint n_zones;
  const CwSbZone *zones = cw_sb_zones (&n_zones);

  for (guint i = 0; names[i] != NULL; i++)
    if (cw_sb_zone_id (names[i]) == NULL)
      return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "The zone '%s' does not exist", names[i]);
  for (guint i = 0; ids[i] != NULL; i++)
    if (cw_sb_zone_name (ids[i]) == NULL)
      return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "The zone ID '%s' does not exist", ids[i]);
  for (guint i = 0; i < n_zones; i++)
    if (g_str_equal (zones[i].region, call->region) &&
        (names[0] == NULL || g_strv_contains ((const char * const *) names, zones[i].zone_name)) &&
        (ids[0] == NULL || g_strv_contains ((const char * const *) ids, zones[i].zone_id)))
      g_ptr_array_add (items, (gpointer) &zones[i]);
  if (!cw_sb_aws_filter (call, "Filter", zone_values, FALSE, items, error))
    return FALSE;
  cw_sb_aws_write_items (call, "availabilityZoneInfo", "item", items, write_zone);
  return TRUE;
}

/* ---- VPCs and subnets ---- */

static gboolean
vpc_values (CwSandboxWorld *world,
            gpointer        item,
            const char     *name,
            GPtrArray      *values)
{
  static const char * const names[] = { "vpc-id", "cidr", "cidr-block-association.cidr-block", "is-default",
                                        "state", "owner-id", NULL };
  CwSbVpc *vpc = item;

  if (!cw_sb_ec2_is_filter (names, name) || vpc == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "vpc-id"))
    cw_sb_filter_value (values, vpc->base.id);
  else if (g_str_equal (name, "is-default"))
    cw_sb_filter_value (values, vpc->is_default ? "true" : "false");
  else if (g_str_equal (name, "state"))
    cw_sb_filter_value (values, "available");
  else if (g_str_equal (name, "owner-id"))
    cw_sb_filter_value (values, CW_SB_ACCOUNT_ID);
  else
    cw_sb_filter_value (values, vpc->cidr);
  return TRUE;
}

static void
write_vpc (CwSbAwsCall *call,
           gpointer     item)
{
  CwSbVpc *vpc = item;
  const char *hex = vpc->base.id + strlen ("vpc-");
  g_autofree char *dhcp = g_strconcat ("dopt-", hex, NULL);
  g_autofree char *association = g_strconcat ("vpc-cidr-assoc-", hex, NULL);

  cw_sb_xml_text (call->xml, "cidrBlock", vpc->cidr);
  cw_sb_xml_text (call->xml, "dhcpOptionsId", dhcp);
  cw_sb_xml_text (call->xml, "state", "available");
  cw_sb_xml_text (call->xml, "vpcId", vpc->base.id);
  cw_sb_xml_text (call->xml, "ownerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_text (call->xml, "instanceTenancy", "default");
  cw_sb_xml_open (call->xml, "cidrBlockAssociationSet");
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "associationId", association);
  cw_sb_xml_text (call->xml, "cidrBlock", vpc->cidr);
  cw_sb_xml_open (call->xml, "cidrBlockState");
  cw_sb_xml_text (call->xml, "state", "associated");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_bool (call->xml, "isDefault", vpc->is_default);
  cw_sb_aws_write_tags (call, "tagSet", "item", vpc->base.tags);
}

gboolean
cw_sb_ec2_describe_vpcs (CwSbAwsCall  *call,
                         GError      **error)
{
  static const Describe what = { &cw_sb_ec2_vpc_ids, "VpcId", vpc_values, write_vpc, "vpcSet" };

  return cw_sb_ec2_describe_by_ids (call, &what, error);
}

static gboolean
subnet_values (CwSandboxWorld *world,
               gpointer        item,
               const char     *name,
               GPtrArray      *values)
{
  static const char * const names[] = { "subnet-id", "vpc-id", "availability-zone", "availability-zone-id",
                                        "cidr-block", "cidr", "cidrBlock", "default-for-az", "state", "owner-id",
                                        "subnet-arn", NULL };
  CwSbSubnet *subnet = item;
  CwSbVpc *vpc;

  if (!cw_sb_ec2_is_filter (names, name) || subnet == NULL)
    return cw_sb_ec2_is_filter (names, name);
  vpc = cw_sandbox_world_peek (world, CW_SB_VPC, subnet->vpc_id);
  if (g_str_equal (name, "subnet-id"))
    cw_sb_filter_value (values, subnet->base.id);
  else if (g_str_equal (name, "vpc-id"))
    cw_sb_filter_value (values, subnet->vpc_id);
  else if (g_str_equal (name, "availability-zone"))
    cw_sb_filter_value (values, subnet->zone_name);
  else if (g_str_equal (name, "availability-zone-id"))
    cw_sb_filter_value (values, subnet->zone_id);
  else if (g_str_equal (name, "default-for-az"))
    cw_sb_filter_value (values, vpc && vpc->is_default ? "true" : "false");
  else if (g_str_equal (name, "state"))
    cw_sb_filter_value (values, "available");
  else if (g_str_equal (name, "owner-id"))
    cw_sb_filter_value (values, CW_SB_ACCOUNT_ID);
  else if (g_str_equal (name, "subnet-arn"))
    g_ptr_array_add (values, g_strdup_printf ("arn:aws:ec2:%s:" CW_SB_ACCOUNT_ID ":subnet/%s",
                                              subnet->base.region, subnet->base.id));
  else
    cw_sb_filter_value (values, subnet->cidr);
  return TRUE;
}

static guint
free_addresses (CwSandboxWorld *world,
                CwSbSubnet     *subnet)
{
  GPtrArray *enis = cw_sandbox_world_list (world, CW_SB_NETWORK_INTERFACE);
  guint32 network;
  guint prefix;
  guint used = 0;

  if (!cw_sb_parse_cidr (subnet->cidr, &network, &prefix))
    return 0;
  for (guint i = 0; i < enis->len; i++)
    if (g_str_equal (((CwSbNetworkInterface *) enis->pdata[i])->subnet_id, subnet->base.id))
      used++;
  return (1u << (32 - prefix)) - 5 - used;
}

static void
write_subnet (CwSbAwsCall *call,
              gpointer     item)
{
  CwSbSubnet *subnet = item;
  CwSbVpc *vpc = cw_sandbox_world_peek (call->world, CW_SB_VPC, subnet->vpc_id);
  gboolean is_default = vpc != NULL && vpc->is_default;
  g_autofree char *arn = g_strdup_printf ("arn:aws:ec2:%s:" CW_SB_ACCOUNT_ID ":subnet/%s",
                                          subnet->base.region, subnet->base.id);

  cw_sb_xml_text (call->xml, "subnetId", subnet->base.id);
  cw_sb_xml_text (call->xml, "subnetArn", arn);
  cw_sb_xml_text (call->xml, "state", "available");
  cw_sb_xml_text (call->xml, "ownerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_text (call->xml, "vpcId", subnet->vpc_id);
  cw_sb_xml_text (call->xml, "cidrBlock", subnet->cidr);
  cw_sb_xml_open (call->xml, "ipv6CidrBlockAssociationSet");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_int (call->xml, "availableIpAddressCount", free_addresses (call->world, subnet));
  cw_sb_xml_text (call->xml, "availabilityZone", subnet->zone_name);
  cw_sb_xml_text (call->xml, "availabilityZoneId", subnet->zone_id);
  cw_sb_xml_bool (call->xml, "defaultForAz", is_default);
  cw_sb_xml_bool (call->xml, "mapPublicIpOnLaunch", is_default);
  cw_sb_xml_bool (call->xml, "mapCustomerOwnedIpOnLaunch", FALSE);
  cw_sb_xml_bool (call->xml, "assignIpv6AddressOnCreation", FALSE);
  cw_sb_xml_bool (call->xml, "enableDns64", FALSE);
  cw_sb_xml_bool (call->xml, "ipv6Native", FALSE);
  cw_sb_xml_open (call->xml, "privateDnsNameOptionsOnLaunch");
  cw_sb_xml_text (call->xml, "hostnameType", "ip-name");
  cw_sb_xml_bool (call->xml, "enableResourceNameDnsARecord", FALSE);
  cw_sb_xml_bool (call->xml, "enableResourceNameDnsAAAARecord", FALSE);
  cw_sb_xml_close (call->xml);
  cw_sb_aws_write_tags (call, "tagSet", "item", subnet->base.tags);
}

gboolean
cw_sb_ec2_describe_subnets (CwSbAwsCall  *call,
                            GError      **error)
{
  static const Describe what = { &cw_sb_ec2_subnet_ids, "SubnetId", subnet_values, write_subnet, "subnetSet" };

  return cw_sb_ec2_describe_by_ids (call, &what, error);
}

/* ---- network interfaces ---- */

static gboolean
interface_values (CwSandboxWorld *world,
                  gpointer        item,
                  const char     *name,
                  GPtrArray      *values)
{
  static const char * const names[] = { "network-interface-id", "vpc-id", "subnet-id", "availability-zone",
                                        "private-ip-address", "addresses.private-ip-address",
                                        "association.public-ip", "description", "interface-type",
                                        "requester-id", "requester-managed", "status", "group-id",
                                        "owner-id", NULL };
  CwSbNetworkInterface *eni = item;

  if (!cw_sb_ec2_is_filter (names, name) || eni == NULL)
    return cw_sb_ec2_is_filter (names, name);
  if (g_str_equal (name, "network-interface-id"))
    cw_sb_filter_value (values, eni->base.id);
  else if (g_str_equal (name, "vpc-id"))
    cw_sb_filter_value (values, eni->vpc_id);
  else if (g_str_equal (name, "subnet-id"))
    cw_sb_filter_value (values, eni->subnet_id);
  else if (g_str_equal (name, "availability-zone"))
    cw_sb_filter_value (values, eni->zone_name);
  else if (g_str_has_suffix (name, "private-ip-address"))
    cw_sb_filter_value (values, eni->private_ip);
  else if (g_str_equal (name, "association.public-ip"))
    cw_sb_filter_value (values, eni->public_ip);
  else if (g_str_equal (name, "description"))
    cw_sb_filter_value (values, eni->description);
  else if (g_str_equal (name, "interface-type"))
    cw_sb_filter_value (values, eni->interface_type);
  else if (g_str_equal (name, "requester-id"))
    cw_sb_filter_value (values, eni->requester_id);
  else if (g_str_equal (name, "requester-managed"))
    cw_sb_filter_value (values, "true");
  else if (g_str_equal (name, "status"))
    cw_sb_filter_value (values, "in-use");
  else if (g_str_equal (name, "group-id"))
    cw_sb_ec2_add_values (values, eni->group_ids);
  else
    cw_sb_filter_value (values, CW_SB_ACCOUNT_ID);
  return TRUE;
}

static void
write_association (CwSbAwsCall          *call,
                   CwSbNetworkInterface *eni)
{
  g_autofree char *dashed = NULL;
  g_autofree char *dns = NULL;

  if (eni->public_ip == NULL)
    return;
  dashed = g_strdelimit (g_strdup (eni->public_ip), ".", '-');
  dns = g_strdup_printf ("ec2-%s.compute-1.amazonaws.com", dashed);
  cw_sb_xml_open (call->xml, "association");
  cw_sb_xml_text (call->xml, "ipOwnerId", "amazon");
  cw_sb_xml_text (call->xml, "publicDnsName", dns);
  cw_sb_xml_text (call->xml, "publicIp", eni->public_ip);
  cw_sb_xml_close (call->xml);
}

static void
write_interface_groups (CwSbAwsCall          *call,
                        CwSbNetworkInterface *eni)
{
  cw_sb_xml_open (call->xml, "groupSet");
  for (guint i = 0; eni->group_ids != NULL && eni->group_ids[i] != NULL; i++)
    {
      CwSbSecurityGroup *group = cw_sandbox_world_peek (call->world, CW_SB_SECURITY_GROUP, eni->group_ids[i]);

      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "groupId", eni->group_ids[i]);
      cw_sb_xml_text (call->xml, "groupName", group ? group->name : NULL);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

static void
write_interface (CwSbAwsCall *call,
                 gpointer     item)
{
  CwSbNetworkInterface *eni = item;
  const char *hex = eni->base.id + strlen ("eni-");
  g_autofree char *attachment = g_strconcat ("ela-attach-", hex, NULL);
  g_autofree char *dashed = g_strdelimit (g_strdup (eni->private_ip), ".", '-');
  g_autofree char *dns = g_strdup_printf ("ip-%s.ec2.internal", dashed);
  g_autofree char *mac = g_strdup_printf ("0e:%c%c:%c%c:%c%c:%c%c:%c%c", hex[0], hex[1], hex[2], hex[3], hex[4],
                                          hex[5], hex[6], hex[7], hex[8], hex[9]);

  write_association (call, eni);
  cw_sb_xml_open (call->xml, "attachment");
  cw_sb_xml_time (call->xml, "attachTime", eni->base.created);
  cw_sb_xml_text (call->xml, "attachmentId", attachment);
  cw_sb_xml_bool (call->xml, "deleteOnTermination", FALSE);
  cw_sb_xml_int (call->xml, "deviceIndex", 1);
  cw_sb_xml_int (call->xml, "networkCardIndex", 0);
  cw_sb_xml_text (call->xml, "instanceOwnerId", eni->requester_id);
  cw_sb_xml_text (call->xml, "status", "attached");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "availabilityZone", eni->zone_name);
  cw_sb_xml_text (call->xml, "description", eni->description);
  write_interface_groups (call, eni);
  cw_sb_xml_text (call->xml, "interfaceType", eni->interface_type);
  cw_sb_xml_open (call->xml, "ipv6AddressesSet");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "macAddress", mac);
  cw_sb_xml_text (call->xml, "networkInterfaceId", eni->base.id);
  cw_sb_xml_text (call->xml, "ownerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_text (call->xml, "privateDnsName", dns);
  cw_sb_xml_text (call->xml, "privateIpAddress", eni->private_ip);
  cw_sb_xml_open (call->xml, "privateIpAddressesSet");
  cw_sb_xml_open (call->xml, "item");
  write_association (call, eni);
  cw_sb_xml_bool (call->xml, "primary", TRUE);
  cw_sb_xml_text (call->xml, "privateDnsName", dns);
  cw_sb_xml_text (call->xml, "privateIpAddress", eni->private_ip);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "requesterId", eni->requester_id);
  cw_sb_xml_bool (call->xml, "requesterManaged", TRUE);
  cw_sb_xml_bool (call->xml, "sourceDestCheck", TRUE);
  cw_sb_xml_text (call->xml, "status", "in-use");
  cw_sb_xml_text (call->xml, "subnetId", eni->subnet_id);
  cw_sb_aws_write_tags (call, "tagSet", "item", eni->base.tags);
  cw_sb_xml_text (call->xml, "vpcId", eni->vpc_id);
  cw_sb_xml_bool (call->xml, "denyAllIgwTraffic", FALSE);
}

gboolean
cw_sb_ec2_describe_network_interfaces (CwSbAwsCall  *call,
                                       GError      **error)
{
  static const Describe what = { &cw_sb_ec2_eni_ids, "NetworkInterfaceId", interface_values, write_interface,
                                 "networkInterfaceSet" };

  return cw_sb_ec2_describe_by_ids (call, &what, error);
}
