/* cw-sandbox-ec2.c: the simulated EC2 (networking and VPC endpoint services) */
#define G_LOG_DOMAIN "cw-sandbox-ec2"

#include "config.h"

#include <string.h>

#include "cw-aws-error.h"
#include "cw-sandbox-aws.h"
#include "cw-sandbox-model.h"

#define ENDPOINT_HOSTED_ZONE "Z7HUB22UULQXV"

static const CwSbPaging ec2_paging = { NULL, "NextToken", "MaxResults", 0, 5, 1000 };

/* ---- ids ---- */

typedef struct {
  CwSbKind    kind;
  const char *prefix;
  const char *malformed_code;
  const char *not_found_code;
  const char *noun;            /* as in "The vpc ID 'vpc-…' does not exist" */
} IdKind;

static const IdKind vpc_ids = { CW_SB_VPC, "vpc", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "vpc ID" };
static const IdKind subnet_ids = { CW_SB_SUBNET, "subnet", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet ID" };
static const IdKind group_ids = { CW_SB_SECURITY_GROUP, "sg", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group" };
static const IdKind eni_ids = { CW_SB_NETWORK_INTERFACE, "eni", "InvalidNetworkInterfaceId.Malformed",
                                "InvalidNetworkInterfaceID.NotFound", "networkInterface ID" };
static const IdKind service_ids = { CW_SB_ENDPOINT_SERVICE, "vpce-svc", "InvalidVpcEndpointServiceId.Malformed",
                                    "InvalidVpcEndpointServiceId.NotFound", "VpcEndpointService Id" };
static const IdKind * const taggable_ids[] = { &service_ids, &vpc_ids, &subnet_ids, &group_ids, &eni_ids };

/* "sg-" followed by 8 or 17 hexadecimal digits. */
static gboolean
id_is_well_formed (const char *id,
                   const char *prefix)
{
  gsize length = strlen (prefix);
  const char *hex = id + length + 1;

  if (strncmp (id, prefix, length) != 0 || id[length] != '-' || (strlen (hex) != 8 && strlen (hex) != 17))
    return FALSE;
  for (; *hex != '\0'; hex++)
    if (!g_ascii_isxdigit (*hex))
      return FALSE;
  return TRUE;
}

static gpointer
find_by_id (CwSbAwsCall   *call,
            const IdKind  *kind,
            const char    *id,
            GError       **error)
{
  CwSbResource *resource;

  if (!id_is_well_formed (id, kind->prefix))
    {
      cw_sb_aws_fail (error, 400, kind->malformed_code, "Invalid id: \"%s\" (expecting \"%s-...\")", id, kind->prefix);
      return NULL;
    }
  resource = cw_sandbox_world_find (call->world, kind->kind, id);
  if (resource == NULL || g_strcmp0 (resource->region, call->region) != 0)
    {
      cw_sb_aws_fail (error, 400, kind->not_found_code, "The %s '%s' does not exist", kind->noun, id);
      return NULL;
    }
  return resource;
}

static gpointer
require_by_id (CwSbAwsCall   *call,
               const IdKind  *kind,
               const char    *param,
               GError       **error)
{
  const char *id = cw_sb_aws_require (call, param, error);

  return id ? find_by_id (call, kind, id, error) : NULL;
}

static void
add_values (GPtrArray  *values,
            char      **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    cw_sb_filter_value (values, strv[i]);
}

static gboolean
is_filter (const char * const *names,
           const char         *name)
{
  return g_strv_contains (names, name);
}

/* ---- describing ---- */

typedef struct {
  const IdKind     *ids;       /* what the id list names, NULL when there is none */
  const char       *id_param;
  CwSbFilterValues  collect;
  CwSbWriteItem     write;
  const char       *set_name;
} Describe;

static gboolean
describe (CwSbAwsCall     *call,
          const Describe  *what,
          GPtrArray       *items,
          GError         **error)
{
  g_autofree char *next_token = NULL;

  if (!cw_sb_aws_filter (call, "Filter", what->collect, TRUE, items, error) ||
      !cw_sb_aws_page (call, &ec2_paging, items, &next_token, error))
    return FALSE;
  cw_sb_aws_write_items (call, what->set_name, "item", items, what->write);
  cw_sb_xml_text (call->xml, "nextToken", next_token);
  return TRUE;
}

/* The resources the id list names, or all of the region's when there is none. */
static GPtrArray *
listing_or_ids (CwSbAwsCall     *call,
                const Describe  *what,
                GError         **error)
{
  g_auto(GStrv) ids = what->ids ? cw_sb_params_strings (call->params, what->id_param) : NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (ids == NULL || ids[0] == NULL)
    return cw_sb_aws_listing (call, what->ids->kind);
  items = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gpointer resource = find_by_id (call, what->ids, ids[i], error);

      if (resource == NULL)
        return NULL;
      if (!g_ptr_array_find (items, resource, NULL))
        g_ptr_array_add (items, resource);
    }
  return g_steal_pointer (&items);
}

static gboolean
describe_by_ids (CwSbAwsCall     *call,
                 const Describe  *what,
                 GError         **error)
{
  g_autoptr(GPtrArray) items = listing_or_ids (call, what, error);

  return items != NULL && describe (call, what, items, error);
}

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

  if (!is_filter (names, name) || zone == NULL)
    return is_filter (names, name);
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

static gboolean
describe_availability_zones (CwSbAwsCall  *call,
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

  if (!is_filter (names, name) || vpc == NULL)
    return is_filter (names, name);
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

static gboolean
describe_vpcs (CwSbAwsCall  *call,
               GError      **error)
{
  static const Describe what = { &vpc_ids, "VpcId", vpc_values, write_vpc, "vpcSet" };

  return describe_by_ids (call, &what, error);
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

  if (!is_filter (names, name) || subnet == NULL)
    return is_filter (names, name);
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

static gboolean
describe_subnets (CwSbAwsCall  *call,
                  GError      **error)
{
  static const Describe what = { &subnet_ids, "SubnetId", subnet_values, write_subnet, "subnetSet" };

  return describe_by_ids (call, &what, error);
}

/* ---- security groups ---- */

static gboolean
group_values (CwSandboxWorld *world,
              gpointer        item,
              const char     *name,
              GPtrArray      *values)
{
  static const char * const names[] = { "group-id", "group-name", "vpc-id", "description", "owner-id",
                                        "ip-permission.group-id", "ip-permission.cidr",
                                        "ip-permission.from-port", "ip-permission.to-port",
                                        "ip-permission.protocol", NULL };
  CwSbSecurityGroup *group = item;

  if (!is_filter (names, name) || group == NULL)
    return is_filter (names, name);
  if (g_str_equal (name, "group-id"))
    cw_sb_filter_value (values, group->base.id);
  else if (g_str_equal (name, "group-name"))
    cw_sb_filter_value (values, group->name);
  else if (g_str_equal (name, "vpc-id"))
    cw_sb_filter_value (values, group->vpc_id);
  else if (g_str_equal (name, "description"))
    cw_sb_filter_value (values, group->description);
  else if (g_str_equal (name, "owner-id"))
    cw_sb_filter_value (values, CW_SB_ACCOUNT_ID);
  for (guint i = 0; g_str_has_prefix (name, "ip-permission.") && i < group->ingress->len; i++)
    {
      CwSbRule *rule = group->ingress->pdata[i];

      if (g_str_equal (name, "ip-permission.group-id"))
        cw_sb_filter_value (values, rule->group_id);
      else if (g_str_equal (name, "ip-permission.cidr"))
        cw_sb_filter_value (values, rule->cidr);
      else if (g_str_equal (name, "ip-permission.protocol"))
        cw_sb_filter_value (values, rule->protocol);
      else
        g_ptr_array_add (values, g_strdup_printf ("%d", g_str_equal (name, "ip-permission.from-port")
                                                          ? rule->from_port : rule->to_port));
    }
  return TRUE;
}

static gboolean
same_ports (CwSbRule *a,
            CwSbRule *b)
{
  return g_str_equal (a->protocol, b->protocol) && a->from_port == b->from_port && a->to_port == b->to_port;
}

static gboolean
same_rule (CwSbRule *a,
           CwSbRule *b)
{
  return same_ports (a, b) && g_strcmp0 (a->cidr, b->cidr) == 0 && g_strcmp0 (a->group_id, b->group_id) == 0;
}

static void
write_permission_sources (CwSbAwsCall *call,
                          GPtrArray   *rules,
                          CwSbRule    *model)
{
  cw_sb_xml_open (call->xml, "groups");
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];

      if (rule->group_id == NULL || !same_ports (rule, model))
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "description", rule->description);
      cw_sb_xml_text (call->xml, "groupId", rule->group_id);
      cw_sb_xml_text (call->xml, "userId", CW_SB_ACCOUNT_ID);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_xml_open (call->xml, "ipRanges");
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];

      if (rule->cidr == NULL || !same_ports (rule, model))
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "cidrIp", rule->cidr);
      cw_sb_xml_text (call->xml, "description", rule->description);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

