/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-ec2.c: the simulated EC2 (networking and VPC endpoint services): its ids,
 * describing with filters and pages, tags and the table of operations; the operations
 * live one file per family (see cw-sandbox-ec2-private.h) */
#define G_LOG_DOMAIN "cw-sandbox-ec2"

#include "config.h"

#include <string.h>

#include "cw-sandbox-ec2-private.h"

static const CwSbPaging ec2_paging = { NULL, "NextToken", "MaxResults", 0, 5, 1000 };

/* ---- ids ---- */

const IdKind cw_sb_ec2_vpc_ids = {
  CW_SB_VPC, "vpc", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "vpc ID"
};
const IdKind cw_sb_ec2_subnet_ids = {
  CW_SB_SUBNET, "subnet", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet ID"
};
const IdKind cw_sb_ec2_group_ids = {
  CW_SB_SECURITY_GROUP, "sg", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group"
};
const IdKind cw_sb_ec2_eni_ids = {
  CW_SB_NETWORK_INTERFACE, "eni", "InvalidNetworkInterfaceId.Malformed", "InvalidNetworkInterfaceID.NotFound",
  "networkInterface ID"
};
const IdKind cw_sb_ec2_service_ids = {
  CW_SB_ENDPOINT_SERVICE, "vpce-svc", "InvalidVpcEndpointServiceId.Malformed", "InvalidVpcEndpointServiceId.NotFound",
  "VpcEndpointService Id"
};
static const IdKind * const taggable_ids[] = {
  &cw_sb_ec2_service_ids, &cw_sb_ec2_vpc_ids, &cw_sb_ec2_subnet_ids, &cw_sb_ec2_group_ids, &cw_sb_ec2_eni_ids
};

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