/* AWS groups the rules of one protocol and port range into one permission. */
static void
write_permissions (CwSbAwsCall *call,
                   const char  *name,
                   GPtrArray   *rules)
{
  cw_sb_xml_open (call->xml, name);
  for (guint i = 0; i < rules->len; i++)
    {
      CwSbRule *rule = rules->pdata[i];
      gboolean first = TRUE;

      for (guint j = 0; first && j < i; j++)
        first = !same_ports (rules->pdata[j], rule);
      if (!first)
        continue;
      cw_sb_xml_open (call->xml, "item");
      cw_sb_xml_text (call->xml, "ipProtocol", rule->protocol);
      if (!g_str_equal (rule->protocol, "-1"))
        {
          cw_sb_xml_int (call->xml, "fromPort", rule->from_port);
          cw_sb_xml_int (call->xml, "toPort", rule->to_port);
        }
      write_permission_sources (call, rules, rule);
      cw_sb_xml_open (call->xml, "ipv6Ranges");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_open (call->xml, "prefixListIds");
      cw_sb_xml_close (call->xml);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
}

static void
write_group (CwSbAwsCall *call,
             gpointer     item)
{
  CwSbSecurityGroup *group = item;

  cw_sb_xml_text (call->xml, "ownerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  cw_sb_xml_text (call->xml, "groupName", group->name);
  cw_sb_xml_text (call->xml, "groupDescription", group->description);
  cw_sb_xml_text (call->xml, "vpcId", group->vpc_id);
  write_permissions (call, "ipPermissions", group->ingress);
  write_permissions (call, "ipPermissionsEgress", group->egress);
  cw_sb_aws_write_tags (call, "tagSet", "item", group->base.tags);
}

static CwSbVpc *
default_vpc (CwSbAwsCall *call)
{
  GPtrArray *vpcs = cw_sandbox_world_list (call->world, CW_SB_VPC);

  for (guint i = 0; i < vpcs->len; i++)
    {
      CwSbVpc *vpc = vpcs->pdata[i];

      if (vpc->is_default && g_str_equal (vpc->base.region, call->region))
        return vpc;
    }
  return NULL;
}

/* Names find groups of the default VPC only, as in AWS. */
static CwSbSecurityGroup *
find_group_by_name (CwSbAwsCall  *call,
                    const char   *name,
                    GError      **error)
{
  CwSbVpc *vpc = default_vpc (call);
  GPtrArray *groups = cw_sandbox_world_list (call->world, CW_SB_SECURITY_GROUP);

  for (guint i = 0; vpc != NULL && i < groups->len; i++)
    {
      CwSbSecurityGroup *group = groups->pdata[i];

      if (g_str_equal (group->vpc_id, vpc->base.id) && g_str_equal (group->name, name))
        return group;
    }
  cw_sb_aws_fail (error, 400, "InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC '%s'",
                  name, vpc ? vpc->base.id : "none");
  return NULL;
}

static gboolean
describe_security_groups (CwSbAwsCall  *call,
                          GError      **error)
{
  static const Describe what = { &group_ids, "GroupId", group_values, write_group, "securityGroupInfo" };
  g_auto(GStrv) names = cw_sb_params_strings (call->params, "GroupName");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (names[0] == NULL)
    return describe_by_ids (call, &what, error);
  ids = cw_sb_params_strings (call->params, "GroupId");
  items = ids[0] != NULL ? listing_or_ids (call, &what, error) : g_ptr_array_new ();
  for (guint i = 0; items != NULL && names[i] != NULL; i++)
    {
      CwSbSecurityGroup *group = find_group_by_name (call, names[i], error);

      if (group == NULL)
        return FALSE;
      if (!g_ptr_array_find (items, group, NULL))
        g_ptr_array_add (items, group);
    }
  return items != NULL && describe (call, &what, items, error);
}

static gboolean
read_tag_specifications (CwSbAwsCall  *call,
                         const char   *resource_type,
                         GPtrArray    *tags,
                         GError      **error)
{
  g_autoptr(GPtrArray) specifications = cw_sb_params_items (call->params, "TagSpecification");

  for (guint i = 0; i < specifications->len; i++)
    {
      const char *type = cw_sb_params_get (specifications->pdata[i], "ResourceType");

      if (g_strcmp0 (type, resource_type) != 0)
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                               "'%s' is not a valid taggable resource type for this operation.", type ? type : "");
      if (!cw_sb_aws_read_tags (call, specifications->pdata[i], "Tag", tags, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
group_name_is_valid (const char *text,
                     gsize       max_length)
{
  static const char extra[] = " ._-:/()#,@[]+=&;{}!$*";

  if (*text == '\0' || strlen (text) > max_length)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isalnum (*text) && strchr (extra, *text) == NULL)
      return FALSE;
  return TRUE;
}

static CwSbSecurityGroup *
group_named_in_vpc (CwSandboxWorld *world,
                    const char     *vpc_id,
                    const char     *name)
{
  GPtrArray *groups = cw_sandbox_world_list (world, CW_SB_SECURITY_GROUP);

  for (guint i = 0; i < groups->len; i++)
    {
      CwSbSecurityGroup *group = groups->pdata[i];

      if (g_str_equal (group->vpc_id, vpc_id) && g_str_equal (group->name, name))
        return group;
    }
  return NULL;
}

static gboolean
create_security_group (CwSbAwsCall  *call,
                       GError      **error)
{
  const char *name = cw_sb_aws_require (call, "GroupName", error);
  const char *description = name ? cw_sb_aws_require (call, "GroupDescription", error) : NULL;
  const char *vpc_id = cw_sb_aws_param (call, "VpcId");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbSecurityGroup *group;
  CwSbVpc *vpc;

  if (description == NULL)
    return FALSE;
  if (!group_name_is_valid (name, 255) || g_str_has_prefix (name, "sg-"))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Value (%s) for parameter GroupName is invalid. Group names may be up to 255 characters "
                           "from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* and may not start with sg-", name);
  if (!group_name_is_valid (description, 255))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Value (%s) for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.",
                           description);
  vpc = vpc_id ? find_by_id (call, &vpc_ids, vpc_id, error) : default_vpc (call);
  if (vpc == NULL)
    return vpc_id ? FALSE : cw_sb_aws_fail (error, 400, "VPCIdNotSpecified", "No default VPC for this user");
  if (group_named_in_vpc (call->world, vpc->base.id, name) != NULL)
    return cw_sb_aws_fail (error, 400, "InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'",
                           name, vpc->base.id);
  if (!read_tag_specifications (call, "security-group", tags, error))
    return FALSE;
  group = cw_sb_model_add_security_group (call->world, call->region, vpc->base.id, name, description);
  cw_sb_tags_copy (group->base.tags, tags);
  cw_sb_aws_created (call, group);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  if (tags->len > 0)
    cw_sb_aws_write_tags (call, "tagSet", "item", group->base.tags);
  return TRUE;
}

/* "tcp", "6" → "tcp"; "-1", "all" → "-1". */
static const char *
normalize_protocol (const char *text)
{
  static const char * const aliases[][2] = {
    { "tcp", "tcp" }, { "6", "tcp" }, { "udp", "udp" }, { "17", "udp" },
    { "icmp", "icmp" }, { "1", "icmp" }, { "-1", "-1" }, { "all", "-1" },
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (text, aliases[i][0]) == 0)
      return aliases[i][1];
  return NULL;
}

static gboolean
parse_port (const char *text,
            int        *port)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  *port = (int) value;
  return *text != '\0' && *end == '\0' && value >= -1 && value <= 65535;
}

typedef struct {
  const char *protocol;
  int         from_port;
  int         to_port;
} Ports;

static gboolean
read_ports (CwSbParams  *node,
            const char  *protocol_text,
            Ports       *ports,
            GError     **error)
{
  ports->protocol = normalize_protocol (protocol_text);
  if (protocol_text == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter IpProtocol");
  if (ports->protocol == NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Invalid value '%s' for IP protocol. Unknown protocol.", protocol_text);
  if (g_str_equal (ports->protocol, "-1"))
    {
      ports->from_port = ports->to_port = -1;
      return TRUE;
    }
  if (!parse_port (cw_sb_params_get (node, "FromPort"), &ports->from_port) ||
      !parse_port (cw_sb_params_get (node, "ToPort"), &ports->to_port) ||
      (!g_str_equal (ports->protocol, "icmp") && (ports->from_port < 0 || ports->from_port > ports->to_port)))
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
  return TRUE;
}

static CwSbRule *
rule_spec (const Ports *ports,
           const char  *cidr,
           const char  *group_id,
           const char  *description)
{
  CwSbRule *rule = g_new0 (CwSbRule, 1);

  rule->protocol = g_strdup (ports->protocol);
  rule->from_port = ports->from_port;
  rule->to_port = ports->to_port;
  rule->cidr = g_strdup (cidr);
  rule->group_id = g_strdup (group_id);
  rule->description = g_strdup (description);
  return rule;
}

static gboolean
read_sources (CwSbAwsCall        *call,
              CwSbSecurityGroup  *group,
              CwSbParams         *permission,
              const Ports        *ports,
              GPtrArray          *specs,
              GError            **error)
{
  g_autoptr(GPtrArray) ranges = cw_sb_params_items (permission, "IpRanges");
  g_autoptr(GPtrArray) sources = cw_sb_params_items (permission, "Groups");
  g_autoptr(GPtrArray) ipv6_ranges = cw_sb_params_items (permission, "Ipv6Ranges");
  g_autoptr(GPtrArray) prefix_lists = cw_sb_params_items (permission, "PrefixListIds");
  guint32 network;
  guint prefix;

  if (ipv6_ranges->len > 0 || prefix_lists->len > 0)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "The sandbox's VPCs have no IPv6 and no prefix lists");
  if (ranges->len == 0 && sources->len == 0)
    return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                           "A permission needs at least one IP range or security group");
  for (guint i = 0; i < ranges->len; i++)
    {
      const char *cidr = cw_sb_params_get (ranges->pdata[i], "CidrIp");

      if (!cw_sb_parse_cidr (cidr, &network, &prefix))
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "CIDR block %s is malformed", cidr ? cidr : "");
      g_ptr_array_add (specs, rule_spec (ports, cidr, NULL, cw_sb_params_get (ranges->pdata[i], "Description")));
    }
  for (guint i = 0; i < sources->len; i++)
    {
      const char *id = cw_sb_params_get (sources->pdata[i], "GroupId");
      CwSbSecurityGroup *source = id ? find_by_id (call, &group_ids, id, error) : NULL;

      if (id == NULL)
        return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter groupId");
      if (source == NULL)
        return FALSE;
      if (!g_str_equal (source->vpc_id, group->vpc_id))
        return cw_sb_aws_fail (error, 400, "InvalidGroup.NotFound",
                               "You have specified two resources that belong to different networks.");
      g_ptr_array_add (specs, rule_spec (ports, NULL, id, cw_sb_params_get (sources->pdata[i], "Description")));
    }
  return TRUE;
}

/* The rules a request describes, from IpPermissions or the old top-level form. */
static GPtrArray *
read_permissions (CwSbAwsCall        *call,
                  CwSbSecurityGroup  *group,
                  GError            **error)
{
  g_autoptr(GPtrArray) permissions = cw_sb_params_items (call->params, "IpPermissions");
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sb_rule_free);
  const char *cidr = cw_sb_aws_param (call, "CidrIp");
  Ports ports;

  if (permissions->len == 0)
    {
      if (cidr == NULL)
        {
          cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter IpPermissions");
          return NULL;
        }
      if (!read_ports (call->params, cw_sb_aws_param (call, "IpProtocol"), &ports, error))
        return NULL;
      g_ptr_array_add (specs, rule_spec (&ports, cidr, NULL, NULL));
    }
  for (guint i = 0; i < permissions->len; i++)
    if (!read_ports (permissions->pdata[i], cw_sb_params_get (permissions->pdata[i], "IpProtocol"), &ports, error) ||
        !read_sources (call, group, permissions->pdata[i], &ports, specs, error))
      return NULL;
  return g_steal_pointer (&specs);
}

static CwSbRule *
find_rule (GPtrArray *rules,
           CwSbRule  *spec)
{
  for (guint i = 0; i < rules->len; i++)
    if (same_rule (rules->pdata[i], spec))
      return rules->pdata[i];
  return NULL;
}