gpointer
cw_sb_ec2_find_by_id (CwSbAwsCall   *call,
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

gpointer
cw_sb_ec2_require_by_id (CwSbAwsCall   *call,
                         const IdKind  *kind,
                         const char    *param,
                         GError       **error)
{
  const char *id = cw_sb_aws_require (call, param, error);

  return id ? cw_sb_ec2_find_by_id (call, kind, id, error) : NULL;
}

void
cw_sb_ec2_add_values (GPtrArray  *values,
                      char      **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    cw_sb_filter_value (values, strv[i]);
}

gboolean
cw_sb_ec2_is_filter (const char * const *names,
                     const char         *name)
{
  return g_strv_contains (names, name);
}

/* ---- describing ---- */

gboolean
cw_sb_ec2_describe (CwSbAwsCall     *call,
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
GPtrArray *
cw_sb_ec2_listing_or_ids (CwSbAwsCall     *call,
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
      gpointer resource = cw_sb_ec2_find_by_id (call, what->ids, ids[i], error);

      if (resource == NULL)
        return NULL;
      if (!g_ptr_array_find (items, resource, NULL))
        g_ptr_array_add (items, resource);
    }
  return g_steal_pointer (&items);
}

gboolean
cw_sb_ec2_describe_by_ids (CwSbAwsCall     *call,
                           const Describe  *what,
                           GError         **error)
{
  g_autoptr(GPtrArray) items = cw_sb_ec2_listing_or_ids (call, what, error);

  return items != NULL && cw_sb_ec2_describe (call, what, items, error);
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

/* The resources @call names in ResourceId.N, each a taggable one that exists. */
static GPtrArray *
find_tagged_resources (CwSbAwsCall  *call,
                       GError      **error)
{
  g_auto(GStrv) ids = cw_sb_params_strings (call->params, "ResourceId");
  g_autoptr(GPtrArray) resources = g_ptr_array_new ();

  if (ids[0] == NULL)
    {
      cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter ResourceId");
      return NULL;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const IdKind *kind = taggable_kind (ids[i]);
      CwSbResource *resource;

      if (kind == NULL)
        {
          cw_sb_aws_fail (error, 400, "InvalidID", "The ID '%s' is not valid", ids[i]);
          return NULL;
        }
      resource = cw_sb_ec2_find_by_id (call, kind, ids[i], error);
      if (resource == NULL)
        return NULL;
      g_ptr_array_add (resources, resource);
    }
  return g_steal_pointer (&resources);
}

/* EC2's rule: a key given without a value goes whatever its value; with a value, only
 * if the value matches. A tag that is not there is no error. */
static void
delete_matching_tags (GPtrArray  *tags,
                      CwSbParams *item)
{
  const char *key = cw_sb_params_get (item, "Key");
  const char *value = cw_sb_params_get (item, "Value");

  for (guint i = tags->len; i > 0; i--)
    {
      CwSbTag *tag = g_ptr_array_index (tags, i - 1);

      if (g_strcmp0 (tag->key, key) == 0 && (value == NULL || g_strcmp0 (tag->value, value) == 0))
        g_ptr_array_remove_index (tags, i - 1);
    }
}

static gboolean
create_tags (CwSbAwsCall  *call,
             GError      **error)
{
  g_autoptr(GPtrArray) resources = find_tagged_resources (call, error);
  g_autoptr(GPtrArray) tags = cw_sb_tags_new ();

  if (resources == NULL || !cw_sb_aws_read_tags (call, NULL, "Tag", tags, error))
    return FALSE;
  if (tags->len == 0)
    return cw_sb_aws_fail (error, 400, "MissingParameter", "The request must contain the parameter Tag");
  for (guint i = 0; i < resources->len; i++)
    cw_sb_tags_copy (((CwSbResource *) resources->pdata[i])->tags, tags);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}

static gboolean
delete_tags (CwSbAwsCall  *call,
             GError      **error)
{
  g_autoptr(GPtrArray) resources = find_tagged_resources (call, error);
  g_autoptr(GPtrArray) items = cw_sb_params_items (call->params, "Tag");

  if (resources == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const char *key = cw_sb_params_get (items->pdata[i], "Key");

      if (key == NULL || *key == '\0')
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue", "Tag keys must be 1 to 128 characters long");
      if (g_str_has_prefix (key, "aws:"))
        return cw_sb_aws_fail (error, 400, "InvalidParameterValue",
                               "Tag keys starting with 'aws:' are reserved for internal use");
    }
  for (guint r = 0; r < resources->len; r++)
    for (guint i = 0; i < items->len; i++)
      delete_matching_tags (((CwSbResource *) resources->pdata[r])->tags, items->pdata[i]);
  cw_sb_xml_bool (call->xml, "return", TRUE);
  return TRUE;
}

static const CwSbAwsOperation operations[] = {
  { "AcceptVpcEndpointConnections", cw_sb_ec2_accept_vpc_endpoint_connections },
  { "AuthorizeSecurityGroupEgress", cw_sb_ec2_authorize_security_group_egress },
  { "AuthorizeSecurityGroupIngress", cw_sb_ec2_authorize_security_group_ingress },
  { "CreateSecurityGroup", cw_sb_ec2_create_security_group },
  { "CreateTags", create_tags },
  { "CreateVpcEndpointServiceConfiguration", cw_sb_ec2_create_vpc_endpoint_service_configuration },
  { "DeleteSecurityGroup", cw_sb_ec2_delete_security_group },
  { "DeleteTags", delete_tags },
  { "DeleteVpcEndpointServiceConfigurations", cw_sb_ec2_delete_vpc_endpoint_service_configurations },
  { "DescribeAvailabilityZones", cw_sb_ec2_describe_availability_zones },
  { "DescribeNetworkInterfaces", cw_sb_ec2_describe_network_interfaces },
  { "DescribeSecurityGroups", cw_sb_ec2_describe_security_groups },
  { "DescribeSubnets", cw_sb_ec2_describe_subnets },
  { "DescribeVpcEndpointConnections", cw_sb_ec2_describe_vpc_endpoint_connections },
  { "DescribeVpcEndpointServiceConfigurations", cw_sb_ec2_describe_vpc_endpoint_service_configurations },
  { "DescribeVpcEndpointServicePermissions", cw_sb_ec2_describe_vpc_endpoint_service_permissions },
  { "DescribeVpcs", cw_sb_ec2_describe_vpcs },
  { "ModifyVpcEndpointServicePermissions", cw_sb_ec2_modify_vpc_endpoint_service_permissions },
  { "RejectVpcEndpointConnections", cw_sb_ec2_reject_vpc_endpoint_connections },
  { "RevokeSecurityGroupEgress", cw_sb_ec2_revoke_security_group_egress },
  { "RevokeSecurityGroupIngress", cw_sb_ec2_revoke_security_group_ingress },
};

const CwSbAwsOperation *
cw_sb_ec2_operations (guint *n_operations)
{
  *n_operations = G_N_ELEMENTS (operations);
  return operations;
}