static CwSbSecurityGroup *
target_group_of_request (CwSbAwsCall  *call,
                         GError      **error)
{
  const char *id = cw_sb_aws_param (call, "GroupId");
  const char *name = cw_sb_aws_param (call, "GroupName");

  if (id != NULL)
    return find_by_id (call, &group_ids, id, error);
  if (name != NULL)
    return find_group_by_name (call, name, error);
  cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter groupId");
  return NULL;
}

static void
write_rule (CwSbAwsCall       *call,
            CwSbSecurityGroup *group,
            CwSbRule          *rule,
            gboolean           egress)
{
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "securityGroupRuleId", rule->rule_id);
  cw_sb_xml_text (call->xml, "groupId", group->base.id);
  cw_sb_xml_text (call->xml, "groupOwnerId", CW_SB_ACCOUNT_ID);
  cw_sb_xml_bool (call->xml, "isEgress", egress);
  cw_sb_xml_text (call->xml, "ipProtocol", rule->protocol);
  cw_sb_xml_int (call->xml, "fromPort", rule->from_port);
  cw_sb_xml_int (call->xml, "toPort", rule->to_port);
  cw_sb_xml_text (call->xml, "cidrIpv4", rule->cidr);
  if (rule->group_id != NULL)
    {
      cw_sb_xml_open (call->xml, "referencedGroupInfo");
      cw_sb_xml_text (call->xml, "groupId", rule->group_id);
      cw_sb_xml_text (call->xml, "userId", CW_SB_ACCOUNT_ID);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_text (call->xml, "description", rule->description);
  cw_sb_xml_close (call->xml);
}

static GPtrArray *
rules_of (CwSbSecurityGroup *group,
          gboolean           egress)
{
  return egress ? group->egress : group->ingress;
}

/* Ingress and egress take the same parameters: a rule's peer is a source or a
 * destination. */
static gboolean
authorize_rules (CwSbAwsCall  *call,
                 gboolean      egress,
                 GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);
  g_autoptr(GPtrArray) specs = group ? read_permissions (call, group, error) : NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  if (specs == NULL)
    return FALSE;
  for (guint i = 0; i < specs->len; i++)
    {
      CwSbRule *spec = specs->pdata[i];

      if (find_rule (rules_of (group, egress), spec) != NULL || find_rule (specs, spec) != spec)
        return cw_sb_aws_fail (error, 400, "InvalidPermission.Duplicate",
                               "the specified rule \"peer: %s, %s, from port: %d, to port: %d, ALLOW\" already exists",
                               spec->cidr ? spec->cidr : spec->group_id,
                               g_str_equal (spec->protocol, "-1") ? "ALL" : spec->protocol,
                               spec->from_port, spec->to_port);
    }
  for (guint i = 0; i < specs->len; i++)
    {
      CwSbRule *spec = specs->pdata[i];

      g_ptr_array_add (added, cw_sb_model_add_rule (call->world, rules_of (group, egress), spec->protocol,
                                                    spec->from_port, spec->to_port, spec->cidr, spec->group_id,
                                                    spec->description));
    }
  cw_sb_xml_bool (call->xml, "return", TRUE);
  cw_sb_xml_open (call->xml, "securityGroupRuleSet");
  for (guint i = 0; i < added->len; i++)
    write_rule (call, group, added->pdata[i], egress);
  cw_sb_xml_close (call->xml);
  return TRUE;
}

static gboolean
authorize_security_group_ingress (CwSbAwsCall  *call,
                                  GError      **error)
{
  return authorize_rules (call, FALSE, error);
}

static gboolean
authorize_security_group_egress (CwSbAwsCall  *call,
                                 GError      **error)
{
  return authorize_rules (call, TRUE, error);
}

static gboolean
collect_rules_by_id (GPtrArray          *rules,
                     char              **rule_ids,
                     GPtrArray          *found,
                     GError            **error)
{
  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      CwSbRule *rule = NULL;

      for (guint r = 0; rule == NULL && r < rules->len; r++)
        if (g_str_equal (((CwSbRule *) rules->pdata[r])->rule_id, rule_ids[i]))
          rule = rules->pdata[r];
      if (rule == NULL)
        return cw_sb_aws_fail (error, 400, "InvalidSecurityGroupRuleId.NotFound",
                               "The security group rule ID '%s' does not exist", rule_ids[i]);
      g_ptr_array_add (found, rule);
    }
  return TRUE;
}

/* Rules that do not exist are reported back, not refused, unless none exists. */
static gboolean
revoke_rules (CwSbAwsCall  *call,
              gboolean      egress,
              GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);
  g_auto(GStrv) rule_ids = cw_sb_params_strings (call->params, "SecurityGroupRuleId");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) specs = NULL;
  GPtrArray *rules;

  if (group == NULL)
    return FALSE;
  rules = rules_of (group, egress);
  if (rule_ids[0] != NULL && !collect_rules_by_id (rules, rule_ids, found, error))
    return FALSE;
  if (rule_ids[0] == NULL)
    {
      specs = read_permissions (call, group, error);
      if (specs == NULL)
        return FALSE;
      for (guint i = 0; i < specs->len; i++)
        {
          CwSbRule *rule = find_rule (rules, specs->pdata[i]);

          g_ptr_array_add (rule ? found : unknown, rule ? rule : specs->pdata[i]);
        }
    }
  if (found->len == 0)
    return cw_sb_aws_fail (error, 400, "InvalidPermission.NotFound",
                           "The specified rule does not exist in this security group.");
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_remove (rules, found->pdata[i]);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  if (unknown->len > 0)
    write_permissions (call, "unknownIpPermissionSet", unknown);
  return TRUE;
}

static gboolean
revoke_security_group_ingress (CwSbAwsCall  *call,
                               GError      **error)
{
  return revoke_rules (call, FALSE, error);
}

static gboolean
revoke_security_group_egress (CwSbAwsCall  *call,
                              GError      **error)
{
  return revoke_rules (call, TRUE, error);
}

static gboolean
strv_has (char       **strv,
          const char  *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

static gboolean
rules_name_group (GPtrArray         *rules,
                  CwSbSecurityGroup *group)
{
  for (guint r = 0; r < rules->len; r++)
    if (g_strcmp0 (((CwSbRule *) rules->pdata[r])->group_id, group->base.id) == 0)
      return TRUE;
  return FALSE;
}

/* Another group's rule, a network interface (a database's, or a deleted NLB's that has
 * not gone yet) or a load balancer still using the group. */
static gboolean
group_is_used (CwSandboxWorld    *world,
               CwSbSecurityGroup *group)
{
  GPtrArray *groups = cw_sandbox_world_list (world, CW_SB_SECURITY_GROUP);
  GPtrArray *enis = cw_sandbox_world_list (world, CW_SB_NETWORK_INTERFACE);
  GPtrArray *lbs = cw_sandbox_world_list (world, CW_SB_LOAD_BALANCER);

  for (guint i = 0; i < groups->len; i++)
    {
      CwSbSecurityGroup *other = groups->pdata[i];

      if (other != group && (rules_name_group (other->ingress, group) || rules_name_group (other->egress, group)))
        return TRUE;
    }
  for (guint i = 0; i < enis->len; i++)
    if (strv_has (((CwSbNetworkInterface *) enis->pdata[i])->group_ids, group->base.id))
      return TRUE;
  for (guint i = 0; i < lbs->len; i++)
    if (strv_has (((CwSbLoadBalancer *) lbs->pdata[i])->group_ids, group->base.id))
      return TRUE;
  return FALSE;
}

static gboolean
delete_security_group (CwSbAwsCall  *call,
                       GError      **error)
{
  CwSbSecurityGroup *group = target_group_of_request (call, error);

  if (group == NULL)
    return FALSE;
  if (g_str_equal (group->name, "default"))
    return cw_sb_aws_fail (error, 400, "CannotDelete",
                           "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", group->base.id);
  if (group_is_used (call->world, group))
    return cw_sb_aws_fail (error, 400, "DependencyViolation", "resource %s has a dependent object", group->base.id);
  cw_sandbox_world_remove (call->world, group);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
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

  if (!is_filter (names, name) || eni == NULL)
    return is_filter (names, name);
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
    add_values (values, eni->group_ids);
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

static gboolean
describe_network_interfaces (CwSbAwsCall  *call,
                             GError      **error)
{
  static const Describe what = { &eni_ids, "NetworkInterfaceId", interface_values, write_interface,
                                 "networkInterfaceSet" };

  return describe_by_ids (call, &what, error);
}

/* ---- VPC endpoint services ---- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
service_zone_names (CwSandboxWorld      *world,
                    CwSbEndpointService *service)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; service->lb_arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_peek (world, CW_SB_LOAD_BALANCER, service->lb_arns[i]);
      g_auto(GStrv) zones = lb ? cw_sb_model_lb_zone_names (world, lb) : NULL;

      for (guint z = 0; zones != NULL && zones[z] != NULL; z++)
        if (!g_ptr_array_find_with_equal_func (names, zones[z], g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (zones[z]));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
write_service (CwSbAwsCall *call,
               gpointer     item)
{
  CwSbEndpointService *service = item;
  g_auto(GStrv) zones = service_zone_names (call->world, service);
  g_autofree char *base_dns = g_strdup_printf ("%s.%s.vpce.amazonaws.com", service->base.id, service->base.region);
  const char * const base_names[] = { base_dns, NULL };
  const char * const ip_types[] = { "ipv4", NULL };

  cw_sb_xml_open (call->xml, "serviceType");
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "serviceType", "Interface");
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "serviceId", service->base.id);
  cw_sb_xml_text (call->xml, "serviceName", service->name);
  cw_sb_xml_text (call->xml, "serviceState", cw_sb_model_service_state (call->world, service));
  cw_sb_xml_strings (call->xml, "availabilityZoneSet", "item", (const char * const *) zones);
  cw_sb_xml_bool (call->xml, "acceptanceRequired", service->acceptance_required);
  cw_sb_xml_bool (call->xml, "managesVpcEndpoints", FALSE);
  cw_sb_xml_strings (call->xml, "networkLoadBalancerArnSet", "item", (const char * const *) service->lb_arns);
  cw_sb_xml_strings (call->xml, "supportedIpAddressTypeSet", "item", ip_types);
  cw_sb_xml_strings (call->xml, "baseEndpointDnsNameSet", "item", base_names);
  cw_sb_xml_text (call->xml, "payerResponsibility", "ServiceOwner");
  cw_sb_aws_write_tags (call, "tagSet", "item", service->base.tags);
}

static gboolean
service_values (CwSandboxWorld *world,
                gpointer        item,
                const char     *name,
                GPtrArray      *values)
{
  static const char * const names[] = { "service-name", "service-id", "service-state",
                                        "supported-ip-address-types", NULL };
  CwSbEndpointService *service = item;

  if (!is_filter (names, name) || service == NULL)
    return is_filter (names, name);
  if (g_str_equal (name, "service-name"))
    cw_sb_filter_value (values, service->name);
  else if (g_str_equal (name, "service-id"))
    cw_sb_filter_value (values, service->base.id);
  else if (g_str_equal (name, "service-state"))
    cw_sb_filter_value (values, cw_sb_model_service_state (world, service));
  else
    cw_sb_filter_value (values, "ipv4");
  return TRUE;
}

static gboolean
describe_vpc_endpoint_service_configurations (CwSbAwsCall  *call,
                                              GError      **error)
{
  static const Describe what = { &service_ids, "ServiceId", service_values, write_service,
                                 "serviceConfigurationSet" };

  return describe_by_ids (call, &what, error);
}

static CwSbEndpointService *
service_with_client_token (CwSbAwsCall *call,
                           const char  *token)
{
  GPtrArray *services = cw_sandbox_world_list (call->world, CW_SB_ENDPOINT_SERVICE);

  for (guint i = 0; token != NULL && i < services->len; i++)
    {
      CwSbEndpointService *service = services->pdata[i];

      if (g_strcmp0 (service->client_token, token) == 0 && g_str_equal (service->base.region, call->region))
        return service;
    }
  return NULL;
}

static gboolean
check_service_load_balancers (CwSbAwsCall  *call,
                              char        **arns,
                              GError      **error)
{
  if (arns[0] == NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameter",
                           "At least one network load balancer or gateway load balancer must be specified.");
  for (guint i = 0; arns[i] != NULL; i++)
    {
      CwSbLoadBalancer *lb = cw_sandbox_world_find (call->world, CW_SB_LOAD_BALANCER, arns[i]);

      if (lb == NULL || !g_str_equal (lb->base.region, call->region))
        return cw_sb_aws_fail (error, 400, "InvalidParameter", "The load balancer %s does not exist.", arns[i]);
      if (!g_str_equal (lb->type, "network"))
        return cw_sb_aws_fail (error, 400, "InvalidParameter", "The load balancer %s is not a Network Load Balancer.",
                               arns[i]);
      if (cw_sb_model_service_of_lb (call->world, arns[i]) != NULL)
        return cw_sb_aws_fail (error, 400, "InvalidParameter",
                               "The load balancer %s is already associated with another VPC endpoint service.",
                               arns[i]);
    }
  return TRUE;
}

static gboolean
check_ip_address_types (CwSbAwsCall  *call,
                        GError      **error)
{
  g_auto(GStrv) types = cw_sb_params_strings (call->params, "SupportedIpAddressType");

  for (guint i = 0; types[i] != NULL; i++)
    if (!g_str_equal (types[i], "ipv4"))
      return cw_sb_aws_fail (error, 400, "InvalidParameter",
                             "The load balancers of this service do not support the IP address type %s.", types[i]);
  return TRUE;
}

static void
write_created_service (CwSbAwsCall         *call,
                       CwSbEndpointService *service)
{
  cw_sb_xml_open (call->xml, "serviceConfiguration");
  write_service (call, service);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "clientToken", service->client_token);
}

/* The client token makes the call idempotent: the same token with the same load
 * balancers answers the service it made; with others it is refused. */
static gboolean
create_vpc_endpoint_service_configuration (CwSbAwsCall  *call,
                                           GError      **error)
{
  const char *token = cw_sb_aws_param (call, "ClientToken");
  g_auto(GStrv) arns = cw_sb_params_strings (call->params, "NetworkLoadBalancerArn");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  CwSbEndpointService *service = service_with_client_token (call, token);
  gboolean acceptance_required;

  if (!cw_sb_aws_bool (call, "AcceptanceRequired", FALSE, &acceptance_required, error))
    return FALSE;
  if (service != NULL)
    {
      if (!g_strv_equal ((const char * const *) arns, (const char * const *) service->lb_arns) ||
          acceptance_required != service->acceptance_required)
        return cw_sb_aws_fail (error, 400, "IdempotentParameterMismatch",
                               "The client token %s has already been used with different parameters.", token);
      write_created_service (call, service);
      return TRUE;
    }
  if (cw_sb_aws_param (call, "GatewayLoadBalancerArn.1") != NULL)
    return cw_sb_aws_fail (error, 400, "InvalidParameter", "The sandbox has no Gateway Load Balancers.");
  if (!check_service_load_balancers (call, arns, error) || !check_ip_address_types (call, error) ||
      !read_tag_specifications (call, "vpc-endpoint-service", tags, error))
    return FALSE;
  service = cw_sb_model_add_endpoint_service (call->world, call->region, (const char * const *) arns,
                                              acceptance_required);
  service->client_token = g_strdup (token);
  cw_sb_tags_copy (service->base.tags, tags);
  cw_sb_aws_created (call, service);
  write_created_service (call, service);
  return TRUE;
}

/* ---- who may connect ---- */

static const char *
principal_type (const char *principal)
{
  if (g_str_equal (principal, "*"))
    return "All";
  if (g_str_has_suffix (principal, ":root"))
    return "Account";
  return strstr (principal, ":role/") ? "Role" : "User";
}

static gboolean
principal_is_valid (const char *principal)
{
  return g_str_equal (principal, "*") ||
         g_regex_match_simple ("^arn:aws:iam::[0-9]{12}:(root|user/[A-Za-z0-9+=,.@_/-]+|role/[A-Za-z0-9+=,.@_/-]+)$",
                               principal, 0, 0);
}

static void
write_principal (CwSbAwsCall         *call,
                 CwSbEndpointService *service,
                 CwSbPrincipal       *allowed,
                 gboolean             with_tags)
{
  cw_sb_xml_text (call->xml, "principalType", principal_type (allowed->principal));
  cw_sb_xml_text (call->xml, "principal", allowed->principal);
  cw_sb_xml_text (call->xml, "servicePermissionId", allowed->permission_id);
  if (with_tags)
    {
      cw_sb_xml_open (call->xml, "tagSet");
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_text (call->xml, "serviceId", service->base.id);
}

static gboolean
modify_vpc_endpoint_service_permissions (CwSbAwsCall  *call,
                                         GError      **error)
{
  CwSbEndpointService *service = require_by_id (call, &service_ids, "ServiceId", error);
  g_auto(GStrv) add = cw_sb_params_strings (call->params, "AddAllowedPrincipals");
  g_auto(GStrv) remove = cw_sb_params_strings (call->params, "RemoveAllowedPrincipals");

  if (service == NULL)
    return FALSE;
  for (guint i = 0; add[i] != NULL; i++)
    if (!principal_is_valid (add[i]))
      return cw_sb_aws_fail (error, 400, "InvalidPrincipal", "Invalid Principal: '%s'", add[i]);
  for (guint i = 0; remove[i] != NULL; i++)
    if (!principal_is_valid (remove[i]))
      return cw_sb_aws_fail (error, 400, "InvalidPrincipal", "Invalid Principal: '%s'", remove[i]);
  cw_sb_xml_open (call->xml, "addedPrincipalSet");
  for (guint i = 0; add[i] != NULL; i++)
    {
      cw_sb_xml_open (call->xml, "item");
      write_principal (call, service, cw_sb_model_allow_principal (call->world, service, add[i]), FALSE);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  for (guint i = 0; remove[i] != NULL; i++)
    for (guint p = service->principals->len; p > 0; p--)
      if (g_str_equal (((CwSbPrincipal *) service->principals->pdata[p - 1])->principal, remove[i]))
        g_ptr_array_remove_index (service->principals, p - 1);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}

/* Principals are not resources: they page by position. */
static guint64
position_key (gpointer item,
              guint    index)
{
  return index + 1;
}

static gboolean
principal_values (CwSandboxWorld *world,
                  gpointer        item,
                  const char     *name,
                  GPtrArray      *values)
{
  static const char * const names[] = { "principal", "principal-type", NULL };
  CwSbPrincipal *allowed = item;

  if (!is_filter (names, name) || allowed == NULL)
    return is_filter (names, name);
  cw_sb_filter_value (values, g_str_equal (name, "principal") ? allowed->principal : principal_type (allowed->principal));
  return TRUE;
}

static gboolean
describe_vpc_endpoint_service_permissions (CwSbAwsCall  *call,
                                           GError      **error)
{
  static const CwSbPaging paging = { position_key, "NextToken", "MaxResults", 0, 5, 1000 };
  CwSbEndpointService *service = require_by_id (call, &service_ids, "ServiceId", error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_token = NULL;

  if (service == NULL)
    return FALSE;
  items = g_ptr_array_copy (service->principals, NULL, NULL);
  g_ptr_array_set_free_func (items, NULL);
  if (!cw_sb_aws_filter (call, "Filter", principal_values, FALSE, items, error) ||
      !cw_sb_aws_page (call, &paging, items, &next_token, error))
    return FALSE;
  cw_sb_xml_open (call->xml, "allowedPrincipals");
  for (guint i = 0; i < items->len; i++)
    {
      cw_sb_xml_open (call->xml, "item");
      write_principal (call, service, items->pdata[i], TRUE);
      cw_sb_xml_close (call->xml);
    }
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "nextToken", next_token);
  return TRUE;
}

/* ---- endpoint connections and their acceptance ---- */

static gboolean
connection_values (CwSandboxWorld *world,
                   gpointer        item,
                   const char     *name,
                   GPtrArray      *values)
{
  static const char * const names[] = { "service-id", "vpc-endpoint-owner", "vpc-endpoint-state",
                                        "vpc-endpoint-id", "ip-address-type", NULL };
  CwSbEndpointConnection *connection = item;

  if (!is_filter (names, name) || connection == NULL)
    return is_filter (names, name);
  if (g_str_equal (name, "service-id"))
    cw_sb_filter_value (values, connection->service_id);
  else if (g_str_equal (name, "vpc-endpoint-owner"))
    cw_sb_filter_value (values, connection->owner);
  else if (g_str_equal (name, "vpc-endpoint-state"))
    cw_sb_filter_value (values, connection->state);
  else if (g_str_equal (name, "vpc-endpoint-id"))
    cw_sb_filter_value (values, connection->base.id);
  else
    cw_sb_filter_value (values, "ipv4");
  return TRUE;
}

static void
write_connection (CwSbAwsCall *call,
                  gpointer     item)
{
  CwSbEndpointConnection *connection = item;
  CwSbEndpointService *service = cw_sandbox_world_peek (call->world, CW_SB_ENDPOINT_SERVICE, connection->service_id);
  g_autofree char *suffix = g_strndup (connection->connection_id + strlen ("vpce-con-"), 8);
  g_autofree char *dns = g_strdup_printf ("%s-%s.%s.%s.vpce.amazonaws.com", connection->base.id, suffix,
                                          connection->service_id, connection->base.region);

  cw_sb_xml_text (call->xml, "serviceId", connection->service_id);
  cw_sb_xml_text (call->xml, "vpcEndpointId", connection->base.id);
  cw_sb_xml_text (call->xml, "vpcEndpointOwner", connection->owner);
  cw_sb_xml_text (call->xml, "vpcEndpointState", connection->state);
  cw_sb_xml_time (call->xml, "creationTimestamp", connection->base.created);
  cw_sb_xml_open (call->xml, "dnsEntrySet");
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_text (call->xml, "dnsName", dns);
  cw_sb_xml_text (call->xml, "hostedZoneId", ENDPOINT_HOSTED_ZONE);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_strings (call->xml, "networkLoadBalancerArnSet", "item",
                     service ? (const char * const *) service->lb_arns : NULL);
  cw_sb_xml_text (call->xml, "ipAddressType", "ipv4");
  cw_sb_xml_text (call->xml, "vpcEndpointConnectionId", connection->connection_id);
  cw_sb_aws_write_tags (call, "tagSet", "item", connection->base.tags);
}

static gboolean
describe_vpc_endpoint_connections (CwSbAwsCall  *call,
                                   GError      **error)
{
  static const Describe what = { NULL, NULL, connection_values, write_connection, "vpcEndpointConnectionSet" };
  g_autoptr(GPtrArray) items = cw_sb_aws_listing (call, CW_SB_ENDPOINT_CONNECTION);

  return describe (call, &what, items, error);
}

static void
write_unsuccessful (CwSbAwsCall *call,
                    const char  *resource_id,
                    const char  *code,
                    const char  *message)
{
  cw_sb_xml_open (call->xml, "item");
  cw_sb_xml_open (call->xml, "error");
  cw_sb_xml_text (call->xml, "code", code);
  cw_sb_xml_text (call->xml, "message", message);
  cw_sb_xml_close (call->xml);
  cw_sb_xml_text (call->xml, "resourceId", resource_id);
  cw_sb_xml_close (call->xml);
}

typedef void (*ConnectionDecision) (CwSandboxWorld         *world,
                                    CwSbEndpointConnection *connection);

/* Only requests that wait for acceptance can be accepted; a live one can still be
 * rejected. The others come back in the unsuccessful list. */
static gboolean
decide_connections (CwSbAwsCall         *call,
                    ConnectionDecision   decide,
                    gboolean             live_too,
                    GError             **error)
{
  CwSbEndpointService *service = require_by_id (call, &service_ids, "ServiceId", error);
  g_auto(GStrv) endpoint_ids = cw_sb_params_strings (call->params, "VpcEndpointId");

  if (service == NULL)
    return FALSE;
  if (endpoint_ids[0] == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter VpcEndpointId");
  cw_sb_xml_open (call->xml, "unsuccessful");
  for (guint i = 0; endpoint_ids[i] != NULL; i++)
    {
      CwSbEndpointConnection *connection = cw_sb_model_connection_of_endpoint (call->world, endpoint_ids[i]);
      g_autofree char *message = NULL;

      if (connection == NULL || !g_str_equal (connection->service_id, service->base.id))
        {
          message = g_strdup_printf ("The Vpc Endpoint Id '%s' does not exist", endpoint_ids[i]);
          write_unsuccessful (call, endpoint_ids[i], "InvalidVpcEndpointId.NotFound", message);
        }
      else if (g_str_equal (connection->state, "pendingAcceptance") ||
               (live_too && (g_str_equal (connection->state, "available") || g_str_equal (connection->state, "pending"))))
        decide (call->world, connection);
      else
        {
          message = g_strdup_printf ("The Vpc Endpoint '%s' is in state %s", endpoint_ids[i], connection->state);
          write_unsuccessful (call, endpoint_ids[i], "InvalidState", message);
        }
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}

static gboolean
accept_vpc_endpoint_connections (CwSbAwsCall  *call,
                                 GError      **error)
{
  return decide_connections (call, cw_sb_model_accept_connection, FALSE, error);
}

static gboolean
reject_vpc_endpoint_connections (CwSbAwsCall  *call,
                                 GError      **error)
{
  return decide_connections (call, cw_sb_model_reject_connection, TRUE, error);
}

static gboolean
service_has_connections (CwSandboxWorld      *world,
                         CwSbEndpointService *service)
{
  static const char * const live[] = { "pendingAcceptance", "pending", "available", "deleting", NULL };
  GPtrArray *connections = cw_sandbox_world_list (world, CW_SB_ENDPOINT_CONNECTION);

  for (guint i = 0; i < connections->len; i++)
    {
      CwSbEndpointConnection *connection = connections->pdata[i];

      if (g_str_equal (connection->service_id, service->base.id) && g_strv_contains (live, connection->state))
        return TRUE;
    }
  return FALSE;
}

static gboolean
delete_vpc_endpoint_service_configurations (CwSbAwsCall  *call,
                                            GError      **error)
{
  g_auto(GStrv) ids = cw_sb_params_strings (call->params, "ServiceId");

  if (ids[0] == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter ServiceId");
  cw_sb_xml_open (call->xml, "unsuccessful");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) missing = NULL;
      CwSbEndpointService *service = find_by_id (call, &service_ids, ids[i], &missing);

      if (service == NULL)
        write_unsuccessful (call, ids[i], cw_aws_error_get_code (missing), cw_aws_error_get_aws_message (missing));
      else if (service_has_connections (call->world, service))
        write_unsuccessful (call, ids[i], "ExistingVpcEndpointConnections",
                            "Service has existing active VPC Endpoint connections");
      else if (!service->deleting)
        cw_sb_model_delete_endpoint_service (call->world, service);
    }
  cw_sb_xml_close (call->xml);
  return TRUE;
}

/* ---- tags ---- */

static const IdKind *
taggable_kind (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (taggable_ids); i++)
    if (id_is_well_formed (id, taggable_ids[i]->prefix))
      return taggable_ids[i];
  return NULL;
}

static gboolean
create_tags (CwSbAwsCall  *call,
             GError      **error)
{
  g_auto(GStrv) ids = cw_sb_params_strings (call->params, "ResourceId");
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();
  g_autoptr(GPtrArray) resources = g_ptr_array_new ();

  if (ids[0] == NULL)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter ResourceId");
  if (!cw_sb_aws_read_tags (call, NULL, "Tag", tags, error))
    return FALSE;
  if (tags->len == 0)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter Tag");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const IdKind *kind = taggable_kind (ids[i]);
      CwSbResource *resource;

      if (kind == NULL)
        return cw_sb_aws_fail (error, 400, "InvalidID", "The ID '%s' is not valid", ids[i]);
      resource = find_by_id (call, kind, ids[i], error);
      if (resource == NULL)
        return FALSE;
      g_ptr_array_add (resources, resource);
    }
  for (guint i = 0; i < resources->len; i++)
    cw_sb_tags_copy (((CwSbResource *) resources->pdata[i])->tags, tags);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}

static const CwSbAwsOperation operations[] = {
  { "AcceptVpcEndpointConnections", accept_vpc_endpoint_connections },
  { "AuthorizeSecurityGroupEgress", authorize_security_group_egress },
  { "AuthorizeSecurityGroupIngress", authorize_security_group_ingress },
  { "CreateSecurityGroup", create_security_group },
  { "CreateTags", create_tags },
  { "CreateVpcEndpointServiceConfiguration", create_vpc_endpoint_service_configuration },
  { "DeleteSecurityGroup", delete_security_group },
  { "DeleteVpcEndpointServiceConfigurations", delete_vpc_endpoint_service_configurations },
  { "DescribeAvailabilityZones", describe_availability_zones },
  { "DescribeNetworkInterfaces", describe_network_interfaces },
  { "DescribeSecurityGroups", describe_security_groups },
  { "DescribeSubnets", describe_subnets },
  { "DescribeVpcEndpointConnections", describe_vpc_endpoint_connections },
  { "DescribeVpcEndpointServiceConfigurations", describe_vpc_endpoint_service_configurations },
  { "DescribeVpcEndpointServicePermissions", describe_vpc_endpoint_service_permissions },
  { "DescribeVpcs", describe_vpcs },
  { "ModifyVpcEndpointServicePermissions", modify_vpc_endpoint_service_permissions },
  { "RejectVpcEndpointConnections", reject_vpc_endpoint_connections },
  { "RevokeSecurityGroupEgress", revoke_security_group_egress },
  { "RevokeSecurityGroupIngress", revoke_security_group_ingress },
};

const CwSbAwsOperation *
cw_sb_ec2_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}
